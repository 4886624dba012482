/* briefing-window.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-window"

#include "config.h"

#include "briefing-window.h"

#include <glib/gi18n.h>

#include "briefing-entry.h"
#include "briefing-refresh.h"
#include "briefing-session.h"
#include "briefing-source-dialog.h"
#include "briefing-store-tasks.h"
#include "briefing-timings.h"
#include "briefing-topic.h"
#include "briefing-window-private.h"

/* The main window: the sidebar of briefings, the article view and the
 * related-topics pane. It is a view over the application's session; all
 * data comes from the store asynchronously. Actions and shortcuts live in
 * briefing-window-actions.c. */

G_DEFINE_FINAL_TYPE (BriefingWindow, briefing_window, ADW_TYPE_APPLICATION_WINDOW)

#define RELATED_LIMIT 8

void
briefing_window_toast (BriefingWindow *self,
                       AdwToast       *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_titles (BriefingWindow *self,
               BriefingEntry  *entry)
{
  const char *title = entry != NULL ? briefing_entry_get_title (entry) : NULL;

  g_assert (BRIEFING_IS_WINDOW (self));

  if (entry == NULL)
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Briefing"));
      return;
    }

  if (title == NULL || *title == '\0')
    title = _("Untitled Briefing");

  adw_window_title_set_title (self->content_title, title);
  adw_window_title_set_subtitle (self->content_title, briefing_entry_get_source_title (entry));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_star_button (BriefingWindow *self)
{
  gboolean starred = self->current != NULL && briefing_entry_get_starred (self->current);

  g_assert (BRIEFING_IS_WINDOW (self));

  g_signal_handlers_block_by_func (self->star_button, NULL, self);
  gtk_toggle_button_set_active (self->star_button, starred);
  g_signal_handlers_unblock_by_func (self->star_button, NULL, self);

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button), starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), starred ? _("Unstar (S)") : _("Star (S)"));
}

static void
on_star_button_toggled_cb (BriefingWindow  *self,
                           GtkToggleButton *button)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  if (self->current != NULL &&
      gtk_toggle_button_get_active (button) != briefing_entry_get_starred (self->current))
    briefing_entry_list_set_starred (briefing_sidebar_get_entries (self->sidebar), self->current,
                                     gtk_toggle_button_get_active (button));
}

/* The briefing being read changed elsewhere (a notification's "Mark as
 * Read", another window, an undo): its header follows. The list's own
 * objects follow through BriefingEntryList; the one read here may not be
 * one of them (a related briefing outside the list's filter). */
static void
on_store_entry_changed_cb (BriefingWindow     *self,
                           GArray             *entry_ids,
                           BriefingEntryField  field,
                           gboolean            value,
                           BriefingStore      *store)
{
  gint64 current_id;

  g_assert (BRIEFING_IS_WINDOW (self));

  if (self->current == NULL)
    return;

  current_id = briefing_entry_get_id (self->current);
  for (guint i = 0; i < entry_ids->len; i++)
    {
      if (g_array_index (entry_ids, gint64, i) != current_id)
        continue;

      if (field == BRIEFING_ENTRY_FIELD_STARRED && briefing_entry_get_starred (self->current) != value)
        briefing_entry_set_starred (self->current, value);
      else if (field == BRIEFING_ENTRY_FIELD_READ && briefing_entry_get_read (self->current) != value)
        briefing_entry_set_read (self->current, value);
      break;
    }
}

static void load_current (BriefingWindow *self);

/* The source of the briefing being read was renamed: its header, title
 * and related briefings show the new name. */
static void
on_store_source_changed_cb (BriefingWindow       *self,
                            gint64                source_id,
                            BriefingSourceChange  change,
                            BriefingStore        *store)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  if (change == BRIEFING_SOURCE_CHANGE_RENAMED && self->current != NULL &&
      briefing_entry_get_source_id (self->current) == source_id)
    load_current (self);
}

static void related_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

static void coverage_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data);

