/* test-entry-list.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "briefing-entry.h"
#include "briefing-entry-list.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-store.h"
#include "briefing-store-tasks.h"

/* BriefingEntryList against a real store, without a display: paging and
 * its keyset continuation, arrivals while paged, filters, the reader's
 * writes racing a reload, rows leaving with retention or their source, and
 * a story listed once. */

#define BASE_TIME 1750000000   /* 15 June 2025 */

typedef struct
{
  char              *dir;
  BriefingStore     *store;
  gint64             source_a;
  gint64             source_b;
  BriefingEntryList *list;
  guint              first_pages;
  guint              more_pages;
  GArray            *changes;   /* of Change, from items-changed */
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

/* An Atom feed of @n entries, a minute apart, the newest @newest_offset
 * minutes after BASE_TIME. Every third is about transport and every
 * fifth mentions the harbour. */
static BriefingFeed *
make_feed (const char *prefix,
           guint       n,
           int         newest_offset)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                                         "<title>Test</title><id>urn:test</id>"
                                         "<updated>2025-06-15T00:00:00Z</updated>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  BriefingFeed *feed;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (BASE_TIME + 60 * (newest_offset - (int) i));
      g_autofree char *stamp = g_date_time_format_iso8601 (when);

      g_string_append_printf (xml,
                              "<entry><id>urn:%s:%u</id><title>%s story %u%s</title>"
                              "<link href=\"https://news.example/%s/%u\"/><updated>%s</updated>"
                              "<summary>Report number %u.</summary>%s</entry>",
                              prefix, i, prefix, i, i % 5 == 0 ? " at the harbour" : "",
                              prefix, i, stamp, i,
                              i % 3 == 0 ? "<category term=\"Transport\"/>" : "");
    }
  g_string_append (xml, "</feed>");

  bytes = g_bytes_new (xml->str, xml->len);
  feed = briefing_feed_parse (bytes, "https://news.example/feed", NULL, &error);
  g_assert_no_error (error);

  return feed;
}

static void
save (Fixture    *fixture,
      gint64      source_id,
      const char *prefix,
      guint       n,
      int         newest_offset)
{
  g_autoptr(BriefingFeed) feed = make_feed (prefix, n, newest_offset);
  g_autoptr(GError) error = NULL;

  briefing_store_save_feed (fixture->store, source_id, feed, BASE_TIME, NULL, &error);
  g_assert_no_error (error);
}

static void
on_loaded_cb (BriefingEntryList *list,
              gboolean           first,
              const GError      *error,
              Fixture           *fixture)
{
  g_assert_no_error (error);

  if (first)
    fixture->first_pages++;
  else
    fixture->more_pages++;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so (failing after a minute, which
 * means it never would). */
static void
run_until (gboolean (*done) (Fixture *fixture),
           Fixture   *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
}

static guint expected_pages;

static gboolean
first_page_arrived (Fixture *fixture)
{
  return fixture->first_pages >= expected_pages;
}

static void
wait_for_first_page (Fixture *fixture)
{
  expected_pages = fixture->first_pages + 1;
  run_until (first_page_arrived, fixture);
}

static gboolean
more_arrived (Fixture *fixture)
{
  return fixture->more_pages >= expected_pages;
}

static void
load_more (Fixture *fixture)
{
  expected_pages = fixture->more_pages + 1;
  briefing_entry_list_load_more (fixture->list);
  run_until (more_arrived, fixture);
}

static void
round_trip_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) sources = briefing_store_list_sources_finish (BRIEFING_STORE (object), result, NULL);
  gboolean *done = user_data;

  *done = TRUE;
}

/* Lets everything queued on the store's worker finish (it runs tasks in
 * order), and their results and signals arrive. */
