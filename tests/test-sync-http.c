/* test-sync-http.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "briefing-sync-backend.h"
#include "briefing-sync-http.h"

/* The HTTP a sync speaks, against a TLS SoupServer on 127.0.0.1 with a
 * self-signed certificate (tests/fixtures/tls): refused until the reader
 * trusts that very certificate, which is then handed back to be shown;
 * trusting another changes nothing. And every answer capped in size. */

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  SoupServer   *server;
  char         *url;
} Server;

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/huge"))
    {
      gsize size = BRIEFING_SYNC_MAX_RESPONSE + 1024;
      char *body = g_malloc (size);

      memset (body, 'x', size);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_TAKE, body, size);
    }
  else
    soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
  soup_server_message_set_status (message, 200, NULL);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;

  g_main_context_push_thread_default (server->context);
  g_main_loop_run (server->loop);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static Server *
server_new (void)
{
  Server *server = g_new0 (Server, 1);
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "server-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "server-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  GSList *uris;

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);

  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server->server, NULL, handle_cb, NULL, NULL);
  soup_server_listen (server->server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);
  server->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_context_pop_thread_default (server->context);

  server->thread = g_thread_new ("tls-server", server_thread, server);

  return server;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
server_free (Server *server)
{
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_context_push_thread_default (server->context);
  g_clear_object (&server->server);
  g_main_context_pop_thread_default (server->context);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_free (server->url);
  g_free (server);
}

static char *
read_pem (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", name, NULL);
  g_autoptr(GError) error = NULL;
  char *pem = NULL;

  g_file_get_contents (path, &pem, NULL, &error);
  g_assert_no_error (error);

  return pem;
}

static gboolean
same_certificate (const char *a,
                  const char *b)
{
  g_autoptr(GTlsCertificate) x = g_tls_certificate_new_from_pem (a, -1, NULL);
  g_autoptr(GTlsCertificate) y = g_tls_certificate_new_from_pem (b, -1, NULL);

  return x != NULL && y != NULL && g_tls_certificate_is_same (x, y);
}

static void
test_self_signed (void)
{
  Server *server = server_new ();
  g_autoptr(BriefingSyncHttp) http = briefing_sync_http_new ();
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_pem = read_pem ("server-cert.pem");
  g_autofree char *other_pem = read_pem ("other-cert.pem");
  g_autofree char *shown = NULL;

  /* Not trusted: refused, and the certificate kept to be shown. */
  response = briefing_sync_http_request (http, "GET", server->url, NULL, NULL, NULL, 0, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNTRUSTED);
  g_clear_error (&error);
  g_assert_nonnull (briefing_sync_http_get_rejected (http));
  g_assert_true (same_certificate (briefing_sync_http_get_rejected (http), server_pem));
  shown = g_strdup (briefing_sync_http_get_rejected (http));

  /* Trusting another certificate changes nothing. */
  briefing_sync_http_set_trusted (http, other_pem);
  response = briefing_sync_http_request (http, "GET", server->url, NULL, NULL, NULL, 0, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNTRUSTED);
  g_clear_error (&error);

  /* The one the reader was shown and trusted passes. */
  {
    g_autoptr(BriefingSyncHttp) trusting = briefing_sync_http_new ();

    briefing_sync_http_set_trusted (trusting, shown);
    response = briefing_sync_http_request (trusting, "GET", server->url, NULL, NULL, NULL, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body), "hello", 5);
  }

  server_free (server);
}

static void
test_size_cap (void)
{
  Server *server = server_new ();
  g_autoptr(BriefingSyncHttp) http = briefing_sync_http_new ();
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = read_pem ("server-cert.pem");
  g_autofree char *url = g_strconcat (server->url, "huge", NULL);

  briefing_sync_http_set_trusted (http, pem);
  response = briefing_sync_http_request (http, "GET", url, NULL, NULL, NULL, 0, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_TOO_LARGE);

  server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-http/self-signed", test_self_signed);
  g_test_add_func ("/sync-http/size-cap", test_size_cap);

  return g_test_run ();
}
