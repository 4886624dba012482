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
#include "briefing-background.h"
#include "briefing-image-loader.h"
#include "briefing-entry.h"
#include "briefing-html-sanitizer.h"
#include "briefing-image-cache.h"
#include "briefing-url.h"
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

  gboolean             held;            /* running in the background */
  gboolean             start_hidden;    /* --background, or --refresh starting the app */
  gboolean             background_known; /* the setting has been applied once */

  gint64               round_started;   /* Unix time the refresh round began */
  GArray              *notified;        /* entry ids the notification names */
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

/* Running in the background: a hold keeps the app (and its schedule)
 * going with no window; the autostart entry, or the portal, starts it at
 * login. Quit in the main menu ends it whatever the setting. */
static void
apply_background (BriefingApplication *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "run-in-background");

  g_assert (BRIEFING_IS_APPLICATION (self));

  if (enabled && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!enabled && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = enabled;

  /* At startup, only what needs doing: the sandbox's portal is asked
   * when the reader turns it on or off, not at every launch. */
  if (self->background_known || enabled || !briefing_background_is_sandboxed ())
    briefing_background_request (enabled);
  self->background_known = TRUE;
}

/* The last window closed with the app in the background: say so where
 * the desktop shows it (the portal's status, in a sandbox). */
static void
on_window_removed_cb (BriefingApplication *self,
                      GtkWindow           *window,
                      GtkApplication      *app)
{
  g_autofree char *status = NULL;
  guint minutes;

  g_assert (BRIEFING_IS_APPLICATION (self));

  if (!self->held || gtk_application_get_windows (app) != NULL || self->settings == NULL)
    return;

  minutes = g_settings_get_uint (self->settings, "refresh-interval");
  status = g_strdup_printf (ngettext ("Checking for new briefings every %u minute",
                                      "Checking for new briefings every %u minutes", minutes), minutes);
  briefing_background_set_status (status);
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

  if (g_str_equal (key, "run-in-background"))
    apply_background (self);
  else if (g_str_equal (key, "refresh-interval"))
    briefing_session_set_refresh_interval (self->session, g_settings_get_uint (settings, key));
  else if (g_str_equal (key, "retention-days") || g_str_equal (key, "retention-per-source"))
    briefing_session_set_retention (self->session, g_settings_get_uint (settings, "retention-days"),
                                    g_settings_get_uint (settings, "retention-per-source"));
}

/* Notifications ------------------------------------------------------------ */

/* One notification at a time, replaced by the next round's. */
#define NOTIFICATION_ID "new-briefings"
/* Stories named in a notification of several briefings. */
#define NOTIFIED_STORIES 3
#define SUMMARY_CHARS 200

static void
remember_notified (BriefingApplication *self,
                   GPtrArray           *entries)
{
  g_array_set_size (self->notified, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      gint64 id = briefing_entry_get_id (g_ptr_array_index (entries, i));

      g_array_append_val (self->notified, id);
    }
}

static char *
short_summary (BriefingEntry *entry)
{
  g_autofree char *text = briefing_entry_get_summary (entry) != NULL ?
                          briefing_html_to_text (briefing_entry_get_summary (entry)) : NULL;
  const char *end;

  if (text == NULL)
    return NULL;

  g_strstrip (text);
  if (g_utf8_strlen (text, -1) <= SUMMARY_CHARS)
    return g_steal_pointer (&text);

  /* Cut at a word, with an ellipsis. */
  end = g_utf8_offset_to_pointer (text, SUMMARY_CHARS);
  while (end > text && !g_ascii_isspace (*end))
    end--;
  if (end == text)
    end = g_utf8_offset_to_pointer (text, SUMMARY_CHARS);

  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* One new briefing: its headline, source and summary, its photo if
 * cached, and what can be done with it without opening the window. */
static void
single_arrival_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BriefingApplication) self = user_data;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  const BriefingImage *image;
  gint64 id;

  entry = briefing_store_get_entry_finish (BRIEFING_STORE (object), result, NULL);
  if (entry == NULL || self->session == NULL)
    return;

  id = briefing_entry_get_id (entry);
  summary = short_summary (entry);
  body = summary != NULL && *summary != '\0'
         ? g_strdup_printf ("%s — %s", briefing_entry_get_source_title (entry), summary)
         : g_strdup (briefing_entry_get_source_title (entry));

  notification = g_notification_new (briefing_entry_get_title (entry));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-briefing", "x", id);
  g_notification_add_button_with_target (notification, _("Mark as Read"), "app.mark-read", "x", id);
  if (briefing_entry_get_link (entry) != NULL)
    g_notification_add_button_with_target (notification, _("Open Original"), "app.open-original", "x", id);

  image = briefing_entry_get_image (entry);
  if (image != NULL && image->url != NULL)
    {
      g_autoptr(GFile) cached = briefing_image_cache_lookup (briefing_session_get_image_cache (self->session),
                                                            image->url);

      if (cached != NULL)
        {
          g_autoptr(GIcon) icon = g_file_icon_new (cached);

          g_notification_set_icon (notification, icon);
        }
    }

  g_array_set_size (self->notified, 0);
  g_array_append_val (self->notified, id);
  g_application_send_notification (G_APPLICATION (self), NOTIFICATION_ID, notification);
}

