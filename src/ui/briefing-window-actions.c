/* briefing-window-actions.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "briefing-add-source-dialog.h"
#include "briefing-entry.h"
#include "briefing-links.h"
#include "briefing-opml-ui.h"
#include "briefing-refresh.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store-tasks.h"
#include "briefing-window-private.h"

/* The window's actions and their keyboard shortcuts. Single-letter keys
 * (j, k, m, s, o) are bindings on the window, so a text entry with the
 * focus gets the letter instead. */

#define ZOOM_STEP 0.1

void
briefing_window_update_actions (BriefingWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_entry = self->current != NULL;

  gtk_widget_action_set_enabled (widget, "win.open-original",
                                 has_entry && briefing_entry_get_link (self->current) != NULL);
  gtk_widget_action_set_enabled (widget, "win.toggle-read", has_entry);
  gtk_widget_action_set_enabled (widget, "win.toggle-star", has_entry);
  gtk_widget_set_sensitive (GTK_WIDGET (self->star_button), has_entry);
}

static BriefingWindow *
window_with_session (GtkWidget *widget)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  return self->session != NULL ? self : NULL;
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  briefing_sidebar_focus_list (self->sidebar);
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);
  const char *link = self->current != NULL ? briefing_entry_get_link (self->current) : NULL;

  if (link != NULL)
    briefing_open_link (widget, link);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  briefing_sidebar_select_relative (BRIEFING_WINDOW (widget)->sidebar, +1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  briefing_sidebar_select_relative (BRIEFING_WINDOW (widget)->sidebar, -1);
}

static void
toggle_read_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  if (self->current != NULL)
    briefing_entry_list_set_read (briefing_sidebar_get_entries (self->sidebar), self->current,
                                  !briefing_entry_get_read (self->current));
}

static void
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  if (self->current != NULL)
    briefing_entry_list_set_starred (briefing_sidebar_get_entries (self->sidebar), self->current,
                                     !briefing_entry_get_starred (self->current));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  briefing_sidebar_focus_search (self->sidebar);
}

/* Escape backs out one step at a time: search, then a topic or source
 * filter, then a narrow window's page. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  if (adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else if (briefing_sidebar_close_search (self->sidebar))
    return;
  else if (briefing_sidebar_clear_filter (self->sidebar))
    return;
  else if (adw_leaflet_get_folded (self->leaflet) &&
           g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  briefing_sidebar_clear_filter (BRIEFING_WINDOW (widget)->sidebar);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  briefing_sidebar_clear_filter (self->sidebar);
  briefing_sidebar_set_filter (self->sidebar, BRIEFING_FILTER_ALL);
}

static void
toggle_related_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
zoom (BriefingWindow *self,
      double          delta)
{
  double level = delta == 0 ? 1.0 : g_settings_get_double (self->settings, "article-zoom") + delta;

  g_assert (BRIEFING_IS_WINDOW (self));

  /* The setting's range is 0.5 to 3; the view follows the setting. */
  g_settings_set_double (self->settings, "article-zoom", CLAMP (level, 0.5, 3.0));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom (BRIEFING_WINDOW (widget), +ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom (BRIEFING_WINDOW (widget), -ZOOM_STEP);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  zoom (BRIEFING_WINDOW (widget), 0);
}

/* Refresh ------------------------------------------------------------------ */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *first_error = NULL;
  const char *first_title = NULL;
  guint failed = 0;

  results = briefing_session_refresh_finish (BRIEFING_SESSION (object), result, &error);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        briefing_window_toast (self, adw_toast_new (error->message));
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      BriefingRefreshResult *r = g_ptr_array_index (results, i);

      if (g_strcmp0 (r->status, "error") != 0)
        continue;

      if (failed++ == 0)
        {
          first_error = r->error;
          first_title = r->title;
        }
    }

  /* Failures are reported, not shouted: a toast, and the source's status
   * in the sources list says the rest. */
  if (failed == 1)
    {
      AdwToast *toast = adw_toast_new_format (_("%s: %s"), first_title, first_error);

      adw_toast_set_timeout (toast, 8);
      briefing_window_toast (self, toast);
    }
  else if (failed > 1)
    {
      AdwToast *toast = adw_toast_new_format (ngettext ("%u source could not be refreshed",
                                                        "%u sources could not be refreshed", failed), failed);

      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-sources");
      briefing_window_toast (self, toast);
    }
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BriefingWindow *self = window_with_session (widget);

  if (self == NULL || briefing_session_get_refreshing (self->session))
    return;

  briefing_session_refresh_async (self->session, 0, FALSE, NULL, refresh_cb, g_object_ref (self));
}

static void
show_sources_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  briefing_sidebar_show_sources (self->sidebar);
}

/* Sources ------------------------------------------------------------------- */

static void
on_source_added_cb (BriefingWindow          *self,
                    BriefingSource          *source,
                    BriefingAddSourceDialog *dialog)
{
  g_assert (BRIEFING_IS_WINDOW (self));

  briefing_sidebar_set_source (self->sidebar, source);
  briefing_window_toast (self, adw_toast_new_format (_("Subscribed to %s"), briefing_source_get_title (source)));
}

/**
 * briefing_window_add_source:
 * @url: (nullable): the address to fill in
 * @message: (nullable): why there is no address, said in the dialog
 *
 * Opens Add Source, as the menu does, or for a feed the desktop handed
 * over (briefing-window-open.c). Nothing is subscribed until the reader
 * confirms.
 */
