/* briefing-store.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-store"

#include "config.h"

#include "briefing-store.h"

#include "briefing-source.h"
#include "briefing-store-private.h"
#include "briefing-utils.h"

#include <glib/gstdio.h>

/* The local store: SQLite in WAL mode, so the app and briefingctl can use
 * it at the same time and a killed process never leaves it half-written.
 * This file holds the connection, the schema and its migrations, the
 * worker thread the UI's requests run on, and sources; entries live in
 * briefing-store-entries.c. */

G_DEFINE_QUARK (briefing-store-error-quark, briefing_store_error)

G_DEFINE_FINAL_TYPE (BriefingStore, briefing_store, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BriefingEntryField, briefing_entry_field,
  G_DEFINE_ENUM_VALUE (BRIEFING_ENTRY_FIELD_READ, "read"),
  G_DEFINE_ENUM_VALUE (BRIEFING_ENTRY_FIELD_STARRED, "starred"))

G_DEFINE_ENUM_TYPE (BriefingSourceChange, briefing_source_change,
  G_DEFINE_ENUM_VALUE (BRIEFING_SOURCE_CHANGE_ADDED, "added"),
  G_DEFINE_ENUM_VALUE (BRIEFING_SOURCE_CHANGE_RENAMED, "renamed"),
  G_DEFINE_ENUM_VALUE (BRIEFING_SOURCE_CHANGE_REMOVED, "removed"),
  G_DEFINE_ENUM_VALUE (BRIEFING_SOURCE_CHANGE_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (BRIEFING_SOURCE_CHANGE_COUNTS, "counts"))

enum {
  ENTRIES_ADDED,
  ENTRIES_REMOVED,
  ENTRY_CHANGED,
  SOURCE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each migration brings the schema from version N to N + 1. Append; never
 * edit one that has shipped. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  url TEXT NOT NULL UNIQUE,"
  "  title TEXT,"
  "  custom_title TEXT,"
  "  site_url TEXT,"
  "  icon_url TEXT,"
  "  group_name TEXT,"
  "  created INTEGER NOT NULL,"
  "  disabled_reason TEXT"
  ");"
  "CREATE TABLE fetch_state ("
  "  source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  last_attempt INTEGER NOT NULL DEFAULT 0,"
  "  last_success INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  failures INTEGER NOT NULL DEFAULT 0,"
  "  min_interval INTEGER NOT NULL DEFAULT 0,"
  "  last_status TEXT,"
  "  last_error TEXT"
  ");"
  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  guid TEXT,"
  "  link TEXT,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  published INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL DEFAULT 0,"
  "  fetched INTEGER NOT NULL,"
  "  authors TEXT,"
  "  summary TEXT,"
  "  content TEXT,"
  "  image_url TEXT,"
  "  image_caption TEXT,"
  "  image_credit TEXT,"
  "  image_width INTEGER NOT NULL DEFAULT 0,"
  "  image_height INTEGER NOT NULL DEFAULT 0,"
  "  categories TEXT,"
  "  enclosures TEXT,"
  "  content_hash TEXT NOT NULL,"
  "  UNIQUE (source_id, key)"
  ");"
  "CREATE INDEX entries_by_time ON entries (published DESC, id DESC);"
  "CREATE INDEX entries_by_source_time ON entries (source_id, published DESC, id DESC);"
  /* Read and starred are keyed by the entry's dedup key, not its row, so
   * they survive the entry being pruned and published again. */
  "CREATE TABLE entry_state ("
  "  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  changed INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (source_id, key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX entry_state_starred ON entry_state (starred) WHERE starred = 1;"
  "CREATE TABLE topics ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL"
  ");"
  "CREATE TABLE entry_topics ("
  "  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
  "  topic_id INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (entry_id, topic_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX entry_topics_by_topic ON entry_topics (topic_id, entry_id);"
  "CREATE VIRTUAL TABLE entries_fts USING fts5 ("
  "  title, summary, body, tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN"
  "  DELETE FROM entries_fts WHERE rowid = old.id;"
  "END;",

  /* 1 -> 2: the server's Retry-After apart from our own backoff, and
   * tombstones for pruned entries, so that an old entry still in its feed
   * is not stored again as new. */
  "ALTER TABLE fetch_state ADD COLUMN retry_after INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE entry_state ADD COLUMN pruned INTEGER NOT NULL DEFAULT 0;",

  /* 2 -> 3: per-source unread counts and retention read only this index,
   * never the (large) rows; without it each refresh read every entry
   * twice. It also serves listing one source, so it replaces the old one. */
  "CREATE INDEX entries_by_source_retention ON entries (source_id, published DESC, id DESC, fetched, key);"
  "DROP INDEX entries_by_source_time;",

  /* 3 -> 4: topics from the text. Each of an entry's topics has its
   * salience there; each topic counts its entries (kept by triggers, so
   * that rarity costs a column read, not a count); each entry says which
   * extractor gave it its topics, so that older ones are done again in
   * the background. */
  "ALTER TABLE entry_topics ADD COLUMN weight REAL NOT NULL DEFAULT 1.0;"
  "ALTER TABLE topics ADD COLUMN entries INTEGER NOT NULL DEFAULT 0;"
  "UPDATE topics SET entries = (SELECT COUNT(*) FROM entry_topics et WHERE et.topic_id = topics.id);"
  "CREATE TRIGGER entry_topics_counted AFTER INSERT ON entry_topics BEGIN"
  "  UPDATE topics SET entries = entries + 1 WHERE id = new.topic_id;"
  "END;"
  "CREATE TRIGGER entry_topics_uncounted AFTER DELETE ON entry_topics BEGIN"
  "  UPDATE topics SET entries = entries - 1 WHERE id = old.topic_id;"
  "END;"
  "ALTER TABLE entries ADD COLUMN topics_version INTEGER NOT NULL DEFAULT 0;"
  /* Stories: entries about one event across sources. story_checked says
   * an entry has been grouped (into a story or none). */
  "CREATE TABLE stories (id INTEGER PRIMARY KEY);"
  "ALTER TABLE entries ADD COLUMN story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL;"
  "ALTER TABLE entries ADD COLUMN story_checked INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX entries_by_story ON entries (story_id) WHERE story_id IS NOT NULL;"
  "CREATE INDEX entries_story_pending ON entries (published, id) WHERE story_checked = 0;"
  /* Without it each background batch read every entry's row to find
   * the few from an older extractor. */
  "CREATE INDEX entries_by_topics_version ON entries (topics_version, published);"
  /* How many entries hold a word: related briefings ask only for the
   * words that tell entries apart. */
  "CREATE VIRTUAL TABLE entries_vocab USING fts5vocab (entries_fts, 'row');",

  /* 4 -> 5: topics.entries grows once per topic and transaction
   * (briefing_store_count_topic()), not by a trigger per row; removals
   * still count down row by row. */
  "DROP TRIGGER entry_topics_counted;",

  /* 5 -> 6: a person's surname, so that a briefing naming only "Rutte" joins
   * the store's "Mark Rutte": the key's last word. */
  "ALTER TABLE topics ADD COLUMN surname TEXT;"
  "UPDATE topics SET surname = substr (key, length (rtrim (key, replace (key, ' ', ''))) + 1) "
  "  WHERE kind = 'person' AND instr (key, ' ') > 0;"
  "CREATE INDEX topics_by_surname ON topics (surname) WHERE surname IS NOT NULL;",

  /* 6 -> 7: what a notification announces: entries by when they were
   * first stored (fetched moves on with each edit), from sources the
   * reader has not muted. */
  "ALTER TABLE sources ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE entries ADD COLUMN arrived INTEGER NOT NULL DEFAULT 0;"
  "UPDATE entries SET arrived = fetched;"
  "CREATE INDEX entries_by_arrival ON entries (arrived, source_id);",

  /* 7 -> 8: a sync server account. Its sources carry the server's id for
   * them and are fetched by the server, not by us; each entry's key is the
   * server's id for it. Read and starred changes made here wait in
   * sync_queue, in order, until the server has them; entry_state keeps
   * what the server said last, to tell whose change is newer. */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  server TEXT NOT NULL,"
  "  user TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  trusted_certificate TEXT,"
  "  cursor TEXT,"
  "  read_state TEXT,"
  "  starred_state TEXT,"
  "  last_sync INTEGER NOT NULL DEFAULT 0,"
  "  last_attempt INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT"
  ");"
  "ALTER TABLE sources ADD COLUMN account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE;"
  "ALTER TABLE sources ADD COLUMN remote_id TEXT;"
  "CREATE UNIQUE INDEX sources_by_remote ON sources (account_id, remote_id) WHERE account_id IS NOT NULL;"
  "CREATE TABLE sync_queue ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  source_id INTEGER NOT NULL,"
  "  item TEXT NOT NULL,"
  "  field INTEGER NOT NULL,"
  "  value INTEGER NOT NULL,"
  "  changed INTEGER NOT NULL"
  ");"
  "CREATE INDEX sync_queue_by_item ON sync_queue (source_id, item, field);"
  "ALTER TABLE entry_state ADD COLUMN remote_read INTEGER;"
  "ALTER TABLE entry_state ADD COLUMN remote_starred INTEGER;",
};

static void
briefing_store_finalize (GObject *object)
{
  BriefingStore *self = (BriefingStore *)object;

  /* Let queued work finish: it may be writing what the user just did. */
  if (self->worker != NULL)
    g_thread_pool_free (self->worker, FALSE, TRUE);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->topic_ids, g_hash_table_unref);
  g_clear_pointer (&self->topic_counts_unit, g_hash_table_unref);
  g_clear_pointer (&self->topic_counts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (briefing_store_parent_class)->finalize (object);
}

static void
briefing_store_class_init (BriefingStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_store_finalize;

  /* Each signal is emitted on the main context the store was opened on,
   * once per transaction, after it committed: views listen to these
   * rather than reloading after their own writes. */

  /**
   * BriefingStore::entries-added:
   * @source_id: the source that gained entries
   * @added: how many
   */
  signals[ENTRIES_ADDED] =
    g_signal_new ("entries-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  /**
   * BriefingStore::entries-removed:
   * @entry_ids: (element-type gint64): the entries retention removed
   *
   * Entries of a removed source go with it: see
   * BriefingStore::source-changed.
   */
  signals[ENTRIES_REMOVED] =
    g_signal_new ("entries-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);

  /**
   * BriefingStore::entry-changed:
   * @entry_ids: (element-type gint64): the entries whose state changed
   * @field: read or starred
   * @value: what it is now
   */
  signals[ENTRY_CHANGED] =
    g_signal_new ("entry-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_ARRAY, BRIEFING_TYPE_ENTRY_FIELD, G_TYPE_BOOLEAN);

  /**
   * BriefingStore::source-changed:
   * @source_id: the source; 0 when several changed (unread counts)
   * @change: what changed
   */
  signals[SOURCE_CHANGED] =
    g_signal_new ("source-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, BRIEFING_TYPE_SOURCE_CHANGE);
}

static void
briefing_store_init (BriefingStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->topic_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->topic_counts_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->topic_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->main_context = g_main_context_ref_thread_default ();
}

gboolean
briefing_store_fail (BriefingStore  *self,
                     GError        **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;
  BriefingStoreError store_code = BRIEFING_STORE_ERROR_FAILED;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    store_code = BRIEFING_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_CONSTRAINT)
    store_code = BRIEFING_STORE_ERROR_DUPLICATE;

  g_set_error (error, BRIEFING_STORE_ERROR, store_code,
               "Store error: %s", sqlite3_errmsg (self->db));

  return FALSE;
}

/**
 * briefing_store_prepare:
 *
 * Returns: (transfer none): a cached statement for @sql, reset and with
 *   its bindings cleared. @sql must be a string constant: it keys the cache.
 */
sqlite3_stmt *
briefing_store_prepare (BriefingStore  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      briefing_store_fail (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

gboolean
briefing_store_exec (BriefingStore  *self,
                     const char     *sql,
                     GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return briefing_store_fail (self, error);

  return TRUE;
}

/* Topic counts ---------------------------------------------------------------- */

static void
add_count (GHashTable *counts,
           gint64      topic_id,
           guint       n)
{
  gpointer value;

  if (g_hash_table_lookup_extended (counts, &topic_id, NULL, &value))
    g_hash_table_replace (counts, g_memdup2 (&topic_id, sizeof topic_id), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + n));
  else
    g_hash_table_insert (counts, g_memdup2 (&topic_id, sizeof topic_id), GUINT_TO_POINTER (n));
}

/* One entry_topics row added for @topic_id in the open savepoint. */
void
briefing_store_count_topic (BriefingStore *self,
                            gint64         topic_id)
{
  g_assert (BRIEFING_IS_STORE (self));
  g_assert (!sqlite3_get_autocommit (self->db));

  add_count (self->topic_counts_unit, topic_id, 1);
}

/* The open savepoint is kept: its counts join the transaction's. */
static void
keep_unit_counts (BriefingStore *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->topic_counts_unit);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_count (self->topic_counts, *(gint64 *) key, GPOINTER_TO_UINT (value));
  g_hash_table_remove_all (self->topic_counts_unit);
}

static void
drop_counts (BriefingStore *self,
             gboolean       nested)
{
  g_hash_table_remove_all (self->topic_counts_unit);
  if (!nested)
    g_hash_table_remove_all (self->topic_counts);
}

/* Before the transaction commits: topics.entries, once per topic. */
static gboolean
write_counts (BriefingStore  *self,
              GError        **error)
{
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  keep_unit_counts (self);
  if (g_hash_table_size (self->topic_counts) == 0)
    return TRUE;

  stmt = briefing_store_prepare (self, "UPDATE topics SET entries = entries + ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      sqlite3_bind_int64 (stmt, 2, GPOINTER_TO_UINT (value));
      if (!briefing_store_step_done (self, stmt, error))
        return FALSE;
    }
  g_hash_table_remove_all (self->topic_counts);

  return TRUE;
}

/* Transactions ------------------------------------------------------------------ */

/* A unit of writing: a transaction of its own, or, inside a batch
 * (briefing_store_begin_batch()), a savepoint, so that one feed of a
 * batch that fails rolls back alone. */
gboolean
briefing_store_begin (BriefingStore  *self,
                      gboolean       *nested,
                      GError        **error)
{
  *nested = !sqlite3_get_autocommit (self->db);

  return briefing_store_exec (self, *nested ? "SAVEPOINT unit" : "BEGIN IMMEDIATE", error);
}

gboolean
briefing_store_commit (BriefingStore  *self,
                       gboolean        nested,
                       GError        **error)
{
  if (nested)
    {
      keep_unit_counts (self);
      return briefing_store_exec (self, "RELEASE unit", error);
    }

  g_hash_table_remove_all (self->topic_ids);

  return write_counts (self, error) && briefing_store_exec (self, "COMMIT", error);
}

void
briefing_store_rollback (BriefingStore *self,
                         gboolean       nested)
{
  g_hash_table_remove_all (self->topic_ids);
  drop_counts (self, nested);
  briefing_store_exec (self, nested ? "ROLLBACK TO unit; RELEASE unit" : "ROLLBACK", NULL);
}

/**
 * briefing_store_begin_batch:
 *
 * Starts a transaction that the writes until briefing_store_end_batch()
 * join, each as a savepoint. A refresh saves the feeds that arrive
 * together in one batch: each commit writes every page it changed to
 * the write-ahead log again, and saving 500 feeds one transaction each
 * wrote 490 MB of log for 33 MB of feeds. Call both on the store's
 * thread, with nothing else writing in between.
 */
gboolean
briefing_store_begin_batch (BriefingStore  *self,
                            GError        **error)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  return briefing_store_exec (self, "PRAGMA cache_size = -16384", error) &&
         briefing_store_exec (self, "BEGIN IMMEDIATE", error);
}

/**
 * briefing_store_end_batch:
 * @commit: whether to keep what the batch wrote
 */
gboolean
briefing_store_end_batch (BriefingStore  *self,
                          gboolean        commit,
                          GError        **error)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  g_hash_table_remove_all (self->topic_ids);

  if (commit && !write_counts (self, error))
    {
      drop_counts (self, FALSE);
      briefing_store_exec (self, "ROLLBACK", NULL);
      briefing_store_exec (self, "PRAGMA cache_size = -4096", NULL);
      return FALSE;
    }
  drop_counts (self, FALSE);

  if (!briefing_store_exec (self, commit ? "COMMIT" : "ROLLBACK", error))
    return FALSE;

  return briefing_store_exec (self, "PRAGMA cache_size = -4096", error);
}

/* Steps a statement that returns no rows and resets it. */
gboolean
briefing_store_step_done (BriefingStore  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      briefing_store_fail (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);

  return TRUE;
}

void
briefing_store_bind_text (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
briefing_store_column_text (sqlite3_stmt *stmt,
                            int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static int
user_version (BriefingStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_assert (BRIEFING_IS_STORE (self));

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);

  return version;
}

static gboolean
migrate (BriefingStore  *self,
         GError        **error)
{
  int version = user_version (self);

  g_assert (BRIEFING_IS_STORE (self));

  if (version < 0)
    return briefing_store_fail (self, error);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_TOO_NEW,
                   "The store %s was written by a newer version of Briefing", self->path);
      return FALSE;
    }

  for (guint i = version; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!briefing_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another process may have migrated while we waited for the lock. */
      if (user_version (self) > (int) i)
        {
          briefing_store_exec (self, "COMMIT", NULL);
          continue;
        }

      if (!briefing_store_exec (self, migrations[i], error) ||
          !briefing_store_exec (self, bump, error) ||
          !briefing_store_exec (self, "COMMIT", error))
        {
          briefing_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
configure_connection (BriefingStore  *self,
                      GError        **error)
{
  g_assert (BRIEFING_IS_STORE (self));

  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, 1);

  /* WAL lets readers and one writer proceed together across processes;
   * synchronous=NORMAL keeps every committed transaction safe from a
   * killed process, which is what we promise. */
  /* A page cache of 4 MB, twice the default: a refresh of 500 feeds
   * writes as fast as with 16 MB (bench-refresh), and the app's resident
   * memory after scrolling far through 100,000 briefings is 8-16 MB
   * smaller (bench-ui). No memory-mapped I/O: the
   * pages of a mapped store count in the process's resident memory, and
   * a reader with 100,000 briefings saw Briefing at 500 MB in System
   * Monitor, 150 MB of it the store. */
  return briefing_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         briefing_store_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         briefing_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         briefing_store_exec (self, "PRAGMA temp_store = MEMORY", error) &&
         briefing_store_exec (self, "PRAGMA cache_size = -4096", error) &&
         briefing_store_exec (self, "PRAGMA wal_autocheckpoint = 8192", error) &&
         briefing_store_exec (self, "PRAGMA mmap_size = 0", error);
}

typedef struct
{
  GTask            *task;
  BriefingStoreJob  job;
} QueuedJob;

static void
worker_func (gpointer data,
             gpointer user_data)
{
  g_autofree QueuedJob *queued = data;
  g_autoptr(GTask) task = queued->task;

  queued->job (user_data, task, g_task_get_task_data (task), g_task_get_cancellable (task));
}

char *
briefing_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), BRIEFING_DIRNAME, "briefing.db", NULL);
}

