/* briefing-add-source-dialog.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_ADD_SOURCE_DIALOG (briefing_add_source_dialog_get_type())

G_DECLARE_FINAL_TYPE (BriefingAddSourceDialog, briefing_add_source_dialog, BRIEFING, ADD_SOURCE_DIALOG, AdwWindow)

BriefingAddSourceDialog *briefing_add_source_dialog_new     (GtkWindow               *parent,
                                                             BriefingSession         *session);
void                     briefing_add_source_dialog_set_url (BriefingAddSourceDialog *self,
                                                             const char              *url);
void                     briefing_add_source_dialog_explain (BriefingAddSourceDialog *self,
                                                             const char              *message);

G_END_DECLS
