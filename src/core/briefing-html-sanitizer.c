/* briefing-html-sanitizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer.h"

#include "briefing-html-entities.h"
#include "briefing-html-sanitizer-private.h"
#include "briefing-html-tokenizer.h"
#include "briefing-url.h"

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
 * never lost), and end tags are searched against that bounded stack.
 *
 * The element table and the tree have a file of their own
 * (briefing-html-tree.c, see briefing-html-sanitizer-private.h). */

#define MAX_DEPTH             256   /* elements written inside each other */
#define MAX_SRCSET_CANDIDATES 16
#define MAX_ENTITY_NAME       32

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

/* Plain text (TextSink), for briefing_html_to_text() and captions */

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

void
html_text_sink_append (TextSink   *sink,
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

/* Like html_text_sink_append(), decoding entities on the way. */
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
      html_text_sink_append (sink, p, amp - p);
      if (amp == end)
        break;

      consumed = html_policy_decode_entity (amp, end, &c);
      if (consumed > 0)
        text_sink_append_unichar (sink, c);
      else
        text_sink_word (sink, "&", 1);
      p = amp + MAX (consumed, 1);
    }
}

char *
html_text_sink_finish (TextSink *sink)
{
  if (sink->out->len == 0)
    {
      g_string_free (sink->out, TRUE);
      return NULL;
    }

  return g_string_free (sink->out, FALSE);
}

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

/* References that libxml2 left encoded, read as HTML 5 reads them */

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
gsize
html_policy_decode_entity (const char *p,
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

/* Sizes */

/* "1", " 1px", "1.5": a number of pixels, or -1. */
int
html_policy_parse_pixels (const char *value)
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
        pixels = html_policy_parse_pixels (colon + 1);
    }

  return pixels;
}

