/* briefing-topics.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-types.h"

G_BEGIN_DECLS

void briefing_topics_add_from_entry (BriefingEntry *entry);

G_END_DECLS
