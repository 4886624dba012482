/* bare-window.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>

#include "briefing-ui-compat.h"

/* The floor for bench-ui's launch times: an AdwApplicationWindow with a
 * header bar and nothing else, the size Briefing's window opens at. It
 * reports its first painted frame the way Briefing does with
 * BRIEFING_TIMINGS=1 ("briefing-timing: first-paint T", T from
 * g_get_monotonic_time()), so the benchmark reads both alike. */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWidget     *window)
{
  if (!gtk_widget_get_mapped (window))
    return;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  fprintf (stderr, "briefing-timing: first-paint %" G_GINT64_FORMAT " max-stall-us 0\n", g_get_monotonic_time ());
  fflush (stderr);
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint_cb), window, 0);
}

static void
on_startup_cb (GtkApplication *app)
{
  briefing_avoid_software_gl ();
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_box_append (GTK_BOX (box), header);
  gtk_window_set_title (GTK_WINDOW (window), "Bare Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  fprintf (stderr, "briefing-timing: start %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  app = adw_application_new ("io.github.briefing.BareWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
