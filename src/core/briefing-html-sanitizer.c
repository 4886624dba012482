/* briefing-html-sanitizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer.h"

#include "briefing-html-entities.h"
#include "briefing-html-tokenizer.h"
#include "briefing-url.h"
#include "briefing-utils.h"

#include <stdlib.h>
#include <string.h>

/* Feed HTML is hostile bytes from the network. It is read in one pass by
 * a small tokenizer (briefing-html-tokenizer.c) into a light tree that
 * follows libxml2's HTML parser, whose behaviour the tests pin down, and
 * written out again while walking the tree, keeping an allowlist of
 * elements and attributes and nothing else: every URL made absolute and
 * its scheme checked, every text and attribute value escaped here, every
 * attribute double-quoted (the article view relies on that when it points
 * images at its own scheme).
 *
 * Untrusted input cannot make it quadratic or deep: a tag keeps at most
 * BRIEFING_HTML_MAX_ATTRIBUTES attributes, start tags that would nest
 * deeper than MAX_PARSE_DEPTH are dropped (deep content is flattened,
 * never lost), and end tags are searched against that bounded stack. */

#define MAX_PARSE_DEPTH       200   /* as when libxml2 (limit 256) was used */
#define MAX_DEPTH             256   /* elements written inside each other */
#define MAX_SRCSET_CANDIDATES 16
#define MAX_NAME              32
#define MAX_ENTITY_NAME       32

enum {
  EL_KEEP  = 1 << 0,   /* on the allowlist */
  EL_DROP  = 1 << 1,   /* removed with everything inside */
  EL_VOID  = 1 << 2,   /* written without an end tag */
  EL_PRUNE = 1 << 3,   /* removed when nothing readable is left inside */
  EL_BLOCK = 1 << 4,   /* separates words in plain text */
  EL_RAW   = 1 << 5,   /* holds raw text up to its end tag */
  EL_EMPTY = 1 << 6,   /* libxml2 never puts anything inside */
};

#define KEPT_INLINE (EL_KEEP | EL_PRUNE)
#define KEPT_BLOCK  (EL_KEEP | EL_PRUNE | EL_BLOCK)
#define KEPT_CELL   (EL_KEEP | EL_BLOCK)
#define DROPPED     (EL_DROP | EL_BLOCK)

/* The elements this file names in its code. */
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

typedef struct
{
  const char *name;
  guint       flags;
} ElementInfo;

/* Sorted by name. Elements not listed, or listed without EL_KEEP or
 * EL_DROP, are unwrapped: the tag goes, the content stays. Those listed
 * with no flags at all are only there for the tree's rules below
 * (start_closes, end_priority), which look elements up in this table. */
static const ElementInfo elements[] = {
  { "a", KEPT_INLINE },
  { "abbr", KEPT_INLINE },
  { "address", EL_BLOCK },
  { "applet", DROPPED },
  { "area", EL_EMPTY },
  { "article", KEPT_BLOCK },
  { "aside", KEPT_BLOCK },
  { "audio", DROPPED },
  { "b", KEPT_INLINE },
  { "base", DROPPED | EL_EMPTY },
  { "basefont", EL_EMPTY },
  { "big", 0 },
  { "blockquote", KEPT_BLOCK },
  { "body", EL_BLOCK },
  { "br", EL_KEEP | EL_VOID | EL_BLOCK | EL_EMPTY },
  { "button", DROPPED },
  { "canvas", DROPPED },
  { "caption", KEPT_CELL },
  { "center", EL_BLOCK },
  { "cite", KEPT_INLINE },
  { "code", KEPT_INLINE },
  { "col", EL_EMPTY },
  { "colgroup", 0 },
  { "dd", KEPT_CELL },
  { "del", KEPT_INLINE },
  { "details", KEPT_BLOCK },
  { "dfn", KEPT_INLINE },
  { "dir", EL_BLOCK },
  { "div", KEPT_BLOCK },
  { "dl", KEPT_BLOCK },
  { "dt", KEPT_CELL },
  { "em", KEPT_INLINE },
  { "embed", EL_BLOCK },   /* empty in HTML but not in libxml2: what follows ends up inside */
  { "fieldset", EL_BLOCK },
  { "figcaption", KEPT_BLOCK },
  { "figure", KEPT_BLOCK },
  { "font", 0 },
  { "footer", KEPT_BLOCK },
  { "form", DROPPED },
  { "frame", DROPPED | EL_EMPTY },
  { "frameset", DROPPED },
  { "h1", KEPT_BLOCK },
  { "h2", KEPT_BLOCK },
  { "h3", KEPT_BLOCK },
  { "h4", KEPT_BLOCK },
  { "h5", KEPT_BLOCK },
  { "h6", KEPT_BLOCK },
  { "head", DROPPED },
  { "header", KEPT_BLOCK },
  { "hr", EL_KEEP | EL_VOID | EL_BLOCK | EL_EMPTY },
  { "html", EL_BLOCK },
  { "i", KEPT_INLINE },
  { "iframe", DROPPED },
  { "img", EL_KEEP | EL_VOID | EL_EMPTY },
  { "input", DROPPED | EL_EMPTY },
  { "ins", KEPT_INLINE },
  { "isindex", EL_EMPTY },
  { "kbd", KEPT_INLINE },
  { "legend", EL_BLOCK },
  { "li", KEPT_CELL },
  { "link", DROPPED | EL_EMPTY },
  { "listing", 0 },
  { "main", KEPT_BLOCK },
  { "mark", KEPT_INLINE },
  { "math", DROPPED },
  { "menu", EL_BLOCK },
  { "meta", DROPPED | EL_EMPTY },
  { "nav", KEPT_BLOCK },
  { "noembed", DROPPED },
  { "noframes", DROPPED },
  { "noscript", DROPPED },
  { "object", DROPPED },
  { "ol", KEPT_BLOCK },
  { "optgroup", 0 },
  { "option", DROPPED },
  { "p", KEPT_BLOCK },
  { "param", DROPPED | EL_EMPTY },
  { "picture", KEPT_INLINE },
  { "plaintext", DROPPED },
  { "pre", KEPT_BLOCK },
  { "q", KEPT_INLINE },
  { "s", KEPT_INLINE },
  { "samp", KEPT_INLINE },
  { "script", DROPPED | EL_RAW },
  { "section", KEPT_BLOCK },
  { "select", DROPPED },
  { "small", KEPT_INLINE },
  { "source", EL_KEEP | EL_VOID },
  { "span", KEPT_INLINE },
  { "strike", 0 },
  { "strong", KEPT_INLINE },
  { "style", DROPPED | EL_RAW },
  { "sub", KEPT_INLINE },
  { "summary", KEPT_BLOCK },
  { "sup", KEPT_INLINE },
  { "svg", DROPPED },
  { "table", KEPT_BLOCK },
  { "tbody", KEPT_CELL },
  { "td", KEPT_CELL },
  { "template", DROPPED },
  { "textarea", DROPPED },
  { "tfoot", KEPT_CELL },
  { "th", KEPT_CELL },
  { "thead", KEPT_CELL },
  { "time", KEPT_INLINE },
  { "title", DROPPED },
  { "tr", KEPT_CELL },
  { "tt", 0 },
  { "u", KEPT_INLINE },
  { "ul", KEPT_BLOCK },
  { "var", KEPT_INLINE },
  { "video", DROPPED },
  { "xmp", DROPPED },
};

typedef enum {
  ATTR_TEXT,
  ATTR_LINK,        /* http, https, mailto */
  ATTR_CITE,        /* http, https */
  ATTR_IMAGE,       /* http, https, data:image */
  ATTR_SRCSET,
  ATTR_PIXELS,
  ATTR_INTEGER,
  ATTR_SPAN,
  ATTR_BOOLEAN,
  ATTR_DIR,
  ATTR_LANG,
  ATTR_SCOPE,
  ATTR_LIST_TYPE,
} AttrKind;

typedef struct
{
  const char *element;   /* NULL for every element kept */
  const char *name;
  AttrKind    kind;
} AttrInfo;

static const AttrInfo attributes[] = {
  { NULL, "dir", ATTR_DIR },
  { NULL, "lang", ATTR_LANG },
  { "a", "href", ATTR_LINK },
  { "a", "title", ATTR_TEXT },
  { "abbr", "title", ATTR_TEXT },
  { "blockquote", "cite", ATTR_CITE },
  { "del", "cite", ATTR_CITE },
  { "dfn", "title", ATTR_TEXT },
  { "img", "src", ATTR_IMAGE },
  { "img", "srcset", ATTR_SRCSET },
  { "img", "alt", ATTR_TEXT },
  { "img", "title", ATTR_TEXT },
  { "img", "width", ATTR_PIXELS },
  { "img", "height", ATTR_PIXELS },
  { "ins", "cite", ATTR_CITE },
  { "li", "value", ATTR_INTEGER },
  { "ol", "start", ATTR_INTEGER },
  { "ol", "reversed", ATTR_BOOLEAN },
  { "ol", "type", ATTR_LIST_TYPE },
  { "q", "cite", ATTR_CITE },
  { "source", "srcset", ATTR_SRCSET },
  { "source", "type", ATTR_TEXT },
  { "source", "media", ATTR_TEXT },
  { "td", "colspan", ATTR_SPAN },
  { "td", "rowspan", ATTR_SPAN },
  { "td", "headers", ATTR_TEXT },
  { "td", "scope", ATTR_SCOPE },
  { "th", "colspan", ATTR_SPAN },
  { "th", "rowspan", ATTR_SPAN },
  { "th", "headers", ATTR_TEXT },
  { "th", "scope", ATTR_SCOPE },
  { "time", "datetime", ATTR_TEXT },
};

