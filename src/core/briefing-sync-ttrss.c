/* briefing-sync-ttrss.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-sync"

#include "config.h"

#include <json-glib/json-glib.h>

#include "briefing-json.h"
#include "briefing-sync-backend.h"
#include "briefing-sync-http.h"

/* Tiny Tiny RSS's JSON API (api/): every call is a POST of one JSON
 * object naming its "op" and carrying the session id, answered by
 * {"seq", "status": 0|1, "content"}; status 1 means content.error says
 * what went wrong.
 *
 * New items come from getHeadlines over every feed with since_id, the
 * highest article id the last complete sync saw; pages of at most 200
 * (the server's own cap) by skip. The server does not date read or
 * starred changes, so the state is fetched as lists of ids: starred
 * articles are few and fetched each time; unread ones may be tens of
 * thousands, so they are fetched only when the per-feed unread counters
 * (getCounters, one request) differ from those of the last sync, and at
 * least once a day: equal counters may hide an article read and another
 * arrived in the same feed. */

#define PAGE_SIZE 200
#define MAX_ID_LENGTH 32
#define MAX_JSON_DEPTH 32    /* the API's answers nest four deep */
#define MAX_PAGES 5000       /* a million articles a sync; the rest the next */
#define MAX_IDS 1000000

/* The unread ids are fetched whole at least this often (seconds). */
#define FULL_STATE_INTERVAL (24 * 60 * 60)

/* Virtual feeds, as the API numbers them. */
#define FEED_STARRED -1
#define FEED_ALL -4

struct _BriefingTtrss
{
  GObject           parent_instance;

  BriefingSyncHttp *http;     /* not owned: the sync's */
  char             *api_url;
  char             *user;
  char             *password;
  char             *session;
};

#define BRIEFING_TYPE_TTRSS (briefing_ttrss_get_type ())
G_DECLARE_FINAL_TYPE (BriefingTtrss, briefing_ttrss, BRIEFING, TTRSS, GObject)

static void sync_backend_iface_init (BriefingSyncBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BriefingTtrss, briefing_ttrss, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BRIEFING_TYPE_SYNC_BACKEND, sync_backend_iface_init))

static void
briefing_ttrss_finalize (GObject *object)
{
  BriefingTtrss *self = BRIEFING_TTRSS (object);

  g_free (self->api_url);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->session);

  G_OBJECT_CLASS (briefing_ttrss_parent_class)->finalize (object);
}

static void
briefing_ttrss_class_init (BriefingTtrssClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = briefing_ttrss_finalize;
}

static void
briefing_ttrss_init (BriefingTtrss *self)
{
}

/* The address the reader typed may be the site ("https://host/tt-rss/")
 * or its API ("…/api/"). */
static char *
api_url_for (const char *server)
{
  g_autofree char *trimmed = g_strdup (server);
  gsize len;

  g_strstrip (trimmed);
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  if (g_str_has_suffix (trimmed, "/api"))
    return g_strconcat (trimmed, "/", NULL);

  return g_strconcat (trimmed, "/api/", NULL);
}

/* The API's calls ---------------------------------------------------------- */

static gboolean login (BriefingTtrss *self, GCancellable *cancellable, GError **error);

static void
set_not_server (GError **error)
{
  g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NOT_SERVER,
                       "This address is not a Tiny Tiny RSS server");
}

/* Sends @params (consumed) as @op; returns the answer's content. A session
 * the server forgot is renewed once. */
