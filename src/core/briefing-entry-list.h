/* briefing-entry-list.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-store.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_ENTRY_LIST (briefing_entry_list_get_type())

G_DECLARE_FINAL_TYPE (BriefingEntryList, briefing_entry_list, BRIEFING, ENTRY_LIST, GObject)

typedef enum
{
  BRIEFING_FILTER_ALL,
  BRIEFING_FILTER_UNREAD,
  BRIEFING_FILTER_STARRED,
} BriefingFilter;

BriefingEntryList *briefing_entry_list_new          (BriefingStore     *store);
BriefingStore     *briefing_entry_list_get_store    (BriefingEntryList *self);

void               briefing_entry_list_set_filter   (BriefingEntryList *self,
                                                     BriefingFilter     filter);
BriefingFilter     briefing_entry_list_get_filter   (BriefingEntryList *self);
void               briefing_entry_list_set_source   (BriefingEntryList *self,
                                                     gint64             source_id);
gint64             briefing_entry_list_get_source   (BriefingEntryList *self);
void               briefing_entry_list_set_topic    (BriefingEntryList *self,
                                                     const char        *topic);
const char        *briefing_entry_list_get_topic    (BriefingEntryList *self);
void               briefing_entry_list_set_search   (BriefingEntryList *self,
                                                     const char        *search);
const char        *briefing_entry_list_get_search   (BriefingEntryList *self);
void               briefing_entry_list_set_group_stories (BriefingEntryList *self,
                                                          gboolean           group);
gboolean           briefing_entry_list_get_group_stories (BriefingEntryList *self);
gboolean           briefing_entry_list_is_narrowed  (BriefingEntryList *self);
void               briefing_entry_list_get_query    (BriefingEntryList *self,
                                                     BriefingQuery     *query);

void               briefing_entry_list_reload       (BriefingEntryList *self);
void               briefing_entry_list_queue_reload (BriefingEntryList *self);
void               briefing_entry_list_load_more    (BriefingEntryList *self);
gboolean           briefing_entry_list_get_loading  (BriefingEntryList *self);
gboolean           briefing_entry_list_get_complete (BriefingEntryList *self);
gboolean           briefing_entry_list_find         (BriefingEntryList *self,
                                                     gint64             entry_id,
                                                     guint             *position);

void               briefing_entry_list_set_read     (BriefingEntryList *self,
                                                     BriefingEntry     *entry,
                                                     gboolean           read);
void               briefing_entry_list_set_starred  (BriefingEntryList *self,
                                                     BriefingEntry     *entry,
                                                     gboolean           starred);

G_END_DECLS
