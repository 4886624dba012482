/* briefing-sync-greader.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-sync-greader"

#include "config.h"

#include "briefing-json.h"
#include "briefing-sync-backend.h"
#include "briefing-sync-http.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/* The Google Reader API as FreshRSS (p/api/greader.php) and Miniflux
 * (internal/googlereader) serve it.
 *
 * Signing in is a ClientLogin (user name and API password for an "Auth"
 * string sent with every request as "Authorization: GoogleLogin
 * auth=…"), then an edit token for the POSTs, which Miniflux also
 * authenticates by it alone.
 *
 * New articles come from stream/contents of the reading list, newest
 * first, in pages linked by "continuation", and from the crawl time the
 * last sync reached. The cursor this backend leaves in next_since is the
 * newest crawl time any page of the sync carried, in microseconds since
 * 1970, as decimal digits. The next sync asks from its second ("ot",
 * which FreshRSS compares as "id >= ot × 10⁶": its item ids are the
 * microsecond it stored them) and leaves out what is not newer than the
 * cursor itself. Nothing is lost that way: FreshRSS numbers the articles
 * of a refresh when it commits them, each above every id there was, so
 * whatever arrives while the pages are read, or commits late, is newer
 * than the cursor and comes next time.
 *
 * Miniflux has no stream/contents (it answers "[]"), and its "ot" is the
 * publication date, which would lose an article published before the
 * last sync but fetched after it. There the backend lists the reading
 * list's item ids, keeps those above the largest id the last sync saw
 * (Miniflux numbers entries in the order it stores them), and fetches
 * them through stream/items/contents; the cursor is then "id:" and that
 * id in decimal.
 *
 * Everything the server sends is checked before use: JSON through
 * type-checked getters after a depth check, ids and tokens bounded, a
 * continuation that repeats is an error rather than a loop. */

#define ITEM_ID_PREFIX "tag:google.com,2005:reader/item/"
#define STATE_PREFIX "user/-/state/com.google/"
#define READING_LIST STATE_PREFIX "reading-list"
#define STATE_READ STATE_PREFIX "read"
#define STATE_STARRED STATE_PREFIX "starred"
#define LABEL_PREFIX "user/-/label/"

/* FreshRSS lets one article's body be 500 KB; the usual is nearer 5 KB,
 * so a page of 500 is a few megabytes, far under the response cap. */
#define PAGE_ITEMS 500
/* A page larger than asked for is not trusted to be complete either. */
#define MAX_PAGE_ITEMS (2 * PAGE_ITEMS)
/* Ids are short: Miniflux's own cap for a page of them. */
#define PAGE_IDS 10000
/* Articles fetched by id in one POST (Miniflux) and ids changed by one
 * edit-tag: a form of this many ids is about 12 KB. */
#define BATCH_IDS 250
/* No account has this many; a server claiming so is looping. */
#define MAX_IDS 1000000
#define MAX_SYNC_ITEMS 2000000

#define MAX_ID_LENGTH 512
#define MAX_TOKEN_LENGTH 512
#define MAX_CONTINUATION_LENGTH 256
#define MAX_TEXT_LENGTH (16 * 1024)
#define MAX_CATEGORIES 64
#define MAX_ENCLOSURES 32
/* The protocol's answers nest five deep; json-glib parses recursively. */
#define MAX_JSON_DEPTH 32

#define FORM_TYPE "application/x-www-form-urlencoded"

struct _BriefingGreader
{
  GObject           parent_instance;

  BriefingSyncHttp *http;       /* the engine's, which outlives us */
  char             *server;     /* as the reader typed it */
  char             *user;

  char             *api;        /* the API's root without a final '/', once signed in */
  char             *auth;
  char             *token;
  gboolean          by_ids;     /* no stream/contents: ids, then their articles (Miniflux) */

  /* The sync under way, from the page without a token to the last. */
  GHashTable       *continuations;
  guint             items_seen;
  guint             total;
  GArray           *pending;    /* by_ids: guint64 item numbers still to fetch */
  guint64           pending_newest;
};

#define BRIEFING_TYPE_GREADER (briefing_greader_get_type ())

G_DECLARE_FINAL_TYPE (BriefingGreader, briefing_greader, BRIEFING, GREADER, GObject)

static void briefing_greader_backend_init (BriefingSyncBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BriefingGreader, briefing_greader, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BRIEFING_TYPE_SYNC_BACKEND,
                                                      briefing_greader_backend_init))

/* Checked strings ------------------------------------------------------------- */

/* A copy of text from the server that is valid UTF-8 and at most @max
 * bytes, cut at a character boundary. */
static char *
dup_text (const char *text,
          gsize       max)
{
  g_autofree char *valid = NULL;
  gsize len;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  len = strlen (text);
  if (len > max)
    {
      const char *end = g_utf8_find_prev_char (text, text + max + 1);

      len = end != NULL ? (gsize) (end - text) : 0;
    }

  return g_strndup (text, len);
}

/* Ids, stream ids and addresses: not empty, bounded, UTF-8, no control
 * characters (they go back into forms and URLs). */
static gboolean
is_good_id (const char *id,
            gsize       max)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > max || !g_utf8_validate (id, len, NULL))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if ((guchar) id[i] < 0x20 || id[i] == 0x7F)
      return FALSE;

  return TRUE;
}

static char *
dup_id (const char *id)
{
  return is_good_id (id, MAX_ID_LENGTH) ? g_strdup (id) : NULL;
}

/* Tokens go into headers and forms: printable ASCII without spaces. */
static gboolean
is_good_token (const char *token,
               gsize       max)
{
  gsize len = token != NULL ? strlen (token) : 0;

  if (len == 0 || len > max)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (token[i] <= 0x20 || token[i] >= 0x7F)
      return FALSE;

  return TRUE;
}

static gboolean
parse_number (const char *text,
              guint       base,
              guint64     max,
              guint64    *number)
{
  return text != NULL && *text != '\0' && *text != '+' && *text != '-' &&
         g_ascii_string_to_unsigned (text, base, 0, max, number, NULL);
}

