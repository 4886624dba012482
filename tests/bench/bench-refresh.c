/* bench-refresh.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Refreshing 500 feeds served from loopback: `briefingctl refresh` cold
 * (a new store) and then again (every feed answers 304), against
 * `newsboat -x reload` over the same feeds and against six `curl`
 * processes fetching the same URLs (the network floor), all in this run.
 *
 * The feeds live on 50 loopback addresses (127.0.0.1 to 127.0.0.50, one
 * port), ten feeds a host, so the per-host connection limit matters as it
 * does for a reader subscribed to many sites. Each feed has 20 to 50
 * items with HTML summaries, half of them whole HTML articles too, and
 * an ETag and a Last-Modified. Nothing binds
 * anything but loopback.
 *
 * Targets: cold at most a quarter of newsboat's time and within 3x of
 * curl; the all-304 pass under a tenth of the cold one. The benchmark
 * prints ratios; it fails only when a run is invalid (a tool failed, or
 * did not fetch every feed). BENCH_REPEATS sets the number of runs (3);
 * medians are reported. BENCH_LATENCY_MS delays every response by that
 * much, to see the programs as they would be over a real network
 * (loopback alone makes the network nearly free). */

#define N_FEEDS          500
#define N_HOSTS          50
#define N_CURLS          6
#define NEWSBOAT_THREADS 6     /* Briefing's own limit: six connections in all */
#define DEFAULT_REPEATS  3

typedef struct
{
  char       *body;
  gsize       len;
  char       *etag;
  char       *last_modified;
  const char *content_type;
} Feed;

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  SoupServer   *server;
  guint         port;
  GHashTable   *feeds;     /* path -> Feed */
  GPtrArray    *urls;
  gsize         total_bytes;
  guint         total_items;
  guint         latency_ms;

  int           requests;  /* atomic, per pass */
  int           full;
  int           not_modified;
  int           other;
} Bench;

typedef struct
{
  double   seconds;
  int      requests;
  int      full;
  int      not_modified;
  int      other;
  gboolean ok;
} Pass;

/* Feeds ---------------------------------------------------------------------- */

static const char * const words[] = {
  "council", "budget", "harbour", "minister", "election", "river", "bridge", "school", "energy",
  "storm", "museum", "festival", "railway", "hospital", "market", "court", "mayor", "climate",
  "league", "orchestra", "province", "treaty", "vaccine", "satellite", "drought", "harvest",
  "parliament", "strike", "airport", "library", "tunnel", "reservoir", "census", "ferry",
  "village", "summit", "inquiry", "verdict", "forecast", "volunteers", "research", "startup",
  "the", "a", "of", "and", "in", "to", "for", "after", "with", "says", "new", "plans", "over",
  /* Names, so that topic extraction has the work it has on real news */
  "Brussels", "NATO", "Lisbon", "Ministry of Finance", "Henrik Vaaler", "Mr Vaaler", "President Ana Costa",
  "European Union", "Tokyo", "Bank of England", "Kaito Motors", "IAEA", "Dublin", "Marrow River",
};

static const char * const categories[] = {
  "Politics", "Economy", "Weather", "Culture", "Sport", "Health", "Science", "Transport",
  "Education", "Environment", "Justice", "Technology", "World", "Local", "Opinion",
};

static void
append_words (GString *text,
              GRand   *rand,
              guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
}

/* An article body as news sites publish it: paragraphs with links and
 * emphasis, sometimes a figure or a list. */
