/* bench-store.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-entry.h"
#include "briefing-feed-private.h"
#include "briefing-search-provider.h"
#include "briefing-store-private.h"
#include "briefing-store-tasks.h"
#include "briefing-topic.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Listing and searching a store of 100,000 entries: the newest 200 (the
 * sidebar's first page, `briefingctl list --limit 200 --json`) and
 * full-text searches, in-process through the store API and as
 * `briefingctl` processes (the command-line contract includes starting
 * up and opening the store). Each is run BENCH_REPEATS times (30); the
 * median and the 95th percentile are printed with the median's ratio to
 * the 20 ms target. A `briefingctl --help` process is the floor any
 * command pays before it opens the store.
 *
 * The store is built through the core's own save path, 200 sources of
 * 500 entries each with titles, summaries, half of them whole articles,
 * authors, categories and topics, over 90 days, 60% read and 2% starred.
 * The words follow Zipf's law over 20,000 words (the commonest English
 * words first, news words from rank 150 on), so searches range from a
 * tenth of the store to a few hundred entries.
 *
 * Each query's plan (EXPLAIN QUERY PLAN on the SQL the store really
 * ran) is printed, so that a slow one says why, and a rewritten search
 * query proposed for the core is measured beside it.
 *
 * GNOME Shell's search provider answers GetInitialResultSet with
 * briefing_store_search_async(), the 20 newest entries in which every
 * term starts a word, queued to the store's worker thread and finished
 * on the main context: that whole road is timed for terms as a reader
 * types them, against the 100 ms target and against a bare FTS5 query
 * for the same terms on another connection to the same file (every
 * matching rowid, as sqlite3 would list them). */

#define N_SOURCES        200
#define PER_SOURCE       500
#define N_ENTRIES        (N_SOURCES * PER_SOURCE)
#define LIST_LIMIT       200
#define TARGET_MS        20.0
#define DEFAULT_REPEATS  30

/* Vocabulary ------------------------------------------------------------------ */

/* The commonest words of English, ranks 1 to 100. */
static const char * const function_words[] = {
  "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "it", "with", "as", "was", "at", "by",
  "he", "be", "this", "from", "have", "or", "are", "an", "they", "which", "you", "one", "were", "her",
  "all", "she", "there", "would", "their", "we", "him", "been", "has", "when", "who", "will", "more",
  "no", "if", "out", "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only",
  "other", "new", "some", "could", "time", "these", "two", "may", "then", "do", "first", "any", "my",
  "now", "such", "like", "our", "over", "man", "me", "even", "most", "made", "after", "also", "did",
  "many", "before", "must", "through", "back", "years", "where", "much", "your", "way", "well", "down",
  "should", "because", "each", "just", "those",
};

/* News words, placed from rank 150 down the tail, 100 ranks apart. */
static const char * const news_words[] = {
  "government", "council", "court", "minister", "police", "budget", "election", "hospital", "school",
  "market", "energy", "climate", "workers", "housing", "transport", "students", "company", "prices",
  "river", "storm", "festival", "museum", "railway", "bridge", "harbour", "mayor", "parliament", "strike",
  "airport", "library", "tunnel", "reservoir", "census", "ferry", "village", "summit", "inquiry",
  "verdict", "forecast", "volunteers", "research", "startup", "orchestra", "league", "province", "treaty",
  "vaccine", "satellite", "drought", "harvest", "wildfire", "flooding", "pension", "tariff", "coalition",
  "opposition", "protest", "ceasefire", "refugees", "inflation", "recession", "unemployment", "subsidy",
  "infrastructure", "broadband", "pipeline", "glacier", "earthquake", "tsunami", "archaeologists",
  "manuscript", "telescope", "asteroid", "semiconductor", "antibiotics", "referendum",
};

#define N_VOCABULARY     20000
#define NEWS_FIRST_RANK  150
#define NEWS_RANK_STEP   100

static char **vocabulary;
static guint n_vocabulary;

