/* briefing-html-tree.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-html-sanitizer"

#include "config.h"

#include "briefing-html-sanitizer-private.h"

#include "briefing-html-tokenizer.h"

#include <string.h>

/* What the sanitizer reads: the element table (which elements are kept,
 * dropped with their content, or unwrapped) and the tree built from the
 * tokenizer's tokens with libxml2's rules, which the writer, the policy
 * and the lead figure walk. */

#define MAX_PARSE_DEPTH 200   /* as when libxml2 (limit 256) was used */
#define MAX_NAME        32

#define KEPT_INLINE (EL_KEEP | EL_PRUNE)
#define KEPT_BLOCK  (EL_KEEP | EL_PRUNE | EL_BLOCK)
#define KEPT_CELL   (EL_KEEP | EL_BLOCK)
#define DROPPED     (EL_DROP | EL_BLOCK)

typedef struct
{
  const char *name;
  guint       flags;
} ElementInfo;

/* Sorted by name. Elements not listed, or listed without EL_KEEP or
 * EL_DROP, are unwrapped: the tag goes, the content stays. Those listed
 * with no flags at all are only there for the tree's rules below
 * (start_closes, end_priority), which look elements up in this table. */
static const ElementInfo elements[] = {
  { "a", KEPT_INLINE },
  { "abbr", KEPT_INLINE },
  { "address", EL_BLOCK },
  { "applet", DROPPED },
  { "area", EL_EMPTY },
  { "article", KEPT_BLOCK },
  { "aside", KEPT_BLOCK },
  { "audio", DROPPED },
  { "b", KEPT_INLINE },
  { "base", DROPPED | EL_EMPTY },
  { "basefont", EL_EMPTY },
  { "big", 0 },
  { "blockquote", KEPT_BLOCK },
  { "body", EL_BLOCK },
  { "br", EL_KEEP | EL_VOID | EL_BLOCK | EL_EMPTY },
  { "button", DROPPED },
  { "canvas", DROPPED },
  { "caption", KEPT_CELL },
  { "center", EL_BLOCK },
  { "cite", KEPT_INLINE },
  { "code", KEPT_INLINE },
  { "col", EL_EMPTY },
  { "colgroup", 0 },
  { "dd", KEPT_CELL },
  { "del", KEPT_INLINE },
  { "details", KEPT_BLOCK },
  { "dfn", KEPT_INLINE },
  { "dir", EL_BLOCK },
  { "div", KEPT_BLOCK },
  { "dl", KEPT_BLOCK },
  { "dt", KEPT_CELL },
  { "em", KEPT_INLINE },
  { "embed", EL_BLOCK },   /* empty in HTML but not in libxml2: what follows ends up inside */
  { "fieldset", EL_BLOCK },
  { "figcaption", KEPT_BLOCK },
  { "figure", KEPT_BLOCK },
  { "font", 0 },
  { "footer", KEPT_BLOCK },
  { "form", DROPPED },
  { "frame", DROPPED | EL_EMPTY },
  { "frameset", DROPPED },
  { "h1", KEPT_BLOCK },
  { "h2", KEPT_BLOCK },
  { "h3", KEPT_BLOCK },
  { "h4", KEPT_BLOCK },
  { "h5", KEPT_BLOCK },
  { "h6", KEPT_BLOCK },
  { "head", DROPPED },
  { "header", KEPT_BLOCK },
  { "hr", EL_KEEP | EL_VOID | EL_BLOCK | EL_EMPTY },
  { "html", EL_BLOCK },
  { "i", KEPT_INLINE },
  { "iframe", DROPPED },
  { "img", EL_KEEP | EL_VOID | EL_EMPTY },
  { "input", DROPPED | EL_EMPTY },
  { "ins", KEPT_INLINE },
  { "isindex", EL_EMPTY },
  { "kbd", KEPT_INLINE },
  { "legend", EL_BLOCK },
  { "li", KEPT_CELL },
  { "link", DROPPED | EL_EMPTY },
  { "listing", 0 },
  { "main", KEPT_BLOCK },
  { "mark", KEPT_INLINE },
  { "math", DROPPED },
  { "menu", EL_BLOCK },
  { "meta", DROPPED | EL_EMPTY },
  { "nav", KEPT_BLOCK },
  { "noembed", DROPPED },
  { "noframes", DROPPED },
  { "noscript", DROPPED },
  { "object", DROPPED },
  { "ol", KEPT_BLOCK },
  { "optgroup", 0 },
  { "option", DROPPED },
  { "p", KEPT_BLOCK },
  { "param", DROPPED | EL_EMPTY },
  { "picture", KEPT_INLINE },
  { "plaintext", DROPPED },
  { "pre", KEPT_BLOCK },
  { "q", KEPT_INLINE },
  { "s", KEPT_INLINE },
  { "samp", KEPT_INLINE },
  { "script", DROPPED | EL_RAW },
  { "section", KEPT_BLOCK },
  { "select", DROPPED },
  { "small", KEPT_INLINE },
  { "source", EL_KEEP | EL_VOID },
  { "span", KEPT_INLINE },
  { "strike", 0 },
  { "strong", KEPT_INLINE },
  { "style", DROPPED | EL_RAW },
  { "sub", KEPT_INLINE },
  { "summary", KEPT_BLOCK },
  { "sup", KEPT_INLINE },
  { "svg", DROPPED },
  { "table", KEPT_BLOCK },
  { "tbody", KEPT_CELL },
  { "td", KEPT_CELL },
  { "template", DROPPED },
  { "textarea", DROPPED },
  { "tfoot", KEPT_CELL },
  { "th", KEPT_CELL },
  { "thead", KEPT_CELL },
  { "time", KEPT_INLINE },
  { "title", DROPPED },
  { "tr", KEPT_CELL },
  { "tt", 0 },
  { "u", KEPT_INLINE },
  { "ul", KEPT_BLOCK },
  { "var", KEPT_INLINE },
  { "video", DROPPED },
  { "xmp", DROPPED },
};

