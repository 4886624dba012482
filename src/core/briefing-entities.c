/* briefing-entities.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-entities"

#include "config.h"

#include "briefing-entities.h"

#include "briefing-html-sanitizer.h"
#include "briefing-lexicon.h"

#include <math.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

/* The people, places and organisations a briefing is about, read from
 * its title, summary, body and photo caption on the parse thread.
 *
 * ICU splits the text into words and sentences. Where capital letters
 * mark names (English, French and most languages in Latin script), runs
 * of capitalised words are names: titles and honorifics ("Prime
 * Minister", "Mr") are split off and make the rest a person, stop words
 * and sentence-initial words that are not names elsewhere are dropped,
 * and each name's kind comes from the lexicon (countries, subdivisions,
 * cities, organisations) or from what stands around it ("in X", "X
 * said", "Ministry of X"). Where capitals say nothing (German nouns,
 * scripts without case, headlines in Title Case or in capitals), only
 * what is certain is kept: lexicon names, acronyms, people after a
 * title, and names the rest of the briefing already gave.
 *
 * Each name's salience adds up where it appears: the title counts most,
 * then the lead (summary or first paragraph), the caption, the body. */

/* One cap on what any briefing may cost: text beyond this is not read.
 * The first 4 KB hold the lead and the paragraphs after it; 8 KB found
 * the same names in the news fixtures and cost a tenth more. */
#define MAX_TEXT_BYTES   (4 * 1024)
#define MAX_NAME_WORDS   6
#define MAX_ENTITIES     24
#define MAX_NGRAM        5

/* "Russian forces" is about Russia, but less than "Russia" would be. */
#define DEMONYM_FACTOR   0.3

typedef enum
{
  SEG_TITLE,
  SEG_LEAD,
  SEG_CAPTION,
  SEG_BODY,
  SEG_HEADING,
} SegmentKind;

static const double segment_weight[] = { 3.0, 2.0, 1.5, 1.0, 0.5 };

typedef enum
{
  MODE_CASE,        /* capitals mark names */
  MODE_TITLE_CASE,  /* every word capitalised: a headline style */
  MODE_SHOUT,       /* all in capitals */
  MODE_NO_CASE,     /* German nouns, scripts without case */
} Mode;

enum
{
  TOK_CAP        = 1 << 0,   /* starts with a capital */
  TOK_ALL_CAPS   = 1 << 1,   /* two or more letters, all capitals */
  TOK_LOWER      = 1 << 2,   /* starts with a small letter */
  TOK_SENT_START = 1 << 3,
  TOK_POSSESSIVE = 1 << 4,   /* "Rutte's": the 's is not part of it */
  TOK_JOINED     = 1 << 5,   /* only blanks since the previous word */
  TOK_HYPHENED   = 1 << 6,   /* only a hyphen since the previous word */
  TOK_PAREN      = 1 << 7,   /* "(" since the previous word */
  TOK_USED       = 1 << 8,   /* already part of a name */
  TOK_NEW_SENTENCE = 1 << 9, /* ICU says a sentence starts here */
  TOK_CUES_KNOWN = 1 << 10,  /* cues holds the key's cues */
};

typedef struct
{
  const char *start;
  guint       len;
  guint       flags;
  char       *key;
  BriefingCueSet cues;
} Token;

typedef struct
{
  const char  *text;
  SegmentKind  kind;
  Mode         mode;
  GArray      *tokens;
} Segment;

typedef struct
{
  char              *key;
  char              *name;
  guint              n_words;
  double             score;
  guint              mentions;
  guint              initial_mentions;   /* sentence-initial, single word */
  gboolean           in_lexicon;
  BriefingTopicKind  lexicon_kind;
  gboolean           acronym;
  gboolean           shaped_like_name;   /* every word capitalised, none a place */
  int                person_cue;         /* a title or honorific before it */
  int                person_verb;        /* "said" after it */
  int                place_prep;         /* "in" before it */
  int                place_strong;       /* "X-based", "X River" */
  int                org;
  int                thing;
  gboolean           dateline;           /* "BRUSSELS (Herald) —" */
  char              *merged_into;
} Candidate;

typedef struct
{
  BriefingLang  lang;
  GPtrArray    *segments;
  GHashTable   *candidates;   /* key -> Candidate */
  GPtrArray    *order;        /* Candidate, first seen first */
  GHashTable   *aliases;      /* key -> key of the full name, "" when ambiguous */
  GPtrArray    *acronyms;     /* pairs: full name key, acronym key */
  char         *source_key;
  GHashTable   *excluded;     /* bylines */
  GHashTable   *first_words;  /* of the candidates' names and aliases of several words */
  gboolean      in_dateline;
} Extraction;

/* ICU break iterators, one pair per thread and locale, kept: opening
 * one (with its abbreviation filter) costs more than reading a briefing. */

typedef struct
{
  UBreakIterator *words;
  UBreakIterator *sentences;
} Breakers;

#define N_LOCALES 3

static void
breakers_free (gpointer data)
{
  Breakers *breakers = data;

  for (guint i = 0; i < N_LOCALES; i++)
    {
      g_clear_pointer (&breakers[i].words, ubrk_close);
      g_clear_pointer (&breakers[i].sentences, ubrk_close);
    }
  g_free (breakers);
}

static GPrivate breakers_key = G_PRIVATE_INIT (breakers_free);

static Breakers *
get_breakers (BriefingLang lang)
{
  /* ss=standard: "Mr. Rutte" and "M. Macron" do not end a sentence. */
  static const char * const locales[N_LOCALES] = { "en@ss=standard", "de@ss=standard", "fr@ss=standard" };
  Breakers *all = g_private_get (&breakers_key);
  guint index = lang == BRIEFING_LANG_DE ? 1 : lang == BRIEFING_LANG_FR ? 2 : 0;
  UErrorCode status = U_ZERO_ERROR;

  if (all == NULL)
    {
      all = g_new0 (Breakers, N_LOCALES);
      g_private_set (&breakers_key, all);
    }

  if (all[index].words == NULL)
    {
      all[index].words = ubrk_open (UBRK_WORD, locales[index], NULL, 0, &status);
      all[index].sentences = ubrk_open (UBRK_SENTENCE, locales[index], NULL, 0, &status);
      if (U_FAILURE (status))
        g_error ("ICU break iterators for %s: %s", locales[index], u_errorName (status));
    }

  return &all[index];
}

/* Tokens */

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->key);
}

