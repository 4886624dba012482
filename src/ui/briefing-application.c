/* briefing-application.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-application"

#include "config.h"

#include "briefing-application.h"

#include <glib/gi18n.h>

#include "briefing-app-core.h"
#include "briefing-image-loader.h"
#include "briefing-preferences-window.h"
#include "briefing-search-provider.h"
#include "briefing-service.h"
#include "briefing-session.h"
#include "briefing-timings.h"
#include "briefing-ui-compat.h"
#include "briefing-window.h"

struct _BriefingApplication
{
  AdwApplication   parent_instance;

  BriefingAppCore     *core;
  BriefingImageLoader *image_loader;
  BriefingSearchProvider *search_provider; /* (nullable): exported while the app owns its name */

  gboolean             quitting;        /* Quit asked: the last window closing ends the app */
  gboolean             to_background;   /* the last window closed: the service takes over */
  char                *saved;           /* handed to the service */
};

G_DEFINE_FINAL_TYPE (BriefingApplication, briefing_application, ADW_TYPE_APPLICATION)

BriefingApplication *
briefing_application_new (void)
{
  return g_object_new (BRIEFING_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * briefing_application_get_session:
 *
 * Returns: (transfer none) (nullable): the session, or %NULL when the
 *   store could not be opened
 */
BriefingSession *
briefing_application_get_session (BriefingApplication *self)
{
  g_return_val_if_fail (BRIEFING_IS_APPLICATION (self), NULL);

  return self->core != NULL ? briefing_app_core_get_session (self->core) : NULL;
}

/**
 * briefing_application_get_image_loader:
 *
 * Returns: (transfer none) (nullable): the loader of the window's images,
 *   or %NULL when the store could not be opened
 */
BriefingImageLoader *
briefing_application_get_image_loader (BriefingApplication *self)
{
  g_return_val_if_fail (BRIEFING_IS_APPLICATION (self), NULL);

  return self->image_loader;
}

/**
 * briefing_application_continues_in_background:
 *
 * Whether the app ended because its last window closed with "Run in
 * background" on: main() then hands the process to the service.
 */
gboolean
briefing_application_continues_in_background (BriefingApplication *self)
{
  g_return_val_if_fail (BRIEFING_IS_APPLICATION (self), FALSE);

  return self->to_background;
}

/**
 * briefing_application_steal_saved:
 *
 * Returns: (transfer full) (nullable): what the app hands to the program
 *   that takes over (see briefing_app_core_save_notified())
 */
char *
briefing_application_steal_saved (BriefingApplication *self)
{
  g_return_val_if_fail (BRIEFING_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->saved);
}

/* The last window closed: with "Run in background" on, the app ends
 * and the service, which holds only the core, goes on in this process. */
static void
on_window_removed_cb (BriefingApplication *self,
                      GtkWindow           *window,
                      GtkApplication      *app)
{
  g_assert (BRIEFING_IS_APPLICATION (self));

  if (self->quitting || gtk_application_get_windows (app) != NULL || self->core == NULL ||
      briefing_app_core_get_session (self->core) == NULL)
    return;

  self->to_background = briefing_app_core_get_run_in_background (self->core);
}

/* Nothing is announced while the reader looks at the window. */
static gboolean
reader_attends (gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  return window != NULL && gtk_window_is_active (window);
}

static void
briefing_application_startup (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  BriefingSession *session;

  G_APPLICATION_CLASS (briefing_application_parent_class)->startup (app);

  briefing_timings_start ();
  briefing_avoid_software_gl ();
  g_set_application_name (_("Briefing"));
  gtk_window_set_default_icon_name (APP_ID);

  self->core = briefing_app_core_new (app);
  briefing_app_core_set_attention_func (self->core, reader_attends, self);
  g_signal_connect_object (self, "window-removed", G_CALLBACK (on_window_removed_cb), self, G_CONNECT_SWAPPED);

  session = briefing_app_core_get_session (self->core);
  if (session == NULL)
    return;

  if (self->search_provider != NULL)
    briefing_search_provider_set_session (self->search_provider, session);

  self->image_loader = briefing_image_loader_new (briefing_session_get_image_cache (session));
  g_settings_bind (briefing_app_core_get_settings (self->core), "load-remote-images", self->image_loader,
                   "load-remote-images", G_SETTINGS_BIND_GET);
}

static BriefingWindow *activated_window (BriefingApplication *self);

/* feed: links, feed files and subscription lists handed over by the
 * desktop (the file manager, the browser) open Add Source or the import
 * in the window (briefing-window-open.c); nothing is subscribed without
 * the reader's say. */
static void
briefing_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  BriefingWindow *window = activated_window (BRIEFING_APPLICATION (app));

  for (int i = 0; i < n_files && window != NULL; i++)
    briefing_window_open_file (window, files[i]);
}

static void
briefing_application_activate (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (briefing_window_new (self, briefing_app_core_get_error (self->core)));

  gtk_window_present (window);
}

static void
briefing_application_shutdown (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);

  if (self->to_background && self->core != NULL)
    self->saved = briefing_app_core_save_notified (self->core);

  /* Dropping the core waits for queued store writes to land. */
  g_clear_object (&self->image_loader);
  g_clear_object (&self->core);

  G_APPLICATION_CLASS (briefing_application_parent_class)->shutdown (app);
}