static char *
long_item_id (guint64 number)
{
  return g_strdup_printf (ITEM_ID_PREFIX "%016" G_GINT64_MODIFIER "x", number);
}

/* An item's id as this backend keeps it: the long form with sixteen hex
 * digits, which stream/contents uses, whether the server sent that, the
 * unpadded long form (NetNewsWire's), or the decimal of items/ids. Any
 * other (a server with ids of its own) is kept as it is. */
static char *
normalise_item_id (const char *id)
{
  guint64 number;

  if (id == NULL)
    return NULL;

  if (strlen (id) <= 20 && parse_number (id, 10, G_MAXUINT64, &number))
    return long_item_id (number);

  if (g_str_has_prefix (id, ITEM_ID_PREFIX))
    {
      const char *hex = id + strlen (ITEM_ID_PREFIX);

      if (strlen (hex) <= 16 && parse_number (hex, 16, G_MAXUINT64, &number))
        return long_item_id (number);
    }

  return dup_id (id);
}

/* The number in a long-form id, as Miniflux and FreshRSS number items. */
static gboolean
item_number (const char *long_id,
             guint64    *number)
{
  return g_str_has_prefix (long_id, ITEM_ID_PREFIX) &&
         parse_number (long_id + strlen (ITEM_ID_PREFIX), 16, G_MAXUINT64, number);
}

/* "user/-/state/com.google/read", or with the user's number for "-" as
 * Miniflux writes it: the part after "user/<anyone>/", else NULL. */
static const char *
user_stream_tail (const char *stream)
{
  const char *slash;

  if (!g_str_has_prefix (stream, "user/"))
    return NULL;

  slash = strchr (stream + 5, '/');

  return slash != NULL ? slash + 1 : NULL;
}

static const char *
label_name (const char *stream)
{
  const char *tail = stream != NULL ? user_stream_tail (stream) : NULL;

  if (tail == NULL || !g_str_has_prefix (tail, "label/") || tail[6] == '\0')
    return NULL;

  return tail + 6;
}

/* JSON ------------------------------------------------------------------------ */

/* A member that is a string, or an integer written out. */
static char *
dup_string_or_int (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

static JsonObject *
array_get_object (JsonArray *array,
                  guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
array_get_string (JsonArray *array,
                  guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonNode *
parse_json (BriefingSyncResponse  *response,
            const char            *what,
            GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (response->body, &len);

  if (data == NULL || len == 0 || !briefing_json_is_shallow (data, len, MAX_JSON_DEPTH) ||
      !json_parser_load_from_data (parser, data, len, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "The server sent %s in a form Briefing cannot read", what);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* @member of the answer's top-level object, which must be an array. */
static JsonArray *
root_array_member (JsonNode    *root,
                   const char  *member,
                   const char  *what,
                   GError     **error)
{
  JsonArray *array = JSON_NODE_HOLDS_OBJECT (root) ? briefing_json_get_array (json_node_get_object (root), member) : NULL;

  if (array == NULL)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                 "The server sent %s in a form Briefing cannot read", what);

  return array;
}

/* The continuation to follow in *continuation, NULL at the end. Servers
 * write it as a string (FreshRSS: the last item's id; Miniflux: an
 * offset) or, now and then, a number. One that cannot be sent back is an
 * error, since ending there would lose the pages after it. */
static gboolean
read_continuation (JsonNode  *root,
                   char     **continuation,
                   GError   **error)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "continuation");
  g_autofree char *value = dup_string_or_int (json_node_get_object (root), "continuation");

  *continuation = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || g_strcmp0 (value, "") == 0)
    return TRUE;

  if (!is_good_token (value, MAX_CONTINUATION_LENGTH))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                           "The server sent a continuation Briefing cannot follow");
      return FALSE;
    }

  *continuation = g_steal_pointer (&value);

  return TRUE;
}

/* HTTP ------------------------------------------------------------------------ */

static const char *
body_text (BriefingSyncResponse *response,
           char                **copy)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (response->body, &len);

  *copy = g_strndup (data != NULL ? data : "", len);

  return g_strstrip (*copy);
}

/* FreshRSS's answer to every request while its API is switched off
 * (api_enabled in its system configuration). */
static gboolean
is_api_switched_off (BriefingSyncResponse *response)
{
  g_autofree char *copy = NULL;

  return response->status == 503 && g_str_has_prefix (body_text (response, &copy), "Service Unavailable");
}

/* What a status other than 2xx means, as an error about getting @what. */
static gboolean
check_status (BriefingSyncResponse  *response,
              const char            *what,
              GError               **error)
{
  guint status = response->status;
  const char *phrase = soup_status_get_phrase (status);

  if (status >= 200 && status < 300)
    return TRUE;

  if (status == 401 || status == 403)
    g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH,
                         "The server no longer accepts the user name and password");
  else if (is_api_switched_off (response))
    g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_API_DISABLED,
                         "The server’s API has been switched off");
  else if (status == 502 || status == 503 || status == 504)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                 "The server is unavailable (HTTP %u %s)", status, phrase != NULL ? phrase : "");
  else if (status >= 500)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                 "The server failed while sending %s (HTTP %u %s)", what, status, phrase != NULL ? phrase : "");
  else
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_REJECTED,
                 "The server refused %s (HTTP %u %s)", what, status, phrase != NULL ? phrase : "");

  return FALSE;
}

/* Writes only answer "OK": anything else (a portal's page, Miniflux's
 * "[]" for what it does not know) did not do the change. */
static gboolean
check_ok (BriefingSyncResponse  *response,
          const char            *what,
          GError               **error)
{
  g_autofree char *copy = NULL;

  if (!check_status (response, what, error))
    return FALSE;

  if (!g_str_has_prefix (body_text (response, &copy), "OK"))
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "The server did not confirm %s", what);
      return FALSE;
    }

  return TRUE;
}

