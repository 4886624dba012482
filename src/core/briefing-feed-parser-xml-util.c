/* briefing-feed-parser-xml-util.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed-parser-xml"

#include "config.h"

#include "briefing-date.h"
#include "briefing-feed-parser-xml-private.h"
#include "briefing-url.h"
#include "briefing-utils.h"

#include <string.h>

/* What the RSS and Atom walkers share: element names matched by
 * namespace (with conventional prefixes standing in for namespaces a feed
 * forgot to declare), text and markup taken out of libxml2's nodes, Atom
 * text constructs, people and dates. */

/* Names ------------------------------------------------------------------- */

static const struct {
  const char *uri;
  Ns          ns;
} known_namespaces[] = {
  { "http://www.w3.org/2005/Atom", NS_ATOM },
  { "http://purl.org/atom/ns#", NS_ATOM03 },
  { "http://purl.org/rss/1.0/", NS_RSS10 },
  { "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
  { "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
  { "http://purl.org/dc/elements/1.1/", NS_DC },
  { "http://purl.org/dc/elements/1.0/", NS_DC },
  { "http://purl.org/dc/terms/", NS_DCTERMS },
  { "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
  { "http://search.yahoo.com/mrss/", NS_MEDIA },
  { "http://search.yahoo.com/mrss", NS_MEDIA },
  { "http://tools.search.yahoo.com/mrss/", NS_MEDIA },
  { "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
  { "https://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
  { "http://www.w3.org/1999/xhtml", NS_XHTML },
  { "http://blogs.law.harvard.edu/tech/rss", NS_NONE },
};

static const struct {
  const char *prefix;
  Ns          ns;
} known_prefixes[] = {
  { "atom", NS_ATOM },
  { "rdf", NS_RDF },
  { "dc", NS_DC },
  { "dcterms", NS_DCTERMS },
  { "content", NS_CONTENT },
  { "media", NS_MEDIA },
  { "itunes", NS_ITUNES },
  { "xhtml", NS_XHTML },
};

Ns
xml_ns_from_uri (const char *uri)
{
  if (uri == NULL)
    return NS_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (known_namespaces); i++)
    {
      if (g_ascii_strcasecmp (uri, known_namespaces[i].uri) == 0)
        return known_namespaces[i].ns;
    }

  /* UserLand's RSS namespaces (rss, rss2, rss2.1, ...) name plain RSS. */
  if (g_str_has_prefix (uri, "http://backend.userland.com/rss"))
    return NS_NONE;

  return NS_OTHER;
}

/* Every element in a scope shares its namespace declaration, so the
 * lookup is done once per declaration and kept in its _private field. */
static Ns
ns_of (xmlNs *ns)
{
  if (ns->_private == NULL)
    ns->_private = GINT_TO_POINTER (xml_ns_from_uri ((const char *) ns->href) + 1);

  return GPOINTER_TO_INT (ns->_private) - 1;
}

/* Makes every element in @ns count as @alias: pre-1.0 Atom feeds used a
 * namespace of their own choosing. */
void
xml_ns_set_alias (xmlNs *ns,
                  Ns     alias)
{
  g_assert (ns != NULL);

  ns->_private = GINT_TO_POINTER (alias + 1);
}

/* Returns the namespace of @node and points @local at its local name. */
Ns
xml_node_ns (xmlNode     *node,
             const char **local)
{
  const char *name = (const char *) node->name;
  const char *colon;

  if (node->ns != NULL && node->ns->href != NULL)
    {
      *local = name;
      return ns_of (node->ns);
    }

  /* An undeclared prefix: libxml2 keeps "prefix:local" as the name. */
  colon = strchr (name, ':');
  if (colon == NULL)
    {
      *local = name;
      return NS_NONE;
    }

  *local = colon + 1;
  for (guint i = 0; i < G_N_ELEMENTS (known_prefixes); i++)
    {
      if (strncmp (name, known_prefixes[i].prefix, colon - name) == 0 &&
          known_prefixes[i].prefix[colon - name] == '\0')
        return known_prefixes[i].ns;
    }

  return NS_OTHER;
}

gboolean
xml_ns_is_core (Ns ns)
{
  return ns == NS_NONE || ns == NS_RSS10 || ns == NS_RSS090;
}

gboolean
xml_ns_is_atom (Ns ns)
{
  return ns == NS_ATOM || ns == NS_ATOM03;
}

/* True when @local is @name in the dialect's own vocabulary: bare or RSS
 * 1.0/0.90 names in RSS, where case is not always respected ("<Title>"),
 * and Atom (or bare, for namespace-less Atom 0.3) names in Atom. */
gboolean
xml_is_own (ParseState *state,
            Ns          ns,
            const char *local,
            const char *name)
{
  if (state->dialect == DIALECT_ATOM)
    return (xml_ns_is_atom (ns) || ns == NS_NONE) && strcmp (local, name) == 0;

  return xml_ns_is_core (ns) && g_ascii_strcasecmp (local, name) == 0;
}

gboolean
xml_is_entry_element (ParseState *state,
                      Ns          ns,
                      const char *local)
{
  if (state->dialect == DIALECT_ATOM)
    return (xml_ns_is_atom (ns) || ns == NS_NONE) && strcmp (local, "entry") == 0;

  return xml_ns_is_core (ns) && g_ascii_strcasecmp (local, "item") == 0;
}

/* Text ---------------------------------------------------------------------- */

char *
xml_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = briefing_strip_to_null ((const char *) value);
  xmlFree (value);

  return copy;
}

int
xml_int_attr (xmlNode    *node,
              const char *name)
{
  g_autofree char *value = xml_attr (node, name);
  gint64 number;

  if (value == NULL)
    return 0;

  number = g_ascii_strtoll (value, NULL, 10);

  return (int) CLAMP (number, 0, 100000);
}

/* Text of @node with libxml2's allocator traded for GLib's. */
char *
xml_node_text (xmlNode *node)
{
  xmlChar *content;
  char *copy;

  /* The common case, one text node, without xmlNodeGetContent's buffer. */
  if (node->children != NULL && node->children == node->last && node->children->type == XML_TEXT_NODE)
    return g_strdup ((const char *) node->children->content);

  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;

  copy = g_strdup ((const char *) content);
  xmlFree (content);

  return copy;
}

char *
xml_node_text_stripped (xmlNode *node)
{
  g_autofree char *text = xml_node_text (node);

  return briefing_strip_to_null (text);
}

char *
xml_node_base (xmlNode *node)
{
  xmlChar *base = xmlNodeGetBase (node->doc, node);
  char *copy;

  if (base == NULL)
    return NULL;

  copy = g_strdup ((const char *) base);
  xmlFree (base);

  return copy;
}

char *
xml_node_url (xmlNode    *node,
              const char *value)
{
  g_autofree char *base = NULL;
  const char *document_url = node->doc != NULL ? (const char *) node->doc->URL : NULL;

  if (value == NULL || g_uri_peek_scheme (value) != NULL)
    return briefing_url_screen (briefing_strip_to_null (value), document_url);

  base = xml_node_base (node);

  return briefing_url_screen (briefing_resolve_url (base, value), document_url);
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        return TRUE;
    }

  return FALSE;
}

/* Markup -------------------------------------------------------------------- */

static void serialize_children (GString *out,
                                xmlNode *node,
                                guint    depth);

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static void
serialize_element (GString *out,
                   xmlNode *node,
                   guint    depth)
{
  const char *local;

  xml_node_ns (node, &local);
  g_string_append_c (out, '<');
  g_string_append (out, local);

  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      xmlChar *value;

      /* Namespaced attributes (xml:base, xlink:...) mean nothing to HTML. */
      if (a->ns != NULL)
        continue;

      value = xmlNodeListGetString (node->doc, a->children, 1);
      g_string_append_printf (out, " %s=\"", (const char *) a->name);
      append_escaped (out, value != NULL ? (const char *) value : "");
      g_string_append_c (out, '"');
      xmlFree (value);
    }

  g_string_append_c (out, '>');
  serialize_children (out, node, depth + 1);
  g_string_append_printf (out, "</%s>", local);
}

/* Writes markup that arrived as XML elements (Atom xhtml content, or RSS
 * descriptions that were not escaped) back out as HTML text for the
 * sanitizer, dropping namespace prefixes. */
static void
serialize_node (GString *out,
                xmlNode *node,
                guint    depth)
{
  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      append_escaped (out, (const char *) node->content);
      break;

    case XML_ENTITY_REF_NODE:
      {
        g_autofree char *text = xml_node_text (node);

        append_escaped (out, text != NULL ? text : "");
      }
      break;

    case XML_ELEMENT_NODE:
      serialize_element (out, node, depth);
      break;

    case XML_ATTRIBUTE_NODE:
    case XML_PI_NODE:
    case XML_COMMENT_NODE:
    case XML_DOCUMENT_NODE:
    case XML_DOCUMENT_TYPE_NODE:
    case XML_DOCUMENT_FRAG_NODE:
    case XML_NOTATION_NODE:
    case XML_HTML_DOCUMENT_NODE:
    case XML_DTD_NODE:
    case XML_ELEMENT_DECL:
    case XML_ATTRIBUTE_DECL:
    case XML_ENTITY_DECL:
    case XML_NAMESPACE_DECL:
    case XML_XINCLUDE_START:
    case XML_XINCLUDE_END:
    case XML_ENTITY_NODE:
    default:
      break;
    }
}

