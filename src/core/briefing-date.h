/* briefing-date.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean briefing_date_parse (const char *str,
                              gint64     *out_unix_utc);

G_END_DECLS
