/* briefing-feed-parser-json.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed-parser-json"

#include "config.h"

#include "briefing-date.h"
#include "briefing-feed-parser-private.h"
#include "briefing-utils.h"
#include "briefing-xml-input.h"
#include "briefing-url.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* JSON Feed 1.0 and 1.1. Every member is type-checked before use: a
 * hostile document can only make us skip a field, never crash. */

/* json-glib parses recursively; refuse documents nested deeper than any
 * feed needs before handing them over. */
#define MAX_JSON_DEPTH 64

/* json-glib builds the whole tree, five times the size of the text or
 * more. A feed is mostly its "items", so the document is first scanned
 * (strings and brackets only) for where each item lies: the rest of the
 * document is parsed without them, and then each item on its own, one
 * small tree at a time. A document cut short keeps its complete items. */
typedef struct
{
  gsize start;
  gsize len;
} Span;

typedef struct
{
  gboolean too_deep;
  gboolean has_items;     /* the root has an "items" array */
  gboolean truncated;     /* ...which the document ends inside */
  gsize    items_start;   /* its '[' */
  gsize    items_end;     /* just past its ']' */
  GArray  *spans;         /* its elements */
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->spans, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static void
close_element (Layout     *layout,
               const char *data,
               gssize     *element_start,
               gsize       end)
{
  Span span;

  if (*element_start < 0)
    return;

  while (end > (gsize) *element_start && g_ascii_isspace (data[end - 1]))
    end--;

  span.start = *element_start;
  span.len = end - *element_start;
  g_array_append_val (layout->spans, span);
  *element_start = -1;
}

static void
scan_layout (Layout     *layout,
             const char *data,
             gsize       len)
{
  gboolean in_string = FALSE;
  gboolean root_is_object = FALSE;
  gboolean items_next = FALSE;   /* the root's "items": was just read */
  gboolean in_items = FALSE;
  gsize key_start = 0;
  gsize key_end = 0;
  gsize string_start = 0;
  gssize element_start = -1;
  int depth = 0;

  layout->spans = g_array_new (FALSE, FALSE, sizeof (Span));

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              key_start = string_start;
              key_end = i;
            }
          continue;
        }

      if (g_ascii_isspace (c))
        continue;

      if (in_items && depth == 2 && element_start < 0 && c != ',' && c != ']')
        element_start = i;

      if (items_next && c != '[')
        items_next = FALSE;

      switch (c)
        {
        case '"':
          in_string = TRUE;
          string_start = i + 1;
          break;

        case '{':
        case '[':
          if (depth == 0)
            root_is_object = c == '{';
          if (items_next)
            {
              items_next = FALSE;
              in_items = TRUE;
              layout->has_items = TRUE;
              layout->items_start = i;
            }
          if (++depth > MAX_JSON_DEPTH)
            {
              layout->too_deep = TRUE;
              return;
            }
          break;

        case '}':
        case ']':
          if (in_items && depth == 2 && c == ']')
            {
              close_element (layout, data, &element_start, i);
              in_items = FALSE;
              layout->items_end = i + 1;
            }
          depth--;
          break;

        case ',':
          if (in_items && depth == 2)
            close_element (layout, data, &element_start, i);
          break;

        case ':':
          items_next = root_is_object && depth == 1 && key_end - key_start == 5 &&
                       memcmp (data + key_start, "items", 5) == 0 && layout->items_start == 0;
          break;

        default:
          break;
        }
    }

  /* Cut short inside "items": the last element is incomplete. */
  if (in_items)
    {
      layout->truncated = TRUE;
      layout->items_end = len;
    }
}

/* Reads the four hex digits of a \u escape at @p, if @len leaves room. */
static gboolean
read_escaped_unit (const char *p,
                   gsize       len,
                   guint      *unit)
{
  *unit = 0;

  if (len < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *unit = *unit * 16 + g_ascii_xdigit_value (p[i]);
    }

  return TRUE;
}

/* json-glib decodes an escaped UTF-16 surrogate without its other half
 * ("\ud800", left behind by code that cuts strings by UTF-16 units) into
 * bytes that are not UTF-8, and everything after the parse takes strings
 * to be UTF-8. Such escapes become "\ufffd", of the same length, so that
 * the layout of the document does not change.
 *
 * Returns: (transfer full) (nullable): the repaired copy, or %NULL when
 *   @text has no lone surrogate */