static void
append_body (GString    *xml,
             GRand      *rand,
             const char *host,
             guint       feed,
             guint       item)
{
  guint paragraphs = g_rand_int_range (rand, 3, 8);

  if (g_rand_int_range (rand, 0, 3) == 0)
    g_string_append_printf (xml, "<figure><img src=\"http://%s/img/%u-%u.jpg\" width=\"800\" height=\"450\" alt=\"\">"
                                 "<figcaption>Photo caption for item %u</figcaption></figure>", host, feed, item, item);

  for (guint p = 0; p < paragraphs; p++)
    {
      g_string_append (xml, "<p>");
      append_words (xml, rand, g_rand_int_range (rand, 15, 40));
      g_string_append_printf (xml, " <a href=\"http://%s/story/%u/%u#p%u\">", host, feed, item, p);
      append_words (xml, rand, 3);
      g_string_append (xml, "</a> <strong>");
      append_words (xml, rand, 4);
      g_string_append (xml, "</strong> ");
      append_words (xml, rand, g_rand_int_range (rand, 10, 30));
      g_string_append (xml, ".</p>");
    }

  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      g_string_append (xml, "<ul>");
      for (guint i = 0; i < 3; i++)
        {
          g_string_append (xml, "<li>");
          append_words (xml, rand, 8);
          g_string_append (xml, "</li>");
        }
      g_string_append (xml, "</ul>");
    }
}

static char *
format_date (gint64      when,
             const char *format)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);

  return g_date_time_format (date, format);
}

#define RFC822 "%a, %d %b %Y %H:%M:%S GMT"
#define RFC3339 "%Y-%m-%dT%H:%M:%SZ"

/* Half the feeds carry whole articles, as blogs do; the other half only
 * summaries, as most news sites do. */
static gboolean
has_bodies (guint feed)
{
  return feed % 2 == 0;
}

static char *
make_rss (GRand      *rand,
          const char *host,
          guint       feed,
          guint       n_items,
          gint64      now)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");

  g_string_append_printf (xml, "<title>Bench news %u</title><link>http://%s/</link>"
                               "<description>Stories from site %u</description><language>en</language>\n",
                          feed, host, feed);

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *date = format_date (now - (gint64) i * 3600 - g_rand_int_range (rand, 0, 3600), RFC822);

      g_string_append (xml, "<item><title>");
      append_words (xml, rand, g_rand_int_range (rand, 5, 12));
      g_string_append_printf (xml, "</title><link>http://%s/story/%u/%u</link>"
                                   "<guid isPermaLink=\"true\">http://%s/story/%u/%u</guid>"
                                   "<pubDate>%s</pubDate><dc:creator>Reporter %u</dc:creator>",
                              host, feed, i, host, feed, i, date, g_rand_int_range (rand, 1, 40));
      for (guint c = g_rand_int_range (rand, 1, 4); c > 0; c--)
        g_string_append_printf (xml, "<category>%s</category>",
                                categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))]);
      g_string_append (xml, "<description><![CDATA[<p>");
      append_words (xml, rand, g_rand_int_range (rand, 20, 45));
      g_string_append (xml, "</p>]]></description>");
      if (has_bodies (feed))
        {
          g_string_append (xml, "<content:encoded><![CDATA[");
          append_body (xml, rand, host, feed, i);
          g_string_append (xml, "]]></content:encoded>");
        }
      g_string_append (xml, "</item>\n");
    }

  g_string_append (xml, "</channel>\n</rss>\n");

  return g_string_free (xml, FALSE);
}

