/* briefing-feed-parser-xml.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed-parser-xml"

#include "config.h"

#include "briefing-date.h"
#include "briefing-feed-parser-private.h"
#include "briefing-utils.h"
#include "briefing-xml-input.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

/* RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 on top of libxml2's tree. Elements are
 * matched by namespace and local name, with conventional prefixes standing
 * in for namespaces a feed forgot to declare. */

typedef enum {
  NS_NONE,
  NS_ATOM,
  NS_ATOM03,
  NS_RSS10,
  NS_RSS090,
  NS_RDF,
  NS_DC,
  NS_DCTERMS,
  NS_CONTENT,
  NS_MEDIA,
  NS_ITUNES,
  NS_XHTML,
  NS_OTHER,
} Ns;

typedef enum {
  DIALECT_RSS,
  DIALECT_ATOM,
} Dialect;

typedef struct
{
  BriefingFeed *feed;
  Dialect       dialect;
  GPtrArray    *feed_authors;
} ParseState;

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
  { "http://www.itunes.com/DTDs/Podcast-1.0.dtd", NS_ITUNES },
  { "http://www.w3.org/1999/xhtml", NS_XHTML },
  { "http://backend.userland.com/rss2", NS_NONE },
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

static Ns
ns_from_uri (const char *uri)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_namespaces); i++)
    {
      if (g_ascii_strcasecmp (uri, known_namespaces[i].uri) == 0)
        return known_namespaces[i].ns;
    }

  return NS_OTHER;
}

