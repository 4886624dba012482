/* briefing-ui-compat.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-ui-compat"

#include "config.h"

#include "briefing-ui-compat.h"

/* Newer APIs are used only when both the headers and the running library
 * have them. The version macros in meson.build pin the API level to
 * Debian 12's, so the newer calls are allowed here and nowhere else. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

void
briefing_show_about (GtkWindow          *parent,
                     const char         *name,
                     const char         *app_id,
                     const char         *version,
                     const char         *website,
                     const char * const *developers)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (dialog), name);
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (dialog), app_id);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (dialog), version);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (dialog), website);
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (dialog), (const char **) developers);
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (dialog), GTK_LICENSE_GPL_3_0);
  adw_dialog_present (dialog, parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  GtkWidget *window = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (window), name);
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (window), app_id);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (window), version);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (window), website);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (window), (const char **) developers);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (window), GTK_LICENSE_GPL_3_0);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
#endif
}

/* Opens @uri in the user's browser; both paths go through the OpenURI
 * portal when sandboxed. */
void
briefing_launch_uri (GtkWindow  *parent,
                     const char *uri)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, parent, NULL, NULL, NULL);
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

G_GNUC_END_IGNORE_DEPRECATIONS
