/* test-sync-store.c
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
#include "briefing-sync-backend.h"

/* The store's side of a sync account: the queue of changes made here and
 * whose change wins when the server's state differs. The server is not
 * needed: these are the rules briefing-store-sync.c states. */

static const char account_feed[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Times</title>"
  "<item><title>Ferry timetable changes</title><guid>101</guid>"
  "<pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate><description>From Monday.</description></item>"
  "<item><title>Pier repairs start</title><guid>102</guid>"
  "<pubDate>Tue, 03 Jun 2025 11:00:00 GMT</pubDate><description>Six weeks.</description></item>"
  "</channel></rss>";

typedef struct
{
  char          *dir;
  BriefingStore *store;
  gint64         account_id;
  gint64         source_id;
  gint64         local_source_id;
  gint64         entry_101;
  gint64         entry_102;
  gint64         local_entry;
} Fixture;

static gint64
entry_with_guid (BriefingStore *store,
                 gint64         source_id,
                 const char    *guid)
{
  BriefingQuery query = { .source_id = source_id };
  g_autoptr(GPtrArray) entries = briefing_store_list_entries (store, &query, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (g_strcmp0 (briefing_entry_get_guid (g_ptr_array_index (entries, i)), guid) == 0)
      return briefing_entry_get_id (g_ptr_array_index (entries, i));

  g_assert_not_reached ();
}

static void
save_feed (BriefingStore *store,
           gint64         source_id)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (account_feed, strlen (account_feed));
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = briefing_feed_parse (bytes, "https://harbour.example/feed", NULL, &error);

  g_assert_no_error (error);
  briefing_store_prepare_feed (feed);
  briefing_store_save_feed (store, source_id, feed, 1749000000, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  BriefingRemoteFeed remote = { .id = (char *) "7", .title = (char *) "Harbour Times",
                                .url = (char *) "https://harbour.example/feed", .group = (char *) "Local" };

  fixture->dir = g_dir_make_tmp ("briefing-sync-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "briefing.db", NULL);
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  fixture->account_id = briefing_store_add_account (fixture->store, "ttrss", "https://rss.example/", "reader", NULL,
                                                         &error);
  g_assert_no_error (error);
  fixture->source_id = briefing_store_save_remote_source (fixture->store, fixture->account_id, &remote, &error);
  g_assert_no_error (error);
  fixture->local_source_id = briefing_store_add_source (fixture->store, "https://local.example/feed", NULL, NULL, &error);
  g_assert_no_error (error);

  save_feed (fixture->store, fixture->source_id);
  save_feed (fixture->store, fixture->local_source_id);
  fixture->entry_101 = entry_with_guid (fixture->store, fixture->source_id, "101");
  fixture->entry_102 = entry_with_guid (fixture->store, fixture->source_id, "102");
  fixture->local_entry = entry_with_guid (fixture->store, fixture->local_source_id, "101");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->store);
  g_assert_cmpint (system (command), ==, 0);
  g_free (fixture->dir);
}

static gboolean
is_read (Fixture *fixture,
         gint64   entry_id)
{
  g_autoptr(BriefingEntry) entry = briefing_store_get_entry (fixture->store, entry_id, NULL);

  return briefing_entry_get_read (entry);
}

static GHashTable *
id_set (const char *first,
        ...)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_hash_table_add (set, g_strdup (id));
  va_end (args);

  return set;
}

/* Only the account's entries wait for the server, in the order made. */
static void
test_queue_in_order (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  BriefingQueuedChange *change;

  briefing_store_set_read (fixture->store, fixture->entry_102, TRUE, &error);
  g_assert_no_error (error);
  briefing_store_set_starred (fixture->store, fixture->entry_101, TRUE, &error);
  g_assert_no_error (error);
  briefing_store_set_read (fixture->store, fixture->local_entry, TRUE, &error);
  g_assert_no_error (error);

  queued = briefing_store_list_queued (fixture->store, fixture->account_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queued->len, ==, 2);
  change = g_ptr_array_index (queued, 0);
  g_assert_cmpstr (change->item, ==, "102");
  g_assert_cmpint (change->field, ==, BRIEFING_ENTRY_FIELD_READ);
  g_assert_true (change->value);
  change = g_ptr_array_index (queued, 1);
  g_assert_cmpstr (change->item, ==, "101");
  g_assert_cmpint (change->field, ==, BRIEFING_ENTRY_FIELD_STARRED);

  /* The server took the first: only the second waits. */
  briefing_store_drop_queued (fixture->store, fixture->account_id,
                              ((BriefingQueuedChange *) g_ptr_array_index (queued, 0))->seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefing_store_count_queued (fixture->store, fixture->account_id), ==, 1);
}

/* Nothing of ours waits: the server's state is taken. */
static void
test_server_state_taken (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) unread = id_set ("102", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     unread, FALSE, 0, now, &error);
  g_assert_no_error (error);
  g_assert_true (is_read (fixture, fixture->entry_101));
  g_assert_false (is_read (fixture, fixture->entry_102));
  g_assert_false (is_read (fixture, fixture->local_entry));
  g_assert_cmpuint (briefing_store_count_queued (fixture->store, fixture->account_id), ==, 0);
}