static void
settle (Fixture *fixture)
{
  gboolean done = FALSE;

  briefing_store_list_sources_async (fixture->store, NULL, round_trip_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
}

static BriefingEntry *
item (Fixture *fixture,
      guint    position)
{
  g_autoptr(BriefingEntry) entry = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

  /* The list holds it. */
  return entry;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("briefing-entry-list-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "briefing.db", NULL);
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  fixture->source_a = briefing_store_add_source (fixture->store, "https://a.example/feed", "A", NULL, &error);
  g_assert_no_error (error);
  fixture->source_b = briefing_store_add_source (fixture->store, "https://b.example/feed", "B", NULL, &error);
  g_assert_no_error (error);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
}

static void
open_list (Fixture *fixture)
{
  fixture->list = briefing_entry_list_new (fixture->store);
  g_signal_connect (fixture->list, "loaded", G_CALLBACK (on_loaded_cb), fixture);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
  wait_for_first_page (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "briefing.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_clear_object (&fixture->list);
  settle (fixture);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->changes, g_array_unref);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_newest_first_without_repeats (Fixture *fixture)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < n_items (fixture); i++)
    {
      BriefingEntry *entry = item (fixture, i);
      gint64 id = briefing_entry_get_id (entry);

      g_assert_false (g_hash_table_contains (seen, &id));
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));

      if (i > 0)
        {
          BriefingEntry *above = item (fixture, i - 1);

          g_assert_cmpint (briefing_entry_get_published (above), >=, briefing_entry_get_published (entry));
        }
    }
}

/* Pages continue where the last ended, by keyset, to the end. */
static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  guint before;

  save (fixture, fixture->source_a, "a", 130, 0);
  open_list (fixture);

  /* A first page fills a window, no more. */
  g_assert_cmpuint (n_items (fixture), >, 0);
  g_assert_cmpuint (n_items (fixture), <, 130);
  g_assert_false (briefing_entry_list_get_complete (fixture->list));

  do
    {
      before = n_items (fixture);
      load_more (fixture);
      g_assert_cmpuint (n_items (fixture), >, before);
    }
  while (!briefing_entry_list_get_complete (fixture->list));

  g_assert_cmpuint (n_items (fixture), ==, 130);
  assert_newest_first_without_repeats (fixture);

  /* At the end, asking for more asks nothing. */
  briefing_entry_list_load_more (fixture->list);
  settle (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 130);
}

/* Briefings arriving while the reader has scrolled: they come in at the
 * top, in one splice, and the rows already listed keep their objects. */
static void
test_arrivals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(BriefingEntry) tenth = NULL;
  guint listed;
  const Change *change;

  save (fixture, fixture->source_a, "a", 100, 0);
  open_list (fixture);
  load_more (fixture);
  listed = n_items (fixture);
  tenth = g_list_model_get_item (G_LIST_MODEL (fixture->list), 10);
  g_array_set_size (fixture->changes, 0);

  /* Three newer briefings, from the other source. */
  save (fixture, fixture->source_b, "b", 3, 10);
  wait_for_first_page (fixture);

  g_assert_cmpuint (n_items (fixture), ==, listed);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (briefing_entry_get_source_id (item (fixture, i)), ==, fixture->source_b);
  g_assert_true (item (fixture, 13) == tenth);
  assert_newest_first_without_repeats (fixture);

  /* In at the top, the same number off the end: no row in between was
   * replaced. */
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 3);
  change = &g_array_index (fixture->changes, Change, 1);
  g_assert_cmpuint (change->removed, ==, 3);
  g_assert_cmpuint (change->added, ==, 0);
}

