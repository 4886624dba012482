/* greader-test-server.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "greader-test-server.h"

#include <libsoup/soup.h>
#include <string.h>

/* What FreshRSS's p/api/greader.php does, request by request, down to
 * its quirks where a client could notice them: which status and body
 * each failure has, the continuation that is the last id of a full page
 * (so a last full page is followed by an empty one), "xt" and "it" as
 * its state bits combine them, titles with full-width '<', '>' and '&'.
 * Miniflux differs where a client must tell them apart. */

#define ITEM_ID_PREFIX "tag:google.com,2005:reader/item/"
#define DEFAULT_CATEGORY "Uncategorized"
#define API_PREFIX "/api/greader.php"
#define JSON_TYPE "application/json; charset=UTF-8"
#define TEXT_TYPE "text/plain; charset=UTF-8"
/* What PHP says when the script sets no Content-Type. */
#define PHP_TYPE "text/html; charset=UTF-8"
/* FreshRSS::API_MAX_COMPAT_CONTENT_LENGTH */
#define MAX_COMPAT_CONTENT 500000
/* Miniflux's model.MaxEntryIDsLimit */
#define MINIFLUX_MAX_IDS 10000

/* FreshRSS_Entry's state bits */
enum
{
  STATE_READ = 1,
  STATE_NOT_READ = 2,
  STATE_ALL = 3,
  STATE_FAVORITE = 4,
  STATE_NOT_FAVORITE = 8,
};

typedef struct
{
  char     *name;
  char     *password;
  gboolean  api_enabled;
  gboolean  enabled;
} User;

typedef struct
{
  char  *id;         /* "feed/12" */
  char  *title;
  char  *url;
  char  *site_url;
  char  *group;
} Feed;

typedef struct
{
  guint64   id;
  gint64    crawl_us;
  Feed     *feed;
  char     *title;
  char     *link;
  char     *author;
  char     *content;
  gint64    published;
  gboolean  read;
  gboolean  starred;
  char     *enclosure_url;
  char     *enclosure_type;
  gint64    enclosure_length;
} Item;

typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
} Answer;

struct _GreaderTestServer
{
  GreaderFlavour  flavour;
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  SoupServer     *soup;            /* the server thread's */
  char           *url;
  char           *root_url;

  GMutex          lock;
  GCond           cond;
  gboolean        started;

  /* The rest is the lock's. */
  char           *salt;
  guint           token_generation;
  gboolean        api_enabled;
  GHashTable     *users;           /* name → User */
  GPtrArray      *feeds;           /* Feed, in the order added */
  guint           next_feed;
  GPtrArray      *items;           /* Item, by id ascending */
  GHashTable     *by_id;           /* &Item.id → Item */
  guint64         last_id;
  gint64          clock_offset;    /* seconds ahead of the real clock */
  guint           next_item;       /* for made-up articles */
  GreaderFault    fault;
  guint           fault_n;
  GHashTable     *answers;         /* path → Answer */
  guint           requests;
  GHashTable     *counts;          /* API path → count */
  GHashTable     *last_requests;   /* API path → query and form */
};

typedef struct
{
  GreaderTestServer *server;
  SoupServerMessage *msg;
  gboolean           post;
  char              *path;        /* below the API's root, decoded, without its '/' */
  char             **parts;       /* @path split at '/', PHP's $pathInfos without the first "" */
  GPtrArray         *query;       /* name, value, … */
  GPtrArray         *form;
  char              *body;        /* the raw form */
  const User        *user;        /* signed in by its Authorization */
} Request;

static void
user_free (User *user)
{
  g_free (user->name);
  g_free (user->password);
  g_free (user);
}

static void
feed_free (Feed *feed)
{
  g_free (feed->id);
  g_free (feed->title);
  g_free (feed->url);
  g_free (feed->site_url);
  g_free (feed->group);
  g_free (feed);
}

static void
item_free (Item *item)
{
  g_free (item->title);
  g_free (item->link);
  g_free (item->author);
  g_free (item->content);
  g_free (item->enclosure_url);
  g_free (item->enclosure_type);
  g_free (item);
}

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  g_bytes_unref (answer->body);
  g_free (answer);
}

static gint64
server_now_us (GreaderTestServer *server)
{
  return g_get_real_time () + server->clock_offset * G_USEC_PER_SEC;
}

/* Lookups -------------------------------------------------------------------- */

/* An item id as FreshRSS's editTag() reads one: digits as they are
 * (unless they start with 0), else the hex after the last '/'. */
static gboolean
parse_item_id (const char *id,
               guint64    *number)
{
  const char *slash;

  if (id == NULL || *id == '\0')
    return FALSE;

  if (id[0] != '0' && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT64, number, NULL))
    return TRUE;

  slash = strrchr (id, '/');
  if (slash != NULL)
    id = slash + 1;

  return strlen (id) <= 16 && g_ascii_string_to_unsigned (id, 16, 0, G_MAXUINT64, number, NULL);
}

static Item *
find_item (GreaderTestServer *server,
           const char        *id)
{
  guint64 number;

  if (!parse_item_id (id, &number))
    return NULL;

  return g_hash_table_lookup (server->by_id, &number);
}

static Feed *
find_feed (GreaderTestServer *server,
           const char        *id)
{
  for (guint i = 0; i < server->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (server->feeds, i);

      if (g_strcmp0 (feed->id, id) == 0)
        return feed;
    }

  return NULL;
}

static Feed *
find_feed_by_url (GreaderTestServer *server,
                  const char        *url)
{
  for (guint i = 0; i < server->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (server->feeds, i);

      if (g_strcmp0 (feed->url, url) == 0)
        return feed;
    }

  return NULL;
}

/* The first item whose id is at least @id. */
static guint
lower_bound (GPtrArray *items,
             guint64    id)
{
  guint low = 0;
  guint high = items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (((Item *) g_ptr_array_index (items, middle))->id < id)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/* Forms ----------------------------------------------------------------------- */

static char *
form_decode (const char *text,
             gsize       len)
{
  g_autofree char *plus = g_strndup (text, len);
  char *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);

  return decoded != NULL ? decoded : g_steal_pointer (&plus);
}

/* name, value, … in their order, repeated names kept. */
static GPtrArray *
parse_form (const char *data,
            gsize       len)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  const char *end = data + len;

  while (data != NULL && data < end)
    {
      const char *amp = memchr (data, '&', end - data);
      const char *stop = amp != NULL ? amp : end;
      const char *equals = memchr (data, '=', stop - data);

      if (stop > data)
        {
          g_ptr_array_add (pairs, form_decode (data, (equals != NULL ? equals : stop) - data));
          g_ptr_array_add (pairs, equals != NULL ? form_decode (equals + 1, stop - equals - 1) : g_strdup (""));
        }
      data = stop + 1;
    }

  return pairs;
}

/* The last value, as PHP's $_GET and $_POST keep it. */
static const char *
form_get (GPtrArray  *pairs,
          const char *name)
{
  const char *value = NULL;

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (strcmp (g_ptr_array_index (pairs, i), name) == 0)
      value = g_ptr_array_index (pairs, i + 1);

  return value;
}

/* Every value, as FreshRSS's multiplePosts() reads them. */
static GPtrArray *
form_get_all (GPtrArray  *pairs,
              const char *name)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (strcmp (g_ptr_array_index (pairs, i), name) == 0)
      g_ptr_array_add (values, g_ptr_array_index (pairs, i + 1));

  return values;
}

