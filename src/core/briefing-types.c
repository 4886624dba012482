/* briefing-types.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-types.h"

BriefingPerson *
briefing_person_new (const char *name,
                     const char *email,
                     const char *uri)
{
  BriefingPerson *person = g_new0 (BriefingPerson, 1);

  person->name = g_strdup (name);
  person->email = g_strdup (email);
  person->uri = g_strdup (uri);

  return person;
}

void
briefing_person_free (BriefingPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->name);
  g_free (person->email);
  g_free (person->uri);
  g_free (person);
}

BriefingCategory *
briefing_category_new (const char *term,
                       const char *scheme,
                       const char *label)
{
  BriefingCategory *category = g_new0 (BriefingCategory, 1);

  category->term = g_strdup (term);
  category->scheme = g_strdup (scheme);
  category->label = g_strdup (label);

  return category;
}

void
briefing_category_free (BriefingCategory *category)
{
  if (category == NULL)
    return;

  g_free (category->term);
  g_free (category->scheme);
  g_free (category->label);
  g_free (category);
}

BriefingEnclosure *
briefing_enclosure_new (const char *url,
                        const char *type,
                        gint64      length)
{
  BriefingEnclosure *enclosure = g_new0 (BriefingEnclosure, 1);

  enclosure->url = g_strdup (url);
  enclosure->type = g_strdup (type);
  enclosure->length = length;

  return enclosure;
}

void
briefing_enclosure_free (BriefingEnclosure *enclosure)
{
  if (enclosure == NULL)
    return;

  g_free (enclosure->url);
  g_free (enclosure->type);
  g_free (enclosure);
}

BriefingImage *
briefing_image_new (void)
{
  return g_new0 (BriefingImage, 1);
}

BriefingImage *
briefing_image_copy (const BriefingImage *image)
{
  BriefingImage *copy;

  if (image == NULL)
    return NULL;

  copy = briefing_image_new ();
  copy->url = g_strdup (image->url);
  copy->caption = g_strdup (image->caption);
  copy->credit = g_strdup (image->credit);
  copy->width = image->width;
  copy->height = image->height;

  return copy;
}

void
briefing_image_free (BriefingImage *image)
{
  if (image == NULL)
    return;

  g_free (image->url);
  g_free (image->caption);
  g_free (image->credit);
  g_free (image);
}

static const char * const topic_kind_names[] = {
  [BRIEFING_TOPIC_KEYWORD] = "keyword",
  [BRIEFING_TOPIC_PERSON] = "person",
  [BRIEFING_TOPIC_PLACE] = "place",
  [BRIEFING_TOPIC_ORGANISATION] = "organisation",
  [BRIEFING_TOPIC_CATEGORY] = "category",
};

const char *
briefing_topic_kind_to_string (BriefingTopicKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (topic_kind_names))
    return "keyword";

  return topic_kind_names[kind];
}

BriefingTopicKind
briefing_topic_kind_from_string (const char *str)
{
  if (str == NULL)
    return BRIEFING_TOPIC_KEYWORD;

  for (guint i = 0; i < G_N_ELEMENTS (topic_kind_names); i++)
    {
      if (g_str_equal (str, topic_kind_names[i]))
        return (BriefingTopicKind) i;
    }

  return BRIEFING_TOPIC_KEYWORD;
}
