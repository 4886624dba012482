/* briefing-entry-row.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-image-loader.h"
#include "briefing-types.h"

G_BEGIN_DECLS

typedef enum
{
  BRIEFING_ENTRY_ROW_STORY_NONE,
  BRIEFING_ENTRY_ROW_STORY_LEAD,     /* a story's newest entry, standing for it */
  BRIEFING_ENTRY_ROW_STORY_MEMBER,   /* another source's, shown under it */
} BriefingEntryRowStory;

#define BRIEFING_TYPE_ENTRY_ROW (briefing_entry_row_get_type())

G_DECLARE_FINAL_TYPE (BriefingEntryRow, briefing_entry_row, BRIEFING, ENTRY_ROW, GtkWidget)

BriefingEntryRow *briefing_entry_row_new          (BriefingImageLoader *image_loader);
void              briefing_entry_row_set_entry    (BriefingEntryRow    *self,
                                                   BriefingEntry       *entry);
void              briefing_entry_row_set_previous (BriefingEntryRow    *self,
                                                   BriefingEntry       *previous);
void              briefing_entry_row_set_story    (BriefingEntryRow    *self,
                                                   BriefingEntryRowStory story,
                                                   gboolean             expanded);
char             *briefing_format_relative_time   (gint64               unix_time,
                                                   gint64               now);

G_END_DECLS
