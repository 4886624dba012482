/* briefing-image-cache.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_IMAGE_CACHE (briefing_image_cache_get_type())

G_DECLARE_FINAL_TYPE (BriefingImageCache, briefing_image_cache, BRIEFING, IMAGE_CACHE, GObject)

BriefingImageCache *briefing_image_cache_new          (const char          *directory);
const char         *briefing_image_sniff_type         (const guint8        *data,
                                                       gsize                len);
void                briefing_image_cache_fetch_async  (BriefingImageCache  *self,
                                                       const char          *url,
                                                       const char          *origin_url,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GFile              *briefing_image_cache_fetch_finish (BriefingImageCache  *self,
                                                       GAsyncResult        *result,
                                                       char               **content_type,
                                                       GError             **error);
GFile              *briefing_image_cache_lookup       (BriefingImageCache  *self,
                                                       const char          *url);

G_END_DECLS
