/* briefingctl.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefingctl"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing-discovery.h"
#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-fetcher.h"
#include "briefing-json.h"
#include "briefing-opml.h"
#include "briefing-refresh.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-sync.h"
#include "briefing-sync-http.h"
#include "briefing-topic.h"
#include "briefing-url.h"
#include "briefing-utils.h"

/* briefingctl: the command line over the same core the app uses, for
 * scripting, tests and benchmarks. Every command exits 0 on success, or
 * non-zero with one line on stderr. The contract is in DESIGN.md. */

typedef int (*CommandFunc) (int argc, char **argv);

static gboolean opt_json;

/* Output ------------------------------------------------------------------- */

static void
print_json (JsonBuilder *builder)
{
  g_autofree char *text = briefing_json_to_string (builder, TRUE);

  g_print ("%s\n", text);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* The store's view of an entry, as `list --json` prints it. */
static void
add_entry_summary (JsonBuilder   *builder,
                   BriefingEntry *entry)
{
  briefing_json_add_int (builder, "id", briefing_entry_get_id (entry));
  briefing_json_add_string (builder, "guid", briefing_entry_get_guid (entry));
  briefing_json_add_string (builder, "source", briefing_entry_get_source_title (entry));
  briefing_json_add_int (builder, "source_id", briefing_entry_get_source_id (entry));
  briefing_json_add_string (builder, "title", briefing_entry_get_title (entry));
  briefing_json_add_string (builder, "link", briefing_entry_get_link (entry));
  briefing_json_add_time (builder, "published", briefing_entry_get_published (entry));
  add_bool (builder, "read", briefing_entry_get_read (entry));
  add_bool (builder, "starred", briefing_entry_get_starred (entry));
}

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message held. */
  g_strdelimit (message, "\n\r", ' ');
  g_printerr ("briefingctl: %s\n", message);

  return EXIT_FAILURE;
}

static gboolean
parse_options (GOptionEntry   *entries,
               const char     *parameter,
               const char     *summary,
               int            *argc,
               char         ***argv,
               GError        **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);

  return g_option_context_parse (context, argc, argv, error);
}

static BriefingStore *
open_store (GError **error)
{
  const char *path = g_getenv ("BRIEFING_STORE");

  return briefing_store_open (path != NULL && *path != '\0' ? path : NULL, error);
}

static BriefingSession *
open_session (GError **error)
{
  g_autoptr(BriefingStore) store = open_store (error);

  if (store == NULL)
    return NULL;

  return briefing_session_new (store);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;

  return TRUE;
}

/* parse -------------------------------------------------------------------- */

typedef struct
{
  GMainLoop           *loop;
  GAsyncResult        *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the main loop until the async call started with wait_cb finishes;
 * the CLI is a script's tool, so it may block. */
static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);

  return wait->result;
}

static GBytes *
load_document (const char  *location,
               char       **document_url,
               char       **content_type,
               GError     **error)
{
  if (briefing_url_is_web (location))
    {
      g_autoptr(BriefingFetcher) fetcher = briefing_fetcher_new ();
      g_autoptr(BriefingFetchResult) fetched = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

      briefing_fetcher_fetch_async (fetcher, location, NULL, NULL, NULL, wait_cb, &wait);
      result = wait_for (&wait);

      fetched = briefing_fetcher_fetch_finish (fetcher, result, NULL, error);
      if (fetched == NULL)
        return NULL;

      *document_url = g_strdup (fetched->content_location != NULL ? fetched->content_location : fetched->url);
      *content_type = g_strdup (fetched->content_type);
      return g_bytes_ref (fetched->body);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (location);

      *document_url = g_file_get_uri (file);
      return briefing_file_load_bounded (file, BRIEFING_FEED_MAX_SIZE, NULL, error);
    }
}

static void
print_feed_json (BriefingFeed *feed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  briefing_json_add_feed (builder, feed);
  print_json (builder);
}

static void
print_feed_text (BriefingFeed *feed)
{
  GPtrArray *entries = briefing_feed_get_entries (feed);
  GPtrArray *warnings = briefing_feed_get_warnings (feed);

  g_print ("%s (%s): %u entries\n",
           briefing_feed_get_title (feed) ? briefing_feed_get_title (feed) : "(untitled)",
           briefing_feed_get_format (feed), entries->len);

  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = briefing_format_rfc3339 (briefing_entry_get_published (entry));

      g_print ("  %s  %s\n", when ? when : "(undated)             ",
               briefing_entry_get_title (entry) ? briefing_entry_get_title (entry) : "(untitled)");
    }

  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
}

