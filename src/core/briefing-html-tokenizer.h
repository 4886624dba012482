/* briefing-html-tokenizer.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BRIEFING_HTML_MAX_NAME       100   /* libxml2's HTML_PARSER_BUFFER_SIZE */
#define BRIEFING_HTML_MAX_ATTRIBUTES 64

typedef enum
{
  BRIEFING_HTML_TOKEN_TEXT,        /* character data, references not decoded */
  BRIEFING_HTML_TOKEN_START_TAG,
  BRIEFING_HTML_TOKEN_END_TAG,
  BRIEFING_HTML_TOKEN_OTHER,       /* comments, doctypes, processing instructions, stray "</" */
} BriefingHtmlTokenKind;

typedef struct
{
  const char *name;    /* as written: compare without case */
  gsize       name_len;
  const char *value;   /* as written, references not decoded; NULL without a value */
  gsize       value_len;
} BriefingHtmlAttr;

typedef struct
{
  BriefingHtmlTokenKind kind;
  const char           *start;
  const char           *end;          /* one past the token */
  gboolean              self_closing;
  guint                 n_attrs;      /* start tags: the first BRIEFING_HTML_MAX_ATTRIBUTES */
  char                  name[BRIEFING_HTML_MAX_NAME + 1];   /* tags: lower case */
  BriefingHtmlAttr      attrs[BRIEFING_HTML_MAX_ATTRIBUTES];
} BriefingHtmlToken;

const char *briefing_html_next_token      (const char        *p,
                                           BriefingHtmlToken *token);
const char *briefing_html_skip_raw_text   (const char        *p,
                                           const char        *name);
gboolean    briefing_html_starts_tag      (const char        *p,
                                           char               name[BRIEFING_HTML_MAX_NAME + 1]);
void        briefing_html_append_text     (GString           *out,
                                           const char        *text,
                                           gsize              len);
void        briefing_html_append_attr     (GString           *out,
                                           const char        *value,
                                           gsize              len);

G_END_DECLS
