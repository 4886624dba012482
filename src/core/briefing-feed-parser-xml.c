/* briefing-feed-parser-xml.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed-parser-xml"

#include "config.h"

#include "briefing-feed-parser-xml-private.h"
#include "briefing-url.h"
#include "briefing-utils.h"
#include "briefing-xml-input.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <string.h>

/* RSS 0.9x/1.0/2.0 and Atom 0.3/1.0. A document is read as a stream
 * (libxml2's xmlTextReader): each entry and each channel field is
 * expanded into a small tree, walked and freed, so a large feed is never
 * held as a whole tree. Feeds that are not well-formed make the reader
 * stop; they are read again as a tree in libxml2's recover mode, and
 * entries that an unclosed tag buried inside another one are dug out. */

/* libxml2 2.9 refuses deeper nesting itself (256 levels); entries and
 * fields are walked to this depth at most. */
#define MAX_WALK_DEPTH 64

/* The parse options for both readers: recover what can be read, never
 * touch the network, no external entities (libxml2 loads none without
 * XML_PARSE_NOENT or XML_PARSE_DTDLOAD), and libxml2's own limits on
 * entity expansion and node sizes stay on (no XML_PARSE_HUGE). */
#define XML_OPTIONS (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | \
                     XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* The channel ---------------------------------------------------------------- */

enum {
  RANK_LOW = 1,
  RANK_MIDDLE = 2,
  RANK_HIGH = 3,
};

typedef enum {
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_DC_TITLE,
  FIELD_SUBTITLE,
  FIELD_ITUNES_SUBTITLE,
  FIELD_LINK,
  FIELD_ATOM_LINK,
  FIELD_LANGUAGE,
  FIELD_RSS_IMAGE,
  FIELD_ATOM_ICON,
  FIELD_ATOM_LOGO,
  FIELD_ITUNES_IMAGE,
  FIELD_UPDATED,
  FIELD_PUBLISHED,
  FIELD_CREATED,
  FIELD_TTL,
  FIELD_AUTHOR,
} ChannelField;

/* What a child of the channel (or of an Atom feed) is, from its name. */
static ChannelField
channel_field (ParseState *state,
               Ns          ns,
               const char *local)
{
  gboolean atom = state->dialect == DIALECT_ATOM;

  if (xml_is_own (state, ns, local, "title"))
    return FIELD_TITLE;
  if (ns == NS_DC && strcmp (local, "title") == 0)
    return FIELD_DC_TITLE;
  if (xml_is_own (state, ns, local, "description") || xml_is_own (state, ns, local, "subtitle") ||
      xml_is_own (state, ns, local, "tagline") || (ns == NS_DC && strcmp (local, "description") == 0))
    return FIELD_SUBTITLE;
  if (ns == NS_ITUNES && (strcmp (local, "subtitle") == 0 || strcmp (local, "summary") == 0))
    return FIELD_ITUNES_SUBTITLE;
  if (!atom && xml_is_own (state, ns, local, "link"))
    return FIELD_LINK;
  if ((xml_ns_is_atom (ns) || (atom && ns == NS_NONE)) && strcmp (local, "link") == 0)
    return FIELD_ATOM_LINK;
  if (xml_is_own (state, ns, local, "language") || (ns == NS_DC && strcmp (local, "language") == 0))
    return FIELD_LANGUAGE;
  if (!atom && xml_is_own (state, ns, local, "image"))
    return FIELD_RSS_IMAGE;
  if (xml_is_own (state, ns, local, "icon"))
    return FIELD_ATOM_ICON;
  if (xml_is_own (state, ns, local, "logo"))
    return FIELD_ATOM_LOGO;
  if (ns == NS_ITUNES && (strcmp (local, "image") == 0 || strcmp (local, "link") == 0))
    return FIELD_ITUNES_IMAGE;
  if (xml_is_own (state, ns, local, "lastBuildDate") || xml_is_own (state, ns, local, "updated") ||
      xml_is_own (state, ns, local, "modified") || (ns == NS_DCTERMS && strcmp (local, "modified") == 0))
    return FIELD_UPDATED;
  if (xml_is_own (state, ns, local, "pubDate") || (ns == NS_DC && strcmp (local, "date") == 0) ||
      (ns == NS_DCTERMS && strcmp (local, "issued") == 0))
    return FIELD_PUBLISHED;
  if (ns == NS_DCTERMS && strcmp (local, "created") == 0)
    return FIELD_CREATED;
  if (xml_is_own (state, ns, local, "ttl"))
    return FIELD_TTL;
  if (atom && xml_is_own (state, ns, local, "author"))
    return FIELD_AUTHOR;

  return FIELD_NONE;
}

