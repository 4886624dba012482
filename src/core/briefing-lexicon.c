/* briefing-lexicon.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-lexicon"

#include "config.h"

#include "briefing-lexicon.h"
#include "briefing-topics-resources.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unicode/ucasemap.h>

/* What the topic extractor knows about words before it reads a briefing:
 * the places and organisations it can name for certain, and the cues
 * ("President", "said", "in", "Ministry") that tell what kind of thing a
 * name is.
 *
 * Countries and their subdivisions come from iso-codes and cities from
 * tzdata's zone names, read where the system keeps them; the curated
 * lists in data/topics add what those lack and are built into the
 * library. Everything is read once, on first use, from whichever thread
 * asks first, and is read-only afterwards. */

#define RESOURCE_DIR "/io/github/briefing/Briefing/topics/"

/* Subdivisions readers know by name; districts, parishes and
 * municipalities would mostly add noise (and common words). */
static const char * const subdivision_types[] = {
  "State", "Province", "Region", "Country", "Nation", "Land", "Oblast", "Republic",
  "Autonomous region", "Autonomous community", "Autonomous republic", "Autonomous city",
  "Emirate", "Prefecture", "Governorate", "Canton", "Union territory", "Voivodship",
  "Special administrative region", "Federal district", "Territory", "Metropolitan city", "County",
};

typedef struct
{
  GHashTable *names;               /* key -> BriefingLexiconName */
  GHashTable *demonyms;            /* key -> BriefingLexiconName */
  GHashTable *cues[BRIEFING_N_CUES];  /* key -> language mask */
  GHashTable *cue_sets;            /* key -> every cue's mask, packed (BriefingCueSet) */
  GHashTable *first_words;         /* first words of names and cues of several words */
  GPtrArray  *entries;             /* every BriefingLexiconName, replaced ones too */
  guint       cue_words[BRIEFING_N_CUES];
  GStringChunk *strings;
} Lexicon;

static UCaseMap *case_map;

static void
ensure_case_map (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      UErrorCode status = U_ZERO_ERROR;

      case_map = ucasemap_open ("", U_FOLD_CASE_DEFAULT, &status);
      if (U_FAILURE (status))
        g_error ("ICU case map: %s", u_errorName (status));
      g_once_init_leave (&done, 1);
    }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x0060 || c == 0x00B4;
}

static gboolean
is_joiner (gunichar c)
{
  return c == '-' || c == '_' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_plain_ascii (const char *text,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] >= 0x80 || text[i] == '\0')
        return FALSE;
    }

  return TRUE;
}

/* briefing_lexicon_key() for ASCII: the same rules, byte by byte. */
static char *
ascii_key (const char *text,
           gsize       len)
{
  char *key = g_malloc (len + 1);
  gsize out = 0;
  gboolean space = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '.')
        continue;
      if (g_ascii_isspace (c) || c == '-' || c == '_')
        {
          space = out > 0;
          continue;
        }
      if (space)
        key[out++] = ' ';
      space = FALSE;
      key[out++] = c == '`' ? '\'' : g_ascii_tolower (c);
    }
  key[out] = '\0';

  return key;
}

/**
 * briefing_lexicon_key:
 * @text: a name, as written
 * @len: its length in bytes, or -1
 *
 * The key two spellings of one name share: case-folded by ICU, NFKC,
 * curly apostrophes made straight, full stops dropped ("U.S." is "us"),
 * hyphens and underscores made spaces (a category's slug is its plain
 * form), white space collapsed.
 *
 * Returns: (transfer full): the key, possibly empty
 */
