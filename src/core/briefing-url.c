/* briefing-url.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-url"

#include "config.h"

#include "briefing-url.h"

#include <libsoup/soup.h>
#include <string.h>

/* Every address Briefing takes from the network (a feed's links, photos
 * and enclosures, a redirect's Location, an OPML outline) passes through
 * here before it is stored, fetched or handed to the desktop. The rule is
 * one allowlist, applied after normalising the way the URL standard does,
 * so that what is checked is what is used:
 *
 *   - leading and trailing C0 controls and spaces are stripped, tabs and
 *     newlines removed wherever they are ("fi\nle:" is "file:"), other
 *     controls and spaces escaped;
 *   - web addresses are http and https with a real host (a DNS name or an
 *     IP literal in its one canonical form) and a port that is not 0;
 *   - links may also be mailto, without the parameters some mail clients
 *     read as orders (attach=);
 *   - anything else is refused. */

G_DEFINE_QUARK (briefing-url-error-quark, briefing_url_error)

static inline gboolean
is_c0_or_space (guchar c)
{
  return c <= 0x20;
}

static inline gboolean
is_tab_or_newline (guchar c)
{
  return c == '\t' || c == '\n' || c == '\r';
}

/**
 * briefing_url_normalize:
 * @url: (nullable): an address as a document gave it
 *
 * The URL standard's first steps: C0 controls and spaces around @url
 * stripped, tabs and newlines removed, and what is left that an address
 * may not hold (controls, spaces, a '%' that starts no escape) escaped.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when nothing
 *   is left
 */
char *
briefing_url_normalize (const char *url)
{
  const char *start;
  const char *end;
  GString *out;

  if (url == NULL)
    return NULL;

  start = url;
  end = url + strlen (url);
  while (start < end && is_c0_or_space (*start))
    start++;
  while (end > start && is_c0_or_space (end[-1]))
    end--;

  if (start == end)
    return NULL;

  out = g_string_sized_new (end - start);
  for (const char *p = start; p < end; p++)
    {
      guchar c = *p;

      if (is_tab_or_newline (c))
        continue;

      if (c < 0x20 || c == ' ' || c == 0x7F ||
          (c == '%' && !(end - p > 2 && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))))
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * briefing_resolve_url:
 * @base: (nullable): the URL @url is relative to
 * @url: (nullable): an absolute or relative URL
 *
 * Returns: (nullable): @url, normalised, made absolute against @base;
 *   @url itself when it cannot be resolved, or %NULL for an empty @url
 */
char *
briefing_resolve_url (const char *base,
                      const char *url)
{
  g_autofree char *normalized = briefing_url_normalize (url);
  g_autoptr(GUri) base_uri = NULL;
  g_autofree char *resolved = NULL;

  if (normalized == NULL)
    return NULL;

  if (base == NULL || *base == '\0' || g_uri_peek_scheme (normalized) != NULL)
    return g_steal_pointer (&normalized);

  base_uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
  resolved = base_uri != NULL ? briefing_uri_resolve (base_uri, normalized) : NULL;

  return resolved != NULL ? g_steal_pointer (&resolved) : g_steal_pointer (&normalized);
}

/**
 * briefing_uri_resolve:
 * @base: a parsed base address
 * @reference: a relative reference, already normalized
 *
 * Resolves @reference against @base, for callers that keep the base
 * parsed (the sanitizer resolves every address of a body against one).
 *
 * Against a base without a host (xml:base="javascript:/x"), "/.//x"
 * resolves to a path starting with "//" and no host, which no string can
 * write: g_uri_to_string() would answer with a critical. Such a reference
 * does not resolve, and so stays relative and unused.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL
 */
char *
briefing_uri_resolve (GUri       *base,
                      const char *reference)
{
  g_autoptr(GUri) resolved = g_uri_parse_relative (base, reference, G_URI_FLAGS_ENCODED, NULL);

  if (resolved == NULL ||
      (g_uri_get_host (resolved) == NULL && g_str_has_prefix (g_uri_get_path (resolved), "//")))
    return NULL;

  return g_uri_to_string (resolved);
}

/* Hosts ------------------------------------------------------------------ */

static gboolean
is_decimal_octet (const char *label,
                  gsize       len)
{
  guint value = 0;

  if (len == 0 || len > 3 || (len > 1 && label[0] == '0'))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (label[i]))
        return FALSE;
      value = value * 10 + (label[i] - '0');
    }

  return value <= 255;
}

