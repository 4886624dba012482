/* briefing-xml-input.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BriefingXmlInput BriefingXmlInput;

typedef enum
{
  BRIEFING_XML_INPUT_NONE         = 0,
  BRIEFING_XML_INPUT_DROP_DOCTYPE = 1 << 0,
} BriefingXmlInputFlags;

char             *briefing_charset_from_content_type (const char        *content_type);
BriefingXmlInput *briefing_xml_input_new             (const char        *data,
                                                      gsize              len,
                                                      const char        *http_charset,
                                                      BriefingXmlInputFlags flags,
                                                      GPtrArray         *warnings);
int               briefing_xml_input_read            (BriefingXmlInput  *input,
                                                      char              *buffer,
                                                      int                len);
void              briefing_xml_input_free            (BriefingXmlInput  *input);
GString          *briefing_xml_input_prepare         (const char        *data,
                                                      gsize              len,
                                                      const char        *http_charset,
                                                      BriefingXmlInputFlags flags,
                                                      GPtrArray         *warnings);
gboolean          briefing_utf8_valid                (const char        *data,
                                                      gsize              len);
char             *briefing_text_to_utf8              (const char        *data,
                                                      gsize              len,
                                                      const char        *charset,
                                                      gboolean          *lossy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingXmlInput, briefing_xml_input_free)

G_END_DECLS
