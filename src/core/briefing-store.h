/* briefing-store.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_STORE (briefing_store_get_type())
#define BRIEFING_STORE_ERROR (briefing_store_error_quark ())

G_DECLARE_FINAL_TYPE (BriefingStore, briefing_store, BRIEFING, STORE, GObject)

typedef enum
{
  BRIEFING_STORE_ERROR_FAILED,
  BRIEFING_STORE_ERROR_NOT_FOUND,
  BRIEFING_STORE_ERROR_DUPLICATE,
  BRIEFING_STORE_ERROR_CORRUPT,
  BRIEFING_STORE_ERROR_TOO_NEW,
} BriefingStoreError;

/* What BriefingStore::entry-changed reports as changed. */
typedef enum
{
  BRIEFING_ENTRY_FIELD_READ,
  BRIEFING_ENTRY_FIELD_STARRED,
} BriefingEntryField;

/* What BriefingStore::source-changed reports. */
typedef enum
{
  BRIEFING_SOURCE_CHANGE_ADDED,
  BRIEFING_SOURCE_CHANGE_RENAMED,
  BRIEFING_SOURCE_CHANGE_REMOVED,
  BRIEFING_SOURCE_CHANGE_STATUS,   /* a refresh recorded its outcome */
  BRIEFING_SOURCE_CHANGE_COUNTS,   /* unread counts changed */
} BriefingSourceChange;

#define BRIEFING_TYPE_ENTRY_FIELD (briefing_entry_field_get_type ())
#define BRIEFING_TYPE_SOURCE_CHANGE (briefing_source_change_get_type ())
GType briefing_entry_field_get_type   (void) G_GNUC_CONST;
GType briefing_source_change_get_type (void) G_GNUC_CONST;

typedef struct
{
  gint64      source_id;   /* 0: every source */
  const char *topic;       /* NULL: any topic */
  const char *search;      /* NULL: no full-text condition */
  gboolean    unread_only;
  gboolean    starred_only;
  guint       limit;       /* 0: no limit */
  guint       offset;
  gint64      before_published;  /* with before_id: only entries listed after this one */
  gint64      before_id;         /* 0: from the newest */
  gboolean    stories_once;      /* a story's newest matching entry only */
} BriefingQuery;

BriefingQuery  *briefing_query_copy (const BriefingQuery *query);
void            briefing_query_free (BriefingQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingQuery, briefing_query_free)

typedef struct
{
  guint added;
  guint updated;
  guint unchanged;
} BriefingSaveResult;

/* How one refresh of one source went, as the store records it. */
typedef struct
{
  gint64      source_id;
  gint64      attempted;        /* Unix time of the attempt */
  gboolean    success;          /* fetched (or not modified) and stored */
  const char *status;           /* "new", "updated", "not-modified" or "error" */
  const char *error;            /* in words a reader understands, on failure */
  const char *etag;             /* validators to send next time */
  const char *last_modified;
  gint64      next_attempt;     /* not before this, by our backoff or the feed's own ttl/max-age */
  gint64      retry_after;      /* not before this, by the server's Retry-After */
  const char *disabled_reason;  /* set to stop fetching the source (410 Gone) */
  const char *new_url;          /* set to move the source (permanent redirect) */
} BriefingFetchRecord;

GQuark          briefing_store_error_quark      (void);
char           *briefing_store_default_path     (void);
BriefingStore  *briefing_store_open             (const char          *path,
                                                 GError             **error);
const char     *briefing_store_get_path         (BriefingStore       *self);

/* Synchronous API: for briefingctl, tests, and the store's own worker
 * thread. The UI and the session use the _async variants in
 * briefing-store-tasks.c, which run these on the worker thread. */
gint64          briefing_store_add_source       (BriefingStore       *self,
                                                 const char          *url,
                                                 const char          *title,
                                                 const char          *group,
                                                 GError             **error);
gboolean        briefing_store_set_source_muted (BriefingStore       *self,
                                                 gint64               source_id,
                                                 gboolean             muted,
                                                 GError             **error);
GPtrArray      *briefing_store_list_arrivals    (BriefingStore       *self,
                                                 gint64               since,
                                                 guint                limit,
                                                 guint               *total,
                                                 GError             **error);
gboolean        briefing_store_remove_source    (BriefingStore       *self,
                                                 gint64               source_id,
                                                 GError             **error);
gboolean        briefing_store_rename_source    (BriefingStore       *self,
                                                 gint64               source_id,
                                                 const char          *title,
                                                 GError             **error);
GPtrArray      *briefing_store_list_sources     (BriefingStore       *self,
                                                 GError             **error);
BriefingSource *briefing_store_get_source       (BriefingStore       *self,
                                                 gint64               source_id,
                                                 GError             **error);
gint64          briefing_store_find_source      (BriefingStore       *self,
                                                 const char          *url);
gboolean        briefing_store_begin_batch      (BriefingStore       *self,
                                                 GError             **error);
gboolean        briefing_store_end_batch        (BriefingStore       *self,
                                                 gboolean             commit,
                                                 GError             **error);
gboolean        briefing_store_record_fetch     (BriefingStore              *self,
                                                 const BriefingFetchRecord  *record,
                                                 GError                    **error);
gboolean        briefing_store_prune            (BriefingStore       *self,
                                                 gint64               older_than,
                                                 guint                keep_per_source,
                                                 guint               *removed,
                                                 GError             **error);
gboolean        briefing_store_check_integrity  (BriefingStore       *self,
                                                 GError             **error);
