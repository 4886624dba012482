/* briefing-application.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-application"

#include "config.h"

#include <glib/gi18n.h>

#include "briefing-application.h"
#include "briefing-session.h"
#include "briefing-store.h"
#include "briefing-ui-compat.h"
#include "briefing-window.h"

struct _BriefingApplication
{
  AdwApplication   parent_instance;

  BriefingSession *session;
  GError          *store_error;
};

G_DEFINE_FINAL_TYPE (BriefingApplication, briefing_application, ADW_TYPE_APPLICATION)

BriefingApplication *
briefing_application_new (void)
{
  return g_object_new (BRIEFING_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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

static void
briefing_application_startup (GApplication *app)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  g_autoptr(BriefingStore) store = NULL;

  G_APPLICATION_CLASS (briefing_application_parent_class)->startup (app);

  g_set_application_name (_("Briefing"));
  gtk_window_set_default_icon_name (APP_ID);

  /* Opening is quick (the schema exists after the first run); the window
   * shows a clear error page if it fails rather than no window at all. */
  store = briefing_store_open (NULL, &self->store_error);
  if (store != NULL)
    self->session = briefing_session_new (store);
  else
    g_warning ("Cannot open the store: %s", self->store_error->message);
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

  /* Dropping the session waits for queued store writes to land. */
  g_clear_object (&self->session);

  G_APPLICATION_CLASS (briefing_application_parent_class)->shutdown (app);
}

static void
briefing_application_finalize (GObject *object)
{
  BriefingApplication *self = BRIEFING_APPLICATION (object);

  g_clear_object (&self->session);
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

static const GActionEntry app_actions[] = {
  { "quit", briefing_application_quit_action },
  { "about", briefing_application_about_action },
};

static void
briefing_application_class_init (BriefingApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = briefing_application_finalize;

  app_class->startup = briefing_application_startup;
  app_class->activate = briefing_application_activate;
  app_class->shutdown = briefing_application_shutdown;
}

static void
briefing_application_init (BriefingApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}