static gboolean
gap_has (const char *gap,
         gsize       len,
         const char *chars)
{
  for (gsize i = 0; i < len; i++)
    {
      if (strchr (chars, gap[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
gap_is_blank (const char *gap,
              gsize       len)
{
  for (const char *p = gap; p < gap + len; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
gap_is_hyphen (const char *gap,
               gsize       len)
{
  return (len == 1 && gap[0] == '-')
         || (len == 3 && (memcmp (gap, "\u2010", 3) == 0 || memcmp (gap, "\u2011", 3) == 0));
}

/* Quotes and colons open a new utterance: "Europe must act," she said
 * begins a sentence as far as capitals go. */
static gboolean
gap_opens_quote (const char *gap,
                 gsize       len)
{
  return gap_has (gap, len, ":\"")
         || g_strstr_len (gap, len, "\u201c") != NULL
         || g_strstr_len (gap, len, "\u2018") != NULL
         || g_strstr_len (gap, len, "\u00ab") != NULL
         || g_strstr_len (gap, len, "\u201e") != NULL;
}

static guint
case_flags (const char *word,
            guint       len)
{
  guint upper = 0, lower = 0, flags = 0;
  gboolean first = TRUE;

  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;
      gboolean is_upper, is_lower, is_alpha;

      /* Most words are ASCII: ICU's properties only for the rest. */
      if (b < 0x80)
        {
          is_upper = g_ascii_isupper (b);
          is_lower = g_ascii_islower (b);
          is_alpha = is_upper || is_lower;
        }
      else
        {
          UChar32 c = g_utf8_get_char (p);

          is_upper = u_isupper (c) || u_istitle (c);
          is_lower = !is_upper && u_islower (c);
          is_alpha = is_upper || is_lower || u_isalpha (c);
        }

      if (is_upper)
        {
          if (first)
            flags |= TOK_CAP;
          upper++;
        }
      else if (is_lower)
        {
          if (first)
            flags |= TOK_LOWER;
          lower++;
        }
      else if (first && !is_alpha)
        continue;

      first = FALSE;
    }

  if (upper >= 2 && lower == 0)
    flags |= TOK_ALL_CAPS;

  return flags;
}

static guint
strip_possessive (const char *word,
                  guint       len)
{
  if (len > 3 && memcmp (word + len - 2, "'s", 2) == 0)
    return len - 2;
  if (len > 5 && memcmp (word + len - 4, "\u2019s", 4) == 0)
    return len - 4;
  return len;
}

/* French elides articles into the word: "l'Otan", "d'Égypte", "qu'Israël". */
static void
strip_elision (Token *token)
{
  static const char * const elided[] = { "l'", "d'", "qu'", "l\u2019", "d\u2019", "qu\u2019" };

  for (guint i = 0; i < G_N_ELEMENTS (elided); i++)
    {
      gsize len = strlen (elided[i]);

      if (token->len > len + 1 && g_ascii_strncasecmp (token->start, elided[i], len) == 0)
        {
          token->start += len;
          token->len -= len;
          return;
        }
    }
}

static GArray *
tokenize (const char   *text,
          BriefingLang  lang)
{
  Breakers *breakers = get_breakers (lang);
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (int32_t));
  UErrorCode status = U_ZERO_ERROR;
  UText *ut;
  int32_t prev, cur, last_end = 0;
  guint next_sentence = 0;

  g_array_set_clear_func (tokens, token_clear);

  ut = utext_openUTF8 (NULL, text, -1, &status);
  ubrk_setUText (breakers->sentences, ut, &status);
  ubrk_setUText (breakers->words, ut, &status);
  if (U_FAILURE (status))
    {
      utext_close (ut);
      return tokens;
    }

  for (cur = ubrk_first (breakers->sentences); cur != UBRK_DONE; cur = ubrk_next (breakers->sentences))
    g_array_append_val (sentences, cur);

  prev = ubrk_first (breakers->words);
  for (cur = ubrk_next (breakers->words); cur != UBRK_DONE; prev = cur, cur = ubrk_next (breakers->words))
    {
      const char *gap = text + last_end;
      gsize gap_len = prev - last_end;
      Token token = { 0, };
      gboolean sentence_start = tokens->len == 0;

      if (ubrk_getRuleStatus (breakers->words) < UBRK_WORD_NONE_LIMIT)
        continue;

      while (next_sentence < sentences->len && g_array_index (sentences, int32_t, next_sentence) <= prev)
        {
          if (g_array_index (sentences, int32_t, next_sentence) >= last_end)
            sentence_start = TRUE;
          next_sentence++;
        }

      token.start = text + prev;
      token.len = strip_possessive (token.start, cur - prev);
      if (lang == BRIEFING_LANG_FR)
        strip_elision (&token);
      token.flags = case_flags (token.start, token.len);
      if (token.len < (guint) (cur - prev))
        token.flags |= TOK_POSSESSIVE;
      if (sentence_start)
        token.flags |= TOK_NEW_SENTENCE;
      if (sentence_start || gap_opens_quote (gap, gap_len))
        token.flags |= TOK_SENT_START;
      if (tokens->len > 0 && gap_is_blank (gap, gap_len))
        token.flags |= TOK_JOINED;
      if (tokens->len > 0 && gap_is_hyphen (gap, gap_len))
        token.flags |= TOK_HYPHENED;
      if (gap_has (gap, gap_len, "("))
        token.flags |= TOK_PAREN;
      g_array_append_val (tokens, token);
      last_end = cur;
    }

  utext_close (ut);

  return tokens;
}

#define TOKEN(seg, i) (&g_array_index ((seg)->tokens, Token, (i)))

/* A token's key, folded when first asked for: most words are never
 * looked up. */
static const char *
token_key (Token *token)
{
  if (token->key == NULL)
    token->key = briefing_lexicon_key (token->start, token->len);

  return token->key;
}

#define KEY(seg, i) token_key (TOKEN ((seg), (i)))

/* Whether token @i continues a name from the one before it. */
static gboolean
continues (Segment *seg,
           guint    i)
{
  Token *token = TOKEN (seg, i);

  return (token->flags & (TOK_JOINED | TOK_HYPHENED)) != 0
         && (TOKEN (seg, i - 1)->flags & TOK_POSSESSIVE) == 0;
}

/* The key of tokens @first to @last, if they form one run of words. */
static char *
span_key (Segment *seg,
          guint    first,
          guint    last)
{
  GString *key = g_string_new (KEY (seg, first));

  for (guint i = first + 1; i <= last; i++)
    {
      if (!continues (seg, i))
        {
          g_string_free (key, TRUE);
          return NULL;
        }
      g_string_append_c (key, ' ');
      g_string_append (key, KEY (seg, i));
    }

  return g_string_free (key, FALSE);
}

static char *
span_text (Segment *seg,
           guint    first,
           guint    last)
{
  const char *start = TOKEN (seg, first)->start;
  const char *end = TOKEN (seg, last)->start + TOKEN (seg, last)->len;
  GString *text = g_string_sized_new (end - start);
  gboolean space = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space)
        g_string_append_c (text, ' ');
      space = FALSE;
      g_string_append_unichar (text, c);
    }

  return g_string_free (text, FALSE);
}

/* How many tokens from @i on spell a cue, longest first; 0 if none. */
static guint
match_cue (Extraction  *ex,
           Segment     *seg,
           guint        i,
           guint        last,
           BriefingCue  cue)
{
  guint max = MIN (briefing_lexicon_cue_max_words (cue), last - i + 1);

  if (max >= 2 && !briefing_lexicon_starts_phrase (KEY (seg, i)))
    max = 1;

  for (guint n = max; n >= 2; n--)
    {
      g_autofree char *key = span_key (seg, i, i + n - 1);

      if (key != NULL && briefing_lexicon_has_cue (cue, key, ex->lang))
        return n;
    }

  return max >= 1 && briefing_lexicon_has_cue (cue, KEY (seg, i), ex->lang) ? 1 : 0;
}

static gboolean
token_is (Extraction  *ex,
          Segment     *seg,
          guint        i,
          BriefingCue  cue)
{
  Token *token = TOKEN (seg, i);

  /* Asked about many cues: looked up once. */
  if ((token->flags & TOK_CUES_KNOWN) == 0)
    {
      token->cues = briefing_lexicon_cue_set (token_key (token));
      token->flags |= TOK_CUES_KNOWN;
    }

  return briefing_cue_set_has (token->cues, cue, ex->lang);
}

/* Candidates */

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->key);
  g_free (candidate->name);
  g_free (candidate->merged_into);
  g_free (candidate);
}

static Candidate *
candidate_get (Extraction *ex,
               const char *key,
               const char *name,
               guint       n_words)
{
  Candidate *candidate = g_hash_table_lookup (ex->candidates, key);

  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->key = g_strdup (key);
      candidate->name = g_strdup (name);
      candidate->n_words = n_words;
      candidate->lexicon_kind = BRIEFING_TOPIC_KEYWORD;
      candidate->shaped_like_name = TRUE;
      g_hash_table_insert (ex->candidates, candidate->key, candidate);
      g_ptr_array_add (ex->order, candidate);
    }

  return candidate;
}

