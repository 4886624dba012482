/* test-sync-greader.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "briefing-sync-backend.h"
#include "briefing-sync-http.h"
#include "greader-test-server.h"

/* The Google Reader API backend against an in-process server that
 * answers as FreshRSS does (and, in a few tests, as Miniflux does):
 * signing in and every way it fails, subscriptions, articles in pages
 * and since a cursor, the sets of unread and starred ids, state sent
 * back, and servers that lie, loop, flood or go away. */

#define ITEM_ID_PREFIX "tag:google.com,2005:reader/item/"
#define CONTENTS_PATH "reader/api/0/stream/contents/user/-/state/com.google/reading-list"
#define IDS_PATH "reader/api/0/stream/items/ids"
#define API "/api/greader.php/"

typedef struct
{
  GreaderTestServer   *server;
  BriefingSyncHttp    *http;
  BriefingSyncBackend *backend;
  const char          *news;      /* feed ids */
  const char          *blog;
} Fixture;

static void
fixture_set_up_flavour (Fixture        *fixture,
                        GreaderFlavour  flavour)
{
  fixture->server = greader_test_server_new_flavour (flavour);
  greader_test_server_add_user (fixture->server, "alice", "secret", TRUE);
  fixture->news = greader_test_server_add_feed (fixture->server, NULL, "World <News>", "https://news.example/feed.xml", "News");
  fixture->blog = greader_test_server_add_feed (fixture->server, NULL, "A blog", "https://blog.example/atom", NULL);
  fixture->http = briefing_sync_http_new ();
  fixture->backend = briefing_greader_new (fixture->http, greader_test_server_get_url (fixture->server), "alice");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_flavour (fixture, GREADER_FLAVOUR_FRESHRSS);
}

static void
fixture_set_up_miniflux (Fixture       *fixture,
                         gconstpointer  data)
{
  fixture_set_up_flavour (fixture, GREADER_FLAVOUR_MINIFLUX);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->backend);
  g_clear_pointer (&fixture->http, briefing_sync_http_free);
  g_clear_pointer (&fixture->server, greader_test_server_free);
}

static void
login (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (briefing_sync_backend_login (fixture->backend, "secret", NULL, &error));
  g_assert_no_error (error);
}

static void
assert_login_fails (Fixture    *fixture,
                    const char *server,
                    const char *password,
                    int         code)
{
  g_autoptr(BriefingSyncBackend) backend = briefing_greader_new (fixture->http, server, "alice");
  g_autoptr(GError) error = NULL;

  g_assert_false (briefing_sync_backend_login (backend, password, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, code);
  g_test_message ("%s", error->message);
}

/* Every page of one sync, its items in one array, with the cursor it
 * ended with. */
static GPtrArray *
sync_items_total (BriefingSyncBackend  *backend,
                  const char           *since,
                  char                **next_since,
                  guint                *pages,
                  guint                *total)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_item_free);
  BriefingSyncPage page = { since, };
  guint n = 0;

  do
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (briefing_sync_backend_fetch_items (backend, &page, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (page.items);
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page.items));
      if (n++ > 0 && total != NULL)
        g_assert_cmpuint (page.total, ==, *total);
      if (total != NULL)
        *total = page.total;
    }
  while (!page.done);

  g_assert_null (page.token);
  if (next_since != NULL)
    *next_since = g_steal_pointer (&page.next_since);
  if (pages != NULL)
    *pages = n;
  briefing_sync_page_clear (&page);

  return all;
}

static GPtrArray *
sync_items (BriefingSyncBackend  *backend,
            const char           *since,
            char                **next_since,
            guint                *pages)
{
  return sync_items_total (backend, since, next_since, pages, NULL);
}

static GHashTable *
ids_of (GPtrArray *items)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (ids, ((BriefingRemoteItem *) g_ptr_array_index (items, i))->id);

  return ids;
}

static GHashTable *
fetch_ids (BriefingSyncBackend *backend,
           BriefingSyncField    field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_state = NULL;
  gboolean unchanged = TRUE;
  GHashTable *ids;

  ids = briefing_sync_backend_fetch_ids (backend, field, NULL, &next_state, &unchanged, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_assert_false (unchanged);

  return ids;
}

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "greader", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* Signing in ------------------------------------------------------------------ */

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpstr (briefing_sync_backend_get_kind (fixture->backend), ==, "greader");

  login (fixture);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "accounts/ClientLogin"), ==, 1);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/token"), ==, 1);
}

/* FreshRSS's own address: the API is found below it, and so is an
 * address with the API's path pasted whole. */
static void
test_login_addresses (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *pasted = g_strconcat (greader_test_server_get_url (fixture->server), "/reader/api/0/token?x=1", NULL);
  const char *addresses[] = { greader_test_server_get_root_url (fixture->server), pasted };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(BriefingSyncBackend) backend = briefing_greader_new (fixture->http, addresses[i], "alice");
      g_autoptr(GPtrArray) feeds = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (briefing_sync_backend_login (backend, "secret", NULL, &error));
      g_assert_no_error (error);
      feeds = briefing_sync_backend_list_feeds (backend, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (feeds->len, ==, 2);
    }

  /* The root answered 404 (FreshRSS's web server) once. */
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "/accounts/ClientLogin"), ==, 1);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "accounts/ClientLogin"), ==, 2);
}

static void
test_login_wrong_password (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *url = greader_test_server_get_url (fixture->server);

  assert_login_fails (fixture, url, "wrong", BRIEFING_SYNC_ERROR_AUTH);

  /* FreshRSS refuses a name it does not allow with 400 Bad Request!. */
  {
    g_autoptr(BriefingSyncBackend) backend = briefing_greader_new (fixture->http, url, "no such user!");
    g_autoptr(GError) error = NULL;

    g_assert_false (briefing_sync_backend_login (backend, "secret", NULL, &error));
    g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH);
  }

  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/token"), ==, 0);
}

/* The three ways FreshRSS keeps the API from an account, as it answers
 * each: no API password (the 401 of a wrong password: the reader can only
 * be told the password is wrong), the API switched off for the whole
 * server (503 to everything), the account disabled (ClientLogin works,
 * then 401). */