static BriefingSyncResponse *
api_request (BriefingGreader     *self,
             const char          *method,
             const char          *path,
             const char          *form,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autofree char *url = g_strconcat (self->api, "/", path, NULL);
  g_autofree char *authorization = g_strconcat ("GoogleLogin auth=", self->auth, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };

  return briefing_sync_http_request (self->http, method, url, self->auth != NULL ? headers : NULL,
                                     form != NULL ? FORM_TYPE : NULL, form, form != NULL ? strlen (form) : 0,
                                     cancellable, error);
}

static BriefingSyncResponse *
api_get (BriefingGreader  *self,
         const char       *path,
         GCancellable     *cancellable,
         GError          **error)
{
  return api_request (self, "GET", path, NULL, cancellable, error);
}

static gboolean
fetch_token (BriefingGreader  *self,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autofree char *copy = NULL;
  const char *token;

  response = api_get (self, "reader/api/0/token", cancellable, error);
  if (response == NULL || !check_status (response, "a token", error))
    return FALSE;

  token = body_text (response, &copy);
  if (!is_good_token (token, MAX_TOKEN_LENGTH))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NOT_SERVER,
                           "This address is not a Google Reader API server (its token is not one)");
      return FALSE;
    }

  g_free (self->token);
  self->token = g_strdup (token);

  return TRUE;
}

/* POSTs @pairs (name, value, …) with the edit token. A 401 may be a
 * token that expired (Google's lasted half an hour; the server says so
 * in a Google-Bad-Token header we are not shown): a new one is taken and
 * the request made once more. */
static BriefingSyncResponse *
api_post (BriefingGreader     *self,
          const char          *path,
          const char * const  *pairs,
          GCancellable        *cancellable,
          GError             **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      g_autoptr(BriefingSyncResponse) response = NULL;
      g_autofree char *form = NULL;

      g_ptr_array_add (all, (gpointer) "T");
      g_ptr_array_add (all, self->token);
      for (guint i = 0; pairs[i] != NULL; i++)
        g_ptr_array_add (all, (gpointer) pairs[i]);
      g_ptr_array_add (all, NULL);

      form = briefing_sync_http_form ((const char * const *) all->pdata);
      response = api_request (self, "POST", path, form, cancellable, error);
      if (response == NULL)
        return NULL;

      if (response->status != 401 || attempt > 0)
        return g_steal_pointer (&response);

      if (!fetch_token (self, cancellable, error))
        return NULL;
    }
}

static gboolean
check_signed_in (BriefingGreader  *self,
                 GError          **error)
{
  if (self->api != NULL && self->token != NULL)
    return TRUE;

  g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                       "Briefing has not signed in to the server");
  return FALSE;
}

/* Signing in ------------------------------------------------------------------ */

/* The addresses the API may have, given what the reader typed: the API
 * itself (FreshRSS's …/api/greader.php, Miniflux's root, or anything
 * below either pasted whole), else FreshRSS's root, where the API is at
 * api/greader.php. */
static GPtrArray *
api_candidates (const char  *server,
                GError     **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *typed = g_strstrip (g_strdup (server != NULL ? server : ""));
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) path = NULL;
  g_autofree char *base = NULL;
  const char *cut;

  with_scheme = strstr (typed, "://") != NULL ? g_strdup (typed) : g_strconcat ("https://", typed, NULL);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NOT_SERVER,
                   "“%s” is not a web address", typed);
      return NULL;
    }

  path = g_string_new (g_uri_get_path (uri));
  if ((cut = strstr (path->str, "/greader.php")) != NULL)
    g_string_truncate (path, cut - path->str + strlen ("/greader.php"));
  else if ((cut = strstr (path->str, "/reader/api/0")) != NULL || (cut = strstr (path->str, "/accounts/ClientLogin")) != NULL)
    g_string_truncate (path, cut - path->str);
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);

  base = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_userinfo (uri), g_uri_get_host (uri),
                     g_uri_get_port (uri), path->str, NULL, NULL);
  g_ptr_array_add (candidates, g_strdup (base));

  if (!g_str_has_suffix (path->str, "/greader.php"))
    g_ptr_array_add (candidates, g_strconcat (base, g_str_has_suffix (path->str, "/api") ? "/greader.php" : "/api/greader.php", NULL));

  return g_steal_pointer (&candidates);
}

/* The Auth of a ClientLogin answer, or NULL with @error. *elsewhere says
 * the answer is not the API's, so that it may be at another address. */
static char *
read_client_login (BriefingSyncResponse  *response,
                   gboolean              *elsewhere,
                   GError               **error)
{
  g_autofree char *copy = NULL;
  const char *body = body_text (response, &copy);

  *elsewhere = FALSE;

  if (response->status >= 200 && response->status < 300)
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", 16);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = g_strstrip (lines[i]);

          if (g_str_has_prefix (line, "Auth=") && is_good_token (line + 5, MAX_TOKEN_LENGTH))
            return g_strdup (line + 5);
        }
    }
  else if (response->status == 401 || response->status == 403 ||
           (response->status == 400 && g_str_has_prefix (body, "Bad Request!")))
    {
      /* FreshRSS says 401 both for a wrong password and for an account
       * without an API password, and 400 for a name it does not allow. */
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH,
                           "The user name or password is wrong (the server wants the password set for its API)");
      return NULL;
    }
  else if (is_api_switched_off (response))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_API_DISABLED,
                           "The server’s API is switched off (in FreshRSS: Administration → Authentication → "
                           "Allow API access)");
      return NULL;
    }

  /* Another address may still be the API's; if none is, the reader
   * hears about the last one's failure. */
  *elsewhere = TRUE;
  if (response->status >= 500)
    {
      check_status (response, "the sign-in", error);
      return NULL;
    }

  g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NOT_SERVER,
                       "This address is not a Google Reader API server (for FreshRSS, give the address "
                       "of its api/greader.php)");
  return NULL;
}