/* Which start tags make libxml2 2.9 close the element on top of its
 * stack, as measured on libxml2 2.9.14 (htmlStartClose): the tree has the
 * shape it had when the sanitizer was built on libxml2. */
static const struct {
  const char *open;
  const char *closers;
} start_closes[] = {
  { "a", " a fieldset table td th " },
  { "address", " dd dl dt form li ul " },
  { "b", " center p td th " },
  { "big", " p " },
  { "caption", " col colgroup tbody tfoot thead tr " },
  { "colgroup", " colgroup tbody tfoot thead tr " },
  { "dd", " dt " },
  { "dir", " dd dl dt form ul " },
  { "dl", " form li " },
  { "dt", " dd dl " },
  { "font", " center td th " },
  { "form", " form " },
  { "h1", " fieldset form li p table " },
  { "h2", " fieldset form li p table " },
  { "h3", " fieldset form li p table " },
  { "h4", " fieldset form li p table " },
  { "h5", " fieldset form li p table " },
  { "h6", " fieldset form li p table " },
  { "i", " center p td th " },
  { "legend", " fieldset " },
  { "li", " li " },
  { "listing", " dd dl dt fieldset form li table ul " },
  { "menu", " dd dl dt form ul " },
  { "ol", " form ul " },
  { "option", " optgroup option " },
  { "p", " address blockquote body caption center col colgroup dd dir div dl dt fieldset "
         "form frameset h1 h2 h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td tfoot th title tr ul xmp " },
  { "pre", " dd dl dt fieldset form li table ul " },
  { "s", " p " },
  { "script", " noscript " },
  { "small", " p " },
  { "span", " td th " },
  { "strike", " p " },
  { "style", " body " },
  { "tbody", " tbody tfoot " },
  { "td", " tbody td tfoot th tr " },
  { "tfoot", " tbody " },
  { "th", " tbody td tfoot th tr " },
  { "thead", " tbody tfoot " },
  { "title", " body frameset " },
  { "tr", " tbody tfoot tr " },
  { "tt", " p " },
  { "u", " p td th " },
  { "ul", " address form menu ol pre " },
  { "xmp", " dd dl dt fieldset form li table ul " },
};

/* A misplaced end tag closes nothing of a higher priority (libxml2's
 * htmlEndPriority); the others have 100. */
static const struct {
  const char *name;
  int         priority;
} end_priorities[] = {
  { "div", 150 }, { "td", 160 }, { "th", 160 }, { "tr", 170 }, { "thead", 180 },
  { "tbody", 180 }, { "tfoot", 180 }, { "table", 190 }, { "head", 200 }, { "body", 200 },
  { "html", 220 },
};

/* Element lookups
 *
 * Each element name is looked up once, when its node is made, in a small
 * hash table built on first use. The node then points at its Element,
 * which holds the element's flags and the tree's rules (start_closes,
 * end priorities, the attributes allowed) turned into numbers and bit
 * sets, so that neither building the tree nor walking it compares names
 * again. */

