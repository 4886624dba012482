/* briefing-entry-draft.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-entry.h"
#include "briefing-feed-private.h"

G_BEGIN_DECLS

/* Where a lead-photo candidate came from; lower ranks win (issue #3's
 * order: Media RSS content, Media RSS thumbnail, an image enclosure, a
 * figure in the body, then the item's artwork: an iTunes episode image,
 * JSON Feed's image and banner_image). */
typedef enum
{
  BRIEFING_IMAGE_RANK_MEDIA_CONTENT,
  BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL,
  BRIEFING_IMAGE_RANK_ENCLOSURE,
  BRIEFING_IMAGE_RANK_BODY_FIGURE,
  BRIEFING_IMAGE_RANK_ITUNES_IMAGE,
  BRIEFING_IMAGE_RANK_FEED_IMAGE,
  BRIEFING_IMAGE_RANK_FEED_BANNER,
} BriefingImageRank;

typedef struct
{
  BriefingImage     *image;
  BriefingImageRank  rank;
  gint64             file_size;
  gboolean           is_default;
} BriefingImageCandidate;

/* An entry while a format parser fills it: the body is still raw HTML
 * with the base URL it is relative to, and the lead photo is still a list
 * of candidates. briefing_entry_draft_finish() makes it an entry. */
typedef struct
{
  BriefingEntry *entry;
  char          *summary;
  char          *summary_base;
  char          *content;
  char          *content_base;
  GPtrArray     *images;
  gboolean       has_fields;   /* the item had fields, whatever their values */
} BriefingEntryDraft;

BriefingEntryDraft *briefing_entry_draft_new       (void);
void                briefing_entry_draft_free      (BriefingEntryDraft  *draft);
void                briefing_entry_draft_add_image (BriefingEntryDraft  *draft,
                                                    BriefingImageRank    rank,
                                                    BriefingImage       *image,
                                                    gint64               file_size,
                                                    gboolean             is_default);
gboolean            briefing_entry_draft_finish    (BriefingEntryDraft  *draft,
                                                    BriefingFeed        *feed);
gboolean            briefing_mime_is_image         (const char          *type,
                                                    const char          *url);
char               *briefing_text_from_html        (const char          *html);
char               *briefing_text_cap              (char                *text,
                                                    guint                max_chars);

/* A title longer than this is not a title; it is cut with an ellipsis. */
#define BRIEFING_MAX_TITLE_CHARS 500

/* A body longer than this is cut before it is sanitized: a long read is
 * 100 KB of HTML, and the sanitizer's tree costs up to ten times its
 * input (a 10 MB description took 250 MB). */
#define BRIEFING_MAX_BODY_BYTES (2 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BriefingEntryDraft, briefing_entry_draft_free)

G_END_DECLS
