/* briefing-test-server.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-test-server.h"

#include <string.h>

struct _TestServer
{
  SoupServer *server;
  GUri       *base;
  GHashTable *responses;   /* path -> Entry */
};

typedef struct
{
  TestResponse  response;
  char         *body;
  gsize         body_len;
  char         *strings[8];
  guint         hits;
  GHashTable   *last_headers;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->body);
  for (guint i = 0; i < G_N_ELEMENTS (entry->strings); i++)
    g_free (entry->strings[i]);
  g_clear_pointer (&entry->last_headers, g_hash_table_unref);
  g_free (entry);
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
  entry->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

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
      respond (msg, entry);
      break;
    }
}

TestServer *
test_server_new (void)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  server->server = soup_server_new ("server-header", "briefing-test-server", NULL);
  soup_server_add_handler (server->server, NULL, handle_cb, server, NULL);

  if (!soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  uris = soup_server_get_uris (server->server);
  server->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

void
test_server_free (TestServer *server)
{
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_clear_pointer (&server->base, g_uri_unref);
  g_clear_pointer (&server->responses, g_hash_table_unref);
  g_free (server);
}

char *
test_server_url (TestServer *server,
                 const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (server->base), path);
}