#define N_ELEMENTS    G_N_ELEMENTS (elements)
#define ELEMENT_SLOTS 512   /* a power of two, well over N_ELEMENTS */

static const Element unknown_element = { NULL, 0, 0, ELEMENT_OTHER, 100, 0, 0, 0 };
static Element element_table[N_ELEMENTS];
static guint16 element_slots[ELEMENT_SLOTS];   /* 1 + an index into element_table, or 0 */

/* FNV-1a: names are short, and this spreads them well enough. */
static guint
name_hash (const char *name,
           gsize       len)
{
  guint hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) name[i]) * 16777619u;

  return hash;
}

static Element *
element_table_find (const char *name)
{
  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      if (strcmp (element_table[i].name, name) == 0)
        return &element_table[i];
    }

  g_error ("%s is missing from the element table", name);
}

static void
element_table_init (void)
{
  static const struct {
    const char *name;
    ElementId   id;
  } ids[] = {
    { "a", ELEMENT_A }, { "body", ELEMENT_BODY }, { "br", ELEMENT_BR }, { "cite", ELEMENT_CITE },
    { "figcaption", ELEMENT_FIGCAPTION }, { "figure", ELEMENT_FIGURE }, { "h1", ELEMENT_H1 },
    { "head", ELEMENT_HEAD }, { "html", ELEMENT_HTML }, { "img", ELEMENT_IMG }, { "p", ELEMENT_P },
    { "picture", ELEMENT_PICTURE }, { "small", ELEMENT_SMALL }, { "source", ELEMENT_SOURCE },
  };
  guint closers = 0;

  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      Element *element = &element_table[i];
      guint slot = name_hash (elements[i].name, strlen (elements[i].name)) & (ELEMENT_SLOTS - 1);

      *element = unknown_element;
      element->name = elements[i].name;
      element->name_len = strlen (elements[i].name);
      element->flags = elements[i].flags;

      while (element_slots[slot] != 0)
        slot = (slot + 1) & (ELEMENT_SLOTS - 1);
      element_slots[slot] = i + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    element_table_find (ids[i].name)->id = ids[i].id;

  for (guint i = 0; i < G_N_ELEMENTS (end_priorities); i++)
    element_table_find (end_priorities[i].name)->end_priority = end_priorities[i].priority;

  for (guint i = 0; i < G_N_ELEMENTS (start_closes); i++)
    {
      Element *open = element_table_find (start_closes[i].open);
      g_auto(GStrv) words = g_strsplit (start_closes[i].closers, " ", -1);

      for (guint j = 0; words[j] != NULL; j++)
        {
          Element *closer;

          if (*words[j] == '\0')
            continue;

          closer = element_table_find (words[j]);
          if (closer->closer == 0)
            {
              g_assert (closers < 64);
              closer->closer = G_GUINT64_CONSTANT (1) << closers++;
            }
          open->closed_by |= closer->closer;
        }
    }

  /* The attributes allowed are the policy's (briefing-html-policy.c). */
  for (guint i = 0; i < N_ELEMENTS; i++)
    element_table[i].attributes = html_policy_element_attributes (element_table[i].name);
}

/* The element named @name (lower case, maybe with a prefix), or
 * unknown_element. */
const Element *
html_element_lookup (const char *name)
{
  static gsize initialized;
  gsize len = strlen (name);
  guint slot;

  if (g_once_init_enter (&initialized))
    {
      element_table_init ();
      g_once_init_leave (&initialized, 1);
    }

  for (slot = name_hash (name, len) & (ELEMENT_SLOTS - 1);
       element_slots[slot] != 0;
       slot = (slot + 1) & (ELEMENT_SLOTS - 1))
    {
      const Element *element = &element_table[element_slots[slot] - 1];

      if (element->name_len == len && memcmp (element->name, name, len) == 0)
        return element;
    }

  return &unknown_element;
}

/* The tree
 *
 * The fragment is parsed into a small tree kept in one arena, with the
 * rules of libxml2 2.9's HTML parser in recovery mode, which the rest of
 * the sanitizer was written against: the start tags that close the element on
 * top of the stack (start_closes), end tags that only close elements of
 * a lower priority (end_priority), misplaced html, head and body tags
 * ignored, a paragraph implied for text after the body was closed. Only
 * script and style hold raw text. The attribute values kept are the ones
 * read here, decoded. */

#define ARENA_BLOCK 16384

