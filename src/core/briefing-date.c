/* briefing-date.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-date"

#include "config.h"

#include "briefing-date.h"

#include <string.h>

/* Feeds promise RFC 822 dates (RSS) or RFC 3339 ones (Atom, JSON Feed)
 * and deliver a long tail of variations on both. The parser walks the
 * string once with a cursor and never allocates, because it runs for
 * every entry of every feed; it never consults the locale, because feeds
 * spell months in English whatever the reader's language. Every field is
 * range-checked and the instant comes from plain proleptic Gregorian
 * arithmetic, so neither the local time zone nor its daylight saving
 * rules can leak into the result. */

#define MIN_YEAR 1000
#define MAX_YEAR 9999

/* 9999-12-31T23:59:59Z, the last second GDateTime can represent: an
 * offset west of UTC can push a valid local time past it. */
#define MAX_UNIX_TIME G_GINT64_CONSTANT (253402300799)

#define SECONDS_PER_DAY 86400

typedef struct
{
  int      year;
  int      month;            /* 0 for an ISO 8601 ordinal date, which sets yday. */
  int      day;
  int      yday;
  int      hour;
  int      minute;
  int      second;
  gboolean fraction_nonzero;
  int      offset;           /* Seconds east of UTC. */
} DateFields;

/* Scanning -------------------------------------------------------------- */

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;

  return p;
}

static gsize
digit_run (const char *p)
{
  gsize n = 0;

  while (g_ascii_isdigit (p[n]))
    n++;

  return n;
}

static gsize
alpha_run (const char *p)
{
  gsize n = 0;

  while (g_ascii_isalpha (p[n]))
    n++;

  return n;
}

/* Consumes @n_digits digits the caller has already seen. Fixed widths
 * matter for the basic ISO 8601 forms, where the fields touch. */
static int
take_digits (const char **p,
             gsize        n_digits)
{
  int value = 0;

  g_assert (n_digits <= 4);

  for (gsize i = 0; i < n_digits; i++)
    {
      g_assert (g_ascii_isdigit ((*p)[i]));
      value = value * 10 + ((*p)[i] - '0');
    }

  *p += n_digits;

  return value;
}

/* Consumes a whole number of @min_digits to @max_digits digits. A longer
 * run is refused rather than split, so "2009" is never read as day 20. */
static gboolean
take_number (const char **p,
             gsize        min_digits,
             gsize        max_digits,
             int         *value)
{
  gsize n = digit_run (*p);

  if (n < min_digits || n > max_digits)
    return FALSE;

  *value = take_digits (p, n);

  return TRUE;
}

/* Names ----------------------------------------------------------------- */

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

static const char * const day_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* Feeds abbreviate names to three letters, spell them out, or stop
 * somewhere in between ("Sept", "Tues", "Thurs"). Any prefix of three
 * letters or more is unambiguous among the months, and among the days.
 *
 * Returns: the 1-based index of the name, or 0 */
static int
lookup_name (const char         *word,
             gsize               len,
             const char * const *names,
             gsize               n_names)
{
  if (len < 3)
    return 0;

  for (gsize i = 0; i < n_names; i++)
    {
      if (len <= strlen (names[i]) && g_ascii_strncasecmp (word, names[i], len) == 0)
        return (int) i + 1;
    }

  return 0;
}

typedef struct
{
  const char *name;
  int         hours;
} ZoneName;

