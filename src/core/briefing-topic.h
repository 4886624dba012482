/* briefing-topic.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_TOPIC (briefing_topic_get_type())

G_DECLARE_FINAL_TYPE (BriefingTopic, briefing_topic, BRIEFING, TOPIC, GObject)

BriefingTopic     *briefing_topic_new       (const char        *name,
                                             BriefingTopicKind  kind);
BriefingTopic     *briefing_topic_new_weighted (const char        *name,
                                                BriefingTopicKind  kind,
                                                double             weight);
const char        *briefing_topic_get_name  (BriefingTopic     *self);
double             briefing_topic_get_weight (BriefingTopic    *self);
BriefingTopicKind  briefing_topic_get_kind  (BriefingTopic     *self);
char              *briefing_topic_normalize (const char        *name);

G_END_DECLS