/* $_REQUEST: the form over the query. */
static const char *
request_param (Request    *request,
               const char *name)
{
  const char *value = form_get (request->form, name);

  return value != NULL ? value : form_get (request->query, name);
}

static gint64
query_int (Request    *request,
           const char *name,
           gint64      unset)
{
  const char *value = form_get (request->query, name);

  /* PHP's (int) cast: leading digits, else 0. */
  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : unset;
}

/* JSON as PHP writes it with JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ------ */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (text != NULL ? text : ""); *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            {
              /* U+2028 and U+2029, which PHP escapes for JavaScript's sake. */
              g_string_append (out, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
              p += 2;
            }
          else
            g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, "\"%s\":", name);
  append_json_string (out, value);
}

/* FreshRSS's escapeToUnicodeAlternative(): characters some clients took
 * for markup, in their full-width forms. Its "extended" list is joined
 * with PHP's array +, which keeps the first three of the second list's
 * keys from the first: so ' " ^ stay and ? \ / , ; go. */
static char *
unicode_alternative (const char *text,
                     gboolean    extended)
{
  static const char *problems[] = { "&", "<", ">", "?", "\\", "/", ",", ";" };
  static const char *replacements[] = { "＆", "＜", "＞", "？", "＼", "／", "，", "；" };
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guint n = extended ? G_N_ELEMENTS (problems) : 3;
      guint i;

      for (i = 0; i < n; i++)
        if (*p == problems[i][0])
          break;

      if (i < n)
        g_string_append (out, replacements[i]);
      else
        g_string_append_c (out, *p);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* Answers --------------------------------------------------------------------- */

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
reply_string (SoupServerMessage *msg,
              const char        *content_type,
              GString           *body)
{
  gsize len = body->len;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, g_string_free (body, FALSE), len);
}

static void
bad_request (Request *request)
{
  reply (request->msg, 400, TEXT_TYPE, "Bad Request!");
}

static void
unauthorized (Request *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);

  if (request->server->flavour == GREADER_FLAVOUR_MINIFLUX)
    {
      soup_message_headers_replace (headers, "X-Reader-Google-Bad-Token", "true");
      reply (request->msg, 401, "text/plain; charset=utf-8", "Unauthorized");
      return;
    }

  soup_message_headers_replace (headers, "Google-Bad-Token", "true");
  reply (request->msg, 401, TEXT_TYPE, "Unauthorized!");
}

static void
not_implemented (Request *request)
{
  reply (request->msg, 501, TEXT_TYPE, "Not Implemented!");
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

/* Accounts -------------------------------------------------------------------- */

/* FreshRSS's sha1 (salt user apiPasswordHash), our password standing in
 * for its hash. */
static char *
user_hash (GreaderTestServer *server,
           const User        *user)
{
  g_autofree char *text = g_strconcat (server->salt, user->name, user->password, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
}

static char *
user_auth (GreaderTestServer *server,
           const User        *user)
{
  g_autofree char *hash = user_hash (server, user);

  return g_strconcat (user->name, "/", hash, NULL);
}

/* FreshRSS's edit token is the Auth's hash padded to 57 characters; once
 * tokens have expired, it is another hash. Miniflux's is the Auth. */
static char *
user_token (GreaderTestServer *server,
            const User        *user)
{
  g_autofree char *hash = NULL;
  GString *token;

  if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
    return user_auth (server, user);

  if (server->token_generation == 0)
    hash = user_hash (server, user);
  else
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s%u", server->salt, user->name, user->password,
                                               server->token_generation);

      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
    }

  token = g_string_new (hash);
  while (token->len < 57)
    g_string_append_c (token, 'Z');

  return g_string_free (token, FALSE);
}

/* FreshRSS_user_Controller::checkUsername() */
static gboolean
is_valid_user_name (const char *name)
{
  return g_regex_match_simple ("^[0-9a-zA-Z_][0-9a-zA-Z_.@-]{1,38}$", name, 0, 0);
}

/* authorizationToUser(): FALSE when it has answered already. */
static gboolean
authorize (Request *request)
{
  GreaderTestServer *server = request->server;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *expected = NULL;
  const char *auth;
  const char *slash;
  g_autofree char *name = NULL;
  const User *user;

  if (header == NULL || !g_str_has_prefix (header, "GoogleLogin auth="))
    return TRUE;

  auth = header + strlen ("GoogleLogin auth=");
  slash = strchr (auth, '/');
  if (slash == NULL)
    return TRUE;

  name = g_strndup (auth, slash - auth);
  if (!is_valid_user_name (name))
    {
      bad_request (request);
      return FALSE;
    }

  user = g_hash_table_lookup (server->users, name);
  if (user != NULL)
    expected = user_auth (server, user);

  if (user == NULL || !user->enabled || g_strcmp0 (expected, auth) != 0)
    {
      unauthorized (request);
      return FALSE;
    }

  request->user = user;

  return TRUE;
}

/* Miniflux signs a POST by its T alone. */
static gboolean
authorize_miniflux (Request *request)
{
  GreaderTestServer *server = request->server;
  const char *token;
  g_autofree char *name = NULL;
  const char *slash;
  const User *user;
  g_autofree char *expected = NULL;

  if (!request->post)
    return authorize (request);

  token = request_param (request, "T");
  slash = token != NULL ? strchr (token, '/') : NULL;
  if (slash == NULL)
    {
      unauthorized (request);
      return FALSE;
    }

  name = g_strndup (token, slash - token);
  user = g_hash_table_lookup (server->users, name);
  if (user != NULL)
    expected = user_auth (server, user);
  if (user == NULL || !user->enabled || g_strcmp0 (expected, token) != 0)
    {
      unauthorized (request);
      return FALSE;
    }

  request->user = user;

  return TRUE;
}

static void
client_login (Request    *request,
              const char *email,
              const char *password)
{
  GreaderTestServer *server = request->server;
  const User *user;
  g_autofree char *auth = NULL;
  g_autofree char *body = NULL;

  if (server->flavour == GREADER_FLAVOUR_FRESHRSS && !is_valid_user_name (email))
    {
      bad_request (request);
      return;
    }

  user = g_hash_table_lookup (server->users, email);
  if (user == NULL || !user->api_enabled || g_strcmp0 (user->password, password) != 0)
    {
      if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
        reply (request->msg, 401, "application/json", "{\"error_message\":\"access unauthorized\"}");
      else
        unauthorized (request);
      return;
    }

  auth = user_auth (server, user);
  if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
    body = g_strdup_printf ("SID=%s\nLSID=%s\nAuth=%s\n", auth, auth, auth);
  else
    body = g_strdup_printf ("SID=%s\nLSID=null\nAuth=%s\n", auth, auth);
  reply (request->msg, 200, TEXT_TYPE, body);
}

static void
token (Request *request)
{
  g_autofree char *value = user_token (request->server, request->user);
  g_autofree char *body = NULL;

  if (request->server->flavour == GREADER_FLAVOUR_MINIFLUX)
    {
      reply (request->msg, 200, "text/plain; charset=utf-8", value);
      return;
    }

  body = g_strconcat (value, "\n", NULL);
  reply (request->msg, 200, PHP_TYPE, body);
}

/* checkToken(): FALSE when it has answered already. FreshRSS takes an
 * empty token (for FeedMe) and "x" (for Reeder) from any real user. */
static gboolean
check_token (Request *request)
{
  g_autofree char *expected = user_token (request->server, request->user);
  g_autofree char *given = g_strstrip (g_strdup (form_get (request->form, "T") != NULL ? form_get (request->form, "T") : ""));

  if (*given == '\0' || strcmp (given, "x") == 0 || strcmp (given, expected) == 0)
    return TRUE;

  unauthorized (request);
  return FALSE;
}

