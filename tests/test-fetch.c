/* test-fetch.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-fetcher.h"
#include "briefing-refresh.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-test-server.h"

/* Refreshing against an in-process server on 127.0.0.1: conditional
 * requests, every status code the fetcher treats specially, and servers
 * that are slow, stalled, too generous, circular or cut off. */

typedef struct
{
  TestServer      *server;
  BriefingStore   *store;
  BriefingSession *session;
} Fixture;

static char *
make_feed (const char *title,
           guint       n_items)
{
  GString *feed = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");

  g_string_append_printf (feed, "<title>%s</title><link>http://127.0.0.1/</link>", title);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (feed, "<item><title>%s item %u</title><guid>%s-%u</guid>"
                                  "<pubDate>Mon, 0%u Jun 2026 10:00:00 GMT</pubDate>"
                                  "<description>Item %u of %s.</description></item>",
                            title, i, title, i, 1 + i % 9, i, title);
  g_string_append (feed, "</channel></rss>");

  return g_string_free (feed, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "test.db", NULL);

  fixture->server = test_server_new ();
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);
  fixture->session = briefing_session_new (fixture->store);
  briefing_session_set_retention (fixture->session, 0, 0);
  briefing_fetcher_set_timeouts (briefing_session_get_fetcher (fixture->session), 2, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (briefing_store_get_path (fixture->store));

  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->server, test_server_free);
}

static gint64
add_source (Fixture    *fixture,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = test_server_url (fixture->server, path);
  gint64 id = briefing_store_add_source (fixture->store, url, NULL, NULL, &error);

  g_assert_no_error (error);

  return id;
}

static void
serve (Fixture            *fixture,
       const char         *path,
       const TestResponse *response)
{
  test_server_set (fixture->server, path, response);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GPtrArray *
refresh (Fixture  *fixture,
         gint64    source_id,
         gboolean  only_due)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  briefing_session_refresh_async (fixture->session, source_id, only_due, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = briefing_session_refresh_finish (fixture->session, result, &error);
  g_assert_no_error (error);

  return results;
}

static BriefingRefreshResult *
result_for (GPtrArray *results,
            gint64     source_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      BriefingRefreshResult *result = g_ptr_array_index (results, i);

      if (result->source_id == source_id)
        return result;
    }

  g_assert_not_reached ();
}

/* Refreshes one source and checks how it went. */
static BriefingRefreshResult *
refresh_one (Fixture    *fixture,
             gint64      source_id,
             const char *expected_status)
{
  static GPtrArray *last;

  g_clear_pointer (&last, g_ptr_array_unref);
  last = refresh (fixture, source_id, FALSE);
  g_assert_cmpuint (last->len, ==, 1);
  if (g_strcmp0 (result_for (last, source_id)->status, expected_status) != 0)
    g_test_message ("source %" G_GINT64_FORMAT ": %s", source_id, result_for (last, source_id)->error);
  g_assert_cmpstr (result_for (last, source_id)->status, ==, expected_status);

  return result_for (last, source_id);
}

static BriefingSource *
get_source (Fixture *fixture,
            gint64   source_id)
{
  g_autoptr(GError) error = NULL;
  BriefingSource *source = briefing_store_get_source (fixture->store, source_id, &error);

  g_assert_no_error (error);

  return source;
}

static void
test_conditional (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *v1 = make_feed ("One", 3);
  g_autofree char *v2 = make_feed ("One", 5);
  gint64 id = add_source (fixture, "/feed.xml");
  BriefingRefreshResult *result;

  serve (fixture, "/feed.xml", &(TestResponse) { .body = v1, .etag = "\"v1\"" });
  result = refresh_one (fixture, id, "new");
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_true (g_str_has_prefix (test_server_last_header (fixture->server, "/feed.xml", "User-Agent"), "Briefing/"));
  g_assert_null (test_server_last_header (fixture->server, "/feed.xml", "If-None-Match"));

  /* The second request is conditional, and the server says nothing changed. */
  refresh_one (fixture, id, "not-modified");
  g_assert_cmpstr (test_server_last_header (fixture->server, "/feed.xml", "If-None-Match"), ==, "\"v1\"");
  g_assert_cmpuint (test_server_hits (fixture->server, "/feed.xml"), ==, 2);

  /* A new ETag brings the new entries. */
  serve (fixture, "/feed.xml", &(TestResponse) { .body = v2, .etag = "\"v2\"" });
  result = refresh_one (fixture, id, "new");
  g_assert_cmpuint (result->added, ==, 2);

  /* Validators survive a restart: they are in the store. */
  {
    g_autoptr(BriefingSource) source = get_source (fixture, id);

    g_assert_cmpstr (briefing_source_get_etag (source), ==, "\"v2\"");
    g_assert_nonnull (briefing_source_get_last_success (source) > 0 ? "yes" : NULL);
  }
}

