/* briefing-html-tokenizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-tokenizer"

#include "config.h"

#include "briefing-html-tokenizer.h"

#include "briefing-html-entities.h"

#include <string.h>

/* One pass over an HTML fragment, splitting it where libxml2 2.9's HTML
 * parser does, so that the sanitizer built on it keeps the behaviour it
 * had when it was built on libxml2: a start tag needs a letter after its
 * '<'; names are letters, digits and ":-_."; an attribute value runs to
 * its quote, or unquoted to a blank or '>'; a "</" without a name is
 * dropped; comments end at "-->", everything else starting with "<!" or
 * "<?" at '>'. Tokens point into the input: nothing is allocated and each
 * byte is looked at a bounded number of times. */

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_letter (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline gboolean
is_name_start (char c)
{
  return is_letter (c) || c == '_' || c == ':' || c == '.';
}

static inline gboolean
is_name_char (char c)
{
  return is_letter (c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.';
}

/* g_ascii_tolower(), which is a call, for every character of every name. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static const char *
skip_blanks (const char *p)
{
  while (is_blank (*p))
    p++;

  return p;
}

static const char *
skip_past (const char *p,
           const char *needle)
{
  const char *hit = strstr (p, needle);

  return hit != NULL ? hit + strlen (needle) : p + strlen (p);
}

static const char *
read_name (const char *p,
           char        name[BRIEFING_HTML_MAX_NAME + 1])
{
  gsize len = 0;

  for (; is_name_char (*p); p++)
    {
      if (len < BRIEFING_HTML_MAX_NAME)
        name[len++] = ascii_lower (*p);
    }
  name[len] = '\0';

  return p;
}

/* Whether a '<' at @p starts markup rather than text. */
static gboolean
starts_markup (const char *p)
{
  return is_letter (p[1]) || p[1] == '/' || p[1] == '?' ||
         (p[1] == '!' && p[2] == '-' && p[3] == '-') ||
         g_ascii_strncasecmp (p + 1, "!doctype", 8) == 0;
}

/* One attribute as libxml2 reads it: a name, then maybe '=' and a value,
 * quoted or running to the next blank or '>'. */
static const char *
read_attribute (const char       *p,
                BriefingHtmlAttr *attr)
{
  attr->name = p;
  while (is_name_char (*p))
    p++;
  attr->name_len = p - attr->name;
  attr->value = NULL;
  attr->value_len = 0;

  p = skip_blanks (p);
  if (*p != '=')
    return p;

  p = skip_blanks (p + 1);
  if (*p == '"' || *p == '\'')
    {
      const char *close = strchr (p + 1, *p);

      attr->value = p + 1;
      attr->value_len = close != NULL ? (gsize) (close - attr->value) : strlen (attr->value);
      return close != NULL ? close + 1 : attr->value + attr->value_len;
    }

  attr->value = p;
  while (*p != '\0' && !is_blank (*p) && *p != '>')
    p++;
  attr->value_len = p - attr->value;

  return p;
}

static const char *
read_start_tag (const char        *p,
                BriefingHtmlToken *token)
{
  guint count = 0;

  p = skip_blanks (read_name (p, token->name));
  while (*p != '\0' && *p != '>' && !(p[0] == '/' && p[1] == '>'))
    {
      if (is_name_start (*p))
        {
          BriefingHtmlAttr attr;

          p = read_attribute (p, &attr);
          if (count++ < BRIEFING_HTML_MAX_ATTRIBUTES)
            token->attrs[token->n_attrs++] = attr;
        }
      else
        {
          /* libxml2 skips what cannot start an attribute name. */
          while (*p != '\0' && !is_blank (*p) && *p != '>' && !(p[0] == '/' && p[1] == '>'))
            p++;
        }
      p = skip_blanks (p);
    }

  if (*p == '>')
    return p + 1;
  if (*p == '/')
    {
      token->self_closing = TRUE;
      return p + 2;
    }

  return p;
}

static const char *
read_end_tag (const char        *p,
              BriefingHtmlToken *token)
{
  /* "</" and no name: libxml2 drops the two characters. */
  if (!is_name_start (p[2]))
    {
      token->kind = BRIEFING_HTML_TOKEN_OTHER;
      return p + 2;
    }

  token->kind = BRIEFING_HTML_TOKEN_END_TAG;
  p = skip_blanks (read_name (p + 2, token->name));

  return *p == '>' ? p + 1 : skip_past (p, ">");
}

static const char *
read_markup (const char        *p,
             BriefingHtmlToken *token)
{
  if (is_letter (p[1]))
    {
      token->kind = BRIEFING_HTML_TOKEN_START_TAG;
      return read_start_tag (p + 1, token);
    }

  if (p[1] == '/')
    return read_end_tag (p, token);

  token->kind = BRIEFING_HTML_TOKEN_OTHER;
  if (p[1] == '!' && p[2] == '-')
    return skip_past (p + 4, "-->");

  /* An unterminated doctype is text: "<!DOCTYPE" alone is a summary in
   * some feeds. */
  if (p[1] == '!' && strchr (p, '>') == NULL)
    {
      token->kind = BRIEFING_HTML_TOKEN_TEXT;
      return p + strlen (p);
    }

  return skip_past (p, ">");
}

/**
 * briefing_html_next_token:
 * @p: where the next token starts, not at the end of the string
 * @token: (out caller-allocates): the token
 *
 * Returns: where the token ends
 */
const char *
briefing_html_next_token (const char        *p,
                          BriefingHtmlToken *token)
{
  g_assert (*p != '\0');

  token->start = p;
  token->self_closing = FALSE;
  token->n_attrs = 0;
  token->name[0] = '\0';

  if (*p == '<' && starts_markup (p))
    {
      token->end = read_markup (p, token);
      return token->end;
    }

  token->kind = BRIEFING_HTML_TOKEN_TEXT;
  for (p++; (p = strchr (p, '<')) != NULL && !starts_markup (p); p++)
    ;
  token->end = p != NULL ? p : token->start + strlen (token->start);

  return token->end;
}

/**
 * briefing_html_skip_raw_text:
 * @p: the raw text of a script or style
 * @name: the element's name
 *
 * Returns: where its end tag, or the string, ends the raw text: libxml2
 *   in recovery mode ends it at "</" and the name only
 */
const char *
briefing_html_skip_raw_text (const char *p,
                             const char *name)
{
  gsize len = strlen (name);
  const char *lt;

  for (lt = strchr (p, '<'); lt != NULL; lt = strchr (lt + 1, '<'))
    {
      if (lt[1] == '/' && g_ascii_strncasecmp (lt + 2, name, len) == 0)
        return lt;
    }

  return p + strlen (p);
}

/**
 * briefing_html_starts_tag:
 * @p: a position in the input
 * @name: (out): the lower-case name of the tag
 *
 * Where the raw text of a script or style could end, libxml2 looks for a
 * start tag with a laxer rule than elsewhere.
 *
 * Returns: whether a start tag is at @p
 */
gboolean
briefing_html_starts_tag (const char *p,
                          char        name[BRIEFING_HTML_MAX_NAME + 1])
{
  if (p[0] != '<' || !(is_letter (p[1]) || p[1] == '_' || p[1] == ':'))
    return FALSE;

  read_name (p + 1, name);

  return TRUE;
}

/* libxml2's IS_CHAR. */
static gboolean
is_xml_char (guint32 c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* A numeric reference at @p ("&#"), as htmlParseCharRef() reads it: the
 * digits up to ';' or anything else, 0 for a value that is no character. */
static const char *
read_char_ref (const char *p,
               const char *end,
               guint32    *value)
{
  gboolean has_digits;
  const char *q = briefing_html_read_char_ref (p, end, value, &has_digits);

  if (!is_xml_char (*value))
    *value = 0;

  return q;
}

/* A named reference at @p ('&'): decoded when it is HTML 4's and ends
 * with ';', else left as it is. */
static const char *
read_entity_ref (const char *p,
                 const char *end,
                 gunichar   *value)
{
  const char *q = p + 1;

  *value = 0;
  while (q < end && (is_name_char (*q) || (guchar) *q >= 0x80))
    q++;
  if (q == p + 1 || q >= end || *q != ';')
    return p;

  *value = briefing_html_lookup_entity (p + 1, q - p - 1);

  return *value != 0 ? q + 1 : p;
}

static void
append_decoded (GString    *out,
                const char *text,
                gsize       len,
                gboolean    attribute)
{
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      const char *run = p;
      guint32 value;

      while (p < end && *p != '&' && (attribute || (guchar) *p >= 0x20 || is_blank (*p)))
        p++;
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;

      if (*p != '&')
        {
          /* libxml2 drops control characters from text. */
          p++;
          continue;
        }

      if (p + 1 < end && p[1] == '#')
        {
          p = read_char_ref (p, end, &value);
          /* libxml2 ends an attribute value at the NUL it writes for a
           * reference to no character. */
          if (value == 0 && attribute)
            return;
          /* HTML reads references to U+0080..U+009F as Windows-1252,
           * and feeds use them that way (&#146; for an apostrophe). */
          if (!attribute)
            value = briefing_windows_1252_to_unichar (value);
          if (value != 0)
            g_string_append_unichar (out, value);
          continue;
        }

      run = p;
      p = read_entity_ref (p, end, &value);
      if (p == run)
        {
          g_string_append_c (out, '&');
          p++;
        }
      else
        {
          g_string_append_unichar (out, value);
        }
    }
}

/**
 * briefing_html_append_text:
 * @out: where to append
 * @text: character data, as written
 * @len: its length
 *
 * Appends @text with its references decoded as libxml2 decodes them in
 * text, references to U+0080..U+009F read as Windows-1252, control
 * characters dropped.
 */
void
briefing_html_append_text (GString    *out,
                           const char *text,
                           gsize       len)
{
  append_decoded (out, text, len, FALSE);
}

/**
 * briefing_html_append_attr:
 * @out: where to append
 * @value: an attribute value, as written
 * @len: its length
 *
 * Appends @value with its references decoded as libxml2 decodes them in
 * attribute values.
 */
void
briefing_html_append_attr (GString    *out,
                           const char *value,
                           gsize       len)
{
  append_decoded (out, value, len, TRUE);
}
