/* briefing-sync.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-store.h"
#include "briefing-sync-backend.h"

G_BEGIN_DECLS

/* How one sync went. */
typedef struct
{
  guint feeds;      /* subscriptions on the server */
  guint items;      /* items the server sent */
  guint added;      /* briefings new to the store */
  guint updated;
  guint sent;       /* changes of ours the server took */
  guint requests;   /* HTTP requests made */
} BriefingSyncResult;

/* Called on the sync's thread after each page of items: @total is 0 when
 * the server does not say how many there are. */
typedef void (*BriefingSyncProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);

/* What the reader typed in "Add Account". */
typedef struct
{
  const char *kind;                 /* "ttrss" or "greader" */
  const char *server;
  const char *user;
  const char *password;
  const char *trusted_certificate;  /* PEM, or NULL */
} BriefingAccountLogin;

const char          *briefing_sync_kind_name        (const char                 *kind);
BriefingSyncBackend *briefing_sync_backend_new      (const char                 *kind,
                                                     BriefingSyncHttp           *http,
                                                     const char                 *server,
                                                     const char                 *user);

/* Synchronous, for briefingctl, tests and the async wrappers' threads. */
gint64               briefing_sync_add_account      (BriefingStore              *store,
                                                     const BriefingAccountLogin *login,
                                                     char                      **rejected_certificate,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);
gboolean             briefing_sync_remove_account   (BriefingStore              *store,
                                                     GError                    **error);
gboolean             briefing_sync_run              (BriefingStore              *store,
                                                     const char                 *password,
                                                     BriefingSyncProgressFunc    progress,
                                                     gpointer                    user_data,
                                                     BriefingSyncResult         *result,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);
gint64               briefing_sync_subscribe        (BriefingStore              *store,
                                                     const char                 *password,
                                                     const char                 *url,
                                                     const char                 *group,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);
gboolean             briefing_sync_unsubscribe      (BriefingStore              *store,
                                                     const char                 *password,
                                                     gint64                      source_id,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);

/* The same on a thread, for the window and the background service:
 * progress is reported on the caller's main context. */
void                 briefing_sync_run_async        (BriefingStore              *store,
                                                     BriefingSyncProgressFunc    progress,
                                                     gpointer                    progress_data,
                                                     GCancellable               *cancellable,
                                                     GAsyncReadyCallback         callback,
                                                     gpointer                    user_data);
gboolean             briefing_sync_run_finish       (GAsyncResult               *result,
                                                     BriefingSyncResult         *sync_result,
                                                     GError                    **error);
void                 briefing_sync_add_account_async (BriefingStore             *store,
                                                     const BriefingAccountLogin *login,
                                                     GCancellable               *cancellable,
                                                     GAsyncReadyCallback         callback,
                                                     gpointer                    user_data);
gint64               briefing_sync_add_account_finish (GAsyncResult             *result,
                                                     char                      **rejected_certificate,
                                                     GError                    **error);

void                 briefing_sync_remove_account_async  (BriefingStore         *store,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean             briefing_sync_remove_account_finish (GAsyncResult          *result,
                                                          GError               **error);

void                 briefing_sync_unsubscribe_async     (BriefingStore         *store,
                                                          gint64                 source_id,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean             briefing_sync_unsubscribe_finish    (GAsyncResult          *result,
                                                          GError               **error);

G_END_DECLS
