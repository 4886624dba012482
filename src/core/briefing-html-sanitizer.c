/* briefing-html-sanitizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer.h"

#include "briefing-utils.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

/* Feed HTML is hostile bytes from the network. It is parsed with libxml2's
 * forgiving HTML parser and written out again while walking the tree,
 * keeping an allowlist of elements and attributes and nothing else: every
 * URL made absolute and its scheme checked, every text and attribute value
 * escaped here, every attribute double-quoted (the article view relies on
 * that when it points images at its own scheme).
 *
 * libxml2 2.9 stops reading a document nested deeper than 256 elements and
 * has quadratic corners (thousands of attributes on one tag, end tags
 * searched against a deep stack). So the fragment first goes through a
 * small tokenizer that follows libxml2's rules closely enough to keep at
 * most MAX_ATTRIBUTES attributes a tag and to drop the start tags that
 * would nest deeper than MAX_PARSE_DEPTH: deep content is flattened, never
 * lost. The same tokenizer makes briefing_html_to_text() fast. */

#define MAX_PARSE_DEPTH       200   /* well below libxml2's limit of 256 */
#define MAX_DEPTH             256   /* elements written inside each other */
#define MAX_ATTRIBUTES        64
#define MAX_SRCSET_CANDIDATES 16
#define MAX_NAME              32
#define MAX_ENTITY_NAME       32

#define DOCUMENT_START "<html><head><meta charset=\"utf-8\"></head><body>"
#define DOCUMENT_END   "</body></html>"
#define PARSE_OPTIONS  (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                        HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

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

typedef struct
{
  const char *name;
  guint       flags;
} ElementInfo;

/* Sorted by name, for bsearch(). Elements not listed, or listed without
 * EL_KEEP or EL_DROP, are unwrapped: the tag goes, the content stays. */
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

/* Which start tags make libxml2 close the element on top of its stack, as
 * measured on libxml2 2.9.14. Only the depth guard uses this: a mistake
 * costs some fidelity on absurdly deep input, never safety. */