/* Returns the namespace of @node and points @local at its local name. */
static Ns
node_ns (xmlNode     *node,
         const char **local)
{
  const char *name = (const char *) node->name;
  const char *colon;

  if (node->ns != NULL && node->ns->href != NULL)
    {
      *local = name;
      return ns_from_uri ((const char *) node->ns->href);
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

static gboolean
is_core (Ns ns)
{
  return ns == NS_NONE || ns == NS_RSS10 || ns == NS_RSS090;
}

static gboolean
is_atom (Ns ns)
{
  return ns == NS_ATOM || ns == NS_ATOM03;
}

/* True when @node is @name in the dialect's own vocabulary: bare or RSS
 * 1.0/0.90 names in RSS, Atom (or bare, for namespace-less Atom 0.3)
 * names in Atom. */
static gboolean
is_own (ParseState *state,
        Ns          ns,
        const char *local,
        const char *name)
{
  if (strcmp (local, name) != 0)
    return FALSE;

  if (state->dialect == DIALECT_ATOM)
    return is_atom (ns) || ns == NS_NONE;

  return is_core (ns);
}

static char *
attr (xmlNode    *node,
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

/* Text of @node with libxml2's allocator traded for GLib's. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy;

  if (content == NULL)
    return NULL;

  copy = g_strdup ((const char *) content);
  xmlFree (content);

  return copy;
}

static char *
node_text_stripped (xmlNode *node)
{
  g_autofree char *text = node_text (node);

  return briefing_strip_to_null (text);
}

static char *
node_base (xmlNode *node)
{
  xmlChar *base = xmlNodeGetBase (node->doc, node);
  char *copy;

  if (base == NULL)
    return NULL;

  copy = g_strdup ((const char *) base);
  xmlFree (base);

  return copy;
}

static char *
node_url (xmlNode    *node,
          const char *value)
{
  g_autofree char *base = node_base (node);

  return briefing_resolve_url (base, value);
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

static void serialize_children (GString *out,
                                xmlNode *node,
                                guint    depth);

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
      {
        g_autofree char *escaped = g_markup_escape_text ((const char *) node->content, -1);

        g_string_append (out, escaped);
      }
      break;

    case XML_ENTITY_REF_NODE:
      {
        g_autofree char *text = node_text (node);
        g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

        g_string_append (out, escaped);
      }
      break;

    case XML_ELEMENT_NODE:
      {
        const char *local;

        node_ns (node, &local);
        g_string_append_printf (out, "<%s", local);

        for (xmlAttr *a = node->properties; a != NULL; a = a->next)
          {
            xmlChar *value = xmlNodeListGetString (node->doc, a->children, 1);
            g_autofree char *escaped = g_markup_escape_text (value != NULL ? (const char *) value : "", -1);

            if (a->ns == NULL)
              g_string_append_printf (out, " %s=\"%s\"", (const char *) a->name, escaped);
            xmlFree (value);
          }

        g_string_append_c (out, '>');
        serialize_children (out, node, depth + 1);
        g_string_append_printf (out, "</%s>", local);
      }
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

static char *
node_markup (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  serialize_children (out, node, 0);

  return g_string_free (out, FALSE);
}

/* The HTML of an element that holds HTML: escaped text or CDATA as usual,
 * or literal child elements from feeds that did not escape it. */
static char *
node_html (xmlNode *node)
{
  if (has_element_children (node))
    return node_markup (node);

  return node_text (node);
}

typedef enum {
  TEXT_PLAIN,
  TEXT_HTML,
  TEXT_XHTML,
  TEXT_OTHER,
} TextType;

static TextType
atom_text_type (xmlNode *node)
{
  g_autofree char *type = attr (node, "type");
  g_autofree char *mode = attr (node, "mode");

  if (mode != NULL && g_ascii_strcasecmp (mode, "escaped") == 0)
    return TEXT_HTML;

  if (type == NULL || g_ascii_strcasecmp (type, "text") == 0 || g_ascii_strcasecmp (type, "text/plain") == 0)
    return (mode != NULL && g_ascii_strcasecmp (mode, "xml") == 0) ? TEXT_XHTML : TEXT_PLAIN;

  if (g_ascii_strcasecmp (type, "html") == 0 || g_ascii_strcasecmp (type, "text/html") == 0)
    return TEXT_HTML;

  if (g_ascii_strcasecmp (type, "xhtml") == 0 || g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    return TEXT_XHTML;

  if (g_str_has_prefix (type, "text/"))
    return TEXT_PLAIN;

  return TEXT_OTHER;
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

      node_ns (child, &local);
      if (strcmp (local, "div") == 0)
        return node_markup (child);

      break;
    }

  return node_markup (node);
}

/* An Atom text construct (or an RSS element that may hold HTML) as HTML. */
static char *
text_construct_html (xmlNode  *node,
                     TextType  type)
{
  g_autofree char *text = NULL;

  switch (type)
    {
    case TEXT_XHTML:
      return xhtml_inner (node);

    case TEXT_HTML:
      return node_html (node);

    case TEXT_PLAIN:
      if (has_element_children (node))
        return node_markup (node);
      text = node_text (node);
      return text != NULL ? g_markup_escape_text (text, -1) : NULL;

    case TEXT_OTHER:
    default:
      return NULL;
    }
}

/* An Atom text construct, or an RSS title, as plain text. */
static char *
text_construct_plain (xmlNode  *node,
                      TextType  type)
{
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;

  if (type == TEXT_PLAIN && !has_element_children (node))
    {
      text = node_text (node);
      if (text == NULL || strpbrk (text, "<&") == NULL)
        return text != NULL ? briefing_strip_to_null (g_strdelimit (text, "\t\r\n", ' ')) : NULL;
    }

  html = text_construct_html (node, type == TEXT_PLAIN ? TEXT_HTML : type);

  return briefing_text_from_html (html);
}

static char *
rss_text (xmlNode *node)
{
  return text_construct_plain (node, TEXT_PLAIN);
}

/* "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>", an
 * address alone or a name alone. */
static BriefingPerson *
person_from_rss_author (const char *text)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  const char *open;
  const char *close;

  if (text == NULL)
    return NULL;

  if ((open = strchr (text, '(')) != NULL && (close = strrchr (text, ')')) != NULL && close > open)
    {
      name = briefing_strip_to_null (g_strndup (open + 1, close - open - 1));
      email = g_strndup (text, open - text);
    }
  else if ((open = strchr (text, '<')) != NULL && (close = strrchr (text, '>')) != NULL && close > open)
    {
      email = g_strndup (open + 1, close - open - 1);
      name = g_strndup (text, open - text);
    }
  else if (strchr (text, '@') != NULL && strchr (text, ' ') == NULL)
    email = g_strdup (text);
  else
    name = g_strdup (text);

  if (email != NULL)
    {
      g_autofree char *stripped = briefing_strip_to_null (email);

      g_free (email);
      email = g_str_has_prefix (stripped ? stripped : "", "mailto:") ? g_strdup (stripped + 7)
                                                                      : g_steal_pointer (&stripped);
      if (email != NULL && strchr (email, '@') == NULL)
        {
          g_free (name);
          name = g_steal_pointer (&email);
        }
    }

  if (name != NULL)
    {
      char *stripped = briefing_strip_to_null (name);

      g_free (name);
      name = stripped;
    }

  if (name == NULL && email == NULL)
    return NULL;

  return briefing_person_new (name, email, NULL);
}

static BriefingPerson *
person_from_atom (ParseState *state,
                  xmlNode    *node)
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

      ns = node_ns (child, &local);
      if (!(is_atom (ns) || ns == NS_NONE))
        continue;

      if (strcmp (local, "name") == 0 && name == NULL)
        name = node_text_stripped (child);
      else if (strcmp (local, "email") == 0 && email == NULL)
        email = node_text_stripped (child);
      else if ((strcmp (local, "uri") == 0 || strcmp (local, "url") == 0) && uri == NULL)
        {
          g_autofree char *text = node_text_stripped (child);

          uri = node_url (child, text);
        }
    }

  if (name == NULL && email == NULL && uri == NULL)
    {
      /* Some feeds put the name straight into <author>. */
      name = node_text_stripped (node);
      if (name == NULL)
        return NULL;
    }

  return briefing_person_new (name, email, uri);
}

