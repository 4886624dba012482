/* test-fetch.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-fetcher.h"
#include "briefing-image-cache.h"
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
  /* 429 by its name, which libsoup does not know. */
  g_assert_cmpstr (briefing_source_get_last_error (busy), ==,
                   "The server asked Briefing to wait (429 Too Many Requests)");
  g_assert_cmpstr (briefing_source_get_last_error (down), ==,
                   "The server asked Briefing to wait (503 Service Unavailable)");

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


/* Redirect targets no web client should follow are that source's error,
 * found before a request exists (a Location without a host once made
 * libsoup answer with criticals and a NULL message, and Briefing crash
 * at every refresh). The other sources of the refresh are stored. */
static void
test_invalid_redirects (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const targets[] = {
    "http:///etc/passwd", "http://", "https://:443/x", "//", "file:///etc/passwd", "javascript:alert(1)",
    "data:text/html,x", "ftp://127.0.0.1/feed", "about:blank", "http://[::1/", "http://[fe80::1%25lo]/",
    "http://user:pass@127.0.0.1:1/", "http://127.0.0.1:0/", "http://127.0.0.1:99999/", "http://host%2Fx/",
    "http://2130706433/", "http://0x7f.1/", "http:\\\\evil.example/", "http://a b/", "http://exa%00mple/",
    /* No host, and a path that starts with "//" once its dot segment is
     * gone: no string can write it (found by fuzz-url). */
    "http:/.//127.0.0.1/feed.xml", "https:/..//127.0.0.1/feed.xml",
  };
  g_autofree char *good_feed = make_feed ("Good", 2);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 good = add_source (fixture, "/good.xml");

  serve (fixture, "/good.xml", &(TestResponse) { .body = good_feed });
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bad-%u.xml", i);
      gint64 id = add_source (fixture, path);

      serve (fixture, path, &(TestResponse) { .status = 302, .location = targets[i] });
      g_array_append_val (ids, id);
    }

  results = refresh (fixture, 0, FALSE);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (targets) + 1);
  g_assert_cmpstr (result_for (results, good)->status, ==, "new");
  g_assert_cmpuint (result_for (results, good)->added, ==, 2);

  for (guint i = 0; i < ids->len; i++)
    {
      BriefingRefreshResult *result = result_for (results, g_array_index (ids, gint64, i));

      if (g_strcmp0 (result->error, "The server redirected to an invalid address") != 0)
        g_error ("Location: %s gave %s: %s", targets[i], result->status, result->error);
    }
}

static void
test_retry_after_values (void)
{
  gint64 now = 1700000000;

  g_assert_cmpint (briefing_parse_retry_after ("120", now), ==, now + 120);
  g_assert_cmpint (briefing_parse_retry_after (" 120 ", now), ==, now + 120);
  g_assert_cmpint (briefing_parse_retry_after ("99999999999999999999", now), ==, now + 24 * 60 * 60);
  g_assert_cmpint (briefing_parse_retry_after ("4294967296", now), ==, now + 24 * 60 * 60);
  g_assert_cmpint (briefing_parse_retry_after ("0", now), ==, now);
  g_assert_cmpint (briefing_parse_retry_after ("-5", now), ==, 0);
  g_assert_cmpint (briefing_parse_retry_after ("12abc", now), ==, 0);
  g_assert_cmpint (briefing_parse_retry_after ("", now), ==, 0);
  g_assert_cmpint (briefing_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT", now), ==, now);
  g_assert_cmpint (briefing_parse_retry_after ("Fri, 31 Dec 9999 23:59:59 GMT", now), ==, now + 24 * 60 * 60);
}

/* Network scope ------------------------------------------------------------ */

/* A server on any loopback address that answers every request the same
 * way and keeps the last request's headers. 127.0.0.2 stands for the
 * internet here (BRIEFING_TEST_PUBLIC_ADDRESSES, set in main()). */
typedef struct
{
  SoupServer         *server;
  guint               port;
  guint               hits;
  SoupMessageHeaders *last_headers;
  guint               status;
  char               *location;
  GBytes             *body;
  const char         *content_type;
} Spot;

static void
spot_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Spot *spot = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  spot->hits++;
  g_clear_pointer (&spot->last_headers, soup_message_headers_unref);
  spot->last_headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));

  soup_server_message_set_status (msg, spot->status, NULL);
  if (spot->location != NULL)
    soup_message_headers_replace (headers, "Location", spot->location);
  /* A cookie the client must not send back. */
  soup_message_headers_append (headers, "Set-Cookie", "tracker=1; Path=/");
  if (spot->body != NULL)
    soup_server_message_set_response (msg, spot->content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (spot->body, NULL), g_bytes_get_size (spot->body));
}

