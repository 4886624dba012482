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
  char      *language;
  char      *icon;
  gint64     updated;
  int        ttl_minutes;
  GPtrArray *warnings;
  GPtrArray *entries;

  /* Set by briefing_feed_parse_full() for benchmarks only: bodies are
   * kept as the feed gave them, unsanitized, to time the parser alone. */
  guint      raw_html : 1;
};

BriefingFeed *briefing_feed_new      (void);
void          briefing_feed_warn     (BriefingFeed *self,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