static gboolean
client_login (BriefingGreader  *self,
              const char       *api,
              const char       *password,
              gboolean         *elsewhere,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autofree char *url = g_strconcat (api, "/accounts/ClientLogin", NULL);
  g_autofree char *form = NULL;
  const char *pairs[] = { "Email", self->user != NULL ? self->user : "", "Passwd", password != NULL ? password : "", NULL };
  char *auth;

  *elsewhere = FALSE;
  form = briefing_sync_http_form (pairs);
  response = briefing_sync_http_request (self->http, "POST", url, NULL, FORM_TYPE, form, strlen (form),
                                         cancellable, error);
  if (response == NULL)
    return FALSE;

  auth = read_client_login (response, elsewhere, error);
  if (auth == NULL)
    return FALSE;

  g_free (self->auth);
  self->auth = auth;
  g_free (self->api);
  self->api = g_strdup (api);

  return TRUE;
}

static gboolean
briefing_greader_login (BriefingSyncBackend  *backend,
                        const char           *password,
                        GCancellable         *cancellable,
                        GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  g_autoptr(GPtrArray) candidates = api_candidates (self->server, error);
  g_autoptr(GError) local_error = NULL;
  gboolean elsewhere = TRUE;

  if (candidates == NULL)
    return FALSE;

  g_clear_pointer (&self->api, g_free);
  g_clear_pointer (&self->auth, g_free);
  g_clear_pointer (&self->token, g_free);

  for (guint i = 0; i < candidates->len && elsewhere; i++)
    {
      g_clear_error (&local_error);
      if (client_login (self, g_ptr_array_index (candidates, i), password, &elsewhere, cancellable, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* FreshRSS lets an account its administrator disabled sign in, then
   * refuses it everything else. */
  if (!fetch_token (self, cancellable, &local_error))
    {
      if (g_error_matches (local_error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH))
        g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_API_DISABLED,
                             "The server accepts the password but does not let this account use its API");
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_pointer (&self->api, g_free);
      return FALSE;
    }

  return TRUE;
}

/* Subscriptions --------------------------------------------------------------- */

static char *
read_group (JsonArray *categories)
{
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories) && i < MAX_CATEGORIES; i++)
    {
      JsonObject *category = array_get_object (categories, i);
      const char *name = label_name (briefing_json_get_string (category, "id"));
      const char *label = briefing_json_get_string (category, "label");

      if (name != NULL)
        return dup_text (label != NULL && *label != '\0' ? label : name, MAX_TEXT_LENGTH);
    }

  return NULL;
}

static BriefingRemoteFeed *
read_feed (JsonObject *object)
{
  g_autoptr(BriefingRemoteFeed) feed = g_new0 (BriefingRemoteFeed, 1);
  const char *url;

  feed->id = dup_id (briefing_json_get_string (object, "id"));
  if (feed->id == NULL)
    return NULL;

  /* Google's own list had no "url": the feed's address was its id. */
  url = briefing_json_get_string (object, "url");
  if (url == NULL && g_str_has_prefix (feed->id, "feed/") && strstr (feed->id, "://") != NULL)
    url = feed->id + 5;

  feed->title = dup_text (briefing_json_get_string (object, "title"), MAX_TEXT_LENGTH);
  feed->url = is_good_id (url, MAX_TEXT_LENGTH) ? g_strdup (url) : NULL;
  feed->site_url = dup_id (briefing_json_get_string (object, "htmlUrl"));
  feed->group = read_group (briefing_json_get_array (object, "categories"));

  return g_steal_pointer (&feed);
}

static GPtrArray *
briefing_greader_list_feeds (BriefingSyncBackend  *backend,
                             GCancellable         *cancellable,
                             GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *subscriptions;
  const char *what = "the list of subscriptions";

  if (!check_signed_in (self, error))
    return NULL;

  response = api_get (self, "reader/api/0/subscription/list?output=json", cancellable, error);
  if (response == NULL || !check_status (response, what, error))
    return NULL;

  root = parse_json (response, what, error);
  if (root == NULL || (subscriptions = root_array_member (root, "subscriptions", what, error)) == NULL)
    return NULL;

  feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_feed_free);
  for (guint i = 0; i < json_array_get_length (subscriptions); i++)
    {
      JsonObject *object = array_get_object (subscriptions, i);
      BriefingRemoteFeed *feed = object != NULL ? read_feed (object) : NULL;

      if (feed != NULL)
        g_ptr_array_add (feeds, feed);
    }

  return g_steal_pointer (&feeds);
}

static const BriefingRemoteFeed *
find_feed (GPtrArray  *feeds,
           const char *url)
{
  for (guint i = 0; i < feeds->len; i++)
    {
      const BriefingRemoteFeed *feed = g_ptr_array_index (feeds, i);

      if (g_strcmp0 (feed->url, url) == 0)
        return feed;
    }

  return NULL;
}

static gboolean
has_feed_id (GPtrArray  *feeds,
             const char *id)
{
  for (guint i = 0; i < feeds->len; i++)
    if (g_strcmp0 (((BriefingRemoteFeed *) g_ptr_array_index (feeds, i))->id, id) == 0)
      return TRUE;

  return FALSE;
}

/* subscription/edit answers "OK" and no more; the new feed is the one in
 * the list with this address, or else (the server found the feed behind
 * a page's address) the one that was not there before. */
static char *
find_new_feed (GPtrArray  *before,
               GPtrArray  *after,
               const char *url)
{
  const BriefingRemoteFeed *found = find_feed (after, url);
  const BriefingRemoteFeed *added = NULL;

  if (found != NULL)
    return g_strdup (found->id);

  for (guint i = 0; i < after->len; i++)
    {
      const BriefingRemoteFeed *feed = g_ptr_array_index (after, i);

      if (has_feed_id (before, feed->id))
        continue;
      if (added != NULL)
        return NULL;
      added = feed;
    }

  return added != NULL ? g_strdup (added->id) : NULL;
}

