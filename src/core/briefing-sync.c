/* briefing-sync.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-sync"

#include "config.h"

#include "briefing-sync.h"

#include <glib/gi18n.h>

#include "briefing-entry-draft.h"
#include "briefing-feed-private.h"
#include "briefing-secret.h"
#include "briefing-store-private.h"
#include "briefing-sync-http.h"
#include "briefing-url.h"

/* The sync engine (issue #14). One sync, on its own thread:
 *
 *  1. log in; list the server's subscriptions and make the store's
 *     account sources match them;
 *  2. page through the items new since the cursor the last complete sync
 *     ended with, each page saved as it arrives through the same path as
 *     a fetched feed (draft, sanitizer, lead photo, topics, save_feed);
 *  3. take the server's read and starred state, except where a change
 *     made here is newer (briefing-store-sync.c says how);
 *  4. send the queued changes made here, oldest first, each batch leaving
 *     the queue only once the server has taken it;
 *  5. keep the new cursor.
 *
 * A sync killed at any point loses nothing: the queue and the cursor move
 * on only after the server or the store has what they stand for, and
 * items seen twice are the same rows by their server id. */

/* The server's changes are sent in batches of this many items. */
#define SEND_BATCH 200

/* One sync, subscription change or account change at a time, whoever
 * asks (the schedule, the reader, a second round, Add Source): each reads
 * the account and its cursors, and writes them back. Recursive: a
 * subscription syncs. */
static GRecMutex sync_lock;
#define SYNC_LOCKED() \
  g_autoptr(GRecMutexLocker) G_PASTE (sync_locker, __LINE__) = g_rec_mutex_locker_new (&sync_lock)

const char *
briefing_sync_kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "ttrss") == 0)
    return _("Tiny Tiny RSS");
  if (g_strcmp0 (kind, "greader") == 0)
    return _("FreshRSS, Miniflux (Google Reader API)");

  return NULL;
}

BriefingSyncBackend *
briefing_sync_backend_new (const char       *kind,
                           BriefingSyncHttp *http,
                           const char       *server,
                           const char       *user)
{
  if (g_strcmp0 (kind, "ttrss") == 0)
    return briefing_ttrss_new (http, server, user);
  if (g_strcmp0 (kind, "greader") == 0)
    return briefing_greader_new (http, server, user);

  return NULL;
}

static BriefingSyncBackend *
backend_for (const char        *kind,
             BriefingSyncHttp  *http,
             const char        *server,
             const char        *user,
             GError           **error)
{
  BriefingSyncBackend *backend = briefing_sync_backend_new (kind, http, server, user);

  if (backend == NULL)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                 "“%s” is not a kind of sync server Briefing knows", kind);

  return backend;
}

/* Adding and removing ------------------------------------------------------- */

/**
 * briefing_sync_add_account:
 * @rejected_certificate: (out) (optional): on
 *   %BRIEFING_SYNC_ERROR_UNTRUSTED, the certificate the server showed, to
 *   ask the reader about
 *
 * Logs in once to check the address and the password, then keeps the
 * password in the Secret Service and the account in the store.
 *
 * Returns: the account's id, 0 with @error set
 */