/* Items as JSON --------------------------------------------------------------- */

static const char *
user_prefix (GreaderTestServer *server)
{
  return server->flavour == GREADER_FLAVOUR_MINIFLUX ? "user/1/" : "user/-/";
}

static void
append_categories (GString           *out,
                   GreaderTestServer *server,
                   const Item        *item)
{
  const char *prefix = user_prefix (server);

  g_string_append_printf (out, "\"categories\":[\"%sstate/com.google/reading-list\",", prefix);
  {
    g_autofree char *label = g_strconcat (prefix, "label/", item->feed->group, NULL);

    append_json_string (out, label);
  }
  if (item->read)
    g_string_append_printf (out, ",\"%sstate/com.google/read\"", prefix);
  if (item->starred)
    g_string_append_printf (out, ",\"%sstate/com.google/starred\"", prefix);
  g_string_append_c (out, ']');
}

/* FreshRSS_Entry::toGReader('compat') */
static void
append_item_freshrss (GString           *out,
                      GreaderTestServer *server,
                      const Item        *item)
{
  g_autofree char *title = unicode_alternative (item->title, FALSE);
  g_autofree char *feed_title = unicode_alternative (item->feed->title, TRUE);
  g_autofree char *content = NULL;
  gsize cut = strlen (item->content);

  if (cut > MAX_COMPAT_CONTENT)
    {
      cut = MAX_COMPAT_CONTENT;
      while (cut > 0 && (item->content[cut] & 0xC0) == 0x80)
        cut--;
    }
  content = g_strndup (item->content, cut);

  g_string_append_printf (out, "{\"id\":\"" ITEM_ID_PREFIX "%016" G_GINT64_MODIFIER "x\","
                               "\"crawlTimeMsec\":\"%" G_GINT64_FORMAT "\",\"timestampUsec\":\"%" G_GINT64_FORMAT "\","
                               "\"published\":%" G_GINT64_FORMAT ",",
                          item->id, item->crawl_us / 1000, item->crawl_us, item->published);
  append_member (out, "title", title);
  g_string_append (out, ",\"canonical\":[{");
  append_member (out, "href", item->link);
  g_string_append (out, "}],\"alternate\":[{");
  append_member (out, "href", item->link);
  g_string_append (out, "}],");
  append_categories (out, server, item);
  g_string_append (out, ",\"origin\":{");
  append_member (out, "streamId", item->feed->id);
  g_string_append_c (out, ',');
  append_member (out, "htmlUrl", item->feed->site_url);
  g_string_append_c (out, ',');
  append_member (out, "title", feed_title);
  g_string_append (out, "},\"summary\":{");
  append_member (out, "content", content);
  g_string_append_c (out, '}');

  if (item->enclosure_url != NULL)
    {
      g_string_append (out, ",\"enclosure\":[{");
      append_member (out, "href", item->enclosure_url);
      g_string_append_c (out, ',');
      append_member (out, "type", item->enclosure_type != NULL ? item->enclosure_type : "");
      if (item->enclosure_length > 0)
        g_string_append_printf (out, ",\"length\":%" G_GINT64_FORMAT, item->enclosure_length);
      g_string_append (out, "}]");
    }

  if (item->author != NULL && *item->author != '\0')
    {
      g_autofree char *author = unicode_alternative (item->author, FALSE);

      g_string_append_c (out, ',');
      append_member (out, "author", author);
    }

  g_string_append_c (out, '}');
}

/* Miniflux's contentItem */
static void
append_item_miniflux (GString           *out,
                      GreaderTestServer *server,
                      const Item        *item)
{
  g_string_append_printf (out, "{\"id\":\"" ITEM_ID_PREFIX "%016" G_GINT64_MODIFIER "x\",", item->id);
  append_categories (out, server, item);
  g_string_append_c (out, ',');
  append_member (out, "title", item->title);
  g_string_append_printf (out, ",\"crawlTimeMsec\":\"%" G_GINT64_FORMAT "\",\"timestampUsec\":\"%" G_GINT64_FORMAT "\","
                               "\"published\":%" G_GINT64_FORMAT ",\"updated\":%" G_GINT64_FORMAT ",",
                          item->crawl_us / 1000, item->published * G_USEC_PER_SEC, item->published, item->published);
  append_member (out, "author", item->author != NULL ? item->author : "");
  g_string_append (out, ",\"alternate\":[{");
  append_member (out, "href", item->link);
  g_string_append (out, ",\"type\":\"text/html\"}],\"summary\":{\"direction\":\"ltr\",");
  append_member (out, "content", item->content);
  g_string_append (out, "},\"content\":{\"direction\":\"ltr\",");
  append_member (out, "content", item->content);
  g_string_append (out, "},\"origin\":{");
  append_member (out, "streamId", item->feed->id);
  g_string_append_c (out, ',');
  append_member (out, "title", item->feed->title);
  g_string_append_c (out, ',');
  append_member (out, "htmlUrl", item->feed->site_url);
  g_string_append (out, "},\"enclosure\":[");
  if (item->enclosure_url != NULL)
    {
      g_string_append_c (out, '{');
      append_member (out, "url", item->enclosure_url);
      g_string_append_c (out, ',');
      append_member (out, "type", item->enclosure_type != NULL ? item->enclosure_type : "");
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"canonical\":[{");
  append_member (out, "href", item->link);
  g_string_append (out, "}]}");
}

static void
append_items (GString           *out,
              GreaderTestServer *server,
              GPtrArray         *items)
{
  g_string_append (out, "\"items\":[");
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
        append_item_miniflux (out, server, g_ptr_array_index (items, i));
      else
        append_item_freshrss (out, server, g_ptr_array_index (items, i));
    }
  g_string_append_c (out, ']');
}

/* Listing --------------------------------------------------------------------- */

typedef struct
{
  char        type;        /* 'A' all, 's' starred, 'f' a feed, 'c' a label */
  const Feed *feed;
  const char *label;
  int         state;
  gint64      min_id;      /* "ot", in ids; 0 for none */
  gint64      max_id;      /* "nt" */
} Filter;

/* streamContentsFilters(): "it" picks a state, "xt" takes one away. */
static void
filter_set_state (Filter     *filter,
                  const char *include,
                  const char *exclude)
{
  if (g_strcmp0 (include, "user/-/state/com.google/read") == 0)
    filter->state = STATE_READ;
  else if (g_strcmp0 (include, "user/-/state/com.google/unread") == 0)
    filter->state = STATE_NOT_READ;
  else if (g_strcmp0 (include, "user/-/state/com.google/starred") == 0)
    filter->state = STATE_FAVORITE;
  else
    filter->state = STATE_ALL;

  if (g_strcmp0 (exclude, "user/-/state/com.google/read") == 0)
    filter->state &= STATE_NOT_READ;
  else if (g_strcmp0 (exclude, "user/-/state/com.google/unread") == 0)
    filter->state &= STATE_READ;
  else if (g_strcmp0 (exclude, "user/-/state/com.google/starred") == 0)
    filter->state &= STATE_NOT_FAVORITE;

  if (filter->state == 0)
    filter->state = STATE_ALL;
}