static char *
briefing_greader_subscribe (BriefingSyncBackend  *backend,
                            const char           *url,
                            const char           *group,
                            GCancellable         *cancellable,
                            GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autofree char *stream = NULL;
  g_autofree char *label = NULL;
  g_autofree char *id = NULL;
  const BriefingRemoteFeed *existing;
  const char *what = "the new subscription";

  g_return_val_if_fail (url != NULL, NULL);

  /* FreshRSS refuses to subscribe twice (400): the feed is there. */
  before = briefing_greader_list_feeds (backend, cancellable, error);
  if (before == NULL)
    return NULL;
  if ((existing = find_feed (before, url)) != NULL)
    return g_strdup (existing->id);

  stream = g_strconcat ("feed/", url, NULL);
  label = group != NULL && *group != '\0' ? g_strconcat (LABEL_PREFIX, group, NULL) : NULL;
  {
    const char *pairs[] = { "ac", "subscribe", "s", stream, label != NULL ? "a" : NULL, label, NULL };

    response = api_post (self, "reader/api/0/subscription/edit", pairs, cancellable, error);
  }
  if (response == NULL || !check_ok (response, what, error))
    return NULL;

  after = briefing_greader_list_feeds (backend, cancellable, error);
  if (after == NULL)
    return NULL;

  id = find_new_feed (before, after, url);
  if (id == NULL)
    g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                 "The server subscribed to “%s” but does not list it", url);

  return g_steal_pointer (&id);
}

static gboolean
briefing_greader_unsubscribe (BriefingSyncBackend  *backend,
                              const char           *feed_id,
                              GCancellable         *cancellable,
                              GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  g_autoptr(BriefingSyncResponse) response = NULL;
  const char *pairs[] = { "ac", "unsubscribe", "s", feed_id, NULL };

  g_return_val_if_fail (feed_id != NULL, FALSE);

  if (!check_signed_in (self, error))
    return FALSE;

  response = api_post (self, "reader/api/0/subscription/edit", pairs, cancellable, error);

  return response != NULL && check_ok (response, "the end of the subscription", error);
}

/* Articles -------------------------------------------------------------------- */

static const char *
first_href (JsonArray *links)
{
  for (guint i = 0; links != NULL && i < json_array_get_length (links) && i < 8; i++)
    {
      const char *href = briefing_json_get_string (array_get_object (links, i), "href");

      if (is_good_id (href, MAX_TEXT_LENGTH))
        return href;
    }

  return NULL;
}

static void
read_categories (BriefingRemoteItem *item,
                 JsonArray          *categories)
{
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      const char *category = array_get_string (categories, i);
      const char *tail;
      const char *name;

      if (category == NULL)
        continue;

      tail = user_stream_tail (category);
      if (g_strcmp0 (tail, "state/com.google/read") == 0)
        item->read = TRUE;
      else if (g_strcmp0 (tail, "state/com.google/starred") == 0)
        item->starred = TRUE;
      else if (tail != NULL && !g_str_has_prefix (tail, "label/"))
        continue;  /* reading-list and the other states are not labels */
      else if (item->categories->len < MAX_CATEGORIES)
        {
          name = label_name (category);
          g_ptr_array_add (item->categories, dup_text (name != NULL ? name : category, MAX_TEXT_LENGTH));
        }
    }
}

static void
read_enclosures (BriefingRemoteItem *item,
                 JsonArray          *enclosures)
{
  for (guint i = 0; enclosures != NULL && i < json_array_get_length (enclosures); i++)
    {
      JsonObject *object = array_get_object (enclosures, i);
      const char *url = briefing_json_get_string (object, "href");
      const char *type = briefing_json_get_string (object, "type");

      /* Miniflux names the address "url". */
      if (url == NULL)
        url = briefing_json_get_string (object, "url");
      if (!is_good_id (url, MAX_TEXT_LENGTH) || item->enclosures->len >= MAX_ENCLOSURES)
        continue;

      g_ptr_array_add (item->enclosures,
                       briefing_enclosure_new (url, is_good_id (type, 256) ? type : NULL,
                                               MAX (briefing_json_get_int (object, "length"), 0)));
    }
}

/* When the server stored the article, in microseconds, or 0. FreshRSS
 * gives the instant twice, timestampUsec to the microsecond; Miniflux's
 * timestampUsec is the publication date, so it counts only when it
 * agrees with crawlTimeMsec. */
static gint64
read_crawl_time (JsonObject *object)
{
  gint64 msec = briefing_json_get_int (object, "crawlTimeMsec");
  gint64 usec = briefing_json_get_int (object, "timestampUsec");

  if (msec <= 0 || msec > G_MAXINT64 / 1000)
    return MAX (usec, 0);
  if (usec / 1000 == msec)
    return usec;

  return msec * 1000;
}

/* Returns NULL for an article without an id or a feed, which could be
 * neither stored nor told apart. */
static BriefingRemoteItem *
read_item (JsonObject *object,
           gint64     *crawl_time)
{
  g_autoptr(BriefingRemoteItem) item = briefing_remote_item_new ();
  g_autofree char *id = dup_string_or_int (object, "id");
  const char *link;

  item->id = normalise_item_id (id);
  item->feed_id = dup_id (briefing_json_get_string (briefing_json_get_object (object, "origin"), "streamId"));
  if (item->id == NULL || item->feed_id == NULL)
    return NULL;

  link = first_href (briefing_json_get_array (object, "canonical"));
  if (link == NULL)
    link = first_href (briefing_json_get_array (object, "alternate"));

  item->title = dup_text (briefing_json_get_string (object, "title"), MAX_TEXT_LENGTH);
  item->link = g_strdup (link);
  item->author = dup_text (briefing_json_get_string (object, "author"), MAX_TEXT_LENGTH);
  item->summary = dup_text (briefing_json_get_string (briefing_json_get_object (object, "summary"), "content"), BRIEFING_SYNC_MAX_RESPONSE);
  item->content = dup_text (briefing_json_get_string (briefing_json_get_object (object, "content"), "content"), BRIEFING_SYNC_MAX_RESPONSE);
  item->published = briefing_json_get_int (object, "published");
  item->updated = briefing_json_get_int (object, "updated");
  read_categories (item, briefing_json_get_array (object, "categories"));
  read_enclosures (item, briefing_json_get_array (object, "enclosure"));

  *crawl_time = read_crawl_time (object);

  return g_steal_pointer (&item);
}

