/* briefing-store-private.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "briefing-store.h"

G_BEGIN_DECLS

struct _BriefingStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GHashTable   *statements;
  GRecMutex     lock;
  GThreadPool  *worker;
  GMainContext *main_context;

  /* Topic rows written in the open transaction, by key: valid until it
   * ends (another process may change topics between transactions). */
  GHashTable   *topic_ids;

  /* entry_topics rows added per topic id, not yet in topics.entries: in
   * the open savepoint, and in the transaction around it. Brought up to
   * date once per topic when the transaction commits, rather than by a
   * trigger per row: a cold refresh of 18,000 briefings spent a fifth of
   * its time in that trigger. */
  GHashTable   *topic_counts_unit;
  GHashTable   *topic_counts;
};

/* Every public synchronous function holds the lock for its whole body, so
 * that briefingctl's direct calls and the worker thread never interleave
 * statements of one transaction. */
#define STORE_LOCKED(self) \
  g_autoptr(GRecMutexLocker) G_PASTE (locker, __LINE__) = g_rec_mutex_locker_new (&(self)->lock)

sqlite3_stmt *briefing_store_prepare   (BriefingStore  *self,
                                        const char     *sql,
                                        GError        **error);
gboolean      briefing_store_exec      (BriefingStore  *self,
                                        const char     *sql,
                                        GError        **error);
gboolean      briefing_store_step_done (BriefingStore  *self,
                                        sqlite3_stmt   *stmt,
                                        GError        **error);
gboolean      briefing_store_fail      (BriefingStore  *self,
                                        GError        **error);
gboolean      briefing_store_begin     (BriefingStore  *self,
                                        gboolean       *nested,
                                        GError        **error);
gboolean      briefing_store_commit    (BriefingStore  *self,
                                        gboolean        nested,
                                        GError        **error);
void          briefing_store_rollback  (BriefingStore  *self,
                                        gboolean        nested);
void          briefing_store_bind_text (sqlite3_stmt   *stmt,
                                        int             index,
                                        const char     *text);
const char   *briefing_store_column_text (sqlite3_stmt *stmt,
                                          int           column);

gboolean      briefing_store_queue_change (BriefingStore       *self,
                                          gint64               entry_id,
                                          BriefingEntryField   field,
                                          gboolean             value,
                                          gint64               changed,
                                          GError             **error);

/* Runs on the store's worker thread, with the task's own (typed) data. */
typedef void (*BriefingStoreJob) (BriefingStore *store,
                                  GTask         *task,
                                  gpointer       task_data,
                                  GCancellable  *cancellable);

void          briefing_store_queue     (BriefingStore    *self,
                                        GTask            *task,
                                        BriefingStoreJob  job);

/* Signals, emitted later on the store's main context: call once per
 * transaction, after it committed. */
void          briefing_store_emit_entries_added   (BriefingStore        *self,
                                                   gint64                source_id,
                                                   guint                 added);
void          briefing_store_emit_entries_removed (BriefingStore        *self,
                                                   GArray               *entry_ids);
void          briefing_store_emit_entry_changed   (BriefingStore        *self,
                                                   GArray               *entry_ids,
                                                   BriefingEntryField    field,
                                                   gboolean              value);
void          briefing_store_emit_source_changed  (BriefingStore        *self,
                                                   gint64                source_id,
                                                   BriefingSourceChange  change);

/* How much a topic tells apart: one on a few entries says more than one on
 * thousands ("World"). Plain arithmetic, so that it needs no SQLite math
 * functions: 1 for a topic on one entry, 1/2 on 50, 1/21 on 1,000. The
 * same in SQL and in C. */
#define BRIEFING_TOPIC_RARITY_SQL(entries) "(1.0 / (1.0 + 0.02 * (" entries ")))"

static inline double
briefing_topic_rarity (gint64 entries)
{
  return 1.0 / (1.0 + 0.02 * entries);
}

/* The columns every list of entries reads, and where from */
#define LIST_COLUMNS \
  "e.id, e.source_id, COALESCE (s.custom_title, s.title, s.url), e.guid, e.title, e.link, " \
  "e.published, e.image_url, COALESCE (st.read, 0), COALESCE (st.starred, 0), s.url, e.story_id, " \
  "CASE WHEN e.story_id IS NULL THEN 0 " \
  "ELSE (SELECT COUNT (DISTINCT x.source_id) FROM entries x WHERE x.story_id = e.story_id) END "
#define LIST_N_COLUMNS 13

#define LIST_FROM \
  "FROM entries e JOIN sources s ON s.id = e.source_id " \
  "LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key "

BriefingEntry *briefing_store_entry_from_list_row (sqlite3_stmt *stmt);
GPtrArray     *briefing_store_list_rows          (BriefingStore  *self,
                                                  sqlite3_stmt   *stmt,
                                                  GError        **error);

void           briefing_store_count_topic  (BriefingStore  *self,
                                            gint64          topic_id);

/* Replaces an entry's topics with @entry's (existed: it had some) */
gboolean       briefing_store_save_topics  (BriefingStore  *self,
                                            gint64          entry_id,
                                            BriefingEntry  *entry,
                                            gboolean        existed,
                                            GError        **error);

/* briefing-store-related.c: what else is about what an entry is about */
typedef struct
{
  gint64 id;
  gint64 source_id;
  gint64 published;
  double score;       /* 0 to 1 */
} BriefingRelatedHit;

GArray        *briefing_store_rank_related (BriefingStore  *self,
                                            gint64          entry_id,
                                            double          max_days,
                                            GError        **error);

G_END_DECLS