static void
add_person (GPtrArray      *people,
            BriefingPerson *person)
{
  if (person == NULL)
    return;

  for (guint i = 0; i < people->len; i++)
    {
      BriefingPerson *other = g_ptr_array_index (people, i);

      if (g_strcmp0 (other->name, person->name) == 0)
        {
          if (other->email == NULL && person->email != NULL)
            other->email = g_steal_pointer (&person->email);
          briefing_person_free (person);
          return;
        }
    }

  g_ptr_array_add (people, person);
}

static void
add_category (BriefingEntry *entry,
              const char    *term,
              const char    *scheme,
              const char    *label)
{
  GPtrArray *categories = briefing_entry_get_categories (entry);

  if (term == NULL)
    return;

  for (guint i = 0; i < categories->len; i++)
    {
      BriefingCategory *other = g_ptr_array_index (categories, i);

      if (g_strcmp0 (other->term, term) == 0 && g_strcmp0 (other->scheme, scheme) == 0)
        return;
    }

  g_ptr_array_add (categories, briefing_category_new (term, scheme, label));
}

static void
add_enclosure (BriefingEntryDraft *draft,
               const char         *url,
               const char         *type,
               const char         *length)
{
  GPtrArray *enclosures = briefing_entry_get_enclosures (draft->entry);
  gint64 size = length != NULL ? g_ascii_strtoll (length, NULL, 10) : 0;

  if (url == NULL)
    return;

  for (guint i = 0; i < enclosures->len; i++)
    {
      BriefingEnclosure *other = g_ptr_array_index (enclosures, i);

      if (g_str_equal (other->url, url))
        return;
    }

  g_ptr_array_add (enclosures, briefing_enclosure_new (url, type, MAX (size, 0)));

  if (briefing_mime_is_image (type, url))
    {
      BriefingImage *image = briefing_image_new ();

      image->url = g_strdup (url);
      briefing_entry_draft_add_image (draft, BRIEFING_IMAGE_RANK_ENCLOSURE, image, size, FALSE);
    }
}

static gint64
parse_date_node (xmlNode *node)
{
  g_autofree char *text = node_text_stripped (node);
  gint64 when = 0;

  if (text != NULL && briefing_date_parse (text, &when))
    return when;

  return 0;
}

/* Media RSS ------------------------------------------------------------ */

typedef struct
{
  char *caption;
  char *credit;
  char *title;
} MediaText;

static void
media_text_clear (MediaText *text)
{
  g_clear_pointer (&text->caption, g_free);
  g_clear_pointer (&text->credit, g_free);
  g_clear_pointer (&text->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MediaText, media_text_clear)

static char *
media_description (xmlNode *node)
{
  g_autofree char *type = attr (node, "type");

  if (type != NULL && g_ascii_strcasecmp (type, "html") == 0)
    {
      g_autofree char *html = node_html (node);

      return briefing_text_from_html (html);
    }

  return rss_text (node);
}

/* Collects media:description, media:credit and media:title among the
 * children of @node, without overwriting what a closer level said. */
static void
media_text_collect (MediaText *text,
                    xmlNode   *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type != XML_ELEMENT_NODE || node_ns (child, &local) != NS_MEDIA)
        continue;

      if (strcmp (local, "description") == 0 && text->caption == NULL)
        text->caption = media_description (child);
      else if (strcmp (local, "credit") == 0 && text->credit == NULL)
        text->credit = rss_text (child);
      else if (strcmp (local, "title") == 0 && text->title == NULL)
        text->title = rss_text (child);
      else if (strcmp (local, "text") == 0 && text->caption == NULL)
        text->caption = rss_text (child);
    }
}

