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

G_DECLARE_FINAL_TYPE (BriefingSession, briefing_session, BRIEFING, SESSION, GObject)

#define BRIEFING_SAMPLES_URL "resource:///io/github/briefing/Briefing/samples/samples.xml"

BriefingSession *briefing_session_new                (BriefingStore        *store);
BriefingStore   *briefing_session_get_store          (BriefingSession      *self);
void             briefing_session_seed_samples_async (BriefingSession      *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         briefing_session_seed_samples_finish (BriefingSession     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean         briefing_session_seed_samples       (BriefingSession      *self,
                                                      GError              **error);

G_END_DECLS
