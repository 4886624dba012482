/* briefing-image-cache.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-image-cache"

#include "config.h"

#include "briefing-image-cache.h"

#include "briefing-fetcher.h"
#include "briefing-url.h"
#include "briefing-utils.h"

#include <string.h>

/* Remote images are fetched by the app, never by the article page: one
 * request per image URL however many views want it, a size limit, and
 * only bytes that really are a raster image (no SVG, which can carry
 * script) are kept, in $XDG_CACHE_HOME/briefing/images.
 *
 * A feed names its images, so a feed on the internet could have the
 * reader's machine send requests into their own network (a router's
 * admin page, a printer) by naming images there. Images of a feed served
 * from the internet are therefore fetched public-only: never from this
 * machine, its link or a private network, as browsers' Private Network
 * Access has it. Images of a feed the reader subscribed to on their own
 * network may come from anywhere. The requests carry no cookies (the
 * session has no cookie jar) and no Referer. */

struct _BriefingImageCache
{
  GObject          parent_instance;

  char            *directory;
  BriefingFetcher *fetcher;          /* for feeds on this machine or its networks */
  BriefingFetcher *public_fetcher;   /* for feeds on the internet */
  GHashTable      *in_flight;        /* URL -> GPtrArray of GTask */
  GHashTable      *origin_scopes;    /* feed host -> ORIGIN_PUBLIC or ORIGIN_LOCAL */
};

enum {
  ORIGIN_UNKNOWN,
  ORIGIN_PUBLIC,
  ORIGIN_LOCAL,
};

G_DEFINE_FINAL_TYPE (BriefingImageCache, briefing_image_cache, G_TYPE_OBJECT)

#define MAX_IMAGE_SIZE (10 * 1024 * 1024)

static void
briefing_image_cache_dispose (GObject *object)
{
  BriefingImageCache *self = (BriefingImageCache *)object;

  g_clear_object (&self->fetcher);
  g_clear_object (&self->public_fetcher);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->origin_scopes, g_hash_table_unref);

  G_OBJECT_CLASS (briefing_image_cache_parent_class)->dispose (object);
}

static void
briefing_image_cache_finalize (GObject *object)
{
  BriefingImageCache *self = (BriefingImageCache *)object;

  g_free (self->directory);

  G_OBJECT_CLASS (briefing_image_cache_parent_class)->finalize (object);
}

static void
briefing_image_cache_class_init (BriefingImageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_image_cache_dispose;
  object_class->finalize = briefing_image_cache_finalize;
}

static void
briefing_image_cache_init (BriefingImageCache *self)
{
  self->fetcher = briefing_fetcher_new ();
  briefing_fetcher_set_max_size (self->fetcher, MAX_IMAGE_SIZE);
  briefing_fetcher_set_timeouts (self->fetcher, 15, 30);

  /* Its own session: its kept-alive connections all went to the
   * internet. */
  self->public_fetcher = briefing_fetcher_new ();
  briefing_fetcher_set_max_size (self->public_fetcher, MAX_IMAGE_SIZE);
  briefing_fetcher_set_timeouts (self->public_fetcher, 15, 30);
  briefing_fetcher_set_scope (self->public_fetcher, BRIEFING_FETCHER_SCOPE_PUBLIC_ONLY);

  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->origin_scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * briefing_image_cache_new:
 * @directory: (nullable): where to keep images; %NULL for
 *   $XDG_CACHE_HOME/briefing/images
 */
BriefingImageCache *
briefing_image_cache_new (const char *directory)
{
  BriefingImageCache *self = g_object_new (BRIEFING_TYPE_IMAGE_CACHE, NULL);

  self->directory = directory != NULL ? g_strdup (directory)
                                      : g_build_filename (g_get_user_cache_dir (), BRIEFING_DIRNAME, "images", NULL);

  return self;
}

/**
 * briefing_image_sniff_type:
 *
 * Returns: (nullable): the MIME type of a raster image format we show,
 *   judged by its first bytes, or %NULL for anything else
 */
const char *
briefing_image_sniff_type (const guint8 *data,
                           gsize         len)
{
  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "image/jpeg";
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (len >= 12 && memcmp (data + 4, "ftypavif", 8) == 0)
    return "image/avif";

  return NULL;
}

static GFile *
cache_file (BriefingImageCache *self,
            const char         *url)
{
  g_autofree char *hash = briefing_sha256_hex (url, -1);
  g_autofree char *path = g_build_filename (self->directory, hash, NULL);

  g_assert (BRIEFING_IS_IMAGE_CACHE (self));

  return g_file_new_for_path (path);
}

/**
 * briefing_image_cache_lookup:
 *
 * Returns: (transfer full) (nullable): the cached copy of @url, if any
 */
GFile *
briefing_image_cache_lookup (BriefingImageCache *self,
                             const char         *url)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (BRIEFING_IS_IMAGE_CACHE (self), NULL);

  file = cache_file (self, url);
  if (!g_file_query_exists (file, NULL))
    return NULL;

  return g_steal_pointer (&file);
}