static void
set_ranked (char **slot,
            int   *slot_rank,
            char  *value,
            int    rank)
{
  if (value == NULL || rank <= *slot_rank)
    {
      g_free (value);
      return;
    }

  g_free (*slot);
  *slot = value;
  *slot_rank = rank;
}

static char *
channel_text (ParseState *state,
              xmlNode    *node)
{
  char *text;

  if (state->dialect == DIALECT_ATOM)
    text = xml_text_construct_plain (node, xml_atom_text_type (state, node));
  else
    text = xml_rss_text (node);

  return briefing_text_cap (text, BRIEFING_MAX_TITLE_CHARS * 4);
}

static char *
rss_image_url (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && xml_ns_is_core (xml_node_ns (child, &local)) &&
          g_ascii_strcasecmp (local, "url") == 0)
        {
          g_autofree char *text = xml_node_text_stripped (child);

          return xml_node_url (child, text);
        }
    }

  return NULL;
}

/* iTunes images give the address in href, or (wrongly) in url, or as an
 * old-style <itunes:link rel="image">. */
static char *
itunes_image_url (xmlNode *node)
{
  g_autofree char *rel = xml_attr (node, "rel");
  g_autofree char *href = xml_attr (node, "href");

  if (strcmp ((const char *) node->name, "link") == 0 && g_strcmp0 (rel, "image") != 0)
    return NULL;

  if (href == NULL)
    href = xml_attr (node, "url");

  return xml_node_url (node, href);
}

static void
channel_link (ParseState *state,
              xmlNode    *node)
{
  g_autofree char *rel = xml_attr (node, "rel");
  g_autofree char *href = xml_attr (node, "href");

  if (href == NULL && node->children != NULL)
    href = xml_node_text_stripped (node);

  if ((rel == NULL || g_str_equal (rel, "alternate")) && state->feed->link == NULL)
    {
      state->feed->link = xml_node_url (node, href);
    }
  else if (g_strcmp0 (rel, "self") == 0 && state->feed->self_url == NULL)
    {
      g_autofree char *url = xml_node_url (node, href);

      /* A file's own file: address is no subscription. */
      if (briefing_url_is_web (url))
        state->feed->self_url = g_steal_pointer (&url);
    }
}

static void
channel_date (ParseState *state,
              xmlNode    *node,
              int         rank)
{
  xml_set_ranked_date (&state->feed->updated, &state->updated_rank, xml_date_node (node), rank);
}