/* EntryDAO::sqlListEntriesWhere() and sqlListWhere() */
static gboolean
filter_matches (const Filter *filter,
                const Item   *item)
{
  int state = filter->state;

  if (filter->max_id > 0 && item->id > (guint64) filter->max_id)
    return FALSE;

  if ((state & STATE_NOT_READ) && !(state & STATE_READ) && item->read)
    return FALSE;
  if (!(state & STATE_NOT_READ) && (state & STATE_READ) && !item->read)
    return FALSE;
  if ((state & STATE_FAVORITE) && !(state & STATE_NOT_FAVORITE) && !item->starred)
    return FALSE;
  if (!(state & STATE_FAVORITE) && (state & STATE_NOT_FAVORITE) && item->starred)
    return FALSE;

  switch (filter->type)
    {
    case 's':
      return item->starred;
    case 'f':
      return item->feed == filter->feed;
    case 'c':
      return g_strcmp0 (item->feed->group, filter->label) == 0;
    default:
      return TRUE;
    }
}

/* listWhere(): up to @limit (none for 0) items from @first_id on (when
 * @has_first), newest first unless @ascending. */
static GPtrArray *
list_items (GreaderTestServer *server,
            const Filter      *filter,
            gboolean           ascending,
            gboolean           has_first,
            guint64            first_id,
            gint64             limit)
{
  GPtrArray *out = g_ptr_array_new ();
  guint64 min_id = MAX (filter->min_id, 0);

  if (ascending)
    {
      for (guint i = lower_bound (server->items, has_first ? MAX (first_id, min_id) : min_id);
           i < server->items->len && (limit <= 0 || out->len < limit); i++)
        {
          Item *item = g_ptr_array_index (server->items, i);

          if (filter->max_id > 0 && item->id > (guint64) filter->max_id)
            break;
          if (filter_matches (filter, item))
            g_ptr_array_add (out, item);
        }
    }
  else
    {
      gint64 start = has_first ? (gint64) lower_bound (server->items, first_id == G_MAXUINT64 ? first_id : first_id + 1) - 1
                               : (gint64) server->items->len - 1;

      for (gint64 i = start; i >= 0 && (limit <= 0 || out->len < limit); i--)
        {
          Item *item = g_ptr_array_index (server->items, i);

          if (item->id < min_id)
            break;
          if (filter_matches (filter, item))
            g_ptr_array_add (out, item);
        }
    }

  return out;
}

/* The stream named in a path ("user/-/state/com.google/starred", …) or
 * an "s" parameter. FALSE for one FreshRSS does not know. */
static gboolean
filter_set_stream (GreaderTestServer  *server,
                   Filter             *filter,
                   char              **parts)
{
  guint n = parts != NULL ? g_strv_length (parts) : 0;

  /* No stream, or an empty one (".../contents/"): the reading list. */
  filter->type = 'A';
  if (n < 2)
    return TRUE;

  if (n >= 2 && strcmp (parts[0], "feed") == 0)
    {
      g_autofree char *id = g_strconcat ("feed/", parts[1], NULL);

      filter->type = 'f';
      filter->feed = find_feed (server, id);
      return TRUE;
    }

  if (n >= 4 && strcmp (parts[0], "user") == 0 && strcmp (parts[2], "state") == 0)
    {
      if (n >= 5 && strcmp (parts[4], "starred") == 0)
        filter->type = 's';
      return n >= 5 && (strcmp (parts[4], "starred") == 0 || strcmp (parts[4], "reading-list") == 0);
    }

  if (n >= 4 && strcmp (parts[0], "user") == 0 && strcmp (parts[2], "label") == 0)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < server->feeds->len; i++)
        known |= g_strcmp0 (((Feed *) g_ptr_array_index (server->feeds, i))->group, parts[3]) == 0;

      /* A label FreshRSS does not know lists everything. */
      filter->type = known ? 'c' : 'A';
      filter->label = parts[3];
      return TRUE;
    }

  return FALSE;
}

/* "c": digits, else none (FreshRSS ignores any other). */
static gboolean
read_continuation (Request *request,
                   guint64 *continuation)
{
  const char *value = form_get (request->query, "c");
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));

  for (const char *p = trimmed; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return *trimmed != '\0' && g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT64, continuation, NULL);
}

/* streamContents() and streamContentsItemsIds() share their paging: with
 * a continuation one more is asked for and the first (the last one sent
 * before) dropped; a continuation follows whenever the page was full. */
static GPtrArray *
list_page (Request       *request,
           Filter        *filter,
           char         **continuation_out)
{
  GreaderTestServer *server = request->server;
  guint64 continuation = 0;
  gboolean has_continuation = read_continuation (request, &continuation);
  gint64 count = query_int (request, "n", 20);
  gboolean ascending = g_strcmp0 (form_get (request->query, "r"), "o") == 0;
  gint64 start_time = query_int (request, "ot", 0);
  gint64 stop_time = query_int (request, "nt", 0);
  GPtrArray *entries;

  filter_set_state (filter, form_get (request->query, "it"), form_get (request->query, "xt"));
  filter->min_id = start_time > 0 ? start_time * G_USEC_PER_SEC : 0;
  filter->max_id = stop_time > 0 ? stop_time * G_USEC_PER_SEC : 0;

  entries = list_items (server, filter, ascending, has_continuation, continuation,
                        has_continuation ? count + 1 : count);

  *continuation_out = NULL;
  if (entries->len > 0 && (gint64) entries->len >= count)
    *continuation_out = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                         ((Item *) g_ptr_array_index (entries, entries->len - 1))->id);

  if (has_continuation && entries->len > 0)
    g_ptr_array_remove_index (entries, 0);

  return entries;
}

static void
stream_contents (Request  *request,
                 char    **stream)
{
  GreaderTestServer *server = request->server;
  Filter filter = { 0, };
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *continuation = NULL;
  GString *out;

  /* BazQux's form: the stream as "s". */
  g_auto(GStrv) from_query = NULL;

  if ((stream == NULL || *stream == NULL) && form_get (request->query, "s") != NULL)
    stream = from_query = g_strsplit (form_get (request->query, "s"), "/", -1);

  if (!filter_set_stream (server, &filter, stream))
    {
      bad_request (request);
      return;
    }

  items = list_page (request, &filter, &continuation);

  out = g_string_sized_new (4096 + items->len * 1024);
  g_string_append_printf (out, "{\"id\":\"user/-/state/com.google/reading-list\",\"updated\":%" G_GINT64_FORMAT ",",
                          server_now_us (server) / G_USEC_PER_SEC);
  append_items (out, server, items);
  if (continuation != NULL)
    g_string_append_printf (out, ",\"continuation\":\"%s\"", continuation);
  g_string_append_c (out, '}');

  reply_string (request->msg, JSON_TYPE, out);
}

static void
stream_items_ids (Request *request)
{
  GreaderTestServer *server = request->server;
  const char *s = form_get (request->query, "s");
  g_auto(GStrv) stream = g_strsplit (s, "/", -1);
  Filter filter = { 0, };
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *continuation = NULL;
  GString *out;

  if (!filter_set_stream (server, &filter, stream))
    filter.type = 'A';

  ids = list_page (request, &filter, &continuation);

  out = g_string_sized_new (64 + ids->len * 32);
  g_string_append (out, "{\"itemRefs\":[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s{\"id\":\"%" G_GUINT64_FORMAT "\"}", i > 0 ? "," : "",
                            ((Item *) g_ptr_array_index (ids, i))->id);
  g_string_append_c (out, ']');
  if (continuation != NULL)
    g_string_append_printf (out, ",\"continuation\":\"%s\"", continuation);
  g_string_append (out, "}\n");

  reply_string (request->msg, PHP_TYPE, out);
}