static int
int_attr (xmlNode    *node,
          const char *name)
{
  g_autofree char *value = attr (node, name);
  gint64 number;

  if (value == NULL)
    return 0;

  number = g_ascii_strtoll (value, NULL, 10);

  return (int) CLAMP (number, 0, 100000);
}

static void
media_add_candidate (BriefingEntryDraft *draft,
                     xmlNode            *node,
                     BriefingImageRank   rank,
                     const MediaText    *inherited)
{
  g_auto(MediaText) own = { NULL, NULL, NULL };
  g_autofree char *url = NULL;
  g_autofree char *raw_url = attr (node, "url");
  g_autofree char *medium = attr (node, "medium");
  g_autofree char *type = attr (node, "type");
  g_autofree char *is_default = attr (node, "isDefault");
  g_autofree char *file_size = attr (node, "fileSize");
  BriefingImage *image;

  url = node_url (node, raw_url);
  if (url == NULL)
    return;

  if (rank == BRIEFING_IMAGE_RANK_MEDIA_CONTENT &&
      !(medium != NULL ? g_ascii_strcasecmp (medium, "image") == 0 : briefing_mime_is_image (type, url)))
    return;

  media_text_collect (&own, node);

  image = briefing_image_new ();
  image->url = g_steal_pointer (&url);
  image->width = int_attr (node, "width");
  image->height = int_attr (node, "height");
  image->caption = g_strdup (own.caption != NULL ? own.caption : inherited->caption);
  image->credit = g_strdup (own.credit != NULL ? own.credit : inherited->credit);
  if (image->caption == NULL)
    image->caption = g_strdup (own.title != NULL ? own.title : inherited->title);

  briefing_entry_draft_add_image (draft, rank, image,
                                  file_size != NULL ? g_ascii_strtoll (file_size, NULL, 10) : 0,
                                  is_default != NULL && g_ascii_strcasecmp (is_default, "true") == 0);
}

static void media_collect (BriefingEntryDraft *draft,
                           xmlNode            *node,
                           const MediaText    *inherited,
                           guint               depth);

static void
media_collect_one (BriefingEntryDraft *draft,
                   xmlNode            *child,
                   const char         *local,
                   const MediaText    *inherited,
                   guint               depth)
{
  if (strcmp (local, "content") == 0)
    {
      g_auto(MediaText) own = { NULL, NULL, NULL };

      /* A thumbnail inside media:content stands for that content. */
      media_add_candidate (draft, child, BRIEFING_IMAGE_RANK_MEDIA_CONTENT, inherited);
      media_text_collect (&own, child);
      own.caption = own.caption ? own.caption : g_strdup (inherited->caption);
      own.credit = own.credit ? own.credit : g_strdup (inherited->credit);
      own.title = own.title ? own.title : g_strdup (inherited->title);
      for (xmlNode *grandchild = child->children; grandchild != NULL; grandchild = grandchild->next)
        {
          const char *glocal;

          if (grandchild->type == XML_ELEMENT_NODE && node_ns (grandchild, &glocal) == NS_MEDIA &&
              strcmp (glocal, "thumbnail") == 0)
            media_add_candidate (draft, grandchild, BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL, &own);
        }
    }
  else if (strcmp (local, "thumbnail") == 0)
    media_add_candidate (draft, child, BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL, inherited);
  else if (strcmp (local, "group") == 0 && depth < 4)
    media_collect (draft, child, inherited, depth + 1);
}

/* Walks the Media RSS elements of an item or media:group. */
static void
media_collect (BriefingEntryDraft *draft,
               xmlNode            *node,
               const MediaText    *inherited,
               guint               depth)
{
  g_auto(MediaText) text = { NULL, NULL, NULL };

  media_text_collect (&text, node);
  if (text.caption == NULL)
    text.caption = g_strdup (inherited->caption);
  if (text.credit == NULL)
    text.credit = g_strdup (inherited->credit);
  if (text.title == NULL)
    text.title = g_strdup (inherited->title);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && node_ns (child, &local) == NS_MEDIA)
        media_collect_one (draft, child, local, &text, depth);
    }
}

/* Entries ---------------------------------------------------------------- */

static void
set_summary (BriefingEntryDraft *draft,
             xmlNode            *node,
             char               *html)
{
  if (html == NULL || draft->summary != NULL)
    {
      g_free (html);
      return;
    }

  draft->summary = html;
  draft->summary_base = node_base (node);
}

