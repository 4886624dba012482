/* briefing-test-server.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-test-server.h"

#include <string.h>
#include <sys/socket.h>
#include <zlib.h>

struct _TestServer
{
  SoupServer *server;
  char       *host;        /* as it goes in a URL */
  guint       port;
  GHashTable *responses;   /* path -> Entry */
  GPtrArray  *raws;        /* connections we write ourselves, still open */
};

/* A gzip body that expands to far more than it weighs: the gzip header
 * and the body, then one deflated block of spaces written again and
 * again, then the end of the stream and its trailer. */
typedef struct
{
  GBytes  *start;
  GBytes  *block;
  guint64  n_blocks;       /* G_MAXUINT64: without end */
  GBytes  *tail;
} GzipBomb;

typedef struct
{
  TestResponse  response;
  char         *body;
  gsize         body_len;
  char         *strings[10];
  guint         hits;
  GHashTable   *last_headers;
  GzipBomb      bomb;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->body);
  for (guint i = 0; i < G_N_ELEMENTS (entry->strings); i++)
    g_free (entry->strings[i]);
  g_clear_pointer (&entry->last_headers, g_hash_table_unref);
  g_clear_pointer (&entry->bomb.start, g_bytes_unref);
  g_clear_pointer (&entry->bomb.block, g_bytes_unref);
  g_clear_pointer (&entry->bomb.tail, g_bytes_unref);
  g_free (entry);
}

/* Gzip bombs ------------------------------------------------------------------ */

#define BOMB_SEGMENT (1024 * 1024)

/* Deflates @len bytes of @data into what @flush makes of them. */
static GBytes *
deflate_piece (z_stream   *z,
               const void *data,
               gsize       len,
               int         flush)
{
  GByteArray *out = g_byte_array_new ();
  guint8 buffer[16384];
  int ret;

  z->next_in = (Bytef *) data;
  z->avail_in = (uInt) len;
  do
    {
      z->next_out = buffer;
      z->avail_out = sizeof buffer;
      ret = deflate (z, flush);
      g_assert (ret != Z_STREAM_ERROR);
      g_byte_array_append (out, buffer, sizeof buffer - z->avail_out);
    }
  while (z->avail_out == 0);

  return g_byte_array_free_to_bytes (out);
}

static void
append_le32 (GByteArray *out,
             guint32     value)
{
  guint8 bytes[4] = { value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, (value >> 24) & 0xFF };

  g_byte_array_append (out, bytes, 4);
}

/* The CRC-32 of @n copies of a block of @len bytes whose CRC is @crc,
 * by doubling: a 10 GB bomb is made in a moment. */
static uLong
crc32_repeated (uLong   crc,
                guint64 len,
                guint64 n)
{
  uLong result = 0;
  guint64 result_len = 0;

  for (; n > 0; n >>= 1)
    {
      if (n & 1)
        {
          result = result_len == 0 ? crc : crc32_combine (result, crc, (z_off_t) len);
          result_len += len;
        }
      crc = crc32_combine (crc, crc, (z_off_t) len);
      len *= 2;
    }

  return result;
}

/* After a full flush deflate starts afresh, so every segment of spaces
 * deflates to the same bytes, and the whole stream is the first segment
 * followed by copies. */
