/* test-sync.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "briefing-entry.h"
#include "briefing-secret.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-sync.h"
#include "greader-test-server.h"

/* The sync engine end to end, against the in-process Google Reader API
 * server: adding the account, first and incremental syncs, the queue of
 * changes made here, the server's changes, the server going away, and
 * subscribing through the account. The password is kept in a libsecret
 * file keyring (its own test hook), never in the store. */

typedef struct
{
  char              *dir;
  BriefingStore     *store;
  GreaderTestServer *server;
  const char        *news;
  const char        *sport;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("briefing-sync-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "briefing.db", NULL);
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  fixture->server = greader_test_server_new ();
  greader_test_server_add_user (fixture->server, "reader", "reader-pass", TRUE);
  fixture->news = greader_test_server_add_feed (fixture->server, NULL, "Harbour Times",
                                                "https://harbour.example/feed", "Local");
  fixture->sport = greader_test_server_add_feed (fixture->server, NULL, "Match Report",
                                                 "https://sport.example/feed", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->store);
  greader_test_server_free (fixture->server);
  g_assert_cmpint (system (command), ==, 0);
  g_free (fixture->dir);
}

static gint64
add_account (Fixture    *fixture,
             const char *password,
             GError    **error)
{
  BriefingAccountLogin login = {
    .kind = "greader",
    .server = greader_test_server_get_url (fixture->server),
    .user = "reader",
    .password = password,
  };

  return briefing_sync_add_account (fixture->store, &login, NULL, NULL, error);
}

static void
sync_ok (Fixture            *fixture,
         BriefingSyncResult *result)
{
  g_autoptr(GError) error = NULL;

  briefing_sync_run (fixture->store, NULL, NULL, NULL, result, NULL, &error);
  g_assert_no_error (error);
}

static GPtrArray *
entries (Fixture *fixture)
{
  BriefingQuery query = { 0, };
  g_autoptr(GError) error = NULL;
  GPtrArray *list = briefing_store_list_entries (fixture->store, &query, &error);

  g_assert_no_error (error);
  return list;
}

static BriefingEntry *
entry_for_item (GPtrArray  *list,
                const char *item)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (briefing_entry_get_guid (g_ptr_array_index (list, i)), item) == 0)
      return g_ptr_array_index (list, i);

  return NULL;
}

/* A wrong password keeps nothing; the right one keeps the account in the
 * store and the password in the keyring only. */
static void
test_add_account (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingAccount) account = NULL;
  g_autofree char *password = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (add_account (fixture, "wrong", &error), ==, 0);
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_null (briefing_store_get_account (fixture->store, NULL));

  g_assert_cmpint (add_account (fixture, "reader-pass", &error), >, 0);
  g_assert_no_error (error);
  account = briefing_store_get_account (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->kind, ==, "greader");
  g_assert_cmpstr (account->user, ==, "reader");

  password = briefing_secret_lookup (account->server, account->user, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "reader-pass");
  g_file_get_contents (briefing_store_get_path (fixture->store), &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (contents, -1, "reader-pass"));

  /* One account at a time. */
  g_assert_cmpint (add_account (fixture, "reader-pass", &error), ==, 0);
  g_assert_nonnull (error);
}

typedef struct
{
  guint calls;
  guint last_done;
  guint last_total;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->calls++;
  progress->last_done = done;
  progress->last_total = total;
}

/* The first sync pages through everything and says how far it got; the
 * sources carry the server's groups; bodies are sanitized and the lead
 * photo found, as for a fetched feed. The next sync brings only what is
 * new, in a request per stream. */
