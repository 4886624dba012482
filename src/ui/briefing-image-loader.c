/* briefing-image-loader.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-image-loader"

#include "config.h"

#include "briefing-image-loader.h"

#include "briefing-image-cache.h"
#include "briefing-url.h"

#include <math.h>

/* Images for the window, one object the application owns: where an image URL may be read from (bundled
 * resources, or the app's cache of remote images when the reader allows
 * them), and square thumbnails decoded on a worker thread, scaled while
 * decoding and cropped to the middle, kept in a small cache so scrolling
 * back does not decode again. */

/* Enough for several screens of sidebar rows at thumbnail size. */
#define CACHE_SIZE 128

struct _BriefingImageLoader
{
  GObject             parent_instance;

  BriefingImageCache *image_cache;
  gboolean            load_remote_images;

  /* Decoded thumbnails by "size:url", oldest first in texture_order. */
  GHashTable         *textures;
  GQueue              texture_order;
};

G_DEFINE_FINAL_TYPE (BriefingImageLoader, briefing_image_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IMAGE_CACHE,
  PROP_LOAD_REMOTE_IMAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * briefing_image_loader_new:
 * @cache: (nullable): where remote images are fetched to; %NULL for none
 *
 * The window's images. The application owns one and hands it to the
 * views that show images.
 */
BriefingImageLoader *
briefing_image_loader_new (BriefingImageCache *cache)
{
  g_return_val_if_fail (cache == NULL || BRIEFING_IS_IMAGE_CACHE (cache), NULL);

  return g_object_new (BRIEFING_TYPE_IMAGE_LOADER, "image-cache", cache, NULL);
}

gboolean
briefing_image_loader_get_load_remote_images (BriefingImageLoader *self)
{
  g_return_val_if_fail (BRIEFING_IS_IMAGE_LOADER (self), FALSE);

  return self->load_remote_images;
}

/**
 * briefing_image_loader_set_load_remote_images:
 *
 * Whether remote images are fetched; without, only what the cache holds
 * already is shown.
 */
void
briefing_image_loader_set_load_remote_images (BriefingImageLoader *self,
                                              gboolean             allowed)
{
  g_return_if_fail (BRIEFING_IS_IMAGE_LOADER (self));

  allowed = !!allowed;
  if (self->load_remote_images == allowed)
    return;

  self->load_remote_images = allowed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_REMOTE_IMAGES]);
}

static char *
texture_key (const char *url,
             int         size)
{
  return g_strdup_printf ("%d:%s", size, url);
}

/**
 * briefing_image_loader_lookup:
 *
 * Returns: (transfer none) (nullable): the thumbnail of @url at @size,
 *   when one was decoded recently
 */
GdkTexture *
briefing_image_loader_lookup (BriefingImageLoader *self,
                              const char          *url,
                              int                  size)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (BRIEFING_IS_IMAGE_LOADER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  key = texture_key (url, size);

  return g_hash_table_lookup (self->textures, key);
}

static void
texture_insert (BriefingImageLoader *self,
                const char          *url,
                int                  size,
                GdkTexture          *texture)
{
  char *key = texture_key (url, size);

  g_assert (BRIEFING_IS_IMAGE_LOADER (self));

  if (g_hash_table_contains (self->textures, key))
    {
      g_free (key);
      return;
    }

  if (g_queue_get_length (&self->texture_order) >= CACHE_SIZE)
    g_hash_table_remove (self->textures, g_queue_pop_head (&self->texture_order));

  g_hash_table_insert (self->textures, key, g_object_ref (texture));
  g_queue_push_tail (&self->texture_order, key);
}

static void
cache_fetch_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GFile *file;

  file = briefing_image_cache_fetch_finish (BRIEFING_IMAGE_CACHE (object), result, NULL, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

/**
 * briefing_image_loader_resolve_async:
 * @origin_url: (nullable): the address of the feed that names the image
 *
 * Finds the local file that holds the image at @url: bundled images are
 * read from the resources, remote ones fetched into the cache (unless the
 * reader turned remote images off), from where the feed's own address
 * allows. The article page never fetches.
 */
void
briefing_image_loader_resolve_async (BriefingImageLoader *self,
                                     const char          *url,
                                     const char          *origin_url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BRIEFING_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, briefing_image_loader_resolve_async);

  if (g_str_has_prefix (url, "resource:///io/github/briefing/Briefing/"))
    g_task_return_pointer (task, g_file_new_for_uri (url), g_object_unref);
  else if (!briefing_url_is_web (url) || self->image_cache == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Images from %s are not loaded", url);
  else if (!self->load_remote_images)
    {
      g_autoptr(GFile) cached = briefing_image_cache_lookup (self->image_cache, url);

      /* What is already here may still be shown. */
      if (cached != NULL)
        g_task_return_pointer (task, g_steal_pointer (&cached), g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Remote images are turned off");
    }
  else
    briefing_image_cache_fetch_async (self->image_cache, url, origin_url, cancellable, cache_fetch_cb,
                                      g_steal_pointer (&task));
}

/**
 * briefing_image_loader_resolve_finish:
 *
 * Returns: (transfer full): the file to read the image from
 */
GFile *
briefing_image_loader_resolve_finish (BriefingImageLoader  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_IMAGE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char  *url;
  int    size;
  GFile *file;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->url);
  g_clear_object (&data->file);
  g_free (data);
}

/* Thumbnails are square: the image is decoded just large enough to cover
 * the square (never enlarged), so the decoder does the scaling. */
static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gpointer         user_data)
{
  int size = GPOINTER_TO_INT (user_data);
  double scale = MIN (1.0, MAX ((double) size / width, (double) size / height));

  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) ceil (width * scale)), MAX (1, (int) ceil (height * scale)));
}

