/* briefing-sync-backend.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-sync-backend.h"

G_DEFINE_QUARK (briefing-sync-error-quark, briefing_sync_error)
G_DEFINE_INTERFACE (BriefingSyncBackend, briefing_sync_backend, G_TYPE_OBJECT)

static void
briefing_sync_backend_default_init (BriefingSyncBackendInterface *iface)
{
}

void
briefing_remote_feed_free (BriefingRemoteFeed *feed)
{
  if (feed == NULL)
    return;

  g_free (feed->id);
  g_free (feed->title);
  g_free (feed->url);
  g_free (feed->site_url);
  g_free (feed->group);
  g_free (feed);
}

static void
enclosure_free (BriefingEnclosure *enclosure)
{
  g_free (enclosure->url);
  g_free (enclosure->type);
  g_free (enclosure);
}

BriefingRemoteItem *
briefing_remote_item_new (void)
{
  BriefingRemoteItem *item = g_new0 (BriefingRemoteItem, 1);

  item->enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) enclosure_free);
  item->categories = g_ptr_array_new_with_free_func (g_free);

  return item;
}

void
briefing_remote_item_free (BriefingRemoteItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->feed_id);
  g_free (item->guid);
  g_free (item->title);
  g_free (item->link);
  g_free (item->author);
  g_free (item->summary);
  g_free (item->content);
  g_ptr_array_unref (item->enclosures);
  g_ptr_array_unref (item->categories);
  g_free (item);
}

void
briefing_sync_page_clear (BriefingSyncPage *page)
{
  g_clear_pointer (&page->token, g_free);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->next_since, g_free);
  page->done = FALSE;
  page->total = 0;
}

const char *
briefing_sync_backend_get_kind (BriefingSyncBackend *self)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), NULL);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->kind;
}

gboolean
briefing_sync_backend_login (BriefingSyncBackend  *self,
                             const char           *password,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), FALSE);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->login (self, password, cancellable, error);
}

GPtrArray *
briefing_sync_backend_list_feeds (BriefingSyncBackend  *self,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), NULL);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->list_feeds (self, cancellable, error);
}

gboolean
briefing_sync_backend_fetch_items (BriefingSyncBackend  *self,
                                   BriefingSyncPage     *page,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), FALSE);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->fetch_items (self, page, cancellable, error);
}

GHashTable *
briefing_sync_backend_fetch_ids (BriefingSyncBackend  *self,
                                 BriefingSyncField     field,
                                 const char           *since_state,
                                 char                **next_state,
                                 gboolean             *unchanged,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), NULL);

  *unchanged = FALSE;
  *next_state = NULL;

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->fetch_ids (self, field, since_state, next_state,
                                                           unchanged, cancellable, error);
}

/* Sets *marker to the backend's state marker, or NULL when it keeps none. */
gboolean
briefing_sync_backend_state_marker (BriefingSyncBackend  *self,
                                    BriefingSyncField     field,
                                    char                **marker,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  BriefingSyncBackendInterface *iface;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), FALSE);

  iface = BRIEFING_SYNC_BACKEND_GET_IFACE (self);
  *marker = iface->state_marker != NULL ? iface->state_marker (self, field, cancellable, &local_error) : NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
briefing_sync_backend_send_state (BriefingSyncBackend  *self,
                                  const char * const   *item_ids,
                                  BriefingSyncField     field,
                                  gboolean              value,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), FALSE);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->send_state (self, item_ids, field, value, cancellable, error);
}

char *
briefing_sync_backend_subscribe (BriefingSyncBackend  *self,
                                 const char           *url,
                                 const char           *group,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), NULL);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->subscribe (self, url, group, cancellable, error);
}

gboolean
briefing_sync_backend_unsubscribe (BriefingSyncBackend  *self,
                                   const char           *feed_id,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_return_val_if_fail (BRIEFING_IS_SYNC_BACKEND (self), FALSE);

  return BRIEFING_SYNC_BACKEND_GET_IFACE (self)->unsubscribe (self, feed_id, cancellable, error);
}