static void
mention (Candidate *candidate,
         Segment   *seg,
         double     factor)
{
  /* The fifth mention says less than the first. */
  candidate->score += segment_weight[seg->kind] * factor / (1.0 + 0.15 * candidate->mentions);
  candidate->mentions++;
}

static Candidate *
mention_lexicon (Extraction                *ex,
                 Segment                   *seg,
                 const BriefingLexiconName *name,
                 double                     factor)
{
  g_autofree char *key = briefing_lexicon_key (name->name, -1);
  Candidate *candidate = candidate_get (ex, key, name->name, 1);

  candidate->in_lexicon = TRUE;
  candidate->lexicon_kind = name->kind;
  mention (candidate, seg, factor);

  return candidate;
}

static void
mark_used (Segment *seg,
           guint    first,
           guint    last)
{
  for (guint i = first; i <= last; i++)
    TOKEN (seg, i)->flags |= TOK_USED;
}

/* A name in tokens @first to @last, with what the words around it say. */
static void
add_name (Extraction *ex,
          Segment    *seg,
          guint       first,
          guint       last,
          gboolean    after_title)
{
  const BriefingLexiconName *known;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  Candidate *candidate;
  gboolean single;

  /* "The", "In", and "Ukrainian" in "Ukrainian President X" go. */
  /* "The", "In" go; "El" in "El Arish" and "De" in "De Wit" stay. */
  while (first <= last && (token_is (ex, seg, first, BRIEFING_CUE_STOP)
                           || (token_is (ex, seg, first, BRIEFING_CUE_CONNECTOR)
                               && (TOKEN (seg, first)->flags & TOK_LOWER) != 0)))
    first++;
  while (last > first && (token_is (ex, seg, last, BRIEFING_CUE_STOP) || token_is (ex, seg, last, BRIEFING_CUE_CONNECTOR)))
    last--;

  if (first > last || last - first + 1 > MAX_NAME_WORDS)
    return;

  key = span_key (seg, first, last);
  if (key == NULL || g_utf8_strlen (key, -1) < 2)
    return;

  mark_used (seg, first, last);

  /* "Who", "Us", "Un" opening a sentence are words, not WHO, the US and
   * the UN: a stop word names something only in capitals. */
  if (first == last && (TOKEN (seg, first)->flags & TOK_ALL_CAPS) == 0
      && token_is (ex, seg, first, BRIEFING_CUE_STOP))
    return;

  if ((known = briefing_lexicon_lookup_name (key)) != NULL)
    {
      mention_lexicon (ex, seg, known, 1.0);
      return;
    }

  single = first == last;
  if (single && (known = briefing_lexicon_lookup_demonym (key)) != NULL)
    {
      mention_lexicon (ex, seg, known, DEMONYM_FACTOR);
      return;
    }

  if (single && (token_is (ex, seg, first, BRIEFING_CUE_TITLE) || token_is (ex, seg, first, BRIEFING_CUE_HONORIFIC)
                 || token_is (ex, seg, first, BRIEFING_CUE_BYLINE)))
    return;

  /* Digits alone are no name. */
  if (strspn (key, "0123456789 ,") == strlen (key))
    return;

  text = span_text (seg, first, last);
  candidate = candidate_get (ex, key, text, last - first + 1);
  mention (candidate, seg, 1.0);

  if (single && (TOKEN (seg, first)->flags & TOK_SENT_START) != 0 && !after_title)
    candidate->initial_mentions++;
  if (single && (TOKEN (seg, first)->flags & TOK_ALL_CAPS) != 0 && TOKEN (seg, first)->len <= 8)
    candidate->acronym = TRUE;

  if (after_title)
    candidate->person_cue++;
  if (ex->in_dateline)
    candidate->dateline = TRUE;

  for (guint i = first; i <= last; i++)
    {
      Token *token = TOKEN (seg, i);

      if (token_is (ex, seg, i, BRIEFING_CUE_ORG_WORD))
        candidate->org++;
      if (token_is (ex, seg, i, BRIEFING_CUE_THING_WORD))
        candidate->thing++;
      if ((token->flags & TOK_CAP) == 0 && !token_is (ex, seg, i, BRIEFING_CUE_CONNECTOR))
        candidate->shaped_like_name = FALSE;
      if ((token->flags & TOK_ALL_CAPS) != 0 && !single)
        candidate->shaped_like_name = FALSE;
    }

  if (!single && briefing_lexicon_lookup_name (KEY (seg, first)) != NULL)
    candidate->shaped_like_name = FALSE;
  /* "Marrow River", "River Dodder", "County Clare" */
  if (!single && (token_is (ex, seg, last, BRIEFING_CUE_PLACE_SUFFIX) || token_is (ex, seg, first, BRIEFING_CUE_PLACE_SUFFIX)))
    candidate->place_strong++;
  if (candidate->dateline)
    candidate->place_strong++;

  /* What follows: "X said", "X-based", "X (XYZ)" */
  if (last + 1 < seg->tokens->len)
    {
      Token *next = TOKEN (seg, last + 1);

      if ((next->flags & TOK_JOINED) != 0 && (TOKEN (seg, last)->flags & TOK_POSSESSIVE) == 0
          && token_is (ex, seg, last + 1, BRIEFING_CUE_PERSON_VERB))
        candidate->person_verb++;
      if ((next->flags & TOK_HYPHENED) != 0 && token_is (ex, seg, last + 1, BRIEFING_CUE_PLACE_SUFFIX))
        candidate->place_strong++;
      if ((next->flags & TOK_PAREN) != 0 && (next->flags & TOK_ALL_CAPS) != 0 && !single)
        {
          g_ptr_array_add (ex->acronyms, g_strdup (key));
          g_ptr_array_add (ex->acronyms, g_strdup (token_key (next)));
        }
    }

  /* What precedes: "in X", and titles in lower case ("le président X",
   * "foreign minister X"). */
  if (first > 0 && (TOKEN (seg, first)->flags & (TOK_JOINED | TOK_HYPHENED)) != 0)
    {
      if ((TOKEN (seg, first - 1)->flags & TOK_LOWER) != 0 && token_is (ex, seg, first - 1, BRIEFING_CUE_PLACE_PREP))
        candidate->place_prep++;

      for (guint n = MIN (first, 3u); n >= 1; n--)
        {
          if ((TOKEN (seg, first - n)->flags & TOK_LOWER) != 0
              && match_cue (ex, seg, first - n, first - 1, BRIEFING_CUE_TITLE) == n)
            {
              candidate->person_cue++;
              break;
            }
        }
    }
}