char *
briefing_lexicon_key (const char *text,
                      gssize      len)
{
  g_autofree char *folded = NULL;
  g_autofree char *nfkc = NULL;
  UErrorCode status = U_ZERO_ERROR;
  GString *key;
  gboolean space = FALSE;
  int32_t size;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  /* Most words are ASCII: fold those without ICU's round trip. */
  if (is_plain_ascii (text, len))
    return ascii_key (text, len);

  ensure_case_map ();

  size = len + len / 2 + 8;
  folded = g_malloc (size);
  size = ucasemap_utf8FoldCase (case_map, folded, size, text, len, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      g_free (folded);
      folded = g_malloc (size + 1);
      size = ucasemap_utf8FoldCase (case_map, folded, size + 1, text, len, &status);
    }
  if (U_FAILURE (status))
    return g_strdup ("");

  nfkc = g_utf8_normalize (folded, size, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return g_strdup ("");

  key = g_string_sized_new (size);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.')
        continue;

      if (g_unichar_isspace (c) || is_joiner (c))
        {
          space = key->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;

      if (is_apostrophe (c))
        g_string_append_c (key, '\'');
      else
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

/* Remembers the first word of a key of several words, so that the
 * extractor tries phrases only where one can start. */
static void
note_first_word (Lexicon    *lexicon,
                 const char *key)
{
  const char *space = strchr (key, ' ');

  if (space != NULL)
    g_hash_table_add (lexicon->first_words, g_string_chunk_insert_len (lexicon->strings, key, space - key));
}

static guint
count_words (const char *key)
{
  guint n = *key != '\0';

  for (const char *p = key; *p != '\0'; p++)
    n += *p == ' ';

  return n;
}

static void
add_name (Lexicon           *lexicon,
          GHashTable        *table,
          const char        *spelling,
          const char        *canonical,
          BriefingTopicKind  kind,
          gboolean           replace)
{
  g_autofree char *key = briefing_lexicon_key (spelling, -1);
  BriefingLexiconName *name;

  if (*key == '\0' || (!replace && g_hash_table_contains (table, key)))
    return;

  /* Read-only, and kept for the life of the process. */
  name = g_new (BriefingLexiconName, 1);
  g_ptr_array_add (lexicon->entries, name);
  name->name = g_string_chunk_insert_const (lexicon->strings, canonical);
  name->kind = kind;
  g_hash_table_replace (table, g_string_chunk_insert_const (lexicon->strings, key), name);
  note_first_word (lexicon, key);
}

static GBytes *
load_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resource_lookup_data (briefing_topics_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_warning ("Topic data %s is missing: %s", name, error->message);

  return bytes;
}

/* Calls @line for each line of a TAB-separated resource that is not
 * blank or a comment, split into at most four fields. */
static void
each_line (const char *resource,
           void      (*line) (Lexicon *lexicon, char **fields, guint n_fields),
           Lexicon    *lexicon)
{
  g_autoptr(GBytes) bytes = load_resource (resource);
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return;

  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], "\t", 4);
      line (lexicon, fields, g_strv_length (fields));
    }
}

static BriefingTopicKind
kind_from_word (const char *word)
{
  if (g_str_equal (word, "place"))
    return BRIEFING_TOPIC_PLACE;
  if (g_str_equal (word, "organisation"))
    return BRIEFING_TOPIC_ORGANISATION;
  if (g_str_equal (word, "person"))
    return BRIEFING_TOPIC_PERSON;
  return BRIEFING_TOPIC_KEYWORD;
}

static void
gazetteer_line (Lexicon  *lexicon,
                char    **fields,
                guint     n_fields)
{
  BriefingTopicKind kind;

  if (n_fields < 2)
    return;

  kind = kind_from_word (fields[0]);
  add_name (lexicon, lexicon->names, fields[1], fields[1], kind, TRUE);
  if (n_fields > 2)
    {
      g_auto(GStrv) aliases = g_strsplit (fields[2], "|", -1);

      for (guint i = 0; aliases[i] != NULL; i++)
        add_name (lexicon, lexicon->names, g_strstrip (aliases[i]), fields[1], kind, TRUE);
    }
}

static void
demonym_line (Lexicon  *lexicon,
              char    **fields,
              guint     n_fields)
{
  if (n_fields >= 2)
    add_name (lexicon, lexicon->demonyms, fields[0], fields[1], BRIEFING_TOPIC_PLACE, TRUE);
}

static guint
lang_from_word (const char *word)
{
  if (g_str_equal (word, "en"))
    return BRIEFING_LANG_EN;
  if (g_str_equal (word, "de"))
    return BRIEFING_LANG_DE;
  if (g_str_equal (word, "fr"))
    return BRIEFING_LANG_FR;
  return BRIEFING_LANG_ANY;
}

