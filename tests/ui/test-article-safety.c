/* test-article-safety.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <webkit/webkit.h>

#include "article-test-util.h"
#include "briefing-article-view.h"
#include "briefing-entry.h"
#include "briefing-image-loader.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"

/* The article view as a reader meets it, end to end: hostile HTML is
 * served in RSS 2.0, Atom and JSON Feed from an in-process server on
 * 127.0.0.1, subscribed to and stored through the real session, read
 * back from the store and shown in a real BriefingArticleView on the
 * display, once with remote images off and once with them on.
 *
 * Every vector (the project's own in tests/fixtures/xss, and the shared
 * corpus when it is there) goes into every field an entry has: title,
 * summary, content, image caption and credit, author, category, link,
 * enclosure and image URLs. Each is instrumented first: its script calls
 * become code that renames the page and requests /script/ from the
 * canary, and its addresses point at the canary's /res/. The same
 * server is the canary; it records every request with its User-Agent.
 *
 * Nothing but Briefing itself may ever reach it: Briefing's fetcher
 * reads the feeds and, with remote images on, fetches images for the
 * page, which never reaches the network itself. So the test asserts no
 * request with WebKit's User-Agent, no /script/ request, no request at
 * all beyond the feeds with remote images off, no WebKit load other than
 * our own page and our image scheme, no navigation attempt, no renamed
 * page, no crashed web process, and (through G_DEBUG=fatal-warnings, and
 * GTest's own fatal mask) no warning or critical. */

#define ARTICLE_BASE_URI  "briefing-image://article/"
#define SCRIPT_MARKER     "XSSRAN-"
#define ENTRIES_PER_FEED  100
#define N_VIEWS           4       /* articles on screen at once, each its own web process */
#define LOAD_TIMEOUT_MS   15000
#define SETTLE_MS         30      /* after a load, for what the page starts late */
#define TITLE_WAIT_MS     2000
#define FINAL_SETTLE_MS   1000

typedef enum
{
  FORMAT_RSS,
  FORMAT_ATOM,
  FORMAT_JSON,
  N_FORMATS
} Format;

static const char * const format_names[N_FORMATS] = { "rss", "atom", "json" };

typedef struct
{
  char *id;        /* as the vector's file names it, for messages */
  char *payload;
} Vector;

/* What happened, counted over one run of one set of vectors. */
typedef struct
{
  guint rendered[N_FORMATS][2];
  guint feed_requests;        /* Briefing's fetcher reading the feeds */
  guint app_requests;         /* Briefing's image cache, remote images on */
  guint app_requests_off;     /* the same with remote images off: must not happen */
  guint webkit_requests;      /* anything else that reached the server */
  guint script_requests;      /* /script/: instrumented code ran */
  guint own_loads;            /* WebKit loads of our page and image scheme */
  guint other_loads;          /* WebKit loads of anything else */
  guint navigations;          /* navigations other than our page, blocked or not */
  guint allowed_navigations;  /* the same, let through by the view */
  guint renamed_pages;        /* document.title set by instrumented code */
  guint script_dialogs;
  guint crashes;
  guint load_failures;
  guint timeouts;
  guint blank_pages;
  guint late_titles;          /* the page's title arrived after its load finished */
  double load_seconds;        /* from showing an entry to its page loaded, summed */
  double slowest;
  GPtrArray *offences;        /* descriptions of everything above that must not happen */
} Tally;

typedef struct _Harness Harness;

/* One article view and the entry it shows. */
typedef struct
{
  Harness             *harness;
  BriefingArticleView *view;
  WebKitWebView       *web_view;
  BriefingEntry       *entry;
  Format               format;
  char                *label;     /* the entry on screen, for messages */
  gint64               started;
  guint                timeout_id;
  guint                settle_id;
  gulong               title_handler;
  gboolean             busy;
} Slot;

struct _Harness
{
  SoupServer    *server;
  guint          port;
  GHashTable    *feeds;           /* path -> GBytes */
  GBytes        *image;

  BriefingStore       *store;
  BriefingSession     *session;
  BriefingImageLoader *image_loader;

  GtkWindow *window;
  Slot       slots[N_VIEWS];
  gulong     hook_id;

  GPtrArray *vectors;
  Tally      tally;
  gboolean   remote;
  GPtrArray *queue;               /* entries still to show, the next last */
};

/* Vectors ------------------------------------------------------------------ */

static void
vector_free (gpointer data)
{
  Vector *vector = data;

  g_free (vector->id);
  g_free (vector->payload);
  g_free (vector);
}

/* Reads a file of one JSON object a line, each with "payload" and
 * perhaps "id": the shape of the shared corpus and of our fixtures. */
static GPtrArray *
load_vectors (const char *path)
{
  g_autoptr(GPtrArray) vectors = g_ptr_array_new_with_free_func (vector_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("Cannot read %s: %s", path, error->message);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonObject *object;
      Vector *vector;

      if (*g_strstrip (lines[i]) == '\0')
        continue;

      if (!json_parser_load_from_data (parser, lines[i], -1, &error))
        g_error ("%s, line %u: %s", path, i + 1, error->message);

      object = json_node_get_object (json_parser_get_root (parser));
      vector = g_new0 (Vector, 1);
      vector->id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
      vector->payload = g_strdup (json_object_get_string_member (object, "payload"));
      g_ptr_array_add (vectors, vector);
    }

  return g_steal_pointer (&vectors);
}

/* Instrumentation ---------------------------------------------------------- */