static guint
count_listed (Fixture *fixture)
{
  wait_for_first_page (fixture);
  while (!briefing_entry_list_get_complete (fixture->list))
    load_more (fixture);

  return n_items (fixture);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));
  BriefingQuery query = { 0, };
  g_autoptr(GError) error = NULL;

  save (fixture, fixture->source_a, "a", 20, 0);
  save (fixture, fixture->source_b, "b", 10, -100);
  entries = briefing_store_list_entries (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 30);

  /* Five read and two starred, by another path than the list. */
  for (guint i = 0; i < 5; i++)
    {
      gint64 id = briefing_entry_get_id (g_ptr_array_index (entries, i));

      g_array_append_val (read, id);
    }
  briefing_store_set_read_many (fixture->store, read, TRUE, &error);
  g_assert_no_error (error);
  briefing_store_set_starred (fixture->store, briefing_entry_get_id (g_ptr_array_index (entries, 7)), TRUE, &error);
  g_assert_no_error (error);
  briefing_store_set_starred (fixture->store, briefing_entry_get_id (g_ptr_array_index (entries, 25)), TRUE, &error);
  g_assert_no_error (error);

  open_list (fixture);
  g_assert_false (briefing_entry_list_is_narrowed (fixture->list));

  briefing_entry_list_set_filter (fixture->list, BRIEFING_FILTER_UNREAD);
  g_assert_true (briefing_entry_list_is_narrowed (fixture->list));
  g_assert_cmpuint (count_listed (fixture), ==, 25);
  for (guint i = 0; i < n_items (fixture); i++)
    g_assert_false (briefing_entry_get_read (item (fixture, i)));

  briefing_entry_list_set_filter (fixture->list, BRIEFING_FILTER_STARRED);
  g_assert_cmpuint (count_listed (fixture), ==, 2);

  briefing_entry_list_set_filter (fixture->list, BRIEFING_FILTER_ALL);
  briefing_entry_list_set_source (fixture->list, fixture->source_b);
  g_assert_cmpuint (count_listed (fixture), ==, 10);
  for (guint i = 0; i < n_items (fixture); i++)
    g_assert_cmpint (briefing_entry_get_source_id (item (fixture, i)), ==, fixture->source_b);

  /* A topic replaces the source: 7 of A's 20 and 4 of B's 10. */
  briefing_entry_list_set_topic (fixture->list, "Transport");
  g_assert_cmpint (briefing_entry_list_get_source (fixture->list), ==, 0);
  g_assert_cmpuint (count_listed (fixture), ==, 11);

  briefing_entry_list_set_topic (fixture->list, NULL);
  briefing_entry_list_set_search (fixture->list, "harbour");
  g_assert_cmpuint (count_listed (fixture), ==, 6);

  briefing_entry_list_set_search (fixture->list, "");
  g_assert_false (briefing_entry_list_is_narrowed (fixture->list));
  g_assert_cmpuint (count_listed (fixture), ==, 30);
}

static gboolean
no_writes_pending (Fixture *fixture)
{
  BriefingQuery query = { 0, };
  g_autoptr(GPtrArray) unread = NULL;

  query.unread_only = TRUE;
  unread = briefing_store_list_entries (fixture->store, &query, NULL);

  return unread != NULL && unread->len == 9;
}

/* The reader marks a briefing read while a reload is on its way: the
 * reload's answer, older than the write, must not undo it on screen. */
static void
test_write_races_reload (Fixture       *fixture,
                         gconstpointer  data)
{
  BriefingEntry *entry;

  save (fixture, fixture->source_a, "a", 10, 0);
  open_list (fixture);
  entry = item (fixture, 4);
  g_assert_false (briefing_entry_get_read (entry));

  /* The reload's query is queued on the store's worker before the write. */
  briefing_entry_list_reload (fixture->list);
  briefing_entry_list_set_read (fixture->list, entry, TRUE);
  g_assert_true (briefing_entry_get_read (entry));

  wait_for_first_page (fixture);
  g_assert_true (item (fixture, 4) == entry);
  g_assert_true (briefing_entry_get_read (entry));

  run_until (no_writes_pending, fixture);
  settle (fixture);
  g_assert_true (briefing_entry_get_read (entry));

  /* A change by another path reaches the row's object. */
  briefing_store_set_read (fixture->store, briefing_entry_get_id (entry), FALSE, NULL);
  settle (fixture);
  g_assert_false (briefing_entry_get_read (entry));
  briefing_store_set_starred (fixture->store, briefing_entry_get_id (entry), TRUE, NULL);
  settle (fixture);
  g_assert_true (briefing_entry_get_starred (entry));
}

/* Marking everything read under "Unread" empties the list; its undo
 * brings the briefings back. */
static void
test_mark_all_read (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;
  BriefingQuery query;
  g_autoptr(GError) error = NULL;

  save (fixture, fixture->source_a, "a", 12, 0);
  open_list (fixture);
  briefing_entry_list_set_filter (fixture->list, BRIEFING_FILTER_UNREAD);
  g_assert_cmpuint (count_listed (fixture), ==, 12);

  briefing_entry_list_get_query (fixture->list, &query);
  ids = briefing_store_mark_all_read (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 12);
  wait_for_first_page (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 0);

  briefing_store_set_read_many (fixture->store, ids, FALSE, &error);
  g_assert_no_error (error);
  wait_for_first_page (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 12);
}