G_STATIC_ASSERT (G_N_ELEMENTS (attributes) <= 64);

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

/* Image hosts that only count readers. A leading dot matches the domain
 * and every name under it. */
static const struct {
  const char *host;
  const char *path_prefix;
} trackers[] = {
  { "feeds.feedburner.com", "/~r/" },
  { "feeds.feedburner.com", "/~ff/" },
  { "pixel.wp.com", "" },
  { "stats.wordpress.com", "/b.gif" },
  { "pixel.quantserve.com", "" },
  { ".google-analytics.com", "" },
  { ".doubleclick.net", "" },
};

/* Which start tags make libxml2 2.9 close the element on top of its
 * stack, as measured on libxml2 2.9.14 (htmlStartClose): the tree has the
 * shape it had when the sanitizer was built on libxml2. */
static const struct {
  const char *open;
  const char *closers;
} start_closes[] = {
  { "a", " a fieldset table td th " },
  { "address", " dd dl dt form li ul " },
  { "b", " center p td th " },
  { "big", " p " },
  { "caption", " col colgroup tbody tfoot thead tr " },
  { "colgroup", " colgroup tbody tfoot thead tr " },
  { "dd", " dt " },
  { "dir", " dd dl dt form ul " },
  { "dl", " form li " },
  { "dt", " dd dl " },
  { "font", " center td th " },
  { "form", " form " },
  { "h1", " fieldset form li p table " },
  { "h2", " fieldset form li p table " },
  { "h3", " fieldset form li p table " },
  { "h4", " fieldset form li p table " },
  { "h5", " fieldset form li p table " },
  { "h6", " fieldset form li p table " },
  { "i", " center p td th " },
  { "legend", " fieldset " },
  { "li", " li " },
  { "listing", " dd dl dt fieldset form li table ul " },
  { "menu", " dd dl dt form ul " },
  { "ol", " form ul " },
  { "option", " optgroup option " },
  { "p", " address blockquote body caption center col colgroup dd dir div dl dt fieldset "
         "form frameset h1 h2 h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td tfoot th title tr ul xmp " },
  { "pre", " dd dl dt fieldset form li table ul " },
  { "s", " p " },
  { "script", " noscript " },
  { "small", " p " },
  { "span", " td th " },
  { "strike", " p " },
  { "style", " body " },
  { "tbody", " tbody tfoot " },
  { "td", " tbody td tfoot th tr " },
  { "tfoot", " tbody " },
  { "th", " tbody td tfoot th tr " },
  { "thead", " tbody tfoot " },
  { "title", " body frameset " },
  { "tr", " tbody tfoot tr " },
  { "tt", " p " },
  { "u", " p td th " },
  { "ul", " address form menu ol pre " },
  { "xmp", " dd dl dt fieldset form li table ul " },
};

/* A misplaced end tag closes nothing of a higher priority (libxml2's
 * htmlEndPriority); the others have 100. */
static const struct {
  const char *name;
  int         priority;
} end_priorities[] = {
  { "div", 150 }, { "td", 160 }, { "th", 160 }, { "tr", 170 }, { "thead", 180 },
  { "tbody", 180 }, { "tfoot", 180 }, { "table", 190 }, { "head", 200 }, { "body", 200 },
  { "html", 220 },
};

/* HTML 5 names for ASCII punctuation, which libxml2's HTML 4 table lacks
 * and which tricks like "javascript&colon;" rely on. */
static const struct {
  const char *name;
  gunichar    value;
} html5_entities[] = {
  { "Tab", '\t' }, { "NewLine", '\n' }, { "excl", '!' }, { "num", '#' }, { "dollar", '$' },
  { "percnt", '%' }, { "lpar", '(' }, { "rpar", ')' }, { "ast", '*' }, { "plus", '+' },
  { "comma", ',' }, { "period", '.' }, { "sol", '/' }, { "colon", ':' }, { "semi", ';' },
  { "equals", '=' }, { "quest", '?' }, { "commat", '@' }, { "lsqb", '[' }, { "bsol", '\\' },
  { "rsqb", ']' }, { "Hat", '^' }, { "lowbar", '_' }, { "grave", '`' }, { "lcub", '{' },
  { "verbar", '|' }, { "rcub", '}' }, { "hyphen", 0x2010 }, { "dash", 0x2010 },
};

/* Element lookups
 *
 * Each element name is looked up once, when its node is made, in a small
 * hash table built on first use. The node then points at its Element,
 * which holds the element's flags and the tree's rules (start_closes,
 * end priorities, the attributes allowed) turned into numbers and bit
 * sets, so that neither building the tree nor walking it compares names
 * again. */

#define N_ELEMENTS    G_N_ELEMENTS (elements)
#define ELEMENT_SLOTS 512   /* a power of two, well over N_ELEMENTS */

typedef struct
{
  const char *name;           /* NULL for every element not in elements[] */
  gsize       name_len;
  guint       flags;
  ElementId   id;
  int         end_priority;   /* libxml2's htmlEndPriority */
  guint64     closer;         /* its bit among the start tags in start_closes, or 0 */
  guint64     closed_by;      /* the start tags that close it on top of the stack */
  guint64     attributes;     /* the entries of attributes[] that apply to it */
} Element;

static const Element unknown_element = { NULL, 0, 0, ELEMENT_OTHER, 100, 0, 0, 0 };
static Element element_table[N_ELEMENTS];
static guint16 element_slots[ELEMENT_SLOTS];   /* 1 + an index into element_table, or 0 */

/* FNV-1a: names are short, and this spreads them well enough. */
static guint
name_hash (const char *name,
           gsize       len)
{
  guint hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) name[i]) * 16777619u;

  return hash;
}

static Element *
element_table_find (const char *name)
{
  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      if (strcmp (element_table[i].name, name) == 0)
        return &element_table[i];
    }

  g_error ("%s is missing from the element table", name);
}

static void
element_table_init (void)
{
  static const struct {
    const char *name;
    ElementId   id;
  } ids[] = {
    { "a", ELEMENT_A }, { "body", ELEMENT_BODY }, { "br", ELEMENT_BR }, { "cite", ELEMENT_CITE },
    { "figcaption", ELEMENT_FIGCAPTION }, { "figure", ELEMENT_FIGURE }, { "h1", ELEMENT_H1 },
    { "head", ELEMENT_HEAD }, { "html", ELEMENT_HTML }, { "img", ELEMENT_IMG }, { "p", ELEMENT_P },
    { "picture", ELEMENT_PICTURE }, { "small", ELEMENT_SMALL }, { "source", ELEMENT_SOURCE },
  };
  guint closers = 0;

  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      Element *element = &element_table[i];
      guint slot = name_hash (elements[i].name, strlen (elements[i].name)) & (ELEMENT_SLOTS - 1);

      *element = unknown_element;
      element->name = elements[i].name;
      element->name_len = strlen (elements[i].name);
      element->flags = elements[i].flags;

      while (element_slots[slot] != 0)
        slot = (slot + 1) & (ELEMENT_SLOTS - 1);
      element_slots[slot] = i + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    element_table_find (ids[i].name)->id = ids[i].id;

  for (guint i = 0; i < G_N_ELEMENTS (end_priorities); i++)
    element_table_find (end_priorities[i].name)->end_priority = end_priorities[i].priority;

  for (guint i = 0; i < G_N_ELEMENTS (start_closes); i++)
    {
      Element *open = element_table_find (start_closes[i].open);
      g_auto(GStrv) words = g_strsplit (start_closes[i].closers, " ", -1);

      for (guint j = 0; words[j] != NULL; j++)
        {
          Element *closer;

          if (*words[j] == '\0')
            continue;

          closer = element_table_find (words[j]);
          if (closer->closer == 0)
            {
              g_assert (closers < 64);
              closer->closer = G_GUINT64_CONSTANT (1) << closers++;
            }
          open->closed_by |= closer->closer;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      for (guint j = 0; j < N_ELEMENTS; j++)
        {
          if (attributes[i].element == NULL || strcmp (attributes[i].element, element_table[j].name) == 0)
            element_table[j].attributes |= G_GUINT64_CONSTANT (1) << i;
        }
    }
}

/* The element named @name (lower case, maybe with a prefix), or
 * unknown_element. */
static const Element *
element_lookup (const char *name)
{
  static gsize initialized;
  gsize len = strlen (name);
  guint slot;

  if (g_once_init_enter (&initialized))
    {
      element_table_init ();
      g_once_init_leave (&initialized, 1);
    }

  for (slot = name_hash (name, len) & (ELEMENT_SLOTS - 1);
       element_slots[slot] != 0;
       slot = (slot + 1) & (ELEMENT_SLOTS - 1))
    {
      const Element *element = &element_table[element_slots[slot] - 1];

      if (element->name_len == len && memcmp (element->name, name, len) == 0)
        return element;
    }

  return &unknown_element;
}

/* Whether @words, a list of words each between spaces, holds @word. */
static gboolean
word_in (const char *words,
         const char *word)
{
  gsize len = strlen (word);

  if (len == 0)
    return FALSE;

  for (const char *p = strstr (words, word); p != NULL; p = strstr (p + 1, word))
    {
      if (p > words && p[-1] == ' ' && p[len] == ' ')
        return TRUE;
    }

  return FALSE;
}

/* Text and entities */

/* As HTML 5 reads a numeric reference: U+0080..U+009F as Windows-1252,
 * and one to no character as U+FFFD. */
static gunichar
fix_code_point (guint32 value)
{
  value = briefing_windows_1252_to_unichar (value);
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return 0xFFFD;

  return value;
}

static gunichar
lookup_entity (const char *name)
{
  gunichar value = briefing_html_lookup_entity (name, strlen (name));

  if (value != 0)
    return value;

  for (guint i = 0; i < G_N_ELEMENTS (html5_entities); i++)
    {
      if (strcmp (html5_entities[i].name, name) == 0)
        return html5_entities[i].value;
    }

  return 0;
}

/* Reads the character reference or named entity at @p ('&'), before
 * @end. Returns the number of bytes it takes, or 0 when @p starts none. */
static gsize
decode_entity (const char *p,
               const char *end,
               gunichar   *c)
{
  char name[MAX_ENTITY_NAME + 1];
  gsize len = 0;

  if (p + 1 < end && p[1] == '#')
    {
      guint32 value;
      gboolean has_digits;
      const char *q = briefing_html_read_char_ref (p, end, &value, &has_digits);

      if (!has_digits)
        return 0;

      *c = fix_code_point (value);
      return q - p;
    }

  while (len < MAX_ENTITY_NAME && p + 1 + len < end && g_ascii_isalnum (p[1 + len]))
    {
      name[len] = p[1 + len];
      len++;
    }
  if (len == 0 || p + 1 + len >= end || p[1 + len] != ';')
    return 0;
  name[len] = '\0';

  *c = lookup_entity (name);

  return *c != 0 ? len + 2 : 0;
}

/* Tests on eight bytes at once, loaded from anywhere with memcpy(): a
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

/* g_string_append_len() for the writer's many short pieces: GLib 2.74
 * makes it a call that checks whether @text overlaps the string; later
 * versions inline this fast path the same way. */
static inline void
out_append_len (GString    *out,
                const char *text,
                gsize       len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, text, len);
    }
}