/* The briefing's story and its related briefings, for the topics pane. */
static void
load_neighbours (BriefingWindow *self)
{
  BriefingStore *store;

  g_assert (BRIEFING_IS_WINDOW (self));

  if (self->current == NULL || self->entry_cancellable == NULL)
    return;

  store = briefing_session_get_store (self->session);
  briefing_store_list_coverage_async (store, briefing_entry_get_id (self->current),
                                      self->entry_cancellable, coverage_cb, g_object_ref (self));
  briefing_store_list_related_async (store, briefing_entry_get_id (self->current), RELATED_LIMIT,
                                     self->entry_cancellable, related_cb, g_object_ref (self));
}

/* Retention removed briefings, or stories were regrouped: what the pane
 * shows may have changed, so it asks again. */
static void
on_store_entries_removed_cb (BriefingWindow *self,
                             GArray         *entry_ids,
                             BriefingStore  *store)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  load_neighbours (self);
}

static void
on_session_stories_changed_cb (BriefingWindow  *self,
                               BriefingSession *session)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  load_neighbours (self);
}

static void
coverage_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(GError) error = NULL;

  coverage = briefing_store_list_coverage_finish (BRIEFING_STORE (object), result, &error);
  if (coverage == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot find the briefing's coverage: %s", error->message);
      return;
    }

  briefing_topics_pane_set_coverage (self->topics_pane, coverage);
}

static void
related_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GError) error = NULL;

  related = briefing_store_list_related_finish (BRIEFING_STORE (object), result, &error);
  if (related == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot find related briefings: %s", error->message);
      return;
    }

  briefing_topics_pane_set_related (self->topics_pane, related);
}

static void
get_entry_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(BriefingEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = briefing_store_get_entry_finish (BRIEFING_STORE (object), result, &error);
  if (entry == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        briefing_window_toast (self, adw_toast_new (error->message));
      return;
    }

  briefing_article_view_set_entry (self->article_view, entry);
  briefing_topics_pane_set_entry (self->topics_pane, entry);
  update_titles (self, entry);
  gtk_stack_set_visible_child_name (self->content_stack, "article");

  load_neighbours (self);
}

/* Loads the whole of the briefing being read (the list holds only what
 * its rows show) into the article view and the topics pane. */
static void
load_current (BriefingWindow *self)
{
  g_assert (BRIEFING_IS_WINDOW (self));
  g_assert (self->current != NULL);

  g_cancellable_cancel (self->entry_cancellable);
  g_clear_object (&self->entry_cancellable);
  self->entry_cancellable = g_cancellable_new ();
  briefing_store_get_entry_async (briefing_session_get_store (self->session), briefing_entry_get_id (self->current),
                                  self->entry_cancellable, get_entry_cb, g_object_ref (self));
}

/**
 * briefing_window_show_entry:
 * @entry: (nullable): the briefing to read
 *
 * Shows @entry in the article view and the topics pane, and marks it
 * read.
 */
void
briefing_window_show_entry (BriefingWindow *self,
                            BriefingEntry  *entry)
{
  gboolean same_briefing;

  if (entry == self->current)
    return;

  /* The briefing being read, listed again under another filter, is a
   * new object for the same briefing: nothing to load again. */
  same_briefing = entry != NULL && self->current != NULL &&
                  briefing_entry_get_id (entry) == briefing_entry_get_id (self->current);

  if (self->current != NULL)
    g_clear_signal_handler (&self->star_handler, self->current);
  g_set_object (&self->current, entry);

  if (entry != NULL)
    self->star_handler = g_signal_connect_object (entry, "notify::starred", G_CALLBACK (update_star_button), self,
                                                  G_CONNECT_SWAPPED);
  update_star_button (self);
  briefing_window_update_actions (self);

  if (same_briefing)
    return;

  update_titles (self, entry);

  if (entry == NULL)
    {
      g_cancellable_cancel (self->entry_cancellable);
      g_clear_object (&self->entry_cancellable);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      briefing_topics_pane_set_entry (self->topics_pane, NULL);
      return;
    }

  load_current (self);

  if (!briefing_entry_get_read (entry))
    briefing_entry_list_set_read (briefing_sidebar_get_entries (self->sidebar), entry, TRUE);
}