void
briefing_window_add_source (BriefingWindow *self,
                            const char     *url,
                            const char     *message)
{
  BriefingAddSourceDialog *dialog;

  g_return_if_fail (BRIEFING_IS_WINDOW (self));

  if (window_with_session (GTK_WIDGET (self)) == NULL)
    return;

  dialog = briefing_add_source_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "source-added", G_CALLBACK (on_source_added_cb), self, G_CONNECT_SWAPPED);
  if (url != NULL)
    briefing_add_source_dialog_set_url (dialog, url);
  briefing_add_source_dialog_explain (dialog, message);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  briefing_window_add_source (BRIEFING_WINDOW (widget), NULL, NULL);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added;

  added = briefing_opml_import_finish (result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        briefing_window_toast (self, adw_toast_new (error->message));
      return;
    }

  briefing_window_toast (self, adw_toast_new_format (ngettext ("Subscribed to %u source",
                                                               "Subscribed to %u sources", added), added));

  /* Imported sources have nothing yet; fetch them now. */
  if (added > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
}

static void
import_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BriefingWindow *self = window_with_session (widget);

  if (self != NULL)
    briefing_opml_import (GTK_WINDOW (self), self->session, import_cb, g_object_ref (self));
}

/* A subscription list handed over by the desktop, already read and
 * parsed: the reader sees what it lists and confirms. */
void
briefing_window_import_opml (BriefingWindow *self,
                             const char     *name,
                             GBytes         *contents,
                             GPtrArray      *outlines)
{
  g_return_if_fail (BRIEFING_IS_WINDOW (self));

  if (window_with_session (GTK_WIDGET (self)) != NULL)
    briefing_opml_import_confirm (GTK_WINDOW (self), self->session, name, contents, outlines,
                                  import_cb, g_object_ref (self));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!briefing_opml_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        briefing_window_toast (self, adw_toast_new (error->message));
      return;
    }

  briefing_window_toast (self, adw_toast_new (_("Subscriptions exported")));
}

static void
export_opml_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BriefingWindow *self = window_with_session (widget);

  if (self != NULL)
    briefing_opml_export (GTK_WINDOW (self), self->session, export_cb, g_object_ref (self));
}

/* Mark all read, with undo ----------------------------------------------------- */

/* The list follows the store's entry-changed signal: nothing here
 * reloads it. */

static void
undo_mark_all_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!briefing_store_set_read_finish (BRIEFING_STORE (object), result, &error))
    briefing_window_toast (self, adw_toast_new (error->message));
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    GArray   *ids)
{
  BriefingWindow *self = g_object_get_data (G_OBJECT (toast), "window");

  /* The same briefings, unread again. */
  briefing_store_set_read_async (briefing_session_get_store (self->session), ids, FALSE, NULL,
                                 undo_mark_all_cb, g_object_ref (self));
}

static void
mark_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  ids = briefing_store_mark_all_read_finish (BRIEFING_STORE (object), result, &error);
  if (ids == NULL)
    {
      briefing_window_toast (self, adw_toast_new (error->message));
      return;
    }

  if (ids->len == 0)
    return;

  toast = adw_toast_new_format (ngettext ("Marked %u briefing as read", "Marked %u briefings as read", ids->len),
                                ids->len);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "window", self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), g_array_ref (ids),
                         (GClosureNotify) g_array_unref, 0);
  briefing_window_toast (self, toast);
}

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BriefingWindow *self = window_with_session (widget);
  BriefingQuery query;

  if (self == NULL)
    return;

  briefing_sidebar_get_query (self->sidebar, &query);
  briefing_store_mark_all_read_async (briefing_session_get_store (self->session), &query, NULL,
                                      mark_all_cb, g_object_ref (self));
}

void
briefing_window_class_add_actions (GtkWidgetClass *widget_class)
{
  static const struct {
    const char                  *name;
    GtkWidgetActionActivateFunc  activate;
  } actions[] = {
    { "win.go-back", go_back_action },
    { "win.open-original", open_original_action },
    { "win.next", next_action },
    { "win.previous", previous_action },
    { "win.toggle-read", toggle_read_action },
    { "win.toggle-star", toggle_star_action },
    { "win.search", search_action },
    { "win.escape", escape_action },
    { "win.clear-filter", clear_filter_action },
    { "win.show-all", show_all_action },
    { "win.toggle-related", toggle_related_action },
    { "win.zoom-in", zoom_in_action },
    { "win.zoom-out", zoom_out_action },
    { "win.zoom-reset", zoom_reset_action },
    { "win.refresh", refresh_action },
    { "win.show-sources", show_sources_action },
    { "win.add-source", add_source_action },
    { "win.import-opml", import_opml_action },
    { "win.export-opml", export_opml_action },
    { "win.mark-all-read", mark_all_read_action },
  };
  static const struct {
    guint            key;
    GdkModifierType  modifiers;
    const char      *action;
  } bindings[] = {
    { GDK_KEY_j, 0, "win.next" },
    { GDK_KEY_n, 0, "win.next" },
    { GDK_KEY_k, 0, "win.previous" },
    { GDK_KEY_p, 0, "win.previous" },
    { GDK_KEY_m, 0, "win.toggle-read" },
    { GDK_KEY_s, 0, "win.toggle-star" },
    { GDK_KEY_o, 0, "win.open-original" },
    { GDK_KEY_f, GDK_CONTROL_MASK, "win.search" },
    { GDK_KEY_Escape, 0, "win.escape" },
    { GDK_KEY_Left, GDK_ALT_MASK, "win.go-back" },
    { GDK_KEY_F9, 0, "win.toggle-related" },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in" },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out" },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset" },
    { GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset" },
    { GDK_KEY_F5, 0, "win.refresh" },
    { GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh" },
    { GDK_KEY_n, GDK_CONTROL_MASK, "win.add-source" },
    { GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.mark-all-read" },
    { GDK_KEY_w, GDK_CONTROL_MASK, "window.close" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].key, bindings[i].modifiers,
                                         bindings[i].action, NULL);
}
