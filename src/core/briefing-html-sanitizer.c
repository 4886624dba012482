/* briefing-html-sanitizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer.h"

#include "briefing-html-sanitizer-private.h"
#include "briefing-html-tokenizer.h"

#include <string.h>

/* Feed HTML is hostile bytes from the network. It is read in one pass by
 * a small tokenizer (briefing-html-tokenizer.c) into a light tree that
 * follows libxml2's HTML parser, whose behaviour the tests pin down, and
 * written out again while walking the tree, keeping an allowlist of
 * elements and attributes and nothing else: every URL made absolute and
 * its scheme checked, every text and attribute value escaped here, every
 * attribute double-quoted (the article view relies on that when it points
 * images at its own scheme).
 *
 * Untrusted input cannot make it quadratic or deep: a tag keeps at most
 * BRIEFING_HTML_MAX_ATTRIBUTES attributes, start tags that would nest
 * deeper than MAX_PARSE_DEPTH are dropped (deep content is flattened,
 * never lost), and end tags are searched against that bounded stack.
 *
 * This file holds the writer and the public functions; the tree, the
 * URL and attribute policy and the lead figure have files of their own
 * (see briefing-html-sanitizer-private.h). */

#define MAX_DEPTH 256   /* elements written inside each other */

/* g_string_append_len() for the writer's many short pieces: GLib 2.74
 * makes it a call that checks whether @text overlaps the string; later
 * versions inline this fast path the same way. */
static inline void
out_append_len (GString    *out,
                const char *text,
                gsize       len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, text, len);
    }
}

static inline void
out_append (GString    *out,
            const char *text)
{
  out_append_len (out, text, strlen (text));
}

/* Escapes text or an attribute value, dropping the control characters
 * HTML does not allow. Text is mostly bytes that need nothing: they are
 * skipped eight at a time and copied in runs. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  const char *end = text + len;
  const char *run = text;
  const char *p = text;

  while (p < end)
    {
      const char *entity;
      guchar c;

      while (end - p >= 8 && !word_may_be_escaped (load_word (p)))
        p += 8;
      if (p == end)
        break;

      c = *p;
      if (!is_escaped (c))
        {
          p++;
          continue;
        }

      if (c == '&')
        entity = "&amp;";
      else if (c == '<')
        entity = "&lt;";
      else if (c == '>')
        entity = "&gt;";
      else if (c == '"')
        entity = "&quot;";
      else
        entity = "";   /* a control character */

      out_append_len (out, run, p - run);
      out_append (out, entity);
      run = ++p;
    }

  out_append_len (out, run, p - run);
}

/* Plain text (TextSink), for briefing_html_to_text() and captions */

static void
text_sink_word (TextSink   *sink,
                const char *word,
                gsize       len)
{
  if (sink->space && sink->out->len > 0)
    g_string_append_c (sink->out, ' ');
  sink->space = FALSE;
  g_string_append_len (sink->out, word, len);
}

void
html_text_sink_append (TextSink   *sink,
                       const char *text,
                       gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;

  while (p < end)
    {
      const guchar *word = p;

      while (p < end && *p > ' ' && *p != 0x7F && !(p[0] == 0xC2 && p + 1 < end && p[1] == 0xA0))
        p++;

      if (p > word)
        text_sink_word (sink, (const char *) word, p - word);
      else if (*p == 0xC2)
        {
          sink->space = TRUE;
          p += 2;
        }
      else
        {
          /* Other control characters are dropped. */
          if (g_ascii_isspace (*p))
            sink->space = TRUE;
          p++;
        }
    }
}

static void
text_sink_append_unichar (TextSink *sink,
                          gunichar  c)
{
  char utf8[6];

  if (c == 0xA0 || (c < 0x80 && g_ascii_isspace (c)))
    sink->space = TRUE;
  else if (c >= 0x20 && (c < 0x7F || c > 0x9F))
    text_sink_word (sink, utf8, g_unichar_to_utf8 (c, utf8));
}

