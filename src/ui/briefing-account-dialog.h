/* briefing-account-dialog.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_ACCOUNT_DIALOG (briefing_account_dialog_get_type())

G_DECLARE_FINAL_TYPE (BriefingAccountDialog, briefing_account_dialog, BRIEFING, ACCOUNT_DIALOG, AdwWindow)

BriefingAccountDialog *briefing_account_dialog_new (GtkWindow     *parent,
                                                    BriefingStore *store);

G_END_DECLS
