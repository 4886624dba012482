/* test-opml.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-opml.h"
#include "briefing-source.h"
#include "briefing-store.h"

static const char exported_by_another_reader[] =
  "<?xml version=\"1.0\"?>\n"
  "<opml version=\"1.0\"><head><title>Mine</title></head><body>\n"
  "  <outline text=\"Loose &amp; Free\" xmlUrl=\"https://loose.example/feed\" htmlUrl=\"https://loose.example/\"/>\n"
  "  <outline text=\"News\">\n"
  "    <outline type=\"rss\" text=\"World\" title=\"World desk\" xmlUrl=\"https://news.example/world.rss\"/>\n"
  "    <outline text=\"Local\">\n"
  "      <outline text=\"City\" xmlUrl=\"https://city.example/atom\"/>\n"
  "    </outline>\n"
  "  </outline>\n"
  "  <outline text=\"no url\"/>\n"
  "  <outline text=\"not web\" xmlUrl=\"javascript:alert(1)\"/>\n"
  "</body></opml>";

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = briefing_opml_parse (exported_by_another_reader, strlen (exported_by_another_reader), &error);
  BriefingOpmlOutline *outline;

  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 3);

  outline = g_ptr_array_index (outlines, 0);
  g_assert_cmpstr (outline->url, ==, "https://loose.example/feed");
  g_assert_cmpstr (outline->title, ==, "Loose & Free");
  g_assert_cmpstr (outline->site_url, ==, "https://loose.example/");
  g_assert_null (outline->group);

  outline = g_ptr_array_index (outlines, 1);
  g_assert_cmpstr (outline->title, ==, "World desk");
  g_assert_cmpstr (outline->group, ==, "News");

  /* Nested folders keep the innermost name. */
  outline = g_ptr_array_index (outlines, 2);
  g_assert_cmpstr (outline->group, ==, "Local");
}

static void
test_not_opml (void)
{
  static const char * const documents[] = {
    "",
    "<rss version=\"2.0\"><channel/></rss>",
    "\x89PNG\r\n\x1a\n",
    "<opml",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) outlines = briefing_opml_parse (documents[i], strlen (documents[i]), &error);

      g_assert_null (outlines);
      g_assert_error (error, BRIEFING_OPML_ERROR, BRIEFING_OPML_ERROR_INVALID);
    }
}

/* Import into a store, export, import the export into a second store: the
 * same sources in the same groups come back. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = g_build_filename (g_get_user_data_dir (), "first.db", NULL);
  g_autofree char *second_path = g_build_filename (g_get_user_data_dir (), "second.db", NULL);
  g_autoptr(BriefingStore) first = briefing_store_open (first_path, &error);
  g_autoptr(BriefingStore) second = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) reimported = NULL;
  g_autofree char *exported = NULL;

  g_assert_no_error (error);
  outlines = briefing_opml_parse (exported_by_another_reader, strlen (exported_by_another_reader), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outlines->len; i++)
    {
      BriefingOpmlOutline *outline = g_ptr_array_index (outlines, i);

      briefing_store_add_source (first, outline->url, outline->title, outline->group, &error);
      g_assert_no_error (error);
    }

  /* A bundled source is not exported: nobody else could read it. */
  briefing_store_add_source (first, "resource:///io/github/briefing/Briefing/samples/samples.xml", "Samples", NULL, &error);
  g_assert_no_error (error);

  sources = briefing_store_list_sources (first, &error);
  g_assert_no_error (error);
  exported = briefing_opml_write (sources, "Briefing <subscriptions>");
  g_assert_nonnull (strstr (exported, "<title>Briefing &lt;subscriptions&gt;</title>"));
  g_assert_null (strstr (exported, "resource:"));

  reimported = briefing_opml_parse (exported, strlen (exported), &error);
  g_assert_no_error (error);
  second = briefing_store_open (second_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reimported->len; i++)
    {
      BriefingOpmlOutline *outline = g_ptr_array_index (reimported, i);

      briefing_store_add_source (second, outline->url, outline->title, outline->group, &error);
      g_assert_no_error (error);
    }

  again = briefing_store_list_sources (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  for (guint i = 0; i < again->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (again, i);
      gboolean found = FALSE;

      for (guint j = 0; j < outlines->len; j++)
        {
          BriefingOpmlOutline *outline = g_ptr_array_index (outlines, j);

          if (g_str_equal (outline->url, briefing_source_get_url (source)))
            {
              g_assert_cmpstr (outline->group, ==, briefing_source_get_group (source));
              g_assert_cmpstr (outline->title, ==, briefing_source_get_title (source));
              found = TRUE;
            }
        }

      g_assert_true (found);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/opml/parse", test_parse);
  g_test_add_func ("/opml/not-opml", test_not_opml);
  g_test_add_func ("/opml/round-trip", test_round_trip);

  return g_test_run ();
}
