/* briefing-image-loader.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_IMAGE_LOADER (briefing_image_loader_get_type ())

G_DECLARE_FINAL_TYPE (BriefingImageLoader, briefing_image_loader, BRIEFING, IMAGE_LOADER, GObject)

BriefingImageLoader *briefing_image_loader_new                    (BriefingImageCache   *cache);
gboolean             briefing_image_loader_get_load_remote_images (BriefingImageLoader  *self);
void                 briefing_image_loader_set_load_remote_images (BriefingImageLoader  *self,
                                                                   gboolean              allowed);
void                 briefing_image_loader_resolve_async          (BriefingImageLoader  *self,
                                                                   const char           *url,
                                                                   const char           *origin_url,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
GFile               *briefing_image_loader_resolve_finish         (BriefingImageLoader  *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);
void                 briefing_image_loader_load_async             (BriefingImageLoader  *self,
                                                                   const char           *url,
                                                                   const char           *origin_url,
                                                                   int                   size,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
GdkTexture          *briefing_image_loader_load_finish            (BriefingImageLoader  *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);
GdkTexture          *briefing_image_loader_lookup                 (BriefingImageLoader  *self,
                                                                   const char           *url,
                                                                   int                   size);

G_END_DECLS
