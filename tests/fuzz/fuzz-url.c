/* fuzz-url.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the address checks every URL from the network
 * passes (briefing-url.h). The input is one address, or a base and a
 * reference separated by a NUL byte, which no C string can hold.
 *
 * The invariants: normalising is idempotent and leaves no control or
 * space; an address briefing_url_is_web() accepts parses for fetching,
 * with a valid host, and libsoup takes it without a critical; links and
 * screened addresses are http, https or mailto (or still relative), and
 * a mailto link carries no parameter a mail client would read as an
 * order; and a redirect's Location, resolved by the fetcher's own
 * briefing_resolve_redirect(), is either refused or a web address libsoup
 * takes. */

#include "config.h"

#include <libsoup/soup.h>

#include "briefing-fetcher.h"
#include "briefing-url.h"
#include "fuzz-common.h"

#include <string.h>

#define DOCUMENT_URL "https://example.net/feed"

static gboolean
is_clean (const char *url)
{
  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p == 0x7F)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_safe_mailto_field (const char *field,
                      gsize       len)
{
  static const char * const safe[] = { "to", "cc", "bcc", "subject", "body", "in-reply-to" };

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      if (strlen (safe[i]) == len && g_ascii_strncasecmp (field, safe[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every field of the query names a header a message may have; an
 * attach= or any other order is gone. */
static void
check_mailto (const char *url)
{
  const char *query = strchr (url, '?');
  const char *end;

  if (query == NULL)
    return;

  end = query + strcspn (query, "#");
  for (const char *field = query + 1; field < end;)
    {
      const char *field_end = field + strcspn (field, "&#");
      gsize name_len = strcspn (field, "=&#");

      FUZZ_CHECK (is_safe_mailto_field (field, name_len));
      field = field_end + 1;
    }
}

/* A parsed web address libsoup can fetch: a request for it is made
 * without a critical (which the log writer turns into a crash). */
static void
check_fetchable (GUri     *uri,
                 gboolean  userinfo_allowed)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GUri) reparsed = NULL;
  const char *scheme = g_uri_get_scheme (uri);

  FUZZ_CHECK (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"));
  FUZZ_CHECK (briefing_url_host_is_valid (g_uri_get_host (uri)));
  FUZZ_CHECK (g_uri_get_port (uri) != 0);
  FUZZ_CHECK (userinfo_allowed || g_uri_get_userinfo (uri) == NULL);

  message = soup_message_new_from_uri ("GET", uri);
  FUZZ_CHECK (message != NULL);

  /* The fetcher writes the address out as the base of the next redirect. */
  again = g_uri_to_string (uri);
  reparsed = briefing_url_parse_web (again, BRIEFING_URL_WEB_ALLOW_USERINFO, NULL);
  FUZZ_CHECK (reparsed != NULL);
}

static void
check_web (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (!briefing_url_is_web (url))
    return;

  uri = briefing_url_parse_web (url, BRIEFING_URL_WEB_NONE, NULL);
  FUZZ_CHECK (uri != NULL);
  check_fetchable (uri, FALSE);
}

/* What may be stored as a link or handed to the desktop. */
static void
check_link (const char *link,
            gboolean    may_be_relative)
{
  const char *scheme;

  if (link == NULL)
    return;

  FUZZ_CHECK (is_clean (link));

  scheme = g_uri_peek_scheme (link);
  if (scheme == NULL)
    {
      FUZZ_CHECK (may_be_relative);
      return;
    }

  if (g_str_equal (scheme, "mailto"))
    {
      check_mailto (link);
      return;
    }

  FUZZ_CHECK (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"));
  FUZZ_CHECK (briefing_url_is_web (link));

  /* Fetchable, and without the user name a link must not carry. */
  {
    g_autoptr(GUri) uri = briefing_url_parse_web (link, BRIEFING_URL_WEB_NONE, NULL);

    FUZZ_CHECK (uri != NULL);
  }
}

static void
check_address (const char *url)
{
  g_autofree char *normalized = briefing_url_normalize (url);
  g_autofree char *link = NULL;
  g_autofree char *screened = NULL;

  if (normalized != NULL)
    {
      g_autofree char *twice = briefing_url_normalize (normalized);

      FUZZ_CHECK (is_clean (normalized));
      FUZZ_CHECK (g_strcmp0 (twice, normalized) == 0);
    }

  check_web (url);
  check_web (normalized);

  link = briefing_url_for_link (url);
  check_link (link, FALSE);
  if (link != NULL)
    {
      g_autofree char *again = briefing_url_for_link (link);

      FUZZ_CHECK (g_strcmp0 (again, link) == 0);
    }

  screened = briefing_url_screen (g_strdup (url), DOCUMENT_URL);
  check_link (screened, TRUE);

  /* A feed: link the desktop hands over, as itself and wrapped, ends as
   * a web address or nothing. */
  {
    g_autofree char *wrapped = g_strconcat ("feed:", url, NULL);
    g_autofree char *from_link = briefing_url_from_feed_link (url, NULL);
    g_autofree char *from_wrapped = briefing_url_from_feed_link (wrapped, NULL);

    FUZZ_CHECK (from_link == NULL || briefing_url_is_web (from_link));
    FUZZ_CHECK (from_wrapped == NULL || briefing_url_is_web (from_wrapped));
  }

  briefing_url_host_is_valid (url);
}

/* As the fetcher follows a redirect and reads a Content-Location. */
static void
check_redirect (const char *base,
                const char *location)
{
  g_autoptr(GUri) base_uri = g_uri_parse (base, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) target = NULL;
  g_autofree char *content_location = NULL;

  FUZZ_CHECK (base_uri != NULL);

  target = briefing_resolve_redirect (base_uri, location);
  if (target != NULL)
    check_fetchable (target, FALSE);

  content_location = briefing_resolve_url (base, location);
  check_web (content_location);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* g_strndup() stops at the first NUL: the first piece. */
  g_autofree char *first = g_strndup ((const char *) data, size);
  gsize first_len = strlen (first);
  g_autofree char *second = NULL;
  g_autofree char *base = NULL;

  if (first_len < size)
    second = g_strndup ((const char *) data + first_len + 1, size - first_len - 1);

  check_address (first);
  if (second != NULL)
    check_address (second);

  /* With two pieces, the first is the base when the fetcher could have
   * reached it; the redirect's Location is the last piece. */
  if (second != NULL)
    {
      g_autoptr(GUri) uri = briefing_url_parse_web (first, BRIEFING_URL_WEB_ALLOW_USERINFO, NULL);

      if (uri != NULL)
        base = g_uri_to_string (uri);
    }
  check_redirect (base != NULL ? base : DOCUMENT_URL, second != NULL ? second : first);

  return 0;
}
