/* briefing-fetcher.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-fetcher"

#include "config.h"

#include "briefing-fetcher.h"

#include <libsoup/soup.h>

#include "briefing-feed-parser.h"
#include "briefing-url.h"

/* HTTP for feeds: one SoupSession, conditional requests, redirects
 * followed by hand (so that only permanent ones rewrite the stored URL,
 * and every target is checked before a request exists), a cap on the
 * body size, a total time limit, and errors a reader can understand.
 * Every byte from the network is hostile: nothing here trusts a header's
 * value or a body's length.
 *
 * Where a fetch may go on the network is its scope. A feed the reader
 * subscribed to may be anywhere, their own machine or LAN included; but
 * once a fetch has reached the internet, a redirect may not lead it into
 * the local network, and an image fetcher made public-only never goes
 * there at all (browsers call this Private Network Access). Addresses are
 * checked where libsoup connects (before TLS and before any request) and
 * again when a request starts on a connection kept alive from before. */

G_DEFINE_QUARK (briefing-fetch-error-quark, briefing_fetch_error)

struct _BriefingFetcher
{
  GObject               parent_instance;

  SoupSession          *session;
  gsize                 max_size;
  guint                 total_timeout;
  BriefingFetcherScope  scope;
};

G_DEFINE_FINAL_TYPE (BriefingFetcher, briefing_fetcher, G_TYPE_OBJECT)

#define DEFAULT_MAX_SIZE BRIEFING_FEED_MAX_SIZE
#define DEFAULT_CONNECT_TIMEOUT 20
#define DEFAULT_TOTAL_TIMEOUT 60
#define MAX_REDIRECTS 8
#define READ_CHUNK (64 * 1024)

static const char accept_header[] =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
  "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1";

typedef struct
{
  BriefingFetcher     *self;
  GTask               *task;
  GCancellable        *cancellable;
  gulong               caller_cancelled_id;
  SoupMessage         *message;
  GInputStream        *stream;
  GByteArray          *buffer;
  GHashTable          *visited;
  char                *etag;
  char                *last_modified;
  BriefingFetchResult *result;
  goffset              expected_length;
  guint                redirects;
  guint                timeout_id;
  gboolean             all_permanent;
  gboolean             timed_out;
  gboolean             public_only;   /* this hop may only reach the internet */
  gboolean             proxied;       /* a proxy connects for us: its address says nothing */
  gboolean             blocked;       /* stopped for reaching the local network */
} FetchOp;

static void start_hop (FetchOp *op, GUri *uri);

void
briefing_fetch_result_free (BriefingFetchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->permanent_url);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->content_type);
  g_free (result->content_location);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result);
}

/* libsoup may keep a message a while after we let it go; its signals
 * must not reach an op that is gone. */
static void
clear_message (FetchOp *op)
{
  if (op->message != NULL)
    g_signal_handlers_disconnect_by_data (op->message, op);
  g_clear_object (&op->message);
}

static void
fetch_op_free (FetchOp *op)
{
  g_clear_handle_id (&op->timeout_id, g_source_remove);
  if (op->caller_cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (op->task), op->caller_cancelled_id);
  g_clear_object (&op->cancellable);
  clear_message (op);
  g_clear_object (&op->stream);
  g_clear_pointer (&op->buffer, g_byte_array_unref);
  g_clear_pointer (&op->visited, g_hash_table_unref);
  g_clear_pointer (&op->result, briefing_fetch_result_free);
  g_free (op->etag);
  g_free (op->last_modified);
  g_free (op);
}