static void
channel_child (ParseState   *state,
               xmlNode      *node,
               ChannelField  field)
{
  BriefingFeed *feed = state->feed;
  g_autofree char *text = NULL;

  switch (field)
    {
    case FIELD_TITLE:
      set_ranked (&feed->title, &state->title_rank, channel_text (state, node), RANK_HIGH);
      break;
    case FIELD_DC_TITLE:
      set_ranked (&feed->title, &state->title_rank, xml_rss_text (node), RANK_MIDDLE);
      break;
    case FIELD_SUBTITLE:
      set_ranked (&feed->subtitle, &state->subtitle_rank, channel_text (state, node), RANK_HIGH);
      break;
    case FIELD_ITUNES_SUBTITLE:
      set_ranked (&feed->subtitle, &state->subtitle_rank, xml_rss_text (node), RANK_LOW);
      break;
    case FIELD_LINK:
      text = xml_node_text_stripped (node);
      if (feed->link == NULL)
        feed->link = xml_node_url (node, text);
      break;
    case FIELD_ATOM_LINK:
      channel_link (state, node);
      break;
    case FIELD_LANGUAGE:
      text = xml_node_text_stripped (node);
      if (text != NULL && (feed->language == NULL || state->language_from_xml_lang))
        {
          g_free (feed->language);
          feed->language = xml_normalize_language (text);
          state->language_from_xml_lang = FALSE;
        }
      break;
    case FIELD_ATOM_ICON:
      text = xml_node_text_stripped (node);
      set_ranked (&feed->icon, &state->icon_rank, xml_node_url (node, text), RANK_HIGH + 1);
      break;
    case FIELD_RSS_IMAGE:
      set_ranked (&feed->icon, &state->icon_rank, rss_image_url (node), RANK_HIGH);
      break;
    case FIELD_ITUNES_IMAGE:
      set_ranked (&feed->icon, &state->icon_rank, itunes_image_url (node), RANK_MIDDLE);
      break;
    case FIELD_ATOM_LOGO:
      text = xml_node_text_stripped (node);
      set_ranked (&feed->icon, &state->icon_rank, xml_node_url (node, text), RANK_LOW);
      break;
    case FIELD_UPDATED:
      channel_date (state, node, RANK_HIGH);
      break;
    case FIELD_PUBLISHED:
      channel_date (state, node, RANK_MIDDLE);
      break;
    case FIELD_CREATED:
      channel_date (state, node, RANK_LOW);
      break;
    case FIELD_TTL:
      text = xml_node_text_stripped (node);
      if (text != NULL)
        feed->ttl_minutes = (int) CLAMP (g_ascii_strtoll (text, NULL, 10), 0, 7 * 24 * 60);
      break;
    case FIELD_AUTHOR:
      if (state->feed_authors == NULL)
        state->feed_authors = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_person_free);
      xml_add_person (state->feed_authors, xml_person_from_atom (node));
      break;
    case FIELD_NONE:
    default:
      break;
    }
}

/* The root: which format ---------------------------------------------------- */

static const char *
rss_format (xmlNode *root)
{
  g_autofree char *version = xml_attr (root, "version");

  if (version != NULL && g_str_has_prefix (version, "0.9"))
    return "rss0.9x";

  return "rss2.0";
}

/* The format of @root; sets @error when the document is not a feed. */
static gboolean
begin_root (ParseState  *state,
            xmlNode     *root,
            GError     **error)
{
  BriefingFeed *feed = state->feed;
  const char *local;
  Ns ns = xml_node_ns (root, &local);
  g_autofree char *version = xml_attr (root, "version");
  xmlChar *lang;

  if (g_ascii_strcasecmp (local, "rss") == 0 && (xml_ns_is_core (ns) || ns == NS_OTHER))
    {
      state->dialect = DIALECT_RSS;
      feed->format = g_strdup (rss_format (root));
    }
  else if (xml_ns_is_core (ns) && strcmp (local, "channel") == 0)
    {
      state->dialect = DIALECT_RSS;
      feed->format = g_strdup ("rss0.9x");
    }
  else if (ns == NS_RDF && strcmp (local, "RDF") == 0)
    {
      state->dialect = DIALECT_RSS;
      feed->format = NULL;  /* RSS 1.0 or 0.90: the channel's namespace tells */
    }
  else if (strcmp (local, "feed") == 0 && (xml_ns_is_atom (ns) || ns == NS_NONE || (ns == NS_OTHER && version != NULL)))
    {
      /* Pre-standard Atom used namespaces of its own (example.com,
       * purl.org/echo, purl.org/pie): a versioned feed is Atom 0.3. */
      if (ns == NS_OTHER)
        xml_ns_set_alias (root->ns, NS_ATOM03);
      state->dialect = DIALECT_ATOM;
      state->atom03 = ns == NS_ATOM03 || ns == NS_OTHER || (ns == NS_NONE && version != NULL);
      feed->format = g_strdup (state->atom03 ? "atom0.3" : "atom1.0");
    }
  else if (strcmp (local, "entry") == 0 && xml_ns_is_atom (ns))
    {
      /* An Atom Entry Document (RFC 4287, 5.1): one entry, no feed. */
      state->dialect = DIALECT_ATOM;
      state->atom03 = ns == NS_ATOM03;
      state->root_is_entry = TRUE;
      feed->format = g_strdup (state->atom03 ? "atom0.3" : "atom1.0");
    }
  else
    {
      if (g_ascii_strcasecmp (local, "html") == 0 || ns == NS_XHTML)
        g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_WEB_PAGE,
                             "This is a web page, not a feed");
      else
        g_set_error (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED,
                     "This XML document is not a feed (its root element is <%.64s>)", local);
      return FALSE;
    }

  /* xml:lang on the root is the feed's language unless it names one. */
  lang = xmlNodeGetLang (root);
  if (lang != NULL)
    {
      g_free (feed->language);
      feed->language = xml_normalize_language ((const char *) lang);
      state->language_from_xml_lang = TRUE;
    }
  xmlFree (lang);

  return TRUE;
}

