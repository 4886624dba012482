/* fuzz-feed-parser.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the feed parser: any bytes, read as a feed with
 * and without an HTTP charset. What counts is that nothing crashes, leaks
 * (AddressSanitizer's leak check), hangs or grows without bound. */

#include "config.h"

#include <stdint.h>

#include "briefing-feed.h"
#include "briefing-feed-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
parse_once (GBytes     *bytes,
            const char *content_type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = NULL;

  feed = briefing_feed_parse (bytes, "https://example.net/feeds/feed.xml", content_type, &error);

  /* One or the other, never both, never neither. */
  if ((feed == NULL) == (error == NULL))
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  parse_once (bytes, NULL);

  /* The HTTP charset changes the decoding path; the first byte picks one. */
  if (size > 0 && (data[0] & 3) == 1)
    parse_once (bytes, "text/xml; charset=iso-8859-1");
  else if (size > 0 && (data[0] & 3) == 2)
    parse_once (bytes, "application/rss+xml; charset=utf-16");

  return 0;
}
