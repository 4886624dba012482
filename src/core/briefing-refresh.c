/* briefing-refresh.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-refresh"

#include "config.h"

#include "briefing-refresh.h"

#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-fetcher.h"
#include "briefing-source.h"
#include "briefing-store-private.h"
#include "briefing-url.h"
#include "briefing-utils.h"

/* Refreshes sources: fetch, parse on a worker thread, store on the
 * store's thread, record how it went. At most six sources are in flight,
 * two per host, and each source's failure is its own: it is recorded with
 * a backoff and the others go on. */

struct _BriefingRefresh
{
  GObject          parent_instance;

  BriefingStore   *store;
  BriefingFetcher *fetcher;
  GQueue           queue;
  GHashTable      *per_host;
  guint            active;     /* fetching or parsing */

  /* Fetched and parsed, waiting for the store: saved together, a batch
   * at a time (see briefing_store_begin_batch()). */
  GPtrArray       *unsaved;    /* of Outcome */
  guint            n_unsaved;  /* those, and the batch being saved */
  gboolean         saving;
};

G_DEFINE_FINAL_TYPE (BriefingRefresh, briefing_refresh, G_TYPE_OBJECT)

enum {
  SOURCE_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_ACTIVE 6
#define MAX_PER_HOST 2

/* Parsed feeds waiting for the store hold their entries in memory: when
 * this many wait, no new fetch starts. */
#define MAX_UNSAVED 32

/* Backoff after failures: 5 minutes, doubling, at most a day, with ±20%
 * jitter so that sources that failed together do not retry together. */
#define BACKOFF_BASE (5 * 60)
#define BACKOFF_MAX (24 * 60 * 60)

typedef struct
{
  GTask     *task;       /* the whole run */
  GPtrArray *results;
  guint      remaining;
} Run;

typedef struct
{
  BriefingRefresh       *self;
  Run                   *run;
  BriefingSource        *source;
  char                  *host;
  gint64                 attempted;
  BriefingFetchResult   *fetched;
  BriefingRefreshResult *result;
  GCancellable          *cancellable;
  gboolean               released;   /* its fetch slot */
} Job;

void
briefing_refresh_result_free (BriefingRefreshResult *result)
{
  if (result == NULL)
    return;

  g_free (result->title);
  g_free (result->url);
  g_free (result->status);
  g_free (result->error);
  g_free (result);
}

static void
briefing_refresh_dispose (GObject *object)
{
  BriefingRefresh *self = (BriefingRefresh *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->per_host, g_hash_table_unref);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);

  G_OBJECT_CLASS (briefing_refresh_parent_class)->dispose (object);
}

static void
briefing_refresh_class_init (BriefingRefreshClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_refresh_dispose;

  /**
   * BriefingRefresh::source-refreshed:
   * @result: (type gpointer): the #BriefingRefreshResult
   *
   * Emitted as each source finishes, so that a window can show progress
   * and per-source errors as they happen.
   */
  signals[SOURCE_REFRESHED] =
    g_signal_new ("source-refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
briefing_refresh_init (BriefingRefresh *self)
{
  g_queue_init (&self->queue);
  self->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unsaved = g_ptr_array_new ();
}

BriefingRefresh *
briefing_refresh_new (BriefingStore   *store,
                      BriefingFetcher *fetcher)
{
  BriefingRefresh *self;

  g_return_val_if_fail (BRIEFING_IS_STORE (store), NULL);
  g_return_val_if_fail (BRIEFING_IS_FETCHER (fetcher), NULL);

  self = g_object_new (BRIEFING_TYPE_REFRESH, NULL);
  self->store = g_object_ref (store);
  self->fetcher = g_object_ref (fetcher);

  return self;
}

/**
 * briefing_refresh_get_pending:
 *
 * Returns: how many sources are queued or in flight
 */
guint
briefing_refresh_get_pending (BriefingRefresh *self)
{
  g_return_val_if_fail (BRIEFING_IS_REFRESH (self), 0);

  return self->queue.length + self->active + self->n_unsaved;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("");

  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

static void pump (BriefingRefresh *self);

static void
job_free (Job *job)
{
  g_clear_object (&job->source);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->fetched, briefing_fetch_result_free);
  g_clear_pointer (&job->result, briefing_refresh_result_free);
  g_free (job->host);
  g_free (job);
}

static void
run_source_done (Run                   *run,
                 BriefingRefreshResult *result)
{
  g_ptr_array_add (run->results, result);

  if (--run->remaining == 0)
    {
      GTask *task = run->task;

      g_task_return_pointer (task, g_ptr_array_ref (run->results), (GDestroyNotify) g_ptr_array_unref);
      g_ptr_array_unref (run->results);
      g_free (run);
      g_object_unref (task);
    }
}

/* Ends a job: reports it, frees its slot, and starts the next ones. */
/* Frees a job's fetch slot, for the next fetch. */
static void
release_slot (Job *job)
{
  BriefingRefresh *self = job->self;
  guint per_host = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, job->host));

  if (job->released)
    return;

  job->released = TRUE;
  if (per_host <= 1)
    g_hash_table_remove (self->per_host, job->host);
  else
    g_hash_table_insert (self->per_host, g_strdup (job->host), GUINT_TO_POINTER (per_host - 1));
  self->active--;
}

