/* fuzz-http-headers.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the HTTP headers the fetcher reads. The input is
 * read twice: as one header value (up to the first NUL) for our own
 * parsers and libsoup's list parsers, and as a whole response head for
 * soup_headers_parse_response(), after which the fetcher's reading of
 * each header is replayed.
 *
 * The invariants: Retry-After is 0 or within a day from now; max-age is
 * within a week; headers libsoup parsed hold no CR or LF, so that ETag
 * and Last-Modified can go back in the next request (libsoup warns and
 * drops a value that could inject a header); Location and
 * Content-Location are refused or web addresses libsoup takes. */

#include "config.h"

#include <libsoup/soup.h>

#include "briefing-fetcher.h"
#include "briefing-url.h"
#include "briefing-xml-input.h"
#include "fuzz-common.h"

#include <string.h>

#define DOCUMENT_URL "https://example.net/feed"

/* 2026-01-01T00:00:00Z: a fixed now, so that a finding replays. */
#define NOW G_GINT64_CONSTANT (1767225600)
#define DAY (24 * 60 * 60)
#define WEEK (7 * DAY)

static void
check_retry_after (const char *value)
{
  gint64 until = briefing_parse_retry_after (value, NOW);

  FUZZ_CHECK (until == 0 || (until >= NOW && until <= NOW + DAY));
}

static void
check_max_age (const char *value)
{
  gint64 max_age = briefing_parse_max_age (value);

  FUZZ_CHECK (max_age >= 0 && max_age <= WEEK);
}

/* libsoup's parsers that the fetcher relies on, directly or through
 * soup_message_headers_get_content_type(). */
static void
parse_lists (const char *value)
{
  g_autoptr(GHashTable) params = soup_header_parse_param_list (value);
  g_autoptr(GHashTable) semi = soup_header_parse_semi_param_list (value);
  GSList *unacceptable = NULL;
  GSList *list = soup_header_parse_list (value);
  GSList *quality = soup_header_parse_quality_list (value, &unacceptable);
  g_autofree char *charset = briefing_charset_from_content_type (value);

  FUZZ_CHECK (params != NULL && semi != NULL);

  /* The feed parser takes this charset for its decoder's name. */
  FUZZ_CHECK (charset == NULL || (*charset != '\0' && strlen (charset) < 64 &&
                                  strpbrk (charset, "; \t\r\n\"'") == NULL));

  soup_header_free_list (list);
  soup_header_free_list (quality);
  soup_header_free_list (unacceptable);
}

static void
check_value (const char *value)
{
  check_retry_after (value);
  check_max_age (value);
  parse_lists (value);
}

static void
check_header (const char *name,
              const char *value,
              gpointer    user_data)
{
  FUZZ_CHECK (name != NULL && value != NULL);
  FUZZ_CHECK (*name != '\0');
  FUZZ_CHECK (strpbrk (name, "\r\n") == NULL);
  FUZZ_CHECK (strpbrk (value, "\r\n") == NULL);
}

/* As the fetcher follows a redirect. */
static void
check_location (const char *location)
{
  g_autoptr(GUri) base = g_uri_parse (DOCUMENT_URL, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) target = briefing_resolve_redirect (base, location);
  g_autoptr(SoupMessage) message = NULL;

  if (target == NULL)
    return;

  message = soup_message_new_from_uri ("GET", target);
  FUZZ_CHECK (message != NULL);
}

/* As the fetcher takes a Content-Location for the base of a feed. */
static void
check_content_location (const char *location)
{
  g_autofree char *resolved = briefing_resolve_url (DOCUMENT_URL, location);
  g_autoptr(GUri) uri = NULL;

  if (!briefing_url_is_web (resolved))
    return;

  uri = briefing_url_parse_web (resolved, BRIEFING_URL_WEB_NONE, NULL);
  FUZZ_CHECK (uri != NULL);
}

/* A conditional request sends the validators back as they came. */
static void
check_validators (SoupMessageHeaders *response)
{
  g_autoptr(SoupMessageHeaders) request = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  const char *etag = soup_message_headers_get_one (response, "ETag");
  const char *last_modified = soup_message_headers_get_one (response, "Last-Modified");

  if (etag != NULL)
    soup_message_headers_replace (request, "If-None-Match", etag);
  if (last_modified != NULL)
    soup_message_headers_replace (request, "If-Modified-Since", last_modified);
}

static void
check_response (const char *data,
                gsize       size)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *reason = NULL;
  SoupHTTPVersion version;
  const char *value;
  guint status;

  if (!soup_headers_parse_response (data, size, headers, &version, &status, &reason))
    return;

  soup_message_headers_foreach (headers, check_header, NULL);

  check_retry_after (soup_message_headers_get_one (headers, "Retry-After"));
  check_max_age (soup_message_headers_get_one (headers, "Cache-Control"));

  value = soup_message_headers_get_one (headers, "Content-Type");
  if (value != NULL)
    parse_lists (value);
  soup_message_headers_get_content_type (headers, &params);
  soup_message_headers_get_content_length (headers);

  value = soup_message_headers_get_one (headers, "Location");
  if (value != NULL)
    check_location (value);

  value = soup_message_headers_get_one (headers, "Content-Location");
  if (value != NULL)
    check_content_location (value);

  check_validators (headers);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = g_strndup ((const char *) data, size);

  check_value (value);
  check_response ((const char *) data, size);

  return 0;
}
