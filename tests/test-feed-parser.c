/* test-feed-parser.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-json.h"
#include "briefing-topic.h"
#include "briefing-utils.h"
#include "briefing-xml-input.h"

/* The parser's unit tests: a few hand-written cases, and a table of
 * fixtures (tests/fixtures/feeds/NAME.* with NAME.expected.json beside
 * each), written for this project to cover issue #3 point by point:
 * formats, namespaces, text decoding, dates, recovery and hostile
 * documents, and the lead photo.
 *
 * An expectation is a subset of what `briefingctl parse --json` prints
 * (DESIGN.md), compared member by member:
 *
 *   - every member given must match; a member given as null must be
 *     absent (the parser leaves unknown values out);
 *   - arrays must have the same length, unless their last element is
 *     "...", when the elements given must match the first ones;
 *   - strings are equal, or: "*" (any value), "~TEXT" (contains TEXT),
 *     "!~TEXT" (absent, or does not contain TEXT);
 *   - "_url" and "_content_type" are what is passed to the parser
 *     (default: https://example.net/feeds/FILE), "_error" the error
 *     expected instead of a feed (empty, too-large, not-a-feed, web-page,
 *     malformed), "_warnings" whether warnings are expected.
 */

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
  /* 42 is no item; one with only a title of the wrong type has nothing. */
  g_assert_cmpuint (briefing_feed_get_entries (feed)->len, ==, 1);
  g_assert_cmpuint (briefing_feed_get_warnings (feed)->len, ==, 2);

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
    { "<!doctype html>\n<html lang=en><meta charset=utf-8><title>x</title><p>hi", BRIEFING_FEED_PARSER_ERROR_WEB_PAGE },
    { "\n<!-- a comment -->\n<!DocType HTML><p>hi", BRIEFING_FEED_PARSER_ERROR_WEB_PAGE },
    { "<html><body>no doctype</body></html>", BRIEFING_FEED_PARSER_ERROR_WEB_PAGE },
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

/* Fixtures ---------------------------------------------------------------- */

/* The feed as `briefingctl parse --json` prints it (DESIGN.md). */
static JsonNode *
feed_to_json (BriefingFeed *feed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  briefing_json_add_feed (builder, feed);

  return json_builder_get_root (builder);
}

static gboolean match_node (JsonNode *expected, JsonNode *actual, const char *path, GString *why);

static gboolean
match_string (const char *expected,
              JsonNode   *actual,
              const char *path,
              GString    *why)
{
  const char *value = NULL;
  gboolean ok;

  if (actual != NULL && JSON_NODE_HOLDS_VALUE (actual) && json_node_get_value_type (actual) == G_TYPE_STRING)
    value = json_node_get_string (actual);

  if (g_str_equal (expected, "*"))
    ok = actual != NULL && !JSON_NODE_HOLDS_NULL (actual);
  else if (g_str_has_prefix (expected, "!~"))
    ok = value == NULL || strstr (value, expected + 2) == NULL;
  else if (g_str_has_prefix (expected, "~"))
    ok = value != NULL && strstr (value, expected + 1) != NULL;
  else
    ok = g_strcmp0 (value, expected) == 0;

  if (!ok)
    {
      g_autofree char *shown = actual != NULL ? json_to_string (actual, FALSE) : g_strdup ("(absent)");

      g_string_append_printf (why, "%s: expected \"%s\", got %s\n", path, expected, shown);
    }

  return ok;
}

static gboolean
match_object (JsonObject *expected,
              JsonNode   *actual,
              const char *path,
              GString    *why)
{
  g_autoptr(GList) members = json_object_get_members (expected);
  JsonObject *object;
  gboolean ok = TRUE;

  if (actual == NULL || !JSON_NODE_HOLDS_OBJECT (actual))
    {
      g_string_append_printf (why, "%s: expected an object\n", path);
      return FALSE;
    }

  object = json_node_get_object (actual);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *child_path = g_strdup_printf ("%s.%s", path, name);

      if (*name == '_')
        continue;

      ok &= match_node (json_object_get_member (expected, name), json_object_get_member (object, name),
                        child_path, why);
    }

  return ok;
}