/* Like html_text_sink_append(), decoding entities on the way. */
static void
text_sink_append_html (TextSink   *sink,
                       const char *text,
                       gsize       len)
{
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      gunichar c;
      gsize consumed;

      if (amp == NULL)
        amp = end;
      html_text_sink_append (sink, p, amp - p);
      if (amp == end)
        break;

      consumed = html_policy_decode_entity (amp, end, &c);
      if (consumed > 0)
        text_sink_append_unichar (sink, c);
      else
        text_sink_word (sink, "&", 1);
      p = amp + MAX (consumed, 1);
    }
}

char *
html_text_sink_finish (TextSink *sink)
{
  if (sink->out->len == 0)
    {
      g_string_free (sink->out, TRUE);
      return NULL;
    }

  return g_string_free (sink->out, FALSE);
}

/* The writer */

typedef struct
{
  Node  *node;
  guint     flags;
  gsize     start;      /* where the start tag is in the output */
  gboolean  readable;   /* text or an image was written inside */
  gboolean  blank;      /* white space was written inside */
} Frame;

typedef struct
{
  GString    *out;
  GArray     *frames;        /* the first frame stands for the fragment */
  BaseUrl    *base_url;
  char       *lead_key;      /* the lead photo, by html_policy_image_key() */
  Node    *skip;          /* the figure taken out as the lead photo */
  gboolean    seen_text;
  guint       lead_figure;   /* 1 + the index of the figure whose photo was dropped, or 0 */
} Writer;

static Frame *
writer_top (Writer *self)
{
  return &g_array_index (self->frames, Frame, self->frames->len - 1);
}

static const char *
output_name (Node *node)
{
  /* The article view owns the only <h1>. */
  return node_is (node, ELEMENT_H1) ? "h2" : (const char *) node->name;
}

static void
write_attributes (Writer  *self,
                  Node *node)
{
  guint64 written = 0;

  for (guint i = 0; i < node->n_attrs; i++)
    {
      int index = html_policy_lookup_attribute (node->element, node->attrs[i].name);
      g_autofree char *value = NULL;

      if (index < 0 || (written & (G_GUINT64_CONSTANT (1) << index)) != 0)
        continue;

      value = html_policy_clean_attribute (index, node->attrs[i].value, self->base_url);
      if (value == NULL)
        continue;

      written |= G_GUINT64_CONSTANT (1) << index;
      g_string_append_c (self->out, ' ');
      out_append (self->out, html_policy_attribute_name (index));
      out_append (self->out, "=\"");
      append_escaped (self->out, value, strlen (value));
      g_string_append_c (self->out, '"');
    }

  if (node_is (node, ELEMENT_A))
    out_append (self->out, " rel=\"noopener noreferrer\"");
}

static void
writer_open (Writer  *self,
             Node *node,
             guint    flags)
{
  Frame frame = { node, flags, self->out->len, FALSE, FALSE };

  g_string_append_c (self->out, '<');
  out_append (self->out, output_name (node));
  write_attributes (self, node);
  g_string_append_c (self->out, '>');

  if ((flags & EL_VOID) == 0)
    g_array_append_val (self->frames, frame);
}

/* Ends the element on top, or takes it out again when nothing readable
 * ended up inside (an empty link, a paragraph that only held a pixel). */
static void
writer_close (Writer *self)
{
  Frame frame = *writer_top (self);
  Frame *parent;

  if (self->lead_figure == self->frames->len)
    self->lead_figure = 0;

  g_array_set_size (self->frames, self->frames->len - 1);
  parent = writer_top (self);
  parent->blank |= frame.blank;

  if (!frame.readable && (frame.flags & EL_PRUNE) != 0)
    {
      g_string_truncate (self->out, frame.start);
      if (frame.blank)
        g_string_append_c (self->out, ' ');
      return;
    }

  parent->readable |= frame.readable;
  out_append (self->out, "</");
  out_append (self->out, output_name (frame.node));
  g_string_append_c (self->out, '>');
}

