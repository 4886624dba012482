/* main.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "briefing-application.h"
#include "briefing-handover.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BriefingApplication) app = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *saved = NULL;
  const char *localedir = g_getenv ("BRIEFING_LOCALEDIR");
  int status;

  /* Started for the background only: the service does that without a
   * toolkit (see briefing-handover.c). */
  if (briefing_handover_wanted (argc, argv))
    briefing_handover_exec (NULL, BRIEFING_PROGRAM_SERVICE, (const char * const *) argv + 1, NULL);

  /* The tests point BRIEFING_LOCALEDIR at the build's translations. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The connection GApplication owns its name on, kept past it. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  app = briefing_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  if (!briefing_application_continues_in_background (app))
    return status;

  /* The last window closed with "Run in background" on: the service goes
   * on in this process, without the toolkit's memory. */
  saved = briefing_application_steal_saved (app);
  g_clear_object (&app);
  briefing_handover_exec (bus, BRIEFING_PROGRAM_SERVICE, (const char * const []) { "--gapplication-service", NULL },
                          saved);

  return 1;
}
