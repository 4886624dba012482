/* briefing-topics.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-topics"

#include "config.h"

#include "briefing-topics.h"

#include "briefing-entry.h"
#include "briefing-topic.h"
#include "briefing-utils.h"

#include <string.h>

/* Topics are what the related-topics pane shows and what links briefings
 * across sources. They come from the feed's own categories, typed by
 * their scheme where the publisher says what kind of thing a category
 * is. */

/* More chips than this are noise, whatever the feed says. */
#define MAX_TOPICS 24

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

static gboolean
has_topic (GPtrArray  *topics,
           const char *key)
{
  for (guint i = 0; i < topics->len; i++)
    {
      g_autofree char *other = briefing_topic_normalize (briefing_topic_get_name (g_ptr_array_index (topics, i)));

      if (g_str_equal (other, key))
        return TRUE;
    }

  return FALSE;
}

static void
add_topic (GPtrArray         *topics,
           const char        *name,
           BriefingTopicKind  kind)
{
  g_autofree char *stripped = briefing_strip_to_null (name);
  g_autofree char *key = NULL;

  if (stripped == NULL || topics->len >= MAX_TOPICS || g_utf8_strlen (stripped, -1) > 80)
    return;

  key = briefing_topic_normalize (stripped);
  if (*key == '\0' || has_topic (topics, key))
    return;

  g_ptr_array_add (topics, briefing_topic_new (stripped, kind));
}

void
briefing_topics_add_from_entry (BriefingEntry *entry)
{
  GPtrArray *categories = briefing_entry_get_categories (entry);
  GPtrArray *topics = briefing_entry_get_topics (entry);

  for (guint i = 0; i < categories->len; i++)
    {
      const BriefingCategory *category = g_ptr_array_index (categories, i);
      const char *name = category->label != NULL ? category->label : category->term;

      /* Comma-separated category strings are a common CMS habit. */
      if (name != NULL && strchr (name, ',') != NULL && category->label == NULL)
        {
          g_auto(GStrv) parts = g_strsplit (name, ",", 16);

          for (guint j = 0; parts[j] != NULL; j++)
            add_topic (topics, parts[j], kind_from_scheme (category->scheme));
        }
      else
        add_topic (topics, name, kind_from_scheme (category->scheme));
    }
}