void            briefing_store_prepare_feed     (BriefingFeed        *feed);
gboolean        briefing_store_save_feed        (BriefingStore       *self,
                                                 gint64               source_id,
                                                 BriefingFeed        *feed,
                                                 gint64               fetched,
                                                 BriefingSaveResult  *result,
                                                 GError             **error);
GPtrArray      *briefing_store_list_entries     (BriefingStore       *self,
                                                 const BriefingQuery *query,
                                                 GError             **error);
GPtrArray      *briefing_store_search           (BriefingStore       *self,
                                                 const char * const  *terms,
                                                 guint                limit,
                                                 GError             **error);
GPtrArray      *briefing_store_list_entries_by_id (BriefingStore     *self,
                                                 GArray              *entry_ids,
                                                 GError             **error);
BriefingEntry  *briefing_store_get_entry        (BriefingStore       *self,
                                                 gint64               entry_id,
                                                 GError             **error);
gboolean        briefing_store_set_read         (BriefingStore       *self,
                                                 gint64               entry_id,
                                                 gboolean             read,
                                                 GError             **error);
GArray         *briefing_store_mark_all_read    (BriefingStore       *self,
                                                 const BriefingQuery *query,
                                                 GError             **error);
gboolean        briefing_store_set_read_many    (BriefingStore       *self,
                                                 GArray              *entry_ids,
                                                 gboolean             read,
                                                 GError             **error);
gboolean        briefing_store_set_starred_many (BriefingStore       *self,
                                                 GArray              *entry_ids,
                                                 gboolean             starred,
                                                 GError             **error);
gboolean        briefing_store_set_starred      (BriefingStore       *self,
                                                 gint64               entry_id,
                                                 gboolean             starred,
                                                 GError             **error);
GPtrArray      *briefing_store_list_related     (BriefingStore       *self,
                                                 gint64               entry_id,
                                                 guint                limit,
                                                 GError             **error);

/* One event across sources */
typedef struct
{
  gint64     id;
  char      *title;
  GPtrArray *entries;   /* BriefingEntry, oldest first */
  GPtrArray *topics;    /* BriefingTopic the entries share, most salient first */
} BriefingStory;

void            briefing_story_free             (BriefingStory       *story);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingStory, briefing_story_free)

gboolean        briefing_store_group_stories    (BriefingStore       *self,
                                                 guint                max_entries,
                                                 guint               *done,
                                                 GError             **error);
gint64          briefing_store_get_story        (BriefingStore       *self,
                                                 gint64               entry_id);
GPtrArray      *briefing_store_list_coverage    (BriefingStore       *self,
                                                 gint64               entry_id,
                                                 GError             **error);
GPtrArray      *briefing_store_list_stories     (BriefingStore       *self,
                                                 guint                limit,
                                                 GError             **error);
char           *briefing_store_get_meta         (BriefingStore       *self,
                                                 const char          *key);
gboolean        briefing_store_set_meta         (BriefingStore       *self,
                                                 const char          *key,
                                                 const char          *value,
                                                 GError             **error);

/* A sync server account (briefing-store-sync.c). Its password is in the
 * Secret Service, never here. */
typedef struct
{
  gint64  id;
  char   *kind;                 /* "ttrss" or "greader" */
  char   *server;
  char   *user;
  char   *trusted_certificate;  /* PEM the reader trusted, for a self-signed server */
  char   *cursor;               /* where the next sync's new items start */
  char   *read_state;           /* the backends' own notes on the server's state */
  char   *starred_state;
  gint64  last_sync;            /* Unix time of the last complete sync */
  gint64  last_attempt;
  char   *last_error;
} BriefingAccount;

/* A change of read or starred made here, waiting for the server. */
typedef struct
{
  gint64              seq;
  gint64              source_id;
  char               *item;     /* the server's id for the entry */
  BriefingEntryField  field;
  gboolean            value;
  gint64              changed;
} BriefingQueuedChange;

void            briefing_account_free              (BriefingAccount        *account);
void            briefing_queued_change_free        (BriefingQueuedChange   *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingAccount, briefing_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingQueuedChange, briefing_queued_change_free)

gint64          briefing_store_add_account         (BriefingStore          *self,
                                                    const char             *kind,
                                                    const char             *server,
                                                    const char             *user,
                                                    const char             *trusted_certificate,
                                                    GError                **error);
BriefingAccount *briefing_store_get_account        (BriefingStore          *self,
                                                    GError                **error);
gboolean        briefing_store_save_account        (BriefingStore          *self,
                                                    const BriefingAccount  *account,
                                                    GError                **error);
gboolean        briefing_store_remove_account      (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    GError                **error);
GHashTable     *briefing_store_list_remote_sources (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    GError                **error);
gint64          briefing_store_save_remote_source  (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    const BriefingRemoteFeed *feed,
                                                    GError                **error);
GPtrArray      *briefing_store_list_queued         (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    guint                   limit,
                                                    GError                **error);
gboolean        briefing_store_drop_queued         (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    gint64                  through_seq,
                                                    GError                **error);
guint           briefing_store_count_queued        (BriefingStore          *self,
                                                    gint64                  account_id);
gboolean        briefing_store_apply_remote_state  (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    BriefingEntryField      field,
                                                    GHashTable             *marked,
                                                    gboolean                marked_value,
                                                    gint64                  last_sync,
                                                    gint64                  now,
                                                    GError                **error);
gboolean        briefing_store_apply_remote_items  (BriefingStore          *self,
                                                    gint64                  account_id,
                                                    GPtrArray              *items,
                                                    GHashTable             *source_ids,
                                                    gint64                  last_sync,
                                                    gint64                  now,
                                                    GError                **error);

G_END_DECLS
