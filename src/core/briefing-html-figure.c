/* briefing-html-figure.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer-private.h"

#include <string.h>

/* The lead figure
 *
 * With BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, the first <figure> holding
 * a usable photo becomes the entry's lead image, with the caption and the
 * credit read from its <figcaption>, and the writer leaves the figure out
 * of the body. */

typedef struct
{
  gboolean (*match) (Node *node);
  Node   *root;
  Node   *found;
} FindElement;

static WalkAction
find_element_enter (gpointer  data,
                    Node  *node)
{
  FindElement *find = data;

  if (node->type != NODE_ELEMENT ||
      (node_flags (node) & EL_DROP) != 0)
    return WALK_SKIP;

  if (node != find->root && find->match (node))
    {
      find->found = node;
      return WALK_STOP;
    }

  return WALK_DESCEND;
}

/* The first element inside @root, outside dropped elements, that @match
 * accepts. */
static Node *
find_element (Node  *root,
              gboolean (*match) (Node *node))
{
  FindElement find = { match, root, NULL };

  html_walk_tree (root, find_element_enter, NULL, &find);

  return find.found;
}

typedef struct
{
  TextSink  sink;
  Node  *exclude;
} SubtreeText;

static WalkAction
subtree_text_enter (gpointer  data,
                    Node  *node)
{
  SubtreeText *text = data;
  guint flags;

  if (node->type == NODE_TEXT && node->content != NULL)
    html_text_sink_append (&text->sink, node->content, node->content_len);

  if (node->type != NODE_ELEMENT || node == text->exclude)
    return WALK_SKIP;

  flags = node_flags (node);
  if ((flags & EL_DROP) != 0)
    return WALK_SKIP;
  if ((flags & EL_BLOCK) != 0)
    text->sink.space = TRUE;

  return WALK_DESCEND;
}

static void
subtree_text_leave (gpointer  data,
                    Node  *node)
{
  SubtreeText *text = data;

  if ((node_flags (node) & EL_BLOCK) != 0)
    text->sink.space = TRUE;
}

/* The plain text of @root, leaving out @exclude. */
static char *
subtree_text (Node *root,
              Node *exclude)
{
  SubtreeText text = { { g_string_new (NULL), FALSE }, exclude };

  html_walk_tree (root, subtree_text_enter, subtree_text_leave, &text);

  return html_text_sink_finish (&text.sink);
}

typedef struct
{
  BaseUrl    *base_url;
  Node    *outer;    /* the outermost <figure> open */
  Node    *figure;
  Node    *image;
  char       *src;
} FigureSearch;

static WalkAction
figure_search_enter (gpointer  data,
                     Node  *node)
{
  FigureSearch *search = data;

  if (node->type != NODE_ELEMENT ||
      (node_flags (node) & EL_DROP) != 0)
    return WALK_SKIP;

  if (search->outer == NULL && node_is (node, ELEMENT_FIGURE))
    search->outer = node;
  else if (search->outer != NULL && node_is (node, ELEMENT_IMG))
    search->src = html_policy_image_source (node, search->base_url);

  if (search->src == NULL)
    return WALK_DESCEND;

  search->figure = search->outer;
  search->image = node;

  return WALK_STOP;
}

static void
figure_search_leave (gpointer  data,
                     Node  *node)
{
  FigureSearch *search = data;

  if (node == search->outer)
    search->outer = NULL;
}

static gboolean
is_figcaption (Node *node)
{
  return node_is (node, ELEMENT_FIGCAPTION);
}