static inline void
out_append (GString    *out,
            const char *text)
{
  out_append_len (out, text, strlen (text));
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

/* Escapes text or an attribute value, dropping the control characters
 * HTML does not allow. Text is mostly bytes that need nothing: they are
 * skipped eight at a time and copied in runs. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  const char *end = text + len;
  const char *run = text;
  const char *p = text;

  while (p < end)
    {
      const char *entity;
      guchar c;

      while (end - p >= 8 && !word_may_be_escaped (load_word (p)))
        p += 8;
      if (p == end)
        break;

      c = *p;
      if (!is_escaped (c))
        {
          p++;
          continue;
        }

      if (c == '&')
        entity = "&amp;";
      else if (c == '<')
        entity = "&lt;";
      else if (c == '>')
        entity = "&gt;";
      else if (c == '"')
        entity = "&quot;";
      else
        entity = "";   /* a control character */

      out_append_len (out, run, p - run);
      out_append (out, entity);
      run = ++p;
    }

  out_append_len (out, run, p - run);
}

/* Plain text with white space collapsed: each run of blanks (no-break
 * spaces and element boundaries included) becomes one space, and none
 * leads or trails. */
typedef struct
{
  GString  *out;
  gboolean  space;   /* a space is due before the next word */
} TextSink;

static void
text_sink_word (TextSink   *sink,
                const char *word,
                gsize       len)
{
  if (sink->space && sink->out->len > 0)
    g_string_append_c (sink->out, ' ');
  sink->space = FALSE;
  g_string_append_len (sink->out, word, len);
}

static void
text_sink_append (TextSink   *sink,
                  const char *text,
                  gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;

  while (p < end)
    {
      const guchar *word = p;

      while (p < end && *p > ' ' && *p != 0x7F && !(p[0] == 0xC2 && p + 1 < end && p[1] == 0xA0))
        p++;

      if (p > word)
        text_sink_word (sink, (const char *) word, p - word);
      else if (*p == 0xC2)
        {
          sink->space = TRUE;
          p += 2;
        }
      else
        {
          /* Other control characters are dropped. */
          if (g_ascii_isspace (*p))
            sink->space = TRUE;
          p++;
        }
    }
}

static void
text_sink_append_unichar (TextSink *sink,
                          gunichar  c)
{
  char utf8[6];

  if (c == 0xA0 || (c < 0x80 && g_ascii_isspace (c)))
    sink->space = TRUE;
  else if (c >= 0x20 && (c < 0x7F || c > 0x9F))
    text_sink_word (sink, utf8, g_unichar_to_utf8 (c, utf8));
}

/* Like text_sink_append(), decoding entities on the way. */
static void
text_sink_append_html (TextSink   *sink,
                       const char *text,
                       gsize       len)
{
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      gunichar c;
      gsize consumed;

      if (amp == NULL)
        amp = end;
      text_sink_append (sink, p, amp - p);
      if (amp == end)
        break;

      consumed = decode_entity (amp, end, &c);
      if (consumed > 0)
        text_sink_append_unichar (sink, c);
      else
        text_sink_word (sink, "&", 1);
      p = amp + MAX (consumed, 1);
    }
}

static char *
text_sink_finish (TextSink *sink)
{
  if (sink->out->len == 0)
    {
      g_string_free (sink->out, TRUE);
      return NULL;
    }

  return g_string_free (sink->out, FALSE);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The tree
 *
 * The fragment is parsed into a small tree kept in one arena, with the
 * rules of libxml2 2.9's HTML parser in recovery mode, which the rest of
 * this file was written against: the start tags that close the element on
 * top of the stack (start_closes), end tags that only close elements of
 * a lower priority (end_priority), misplaced html, head and body tags
 * ignored, a paragraph implied for text after the body was closed. Only
 * script and style hold raw text. The attribute values kept are the ones
 * read here, decoded. */

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

#define ARENA_BLOCK 16384

typedef struct
{
  GPtrArray *blocks;
  char      *next;
  gsize      left;
} Arena;

static gpointer
arena_alloc (Arena *arena,
             gsize  size)
{
  gpointer mem;

  size = (size + 7) & ~(gsize) 7;
  if (size > arena->left)
    {
      gsize block = MAX (size, ARENA_BLOCK);

      arena->next = g_malloc (block);
      arena->left = block;
      g_ptr_array_add (arena->blocks, arena->next);
    }

  mem = arena->next;
  arena->next += size;
  arena->left -= size;

  return mem;
}

static char *
arena_strndup (Arena      *arena,
               const char *str,
               gsize       len)
{
  char *copy = arena_alloc (arena, len + 1);

  memcpy (copy, str, len);
  copy[len] = '\0';

  return copy;
}

typedef struct
{
  Arena       arena;
  Node       *root;
  GPtrArray  *stack;        /* libxml2's stack of open elements */
  guint       misplaced;    /* html, head and body start tags ignored */
  GString    *scratch;
} Builder;

static Node *
builder_top (Builder *self)
{
  return self->stack->len > 0 ? g_ptr_array_index (self->stack, self->stack->len - 1) : NULL;
}

static void
builder_pop (Builder *self)
{
  g_ptr_array_set_size (self->stack, self->stack->len - 1);
}

static gboolean
builder_has_open (Builder   *self,
                  ElementId  id)
{
  for (guint i = 0; i < self->stack->len; i++)
    {
      if (((Node *) g_ptr_array_index (self->stack, i))->qelement->id == id)
        return TRUE;
    }

  return FALSE;
}

/* Without an open element, libxml2 adds to the document element. */
static Node *
builder_add (Builder  *self,
             NodeType  type)
{
  Node *parent = builder_top (self);
  Node *node = arena_alloc (&self->arena, sizeof (Node));

  memset (node, 0, sizeof (Node));
  node->type = type;
  node->parent = parent != NULL ? parent : self->root;
  if (node->parent == NULL)
    return node;
  if (node->parent->last != NULL)
    node->parent->last->next = node;
  else
    node->parent->children = node;
  node->parent->last = node;

  return node;
}

/* @qelement is element_lookup (@name). */
static Node *
builder_push (Builder       *self,
              const char    *name,
              const Element *qelement)
{
  Node *node = builder_add (self, NODE_ELEMENT);
  const char *colon = NULL;

  node->qelement = qelement;
  node->element = qelement;

  if (qelement != &unknown_element)
    {
      /* Names in the table have no prefix: the node keeps its copy. */
      node->qname = node->name = qelement->name;
    }
  else
    {
      node->qname = node->name = arena_strndup (&self->arena, name, strlen (name));
      colon = strchr (node->qname, ':');
    }

  /* libxml2 names an element "p" when its tag is "html:p". */
  if (colon != NULL && colon != node->qname)
    {
      node->name = colon + 1;
      node->element = element_lookup (node->name);
    }

  g_ptr_array_add (self->stack, node);

  return node;
}

static gboolean
start_closes_top (const Element *start,
                  const Node    *top)
{
  return (top->qelement->closed_by & start->closer) != 0;
}

/* htmlAutoClose() and htmlCheckImplied(): the start tag @start closes
 * what it closes, and there is a document element to put it in. */
static void
builder_prepare_start (Builder       *self,
                       const Element *start)
{
  Node *top;

  while ((top = builder_top (self)) != NULL && start_closes_top (start, top))
    builder_pop (self);

  if (self->stack->len == 0 && start->id != ELEMENT_HTML)
    builder_push (self, "html", element_lookup ("html"));
}

/* g_ascii_tolower(), which is a call, for every character of every name. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Attributes the sanitizer never reads are not kept. The names are
 * looked up by length and first letter before any comparison: most
 * attributes in feeds (class, id, style, data-*) are told apart there. */
static gboolean
is_read_attribute (const char *name,
                   gsize       len)
{
  static const char * const names[] = {
    "alt", "cite", "class", "colspan", "datetime", "dir", "headers", "height", "href", "lang",
    "media", "reversed", "rowspan", "scope", "src", "srcset", "start", "style", "title", "type",
    "value", "width",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i][0] == name[0] && strncmp (names[i], name, len) == 0 && names[i][len] == '\0')
        return TRUE;
    }

  return FALSE;
}

