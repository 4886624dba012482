/* briefing-store-entries.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-store"

#include "config.h"

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-html-sanitizer.h"
#include "briefing-json.h"
#include "briefing-store-private.h"
#include "briefing-topic.h"
#include "briefing-topics.h"
#include "briefing-utils.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Entries: saving parsed feeds (deduplicated, so an edited entry updates
 * in place and a re-published one keeps its read state), listing them for
 * the sidebar, loading one for the article view, marking, and finding
 * related ones through shared topics. */

/* Serialisation of the small lists kept as JSON columns ------------------- */

typedef void (*ListWriter) (JsonBuilder *builder, GPtrArray *list);

/* A list column: NULL when empty, else the list as JSON. */
static char *
list_to_json (GPtrArray  *list,
              ListWriter  write)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (list->len == 0)
    return NULL;

  builder = json_builder_new ();
  write (builder, list);

  return briefing_json_to_string (builder, FALSE);
}

typedef void (*ObjectFunc) (GPtrArray *into, JsonObject *object);

/* The columns are written by us, but a damaged store must still not crash
 * the reader: every access is type-checked. */
static void
parse_json_list (const char *text,
                 GPtrArray  *into,
                 ObjectFunc  func)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *array;

  if (text == NULL)
    return;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        func (into, json_node_get_object (node));
    }
}

static void
add_person_from_json (GPtrArray  *into,
                      JsonObject *object)
{
  g_ptr_array_add (into, briefing_person_new (briefing_json_get_string (object, "name"),
                                              briefing_json_get_string (object, "email"),
                                              briefing_json_get_string (object, "uri")));
}

static void
add_category_from_json (GPtrArray  *into,
                        JsonObject *object)
{
  const char *term = briefing_json_get_string (object, "term");

  if (term != NULL)
    g_ptr_array_add (into, briefing_category_new (term, briefing_json_get_string (object, "scheme"),
                                                  briefing_json_get_string (object, "label")));
}

static void
add_enclosure_from_json (GPtrArray  *into,
                         JsonObject *object)
{
  const char *url = briefing_json_get_string (object, "url");

  if (url != NULL)
    g_ptr_array_add (into, briefing_enclosure_new (url, briefing_json_get_string (object, "type"),
                                                   json_object_get_int_member_with_default (object, "length", 0)));
}

/* Saving ------------------------------------------------------------------ */

/* The identity of an entry within its source: its guid, else its link,
 * else a hash of its title and date. */
static char *
entry_key (BriefingEntry *entry)
{
  g_autofree char *material = NULL;
  g_autofree char *hash = NULL;

  if (briefing_entry_get_guid (entry) != NULL)
    return g_strdup (briefing_entry_get_guid (entry));

  if (briefing_entry_get_link (entry) != NULL)
    return g_strdup (briefing_entry_get_link (entry));

  material = g_strdup_printf ("%s\n%" G_GINT64_FORMAT,
                              briefing_entry_get_title (entry) ? briefing_entry_get_title (entry) : "",
                              briefing_entry_get_published (entry));

  hash = briefing_sha256_hex (material, -1);

  return g_strconcat ("hash:", hash, NULL);
}

static char *
entry_content_hash (BriefingEntry *entry)
{
  const BriefingImage *image = briefing_entry_get_image (entry);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = {
    briefing_entry_get_title (entry),
    briefing_entry_get_link (entry),
    briefing_entry_get_summary (entry),
    briefing_entry_get_content (entry),
    image != NULL ? image->url : NULL,
    image != NULL ? image->caption : NULL,
    image != NULL ? image->credit : NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL)
        g_checksum_update (checksum, (const guchar *) parts[i], strlen (parts[i]));
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* What saving an entry needs that is worked out from the entry alone:
 * computed by briefing_store_prepare_feed() on the parsing thread, so
 * that the store's single writer thread only writes. */
typedef struct
{
  char  *key;
  char  *content_hash;
  char  *authors;        /* JSON */
  char  *categories;     /* JSON */
  char  *enclosures;     /* JSON */
  GStrv  topic_keys;     /* the topics' normalized keys, in order */
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_free (prepared->key);
  g_free (prepared->content_hash);
  g_free (prepared->authors);
  g_free (prepared->categories);
  g_free (prepared->enclosures);
  g_strfreev (prepared->topic_keys);
  g_free (prepared);
}

static GQuark
prepared_quark (void)
{
  return g_quark_from_static_string ("briefing-store-prepared");
}

static Prepared *
prepare_entry (BriefingEntry *entry)
{
  Prepared *prepared = g_new0 (Prepared, 1);
  GPtrArray *topics = briefing_entry_get_topics (entry);

  prepared->key = entry_key (entry);
  prepared->content_hash = entry_content_hash (entry);
  prepared->authors = list_to_json (briefing_entry_get_authors (entry), briefing_json_add_authors);
  prepared->categories = list_to_json (briefing_entry_get_categories (entry), briefing_json_add_categories);
  prepared->enclosures = list_to_json (briefing_entry_get_enclosures (entry), briefing_json_add_enclosures);
  prepared->topic_keys = g_new0 (char *, topics->len + 1);
  for (guint i = 0; i < topics->len; i++)
    prepared->topic_keys[i] = briefing_topic_normalize (briefing_topic_get_name (g_ptr_array_index (topics, i)));

  g_object_set_qdata_full (G_OBJECT (entry), prepared_quark (), prepared, (GDestroyNotify) prepared_free);

  return prepared;
}

static Prepared *
get_prepared (BriefingEntry *entry)
{
  Prepared *prepared = g_object_get_qdata (G_OBJECT (entry), prepared_quark ());

  return prepared != NULL ? prepared : prepare_entry (entry);
}

typedef struct
{
  gint64   id;
  gboolean category;   /* as far as we know: a later feed may say more */
} TopicRow;

/* A name read from a slug ("middle-east" shows as "Middle east") gives way
 * to the name as the text writes it ("Middle East"): one with capitals
 * past its first letter replaces one without. */
#define PLAINER_NAME \
  "(substr (name, 2) = lower (substr (name, 2)) AND substr (?2, 2) != lower (substr (?2, 2)))"

/* The one person in the store whose surname is @key, a name of one
 * word: a briefing that names only "Rutte" is about the "Mark Rutte"
 * others name in full. 0 when there is none, or more than one. */
static gint64
person_by_surname (BriefingStore *self,
                   const char    *key)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = briefing_store_prepare (self, "SELECT id FROM topics WHERE surname = ? AND kind = 'person' LIMIT 2", NULL);
  if (stmt == NULL)
    return 0;

  briefing_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = 0;
  sqlite3_reset (stmt);

  return id;
}