static void
test_first_and_incremental (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *hostile = NULL;
  GreaderTestItem item = {
    .feed_id = fixture->sport, .title = "Final score",
    .content = "<figure><img src=\"https://sport.example/goal.jpg\" width=\"1200\" height=\"800\" onerror=\"x()\">"
                "</figure><p>Two goals.</p><script>alert(1)</script>",
  };
  BriefingSyncResult result = { 0, };
  Progress progress = { 0, };
  BriefingEntry *entry;
  guint requests;

  greader_test_server_add_items (fixture->server, fixture->news, 1200);
  hostile = greader_test_server_add_item (fixture->server, &item);
  g_assert_cmpint (add_account (fixture, "reader-pass", &error), >, 0);

  briefing_sync_run (fixture->store, NULL, on_progress, &progress, &result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 1201);
  g_assert_cmpuint (result.feeds, ==, 2);
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_cmpuint (progress.last_done, ==, 1201);
  g_assert_cmpuint (progress.last_total, ==, 1201);

  sources = briefing_store_list_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  for (guint i = 0; i < sources->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (sources, i);

      g_assert_cmpint (briefing_source_get_account_id (source), !=, 0);
      if (g_str_equal (briefing_source_get_title (source), "Harbour Times"))
        g_assert_cmpstr (briefing_source_get_group (source), ==, "Local");
    }

  list = entries (fixture);
  entry = entry_for_item (list, hostile);
  g_assert_nonnull (entry);
  g_assert_cmpstr (briefing_entry_get_title (entry), ==, "Final score");
  {
    g_autoptr(BriefingEntry) full = briefing_store_get_entry (fixture->store, briefing_entry_get_id (entry), &error);

    g_assert_no_error (error);
    g_assert_null (strstr (briefing_entry_get_content (full) ? briefing_entry_get_content (full) : "", "script"));
    g_assert_null (strstr (briefing_entry_get_content (full) ? briefing_entry_get_content (full) : "", "onerror"));
    g_assert_cmpstr (briefing_entry_get_image_url (full), ==, "https://sport.example/goal.jpg");
  }

  /* Nothing new: one request per stream, no items. */
  greader_test_server_reset_counts (fixture->server);
  sync_ok (fixture, &result);
  requests = greader_test_server_get_request_count (fixture->server, NULL);
  g_assert_cmpuint (result.items, ==, 0);
  g_assert_cmpuint (requests, <=, 6);
  g_test_message ("a sync with nothing new: %u requests", requests);

  /* Something new: only that. */
  greader_test_server_advance_clock (fixture->server, 60);
  greader_test_server_add_items (fixture->server, fixture->sport, 3);
  sync_ok (fixture, &result);
  g_assert_cmpuint (result.items, ==, 3);
  g_assert_cmpuint (result.added, ==, 3);
}

/* Read and starred both ways; a change made here waits while the server
 * is away, survives in the store, and is sent once it is back. */