/**
 * briefing_store_open:
 * @path: (nullable): the database file; %NULL for the default
 *
 * Opens (creating and migrating as needed) the store. The store's signals
 * are emitted on the thread-default main context of the caller.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
BriefingStore *
briefing_store_open (const char  *path,
                     GError     **error)
{
  g_autoptr(BriefingStore) self = g_object_new (BRIEFING_TYPE_STORE, NULL);
  g_autofree char *dir = NULL;
  int rc;

  self->path = path != NULL ? g_strdup (path) : briefing_store_default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_FAILED,
                   "Cannot open the store %s: %s", self->path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!configure_connection (self, error) || !migrate (self, error))
    return NULL;

  self->worker = g_thread_pool_new (worker_func, self, 1, TRUE, NULL);

  return g_steal_pointer (&self);
}

const char *
briefing_store_get_path (BriefingStore *self)
{
  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  return self->path;
}

/* Signals ----------------------------------------------------------------- */

typedef struct
{
  BriefingStore *self;
  guint          signal_id;
  gint64         id;
  guint          number;   /* a count, a field or a change */
  gboolean       value;
  GArray        *ids;
} Emission;

static gboolean
emit_in_main_context (gpointer data)
{
  Emission *emission = data;
  guint signal = signals[emission->signal_id];

  switch (emission->signal_id)
    {
    case ENTRIES_ADDED:
      g_signal_emit (emission->self, signal, 0, emission->id, emission->number);
      break;

    case ENTRIES_REMOVED:
      g_signal_emit (emission->self, signal, 0, emission->ids);
      break;

    case ENTRY_CHANGED:
      g_signal_emit (emission->self, signal, 0, emission->ids, emission->number, emission->value);
      break;

    case SOURCE_CHANGED:
      g_signal_emit (emission->self, signal, 0, emission->id, emission->number);
      break;

    default:
      g_assert_not_reached ();
    }

  g_clear_pointer (&emission->ids, g_array_unref);
  g_object_unref (emission->self);
  g_free (emission);

  return G_SOURCE_REMOVE;
}