static const struct {
  const char *open;
  const char *closers;
} start_closes[] = {
  { "a", " a table td th fieldset " },
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
  { "h1", " form li p table fieldset " },
  { "h2", " form li p table fieldset " },
  { "h3", " form li p table fieldset " },
  { "h4", " form li p table fieldset " },
  { "h5", " form li p table fieldset " },
  { "h6", " form li p table fieldset " },
  { "i", " center p td th " },
  { "legend", " fieldset " },
  { "li", " li " },
  { "listing", " dd dl dt form li table ul fieldset " },
  { "menu", " dd dl dt form ul " },
  { "ol", " form ul " },
  { "option", " optgroup option " },
  { "p", " address blockquote caption center col colgroup dd dir div dl dt form h1 h2 h3 h4 h5 "
         "h6 li menu ol p pre table tbody td tfoot th tr ul listing xmp fieldset title " },
  { "pre", " dd dl dt form li table ul fieldset " },
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
  { "tr", " tbody tfoot tr " },
  { "tt", " p " },
  { "u", " p td th " },
  { "ul", " address form menu ol pre " },
  { "xmp", " dd dl dt form li table ul fieldset " },
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

/* HTML reads character references to U+0080..U+009F as Windows-1252, and
 * feeds use them that way (&#146; for an apostrophe); 0 marks its holes. */
static const gunichar windows_1252[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int
compare_element (const void *key,
                 const void *member)
{
  return strcmp (key, ((const ElementInfo *) member)->name);
}

static guint
element_flags (const char *name)
{
  const ElementInfo *info = bsearch (name, elements, G_N_ELEMENTS (elements),
                                     sizeof elements[0], compare_element);

  return info != NULL ? info->flags : 0;
}

static gboolean
node_is (xmlNode    *node,
         const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         strcmp ((const char *) node->name, name) == 0;
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

static gsize
read_char_ref (const char *p,
               guint32    *value)
{
  const char *q = p + 2;
  gboolean hex = *q == 'x' || *q == 'X';
  gsize digits = 0;

  *value = 0;
  if (hex)
    q++;

  for (;; q++, digits++)
    {
      int digit = hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q);

      if (digit < 0)
        break;
      if (*value <= 0x10FFFF)
        *value = *value * (hex ? 16 : 10) + digit;
    }

  if (digits == 0)
    return 0;
  if (*q == ';')
    q++;

  return q - p;
}

static gunichar
fix_code_point (guint32 value)
{
  if (value >= 0x80 && value <= 0x9F && windows_1252[value - 0x80] != 0)
    return windows_1252[value - 0x80];
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return 0xFFFD;

  return value;
}

static gunichar
lookup_entity (const char *name)
{
  const htmlEntityDesc *desc = htmlEntityLookup ((const xmlChar *) name);

  if (desc != NULL)
    return desc->value;

  for (guint i = 0; i < G_N_ELEMENTS (html5_entities); i++)
    {
      if (strcmp (html5_entities[i].name, name) == 0)
        return html5_entities[i].value;
    }

  return 0;
}

/* Reads the character reference or named entity at @p ('&'). Returns the
 * number of bytes it takes, or 0 when @p starts none. */
static gsize
decode_entity (const char *p,
               gunichar   *c)
{
  char name[MAX_ENTITY_NAME + 1];
  gsize len = 0;

  if (p[1] == '#')
    {
      guint32 value;
      gsize consumed = read_char_ref (p, &value);

      *c = fix_code_point (value);
      return consumed;
    }

  while (len < MAX_ENTITY_NAME && g_ascii_isalnum (p[1 + len]))
    {
      name[len] = p[1 + len];
      len++;
    }
  if (len == 0 || p[1 + len] != ';')
    return 0;
  name[len] = '\0';

  *c = lookup_entity (name);

  return *c != 0 ? len + 2 : 0;
}

/* Escapes text or an attribute value, dropping the control characters
 * HTML does not allow. */
static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *entity;

      if (c == '&')
        entity = "&amp;";
      else if (c == '<')
        entity = "&lt;";
      else if (c == '>')
        entity = "&gt;";
      else if (c == '"')
        entity = "&quot;";
      else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        entity = "";
      else
        continue;

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, p - run);
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

      consumed = decode_entity (amp, &c);
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

/* The tokenizer */

typedef enum {
  TOKEN_TEXT,
  TOKEN_START_TAG,
  TOKEN_END_TAG,
  TOKEN_OTHER,      /* comments, processing instructions, doctypes */
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *end;                  /* one past the token */
  const char *cut;                  /* start tags with too many attributes: where to cut */
  gboolean    self_closing;
  char        name[MAX_NAME + 1];   /* tags: lower case, maybe cut short */
} Token;

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == ':' || c == '-' || c == '.';
}

static const char *
skip_blanks (const char *p)
{
  while (is_blank (*p))
    p++;

  return p;
}

static const char *
read_name (const char *p,
           char        name[MAX_NAME + 1])
{
  gsize len = 0;

  for (; is_name_char (*p); p++)
    {
      if (len < MAX_NAME)
        name[len++] = g_ascii_tolower (*p);
    }
  name[len] = '\0';

  return p;
}

static const char *
skip_past (const char *p,
           const char *needle)
{
  const char *hit = strstr (p, needle);

  return hit != NULL ? hit + strlen (needle) : p + strlen (p);
}

/* One attribute as libxml2 reads it: a name, then maybe '=' and a value,
 * quoted or running to the next blank or '>'. */
static const char *
skip_attribute (const char *p)
{
  while (is_name_char (*p))
    p++;

  p = skip_blanks (p);
  if (*p != '=')
    return p;

  p = skip_blanks (p + 1);
  if (*p == '"' || *p == '\'')
    {
      const char *close = strchr (p + 1, *p);

      return close != NULL ? close + 1 : p + strlen (p);
    }

  while (*p != '\0' && !is_blank (*p) && *p != '>')
    p++;

  return p;
}

