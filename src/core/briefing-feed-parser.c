/* briefing-feed-parser.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed-parser"

#include "config.h"

#include "briefing-feed-parser.h"

#include "briefing-feed-parser-private.h"
#include "briefing-utils.h"
#include "briefing-xml-input.h"

#include <string.h>

/* The parser's front door: it refuses what is not worth parsing, sniffs
 * the format from the bytes (never from the URL or a Content-Type that is
 * wrong half the time), and hands over to the XML or JSON parser. It only
 * dispatches: both produce drafts (briefing-entry-draft.c, below them),
 * which finish themselves the same way. */

G_DEFINE_QUARK (briefing-feed-parser-error-quark, briefing_feed_parser_error)

typedef enum {
  SNIFF_EMPTY,
  SNIFF_XML,
  SNIFF_HTML,
  SNIFF_JSON,
  SNIFF_BINARY,
} Sniffed;

/* HTML5 pages start "<!doctype html" in any case (which XML rejects
 * outright) or "<html". Comments may come first. */
static gboolean
looks_like_html (const char *p,
                 const char *end)
{
  while (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
    {
      const char *close = g_strstr_len (p, MIN (end - p, 64 * 1024), "-->");

      if (close == NULL)
        return FALSE;

      for (p = close + 3; p < end && g_ascii_isspace (*p); p++)
        ;
    }

  return (end - p >= 14 && g_ascii_strncasecmp (p, "<!doctype html", 14) == 0) ||
         (end - p >= 5 && g_ascii_strncasecmp (p, "<html", 5) == 0 &&
          (end - p == 5 || g_ascii_isspace (p[5]) || p[5] == '>'));
}

static Sniffed
sniff (const char *data,
       gsize       len)
{
  gsize i = 0;

  /* UTF-8 BOM, or UTF-16/32 which only XML uses in practice. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  else if (len >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE || data[0] == '\0' || data[1] == '\0'))
    return SNIFF_XML;

  for (; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        break;
    }

  if (i == len)
    return SNIFF_EMPTY;

  if (data[i] == '{' || data[i] == '[')
    return SNIFF_JSON;

  if (data[i] == '<')
    return looks_like_html (data + i, data + len) ? SNIFF_HTML : SNIFF_XML;

  /* Some servers put junk before the XML declaration; look a little way
   * in before calling it binary. */
  if (memchr (data + i, '<', MIN (len - i, 1024)) != NULL && memchr (data + i, '\0', MIN (len - i, 1024)) == NULL)
    return SNIFF_XML;

  return SNIFF_BINARY;
}

/* Relative URLs resolve against web, file and resource (the bundled
 * samples) addresses only: a javascript: or data: base, from a hostile
 * Content-Location, is no base. */
static gboolean
is_usable_base (const char *url)
{
  const char *scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;

  return scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https") ||
                            g_str_equal (scheme, "file") || g_str_equal (scheme, "resource"));
}

/**
 * briefing_feed_parse:
 * @bytes: the document as fetched
 * @document_url: (nullable): where it came from; relative URLs resolve
 *   against it (pass the Content-Location when a server sent one)
 * @content_type: (nullable): the HTTP Content-Type, for its charset only
 *
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1, recovering
 * every entry it can from a broken document. What it recovered from is in
 * the feed's warnings.
 *
 * Returns: (transfer full): the feed, or %NULL with @error set when the
 *   document is empty, too large, or not a feed at all
 */
BriefingFeed *
briefing_feed_parse (GBytes      *bytes,
                     const char  *document_url,
                     const char  *content_type,
                     GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return briefing_feed_parse_full (bytes, document_url, content_type, BRIEFING_FEED_PARSE_DEFAULT, error);
}

/**
 * briefing_feed_parse_full:
 * @flags: %BRIEFING_FEED_PARSE_RAW_HTML for benchmarks only
 *
 * briefing_feed_parse() with flags.
 */
BriefingFeed *
briefing_feed_parse_full (GBytes                  *bytes,
                          const char              *document_url,
                          const char              *content_type,
                          BriefingFeedParseFlags   flags,
                          GError                 **error)
{
  g_autofree char *http_charset = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (!is_usable_base (document_url))
    document_url = NULL;

  if (len > BRIEFING_FEED_MAX_SIZE)
    {
      g_set_error (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_TOO_LARGE,
                   "The document is too large (%" G_GSIZE_FORMAT " MB; at most %d MB are read)",
                   len / (1024 * 1024), BRIEFING_FEED_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  switch (sniff (data, len))
    {
    case SNIFF_EMPTY:
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_EMPTY,
                           "The document is empty");
      return NULL;

    case SNIFF_JSON:
      return briefing_feed_parse_json (data, len, document_url, flags, error);

    case SNIFF_XML:
      http_charset = briefing_charset_from_content_type (content_type);
      return briefing_feed_parse_xml (data, len, document_url, http_charset, flags, error);

    case SNIFF_HTML:
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_WEB_PAGE,
                           "This is a web page, not a feed");
      return NULL;

    case SNIFF_BINARY:
    default:
      g_set_error_literal (error, BRIEFING_FEED_PARSER_ERROR, BRIEFING_FEED_PARSER_ERROR_NOT_A_FEED,
                           "The document is not a feed (it is neither XML nor JSON)");
      return NULL;
    }
}
