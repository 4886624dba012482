/* briefing-feed-parser.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_FEED_PARSER_ERROR (briefing_feed_parser_error_quark ())

typedef enum
{
  BRIEFING_FEED_PARSER_ERROR_EMPTY,
  BRIEFING_FEED_PARSER_ERROR_TOO_LARGE,
  BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED,
  BRIEFING_FEED_PARSER_ERROR_WEB_PAGE,
  BRIEFING_FEED_PARSER_ERROR_MALFORMED,
} BriefingFeedParserError;

/* Documents larger than this are neither fetched nor read nor parsed. */
#define BRIEFING_FEED_MAX_SIZE (32 * 1024 * 1024)

GQuark        briefing_feed_parser_error_quark (void);
BriefingFeed *briefing_feed_parse              (GBytes      *bytes,
                                                const char  *document_url,
                                                const char  *content_type,
                                                GError     **error);

G_END_DECLS
