/* briefing-application.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-application"

#include "config.h"

#include "briefing-application.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "briefing-add-source-dialog.h"
#include "briefing-image-loader.h"
#include "briefing-entry.h"
#include "briefing-memory.h"
#include "briefing-preferences-window.h"
#include "briefing-refresh.h"
#include "briefing-session.h"
#include "briefing-store-tasks.h"
#include "briefing-timings.h"
#include "briefing-ui-compat.h"
#include "briefing-window.h"

struct _BriefingApplication
{
  AdwApplication   parent_instance;

  BriefingSession     *session;
  BriefingImageLoader *image_loader;
  GSettings           *settings;
  GError              *store_error;
  guint                sigterm_id;
  guint                sigint_id;
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

  return self->session;
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

/* The reader's settings drive the session: how often to refresh and how
 * much to keep. */
static void
on_settings_changed_cb (BriefingApplication *self,
                        const char          *key,
                        GSettings           *settings)
{
  g_assert (BRIEFING_IS_APPLICATION (self));

  if (self->session == NULL)
    return;

  if (g_str_equal (key, "refresh-interval"))
    briefing_session_set_refresh_interval (self->session, g_settings_get_uint (settings, key));
  else if (g_str_equal (key, "retention-days") || g_str_equal (key, "retention-per-source"))
    briefing_session_set_retention (self->session, g_settings_get_uint (settings, "retention-days"),
                                    g_settings_get_uint (settings, "retention-per-source"));
}

/* Notifications ------------------------------------------------------------ */

#define NOTIFIED_TITLES 3

static void
new_entries_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BriefingApplication) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint added = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "briefing-added"));

  entries = briefing_store_list_entries_finish (BRIEFING_STORE (object), result, NULL);
  if (entries == NULL || entries->len == 0)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (body, "%s%s: %s", i > 0 ? "\n" : "", briefing_entry_get_source_title (entry),
                              briefing_entry_get_title (entry));
    }
  if (added > entries->len)
    g_string_append_printf (body, "\n%s", _("…and more"));

  title = g_strdup_printf (ngettext ("%u new briefing", "%u new briefings", added), added);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-briefing", "x",
                                                briefing_entry_get_id (g_ptr_array_index (entries, 0)));

  /* One notification, replaced as more arrive, rather than a pile. */
  g_application_send_notification (G_APPLICATION (self), "new-briefings", notification);
}

/* New briefings are announced when the reader is not looking at the
 * window; one they are reading already shows them. */
static void
on_refresh_finished_cb (BriefingApplication *self,
                        GPtrArray           *results,
                        gboolean             scheduled,
                        BriefingSession     *session)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  BriefingQuery query = { 0, };
  guint added = 0;

  g_assert (BRIEFING_IS_APPLICATION (self));

  /* A round parses and stores many feeds; what it freed goes back. */
  briefing_memory_trim_soon ();

  for (guint i = 0; i < results->len; i++)
    added += ((BriefingRefreshResult *) g_ptr_array_index (results, i))->added;

  if (added == 0 || !g_settings_get_boolean (self->settings, "notifications") ||
      (window != NULL && gtk_window_is_active (window)))
    return;

  g_object_set_data (G_OBJECT (self), "briefing-added", GUINT_TO_POINTER (added));
  query.unread_only = TRUE;
  query.limit = MIN (added, NOTIFIED_TITLES);
  briefing_store_list_entries_async (briefing_session_get_store (session), &query, NULL, new_entries_cb,
                                     g_object_ref (self));
}

/* Logging out, a service manager or a test asks with SIGTERM: quit as
 * Ctrl+Q does, so that queued store writes land. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
briefing_application_startup (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  static const char * const keys[] = { "refresh-interval", "retention-days" };
  g_autoptr(BriefingStore) store = NULL;

  G_APPLICATION_CLASS (briefing_application_parent_class)->startup (app);

  briefing_timings_start ();
  briefing_avoid_software_gl ();
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  g_set_application_name (_("Briefing"));
  gtk_window_set_default_icon_name (APP_ID);

  /* Opening is quick (the schema exists after the first run); the window
   * shows a clear error page if it fails rather than no window at all. */
  store = briefing_store_open (NULL, &self->store_error);
  if (store == NULL)
    {
      g_warning ("Cannot open the store: %s", self->store_error->message);
      return;
    }

  self->session = briefing_session_new (store);
  self->image_loader = briefing_image_loader_new (briefing_session_get_image_cache (self->session));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "load-remote-images", self->image_loader, "load-remote-images",
                   G_SETTINGS_BIND_GET);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    on_settings_changed_cb (self, keys[i], self->settings);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "refresh-finished", G_CALLBACK (on_refresh_finished_cb), self,
                           G_CONNECT_SWAPPED);
  briefing_session_start_scheduler (self->session);
}

/* feed: links and feed files handed over by the desktop open the Add
 * Source dialog with the address filled in; nothing is subscribed
 * without the reader's say. */
static void
briefing_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  for (int i = 0; i < n_files && self->session != NULL; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      BriefingAddSourceDialog *dialog = briefing_add_source_dialog_new (window, self->session);

      briefing_add_source_dialog_set_url (dialog, uri);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
briefing_application_activate (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (briefing_window_new (self, self->store_error));

  gtk_window_present (window);
}

static void
briefing_application_shutdown (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);

  /* Dropping the session waits for queued store writes to land. */
  g_clear_object (&self->image_loader);
  g_clear_object (&self->session);

  G_APPLICATION_CLASS (briefing_application_parent_class)->shutdown (app);
}

static void
briefing_application_finalize (GObject *object)
{
  BriefingApplication *self = BRIEFING_APPLICATION (object);

  g_clear_object (&self->image_loader);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);

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

static void
briefing_application_quit_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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

static void
briefing_application_show_briefing_action (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data)
{
  BriefingApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (BRIEFING_IS_WINDOW (window))
    briefing_window_open_entry (BRIEFING_WINDOW (window), g_variant_get_int64 (parameter));
}

static const GActionEntry app_actions[] = {
  { "show-briefing", briefing_application_show_briefing_action, "x" },
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
}

static void
briefing_application_init (BriefingApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *preferences_accels[] = { "<primary>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}