static void
set_content (BriefingEntryDraft *draft,
             xmlNode            *node,
             char               *html)
{
  if (html == NULL || draft->content != NULL)
    {
      g_free (html);
      return;
    }

  draft->content = html;
  draft->content_base = node_base (node);
}

static void
set_date (gint64 *slot,
          gint64  when)
{
  if (*slot == 0 && when != 0)
    *slot = when;
}

typedef struct
{
  gint64 published;
  gint64 updated;
  char  *link;
  char  *permalink_guid;
  char  *guid;
  char  *title;
} EntryScratch;

static void
entry_scratch_clear (EntryScratch *scratch)
{
  g_clear_pointer (&scratch->link, g_free);
  g_clear_pointer (&scratch->permalink_guid, g_free);
  g_clear_pointer (&scratch->guid, g_free);
  g_clear_pointer (&scratch->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryScratch, entry_scratch_clear)

static void
rss_item_guid (EntryScratch *scratch,
               xmlNode      *child)
{
  g_autofree char *guid = node_text_stripped (child);
  g_autofree char *permalink = attr (child, "isPermaLink");

  if (guid == NULL || scratch->guid != NULL)
    return;

  if ((permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0) && briefing_url_is_web (guid))
    scratch->permalink_guid = node_url (child, guid);

  scratch->guid = g_steal_pointer (&guid);
}

/* An Atom link element, in an entry or (for enclosures) in RSS. */
static void
atom_link (BriefingEntryDraft *draft,
           EntryScratch       *scratch,
           xmlNode            *child)
{
  g_autofree char *rel = attr (child, "rel");
  g_autofree char *href = attr (child, "href");
  g_autofree char *type = attr (child, "type");
  g_autofree char *length = attr (child, "length");
  g_autofree char *url = node_url (child, href);

  if (url == NULL)
    return;

  if (rel == NULL || g_str_equal (rel, "alternate") || g_str_equal (rel, "http://www.iana.org/assignments/relation/alternate"))
    {
      if (scratch->link == NULL && (type == NULL || strstr (type, "html") != NULL))
        scratch->link = g_steal_pointer (&url);
    }
  else if (g_str_equal (rel, "enclosure"))
    add_enclosure (draft, url, type, length);
}

static void
atom_content (BriefingEntryDraft *draft,
              xmlNode            *child)
{
  g_autofree char *src = attr (child, "src");
  TextType type = atom_text_type (child);

  if (src != NULL && draft->content == NULL)
    {
      g_autofree char *url = node_url (child, src);
      g_autofree char *escaped = g_markup_escape_text (url != NULL ? url : src, -1);

      /* Out-of-line content: point at it rather than inventing a body. */
      set_content (draft, child, g_strdup_printf ("<p><a href=\"%s\">%s</a></p>", escaped, escaped));
      return;
    }

  set_content (draft, child, text_construct_html (child, type));
}

static void
item_child (ParseState         *state,
            BriefingEntryDraft *draft,
            EntryScratch       *scratch,
            xmlNode            *child)
{
  BriefingEntry *entry = draft->entry;
  const char *local;
  Ns ns = node_ns (child, &local);

  if (is_own (state, ns, local, "title") || (ns == NS_DC && g_str_equal (local, "title")))
    {
      if (scratch->title == NULL)
        scratch->title = state->dialect == DIALECT_ATOM
                           ? text_construct_plain (child, atom_text_type (child))
                           : rss_text (child);
    }
  else if (state->dialect == DIALECT_RSS && is_core (ns) && g_str_equal (local, "link"))
    {
      g_autofree char *text = node_text_stripped (child);

      if (scratch->link == NULL)
        scratch->link = node_url (child, text);
    }
  else if (is_atom (ns) && g_str_equal (local, "link"))
    atom_link (draft, scratch, child);
  else if (state->dialect == DIALECT_ATOM && ns == NS_NONE && g_str_equal (local, "link"))
    atom_link (draft, scratch, child);
  else if (is_own (state, ns, local, "guid"))
    rss_item_guid (scratch, child);
  else if (is_own (state, ns, local, "id") && scratch->guid == NULL)
    scratch->guid = node_text_stripped (child);
  else if (is_own (state, ns, local, "description") || (ns == NS_DC && g_str_equal (local, "description")))
    set_summary (draft, child, node_html (child));
  else if (is_own (state, ns, local, "summary") && state->dialect == DIALECT_ATOM)
    set_summary (draft, child, text_construct_html (child, atom_text_type (child)));
  else if (ns == NS_ITUNES && (g_str_equal (local, "summary") || g_str_equal (local, "subtitle")))
    set_summary (draft, child, text_construct_html (child, TEXT_PLAIN));
  else if (ns == NS_CONTENT && g_str_equal (local, "encoded"))
    set_content (draft, child, node_html (child));
  else if (is_own (state, ns, local, "content") && state->dialect == DIALECT_ATOM)
    atom_content (draft, child);
  else if (ns == NS_XHTML && g_str_equal (local, "body"))
    set_content (draft, child, node_markup (child));
  else if (is_own (state, ns, local, "pubDate") || is_own (state, ns, local, "published") ||
           is_own (state, ns, local, "issued") || is_own (state, ns, local, "created") ||
           (ns == NS_DC && g_str_equal (local, "date")) ||
           (ns == NS_DCTERMS && (g_str_equal (local, "issued") || g_str_equal (local, "created"))))
    set_date (&scratch->published, parse_date_node (child));
  else if (is_own (state, ns, local, "updated") || is_own (state, ns, local, "modified") ||
           (is_atom (ns) && g_str_equal (local, "updated")) ||
           (ns == NS_DCTERMS && g_str_equal (local, "modified")))
    set_date (&scratch->updated, parse_date_node (child));
  else if (is_own (state, ns, local, "author") && state->dialect == DIALECT_RSS)
    {
      g_autofree char *text = rss_text (child);

      add_person (briefing_entry_get_authors (entry), person_from_rss_author (text));
    }
  else if ((is_atom (ns) || (state->dialect == DIALECT_ATOM && ns == NS_NONE)) &&
           (g_str_equal (local, "author") || g_str_equal (local, "contributor")))
    {
      if (g_str_equal (local, "author"))
        add_person (briefing_entry_get_authors (entry), person_from_atom (state, child));
    }
  else if ((ns == NS_DC && g_str_equal (local, "creator")) || (ns == NS_ITUNES && g_str_equal (local, "author")))
    {
      g_autofree char *text = rss_text (child);

      if (text != NULL && (ns == NS_DC || briefing_entry_get_authors (entry)->len == 0))
        add_person (briefing_entry_get_authors (entry), briefing_person_new (text, NULL, NULL));
    }
  else if (is_own (state, ns, local, "category") || (is_atom (ns) && g_str_equal (local, "category")))
    {
      g_autofree char *term = attr (child, "term");
      g_autofree char *scheme = attr (child, "scheme");
      g_autofree char *domain = attr (child, "domain");
      g_autofree char *label = attr (child, "label");

      if (term == NULL)
        term = rss_text (child);
      add_category (entry, term, scheme != NULL ? scheme : domain, label);
    }
  else if (ns == NS_DC && g_str_equal (local, "subject"))
    {
      g_autofree char *term = rss_text (child);

      add_category (entry, term, NULL, NULL);
    }
  else if (is_own (state, ns, local, "enclosure"))
    {
      g_autofree char *raw_url = attr (child, "url");
      g_autofree char *url = node_url (child, raw_url);
      g_autofree char *type = attr (child, "type");
      g_autofree char *length = attr (child, "length");

      add_enclosure (draft, url, type, length);
    }
}

static BriefingEntry *
parse_item (ParseState *state,
            xmlNode    *item)
{
  g_autoptr(BriefingEntryDraft) draft = briefing_entry_draft_new ();
  g_auto(EntryScratch) scratch = { 0, };
  static const MediaText no_text = { NULL, NULL, NULL };
  BriefingEntry *entry = draft->entry;

  for (xmlNode *child = item->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        item_child (state, draft, &scratch, child);
    }

  media_collect (draft, item, &no_text, 0);

  /* RSS 1.0 names its items with rdf:about. */
  if (scratch.guid == NULL)
    {
      xmlChar *about = xmlGetNsProp (item, (const xmlChar *) "about",
                                     (const xmlChar *) "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

      if (about != NULL)
        scratch.guid = briefing_strip_to_null ((const char *) about);
      xmlFree (about);
    }

  if (scratch.link == NULL && scratch.permalink_guid != NULL)
    scratch.link = g_steal_pointer (&scratch.permalink_guid);

  if (state->dialect == DIALECT_ATOM && briefing_entry_get_authors (entry)->len == 0 && state->feed_authors != NULL)
    {
      for (guint i = 0; i < state->feed_authors->len; i++)
        {
          const BriefingPerson *person = g_ptr_array_index (state->feed_authors, i);

          g_ptr_array_add (briefing_entry_get_authors (entry),
                           briefing_person_new (person->name, person->email, person->uri));
        }
    }

  briefing_entry_set_title (entry, scratch.title);
  briefing_entry_set_link (entry, scratch.link);
  briefing_entry_set_guid (entry, scratch.guid);
  briefing_entry_set_published (entry, scratch.published != 0 ? scratch.published : scratch.updated);
  briefing_entry_set_updated (entry, scratch.updated);

  briefing_entry_draft_finish (draft, state->feed);

  return g_object_ref (entry);
}

/* Channel ----------------------------------------------------------------- */

static void
channel_image (ParseState *state,
               xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && is_core (node_ns (child, &local)) &&
          g_str_equal (local, "url") && state->feed->icon == NULL)
        {
          g_autofree char *text = node_text_stripped (child);

          state->feed->icon = node_url (child, text);
        }
    }
}

