/* briefing-service-main.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "briefing-handover.h"
#include "briefing-service.h"

/* The app in the background, without a toolkit; started by the window's
 * program (see briefing-handover.c), never by hand. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(BriefingService) app = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_auto(GStrv) window_argv = NULL;
  g_autofree char *saved = NULL;
  const char *localedir = g_getenv ("BRIEFING_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  /* The tests point BRIEFING_LOCALEDIR at the build's translations. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The connection GApplication owns its name on, kept past it. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  app = briefing_service_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  window_argv = briefing_service_steal_window_argv (app);
  saved = briefing_service_steal_saved (app);
  g_clear_object (&app);

  if (window_argv == NULL)
    return status;

  briefing_handover_exec (bus, BRIEFING_PROGRAM_WINDOW, (const char * const *) window_argv, saved);

  return 1;
}