static void
briefing_application_finalize (GObject *object)
{
  BriefingApplication *self = BRIEFING_APPLICATION (object);

  g_clear_object (&self->image_loader);
  g_clear_object (&self->core);
  g_clear_pointer (&self->saved, g_free);

  G_OBJECT_CLASS (briefing_application_parent_class)->finalize (object);
}

static void
briefing_application_about_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  static const char *developers[] = { "Briefing developers", NULL };
  BriefingApplication *self = user_data;

  briefing_show_about (gtk_application_get_active_window (GTK_APPLICATION (self)),
                       _("Briefing"), APP_ID, PACKAGE_VERSION, PACKAGE_URL, developers);
}

/* Quit really quits, whatever the background setting. */
static void
briefing_application_quit_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  BriefingApplication *self = user_data;

  self->quitting = TRUE;
  self->to_background = FALSE;
  g_application_quit (G_APPLICATION (self));
}

static void
briefing_application_preferences_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  BriefingApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (briefing_preferences_window_new (parent)));
}

/* The window, shown (and made if there was none). */
static BriefingWindow *
activated_window (BriefingApplication *self)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return BRIEFING_IS_WINDOW (window) ? BRIEFING_WINDOW (window) : NULL;
}

static void
briefing_application_show_briefing_action (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data)
{
  BriefingWindow *window = activated_window (user_data);

  if (window != NULL)
    briefing_window_open_entry (window, g_variant_get_int64 (parameter));
}

static void
briefing_application_search_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BriefingWindow *window = activated_window (user_data);

  if (window != NULL)
    briefing_window_search (window, g_variant_get_string (parameter, NULL));
}

static void
briefing_application_unread_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BriefingWindow *window = activated_window (user_data);

  if (window != NULL)
    briefing_window_show_unread (window);
}

/* --unread, and --show-briefing and --search from the service handing a
 * notification or the Overview's search over: actions, of the running
 * instance or of this one. (--refresh and --background never get here:
 * main() hands them to the service.) */
static int
briefing_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  gboolean unread = g_variant_dict_contains (options, "unread");
  gint64 entry_id = 0;
  g_autofree char *search = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_lookup (options, "show-briefing", "x", &entry_id);
  g_variant_dict_lookup (options, "search", "s", &search);
  if (!unread && entry_id <= 0 && search == NULL)
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (entry_id > 0)
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-briefing", g_variant_new_int64 (entry_id));
  else if (search != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "search", g_variant_new_string (search));
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), "unread", NULL);

  return g_application_get_is_remote (app) ? 0 : -1;
}

/* The Overview's search provider, exported before the app owns its name
 * (see briefing_search_provider_new()). */
static gboolean
briefing_application_dbus_register (GApplication     *app,
                                    GDBusConnection  *connection,
                                    const char       *object_path,
                                    GError          **error)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);

  if (!G_APPLICATION_CLASS (briefing_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  self->search_provider = briefing_search_provider_new (app, connection);

  return TRUE;
}

static void
briefing_application_dbus_unregister (GApplication    *app,
                                      GDBusConnection *connection,
                                      const char      *object_path)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);

  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (briefing_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static const GActionEntry app_actions[] = {
  { "unread", briefing_application_unread_action },
  { "show-briefing", briefing_application_show_briefing_action, "x" },
  { "search", briefing_application_search_action, "s" },
  { "quit", briefing_application_quit_action },
  { "about", briefing_application_about_action },
  { "preferences", briefing_application_preferences_action },
};

static void
briefing_application_class_init (BriefingApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = briefing_application_finalize;

  app_class->startup = briefing_application_startup;
  app_class->activate = briefing_application_activate;
  app_class->open = briefing_application_open;
  app_class->shutdown = briefing_application_shutdown;
  app_class->handle_local_options = briefing_application_handle_local_options;
  app_class->dbus_register = briefing_application_dbus_register;
  app_class->dbus_unregister = briefing_application_dbus_unregister;
}

static void
briefing_application_init (BriefingApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *preferences_accels[] = { "<primary>comma", NULL };

  static const GOptionEntry options[] = {
    { "unread", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the unread briefings"), NULL },
    { "show-briefing", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, NULL, NULL, NULL },
    { "search", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), briefing_service_options ());
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}