/* An RSS channel, or RDF's, holds the fields; RDF's namespace tells RSS
 * 1.0 from 0.90. */
static gboolean
is_channel (ParseState *state,
            Ns          ns,
            const char *local)
{
  if (state->dialect != DIALECT_RSS || !xml_ns_is_core (ns) || g_ascii_strcasecmp (local, "channel") != 0)
    return FALSE;

  if (state->feed->format == NULL)
    state->feed->format = g_strdup (ns == NS_RSS090 ? "rss0.9x" : "rss1.0");

  return TRUE;
}

static void
add_entry (ParseState *state,
           xmlNode    *item)
{
  BriefingEntry *entry;

  if (briefing_feed_is_full (state->feed))
    return;

  entry = xml_parse_entry (state, item);
  if (entry == NULL)
    {
      briefing_feed_warn (state->feed, "Line %ld: an empty entry was skipped", xmlGetLineNo (item));
      return;
    }

  g_ptr_array_add (state->feed->entries, entry);
}

/* Keeps libxml2's errors as the feed's warnings. Entity errors mean the
 * document's own entity declarations expand too far (a "billion laughs"
 * document, or a broken one); libxml2 stops there. */
static void
collect_xml_error (ParseState *state,
                   xmlError   *xml_error)
{
  g_autofree char *message = NULL;

  if (xml_error == NULL || xml_error->level < XML_ERR_ERROR || xml_error->message == NULL)
    return;

  if (xml_error->code == XML_ERR_ENTITY_LOOP)
    state->entity_trouble = TRUE;

  message = g_strstrip (g_strdup (xml_error->message));
  briefing_feed_warn (state->feed, "Line %d: %s", xml_error->line, message);
}

/* Reading a tree (broken documents) ------------------------------------------ */

/* Recover mode nests what follows an unclosed tag inside it, an item
 * inside the item before it or inside a channel field: entries are
 * looked for everywhere below the container. */
static void
walk_dom (ParseState *state,
          xmlNode    *parent,
          gboolean    in_container,
          guint       depth)
{
  if (depth > MAX_WALK_DEPTH)
    return;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      ChannelField field;
      const char *local;
      Ns ns;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      ns = xml_node_ns (child, &local);
      if (xml_is_entry_element (state, ns, local))
        {
          add_entry (state, child);
          walk_dom (state, child, FALSE, depth + 1);
        }
      else if (in_container && is_channel (state, ns, local))
        walk_dom (state, child, TRUE, depth + 1);
      else if (in_container && (field = channel_field (state, ns, local)) != FIELD_NONE)
        {
          channel_child (state, child, field);
          walk_dom (state, child, FALSE, depth + 1);
        }
      else
        walk_dom (state, child, FALSE, depth + 1);
    }
}

/* libxml2 2.9 hands structured errors the parser context; the state
 * collecting them rides in its _private. */
static void
on_dom_error (void     *user_data,
              xmlError *xml_error)
{
  xmlParserCtxt *ctxt = user_data;

  collect_xml_error (ctxt->_private, xml_error);
}