static void
builder_set_attributes (Builder                 *self,
                        Node                    *node,
                        const BriefingHtmlToken *token)
{
  Attr attrs[BRIEFING_HTML_MAX_ATTRIBUTES];
  guint n_attrs = 0;

  for (guint i = 0; i < token->n_attrs; i++)
    {
      const BriefingHtmlAttr *attr = &token->attrs[i];
      char name[MAX_NAME + 1];
      gboolean seen = FALSE;

      if (attr->name_len > MAX_NAME)
        continue;
      for (gsize j = 0; j < attr->name_len; j++)
        name[j] = ascii_lower (attr->name[j]);
      name[attr->name_len] = '\0';
      if (!is_read_attribute (name, attr->name_len))
        continue;

      /* libxml2 keeps the first of attributes with the same name. */
      for (guint j = 0; j < n_attrs && !seen; j++)
        seen = strcmp (attrs[j].name, name) == 0;
      if (seen)
        continue;

      attrs[n_attrs].name = arena_strndup (&self->arena, name, attr->name_len);
      if (attr->value == NULL)
        {
          attrs[n_attrs].value = arena_strndup (&self->arena, "", 0);
        }
      else if (memchr (attr->value, '&', attr->value_len) == NULL)
        {
          /* Nothing to decode: briefing_html_append_attr() would copy it. */
          attrs[n_attrs].value = arena_strndup (&self->arena, attr->value, attr->value_len);
        }
      else
        {
          g_string_truncate (self->scratch, 0);
          briefing_html_append_attr (self->scratch, attr->value, attr->value_len);
          attrs[n_attrs].value = arena_strndup (&self->arena, self->scratch->str, strlen (self->scratch->str));
        }
      n_attrs++;
    }

  node->n_attrs = n_attrs;
  node->attrs = arena_alloc (&self->arena, MAX (n_attrs, 1) * sizeof (Attr));
  memcpy (node->attrs, attrs, n_attrs * sizeof (Attr));
}

static gboolean
is_document_element (const Element *element)
{
  return element->id == ELEMENT_HTML || element->id == ELEMENT_HEAD || element->id == ELEMENT_BODY;
}

static void
builder_start_tag (Builder                 *self,
                   const BriefingHtmlToken *token)
{
  const Element *element = element_lookup (token->name);
  guint flags = element->flags;
  Node *node;

  builder_prepare_start (self, element);

  if ((element->id == ELEMENT_HTML && self->stack->len > 0) ||
      (element->id == ELEMENT_HEAD && self->stack->len != 1) ||
      (element->id == ELEMENT_BODY && builder_has_open (self, ELEMENT_BODY)))
    {
      self->misplaced++;
      return;
    }

  /* Deep content is flattened: the text stays. Raw text elements always
   * open, or their text would show. */
  if ((flags & (EL_EMPTY | EL_RAW)) == 0 && !token->self_closing &&
      self->stack->len >= MAX_PARSE_DEPTH + 2)
    return;

  node = builder_push (self, token->name, element);
  builder_set_attributes (self, node, token);

  if ((flags & EL_EMPTY) != 0 || token->self_closing)
    builder_pop (self);
}

/* Whether @node was opened by a start tag named @name, which is
 * @element: nodes of elements in the table are told apart by their
 * Element alone. */
static gboolean
node_has_qname (const Node    *node,
                const char    *name,
                const Element *element)
{
  if (node->qelement != element)
    return FALSE;

  return element != &unknown_element || strcmp (node->qname, name) == 0;
}

static void
builder_end_tag (Builder    *self,
                 const char *name)
{
  const Element *element = element_lookup (name);
  guint i;

  if (self->misplaced > 0 && is_document_element (element))
    {
      self->misplaced--;
      return;
    }

  for (i = self->stack->len; i > 0; i--)
    {
      if (node_has_qname (g_ptr_array_index (self->stack, i - 1), name, element))
        break;
    }
  if (i == 0)
    return;

  for (guint j = self->stack->len; j > i; j--)
    {
      if (((Node *) g_ptr_array_index (self->stack, j - 1))->qelement->end_priority > element->end_priority)
        return;
    }

  g_ptr_array_set_size (self->stack, i - 1);
}

static gboolean
is_blank_text (const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
        return FALSE;
    }

  return TRUE;
}

/* Whether briefing_html_append_text() would copy @text as it is: it has
 * no reference and no control character but blanks. Then *@verbatim
 * says whether append_escaped() would copy it as it is too, which spares
 * the writer a second look at most text. */
static gboolean
is_plain_text (const char *text,
               gsize       len,
               gboolean   *verbatim)
{
  const char *end = text + len;
  const char *p = text;

  *verbatim = TRUE;
  while (p < end)
    {
      const char *stop = MIN (p + 8, end);

      /* word_may_be_escaped() catches '&' and control characters too. */
      if (stop - p == 8 && !word_may_be_escaped (load_word (p)))
        {
          p = stop;
          continue;
        }

      for (; p < stop; p++)
        {
          if (*p == '&' || ((guchar) *p < 0x20 && !is_blank (*p)))
            return FALSE;
          if (is_escaped (*p))
            *verbatim = FALSE;
        }
    }

  return TRUE;
}

/* htmlCheckParagraph(): text outside the body goes in a paragraph. */
static void
builder_text (Builder    *self,
              const char *text,
              gsize       len)
{
  Node *top = builder_top (self);
  gboolean verbatim;
  Node *node;

  if (!is_blank_text (text, len) &&
      (top == NULL || top->qelement->id == ELEMENT_HTML || top->qelement->id == ELEMENT_HEAD))
    {
      const Element *p = element_lookup ("p");

      builder_prepare_start (self, p);
      builder_push (self, "p", p);
    }

  if (len == 0)
    return;

  /* Text with nothing to decode or drop, most of it, stays where it is
   * in the input, which outlives the tree. */
  if (is_plain_text (text, len, &verbatim))
    {
      node = builder_add (self, NODE_TEXT);
      node->content = text;
      node->content_len = len;
      node->verbatim = verbatim;
      return;
    }

  g_string_truncate (self->scratch, 0);
  briefing_html_append_text (self->scratch, text, len);
  if (self->scratch->len == 0)
    return;

  node = builder_add (self, NODE_TEXT);
  node->content = arena_strndup (&self->arena, self->scratch->str, self->scratch->len);
  node->content_len = self->scratch->len;
}

/* Script and style hold raw text, except where libxml2 still reads end
 * tags, and start tags that close them: where it begins, and after each
 * end tag inside. */
static const char *
builder_skip_raw_text (Builder    *self,
                       const char *p)
{
  Node *top = builder_top (self);
  char name[BRIEFING_HTML_MAX_NAME + 1];

  if (top == NULL || (top->qelement->flags & EL_RAW) == 0)
    return p;
  if (p[0] == '<' && p[1] == '/')
    return p;
  if (briefing_html_starts_tag (p, name) && start_closes_top (element_lookup (name), top))
    return p;

  return briefing_html_skip_raw_text (p, top->qname);
}

static void
builder_init (Builder *self)
{
  self->arena.blocks = g_ptr_array_new_with_free_func (g_free);
  self->arena.next = NULL;
  self->arena.left = 0;
  self->stack = g_ptr_array_sized_new (32);
  self->misplaced = 0;
  self->scratch = g_string_sized_new (256);
  self->root = NULL;

  /* The fragment is read as the body of a document. */
  self->root = builder_push (self, "html", element_lookup ("html"));
  builder_push (self, "body", element_lookup ("body"));
}

static void
builder_clear (Builder *self)
{
  g_ptr_array_unref (self->stack);
  g_string_free (self->scratch, TRUE);
  g_ptr_array_unref (self->arena.blocks);
}

static void
build_tree (Builder    *self,
            const char *html)
{
  const char *p = html;

  builder_init (self);

  while (*p != '\0')
    {
      BriefingHtmlToken token;

      p = builder_skip_raw_text (self, p);
      if (*p == '\0')
        break;

      p = briefing_html_next_token (p, &token);
      if (token.kind == BRIEFING_HTML_TOKEN_TEXT)
        builder_text (self, token.start, token.end - token.start);
      else if (token.kind == BRIEFING_HTML_TOKEN_START_TAG)
        builder_start_tag (self, &token);
      else if (token.kind == BRIEFING_HTML_TOKEN_END_TAG)
        builder_end_tag (self, token.name);
    }
}