static void
gzip_bomb_init (GzipBomb   *bomb,
                const char *prefix,
                gsize       prefix_len,
                guint64     expanded)
{
  static const guint8 header[10] = { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3 };
  g_autofree char *spaces = g_malloc (BOMB_SEGMENT);
  g_autoptr(GBytes) deflated_prefix = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) end = NULL;
  GByteArray *start = g_byte_array_new ();
  GByteArray *tail = g_byte_array_new ();
  z_stream z = { 0, };
  uLong crc;

  memset (spaces, ' ', BOMB_SEGMENT);
  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  deflated_prefix = deflate_piece (&z, prefix, prefix_len, Z_FULL_FLUSH);
  bomb->block = deflate_piece (&z, spaces, BOMB_SEGMENT, Z_FULL_FLUSH);
  again = deflate_piece (&z, spaces, BOMB_SEGMENT, Z_FULL_FLUSH);
  g_assert_true (g_bytes_equal (bomb->block, again));
  end = deflate_piece (&z, NULL, 0, Z_FINISH);
  deflateEnd (&z);

  g_byte_array_append (start, header, sizeof header);
  g_byte_array_append (start, g_bytes_get_data (deflated_prefix, NULL), g_bytes_get_size (deflated_prefix));
  bomb->start = g_byte_array_free_to_bytes (start);

  if (expanded == 0)
    {
      bomb->n_blocks = G_MAXUINT64;
      bomb->tail = g_bytes_new (NULL, 0);
      return;
    }

  bomb->n_blocks = MAX ((expanded - MIN (expanded, prefix_len)) / BOMB_SEGMENT, 1);
  crc = crc32_combine (crc32 (0, (const Bytef *) prefix, (uInt) prefix_len),
                       crc32_repeated (crc32 (0, (const Bytef *) spaces, BOMB_SEGMENT), BOMB_SEGMENT, bomb->n_blocks),
                       (z_off_t) (bomb->n_blocks * BOMB_SEGMENT));
  g_byte_array_append (tail, g_bytes_get_data (end, NULL), g_bytes_get_size (end));
  append_le32 (tail, (guint32) crc);
  append_le32 (tail, (guint32) (prefix_len + bomb->n_blocks * BOMB_SEGMENT));
  bomb->tail = g_byte_array_free_to_bytes (tail);
}

static guint64
gzip_bomb_size (const GzipBomb *bomb)
{
  return g_bytes_get_size (bomb->start) + bomb->n_blocks * g_bytes_get_size (bomb->block) +
         g_bytes_get_size (bomb->tail);
}

static const char *
keep (Entry      *entry,
      guint       slot,
      const char *value)
{
  entry->strings[slot] = g_strdup (value);

  return entry->strings[slot];
}

void
test_server_set (TestServer         *server,
                 const char         *path,
                 const TestResponse *response)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->response = *response;
  entry->body_len = response->body == NULL ? 0 : response->body_len > 0 ? (gsize) response->body_len : strlen (response->body);
  entry->body = g_memdup2 (response->body != NULL ? response->body : "", entry->body_len + 1);
  entry->response.content_type = keep (entry, 0, response->content_type);
  entry->response.etag = keep (entry, 1, response->etag);
  entry->response.last_modified = keep (entry, 2, response->last_modified);
  entry->response.location = keep (entry, 3, response->location);
  entry->response.retry_after = keep (entry, 4, response->retry_after);
  entry->response.cache_control = keep (entry, 5, response->cache_control);
  entry->response.content_encoding = keep (entry, 6, response->content_encoding);
  entry->response.filler = keep (entry, 7, response->filler);
  entry->response.content_length = keep (entry, 8, response->content_length);
  entry->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (response->fault == TEST_FAULT_GZIP_BOMB)
    gzip_bomb_init (&entry->bomb, entry->body, entry->body_len, response->stream_len);

  /* Keep the hit count and last headers of a path across replacements:
   * tests change a response between fetches and count the requests. */
  {
    Entry *old = g_hash_table_lookup (server->responses, path);

    if (old != NULL)
      entry->hits = old->hits;
  }

  g_hash_table_insert (server->responses, g_strdup (path), entry);
}

guint
test_server_hits (TestServer *server,
                  const char *path)
{
  Entry *entry = g_hash_table_lookup (server->responses, path);

  return entry != NULL ? entry->hits : 0;
}

const char *
test_server_last_header (TestServer *server,
                         const char *path,
                         const char *header)
{
  Entry *entry = g_hash_table_lookup (server->responses, path);

  return entry != NULL ? g_hash_table_lookup (entry->last_headers, header) : NULL;
}

/* Connections we write ourselves -------------------------------------------- */

/* What a Raw connection writes after its first bytes, made as it goes. */
typedef enum
{
  PRODUCE_NOTHING,
  PRODUCE_BLOCKS,           /* copies of block (the last one cut short) */
  PRODUCE_CHUNKS,           /* the same, each framed as a chunk */
} Produce;

typedef struct
{
  TestServer   *server;
  GIOStream    *stream;
  GSocket      *socket;
  GCancellable *cancellable;
  GBytes       *current;          /* being written */
  gsize         offset;           /* into current */
  Produce       produce;
  GBytes       *block;
  guint64       remaining;        /* generated bytes still to write; G_MAXUINT64: without end */
  GBytes       *tail;             /* after the last block */
  gsize         step;             /* bytes per write at most: 1 for a drip */
  guint         delay_ms;         /* between writes */
  gboolean      reset;            /* reset once reset_after bytes are written */
  guint64       reset_after;
  gboolean      hold;             /* keep the connection open once all is written */
  guint64       written;
  guint         timeout_id;
} Raw;

