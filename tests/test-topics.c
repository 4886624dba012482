/* test-topics.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "briefing-entities.h"
#include "briefing-entry.h"
#include "briefing-topics.h"
#include "briefing-lexicon.h"
#include "briefing-topic.h"
#include "briefing-types.h"

/* Entity extraction, one behaviour at a time. The scored fixtures (many
 * outlets, one fortnight of news) are in test-coverage.c. */

static GPtrArray *
extract_full (const char *title,
              const char *html,
              const char *caption,
              const char *language)
{
  static const char * const authors[] = { "Jane Doe", NULL };
  BriefingEntityText text = {
    .title = title,
    .content = html,
    .caption = caption,
    .language = language,
    .source_title = "The Morning Herald",
    .authors = authors,
  };

  return briefing_entities_extract (&text);
}

static GPtrArray *
extract (const char *title,
         const char *html)
{
  return extract_full (title, html, NULL, "en");
}

static const BriefingEntity *
find (GPtrArray  *entities,
      const char *name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      const BriefingEntity *entity = g_ptr_array_index (entities, i);

      if (g_str_equal (entity->name, name))
        return entity;
    }

  return NULL;
}

static void
dump (GPtrArray *entities)
{
  for (guint i = 0; i < entities->len; i++)
    {
      const BriefingEntity *entity = g_ptr_array_index (entities, i);

      g_test_message ("  %s (%s, %.2f)", entity->name, briefing_topic_kind_to_string (entity->kind), entity->salience);
    }
}

#define assert_entity(entities, name, expected_kind) G_STMT_START { \
  const BriefingEntity *e_ = find ((entities), (name)); \
  if (e_ == NULL) \
    { \
      dump (entities); \
      g_error ("no topic %s", (name)); \
    } \
  g_assert_cmpstr (briefing_topic_kind_to_string (e_->kind), ==, briefing_topic_kind_to_string (expected_kind)); \
} G_STMT_END

#define assert_no_entity(entities, name) G_STMT_START { \
  if (find ((entities), (name)) != NULL) \
    { \
      dump (entities); \
      g_error ("unexpected topic %s", (name)); \
    } \
} G_STMT_END