static gboolean
node_is (Node      *node,
         ElementId  id)
{
  return node != NULL && node->type == NODE_ELEMENT && node->element->id == id;
}

static guint
node_flags (Node *node)
{
  return node->element->flags;
}

/* Walking the tree */

typedef enum {
  WALK_SKIP,
  WALK_DESCEND,
  WALK_STOP,
} WalkAction;

typedef WalkAction (*WalkEnterFunc) (gpointer  data,
                                     Node  *node);
typedef void       (*WalkLeaveFunc) (gpointer  data,
                                     Node  *node);

/* Visits @root and what is inside it in document order, without recursion:
 * libxml2's tree can be as deep as its input. @leave is called for every
 * node that @enter descended into. */
static void
walk_tree (Node       *root,
           WalkEnterFunc  enter,
           WalkLeaveFunc  leave,
           gpointer       data)
{
  Node *node = root;

  for (;;)
    {
      WalkAction action = enter (data, node);

      if (action == WALK_STOP)
        return;

      if (action == WALK_DESCEND && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (action == WALK_DESCEND && leave != NULL)
        leave (data, node);

      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (leave != NULL)
            leave (data, node);
        }
      if (node == root)
        return;

      node = node->next;
    }
}

typedef struct
{
  gboolean (*match) (Node *node);
  Node   *root;
  Node   *found;
} FindElement;

static WalkAction
find_element_enter (gpointer  data,
                    Node  *node)
{
  FindElement *find = data;

  if (node->type != NODE_ELEMENT ||
      (node_flags (node) & EL_DROP) != 0)
    return WALK_SKIP;

  if (node != find->root && find->match (node))
    {
      find->found = node;
      return WALK_STOP;
    }

  return WALK_DESCEND;
}

/* The first element inside @root, outside dropped elements, that @match
 * accepts. */
static Node *
find_element (Node  *root,
              gboolean (*match) (Node *node))
{
  FindElement find = { match, root, NULL };

  walk_tree (root, find_element_enter, NULL, &find);

  return find.found;
}

typedef struct
{
  TextSink  sink;
  Node  *exclude;
} SubtreeText;

static WalkAction
subtree_text_enter (gpointer  data,
                    Node  *node)
{
  SubtreeText *text = data;
  guint flags;

  if (node->type == NODE_TEXT && node->content != NULL)
    text_sink_append (&text->sink, node->content, node->content_len);

  if (node->type != NODE_ELEMENT || node == text->exclude)
    return WALK_SKIP;

  flags = node_flags (node);
  if ((flags & EL_DROP) != 0)
    return WALK_SKIP;
  if ((flags & EL_BLOCK) != 0)
    text->sink.space = TRUE;

  return WALK_DESCEND;
}

static void
subtree_text_leave (gpointer  data,
                    Node  *node)
{
  SubtreeText *text = data;

  if ((node_flags (node) & EL_BLOCK) != 0)
    text->sink.space = TRUE;
}

/* The plain text of @root, leaving out @exclude. */
static char *
subtree_text (Node *root,
              Node *exclude)
{
  SubtreeText text = { { g_string_new (NULL), FALSE }, exclude };

  walk_tree (root, subtree_text_enter, subtree_text_leave, &text);

  return text_sink_finish (&text.sink);
}

/* Attributes */

static const char *
node_attribute (Node       *node,
                const char *name)
{
  for (guint i = 0; i < node->n_attrs; i++)
    {
      if (strcmp (node->attrs[i].name, name) == 0)
        return node->attrs[i].value;
    }

  return NULL;
}

/* "1", " 1px", "1.5": a number of pixels, or -1. */
static int
parse_pixels (const char *value)
{
  const char *p = value;
  int number = 0;

  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p))
    return -1;

  for (; g_ascii_isdigit (*p); p++)
    number = MIN (number * 10 + (*p - '0'), 1000000);
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        ;
    }
  if (g_ascii_strncasecmp (p, "px", 2) == 0)
    p += 2;
  while (g_ascii_isspace (*p))
    p++;

  return *p == '\0' ? number : -1;
}

static int
style_pixels (const char *style,
              const char *property)
{
  g_auto(GStrv) declarations = NULL;
  int pixels = -1;

  if (style == NULL)
    return -1;

  declarations = g_strsplit (style, ";", 64);
  for (guint i = 0; declarations[i] != NULL; i++)
    {
      char *colon = strchr (declarations[i], ':');

      if (colon == NULL)
        continue;

      *colon = '\0';
      if (g_ascii_strcasecmp (g_strstrip (declarations[i]), property) == 0)
        pixels = parse_pixels (colon + 1);
    }

  return pixels;
}

/* The size from the attribute, or else from the style attribute. */
static int
node_pixels (Node    *node,
             const char *property)
{
  int pixels = parse_pixels (node_attribute (node, property));

  if (pixels >= 0)
    return pixels;

  return style_pixels (node_attribute (node, "style"), property);
}

/* URLs */

static GString *
decode_entities (const char *text)
{
  gsize len = strlen (text);
  const char *end = text + len;
  GString *out = g_string_sized_new (len);

  for (const char *p = text; *p != '\0';)
    {
      gunichar c;
      gsize consumed = *p == '&' ? decode_entity (p, end, &c) : 0;

      if (consumed > 0)
        {
          g_string_append_unichar (out, c);
          p += consumed;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return out;
}

/* Decodes what libxml2 left encoded, then removes what browsers ignore in
 * a URL (controls and spaces around it, tabs and newlines anywhere), so
 * that the scheme checked is the scheme a browser would see. What cannot
 * stand in a URL is percent-encoded. */
/* Whether the character at @p, in a URL without references, makes
 * tidy_url() change it (other than at its ends). */
static inline gboolean
is_untidy_url_char (const char *p)
{
  guchar c = *p;

  /* Letters, digits and most punctuation first, in one test. */
  if (c > '>' && c != '`' && c != 0x7F)
    return FALSE;

  return c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '`' ||
         (c == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])));
}

/* Whether decode_entities() would change @text. A '&' alone, as in most
 * query strings, changes nothing. */