static void
test_login_api_disabled (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *url = greader_test_server_get_url (fixture->server);

  greader_test_server_add_user (fixture->server, "bob", "secret", FALSE);
  {
    g_autoptr(BriefingSyncBackend) backend = briefing_greader_new (fixture->http, url, "bob");
    g_autoptr(GError) error = NULL;

    g_assert_false (briefing_sync_backend_login (backend, "secret", NULL, &error));
    g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH);
  }

  greader_test_server_set_user_enabled (fixture->server, "alice", FALSE);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_API_DISABLED);
  greader_test_server_set_user_enabled (fixture->server, "alice", TRUE);

  greader_test_server_set_api_enabled (fixture->server, FALSE);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_API_DISABLED);
  assert_login_fails (fixture, greader_test_server_get_root_url (fixture->server), "secret",
                      BRIEFING_SYNC_ERROR_API_DISABLED);

  /* Switched off after signing in. */
  greader_test_server_set_api_enabled (fixture->server, TRUE);
  login (fixture);
  greader_test_server_set_api_enabled (fixture->server, FALSE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);

    g_assert_null (feeds);
    g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_API_DISABLED);
  }
}

static void
test_login_not_server (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *url = greader_test_server_get_url (fixture->server);
  const char *root = greader_test_server_get_root_url (fixture->server);

  greader_test_server_set_answer (fixture->server, "*", 200, "text/html",
                                  "<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>", -1);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);
  assert_login_fails (fixture, root, "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);

  greader_test_server_set_answer (fixture->server, "*", 404, "text/html", "<h1>Not Found</h1>", -1);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);
  assert_login_fails (fixture, root, "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);

  /* A sign-in that works, then a token that is not one. */
  greader_test_server_clear_answers (fixture->server);
  greader_test_server_set_answer (fixture->server, API "reader/api/0/token", 200, "text/html",
                                  "<html>\r\n<body>token</body></html>", -1);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);

  assert_login_fails (fixture, "ftp://example.net/", "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);
  assert_login_fails (fixture, "", "secret", BRIEFING_SYNC_ERROR_NOT_SERVER);
}

static void
test_login_unreachable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = g_strdup (greader_test_server_get_url (fixture->server));

  greader_test_server_set_fault (fixture->server, GREADER_FAULT_DOWN, 0);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_UNREACHABLE);

  greader_test_server_set_fault (fixture->server, GREADER_FAULT_500, 0);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_FAILED);

  /* Nothing listens there any more. */
  g_clear_pointer (&fixture->server, greader_test_server_free);
  assert_login_fails (fixture, url, "secret", BRIEFING_SYNC_ERROR_UNREACHABLE);
}

/* Subscriptions --------------------------------------------------------------- */

static const BriefingRemoteFeed *
find_feed (GPtrArray  *feeds,
           const char *id)
{
  for (guint i = 0; i < feeds->len; i++)
    if (g_strcmp0 (((BriefingRemoteFeed *) g_ptr_array_index (feeds, i))->id, id) == 0)
      return g_ptr_array_index (feeds, i);

  return NULL;
}

static void
test_list_feeds (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  const BriefingRemoteFeed *feed;

  login (fixture);
  feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);

  feed = find_feed (feeds, fixture->news);
  g_assert_nonnull (feed);
  /* FreshRSS's full-width forms, as the server sent them. */
  g_assert_cmpstr (feed->title, ==, "World ＜News＞");
  g_assert_cmpstr (feed->url, ==, "https://news.example/feed.xml");
  g_assert_cmpstr (feed->site_url, ==, "https://news.example/");
  g_assert_cmpstr (feed->group, ==, "News");

  /* FreshRSS puts every feed in a category. */
  feed = find_feed (feeds, fixture->blog);
  g_assert_nonnull (feed);
  g_assert_cmpstr (feed->group, ==, "Uncategorized");
}

static void
test_subscribe (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *group = NULL;
  g_autofree char *last = NULL;

  login (fixture);

  id = briefing_sync_backend_subscribe (fixture->backend, "https://new.example/feed?a=1&b=2", "Tech & Science",
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_true (greader_test_server_has_feed (fixture->server, "https://new.example/feed?a=1&b=2", &server_id, &group));
  g_assert_cmpstr (id, ==, server_id);
  g_assert_cmpstr (group, ==, "Tech & Science");
  last = greader_test_server_get_last_request (fixture->server, "reader/api/0/subscription/edit");
  g_assert_nonnull (strstr (last, "ac=subscribe"));
  g_assert_nonnull (strstr (last, "T="));

  /* Already there: its id, without asking the server to subscribe. */
  again = briefing_sync_backend_subscribe (fixture->backend, "https://news.example/feed.xml", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, fixture->news);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/subscription/edit"), ==, 1);

  g_assert_true (briefing_sync_backend_unsubscribe (fixture->backend, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (greader_test_server_has_feed (fixture->server, "https://new.example/feed?a=1&b=2", NULL, NULL));

  /* FreshRSS says 400 to what it cannot do. */
  g_assert_false (briefing_sync_backend_unsubscribe (fixture->backend, id, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_REJECTED);
  g_clear_error (&error);

  g_assert_null (briefing_sync_backend_subscribe (fixture->backend, "gopher://old.example/", NULL, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_REJECTED);
  g_assert_cmpuint (greader_test_server_count_feeds (fixture->server), ==, 2);
}

/* Articles -------------------------------------------------------------------- */

static const BriefingRemoteItem *
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((BriefingRemoteItem *) g_ptr_array_index (items, i))->id, id) == 0)
      return g_ptr_array_index (items, i);

  return NULL;
}

static void
test_fetch_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  GreaderTestItem spec = {
    .feed_id = fixture->news,
    .title = "Rates & <prices>",
    .link = "https://news.example/rates",
    .author = "Ann Author",
    .content = "<p>Text</p><img src=\"https://news.example/chart.png\">",
    .published = 1718000000,
    .read = TRUE,
    .starred = TRUE,
    .enclosure_url = "https://news.example/podcast.mp3",
    .enclosure_type = "audio/mpeg",
    .enclosure_length = 123456,
  };
  g_autofree char *id = greader_test_server_add_item (fixture->server, &spec);
  g_autoptr(GPtrArray) items = NULL;
  const BriefingRemoteItem *item;
  const BriefingEnclosure *enclosure;

  login (fixture);
  items = sync_items (fixture->backend, NULL, NULL, NULL);
  g_assert_cmpuint (items->len, ==, 1);

  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->id, ==, id);
  g_assert_true (g_str_has_prefix (item->id, ITEM_ID_PREFIX));
  g_assert_cmpuint (strlen (item->id), ==, strlen (ITEM_ID_PREFIX) + 16);
  g_assert_cmpstr (item->feed_id, ==, fixture->news);
  g_assert_cmpstr (item->title, ==, "Rates ＆ ＜prices＞");
  g_assert_cmpstr (item->link, ==, "https://news.example/rates");
  g_assert_cmpstr (item->author, ==, "Ann Author");
  g_assert_cmpstr (item->summary, ==, spec.content);
  g_assert_null (item->content);
  g_assert_cmpint (item->published, ==, 1718000000);
  g_assert_true (item->read);
  g_assert_true (item->starred);
  g_assert_cmpuint (item->categories->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (item->categories, 0), ==, "News");
  g_assert_cmpuint (item->enclosures->len, ==, 1);
  enclosure = g_ptr_array_index (item->enclosures, 0);
  g_assert_cmpstr (enclosure->url, ==, "https://news.example/podcast.mp3");
  g_assert_cmpstr (enclosure->type, ==, "audio/mpeg");
  g_assert_cmpint (enclosure->length, ==, 123456);
}

