/* test-samples.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"

/* The bundled sample briefings: a real RSS 2.0 document with Media RSS,
 * seeded on the first run through the ordinary parser and store. */

static void
test_parse (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingSession) session = NULL;
  GPtrArray *entries;
  guint with_photo = 0;
  guint with_questions = 0;

  /* Opening a session links the bundle in; parse it straight. */
  store = briefing_store_open (NULL, &error);
  g_assert_no_error (error);
  session = briefing_session_new (store);

  file = g_file_new_for_uri (BRIEFING_SAMPLES_URL);
  briefing_session_seed_samples (session, &error);
  g_assert_no_error (error);

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  feed = briefing_feed_parse (bytes, BRIEFING_SAMPLES_URL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (briefing_feed_get_format (feed), ==, "rss2.0");
  g_assert_cmpstr (briefing_feed_get_title (feed), ==, "Sample briefings");
  g_assert_cmpuint (briefing_feed_get_warnings (feed)->len, ==, 0);

  entries = briefing_feed_get_entries (feed);
  g_assert_cmpuint (entries->len, >=, 6);

  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      const BriefingImage *image = briefing_entry_get_image (entry);
      g_autoptr(GFile) photo = NULL;

      g_assert_nonnull (briefing_entry_get_title (entry));
      g_assert_nonnull (briefing_entry_get_content (entry));
      g_assert_cmpint (briefing_entry_get_published (entry), >, 0);
      g_assert_cmpuint (briefing_entry_get_topics (entry)->len, >=, 3);
      g_assert_nonnull (briefing_entry_dup_byline (entry));

      if (strstr (briefing_entry_get_content (entry), "<h3>") != NULL)
        with_questions++;

      if (image == NULL)
        continue;

      with_photo++;
      g_assert_nonnull (image->caption);
      g_assert_nonnull (image->credit);
      g_assert_true (g_str_has_prefix (image->url, "resource:///io/github/briefing/Briefing/samples/photos/"));

      /* The photo is bundled too. */
      photo = g_file_new_for_uri (image->url);
      g_assert_true (g_file_query_exists (photo, NULL));
    }

  g_assert_cmpuint (with_photo, >=, 6);
  g_assert_cmpuint (with_questions, >=, 1);
}

static void
test_seed_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingSession) session = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *expected_path = NULL;
  BriefingQuery query = { 0, };

  /* The default store lives in $XDG_DATA_HOME/briefing/briefing.db
   * (briefing-devel/ for the Devel variant; GTest gave us a private
   * XDG_DATA_HOME). */
  store = briefing_store_open (NULL, &error);
  g_assert_no_error (error);
  expected_path = g_build_filename (g_get_user_data_dir (), BRIEFING_DIRNAME, "briefing.db", NULL);
  g_assert_cmpstr (briefing_store_get_path (store), ==, expected_path);
  g_assert_true (g_file_test (expected_path, G_FILE_TEST_EXISTS));

  session = briefing_session_new (store);
  briefing_session_seed_samples (session, &error);
  g_assert_no_error (error);

  entries = briefing_store_list_entries (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 6);

  sources = briefing_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (briefing_source_get_title (g_ptr_array_index (sources, 0)), ==, "Sample briefings");

  /* A reader who removes the samples does not get them back. */
  briefing_store_remove_source (store, briefing_source_get_id (g_ptr_array_index (sources, 0)), &error);
  g_assert_no_error (error);
  briefing_session_seed_samples (session, &error);
  g_assert_no_error (error);
  again = briefing_store_list_entries (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/samples/parse", test_parse);
  g_test_add_func ("/samples/seed-once", test_seed_once);

  return g_test_run ();
}
