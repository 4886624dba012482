/* test-coverage.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser.h"
#include "briefing-lexicon.h"
#include "briefing-store.h"
#include "briefing-topic.h"

/* Topics and related briefings scored on tests/fixtures/news: six
 * invented outlets (RSS 2.0, RSS 1.0, Atom, JSON Feed; English, German,
 * French) covering one invented fortnight, with near misses (the same
 * people and places, another event). labels.json names each entry's
 * event and the people, places and organisations a reader would name.
 * The figures are printed; the floors below keep them from sliding. */

#define PANE_TOPICS 12

/* Floors: the figures this build reaches, less a small margin. */
#define FLOOR_RECALL          0.83
#define FLOOR_PRECISION       0.93
#define FLOOR_KINDS           0.90
#define FLOOR_RELATED         0.95
#define FLOOR_STORY_PRECISION 0.95
#define FLOOR_STORY_RECALL    0.90

typedef struct
{
  char          *dir;
  BriefingStore *store;
  JsonParser    *labels;
  GHashTable    *ids;      /* "source guid" -> entry id */
  GHashTable    *events;   /* entry id -> event (NULL: none) */
} Fixture;

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_array_member (object, name) : NULL;
}

static char *
label_key (const char *name)
{
  g_autofree char *key = briefing_lexicon_key (name, -1);
  const BriefingLexiconName *known = briefing_lexicon_lookup_name (key);

  /* "EU" and "European Union", "Brüssel" and "Brussels" are one name. */
  return known != NULL ? briefing_lexicon_key (known->name, -1) : g_steal_pointer (&key);
}

static void
add_names (GHashTable *keys,
           JsonArray  *names)
{
  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      JsonObject *name = json_array_get_object_element (names, i);
      const char *kind = json_object_get_string_member_with_default (name, "kind", "keyword");
      JsonArray *aliases = array_member (name, "aliases");

      g_hash_table_insert (keys, label_key (json_object_get_string_member (name, "name")), g_strdup (kind));
      for (guint j = 0; aliases != NULL && j < json_array_get_length (aliases); j++)
        g_hash_table_insert (keys, label_key (json_array_get_string_element (aliases, j)), g_strdup (kind));
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *labels = g_test_build_filename (G_TEST_DIST, "fixtures", "news", "labels.json", NULL);
  JsonArray *entries;

  fixture->dir = g_dir_make_tmp ("briefing-coverage-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "briefing.db", NULL);
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  fixture->labels = json_parser_new ();
  json_parser_load_from_file (fixture->labels, labels, &error);
  g_assert_no_error (error);

  fixture->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (fixture->labels)), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *label = json_array_get_object_element (entries, i);
      const char *source = json_object_get_string_member (label, "source");
      g_autofree char *url = g_strconcat ("https://outlets.example/", source, NULL);

      if (briefing_store_find_source (fixture->store, url) == 0)
        {
          g_autofree char *file = g_test_build_filename (G_TEST_DIST, "fixtures", "news", source, NULL);
          g_autofree char *contents = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(BriefingFeed) feed = NULL;
          g_autoptr(GPtrArray) stored = NULL;
          BriefingQuery query = { 0, };
          gint64 source_id;
          gsize len;

          g_file_get_contents (file, &contents, &len, &error);
          g_assert_no_error (error);
          bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
          feed = briefing_feed_parse (bytes, url, NULL, &error);
          g_assert_no_error (error);

          source_id = briefing_store_add_source (fixture->store, url, briefing_feed_get_title (feed), NULL, &error);
          g_assert_no_error (error);
          briefing_store_save_feed (fixture->store, source_id, feed, 1791000000, NULL, &error);
          g_assert_no_error (error);

          query.source_id = source_id;
          stored = briefing_store_list_entries (fixture->store, &query, &error);
          g_assert_no_error (error);
          for (guint j = 0; j < stored->len; j++)
            {
              BriefingEntry *entry = g_ptr_array_index (stored, j);

              g_hash_table_insert (fixture->ids, g_strconcat (source, " ", briefing_entry_get_guid (entry), NULL),
                                   GINT_TO_POINTER ((int) briefing_entry_get_id (entry)));
            }
        }
    }

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *label = json_array_get_object_element (entries, i);
      g_autofree char *id_key = g_strconcat (json_object_get_string_member (label, "source"), " ",
                                             json_object_get_string_member (label, "guid"), NULL);
      gint64 id = GPOINTER_TO_INT (g_hash_table_lookup (fixture->ids, id_key));
      const char *event = json_object_get_string_member_with_default (label, "event", NULL);

      if (id == 0)
        g_error ("labelled entry %s is not in the store", id_key);
      g_hash_table_insert (fixture->events, g_memdup2 (&id, sizeof id), g_strdup (event));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "briefing.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->labels);
  g_clear_pointer (&fixture->ids, g_hash_table_unref);
  g_clear_pointer (&fixture->events, g_hash_table_unref);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