static GdkPixbuf *
decode (GInputStream  *stream,
        int            size,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  guchar buffer[16384];
  gssize n;
  GdkPixbuf *pixbuf;
  int width, height, side_x, side_y;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), GINT_TO_POINTER (size));

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, buffer, n, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
    }

  if (n < 0)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }

  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The image could not be decoded");
      return NULL;
    }

  /* The middle of it, as the thumbnail shows it; a copy, so that the
   * rest is not kept. */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  side_x = MIN (width, size);
  side_y = MIN (height, size);
  if (side_x < width || side_y < height)
    {
      g_autoptr(GdkPixbuf) middle = gdk_pixbuf_new_subpixbuf (pixbuf, (width - side_x) / 2, (height - side_y) / 2,
                                                               side_x, side_y);

      return gdk_pixbuf_copy (middle);
    }

  return g_object_ref (pixbuf);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  stream = G_INPUT_STREAM (g_file_read (data->file, cancellable, &error));
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pixbuf = decode (stream, data->size, cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
resolved_for_load_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->file = briefing_image_loader_resolve_finish (BRIEFING_IMAGE_LOADER (object), result, &error);
  if (data->file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, decode_thread);
}

void
briefing_image_loader_load_async (BriefingImageLoader *self,
                                  const char          *url,
                                  const char          *origin_url,
                                  int                  size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  GdkTexture *cached;

  g_return_if_fail (BRIEFING_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, briefing_image_loader_load_async);

  cached = briefing_image_loader_lookup (self, url, size);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->url = g_strdup (url);
  data->size = size;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  briefing_image_loader_resolve_async (self, url, origin_url, cancellable, resolved_for_load_cb,
                                       g_steal_pointer (&task));
}

/**
 * briefing_image_loader_load_finish:
 *
 * Returns: (transfer full): the texture, or %NULL with @error set
 */
GdkTexture *
briefing_image_loader_load_finish (BriefingImageLoader  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  GTask *task = G_TASK (result);
  GdkTexture *texture;
  LoadData *data;

  g_return_val_if_fail (BRIEFING_IS_IMAGE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  texture = g_task_propagate_pointer (task, error);
  data = g_task_get_task_data (task);
  if (texture != NULL && data != NULL)
    texture_insert (self, data->url, data->size, texture);

  return texture;
}

static void
briefing_image_loader_finalize (GObject *object)
{
  BriefingImageLoader *self = (BriefingImageLoader *)object;

  g_clear_object (&self->image_cache);
  g_queue_clear (&self->texture_order);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (briefing_image_loader_parent_class)->finalize (object);
}

static void
briefing_image_loader_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BriefingImageLoader *self = BRIEFING_IMAGE_LOADER (object);

  switch (prop_id)
    {
    case PROP_IMAGE_CACHE:
      g_value_set_object (value, self->image_cache);
      break;

    case PROP_LOAD_REMOTE_IMAGES:
      g_value_set_boolean (value, self->load_remote_images);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_image_loader_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BriefingImageLoader *self = BRIEFING_IMAGE_LOADER (object);

  switch (prop_id)
    {
    case PROP_IMAGE_CACHE:
      self->image_cache = g_value_dup_object (value);
      break;

    case PROP_LOAD_REMOTE_IMAGES:
      briefing_image_loader_set_load_remote_images (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_image_loader_class_init (BriefingImageLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_image_loader_finalize;
  object_class->get_property = briefing_image_loader_get_property;
  object_class->set_property = briefing_image_loader_set_property;

  properties[PROP_IMAGE_CACHE] =
    g_param_spec_object ("image-cache", NULL, NULL,
                         BRIEFING_TYPE_IMAGE_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * BriefingImageLoader:load-remote-images:
   *
   * Whether images are fetched from the network; the application binds
   * it to the setting of the same name.
   */
  properties[PROP_LOAD_REMOTE_IMAGES] =
    g_param_spec_boolean ("load-remote-images", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
briefing_image_loader_init (BriefingImageLoader *self)
{
  self->load_remote_images = TRUE;
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->texture_order);
}
