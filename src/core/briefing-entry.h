/* briefing-entry.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_ENTRY (briefing_entry_get_type())

G_DECLARE_FINAL_TYPE (BriefingEntry, briefing_entry, BRIEFING, ENTRY, GObject)

BriefingEntry       *briefing_entry_new               (void);
gint64               briefing_entry_get_id            (BriefingEntry       *self);
void                 briefing_entry_set_id            (BriefingEntry       *self,
                                                       gint64               id);
gint64               briefing_entry_get_source_id     (BriefingEntry       *self);
void                 briefing_entry_set_source_id     (BriefingEntry       *self,
                                                       gint64               source_id);
const char          *briefing_entry_get_source_title  (BriefingEntry       *self);
void                 briefing_entry_set_source_title  (BriefingEntry       *self,
                                                       const char          *source_title);
const char          *briefing_entry_get_source_url    (BriefingEntry       *self);
void                 briefing_entry_set_source_url    (BriefingEntry       *self,
                                                       const char          *source_url);
const char          *briefing_entry_get_guid          (BriefingEntry       *self);
void                 briefing_entry_set_guid          (BriefingEntry       *self,
                                                       const char          *guid);
const char          *briefing_entry_get_title         (BriefingEntry       *self);
void                 briefing_entry_set_title         (BriefingEntry       *self,
                                                       const char          *title);
const char          *briefing_entry_get_link          (BriefingEntry       *self);
void                 briefing_entry_set_link          (BriefingEntry       *self,
                                                       const char          *link);
gint64               briefing_entry_get_published     (BriefingEntry       *self);
void                 briefing_entry_set_published     (BriefingEntry       *self,
                                                       gint64               published);
gint64               briefing_entry_get_updated       (BriefingEntry       *self);
void                 briefing_entry_set_updated       (BriefingEntry       *self,
                                                       gint64               updated);
const char          *briefing_entry_get_summary       (BriefingEntry       *self);
void                 briefing_entry_set_summary       (BriefingEntry       *self,
                                                       const char          *summary);
const char          *briefing_entry_get_content       (BriefingEntry       *self);
void                 briefing_entry_set_content       (BriefingEntry       *self,
                                                       const char          *content);
const BriefingImage *briefing_entry_get_image         (BriefingEntry       *self);
void                 briefing_entry_take_image        (BriefingEntry       *self,
                                                       BriefingImage       *image);
const char          *briefing_entry_get_image_url     (BriefingEntry       *self);
gboolean             briefing_entry_get_read          (BriefingEntry       *self);
void                 briefing_entry_set_read          (BriefingEntry       *self,
                                                       gboolean             read);
gboolean             briefing_entry_get_starred       (BriefingEntry       *self);
void                 briefing_entry_set_starred       (BriefingEntry       *self,
                                                       gboolean             starred);
GPtrArray           *briefing_entry_get_authors       (BriefingEntry       *self);
GPtrArray           *briefing_entry_get_categories    (BriefingEntry       *self);
GPtrArray           *briefing_entry_get_enclosures    (BriefingEntry       *self);
GPtrArray           *briefing_entry_get_topics        (BriefingEntry       *self);
char                *briefing_entry_dup_byline        (BriefingEntry       *self);
const char          *briefing_entry_get_index_summary (BriefingEntry       *self);
const char          *briefing_entry_get_index_body    (BriefingEntry       *self);
void                 briefing_entry_set_index_text    (BriefingEntry       *self,
                                                       const char          *summary,
                                                       const char          *body);
gint64               briefing_entry_get_story_id      (BriefingEntry       *self);
guint                briefing_entry_get_story_sources (BriefingEntry       *self);
void                 briefing_entry_set_story         (BriefingEntry       *self,
                                                       gint64               story_id,
                                                       guint                sources);
double               briefing_entry_get_score         (BriefingEntry       *self);
void                 briefing_entry_set_score         (BriefingEntry       *self,
                                                       double               score);

G_END_DECLS
