/* briefing-topics.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-topics"

#include "config.h"

#include "briefing-topics.h"

#include "briefing-entities.h"
#include "briefing-entry.h"
#include "briefing-topic.h"
#include "briefing-utils.h"

#include <string.h>

/* Topics are what the related-topics pane shows and what links briefings
 * across sources: the feed's own categories, typed by their scheme where
 * the publisher says what kind of thing a category is, and the people,
 * places and organisations the briefing names (briefing-entities.c),
 * most salient first. */

/* More chips than this are noise, whatever the feed says; and each
 * stored topic is a row written in every refresh. */
#define MAX_TOPICS 12

/* A category says what the publisher filed the briefing under: a little
 * less than one mention in its lead. */
#define CATEGORY_WEIGHT 1.5

static BriefingTopicKind
kind_from_scheme (const char *scheme)
{
  static const struct {
    const char        *word;
    BriefingTopicKind  kind;
  } hints[] = {
    { "person", BRIEFING_TOPIC_PERSON },
    { "people", BRIEFING_TOPIC_PERSON },
    { "place", BRIEFING_TOPIC_PLACE },
    { "location", BRIEFING_TOPIC_PLACE },
    { "geo", BRIEFING_TOPIC_PLACE },
    { "organisation", BRIEFING_TOPIC_ORGANISATION },
    { "organization", BRIEFING_TOPIC_ORGANISATION },
    { "company", BRIEFING_TOPIC_ORGANISATION },
  };
  g_autofree char *lower = NULL;

  if (scheme == NULL)
    return BRIEFING_TOPIC_CATEGORY;

  lower = g_ascii_strdown (scheme, -1);
  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    {
      if (strstr (lower, hints[i].word) != NULL)
        return hints[i].kind;
    }

  return BRIEFING_TOPIC_CATEGORY;
}

typedef struct
{
  char              *name;
  BriefingTopicKind  kind;
  double             weight;
  gboolean           slug;
} Draft;

static void
draft_free (Draft *draft)
{
  g_free (draft->name);
  g_free (draft);
}

/* "muslim-women", "dakota_collegiate": a CMS's slug, not a name. */
static gboolean
is_slug (const char *name)
{
  gboolean joiner = FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_')
        joiner = TRUE;
      else if (g_unichar_isspace (c) || g_unichar_isupper (c))
        return FALSE;
    }

  return joiner;
}

/* The plain form of a slug, for when the feed gives no other:
 * "muslim-women" reads "Muslim women". */
static char *
unslug (const char *name)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (name), "-_", ' ');
  g_autofree char *first = g_utf8_substring (spaced, 0, 1);
  g_autofree char *upper = g_utf8_strup (first, -1);

  return g_strconcat (upper, g_utf8_offset_to_pointer (spaced, 1), NULL);
}

static void
add_topic (GHashTable        *drafts,
           GPtrArray         *order,
           const char        *name,
           BriefingTopicKind  kind,
           double             weight,
           gboolean           is_category)
{
  g_autofree char *stripped = briefing_strip_to_null (name);
  g_autofree char *key = NULL;
  Draft *draft;
  gboolean slug;

  if (stripped == NULL || g_utf8_strlen (stripped, -1) > 80)
    return;

  key = briefing_topic_normalize (stripped);
  if (*key == '\0')
    return;

  slug = is_category && is_slug (stripped);
  draft = g_hash_table_lookup (drafts, key);
  if (draft == NULL)
    {
      draft = g_new0 (Draft, 1);
      draft->name = slug ? unslug (stripped) : g_strdup (stripped);
      draft->kind = kind;
      draft->slug = slug;
      g_hash_table_insert (drafts, g_steal_pointer (&key), draft);
      g_ptr_array_add (order, draft);
    }
  else if (draft->slug && !slug)
    {
      /* The plain form the text or another category gives wins. */
      g_free (draft->name);
      draft->name = g_strdup (stripped);
      draft->slug = FALSE;
    }

  /* A category the publisher left untyped takes the kind the text or the
   * lexicon gives the same name: "Ukraine" is a place. */
  if (draft->kind == BRIEFING_TOPIC_CATEGORY && kind != BRIEFING_TOPIC_CATEGORY && kind != BRIEFING_TOPIC_KEYWORD)
    draft->kind = kind;

  draft->weight += weight;
}

