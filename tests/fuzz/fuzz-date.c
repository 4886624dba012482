/* fuzz-date.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the date parser, which reads RFC 822 and
 * ISO 8601 dates and the long tail of both found in feeds. A date it
 * accepts lies between the years 1000 and 9999, is a time GDateTime can
 * hold, does not depend on white space around it, is the instant GLib
 * reads where GLib reads ISO 8601 too, and reads back the same once
 * written as RFC 3339 and as an RFC 1123 HTTP date. */

#include "config.h"

#include "briefing-date.h"
#include "fuzz-common.h"

#include <string.h>

/* 1000-01-01T00:00:00Z, the first instant of the parser's first year; an
 * offset east of UTC may take a date up to a day before it. */
#define MIN_UNIX_TIME G_GINT64_CONSTANT (-30610224000)
#define MAX_OFFSET (24 * 60 * 60)

/* 9999-12-31T23:59:59Z, the last second GDateTime can represent. */
#define MAX_UNIX_TIME G_GINT64_CONSTANT (253402300799)

/* Writes @when as an RFC 1123 HTTP date, by hand: g_date_time_format()
 * would follow the locale, and feeds name days and months in English. */
static char *
format_rfc1123 (GDateTime *when)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (when) - 1],
                          g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1],
                          g_date_time_get_year (when),
                          g_date_time_get_hour (when),
                          g_date_time_get_minute (when),
                          g_date_time_get_second (when));
}

static void
check_reads_back (const char *text,
                  gint64      expected)
{
  gint64 when = 0;

  FUZZ_CHECK (briefing_date_parse (text, &when));
  FUZZ_CHECK (when == expected);
}

/* Whether @text has a fraction of a second so close to the next second
 * that a double cannot tell them apart: fifteen nines or more. */
static gboolean
has_fraction_near_one (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      gsize nines = 0;

      if (*p != '.' && *p != ',')
        continue;
      while (p[1 + nines] == '9')
        nines++;
      if (nines >= 15)
        return TRUE;
    }

  return FALSE;
}

/* Where GLib's own ISO 8601 parser reads the text too, taking no zone as
 * UTC as ours does, it reads the same instant. The two accept different
 * sets (GLib has week dates, we have the forms feeds use), not different
 * meanings. One difference is GLib's rounding, not a meaning: it reads
 * the seconds as a double, so 02.99999999999999991 becomes 03, where we
 * drop the fraction and keep the second it falls in. */
static void
check_agrees_with_glib (const char *text,
                        gint64      when)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) theirs = g_date_time_new_from_iso8601 (text, utc);
  gint64 their_when;

  if (theirs == NULL)
    return;

  their_when = g_date_time_to_unix (theirs);
  FUZZ_CHECK (their_when == when || (their_when == when + 1 && has_fraction_near_one (text)));
}

static void
check_accepted (const char *text,
                gint64      when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *rfc3339 = NULL;
  g_autofree char *rfc1123 = NULL;

  FUZZ_CHECK (when >= MIN_UNIX_TIME - MAX_OFFSET && when <= MAX_UNIX_TIME);

  utc = g_date_time_new_from_unix_utc (when);
  FUZZ_CHECK (utc != NULL);

  /* Feeds pad their dates with white space, and the padding means nothing. */
  padded = g_strconcat (" \t", text, "\r\n ", NULL);
  check_reads_back (padded, when);

  check_agrees_with_glib (text, when);

  /* Written in the parser's two main forms, the instant comes back. The
   * year before the first has no four-digit form the parser accepts. */
  if (when < MIN_UNIX_TIME)
    return;

  rfc3339 = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  check_reads_back (rfc3339, when);
  rfc1123 = format_rfc1123 (utc);
  check_reads_back (rfc1123, when);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Dates come from text: up to the first NUL, and never very long. */
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 4096));
  gint64 when = G_MININT64;
  gint64 untouched = G_MININT64;

  if (!briefing_date_parse (text, &when))
    {
      /* Left untouched on failure, as documented. */
      FUZZ_CHECK (when == untouched);
      return 0;
    }

  check_accepted (text, when);

  return 0;
}