typedef struct
{
  const char *prefix;   /* "http://127.0.0.1:PORT/res/TAG" */
} Rewrite;

static gboolean
rewrite_url_cb (const GMatchInfo *info,
                GString          *out,
                gpointer          user_data)
{
  const Rewrite *rewrite = user_data;
  g_autofree char *match = g_match_info_fetch (info, 0);

  /* Namespace names are not requests, and an SVG document inside a
   * data: URL stops being SVG without them. */
  if (strstr (match, "www.w3.org/") != NULL)
    g_string_append (out, match);
  else if (g_str_has_prefix (match, "//"))
    g_string_append (out, rewrite->prefix + strlen ("http:"));
  else
    g_string_append (out, rewrite->prefix);

  return FALSE;
}

/* JavaScript for @text without a quote, a space, a slash or a
 * backslash: String.fromCharCode(104,116,...). */
static char *
js_string (const char *text)
{
  GString *out = g_string_new ("String.fromCharCode(");

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_printf (out, "%s%d", p == text ? "" : ",", (guchar) *p);
  g_string_append_c (out, ')');

  return g_string_free (out, FALSE);
}

/* Points every address in @payload at the canary and turns every script
 * call into code that proves it ran twice over: it renames the page
 * (seen even if nothing can leave it) and requests /script/ (seen even
 * if the page is gone). The code has no space, quote, slash or
 * backslash, so it works in an unquoted attribute, a quoted one, a
 * javascript: URL and mostly in a string too. */
static char *
instrument (const char *payload,
            guint       port,
            const char *tag)
{
  static GRegex *url_regex;
  static GRegex *call_regex;
  g_autofree char *prefix = g_strdup_printf ("http://127.0.0.1:%u/res/%s", port, tag);
  g_autofree char *script_url = g_strdup_printf ("http://127.0.0.1:%u/script/%s", port, tag);
  g_autofree char *marker = g_strconcat (SCRIPT_MARKER, tag, NULL);
  g_autofree char *script_url_js = js_string (script_url);
  g_autofree char *marker_js = js_string (marker);
  g_autofree char *call = NULL;
  g_autofree char *pointed = NULL;
  Rewrite rewrite = { prefix };

  if (url_regex == NULL)
    {
      url_regex = g_regex_new ("(?i)(?:\\b(?:https?|ftp|wss?):|(?:(?<=[\\s\"'=(,])|^)(?=//[a-z0-9]))"
                               "//[^\\s\"'<>()\\\\`]*",
                               G_REGEX_OPTIMIZE, 0, NULL);
      call_regex = g_regex_new ("\\b(?:alert|prompt|confirm|eval)\\b", G_REGEX_OPTIMIZE, 0, NULL);
    }

  pointed = g_regex_replace_eval (url_regex, payload, -1, 0, 0, rewrite_url_cb, &rewrite, NULL);
  call = g_strdup_printf ("(function(){document.title=%s;new(Image)().src=%s})", marker_js, script_url_js);

  return g_regex_replace_literal (call_regex, pointed, -1, 0, call, 0, NULL);
}

/* Feeds -------------------------------------------------------------------- */

/* Escapes for XML text and attribute values alike. Characters XML
 * forbids are left in: the parser's input stage removes them, which is
 * what it does with real feeds too. */