/* Made-up words fill the other ranks, as names and rare terms do in
 * news. Their syllables cannot spell a news word's start, so searching
 * a news word (the last word is searched as a prefix) finds only it. */
static void
build_vocabulary (void)
{
  const char * const syllables[] = { "ka", "lo", "zer", "vun", "tas", "ro", "qui", "del", "sha", "nor",
                                     "pel", "zu", "bri", "gan", "tox", "vel", "ju", "sen", "dra", "ol" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  vocabulary = g_new0 (char *, N_VOCABULARY + 1);
  n_vocabulary = N_VOCABULARY;

  for (guint rank = 1; rank <= N_VOCABULARY; rank++)
    {
      guint news = (rank - NEWS_FIRST_RANK) / NEWS_RANK_STEP;
      GString *word;

      if (rank <= G_N_ELEMENTS (function_words))
        {
          vocabulary[rank - 1] = g_strdup (function_words[rank - 1]);
          continue;
        }

      if (rank >= NEWS_FIRST_RANK && (rank - NEWS_FIRST_RANK) % NEWS_RANK_STEP == 0 &&
          news < G_N_ELEMENTS (news_words))
        {
          vocabulary[rank - 1] = g_strdup (news_words[news]);
          continue;
        }

      word = g_string_new (NULL);
      for (guint s = g_rand_int_range (rand, 2, 5); s > 0; s--)
        g_string_append (word, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      vocabulary[rank - 1] = g_string_free (word, FALSE);
    }
}

static guint
news_rank (guint index)
{
  return NEWS_FIRST_RANK + index * NEWS_RANK_STEP;
}

/* Log-uniform ranks: word k turns up about as often as 1/k (Zipf), so
 * "the" is some 6% of the text and "government", rank 150, 0.06%. */
static const char *
pick_word (GRand *rand)
{
  guint rank = (guint) pow (n_vocabulary, g_rand_double (rand));

  return vocabulary[MIN (rank, n_vocabulary) - 1];
}

static void
append_words (GString *text,
              GRand   *rand,
              guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, pick_word (rand));
    }
}

static char *
make_words (GRand *rand,
            guint  n_words)
{
  GString *text = g_string_new (NULL);

  append_words (text, rand, n_words);

  return g_string_free (text, FALSE);
}

/* Building the store ----------------------------------------------------------- */

static const char * const categories[] = {
  "Politics", "Economy", "Weather", "Culture", "Sport", "Health", "Science", "Transport",
  "Education", "Environment", "Justice", "Technology", "World", "Local", "Opinion",
};

static const char * const places[] = {
  "Lisbon", "Nairobi", "Osaka", "Quebec", "Valparaíso", "Tromsø", "Lagos", "Hanoi", "Porto", "Dublin",
};

