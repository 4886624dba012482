/* test-feed-parser.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-utils.h"

static BriefingFeed *
parse (const char  *text,
       gssize       len,
       const char  *url,
       const char  *content_type,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return briefing_feed_parse (bytes, url, content_type, error);
}

static BriefingEntry *
first_entry (BriefingFeed *feed)
{
  GPtrArray *entries = briefing_feed_get_entries (feed);

  g_assert_cmpuint (entries->len, >, 0);

  return g_ptr_array_index (entries, 0);
}

static void
assert_date (gint64      when,
             const char *expected)
{
  g_autofree char *text = briefing_format_rfc3339 (when);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_rss2 (void)
{
  static const char doc[] =
    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
    "<channel><title>T &amp; Co</title><link>http://example.com/</link><language>en-gb</language>"
    "<item><title>One &mdash; two</title><link>/a</link><guid>http://example.com/a</guid>"
    "<pubDate>Sat, 07 Sep 2002 00:00:01 GMT</pubDate><dc:creator>Ann</dc:creator>"
    "<description>&lt;p&gt;Summary&lt;/p&gt;</description>"
    "<content:encoded><![CDATA[<p>Body <script>alert(1)</script><a href=\"b\">link</a></p>]]></content:encoded>"
    "<enclosure url=\"http://example.com/x.mp3\" length=\"123\" type=\"audio/mpeg\"/>"
    "<category domain=\"http://example.com/tags\">News</category></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = parse (doc, -1, "http://example.com/feed", NULL, &error);
  BriefingEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpstr (briefing_feed_get_format (feed), ==, "rss2.0");
  g_assert_cmpstr (briefing_feed_get_title (feed), ==, "T & Co");
  g_assert_cmpstr (briefing_feed_get_language (feed), ==, "en-gb");

  entry = first_entry (feed);
  g_assert_cmpstr (briefing_entry_get_title (entry), ==, "One — two");
  g_assert_cmpstr (briefing_entry_get_link (entry), ==, "http://example.com/a");
  g_assert_cmpstr (briefing_entry_get_guid (entry), ==, "http://example.com/a");
  assert_date (briefing_entry_get_published (entry), "2002-09-07T00:00:01Z");
  g_assert_cmpstr (((BriefingPerson *) g_ptr_array_index (briefing_entry_get_authors (entry), 0))->name, ==, "Ann");
  g_assert_cmpstr (briefing_entry_get_summary (entry), ==, "<p>Summary</p>");
  g_assert_null (strstr (briefing_entry_get_content (entry), "script"));
  g_assert_nonnull (strstr (briefing_entry_get_content (entry), "http://example.com/b"));
  g_assert_cmpuint (briefing_entry_get_enclosures (entry)->len, ==, 1);
  g_assert_cmpuint (briefing_entry_get_categories (entry)->len, ==, 1);
}

static void
test_atom (void)
{
  static const char doc[] =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://example.org/blog/\">"
    "<title type=\"html\">A &lt;em&gt;blog&lt;/em&gt;</title><link href=\"/\"/>"
    "<author><name>Feed Author</name></author>"
    "<entry><title>Post</title><id>urn:uuid:1</id><link rel=\"alternate\" href=\"post\"/>"
    "<updated>2003-12-13T18:30:02+01:00</updated>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi <img src=\"i.png\"/></p></div></content>"
    "<category term=\"t\" scheme=\"s\" label=\"Tee\"/></entry></feed>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = parse (doc, -1, NULL, NULL, &error);
  BriefingEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpstr (briefing_feed_get_format (feed), ==, "atom1.0");
  g_assert_cmpstr (briefing_feed_get_title (feed), ==, "A blog");
  g_assert_cmpstr (briefing_feed_get_link (feed), ==, "http://example.org/");

  entry = first_entry (feed);
  g_assert_cmpstr (briefing_entry_get_link (entry), ==, "http://example.org/blog/post");
  assert_date (briefing_entry_get_published (entry), "2003-12-13T17:30:02Z");
  g_assert_nonnull (strstr (briefing_entry_get_content (entry), "http://example.org/blog/i.png"));
  g_assert_cmpstr (((BriefingPerson *) g_ptr_array_index (briefing_entry_get_authors (entry), 0))->name, ==,
                   "Feed Author");
}

static void
test_json_feed (void)
{
  static const char doc[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"home_page_url\": \"https://j.example/\","
    " \"items\": [{\"id\": 7, \"url\": \"https://j.example/7\", \"title\": \"Seven\","
    " \"content_html\": \"<p>x</p>\", \"date_published\": \"2020-01-02T03:04:05Z\","
    " \"image\": \"https://j.example/7.jpg\", \"authors\": [{\"name\": \"Jo\"}], \"tags\": [\"a\", 3]},"
    " 42, {\"title\": {\"nested\": true}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = parse (doc, -1, NULL, NULL, &error);
  BriefingEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpstr (briefing_feed_get_format (feed), ==, "jsonfeed1.1");
  g_assert_cmpuint (briefing_feed_get_entries (feed)->len, ==, 2);

  entry = first_entry (feed);
  g_assert_cmpstr (briefing_entry_get_guid (entry), ==, "7");
  g_assert_cmpstr (briefing_entry_get_image_url (entry), ==, "https://j.example/7.jpg");
  g_assert_cmpuint (briefing_entry_get_categories (entry)->len, ==, 1);
  assert_date (briefing_entry_get_published (entry), "2020-01-02T03:04:05Z");
}

static void
test_media_lead_photo (void)
{
  static const char doc[] =
    "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>M</title>"
    "<item><title>P</title><link>https://m.example/p</link>"
    "<media:group><media:description>Group caption</media:description>"
    "<media:content url=\"https://m.example/small.jpg\" medium=\"image\" width=\"300\" height=\"200\"/>"
    "<media:content url=\"https://m.example/big.jpg\" medium=\"image\" width=\"1200\" height=\"800\">"
    "<media:credit role=\"photographer\">Pat Photo</media:credit></media:content>"
    "<media:content url=\"https://m.example/clip.mp4\" medium=\"video\" width=\"1920\" height=\"1080\"/>"
    "</media:group>"
    "<description>&lt;p&gt;&lt;img src=\"https://m.example/big.jpg\"&gt;Text&lt;/p&gt;</description>"
    "</item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = parse (doc, -1, NULL, NULL, &error);
  const BriefingImage *image;

  g_assert_no_error (error);
  image = briefing_entry_get_image (first_entry (feed));
  g_assert_nonnull (image);
  g_assert_cmpstr (image->url, ==, "https://m.example/big.jpg");
  g_assert_cmpstr (image->caption, ==, "Group caption");
  g_assert_cmpstr (image->credit, ==, "Pat Photo");
  g_assert_cmpint (image->width, ==, 1200);

  /* The lead photo is not shown twice. */
  g_assert_null (strstr (briefing_entry_get_summary (first_entry (feed)), "big.jpg"));
}

static void
test_errors (void)
{
  static const struct {
    const char *doc;
    int         code;
  } cases[] = {
    { "", BRIEFING_FEED_PARSER_ERROR_EMPTY },
    { "   \n\t ", BRIEFING_FEED_PARSER_ERROR_EMPTY },
    { "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>", BRIEFING_FEED_PARSER_ERROR_WEB_PAGE },
    { "<note><to>x</to></note>", BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED },
    { "\x01\x02\x03\x04binary", BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED },
    { "{\"hello\": 1}", BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED },
    { "{\"items\": [", BRIEFING_FEED_PARSER_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BriefingFeed) feed = parse (cases[i].doc, -1, NULL, NULL, &error);

      g_assert_null (feed);
      g_assert_error (error, BRIEFING_FEED_PARSER_ERROR, cases[i].code);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feed-parser/rss2", test_rss2);
  g_test_add_func ("/feed-parser/atom", test_atom);
  g_test_add_func ("/feed-parser/json-feed", test_json_feed);
  g_test_add_func ("/feed-parser/media-lead-photo", test_media_lead_photo);
  g_test_add_func ("/feed-parser/errors", test_errors);

  return g_test_run ();
}
