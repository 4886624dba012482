/* briefing-feed-parser-private.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-entry-draft.h"
#include "briefing-feed-parser.h"

G_BEGIN_DECLS

typedef enum
{
  BRIEFING_FEED_PARSE_DEFAULT  = 0,
  /* Benchmarks only: skip the sanitizer, keep bodies raw. Never use the
   * result for anything shown or stored. */
  BRIEFING_FEED_PARSE_RAW_HTML = 1 << 0,
} BriefingFeedParseFlags;

BriefingFeed *briefing_feed_parse_full (GBytes                  *bytes,
                                        const char              *document_url,
                                        const char              *content_type,
                                        BriefingFeedParseFlags   flags,
                                        GError                 **error);
BriefingFeed *briefing_feed_parse_xml  (const char              *data,
                                        gsize                    len,
                                        const char              *document_url,
                                        const char              *http_charset,
                                        BriefingFeedParseFlags   flags,
                                        GError                 **error);
BriefingFeed *briefing_feed_parse_json (const char              *data,
                                        gsize                    len,
                                        const char              *document_url,
                                        BriefingFeedParseFlags   flags,
                                        GError                 **error);

G_END_DECLS