static BriefingEntry *
make_entry (GRand *rand,
            guint  source,
            guint  item,
            gint64 now)
{
  BriefingEntry *entry = briefing_entry_new ();
  g_autofree char *guid = g_strdup_printf ("https://site%u.example/story/%u", source, item);
  g_autofree char *title = make_words (rand, g_rand_int_range (rand, 6, 13));
  g_autoptr(GString) summary = g_string_new ("<p>");
  const char *category = categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))];
  const char *place = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];

  briefing_entry_set_guid (entry, guid);
  briefing_entry_set_link (entry, guid);
  briefing_entry_set_title (entry, title);
  briefing_entry_set_published (entry, now - g_rand_int_range (rand, 0, 90 * 24 * 60 * 60));

  append_words (summary, rand, g_rand_int_range (rand, 25, 50));
  g_string_append (summary, "</p>");
  briefing_entry_set_summary (entry, summary->str);

  if (source % 2 == 0)
    {
      g_autoptr(GString) content = g_string_new (NULL);

      for (guint p = g_rand_int_range (rand, 4, 10); p > 0; p--)
        {
          g_string_append (content, "<p>");
          append_words (content, rand, g_rand_int_range (rand, 20, 45));
          g_string_append_printf (content, " <a href=\"https://site%u.example/more/%u\">", source, p);
          append_words (content, rand, 3);
          g_string_append (content, "</a>.</p>");
        }
      briefing_entry_set_content (entry, content->str);
    }

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      BriefingImage *image = briefing_image_new ();

      image->url = g_strdup_printf ("https://site%u.example/img/%u.jpg", source, item);
      image->width = 1200;
      image->height = 675;
      briefing_entry_take_image (entry, image);
    }

  g_ptr_array_add (briefing_entry_get_authors (entry),
                   briefing_person_new (vocabulary[g_rand_int_range (rand, 1000, 4000)], NULL, NULL));
  g_ptr_array_add (briefing_entry_get_categories (entry), briefing_category_new (category, NULL, NULL));
  g_ptr_array_add (briefing_entry_get_topics (entry), briefing_topic_new_weighted (category, BRIEFING_TOPIC_CATEGORY, 1.5));
  g_ptr_array_add (briefing_entry_get_topics (entry), briefing_topic_new_weighted (place, BRIEFING_TOPIC_PLACE, 2.0));

  /* Names as extraction gives them: eight a briefing, drawn by Zipf's
   * law from 20,000 (a few people and places are in much of the news),
   * with their salience. */
  for (guint i = 0; i < 8; i++)
    {
      guint rank = (guint) floor (pow (20000.0, g_rand_double (rand)));
      g_autofree char *name = g_strdup_printf ("Name %u", rank);

      g_ptr_array_add (briefing_entry_get_topics (entry),
                       briefing_topic_new_weighted (name, (BriefingTopicKind) (BRIEFING_TOPIC_PERSON + rank % 3),
                                                    g_rand_double_range (rand, 0.5, 8.0)));
    }

  return entry;
}

static BriefingFeed *
make_feed (GRand *rand,
           guint  source,
           gint64 now)
{
  BriefingFeed *feed = briefing_feed_new ();

  feed->format = g_strdup ("rss2.0");
  feed->title = g_strdup_printf ("Site %u News", source);
  feed->link = g_strdup_printf ("https://site%u.example/", source);

  for (guint i = 0; i < PER_SOURCE; i++)
    g_ptr_array_add (feed->entries, make_entry (rand, source, i, now));

  return feed;
}

static void
mark_some (BriefingStore *store,
           GRand         *rand)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  entries = briefing_store_list_entries (store, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      gint64 id = briefing_entry_get_id (g_ptr_array_index (entries, i));

      if (g_rand_int_range (rand, 0, 100) < 60)
        g_array_append_val (read, id);
      if (g_rand_int_range (rand, 0, 100) < 2)
        {
          briefing_store_set_starred (store, id, TRUE, &error);
          g_assert_no_error (error);
        }
    }

  briefing_store_set_read_many (store, read, TRUE, &error);
  g_assert_no_error (error);
}

static void
build_store (const char *path)
{
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();

  store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < N_SOURCES; s++)
    {
      g_autofree char *url = g_strdup_printf ("https://site%u.example/feed.xml", s);
      g_autoptr(BriefingFeed) feed = make_feed (rand, s, now);
      BriefingSaveResult result;
      gint64 id;

      id = briefing_store_add_source (store, url, NULL, NULL, &error);
      g_assert_no_error (error);
      briefing_store_save_feed (store, id, feed, now, &result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result.added, ==, PER_SOURCE);
    }

  mark_some (store, rand);

  g_print ("bench-store: built %u entries in %u sources in %.1f s (%.0f us an entry through save_feed)\n",
           N_ENTRIES, N_SOURCES, (g_get_monotonic_time () - start) / 1e6,
           (g_get_monotonic_time () - start) / (double) N_ENTRIES);
}

/* Measuring ------------------------------------------------------------------- */