/* Only we changed it since the last sync: ours stays, to be sent. */
static void
test_ours_kept_when_server_unchanged (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) unread = id_set ("101", "102", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The last sync saw both unread. */
  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     unread, FALSE, 0, now - 600, &error);
  g_assert_no_error (error);

  briefing_store_set_read (fixture->store, fixture->entry_101, TRUE, &error);
  g_assert_no_error (error);

  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     unread, FALSE, now - 600, now + 1, &error);
  g_assert_no_error (error);
  g_assert_true (is_read (fixture, fixture->entry_101));
  g_assert_cmpuint (briefing_store_count_queued (fixture->store, fixture->account_id), ==, 1);
}

/* Both changed: the server's change is dated halfway between the syncs,
 * and the newer one wins. */
static void
test_conflict_newest_wins (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) both_unread = id_set ("101", "102", NULL);
  g_autoptr(GHashTable) none_unread = id_set (NULL, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     both_unread, FALSE, 0, now - 1000, &error);
  g_assert_no_error (error);

  /* Here, both marked read, then 101 unread again, now. */
  briefing_store_set_read (fixture->store, fixture->entry_101, TRUE, &error);
  briefing_store_set_read (fixture->store, fixture->entry_102, TRUE, &error);
  briefing_store_set_read (fixture->store, fixture->entry_101, FALSE, &error);
  g_assert_no_error (error);

  /* The other machine marked both read; the last sync was long ago, so
   * its change is dated well before ours: ours wins for 101. */
  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     none_unread, FALSE, now - 1000, now + 10, &error);
  g_assert_no_error (error);
  g_assert_false (is_read (fixture, fixture->entry_101));
  g_assert_true (is_read (fixture, fixture->entry_102));

  /* A sync that saw the server's change newer than ours (a last sync
   * after our change): the server's wins, and ours leaves the queue. */
  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     both_unread, FALSE, 0, now - 1000, &error);
  briefing_store_set_read (fixture->store, fixture->entry_101, TRUE, &error);
  g_assert_no_error (error);
  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     none_unread, FALSE, now - 1000, now + 10, &error);
  g_assert_no_error (error);
  g_assert_true (is_read (fixture, fixture->entry_101));

  briefing_store_set_read (fixture->store, fixture->entry_101, FALSE, &error);
  g_assert_no_error (error);
  briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                     none_unread, FALSE, 0, now - 1000, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) server_unread_again = id_set (NULL, NULL);

    /* The server still says read, as it did: only ours changed. */
    briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                       server_unread_again, FALSE, now + 100, now + 200, &error);
    g_assert_no_error (error);
    g_assert_false (is_read (fixture, fixture->entry_101));
  }

  /* Now the server changed too, after our change by the dating rule. */
  {
    g_autoptr(GHashTable) server_says_unread = id_set ("102", NULL);

    briefing_store_set_read (fixture->store, fixture->entry_102, TRUE, &error);
    g_assert_no_error (error);
    briefing_store_apply_remote_state (fixture->store, fixture->account_id, BRIEFING_ENTRY_FIELD_READ,
                                       server_says_unread, FALSE, now + 100, now + 200, &error);
    g_assert_no_error (error);
    g_assert_false (is_read (fixture, fixture->entry_102));
  }
}

/* Removing the account takes its sources and briefings, not ours. */
static void
test_remove_account (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  briefing_store_remove_account (fixture->store, fixture->account_id, &error);
  g_assert_no_error (error);

  sources = briefing_store_list_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpint (briefing_source_get_id (g_ptr_array_index (sources, 0)), ==, fixture->local_source_id);
  g_assert_null (briefing_store_get_account (fixture->store, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-store/queue-in-order", Fixture, NULL, fixture_set_up, test_queue_in_order, fixture_tear_down);
  g_test_add ("/sync-store/server-state-taken", Fixture, NULL, fixture_set_up, test_server_state_taken,
              fixture_tear_down);
  g_test_add ("/sync-store/ours-kept-when-server-unchanged", Fixture, NULL, fixture_set_up,
              test_ours_kept_when_server_unchanged, fixture_tear_down);
  g_test_add ("/sync-store/conflict-newest-wins", Fixture, NULL, fixture_set_up, test_conflict_newest_wins,
              fixture_tear_down);
  g_test_add ("/sync-store/remove-account", Fixture, NULL, fixture_set_up, test_remove_account,
              fixture_tear_down);

  return g_test_run ();
}