static gboolean
has_credit_class (Node *node)
{
  static const char * const words[] = { "credit", "copyright", "byline", "source" };
  const char *value = html_node_attribute (node, "class");
  g_autofree char *lower = NULL;

  if (value == NULL)
    return FALSE;

  lower = g_ascii_strdown (value, -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (lower, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_small_or_cite (Node *node)
{
  return node_is (node, ELEMENT_SMALL) || node_is (node, ELEMENT_CITE);
}

static const char * const credit_labels[] = {
  "photo", "photograph", "picture", "image", "credit", "credits", "source", "foto", "copyright",
};

static gboolean
strip_tail (const char *text,
            gsize      *len,
            const char *tail)
{
  gsize tail_len = strlen (tail);

  if (*len < tail_len || g_ascii_strncasecmp (text + *len - tail_len, tail, tail_len) != 0)
    return FALSE;

  *len -= tail_len;

  return TRUE;
}

/* A trailing "Photo:", as a word of its own. */
static gboolean
strip_label (const char *text,
             gsize      *len)
{
  if (*len == 0 || text[*len - 1] != ':')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (credit_labels); i++)
    {
      gsize label_len = strlen (credit_labels[i]);
      gsize start;

      if (*len < label_len + 1)
        continue;

      start = *len - 1 - label_len;
      if (g_ascii_strncasecmp (text + start, credit_labels[i], label_len) == 0 &&
          (start == 0 || text[start - 1] == ' ' || text[start - 1] == '(' || text[start - 1] == '['))
        {
          *len = start;
          return TRUE;
        }
    }

  return FALSE;
}

/* Brackets holding nothing, or only a label: "(Photo: )". */
static gboolean
strip_empty_brackets (const char *text,
                      gsize      *len)
{
  char close = *len > 0 ? text[*len - 1] : '\0';
  gsize inner_len = 0;
  const char *open;

  if (close != ')' && close != ']')
    return FALSE;

  open = g_strrstr_len (text, *len, close == ')' ? "(" : "[");
  if (open == NULL)
    return FALSE;

  inner_len = text + *len - 1 - (open + 1);
  while (inner_len > 0 && open[inner_len] == ' ')
    inner_len--;
  if (inner_len > 0 && !strip_label (open + 1, &inner_len))
    return FALSE;
  while (inner_len > 0 && open[inner_len] == ' ')
    inner_len--;
  if (inner_len > 0)
    return FALSE;

  *len = open - text;

  return TRUE;
}

/* With the credit taken out, "A crowd in Paris. (Photo: )" loses the label
 * and the punctuation left dangling at its end. */
static char *
tidy_caption (char *caption)
{
  static const char * const tails[] = {
    " ", "|", "/", "-", ",", ";", ":", "(", "[", "\u2013", "\u2014", "\u2022", "\u00B7", "\u00A9",
  };
  gsize len;
  gboolean changed;

  if (caption == NULL)
    return NULL;

  len = strlen (caption);
  do
    {
      changed = strip_label (caption, &len) || strip_empty_brackets (caption, &len);
      for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
        changed |= strip_tail (caption, &len, tails[i]);
    }
  while (changed && len > 0);

  if (len == 0)
    {
      g_free (caption);
      return NULL;
    }

  caption[len] = '\0';

  return caption;
}

/* Finds the first <figure> holding a usable <img>, which becomes the lead
 * photo, with the caption and credit from its <figcaption>. */
BriefingImage *
html_take_lead_figure (Node     *root,
                       BaseUrl     *base_url,
                       Node    **figure)
{
  FigureSearch search = { base_url, NULL, NULL, NULL, NULL };
  const char *width;
  const char *height;
  BriefingImage *image;
  Node *caption;
  Node *credit = NULL;

  html_walk_tree (root, figure_search_enter, figure_search_leave, &search);
  if (search.figure == NULL)
    return NULL;

  width = html_node_attribute (search.image, "width");
  height = html_node_attribute (search.image, "height");

  image = briefing_image_new ();
  image->url = g_steal_pointer (&search.src);
  image->width = MAX (html_policy_parse_pixels (width), 0);
  image->height = MAX (html_policy_parse_pixels (height), 0);

  caption = find_element (search.figure, is_figcaption);
  if (caption != NULL)
    {
      credit = find_element (caption, has_credit_class);
      if (credit == NULL)
        credit = find_element (caption, is_small_or_cite);

      image->caption = tidy_caption (subtree_text (caption, credit));
      image->credit = credit != NULL ? subtree_text (credit, NULL) : NULL;
    }

  *figure = search.figure;

  return image;
}

