/* briefing-application.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-image-loader.h"
#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_APPLICATION (briefing_application_get_type())

G_DECLARE_FINAL_TYPE (BriefingApplication, briefing_application, BRIEFING, APPLICATION, AdwApplication)

BriefingApplication *briefing_application_new              (void);
BriefingSession     *briefing_application_get_session      (BriefingApplication *self);
BriefingImageLoader *briefing_application_get_image_loader (BriefingApplication *self);
gboolean             briefing_application_continues_in_background (BriefingApplication *self);
char                *briefing_application_steal_saved      (BriefingApplication *self);

G_END_DECLS
