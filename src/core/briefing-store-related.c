/* briefing-store-related.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-store"

#include "config.h"

#include "briefing-entry.h"
#include "briefing-lexicon.h"
#include "briefing-store-private.h"

#include <math.h>
#include <string.h>

/* Related briefings: what else in the store is about what this one is
 * about, ranked by all the evidence at once:
 *
 * - shared topics, each counting for its salience in both briefings and
 *   for its rarity across the store (a topic on everything relates
 *   nothing);
 * - shared words: FTS5's bm25 over the briefing's headline words and
 *   topic names, relative to the briefing's own score, which tells
 *   "foreign ministers meet" from "defence ministers meet" when the
 *   people and places are the same;
 * - time: coverage of one event clusters within days, so a briefing a
 *   week apart about the same people ranks below one of the same day;
 * - source: another outlet's take is the point. */

#define MAX_TOPICS       12      /* the briefing's most salient */
#define MAX_TOPIC_FANOUT 2000    /* a topic on more entries says too little to read them all */
#define MAX_TEXT_MATCHES 80
#define MAX_TEXT_TERMS   8
#define MAX_TERM_SHARE   0.02    /* a word in more of the store than this tells little apart */
#define WINDOW_DAYS      45
#define TIME_SCALE_DAYS  3.0
#define TOPIC_SHARE      0.55
#define TEXT_SHARE       0.45
#define SAME_SOURCE      0.7

typedef struct
{
  gint64 id;
  gint64 source_id;
  gint64 published;
  double topics;   /* shared salient topic mass */
  double text;     /* bm25, relative to the briefing's own */
} Candidate;

typedef struct
{
  gint64  id;
  gint64  source_id;
  gint64  published;
  char   *title;
  double  mass;
  gint64  store_entries;
  GArray *topic_ids;
  GArray *weights;
  GPtrArray *topic_names;
} Origin;

static void
origin_clear (Origin *origin)
{
  g_free (origin->title);
  g_clear_pointer (&origin->topic_ids, g_array_unref);
  g_clear_pointer (&origin->weights, g_array_unref);
  g_clear_pointer (&origin->topic_names, g_ptr_array_unref);
}