static void
append_xml (GString    *out,
            const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
append_element (GString    *out,
                const char *open,
                const char *text,
                const char *close)
{
  g_string_append (out, open);
  append_xml (out, text);
  g_string_append (out, close);
}

/* One RSS item: the vector in every field; the lead photo (whose caption
 * and credit are the vector) and a second enclosure are plain canary
 * addresses, so the photo is there to be shown. */
static void
append_rss_item (GString    *out,
                 const char *guid,
                 const char *v,
                 const char *canary,
                 guint       index)
{
  g_string_append (out, "<item>");
  append_element (out, "<title>", v, "</title>");
  append_element (out, "<link>", v, "</link>");
  g_string_append_printf (out, "<guid isPermaLink=\"false\">%s</guid>", guid);
  g_string_append_printf (out, "<pubDate>Mon, 01 Jun 2026 %02u:%02u:00 GMT</pubDate>", index / 60 % 24, index % 60);
  append_element (out, "<author>", v, "</author>");
  append_element (out, "<dc:creator>", v, "</dc:creator>");
  append_element (out, "<category>", v, "</category>");
  append_element (out, "<description>", v, "</description>");
  append_element (out, "<content:encoded>", v, "</content:encoded>");
  append_element (out, "<enclosure type=\"audio/mpeg\" length=\"1\" url=\"", v, "\"/>");
  g_string_append_printf (out, "<enclosure type=\"audio/mpeg\" length=\"1\" url=\"%s/enclosure.mp3\"/>", canary);
  g_string_append_printf (out, "<media:content medium=\"image\" width=\"640\" height=\"360\" url=\"%s/img/lead.png\">",
                          canary);
  append_element (out, "<media:description type=\"html\">", v, "</media:description>");
  append_element (out, "<media:credit>", v, "</media:credit>");
  g_string_append (out, "</media:content>");
  append_element (out, "<media:thumbnail url=\"", v, "\"/>");
  g_string_append (out, "</item>");
}

/* One Atom entry: no content, so its summary is what the view shows. */
static void
append_atom_entry (GString    *out,
                   const char *guid,
                   const char *v,
                   const char *canary,
                   guint       index)
{
  g_string_append (out, "<entry>");
  g_string_append_printf (out, "<id>%s</id>", guid);
  append_element (out, "<title type=\"html\">", v, "</title>");
  g_string_append_printf (out, "<updated>2026-06-01T%02u:%02u:00Z</updated>", index / 60 % 24, index % 60);
  append_element (out, "<author><name>", v, "</name>");
  append_element (out, "<uri>", v, "</uri></author>");
  append_element (out, "<category term=\"", v, "\"");
  append_element (out, " label=\"", v, "\"/>");
  g_string_append_printf (out, "<link rel=\"alternate\" href=\"%s/link\"/>", canary);
  append_element (out, "<link rel=\"enclosure\" type=\"audio/mpeg\" href=\"", v, "\"/>");
  append_element (out, "<link rel=\"related\" href=\"", v, "\"/>");
  append_element (out, "<summary type=\"html\">", v, "</summary>");
  g_string_append_printf (out, "<media:content medium=\"image\" url=\"%s/img/lead.png\">", canary);
  append_element (out, "<media:description>", v, "</media:description>");
  append_element (out, "<media:credit>", v, "</media:credit>");
  g_string_append (out, "</media:content>");
  g_string_append (out, "</entry>");
}

static void
add_json_item (JsonBuilder *builder,
               const char  *guid,
               const char  *v,
               const char  *canary,
               guint        index)
{
  g_autofree char *date = g_strdup_printf ("2026-06-01T%02u:%02u:00Z", index / 60 % 24, index % 60);
  g_autofree char *image = g_strconcat (canary, "/img/lead.png", NULL);
  g_autofree char *link = g_strconcat (canary, "/link", NULL);
  g_autofree char *enclosure = g_strconcat (canary, "/enclosure.mp3", NULL);

#define MEMBER(name, value) (json_builder_set_member_name (builder, name), json_builder_add_string_value (builder, value))
  json_builder_begin_object (builder);
  MEMBER ("id", guid);
  MEMBER ("url", v);
  MEMBER ("external_url", link);
  MEMBER ("title", v);
  MEMBER ("summary", v);
  MEMBER ("content_html", v);
  MEMBER ("image", image);
  MEMBER ("banner_image", v);
  MEMBER ("date_published", date);
  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  MEMBER ("name", v);
  MEMBER ("url", v);
  MEMBER ("avatar", v);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, v);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  MEMBER ("url", v);
  MEMBER ("mime_type", "audio/mpeg");
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  MEMBER ("url", enclosure);
  MEMBER ("mime_type", "audio/mpeg");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
#undef MEMBER
}

static char *
entry_guid (Format      format,
            const char *set,
            guint       index)
{
  return g_strdup_printf ("briefing-xss:%s:%s:%u", format_names[format], set, index);
}

static char *
entry_tag (Format      format,
           const char *set,
           guint       index)
{
  return g_strdup_printf ("%s-%s%u", format_names[format], set, index);
}

static Format
entry_format (BriefingEntry *entry)
{
  g_auto(GStrv) parts = g_strsplit (briefing_entry_get_guid (entry), ":", -1);

  for (Format f = 0; f < N_FORMATS; f++)
    {
      if (g_strv_length (parts) == 4 && g_str_equal (parts[1], format_names[f]))
        return f;
    }

  g_assert_not_reached ();
}

/* The feed of vectors [@first, @last) in @format. */
static GBytes *
build_feed (Harness    *harness,
            Format      format,
            GPtrArray  *vectors,
            const char *set,
            guint       first,
            guint       last)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GString *out = g_string_new (NULL);

  if (format == FORMAT_RSS)
    g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                 "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
                                 " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
                                 "<channel><title>Hostile RSS %s %u</title><link>http://127.0.0.1:%u/</link>"
                                 "<description>XSS vectors</description>", set, first, harness->port);
  else if (format == FORMAT_ATOM)
    g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                 "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
                                 "<id>urn:briefing-xss:%s:%u</id><title>Hostile Atom %s %u</title>"
                                 "<updated>2026-06-01T00:00:00Z</updated>", set, first, set, first);
  else
    {
      g_autofree char *title = g_strdup_printf ("Hostile JSON Feed %s %u", set, first);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder, "https://jsonfeed.org/version/1.1");
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
    }

  for (guint i = first; i < last; i++)
    {
      const Vector *vector = g_ptr_array_index (vectors, i);
      g_autofree char *guid = entry_guid (format, set, i);
      g_autofree char *tag = entry_tag (format, set, i);
      g_autofree char *canary = g_strdup_printf ("http://127.0.0.1:%u/res/%s", harness->port, tag);
      g_autofree char *v = instrument (vector->payload, harness->port, tag);

      if (format == FORMAT_RSS)
        append_rss_item (out, guid, v, canary, i);
      else if (format == FORMAT_ATOM)
        append_atom_entry (out, guid, v, canary, i);
      else
        add_json_item (builder, guid, v, canary, i);
    }

  if (format == FORMAT_RSS)
    g_string_append (out, "</channel></rss>");
  else if (format == FORMAT_ATOM)
    g_string_append (out, "</feed>");
  else
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      g_string_append (out, json);
    }

  return g_string_free_to_bytes (out);
}

/* The server and canary ---------------------------------------------------- */

static gboolean
is_briefing_agent (const char *agent)
{
  return agent != NULL && g_str_has_prefix (agent, "Briefing/");
}