gint64
briefing_sync_add_account (BriefingStore               *store,
                           const BriefingAccountLogin  *login,
                           char                       **rejected_certificate,
                           GCancellable                *cancellable,
                           GError                     **error)
{
  SYNC_LOCKED ();
  g_autoptr(BriefingSyncHttp) http = briefing_sync_http_new ();
  g_autoptr(BriefingSyncBackend) backend = NULL;
  g_autoptr(BriefingAccount) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *server = NULL;
  gint64 account_id;

  if (login->user == NULL || *login->user == '\0')
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH, "Enter your user name");
      return 0;
    }

  /* The reader's own server may well be on their network or this machine;
   * only the scheme is checked. */
  server = g_strstrip (g_strdup (login->server != NULL ? login->server : ""));
  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NOT_SERVER,
                   "“%s” is not a web address: it starts with https:// or http://", server);
      return 0;
    }

  existing = briefing_store_get_account (store, &local_error);
  if (existing != NULL)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "There is an account on %s already; remove it first", existing->server);
      return 0;
    }
  if (!g_error_matches (local_error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  g_clear_error (&local_error);

  briefing_sync_http_set_trusted (http, login->trusted_certificate);
  backend = backend_for (login->kind, http, server, login->user, error);
  if (backend == NULL)
    return 0;

  if (!briefing_sync_backend_login (backend, login->password != NULL ? login->password : "",
                                    cancellable, &local_error))
    {
      if (rejected_certificate != NULL &&
          g_error_matches (local_error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNTRUSTED))
        *rejected_certificate = g_strdup (briefing_sync_http_get_rejected (http));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  if (!briefing_secret_store (server, login->user, login->password, cancellable, &local_error))
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "The password could not be kept in the keyring (%s)", local_error->message);
      return 0;
    }

  account_id = briefing_store_add_account (store, login->kind, server, login->user,
                                           login->trusted_certificate, error);
  if (account_id == 0)
    briefing_secret_clear (server, login->user, NULL, NULL);

  return account_id;
}

/* Removes the account, its password, and the briefings it brought; the
 * subscriptions stay on the server. */
gboolean
briefing_sync_remove_account (BriefingStore  *store,
                              GError        **error)
{
  SYNC_LOCKED ();
  g_autoptr(BriefingAccount) account = briefing_store_get_account (store, error);
  g_autoptr(GError) local_error = NULL;

  if (account == NULL)
    return FALSE;

  if (!briefing_store_remove_account (store, account->id, error))
    return FALSE;

  if (!briefing_secret_clear (account->server, account->user, NULL, &local_error))
    g_debug ("The password of %s stays in the keyring: %s", account->server, local_error->message);

  return TRUE;
}

/* Syncing ------------------------------------------------------------------- */

typedef struct
{
  BriefingStore            *store;
  BriefingAccount          *account;
  BriefingSyncHttp         *http;
  BriefingSyncBackend      *backend;
  GHashTable               *sources;   /* server's feed id → our source id */
  BriefingSyncProgressFunc  progress;
  gpointer                  progress_data;
  BriefingSyncResult       *result;
  gint64                    now;
} Sync;

static gboolean
load_session (Sync          *sync,
              const char    *password,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *stored = NULL;

  if (password == NULL)
    {
      stored = briefing_secret_lookup (sync->account->server, sync->account->user, cancellable, error);
      if (stored == NULL)
        return FALSE;
      password = stored;
    }

  briefing_sync_http_set_trusted (sync->http, sync->account->trusted_certificate);
  sync->backend = backend_for (sync->account->kind, sync->http, sync->account->server,
                               sync->account->user, error);

  return sync->backend != NULL &&
         briefing_sync_backend_login (sync->backend, password, cancellable, error);
}

/* The server's subscriptions become the account's sources; those it no
 * longer has go, with their briefings. */
static gboolean
sync_feeds (Sync          *sync,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) feeds = briefing_sync_backend_list_feeds (sync->backend, cancellable, error);
  g_autoptr(GHashTable) before = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (feeds == NULL)
    return FALSE;

  before = briefing_store_list_remote_sources (sync->store, sync->account->id, error);
  if (before == NULL)
    return FALSE;

  g_clear_pointer (&sync->sources, g_hash_table_unref);
  sync->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < feeds->len; i++)
    {
      BriefingRemoteFeed *feed = g_ptr_array_index (feeds, i);
      gint64 source_id;

      if (feed->id == NULL || feed->url == NULL || g_hash_table_contains (sync->sources, feed->id))
        continue;

      source_id = briefing_store_save_remote_source (sync->store, sync->account->id, feed, error);
      if (source_id == 0)
        return FALSE;

      g_hash_table_insert (sync->sources, g_strdup (feed->id), g_memdup2 (&source_id, sizeof source_id));
      g_hash_table_remove (before, feed->id);
    }
  sync->result->feeds = g_hash_table_size (sync->sources);

  /* A list with none of them in it is more likely a server in trouble
   * than a reader who unsubscribed from everything elsewhere: their
   * briefings and stars stay until a list names some feeds again. */
  if (g_hash_table_size (sync->sources) == 0 && g_hash_table_size (before) > 0)
    return TRUE;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!briefing_store_remove_source (sync->store, *(gint64 *) value, error))
      return FALSE;

  return TRUE;
}