/* Whether @host, not bracketed, is a dotted quad written the one way
 * everyone reads alike. */
static gboolean
is_canonical_ipv4 (const char *host,
                   gsize       len)
{
  const char *label = host;
  const char *end = host + len;
  guint labels = 0;

  while (label <= end)
    {
      const char *dot = memchr (label, '.', end - label);
      const char *label_end = dot != NULL ? dot : end;

      if (!is_decimal_octet (label, label_end - label))
        return FALSE;
      labels++;
      label = label_end + 1;
      if (dot == NULL)
        break;
    }

  return labels == 4;
}

/* Whether the last label of @host looks like a number, which makes the
 * URL standard (and the C library's resolver) read the host as an IPv4
 * address in one of its odd forms: "2130706433", "0x7f.1", "0177.0.0.1". */
static gboolean
ends_in_number (const char *host,
                gsize       len)
{
  const char *last;
  gsize last_len;

  if (len > 0 && host[len - 1] == '.')
    len--;

  last = g_strrstr_len (host, len, ".");
  last = last != NULL ? last + 1 : host;
  last_len = host + len - last;

  if (last_len == 0)
    return FALSE;

  if (last_len >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X'))
    return TRUE;

  for (gsize i = 0; i < last_len; i++)
    {
      if (!g_ascii_isdigit (last[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
host_is_valid_len (const char *host,
                   gsize       len)
{
  gsize label_len = 0;

  if (len == 0)
    return FALSE;

  /* An IPv6 literal (GUri has taken its brackets off); zone ids name an
   * interface of this machine and have no place in a feed. */
  if (memchr (host, ':', len) != NULL)
    {
      g_autofree char *copy = g_strndup (host, len);
      g_autoptr(GInetAddress) address = NULL;

      if (memchr (host, '%', len) != NULL)
        return FALSE;

      address = g_inet_address_new_from_string (copy);

      return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
    }

  if (len > 254 || (len == 254 && host[253] != '.'))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = host[i];

      if (c == '.')
        {
          /* No empty labels, but a trailing dot is fine; no label ends
           * with a hyphen. */
          if (label_len == 0 || host[i - 1] == '-')
            return FALSE;
          label_len = 0;
          continue;
        }

      /* Letters, digits and hyphens, as DNS has them, and the
       * underscores some hosts have anyway; no label starts with a
       * hyphen. */
      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
      if (c == '-' && label_len == 0)
        return FALSE;
      if (++label_len > 63)
        return FALSE;
    }

  if (host[len - 1] == '-')
    return FALSE;

  if (ends_in_number (host, len))
    return is_canonical_ipv4 (host, len);

  return TRUE;
}

/**
 * briefing_url_host_is_valid:
 *
 * Returns: whether @host (as GUri gives it: IDN already in ASCII, IPv6
 *   without brackets) is a DNS name or an IP address in canonical form
 */
gboolean
briefing_url_host_is_valid (const char *host)
{
  return host != NULL && host_is_valid_len (host, strlen (host));
}

/* Web addresses ------------------------------------------------------------ */

static gsize
web_scheme_len (const char *url)
{
  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    return 7;
  if (g_ascii_strncasecmp (url, "https://", 8) == 0)
    return 8;

  return 0;
}

static gboolean
port_is_valid (const char *port,
               gsize       len)
{
  guint value = 0;

  /* "host:" means the default port; leading zeros change nothing, as
   * GUri reads them. */
  if (len == 0)
    return TRUE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (port[i]))
        return FALSE;
      value = MIN (value * 10 + (guint) (port[i] - '0'), 65536);
    }

  return value > 0 && value <= 65535;
}

/**
 * briefing_url_parse_web:
 * @url: an address, normalised or not
 * @flags: whether a user name and password may come along
 *
 * Parses @url for fetching: http or https, a valid host, a port other
 * than 0, escapes that are escapes. Nothing reaches libsoup that it would
 * refuse with a critical.
 *
 * Returns: (transfer full) (nullable): the parsed address, or %NULL with
 *   @error set
 */
GUri *
briefing_url_parse_web (const char           *url,
                        BriefingUrlWebFlags   flags,
                        GError              **error)
{
  g_autofree char *normalized = briefing_url_normalize (url);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (normalized == NULL)
    {
      g_set_error_literal (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_INVALID, "The address is empty");
      return NULL;
    }

  scheme = g_uri_peek_scheme (normalized);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    {
      g_set_error_literal (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_SCHEME, "The address is not a web address");
      return NULL;
    }

  uri = g_uri_parse (normalized, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_INVALID, "The address is not valid");
      return NULL;
    }

  if (!briefing_uri_is_web (uri, flags, error))
    return NULL;

  return g_steal_pointer (&uri);
}

/**
 * briefing_url_from_feed_link:
 * @url: an address handed over by the desktop: a `feed:` link or a web
 *   address
 *
 * The web address behind a subscribe link. Browsers and web pages write
 * them three ways: `feed:https://host/path` and `feed:http://host/path`
 * wrap the address, while `feed://host/path` stands for
 * `http://host/path` (the scheme the links were made for; a server that
 * has moved on redirects). The result has passed
 * briefing_url_parse_web(), the allowlist every address Briefing fetches
 * goes through.
 *
 * Returns: (transfer full) (nullable): the web address, or %NULL with
 *   @error set
 */
char *
briefing_url_from_feed_link (const char  *url,
                             GError     **error)
{
  g_autofree char *normalized = briefing_url_normalize (url);
  g_autofree char *web = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *rest;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (normalized == NULL || g_ascii_strncasecmp (normalized, "feed:", 5) != 0)
    {
      web = g_steal_pointer (&normalized);
    }
  else
    {
      rest = normalized + 5;
      if (g_str_has_prefix (rest, "//"))
        web = g_strconcat ("http:", rest, NULL);
      else
        web = g_strdup (rest);
    }

  uri = briefing_url_parse_web (web, BRIEFING_URL_WEB_NONE, error);
  if (uri == NULL)
    return NULL;

  return g_uri_to_string (uri);
}

/**
 * briefing_uri_is_web:
 * @uri: a parsed address
 * @flags: whether a user name and password may come along
 *
 * The checks of briefing_url_parse_web() on an address already parsed,
 * such as a redirect's target resolved against the address that sent
 * it. The host is judged as GUri decoded it ("host%2Fx" is "host/x",
 * which is no host), not as it would be written out again.
 *
 * Returns: whether @uri may be fetched, or %FALSE with @error set
 */
gboolean
briefing_uri_is_web (GUri                 *uri,
                     BriefingUrlWebFlags   flags,
                     GError              **error)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_SCHEME, "The address is not a web address");
      return FALSE;
    }

  if (!briefing_url_host_is_valid (g_uri_get_host (uri)) || g_uri_get_port (uri) == 0)
    {
      g_set_error_literal (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_HOST, "The address has no valid host");
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL && !(flags & BRIEFING_URL_WEB_ALLOW_USERINFO))
    {
      g_set_error_literal (error, BRIEFING_URL_ERROR, BRIEFING_URL_ERROR_USERINFO,
                           "The address carries a user name or password");
      return FALSE;
    }

  return TRUE;
}