static void
writer_text (Writer *self,
             Node   *node)
{
  const char *text = node->content;
  gsize len = node->content_len;
  const guchar *end = (const guchar *) text + len;
  Frame *top = writer_top (self);

  for (const guchar *p = (const guchar *) text; p < end; p++)
    {
      if (p[0] == 0xC2 && p + 1 < end && p[1] == 0xA0)
        {
          top->blank = TRUE;
          p++;
        }
      else if (g_ascii_isspace (*p))
        {
          top->blank = TRUE;
        }
      else if (*p >= 0x20 && *p != 0x7F)
        {
          top->readable = TRUE;
          self->seen_text = TRUE;
          break;
        }
    }

  if (node->verbatim)
    out_append_len (self->out, text, len);
  else
    append_escaped (self->out, text, len);
}

/* The lead photo is shown above the body already: its copy at the top of
 * the body goes, and the caption of the figure it was in with it. */
static void
writer_drop_lead (Writer *self)
{
  for (guint i = self->frames->len; i > 1; i--)
    {
      if (node_is (g_array_index (self->frames, Frame, i - 1).node, ELEMENT_FIGURE))
        {
          self->lead_figure = i;
          return;
        }
    }
}

static void
writer_image (Writer  *self,
              Node *node)
{
  g_autofree char *src = html_policy_image_source (node, self->base_url);

  if (src == NULL)
    return;

  if (self->lead_key != NULL && !self->seen_text)
    {
      g_autofree char *key = html_policy_image_key (src);

      if (strcmp (key, self->lead_key) == 0)
        {
          writer_drop_lead (self);
          return;
        }
    }

  writer_open (self, node, EL_KEEP | EL_VOID);
  writer_top (self)->readable = TRUE;
}

/* <source> only means something inside <picture>, and only with a srcset. */
static void
writer_source (Writer  *self,
               Node *node)
{
  const char *value;
  g_autofree char *srcset = NULL;

  if (!node_is (writer_top (self)->node, ELEMENT_PICTURE))
    return;

  value = html_node_attribute (node, "srcset");
  srcset = value != NULL ? html_policy_clean_srcset (value, self->base_url) : NULL;
  if (srcset != NULL)
    writer_open (self, node, EL_KEEP | EL_VOID);
}

static gboolean
has_link (Node    *node,
          BaseUrl    *base_url)
{
  const char *value = html_node_attribute (node, "href");

  return value != NULL && html_policy_peek_attribute_url (value, base_url, URL_LINK) != NULL;
}

static WalkAction
writer_enter_element (Writer  *self,
                      Node *node)
{
  guint flags = node_flags (node);

  if (node == self->skip || (flags & EL_DROP) != 0)
    return WALK_SKIP;

  /* Beyond the depth limit, elements are unwrapped: the text stays. */
  if ((flags & EL_KEEP) == 0 || ((flags & EL_VOID) == 0 && self->frames->len > MAX_DEPTH))
    return WALK_DESCEND;

  if (node_is (node, ELEMENT_IMG))
    {
      writer_image (self, node);
      return WALK_SKIP;
    }

  /* libxml2 does not know <source> is empty: what follows it ends up
   * inside it. */
  if (node_is (node, ELEMENT_SOURCE))
    {
      writer_source (self, node);
      return WALK_DESCEND;
    }

  if (node_is (node, ELEMENT_A) && !has_link (node, self->base_url))
    return WALK_DESCEND;
  if (node_is (node, ELEMENT_FIGCAPTION) && self->lead_figure != 0)
    return WALK_SKIP;
  if (node_is (node, ELEMENT_BR))
    writer_top (self)->blank = TRUE;

  writer_open (self, node, flags);

  return WALK_DESCEND;
}

