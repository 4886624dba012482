/* briefing-sync-backend.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

/* A sync server's API, as the sync engine (briefing-sync.c) sees it. Each
 * kind of server (Tiny Tiny RSS, the Google Reader API) implements it in
 * its own file. Every method is synchronous and runs on the sync's own
 * thread; every byte it returns came from the network and is checked
 * before the engine sees it (the bodies are sanitized later, by the same
 * code as a fetched feed's). */

#define BRIEFING_SYNC_ERROR (briefing_sync_error_quark ())

typedef enum
{
  BRIEFING_SYNC_ERROR_FAILED,
  BRIEFING_SYNC_ERROR_AUTH,          /* wrong user name or password */
  BRIEFING_SYNC_ERROR_NOT_SERVER,    /* the address answers, but not as this kind of server */
  BRIEFING_SYNC_ERROR_API_DISABLED,  /* the server refuses API access to this account */
  BRIEFING_SYNC_ERROR_UNREACHABLE,   /* no connection, a timeout, the server down */
  BRIEFING_SYNC_ERROR_UNTRUSTED,     /* TLS: a certificate the reader has not trusted */
  BRIEFING_SYNC_ERROR_TOO_LARGE,     /* an answer over the size cap */
  BRIEFING_SYNC_ERROR_REJECTED,      /* the server refused this one request */
  BRIEFING_SYNC_ERROR_NO_ACCOUNT,
} BriefingSyncError;

typedef enum
{
  BRIEFING_SYNC_FIELD_READ,
  BRIEFING_SYNC_FIELD_STARRED,
} BriefingSyncField;

/* A subscription on the server. */
struct _BriefingRemoteFeed
{
  char *id;        /* the server's id for it */
  char *title;
  char *url;       /* the feed's address */
  char *site_url;
  char *group;     /* its category or folder, NULL for none */
};

/* One article as the server gives it. Text fields are as the server sent
 * them (titles may hold entities; content is raw HTML). */
typedef struct
{
  char      *id;          /* the server's id, unique in the account */
  char      *feed_id;     /* a BriefingRemoteFeed id */
  char      *guid;        /* the feed's own id for it, when the server says */
  char      *title;
  char      *link;
  char      *author;
  char      *summary;     /* raw HTML, may be NULL */
  char      *content;     /* raw HTML, may be NULL */
  gint64     published;   /* Unix time */
  gint64     updated;
  gboolean   read;
  gboolean   starred;
  GPtrArray *enclosures;  /* BriefingEnclosure: attachments, images among them */
  GPtrArray *categories;  /* char *: the server's labels and tags */
} BriefingRemoteItem;

/* One page of a sync's new and changed items. The engine calls
 * fetch_items() with page->token NULL, then again with the token the
 * backend set, until the backend sets page->done. */
typedef struct
{
  const char *since;       /* in: the cursor the last complete sync ended with; NULL the first time */
  char       *token;       /* in/out: where the next page starts, the backend's own */
  GPtrArray  *items;       /* out: BriefingRemoteItem, owned by the page */
  gboolean    done;        /* out: this was the last page */
  char       *next_since;  /* out, with done: the cursor for the next sync */
  guint       total;       /* out: how many items this sync brings, when the server says; else 0 */
} BriefingSyncPage;

#define BRIEFING_TYPE_SYNC_BACKEND (briefing_sync_backend_get_type ())

G_DECLARE_INTERFACE (BriefingSyncBackend, briefing_sync_backend, BRIEFING, SYNC_BACKEND, GObject)

struct _BriefingSyncBackendInterface
{
  GTypeInterface parent_iface;

  /* What the account kind is called in settings and the CLI ("ttrss", "greader"). */
  const char *kind;