static gboolean
contains_cue (Extraction  *ex,
              Segment     *seg,
              guint        first,
              guint        last,
              BriefingCue  cue)
{
  for (guint i = first; i <= last; i++)
    {
      if (token_is (ex, seg, i, cue))
        return TRUE;
    }

  return FALSE;
}

static gboolean
names_before_title (Extraction *ex,
                    Segment    *seg,
                    guint       first,
                    guint       last)
{
  g_autofree char *key = span_key (seg, first, last);

  if (key == NULL)
    return FALSE;
  if (briefing_lexicon_lookup_name (key) != NULL || briefing_lexicon_lookup_demonym (key) != NULL)
    return TRUE;
  if (first == last && (TOKEN (seg, first)->flags & TOK_ALL_CAPS) != 0)
    return TRUE;
  if (first == last && briefing_lexicon_lookup_name (KEY (seg, first)) != NULL)
    return TRUE;

  return contains_cue (ex, seg, first, last, BRIEFING_CUE_ORG_WORD)
         || (first < last && briefing_lexicon_lookup_demonym (KEY (seg, first)) != NULL);
}

/* A run of capitalised words: a name, or several with titles between
 * ("NATO Secretary-General Henrik Vaaler"). */
static void
add_span (Extraction *ex,
          Segment    *seg,
          guint       first,
          guint       last)
{
  const BriefingLexiconName *known;
  g_autofree char *key = span_key (seg, first, last);

  if (key != NULL && (known = briefing_lexicon_lookup_name (key)) != NULL
      && (first < last || (TOKEN (seg, first)->flags & TOK_ALL_CAPS) != 0 || !token_is (ex, seg, first, BRIEFING_CUE_STOP)))
    {
      mark_used (seg, first, last);
      mention_lexicon (ex, seg, known, 1.0);
      return;
    }

  /* "US Federal Reserve", "Kansas City Fed": two names the lexicon knows. */
  for (guint split = last; split > first; split--)
    {
      g_autofree char *head = span_key (seg, first, split - 1);
      g_autofree char *tail = span_key (seg, split, last);
      const BriefingLexiconName *tail_known;

      if (head == NULL || tail == NULL || (tail_known = briefing_lexicon_lookup_name (tail)) == NULL)
        continue;
      if ((known = briefing_lexicon_lookup_name (head)) == NULL)
        continue;

      mark_used (seg, first, last);
      mention_lexicon (ex, seg, known, 1.0);
      mention_lexicon (ex, seg, tail_known, 1.0);
      return;
    }

  /* "Nasser al-Kuwari of Qatar", "Berg of the Netherlands", "Peace
   * Facility for Ukraine": someone or something of a place the lexicon
   * knows, unless the whole is an organisation. */
  if (!contains_cue (ex, seg, first, last, BRIEFING_CUE_ORG_WORD))
    {
      for (guint split = first + 1; split < last; split++)
        {
          g_autofree char *tail = NULL;
          guint rest = split;

          if ((!g_str_equal (KEY (seg, split), "of") && !g_str_equal (KEY (seg, split), "for"))
              || (TOKEN (seg, split)->flags & TOK_LOWER) == 0)
            continue;
          while (rest <= last && token_is (ex, seg, rest, BRIEFING_CUE_CONNECTOR))
            rest++;
          tail = rest <= last ? span_key (seg, rest, last) : NULL;
          if (tail == NULL || (known = briefing_lexicon_lookup_name (tail)) == NULL || known->kind != BRIEFING_TOPIC_PLACE)
            continue;

          add_span (ex, seg, first, split - 1);
          mark_used (seg, split, last);
          mention_lexicon (ex, seg, known, 1.0);
          return;
        }
    }

  for (guint i = first; i <= last; i++)
    {
      guint n = match_cue (ex, seg, i, last, BRIEFING_CUE_TITLE);

      if (n == 0)
        n = match_cue (ex, seg, i, last, BRIEFING_CUE_HONORIFIC);
      if (n == 0)
        continue;

      /* "Governor of the Bank of England": the title is the person's,
       * and what it is of is a name of its own. */
      if (i + n <= last && token_is (ex, seg, i + n, BRIEFING_CUE_CONNECTOR)
          && (TOKEN (seg, i + n)->flags & TOK_LOWER) != 0)
        {
          guint rest = i + n;

          if (i > first && names_before_title (ex, seg, first, i - 1))
            add_span (ex, seg, first, i - 1);
          while (rest <= last && token_is (ex, seg, rest, BRIEFING_CUE_CONNECTOR))
            rest++;
          mark_used (seg, first, rest - 1);
          if (rest <= last)
            add_span (ex, seg, rest, last);
          return;
        }

      /* "General Motors", "Supreme Court Justice": a title inside an
       * organisation's name is part of it. */
      if (i + n <= last && contains_cue (ex, seg, i + n, last, BRIEFING_CUE_ORG_WORD))
        continue;

      /* Before a title, a name ("NATO Secretary-General X") or a
       * modifier ("Presiding Judge X", "Treasury Secretary X"). */
      if (i > first && names_before_title (ex, seg, first, i - 1))
        add_span (ex, seg, first, i - 1);
      mark_used (seg, first, i + n - 1);
      if (i + n <= last)
        add_name (ex, seg, i + n, last, TRUE);
      return;
    }

  add_name (ex, seg, first, last, FALSE);
}

