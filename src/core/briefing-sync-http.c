/* briefing-sync-http.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-sync"

#include "config.h"

#include "briefing-sync-http.h"

#include <libsoup/soup.h>

#include "briefing-sync-backend.h"

/* How long one read may stall, and how long one answer may take in all. */
#define IDLE_TIMEOUT_SECONDS 30
#define TOTAL_TIMEOUT_SECONDS 180

struct _BriefingSyncHttp
{
  SoupSession     *session;
  GTlsCertificate *trusted;
  char            *rejected_pem;
  guint            requests;
};

void
briefing_sync_response_free (BriefingSyncResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

/**
 * briefing_sync_http_new:
 *
 * Makes the session on the calling thread, which must be the one that
 * sends every request.
 */
BriefingSyncHttp *
briefing_sync_http_new (void)
{
  BriefingSyncHttp *self = g_new0 (BriefingSyncHttp, 1);

  self->session = soup_session_new_with_options ("timeout", IDLE_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Briefing/" PACKAGE_VERSION " ",
                                                 NULL);

  return self;
}

void
briefing_sync_http_free (BriefingSyncHttp *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->session);
  g_clear_object (&self->trusted);
  g_free (self->rejected_pem);
  g_free (self);
}

void
briefing_sync_http_set_trusted (BriefingSyncHttp *self,
                                const char       *certificate_pem)
{
  g_clear_object (&self->trusted);

  if (certificate_pem != NULL && *certificate_pem != '\0')
    self->trusted = g_tls_certificate_new_from_pem (certificate_pem, -1, NULL);
}

const char *
briefing_sync_http_get_rejected (BriefingSyncHttp *self)
{
  return self->rejected_pem;
}

guint
briefing_sync_http_get_requests (BriefingSyncHttp *self)
{
  return self->requests;
}

char *
briefing_sync_http_fingerprint (const char *certificate_pem)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *spaced;

  if (certificate_pem == NULL ||
      (certificate = g_tls_certificate_new_from_pem (certificate_pem, -1, NULL)) == NULL)
    return NULL;

  g_object_get (certificate, "certificate", &der, NULL);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);

  spaced = g_string_new (NULL);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (spaced, "%s%c%c", i > 0 ? ":" : "", g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));

  return g_string_free (spaced, FALSE);
}

/* A certificate that does not verify passes only when it is the very one
 * the reader trusted; any other is kept, to be shown and asked about. */
static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  BriefingSyncHttp *self = user_data;

  if (self->trusted != NULL && g_tls_certificate_is_same (self->trusted, certificate))
    return TRUE;

  g_clear_pointer (&self->rejected_pem, g_free);
  g_object_get (certificate, "certificate-pem", &self->rejected_pem, NULL);

  return FALSE;
}

static void
set_network_error (GError       **error,
                   const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, cause->message);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNTRUSTED,
                 "The server’s certificate is not trusted (%s)", cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                         "The server did not answer in time");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                         "The server refused the connection");
  else if (cause->domain == G_RESOLVER_ERROR)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                 "The server’s name could not be found (%s)", cause->message);
  else
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                 "The server could not be reached (%s)", cause->message);
}

static GBytes *
read_capped (GInputStream  *stream,
             goffset        expected,
             gint64         deadline,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 chunk[64 * 1024];

  if (expected > BRIEFING_SYNC_MAX_RESPONSE)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_TOO_LARGE,
                   "The server’s answer is too large (%" G_GOFFSET_FORMAT " bytes)", expected);
      return NULL;
    }

  buffer = g_byte_array_sized_new (expected > 0 ? (guint) expected : 16 * 1024);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, &local_error);

      if (n < 0)
        {
          set_network_error (error, local_error);
          return NULL;
        }
      if (n == 0)
        break;

      if (buffer->len + (gsize) n > BRIEFING_SYNC_MAX_RESPONSE)
        {
          g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_TOO_LARGE,
                       "The server’s answer is larger than %u MB", BRIEFING_SYNC_MAX_RESPONSE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);

      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                               "The server took too long to answer");
          return NULL;
        }
    }

  if (expected > 0 && (goffset) buffer->len < expected)
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                           "The connection closed before the answer was complete");
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * briefing_sync_http_request:
 *
 * Returns: (transfer full): the answer, whatever its status; NULL with
 *   @error when there was none (network, TLS, size, time).
 */
BriefingSyncResponse *
briefing_sync_http_request (BriefingSyncHttp    *self,
                            const char          *method,
                            const char          *url,
                            const char * const  *headers,
                            const char          *content_type,
                            const char          *body,
                            gsize                body_length,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BriefingSyncResponse) response = NULL;
  SoupMessageHeaders *response_headers;
  gint64 deadline = g_get_monotonic_time () + TOTAL_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "“%s” is not a web address", url);
      return NULL;
    }

  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (message), headers[i], headers[i + 1]);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length);

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }

  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_accept_certificate), self);

  self->requests++;
  g_debug ("%s %s", method, url);
  stream = soup_session_send (self->session, message, cancellable, &local_error);
  if (stream == NULL)
    {
      set_network_error (error, local_error);
      return NULL;
    }

  response_headers = soup_message_get_response_headers (message);
  response = g_new0 (BriefingSyncResponse, 1);
  response->status = soup_message_get_status (message);
  response->content_type = g_strdup (soup_message_headers_get_content_type (response_headers, NULL));
  /* libsoup decodes gzip and says itself when a body was cut short; the
   * length the server gave is the encoded one. */
  response->body = read_capped (stream,
                                soup_message_headers_get_one (response_headers, "Content-Encoding") == NULL
                                ? soup_message_headers_get_content_length (response_headers) : 0,
                                deadline, cancellable, error);
  g_input_stream_close (stream, NULL, NULL);

  if (response->body == NULL)
    return NULL;

  return g_steal_pointer (&response);
}

char *
briefing_sync_http_form (const char * const *pairs)
{
  GString *form = g_string_new (NULL);

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      if (form->len > 0)
        g_string_append_c (form, '&');
      g_string_append_uri_escaped (form, pairs[i], NULL, FALSE);
      g_string_append_c (form, '=');
      g_string_append_uri_escaped (form, pairs[i + 1], NULL, FALSE);
    }

  return g_string_free (form, FALSE);
}
