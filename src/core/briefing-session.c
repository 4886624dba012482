/* briefing-session.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-session"

#include "config.h"

#include "briefing-session.h"

#include "briefing-discovery.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-fetcher.h"
#include "briefing-image-cache.h"
#include "briefing-refresh.h"
#include "briefing-samples-resources.h"
#include "briefing-source.h"
#include "briefing-store-private.h"
#include "briefing-store.h"
#include "briefing-sync.h"
#include "briefing-utils.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <string.h>

/* The one non-widget owner of the reader's state: the store, the fetcher,
 * the refresh queue and the schedule that drives it. Windows are views
 * over a session; briefingctl drives one too. */
struct _BriefingSession
{
  GObject          parent_instance;

  BriefingStore   *store;
  BriefingFetcher *fetcher;
  BriefingRefresh *refresh;
  BriefingImageCache *image_cache;
  guint            interval_minutes;
  guint            test_tick_ms;
  gint64           next_due;        /* no source is due before this (Unix time); 0: ask the store */
  guint            retention_days;
  guint            retention_per_source;
  guint            scheduler_id;
  guint            refreshing;
  gboolean         catching_up;
  gboolean         catch_up_again;
  guint            caught_up;   /* entries read in this run */
  gint64           last_sync;   /* when a round last synced the account */
};