static void
briefing_fetcher_dispose (GObject *object)
{
  BriefingFetcher *self = (BriefingFetcher *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (briefing_fetcher_parent_class)->dispose (object);
}

static void
briefing_fetcher_class_init (BriefingFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_fetcher_dispose;
}

static void
briefing_fetcher_init (BriefingFetcher *self)
{
  /* Six connections in all and two per host: polite to servers, and one
   * slow host never holds up the others. */
  self->session = soup_session_new_with_options ("user-agent", "Briefing/" PACKAGE_VERSION " (+" PACKAGE_URL ")",
                                                 "max-conns", 6,
                                                 "max-conns-per-host", 2,
                                                 "timeout", DEFAULT_CONNECT_TIMEOUT,
                                                 NULL);
  self->max_size = DEFAULT_MAX_SIZE;
  self->total_timeout = DEFAULT_TOTAL_TIMEOUT;
  self->scope = BRIEFING_FETCHER_SCOPE_FOLLOW_FIRST;
}

BriefingFetcher *
briefing_fetcher_new (void)
{
  return g_object_new (BRIEFING_TYPE_FETCHER, NULL);
}

void
briefing_fetcher_set_max_size (BriefingFetcher *self,
                               gsize            max_size)
{
  g_return_if_fail (BRIEFING_IS_FETCHER (self));

  self->max_size = max_size;
}

/**
 * briefing_fetcher_set_scope:
 *
 * Where on the network this fetcher's requests may go: with
 * %BRIEFING_FETCHER_SCOPE_FOLLOW_FIRST (the default) the first address
 * reached decides, and from the internet no redirect leads into the local
 * network; with %BRIEFING_FETCHER_SCOPE_PUBLIC_ONLY no request reaches
 * this machine or its networks at all.
 */
void
briefing_fetcher_set_scope (BriefingFetcher      *self,
                            BriefingFetcherScope  scope)
{
  g_return_if_fail (BRIEFING_IS_FETCHER (self));

  self->scope = scope;
}

/**
 * briefing_fetcher_set_timeouts:
 * @connect_seconds: how long a connection or a single read may stall
 * @total_seconds: how long a whole fetch may take, redirects included
 */
void
briefing_fetcher_set_timeouts (BriefingFetcher *self,
                               guint            connect_seconds,
                               guint            total_seconds)
{
  g_return_if_fail (BRIEFING_IS_FETCHER (self));

  g_object_set (self->session, "timeout", connect_seconds, NULL);
  self->total_timeout = total_seconds;
}

/**
 * briefing_parse_retry_after:
 *
 * Reads a Retry-After header: a number of seconds or an HTTP date.
 *
 * Returns: the Unix time to wait until, or 0 when @value says nothing usable
 */
gint64
briefing_parse_retry_after (const char *value,
                            gint64      now)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;

  /* A day is the longest any server gets to make us wait, however many
   * digits it sends. */
  if (g_ascii_isdigit (*value))
    {
      const char *end = value;

      seconds = 0;
      for (; g_ascii_isdigit (*end); end++)
        seconds = MIN (seconds * 10 + g_ascii_digit_value (*end), (guint64) G_MAXUINT32);
      while (g_ascii_isspace (*end))
        end++;
      if (*end != '\0')
        return 0;

      return now + (gint64) MIN (seconds, 24 * 60 * 60);
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;

  return CLAMP (g_date_time_to_unix (date), now, now + 24 * 60 * 60);
}

/**
 * briefing_parse_max_age:
 * @cache_control: (nullable): a Cache-Control header
 *
 * Reads the max-age directive, which tells how long the feed stays fresh.
 *
 * Returns: seconds, at most a week; 0 when @cache_control says nothing usable
 */
gint64
briefing_parse_max_age (const char *cache_control)
{
  g_autoptr(GHashTable) params = NULL;
  const char *value;
  guint64 seconds;

  if (cache_control == NULL)
    return 0;

  params = soup_header_parse_param_list (cache_control);
  value = g_hash_table_lookup (params, "max-age");
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 7 * 24 * 60 * 60, &seconds, NULL))
    return 0;

  return (gint64) seconds;
}

