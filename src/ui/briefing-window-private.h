/* briefing-window-private.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "briefing-article-view.h"
#include "briefing-sidebar.h"
#include "briefing-topics-pane.h"
#include "briefing-window.h"

G_BEGIN_DECLS

struct _BriefingWindow
{
  AdwApplicationWindow  parent_instance;

  BriefingSession      *session;
  GSettings            *settings;
  BriefingEntry        *current;
  GCancellable         *entry_cancellable;
  gulong                star_handler;
  gboolean              background_offered;   /* asked on this close already */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  BriefingSidebar      *sidebar;
  AdwWindowTitle       *content_title;
  GtkToggleButton      *star_button;
  GtkStack             *content_stack;
  BriefingArticleView  *article_view;
  BriefingTopicsPane   *topics_pane;
  AdwFlap              *flap;
};

void briefing_window_class_add_actions (GtkWidgetClass *widget_class);
void briefing_window_update_actions    (BriefingWindow *self);
void briefing_window_show_entry        (BriefingWindow *self,
                                        BriefingEntry  *entry);
void briefing_window_toast             (BriefingWindow *self,
                                        AdwToast       *toast);
void briefing_window_add_source        (BriefingWindow *self,
                                        const char     *url,
                                        const char     *message);
void briefing_window_import_opml       (BriefingWindow *self,
                                        const char     *name,
                                        GBytes         *contents,
                                        GPtrArray      *outlines);

G_END_DECLS
