/* test-store.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-topic.h"

static const char feed_v1[] =
  "<?xml version=\"1.0\"?>"
  "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
  "<channel><title>Example News</title><link>https://news.example/</link>"
  "<item><title>Harbour bridge reopens</title><link>https://news.example/bridge</link>"
  "<guid isPermaLink=\"false\">bridge-1</guid><pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate>"
  "<description>The bridge is open again.</description>"
  "<media:content url=\"https://news.example/bridge.jpg\" medium=\"image\" width=\"1200\" height=\"800\">"
  "<media:description>Cars cross the bridge at dawn.</media:description>"
  "<media:credit>Jane Doe</media:credit></media:content>"
  "<category domain=\"place\">Sydney</category><category>Transport</category></item>"
  "<item><title>Council votes on budget</title><link>https://news.example/budget</link>"
  "<pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate><description>A vote.</description>"
  "<category>Politics</category><category>Transport</category></item>"
  "</channel></rss>";

/* The same feed later: the first entry was edited, the second is gone
 * from the feed (but stays stored), a third is new. */
static const char feed_v2[] =
  "<?xml version=\"1.0\"?>"
  "<rss version=\"2.0\"><channel><title>Example News</title>"
  "<item><title>Harbour bridge reopens after repairs</title><link>https://news.example/bridge</link>"
  "<guid isPermaLink=\"false\">bridge-1</guid><pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate>"
  "<description>The bridge is open again after six weeks.</description></item>"
  "<item><title>Undated notice</title><description>No date, no guid, no link.</description></item>"
  "</channel></rss>";

typedef struct
{
  char          *dir;
  BriefingStore *store;
  gint64         source_id;
} Fixture;

static BriefingFeed *
parse_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  BriefingFeed *feed = briefing_feed_parse (bytes, "https://news.example/feed", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);

  return feed;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("briefing-store-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "briefing.db", NULL);
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  fixture->source_id = briefing_store_add_source (fixture->store, "https://news.example/feed", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->source_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "briefing.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
save (Fixture            *fixture,
      const char         *text,
      BriefingSaveResult *result)
{
  g_autoptr(BriefingFeed) feed = parse_string (text);
  g_autoptr(GError) error = NULL;

  briefing_store_save_feed (fixture->store, fixture->source_id, feed, 1750000000, result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
list_all (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  BriefingQuery query = { 0, };
  GPtrArray *entries = briefing_store_list_entries (fixture->store, &query, &error);

  g_assert_no_error (error);

  return entries;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(GError) error = NULL;
  BriefingSaveResult result;
  const BriefingImage *image;
  GPtrArray *topics;

  save (fixture, feed_v1, &result);
  g_assert_cmpuint (result.added, ==, 2);

  entries = list_all (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (entries, 0)), ==, "Harbour bridge reopens");
  g_assert_cmpstr (briefing_entry_get_source_title (g_ptr_array_index (entries, 0)), ==, "Example News");
  g_assert_false (briefing_entry_get_read (g_ptr_array_index (entries, 0)));

  entry = briefing_store_get_entry (fixture->store, briefing_entry_get_id (g_ptr_array_index (entries, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (briefing_entry_get_guid (entry), ==, "bridge-1");
  g_assert_cmpstr (briefing_entry_get_link (entry), ==, "https://news.example/bridge");
  g_assert_cmpint (briefing_entry_get_published (entry), ==, 1748944800);

  image = briefing_entry_get_image (entry);
  g_assert_nonnull (image);
  g_assert_cmpstr (image->url, ==, "https://news.example/bridge.jpg");
  g_assert_cmpstr (image->caption, ==, "Cars cross the bridge at dawn.");
  g_assert_cmpstr (image->credit, ==, "Jane Doe");
  g_assert_cmpint (image->width, ==, 1200);

  topics = briefing_entry_get_topics (entry);
  g_assert_cmpuint (topics->len, ==, 2);
  g_assert_cmpstr (briefing_topic_get_name (g_ptr_array_index (topics, 0)), ==, "Sydney");
  g_assert_cmpint (briefing_topic_get_kind (g_ptr_array_index (topics, 0)), ==, BRIEFING_TOPIC_PLACE);

  source = briefing_store_get_source (fixture->store, fixture->source_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (briefing_source_get_title (source), ==, "Example News");
  g_assert_cmpuint (briefing_source_get_unread_count (source), ==, 2);
}

static void
test_dedup_and_state (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  BriefingSaveResult result;
  gint64 bridge_id;

  save (fixture, feed_v1, NULL);
  before = list_all (fixture);
  bridge_id = briefing_entry_get_id (g_ptr_array_index (before, 0));

  briefing_store_set_read (fixture->store, bridge_id, TRUE, &error);
  g_assert_no_error (error);
  briefing_store_set_starred (fixture->store, bridge_id, TRUE, &error);
  g_assert_no_error (error);

  /* Saving the same feed again changes nothing. */
  save (fixture, feed_v1, &result);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.updated, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 2);

  /* An edit updates in place and keeps the reader's state. */
  save (fixture, feed_v2, &result);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.updated, ==, 1);

  after = list_all (fixture);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (after, i);

      if (briefing_entry_get_id (entry) != bridge_id)
        continue;

      g_assert_cmpstr (briefing_entry_get_title (entry), ==, "Harbour bridge reopens after repairs");
      g_assert_true (briefing_entry_get_read (entry));
      g_assert_true (briefing_entry_get_starred (entry));
    }

  /* The undated entry is dated when it was fetched, and listed first. */
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (after, 0)), ==, "Undated notice");
  g_assert_cmpint (briefing_entry_get_published (g_ptr_array_index (after, 0)), ==, 1750000000);

  /* The undated, unidentified entry is recognised again by its hash. */
  save (fixture, feed_v2, &result);
  g_assert_cmpuint (result.added, ==, 0);
}

static void
test_queries (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) unread = NULL;
  g_autoptr(GPtrArray) starred = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) topic = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bridge_id;

  save (fixture, feed_v1, NULL);
  all = list_all (fixture);
  bridge_id = briefing_entry_get_id (g_ptr_array_index (all, 0));
  briefing_store_set_read (fixture->store, bridge_id, TRUE, &error);
  g_assert_no_error (error);
  briefing_store_set_starred (fixture->store, bridge_id, TRUE, &error);
  g_assert_no_error (error);

  unread = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .unread_only = TRUE }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unread->len, ==, 1);
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (unread, 0)), ==, "Council votes on budget");

  starred = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .starred_only = TRUE }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starred->len, ==, 1);

  /* Full-text search, prefix-matching the last word and immune to FTS
   * syntax in what the reader types. */
  found = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .search = "bridge ope" }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .search = "\"AND OR NEAR(" }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  topic = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .topic = "transport" }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topic->len, ==, 2);

  related = briefing_store_list_related (fixture->store, bridge_id, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (related->len, ==, 1);
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (related, 0)), ==, "Council votes on budget");
  g_assert_cmpfloat (briefing_entry_get_score (g_ptr_array_index (related, 0)), >, 0);
}

