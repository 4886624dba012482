/* briefing-sources-popover.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-store.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_SOURCES_POPOVER (briefing_sources_popover_get_type())

G_DECLARE_FINAL_TYPE (BriefingSourcesPopover, briefing_sources_popover, BRIEFING, SOURCES_POPOVER, GtkPopover)

void  briefing_sources_popover_set_store        (BriefingSourcesPopover *self,
                                                 BriefingStore          *store);
guint briefing_sources_popover_get_unread_total (BriefingSourcesPopover *self);
guint briefing_sources_popover_get_n_sources    (BriefingSourcesPopover *self);

G_END_DECLS