static const char *
scan_start_tag (const char *p,
                Token      *token)
{
  guint count = 0;

  p = skip_blanks (read_name (p, token->name));
  while (*p != '\0' && *p != '>' && !(p[0] == '/' && p[1] == '>'))
    {
      if (is_name_start (*p) || *p == '.')
        {
          p = skip_attribute (p);
          if (++count == MAX_ATTRIBUTES)
            token->cut = p;
        }
      else
        {
          /* libxml2 skips what cannot start an attribute name. */
          while (*p != '\0' && !is_blank (*p) && *p != '>' && !(p[0] == '/' && p[1] == '>'))
            p++;
        }
      p = skip_blanks (p);
    }

  if (count <= MAX_ATTRIBUTES)
    token->cut = NULL;

  if (*p == '>')
    return p + 1;
  if (*p == '/')
    {
      token->self_closing = TRUE;
      return p + 2;
    }

  return p;
}

static gboolean
starts_markup (const char *p)
{
  return p[0] == '<' &&
         (is_name_start (p[1]) ||
          (p[1] == '/' && is_name_start (p[2])) ||
          p[1] == '?' ||
          strncmp (p + 1, "!--", 3) == 0 ||
          g_ascii_strncasecmp (p + 1, "!doctype", 8) == 0);
}

static const char *
scan_token (const char *p,
            Token      *token)
{
  if (!starts_markup (p))
    {
      const char *q = p + 1;

      token->kind = TOKEN_TEXT;
      while ((q = strchr (q, '<')) != NULL && !starts_markup (q))
        q++;

      return q != NULL ? q : p + strlen (p);
    }

  if (is_name_start (p[1]))
    {
      token->kind = TOKEN_START_TAG;
      return scan_start_tag (p + 1, token);
    }

  if (p[1] == '/')
    {
      token->kind = TOKEN_END_TAG;
      return skip_past (read_name (p + 2, token->name), ">");
    }

  token->kind = TOKEN_OTHER;
  if (p[1] == '!' && p[2] == '-')
    return skip_past (p + 4, "-->");

  return skip_past (p, ">");
}

/* Reads the token at @p, which is not at the end of the string. */
static void
next_token (const char *p,
            Token      *token)
{
  token->cut = NULL;
  token->self_closing = FALSE;
  token->name[0] = '\0';
  token->end = scan_token (p, token);
}

