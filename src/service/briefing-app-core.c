/* briefing-app-core.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-app-core"

#include "config.h"

#include "briefing-app-core.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>

#include "briefing-background.h"
#include "briefing-entry.h"
#include "briefing-html-sanitizer.h"
#include "briefing-image-cache.h"
#include "briefing-memory.h"
#include "briefing-refresh.h"
#include "briefing-session.h"
#include "briefing-store-tasks.h"
#include "briefing-url.h"

/* What the app does with no display: the session and its schedule, the
 * reader's settings, the notifications of new briefings and the actions
 * they name. The window's app and the background service each have one,
 * so that both announce, mark and open alike. */

/* Handed from one program to the next: the entries the notification on
 * screen names, so that reading one in the next still withdraws it. */
#define NOTIFIED_ENV "BRIEFING_NOTIFIED"

/* One notification at a time, replaced by the next round's. */
#define NOTIFICATION_ID "new-briefings"
/* Stories named in a notification of several briefings. */
#define NOTIFIED_STORIES 3
#define SUMMARY_CHARS 200

struct _BriefingAppCore
{
  GObject                parent_instance;

  GApplication          *app;             /* (unowned): the app owns its core */
  BriefingSession       *session;
  GSettings             *settings;
  GError                *store_error;
  guint                  sigterm_id;
  guint                  sigint_id;

  BriefingAttentionFunc  attention;
  gpointer               attention_data;

  gboolean               background;      /* the run-in-background setting */
  gboolean               background_known; /* the setting has been applied once */

  gint64                 round_started;   /* Unix time the refresh round began */
  GArray                *notified;        /* entry ids the notification names */
};

enum {
  PROP_0,
  PROP_RUN_IN_BACKGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BriefingAppCore, briefing_app_core, G_TYPE_OBJECT)

/* Running in the background is the window's app's to offer and the
 * service's to do; asking the desktop for it (the autostart entry, or
 * the portal) is the same for both. */
static void
apply_background (BriefingAppCore *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "run-in-background");
  gboolean changed = self->background != enabled;

  self->background = enabled;

  /* At startup, only what needs doing: the sandbox's portal is asked
   * when the reader turns it on or off, not at every launch. */
  if (self->background_known || enabled || !briefing_background_is_sandboxed ())
    briefing_background_request (enabled);
  self->background_known = TRUE;

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_IN_BACKGROUND]);
}

/* The reader's settings drive the session: how often to refresh and how
 * much to keep. */
static void
on_settings_changed_cb (BriefingAppCore *self,
                        const char      *key,
                        GSettings       *settings)
{
  g_assert (BRIEFING_IS_APP_CORE (self));

  if (g_str_equal (key, "run-in-background"))
    apply_background (self);
  else if (self->session == NULL)
    return;
  else if (g_str_equal (key, "refresh-interval"))
    briefing_session_set_refresh_interval (self->session, g_settings_get_uint (settings, key));
  else if (g_str_equal (key, "retention-days") || g_str_equal (key, "retention-per-source"))
    briefing_session_set_retention (self->session, g_settings_get_uint (settings, "retention-days"),
                                    g_settings_get_uint (settings, "retention-per-source"));
}

/* Notifications ------------------------------------------------------------ */

static void
remember_notified (BriefingAppCore *self,
                   GPtrArray       *entries)
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
  g_autoptr(BriefingAppCore) self = user_data;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  const BriefingImage *image;
  gint64 id;

  entry = briefing_store_get_entry_finish (BRIEFING_STORE (object), result, NULL);
  if (entry == NULL || self->app == NULL)
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
  g_application_send_notification (self->app, NOTIFICATION_ID, notification);
}

/* Several: how many, and the top stories, each once however many
 * sources brought it. */
static void
arrivals_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BriefingAppCore) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GHashTable) stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *title = NULL;
  guint total = 0;

  entries = briefing_store_list_arrivals_finish (BRIEFING_STORE (object), result, &total, NULL);
  if (entries == NULL || entries->len == 0 || self->app == NULL)
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
  g_application_send_notification (self->app, NOTIFICATION_ID, notification);
}

static void
on_session_refreshing_cb (BriefingAppCore *self,
                          GParamSpec      *pspec,
                          BriefingSession *session)
{
  g_assert (BRIEFING_IS_APP_CORE (self));

  if (briefing_session_get_refreshing (session) && self->round_started == 0)
    self->round_started = g_get_real_time () / G_USEC_PER_SEC;
}

