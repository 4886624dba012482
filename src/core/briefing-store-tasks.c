/* briefing-store-tasks.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-store"

#include "config.h"

#include "briefing-store-tasks.h"

#include "briefing-entry.h"
#include "briefing-opml.h"
#include "briefing-source.h"
#include "briefing-store-private.h"
#include "briefing-url.h"

#include <string.h>

/* The store's asynchronous operations, modelled on Epiphany's history
 * service: each has its own task data struct, filled on the caller's
 * thread (copying what the caller owns), read on the worker thread, and
 * freed with the task. The worker touches nothing but the store and its
 * task data; results come back through GTask on the caller's context. */

/* Queries ----------------------------------------------------------------- */

/**
 * briefing_query_copy:
 *
 * Returns: (transfer full): a copy owning its strings; free with
 *   briefing_query_free()
 */
BriefingQuery *
briefing_query_copy (const BriefingQuery *query)
{
  BriefingQuery *copy = g_new (BriefingQuery, 1);

  *copy = *query;
  copy->topic = g_strdup (query->topic);
  copy->search = g_strdup (query->search);

  return copy;
}

void
briefing_query_free (BriefingQuery *query)
{
  if (query == NULL)
    return;

  g_free ((char *) query->topic);
  g_free ((char *) query->search);
  g_free (query);
}

static GTask *
store_task_new (BriefingStore       *self,
                gpointer             source_tag,
                gpointer             task_data,
                GDestroyNotify       task_data_free,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_assert (BRIEFING_IS_STORE (self));

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);

  return task;
}

static GArray *
copy_ids (GArray *entry_ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), entry_ids->len);

  g_array_append_vals (copy, entry_ids->data, entry_ids->len);

  return copy;
}

/* Listing entries ------------------------------------------------------------ */

static void
list_entries_job (BriefingStore *store,
                  GTask         *task,
                  gpointer       task_data,
                  GCancellable  *cancellable)
{
  BriefingQuery *query = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = briefing_store_list_entries (store, query, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
briefing_store_list_entries_async (BriefingStore       *self,
                                   const BriefingQuery *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (query != NULL);

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_list_entries_async,
                                        briefing_query_copy (query), (GDestroyNotify) briefing_query_free,
                                        cancellable, callback, user_data),
                        list_entries_job);
}

/**
 * briefing_store_list_entries_finish:
 *
 * Returns: (transfer container) (element-type BriefingEntry): the entries
 */