entry_id (Fixture    *fixture,
          JsonObject *label)
{
  g_autofree char *key = g_strconcat (json_object_get_string_member (label, "source"), " ",
                                      json_object_get_string_member (label, "guid"), NULL);

  return GPOINTER_TO_INT (g_hash_table_lookup (fixture->ids, key));
}

static gboolean
is_named_kind (const char *kind)
{
  return g_strcmp0 (kind, "person") == 0 || g_strcmp0 (kind, "place") == 0
         || g_strcmp0 (kind, "organisation") == 0;
}

static void
test_topics (Fixture       *fixture,
             gconstpointer  data)
{
  JsonArray *entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (fixture->labels)), "entries");
  guint wanted = 0, found = 0, found_all = 0, shown = 0, real = 0, typed = 0, right_kind = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *label = json_array_get_object_element (entries, i);
      JsonArray *key_entities = json_object_get_array_member (label, "entities");
      g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GHashTable) acceptable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GHashTable) topic_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) all_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BriefingEntry) entry = briefing_store_get_entry (fixture->store, entry_id (fixture, label), &error);
      g_autoptr(GString) missed = g_string_new (NULL);
      g_autoptr(GString) wrong = g_string_new (NULL);
      GPtrArray *topics;
      GPtrArray *categories;

      g_assert_no_error (error);
      topics = briefing_entry_get_topics (entry);
      categories = briefing_entry_get_categories (entry);

      add_names (keys, key_entities);
      add_names (acceptable, array_member (label, "acceptable"));
      for (guint j = 0; j < categories->len; j++)
        {
          const BriefingCategory *category = g_ptr_array_index (categories, j);

          g_hash_table_insert (acceptable, label_key (category->label != NULL ? category->label : category->term),
                               g_strdup ("category"));
        }

      for (guint j = 0; j < topics->len; j++)
        {
          BriefingTopic *topic = g_ptr_array_index (topics, j);
          g_autofree char *key = label_key (briefing_topic_get_name (topic));
          const char *kind = g_hash_table_lookup (keys, key);

          if (kind == NULL)
            kind = g_hash_table_lookup (acceptable, key);
          g_hash_table_add (all_keys, g_strdup (key));
          if (j >= PANE_TOPICS)
            continue;

          g_hash_table_add (topic_keys, g_strdup (key));
          shown++;
          if (kind != NULL)
            real++;
          else
            g_string_append_printf (wrong, " [%s]", briefing_topic_get_name (topic));

          if (is_named_kind (kind))
            {
              typed++;
              if (g_str_equal (kind, briefing_topic_kind_to_string (briefing_topic_get_kind (topic))))
                right_kind++;
              else
                g_string_append_printf (wrong, " [%s: %s, not %s]", briefing_topic_get_name (topic),
                                        briefing_topic_kind_to_string (briefing_topic_get_kind (topic)), kind);
            }
        }

      for (guint j = 0; j < json_array_get_length (key_entities); j++)
        {
          JsonObject *name = json_array_get_object_element (key_entities, j);
          JsonArray *aliases = array_member (name, "aliases");
          g_autofree char *key = label_key (json_object_get_string_member (name, "name"));
          gboolean hit = g_hash_table_contains (topic_keys, key);
          gboolean hit_all = g_hash_table_contains (all_keys, key);

          for (guint k = 0; aliases != NULL && k < json_array_get_length (aliases); k++)
            {
              g_autofree char *alias = label_key (json_array_get_string_element (aliases, k));

              hit = hit || g_hash_table_contains (topic_keys, alias);
              hit_all = hit_all || g_hash_table_contains (all_keys, alias);
            }

          wanted++;
          found += hit;
          found_all += hit_all;
          if (!hit)
            g_string_append_printf (missed, " [%s]", json_object_get_string_member (name, "name"));
        }

      if (missed->len > 0 || wrong->len > 0)
        g_test_message ("%s: missed%s; wrong%s", json_object_get_string_member (label, "title"),
                        missed->str, wrong->str);
    }

  g_test_message ("key names among the first %u topics: %u/%u = %.3f (among all: %.3f)", PANE_TOPICS,
                  found, wanted, (double) found / wanted, (double) found_all / wanted);
  g_test_message ("first %u topics that are real names or categories: %u/%u = %.3f", PANE_TOPICS,
                  real, shown, (double) real / shown);
  g_test_message ("named topics with the right kind: %u/%u = %.3f", right_kind, typed, (double) right_kind / typed);

  g_assert_cmpfloat ((double) found / wanted, >=, FLOOR_RECALL);
  g_assert_cmpfloat ((double) real / shown, >=, FLOOR_PRECISION);
  g_assert_cmpfloat ((double) right_kind / typed, >=, FLOOR_KINDS);
}

