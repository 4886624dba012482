/* test-discovery.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-discovery.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-test-server.h"

static const char page_with_feeds[] =
  "<!DOCTYPE html><html><head><title>Example</title>"
  "<base href=\"https://example.com/news/\">"
  "<link rel=\"stylesheet\" href=\"style.css\">"
  "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"All news\" href=\"rss.xml\">"
  "<link rel=\"Alternate\" type=\"application/atom+xml\" href=\"/atom.xml\">"
  "<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON\" href=\"https://example.com/feed.json\">"
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"rss.xml\">"
  "<link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/\">"
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">"
  "</head><body><p>Hello</p></body></html>";

static void
test_discover (void)
{
  g_autoptr(GPtrArray) links = briefing_discover_feeds (page_with_feeds, strlen (page_with_feeds),
                                                        "https://example.com/");
  BriefingFeedLink *link;

  g_assert_cmpuint (links->len, ==, 3);
  link = g_ptr_array_index (links, 0);
  g_assert_cmpstr (link->url, ==, "https://example.com/news/rss.xml");
  g_assert_cmpstr (link->title, ==, "All news");
  g_assert_cmpstr (link->type, ==, "application/rss+xml");
  link = g_ptr_array_index (links, 1);
  g_assert_cmpstr (link->url, ==, "https://example.com/atom.xml");
  link = g_ptr_array_index (links, 2);
  g_assert_cmpstr (link->type, ==, "application/feed+json");
}

static void
test_nothing (void)
{
  static const char * const pages[] = {
    "",
    "<html><body>no feeds</body></html>",
    "\xff\xfe\x00garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) links = briefing_discover_feeds (pages[i], strlen (pages[i]), NULL);

      g_assert_cmpuint (links->len, ==, 0);
    }
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* Subscribing by a web page's address: one feed advertised means that
 * feed; several mean the reader chooses; a feed's own address works too;
 * a second subscription is refused. */
static void
test_subscribe (void)
{
  static const char feed[] = "<rss version=\"2.0\"><channel><title>Site feed</title>"
                             "<item><title>One</title><guid>1</guid></item></channel></rss>";
  g_autoptr(TestServer) server = test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "subscribe.db", NULL);
  g_autoptr(BriefingStore) store = briefing_store_open (path, &error);
  g_autoptr(BriefingSession) session = briefing_session_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GAsyncResult) result3 = NULL;
  g_autoptr(GAsyncResult) result4 = NULL;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(BriefingSource) duplicate = NULL;
  g_autoptr(BriefingSource) ambiguous = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *page_url = test_server_url (server, "/");
  g_autofree char *feed_url = test_server_url (server, "/feed.xml");

  g_assert_no_error (error);
  test_server_set (server, "/", &(TestResponse) {
    .content_type = "text/html",
    .body = "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head></html>" });
  test_server_set (server, "/many", &(TestResponse) { .content_type = "text/html", .body = page_with_feeds });
  test_server_set (server, "/feed.xml", &(TestResponse) { .body = feed });

  briefing_session_subscribe_async (session, page_url, "Group", NULL, done_cb, &result);
  source = briefing_session_subscribe_finish (session, wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (briefing_source_get_url (source), ==, feed_url);
  g_assert_cmpstr (briefing_source_get_title (source), ==, "Site feed");
  g_assert_cmpstr (briefing_source_get_group (source), ==, "Group");
  g_assert_cmpuint (briefing_source_get_entry_count (source), ==, 1);

  briefing_session_subscribe_async (session, feed_url, NULL, NULL, done_cb, &result2);
  duplicate = briefing_session_subscribe_finish (session, wait (&result2), &error);
  g_assert_null (duplicate);
  g_assert_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  {
    g_autofree char *many = test_server_url (server, "/many");

    briefing_session_subscribe_async (session, many, NULL, NULL, done_cb, &result3);
    ambiguous = briefing_session_subscribe_finish (session, wait (&result3), &error);
    g_assert_null (ambiguous);
    g_assert_error (error, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_SEVERAL_FEEDS);
    g_clear_error (&error);

    briefing_session_discover_async (session, many, NULL, done_cb, &result4);
    links = briefing_session_discover_finish (session, wait (&result4), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (links->len, ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/discovery/links", test_discover);
  g_test_add_func ("/discovery/nothing", test_nothing);
  g_test_add_func ("/discovery/subscribe", test_subscribe);

  return g_test_run ();
}
