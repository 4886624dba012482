/* briefing-timings.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean briefing_timings_enabled           (void);
void     briefing_timings_start             (void);
void     briefing_timings_watch_first_paint (GtkWidget  *widget);
void     briefing_timings_report            (const char *event);

G_END_DECLS
