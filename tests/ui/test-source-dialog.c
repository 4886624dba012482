/* test-source-dialog.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-source-dialog.h"
#include "briefing-store.h"

/* A source's properties, in-process: its Notify switch shows whether the
 * source is muted, and turning it off mutes the source in the store, so
 * that its new briefings go unannounced. */

static gboolean have_display;

static GtkSwitch *
find_switch (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSwitch *found;

      if (GTK_IS_SWITCH (child))
        return GTK_SWITCH (child);
      if ((found = find_switch (child)) != NULL)
        return found;
    }

  return NULL;
}

/* The dialog as drawn, to BRIEFING_SCREENSHOT_DIR, for a person to look at. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("BRIEFING_SCREENSHOT_DIR");
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("screenshot: %s", path);
}

static gboolean
is_muted (BriefingStore *store,
          gint64         source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BriefingSource) source = briefing_store_get_source (store, source_id, &error);

  g_assert_no_error (error);

  return briefing_source_get_muted (source);
}

static void
test_notify_switch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(BriefingSession) session = NULL;
  g_autoptr(BriefingSource) source = NULL;
  BriefingSourceDialog *dialog;
  GtkSwitch *toggle;
  gint64 source_id;
  gint64 deadline;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = g_dir_make_tmp ("briefing-source-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "briefing.db", NULL);
  store = briefing_store_open (path, &error);
  g_assert_no_error (error);
  source_id = briefing_store_add_source (store, "https://news.example/feed", "Harbour Gazette", NULL, &error);
  g_assert_no_error (error);
  session = briefing_session_new (store);
  source = briefing_store_get_source (store, source_id, &error);
  g_assert_no_error (error);

  dialog = briefing_source_dialog_new (NULL, session, source);
  gtk_window_present (GTK_WINDOW (dialog));
  toggle = find_switch (GTK_WIDGET (dialog));
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (toggle));
  save_screenshot (GTK_WIDGET (dialog), "source-dialog.png");

  /* Off: muted in the store. */
  gtk_switch_set_active (toggle, FALSE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!is_muted (store, source_id) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (is_muted (store, source_id));

  /* On again. */
  gtk_switch_set_active (toggle, TRUE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (is_muted (store, source_id) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (is_muted (store, source_id));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A muted source's dialog opens with the switch off. */
  briefing_store_set_source_muted (store, source_id, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&source);
  source = briefing_store_get_source (store, source_id, &error);
  dialog = briefing_source_dialog_new (NULL, session, source);
  toggle = find_switch (GTK_WIDGET (dialog));
  g_assert_false (gtk_switch_get_active (toggle));
  gtk_window_destroy (GTK_WINDOW (dialog));

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&session);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/source-dialog/notify-switch", test_notify_switch);

  return g_test_run ();
}
