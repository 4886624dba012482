/* briefing-lexicon.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "briefing-types.h"

G_BEGIN_DECLS

/* Languages a cue belongs to, as a mask. */
typedef enum
{
  BRIEFING_LANG_OTHER = 0,
  BRIEFING_LANG_EN    = 1 << 0,
  BRIEFING_LANG_DE    = 1 << 1,
  BRIEFING_LANG_FR    = 1 << 2,
  BRIEFING_LANG_ANY   = 0xff,
} BriefingLang;

typedef enum
{
  BRIEFING_CUE_TITLE,         /* "President": before a person, not a topic alone */
  BRIEFING_CUE_HONORIFIC,     /* "Mr": stripped, marks a person */
  BRIEFING_CUE_PERSON_VERB,   /* "said" after a name */
  BRIEFING_CUE_PLACE_PREP,    /* "in" before a name */
  BRIEFING_CUE_PLACE_SUFFIX,  /* "River", "-based" */
  BRIEFING_CUE_ORG_WORD,      /* "Ministry", "Inc." */
  BRIEFING_CUE_THING_WORD,    /* "Summit", "Treaty": a named thing, not a person */
  BRIEFING_CUE_STOP,          /* never a topic on its own */
  BRIEFING_CUE_CONNECTOR,     /* "of", "van" inside a name */
  BRIEFING_CUE_BYLINE,        /* "By", "Photo:": what follows is credit */
  BRIEFING_N_CUES
} BriefingCue;

/* Every cue's language mask for one word, three bits a cue. */
typedef guint BriefingCueSet;
#define BRIEFING_CUE_BITS  3
#define BRIEFING_CUE_LANGS (BRIEFING_LANG_EN | BRIEFING_LANG_DE | BRIEFING_LANG_FR)
G_STATIC_ASSERT (BRIEFING_N_CUES * BRIEFING_CUE_BITS <= 32);

static inline gboolean
briefing_cue_set_has (BriefingCueSet set,
                      BriefingCue    cue,
                      BriefingLang   lang)
{
  guint mask = (set >> (cue * BRIEFING_CUE_BITS)) & BRIEFING_CUE_LANGS;

  return (mask & (lang == BRIEFING_LANG_OTHER ? BRIEFING_LANG_EN : lang)) != 0;
}

typedef struct
{
  const char        *name;   /* canonical, for display */
  BriefingTopicKind  kind;
} BriefingLexiconName;

char                      *briefing_lexicon_key          (const char *text,
                                                          gssize      len);
const BriefingLexiconName *briefing_lexicon_lookup_name  (const char *key);
const BriefingLexiconName *briefing_lexicon_lookup_demonym (const char *key);
BriefingCueSet             briefing_lexicon_cue_set      (const char  *key);
gboolean                   briefing_lexicon_has_cue      (BriefingCue  cue,
                                                          const char  *key,
                                                          BriefingLang lang);
guint                      briefing_lexicon_cue_max_words (BriefingCue cue);
gboolean                   briefing_lexicon_starts_phrase (const char *key);

G_END_DECLS
