/* test-crash-safety.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-entry.h"
#include "briefing-store.h"
#include "briefing-test-server.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>

/* The store promises that a killed process never leaves it half-written
 * and never loses what the reader did. This test holds it to that: it
 * kills a real `briefingctl refresh` with SIGKILL while it writes, many
 * times over, and after every kill opens the store afresh and checks that
 * SQLite finds it sound and that every read and starred flag set before
 * the kill is still there.
 *
 * The feeds change every round (new items, edited items), so that each
 * refresh has a lot to write. The reader's own flags are flipped between
 * kills and while the child writes, as the app would. The random moments
 * come from a seeded GRand (BRIEFING_CRASH_SEED overrides the seed), so a
 * failure can be replayed. */

#define N_FEEDS          30
#define N_STABLE         150   /* items that stay in their feed, some edited each round */
#define N_ROTATING       50    /* new items each round */
#define N_TRACKED        10    /* stable items per feed whose flags we follow */
#define MIN_KILLS        50
#define TARGET_KILLS     60
#define MAX_ROUNDS       150
#define FLIPS_PER_ROUND  12
#define DEFAULT_SEED     20260601

typedef struct
{
  gint64   id;
  gboolean read;
  gboolean starred;
} Expected;

typedef struct
{
  TestServer    *server;
  char          *ctl;
  char          *path;
  BriefingStore *store;      /* the parent's own connection, as the app keeps one */
  GHashTable    *expected;   /* guid -> Expected */
  GPtrArray     *tracked;    /* guids, to pick from */
  GRand         *rand;
  gint64         base_time;
  guint          round;

  guint          rounds;
  guint          kills;
  guint          early_exits;
  guint          child_failures;
  guint          partial_rounds;
  guint          integrity_failures;
  guint          consistency_failures;
  guint          lost_flags;
  guint          flips;
  guint          flips_while_writing;
  guint          flip_failures;
} Crash;

static const char * const words[] = {
  "council", "budget", "harbour", "minister", "election", "river", "bridge", "school", "energy",
  "storm", "museum", "festival", "railway", "hospital", "market", "court", "mayor", "climate",
  "league", "orchestra", "province", "treaty", "vaccine", "satellite", "drought", "harvest",
  "parliament", "strike", "airport", "library", "tunnel", "reservoir", "census", "ferry",
  "village", "summit", "inquiry", "verdict", "forecast", "volunteers", "research", "startup",
};

static const char * const topics[] = {
  "Politics", "Economy", "Weather", "Culture", "Sport", "Health", "Science", "Transport",
  "Education", "Environment", "Justice", "Technology",
};

static void
append_words (GString *text,
              GRand   *rand,
              guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
}

static void
append_date (GString *xml,
             gint64   when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);
  g_autofree char *text = g_date_time_format (date, "%a, %d %b %Y %H:%M:%S GMT");

  g_string_append_printf (xml, "<pubDate>%s</pubDate>", text);
}

/* One item with a title, a summary and an HTML body of some length, so
 * that the sanitizer, the topics and the full-text index all have work. */
static void
append_item (GString    *xml,
             const char *guid,
             guint       seed,
             guint       revision,
             gint64      published)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_string_append (xml, "<item><title>");
  append_words (xml, rand, 6);
  g_string_append_printf (xml, " (revision %u)</title><guid isPermaLink=\"false\">%s</guid>", revision, guid);
  g_string_append_printf (xml, "<link>http://127.0.0.1/news/%s</link>", guid);
  append_date (xml, published);
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (xml, "<category>%s</category>", topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))]);
  g_string_append (xml, "<description><![CDATA[<p>");
  append_words (xml, rand, 30);
  g_string_append (xml, "</p>]]></description><content:encoded><![CDATA[");
  for (guint i = 0; i < 4; i++)
    {
      g_string_append (xml, "<p>");
      append_words (xml, rand, 20);
      g_string_append_printf (xml, " <a href=\"/more/%s/%u\">more</a> <em>", guid, i);
      append_words (xml, rand, 20);
      g_string_append (xml, "</em></p>");
    }
  g_string_append_printf (xml, "<p>Revision %u.</p>]]></content:encoded></item>", revision);
}

static char *
stable_guid (guint feed,
             guint item)
{
  return g_strdup_printf ("crash-%02u-s-%03u", feed, item);
}

static char *
rotating_guid (guint feed,
               guint round,
               guint item)
{
  return g_strdup_printf ("crash-%02u-r%03u-%02u", feed, round, item);
}

/* Feed @feed as it reads in the current round. Stable items keep their
 * dates, newer than every rotating item's, so retention (500 per source)
 * only ever removes rotating items, never one whose flags we follow. */