/* Miniflux: only one stream, an offset for continuation, n at most 10000,
 * and "output=json" or a 400. */
static void
stream_items_ids_miniflux (Request *request)
{
  GreaderTestServer *server = request->server;
  const char *s = form_get (request->query, "s");
  const char *tail = s != NULL && g_str_has_prefix (s, "user/") ? strchr (s + 5, '/') : NULL;
  gint64 count = query_int (request, "n", 0);
  gint64 offset = MAX (query_int (request, "c", 0), 0);
  g_autoptr(GPtrArray) all = NULL;
  Filter filter = { 'A', NULL, NULL, STATE_ALL, 0, 0 };
  GString *out;
  guint end;

  if (g_strcmp0 (form_get (request->query, "output"), "json") != 0)
    {
      reply (request->msg, 400, "application/json", "{\"error_message\":\"googlereader: only json output is supported\"}");
      return;
    }

  if (g_strcmp0 (tail, "/state/com.google/starred") == 0)
    filter.type = 's';
  else if (g_strcmp0 (tail, "/state/com.google/read") == 0)
    filter.state = STATE_READ;
  else if (g_strcmp0 (tail, "/state/com.google/reading-list") != 0)
    {
      reply (request->msg, 500, "application/json", "{\"error_message\":\"googlereader: unknown stream type\"}");
      return;
    }
  if (filter.type == 'A' && filter.state == STATE_ALL &&
      g_str_has_suffix (form_get (request->query, "xt") != NULL ? form_get (request->query, "xt") : "", "/state/com.google/read"))
    filter.state = STATE_NOT_READ;

  if (count <= 0 || count > MINIFLUX_MAX_IDS)
    count = MINIFLUX_MAX_IDS;

  all = list_items (server, &filter, g_strcmp0 (form_get (request->query, "r"), "o") == 0, FALSE, 0, 0);
  end = MIN (all->len, (guint64) offset + count);

  out = g_string_new ("{\"itemRefs\":[");
  for (guint i = MIN ((guint64) offset, all->len); i < end; i++)
    g_string_append_printf (out, "%s{\"id\":\"%" G_GUINT64_FORMAT "\"}", i > offset ? "," : "",
                            ((Item *) g_ptr_array_index (all, i))->id);
  g_string_append_c (out, ']');
  if (end < all->len)
    g_string_append_printf (out, ",\"continuation\":\"%u\"", end);
  g_string_append (out, "}\n");

  reply_string (request->msg, "application/json", out);
}

/* streamContentsItems(): the articles of the ids given, newest first. */
static void
stream_items_contents (Request *request)
{
  GreaderTestServer *server = request->server;
  g_autoptr(GPtrArray) ids = form_get_all (request->form, "i");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GString *out;

  if (ids->len == 0)
    {
      bad_request (request);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      Item *item = find_item (server, g_ptr_array_index (ids, i));

      if (item != NULL && g_hash_table_add (seen, item))
        g_ptr_array_add (items, item);
    }

  out = g_string_new (NULL);
  if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
    g_string_append_printf (out, "{\"direction\":\"ltr\",\"id\":\"user/-/state/com.google/reading-list\","
                                 "\"title\":\"Reading List\",\"self\":[{\"href\":\"%sreader/api/0/stream/items/contents\"}],"
                                 "\"updated\":%" G_GINT64_FORMAT ",",
                            server->root_url, server_now_us (server) / G_USEC_PER_SEC);
  else
    g_string_append_printf (out, "{\"id\":\"user/-/state/com.google/reading-list\",\"updated\":%" G_GINT64_FORMAT ",",
                            server_now_us (server) / G_USEC_PER_SEC);
  append_items (out, server, items);
  if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
    {
      g_string_append_c (out, ',');
      append_member (out, "author", request->user->name);
    }
  g_string_append_c (out, '}');

  reply_string (request->msg, JSON_TYPE, out);
}

/* Writes ---------------------------------------------------------------------- */

static void
edit_tag (Request *request)
{
  g_autoptr(GPtrArray) ids = form_get_all (request->form, "i");
  const char *add = form_get (request->form, "a");
  const char *remove = form_get (request->form, "r");

  for (guint i = 0; i < ids->len; i++)
    {
      Item *item = find_item (request->server, g_ptr_array_index (ids, i));

      if (item == NULL)
        continue;

      if (add != NULL && g_str_has_suffix (add, "/state/com.google/read"))
        item->read = TRUE;
      else if (add != NULL && g_str_has_suffix (add, "/state/com.google/starred"))
        item->starred = TRUE;

      if (remove != NULL && g_str_has_suffix (remove, "/state/com.google/read"))
        item->read = FALSE;
      else if (remove != NULL && g_str_has_suffix (remove, "/state/com.google/starred"))
        item->starred = FALSE;
    }

  reply (request->msg, 200, PHP_TYPE, "OK");
}

static char *
site_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "/", NULL, NULL);
}

static Feed *
add_feed (GreaderTestServer *server,
          const char        *id,
          const char        *title,
          const char        *url,
          const char        *group)
{
  Feed *feed = g_new0 (Feed, 1);
  guint64 number;

  if (id != NULL && g_str_has_prefix (id, "feed/") &&
      g_ascii_string_to_unsigned (id + 5, 10, 1, G_MAXUINT, &number, NULL))
    server->next_feed = MAX (server->next_feed, (guint) number + 1);

  feed->id = id != NULL ? g_strdup (id) : g_strdup_printf ("feed/%u", server->next_feed++);
  feed->title = g_strdup (title != NULL ? title : url);
  feed->url = g_strdup (url);
  feed->site_url = site_of (url);
  feed->group = g_strdup (group != NULL && *group != '\0' ? group : DEFAULT_CATEGORY);
  g_ptr_array_add (server->feeds, feed);

  return feed;
}

static void
remove_feed (GreaderTestServer *server,
             Feed              *feed)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_full (server->items->len, (GDestroyNotify) item_free);

  /* FreshRSS deletes a feed's articles with it. */
  g_ptr_array_set_free_func (server->items, NULL);
  for (guint i = 0; i < server->items->len; i++)
    {
      Item *item = g_ptr_array_index (server->items, i);

      if (item->feed != feed)
        g_ptr_array_add (kept, item);
      else
        {
          g_hash_table_remove (server->by_id, &item->id);
          item_free (item);
        }
    }
  g_ptr_array_unref (server->items);
  server->items = g_steal_pointer (&kept);

  g_ptr_array_remove (server->feeds, feed);
}

/* A label stream's name, "user/-/label/News" → "News". */
static const char *
label_of (GreaderTestServer *server,
          const char        *stream)
{
  if (stream == NULL)
    return NULL;
  if (g_str_has_prefix (stream, "user/-/label/"))
    return stream + strlen ("user/-/label/");
  if (server->flavour == GREADER_FLAVOUR_MINIFLUX && g_str_has_prefix (stream, "user/1/label/"))
    return stream + strlen ("user/1/label/");

  return NULL;
}

/* FreshRSS_feed_Controller::addFeed() fails for what it cannot fetch;
 * here, what is not an http(s) address. */
static gboolean
can_fetch (const char *url)
{
  return g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://");
}