static void
cue_line (Lexicon  *lexicon,
          char    **fields,
          guint     n_fields)
{
  static const char * const roles[BRIEFING_N_CUES] = {
    "title", "honorific", "person-verb", "place-prep", "place-suffix", "org-word",
    "thing-word", "stop", "connector", "byline",
  };
  g_autofree char *key = NULL;

  if (n_fields < 3)
    return;

  key = briefing_lexicon_key (fields[2], -1);
  if (*key == '\0')
    return;

  for (guint role = 0; role < BRIEFING_N_CUES; role++)
    {
      if (g_str_equal (fields[1], roles[role]))
        {
          GHashTable *table = lexicon->cues[role];
          guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

          mask |= lang_from_word (fields[0]);
          lexicon->cue_words[role] = MAX (lexicon->cue_words[role], count_words (key));
          note_first_word (lexicon, key);
          g_hash_table_replace (table, g_string_chunk_insert_const (lexicon->strings, key),
                                GUINT_TO_POINTER (mask));
          return;
        }
    }
}

static JsonArray *
load_iso_codes (JsonParser *parser,
                const char *standard)
{
  g_autofree char *path = g_strdup_printf ("%s/iso_%s.json", BRIEFING_ISO_CODES_DIR, standard);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_debug ("No iso-codes at %s: %s", path, error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_get_array_member (json_node_get_object (root), standard);
}

/* Drops "(…)" and "[…]" parts: "Bolivia, Plurinational State of" stays
 * as it is, but "Kosovo [Kosova]" reads as Kosovo. */
static char *
plain_name (const char *name)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

static void
load_countries (Lexicon *lexicon)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *countries = load_iso_codes (parser, "3166-1");

  for (guint i = 0; countries != NULL && i < json_array_get_length (countries); i++)
    {
      JsonObject *country = json_array_get_object_element (countries, i);
      const char *name = json_object_get_string_member_with_default (country, "name", NULL);
      const char *common = json_object_get_string_member_with_default (country, "common_name", NULL);
      const char *official = json_object_get_string_member_with_default (country, "official_name", NULL);
      g_autofree char *canonical = NULL;

      if (name == NULL)
        continue;

      canonical = plain_name (common != NULL ? common : name);
      add_name (lexicon, lexicon->names, canonical, canonical, BRIEFING_TOPIC_PLACE, FALSE);
      add_name (lexicon, lexicon->names, name, canonical, BRIEFING_TOPIC_PLACE, FALSE);
      if (official != NULL)
        add_name (lexicon, lexicon->names, official, canonical, BRIEFING_TOPIC_PLACE, FALSE);
    }
}

static gboolean
known_subdivision_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (subdivision_types); i++)
    {
      if (g_strcmp0 (type, subdivision_types[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_cue_word (Lexicon    *lexicon,
             const char *key)
{
  for (guint i = 0; i < BRIEFING_N_CUES; i++)
    {
      if (i != BRIEFING_CUE_CONNECTOR && g_hash_table_contains (lexicon->cues[i], key))
        return TRUE;
    }

  return FALSE;
}

static void
load_subdivisions (Lexicon *lexicon)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *subdivisions = load_iso_codes (parser, "3166-2");

  for (guint i = 0; subdivisions != NULL && i < json_array_get_length (subdivisions); i++)
    {
      JsonObject *subdivision = json_array_get_object_element (subdivisions, i);
      const char *name = json_object_get_string_member_with_default (subdivision, "name", NULL);
      const char *type = json_object_get_string_member_with_default (subdivision, "type", NULL);
      g_autofree char *plain = NULL;
      g_autofree char *key = NULL;

      if (name == NULL || !known_subdivision_type (type))
        continue;

      plain = plain_name (name);
      key = briefing_lexicon_key (plain, -1);

      /* "Centre", "North", "Capital": a region's name that is also a
       * common word is no evidence of a place. */
      if (g_utf8_strlen (key, -1) < 4 || is_cue_word (lexicon, key))
        continue;

      add_name (lexicon, lexicon->names, plain, plain, BRIEFING_TOPIC_PLACE, FALSE);
    }
}

/* tzdata names a city in each zone: "Europe/Brussels", "America/Sao_Paulo". */
static void
load_zone_cities (Lexicon *lexicon)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (BRIEFING_TZ_ZONE_TAB, &contents, NULL, NULL))
    {
      g_debug ("No zone table at %s", BRIEFING_TZ_ZONE_TAB);
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *city;
      g_autofree char *name = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) < 3 || (city = strrchr (fields[2], '/')) == NULL)
        continue;

      /* Research stations ("Casey", "Vostok") are no cities, and a zone
       * named after a word ("Center", "Christmas") is no evidence. */
      if (g_str_has_prefix (fields[2], "Antarctica/"))
        continue;

      name = g_strdelimit (g_strdup (city + 1), "_", ' ');
      {
        g_autofree char *key = briefing_lexicon_key (name, -1);

        if (is_cue_word (lexicon, key))
          continue;
      }
      add_name (lexicon, lexicon->names, name, name, BRIEFING_TOPIC_PLACE, FALSE);
    }
}