typedef struct
{
  GArray *ms;
  guint   rows;
} Timing;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *ms,
            double  p)
{
  g_autoptr(GArray) sorted = g_array_copy (ms);
  guint index;

  g_array_sort (sorted, compare_doubles);
  index = (guint) ceil (p * sorted->len) - 1;

  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

static void
print_header (const char *title)
{
  g_print ("\n  %-56s %8s %8s %7s %8s\n", title, "median", "p95", "rows", "/ 20 ms");
}

static void
print_timing (const char *what,
              GArray     *ms,
              guint       rows,
              gboolean    target)
{
  double median = percentile (ms, 0.5);

  if (target)
    g_print ("  %-56s %6.2fms %6.2fms %7u %8.2f  %s\n", what, median, percentile (ms, 0.95), rows,
             median / TARGET_MS, median <= TARGET_MS ? "met" : "MISSED");
  else
    g_print ("  %-56s %6.2fms %6.2fms %7u %8s\n", what, median, percentile (ms, 0.95), rows, "");
}

/* Captures the SQL of the store's listing statement, for its plan. */
static int
trace_cb (unsigned  type,
          void     *context,
          void     *p,
          void     *x)
{
  char **captured = context;
  sqlite3_stmt *stmt = p;
  const char *sql = sqlite3_sql (stmt);

  if (sql != NULL && g_str_has_prefix (sql, "SELECT e.id"))
    {
      char *expanded = sqlite3_expanded_sql (stmt);

      g_free (*captured);
      *captured = g_strdup (expanded != NULL ? expanded : sql);
      sqlite3_free (expanded);
    }

  return 0;
}

static void
print_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_print ("      (no plan: %s)\n", sqlite3_errmsg (db));
      return;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_print ("      %*s%s\n", 2 * (sqlite3_column_int (stmt, 1) > 0), "",
             (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
}

static void
in_process (BriefingStore       *store,
            sqlite3             *plans,
            const char          *what,
            const BriefingQuery *query,
            guint                repeats,
            gboolean             target,
            gboolean             show_plan)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *sql = NULL;
  guint rows = 0;

  sqlite3_trace_v2 (store->db, SQLITE_TRACE_STMT, trace_cb, &sql);

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      entries = briefing_store_list_entries (store, query, &error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (ms, elapsed);
      rows = entries->len;
    }

  sqlite3_trace_v2 (store->db, 0, NULL, NULL);

  print_timing (what, ms, rows, target);
  if (show_plan && sql != NULL)
    print_plan (plans, sql);
}

/* The related briefings of the newest entries, as the topics pane asks
 * for them when a briefing opens: a category and a place each on about a
 * tenth of the store, and eight names from common to rare. */
static void
related (BriefingStore *store,
         const char    *what,
         guint          repeats)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  newest = briefing_store_list_entries (store, &(BriefingQuery) { .limit = repeats }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, repeats);

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      entries = briefing_store_list_related (store, briefing_entry_get_id (g_ptr_array_index (newest, i)), 8, &error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (ms, elapsed);
      rows = entries->len;
    }

  print_timing (what, ms, rows, TRUE);
}

/* A proposal for the core, measured beside what it would replace. The
 * store's search sorts every match by date before the LIMIT, reading
 * each match's row from the 2 KB-a-row entries table: its cost grows
 * with the number of matches. Walking the covering index entries_by_time
 * newest first and probing the (materialized) full-text matches stops
 * after LIMIT hits, and reads entries rows only for those. */
static const char proposed_search_sql[] =
  "SELECT e.id FROM ("
  "  SELECT e.id, e.published FROM entries e INDEXED BY entries_by_time"
  "  WHERE e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1)"
  "  ORDER BY e.published DESC, e.id DESC LIMIT ?2) hits "
  "JOIN entries e ON e.id = hits.id JOIN sources s ON s.id = e.source_id "
  "LEFT JOIN entry_state st ON st.source_id = e.source_id AND st.key = e.key "
  "ORDER BY hits.published DESC, hits.id DESC";

/* What the store makes of typed words: each quoted, the last a prefix. */
static char *
fts_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *query = g_string_new (NULL);
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (query, "%s\"%s\"%s", i > 0 ? " " : "", words[i], i == n - 1 ? "*" : "");

  return g_string_free (query, FALSE);
}

