/* briefing-image-loader.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        briefing_image_loader_load_async  (const char           *url,
                                               int                   size,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GdkTexture *briefing_image_loader_load_finish (GAsyncResult         *result,
                                               GError              **error);
GdkTexture *briefing_image_loader_lookup      (const char           *url,
                                               int                   size);
GInputStream *briefing_image_loader_open      (const char           *url,
                                               GCancellable         *cancellable,
                                               GError              **error);

G_END_DECLS