static Lexicon *
lexicon_load (void)
{
  Lexicon *lexicon = g_new0 (Lexicon, 1);

  lexicon->strings = g_string_chunk_new (64 * 1024);
  lexicon->names = g_hash_table_new (g_str_hash, g_str_equal);
  lexicon->demonyms = g_hash_table_new (g_str_hash, g_str_equal);
  lexicon->first_words = g_hash_table_new (g_str_hash, g_str_equal);
  lexicon->entries = g_ptr_array_new ();
  for (guint i = 0; i < BRIEFING_N_CUES; i++)
    lexicon->cues[i] = g_hash_table_new (g_str_hash, g_str_equal);

  /* Cues first: the stop words filter the subdivisions. The curated
   * gazetteer last, so that its canonical names win. */
  each_line ("cues.tsv", cue_line, lexicon);
  load_countries (lexicon);
  load_subdivisions (lexicon);
  load_zone_cities (lexicon);
  each_line ("gazetteer.tsv", gazetteer_line, lexicon);
  each_line ("demonyms.tsv", demonym_line, lexicon);

  /* One lookup tells a word's every cue. */
  lexicon->cue_sets = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint cue = 0; cue < BRIEFING_N_CUES; cue++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, lexicon->cues[cue]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint set = GPOINTER_TO_UINT (g_hash_table_lookup (lexicon->cue_sets, key));

          set |= (GPOINTER_TO_UINT (value) & BRIEFING_CUE_LANGS) << (cue * BRIEFING_CUE_BITS);
          g_hash_table_replace (lexicon->cue_sets, key, GUINT_TO_POINTER (set));
        }
    }

  g_debug ("Lexicon: %u names, %u demonyms", g_hash_table_size (lexicon->names),
           g_hash_table_size (lexicon->demonyms));

  return lexicon;
}

static Lexicon *
lexicon_get (void)
{
  static gsize lexicon = 0;

  if (g_once_init_enter (&lexicon))
    g_once_init_leave (&lexicon, (gsize) lexicon_load ());

  return (Lexicon *) lexicon;
}

const BriefingLexiconName *
briefing_lexicon_lookup_name (const char *key)
{
  return g_hash_table_lookup (lexicon_get ()->names, key);
}

const BriefingLexiconName *
briefing_lexicon_lookup_demonym (const char *key)
{
  return g_hash_table_lookup (lexicon_get ()->demonyms, key);
}

gboolean
briefing_lexicon_has_cue (BriefingCue  cue,
                          const char  *key,
                          BriefingLang lang)
{
  guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (lexicon_get ()->cues[cue], key));

  return (mask & (lang == BRIEFING_LANG_OTHER ? BRIEFING_LANG_EN : lang)) != 0;
}

/**
 * briefing_lexicon_cue_set:
 * @key: a word's key
 *
 * Returns: the cues @key is, in which languages, to be asked with
 *   briefing_cue_set_has(): one lookup for a word asked about many cues
 */
BriefingCueSet
briefing_lexicon_cue_set (const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (lexicon_get ()->cue_sets, key));
}

/**
 * briefing_lexicon_starts_phrase:
 * @key: a word's key
 *
 * Returns: whether some name or cue of several words starts with it
 */
gboolean
briefing_lexicon_starts_phrase (const char *key)
{
  return g_hash_table_contains (lexicon_get ()->first_words, key);
}

guint
briefing_lexicon_cue_max_words (BriefingCue cue)
{
  return lexicon_get ()->cue_words[cue];
}