static char *
screen_url (const char *url,
            const char *base)
{
  if (url == NULL)
    return NULL;

  return briefing_url_screen (briefing_resolve_url (base, url), base);
}

/* One item as a feed parser would have made it, then finished by the same
 * code: sanitized, its lead photo chosen, its topics found. */
static BriefingEntry *
entry_from_item (BriefingFeed       *feed,
                 BriefingRemoteItem *item,
                 gint64              now)
{
  g_autoptr(BriefingEntryDraft) draft = briefing_entry_draft_new ();
  BriefingEntry *entry = draft->entry;
  g_autofree char *link = screen_url (item->link, NULL);
  g_autofree char *title = NULL;

  briefing_entry_set_guid (entry, item->id);
  briefing_entry_set_link (entry, link);

  if (item->title != NULL)
    {
      title = briefing_text_cap (briefing_text_from_html (item->title), BRIEFING_MAX_TITLE_CHARS);
      if (title != NULL && *title != '\0')
        briefing_entry_set_title (entry, g_strdelimit (title, "\t\r\n", ' '));
    }

  briefing_entry_set_published (entry, item->published > 0 ? item->published
                                       : item->updated > 0 ? item->updated : now);
  briefing_entry_set_updated (entry, item->updated);

  if (item->author != NULL && *item->author != '\0')
    {
      g_autofree char *name = briefing_text_cap (briefing_text_from_html (item->author), 200);

      if (name != NULL && *name != '\0')
        g_ptr_array_add (briefing_entry_get_authors (entry), briefing_person_new (name, NULL, NULL));
    }

  draft->content = g_strdup (item->content);
  draft->content_base = g_strdup (link);
  draft->summary = g_strdup (item->summary);
  draft->summary_base = g_strdup (link);

  for (guint i = 0; i < item->enclosures->len && i < 64; i++)
    {
      BriefingEnclosure *enclosure = g_ptr_array_index (item->enclosures, i);
      g_autofree char *url = screen_url (enclosure->url, link);

      if (url == NULL)
        continue;

      g_ptr_array_add (briefing_entry_get_enclosures (entry),
                       briefing_enclosure_new (url, enclosure->type, MAX (enclosure->length, 0)));

      if (briefing_mime_is_image (enclosure->type, url))
        {
          g_autoptr(BriefingImage) image = briefing_image_new ();

          image->url = g_strdup (url);
          briefing_entry_draft_add_image (draft, BRIEFING_IMAGE_RANK_ENCLOSURE, g_steal_pointer (&image),
                                          MAX (enclosure->length, 0), FALSE);
        }
    }

  for (guint i = 0; i < item->categories->len && i < 64; i++)
    {
      g_autofree char *label = briefing_text_cap (briefing_text_from_html (g_ptr_array_index (item->categories, i)), 200);

      if (label != NULL && *label != '\0')
        g_ptr_array_add (briefing_entry_get_categories (entry), briefing_category_new (label, NULL, NULL));
    }

  if (!briefing_entry_draft_finish (draft, feed))
    return NULL;

  return g_object_ref (entry);
}

