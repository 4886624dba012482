/* briefing-wrap-layout.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BRIEFING_TYPE_WRAP_LAYOUT (briefing_wrap_layout_get_type())

G_DECLARE_FINAL_TYPE (BriefingWrapLayout, briefing_wrap_layout, BRIEFING, WRAP_LAYOUT, GtkLayoutManager)

G_END_DECLS
