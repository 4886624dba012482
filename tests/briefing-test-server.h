/* briefing-test-server.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An in-process HTTP server on 127.0.0.1 serving canned responses, with
 * faults on demand. No test talks to anything but this. */

typedef enum
{
  TEST_FAULT_NONE,
  TEST_FAULT_DELAY,       /* answer after delay_ms */
  TEST_FAULT_STALL,       /* never answer */
  TEST_FAULT_TRUNCATE,    /* promise the whole body, send half, hang up */
  TEST_FAULT_HANG_UP,     /* close the connection without a word */
} TestFault;

typedef struct
{
  guint       status;          /* 0 means 200 */
  const char *content_type;    /* NULL: application/rss+xml */
  const char *body;            /* NULL: empty */
  gsize       body_len;        /* 0: strlen */
  const char *etag;            /* answered 304 when If-None-Match matches */
  const char *last_modified;   /* answered 304 when If-Modified-Since matches */
  const char *location;        /* for redirects */
  const char *retry_after;
  const char *cache_control;
  const char *content_encoding;  /* the body is already encoded so */
  TestFault   fault;
  guint       delay_ms;
} TestResponse;

typedef struct _TestServer TestServer;

TestServer *test_server_new           (void);
void        test_server_free          (TestServer         *server);
char       *test_server_url           (TestServer         *server,
                                       const char         *path);
void        test_server_set           (TestServer         *server,
                                       const char         *path,
                                       const TestResponse *response);
guint       test_server_hits          (TestServer         *server,
                                       const char         *path);
const char *test_server_last_header   (TestServer         *server,
                                       const char         *path,
                                       const char         *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

G_END_DECLS