gboolean
briefing_store_save_topics (BriefingStore  *self,
             gint64          entry_id,
             BriefingEntry  *entry,
             gboolean        existed,
             GError        **error)
{
  GPtrArray *topics = briefing_entry_get_topics (entry);
  Prepared *prepared = get_prepared (entry);
  sqlite3_stmt *stmt;

  g_assert (BRIEFING_IS_STORE (self));

  if (existed)
    {
      stmt = briefing_store_prepare (self, "DELETE FROM entry_topics WHERE entry_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entry_id);
      if (!briefing_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < topics->len; i++)
    {
      BriefingTopic *topic = g_ptr_array_index (topics, i);
      const char *key = prepared->topic_keys[i];
      BriefingTopicKind kind = briefing_topic_get_kind (topic);
      TopicRow *row = g_hash_table_lookup (self->topic_ids, key);
      const char *space = strrchr (key, ' ');

      /* A surname alone, from the text: the person named in full. */
      if (row == NULL && space == NULL &&
          (kind == BRIEFING_TOPIC_PERSON || kind == BRIEFING_TOPIC_KEYWORD))
        {
          gint64 person = person_by_surname (self, key);

          if (person != 0)
            {
              row = g_new0 (TopicRow, 1);
              row->id = person;
              g_hash_table_insert (self->topic_ids, g_strdup (key), row);
            }
        }

      /* Once per topic and transaction: create it, or make a category a
       * person, place or organisation when a feed says which it is. */
      if (row == NULL || (row->category && kind != BRIEFING_TOPIC_CATEGORY))
        {
          stmt = briefing_store_prepare (self,
                                         "INSERT INTO topics (key, name, kind, surname) VALUES (?1, ?2, ?3, ?4) "
                                         "ON CONFLICT (key) DO UPDATE SET "
                                         "  kind = CASE WHEN kind = 'category' AND ?3 != 'category' THEN ?3 ELSE kind END, "
                                         "  name = CASE WHEN " PLAINER_NAME " THEN ?2 ELSE name END, "
                                         "  surname = COALESCE (surname, ?4) "
                                         "WHERE (kind = 'category' AND ?3 != 'category') OR " PLAINER_NAME " "
                                         "  OR (surname IS NULL AND ?4 IS NOT NULL) "
                                         "RETURNING id",
                                         error);
          if (stmt == NULL)
            return FALSE;
          briefing_store_bind_text (stmt, 1, key);
          briefing_store_bind_text (stmt, 2, briefing_topic_get_name (topic));
          briefing_store_bind_text (stmt, 3, briefing_topic_kind_to_string (kind));
          briefing_store_bind_text (stmt, 4, kind == BRIEFING_TOPIC_PERSON && space != NULL ? space + 1 : NULL);
          if (sqlite3_step (stmt) == SQLITE_ROW && row == NULL)
            {
              row = g_new0 (TopicRow, 1);
              row->id = sqlite3_column_int64 (stmt, 0);
              g_hash_table_insert (self->topic_ids, g_strdup (key), row);
            }
          sqlite3_reset (stmt);

          if (row == NULL)
            {
              /* It exists, and kept its kind: RETURNING says nothing. */
              stmt = briefing_store_prepare (self, "SELECT id FROM topics WHERE key = ?", error);
              if (stmt == NULL)
                return FALSE;
              briefing_store_bind_text (stmt, 1, key);
              if (sqlite3_step (stmt) != SQLITE_ROW)
                {
                  sqlite3_reset (stmt);
                  return briefing_store_fail (self, error);
                }
              row = g_new0 (TopicRow, 1);
              row->id = sqlite3_column_int64 (stmt, 0);
              g_hash_table_insert (self->topic_ids, g_strdup (key), row);
              sqlite3_reset (stmt);
            }

          row->category = kind == BRIEFING_TOPIC_CATEGORY;
        }

      stmt = briefing_store_prepare (self,
                                     "INSERT OR IGNORE INTO entry_topics (entry_id, topic_id, weight) VALUES (?, ?, ?)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entry_id);
      sqlite3_bind_int64 (stmt, 2, row->id);
      sqlite3_bind_double (stmt, 3, briefing_topic_get_weight (topic));
      if (!briefing_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        briefing_store_count_topic (self, row->id);
    }

  return TRUE;
}

/**
 * briefing_store_prepare_feed:
 *
 * Does the work of saving @feed that needs no database (the plain text
 * for the search index, and each entry's Prepared: key, content hash,
 * JSON columns, topic keys), on whatever thread calls it, so that less is
 * left for the store's single writer thread. Optional: saving works out
 * whatever was not prepared.
 */
void
briefing_store_prepare_feed (BriefingFeed *feed)
{
  GPtrArray *entries;

  g_return_if_fail (BRIEFING_IS_FEED (feed));

  entries = briefing_feed_get_entries (feed);
  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *summary = briefing_html_to_text (briefing_entry_get_summary (entry));
      g_autofree char *body = briefing_html_to_text (briefing_entry_get_content (entry));

      briefing_entry_set_index_text (entry, summary, body);
      prepare_entry (entry);
    }
}

typedef struct
{
  gint64         entry_id;
  gboolean       existed;
  BriefingEntry *entry;
} IndexUpdate;

/* Writes the search index rows of a whole feed at once, after its entries
 * and topics: an FTS5 write followed by other statements flushes its
 * pending terms every time, which made saving three times slower. */
static gboolean
save_fts (BriefingStore  *self,
          GArray         *updates,
          GError        **error)
{
  g_assert (BRIEFING_IS_STORE (self));

  for (guint i = 0; i < updates->len; i++)
    {
      IndexUpdate *update = &g_array_index (updates, IndexUpdate, i);
      g_autofree char *summary = NULL;
      g_autofree char *body = NULL;
      sqlite3_stmt *stmt;

      if (update->existed)
        {
          stmt = briefing_store_prepare (self, "DELETE FROM entries_fts WHERE rowid = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, update->entry_id);
          if (!briefing_store_step_done (self, stmt, error))
            return FALSE;
        }

      if (briefing_entry_get_index_summary (update->entry) == NULL &&
          briefing_entry_get_index_body (update->entry) == NULL)
        {
          summary = briefing_html_to_text (briefing_entry_get_summary (update->entry));
          body = briefing_html_to_text (briefing_entry_get_content (update->entry));
        }

      stmt = briefing_store_prepare (self,
                                     "INSERT INTO entries_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, update->entry_id);
      briefing_store_bind_text (stmt, 2, briefing_entry_get_title (update->entry));
      briefing_store_bind_text (stmt, 3, summary != NULL ? summary : briefing_entry_get_index_summary (update->entry));
      briefing_store_bind_text (stmt, 4, body != NULL ? body : briefing_entry_get_index_body (update->entry));
      if (!briefing_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static const char insert_entry_sql[] =
  "INSERT INTO entries (source_id, key, guid, link, title, published, updated, fetched, authors, "
  "  summary, content, image_url, image_caption, image_credit, image_width, image_height, "
  "  categories, enclosures, content_hash, topics_version, arrived) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?8)";

static const char update_entry_sql[] =
  "UPDATE entries SET guid = ?3, link = ?4, title = ?5, published = ?6, updated = ?7, fetched = ?8, "
  "  authors = ?9, summary = ?10, content = ?11, image_url = ?12, image_caption = ?13, "
  "  image_credit = ?14, image_width = ?15, image_height = ?16, categories = ?17, enclosures = ?18, "
  "  content_hash = ?19, topics_version = ?20 "
  "WHERE source_id = ?1 AND key = ?2";

/* Binds text the statement only reads while it runs, without SQLite
 * copying it: summaries and bodies are most of a refresh's bytes. */
static void
bind_static_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* Every value is bound afresh before each step: STATIC text is never read
 * after the entry it belongs to. */
static void
bind_entry (sqlite3_stmt   *stmt,
            gint64          source_id,
            BriefingEntry  *entry,
            const Prepared *prepared,
            gint64          published,
            gint64          fetched)
{
  const BriefingImage *image = briefing_entry_get_image (entry);

  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_static_text (stmt, 2, prepared->key);
  bind_static_text (stmt, 3, briefing_entry_get_guid (entry));
  bind_static_text (stmt, 4, briefing_entry_get_link (entry));
  bind_static_text (stmt, 5, briefing_entry_get_title (entry) ? briefing_entry_get_title (entry) : "");
  sqlite3_bind_int64 (stmt, 6, published);
  sqlite3_bind_int64 (stmt, 7, briefing_entry_get_updated (entry));
  sqlite3_bind_int64 (stmt, 8, fetched);
  bind_static_text (stmt, 9, prepared->authors);
  bind_static_text (stmt, 10, briefing_entry_get_summary (entry));
  bind_static_text (stmt, 11, briefing_entry_get_content (entry));
  bind_static_text (stmt, 12, image ? image->url : NULL);
  bind_static_text (stmt, 13, image ? image->caption : NULL);
  bind_static_text (stmt, 14, image ? image->credit : NULL);
  sqlite3_bind_int (stmt, 15, image ? image->width : 0);
  sqlite3_bind_int (stmt, 16, image ? image->height : 0);
  bind_static_text (stmt, 17, prepared->categories);
  bind_static_text (stmt, 18, prepared->enclosures);
  bind_static_text (stmt, 19, prepared->content_hash);
  sqlite3_bind_int (stmt, 20, BRIEFING_TOPICS_VERSION);
}

typedef enum {
  SAVED_NEW,
  SAVED_UPDATED,
  SAVED_UNCHANGED,
  SAVED_FAILED,
} SaveOutcome;

static SaveOutcome
save_entry (BriefingStore  *self,
            gint64          source_id,
            BriefingEntry  *entry,
            gint64          fetched,
            GArray         *index_updates,
            GError        **error)
{
  Prepared *prepared = get_prepared (entry);
  const char *key = prepared->key;
  const char *content_hash = prepared->content_hash;
  gint64 published = briefing_entry_get_published (entry);
  sqlite3_stmt *stmt;
  gint64 entry_id = 0;
  gint64 old_published = 0;
  gboolean unchanged = FALSE;
  gboolean exists;

  g_assert (BRIEFING_IS_STORE (self));

  stmt = briefing_store_prepare (self,
                                 "SELECT id, published, content_hash FROM entries WHERE source_id = ? AND key = ?",
                                 error);
  if (stmt == NULL)
    return SAVED_FAILED;

  sqlite3_bind_int64 (stmt, 1, source_id);
  briefing_store_bind_text (stmt, 2, key);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  if (exists)
    {
      entry_id = sqlite3_column_int64 (stmt, 0);
      old_published = sqlite3_column_int64 (stmt, 1);
      unchanged = g_strcmp0 (briefing_store_column_text (stmt, 2), content_hash) == 0;
    }
  sqlite3_reset (stmt);

  if (unchanged)
    return SAVED_UNCHANGED;

  if (!exists)
    {
      gboolean pruned = FALSE;

      /* Retention removed this entry while its feed still lists it. */
      stmt = briefing_store_prepare (self, "SELECT pruned FROM entry_state WHERE source_id = ? AND key = ?", error);
      if (stmt == NULL)
        return SAVED_FAILED;
      sqlite3_bind_int64 (stmt, 1, source_id);
      briefing_store_bind_text (stmt, 2, key);
      pruned = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);

      if (pruned)
        return SAVED_UNCHANGED;
    }

  /* An undated entry is dated when we first saw it, and keeps that date. */
  if (published == 0)
    published = old_published != 0 ? old_published : fetched;

  stmt = briefing_store_prepare (self, exists ? update_entry_sql : insert_entry_sql, error);
  if (stmt == NULL)
    return SAVED_FAILED;

  bind_entry (stmt, source_id, entry, prepared, published, fetched);
  if (!briefing_store_step_done (self, stmt, error))
    return SAVED_FAILED;

  if (!exists)
    entry_id = sqlite3_last_insert_rowid (self->db);

  if (!briefing_store_save_topics (self, entry_id, entry, exists, error))
    return SAVED_FAILED;

  g_array_append_val (index_updates, ((IndexUpdate) { entry_id, exists, entry }));

  return exists ? SAVED_UPDATED : SAVED_NEW;
}

static gboolean
save_source_metadata (BriefingStore  *self,
                      gint64          source_id,
                      BriefingFeed   *feed,
                      GError        **error)
{
  sqlite3_stmt *stmt;

  g_assert (BRIEFING_IS_STORE (self));

  stmt = briefing_store_prepare (self,
                                 "UPDATE sources SET title = COALESCE (?2, title), "
                                 "  site_url = COALESCE (?3, site_url), icon_url = COALESCE (?4, icon_url) "
                                 "WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  briefing_store_bind_text (stmt, 2, briefing_feed_get_title (feed));
  briefing_store_bind_text (stmt, 3, briefing_feed_get_link (feed));
  briefing_store_bind_text (stmt, 4, briefing_feed_get_icon (feed));

  return briefing_store_step_done (self, stmt, error) &&
         (sqlite3_changes (self->db) > 0 ||
          (g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                        "There is no source %" G_GINT64_FORMAT, source_id), FALSE));
}

/**
 * briefing_store_save_feed:
 * @fetched: when the feed was fetched (Unix seconds); undated entries get it
 * @result: (out) (optional): how many entries were new, updated, unchanged
 *
 * Saves a parsed feed's entries and metadata in one transaction: either
 * all of it lands or none.
 */
gboolean
briefing_store_save_feed (BriefingStore       *self,
                          gint64               source_id,
                          BriefingFeed        *feed,
                          gint64               fetched,
                          BriefingSaveResult  *result,
                          GError             **error)
{
  STORE_LOCKED (self);
  g_autoptr(GArray) index_updates = g_array_new (FALSE, FALSE, sizeof (IndexUpdate));
  BriefingSaveResult counts = { 0, 0, 0 };
  GPtrArray *entries;
  gboolean nested;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);
  g_return_val_if_fail (BRIEFING_IS_FEED (feed), FALSE);

  if (!briefing_store_begin (self, &nested, error))
    return FALSE;

  if (!save_source_metadata (self, source_id, feed, error))
    goto failed;

  entries = briefing_feed_get_entries (feed);
  for (guint i = 0; i < entries->len; i++)
    {
      switch (save_entry (self, source_id, g_ptr_array_index (entries, i), fetched, index_updates, error))
        {
        case SAVED_NEW:
          counts.added++;
          break;

        case SAVED_UPDATED:
          counts.updated++;
          break;

        case SAVED_UNCHANGED:
          counts.unchanged++;
          break;

        case SAVED_FAILED:
        default:
          goto failed;
        }
    }

  if (!save_fts (self, index_updates, error) || !briefing_store_commit (self, nested, error))
    goto failed;

  if (result != NULL)
    *result = counts;

  if (counts.added > 0)
    briefing_store_emit_entries_added (self, source_id, counts.added);

  return TRUE;

failed:
  briefing_store_rollback (self, nested);
  return FALSE;
}

/* Listing ----------------------------------------------------------------- */

BriefingEntry *
briefing_store_entry_from_list_row (sqlite3_stmt *stmt)
{
  BriefingEntry *entry = briefing_entry_new ();
  const char *image_url = briefing_store_column_text (stmt, 7);

  briefing_entry_set_id (entry, sqlite3_column_int64 (stmt, 0));
  briefing_entry_set_source_id (entry, sqlite3_column_int64 (stmt, 1));
  briefing_entry_set_source_title (entry, briefing_store_column_text (stmt, 2));
  briefing_entry_set_guid (entry, briefing_store_column_text (stmt, 3));
  briefing_entry_set_title (entry, briefing_store_column_text (stmt, 4));
  briefing_entry_set_link (entry, briefing_store_column_text (stmt, 5));
  briefing_entry_set_published (entry, sqlite3_column_int64 (stmt, 6));
  if (image_url != NULL)
    {
      BriefingImage *image = briefing_image_new ();

      image->url = g_strdup (image_url);
      briefing_entry_take_image (entry, image);
    }
  briefing_entry_set_read (entry, sqlite3_column_int (stmt, 8));
  briefing_entry_set_starred (entry, sqlite3_column_int (stmt, 9));
  briefing_entry_set_source_url (entry, briefing_store_column_text (stmt, 10));
  briefing_entry_set_story (entry, sqlite3_column_int64 (stmt, 11), sqlite3_column_int (stmt, 12));

  return entry;
}

/* Steps a prepared statement of LIST_COLUMNS and resets it.
 *
 * Returns: (transfer container) (element-type BriefingEntry): the
 *   entries, or %NULL with @error set */
GPtrArray *
briefing_store_list_rows (BriefingStore  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, briefing_store_entry_from_list_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      briefing_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* One word of what a reader typed as an FTS5 string: quoted (its own
 * quotes doubled), so that no character is query syntax. */
static void
append_fts_word (GString    *query,
                 const char *word,
                 gboolean    prefix)
{
  g_autoptr(GString) quoted = g_string_new (word);

  g_string_replace (quoted, "\"", "\"\"", 0);
  g_string_append_printf (query, "%s\"%s\"%s", query->len > 0 ? " " : "", quoted->str, prefix ? "*" : "");
}

/* Turns what a reader types into an FTS5 query that cannot be a syntax
 * error: every word quoted, the last one a prefix (search as you type). */
static char *
fts_query (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  GString *query = g_string_new (NULL);
  int last = -1;

  for (int i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        last = i;
    }

  for (int i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        append_fts_word (query, words[i], i == last);
    }

  return g_string_free (query, FALSE);
}

/* With a limit, a search for a common word is answered faster by walking
 * the newest entries and probing the index for each than by sorting every
 * match; for a rare word the other way round. The index says which. */
#define MANY_MATCHES 1000

/* The conditions of @query on the entry called @e; @state is how its
 * reading state is reached (a join for the listed entry, a lookup for
 * the others a condition asks about). */
static void
append_conditions (GString             *sql,
                   const BriefingQuery *query,
                   const char          *e,
                   const char          *read,
                   const char          *starred,
                   gboolean             walk_by_time)
{
  if (query->source_id != 0)
    g_string_append_printf (sql, "AND %s.source_id = :source ", e);
  if (query->unread_only)
    g_string_append_printf (sql, "AND COALESCE (%s, 0) = 0 ", read);
  if (query->starred_only)
    g_string_append_printf (sql, "AND %s = 1 ", starred);
  if (query->topic != NULL)
    g_string_append_printf (sql, "AND %s.id IN (SELECT et.entry_id FROM entry_topics et "
                                 "JOIN topics t ON t.id = et.topic_id WHERE t.key = :topic) ", e);
  /* Walking by time: "+e.id" keeps the planner from driving the query
   * from the matches (and sorting them all), so it walks entries_by_time
   * newest first and probes the matches, materialized once, for each. */
  if (query->search != NULL)
    g_string_append_printf (sql, "AND %s%s.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH :search) ",
                            walk_by_time ? "+" : "", e);
}

static char *
list_sql (const BriefingQuery *query,
          gboolean             walk_by_time)
{
  GString *sql = g_string_new ("SELECT " LIST_COLUMNS LIST_FROM "WHERE 1 ");

  append_conditions (sql, query, "e", "st.read", "st.starred", walk_by_time);

  /* A story once: only its newest entry among those the query lists
   * stands for it (the sidebar shows the others under it). */
  if (query->stories_once)
    {
      g_string_append (sql, "AND (e.story_id IS NULL OR NOT EXISTS (SELECT 1 FROM entries x "
                            "WHERE x.story_id = e.story_id "
                            "AND (x.published > e.published OR (x.published = e.published AND x.id > e.id)) ");
      append_conditions (sql, query, "x",
                         "(SELECT xs.read FROM entry_state xs WHERE xs.source_id = x.source_id AND xs.key = x.key)",
                         "(SELECT xs.starred FROM entry_state xs WHERE xs.source_id = x.source_id AND xs.key = x.key)",
                         FALSE);
      g_string_append (sql, ")) ");
    }

  /* Pages after the first continue from the last entry shown, so new
   * entries arriving meanwhile do not shift them. */
  if (query->before_id != 0)
    g_string_append (sql, "AND (e.published < :before_published OR (e.published = :before_published AND e.id < :before_id)) ");

  g_string_append (sql, "ORDER BY e.published DESC, e.id DESC LIMIT :limit OFFSET :offset");

  return g_string_free (sql, FALSE);
}

static gint64
count_matches (BriefingStore *self,
               const char    *search)
{
  sqlite3_stmt *stmt = briefing_store_prepare (self, "SELECT COUNT(*) FROM entries_fts WHERE entries_fts MATCH ?", NULL);
  gint64 count = 0;

  g_assert (BRIEFING_IS_STORE (self));

  if (stmt == NULL)
    return 0;

  briefing_store_bind_text (stmt, 1, search);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    briefing_store_bind_text (stmt, index, value);
}

/* How a search with a limit finds its newest matches. */
typedef enum
{
  SEARCH_BY_COUNT,   /* count the matches first: walk by time when they are many */
  SEARCH_BY_TIME,    /* walk by time, uncounted */
} SearchPlan;

/* Lists the entries @query asks for; @search is its full-text condition,
 * already an FTS5 query (or %NULL). */
static GPtrArray *
list_matching (BriefingStore        *self,
               const BriefingQuery  *query,
               const char           *search,
               SearchPlan            plan,
               GError              **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  g_autofree char *topic_key = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Queries vary too much to cache; preparing one costs microseconds. */
  sql = list_sql (&(BriefingQuery) { query->source_id, query->topic, search, query->unread_only,
                                     query->starred_only, query->limit, query->offset,
                                     query->before_published, query->before_id, query->stories_once },
                  search != NULL && query->limit > 0 &&
                  (plan == SEARCH_BY_TIME || count_matches (self, search) > MANY_MATCHES));
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      briefing_store_fail (self, error);
      return NULL;
    }

  if (query->source_id != 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":source"), query->source_id);
  if (query->topic != NULL)
    bind_named_text (stmt, ":topic", topic_key = briefing_topic_normalize (query->topic));
  bind_named_text (stmt, ":search", search);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), query->offset);
  if (query->before_id != 0)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":before_published"), query->before_published);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":before_id"), query->before_id);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, briefing_store_entry_from_list_row (stmt));

  if (rc != SQLITE_DONE)
    {
      briefing_store_fail (self, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

  return g_steal_pointer (&entries);
}

/**
 * briefing_store_list_entries:
 *
 * Lists entries newest first, without their bodies (the sidebar does not
 * need them; briefing_store_get_entry() loads one whole).
 *
 * Returns: (transfer container) (element-type BriefingEntry): the entries
 */
GPtrArray *
briefing_store_list_entries (BriefingStore        *self,
                             const BriefingQuery  *query,
                             GError              **error)
{
  STORE_LOCKED (self);
  static const BriefingQuery everything = { 0, };
  g_autofree char *search = NULL;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  if (query == NULL)
    query = &everything;

  if (query->search != NULL)
    {
      search = fts_query (query->search);
      if (*search == '\0')
        g_clear_pointer (&search, g_free);
    }

  return list_matching (self, query, search, SEARCH_BY_COUNT, error);
}

/* Words a search provider passes on, at most: what a reader types in a
 * search field, with room to spare; longer input is not a search. */
#define SEARCH_MAX_TERMS 16
#define SEARCH_MAX_TERM_BYTES 200

/**
 * briefing_store_search:
 * @terms: the words as a reader typed them, each the start of a word
 * @limit: how many to list at most
 *
 * Lists the newest entries in which every one of @terms starts a word of
 * the headline, summary or text (as GNOME Shell's search matches: "brid
 * ope" finds "Bridge reopens"). Any characters are searched as text,
 * never as query syntax; more than 16 terms, or a term longer than 200
 * bytes, finds nothing.
 *
 * Returns: (transfer container) (element-type BriefingEntry): the entries,
 *   newest first, without their bodies
 */
GPtrArray *
briefing_store_search (BriefingStore       *self,
                       const char * const  *terms,
                       guint                limit,
                       GError             **error)
{
  STORE_LOCKED (self);
  g_autoptr(GString) search = g_string_new (NULL);
  guint n_terms = terms != NULL ? g_strv_length ((char **) terms) : 0;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  if (n_terms > SEARCH_MAX_TERMS)
    return g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_terms; i++)
    {
      g_auto(GStrv) words = NULL;

      if (strlen (terms[i]) > SEARCH_MAX_TERM_BYTES || !g_utf8_validate (terms[i], -1, NULL))
        return g_ptr_array_new_with_free_func (g_object_unref);

      /* A term is one word to the Shell, but may hold spaces (a pasted
       * phrase): each of its words is a term of its own. */
      words = g_strsplit_set (terms[i], " \t\n\r", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          if (*words[j] != '\0')
            append_fts_word (search, words[j], TRUE);
        }
    }

  if (search->len == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* A few newest matches are found walking by time whatever their number:
   * at worst the walk reads the time index to its end (milliseconds),
   * whereas counting costs as much as matching again, which for a word's
   * first two letters (most of the store) is most of the answer's time. */
  return list_matching (self, &(BriefingQuery) { .limit = MAX (limit, 1) }, search->str, SEARCH_BY_TIME, error);
}

/**
 * briefing_store_list_entries_by_id:
 * @entry_ids: (element-type gint64): the entries wanted
 *
 * Returns: (transfer container) (element-type BriefingEntry): those of
 *   @entry_ids that are stored, in the order asked, without their bodies
 */
GPtrArray *
briefing_store_list_entries_by_id (BriefingStore  *self,
                                   GArray         *entry_ids,
                                   GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);
  g_return_val_if_fail (entry_ids != NULL, NULL);

  stmt = briefing_store_prepare (self, "SELECT " LIST_COLUMNS LIST_FROM "WHERE e.id = ?", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < entry_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (entry_ids, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (entries, briefing_store_entry_from_list_row (stmt));
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&entries);
}


/* What a notification announces: unread entries that arrived since
 * @since, from sources that were subscribed before (not a first import),
 * not muted and not the bundled samples. */
#define ARRIVALS_WHERE \
  "WHERE e.arrived >= ?1 AND COALESCE (st.read, 0) = 0 AND s.muted = 0 AND s.url NOT LIKE 'resource:%' " \
  "AND EXISTS (SELECT 1 FROM entries older WHERE older.source_id = e.source_id AND older.arrived < ?1) "

/**
 * briefing_store_list_arrivals:
 * @since: Unix time: entries stored from then on
 * @limit: how many to list, newest first
 * @total: (out) (optional): how many there are
 *
 * The new briefings worth announcing: unread, arrived since @since, from
 * sources neither muted nor seen for the first time (a first import is
 * not news) nor the samples.
 *
 * Returns: (transfer container) (element-type BriefingEntry): the newest
 *   of them, each with its story
 */
GPtrArray *
briefing_store_list_arrivals (BriefingStore  *self,
                              gint64          since,
                              guint           limit,
                              guint          *total,
                              GError        **error)
{
  STORE_LOCKED (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  if (total != NULL)
    {
      stmt = briefing_store_prepare (self, "SELECT COUNT (*) " LIST_FROM ARRIVALS_WHERE, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, since);
      *total = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }

  stmt = briefing_store_prepare (self,
                                 "SELECT " LIST_COLUMNS LIST_FROM ARRIVALS_WHERE
                                 "ORDER BY e.published DESC, e.id DESC LIMIT ?2",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, limit);

  return briefing_store_list_rows (self, stmt, error);
}

static gboolean
load_topics (BriefingStore  *self,
             BriefingEntry  *entry,
             GError        **error)
{
  sqlite3_stmt *stmt;

  g_assert (BRIEFING_IS_STORE (self));

  stmt = briefing_store_prepare (self,
                                 "SELECT t.name, t.kind, et.weight * " BRIEFING_TOPIC_RARITY_SQL ("t.entries") " AS w "
                                 "FROM entry_topics et JOIN topics t ON t.id = et.topic_id "
                                 "WHERE et.entry_id = ? ORDER BY w DESC, t.name COLLATE NOCASE",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, briefing_entry_get_id (entry));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BriefingTopicKind kind = briefing_topic_kind_from_string (briefing_store_column_text (stmt, 1));

      g_ptr_array_add (briefing_entry_get_topics (entry),
                       briefing_topic_new_weighted (briefing_store_column_text (stmt, 0), kind,
                                                    sqlite3_column_double (stmt, 2)));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * briefing_store_get_entry:
 *
 * Returns: (transfer full): the entry with everything the article view
 *   shows, or %NULL with @error set
 */
BriefingEntry *
briefing_store_get_entry (BriefingStore  *self,
                          gint64          entry_id,
                          GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(BriefingEntry) entry = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self,
                                 "SELECT " LIST_COLUMNS ", e.updated, e.authors, e.summary, e.content, "
                                 "  e.image_caption, e.image_credit, e.image_width, e.image_height, "
                                 "  e.categories, e.enclosures "
                                 LIST_FROM "WHERE e.id = ?",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                   "There is no briefing %" G_GINT64_FORMAT, entry_id);
      return NULL;
    }

  entry = briefing_store_entry_from_list_row (stmt);
  briefing_entry_set_updated (entry, sqlite3_column_int64 (stmt, LIST_N_COLUMNS));
  parse_json_list (briefing_store_column_text (stmt, LIST_N_COLUMNS + 1), briefing_entry_get_authors (entry),
                   add_person_from_json);
  briefing_entry_set_summary (entry, briefing_store_column_text (stmt, LIST_N_COLUMNS + 2));
  briefing_entry_set_content (entry, briefing_store_column_text (stmt, LIST_N_COLUMNS + 3));
  if (briefing_entry_get_image (entry) != NULL)
    {
      BriefingImage *image = briefing_image_copy (briefing_entry_get_image (entry));

      image->caption = g_strdup (briefing_store_column_text (stmt, LIST_N_COLUMNS + 4));
      image->credit = g_strdup (briefing_store_column_text (stmt, LIST_N_COLUMNS + 5));
      image->width = sqlite3_column_int (stmt, LIST_N_COLUMNS + 6);
      image->height = sqlite3_column_int (stmt, LIST_N_COLUMNS + 7);
      briefing_entry_take_image (entry, image);
    }
  parse_json_list (briefing_store_column_text (stmt, LIST_N_COLUMNS + 8), briefing_entry_get_categories (entry),
                   add_category_from_json);
  parse_json_list (briefing_store_column_text (stmt, LIST_N_COLUMNS + 9), briefing_entry_get_enclosures (entry),
                   add_enclosure_from_json);
  sqlite3_reset (stmt);

  if (!load_topics (self, entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/* State ------------------------------------------------------------------- */

static const char * const set_state_sql[] = {
  [BRIEFING_ENTRY_FIELD_READ] =
    "INSERT INTO entry_state (source_id, key, read, changed) "
    "SELECT source_id, key, ?2, ?3 FROM entries WHERE id = ?1 "
    "ON CONFLICT (source_id, key) DO UPDATE SET read = excluded.read, changed = excluded.changed",
  [BRIEFING_ENTRY_FIELD_STARRED] =
    "INSERT INTO entry_state (source_id, key, starred, changed) "
    "SELECT source_id, key, ?2, ?3 FROM entries WHERE id = ?1 "
    "ON CONFLICT (source_id, key) DO UPDATE SET starred = excluded.starred, changed = excluded.changed",
};

static gboolean
set_state (BriefingStore       *self,
           gint64               entry_id,
           BriefingEntryField   field,
           gboolean             value,
           GError             **error)
{
  sqlite3_stmt *stmt = briefing_store_prepare (self, set_state_sql[field], error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert (BRIEFING_IS_STORE (self));

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, value ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!briefing_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND,
                   "There is no briefing %" G_GINT64_FORMAT, entry_id);
      return FALSE;
    }

  /* An account's entry: the change waits for its server, in the same
   * transaction, so that a kill loses neither or both. */
  return briefing_store_queue_change (self, entry_id, field, value, now, error);
}

static gboolean
set_state_one (BriefingStore       *self,
               gint64               entry_id,
               BriefingEntryField   field,
               gboolean             value,
               GError             **error)
{
  g_autoptr(GArray) ids = NULL;

  gboolean nested;

  g_assert (BRIEFING_IS_STORE (self));

  if (!briefing_store_begin (self, &nested, error))
    return FALSE;

  if (!set_state (self, entry_id, field, value, error) ||
      !briefing_store_commit (self, nested, error))
    {
      briefing_store_rollback (self, nested);
      return FALSE;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, entry_id);
  briefing_store_emit_entry_changed (self, ids, field, value);

  return TRUE;
}

/* Several entries in one transaction, announced once. */
static gboolean
set_state_many (BriefingStore       *self,
                GArray              *entry_ids,
                BriefingEntryField   field,
                gboolean             value,
                GError             **error)
{
  g_autoptr(GArray) changed = g_array_sized_new (FALSE, FALSE, sizeof (gint64), entry_ids->len);

  g_assert (BRIEFING_IS_STORE (self));

  if (!briefing_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < entry_ids->len; i++)
    {
      gint64 id = g_array_index (entry_ids, gint64, i);
      g_autoptr(GError) local_error = NULL;

      /* An entry pruned meanwhile is no reason to fail the others. */
      if (set_state (self, id, field, value, &local_error))
        g_array_append_val (changed, id);
      else if (!g_error_matches (local_error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          briefing_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  if (!briefing_store_exec (self, "COMMIT", error))
    return FALSE;

  briefing_store_emit_entry_changed (self, changed, field, value);

  return TRUE;
}

gboolean
briefing_store_set_read (BriefingStore  *self,
                         gint64          entry_id,
                         gboolean        read,
                         GError        **error)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  return set_state_one (self, entry_id, BRIEFING_ENTRY_FIELD_READ, read, error);
}

/**
 * briefing_store_set_read_many:
 * @entry_ids: (element-type gint64): the entries
 *
 * Marks several entries at once, in one transaction. Entries that are
 * gone are skipped.
 */
gboolean
briefing_store_set_read_many (BriefingStore  *self,
                              GArray         *entry_ids,
                              gboolean        read,
                              GError        **error)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry_ids != NULL, FALSE);

  return set_state_many (self, entry_ids, BRIEFING_ENTRY_FIELD_READ, read, error);
}

/**
 * briefing_store_set_starred_many:
 * @entry_ids: (element-type gint64): the entries
 *
 * Stars or unstars several entries at once, in one transaction.
 */
gboolean
briefing_store_set_starred_many (BriefingStore  *self,
                                 GArray         *entry_ids,
                                 gboolean        starred,
                                 GError        **error)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry_ids != NULL, FALSE);

  return set_state_many (self, entry_ids, BRIEFING_ENTRY_FIELD_STARRED, starred, error);
}

/**
 * briefing_store_mark_all_read:
 * @query: which entries (its limit and unread_only are ignored)
 *
 * Marks every unread entry matching @query read.
 *
 * Returns: (transfer full) (element-type gint64): the entries that
 *   changed, so that the reader can undo; %NULL with @error set
 */
GArray *
briefing_store_mark_all_read (BriefingStore        *self,
                              const BriefingQuery  *query,
                              GError              **error)
{
  STORE_LOCKED (self);
  g_autoptr(GPtrArray) unread = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  BriefingQuery all_unread = *query;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  all_unread.unread_only = TRUE;
  all_unread.limit = 0;
  all_unread.offset = 0;
  all_unread.before_id = 0;
  all_unread.stories_once = FALSE;   /* the entries a story shows under its newest too */

  unread = briefing_store_list_entries (self, &all_unread, error);
  if (unread == NULL)
    return NULL;

  for (guint i = 0; i < unread->len; i++)
    {
      gint64 id = briefing_entry_get_id (g_ptr_array_index (unread, i));

      g_array_append_val (ids, id);
    }

  if (!briefing_store_set_read_many (self, ids, TRUE, error))
    return NULL;

  return g_steal_pointer (&ids);
}

gboolean
briefing_store_set_starred (BriefingStore  *self,
                            gint64          entry_id,
                            gboolean        starred,
                            GError        **error)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);

  return set_state_one (self, entry_id, BRIEFING_ENTRY_FIELD_STARRED, starred, error);
}