  gboolean    (*login)        (BriefingSyncBackend  *self,
                               const char           *password,
                               GCancellable         *cancellable,
                               GError              **error);
  GPtrArray  *(*list_feeds)   (BriefingSyncBackend  *self,
                               GCancellable         *cancellable,
                               GError              **error);
  gboolean    (*fetch_items)  (BriefingSyncBackend  *self,
                               BriefingSyncPage     *page,
                               GCancellable         *cancellable,
                               GError              **error);
  /* The ids of every unread item (field READ) or every starred item
   * (field STARRED) on the server, as a set; NULL with @error on failure.
   * *unchanged may be set instead (returning an empty set) when the
   * backend can tell nothing changed since @since_state, the string it
   * left in *next_state last time. */
  GHashTable *(*fetch_ids)    (BriefingSyncBackend  *self,
                               BriefingSyncField     field,
                               const char           *since_state,
                               char                **next_state,
                               gboolean             *unchanged,
                               GCancellable         *cancellable,
                               GError              **error);
  /* Optional: the string fetch_ids() would leave in *next_state, without
   * the ids; a first sync, whose items carried every item's state, asks
   * for only this. */
  char       *(*state_marker) (BriefingSyncBackend  *self,
                               BriefingSyncField     field,
                               GCancellable         *cancellable,
                               GError              **error);
  gboolean    (*send_state)   (BriefingSyncBackend  *self,
                               const char * const   *item_ids,
                               BriefingSyncField     field,
                               gboolean              value,
                               GCancellable         *cancellable,
                               GError              **error);
  /* Returns the new subscription's id. */
  char       *(*subscribe)    (BriefingSyncBackend  *self,
                               const char           *url,
                               const char           *group,
                               GCancellable         *cancellable,
                               GError              **error);
  gboolean    (*unsubscribe)  (BriefingSyncBackend  *self,
                               const char           *feed_id,
                               GCancellable         *cancellable,
                               GError              **error);
};

GQuark      briefing_sync_error_quark            (void);

void        briefing_remote_feed_free            (BriefingRemoteFeed   *feed);
BriefingRemoteItem *briefing_remote_item_new     (void);
void        briefing_remote_item_free            (BriefingRemoteItem   *item);
void        briefing_sync_page_clear             (BriefingSyncPage     *page);

const char *briefing_sync_backend_get_kind       (BriefingSyncBackend  *self);
gboolean    briefing_sync_backend_login          (BriefingSyncBackend  *self,
                                                  const char           *password,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
GPtrArray  *briefing_sync_backend_list_feeds     (BriefingSyncBackend  *self,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
gboolean    briefing_sync_backend_fetch_items    (BriefingSyncBackend  *self,
                                                  BriefingSyncPage     *page,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
GHashTable *briefing_sync_backend_fetch_ids      (BriefingSyncBackend  *self,
                                                  BriefingSyncField     field,
                                                  const char           *since_state,
                                                  char                **next_state,
                                                  gboolean             *unchanged,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
gboolean    briefing_sync_backend_state_marker   (BriefingSyncBackend  *self,
                                                  BriefingSyncField     field,
                                                  char                **marker,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
gboolean    briefing_sync_backend_send_state     (BriefingSyncBackend  *self,
                                                  const char * const   *item_ids,
                                                  BriefingSyncField     field,
                                                  gboolean              value,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
char       *briefing_sync_backend_subscribe      (BriefingSyncBackend  *self,
                                                  const char           *url,
                                                  const char           *group,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
gboolean    briefing_sync_backend_unsubscribe    (BriefingSyncBackend  *self,
                                                  const char           *feed_id,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* The two kinds. @server is the address the reader typed (normalised by
 * the backend: TT-RSS appends api/, the Google Reader API finds
 * api/greader.php or accepts the API's own root). */
BriefingSyncBackend *briefing_ttrss_new   (BriefingSyncHttp *http,
                                           const char       *server,
                                           const char       *user);
BriefingSyncBackend *briefing_greader_new (BriefingSyncHttp *http,
                                           const char       *server,
                                           const char       *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingRemoteFeed, briefing_remote_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingRemoteItem, briefing_remote_item_free)

G_END_DECLS
