/* briefing-topics.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "briefing-types.h"

G_BEGIN_DECLS

/* Which extractor gave an entry its topics: entries stored by an older
 * one get theirs again in the background. */
#define BRIEFING_TOPICS_VERSION 1

void briefing_topics_add_from_entry (BriefingEntry *entry,
                                     const char    *language,
                                     const char    *source_title);

G_END_DECLS