static void
proposed_search (BriefingStore *store,
                 sqlite3       *db,
                 const char    *what,
                 const char    *text,
                 guint          repeats)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *match = fts_words (text);
  g_autofree char *label = NULL;
  gboolean same;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, proposed_search_sql, -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < repeats; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      g_array_set_size (ids, 0);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, LIST_LIMIT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, elapsed);
    }
  sqlite3_finalize (stmt);

  /* It is only a proposal if it answers the same. */
  expected = briefing_store_list_entries (store, &(BriefingQuery) { .limit = LIST_LIMIT, .search = text }, &error);
  g_assert_no_error (error);
  same = expected->len == ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = briefing_entry_get_id (g_ptr_array_index (expected, i)) == g_array_index (ids, gint64, i);

  label = g_strdup_printf ("%s%s", what, same ? "" : " (DIFFERENT RESULT)");
  print_timing (label, ms, ids->len, TRUE);
}

/* Search provider ------------------------------------------------------------ */

#define PROVIDER_TARGET_MS 100.0

static void
provider_search_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GPtrArray **entries = user_data;
  g_autoptr(GError) error = NULL;

  *entries = briefing_store_search_finish (BRIEFING_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* The road GetInitialResultSet takes, but for D-Bus: queued to the
 * store's worker, answered on this thread's main context. */
static GPtrArray *
provider_search_once (BriefingStore      *store,
                      const char * const *terms)
{
  GPtrArray *entries = NULL;

  briefing_store_search_async (store, terms, BRIEFING_SEARCH_PROVIDER_LIMIT, NULL, provider_search_cb, &entries);
  while (entries == NULL)
    g_main_context_iteration (NULL, TRUE);

  return entries;
}

/* The reference: every rowid FTS5 matches for the same terms, each a
 * quoted prefix, with nothing joined or sorted. */
static double
bare_match (sqlite3            *db,
            const char * const *terms,
            guint              *rows)
{
  g_autoptr(GString) match = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  for (guint i = 0; terms[i] != NULL; i++)
    g_string_append_printf (match, "%s\"%s\"*", i > 0 ? " " : "", terms[i]);

  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
  for (*rows = 0; sqlite3_step (stmt) == SQLITE_ROW; (*rows)++)
    ;
  sqlite3_finalize (stmt);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
provider_search (BriefingStore      *store,
                 sqlite3            *db,
                 const char * const *terms,
                 guint               repeats)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what = g_strjoinv (" ", (char **) terms);
  double median, reference_median;
  guint rows = 0, matches = 0;

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      entries = provider_search_once (store, terms);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, elapsed);
      rows = entries->len;

      elapsed = bare_match (db, terms, &matches);
      g_array_append_val (reference, elapsed);
    }

  median = percentile (ms, 0.5);
  reference_median = percentile (reference, 0.5);
  g_print ("  %-28s %6.2fms %6.2fms %5u %8.2f %-6s %7u %7.2fms %8.2f\n", what, median, percentile (ms, 0.95), rows,
           median / PROVIDER_TARGET_MS, median <= PROVIDER_TARGET_MS ? "met" : "MISSED", matches, reference_median,
           median / MAX (reference_median, 0.001));
}

