/* briefing-ui-compat.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The one place where Briefing's UI code depends on the GTK and
 * libadwaita versions: Debian 12 has GTK 4.8 and libadwaita 1.2, the
 * GNOME runtime has much newer ones. Callers use these and never check
 * versions themselves. */

void briefing_show_about (GtkWindow          *parent,
                          const char         *name,
                          const char         *app_id,
                          const char         *version,
                          const char         *website,
                          const char * const *developers);
void briefing_launch_uri (GtkWindow          *parent,
                          const char         *uri);
void briefing_avoid_software_gl (void);

void   briefing_choose_file_async       (GtkWindow            *parent,
                                         const char           *title,
                                         GtkFileFilter        *filter,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GFile *briefing_choose_file_finish      (GAsyncResult         *result,
                                         GError              **error);
void   briefing_choose_save_file_async  (GtkWindow            *parent,
                                         const char           *title,
                                         const char           *initial_name,
                                         GtkFileFilter        *filter,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GFile *briefing_choose_save_file_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