static WalkAction
writer_enter (gpointer  data,
              Node  *node)
{
  Writer *self = data;

  if (node->type == NODE_TEXT && node->content != NULL)
    writer_text (self, node);

  if (node->type != NODE_ELEMENT)
    return WALK_SKIP;

  return writer_enter_element (self, node);
}

static void
writer_leave (gpointer  data,
              Node  *node)
{
  Writer *self = data;

  if (self->frames->len > 1 && writer_top (self)->node == node)
    writer_close (self);
}

static char *
lead_key (const char *lead_image_url,
          BaseUrl    *base_url)
{
  g_autofree char *url = NULL;

  if (lead_image_url == NULL)
    return NULL;

  url = html_policy_clean_url (lead_image_url, base_url, URL_IMAGE);

  return html_policy_image_key (url != NULL ? url : lead_image_url);
}

static char *
write_fragment (Node    *root,
                BaseUrl    *base_url,
                const char *lead_image_url,
                Node    *skip)
{
  Frame fragment = { NULL, 0, 0, FALSE, FALSE };
  Writer self = { NULL, };
  gboolean readable;
  char *html;

  self.out = g_string_new (NULL);
  self.frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 32);
  self.base_url = base_url;
  self.lead_key = lead_key (lead_image_url, base_url);
  self.skip = skip;
  g_array_append_val (self.frames, fragment);

  html_walk_tree (root, writer_enter, writer_leave, &self);

  readable = writer_top (&self)->readable;
  g_array_unref (self.frames);
  g_free (self.lead_key);
  html = g_string_free (self.out, FALSE);

  if (!readable)
    {
      g_free (html);
      return NULL;
    }

  return g_strstrip (html);
}

/* g_utf8_validate (@text, -1, NULL), with the ASCII that is most of
 * feed HTML skipped eight bytes at a time. What is not ASCII is handed
 * to g_utf8_validate_len() a run at a time: an ASCII byte can only start
 * a character, so each run starts and ends at character boundaries. */
static gboolean
is_valid_utf8 (const char *text)
{
  const char *end = text + strlen (text);
  const char *p = text;

  while (p < end)
    {
      const char *run;

      while (end - p >= 8 && (load_word (p) & HIGHS) == 0)
        p += 8;
      while (p < end && (guchar) *p < 0x80)
        p++;

      for (run = p; p < end && (guchar) *p >= 0x80; p++)
        ;
      if (p > run && !g_utf8_validate_len (run, p - run, NULL))
        return FALSE;
    }

  return TRUE;
}

/**
 * briefing_html_sanitize:
 * @html: (nullable): an HTML fragment in UTF-8, from the network
 * @base_url: (nullable): the URL relative URLs in @html are relative to
 * @lead_image_url: (nullable): the lead photo shown above the body, whose
 *   copy at the top of the body is dropped
 * @flags: #BriefingSanitizeFlags
 * @lead_image: (out) (optional) (nullable): with
 *   %BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, the first figure with a photo,
 *   taken out of the body
 *
 * Returns: (nullable): a well-formed fragment holding only allowed
 *   elements, attributes and URLs, or %NULL when nothing readable is left
 */
char *
briefing_html_sanitize (const char             *html,
                        const char             *base_url,
                        const char             *lead_image_url,
                        BriefingSanitizeFlags   flags,
                        BriefingImage         **lead_image)
{
  g_autofree char *valid = NULL;
  BaseUrl base = { base_url, NULL, NULL, FALSE, NULL, URL_LINK, NULL };
  Node *skip = NULL;
  Builder builder;
  char *result;

  if (lead_image != NULL)
    *lead_image = NULL;

  if (html == NULL || *html == '\0')
    return NULL;

  if (!is_valid_utf8 (html))
    html = valid = g_utf8_make_valid (html, -1);

  html_build_tree (&builder, html);

  if ((flags & BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE) != 0 && lead_image != NULL)
    *lead_image = html_take_lead_figure (builder.root, &base, &skip);

  result = write_fragment (builder.root, &base, lead_image_url, skip);
  html_builder_clear (&builder);
  g_clear_pointer (&base.uri, g_uri_unref);
  g_free (base.last_url);

  return result;
}