static char *
make_atom (GRand      *rand,
           const char *host,
           guint       feed,
           guint       n_items,
           gint64      now)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
  g_autofree char *updated = format_date (now, RFC3339);

  g_string_append_printf (xml, "<title>Bench journal %u</title><id>tag:%s,2026:feed</id>"
                               "<link href=\"http://%s/\"/><updated>%s</updated>\n",
                          feed, host, host, updated);

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *date = format_date (now - (gint64) i * 3600 - g_rand_int_range (rand, 0, 3600), RFC3339);

      g_string_append (xml, "<entry><title>");
      append_words (xml, rand, g_rand_int_range (rand, 5, 12));
      g_string_append_printf (xml, "</title><id>tag:%s,2026:%u</id><link href=\"http://%s/post/%u/%u\"/>"
                                   "<published>%s</published><updated>%s</updated>"
                                   "<author><name>Writer %u</name></author>",
                              host, i, host, feed, i, date, date, g_rand_int_range (rand, 1, 40));
      for (guint c = g_rand_int_range (rand, 1, 4); c > 0; c--)
        g_string_append_printf (xml, "<category term=\"%s\"/>",
                                categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))]);
      g_string_append (xml, "<summary>");
      append_words (xml, rand, g_rand_int_range (rand, 20, 45));
      g_string_append (xml, "</summary>");
      if (has_bodies (feed))
        {
          g_string_append (xml, "<content type=\"html\"><![CDATA[");
          append_body (xml, rand, host, feed, i);
          g_string_append (xml, "]]></content>");
        }
      g_string_append (xml, "</entry>\n");
    }

  g_string_append (xml, "</feed>\n");

  return g_string_free (xml, FALSE);
}

static char *
host_for (guint feed)
{
  return g_strdup_printf ("127.0.0.%u", 1 + feed % N_HOSTS);
}

/* Every fourth feed is Atom; the rest RSS 2.0. */
static void
make_feeds (Bench *bench)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  bench->feeds = g_hash_table_new (g_str_hash, g_str_equal);
  bench->urls = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < N_FEEDS; f++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (f + 1);
      g_autofree char *host = host_for (f);
      g_autofree char *hostport = g_strdup_printf ("%s:%u", host, bench->port);
      gboolean atom = f % 4 == 3;
      guint n_items = g_rand_int_range (rand, 20, 51);
      Feed *feed = g_new0 (Feed, 1);
      char *path = g_strdup_printf ("/feeds/%u.%s", f, atom ? "atom" : "rss");

      feed->body = atom ? make_atom (rand, hostport, f, n_items, now) : make_rss (rand, hostport, f, n_items, now);
      feed->len = strlen (feed->body);
      feed->etag = g_strdup_printf ("\"v1-%u-%" G_GSIZE_FORMAT "\"", f, feed->len);
      feed->last_modified = format_date (now - 600 - f, RFC822);
      feed->content_type = atom ? "application/atom+xml" : "application/rss+xml";

      bench->total_bytes += feed->len;
      bench->total_items += n_items;
      g_hash_table_insert (bench->feeds, path, feed);
      g_ptr_array_add (bench->urls, g_strdup_printf ("http://%s%s", hostport, path));
    }
}

/* The server ---------------------------------------------------------------- */

static void
respond (Bench             *bench,
         SoupServerMessage *msg,
         const char        *path)
{
  Feed *feed = g_hash_table_lookup (bench->feeds, path);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *if_none_match, *if_modified_since;

  if (feed == NULL)
    {
      g_atomic_int_inc (&bench->other);
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  soup_message_headers_replace (response, "ETag", feed->etag);
  soup_message_headers_replace (response, "Last-Modified", feed->last_modified);

  /* RFC 9110: If-None-Match wins; If-Modified-Since only without it. */
  if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  if_modified_since = soup_message_headers_get_one (request, "If-Modified-Since");
  if (if_none_match != NULL ? g_str_equal (if_none_match, feed->etag)
                            : if_modified_since != NULL && g_str_equal (if_modified_since, feed->last_modified))
    {
      g_atomic_int_inc (&bench->not_modified);
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }

  g_atomic_int_inc (&bench->full);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, feed->content_type, SOUP_MEMORY_STATIC, feed->body, feed->len);
}

typedef struct
{
  Bench             *bench;
  SoupServerMessage *msg;
  char              *path;
} Delayed;