static void
offence (Harness    *harness,
         const char *where,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

/* Records something that must not happen, and where: the article, or
 * for a request what its path names. */
static void
offence (Harness    *harness,
         const char *where,
         const char *format,
         ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (harness->tally.offences, g_strdup_printf ("[%s remote-%s] %s", where,
                                                             harness->remote ? "on" : "off", message));
  g_free (message);
}

static void
record_request (Harness    *harness,
                const char *method,
                const char *path,
                const char *agent)
{
  Tally *tally = &harness->tally;
  g_autoptr(GString) clean = g_string_new (NULL);
  g_auto(GStrv) segments = NULL;
  const char *where;

  /* URL parsers keep empty segments ("//script//x") that vectors may
   * well make. */
  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p != '/' || clean->len == 0 || clean->str[clean->len - 1] != '/')
        g_string_append_c (clean, *p);
    }

  /* Several articles are on screen at once: an instrumented address
   * names its vector's entry, so that is where a request came from. */
  segments = g_strsplit (clean->str, "/", 4);
  where = g_strv_length (segments) >= 3 ? segments[2] : "canary";

  if (g_strv_length (segments) >= 2 && g_str_equal (segments[1], "script"))
    {
      tally->script_requests++;
      offence (harness, where, "script ran: %s %s (%s)", method, path, agent);
    }
  else if (!is_briefing_agent (agent))
    {
      tally->webkit_requests++;
      offence (harness, where, "request not from Briefing: %s %s (%s)", method, path, agent);
    }
  else if (g_hash_table_contains (harness->feeds, path))
    tally->feed_requests++;
  else if (harness->remote)
    tally->app_requests++;
  else
    {
      tally->app_requests_off++;
      offence (harness, where, "request with remote images off: %s %s", method, path);
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Harness *harness = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *agent = soup_message_headers_get_one (headers, "User-Agent");
  GBytes *feed = g_hash_table_lookup (harness->feeds, path);

  record_request (harness, soup_server_message_get_method (message), path, agent != NULL ? agent : "(none)");

  if (feed != NULL)
    {
      const char *type = g_str_has_suffix (path, ".json") ? "application/feed+json"
                         : g_str_has_suffix (path, ".atom") ? "application/atom+xml" : "application/rss+xml";

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (feed, NULL), g_bytes_get_size (feed));
    }
  else if (g_str_has_suffix (path, "/img/lead.png"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (harness->image, NULL), g_bytes_get_size (harness->image));
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

/* A lead photo worth showing: a gradient, so a screenshot tells it from
 * a broken image. */
static GBytes *
make_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 360);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer;
  gsize size;

  for (int y = 0; y < 360; y++)
    for (int x = 0; x < 640; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = 40 + x * 160 / 640;
        p[1] = 90 + y * 120 / 360;
        p[2] = 160;
      }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
    g_error ("Cannot make the test image: %s", error->message);

  return g_bytes_new_take (buffer, size);
}

static void
start_server (Harness *harness)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  harness->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  harness->image = make_image ();
  harness->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (harness->server, NULL, server_cb, harness, NULL);

  if (!soup_server_listen_local (harness->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  uris = soup_server_get_uris (harness->server);
  harness->port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

/* Feed -> store ------------------------------------------------------------ */

/* Serves the vectors in @format and subscribes to them as a reader would
 * ("briefingctl add"), which fetches and stores at once. */
static void
subscribe_format (Harness    *harness,
                  Format      format,
                  GPtrArray  *vectors,
                  const char *set)
{
  static const char * const suffixes[N_FORMATS] = { ".xml", ".atom", ".json" };

  for (guint first = 0; first < vectors->len; first += ENTRIES_PER_FEED)
    {
      guint last = MIN (first + ENTRIES_PER_FEED, vectors->len);
      g_autofree char *path = g_strdup_printf ("/feeds/%s-%s-%u%s", format_names[format], set, first,
                                               suffixes[format]);
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", harness->port, path);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(BriefingSource) source = NULL;
      g_autoptr(GError) error = NULL;

      g_hash_table_insert (harness->feeds, g_steal_pointer (&path),
                           build_feed (harness, format, vectors, set, first, last));

      briefing_session_subscribe_async (harness->session, url, NULL, NULL, article_test_done_cb, &result);
      source = briefing_session_subscribe_finish (harness->session, article_test_wait_for_result (&result),
                                                  &error);
      g_assert_no_error (error);
    }
}

/* Every stored entry of the vectors' feeds, in full (as the window reads
 * one before showing it), by format. */
static void
list_stored (Harness   *harness,
             GPtrArray *by_format[N_FORMATS])
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = briefing_store_list_sources (harness->store, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < N_FORMATS; f++)
    by_format[f] = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint s = 0; s < sources->len; s++)
    {
      BriefingSource *source = g_ptr_array_index (sources, s);
      BriefingQuery query = { .source_id = briefing_source_get_id (source) };
      g_autoptr(GPtrArray) listed = briefing_store_list_entries (harness->store, &query, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < listed->len; i++)
        {
          BriefingEntry *row = g_ptr_array_index (listed, i);
          g_autoptr(BriefingEntry) entry = briefing_store_get_entry (harness->store, briefing_entry_get_id (row),
                                                                     &error);
          Format format;

          g_assert_no_error (error);
          format = entry_format (entry);
          g_ptr_array_add (by_format[format], g_steal_pointer (&entry));
        }
    }
}

/* Rendering ---------------------------------------------------------------- */

static void slot_next (Slot *slot);

