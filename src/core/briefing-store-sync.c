/* briefing-store-sync.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-store"

#include "config.h"

#include "briefing-store-private.h"
#include "briefing-sync-backend.h"

/* The store's side of a sync server account (issue #14): the account row,
 * the sources the server fetches for us, the queue of read and starred
 * changes made here and not yet on the server, and what to do with the
 * server's own read and starred state.
 *
 * Whose change wins: a change made here waits in sync_queue with the time
 * it was made. The server's state for each entry, as the last sync saw it,
 * is kept beside ours (entry_state.remote_read, remote_starred). When a
 * sync finds the server's state differs from ours:
 *  - nothing of ours waits for that entry: the server's state is taken;
 *  - ours waits, and the server still says what it said last time: only
 *    we changed, so ours stays and is sent;
 *  - both changed since the last sync: neither API says when the other
 *    machine's change was made, only that it was between the last sync
 *    and this one; it is dated halfway between the two, and the newer
 *    change wins. */

void
briefing_account_free (BriefingAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->kind);
  g_free (account->server);
  g_free (account->user);
  g_free (account->trusted_certificate);
  g_free (account->cursor);
  g_free (account->read_state);
  g_free (account->starred_state);
  g_free (account->last_error);
  g_free (account);
}

void
briefing_queued_change_free (BriefingQueuedChange *change)
{
  if (change == NULL)
    return;

  g_free (change->item);
  g_free (change);
}

/**
 * briefing_store_add_account:
 *
 * Returns: the new account's id; 0 with @error set, also when there is
 *   one already (one account at a time)
 */
gint64
briefing_store_add_account (BriefingStore  *self,
                            const char     *kind,
                            const char     *server,
                            const char     *user,
                            const char     *trusted_certificate,
                            GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), 0);

  stmt = briefing_store_prepare (self, "SELECT server FROM accounts LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE,
                   "There is an account on %s already; remove it first",
                   briefing_store_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  stmt = briefing_store_prepare (self,
                                 "INSERT INTO accounts (kind, server, user, created, trusted_certificate) "
                                 "VALUES (?, ?, ?, ?, ?)",
                                 error);
  if (stmt == NULL)
    return 0;

  briefing_store_bind_text (stmt, 1, kind);
  briefing_store_bind_text (stmt, 2, server);
  briefing_store_bind_text (stmt, 3, user);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  briefing_store_bind_text (stmt, 5, trusted_certificate);
  if (!briefing_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/**
 * briefing_store_get_account:
 *
 * Returns: (transfer full): the account; %NULL with
 *   %BRIEFING_STORE_ERROR_NOT_FOUND when there is none
 */
BriefingAccount *
briefing_store_get_account (BriefingStore  *self,
                            GError        **error)
{
  STORE_LOCKED (self);
  BriefingAccount *account = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self,
                                 "SELECT id, kind, server, user, trusted_certificate, cursor, read_state, "
                                 "  starred_state, last_sync, last_attempt, last_error "
                                 "FROM accounts ORDER BY id LIMIT 1",
                                 error);
  if (stmt == NULL)
    return NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      account = g_new0 (BriefingAccount, 1);
      account->id = sqlite3_column_int64 (stmt, 0);
      account->kind = g_strdup (briefing_store_column_text (stmt, 1));
      account->server = g_strdup (briefing_store_column_text (stmt, 2));
      account->user = g_strdup (briefing_store_column_text (stmt, 3));
      account->trusted_certificate = g_strdup (briefing_store_column_text (stmt, 4));
      account->cursor = g_strdup (briefing_store_column_text (stmt, 5));
      account->read_state = g_strdup (briefing_store_column_text (stmt, 6));
      account->starred_state = g_strdup (briefing_store_column_text (stmt, 7));
      account->last_sync = sqlite3_column_int64 (stmt, 8);
      account->last_attempt = sqlite3_column_int64 (stmt, 9);
      account->last_error = g_strdup (briefing_store_column_text (stmt, 10));
    }
  sqlite3_reset (stmt);

  if (account == NULL)
    g_set_error_literal (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                         "There is no sync account");

  return account;
}

/* Writes what a sync changes: the trusted certificate, the cursors, when
 * it last succeeded and how the last attempt went. */