/* Several: how many, and the top stories, each once however many
 * sources brought it. */
static void
arrivals_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BriefingApplication) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GHashTable) stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *title = NULL;
  guint total = 0;

  entries = briefing_store_list_arrivals_finish (BRIEFING_STORE (object), result, &total, NULL);
  if (entries == NULL || entries->len == 0 || self->session == NULL)
    return;

  if (total == 1)
    {
      briefing_store_get_entry_async (BRIEFING_STORE (object), briefing_entry_get_id (g_ptr_array_index (entries, 0)),
                                      NULL, single_arrival_cb, g_object_ref (self));
      return;
    }

  for (guint i = 0; i < entries->len && shown->len < NOTIFIED_STORIES; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      gint64 story = briefing_entry_get_story_id (entry);

      if (story != 0 && g_hash_table_contains (stories, &story))
        continue;
      if (story != 0)
        g_hash_table_add (stories, g_memdup2 (&story, sizeof story));
      g_ptr_array_add (shown, entry);
    }

  for (guint i = 0; i < shown->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (shown, i);
      guint sources = briefing_entry_get_story_sources (entry);

      if (i > 0)
        g_string_append_c (body, '\n');
      if (sources > 1)
        /* Translators: a headline, its source, and how many other sources cover the story */
        g_string_append_printf (body, ngettext ("%s — %s and %u other source", "%s — %s and %u other sources",
                                                sources - 1),
                                briefing_entry_get_title (entry), briefing_entry_get_source_title (entry),
                                sources - 1);
      else
        g_string_append_printf (body, "%s — %s", briefing_entry_get_title (entry),
                                briefing_entry_get_source_title (entry));
    }

  title = g_strdup_printf (ngettext ("%u new briefing", "%u new briefings", total), total);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-briefing", "x",
                                                briefing_entry_get_id (g_ptr_array_index (shown, 0)));

  remember_notified (self, shown);
  g_application_send_notification (G_APPLICATION (self), NOTIFICATION_ID, notification);
}

static void
on_session_refreshing_cb (BriefingApplication *self,
                          GParamSpec          *pspec,
                          BriefingSession     *session)
{
  g_assert (BRIEFING_IS_APPLICATION (self));

  if (briefing_session_get_refreshing (session) && self->round_started == 0)
    self->round_started = g_get_real_time () / G_USEC_PER_SEC;
}

/* New briefings are announced when the reader is not looking at the
 * window (closed, or behind another): at most one notification a round,
 * naming what arrived in it. */
static void
on_refresh_finished_cb (BriefingApplication *self,
                        GPtrArray           *results,
                        gboolean             scheduled,
                        BriefingSession     *session)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  gint64 since = self->round_started;
  guint added = 0;

  g_assert (BRIEFING_IS_APPLICATION (self));

  self->round_started = 0;

  /* A round parses and stores many feeds; what it freed goes back. A
   * tick with nothing due did nothing to give back: no second wake-up. */
  if (results->len > 0)
    briefing_memory_trim_soon ();

  for (guint i = 0; i < results->len; i++)
    added += ((BriefingRefreshResult *) g_ptr_array_index (results, i))->added;

  if (added == 0 || since == 0 || !g_settings_get_boolean (self->settings, "notifications") ||
      (window != NULL && gtk_window_is_active (window)))
    return;

  briefing_store_list_arrivals_async (briefing_session_get_store (session), since, 12, NULL, arrivals_cb,
                                      g_object_ref (self));
}

