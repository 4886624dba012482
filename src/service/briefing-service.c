/* briefing-service.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-service"

#include "config.h"

#include "briefing-service.h"

#include <glib/gi18n.h>

#include "briefing-app-core.h"
#include "briefing-background.h"
#include "briefing-search-provider.h"

/* The app in the background: the same application id, the same actions,
 * the same schedule and notifications, without a toolkit. Anything that
 * needs a window (activation, a notification's default action, the
 * desktop's Unread action, a feed to add) ends the service and hands the
 * request to the window's program, which takes over the process (see
 * briefing-handover.c). */

struct _BriefingService
{
  GApplication     parent_instance;

  BriefingAppCore *core;
  BriefingSearchProvider *search_provider; /* (nullable): exported while the app owns its name */
  GStrv            window_argv;    /* what the window's program is asked, once the service has ended */
  char            *saved;          /* handed to it in the environment */
  gboolean         held;           /* by the run-in-background setting */
  gboolean         start_hidden;   /* --background, --refresh: no window this once */
};

G_DEFINE_FINAL_TYPE (BriefingService, briefing_service, G_TYPE_APPLICATION)

BriefingService *
briefing_service_new (void)
{
  return g_object_new (BRIEFING_TYPE_SERVICE,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * briefing_service_steal_window_argv:
 *
 * Returns: (transfer full) (nullable): the arguments for the window's
 *   program, when the service ended to show a window
 */
GStrv
briefing_service_steal_window_argv (BriefingService *self)
{
  g_return_val_if_fail (BRIEFING_IS_SERVICE (self), NULL);

  return g_steal_pointer (&self->window_argv);
}

char *
briefing_service_steal_saved (BriefingService *self)
{
  g_return_val_if_fail (BRIEFING_IS_SERVICE (self), NULL);

  return g_steal_pointer (&self->saved);
}

/* Ends the service; main() then runs the window's program with @argv. */
static void
hand_to_window (BriefingService    *self,
                const char * const *argv)
{
  const char * const none[] = { NULL };

  if (self->window_argv != NULL)
    return;

  self->window_argv = g_strdupv ((char **) (argv != NULL ? argv : none));
  g_application_quit (G_APPLICATION (self));
}

static void
on_run_in_background_cb (BriefingService *self)
{
  gboolean enabled = briefing_app_core_get_run_in_background (self->core);
  GSettings *settings = briefing_app_core_get_settings (self->core);
  g_autofree char *status = NULL;
  guint minutes;

  if (enabled && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!enabled && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = enabled;

  if (!enabled)
    return;

  /* Where the desktop shows it (the portal's status, in a sandbox). */
  minutes = g_settings_get_uint (settings, "refresh-interval");
  status = g_strdup_printf (ngettext ("Checking for new briefings every %u minute",
                                      "Checking for new briefings every %u minutes", minutes), minutes);
  briefing_background_set_status (status);
}

static void
briefing_service_startup (GApplication *app)
{
  BriefingService *self = BRIEFING_SERVICE (app);

  G_APPLICATION_CLASS (briefing_service_parent_class)->startup (app);

  g_set_application_name (_("Briefing"));
  self->core = briefing_app_core_new (app);
  if (self->search_provider != NULL && briefing_app_core_get_session (self->core) != NULL)
    briefing_search_provider_set_session (self->search_provider, briefing_app_core_get_session (self->core));
  g_signal_connect_object (self->core, "notify::run-in-background", G_CALLBACK (on_run_in_background_cb), self,
                           G_CONNECT_SWAPPED);
  on_run_in_background_cb (self);
}

static void
briefing_service_activate (GApplication *app)
{
  BriefingService *self = BRIEFING_SERVICE (app);

  if (self->start_hidden)
    {
      self->start_hidden = FALSE;
      return;
    }

  hand_to_window (self, NULL);
}

static void
briefing_service_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (argv, g_file_get_uri (files[i]));
  g_ptr_array_add (argv, NULL);

  hand_to_window (BRIEFING_SERVICE (app), (const char * const *) argv->pdata);
}

static void
briefing_service_shutdown (GApplication *app)
{
  BriefingService *self = BRIEFING_SERVICE (app);

  if (self->core != NULL)
    self->saved = briefing_app_core_save_notified (self->core);

  /* Dropping the core waits for queued store writes to land. */
  g_clear_object (&self->core);

  G_APPLICATION_CLASS (briefing_service_parent_class)->shutdown (app);
}

static void
briefing_service_finalize (GObject *object)
{
  BriefingService *self = BRIEFING_SERVICE (object);

  g_clear_object (&self->core);
  g_clear_pointer (&self->window_argv, g_strfreev);
  g_clear_pointer (&self->saved, g_free);

  G_OBJECT_CLASS (briefing_service_parent_class)->finalize (object);
}

static void
show_briefing_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  g_autofree char *option = g_strdup_printf ("--show-briefing=%" G_GINT64_FORMAT, g_variant_get_int64 (parameter));
  const char * const argv[] = { option, NULL };

  hand_to_window (user_data, argv);
}

/* The Overview's "more results": the window with the search filled in. */
static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_autofree char *option = g_strconcat ("--search=", g_variant_get_string (parameter, NULL), NULL);
  const char * const argv[] = { option, NULL };

  hand_to_window (user_data, argv);
}

