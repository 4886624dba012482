/* briefing-feed-parser-xml-private.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "briefing-feed-parser-private.h"

G_BEGIN_DECLS

/* The XML side of the parser, in three files: this header's helpers
 * (names, text, markup, people, dates) in -xml-util.c, entries and Media
 * RSS in -xml-entry.c, and the channel, the format and the two ways of
 * reading a document (streaming, and a recovering tree for broken ones)
 * in -xml.c. */

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
  gboolean      atom03;        /* Atom 0.3: inline XML content keeps its wrapper */
  gboolean      root_is_entry; /* an Atom Entry Document */
  GPtrArray    *feed_authors;  /* Atom feed authors, inherited by entries without one */
  int           title_rank;    /* which element the feed's fields came from */
  int           subtitle_rank;
  int           icon_rank;
  int           updated_rank;
  gboolean      language_from_xml_lang;
  gboolean      entity_trouble;
} ParseState;

typedef enum {
  TEXT_PLAIN,
  TEXT_HTML,
  TEXT_XHTML,          /* Atom 1.0 type="xhtml": the div wrapper is not content */
  TEXT_XML,            /* other inline XML, kept whole */
  TEXT_BASE64,         /* Atom 0.3 mode="base64", Atom 1.0 binary types */
  TEXT_BASE64_HTML,
  TEXT_OTHER,
} TextType;

Ns              xml_node_ns               (xmlNode     *node,
                                           const char **local);
void            xml_ns_set_alias          (xmlNs       *ns,
                                           Ns           alias);
Ns              xml_ns_from_uri           (const char  *uri);
gboolean        xml_ns_is_core            (Ns           ns);
gboolean        xml_ns_is_atom            (Ns           ns);
gboolean        xml_is_own                (ParseState  *state,
                                           Ns           ns,
                                           const char  *local,
                                           const char  *name);
gboolean        xml_is_entry_element      (ParseState  *state,
                                           Ns           ns,
                                           const char  *local);
char           *xml_attr                  (xmlNode     *node,
                                           const char  *name);
int             xml_int_attr              (xmlNode     *node,
                                           const char  *name);
char           *xml_node_text             (xmlNode     *node);
char           *xml_node_text_stripped    (xmlNode     *node);
char           *xml_node_base             (xmlNode     *node);
char           *xml_node_url              (xmlNode     *node,
                                           const char  *value);
char           *xml_node_markup           (xmlNode     *node);
char           *xml_node_html             (xmlNode     *node);
TextType        xml_atom_text_type        (ParseState  *state,
                                           xmlNode     *node);
char           *xml_text_construct_html   (xmlNode     *node,
                                           TextType     type);
char           *xml_text_construct_plain  (xmlNode     *node,
                                           TextType     type);
char           *xml_rss_text              (xmlNode     *node);
char           *xml_normalize_language    (const char  *language);
BriefingPerson *xml_person_from_rss       (const char  *text);
BriefingPerson *xml_person_from_atom      (xmlNode     *node);
void            xml_add_person            (GPtrArray   *people,
                                           BriefingPerson *person);
gint64          xml_date_node             (xmlNode     *node);
void            xml_set_ranked_date       (gint64      *slot,
                                           int         *slot_rank,
                                           gint64       when,
                                           int          rank);

BriefingEntry  *xml_parse_entry           (ParseState  *state,
                                           xmlNode     *item);

G_END_DECLS
