/* briefing-feed-parser-xml-entry.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed-parser-xml"

#include "config.h"

#include "briefing-feed-parser-xml-private.h"
#include "briefing-url.h"
#include "briefing-utils.h"

#include <string.h>

/* One RSS <item> or Atom <entry> as a draft: its fields from the core
 * vocabulary and the usual modules (Dublin Core, content, iTunes, Media
 * RSS), and the candidates for its lead photo. */

#define MAX_CATEGORIES 64

/* Fields an item can have from more than one element, kept until the end
 * of the item decides between them. */
typedef struct
{
  gint64  published;
  int     published_rank;
  gint64  updated;
  int     updated_rank;
  char   *link;
  char   *link_other_type;  /* an alternate link that is not a web page */
  char   *permalink_guid;
  char   *guid;
  char   *title;
  int     title_rank;
  char   *itunes_summary;
  char   *itunes_author;
  gboolean content_is_fallback;
} EntryScratch;

static void
entry_scratch_clear (EntryScratch *scratch)
{
  g_clear_pointer (&scratch->link, g_free);
  g_clear_pointer (&scratch->link_other_type, g_free);
  g_clear_pointer (&scratch->permalink_guid, g_free);
  g_clear_pointer (&scratch->guid, g_free);
  g_clear_pointer (&scratch->title, g_free);
  g_clear_pointer (&scratch->itunes_summary, g_free);
  g_clear_pointer (&scratch->itunes_author, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryScratch, entry_scratch_clear)

/* Which element an entry's title, summary or date came from: better
 * sources win over earlier ones. */
enum {
  RANK_FALLBACK = 1,
  RANK_MODULE = 2,
  RANK_CORE = 3,
};

/* Small fields ------------------------------------------------------------- */

static void
set_title (EntryScratch *scratch,
           char         *title,
           int           rank)
{
  if (title == NULL || rank <= scratch->title_rank)
    {
      g_free (title);
      return;
    }

  g_free (scratch->title);
  scratch->title = briefing_text_cap (title, BRIEFING_MAX_TITLE_CHARS);
  scratch->title_rank = rank;
}

static void
set_string (char **slot,
            char  *value)
{
  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

static void
add_category (BriefingEntry *entry,
              const char    *term,
              const char    *scheme,
              const char    *label)
{
  GPtrArray *categories = briefing_entry_get_categories (entry);

  if (term == NULL || categories->len >= MAX_CATEGORIES)
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

  if (url == NULL || enclosures->len >= 64)
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

static void
add_artwork (BriefingEntryDraft *draft,
             char               *url)
{
  BriefingImage *image;

  if (url == NULL)
    return;

  image = briefing_image_new ();
  image->url = url;
  briefing_entry_draft_add_image (draft, BRIEFING_IMAGE_RANK_ITUNES_IMAGE, image, 0, FALSE);
}

/* Bodies ------------------------------------------------------------------ */

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
  draft->summary_base = xml_node_base (node);
}

static void
set_content (BriefingEntryDraft *draft,
             EntryScratch       *scratch,
             xmlNode            *node,
             char               *html,
             gboolean            fallback)
{
  if (html == NULL || (draft->content != NULL && !(scratch->content_is_fallback && !fallback)))
    {
      g_free (html);
      return;
    }

  g_free (draft->content);
  g_free (draft->content_base);
  draft->content = html;
  draft->content_base = xml_node_base (node);
  scratch->content_is_fallback = fallback;
}

/* RSS's description and (rarely) summary: the first is the summary; a
 * second one is kept as the body unless a real one (content:encoded)
 * turns up. */
static void
rss_summary (BriefingEntryDraft *draft,
             EntryScratch       *scratch,
             xmlNode            *node)
{
  if (draft->summary == NULL)
    set_summary (draft, node, xml_node_html (node));
  else
    set_content (draft, scratch, node, xml_node_html (node), TRUE);
}

static void
atom_content (ParseState         *state,
              BriefingEntryDraft *draft,
              EntryScratch       *scratch,
              xmlNode            *child)
{
  g_autofree char *src = xml_attr (child, "src");

  if (src != NULL && draft->content == NULL)
    {
      g_autofree char *url = xml_node_url (child, src);
      g_autofree char *escaped = g_markup_escape_text (url != NULL ? url : src, -1);

      /* Out-of-line content: point at it rather than inventing a body. */
      set_content (draft, scratch, child, g_strdup_printf ("<p><a href=\"%s\">%s</a></p>", escaped, escaped), FALSE);
      return;
    }

  set_content (draft, scratch, child, xml_text_construct_html (child, xml_atom_text_type (state, child)), FALSE);
}

/* Links and ids --------------------------------------------------------------- */

static void
rss_item_guid (EntryScratch *scratch,
               xmlNode      *child)
{
  g_autofree char *guid = xml_node_text_stripped (child);
  g_autofree char *permalink = xml_attr (child, "isPermaLink");

  if (guid == NULL || scratch->guid != NULL)
    return;

  if ((permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0) && briefing_url_is_web (guid))
    scratch->permalink_guid = xml_node_url (child, guid);

  scratch->guid = g_steal_pointer (&guid);
}

/* An Atom link element, in an entry or (for enclosures) in RSS. Atom 0.3
 * feeds sometimes put the address in the content rather than href. */
static void
atom_link (BriefingEntryDraft *draft,
           EntryScratch       *scratch,
           xmlNode            *child)
{
  g_autofree char *rel = xml_attr (child, "rel");
  g_autofree char *href = xml_attr (child, "href");
  g_autofree char *type = xml_attr (child, "type");
  g_autofree char *length = xml_attr (child, "length");
  g_autofree char *url = NULL;

  if (href == NULL && child->children != NULL)
    href = xml_node_text_stripped (child);

  url = xml_node_url (child, href);
  if (url == NULL)
    return;

  if (rel == NULL || g_str_equal (rel, "alternate") || g_str_equal (rel, "http://www.iana.org/assignments/relation/alternate"))
    {
      if (type == NULL || strstr (type, "html") != NULL)
        set_string (&scratch->link, g_steal_pointer (&url));
      else
        set_string (&scratch->link_other_type, g_steal_pointer (&url));
    }
  else if (g_str_equal (rel, "enclosure"))
    add_enclosure (draft, url, type, length);
  else if (g_str_equal (rel, "image"))
    add_artwork (draft, g_steal_pointer (&url));
}

/* Categories -------------------------------------------------------------- */

static void
core_category (BriefingEntry *entry,
               xmlNode       *child)
{
  g_autofree char *term = xml_attr (child, "term");
  g_autofree char *scheme = xml_attr (child, "scheme");
  g_autofree char *domain = xml_attr (child, "domain");
  g_autofree char *label = xml_attr (child, "label");

  if (term == NULL)
    term = xml_rss_text (child);
  add_category (entry, term, scheme != NULL ? scheme : domain, label);
}

static void
media_category (BriefingEntry *entry,
                xmlNode       *child)
{
  g_autofree char *term = xml_rss_text (child);
  g_autofree char *scheme = xml_attr (child, "scheme");
  g_autofree char *label = xml_attr (child, "label");

  add_category (entry, term, scheme != NULL ? scheme : "http://search.yahoo.com/mrss/category_schema", label);
}

/* iTunes categories nest: Technology > Gadgets. */
static void
itunes_category (BriefingEntry *entry,
                 xmlNode       *node,
                 guint          depth)
{
  g_autofree char *text = xml_attr (node, "text");

  add_category (entry, text, "http://www.itunes.com/", NULL);

  for (xmlNode *child = node->children; child != NULL && depth < 4; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && xml_node_ns (child, &local) == NS_ITUNES &&
          strcmp (local, "category") == 0)
        itunes_category (entry, child, depth + 1);
    }
}

/* A comma-separated <tags> element, which some blog engines emit. */
static void
tags_element (BriefingEntry *entry,
              xmlNode       *child)
{
  g_autofree char *text = xml_rss_text (child);
  g_auto(GStrv) tags = NULL;

  if (text == NULL)
    return;

  tags = g_strsplit (text, ",", MAX_CATEGORIES);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = briefing_strip_to_null (tags[i]);

      add_category (entry, tag, NULL, NULL);
    }
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
  g_autofree char *type = xml_attr (node, "type");

  if (type != NULL && g_ascii_strcasecmp (type, "html") == 0)
    {
      g_autofree char *html = xml_node_html (node);

      return briefing_text_from_html (html);
    }

  return xml_rss_text (node);
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

      if (child->type != XML_ELEMENT_NODE || xml_node_ns (child, &local) != NS_MEDIA)
        continue;

      if (strcmp (local, "description") == 0 && text->caption == NULL)
        text->caption = media_description (child);
      else if (strcmp (local, "credit") == 0 && text->credit == NULL)
        text->credit = xml_rss_text (child);
      else if (strcmp (local, "title") == 0 && text->title == NULL)
        text->title = xml_rss_text (child);
      else if (strcmp (local, "text") == 0 && text->caption == NULL)
        text->caption = xml_rss_text (child);
    }
}