static gboolean
load_origin (BriefingStore  *self,
             gint64          entry_id,
             Origin         *origin,
             GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = briefing_store_prepare (self, "SELECT source_id, published, title FROM entries WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  origin->id = entry_id;
  origin->source_id = sqlite3_column_int64 (stmt, 0);
  origin->published = sqlite3_column_int64 (stmt, 1);
  origin->title = g_strdup (briefing_store_column_text (stmt, 2));
  sqlite3_reset (stmt);

  /* The highest id is near enough the store's size, and costs nothing. */
  stmt = briefing_store_prepare (self, "SELECT MAX (id) FROM entries", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    origin->store_entries = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  origin->topic_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  origin->weights = g_array_new (FALSE, FALSE, sizeof (double));
  origin->topic_names = g_ptr_array_new_with_free_func (g_free);

  stmt = briefing_store_prepare (self,
                                 "SELECT et.topic_id, et.weight, t.entries, t.key FROM entry_topics et "
                                 "JOIN topics t ON t.id = et.topic_id WHERE et.entry_id = ? "
                                 "ORDER BY et.weight * " BRIEFING_TOPIC_RARITY_SQL ("t.entries") " DESC LIMIT ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, MAX_TOPICS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 topic_id = sqlite3_column_int64 (stmt, 0);
      double weight = sqlite3_column_double (stmt, 1);
      gint64 entries = sqlite3_column_int64 (stmt, 2);

      origin->mass += weight * briefing_topic_rarity (entries);
      if (entries > MAX_TOPIC_FANOUT)
        continue;
      g_array_append_val (origin->topic_ids, topic_id);
      g_array_append_val (origin->weights, weight);
      g_ptr_array_add (origin->topic_names, g_strdup (briefing_store_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static Candidate *
candidate_get (GHashTable *candidates,
               gint64      id)
{
  Candidate *candidate = g_hash_table_lookup (candidates, &id);

  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->id = id;
      candidate->published = G_MININT64;
      g_hash_table_insert (candidates, &candidate->id, candidate);
    }

  return candidate;
}

static gboolean
add_topic_evidence (BriefingStore  *self,
                    Origin         *origin,
                    GHashTable     *candidates,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 window = (gint64) WINDOW_DAYS * 86400;

  stmt = briefing_store_prepare (self,
                                 "SELECT et.entry_id, et.weight, t.entries, e.source_id, e.published "
                                 "FROM entry_topics et JOIN topics t ON t.id = et.topic_id "
                                 "JOIN entries e ON e.id = et.entry_id "
                                 "WHERE et.topic_id = ?1 AND e.published BETWEEN ?2 AND ?3 AND et.entry_id != ?4",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < origin->topic_ids->len; i++)
    {
      double mine = g_array_index (origin->weights, double, i);

      sqlite3_bind_int64 (stmt, 1, g_array_index (origin->topic_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, origin->published - window);
      sqlite3_bind_int64 (stmt, 3, origin->published + window);
      sqlite3_bind_int64 (stmt, 4, origin->id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Candidate *candidate = candidate_get (candidates, sqlite3_column_int64 (stmt, 0));
          double theirs = sqlite3_column_double (stmt, 1);

          candidate->topics += MIN (mine, theirs) * briefing_topic_rarity (sqlite3_column_int64 (stmt, 2));
          candidate->source_id = sqlite3_column_int64 (stmt, 3);
          candidate->published = sqlite3_column_int64 (stmt, 4);
        }
      sqlite3_reset (stmt);
    }

  return TRUE;
}

typedef struct
{
  char   *term;
  gint64  entries;   /* how many entries hold it */
} Term;

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->term);
}

/* How many entries hold a word, from the index's own counts; the words of
 * a name, the rarest of them. */
static gint64
term_entries (BriefingStore *self,
              const char    *term)
{
  sqlite3_stmt *stmt = briefing_store_prepare (self, "SELECT doc FROM entries_vocab WHERE term = ?", NULL);
  g_auto(GStrv) words = g_strsplit (term, " ", 8);
  gint64 fewest = G_MAXINT64;

  if (stmt == NULL)
    return 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gint64 entries = 0;

      if (*words[i] == '\0')
        continue;
      briefing_store_bind_text (stmt, 1, words[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        entries = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      fewest = MIN (fewest, entries);
    }

  return fewest == G_MAXINT64 ? 0 : fewest;
}

static void
add_term (BriefingStore *self,
          GArray        *terms,
          GHashTable    *seen,
          const char    *term)
{
  Term candidate;

  if (*term == '\0' || g_hash_table_contains (seen, term))
    return;
  g_hash_table_add (seen, g_strdup (term));

  candidate.term = g_strdup (term);
  candidate.entries = term_entries (self, term);
  g_array_append_val (terms, candidate);
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  gint64 x = ((const Term *) a)->entries;
  gint64 y = ((const Term *) b)->entries;

  return (x > y) - (x < y);
}

/* The headline's words and the topics' names that tell entries apart:
 * the rarest few, none in more than a fiftieth of the store (bm25 over a
 * word on every tenth entry costs much and says little). */
static char *
text_query (BriefingStore *self,
            Origin        *origin)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (Term));
  GString *query = g_string_new (NULL);
  gint64 most = MAX (50, (gint64) (origin->store_entries * MAX_TERM_SHARE));

  g_array_set_clear_func (terms, term_clear);

  if (origin->title != NULL)
    {
      g_autofree char *key = briefing_lexicon_key (origin->title, -1);
      GString *word = g_string_new (NULL);

      for (const char *p = key;; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != 0 && (g_unichar_isalnum (c) || c == '\''))
            {
              g_string_append_unichar (word, c);
              continue;
            }
          if (g_utf8_strlen (word->str, -1) >= 4
              && !briefing_lexicon_has_cue (BRIEFING_CUE_STOP, word->str, BRIEFING_LANG_ANY))
            add_term (self, terms, seen, word->str);
          g_string_truncate (word, 0);
          if (c == 0)
            break;
        }
      g_string_free (word, TRUE);
    }

  for (guint i = 0; i < origin->topic_names->len; i++)
    add_term (self, terms, seen, g_ptr_array_index (origin->topic_names, i));

  g_array_sort (terms, compare_terms);
  for (guint i = 0, used = 0; i < terms->len && used < MAX_TEXT_TERMS; i++)
    {
      const Term *term = &g_array_index (terms, Term, i);
      g_autoptr(GString) quoted = NULL;

      /* In no other entry: nothing to find with it. */
      if (term->entries <= 1 || term->entries > most)
        continue;

      quoted = g_string_new (term->term);
      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (query, "%s\"%s\"", query->len > 0 ? " OR " : "", quoted->str);
      used++;
    }

  return g_string_free (query, query->len == 0);
}

static gboolean
add_text_evidence (BriefingStore  *self,
                   Origin         *origin,
                   GHashTable     *candidates,
                   GError        **error)
{
  g_autofree char *query = text_query (self, origin);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  double own = 0.0;
  sqlite3_stmt *stmt;
  int rc;

  if (query == NULL)
    return TRUE;

  /* bm25 is negative, better is lower; the briefing's own score is the
   * most any other can reach, near enough. */
  stmt = briefing_store_prepare (self,
                                 "SELECT rowid, bm25 (entries_fts, 4.0, 2.0, 1.0) FROM entries_fts "
                                 "WHERE entries_fts MATCH ? ORDER BY rank LIMIT ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  briefing_store_bind_text (stmt, 1, query);
  sqlite3_bind_int (stmt, 2, MAX_TEXT_MATCHES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double score = -sqlite3_column_double (stmt, 1);

      if (id == origin->id)
        own = score;
      else
        {
          g_array_append_val (ids, id);
          g_array_append_val (scores, score);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return briefing_store_fail (self, error);

  if (own <= 0.0 && scores->len > 0)
    own = g_array_index (scores, double, 0);

  for (guint i = 0; i < ids->len && own > 0.0; i++)
    {
      Candidate *candidate = candidate_get (candidates, g_array_index (ids, gint64, i));

      candidate->text = MIN (1.0, g_array_index (scores, double, i) / own);
    }

  return TRUE;
}

/* Candidates found by their words alone have no source or time yet. */
static gboolean
fill_candidates (BriefingStore  *self,
                 GHashTable     *candidates,
                 GError        **error)
{
  GHashTableIter iter;
  Candidate *candidate;
  sqlite3_stmt *stmt;

  stmt = briefing_store_prepare (self, "SELECT source_id, published FROM entries WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &candidate))
    {
      if (candidate->published != G_MININT64)
        continue;
      sqlite3_bind_int64 (stmt, 1, candidate->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          candidate->source_id = sqlite3_column_int64 (stmt, 0);
          candidate->published = sqlite3_column_int64 (stmt, 1);
        }
      else
        g_hash_table_iter_remove (&iter);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static double
score (Origin    *origin,
       Candidate *candidate)
{
  double days = fabs ((double) (candidate->published - origin->published)) / 86400.0;
  double topics = origin->mass > 0.0 ? MIN (1.0, candidate->topics / origin->mass) : 0.0;
  double similarity = TOPIC_SHARE * topics + TEXT_SHARE * candidate->text;
  double closeness = exp (-days / TIME_SCALE_DAYS);

  return similarity * (0.3 + 0.7 * closeness) * (candidate->source_id == origin->source_id ? SAME_SOURCE : 1.0);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  double x = ((const BriefingRelatedHit *) a)->score;
  double y = ((const BriefingRelatedHit *) b)->score;

  return (x < y) - (x > y);
}

/**
 * briefing_store_rank_related:
 * @entry_id: the briefing
 * @max_days: only entries this close in time; 0 for the default window
 *
 * Scores every entry that shares topics or words with @entry_id.
 *
 * Returns: (transfer full) (element-type BriefingRelatedHit): the hits,
 *   best first; %NULL on error
 */
GArray *
briefing_store_rank_related (BriefingStore  *self,
                             gint64          entry_id,
                             double          max_days,
                             GError        **error)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (BriefingRelatedHit));
  Origin origin = { 0, };
  GHashTableIter iter;
  Candidate *candidate;
  gboolean ok;

  ok = load_origin (self, entry_id, &origin, error)
       && (origin.id == 0 || (add_topic_evidence (self, &origin, candidates, error)
                              && add_text_evidence (self, &origin, candidates, error)
                              && fill_candidates (self, candidates, error)));
  if (!ok)
    {
      origin_clear (&origin);
      g_array_unref (ranked);
      return NULL;
    }

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &candidate))
    {
      BriefingRelatedHit hit = {
        .id = candidate->id,
        .source_id = candidate->source_id,
        .published = candidate->published,
        .score = score (&origin, candidate),
      };

      if (max_days > 0 && fabs ((double) (candidate->published - origin.published)) > max_days * 86400)
        continue;
      if (hit.score > 0.0)
        g_array_append_val (ranked, hit);
    }
  g_array_sort (ranked, compare_hits);
  origin_clear (&origin);

  return ranked;
}

/**
 * briefing_store_list_related:
 * @entry_id: the briefing
 * @limit: how many at most; 0 for all
 *
 * Related briefings that are not in the briefing's story (those are its
 * coverage: briefing_store_list_coverage()).
 *
 * Returns: (transfer container) (element-type BriefingEntry): related
 *   entries, best first, each with its score (0 to 1)
 */
GPtrArray *
briefing_store_list_related (BriefingStore  *self,
                             gint64          entry_id,
                             guint           limit,
                             GError        **error)
{
  STORE_LOCKED (self);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ranked = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BRIEFING_IS_STORE (self), NULL);

  ranked = briefing_store_rank_related (self, entry_id, 0, error);
  if (ranked == NULL)
    return NULL;

  stmt = briefing_store_prepare (self,
                                 "SELECT " LIST_COLUMNS LIST_FROM
                                 "WHERE e.id = ?1 AND (e.story_id IS NULL "
                                 "  OR e.story_id IS NOT (SELECT story_id FROM entries WHERE id = ?2))",
                                 error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < ranked->len && (limit == 0 || entries->len < limit); i++)
    {
      const BriefingRelatedHit *hit = &g_array_index (ranked, BriefingRelatedHit, i);

      sqlite3_bind_int64 (stmt, 1, hit->id);
      sqlite3_bind_int64 (stmt, 2, entry_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          BriefingEntry *entry = briefing_store_entry_from_list_row (stmt);

          briefing_entry_set_score (entry, hit->score);
          g_ptr_array_add (entries, entry);
        }
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&entries);
}