static void raw_write (Raw *raw);

static void
raw_free (Raw *raw)
{
  g_clear_handle_id (&raw->timeout_id, g_source_remove);
  g_cancellable_cancel (raw->cancellable);
  if (raw->stream != NULL && !g_io_stream_is_closed (raw->stream))
    g_io_stream_close (raw->stream, NULL, NULL);
  g_clear_object (&raw->stream);
  g_clear_object (&raw->socket);
  g_clear_object (&raw->cancellable);
  g_clear_pointer (&raw->current, g_bytes_unref);
  g_clear_pointer (&raw->block, g_bytes_unref);
  g_clear_pointer (&raw->tail, g_bytes_unref);
  g_free (raw);
}

/* Done with the connection, one way or the other. */
static void
raw_finish (Raw *raw)
{
  g_ptr_array_remove_fast (raw->server->raws, raw);
}

/* A close with SO_LINGER at zero sends a reset (RST) instead of the
 * orderly end of the stream: the peer sees ECONNRESET. */
static void
raw_reset (Raw *raw)
{
  struct linger linger = { 1, 0 };

  setsockopt (g_socket_get_fd (raw->socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  g_io_stream_close (raw->stream, NULL, NULL);
  raw_finish (raw);
}

/* The next piece to write, or NULL when there is no more. */
static GBytes *
raw_next (Raw *raw)
{
  if (raw->produce != PRODUCE_NOTHING && raw->remaining > 0)
    {
      gsize n = (gsize) MIN (raw->remaining, (guint64) g_bytes_get_size (raw->block));
      g_autoptr(GBytes) piece = g_bytes_new_from_bytes (raw->block, 0, n);

      if (raw->remaining != G_MAXUINT64)
        raw->remaining -= n;

      if (raw->produce == PRODUCE_CHUNKS)
        {
          g_autofree char *size = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", n);
          GByteArray *chunk = g_byte_array_sized_new (n + 32);

          g_byte_array_append (chunk, (const guint8 *) size, strlen (size));
          g_byte_array_append (chunk, g_bytes_get_data (piece, NULL), n);
          g_byte_array_append (chunk, (const guint8 *) "\r\n", 2);
          return g_byte_array_free_to_bytes (chunk);
        }

      return g_steal_pointer (&piece);
    }

  return g_steal_pointer (&raw->tail);
}

static gboolean
raw_write_later_cb (gpointer user_data)
{
  Raw *raw = user_data;

  raw->timeout_id = 0;
  raw_write (raw);

  return G_SOURCE_REMOVE;
}

static void
raw_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gssize written;
  Raw *raw;

  written = g_output_stream_write_finish (G_OUTPUT_STREAM (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  raw = user_data;
  if (written < 0)
    {
      /* The client has had enough; that is how endless bodies end. */
      raw_finish (raw);
      return;
    }

  raw->offset += written;
  raw->written += written;

  if (raw->delay_ms > 0)
    raw->timeout_id = g_timeout_add (raw->delay_ms, raw_write_later_cb, raw);
  else
    raw_write (raw);
}

static void
raw_write (Raw *raw)
{
  GOutputStream *out = g_io_stream_get_output_stream (raw->stream);
  gsize n;

  while (raw->current != NULL && raw->offset == g_bytes_get_size (raw->current))
    {
      g_clear_pointer (&raw->current, g_bytes_unref);
      raw->offset = 0;
      raw->current = raw_next (raw);
    }

  if (raw->reset && raw->written >= raw->reset_after)
    {
      raw_reset (raw);
      return;
    }

  if (raw->current == NULL)
    {
      if (!raw->hold)
        {
          g_io_stream_close (raw->stream, NULL, NULL);
          raw_finish (raw);
        }
      return;
    }

  n = MIN (g_bytes_get_size (raw->current) - raw->offset, raw->step);
  if (raw->reset)
    n = (gsize) MIN ((guint64) n, raw->reset_after - raw->written);

  g_output_stream_write_async (out, (const guint8 *) g_bytes_get_data (raw->current, NULL) + raw->offset, n,
                               G_PRIORITY_DEFAULT, raw->cancellable, raw_written_cb, raw);
}

/* Takes the connection over from libsoup, to write @first and whatever
 * the caller sets up to follow. */
static Raw *
raw_new (TestServer        *server,
         SoupServerMessage *msg,
         GBytes            *first)
{
  Raw *raw = g_new0 (Raw, 1);

  raw->server = server;
  raw->socket = g_object_ref (soup_server_message_get_socket (msg));
  raw->stream = soup_server_message_steal_connection (msg);
  raw->cancellable = g_cancellable_new ();
  raw->current = g_bytes_ref (first);
  raw->step = G_MAXSSIZE;
  g_ptr_array_add (server->raws, raw);

  return raw;
}

/* The status line and headers of @response, as a server would write
 * them; @length is the Content-Length, or NULL for none. */
static GString *
head_new (const TestResponse *response,
          const char         *length,
          gboolean            chunked,
          gboolean            complete)
{
  guint status = response->status != 0 ? response->status : 200;
  const char *reason = soup_status_get_phrase (status);
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status, reason != NULL ? reason : "Unknown");
  g_string_append_printf (head, "Content-Type: %s\r\n",
                          response->content_type != NULL ? response->content_type : "application/rss+xml");
  if (response->location != NULL)
    g_string_append_printf (head, "Location: %s\r\n", response->location);
  if (response->retry_after != NULL)
    g_string_append_printf (head, "Retry-After: %s\r\n", response->retry_after);
  if (response->content_encoding != NULL)
    g_string_append_printf (head, "Content-Encoding: %s\r\n", response->content_encoding);
  if (chunked)
    g_string_append (head, "Transfer-Encoding: chunked\r\n");
  if (response->content_length != NULL)
    g_string_append_printf (head, "Content-Length: %s\r\n", response->content_length);
  else if (length != NULL)
    g_string_append_printf (head, "Content-Length: %s\r\n", length);
  g_string_append (head, "Connection: close\r\n");
  if (complete)
    g_string_append (head, "\r\n");

  return head;
}

static GBytes *
string_to_bytes (GString *string)
{
  return g_string_free_to_bytes (string);
}

/* @len bytes of @pattern over and over. */
static GBytes *
repeated_block (const char *pattern,
                gsize       len)
{
  gsize pattern_len = strlen (pattern);
  char *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = pattern[i % pattern_len];

  return g_bytes_new_take (data, len);
}

#define STREAM_BLOCK (64 * 1024)

/* Headers, the body, then filler up to stream_len bytes (or without
 * end), either framed as chunks or ended by the close. */
static void
send_stream (TestServer        *server,
             SoupServerMessage *msg,
             Entry             *entry)
{
  const TestResponse *response = &entry->response;
  guint64 total = response->stream_len;
  g_autofree char *length = total > 0 && !response->chunked ? g_strdup_printf ("%" G_GUINT64_FORMAT, total) : NULL;
  GString *first = head_new (response, length, response->chunked, TRUE);
  g_autoptr(GBytes) bytes = NULL;
  Raw *raw;

  if (response->chunked && entry->body_len > 0)
    {
      g_string_append_printf (first, "%" G_GSIZE_MODIFIER "x\r\n", entry->body_len);
      g_string_append_len (first, entry->body, entry->body_len);
      g_string_append (first, "\r\n");
    }
  else
    g_string_append_len (first, entry->body, entry->body_len);

  bytes = string_to_bytes (first);
  raw = raw_new (server, msg, bytes);
  raw->produce = response->chunked ? PRODUCE_CHUNKS : PRODUCE_BLOCKS;
  raw->block = repeated_block (response->filler != NULL ? response->filler : " ", STREAM_BLOCK);
  raw->remaining = total == 0 ? G_MAXUINT64 : total - MIN (total, entry->body_len);
  raw->tail = g_bytes_new_static (response->chunked ? "0\r\n\r\n" : "", response->chunked ? 5 : 0);
  raw->delay_ms = response->delay_ms;
  raw_write (raw);
}

/* A status line, then header lines of 32 bytes each until stream_len
 * bytes are sent (or without end), then the body. */
static void
send_header_flood (TestServer        *server,
                   SoupServerMessage *msg,
                   Entry             *entry)
{
  const char line[] = "X-Flood: aaaaaaaaaaaaaaaaaaaaa\r\n";
  g_autoptr(GBytes) first = g_bytes_new_static ("HTTP/1.1 200 OK\r\n", 17);
  g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT, entry->body_len);
  g_autoptr(GString) rest = head_new (&entry->response, length, FALSE, TRUE);
  Raw *raw;

  G_STATIC_ASSERT (sizeof line - 1 == 32);

  /* The rest of the head, without its status line, ends the flood. */
  g_string_erase (rest, 0, strchr (rest->str, '\n') + 1 - rest->str);
  g_string_append_len (rest, entry->body, entry->body_len);

  raw = raw_new (server, msg, first);
  raw->produce = PRODUCE_BLOCKS;
  raw->block = repeated_block (line, STREAM_BLOCK);
  raw->remaining = entry->response.stream_len == 0 ? G_MAXUINT64 : (entry->response.stream_len + 31) / 32 * 32;
  raw->tail = g_string_free_to_bytes (g_steal_pointer (&rest));
  raw_write (raw);
}

static void
send_gzip_bomb (TestServer        *server,
                SoupServerMessage *msg,
                Entry             *entry)
{
  TestResponse response = entry->response;
  GzipBomb *bomb = &entry->bomb;
  g_autofree char *length = NULL;
  g_autoptr(GBytes) first = NULL;
  GString *head;
  Raw *raw;

  if (bomb->n_blocks != G_MAXUINT64)
    length = g_strdup_printf ("%" G_GUINT64_FORMAT, gzip_bomb_size (bomb));
  if (response.content_encoding == NULL)
    response.content_encoding = "gzip";

  head = head_new (&response, length, FALSE, TRUE);
  g_string_append_len (head, g_bytes_get_data (bomb->start, NULL), g_bytes_get_size (bomb->start));
  first = string_to_bytes (head);

  raw = raw_new (server, msg, first);
  raw->produce = PRODUCE_BLOCKS;
  raw->block = g_bytes_ref (bomb->block);
  raw->remaining = bomb->n_blocks == G_MAXUINT64 ? G_MAXUINT64 : bomb->n_blocks * g_bytes_get_size (bomb->block);
  raw->tail = g_bytes_ref (bomb->tail);
  raw_write (raw);
}

/* The faults that need the connection to themselves. */
static gboolean
send_raw (TestServer        *server,
          SoupServerMessage *msg,
          Entry             *entry)
{
  const TestResponse *response = &entry->response;
  g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT, entry->body_len);
  g_autoptr(GBytes) whole = NULL;
  Raw *raw;

  switch (response->fault)
    {
    case TEST_FAULT_STREAM:
      send_stream (server, msg, entry);
      return TRUE;

    case TEST_FAULT_HEADER_FLOOD:
      send_header_flood (server, msg, entry);
      return TRUE;

    case TEST_FAULT_GZIP_BOMB:
      send_gzip_bomb (server, msg, entry);
      return TRUE;

    case TEST_FAULT_RAW:
      whole = g_bytes_new (entry->body, entry->body_len);
      raw_write (raw_new (server, msg, whole));
      return TRUE;

    case TEST_FAULT_STALL_BODY:
      whole = string_to_bytes (head_new (response, length, FALSE, TRUE));
      raw = raw_new (server, msg, whole);
      raw->hold = TRUE;
      raw_write (raw);
      return TRUE;

    case TEST_FAULT_DRIP:
    case TEST_FAULT_RESET:
      {
        GString *text = head_new (response, length, FALSE, TRUE);

        g_string_append_len (text, entry->body, entry->body_len);
        whole = string_to_bytes (text);
        raw = raw_new (server, msg, whole);
        if (response->fault == TEST_FAULT_DRIP)
          {
            raw->step = 1;
            raw->delay_ms = MAX (response->delay_ms, 1);
          }
        else
          {
            raw->reset = TRUE;
            raw->reset_after = response->reset_after;
          }
        raw_write (raw);
      }
      return TRUE;

    case TEST_FAULT_NONE:
    case TEST_FAULT_DELAY:
    case TEST_FAULT_STALL:
    case TEST_FAULT_TRUNCATE:
    case TEST_FAULT_HANG_UP:
    default:
      return FALSE;
    }
}

