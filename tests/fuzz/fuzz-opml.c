/* fuzz-opml.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for OPML import: any bytes, read as a subscription
 * list. The result is outlines or an error, never both, never neither;
 * every address in it is a web address Briefing may fetch; and exporting
 * what was read and reading the export back gives the same addresses. */

#include "config.h"

#include "briefing-opml.h"
#include "briefing-source.h"
#include "briefing-url.h"
#include "fuzz-common.h"

#include <string.h>

/* briefing_opml_parse() keeps at most this many, titles of at most this
 * many characters, and addresses of at most this many bytes. */
#define MAX_OUTLINES 10000
#define MAX_TITLE_CHARS 1024
#define MAX_URL_BYTES 8192

static void
check_text (const char *text)
{
  if (text == NULL)
    return;

  FUZZ_CHECK (*text != '\0');
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL));

  FUZZ_CHECK (g_utf8_strlen (text, -1) <= MAX_TITLE_CHARS);
}

static void
check_outline (const BriefingOpmlOutline *outline)
{
  FUZZ_CHECK (outline->url != NULL);
  FUZZ_CHECK (briefing_url_is_web (outline->url));
  FUZZ_CHECK (outline->site_url == NULL || briefing_url_is_web (outline->site_url));
  FUZZ_CHECK (strlen (outline->url) <= MAX_URL_BYTES);
  check_text (outline->title);
  check_text (outline->group);
}

/* The outlines as the sources an export would write. */
static GPtrArray *
sources_from_outlines (GPtrArray *outlines)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < outlines->len; i++)
    {
      const BriefingOpmlOutline *outline = g_ptr_array_index (outlines, i);
      BriefingSource *source = briefing_source_new (i + 1, outline->url);

      briefing_source_set_title (source, outline->title);
      briefing_source_set_site_url (source, outline->site_url);
      briefing_source_set_group (source, outline->group);
      g_ptr_array_add (sources, source);
    }

  return sources;
}

static int
compare_outline_urls (gconstpointer a,
                      gconstpointer b)
{
  const BriefingOpmlOutline *first = *(BriefingOpmlOutline * const *) a;
  const BriefingOpmlOutline *second = *(BriefingOpmlOutline * const *) b;

  return strcmp (first->url, second->url);
}

/* The export groups outlines by folder, so only the set of addresses is
 * compared, not their order.
 */
static void
check_round_trip (GPtrArray *outlines)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = NULL;

  sources = sources_from_outlines (outlines);
  exported = briefing_opml_write (sources, "Fuzzed subscriptions");
  again = briefing_opml_parse (exported, strlen (exported), &error);

  FUZZ_CHECK (again != NULL);
  FUZZ_CHECK (again->len == outlines->len);

  g_ptr_array_sort (outlines, compare_outline_urls);
  g_ptr_array_sort (again, compare_outline_urls);
  for (guint i = 0; i < outlines->len; i++)
    {
      const BriefingOpmlOutline *before = g_ptr_array_index (outlines, i);
      const BriefingOpmlOutline *after = g_ptr_array_index (again, i);

      FUZZ_CHECK (g_str_equal (before->url, after->url));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = NULL;

  outlines = briefing_opml_parse ((const char *) data, size, &error);

  /* One or the other, never both, never neither. */
  FUZZ_CHECK ((outlines == NULL) != (error == NULL));
  if (outlines == NULL)
    return 0;

  FUZZ_CHECK (outlines->len <= MAX_OUTLINES);
  for (guint i = 0; i < outlines->len; i++)
    check_outline (g_ptr_array_index (outlines, i));

  check_round_trip (outlines);

  return 0;
}