static void
test_last_modified (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Two", 2);
  gint64 id = add_source (fixture, "/lm.xml");

  serve (fixture, "/lm.xml", &(TestResponse) { .body = feed, .last_modified = "Mon, 01 Jun 2026 10:00:00 GMT" });
  refresh_one (fixture, id, "new");
  refresh_one (fixture, id, "not-modified");
  g_assert_cmpstr (test_server_last_header (fixture->server, "/lm.xml", "If-Modified-Since"), ==,
                   "Mon, 01 Jun 2026 10:00:00 GMT");
}

static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Zipped", 4);
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) zipped = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GBytes) bytes = NULL;
  gint64 id = add_source (fixture, "/gz.xml");
  BriefingRefreshResult *result;

  g_output_stream_write_all (zipped, feed, strlen (feed), NULL, NULL, NULL);
  g_output_stream_close (zipped, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  serve (fixture, "/gz.xml", &(TestResponse) { .body = g_bytes_get_data (bytes, NULL),
                                                .body_len = g_bytes_get_size (bytes),
                                                .content_encoding = "gzip" });
  result = refresh_one (fixture, id, "new");
  g_assert_cmpuint (result->added, ==, 4);
  g_assert_nonnull (strstr (test_server_last_header (fixture->server, "/gz.xml", "Accept-Encoding"), "gzip"));
}

static void
test_redirects (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Moved", 1);
  g_autofree char *target = test_server_url (fixture->server, "/new.xml");
  g_autofree char *temporary_target = test_server_url (fixture->server, "/elsewhere.xml");
  gint64 permanent = add_source (fixture, "/old.xml");
  gint64 permanent308 = add_source (fixture, "/old308.xml");
  gint64 temporary = add_source (fixture, "/temp.xml");

  serve (fixture, "/new.xml", &(TestResponse) { .body = feed });
  serve (fixture, "/elsewhere.xml", &(TestResponse) { .body = feed });
  serve (fixture, "/old.xml", &(TestResponse) { .status = 301, .location = "/new.xml" });
  serve (fixture, "/old308.xml", &(TestResponse) { .status = 308, .location = target });
  serve (fixture, "/temp.xml", &(TestResponse) { .status = 302, .location = temporary_target });

  refresh_one (fixture, permanent, "new");
  refresh_one (fixture, permanent308, "new");
  refresh_one (fixture, temporary, "new");

  /* 301 and 308 move the subscription; 302 does not. The 308 source
   * would collide with the 301 one, which already moved there, so it
   * stays where it was. */
  {
    g_autoptr(BriefingSource) moved = get_source (fixture, permanent);
    g_autoptr(BriefingSource) collided = get_source (fixture, permanent308);
    g_autoptr(BriefingSource) stayed = get_source (fixture, temporary);
    g_autofree char *old308 = test_server_url (fixture->server, "/old308.xml");
    g_autofree char *temp = test_server_url (fixture->server, "/temp.xml");

    g_assert_cmpstr (briefing_source_get_url (moved), ==, target);
    g_assert_cmpstr (briefing_source_get_url (collided), ==, old308);
    g_assert_cmpstr (briefing_source_get_url (stayed), ==, temp);
  }
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_source (fixture, "/a.xml");
  BriefingRefreshResult *result;

  serve (fixture, "/a.xml", &(TestResponse) { .status = 302, .location = "/b.xml" });
  serve (fixture, "/b.xml", &(TestResponse) { .status = 302, .location = "/a.xml" });

  result = refresh_one (fixture, id, "error");
  g_assert_cmpstr (result->error, ==, "The server redirected too many times");
  g_assert_cmpuint (test_server_hits (fixture->server, "/a.xml"), ==, 1);
}