static void
provider_searches (BriefingStore *store,
                   sqlite3       *db,
                   guint          repeats)
{
  g_autofree char *common = g_strndup (news_words[0], 3);           /* "gov" */
  g_autofree char *middle = g_strndup (news_words[30], 4);          /* "tunn" */
  g_autofree char *rare = g_strndup (news_words[G_N_ELEMENTS (news_words) - 1], 6);
  g_autofree char *first = g_strndup (news_words[1], 5);
  g_autofree char *second = g_strndup (news_words[2], 3);

  g_print ("\n  %-28s %8s %8s %5s %8s %-6s %7s %9s %8s\n", "search provider: terms", "median", "p95", "rows",
           "/ 100 ms", "", "matches", "bare FTS", "/ bare");
  provider_search (store, db, (const char * const[]) { common, NULL }, repeats);
  provider_search (store, db, (const char * const[]) { middle, NULL }, repeats);
  provider_search (store, db, (const char * const[]) { rare, NULL }, repeats);
  provider_search (store, db, (const char * const[]) { first, second, NULL }, repeats);
  /* Two letters: the most matches a reader's first keys can ask for. */
  provider_search (store, db, (const char * const[]) { "th", NULL }, repeats);
  provider_search (store, db, (const char * const[]) { "zzyzx", NULL }, repeats);
}

/* The hybrid the proposal needs: rare words are faster the store's way
 * (a few hundred row reads), common ones the proposed way. Counting the
 * matches first chooses; this is what counting costs. */
static void
count_matches (sqlite3    *db,
               const char *what,
               const char *text,
               guint       repeats)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *match = fts_words (text);
  sqlite3_stmt *stmt = NULL;
  guint count = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM entries_fts WHERE entries_fts MATCH ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < repeats; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, elapsed);
    }
  sqlite3_finalize (stmt);

  print_timing (what, ms, count, FALSE);
}

static void
as_process (const char          *ctl,
            const char          *store_path,
            const char          *what,
            const char * const  *args,
            guint                repeats,
            gboolean             target)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  guint rows = 0;

  g_ptr_array_add (argv, (gpointer) ctl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "BRIEFING_STORE", store_path, TRUE);

  for (guint i = 0; i < repeats; i++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;

      if (!g_subprocess_get_successful (child))
        {
          g_printerr ("bench-store: %s failed: %s\n", what, err);
          exit (EXIT_FAILURE);
        }

      g_array_append_val (ms, elapsed);

      /* One entry per "guid" member in the JSON; the help text has none. */
      rows = 0;
      for (const char *p = out; (p = strstr (p, "\"guid\"")) != NULL; p++)
        rows++;
    }

  print_timing (what, ms, rows, target);
}

