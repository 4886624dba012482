/* briefing-handover.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-handover"

#include "config.h"

#include "briefing-handover.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* One app, two programs. The window's program links GTK, libadwaita and
 * WebKit; loading them alone costs some 45 MB before a widget exists,
 * more than the whole core. So the app runs in the background as a
 * second program that links only the core, and each hands over to the
 * other by exec(): the same process and pid, the same D-Bus name, the
 * store closed in between. The window's program becomes the service when
 * its last window closes with "Run in background" on; the service
 * becomes the window's program when something asks for a window (the
 * launcher, a notification, a desktop action).
 *
 * The window's program names itself to the service in the environment,
 * so that the service finds it again wherever it is installed or built. */

#define WINDOW_PROGRAM_ENV "BRIEFING_WINDOW_PROGRAM"
#define SERVICE_NAME "briefing-service"

/**
 * briefing_handover_wanted:
 *
 * Whether the window's program was started for the background only
 * (--background, --refresh, or D-Bus activation's --gapplication-service),
 * which the service does without loading a toolkit.
 */
gboolean
briefing_handover_wanted (int    argc,
                          char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--background") || g_str_equal (argv[i], "--refresh") ||
        g_str_equal (argv[i], "--gapplication-service"))
      return TRUE;

  return FALSE;
}

/**
 * briefing_handover_program:
 *
 * Returns: (transfer full): the path of @program: the service beside the
 *   window's program in a build tree, else where it is installed; the
 *   window's program as it named itself, else where it is installed
 */
char *
briefing_handover_program (BriefingProgram program)
{
  if (program == BRIEFING_PROGRAM_SERVICE)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
      g_autofree char *sibling = dir != NULL ? g_build_filename (dir, SERVICE_NAME, NULL) : NULL;

      if (sibling != NULL && g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
      return g_build_filename (LIBEXECDIR, SERVICE_NAME, NULL);
    }

  if (g_getenv (WINDOW_PROGRAM_ENV) != NULL)
    return g_strdup (g_getenv (WINDOW_PROGRAM_ENV));
  return g_build_filename (BINDIR, "briefing", NULL);
}

/**
 * briefing_handover_exec:
 * @bus: the session bus the app's name is owned on
 * @program: the program to become
 * @argv: its arguments, without the program name
 * @saved: (nullable): "NAME=value" for the next program's environment
 *
 * Gives up the app's bus name, so that @program owns it from its start,
 * and replaces this process with @program. Call with the application
 * finalized: its store is closed and its writes have landed. Returns only
 * if @program cannot be run.
 */
void
briefing_handover_exec (GDBusConnection    *bus,
                        BriefingProgram     program,
                        const char * const *argv,
                        const char         *saved)
{
  g_autofree char *path = briefing_handover_program (program);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* GApplication releases the name as it shuts down, without waiting;
   * asking again and waiting for the answer puts everything sent before
   * (the reply to the call that asked for a window, too) on the bus
   * before this process is gone. */
  if (bus != NULL)
    {
      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "ReleaseName", g_variant_new ("(s)", APP_ID),
                                           NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      if (reply == NULL)
        g_debug ("Releasing %s: %s", APP_ID, error->message);
    }

  env = g_environ_unsetenv (env, "BRIEFING_NOTIFIED");
  if (saved != NULL && strchr (saved, '=') != NULL)
    {
      g_autofree char *name = g_strndup (saved, strchr (saved, '=') - saved);

      env = g_environ_setenv (env, name, strchr (saved, '=') + 1, TRUE);
    }
  if (program == BRIEFING_PROGRAM_SERVICE)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

      if (self != NULL)
        env = g_environ_setenv (env, WINDOW_PROGRAM_ENV, self, TRUE);
    }

  g_ptr_array_add (args, path);
  for (guint i = 0; argv != NULL && argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  execve (path, (char **) args->pdata, env);
  g_printerr ("Cannot run %s: %s\n", path, g_strerror (errno));
}