static Spot *
spot_new (const char *address,
          guint       status)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, 0);
  g_autoptr(GError) error = NULL;
  Spot *spot = g_new0 (Spot, 1);
  GSList *uris;

  spot->status = status;
  spot->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (spot->server, NULL, spot_cb, spot, NULL);
  if (!soup_server_listen (spot->server, socket_address, 0, &error))
    g_error ("Cannot listen on %s: %s", address, error->message);

  uris = soup_server_get_uris (spot->server);
  spot->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return spot;
}

static char *
spot_url (Spot       *spot,
          const char *address,
          const char *path)
{
  return g_strdup_printf ("http://%s:%u%s", address, spot->port, path);
}

static void
spot_free (Spot *spot)
{
  soup_server_disconnect (spot->server);
  g_clear_object (&spot->server);
  g_clear_pointer (&spot->last_headers, soup_message_headers_unref);
  g_clear_pointer (&spot->body, g_bytes_unref);
  g_free (spot->location);
  g_free (spot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Spot, spot_free)

static BriefingFetchResult *
fetch (BriefingFetcher  *fetcher,
       const char       *url,
       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  briefing_fetcher_fetch_async (fetcher, url, NULL, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return briefing_fetcher_fetch_finish (fetcher, result, NULL, error);
}

/* A fetch that reached the internet is not redirected into the local
 * network; one that started there may go anywhere. */
static void
test_redirect_scope (void)
{
  g_autofree char *feed = make_feed ("Local", 1);
  g_autoptr(Spot) local = spot_new ("127.0.0.1", 200);
  g_autoptr(Spot) public_redirect = spot_new ("127.0.0.2", 302);
  g_autoptr(Spot) local_redirect = spot_new ("127.0.0.1", 302);
  g_autoptr(Spot) public_feed = spot_new ("127.0.0.2", 200);
  g_autoptr(BriefingFetcher) fetcher = briefing_fetcher_new ();
  g_autoptr(BriefingFetchResult) blocked = NULL;
  g_autoptr(BriefingFetchResult) inward = NULL;
  g_autoptr(BriefingFetchResult) outward = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = spot_url (public_redirect, "127.0.0.2", "/feed.xml");
  g_autofree char *local_start = spot_url (local_redirect, "127.0.0.1", "/feed.xml");
  g_autofree char *local_direct = spot_url (local, "127.0.0.1", "/feed.xml");

  local->body = g_bytes_new (feed, strlen (feed));
  local->content_type = "application/rss+xml";
  public_feed->body = g_bytes_new (feed, strlen (feed));
  public_feed->content_type = "application/rss+xml";

  public_redirect->location = spot_url (local, "127.0.0.1", "/feed.xml");
  blocked = fetch (fetcher, start, &error);
  g_assert_error (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS);
  g_assert_null (blocked);
  g_assert_cmpuint (public_redirect->hits, ==, 1);
  g_assert_cmpuint (local->hits, ==, 0);
  g_clear_error (&error);

  /* Also when the name says nothing: "localhost" is this machine. */
  g_free (public_redirect->location);
  public_redirect->location = spot_url (local, "localhost", "/feed.xml");
  blocked = fetch (fetcher, start, &error);
  g_assert_error (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS);
  g_assert_cmpuint (local->hits, ==, 0);
  g_clear_error (&error);

  /* And on a connection kept alive from a fetch that was allowed there. */
  inward = fetch (fetcher, local_direct, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (local->hits, ==, 1);
  g_clear_pointer (&inward, briefing_fetch_result_free);
  g_free (public_redirect->location);
  public_redirect->location = g_strdup (local_direct);
  blocked = fetch (fetcher, start, &error);
  g_assert_error (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS);
  g_assert_cmpuint (local->hits, ==, 1);
  g_clear_error (&error);

  /* A feed the reader keeps on their own network may redirect anywhere. */
  local_redirect->location = spot_url (local, "127.0.0.1", "/moved.xml");
  inward = fetch (fetcher, local_start, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (local->hits, ==, 2);

  local_redirect->location = spot_url (public_feed, "127.0.0.2", "/feed.xml");
  outward = fetch (fetcher, local_start, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (public_feed->hits, ==, 1);
}

static GFile *
fetch_image (BriefingImageCache  *cache,
             const char          *url,
             const char          *origin,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  briefing_image_cache_fetch_async (cache, url, origin, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return briefing_image_cache_fetch_finish (cache, result, NULL, error);
}

/* A feed on the internet cannot have the reader's machine fetch from
 * their own network by naming images there; a feed on that network can.
 * Image requests carry no cookie and no Referer. */
static void
test_image_scope (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "images", NULL);
  g_autoptr(BriefingImageCache) cache = briefing_image_cache_new (directory);
  g_autoptr(Spot) images = spot_new ("127.0.0.1", 200);
  g_autoptr(Spot) public_images = spot_new ("127.0.0.2", 200);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) refused = NULL;
  g_autoptr(GFile) redirected = NULL;
  g_autoptr(GFile) fetched = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GFile) public_file = NULL;
  g_autofree char *lan_image = spot_url (images, "127.0.0.1", "/router.png");
  g_autofree char *public_image = spot_url (public_images, "127.0.0.2", "/photo.png");
  g_autofree char *bounce = spot_url (public_images, "127.0.0.2", "/bounce.png");

  images->body = g_bytes_new_static (png, sizeof png);
  images->content_type = "image/png";
  public_images->body = g_bytes_new_static (png, sizeof png);
  public_images->content_type = "image/png";

  refused = fetch_image (cache, lan_image, "https://127.0.0.2/feed.xml", &error);
  g_assert_error (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS);
  g_assert_cmpuint (images->hits, ==, 0);
  g_clear_error (&error);

  /* Of unknown origin: public-only too. */
  refused = fetch_image (cache, lan_image, NULL, &error);
  g_assert_error (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS);
  g_assert_cmpuint (images->hits, ==, 0);
  g_clear_error (&error);

  /* Nor by way of a redirect from the internet. */
  public_images->status = 302;
  public_images->location = g_strdup (lan_image);
  redirected = fetch_image (cache, bounce, "https://127.0.0.2/feed.xml", &error);
  g_assert_error (error, BRIEFING_FETCH_ERROR, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS);
  g_assert_cmpuint (images->hits, ==, 0);
  g_clear_error (&error);
  public_images->status = 200;
  g_clear_pointer (&public_images->location, g_free);

  public_file = fetch_image (cache, public_image, "https://127.0.0.2/feed.xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (public_file);

  fetched = fetch_image (cache, lan_image, "http://127.0.0.1:8080/feed.xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fetched);
  g_assert_cmpuint (images->hits, ==, 1);
  g_assert_null (soup_message_headers_get_one (images->last_headers, "Referer"));
  g_assert_null (soup_message_headers_get_one (images->last_headers, "Cookie"));

  /* The server set a cookie; the next request does not carry it. */
  g_clear_object (&fetched);
  g_file_delete (g_file_new_for_path (g_file_peek_path (public_file)), NULL, NULL);
  again = fetch_image (cache, public_image, "https://127.0.0.2/feed.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (public_images->hits, ==, 3);
  g_assert_null (soup_message_headers_get_one (public_images->last_headers, "Cookie"));
  g_assert_null (soup_message_headers_get_one (public_images->last_headers, "Referer"));
}

int
main (int   argc,
      char *argv[])
{
  /* Loopback has no internet; this address stands for it. */
  g_setenv ("BRIEFING_TEST_PUBLIC_ADDRESSES", "127.0.0.2", TRUE);

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
  ADD ("/fetch/invalid-redirects", test_invalid_redirects);
#undef ADD

  g_test_add_func ("/fetch/retry-after-values", test_retry_after_values);
  g_test_add_func ("/fetch/redirect-scope", test_redirect_scope);
  g_test_add_func ("/fetch/image-scope", test_image_scope);

  return g_test_run ();
}