/* A page on its way to the store. Its items become feeds (drafts
 * finished: sanitized, lead photo, topics, search text) on a thread of
 * their own, while the sync saves the page before and fetches the next:
 * that work is most of a sync's cost, and a fetched feed gets it on a
 * parse thread the same way. */
typedef struct
{
  Sync       *sync;
  GPtrArray  *items;
  GHashTable *feeds;    /* the server's feed id → BriefingFeed */
  GThread    *thread;
  guint       total;
} Page;

static gpointer
prepare_page_thread (gpointer data)
{
  Page *page = data;
  Sync *sync = page->sync;
  GHashTableIter iter;
  gpointer value;

  page->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < page->items->len; i++)
    {
      BriefingRemoteItem *item = g_ptr_array_index (page->items, i);
      BriefingFeed *feed;
      BriefingEntry *entry;

      /* An item of a feed the list did not name (subscribed meanwhile)
       * waits for the next sync. */
      if (item->id == NULL || item->feed_id == NULL || !g_hash_table_contains (sync->sources, item->feed_id))
        continue;

      feed = g_hash_table_lookup (page->feeds, item->feed_id);
      if (feed == NULL)
        {
          feed = briefing_feed_new ();
          feed->format = g_strdup (briefing_sync_backend_get_kind (sync->backend));
          g_hash_table_insert (page->feeds, item->feed_id, feed);
        }

      if (briefing_feed_is_full (feed))
        continue;

      entry = entry_from_item (feed, item, sync->now);
      if (entry != NULL)
        g_ptr_array_add (feed->entries, entry);
    }

  g_hash_table_iter_init (&iter, page->feeds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    briefing_store_prepare_feed (value);

  return NULL;
}

static Page *
prepare_page (Sync      *sync,
              GPtrArray *items,
              guint      total)
{
  Page *page = g_new0 (Page, 1);

  page->sync = sync;
  page->items = items;
  page->total = total;
  page->thread = g_thread_new ("briefing-sync-page", prepare_page_thread, page);

  return page;
}

static void
page_free (Page *page)
{
  if (page->thread != NULL)
    g_thread_join (page->thread);
  g_clear_pointer (&page->feeds, g_hash_table_unref);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

/* One page, in one transaction: each source's items saved as its feed
 * would be, and the state the server gave with them. The whole page
 * holds the store, as a refresh's batch does on the store's own thread:
 * nothing the reader does meanwhile may land inside this transaction (or
 * fail to open its own). */
static gboolean
write_page (Page    *page,
            GError **error)
{
  Sync *sync = page->sync;
  STORE_LOCKED (sync->store);
  GHashTableIter iter;
  gpointer key, value;

  BriefingSyncResult counts = { 0, };

  if (!briefing_store_begin_batch (sync->store, error))
    return FALSE;

  g_hash_table_iter_init (&iter, page->feeds);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *source_id = g_hash_table_lookup (sync->sources, key);
      BriefingSaveResult saved = { 0, };

      if (!briefing_store_save_feed (sync->store, *source_id, value, sync->now, &saved, error))
        goto fail;
      counts.added += saved.added;
      counts.updated += saved.updated;
    }

  if (!briefing_store_apply_remote_items (sync->store, sync->account->id, page->items, sync->sources,
                                          sync->account->last_sync, sync->now, error) ||
      !briefing_store_end_batch (sync->store, TRUE, error))
    goto fail;

  sync->result->added += counts.added;
  sync->result->updated += counts.updated;
  return TRUE;

fail:
  briefing_store_end_batch (sync->store, FALSE, NULL);
  return FALSE;
}

static gboolean
save_page (Page    *page,
           GError **error)
{
  Sync *sync = page->sync;

  g_thread_join (g_steal_pointer (&page->thread));

  if (!write_page (page, error))
    return FALSE;

  sync->result->items += page->items->len;
  if (sync->progress != NULL)
    sync->progress (sync->result->items, page->total, sync->progress_data);

  return TRUE;
}

