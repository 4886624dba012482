/* briefing-opml.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-opml"

#include "config.h"

#include "briefing-opml.h"
#include "briefing-source.h"
#include "briefing-url.h"
#include "briefing-utils.h"
#include "briefing-xml-input.h"

#include <libxml/parser.h>
#include <string.h>

/* OPML, the format every reader imports and exports subscriptions in.
 * Folders (outlines holding outlines) become source groups; only the
 * innermost folder's name is kept, as readers do. */

G_DEFINE_QUARK (briefing-opml-error-quark, briefing_opml_error)

/* Subscription lists are small; anything past this is not one. */
#define MAX_OUTLINES 10000
#define MAX_DEPTH 16
#define MAX_TITLE_CHARS 1024
#define MAX_URL_BYTES 8192

void
briefing_opml_outline_free (BriefingOpmlOutline *outline)
{
  if (outline == NULL)
    return;

  g_free (outline->url);
  g_free (outline->title);
  g_free (outline->site_url);
  g_free (outline->group);
  g_free (outline);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? briefing_strip_to_null ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

/* A title or folder name, at most MAX_TITLE_CHARS characters. */
static char *
text_prop (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = prop (node, name);

  if (value == NULL || g_utf8_strlen (value, -1) <= MAX_TITLE_CHARS)
    return g_steal_pointer (&value);

  return g_utf8_substring (value, 0, MAX_TITLE_CHARS);
}

/* A web address, normalised and checked, or NULL. */
static char *
web_prop (xmlNode    *node,
          const char *name)
{
  g_autofree char *value = prop (node, name);
  g_autofree char *url = NULL;

  /* The cap is on what is stored, after escaping. */
  url = briefing_url_normalize (value);
  if (url == NULL || strlen (url) > MAX_URL_BYTES)
    return NULL;

  return briefing_url_is_web (url) ? g_steal_pointer (&url) : NULL;
}

static void
collect (xmlNode    *node,
         const char *group,
         GPtrArray  *outlines,
         guint       depth)
{
  for (; node != NULL && outlines->len < MAX_OUTLINES; node = node->next)
    {
      g_autofree char *url = NULL;
      g_autofree char *title = NULL;

      if (node->type != XML_ELEMENT_NODE || g_ascii_strcasecmp ((const char *) node->name, "outline") != 0)
        continue;

      url = web_prop (node, "xmlUrl");
      if (url == NULL)
        url = web_prop (node, "xmlurl");
      title = text_prop (node, "title");
      if (title == NULL)
        title = text_prop (node, "text");

      if (url != NULL)
        {
          BriefingOpmlOutline *outline = g_new0 (BriefingOpmlOutline, 1);

          outline->url = g_steal_pointer (&url);
          outline->title = g_steal_pointer (&title);
          outline->site_url = web_prop (node, "htmlUrl");
          outline->group = g_strdup (group);
          g_ptr_array_add (outlines, outline);
        }
      else if (node->children != NULL && depth < MAX_DEPTH)
        collect (node->children, title != NULL ? title : group, outlines, depth + 1);
    }
}

/**
 * briefing_opml_parse:
 *
 * Returns: (transfer full) (element-type BriefingOpmlOutline): the
 *   subscriptions, or %NULL with @error set when this is not OPML
 */
GPtrArray *
briefing_opml_parse (const char  *data,
                     gsize        len,
                     GError     **error)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_opml_outline_free);
  g_autoptr(GString) xml = NULL;
  xmlDoc *doc;
  xmlNode *root;
  xmlNode *body = NULL;

  /* The same cleaning as feeds get, which also reads the document
   * without its DTD when its entities would expand too far: attribute
   * values expand them in full (a 140 KB file once made 1 GB of titles). */
  xml = briefing_xml_input_prepare (data, len, NULL, BRIEFING_XML_INPUT_NONE, NULL);
  doc = xmlReadMemory (xml->str, (int) MIN (xml->len, G_MAXINT), NULL, "UTF-8",
                       XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_IGNORE_ENC);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  if (root == NULL || g_ascii_strcasecmp ((const char *) root->name, "opml") != 0)
    {
      g_set_error_literal (error, BRIEFING_OPML_ERROR, BRIEFING_OPML_ERROR_INVALID,
                           "This is not an OPML subscription list");
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) child->name, "body") == 0)
        body = child;
    }

  if (body == NULL)
    {
      g_set_error_literal (error, BRIEFING_OPML_ERROR, BRIEFING_OPML_ERROR_INVALID,
                           "This OPML file has no subscription list (no <body>)");
      xmlFreeDoc (doc);
      return NULL;
    }

  collect (body->children, NULL, outlines, 0);
  xmlFreeDoc (doc);

  return g_steal_pointer (&outlines);
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

static void
append_outline (GString        *out,
                BriefingSource *source,
                const char     *indent)
{
  g_string_append_printf (out, "%s<outline type=\"rss\"", indent);
  append_attr (out, "text", briefing_source_get_title (source));
  append_attr (out, "title", briefing_source_get_title (source));
  append_attr (out, "xmlUrl", briefing_source_get_url (source));
  append_attr (out, "htmlUrl", briefing_source_get_site_url (source));
  g_string_append (out, "/>\n");
}

/**
 * briefing_opml_write:
 * @sources: (element-type BriefingSource): what to export
 *
 * Writes OPML 2.0 with one folder per group. Bundled sources (the
 * samples) are not subscriptions anyone else could read, so they are left
 * out.
 *
 * Returns: (transfer full): the document
 */
char *
briefing_opml_write (GPtrArray  *sources,
                     const char *title)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");

  g_string_append_printf (out, "  <head>\n    <title>%s</title>\n    <dateCreated>%s</dateCreated>\n  </head>\n  <body>\n",
                          escaped_title, date);

  for (guint i = 0; i < sources->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (sources, i);
      const char *group = briefing_source_get_group (source);

      if (!briefing_url_is_web (briefing_source_get_url (source)))
        continue;

      if (group == NULL)
        append_outline (out, source, "    ");
      else if (!g_hash_table_contains (groups, group))
        {
          g_hash_table_add (groups, (gpointer) group);
          g_ptr_array_add (order, (gpointer) group);
        }
    }

  for (guint g = 0; g < order->len; g++)
    {
      const char *group = g_ptr_array_index (order, g);

      g_string_append (out, "    <outline");
      append_attr (out, "text", group);
      append_attr (out, "title", group);
      g_string_append (out, ">\n");

      for (guint i = 0; i < sources->len; i++)
        {
          BriefingSource *source = g_ptr_array_index (sources, i);

          if (g_strcmp0 (briefing_source_get_group (source), group) == 0 &&
              briefing_url_is_web (briefing_source_get_url (source)))
            append_outline (out, source, "      ");
        }

      g_string_append (out, "    </outline>\n");
    }

  g_string_append (out, "  </body>\n</opml>\n");

  return g_string_free (out, FALSE);
}