static void
test_fetch_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) server_ids = NULL;
  g_autofree char *since = NULL;
  g_autofree char *last = NULL;
  guint pages;
  guint total = 0;

  greader_test_server_add_items (fixture->server, fixture->news, 700);
  greader_test_server_add_items (fixture->server, fixture->blog, 534);
  login (fixture);

  items = sync_items_total (fixture->backend, NULL, &since, &pages, &total);
  ids = ids_of (items);
  g_assert_cmpuint (total, ==, 1234);
  g_assert_cmpuint (items->len, ==, 1234);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 1234);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, CONTENTS_PATH), ==, 3);
  last = greader_test_server_get_last_request (fixture->server, CONTENTS_PATH);
  g_assert_nonnull (strstr (last, "n=500"));
  g_assert_nonnull (strstr (last, "&c="));
  g_assert_null (strstr (last, "ot="));

  server_ids = greader_test_server_get_item_ids (fixture->server);
  for (guint i = 0; i < server_ids->len; i++)
    g_assert_true (g_hash_table_contains (ids, g_ptr_array_index (server_ids, i)));

  /* The cursor is the newest crawl time, in microseconds. */
  g_assert_nonnull (since);
  g_assert_cmpint (g_ascii_strtoll (since, NULL, 10), >=, g_get_real_time () - 60 * G_USEC_PER_SEC);

  for (guint i = 0; i < items->len; i++)
    {
      const BriefingRemoteItem *item = g_ptr_array_index (items, i);

      g_assert_nonnull (strstr (item->summary, "<img src="));
      g_assert_false (item->read);
    }
}

/* Two full pages are followed by an empty one: FreshRSS gives a
 * continuation whenever a page is full. */
static void
test_fetch_exact_pages (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  guint pages;

  greader_test_server_add_items (fixture->server, fixture->news, 1000);
  login (fixture);

  items = sync_items (fixture->backend, NULL, NULL, &pages);
  g_assert_cmpuint (items->len, ==, 1000);
  g_assert_cmpuint (pages, ==, 3);
}

static void
test_fetch_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *since = NULL;
  g_autofree char *still = NULL;

  login (fixture);
  items = sync_items (fixture->backend, NULL, &since, NULL);
  g_assert_cmpuint (items->len, ==, 0);
  g_assert_null (since);

  again = sync_items (fixture->backend, "1718000000123456", &still, NULL);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpstr (still, ==, "1718000000123456");
}

static void
test_fetch_since (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autofree char *since = NULL;
  g_autofree char *since2 = NULL;
  g_autofree char *since3 = NULL;
  g_autofree char *last = NULL;
  g_autofree char *ot = NULL;
  guint total = 0;

  greader_test_server_add_items (fixture->server, fixture->news, 40);
  login (fixture);
  first = sync_items (fixture->backend, NULL, &since, NULL);
  g_assert_cmpuint (first->len, ==, 40);

  greader_test_server_advance_clock (fixture->server, 10);
  greader_test_server_add_items (fixture->server, fixture->blog, 5);

  second = sync_items_total (fixture->backend, since, &since2, NULL, &total);
  g_assert_cmpuint (second->len, ==, 5);
  g_assert_cmpuint (total, ==, 5);
  for (guint i = 0; i < second->len; i++)
    g_assert_cmpstr (((BriefingRemoteItem *) g_ptr_array_index (second, i))->feed_id, ==, fixture->blog);
  g_assert_cmpint (g_ascii_strtoll (since2, NULL, 10), >=, g_ascii_strtoll (since, NULL, 10) + 10 * G_USEC_PER_SEC);

  /* Asked from the cursor's second; what that second had before the
   * cursor is left out. */
  last = greader_test_server_get_last_request (fixture->server, CONTENTS_PATH);
  ot = g_strdup_printf ("ot=%" G_GINT64_FORMAT, g_ascii_strtoll (since, NULL, 10) / G_USEC_PER_SEC);
  g_assert_nonnull (strstr (last, ot));

  greader_test_server_advance_clock (fixture->server, 10);
  third = sync_items (fixture->backend, since2, &since3, NULL);
  g_assert_cmpuint (third->len, ==, 0);
  g_assert_cmpstr (since3, ==, since2);
}

/* Articles stored while the pages are read come in the next sync, and
 * nothing of the first is lost. */