static const ZoneName zone_names[] = {
  { "z", 0 }, { "ut", 0 }, { "utc", 0 }, { "gmt", 0 },
  /* The North American zones RFC 822 names. */
  { "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
  { "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
  /* Others that turn up in feeds and mean one thing only. Ambiguous
   * abbreviations such as IST, BST or AST are refused rather than guessed. */
  { "akst", -9 }, { "akdt", -8 }, { "hst", -10 },
  { "wet", 0 }, { "west", 1 }, { "cet", 1 }, { "cest", 2 },
  { "eet", 2 }, { "eest", 3 }, { "msk", 3 }, { "jst", 9 },
  { "aest", 10 }, { "aedt", 11 }, { "nzst", 12 }, { "nzdt", 13 },
};

static gboolean
lookup_zone_name (const char *word,
                  gsize       len,
                  int        *hours)
{
  for (gsize i = 0; i < G_N_ELEMENTS (zone_names); i++)
    {
      if (strlen (zone_names[i].name) == len &&
          g_ascii_strncasecmp (word, zone_names[i].name, len) == 0)
        {
          *hours = zone_names[i].hours;
          return TRUE;
        }
    }

  return FALSE;
}

/* RFC 822's military zones: A to I are +1 to +9, K to M +10 to +12,
 * N to Y -1 to -12, Z is UTC and J is unused. RFC 2822 notes that the
 * signs were specified backwards and suggests treating the letters as an
 * unknown zone; we keep the table as written, so that a feed following
 * it is read exactly and one that does not is off by hours rather than
 * left undated. */
static gboolean
lookup_military_zone (char  letter,
                      int  *hours)
{
  char c = g_ascii_tolower (letter);

  if (c >= 'a' && c <= 'i')
    *hours = c - 'a' + 1;
  else if (c >= 'k' && c <= 'm')
    *hours = c - 'k' + 10;
  else if (c >= 'n' && c <= 'y')
    *hours = -(c - 'n' + 1);
  else if (c == 'z')
    *hours = 0;
  else
    return FALSE;

  return TRUE;
}

/* Zones and times ------------------------------------------------------- */

/* Reads +HHMM, -HHMM, +HH:MM, +HH, and the sloppier +HMM and +H. */
static gboolean
parse_offset (const char **p,
              int         *offset)
{
  const char *q = *p;
  int sign = *q == '-' ? -1 : 1;
  int hours;
  int minutes = 0;
  gsize n;

  if (*q != '+' && *q != '-')
    return FALSE;

  q++;
  n = digit_run (q);
  if (n == 3 || n == 4)
    {
      hours = take_digits (&q, n - 2);
      minutes = take_digits (&q, 2);
    }
  else if (n == 1 || n == 2)
    {
      hours = take_digits (&q, n);
      if (*q == ':')
        {
          q++;
          if (!take_number (&q, 2, 2, &minutes))
            return FALSE;
        }
    }
  else
    return FALSE;

  if (hours > 23 || minutes > 59)
    return FALSE;

  *offset = sign * (hours * 3600 + minutes * 60);
  *p = q;

  return TRUE;
}

/* Reads a numeric offset or a zone name. Military letters count only
 * where @allow_military: after an ISO 8601 time a stray letter is more
 * likely junk than a zone. */
static gboolean
parse_zone (const char **p,
            gboolean     allow_military,
            int         *offset)
{
  const char *q = *p;
  gsize len;
  gboolean found;
  int hours;

  if (parse_offset (p, offset))
    return TRUE;

  len = alpha_run (q);
  if (len == 1 && allow_military)
    found = lookup_military_zone (*q, &hours);
  else
    found = lookup_zone_name (q, len, &hours);

  if (!found)
    return FALSE;

  q += len;

  /* "GMT+2" and "UTC-05:00" give the offset after a name for UTC. */
  if (len > 1 && hours == 0 && parse_offset (&q, offset))
    {
      *p = q;
      return TRUE;
    }

  *offset = hours * 3600;
  *p = q;

  return TRUE;
}

/* Fractions of a second are dropped, but whether they were zero still
 * matters: 24:00:00.5 is not a valid time. */
static const char *
skip_fraction (const char *p,
               DateFields *fields)
{
  if ((*p != '.' && *p != ',') || !g_ascii_isdigit (p[1]))
    return p;

  for (p++; g_ascii_isdigit (*p); p++)
    {
      if (*p != '0')
        fields->fraction_nonzero = TRUE;
    }

  return p;
}

/* Reads H:MM or HH:MM:SS with an optional fraction of a second, and with
 * @compact also ISO 8601's basic HHMM and HHMMSS. Ranges are checked
 * later, where 24:00:00 can be told apart from a bad hour. */
static gboolean
parse_time (const char **p,
            gboolean     compact,
            DateFields  *fields)
{
  const char *q = *p;
  gsize n = digit_run (q);
  gboolean has_seconds;

  if ((n == 1 || n == 2) && q[n] == ':')
    {
      fields->hour = take_digits (&q, n);
      q++;
      if (!take_number (&q, 2, 2, &fields->minute))
        return FALSE;

      has_seconds = *q == ':';
      if (has_seconds)
        {
          q++;
          if (!take_number (&q, 2, 2, &fields->second))
            return FALSE;
        }
    }
  else if (compact && (n == 4 || n == 6))
    {
      fields->hour = take_digits (&q, 2);
      fields->minute = take_digits (&q, 2);
      has_seconds = n == 6;
      if (has_seconds)
        fields->second = take_digits (&q, 2);
    }
  else
    return FALSE;

  if (has_seconds)
    q = skip_fraction (q, fields);

  *p = q;

  return TRUE;
}

/* Twelve-hour clocks ("1:05 PM") turn up in hand-written feeds. Returns
 * FALSE only for a marker on an hour a twelve-hour clock cannot show. */
static gboolean
parse_meridiem (const char **p,
                DateFields  *fields)
{
  const char *q = skip_space (*p);
  char first = g_ascii_tolower (q[0]);

  if (alpha_run (q) != 2 || g_ascii_tolower (q[1]) != 'm' || (first != 'a' && first != 'p'))
    return TRUE;

  if (fields->hour < 1 || fields->hour > 12)
    return FALSE;

  fields->hour = fields->hour % 12 + (first == 'p' ? 12 : 0);
  *p = q + 2;

  return TRUE;
}

/* After the date only white space may follow, and RFC 2822 comments such
 * as "(PST)" or "(Pacific Standard Time)", which at best repeat the zone.
 * Anything else means we misread the string, and a wrong date is worse
 * than none. */
static gboolean
at_end (const char *p)
{
  p = skip_space (p);

  while (*p == '(')
    {
      gsize depth = 0;

      do
        {
          if (*p == '\0')
            return FALSE;
          else if (*p == '(')
            depth++;
          else if (*p == ')')
            depth--;
          p++;
        }
      while (depth > 0);

      p = skip_space (p);
    }

  return *p == '\0';
}

static gboolean
parse_zone_and_end (const char *p,
                    gboolean    allow_military,
                    DateFields *fields)
{
  const char *q = skip_space (p);

  if (parse_zone (&q, allow_military, &fields->offset))
    p = q;

  return at_end (p);
}

/* ISO 8601, RFC 3339, W3C-DTF ------------------------------------------ */

/* Reads what follows "YYYY-": MM-DD, MM or an ordinal DDD. */
static gboolean
parse_iso_extended_date (const char **p,
                         DateFields  *fields,
                         gboolean    *has_day)
{
  const char *q = *p;
  gsize n = digit_run (q);

  if (n == 3)
    {
      fields->yday = take_digits (&q, 3);
    }
  else if (n == 2)
    {
      fields->month = take_digits (&q, 2);
      fields->day = 1;
      *has_day = *q == '-';
      if (*has_day)
        {
          q++;
          if (!take_number (&q, 2, 2, &fields->day))
            return FALSE;
        }
    }
  else
    return FALSE;

  *p = q;

  return TRUE;
}

/* Reads YYYY-MM-DD, YYYY-MM, YYYY, YYYY-DDD, the basic YYYYMMDD and
 * YYYYDDD, and the YYYY/M/D some forum software emits. Clears @has_day
 * for the reduced precisions, which cannot carry a time. */
static gboolean
parse_iso_date (const char **p,
                DateFields  *fields,
                gboolean    *has_day)
{
  const char *q = *p;
  gsize n = digit_run (q);

  *has_day = TRUE;
  if (n == 8 || n == 7)
    {
      fields->year = take_digits (&q, 4);
      if (n == 7)
        fields->yday = take_digits (&q, 3);
      else
        {
          fields->month = take_digits (&q, 2);
          fields->day = take_digits (&q, 2);
        }
    }
  else if (n == 4)
    {
      fields->year = take_digits (&q, 4);
      if (*q == '-')
        {
          q++;
          if (!parse_iso_extended_date (&q, fields, has_day))
            return FALSE;
        }
      else if (*q == '/')
        {
          q++;
          if (!take_number (&q, 1, 2, &fields->month) || *q != '/')
            return FALSE;
          q++;
          if (!take_number (&q, 1, 2, &fields->day))
            return FALSE;
        }
      else
        {
          fields->month = 1;
          fields->day = 1;
          *has_day = FALSE;
        }
    }
  else
    return FALSE;

  *p = q;

  return TRUE;
}

static gboolean
parse_iso8601 (const char *p,
               DateFields *fields)
{
  const char *q;
  gboolean has_day;

  if (!parse_iso_date (&p, fields, &has_day))
    return FALSE;

  if (!has_day)
    return at_end (p);

  if (*p == 'T' || *p == 't')
    {
      q = p + 1;
    }
  else
    {
      /* Many feeds put a space where RFC 3339 wants a "T"; without
       * anything after it, the date alone means midnight. */
      q = skip_space (p);
      if (q == p || !g_ascii_isdigit (*q))
        return at_end (p);
    }

  if (!parse_time (&q, TRUE, fields))
    return FALSE;

  return parse_zone_and_end (q, FALSE, fields);
}

/* RFC 822, RFC 1123, RFC 2822 and what feeds make of them ---------------- */

/* The day name is decoration, and often wrong: it is skipped, never
 * checked against the date. A word we do not know counts as a day name
 * when a comma follows it, as in the French "mer, 16 nov 2022": the
 * month that must come next still decides whether this is a date. */
static const char *
skip_day_name (const char *p)
{
  gsize len = alpha_run (p);
  gboolean known = lookup_name (p, len, day_names, G_N_ELEMENTS (day_names)) != 0;
  const char *q = p + len;

  if (len < 2 || lookup_name (p, len, month_names, G_N_ELEMENTS (month_names)) != 0)
    return p;

  if (*q == '.')
    q++;

  q = skip_space (q);
  if (*q == ',')
    q++;
  else if (!known)
    return p;

  return skip_space (q);
}

/* Between the parts of the date feeds put spaces, a comma ("Apr 6, 2009")
 * or dashes ("06-Apr-2009"). */
static const char *
skip_date_separator (const char *p)
{
  p = skip_space (p);
  if (*p == ',' || *p == '-')
    p = skip_space (p + 1);

  return p;
}

static gboolean
parse_month_name (const char **p,
                  int         *month)
{
  gsize len = alpha_run (*p);

  *month = lookup_name (*p, len, month_names, G_N_ELEMENTS (month_names));
  if (*month == 0)
    return FALSE;

  *p += len;
  if (**p == '.')
    (*p)++;

  return TRUE;
}

/* Two-digit years follow RFC 2822: 00 to 49 are 2000 to 2049, 50 to 99
 * are 1950 to 1999. */
static gboolean
parse_year (const char **p,
            int         *year)
{
  gsize n = digit_run (*p);

  if (n != 2 && n != 4)
    return FALSE;

  *year = take_digits (p, n);
  if (n == 2)
    *year += *year < 50 ? 2000 : 1900;

  return TRUE;
}

/* What follows the year: an optional time, zone and comment. A missing
 * time is midnight, a missing zone UTC. */
static gboolean
parse_rfc822_rest (const char *p,
                   DateFields *fields)
{
  const char *q = skip_space (p);

  if (*q == ',')
    q = skip_space (q + 1);

  if (g_ascii_isdigit (*q))
    {
      if (!parse_time (&q, FALSE, fields) || !parse_meridiem (&q, fields))
        return FALSE;
      p = q;
    }

  return parse_zone_and_end (p, TRUE, fields);
}

/* asctime() and ctime() put the time before the year, and Unix date(1)
 * adds a zone in between: "Sun Jan  4 16:29:06 PST 2004". */
static gboolean
parse_asctime_rest (const char *p,
                    DateFields *fields)
{
  const char *q;
  gboolean has_zone;

  if (!parse_time (&p, FALSE, fields))
    return FALSE;

  q = skip_space (p);
  has_zone = parse_zone (&q, TRUE, &fields->offset);
  if (has_zone)
    p = q;

  p = skip_space (p);
  if (!parse_year (&p, &fields->year))
    return FALSE;

  if (has_zone)
    return at_end (p);

  return parse_zone_and_end (p, TRUE, fields);
}

/* "06 Apr 2009 13:05 +0200", the order RFC 822 prescribes. */
static gboolean
parse_day_first (const char *p,
                 DateFields *fields)
{
  if (!take_number (&p, 1, 2, &fields->day))
    return FALSE;

  p = skip_date_separator (p);
  if (!parse_month_name (&p, &fields->month))
    return FALSE;

  p = skip_date_separator (p);
  if (!parse_year (&p, &fields->year))
    return FALSE;

  return parse_rfc822_rest (p, fields);
}

/* "Apr 06 2009 13:05:00 GMT", "Apr 6, 2009" and asctime's
 * "Jan  4 16:29:06 2004": the two are told apart by whether the number
 * after the day is a year or an hour. */
static gboolean
parse_month_first (const char *p,
                   DateFields *fields)
{
  if (!parse_month_name (&p, &fields->month))
    return FALSE;

  p = skip_date_separator (p);
  if (!take_number (&p, 1, 2, &fields->day))
    return FALSE;

  p = skip_date_separator (p);
  if (p[digit_run (p)] == ':')
    return parse_asctime_rest (p, fields);

  if (!parse_year (&p, &fields->year))
    return FALSE;

  return parse_rfc822_rest (p, fields);
}

static gboolean
parse_rfc822 (const char *p,
              DateFields *fields)
{
  p = skip_day_name (p);

  if (g_ascii_isdigit (*p))
    return parse_day_first (p, fields);

  return parse_month_first (p, fields);
}

/* Arithmetic ------------------------------------------------------------ */

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;

  return days[month - 1];
}

/* Days from 1970-01-01 to a proleptic Gregorian date, after Howard
 * Hinnant's days_from_civil(). The year is positive here, which keeps the
 * era arithmetic simple. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int era;
  int year_of_era;
  int day_of_year;
  int day_of_era;

  year -= month <= 2;
  era = year / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return (gint64) era * 146097 + day_of_era - 719468;
}

static gboolean
fields_to_days (const DateFields *fields,
                gint64           *days)
{
  if (fields->year < MIN_YEAR || fields->year > MAX_YEAR)
    return FALSE;

  if (fields->month == 0)
    {
      if (fields->yday < 1 || fields->yday > (is_leap_year (fields->year) ? 366 : 365))
        return FALSE;

      *days = days_from_civil (fields->year, 1, 1) + fields->yday - 1;
      return TRUE;
    }

  if (fields->month > 12 || fields->day < 1 ||
      fields->day > days_in_month (fields->year, fields->month))
    return FALSE;

  *days = days_from_civil (fields->year, fields->month, fields->day);

  return TRUE;
}

/* ISO 8601 allows 24:00:00 for the end of a day, which is the next
 * midnight. Unix time has no room for a leap second, so 23:59:60 folds
 * into the second before it. */
static gboolean
fields_to_seconds (const DateFields *fields,
                   int              *seconds)
{
  if (fields->minute > 59 || fields->second > 60)
    return FALSE;

  if (fields->hour == 24)
    {
      if (fields->minute != 0 || fields->second != 0 || fields->fraction_nonzero)
        return FALSE;
    }
  else if (fields->hour > 23)
    return FALSE;

  *seconds = fields->hour * 3600 + fields->minute * 60 + MIN (fields->second, 59);

  return TRUE;
}

/**
 * briefing_date_parse:
 * @str: (nullable): a date as found in a feed
 * @out_unix_utc: (out) (optional): where to store the instant, in Unix
 *   seconds; left untouched on failure
 *
 * Parses RFC 822 dates and their real-world variants (including
 * asctime()), and ISO 8601 / RFC 3339 / W3C-DTF dates. A date without a
 * zone is taken as UTC, one without a time as midnight.
 *
 * Returns: %TRUE if @str holds a valid date and nothing else
 */
gboolean
briefing_date_parse (const char *str,
                     gint64     *out_unix_utc)
{
  DateFields fields = { 0, };
  const char *p;
  gboolean parsed;
  gint64 days;
  gint64 unix_time;
  int seconds;

  /* A missing element is ordinary in a feed, not a programming error, so
   * NULL gets no critical. */
  if (str == NULL)
    return FALSE;

  p = skip_space (str);

  /* Only ISO 8601 starts with a four-digit year; RFC 822 dates start with
   * a day name, a day or a month. */
  if (digit_run (p) >= 4)
    parsed = parse_iso8601 (p, &fields);
  else
    parsed = parse_rfc822 (p, &fields);

  if (!parsed || !fields_to_days (&fields, &days) || !fields_to_seconds (&fields, &seconds))
    return FALSE;

  unix_time = days * SECONDS_PER_DAY + seconds - fields.offset;
  if (unix_time > MAX_UNIX_TIME)
    return FALSE;

  if (out_unix_utc != NULL)
    *out_unix_utc = unix_time;

  return TRUE;
}
