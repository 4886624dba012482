/* briefing-feed.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-feed"

#include "config.h"

#include "briefing-feed.h"

#include "briefing-entry.h"
#include "briefing-feed-private.h"

/* The result of parsing one document: the channel's metadata, its entries
 * and the warnings collected while recovering from broken parts. */

G_DEFINE_FINAL_TYPE (BriefingFeed, briefing_feed, G_TYPE_OBJECT)

/* A hostile document could make every element a warning; a reader needs
 * the first few to understand what is wrong. */
#define MAX_WARNINGS 50

static void
briefing_feed_finalize (GObject *object)
{
  BriefingFeed *self = (BriefingFeed *)object;

  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->self_url, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->icon, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (briefing_feed_parent_class)->finalize (object);
}

static void
briefing_feed_class_init (BriefingFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = briefing_feed_finalize;
}

static void
briefing_feed_init (BriefingFeed *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

BriefingFeed *
briefing_feed_new (void)
{
  return g_object_new (BRIEFING_TYPE_FEED, NULL);
}

void
briefing_feed_warn (BriefingFeed *self,
                    const char   *format,
                    ...)
{
  va_list args;

  g_return_if_fail (BRIEFING_IS_FEED (self));

  if (self->warnings->len >= MAX_WARNINGS)
    return;

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/**
 * briefing_feed_is_full:
 *
 * Returns: whether @self holds as many entries as Briefing reads from one
 *   document; the first time, the feed's warnings say so
 */
gboolean
briefing_feed_is_full (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), TRUE);

  if (self->entries->len < BRIEFING_FEED_MAX_ENTRIES)
    return FALSE;

  if (!self->full)
    briefing_feed_warn (self, "The feed lists more than %u entries; the first %u were read",
                        BRIEFING_FEED_MAX_ENTRIES, BRIEFING_FEED_MAX_ENTRIES);
  self->full = TRUE;

  return TRUE;
}

const char *
briefing_feed_get_format (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->format;
}

const char *
briefing_feed_get_title (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->title;
}

const char *
briefing_feed_get_subtitle (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->subtitle;
}

const char *
briefing_feed_get_link (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->link;
}

/**
 * briefing_feed_get_self_url:
 *
 * The address the feed gives for itself (Atom's and RSS's
 * `atom:link rel="self"`, JSON Feed's `feed_url`), only when it is a web
 * address: what a feed file saved from the browser can be subscribed as.
 *
 * Returns: (nullable): the feed's own web address
 */
const char *
briefing_feed_get_self_url (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->self_url;
}

const char *
briefing_feed_get_language (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->language;
}

const char *
briefing_feed_get_icon (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->icon;
}

gint64
briefing_feed_get_updated (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), 0);
  return self->updated;
}

/**
 * briefing_feed_get_ttl:
 *
 * Returns: the feed's own idea of how often to poll it, in minutes, or 0
 */
int
briefing_feed_get_ttl (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), 0);
  return self->ttl_minutes;
}

/**
 * briefing_feed_get_warnings:
 *
 * Returns: (transfer none) (element-type utf8): what was recovered from
 */
GPtrArray *
briefing_feed_get_warnings (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->warnings;
}

/**
 * briefing_feed_get_entries:
 *
 * Returns: (transfer none) (element-type BriefingEntry): the entries in
 *   document order
 */
GPtrArray *
briefing_feed_get_entries (BriefingFeed *self)
{
  g_return_val_if_fail (BRIEFING_IS_FEED (self), NULL);
  return self->entries;
}
