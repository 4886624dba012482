/* briefing-source.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_TYPE_SOURCE (briefing_source_get_type())

G_DECLARE_FINAL_TYPE (BriefingSource, briefing_source, BRIEFING, SOURCE, GObject)

BriefingSource *briefing_source_new                 (gint64          id,
                                                     const char     *url);
gint64          briefing_source_get_id              (BriefingSource *self);
const char     *briefing_source_get_url             (BriefingSource *self);
const char     *briefing_source_get_title           (BriefingSource *self);
void            briefing_source_set_title           (BriefingSource *self,
                                                     const char     *title);
const char     *briefing_source_get_site_url        (BriefingSource *self);
void            briefing_source_set_site_url        (BriefingSource *self,
                                                     const char     *site_url);
const char     *briefing_source_get_icon_url        (BriefingSource *self);
void            briefing_source_set_icon_url        (BriefingSource *self,
                                                     const char     *icon_url);
const char     *briefing_source_get_group           (BriefingSource *self);
void            briefing_source_set_group           (BriefingSource *self,
                                                     const char     *group);
guint           briefing_source_get_unread_count    (BriefingSource *self);
void            briefing_source_set_unread_count    (BriefingSource *self,
                                                     guint           unread_count);
guint           briefing_source_get_entry_count     (BriefingSource *self);
void            briefing_source_set_entry_count     (BriefingSource *self,
                                                     guint           entry_count);
gint64          briefing_source_get_last_success    (BriefingSource *self);
void            briefing_source_set_last_success    (BriefingSource *self,
                                                     gint64          when);
gint64          briefing_source_get_next_attempt    (BriefingSource *self);
void            briefing_source_set_next_attempt    (BriefingSource *self,
                                                     gint64          when);
guint           briefing_source_get_failures        (BriefingSource *self);
void            briefing_source_set_failures        (BriefingSource *self,
                                                     guint           failures);
const char     *briefing_source_get_last_status     (BriefingSource *self);
void            briefing_source_set_last_status     (BriefingSource *self,
                                                     const char     *status);
const char     *briefing_source_get_last_error      (BriefingSource *self);
void            briefing_source_set_last_error      (BriefingSource *self,
                                                     const char     *error);
const char     *briefing_source_get_etag            (BriefingSource *self);
void            briefing_source_set_etag            (BriefingSource *self,
                                                     const char     *etag);
const char     *briefing_source_get_last_modified   (BriefingSource *self);
void            briefing_source_set_last_modified   (BriefingSource *self,
                                                     const char     *last_modified);
gint64          briefing_source_get_last_attempt    (BriefingSource *self);
void            briefing_source_set_last_attempt    (BriefingSource *self,
                                                     gint64          when);
gint64          briefing_source_get_retry_after     (BriefingSource *self);
void            briefing_source_set_retry_after     (BriefingSource *self,
                                                     gint64          when);
gboolean        briefing_source_is_due              (BriefingSource *self,
                                                     gint64          now,
                                                     guint           interval_seconds);
const char     *briefing_source_get_disabled_reason (BriefingSource *self);
gboolean        briefing_source_get_muted           (BriefingSource *self);
gint64          briefing_source_get_account_id      (BriefingSource *self);
void            briefing_source_set_account_id      (BriefingSource *self,
                                                     gint64          account_id);
void            briefing_source_set_muted           (BriefingSource *self,
                                                     gboolean        muted);
void            briefing_source_set_disabled_reason (BriefingSource *self,
                                                     const char     *reason);

G_END_DECLS