/* Adds the articles of a stream/contents or items/contents answer to
 * @items, but for those stored at @since or before (the last sync had
 * them); *newest becomes the latest crawl time among them. */
static gboolean
read_items (JsonNode    *root,
            gint64       since,
            GPtrArray   *items,
            gint64      *newest,
            GError     **error)
{
  const char *what = "new articles";
  JsonArray *array = root_array_member (root, "items", what, error);

  if (array == NULL)
    return FALSE;

  if (json_array_get_length (array) > MAX_PAGE_ITEMS)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "The server sent %u articles where Briefing asked for %u",
                   json_array_get_length (array), PAGE_ITEMS);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_get_object (array, i);
      gint64 crawl_time = 0;
      BriefingRemoteItem *item = object != NULL ? read_item (object, &crawl_time) : NULL;

      if (item == NULL)
        continue;

      if (crawl_time > 0 && crawl_time <= since)
        {
          briefing_remote_item_free (item);
          continue;
        }

      g_ptr_array_add (items, item);
      *newest = MAX (*newest, crawl_time);
    }

  return TRUE;
}

static void
page_set_items (BriefingSyncPage *page,
                GPtrArray        *items)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  page->items = items;
}

static void
page_finish (BriefingSyncPage *page,
             char             *next_since)
{
  g_clear_pointer (&page->token, g_free);
  g_clear_pointer (&page->next_since, g_free);
  page->next_since = next_since;
  page->done = TRUE;
}

/* The item ids of one stream, each given to @add in the long form,
 * through every page of stream/items/ids. */
static gboolean
list_item_ids (BriefingGreader  *self,
               const char       *query,
               const char       *what,
               void            (*add) (const char *id, gpointer data),
               gpointer          data,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *continuation = NULL;
  guint total = 0;

  for (;;)
    {
      g_autoptr(BriefingSyncResponse) response = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *escaped = continuation != NULL ? g_uri_escape_string (continuation, NULL, FALSE) : NULL;
      g_autofree char *path = g_strdup_printf ("reader/api/0/stream/items/ids?output=json&%s&n=%d%s%s",
                                               query, PAGE_IDS, escaped != NULL ? "&c=" : "",
                                               escaped != NULL ? escaped : "");
      JsonArray *refs;

      response = api_get (self, path, cancellable, error);
      if (response == NULL || !check_status (response, what, error))
        return FALSE;

      root = parse_json (response, what, error);
      if (root == NULL || (refs = root_array_member (root, "itemRefs", what, error)) == NULL)
        return FALSE;

      total += json_array_get_length (refs);
      if (total > MAX_IDS)
        {
          g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_TOO_LARGE,
                       "The server lists more than %u articles", MAX_IDS);
          return FALSE;
        }

      for (guint i = 0; i < json_array_get_length (refs); i++)
        {
          g_autofree char *raw = dup_string_or_int (array_get_object (refs, i), "id");
          g_autofree char *id = normalise_item_id (raw);

          if (id != NULL)
            add (id, data);
        }

      g_clear_pointer (&continuation, g_free);
      if (!read_continuation (root, &continuation, error))
        return FALSE;
      if (continuation == NULL || json_array_get_length (refs) == 0)
        return TRUE;

      if (g_hash_table_contains (seen, continuation))
        {
          g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                       "The server repeats a page of %s without end", what);
          return FALSE;
        }
      g_hash_table_add (seen, g_strdup (continuation));
    }
}

typedef struct
{
  GArray  *numbers;
  guint64  above;
  guint64  newest;
} Pending;

static void
add_pending (const char *id,
             gpointer    data)
{
  Pending *pending = data;
  guint64 number;

  if (!item_number (id, &number) || number <= pending->above)
    return;

  g_array_append_val (pending->numbers, number);
  pending->newest = MAX (pending->newest, number);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids of the reading list above the cursor's, oldest first, into
 * self->pending. */
static gboolean
list_pending (BriefingGreader  *self,
              const char       *since,
              GCancellable     *cancellable,
              GError          **error)
{
  Pending pending = { g_array_new (FALSE, FALSE, sizeof (guint64)), 0, 0 };

  if (since != NULL && g_str_has_prefix (since, "id:"))
    parse_number (since + 3, 10, G_MAXUINT64, &pending.above);
  pending.newest = pending.above;

  if (!list_item_ids (self, "s=" READING_LIST, "new articles", add_pending, &pending, cancellable, error))
    {
      g_array_unref (pending.numbers);
      return FALSE;
    }

  g_array_sort (pending.numbers, compare_numbers);
  g_clear_pointer (&self->pending, g_array_unref);
  self->pending = pending.numbers;
  self->pending_newest = pending.newest;

  return TRUE;
}

/* The articles of self->pending from @first to before @end, by POST. */
static gboolean
fetch_pending (BriefingGreader  *self,
               guint             first,
               guint             end,
               GPtrArray        *items,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 newest = 0;

  if (first >= end)
    return TRUE;

  for (guint i = first; i < end; i++)
    {
      g_ptr_array_add (ids, long_item_id (g_array_index (self->pending, guint64, i)));
      g_ptr_array_add (pairs, (gpointer) "i");
      g_ptr_array_add (pairs, g_ptr_array_index (ids, ids->len - 1));
    }
  g_ptr_array_add (pairs, NULL);

  response = api_post (self, "reader/api/0/stream/items/contents?output=json",
                       (const char * const *) pairs->pdata, cancellable, error);
  if (response == NULL || !check_status (response, "new articles", error))
    return FALSE;

  root = parse_json (response, "new articles", error);

  return root != NULL && read_items (root, 0, items, &newest, error);
}

/* Without stream/contents (Miniflux): the first page lists the ids above
 * the cursor's; each page then fetches BATCH_IDS of their articles. */
static gboolean
fetch_items_by_ids (BriefingGreader   *self,
                    BriefingSyncPage  *page,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_item_free);
  guint64 offset = 0;
  guint end;

  if (page->token == NULL)
    {
      if (!list_pending (self, page->since, cancellable, error))
        return FALSE;
    }
  else if (self->pending == NULL || !g_str_has_prefix (page->token, "ids:") ||
           !parse_number (page->token + 4, 10, self->pending->len, &offset))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                           "The sync lost its place among the server’s articles");
      return FALSE;
    }

  end = MIN (self->pending->len, (guint) offset + BATCH_IDS);
  if (!fetch_pending (self, (guint) offset, end, items, cancellable, error))
    return FALSE;

  page->total = self->pending->len;
  page_set_items (page, g_steal_pointer (&items));

  if (end >= self->pending->len)
    {
      page_finish (page, g_strdup_printf ("id:%" G_GUINT64_FORMAT, self->pending_newest));
      g_clear_pointer (&self->pending, g_array_unref);
    }
  else
    {
      g_free (page->token);
      page->token = g_strdup_printf ("ids:%u", end);
    }

  return TRUE;
}

