/* briefing-sidebar.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-entry-list.h"
#include "briefing-image-loader.h"
#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_SIDEBAR (briefing_sidebar_get_type())

G_DECLARE_FINAL_TYPE (BriefingSidebar, briefing_sidebar, BRIEFING, SIDEBAR, GtkWidget)

void           briefing_sidebar_set_session        (BriefingSidebar     *self,
                                                    BriefingSession     *session,
                                                    BriefingImageLoader *image_loader);
guint              briefing_sidebar_get_unread_total (BriefingSidebar *self);
void               briefing_sidebar_set_group_stories (BriefingSidebar *self,
                                                       gboolean         group);
BriefingEntryList *briefing_sidebar_get_entries    (BriefingSidebar *self);
BriefingEntry *briefing_sidebar_get_selected       (BriefingSidebar *self);
void           briefing_sidebar_select_relative    (BriefingSidebar *self,
                                                    int              delta);
gboolean       briefing_sidebar_select_entry_id    (BriefingSidebar *self,
                                                    gint64           entry_id);
void           briefing_sidebar_set_filter         (BriefingSidebar *self,
                                                    BriefingFilter   filter);
void           briefing_sidebar_set_topic          (BriefingSidebar *self,
                                                    const char      *topic);
void           briefing_sidebar_set_source         (BriefingSidebar *self,
                                                    BriefingSource  *source);
gboolean       briefing_sidebar_clear_filter       (BriefingSidebar *self);
void           briefing_sidebar_get_query          (BriefingSidebar *self,
                                                    BriefingQuery   *query);
void           briefing_sidebar_focus_search       (BriefingSidebar *self);
void           briefing_sidebar_search             (BriefingSidebar *self,
                                                    const char      *text);
gboolean       briefing_sidebar_close_search       (BriefingSidebar *self);
void           briefing_sidebar_set_refreshing     (BriefingSidebar *self,
                                                    gboolean         refreshing);
void           briefing_sidebar_set_sync_progress  (BriefingSidebar *self,
                                                    guint            done,
                                                    guint            total);
void           briefing_sidebar_set_progress       (BriefingSidebar *self,
                                                    guint            remaining);
void           briefing_sidebar_set_offline        (BriefingSidebar *self,
                                                    gboolean         offline);
void           briefing_sidebar_focus_list         (BriefingSidebar *self);
void           briefing_sidebar_show_sources       (BriefingSidebar *self);

G_END_DECLS