/* A word in more than a thousand entries is searched by walking the
 * newest entries; the answer must be the same as sorting every match. */
static void
test_common_word_search (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) feed = g_string_new ("<rss version=\"2.0\"><channel><title>Busy</title>");
  g_autoptr(BriefingFeed) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (feed, "<item><title>Harbour news %u</title><guid>h%u</guid>"
                                  "<pubDate>%s</pubDate><description>%s</description></item>",
                            i, i, i % 2 ? "Mon, 02 Jun 2025 09:00:00 GMT" : "Tue, 03 Jun 2025 10:00:00 GMT",
                            i % 3 ? "The harbour is busy." : "Quiet day.");
  g_string_append (feed, "</channel></rss>");

  bytes = g_bytes_new (feed->str, feed->len);
  parsed = briefing_feed_parse (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  briefing_store_prepare_feed (parsed);
  briefing_store_save_feed (fixture->store, fixture->source_id, parsed, 1750000000, NULL, &error);
  g_assert_no_error (error);

  limited = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .search = "harbour", .limit = 25 }, &error);
  g_assert_no_error (error);
  all = briefing_store_list_entries (fixture->store, &(BriefingQuery) { .search = "harbour" }, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (all->len, ==, 1200);
  g_assert_cmpuint (limited->len, ==, 25);
  for (guint i = 0; i < limited->len; i++)
    g_assert_cmpint (briefing_entry_get_id (g_ptr_array_index (limited, i)), ==,
                     briefing_entry_get_id (g_ptr_array_index (all, i)));
}

static guint
search_count (Fixture            *fixture,
              const char * const *terms)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = briefing_store_search (fixture->store, terms, 20, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  return found->len;
}

/* The desktop's search: every term the start of a word, all of them
 * needed, whatever characters a reader (or anyone on the bus) sends. */