static void
emit_later (BriefingStore *self,
            guint          signal_id,
            gint64         id,
            guint          number,
            gboolean       value,
            GArray        *ids)
{
  Emission *emission = g_new0 (Emission, 1);

  g_assert (BRIEFING_IS_STORE (self));

  emission->self = g_object_ref (self);
  emission->signal_id = signal_id;
  emission->id = id;
  emission->number = number;
  emission->value = value;
  emission->ids = ids != NULL ? g_array_ref (ids) : NULL;

  g_main_context_invoke (self->main_context, emit_in_main_context, emission);
}

void
briefing_store_emit_entries_added (BriefingStore *self,
                                   gint64         source_id,
                                   guint          added)
{
  emit_later (self, ENTRIES_ADDED, source_id, added, FALSE, NULL);
  emit_later (self, SOURCE_CHANGED, source_id, BRIEFING_SOURCE_CHANGE_COUNTS, FALSE, NULL);
}

void
briefing_store_emit_entries_removed (BriefingStore *self,
                                     GArray        *entry_ids)
{
  if (entry_ids->len == 0)
    return;

  emit_later (self, ENTRIES_REMOVED, 0, 0, FALSE, entry_ids);
  emit_later (self, SOURCE_CHANGED, 0, BRIEFING_SOURCE_CHANGE_COUNTS, FALSE, NULL);
}