static gboolean
has_entity (const char *text)
{
  const char *end = NULL;

  for (const char *amp = strchr (text, '&'); amp != NULL; amp = strchr (amp + 1, '&'))
    {
      gunichar c;

      if (end == NULL)
        end = amp + strlen (amp);
      if (decode_entity (amp, end, &c) > 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether one of eight bytes of a URL may be one is_untidy_url_char()
 * accepts. */
static inline gboolean
word_may_be_untidy (guint64 word)
{
  return (has_byte_below (word, ' ' + 1) | has_byte (word, 0x7F) | has_byte (word, '"') |
          has_byte (word, '<') | has_byte (word, '>') | has_byte (word, '`') | has_byte (word, '%')) != 0;
}

static char *
tidy_url (const char *value)
{
  g_autoptr(GString) decoded = NULL;
  g_autoptr(GString) url = NULL;
  const char *p;
  const char *end;

  /* Most URLs have nothing to decode or encode: they only lose the
   * blanks around them. */
  if (!has_entity (value))
    {
      const char *q;

      for (p = value; *p != '\0' && (guchar) *p <= ' '; p++)
        ;
      for (end = p + strlen (p); end > p && (guchar) end[-1] <= ' '; end--)
        ;
      for (q = p; q < end; q++)
        {
          while (end - q >= 8 && !word_may_be_untidy (load_word (q)))
            q += 8;
          if (q == end || is_untidy_url_char (q))
            break;
        }
      if (q == end)
        return p < end ? g_strndup (p, end - p) : NULL;
    }

  decoded = decode_entities (value);
  url = g_string_sized_new (decoded->len);
  p = decoded->str;
  end = p + decoded->len;

  while (p < end && (guchar) *p <= ' ')
    p++;
  while (end > p && (guchar) end[-1] <= ' ')
    end--;

  for (; p < end; p++)
    {
      guchar c = *p;

      if (c == '\t' || c == '\n' || c == '\r')
        continue;

      if (is_untidy_url_char (p))
        g_string_append_printf (url, "%%%02X", c);
      else
        g_string_append_c (url, c);
    }

  if (url->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&url), FALSE);
}

static gboolean
is_data_image (const char *url)
{
  static const char * const types[] = { "png", "gif", "jpeg", "webp", "avif" };

  if (g_ascii_strncasecmp (url, "data:image/", 11) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      gsize len = strlen (types[i]);

      if (g_ascii_strncasecmp (url + 11, types[i], len) == 0 &&
          g_ascii_strncasecmp (url + 11 + len, ";base64,", 8) == 0)
        return TRUE;
    }

  return FALSE;
}

/* briefing_resolve_url() for @url, a non-empty output of tidy_url(),
 * parsing the base once for the whole fragment rather than once for
 * every URL; both resolve through briefing_uri_resolve(), and tidy_url()
 * leaves no blanks around @url for briefing_url_normalize() to take off. */
static char *
base_url_resolve (BaseUrl    *base,
                  const char *url)
{
  char *resolved = NULL;

  if (base->url == NULL || *base->url == '\0' || g_uri_peek_scheme (url) != NULL)
    return g_strdup (url);

  if (!base->parsed)
    {
      base->uri = g_uri_parse (base->url, G_URI_FLAGS_ENCODED, NULL);
      base->parsed = TRUE;
    }

  if (base->uri != NULL)
    resolved = briefing_uri_resolve (base->uri, url);

  /* Unresolved, it stays relative, and so is dropped. */
  return resolved != NULL ? resolved : g_strdup (url);
}

/* What network-path references ("//host/path") are given: the base's
 * scheme when it is http, else https. */
static const char *
base_url_network_scheme (BaseUrl *base)
{
  if (base->network_scheme == NULL)
    {
      /* g_uri_peek_scheme() returns an interned string. */
      const char *scheme = base->url != NULL ? g_uri_peek_scheme (base->url) : NULL;

      base->network_scheme = g_strcmp0 (scheme, "http") == 0 ? "http:" : "https:";
    }

  return base->network_scheme;
}

/* Returns @value made absolute against @base_url when its scheme is safe
 * for @kind, or NULL. */
static char *
clean_url (const char *value,
           BaseUrl    *base_url,
           UrlKind     kind)
{
  g_autofree char *url = tidy_url (value);
  g_autofree char *resolved = NULL;
  const char *scheme;

  if (url == NULL)
    return NULL;

  /* Absolute web URLs, most of them, resolve to themselves and are
   * allowed for every kind, when they have a real host. */
  if (g_str_has_prefix (url, "https:") || g_str_has_prefix (url, "http:"))
    return briefing_url_is_web (url) ? g_steal_pointer (&url) : NULL;

  if (g_str_has_prefix (url, "//"))
    {
      char *absolute = g_strconcat (base_url_network_scheme (base_url), url, NULL);

      g_free (url);
      url = absolute;
    }

  resolved = base_url_resolve (base_url, url);
  scheme = g_uri_peek_scheme (resolved);
  if (scheme == NULL)
    return NULL;

  if (((strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0) && briefing_url_is_web (resolved)) ||
      (kind == URL_IMAGE && is_data_image (resolved)))
    return g_steal_pointer (&resolved);

  if (kind == URL_LINK && strcmp (scheme, "mailto") == 0)
    return briefing_url_for_link (resolved);

  return NULL;
}

/* clean_url() for @value, the value of an attribute in the tree, which
 * stays where it is for as long as the tree: asking again for the same
 * attribute costs nothing. The result belongs to @base_url, until the
 * next call. */
static const char *
peek_attribute_url (const char *value,
                    BaseUrl    *base_url,
                    UrlKind     kind)
{
  if (value != base_url->last_value || kind != base_url->last_kind)
    {
      g_free (base_url->last_url);
      base_url->last_url = clean_url (value, base_url, kind);
      base_url->last_value = value;
      base_url->last_kind = kind;
    }

  return base_url->last_url;
}

static char *
clean_attribute_url (const char *value,
                     BaseUrl    *base_url,
                     UrlKind     kind)
{
  return g_strdup (peek_attribute_url (value, base_url, kind));
}

static gboolean
is_srcset_descriptor (const char *descriptor)
{
  return strlen (descriptor) <= 16 &&
         strspn (descriptor, "0123456789.wxh ") == strlen (descriptor) &&
         strpbrk (descriptor, "0123456789") != NULL;
}

/* "a.jpg 1x, b.jpg 2x": each candidate's URL is cleaned like an image
 * source; candidates with an unsafe URL or a strange descriptor go. */
static char *
clean_srcset (const char *value,
              BaseUrl    *base_url)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  guint count = 0;

  while (count < MAX_SRCSET_CANDIDATES)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *descriptor = NULL;
      g_autofree char *url = NULL;
      const char *start;
      gsize len;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;

      for (start = p; *p != '\0' && !g_ascii_isspace (*p); p++)
        ;
      for (len = p - start; len > 0 && start[len - 1] == ','; len--)
        ;
      candidate = g_strndup (start, len);

      if (len == (gsize) (p - start))
        {
          for (start = p; *p != '\0' && *p != ','; p++)
            ;
          descriptor = g_strstrip (g_strndup (start, p - start));
        }

      url = clean_url (candidate, base_url, URL_IMAGE);
      if (url == NULL || (descriptor != NULL && *descriptor != '\0' && !is_srcset_descriptor (descriptor)))
        continue;

      if (count++ > 0)
        g_string_append (out, ", ");
      g_string_append (out, url);
      if (descriptor != NULL && *descriptor != '\0')
        g_string_append_printf (out, " %s", descriptor);
    }

  if (count == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* Whether @host, @host_len bytes long, is @pattern's host. */
static gboolean
host_matches (const char *host,
              gsize       host_len,
              const char *pattern)
{
  gsize pattern_len = strlen (pattern);

  if (pattern[0] != '.')
    return host_len == pattern_len && g_ascii_strncasecmp (host, pattern, host_len) == 0;

  return (host_len == pattern_len - 1 && g_ascii_strncasecmp (host, pattern + 1, host_len) == 0) ||
         (host_len > pattern_len &&
          g_ascii_strncasecmp (host + host_len - pattern_len, pattern, pattern_len) == 0);
}

/* The host of @url when it is a plain "http(s)://host" followed by '/',
 * '?', '#' or nothing, as g_uri_split() would return it; else NULL. */
static const char *
peek_plain_host (const char *url,
                 gsize      *len)
{
  const char *host;
  const char *p;

  if (g_str_has_prefix (url, "https://"))
    host = url + 8;
  else if (g_str_has_prefix (url, "http://"))
    host = url + 7;
  else
    return NULL;

  for (p = host; g_ascii_isalnum (*p) || *p == '.' || *p == '-'; p++)
    ;
  if (p == host || (*p != '/' && *p != '?' && *p != '#' && *p != '\0'))
    return NULL;

  *len = p - host;

  return host;
}

static gboolean
is_tracker (const char *url)
{
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *plain_host;
  gsize plain_len;

  /* Splitting every image URL costs more than the rest of its checks:
   * when the host can be read at a glance and is no tracker's, it is
   * not one, whatever g_uri_split() would make of the rest. */
  plain_host = peek_plain_host (url, &plain_len);
  if (plain_host != NULL)
    {
      gboolean candidate = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (trackers) && !candidate; i++)
        candidate = host_matches (plain_host, plain_len, trackers[i].host);
      if (!candidate)
        return FALSE;
    }

  if (!g_uri_split (url, G_URI_FLAGS_ENCODED, NULL, NULL, &host, NULL, &path, NULL, NULL, NULL) ||
      host == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (trackers); i++)
    {
      if (host_matches (host, strlen (host), trackers[i].host) && g_str_has_prefix (path, trackers[i].path_prefix))
        return TRUE;
    }

  return FALSE;
}

/* The usable source of an <img>: NULL for unsafe URLs, tracking pixels
 * (2×2 or smaller) and images from counting services. */
static char *
image_source (Node    *img,
              BaseUrl    *base_url)
{
  const char *value = node_attribute (img, "src");
  g_autofree char *src = value != NULL ? clean_attribute_url (value, base_url, URL_IMAGE) : NULL;
  int width;
  int height;

  if (src == NULL || is_tracker (src))
    return NULL;

  width = node_pixels (img, "width");
  height = node_pixels (img, "height");
  if (width >= 0 && width <= 2 && height >= 0 && height <= 2)
    return NULL;

  return g_steal_pointer (&src);
}

/* The same photo over http or https, with another query or fragment, is
 * still the same photo. */
static char *
image_key (const char *url)
{
  const char *rest = url;

  if (g_ascii_strncasecmp (url, "https:", 6) == 0)
    rest += 6;
  else if (g_ascii_strncasecmp (url, "http:", 5) == 0)
    rest += 5;

  return g_strndup (rest, strcspn (rest, "?#"));
}

static char *
clean_integer (const char *value,
               gint64      min,
               gint64      max)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));
  gint64 number;

  if (!g_ascii_string_to_signed (stripped, 10, min, max, &number, NULL))
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

/* @value when it is one of @allowed, a list of words between spaces. */
static char *
clean_keyword (const char *value,
               const char *allowed,
               gboolean    ignore_case)
{
  g_autofree char *word = ignore_case ? g_ascii_strdown (value, -1) : g_strdup (value);

  g_strstrip (word);
  if (strchr (word, ' ') != NULL || !word_in (allowed, word))
    return NULL;

  return g_steal_pointer (&word);
}

