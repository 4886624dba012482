/* briefing-entry.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-entry"

#include "config.h"

#include "briefing-entry.h"
#include "briefing-topic.h"
#include "briefing-utils.h"

/* One briefing: what a feed said about a story, plus the reader's state.
 * The parser fills it, the store persists it, the UI binds to its
 * properties. */
struct _BriefingEntry
{
  GObject        parent_instance;

  gint64         id;
  gint64         source_id;
  const char    *source_title;   /* interned: a few sources for thousands of entries */
  const char    *source_url;
  char          *guid;
  char          *title;
  char          *link;
  gint64         published;
  gint64         updated;
  char          *summary;
  char          *content;
  BriefingImage *image;
  GPtrArray     *authors;
  GPtrArray     *categories;
  GPtrArray     *enclosures;
  GPtrArray     *topics;
  char          *index_summary;
  char          *index_body;
  double         score;
  gint64         story_id;
  guint          story_sources;

  guint          read : 1;
  guint          starred : 1;
};

G_DEFINE_FINAL_TYPE (BriefingEntry, briefing_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_TITLE,
  PROP_TITLE,
  PROP_LINK,
  PROP_PUBLISHED,
  PROP_SUMMARY,
  PROP_IMAGE_URL,
  PROP_READ,
  PROP_STARRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
briefing_entry_finalize (GObject *object)
{
  BriefingEntry *self = (BriefingEntry *)object;

  g_clear_pointer (&self->guid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->image, briefing_image_free);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->enclosures, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->index_summary, g_free);
  g_clear_pointer (&self->index_body, g_free);

  G_OBJECT_CLASS (briefing_entry_parent_class)->finalize (object);
}

static void
briefing_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BriefingEntry *self = BRIEFING_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SOURCE_TITLE:
      g_value_set_string (value, self->source_title);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;

    case PROP_PUBLISHED:
      g_value_set_int64 (value, self->published);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_IMAGE_URL:
      g_value_set_string (value, briefing_entry_get_image_url (self));
      break;

    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BriefingEntry *self = BRIEFING_ENTRY (object);

  switch (prop_id)
    {
    case PROP_READ:
      briefing_entry_set_read (self, g_value_get_boolean (value));
      break;

    case PROP_STARRED:
      briefing_entry_set_starred (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_entry_class_init (BriefingEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_entry_finalize;
  object_class->get_property = briefing_entry_get_property;
  object_class->set_property = briefing_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE_TITLE] =
    g_param_spec_string ("source-title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LINK] =
    g_param_spec_string ("link", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PUBLISHED] =
    g_param_spec_int64 ("published", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMAGE_URL] =
    g_param_spec_string ("image-url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
briefing_entry_init (BriefingEntry *self)
{
}

BriefingEntry *
briefing_entry_new (void)
{
  return g_object_new (BRIEFING_TYPE_ENTRY, NULL);
}

/* Setters below are used while an entry is being built (by the parser or
 * the store), before anyone binds to it, so only the state a reader can
 * change (read, starred) notifies. */

/* @store is how a setter keeps the string: a copy of its own, or the
 * interned string. */
#define DEFINE_STRING_FIELD_STORED(field, store)                            \
const char *                                                                \
briefing_entry_get_##field (BriefingEntry *self)                            \
{                                                                           \
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);                    \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
briefing_entry_set_##field (BriefingEntry *self,                            \
                            const char    *field)                           \
{                                                                           \
  g_return_if_fail (BRIEFING_IS_ENTRY (self));                              \
  store;                                                                    \
}

#define DEFINE_STRING_FIELD(field) \
  DEFINE_STRING_FIELD_STORED (field, briefing_set_str (&self->field, field))

/* The source's title and address are interned: the sidebar holds
 * thousands of entries of a few sources. */
#define DEFINE_INTERNED_FIELD(field) \
  DEFINE_STRING_FIELD_STORED (field, self->field = g_intern_string (field))

#define DEFINE_INT64_FIELD(field)                                           \
gint64                                                                      \
briefing_entry_get_##field (BriefingEntry *self)                            \
{                                                                           \
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), 0);                       \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
briefing_entry_set_##field (BriefingEntry *self,                            \
                            gint64         field)                           \
{                                                                           \
  g_return_if_fail (BRIEFING_IS_ENTRY (self));                              \
  self->field = field;                                                      \
}

DEFINE_INTERNED_FIELD (source_title)
DEFINE_INTERNED_FIELD (source_url)
DEFINE_STRING_FIELD (guid)
DEFINE_STRING_FIELD (title)
DEFINE_STRING_FIELD (link)
DEFINE_STRING_FIELD (summary)
DEFINE_STRING_FIELD (content)
DEFINE_INT64_FIELD (id)
DEFINE_INT64_FIELD (source_id)
DEFINE_INT64_FIELD (published)
DEFINE_INT64_FIELD (updated)

const BriefingImage *
briefing_entry_get_image (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return self->image;
}

void
briefing_entry_take_image (BriefingEntry *self,
                           BriefingImage *image)
{
  g_return_if_fail (BRIEFING_IS_ENTRY (self));

  g_clear_pointer (&self->image, briefing_image_free);
  self->image = image;
}

const char *
briefing_entry_get_image_url (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return self->image != NULL ? self->image->url : NULL;
}

gboolean
briefing_entry_get_read (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), FALSE);

  return self->read;
}

