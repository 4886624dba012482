/* briefing-account-group.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-session.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_ACCOUNT_GROUP (briefing_account_group_get_type())

G_DECLARE_FINAL_TYPE (BriefingAccountGroup, briefing_account_group, BRIEFING, ACCOUNT_GROUP, AdwPreferencesGroup)

GtkWidget *briefing_account_group_new (BriefingSession *session);

G_END_DECLS