/**
 * briefing_html_to_text:
 * @html: (nullable): an HTML fragment, or text that may hold markup
 *
 * Tags go, entities are decoded, script and style content is dropped;
 * block elements and line breaks separate words, and white space is
 * collapsed. Used for titles and the search index, so it does not build a
 * tree.
 *
 * Returns: (nullable): the plain text, or %NULL when there is none
 */
char *
briefing_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;
  TextSink sink;
  const char *p;

  if (html == NULL)
    return NULL;

  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);

  sink.out = g_string_sized_new (strlen (html));
  sink.space = FALSE;

  for (p = html; *p != '\0';)
    {
      BriefingHtmlToken token;
      guint flags;

      p = briefing_html_next_token (p, &token);
      if (token.kind == BRIEFING_HTML_TOKEN_TEXT)
        {
          text_sink_append_html (&sink, token.start, token.end - token.start);
          continue;
        }

      flags = html_element_lookup (token.name)->flags;
      if ((flags & EL_BLOCK) != 0)
        sink.space = TRUE;

      if (token.kind == BRIEFING_HTML_TOKEN_START_TAG && (flags & EL_RAW) != 0 && !token.self_closing)
        p = briefing_html_skip_raw_text (p, token.name);
    }

  return html_text_sink_finish (&sink);
}


static void
push_block (GPtrArray *blocks,
            TextSink  *sink,
            gboolean   heading)
{
  BriefingTextBlock *block;

  if (sink->out->len == 0)
    return;

  block = g_new (BriefingTextBlock, 1);
  block->text = g_strndup (sink->out->str, sink->out->len);
  block->heading = heading;
  g_ptr_array_add (blocks, block);
  g_string_truncate (sink->out, 0);
  sink->space = FALSE;
}

void
briefing_text_block_free (BriefingTextBlock *block)
{
  g_free (block->text);
  g_free (block);
}

/**
 * briefing_html_to_blocks:
 * @html: (nullable): an HTML fragment
 * @max_bytes: how much text to read at most
 *
 * Like briefing_html_to_text(), but keeps each block (paragraph, heading,
 * list item) apart, in document order, and stops after @max_bytes of
 * text, so that topics can weigh the first paragraph over the rest and
 * read no more of a long body than they need.
 *
 * Returns: (transfer full) (element-type BriefingTextBlock): the blocks
 */
GPtrArray *
briefing_html_to_blocks (const char *html,
                         gsize       max_bytes)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_text_block_free);
  g_autofree char *valid = NULL;
  gboolean heading = FALSE;
  gsize total = 0;
  TextSink sink;

  if (html == NULL)
    return g_steal_pointer (&blocks);

  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);

  sink.out = g_string_new (NULL);
  sink.space = FALSE;

  for (const char *p = html; *p != '\0' && total + sink.out->len < max_bytes;)
    {
      BriefingHtmlToken token;
      guint flags;

      p = briefing_html_next_token (p, &token);
      if (token.kind == BRIEFING_HTML_TOKEN_TEXT)
        {
          /* Never more than the budget, however long the text: a
           * reference expands to no more than it is written as. */
          gsize room = max_bytes - total - sink.out->len;

          text_sink_append_html (&sink, token.start, MIN ((gsize) (token.end - token.start), room));
          continue;
        }

      flags = html_element_lookup (token.name)->flags;
      if ((flags & EL_BLOCK) != 0)
        {
          total += sink.out->len;
          push_block (blocks, &sink, heading);
          heading = token.kind == BRIEFING_HTML_TOKEN_START_TAG && token.name[0] == 'h'
                    && token.name[1] >= '1' && token.name[1] <= '6' && token.name[2] == '\0';
        }

      if (token.kind == BRIEFING_HTML_TOKEN_START_TAG && (flags & EL_RAW) != 0 && !token.self_closing)
        p = briefing_html_skip_raw_text (p, token.name);
    }

  push_block (blocks, &sink, heading);
  g_string_free (sink.out, TRUE);

  return g_steal_pointer (&blocks);
}