static char *
make_feed (Crash *crash,
           guint  feed)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                               "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">");

  g_string_append_printf (xml, "<channel><title>Crash feed %u</title><link>http://127.0.0.1/%u/</link>"
                               "<description>Feed %u</description>", feed, feed, feed);

  for (guint i = 0; i < N_STABLE; i++)
    {
      g_autofree char *guid = stable_guid (feed, i);
      guint revision = (crash->round + i) / 4;

      append_item (xml, guid, feed * 100000 + i * 100 + revision, revision, crash->base_time - i * 600);
    }

  for (guint k = 0; k < N_ROTATING; k++)
    {
      g_autofree char *guid = rotating_guid (feed, crash->round, k);

      append_item (xml, guid, 7 + feed * 1000003 + crash->round * 101 + k, 0,
                   crash->base_time - 24 * 60 * 60 - ((gint64) crash->round * N_ROTATING + k) * 60);
    }

  g_string_append (xml, "</channel></rss>");

  return g_string_free (xml, FALSE);
}

static char *
feed_path (guint feed)
{
  return g_strdup_printf ("/feed-%02u.xml", feed);
}

static void
serve_round (Crash *crash)
{
  for (guint feed = 0; feed < N_FEEDS; feed++)
    {
      g_autofree char *path = feed_path (feed);
      g_autofree char *body = make_feed (crash, feed);

      test_server_set (crash->server, path, &(TestResponse) { .body = body });
    }
}

static guint
total_hits (Crash *crash)
{
  guint hits = 0;

  for (guint feed = 0; feed < N_FEEDS; feed++)
    {
      g_autofree char *path = feed_path (feed);

      hits += test_server_hits (crash->server, path);
    }

  return hits;
}

/* Children ------------------------------------------------------------------ */

static void
child_wait_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *exited = TRUE;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static GSubprocess *
spawn_refresh (Crash *crash)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  /* The child's stdout would mix with our TAP; its stderr goes to the log. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "BRIEFING_STORE", crash->path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, crash->ctl, "refresh", NULL);
  g_assert_no_error (error);

  return child;
}

/* Runs the main context until @flag is set: the in-process server has to
 * keep answering while the child runs. */
static void
iterate_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

/* Expected state ------------------------------------------------------------ */

static gboolean
flip_one (Crash *crash)
{
  const char *guid = g_ptr_array_index (crash->tracked, g_rand_int_range (crash->rand, 0, crash->tracked->len));
  Expected *expected = g_hash_table_lookup (crash->expected, guid);
  gboolean star = g_rand_boolean (crash->rand);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (star)
    ok = briefing_store_set_starred (crash->store, expected->id, !expected->starred, &error);
  else
    ok = briefing_store_set_read (crash->store, expected->id, !expected->read, &error);

  /* Only a write the store said it made is one the store must keep. */
  if (!ok)
    {
      g_test_message ("round %u: could not flip %s: %s", crash->round, guid, error->message);
      crash->flip_failures++;
      return FALSE;
    }

  if (star)
    expected->starred = !expected->starred;
  else
    expected->read = !expected->read;
  crash->flips++;

  return TRUE;
}

static void
track_entries (Crash *crash)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = briefing_store_list_entries (crash->store, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      const char *guid = briefing_entry_get_guid (entry);
      guint feed, item;
      Expected *expected;

      if (guid == NULL || sscanf (guid, "crash-%u-s-%u", &feed, &item) != 2 || item >= N_TRACKED)
        continue;

      expected = g_new0 (Expected, 1);
      expected->id = briefing_entry_get_id (entry);
      expected->read = g_rand_boolean (crash->rand);
      expected->starred = g_rand_int_range (crash->rand, 0, 3) == 0;
      g_assert_true (briefing_store_set_read (crash->store, expected->id, expected->read, &error));
      g_assert_no_error (error);
      g_assert_true (briefing_store_set_starred (crash->store, expected->id, expected->starred, &error));
      g_assert_no_error (error);

      g_hash_table_insert (crash->expected, g_strdup (guid), expected);
      g_ptr_array_add (crash->tracked, g_strdup (guid));
    }

  g_assert_cmpuint (crash->tracked->len, ==, N_FEEDS * N_TRACKED);
}

/* Checks after a kill ------------------------------------------------------- */

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Beyond SQLite's own check: the store's invariants that only a torn
 * transaction could break. Every entry has its full-text row, the
 * full-text index agrees with itself, and no row points at nothing. */