/* subscriptionEdit(), its streams taken last first as FreshRSS does. */
static void
subscription_edit (Request *request)
{
  GreaderTestServer *server = request->server;
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  const char *action = request_param (request, "ac");
  const char *group = label_of (server, request_param (request, "a"));

  if (request_param (request, "s") == NULL || action == NULL)
    {
      bad_request (request);
      return;
    }

  streams = form_get (request->form, "s") == NULL ? form_get_all (request->query, "s") : form_get_all (request->form, "s");
  titles = form_get (request->form, "t") == NULL ? form_get_all (request->query, "t") : form_get_all (request->form, "t");

  if ((strcmp (action, "subscribe") != 0 && strcmp (action, "unsubscribe") != 0 && strcmp (action, "edit") != 0) ||
      streams->len == 0)
    {
      bad_request (request);
      return;
    }

  for (guint n = streams->len; n > 0; n--)
    {
      const char *stream = g_ptr_array_index (streams, n - 1);
      const char *title = n - 1 < titles->len ? g_ptr_array_index (titles, n - 1) : NULL;
      const char *rest = stream;
      Feed *feed;
      guint64 number;

      if (!g_str_has_prefix (stream, "feed/"))
        continue;
      while (g_str_has_prefix (rest, "feed/"))
        rest += 5;

      if (g_ascii_string_to_unsigned (rest, 10, 0, G_MAXUINT64, &number, NULL))
        {
          g_autofree char *id = g_strdup_printf ("feed/%" G_GUINT64_FORMAT, number);

          if (strcmp (action, "subscribe") == 0)
            continue;
          feed = find_feed (server, id);
        }
      else
        feed = find_feed_by_url (server, rest);

      if (strcmp (action, "subscribe") == 0)
        {
          if (feed != NULL || !can_fetch (rest))
            {
              bad_request (request);
              return;
            }
          add_feed (server, NULL, title != NULL && *title != '\0' ? title : rest, rest, group);
        }
      else if (feed == NULL)
        {
          bad_request (request);
          return;
        }
      else if (strcmp (action, "unsubscribe") == 0)
        remove_feed (server, feed);
      else
        {
          if (group != NULL)
            {
              g_free (feed->group);
              feed->group = g_strdup (group);
            }
          if (title != NULL && *title != '\0')
            {
              g_free (feed->title);
              feed->title = g_strdup (title);
            }
        }
    }

  reply (request->msg, 200, PHP_TYPE, "OK");
}

static void
quickadd (Request *request)
{
  GreaderTestServer *server = request->server;
  const char *url = request_param (request, "quickadd");
  GString *out = g_string_new (NULL);
  Feed *feed;

  if (g_str_has_prefix (url, "feed/"))
    url += 5;

  if (find_feed_by_url (server, url) != NULL || !can_fetch (url))
    {
      g_string_append (out, "{\"numResults\":0,");
      append_member (out, "error", "Feed cannot be added");
      g_string_append_c (out, '}');
      reply_string (request->msg, PHP_TYPE, out);
      return;
    }

  feed = add_feed (server, NULL, url, url, NULL);
  g_string_append (out, "{\"numResults\":1,");
  append_member (out, "query", feed->url);
  g_string_append_c (out, ',');
  append_member (out, "streamId", feed->id);
  g_string_append_c (out, ',');
  append_member (out, "streamName", feed->title);
  g_string_append_c (out, '}');
  reply_string (request->msg, PHP_TYPE, out);
}

static void
subscription_list (Request *request)
{
  GreaderTestServer *server = request->server;
  GString *out;

  if (g_strcmp0 (form_get (request->query, "output"), "json") != 0)
    {
      not_implemented (request);
      return;
    }

  out = g_string_new ("{\"subscriptions\":[");
  for (guint i = 0; i < server->feeds->len; i++)
    {
      Feed *feed = g_ptr_array_index (server->feeds, i);
      g_autofree char *title = server->flavour == GREADER_FLAVOUR_MINIFLUX ? g_strdup (feed->title)
                                                                            : unicode_alternative (feed->title, TRUE);
      g_autofree char *category = g_strconcat (user_prefix (server), "label/", feed->group, NULL);
      g_autofree char *icon = g_strdup_printf ("%sf.php?%08x", server->root_url, g_str_hash (feed->url));

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      append_member (out, "id", feed->id);
      g_string_append_c (out, ',');
      append_member (out, "title", title);
      g_string_append (out, ",\"categories\":[{");
      append_member (out, "id", category);
      g_string_append_c (out, ',');
      append_member (out, "label", feed->group);
      if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
        g_string_append (out, ",\"type\":\"folder\"");
      g_string_append (out, "}],");
      append_member (out, "url", feed->url);
      g_string_append_c (out, ',');
      append_member (out, "htmlUrl", feed->site_url);
      g_string_append_c (out, ',');
      append_member (out, "iconUrl", icon);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");

  reply_string (request->msg, JSON_TYPE, out);
}

/* Routing --------------------------------------------------------------------- */

static gboolean
part_is (Request    *request,
         guint       index,
         const char *value)
{
  for (guint i = 0; i < index; i++)
    if (request->parts[i] == NULL)
      return FALSE;

  return g_strcmp0 (request->parts[index], value) == 0;
}

/* reader/api/0/…: parts[3] on. */
static void
route_reader (Request *request)
{
  GreaderTestServer *server = request->server;
  gboolean miniflux = server->flavour == GREADER_FLAVOUR_MINIFLUX;

  if (request->user == NULL)
    {
      unauthorized (request);
      return;
    }

  if (part_is (request, 3, "stream") && part_is (request, 4, "contents"))
    {
      /* Miniflux has no such path, and its catch-all says "[]". */
      if (miniflux)
        reply (request->msg, 200, "application/json", "[]");
      else
        stream_contents (request, request->parts + 5);
    }
  else if (part_is (request, 3, "stream") && part_is (request, 4, "items") && part_is (request, 5, "ids") &&
           form_get (request->query, "s") != NULL)
    {
      if (miniflux)
        stream_items_ids_miniflux (request);
      else
        stream_items_ids (request);
    }
  else if (part_is (request, 3, "stream") && part_is (request, 4, "items") && part_is (request, 5, "contents") &&
           request->post)
    stream_items_contents (request);
  else if (part_is (request, 3, "subscription") && part_is (request, 4, "list"))
    subscription_list (request);
  else if (part_is (request, 3, "subscription") && part_is (request, 4, "edit") && request->post)
    subscription_edit (request);
  else if (part_is (request, 3, "subscription") && part_is (request, 4, "quickadd") &&
           request_param (request, "quickadd") != NULL)
    quickadd (request);
  else if (part_is (request, 3, "edit-tag"))
    {
      if (miniflux || check_token (request))
        edit_tag (request);
    }
  else if (part_is (request, 3, "token"))
    token (request);
  else if (miniflux)
    reply (request->msg, 200, "application/json", "[]");
  else
    bad_request (request);
}

/* GReaderAPI::parse() */
static void
route (Request *request)
{
  GreaderTestServer *server = request->server;

  if (*request->path == '\0' && request->query->len == 0)
    {
      reply (request->msg, 200, PHP_TYPE, "OK");
      return;
    }

  if (g_strv_length (request->parts) < 2)
    {
      bad_request (request);
      return;
    }

  if (!server->api_enabled && server->flavour == GREADER_FLAVOUR_FRESHRSS)
    {
      reply (request->msg, 503, TEXT_TYPE, "Service Unavailable!");
      return;
    }

  if (!part_is (request, 0, "accounts"))
    {
      gboolean go_on = server->flavour == GREADER_FLAVOUR_MINIFLUX ? authorize_miniflux (request) : authorize (request);

      if (!go_on)
        return;
    }

  if (part_is (request, 0, "accounts") && part_is (request, 1, "ClientLogin") &&
      request_param (request, "Email") != NULL && request_param (request, "Passwd") != NULL)
    client_login (request, request_param (request, "Email"), request_param (request, "Passwd"));
  else if (part_is (request, 0, "reader") && part_is (request, 1, "api") && part_is (request, 2, "0") &&
           request->parts[3] != NULL)
    route_reader (request);
  else if (server->flavour == GREADER_FLAVOUR_MINIFLUX && part_is (request, 0, "accounts"))
    reply (request->msg, 401, "application/json", "{\"error_message\":\"access unauthorized\"}");
  else
    bad_request (request);
}

static void
count_request (GreaderTestServer *server,
               Request           *request)
{
  GString *last = g_string_new (NULL);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (server->counts, request->path));
  const char *query = g_uri_get_query (soup_server_message_get_uri (request->msg));

  server->requests++;
  g_hash_table_replace (server->counts, g_strdup (request->path), GUINT_TO_POINTER (count + 1));

  g_string_append (last, query != NULL ? query : "");
  if (request->body != NULL && *request->body != '\0')
    {
      if (last->len > 0)
        g_string_append_c (last, '&');
      g_string_append (last, request->body);
    }
  g_hash_table_replace (server->last_requests, g_strdup (request->path), g_string_free (last, FALSE));
}

