/* briefing-image-loader.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-image-loader"

#include "config.h"

#include "briefing-image-loader.h"

/* Thumbnails for the sidebar and related list. Decoding a photo takes
 * milliseconds, so it happens on a worker thread, scaled down while
 * decoding; the results are kept in a small cache so scrolling back does
 * not decode again. */

/* Enough for several screens of sidebar rows at thumbnail size. */
#define CACHE_SIZE 256

static GHashTable *cache;
static GQueue cache_order = G_QUEUE_INIT;

static char *
cache_key (const char *url,
           int         size)
{
  return g_strdup_printf ("%d:%s", size, url);
}

GdkTexture *
briefing_image_loader_lookup (const char *url,
                              int         size)
{
  g_autofree char *key = cache_key (url, size);

  if (cache == NULL)
    return NULL;

  return g_hash_table_lookup (cache, key);
}

static void
cache_insert (const char *url,
              int         size,
              GdkTexture *texture)
{
  char *key = cache_key (url, size);

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  if (g_hash_table_contains (cache, key))
    {
      g_free (key);
      return;
    }

  if (g_queue_get_length (&cache_order) >= CACHE_SIZE)
    {
      char *oldest = g_queue_pop_head (&cache_order);

      g_hash_table_remove (cache, oldest);
    }

  g_hash_table_insert (cache, key, g_object_ref (texture));
  g_queue_push_tail (&cache_order, key);
}

/**
 * briefing_image_loader_open:
 *
 * Opens an image the app may show: bundled ones (resource:) and, once
 * fetched into the cache by the app, local copies (file:). The page never
 * loads anything itself.
 *
 * Returns: (transfer full): a stream, or %NULL with @error set
 */
GInputStream *
briefing_image_loader_open (const char    *url,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFile) file = NULL;

  if (!g_str_has_prefix (url, "resource:///io/github/briefing/Briefing/"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Images from %s are not loaded", url);
      return NULL;
    }

  file = g_file_new_for_uri (url);

  return G_INPUT_STREAM (g_file_read (file, cancellable, error));
}

typedef struct
{
  char *url;
  int   size;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->url);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  stream = briefing_image_loader_open (data->url, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, data->size, data->size, TRUE, cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
briefing_image_loader_load_async (const char          *url,
                                  int                  size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  GdkTexture *cached;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, briefing_image_loader_load_async);

  cached = briefing_image_loader_lookup (url, size);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->url = g_strdup (url);
  data->size = size;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * briefing_image_loader_load_finish:
 *
 * Returns: (transfer full): the texture, or %NULL with @error set
 */
GdkTexture *
briefing_image_loader_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  GTask *task = G_TASK (result);
  GdkTexture *texture;
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  texture = g_task_propagate_pointer (task, error);
  data = g_task_get_task_data (task);
  if (texture != NULL && data != NULL)
    cache_insert (data->url, data->size, texture);

  return texture;
}
