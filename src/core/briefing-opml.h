/* briefing-opml.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A subscription list is small; a file over this is not one. */
#define BRIEFING_OPML_MAX_SIZE (8 * 1024 * 1024)

#define BRIEFING_OPML_ERROR (briefing_opml_error_quark ())

typedef enum
{
  BRIEFING_OPML_ERROR_INVALID,
} BriefingOpmlError;

/* One subscription in an OPML file, with the folder it sits in. */
typedef struct
{
  char *url;
  char *title;
  char *site_url;
  char *group;
} BriefingOpmlOutline;

GQuark     briefing_opml_error_quark   (void);
void       briefing_opml_outline_free  (BriefingOpmlOutline  *outline);
GPtrArray *briefing_opml_parse         (const char           *data,
                                        gsize                 len,
                                        GError              **error);
char      *briefing_opml_write         (GPtrArray            *sources,
                                        const char           *title);

G_END_DECLS