static gboolean
respond_later_cb (gpointer data)
{
  Delayed *delayed = data;

  respond (delayed->bench, delayed->msg, delayed->path);
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Bench *bench = user_data;
  Delayed *delayed;
  g_autoptr(GSource) source = NULL;

  g_atomic_int_inc (&bench->requests);

  if (bench->latency_ms == 0)
    {
      respond (bench, msg, path);
      return;
    }

  /* A round trip to a distant server, without holding up the others. */
  delayed = g_new0 (Delayed, 1);
  delayed->bench = bench;
  delayed->msg = g_object_ref (msg);
  delayed->path = g_strdup (path);
  soup_server_message_pause (msg);
  source = g_timeout_source_new (bench->latency_ms);
  g_source_set_callback (source, respond_later_cb, delayed, NULL);
  g_source_attach (source, bench->context);
}

static gboolean
listen_on (SoupServer  *server,
           guint        host,
           guint        port,
           GError     **error)
{
  g_autofree char *address = g_strdup_printf ("127.0.0.%u", host);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, port);

  /* Loopback only, always. */
  g_assert (g_inet_address_get_is_loopback (inet));

  return soup_server_listen (server, socket_address, 0, error);
}

/* One server on one port of 127.0.0.1 to 127.0.0.N_HOSTS. The port comes
 * from the first address; should another address have it taken, start
 * again on a fresh one. */
static void
start_server (Bench *bench)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr(GError) error = NULL;
      GSList *uris;

      bench->server = soup_server_new ("server-header", "bench-refresh", NULL);
      soup_server_add_handler (bench->server, NULL, handle_cb, bench, NULL);

      if (!listen_on (bench->server, 1, 0, &error))
        g_error ("Cannot listen on 127.0.0.1: %s", error->message);

      uris = soup_server_get_uris (bench->server);
      bench->port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

      for (guint host = 2; host <= N_HOSTS && error == NULL; host++)
        listen_on (bench->server, host, bench->port, &error);

      if (error == NULL)
        return;

      g_printerr ("bench-refresh: port %u: %s; trying another\n", bench->port, error->message);
      soup_server_disconnect (bench->server);
      g_clear_object (&bench->server);
    }

  g_error ("Cannot find a port free on all %u loopback addresses", N_HOSTS);
}

static gpointer
server_thread (gpointer data)
{
  Bench *bench = data;

  g_main_context_push_thread_default (bench->context);
  g_main_loop_run (bench->loop);
  g_main_context_pop_thread_default (bench->context);

  return NULL;
}

/* The server runs on its own thread, so that this one can block on the
 * programs it times. */
static void
run_server (Bench *bench)
{
  bench->context = g_main_context_new ();
  bench->loop = g_main_loop_new (bench->context, FALSE);

  g_main_context_push_thread_default (bench->context);
  start_server (bench);
  g_main_context_pop_thread_default (bench->context);

  bench->thread = g_thread_new ("bench-server", server_thread, bench);
}

/* Passes ---------------------------------------------------------------------- */

static void
reset_counts (Bench *bench)
{
  g_atomic_int_set (&bench->requests, 0);
  g_atomic_int_set (&bench->full, 0);
  g_atomic_int_set (&bench->not_modified, 0);
  g_atomic_int_set (&bench->other, 0);
}

static void
take_counts (Bench *bench,
             Pass  *pass)
{
  pass->requests = g_atomic_int_get (&bench->requests);
  pass->full = g_atomic_int_get (&bench->full);
  pass->not_modified = g_atomic_int_get (&bench->not_modified);
  pass->other = g_atomic_int_get (&bench->other);
}

static GSubprocessLauncher *
make_launcher (GSubprocessFlags  flags,
               const char       *cwd)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  const char * const proxies[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };

  /* Nothing between the programs and loopback. */
  for (guint i = 0; i < G_N_ELEMENTS (proxies); i++)
    g_subprocess_launcher_unsetenv (launcher, proxies[i]);
  g_subprocess_launcher_setenv (launcher, "no_proxy", "*", TRUE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  return launcher;
}

/* Runs one program to the end; its output, when asked for, is read as it
 * comes (the time includes it). */
