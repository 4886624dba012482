/* briefing-window.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-application.h"
#include "briefing-session.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_WINDOW (briefing_window_get_type())

G_DECLARE_FINAL_TYPE (BriefingWindow, briefing_window, BRIEFING, WINDOW, AdwApplicationWindow)

BriefingWindow *briefing_window_new        (BriefingApplication *application,
                                            const GError        *store_error);
void            briefing_window_show_unread (BriefingWindow     *self);
void            briefing_window_search     (BriefingWindow      *self,
                                            const char          *text);
void            briefing_window_open_entry (BriefingWindow      *self,
                                            gint64               entry_id);
void            briefing_window_open_file  (BriefingWindow      *self,
                                            GFile               *file);
BriefingSession *briefing_window_get_session (BriefingWindow    *self);

G_END_DECLS
