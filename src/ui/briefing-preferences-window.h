/* briefing-preferences-window.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BRIEFING_TYPE_PREFERENCES_WINDOW (briefing_preferences_window_get_type())

G_DECLARE_FINAL_TYPE (BriefingPreferencesWindow, briefing_preferences_window, BRIEFING, PREFERENCES_WINDOW, AdwPreferencesWindow)

BriefingPreferencesWindow *briefing_preferences_window_new (GtkWindow *parent);

G_END_DECLS
