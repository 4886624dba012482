/* briefing-topic.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-topic"

#include "config.h"

#include "briefing-topic.h"

#include "briefing-lexicon.h"

#include <string.h>

/* A person, place, organisation or category a briefing is about. Topics
 * are immutable values; the UI shows them as chips. */
struct _BriefingTopic
{
  GObject            parent_instance;

  char              *name;
  BriefingTopicKind  kind;
  double             weight;   /* salience in its briefing */
};

G_DEFINE_FINAL_TYPE (BriefingTopic, briefing_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
briefing_topic_finalize (GObject *object)
{
  BriefingTopic *self = (BriefingTopic *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (briefing_topic_parent_class)->finalize (object);
}

static void
briefing_topic_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BriefingTopic *self = BRIEFING_TOPIC (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND_NAME:
      g_value_set_string (value, briefing_topic_kind_to_string (self->kind));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_topic_class_init (BriefingTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_topic_finalize;
  object_class->get_property = briefing_topic_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND_NAME] =
    g_param_spec_string ("kind-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
briefing_topic_init (BriefingTopic *self)
{
}

BriefingTopic *
briefing_topic_new (const char        *name,
                    BriefingTopicKind  kind)
{
  BriefingTopic *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (BRIEFING_TYPE_TOPIC, NULL);
  self->name = g_strdup (name);
  self->kind = kind;
  self->weight = 1.0;

  return self;
}

/**
 * briefing_topic_new_weighted:
 * @weight: how much the briefing is about it (its salience)
 */
BriefingTopic *
briefing_topic_new_weighted (const char        *name,
                             BriefingTopicKind  kind,
                             double             weight)
{
  BriefingTopic *self = briefing_topic_new (name, kind);

  self->weight = weight;

  return self;
}

double
briefing_topic_get_weight (BriefingTopic *self)
{
  g_return_val_if_fail (BRIEFING_IS_TOPIC (self), 0.0);

  return self->weight;
}

const char *
briefing_topic_get_name (BriefingTopic *self)
{
  g_return_val_if_fail (BRIEFING_IS_TOPIC (self), NULL);

  return self->name;
}

BriefingTopicKind
briefing_topic_get_kind (BriefingTopic *self)
{
  g_return_val_if_fail (BRIEFING_IS_TOPIC (self), BRIEFING_TOPIC_KEYWORD);

  return self->kind;
}

/**
 * briefing_topic_normalize:
 *
 * Folds a topic name to the key that decides whether two names are the
 * same topic: briefing_lexicon_key(), so that case, full stops, curly
 * apostrophes and a slug's hyphens ("muslim-women") make no difference.
 *
 * Returns: (transfer full): the key
 */
char *
briefing_topic_normalize (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return briefing_lexicon_key (name, -1);
}