static gboolean
has_unknown_feed (Sync      *sync,
                  GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      BriefingRemoteItem *item = g_ptr_array_index (items, i);

      if (item->feed_id != NULL && !g_hash_table_contains (sync->sources, item->feed_id))
        return TRUE;
    }

  return FALSE;
}

/* Fetching page n + 1 and preparing page n run beside saving page n - 1. A
 * failure still saves what came before it. */
static gboolean
sync_items (Sync          *sync,
            char         **next_cursor,
            GCancellable  *cancellable,
            GError       **error)
{
  BriefingSyncPage page = { .since = sync->account->cursor };
  Page *saving = NULL;
  gboolean saved_failed = FALSE;
  gboolean relisted = FALSE;
  gboolean ok = TRUE;

  for (;;)
    {
      Page *prepared = NULL;

      if (!briefing_sync_backend_fetch_items (sync->backend, &page, cancellable, error))
        {
          ok = FALSE;
          break;
        }

      /* A feed subscribed on the server since its list was read: read
       * it again, or the cursor would pass its items by. */
      if (page.items != NULL && !relisted && has_unknown_feed (sync, page.items))
        {
          relisted = TRUE;

          /* The page being prepared reads the list: save it first. */
          if (saving != NULL)
            {
              ok = save_page (saving, error);
              saved_failed = !ok;
              g_clear_pointer (&saving, page_free);
            }
          if (!ok || !sync_feeds (sync, cancellable, error))
            {
              ok = FALSE;
              saved_failed = TRUE;
              break;
            }
        }

      if (page.items != NULL && page.items->len > 0)
        prepared = prepare_page (sync, g_steal_pointer (&page.items), page.total);
      g_clear_pointer (&page.items, g_ptr_array_unref);

      if (saving != NULL)
        {
          ok = save_page (saving, error);
          saved_failed = !ok;
          g_clear_pointer (&saving, page_free);
        }
      saving = prepared;

      if (!ok || page.done)
        break;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
    }

  /* A fetch that failed still leaves the page before it to save; a save
   * that failed leaves nothing after it. */
  if (saving != NULL)
    {
      if (ok)
        ok = save_page (saving, error);
      else if (!saved_failed)
        save_page (saving, NULL);
      page_free (saving);
    }

  if (ok && sync->progress != NULL && sync->result->items == 0)
    sync->progress (0, 0, sync->progress_data);

  /* No new cursor (nothing new): the old one stands. */
  if (ok)
    *next_cursor = page.next_since != NULL ? g_steal_pointer (&page.next_since) : g_strdup (sync->account->cursor);
  briefing_sync_page_clear (&page);

  return ok;
}

static gboolean
sync_state (Sync               *sync,
            BriefingSyncField   field,
            const char         *since_state,
            char              **next_state,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(GHashTable) marked = NULL;
  gboolean unchanged = FALSE;

  /* A first sync's items carried every item's state. */
  if (sync->account->cursor == NULL)
    return briefing_sync_backend_state_marker (sync->backend, field, next_state, cancellable, error);

  marked = briefing_sync_backend_fetch_ids (sync->backend, field, since_state, next_state,
                                            &unchanged, cancellable, error);
  if (marked == NULL)
    return FALSE;
  if (unchanged)
    return TRUE;

  /* The server lists its unread items and its starred ones. */
  if (field == BRIEFING_SYNC_FIELD_READ)
    return briefing_store_apply_remote_state (sync->store, sync->account->id, BRIEFING_ENTRY_FIELD_READ,
                                              marked, FALSE, sync->account->last_sync, sync->now, error);

  return briefing_store_apply_remote_state (sync->store, sync->account->id, BRIEFING_ENTRY_FIELD_STARRED,
                                            marked, TRUE, sync->account->last_sync, sync->now, error);
}