static void
test_fetch_added_while_paging (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_item_free);
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) first_ids = NULL;
  g_autoptr(GPtrArray) server_ids = NULL;
  BriefingSyncPage page = { NULL, };
  g_autofree char *since = NULL;
  guint pages = 0;

  greader_test_server_add_items (fixture->server, fixture->news, 1200);
  first_ids = greader_test_server_get_item_ids (fixture->server);
  login (fixture);

  do
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page.items));

      if (++pages == 1)
        {
          greader_test_server_advance_clock (fixture->server, 5);
          greader_test_server_add_items (fixture->server, fixture->blog, 30);
        }
    }
  while (!page.done);
  since = g_steal_pointer (&page.next_since);
  briefing_sync_page_clear (&page);

  ids = ids_of (all);
  for (guint i = 0; i < first_ids->len; i++)
    g_assert_true (g_hash_table_contains (ids, g_ptr_array_index (first_ids, i)));

  next = sync_items (fixture->backend, since, NULL, NULL);
  g_hash_table_unref (g_steal_pointer (&ids));
  ids = ids_of (next);
  server_ids = greader_test_server_get_item_ids (fixture->server);
  for (guint i = 1200; i < server_ids->len; i++)
    g_assert_true (g_hash_table_contains (ids, g_ptr_array_index (server_ids, i)));
  g_assert_cmpuint (next->len, ==, 30);
}

/* States ---------------------------------------------------------------------- */

static void
test_fetch_ids (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) server_ids = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GHashTable) starred = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GHashTableIter iter;
  gpointer key;

  /* More than a page of ids (10000). */
  greader_test_server_add_items (fixture->server, fixture->news, 10500);
  server_ids = greader_test_server_get_item_ids (fixture->server);
  for (guint i = 0; i < server_ids->len; i += 50)
    greader_test_server_set_state (fixture->server, g_ptr_array_index (server_ids, i), TRUE, i % 100 == 0);
  login (fixture);

  unread = fetch_ids (fixture->backend, BRIEFING_SYNC_FIELD_READ);
  starred = fetch_ids (fixture->backend, BRIEFING_SYNC_FIELD_STARRED);
  g_assert_cmpuint (g_hash_table_size (unread), ==, greader_test_server_count_items (fixture->server, TRUE, FALSE));
  g_assert_cmpuint (g_hash_table_size (starred), ==, greader_test_server_count_items (fixture->server, FALSE, TRUE));
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, IDS_PATH), ==, 3);

  g_hash_table_iter_init (&iter, unread);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean read, star;

      g_assert_true (greader_test_server_get_state (fixture->server, key, &read, &star));
      g_assert_false (read);
    }
  g_hash_table_iter_init (&iter, starred);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean read, star;

      g_assert_true (greader_test_server_get_state (fixture->server, key, &read, &star));
      g_assert_true (star);
    }

  /* items/ids says 1718000000123456 and stream/contents
   * tag:google.com,2005:reader/item/00061a830bbb4240: the same id. */
  items = sync_items (fixture->backend, NULL, NULL, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const BriefingRemoteItem *item = g_ptr_array_index (items, i);

      g_assert_true (g_hash_table_contains (unread, item->id) == !item->read);
      g_assert_true (g_hash_table_contains (starred, item->id) == item->starred);
    }
}

static void
test_send_state (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) server_ids = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  greader_test_server_add_items (fixture->server, fixture->news, 700);
  server_ids = greader_test_server_get_item_ids (fixture->server);
  for (guint i = 0; i < 600; i++)
    g_ptr_array_add (chosen, g_ptr_array_index (server_ids, i));
  g_ptr_array_add (chosen, NULL);
  login (fixture);

  g_assert_true (briefing_sync_backend_send_state (fixture->backend, (const char * const *) chosen->pdata,
                                                   BRIEFING_SYNC_FIELD_READ, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/edit-tag"), ==, 3);
  g_assert_cmpuint (greader_test_server_count_items (fixture->server, TRUE, FALSE), ==, 100);

  g_assert_true (briefing_sync_backend_send_state (fixture->backend, (const char * const *) chosen->pdata,
                                                   BRIEFING_SYNC_FIELD_STARRED, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (greader_test_server_count_items (fixture->server, FALSE, TRUE), ==, 600);

  /* And back. */
  g_assert_true (briefing_sync_backend_send_state (fixture->backend, (const char * const *) chosen->pdata,
                                                   BRIEFING_SYNC_FIELD_READ, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (greader_test_server_count_items (fixture->server, TRUE, FALSE), ==, 700);
  last = greader_test_server_get_last_request (fixture->server, "reader/api/0/edit-tag");
  g_assert_nonnull (strstr (last, "r=user%2F-%2Fstate%2Fcom.google%2Fread"));

  /* Nothing to send: no request. */
  {
    const char *none[] = { NULL };

    g_assert_true (briefing_sync_backend_send_state (fixture->backend, none, BRIEFING_SYNC_FIELD_READ, TRUE,
                                                     NULL, &error));
    g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/edit-tag"), ==, 9);
  }
}

/* An edit token that expired is taken again, once. */
static void
test_send_state_token_expired (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) server_ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  gboolean read;

  greader_test_server_add_items (fixture->server, fixture->news, 3);
  server_ids = greader_test_server_get_item_ids (fixture->server);
  id = g_ptr_array_index (server_ids, 0);
  login (fixture);
  greader_test_server_expire_tokens (fixture->server);

  {
    const char *ids[] = { id, NULL };

    g_assert_true (briefing_sync_backend_send_state (fixture->backend, ids, BRIEFING_SYNC_FIELD_READ, TRUE,
                                                     NULL, &error));
  }
  g_assert_no_error (error);
  g_assert_true (greader_test_server_get_state (fixture->server, id, &read, NULL));
  g_assert_true (read);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/token"), ==, 2);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/edit-tag"), ==, 2);

  /* A server that keeps refusing: one retry, then the error. */
  greader_test_server_set_answer (fixture->server, API "reader/api/0/edit-tag", 401, "text/plain", "Unauthorized!", -1);
  {
    const char *ids[] = { id, NULL };

    g_assert_false (briefing_sync_backend_send_state (fixture->backend, ids, BRIEFING_SYNC_FIELD_READ, FALSE,
                                                      NULL, &error));
  }
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "reader/api/0/edit-tag"), ==, 4);
}