static gpointer
arena_alloc (Arena *arena,
             gsize  size)
{
  gpointer mem;

  size = (size + 7) & ~(gsize) 7;
  if (size > arena->left)
    {
      gsize block = MAX (size, ARENA_BLOCK);

      arena->next = g_malloc (block);
      arena->left = block;
      g_ptr_array_add (arena->blocks, arena->next);
    }

  mem = arena->next;
  arena->next += size;
  arena->left -= size;

  return mem;
}

static char *
arena_strndup (Arena      *arena,
               const char *str,
               gsize       len)
{
  char *copy = arena_alloc (arena, len + 1);

  memcpy (copy, str, len);
  copy[len] = '\0';

  return copy;
}

static Node *
builder_top (Builder *self)
{
  return self->stack->len > 0 ? g_ptr_array_index (self->stack, self->stack->len - 1) : NULL;
}

static void
builder_pop (Builder *self)
{
  g_ptr_array_set_size (self->stack, self->stack->len - 1);
}

static gboolean
builder_has_open (Builder   *self,
                  ElementId  id)
{
  for (guint i = 0; i < self->stack->len; i++)
    {
      if (((Node *) g_ptr_array_index (self->stack, i))->qelement->id == id)
        return TRUE;
    }

  return FALSE;
}

/* Without an open element, libxml2 adds to the document element. */
static Node *
builder_add (Builder  *self,
             NodeType  type)
{
  Node *parent = builder_top (self);
  Node *node = arena_alloc (&self->arena, sizeof (Node));

  memset (node, 0, sizeof (Node));
  node->type = type;
  node->parent = parent != NULL ? parent : self->root;
  if (node->parent == NULL)
    return node;
  if (node->parent->last != NULL)
    node->parent->last->next = node;
  else
    node->parent->children = node;
  node->parent->last = node;

  return node;
}

/* @qelement is html_element_lookup (@name). */
static Node *
builder_push (Builder       *self,
              const char    *name,
              const Element *qelement)
{
  Node *node = builder_add (self, NODE_ELEMENT);
  const char *colon = NULL;

  node->qelement = qelement;
  node->element = qelement;

  if (qelement != &unknown_element)
    {
      /* Names in the table have no prefix: the node keeps its copy. */
      node->qname = node->name = qelement->name;
    }
  else
    {
      node->qname = node->name = arena_strndup (&self->arena, name, strlen (name));
      colon = strchr (node->qname, ':');
    }

  /* libxml2 names an element "p" when its tag is "html:p". */
  if (colon != NULL && colon != node->qname)
    {
      node->name = colon + 1;
      node->element = html_element_lookup (node->name);
    }

  g_ptr_array_add (self->stack, node);

  return node;
}

static gboolean
start_closes_top (const Element *start,
                  const Node    *top)
{
  return (top->qelement->closed_by & start->closer) != 0;
}

/* htmlAutoClose() and htmlCheckImplied(): the start tag @start closes
 * what it closes, and there is a document element to put it in. */
static void
builder_prepare_start (Builder       *self,
                       const Element *start)
{
  Node *top;

  while ((top = builder_top (self)) != NULL && start_closes_top (start, top))
    builder_pop (self);

  if (self->stack->len == 0 && start->id != ELEMENT_HTML)
    builder_push (self, "html", html_element_lookup ("html"));
}

/* g_ascii_tolower(), which is a call, for every character of every name. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Attributes the sanitizer never reads are not kept. The names are
 * looked up by length and first letter before any comparison: most
 * attributes in feeds (class, id, style, data-*) are told apart there. */
static gboolean
is_read_attribute (const char *name,
                   gsize       len)
{
  static const char * const names[] = {
    "alt", "cite", "class", "colspan", "datetime", "dir", "headers", "height", "href", "lang",
    "media", "reversed", "rowspan", "scope", "src", "srcset", "start", "style", "title", "type",
    "value", "width",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i][0] == name[0] && strncmp (names[i], name, len) == 0 && names[i][len] == '\0')
        return TRUE;
    }

  return FALSE;
}