static void
media_text_inherit (MediaText       *text,
                    const MediaText *inherited)
{
  if (text->caption == NULL)
    text->caption = g_strdup (inherited->caption);
  if (text->credit == NULL)
    text->credit = g_strdup (inherited->credit);
  if (text->title == NULL)
    text->title = g_strdup (inherited->title);
}

static void
media_add_candidate (BriefingEntryDraft *draft,
                     xmlNode            *node,
                     BriefingImageRank   rank,
                     const MediaText    *inherited)
{
  g_auto(MediaText) own = { NULL, NULL, NULL };
  g_autofree char *url = NULL;
  g_autofree char *raw_url = xml_attr (node, "url");
  g_autofree char *medium = xml_attr (node, "medium");
  g_autofree char *type = xml_attr (node, "type");
  g_autofree char *is_default = xml_attr (node, "isDefault");
  g_autofree char *file_size = xml_attr (node, "fileSize");
  BriefingImage *image;

  url = xml_node_url (node, raw_url);
  if (url == NULL)
    return;

  if (rank == BRIEFING_IMAGE_RANK_MEDIA_CONTENT &&
      !(medium != NULL ? g_ascii_strcasecmp (medium, "image") == 0 : briefing_mime_is_image (type, url)))
    return;

  media_text_collect (&own, node);
  media_text_inherit (&own, inherited);

  image = briefing_image_new ();
  image->url = g_steal_pointer (&url);
  image->width = xml_int_attr (node, "width");
  image->height = xml_int_attr (node, "height");
  image->caption = g_steal_pointer (&own.caption);
  image->credit = g_steal_pointer (&own.credit);
  if (image->caption == NULL)
    image->caption = g_steal_pointer (&own.title);

  briefing_entry_draft_add_image (draft, rank, image,
                                  file_size != NULL ? g_ascii_strtoll (file_size, NULL, 10) : 0,
                                  is_default != NULL && g_ascii_strcasecmp (is_default, "true") == 0);
}

