/* briefing-url.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BRIEFING_URL_ERROR (briefing_url_error_quark ())

typedef enum
{
  BRIEFING_URL_ERROR_INVALID,       /* not an address at all, or a broken one */
  BRIEFING_URL_ERROR_SCHEME,        /* an address, but not one Briefing may use */
  BRIEFING_URL_ERROR_HOST,          /* no host, or one no network has */
  BRIEFING_URL_ERROR_USERINFO,      /* a user name or password where none may be */
} BriefingUrlError;

typedef enum
{
  BRIEFING_URL_WEB_NONE            = 0,
  BRIEFING_URL_WEB_ALLOW_USERINFO  = 1 << 0,  /* the reader's own feed address may carry a login */
} BriefingUrlWebFlags;

GQuark    briefing_url_error_quark          (void);
char     *briefing_url_normalize            (const char           *url);
char     *briefing_resolve_url              (const char           *base,
                                             const char           *url);
char     *briefing_uri_resolve              (GUri                 *base,
                                             const char           *reference);
gboolean  briefing_url_is_web               (const char           *url);
gboolean  briefing_uri_is_web               (GUri                 *uri,
                                             BriefingUrlWebFlags   flags,
                                             GError              **error);
GUri     *briefing_url_parse_web            (const char           *url,
                                             BriefingUrlWebFlags   flags,
                                             GError              **error);
char     *briefing_url_for_link             (const char           *url);
char     *briefing_url_from_feed_link       (const char           *url,
                                             GError              **error);
char     *briefing_url_screen               (char                 *url,
                                             const char           *document_url);
gboolean  briefing_url_host_is_valid        (const char           *host);
gboolean  briefing_inet_address_is_public   (GInetAddress         *address);
gboolean  briefing_socket_address_is_public (GSocketAddress       *address);

G_END_DECLS