static void
builder_set_attributes (Builder                 *self,
                        Node                    *node,
                        const BriefingHtmlToken *token)
{
  Attr attrs[BRIEFING_HTML_MAX_ATTRIBUTES];
  guint n_attrs = 0;

  for (guint i = 0; i < token->n_attrs; i++)
    {
      const BriefingHtmlAttr *attr = &token->attrs[i];
      char name[MAX_NAME + 1];
      gboolean seen = FALSE;

      if (attr->name_len > MAX_NAME)
        continue;
      for (gsize j = 0; j < attr->name_len; j++)
        name[j] = ascii_lower (attr->name[j]);
      name[attr->name_len] = '\0';
      if (!is_read_attribute (name, attr->name_len))
        continue;

      /* libxml2 keeps the first of attributes with the same name. */
      for (guint j = 0; j < n_attrs && !seen; j++)
        seen = strcmp (attrs[j].name, name) == 0;
      if (seen)
        continue;

      attrs[n_attrs].name = arena_strndup (&self->arena, name, attr->name_len);
      if (attr->value == NULL)
        {
          attrs[n_attrs].value = arena_strndup (&self->arena, "", 0);
        }
      else if (memchr (attr->value, '&', attr->value_len) == NULL)
        {
          /* Nothing to decode: briefing_html_append_attr() would copy it. */
          attrs[n_attrs].value = arena_strndup (&self->arena, attr->value, attr->value_len);
        }
      else
        {
          g_string_truncate (self->scratch, 0);
          briefing_html_append_attr (self->scratch, attr->value, attr->value_len);
          attrs[n_attrs].value = arena_strndup (&self->arena, self->scratch->str, strlen (self->scratch->str));
        }
      n_attrs++;
    }

  node->n_attrs = n_attrs;
  node->attrs = arena_alloc (&self->arena, MAX (n_attrs, 1) * sizeof (Attr));
  memcpy (node->attrs, attrs, n_attrs * sizeof (Attr));
}

static gboolean
is_document_element (const Element *element)
{
  return element->id == ELEMENT_HTML || element->id == ELEMENT_HEAD || element->id == ELEMENT_BODY;
}

static void
builder_start_tag (Builder                 *self,
                   const BriefingHtmlToken *token)
{
  const Element *element = html_element_lookup (token->name);
  guint flags = element->flags;
  Node *node;

  builder_prepare_start (self, element);

  if ((element->id == ELEMENT_HTML && self->stack->len > 0) ||
      (element->id == ELEMENT_HEAD && self->stack->len != 1) ||
      (element->id == ELEMENT_BODY && builder_has_open (self, ELEMENT_BODY)))
    {
      self->misplaced++;
      return;
    }

  /* Deep content is flattened: the text stays. Raw text elements always
   * open, or their text would show. */
  if ((flags & (EL_EMPTY | EL_RAW)) == 0 && !token->self_closing &&
      self->stack->len >= MAX_PARSE_DEPTH + 2)
    return;

  node = builder_push (self, token->name, element);
  builder_set_attributes (self, node, token);

  if ((flags & EL_EMPTY) != 0 || token->self_closing)
    builder_pop (self);
}

/* Whether @node was opened by a start tag named @name, which is
 * @element: nodes of elements in the table are told apart by their
 * Element alone. */
static gboolean
node_has_qname (const Node    *node,
                const char    *name,
                const Element *element)
{
  if (node->qelement != element)
    return FALSE;

  return element != &unknown_element || strcmp (node->qname, name) == 0;
}

static void
builder_end_tag (Builder    *self,
                 const char *name)
{
  const Element *element = html_element_lookup (name);
  guint i;

  if (self->misplaced > 0 && is_document_element (element))
    {
      self->misplaced--;
      return;
    }

  for (i = self->stack->len; i > 0; i--)
    {
      if (node_has_qname (g_ptr_array_index (self->stack, i - 1), name, element))
        break;
    }
  if (i == 0)
    return;

  for (guint j = self->stack->len; j > i; j--)
    {
      if (((Node *) g_ptr_array_index (self->stack, j - 1))->qelement->end_priority > element->end_priority)
        return;
    }

  g_ptr_array_set_size (self->stack, i - 1);
}

static gboolean
is_blank_text (const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
        return FALSE;
    }

  return TRUE;
}

/* Whether briefing_html_append_text() would copy @text as it is: it has
 * no reference and no control character but blanks. Then *@verbatim
 * says whether append_escaped() would copy it as it is too, which spares
 * the writer a second look at most text. */
static gboolean
is_plain_text (const char *text,
               gsize       len,
               gboolean   *verbatim)
{
  const char *end = text + len;
  const char *p = text;

  *verbatim = TRUE;
  while (p < end)
    {
      const char *stop = MIN (p + 8, end);

      /* word_may_be_escaped() catches '&' and control characters too. */
      if (stop - p == 8 && !word_may_be_escaped (load_word (p)))
        {
          p = stop;
          continue;
        }

      for (; p < stop; p++)
        {
          if (*p == '&' || ((guchar) *p < 0x20 && !is_blank (*p)))
            return FALSE;
          if (is_escaped (*p))
            *verbatim = FALSE;
        }
    }

  return TRUE;
}

