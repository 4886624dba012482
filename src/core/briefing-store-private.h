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

G_END_DECLS