void
briefing_store_emit_entry_changed (BriefingStore      *self,
                                   GArray             *entry_ids,
                                   BriefingEntryField  field,
                                   gboolean            value)
{
  if (entry_ids->len == 0)
    return;

  emit_later (self, ENTRY_CHANGED, 0, field, value, entry_ids);
  if (field == BRIEFING_ENTRY_FIELD_READ)
    emit_later (self, SOURCE_CHANGED, 0, BRIEFING_SOURCE_CHANGE_COUNTS, FALSE, NULL);
}

void
briefing_store_emit_source_changed (BriefingStore        *self,
                                    gint64                source_id,
                                    BriefingSourceChange  change)
{
  emit_later (self, SOURCE_CHANGED, source_id, change, FALSE, NULL);
}

/* Worker plumbing ---------------------------------------------------------- */

/**
 * briefing_store_queue:
 * @task: (transfer full): carries the job's typed task data
 * @job: runs on the store's worker thread
 *
 * Queues work on the store's one worker thread, behind every write queued
 * before it, so the store's writes keep the order they were asked in.
 */
void
briefing_store_queue (BriefingStore    *self,
                      GTask            *task,
                      BriefingStoreJob  job)
{
  QueuedJob *queued = g_new (QueuedJob, 1);

  queued->task = task;
  queued->job = job;
  g_thread_pool_push (self->worker, queued, NULL);
}

