/* briefing-html-sanitizer.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-types.h"

G_BEGIN_DECLS

typedef enum
{
  BRIEFING_SANITIZE_NONE                = 0,
  BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE = 1 << 0,
} BriefingSanitizeFlags;

typedef char *(*BriefingHtmlImageMap) (const char *url,
                                       gpointer    user_data);

char *briefing_html_sanitize   (const char             *html,
                                const char             *base_url,
                                const char             *lead_image_url,
                                BriefingSanitizeFlags   flags,
                                BriefingImage         **lead_image);
char *briefing_html_to_text    (const char             *html);

/* A run of plain text between block boundaries */
typedef struct
{
  char     *text;
  gboolean  heading;   /* inside h1-h6 */
} BriefingTextBlock;

GPtrArray *briefing_html_to_blocks   (const char        *html,
                                      gsize              max_bytes);
void       briefing_text_block_free  (BriefingTextBlock *block);
char *briefing_html_map_images (const char             *html,
                                BriefingHtmlImageMap    map,
                                gpointer                user_data);

G_END_DECLS