/* Miniflux answers "[]" to the paths it does not know, stream/contents
 * among them; a server without the path at all says 404 or 501. */
static gboolean
lacks_stream_contents (BriefingSyncResponse *response)
{
  g_autofree char *copy = NULL;

  if (response->status == 404 || response->status == 405 || response->status == 501)
    return TRUE;

  return response->status == 200 && strcmp (body_text (response, &copy), "[]") == 0;
}

/* The token of a page of stream/contents: the newest crawl time so far
 * (in microseconds), a space, and the server's continuation. */
static gboolean
parse_page_token (const char  *token,
                  gint64      *newest,
                  const char **continuation)
{
  g_autofree char *number = NULL;
  const char *space = strchr (token, ' ');
  guint64 value;

  if (space == NULL)
    return FALSE;

  number = g_strndup (token, space - token);
  if (!parse_number (number, 10, G_MAXINT64, &value))
    return FALSE;

  *newest = value;
  *continuation = space + 1;

  return is_good_token (*continuation, MAX_CONTINUATION_LENGTH);
}

typedef struct
{
  guint64 since;
  guint   count;
} Counter;

static void
count_newer (const char *id,
             gpointer    data)
{
  Counter *counter = data;
  guint64 number;

  if (!item_number (id, &number) || number > counter->since)
    counter->count++;
}

/* How many articles this sync brings, for its progress: the ids from the
 * cursor's second on, but for those not newer than the cursor. That is
 * exact for FreshRSS, whose ids are the crawl times; elsewhere it may
 * count the cursor's second over. 0 when the server does not say. */
static guint
count_new_items (BriefingGreader *self,
                 guint64          since,
                 GCancellable    *cancellable)
{
  g_autofree char *query = g_strdup_printf ("s=" READING_LIST "&ot=%" G_GUINT64_FORMAT, since / G_USEC_PER_SEC);
  Counter counter = { since, 0 };

  if (!list_item_ids (self, query, "new articles", count_newer, &counter, cancellable, NULL))
    return 0;

  return counter.count;
}

static char *
contents_path (guint64     since,
               const char *continuation)
{
  GString *path = g_string_new ("reader/api/0/stream/contents/" READING_LIST "?output=json");

  g_string_append_printf (path, "&n=%d", PAGE_ITEMS);
  if (since >= G_USEC_PER_SEC)
    g_string_append_printf (path, "&ot=%" G_GUINT64_FORMAT, since / G_USEC_PER_SEC);
  if (continuation != NULL)
    {
      g_string_append (path, "&c=");
      g_string_append_uri_escaped (path, continuation, NULL, FALSE);
    }

  return g_string_free (path, FALSE);
}

/* After a page of stream/contents: the token for the next, or the end
 * and the cursor. */
static gboolean
turn_page (BriefingGreader   *self,
           BriefingSyncPage  *page,
           JsonNode          *root,
           GPtrArray         *items,
           gint64             newest,
           guint64            since,
           GError           **error)
{
  g_autofree char *next = NULL;

  self->items_seen += items->len;
  if (self->items_seen > MAX_SYNC_ITEMS)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_TOO_LARGE,
                   "The server sent more than %u articles in one sync", MAX_SYNC_ITEMS);
      return FALSE;
    }

  if (!read_continuation (root, &next, error))
    return FALSE;

  /* A page left empty ends the list, whatever it says: FreshRSS ends so
   * after a last page that was full, and, newest first, a page whose
   * articles the last sync had is followed by older ones only. */
  if (next == NULL || items->len == 0)
    {
      page_set_items (page, g_ptr_array_ref (items));
      newest = MAX (newest, (gint64) since);
      page_finish (page, newest > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, newest) : g_strdup (page->since));
      return TRUE;
    }

  /* A continuation seen before in this sync: the server goes round in
   * circles. */
  if (g_hash_table_contains (self->continuations, next))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                           "The server’s list of articles never ends (it repeats a page)");
      return FALSE;
    }
  g_hash_table_add (self->continuations, g_strdup (next));

  page_set_items (page, g_ptr_array_ref (items));
  g_free (page->token);
  page->token = g_strdup_printf ("%" G_GINT64_FORMAT " %s", newest, next);
  page->done = FALSE;

  return TRUE;
}

