/* briefing-window.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-window"

#include "config.h"

#include <glib/gi18n.h>

#include "briefing-article-view.h"
#include "briefing-entry.h"
#include "briefing-entry-row.h"
#include "briefing-session.h"
#include "briefing-store.h"
#include "briefing-topics-pane.h"
#include "briefing-ui-compat.h"
#include "briefing-window.h"

/* The main window: the sidebar of briefings, the article view and the
 * related-topics pane. It is a view over the application's session; all
 * data comes from the store asynchronously. */
struct _BriefingWindow
{
  AdwApplicationWindow  parent_instance;

  BriefingSession      *session;
  GListStore           *entries;
  GtkSingleSelection   *selection;
  BriefingEntry        *current;
  GCancellable         *entry_cancellable;
  GCancellable         *list_cancellable;
  GHashTable           *pending_writes;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *content_title;
  GtkListView          *entry_list;
  GtkStack             *sidebar_stack;
  AdwStatusPage        *sidebar_status;
  GtkStack             *content_stack;
  BriefingArticleView  *article_view;
  BriefingTopicsPane   *topics_pane;
  AdwFlap              *flap;
};

G_DEFINE_FINAL_TYPE (BriefingWindow, briefing_window, ADW_TYPE_APPLICATION_WINDOW)

#define RELATED_LIMIT 8

static void briefing_window_reload (BriefingWindow *self);

static void
set_sidebar_empty (BriefingWindow *self,
                   const char     *title,
                   const char     *description)
{
  adw_status_page_set_title (self->sidebar_status, title);
  adw_status_page_set_description (self->sidebar_status, description);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
}

/* Reloading keeps the entry objects the rows are bound to, updating
 * them, so rows are not rebuilt; and an entry whose read or starred
 * state we are still writing keeps the state the reader just gave it,
 * whatever an older query says. */
static void
merge_entries (BriefingWindow *self,
               GPtrArray      *entries)
{
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n_items; i++)
    {
      BriefingEntry *entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      gint64 *id = g_new (gint64, 1);

      *id = briefing_entry_get_id (entry);
      g_hash_table_insert (current, id, entry);
      g_object_set_data_full (G_OBJECT (entry), "briefing-window-key", id, g_free);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      BriefingEntry *fresh = g_ptr_array_index (entries, i);
      gint64 id = briefing_entry_get_id (fresh);
      BriefingEntry *old = g_hash_table_lookup (current, &id);

      if (old == NULL)
        continue;

      if (!g_hash_table_contains (self->pending_writes, &id))
        {
          briefing_entry_set_read (old, briefing_entry_get_read (fresh));
          briefing_entry_set_starred (old, briefing_entry_get_starred (fresh));
        }

      g_ptr_array_index (entries, i) = g_object_ref (old);
      g_object_unref (fresh);
    }
}

static void
list_entries_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 selected_id = self->current != NULL ? briefing_entry_get_id (self->current) : 0;

  entries = briefing_store_list_entries_finish (BRIEFING_STORE (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_sidebar_empty (self, _("Cannot Load Briefings"), error->message);
      return;
    }

  merge_entries (self, entries);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);

  /* Keep the briefing being read selected across reloads. */
  for (guint i = 0; selected_id != 0 && i < entries->len; i++)
    {
      if (briefing_entry_get_id (g_ptr_array_index (entries, i)) == selected_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }

  if (entries->len == 0)
    set_sidebar_empty (self, _("No Briefings"), _("Briefings from your sources will appear here"));
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
}

static void
briefing_window_reload (BriefingWindow *self)
{
  BriefingQuery query = { 0, };

  if (self->session == NULL)
    return;

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  briefing_store_list_entries_async (briefing_session_get_store (self->session), &query,
                                     self->list_cancellable, list_entries_cb, g_object_ref (self));
}

static void
update_titles (BriefingWindow *self,
               BriefingEntry  *entry)
{
  const char *title = entry != NULL ? briefing_entry_get_title (entry) : NULL;

  if (title == NULL || *title == '\0')
    {
      adw_window_title_set_title (self->content_title, entry != NULL ? _("Untitled Briefing") : "");
      adw_window_title_set_subtitle (self->content_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Briefing"));
      return;
    }

  adw_window_title_set_title (self->content_title, title);
  adw_window_title_set_subtitle (self->content_title, briefing_entry_get_source_title (entry));
  gtk_window_set_title (GTK_WINDOW (self), title);
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
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  briefing_article_view_set_entry (self->article_view, entry);
  briefing_topics_pane_set_entry (self->topics_pane, entry);
  gtk_stack_set_visible_child_name (self->content_stack, "article");

  briefing_store_list_related_async (BRIEFING_STORE (object), briefing_entry_get_id (entry), RELATED_LIMIT,
                                     self->entry_cancellable, related_cb, g_object_ref (self));
}

static void
pending_write_done (BriefingWindow *self,
                    gint64          entry_id)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_writes, &entry_id));

  if (count <= 1)
    g_hash_table_remove (self->pending_writes, &entry_id);
  else
    g_hash_table_insert (self->pending_writes, g_memdup2 (&entry_id, sizeof entry_id), GUINT_TO_POINTER (count - 1));
}

typedef struct
{
  BriefingWindow *self;
  gint64          entry_id;
} StateWrite;

static void
mark_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree StateWrite *write = user_data;
  g_autoptr(BriefingWindow) self = write->self;
  g_autoptr(GError) error = NULL;

  if (!briefing_store_set_read_finish (BRIEFING_STORE (object), result, &error))
    g_warning ("Cannot mark the briefing read: %s", error->message);

  if (self->pending_writes != NULL)
    pending_write_done (self, write->entry_id);
}