/* Faults and canned answers; TRUE when the request has had its answer. */
static gboolean
answer_otherwise (GreaderTestServer *server,
                  SoupServerMessage *msg,
                  const char        *path)
{
  Answer *answer;

  switch (server->fault)
    {
    case GREADER_FAULT_DOWN:
      drop_connection (msg);
      return TRUE;

    case GREADER_FAULT_500:
      reply (msg, 500, TEXT_TYPE, "Internal Server Error!");
      return TRUE;

    case GREADER_FAULT_DROP_AFTER_N:
      if (server->fault_n == 0)
        {
          drop_connection (msg);
          return TRUE;
        }
      server->fault_n--;
      break;

    case GREADER_FAULT_NONE:
    default:
      break;
    }

  answer = g_hash_table_lookup (server->answers, path);
  if (answer == NULL)
    answer = g_hash_table_lookup (server->answers, "*");
  if (answer == NULL)
    return FALSE;

  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (answer->body, NULL), g_bytes_get_size (answer->body));
  return TRUE;
}

static void
handle_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  GreaderTestServer *server = user_data;
  g_autofree char *decoded = g_uri_unescape_string (path, NULL);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *below;
  Request request = { server, msg, };

  g_mutex_lock (&server->lock);

  if (decoded == NULL)
    decoded = g_strdup (path);

  if (server->flavour == GREADER_FLAVOUR_MINIFLUX)
    below = decoded;
  else if (g_str_has_prefix (decoded, API_PREFIX) && (decoded[strlen (API_PREFIX)] == '\0' || decoded[strlen (API_PREFIX)] == '/'))
    below = decoded + strlen (API_PREFIX);
  else
    below = NULL;

  request.post = strcmp (soup_server_message_get_method (msg), "POST") == 0;
  request.path = g_strdup (below != NULL ? below + (*below == '/') : decoded);
  request.parts = g_strsplit (request.path, "/", -1);
  request.query = parse_form (raw_query, raw_query != NULL ? strlen (raw_query) : 0);
  request.body = body->data != NULL ? g_strndup (body->data, body->length) : NULL;
  request.form = parse_form (request.body, request.body != NULL ? strlen (request.body) : 0);

  count_request (server, &request);

  if (!answer_otherwise (server, msg, decoded))
    {
      if (below == NULL)
        reply (msg, 404, "text/html", "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                                      "<body><h1>Not Found</h1></body></html>");
      else
        route (&request);
    }

  g_mutex_unlock (&server->lock);

  g_free (request.path);
  g_strfreev (request.parts);
  g_ptr_array_unref (request.query);
  g_ptr_array_unref (request.form);
  g_free (request.body);
}

/* The server's thread --------------------------------------------------------- */

static gpointer
server_thread (gpointer data)
{
  GreaderTestServer *server = data;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint port;

  g_main_context_push_thread_default (server->context);

  server->soup = soup_server_new ("server-header", "greader-test-server", NULL);
  soup_server_add_handler (server->soup, NULL, handle_cb, server, NULL);
  if (!soup_server_listen (server->soup, address, 0, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  uris = soup_server_get_uris (server->soup);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&server->lock);
  server->root_url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  server->url = server->flavour == GREADER_FLAVOUR_MINIFLUX ? g_strdup_printf ("http://127.0.0.1:%u", port)
                                                            : g_strdup_printf ("http://127.0.0.1:%u" API_PREFIX, port);
  server->started = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  while (g_main_context_iteration (server->context, FALSE))
    ;

  g_main_context_pop_thread_default (server->context);

  return NULL;
}

GreaderTestServer *
greader_test_server_new_flavour (GreaderFlavour flavour)
{
  GreaderTestServer *server = g_new0 (GreaderTestServer, 1);

  server->flavour = flavour;
  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  server->salt = g_strdup_printf ("%08x", g_random_int ());
  server->api_enabled = TRUE;
  server->users = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) user_free);
  server->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_free);
  server->next_feed = 1;
  server->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  server->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  server->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) answer_free);
  server->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->last_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("greader-test-server", server_thread, server);

  g_mutex_lock (&server->lock);
  while (!server->started)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);

  return server;
}

GreaderTestServer *
greader_test_server_new (void)
{
  return greader_test_server_new_flavour (GREADER_FLAVOUR_FRESHRSS);
}

void
greader_test_server_free (GreaderTestServer *server)
{
  if (server == NULL)
    return;

  g_main_loop_quit (server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);

  g_hash_table_unref (server->users);
  g_hash_table_unref (server->by_id);
  g_ptr_array_unref (server->items);
  g_ptr_array_unref (server->feeds);
  g_hash_table_unref (server->answers);
  g_hash_table_unref (server->counts);
  g_hash_table_unref (server->last_requests);
  g_free (server->salt);
  g_free (server->url);
  g_free (server->root_url);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server);
}

/* The test's side ------------------------------------------------------------- */

const char *
greader_test_server_get_url (GreaderTestServer *server)
{
  return server->url;
}

const char *
greader_test_server_get_root_url (GreaderTestServer *server)
{
  return server->root_url;
}

void
greader_test_server_add_user (GreaderTestServer *server,
                              const char        *user,
                              const char        *password,
                              gboolean           api_enabled)
{
  User *entry = g_new0 (User, 1);

  entry->name = g_strdup (user);
  entry->password = g_strdup (password);
  entry->api_enabled = api_enabled;
  entry->enabled = TRUE;

  g_mutex_lock (&server->lock);
  g_hash_table_replace (server->users, entry->name, entry);
  g_mutex_unlock (&server->lock);
}

void
greader_test_server_set_user_enabled (GreaderTestServer *server,
                                      const char        *user,
                                      gboolean           enabled)
{
  User *entry;

  g_mutex_lock (&server->lock);
  entry = g_hash_table_lookup (server->users, user);
  g_assert (entry != NULL);
  entry->enabled = enabled;
  g_mutex_unlock (&server->lock);
}

void
greader_test_server_set_api_enabled (GreaderTestServer *server,
                                     gboolean           enabled)
{
  g_mutex_lock (&server->lock);
  server->api_enabled = enabled;
  g_mutex_unlock (&server->lock);
}