static void
on_sidebar_entry_selected_cb (BriefingWindow  *self,
                              BriefingEntry   *entry,
                              BriefingSidebar *sidebar)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  /* Unselecting (a reload that dropped the briefing) leaves the article
   * on screen; the reader is still reading it. */
  if (entry != NULL)
    briefing_window_show_entry (self, entry);
}

static void
on_sidebar_entry_activated_cb (BriefingWindow  *self,
                               BriefingEntry   *entry,
                               BriefingSidebar *sidebar)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_window_show_entry (self, entry);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_sidebar_source_properties_cb (BriefingWindow  *self,
                                 BriefingSource  *source,
                                 BriefingSidebar *sidebar)
{
  BriefingSourceDialog *dialog = briefing_source_dialog_new (GTK_WINDOW (self), self->session, source);

  g_assert (BRIEFING_IS_WINDOW (self));

  /* What it changes reaches the views through the store's signals. */
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_topics_pane_topic_activated_cb (BriefingWindow     *self,
                                   BriefingTopic      *topic,
                                   BriefingTopicsPane *pane)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_topic (self->sidebar, briefing_topic_get_name (topic));

  /* On a narrow window the filtered list is a page away. */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
}

static void
on_topics_pane_entry_activated_cb (BriefingWindow     *self,
                                   BriefingEntry      *entry,
                                   BriefingTopicsPane *pane)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  /* Select it where it is listed; a related briefing outside the current
   * filter is shown all the same. */
  if (!briefing_sidebar_select_entry_id (self->sidebar, briefing_entry_get_id (entry)))
    briefing_window_show_entry (self, entry);
}

static void
on_session_refreshing_cb (BriefingWindow  *self,
                          GParamSpec      *pspec,
                          BriefingSession *session)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_refreshing (self->sidebar, briefing_session_get_refreshing (session));

  briefing_timings_report (briefing_session_get_refreshing (session) ? "refresh-started" : "refresh-finished");
}

static void
on_source_refreshed_cb (BriefingWindow  *self,
                        gpointer         result,
                        BriefingRefresh *refresh)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_progress (self->sidebar, briefing_refresh_get_pending (refresh));
}

static void
on_sync_progress_cb (BriefingWindow  *self,
                     guint            done,
                     guint            total,
                     BriefingSession *session)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_sync_progress (self->sidebar, done, total);
}

static void
on_network_changed_cb (BriefingWindow  *self,
                       gboolean         available,
                       GNetworkMonitor *monitor)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_offline (self->sidebar, !available);
}

static void
on_settings_changed_cb (BriefingWindow *self,
                        const char     *key,
                        GSettings      *settings)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  if (g_str_equal (key, "article-zoom"))
    briefing_article_view_set_zoom (self->article_view, g_settings_get_double (settings, key));
  else if (g_str_equal (key, "article-font"))
    {
      g_autofree char *font = g_settings_get_string (settings, key);

      briefing_article_view_set_font (self->article_view, font);
    }
  else if (g_str_equal (key, "show-related"))
    adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (settings, key));
  else if (g_str_equal (key, "group-stories"))
    briefing_sidebar_set_group_stories (self->sidebar, g_settings_get_boolean (settings, key));
}

static void
briefing_window_dispose (GObject *object)
{
  BriefingWindow *self = (BriefingWindow *)object;

  g_cancellable_cancel (self->entry_cancellable);
  g_clear_object (&self->entry_cancellable);
  if (self->current != NULL)
    g_clear_signal_handler (&self->star_handler, self->current);
  g_clear_object (&self->current);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), BRIEFING_TYPE_WINDOW);

  G_OBJECT_CLASS (briefing_window_parent_class)->dispose (object);
}

