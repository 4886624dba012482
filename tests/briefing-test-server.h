/* briefing-test-server.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An in-process HTTP server on a loopback address (127.0.0.1 unless told
 * otherwise) serving canned responses, with faults on demand. No test
 * talks to anything but this.
 *
 * The faults that need bytes no HTTP library would send (lies, stalls,
 * invalid headers, resets) take the connection over from libsoup and
 * write it themselves. Endless bodies and bombs are made as they are
 * written, a block at a time, so serving 2 GB costs the test nothing. */

typedef enum
{
  TEST_FAULT_NONE,
  TEST_FAULT_DELAY,         /* answer after delay_ms */
  TEST_FAULT_STALL,         /* never answer: not even a status line */
  TEST_FAULT_TRUNCATE,      /* promise the whole body, send half, hang up */
  TEST_FAULT_HANG_UP,       /* close the connection without a word */
  TEST_FAULT_STALL_BODY,    /* the headers (Content-Length of the body), then not one byte */
  TEST_FAULT_STREAM,        /* the headers, the body, then filler up to stream_len bytes in all */
  TEST_FAULT_DRIP,          /* the whole response, headers included, one byte every delay_ms */
  TEST_FAULT_RESET,         /* reset_after bytes of the response, then a reset (RST), not a close */
  TEST_FAULT_RAW,           /* the body is the whole response, status line and all, sent as is */
  TEST_FAULT_HEADER_FLOOD,  /* a status line, then header lines for stream_len bytes */
  TEST_FAULT_GZIP_BOMB,     /* gzip that expands to stream_len bytes: the body, then spaces */
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

  /* For the faults that write the connection themselves. */
  guint64     stream_len;      /* STREAM, HEADER_FLOOD, GZIP_BOMB: bytes in all; 0: without end */
  const char *filler;          /* STREAM: repeated after the body; NULL: spaces */
  gboolean    chunked;         /* STREAM: chunked transfer encoding rather than a close at the end */
  const char *content_length;  /* Content-Length sent as is (a lie, or not a number) instead of the truth */
  gsize       reset_after;     /* RESET: bytes of the response sent before the reset */
} TestResponse;

typedef struct _TestServer TestServer;

TestServer *test_server_new             (void);
TestServer *test_server_new_on_address  (const char         *address);
void        test_server_free            (TestServer         *server);
char       *test_server_url             (TestServer         *server,
                                         const char         *path);
void        test_server_set             (TestServer         *server,
                                         const char         *path,
                                         const TestResponse *response);
guint       test_server_hits            (TestServer         *server,
                                         const char         *path);
const char *test_server_last_header     (TestServer         *server,
                                         const char         *path,
                                         const char         *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

G_END_DECLS