static char *
clean_lang (const char *value)
{
  g_autofree char *lang = g_strstrip (g_strdup (value));
  gsize len = strlen (lang);

  if (len == 0 || len > 35 || strspn (lang, "abcdefghijklmnopqrstuvwxyz"
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != len)
    return NULL;

  return g_steal_pointer (&lang);
}

static char *
clean_attribute (AttrKind    kind,
                 const char *value,
                 BaseUrl    *base_url)
{
  int pixels;

  switch (kind)
    {
    case ATTR_TEXT:
      return g_strdup (value);
    case ATTR_LINK:
      return clean_attribute_url (value, base_url, URL_LINK);
    case ATTR_CITE:
      return clean_attribute_url (value, base_url, URL_CITE);
    case ATTR_IMAGE:
      return clean_attribute_url (value, base_url, URL_IMAGE);
    case ATTR_SRCSET:
      return clean_srcset (value, base_url);
    case ATTR_PIXELS:
      pixels = parse_pixels (value);
      return pixels >= 0 ? g_strdup_printf ("%d", pixels) : NULL;
    case ATTR_INTEGER:
      return clean_integer (value, -1000000, 1000000);
    case ATTR_SPAN:
      return clean_integer (value, 0, 1000);
    case ATTR_BOOLEAN:
      return g_strdup ("");
    case ATTR_DIR:
      return clean_keyword (value, " ltr rtl auto ", TRUE);
    case ATTR_LANG:
      return clean_lang (value);
    case ATTR_SCOPE:
      return clean_keyword (value, " row col rowgroup colgroup ", TRUE);
    case ATTR_LIST_TYPE:
      return clean_keyword (value, " 1 a A i I ", FALSE);
    default:
      g_assert_not_reached ();
    }
}

/* The first entry of attributes[] for @name on @element, or -1. The
 * names kept on nodes are lower case already. */
static int
lookup_attribute (const Element *element,
                  const char    *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      if ((element->attributes & (G_GUINT64_CONSTANT (1) << i)) != 0 &&
          attributes[i].name[0] == name[0] && strcmp (attributes[i].name, name) == 0)
        return i;
    }

  return -1;
}

/* The lead figure */

typedef struct
{
  BaseUrl    *base_url;
  Node    *outer;    /* the outermost <figure> open */
  Node    *figure;
  Node    *image;
  char       *src;
} FigureSearch;

static WalkAction
figure_search_enter (gpointer  data,
                     Node  *node)
{
  FigureSearch *search = data;

  if (node->type != NODE_ELEMENT ||
      (node_flags (node) & EL_DROP) != 0)
    return WALK_SKIP;

  if (search->outer == NULL && node_is (node, ELEMENT_FIGURE))
    search->outer = node;
  else if (search->outer != NULL && node_is (node, ELEMENT_IMG))
    search->src = image_source (node, search->base_url);

  if (search->src == NULL)
    return WALK_DESCEND;

  search->figure = search->outer;
  search->image = node;

  return WALK_STOP;
}

static void
figure_search_leave (gpointer  data,
                     Node  *node)
{
  FigureSearch *search = data;

  if (node == search->outer)
    search->outer = NULL;
}

static gboolean
is_figcaption (Node *node)
{
  return node_is (node, ELEMENT_FIGCAPTION);
}

