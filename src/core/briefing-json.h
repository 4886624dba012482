/* briefing-json.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "briefing-types.h"

G_BEGIN_DECLS

/* The JSON shapes of an entry's lists, shared by the store's columns and
 * briefingctl's output, so that both say "uri" or "length" the same way. */

void        briefing_json_add_string     (JsonBuilder *builder,
                                          const char  *name,
                                          const char  *value);
void        briefing_json_add_authors    (JsonBuilder *builder,
                                          GPtrArray   *authors);
void        briefing_json_add_categories (JsonBuilder *builder,
                                          GPtrArray   *categories);
void        briefing_json_add_enclosures (JsonBuilder *builder,
                                          GPtrArray   *enclosures);
void        briefing_json_add_time       (JsonBuilder *builder,
                                          const char  *name,
                                          gint64       unix_time);
void        briefing_json_add_int        (JsonBuilder *builder,
                                          const char  *name,
                                          gint64       value);
void        briefing_json_add_topic_list (JsonBuilder   *builder,
                                          GPtrArray     *topics);
void        briefing_json_add_topics     (JsonBuilder   *builder,
                                          BriefingEntry *entry);
void        briefing_json_add_entry      (JsonBuilder   *builder,
                                          BriefingEntry *entry);
void        briefing_json_add_feed       (JsonBuilder   *builder,
                                          BriefingFeed  *feed);
char       *briefing_json_to_string      (JsonBuilder *builder,
                                          gboolean     pretty);
/* Type-checked reads of a document from the network: a member of the
 * wrong type reads as absent (NULL, 0). @object may be NULL. */
const char *briefing_json_get_string     (JsonObject  *object,
                                          const char  *member);
JsonObject *briefing_json_get_object     (JsonObject  *object,
                                          const char  *member);
JsonArray  *briefing_json_get_array      (JsonObject  *object,
                                          const char  *member);
gint64      briefing_json_get_int        (JsonObject  *object,
                                          const char  *member);
gboolean    briefing_json_is_shallow     (const char  *data,
                                          gsize        len,
                                          int          max_depth);

G_END_DECLS
