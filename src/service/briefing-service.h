/* briefing-service.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BRIEFING_TYPE_SERVICE (briefing_service_get_type())

G_DECLARE_FINAL_TYPE (BriefingService, briefing_service, BRIEFING, SERVICE, GApplication)

BriefingService *briefing_service_new                (void);
GStrv            briefing_service_steal_window_argv  (BriefingService *self);
char            *briefing_service_steal_saved        (BriefingService *self);
const GOptionEntry *briefing_service_options         (void);

G_END_DECLS
