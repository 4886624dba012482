/* briefing-entry-draft.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-entry-draft"

#include "config.h"

#include "briefing-entry-draft.h"
#include "briefing-html-sanitizer.h"
#include "briefing-topics.h"
#include "briefing-utils.h"

#include <string.h>

/* An entry while a format parser fills it, and what makes it an entry the
 * same way whatever the format: the lead photo chosen among the
 * candidates, the body capped and sanitized, the duplicate of the lead
 * photo dropped from it, the topics found. The format parsers sit above
 * this module and the parser's front door above them; nothing here calls
 * back up. */

BriefingEntryDraft *
briefing_entry_draft_new (void)
{
  BriefingEntryDraft *draft = g_new0 (BriefingEntryDraft, 1);

  draft->entry = briefing_entry_new ();
  draft->images = g_ptr_array_new ();

  return draft;
}

static void
image_candidate_free (BriefingImageCandidate *candidate)
{
  briefing_image_free (candidate->image);
  g_free (candidate);
}

void
briefing_entry_draft_free (BriefingEntryDraft *draft)
{
  if (draft == NULL)
    return;

  g_clear_object (&draft->entry);
  g_free (draft->summary);
  g_free (draft->summary_base);
  g_free (draft->content);
  g_free (draft->content_base);
  g_ptr_array_foreach (draft->images, (GFunc) image_candidate_free, NULL);
  g_ptr_array_unref (draft->images);
  g_free (draft);
}

void
briefing_entry_draft_add_image (BriefingEntryDraft *draft,
                                BriefingImageRank   rank,
                                BriefingImage      *image,
                                gint64              file_size,
                                gboolean            is_default)
{
  BriefingImageCandidate *candidate;

  g_assert (draft != NULL);
  g_assert (image != NULL);

  /* A feed with thousands of media elements gains nothing past a few. */
  if (draft->images->len >= 64 || image->url == NULL)
    {
      briefing_image_free (image);
      return;
    }

  candidate = g_new0 (BriefingImageCandidate, 1);
  candidate->image = image;
  candidate->rank = rank;
  candidate->file_size = file_size;
  candidate->is_default = is_default;

  g_ptr_array_add (draft->images, candidate);
}

/* Whether a candidate makes a better lead photo than the best so far:
 * the better source first, then the one marked default, then the larger
 * picture, then the earlier one. */
static gboolean
candidate_is_better (const BriefingImageCandidate *candidate,
                     const BriefingImageCandidate *best)
{
  gint64 area = (gint64) candidate->image->width * candidate->image->height;
  gint64 best_area = (gint64) best->image->width * best->image->height;

  if (candidate->rank != best->rank)
    return candidate->rank < best->rank;

  if (candidate->is_default != best->is_default)
    return candidate->is_default;

  if (area != best_area)
    return area > best_area;

  return candidate->file_size > best->file_size;
}

static BriefingImageCandidate *
best_candidate (BriefingEntryDraft *draft,
                BriefingImageRank   below_rank)
{
  BriefingImageCandidate *best = NULL;

  for (guint i = 0; i < draft->images->len; i++)
    {
      BriefingImageCandidate *candidate = g_ptr_array_index (draft->images, i);

      if (candidate->rank >= below_rank)
        continue;

      if (best == NULL || candidate_is_better (candidate, best))
        best = candidate;
    }

  return best;
}

static void
take_lead_image (BriefingEntryDraft     *draft,
                 BriefingImageCandidate *candidate)
{
  BriefingImage *image = briefing_image_copy (candidate->image);

  /* Several renditions of the same photo often carry the caption and
   * credit on only one of them. */
  for (guint i = 0; i < draft->images->len; i++)
    {
      BriefingImageCandidate *other = g_ptr_array_index (draft->images, i);

      if (image->caption == NULL && other->image->caption != NULL && other->rank <= BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL)
        image->caption = g_strdup (other->image->caption);
      if (image->credit == NULL && other->image->credit != NULL && other->rank <= BRIEFING_IMAGE_RANK_MEDIA_THUMBNAIL)
        image->credit = g_strdup (other->image->credit);
    }

  briefing_entry_take_image (draft->entry, image);
}

