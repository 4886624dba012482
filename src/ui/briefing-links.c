/* briefing-links.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-links"

#include "config.h"

#include "briefing-links.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "briefing-ui-compat.h"
#include "briefing-url.h"

/* The one door out of the app. Every address Briefing hands the desktop
 * (Open Original, links in an article, enclosures, a source's home page)
 * comes from a feed, so it passes the core's link allowlist on the way:
 * http and https with a real host, and mailto without attach= and the
 * like. Anything else (file:, javascript:, data:, sftp:, a scheme some
 * handler claims) would have the desktop open local files or start
 * programs for a feed's publisher; it is refused with a toast. */

/* The toast overlay the reader sees: the widget's own window's, or that
 * of the window a dialog belongs to. */
static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (overlay != NULL)
    return ADW_TOAST_OVERLAY (overlay);

  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    {
      GtkWidget *content = ADW_IS_APPLICATION_WINDOW (window)
                           ? adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))
                           : ADW_IS_WINDOW (window) ? adw_window_get_content (ADW_WINDOW (window))
                           : NULL;

      if (ADW_IS_TOAST_OVERLAY (content))
        return ADW_TOAST_OVERLAY (content);
    }

  return NULL;
}

/**
 * briefing_open_link:
 * @widget: the widget the reader acted on
 * @url: (nullable): the address to open
 *
 * Opens @url in the reader's browser or mail client when it is a web or
 * mail address, and says why not otherwise.
 *
 * Returns: whether @url was handed to the desktop
 */
gboolean
briefing_open_link (GtkWidget  *widget,
                    const char *url)
{
  g_autofree char *link = briefing_url_for_link (url);
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (link == NULL)
    {
      AdwToastOverlay *overlay = find_toast_overlay (widget);

      g_debug ("Refused to open %s", url != NULL ? url : "(null)");
      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, adw_toast_new (_("Briefing opens only web and e-mail addresses")));
      return FALSE;
    }

  root = gtk_widget_get_root (widget);
  briefing_launch_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, link);

  return TRUE;
}
