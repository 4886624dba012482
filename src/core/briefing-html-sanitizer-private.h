/* briefing-html-sanitizer-private.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-html-sanitizer.h"

#include <string.h>

G_BEGIN_DECLS

/* The sanitizer, in four files around this header: the element tables
 * and the tree built from the tokens (-tree.c); the URL and attribute
 * policy, what may be written and how each value is cleaned (-policy.c);
 * the lead figure and its caption and credit (-figure.c); and the writer
 * with the public functions (briefing-html-sanitizer.c). Everything here
 * is theirs alone. */

/* Elements: their flags, from the element table in -tree.c */
enum {
  EL_KEEP  = 1 << 0,   /* on the allowlist */
  EL_DROP  = 1 << 1,   /* removed with everything inside */
  EL_VOID  = 1 << 2,   /* written without an end tag */
  EL_PRUNE = 1 << 3,   /* removed when nothing readable is left inside */
  EL_BLOCK = 1 << 4,   /* separates words in plain text */
  EL_RAW   = 1 << 5,   /* holds raw text up to its end tag */
  EL_EMPTY = 1 << 6,   /* libxml2 never puts anything inside */
};

/* The elements the sanitizer names in its code. */
typedef enum {
  ELEMENT_OTHER,
  ELEMENT_A,
  ELEMENT_BODY,
  ELEMENT_BR,
  ELEMENT_CITE,
  ELEMENT_FIGCAPTION,
  ELEMENT_FIGURE,
  ELEMENT_H1,
  ELEMENT_HEAD,
  ELEMENT_HTML,
  ELEMENT_IMG,
  ELEMENT_P,
  ELEMENT_PICTURE,
  ELEMENT_SMALL,
  ELEMENT_SOURCE,
} ElementId;

/* An element of the table, with the tree's rules for it turned into
 * numbers and bit sets: see "Element lookups" in -tree.c. */
typedef struct
{
  const char *name;           /* NULL for every element not in elements[] */
  gsize       name_len;
  guint       flags;
  ElementId   id;
  int         end_priority;   /* libxml2's htmlEndPriority */
  guint64     closer;         /* its bit among the start tags in start_closes, or 0 */
  guint64     closed_by;      /* the start tags that close it on top of the stack */
  guint64     attributes;     /* the entries of the policy's attributes[] that apply to it */
} Element;

/* URLs, cleaned by the policy */
typedef enum {
  URL_LINK,
  URL_CITE,
  URL_IMAGE,
} UrlKind;

/* The URL a fragment's relative URLs are relative to, parsed when first
 * needed. */
typedef struct
{
  const char *url;
  GUri       *uri;
  const char *network_scheme;
  gboolean    parsed;

  /* The last attribute value cleaned by clean_attribute_url(): links
   * and image sources are checked before they are written. */
  const char *last_value;
  UrlKind     last_kind;
  char       *last_url;
} BaseUrl;

/* Bytes
 *
 * Tests on eight bytes at once, loaded from anywhere with memcpy(): a
 * word holds a byte below @n (at most 128) when has_byte_below() is not
 * zero, and the byte @c when has_byte() is not. See "Determine if a word
 * has a byte less than n" in Sean Eron Anderson's Bit Twiddling Hacks.
 * Only whether a word holds such a byte is used, never which one. */
#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);

  return word;
}

static inline guint64
has_byte_below (guint64 word,
                guint8  n)
{
  return (word - ONES * n) & ~word & HIGHS;
}

static inline guint64
has_byte (guint64 word,
          guint8  c)
{
  return has_byte_below (word ^ (ONES * c), 1);
}

/* Whether append_escaped() changes the byte @c: the control characters
 * other than tab, newline and carriage return go; '"', '&', '<' and '>'
 * become references. */
static inline gboolean
is_escaped (guchar c)
{
  static const guint64 below_64 =
    (G_GUINT64_CONSTANT (0xFFFFFFFF) & ~((1u << '\t') | (1u << '\n') | (1u << '\r'))) |
    (G_GUINT64_CONSTANT (1) << '"') | (G_GUINT64_CONSTANT (1) << '&') |
    (G_GUINT64_CONSTANT (1) << '<') | (G_GUINT64_CONSTANT (1) << '>');

  return c < 64 ? (below_64 >> c) & 1 : c == 0x7F;
}

/* Whether one of eight bytes may be escaped: blanks give false alarms,
 * which only send that word through the byte-by-byte loop. */