static JsonNode *
call (BriefingTtrss  *self,
      const char     *op,
      JsonObject     *params,
      GCancellable   *cancellable,
      GError        **error)
{
  g_autoptr(JsonObject) request = params != NULL ? params : json_object_new ();

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(BriefingSyncResponse) response = NULL;
      g_autofree char *body = NULL;
      JsonObject *answer;
      JsonNode *content;
      JsonNode *status;
      const char *data;
      gsize length;

      json_object_set_string_member (request, "op", op);
      if (self->session != NULL)
        json_object_set_string_member (request, "sid", self->session);
      json_node_set_object (root, request);
      body = json_to_string (root, FALSE);

      response = briefing_sync_http_request (self->http, "POST", self->api_url, NULL, "application/json",
                                             body, strlen (body), cancellable, error);
      if (response == NULL)
        return NULL;

      data = g_bytes_get_data (response->body, &length);
      if (response->status == 401 || response->status == 403)
        {
          g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH,
                               "The server refused the login (HTTP authentication?)");
          return NULL;
        }
      /* A PHP crash is a 500 with nothing in it; a server that is no
       * tt-rss at all refuses the POST (404, 405, 501). */
      if (response->status == 500 || response->status == 502 || response->status == 503 ||
          response->status == 504)
        {
          g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_UNREACHABLE,
                       "The server had an error (HTTP %u)", response->status);
          return NULL;
        }
      if (response->status < 200 || response->status >= 300)
        {
          set_not_server (error);
          return NULL;
        }
      if (length == 0 || !briefing_json_is_shallow (data, length, MAX_JSON_DEPTH) ||
          !json_parser_load_from_data (parser, data, length, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          set_not_server (error);
          return NULL;
        }

      answer = json_node_get_object (json_parser_get_root (parser));
      status = json_object_get_member (answer, "status");
      content = json_object_get_member (answer, "content");
      if (status == NULL || json_node_get_value_type (status) != G_TYPE_INT64 || content == NULL)
        {
          set_not_server (error);
          return NULL;
        }

      if (json_node_get_int (status) == 0)
        return json_node_copy (content);

      {
        JsonNode *error_node = JSON_NODE_HOLDS_OBJECT (content)
                               ? json_object_get_member (json_node_get_object (content), "error") : NULL;
        const char *code = error_node != NULL && JSON_NODE_HOLDS_VALUE (error_node) &&
                           json_node_get_value_type (error_node) == G_TYPE_STRING
                           ? json_node_get_string (error_node) : "";

        if (g_strcmp0 (code, "NOT_LOGGED_IN") == 0 && attempt == 0 && g_strcmp0 (op, "login") != 0)
          {
            g_clear_pointer (&self->session, g_free);
            if (!login (self, cancellable, error))
              return NULL;
            json_object_remove_member (request, "sid");
            continue;
          }

        if (g_strcmp0 (code, "LOGIN_ERROR") == 0)
          g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH,
                               "The user name or password is wrong");
        else if (g_strcmp0 (code, "API_DISABLED") == 0)
          g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_API_DISABLED,
                               "The server does not allow this account to use its API: "
                               "enable “API access” in its Preferences");
        else if (g_strcmp0 (code, "NOT_LOGGED_IN") == 0)
          g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH,
                               "The server ended the session");
        else
          {
            g_autofree char *shown = g_utf8_make_valid (code, MIN (strlen (code), 80));

            g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_REJECTED,
                         "The server refused “%s” (%s)", op, *shown != '\0' ? shown : "no reason given");
          }
        return NULL;
      }
    }

  set_not_server (error);
  return NULL;
}

static gboolean
login (BriefingTtrss  *self,
       GCancellable   *cancellable,
       GError        **error)
{
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) content = NULL;
  const char *session;

  json_object_set_string_member (params, "user", self->user);
  json_object_set_string_member (params, "password", self->password);

  content = call (self, "login", params, cancellable, error);
  if (content == NULL)
    return FALSE;

  session = JSON_NODE_HOLDS_OBJECT (content)
            ? json_object_get_string_member_with_default (json_node_get_object (content), "session_id", NULL)
            : NULL;
  if (session == NULL || *session == '\0' || strlen (session) > 256)
    {
      set_not_server (error);
      return FALSE;
    }

  g_free (self->session);
  self->session = g_strdup (session);

  return TRUE;
}

/* Reading the answers ------------------------------------------------------ */

static JsonArray *
content_array (JsonNode  *content,
               GError   **error)
{
  if (content == NULL || !JSON_NODE_HOLDS_ARRAY (content))
    {
      g_set_error_literal (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_NOT_SERVER,
                           "The server’s answer is not a list");
      return NULL;
    }

  return json_node_get_array (content);
}

/* A member that is a string or a number, as text; ids are both. */
static char *
dup_text (JsonObject *object,
          const char *member,
          gsize       max_length)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (strlen (text) > max_length)
        return NULL;
      return g_utf8_make_valid (text, -1);
    }

  return NULL;
}