static gboolean
match_array (JsonArray  *expected,
             JsonNode   *actual,
             const char *path,
             GString    *why)
{
  guint n = json_array_get_length (expected);
  gboolean prefix = FALSE;
  JsonArray *array;
  gboolean ok = TRUE;

  if (n > 0)
    {
      JsonNode *last = json_array_get_element (expected, n - 1);

      prefix = JSON_NODE_HOLDS_VALUE (last) && json_node_get_value_type (last) == G_TYPE_STRING &&
               g_str_equal (json_node_get_string (last), "...");
      n -= prefix;
    }

  if (actual == NULL || !JSON_NODE_HOLDS_ARRAY (actual))
    {
      g_string_append_printf (why, "%s: expected an array\n", path);
      return FALSE;
    }

  array = json_node_get_array (actual);
  if (prefix ? json_array_get_length (array) < n : json_array_get_length (array) != n)
    {
      g_string_append_printf (why, "%s: expected %s%u elements, got %u\n", path, prefix ? "at least " : "", n,
                              json_array_get_length (array));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *child_path = g_strdup_printf ("%s[%u]", path, i);

      ok &= match_node (json_array_get_element (expected, i), json_array_get_element (array, i), child_path, why);
    }

  return ok;
}

static gboolean
match_node (JsonNode   *expected,
            JsonNode   *actual,
            const char *path,
            GString    *why)
{
  if (JSON_NODE_HOLDS_NULL (expected))
    {
      if (actual == NULL || JSON_NODE_HOLDS_NULL (actual))
        return TRUE;
      g_string_append_printf (why, "%s: expected nothing\n", path);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_OBJECT (expected))
    return match_object (json_node_get_object (expected), actual, path, why);

  if (JSON_NODE_HOLDS_ARRAY (expected))
    return match_array (json_node_get_array (expected), actual, path, why);

  if (json_node_get_value_type (expected) == G_TYPE_STRING)
    return match_string (json_node_get_string (expected), actual, path, why);

  if (actual == NULL || !json_node_equal (expected, actual))
    {
      g_autofree char *want = json_to_string (expected, FALSE);

      g_string_append_printf (why, "%s: expected %s\n", path, want);
      return FALSE;
    }

  return TRUE;
}

static const char *
error_name (const GError *error)
{
  static const char * const names[] = {
    [BRIEFING_FEED_PARSER_ERROR_EMPTY] = "empty",
    [BRIEFING_FEED_PARSER_ERROR_TOO_LARGE] = "too-large",
    [BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED] = "not-a-feed",
    [BRIEFING_FEED_PARSER_ERROR_WEB_PAGE] = "web-page",
    [BRIEFING_FEED_PARSER_ERROR_MALFORMED] = "malformed",
  };

  if (error->domain != BRIEFING_FEED_PARSER_ERROR || error->code < 0 || (guint) error->code >= G_N_ELEMENTS (names))
    return "other";

  return names[error->code];
}

/* The document beside NAME.expected.json: NAME.anything else. */
static char *
fixture_document (const char *dir,
                  const char *stem)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (stem, ".", NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, ".expected.json"))
        return g_build_filename (dir, name, NULL);
    }

  return NULL;
}

