/* test-url.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-opml.h"
#include "briefing-url.h"

/* The one allowlist every address from the network passes: normalising
 * as the URL standard does, then http(s) with a real host for fetching,
 * and those or mailto for links. */

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "  https://example.net/a  ", "https://example.net/a" },
    { "\x01\x1f https://example.net/\x7f", "https://example.net/%7F" },
    { "fi\nle:///etc/passwd", "file:///etc/passwd" },
    { "java\tscript:alert(1)", "javascript:alert(1)" },
    { "https://exa\r\nmple.net/", "https://example.net/" },
    { "https://example.net/a b", "https://example.net/a%20b" },
    { "https://example.net/100%", "https://example.net/100%25" },
    { "https://example.net/%zz", "https://example.net/%25zz" },
    { "https://example.net/%41", "https://example.net/%41" },
    { "https://example.net/\x02x", "https://example.net/%02x" },
    { " \t\n ", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = briefing_url_normalize (cases[i].in);
      g_autofree char *again = briefing_url_normalize (out);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpstr (again, ==, out);
    }

  g_assert_null (briefing_url_normalize (NULL));
}

/* A reference that cannot be resolved into a writable address stays as
 * it was (and so is never used), without a critical. */
static void
test_resolve (void)
{
  static const struct { const char *base; const char *url; const char *out; } cases[] = {
    { "https://example.net/feeds/a.xml", "b.xml", "https://example.net/feeds/b.xml" },
    { "https://example.net/feeds/a.xml", " /x y", "https://example.net/x%20y" },
    { "https://example.net/feeds/a.xml", "//cdn.example/p.jpg", "https://cdn.example/p.jpg" },
    { "javascript:/x", "/.//evil.example/", "/.//evil.example/" },
    { "javascript:x", "/.//evil.example/", "/.//evil.example/" },
    { "not a url", "b.xml", "b.xml" },
    { NULL, "b.xml", "b.xml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = briefing_resolve_url (cases[i].base, cases[i].url);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_web (void)
{
  static const char * const valid[] = {
    "http://example.net/",
    "https://example.net",
    "HTTPS://Example.NET/Path?q=1#f",
    "https://example.net:8443/feed",
    "https://example.net:/feed",
    "http://127.0.0.1:8080/feed.xml",
    "http://[::1]:8080/feed.xml",
    "https://[2001:db8::1]/",
    "https://sub_domain.example.net./a",
    "https://xn--mnchen-3ya.de/",
    "https://münchen.de/",
    "https://example.net/a\\b",
    "http://a.example:0017714/",
  };
  static const char * const invalid[] = {
    "http:///etc/passwd",
    "http://",
    "https://:80/",
    "//example.net/",
    "example.net/feed",
    "file:///etc/passwd",
    "ftp://example.net/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http:\\\\evil.example",
    "http://good.example\\@evil.example/",
    "http://example.net:0/",
    "http://example.net:65536/",
    "http://example.net:80a/",
    "http://[::1/",
    "http://[fe80::1%25eth0]/",
    "http://a b/",
    "http://host%2Fx/",
    "http://ex%00ample.net/",
    "http://a..b/",
    "http://-_-/../",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://1.2.3.256/",
    "http://user:pass@example.net/",
    "http://example.net/ a",
    "http://example.net/\x01",
    " http://example.net/",
    NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GUri) uri = briefing_url_parse_web (valid[i], BRIEFING_URL_WEB_NONE, NULL);

      if (!briefing_url_is_web (valid[i]))
        g_error ("%s should be a web address", valid[i]);
      g_assert_nonnull (uri);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (briefing_url_is_web (invalid[i]))
        g_error ("%s should not be a web address", invalid[i]);
    }
}

static void
test_parse_web (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) with_login = NULL;
  g_autoptr(GUri) uri = NULL;

  /* The reader's own feed address may carry a login; nothing else may. */
  with_login = briefing_url_parse_web ("https://me:secret@example.net/private.xml",
                                       BRIEFING_URL_WEB_ALLOW_USERINFO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_host (with_login), ==, "example.net");

  g_assert_null (briefing_url_parse_web ("https://me:secret@example.net/", BRIEFING_URL_WEB_NONE, &error));
  g_assert_error (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_USERINFO);
  g_clear_error (&error);

  g_assert_null (briefing_url_parse_web ("http:///etc/passwd", BRIEFING_URL_WEB_NONE, &error));
  g_assert_error (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_HOST);
  g_clear_error (&error);

  g_assert_null (briefing_url_parse_web ("sftp://example.net/", BRIEFING_URL_WEB_NONE, &error));
  g_assert_error (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_SCHEME);
  g_clear_error (&error);

  /* Normalised on the way: what is checked is what is used. */
  uri = briefing_url_parse_web (" https://exa\nmple.net/a b ", BRIEFING_URL_WEB_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "example.net");
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/a%20b");
}

static void
test_link (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "https://example.net/story", "https://example.net/story" },
    { " http://example.net/story\n", "http://example.net/story" },
    { "https://bank.example@evil.example/login", "https://evil.example/login" },
    { "mailto:desk@example.net", "mailto:desk@example.net" },
    { "mailto:desk@example.net?subject=Hi&attach=/etc/passwd&body=Text",
      "mailto:desk@example.net?subject=Hi&body=Text" },
    { "mailto:desk@example.net?ATTACHMENT=~/.ssh/id_rsa", "mailto:desk@example.net" },
    { "mailto:desk@example.net?x-unknown=1#frag", "mailto:desk@example.net" },
    { "file:///etc/passwd", NULL },
    { "fi\nle:///etc/passwd", NULL },
    { "FILE:///etc/passwd", NULL },
    { "javascript:alert(1)", NULL },
    { " java\tscript:alert(1)", NULL },
    { "vbscript:msgbox", NULL },
    { "data:text/html,<script>alert(1)</script>", NULL },
    { "sftp://example.net/", NULL },
    { "smb://fileserver/share", NULL },
    { "x-unknown-handler:anything", NULL },
    { "about:blank", NULL },
    { "resource:///io/github/briefing/Briefing/samples/samples.xml", NULL },
    { "http:///etc/passwd", NULL },
    { "/relative/path", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = briefing_url_for_link (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_screen (void)
{
  static const struct { const char *url; const char *document; const char *out; } cases[] = {
    { "https://example.net/a.jpg", "https://example.net/feed", "https://example.net/a.jpg" },
    { "file:///home/me/photo.jpg", "file:///home/me/feed.xml", "file:///home/me/photo.jpg" },
    { "file:///etc/passwd", "https://example.net/feed", NULL },
    { "fi\nle:///etc/passwd", "https://example.net/feed", NULL },
    { "resource:///io/github/briefing/Briefing/a.jpg", "resource:///io/github/briefing/Briefing/samples.xml",
      "resource:///io/github/briefing/Briefing/a.jpg" },
    { "resource:///io/github/briefing/Briefing/a.jpg", "https://example.net/feed", NULL },
    { "file:///etc/passwd", "resource:///io/github/briefing/Briefing/samples.xml", NULL },
    { "/blog/2003/12/13/atom03", NULL, "/blog/2003/12/13/atom03" },
    { "javascript:alert(1)", NULL, NULL },
    { "mailto:a@example.net?attach=/etc/passwd", NULL, "mailto:a@example.net" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = briefing_url_screen (g_strdup (cases[i].url), cases[i].document);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_address_scope (void)
{
  static const struct { const char *address; gboolean is_public; } cases[] = {
    { "93.184.216.34", TRUE },
    { "8.8.8.8", TRUE },
    { "2606:2800:220:1:248:1893:25c8:1946", TRUE },
    { "127.0.0.1", FALSE },
    { "127.255.0.9", FALSE },
    { "10.1.2.3", FALSE },
    { "172.16.0.1", FALSE },
    { "172.31.255.255", FALSE },
    { "172.32.0.1", TRUE },
    { "192.168.1.1", FALSE },
    { "169.254.169.254", FALSE },
    { "100.64.0.1", FALSE },
    { "100.128.0.1", TRUE },
    { "0.0.0.0", FALSE },
    { "224.0.0.1", FALSE },
    { "255.255.255.255", FALSE },
    { "::", FALSE },
    { "::1", FALSE },
    { "::ffff:127.0.0.1", FALSE },
    { "::ffff:8.8.8.8", TRUE },
    { "64:ff9b::10.0.0.1", FALSE },
    { "fd00::1", FALSE },
    { "fe80::1", FALSE },
    { "fec0::1", FALSE },
    { "ff02::1", FALSE },
    { "2001:db8::1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cases[i].address);

      g_assert_nonnull (address);
      if (briefing_inet_address_is_public (address) != cases[i].is_public)
        g_error ("%s should %sbe public", cases[i].address, cases[i].is_public ? "" : "not ");
    }
}

static BriefingFeed *
parse (const char *xml,
       const char *url)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  BriefingFeed *feed = briefing_feed_parse (bytes, url, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);

  return feed;
}

/* A feed's links, photos and enclosures are stored only when the
 * allowlist takes them, however they are spelt. */
static void
test_feed_links (void)
{
  static const char xml[] =
    "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel xml:base=\"%zz/\">"
    "<title>Hostile</title><link>fi&#10;le:///etc/passwd</link>"
    "<item xml:base=\"%zz/\"><title>1</title><guid>1</guid><link>fi&#10;le:///etc/passwd\n</link></item>"
    "<item><title>2</title><guid>2</guid><link>javascript:alert(1)</link></item>"
    "<item><title>3</title><guid>3</guid><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link></item>"
    "<item><title>4</title><guid>4</guid><link>sftp://example.net/x</link></item>"
    "<item><title>5</title><guid>5</guid><link>x-no-such-scheme:run</link></item>"
    "<item><title>6</title><guid>6</guid><link>http:///etc/passwd</link>"
    "<enclosure url=\"file:///etc/shadow\" type=\"audio/mpeg\" length=\"1\"/>"
    "<media:content url=\"fi&#x09;le:///etc/passwd.jpg\" medium=\"image\"/></item>"
    "<item><title>7</title><guid>7</guid><link>mailto:desk@example.net?attach=/etc/passwd</link>"
    "<enclosure url=\"https://example.net/a.mp3\" type=\"audio/mpeg\" length=\"1\"/></item>"
    "<item><title>8</title><guid>8</guid><link> https://example.net/story\n</link></item>"
    "</channel></rss>";
  g_autoptr(BriefingFeed) feed = parse (xml, "https://example.net/feed.xml");
  GPtrArray *entries = briefing_feed_get_entries (feed);
  BriefingEntry *entry;

  g_assert_null (briefing_feed_get_link (feed));
  g_assert_cmpuint (entries->len, ==, 8);

  for (guint i = 0; i < 6; i++)
    {
      entry = g_ptr_array_index (entries, i);
      if (briefing_entry_get_link (entry) != NULL)
        g_error ("entry %u kept the link %s", i + 1, briefing_entry_get_link (entry));
    }

  entry = g_ptr_array_index (entries, 5);
  g_assert_null (briefing_entry_get_image_url (entry));
  g_assert_cmpuint (briefing_entry_get_enclosures (entry)->len, ==, 0);

  entry = g_ptr_array_index (entries, 6);
  g_assert_cmpstr (briefing_entry_get_link (entry), ==, "mailto:desk@example.net");
  g_assert_cmpuint (briefing_entry_get_enclosures (entry)->len, ==, 1);

  entry = g_ptr_array_index (entries, 7);
  g_assert_cmpstr (briefing_entry_get_link (entry), ==, "https://example.net/story");
}

/* The same in JSON Feed, where nothing is an entity. */
static void
test_json_feed_links (void)
{
  static const char json[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Hostile\","
    " \"home_page_url\": \"fi\\nle:///etc/passwd\","
    " \"items\": ["
    "  {\"id\": \"1\", \"title\": \"1\", \"url\": \"java\\tscript:alert(1)\","
    "   \"image\": \"file:///etc/passwd\","
    "   \"attachments\": [{\"url\": \"sftp://example.net/x\", \"mime_type\": \"audio/mpeg\"}]},"
    "  {\"id\": \"2\", \"title\": \"2\", \"url\": \"https://example.net/2\"}]}";
  g_autoptr(BriefingFeed) feed = parse (json, "https://example.net/feed.json");
  GPtrArray *entries = briefing_feed_get_entries (feed);
  BriefingEntry *entry;

  g_assert_null (briefing_feed_get_link (feed));
  g_assert_cmpuint (entries->len, ==, 2);

  entry = g_ptr_array_index (entries, 0);
  g_assert_null (briefing_entry_get_link (entry));
  g_assert_null (briefing_entry_get_image_url (entry));
  g_assert_cmpuint (briefing_entry_get_enclosures (entry)->len, ==, 0);

  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (briefing_entry_get_link (entry), ==, "https://example.net/2");
}

/* Entities that expand without end, in any shape, cost no more than a
 * bounded multiple of the document: the document is read without its
 * DTD, and says so. */
static void
test_entity_budget (void)
{
  g_autoptr(GString) quadratic = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"");
  g_autoptr(GString) in_attribute = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(BriefingFeed) attribute_feed = NULL;
  g_autoptr(BriefingFeed) nested = NULL;
  g_autoptr(BriefingFeed) small = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GString) opml = NULL;
  g_autoptr(GError) error = NULL;
  BriefingEntry *entry;
  GString *refs = g_string_new (NULL);

  for (guint i = 0; i < 20000; i++)
    g_string_append (refs, "&a;");

  /* 20,000 characters referenced 20,000 times: 400 MB of text. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (quadratic, 'A');
  g_string_append (quadratic, "\">]>");
  in_attribute = g_string_new (quadratic->str);

  g_string_append_printf (quadratic, "<rss version=\"2.0\"><channel><title>Q</title>"
                                     "<item><title>x</title><guid>x</guid><description>%s</description></item>"
                                     "</channel></rss>", refs->str);
  feed = parse (quadratic->str, "https://example.net/feed.xml");
  g_assert_cmpuint (briefing_feed_get_entries (feed)->len, ==, 1);
  g_assert_true (g_strv_contains ((const char * const *) briefing_feed_get_warnings (feed)->pdata,
                                  "The document's entity declarations expand too far and were ignored"));
  entry = g_ptr_array_index (briefing_feed_get_entries (feed), 0);
  g_assert_cmpuint (strlen (briefing_entry_get_summary (entry)), <, 10 * quadratic->len);

  g_string_append_printf (in_attribute, "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
                                        "<channel><title>Q</title><item><title>x</title><guid>x</guid>"
                                        "<media:content url=\"https://example.net/%s.jpg\" medium=\"image\"/>"
                                        "</item></channel></rss>", refs->str);
  attribute_feed = parse (in_attribute->str, "https://example.net/feed.xml");
  g_assert_cmpuint (briefing_feed_get_warnings (attribute_feed)->len, >, 0);

  /* Nested: 10^6 times ten characters. */
  nested = parse ("<!DOCTYPE rss [<!ENTITY a0 \"AAAAAAAAAA\">"
                  "<!ENTITY a1 \"&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;\">"
                  "<!ENTITY a2 \"&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;\">"
                  "<!ENTITY a3 \"&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;\">"
                  "<!ENTITY a4 \"&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;\">"
                  "<!ENTITY a5 \"&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;\">"
                  "<!ENTITY a6 \"&#38;a5;&#38;a5;&#38;a5;&#38;a5;&#38;a5;&#38;a5;&#38;a5;&#38;a5;&#38;a5;&#38;a5;\">]>"
                  "<rss version=\"2.0\"><channel><title>N</title><item><title>&a6;</title><guid>n</guid></item>"
                  "</channel></rss>", "https://example.net/feed.xml");
  entry = g_ptr_array_index (briefing_feed_get_entries (nested), 0);
  g_assert_cmpuint (strlen (briefing_entry_get_title (entry)), <, 100);

  /* Within the budget, entities still expand. */
  small = parse ("<!DOCTYPE rss [<!ENTITY org \"Harbour Gazette\">]>"
                 "<rss version=\"2.0\"><channel><title>&org;</title><item><title>From the &org;</title>"
                 "<guid>s</guid></item></channel></rss>", "https://example.net/feed.xml");
  g_assert_cmpstr (briefing_feed_get_title (small), ==, "Harbour Gazette");
  g_assert_cmpuint (briefing_feed_get_warnings (small)->len, ==, 0);

  /* OPML expands entities in attribute values. */
  opml = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY b \"");
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (opml, 'B');
  g_string_append_printf (opml, "\">]><opml version=\"2.0\"><body>"
                                "<outline text=\"%s\" xmlUrl=\"https://example.net/feed\"/></body></opml>", refs->str);
  outlines = briefing_opml_parse (opml->str, opml->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 1);
  g_assert_cmpuint (strlen (((BriefingOpmlOutline *) g_ptr_array_index (outlines, 0))->title), <=, 1024);
  g_clear_pointer (&outlines, g_ptr_array_unref);

  /* The title cap counts characters, in any script. */
  g_string_assign (opml, "<opml version=\"2.0\"><body><outline xmlUrl=\"https://example.net/feed\" text=\"");
  for (guint i = 0; i < 3000; i++)
    g_string_append (opml, "\xc3\xa9");
  g_string_append (opml, "\"/></body></opml>");
  outlines = briefing_opml_parse (opml->str, opml->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (((BriefingOpmlOutline *) g_ptr_array_index (outlines, 0))->title, -1), ==, 1024);

  g_string_free (refs, TRUE);
}

/* What the desktop hands over for a subscribe link: feed: wrapping a web
 * address, feed:// standing for http://, or a web address as it is; the
 * allowlist decides, so feed: cannot smuggle in another scheme. */
static void
test_from_feed_link (void)
{
  static const struct { const char *link; const char *url; } cases[] = {
    { "feed:https://example.net/feed.xml", "https://example.net/feed.xml" },
    { "feed:http://example.net/rss", "http://example.net/rss" },
    { "FEED:HTTPS://Example.NET/a b", "https://Example.NET/a%20b" },
    { "feed://example.net/feed.xml", "http://example.net/feed.xml" },
    { "feed://127.0.0.1:8080/x?y=1", "http://127.0.0.1:8080/x?y=1" },
    { "https://example.net/feed", "https://example.net/feed" },
    { "feed:file:///etc/passwd", NULL },
    { "feed:javascript:alert(1)", NULL },
    { "feed:", NULL },
    { "feed:example.net/feed", NULL },
    { "feed://user:secret@example.net/feed", NULL },
    { "file:///home/x/feed.xml", NULL },
    { "feed:https://", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = briefing_url_from_feed_link (cases[i].link, &error);

      g_assert_cmpstr (url, ==, cases[i].url);
      if (cases[i].url == NULL)
        g_assert_error (error, BRIEFING_URL_ERROR, error->code);
      else
        g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/url/normalize", test_normalize);
  g_test_add_func ("/url/resolve", test_resolve);
  g_test_add_func ("/url/web", test_web);
  g_test_add_func ("/url/parse-web", test_parse_web);
  g_test_add_func ("/url/link", test_link);
  g_test_add_func ("/url/from-feed-link", test_from_feed_link);
  g_test_add_func ("/url/screen", test_screen);
  g_test_add_func ("/url/address-scope", test_address_scope);
  g_test_add_func ("/url/feed-links", test_feed_links);
  g_test_add_func ("/url/json-feed-links", test_json_feed_links);
  g_test_add_func ("/url/entity-budget", test_entity_budget);

  return g_test_run ();
}