/* Retention removes rows without a reload; starred briefings stay. */
static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 starred_id;
  guint removed = 0;
  guint first_pages;

  save (fixture, fixture->source_a, "a", 30, 0);
  open_list (fixture);
  load_more (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 30);

  starred_id = briefing_entry_get_id (item (fixture, 3));
  briefing_entry_list_set_starred (fixture->list, item (fixture, 3), TRUE);
  settle (fixture);

  first_pages = fixture->first_pages;
  briefing_store_prune (fixture->store, BASE_TIME + 1, 0, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 29);
  settle (fixture);

  g_assert_cmpuint (n_items (fixture), ==, 1);
  g_assert_cmpint (briefing_entry_get_id (item (fixture, 0)), ==, starred_id);
  g_assert_cmpuint (fixture->first_pages, ==, first_pages);
}

/* A source unsubscribed takes its rows with it. */
static void
test_source_removed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  save (fixture, fixture->source_a, "a", 6, 0);
  save (fixture, fixture->source_b, "b", 4, -3);
  open_list (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 10);

  briefing_store_remove_source (fixture->store, fixture->source_a, &error);
  g_assert_no_error (error);
  settle (fixture);

  g_assert_cmpuint (n_items (fixture), ==, 4);
  for (guint i = 0; i < n_items (fixture); i++)
    g_assert_cmpint (briefing_entry_get_source_id (item (fixture, i)), ==, fixture->source_b);
}

/* One outlet's briefings: headline, summary, minutes after BASE_TIME. */
typedef struct
{
  const char *title;
  const char *summary;
  int         minutes;
} Story;

static void
save_stories (Fixture     *fixture,
              gint64       source_id,
              const char  *outlet,
              const Story *stories,
              guint        n)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>");
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append_printf (xml, "%s</title><link>https://%s.example/</link>", outlet, outlet);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (BASE_TIME + 60 * stories[i].minutes);
      g_autofree char *date = g_date_time_format (when, "%a, %d %b %Y %H:%M:%S +0000");

      g_string_append_printf (xml, "<item><guid>https://%s.example/%u</guid><title>%s</title>"
                                   "<description>%s</description><pubDate>%s</pubDate></item>",
                              outlet, i, stories[i].title, stories[i].summary, date);
    }
  g_string_append (xml, "</channel></rss>");

  bytes = g_bytes_new (xml->str, xml->len);
  feed = briefing_feed_parse (bytes, "https://news.example/feed", NULL, &error);
  g_assert_no_error (error);
  briefing_store_save_feed (fixture->store, source_id, feed, BASE_TIME, NULL, &error);
  g_assert_no_error (error);
}

static guint
count_with_story (Fixture *fixture,
                  guint    sources)
{
  guint count = 0;

  for (guint i = 0; i < n_items (fixture); i++)
    count += briefing_entry_get_story_sources (item (fixture, i)) == sources;

  return count;
}

/* Grouped, a story is listed once, as its newest entry that the filters
 * let through, carrying how many sources cover it; its other entries are
 * the store's coverage of it. */
