/* briefing-source.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-source"

#include "config.h"

#include "briefing-source.h"
#include "briefing-utils.h"

/* A subscription, as the store last saw it: what it is called, where it
 * lives, and how its last refresh went. */
struct _BriefingSource
{
  GObject  parent_instance;

  gint64   id;
  char    *url;
  char    *title;
  char    *site_url;
  char    *icon_url;
  char    *group;
  guint    unread_count;
  guint    entry_count;
  gint64   last_success;
  gint64   next_attempt;
  guint    failures;
  char    *last_status;
  char    *last_error;
  char    *disabled_reason;
  gboolean muted;      /* no notifications for its new briefings */
  gint64   account_id; /* 0: fetched here; else a sync server's */
  char    *etag;
  char    *last_modified;
  gint64   last_attempt;
  gint64   retry_after;
};

G_DEFINE_FINAL_TYPE (BriefingSource, briefing_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_TITLE,
  PROP_UNREAD_COUNT,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
briefing_source_finalize (GObject *object)
{
  BriefingSource *self = (BriefingSource *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->icon_url, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->last_status, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->disabled_reason, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);

  G_OBJECT_CLASS (briefing_source_parent_class)->finalize (object);
}

static void
briefing_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BriefingSource *self = BRIEFING_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TITLE:
      g_value_set_string (value, briefing_source_get_title (self));
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_uint (value, self->unread_count);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_source_class_init (BriefingSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_source_finalize;
  object_class->get_property = briefing_source_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_uint ("unread-count", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
briefing_source_init (BriefingSource *self)
{
}

BriefingSource *
briefing_source_new (gint64      id,
                     const char *url)
{
  BriefingSource *self = g_object_new (BRIEFING_TYPE_SOURCE, NULL);

  self->id = id;
  self->url = g_strdup (url);

  return self;
}

gint64
briefing_source_get_id (BriefingSource *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), 0);
  return self->id;
}

const char *
briefing_source_get_url (BriefingSource *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), NULL);
  return self->url;
}

/**
 * briefing_source_get_title:
 *
 * Returns: the name to show: the title, else the URL
 */
const char *
briefing_source_get_title (BriefingSource *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), NULL);
  return self->title != NULL ? self->title : self->url;
}

void
briefing_source_set_title (BriefingSource *self,
                           const char     *title)
{
  g_return_if_fail (BRIEFING_IS_SOURCE (self));

  if (briefing_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

guint
briefing_source_get_unread_count (BriefingSource *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), 0);
  return self->unread_count;
}

void
briefing_source_set_unread_count (BriefingSource *self,
                                  guint           unread_count)
{
  g_return_if_fail (BRIEFING_IS_SOURCE (self));

  if (self->unread_count == unread_count)
    return;

  self->unread_count = unread_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

const char *
briefing_source_get_last_error (BriefingSource *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), NULL);
  return self->last_error;
}

void
briefing_source_set_last_error (BriefingSource *self,
                                const char     *error)
{
  g_return_if_fail (BRIEFING_IS_SOURCE (self));

  if (briefing_set_str (&self->last_error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* The rest changes only when the store reloads the source, so nothing
 * binds to it and it does not notify. */

#define DEFINE_STRING_FIELD(field)                                          \
const char *                                                                \
briefing_source_get_##field (BriefingSource *self)                          \
{                                                                           \
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), NULL);                   \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
briefing_source_set_##field (BriefingSource *self,                          \
                             const char     *value)                         \
{                                                                           \
  g_return_if_fail (BRIEFING_IS_SOURCE (self));                             \
  briefing_set_str (&self->field, value);                                   \
}

#define DEFINE_NUMBER_FIELD(type, field)                                    \
type                                                                        \
briefing_source_get_##field (BriefingSource *self)                          \
{                                                                           \
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), 0);                      \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
briefing_source_set_##field (BriefingSource *self,                          \
                             type            value)                         \
{                                                                           \
  g_return_if_fail (BRIEFING_IS_SOURCE (self));                             \
  self->field = value;                                                      \
}

DEFINE_STRING_FIELD (site_url)
DEFINE_STRING_FIELD (icon_url)
DEFINE_STRING_FIELD (group)
DEFINE_STRING_FIELD (last_status)
DEFINE_STRING_FIELD (disabled_reason)
DEFINE_STRING_FIELD (etag)
DEFINE_STRING_FIELD (last_modified)
DEFINE_NUMBER_FIELD (gint64, last_attempt)
DEFINE_NUMBER_FIELD (gint64, retry_after)
DEFINE_NUMBER_FIELD (guint, entry_count)
DEFINE_NUMBER_FIELD (gint64, last_success)
DEFINE_NUMBER_FIELD (gint64, next_attempt)
DEFINE_NUMBER_FIELD (guint, failures)
DEFINE_NUMBER_FIELD (gboolean, muted)
DEFINE_NUMBER_FIELD (gint64, account_id)

/**
 * briefing_source_is_due:
 * @interval_seconds: the reader's refresh interval
 *
 * A source is due when the interval has passed since its last attempt
 * and neither our backoff nor the server (Retry-After, Cache-Control,
 * ttl), recorded as the next attempt, says to wait longer. Disabled
 * sources are never due.
 */
gboolean
briefing_source_is_due (BriefingSource *self,
                        gint64          now,
                        guint           interval_seconds)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCE (self), FALSE);

  if (self->disabled_reason != NULL)
    return FALSE;

  return now >= self->last_attempt + (gint64) interval_seconds &&
         now >= self->next_attempt &&
         now >= self->retry_after;
}