static void
write_read_state (BriefingWindow *self,
                  BriefingEntry  *entry,
                  gboolean        read)
{
  StateWrite *write = g_new0 (StateWrite, 1);
  gint64 id = briefing_entry_get_id (entry);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_writes, &id));

  write->self = g_object_ref (self);
  write->entry_id = id;
  g_hash_table_insert (self->pending_writes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count + 1));
  briefing_entry_set_read (entry, read);
  briefing_store_set_read_async (briefing_session_get_store (self->session), id, read, NULL, mark_read_cb, write);
}

static void
show_entry (BriefingWindow *self,
            BriefingEntry  *entry)
{
  BriefingStore *store = briefing_session_get_store (self->session);

  if (!g_set_object (&self->current, entry))
    return;

  g_cancellable_cancel (self->entry_cancellable);
  g_clear_object (&self->entry_cancellable);

  update_titles (self, entry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-original",
                                 entry != NULL && briefing_entry_get_link (entry) != NULL);

  if (entry == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  self->entry_cancellable = g_cancellable_new ();
  briefing_store_get_entry_async (store, briefing_entry_get_id (entry), self->entry_cancellable,
                                  get_entry_cb, g_object_ref (self));

  if (!briefing_entry_get_read (entry))
    write_read_state (self, entry, TRUE);
}

static void
on_selection_selected_item_cb (BriefingWindow     *self,
                               GParamSpec         *pspec,
                               GtkSingleSelection *selection)
{
  show_entry (self, gtk_single_selection_get_selected_item (selection));
}

static void
on_entry_list_activate_cb (BriefingWindow *self,
                           guint           position,
                           GtkListView    *list_view)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
select_entry_by_id (BriefingWindow *self,
                    gint64          entry_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BriefingEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (briefing_entry_get_id (entry) == entry_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
on_topics_pane_entry_activated_cb (BriefingWindow     *self,
                                   BriefingEntry      *entry,
                                   BriefingTopicsPane *pane)
{
  select_entry_by_id (self, briefing_entry_get_id (entry));
}

static void
on_store_entries_added_cb (BriefingWindow *self,
                           gint64          source_id,
                           guint           added,
                           BriefingStore  *store)
{
  briefing_window_reload (self);
}

static void
entry_row_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (briefing_entry_row_new ()));
}

static void
entry_row_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  BriefingEntryRow *row = BRIEFING_ENTRY_ROW (gtk_list_item_get_child (item));

  briefing_entry_row_set_entry (row, gtk_list_item_get_item (item));
}

static void
entry_row_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  briefing_entry_row_set_entry (BRIEFING_ENTRY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BriefingWindow *self = BRIEFING_WINDOW (widget);
  const char *link = self->current != NULL ? briefing_entry_get_link (self->current) : NULL;

  if (link != NULL)
    briefing_launch_uri (GTK_WINDOW (self), link);
}

static void
briefing_window_dispose (GObject *object)
{
  BriefingWindow *self = (BriefingWindow *)object;

  g_cancellable_cancel (self->entry_cancellable);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->entry_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->current);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pending_writes, g_hash_table_unref);

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
  g_type_ensure (BRIEFING_TYPE_TOPICS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, entry_list);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, sidebar_status);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, topics_pane);
  gtk_widget_class_bind_template_child (widget_class, BriefingWindow, flap);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.open-original", NULL, open_original_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, 0, "win.open-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
}

static void
setup_list (BriefingWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->entries = g_list_store_new (BRIEFING_TYPE_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_selected_item_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (entry_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (entry_row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (entry_row_unbind_cb), NULL);

  gtk_list_view_set_model (self->entry_list, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->entry_list, factory);
  g_signal_connect_object (self->entry_list, "activate",
                           G_CALLBACK (on_entry_list_activate_cb), self, G_CONNECT_SWAPPED);
}

static void
briefing_window_init (BriefingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending_writes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  setup_list (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-original", FALSE);
  g_signal_connect_object (self->topics_pane, "entry-activated",
                           G_CALLBACK (on_topics_pane_entry_activated_cb), self, G_CONNECT_SWAPPED);
}

static void
seed_samples_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!briefing_session_seed_samples_finish (BRIEFING_SESSION (object), result, &error))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new_format (_("Cannot add the sample briefings: %s"), error->message));
}

BriefingWindow *
briefing_window_new (BriefingApplication *application,
                     const GError        *store_error)
{
  BriefingWindow *self;
  BriefingStore *store;

  g_return_val_if_fail (BRIEFING_IS_APPLICATION (application), NULL);

  self = g_object_new (BRIEFING_TYPE_WINDOW, "application", application, NULL);
  self->session = briefing_application_get_session (application);

  if (self->session == NULL)
    {
      set_sidebar_empty (self, _("Cannot Open the Store"),
                         store_error != NULL ? store_error->message : NULL);
      return self;
    }

  g_object_ref (self->session);
  store = briefing_session_get_store (self->session);
  g_signal_connect_object (store, "entries-added", G_CALLBACK (on_store_entries_added_cb), self, G_CONNECT_SWAPPED);

  /* Show what is stored at once. The first run then seeds the sample
   * briefings, whose entries-added reloads the list. */
  briefing_window_reload (self);
  briefing_session_seed_samples_async (self->session, NULL, seed_samples_cb, g_object_ref (self));

  return self;
}