/* Script and style hold raw text up to their end tag, as in libxml2. */
static const char *
skip_raw_text (const char *start,
               const char *name)
{
  gsize len = strlen (name);

  for (const char *p = strchr (start, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      if (p[1] == '/' && g_ascii_strncasecmp (p + 2, name, len) == 0)
        return p;
    }

  return start + strlen (start);
}

/* The depth guard: a model of libxml2's stack of open elements */

typedef struct
{
  char name[MAX_NAME + 1];
  int  priority;
} OpenElement;

static const char *
model_top (GArray *open)
{
  return g_array_index (open, OpenElement, open->len - 1).name;
}

static gboolean
start_closes_top (const char *name,
                  const char *top)
{
  for (guint i = 0; i < G_N_ELEMENTS (start_closes); i++)
    {
      if (strcmp (start_closes[i].open, top) == 0)
        return word_in (start_closes[i].closers, name);
    }

  return FALSE;
}

/* A misplaced end tag closes nothing of a higher priority (libxml2's
 * htmlEndPriority). */
static int
end_priority (const char *name)
{
  static const struct {
    const char *name;
    int         priority;
  } priorities[] = {
    { "div", 150 }, { "td", 160 }, { "th", 160 }, { "tr", 170 }, { "thead", 180 },
    { "tbody", 180 }, { "tfoot", 180 }, { "table", 190 }, { "head", 200 }, { "body", 200 },
    { "html", 220 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      if (strcmp (priorities[i].name, name) == 0)
        return priorities[i].priority;
    }

  return 100;
}

static gboolean
is_document_element (const char *name)
{
  return strcmp (name, "html") == 0 || strcmp (name, "head") == 0 || strcmp (name, "body") == 0;
}

static void
model_end_tag (GArray     *open,
               const char *name)
{
  int priority = end_priority (name);

  if (is_document_element (name))
    return;

  for (guint i = open->len; i > 0; i--)
    {
      const OpenElement *other = &g_array_index (open, OpenElement, i - 1);

      if (strcmp (other->name, name) == 0)
        {
          g_array_set_size (open, i - 1);
          return;
        }
      if (other->priority > priority)
        return;
    }
}

/* Returns FALSE when the start tag must go because it would nest too
 * deep. Raw text elements always stay, or their text would show. */
static gboolean
model_start_tag (GArray      *open,
                 const Token *token,
                 guint        flags)
{
  OpenElement element;

  while (open->len > 0 && start_closes_top (token->name, model_top (open)))
    g_array_set_size (open, open->len - 1);

  if ((flags & EL_EMPTY) != 0 || token->self_closing || is_document_element (token->name))
    return TRUE;
  if (open->len >= MAX_PARSE_DEPTH && (flags & EL_RAW) == 0)
    return FALSE;

  g_strlcpy (element.name, token->name, sizeof element.name);
  element.priority = end_priority (token->name);
  g_array_append_val (open, element);

  return TRUE;
}

/* libxml2 drops character references to U+0080..U+009F; they are mapped
 * to Windows-1252 here first. */
static void
append_text_fixing_references (GString    *doc,
                               const char *text,
                               const char *end)
{
  const char *p = text;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      guint32 value = 0;
      gsize consumed;

      if (amp == NULL)
        amp = end;
      g_string_append_len (doc, p, amp - p);
      if (amp == end)
        break;

      consumed = amp[1] == '#' ? read_char_ref (amp, &value) : 0;
      if (consumed > 0 && value >= 0x80 && value <= 0x9F && windows_1252[value - 0x80] != 0)
        {
          g_string_append_unichar (doc, windows_1252[value - 0x80]);
          p = amp + consumed;
        }
      else
        {
          g_string_append_c (doc, '&');
          p = amp + 1;
        }
    }
}

static const char *
copy_start_tag (GString     *doc,
                GArray      *open,
                const char  *tag,
                const Token *token)
{
  guint flags = element_flags (token->name);

  if (!model_start_tag (open, token, flags))
    return token->end;

  if (token->cut != NULL)
    {
      g_string_append_len (doc, tag, token->cut - tag);
      g_string_append (doc, token->self_closing ? "/>" : ">");
    }
  else
    {
      g_string_append_len (doc, tag, token->end - tag);
    }

  return token->end;
}

static gboolean
in_raw_text (GArray *open)
{
  return open->len > 0 && (element_flags (model_top (open)) & EL_RAW) != 0;
}

/* Where the content of a script or style begins, and after each end tag
 * inside, libxml2 still reads end tags, and start tags that close it. */
static gboolean
leaves_raw_text (const char *p,
                 const char *raw)
{
  char name[MAX_NAME + 1];

  if (p[0] != '<')
    return FALSE;
  if (p[1] == '/')
    return is_name_start (p[2]);
  if (!is_name_start (p[1]))
    return FALSE;

  read_name (p + 1, name);

  return start_closes_top (name, raw);
}

/* Wraps the fragment in a UTF-8 document for libxml2, keeping it within
 * the depth and attribute limits. */
static GString *
prepare_document (const char *html)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (OpenElement));
  GString *doc = g_string_sized_new (strlen (html) + strlen (DOCUMENT_START DOCUMENT_END));
  const char *p = html;

  g_string_append (doc, DOCUMENT_START);
  while (*p != '\0')
    {
      Token token;

      if (in_raw_text (open) && !leaves_raw_text (p, model_top (open)))
        {
          const char *end = skip_raw_text (p, model_top (open));

          g_string_append_len (doc, p, end - p);
          if (end > p)
            {
              p = end;
              continue;
            }
        }

      next_token (p, &token);
      if (token.kind == TOKEN_TEXT)
        {
          append_text_fixing_references (doc, p, token.end);
          p = token.end;
        }
      else if (token.kind == TOKEN_START_TAG)
        {
          p = copy_start_tag (doc, open, p, &token);
        }
      else
        {
          if (token.kind == TOKEN_END_TAG)
            model_end_tag (open, token.name);
          g_string_append_len (doc, p, token.end - p);
          p = token.end;
        }
    }
  g_string_append (doc, DOCUMENT_END);

  return doc;
}