static void
test_fixture (gconstpointer data)
{
  const char *expected_path = data;
  g_autofree char *dir = g_path_get_dirname (expected_path);
  g_autofree char *base = g_path_get_basename (expected_path);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".expected.json"));
  g_autofree char *document = fixture_document (dir, stem);
  g_autofree char *document_name = NULL;
  g_autofree char *default_url = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  JsonObject *expected;
  const char *url;
  const char *content_type;
  const char *expected_error;

  g_assert_nonnull (document);
  json_parser_load_from_file (parser, expected_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));

  document_name = g_path_get_basename (document);
  default_url = g_strconcat ("https://example.net/feeds/", document_name, NULL);
  url = json_object_has_member (expected, "_url") ? json_object_get_string_member (expected, "_url") : default_url;
  content_type = json_object_has_member (expected, "_content_type")
                   ? json_object_get_string_member (expected, "_content_type") : NULL;
  expected_error = json_object_has_member (expected, "_error")
                     ? json_object_get_string_member (expected, "_error") : NULL;

  file = g_file_new_for_path (document);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  feed = briefing_feed_parse (bytes, url, content_type, &error);
  if (expected_error != NULL)
    {
      g_assert_null (feed);
      g_assert_nonnull (error);
      g_assert_cmpstr (error_name (error), ==, expected_error);
      g_assert_cmpstr (error->message, !=, "");
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (feed);

  if (json_object_has_member (expected, "_warnings"))
    g_assert_cmpint (briefing_feed_get_warnings (feed)->len > 0, ==,
                     json_object_get_boolean_member (expected, "_warnings"));

  actual = feed_to_json (feed);
  if (!match_node (json_parser_get_root (parser), actual, stem, why))
    {
      g_autofree char *shown = json_to_string (actual, TRUE);

      g_test_message ("%s parsed as:\n%s", document_name, shown);
      g_test_fail_printf ("%s", why->str);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
add_fixture_tests (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", "feeds", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      if (g_str_has_suffix (name, ".expected.json"))
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".expected.json"));
      g_autofree char *test_path = g_strconcat ("/feed-parser/fixture/", stem, NULL);

      /* The test data outlives the test run. */
      g_test_add_data_func_full (test_path, g_build_filename (dir, file, NULL), test_fixture, g_free);
    }
}

/* Hostile documents -------------------------------------------------------- */

static BriefingFeed *
parse_string (GString  *doc,
              GError  **error)
{
  return parse (doc->str, doc->len, "https://example.net/feed", NULL, error);
}

/* Nesting far beyond libxml2's limit stops the parser, with a warning,
 * not the process. */
static void
test_hostile_depth (void)
{
  g_autoptr(GString) doc = g_string_new ("<rss version=\"2.0\"><channel><title>Deep</title>"
                                         "<item><title>Before</title></item>");
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "<div>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "</div>");
  g_string_append (doc, "</channel></rss>");

  feed = parse_string (doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefing_feed_get_warnings (feed)->len, >, 0);
  g_assert_cmpstr (briefing_entry_get_title (first_entry (feed)), ==, "Before");
}

static void
test_hostile_json_depth (void)
{
  g_autoptr(GString) doc = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (doc, '[');

  feed = parse_string (doc, &error);
  g_assert_null (feed);
  g_assert_error (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_MALFORMED);
}

static void
test_hostile_size (void)
{
  gsize len = BRIEFING_FEED_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = NULL;

  memset (data, ' ', len);
  memcpy (data, "<rss>", 5);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);

  feed = briefing_feed_parse (bytes, NULL, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_TOO_LARGE);
}

/* Parsed without an address, a JSON Feed's relative references resolve
 * against its "feed_url", when that is a web address: a file: one would
 * pass for the document's own and keep file: links. */
static void
test_json_feed_url_base (void)
{
  static const char * const docs[] = {
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"feed_url\": \"file:///etc/\","
    " \"items\": [{\"id\": \"1\", \"url\": \"passwd\", \"title\": \"Local\"}]}",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"feed_url\": \"https://j.example/feed.json\","
    " \"items\": [{\"id\": \"1\", \"url\": \"posts/1\", \"title\": \"Web\"}]}",
  };
  static const char * const links[] = { "passwd", "https://j.example/posts/1" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BriefingFeed) feed = parse (docs[i], -1, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (briefing_entry_get_link (first_entry (feed)), ==, links[i]);
    }
}