static void
test_related (Fixture       *fixture,
              gconstpointer  data)
{
  JsonArray *entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (fixture->labels)), "entries");
  guint asked = 0, same = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *label = json_array_get_object_element (entries, i);
      const char *event = json_object_get_string_member_with_default (label, "event", NULL);
      gint64 id = entry_id (fixture, label);
      g_autoptr(GPtrArray) related = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) wrong = g_string_new (NULL);
      GHashTableIter iter;
      gpointer key, value;
      guint others = 0, top;

      if (event == NULL)
        continue;

      g_hash_table_iter_init (&iter, fixture->events);
      while (g_hash_table_iter_next (&iter, &key, &value))
        others += *(gint64 *) key != id && g_strcmp0 (value, event) == 0;
      if (others == 0)
        continue;

      related = briefing_store_list_related (fixture->store, id, 3, &error);
      g_assert_no_error (error);

      top = MIN (3u, others);
      for (guint j = 0; j < top && j < related->len; j++)
        {
          BriefingEntry *other = g_ptr_array_index (related, j);
          gint64 other_id = briefing_entry_get_id (other);
          const char *other_event = g_hash_table_lookup (fixture->events, &other_id);

          if (g_strcmp0 (other_event, event) == 0)
            same++;
          else
            g_string_append_printf (wrong, " [%s %s %.3f]", other_event, briefing_entry_get_title (other),
                                    briefing_entry_get_score (other));
        }
      asked += top;

      if (wrong->len > 0)
        g_test_message ("%s %s: other events in its top %u:%s", event,
                        json_object_get_string_member (label, "title"), top, wrong->str);
    }

  g_test_message ("top related briefings about the same event: %u/%u = %.3f", same, asked, (double) same / asked);
  g_assert_cmpfloat ((double) same / asked, >=, FLOOR_RELATED);
}

/* Pairs of entries: in one story and about one event (precision), about
 * one event and in one story (recall). */