static void media_collect (BriefingEntryDraft *draft,
                           xmlNode            *node,
                           const MediaText    *inherited,
                           guint               depth);

static void
media_collect_content (BriefingEntryDraft *draft,
                       xmlNode            *content,
                       const MediaText    *inherited)
{
  g_auto(MediaText) own = { NULL, NULL, NULL };

  media_add_candidate (draft, content, BRIEFING_IMAGE_RANK_MEDIA_CONTENT, inherited);

  /* A thumbnail inside media:content stands for that content. */
  media_text_collect (&own, content);
  media_text_inherit (&own, inherited);
  for (xmlNode *child = content->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && xml_node_ns (child, &local) == NS_MEDIA &&
          strcmp (local, "thumbnail") == 0)
        media_add_candidate (draft, child, BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL, &own);
    }
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
  media_text_inherit (&text, inherited);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type != XML_ELEMENT_NODE || xml_node_ns (child, &local) != NS_MEDIA)
        continue;

      if (strcmp (local, "content") == 0)
        media_collect_content (draft, child, &text);
      else if (strcmp (local, "thumbnail") == 0)
        media_add_candidate (draft, child, BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL, &text);
      else if (strcmp (local, "group") == 0 && depth < 4)
        media_collect (draft, child, &text, depth + 1);
      else if (strcmp (local, "category") == 0)
        media_category (draft->entry, child);
    }
}