/* An article id: digits only, as the server's are. */
static char *
dup_id (JsonObject *object,
        const char *member)
{
  g_autofree char *id = dup_text (object, member, MAX_ID_LENGTH);

  if (id == NULL || *id == '\0')
    return NULL;
  for (const char *p = *id == '-' ? id + 1 : id; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  return g_steal_pointer (&id);
}

/* The interface ------------------------------------------------------------- */

static gboolean
ttrss_login (BriefingSyncBackend  *backend,
             const char           *password,
             GCancellable         *cancellable,
             GError              **error)
{
  BriefingTtrss *self = BRIEFING_TTRSS (backend);

  g_free (self->password);
  self->password = g_strdup (password);
  g_clear_pointer (&self->session, g_free);

  return login (self, cancellable, error);
}

static GPtrArray *
ttrss_list_feeds (BriefingSyncBackend  *backend,
                  GCancellable         *cancellable,
                  GError              **error)
{
  BriefingTtrss *self = BRIEFING_TTRSS (backend);
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_feed_free);
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) cats = NULL;
  JsonObject *params;
  JsonArray *array;

  cats = call (self, "getCategories", NULL, cancellable, error);
  if (cats == NULL || (array = content_array (cats, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = dup_id (json_node_get_object (node), "id");
      title = dup_text (json_node_get_object (node), "title", 1000);
      /* 0 is "Uncategorized", below 0 the virtual ones. */
      if (id != NULL && title != NULL && g_ascii_strtoll (id, NULL, 10) > 0)
        g_hash_table_insert (categories, g_steal_pointer (&id), g_steal_pointer (&title));
    }

  params = json_object_new ();
  json_object_set_int_member (params, "cat_id", -3);   /* every feed, no virtual ones */
  json_object_set_boolean_member (params, "unread_only", FALSE);
  listed = call (self, "getFeeds", params, cancellable, error);
  if (listed == NULL || (array = content_array (listed, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array) && i < 100000; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(BriefingRemoteFeed) feed = g_new0 (BriefingRemoteFeed, 1);
      JsonObject *object;
      g_autofree char *cat_id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      feed->id = dup_id (object, "id");
      feed->url = dup_text (object, "feed_url", 8192);
      if (feed->id == NULL || g_ascii_strtoll (feed->id, NULL, 10) <= 0 || feed->url == NULL)
        continue;

      feed->title = dup_text (object, "title", 4096);
      cat_id = dup_id (object, "cat_id");
      if (cat_id != NULL)
        feed->group = g_strdup (g_hash_table_lookup (categories, cat_id));
      g_ptr_array_add (feeds, g_steal_pointer (&feed));
    }

  return g_steal_pointer (&feeds);
}

static BriefingRemoteItem *
item_from_headline (JsonObject *object)
{
  g_autoptr(BriefingRemoteItem) item = briefing_remote_item_new ();
  JsonNode *attachments = json_object_get_member (object, "attachments");
  JsonNode *labels = json_object_get_member (object, "labels");
  JsonNode *tags = json_object_get_member (object, "tags");

  item->id = dup_id (object, "id");
  item->feed_id = dup_id (object, "feed_id");
  if (item->id == NULL || item->feed_id == NULL)
    return NULL;

  item->title = dup_text (object, "title", 64 * 1024);
  item->link = dup_text (object, "link", 8192);
  item->author = dup_text (object, "author", 4096);
  item->content = dup_text (object, "content", 16 * 1024 * 1024);
  item->updated = briefing_json_get_int (object, "updated");
  item->published = item->updated;
  item->read = !briefing_json_get_int (object, "unread");
  item->starred = briefing_json_get_int (object, "marked") != 0;

  for (guint i = 0; attachments != NULL && JSON_NODE_HOLDS_ARRAY (attachments) &&
                    i < json_array_get_length (json_node_get_array (attachments)) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (attachments), i);
      JsonObject *attachment;
      BriefingEnclosure *enclosure;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      attachment = json_node_get_object (node);
      enclosure = g_new0 (BriefingEnclosure, 1);
      enclosure->url = dup_text (attachment, "content_url", 8192);
      enclosure->type = dup_text (attachment, "content_type", 200);
      if (enclosure->url == NULL)
        {
          g_free (enclosure->type);
          g_free (enclosure);
          continue;
        }
      g_ptr_array_add (item->enclosures, enclosure);
    }

  /* Labels are [id, caption, fg, bg]; tags are words. */
  for (guint i = 0; labels != NULL && JSON_NODE_HOLDS_ARRAY (labels) &&
                    i < json_array_get_length (json_node_get_array (labels)) && i < 32; i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (labels), i);

      if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 1)
        {
          JsonNode *caption = json_array_get_element (json_node_get_array (node), 1);

          if (JSON_NODE_HOLDS_VALUE (caption) && json_node_get_value_type (caption) == G_TYPE_STRING)
            g_ptr_array_add (item->categories, g_utf8_make_valid (json_node_get_string (caption), 200));
        }
    }
  for (guint i = 0; tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) &&
                    i < json_array_get_length (json_node_get_array (tags)) && i < 32; i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (tags), i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          *json_node_get_string (node) != '\0')
        g_ptr_array_add (item->categories, g_utf8_make_valid (json_node_get_string (node), 200));
    }

  return g_steal_pointer (&item);
}