/**
 * briefing_url_is_web:
 * @url: (nullable): an address
 *
 * Whether @url, exactly as it is, is a web address Briefing may fetch or
 * link to: normalised already, http or https, a valid host and port, and
 * no user name or password. Plain addresses are checked without parsing
 * (the sanitizer asks this of every link).
 */
gboolean
briefing_url_is_web (const char *url)
{
  const char *authority;
  const char *host_end;
  const char *end;
  gsize scheme_len;

  if (url == NULL || (scheme_len = web_scheme_len (url)) == 0)
    return FALSE;

  authority = url + scheme_len;
  end = authority + strcspn (authority, "/?#");

  for (const char *p = url; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c <= 0x20 || c == 0x7F)
        return FALSE;

      if (p < authority || p >= end)
        continue;

      /* Browsers read a backslash there as a slash, and GUri does not:
       * the two would disagree on the host. */
      if (c == '\\')
        return FALSE;

      /* Anything but a plain host and port is for the parser to judge. */
      if (c == '@' || c == '%' || c == '[' || c >= 0x80)
        {
          g_autoptr(GUri) uri = briefing_url_parse_web (url, BRIEFING_URL_WEB_NONE, NULL);

          return uri != NULL;
        }
    }

  host_end = memchr (authority, ':', end - authority);
  if (host_end == NULL)
    host_end = end;
  else if (!port_is_valid (host_end + 1, end - host_end - 1))
    return FALSE;

  return host_is_valid_len (authority, host_end - authority);
}