/* The queue, oldest first: each run of changes setting one field to one
 * value goes as one request (or a few), and leaves the queue once the
 * server has answered. */
static gboolean
send_queued (Sync          *sync,
             GCancellable  *cancellable,
             GError       **error)
{
  for (;;)
    {
      g_autoptr(GPtrArray) queued = briefing_store_list_queued (sync->store, sync->account->id, SEND_BATCH, error);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      BriefingQueuedChange *first;
      gint64 through = 0;

      if (queued == NULL)
        return FALSE;
      if (queued->len == 0)
        return TRUE;

      first = g_ptr_array_index (queued, 0);
      for (guint i = 0; i < queued->len; i++)
        {
          BriefingQueuedChange *change = g_ptr_array_index (queued, i);

          if (change->field != first->field || change->value != first->value)
            break;
          g_ptr_array_add (ids, change->item);
          through = change->seq;
        }
      g_ptr_array_add (ids, NULL);

      if (!briefing_sync_backend_send_state (sync->backend, (const char * const *) ids->pdata,
                                             first->field == BRIEFING_ENTRY_FIELD_STARRED
                                             ? BRIEFING_SYNC_FIELD_STARRED : BRIEFING_SYNC_FIELD_READ,
                                             first->value, cancellable, error))
        return FALSE;

      if (!briefing_store_drop_queued (sync->store, sync->account->id, through, error))
        return FALSE;

      sync->result->sent += ids->len - 1;
    }
}

/**
 * briefing_sync_run:
 * @password: (nullable): the password, else the one in the keyring
 * @progress: (scope call) (nullable): told after each page
 *
 * Syncs the store's account. On failure the store keeps what the pages
 * before brought, and the account its error in words.
 */