static void
job_done (Job *job)
{
  BriefingRefresh *self = job->self;

  release_slot (job);

  g_signal_emit (self, signals[SOURCE_REFRESHED], 0, job->result);
  run_source_done (job->run, g_steal_pointer (&job->result));
  job_free (job);

  pump (self);
  g_object_unref (self);
}

static gint64
backoff (guint failures,
         gint64 now)
{
  gint64 delay = BACKOFF_BASE;

  for (guint i = 1; i < failures && delay < BACKOFF_MAX; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX);

  return now + delay + g_random_int_range (-(int) (delay / 5), (int) (delay / 5) + 1);
}

typedef struct
{
  BriefingFetchRecord  record;
  BriefingFeed        *feed;
  Job                 *job;
  char                *error;
  char                *etag;
  char                *last_modified;
  char                *disabled_reason;
  char                *new_url;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_object (&outcome->feed);
  g_free (outcome->error);
  g_free (outcome->etag);
  g_free (outcome->last_modified);
  g_free (outcome->disabled_reason);
  g_free (outcome->new_url);
  g_free (outcome);
}

static void
outcome_fail (Outcome    *outcome,
              const char *message)
{
  BriefingRefreshResult *result = outcome->job->result;

  g_free (result->status);
  result->status = g_strdup ("error");
  g_free (result->error);
  result->error = g_strdup (message);
}

/* On the store's thread, inside a batch: save the entries and record the
 * attempt. */
static void
save_outcome (BriefingStore *store,
              Outcome       *outcome)
{
  BriefingRefreshResult *result = outcome->job->result;
  g_autoptr(GError) error = NULL;

  if (outcome->feed != NULL)
    {
      BriefingSaveResult counts = { 0, };

      if (!briefing_store_save_feed (store, outcome->record.source_id, outcome->feed,
                                     outcome->record.attempted, &counts, &error))
        {
          outcome->record.success = FALSE;
          outcome->record.status = "error";
          g_free (outcome->error);
          outcome->error = g_strdup (error->message);
          outcome->record.error = outcome->error;
          g_clear_error (&error);
        }
      else
        {
          result->added = counts.added;
          result->updated = counts.updated;
          outcome->record.status = counts.added > 0 ? "new" : counts.updated > 0 ? "updated" : "not-modified";
        }
    }

  if (!briefing_store_record_fetch (store, &outcome->record, &error))
    {
      g_warning ("Cannot record the refresh of %s: %s", briefing_source_get_url (outcome->job->source),
                 error->message);
      outcome_fail (outcome, error->message);
      return;
    }

  g_free (result->status);
  result->status = g_strdup (outcome->record.status);
  g_free (result->error);
  result->error = g_strdup (outcome->record.error);
}

