/* briefing-discovery.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A feed a web page advertises with <link rel="alternate">. */
typedef struct
{
  char *url;
  char *title;
  char *type;
} BriefingFeedLink;

void       briefing_feed_link_free   (BriefingFeedLink *link);
GPtrArray *briefing_discover_feeds   (const char       *html,
                                      gsize             len,
                                      const char       *base_url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingFeedLink, briefing_feed_link_free)

G_END_DECLS
