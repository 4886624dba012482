/* briefing-background.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean briefing_background_is_sandboxed (void);
char    *briefing_background_autostart_path (void);
void     briefing_background_request      (gboolean     enabled);
void     briefing_background_set_status   (const char  *message);

G_END_DECLS