static void
fail (FetchOp    *op,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

/* Ends the fetch with an error; the partial result travels along so the
 * caller still learns the status and any Retry-After. */
static void
fail (FetchOp    *op,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  GTask *task = op->task;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_task_set_task_data (task, g_steal_pointer (&op->result), (GDestroyNotify) briefing_fetch_result_free);
  fetch_op_free (op);
  g_task_return_new_error (task, BRIEFING_FETCH_ERROR, code, "%s", message);
  g_object_unref (task);
}

static void
succeed (FetchOp *op)
{
  GTask *task = op->task;

  /* Only a chain of permanent redirects moves the subscription. */
  if (op->redirects > 0 && op->all_permanent)
    op->result->permanent_url = g_strdup (op->result->url);

  g_task_return_pointer (task, g_steal_pointer (&op->result), (GDestroyNotify) briefing_fetch_result_free);
  fetch_op_free (op);
  g_object_unref (task);
}

/* Explains a GIO or libsoup error from the transport in a reader's words. */
static void
fail_transport (FetchOp *op,
                GError  *error)
{
  if (op->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    fail (op, BRIEFING_FETCH_ERROR_TIMEOUT, "The server took too long to answer");
  else if (op->blocked)
    fail (op, BRIEFING_FETCH_ERROR_PRIVATE_ADDRESS,
          op->redirects > 0 ? "The server redirected to an address on the local network"
                            : "Briefing does not fetch from the local network for a feed on the internet");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GTask *task = op->task;

      fetch_op_free (op);
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    fail (op, BRIEFING_FETCH_ERROR_TRUNCATED, "The connection closed before the whole feed arrived");
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    fail (op, BRIEFING_FETCH_ERROR_NETWORK, "The server’s name could not be found (%s)", error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    fail (op, BRIEFING_FETCH_ERROR_NETWORK, "The server refused the connection");
  else if (error->domain == G_TLS_ERROR)
    fail (op, BRIEFING_FETCH_ERROR_NETWORK, "The secure connection failed (%s)", error->message);
  else
    fail (op, BRIEFING_FETCH_ERROR_NETWORK, "The server could not be reached (%s)", error->message);
}

static void
finish_body (FetchOp *op)
{
  if (op->expected_length > 0 && (goffset) op->buffer->len < op->expected_length)
    {
      fail (op, BRIEFING_FETCH_ERROR_TRUNCATED, "The connection closed before the whole feed arrived");
      return;
    }

  op->result->body = g_byte_array_free_to_bytes (g_steal_pointer (&op->buffer));
  succeed (op);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FetchOp *op = user_data;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fail_transport (op, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (op);
      return;
    }

  if (op->buffer->len + g_bytes_get_size (chunk) > op->self->max_size)
    {
      fail (op, BRIEFING_FETCH_ERROR_TOO_LARGE, "The feed is larger than %" G_GSIZE_FORMAT " MB, the most Briefing reads",
            op->self->max_size / (1024 * 1024));
      return;
    }

  g_byte_array_append (op->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (op->stream, READ_CHUNK, G_PRIORITY_DEFAULT, op->cancellable, read_cb, op);
}

static void
record_headers (FetchOp *op)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (op->message);
  BriefingFetchResult *result = op->result;
  const char *location;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  result->status = soup_message_get_status (op->message);
  g_free (result->url);
  result->url = g_uri_to_string (soup_message_get_uri (op->message));
  g_free (result->content_type);
  result->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  g_free (result->etag);
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  g_free (result->last_modified);
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  result->retry_after = briefing_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"), now);
  result->max_age = briefing_parse_max_age (soup_message_headers_get_one (headers, "Cache-Control"));

  /* Only a web address may stand in for the feed's own as the base of
   * its relative links; a javascript: one is the server's mischief. */
  location = soup_message_headers_get_one (headers, "Content-Location");
  g_clear_pointer (&result->content_location, g_free);
  if (location != NULL)
    {
      g_autofree char *resolved = briefing_resolve_url (result->url, location);

      if (briefing_url_is_web (resolved))
        result->content_location = g_steal_pointer (&resolved);
    }
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/**
 * briefing_resolve_redirect:
 * @base: the address that answered with a redirect
 * @location: (nullable): its Location header
 *
 * The Location header, resolved against the address that sent it and
 * checked as any web address is: libsoup is never handed a URI it would
 * refuse (one without a host, say, which it answers with criticals and a
 * NULL message).
 *
 * Returns: (transfer full) (nullable): the address to fetch next, or
 *   %NULL when there is none
 */
GUri *
briefing_resolve_redirect (GUri       *base,
                           const char *location)
{
  g_autofree char *normalized = briefing_url_normalize (location);
  g_autoptr(GUri) target = NULL;

  g_return_val_if_fail (base != NULL, NULL);

  if (normalized == NULL)
    return NULL;

  target = g_uri_parse_relative (base, normalized, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || !briefing_uri_is_web (target, BRIEFING_URL_WEB_NONE, NULL))
    return NULL;

  return g_steal_pointer (&target);
}

/* Once a fetch has reached the internet, it stays there. The first
 * address is known once the first response has arrived, also on a
 * connection kept alive from an earlier fetch. */
static void
settle_scope (FetchOp *op)
{
  GSocketAddress *address;

  if (op->redirects > 0 || op->public_only || op->self->scope != BRIEFING_FETCHER_SCOPE_FOLLOW_FIRST)
    return;

  address = soup_message_get_remote_address (op->message);
  op->public_only = !op->proxied && (address == NULL || briefing_socket_address_is_public (address));
}

static void
follow_redirect (FetchOp *op)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (op->message), "Location");
  guint status = soup_message_get_status (op->message);
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_str = NULL;

  if (location == NULL)
    {
      fail (op, BRIEFING_FETCH_ERROR_HTTP, "The server redirected (%u) without saying where to", status);
      return;
    }

  target = briefing_resolve_redirect (soup_message_get_uri (op->message), location);
  if (target == NULL)
    {
      fail (op, BRIEFING_FETCH_ERROR_INVALID_URL, "The server redirected to an invalid address");
      return;
    }

  settle_scope (op);
  target_str = g_uri_to_string (target);

  if (++op->redirects > MAX_REDIRECTS || g_hash_table_contains (op->visited, target_str))
    {
      fail (op, BRIEFING_FETCH_ERROR_REDIRECT_LOOP, "The server redirected too many times");
      return;
    }

  if (status != 301 && status != 308)
    op->all_permanent = FALSE;

  g_clear_object (&op->stream);
  start_hop (op, target);
}

/* The status with its phrase, for messages ("429 Too Many Requests"):
 * libsoup names the codes it knows and calls the rest "Unknown Error",
 * among them 429, which a reader meets more than most; a code nobody
 * names is shown alone. */
static char *
http_status_text (guint status)
{
  static const struct { guint status; const char *phrase; } missing[] = {
    { 425, "Too Early" },
    { 428, "Precondition Required" },
    { 429, "Too Many Requests" },
    { 431, "Request Header Fields Too Large" },
    { 451, "Unavailable For Legal Reasons" },
    { 511, "Network Authentication Required" },
  };
  const char *reason;

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (missing[i].status == status)
      return g_strdup_printf ("%u %s", status, missing[i].phrase);

  reason = soup_status_get_phrase (status);
  if (reason == NULL || g_str_equal (reason, "Unknown Error"))
    return g_strdup_printf ("%u", status);

  return g_strdup_printf ("%u %s", status, reason);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  FetchOp *op = user_data;
  g_autoptr(GError) error = NULL;
  guint status;

  op->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (op->stream == NULL)
    {
      fail_transport (op, error);
      return;
    }

  record_headers (op);
  status = op->result->status;

  if (is_redirect (status))
    follow_redirect (op);
  else if (status == 304)
    {
      op->result->not_modified = TRUE;
      if (op->result->etag == NULL)
        op->result->etag = g_strdup (op->etag);
      if (op->result->last_modified == NULL)
        op->result->last_modified = g_strdup (op->last_modified);
      succeed (op);
    }
  else if (status == 410)
    fail (op, BRIEFING_FETCH_ERROR_GONE, "The feed no longer exists (410 Gone)");
  else if (status == 429 || status == 503)
    {
      g_autofree char *text = http_status_text (status);

      fail (op, BRIEFING_FETCH_ERROR_RATE_LIMITED, "The server asked Briefing to wait (%s)", text);
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *text = http_status_text (status);

      fail (op, BRIEFING_FETCH_ERROR_HTTP, "The server answered %s", text);
    }
  else
    {
      op->expected_length = soup_message_headers_get_content_length (soup_message_get_response_headers (op->message));
      if (op->expected_length > (goffset) op->self->max_size)
        {
          fail (op, BRIEFING_FETCH_ERROR_TOO_LARGE, "The feed is larger than %" G_GSIZE_FORMAT " MB, the most Briefing reads",
                op->self->max_size / (1024 * 1024));
          return;
        }

      /* Content-Length lies when a body is compressed; only trust it
       * for identity encodings. */
      if (soup_message_headers_get_one (soup_message_get_response_headers (op->message), "Content-Encoding") != NULL)
        op->expected_length = 0;

      op->buffer = g_byte_array_sized_new (MIN ((gsize) MAX (op->expected_length, 0), op->self->max_size) + 1);
      g_input_stream_read_bytes_async (op->stream, READ_CHUNK, G_PRIORITY_DEFAULT, op->cancellable, read_cb, op);
    }
}

/* Stops the fetch when @address is not on the internet and this hop may
 * only go there. */
static void
check_address (FetchOp        *op,
               GSocketAddress *address)
{
  if (!op->public_only || op->proxied || op->blocked || address == NULL)
    return;

  if (!briefing_socket_address_is_public (address))
    {
      op->blocked = TRUE;
      g_cancellable_cancel (op->cancellable);
    }
}

/* A new connection: checked once it is up, before TLS or a request. */
static void
on_network_event_cb (SoupMessage        *message,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     gpointer            user_data)
{
  FetchOp *op = user_data;
  g_autoptr(GSocketAddress) address = NULL;

  if (event != G_SOCKET_CLIENT_CONNECTED || !G_IS_SOCKET_CONNECTION (connection))
    return;

  address = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);
  check_address (op, address);
}

/* A request about to be written, perhaps on a connection kept alive from
 * another fetch. */
static void
on_starting_cb (SoupMessage *message,
                gpointer     user_data)
{
  FetchOp *op = user_data;

  check_address (op, soup_message_get_remote_address (message));
}

static void
start_request (FetchOp *op,
               GUri    *uri)
{
  SoupMessageHeaders *headers;

  clear_message (op);
  op->message = soup_message_new_from_uri ("GET", uri);
  if (op->message == NULL)
    {
      fail (op, BRIEFING_FETCH_ERROR_INVALID_URL, "The address is not a valid web address");
      return;
    }

  soup_message_set_flags (op->message, SOUP_MESSAGE_NO_REDIRECT);
  g_hash_table_add (op->visited, g_uri_to_string (uri));

  if (op->public_only && !op->proxied)
    {
      g_signal_connect (op->message, "network-event", G_CALLBACK (on_network_event_cb), op);
      g_signal_connect (op->message, "starting", G_CALLBACK (on_starting_cb), op);
    }

  headers = soup_message_get_request_headers (op->message);
  soup_message_headers_replace (headers, "Accept", accept_header);
  if (op->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", op->etag);
  if (op->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", op->last_modified);

  soup_session_send_async (op->self->session, op->message, G_PRIORITY_DEFAULT, op->cancellable, send_cb, op);
}

typedef struct
{
  FetchOp *op;
  GUri    *uri;
} Hop;

static void
proxy_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Hop *hop = user_data;
  FetchOp *op = hop->op;
  g_autoptr(GUri) uri = hop->uri;
  g_auto(GStrv) proxies = NULL;

  g_free (hop);

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, NULL);
  op->proxied = proxies != NULL && proxies[0] != NULL && !g_str_equal (proxies[0], "direct://");

  if (g_cancellable_is_cancelled (op->cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

      fail_transport (op, error);
      return;
    }

  start_request (op, uri);
}

/* Starts a request for @uri. A hop that may only reach the internet first
 * asks whether a proxy connects for it, since then the address it
 * connects to is the proxy's, and the proxy decides where requests go. */
static void
start_hop (FetchOp *op,
           GUri    *uri)
{
  GProxyResolver *resolver;
  g_autofree char *url = NULL;
  Hop *hop;

  if (op->public_only && g_hostname_is_ip_address (g_uri_get_host (uri)))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (g_uri_get_host (uri));

      if (address != NULL && !briefing_inet_address_is_public (address))
        {
          op->blocked = TRUE;
          g_cancellable_cancel (op->cancellable);
          fail_transport (op, NULL);
          return;
        }
    }

  if (!op->public_only)
    {
      start_request (op, uri);
      return;
    }

  resolver = soup_session_get_proxy_resolver (op->self->session);
  if (resolver == NULL)
    resolver = g_proxy_resolver_get_default ();

  hop = g_new0 (Hop, 1);
  hop->op = op;
  hop->uri = g_uri_ref (uri);
  url = g_uri_to_string (uri);
  g_proxy_resolver_lookup_async (resolver, url, op->cancellable, proxy_lookup_cb, hop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  FetchOp *op = user_data;

  op->timeout_id = 0;
  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *own)
{
  g_cancellable_cancel (own);
}

/**
 * briefing_fetcher_fetch_async:
 * @etag: (nullable): the ETag of the copy we have, for a conditional request
 * @last_modified: (nullable): its Last-Modified
 *
 * Fetches @url over HTTP(S), following up to eight redirects.
 */
void
briefing_fetcher_fetch_async (BriefingFetcher     *self,
                              const char          *url,
                              const char          *etag,
                              const char          *last_modified,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  FetchOp *op;

  g_return_if_fail (BRIEFING_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  op = g_new0 (FetchOp, 1);
  op->self = self;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, briefing_fetcher_fetch_async);
  op->cancellable = g_cancellable_new ();
  op->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->etag = g_strdup (etag);
  op->last_modified = g_strdup (last_modified);
  op->all_permanent = TRUE;
  op->result = g_new0 (BriefingFetchResult, 1);
  op->result->url = g_strdup (url);

  if (cancellable != NULL)
    op->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                                     g_object_ref (op->cancellable), g_object_unref);

  op->public_only = self->scope == BRIEFING_FETCHER_SCOPE_PUBLIC_ONLY;

  /* The reader's own feed address may carry a login; nothing a server
   * sends may. */
  uri = briefing_url_parse_web (url, BRIEFING_URL_WEB_ALLOW_USERINFO, NULL);
  if (uri == NULL)
    {
      fail (op, BRIEFING_FETCH_ERROR_INVALID_URL, "“%s” is not a web address", url);
      return;
    }

  op->timeout_id = g_timeout_add_seconds (self->total_timeout, on_timeout_cb, op);
  start_hop (op, uri);
}

/**
 * briefing_fetcher_fetch_finish:
 * @failed: (out) (optional) (transfer full): on failure, what was learnt
 *   anyway (status, Retry-After)
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
BriefingFetchResult *
briefing_fetcher_fetch_finish (BriefingFetcher      *self,
                               GAsyncResult         *result,
                               BriefingFetchResult **failed,
                               GError              **error)
{
  BriefingFetchResult *fetched;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL && failed != NULL)
    {
      BriefingFetchResult *partial = g_task_get_task_data (G_TASK (result));

      *failed = NULL;
      if (partial != NULL)
        {
          *failed = g_new0 (BriefingFetchResult, 1);
          (*failed)->url = g_strdup (partial->url);
          (*failed)->status = partial->status;
          (*failed)->retry_after = partial->retry_after;
        }
    }

  return fetched;
}
