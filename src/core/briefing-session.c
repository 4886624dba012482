/* briefing-session.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-session"

#include "config.h"

#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-samples-resources.h"
#include "briefing-session.h"
#include "briefing-store.h"

/* The one non-widget owner of the reader's state: the store, and the
 * work that feeds it. Windows are views over a session; briefingctl
 * drives one too. */
struct _BriefingSession
{
  GObject        parent_instance;

  BriefingStore *store;
};

G_DEFINE_FINAL_TYPE (BriefingSession, briefing_session, G_TYPE_OBJECT)

#define SAMPLES_SEEDED_KEY "samples-seeded"

static void
briefing_session_dispose (GObject *object)
{
  BriefingSession *self = (BriefingSession *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (briefing_session_parent_class)->dispose (object);
}

static void
briefing_session_class_init (BriefingSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_session_dispose;
}

static void
briefing_session_init (BriefingSession *self)
{
}

BriefingSession *
briefing_session_new (BriefingStore *store)
{
  BriefingSession *self;

  g_return_val_if_fail (BRIEFING_IS_STORE (store), NULL);

  self = g_object_new (BRIEFING_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);

  return self;
}

BriefingStore *
briefing_session_get_store (BriefingSession *self)
{
  g_return_val_if_fail (BRIEFING_IS_SESSION (self), NULL);

  return self->store;
}

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

static void
seed_samples_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (briefing_session_seed_samples (source_object, &error))
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
  briefing_store_run_async (self->store, self, seed_samples_thread, NULL, NULL,
                            briefing_session_seed_samples_async, cancellable, callback, user_data);
}

gboolean
briefing_session_seed_samples_finish (BriefingSession  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