/* Links ------------------------------------------------------------------- */

/* The mailto parameters a mail client reads as a message's fields; the
 * others (attach=, attachment=, and whatever a client invents) are
 * dropped rather than passed to whichever mail client claims mailto. */
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

static char *
clean_mailto (const char *url)
{
  const char *query = strchr (url, '?');
  const char *fragment;
  GString *out;
  gboolean first = TRUE;

  if (query == NULL)
    return g_strdup (url);

  out = g_string_new_len (url, query - url);
  fragment = strchr (query, '#');
  if (fragment == NULL)
    fragment = query + strlen (query);

  for (const char *field = query + 1; field < fragment;)
    {
      const char *field_end = memchr (field, '&', fragment - field);
      const char *name_end;

      if (field_end == NULL)
        field_end = fragment;

      name_end = memchr (field, '=', field_end - field);
      if (name_end == NULL)
        name_end = field_end;

      if (is_safe_mailto_field (field, name_end - field))
        {
          g_string_append_c (out, first ? '?' : '&');
          g_string_append_len (out, field, field_end - field);
          first = FALSE;
        }

      field = field_end + 1;
    }

  return g_string_free (out, FALSE);
}

static gboolean
authority_has_backslash (const char *url)
{
  const char *authority = strstr (url, "//");

  if (authority == NULL)
    return strchr (url, '\\') != NULL;

  authority += 2;

  return memchr (authority, '\\', strcspn (authority, "/?#")) != NULL;
}

/* A web address without its user name and password, which a feed has no
 * business sending the reader's browser ("https://bank.example@evil.example"). */
static char *
web_link (const char *normalized)
{
  g_autoptr(GUri) uri = briefing_url_parse_web (normalized, BRIEFING_URL_WEB_ALLOW_USERINFO, NULL);
  g_autoptr(GUri) bare = NULL;

  if (uri == NULL || authority_has_backslash (normalized))
    return NULL;

  if (g_uri_get_userinfo (uri) == NULL)
    return g_strdup (normalized);

  bare = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri),
                      g_uri_get_fragment (uri));

  return g_uri_to_string (bare);
}

/**
 * briefing_url_for_link:
 * @url: (nullable): an address from a feed, or one about to leave the app
 *
 * The one check for addresses Briefing stores as links or hands to the
 * desktop: http and https with a valid host, and mailto without
 * parameters that are orders. Anything else (file:, javascript:, data:,
 * sftp:, schemes some handler claims) is refused.
 *
 * Returns: (transfer full) (nullable): the address to use, or %NULL
 */
char *
briefing_url_for_link (const char *url)
{
  g_autofree char *normalized = briefing_url_normalize (url);
  const char *scheme;

  if (normalized == NULL)
    return NULL;

  scheme = g_uri_peek_scheme (normalized);
  if (g_strcmp0 (scheme, "mailto") == 0)
    return clean_mailto (normalized);

  if (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0)
    return web_link (normalized);

  return NULL;
}

/**
 * briefing_url_screen:
 * @url: (transfer full) (nullable): an address from a document, resolved
 *   against its base where it could be
 * @document_url: (nullable): the document's own address
 *
 * briefing_url_for_link(), plus the document's own local scheme for a
 * local document (the bundled samples, resource:, and files a reader
 * parses by hand, file:, may point at their own photos), and references
 * no base could resolve.
 *
 * Returns: (transfer full) (nullable): the address to store, or %NULL
 */
