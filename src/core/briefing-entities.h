/* briefing-entities.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "briefing-types.h"

G_BEGIN_DECLS

/* What a briefing says, as the extractor reads it. */
typedef struct
{
  const char         *title;         /* plain text */
  const char         *summary;       /* sanitized HTML */
  const char         *content;       /* sanitized HTML */
  const char         *caption;       /* plain text: the lead photo's caption */
  const char         *language;      /* the feed's, e.g. "en-GB"; NULL: guess */
  const char         *source_title;  /* the outlet's own name is not a topic */
  const char * const *authors;       /* nor are its bylines */
} BriefingEntityText;

typedef struct
{
  char              *name;
  BriefingTopicKind  kind;
  double             salience;
} BriefingEntity;

GPtrArray *briefing_entities_extract (const BriefingEntityText *text);
void       briefing_entity_free      (BriefingEntity           *entity);

G_END_DECLS
