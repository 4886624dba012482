/* briefing-refresh.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_REFRESH (briefing_refresh_get_type())

G_DECLARE_FINAL_TYPE (BriefingRefresh, briefing_refresh, BRIEFING, REFRESH, GObject)

/* How one source's refresh went. */
typedef struct
{
  gint64  source_id;
  char   *title;
  char   *url;
  char   *status;     /* "new", "updated", "not-modified" or "error" */
  char   *error;      /* for "error": what went wrong, in a reader's words */
  guint   added;
  guint   updated;
} BriefingRefreshResult;

void             briefing_refresh_result_free (BriefingRefreshResult *result);

BriefingRefresh *briefing_refresh_new         (BriefingStore         *store,
                                               BriefingFetcher       *fetcher);
void             briefing_refresh_run_async   (BriefingRefresh       *self,
                                               GPtrArray             *sources,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
GPtrArray       *briefing_refresh_run_finish  (BriefingRefresh       *self,
                                               GAsyncResult          *result,
                                               GError               **error);
guint            briefing_refresh_get_pending (BriefingRefresh       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingRefreshResult, briefing_refresh_result_free)

G_END_DECLS