/* The leading photo of a body --------------------------------------------- */

static const char *
skip_tag (const char *p)
{
  char quote = 0;

  for (; *p != '\0'; p++)
    {
      if (quote != 0)
        quote = *p == quote ? 0 : quote;
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }

  return p;
}

/* The value of attribute @name in the tag starting at @tag ('<'). */
static char *
tag_attribute (const char *tag,
               const char *name)
{
  const char *end = skip_tag (tag);
  gsize name_len = strlen (name);

  for (const char *p = tag + 1; p + name_len < end; p++)
    {
      const char *value;
      char quote;
      const char *close;

      if (!g_ascii_isspace (p[-1]) || g_ascii_strncasecmp (p, name, name_len) != 0)
        continue;

      value = p + name_len;
      while (g_ascii_isspace (*value))
        value++;
      if (*value != '=')
        continue;
      value++;
      while (g_ascii_isspace (*value))
        value++;

      quote = (*value == '"' || *value == '\'') ? *value++ : 0;
      for (close = value; close < end && (quote ? *close != quote : !g_ascii_isspace (*close) && *close != '>'); close++)
        ;

      return g_strndup (value, close - value);
    }

  return NULL;
}

/* Finds an <img> that comes first in @html, before any text, perhaps
 * inside wrappers (a paragraph, a link, a figure). */
static const char *
leading_img_tag (const char *html)
{
  static const char * const wrappers[] = { "p", "div", "figure", "a", "span", "picture", "center", "br", "source" };
  const char *p = html;

  for (guint steps = 0; p != NULL && *p != '\0' && steps < 32; steps++)
    {
      gsize len;

      while (g_ascii_isspace (*p))
        p++;

      if (*p != '<')
        return NULL;

      if (g_ascii_strncasecmp (p, "<img", 4) == 0 && (g_ascii_isspace (p[4]) || p[4] == '/'))
        return p;

      if (g_str_has_prefix (p, "<!--"))
        {
          p = strstr (p, "-->");
          p = p != NULL ? p + 3 : NULL;
          continue;
        }

      len = 0;
      while (g_ascii_isalnum (p[1 + (p[1] == '/') + len]))
        len++;

      for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
        {
          if (strlen (wrappers[i]) == len && g_ascii_strncasecmp (p + 1 + (p[1] == '/'), wrappers[i], len) == 0)
            {
              len = 0;
              break;
            }
        }

      if (len != 0)
        return NULL;

      p = skip_tag (p);
    }

  return NULL;
}

/* The photo's file name without what resizing services change: escapes
 * (often doubled, when the original URL is inside the resizer's), the
 * extension and a WordPress size suffix ("-1024x683"). */
static char *
photo_stem (const char *url)
{
  g_autofree char *path = g_strndup (url, strcspn (url, "?#"));
  char *slash = strrchr (path, '/');
  g_autofree char *name = g_strdup (slash != NULL ? slash + 1 : path);
  char *dot;
  char *p;

  for (guint i = 0; i < 3 && strchr (name, '%') != NULL; i++)
    {
      char *unescaped = g_uri_unescape_string (name, NULL);

      if (unescaped == NULL)
        break;
      g_free (name);
      name = unescaped;
    }

  /* An address inside the resizer's: its own last segment. */
  slash = strrchr (name, '/');
  if (slash != NULL)
    memmove (name, slash + 1, strlen (slash + 1) + 1);

  g_strdelimit (name, "+", ' ');
  dot = strrchr (name, '.');
  if (dot != NULL)
    *dot = '\0';

  /* "-1024x683": digits, an x, digits, after a dash or an underscore. */
  p = name + strlen (name);
  while (p > name && g_ascii_isdigit (p[-1]))
    p--;
  if (p < name + strlen (name) && p > name + 1 && p[-1] == 'x' && g_ascii_isdigit (p[-2]))
    {
      char *q = p - 1;

      while (q > name && g_ascii_isdigit (q[-1]))
        q--;
      if (q > name && (q[-1] == '-' || q[-1] == '_'))
        q[-1] = '\0';
    }

  return g_steal_pointer (&name);
}