static Slot *
slot_for_web_view (Harness *harness,
                   gpointer web_view)
{
  for (guint i = 0; i < N_VIEWS; i++)
    {
      if (harness->slots[i].web_view == web_view)
        return &harness->slots[i];
    }

  return NULL;
}

/* As HTML reads a <title>: runs of ASCII white space made one space,
 * none at either end. */
static char *
collapse_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (strchr (" \t\n\f\r", *p) != NULL)
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The page is the template filled in for this entry when its title is
 * the entry's headline. Anything else is not our page, or a blank one,
 * and proves nothing. */
static gboolean
slot_shows_entry (Slot *slot)
{
  const char *headline = briefing_entry_get_title (slot->entry);
  g_autofree char *expected = collapse_space (headline != NULL ? headline : "Untitled Briefing");
  g_autofree char *shown = collapse_space (webkit_web_view_get_title (slot->web_view));

  return g_str_equal (shown, expected);
}

static void
slot_done (Slot *slot)
{
  Tally *tally = &slot->harness->tally;
  double seconds = (g_get_monotonic_time () - slot->started) / (double) G_USEC_PER_SEC;

  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  g_clear_handle_id (&slot->settle_id, g_source_remove);
  g_clear_signal_handler (&slot->title_handler, slot->web_view);

  tally->rendered[slot->format][slot->harness->remote]++;
  tally->slowest = MAX (tally->slowest, seconds);
  slot->busy = FALSE;
  slot_next (slot);
}

static void
on_late_title_cb (WebKitWebView *web_view,
                  GParamSpec    *pspec,
                  Slot          *slot)
{
  if (slot_shows_entry (slot))
    {
      slot->harness->tally.late_titles++;
      slot_done (slot);
    }
}

static gboolean
title_wait_cb (gpointer user_data)
{
  Slot *slot = user_data;
  g_autofree char *shown = collapse_space (webkit_web_view_get_title (slot->web_view));

  slot->settle_id = 0;
  slot->harness->tally.blank_pages++;
  offence (slot->harness, slot->label, "the page is not the article: its title is \"%s\"", shown);
  slot_done (slot);

  return G_SOURCE_REMOVE;
}

/* The page has loaded and had a moment more. WebKit sometimes tells the
 * page's title after its load, so a page without it yet is given a
 * while. */
static gboolean
settled_cb (gpointer user_data)
{
  Slot *slot = user_data;

  slot->settle_id = 0;
  if (slot_shows_entry (slot))
    {
      slot_done (slot);
      return G_SOURCE_REMOVE;
    }

  slot->title_handler = g_signal_connect (slot->web_view, "notify::title", G_CALLBACK (on_late_title_cb), slot);
  slot->settle_id = g_timeout_add (TITLE_WAIT_MS, title_wait_cb, slot);

  return G_SOURCE_REMOVE;
}

static void
slot_loaded (Slot *slot)
{
  if (!slot->busy || slot->settle_id != 0)
    return;

  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  slot->harness->tally.load_seconds += (g_get_monotonic_time () - slot->started) / (double) G_USEC_PER_SEC;
  slot->settle_id = g_timeout_add (SETTLE_MS, settled_cb, slot);
}

static gboolean
load_timeout_cb (gpointer user_data)
{
  Slot *slot = user_data;

  slot->timeout_id = 0;
  slot->harness->tally.timeouts++;
  offence (slot->harness, slot->label, "the page did not finish loading in %d ms", LOAD_TIMEOUT_MS);
  slot_done (slot);

  return G_SOURCE_REMOVE;
}

/* The entry's guid and the vector it carries, as its file names it. */
static char *
describe_entry (Harness       *harness,
                BriefingEntry *entry)
{
  const char *guid = briefing_entry_get_guid (entry);
  guint64 index = g_ascii_strtoull (strrchr (guid, ':') + 1, NULL, 10);
  const Vector *vector = index < harness->vectors->len ? g_ptr_array_index (harness->vectors, index) : NULL;

  return g_strdup_printf ("%s \"%s\"", guid, vector != NULL ? vector->id : "?");
}

static void
slot_show (Slot          *slot,
           BriefingEntry *entry,
           Format         format)
{
  g_set_object (&slot->entry, entry);
  slot->format = format;
  g_free (slot->label);
  slot->label = describe_entry (slot->harness, entry);
  slot->busy = TRUE;
  slot->started = g_get_monotonic_time ();
  slot->timeout_id = g_timeout_add (LOAD_TIMEOUT_MS, load_timeout_cb, slot);

  briefing_article_view_set_entry (slot->view, entry);
}

/* Shows the next queued entry in @slot, if there is one. */
static void
slot_next (Slot *slot)
{
  Harness *harness = slot->harness;
  BriefingEntry *entry;

  if (harness->queue->len == 0)
    return;

  entry = g_ptr_array_steal_index_fast (harness->queue, harness->queue->len - 1);
  slot_show (slot, entry, entry_format (entry));
  g_object_unref (entry);
}

static void
on_load_changed_cb (WebKitWebView   *web_view,
                    WebKitLoadEvent  event,
                    Slot            *slot)
{
  if (event == WEBKIT_LOAD_FINISHED)
    slot_loaded (slot);
}

static gboolean
on_load_failed_cb (WebKitWebView   *web_view,
                   WebKitLoadEvent  event,
                   const char      *uri,
                   GError          *error,
                   Slot            *slot)
{
  slot->harness->tally.load_failures++;
  offence (slot->harness, slot->label, "the page failed to load: %s (%s)", uri, error->message);

  return FALSE;
}