static void
serialize_children (GString *out,
                    xmlNode *node,
                    guint    depth)
{
  /* libxml2 already caps nesting at 256 levels; this is a second fence. */
  if (depth > 512)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    serialize_node (out, child, depth);
}

char *
xml_node_markup (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  serialize_children (out, node, 0);

  return g_string_free (out, FALSE);
}

/* The HTML of an element that holds HTML: escaped text or CDATA as usual,
 * or literal child elements from feeds that did not escape it. */
char *
xml_node_html (xmlNode *node)
{
  if (has_element_children (node))
    return xml_node_markup (node);

  return xml_node_text (node);
}

/* Atom text constructs ---------------------------------------------------- */

static gboolean
is_xml_mime_type (const char *type)
{
  return g_str_has_suffix (type, "+xml") || g_str_has_suffix (type, "/xml");
}

TextType
xml_atom_text_type (ParseState *state,
                    xmlNode    *node)
{
  g_autofree char *type = xml_attr (node, "type");
  g_autofree char *mode = xml_attr (node, "mode");
  gboolean html;

  html = type != NULL && (g_ascii_strcasecmp (type, "html") == 0 || g_ascii_strcasecmp (type, "text/html") == 0);

  /* Atom 0.3's modes. */
  if (mode != NULL && g_ascii_strcasecmp (mode, "escaped") == 0)
    return TEXT_HTML;
  if (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0)
    return html ? TEXT_BASE64_HTML : TEXT_BASE64;
  if (mode != NULL && g_ascii_strcasecmp (mode, "xml") == 0)
    return TEXT_XML;

  if (type == NULL || g_ascii_strcasecmp (type, "text") == 0 || g_ascii_strcasecmp (type, "text/plain") == 0)
    return TEXT_PLAIN;

  if (html)
    return TEXT_HTML;

  if (g_ascii_strcasecmp (type, "xhtml") == 0)
    return state->atom03 ? TEXT_XML : TEXT_XHTML;

  if (is_xml_mime_type (type))
    return TEXT_XML;

  if (g_str_has_prefix (type, "text/"))
    return TEXT_PLAIN;

  /* Any other media type is base64, in Atom 1.0 as in 0.3. */
  return TEXT_BASE64;
}

