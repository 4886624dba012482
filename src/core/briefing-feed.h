/* briefing-feed.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_FEED (briefing_feed_get_type())

G_DECLARE_FINAL_TYPE (BriefingFeed, briefing_feed, BRIEFING, FEED, GObject)

const char *briefing_feed_get_format   (BriefingFeed *self);
const char *briefing_feed_get_title    (BriefingFeed *self);
const char *briefing_feed_get_subtitle (BriefingFeed *self);
const char *briefing_feed_get_link     (BriefingFeed *self);
const char *briefing_feed_get_self_url (BriefingFeed *self);
const char *briefing_feed_get_language (BriefingFeed *self);
const char *briefing_feed_get_icon     (BriefingFeed *self);
gint64      briefing_feed_get_updated  (BriefingFeed *self);
int         briefing_feed_get_ttl      (BriefingFeed *self);
GPtrArray  *briefing_feed_get_warnings (BriefingFeed *self);
GPtrArray  *briefing_feed_get_entries  (BriefingFeed *self);

G_END_DECLS