/* The size from the attribute, or else from the style attribute. */
static int
node_pixels (Node    *node,
             const char *property)
{
  int pixels = html_policy_parse_pixels (html_node_attribute (node, property));

  if (pixels >= 0)
    return pixels;

  return style_pixels (html_node_attribute (node, "style"), property);
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
      gsize consumed = *p == '&' ? html_policy_decode_entity (p, end, &c) : 0;

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
      if (html_policy_decode_entity (amp, end, &c) > 0)
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
char *
html_policy_clean_url (const char *value,
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

/* html_policy_clean_url() for @value, the value of an attribute in the
 * tree, which stays where it is for as long as the tree: asking again for
 * the same attribute costs nothing. The result belongs to @base_url,
 * until the next call. */
const char *
html_policy_peek_attribute_url (const char *value,
                                BaseUrl    *base_url,
                                UrlKind     kind)
{
  if (value != base_url->last_value || kind != base_url->last_kind)
    {
      g_free (base_url->last_url);
      base_url->last_url = html_policy_clean_url (value, base_url, kind);
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
  return g_strdup (html_policy_peek_attribute_url (value, base_url, kind));
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
char *
html_policy_clean_srcset (const char *value,
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

      url = html_policy_clean_url (candidate, base_url, URL_IMAGE);
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
char *
html_policy_image_source (Node    *img,
                          BaseUrl    *base_url)
{
  const char *value = html_node_attribute (img, "src");
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
char *
html_policy_image_key (const char *url)
{
  const char *rest = url;

  if (g_ascii_strncasecmp (url, "https:", 6) == 0)
    rest += 6;
  else if (g_ascii_strncasecmp (url, "http:", 5) == 0)
    rest += 5;

  return g_strndup (rest, strcspn (rest, "?#"));
}

/* Numbers and keywords */

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

/* Attributes */

/* The value of the attribute attributes[@index] to write, or NULL when
 * it has none that is allowed. */
char *
html_policy_clean_attribute (int         index,
                             const char *value,
                             BaseUrl    *base_url)
{
  int pixels;

  g_assert (index >= 0 && index < (int) G_N_ELEMENTS (attributes));

  switch (attributes[index].kind)
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
      return html_policy_clean_srcset (value, base_url);
    case ATTR_PIXELS:
      pixels = html_policy_parse_pixels (value);
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
int
html_policy_lookup_attribute (const Element *element,
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

const char *
html_policy_attribute_name (int index)
{
  g_assert (index >= 0 && index < (int) G_N_ELEMENTS (attributes));

  return attributes[index].name;
}

/* The entries of attributes[] that apply to the element @element, as a
 * bit set for its Element: see html_policy_lookup_attribute(). */
guint64
html_policy_element_attributes (const char *element)
{
  guint64 set = 0;

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      if (attributes[i].element == NULL || strcmp (attributes[i].element, element) == 0)
        set |= G_GUINT64_CONSTANT (1) << i;
    }

  return set;
}

/* The lead figure
 *
 * With BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, the first <figure> holding
 * a usable photo becomes the entry's lead image, with the caption and the
 * credit read from its <figcaption>, and the writer leaves the figure out
 * of the body. */

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

  html_walk_tree (root, find_element_enter, NULL, &find);

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
    html_text_sink_append (&text->sink, node->content, node->content_len);

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

  html_walk_tree (root, subtree_text_enter, subtree_text_leave, &text);

  return html_text_sink_finish (&text.sink);
}

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
    search->src = html_policy_image_source (node, search->base_url);

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
  const char *value = html_node_attribute (node, "class");
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
BriefingImage *
html_take_lead_figure (Node     *root,
                       BaseUrl     *base_url,
                       Node    **figure)
{
  FigureSearch search = { base_url, NULL, NULL, NULL, NULL };
  const char *width;
  const char *height;
  BriefingImage *image;
  Node *caption;
  Node *credit = NULL;

  html_walk_tree (root, figure_search_enter, figure_search_leave, &search);
  if (search.figure == NULL)
    return NULL;

  width = html_node_attribute (search.image, "width");
  height = html_node_attribute (search.image, "height");

  image = briefing_image_new ();
  image->url = g_steal_pointer (&search.src);
  image->width = MAX (html_policy_parse_pixels (width), 0);
  image->height = MAX (html_policy_parse_pixels (height), 0);

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
  char       *lead_key;      /* the lead photo, by html_policy_image_key() */
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
      int index = html_policy_lookup_attribute (node->element, node->attrs[i].name);
      g_autofree char *value = NULL;

      if (index < 0 || (written & (G_GUINT64_CONSTANT (1) << index)) != 0)
        continue;

      value = html_policy_clean_attribute (index, node->attrs[i].value, self->base_url);
      if (value == NULL)
        continue;

      written |= G_GUINT64_CONSTANT (1) << index;
      g_string_append_c (self->out, ' ');
      out_append (self->out, html_policy_attribute_name (index));
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
  g_autofree char *src = html_policy_image_source (node, self->base_url);

  if (src == NULL)
    return;

  if (self->lead_key != NULL && !self->seen_text)
    {
      g_autofree char *key = html_policy_image_key (src);

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

  value = html_node_attribute (node, "srcset");
  srcset = value != NULL ? html_policy_clean_srcset (value, self->base_url) : NULL;
  if (srcset != NULL)
    writer_open (self, node, EL_KEEP | EL_VOID);
}

static gboolean
has_link (Node    *node,
          BaseUrl    *base_url)
{
  const char *value = html_node_attribute (node, "href");

  return value != NULL && html_policy_peek_attribute_url (value, base_url, URL_LINK) != NULL;
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

  url = html_policy_clean_url (lead_image_url, base_url, URL_IMAGE);

  return html_policy_image_key (url != NULL ? url : lead_image_url);
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

  html_walk_tree (root, writer_enter, writer_leave, &self);

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

  html_build_tree (&builder, html);

  if ((flags & BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE) != 0 && lead_image != NULL)
    *lead_image = html_take_lead_figure (builder.root, &base, &skip);

  result = write_fragment (builder.root, &base, lead_image_url, skip);
  html_builder_clear (&builder);
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

      flags = html_element_lookup (token.name)->flags;
      if ((flags & EL_BLOCK) != 0)
        sink.space = TRUE;

      if (token.kind == BRIEFING_HTML_TOKEN_START_TAG && (flags & EL_RAW) != 0 && !token.self_closing)
        p = briefing_html_skip_raw_text (p, token.name);
    }

  return html_text_sink_finish (&sink);
}