static char *
xhtml_inner (xmlNode *node)
{
  /* The xhtml div wrapper is not part of the content. */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      xml_node_ns (child, &local);
      if (strcmp (local, "div") == 0)
        return xml_node_markup (child);

      break;
    }

  return xml_node_markup (node);
}

/* Base64 content that decodes to text; binary content has no place in a
 * briefing. */
static char *
base64_text (xmlNode *node)
{
  g_autofree char *encoded = xml_node_text_stripped (node);
  g_autofree guchar *decoded = NULL;
  gsize len = 0;

  if (encoded == NULL)
    return NULL;

  decoded = g_base64_decode (encoded, &len);
  if (decoded == NULL || len == 0 || memchr (decoded, '\0', len) != NULL ||
      !g_utf8_validate ((const char *) decoded, len, NULL))
    return NULL;

  return g_strndup ((const char *) decoded, len);
}

/* An Atom text construct (or an RSS element that may hold HTML) as HTML. */
char *
xml_text_construct_html (xmlNode  *node,
                         TextType  type)
{
  g_autofree char *text = NULL;

  switch (type)
    {
    case TEXT_XHTML:
      return xhtml_inner (node);

    case TEXT_XML:
      return xml_node_markup (node);

    case TEXT_HTML:
      return xml_node_html (node);

    case TEXT_BASE64_HTML:
      return base64_text (node);

    case TEXT_BASE64:
      text = base64_text (node);
      return text != NULL ? g_markup_escape_text (text, -1) : NULL;

    case TEXT_PLAIN:
      if (has_element_children (node))
        return xml_node_markup (node);
      text = xml_node_text (node);
      return text != NULL ? g_markup_escape_text (text, -1) : NULL;

    case TEXT_OTHER:
    default:
      return NULL;
    }
}