GPtrArray *
briefing_store_list_entries_finish (BriefingStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Searching, for the desktop's search ------------------------------------------ */

typedef struct
{
  GStrv terms;
  guint limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_strfreev (data->terms);
  g_free (data);
}

static void
search_job (BriefingStore *store,
            GTask         *task,
            gpointer       task_data,
            GCancellable  *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = briefing_store_search (store, (const char * const *) data->terms, data->limit, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
briefing_store_search_async (BriefingStore       *self,
                             const char * const  *terms,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  SearchData *data;

  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (terms != NULL);

  data = g_new (SearchData, 1);
  data->terms = g_strdupv ((char **) terms);
  data->limit = limit;
  briefing_store_queue (self,
                        store_task_new (self, briefing_store_search_async, data, (GDestroyNotify) search_data_free,
                                        cancellable, callback, user_data),
                        search_job);
}

/**
 * briefing_store_search_finish:
 *
 * Returns: (transfer container) (element-type BriefingEntry): the entries
 *   matching every term, newest first
 */
GPtrArray *
briefing_store_search_finish (BriefingStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_by_id_job (BriefingStore *store,
                GTask         *task,
                gpointer       task_data,
                GCancellable  *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = briefing_store_list_entries_by_id (store, task_data, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
briefing_store_list_entries_by_id_async (BriefingStore       *self,
                                         GArray              *entry_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (entry_ids != NULL);

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_list_entries_by_id_async, copy_ids (entry_ids),
                                        (GDestroyNotify) g_array_unref, cancellable, callback, user_data),
                        list_by_id_job);
}

/**
 * briefing_store_list_entries_by_id_finish:
 *
 * Returns: (transfer container) (element-type BriefingEntry): the stored
 *   ones of the entries asked for, in that order
 */
GPtrArray *
briefing_store_list_entries_by_id_finish (BriefingStore  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One entry --------------------------------------------------------------------- */

typedef struct
{
  gint64 entry_id;
  guint  limit;
} EntryData;

static EntryData *
entry_data_new (gint64 entry_id,
                guint  limit)
{
  EntryData *data = g_new (EntryData, 1);

  data->entry_id = entry_id;
  data->limit = limit;

  return data;
}

static void
get_entry_job (BriefingStore *store,
               GTask         *task,
               gpointer       task_data,
               GCancellable  *cancellable)
{
  EntryData *data = task_data;
  GError *error = NULL;
  BriefingEntry *entry;

  if (g_task_return_error_if_cancelled (task))
    return;

  entry = briefing_store_get_entry (store, data->entry_id, &error);
  if (entry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, g_object_unref);
}

void
briefing_store_get_entry_async (BriefingStore       *self,
                                gint64               entry_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_get_entry_async, entry_data_new (entry_id, 0), g_free,
                                        cancellable, callback, user_data),
                        get_entry_job);
}

/**
 * briefing_store_get_entry_finish:
 *
 * Returns: (transfer full): the entry
 */
BriefingEntry *
briefing_store_get_entry_finish (BriefingStore  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_related_job (BriefingStore *store,
                  GTask         *task,
                  gpointer       task_data,
                  GCancellable  *cancellable)
{
  EntryData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = briefing_store_list_related (store, data->entry_id, data->limit, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
briefing_store_list_related_async (BriefingStore       *self,
                                   gint64               entry_id,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_list_related_async, entry_data_new (entry_id, limit),
                                        g_free, cancellable, callback, user_data),
                        list_related_job);
}

/**
 * briefing_store_list_related_finish:
 *
 * Returns: (transfer container) (element-type BriefingEntry): the entries
 */
GPtrArray *
briefing_store_list_related_finish (BriefingStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_coverage_job (BriefingStore *store,
                   GTask         *task,
                   gpointer       task_data,
                   GCancellable  *cancellable)
{
  EntryData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = briefing_store_list_coverage (store, data->entry_id, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
briefing_store_list_coverage_async (BriefingStore       *self,
                                    gint64               entry_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_list_coverage_async, entry_data_new (entry_id, 0),
                                        g_free, cancellable, callback, user_data),
                        list_coverage_job);
}

/**
 * briefing_store_list_coverage_finish:
 *
 * Returns: (transfer container) (element-type BriefingEntry): the entries
 */
GPtrArray *
briefing_store_list_coverage_finish (BriefingStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Read and starred ----------------------------------------------------------------- */

typedef struct
{
  GArray             *entry_ids;
  BriefingEntryField  field;
  gboolean            value;
} StateData;

static void
state_data_free (StateData *data)
{
  g_array_unref (data->entry_ids);
  g_free (data);
}

/* A reader's action is written even if the view that asked went away, so
 * this job never looks at the cancellable. */
static void
set_state_job (BriefingStore *store,
               GTask         *task,
               gpointer       task_data,
               GCancellable  *cancellable)
{
  StateData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->entry_ids->len == 1 && data->field == BRIEFING_ENTRY_FIELD_READ)
    ok = briefing_store_set_read (store, g_array_index (data->entry_ids, gint64, 0), data->value, &error);
  else if (data->entry_ids->len == 1)
    ok = briefing_store_set_starred (store, g_array_index (data->entry_ids, gint64, 0), data->value, &error);
  else if (data->field == BRIEFING_ENTRY_FIELD_READ)
    ok = briefing_store_set_read_many (store, data->entry_ids, data->value, &error);
  else
    ok = briefing_store_set_starred_many (store, data->entry_ids, data->value, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_state_async (BriefingStore       *self,
                 gpointer             source_tag,
                 GArray              *entry_ids,
                 BriefingEntryField   field,
                 gboolean             value,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  StateData *data = g_new0 (StateData, 1);

  g_assert (BRIEFING_IS_STORE (self));

  data->entry_ids = copy_ids (entry_ids);
  data->field = field;
  data->value = value;

  briefing_store_queue (self,
                        store_task_new (self, source_tag, data, (GDestroyNotify) state_data_free,
                                        cancellable, callback, user_data),
                        set_state_job);
}

/**
 * briefing_store_set_read_async:
 * @entry_ids: (element-type gint64): one entry or several
 *
 * Marks entries read or unread in one transaction; the store then emits
 * BriefingStore::entry-changed once.
 */
void
briefing_store_set_read_async (BriefingStore       *self,
                               GArray              *entry_ids,
                               gboolean             read,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (entry_ids != NULL);

  set_state_async (self, briefing_store_set_read_async, entry_ids, BRIEFING_ENTRY_FIELD_READ, read,
                   cancellable, callback, user_data);
}

gboolean
briefing_store_set_read_finish (BriefingStore  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * briefing_store_set_starred_async:
 * @entry_ids: (element-type gint64): one entry or several
 */
void
briefing_store_set_starred_async (BriefingStore       *self,
                                  GArray              *entry_ids,
                                  gboolean             starred,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (entry_ids != NULL);

  set_state_async (self, briefing_store_set_starred_async, entry_ids, BRIEFING_ENTRY_FIELD_STARRED, starred,
                   cancellable, callback, user_data);
}

gboolean
briefing_store_set_starred_finish (BriefingStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mark_all_read_job (BriefingStore *store,
                   GTask         *task,
                   gpointer       task_data,
                   GCancellable  *cancellable)
{
  GError *error = NULL;
  GArray *ids = briefing_store_mark_all_read (store, task_data, &error);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
briefing_store_mark_all_read_async (BriefingStore       *self,
                                    const BriefingQuery *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (query != NULL);

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_mark_all_read_async,
                                        briefing_query_copy (query), (GDestroyNotify) briefing_query_free,
                                        cancellable, callback, user_data),
                        mark_all_read_job);
}

/**
 * briefing_store_mark_all_read_finish:
 *
 * Returns: (transfer full) (element-type gint64): the entries that were
 *   unread, for an undo
 */
GArray *
briefing_store_mark_all_read_finish (BriefingStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Arrivals: what a notification announces ----------------------------------------- */

typedef struct
{
  GPtrArray *entries;
  guint      total;
} Arrivals;

static void
arrivals_free (Arrivals *arrivals)
{
  g_clear_pointer (&arrivals->entries, g_ptr_array_unref);
  g_free (arrivals);
}

/* EntryData's entry_id holds the time since when. */
static void
list_arrivals_job (BriefingStore *store,
                   GTask         *task,
                   gpointer       task_data,
                   GCancellable  *cancellable)
{
  EntryData *data = task_data;
  Arrivals *arrivals = g_new0 (Arrivals, 1);
  GError *error = NULL;

  arrivals->entries = briefing_store_list_arrivals (store, data->entry_id, data->limit, &arrivals->total, &error);
  if (arrivals->entries == NULL)
    {
      arrivals_free (arrivals);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, arrivals, (GDestroyNotify) arrivals_free);
}

void
briefing_store_list_arrivals_async (BriefingStore       *self,
                                    gint64               since,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_list_arrivals_async, entry_data_new (since, limit),
                                        g_free, cancellable, callback, user_data),
                        list_arrivals_job);
}

/**
 * briefing_store_list_arrivals_finish:
 * @total: (out) (optional): how many arrived, listed or not
 *
 * Returns: (transfer container) (element-type BriefingEntry): the newest
 *   arrivals
 */
GPtrArray *
briefing_store_list_arrivals_finish (BriefingStore  *self,
                                     GAsyncResult   *result,
                                     guint          *total,
                                     GError        **error)
{
  Arrivals *arrivals;
  GPtrArray *entries;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  arrivals = g_task_propagate_pointer (G_TASK (result), error);
  if (arrivals == NULL)
    return NULL;

  if (total != NULL)
    *total = arrivals->total;
  entries = g_steal_pointer (&arrivals->entries);
  arrivals_free (arrivals);

  return entries;
}

/* Sources -------------------------------------------------------------------- */

typedef struct
{
  gint64  source_id;
  char   *title;
} SourceData;

static SourceData *
source_data_new (gint64      source_id,
                 const char *title)
{
  SourceData *data = g_new0 (SourceData, 1);

  data->source_id = source_id;
  data->title = g_strdup (title);

  return data;
}

static void
source_data_free (SourceData *data)
{
  g_free (data->title);
  g_free (data);
}

static void
list_sources_job (BriefingStore *store,
                  GTask         *task,
                  gpointer       task_data,
                  GCancellable  *cancellable)
{
  GError *error = NULL;
  GPtrArray *sources;

  if (g_task_return_error_if_cancelled (task))
    return;

  sources = briefing_store_list_sources (store, &error);
  if (sources == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sources, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * briefing_store_list_sources_async:
 *
 * Lists every source with its unread count and last refresh's outcome.
 */
void
briefing_store_list_sources_async (BriefingStore       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_list_sources_async, NULL, NULL,
                                        cancellable, callback, user_data),
                        list_sources_job);
}

/**
 * briefing_store_list_sources_finish:
 *
 * Returns: (transfer container) (element-type BriefingSource): the sources
 */
GPtrArray *
briefing_store_list_sources_finish (BriefingStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_source_job (BriefingStore *store,
                GTask         *task,
                gpointer       task_data,
                GCancellable  *cancellable)
{
  SourceData *data = task_data;
  GError *error = NULL;
  BriefingSource *source;

  if (g_task_return_error_if_cancelled (task))
    return;

  source = briefing_store_get_source (store, data->source_id, &error);
  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, g_object_unref);
}

void
briefing_store_get_source_async (BriefingStore       *self,
                                 gint64               source_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_get_source_async, source_data_new (source_id, NULL),
                                        (GDestroyNotify) source_data_free, cancellable, callback, user_data),
                        get_source_job);
}

/**
 * briefing_store_get_source_finish:
 *
 * Returns: (transfer full): the source as it is now
 */
BriefingSource *
briefing_store_get_source_finish (BriefingStore  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Renames, then reads back the name the source has now: its feed's own
 * title when the reader cleared the name. */
static void
rename_source_job (BriefingStore *store,
                   GTask         *task,
                   gpointer       task_data,
                   GCancellable  *cancellable)
{
  SourceData *data = task_data;
  GError *error = NULL;
  BriefingSource *source;

  if (!briefing_store_rename_source (store, data->source_id, data->title, &error) ||
      (source = briefing_store_get_source (store, data->source_id, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, g_object_unref);
}

/**
 * briefing_store_rename_source_async:
 * @title: (nullable): the reader's name for it; %NULL for the feed's own
 */
void
briefing_store_rename_source_async (BriefingStore       *self,
                                    gint64               source_id,
                                    const char          *title,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_rename_source_async, source_data_new (source_id, title),
                                        (GDestroyNotify) source_data_free, cancellable, callback, user_data),
                        rename_source_job);
}

/**
 * briefing_store_rename_source_finish:
 *
 * Returns: (transfer full): the source with its new name
 */
BriefingSource *
briefing_store_rename_source_finish (BriefingStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mute_source_job (BriefingStore *store,
                 GTask         *task,
                 gpointer       task_data,
                 GCancellable  *cancellable)
{
  SourceData *data = task_data;
  GError *error = NULL;

  if (briefing_store_set_source_muted (store, data->source_id, data->title != NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * briefing_store_set_source_muted_async:
 * @muted: whether the source's new briefings go unannounced
 */
void
briefing_store_set_source_muted_async (BriefingStore       *self,
                                       gint64               source_id,
                                       gboolean             muted,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  /* SourceData's title, set or not, says muted. */
  briefing_store_queue (self,
                        store_task_new (self, briefing_store_set_source_muted_async,
                                        source_data_new (source_id, muted ? "muted" : NULL),
                                        (GDestroyNotify) source_data_free, cancellable, callback, user_data),
                        mute_source_job);
}

gboolean
briefing_store_set_source_muted_finish (BriefingStore  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_source_job (BriefingStore *store,
                   GTask         *task,
                   gpointer       task_data,
                   GCancellable  *cancellable)
{
  SourceData *data = task_data;
  GError *error = NULL;

  if (briefing_store_remove_source (store, data->source_id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * briefing_store_remove_source_async:
 *
 * Unsubscribes: the source goes, and its entries with it.
 */
void
briefing_store_remove_source_async (BriefingStore       *self,
                                    gint64               source_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_remove_source_async, source_data_new (source_id, NULL),
                                        (GDestroyNotify) source_data_free, cancellable, callback, user_data),
                        remove_source_job);
}

gboolean
briefing_store_remove_source_finish (BriefingStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
find_sources_job (BriefingStore *store,
                  GTask         *task,
                  gpointer       task_data,
                  GCancellable  *cancellable)
{
  char **urls = task_data;
  GHashTable *subscribed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      if (briefing_store_find_source (store, urls[i]) != 0)
        g_hash_table_add (subscribed, g_strdup (urls[i]));
    }

  g_task_return_pointer (task, subscribed, (GDestroyNotify) g_hash_table_unref);
}

/**
 * briefing_store_find_sources_async:
 * @urls: feed addresses
 *
 * Finds which of @urls the reader is subscribed to.
 */
void
briefing_store_find_sources_async (BriefingStore       *self,
                                   const char * const  *urls,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (urls != NULL);

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_find_sources_async, g_strdupv ((char **) urls),
                                        (GDestroyNotify) g_strfreev, cancellable, callback, user_data),
                        find_sources_job);
}

/**
 * briefing_store_find_sources_finish:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of the
 *   addresses subscribed to
 */
GHashTable *
briefing_store_find_sources_finish (BriefingStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* OPML ------------------------------------------------------------------------- */

/* Parses on the store's thread too: a list of subscriptions is small (see
 * BRIEFING_OPML_MAX_SIZE), and the sources are added in the same step.
 * Only fetching later tells whether an address really is a feed, so the
 * import just records the subscriptions and the next refresh fills them. */
static void
import_opml_job (BriefingStore *store,
                 GTask         *task,
                 gpointer       task_data,
                 GCancellable  *cancellable)
{
  GBytes *contents = task_data;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) first_error = NULL;
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (contents, &len);
  guint added = 0;
  guint skipped = 0;

  outlines = briefing_opml_parse (data, len, &error);
  if (outlines == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < outlines->len; i++)
    {
      BriefingOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autoptr(GError) local_error = NULL;

      if (!briefing_url_is_web (outline->url))
        skipped++;
      else if (briefing_store_add_source (store, outline->url, outline->title, outline->group, &local_error) != 0)
        added++;
      else
        {
          skipped++;
          if (!g_error_matches (local_error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE) &&
              first_error == NULL)
            first_error = g_steal_pointer (&local_error);
        }
    }

  g_debug ("Import added %u sources, skipped %u", added, skipped);

  /* A failing store fails the import; one odd entry among many does not. */
  if (added == 0 && first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&first_error));
  else
    g_task_return_int (task, added);
}

/**
 * briefing_store_import_opml_async:
 * @contents: an OPML document
 *
 * Subscribes to each feed the document lists and the reader is not yet
 * subscribed to.
 */
void
briefing_store_import_opml_async (BriefingStore       *self,
                                  GBytes              *contents,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));
  g_return_if_fail (contents != NULL);

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_import_opml_async, g_bytes_ref (contents),
                                        (GDestroyNotify) g_bytes_unref, cancellable, callback, user_data),
                        import_opml_job);
}

/**
 * briefing_store_import_opml_finish:
 *
 * Returns: how many sources were added; 0 with @error set on failure
 */
guint
briefing_store_import_opml_finish (BriefingStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  gssize added;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  added = g_task_propagate_int (G_TASK (result), error);

  return added > 0 ? (guint) added : 0;
}

static void
export_opml_job (BriefingStore *store,
                 GTask         *task,
                 gpointer       task_data,
                 GCancellable  *cancellable)
{
  g_autoptr(GPtrArray) sources = NULL;
  GError *error = NULL;
  char *opml;

  sources = briefing_store_list_sources (store, &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  opml = briefing_opml_write (sources, "Briefing subscriptions");
  g_task_return_pointer (task, g_bytes_new_take (opml, strlen (opml)), (GDestroyNotify) g_bytes_unref);
}

/**
 * briefing_store_export_opml_async:
 *
 * Writes every subscription as an OPML document.
 */
void
briefing_store_export_opml_async (BriefingStore       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_export_opml_async, NULL, NULL,
                                        cancellable, callback, user_data),
                        export_opml_job);
}

/**
 * briefing_store_export_opml_finish:
 *
 * Returns: (transfer full): the document
 */
GBytes *
briefing_store_export_opml_finish (BriefingStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_account_job (BriefingStore *store,
                 GTask         *task,
                 gpointer       task_data,
                 GCancellable  *cancellable)
{
  GError *error = NULL;
  BriefingAccount *account = briefing_store_get_account (store, &error);

  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, (GDestroyNotify) briefing_account_free);
}

/**
 * briefing_store_get_account_async:
 *
 * Reads the sync account, if there is one: the finish function fails
 * with %BRIEFING_STORE_ERROR_NOT_FOUND when there is none.
 */
void
briefing_store_get_account_async (BriefingStore       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_STORE (self));

  briefing_store_queue (self,
                        store_task_new (self, briefing_store_get_account_async, NULL, NULL,
                                        cancellable, callback, user_data),
                        get_account_job);
}

/**
 * briefing_store_get_account_finish:
 *
 * Returns: (transfer full): the account
 */
BriefingAccount *
briefing_store_get_account_finish (BriefingStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