static xmlDoc *
parse_fragment (const char *html)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) document = NULL;
  htmlParserCtxt *ctxt;
  xmlDoc *doc;

  /* libxml2 passes invalid UTF-8 through to the tree. */
  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);

  document = prepare_document (html);

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;

  doc = htmlCtxtReadMemory (ctxt, document->str, (int) MIN (document->len, G_MAXINT), NULL,
                            "UTF-8", PARSE_OPTIONS);
  htmlFreeParserCtxt (ctxt);

  return doc;
}

/* Walking the tree */

typedef enum {
  WALK_SKIP,
  WALK_DESCEND,
  WALK_STOP,
} WalkAction;

typedef WalkAction (*WalkEnterFunc) (gpointer  data,
                                     xmlNode  *node);
typedef void       (*WalkLeaveFunc) (gpointer  data,
                                     xmlNode  *node);

/* Visits @root and what is inside it in document order, without recursion:
 * libxml2's tree can be as deep as its input. @leave is called for every
 * node that @enter descended into. */
static void
walk_tree (xmlNode       *root,
           WalkEnterFunc  enter,
           WalkLeaveFunc  leave,
           gpointer       data)
{
  xmlNode *node = root;

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
  gboolean (*match) (xmlNode *node);
  xmlNode   *root;
  xmlNode   *found;
} FindElement;

