/* greader-serve.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "greader-test-server.h"

/* For bench-sync: the in-process Google Reader API server, as a program.
 *
 *   greader-serve FEEDS ITEMS
 *
 * subscribes user "reader" (password "reader-pass") to FEEDS feeds of
 * ITEMS articles each, written like bench-sync's own feeds (the same
 * paragraphs and figure), prints the address to type in one line, and
 * serves on 127.0.0.1 until its standard input closes. */

static const char body[] =
  "<p>The harbour authority said that repairs to pier %u would take six weeks, "
  "and that ferries to the islands would leave from the north quay meanwhile. "
  "Residents of Kingston and Port Royal asked the council for a shuttle bus.</p>"
  "<figure><img src=\"http://127.0.0.1/img/%u.jpg\" width=\"1200\" height=\"800\">"
  "<figcaption>The pier at low tide.</figcaption></figure><p>%s</p>";

int
main (int   argc,
      char *argv[])
{
  GreaderTestServer *server;
  guint feeds, items;
  g_autoptr(GString) filler = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char line[16];

  if (argc != 3)
    {
      fprintf (stderr, "usage: greader-serve FEEDS ITEMS\n");
      return EXIT_FAILURE;
    }
  feeds = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  items = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  for (guint i = 0; i < 8; i++)
    g_string_append (filler, "Details of the timetable follow. ");

  server = greader_test_server_new ();
  greader_test_server_add_user (server, "reader", "reader-pass", TRUE);

  for (guint f = 0; f < feeds; f++)
    {
      g_autofree char *title = g_strdup_printf ("Harbour Desk %u", f);
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1/f%u.xml", f);
      const char *feed_id = greader_test_server_add_feed (server, NULL, title, url, NULL);

      for (guint i = 0; i < items; i++)
        {
          g_autofree char *item_title = g_strdup_printf ("Harbour works, part %u of feed %u", i, f);
          g_autofree char *link = g_strdup_printf ("http://127.0.0.1/f%u/%u", f, i);
          g_autofree char *content = g_strdup_printf (body, i, i, filler->str);
          GreaderTestItem item = {
            .feed_id = feed_id, .title = item_title, .link = link, .content = content,
            .published = now - (gint64) i * 600 - f,
          };
          g_autofree char *id = greader_test_server_add_item (server, &item);
        }
    }

  printf ("%s\n", greader_test_server_get_url (server));
  fflush (stdout);

  while (fgets (line, sizeof line, stdin) != NULL)
    ;

  greader_test_server_free (server);

  return EXIT_SUCCESS;
}