/* Reading a briefing the notification names, anywhere, withdraws it. */
static void
on_store_entry_changed_cb (BriefingApplication *self,
                           GArray              *entry_ids,
                           BriefingEntryField   field,
                           gboolean             value,
                           BriefingStore       *store)
{
  g_assert (BRIEFING_IS_APPLICATION (self));

  if (field != BRIEFING_ENTRY_FIELD_READ || !value || self->notified->len == 0)
    return;

  for (guint i = 0; i < entry_ids->len; i++)
    for (guint j = 0; j < self->notified->len; j++)
      if (g_array_index (entry_ids, gint64, i) == g_array_index (self->notified, gint64, j))
        {
          g_array_set_size (self->notified, 0);
          g_application_withdraw_notification (G_APPLICATION (self), NOTIFICATION_ID);
          return;
        }
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
  static const char * const keys[] = { "refresh-interval", "retention-days", "run-in-background" };
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
  g_signal_connect_object (self->session, "notify::refreshing", G_CALLBACK (on_session_refreshing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "window-removed", G_CALLBACK (on_window_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "entry-changed", G_CALLBACK (on_store_entry_changed_cb), self,
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

  /* Started for the background (--background, --refresh): no window, this
   * once; the next activation (the launcher, a notification) shows it. */
  if (self->start_hidden)
    {
      self->start_hidden = FALSE;
      return;
    }

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
  g_clear_pointer (&self->notified, g_array_unref);

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

/* From a notification's button: no window needed. */
static void
briefing_application_mark_read_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BriefingApplication *self = user_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (ids, id);
  if (self->session != NULL)
    briefing_store_set_read_async (briefing_session_get_store (self->session), ids, TRUE, NULL, NULL, NULL);
}

static void
original_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BriefingApplication) self = user_data;
  g_autoptr(BriefingEntry) entry = briefing_store_get_entry_finish (BRIEFING_STORE (object), result, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  if (entry == NULL || briefing_entry_get_link (entry) == NULL)
    return;

  /* The one allowlist for addresses from the network, as for any link. */
  link = briefing_url_for_link (briefing_entry_get_link (entry));
  if (link == NULL)
    {
      g_warning ("Not opening %s: not a web address", briefing_entry_get_link (entry));
      return;
    }
  if (!g_app_info_launch_default_for_uri (link, NULL, &error))
    g_warning ("Cannot open %s: %s", link, error->message);
}

static void
briefing_application_open_original_action (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data)
{
  BriefingApplication *self = user_data;

  if (self->session != NULL)
    briefing_store_get_entry_async (briefing_session_get_store (self->session), g_variant_get_int64 (parameter),
                                    NULL, original_cb, g_object_ref (self));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BriefingApplication) self = user_data;
  g_autoptr(GPtrArray) results = briefing_session_refresh_finish (BRIEFING_SESSION (object), result, NULL);

  /* Held while it ran: a refresh started from the desktop ends the app
   * after, unless something else keeps it (a window, the background). */
  g_application_release (G_APPLICATION (self));
}

static void
briefing_application_refresh_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BriefingApplication *self = user_data;

  if (self->session == NULL)
    return;

  g_application_hold (G_APPLICATION (self));
  briefing_session_refresh_async (self->session, 0, FALSE, NULL, refreshed_cb, g_object_ref (self));
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

/* --refresh and --background, on the command line or from the desktop's
 * actions: handed to the running instance, or starting one without a
 * window. */
static int
briefing_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  BriefingApplication *self = BRIEFING_APPLICATION (app);
  gboolean refresh = g_variant_dict_contains (options, "refresh");
  gboolean background = g_variant_dict_contains (options, "background");
  gboolean unread = g_variant_dict_contains (options, "unread");
  g_autoptr(GError) error = NULL;

  if (!refresh && !background && !unread)
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (unread)
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "unread", NULL);
      return g_application_get_is_remote (app) ? 0 : -1;
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

static const GActionEntry app_actions[] = {
  { "refresh", briefing_application_refresh_action },
  { "unread", briefing_application_unread_action },
  { "show-briefing", briefing_application_show_briefing_action, "x" },
  { "mark-read", briefing_application_mark_read_action, "x" },
  { "open-original", briefing_application_open_original_action, "x" },
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
}

static void
briefing_application_init (BriefingApplication *self)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *preferences_accels[] = { "<primary>comma", NULL };

  static const GOptionEntry options[] = {
    { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check every source for new briefings now"), NULL },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start without a window, checking for new briefings"), NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the unread briefings"), NULL },
    { NULL }
  };

  self->notified = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}