static gboolean
run_program (GSubprocessLauncher  *launcher,
             const char * const   *argv,
             char                **output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error))
    {
      g_printerr ("bench-refresh: %s: %s\n", argv[0], error->message);
      return FALSE;
    }

  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    {
      g_printerr ("bench-refresh: %s %s failed (status %d): %s\n", argv[0], argv[1],
                  g_subprocess_get_status (child), err != NULL ? err : "");
      return FALSE;
    }

  if (output != NULL)
    *output = g_steal_pointer (&out);

  return TRUE;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("%s", error->message);
}

static char *
make_opml (Bench *bench)
{
  GString *opml = g_string_new ("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Bench</title></head><body>\n");

  for (guint i = 0; i < bench->urls->len; i++)
    g_string_append_printf (opml, "<outline type=\"rss\" text=\"Feed %u\" xmlUrl=\"%s\"/>\n",
                            i, (const char *) g_ptr_array_index (bench->urls, i));
  g_string_append (opml, "</body></opml>\n");

  return g_string_free (opml, FALSE);
}

/* Counts `refresh --json` statuses; the pass is valid only when every
 * source came back @expected. */
static gboolean
check_refresh_output (const char *json,
                      const char *expected)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint matching = 0;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_printerr ("bench-refresh: refresh --json printed something else than an array\n");
      return FALSE;
    }

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *status = json_object_get_string_member_with_default (object, "status", "?");

      if (g_str_equal (status, expected))
        matching++;
      else
        g_printerr ("bench-refresh: source %s: %s %s\n",
                    json_object_get_string_member_with_default (object, "url", "?"), status,
                    json_object_get_string_member_with_default (object, "error", ""));
    }

  return matching == N_FEEDS && json_array_get_length (array) == N_FEEDS;
}

/* One `briefingctl refresh --json`, timed, every source expected to end
 * with @status. */
static void
timed_refresh (Bench               *bench,
               GSubprocessLauncher *launcher,
               const char          *ctl,
               const char          *status,
               Pass                *pass)
{
  const char * const refresh_argv[] = { ctl, "refresh", "--json", NULL };
  g_autofree char *out = NULL;
  gint64 start;

  reset_counts (bench);
  start = g_get_monotonic_time ();
  pass->ok = run_program (launcher, refresh_argv, &out);
  pass->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  take_counts (bench, pass);
  pass->ok = pass->ok && check_refresh_output (out, status);
}

/* A launcher over a new store named @store_name in @dir, subscribed to
 * every feed; %NULL when the import failed. */
static GSubprocessLauncher *
subscribed (Bench      *bench,
            const char *ctl,
            const char *dir,
            const char *store_name)
{
  g_autofree char *store = g_build_filename (dir, store_name, NULL);
  g_autofree char *opml_path = g_build_filename (dir, "feeds.opml", NULL);
  g_autofree char *opml = make_opml (bench);
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                           G_SUBPROCESS_FLAGS_STDERR_PIPE, dir);
  const char * const import_argv[] = { ctl, "import-opml", opml_path, NULL };

  write_file (opml_path, opml);
  g_subprocess_launcher_setenv (launcher, "BRIEFING_STORE", store, TRUE);
  if (!run_program (launcher, import_argv, NULL))
    return NULL;

  return g_steal_pointer (&launcher);
}

static void
briefing_passes (Bench      *bench,
                 const char *ctl,
                 const char *dir,
                 Pass       *cold,
                 Pass       *warm)
{
  g_autoptr(GSubprocessLauncher) launcher = subscribed (bench, ctl, dir, "briefing.db");

  if (launcher == NULL)
    return;

  timed_refresh (bench, launcher, ctl, "new", cold);
  timed_refresh (bench, launcher, ctl, "not-modified", warm);
  warm->ok = warm->ok && warm->not_modified == N_FEEDS;
}

