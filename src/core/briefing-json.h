/* briefing-json.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

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
char       *briefing_json_to_string      (JsonBuilder *builder,
                                          gboolean     pretty);
const char *briefing_json_get_string     (JsonObject  *object,
                                          const char  *member);

G_END_DECLS