static void
complete_all (BriefingImageCache *self,
              const char         *url,
              GFile              *file,
              const char         *content_type,
              const GError       *error)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *key = NULL;

  g_assert (BRIEFING_IS_IMAGE_CACHE (self));

  if (!g_hash_table_steal_extended (self->in_flight, url, (gpointer *) &key, (gpointer *) &waiting))
    return;

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      g_task_set_task_data (task, g_strdup (content_type), g_free);
      if (file != NULL)
        g_task_return_pointer (task, g_object_ref (file), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

typedef struct
{
  BriefingImageCache *self;
  char               *url;
  char               *origin_host;
  gboolean            local_origin;   /* the feed is a file of the reader's */
  GFile              *file;
  char               *content_type;
} Store;

static void
store_free (Store *store)
{
  g_object_unref (store->self);
  g_free (store->url);
  g_free (store->origin_host);
  g_clear_object (&store->file);
  g_free (store->content_type);
  g_free (store);
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Store *store = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    complete_all (store->self, store->url, NULL, NULL, error);
  else
    complete_all (store->self, store->url, store->file, store->content_type, NULL);

  store_free (store);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Store *store = user_data;
  g_autoptr(BriefingFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const guint8 *data;
  gsize len;

  fetched = briefing_fetcher_fetch_finish (BRIEFING_FETCHER (object), result, NULL, &error);
  if (fetched == NULL || fetched->body == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The image could not be fetched");
      complete_all (store->self, store->url, NULL, NULL, error);
      store_free (store);
      return;
    }

  data = g_bytes_get_data (fetched->body, &len);
  store->content_type = g_strdup (briefing_image_sniff_type (data, len));
  if (store->content_type == NULL)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a JPEG, PNG, GIF, WebP or AVIF image",
                           store->url);
      complete_all (store->self, store->url, NULL, NULL, error);
      store_free (store);
      return;
    }

  dir = g_path_get_dirname (g_file_peek_path (store->file));
  g_mkdir_with_parents (dir, 0700);
  g_file_replace_contents_bytes_async (store->file, fetched->body, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       NULL, replace_cb, store);
}

/* The host of the feed an image belongs to; NULL when the feed is not
 * on the web (bundled, a local file) or unknown. */
static char *
origin_host (const char *origin_url)
{
  g_autoptr(GUri) uri = NULL;

  if (origin_url == NULL)
    return NULL;

  uri = briefing_url_parse_web (origin_url, BRIEFING_URL_WEB_ALLOW_USERINFO, NULL);

  return uri != NULL ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
}