/* A cold refresh as above, with topic extraction off: what it costs. */
static void
briefing_cold_without_entities (Bench      *bench,
                                const char *ctl,
                                const char *dir,
                                Pass       *cold)
{
  g_autoptr(GSubprocessLauncher) launcher = subscribed (bench, ctl, dir, "plain.db");

  if (launcher == NULL)
    return;

  g_subprocess_launcher_setenv (launcher, "BRIEFING_BENCH_NO_ENTITIES", "1", TRUE);
  timed_refresh (bench, launcher, ctl, "new", cold);
}

static void
newsboat_passes (Bench      *bench,
                 const char *newsboat,
                 const char *dir,
                 Pass       *cold,
                 Pass       *warm)
{
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *urls_path = g_build_filename (dir, "urls", NULL);
  g_autofree char *config_path = g_build_filename (dir, "config", NULL);
  g_autofree char *cache_path = g_build_filename (dir, "cache.db", NULL);
  g_autofree char *config = g_strdup_printf ("reload-threads %u\n", NEWSBOAT_THREADS);
  g_autoptr(GString) urls = g_string_new (NULL);
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                           G_SUBPROCESS_FLAGS_STDERR_PIPE, dir);
  const char * const argv[] = { newsboat, "-x", "reload", "-u", urls_path, "-c", cache_path,
                                "-C", config_path, NULL };
  Pass *passes[] = { cold, warm };

  g_mkdir_with_parents (home, 0700);
  for (guint i = 0; i < bench->urls->len; i++)
    g_string_append_printf (urls, "%s\n", (const char *) g_ptr_array_index (bench->urls, i));
  write_file (urls_path, urls->str);
  write_file (config_path, config);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      gint64 start;

      reset_counts (bench);
      start = g_get_monotonic_time ();
      passes[i]->ok = run_program (launcher, argv, NULL);
      passes[i]->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      take_counts (bench, passes[i]);
    }

  cold->ok = cold->ok && cold->full == N_FEEDS;
}

/* Six curl processes, each fetching its share of the URLs one after the
 * other on reused connections, the six side by side. */
static void
curl_pass (Bench      *bench,
           const char *curl,
           Pass       *pass)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (G_SUBPROCESS_FLAGS_NONE, NULL);
  GSubprocess *children[N_CURLS];
  gint64 start;

  pass->ok = TRUE;
  reset_counts (bench);
  start = g_get_monotonic_time ();

  for (guint c = 0; c < N_CURLS; c++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) argv = NULL;
      g_autoptr(GError) error = NULL;

      g_strv_builder_add_many (builder, curl, "-s", "-f", "--noproxy", "*", NULL);
      for (guint i = c; i < bench->urls->len; i += N_CURLS)
        g_strv_builder_add_many (builder, "-o", "/dev/null", g_ptr_array_index (bench->urls, i), NULL);
      argv = g_strv_builder_end (builder);

      children[c] = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
      if (children[c] == NULL)
        g_error ("curl: %s", error->message);
    }

  for (guint c = 0; c < N_CURLS; c++)
    {
      g_subprocess_wait (children[c], NULL, NULL);
      pass->ok = pass->ok && g_subprocess_get_successful (children[c]);
      g_object_unref (children[c]);
    }

  pass->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  take_counts (bench, pass);
  pass->ok = pass->ok && pass->full == N_FEEDS;
}

/* Reporting ------------------------------------------------------------------ */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_seconds (GArray *passes)
{
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < passes->len; i++)
    g_array_append_val (seconds, g_array_index (passes, Pass, i).seconds);
  g_array_sort (seconds, compare_doubles);

  return seconds->len == 0 ? 0 : g_array_index (seconds, double, seconds->len / 2);
}

static gboolean
all_ok (GArray *passes)
{
  for (guint i = 0; i < passes->len; i++)
    {
      if (!g_array_index (passes, Pass, i).ok)
        return FALSE;
    }

  return passes->len > 0;
}