static int
compare_weight (gconstpointer a,
                gconstpointer b)
{
  const Draft *x = *(Draft **) a;
  const Draft *y = *(Draft **) b;

  return (x->weight < y->weight) - (x->weight > y->weight);
}

static GPtrArray *
author_names (BriefingEntry *entry)
{
  GPtrArray *authors = briefing_entry_get_authors (entry);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; authors != NULL && i < authors->len; i++)
    {
      const BriefingPerson *person = g_ptr_array_index (authors, i);

      if (person->name != NULL)
        g_ptr_array_add (names, person->name);
    }
  g_ptr_array_add (names, NULL);

  return names;
}

/* Benchmarks only: BRIEFING_BENCH_NO_ENTITIES=1 leaves topics to the
 * categories, so that bench-refresh can say what extraction adds to a
 * cold refresh. Read once, in this one place. */
static gboolean
extract_entities (void)
{
  static gsize enabled = 0;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_getenv ("BRIEFING_BENCH_NO_ENTITIES") != NULL ? 1 : 2);

  return enabled == 2;
}

/**
 * briefing_topics_add_from_entry:
 * @entry: a parsed entry, its summary and content sanitized
 * @language: (nullable): the feed's language
 * @source_title: (nullable): the feed's title
 *
 * Sets the entry's topics: its categories and the names it mentions,
 * most salient first.
 */
void
briefing_topics_add_from_entry (BriefingEntry *entry,
                                const char    *language,
                                const char    *source_title)
{
  GPtrArray *categories = briefing_entry_get_categories (entry);
  GPtrArray *topics = briefing_entry_get_topics (entry);
  const BriefingImage *image = briefing_entry_get_image (entry);
  g_autoptr(GHashTable) drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  g_autoptr(GPtrArray) authors = author_names (entry);
  g_autoptr(GPtrArray) entities = NULL;
  BriefingEntityText text = {
    .title = briefing_entry_get_title (entry),
    .summary = briefing_entry_get_summary (entry),
    .content = briefing_entry_get_content (entry),
    .caption = image != NULL ? image->caption : NULL,
    .language = language,
    .source_title = source_title,
    .authors = (const char * const *) authors->pdata,
  };

  for (guint i = 0; i < categories->len; i++)
    {
      const BriefingCategory *category = g_ptr_array_index (categories, i);
      const char *name = category->label != NULL ? category->label : category->term;
      BriefingTopicKind kind = kind_from_scheme (category->scheme);

      /* Comma-separated category strings are a common CMS habit. */
      if (name != NULL && strchr (name, ',') != NULL && category->label == NULL)
        {
          g_auto(GStrv) parts = g_strsplit (name, ",", 16);

          for (guint j = 0; parts[j] != NULL; j++)
            add_topic (drafts, order, parts[j], kind, CATEGORY_WEIGHT, TRUE);
        }
      else if (name != NULL)
        add_topic (drafts, order, name, kind, CATEGORY_WEIGHT, TRUE);
    }

  entities = extract_entities () ? briefing_entities_extract (&text) : g_ptr_array_new ();
  for (guint i = 0; i < entities->len; i++)
    {
      const BriefingEntity *entity = g_ptr_array_index (entities, i);

      add_topic (drafts, order, entity->name, entity->kind, entity->salience, FALSE);
    }

  g_ptr_array_sort (order, compare_weight);
  g_ptr_array_set_size (topics, 0);
  for (guint i = 0; i < order->len && i < MAX_TOPICS; i++)
    {
      const Draft *draft = g_ptr_array_index (order, i);

      g_ptr_array_add (topics, briefing_topic_new_weighted (draft->name, draft->kind, draft->weight));
    }
}