gboolean
briefing_sync_run (BriefingStore             *store,
                   const char                *password,
                   BriefingSyncProgressFunc   progress,
                   gpointer                   user_data,
                   BriefingSyncResult        *result,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  SYNC_LOCKED ();
  g_autoptr(BriefingAccount) account = NULL;
  g_autoptr(BriefingSyncHttp) http = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *read_state = NULL;
  g_autofree char *starred_state = NULL;
  BriefingSyncResult counts = { 0, };
  Sync sync = { 0, };
  gboolean ok;

  account = briefing_store_get_account (store, &local_error);
  if (account == NULL)
    {
      if (g_error_matches (local_error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NO_ACCOUNT,
                             "There is no sync account: add one first");
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  http = briefing_sync_http_new ();
  sync.store = store;
  sync.account = account;
  sync.http = http;
  sync.progress = progress;
  sync.progress_data = user_data;
  sync.result = &counts;
  sync.now = g_get_real_time () / G_USEC_PER_SEC;

  ok = load_session (&sync, password, cancellable, &local_error) &&
       sync_feeds (&sync, cancellable, &local_error) &&
       sync_items (&sync, &cursor, cancellable, &local_error) &&
       sync_state (&sync, BRIEFING_SYNC_FIELD_READ, account->read_state, &read_state, cancellable, &local_error) &&
       sync_state (&sync, BRIEFING_SYNC_FIELD_STARRED, account->starred_state, &starred_state,
                   cancellable, &local_error);

  /* What came is kept before our changes go: a change the server keeps
   * refusing must not make every sync fetch everything again. */
  if (ok)
    {
      g_free (account->cursor);
      account->cursor = g_steal_pointer (&cursor);
      g_free (account->read_state);
      account->read_state = g_steal_pointer (&read_state);
      g_free (account->starred_state);
      account->starred_state = g_steal_pointer (&starred_state);
      ok = briefing_store_save_account (store, account, &local_error) &&
           send_queued (&sync, cancellable, &local_error);
    }

  counts.requests = briefing_sync_http_get_requests (http);
  g_clear_object (&sync.backend);
  g_clear_pointer (&sync.sources, g_hash_table_unref);

  account->last_attempt = sync.now;
  g_clear_pointer (&account->last_error, g_free);
  if (ok)
    account->last_sync = sync.now;
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    account->last_error = g_strdup (local_error->message);

  if (!briefing_store_save_account (store, account, ok ? &local_error : NULL) && ok)
    ok = FALSE;

  if (result != NULL)
    *result = counts;

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_session (BriefingStore        *store,
              const char           *password,
              BriefingAccount     **account,
              BriefingSyncHttp    **http,
              BriefingSyncBackend **backend,
              GCancellable         *cancellable,
              GError              **error)
{
  Sync sync = { 0, };

  *account = briefing_store_get_account (store, error);
  if (*account == NULL)
    return FALSE;

  *http = briefing_sync_http_new ();
  sync.store = store;
  sync.account = *account;
  sync.http = *http;
  if (!load_session (&sync, password, cancellable, error))
    {
      g_clear_object (&sync.backend);
      return FALSE;
    }

  *backend = sync.backend;
  return TRUE;
}

/**
 * briefing_sync_subscribe:
 *
 * Subscribes the account to @url on the server, then syncs, so that the
 * source and its briefings arrive as the server has them.
 *
 * Returns: the new source's id, 0 with @error set
 */
gint64
briefing_sync_subscribe (BriefingStore  *store,
                         const char     *password,
                         const char     *url,
                         const char     *group,
                         GCancellable   *cancellable,
                         GError        **error)
{
  SYNC_LOCKED ();
  g_autoptr(BriefingAccount) account = NULL;
  g_autoptr(BriefingSyncHttp) http = NULL;
  g_autoptr(BriefingSyncBackend) backend = NULL;
  g_autoptr(GHashTable) sources = NULL;
  g_autofree char *feed_id = NULL;
  gint64 *source_id;

  if (!open_session (store, password, &account, &http, &backend, cancellable, error))
    return 0;

  feed_id = briefing_sync_backend_subscribe (backend, url, group, cancellable, error);
  if (feed_id == NULL)
    return 0;

  g_clear_object (&backend);
  if (!briefing_sync_run (store, password, NULL, NULL, NULL, cancellable, error))
    return 0;

  sources = briefing_store_list_remote_sources (store, account->id, error);
  if (sources == NULL)
    return 0;

  source_id = g_hash_table_lookup (sources, feed_id);
  if (source_id == NULL)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "The server subscribed to %s but does not list it", url);
      return 0;
    }

  return *source_id;
}

gboolean
briefing_sync_unsubscribe (BriefingStore  *store,
                           const char     *password,
                           gint64          source_id,
                           GCancellable   *cancellable,
                           GError        **error)
{
  SYNC_LOCKED ();
  g_autoptr(BriefingAccount) account = NULL;
  g_autoptr(BriefingSyncHttp) http = NULL;
  g_autoptr(BriefingSyncBackend) backend = NULL;
  g_autoptr(GHashTable) sources = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!open_session (store, password, &account, &http, &backend, cancellable, error))
    return FALSE;

  sources = briefing_store_list_remote_sources (store, account->id, error);
  if (sources == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, sources);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value == source_id)
      return briefing_sync_backend_unsubscribe (backend, key, cancellable, error) &&
             briefing_store_remove_source (store, source_id, error);

  g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
               "Source %" G_GINT64_FORMAT " is not one of the account’s", source_id);
  return FALSE;
}

/* On a thread ------------------------------------------------------------- */

typedef struct
{
  BriefingStore            *store;
  BriefingSyncProgressFunc  progress;
  gpointer                  progress_data;
  GMainContext             *context;
  BriefingSyncResult        result;
  BriefingAccountLogin      login;
  char                     *rejected;
} ThreadData;

