/* briefing-json.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-json"

#include "config.h"

#include "briefing-json.h"
#include "briefing-types.h"

/**
 * briefing_json_add_string:
 *
 * Adds the member @name with @value, or nothing when @value is %NULL:
 * absent values are left out rather than written as null.
 */
void
briefing_json_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * briefing_json_add_authors:
 * @authors: (element-type BriefingPerson)
 *
 * Adds an array of {name, email, uri} as the next value.
 */
void
briefing_json_add_authors (JsonBuilder *builder,
                           GPtrArray   *authors)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < authors->len; i++)
    {
      const BriefingPerson *person = g_ptr_array_index (authors, i);

      json_builder_begin_object (builder);
      briefing_json_add_string (builder, "name", person->name);
      briefing_json_add_string (builder, "email", person->email);
      briefing_json_add_string (builder, "uri", person->uri);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * briefing_json_add_categories:
 * @categories: (element-type BriefingCategory)
 *
 * Adds an array of {term, scheme, label} as the next value.
 */
void
briefing_json_add_categories (JsonBuilder *builder,
                              GPtrArray   *categories)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < categories->len; i++)
    {
      const BriefingCategory *category = g_ptr_array_index (categories, i);

      json_builder_begin_object (builder);
      briefing_json_add_string (builder, "term", category->term);
      briefing_json_add_string (builder, "scheme", category->scheme);
      briefing_json_add_string (builder, "label", category->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * briefing_json_add_enclosures:
 * @enclosures: (element-type BriefingEnclosure)
 *
 * Adds an array of {url, type, length} as the next value.
 */
void
briefing_json_add_enclosures (JsonBuilder *builder,
                              GPtrArray   *enclosures)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < enclosures->len; i++)
    {
      const BriefingEnclosure *enclosure = g_ptr_array_index (enclosures, i);

      json_builder_begin_object (builder);
      briefing_json_add_string (builder, "url", enclosure->url);
      briefing_json_add_string (builder, "type", enclosure->type);
      json_builder_set_member_name (builder, "length");
      json_builder_add_int_value (builder, enclosure->length);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
briefing_json_to_string (JsonBuilder *builder,
                         gboolean     pretty)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * briefing_json_get_string:
 *
 * Returns: (nullable): the string member @member, or %NULL when it is
 *   missing or not a string (JSON from anywhere is type-checked)
 */
const char *
briefing_json_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}