/* An Atom text construct, or an RSS title, as plain text. RSS says
 * nothing about markup in titles and feeds put escaped HTML and entities
 * in them, sometimes escaped twice ("AT&amp;amp;T"): text with markup or
 * a reference in it is read as HTML. */
char *
xml_text_construct_plain (xmlNode  *node,
                          TextType  type)
{
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;

  if (type == TEXT_PLAIN && !has_element_children (node))
    {
      text = xml_node_text (node);
      if (text == NULL || strpbrk (text, "<&") == NULL)
        return text != NULL ? briefing_strip_to_null (g_strdelimit (text, "\t\r\n", ' ')) : NULL;

      return briefing_text_from_html (text);
    }

  if (type == TEXT_BASE64)
    {
      text = base64_text (node);
      return text != NULL ? briefing_strip_to_null (g_strdelimit (text, "\t\r\n", ' ')) : NULL;
    }

  html = xml_text_construct_html (node, type == TEXT_PLAIN ? TEXT_HTML : type);

  return briefing_text_from_html (html);
}

char *
xml_rss_text (xmlNode *node)
{
  return xml_text_construct_plain (node, TEXT_PLAIN);
}

/* "en_US" is a common misspelling of "en-US". */
char *
xml_normalize_language (const char *language)
{
  char *copy = briefing_strip_to_null (language);

  if (copy != NULL)
    g_strdelimit (copy, "_", '-');

  return copy;
}

/* People ------------------------------------------------------------------- */

static gboolean
looks_like_email (const char *text)
{
  const char *at;

  if (text == NULL)
    return FALSE;

  if (g_str_has_prefix (text, "mailto:"))
    text += 7;

  at = strchr (text, '@');

  return at != NULL && at > text && at[1] != '\0' && strpbrk (text, " \t") == NULL;
}

static char *
strip_mailto (char *email)
{
  if (email != NULL && g_str_has_prefix (email, "mailto:"))
    memmove (email, email + 7, strlen (email + 7) + 1);

  return email;
}

/* "jane@example.com (Jane Doe)", "Jane Doe (jane@example.com)",
 * "Jane Doe <jane@example.com>", an address alone or a name alone. */