static void
on_resource_load_started_cb (WebKitWebView     *web_view,
                             WebKitWebResource *resource,
                             WebKitURIRequest  *request,
                             Slot              *slot)
{
  const char *uri = webkit_uri_request_get_uri (request);

  /* Our page, the images the app serves through our scheme, and inline
   * data, which is no request. */
  if (g_str_has_prefix (uri, "briefing-image:") || g_str_has_prefix (uri, "about:") ||
      g_str_has_prefix (uri, "data:"))
    {
      slot->harness->tally.own_loads++;
      return;
    }

  slot->harness->tally.other_loads++;
  offence (slot->harness, slot->label, "WebKit loads %s", uri);
}

static void
on_title_cb (WebKitWebView *web_view,
             GParamSpec    *pspec,
             Slot          *slot)
{
  const char *title = webkit_web_view_get_title (web_view);

  /* The headline holds the instrumented code as text, so only a title
   * that starts with the marker was set by it. */
  if (title != NULL && g_str_has_prefix (title, SCRIPT_MARKER))
    {
      slot->harness->tally.renamed_pages++;
      offence (slot->harness, slot->label, "script renamed the page: %s", title);
    }
}

static gboolean
on_script_dialog_cb (WebKitWebView      *web_view,
                     WebKitScriptDialog *dialog,
                     Slot               *slot)
{
  slot->harness->tally.script_dialogs++;
  offence (slot->harness, slot->label, "script opened a dialog: %s", webkit_script_dialog_get_message (dialog));

  return TRUE;
}

static void
on_web_process_terminated_cb (WebKitWebView                     *web_view,
                              WebKitWebProcessTerminationReason  reason,
                              Slot                              *slot)
{
  slot->harness->tally.crashes++;
  offence (slot->harness, slot->label, "the web process ended (reason %d)", reason);
  if (slot->busy)
    slot_done (slot);
}

static const char *
decision_uri (WebKitPolicyDecision     *decision,
              WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return webkit_uri_request_get_uri (webkit_response_policy_decision_get_request (WEBKIT_RESPONSE_POLICY_DECISION (decision)));

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));

  return webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
}

/* Runs before any handler, the view's included, so it sees every
 * navigation a page attempts, also those the view refuses. */
static gboolean
decide_policy_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  Harness *harness = user_data;
  Slot *slot = slot_for_web_view (harness, g_value_get_object (&values[0]));
  WebKitPolicyDecision *decision = g_value_get_object (&values[1]);
  WebKitPolicyDecisionType type = g_value_get_enum (&values[2]);
  const char *uri;

  if (slot == NULL)
    return TRUE;

  uri = decision_uri (decision, type);
  if (!g_str_has_prefix (uri, ARTICLE_BASE_URI))
    {
      harness->tally.navigations++;
      offence (harness, slot->label, "the page tries to go to %s", uri);
    }

  return TRUE;
}

/* Runs after the view's handler, which stops the emission when it
 * decides; reaching here means a decision was let through. */
static gboolean
on_decide_policy_after_cb (WebKitWebView            *web_view,
                           WebKitPolicyDecision     *decision,
                           WebKitPolicyDecisionType  type,
                           Slot                     *slot)
{
  const char *uri = decision_uri (decision, type);

  if (!g_str_has_prefix (uri, ARTICLE_BASE_URI))
    {
      slot->harness->tally.allowed_navigations++;
      offence (slot->harness, slot->label, "the view lets the page go to %s", uri);
    }

  return FALSE;
}

static GtkWidget *
on_create_cb (WebKitWebView          *web_view,
              WebKitNavigationAction *action,
              Slot                   *slot)
{
  slot->harness->tally.navigations++;
  offence (slot->harness, slot->label, "the page opens a window for %s",
           webkit_uri_request_get_uri (webkit_navigation_action_get_request (action)));

  return NULL;
}

static void
slot_init (Slot    *slot,
           Harness *harness)
{
  GtkWidget *child;

  slot->harness = harness;
  slot->view = g_object_new (BRIEFING_TYPE_ARTICLE_VIEW, "hexpand", TRUE, "vexpand", TRUE, NULL);
  briefing_article_view_set_image_loader (slot->view, harness->image_loader);

  /* The view holds its WebKitWebView as its only child. */
  child = gtk_widget_get_first_child (GTK_WIDGET (slot->view));
  g_assert_true (WEBKIT_IS_WEB_VIEW (child));
  slot->web_view = WEBKIT_WEB_VIEW (child);

  g_signal_connect (child, "load-changed", G_CALLBACK (on_load_changed_cb), slot);
  g_signal_connect (child, "load-failed", G_CALLBACK (on_load_failed_cb), slot);
  g_signal_connect (child, "resource-load-started", G_CALLBACK (on_resource_load_started_cb), slot);
  g_signal_connect (child, "notify::title", G_CALLBACK (on_title_cb), slot);
  g_signal_connect (child, "script-dialog", G_CALLBACK (on_script_dialog_cb), slot);
  g_signal_connect (child, "web-process-terminated", G_CALLBACK (on_web_process_terminated_cb), slot);
  g_signal_connect (child, "decide-policy", G_CALLBACK (on_decide_policy_after_cb), slot);
  g_signal_connect (child, "create", G_CALLBACK (on_create_cb), slot);
}

