/* briefing-session.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_SESSION (briefing_session_get_type())
#define BRIEFING_SESSION_ERROR (briefing_session_error_quark ())

G_DECLARE_FINAL_TYPE (BriefingSession, briefing_session, BRIEFING, SESSION, GObject)

#define BRIEFING_SAMPLES_URL "resource:///io/github/briefing/Briefing/samples/samples.xml"

typedef enum
{
  BRIEFING_SESSION_ERROR_NO_FEED,
  BRIEFING_SESSION_ERROR_SEVERAL_FEEDS,
} BriefingSessionError;

GQuark           briefing_session_error_quark          (void);
BriefingSession *briefing_session_new                  (BriefingStore        *store);
BriefingStore   *briefing_session_get_store            (BriefingSession      *self);
BriefingFetcher *briefing_session_get_fetcher          (BriefingSession      *self);
BriefingRefresh *briefing_session_get_refresh          (BriefingSession      *self);
BriefingImageCache *briefing_session_get_image_cache   (BriefingSession      *self);
void             briefing_session_set_refresh_interval (BriefingSession      *self,
                                                        guint                 minutes);
void             briefing_session_set_retention        (BriefingSession      *self,
                                                        guint                 days,
                                                        guint                 per_source);
void             briefing_session_start_scheduler      (BriefingSession      *self);
void             briefing_session_catch_up             (BriefingSession      *self);
gboolean         briefing_session_get_refreshing       (BriefingSession      *self);

gboolean         briefing_session_seed_samples         (BriefingSession      *self,
                                                        GError              **error);
void             briefing_session_seed_samples_async   (BriefingSession      *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         briefing_session_seed_samples_finish  (BriefingSession      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             briefing_session_refresh_async        (BriefingSession      *self,
                                                        gint64                source_id,
                                                        gboolean              only_due,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *briefing_session_refresh_finish       (BriefingSession      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             briefing_session_discover_async       (BriefingSession      *self,
                                                        const char           *url,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *briefing_session_discover_finish      (BriefingSession      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             briefing_session_subscribe_async      (BriefingSession      *self,
                                                        const char           *url,
                                                        const char           *group,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
BriefingSource  *briefing_session_subscribe_finish     (BriefingSession      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