static void
test_state_both_ways (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BriefingAccount) account = NULL;
  BriefingSyncResult result = { 0, };
  gboolean read, starred;
  const char *first, *second;

  greader_test_server_add_items (fixture->server, fixture->news, 5);
  g_assert_cmpint (add_account (fixture, "reader-pass", &error), >, 0);
  sync_ok (fixture, &result);

  ids = greader_test_server_get_item_ids (fixture->server);
  first = g_ptr_array_index (ids, 0);
  second = g_ptr_array_index (ids, 1);
  list = entries (fixture);

  /* Here → server. */
  briefing_store_set_read (fixture->store, briefing_entry_get_id (entry_for_item (list, first)), TRUE, &error);
  briefing_store_set_starred (fixture->store, briefing_entry_get_id (entry_for_item (list, first)), TRUE, &error);
  g_assert_no_error (error);
  sync_ok (fixture, &result);
  g_assert_cmpuint (result.sent, ==, 2);
  greader_test_server_get_state (fixture->server, first, &read, &starred);
  g_assert_true (read && starred);

  /* Server → here. */
  greader_test_server_set_state (fixture->server, second, TRUE, TRUE);
  sync_ok (fixture, &result);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = entries (fixture);
  g_assert_true (briefing_entry_get_read (entry_for_item (list, second)));
  g_assert_true (briefing_entry_get_starred (entry_for_item (list, second)));

  /* Offline: the change waits, the sync says why it failed. */
  greader_test_server_set_fault (fixture->server, GREADER_FAULT_DOWN, 0);
  briefing_store_set_read (fixture->store, briefing_entry_get_id (entry_for_item (list, second)), FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (briefing_sync_run (fixture->store, NULL, NULL, NULL, &result, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  account = briefing_store_get_account (fixture->store, &error);
  g_assert_nonnull (account->last_error);
  g_assert_cmpuint (briefing_store_count_queued (fixture->store, account->id), ==, 1);

  greader_test_server_set_fault (fixture->server, GREADER_FAULT_NONE, 0);
  sync_ok (fixture, &result);
  g_assert_cmpuint (result.sent, ==, 1);
  g_assert_cmpuint (briefing_store_count_queued (fixture->store, account->id), ==, 0);
  greader_test_server_get_state (fixture->server, second, &read, &starred);
  g_assert_false (read);
  g_assert_true (starred);
}

/* The server going away in the middle of a first sync: what came stays,
 * the next sync completes it without duplicates. */
static void
test_server_gone_mid_sync (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  BriefingSyncResult result = { 0, };

  greader_test_server_add_items (fixture->server, fixture->news, 1600);
  g_assert_cmpint (add_account (fixture, "reader-pass", &error), >, 0);

  /* Login, token, the list, the count and two pages; then nothing. */
  greader_test_server_set_fault (fixture->server, GREADER_FAULT_DROP_AFTER_N, 6);
  g_assert_false (briefing_sync_run (fixture->store, NULL, NULL, NULL, &result, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("mid-sync: %s, %u stored", error->message, result.added);
  g_assert_cmpuint (result.added, >, 0);
  g_assert_cmpuint (result.added, <, 1600);

  greader_test_server_set_fault (fixture->server, GREADER_FAULT_NONE, 0);
  sync_ok (fixture, &result);
  list = entries (fixture);
  g_assert_cmpuint (list->len, ==, 1600);
}

/* Subscribing and unsubscribing go to the server; removing the account
 * leaves the server's subscriptions and takes ours. */
static void
test_subscribe_and_remove (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  gint64 source_id;

  g_assert_cmpint (add_account (fixture, "reader-pass", &error), >, 0);
  source_id = briefing_sync_subscribe (fixture->store, NULL, "https://weather.example/feed", "Local", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source_id, >, 0);
  g_assert_true (greader_test_server_has_feed (fixture->server, "https://weather.example/feed", NULL, NULL));

  briefing_sync_unsubscribe (fixture->store, NULL, source_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (greader_test_server_has_feed (fixture->server, "https://weather.example/feed", NULL, NULL));

  briefing_sync_remove_account (fixture->store, &error);
  g_assert_no_error (error);
  sources = briefing_store_list_sources (fixture->store, &error);
  g_assert_cmpuint (sources->len, ==, 0);
  g_assert_cmpuint (greader_test_server_count_feeds (fixture->server), ==, 2);
  g_assert_null (briefing_secret_lookup (greader_test_server_get_url (fixture->server), "reader", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = g_dir_make_tmp ("briefing-sync-keyring-XXXXXX", NULL);
  g_autofree char *keyring = g_build_filename (keyring_dir, "keyring", NULL);
  int status;

  /* libsecret's file backend reads these once, at its first use: one
   * keyring for the whole run, each fixture's server a different key. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-keyring", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/add-account", Fixture, NULL, fixture_set_up, test_add_account, fixture_tear_down);
  g_test_add ("/sync/first-and-incremental", Fixture, NULL, fixture_set_up, test_first_and_incremental,
              fixture_tear_down);
  g_test_add ("/sync/state-both-ways", Fixture, NULL, fixture_set_up, test_state_both_ways, fixture_tear_down);
  g_test_add ("/sync/server-gone-mid-sync", Fixture, NULL, fixture_set_up, test_server_gone_mid_sync,
              fixture_tear_down);
  g_test_add ("/sync/subscribe-and-remove", Fixture, NULL, fixture_set_up, test_subscribe_and_remove,
              fixture_tear_down);

  status = g_test_run ();
  g_unlink (keyring);
  g_rmdir (keyring_dir);

  return status;
}