static gboolean
is_capitalised (Segment *seg,
                guint    i)
{
  return (TOKEN (seg, i)->flags & TOK_CAP) != 0;
}

/* Skips a byline or a credit: "By Jane Doe", "Photo: X/Reuters". */
static guint
skip_byline (Extraction *ex,
             Segment    *seg,
             guint       i)
{
  guint n_tokens = seg->tokens->len;
  guint n;

  if (i > 0 && (TOKEN (seg, i)->flags & (TOK_SENT_START | TOK_PAREN)) == 0)
    return i;

  n = match_cue (ex, seg, i, n_tokens - 1, BRIEFING_CUE_BYLINE);
  if (n == 0)
    return i;

  for (i += n; i < n_tokens && (TOKEN (seg, i)->flags & TOK_NEW_SENTENCE) == 0; i++)
    TOKEN (seg, i)->flags |= TOK_USED;

  return i;
}

/* "BRUSSELS (Herald) —", "KIEW (dpa) –": a paragraph that opens with a
 * place in capitals and a dash or a bracket. Returns where the text
 * after it starts. */
static guint
read_dateline (Extraction *ex,
               Segment    *seg)
{
  guint n_tokens = seg->tokens->len;
  guint last = 0;
  const char *after;
  const char *next;

  if (seg->kind != SEG_LEAD && seg->kind != SEG_BODY)
    return 0;
  if (n_tokens < 4 || (TOKEN (seg, 0)->flags & TOK_ALL_CAPS) == 0)
    return 0;

  /* At most four words, and some text after them. */
  while (last + 2 < MIN (n_tokens, 5u) && (TOKEN (seg, last + 1)->flags & TOK_ALL_CAPS) != 0
         && continues (seg, last + 1))
    last++;

  after = TOKEN (seg, last)->start + TOKEN (seg, last)->len;
  next = TOKEN (seg, last + 1)->start;
  if (g_strstr_len (after, next - after, "\u2014") == NULL && g_strstr_len (after, next - after, "\u2013") == NULL
      && memchr (after, '(', next - after) == NULL && g_strstr_len (after, next - after, " -") == NULL)
    return 0;

  ex->in_dateline = TRUE;
  add_name (ex, seg, 0, last, FALSE);
  ex->in_dateline = FALSE;

  return last + 1;
}

static guint
read_lower_case_name (Extraction *ex,
                      Segment    *seg,
                      guint       first)
{
  guint n_tokens = seg->tokens->len;

  if (!briefing_lexicon_starts_phrase (KEY (seg, first)))
    return first;

  for (guint n = MIN (MAX_NGRAM, n_tokens - first); n >= 2; n--)
    {
      guint last = first + n - 1;
      g_autofree char *key = NULL;
      const BriefingLexiconName *known;

      if ((TOKEN (seg, last)->flags & TOK_LOWER) == 0)
        continue;
      key = span_key (seg, first, last);
      if (key == NULL || (known = briefing_lexicon_lookup_name (key)) == NULL)
        continue;

      mark_used (seg, first, last);
      mention_lexicon (ex, seg, known, 1.0);
      return last + 1;
    }

  return first;
}

static void
read_cased (Extraction *ex,
            Segment    *seg)
{
  guint n_tokens = seg->tokens->len;

  for (guint i = read_dateline (ex, seg); i < n_tokens;)
    {
      guint last;

      i = skip_byline (ex, seg, i);
      if (i >= n_tokens)
        break;

      if (!is_capitalised (seg, i))
        {
          i++;
          continue;
        }

      /* "Nations unies", "Réserve fédérale": names the lexicon knows
       * that go on in lower case. */
      last = read_lower_case_name (ex, seg, i);
      if (last > i)
        {
          i = last;
          continue;
        }

      last = i;
      while (last + 1 < n_tokens && (TOKEN (seg, last)->flags & TOK_POSSESSIVE) == 0)
        {
          if (continues (seg, last + 1) && is_capitalised (seg, last + 1))
            last++;
          else if (last + 2 < n_tokens && continues (seg, last + 1) && continues (seg, last + 2)
                   && token_is (ex, seg, last + 1, BRIEFING_CUE_CONNECTOR)
                   && (TOKEN (seg, last + 1)->flags & TOK_LOWER) != 0)
            {
              /* "Bank of England", "Jan van der Berg" */
              guint next = last + 1;

              while (next + 1 < n_tokens && continues (seg, next + 1)
                     && token_is (ex, seg, next + 1, BRIEFING_CUE_CONNECTOR)
                     && (TOKEN (seg, next + 1)->flags & TOK_LOWER) != 0)
                next++;
              if (next + 1 < n_tokens && continues (seg, next + 1) && is_capitalised (seg, next + 1))
                last = next + 1;
              else
                break;
            }
          else
            break;
        }

      add_span (ex, seg, i, last);
      i = last + 1;
    }
}

/* Without capitals to go by: acronyms, and people after a title
 * ("Bundeskanzler Friedrich Merz"). */
static void
read_uncased_names (Extraction *ex,
                    Segment    *seg)
{
  guint n_tokens = seg->tokens->len;

  for (guint i = read_dateline (ex, seg); i < n_tokens; i++)
    {
      Token *token = TOKEN (seg, i);
      guint n;

      if ((token->flags & TOK_ALL_CAPS) != 0 && token->len <= 8 && seg->mode != MODE_SHOUT
          && !token_is (ex, seg, i, BRIEFING_CUE_STOP))
        {
          add_name (ex, seg, i, i, FALSE);
          continue;
        }

      n = match_cue (ex, seg, i, n_tokens - 1, BRIEFING_CUE_TITLE);
      if (n == 0)
        n = match_cue (ex, seg, i, n_tokens - 1, BRIEFING_CUE_HONORIFIC);
      if (n > 0 && seg->mode == MODE_NO_CASE)
        {
          guint first = i + n, last = first;

          while (last < n_tokens && last < first + 3 && is_capitalised (seg, last)
                 && (last == first || continues (seg, last))
                 && !token_is (ex, seg, last, BRIEFING_CUE_STOP)
                 && !token_is (ex, seg, last, BRIEFING_CUE_PERSON_VERB)
                 && (last == first || (TOKEN (seg, last - 1)->flags & TOK_POSSESSIVE) == 0))
            last++;

          if (last > first && continues (seg, first))
            add_name (ex, seg, first, last - 1, TRUE);
          i = MAX (i, last == first ? i : last - 1);
        }
    }
}