gboolean
briefing_store_save_account (BriefingStore          *self,
                             const BriefingAccount  *account,
                             GError                **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  stmt = briefing_store_prepare (self,
                                 "UPDATE accounts SET trusted_certificate = ?2, cursor = ?3, read_state = ?4, "
                                 "  starred_state = ?5, last_sync = ?6, last_attempt = ?7, last_error = ?8 "
                                 "WHERE id = ?1 AND server = ?9 AND user = ?10",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  briefing_store_bind_text (stmt, 2, account->trusted_certificate);
  briefing_store_bind_text (stmt, 3, account->cursor);
  briefing_store_bind_text (stmt, 4, account->read_state);
  briefing_store_bind_text (stmt, 5, account->starred_state);
  sqlite3_bind_int64 (stmt, 6, account->last_sync);
  sqlite3_bind_int64 (stmt, 7, account->last_attempt);
  briefing_store_bind_text (stmt, 8, account->last_error);
  /* Not an account added since under the same id. */
  briefing_store_bind_text (stmt, 9, account->server);
  briefing_store_bind_text (stmt, 10, account->user);

  return briefing_store_step_done (self, stmt, error);
}

/* Removes the account, its sources, their briefings and its queue. */
gboolean
briefing_store_remove_account (BriefingStore  *self,
                               gint64          account_id,
                               GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean nested;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  if (!briefing_store_begin (self, &nested, error))
    return FALSE;

  stmt = briefing_store_prepare (self, "SELECT id FROM sources WHERE account_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (sources, id);
    }
  sqlite3_reset (stmt);

  stmt = briefing_store_prepare (self, "DELETE FROM accounts WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (!briefing_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                   "There is no account %" G_GINT64_FORMAT, account_id);
      goto fail;
    }

  if (!briefing_store_commit (self, nested, error))
    goto fail;

  for (guint i = 0; i < sources->len; i++)
    briefing_store_emit_source_changed (self, g_array_index (sources, gint64, i), BRIEFING_SOURCE_CHANGE_REMOVED);
  briefing_store_emit_source_changed (self, 0, BRIEFING_SOURCE_CHANGE_COUNTS);

  return TRUE;

fail:
  briefing_store_rollback (self, nested);
  return FALSE;
}

/**
 * briefing_store_list_remote_sources:
 *
 * Returns: (transfer full) (element-type utf8 gint64): the account's
 *   sources, from the server's id for each to ours
 */
GHashTable *
briefing_store_list_remote_sources (BriefingStore  *self,
                                    gint64          account_id,
                                    GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self, "SELECT remote_id, id FROM sources WHERE account_id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (sources, g_strdup (briefing_store_column_text (stmt, 0)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      briefing_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&sources);
}

/**
 * briefing_store_save_remote_source:
 *
 * Adds or updates the source the server has as @feed. A source of ours
 * with the same address stays ours, beside it.
 *
 * Returns: the source's id, 0 with @error set
 */
gint64
briefing_store_save_remote_source (BriefingStore             *self,
                                   gint64                     account_id,
                                   const BriefingRemoteFeed  *feed,
                                   GError                   **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  gint64 source_id = 0;
  gboolean added = FALSE;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), 0);

  stmt = briefing_store_prepare (self, "SELECT id FROM sources WHERE account_id = ?1 AND remote_id = ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  briefing_store_bind_text (stmt, 2, feed->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    source_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (source_id == 0)
    {
      /* A source of ours, or a feed the server lists twice, may hold the
       * address: the account's copy gets the server's id in it, so that
       * both stay apart (ours keeps its own briefings, keyed by the feed's
       * guids, which the server knows nothing of). */
      g_autofree char *url = NULL;

      stmt = briefing_store_prepare (self, "SELECT 1 FROM sources WHERE url = ?", error);
      if (stmt == NULL)
        return 0;
      briefing_store_bind_text (stmt, 1, feed->url);
      url = sqlite3_step (stmt) == SQLITE_ROW ? g_strdup_printf ("%s#%s", feed->url, feed->id) : g_strdup (feed->url);
      sqlite3_reset (stmt);

      stmt = briefing_store_prepare (self,
                                     "INSERT INTO sources (url, title, site_url, group_name, created, account_id, remote_id) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     error);
      if (stmt == NULL)
        return 0;
      briefing_store_bind_text (stmt, 1, url);
      briefing_store_bind_text (stmt, 2, feed->title);
      briefing_store_bind_text (stmt, 3, feed->site_url);
      briefing_store_bind_text (stmt, 4, feed->group);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int64 (stmt, 6, account_id);
      briefing_store_bind_text (stmt, 7, feed->id);
      if (!briefing_store_step_done (self, stmt, error))
        return 0;

      source_id = sqlite3_last_insert_rowid (self->db);
      added = TRUE;
    }
  else
    {
      stmt = briefing_store_prepare (self,
                                     "UPDATE sources SET title = COALESCE (?2, title), site_url = COALESCE (?3, site_url), "
                                     "  group_name = ?4 "
                                     "WHERE id = ?1 AND account_id = ?5 AND remote_id = ?6 "
                                     "  AND (title IS NOT ?2 OR site_url IS NOT ?3 OR group_name IS NOT ?4)",
                                     error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, source_id);
      briefing_store_bind_text (stmt, 2, feed->title);
      briefing_store_bind_text (stmt, 3, feed->site_url);
      briefing_store_bind_text (stmt, 4, feed->group);
      sqlite3_bind_int64 (stmt, 5, account_id);
      briefing_store_bind_text (stmt, 6, feed->id);
      if (!briefing_store_step_done (self, stmt, error))
        return 0;
      if (sqlite3_changes (self->db) == 0)
        return source_id;
    }

  briefing_store_emit_source_changed (self, source_id,
                                      added ? BRIEFING_SOURCE_CHANGE_ADDED : BRIEFING_SOURCE_CHANGE_RENAMED);

  return source_id;
}

/* The queue ------------------------------------------------------------- */

/* Called by every change of read or starred made here, in its
 * transaction: an entry of an account's source waits to be sent. */
gboolean
briefing_store_queue_change (BriefingStore       *self,
                             gint64               entry_id,
                             BriefingEntryField   field,
                             gboolean             value,
                             gint64               changed,
                             GError             **error)
{
  sqlite3_stmt *stmt = briefing_store_prepare (self,
                                               "INSERT INTO sync_queue (account_id, source_id, item, field, value, changed) "
                                               "SELECT s.account_id, e.source_id, e.key, ?2, ?3, ?4 "
                                               "FROM entries e JOIN sources s ON s.id = e.source_id "
                                               "WHERE e.id = ?1 AND s.account_id IS NOT NULL",
                                               error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, field);
  sqlite3_bind_int (stmt, 3, value ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, changed);

  return briefing_store_step_done (self, stmt, error);
}

/**
 * briefing_store_list_queued:
 *
 * Returns: (transfer full) (element-type BriefingQueuedChange): the
 *   oldest @limit changes waiting for the server, in the order made
 */
GPtrArray *
briefing_store_list_queued (BriefingStore  *self,
                            gint64          account_id,
                            guint           limit,
                            GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_queued_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self,
                                 "SELECT seq, source_id, item, field, value, changed FROM sync_queue "
                                 "WHERE account_id = ? ORDER BY seq LIMIT ?",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : G_MAXINT64);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BriefingQueuedChange *change = g_new0 (BriefingQueuedChange, 1);

      change->seq = sqlite3_column_int64 (stmt, 0);
      change->source_id = sqlite3_column_int64 (stmt, 1);
      change->item = g_strdup (briefing_store_column_text (stmt, 2));
      change->field = sqlite3_column_int (stmt, 3) == BRIEFING_ENTRY_FIELD_STARRED
                      ? BRIEFING_ENTRY_FIELD_STARRED : BRIEFING_ENTRY_FIELD_READ;
      change->value = sqlite3_column_int (stmt, 4) != 0;
      change->changed = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      briefing_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/* The server has every change up to @through_seq: they leave the queue,
 * and what they set is what the server says now. */
gboolean
briefing_store_drop_queued (BriefingStore  *self,
                            gint64          account_id,
                            gint64          through_seq,
                            GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  gboolean nested;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  if (!briefing_store_begin (self, &nested, error))
    return FALSE;

  for (guint field = BRIEFING_ENTRY_FIELD_READ; field <= BRIEFING_ENTRY_FIELD_STARRED; field++)
    {
      static const char * const sent_sql[] = {
        [BRIEFING_ENTRY_FIELD_READ] =
          "UPDATE entry_state SET remote_read = q.value FROM "
          "  (SELECT source_id, item, value, MAX (seq) FROM sync_queue "
          "   WHERE account_id = ?1 AND seq <= ?2 AND field = 0 GROUP BY source_id, item) q "
          "WHERE entry_state.source_id = q.source_id AND entry_state.key = q.item",
        [BRIEFING_ENTRY_FIELD_STARRED] =
          "UPDATE entry_state SET remote_starred = q.value FROM "
          "  (SELECT source_id, item, value, MAX (seq) FROM sync_queue "
          "   WHERE account_id = ?1 AND seq <= ?2 AND field = 1 GROUP BY source_id, item) q "
          "WHERE entry_state.source_id = q.source_id AND entry_state.key = q.item",
      };

      stmt = briefing_store_prepare (self, sent_sql[field], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, account_id);
      sqlite3_bind_int64 (stmt, 2, through_seq);
      if (!briefing_store_step_done (self, stmt, error))
        goto fail;
    }

  stmt = briefing_store_prepare (self, "DELETE FROM sync_queue WHERE account_id = ? AND seq <= ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, through_seq);
  if (!briefing_store_step_done (self, stmt, error) ||
      !briefing_store_commit (self, nested, error))
    goto fail;

  return TRUE;

fail:
  briefing_store_rollback (self, nested);
  return FALSE;
}

guint
briefing_store_count_queued (BriefingStore *self,
                             gint64         account_id)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), 0);

  stmt = briefing_store_prepare (self, "SELECT COUNT(*) FROM sync_queue WHERE account_id = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* The server's state ----------------------------------------------------- */

typedef struct
{
  GArray *set;     /* entries whose field became TRUE */
  GArray *unset;   /* ... FALSE */
} Changed;

static const char * const entry_rows_sql[] = {
  [BRIEFING_ENTRY_FIELD_READ] =
    "SELECT e.id, e.source_id, e.key, COALESCE (st.read, 0), st.remote_read "
    "FROM entries e JOIN sources s ON s.id = e.source_id "
    "LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key "
    "WHERE s.account_id = ?1",
  [BRIEFING_ENTRY_FIELD_STARRED] =
    "SELECT e.id, e.source_id, e.key, COALESCE (st.starred, 0), st.remote_starred "
    "FROM entries e JOIN sources s ON s.id = e.source_id "
    "LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key "
    "WHERE s.account_id = ?1",
};

static const char * const entry_row_sql[] = {
  [BRIEFING_ENTRY_FIELD_READ] =
    "SELECT e.id, e.source_id, e.key, COALESCE (st.read, 0), st.remote_read "
    "FROM entries e LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key "
    "WHERE e.source_id = ?1 AND e.key = ?2",
  [BRIEFING_ENTRY_FIELD_STARRED] =
    "SELECT e.id, e.source_id, e.key, COALESCE (st.starred, 0), st.remote_starred "
    "FROM entries e LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key "
    "WHERE e.source_id = ?1 AND e.key = ?2",
};

static const char * const take_sql[] = {
  [BRIEFING_ENTRY_FIELD_READ] =
    "INSERT INTO entry_state (source_id, key, read, remote_read, changed) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (source_id, key) DO UPDATE SET read = excluded.read, remote_read = excluded.remote_read",
  [BRIEFING_ENTRY_FIELD_STARRED] =
    "INSERT INTO entry_state (source_id, key, starred, remote_starred, changed) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (source_id, key) DO UPDATE SET starred = excluded.starred, remote_starred = excluded.remote_starred",
};

/* The newest queued change per entry for @field: "source\nitem" → time. */
static GHashTable *
load_pending (BriefingStore       *self,
              gint64               account_id,
              BriefingEntryField   field,
              GError             **error)
{
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = briefing_store_prepare (self,
                                               "SELECT source_id, item, MAX (changed) FROM sync_queue "
                                               "WHERE account_id = ? AND field = ? GROUP BY source_id, item",
                                               error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, field);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (pending,
                         g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", (gint64) sqlite3_column_int64 (stmt, 0),
                                          briefing_store_column_text (stmt, 1)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 2)));
  sqlite3_reset (stmt);

  return g_steal_pointer (&pending);
}