static void
save_job (BriefingStore *store,
          GTask         *task,
          gpointer       task_data,
          GCancellable  *cancellable)
{
  GPtrArray *batch = task_data;
  GError *error = NULL;
  /* The batch holds the store from BEGIN to COMMIT: a sync writes from a
   * thread of its own, and must neither land in this transaction nor
   * find it open. */
  STORE_LOCKED (store);

  if (!briefing_store_begin_batch (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < batch->len; i++)
    save_outcome (store, g_ptr_array_index (batch, i));

  if (!briefing_store_end_batch (store, TRUE, &error))
    {
      briefing_store_end_batch (store, FALSE, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void save_unsaved (BriefingRefresh *self);

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  BriefingRefresh *self = user_data;
  GPtrArray *batch = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot save a refresh: %s", error->message);

  self->saving = FALSE;
  self->n_unsaved -= batch->len;
  for (guint i = 0; i < batch->len; i++)
    {
      Outcome *outcome = g_ptr_array_index (batch, i);
      Job *job = outcome->job;

      if (error != NULL)
        outcome_fail (outcome, error->message);
      job_done (job);
    }

  save_unsaved (self);
  pump (self);
  g_object_unref (self);
}

/* Saves what has arrived since the last batch, unless a batch is being
 * saved: then the next batch waits for it and takes all that came
 * meanwhile. */
static void
save_unsaved (BriefingRefresh *self)
{
  GPtrArray *batch;
  GTask *task;

  g_assert (BRIEFING_IS_REFRESH (self));

  if (self->saving || self->unsaved->len == 0)
    return;

  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) outcome_free);
  g_ptr_array_extend_and_steal (batch, g_steal_pointer (&self->unsaved));
  self->unsaved = g_ptr_array_new ();
  self->saving = TRUE;

  task = g_task_new (self->store, NULL, save_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_unsaved);
  g_task_set_task_data (task, batch, (GDestroyNotify) g_ptr_array_unref);
  briefing_store_queue (self->store, task, save_job);
}

static void
finish_job (Job     *job,
            Outcome *outcome)
{
  BriefingRefresh *self = job->self;

  outcome->job = job;
  outcome->record.source_id = briefing_source_get_id (job->source);
  outcome->record.attempted = job->attempted;
  outcome->record.error = outcome->error;
  outcome->record.etag = outcome->etag;
  outcome->record.last_modified = outcome->last_modified;
  outcome->record.disabled_reason = outcome->disabled_reason;
  outcome->record.new_url = outcome->new_url;

  /* The fetch is over: its slot goes to the next source while this one
   * waits for the store. */
  release_slot (job);
  g_ptr_array_add (self->unsaved, outcome);
  self->n_unsaved++;
  save_unsaved (self);
  pump (self);
}

static void
fail_job (Job        *job,
          const char *message)
{
  Outcome *outcome = g_new0 (Outcome, 1);
  guint failures = briefing_source_get_failures (job->source) + 1;

  outcome->error = g_strdup (message);
  outcome->record.status = "error";
  outcome->record.next_attempt = backoff (failures, job->attempted);

  finish_job (job, outcome);
}

/* A cancelled refresh is not a failure of the source: nothing is
 * recorded, so no backoff follows. */
static void
cancel_job (Job *job)
{
  g_free (job->result->status);
  job->result->status = g_strdup ("cancelled");
  job_done (job);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  BriefingFeed *feed;
  Outcome *outcome;
  gint64 lower_bound;

  feed = g_task_propagate_pointer (G_TASK (result), &error);
  if (feed == NULL)
    {
      fail_job (job, error->message);
      return;
    }

  outcome = g_new0 (Outcome, 1);
  outcome->feed = feed;
  outcome->record.success = TRUE;
  outcome->record.status = "not-modified";
  outcome->etag = g_strdup (job->fetched->etag);
  outcome->last_modified = g_strdup (job->fetched->last_modified);
  outcome->new_url = g_strdup (job->fetched->permanent_url);

  /* The feed's ttl and the server's max-age are lower bounds on the next
   * poll; the reader's interval applies on top. */
  lower_bound = MAX ((gint64) briefing_feed_get_ttl (feed) * 60, job->fetched->max_age);
  outcome->record.next_attempt = lower_bound > 0 ? job->attempted + lower_bound : 0;

  finish_job (job, outcome);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BriefingFetchResult *fetched = task_data;
  const char *base = fetched->content_location != NULL ? fetched->content_location : fetched->url;
  GError *error = NULL;
  BriefingFeed *feed;

  feed = briefing_feed_parse (fetched->body, base, fetched->content_type, &error);
  if (feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  briefing_store_prepare_feed (feed);
  g_task_return_pointer (task, feed, g_object_unref);
}

static void
parse_fetched (Job *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, parse_cb, job);

  g_task_set_task_data (task, job->fetched, NULL);
  g_task_run_in_thread (task, parse_thread);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(BriefingFetchResult) failed = NULL;
  g_autoptr(GError) error = NULL;

  job->fetched = briefing_fetcher_fetch_finish (BRIEFING_FETCHER (object), result, &failed, &error);
  if (job->fetched == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cancel_job (job);
      return;
    }

  if (job->fetched == NULL)
    {
      Outcome *outcome;

      if (!g_error_matches (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_GONE) &&
          !g_error_matches (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_RATE_LIMITED))
        {
          fail_job (job, error->message);
          return;
        }

      outcome = g_new0 (Outcome, 1);
      outcome->error = g_strdup (error->message);
      outcome->record.status = "error";
      outcome->record.next_attempt = backoff (briefing_source_get_failures (job->source) + 1, job->attempted);

      if (g_error_matches (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_GONE))
        outcome->disabled_reason = g_strdup (error->message);
      else if (failed != NULL && failed->retry_after > 0)
        outcome->record.retry_after = failed->retry_after;

      finish_job (job, outcome);
      return;
    }

  if (job->fetched->not_modified)
    {
      Outcome *outcome = g_new0 (Outcome, 1);

      outcome->record.success = TRUE;
      outcome->record.status = "not-modified";
      outcome->etag = g_strdup (job->fetched->etag);
      outcome->last_modified = g_strdup (job->fetched->last_modified);
      outcome->record.next_attempt = job->fetched->max_age > 0 ? job->attempted + job->fetched->max_age : 0;
      finish_job (job, outcome);
      return;
    }

  parse_fetched (job);
}

/* Bundled and local sources (the samples, file: URLs) are read, not
 * fetched, on a worker thread and with the same cap as a download. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes;

  bytes = briefing_file_load_bounded (G_FILE (task_data), BRIEFING_FEED_MAX_SIZE, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cancel_job (job);
      return;
    }

  if (bytes == NULL)
    {
      fail_job (job, error->message);
      return;
    }

  job->fetched = g_new0 (BriefingFetchResult, 1);
  job->fetched->url = g_strdup (briefing_source_get_url (job->source));
  job->fetched->body = bytes;
  parse_fetched (job);
}

static void
start_job (Job *job)
{
  BriefingRefresh *self = job->self;
  const char *url = briefing_source_get_url (job->source);

  self->active++;
  g_hash_table_insert (self->per_host, g_strdup (job->host),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, job->host)) + 1));
  job->attempted = g_get_real_time () / G_USEC_PER_SEC;

  if (briefing_url_is_web (url))
    briefing_fetcher_fetch_async (self->fetcher, url, briefing_source_get_etag (job->source),
                                  briefing_source_get_last_modified (job->source),
                                  job->cancellable, fetch_cb, job);
  else if (g_str_has_prefix (url, "resource:") || g_str_has_prefix (url, "file:"))
    {
      g_autoptr(GTask) task = g_task_new (NULL, job->cancellable, load_cb, job);

      g_task_set_task_data (task, g_file_new_for_uri (url), g_object_unref);
      g_task_run_in_thread (task, load_thread);
    }
  else
    fail_job (job, "This source’s address is not a web address");
}

/* Starts queued jobs while there is room, skipping those whose host is
 * busy: a slow host delays only its own sources. */
static void
pump (BriefingRefresh *self)
{
  GList *link = self->queue.head;

  g_assert (BRIEFING_IS_REFRESH (self));

  while (link != NULL && self->active < MAX_ACTIVE && self->n_unsaved < MAX_UNSAVED)
    {
      GList *next = link->next;
      Job *job = link->data;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, job->host)) < MAX_PER_HOST)
        {
          g_queue_delete_link (&self->queue, link);
          g_object_ref (self);
          start_job (job);
        }

      link = next;
    }
}