static void
send_truncated (SoupServerMessage *msg,
                Entry             *entry)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                                           entry->body_len);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, entry->body, entry->body_len / 2, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
respond (SoupServerMessage *msg,
         Entry             *entry)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const TestResponse *response = &entry->response;
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  const char *if_modified_since = soup_message_headers_get_one (request, "If-Modified-Since");
  guint status = response->status != 0 ? response->status : 200;

  if (response->fault == TEST_FAULT_TRUNCATE)
    {
      send_truncated (msg, entry);
      return;
    }

  if (response->fault == TEST_FAULT_HANG_UP)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  if (response->etag != NULL)
    soup_message_headers_replace (headers, "ETag", response->etag);
  if (response->last_modified != NULL)
    soup_message_headers_replace (headers, "Last-Modified", response->last_modified);
  if (response->cache_control != NULL)
    soup_message_headers_replace (headers, "Cache-Control", response->cache_control);
  if (response->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", response->retry_after);
  if (response->location != NULL)
    soup_message_headers_replace (headers, "Location", response->location);
  if (response->content_encoding != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", response->content_encoding);

  if (status == 200 &&
      ((response->etag != NULL && g_strcmp0 (if_none_match, response->etag) == 0) ||
       (response->etag == NULL && response->last_modified != NULL &&
        g_strcmp0 (if_modified_since, response->last_modified) == 0)))
    {
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, response->content_type != NULL ? response->content_type : "application/rss+xml",
                                    SOUP_MEMORY_COPY, entry->body, entry->body_len);
}

typedef struct
{
  SoupServerMessage *msg;
  Entry             *entry;
} Delayed;

static gboolean
answer_later_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  respond (delayed->msg, delayed->entry);
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

static void
handle_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TestServer *server = user_data;
  Entry *entry = g_hash_table_lookup (server->responses, path);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *names[] = { "If-None-Match", "If-Modified-Since", "User-Agent", "Accept", "Accept-Encoding" };

  if (entry == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  entry->hits++;
  g_hash_table_remove_all (entry->last_headers);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = soup_message_headers_get_one (request, names[i]);

      if (value != NULL)
        g_hash_table_insert (entry->last_headers, g_strdup (names[i]), g_strdup (value));
    }

  switch (entry->response.fault)
    {
    case TEST_FAULT_STALL:
      /* Paused for good; the server's teardown frees it. */
      soup_server_message_pause (msg);
      break;

    case TEST_FAULT_DELAY:
      {
        Delayed *delayed = g_new0 (Delayed, 1);

        delayed->msg = g_object_ref (msg);
        delayed->entry = entry;
        soup_server_message_pause (msg);
        g_timeout_add (entry->response.delay_ms, answer_later_cb, delayed);
      }
      break;

    case TEST_FAULT_NONE:
    case TEST_FAULT_TRUNCATE:
    case TEST_FAULT_HANG_UP:
    default:
      if (!send_raw (server, msg, entry))
        respond (msg, entry);
      break;
    }
}