/* The address a feed gives for itself (what a saved feed file is
 * subscribed as): Atom's and RSS's atom:link rel="self", JSON Feed's
 * feed_url; only web addresses, and an alternate link is not one. */
static void
test_self_url (void)
{
  static const struct { const char *doc; const char *url; } cases[] = {
    { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
      "<link href=\"https://a.example/\"/><link rel=\"self\" href=\"https://a.example/atom\"/></feed>",
      "https://a.example/atom" },
    { "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>R</title>"
      "<link>https://r.example/</link><atom:link rel=\"self\" href=\"https://r.example/rss\"/></channel></rss>",
      "https://r.example/rss" },
    { "<rss version=\"2.0\"><channel><title>R</title><link>https://r.example/</link></channel></rss>", NULL },
    { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"self\" href=\"file:///etc/passwd\"/></feed>",
      NULL },
    { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"self\" href=\"feed.xml\"/></feed>", NULL },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"feed_url\": \"https://j.example/feed.json\","
      " \"items\": []}", "https://j.example/feed.json" },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"feed_url\": \"file:///etc/\", \"items\": []}",
      NULL },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"feed_url\": 7, \"items\": []}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BriefingFeed) feed = parse (cases[i].doc, -1, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (briefing_feed_get_self_url (feed), ==, cases[i].url);
    }
}

/* An escaped surrogate without its other half, which code that cuts
 * strings by UTF-16 units leaves behind, becomes U+FFFD: json-glib would
 * decode it into bytes that are not UTF-8. Pairs stay what they are. */