/* Whether the <img> at @tag shows the lead photo again, perhaps through
 * a resizing service: same address, same file, or an alt text that is
 * the photo's caption. */
static gboolean
is_lead_again (const char          *tag,
               const char          *src,
               const BriefingImage *lead)
{
  g_autofree char *alt = tag_attribute (tag, "alt");
  g_autofree char *stem = NULL;
  g_autofree char *lead_stem = NULL;

  if (alt != NULL && lead->caption != NULL)
    {
      g_autofree char *alt_text = briefing_html_to_text (alt);

      if (g_strcmp0 (alt_text, lead->caption) == 0)
        return TRUE;
    }

  stem = photo_stem (src);
  lead_stem = photo_stem (lead->url);

  return strlen (stem) >= 6 && g_ascii_strcasecmp (stem, lead_stem) == 0;
}

/* The address to give the sanitizer as the lead photo of @html, so that
 * it drops the photo from the top of the body: the lead's own, or that
 * of another rendition of it. */
static char *
lead_to_drop (const char          *html,
              const BriefingImage *lead)
{
  const char *tag;
  g_autofree char *src = NULL;

  if (lead == NULL)
    return NULL;

  tag = html != NULL ? leading_img_tag (html) : NULL;
  src = tag != NULL ? tag_attribute (tag, "src") : NULL;
  if (src != NULL && is_lead_again (tag, src, lead))
    {
      g_autofree char *decoded = briefing_html_to_text (src);

      return g_strdup (decoded != NULL ? decoded : src);
    }

  return g_strdup (lead->url);
}

/* Whether the item held nothing at all: no field of the right type, or
 * an empty <item/>. An item whose body the sanitizer empties still
 * counts; it existed. */
/* Cuts @html to BRIEFING_MAX_BODY_BYTES, before the last tag that starts
 * within them (so that no tag is cut in half), on a character boundary. */
static void
cap_body (char         *html,
          BriefingFeed *feed)
{
  char *end;

  if (html == NULL || strnlen (html, BRIEFING_MAX_BODY_BYTES + 1) <= BRIEFING_MAX_BODY_BYTES)
    return;

  end = g_utf8_find_prev_char (html, html + BRIEFING_MAX_BODY_BYTES + 1);
  for (char *p = end; p != NULL && p > html + BRIEFING_MAX_BODY_BYTES / 2; p--)
    {
      if (*p == '<')
        {
          end = p;
          break;
        }
    }

  *end = '\0';
  briefing_feed_warn (feed, "An entry's body is longer than %d MB; the rest was cut",
                      BRIEFING_MAX_BODY_BYTES / (1024 * 1024));
}

static gboolean
draft_is_empty (BriefingEntryDraft *draft)
{
  BriefingEntry *entry = draft->entry;

  return !draft->has_fields && draft->summary == NULL && draft->content == NULL && draft->images->len == 0 &&
         briefing_entry_get_title (entry) == NULL && briefing_entry_get_link (entry) == NULL &&
         briefing_entry_get_guid (entry) == NULL && briefing_entry_get_published (entry) == 0 &&
         briefing_entry_get_updated (entry) == 0 && briefing_entry_get_enclosures (entry)->len == 0 &&
         briefing_entry_get_categories (entry)->len == 0 && briefing_entry_get_authors (entry)->len == 0;
}

/**
 * briefing_entry_draft_finish:
 *
 * Chooses the lead photo, sanitizes the summary and content (dropping the
 * lead photo from the top of the body, where it would show twice) and
 * derives the topics.
 *
 * Returns: %FALSE when the item held nothing at all, and is no entry
 */
