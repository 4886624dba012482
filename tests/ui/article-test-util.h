/* article-test-util.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the in-process article tests share: waiting on the main loop for
 * an async result, or for a while. */

void          article_test_done_cb         (GObject       *object,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
GAsyncResult *article_test_wait_for_result (GAsyncResult **result);
void          article_test_settle          (guint          ms);

G_END_DECLS
