/* briefing-background.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-background"

#include "config.h"

#include "briefing-background.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

/* Running with the window closed, and from login. Unsandboxed, an XDG
 * autostart entry starts the service; in a sandbox the Background portal
 * asks the reader and writes the entry itself, and shows what the app is
 * doing meanwhile. The portal's D-Bus API directly: it is two calls. */

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"

gboolean
briefing_background_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * briefing_background_autostart_path:
 *
 * Returns: (transfer full): where the autostart entry goes, outside a
 *   sandbox
 */
char *
briefing_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* An Exec argument as the Desktop Entry specification quotes it: in
 * double quotes, with ", `, $ and \ escaped, when it has anything but
 * plain characters. */
static char *
exec_quote (const char *arg)
{
  GString *quoted;

  if (strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") == NULL)
    return g_strdup (arg);

  quoted = g_string_new ("\"");
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

static void
set_autostart (gboolean enabled)
{
  g_autofree char *path = briefing_background_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exec = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", path, g_strerror (errno));
      return;
    }

  /* This very program, wherever it is installed (or built). */
  exec = exec_quote (self != NULL ? self : "briefing");
  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Exec=%s --gapplication-service\n"
                              "Icon=%s\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Briefing"), _("Checks for new briefings in the background"), exec, APP_ID);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    g_warning ("Cannot write %s: %s", path, error != NULL ? error->message : g_strerror (errno));
}

static void
portal_called_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    g_debug ("Background portal: %s", error->message);
}

static void
call_portal (const char *method,
             GVariant   *parameters)
{
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());

  if (bus == NULL)
    {
      g_variant_unref (g_variant_ref_sink (parameters));
      return;
    }

  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND, method, parameters,
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, portal_called_cb, NULL);
}

/**
 * briefing_background_request:
 * @enabled: whether the reader wants the app to run in the background
 *
 * Outside a sandbox, writes or removes the autostart entry; inside, asks
 * the Background portal (which asks the reader) for both.
 */
void
briefing_background_request (gboolean enabled)
{
  GVariantBuilder options;
  const char * const commandline[] = { "briefing", "--gapplication-service", NULL };

  if (!briefing_background_is_sandboxed ())
    {
      set_autostart (enabled);
      return;
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("To check for new briefings and notify you about them")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  call_portal ("RequestBackground", g_variant_new ("(sa{sv})", "", &options));
}

/**
 * briefing_background_set_status:
 * @message: what the app does while no window shows it
 *
 * Where the portal shows it (in a sandbox, and a portal that has
 * SetStatus); nothing otherwise.
 */
void
briefing_background_set_status (const char *message)
{
  GVariantBuilder options;

  if (!briefing_background_is_sandboxed ())
    return;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "message", g_variant_new_string (message));
  call_portal ("SetStatus", g_variant_new ("(a{sv})", &options));
}