void
briefing_entry_set_read (BriefingEntry *self,
                         gboolean       read)
{
  g_return_if_fail (BRIEFING_IS_ENTRY (self));

  read = !!read;
  if (self->read == read)
    return;

  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

gboolean
briefing_entry_get_starred (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), FALSE);

  return self->starred;
}

void
briefing_entry_set_starred (BriefingEntry *self,
                            gboolean       starred)
{
  g_return_if_fail (BRIEFING_IS_ENTRY (self));

  starred = !!starred;
  if (self->starred == starred)
    return;

  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

/* The lists are made when first asked for: the sidebar holds thousands
 * of entries that never have any. */
static GPtrArray *
ensure_list (GPtrArray      **list,
             GDestroyNotify   free_func)
{
  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (free_func);

  return *list;
}

/**
 * briefing_entry_get_authors:
 *
 * Returns: (transfer none) (element-type BriefingPerson): the authors,
 *   which callers may append to while building the entry
 */
GPtrArray *
briefing_entry_get_authors (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return ensure_list (&self->authors, (GDestroyNotify) briefing_person_free);
}

GPtrArray *
briefing_entry_get_categories (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return ensure_list (&self->categories, (GDestroyNotify) briefing_category_free);
}

GPtrArray *
briefing_entry_get_enclosures (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return ensure_list (&self->enclosures, (GDestroyNotify) briefing_enclosure_free);
}

/**
 * briefing_entry_get_topics:
 *
 * Returns: (transfer none) (element-type BriefingTopic): the topics
 */
GPtrArray *
briefing_entry_get_topics (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return ensure_list (&self->topics, g_object_unref);
}

/**
 * briefing_entry_dup_byline:
 *
 * Joins the authors' names ("A, B and C" is left to the UI's locale; this
 * is a plain comma list) for display.
 *
 * Returns: (transfer full) (nullable): the byline, or %NULL without authors
 */
char *
briefing_entry_dup_byline (BriefingEntry *self)
{
  g_autoptr(GString) str = NULL;

  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  for (guint i = 0; self->authors != NULL && i < self->authors->len; i++)
    {
      const BriefingPerson *person = g_ptr_array_index (self->authors, i);
      const char *name = person->name != NULL ? person->name : person->email;

      if (name == NULL || *name == '\0')
        continue;

      if (str == NULL)
        str = g_string_new (name);
      else
        g_string_append_printf (str, ", %s", name);
    }

  return str != NULL ? g_string_free (g_steal_pointer (&str), FALSE) : NULL;
}

/**
 * briefing_entry_get_story_id:
 *
 * Returns: the story (one event across sources) the entry belongs to, as
 *   listed; 0 for none
 */
gint64
briefing_entry_get_story_id (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), 0);

  return self->story_id;
}

/**
 * briefing_entry_get_story_sources:
 *
 * Returns: how many sources the entry's story has, this one included, as
 *   listed; 0 when it is in no story
 */
guint
briefing_entry_get_story_sources (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), 0);

  return self->story_sources;
}

void
briefing_entry_set_story (BriefingEntry *self,
                          gint64         story_id,
                          guint          sources)
{
  g_return_if_fail (BRIEFING_IS_ENTRY (self));

  self->story_id = story_id;
  self->story_sources = story_id != 0 ? sources : 0;
}

/**
 * briefing_entry_get_score:
 *
 * Returns: how well the entry matched the query that found it (related
 *   briefings); 0 when it was not found by relevance
 */
double
briefing_entry_get_score (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), 0);

  return self->score;
}

void
briefing_entry_set_score (BriefingEntry *self,
                          double         score)
{
  g_return_if_fail (BRIEFING_IS_ENTRY (self));

  self->score = score;
}

/**
 * briefing_entry_set_index_text:
 *
 * Keeps the plain text the search index needs, worked out ahead of time
 * (see briefing_store_prepare_feed()) so that the store's one writer
 * thread does not have to.
 */
void
briefing_entry_set_index_text (BriefingEntry *self,
                               const char    *summary,
                               const char    *body)
{
  g_return_if_fail (BRIEFING_IS_ENTRY (self));

  briefing_set_str (&self->index_summary, summary);
  briefing_set_str (&self->index_body, body);
}

const char *
briefing_entry_get_index_summary (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return self->index_summary;
}

const char *
briefing_entry_get_index_body (BriefingEntry *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY (self), NULL);

  return self->index_body;
}