/* Hostile servers ------------------------------------------------------------- */

static void
assert_list_feeds_fails (Fixture    *fixture,
                         const char *body,
                         gssize      len,
                         int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;

  greader_test_server_set_answer (fixture->server, API "reader/api/0/subscription/list", 200,
                                  "application/json", body, len);
  feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);
  g_assert_null (feeds);
  g_assert_error (error, BRIEFING_SYNC_ERROR, code);
  g_test_message ("%s", error->message);
}

static void
assert_fetch_fails (Fixture    *fixture,
                    const char *body,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  BriefingSyncPage page = { NULL, };

  greader_test_server_set_answer (fixture->server, API CONTENTS_PATH, 200, "application/json", body, -1);
  g_assert_false (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, code);
  g_test_message ("%s", error->message);
  briefing_sync_page_clear (&page);
}

static void
assert_fetch_ids_fails (Fixture    *fixture,
                        const char *body,
                        int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_state = NULL;
  gboolean unchanged;
  GHashTable *ids;

  greader_test_server_set_answer (fixture->server, API IDS_PATH, 200, "application/json", body, -1);
  ids = briefing_sync_backend_fetch_ids (fixture->backend, BRIEFING_SYNC_FIELD_READ, NULL, &next_state,
                                         &unchanged, NULL, &error);
  g_assert_null (ids);
  g_assert_error (error, BRIEFING_SYNC_ERROR, code);
  g_test_message ("%s", error->message);
}

static void
test_hostile_malformed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *deep = NULL;

  login (fixture);

  assert_list_feeds_fails (fixture, "{\"subscriptions\":[{\"id\":", -1, BRIEFING_SYNC_ERROR_FAILED);
  assert_list_feeds_fails (fixture, "", -1, BRIEFING_SYNC_ERROR_FAILED);
  assert_list_feeds_fails (fixture, "<html>Login</html>", -1, BRIEFING_SYNC_ERROR_FAILED);
  assert_list_feeds_fails (fixture, "{\"subscriptions\":[]}\0garbage", 28, BRIEFING_SYNC_ERROR_FAILED);

  /* Nested past any answer's needs: refused before json-glib descends. */
  deep = g_strnfill (200000, '[');
  assert_list_feeds_fails (fixture, deep, -1, BRIEFING_SYNC_ERROR_FAILED);

  assert_fetch_fails (fixture, "{\"items\":[{\"id\":\"tag:google.com,2005:reader/item/1\",", BRIEFING_SYNC_ERROR_FAILED);
  assert_fetch_fails (fixture, "[1,2", BRIEFING_SYNC_ERROR_FAILED);
  assert_fetch_ids_fails (fixture, "{\"itemRefs\":[{\"id\":\"1\"}", BRIEFING_SYNC_ERROR_FAILED);
}

static void
test_hostile_types (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) ids = NULL;
  const BriefingRemoteFeed *feed;
  const BriefingRemoteItem *item;
  g_autofree char *long_id = g_strnfill (600, 'x');
  g_autofree char *with_long_id = NULL;

  login (fixture);

  assert_list_feeds_fails (fixture, "{\"subscriptions\":{\"id\":\"feed/1\"}}", -1, BRIEFING_SYNC_ERROR_FAILED);
  assert_list_feeds_fails (fixture, "\"subscriptions\"", -1, BRIEFING_SYNC_ERROR_FAILED);
  assert_list_feeds_fails (fixture, "[{\"subscriptions\":[]}]", -1, BRIEFING_SYNC_ERROR_FAILED);

  /* What is of the wrong type is left out, the rest is kept. */
  with_long_id = g_strdup_printf ("{\"subscriptions\":[1,\"x\",null,{\"id\":5},{\"id\":\"%s\"},{\"id\":\"feed/9\",\"title\":7,"
                                  "\"categories\":\"x\",\"url\":[\"u\"],\"htmlUrl\":{}},{\"id\":\"feed/http://old.example/rss\","
                                  "\"categories\":[5,{\"id\":7},{\"id\":\"user/-/label/Mixed\",\"label\":[]}]}]}",
                                  long_id);
  greader_test_server_set_answer (fixture->server, API "reader/api/0/subscription/list", 200, "application/json",
                                  with_long_id, -1);
  feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  feed = g_ptr_array_index (feeds, 0);
  g_assert_cmpstr (feed->id, ==, "feed/9");
  g_assert_null (feed->title);
  g_assert_null (feed->url);
  g_assert_null (feed->site_url);
  g_assert_null (feed->group);
  feed = g_ptr_array_index (feeds, 1);
  g_assert_cmpstr (feed->url, ==, "http://old.example/rss");
  g_assert_cmpstr (feed->group, ==, "Mixed");

  assert_fetch_fails (fixture, "{\"items\":\"none\"}", BRIEFING_SYNC_ERROR_FAILED);
  assert_fetch_fails (fixture, "{\"items\":[],\"continuation\":{}}", BRIEFING_SYNC_ERROR_FAILED);
  assert_fetch_fails (fixture, "42", BRIEFING_SYNC_ERROR_FAILED);

  greader_test_server_set_answer (fixture->server, API CONTENTS_PATH, 200, "application/json",
                                  "{\"items\":[1,null,{\"id\":5},{\"id\":\"tag:google.com,2005:reader/item/1\",\"origin\":\"x\"},"
                                  "{\"id\":\"tag:google.com,2005:reader/item/2F2\",\"origin\":{\"streamId\":\"feed/1\"},"
                                  "\"title\":[],\"published\":\"12\",\"updated\":1e300,\"crawlTimeMsec\":{},"
                                  "\"categories\":[1,{},\"user/1/state/com.google/read\",\"user/-/label/\\u0000\"],"
                                  "\"enclosure\":{\"href\":\"x\"},\"canonical\":\"x\","
                                  "\"alternate\":[{\"href\":5},{\"href\":\"https://ok.example/\"}],\"summary\":\"text\","
                                  "\"content\":{\"content\":\"\\ud800 lone\"}}]}", -1);
  items = sync_items (fixture->backend, NULL, NULL, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->id, ==, ITEM_ID_PREFIX "00000000000002f2");
  g_assert_cmpstr (item->feed_id, ==, "feed/1");
  g_assert_null (item->title);
  g_assert_cmpint (item->published, ==, 12);
  g_assert_cmpint (item->updated, >, 0);
  g_assert_true (item->read);
  g_assert_cmpstr (item->link, ==, "https://ok.example/");
  g_assert_null (item->summary);
  g_assert_true (g_utf8_validate (item->content, -1, NULL));
  g_assert_cmpuint (item->enclosures->len, ==, 0);

  greader_test_server_set_answer (fixture->server, API IDS_PATH, 200, "application/json",
                                  "{\"itemRefs\":[{\"id\":{}},5,{\"id\":\"abc\"},{\"id\":12},{\"id\":\"000012\"},"
                                  "{\"id\":\"99999999999999999999999\"},{\"id\":\"\\u0001\"}]}", -1);
  ids = fetch_ids (fixture->backend, BRIEFING_SYNC_FIELD_STARRED);
  g_assert_true (g_hash_table_contains (ids, ITEM_ID_PREFIX "000000000000000c"));
  g_assert_true (g_hash_table_contains (ids, "abc"));
  g_assert_cmpuint (g_hash_table_size (ids), ==, 3);

  assert_fetch_ids_fails (fixture, "{\"itemRefs\":{}}", BRIEFING_SYNC_ERROR_FAILED);
}

