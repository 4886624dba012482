/* check-icons.c ICON...
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's icons load the way the desktop loads them: through
 * gdk-pixbuf, which finds an SVG by sniffing its first bytes (a long
 * comment before <svg> hides it: appstream-compose then refuses the app,
 * and the icon theme shows nothing).
 */

#include <gdk-pixbuf/gdk-pixbuf.h>

int
main (int   argc,
      char *argv[])
{
  int failed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (argv[i], &error);

      if (pixbuf == NULL)
        {
          g_print ("not ok %d - %s: %s\n", i, argv[i], error->message);
          failed = 1;
        }
      else
        g_print ("ok %d - %s (%dx%d)\n", i, argv[i], gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
    }
  g_print ("1..%d\n", argc - 1);

  return failed;
}
