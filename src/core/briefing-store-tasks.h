/* briefing-store-tasks.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-store.h"

G_BEGIN_DECLS

/* The store's operations for the UI and the session: each runs on the
 * store's one worker thread, behind every write queued before it, and
 * finishes on the caller's main context. What changed is announced by the
 * store's signals, so a caller never reloads a view after its own write. */

void            briefing_store_list_entries_async   (BriefingStore        *self,
                                                     const BriefingQuery  *query,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *briefing_store_list_entries_finish  (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_search_async         (BriefingStore        *self,
                                                     const char * const   *terms,
                                                     guint                 limit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *briefing_store_search_finish        (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_list_entries_by_id_async  (BriefingStore   *self,
                                                          GArray          *entry_ids,
                                                          GCancellable    *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer         user_data);
GPtrArray      *briefing_store_list_entries_by_id_finish (BriefingStore   *self,
                                                          GAsyncResult    *result,
                                                          GError         **error);
void            briefing_store_get_entry_async      (BriefingStore        *self,
                                                     gint64                entry_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BriefingEntry  *briefing_store_get_entry_finish     (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_list_related_async   (BriefingStore        *self,
                                                     gint64                entry_id,
                                                     guint                 limit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *briefing_store_list_related_finish  (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_list_coverage_async  (BriefingStore        *self,
                                                     gint64                entry_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *briefing_store_list_coverage_finish (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            briefing_store_set_read_async       (BriefingStore        *self,
                                                     GArray               *entry_ids,
                                                     gboolean              read,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        briefing_store_set_read_finish      (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_set_starred_async    (BriefingStore        *self,
                                                     GArray               *entry_ids,
                                                     gboolean              starred,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        briefing_store_set_starred_finish   (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_mark_all_read_async  (BriefingStore        *self,
                                                     const BriefingQuery  *query,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GArray         *briefing_store_mark_all_read_finish (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            briefing_store_list_sources_async   (BriefingStore        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *briefing_store_list_sources_finish  (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_get_source_async     (BriefingStore        *self,
                                                     gint64                source_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BriefingSource *briefing_store_get_source_finish    (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_list_arrivals_async  (BriefingStore        *self,
                                                     gint64                since,
                                                     guint                 limit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *briefing_store_list_arrivals_finish (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     guint                *total,
                                                     GError              **error);
void            briefing_store_set_source_muted_async  (BriefingStore     *self,
                                                        gint64             source_id,
                                                        gboolean           muted,
                                                        GCancellable      *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer           user_data);
gboolean        briefing_store_set_source_muted_finish (BriefingStore     *self,
                                                        GAsyncResult      *result,
                                                        GError           **error);
void            briefing_store_rename_source_async  (BriefingStore        *self,
                                                     gint64                source_id,
                                                     const char           *title,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BriefingSource *briefing_store_rename_source_finish (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_remove_source_async  (BriefingStore        *self,
                                                     gint64                source_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        briefing_store_remove_source_finish (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_find_sources_async   (BriefingStore        *self,
                                                     const char * const   *urls,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GHashTable     *briefing_store_find_sources_finish  (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            briefing_store_import_opml_async    (BriefingStore        *self,
                                                     GBytes               *contents,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
guint           briefing_store_import_opml_finish   (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            briefing_store_export_opml_async    (BriefingStore        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes         *briefing_store_export_opml_finish   (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            briefing_store_get_account_async    (BriefingStore        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BriefingAccount *briefing_store_get_account_finish  (BriefingStore        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