static void
test_stories (Fixture       *fixture,
              gconstpointer  data)
{
  static const Story a[] = {
    { "Storm Cathal shuts Dublin Airport as hundreds of flights are cancelled",
      "Dublin Airport cancelled 340 flights on Monday as Storm Cathal brought gusts of 130 km/h to Ireland, "
      "the Irish Aviation Authority said.", 0 },
    { "NATO's Henrik Vaaler backs Ukraine air-defence package in Brussels",
      "NATO Secretary-General Henrik Vaaler said in Brussels that allies agreed a €4bn air-defence package "
      "for Ukraine after talks with foreign ministers.", 30 },
    { "Recipe: roasted squash with white miso",
      "A warming autumn supper for four, ready in forty minutes.", 60 },
  };
  static const Story b[] = {
    { "Dublin Airport shut by Storm Cathal; Irish Aviation Authority warns of more cancellations",
      "Storm Cathal forced Dublin Airport to cancel hundreds of flights on Monday, with gusts of 130 km/h "
      "across Ireland, according to the Irish Aviation Authority.", 20 },
    { "Vaaler: NATO allies agree €4bn Ukraine air-defence package",
      "In Brussels, NATO's Henrik Vaaler announced a €4bn air-defence package for Ukraine agreed by "
      "foreign ministers.", 10 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  BriefingEntry *lead;
  guint done = 0;

  save_stories (fixture, fixture->source_a, "a", a, G_N_ELEMENTS (a));
  save_stories (fixture, fixture->source_b, "b", b, G_N_ELEMENTS (b));
  while (briefing_store_group_stories (fixture->store, 100, &done, &error) && done > 0)
    ;
  g_assert_no_error (error);

  open_list (fixture);
  g_assert_cmpuint (n_items (fixture), ==, 5);
  g_assert_cmpuint (count_with_story (fixture, 2), ==, 4);

  briefing_entry_list_set_group_stories (fixture->list, TRUE);
  g_assert_cmpuint (count_listed (fixture), ==, 3);
  g_assert_cmpuint (count_with_story (fixture, 2), ==, 2);
  assert_newest_first_without_repeats (fixture);

  /* Newest first: the recipe, the NATO story as A's (B's is older), the
   * airport story as B's, with A's as its coverage. */
  g_assert_true (g_str_has_prefix (briefing_entry_get_title (item (fixture, 1)), "NATO's Henrik Vaaler"));
  lead = item (fixture, 2);
  g_assert_cmpstr (briefing_entry_get_source_title (lead), ==, "b");
  g_assert_true (g_str_has_prefix (briefing_entry_get_title (lead), "Dublin Airport shut"));
  coverage = briefing_store_list_coverage (fixture->store, briefing_entry_get_id (lead), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coverage->len, ==, 1);
  g_assert_true (g_str_has_prefix (briefing_entry_get_title (g_ptr_array_index (coverage, 0)), "Storm Cathal"));

  /* Read, B's no longer stands for it under Unread: A's does. */
  briefing_entry_list_set_read (fixture->list, lead, TRUE);
  settle (fixture);
  briefing_entry_list_set_filter (fixture->list, BRIEFING_FILTER_UNREAD);
  g_assert_cmpuint (count_listed (fixture), ==, 3);
  g_assert_true (g_str_has_prefix (briefing_entry_get_title (item (fixture, 2)), "Storm Cathal"));

  /* Marking all read under a grouped list marks the stories' others too. */
  {
    BriefingQuery query;
    g_autoptr(GArray) ids = NULL;

    briefing_entry_list_get_query (fixture->list, &query);
    g_assert_true (query.stories_once);
    ids = briefing_store_mark_all_read (fixture->store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 4);
  }

  briefing_entry_list_set_group_stories (fixture->list, FALSE);
  briefing_entry_list_set_filter (fixture->list, BRIEFING_FILTER_ALL);
  g_assert_cmpuint (count_listed (fixture), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/entry-list/paging", Fixture, NULL, fixture_set_up, test_paging, fixture_tear_down);
  g_test_add ("/entry-list/arrivals", Fixture, NULL, fixture_set_up, test_arrivals, fixture_tear_down);
  g_test_add ("/entry-list/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/entry-list/write-races-reload", Fixture, NULL, fixture_set_up, test_write_races_reload,
              fixture_tear_down);
  g_test_add ("/entry-list/mark-all-read", Fixture, NULL, fixture_set_up, test_mark_all_read, fixture_tear_down);
  g_test_add ("/entry-list/retention", Fixture, NULL, fixture_set_up, test_retention, fixture_tear_down);
  g_test_add ("/entry-list/source-removed", Fixture, NULL, fixture_set_up, test_source_removed, fixture_tear_down);
  g_test_add ("/entry-list/stories", Fixture, NULL, fixture_set_up, test_stories, fixture_tear_down);

  return g_test_run ();
}