static char *
without_lone_surrogates (const char *text,
                         gsize       len)
{
  char *copy = NULL;

  for (gsize i = 0; i + 1 < len; i++)
    {
      guint unit;
      guint next;

      if (text[i] != '\\')
        continue;

      /* Any other escape is two characters, "\\" included. */
      if (text[i + 1] != 'u' || !read_escaped_unit (text + i + 2, len - i - 2, &unit))
        {
          i++;
          continue;
        }

      if (unit >= 0xD800 && unit <= 0xDBFF && len - i >= 12 && text[i + 6] == '\\' && text[i + 7] == 'u' &&
          read_escaped_unit (text + i + 8, len - i - 8, &next) && next >= 0xDC00 && next <= 0xDFFF)
        {
          i += 11;
          continue;
        }

      if (unit >= 0xD800 && unit <= 0xDFFF)
        {
          if (copy == NULL)
            {
              copy = g_malloc (len + 1);
              memcpy (copy, text, len);
              copy[len] = '\0';
            }
          memcpy (copy + i + 2, "fffd", 4);
        }

      i += 5;
    }

  return copy;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
dup_string (JsonObject *object,
            const char *member)
{
  return briefing_strip_to_null (get_string (object, member));
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) CLAMP (json_node_get_double (node), G_MININT64 / 2, G_MAXINT64 / 2);
  if (type == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);

  return 0;
}

/* Item ids are strings in the spec and numbers in the wild. */
static char *
dup_id (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "id");
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return briefing_strip_to_null (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }

  return NULL;
}

static char *
dup_url (JsonObject *object,
         const char *member,
         const char *base)
{
  return briefing_url_screen (briefing_resolve_url (base, get_string (object, member)), base);
}

static gint64
get_date (JsonObject *object,
          const char *member)
{
  const char *text = get_string (object, member);
  gint64 when = 0;

  if (text != NULL && briefing_date_parse (text, &when))
    return when;

  return 0;
}

static BriefingPerson *
person_from_json (JsonObject *object,
                  const char *base)
{
  g_autofree char *name = dup_string (object, "name");
  g_autofree char *url = dup_url (object, "url", base);
  g_autofree char *email = NULL;

  if (name == NULL && url == NULL)
    return NULL;

  /* Authors often give a mailto: URL instead of a web page. */
  if (url != NULL && g_str_has_prefix (url, "mailto:"))
    {
      email = g_strdup (url + 7);
      g_clear_pointer (&url, g_free);
    }

  return briefing_person_new (name, email, url);
}

static void
collect_authors (GPtrArray  *authors,
                 JsonObject *object,
                 const char *base)
{
  JsonArray *array = get_array (object, "authors");
  JsonObject *single = get_object (object, "author");

  if (array != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array) && i < 32; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          BriefingPerson *person;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          person = person_from_json (json_node_get_object (node), base);
          if (person != NULL)
            g_ptr_array_add (authors, person);
        }
    }

  if (authors->len == 0 && single != NULL)
    {
      BriefingPerson *person = person_from_json (single, base);

      if (person != NULL)
        g_ptr_array_add (authors, person);
    }
}

static void
collect_tags (BriefingEntry *entry,
              JsonObject    *item)
{
  JsonArray *tags = get_array (item, "tags");

  if (tags == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (tags) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      g_autofree char *term = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      term = briefing_strip_to_null (json_node_get_string (node));
      if (term != NULL)
        g_ptr_array_add (briefing_entry_get_categories (entry), briefing_category_new (term, NULL, NULL));
    }
}

static void
collect_attachments (BriefingEntryDraft *draft,
                     JsonObject         *item,
                     const char         *base)
{
  JsonArray *attachments = get_array (item, "attachments");

  if (attachments == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (attachments) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      JsonObject *attachment;
      g_autofree char *url = NULL;
      const char *type;
      gint64 size;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      attachment = json_node_get_object (node);
      url = dup_url (attachment, "url", base);
      if (url == NULL)
        continue;

      type = get_string (attachment, "mime_type");
      size = MAX (get_int (attachment, "size_in_bytes"), 0);
      g_ptr_array_add (briefing_entry_get_enclosures (draft->entry), briefing_enclosure_new (url, type, size));

      if (briefing_mime_is_image (type, url))
        {
          BriefingImage *image = briefing_image_new ();

          image->url = g_steal_pointer (&url);
          briefing_entry_draft_add_image (draft, BRIEFING_IMAGE_RANK_ENCLOSURE, image, size, FALSE);
        }
    }
}

