/* briefing-article-view.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-image-loader.h"
#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_ARTICLE_VIEW (briefing_article_view_get_type())

G_DECLARE_FINAL_TYPE (BriefingArticleView, briefing_article_view, BRIEFING, ARTICLE_VIEW, GtkWidget)

void briefing_article_view_set_image_loader (BriefingArticleView *self,
                                             BriefingImageLoader *image_loader);
void briefing_article_view_set_entry        (BriefingArticleView *self,
                                             BriefingEntry       *entry);
void briefing_article_view_set_zoom         (BriefingArticleView *self,
                                             double               zoom);
void briefing_article_view_set_font         (BriefingArticleView *self,
                                             const char          *font);

G_END_DECLS
