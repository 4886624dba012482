/* briefing-feed-private.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-feed.h"

G_BEGIN_DECLS

/* The parsers fill a feed field by field, so they see its struct. */
struct _BriefingFeed
{
  GObject    parent_instance;

  char      *format;
  char      *title;
  char      *subtitle;
  char      *link;
  char      *self_url;  /* the address the feed gives for itself, web only */
  char      *language;
  char      *icon;
  gint64     updated;
  int        ttl_minutes;
  GPtrArray *warnings;
  GPtrArray *entries;

  /* Set by briefing_feed_parse_full() for benchmarks only: bodies are
   * kept as the feed gave them, unsanitized, to time the parser alone. */
  guint      raw_html : 1;
  guint      full : 1;
};

/* More entries than feeds list (retention keeps 500 of a source unless
 * told otherwise). Past this a document is count, not news: 680,000 tiny
 * items in 31 MB took half a gigabyte and 15 seconds to store. */
#define BRIEFING_FEED_MAX_ENTRIES 10000

BriefingFeed *briefing_feed_new      (void);
void          briefing_feed_warn     (BriefingFeed *self,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);
gboolean      briefing_feed_is_full  (BriefingFeed *self);

G_END_DECLS