void
greader_test_server_expire_tokens (GreaderTestServer *server)
{
  g_mutex_lock (&server->lock);
  server->token_generation++;
  g_mutex_unlock (&server->lock);
}

const char *
greader_test_server_add_feed (GreaderTestServer *server,
                              const char        *id,
                              const char        *title,
                              const char        *url,
                              const char        *group)
{
  Feed *feed;

  g_mutex_lock (&server->lock);
  g_assert (id == NULL || find_feed (server, id) == NULL);
  feed = add_feed (server, id, title, url, group);
  g_mutex_unlock (&server->lock);

  return feed->id;
}

gboolean
greader_test_server_has_feed (GreaderTestServer  *server,
                              const char         *url,
                              char              **id,
                              char              **group)
{
  Feed *feed;

  g_mutex_lock (&server->lock);
  feed = find_feed_by_url (server, url);
  if (id != NULL)
    *id = feed != NULL ? g_strdup (feed->id) : NULL;
  if (group != NULL)
    *group = feed != NULL ? g_strdup (feed->group) : NULL;
  g_mutex_unlock (&server->lock);

  return feed != NULL;
}

guint
greader_test_server_count_feeds (GreaderTestServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->feeds->len;
  g_mutex_unlock (&server->lock);

  return n;
}

/* FreshRSS's ids are the microsecond an article was stored, one more
 * than the last when two come in the same one; Miniflux counts. */
static Item *
add_item (GreaderTestServer     *server,
          const GreaderTestItem *spec)
{
  Item *item = g_new0 (Item, 1);
  guint number = ++server->next_item;

  item->crawl_us = MAX (server_now_us (server), (gint64) server->last_id + 1);
  item->id = server->flavour == GREADER_FLAVOUR_MINIFLUX ? server->last_id + 1 : (guint64) item->crawl_us;
  server->last_id = item->id;

  item->feed = find_feed (server, spec->feed_id);
  g_assert (item->feed != NULL);
  item->title = spec->title != NULL ? g_strdup (spec->title) : g_strdup_printf ("%s, article %u", item->feed->title, number);
  item->link = spec->link != NULL ? g_strdup (spec->link) : g_strdup_printf ("%sarticles/%u", item->feed->site_url, number);
  item->author = g_strdup (spec->author);
  item->content = spec->content != NULL ? g_strdup (spec->content)
                                        : g_strdup_printf ("<p>The text of article %u.</p><p><img src=\"%simages/%u.jpg\" "
                                                           "alt=\"Picture %u\" width=\"640\" height=\"480\"></p>",
                                                           number, item->feed->site_url, number, number);
  item->published = spec->published != 0 ? spec->published : item->crawl_us / G_USEC_PER_SEC;
  item->read = spec->read;
  item->starred = spec->starred;
  item->enclosure_url = g_strdup (spec->enclosure_url);
  item->enclosure_type = g_strdup (spec->enclosure_type);
  item->enclosure_length = spec->enclosure_length;

  g_ptr_array_add (server->items, item);
  g_hash_table_insert (server->by_id, &item->id, item);

  return item;
}

char *
greader_test_server_add_item (GreaderTestServer     *server,
                              const GreaderTestItem *spec)
{
  Item *item;

  g_mutex_lock (&server->lock);
  item = add_item (server, spec);
  g_mutex_unlock (&server->lock);

  return g_strdup_printf (ITEM_ID_PREFIX "%016" G_GINT64_MODIFIER "x", item->id);
}

void
greader_test_server_add_items (GreaderTestServer *server,
                               const char        *feed_id,
                               guint              n)
{
  g_mutex_lock (&server->lock);
  for (guint i = 0; i < n; i++)
    {
      GreaderTestItem spec = { feed_id, NULL, };
      g_autofree char *author = g_strdup_printf ("Author %u", i % 7);

      spec.author = author;
      spec.published = server_now_us (server) / G_USEC_PER_SEC - (n - i) * 60;
      add_item (server, &spec);
    }
  g_mutex_unlock (&server->lock);
}

GPtrArray *
greader_test_server_get_item_ids (GreaderTestServer *server)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->items->len; i++)
    g_ptr_array_add (ids, g_strdup_printf (ITEM_ID_PREFIX "%016" G_GINT64_MODIFIER "x",
                                           ((Item *) g_ptr_array_index (server->items, i))->id));
  g_mutex_unlock (&server->lock);

  return ids;
}

gboolean
greader_test_server_set_state (GreaderTestServer *server,
                               const char        *id,
                               gboolean           read,
                               gboolean           starred)
{
  Item *item;

  g_mutex_lock (&server->lock);
  item = find_item (server, id);
  if (item != NULL)
    {
      item->read = read;
      item->starred = starred;
    }
  g_mutex_unlock (&server->lock);

  return item != NULL;
}

gboolean
greader_test_server_get_state (GreaderTestServer *server,
                               const char        *id,
                               gboolean          *read,
                               gboolean          *starred)
{
  Item *item;

  g_mutex_lock (&server->lock);
  item = find_item (server, id);
  if (read != NULL)
    *read = item != NULL && item->read;
  if (starred != NULL)
    *starred = item != NULL && item->starred;
  g_mutex_unlock (&server->lock);

  return item != NULL;
}

guint
greader_test_server_count_items (GreaderTestServer *server,
                                 gboolean           unread_only,
                                 gboolean           starred_only)
{
  guint n = 0;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->items->len; i++)
    {
      Item *item = g_ptr_array_index (server->items, i);

      if ((!unread_only || !item->read) && (!starred_only || item->starred))
        n++;
    }
  g_mutex_unlock (&server->lock);

  return n;
}

void
greader_test_server_advance_clock (GreaderTestServer *server,
                                   guint              seconds)
{
  g_mutex_lock (&server->lock);
  server->clock_offset += seconds;
  g_mutex_unlock (&server->lock);
}

void
greader_test_server_set_fault (GreaderTestServer *server,
                               GreaderFault       fault,
                               guint              n)
{
  g_mutex_lock (&server->lock);
  server->fault = fault;
  server->fault_n = n;
  g_mutex_unlock (&server->lock);
}

void
greader_test_server_set_answer (GreaderTestServer *server,
                                const char        *path,
                                guint              status,
                                const char        *content_type,
                                const char        *body,
                                gssize             body_len)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->status = status;
  answer->content_type = g_strdup (content_type);
  answer->body = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);

  g_mutex_lock (&server->lock);
  g_hash_table_replace (server->answers, g_strdup (path), answer);
  g_mutex_unlock (&server->lock);
}

void
greader_test_server_clear_answers (GreaderTestServer *server)
{
  g_mutex_lock (&server->lock);
  g_hash_table_remove_all (server->answers);
  g_mutex_unlock (&server->lock);
}

guint
greader_test_server_get_request_count (GreaderTestServer *server,
                                       const char        *path)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = path == NULL ? server->requests : GPOINTER_TO_UINT (g_hash_table_lookup (server->counts, path));
  g_mutex_unlock (&server->lock);

  return n;
}

char *
greader_test_server_get_last_request (GreaderTestServer *server,
                                      const char        *path)
{
  char *last;

  g_mutex_lock (&server->lock);
  last = g_strdup (g_hash_table_lookup (server->last_requests, path));
  g_mutex_unlock (&server->lock);

  return last;
}

void
greader_test_server_reset_counts (GreaderTestServer *server)
{
  g_mutex_lock (&server->lock);
  server->requests = 0;
  g_hash_table_remove_all (server->counts);
  g_hash_table_remove_all (server->last_requests);
  g_mutex_unlock (&server->lock);
}