static void
add_url_image (BriefingEntryDraft *draft,
               JsonObject         *item,
               const char         *member,
               BriefingImageRank   rank,
               const char         *base)
{
  g_autofree char *url = dup_url (item, member, base);
  BriefingImage *image;

  if (url == NULL)
    return;

  image = briefing_image_new ();
  image->url = g_steal_pointer (&url);
  briefing_entry_draft_add_image (draft, rank, image, 0, FALSE);
}

static char *
text_to_html (const char *text)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) paragraphs = NULL;
  GString *html;

  if (text == NULL)
    return NULL;

  /* Plain text bodies keep their paragraphs. */
  escaped = g_markup_escape_text (text, -1);
  paragraphs = g_strsplit (escaped, "\n\n", -1);
  html = g_string_new (NULL);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *paragraph = briefing_strip_to_null (paragraphs[i]);

      if (paragraph != NULL)
        g_string_append_printf (html, "<p>%s</p>", paragraph);
    }

  return g_string_free (html, FALSE);
}

static BriefingEntry *
parse_item (BriefingFeed *feed,
            JsonObject   *item,
            GPtrArray    *feed_authors,
            const char   *base)
{
  g_autoptr(BriefingEntryDraft) draft = briefing_entry_draft_new ();
  BriefingEntry *entry = draft->entry;
  g_autofree char *id = dup_id (item);
  g_autofree char *link = dup_url (item, "url", base);
  g_autofree char *external = dup_url (item, "external_url", base);
  g_autofree char *title = dup_string (item, "title");
  const char *content_html = get_string (item, "content_html");
  const char *content_text = get_string (item, "content_text");
  const char *summary = get_string (item, "summary");
  gint64 published = get_date (item, "date_published");
  gint64 updated = get_date (item, "date_modified");

  briefing_entry_set_guid (entry, id);
  briefing_entry_set_link (entry, link != NULL ? link : external);
  title = briefing_text_cap (g_steal_pointer (&title), BRIEFING_MAX_TITLE_CHARS);
  if (title != NULL)
    briefing_entry_set_title (entry, g_strdelimit (title, "\t\r\n", ' '));
  briefing_entry_set_published (entry, published != 0 ? published : updated);
  briefing_entry_set_updated (entry, updated);

  draft->content = content_html != NULL ? g_strdup (content_html) : text_to_html (content_text);
  draft->content_base = g_strdup (base);
  draft->summary = summary != NULL ? text_to_html (summary) : NULL;
  draft->summary_base = g_strdup (base);

  collect_authors (briefing_entry_get_authors (entry), item, base);
  if (briefing_entry_get_authors (entry)->len == 0)
    {
      for (guint i = 0; i < feed_authors->len; i++)
        {
          const BriefingPerson *person = g_ptr_array_index (feed_authors, i);

          g_ptr_array_add (briefing_entry_get_authors (entry),
                           briefing_person_new (person->name, person->email, person->uri));
        }
    }

  collect_tags (entry, item);
  collect_attachments (draft, item, base);
  add_url_image (draft, item, "image", BRIEFING_IMAGE_RANK_FEED_IMAGE, base);
  add_url_image (draft, item, "banner_image", BRIEFING_IMAGE_RANK_FEED_BANNER, base);

  if (!briefing_entry_draft_finish (draft, feed))
    return NULL;

  return g_object_ref (entry);
}

static const char *
json_feed_format (JsonObject *root)
{
  const char *version = get_string (root, "version");

  if (version == NULL)
    return NULL;

  /* The spec's URLs, and the bare numbers some generators write. */
  if (g_str_has_suffix (version, "jsonfeed.org/version/1.1") || g_str_equal (version, "1.1"))
    return "jsonfeed1.1";

  if (g_str_has_suffix (version, "jsonfeed.org/version/1") || g_str_has_suffix (version, "jsonfeed.org/version/1.0") ||
      g_str_equal (version, "1") || g_str_equal (version, "1.0"))
    return "jsonfeed1.0";

  return NULL;
}

static void
parse_items (BriefingFeed *feed,
             const char   *text,
             const Layout *layout,
             GPtrArray    *feed_authors,
             const char   *base)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  for (guint i = 0; i < layout->spans->len; i++)
    {
      const Span *span = &g_array_index (layout->spans, Span, i);
      JsonNode *node;
      BriefingEntry *entry;

      if (briefing_feed_is_full (feed))
        break;

      if (!json_parser_load_from_data (parser, text + span->start, span->len, NULL) ||
          (node = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          briefing_feed_warn (feed, "Item %u is not an object and was skipped", i + 1);
          continue;
        }

      entry = parse_item (feed, json_node_get_object (node), feed_authors, base);
      if (entry == NULL)
        {
          briefing_feed_warn (feed, "Item %u has nothing readable and was skipped", i + 1);
          continue;
        }

      g_ptr_array_add (feed->entries, entry);
    }
}