static void
print_row (const char *what,
           GArray     *passes)
{
  g_autoptr(GString) runs = g_string_new (NULL);
  Pass *last;

  if (passes->len == 0)
    {
      g_print ("  %-48s %8s\n", what, "skipped");
      return;
    }

  for (guint i = 0; i < passes->len; i++)
    g_string_append_printf (runs, "%s%.2f", i > 0 ? " " : "", g_array_index (passes, Pass, i).seconds);
  last = &g_array_index (passes, Pass, passes->len - 1);

  g_print ("  %-48s %8.3f   %4d %4d %4d   %s%s\n", what, median_seconds (passes),
           last->full, last->not_modified, last->other, runs->str, all_ok (passes) ? "" : "  INVALID");
}

static void
print_ratio (const char *what,
             double      ratio,
             const char *target,
             gboolean    met)
{
  g_print ("  %-48s %8.3f   target %-8s %s\n", what, ratio, target, met ? "met" : "MISSED");
}

/* Other work on the machine skews a run; say how busy it was. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");

  return g_strndup (text, strcspn (text, " "));
}

/* Ratios run by run: the programs of one run shared the same conditions. */
static void
print_run_ratios (GArray *cold,
                  GArray *warm,
                  GArray *nb_cold,
                  GArray *curls)
{
  for (guint i = 0; i < cold->len; i++)
    {
      double seconds = g_array_index (cold, Pass, i).seconds;
      g_autofree char *newsboat = g_strdup ("-");
      g_autofree char *curl = g_strdup ("-");

      if (i < nb_cold->len)
        {
          g_free (newsboat);
          newsboat = g_strdup_printf ("%.3f", seconds / g_array_index (nb_cold, Pass, i).seconds);
        }
      if (i < curls->len)
        {
          g_free (curl);
          curl = g_strdup_printf ("%.1f", seconds / g_array_index (curls, Pass, i).seconds);
        }

      g_print ("  run %u: cold / newsboat %s, cold / curl %s, 304 / cold %.3f\n", i + 1, newsboat, curl,
               g_array_index (warm, Pass, i).seconds / seconds);
    }
}

