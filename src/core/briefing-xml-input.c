/* briefing-xml-input.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-xml-input"

#include "config.h"

#include "briefing-xml-input.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* Feeds arrive in whatever encoding their CMS felt like, often declared
 * wrongly, and full of HTML entities XML does not know. libxml2 gives up
 * on such documents or silently drops text, so every XML document is first
 * turned into clean UTF-8 here: the encoding is decided (BOM, HTTP
 * charset, XML declaration), mismatched bytes are repaired as
 * Windows-1252, characters XML forbids are dropped, and entity references
 * XML cannot resolve are rewritten as character references. */

/* Windows-1252 differs from ISO-8859-1 only in 0x80-0x9F, where it has
 * printable characters; browsers decode ISO-8859-1 as Windows-1252, and so
 * do we. The five holes map to themselves (C1 controls). */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static gunichar
cp1252_to_unichar (guchar c)
{
  if (c >= 0x80 && c < 0xA0)
    return cp1252_high[c - 0x80];

  return c;
}

static void
append_cp1252 (GString *out,
               guchar   c)
{
  if (c < 0x80)
    g_string_append_c (out, (char) c);
  else
    g_string_append_unichar (out, cp1252_to_unichar (c));
}

typedef enum {
  CHARSET_UTF8,
  CHARSET_CP1252,
  CHARSET_OTHER,
} CharsetKind;

static CharsetKind
classify_charset (const char *charset)
{
  static const char * const latin1_names[] = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
    "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968",
    "iso-ir-100", "ibm819", "cp819", "csisolatin1",
  };

  if (charset == NULL)
    return CHARSET_UTF8;

  if (g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0)
    return CHARSET_UTF8;

  for (guint i = 0; i < G_N_ELEMENTS (latin1_names); i++)
    {
      if (g_ascii_strcasecmp (charset, latin1_names[i]) == 0)
        return CHARSET_CP1252;
    }

  return CHARSET_OTHER;
}

/* Decodes UTF-8, repairing each byte that is not part of a valid sequence
 * as Windows-1252: the usual reason is a Windows-1252 feed declared (or
 * defaulted) as UTF-8. */
static void
append_utf8_repaired (GString    *out,
                      const char *data,
                      gsize       len,
                      gboolean   *lossy)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate (p, end - p, &bad))
        {
          g_string_append_len (out, p, end - p);
          return;
        }

      g_string_append_len (out, p, bad - p);

      /* A NUL is not a mis-decoded byte; XML cannot carry it at all. */
      if (*bad != '\0')
        append_cp1252 (out, (guchar) *bad);

      if (lossy != NULL)
        *lossy = TRUE;

      p = bad + 1;
    }
}

/**
 * briefing_text_to_utf8:
 * @charset: (nullable): the declared charset; %NULL means UTF-8
 * @lossy: (out) (optional): set when bytes did not match @charset
 *
 * Decodes @data, never failing: bytes that do not decode are taken as
 * Windows-1252, the commonest cause of a mismatch.
 *
 * Returns: (transfer full): valid UTF-8
 */
char *
briefing_text_to_utf8 (const char *data,
                       gsize       len,
                       const char *charset,
                       gboolean   *lossy)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  if (lossy != NULL)
    *lossy = FALSE;

  switch (classify_charset (charset))
    {
    case CHARSET_CP1252:
      for (gsize i = 0; i < len; i++)
        {
          if (data[i] != '\0')
            append_cp1252 (out, (guchar) data[i]);
        }
      break;

    case CHARSET_OTHER:
      {
        g_autofree char *converted = NULL;
        gsize written = 0;

        converted = g_convert (data, len, "UTF-8", charset, NULL, &written, NULL);
        if (converted != NULL && g_utf8_validate (converted, written, NULL))
          {
            g_string_append_len (out, converted, written);
            break;
          }

        if (lossy != NULL)
          *lossy = TRUE;
      }
      G_GNUC_FALLTHROUGH;

    case CHARSET_UTF8:
    default:
      append_utf8_repaired (out, data, len, lossy);
      break;
    }

  return g_string_free (out, FALSE);
}

/**
 * briefing_charset_from_content_type:
 *
 * Returns: (nullable): the charset parameter of an HTTP Content-Type
 */
char *
briefing_charset_from_content_type (const char *content_type)
{
  const char *p;
  const char *end;

  if (content_type == NULL)
    return NULL;

  for (p = strchr (content_type, ';'); p != NULL; p = strchr (p + 1, ';'))
    {
      const char *param = p + 1;

      while (g_ascii_isspace (*param))
        param++;

      if (g_ascii_strncasecmp (param, "charset=", 8) != 0)
        continue;

      param += 8;
      if (*param == '"' || *param == '\'')
        param++;

      for (end = param; *end && *end != ';' && *end != '"' && *end != '\'' && !g_ascii_isspace (*end); end++)
        ;

      if (end > param && end - param < 64)
        return g_strndup (param, end - param);
    }

  return NULL;
}