static void
test_gone (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 id = add_source (fixture, "/gone.xml");
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(BriefingSource) source = NULL;

  serve (fixture, "/gone.xml", &(TestResponse) { .status = 410 });
  refresh_one (fixture, id, "error");

  source = get_source (fixture, id);
  g_assert_nonnull (briefing_source_get_disabled_reason (source));
  g_assert_nonnull (strstr (briefing_source_get_last_error (source), "410"));

  /* A disabled source is not fetched again, even when asked. */
  again = refresh (fixture, id, FALSE);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (test_server_hits (fixture->server, "/gone.xml"), ==, 1);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 seconds = add_source (fixture, "/busy.xml");
  gint64 dated = add_source (fixture, "/down.xml");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (now + 3600);
  g_autofree char *http_date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  g_autoptr(BriefingSource) busy = NULL;
  g_autoptr(BriefingSource) down = NULL;
  g_autoptr(GPtrArray) again = NULL;

  serve (fixture, "/busy.xml", &(TestResponse) { .status = 429, .retry_after = "120" });
  serve (fixture, "/down.xml", &(TestResponse) { .status = 503, .retry_after = http_date });
  refresh_one (fixture, seconds, "error");
  refresh_one (fixture, dated, "error");

  busy = get_source (fixture, seconds);
  down = get_source (fixture, dated);
  g_assert_cmpint (briefing_source_get_retry_after (busy), >=, now + 119);
  g_assert_cmpint (briefing_source_get_retry_after (busy), <=, now + 125);
  g_assert_cmpint (briefing_source_get_retry_after (down), >=, now + 3599);
  g_assert_cmpint (briefing_source_get_retry_after (down), <=, now + 3605);

  /* Even a reader's refresh waits as the server asked. */
  again = refresh (fixture, 0, FALSE);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (test_server_hits (fixture->server, "/busy.xml"), ==, 1);
}

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 id = add_source (fixture, "/broken.xml");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(BriefingSource) after = NULL;
  g_autoptr(GPtrArray) scheduled = NULL;
  g_autofree char *feed = make_feed ("Fixed", 1);

  serve (fixture, "/broken.xml", &(TestResponse) { .status = 500 });
  refresh_one (fixture, id, "error");

  source = get_source (fixture, id);
  g_assert_cmpuint (briefing_source_get_failures (source), ==, 1);
  g_assert_cmpstr (briefing_source_get_last_error (source), ==, "The server answered 500 Internal Server Error");
  g_assert_cmpint (briefing_source_get_next_attempt (source), >=, now + 4 * 60);
  g_assert_cmpint (briefing_source_get_next_attempt (source), <=, now + 6 * 60 + 1);

  /* The schedule leaves it alone until the backoff has passed... */
  scheduled = refresh (fixture, 0, TRUE);
  g_assert_cmpuint (scheduled->len, ==, 0);

  /* ...but a reader's refresh tries at once, and success clears it. */
  serve (fixture, "/broken.xml", &(TestResponse) { .body = feed });
  refresh_one (fixture, id, "new");
  after = get_source (fixture, id);
  g_assert_cmpuint (briefing_source_get_failures (after), ==, 0);
  g_assert_null (briefing_source_get_last_error (after));
}

static void
test_one_failure_is_its_own (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Good", 2);
  gint64 good1 = add_source (fixture, "/good1.xml");
  gint64 bad = add_source (fixture, "/bad.xml");
  gint64 good2 = add_source (fixture, "/good2.xml");
  g_autoptr(GPtrArray) results = NULL;

  serve (fixture, "/good1.xml", &(TestResponse) { .body = feed });
  serve (fixture, "/good2.xml", &(TestResponse) { .body = feed });
  serve (fixture, "/bad.xml", &(TestResponse) { .status = 500 });

  results = refresh (fixture, 0, FALSE);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpstr (result_for (results, good1)->status, ==, "new");
  g_assert_cmpstr (result_for (results, bad)->status, ==, "error");
  g_assert_cmpstr (result_for (results, good2)->status, ==, "new");
}

