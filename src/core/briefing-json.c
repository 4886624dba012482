/* briefing-json.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-json"

#include "config.h"

#include "briefing-json.h"

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-topic.h"
#include "briefing-utils.h"

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
 * briefing_json_add_time:
 *
 * Adds the member @name as an RFC 3339 time, or nothing when unknown.
 */
void
briefing_json_add_time (JsonBuilder *builder,
                        const char  *name,
                        gint64       unix_time)
{
  g_autofree char *text = briefing_format_rfc3339 (unix_time);

  briefing_json_add_string (builder, name, text);
}

void
briefing_json_add_int (JsonBuilder *builder,
                       const char  *name,
                       gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
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
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
briefing_json_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
briefing_json_get_array (JsonObject *object,
                         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Numbers come as JSON numbers, as strings of digits (Google Reader's
 * "crawlTimeMsec") or as booleans (tt-rss's "unread"): each is read,
 * anything else is 0. */
gint64
briefing_json_get_int (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType type;
  gint64 number = 0;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) CLAMP (json_node_get_double (node), G_MININT64 / 2, G_MAXINT64 / 2);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_STRING)
    g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, &number, NULL);

  return number;
}

/**
 * briefing_json_is_shallow:
 *
 * json-glib descends recursively: a body of nothing but '[' would take the
 * stack with it. Call this before parsing what a server sent. Strings are
 * skipped, escapes and all.
 *
 * Returns: whether @data nests no deeper than @max_depth
 */
gboolean
briefing_json_is_shallow (const char *data,
                          gsize       len,
                          int         max_depth)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }

  return TRUE;
}

static void
add_image (JsonBuilder   *builder,
           BriefingEntry *entry)
{
  const BriefingImage *image = briefing_entry_get_image (entry);

  json_builder_set_member_name (builder, "image");
  if (image == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  briefing_json_add_string (builder, "url", image->url);
  briefing_json_add_string (builder, "caption", image->caption);
  briefing_json_add_string (builder, "credit", image->credit);
  if (image->width > 0)
    briefing_json_add_int (builder, "width", image->width);
  if (image->height > 0)
    briefing_json_add_int (builder, "height", image->height);
  json_builder_end_object (builder);
}

/**
 * briefing_json_add_topics:
 *
 * Adds the member "topics": the entry's topics as {name, kind}.
 */
void
briefing_json_add_topic_list (JsonBuilder *builder,
                              GPtrArray   *topics)
{
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < topics->len; i++)
    {
      BriefingTopic *topic = g_ptr_array_index (topics, i);

      json_builder_begin_object (builder);
      briefing_json_add_string (builder, "name", briefing_topic_get_name (topic));
      briefing_json_add_string (builder, "kind", briefing_topic_kind_to_string (briefing_topic_get_kind (topic)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
briefing_json_add_topics (JsonBuilder   *builder,
                          BriefingEntry *entry)
{
  briefing_json_add_topic_list (builder, briefing_entry_get_topics (entry));
}

/**
 * briefing_json_add_entry:
 *
 * Adds the members of a parsed entry's full shape, as `briefingctl parse
 * --json` and `show --json` print it (DESIGN.md), to the open object.
 */
void
briefing_json_add_entry (JsonBuilder   *builder,
                         BriefingEntry *entry)
{
  briefing_json_add_string (builder, "title", briefing_entry_get_title (entry));
  briefing_json_add_string (builder, "link", briefing_entry_get_link (entry));
  briefing_json_add_time (builder, "published", briefing_entry_get_published (entry));
  briefing_json_add_time (builder, "updated", briefing_entry_get_updated (entry));
  json_builder_set_member_name (builder, "authors");
  briefing_json_add_authors (builder, briefing_entry_get_authors (entry));
  briefing_json_add_string (builder, "summary", briefing_entry_get_summary (entry));
  briefing_json_add_string (builder, "content", briefing_entry_get_content (entry));
  json_builder_set_member_name (builder, "categories");
  briefing_json_add_categories (builder, briefing_entry_get_categories (entry));
  add_image (builder, entry);
  json_builder_set_member_name (builder, "enclosures");
  briefing_json_add_enclosures (builder, briefing_entry_get_enclosures (entry));
  briefing_json_add_topics (builder, entry);
}

/**
 * briefing_json_add_feed:
 *
 * Adds a parsed feed as one object, as `briefingctl parse --json` prints
 * it (DESIGN.md); the parser tests compare their fixtures with it.
 */
void
briefing_json_add_feed (JsonBuilder  *builder,
                        BriefingFeed *feed)
{
  GPtrArray *warnings = briefing_feed_get_warnings (feed);
  GPtrArray *entries = briefing_feed_get_entries (feed);

  json_builder_begin_object (builder);
  briefing_json_add_string (builder, "format", briefing_feed_get_format (feed));
  briefing_json_add_string (builder, "title", briefing_feed_get_title (feed));
  briefing_json_add_string (builder, "subtitle", briefing_feed_get_subtitle (feed));
  briefing_json_add_string (builder, "link", briefing_feed_get_link (feed));
  briefing_json_add_string (builder, "language", briefing_feed_get_language (feed));
  briefing_json_add_string (builder, "icon", briefing_feed_get_icon (feed));
  briefing_json_add_time (builder, "updated", briefing_feed_get_updated (feed));

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      briefing_json_add_string (builder, "id", briefing_entry_get_guid (entry));
      briefing_json_add_entry (builder, entry);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