/* New briefings are announced when the reader is not looking at the
 * window (closed, or behind another): at most one notification a round,
 * naming what arrived in it. */
static void
on_refresh_finished_cb (BriefingAppCore *self,
                        GPtrArray       *results,
                        gboolean         scheduled,
                        BriefingSession *session)
{
  gint64 since = self->round_started;
  guint added = 0;

  g_assert (BRIEFING_IS_APP_CORE (self));

  self->round_started = 0;

  /* A round parses and stores many feeds; what it freed goes back. A
   * tick with nothing due did nothing to give back: no second wake-up. */
  if (results->len > 0)
    briefing_memory_trim_soon ();

  for (guint i = 0; i < results->len; i++)
    added += ((BriefingRefreshResult *) g_ptr_array_index (results, i))->added;

  if (added == 0 || since == 0 || !g_settings_get_boolean (self->settings, "notifications") ||
      (self->attention != NULL && self->attention (self->attention_data)))
    return;

  briefing_store_list_arrivals_async (briefing_session_get_store (session), since, 12, NULL, arrivals_cb,
                                      g_object_ref (self));
}

/* Reading a briefing the notification names, anywhere, withdraws it. */
static void
on_store_entry_changed_cb (BriefingAppCore    *self,
                           GArray             *entry_ids,
                           BriefingEntryField  field,
                           gboolean            value,
                           BriefingStore      *store)
{
  g_assert (BRIEFING_IS_APP_CORE (self));

  if (field != BRIEFING_ENTRY_FIELD_READ || !value || self->notified->len == 0 || self->app == NULL)
    return;

  for (guint i = 0; i < entry_ids->len; i++)
    for (guint j = 0; j < self->notified->len; j++)
      if (g_array_index (entry_ids, gint64, i) == g_array_index (self->notified, gint64, j))
        {
          g_array_set_size (self->notified, 0);
          g_application_withdraw_notification (self->app, NOTIFICATION_ID);
          return;
        }
}

/**
 * briefing_app_core_save_notified:
 *
 * Hands the entries the notification on screen names to the program that
 * takes over from this one (see briefing-handover.c).
 *
 * Returns: (transfer full) (nullable): "NAME=ids" for the next program's
 *   environment, or %NULL when no notification names any
 */
char *
briefing_app_core_save_notified (BriefingAppCore *self)
{
  g_autoptr(GString) ids = NULL;

  g_return_val_if_fail (BRIEFING_IS_APP_CORE (self), NULL);

  if (self->notified->len == 0)
    return NULL;

  ids = g_string_new (NOTIFIED_ENV "=");
  for (guint i = 0; i < self->notified->len; i++)
    g_string_append_printf (ids, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                            g_array_index (self->notified, gint64, i));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
restore_notified (BriefingAppCore *self)
{
  const char *saved = g_getenv (NOTIFIED_ENV);
  g_auto(GStrv) ids = NULL;

  if (saved == NULL)
    return;

  ids = g_strsplit (saved, ",", 64);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id;

      if (g_ascii_string_to_signed (ids[i], 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (self->notified, id);
    }
}

/* Actions ------------------------------------------------------------------ */

/* From a notification's button: no window needed. */
static void
mark_read_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BriefingAppCore *self = user_data;
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
open_original_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BriefingAppCore *self = user_data;

  if (self->session != NULL)
    briefing_store_get_entry_async (briefing_session_get_store (self->session), g_variant_get_int64 (parameter),
                                    NULL, original_cb, NULL);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GPtrArray) results = briefing_session_refresh_finish (BRIEFING_SESSION (object), result, NULL);

  /* Held while it ran: a refresh started from the desktop ends the app
   * after, unless something else keeps it (a window, the background). */
  g_application_release (app);
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  BriefingAppCore *self = user_data;

  if (self->session == NULL || self->app == NULL)
    return;

  g_application_hold (self->app);
  briefing_session_refresh_async (self->session, 0, FALSE, NULL, refreshed_cb, g_object_ref (self->app));
}

static const GActionEntry core_actions[] = {
  { "refresh", refresh_action },
  { "mark-read", mark_read_action, "x" },
  { "open-original", open_original_action, "x" },
};

/* Logging out, a service manager or a test asks with SIGTERM: quit as
 * Ctrl+Q does, so that queued store writes land. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  BriefingAppCore *self = user_data;

  /* The app's own Quit, where it has one that does more. */
  if (self->app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->app), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

/* -------------------------------------------------------------------------- */