/* Meta ------------------------------------------------------------------- */

char *
briefing_store_get_meta (BriefingStore *self,
                         const char    *key)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  briefing_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (briefing_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
briefing_store_set_meta (BriefingStore  *self,
                         const char     *key,
                         const char     *value,
                         GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  stmt = briefing_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  briefing_store_bind_text (stmt, 1, key);
  briefing_store_bind_text (stmt, 2, value);

  return briefing_store_step_done (self, stmt, error);
}

/* Sources ---------------------------------------------------------------- */

gint64
briefing_store_find_source (BriefingStore *self,
                            const char    *url)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), 0);

  stmt = briefing_store_prepare (self, "SELECT id FROM sources WHERE url = ?", NULL);
  if (stmt == NULL)
    return 0;

  briefing_store_bind_text (stmt, 1, url);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/**
 * briefing_store_add_source:
 *
 * Returns: the new source's id, or 0 with @error set (a source with the
 *   same URL is %BRIEFING_STORE_ERROR_DUPLICATE)
 */
gint64
briefing_store_add_source (BriefingStore  *self,
                           const char     *url,
                           const char     *title,
                           const char     *group,
                           GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), 0);
  g_return_val_if_fail (url != NULL, 0);

  if ((id = briefing_store_find_source (self, url)) != 0)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE,
                   "Already subscribed to %s (source %" G_GINT64_FORMAT ")", url, id);
      return 0;
    }

  stmt = briefing_store_prepare (self,
                                 "INSERT INTO sources (url, title, group_name, created) VALUES (?, ?, ?, ?)",
                                 error);
  if (stmt == NULL)
    return 0;

  briefing_store_bind_text (stmt, 1, url);
  briefing_store_bind_text (stmt, 2, title);
  briefing_store_bind_text (stmt, 3, group);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!briefing_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);

  stmt = briefing_store_prepare (self, "INSERT INTO fetch_state (source_id) VALUES (?)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!briefing_store_step_done (self, stmt, error))
    return 0;

  briefing_store_emit_source_changed (self, id, BRIEFING_SOURCE_CHANGE_ADDED);

  return id;
}