static guint
uint_from_env (const char *name,
               guint       min,
               guint       max,
               guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return value;

  return fallback;
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0, };
  const char *ctl = g_getenv ("BRIEFINGCTL");
  g_autofree char *newsboat = g_find_program_in_path ("newsboat");
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *tmp = NULL;
  g_autoptr(GError) error = NULL;
  GArray *cold = g_array_new (FALSE, TRUE, sizeof (Pass));
  GArray *warm = g_array_new (FALSE, TRUE, sizeof (Pass));
  GArray *plain = g_array_new (FALSE, TRUE, sizeof (Pass));
  GArray *nb_cold = g_array_new (FALSE, TRUE, sizeof (Pass));
  GArray *nb_warm = g_array_new (FALSE, TRUE, sizeof (Pass));
  GArray *curls = g_array_new (FALSE, TRUE, sizeof (Pass));
  guint repeats = uint_from_env ("BENCH_REPEATS", 1, 20, DEFAULT_REPEATS);
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  double t_cold, t_warm, t_newsboat, t_curl;
  gboolean valid;

  if (ctl == NULL || !g_file_test (ctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-refresh: set BRIEFINGCTL to the built briefingctl\n");
      return EXIT_FAILURE;
    }

  tmp = g_dir_make_tmp ("bench-refresh-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);

  bench.latency_ms = uint_from_env ("BENCH_LATENCY_MS", 0, 10000, 0);
  run_server (&bench);
  make_feeds (&bench);

  load_before = load_average ();
  g_print ("bench-refresh: %u feeds (%u items, %.1f MB; half with whole articles; every 4th Atom, the rest RSS 2.0)\n"
           "  on %u loopback hosts 127.0.0.1-%u port %u, %u ms added per response; median of %u runs\n",
           N_FEEDS, bench.total_items, bench.total_bytes / 1e6, N_HOSTS, N_HOSTS, bench.port,
           bench.latency_ms, repeats);

  for (guint r = 0; r < repeats; r++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/run-%u", tmp, r);
      g_autofree char *nb_dir = g_strdup_printf ("%s/newsboat", dir);
      Pass pass_cold = { 0, }, pass_warm = { 0, }, pass_plain = { 0, };
      Pass pass_nb_cold = { 0, }, pass_nb_warm = { 0, }, pass_curl = { 0, };

      g_mkdir_with_parents (nb_dir, 0700);

      briefing_passes (&bench, ctl, dir, &pass_cold, &pass_warm);
      g_array_append_val (cold, pass_cold);
      g_array_append_val (warm, pass_warm);

      briefing_cold_without_entities (&bench, ctl, dir, &pass_plain);
      g_array_append_val (plain, pass_plain);

      if (newsboat != NULL)
        {
          newsboat_passes (&bench, newsboat, nb_dir, &pass_nb_cold, &pass_nb_warm);
          g_array_append_val (nb_cold, pass_nb_cold);
          g_array_append_val (nb_warm, pass_nb_warm);
        }

      if (curl != NULL)
        {
          curl_pass (&bench, curl, &pass_curl);
          g_array_append_val (curls, pass_curl);
        }
    }

  g_print ("\n  %-48s %8s   %4s %4s %4s   %s\n", "pass", "seconds", "200", "304", "err", "each run");
  print_row ("briefingctl refresh, cold (new store)", cold);
  print_row ("briefingctl refresh, again (all 304)", warm);
  print_row ("briefingctl refresh, cold, no topic extraction", plain);
  {
    g_autofree char *label = g_strdup_printf ("newsboat -x reload, cold (reload-threads %u)", NEWSBOAT_THREADS);

    print_row (label, nb_cold);
  }
  print_row ("newsboat -x reload, again (no conditional GET)", nb_warm);
  print_row ("curl x6 processes, 1 URL at a time each", curls);

  t_cold = median_seconds (cold);
  t_warm = median_seconds (warm);
  t_newsboat = median_seconds (nb_cold);
  t_curl = median_seconds (curls);

  g_print ("\n  %-48s %8s\n", "ratio", "value");
  if (t_newsboat > 0)
    print_ratio ("briefing cold / newsboat cold", t_cold / t_newsboat, "<= 0.25", t_cold / t_newsboat <= 0.25);
  if (t_curl > 0)
    print_ratio ("briefing cold / curl x6 (network floor)", t_cold / t_curl, "<= 3", t_cold / t_curl <= 3);
  if (t_cold > 0)
    print_ratio ("briefing all-304 / briefing cold", t_warm / t_cold, "< 0.10", t_warm / t_cold < 0.10);
  if (median_seconds (plain) > 0)
    print_ratio ("cold / cold without topic extraction", t_cold / median_seconds (plain), "<= 1.15",
                 t_cold / median_seconds (plain) <= 1.15);

  load_after = load_average ();
  g_print ("\n");
  print_run_ratios (cold, warm, nb_cold, curls);
  g_print ("  load average %s before, %s after (the machine's other work skews the numbers)\n",
           load_before, load_after);

  valid = all_ok (cold) && all_ok (warm) && all_ok (plain) &&
          (newsboat == NULL || all_ok (nb_cold)) && (curl == NULL || all_ok (curls));

  g_main_loop_quit (bench.loop);
  g_thread_join (bench.thread);

  if (g_getenv ("BENCH_KEEP") == NULL)
    {
      g_autofree char *quoted = g_shell_quote (tmp);
      g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }

  if (!valid)
    g_printerr ("bench-refresh: some run was invalid (see above); its numbers mean nothing\n");

  return valid ? EXIT_SUCCESS : EXIT_FAILURE;
}