static void
briefing_window_class_init (BriefingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_window_dispose;

  g_type_ensure (BRIEFING_TYPE_ARTICLE_VIEW);
  g_type_ensure (BRIEFING_TYPE_SIDEBAR);
  g_type_ensure (BRIEFING_TYPE_TOPICS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, topics_pane);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, flap);

  briefing_window_class_add_actions (widget_class);
}

static void
briefing_window_init (BriefingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->sidebar, "entry-selected", G_CALLBACK (on_sidebar_entry_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "entry-activated", G_CALLBACK (on_sidebar_entry_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "source-properties", G_CALLBACK (on_sidebar_source_properties_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics_pane, "topic-activated", G_CALLBACK (on_topics_pane_topic_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics_pane, "entry-activated", G_CALLBACK (on_topics_pane_entry_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->star_button, "toggled", G_CALLBACK (on_star_button_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->flap, "folded", self->topics_pane, "folded", G_BINDING_SYNC_CREATE);

  briefing_window_update_actions (self);
}

static void
seed_samples_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!briefing_session_seed_samples_finish (BRIEFING_SESSION (object), result, &error))
    briefing_window_toast (self, adw_toast_new_format (_("Cannot add the sample briefings: %s"), error->message));
}

/* The window comes back at the size the reader left it. */
/**
 * briefing_window_show_unread:
 *
 * The sidebar's Unread filter, as the desktop's "Unread Briefings" asks.
 */
void
briefing_window_show_unread (BriefingWindow *self)
{
  g_return_if_fail (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_filter (self->sidebar, BRIEFING_FILTER_UNREAD);
}

/**
 * briefing_window_search:
 * @text: what to search for
 *
 * Every briefing matching @text, as the Overview's search asks when the
 * reader wants more than it lists.
 */
void
briefing_window_search (BriefingWindow *self,
                        const char     *text)
{
  g_return_if_fail (BRIEFING_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  briefing_sidebar_set_filter (self->sidebar, BRIEFING_FILTER_ALL);
  briefing_sidebar_clear_filter (self->sidebar);
  briefing_sidebar_search (self->sidebar, text);
}

static gboolean
close_after_offer_cb (gpointer user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  gtk_window_destroy (GTK_WINDOW (self));
  if (app != NULL)
    g_application_release (app);

  return G_SOURCE_REMOVE;
}

static void
on_background_response_cb (BriefingWindow   *self,
                           const char       *response,
                           AdwMessageDialog *dialog)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_assert (BRIEFING_IS_WINDOW (self));

  g_settings_set_boolean (self->settings, "background-offered", TRUE);
  g_settings_set_boolean (self->settings, "run-in-background", g_str_equal (response, "background"));
  /* Closing put the window's settings in delay mode (the window's size). */
  g_settings_apply (self->settings);

  /* Closed once the dialog has finished answering, and the application
   * has heard of the setting (it holds itself when in the background). */
  if (app != NULL)
    g_application_hold (app);
  g_idle_add (close_after_offer_cb, g_object_ref (self));
}

/* The first close with unread briefings offers, once, to keep checking
 * for new ones with the window closed. */
static gboolean
offer_background (BriefingWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->session == NULL || self->background_offered ||
      g_settings_get_boolean (self->settings, "run-in-background") ||
      g_settings_get_boolean (self->settings, "background-offered") ||
      briefing_sidebar_get_unread_total (self->sidebar) == 0)
    return FALSE;

  self->background_offered = TRUE;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Keep Checking for Briefings?"),
                                                       _("Briefing can keep checking your sources with its window "
                                                         "closed, and notify you of new briefings. Quit from the "
                                                         "main menu ends it. You can change this in Preferences.")));
  adw_message_dialog_add_responses (dialog, "quit", _("_Quit"), "background", _("_Run in Background"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "background", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "background");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_background_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
on_close_request_cb (BriefingWindow *self)
{
  int width, height;

  g_assert (BRIEFING_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);

  return offer_background (self);
}

static void
apply_settings (BriefingWindow *self)
{
  static const char * const keys[] = { "article-zoom", "article-font", "show-related" };

  g_assert (BRIEFING_IS_WINDOW (self));

  self->settings = g_settings_new (SCHEMA_ID);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    on_settings_changed_cb (self, keys[i], self->settings);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "show-related", self->flap, "reveal-flap", G_SETTINGS_BIND_SET);
}

BriefingWindow *
briefing_window_new (BriefingApplication *application,
                     const GError        *store_error)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  BriefingWindow *self;

  g_return_val_if_fail (BRIEFING_IS_APPLICATION (application), NULL);

  self = g_object_new (BRIEFING_TYPE_WINDOW, "application", application, NULL);
  apply_settings (self);

  if (briefing_application_get_session (application) == NULL)
    {
      AdwStatusPage *page = ADW_STATUS_PAGE (adw_status_page_new ());

      adw_status_page_set_icon_name (page, "dialog-error-symbolic");
      adw_status_page_set_title (page, _("Cannot Open the Store"));
      adw_status_page_set_description (page, store_error != NULL ? store_error->message : NULL);
      adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (page));
      return self;
    }

  self->session = g_object_ref (briefing_application_get_session (application));
  briefing_article_view_set_image_loader (self->article_view, briefing_application_get_image_loader (application));
  g_signal_connect_object (self->session, "sync-progress", G_CALLBACK (on_sync_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::refreshing", G_CALLBACK (on_session_refreshing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (briefing_session_get_refresh (self->session), "source-refreshed",
                           G_CALLBACK (on_source_refreshed_cb), self, G_CONNECT_SWAPPED);
  on_session_refreshing_cb (self, NULL, self->session);
  g_signal_connect_object (briefing_session_get_store (self->session), "entry-changed",
                           G_CALLBACK (on_store_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (briefing_session_get_store (self->session), "source-changed",
                           G_CALLBACK (on_store_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "stories-changed", G_CALLBACK (on_session_stories_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (briefing_session_get_store (self->session), "entries-removed",
                           G_CALLBACK (on_store_entries_removed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
  on_network_changed_cb (self, g_network_monitor_get_network_available (monitor), monitor);

  /* Show what is stored at once. The first run then seeds the sample
   * briefings, whose entries-added reloads the list. */
  briefing_sidebar_set_session (self->sidebar, self->session, briefing_application_get_image_loader (application));
  briefing_sidebar_set_group_stories (self->sidebar, g_settings_get_boolean (self->settings, "group-stories"));
  {
    g_autoptr(GAction) group_stories = g_settings_create_action (self->settings, "group-stories");

    g_action_map_add_action (G_ACTION_MAP (self), group_stories);
  }
  briefing_session_seed_samples_async (self->session, NULL, seed_samples_cb, g_object_ref (self));

  return self;
}

static void
open_entry_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(BriefingEntry) entry = briefing_store_get_entry_finish (BRIEFING_STORE (object), result, NULL);

  if (entry != NULL)
    briefing_window_show_entry (self, entry);
}

/**
 * briefing_window_open_entry:
 *
 * Shows the briefing @entry_id, selecting it in the sidebar when it is
 * listed there (a notification's briefing usually is: it is the newest).
 */
void
briefing_window_open_entry (BriefingWindow *self,
                            gint64          entry_id)
{
  g_return_if_fail (BRIEFING_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (!briefing_sidebar_select_entry_id (self->sidebar, entry_id))
    briefing_store_get_entry_async (briefing_session_get_store (self->session), entry_id, NULL, open_entry_cb,
                                    g_object_ref (self));
}

/**
 * briefing_window_get_session:
 *
 * Returns: (transfer none) (nullable): the session the window shows, NULL
 *   when the store could not be opened
 */
BriefingSession *
briefing_window_get_session (BriefingWindow *self)
{
  g_return_val_if_fail (BRIEFING_IS_WINDOW (self), NULL);

  return self->session;
}