static void
briefing_app_core_dispose (GObject *object)
{
  BriefingAppCore *self = BRIEFING_APP_CORE (object);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  if (self->app != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
  self->app = NULL;

  /* Dropping the session waits for queued store writes to land. */
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (briefing_app_core_parent_class)->dispose (object);
}

static void
briefing_app_core_finalize (GObject *object)
{
  BriefingAppCore *self = BRIEFING_APP_CORE (object);

  g_clear_error (&self->store_error);
  g_clear_pointer (&self->notified, g_array_unref);

  G_OBJECT_CLASS (briefing_app_core_parent_class)->finalize (object);
}

static void
briefing_app_core_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BriefingAppCore *self = BRIEFING_APP_CORE (object);

  switch (prop_id)
    {
    case PROP_RUN_IN_BACKGROUND:
      g_value_set_boolean (value, self->background);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_app_core_class_init (BriefingAppCoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_app_core_dispose;
  object_class->finalize = briefing_app_core_finalize;
  object_class->get_property = briefing_app_core_get_property;

  properties[PROP_RUN_IN_BACKGROUND] =
    g_param_spec_boolean ("run-in-background", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
briefing_app_core_init (BriefingAppCore *self)
{
  self->notified = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * briefing_app_core_new:
 * @app: the application whose notifications and actions these are
 *
 * Opens the store and starts the schedule; adds the actions `refresh`,
 * `mark-read` and `open-original` to @app. Call from the app's startup.
 * If the store cannot be opened, the core has no session and
 * briefing_app_core_get_error() says why.
 *
 * Returns: (transfer full): the core, owned by @app's owner
 */
BriefingAppCore *
briefing_app_core_new (GApplication *app)
{
  static const char * const keys[] = { "refresh-interval", "retention-days", "run-in-background" };
  g_autoptr(BriefingAppCore) self = g_object_new (BRIEFING_TYPE_APP_CORE, NULL);
  g_autoptr(BriefingStore) store = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);

  self->app = app;
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *) &self->app);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  g_action_map_add_action_entries (G_ACTION_MAP (app), core_actions, G_N_ELEMENTS (core_actions), self);
  restore_notified (self);

  self->settings = g_settings_new (SCHEMA_ID);

  /* Opening is quick (the schema exists after the first run); the window
   * shows a clear error page if it fails rather than no window at all. */
  store = briefing_store_open (NULL, &self->store_error);
  if (store == NULL)
    {
      g_warning ("Cannot open the store: %s", self->store_error->message);
      return g_steal_pointer (&self);
    }
  self->session = briefing_session_new (store);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    on_settings_changed_cb (self, keys[i], self->settings);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "refresh-finished", G_CALLBACK (on_refresh_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::refreshing", G_CALLBACK (on_session_refreshing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "entry-changed", G_CALLBACK (on_store_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  briefing_session_start_scheduler (self->session);

  return g_steal_pointer (&self);
}

/**
 * briefing_app_core_get_session:
 *
 * Returns: (transfer none) (nullable): the session, or %NULL when the
 *   store could not be opened
 */
BriefingSession *
briefing_app_core_get_session (BriefingAppCore *self)
{
  g_return_val_if_fail (BRIEFING_IS_APP_CORE (self), NULL);

  return self->session;
}

/**
 * briefing_app_core_get_settings:
 *
 * Returns: (transfer none): the app's settings
 */
GSettings *
briefing_app_core_get_settings (BriefingAppCore *self)
{
  g_return_val_if_fail (BRIEFING_IS_APP_CORE (self), NULL);

  return self->settings;
}

/**
 * briefing_app_core_get_error:
 *
 * Returns: (transfer none) (nullable): why the store could not be opened
 */
const GError *
briefing_app_core_get_error (BriefingAppCore *self)
{
  g_return_val_if_fail (BRIEFING_IS_APP_CORE (self), NULL);

  return self->store_error;
}

gboolean
briefing_app_core_get_run_in_background (BriefingAppCore *self)
{
  g_return_val_if_fail (BRIEFING_IS_APP_CORE (self), FALSE);

  return self->background;
}

/**
 * briefing_app_core_set_attention_func:
 * @func: (nullable): says whether the reader is looking at the app
 *
 * While @func returns %TRUE, new briefings are not announced.
 */
void
briefing_app_core_set_attention_func (BriefingAppCore       *self,
                                      BriefingAttentionFunc  func,
                                      gpointer               user_data)
{
  g_return_if_fail (BRIEFING_IS_APP_CORE (self));

  self->attention = func;
  self->attention_data = user_data;
}