static void
slot_clear (Slot *slot)
{
  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  g_clear_handle_id (&slot->settle_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (slot->web_view, slot);
  g_clear_object (&slot->entry);
  g_clear_pointer (&slot->label, g_free);
}

/* A window with the views side by side, as many articles as a reader
 * could open in as many windows, each page in its own web process. */
static void
make_window (Harness *harness)
{
  GtkWidget *grid = gtk_grid_new ();
  guint signal_id;

  harness->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (harness->window, 1000, 700);
  gtk_window_set_title (harness->window, "Article safety");
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_window_set_child (harness->window, grid);

  for (guint i = 0; i < N_VIEWS; i++)
    {
      slot_init (&harness->slots[i], harness);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (harness->slots[i].view), i % 2, i / 2, 1, 1);
    }

  signal_id = g_signal_lookup ("decide-policy", WEBKIT_TYPE_WEB_VIEW);
  harness->hook_id = g_signal_add_emission_hook (signal_id, 0, decide_policy_hook, harness, NULL);

  gtk_window_present (harness->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (harness->window)))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
slots_busy (Harness *harness)
{
  for (guint i = 0; i < N_VIEWS; i++)
    {
      if (harness->slots[i].busy)
        return TRUE;
    }

  return FALSE;
}

/* Shows every entry, each in the next free view, and waits for the
 * last; then a while longer, since what a page starts late still counts
 * against it. */
static void
render_all (Harness   *harness,
            GPtrArray *by_format[N_FORMATS],
            gboolean   remote)
{
  harness->remote = remote;
  briefing_image_loader_set_load_remote_images (harness->image_loader, remote);

  harness->queue = g_ptr_array_new_with_free_func (g_object_unref);
  for (int f = N_FORMATS - 1; f >= 0; f--)
    {
      for (guint i = by_format[f]->len; i > 0; i--)
        g_ptr_array_add (harness->queue, g_object_ref (g_ptr_array_index (by_format[f], i - 1)));
    }

  for (guint i = 0; i < N_VIEWS; i++)
    slot_next (&harness->slots[i]);

  while (slots_busy (harness))
    g_main_context_iteration (NULL, TRUE);

  article_test_settle (FINAL_SETTLE_MS);
  g_clear_pointer (&harness->queue, g_ptr_array_unref);
}

/* The screenshot ----------------------------------------------------------- */

/* Renders the window as GTK draws it, the pages included. */
static void
save_screenshot (Harness    *harness,
                 const char *name)
{
  const char *dir = g_getenv ("BRIEFING_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (harness->window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("screenshot: the window drew nothing");
      return;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot save %s", path);
  g_test_message ("screenshot: %s", path);
}

/* Shows the entry with @guid alone in the window, small enough that
 * its headline, photo and text all fit, and saves the window. */
static void
screenshot_entry (Harness    *harness,
                  GPtrArray  *by_format[N_FORMATS],
                  const char *guid,
                  const char *name)
{
  Slot *slot = &harness->slots[0];
  gboolean found = FALSE;

  for (guint i = 1; i < N_VIEWS; i++)
    gtk_widget_set_visible (GTK_WIDGET (harness->slots[i].view), FALSE);
  briefing_article_view_set_zoom (slot->view, 0.7);

  harness->queue = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint f = 0; f < N_FORMATS && !found; f++)
    for (guint i = 0; i < by_format[f]->len && !found; i++)
      {
        BriefingEntry *entry = g_ptr_array_index (by_format[f], i);

        found = g_str_equal (briefing_entry_get_guid (entry), guid);
        if (found)
          slot_show (slot, entry, f);
      }

  g_assert_true (found);
  while (slots_busy (harness))
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&harness->queue, g_ptr_array_unref);

  /* A few frames for the page to reach the screen. */
  article_test_settle (500);
  save_screenshot (harness, name);
}

/* The harness -------------------------------------------------------------- */

static Harness *
harness_new (GPtrArray *vectors)
{
  Harness *harness = g_new0 (Harness, 1);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "briefing.db", NULL);
  g_autoptr(GError) error = NULL;

  harness->vectors = g_ptr_array_ref (vectors);
  harness->tally.offences = g_ptr_array_new_with_free_func (g_free);
  start_server (harness);

  harness->store = briefing_store_open (path, &error);
  g_assert_no_error (error);
  harness->session = briefing_session_new (harness->store);
  /* No retention: every vector's entry stays to be read. */
  briefing_session_set_retention (harness->session, 0, 0);
  harness->image_loader = briefing_image_loader_new (briefing_session_get_image_cache (harness->session));

  make_window (harness);

  return harness;
}

static void
harness_free (Harness *harness)
{
  g_signal_remove_emission_hook (g_signal_lookup ("decide-policy", WEBKIT_TYPE_WEB_VIEW), harness->hook_id);
  for (guint i = 0; i < N_VIEWS; i++)
    slot_clear (&harness->slots[i]);
  gtk_window_destroy (harness->window);
  g_clear_object (&harness->image_loader);
  g_clear_object (&harness->session);
  g_clear_object (&harness->store);
  soup_server_disconnect (harness->server);
  g_clear_object (&harness->server);
  g_clear_pointer (&harness->feeds, g_hash_table_unref);
  g_clear_pointer (&harness->image, g_bytes_unref);
  g_clear_pointer (&harness->tally.offences, g_ptr_array_unref);
  g_clear_pointer (&harness->vectors, g_ptr_array_unref);
  g_free (harness);
}

