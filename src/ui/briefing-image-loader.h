/* briefing-image-loader.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-types.h"

G_BEGIN_DECLS

void        briefing_image_loader_init          (BriefingImageCache   *cache);
void        briefing_image_loader_set_remote    (gboolean              allowed);
void        briefing_image_loader_resolve_async (const char           *url,
                                                 const char           *origin_url,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GFile      *briefing_image_loader_resolve_finish (GAsyncResult        *result,
                                                  GError             **error);
void        briefing_image_loader_load_async    (const char           *url,
                                                 const char           *origin_url,
                                                 int                   size,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GdkTexture *briefing_image_loader_load_finish   (GAsyncResult         *result,
                                                 GError              **error);
GdkTexture *briefing_image_loader_lookup        (const char           *url,
                                                 int                   size);

G_END_DECLS