/* "Shell", "Apple" in a headline in capitals or Title Case may be just
 * words: believed when the rest of the briefing names them. */
static gboolean
known_in_text (Extraction                *ex,
               const BriefingLexiconName *known)
{
  g_autofree char *key = briefing_lexicon_key (known->name, -1);

  return g_hash_table_contains (ex->candidates, key);
}

/* Word n-grams that are lexicon names or names the briefing gave
 * elsewhere, longest first. */
static void
read_known_names (Extraction *ex,
                  Segment    *seg)
{
  guint n_tokens = seg->tokens->len;

  for (guint i = 0; i < n_tokens;)
    {
      guint matched = 0;

      if ((TOKEN (seg, i)->flags & TOK_USED) != 0)
        {
          i++;
          continue;
        }

      for (guint n = MIN (MAX_NGRAM, n_tokens - i); n >= 1 && matched == 0; n--)
        {
          g_autofree char *key = NULL;
          const BriefingLexiconName *known;
          const char *alias;
          Candidate *candidate;

          if (n > 1 && !briefing_lexicon_starts_phrase (KEY (seg, i)) && !g_hash_table_contains (ex->first_words, KEY (seg, i)))
            continue;

          key = span_key (seg, i, i + n - 1);
          if (key == NULL || (TOKEN (seg, i + n - 1)->flags & TOK_USED) != 0)
            continue;

          /* "US" in capitals could be "us"; short names need their own
           * case to be believed. */
          if (seg->mode == MODE_SHOUT && strlen (key) < 4)
            continue;
          if (seg->mode != MODE_SHOUT && (TOKEN (seg, i)->flags & TOK_LOWER) != 0)
            continue;

          if ((known = briefing_lexicon_lookup_name (key)) != NULL
              && (n > 1 || known->kind != BRIEFING_TOPIC_ORGANISATION || seg->mode == MODE_NO_CASE
                  || known_in_text (ex, known)
                  || (seg->mode != MODE_SHOUT && (TOKEN (seg, i)->flags & TOK_ALL_CAPS) != 0)))
            {
              mention_lexicon (ex, seg, known, 1.0);
              matched = n;
            }
          else if ((candidate = g_hash_table_lookup (ex->candidates, key)) != NULL && !candidate->initial_mentions)
            {
              mention (candidate, seg, 1.0);
              matched = n;
            }
          else if ((alias = g_hash_table_lookup (ex->aliases, key)) != NULL && *alias != '\0')
            {
              mention (g_hash_table_lookup (ex->candidates, alias), seg, 1.0);
              matched = n;
            }
        }

      i += MAX (matched, 1u);
    }
}

/* Segments */

static Mode
segment_mode (Extraction *ex,
              Segment    *seg,
              gboolean    no_case)
{
  guint words = 0, cased = 0, caps = 0, all_caps = 0, capital_small_words = 0;

  for (guint i = 0; i < seg->tokens->len; i++)
    {
      guint flags = TOKEN (seg, i)->flags;

      words++;
      if ((flags & (TOK_CAP | TOK_LOWER)) != 0)
        cased++;
      if ((flags & TOK_CAP) != 0)
        caps++;
      if ((flags & TOK_ALL_CAPS) != 0)
        all_caps++;

      /* "For", "In", "To" capitalised mid-sentence: Title Case. */
      if ((flags & (TOK_CAP | TOK_ALL_CAPS | TOK_SENT_START)) == TOK_CAP
          && token_is (ex, seg, i, BRIEFING_CUE_STOP) && TOKEN (seg, i)->len <= 4)
        capital_small_words++;
    }

  if (words >= 3 && all_caps * 10 >= words * 7)
    return MODE_SHOUT;
  if (no_case || cased * 10 < words * 3)
    return MODE_NO_CASE;
  if ((seg->kind == SEG_TITLE || seg->kind == SEG_HEADING) && words >= 4 && caps * 4 >= words * 3)
    return MODE_TITLE_CASE;
  if (capital_small_words >= 2)
    return MODE_TITLE_CASE;
  return MODE_CASE;
}

static void
segment_free (gpointer data)
{
  Segment *seg = data;

  g_clear_pointer (&seg->tokens, g_array_unref);
  g_free ((char *) seg->text);
  g_free (seg);
}

static void
add_segment (Extraction  *ex,
             char        *text,
             SegmentKind  kind)
{
  Segment *seg;

  if (text == NULL)
    return;

  seg = g_new0 (Segment, 1);
  seg->text = text;
  seg->kind = kind;
  g_ptr_array_add (ex->segments, seg);
}

static BriefingLang
lang_from_tag (const char *tag)
{
  if (tag == NULL)
    return BRIEFING_LANG_OTHER;
  if (g_ascii_strncasecmp (tag, "en", 2) == 0)
    return BRIEFING_LANG_EN;
  if (g_ascii_strncasecmp (tag, "de", 2) == 0)
    return BRIEFING_LANG_DE;
  if (g_ascii_strncasecmp (tag, "fr", 2) == 0)
    return BRIEFING_LANG_FR;
  return BRIEFING_LANG_OTHER;
}

/* Feeds often say nothing of their language, or say it wrongly: the
 * commonest small words tell English, German and French apart. Reads the
 * segments' tokens. */
static BriefingLang
guess_lang (Extraction *ex)
{
  static const struct { const char *word; BriefingLang lang; } words[] = {
    { "the", BRIEFING_LANG_EN }, { "and", BRIEFING_LANG_EN }, { "of", BRIEFING_LANG_EN },
    { "to", BRIEFING_LANG_EN }, { "is", BRIEFING_LANG_EN }, { "that", BRIEFING_LANG_EN },
    { "der", BRIEFING_LANG_DE }, { "die", BRIEFING_LANG_DE }, { "und", BRIEFING_LANG_DE },
    { "das", BRIEFING_LANG_DE }, { "ist", BRIEFING_LANG_DE }, { "nicht", BRIEFING_LANG_DE },
    { "le", BRIEFING_LANG_FR }, { "la", BRIEFING_LANG_FR }, { "les", BRIEFING_LANG_FR },
    { "et", BRIEFING_LANG_FR }, { "est", BRIEFING_LANG_FR }, { "une", BRIEFING_LANG_FR },
  };
  guint counts[3] = { 0, };
  guint best = 0;

  for (guint s = 0; s < ex->segments->len && s < 4; s++)
    {
      Segment *seg = g_ptr_array_index (ex->segments, s);

      for (guint i = 0; i < seg->tokens->len; i++)
        {
          Token *token = TOKEN (seg, i);

          /* Small words only, all ASCII: no need to fold them. */
          if (token->len > 5)
            continue;

          for (guint w = 0; w < G_N_ELEMENTS (words); w++)
            {
              if (token->len == strlen (words[w].word) &&
                  g_ascii_strncasecmp (token->start, words[w].word, token->len) == 0)
                counts[words[w].lang == BRIEFING_LANG_EN ? 0 : words[w].lang == BRIEFING_LANG_DE ? 1 : 2]++;
            }
        }
    }

  for (guint i = 1; i < 3; i++)
    if (counts[i] > counts[best])
      best = i;

  if (counts[best] < 2)
    return BRIEFING_LANG_OTHER;
  return best == 0 ? BRIEFING_LANG_EN : best == 1 ? BRIEFING_LANG_DE : BRIEFING_LANG_FR;
}