static void
test_hostile_huge (Fixture       *fixture,
                   gconstpointer  data)
{
  gsize len = BRIEFING_SYNC_MAX_RESPONSE + 1024;
  g_autofree char *huge = g_malloc (len);

  memset (huge, ' ', len);
  memcpy (huge, "{\"subscriptions\":[", 18);
  login (fixture);
  assert_list_feeds_fails (fixture, huge, len, BRIEFING_SYNC_ERROR_TOO_LARGE);
}

static char *
page_of (guint       n,
         const char *continuation)
{
  GString *page = g_string_new ("{\"items\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (page, "%s{\"id\":\"" ITEM_ID_PREFIX "%016x\",\"origin\":{\"streamId\":\"feed/1\"}}",
                            i > 0 ? "," : "", i + 1);
  g_string_append (page, "]");
  if (continuation != NULL)
    g_string_append_printf (page, ",\"continuation\":\"%s\"", continuation);
  g_string_append (page, "}");

  return g_string_free (page, FALSE);
}

static void
test_hostile_endless (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *same = page_of (2, "12345");
  g_autofree char *too_many = page_of (1001, NULL);
  g_autofree char *long_token = g_strnfill (1000, '7');
  g_autofree char *long_continuation = page_of (1, long_token);
  BriefingSyncPage page = { NULL, };
  g_autoptr(GError) error = NULL;

  login (fixture);

  /* The same continuation again and again. */
  greader_test_server_set_answer (fixture->server, API CONTENTS_PATH, 200, "application/json", same, -1);
  g_assert_true (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (page.done);
  g_assert_false (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED);
  g_clear_error (&error);
  briefing_sync_page_clear (&page);

  assert_fetch_fails (fixture, too_many, BRIEFING_SYNC_ERROR_FAILED);
  assert_fetch_fails (fixture, long_continuation, BRIEFING_SYNC_ERROR_FAILED);

  greader_test_server_reset_counts (fixture->server);
  assert_fetch_ids_fails (fixture, "{\"itemRefs\":[{\"id\":\"1\"}],\"continuation\":\"9\"}", BRIEFING_SYNC_ERROR_FAILED);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, IDS_PATH), ==, 2);
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  BriefingSyncPage page = { NULL, };

  greader_test_server_add_items (fixture->server, fixture->news, 1200);
  login (fixture);

  greader_test_server_set_fault (fixture->server, GREADER_FAULT_DOWN, 0);
  feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);
  g_assert_null (feeds);
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* Gone in the middle of a sync. */
  greader_test_server_set_fault (fixture->server, GREADER_FAULT_DROP_AFTER_N, 1);
  g_assert_true (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  briefing_sync_page_clear (&page);

  greader_test_server_set_fault (fixture->server, GREADER_FAULT_500, 0);
  g_assert_false (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED);
  briefing_sync_page_clear (&page);
}

/* FreshRSS's shapes ----------------------------------------------------------- */

/* Every member's path in a JSON document ("items[].origin.streamId"). */
static void
collect_paths (JsonNode   *node,
               const char *prefix,
               GHashTable *paths)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *path = g_strconcat (prefix, ".", name, NULL);

          g_hash_table_add (paths, g_strdup (path));
          collect_paths (member, path, paths);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = g_strconcat (prefix, "[]", NULL);
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_paths (json_array_get_element (array, i), path, paths);
    }
}

static GHashTable *
paths_of (const char *json,
          gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_parser_load_from_data (parser, json, len, &error);
  g_assert_no_error (error);
  collect_paths (json_parser_get_root (parser), "", paths);

  return paths;
}

static void
assert_same_paths (const char *fixture_name,
                   GBytes     *answer)
{
  g_autofree char *expected = fixture_text (fixture_name);
  g_autoptr(GHashTable) want = paths_of (expected, strlen (expected));
  g_autoptr(GHashTable) got = paths_of (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (!g_hash_table_contains (got, path))
      g_error ("%s: the server leaves out %s", fixture_name, (char *) path);

  g_hash_table_iter_init (&iter, got);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (!g_hash_table_contains (want, path))
      g_error ("%s: the server adds %s", fixture_name, (char *) path);
}

static BriefingSyncResponse *
raw_request (Fixture    *fixture,
             const char *method,
             const char *path,
             const char *auth,
             const char *form)
{
  g_autofree char *url = g_strconcat (greader_test_server_get_url (fixture->server), "/", path, NULL);
  g_autofree char *authorization = g_strconcat ("GoogleLogin auth=", auth, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };
  g_autoptr(GError) error = NULL;
  BriefingSyncResponse *response;

  response = briefing_sync_http_request (fixture->http, method, url, auth != NULL ? headers : NULL,
                                         form != NULL ? "application/x-www-form-urlencoded" : NULL,
                                         form, form != NULL ? strlen (form) : 0, NULL, &error);
  g_assert_no_error (error);

  return response;
}

static char *
body_of (BriefingSyncResponse *response)
{
  return g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));
}