static gboolean
is_entry_element (ParseState *state,
                  Ns          ns,
                  const char *local)
{
  if (state->dialect == DIALECT_ATOM)
    return (is_atom (ns) || ns == NS_NONE) && g_str_equal (local, "entry");

  return is_core (ns) && g_str_equal (local, "item");
}

static void
channel_child (ParseState *state,
               xmlNode    *child)
{
  BriefingFeed *feed = state->feed;
  const char *local;
  Ns ns = node_ns (child, &local);

  if (is_own (state, ns, local, "title") && feed->title == NULL)
    feed->title = state->dialect == DIALECT_ATOM
                    ? text_construct_plain (child, atom_text_type (child))
                    : rss_text (child);
  else if ((is_own (state, ns, local, "description") || is_own (state, ns, local, "subtitle") ||
            is_own (state, ns, local, "tagline")) && feed->subtitle == NULL)
    feed->subtitle = state->dialect == DIALECT_ATOM
                       ? text_construct_plain (child, atom_text_type (child))
                       : rss_text (child);
  else if (state->dialect == DIALECT_RSS && is_core (ns) && g_str_equal (local, "link") && feed->link == NULL)
    {
      g_autofree char *text = node_text_stripped (child);

      feed->link = node_url (child, text);
    }
  else if ((is_atom (ns) || (state->dialect == DIALECT_ATOM && ns == NS_NONE)) && g_str_equal (local, "link"))
    {
      g_autofree char *rel = attr (child, "rel");
      g_autofree char *href = attr (child, "href");

      if ((rel == NULL || g_str_equal (rel, "alternate")) && feed->link == NULL)
        feed->link = node_url (child, href);
    }
  else if ((is_own (state, ns, local, "language") || (ns == NS_DC && g_str_equal (local, "language"))) &&
           feed->language == NULL)
    feed->language = node_text_stripped (child);
  else if (is_own (state, ns, local, "image") && state->dialect == DIALECT_RSS)
    channel_image (state, child);
  else if ((is_own (state, ns, local, "icon") || is_own (state, ns, local, "logo")) && feed->icon == NULL)
    {
      g_autofree char *text = node_text_stripped (child);

      feed->icon = node_url (child, text);
    }
  else if (ns == NS_ITUNES && g_str_equal (local, "image") && feed->icon == NULL)
    {
      g_autofree char *href = attr (child, "href");

      feed->icon = node_url (child, href);
    }
  else if (is_own (state, ns, local, "lastBuildDate") || is_own (state, ns, local, "updated") ||
           is_own (state, ns, local, "modified") || is_own (state, ns, local, "pubDate") ||
           (ns == NS_DC && g_str_equal (local, "date")))
    set_date (&feed->updated, parse_date_node (child));
  else if (is_own (state, ns, local, "ttl"))
    {
      g_autofree char *text = node_text_stripped (child);

      if (text != NULL)
        feed->ttl_minutes = (int) CLAMP (g_ascii_strtoll (text, NULL, 10), 0, 7 * 24 * 60);
    }
  else if (is_own (state, ns, local, "author") && state->dialect == DIALECT_ATOM)
    {
      if (state->feed_authors == NULL)
        state->feed_authors = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_person_free);
      add_person (state->feed_authors, person_from_atom (state, child));
    }
}

