/* briefing-sync-http.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

/* The HTTP a sync backend speaks: synchronous requests on the sync's own
 * thread, through one SoupSession made on that thread. Every answer is
 * capped in size (BRIEFING_SYNC_MAX_RESPONSE) and time, TLS is verified,
 * and the one certificate the reader trusted for a self-signed server is
 * the only exception. */

/* A page of a thousand items with their bodies is about 5 MB. */
#define BRIEFING_SYNC_MAX_RESPONSE (32 * 1024 * 1024)

typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
} BriefingSyncResponse;

void               briefing_sync_response_free      (BriefingSyncResponse *response);

BriefingSyncHttp  *briefing_sync_http_new           (void);
void               briefing_sync_http_free          (BriefingSyncHttp     *self);
/* PEM of the one certificate to accept although it does not verify. */
void               briefing_sync_http_set_trusted   (BriefingSyncHttp     *self,
                                                     const char           *certificate_pem);
/* After a BRIEFING_SYNC_ERROR_UNTRUSTED: the PEM the server showed. */
const char        *briefing_sync_http_get_rejected  (BriefingSyncHttp     *self);
guint              briefing_sync_http_get_requests  (BriefingSyncHttp     *self);
/* "AB:CD:…", the SHA-256 of @certificate_pem as browsers show it; NULL
 * when it is no certificate. */
char              *briefing_sync_http_fingerprint   (const char           *certificate_pem);

/* @headers: NULL, or name, value, ..., NULL. A status other than 2xx is
 * not an error here: the backend knows what its server means by it. */
BriefingSyncResponse *briefing_sync_http_request    (BriefingSyncHttp     *self,
                                                     const char           *method,
                                                     const char           *url,
                                                     const char * const   *headers,
                                                     const char           *content_type,
                                                     const char           *body,
                                                     gsize                 body_length,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
/* Form-encodes @pairs (name, value, ..., NULL), with repeated names kept. */
char              *briefing_sync_http_form          (const char * const   *pairs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingSyncResponse, briefing_sync_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingSyncHttp, briefing_sync_http_free)

G_END_DECLS