static void
fetch_in_scope (Store *store,
                int    scope)
{
  BriefingImageCache *self = store->self;
  BriefingFetcher *fetcher = scope == ORIGIN_LOCAL ? self->fetcher : self->public_fetcher;

  /* Not the caller's cancellable: others may be waiting for this image. */
  briefing_fetcher_fetch_async (fetcher, store->url, NULL, NULL, NULL, fetch_cb, store);
}

static void
origin_resolved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Store *store = user_data;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, NULL);
  int scope = ORIGIN_PUBLIC;

  /* A feed whose name leads into this machine or its networks is one
   * the reader set up there. A name that does not resolve gets the
   * narrower scope. */
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      if (!briefing_inet_address_is_public (l->data))
        scope = ORIGIN_LOCAL;
    }
  g_resolver_free_addresses (addresses);

  g_hash_table_insert (store->self->origin_scopes, g_strdup (store->origin_host), GINT_TO_POINTER (scope));
  fetch_in_scope (store, scope);
}

/* Whether the image's feed is on the internet: known for a host already
 * seen, read off an IP address, else looked up. An image of unknown
 * origin is fetched public-only. */
static void
decide_scope (Store *store)
{
  BriefingImageCache *self = store->self;
  g_autoptr(GInetAddress) address = NULL;
  int scope;

  if (store->origin_host == NULL)
    {
      fetch_in_scope (store, store->local_origin ? ORIGIN_LOCAL : ORIGIN_PUBLIC);
      return;
    }

  scope = GPOINTER_TO_INT (g_hash_table_lookup (self->origin_scopes, store->origin_host));
  if (scope != ORIGIN_UNKNOWN)
    {
      fetch_in_scope (store, scope);
      return;
    }

  address = g_inet_address_new_from_string (store->origin_host);
  if (address != NULL)
    {
      fetch_in_scope (store, briefing_inet_address_is_public (address) ? ORIGIN_PUBLIC : ORIGIN_LOCAL);
      return;
    }

  g_resolver_lookup_by_name_async (g_resolver_get_default (), store->origin_host, NULL, origin_resolved_cb, store);
}

/**
 * briefing_image_cache_fetch_async:
 * @origin_url: (nullable): the address of the feed that names the image,
 *   which decides where on the network the image may be fetched from
 *
 * Gets a local copy of the image at @url, fetching it once however many
 * callers ask at the same time.
 */
void
briefing_image_cache_fetch_async (BriefingImageCache  *self,
                                  const char          *url,
                                  const char          *origin_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) cached = NULL;
  GPtrArray *waiting;
  Store *store;

  g_return_if_fail (BRIEFING_IS_IMAGE_CACHE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, briefing_image_cache_fetch_async);

  cached = briefing_image_cache_lookup (self, url);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cached), g_object_unref);
      return;
    }

  if (!briefing_url_is_web (url))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Only web images are fetched");
      return;
    }

  waiting = g_hash_table_lookup (self->in_flight, url);
  if (waiting != NULL)
    {
      g_ptr_array_add (waiting, g_steal_pointer (&task));
      return;
    }

  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_steal_pointer (&task));
  g_hash_table_insert (self->in_flight, g_strdup (url), waiting);

  store = g_new0 (Store, 1);
  store->self = g_object_ref (self);
  store->url = g_strdup (url);
  store->file = cache_file (self, url);

  store->origin_host = origin_host (origin_url);
  store->local_origin = origin_url != NULL && g_str_has_prefix (origin_url, "file:");
  decide_scope (store);
}

/**
 * briefing_image_cache_fetch_finish:
 * @content_type: (out) (optional): the image's type, when known
 *
 * Returns: (transfer full): the local copy, or %NULL with @error set
 */
GFile *
briefing_image_cache_fetch_finish (BriefingImageCache  *self,
                                   GAsyncResult        *result,
                                   char               **content_type,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (content_type != NULL)
    *content_type = g_strdup (g_task_get_task_data (G_TASK (result)));

  return g_task_propagate_pointer (G_TASK (result), error);
}