/* The test server answers in FreshRSS's shapes, member for member. */
static void
test_shapes (Fixture       *fixture,
             gconstpointer  data)
{
  GreaderTestItem spec = {
    .feed_id = fixture->news,
    .author = "Alkarex",
    .read = TRUE,
    .starred = TRUE,
    .enclosure_url = "https://example.net/screenshot.png",
    .enclosure_type = "image/png",
    .enclosure_length = 48213,
  };
  GreaderTestItem plain = { .feed_id = fixture->blog, };
  g_autoptr(BriefingSyncResponse) login_answer = NULL;
  g_autofree char *login_text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *auth;
  g_autofree char *expected_login = fixture_text ("client-login.txt");
  g_auto(GStrv) expected_lines = g_strsplit (expected_login, "\n", -1);

  g_free (greader_test_server_add_item (fixture->server, &spec));
  g_free (greader_test_server_add_item (fixture->server, &plain));

  login_answer = raw_request (fixture, "POST", "accounts/ClientLogin", NULL, "Email=alice&Passwd=secret");
  g_assert_cmpuint (login_answer->status, ==, 200);
  login_text = body_of (login_answer);
  lines = g_strsplit (login_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (expected_lines));
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpstr (strchr (lines[i], '=') != NULL ? "=" : "", ==, strchr (expected_lines[i], '=') != NULL ? "=" : "");
  g_assert_cmpstr (lines[1], ==, "LSID=null");
  g_assert_true (g_str_has_prefix (lines[2], "Auth=alice/"));
  auth = lines[2] + 5;

  {
    g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, "GET", "reader/api/0/token", auth, NULL);
    g_autofree char *text = body_of (answer);
    g_autofree char *expected = fixture_text ("token.txt");

    g_assert_cmpuint (strlen (text), ==, strlen (expected));
    g_assert_true (g_str_has_suffix (text, "ZZZ\n"));
  }
  {
    g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, "GET", "reader/api/0/subscription/list?output=json",
                                                          auth, NULL);

    assert_same_paths ("subscription-list.json", answer->body);
  }
  {
    g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, "GET", CONTENTS_PATH "?output=json&n=2", auth, NULL);

    assert_same_paths ("stream-contents.json", answer->body);
  }
  {
    g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, "GET",
                                                          IDS_PATH "?s=user/-/state/com.google/reading-list&n=2",
                                                          auth, NULL);

    assert_same_paths ("stream-items-ids.json", answer->body);
  }
  {
    g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, "POST", "reader/api/0/subscription/quickadd", auth,
                                                          "quickadd=https://example.net/feed.xml");

    assert_same_paths ("quickadd.json", answer->body);
  }

  /* And its answers to what it refuses. */
  {
    const struct { const char *method, *path, *auth, *form, *fixture; guint status; } refusals[] = {
      { "POST", "accounts/ClientLogin", NULL, "Email=alice&Passwd=wrong", "unauthorized.txt", 401 },
      { "POST", "accounts/ClientLogin", NULL, "Email=a%20b&Passwd=x", "bad-request.txt", 400 },
      { "POST", "reader/api/0/edit-tag", auth, "T=stale&i=1&a=user/-/state/com.google/read", "unauthorized.txt", 401 },
      { "POST", "reader/api/0/edit-tag", auth, "T=x&i=1&a=user/-/state/com.google/read", "ok.txt", 200 },
      { "GET", "reader/api/0/unknown", auth, NULL, "bad-request.txt", 400 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      {
        g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, refusals[i].method, refusals[i].path,
                                                              refusals[i].auth, refusals[i].form);
        g_autofree char *text = body_of (answer);
        g_autofree char *expected = fixture_text (refusals[i].fixture);

        g_assert_cmpuint (answer->status, ==, refusals[i].status);
        g_assert_cmpstr (text, ==, expected);
      }

    greader_test_server_set_api_enabled (fixture->server, FALSE);
    {
      g_autoptr(BriefingSyncResponse) answer = raw_request (fixture, "POST", "accounts/ClientLogin", NULL,
                                                            "Email=alice&Passwd=secret");
      g_autofree char *text = body_of (answer);
      g_autofree char *expected = fixture_text ("service-unavailable.txt");

      g_assert_cmpuint (answer->status, ==, 503);
      g_assert_cmpstr (text, ==, expected);
    }
  }
}

