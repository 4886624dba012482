/* briefing-opml-ui.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "briefing-types.h"

G_BEGIN_DECLS

void     briefing_opml_import         (GtkWindow             *parent,
                                       BriefingSession       *session,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
void     briefing_opml_import_confirm (GtkWindow             *parent,
                                       BriefingSession       *session,
                                       const char            *name,
                                       GBytes                *contents,
                                       GPtrArray             *outlines,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
guint    briefing_opml_import_finish  (GAsyncResult          *result,
                                       GError               **error);
void     briefing_opml_export         (GtkWindow             *parent,
                                       BriefingSession       *session,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
gboolean briefing_opml_export_finish  (GAsyncResult          *result,
                                       GError               **error);

G_END_DECLS