gboolean
briefing_entry_draft_finish (BriefingEntryDraft *draft,
                             BriefingFeed       *feed)
{
  BriefingEntry *entry = draft->entry;
  BriefingImageCandidate *lead;
  BriefingImageCandidate *artwork;
  g_autoptr(BriefingImage) figure = NULL;
  g_autofree char *content = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *content_drop = NULL;
  g_autofree char *summary_drop = NULL;
  const BriefingImage *shown;
  BriefingSanitizeFlags extract;

  if (draft_is_empty (draft))
    return FALSE;

  /* Media RSS and enclosures first; else a figure in the body; else the
   * item's artwork, which the body may repeat as well. */
  lead = best_candidate (draft, BRIEFING_IMAGE_RANK_BODY_FIGURE);
  if (lead != NULL)
    take_lead_image (draft, lead);

  artwork = lead == NULL ? best_candidate (draft, BRIEFING_IMAGE_RANK_FEED_BANNER + 1) : NULL;
  shown = lead != NULL ? briefing_entry_get_image (entry) : artwork != NULL ? artwork->image : NULL;
  extract = lead == NULL ? BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE : 0;

  if (feed->raw_html)
    {
      briefing_entry_set_content (entry, draft->content);
      briefing_entry_set_summary (entry, draft->summary);
      if (artwork != NULL)
        take_lead_image (draft, artwork);
      briefing_topics_add_from_entry (entry, feed->language, feed->title);
      return TRUE;
    }

  cap_body (draft->content, feed);
  cap_body (draft->summary, feed);

  content_drop = lead_to_drop (draft->content, shown);
  content = briefing_html_sanitize (draft->content, draft->content_base, content_drop, extract, &figure);

  summary_drop = lead_to_drop (draft->summary, shown);
  summary = briefing_html_sanitize (draft->summary, draft->summary_base, summary_drop,
                                    figure == NULL && content == NULL ? extract : 0,
                                    figure == NULL ? &figure : NULL);

  if (lead == NULL && figure != NULL)
    briefing_entry_take_image (entry, g_steal_pointer (&figure));
  else if (lead == NULL && artwork != NULL)
    take_lead_image (draft, artwork);

  briefing_entry_set_content (entry, content);
  briefing_entry_set_summary (entry, summary);

  if (briefing_entry_get_title (entry) == NULL && (summary != NULL || content != NULL))
    {
      g_autofree char *text = briefing_html_to_text (summary != NULL ? summary : content);

      /* Untitled items (microblogs, some RSS 0.9x) are named after their
       * first words rather than left blank. */
      if (text != NULL)
        {
          g_autofree char *title = briefing_text_cap (g_steal_pointer (&text), 80);

          briefing_entry_set_title (entry, title);
        }
    }

  briefing_topics_add_from_entry (entry, feed->language, feed->title);

  return TRUE;
}

gboolean
briefing_mime_is_image (const char *type,
                        const char *url)
{
  static const char * const extensions[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif" };
  g_autofree char *path = NULL;
  const char *query;

  if (type != NULL)
    return g_ascii_strncasecmp (type, "image/", 6) == 0;

  if (url == NULL)
    return FALSE;

  query = strpbrk (url, "?#");
  path = g_ascii_strdown (url, query != NULL ? query - url : -1);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      if (g_str_has_suffix (path, extensions[i]))
        return TRUE;
    }

  return FALSE;
}

char *
briefing_text_from_html (const char *html)
{
  return briefing_html_to_text (html);
}

/**
 * briefing_text_cap:
 * @text: (transfer full) (nullable): plain text
 *
 * Returns: (transfer full) (nullable): @text, cut to @max_chars characters
 *   with an ellipsis when it is longer
 */
char *
briefing_text_cap (char  *text,
                   guint  max_chars)
{
  g_autofree char *cut = NULL;
  const char *end;

  if (text == NULL)
    return NULL;

  end = text;
  for (guint i = 0; i < max_chars; i++)
    {
      if (*end == '\0')
        return text;
      end = g_utf8_next_char (end);
    }

  if (*end == '\0')
    return text;

  cut = g_strndup (text, end - text);
  g_free (text);
  g_strchomp (cut);

  return g_strconcat (cut, "…", NULL);
}