static void
test_json_feed_lone_surrogates (void)
{
  static const char doc[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Cut \\ud83d\","
    " \"items\": [{\"id\": \"a\\udc00\\ud800\", \"title\": \"Smile \\ud83d\\ude00 \\\\ud800\","
    " \"content_text\": \"x\\udfff\", \"tags\": [\"\\ud800\"]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = parse (doc, -1, NULL, NULL, &error);
  BriefingEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpstr (briefing_feed_get_title (feed), ==, "Cut \xef\xbf\xbd");

  entry = first_entry (feed);
  g_assert_cmpstr (briefing_entry_get_guid (entry), ==, "a\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (briefing_entry_get_title (entry), ==, "Smile \xf0\x9f\x98\x80 \\ud800");
  g_assert_true (g_utf8_validate (briefing_entry_get_content (entry), -1, NULL));
  g_assert_cmpstr (((BriefingCategory *) g_ptr_array_index (briefing_entry_get_categories (entry), 0))->term, ==,
                   "\xef\xbf\xbd");
}

/* A title of a megabyte is cut; a feed warning on every element keeps
 * only the first few warnings. */
static void
test_hostile_fields (void)
{
  g_autoptr(GString) doc = g_string_new ("<rss version=\"2.0\"><channel><title>Fields</title><item><title>");
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  const char *title;

  for (guint i = 0; i < 100000; i++)
    g_string_append (doc, "long title ");
  g_string_append (doc, "</title></item>");
  for (guint i = 0; i < 5000; i++)
    g_string_append (doc, "<item><title>x</title><bogus:tag/></item>");
  g_string_append (doc, "</channel></rss>");

  feed = parse_string (doc, &error);
  g_assert_no_error (error);

  title = briefing_entry_get_title (first_entry (feed));
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 501);
  g_assert_true (g_str_has_suffix (title, "…"));
  g_assert_cmpuint (briefing_feed_get_entries (feed)->len, ==, 5001);
  g_assert_cmpuint (briefing_feed_get_warnings (feed)->len, <=, 50);
}

/* Bytes that are no text at all: a clear error or an empty feed, never a
 * crash. */
static void
test_hostile_bytes (void)
{
  static const char * const prefixes[] = { "", "<", "<?xml version=\"1.0\"?>", "<rss>", "{", "\xEF\xBB\xBF", "\xFF\xFE" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) doc = g_string_new (prefixes[round % G_N_ELEMENTS (prefixes)]);
      g_autoptr(GError) error = NULL;
      g_autoptr(BriefingFeed) feed = NULL;
      guint len = g_rand_int_range (rand, 0, 4096);

      for (guint i = 0; i < len; i++)
        g_string_append_c (doc, (char) g_rand_int_range (rand, 0, 256));

      feed = parse_string (doc, &error);
      g_assert_true ((feed == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_error (error, BRIEFING_FEED_PARSER_ERROR, error->code);
    }
}

/* A document libxml2's stream reader gives up on is read again as a tree:
 * the entries must come out the same. */
static void
test_stream_and_tree_agree (void)
{
  static const char items[] =
    "<item><title>One &amp; only</title><link>/one</link><pubDate>Mon, 06 Apr 2009 13:05:00 GMT</pubDate>"
    "<description>&lt;p&gt;Body &lt;a href=\"x\"&gt;link&lt;/a&gt;&lt;/p&gt;</description>"
    "<category domain=\"d\">Cat</category><enclosure url=\"/a.mp3\" length=\"5\" type=\"audio/mpeg\"/></item>"
    "<item><title>Two</title><guid isPermaLink=\"false\">two</guid></item>";
  g_autofree char *good = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title>%s</channel></rss>", items);
  g_autofree char *broken = g_strdup_printf ("<rss version=\"2.0\"><channel><title>T</title>%s</stray></channel></rss>",
                                             items);
  g_autoptr(BriefingFeed) streamed = parse (good, -1, "https://example.net/f", NULL, NULL);
  g_autoptr(BriefingFeed) recovered = parse (broken, -1, "https://example.net/f", NULL, NULL);
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  JsonObject *oa;
  JsonObject *ob;

  g_assert_cmpuint (briefing_feed_get_warnings (streamed)->len, ==, 0);
  g_assert_cmpuint (briefing_feed_get_warnings (recovered)->len, >, 0);

  a = feed_to_json (streamed);
  b = feed_to_json (recovered);
  oa = json_node_get_object (a);
  ob = json_node_get_object (b);
  g_assert_true (json_node_equal (json_object_get_member (oa, "entries"), json_object_get_member (ob, "entries")));
  g_assert_cmpstr (json_object_get_string_member (oa, "title"), ==, json_object_get_string_member (ob, "title"));
}

/* The input cleaner hands libxml2 a buffer at a time: whatever the
 * buffer size, the text must come out the same. */
static void
test_input_buffers (void)
{
  static const char * const docs[] = {
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>A &amp; B &eacute; &#150; &#x1F600; "
    "&nbsp;&bogus; & &#0; &#xD800;</title><![CDATA[ & < &eacute; ]]><!-- & --><?pi & ?></channel></rss>",
    "<!DOCTYPE rss [ <!ENTITY me \"Me &amp; you\"> <!ENTITY % p \"x\"> ]><rss>&me; &you; \xC2\x92 \xEF\xBF\xBE \x01</rss>",
    "   junk<rss><item><title>tail &eac",
  };

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      g_autoptr(GString) whole = briefing_xml_input_prepare (docs[d], strlen (docs[d]), NULL,
                                                             BRIEFING_XML_INPUT_NONE, NULL);

      for (int size = 1; size < 40; size++)
        {
          g_autoptr(BriefingXmlInput) input = briefing_xml_input_new (docs[d], strlen (docs[d]), NULL,
                                                                      BRIEFING_XML_INPUT_NONE, NULL);
          g_autoptr(GString) pieces = g_string_new (NULL);
          char buffer[64];
          int n;

          while ((n = briefing_xml_input_read (input, buffer, size)) > 0)
            g_string_append_len (pieces, buffer, n);

          g_assert_cmpstr (pieces->str, ==, whole->str);
        }

      g_assert_true (g_utf8_validate (whole->str, whole->len, NULL));
    }
}

/* briefingctl --------------------------------------------------------------- */

static void
drop_empty_members (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *child = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_NULL (child) ||
              (JSON_NODE_HOLDS_ARRAY (child) && json_array_get_length (json_node_get_array (child)) == 0))
            json_object_remove_member (object, l->data);
          else
            drop_empty_members (child);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        drop_empty_members (json_array_get_element (array, i));
    }
}