int
main (int   argc,
      char *argv[])
{
  const char *ctl = g_getenv ("BRIEFINGCTL");
  const char *repeats_text = g_getenv ("BENCH_REPEATS");
  guint repeats = repeats_text != NULL ? (guint) CLAMP (atoi (repeats_text), 1, 1000) : DEFAULT_REPEATS;
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  const char *common, *middle, *rare;
  g_autofree char *two_words = NULL;
  g_autofree char *prefix = NULL;
  sqlite3 *plans = NULL;

  if (ctl == NULL || !g_file_test (ctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-store: set BRIEFINGCTL to the built briefingctl\n");
      return EXIT_FAILURE;
    }

  tmp = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp, "briefing.db", NULL);

  build_vocabulary ();
  build_store (path);

  /* A fresh connection, as a new process would have. */
  store = briefing_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &plans, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  common = news_words[0];                                      /* rank 150 */
  middle = news_words[30];                                     /* rank 3150 */
  rare = news_words[G_N_ELEMENTS (news_words) - 1];            /* rank 7750 */
  two_words = g_strdup_printf ("%s %s", news_words[1], news_words[2]);
  prefix = g_strndup (news_words[3], 5);
  g_assert_true (g_str_equal (vocabulary[news_rank (30) - 1], middle));

  g_print ("bench-store: %u runs each; searches for \"%s\" (common), \"%s\", \"%s\" (rare), "
           "\"%s\" (both words), \"%s\" (prefix)\n", repeats, common, middle, rare, two_words, prefix);

  print_header ("in-process, briefing_store_list_entries()");
  in_process (store, plans, "list newest 200", &(BriefingQuery) { .limit = LIST_LIMIT }, repeats, TRUE, TRUE);
  in_process (store, plans, "list newest 200 unread", &(BriefingQuery) { .limit = LIST_LIMIT, .unread_only = TRUE },
              repeats, FALSE, TRUE);
  in_process (store, plans, "list newest 200 starred", &(BriefingQuery) { .limit = LIST_LIMIT, .starred_only = TRUE },
              repeats, FALSE, TRUE);
  in_process (store, plans, "list newest 200 of one source", &(BriefingQuery) { .limit = LIST_LIMIT, .source_id = 7 },
              repeats, FALSE, TRUE);
  in_process (store, plans, "list newest 200 of topic \"Lisbon\"", &(BriefingQuery) { .limit = LIST_LIMIT, .topic = "Lisbon" },
              repeats, FALSE, TRUE);
  in_process (store, plans, "search common word, newest 200",
              &(BriefingQuery) { .limit = LIST_LIMIT, .search = common }, repeats, TRUE, TRUE);
  in_process (store, plans, "search middle word, newest 200",
              &(BriefingQuery) { .limit = LIST_LIMIT, .search = middle }, repeats, TRUE, FALSE);
  in_process (store, plans, "search rare word, newest 200",
              &(BriefingQuery) { .limit = LIST_LIMIT, .search = rare }, repeats, TRUE, FALSE);
  in_process (store, plans, "search common word, all matches",
              &(BriefingQuery) { .search = common }, repeats, TRUE, FALSE);
  in_process (store, plans, "search middle word, all matches",
              &(BriefingQuery) { .search = middle }, repeats, TRUE, FALSE);
  in_process (store, plans, "search rare word, all matches",
              &(BriefingQuery) { .search = rare }, repeats, TRUE, FALSE);
  in_process (store, plans, "search two words, all matches",
              &(BriefingQuery) { .search = two_words }, repeats, TRUE, FALSE);
  in_process (store, plans, "search prefix, all matches",
              &(BriefingQuery) { .search = prefix }, repeats, TRUE, FALSE);

  related (store, "related briefings of the newest, best 8 (each a different one)", repeats);

  print_header ("proposed search: walk entries_by_time, probe matches");
  proposed_search (store, plans, "search common word, newest 200", common, repeats);
  proposed_search (store, plans, "search middle word, newest 200", middle, repeats);
  proposed_search (store, plans, "search rare word, newest 200", rare, repeats);
  proposed_search (store, plans, "search two words, newest 200", two_words, repeats);
  proposed_search (store, plans, "search prefix, newest 200", prefix, repeats);
  proposed_search (store, plans, "search a word found nowhere, newest 200", "zzyzx", repeats);
  count_matches (plans, "count the matches of the common word", common, repeats);
  count_matches (plans, "count the matches of the rare word", rare, repeats);

  provider_searches (store, plans, repeats);

  print_header ("briefingctl processes (spawn to exit, output read)");
  as_process (ctl, path, "briefingctl --help (process floor)", (const char * const[]) { "--help", NULL },
              repeats, FALSE);
  as_process (ctl, path, "briefingctl list --limit 200 --json",
              (const char * const[]) { "list", "--limit", "200", "--json", NULL }, repeats, TRUE);
  as_process (ctl, path, "briefingctl search COMMON --limit 200 --json",
              (const char * const[]) { "search", common, "--limit", "200", "--json", NULL }, repeats, TRUE);
  as_process (ctl, path, "briefingctl search COMMON --json (all matches)",
              (const char * const[]) { "search", common, "--json", NULL }, repeats, TRUE);
  as_process (ctl, path, "briefingctl search MIDDLE --json",
              (const char * const[]) { "search", middle, "--json", NULL }, repeats, TRUE);
  as_process (ctl, path, "briefingctl search RARE --json",
              (const char * const[]) { "search", rare, "--json", NULL }, repeats, TRUE);

  sqlite3_close (plans);
  g_clear_object (&store);

  if (g_getenv ("BENCH_KEEP") == NULL)
    {
      g_autofree char *quoted = g_shell_quote (tmp);
      g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  else
    g_print ("\nbench-store: the store stays in %s\n", path);

  g_strfreev (vocabulary);

  return EXIT_SUCCESS;
}
