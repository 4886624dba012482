/* briefing-topics-pane.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_TOPICS_PANE (briefing_topics_pane_get_type())

G_DECLARE_FINAL_TYPE (BriefingTopicsPane, briefing_topics_pane, BRIEFING, TOPICS_PANE, GtkWidget)

void briefing_topics_pane_set_entry   (BriefingTopicsPane *self,
                                       BriefingEntry      *entry);
void briefing_topics_pane_set_related (BriefingTopicsPane *self,
                                       GPtrArray          *related);
void briefing_topics_pane_set_coverage (BriefingTopicsPane *self,
                                        GPtrArray          *coverage);

G_END_DECLS
