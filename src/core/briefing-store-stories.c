/* briefing-store-stories.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-store"

#include "config.h"

#include "briefing-entry.h"
#include "briefing-store-private.h"
#include "briefing-topic.h"
#include "briefing-topics.h"

#include <string.h>

/* Stories: the same event from every source. Entries join one as they
 * arrive (oldest first): an entry whose best match from another source,
 * within days, scores above the bar joins that entry's story, or starts
 * one with it. Retention can take the entry that held a story together,
 * so a story that loses entries is taken apart and its entries grouped
 * again.
 *
 * Stored entries from before topics were extracted get theirs here too,
 * in the same small batches, so that an upgraded store catches up in the
 * background while the reader goes on reading. */

/* Coverage of one event: within three days, and alike enough that a near
 * miss (the same people at another meeting a week later) stays apart. */
#define STORY_MAX_DAYS  3.0
#define STORY_MIN_SCORE 0.25

void
briefing_story_free (BriefingStory *story)
{
  g_free (story->title);
  g_clear_pointer (&story->entries, g_ptr_array_unref);
  g_clear_pointer (&story->topics, g_ptr_array_unref);
  g_free (story);
}

static gboolean
set_story (BriefingStore  *self,
           gint64          entry_id,
           gint64          story_id,
           GError        **error)
{
  sqlite3_stmt *stmt = briefing_store_prepare (self, "UPDATE entries SET story_id = ?2, story_checked = 1 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (story_id > 0)
    sqlite3_bind_int64 (stmt, 2, story_id);
  else
    sqlite3_bind_null (stmt, 2);

  return briefing_store_step_done (self, stmt, error);
}

static gint64
story_of (BriefingStore *self,
          gint64         entry_id)
{
  sqlite3_stmt *stmt = briefing_store_prepare (self, "SELECT story_id FROM entries WHERE id = ?", NULL);
  gint64 story_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    story_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return story_id;
}

static gint64
new_story (BriefingStore  *self,
           GError        **error)
{
  if (!briefing_store_exec (self, "INSERT INTO stories DEFAULT VALUES", error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/* Whether @entry_id is, of its own source's entries, the one @other
 * matches best (or near enough): a paper's piece about the lifeboat
 * crew of a bay must not join the other paper's ferry story only because
 * it came first and both name the bay. */
static gboolean
best_of_its_source (BriefingStore  *self,
                    gint64          other,
                    gint64          entry_id,
                    gint64          source_id,
                    double          score,
                    GError        **error)
{
  g_autoptr(GArray) hits = briefing_store_rank_related (self, other, STORY_MAX_DAYS, error);

  if (hits == NULL)
    return FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      const BriefingRelatedHit *hit = &g_array_index (hits, BriefingRelatedHit, i);

      if (hit->source_id == source_id)
        return hit->id == entry_id || score >= 0.9 * hit->score;
    }

  return TRUE;
}

/* One entry: join the story of its best match from another source. */
static gboolean
group_one (BriefingStore  *self,
           gint64          entry_id,
           gint64          source_id,
           GError        **error)
{
  g_autoptr(GArray) hits = NULL;
  gint64 story_id;

  /* An earlier entry of this batch may have taken it into its story. */
  story_id = story_of (self, entry_id);
  if (story_id != 0)
    return set_story (self, entry_id, story_id, error);

  hits = briefing_store_rank_related (self, entry_id, STORY_MAX_DAYS, error);
  if (hits == NULL)
    return FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      const BriefingRelatedHit *hit = &g_array_index (hits, BriefingRelatedHit, i);

      if (hit->score < STORY_MIN_SCORE)
        break;
      if (hit->source_id == source_id)
        continue;
      if (!best_of_its_source (self, hit->id, entry_id, source_id, hit->score, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }

      story_id = story_of (self, hit->id);
      if (story_id == 0)
        {
          story_id = new_story (self, error);
          if (story_id == 0 || !set_story (self, hit->id, story_id, error))
            return FALSE;
        }
      break;
    }

  return set_story (self, entry_id, story_id, error);
}

/* Entries whose topics an older extractor gave: read them again. */
static gboolean
backfill_topics (BriefingStore  *self,
                 guint           max_entries,
                 guint          *done,
                 GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = briefing_store_prepare (self, "SELECT id FROM entries WHERE topics_version < ?1 ORDER BY published DESC LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, BRIEFING_TOPICS_VERSION);
  sqlite3_bind_int (stmt, 2, max_entries);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(BriefingEntry) entry = briefing_store_get_entry (self, id, error);
      g_autofree char *source_title = NULL;

      if (entry == NULL)
        return FALSE;

      source_title = g_strdup (briefing_entry_get_source_title (entry));
      briefing_topics_add_from_entry (entry, NULL, source_title);
      if (!briefing_store_save_topics (self, id, entry, TRUE, error))
        return FALSE;

      stmt = briefing_store_prepare (self, "UPDATE entries SET topics_version = ?2, story_checked = 0, story_id = NULL WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, BRIEFING_TOPICS_VERSION);
      if (!briefing_store_step_done (self, stmt, error))
        return FALSE;
    }

  *done += ids->len;

  return TRUE;
}

/**
 * briefing_store_group_stories:
 * @max_entries: how many entries to read at most in this call
 * @done: (out): how many it read
 *
 * One small batch of the background work on stored entries: topics for
 * entries that lack this version's, then stories for entries not yet
 * grouped. Call it again while @done is not 0; each call is one short
 * transaction, so the store answers other requests between calls.
 */
gboolean
briefing_store_group_stories (BriefingStore  *self,
                              guint           max_entries,
                              guint          *done,
                              GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  gboolean nested;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  *done = 0;
  if (!briefing_store_begin (self, &nested, error))
    return FALSE;

  if (!backfill_topics (self, max_entries, done, error))
    goto failed;

  if (*done == 0)
    {
      stmt = briefing_store_prepare (self,
                                     "SELECT id, source_id FROM entries WHERE story_checked = 0 "
                                     "ORDER BY published, id LIMIT ?",
                                     error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int (stmt, 1, max_entries);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 row[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

          g_array_append_vals (pending, row, 1);
        }
      sqlite3_reset (stmt);

      for (guint i = 0; i < pending->len; i++)
        {
          const gint64 *row = &g_array_index (pending, gint64, i * 2);

          if (!group_one (self, row[0], row[1], error))
            goto failed;
        }
      *done = pending->len;
    }

  return briefing_store_commit (self, nested, error);

failed:
  briefing_store_rollback (self, nested);
  return FALSE;
}

/**
 * briefing_store_get_story:
 *
 * Returns: the story @entry_id belongs to, or 0
 */
gint64
briefing_store_get_story (BriefingStore *self,
                          gint64         entry_id)
{
  STORE_LOCKED (self);

  g_return_val_if_fail (BRIEFING_IS_STORE (self), 0);

  return story_of (self, entry_id);
}

static GPtrArray *
story_entries (BriefingStore  *self,
               gint64          story_id,
               gint64          except,
               GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = briefing_store_prepare (self,
                                 "SELECT " LIST_COLUMNS LIST_FROM
                                 "WHERE e.story_id = ?1 AND e.id != ?2 ORDER BY e.published, e.id",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, story_id);
  sqlite3_bind_int64 (stmt, 2, except);

  return briefing_store_list_rows (self, stmt, error);
}

/**
 * briefing_store_list_coverage:
 *
 * The other entries of @entry_id's story, oldest first.
 *
 * Returns: (transfer container) (element-type BriefingEntry): the
 *   entries; empty when it is in no story
 */
GPtrArray *
briefing_store_list_coverage (BriefingStore  *self,
                              gint64          entry_id,
                              GError        **error)
{
  STORE_LOCKED (self);
  gint64 story_id;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  story_id = story_of (self, entry_id);
  if (story_id == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  return story_entries (self, story_id, entry_id, error);
}

/* The topics most of a story's entries share, most salient first. */
static GPtrArray *
story_topics (BriefingStore  *self,
              gint64          story_id,
              GError        **error)
{
  GPtrArray *topics = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  stmt = briefing_store_prepare (self,
                                 "SELECT t.name, t.kind, SUM (et.weight) * " BRIEFING_TOPIC_RARITY_SQL ("t.entries") " AS w "
                                 "FROM entries e JOIN entry_topics et ON et.entry_id = e.id "
                                 "JOIN topics t ON t.id = et.topic_id WHERE e.story_id = ? "
                                 "GROUP BY t.id HAVING COUNT (*) >= 2 ORDER BY w DESC LIMIT 8",
                                 error);
  if (stmt == NULL)
    {
      g_ptr_array_unref (topics);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, story_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (topics, briefing_topic_new_weighted (briefing_store_column_text (stmt, 0),
                                                          briefing_topic_kind_from_string (briefing_store_column_text (stmt, 1)),
                                                          sqlite3_column_double (stmt, 2)));
  sqlite3_reset (stmt);

  return topics;
}

/**
 * briefing_store_list_stories:
 * @limit: how many at most; 0 for all
 *
 * Stories of two or more entries, the newest news first. A story's title
 * is its first entry's.
 *
 * Returns: (transfer container) (element-type BriefingStory): the stories
 */
GPtrArray *
briefing_store_list_stories (BriefingStore  *self,
                             guint           limit,
                             GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_story_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  stmt = briefing_store_prepare (self,
                                 "SELECT story_id FROM entries WHERE story_id IS NOT NULL "
                                 "GROUP BY story_id HAVING COUNT (*) >= 2 ORDER BY MAX (published) DESC LIMIT ?",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      BriefingStory *story = g_new0 (BriefingStory, 1);

      story->id = g_array_index (ids, gint64, i);
      g_ptr_array_add (stories, story);
      story->entries = story_entries (self, story->id, 0, error);
      story->topics = story_topics (self, story->id, error);
      if (story->entries == NULL || story->topics == NULL)
        return NULL;
      if (story->entries->len > 0)
        story->title = g_strdup (briefing_entry_get_title (g_ptr_array_index (story->entries, 0)));
    }

  return g_steal_pointer (&stories);
}