/**
 * test_server_new_on_address:
 * @address: a loopback address, such as "127.0.0.2" or "::1"
 *
 * A server on @address, so that a test can stand one address for
 * another (a second host, or the internet, through
 * BRIEFING_TEST_PUBLIC_ADDRESSES). Linux answers on all of 127.0.0.0/8.
 */
TestServer *
test_server_new_on_address (const char *address)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GSocketAddress) listen_address = g_inet_socket_address_new_from_string (address, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (listen_address == NULL)
    g_error ("Not an address to listen on: %s", address);

  server->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  server->raws = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_free);
  server->server = soup_server_new ("server-header", "briefing-test-server", NULL);
  soup_server_add_handler (server->server, NULL, handle_cb, server, NULL);

  if (!soup_server_listen (server->server, listen_address, 0, &error))
    g_error ("Cannot listen on %s: %s", address, error->message);

  uris = soup_server_get_uris (server->server);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  server->host = strchr (address, ':') != NULL ? g_strdup_printf ("[%s]", address) : g_strdup (address);

  return server;
}

TestServer *
test_server_new (void)
{
  return test_server_new_on_address ("127.0.0.1");
}

void
test_server_free (TestServer *server)
{
  /* Connections we write ourselves first: they are not libsoup's. */
  g_clear_pointer (&server->raws, g_ptr_array_unref);
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_clear_pointer (&server->responses, g_hash_table_unref);
  g_free (server->host);
  g_free (server);
}

char *
test_server_url (TestServer *server,
                 const char *path)
{
  return g_strdup_printf ("http://%s:%u%s", server->host, server->port, path);
}
