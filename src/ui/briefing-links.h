/* briefing-links.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean briefing_open_link (GtkWidget  *widget,
                             const char *url);

G_END_DECLS