static gboolean
check_consistency (Crash *crash)
{
  sqlite3 *db = NULL;
  gboolean ok = TRUE;
  gint64 missing_fts, dangling;

  g_assert_cmpint (sqlite3_open_v2 (crash->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);

  missing_fts = query_int (db, "SELECT COUNT(*) FROM entries e WHERE NOT EXISTS "
                               "(SELECT 1 FROM entries_fts f WHERE f.rowid = e.id)");
  dangling = query_int (db, "SELECT (SELECT COUNT(*) FROM entry_topics et WHERE NOT EXISTS "
                            "  (SELECT 1 FROM entries e WHERE e.id = et.entry_id)) + "
                            "(SELECT COUNT(*) FROM entries e WHERE NOT EXISTS "
                            "  (SELECT 1 FROM sources s WHERE s.id = e.source_id))");
  if (missing_fts != 0 || dangling != 0)
    {
      g_test_message ("round %u: %" G_GINT64_FORMAT " entries without a full-text row, "
                      "%" G_GINT64_FORMAT " dangling rows", crash->round, missing_fts, dangling);
      ok = FALSE;
    }

  if (sqlite3_exec (db, "INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_test_message ("round %u: full-text index check: %s", crash->round, sqlite3_errmsg (db));
      ok = FALSE;
    }

  sqlite3_close (db);

  return ok;
}

/* How many feeds got this round's new items stored before the kill. */
static guint
feeds_written (Crash      *crash,
               GHashTable *by_guid)
{
  guint written = 0;

  for (guint feed = 0; feed < N_FEEDS; feed++)
    {
      g_autofree char *guid = rotating_guid (feed, crash->round, 0);

      written += g_hash_table_contains (by_guid, guid);
    }

  return written;
}

static void
verify_flags (Crash      *crash,
              GHashTable *by_guid)
{
  GHashTableIter iter;
  const char *guid;
  Expected *expected;

  g_hash_table_iter_init (&iter, crash->expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &guid, (gpointer *) &expected))
    {
      BriefingEntry *entry = g_hash_table_lookup (by_guid, guid);

      if (entry == NULL)
        {
          g_test_message ("round %u: %s is gone", crash->round, guid);
          crash->lost_flags += (guint) expected->read + (guint) expected->starred;
          continue;
        }

      if (briefing_entry_get_read (entry) != expected->read)
        {
          g_test_message ("round %u: %s read is %d, was set to %d", crash->round, guid,
                          briefing_entry_get_read (entry), expected->read);
          crash->lost_flags++;
        }

      if (briefing_entry_get_starred (entry) != expected->starred)
        {
          g_test_message ("round %u: %s starred is %d, was set to %d", crash->round, guid,
                          briefing_entry_get_starred (entry), expected->starred);
          crash->lost_flags++;
        }
    }
}

/* Opens the store afresh, as the next process after a crash would, and
 * checks everything. */
static void
check_after_kill (Crash    *crash,
                  gboolean  killed)
{
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint written;

  store = briefing_store_open (crash->path, &error);
  g_assert_no_error (error);

  if (!briefing_store_check_integrity (store, &error))
    {
      g_test_message ("round %u: %s", crash->round, error->message);
      crash->integrity_failures++;
      g_clear_error (&error);
    }

  if (!check_consistency (crash))
    crash->consistency_failures++;

  entries = briefing_store_list_entries (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);

      if (briefing_entry_get_guid (entry) != NULL)
        g_hash_table_insert (by_guid, (gpointer) briefing_entry_get_guid (entry), entry);
    }

  verify_flags (crash, by_guid);

  written = feeds_written (crash, by_guid);
  if (killed && written > 0 && written < N_FEEDS)
    crash->partial_rounds++;
}

/* One round: new feed contents, a child refreshing them, a kill at a
 * random moment after it starts fetching, and the checks. */
static void
run_round (Crash *crash)
{
  g_autoptr(GSubprocess) child = NULL;
  gboolean exited = FALSE;
  gboolean fetching = FALSE;
  gboolean flip_now = FALSE;
  gboolean kill_now = FALSE;
  guint hits_before;
  guint delay, flip_delay;
  guint flip_id, kill_id;
  gboolean killed;

  serve_round (crash);
  hits_before = total_hits (crash);

  child = spawn_refresh (crash);
  g_subprocess_wait_async (child, NULL, child_wait_cb, &exited);

  /* Nothing is written before the child asks for its first feed; from
   * then on it fetches, parses and writes, feed after feed. Aim the kill
   * into that stretch. */
  while (!exited && !fetching)
    {
      g_main_context_iteration (NULL, TRUE);
      fetching = total_hits (crash) > hits_before;
    }

  delay = g_rand_int_range (crash->rand, 5, 301);
  flip_delay = g_rand_int_range (crash->rand, 0, delay);
  flip_id = g_timeout_add (flip_delay, set_flag_cb, &flip_now);
  kill_id = g_timeout_add (delay, set_flag_cb, &kill_now);

  /* The reader marks a briefing while the refresh writes. */
  while (!exited && !flip_now)
    g_main_context_iteration (NULL, TRUE);
  if (!exited && flip_one (crash))
    crash->flips_while_writing++;

  while (!exited && !kill_now)
    g_main_context_iteration (NULL, TRUE);
  if (!exited)
    g_subprocess_force_exit (child);
  iterate_until (&exited);
  if (!flip_now)
    g_source_remove (flip_id);
  if (!kill_now)
    g_source_remove (kill_id);

  killed = g_subprocess_get_if_signaled (child) && g_subprocess_get_term_sig (child) == SIGKILL;
  if (killed)
    crash->kills++;
  else if (g_subprocess_get_if_exited (child) && g_subprocess_get_exit_status (child) == 0)
    crash->early_exits++;
  else
    {
      g_test_message ("round %u: briefingctl refresh failed on its own (status %d)",
                      crash->round, g_subprocess_get_status (child));
      crash->child_failures++;
    }

  check_after_kill (crash, killed);

  /* And between refreshes, as a reader catching up would. */
  for (guint i = 0; i < FLIPS_PER_ROUND; i++)
    flip_one (crash);
}

