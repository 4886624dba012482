/* briefing-thumbnail.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BRIEFING_TYPE_THUMBNAIL (briefing_thumbnail_get_type())

G_DECLARE_FINAL_TYPE (BriefingThumbnail, briefing_thumbnail, BRIEFING, THUMBNAIL, GtkWidget)

void briefing_thumbnail_set_texture (BriefingThumbnail *self,
                                     GdkTexture        *texture);

G_END_DECLS