/* Media RSS's title and description stand in for an item's own (YouTube's
 * feeds have nothing else). */
static void
media_fallbacks (BriefingEntryDraft *draft,
                 EntryScratch       *scratch,
                 xmlNode            *item)
{
  g_auto(MediaText) text = { NULL, NULL, NULL };

  if (scratch->title != NULL && (draft->summary != NULL || draft->content != NULL))
    return;

  media_text_collect (&text, item);
  for (xmlNode *child = item->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && xml_node_ns (child, &local) == NS_MEDIA &&
          (strcmp (local, "group") == 0 || strcmp (local, "content") == 0))
        media_text_collect (&text, child);
    }

  set_title (scratch, g_steal_pointer (&text.title), RANK_FALLBACK);
  if (text.caption != NULL && draft->summary == NULL && draft->content == NULL)
    set_summary (draft, item, g_markup_escape_text (text.caption, -1));
}

/* The item's children ------------------------------------------------------ */

static gboolean
item_dates (ParseState   *state,
            EntryScratch *scratch,
            xmlNode      *child,
            Ns            ns,
            const char   *local)
{
  int published_rank = 0;
  int updated_rank = 0;

  if (xml_is_own (state, ns, local, "pubDate") || xml_is_own (state, ns, local, "published") ||
      xml_is_own (state, ns, local, "issued"))
    published_rank = RANK_CORE;
  else if ((ns == NS_DC && strcmp (local, "date") == 0) || (ns == NS_DCTERMS && strcmp (local, "issued") == 0))
    published_rank = RANK_MODULE;
  else if (xml_is_own (state, ns, local, "created") || (ns == NS_DCTERMS && strcmp (local, "created") == 0))
    published_rank = RANK_FALLBACK;
  else if (xml_is_own (state, ns, local, "updated") || xml_is_own (state, ns, local, "modified") ||
           (xml_ns_is_atom (ns) && strcmp (local, "updated") == 0))
    updated_rank = RANK_CORE;
  else if (ns == NS_DCTERMS && strcmp (local, "modified") == 0)
    updated_rank = RANK_MODULE;
  else
    return FALSE;

  if (published_rank > 0)
    xml_set_ranked_date (&scratch->published, &scratch->published_rank, xml_date_node (child), published_rank);
  else
    xml_set_ranked_date (&scratch->updated, &scratch->updated_rank, xml_date_node (child), updated_rank);

  return TRUE;
}

/* An RSS author is text, "Jane Doe <jane@example.com>" included: the
 * address is taken out before the name is read as possibly HTML. */
static BriefingPerson *
rss_person (xmlNode *node)
{
  g_autofree char *text = xml_node_text_stripped (node);
  BriefingPerson *person = xml_person_from_rss (text);

  if (person != NULL && person->name != NULL && strpbrk (person->name, "<&") != NULL)
    {
      char *name = briefing_text_from_html (person->name);

      g_free (person->name);
      person->name = name;
    }

  return person;
}

static gboolean
item_people (ParseState   *state,
             BriefingEntry *entry,
             EntryScratch  *scratch,
             xmlNode       *child,
             Ns             ns,
             const char    *local)
{
  GPtrArray *authors = briefing_entry_get_authors (entry);

  if ((state->dialect == DIALECT_RSS && xml_is_own (state, ns, local, "author")) ||
      (ns == NS_DC && (strcmp (local, "creator") == 0 || strcmp (local, "author") == 0)))
    xml_add_person (authors, rss_person (child));
  else if ((xml_ns_is_atom (ns) || (state->dialect == DIALECT_ATOM && ns == NS_NONE)) && strcmp (local, "author") == 0)
    xml_add_person (authors, xml_person_from_atom (child));
  else if (ns == NS_ITUNES && strcmp (local, "author") == 0)
    set_string (&scratch->itunes_author, xml_rss_text (child));
  else
    return FALSE;

  return TRUE;
}