static void
unread_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  const char * const argv[] = { "--unread", NULL };

  hand_to_window (user_data, argv);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* --background and --refresh: handed to the running instance, or
 * starting the service without a window. */
/**
 * briefing_service_options:
 *
 * The options the service handles, which the window's program lists too
 * (it hands them over before it starts).
 */
const GOptionEntry *
briefing_service_options (void)
{
  static const GOptionEntry options[] = {
    { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check every source for new briefings now"), NULL },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start without a window, checking for new briefings"), NULL },
    { NULL }
  };

  return options;
}

static int
briefing_service_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  BriefingService *self = BRIEFING_SERVICE (app);
  gboolean refresh = g_variant_dict_contains (options, "refresh");
  gboolean background = g_variant_dict_contains (options, "background");
  g_autoptr(GError) error = NULL;

  if (!refresh && !background)
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      if (refresh)
        g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
      return 0;
    }

  self->start_hidden = TRUE;
  /* --background: running until Quit, as if the setting said so. */
  if (background)
    g_application_hold (app);
  if (refresh)
    g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);

  return -1;
}

/* The Overview's search provider, exported before the app owns its name,
 * so that a search that started the service finds it. */
static gboolean
briefing_service_dbus_register (GApplication     *app,
                                GDBusConnection  *connection,
                                const char       *object_path,
                                GError          **error)
{
  BriefingService *self = BRIEFING_SERVICE (app);

  if (!G_APPLICATION_CLASS (briefing_service_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  self->search_provider = briefing_search_provider_new (app, connection);

  return TRUE;
}

static void
briefing_service_dbus_unregister (GApplication    *app,
                                  GDBusConnection *connection,
                                  const char      *object_path)
{
  BriefingService *self = BRIEFING_SERVICE (app);

  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (briefing_service_parent_class)->dbus_unregister (app, connection, object_path);
}

static const GActionEntry service_actions[] = {
  { "show-briefing", show_briefing_action, "x" },
  { "search", search_action, "s" },
  { "unread", unread_action },
  { "quit", quit_action },
};

static void
briefing_service_class_init (BriefingServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = briefing_service_finalize;

  app_class->startup = briefing_service_startup;
  app_class->activate = briefing_service_activate;
  app_class->open = briefing_service_open;
  app_class->shutdown = briefing_service_shutdown;
  app_class->handle_local_options = briefing_service_handle_local_options;
  app_class->dbus_register = briefing_service_dbus_register;
  app_class->dbus_unregister = briefing_service_dbus_unregister;
}

static void
briefing_service_init (BriefingService *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), briefing_service_options ());
  g_action_map_add_action_entries (G_ACTION_MAP (self), service_actions, G_N_ELEMENTS (service_actions), self);
}
