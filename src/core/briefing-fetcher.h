/* briefing-fetcher.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BRIEFING_TYPE_FETCHER (briefing_fetcher_get_type())
#define BRIEFING_FETCH_ERROR (briefing_fetch_error_quark ())

G_DECLARE_FINAL_TYPE (BriefingFetcher, briefing_fetcher, BRIEFING, FETCHER, GObject)

typedef enum
{
  BRIEFING_FETCH_ERROR_NETWORK,
  BRIEFING_FETCH_ERROR_TIMEOUT,
  BRIEFING_FETCH_ERROR_HTTP,
  BRIEFING_FETCH_ERROR_GONE,
  BRIEFING_FETCH_ERROR_RATE_LIMITED,
  BRIEFING_FETCH_ERROR_TOO_LARGE,
  BRIEFING_FETCH_ERROR_REDIRECT_LOOP,
  BRIEFING_FETCH_ERROR_TRUNCATED,
  BRIEFING_FETCH_ERROR_INVALID_URL,
  BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS,
} BriefingFetchError;

typedef enum
{
  BRIEFING_FETCHER_SCOPE_FOLLOW_FIRST,  /* the first address decides: from the internet, no way back */
  BRIEFING_FETCHER_SCOPE_PUBLIC_ONLY,   /* never this machine, its link or a private network */
} BriefingFetcherScope;

/* What one fetch brought back. On a failed fetch the caller still gets the
 * status and the Retry-After time through briefing_fetcher_fetch_finish(). */
typedef struct
{
  char   *url;               /* the URL fetched last, after redirects */
  char   *permanent_url;     /* set when every redirect was permanent (301, 308) */
  guint   status;
  gboolean not_modified;
  GBytes *body;
  char   *content_type;
  char   *content_location;  /* absolute */
  char   *etag;
  char   *last_modified;
  gint64  retry_after;       /* Unix time; 0 when the server did not say */
  gint64  max_age;           /* seconds from Cache-Control; 0 when absent */
} BriefingFetchResult;

GQuark               briefing_fetch_error_quark     (void);
void                 briefing_fetch_result_free     (BriefingFetchResult  *result);
BriefingFetcher     *briefing_fetcher_new           (void);
void                 briefing_fetcher_set_max_size  (BriefingFetcher      *self,
                                                     gsize                 max_size);
void                 briefing_fetcher_set_scope     (BriefingFetcher      *self,
                                                     BriefingFetcherScope  scope);
void                 briefing_fetcher_set_timeouts  (BriefingFetcher      *self,
                                                     guint                 connect_seconds,
                                                     guint                 total_seconds);
void                 briefing_fetcher_fetch_async   (BriefingFetcher      *self,
                                                     const char           *url,
                                                     const char           *etag,
                                                     const char           *last_modified,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BriefingFetchResult *briefing_fetcher_fetch_finish  (BriefingFetcher      *self,
                                                     GAsyncResult         *result,
                                                     BriefingFetchResult **failed,
                                                     GError              **error);
gint64               briefing_parse_retry_after     (const char           *value,
                                                     gint64                now);
gint64               briefing_parse_max_age         (const char           *cache_control);
GUri                *briefing_resolve_redirect      (GUri                 *base,
                                                     const char           *location);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingFetchResult, briefing_fetch_result_free)

G_END_DECLS