G_DEFINE_FINAL_TYPE (BriefingSession, briefing_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (briefing-session-error-quark, briefing_session_error)

enum {
  PROP_0,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESH_FINISHED,
  STORIES_CHANGED,
  SYNC_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SAMPLES_SEEDED_KEY "samples-seeded"

/* How often the schedule looks for due sources, and how long it leaves
 * a starting app alone first: launching is about showing what is stored. */
#define SCHEDULER_TICK_SECONDS 60
#define SCHEDULER_FIRST_TICK_SECONDS 3

/* Tests only: BRIEFING_TEST_SCHEDULE_MS=N ticks every N milliseconds and
 * makes every source due at each tick (backoff and Retry-After still
 * apply), so that a thousand scheduled rounds take minutes, not weeks. */
#define TEST_SCHEDULE_ENV "BRIEFING_TEST_SCHEDULE_MS"

static void
briefing_session_dispose (GObject *object)
{
  BriefingSession *self = (BriefingSession *)object;

  g_clear_handle_id (&self->scheduler_id, g_source_remove);
  g_clear_object (&self->refresh);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (briefing_session_parent_class)->dispose (object);
}

static void
briefing_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BriefingSession *self = BRIEFING_SESSION (object);

  switch (prop_id)
    {
    case PROP_REFRESHING:
      g_value_set_boolean (value, briefing_session_get_refreshing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_session_class_init (BriefingSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_session_dispose;
  object_class->get_property = briefing_session_get_property;

  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BriefingSession::refresh-finished:
   * @results: (element-type BriefingRefreshResult): how each source went
   * @scheduled: whether the schedule started it, rather than the reader
   *
   * Emitted when a refresh round has finished, for whoever announces
   * new briefings.
   */
  /**
   * BriefingSession::stories-changed:
   *
   * Stored entries got topics or joined stories in the background: views
   * showing a briefing's coverage read it again.
   */
  signals[STORIES_CHANGED] =
    g_signal_new ("stories-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[REFRESH_FINISHED] =
    g_signal_new ("refresh-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_BOOLEAN);

  /**
   * BriefingSession::sync-progress:
   * @done: items the account's server has sent in this sync
   * @total: how many it will send, 0 when it does not say
   */
  signals[SYNC_PROGRESS] =
    g_signal_new ("sync-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
briefing_session_init (BriefingSession *self)
{
  self->interval_minutes = 30;
  self->retention_days = 90;
  self->retention_per_source = 500;
}

/* BRIEFING_FETCH_TIMEOUTS="CONNECT,TOTAL" (seconds) shortens the
 * fetcher's timeouts, so that tests of servers that stall on purpose can
 * run briefingctl, or the app, without waiting out the real ones. This is
 * the one place it is read; a value that does not parse changes nothing. */
static void
apply_timeouts_from_env (BriefingFetcher *fetcher)
{
  const char *text = g_getenv ("BRIEFING_FETCH_TIMEOUTS");
  g_auto(GStrv) parts = NULL;
  guint64 connect_seconds, total_seconds;

  if (text == NULL)
    return;

  parts = g_strsplit (text, ",", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 3600, &connect_seconds, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 3600, &total_seconds, NULL))
    return;

  briefing_fetcher_set_timeouts (fetcher, (guint) connect_seconds, (guint) total_seconds);
}

/* A source subscribed is due at once: the next tick asks the store. */
static void
on_store_source_changed_cb (BriefingSession      *self,
                            gint64                source_id,
                            BriefingSourceChange  change,
                            BriefingStore        *store)
{
  if (change == BRIEFING_SOURCE_CHANGE_ADDED)
    self->next_due = 0;
}

BriefingSession *
briefing_session_new (BriefingStore *store)
{
  BriefingSession *self;

  g_return_val_if_fail (BRIEFING_IS_STORE (store), NULL);

  /* libxml2 2.9 initializes itself lazily, which is not safe when the
   * first parses happen on several worker threads at once. */
  xmlInitParser ();

  self = g_object_new (BRIEFING_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->fetcher = briefing_fetcher_new ();
  apply_timeouts_from_env (self->fetcher);
  self->refresh = briefing_refresh_new (store, self->fetcher);
  self->image_cache = briefing_image_cache_new (NULL);
  g_signal_connect_object (store, "source-changed", G_CALLBACK (on_store_source_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * briefing_session_get_image_cache:
 *
 * Returns: (transfer none): where remote images are fetched and kept
 */
BriefingImageCache *
briefing_session_get_image_cache (BriefingSession *self)
{
  g_return_val_if_fail (BRIEFING_IS_SESSION (self), NULL);

  return self->image_cache;
}

BriefingStore *
briefing_session_get_store (BriefingSession *self)
{
  g_return_val_if_fail (BRIEFING_IS_SESSION (self), NULL);

  return self->store;
}

BriefingFetcher *
briefing_session_get_fetcher (BriefingSession *self)
{
  g_return_val_if_fail (BRIEFING_IS_SESSION (self), NULL);

  return self->fetcher;
}

/**
 * briefing_session_get_refresh:
 *
 * Returns: (transfer none): the refresh queue, whose ::source-refreshed
 *   reports each source as it finishes
 */
BriefingRefresh *
briefing_session_get_refresh (BriefingSession *self)
{
  g_return_val_if_fail (BRIEFING_IS_SESSION (self), NULL);

  return self->refresh;
}

void
briefing_session_set_refresh_interval (BriefingSession *self,
                                       guint            minutes)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  self->interval_minutes = MAX (minutes, 1);
  self->next_due = 0;
}

void
briefing_session_set_retention (BriefingSession *self,
                                guint            days,
                                guint            per_source)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  self->retention_days = days;
  self->retention_per_source = per_source;
}

gboolean
briefing_session_get_refreshing (BriefingSession *self)
{
  g_return_val_if_fail (BRIEFING_IS_SESSION (self), FALSE);

  return self->refreshing > 0;
}

static void
refreshing_changed (BriefingSession *self,
                    int              delta)
{
  gboolean before = self->refreshing > 0;

  g_assert (BRIEFING_IS_SESSION (self));

  self->refreshing += delta;
  if (before != (self->refreshing > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/* Samples ----------------------------------------------------------------- */

/**
 * briefing_session_seed_samples:
 *
 * On the first run only, subscribes to the bundled "Sample briefings"
 * source and stores its entries, through the same parser and store as any
 * other source, so a first launch without network is never an empty
 * window. Blocks; the app calls the _async variant.
 */
gboolean
briefing_session_seed_samples (BriefingSession  *self,
                               GError          **error)
{
  g_autofree char *seeded = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  gint64 source_id;

  g_return_val_if_fail (BRIEFING_IS_SESSION (self), FALSE);

  seeded = briefing_store_get_meta (self->store, SAMPLES_SEEDED_KEY);
  if (seeded != NULL)
    return TRUE;

  /* Referencing the bundle keeps the linker from dropping it out of the
   * static library; its constructor registers it. */
  g_assert (briefing_samples_get_resource () != NULL);

  file = g_file_new_for_uri (BRIEFING_SAMPLES_URL);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;

  feed = briefing_feed_parse (bytes, BRIEFING_SAMPLES_URL, NULL, error);
  if (feed == NULL)
    return FALSE;

  source_id = briefing_store_find_source (self->store, BRIEFING_SAMPLES_URL);
  if (source_id == 0)
    source_id = briefing_store_add_source (self->store, BRIEFING_SAMPLES_URL,
                                           briefing_feed_get_title (feed), NULL, error);
  if (source_id == 0)
    return FALSE;

  if (!briefing_store_save_feed (self->store, source_id, feed, g_get_real_time () / G_USEC_PER_SEC, NULL, error))
    return FALSE;

  return briefing_store_set_meta (self->store, SAMPLES_SEEDED_KEY, "1", error);
}

/* Runs @job on the store's worker thread, in a task of the session's
 * with @data as its task data. */
static void
queue_on_store (BriefingSession     *self,
                BriefingStoreJob     job,
                gpointer             data,
                GDestroyNotify       data_free,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_assert (BRIEFING_IS_SESSION (self));

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  briefing_store_queue (self->store, task, job);
}

static void
seed_samples_job (BriefingStore *store,
                  GTask         *task,
                  gpointer       task_data,
                  GCancellable  *cancellable)
{
  GError *error = NULL;

  if (briefing_session_seed_samples (g_task_get_source_object (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
briefing_session_seed_samples_async (BriefingSession     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  /* On the store's worker thread: seeding writes. */
  queue_on_store (self, seed_samples_job, NULL, NULL, briefing_session_seed_samples_async,
                  cancellable, callback, user_data);
}

gboolean
briefing_session_seed_samples_finish (BriefingSession  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Refresh ----------------------------------------------------------------- */

typedef struct
{
  gint64    source_id;
  gboolean  only_due;
  guint     interval_seconds;
  guint     retention_days;
  guint     retention_per_source;
  gboolean  added;      /* whether the refresh stored anything new */
  gint64    next_due;   /* out, of a round of due sources: when the next one is */
} RefreshArgs;

/* On the store's thread: the sources to refresh. */
static void
list_due_job (BriefingStore *store,
              GTask         *task,
              gpointer       task_data,
              GCancellable  *cancellable)
{
  RefreshArgs *args = task_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GError *error = NULL;

  sources = briefing_store_list_sources (store, &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (sources, i);

      if (args->source_id != 0 && briefing_source_get_id (source) != args->source_id)
        continue;

      /* The account's server fetches its sources; the sync brings them. */
      if (briefing_source_get_account_id (source) != 0)
        continue;

      /* A manual refresh skips the interval and our own backoff, but a
       * server's Retry-After and a disabled source are always honoured. */
      if (args->only_due
            ? !briefing_source_is_due (source, now, args->interval_seconds)
            : (briefing_source_get_disabled_reason (source) != NULL || now < briefing_source_get_retry_after (source)))
        {
          if (briefing_source_get_disabled_reason (source) == NULL)
            args->next_due = MIN (args->next_due,
                                  MAX (briefing_source_get_last_attempt (source) + (gint64) args->interval_seconds,
                                       MAX (briefing_source_get_next_attempt (source),
                                            briefing_source_get_retry_after (source))));
          continue;
        }

      g_ptr_array_add (chosen, g_object_ref (source));
    }

  if (args->source_id != 0 && sources->len > 0 && chosen->len == 0)
    {
      gboolean exists = FALSE;

      for (guint i = 0; i < sources->len; i++)
        exists |= briefing_source_get_id (g_ptr_array_index (sources, i)) == args->source_id;

      if (!exists)
        {
          g_task_return_new_error (task, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                                   "There is no source %" G_GINT64_FORMAT, args->source_id);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&chosen), (GDestroyNotify) g_ptr_array_unref);
}

static void
prune_job (BriefingStore *store,
           GTask         *task,
           gpointer       task_data,
           GCancellable  *cancellable)
{
  RefreshArgs *args = task_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *applied = NULL;
  GError *error = NULL;

  if (args->retention_days == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Nothing new cannot exceed a per-source count, and a day's age limit
   * need not be applied to the minute: a refresh that stored nothing
   * (every source 304, say) skips retention for an hour. */
  applied = briefing_store_get_meta (store, "retention-applied");
  if (!args->added && applied != NULL && now - g_ascii_strtoll (applied, NULL, 10) < 60 * 60)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (briefing_store_prune (store, now - (gint64) args->retention_days * 24 * 60 * 60,
                            args->retention_per_source, NULL, &error))
    {
      g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now);

      briefing_store_set_meta (store, "retention-applied", stamp, NULL);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
prune_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Retention is housekeeping: the refresh succeeded regardless. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot apply retention: %s", error->message);

  {
    BriefingSession *self = g_task_get_source_object (task);
    RefreshArgs *args = g_task_get_task_data (task);
    GPtrArray *results = g_object_steal_data (G_OBJECT (task), "results");

    refreshing_changed (self, -1);
    if (args->added)
      briefing_session_catch_up (self);
    g_signal_emit (self, signals[REFRESH_FINISHED], 0, results, args->only_due);
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
  }
}

/* Topics and stories in the background ------------------------------------ */

/* Small batches, each its own job on the store's thread, so that what
 * the reader asks for in between waits for one batch at most: grouping
 * an entry ranks its related briefings, up to 20 ms with 100,000 stored,
 * and batches of 40 held a launch's first page back by most of a second. */
#define CATCH_UP_BATCH 8

static void catch_up_next (BriefingSession *self);

static void
catch_up_job (BriefingStore *store,
              GTask         *task,
              gpointer       task_data,
              GCancellable  *cancellable)
{
  GError *error = NULL;
  guint done = 0;

  if (briefing_store_group_stories (store, CATCH_UP_BATCH, &done, &error))
    g_task_return_int (task, done);
  else
    g_task_return_error (task, error);
}

static void
catch_up_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BriefingSession *self = BRIEFING_SESSION (object);
  g_autoptr(GError) error = NULL;
  gssize done = g_task_propagate_int (G_TASK (result), &error);

  if (done < 0)
    g_warning ("Cannot group stored briefings into stories: %s", error->message);

  if (done > 0)
    {
      self->caught_up += done;
      catch_up_next (self);
      return;
    }

  self->catching_up = FALSE;
  if (self->caught_up > 0)
    g_signal_emit (self, signals[STORIES_CHANGED], 0);

  /* Asked again meanwhile: once more, unless the store just failed. */
  if (self->catch_up_again)
    {
      self->catch_up_again = FALSE;
      if (done == 0)
        briefing_session_catch_up (self);
    }
}

static void
catch_up_next (BriefingSession *self)
{
  queue_on_store (self, catch_up_job, NULL, NULL, briefing_session_catch_up, NULL, catch_up_cb, NULL);
}

/**
 * briefing_session_catch_up:
 *
 * Gives stored entries that lack them their topics (after an upgrade of
 * the extractor) and groups new entries into stories, in the background,
 * in small batches. Emits BriefingSession::stories-changed when done, if
 * anything changed.
 */
void
briefing_session_catch_up (BriefingSession *self)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  if (self->catching_up)
    {
      self->catch_up_again = TRUE;
      return;
    }

  self->catching_up = TRUE;
  self->caught_up = 0;
  catch_up_next (self);
}

static void run_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
prune_after_round (GTask *task)
{
  BriefingSession *self = g_task_get_source_object (task);
  RefreshArgs *args = g_task_get_task_data (task);

  queue_on_store (self, prune_job, g_memdup2 (args, sizeof *args), g_free, run_cb,
                  NULL, prune_cb, task);
}

static void
on_sync_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  g_signal_emit (user_data, signals[SYNC_PROGRESS], 0, done, total);
}

/* The account's sync joins the round's results as one more line, with
 * source id 0: its errors reach the reader the way a source's do. */
static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshArgs *args = g_task_get_task_data (task);
  GPtrArray *results = g_object_get_data (G_OBJECT (task), "results");
  g_autoptr(GError) error = NULL;
  BriefingSyncResult counts = { 0, };
  BriefingRefreshResult *line;

  if (!briefing_sync_run_finish (result, &counts, &error) &&
      g_error_matches (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NO_ACCOUNT))
    {
      prune_after_round (g_steal_pointer (&task));
      return;
    }

  line = g_new0 (BriefingRefreshResult, 1);
  line->title = g_strdup (_("Sync account"));
  line->status = g_strdup (error != NULL ? "error" : counts.added > 0 ? "new"
                           : counts.updated > 0 ? "updated" : "not-modified");
  line->error = error != NULL ? g_strdup (error->message) : NULL;
  line->added = counts.added;
  line->updated = counts.updated;
  g_ptr_array_add (results, line);
  args->added |= counts.added > 0;

  prune_after_round (g_steal_pointer (&task));
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BriefingSession *self = g_task_get_source_object (task);
  RefreshArgs *args = g_task_get_task_data (task);
  GPtrArray *results;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  results = briefing_refresh_run_finish (BRIEFING_REFRESH (object), result, NULL);
  if (results == NULL)
    results = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_refresh_result_free);
  g_object_set_data_full (G_OBJECT (task), "results", results, (GDestroyNotify) g_ptr_array_unref);

  args->added = FALSE;
  for (guint i = 0; i < results->len; i++)
    args->added |= ((BriefingRefreshResult *) g_ptr_array_index (results, i))->added > 0;

  /* A round over every source syncs the account too: the schedule's once
   * an interval, the reader's at once. */
  if (args->source_id == 0 &&
      (!args->only_due || self->last_sync == 0 || now - self->last_sync >= (gint64) args->interval_seconds))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      self->last_sync = now;
      briefing_sync_run_async (self->store, on_sync_progress, self, cancellable, sync_cb, g_steal_pointer (&task));
      return;
    }

  prune_after_round (g_steal_pointer (&task));
}

static void
list_due_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BriefingSession *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) sources = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  /* When the store need be asked again: the soonest a source not
   * refreshed now is due, and at the latest one interval on (those
   * refreshed now, and any subscribed meanwhile by another program). */
  {
    RefreshArgs *listed = g_task_get_task_data (G_TASK (result));

    if (listed->only_due)
      self->next_due = listed->next_due;
  }

  sources = g_task_propagate_pointer (G_TASK (result), &error);
  if (sources == NULL)
    {
      refreshing_changed (self, -1);
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  briefing_refresh_run_async (self->refresh, sources, cancellable, run_cb, g_steal_pointer (&task));
}

/**
 * briefing_session_refresh_async:
 * @source_id: the source to refresh, or 0 for all
 * @only_due: refresh only sources whose interval has passed (the
 *   schedule), rather than everything asked for (a reader's request)
 *
 * Refreshes sources and then applies retention.
 */
void
briefing_session_refresh_async (BriefingSession     *self,
                                gint64               source_id,
                                gboolean             only_due,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  RefreshArgs *args;

  g_return_if_fail (BRIEFING_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, briefing_session_refresh_async);

  args = g_new0 (RefreshArgs, 1);
  args->source_id = source_id;
  args->only_due = only_due;
  args->interval_seconds = self->test_tick_ms > 0 ? 0 : self->interval_minutes * 60;
  args->next_due = g_get_real_time () / G_USEC_PER_SEC + args->interval_seconds;
  args->retention_days = self->retention_days;
  args->retention_per_source = self->retention_per_source;
  g_task_set_task_data (task, args, g_free);

  refreshing_changed (self, +1);
  queue_on_store (self, list_due_job, g_memdup2 (args, sizeof *args), g_free, briefing_session_refresh_async,
                  cancellable, list_due_cb, task);
}

/**
 * briefing_session_refresh_finish:
 *
 * Returns: (transfer container) (element-type BriefingRefreshResult): one
 *   result per source refreshed
 */
GPtrArray *
briefing_session_refresh_finish (BriefingSession  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
scheduled_refresh_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = briefing_session_refresh_finish (BRIEFING_SESSION (object), result, &error);
  if (results == NULL)
    g_warning ("Scheduled refresh failed: %s", error->message);
}

static gboolean
on_scheduler_tick_cb (gpointer user_data)
{
  BriefingSession *self = user_data;

  /* Nothing due yet, as the last round found: the tick wakes this
   * thread alone, not the store's. */
  if (self->next_due > g_get_real_time () / G_USEC_PER_SEC && self->test_tick_ms == 0)
    return G_SOURCE_CONTINUE;

  /* One round at a time; a slow round simply delays the next check. */
  if (!briefing_session_get_refreshing (self))
    briefing_session_refresh_async (self, 0, TRUE, NULL, scheduled_refresh_cb, NULL);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_scheduler_first_tick_cb (gpointer user_data)
{
  BriefingSession *self = user_data;

  /* Whatever an earlier run or an upgrade left to do: after the window
   * has shown the newest briefings, not in the way of their first page. */
  briefing_session_catch_up (self);
  on_scheduler_tick_cb (self);
  if (self->test_tick_ms > 0)
    self->scheduler_id = g_timeout_add (self->test_tick_ms, on_scheduler_tick_cb, self);
  else
    self->scheduler_id = g_timeout_add_seconds (SCHEDULER_TICK_SECONDS, on_scheduler_tick_cb, self);

  return G_SOURCE_REMOVE;
}

/**
 * briefing_session_start_scheduler:
 *
 * Refreshes due sources shortly and then every minute from now on. Each
 * source is due when the refresh interval has passed since its last
 * attempt and neither its backoff nor its server says to wait longer.
 */
void
briefing_session_start_scheduler (BriefingSession *self)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  if (self->scheduler_id != 0)
    return;

  self->test_tick_ms = (guint) MIN (g_ascii_strtoull (g_getenv (TEST_SCHEDULE_ENV) ?: "0", NULL, 10), 60000);
  if (self->test_tick_ms > 0)
    self->scheduler_id = g_timeout_add (self->test_tick_ms, on_scheduler_first_tick_cb, self);
  else
    self->scheduler_id = g_timeout_add_seconds (SCHEDULER_FIRST_TICK_SECONDS, on_scheduler_first_tick_cb, self);
}

/* Discovery and subscribing --------------------------------------------- */

typedef struct
{
  char                *url;
  char                *group;
  gboolean             subscribe;
  gboolean             followed_link;
  BriefingFetchResult *fetched;
  BriefingFeed        *feed;
  GPtrArray           *links;
  gint64               attempted;
} Subscribe;

static void
subscribe_free (Subscribe *sub)
{
  g_free (sub->url);
  g_free (sub->group);
  g_clear_pointer (&sub->fetched, briefing_fetch_result_free);
  g_clear_object (&sub->feed);
  g_clear_pointer (&sub->links, g_ptr_array_unref);
  g_free (sub);
}

static void subscribe_fetch (GTask *task);

static const char *
fetched_base (BriefingFetchResult *fetched)
{
  return fetched->content_location != NULL ? fetched->content_location : fetched->url;
}

/* Parses what the URL gave: a feed, or a web page listing feeds. */
static void
discover_parse_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Subscribe *sub = task_data;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;

  sub->feed = briefing_feed_parse (sub->fetched->body, fetched_base (sub->fetched),
                                   sub->fetched->content_type, &error);
  if (sub->feed != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_error_matches (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_WEB_PAGE) &&
      !g_error_matches (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (sub->fetched->body, &len);
  sub->links = briefing_discover_feeds (data, len, fetched_base (sub->fetched));
  if (sub->links->len == 0)
    g_task_return_new_error (task, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_NO_FEED,
                             "No feed was found at %s", sub->url);
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_subscription_job (BriefingStore *store,
                       GTask         *task,
                       gpointer       task_data,
                       GCancellable  *cancellable)
{
  Subscribe *sub = task_data;
  const char *url = sub->fetched->permanent_url != NULL ? sub->fetched->permanent_url : sub->url;
  BriefingFetchRecord record = { 0, };
  GError *error = NULL;
  gint64 source_id;

  source_id = briefing_store_add_source (store, url, briefing_feed_get_title (sub->feed), sub->group, &error);
  if (source_id == 0)
    {
      g_task_return_error (task, error);
      return;
    }

  record.source_id = source_id;
  record.attempted = sub->attempted;
  record.success = TRUE;
  record.status = "new";
  record.etag = sub->fetched->etag;
  record.last_modified = sub->fetched->last_modified;

  if (!briefing_store_save_feed (store, source_id, sub->feed, sub->attempted, NULL, &error) ||
      !briefing_store_record_fetch (store, &record, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, briefing_store_get_source (store, source_id, NULL), g_object_unref);
}

/* With a sync account, subscribing is the server's: it fetches the feed
 * from now on, and the sync brings the source and its briefings. */
static void
save_subscription_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  BriefingSession *self = source_object;
  Subscribe *sub = task_data;
  g_autoptr(BriefingAccount) account = briefing_store_get_account (self->store, NULL);
  const char *url = sub->fetched->permanent_url != NULL ? sub->fetched->permanent_url : sub->url;
  GError *error = NULL;
  gint64 source_id;

  if (account == NULL)
    {
      /* As on the store's thread: the whole save holds the store. */
      STORE_LOCKED (self->store);

      save_subscription_job (self->store, task, task_data, cancellable);
      return;
    }

  source_id = briefing_sync_subscribe (self->store, NULL, url, sub->group, cancellable, &error);
  if (source_id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, briefing_store_get_source (self->store, source_id, NULL), g_object_unref);
}

static void
save_subscription_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  BriefingSource *source;

  source = g_task_propagate_pointer (G_TASK (result), &error);
  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, g_object_unref);
}

static GPtrArray *
links_for_feed (Subscribe *sub)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_feed_link_free);
  BriefingFeedLink *link = g_new0 (BriefingFeedLink, 1);

  link->url = g_strdup (sub->fetched->permanent_url != NULL ? sub->fetched->permanent_url : sub->url);
  link->title = g_strdup (briefing_feed_get_title (sub->feed));
  link->type = g_strdup (briefing_feed_get_format (sub->feed));
  g_ptr_array_add (links, link);

  return links;
}

static void
discover_parse_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BriefingSession *self = g_task_get_source_object (task);
  Subscribe *sub = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!sub->subscribe)
    {
      g_task_return_pointer (task, sub->feed != NULL ? links_for_feed (sub) : g_ptr_array_ref (sub->links),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if (sub->feed != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_autoptr(GTask) save = g_task_new (self, cancellable, save_subscription_cb, g_steal_pointer (&task));

      /* The outer task, which owns @sub, lives until this one is done. */
      g_task_set_source_tag (save, briefing_session_subscribe_async);
      g_task_set_task_data (save, sub, NULL);
      g_task_run_in_thread (save, save_subscription_thread);
      return;
    }

  /* A page advertising one feed: subscribe to that feed. Several: the
   * reader chooses. A link leading to yet another page: give up. */
  if (sub->followed_link)
    {
      g_task_return_new_error (task, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_NO_FEED,
                               "The feed advertised at that address, %s, is not a feed", sub->url);
      return;
    }

  if (sub->links->len > 1)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < sub->links->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                                ((BriefingFeedLink *) g_ptr_array_index (sub->links, i))->url);
      g_task_return_new_error (task, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_SEVERAL_FEEDS,
                               "The page offers several feeds: %s", list->str);
      return;
    }

  g_free (sub->url);
  sub->url = g_strdup (((BriefingFeedLink *) g_ptr_array_index (sub->links, 0))->url);
  g_clear_pointer (&sub->links, g_ptr_array_unref);
  g_clear_pointer (&sub->fetched, briefing_fetch_result_free);
  sub->followed_link = TRUE;
  subscribe_fetch (g_steal_pointer (&task));
}

static void
subscribe_fetch_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse = NULL;
  Subscribe *sub = g_task_get_task_data (task);
  GError *error = NULL;

  sub->fetched = briefing_fetcher_fetch_finish (BRIEFING_FETCHER (object), result, NULL, &error);
  if (sub->fetched == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  parse = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                      discover_parse_cb, g_object_ref (task));
  g_task_set_task_data (parse, sub, NULL);
  g_task_run_in_thread (parse, discover_parse_thread);
}

static void
subscribe_fetch (GTask *task)
{
  BriefingSession *self = g_task_get_source_object (task);
  Subscribe *sub = g_task_get_task_data (task);

  sub->attempted = g_get_real_time () / G_USEC_PER_SEC;
  briefing_fetcher_fetch_async (self->fetcher, sub->url, NULL, NULL, g_task_get_cancellable (task),
                                subscribe_fetch_cb, task);
}

/* "example.com/feed" is what people paste; "feed:https://…" and
 * "feed://…" are what browsers hand over. */
static char *
normalize_address (const char *address)
{
  g_autofree char *url = briefing_strip_to_null (address);
  const char *rest;

  if (url == NULL)
    return NULL;

  rest = url;
  if (g_str_has_prefix (rest, "feed:"))
    {
      rest += strlen ("feed:");
      if (g_str_has_prefix (rest, "//"))
        rest += 2;
    }

  if (g_uri_peek_scheme (rest) == NULL)
    return g_strconcat ("https://", rest, NULL);

  return g_strdup (rest);
}

static void
start_subscribe (BriefingSession     *self,
                 const char          *url,
                 const char          *group,
                 gboolean             subscribe,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Subscribe *sub = g_new0 (Subscribe, 1);

  g_assert (BRIEFING_IS_SESSION (self));

  g_task_set_source_tag (task, source_tag);

  sub->url = normalize_address (url);
  sub->group = g_strdup (group);
  sub->subscribe = subscribe;
  g_task_set_task_data (task, sub, (GDestroyNotify) subscribe_free);

  if (sub->url == NULL)
    {
      g_task_return_new_error (task, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_INVALID_URL, "No address was given");
      g_object_unref (task);
      return;
    }

  if (subscribe && briefing_store_find_source (self->store, sub->url) != 0)
    {
      g_task_return_new_error (task, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE,
                               "Already subscribed to %s", sub->url);
      g_object_unref (task);
      return;
    }

  subscribe_fetch (task);
}

/**
 * briefing_session_discover_async:
 *
 * Finds the feeds at @url: the feed itself, or those a web page links.
 */
void
briefing_session_discover_async (BriefingSession     *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  start_subscribe (self, url, NULL, FALSE, briefing_session_discover_async, cancellable, callback, user_data);
}

/**
 * briefing_session_discover_finish:
 *
 * Returns: (transfer container) (element-type BriefingFeedLink): the feeds
 */
GPtrArray *
briefing_session_discover_finish (BriefingSession  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * briefing_session_subscribe_async:
 * @url: a feed, or a web page that advertises exactly one feed
 * @group: (nullable): the group to file the source under
 *
 * Subscribes and stores the feed's entries at once.
 */
void
briefing_session_subscribe_async (BriefingSession     *self,
                                  const char          *url,
                                  const char          *group,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BRIEFING_IS_SESSION (self));

  start_subscribe (self, url, group, TRUE, briefing_session_subscribe_async, cancellable, callback, user_data);
}

/**
 * briefing_session_subscribe_finish:
 *
 * Returns: (transfer full): the new source
 */
BriefingSource *
briefing_session_subscribe_finish (BriefingSession  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