static void
score_stories (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) story_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) stories = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint grouped = 0, same_story = 0, same_story_event = 0, same_event = 0;
  guint done;

  do
    {
      g_assert_true (briefing_store_group_stories (fixture->store, 20, &done, &error));
      g_assert_no_error (error);
    }
  while (done > 0);

  g_hash_table_iter_init (&iter, fixture->events);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 story = briefing_store_get_story (fixture->store, *(gint64 *) key);

      g_array_append_val (ids, *(gint64 *) key);
      g_array_append_val (story_ids, story);
      grouped += story != 0;
    }

  for (guint i = 0; i < ids->len; i++)
    for (guint j = i + 1; j < ids->len; j++)
      {
        const char *a = g_hash_table_lookup (fixture->events, &g_array_index (ids, gint64, i));
        const char *b = g_hash_table_lookup (fixture->events, &g_array_index (ids, gint64, j));
        gint64 story_a = g_array_index (story_ids, gint64, i);
        gboolean one_story = story_a != 0 && story_a == g_array_index (story_ids, gint64, j);
        gboolean one_event = a != NULL && g_strcmp0 (a, b) == 0;

        same_story += one_story;
        same_event += one_event;
        same_story_event += one_story && one_event;
      }

  stories = briefing_store_list_stories (fixture->store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stories->len; i++)
    {
      BriefingStory *story = g_ptr_array_index (stories, i);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint j = 0; j < story->entries->len; j++)
        {
          gint64 id = briefing_entry_get_id (g_ptr_array_index (story->entries, j));

          g_string_append_printf (line, " %s", (char *) g_hash_table_lookup (fixture->events, &id));
        }
      g_test_message ("story %s:%s", story->title, line->str);
    }

  g_test_message ("entries in a story: %u/%u; stories: %u", grouped, ids->len, stories->len);
  g_test_message ("pairs in one story about one event: %u/%u = %.3f", same_story_event, same_story,
                  same_story > 0 ? (double) same_story_event / same_story : 0.0);
  g_test_message ("pairs about one event in one story: %u/%u = %.3f", same_story_event, same_event,
                  (double) same_story_event / same_event);

  g_assert_cmpfloat ((double) same_story_event / MAX (same_story, 1), >=, FLOOR_STORY_PRECISION);
  g_assert_cmpfloat ((double) same_story_event / same_event, >=, FLOOR_STORY_RECALL);
}

static void
test_stories (Fixture       *fixture,
              gconstpointer  data)
{
  score_stories (fixture);
}

static void
reopen (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "briefing.db", NULL);
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = briefing_store_open (path, &error);
  g_assert_no_error (error);
}

/* A store written before topics came from the text: the entries have
 * none, and no story. The background gives them both, a batch at a
 * time, and carries on where it stopped when the app is closed midway. */
static void
test_backfill (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "briefing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingEntry) opened = NULL;
  sqlite3 *db;
  guint done, batches = 0;
  gboolean named = FALSE;
  gint64 id;

  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DELETE FROM entry_topics; UPDATE topics SET entries = 0; "
                                 "UPDATE entries SET topics_version = 0, story_checked = 0, story_id = NULL; "
                                 "DELETE FROM stories;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (fixture);

  do
    {
      g_assert_true (briefing_store_group_stories (fixture->store, 20, &done, &error));
      g_assert_no_error (error);
      /* Closed after the first batch, opened again. */
      if (batches++ == 0)
        reopen (fixture);
    }
  while (done > 0);
  g_assert_cmpuint (batches, >, 3);

  g_assert_true (briefing_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  /* The Rafah briefing has its names again. */
  id = GPOINTER_TO_INT (g_hash_table_lookup (fixture->ids, "courier.atom tag:capitalcourier.example,2026-10-22:/world/8102"));
  g_assert_cmpint (id, !=, 0);
  opened = briefing_store_get_entry (fixture->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < briefing_entry_get_topics (opened)->len; i++)
    {
      BriefingTopic *topic = g_ptr_array_index (briefing_entry_get_topics (opened), i);

      named |= g_str_equal (briefing_topic_get_name (topic), "Farid Haddad") &&
               briefing_topic_get_kind (topic) == BRIEFING_TOPIC_PERSON;
    }
  g_assert_true (named);

  score_stories (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/coverage/topics", Fixture, NULL, fixture_set_up, test_topics, fixture_tear_down);
  g_test_add ("/coverage/related", Fixture, NULL, fixture_set_up, test_related, fixture_tear_down);
  g_test_add ("/coverage/stories", Fixture, NULL, fixture_set_up, test_stories, fixture_tear_down);
  g_test_add ("/coverage/backfill", Fixture, NULL, fixture_set_up, test_backfill, fixture_tear_down);

  return g_test_run ();
}