static void
add_html_segments (Extraction *ex,
                   const char *html,
                   gboolean    lead,
                   gsize      *budget)
{
  g_autoptr(GPtrArray) blocks = NULL;

  if (html == NULL || *budget == 0)
    return;

  blocks = briefing_html_to_blocks (html, *budget);
  for (guint i = 0; i < blocks->len; i++)
    {
      BriefingTextBlock *block = g_ptr_array_index (blocks, i);
      SegmentKind kind = block->heading ? SEG_HEADING : lead ? SEG_LEAD : SEG_BODY;

      *budget -= MIN (*budget, strlen (block->text));
      add_segment (ex, g_steal_pointer (&block->text), kind);
      if (!block->heading)
        lead = FALSE;
    }
}

/* Aliases: within a briefing, "Rutte" and "Van der Berg" are the person
 * named in full elsewhere in it. */
static gboolean
is_person_like (Candidate *candidate)
{
  return !candidate->in_lexicon && candidate->org == 0 && candidate->thing == 0
         && candidate->place_strong == 0 && candidate->n_words >= 2
         && (candidate->person_cue > 0 || candidate->person_verb > 0 || candidate->shaped_like_name);
}

static void
note_alias (Extraction *ex,
            const char *alias,
            const char *key)
{
  const char *other = g_hash_table_lookup (ex->aliases, alias);

  if (other == NULL)
    g_hash_table_insert (ex->aliases, g_strdup (alias), g_strdup (key));
  else if (!g_str_equal (other, key))
    g_hash_table_replace (ex->aliases, g_strdup (alias), g_strdup (""));
}

static void
collect_aliases (Extraction *ex)
{
  g_hash_table_remove_all (ex->aliases);

  for (guint i = 0; i < ex->order->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (ex->order, i);
      const char *space;

      if (candidate->merged_into != NULL || !is_person_like (candidate))
        continue;

      /* Every tail: "jan van der berg" -> "van der berg", "der berg", "berg" */
      for (space = strchr (candidate->key, ' '); space != NULL; space = strchr (space + 1, ' '))
        {
          if (!briefing_lexicon_has_cue (BRIEFING_CUE_STOP, space + 1, ex->lang))
            note_alias (ex, space + 1, candidate->key);
        }
    }

  for (guint i = 0; i + 1 < ex->acronyms->len; i += 2)
    note_alias (ex, g_ptr_array_index (ex->acronyms, i + 1), g_ptr_array_index (ex->acronyms, i));

  g_hash_table_remove_all (ex->first_words);
  for (guint i = 0; i < ex->order->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (ex->order, i);
      const char *space = strchr (candidate->key, ' ');

      if (space != NULL)
        g_hash_table_add (ex->first_words, g_strndup (candidate->key, space - candidate->key));
    }
  {
    GHashTableIter iter;
    const char *alias;

    g_hash_table_iter_init (&iter, ex->aliases);
    while (g_hash_table_iter_next (&iter, (gpointer *) &alias, NULL))
      {
        const char *space = strchr (alias, ' ');

        if (space != NULL)
          g_hash_table_add (ex->first_words, g_strndup (alias, space - alias));
      }
  }
}

static void
merge (Candidate *from,
       Candidate *into)
{
  into->score += from->score;
  into->mentions += from->mentions;
  into->person_cue += from->person_cue;
  into->person_verb += from->person_verb;
  into->place_prep += from->place_prep;
  into->place_strong += from->place_strong;
  into->org += from->org;
  if (from->in_lexicon && !into->in_lexicon)
    {
      /* "IAEA" is the name the lexicon knows it by. */
      g_free (into->name);
      into->name = g_strdup (from->name);
      into->in_lexicon = TRUE;
      into->lexicon_kind = from->lexicon_kind;
    }
  from->merged_into = g_strdup (into->key);
}

static void
merge_aliases (Extraction *ex)
{
  collect_aliases (ex);

  for (guint i = 0; i < ex->order->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (ex->order, i);
      const char *alias = g_hash_table_lookup (ex->aliases, candidate->key);
      Candidate *full;

      if (alias == NULL || *alias == '\0' || candidate->merged_into != NULL)
        continue;

      full = g_hash_table_lookup (ex->candidates, alias);
      if (full == NULL || full == candidate || full->merged_into != NULL)
        continue;

      /* "Jordan" the country is not Michael Jordan's surname; an acronym
       * the lexicon knows keeps its kind through the merge. */
      if (candidate->in_lexicon && candidate->lexicon_kind == BRIEFING_TOPIC_PLACE && !candidate->acronym)
        continue;

      merge (candidate, full);
    }
}

static BriefingTopicKind
decide_kind (Candidate *candidate)
{
  if (candidate->in_lexicon)
    return candidate->lexicon_kind;
  if (candidate->org > 0)
    return BRIEFING_TOPIC_ORGANISATION;
  if (candidate->person_cue > 0)
    return BRIEFING_TOPIC_PERSON;
  if (candidate->place_strong > 0)
    return BRIEFING_TOPIC_PLACE;
  if (candidate->thing > 0)
    return BRIEFING_TOPIC_KEYWORD;
  if (candidate->acronym)
    return BRIEFING_TOPIC_ORGANISATION;
  if (candidate->person_verb > candidate->place_prep)
    return BRIEFING_TOPIC_PERSON;
  if (candidate->place_prep > 0)
    return BRIEFING_TOPIC_PLACE;
  if (candidate->n_words >= 2 && candidate->shaped_like_name)
    return BRIEFING_TOPIC_PERSON;
  return BRIEFING_TOPIC_KEYWORD;
}

/* The outlet's own name in a dateline ("BRUSSELS (Herald) —") is not
 * what the briefing is about. */