static int
command_parse (int    argc,
               char **argv)
{
  g_autofree char *base_url = NULL;
  GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, "Resolve relative URLs against URL", "URL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autofree char *document_url = NULL;
  g_autofree char *content_type = NULL;

  if (!parse_options (entries, "FILE|URL", "Parse one document and print what it holds; nothing is stored.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2)
    return fail ("parse needs exactly one FILE or URL");

  bytes = load_document (argv[1], &document_url, &content_type, &error);
  if (bytes == NULL)
    return fail ("%s: %s", argv[1], error->message);

  feed = briefing_feed_parse (bytes, base_url != NULL ? base_url : document_url, content_type, &error);
  if (feed == NULL)
    return fail ("%s: %s", argv[1], error->message);

  if (opt_json)
    print_feed_json (feed);
  else
    print_feed_text (feed);

  return EXIT_SUCCESS;
}

/* list / search ------------------------------------------------------------- */

static int
print_entries (GPtrArray *entries)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          json_builder_begin_object (builder);
          add_entry_summary (builder, g_ptr_array_index (entries, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = briefing_format_rfc3339 (briefing_entry_get_published (entry));

      g_print ("%6" G_GINT64_FORMAT " %c%c %s  %-20.20s  %s\n",
               briefing_entry_get_id (entry),
               briefing_entry_get_read (entry) ? ' ' : '*',
               briefing_entry_get_starred (entry) ? 'S' : ' ',
               when ? when : "                    ",
               briefing_entry_get_source_title (entry),
               briefing_entry_get_title (entry));
    }

  return EXIT_SUCCESS;
}

static int
command_list (int    argc,
              char **argv)
{
  gboolean unread = FALSE;
  gboolean starred = FALSE;
  g_autofree char *source = NULL;
  g_autofree char *topic = NULL;
  int limit = 0;
  GOptionEntry entries[] = {
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, "Only unread briefings", NULL },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, "Only starred briefings", NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, "Only briefings from source ID", "ID" },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic, "Only briefings about topic NAME", "NAME" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N briefings", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  BriefingQuery query = { 0, };

  if (!parse_options (entries, NULL, "List stored briefings, newest first.", &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 1)
    return fail ("list takes no arguments besides options");

  if (limit < 0)
    return fail ("--limit must not be negative");

  if (source != NULL && !parse_id (source, &query.source_id))
    return fail ("not a source id: %s", source);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  query.unread_only = unread;
  query.starred_only = starred;
  query.topic = topic;
  query.limit = (guint) limit;

  found = briefing_store_list_entries (store, &query, &error);
  if (found == NULL)
    return fail ("%s", error->message);

  return print_entries (found);
}

static int
command_search (int    argc,
                char **argv)
{
  int limit = 0;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N briefings", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  BriefingQuery query = { 0, };

  if (!parse_options (entries, "QUERY", "Search stored briefings.", &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc < 2)
    return fail ("search needs a QUERY");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  text = g_strjoinv (" ", argv + 1);
  query.search = text;
  query.limit = (guint) MAX (limit, 0);

  found = briefing_store_list_entries (store, &query, &error);
  if (found == NULL)
    return fail ("%s", error->message);

  return print_entries (found);
}

/* show / mark / related ------------------------------------------------------ */

static int
command_show (int    argc,
              char **argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autofree char *byline = NULL;
  gint64 id;

  if (!parse_options (entries, "ENTRY_ID", "Show one stored briefing.", &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2 || !parse_id (argv[1], &id))
    return fail ("show needs one ENTRY_ID");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  entry = briefing_store_get_entry (store, id, &error);
  if (entry == NULL)
    return fail ("%s", error->message);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_entry_summary (builder, entry);
      briefing_json_add_entry (builder, entry);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  byline = briefing_entry_dup_byline (entry);
  g_print ("%s\n%s%s%s\n%s\n", briefing_entry_get_title (entry), briefing_entry_get_source_title (entry),
           byline ? " · " : "", byline ? byline : "",
           briefing_entry_get_link (entry) ? briefing_entry_get_link (entry) : "");

  return EXIT_SUCCESS;
}

static int
command_mark (int    argc,
              char **argv)
{
  gboolean read = FALSE, unread = FALSE, star = FALSE, unstar = FALSE;
  GOptionEntry entries[] = {
    { "read", 0, 0, G_OPTION_ARG_NONE, &read, "Mark read", NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, "Mark unread", NULL },
    { "star", 0, 0, G_OPTION_ARG_NONE, &star, "Star", NULL },
    { "unstar", 0, 0, G_OPTION_ARG_NONE, &unstar, "Remove the star", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  gboolean ok;
  gint64 id;

  if (!parse_options (entries, "ENTRY_ID", "Change a briefing's read or starred state.", &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2 || !parse_id (argv[1], &id))
    return fail ("mark needs one ENTRY_ID");

  if (read + unread + star + unstar != 1)
    return fail ("mark needs exactly one of --read, --unread, --star, --unstar");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (read || unread)
    ok = briefing_store_set_read (store, id, read, &error);
  else
    ok = briefing_store_set_starred (store, id, star, &error);

  if (!ok)
    return fail ("%s", error->message);

  return EXIT_SUCCESS;
}

/* Topics for stored entries from an older build, and stories for new
 * ones: the app does this in the background; the command line does it
 * before it answers, so that what it prints is complete. */
static gboolean
catch_up (BriefingStore  *store,
          GError        **error)
{
  guint done;

  do
    {
      if (!briefing_store_group_stories (store, 200, &done, error))
        return FALSE;
    }
  while (done > 0);

  return TRUE;
}

static void
add_entry_briefs (JsonBuilder *builder,
                  GPtrArray   *entries)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", briefing_entry_get_id (entry));
      briefing_json_add_string (builder, "title", briefing_entry_get_title (entry));
      briefing_json_add_string (builder, "source", briefing_entry_get_source_title (entry));
      briefing_json_add_time (builder, "published", briefing_entry_get_published (entry));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static int
command_stories (int    argc,
                 char **argv)
{
  int limit = 0;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N stories", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!parse_options (entries, NULL, "List stories: the same event from several sources, newest first.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);
  if (argc != 1 || limit < 0)
    return fail ("stories takes no arguments besides its options");

  store = open_store (&error);
  if (store == NULL || !catch_up (store, &error))
    return fail ("%s", error->message);

  stories = briefing_store_list_stories (store, limit, &error);
  if (stories == NULL)
    return fail ("%s", error->message);

  if (!opt_json)
    {
      for (guint i = 0; i < stories->len; i++)
        {
          BriefingStory *story = g_ptr_array_index (stories, i);

          g_print ("story %" G_GINT64_FORMAT "  %s\n", story->id, story->title);
          for (guint j = 0; j < story->entries->len; j++)
            {
              BriefingEntry *entry = g_ptr_array_index (story->entries, j);

              g_print ("  %6" G_GINT64_FORMAT " %-20s %s\n", briefing_entry_get_id (entry),
                       briefing_entry_get_source_title (entry), briefing_entry_get_title (entry));
            }
        }
      return EXIT_SUCCESS;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < stories->len; i++)
    {
      BriefingStory *story = g_ptr_array_index (stories, i);

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", story->id);
      briefing_json_add_string (builder, "title", story->title);
      json_builder_set_member_name (builder, "entries");
      add_entry_briefs (builder, story->entries);
      briefing_json_add_topic_list (builder, story->topics);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  print_json (builder);

  return EXIT_SUCCESS;
}

static int
command_related (int    argc,
                 char **argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *topics;
  gint64 story;
  gint64 id;

  if (!parse_options (entries, "ENTRY_ID", "Show a briefing's topics, its story's coverage and related briefings.", &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2 || !parse_id (argv[1], &id))
    return fail ("related needs one ENTRY_ID");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (!catch_up (store, &error))
    return fail ("%s", error->message);

  entry = briefing_store_get_entry (store, id, &error);
  if (entry == NULL)
    return fail ("%s", error->message);

  related = briefing_store_list_related (store, id, 20, &error);
  if (related == NULL)
    return fail ("%s", error->message);

  coverage = briefing_store_list_coverage (store, id, &error);
  if (coverage == NULL)
    return fail ("%s", error->message);
  story = briefing_store_get_story (store, id);

  topics = briefing_entry_get_topics (entry);
  if (!opt_json)
    {
      for (guint i = 0; i < topics->len; i++)
        {
          BriefingTopic *topic = g_ptr_array_index (topics, i);

          g_print ("topic   %-12s %s\n", briefing_topic_kind_to_string (briefing_topic_get_kind (topic)),
                   briefing_topic_get_name (topic));
        }
      for (guint i = 0; i < coverage->len; i++)
        {
          BriefingEntry *other = g_ptr_array_index (coverage, i);

          g_print ("story   %6" G_GINT64_FORMAT " %-20s %s\n", briefing_entry_get_id (other),
                   briefing_entry_get_source_title (other), briefing_entry_get_title (other));
        }
      for (guint i = 0; i < related->len; i++)
        {
          BriefingEntry *other = g_ptr_array_index (related, i);

          g_print ("related %6" G_GINT64_FORMAT " %.3f  %s\n", briefing_entry_get_id (other),
                   briefing_entry_get_score (other), briefing_entry_get_title (other));
        }
      return EXIT_SUCCESS;
    }

  json_builder_begin_object (builder);
  briefing_json_add_topics (builder, entry);
  json_builder_set_member_name (builder, "story");
  if (story > 0)
    json_builder_add_int_value (builder, story);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "coverage");
  add_entry_briefs (builder, coverage);
  json_builder_set_member_name (builder, "related");
  json_builder_begin_array (builder);
  for (guint i = 0; i < related->len; i++)
    {
      BriefingEntry *other = g_ptr_array_index (related, i);

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", briefing_entry_get_id (other));
      briefing_json_add_string (builder, "title", briefing_entry_get_title (other));
      briefing_json_add_string (builder, "source", briefing_entry_get_source_title (other));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, briefing_entry_get_score (other));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);

  return EXIT_SUCCESS;
}

/* sources ------------------------------------------------------------------- */

static int
command_sources (int    argc,
                 char **argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!parse_options (entries, NULL, "List sources with their last status.", &argc, &argv, &error))
    return fail ("%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  sources = briefing_store_list_sources (store, &error);
  if (sources == NULL)
    return fail ("%s", error->message);

  if (!opt_json)
    {
      for (guint i = 0; i < sources->len; i++)
        {
          BriefingSource *source = g_ptr_array_index (sources, i);

          g_print ("%4" G_GINT64_FORMAT "  %-30.30s  %4u unread  %s\n", briefing_source_get_id (source),
                   briefing_source_get_title (source), briefing_source_get_unread_count (source),
                   briefing_source_get_last_error (source) ? briefing_source_get_last_error (source)
                                                           : briefing_source_get_url (source));
        }
      return EXIT_SUCCESS;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (sources, i);

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", briefing_source_get_id (source));
      briefing_json_add_string (builder, "url", briefing_source_get_url (source));
      briefing_json_add_string (builder, "title", briefing_source_get_title (source));
      briefing_json_add_string (builder, "site_url", briefing_source_get_site_url (source));
      briefing_json_add_string (builder, "group", briefing_source_get_group (source));
      briefing_json_add_int (builder, "entries", briefing_source_get_entry_count (source));
      briefing_json_add_int (builder, "unread", briefing_source_get_unread_count (source));
      briefing_json_add_time (builder, "last_success", briefing_source_get_last_success (source));
      briefing_json_add_time (builder, "next_attempt", briefing_source_get_next_attempt (source));
      briefing_json_add_string (builder, "last_status", briefing_source_get_last_status (source));
      briefing_json_add_string (builder, "last_error", briefing_source_get_last_error (source));
      briefing_json_add_string (builder, "disabled", briefing_source_get_disabled_reason (source));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  print_json (builder);

  return EXIT_SUCCESS;
}

static int
command_remove (int    argc,
                char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingSource) source = NULL;
  gint64 id;

  if (!parse_options (entries, "SOURCE_ID", "Unsubscribe from a source and drop its briefings.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2 || !parse_id (argv[1], &id))
    return fail ("remove needs one SOURCE_ID");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  source = briefing_store_get_source (store, id, &error);
  if (source == NULL)
    return fail ("%s", error->message);

  /* An account's source is unsubscribed on its server, or the next sync
   * would bring it back. */
  if (briefing_source_get_account_id (source) != 0
      ? !briefing_sync_unsubscribe (store, NULL, id, NULL, &error)
      : !briefing_store_remove_source (store, id, &error))
    return fail ("%s", error->message);

  return EXIT_SUCCESS;
}

/* refresh / add / opml ------------------------------------------------------- */

static int
command_refresh (int    argc,
                 char **argv)
{
  g_autofree char *source = NULL;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, "Only source ID", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gint64 source_id = 0;
  guint failed = 0;

  if (!parse_options (entries, NULL, "Fetch new briefings; prints how each source went.", &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 1)
    return fail ("refresh takes no arguments besides options");

  if (source != NULL && !parse_id (source, &source_id))
    return fail ("not a source id: %s", source);

  session = open_session (&error);
  if (session == NULL)
    return fail ("%s", error->message);

  briefing_session_refresh_async (session, source_id, FALSE, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  results = briefing_session_refresh_finish (session, result, &error);
  if (results == NULL)
    return fail ("%s", error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      BriefingRefreshResult *r = g_ptr_array_index (results, i);

      failed += g_str_equal (r->status, "error");

      if (!opt_json)
        {
          g_print ("%4" G_GINT64_FORMAT "  %-12s %3u new %3u updated  %s%s%s\n", r->source_id, r->status,
                   r->added, r->updated, r->title, r->error ? ": " : "", r->error ? r->error : "");
          continue;
        }

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", r->source_id);
      briefing_json_add_string (builder, "title", r->title);
      briefing_json_add_string (builder, "url", r->url);
      briefing_json_add_string (builder, "status", r->status);
      briefing_json_add_int (builder, "new", r->added);
      briefing_json_add_int (builder, "updated", r->updated);
      briefing_json_add_string (builder, "error", r->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (opt_json)
    print_json (builder);

  /* Per-source errors are reported above; the command itself worked. */
  return EXIT_SUCCESS;
}

static void
print_links (GPtrArray *links)
{
  for (guint i = 0; i < links->len; i++)
    {
      BriefingFeedLink *link = g_ptr_array_index (links, i);

      g_print ("%s\t%s\t%s\n", link->url, link->type ? link->type : "", link->title ? link->title : "");
    }
}

static int
command_add (int    argc,
             char **argv)
{
  g_autofree char *group = NULL;
  GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, "File the source under GROUP", "GROUP" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BriefingSource) source = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

  if (!parse_options (entries, "URL", "Subscribe to a feed, or to the feed a web page advertises.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2)
    return fail ("add needs one URL");

  session = open_session (&error);
  if (session == NULL)
    return fail ("%s", error->message);

  briefing_session_subscribe_async (session, argv[1], group, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  source = briefing_session_subscribe_finish (session, result, &error);

  if (source == NULL && g_error_matches (error, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_SEVERAL_FEEDS))
    {
      g_autoptr(GAsyncResult) discovered = NULL;
      g_autoptr(GPtrArray) links = NULL;
      Wait again = { g_main_loop_new (NULL, FALSE), NULL };

      /* List them all, so the reader (or script) can pick one. */
      briefing_session_discover_async (session, argv[1], NULL, wait_cb, &again);
      discovered = wait_for (&again);
      links = briefing_session_discover_finish (session, discovered, NULL);
      if (links != NULL)
        print_links (links);

      return fail ("the page offers %u feeds; add one of them", links != NULL ? links->len : 0);
    }

  if (source == NULL)
    return fail ("%s", error->message);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", briefing_source_get_id (source));
      briefing_json_add_string (builder, "url", briefing_source_get_url (source));
      briefing_json_add_string (builder, "title", briefing_source_get_title (source));
      briefing_json_add_int (builder, "entries", briefing_source_get_entry_count (source));
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\t%s\t%u briefings\n", briefing_source_get_id (source),
             briefing_source_get_title (source), briefing_source_get_entry_count (source));

  return EXIT_SUCCESS;
}

static int
command_import_opml (int    argc,
                     char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  guint added = 0, skipped = 0;

  if (!parse_options (entries, "FILE", "Subscribe to every feed in an OPML file; folders become groups.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 2)
    return fail ("import-opml needs one FILE");

  /* The same cap as the window's import. */
  file = g_file_new_for_commandline_arg (argv[1]);
  contents = briefing_file_load_bounded (file, BRIEFING_OPML_MAX_SIZE, NULL, &error);
  if (contents == NULL)
    return fail ("%s: %s", argv[1], error->message);

  outlines = briefing_opml_parse (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &error);
  if (outlines == NULL)
    return fail ("%s: %s", argv[1], error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  /* Importing only subscribes; the next refresh fetches, so a long list
   * never blocks on the network here. */
  for (guint i = 0; i < outlines->len; i++)
    {
      BriefingOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autoptr(GError) add_error = NULL;

      if (briefing_store_add_source (store, outline->url, outline->title, outline->group, &add_error) != 0)
        added++;
      else if (g_error_matches (add_error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE))
        skipped++;
      else
        return fail ("%s", add_error->message);
    }

  g_print ("%u sources added, %u already subscribed\n", added, skipped);

  return EXIT_SUCCESS;
}

static int
command_export_opml (int    argc,
                     char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *opml = NULL;

  if (!parse_options (entries, NULL, "Write all subscriptions as OPML to standard output.", &argc, &argv, &error))
    return fail ("%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  sources = briefing_store_list_sources (store, &error);
  if (sources == NULL)
    return fail ("%s", error->message);

  opml = briefing_opml_write (sources, "Briefing subscriptions");
  fputs (opml, stdout);

  return EXIT_SUCCESS;
}

/* account ------------------------------------------------------------------- */

/* The password comes on standard input, one line: never on the command
 * line, where other users' `ps` would see it. */
static char *
read_password (void)
{
  char line[4096];

  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  line[strcspn (line, "\r\n")] = '\0';

  return g_strdup (line);
}

static int
account_add (int    argc,
             char **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *trust = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "ttrss (Tiny Tiny RSS) or greader (FreshRSS, Miniflux)", "KIND" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The server's address", "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Your user name there", "USER" },
    { "trust-certificate", 0, 0, G_OPTION_ARG_FILENAME, &trust,
      "Trust this self-signed certificate (PEM) for the server", "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autofree char *password = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *rejected = NULL;
  BriefingAccountLogin login = { 0, };
  gint64 id;

  if (!parse_options (entries, NULL,
                      "Sync with a server account. The password is read from standard input, one line.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc != 1 || kind == NULL || server == NULL || user == NULL)
    return fail ("account add needs --kind, --server and --user");
  if (briefing_sync_kind_name (kind) == NULL)
    return fail ("unknown kind '%s': ttrss or greader", kind);
  if (trust != NULL && !g_file_get_contents (trust, &pem, NULL, &error))
    return fail ("%s", error->message);

  password = read_password ();
  if (password == NULL)
    return fail ("give the password on standard input");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  login.kind = kind;
  login.server = server;
  login.user = user;
  login.password = password;
  login.trusted_certificate = pem;
  id = briefing_sync_add_account (store, &login, &rejected, NULL, &error);
  if (id == 0 && rejected != NULL)
    {
      g_autofree char *fingerprint = briefing_sync_http_fingerprint (rejected);

      /* The certificate on stdout, to be saved, checked and passed back. */
      fputs (rejected, stdout);
      return fail ("%s. Its SHA-256 fingerprint is %s; if that is your server's, save the certificate "
                   "printed above and add the account with --trust-certificate FILE",
                   error->message, fingerprint != NULL ? fingerprint : "?");
    }
  if (id == 0)
    return fail ("%s", error->message);

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s on %s\n", id, briefing_sync_kind_name (kind), user, server);

  return EXIT_SUCCESS;
}

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  if (total > 0)
    g_printerr ("%u of %u briefings\n", done, total);
  else
    g_printerr ("%u briefings\n", done);
}

static int
account_sync (int    argc,
              char **argv)
{
  gboolean progress = FALSE;
  GOptionEntry entries[] = {
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, "Say how far it got after each page, on stderr", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  BriefingSyncResult result = { 0, };

  if (!parse_options (entries, NULL, "Sync with the account's server now.", &argc, &argv, &error))
    return fail ("%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (!briefing_sync_run (store, NULL, progress ? print_progress : NULL, NULL, &result, NULL, &error))
    return fail ("%s", error->message);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "feeds", result.feeds);
      briefing_json_add_int (builder, "items", result.items);
      briefing_json_add_int (builder, "new", result.added);
      briefing_json_add_int (builder, "updated", result.updated);
      briefing_json_add_int (builder, "sent", result.sent);
      briefing_json_add_int (builder, "requests", result.requests);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("%u sources, %u new, %u updated, %u changes sent, %u requests\n",
             result.feeds, result.added, result.updated, result.sent, result.requests);

  return EXIT_SUCCESS;
}

static int
account_show (int    argc,
              char **argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingAccount) account = NULL;

  if (!parse_options (entries, NULL, "Show the sync account and how its last sync went.", &argc, &argv, &error))
    return fail ("%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  account = briefing_store_get_account (store, &error);
  if (account == NULL)
    return fail ("%s", error->message);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      briefing_json_add_int (builder, "id", account->id);
      briefing_json_add_string (builder, "kind", account->kind);
      briefing_json_add_string (builder, "server", account->server);
      briefing_json_add_string (builder, "user", account->user);
      briefing_json_add_time (builder, "last_sync", account->last_sync);
      briefing_json_add_string (builder, "last_error", account->last_error);
      briefing_json_add_int (builder, "queued", briefing_store_count_queued (store, account->id));
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("%s: %s on %s; %u changes waiting%s%s\n", briefing_sync_kind_name (account->kind), account->user,
             account->server, briefing_store_count_queued (store, account->id),
             account->last_error != NULL ? "; last sync failed: " : "",
             account->last_error != NULL ? account->last_error : "");

  return EXIT_SUCCESS;
}

static int
account_remove (int    argc,
                char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingStore) store = NULL;

  if (!parse_options (entries, NULL,
                      "Stop syncing: drops the account's password and its briefings here; the server keeps them.",
                      &argc, &argv, &error))
    return fail ("%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (!briefing_sync_remove_account (store, &error))
    return fail ("%s", error->message);

  return EXIT_SUCCESS;
}

static int
command_account (int    argc,
                 char **argv)
{
  static const struct {
    const char  *name;
    CommandFunc  func;
  } actions[] = {
    { "add", account_add },
    { "sync", account_sync },
    { "show", account_show },
    { "remove", account_remove },
  };

  if (argc < 2)
    return fail ("account needs add, sync, show or remove");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (argv[1], actions[i].name))
      return actions[i].func (argc - 1, argv + 1);

  return fail ("unknown account command '%s': add, sync, show or remove", argv[1]);
}

/* main ----------------------------------------------------------------------- */

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *help;
} commands[] = {
  { "parse", command_parse, "parse FILE|URL [--base-url URL] [--json]" },
  { "add", command_add, "add URL [--group GROUP] [--json]" },
  { "sources", command_sources, "sources [--json]" },
  { "refresh", command_refresh, "refresh [--source ID] [--json]" },
  { "remove", command_remove, "remove SOURCE_ID" },
  { "list", command_list, "list [--unread] [--starred] [--source ID] [--topic NAME] [--limit N] [--json]" },
  { "show", command_show, "show ENTRY_ID [--json]" },
  { "mark", command_mark, "mark ENTRY_ID --read|--unread|--star|--unstar" },
  { "search", command_search, "search QUERY [--json]" },
  { "related", command_related, "related ENTRY_ID [--json]" },
  { "stories", command_stories, "stories [--limit N] [--json]" },
  { "import-opml", command_import_opml, "import-opml FILE" },
  { "export-opml", command_export_opml, "export-opml" },
  { "account", command_account, "account add --kind ttrss|greader --server URL --user USER "
                                "[--trust-certificate FILE] < password\n"
                                "  account sync [--progress] [--json] | account show [--json] | account remove" },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "Usage: briefingctl COMMAND [OPTIONS]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %s\n", commands[i].help);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_FAILURE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].func (argc - 1, argv + 1);
    }

  return fail ("unknown command '%s' (try briefingctl --help)", argv[1]);
}