static gboolean
briefing_greader_fetch_items (BriefingSyncBackend  *backend,
                              BriefingSyncPage     *page,
                              GCancellable         *cancellable,
                              GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  g_autoptr(BriefingSyncResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_item_free);
  g_autofree char *path = NULL;
  const char *continuation = NULL;
  const char *what = "new articles";
  guint64 since = 0;
  gint64 newest = 0;

  if (!check_signed_in (self, error))
    return FALSE;

  if (page->token == NULL)
    {
      g_hash_table_remove_all (self->continuations);
      self->items_seen = 0;
      if (page->since != NULL && g_str_has_prefix (page->since, "id:"))
        self->by_ids = TRUE;
    }

  if (self->by_ids)
    return fetch_items_by_ids (self, page, cancellable, error);

  if (page->token != NULL && !parse_page_token (page->token, &newest, &continuation))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                           "The sync lost its place among the server’s articles");
      return FALSE;
    }

  if (page->since != NULL)
    parse_number (page->since, 10, G_MAXINT64, &since);

  path = contents_path (since, continuation);
  response = api_get (self, path, cancellable, error);
  if (response == NULL)
    return FALSE;

  if (page->token == NULL && lacks_stream_contents (response))
    {
      self->by_ids = TRUE;
      return fetch_items_by_ids (self, page, cancellable, error);
    }

  if (!check_status (response, what, error) || (root = parse_json (response, what, error)) == NULL ||
      !read_items (root, (gint64) since, items, &newest, error))
    return FALSE;

  /* Counting costs a request: only when there is more than one page. */
  if (page->token == NULL)
    self->total = items->len >= PAGE_ITEMS ? count_new_items (self, since, cancellable) : items->len;
  page->total = self->total;

  return turn_page (self, page, root, items, newest, since, error);
}

/* States ---------------------------------------------------------------------- */

static void
add_to_set (const char *id,
            gpointer    data)
{
  g_hash_table_add (data, g_strdup (id));
}

static GHashTable *
briefing_greader_fetch_ids (BriefingSyncBackend  *backend,
                            BriefingSyncField     field,
                            const char           *since_state,
                            char                **next_state,
                            gboolean             *unchanged,
                            GCancellable         *cancellable,
                            GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *query;
  const char *what;

  if (!check_signed_in (self, error))
    return NULL;

  /* The API says nothing about what changed since a time: the whole
   * set, one page of ids after another, every time. */
  if (field == BRIEFING_SYNC_FIELD_READ)
    {
      query = "s=" READING_LIST "&xt=" STATE_READ;
      what = "the list of unread articles";
    }
  else
    {
      query = "s=" STATE_STARRED;
      what = "the list of starred articles";
    }

  if (!list_item_ids (self, query, what, add_to_set, ids, cancellable, error))
    return NULL;

  return g_steal_pointer (&ids);
}

static gboolean
briefing_greader_send_state (BriefingSyncBackend  *backend,
                             const char * const   *item_ids,
                             BriefingSyncField     field,
                             gboolean              value,
                             GCancellable         *cancellable,
                             GError              **error)
{
  BriefingGreader *self = BRIEFING_GREADER (backend);
  const char *tag = field == BRIEFING_SYNC_FIELD_READ ? STATE_READ : STATE_STARRED;
  const char *what = field == BRIEFING_SYNC_FIELD_READ ? "the change of read articles" : "the change of starred articles";
  guint i = 0;

  if (!check_signed_in (self, error))
    return FALSE;

  while (item_ids != NULL && item_ids[i] != NULL)
    {
      g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
      g_autoptr(BriefingSyncResponse) response = NULL;

      for (guint n = 0; n < BATCH_IDS && item_ids[i] != NULL; i++, n++)
        {
          g_ptr_array_add (pairs, (gpointer) "i");
          g_ptr_array_add (pairs, (gpointer) item_ids[i]);
        }
      g_ptr_array_add (pairs, (gpointer) (value ? "a" : "r"));
      g_ptr_array_add (pairs, (gpointer) tag);
      g_ptr_array_add (pairs, NULL);

      response = api_post (self, "reader/api/0/edit-tag", (const char * const *) pairs->pdata, cancellable, error);
      if (response == NULL || !check_ok (response, what, error))
        return FALSE;
    }

  return TRUE;
}

/* The object ------------------------------------------------------------------ */

static void
briefing_greader_finalize (GObject *object)
{
  BriefingGreader *self = BRIEFING_GREADER (object);

  g_free (self->server);
  g_free (self->user);
  g_free (self->api);
  g_free (self->auth);
  g_free (self->token);
  g_clear_pointer (&self->continuations, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (briefing_greader_parent_class)->finalize (object);
}

static void
briefing_greader_class_init (BriefingGreaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_greader_finalize;
}

static void
briefing_greader_init (BriefingGreader *self)
{
  self->continuations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
briefing_greader_backend_init (BriefingSyncBackendInterface *iface)
{
  iface->kind = "greader";
  iface->login = briefing_greader_login;
  iface->list_feeds = briefing_greader_list_feeds;
  iface->fetch_items = briefing_greader_fetch_items;
  iface->fetch_ids = briefing_greader_fetch_ids;
  iface->send_state = briefing_greader_send_state;
  iface->subscribe = briefing_greader_subscribe;
  iface->unsubscribe = briefing_greader_unsubscribe;
}

/**
 * briefing_greader_new:
 * @http: the sync's HTTP, which must outlive the backend
 * @server: the address the reader typed: FreshRSS's API
 *   (…/api/greader.php), FreshRSS's own address, or Miniflux's
 * @user: the user name (FreshRSS's, or Miniflux's Google Reader one)
 *
 * Returns: (transfer full): a Google Reader API backend, not yet signed in
 */
BriefingSyncBackend *
briefing_greader_new (BriefingSyncHttp *http,
                      const char       *server,
                      const char       *user)
{
  BriefingGreader *self;

  g_return_val_if_fail (http != NULL, NULL);
  g_return_val_if_fail (server != NULL, NULL);

  self = g_object_new (BRIEFING_TYPE_GREADER, NULL);
  self->http = http;
  self->server = g_strdup (server);
  self->user = g_strdup (user);

  return BRIEFING_SYNC_BACKEND (self);
}
