/* briefing-source-dialog.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_SOURCE_DIALOG (briefing_source_dialog_get_type())

G_DECLARE_FINAL_TYPE (BriefingSourceDialog, briefing_source_dialog, BRIEFING, SOURCE_DIALOG, AdwWindow)

BriefingSourceDialog *briefing_source_dialog_new (GtkWindow       *parent,
                                                  BriefingSession *session,
                                                  BriefingSource  *source);

G_END_DECLS
