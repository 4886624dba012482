/* fuzz-json-feed.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the JSON Feed parser, called directly: the front
 * door sniffs the format from the bytes, so most mutated JSON would go
 * elsewhere. The result is a feed or an error, never both, never neither;
 * every address kept is one Briefing may fetch or open (a web address or
 * mailto:, or a reference that stayed relative); the text is UTF-8. */

#include "config.h"

#include "briefing-entry.h"
#include "briefing-feed.h"
#include "briefing-feed-parser-private.h"
#include "briefing-url.h"
#include "fuzz-common.h"

#include <string.h>

#define DOCUMENT_URL "https://example.net/feeds/feed.json"

static void
check_url (const char *url)
{
  const char *scheme;

  if (url == NULL)
    return;

  scheme = g_uri_peek_scheme (url);
  if (scheme == NULL)
    return;

  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    FUZZ_CHECK (briefing_url_is_web (url));
  else
    FUZZ_CHECK (g_str_equal (scheme, "mailto"));
}

static void
check_text (const char *text)
{
  FUZZ_CHECK (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_html (const char *html)
{
  g_autofree char *lower = NULL;

  if (html == NULL)
    return;

  check_text (html);
  lower = g_ascii_strdown (html, -1);
  FUZZ_CHECK (strstr (lower, "<script") == NULL);
}

static void
check_entry (BriefingEntry *entry)
{
  GPtrArray *authors = briefing_entry_get_authors (entry);
  GPtrArray *enclosures = briefing_entry_get_enclosures (entry);
  const char *title = briefing_entry_get_title (entry);

  check_url (briefing_entry_get_link (entry));
  check_url (briefing_entry_get_image_url (entry));
  check_text (briefing_entry_get_guid (entry));
  check_text (title);
  FUZZ_CHECK (title == NULL || g_utf8_strlen (title, -1) <= BRIEFING_MAX_TITLE_CHARS + 1);
  check_html (briefing_entry_get_summary (entry));
  check_html (briefing_entry_get_content (entry));

  for (guint i = 0; i < authors->len; i++)
    {
      const BriefingPerson *person = g_ptr_array_index (authors, i);

      check_url (person->uri);
      check_text (person->name);
      check_text (person->email);
    }

  for (guint i = 0; i < enclosures->len; i++)
    {
      const BriefingEnclosure *enclosure = g_ptr_array_index (enclosures, i);

      FUZZ_CHECK (enclosure->url != NULL);
      check_url (enclosure->url);
      FUZZ_CHECK (enclosure->length >= 0);
    }
}

static void
parse_once (const uint8_t *data,
            size_t         size,
            const char    *document_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingFeed) feed = NULL;
  GPtrArray *entries;

  feed = briefing_feed_parse_json ((const char *) data, size, document_url, BRIEFING_FEED_PARSE_DEFAULT, &error);

  /* One or the other, never both, never neither. */
  FUZZ_CHECK ((feed == NULL) != (error == NULL));
  if (feed == NULL)
    return;

  check_text (briefing_feed_get_title (feed));
  check_text (briefing_feed_get_subtitle (feed));
  check_url (briefing_feed_get_link (feed));
  check_url (briefing_feed_get_icon (feed));

  entries = briefing_feed_get_entries (feed);
  for (guint i = 0; i < entries->len; i++)
    check_entry (g_ptr_array_index (entries, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  parse_once (data, size, DOCUMENT_URL);

  /* Without an address of its own, the feed's "feed_url" is the base its
   * relative references resolve against; that address is hostile too. */
  if (size % 2 == 1)
    parse_once (data, size, NULL);

  return 0;
}
