/* briefing-html-entities.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gunichar    briefing_windows_1252_to_unichar (guint32     c);
const char *briefing_html_read_char_ref      (const char *p,
                                              const char *end,
                                              guint32    *value,
                                              gboolean   *has_digits);
gunichar    briefing_html_lookup_entity      (const char *name,
                                              gsize       len);

G_END_DECLS