static gboolean
parse_dom (ParseState            *state,
           const char            *data,
           gsize                  len,
           const char            *document_url,
           const char            *http_charset,
           BriefingXmlInputFlags  flags,
           GError               **error)
{
  g_autoptr(GString) xml = briefing_xml_input_prepare (data, len, http_charset, flags, state->feed->warnings);
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Out of memory");
      return FALSE;
    }

  ctxt->_private = state;
  ctxt->sax->serror = on_dom_error;
  doc = xmlCtxtReadMemory (ctxt, xml->str, (int) MIN (xml->len, G_MAXINT), document_url, "UTF-8", XML_OPTIONS);
  xmlFreeParserCtxt (ctxt);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_MALFORMED,
                           "The document could not be read as XML");
      g_clear_pointer (&doc, xmlFreeDoc);
      return FALSE;
    }

  ok = begin_root (state, root, error);
  if (ok && state->root_is_entry)
    add_entry (state, root);
  else if (ok)
    walk_dom (state, root, TRUE, 0);

  xmlFreeDoc (doc);

  return ok;
}

/* Reading a stream ---------------------------------------------------------- */

typedef enum {
  STREAM_OK,
  STREAM_NOT_A_FEED,
  STREAM_BROKEN,
} StreamResult;

typedef struct
{
  ParseState *state;
  xmlNode    *root;
  xmlNode    *channel;
} Stream;

static void
on_stream_error (void     *user_data,
                 xmlError *xml_error)
{
  Stream *stream = user_data;

  collect_xml_error (stream->state, xml_error);
}

static int
read_input (void *context,
            char *buffer,
            int   len)
{
  return briefing_xml_input_read (context, buffer, len);
}

static int
close_input (void *context)
{
  return 0;
}

/* Handles the element the reader is on. Returns TRUE when it was read
 * whole, so that the reader skips past it. */
static gboolean
stream_element (Stream          *stream,
                xmlTextReader   *reader,
                GError         **error,
                gboolean        *stop)
{
  ParseState *state = stream->state;
  xmlNode *node = xmlTextReaderCurrentNode (reader);
  gboolean in_container;
  ChannelField field;
  const char *local;
  Ns ns;

  if (node == NULL)
    return FALSE;

  if (stream->root == NULL)
    {
      stream->root = node;
      *stop = !begin_root (state, node, error);
      if (*stop || !state->root_is_entry)
        return FALSE;

      node = xmlTextReaderExpand (reader);
      if (node != NULL)
        add_entry (state, node);
      return TRUE;
    }

  ns = xml_node_ns (node, &local);
  in_container = node->parent == stream->root || (stream->channel != NULL && node->parent == stream->channel);

  if (xml_is_entry_element (state, ns, local))
    {
      xmlNode *expanded = xmlTextReaderExpand (reader);

      if (expanded != NULL)
        add_entry (state, expanded);
      return TRUE;
    }

  if (!in_container)
    return FALSE;

  if (stream->channel == NULL && node->parent == stream->root && is_channel (state, ns, local))
    {
      stream->channel = node;
      return FALSE;
    }

  field = channel_field (state, ns, local);
  if (field != FIELD_NONE)
    {
      xmlNode *expanded = xmlTextReaderExpand (reader);

      if (expanded != NULL)
        channel_child (state, expanded, field);
      return TRUE;
    }

  return FALSE;
}

static StreamResult
parse_stream (ParseState            *state,
              const char            *data,
              gsize                  len,
              const char            *document_url,
              const char            *http_charset,
              BriefingXmlInputFlags  flags,
              GError               **error)
{
  g_autoptr(BriefingXmlInput) input = briefing_xml_input_new (data, len, http_charset, flags,
                                                              state->feed->warnings);
  Stream stream = { state, NULL, NULL };
  xmlTextReader *reader;
  gboolean stop = FALSE;
  int ret;

  reader = xmlReaderForIO (read_input, close_input, input, document_url, "UTF-8", XML_OPTIONS);
  if (reader == NULL)
    return STREAM_BROKEN;

  xmlTextReaderSetStructuredErrorHandler (reader, on_stream_error, &stream);

  ret = xmlTextReaderRead (reader);
  while (ret == 1 && !stop)
    {
      int type = xmlTextReaderNodeType (reader);

      if (type == XML_READER_TYPE_ELEMENT && stream_element (&stream, reader, error, &stop))
        {
          ret = xmlTextReaderNext (reader);
          continue;
        }

      if (type == XML_READER_TYPE_END_ELEMENT && stream.channel != NULL &&
          xmlTextReaderCurrentNode (reader) == stream.channel)
        stream.channel = NULL;

      ret = xmlTextReaderRead (reader);
    }

  xmlFreeTextReader (reader);

  if (stop)
    return STREAM_NOT_A_FEED;

  /* The reader gives up at the first error a well-formed document cannot
   * have; the tree reader's recover mode will do better. */
  if (ret < 0 || stream.root == NULL)
    return STREAM_BROKEN;

  return STREAM_OK;
}

