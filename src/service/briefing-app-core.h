/* briefing-app-core.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_APP_CORE (briefing_app_core_get_type())

G_DECLARE_FINAL_TYPE (BriefingAppCore, briefing_app_core, BRIEFING, APP_CORE, GObject)

/* Whether the reader is looking at the app right now: nothing is
 * announced then. */
typedef gboolean (*BriefingAttentionFunc) (gpointer user_data);

BriefingAppCore *briefing_app_core_new                (GApplication          *app);
BriefingSession *briefing_app_core_get_session        (BriefingAppCore       *self);
GSettings       *briefing_app_core_get_settings       (BriefingAppCore       *self);
const GError    *briefing_app_core_get_error          (BriefingAppCore       *self);
gboolean         briefing_app_core_get_run_in_background (BriefingAppCore    *self);
void             briefing_app_core_set_attention_func (BriefingAppCore       *self,
                                                       BriefingAttentionFunc  func,
                                                       gpointer               user_data);
char            *briefing_app_core_save_notified      (BriefingAppCore       *self);

G_END_DECLS