static gboolean
names_source (Extraction *ex,
              Candidate  *candidate)
{
  gsize len;
  const char *found;

  if (ex->source_key == NULL || candidate->in_lexicon)
    return FALSE;

  len = strlen (candidate->key);
  for (found = strstr (ex->source_key, candidate->key); found != NULL; found = strstr (found + 1, candidate->key))
    {
      gboolean starts = found == ex->source_key || found[-1] == ' ';
      gboolean ends = found[len] == '\0' || found[len] == ' ';

      if (starts && ends)
        return TRUE;
    }

  return FALSE;
}

static gboolean
keep (Extraction *ex,
      Candidate  *candidate)
{
  if (candidate->merged_into != NULL || names_source (ex, candidate))
    return FALSE;
  if (g_hash_table_contains (ex->excluded, candidate->key))
    return FALSE;
  if (briefing_lexicon_has_cue (BRIEFING_CUE_STOP, candidate->key, ex->lang)
      || briefing_lexicon_has_cue (BRIEFING_CUE_TITLE, candidate->key, ex->lang)
      || briefing_lexicon_has_cue (BRIEFING_CUE_HONORIFIC, candidate->key, ex->lang))
    return FALSE;

  /* "Court", "Summit", "Airport" alone name nothing in particular. */
  if (candidate->n_words == 1 && !candidate->in_lexicon
      && (briefing_lexicon_has_cue (BRIEFING_CUE_ORG_WORD, candidate->key, ex->lang)
          || briefing_lexicon_has_cue (BRIEFING_CUE_PLACE_SUFFIX, candidate->key, ex->lang)
          || briefing_lexicon_has_cue (BRIEFING_CUE_THING_WORD, candidate->key, ex->lang)))
    return FALSE;

  /* A word seen only at the start of sentences is most likely just a
   * word, unless something says it is a name. */
  if (!candidate->in_lexicon && candidate->initial_mentions == candidate->mentions
      && candidate->person_verb == 0 && candidate->place_prep == 0 && !candidate->acronym)
    return FALSE;

  return TRUE;
}

static int
compare_salience (gconstpointer a,
                  gconstpointer b)
{
  const BriefingEntity *x = *(BriefingEntity **) a;
  const BriefingEntity *y = *(BriefingEntity **) b;

  return (x->salience < y->salience) - (x->salience > y->salience);
}

void
briefing_entity_free (BriefingEntity *entity)
{
  g_free (entity->name);
  g_free (entity);
}

static void
exclude (Extraction *ex,
         const char *name)
{
  if (name != NULL)
    g_hash_table_add (ex->excluded, briefing_lexicon_key (name, -1));
}

/**
 * briefing_entities_extract:
 * @text: what the briefing says
 *
 * Returns: (transfer full) (element-type BriefingEntity): the names, most
 *   salient first, at most 24
 */
GPtrArray *
briefing_entities_extract (const BriefingEntityText *text)
{
  Extraction ex = { 0, };
  GPtrArray *entities = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_entity_free);
  gsize budget = MAX_TEXT_BYTES;
  gboolean no_case;

  g_return_val_if_fail (text != NULL, entities);

  ex.segments = g_ptr_array_new_with_free_func (segment_free);
  ex.candidates = g_hash_table_new (g_str_hash, g_str_equal);
  ex.order = g_ptr_array_new_with_free_func (candidate_free);
  ex.aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ex.acronyms = g_ptr_array_new_with_free_func (g_free);
  ex.excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ex.source_key = text->source_title != NULL ? briefing_lexicon_key (text->source_title, -1) : NULL;
  for (guint i = 0; text->authors != NULL && text->authors[i] != NULL; i++)
    exclude (&ex, text->authors[i]);

  if (text->title != NULL)
    add_segment (&ex, g_utf8_make_valid (text->title, MIN (strlen (text->title), 1024)), SEG_TITLE);
  add_html_segments (&ex, text->summary, TRUE, &budget);
  add_html_segments (&ex, text->content, text->summary == NULL, &budget);
  if (text->caption != NULL)
    add_segment (&ex, g_utf8_make_valid (text->caption, MIN (strlen (text->caption), 2048)), SEG_CAPTION);

  ex.lang = lang_from_tag (text->language);
  for (guint s = 0; s < ex.segments->len; s++)
    {
      Segment *seg = g_ptr_array_index (ex.segments, s);

      seg->tokens = tokenize (seg->text, ex.lang);
    }

  /* Without a language, the words say which; German and French break
   * sentences their own way, so their text is read again. */
  if (text->language == NULL)
    {
      ex.lang = guess_lang (&ex);
      for (guint s = 0; s < ex.segments->len && (ex.lang == BRIEFING_LANG_DE || ex.lang == BRIEFING_LANG_FR); s++)
        {
          Segment *seg = g_ptr_array_index (ex.segments, s);

          g_array_unref (seg->tokens);
          seg->tokens = tokenize (seg->text, ex.lang);
        }
    }

  no_case = ex.lang == BRIEFING_LANG_DE;
  for (guint s = 0; s < ex.segments->len; s++)
    {
      Segment *seg = g_ptr_array_index (ex.segments, s);

      seg->mode = segment_mode (&ex, seg, no_case);
    }

  /* First what the capitals say, then what the rest can confirm. */
  for (guint s = 0; s < ex.segments->len; s++)
    {
      Segment *seg = g_ptr_array_index (ex.segments, s);

      if (seg->mode == MODE_CASE)
        read_cased (&ex, seg);
      else
        read_uncased_names (&ex, seg);
    }

  collect_aliases (&ex);
  for (guint s = 0; s < ex.segments->len; s++)
    {
      Segment *seg = g_ptr_array_index (ex.segments, s);

      if (seg->mode != MODE_CASE)
        read_known_names (&ex, seg);
    }

  merge_aliases (&ex);

  for (guint i = 0; i < ex.order->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (ex.order, i);
      BriefingEntity *entity;

      if (!keep (&ex, candidate))
        continue;

      entity = g_new0 (BriefingEntity, 1);
      entity->name = g_strdup (candidate->name);
      entity->kind = decide_kind (candidate);
      entity->salience = candidate->score;
      g_ptr_array_add (entities, entity);
    }

  g_ptr_array_sort (entities, compare_salience);
  if (entities->len > MAX_ENTITIES)
    g_ptr_array_set_size (entities, MAX_ENTITIES);

  g_ptr_array_unref (ex.segments);
  g_hash_table_unref (ex.candidates);
  g_ptr_array_unref (ex.order);
  g_hash_table_unref (ex.aliases);
  g_ptr_array_unref (ex.acronyms);
  g_hash_table_unref (ex.excluded);
  g_hash_table_unref (ex.first_words);
  g_free (ex.source_key);

  return entities;
}
