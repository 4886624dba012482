/* briefing-html-policy.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer-private.h"

#include "briefing-html-entities.h"
#include "briefing-url.h"

#include <string.h>

/* What the sanitizer lets through of the elements it keeps, and how:
 *
 *   - the attributes allowed on each element, and the kind of value each
 *     holds (attributes[]); all others go;
 *   - URLs: references libxml2 left encoded are decoded (HTML 5's names
 *     for punctuation too), what browsers ignore is removed, the rest is
 *     made absolute against the base URL and its scheme checked: http
 *     and https with a real host for every URL (briefing_url_is_web()),
 *     mailto for links (briefing_url_for_link()), data: images of five
 *     raster types for image sources; the others are dropped;
 *   - srcset candidates, each URL cleaned like an image source;
 *   - images from counting services and tracking pixels (2x2 or smaller)
 *     are no images;
 *   - numbers, keywords and language tags checked against what they may
 *     be.
 *
 * Which elements are kept, dropped or unwrapped is the element table's
 * business (briefing-html-tree.c); escaping what is written, the
 * writer's (briefing-html-sanitizer.c). */

#define MAX_SRCSET_CANDIDATES 16
#define MAX_ENTITY_NAME       32

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

/**
 * html_policy_next_srcset_candidate:
 * @p: (inout): where to read from in a srcset value
 * @url: (out): the candidate's URL
 * @descriptor: (out) (nullable): its descriptor ("2x", "640w"), or %NULL
 *
 * Reads the next candidate of a srcset value. As in the HTML standard, a
 * URL runs to the next white space, so the comma inside a data: URL is
 * not a separator, and commas glued to its end are.
 *
 * Returns: %FALSE when no candidate is left
 */
gboolean
html_policy_next_srcset_candidate (const char **p,
                                   char       **url,
                                   char       **descriptor)
{
  const char *q = *p;
  const char *start;
  gsize len;

  *url = NULL;
  *descriptor = NULL;

  while (g_ascii_isspace (*q) || *q == ',')
    q++;
  if (*q == '\0')
    {
      *p = q;
      return FALSE;
    }

  for (start = q; *q != '\0' && !g_ascii_isspace (*q); q++)
    ;
  for (len = q - start; len > 0 && start[len - 1] == ','; len--)
    ;
  *url = g_strndup (start, len);

  if (len == (gsize) (q - start))
    {
      for (start = q; *q != '\0' && *q != ','; q++)
        ;
      *descriptor = g_strstrip (g_strndup (start, q - start));
      if (**descriptor == '\0')
        g_clear_pointer (descriptor, g_free);
    }

  *p = q;

  return TRUE;
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

      if (!html_policy_next_srcset_candidate (&p, &candidate, &descriptor))
        break;

      url = html_policy_clean_url (candidate, base_url, URL_IMAGE);
      if (url == NULL || (descriptor != NULL && !is_srcset_descriptor (descriptor)))
        continue;

      if (count++ > 0)
        g_string_append (out, ", ");
      g_string_append (out, url);
      if (descriptor != NULL)
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
