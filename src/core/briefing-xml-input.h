/* briefing-xml-input.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *briefing_charset_from_content_type (const char  *content_type);
GString *briefing_xml_input_prepare         (const char  *data,
                                             gsize        len,
                                             const char  *http_charset,
                                             GPtrArray   *warnings);
char    *briefing_text_to_utf8              (const char  *data,
                                             gsize        len,
                                             const char  *charset,
                                             gboolean    *lossy);

G_END_DECLS