static WalkAction
find_element_enter (gpointer  data,
                    xmlNode  *node)
{
  FindElement *find = data;

  if (node->type != XML_ELEMENT_NODE ||
      (element_flags ((const char *) node->name) & EL_DROP) != 0)
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
static xmlNode *
find_element (xmlNode  *root,
              gboolean (*match) (xmlNode *node))
{
  FindElement find = { match, root, NULL };

  walk_tree (root, find_element_enter, NULL, &find);

  return find.found;
}

typedef struct
{
  TextSink  sink;
  xmlNode  *exclude;
} SubtreeText;

static WalkAction
subtree_text_enter (gpointer  data,
                    xmlNode  *node)
{
  SubtreeText *text = data;
  guint flags;

  if (node->type == XML_TEXT_NODE && node->content != NULL)
    text_sink_append (&text->sink, (const char *) node->content,
                      strlen ((const char *) node->content));

  if (node->type != XML_ELEMENT_NODE || node == text->exclude)
    return WALK_SKIP;

  flags = element_flags ((const char *) node->name);
  if ((flags & EL_DROP) != 0)
    return WALK_SKIP;
  if ((flags & EL_BLOCK) != 0)
    text->sink.space = TRUE;

  return WALK_DESCEND;
}

static void
subtree_text_leave (gpointer  data,
                    xmlNode  *node)
{
  SubtreeText *text = data;

  if ((element_flags ((const char *) node->name) & EL_BLOCK) != 0)
    text->sink.space = TRUE;
}

/* The plain text of @root, leaving out @exclude. */
static char *
subtree_text (xmlNode *root,
              xmlNode *exclude)
{
  SubtreeText text = { { g_string_new (NULL), FALSE }, exclude };

  walk_tree (root, subtree_text_enter, subtree_text_leave, &text);

  return text_sink_finish (&text.sink);
}

/* Attributes */

static char *
attribute_text (xmlAttr *attr)
{
  xmlChar *value;
  char *copy;

  if (attr->children == NULL)
    return g_strdup ("");
  if (attr->children->type == XML_TEXT_NODE && attr->children->next == NULL)
    return g_strdup ((const char *) attr->children->content);

  value = xmlNodeGetContent ((xmlNode *) attr);
  copy = g_strdup (value != NULL ? (const char *) value : "");
  xmlFree (value);

  return copy;
}

static char *
node_attribute (xmlNode    *node,
                const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
        return attribute_text (attr);
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
node_pixels (xmlNode    *node,
             const char *property)
{
  g_autofree char *value = node_attribute (node, property);
  g_autofree char *style = NULL;
  int pixels = parse_pixels (value);

  if (pixels >= 0)
    return pixels;

  style = node_attribute (node, "style");

  return style_pixels (style, property);
}

/* URLs */

static GString *
decode_entities (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0';)
    {
      gunichar c;
      gsize consumed = *p == '&' ? decode_entity (p, &c) : 0;

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
static char *
tidy_url (const char *value)
{
  g_autoptr(GString) decoded = decode_entities (value);
  g_autoptr(GString) url = g_string_sized_new (decoded->len);
  const char *p = decoded->str;
  const char *end = p + decoded->len;

  while (p < end && (guchar) *p <= ' ')
    p++;
  while (end > p && (guchar) end[-1] <= ' ')
    end--;

  for (; p < end; p++)
    {
      guchar c = *p;

      if (c == '\t' || c == '\n' || c == '\r')
        continue;

      if (c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '`' ||
          (c == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))))
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

/* Returns @value made absolute against @base_url when its scheme is safe
 * for @kind, or NULL. */
static char *
clean_url (const char *value,
           const char *base_url,
           UrlKind     kind)
{
  g_autofree char *url = tidy_url (value);
  g_autofree char *resolved = NULL;
  const char *scheme;

  if (url == NULL)
    return NULL;

  if (g_str_has_prefix (url, "//"))
    {
      /* g_uri_peek_scheme() returns an interned string. */
      const char *base_scheme = base_url != NULL ? g_uri_peek_scheme (base_url) : NULL;
      char *absolute = g_strconcat (g_strcmp0 (base_scheme, "http") == 0 ? "http:" : "https:",
                                    url, NULL);

      g_free (url);
      url = absolute;
    }

  resolved = briefing_resolve_url (base_url, url);
  scheme = resolved != NULL ? g_uri_peek_scheme (resolved) : NULL;
  if (scheme == NULL)
    return NULL;

  if (strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0 ||
      (kind == URL_LINK && strcmp (scheme, "mailto") == 0) ||
      (kind == URL_IMAGE && is_data_image (resolved)))
    return g_steal_pointer (&resolved);

  return NULL;
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
              const char *base_url)
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

static gboolean
host_matches (const char *host,
              const char *pattern)
{
  gsize host_len = strlen (host);
  gsize pattern_len = strlen (pattern);

  if (pattern[0] != '.')
    return g_ascii_strcasecmp (host, pattern) == 0;

  return g_ascii_strcasecmp (host, pattern + 1) == 0 ||
         (host_len > pattern_len && g_ascii_strcasecmp (host + host_len - pattern_len, pattern) == 0);
}

static gboolean
is_tracker (const char *url)
{
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;

  if (!g_uri_split (url, G_URI_FLAGS_ENCODED, NULL, NULL, &host, NULL, &path, NULL, NULL, NULL) ||
      host == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (trackers); i++)
    {
      if (host_matches (host, trackers[i].host) && g_str_has_prefix (path, trackers[i].path_prefix))
        return TRUE;
    }

  return FALSE;
}

/* The usable source of an <img>: NULL for unsafe URLs, tracking pixels
 * (2×2 or smaller) and images from counting services. */
static char *
image_source (xmlNode    *img,
              const char *base_url)
{
  g_autofree char *value = node_attribute (img, "src");
  g_autofree char *src = value != NULL ? clean_url (value, base_url, URL_IMAGE) : NULL;
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
                 const char *base_url)
{
  int pixels;

  switch (kind)
    {
    case ATTR_TEXT:
      return g_strdup (value);
    case ATTR_LINK:
      return clean_url (value, base_url, URL_LINK);
    case ATTR_CITE:
      return clean_url (value, base_url, URL_CITE);
    case ATTR_IMAGE:
      return clean_url (value, base_url, URL_IMAGE);
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

static int
lookup_attribute (const char *element,
                  const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      if ((attributes[i].element == NULL || strcmp (attributes[i].element, element) == 0) &&
          g_ascii_strcasecmp (attributes[i].name, name) == 0)
        return i;
    }

  return -1;
}

/* The lead figure */

typedef struct
{
  const char *base_url;
  xmlNode    *outer;    /* the outermost <figure> open */
  xmlNode    *figure;
  xmlNode    *image;
  char       *src;
} FigureSearch;

static WalkAction
figure_search_enter (gpointer  data,
                     xmlNode  *node)
{
  FigureSearch *search = data;

  if (node->type != XML_ELEMENT_NODE ||
      (element_flags ((const char *) node->name) & EL_DROP) != 0)
    return WALK_SKIP;

  if (search->outer == NULL && node_is (node, "figure"))
    search->outer = node;
  else if (search->outer != NULL && node_is (node, "img"))
    search->src = image_source (node, search->base_url);

  if (search->src == NULL)
    return WALK_DESCEND;

  search->figure = search->outer;
  search->image = node;

  return WALK_STOP;
}

static void
figure_search_leave (gpointer  data,
                     xmlNode  *node)
{
  FigureSearch *search = data;

  if (node == search->outer)
    search->outer = NULL;
}

static gboolean
is_figcaption (xmlNode *node)
{
  return node_is (node, "figcaption");
}

static gboolean
has_credit_class (xmlNode *node)
{
  static const char * const words[] = { "credit", "copyright", "byline", "source" };
  g_autofree char *value = node_attribute (node, "class");
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
is_small_or_cite (xmlNode *node)
{
  return node_is (node, "small") || node_is (node, "cite");
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
take_lead_figure (xmlNode     *root,
                  const char  *base_url,
                  xmlNode    **figure)
{
  FigureSearch search = { base_url, NULL, NULL, NULL, NULL };
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  BriefingImage *image;
  xmlNode *caption;
  xmlNode *credit = NULL;

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
  xmlNode  *node;
  guint     flags;
  gsize     start;      /* where the start tag is in the output */
  gboolean  readable;   /* text or an image was written inside */
  gboolean  blank;      /* white space was written inside */
} Frame;

typedef struct
{
  GString    *out;
  GArray     *frames;        /* the first frame stands for the fragment */
  const char *base_url;
  char       *lead_key;      /* the lead photo, by image_key() */
  xmlNode    *skip;          /* the figure taken out as the lead photo */
  gboolean    seen_text;
  guint       lead_figure;   /* 1 + the index of the figure whose photo was dropped, or 0 */
} Writer;

static Frame *
writer_top (Writer *self)
{
  return &g_array_index (self->frames, Frame, self->frames->len - 1);
}

static const char *
output_name (xmlNode *node)
{
  /* The article view owns the only <h1>. */
  return node_is (node, "h1") ? "h2" : (const char *) node->name;
}

static void
write_attributes (Writer  *self,
                  xmlNode *node)
{
  guint64 written = 0;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      int index = lookup_attribute ((const char *) node->name, (const char *) attr->name);
      g_autofree char *text = NULL;
      g_autofree char *value = NULL;

      if (index < 0 || (written & (G_GUINT64_CONSTANT (1) << index)) != 0)
        continue;

      text = attribute_text (attr);
      value = clean_attribute (attributes[index].kind, text, self->base_url);
      if (value == NULL)
        continue;

      written |= G_GUINT64_CONSTANT (1) << index;
      g_string_append_printf (self->out, " %s=\"", attributes[index].name);
      append_escaped (self->out, value);
      g_string_append_c (self->out, '"');
    }

  if (node_is (node, "a"))
    g_string_append (self->out, " rel=\"noopener noreferrer\"");
}

static void
writer_open (Writer  *self,
             xmlNode *node,
             guint    flags)
{
  Frame frame = { node, flags, self->out->len, FALSE, FALSE };

  g_string_append_c (self->out, '<');
  g_string_append (self->out, output_name (node));
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
  g_string_append_printf (self->out, "</%s>", output_name (frame.node));
}

static void
writer_text (Writer     *self,
             const char *text)
{
  Frame *top = writer_top (self);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (p[0] == 0xC2 && p[1] == 0xA0)
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

  append_escaped (self->out, text);
}

/* The lead photo is shown above the body already: its copy at the top of
 * the body goes, and the caption of the figure it was in with it. */
static void
writer_drop_lead (Writer *self)
{
  for (guint i = self->frames->len; i > 1; i--)
    {
      if (node_is (g_array_index (self->frames, Frame, i - 1).node, "figure"))
        {
          self->lead_figure = i;
          return;
        }
    }
}

static void
writer_image (Writer  *self,
              xmlNode *node)
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
               xmlNode *node)
{
  g_autofree char *value = NULL;
  g_autofree char *srcset = NULL;

  if (!node_is (writer_top (self)->node, "picture"))
    return;

  value = node_attribute (node, "srcset");
  srcset = value != NULL ? clean_srcset (value, self->base_url) : NULL;
  if (srcset != NULL)
    writer_open (self, node, EL_KEEP | EL_VOID);
}

static gboolean
has_link (xmlNode    *node,
          const char *base_url)
{
  g_autofree char *value = node_attribute (node, "href");
  g_autofree char *href = value != NULL ? clean_url (value, base_url, URL_LINK) : NULL;

  return href != NULL;
}

static WalkAction
writer_enter_element (Writer  *self,
                      xmlNode *node)
{
  guint flags = element_flags ((const char *) node->name);

  if (node == self->skip || (flags & EL_DROP) != 0)
    return WALK_SKIP;

  /* Beyond the depth limit, elements are unwrapped: the text stays. */
  if ((flags & EL_KEEP) == 0 || ((flags & EL_VOID) == 0 && self->frames->len > MAX_DEPTH))
    return WALK_DESCEND;

  if (node_is (node, "img"))
    {
      writer_image (self, node);
      return WALK_SKIP;
    }

  /* libxml2 does not know <source> is empty: what follows it ends up
   * inside it. */
  if (node_is (node, "source"))
    {
      writer_source (self, node);
      return WALK_DESCEND;
    }

  if (node_is (node, "a") && !has_link (node, self->base_url))
    return WALK_DESCEND;
  if (node_is (node, "figcaption") && self->lead_figure != 0)
    return WALK_SKIP;
  if (node_is (node, "br"))
    writer_top (self)->blank = TRUE;

  writer_open (self, node, flags);

  return WALK_DESCEND;
}

static WalkAction
writer_enter (gpointer  data,
              xmlNode  *node)
{
  Writer *self = data;

  if (node->type == XML_TEXT_NODE && node->content != NULL)
    writer_text (self, (const char *) node->content);

  if (node->type != XML_ELEMENT_NODE)
    return WALK_SKIP;

  return writer_enter_element (self, node);
}

static void
writer_leave (gpointer  data,
              xmlNode  *node)
{
  Writer *self = data;

  if (self->frames->len > 1 && writer_top (self)->node == node)
    writer_close (self);
}

static char *
lead_key (const char *lead_image_url,
          const char *base_url)
{
  g_autofree char *url = NULL;

  if (lead_image_url == NULL)
    return NULL;

  url = clean_url (lead_image_url, base_url, URL_IMAGE);

  return image_key (url != NULL ? url : lead_image_url);
}

static char *
write_fragment (xmlNode    *root,
                const char *base_url,
                const char *lead_image_url,
                xmlNode    *skip)
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
  xmlNode *skip = NULL;
  xmlNode *root;
  xmlDoc *doc;
  char *result;

  if (lead_image != NULL)
    *lead_image = NULL;

  doc = html != NULL && *html != '\0' ? parse_fragment (html) : NULL;
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  if ((flags & BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE) != 0 && lead_image != NULL)
    *lead_image = take_lead_figure (root, base_url, &skip);

  result = write_fragment (root, base_url, lead_image_url, skip);
  xmlFreeDoc (doc);

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
      Token token;
      guint flags;

      next_token (p, &token);
      if (token.kind == TOKEN_TEXT)
        {
          text_sink_append_html (&sink, p, token.end - p);
          p = token.end;
          continue;
        }

      flags = element_flags (token.name);
      if ((flags & EL_BLOCK) != 0)
        sink.space = TRUE;

      p = token.end;
      if (token.kind == TOKEN_START_TAG && (flags & EL_RAW) != 0 && !token.self_closing)
        p = skip_raw_text (p, token.name);
    }

  return text_sink_finish (&sink);
}