static void
report (Harness    *harness,
        const char *set,
        guint       n_vectors,
        double      seconds)
{
  const Tally *t = &harness->tally;
  guint total = 0;

  for (guint f = 0; f < N_FORMATS; f++)
    {
      g_test_message ("%s: %s articles rendered: %u with remote images off, %u on", set, format_names[f],
                      t->rendered[f][FALSE], t->rendered[f][TRUE]);
      total += t->rendered[f][FALSE] + t->rendered[f][TRUE];
    }

  g_test_message ("%s: %u vectors, %u articles in %.1f s, %u at a time (%.0f ms a page load on average, "
                  "slowest article %.0f ms)", set, n_vectors, total, seconds, N_VIEWS,
                  total > 0 ? t->load_seconds * 1000 / total : 0.0, t->slowest * 1000);
  g_test_message ("%s: canary: %u feed requests and %u image requests from Briefing (remote on), "
                  "%u from Briefing with remote images off, %u not from Briefing, %u to /script/", set,
                  t->feed_requests, t->app_requests, t->app_requests_off, t->webkit_requests, t->script_requests);
  g_test_message ("%s: WebKit: %u loads of our page and images, %u of anything else; %u navigations tried, "
                  "%u let through; %u pages renamed by script, %u script dialogs", set,
                  t->own_loads, t->other_loads, t->navigations, t->allowed_navigations, t->renamed_pages,
                  t->script_dialogs);
  g_test_message ("%s: %u web process crashes, %u load failures, %u timeouts, %u pages not the article "
                  "(%u titles told late)", set, t->crashes, t->load_failures, t->timeouts, t->blank_pages,
                  t->late_titles);

  for (guint i = 0; i < MIN (t->offences->len, 50); i++)
    g_test_message ("offence: %s", (const char *) g_ptr_array_index (t->offences, i));
}

static void
run_vectors (GPtrArray  *vectors,
             const char *set,
             const char *screenshot_guid)
{
  Harness *harness = harness_new (vectors);
  GPtrArray *by_format[N_FORMATS];
  gint64 start = g_get_monotonic_time ();
  const Tally *t = &harness->tally;

  for (guint f = 0; f < N_FORMATS; f++)
    subscribe_format (harness, f, vectors, set);
  list_stored (harness, by_format);

  /* Off first: the image cache would serve what "on" fetched. */
  render_all (harness, by_format, FALSE);
  render_all (harness, by_format, TRUE);

  report (harness, set, vectors->len, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  if (screenshot_guid != NULL)
    screenshot_entry (harness, by_format, screenshot_guid, "article-safety.png");

  for (guint f = 0; f < N_FORMATS; f++)
    {
      g_assert_cmpuint (by_format[f]->len, ==, vectors->len);
      g_assert_cmpuint (t->rendered[f][FALSE], ==, vectors->len);
      g_assert_cmpuint (t->rendered[f][TRUE], >=, vectors->len);
      g_ptr_array_unref (by_format[f]);
    }

  g_assert_cmpuint (t->feed_requests, >, 0);
  g_assert_cmpuint (t->app_requests, >, 0);
  g_assert_cmpuint (t->script_requests, ==, 0);
  g_assert_cmpuint (t->webkit_requests, ==, 0);
  g_assert_cmpuint (t->app_requests_off, ==, 0);
  g_assert_cmpuint (t->other_loads, ==, 0);
  g_assert_cmpuint (t->navigations, ==, 0);
  g_assert_cmpuint (t->allowed_navigations, ==, 0);
  g_assert_cmpuint (t->renamed_pages, ==, 0);
  g_assert_cmpuint (t->script_dialogs, ==, 0);
  g_assert_cmpuint (t->crashes, ==, 0);
  g_assert_cmpuint (t->load_failures, ==, 0);
  g_assert_cmpuint (t->timeouts, ==, 0);
  g_assert_cmpuint (t->blank_pages, ==, 0);
  g_assert_cmpuint (t->offences->len, ==, 0);

  harness_free (harness);
}

/* Tests -------------------------------------------------------------------- */

static gboolean have_display;

static void
test_fixtures (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", "xss", "vectors.jsonl", NULL);
  g_autoptr(GPtrArray) vectors = NULL;

  if (!have_display)
    {
      g_test_skip ("No display: run under Xvfb (build-aux/dev test)");
      return;
    }

  vectors = load_vectors (path);
  g_assert_cmpuint (vectors->len, >, 0);
  /* The script element vector as JSON Feed gives it: the headline and
   * byline show the markup as text, the body keeps its paragraphs. */
  run_vectors (vectors, "f", "briefing-xss:json:f:0");
}

static void
test_corpus (void)
{
  const char *dir = g_getenv ("BRIEFING_CORPORA_DIR");
  g_autofree char *path = dir != NULL ? g_build_filename (dir, "xss", "vectors.jsonl", NULL) : NULL;
  g_autoptr(GPtrArray) vectors = NULL;

  if (!have_display)
    {
      g_test_skip ("No display: run under Xvfb (build-aux/dev test)");
      return;
    }

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No xss/vectors.jsonl in the shared corpora (BRIEFING_CORPORA_DIR)");
      return;
    }

  vectors = load_vectors (path);
  g_assert_cmpuint (vectors->len, >, 0);
  run_vectors (vectors, "c", NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Tests only: WebKit's sandbox cannot start as root in a container,
   * and compositing needs a GPU Xvfb does not have. */
  g_setenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", FALSE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", FALSE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/article-safety/fixtures", test_fixtures);
  g_test_add_func ("/article-safety/corpus", test_corpus);

  return g_test_run ();
}