static JsonNode *
get_headlines (BriefingTtrss  *self,
               int             feed_id,
               const char     *view_mode,
               gboolean        with_content,
               gint64          since_id,
               guint           skip,
               GCancellable   *cancellable,
               GError        **error)
{
  JsonObject *params = json_object_new ();

  json_object_set_int_member (params, "feed_id", feed_id);
  json_object_set_string_member (params, "view_mode", view_mode);
  json_object_set_int_member (params, "limit", PAGE_SIZE);
  json_object_set_int_member (params, "skip", skip);
  json_object_set_boolean_member (params, "show_content", with_content);
  json_object_set_boolean_member (params, "show_excerpt", FALSE);
  json_object_set_boolean_member (params, "include_attachments", with_content);
  /* Our own sanitizer reads every body; the server's would only cost
   * it a third of each page's time. */
  json_object_set_boolean_member (params, "sanitize", FALSE);
  if (since_id > 0)
    json_object_set_int_member (params, "since_id", since_id);

  return call (self, "getHeadlines", params, cancellable, error);
}

/* The token is how many headlines were read; the cursor, the highest
 * article id seen, carried through the pages in next_since. */
static gboolean
ttrss_fetch_items (BriefingSyncBackend  *backend,
                   BriefingSyncPage     *page,
                   GCancellable         *cancellable,
                   GError              **error)
{
  BriefingTtrss *self = BRIEFING_TTRSS (backend);
  gint64 since_id = page->since != NULL ? g_ascii_strtoll (page->since, NULL, 10) : 0;
  guint64 skip = page->token != NULL ? g_ascii_strtoull (page->token, NULL, 10) : 0;
  gint64 highest = page->next_since != NULL ? g_ascii_strtoll (page->next_since, NULL, 10) : since_id;
  g_autoptr(JsonNode) content = NULL;
  JsonArray *array;
  guint length;

  content = get_headlines (self, FEED_ALL, "all_articles", TRUE, since_id, (guint) skip, cancellable, error);
  if (content == NULL || (array = content_array (content, error)) == NULL)
    return FALSE;

  if (page->items == NULL)
    page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_remote_item_free);

  length = json_array_get_length (array);
  for (guint i = 0; i < length && i < PAGE_SIZE; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      BriefingRemoteItem *item;

      if (!JSON_NODE_HOLDS_OBJECT (node) || (item = item_from_headline (json_node_get_object (node))) == NULL)
        continue;

      highest = MAX (highest, g_ascii_strtoll (item->id, NULL, 10));
      g_ptr_array_add (page->items, item);
    }

  g_free (page->next_since);
  page->next_since = highest > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, highest) : NULL;
  g_free (page->token);
  page->token = g_strdup_printf ("%" G_GUINT64_FORMAT, skip + length);
  page->done = length < PAGE_SIZE || skip / PAGE_SIZE >= MAX_PAGES;

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The unread counters of every feed, as one string to compare. */
static char *
counters_state (BriefingTtrss  *self,
                GCancellable   *cancellable,
                GError        **error)
{
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  JsonArray *array;

  json_object_set_string_member (params, "output_mode", "f");
  content = call (self, "getCounters", params, cancellable, error);
  if (content == NULL || (array = content_array (content, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array) && i < 100000; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = dup_text (json_node_get_object (node), "id", MAX_ID_LENGTH);
      if (id != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("%s:%" G_GINT64_FORMAT, id,
                                                 briefing_json_get_int (json_node_get_object (node), "counter")));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (",", (char **) parts->pdata);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

static GHashTable *
ttrss_fetch_ids (BriefingSyncBackend  *backend,
                 BriefingSyncField     field,
                 const char           *since_state,
                 char                **next_state,
                 gboolean             *unchanged,
                 GCancellable         *cancellable,
                 GError              **error)
{
  BriefingTtrss *self = BRIEFING_TTRSS (backend);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (field == BRIEFING_SYNC_FIELD_READ)
    {
      g_autofree char *counters = counters_state (self, cancellable, error);
      g_auto(GStrv) last = g_strsplit (since_state != NULL ? since_state : "", " ", 2);
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (counters == NULL)
        return NULL;

      /* Equal counters may hide a read and an arrival in one feed: the
       * whole list is fetched again at least once a day anyway. */
      if (g_strcmp0 (last[0], counters) == 0 && last[1] != NULL &&
          now - g_ascii_strtoll (last[1], NULL, 10) < FULL_STATE_INTERVAL)
        {
          *next_state = g_strdup (since_state);
          *unchanged = TRUE;
          return g_steal_pointer (&ids);
        }
      *next_state = g_strdup_printf ("%s %" G_GINT64_FORMAT, counters, now);
    }

  for (guint skip = 0; skip / PAGE_SIZE < MAX_PAGES; skip += PAGE_SIZE)
    {
      g_autoptr(JsonNode) content = NULL;
      JsonArray *array;
      guint length;
      guint before;

      if (field == BRIEFING_SYNC_FIELD_READ)
        content = get_headlines (self, FEED_ALL, "unread", FALSE, 0, skip, cancellable, error);
      else
        content = get_headlines (self, FEED_STARRED, "all_articles", FALSE, 0, skip, cancellable, error);
      if (content == NULL || (array = content_array (content, error)) == NULL)
        {
          g_clear_pointer (next_state, g_free);
          return NULL;
        }

      length = json_array_get_length (array);
      before = g_hash_table_size (ids);
      for (guint i = 0; i < length && i < PAGE_SIZE; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          char *id;

          if (JSON_NODE_HOLDS_OBJECT (node) && (id = dup_id (json_node_get_object (node), "id")) != NULL)
            g_hash_table_add (ids, id);
        }

      /* A server repeating itself, or listing more than any reader has,
       * is not followed further. */
      if (g_hash_table_size (ids) > MAX_IDS)
        {
          g_clear_pointer (next_state, g_free);
          g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_TOO_LARGE,
                       "The server lists more than %u articles", MAX_IDS);
          return NULL;
        }
      if (length < PAGE_SIZE || g_hash_table_size (ids) == before)
        break;
    }

  return g_steal_pointer (&ids);
}

static char *
ttrss_state_marker (BriefingSyncBackend  *backend,
                    BriefingSyncField     field,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autofree char *counters = NULL;

  if (field != BRIEFING_SYNC_FIELD_READ)
    return NULL;

  counters = counters_state (BRIEFING_TTRSS (backend), cancellable, error);
  if (counters == NULL)
    return NULL;

  return g_strdup_printf ("%s %" G_GINT64_FORMAT, counters, g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
ttrss_send_state (BriefingSyncBackend  *backend,
                  const char * const   *item_ids,
                  BriefingSyncField     field,
                  gboolean              value,
                  GCancellable         *cancellable,
                  GError              **error)
{
  BriefingTtrss *self = BRIEFING_TTRSS (backend);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(JsonNode) content = NULL;
  JsonObject *params;

  for (guint i = 0; item_ids[i] != NULL; i++)
    {
      /* Only the server's own ids go back to it. */
      for (const char *p = item_ids[i]; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          goto next;
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, item_ids[i]);
    next:
      ;
    }

  if (ids->len == 0)
    return TRUE;

  params = json_object_new ();
  json_object_set_string_member (params, "article_ids", ids->str);
  if (field == BRIEFING_SYNC_FIELD_READ)
    {
      json_object_set_int_member (params, "field", 2);   /* unread */
      json_object_set_int_member (params, "mode", value ? 0 : 1);
    }
  else
    {
      json_object_set_int_member (params, "field", 0);   /* starred */
      json_object_set_int_member (params, "mode", value ? 1 : 0);
    }

  content = call (self, "updateArticle", params, cancellable, error);

  return content != NULL;
}

static char *
find_feed (BriefingTtrss  *self,
           const char     *url,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GPtrArray) feeds = ttrss_list_feeds (BRIEFING_SYNC_BACKEND (self), cancellable, error);

  if (feeds == NULL)
    return NULL;

  for (guint i = 0; i < feeds->len; i++)
    {
      BriefingRemoteFeed *feed = g_ptr_array_index (feeds, i);

      if (g_strcmp0 (feed->url, url) == 0)
        return g_strdup (feed->id);
    }

  g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_REJECTED,
               "The server took %s but does not list it", url);
  return NULL;
}

/* The id of the category titled @group, 0 (none) when there is no such
 * one: the API cannot make categories. */
static gint64
find_category (BriefingTtrss  *self,
               const char     *group,
               GCancellable   *cancellable)
{
  g_autoptr(JsonNode) cats = NULL;
  JsonArray *array;

  JsonObject *params;

  if (group == NULL || *group == '\0')
    return 0;

  /* A category with no feed yet is listed only when asked for. */
  params = json_object_new ();
  json_object_set_boolean_member (params, "include_empty", TRUE);
  cats = call (self, "getCategories", params, cancellable, NULL);
  if (cats == NULL || (array = content_array (cats, NULL)) == NULL)
    return 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *title = NULL;
      g_autofree char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      title = dup_text (json_node_get_object (node), "title", 1000);
      id = dup_id (json_node_get_object (node), "id");
      if (id != NULL && g_strcmp0 (title, group) == 0 && g_ascii_strtoll (id, NULL, 10) > 0)
        return g_ascii_strtoll (id, NULL, 10);
    }

  return 0;
}

static char *
ttrss_subscribe (BriefingSyncBackend  *backend,
                 const char           *url,
                 const char           *group,
                 GCancellable         *cancellable,
                 GError              **error)
{
  static const char * const reasons[] = {
    [2] = "the address is not valid",
    [3] = "there is no feed at that address",
    [4] = "the page links several feeds: choose one",
    [5] = "the server could not download it",
    [6] = "the server could not download it",
  };
  BriefingTtrss *self = BRIEFING_TTRSS (backend);
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) content = NULL;
  JsonObject *status;
  gint64 code;

  json_object_set_string_member (params, "feed_url", url);
  json_object_set_int_member (params, "category_id", find_category (self, group, cancellable));
  content = call (self, "subscribeToFeed", params, cancellable, error);
  if (content == NULL)
    return NULL;

  status = JSON_NODE_HOLDS_OBJECT (content) &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (content), "status"))
           ? json_object_get_object_member (json_node_get_object (content), "status") : NULL;
  if (status == NULL)
    {
      set_not_server (error);
      return NULL;
    }

  code = briefing_json_get_int (status, "code");
  if (code != 0 && code != 1)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_REJECTED,
                   "The server did not subscribe: %s",
                   code > 0 && code < (gint64) G_N_ELEMENTS (reasons) && reasons[code] != NULL
                   ? reasons[code] : "it gave no reason");
      return NULL;
    }

  return find_feed (self, url, cancellable, error);
}