/* Reads encoding="..." from an XML declaration at the start of @data. */
static char *
declared_encoding (const char *data,
                   gsize       len)
{
  g_autofree char *head = NULL;
  const char *decl_end;
  const char *enc;
  const char *end;
  char quote;

  if (len < 6 || strncmp (data, "<?xml", 5) != 0)
    return NULL;

  head = g_strndup (data, MIN (len, 512));
  decl_end = strstr (head, "?>");
  if (decl_end == NULL)
    return NULL;

  enc = strstr (head, "encoding");
  if (enc == NULL || enc > decl_end)
    return NULL;

  enc += strlen ("encoding");
  while (g_ascii_isspace (*enc) || *enc == '=')
    enc++;

  quote = *enc;
  if (quote != '"' && quote != '\'')
    return NULL;

  end = strchr (enc + 1, quote);
  if (end == NULL || end > decl_end || end - enc > 64)
    return NULL;

  return g_strndup (enc + 1, end - enc - 1);
}

static const char *
skip_bom (const char  *data,
          gsize       *len,
          const char **bom_charset)
{
  const guchar *u = (const guchar *) data;

  *bom_charset = NULL;

  if (*len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      *bom_charset = "UTF-8";
      *len -= 3;
      return data + 3;
    }

  if (*len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
    *bom_charset = "UTF-32LE";
  else if (*len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
    *bom_charset = "UTF-32BE";
  else if (*len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    *bom_charset = "UTF-16LE";
  else if (*len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    *bom_charset = "UTF-16BE";
  else if (*len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
    return (*bom_charset = "UTF-16LE", data);
  else if (*len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
    return (*bom_charset = "UTF-16BE", data);
  else
    return data;

  {
    gsize bom_len = g_str_has_prefix (*bom_charset, "UTF-32") ? 4 : 2;

    *len -= bom_len;
    return data + bom_len;
  }
}

static gboolean
is_xml_char (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';

  return (c < 0xD800) || (c >= 0xE000 && c < 0xFFFE) || (c >= 0x10000 && c <= 0x10FFFF);
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || (guchar) c >= 0x80;
}

static gboolean
is_name_char (char c)
{
  return is_name_start (c) || g_ascii_isdigit (c) || c == '-' || c == '.';
}

/* Copies a construct XML keeps verbatim (CDATA, comment, processing
 * instruction) up to and including @terminator. */
static const char *
copy_through (GString    *out,
              const char *p,
              const char *end,
              const char *terminator)
{
  const char *stop = g_strstr_len (p, end - p, terminator);

  if (stop == NULL)
    stop = end;
  else
    stop += strlen (terminator);

  g_string_append_len (out, p, stop - p);

  return stop;
}

/* Copies a DOCTYPE, remembering the entities its internal subset declares
 * so that references to them are left for libxml2 to expand. */
static const char *
copy_doctype (GString    *out,
              const char *p,
              const char *end,
              GHashTable *declared)
{
  const char *q = p;
  int brackets = 0;
  char quote = 0;

  for (; q < end; q++)
    {
      if (quote != 0)
        {
          if (*q == quote)
            quote = 0;
          continue;
        }

      if (*q == '"' || *q == '\'')
        quote = *q;
      else if (*q == '[')
        brackets++;
      else if (*q == ']')
        brackets--;
      else if (*q == '>' && brackets <= 0)
        {
          q++;
          break;
        }
      else if (brackets > 0 && end - q > 9 && strncmp (q, "<!ENTITY", 8) == 0)
        {
          const char *name = q + 8;
          const char *name_end;

          while (name < end && g_ascii_isspace (*name))
            name++;
          if (name < end && *name == '%')
            continue;

          for (name_end = name; name_end < end && is_name_char (*name_end); name_end++)
            ;
          if (name_end > name)
            g_hash_table_add (declared, g_strndup (name, name_end - name));
        }
    }

  g_string_append_len (out, p, q - p);

  return q;
}

static gboolean
is_predefined_entity (const char *name,
                      gsize       len)
{
  return (len == 3 && strncmp (name, "amp", 3) == 0) ||
         (len == 2 && strncmp (name, "lt", 2) == 0) ||
         (len == 2 && strncmp (name, "gt", 2) == 0) ||
         (len == 4 && strncmp (name, "quot", 4) == 0) ||
         (len == 4 && strncmp (name, "apos", 4) == 0);
}

static void
append_char_ref (GString  *out,
                 gunichar  c)
{
  /* Numeric references in the C1 range mean Windows-1252 in practice. */
  if (c >= 0x80 && c < 0xA0)
    c = cp1252_to_unichar ((guchar) c);

  if (is_xml_char (c))
    g_string_append_printf (out, "&#%u;", c);
}

/* Rewrites the reference at @p ('&'), returning where scanning resumes. */
static const char *
rewrite_reference (GString    *out,
                   const char *p,
                   const char *end,
                   GHashTable *declared)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = (q + 1 < end && (q[1] == 'x' || q[1] == 'X'));
      const char *digits = q + (hex ? 2 : 1);
      const char *d = digits;
      guint64 value = 0;

      while (d < end && (hex ? g_ascii_isxdigit (*d) : g_ascii_isdigit (*d)) && d - digits < 10)
        {
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*d) : g_ascii_digit_value (*d));
          d++;
        }

      if (d > digits && d < end && *d == ';')
        {
          if (value <= 0x10FFFF)
            append_char_ref (out, (gunichar) value);
          return d + 1;
        }

      g_string_append (out, "&amp;");
      return p + 1;
    }

  if (q < end && is_name_start (*q))
    {
      const char *name = q;
      gsize name_len;

      while (q < end && is_name_char (*q) && q - name < 64)
        q++;
      name_len = q - name;

      if (q < end && *q == ';')
        {
          g_autofree char *name_str = g_strndup (name, name_len);
          const htmlEntityDesc *html;

          if (is_predefined_entity (name, name_len) || g_hash_table_contains (declared, name_str))
            {
              g_string_append_len (out, p, q + 1 - p);
              return q + 1;
            }

          html = htmlEntityLookup ((const xmlChar *) name_str);
          if (html != NULL)
            {
              append_char_ref (out, html->value);
              return q + 1;
            }
        }
    }

  /* A bare ampersand, or a reference nobody defines: keep it as text. */
  g_string_append (out, "&amp;");

  return p + 1;
}

static GString *
clean_utf8_xml (const char *data,
                gsize       len)
{
  g_autoptr(GHashTable) declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_sized_new (len + 64);
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *run = p;

      /* Copy the bytes needing no attention in one go. */
      while (p < end && *p != '&' && *p != '<' && ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r') &&
             (guchar) *p != 0xEF)
        p++;
      g_string_append_len (out, run, p - run);

      if (p >= end)
        break;

      if (*p == '&')
        p = rewrite_reference (out, p, end, declared);
      else if (*p == '<' && end - p >= 9 && strncmp (p, "<![CDATA[", 9) == 0)
        p = copy_through (out, p, end, "]]>");
      else if (*p == '<' && end - p >= 4 && strncmp (p, "<!--", 4) == 0)
        p = copy_through (out, p, end, "-->");
      else if (*p == '<' && end - p >= 2 && p[1] == '?')
        p = copy_through (out, p, end, "?>");
      else if (*p == '<' && end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0)
        p = copy_doctype (out, p, end, declared);
      else if (*p == '<')
        g_string_append_c (out, *p++);
      else if ((guchar) *p == 0xEF)
        {
          /* U+FFFE and U+FFFF are valid UTF-8 but not XML characters. */
          gunichar c = g_utf8_get_char (p);

          if (is_xml_char (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
        }
      else
        p++; /* A control character XML forbids. */
    }

  return out;
}

/* Replaces the encoding named in the XML declaration: the text is UTF-8
 * now, whatever the declaration said. */
static void
drop_declared_encoding (GString *xml)
{
  const char *decl_end;
  char *enc;

  if (!g_str_has_prefix (xml->str, "<?xml"))
    return;

  decl_end = strstr (xml->str, "?>");
  enc = strstr (xml->str, "encoding");
  if (decl_end == NULL || enc == NULL || enc > decl_end)
    return;

  g_string_erase (xml, 0, decl_end + 2 - xml->str);
  g_string_prepend (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
}

/**
 * briefing_xml_input_prepare:
 * @http_charset: (nullable): the charset from the HTTP response
 * @warnings: (element-type utf8): where to note repairs
 *
 * Returns: (transfer full): the document as clean UTF-8 XML
 */
GString *
briefing_xml_input_prepare (const char *data,
                            gsize       len,
                            const char *http_charset,
                            GPtrArray  *warnings)
{
  g_autofree char *declared = NULL;
  g_autofree char *utf8 = NULL;
  const char *bom_charset;
  const char *charset;
  gboolean lossy = FALSE;
  GString *xml;

  data = skip_bom (data, &len, &bom_charset);

  /* A BOM is the most reliable signal, then the server's word, then the
   * document's own declaration. */
  if (bom_charset == NULL)
    declared = declared_encoding (data, len);

  if (bom_charset != NULL)
    charset = bom_charset;
  else if (http_charset != NULL && *http_charset != '\0')
    charset = http_charset;
  else if (declared != NULL)
    charset = declared;
  else
    charset = "UTF-8";

  utf8 = briefing_text_to_utf8 (data, len, charset, &lossy);
  if (lossy && warnings != NULL)
    g_ptr_array_add (warnings, g_strdup_printf ("Some bytes were not valid %s and were read as Windows-1252", charset));

  xml = clean_utf8_xml (utf8, strlen (utf8));
  drop_declared_encoding (xml);

  return xml;
}
