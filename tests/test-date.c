/* test-date.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "briefing-date.h"

typedef struct
{
  const char *input;
  const char *expected;     /* The instant as RFC 3339 UTC, or NULL for a rejection. */
} DateCase;

/* Several cases come from feedparser's test suite and from real feeds in
 * the shared corpora; the expected instants match feedparser's *_parsed
 * values where it has one. */
static const DateCase rfc822_cases[] = {
  { "Mon, 06 Apr 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Mon, 6 Apr 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "6 Apr 2009 13:05 +0200", "2009-04-06T11:05:00Z" },
  { "Mon,06 Apr 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Mon 06 Apr 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
  { "Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z" },
  { "Wed, 5 Jan 2005 13:01:00 -0800 (PST)", "2005-01-05T21:01:00Z" },
  { "Wed, 5 Jan 2005 13:01:00 -0800 (Pacific Standard Time)", "2005-01-05T21:01:00Z" },
  { "Mon, 06 Apr 2009 13:05:00 +0000 (GMT)", "2009-04-06T13:05:00Z" },
  { "Mon, 06 Apr 2009 13:05:00 +0000 (a (nested) comment)", "2009-04-06T13:05:00Z" },
  { "Mon, Apr 06 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Apr 06 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Apr, 06 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
  { "Sun Jan 4 16:29:06 PST 2004", "2004-01-05T00:29:06Z" },
  { "Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
  /* feedparser: channel_lastBuildDate_parsed, item_expirationDate_parsed,
   * entry_published_parsed_date_overwriting. */
  { "Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
  { "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
  { "Sat, 01 Jan 2010 19:48:21 GMT", "2010-01-01T19:48:21Z" },
  /* Case and white space. */
  { "mon, 06 apr 2009 13:05:00 gmt", "2009-04-06T13:05:00Z" },
  { "MON, 06 APR 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "  Mon,   06   Apr   2009   13:05:00   GMT  ", "2009-04-06T13:05:00Z" },
  { "\n\t\tMon, 06 Apr 2009 13:05:00 GMT\r\n\t", "2009-04-06T13:05:00Z" },
  /* Names in full and in between. */
  { "Monday, 06 April 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Tuesday 15 September 2009 08:00 UTC", "2009-09-15T08:00:00Z" },
  { "Tue, 15 Sept 2009 08:00:00 +0000", "2009-09-15T08:00:00Z" },
  { "Thurs, 17 Sep. 2009 08:00:00 +0000", "2009-09-17T08:00:00Z" },
  { "Fri, 06 Apr 2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  /* A French day name with a month English shares, from a real feed. */
  { "mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z" },
  /* Missing parts. */
  { "Mon, 06 Apr 2009", "2009-04-06T00:00:00Z" },
  { "06 Apr 2009", "2009-04-06T00:00:00Z" },
  { "Mon, 06 Apr 2009 13:05:00", "2009-04-06T13:05:00Z" },
  { "Mon, 06 Apr 2009 13:05 GMT", "2009-04-06T13:05:00Z" },
  { "Mon, 6 Apr 2009 9:05:00 GMT", "2009-04-06T09:05:00Z" },
  /* Two-digit years. */
  { "Thu, 07 Dec 17 07:00:00 -0800", "2017-12-07T15:00:00Z" },
  { "01 Jan 00 12:00 GMT", "2000-01-01T12:00:00Z" },
  { "01 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z" },
  { "01 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z" },
  { "31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z" },
  /* Named zones. */
  { "Wed, 01 Jul 2009 12:00:00 UT", "2009-07-01T12:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 UTC", "2009-07-01T12:00:00Z" },
  { "Thu, 07 May 2020 07:36:53 Z", "2020-05-07T07:36:53Z" },
  { "Mon, 2 Jul 2012 13:41:00 EST", "2012-07-02T18:41:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 EDT", "2009-07-01T16:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 CST", "2009-07-01T18:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 CDT", "2009-07-01T17:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 MST", "2009-07-01T19:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 MDT", "2009-07-01T18:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 PST", "2009-07-01T20:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 pdt", "2009-07-01T19:00:00Z" },
  { "Mon, 06 Apr 2009 13:05:00 CEST", "2009-04-06T11:05:00Z" },
  { "Mon, 06 Apr 2009 13:05:00 GMT+0200", "2009-04-06T11:05:00Z" },
  { "Mon, 06 Apr 2009 13:05:00 UTC-5", "2009-04-06T18:05:00Z" },
  /* Military zones. */
  { "Wed, 01 Jul 2009 12:00:00 A", "2009-07-01T11:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 I", "2009-07-01T03:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 K", "2009-07-01T02:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 M", "2009-07-01T00:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 N", "2009-07-01T13:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 y", "2009-07-02T00:00:00Z" },
  { "Wed, 01 Jul 2009 12:00:00 Z", "2009-07-01T12:00:00Z" },
  /* Numeric zones. */
  { "Fri, 01 Sep 2023 04:00:00 -0000", "2023-09-01T04:00:00Z" },
  { "Mon, 09 Jan 2023 08:46:05 +1100", "2023-01-08T21:46:05Z" },
  { "Mon, 06 Apr 2009 13:05:00 +0530", "2009-04-06T07:35:00Z" },
  { "Mon, 06 Apr 2009 13:05:00 -0330", "2009-04-06T16:35:00Z" },
  { "Fri, 13 Sep 2024 12:00:00 +02:00", "2024-09-13T10:00:00Z" },
  { "Thu, 31 Dec 2009 23:30:00 -0100", "2010-01-01T00:30:00Z" },
  /* Other sloppiness. */
  { "Mon, 06-Apr-2009 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Mon, 06 Apr 2009, 13:05:00 GMT", "2009-04-06T13:05:00Z" },
  { "Apr 6, 2009 1:05 PM", "2009-04-06T13:05:00Z" },
  { "Apr 6, 2009 12:30 am EST", "2009-04-06T05:30:00Z" },
  { "Mon, 06 Apr 2009 13:05:00.250 GMT", "2009-04-06T13:05:00Z" },
  { "Wed, 31 Dec 2008 23:59:60 GMT", "2008-12-31T23:59:59Z" },
  { "Sun, 29 Feb 2004 12:00:00 GMT", "2004-02-29T12:00:00Z" },
};

static const DateCase iso8601_cases[] = {
  { "2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30:02,5Z", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30:02.123456789Z", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z" },
  { "2003-12-13T18:30:02+0100", "2003-12-13T17:30:02Z" },
  { "2003-12-13T18:30:02+01", "2003-12-13T17:30:02Z" },
  { "2003-12-13T18:30:02-05:00", "2003-12-13T23:30:02Z" },
  { "2003-12-13T18:30:02-00:00", "2003-12-13T18:30:02Z" },
  { "2003-12-13 18:30:02Z", "2003-12-13T18:30:02Z" },
  { "2003-12-13t18:30:02z", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30:02 +01:00", "2003-12-13T17:30:02Z" },
  { "2003-12-13 18:30:02 GMT", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30:02", "2003-12-13T18:30:02Z" },
  { "2003-12-13T18:30Z", "2003-12-13T18:30:00Z" },
  { "2003-12-13T18:30", "2003-12-13T18:30:00Z" },
  { "2003-12-13", "2003-12-13T00:00:00Z" },
  { "2003-12", "2003-12-01T00:00:00Z" },
  { "2003", "2003-01-01T00:00:00Z" },
  { "20031213T183002Z", "2003-12-13T18:30:02Z" },
  { "20031213T1830+0100", "2003-12-13T17:30:00Z" },
  { "20031213", "2003-12-13T00:00:00Z" },
  { "2003-347", "2003-12-13T00:00:00Z" },
  { "2003347", "2003-12-13T00:00:00Z" },
  { "2004-366", "2004-12-31T00:00:00Z" },
  { "2003-347T18:30:02Z", "2003-12-13T18:30:02Z" },
  { "2003-12-13T24:00:00Z", "2003-12-14T00:00:00Z" },
  { "2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z" },
  { "2003-12-31T24:00Z", "2004-01-01T00:00:00Z" },
  { "2008-12-31T23:59:60Z", "2008-12-31T23:59:59Z" },
  { "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z" },
  { "  2003-12-13T18:30:02Z\n  ", "2003-12-13T18:30:02Z" },
  { "1000-01-01T00:00:00Z", "1000-01-01T00:00:00Z" },
  { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
  { "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z" },
  { "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
  /* feedparser: entry_updated_parsed and friends, channel_lastmod_parsed,
   * channel_dcterms_validity_parsed. */
  { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
  { "2004-04-06T23:05:43-05:00", "2004-04-07T04:05:43Z" },
  { "2002-10-13T09:00+01:00", "2002-10-13T08:00:00Z" },
  { "2002-10-17T17:00+01:00", "2002-10-17T16:00:00Z" },
  /* Real feeds. */
  { "2007-09-28T10:38:00.001-07:00", "2007-09-28T17:38:00Z" },
  { "2013-05-07T13:10:52+10:30", "2013-05-07T02:40:52Z" },
  { "2012-12-05T19:51:24+11:00", "2012-12-05T08:51:24Z" },
  { "2009-04-09T18:23:09.035Z", "2009-04-09T18:23:09Z" },
  { "2014-03-17T08:02:45-05:00", "2014-03-17T13:02:45Z" },
  { "2020/1/10 14:03:00", "2020-01-10T14:03:00Z" },
  { "2020/01/10", "2020-01-10T00:00:00Z" },
};

static const DateCase invalid_cases[] = {
  { "", NULL },
  { "   \n\t ", NULL },
  { "garbage", NULL },
  { "not a date at all", NULL },
  { "Mon", NULL },
  { "Z", NULL },
  { "+0100", NULL },
  { "12:00:00", NULL },
  /* A Unix timestamp, from feedjira's InvalidDateFormat.xml. */
  { "1518478934", NULL },
  /* Greek names in ISO-8859-7, from feedparser's http_high_bit_date.xml. */
  { "\xd4\xf1\xe9, 29 \xc9\xef\xfd\xed 2004 12:53:00 GMT", NULL },
  /* Out-of-range ISO 8601 fields. */
  { "2003-13-01", NULL },
  { "2003-00-10", NULL },
  { "2003-12-32", NULL },
  { "2003-12-00", NULL },
  { "2003-02-30", NULL },
  { "2003-02-29", NULL },
  { "1900-02-29", NULL },
  { "2003-000", NULL },
  { "2003-366", NULL },
  { "2003-12-13T25:00:00Z", NULL },
  { "2003-12-13T24:00:01Z", NULL },
  { "2003-12-13T24:30:00Z", NULL },
  { "2003-12-13T24:00:00.5Z", NULL },
  { "2003-12-13T18:60:00Z", NULL },
  { "2003-12-13T18:30:61Z", NULL },
  { "2003-12-13T18:30:02+24:00", NULL },
  { "2003-12-13T18:30:02+01:60", NULL },
  { "0999-12-31T00:00:00Z", NULL },
  { "10000-01-01", NULL },
  { "9999-12-31T23:59:59-01:00", NULL },
  /* Malformed ISO 8601. */
  { "2003-12-13T", NULL },
  { "2003-12-13T18", NULL },
  { "2003-12-13T18:", NULL },
  { "2003-12-13T18:3", NULL },
  { "2003-12-13T18:30:02Zjunk", NULL },
  { "2003-12-13T18:30:02+", NULL },
  { "2003-12-13 and then some", NULL },
  { "2003-12T10:00:00Z", NULL },
  { "2003-1-13", NULL },
  { "200312", NULL },
  { "2003/13/01", NULL },
  /* Out-of-range or malformed RFC 822. */
  { "Mon, 32 Apr 2009 13:05:00 GMT", NULL },
  { "Mon, 00 Apr 2009 13:05:00 GMT", NULL },
  { "Mon, 30 Feb 2009 13:05:00 GMT", NULL },
  { "Mon, 06 Foo 2009 13:05:00 GMT", NULL },
  { "Mon, 06 Ap 2009 13:05:00 GMT", NULL },
  { "Mon, 06 Apr 2009 25:05:00 GMT", NULL },
  { "Mon, 06 Apr 2009 13:60:00 GMT", NULL },
  { "Mon, 06 Apr 2009 13:05:00 J", NULL },
  { "Mon, 06 Apr 2009 13:05:00 XYZ", NULL },
  { "Mon, 06 Apr 2009 13:05:00 IST", NULL },
  { "Mon, 06 Apr 2009 13:05:00 GMT trailing junk", NULL },
  { "Mon, 06 Apr 2009 13:05:00 +2400", NULL },
  { "Mon, 06 Apr 2009 13:05:00 +123456", NULL },
  { "Mon, 06 Apr 2009 13:05:00 (unterminated", NULL },
  { "Mon, 06 Apr 2009 13:05 PM", NULL },
  { "Mon, 06 Apr", NULL },
  { "Mon, 06 Apr 209", NULL },
  { "Mon, 006 Apr 2009", NULL },
  { "Apr 2009", NULL },
  { "Sun Jan 4 16:29:06", NULL },
  { "Blursday 06 Apr 2009 13:05:00 GMT", NULL },
  { "mer, 16 novembre 2022 00:38:15 +0100", NULL },
  /* A truncated offset, from feed-rs's rss_1.0_example_1.xml. */
  { "2017-06-13T03:18:00+00:0", NULL },
};

static char *
format_utc (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("(unrepresentable)");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Runs every case and reports each mismatch, rather than stopping at the
 * first, so that one run shows the whole damage of a regression. */
static void
check_cases (const DateCase *cases,
             gsize           n_cases)
{
  guint n_failed = 0;

  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *got = NULL;
      gint64 when = 0;

      if (briefing_date_parse (cases[i].input, &when))
        got = format_utc (when);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        {
          g_autofree char *escaped = g_strescape (cases[i].input, NULL);

          g_test_message ("\"%s\": expected %s, got %s", escaped,
                          cases[i].expected != NULL ? cases[i].expected : "rejection",
                          got != NULL ? got : "rejection");
          n_failed++;
        }
    }

  if (n_failed > 0)
    g_test_fail_printf ("%u of %" G_GSIZE_FORMAT " cases failed", n_failed, n_cases);
}

static void
test_rfc822 (void)
{
  check_cases (rfc822_cases, G_N_ELEMENTS (rfc822_cases));
}

static void
test_iso8601 (void)
{
  check_cases (iso8601_cases, G_N_ELEMENTS (iso8601_cases));
}

static void
test_invalid (void)
{
  gint64 when = 42;

  check_cases (invalid_cases, G_N_ELEMENTS (invalid_cases));

  /* A missing element is no programming error: no critical, no crash. */
  g_assert_false (briefing_date_parse (NULL, &when));

  /* The output is left alone on failure and optional on success. */
  g_assert_false (briefing_date_parse ("2003-02-30", &when));
  g_assert_cmpint (when, ==, 42);
  g_assert_true (briefing_date_parse ("2003-12-13", NULL));
}

/* Parses a copy of exactly @len bytes in a buffer of its own, so that
 * valgrind and MALLOC_CHECK_ notice any read past the terminator, and
 * checks that whatever comes back is an instant GDateTime can show. */
static void
parse_exact (const char *data,
             gsize       len)
{
  g_autofree char *copy = g_strndup (data, len);
  gint64 when;

  if (briefing_date_parse (copy, &when))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (when);

      g_assert_nonnull (dt);
    }
}

static void
fuzz_valid_case (const char *input)
{
  static const char replacements[] = " 0129:-+.,TZ(\xff";
  gsize len = strlen (input);
  g_autofree char *mutated = g_strdup (input);

  for (gsize cut = 0; cut <= len; cut++)
    parse_exact (input, cut);

  for (gsize i = 0; i < len; i++)
    {
      for (gsize r = 0; r < sizeof replacements - 1; r++)
        {
          mutated[i] = replacements[r];
          parse_exact (mutated, len);
        }
      mutated[i] = input[i];
    }
}

static void
fuzz_random (void)
{
  static const char alphabet[] = "0123456789 :-+.,/()TtZzGMTUCESPDAprJanSepMonWed\t\n";
  char buffer[64];

  for (int n = 0; n < 20000; n++)
    {
      int len = g_test_rand_int_range (0, sizeof buffer);
      gboolean any_byte = g_test_rand_bit ();

      for (int i = 0; i < len; i++)
        {
          if (any_byte)
            buffer[i] = (char) g_test_rand_int_range (1, 256);
          else
            buffer[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
        }

      parse_exact (buffer, len);
    }
}

static void
fuzz_huge (void)
{
  const gsize size = 1 << 20;
  g_autofree char *huge = g_malloc (size + 1);
  g_autoptr(GString) padded = g_string_new (NULL);
  gint64 when = 0;
  const char fills[] = { '0', '(', ' ', 'a', '-', ':' };

  for (gsize i = 0; i < G_N_ELEMENTS (fills); i++)
    {
      memset (huge, fills[i], size);
      huge[size] = '\0';
      g_assert_false (briefing_date_parse (huge, &when));
    }

  /* Pretty-printed feeds surround dates with white space of any length. */
  for (gsize i = 0; i < size; i++)
    g_string_append_c (padded, i % 80 == 0 ? '\n' : ' ');
  g_string_append (padded, "2003-12-13T18:30:02Z");
  g_string_append_len (padded, "\n\n\n\n", 4);
  g_assert_true (briefing_date_parse (padded->str, &when));
  g_assert_cmpint (when, ==, 1071340202);
}

static void
test_robustness (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rfc822_cases); i++)
    fuzz_valid_case (rfc822_cases[i].input);

  for (gsize i = 0; i < G_N_ELEMENTS (iso8601_cases); i++)
    fuzz_valid_case (iso8601_cases[i].input);

  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    parse_exact (invalid_cases[i].input, strlen (invalid_cases[i].input));

  fuzz_random ();
  fuzz_huge ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/rfc822", test_rfc822);
  g_test_add_func ("/date/iso8601", test_iso8601);
  g_test_add_func ("/date/invalid", test_invalid);
  g_test_add_func ("/date/robustness", test_robustness);

  return g_test_run ();
}