static void
parse_feed (BriefingFeed *feed,
            JsonObject   *root,
            const char   *text,
            const Layout *layout,
            const char   *document_url)
{
  g_autoptr(GPtrArray) feed_authors = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_person_free);
  g_autofree char *feed_url = NULL;
  const char *base = document_url;

  /* Without an address of its own, the feed's "feed_url" is the base for
   * its relative references, but only a web one: the base is also the
   * document's own address to briefing_url_screen(), which lets a file:
   * or resource: document keep links into its own scheme, and a feed only
   * claims this address. */
  feed_url = briefing_url_normalize (get_string (root, "feed_url"));
  if (briefing_url_is_web (feed_url))
    {
      feed->self_url = g_strdup (feed_url);
      if (base == NULL)
        base = feed_url;
    }

  feed->title = briefing_text_cap (dup_string (root, "title"), BRIEFING_MAX_TITLE_CHARS * 4);
  feed->subtitle = dup_string (root, "description");
  feed->link = dup_url (root, "home_page_url", base);
  feed->language = dup_string (root, "language");
  feed->icon = dup_url (root, "icon", base);
  if (feed->icon == NULL)
    feed->icon = dup_url (root, "favicon", base);

  collect_authors (feed_authors, root, base);

  if (!layout->has_items)
    {
      briefing_feed_warn (feed, "The feed has no \"items\" array");
      return;
    }

  if (layout->truncated)
    briefing_feed_warn (feed, "The document ends inside its items; the complete ones were read");

  parse_items (feed, text, layout, feed_authors, base);
}

/* The document without its items: the feed's own fields. */
static JsonObject *
parse_root (JsonParser    *parser,
            const char    *text,
            gsize          len,
            const Layout  *layout,
            GError       **error)
{
  g_autoptr(GString) rest = NULL;
  JsonNode *root;

  if (!layout->has_items)
    {
      if (!json_parser_load_from_data (parser, text, len, error))
        return NULL;
    }
  else
    {
      rest = g_string_new_len (text, layout->items_start);
      g_string_append (rest, "[]");
      g_string_append_len (rest, text + layout->items_end, len - layout->items_end);
      if (layout->truncated)
        g_string_append_c (rest, '}');

      if (!json_parser_load_from_data (parser, rest->str, rest->len, error))
        return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_get_object (root);
}

BriefingFeed *
briefing_feed_parse_json (const char              *data,
                          gsize                    len,
                          const char              *document_url,
                          BriefingFeedParseFlags   flags,
                          GError                 **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autofree char *repaired = NULL;
  g_autofree char *escapes_repaired = NULL;
  g_auto(Layout) layout = { 0, };
  const char *text = data;
  const char *format;
  JsonObject *object;

  /* JSON is UTF-8 by definition; repair rather than reject stray bytes. */
  if (!briefing_utf8_valid (data, len))
    {
      text = repaired = briefing_text_to_utf8 (data, len, "UTF-8", NULL);
      len = strlen (repaired);
    }

  escapes_repaired = without_lone_surrogates (text, len);
  if (escapes_repaired != NULL)
    text = escapes_repaired;

  scan_layout (&layout, text, len);
  if (layout.too_deep)
    {
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_MALFORMED,
                           "The JSON document is nested too deeply to be a feed");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  object = parse_root (parser, text, len, &layout, &json_error);
  if (json_error != NULL || (layout.truncated && layout.spans->len == 0))
    {
      g_set_error (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_MALFORMED,
                   "The JSON document is malformed: %s",
                   json_error != NULL ? json_error->message : "it ends before its first item does");
      return NULL;
    }

  format = object != NULL ? json_feed_format (object) : NULL;
  if (object == NULL || (format == NULL && !layout.has_items))
    {
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED,
                           "This JSON document is not a JSON Feed");
      return NULL;
    }

  feed = briefing_feed_new ();
  feed->raw_html = (flags & BRIEFING_FEED_PARSE_RAW_HTML) != 0;
  feed->format = g_strdup (format != NULL ? format : "jsonfeed1.0");
  if (format == NULL)
    briefing_feed_warn (feed, "The JSON Feed has no recognised \"version\"");

  parse_feed (feed, object, text, &layout, document_url);

  return g_steal_pointer (&feed);
}