static void
parse_items_in (ParseState *state,
                xmlNode    *parent)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      const char *local;
      Ns ns;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      ns = node_ns (child, &local);
      if (is_entry_element (state, ns, local))
        g_ptr_array_add (state->feed->entries, parse_item (state, child));
    }
}

static void
parse_channel (ParseState *state,
               xmlNode    *channel)
{
  for (xmlNode *child = channel->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        channel_child (state, child);
    }
}

/* Finds the first element child named @name (in the core vocabulary). */
static xmlNode *
find_core_child (xmlNode    *parent,
                 const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && is_core (node_ns (child, &local)) && g_str_equal (local, name))
        return child;
    }

  return NULL;
}

static const char *
rss_format (xmlNode *root)
{
  g_autofree char *version = attr (root, "version");

  if (version == NULL || g_str_has_prefix (version, "2"))
    return "rss2.0";

  if (g_str_has_prefix (version, "0.9"))
    return "rss0.9x";

  return "rss2.0";
}

static gboolean
parse_root (ParseState  *state,
            xmlNode     *root,
            GError     **error)
{
  BriefingFeed *feed = state->feed;
  const char *local;
  Ns ns = node_ns (root, &local);
  xmlNode *channel;

  if (g_ascii_strcasecmp (local, "rss") == 0 || (is_core (ns) && g_str_equal (local, "channel")))
    {
      state->dialect = DIALECT_RSS;
      feed->format = g_strdup (g_str_equal (local, "channel") ? "rss0.9x" : rss_format (root));
      channel = g_str_equal (local, "channel") ? root : find_core_child (root, "channel");
      if (channel != NULL)
        {
          parse_channel (state, channel);
          parse_items_in (state, channel);
        }
      /* Some RSS 0.9x documents put items beside the channel. */
      parse_items_in (state, root);
      return TRUE;
    }

  if (ns == NS_RDF && g_str_equal (local, "RDF"))
    {
      state->dialect = DIALECT_RSS;
      channel = find_core_child (root, "channel");
      feed->format = g_strdup (channel != NULL && channel->ns != NULL &&
                               ns_from_uri ((const char *) channel->ns->href) == NS_RSS090
                                 ? "rss0.9x" : "rss1.0");
      if (channel != NULL)
        {
          parse_channel (state, channel);
          parse_items_in (state, channel);
        }
      parse_items_in (state, root);
      return TRUE;
    }

  if (g_str_equal (local, "feed") && (is_atom (ns) || ns == NS_NONE))
    {
      g_autofree char *version = attr (root, "version");

      state->dialect = DIALECT_ATOM;
      feed->format = g_strdup (ns == NS_ATOM03 || (ns == NS_NONE && version != NULL) ? "atom0.3" : "atom1.0");
      parse_channel (state, root);
      parse_items_in (state, root);
      return TRUE;
    }

  if (g_ascii_strcasecmp (local, "html") == 0 || ns == NS_XHTML)
    g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_WEB_PAGE,
                         "This is a web page, not a feed");
  else
    g_set_error (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED,
                 "This XML document is not a feed (its root element is <%s>)", local);

  return FALSE;
}

