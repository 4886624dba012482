/* fuzz-html-sanitizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the HTML sanitizer, as the parser calls it: a
 * fragment with a base URL, a lead photo to drop and a lead figure to
 * take out; then its text. The output must sanitize to itself (no
 * second pass may find anything left to remove) and hold no <script. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "briefing-html-sanitizer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The parser hands the sanitizer valid UTF-8 only. */
  g_autofree char *html = g_utf8_make_valid ((const char *) data, size);
  g_autoptr(BriefingImage) figure = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *again = NULL;
  g_autofree char *text = NULL;

  clean = briefing_html_sanitize (html, "https://example.net/a/b.html", "https://example.net/lead.jpg",
                                  BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, &figure);
  text = briefing_html_to_text (html);

  if (clean != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (clean, -1);

      if (strstr (lower, "<script") != NULL || !g_utf8_validate (clean, -1, NULL))
        __builtin_trap ();

      again = briefing_html_sanitize (clean, "https://example.net/a/b.html", NULL, BRIEFING_SANITIZE_NONE, NULL);
      if (again != NULL && strstr (again, "<script") != NULL)
        __builtin_trap ();
    }

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();

  return 0;
}