static void
thread_data_free (ThreadData *data)
{
  g_object_unref (data->store);
  g_main_context_unref (data->context);
  g_free ((char *) data->login.kind);
  g_free ((char *) data->login.server);
  g_free ((char *) data->login.user);
  if (data->login.password != NULL)
    memset ((char *) data->login.password, 0, strlen (data->login.password));
  g_free ((char *) data->login.password);
  g_free ((char *) data->login.trusted_certificate);
  g_free (data->rejected);
  g_free (data);
}

typedef struct
{
  ThreadData *data;
  guint       done;
  guint       total;
} Progress;

static gboolean
report_progress (gpointer user_data)
{
  Progress *progress = user_data;

  progress->data->progress (progress->done, progress->total, progress->data->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_on_thread (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ThreadData *data = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->data = data;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress, progress, g_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ThreadData *data = task_data;
  GError *error = NULL;

  if (briefing_sync_run (data->store, NULL, data->progress != NULL ? progress_on_thread : NULL, data,
                         &data->result, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The task holds the data until the progress reported on the main context
 * has run: it finishes after them, by the same context's queue. */
void
briefing_sync_run_async (BriefingStore            *store,
                         BriefingSyncProgressFunc  progress,
                         gpointer                  progress_data,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ThreadData *data = g_new0 (ThreadData, 1);

  data->store = g_object_ref (store);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, briefing_sync_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) thread_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
briefing_sync_run_finish (GAsyncResult        *result,
                          BriefingSyncResult  *sync_result,
                          GError             **error)
{
  ThreadData *data = g_task_get_task_data (G_TASK (result));

  if (sync_result != NULL)
    *sync_result = data->result;

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ThreadData *data = task_data;
  GError *error = NULL;
  gint64 id = briefing_sync_add_account (data->store, &data->login, &data->rejected, cancellable, &error);

  if (id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

void
briefing_sync_add_account_async (BriefingStore              *store,
                                 const BriefingAccountLogin *login,
                                 GCancellable               *cancellable,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ThreadData *data = g_new0 (ThreadData, 1);

  data->store = g_object_ref (store);
  data->context = g_main_context_ref_thread_default ();
  data->login.kind = g_strdup (login->kind);
  data->login.server = g_strdup (login->server);
  data->login.user = g_strdup (login->user);
  data->login.password = g_strdup (login->password);
  data->login.trusted_certificate = g_strdup (login->trusted_certificate);
  g_task_set_source_tag (task, briefing_sync_add_account_async);
  g_task_set_task_data (task, data, (GDestroyNotify) thread_data_free);
  g_task_run_in_thread (task, add_thread);
}

/* Returns: the account's id, 0 with @error set (as the synchronous call) */
gint64
briefing_sync_add_account_finish (GAsyncResult  *result,
                                  char         **rejected_certificate,
                                  GError       **error)
{
  ThreadData *data = g_task_get_task_data (G_TASK (result));
  gssize id;

  if (rejected_certificate != NULL)
    *rejected_certificate = g_steal_pointer (&data->rejected);

  id = g_task_propagate_int (G_TASK (result), error);

  return MAX (id, 0);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (briefing_sync_remove_account (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The keyring may ask the reader to unlock it: off the main loop. */
void
briefing_sync_remove_account_async (BriefingStore       *store,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, NULL, callback, user_data);

  g_task_set_source_tag (task, briefing_sync_remove_account_async);
  g_task_run_in_thread (task, remove_thread);
}

gboolean
briefing_sync_remove_account_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
unsubscribe_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (briefing_sync_unsubscribe (source_object, NULL, *(gint64 *) task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Removing an account's source is unsubscribing it on its server, or the
 * next sync would bring it back. */
void
briefing_sync_unsubscribe_async (BriefingStore       *store,
                                 gint64               source_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, briefing_sync_unsubscribe_async);
  g_task_set_task_data (task, g_memdup2 (&source_id, sizeof source_id), g_free);
  g_task_run_in_thread (task, unsubscribe_thread);
}

gboolean
briefing_sync_unsubscribe_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