static void
test_search_terms (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) by_id = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (100000, 'a');
  gint64 missing = 999999;
  gint64 first;

  save (fixture, feed_v1, NULL);

  found = briefing_store_search (fixture->store, (const char *[]) { "brid", NULL }, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (found, 0)), ==, "Harbour bridge reopens");
  g_assert_cmpstr (briefing_entry_get_source_title (g_ptr_array_index (found, 0)), ==, "Example News");

  /* Every term a prefix, every term needed; a term with a space is two. */
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "har", "reo", NULL }), ==, 1);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "har", "vot", NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "council budg", NULL }), ==, 1);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "a", NULL }), ==, 2);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "ridge", NULL }), ==, 0);

  /* Newest first, and at most the limit. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = briefing_store_search (fixture->store, (const char *[]) { "a", NULL }, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (found, 0)), ==, "Harbour bridge reopens");

  /* Query syntax is text (quotes are punctuation around a word); nothing
   * to search for finds nothing. */
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "\"", "AND", "OR", "NEAR(", "*", "-", ":", NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "title:bridge", NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "\"bridge\"", NULL }), ==, 1);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "^", NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "", " ", NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { huge, NULL }), ==, 0);
  g_assert_cmpuint (search_count (fixture, (const char *[]) { "\xff\xfe", NULL }), ==, 0);

  /* The entries a result names, in the order asked; gone ones left out. */
  first = briefing_entry_get_id (g_ptr_array_index (found, 0));
  g_array_append_val (ids, missing);
  g_array_append_val (ids, first);
  by_id = briefing_store_list_entries_by_id (fixture->store, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_id->len, ==, 1);
  g_assert_cmpint (briefing_entry_get_id (g_ptr_array_index (by_id, 0)), ==, first);
}

static void
test_sources (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  /* Subscribing twice is refused with a clear error. */
  g_assert_cmpint (briefing_store_add_source (fixture->store, "https://news.example/feed", NULL, NULL, &error), ==, 0);
  g_assert_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  save (fixture, feed_v1, NULL);

  briefing_store_rename_source (fixture->store, fixture->source_id, "My News", &error);
  g_assert_no_error (error);
  sources = briefing_store_list_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (briefing_source_get_title (g_ptr_array_index (sources, 0)), ==, "My News");

  /* Removing a source removes its briefings. */
  briefing_store_remove_source (fixture->store, fixture->source_id, &error);
  g_assert_no_error (error);
  entries = list_all (fixture);
  g_assert_cmpuint (entries->len, ==, 0);

  g_assert_false (briefing_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_strdup (briefing_store_get_path (fixture->store));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture, feed_v1, NULL);
  g_clear_object (&fixture->store);

  /* A second open finds the schema current and the data there. */
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);
  entries = list_all (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
}

/* Each topic counts its entries (the rarity that ranks topics and related
 * briefings): kept once per topic as a transaction commits, through
 * batches kept and batches rolled back, edits, retention and removal. */