/* libxml2 2.9 hands structured errors the parser context; the feed
 * collecting them rides in its _private. */
static void
collect_xml_error (void        *user_data,
                   xmlError    *xml_error)
{
  xmlParserCtxt *ctxt = user_data;
  BriefingFeed *feed = ctxt->_private;
  g_autofree char *message = NULL;

  if (xml_error == NULL || xml_error->level < XML_ERR_ERROR || xml_error->message == NULL)
    return;

  message = g_strstrip (g_strdup (xml_error->message));
  briefing_feed_warn (feed, "Line %d: %s", xml_error->line, message);
}

BriefingFeed *
briefing_feed_parse_xml (const char  *data,
                         gsize        len,
                         const char  *document_url,
                         const char  *http_charset,
                         GError     **error)
{
  g_autoptr(BriefingFeed) feed = briefing_feed_new ();
  g_autoptr(GString) xml = NULL;
  ParseState state = { feed, DIALECT_RSS, NULL };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok;

  xml = briefing_xml_input_prepare (data, len, http_charset, feed->warnings);

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Out of memory");
      return NULL;
    }

  ctxt->_private = feed;
  ctxt->sax->serror = collect_xml_error;
  doc = xmlCtxtReadMemory (ctxt, xml->str, (int) MIN (xml->len, G_MAXINT), document_url, "UTF-8",
                           XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING |
                           XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
  xmlFreeParserCtxt (ctxt);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_MALFORMED,
                           "The document could not be read as XML");
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  ok = parse_root (&state, root, error);

  g_clear_pointer (&state.feed_authors, g_ptr_array_unref);
  xmlFreeDoc (doc);

  if (!ok)
    return NULL;

  return g_steal_pointer (&feed);
}