/* Writes an attribute's value, decoded, through @map, in place of the
 * value as written (and its quotes), double-quoted and escaped again. */
static void
append_mapped_value (GString                *out,
                     const BriefingHtmlAttr *attr,
                     gboolean                is_srcset,
                     BriefingHtmlImageMap    map,
                     gpointer                user_data)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) mapped = g_string_new (NULL);

  briefing_html_append_attr (value, attr->value, attr->value_len);

  if (is_srcset)
    {
      const char *p = value->str;
      char *url;
      char *descriptor;

      while (html_policy_next_srcset_candidate (&p, &url, &descriptor))
        {
          g_autofree char *new_url = map (url, user_data);

          if (mapped->len > 0)
            g_string_append (mapped, ", ");
          g_string_append (mapped, new_url != NULL ? new_url : url);
          if (descriptor != NULL)
            g_string_append_printf (mapped, " %s", descriptor);
          g_free (url);
          g_free (descriptor);
        }
    }
  else
    {
      g_autofree char *new_url = map (value->str, user_data);

      g_string_append (mapped, new_url != NULL ? new_url : value->str);
    }

  g_string_append_c (out, '"');
  append_escaped (out, mapped->str, mapped->len);
  g_string_append_c (out, '"');
}

/**
 * briefing_html_map_images:
 * @html: the sanitizer's output
 * @map: (scope call): called with each image's URL, decoded, in the order
 *   they appear (an img's src, every srcset candidate of an img or a
 *   source); returns the URL to write instead, or %NULL to keep it
 *
 * The images of a sanitized body, each pointed somewhere else: the
 * article view points them at its own scheme, so that the page never
 * reaches the network. Everything else is copied as it is.
 *
 * Returns: (transfer full): @html with its image URLs mapped
 */
char *
briefing_html_map_images (const char           *html,
                          BriefingHtmlImageMap  map,
                          gpointer              user_data)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (html != NULL, NULL);
  g_return_val_if_fail (map != NULL, NULL);

  out = g_string_sized_new (strlen (html) + 256);

  for (p = html; *p != '\0';)
    {
      BriefingHtmlToken token;
      const char *written;

      p = briefing_html_next_token (p, &token);
      written = token.start;

      if (token.kind == BRIEFING_HTML_TOKEN_START_TAG &&
          (g_str_equal (token.name, "img") || g_str_equal (token.name, "source")))
        {
          for (guint i = 0; i < token.n_attrs; i++)
            {
              const BriefingHtmlAttr *attr = &token.attrs[i];
              gboolean is_src = attr->name_len == 3 && g_ascii_strncasecmp (attr->name, "src", 3) == 0;
              gboolean is_srcset = attr->name_len == 6 && g_ascii_strncasecmp (attr->name, "srcset", 6) == 0;
              const char *value_start;
              const char *value_end;

              if (attr->value == NULL || !(is_srcset || (is_src && g_str_equal (token.name, "img"))))
                continue;

              /* The value with its quotes, if it has them. */
              value_start = attr->value;
              value_end = attr->value + attr->value_len;
              if (value_start > token.start && (value_start[-1] == '"' || value_start[-1] == '\'') &&
                  *value_end == value_start[-1])
                {
                  value_start--;
                  value_end++;
                }

              g_string_append_len (out, written, value_start - written);
              append_mapped_value (out, attr, is_srcset, map, user_data);
              written = value_end;
            }
        }

      g_string_append_len (out, written, token.end - written);
    }

  return g_string_free (out, FALSE);
}
