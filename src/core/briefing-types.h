/* briefing-types.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BriefingEntry     BriefingEntry;
typedef struct _BriefingFeed      BriefingFeed;
typedef struct _BriefingFetcher   BriefingFetcher;
typedef struct _BriefingImageCache BriefingImageCache;
typedef struct _BriefingRefresh   BriefingRefresh;
typedef struct _BriefingSession   BriefingSession;
typedef struct _BriefingSource    BriefingSource;
typedef struct _BriefingStore     BriefingStore;
typedef struct _BriefingSyncHttp  BriefingSyncHttp;
typedef struct _BriefingRemoteFeed BriefingRemoteFeed;
typedef struct _BriefingTopic     BriefingTopic;

/* Plain records carried by entries. They are small, so they are copied
 * rather than reference counted. */
typedef struct
{
  char *name;
  char *email;
  char *uri;
} BriefingPerson;

typedef struct
{
  char *term;
  char *scheme;
  char *label;
} BriefingCategory;

typedef struct
{
  char *url;
  char *type;
  gint64 length;
} BriefingEnclosure;

typedef struct
{
  char *url;
  char *caption;
  char *credit;
  int   width;
  int   height;
} BriefingImage;

typedef enum
{
  BRIEFING_TOPIC_KEYWORD,
  BRIEFING_TOPIC_PERSON,
  BRIEFING_TOPIC_PLACE,
  BRIEFING_TOPIC_ORGANISATION,
  BRIEFING_TOPIC_CATEGORY,
} BriefingTopicKind;

BriefingPerson    *briefing_person_new        (const char              *name,
                                               const char              *email,
                                               const char              *uri);
void               briefing_person_free       (BriefingPerson          *person);
BriefingCategory  *briefing_category_new      (const char              *term,
                                               const char              *scheme,
                                               const char              *label);
void               briefing_category_free     (BriefingCategory        *category);
BriefingEnclosure *briefing_enclosure_new     (const char              *url,
                                               const char              *type,
                                               gint64                   length);
void               briefing_enclosure_free    (BriefingEnclosure       *enclosure);
BriefingImage     *briefing_image_new         (void);
BriefingImage     *briefing_image_copy        (const BriefingImage     *image);
void               briefing_image_free        (BriefingImage           *image);
const char        *briefing_topic_kind_to_string   (BriefingTopicKind  kind);
BriefingTopicKind  briefing_topic_kind_from_string (const char        *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingPerson, briefing_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingCategory, briefing_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingEnclosure, briefing_enclosure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingImage, briefing_image_free)

G_END_DECLS