static gboolean
ttrss_unsubscribe (BriefingSyncBackend  *backend,
                   const char           *feed_id,
                   GCancellable         *cancellable,
                   GError              **error)
{
  BriefingTtrss *self = BRIEFING_TTRSS (backend);
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) content = NULL;

  json_object_set_int_member (params, "feed_id", g_ascii_strtoll (feed_id, NULL, 10));
  content = call (self, "unsubscribeFeed", params, cancellable, error);

  return content != NULL;
}

static void
sync_backend_iface_init (BriefingSyncBackendInterface *iface)
{
  iface->kind = "ttrss";
  iface->login = ttrss_login;
  iface->list_feeds = ttrss_list_feeds;
  iface->fetch_items = ttrss_fetch_items;
  iface->fetch_ids = ttrss_fetch_ids;
  iface->state_marker = ttrss_state_marker;
  iface->send_state = ttrss_send_state;
  iface->subscribe = ttrss_subscribe;
  iface->unsubscribe = ttrss_unsubscribe;
}

BriefingSyncBackend *
briefing_ttrss_new (BriefingSyncHttp *http,
                    const char       *server,
                    const char       *user)
{
  BriefingTtrss *self = g_object_new (BRIEFING_TYPE_TTRSS, NULL);

  self->http = http;
  self->api_url = api_url_for (server);
  self->user = g_strdup (user);

  return BRIEFING_SYNC_BACKEND (self);
}