/* The backend reads FreshRSS's answers as they are. */
static void
test_fixtures (Fixture       *fixture,
               gconstpointer  data)
{
  const struct { const char *path, *fixture, *type; } answers[] = {
    { API "accounts/ClientLogin", "client-login.txt", "text/plain; charset=UTF-8" },
    { API "reader/api/0/token", "token.txt", "text/html; charset=UTF-8" },
    { API "reader/api/0/subscription/list", "subscription-list.json", "application/json; charset=UTF-8" },
    { API CONTENTS_PATH, "stream-contents.json", "application/json; charset=UTF-8" },
  };
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  BriefingSyncPage page = { NULL, };
  const BriefingRemoteItem *item;
  const BriefingRemoteFeed *feed;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *text = fixture_text (answers[i].fixture);

      greader_test_server_set_answer (fixture->server, answers[i].path, 200, answers[i].type, text, -1);
    }

  login (fixture);

  feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  feed = g_ptr_array_index (feeds, 0);
  g_assert_cmpstr (feed->id, ==, "feed/1");
  g_assert_cmpstr (feed->title, ==, "FreshRSS releases");
  g_assert_cmpstr (feed->url, ==, "https://github.com/FreshRSS/FreshRSS/releases.atom");
  g_assert_cmpstr (feed->site_url, ==, "https://github.com/FreshRSS/FreshRSS/");
  g_assert_cmpstr (feed->group, ==, "Uncategorized");

  g_assert_true (briefing_sync_backend_fetch_items (fixture->backend, &page, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (page.done);
  g_assert_nonnull (page.token);
  g_assert_cmpuint (page.items->len, ==, 2);
  item = g_ptr_array_index (page.items, 0);
  g_assert_cmpstr (item->id, ==, ITEM_ID_PREFIX "00061a830bbb4240");
  g_assert_cmpstr (item->feed_id, ==, "feed/1");
  g_assert_cmpstr (item->title, ==, "FreshRSS 1.24.1 ＜beta＞");
  g_assert_cmpstr (item->link, ==, "https://github.com/FreshRSS/FreshRSS/releases/tag/1.24.1");
  g_assert_cmpstr (item->author, ==, "Alkarex");
  g_assert_nonnull (strstr (item->summary, "<img src=\"https://example.net/screenshot.png\""));
  g_assert_cmpint (item->published, ==, 1717990000);
  g_assert_true (item->read);
  g_assert_true (item->starred);
  g_assert_cmpuint (item->enclosures->len, ==, 1);
  g_assert_cmpstr (((BriefingEnclosure *) g_ptr_array_index (item->enclosures, 0))->type, ==, "image/png");
  item = g_ptr_array_index (page.items, 1);
  g_assert_false (item->read);
  g_assert_cmpstr (g_ptr_array_index (item->categories, 0), ==, "News");
  briefing_sync_page_clear (&page);
}

/* Miniflux -------------------------------------------------------------------- */

static void
test_miniflux (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GPtrArray) server_ids = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GHashTable) starred = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *since2 = NULL;
  guint pages;
  guint total = 0;

  greader_test_server_add_items (fixture->server, fixture->news, 600);
  server_ids = greader_test_server_get_item_ids (fixture->server);
  greader_test_server_set_state (fixture->server, g_ptr_array_index (server_ids, 3), TRUE, TRUE);

  login (fixture);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, "accounts/ClientLogin"), ==, 1);
  assert_login_fails (fixture, greader_test_server_get_url (fixture->server), "wrong", BRIEFING_SYNC_ERROR_AUTH);

  feeds = briefing_sync_backend_list_feeds (fixture->backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_feed (feeds, fixture->news)->group, ==, "News");

  /* No stream/contents: the ids, then their articles, 250 at a time. */
  items = sync_items_total (fixture->backend, NULL, &since, &pages, &total);
  ids = ids_of (items);
  g_assert_cmpuint (total, ==, 600);
  g_assert_cmpuint (items->len, ==, 600);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 600);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpstr (since, ==, "id:600");
  g_assert_true (find_item (items, g_ptr_array_index (server_ids, 3))->starred);
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, CONTENTS_PATH), ==, 1);

  greader_test_server_add_items (fixture->server, fixture->blog, 7);
  more = sync_items (fixture->backend, since, &since2, NULL);
  g_assert_cmpuint (more->len, ==, 7);
  g_assert_cmpstr (since2, ==, "id:607");
  g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, CONTENTS_PATH), ==, 1);

  unread = fetch_ids (fixture->backend, BRIEFING_SYNC_FIELD_READ);
  starred = fetch_ids (fixture->backend, BRIEFING_SYNC_FIELD_STARRED);
  g_assert_cmpuint (g_hash_table_size (unread), ==, 606);
  g_assert_cmpuint (g_hash_table_size (starred), ==, 1);
  g_assert_true (g_hash_table_contains (starred, g_ptr_array_index (server_ids, 3)));

  /* Miniflux signs POSTs by their T alone. */
  {
    const char *chosen[] = { g_ptr_array_index (server_ids, 0), g_ptr_array_index (server_ids, 1), NULL };
    gboolean read;

    g_assert_true (briefing_sync_backend_send_state (fixture->backend, chosen, BRIEFING_SYNC_FIELD_READ, TRUE,
                                                     NULL, &error));
    g_assert_no_error (error);
    g_assert_true (greader_test_server_get_state (fixture->server, chosen[1], &read, NULL));
    g_assert_true (read);
  }

  /* A new backend, given the cursor, goes to the ids at once. */
  {
    g_autoptr(BriefingSyncBackend) backend = briefing_greader_new (fixture->http, greader_test_server_get_url (fixture->server),
                                                                   "alice");
    g_autoptr(GPtrArray) none = NULL;

    g_assert_true (briefing_sync_backend_login (backend, "secret", NULL, &error));
    none = sync_items (backend, since2, NULL, NULL);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (greader_test_server_get_request_count (fixture->server, CONTENTS_PATH), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sync/greader/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("login", test_login);
  ADD ("login/addresses", test_login_addresses);
  ADD ("login/wrong-password", test_login_wrong_password);
  ADD ("login/api-disabled", test_login_api_disabled);
  ADD ("login/not-server", test_login_not_server);
  ADD ("login/unreachable", test_login_unreachable);
  ADD ("feeds", test_list_feeds);
  ADD ("feeds/subscribe", test_subscribe);
  ADD ("items/fields", test_fetch_fields);
  ADD ("items/pages", test_fetch_pages);
  ADD ("items/exact-pages", test_fetch_exact_pages);
  ADD ("items/empty", test_fetch_empty);
  ADD ("items/since", test_fetch_since);
  ADD ("items/added-while-paging", test_fetch_added_while_paging);
  ADD ("ids", test_fetch_ids);
  ADD ("state", test_send_state);
  ADD ("state/token-expired", test_send_state_token_expired);
  ADD ("hostile/malformed", test_hostile_malformed);
  ADD ("hostile/types", test_hostile_types);
  ADD ("hostile/huge", test_hostile_huge);
  ADD ("hostile/endless", test_hostile_endless);
  ADD ("down", test_server_down);
  ADD ("shapes", test_shapes);
  ADD ("fixtures", test_fixtures);
#undef ADD
  g_test_add ("/sync/greader/miniflux", Fixture, NULL, fixture_set_up_miniflux, test_miniflux, fixture_tear_down);

  return g_test_run ();
}