/**
 * briefing_refresh_run_async:
 * @sources: (element-type BriefingSource): what to refresh
 *
 * Refreshes @sources. The task completes when every one of them has
 * finished, one way or the other; per-source failures are results, not
 * an error of the run.
 */
void
briefing_refresh_run_async (BriefingRefresh     *self,
                            GPtrArray           *sources,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Run *run;

  g_return_if_fail (BRIEFING_IS_REFRESH (self));
  g_return_if_fail (sources != NULL);

  run = g_new0 (Run, 1);
  run->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, briefing_refresh_run_async);
  run->results = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_refresh_result_free);
  run->remaining = sources->len;

  if (sources->len == 0)
    {
      g_task_return_pointer (run->task, run->results, (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (run->task);
      g_free (run);
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (sources, i);
      Job *job = g_new0 (Job, 1);

      job->self = self;
      job->run = run;
      job->source = g_object_ref (source);
      job->host = host_of (briefing_source_get_url (source));
      job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
      job->result = g_new0 (BriefingRefreshResult, 1);
      job->result->source_id = briefing_source_get_id (source);
      job->result->title = g_strdup (briefing_source_get_title (source));
      job->result->url = g_strdup (briefing_source_get_url (source));
      job->result->status = g_strdup ("error");
      g_queue_push_tail (&self->queue, job);
    }

  pump (self);
}

/**
 * briefing_refresh_run_finish:
 *
 * Returns: (transfer container) (element-type BriefingRefreshResult): one
 *   result per source, in the order they finished
 */
GPtrArray *
briefing_refresh_run_finish (BriefingRefresh  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