static void
test_topic_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(BriefingFeed) v1 = parse_string (feed_v1);
  g_autoptr(BriefingFeed) v2 = parse_string (feed_v2);
  g_autoptr(GError) error = NULL;
  gint64 other;
  guint removed = 0;

  other = briefing_store_add_source (fixture->store, "https://other.example/feed", NULL, NULL, &error);
  g_assert_no_error (error);

  /* A batch that is rolled back counts nothing. */
  g_assert_true (briefing_store_begin_batch (fixture->store, &error));
  g_assert_true (briefing_store_save_feed (fixture->store, fixture->source_id, v1, 1750000000, NULL, &error));
  g_assert_true (briefing_store_end_batch (fixture->store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  /* Kept: two sources with the same topics, then an edit. */
  g_assert_true (briefing_store_begin_batch (fixture->store, &error));
  g_assert_true (briefing_store_save_feed (fixture->store, fixture->source_id, v1, 1750000000, NULL, &error));
  g_assert_true (briefing_store_save_feed (fixture->store, other, v1, 1750000000, NULL, &error));
  g_assert_true (briefing_store_save_feed (fixture->store, fixture->source_id, v2, 1750000100, NULL, &error));
  g_assert_true (briefing_store_end_batch (fixture->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  /* Alone, outside a batch; then retention and a source removed. */
  save (fixture, feed_v2, NULL);
  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  briefing_store_prune (fixture->store, 1750000000 + 1, 1, &removed, &error);
  g_assert_no_error (error);
  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  g_assert_true (briefing_store_remove_source (fixture->store, other, &error));
  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

/* A briefing that names only a surname is about the person the store
 * knows by it: "Rutte" joins "Mark Rutte", unless two people share it. */
static void
test_surname (Fixture       *fixture,
              gconstpointer  data)
{
  static const char full[] =
    "<rss version=\"2.0\"><channel><title>Herald</title>"
    "<item><guid>a</guid><title>Mark Rutte visits Kyiv</title><pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate>"
    "<description>NATO Secretary General Mark Rutte arrived in Kyiv on Tuesday, his office said.</description></item>"
    "</channel></rss>";
  static const char surname[] =
    "<rss version=\"2.0\"><channel><title>Courier</title>"
    "<item><guid>b</guid><title>Allies must spend more, says NATO chief</title>"
    "<pubDate>Tue, 03 Jun 2025 12:00:00 GMT</pubDate>"
    "<description>Allies must spend more on defence, Rutte said in Kyiv on Tuesday.</description></item>"
    "</channel></rss>";
  g_autoptr(BriefingFeed) first = parse_string (full);
  g_autoptr(BriefingFeed) second = parse_string (surname);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  BriefingQuery query = { 0, };
  gint64 other;
  gboolean joined = FALSE;

  other = briefing_store_add_source (fixture->store, "https://courier.example/feed", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (briefing_store_save_feed (fixture->store, fixture->source_id, first, 1750000000, NULL, &error));
  g_assert_true (briefing_store_save_feed (fixture->store, other, second, 1750000000, NULL, &error));
  g_assert_no_error (error);

  query.source_id = other;
  listed = briefing_store_list_entries (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  entry = briefing_store_get_entry (fixture->store, briefing_entry_get_id (g_ptr_array_index (listed, 0)), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < briefing_entry_get_topics (entry)->len; i++)
    {
      BriefingTopic *topic = g_ptr_array_index (briefing_entry_get_topics (entry), i);

      g_assert_cmpstr (briefing_topic_get_name (topic), !=, "Rutte");
      joined |= g_str_equal (briefing_topic_get_name (topic), "Mark Rutte") &&
                briefing_topic_get_kind (topic) == BRIEFING_TOPIC_PERSON;
    }
  g_assert_true (joined);

  /* Both are listed under the person. */
  query.source_id = 0;
  query.topic = "Mark Rutte";
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = briefing_store_list_entries (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

/* What a notification may announce: what arrived since, unread, from
 * sources subscribed before and not muted. */
static void
test_arrivals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(BriefingFeed) v1 = parse_string (feed_v1);
  g_autoptr(BriefingFeed) v2 = parse_string (feed_v2);
  g_autoptr(GPtrArray) arrivals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other;
  guint total = 0;

  other = briefing_store_add_source (fixture->store, "https://other.example/feed", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Both sources' first import: not news. */
  g_assert_true (briefing_store_save_feed (fixture->store, fixture->source_id, v1, 1750000000, NULL, &error));
  arrivals = briefing_store_list_arrivals (fixture->store, 1750000000, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 0);
  g_clear_pointer (&arrivals, g_ptr_array_unref);

  /* A later round brings one new entry (the notice without a date). */
  g_assert_true (briefing_store_save_feed (fixture->store, fixture->source_id, v2, 1750000100, NULL, &error));
  g_assert_true (briefing_store_save_feed (fixture->store, other, v1, 1750000100, NULL, &error));
  arrivals = briefing_store_list_arrivals (fixture->store, 1750000100, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (arrivals->len, ==, 1);
  g_assert_cmpstr (briefing_entry_get_title (g_ptr_array_index (arrivals, 0)), ==, "Undated notice");
  g_clear_pointer (&arrivals, g_ptr_array_unref);

  /* Muted, or read: nothing to announce. */
  g_assert_true (briefing_store_set_source_muted (fixture->store, fixture->source_id, TRUE, &error));
  arrivals = briefing_store_list_arrivals (fixture->store, 1750000100, 10, &total, &error);
  g_assert_cmpuint (total, ==, 0);
  g_clear_pointer (&arrivals, g_ptr_array_unref);
  g_assert_true (briefing_store_set_source_muted (fixture->store, fixture->source_id, FALSE, &error));
  {
    g_autoptr(BriefingSource) source = briefing_store_get_source (fixture->store, fixture->source_id, &error);

    g_assert_false (briefing_source_get_muted (source));
  }
  g_assert_no_error (error);
}

static void
test_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("briefing-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "briefing.db", NULL);
  g_autoptr(BriefingStore) store = NULL;

  g_file_set_contents (path, "this is not sqlite, just some text that is long enough to look like a header", -1, NULL);
  store = briefing_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/store/dedup-and-state", Fixture, NULL, fixture_set_up, test_dedup_and_state, fixture_tear_down);
  g_test_add ("/store/queries", Fixture, NULL, fixture_set_up, test_queries, fixture_tear_down);
  g_test_add ("/store/common-word-search", Fixture, NULL, fixture_set_up, test_common_word_search, fixture_tear_down);
  g_test_add ("/store/search-terms", Fixture, NULL, fixture_set_up, test_search_terms, fixture_tear_down);
  g_test_add ("/store/sources", Fixture, NULL, fixture_set_up, test_sources, fixture_tear_down);
  g_test_add ("/store/reopen", Fixture, NULL, fixture_set_up, test_reopen, fixture_tear_down);
  g_test_add ("/store/topic-counts", Fixture, NULL, fixture_set_up, test_topic_counts, fixture_tear_down);
  g_test_add ("/store/surname", Fixture, NULL, fixture_set_up, test_surname, fixture_tear_down);
  g_test_add ("/store/arrivals", Fixture, NULL, fixture_set_up, test_arrivals, fixture_tear_down);
  g_test_add_func ("/store/not-a-database", test_not_a_database);

  return g_test_run ();
}
