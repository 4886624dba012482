/* greader-test-server.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A Google Reader API server in the test's own process, on 127.0.0.1 and
 * a port of its choosing, answering as FreshRSS's p/api/greader.php does
 * (tests/fixtures/greader/ has its answers' shapes), or as Miniflux does.
 * It runs on a thread of its own, so that code under test may make
 * blocking requests from any thread, the test's included; every function
 * here may be called from any thread.
 *
 * The state is in memory and shared by all its users. Items are kept in
 * the order they were added, which is also the order of their ids (for
 * FreshRSS, the microsecond they were added, on the server's clock), so
 * that pages of a large account are served by binary search. */

typedef enum
{
  GREADER_FLAVOUR_FRESHRSS,  /* the API at /api/greader.php; everything else is 404 */
  GREADER_FLAVOUR_MINIFLUX,  /* the API at /; no stream/contents (it answers "[]"); POSTs signed by T alone */
} GreaderFlavour;

typedef enum
{
  GREADER_FAULT_NONE,
  GREADER_FAULT_DOWN,               /* every connection is closed without an answer */
  GREADER_FAULT_500,                /* every request is answered 500 Internal Server Error! */
  GREADER_FAULT_DROP_AFTER_N,       /* n more requests are answered, then as DOWN */
} GreaderFault;

typedef struct
{
  const char *feed_id;           /* "feed/1", as add_feed() returned */
  const char *title;             /* NULL: made up */
  const char *link;              /* NULL: made up */
  const char *author;            /* NULL: none */
  const char *content;           /* NULL: a paragraph and an image */
  gint64      published;         /* 0: now, on the server's clock */
  gboolean    read;
  gboolean    starred;
  const char *enclosure_url;     /* NULL: none */
  const char *enclosure_type;
  gint64      enclosure_length;
} GreaderTestItem;

typedef struct _GreaderTestServer GreaderTestServer;

GreaderTestServer *greader_test_server_new               (void);
GreaderTestServer *greader_test_server_new_flavour       (GreaderFlavour      flavour);
void               greader_test_server_free              (GreaderTestServer  *server);

/* The address a reader types: FreshRSS's http://127.0.0.1:port/api/greader.php,
 * Miniflux's http://127.0.0.1:port. */
const char        *greader_test_server_get_url           (GreaderTestServer  *server);
/* http://127.0.0.1:port/, where FreshRSS itself would be. */
const char        *greader_test_server_get_root_url      (GreaderTestServer  *server);

/* Accounts. A user without @api_enabled has no API password: FreshRSS
 * then refuses ClientLogin with the 401 of a wrong password. A disabled
 * user signs in, and is refused everything else with 401. The API
 * switched off answers every request 503 Service Unavailable!. */
void               greader_test_server_add_user          (GreaderTestServer  *server,
                                                          const char         *user,
                                                          const char         *password,
                                                          gboolean            api_enabled);
void               greader_test_server_set_user_enabled  (GreaderTestServer  *server,
                                                          const char         *user,
                                                          gboolean            enabled);
void               greader_test_server_set_api_enabled   (GreaderTestServer  *server,
                                                          gboolean            enabled);
/* Edit tokens handed out so far are refused from now on (Google's
 * expired), the sign-in stays good. */
void               greader_test_server_expire_tokens     (GreaderTestServer  *server);

/* Subscriptions. @id: "feed/<number>", or NULL for the next number.
 * @group: NULL for FreshRSS's default category, "Uncategorized".
 * Returns the feed's stream id, valid as long as the feed. */
const char        *greader_test_server_add_feed          (GreaderTestServer  *server,
                                                          const char         *id,
                                                          const char         *title,
                                                          const char         *url,
                                                          const char         *group);
gboolean           greader_test_server_has_feed          (GreaderTestServer  *server,
                                                          const char         *url,
                                                          char              **id,
                                                          char              **group);
guint              greader_test_server_count_feeds       (GreaderTestServer  *server);

/* Articles. Ids are returned in the long form,
 * "tag:google.com,2005:reader/item/<16 hex digits>"; the functions
 * taking one also take the decimal form. */
char              *greader_test_server_add_item          (GreaderTestServer     *server,
                                                          const GreaderTestItem *item);
/* @n made-up articles of @feed_id, unread, each with an image. */
void               greader_test_server_add_items         (GreaderTestServer  *server,
                                                          const char         *feed_id,
                                                          guint               n);
/* Returns: (transfer full) (element-type utf8): every item's id, oldest first. */
GPtrArray         *greader_test_server_get_item_ids      (GreaderTestServer  *server);
gboolean           greader_test_server_set_state         (GreaderTestServer  *server,
                                                          const char         *id,
                                                          gboolean            read,
                                                          gboolean            starred);
gboolean           greader_test_server_get_state         (GreaderTestServer  *server,
                                                          const char         *id,
                                                          gboolean           *read,
                                                          gboolean           *starred);
guint              greader_test_server_count_items       (GreaderTestServer  *server,
                                                          gboolean            unread_only,
                                                          gboolean            starred_only);
/* Moves the server's clock, which dates new articles, @seconds ahead. */
void               greader_test_server_advance_clock     (GreaderTestServer  *server,
                                                          guint               seconds);

/* Faults and canned answers. @n: for DROP_AFTER_N. */
void               greader_test_server_set_fault         (GreaderTestServer  *server,
                                                          GreaderFault        fault,
                                                          guint               n);
/* Answers requests for @path (the whole path, "/api/greader.php/reader/api/0/token",
 * or "*" for every path) with this instead of the protocol. @body_len -1: a string. */
void               greader_test_server_set_answer        (GreaderTestServer  *server,
                                                          const char         *path,
                                                          guint               status,
                                                          const char         *content_type,
                                                          const char         *body,
                                                          gssize              body_len);
void               greader_test_server_clear_answers     (GreaderTestServer  *server);

/* Requests counted by their path below the API's root ("accounts/ClientLogin",
 * "reader/api/0/stream/contents/user/-/state/com.google/reading-list"),
 * or all of them for NULL. */
guint              greader_test_server_get_request_count (GreaderTestServer  *server,
                                                          const char         *path);
/* Returns: (transfer full) (nullable): the last request for @path's query
 * string and form, joined by '&'. */
char              *greader_test_server_get_last_request  (GreaderTestServer  *server,
                                                          const char         *path);
void               greader_test_server_reset_counts      (GreaderTestServer  *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GreaderTestServer, greader_test_server_free)

G_END_DECLS