static gboolean
has_credit_class (Node *node)
{
  static const char * const words[] = { "credit", "copyright", "byline", "source" };
  const char *value = node_attribute (node, "class");
  g_autofree char *lower = NULL;

  if (value == NULL)
    return FALSE;

  lower = g_ascii_strdown (value, -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (lower, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_small_or_cite (Node *node)
{
  return node_is (node, ELEMENT_SMALL) || node_is (node, ELEMENT_CITE);
}

static const char * const credit_labels[] = {
  "photo", "photograph", "picture", "image", "credit", "credits", "source", "foto", "copyright",
};

static gboolean
strip_tail (const char *text,
            gsize      *len,
            const char *tail)
{
  gsize tail_len = strlen (tail);

  if (*len < tail_len || g_ascii_strncasecmp (text + *len - tail_len, tail, tail_len) != 0)
    return FALSE;

  *len -= tail_len;

  return TRUE;
}

/* A trailing "Photo:", as a word of its own. */
static gboolean
strip_label (const char *text,
             gsize      *len)
{
  if (*len == 0 || text[*len - 1] != ':')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (credit_labels); i++)
    {
      gsize label_len = strlen (credit_labels[i]);
      gsize start;

      if (*len < label_len + 1)
        continue;

      start = *len - 1 - label_len;
      if (g_ascii_strncasecmp (text + start, credit_labels[i], label_len) == 0 &&
          (start == 0 || text[start - 1] == ' ' || text[start - 1] == '(' || text[start - 1] == '['))
        {
          *len = start;
          return TRUE;
        }
    }

  return FALSE;
}

/* Brackets holding nothing, or only a label: "(Photo: )". */
static gboolean
strip_empty_brackets (const char *text,
                      gsize      *len)
{
  char close = *len > 0 ? text[*len - 1] : '\0';
  gsize inner_len = 0;
  const char *open;

  if (close != ')' && close != ']')
    return FALSE;

  open = g_strrstr_len (text, *len, close == ')' ? "(" : "[");
  if (open == NULL)
    return FALSE;

  inner_len = text + *len - 1 - (open + 1);
  while (inner_len > 0 && open[inner_len] == ' ')
    inner_len--;
  if (inner_len > 0 && !strip_label (open + 1, &inner_len))
    return FALSE;
  while (inner_len > 0 && open[inner_len] == ' ')
    inner_len--;
  if (inner_len > 0)
    return FALSE;

  *len = open - text;

  return TRUE;
}

/* With the credit taken out, "A crowd in Paris. (Photo: )" loses the label
 * and the punctuation left dangling at its end. */
static char *
tidy_caption (char *caption)
{
  static const char * const tails[] = {
    " ", "|", "/", "-", ",", ";", ":", "(", "[", "\u2013", "\u2014", "\u2022", "\u00B7", "\u00A9",
  };
  gsize len;
  gboolean changed;

  if (caption == NULL)
    return NULL;

  len = strlen (caption);
  do
    {
      changed = strip_label (caption, &len) || strip_empty_brackets (caption, &len);
      for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
        changed |= strip_tail (caption, &len, tails[i]);
    }
  while (changed && len > 0);

  if (len == 0)
    {
      g_free (caption);
      return NULL;
    }

  caption[len] = '\0';

  return caption;
}

/* Finds the first <figure> holding a usable <img>, which becomes the lead
 * photo, with the caption and credit from its <figcaption>. */
static BriefingImage *
take_lead_figure (Node     *root,
                  BaseUrl     *base_url,
                  Node    **figure)
{
  FigureSearch search = { base_url, NULL, NULL, NULL, NULL };
  const char *width;
  const char *height;
  BriefingImage *image;
  Node *caption;
  Node *credit = NULL;

  walk_tree (root, figure_search_enter, figure_search_leave, &search);
  if (search.figure == NULL)
    return NULL;

  width = node_attribute (search.image, "width");
  height = node_attribute (search.image, "height");

  image = briefing_image_new ();
  image->url = g_steal_pointer (&search.src);
  image->width = MAX (parse_pixels (width), 0);
  image->height = MAX (parse_pixels (height), 0);

  caption = find_element (search.figure, is_figcaption);
  if (caption != NULL)
    {
      credit = find_element (caption, has_credit_class);
      if (credit == NULL)
        credit = find_element (caption, is_small_or_cite);

      image->caption = tidy_caption (subtree_text (caption, credit));
      image->credit = credit != NULL ? subtree_text (credit, NULL) : NULL;
    }

  *figure = search.figure;

  return image;
}

/* The writer */

typedef struct
{
  Node  *node;
  guint     flags;
  gsize     start;      /* where the start tag is in the output */
  gboolean  readable;   /* text or an image was written inside */
  gboolean  blank;      /* white space was written inside */
} Frame;

typedef struct
{
  GString    *out;
  GArray     *frames;        /* the first frame stands for the fragment */
  BaseUrl    *base_url;
  char       *lead_key;      /* the lead photo, by image_key() */
  Node    *skip;          /* the figure taken out as the lead photo */
  gboolean    seen_text;
  guint       lead_figure;   /* 1 + the index of the figure whose photo was dropped, or 0 */
} Writer;

static Frame *
writer_top (Writer *self)
{
  return &g_array_index (self->frames, Frame, self->frames->len - 1);
}

static const char *
output_name (Node *node)
{
  /* The article view owns the only <h1>. */
  return node_is (node, ELEMENT_H1) ? "h2" : (const char *) node->name;
}

static void
write_attributes (Writer  *self,
                  Node *node)
{
  guint64 written = 0;

  for (guint i = 0; i < node->n_attrs; i++)
    {
      int index = lookup_attribute (node->element, node->attrs[i].name);
      g_autofree char *value = NULL;

      if (index < 0 || (written & (G_GUINT64_CONSTANT (1) << index)) != 0)
        continue;

      value = clean_attribute (attributes[index].kind, node->attrs[i].value, self->base_url);
      if (value == NULL)
        continue;

      written |= G_GUINT64_CONSTANT (1) << index;
      g_string_append_c (self->out, ' ');
      out_append (self->out, attributes[index].name);
      out_append (self->out, "=\"");
      append_escaped (self->out, value, strlen (value));
      g_string_append_c (self->out, '"');
    }

  if (node_is (node, ELEMENT_A))
    out_append (self->out, " rel=\"noopener noreferrer\"");
}

static void
writer_open (Writer  *self,
             Node *node,
             guint    flags)
{
  Frame frame = { node, flags, self->out->len, FALSE, FALSE };

  g_string_append_c (self->out, '<');
  out_append (self->out, output_name (node));
  write_attributes (self, node);
  g_string_append_c (self->out, '>');

  if ((flags & EL_VOID) == 0)
    g_array_append_val (self->frames, frame);
}

/* Ends the element on top, or takes it out again when nothing readable
 * ended up inside (an empty link, a paragraph that only held a pixel). */
static void
writer_close (Writer *self)
{
  Frame frame = *writer_top (self);
  Frame *parent;

  if (self->lead_figure == self->frames->len)
    self->lead_figure = 0;

  g_array_set_size (self->frames, self->frames->len - 1);
  parent = writer_top (self);
  parent->blank |= frame.blank;

  if (!frame.readable && (frame.flags & EL_PRUNE) != 0)
    {
      g_string_truncate (self->out, frame.start);
      if (frame.blank)
        g_string_append_c (self->out, ' ');
      return;
    }

  parent->readable |= frame.readable;
  out_append (self->out, "</");
  out_append (self->out, output_name (frame.node));
  g_string_append_c (self->out, '>');
}

static void
writer_text (Writer *self,
             Node   *node)
{
  const char *text = node->content;
  gsize len = node->content_len;
  const guchar *end = (const guchar *) text + len;
  Frame *top = writer_top (self);

  for (const guchar *p = (const guchar *) text; p < end; p++)
    {
      if (p[0] == 0xC2 && p + 1 < end && p[1] == 0xA0)
        {
          top->blank = TRUE;
          p++;
        }
      else if (g_ascii_isspace (*p))
        {
          top->blank = TRUE;
        }
      else if (*p >= 0x20 && *p != 0x7F)
        {
          top->readable = TRUE;
          self->seen_text = TRUE;
          break;
        }
    }

  if (node->verbatim)
    out_append_len (self->out, text, len);
  else
    append_escaped (self->out, text, len);
}

/* The lead photo is shown above the body already: its copy at the top of
 * the body goes, and the caption of the figure it was in with it. */
static void
writer_drop_lead (Writer *self)
{
  for (guint i = self->frames->len; i > 1; i--)
    {
      if (node_is (g_array_index (self->frames, Frame, i - 1).node, ELEMENT_FIGURE))
        {
          self->lead_figure = i;
          return;
        }
    }
}

static void
writer_image (Writer  *self,
              Node *node)
{
  g_autofree char *src = image_source (node, self->base_url);

  if (src == NULL)
    return;

  if (self->lead_key != NULL && !self->seen_text)
    {
      g_autofree char *key = image_key (src);

      if (strcmp (key, self->lead_key) == 0)
        {
          writer_drop_lead (self);
          return;
        }
    }

  writer_open (self, node, EL_KEEP | EL_VOID);
  writer_top (self)->readable = TRUE;
}

/* <source> only means something inside <picture>, and only with a srcset. */
static void
writer_source (Writer  *self,
               Node *node)
{
  const char *value;
  g_autofree char *srcset = NULL;

  if (!node_is (writer_top (self)->node, ELEMENT_PICTURE))
    return;

  value = node_attribute (node, "srcset");
  srcset = value != NULL ? clean_srcset (value, self->base_url) : NULL;
  if (srcset != NULL)
    writer_open (self, node, EL_KEEP | EL_VOID);
}

static gboolean
has_link (Node    *node,
          BaseUrl    *base_url)
{
  const char *value = node_attribute (node, "href");

  return value != NULL && peek_attribute_url (value, base_url, URL_LINK) != NULL;
}

static WalkAction
writer_enter_element (Writer  *self,
                      Node *node)
{
  guint flags = node_flags (node);

  if (node == self->skip || (flags & EL_DROP) != 0)
    return WALK_SKIP;

  /* Beyond the depth limit, elements are unwrapped: the text stays. */
  if ((flags & EL_KEEP) == 0 || ((flags & EL_VOID) == 0 && self->frames->len > MAX_DEPTH))
    return WALK_DESCEND;

  if (node_is (node, ELEMENT_IMG))
    {
      writer_image (self, node);
      return WALK_SKIP;
    }

  /* libxml2 does not know <source> is empty: what follows it ends up
   * inside it. */
  if (node_is (node, ELEMENT_SOURCE))
    {
      writer_source (self, node);
      return WALK_DESCEND;
    }

  if (node_is (node, ELEMENT_A) && !has_link (node, self->base_url))
    return WALK_DESCEND;
  if (node_is (node, ELEMENT_FIGCAPTION) && self->lead_figure != 0)
    return WALK_SKIP;
  if (node_is (node, ELEMENT_BR))
    writer_top (self)->blank = TRUE;

  writer_open (self, node, flags);

  return WALK_DESCEND;
}

static WalkAction
writer_enter (gpointer  data,
              Node  *node)
{
  Writer *self = data;

  if (node->type == NODE_TEXT && node->content != NULL)
    writer_text (self, node);

  if (node->type != NODE_ELEMENT)
    return WALK_SKIP;

  return writer_enter_element (self, node);
}

static void
writer_leave (gpointer  data,
              Node  *node)
{
  Writer *self = data;

  if (self->frames->len > 1 && writer_top (self)->node == node)
    writer_close (self);
}

static char *
lead_key (const char *lead_image_url,
          BaseUrl    *base_url)
{
  g_autofree char *url = NULL;

  if (lead_image_url == NULL)
    return NULL;

  url = clean_url (lead_image_url, base_url, URL_IMAGE);

  return image_key (url != NULL ? url : lead_image_url);
}

static char *
write_fragment (Node    *root,
                BaseUrl    *base_url,
                const char *lead_image_url,
                Node    *skip)
{
  Frame fragment = { NULL, 0, 0, FALSE, FALSE };
  Writer self = { NULL, };
  gboolean readable;
  char *html;

  self.out = g_string_new (NULL);
  self.frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 32);
  self.base_url = base_url;
  self.lead_key = lead_key (lead_image_url, base_url);
  self.skip = skip;
  g_array_append_val (self.frames, fragment);

  walk_tree (root, writer_enter, writer_leave, &self);

  readable = writer_top (&self)->readable;
  g_array_unref (self.frames);
  g_free (self.lead_key);
  html = g_string_free (self.out, FALSE);

  if (!readable)
    {
      g_free (html);
      return NULL;
    }

  return g_strstrip (html);
}

/* g_utf8_validate (@text, -1, NULL), with the ASCII that is most of
 * feed HTML skipped eight bytes at a time. What is not ASCII is handed
 * to g_utf8_validate_len() a run at a time: an ASCII byte can only start
 * a character, so each run starts and ends at character boundaries. */
static gboolean
is_valid_utf8 (const char *text)
{
  const char *end = text + strlen (text);
  const char *p = text;

  while (p < end)
    {
      const char *run;

      while (end - p >= 8 && (load_word (p) & HIGHS) == 0)
        p += 8;
      while (p < end && (guchar) *p < 0x80)
        p++;

      for (run = p; p < end && (guchar) *p >= 0x80; p++)
        ;
      if (p > run && !g_utf8_validate_len (run, p - run, NULL))
        return FALSE;
    }

  return TRUE;
}

/**
 * briefing_html_sanitize:
 * @html: (nullable): an HTML fragment in UTF-8, from the network
 * @base_url: (nullable): the URL relative URLs in @html are relative to
 * @lead_image_url: (nullable): the lead photo shown above the body, whose
 *   copy at the top of the body is dropped
 * @flags: #BriefingSanitizeFlags
 * @lead_image: (out) (optional) (nullable): with
 *   %BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, the first figure with a photo,
 *   taken out of the body
 *
 * Returns: (nullable): a well-formed fragment holding only allowed
 *   elements, attributes and URLs, or %NULL when nothing readable is left
 */
char *
briefing_html_sanitize (const char             *html,
                        const char             *base_url,
                        const char             *lead_image_url,
                        BriefingSanitizeFlags   flags,
                        BriefingImage         **lead_image)
{
  g_autofree char *valid = NULL;
  BaseUrl base = { base_url, NULL, NULL, FALSE, NULL, URL_LINK, NULL };
  Node *skip = NULL;
  Builder builder;
  char *result;

  if (lead_image != NULL)
    *lead_image = NULL;

  if (html == NULL || *html == '\0')
    return NULL;

  if (!is_valid_utf8 (html))
    html = valid = g_utf8_make_valid (html, -1);

  build_tree (&builder, html);

  if ((flags & BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE) != 0 && lead_image != NULL)
    *lead_image = take_lead_figure (builder.root, &base, &skip);

  result = write_fragment (builder.root, &base, lead_image_url, skip);
  builder_clear (&builder);
  g_clear_pointer (&base.uri, g_uri_unref);
  g_free (base.last_url);

  return result;
}

/**
 * briefing_html_to_text:
 * @html: (nullable): an HTML fragment, or text that may hold markup
 *
 * Tags go, entities are decoded, script and style content is dropped;
 * block elements and line breaks separate words, and white space is
 * collapsed. Used for titles and the search index, so it does not build a
 * tree.
 *
 * Returns: (nullable): the plain text, or %NULL when there is none
 */
char *
briefing_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;
  TextSink sink;
  const char *p;

  if (html == NULL)
    return NULL;

  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);

  sink.out = g_string_sized_new (strlen (html));
  sink.space = FALSE;

  for (p = html; *p != '\0';)
    {
      BriefingHtmlToken token;
      guint flags;

      p = briefing_html_next_token (p, &token);
      if (token.kind == BRIEFING_HTML_TOKEN_TEXT)
        {
          text_sink_append_html (&sink, token.start, token.end - token.start);
          continue;
        }

      flags = element_lookup (token.name)->flags;
      if ((flags & EL_BLOCK) != 0)
        sink.space = TRUE;

      if (token.kind == BRIEFING_HTML_TOKEN_START_TAG && (flags & EL_RAW) != 0 && !token.self_closing)
        p = briefing_html_skip_raw_text (p, token.name);
    }

  return text_sink_finish (&sink);
}