static guint
seed_from_env (void)
{
  const char *text = g_getenv ("BRIEFING_CRASH_SEED");
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    return (guint) value;

  return DEFAULT_SEED;
}

static void
first_refresh (Crash *crash)
{
  g_autoptr(GSubprocess) child = NULL;
  gboolean exited = FALSE;
  gint64 started = g_get_monotonic_time ();

  serve_round (crash);
  child = spawn_refresh (crash);
  g_subprocess_wait_async (child, NULL, child_wait_cb, &exited);
  iterate_until (&exited);

  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_assert_cmpuint (total_hits (crash), ==, N_FEEDS);
  g_test_message ("an uninterrupted refresh of %u feeds of %u items took %.0f ms",
                  N_FEEDS, N_STABLE + N_ROTATING, (g_get_monotonic_time () - started) / 1000.0);
}

static void
test_sigkill_refresh (void)
{
  Crash crash = { 0, };
  g_autoptr(GError) error = NULL;
  guint seed = seed_from_env ();

  crash.ctl = g_strdup (g_getenv ("BRIEFINGCTL"));
  if (crash.ctl == NULL || !g_file_test (crash.ctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("BRIEFINGCTL does not name the built briefingctl");
      g_free (crash.ctl);
      return;
    }

  g_test_message ("seed %u (set BRIEFING_CRASH_SEED to replay another)", seed);
  crash.rand = g_rand_new_with_seed (seed);
  crash.base_time = g_get_real_time () / G_USEC_PER_SEC;
  crash.server = test_server_new ();
  crash.path = g_build_filename (g_get_user_data_dir (), "crash", "briefing.db", NULL);
  crash.expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  crash.tracked = g_ptr_array_new_with_free_func (g_free);

  crash.store = briefing_store_open (crash.path, &error);
  g_assert_no_error (error);
  for (guint feed = 0; feed < N_FEEDS; feed++)
    {
      g_autofree char *path = feed_path (feed);
      g_autofree char *url = test_server_url (crash.server, path);

      briefing_store_add_source (crash.store, url, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  first_refresh (&crash);
  track_entries (&crash);

  while (crash.kills < TARGET_KILLS && crash.rounds < MAX_ROUNDS)
    {
      crash.round++;
      crash.rounds++;
      run_round (&crash);
    }

  g_test_message ("%u rounds: %u killed mid-refresh (%u with some but not all feeds stored), "
                  "%u finished before the kill, %u failed on their own",
                  crash.rounds, crash.kills, crash.partial_rounds, crash.early_exits, crash.child_failures);
  g_test_message ("%u flags flipped (%u while a refresh was writing, %u flips refused)",
                  crash.flips, crash.flips_while_writing, crash.flip_failures);
  g_test_message ("integrity failures: %u, consistency failures: %u, lost flags: %u",
                  crash.integrity_failures, crash.consistency_failures, crash.lost_flags);

  g_assert_cmpuint (crash.integrity_failures, ==, 0);
  g_assert_cmpuint (crash.consistency_failures, ==, 0);
  g_assert_cmpuint (crash.lost_flags, ==, 0);
  g_assert_cmpuint (crash.child_failures, ==, 0);
  g_assert_cmpuint (crash.flip_failures, ==, 0);
  g_assert_cmpuint (crash.kills, >=, MIN_KILLS);

  g_clear_object (&crash.store);
  g_clear_pointer (&crash.server, test_server_free);
  g_clear_pointer (&crash.expected, g_hash_table_unref);
  g_clear_pointer (&crash.tracked, g_ptr_array_unref);
  g_clear_pointer (&crash.rand, g_rand_free);
  g_free (crash.path);
  g_free (crash.ctl);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash-safety/sigkill-refresh", test_sigkill_refresh);

  return g_test_run ();
}