static gboolean
item_categories (ParseState    *state,
                 BriefingEntry *entry,
                 xmlNode       *child,
                 Ns             ns,
                 const char    *local)
{
  if (xml_is_own (state, ns, local, "category") || (xml_ns_is_atom (ns) && strcmp (local, "category") == 0))
    core_category (entry, child);
  else if (ns == NS_DC && strcmp (local, "subject") == 0)
    {
      g_autofree char *term = xml_rss_text (child);

      add_category (entry, term, NULL, NULL);
    }
  else if (ns == NS_ITUNES && strcmp (local, "category") == 0)
    itunes_category (entry, child, 0);
  else if (state->dialect == DIALECT_RSS && ns == NS_NONE && strcmp (local, "tags") == 0)
    tags_element (entry, child);
  else
    return FALSE;

  return TRUE;
}

static gboolean
item_bodies (ParseState         *state,
             BriefingEntryDraft *draft,
             EntryScratch       *scratch,
             xmlNode            *child,
             Ns                  ns,
             const char         *local)
{
  if (state->dialect == DIALECT_RSS &&
      (xml_is_own (state, ns, local, "description") || xml_is_own (state, ns, local, "summary")))
    rss_summary (draft, scratch, child);
  else if (ns == NS_DC && strcmp (local, "description") == 0)
    set_summary (draft, child, xml_node_html (child));
  else if (state->dialect == DIALECT_ATOM && xml_is_own (state, ns, local, "summary"))
    set_summary (draft, child, xml_text_construct_html (child, xml_atom_text_type (state, child)));
  else if (ns == NS_ITUNES && (strcmp (local, "summary") == 0 || strcmp (local, "subtitle") == 0))
    set_string (&scratch->itunes_summary, xml_rss_text (child));
  else if (ns == NS_CONTENT && strcmp (local, "encoded") == 0)
    set_content (draft, scratch, child, xml_node_html (child), FALSE);
  else if (state->dialect == DIALECT_ATOM && xml_is_own (state, ns, local, "content"))
    atom_content (state, draft, scratch, child);
  else if ((ns == NS_XHTML || (state->dialect == DIALECT_RSS && ns == NS_NONE)) && strcmp (local, "body") == 0)
    set_content (draft, scratch, child, xml_node_markup (child), FALSE);
  else if (state->dialect == DIALECT_RSS && ns == NS_NONE && strcmp (local, "fullitem") == 0)
    set_content (draft, scratch, child, xml_node_html (child), FALSE);
  else
    return FALSE;

  return TRUE;
}

/* Returns whether @child is a field of an item. */
static gboolean
item_child (ParseState         *state,
            BriefingEntryDraft *draft,
            EntryScratch       *scratch,
            xmlNode            *child)
{
  BriefingEntry *entry = draft->entry;
  const char *local;
  Ns ns = xml_node_ns (child, &local);

  if (xml_is_own (state, ns, local, "title"))
    set_title (scratch, state->dialect == DIALECT_ATOM
                          ? xml_text_construct_plain (child, xml_atom_text_type (state, child))
                          : xml_rss_text (child), RANK_CORE);
  else if (ns == NS_DC && strcmp (local, "title") == 0)
    set_title (scratch, xml_rss_text (child), RANK_MODULE);
  else if (state->dialect == DIALECT_RSS && xml_is_own (state, ns, local, "link"))
    {
      g_autofree char *text = xml_node_text_stripped (child);

      set_string (&scratch->link, xml_node_url (child, text));
    }
  else if (xml_ns_is_atom (ns) && strcmp (local, "link") == 0)
    atom_link (draft, scratch, child);
  else if (state->dialect == DIALECT_ATOM && ns == NS_NONE && strcmp (local, "link") == 0)
    atom_link (draft, scratch, child);
  else if (xml_is_own (state, ns, local, "guid"))
    rss_item_guid (scratch, child);
  else if (xml_is_own (state, ns, local, "id") && scratch->guid == NULL)
    scratch->guid = xml_node_text_stripped (child);
  else if (xml_is_own (state, ns, local, "enclosure"))
    {
      g_autofree char *raw_url = xml_attr (child, "url");
      g_autofree char *url = xml_node_url (child, raw_url);
      g_autofree char *type = xml_attr (child, "type");
      g_autofree char *length = xml_attr (child, "length");

      add_enclosure (draft, url, type, length);
    }
  else if (ns == NS_ITUNES && (strcmp (local, "image") == 0 || strcmp (local, "link") == 0))
    {
      g_autofree char *rel = xml_attr (child, "rel");
      g_autofree char *href = xml_attr (child, "href");

      if (href == NULL)
        href = xml_attr (child, "url");
      if (strcmp (local, "image") == 0 || g_strcmp0 (rel, "image") == 0)
        add_artwork (draft, xml_node_url (child, href));
    }
  else
    return item_dates (state, scratch, child, ns, local) ||
           item_people (state, entry, scratch, child, ns, local) ||
           item_categories (state, entry, child, ns, local) ||
           item_bodies (state, draft, scratch, child, ns, local);

  return TRUE;
}