/* htmlCheckParagraph(): text outside the body goes in a paragraph. */
static void
builder_text (Builder    *self,
              const char *text,
              gsize       len)
{
  Node *top = builder_top (self);
  gboolean verbatim;
  Node *node;

  if (!is_blank_text (text, len) &&
      (top == NULL || top->qelement->id == ELEMENT_HTML || top->qelement->id == ELEMENT_HEAD))
    {
      const Element *p = html_element_lookup ("p");

      builder_prepare_start (self, p);
      builder_push (self, "p", p);
    }

  if (len == 0)
    return;

  /* Text with nothing to decode or drop, most of it, stays where it is
   * in the input, which outlives the tree. */
  if (is_plain_text (text, len, &verbatim))
    {
      node = builder_add (self, NODE_TEXT);
      node->content = text;
      node->content_len = len;
      node->verbatim = verbatim;
      return;
    }

  g_string_truncate (self->scratch, 0);
  briefing_html_append_text (self->scratch, text, len);
  if (self->scratch->len == 0)
    return;

  node = builder_add (self, NODE_TEXT);
  node->content = arena_strndup (&self->arena, self->scratch->str, self->scratch->len);
  node->content_len = self->scratch->len;
}

/* Script and style hold raw text, except where libxml2 still reads end
 * tags, and start tags that close them: where it begins, and after each
 * end tag inside. */
static const char *
builder_skip_raw_text (Builder    *self,
                       const char *p)
{
  Node *top = builder_top (self);
  char name[BRIEFING_HTML_MAX_NAME + 1];

  if (top == NULL || (top->qelement->flags & EL_RAW) == 0)
    return p;
  if (p[0] == '<' && p[1] == '/')
    return p;
  if (briefing_html_starts_tag (p, name) && start_closes_top (html_element_lookup (name), top))
    return p;

  return briefing_html_skip_raw_text (p, top->qname);
}

static void
builder_init (Builder *self)
{
  self->arena.blocks = g_ptr_array_new_with_free_func (g_free);
  self->arena.next = NULL;
  self->arena.left = 0;
  self->stack = g_ptr_array_sized_new (32);
  self->misplaced = 0;
  self->scratch = g_string_sized_new (256);
  self->root = NULL;

  /* The fragment is read as the body of a document. */
  self->root = builder_push (self, "html", html_element_lookup ("html"));
  builder_push (self, "body", html_element_lookup ("body"));
}

void
html_builder_clear (Builder *self)
{
  g_ptr_array_unref (self->stack);
  g_string_free (self->scratch, TRUE);
  g_ptr_array_unref (self->arena.blocks);
}

void
html_build_tree (Builder    *self,
                 const char *html)
{
  const char *p = html;

  builder_init (self);

  while (*p != '\0')
    {
      BriefingHtmlToken token;

      p = builder_skip_raw_text (self, p);
      if (*p == '\0')
        break;

      p = briefing_html_next_token (p, &token);
      if (token.kind == BRIEFING_HTML_TOKEN_TEXT)
        builder_text (self, token.start, token.end - token.start);
      else if (token.kind == BRIEFING_HTML_TOKEN_START_TAG)
        builder_start_tag (self, &token);
      else if (token.kind == BRIEFING_HTML_TOKEN_END_TAG)
        builder_end_tag (self, token.name);
    }
}

/* Walking the tree */

/* Visits @root and what is inside it in document order, without recursion:
 * libxml2's tree can be as deep as its input. @leave is called for every
 * node that @enter descended into. */
void
html_walk_tree (Node       *root,
                WalkEnterFunc  enter,
                WalkLeaveFunc  leave,
                gpointer       data)
{
  Node *node = root;

  for (;;)
    {
      WalkAction action = enter (data, node);

      if (action == WALK_STOP)
        return;

      if (action == WALK_DESCEND && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (action == WALK_DESCEND && leave != NULL)
        leave (data, node);

      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (leave != NULL)
            leave (data, node);
        }
      if (node == root)
        return;

      node = node->next;
    }
}

/* Attributes */

const char *
html_node_attribute (Node       *node,
                     const char *name)
{
  for (guint i = 0; i < node->n_attrs; i++)
    {
      if (strcmp (node->attrs[i].name, name) == 0)
        return node->attrs[i].value;
    }

  return NULL;
}