static void
test_slow_and_stalled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Slow", 1);
  gint64 slow = add_source (fixture, "/slow.xml");
  gint64 stalled = add_source (fixture, "/stalled.xml");
  gint64 fast = add_source (fixture, "/fast.xml");
  g_autoptr(GPtrArray) results = NULL;

  serve (fixture, "/slow.xml", &(TestResponse) { .body = feed, .fault = TEST_FAULT_DELAY, .delay_ms = 500 });
  serve (fixture, "/stalled.xml", &(TestResponse) { .body = feed, .fault = TEST_FAULT_STALL });
  serve (fixture, "/fast.xml", &(TestResponse) { .body = feed });

  results = refresh (fixture, 0, FALSE);
  g_assert_cmpstr (result_for (results, slow)->status, ==, "new");
  g_assert_cmpstr (result_for (results, fast)->status, ==, "new");
  g_assert_cmpstr (result_for (results, stalled)->status, ==, "error");
  g_assert_cmpstr (result_for (results, stalled)->error, ==, "The server took too long to answer");
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Huge", 200);
  gint64 id = add_source (fixture, "/huge.xml");
  BriefingRefreshResult *result;

  briefing_fetcher_set_max_size (briefing_session_get_fetcher (fixture->session), 4096);
  serve (fixture, "/huge.xml", &(TestResponse) { .body = feed });

  result = refresh_one (fixture, id, "error");
  g_assert_nonnull (strstr (result->error, "larger than"));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Cut", 20);
  gint64 id = add_source (fixture, "/cut.xml");
  gint64 hung = add_source (fixture, "/hangup.xml");
  BriefingRefreshResult *result;

  serve (fixture, "/cut.xml", &(TestResponse) { .body = feed, .fault = TEST_FAULT_TRUNCATE });
  serve (fixture, "/hangup.xml", &(TestResponse) { .fault = TEST_FAULT_HANG_UP });

  result = refresh_one (fixture, id, "error");
  g_assert_cmpstr (result->error, ==, "The connection closed before the whole feed arrived");
  result = refresh_one (fixture, hung, "error");
  g_assert_nonnull (result->error);
}

static void
test_content_types (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *feed = make_feed ("Mislabelled", 2);
  gint64 html = add_source (fixture, "/html.xml");
  gint64 page = add_source (fixture, "/page.html");
  BriefingRefreshResult *result;

  /* The format comes from the bytes, not from a wrong Content-Type... */
  serve (fixture, "/html.xml", &(TestResponse) { .body = feed, .content_type = "text/html; charset=utf-8" });
  refresh_one (fixture, html, "new");

  /* ...and a web page is an error that says so. */
  serve (fixture, "/page.html", &(TestResponse) { .body = "<!DOCTYPE html><html><body><p>Hello</p></body></html>",
                                                  .content_type = "application/rss+xml" });
  result = refresh_one (fixture, page, "error");
  g_assert_cmpstr (result->error, ==, "This is a web page, not a feed");
}

static void
test_ttl_and_max_age (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char with_ttl[] = "<rss version=\"2.0\"><channel><title>T</title><ttl>120</ttl>"
                                 "<item><title>x</title><guid>x</guid></item></channel></rss>";
  g_autofree char *feed = make_feed ("Cached", 1);
  gint64 ttl = add_source (fixture, "/ttl.xml");
  gint64 cached = add_source (fixture, "/cached.xml");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(BriefingSource) ttl_source = NULL;
  g_autoptr(BriefingSource) cached_source = NULL;

  serve (fixture, "/ttl.xml", &(TestResponse) { .body = with_ttl });
  serve (fixture, "/cached.xml", &(TestResponse) { .body = feed, .cache_control = "public, max-age=7200" });
  refresh_one (fixture, ttl, "new");
  refresh_one (fixture, cached, "new");

  /* Both are lower bounds on the next scheduled attempt. */
  ttl_source = get_source (fixture, ttl);
  cached_source = get_source (fixture, cached);
  g_assert_cmpint (briefing_source_get_next_attempt (ttl_source), >=, now + 120 * 60);
  g_assert_cmpint (briefing_source_get_next_attempt (cached_source), >=, now + 7200);
}

static void
test_not_found_source (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  add_source (fixture, "/exists.xml");
  briefing_session_refresh_async (fixture->session, 12345, FALSE, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = briefing_session_refresh_finish (fixture->session, result, &error);
  g_assert_null (results);
  g_assert_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fetch/conditional", test_conditional);
  ADD ("/fetch/last-modified", test_last_modified);
  ADD ("/fetch/gzip", test_gzip);
  ADD ("/fetch/redirects", test_redirects);
  ADD ("/fetch/redirect-loop", test_redirect_loop);
  ADD ("/fetch/gone", test_gone);
  ADD ("/fetch/retry-after", test_retry_after);
  ADD ("/fetch/backoff", test_backoff);
  ADD ("/fetch/one-failure-is-its-own", test_one_failure_is_its_own);
  ADD ("/fetch/slow-and-stalled", test_slow_and_stalled);
  ADD ("/fetch/too-large", test_too_large);
  ADD ("/fetch/truncated", test_truncated);
  ADD ("/fetch/content-types", test_content_types);
  ADD ("/fetch/ttl-and-max-age", test_ttl_and_max_age);
  ADD ("/fetch/not-found-source", test_not_found_source);
#undef ADD

  return g_test_run ();
}