static inline gboolean
word_may_be_escaped (guint64 word)
{
  return (has_byte_below (word, 0x20) | has_byte (word, '"') | has_byte (word, '&') |
          has_byte (word, '<') | has_byte (word, '>') | has_byte (word, 0x7F)) != 0;
}

/* The blanks between words in HTML. */
static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The tree, built in -tree.c: see "The tree" there */
typedef enum {
  NODE_ELEMENT,
  NODE_TEXT,
} NodeType;

typedef struct
{
  const char *name;    /* lower case */
  char       *value;   /* decoded */
} Attr;

typedef struct _Node Node;

struct _Node
{
  NodeType    type;
  Node       *parent;
  Node       *children;
  Node       *last;
  Node       *next;
  const char *name;      /* elements: lower case, without a namespace prefix */
  const char *qname;     /* elements: with it, as on libxml2's stack */
  const Element *element;    /* elements: by name, for the sanitizer */
  const Element *qelement;   /* elements: by qname, for the tree's rules */
  const char *content;   /* text, decoded: not nul-terminated */
  gsize       content_len;
  gboolean    verbatim;  /* text: append_escaped() would not change it */
  Attr       *attrs;
  guint       n_attrs;
};

typedef struct
{
  GPtrArray *blocks;
  char      *next;
  gsize      left;
} Arena;

typedef struct
{
  Arena       arena;
  Node       *root;
  GPtrArray  *stack;        /* libxml2's stack of open elements */
  guint       misplaced;    /* html, head and body start tags ignored */
  GString    *scratch;
} Builder;

static inline gboolean
node_is (Node      *node,
         ElementId  id)
{
  return node != NULL && node->type == NODE_ELEMENT && node->element->id == id;
}

static inline guint
node_flags (Node *node)
{
  return node->element->flags;
}

/* What html_walk_tree() does after visiting a node. */
typedef enum {
  WALK_SKIP,
  WALK_DESCEND,
  WALK_STOP,
} WalkAction;

typedef WalkAction (*WalkEnterFunc) (gpointer  data,
                                     Node  *node);
typedef void       (*WalkLeaveFunc) (gpointer  data,
                                     Node  *node);

/* Plain text with white space collapsed: each run of blanks (no-break
 * spaces and element boundaries included) becomes one space, and none
 * leads or trails. */
typedef struct
{
  GString  *out;
  gboolean  space;   /* a space is due before the next word */
} TextSink;

/* briefing-html-tree.c */
const Element *html_element_lookup              (const char    *name);
void           html_build_tree                  (Builder       *self,
                                                 const char    *html);
void           html_builder_clear               (Builder       *self);
void           html_walk_tree                   (Node          *root,
                                                 WalkEnterFunc  enter,
                                                 WalkLeaveFunc  leave,
                                                 gpointer       data);
const char    *html_node_attribute              (Node          *node,
                                                 const char    *name);

/* briefing-html-policy.c */
guint64        html_policy_element_attributes   (const char    *element);
int            html_policy_lookup_attribute     (const Element *element,
                                                 const char    *name);
char          *html_policy_clean_attribute      (int            index,
                                                 const char    *value,
                                                 BaseUrl       *base_url);
const char    *html_policy_attribute_name       (int            index);
char          *html_policy_clean_url            (const char    *value,
                                                 BaseUrl       *base_url,
                                                 UrlKind        kind);
const char    *html_policy_peek_attribute_url   (const char    *value,
                                                 BaseUrl       *base_url,
                                                 UrlKind        kind);
char          *html_policy_clean_srcset         (const char    *value,
                                                 BaseUrl       *base_url);
gboolean       html_policy_next_srcset_candidate (const char  **p,
                                                 char         **url,
                                                 char         **descriptor);
char          *html_policy_image_source         (Node          *img,
                                                 BaseUrl       *base_url);
char          *html_policy_image_key            (const char    *url);
int            html_policy_parse_pixels         (const char    *value);
gsize          html_policy_decode_entity        (const char    *p,
                                                 const char    *end,
                                                 gunichar      *c);

/* briefing-html-figure.c */
BriefingImage *html_take_lead_figure            (Node          *root,
                                                 BaseUrl       *base_url,
                                                 Node         **figure);

/* briefing-html-sanitizer.c */
void           html_text_sink_append            (TextSink      *sink,
                                                 const char    *text,
                                                 gsize          len);
char          *html_text_sink_finish            (TextSink      *sink);

G_END_DECLS
