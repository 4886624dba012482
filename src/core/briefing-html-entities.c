/* briefing-html-entities.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-entities"

#include "config.h"

#include "briefing-html-entities.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* The pieces of reading a character reference that the HTML tokenizer
 * (which decodes as libxml2 does), the sanitizer (which decodes what
 * libxml2 left encoded) and the XML input filter (which repairs bytes
 * before libxml2 sees them) have in common, kept once: Windows-1252, the
 * digits of a numeric reference, and HTML 4's names. What each does with
 * a reference that is no character differs, and stays with each. */

#define MAX_ENTITY_NAME 10   /* HTML 4's longest is 8 */

/* Windows-1252 differs from ISO-8859-1 only in 0x80-0x9F, where it has
 * printable characters; browsers decode ISO-8859-1 as Windows-1252, and
 * HTML reads character references to U+0080..U+009F the same way (feeds
 * use &#146; for an apostrophe). The five holes map to themselves (C1
 * controls). */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/**
 * briefing_windows_1252_to_unichar:
 * @c: a byte, or the value of a character reference
 *
 * Returns: the character Windows-1252 has at @c in 0x80..0x9F, else @c
 */
gunichar
briefing_windows_1252_to_unichar (guint32 c)
{
  if (c >= 0x80 && c < 0xA0)
    return windows_1252_high[c - 0x80];

  return c;
}

/**
 * briefing_html_read_char_ref:
 * @p: a numeric reference ("&#"), up to @end
 * @end: where the text ends
 * @value: (out): its value, which stops growing past U+10FFFF
 * @has_digits: (out): whether it has any digit
 *
 * Reads the decimal or hexadecimal ("&#x") digits and the ';' that may
 * follow them. Whether the value is a character is left to the caller.
 *
 * Returns: where the reference ends
 */
const char *
briefing_html_read_char_ref (const char *p,
                             const char *end,
                             guint32    *value,
                             gboolean   *has_digits)
{
  gboolean hex = p + 2 < end && (p[2] == 'x' || p[2] == 'X');
  const char *digits = p + (hex ? 3 : 2);
  const char *q = digits;
  guint32 v = 0;

  for (; q < end; q++)
    {
      int digit = hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q);

      if (digit < 0)
        break;
      if (v <= 0x10FFFF)
        v = v * (hex ? 16 : 10) + digit;
    }
  *has_digits = q > digits;
  if (q < end && *q == ';')
    q++;

  *value = v;

  return q;
}

/* Named references */

static GHashTable *
entity_table (void)
{
  static GHashTable *table;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

      /* libxml2 only looks its names up one by one down a list; they are
       * enumerated once, by value. */
      for (guint value = 1; value <= 0x2666; value++)
        {
          const htmlEntityDesc *desc = htmlEntityValueLookup (value);

          if (desc != NULL)
            g_hash_table_insert (names, (gpointer) desc->name, GUINT_TO_POINTER (desc->value));
        }

      table = names;
      g_once_init_leave (&initialized, 1);
    }

  return table;
}

/**
 * briefing_html_lookup_entity:
 * @name: a name, not nul-terminated
 * @len: its length
 *
 * Returns: the character HTML 4 names @name, or 0
 */
gunichar
briefing_html_lookup_entity (const char *name,
                             gsize       len)
{
  char key[MAX_ENTITY_NAME + 1];

  if (len == 0 || len > MAX_ENTITY_NAME)
    return 0;

  memcpy (key, name, len);
  key[len] = '\0';

  return GPOINTER_TO_UINT (g_hash_table_lookup (entity_table (), key));
}