static gboolean
only_members (JsonObject          *object,
              const char * const  *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_test_message ("unexpected member %s", (const char *) l->data);
          return FALSE;
        }
    }

  return TRUE;
}

/* `briefingctl parse FILE --base-url URL --json` prints what DESIGN.md
 * says, and what the parser gives. */
static void
test_briefingctl_parse (void)
{
  static const char * const feed_members[] = {
    "format", "title", "subtitle", "link", "language", "icon", "updated", "warnings", "entries", NULL,
  };
  static const char * const entry_members[] = {
    "id", "title", "link", "published", "updated", "authors", "summary", "content", "categories", "image",
    "enclosures", "topics", NULL,
  };
  const char *ctl = g_getenv ("BRIEFINGCTL");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "feeds", "ns-media.xml", NULL);
  g_autofree char *html = g_test_build_filename (G_TEST_DIST, "fixtures", "feeds", "rec-not-a-feed.html", NULL);
  const char *url = "https://example.net/feeds/ns-media.xml";
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(JsonNode) ours = NULL;
  JsonNode *printed;
  JsonArray *entries;
  int status;

  if (ctl == NULL || !g_file_test (ctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("BRIEFINGCTL does not name the built briefingctl");
      return;
    }

  {
    const char *argv[] = { ctl, "parse", fixture, "--base-url", url, "--json", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  printed = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (printed));
  g_assert_true (only_members (json_node_get_object (printed), feed_members));

  entries = json_object_get_array_member (json_node_get_object (printed), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_assert_true (only_members (json_array_get_object_element (entries, i), entry_members));

  /* The same as the parser's own reading, absent values aside. */
  file = g_file_new_for_path (fixture);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  feed = briefing_feed_parse (bytes, url, NULL, &error);
  g_assert_no_error (error);
  ours = feed_to_json (feed);
  drop_empty_members (ours);
  drop_empty_members (printed);
  g_assert_true (json_node_equal (ours, printed));

  /* A failure is a non-zero exit and one line on standard error. */
  {
    const char *argv[] = { ctl, "parse", html, "--json", NULL };
    g_autofree char *fail_out = NULL;
    g_autofree char *fail_err = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &fail_out, &fail_err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (fail_out, ==, "");
    g_assert_true (g_str_has_suffix (fail_err, "\n"));
    g_assert_cmpint (strchr (fail_err, '\n') - fail_err, ==, strlen (fail_err) - 1);
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
  g_test_add_func ("/feed-parser/json-feed-url-base", test_json_feed_url_base);
  g_test_add_func ("/feed-parser/json-feed-lone-surrogates", test_json_feed_lone_surrogates);
  g_test_add_func ("/feed-parser/media-lead-photo", test_media_lead_photo);
  g_test_add_func ("/feed-parser/errors", test_errors);
  g_test_add_func ("/feed-parser/hostile/depth", test_hostile_depth);
  g_test_add_func ("/feed-parser/hostile/json-depth", test_hostile_json_depth);
  g_test_add_func ("/feed-parser/hostile/size", test_hostile_size);
  g_test_add_func ("/feed-parser/hostile/fields", test_hostile_fields);
  g_test_add_func ("/feed-parser/hostile/bytes", test_hostile_bytes);
  g_test_add_func ("/feed-parser/stream-and-tree-agree", test_stream_and_tree_agree);
  g_test_add_func ("/feed-parser/input-buffers", test_input_buffers);
  g_test_add_func ("/feed-parser/briefingctl-parse", test_briefingctl_parse);
  g_test_add_func ("/feed-parser/self-url", test_self_url);
  add_fixture_tests ();

  return g_test_run ();
}