/* The end of the item --------------------------------------------------------- */

static void
finish_ids (ParseState   *state,
            EntryScratch *scratch,
            xmlNode      *item)
{
  /* RSS 1.0 names its items with rdf:about. */
  if (scratch->guid == NULL)
    {
      xmlChar *about = xmlGetNsProp (item, (const xmlChar *) "about",
                                     (const xmlChar *) "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

      if (about != NULL)
        scratch->guid = briefing_strip_to_null ((const char *) about);
      xmlFree (about);
    }

  if (scratch->link == NULL)
    scratch->link = g_steal_pointer (&scratch->link_other_type);
  if (scratch->link == NULL && scratch->permalink_guid != NULL)
    scratch->link = g_steal_pointer (&scratch->permalink_guid);
}

static void
finish_people (ParseState    *state,
               BriefingEntry *entry,
               EntryScratch  *scratch)
{
  GPtrArray *authors = briefing_entry_get_authors (entry);

  if (authors->len == 0 && scratch->itunes_author != NULL)
    xml_add_person (authors, xml_person_from_rss (scratch->itunes_author));

  if (authors->len == 0 && state->feed_authors != NULL)
    {
      for (guint i = 0; i < state->feed_authors->len; i++)
        {
          const BriefingPerson *person = g_ptr_array_index (state->feed_authors, i);

          g_ptr_array_add (authors, briefing_person_new (person->name, person->email, person->uri));
        }
    }
}

/**
 * xml_parse_entry:
 * @item: an RSS <item> or Atom <entry>, complete with its children
 *
 * Returns: (transfer full) (nullable): the finished entry, or %NULL when
 *   the item held nothing
 */
BriefingEntry *
xml_parse_entry (ParseState *state,
                 xmlNode    *item)
{
  g_autoptr(BriefingEntryDraft) draft = briefing_entry_draft_new ();
  g_auto(EntryScratch) scratch = { 0, };
  static const MediaText no_text = { NULL, NULL, NULL };
  BriefingEntry *entry = draft->entry;

  for (xmlNode *child = item->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && item_child (state, draft, &scratch, child))
        draft->has_fields = TRUE;
    }

  media_collect (draft, item, &no_text, 0);
  media_fallbacks (draft, &scratch, item);
  if (draft->summary == NULL && scratch.itunes_summary != NULL)
    set_summary (draft, item, g_markup_escape_text (scratch.itunes_summary, -1));

  finish_ids (state, &scratch, item);
  finish_people (state, entry, &scratch);

  briefing_entry_set_title (entry, scratch.title);
  briefing_entry_set_link (entry, scratch.link);
  briefing_entry_set_guid (entry, scratch.guid);
  briefing_entry_set_published (entry, scratch.published != 0 ? scratch.published : scratch.updated);
  briefing_entry_set_updated (entry, scratch.updated);

  if (!briefing_entry_draft_finish (draft, state->feed))
    return NULL;

  return g_object_ref (entry);
}