static void
test_key (void)
{
  static const struct { const char *a, *b; } same[] = {
    { "muslim-women", "Muslim women" },
    { "dakota_collegiate", "Dakota Collegiate" },
    { "U.S.", "US" },
    { "Rutte\u2019s", "rutte's" },
    { "STRASSE", "straße" },
    { "  Bank  of\tEngland ", "bank of england" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = briefing_lexicon_key (same[i].a, -1);
      g_autofree char *b = briefing_lexicon_key (same[i].b, -1);

      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_people (void)
{
  g_autoptr(GPtrArray) entities = extract (
    "NATO chief urges allies to spend more",
    "<p>BRUSSELS (Herald) — NATO Secretary-General Henrik Vaaler said on Monday that allies "
    "must spend more on defence.</p>"
    "<p>Mr Vaaler spoke after talks with Prime Minister Ana de Souza. \u201cWe cannot wait,\u201d Vaaler said.</p>"
    "<p>Vaaler's remarks came as Ukrainian President Olena Marchenko arrived in Brussels.</p>");

  assert_entity (entities, "Henrik Vaaler", BRIEFING_TOPIC_PERSON);
  assert_entity (entities, "Ana de Souza", BRIEFING_TOPIC_PERSON);
  assert_entity (entities, "Olena Marchenko", BRIEFING_TOPIC_PERSON);
  assert_entity (entities, "NATO", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "Brussels", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Ukraine", BRIEFING_TOPIC_PLACE);

  /* Aliases join the full name; titles, weekdays and the outlet go. */
  assert_no_entity (entities, "Vaaler");
  assert_no_entity (entities, "Mr Vaaler");
  assert_no_entity (entities, "Secretary-General");
  assert_no_entity (entities, "Prime Minister");
  assert_no_entity (entities, "Monday");
  assert_no_entity (entities, "Herald");
  assert_no_entity (entities, "We");

  /* The title and the lead count most, then how often: NATO (title and
   * lead) and Vaaler (four mentions) before those named once. */
  g_assert_cmpfloat (find (entities, "NATO")->salience, >, find (entities, "Ana de Souza")->salience);
  g_assert_cmpfloat (find (entities, "Henrik Vaaler")->salience, >, find (entities, "Ana de Souza")->salience);
  g_assert_cmpfloat (find (entities, "Henrik Vaaler")->salience, >, find (entities, "Olena Marchenko")->salience);
}

static void
test_organisations (void)
{
  g_autoptr(GPtrArray) entities = extract (
    "Bank of England holds rates",
    "<p>The Bank of England kept rates on hold on Thursday. Governor Margaret O'Dowd said inflation "
    "was easing.</p>"
    "<p>Inspectors from the International Atomic Energy Agency (IAEA) and the Ministry of Finance "
    "met officials of Vostok Energy Inc. in Tokyo. The Supreme Court will rule in March.</p>");

  assert_entity (entities, "Bank of England", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "Margaret O'Dowd", BRIEFING_TOPIC_PERSON);
  assert_entity (entities, "IAEA", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "Ministry of Finance", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "Vostok Energy Inc", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "Supreme Court", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "Tokyo", BRIEFING_TOPIC_PLACE);
  assert_no_entity (entities, "International Atomic Energy Agency");
  assert_no_entity (entities, "Thursday");
  assert_no_entity (entities, "March");
  assert_no_entity (entities, "Governor");
  assert_no_entity (entities, "The");
  assert_no_entity (entities, "Inspectors");
}

static void
test_context_kinds (void)
{
  g_autoptr(GPtrArray) entities = extract (
    "Floods in Valdora",
    "<p>Heavy rain flooded homes in Valdora on Sunday. Kessler said the Valdora-based relief group "
    "Aid Partners had sent boats along the Marrow River.</p>");

  assert_entity (entities, "Valdora", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Kessler", BRIEFING_TOPIC_PERSON);
  assert_entity (entities, "Marrow River", BRIEFING_TOPIC_PLACE);
  assert_no_entity (entities, "Heavy");
  assert_no_entity (entities, "Sunday");
}

static void
test_bylines_and_credits (void)
{
  g_autoptr(GPtrArray) entities = extract_full (
    "Storm hits coast",
    "<p>By John Smith and Jane Doe</p><p>A storm hit the coast of Portugal.</p>",
    "Waves in Porto. Photo: Carlos Mendes/Reuters", "en");

  assert_entity (entities, "Portugal", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Porto", BRIEFING_TOPIC_PLACE);
  assert_no_entity (entities, "John Smith");
  assert_no_entity (entities, "Jane Doe");
  assert_no_entity (entities, "Carlos Mendes");
  assert_no_entity (entities, "Reuters");
  assert_no_entity (entities, "Photo");
}

static void
test_headline_styles (void)
{
  g_autoptr(GPtrArray) shouting = extract ("NATO ALLIES MEET IN BRUSSELS AS UKRAINE ASKS FOR AIR DEFENCE",
                                           "<p>Ministers met in Brussels on Ukraine.</p>");
  g_autoptr(GPtrArray) title_case = extract ("Ministers Agree New Package For Ukraine In Brussels",
                                             "<p>Defence ministers agreed a package for Ukraine.</p>");

  assert_entity (shouting, "Brussels", BRIEFING_TOPIC_PLACE);
  assert_entity (shouting, "Ukraine", BRIEFING_TOPIC_PLACE);
  assert_no_entity (shouting, "ALLIES");
  assert_no_entity (shouting, "AIR");
  assert_no_entity (shouting, "DEFENCE");

  assert_entity (title_case, "Ukraine", BRIEFING_TOPIC_PLACE);
  assert_entity (title_case, "Brussels", BRIEFING_TOPIC_PLACE);
  assert_no_entity (title_case, "Ministers Agree New Package");
  assert_no_entity (title_case, "Package");
}

static void
test_german (void)
{
  g_autoptr(GPtrArray) entities = extract_full (
    "Nato-Minister beraten in Brüssel über Hilfe für die Ukraine",
    "<p>Die Außenminister der Nato haben am Dienstag in Brüssel über neue Waffenlieferungen beraten. "
    "Bundeskanzler Friedrich Lorenz sagte, Deutschland werde die Unterstützung fortsetzen. "
    "Die Regierung plant weitere Gespräche mit der EU.</p>", NULL, "de");

  assert_entity (entities, "Brussels", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Ukraine", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Germany", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Friedrich Lorenz", BRIEFING_TOPIC_PERSON);
  assert_entity (entities, "European Union", BRIEFING_TOPIC_ORGANISATION);
  assert_entity (entities, "NATO", BRIEFING_TOPIC_ORGANISATION);

  /* Capitalised German nouns are not names. */
  assert_no_entity (entities, "Waffenlieferungen");
  assert_no_entity (entities, "Regierung");
  assert_no_entity (entities, "Unterstützung");
  assert_no_entity (entities, "Gespräche");
  assert_no_entity (entities, "Dienstag");
}

static void
test_french (void)
{
  g_autoptr(GPtrArray) entities = extract_full (
    "Les ministres de l'Otan réunis à Bruxelles",
    "<p>Les ministres des Affaires étrangères de l'Otan se sont réunis mardi à Bruxelles. "
    "Le président Julien Marchal a déclaré que la France resterait aux côtés de l'Ukraine.</p>", NULL, "fr");

  assert_entity (entities, "Brussels", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "France", BRIEFING_TOPIC_PLACE);
  assert_entity (entities, "Julien Marchal", BRIEFING_TOPIC_PERSON);
  assert_no_entity (entities, "Les");
  assert_no_entity (entities, "Le");
}

static void
test_uncased_script (void)
{
  g_autoptr(GPtrArray) entities = extract_full ("北约外长在布鲁塞尔开会",
                                                "<p>北约外长周二在布鲁塞尔举行会议，讨论对乌克兰的援助。NATO 表示支持。</p>",
                                                NULL, "zh");

  /* Nothing to go by but acronyms and the lexicon: no junk. */
  assert_entity (entities, "NATO", BRIEFING_TOPIC_ORGANISATION);
  g_assert_cmpuint (entities->len, <=, 2);
}

static void
test_edge_cases (void)
{
  g_autoptr(GPtrArray) empty = extract (NULL, NULL);
  g_autoptr(GPtrArray) remnants = extract ("Talks in &lt;b&gt;Geneva&lt;/b&gt;",
                                           "<p>&amp;nbsp;Talks resumed in Geneva.&lt;br&gt; Officials from Iran attended.</p>");
  g_autoptr(GString) long_body = g_string_new (NULL);
  g_autoptr(GPtrArray) long_entities = NULL;

  g_assert_cmpuint (empty->len, ==, 0);
  assert_entity (remnants, "Geneva", BRIEFING_TOPIC_PLACE);
  assert_entity (remnants, "Iran", BRIEFING_TOPIC_PLACE);
  assert_no_entity (remnants, "Talks");

  /* However long the body, the work is capped, and topics stay few. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (long_body, "<p>Delegate Person%u Name met Official%u Other in Lisbon.</p>", i, i);
  long_entities = extract ("A long report", long_body->str);
  g_assert_cmpuint (long_entities->len, <=, 24);
  assert_entity (long_entities, "Lisbon", BRIEFING_TOPIC_PLACE);
}

/* A real HuffPost feed files one briefing under "Dakota Collegiate" and
 * "dakota-collegiate": one topic, in its plain form. */
static void
test_slug_categories (void)
{
  g_autoptr(BriefingEntry) entry = briefing_entry_new ();
  GPtrArray *categories = briefing_entry_get_categories (entry);
  GPtrArray *topics;
  guint dakota = 0, muslim = 0;

  briefing_entry_set_title (entry, "A school's new rules");
  g_ptr_array_add (categories, briefing_category_new ("dakota-collegiate", NULL, NULL));
  g_ptr_array_add (categories, briefing_category_new ("Dakota Collegiate", NULL, NULL));
  g_ptr_array_add (categories, briefing_category_new ("muslim-women", NULL, NULL));
  briefing_topics_add_from_entry (entry, "en", "HuffPost");

  topics = briefing_entry_get_topics (entry);
  for (guint i = 0; i < topics->len; i++)
    {
      const char *name = briefing_topic_get_name (g_ptr_array_index (topics, i));

      if (g_str_equal (name, "Dakota Collegiate"))
        dakota++;
      else if (g_str_equal (name, "Muslim women"))
        muslim++;
      else
        g_error ("unexpected topic %s", name);
    }
  g_assert_cmpuint (dakota, ==, 1);
  g_assert_cmpuint (muslim, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/topics/key", test_key);
  g_test_add_func ("/topics/people", test_people);
  g_test_add_func ("/topics/organisations", test_organisations);
  g_test_add_func ("/topics/context-kinds", test_context_kinds);
  g_test_add_func ("/topics/bylines-and-credits", test_bylines_and_credits);
  g_test_add_func ("/topics/headline-styles", test_headline_styles);
  g_test_add_func ("/topics/german", test_german);
  g_test_add_func ("/topics/french", test_french);
  g_test_add_func ("/topics/uncased-script", test_uncased_script);
  g_test_add_func ("/topics/edge-cases", test_edge_cases);
  g_test_add_func ("/topics/slug-categories", test_slug_categories);

  return g_test_run ();
}