/* The way in -------------------------------------------------------------- */

typedef enum {
  READ_STREAM,
  READ_TREE,
} ReadMode;

typedef enum {
  OUTCOME_OK,
  OUTCOME_ERROR,        /* not a feed: @error is set */
  OUTCOME_BROKEN,       /* the stream reader gave up */
  OUTCOME_ENTITIES,     /* entity declarations stopped libxml2 */
} Outcome;

static Outcome
parse_with (ReadMode                 mode,
            BriefingXmlInputFlags    flags,
            BriefingFeedParseFlags   parse_flags,
            const char              *data,
            gsize                    len,
            const char              *document_url,
            const char              *http_charset,
            BriefingFeed           **out_feed,
            GError                 **error)
{
  g_autoptr(BriefingFeed) feed = briefing_feed_new ();
  ParseState state = { feed, DIALECT_RSS, };
  Outcome outcome;

  feed->raw_html = (parse_flags & BRIEFING_FEED_PARSE_RAW_HTML) != 0;

  if (mode == READ_STREAM)
    {
      switch (parse_stream (&state, data, len, document_url, http_charset, flags, error))
        {
        case STREAM_OK:
          outcome = OUTCOME_OK;
          break;
        case STREAM_NOT_A_FEED:
          outcome = OUTCOME_ERROR;
          break;
        case STREAM_BROKEN:
        default:
          outcome = OUTCOME_BROKEN;
          break;
        }
    }
  else
    outcome = parse_dom (&state, data, len, document_url, http_charset, flags, error) ? OUTCOME_OK : OUTCOME_ERROR;

  g_clear_pointer (&state.feed_authors, g_ptr_array_unref);

  if (outcome == OUTCOME_OK && state.entity_trouble && !(flags & BRIEFING_XML_INPUT_DROP_DOCTYPE))
    outcome = OUTCOME_ENTITIES;

  if (feed->format == NULL)
    feed->format = g_strdup ("rss1.0");

  if (outcome == OUTCOME_OK || outcome == OUTCOME_ENTITIES)
    *out_feed = g_steal_pointer (&feed);

  return outcome;
}

BriefingFeed *
briefing_feed_parse_xml (const char              *data,
                         gsize                    len,
                         const char              *document_url,
                         const char              *http_charset,
                         BriefingFeedParseFlags   parse_flags,
                         GError                 **error)
{
  g_autoptr(BriefingFeed) feed = NULL;
  BriefingXmlInputFlags flags = BRIEFING_XML_INPUT_NONE;
  ReadMode mode = READ_STREAM;
  Outcome outcome;

  outcome = parse_with (mode, flags, parse_flags, data, len, document_url, http_charset, &feed, error);

  /* Not well-formed: read it again as a tree, in recover mode. */
  if (outcome == OUTCOME_BROKEN)
    {
      mode = READ_TREE;
      outcome = parse_with (mode, flags, parse_flags, data, len, document_url, http_charset, &feed, error);
    }

  /* Entity declarations that expand too far: read it without them. */
  if (outcome == OUTCOME_ENTITIES)
    {
      g_clear_object (&feed);
      flags = BRIEFING_XML_INPUT_DROP_DOCTYPE;
      outcome = parse_with (mode, flags, parse_flags, data, len, document_url, http_charset, &feed, error);
      if (outcome == OUTCOME_BROKEN)
        outcome = parse_with (READ_TREE, flags, parse_flags, data, len, document_url, http_charset, &feed, error);
      if (feed != NULL)
        briefing_feed_warn (feed, "The document's entity declarations expand too far and were ignored");
    }

  if (outcome == OUTCOME_ERROR)
    return NULL;

  return g_steal_pointer (&feed);
}