char *
briefing_url_screen (char       *url,
                     const char *document_url)
{
  g_autofree char *owned = url;
  g_autofree char *normalized = NULL;
  const char *scheme;
  const char *document_scheme;

  normalized = briefing_url_normalize (url);
  if (normalized == NULL)
    return NULL;

  scheme = g_uri_peek_scheme (normalized);
  document_scheme = document_url != NULL ? g_uri_peek_scheme (document_url) : NULL;

  /* A reference that stayed relative (a document parsed without an
   * address) is kept as the document wrote it: it names no scheme, so
   * nothing can open it until it is resolved and checked again. */
  if (scheme == NULL)
    return g_steal_pointer (&normalized);

  /* g_uri_peek_scheme() returns interned strings. */
  if (scheme == document_scheme &&
      (g_str_equal (scheme, "file") || g_str_equal (scheme, "resource")))
    return g_steal_pointer (&normalized);

  return briefing_url_for_link (normalized);
}

/* Network addresses -------------------------------------------------------- */

static gboolean
ipv4_is_public (const guint8 *b)
{
  return !(b[0] == 0 ||                                   /* "this network" */
           b[0] == 10 ||                                  /* private */
           (b[0] == 100 && (b[1] & 0xC0) == 64) ||        /* carrier-grade NAT */
           b[0] == 127 ||                                 /* loopback */
           (b[0] == 169 && b[1] == 254) ||                /* link-local */
           (b[0] == 172 && (b[1] & 0xF0) == 16) ||        /* private */
           (b[0] == 192 && b[1] == 0 && b[2] == 0) ||     /* protocol assignments */
           (b[0] == 192 && b[1] == 168) ||                /* private */
           (b[0] == 198 && (b[1] & 0xFE) == 18) ||        /* benchmarking */
           b[0] >= 224);                                  /* multicast, reserved, broadcast */
}

static gboolean
ipv6_is_public (const guint8 *b)
{
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
  static const guint8 nat64[12] = { 0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0 };
  static const guint8 zeros[12] = { 0, };

  /* IPv4 inside IPv6 is judged as IPv4. */
  if (memcmp (b, mapped, 12) == 0 || memcmp (b, nat64, 12) == 0)
    return ipv4_is_public (b + 12);

  return !(memcmp (b, zeros, 12) == 0 ||                  /* unspecified, loopback, IPv4-compatible */
           (b[0] & 0xFE) == 0xFC ||                       /* unique local */
           (b[0] == 0xFE && (b[1] & 0x80) == 0x80) ||     /* link-local and site-local */
           b[0] == 0xFF ||                                /* multicast */
           (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8));  /* documentation */
}

/* The suite has only loopback; it names loopback addresses that stand
 * for the internet (BRIEFING_TEST_PUBLIC_ADDRESSES=127.0.0.2), so that a
 * feed served from one can be seen to be refused a private address. */
static gboolean
is_test_public (GInetAddress *address)
{
  const char *list = g_getenv ("BRIEFING_TEST_PUBLIC_ADDRESSES");
  g_autofree char *text = NULL;
  g_auto(GStrv) items = NULL;

  if (list == NULL || *list == '\0')
    return FALSE;

  text = g_inet_address_to_string (address);
  items = g_strsplit (list, ",", -1);

  return g_strv_contains ((const char * const *) items, text);
}

/**
 * briefing_inet_address_is_public:
 *
 * Returns: whether @address is on the internet, rather than this
 *   machine, its link or a private network (loopback, link-local,
 *   RFC 1918, carrier-grade NAT, unique local, multicast, reserved)
 */
gboolean
briefing_inet_address_is_public (GInetAddress *address)
{
  const guint8 *bytes;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  if (is_test_public (address))
    return TRUE;

  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return ipv4_is_public (bytes);

  return ipv6_is_public (bytes);
}

gboolean
briefing_socket_address_is_public (GSocketAddress *address)
{
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return FALSE;

  return briefing_inet_address_is_public (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}