BriefingPerson *
xml_person_from_rss (const char *text)
{
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  const char *open;
  const char *close;

  if (text == NULL)
    return NULL;

  if (((open = strchr (text, '(')) != NULL && (close = strrchr (text, ')')) != NULL && close > open) ||
      ((open = strchr (text, '<')) != NULL && (close = strrchr (text, '>')) != NULL && close > open))
    {
      g_autofree char *between = g_strndup (open + 1, close - open - 1);
      g_autofree char *around = g_strdup_printf ("%.*s %s", (int) (open - text), text, close + 1);

      inner = briefing_strip_to_null (between);
      outer = briefing_strip_to_null (around);
    }
  else
    outer = briefing_strip_to_null (text);

  /* Whichever part is an address is the address. */
  if (looks_like_email (inner) && !looks_like_email (outer))
    {
      email = g_steal_pointer (&inner);
      name = g_steal_pointer (&outer);
    }
  else if (looks_like_email (outer))
    {
      email = g_steal_pointer (&outer);
      name = g_steal_pointer (&inner);
    }
  else
    name = outer != NULL ? g_steal_pointer (&outer) : g_steal_pointer (&inner);

  strip_mailto (email);
  if (name == NULL && email == NULL)
    return NULL;

  return briefing_person_new (name, email, NULL);
}

BriefingPerson *
xml_person_from_atom (xmlNode *node)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *uri = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;
      Ns ns;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      ns = xml_node_ns (child, &local);
      if (!(xml_ns_is_atom (ns) || ns == NS_NONE))
        continue;

      if (strcmp (local, "name") == 0 && name == NULL)
        name = xml_rss_text (child);
      else if (strcmp (local, "email") == 0 && email == NULL)
        email = strip_mailto (xml_node_text_stripped (child));
      else if ((strcmp (local, "uri") == 0 || strcmp (local, "url") == 0 || strcmp (local, "homepage") == 0) &&
               uri == NULL)
        {
          g_autofree char *text = xml_node_text_stripped (child);

          uri = xml_node_url (child, text);
        }
    }

  if (name == NULL && email == NULL && uri == NULL)
    {
      /* Some feeds put the name straight into <author>. */
      g_autofree char *text = xml_rss_text (node);

      return xml_person_from_rss (text);
    }

  return briefing_person_new (name, email, uri);
}

/* Adds @person unless the same person is there already (RSS author and
 * dc:creator often both name them); an address learnt late is kept. */
void
xml_add_person (GPtrArray      *people,
                BriefingPerson *person)
{
  if (person == NULL)
    return;

  if (people->len >= 32)
    {
      briefing_person_free (person);
      return;
    }

  for (guint i = 0; i < people->len; i++)
    {
      BriefingPerson *other = g_ptr_array_index (people, i);

      if (person->name != NULL && g_strcmp0 (other->name, person->name) == 0 &&
          (person->email == NULL || other->email == NULL || g_str_equal (other->email, person->email)))
        {
          if (other->email == NULL && person->email != NULL)
            other->email = g_steal_pointer (&person->email);
          if (other->uri == NULL && person->uri != NULL)
            other->uri = g_steal_pointer (&person->uri);
          briefing_person_free (person);
          return;
        }
    }

  g_ptr_array_add (people, person);
}

/* Dates --------------------------------------------------------------------- */

gint64
xml_date_node (xmlNode *node)
{
  g_autofree char *text = xml_node_text_stripped (node);
  gint64 when = 0;

  if (text != NULL && briefing_date_parse (text, &when))
    return when;

  return 0;
}

/* Several elements can give the same date (pubDate, dc:date, issued,
 * created): the better-ranked one wins, and among equals the last, as in
 * feedparser. */
void
xml_set_ranked_date (gint64 *slot,
                     int    *slot_rank,
                     gint64  when,
                     int     rank)
{
  if (when != 0 && rank >= *slot_rank)
    {
      *slot = when;
      *slot_rank = rank;
    }
}