/* One entry, from a row of entry_rows_sql or entry_row_sql, and what the
 * server says of it: takes the server's state, or keeps ours (see the
 * top of this file). */
static gboolean
apply_one (BriefingStore       *self,
           sqlite3_stmt        *row,
           BriefingEntryField   field,
           gboolean             server,
           GHashTable          *pending,
           gint64               account_id,
           gint64               last_sync,
           gint64               now,
           Changed             *changed,
           GError             **error)
{
  gint64 entry_id = sqlite3_column_int64 (row, 0);
  gint64 source_id = sqlite3_column_int64 (row, 1);
  g_autofree char *key = g_strdup (briefing_store_column_text (row, 2));
  gboolean local = sqlite3_column_int (row, 3) != 0;
  gboolean seen = sqlite3_column_type (row, 4) != SQLITE_NULL;
  gboolean remote = sqlite3_column_int (row, 4) != 0;
  gboolean take;
  sqlite3_stmt *stmt;

  if (local == server)
    {
      if (seen && remote == server)
        return TRUE;
      take = TRUE;   /* only remember what the server says */
    }
  else
    {
      g_autofree char *pending_key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", source_id, key);
      gpointer when;

      if (!g_hash_table_lookup_extended (pending, pending_key, NULL, &when))
        take = TRUE;
      else if (!seen || remote == server)
        take = FALSE;   /* only we changed it: ours goes to the server */
      else
        take = (gint64) GPOINTER_TO_SIZE (when) < last_sync + (now - last_sync) / 2;

      if (take)
        {
          /* The server's is newer: ours no longer needs sending. */
          stmt = briefing_store_prepare (self,
                                         "DELETE FROM sync_queue WHERE account_id = ? AND source_id = ? "
                                         "  AND item = ? AND field = ?",
                                         error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, account_id);
          sqlite3_bind_int64 (stmt, 2, source_id);
          briefing_store_bind_text (stmt, 3, key);
          sqlite3_bind_int (stmt, 4, field);
          if (!briefing_store_step_done (self, stmt, error))
            return FALSE;
          g_hash_table_remove (pending, pending_key);

          g_array_append_val (server ? changed->set : changed->unset, entry_id);
        }
    }

  if (!take)
    return TRUE;

  stmt = briefing_store_prepare (self, take_sql[field], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  briefing_store_bind_text (stmt, 2, key);
  sqlite3_bind_int (stmt, 3, server ? 1 : 0);
  sqlite3_bind_int (stmt, 4, server ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, now);

  return briefing_store_step_done (self, stmt, error);
}

/* An entry whose state here or last seen differs from the server's. */
typedef struct
{
  gint64    source_id;
  char     *key;
  gboolean  server;
} Differing;

static void
differing_clear (gpointer data)
{
  g_free (((Differing *) data)->key);
}

static void
emit_changed (BriefingStore      *self,
              Changed            *changed,
              BriefingEntryField  field)
{
  if (changed->set->len > 0)
    briefing_store_emit_entry_changed (self, changed->set, field, TRUE);
  if (changed->unset->len > 0)
    briefing_store_emit_entry_changed (self, changed->unset, field, FALSE);
  if (changed->set->len > 0 || changed->unset->len > 0)
    briefing_store_emit_source_changed (self, 0, BRIEFING_SOURCE_CHANGE_COUNTS);

  g_array_unref (changed->set);
  g_array_unref (changed->unset);
}

/**
 * briefing_store_apply_remote_state:
 * @marked: (element-type utf8 utf8): the server's ids of the items whose
 *   @field is @marked_value; every other item of the account's has the
 *   other value
 * @last_sync: when the last sync succeeded (0: never)
 *
 * Brings every entry of the account to the server's state for @field,
 * except where a change made here is newer.
 */
gboolean
briefing_store_apply_remote_state (BriefingStore       *self,
                                   gint64               account_id,
                                   BriefingEntryField   field,
                                   GHashTable          *marked,
                                   gboolean             marked_value,
                                   gint64               last_sync,
                                   gint64               now,
                                   GError             **error)
{
  STORE_LOCKED (self);
  g_autoptr(GHashTable) pending = NULL;
  Changed changed = { g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;
  gboolean nested;
  int rc;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  if (!briefing_store_begin (self, &nested, error))
    goto fail_early;

  pending = load_pending (self, account_id, field, error);
  if (pending == NULL)
    goto fail;

  /* A second statement per row may not run while this one steps over the
   * same tables with a cached statement of its own, so each row is read
   * through its own lookup. */
  stmt = briefing_store_prepare (self, entry_rows_sql[field], error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account_id);
  rows = g_array_new (FALSE, FALSE, sizeof (Differing));
  g_array_set_clear_func (rows, differing_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean local = sqlite3_column_int (stmt, 3) != 0;
      gboolean seen = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      gboolean remote = sqlite3_column_int (stmt, 4) != 0;
      const char *key = briefing_store_column_text (stmt, 2);
      gboolean server = g_hash_table_contains (marked, key) ? marked_value : !marked_value;

      if (local != server || !seen || remote != server)
        {
          Differing differing = { sqlite3_column_int64 (stmt, 1), g_strdup (key), server };

          g_array_append_val (rows, differing);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      briefing_store_fail (self, error);
      goto fail;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const Differing *differing = &g_array_index (rows, Differing, i);
      sqlite3_stmt *row = briefing_store_prepare (self, entry_row_sql[field], error);

      if (row == NULL)
        goto fail;
      sqlite3_bind_int64 (row, 1, differing->source_id);
      briefing_store_bind_text (row, 2, differing->key);
      if (sqlite3_step (row) == SQLITE_ROW)
        {
          if (!apply_one (self, row, field, differing->server, pending, account_id,
                          last_sync, now, &changed, error))
            {
              sqlite3_reset (row);
              goto fail;
            }
        }
      sqlite3_reset (row);
    }

  if (!briefing_store_commit (self, nested, error))
    goto fail;

  emit_changed (self, &changed, field);
  return TRUE;

fail:
  briefing_store_rollback (self, nested);
fail_early:
  g_array_unref (changed.set);
  g_array_unref (changed.unset);
  return FALSE;
}

/**
 * briefing_store_apply_remote_items:
 * @items: (element-type BriefingRemoteItem): items a sync brought
 * @source_ids: (element-type utf8 gint64): the server's feed ids to ours
 *
 * Takes the read and starred state the server gave with each item, as
 * briefing_store_apply_remote_state() does for every item.
 */
gboolean
briefing_store_apply_remote_items (BriefingStore  *self,
                                   gint64          account_id,
                                   GPtrArray      *items,
                                   GHashTable     *source_ids,
                                   gint64          last_sync,
                                   gint64          now,
                                   GError        **error)
{
  STORE_LOCKED (self);
  Changed changed[2] = {
    { g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (gint64)) },
    { g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (gint64)) },
  };
  gboolean nested;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  if (!briefing_store_begin (self, &nested, error))
    goto fail_early;

  for (guint field = BRIEFING_ENTRY_FIELD_READ; field <= BRIEFING_ENTRY_FIELD_STARRED; field++)
    {
      g_autoptr(GHashTable) pending = load_pending (self, account_id, field, error);

      if (pending == NULL)
        goto fail;

      for (guint i = 0; i < items->len; i++)
        {
          BriefingRemoteItem *item = g_ptr_array_index (items, i);
          gint64 *source_id = item->feed_id != NULL ? g_hash_table_lookup (source_ids, item->feed_id) : NULL;
          gboolean server = field == BRIEFING_ENTRY_FIELD_READ ? item->read : item->starred;
          sqlite3_stmt *row;

          if (source_id == NULL || item->id == NULL)
            continue;

          row = briefing_store_prepare (self, entry_row_sql[field], error);
          if (row == NULL)
            goto fail;
          sqlite3_bind_int64 (row, 1, *source_id);
          briefing_store_bind_text (row, 2, item->id);
          if (sqlite3_step (row) == SQLITE_ROW &&
              !apply_one (self, row, field, server, pending, account_id, last_sync, now, &changed[field], error))
            {
              sqlite3_reset (row);
              goto fail;
            }
          sqlite3_reset (row);
        }
    }

  if (!briefing_store_commit (self, nested, error))
    goto fail;

  /* Announced once both are in. */
  emit_changed (self, &changed[BRIEFING_ENTRY_FIELD_READ], BRIEFING_ENTRY_FIELD_READ);
  emit_changed (self, &changed[BRIEFING_ENTRY_FIELD_STARRED], BRIEFING_ENTRY_FIELD_STARRED);

  return TRUE;

fail:
  briefing_store_rollback (self, nested);
fail_early:
  for (guint i = 0; i < 2; i++)
    {
      g_array_unref (changed[i].set);
      g_array_unref (changed[i].unset);
    }
  return FALSE;
}