static gboolean
changed_one_row (BriefingStore  *self,
                 const char     *what,
                 gint64          id,
                 GError        **error)
{
  g_assert (BRIEFING_IS_STORE (self));

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                   "There is no %s %" G_GINT64_FORMAT, what, id);
      return FALSE;
    }

  return TRUE;
}

gboolean
briefing_store_remove_source (BriefingStore  *self,
                              gint64          source_id,
                              GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  /* A sync account's changes to its briefings go with it: the server
   * no longer has the source to apply them to. */
  stmt = briefing_store_prepare (self, "DELETE FROM sync_queue WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!briefing_store_step_done (self, stmt, error))
    return FALSE;

  stmt = briefing_store_prepare (self, "DELETE FROM sources WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!briefing_store_step_done (self, stmt, error) ||
      !changed_one_row (self, "source", source_id, error))
    return FALSE;

  /* Its entries went with it: views drop the source's rows. */
  briefing_store_emit_source_changed (self, source_id, BRIEFING_SOURCE_CHANGE_REMOVED);
  briefing_store_emit_source_changed (self, 0, BRIEFING_SOURCE_CHANGE_COUNTS);

  return TRUE;
}

/**
 * briefing_store_set_source_muted:
 * @muted: whether the source's new briefings go unannounced
 */
gboolean
briefing_store_set_source_muted (BriefingStore  *self,
                                 gint64          source_id,
                                 gboolean        muted,
                                 GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  stmt = briefing_store_prepare (self, "UPDATE sources SET muted = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, !!muted);
  sqlite3_bind_int64 (stmt, 2, source_id);

  return briefing_store_step_done (self, stmt, error) && changed_one_row (self, "source", source_id, error);
}

gboolean
briefing_store_rename_source (BriefingStore  *self,
                              gint64          source_id,
                              const char     *title,
                              GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  stmt = briefing_store_prepare (self, "UPDATE sources SET custom_title = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  briefing_store_bind_text (stmt, 1, title);
  sqlite3_bind_int64 (stmt, 2, source_id);
  if (!briefing_store_step_done (self, stmt, error) ||
      !changed_one_row (self, "source", source_id, error))
    return FALSE;

  briefing_store_emit_source_changed (self, source_id, BRIEFING_SOURCE_CHANGE_RENAMED);

  return TRUE;
}

#define SOURCE_COLUMNS \
  "s.id, s.url, COALESCE (s.custom_title, s.title), s.site_url, s.icon_url, s.group_name, " \
  "s.disabled_reason, f.last_success, f.next_attempt, f.failures, f.last_status, f.last_error, " \
  "f.etag, f.last_modified, f.last_attempt, f.retry_after, s.muted, COALESCE (s.account_id, 0), " \
  "(SELECT COUNT(*) FROM entries e WHERE e.source_id = s.id), " \
  "(SELECT COUNT(*) FROM entries e LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key " \
  "  WHERE e.source_id = s.id AND COALESCE (st.read, 0) = 0) "

static BriefingSource *
source_from_row (sqlite3_stmt *stmt)
{
  BriefingSource *source = briefing_source_new (sqlite3_column_int64 (stmt, 0),
                                                briefing_store_column_text (stmt, 1));

  briefing_source_set_title (source, briefing_store_column_text (stmt, 2));
  briefing_source_set_site_url (source, briefing_store_column_text (stmt, 3));
  briefing_source_set_icon_url (source, briefing_store_column_text (stmt, 4));
  briefing_source_set_group (source, briefing_store_column_text (stmt, 5));
  briefing_source_set_disabled_reason (source, briefing_store_column_text (stmt, 6));
  briefing_source_set_last_success (source, sqlite3_column_int64 (stmt, 7));
  briefing_source_set_next_attempt (source, sqlite3_column_int64 (stmt, 8));
  briefing_source_set_failures (source, sqlite3_column_int (stmt, 9));
  briefing_source_set_last_status (source, briefing_store_column_text (stmt, 10));
  briefing_source_set_last_error (source, briefing_store_column_text (stmt, 11));
  briefing_source_set_etag (source, briefing_store_column_text (stmt, 12));
  briefing_source_set_last_modified (source, briefing_store_column_text (stmt, 13));
  briefing_source_set_last_attempt (source, sqlite3_column_int64 (stmt, 14));
  briefing_source_set_retry_after (source, sqlite3_column_int64 (stmt, 15));
  briefing_source_set_muted (source, sqlite3_column_int (stmt, 16));
  briefing_source_set_account_id (source, sqlite3_column_int64 (stmt, 17));
  briefing_source_set_entry_count (source, sqlite3_column_int (stmt, 18));
  briefing_source_set_unread_count (source, sqlite3_column_int (stmt, 19));

  return source;
}

/**
 * briefing_store_list_sources:
 *
 * Returns: (transfer container) (element-type BriefingSource): the
 *   sources, by name
 */
GPtrArray *
briefing_store_list_sources (BriefingStore  *self,
                             GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self,
                                 "SELECT " SOURCE_COLUMNS
                                 "FROM sources s LEFT JOIN fetch_state f ON f.source_id = s.id "
                                 "ORDER BY COALESCE (s.custom_title, s.title, s.url) COLLATE NOCASE, s.id",
                                 error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      briefing_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&sources);
}

BriefingSource *
briefing_store_get_source (BriefingStore  *self,
                           gint64          source_id,
                           GError        **error)
{
  STORE_LOCKED (self);
  BriefingSource *source = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self,
                                 "SELECT " SOURCE_COLUMNS
                                 "FROM sources s LEFT JOIN fetch_state f ON f.source_id = s.id "
                                 "WHERE s.id = ?",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    source = source_from_row (stmt);
  sqlite3_reset (stmt);

  if (source == NULL)
    g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                 "There is no source %" G_GINT64_FORMAT, source_id);

  return source;
}

/**
 * briefing_store_record_fetch:
 *
 * Records the outcome of one refresh: validators, status, error, the
 * next allowed attempt, and a move (permanent redirect) or a stop (410).
 */
gboolean
briefing_store_record_fetch (BriefingStore              *self,
                             const BriefingFetchRecord  *record,
                             GError                    **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;
  gboolean nested;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!briefing_store_begin (self, &nested, error))
    return FALSE;

  stmt = briefing_store_prepare (self,
                                 "UPDATE fetch_state SET "
                                 "  last_attempt = ?2, "
                                 "  last_success = CASE WHEN ?3 THEN ?2 ELSE last_success END, "
                                 "  failures = CASE WHEN ?3 THEN 0 ELSE failures + 1 END, "
                                 "  etag = CASE WHEN ?3 THEN ?4 ELSE etag END, "
                                 "  last_modified = CASE WHEN ?3 THEN ?5 ELSE last_modified END, "
                                 "  last_status = ?6, last_error = ?7, next_attempt = ?8, retry_after = ?9 "
                                 "WHERE source_id = ?1",
                                 error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, record->source_id);
  sqlite3_bind_int64 (stmt, 2, record->attempted);
  sqlite3_bind_int (stmt, 3, record->success);
  briefing_store_bind_text (stmt, 4, record->etag);
  briefing_store_bind_text (stmt, 5, record->last_modified);
  briefing_store_bind_text (stmt, 6, record->status);
  briefing_store_bind_text (stmt, 7, record->error);
  sqlite3_bind_int64 (stmt, 8, record->next_attempt);
  sqlite3_bind_int64 (stmt, 9, record->retry_after);
  if (!briefing_store_step_done (self, stmt, error))
    goto failed;

  if (record->disabled_reason != NULL)
    {
      stmt = briefing_store_prepare (self, "UPDATE sources SET disabled_reason = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      briefing_store_bind_text (stmt, 1, record->disabled_reason);
      sqlite3_bind_int64 (stmt, 2, record->source_id);
      if (!briefing_store_step_done (self, stmt, error))
        goto failed;
    }

  /* A source that moved for good follows, unless we already have a
   * source at its new address. */
  if (record->new_url != NULL)
    {
      stmt = briefing_store_prepare (self,
                                     "UPDATE OR IGNORE sources SET url = ? WHERE id = ?",
                                     error);
      if (stmt == NULL)
        goto failed;
      briefing_store_bind_text (stmt, 1, record->new_url);
      sqlite3_bind_int64 (stmt, 2, record->source_id);
      if (!briefing_store_step_done (self, stmt, error))
        goto failed;
    }

  if (!briefing_store_commit (self, nested, error))
    return FALSE;

  briefing_store_emit_source_changed (self, record->source_id, BRIEFING_SOURCE_CHANGE_STATUS);

  return TRUE;

failed:
  briefing_store_rollback (self, nested);
  return FALSE;
}

/**
 * briefing_store_prune:
 * @older_than: entries stored before this Unix time go (an entry's age
 *   counts from when it arrived, not from its own date: a reader who
 *   subscribes to a feed of old stories still gets to read them)
 * @keep_per_source: and so do all but the newest this many of each source
 * @removed: (out) (optional): how many entries went
 *
 * Applies retention. Starred entries always stay. Each pruned entry leaves
 * a tombstone in entry_state, so the same entry, still listed in its feed,
 * is not stored again as new and unread.
 */
gboolean
briefing_store_prune (BriefingStore  *self,
                      gint64          older_than,
                      guint           keep_per_source,
                      guint          *removed,
                      GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  if (!briefing_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!briefing_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY)", error) ||
      !briefing_store_exec (self, "DELETE FROM temp.doomed", error))
    goto failed;

  stmt = briefing_store_prepare (self,
                                 "INSERT INTO temp.doomed (id) "
                                 "SELECT ranked.id FROM ("
                                 "  SELECT e.id, e.fetched, COALESCE (st.starred, 0) AS starred, "
                                 "    ROW_NUMBER () OVER (PARTITION BY e.source_id ORDER BY e.published DESC, e.id DESC) AS rank "
                                 "  FROM entries e LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key"
                                 ") ranked WHERE ranked.starred = 0 AND (ranked.fetched < ?1 OR ranked.rank > ?2)",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, older_than);
  sqlite3_bind_int64 (stmt, 2, keep_per_source > 0 ? (gint64) keep_per_source : G_MAXINT64);
  if (!briefing_store_step_done (self, stmt, error))
    goto failed;

  if (removed != NULL)
    *removed = sqlite3_changes (self->db);

  /* Which ones, for the views showing them. */
  stmt = briefing_store_prepare (self, "SELECT id FROM temp.doomed", error);
  if (stmt == NULL)
    goto failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (doomed, id);
    }
  sqlite3_reset (stmt);

  if (!briefing_store_exec (self,
                            "INSERT INTO entry_state (source_id, key, read, pruned, changed) "
                            "SELECT e.source_id, e.key, 1, 1, strftime ('%s', 'now') FROM entries e "
                            "WHERE e.id IN (SELECT id FROM temp.doomed) "
                            "ON CONFLICT (source_id, key) DO UPDATE SET pruned = 1",
                            error) ||
      /* A story that loses entries may have lost what held it
       * together: its other entries are grouped again. */
      !briefing_store_exec (self,
                            "UPDATE entries SET story_id = NULL, story_checked = 0 "
                            "WHERE story_id IS NOT NULL AND story_id IN (SELECT story_id FROM entries "
                            "  WHERE id IN (SELECT id FROM temp.doomed) AND story_id IS NOT NULL)",
                            error) ||
      !briefing_store_exec (self, "DELETE FROM entries WHERE id IN (SELECT id FROM temp.doomed)", error) ||
      !briefing_store_exec (self, "DELETE FROM stories WHERE id NOT IN "
                                  "(SELECT story_id FROM entries WHERE story_id IS NOT NULL)", error) ||
      !briefing_store_exec (self, "DELETE FROM temp.doomed", error))
    goto failed;

  /* Tombstones outlive their entries by one retention period, not forever. */
  stmt = briefing_store_prepare (self, "DELETE FROM entry_state WHERE pruned = 1 AND starred = 0 AND changed < ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, older_than);
  if (!briefing_store_step_done (self, stmt, error) ||
      !briefing_store_exec (self, "COMMIT", error))
    goto failed;

  briefing_store_emit_entries_removed (self, doomed);

  return TRUE;

failed:
  briefing_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/**
 * briefing_store_check_integrity:
 *
 * Runs SQLite's integrity check.
 *
 * Returns: %TRUE when the database is sound
 */
gboolean
briefing_store_check_integrity (BriefingStore  *self,
                                GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *verdict = NULL;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    return briefing_store_fail (self, error);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_CORRUPT,
                   "The store failed its integrity check: %s", verdict != NULL ? verdict : "no answer");
      return FALSE;
    }

  /* Each topic's count of its entries, kept by the store itself. */
  stmt = briefing_store_prepare (self,
                                 "SELECT t.name FROM topics t WHERE t.entries != "
                                 "(SELECT COUNT (*) FROM entry_topics et WHERE et.topic_id = t.id) LIMIT 1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_CORRUPT,
                   "The store miscounts the entries of topic “%s”", briefing_store_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}
