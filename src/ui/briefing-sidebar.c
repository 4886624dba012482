/* briefing-sidebar.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-sidebar"

#include "config.h"

#include "briefing-sidebar.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "briefing-entry.h"
#include "briefing-entry-list.h"
#include "briefing-entry-row.h"
#include "briefing-memory.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-sources-popover.h"
#include "briefing-store-tasks.h"
#include "briefing-timings.h"

/* The sidebar: briefings newest first, with day headings, filters
 * (all/unread/starred, one source, one topic), search over the full-text
 * index, and the refresh state. The list is a one-column GtkGridView over
 * a BriefingEntryList, which lists a page at a time as the reader
 * scrolls, so neither widgets nor queries grow with the number of stored
 * briefings; the sidebar only decides what to ask it and what to show. */
struct _BriefingSidebar
{
  GtkWidget               parent_instance;

  /* The template's one child, which this widget measures itself. */
  GtkWidget              *layout;

  BriefingSession        *session;
  BriefingStore          *store;
  BriefingImageLoader    *image_loader;
  BriefingEntryList      *entries;
  GtkTreeListModel       *stories;     /* the entries, a story's others under it */
  GtkSingleSelection     *selection;
  GCancellable           *cancellable;

  BriefingSource         *source;      /* the source filter, for its name */
  gboolean                folded;
  gboolean                at_top;      /* before a reload: the reader saw the newest */
  gint64                  selected_id; /* before a reload or restart: keep it selected */
  gint64                  reveal_id;   /* to select once its story's entries are shown */
  guint                   edge_check_id;

  gboolean                refreshing;
  guint                   progress_total;
  guint                   progress_remaining;
  guint                   sync_done;      /* briefings a sync has brought so far */
  guint                   sync_total;     /* 0: the server did not say */
  guint                   progress_id;

  /* Template widgets */
  GtkWidget              *header_bar;
  AdwWindowTitle         *title;
  GtkProgressBar         *refresh_progress;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkToggleButton        *all_button;
  GtkToggleButton        *unread_button;
  GtkToggleButton        *starred_button;
  GtkMenuButton          *sources_button;
  BriefingSourcesPopover *sources_popover;
  GtkRevealer            *filter_revealer;
  GtkImage               *filter_icon;
  GtkLabel               *filter_label;
  GtkRevealer            *offline_revealer;
  GtkStack               *stack;
  GtkScrolledWindow      *scroller;
  GtkGridView            *list_view;
  AdwStatusPage          *status_page;
  GtkButton              *status_button;
};

G_DEFINE_FINAL_TYPE (BriefingSidebar, briefing_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  ENTRY_SELECTED,
  ENTRY_ACTIVATED,
  SOURCE_PROPERTIES,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A one-column grid rather than a GtkListView: GTK's list view keeps a
 * row widget for up to 200 items around what it shows, creating, binding
 * and measuring each when the items arrive (about half a millisecond and
 * 40 KB a row with its accessible objects), where the grid view keeps
 * about 30 rows (GTK_GRID_VIEW_MAX_VISIBLE_ROWS): scrolling through
 * 10,000 briefings grew resident memory by 22 MB with the list and by 7
 * with the grid. The .ui keeps the list's accessible role, and style.css
 * draws its children as a navigation sidebar's rows. */

static gboolean on_edge_check_cb (gpointer user_data);

/* Queries ----------------------------------------------------------------- */

void
briefing_sidebar_get_query (BriefingSidebar *self,
                            BriefingQuery   *query)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  briefing_entry_list_get_query (self->entries, query);
}

/* Empty states ------------------------------------------------------------ */

static void
show_status (BriefingSidebar *self,
             const char      *icon,
             const char      *title,
             const char      *description,
             const char      *button_label,
             const char      *button_action)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->status_button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), button_action);
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
show_empty (BriefingSidebar *self,
            gboolean         has_sources)
{
  BriefingFilter filter = briefing_entry_list_get_filter (self->entries);

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (briefing_entry_list_get_search (self->entries) != NULL)
    show_status (self, "edit-find-symbolic", _("No Results"),
                 _("No briefing matches your search"), NULL, NULL);
  else if (filter == BRIEFING_FILTER_UNREAD)
    show_status (self, "object-select-symbolic", _("All Caught Up"),
                 _("There are no unread briefings"), _("Show All"), "win.show-all");
  else if (filter == BRIEFING_FILTER_STARRED)
    show_status (self, "starred-symbolic", _("No Starred Briefings"),
                 _("Star a briefing (S) to keep it here"), NULL, NULL);
  else if (briefing_entry_list_get_topic (self->entries) != NULL)
    show_status (self, "briefing-topic-symbolic", _("Nothing on This Topic"),
                 _("No stored briefing is about it"), _("Show All"), "win.clear-filter");
  else if (!has_sources)
    show_status (self, "briefing-sources-symbolic", _("No Sources"),
                 _("Subscribe to news sources to get briefings here"), _("Add Source…"), "win.add-source");
  else
    show_status (self, "io.github.briefing.Briefing-symbolic", _("No Briefings Yet"),
                 _("Briefings from your sources will appear here after the next refresh"), NULL, NULL);
}

static void
count_sources_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BriefingSidebar) self = user_data;
  g_autoptr(GPtrArray) sources = briefing_store_list_sources_finish (BRIEFING_STORE (object), result, NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0 && !briefing_entry_list_get_loading (self->entries))
    show_empty (self, sources != NULL && sources->len > 0);
}

/* Title --------------------------------------------------------------------- */

/* The subtitle says how far a refresh is while one runs, else what the
 * list is narrowed to, else how many briefings are unread. */
static void
update_title (BriefingSidebar *self)
{
  guint unread_total = briefing_sources_popover_get_unread_total (self->sources_popover);
  g_autofree char *text = NULL;

  g_assert (BRIEFING_IS_SIDEBAR (self));

  /* Before the session arrives, only the refresh can have a say. */
  if (self->entries == NULL)
    return;

  if (self->refreshing && self->sync_total > 0)
    /* Translators: a sync's progress in the window's subtitle, "Syncing, 17 %" */
    text = g_strdup_printf (_("Syncing, %u %%"), MIN (100, (guint) ((guint64) self->sync_done * 100 / self->sync_total)));
  else if (self->refreshing && self->sync_done > 0)
    text = g_strdup_printf (ngettext ("Syncing, %u briefing", "Syncing, %u briefings", self->sync_done),
                            self->sync_done);
  else if (self->refreshing && self->progress_remaining > 0)
    text = g_strdup_printf (ngettext ("Refreshing, %u source to go", "Refreshing, %u sources to go",
                                      self->progress_remaining),
                            self->progress_remaining);
  else if (briefing_entry_list_get_search (self->entries) != NULL)
    text = g_strdup (_("Search"));
  else if (briefing_entry_list_get_topic (self->entries) != NULL)
    text = g_strdup (briefing_entry_list_get_topic (self->entries));
  else if (self->source != NULL)
    text = g_strdup (briefing_source_get_title (self->source));
  else if (unread_total > 0)
    text = g_strdup_printf (ngettext ("%u unread", "%u unread", unread_total), unread_total);

  adw_window_title_set_subtitle (self->title, text != NULL ? text : "");
}

static void
update_filter_banner (BriefingSidebar *self)
{
  const char *topic = briefing_entry_list_get_topic (self->entries);
  g_autofree char *text = NULL;

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (topic != NULL)
    {
      /* Translators: shown above the list when it is filtered by a topic */
      text = g_strdup_printf (_("Topic: %s"), topic);
      gtk_image_set_from_icon_name (self->filter_icon, "briefing-topic-symbolic");
    }
  else if (self->source != NULL)
    {
      /* Translators: shown above the list when it shows one source */
      text = g_strdup_printf (_("Source: %s"), briefing_source_get_title (self->source));
      gtk_image_set_from_icon_name (self->filter_icon, "briefing-sources-symbolic");
    }

  gtk_label_set_text (self->filter_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->filter_revealer, text != NULL);
  update_title (self);
}

/* Stories: the briefing being read, under its story ---------------------------- */

static void
story_of_selected_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BriefingSidebar) self = user_data;
  g_autoptr(GPtrArray) coverage = NULL;
  guint position;

  coverage = briefing_store_list_coverage_finish (BRIEFING_STORE (object), result, NULL);
  if (coverage == NULL || self->entries == NULL)
    return;

  /* The listed entry standing for the story: expanding it lists the
   * rest, and the briefing is selected as they arrive. */
  for (guint i = 0; i < coverage->len; i++)
    {
      if (briefing_entry_list_find (self->entries, briefing_entry_get_id (g_ptr_array_index (coverage, i)), &position))
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->stories, position);

          if (row != NULL)
            {
              gtk_tree_list_row_set_expanded (row, TRUE);
              briefing_sidebar_select_entry_id (self, self->reveal_id);
            }
          return;
        }
    }
}

static void
reveal_in_story (BriefingSidebar *self,
                 gint64           entry_id)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  self->reveal_id = entry_id;
  briefing_store_list_coverage_async (self->store, entry_id, self->cancellable, story_of_selected_cb,
                                      g_object_ref (self));
}

/* Following the list --------------------------------------------------------- */

/* What the reader sees, noted before a reload changes the list under it. */
static void
on_entries_reloading_cb (BriefingSidebar   *self,
                         BriefingEntryList *entries)
{
  BriefingEntry *selected = gtk_single_selection_get_selected_item (self->selection);

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (selected != NULL)
    self->selected_id = briefing_entry_get_id (selected);
  self->at_top = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller)) <= 0.0;
}

static void
on_entries_loaded_cb (BriefingSidebar   *self,
                      gboolean           first,
                      const GError      *error,
                      BriefingEntryList *entries)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (entries));

  g_assert (BRIEFING_IS_SIDEBAR (self));

  briefing_memory_trim_soon ();

  if (error != NULL)
    {
      if (first)
        show_status (self, "dialog-error-symbolic", _("Cannot Load Briefings"), error->message, NULL, NULL);
      return;
    }

  if (!first)
    return;

  /* The view keeps the row it shows first in place when briefings
   * arrive above it; a reader at the top wants to see them instead, the
   * way a mail client's inbox behaves. */
  if (self->at_top && n_items > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);

  /* Keep the briefing being read selected across reloads; one that a
   * grouped list now shows under its story's newest has the story open. */
  if (self->selected_id != 0 && !briefing_sidebar_select_entry_id (self, self->selected_id) &&
      briefing_entry_list_get_group_stories (self->entries))
    reveal_in_story (self, self->selected_id);
  self->selected_id = 0;

  /* A reader who reached the end while this was on its way wants the
   * next page now, not at the next scroll; whether they did shows once
   * the list has been laid out again. */
  if (self->edge_check_id == 0)
    self->edge_check_id = g_idle_add_full (G_PRIORITY_LOW, on_edge_check_cb, self, NULL);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (briefing_entry_list_is_narrowed (self->entries))
    show_empty (self, TRUE);
  else
    briefing_store_list_sources_async (self->store, self->cancellable, count_sources_cb, g_object_ref (self));
}

/* Starting over with a different question: the list empties itself, and
 * the briefing being read stays selected if the new list has it. */
static void
will_restart (BriefingSidebar *self)
{
  BriefingEntry *selected = gtk_single_selection_get_selected_item (self->selection);

  g_assert (BRIEFING_IS_SIDEBAR (self));

  self->selected_id = selected != NULL ? briefing_entry_get_id (selected) : 0;
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
on_scroller_edge_cb (BriefingSidebar *self,
                     GtkAdjustment   *adjustment)
{
  double remaining = gtk_adjustment_get_upper (adjustment) -
                     (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment));

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (self->entries != NULL && remaining < gtk_adjustment_get_page_size (adjustment))
    briefing_entry_list_load_more (self->entries);
}

static gboolean
on_edge_check_cb (gpointer user_data)
{
  BriefingSidebar *self = user_data;

  self->edge_check_id = 0;
  on_scroller_edge_cb (self, gtk_scrolled_window_get_vadjustment (self->scroller));

  return G_SOURCE_REMOVE;
}

/**
 * briefing_sidebar_set_group_stories:
 * @group: whether a story is listed once, under its newest briefing
 *
 * The list starts over; the briefing being read stays selected, its
 * story opened if it is now listed under another.
 */
void
briefing_sidebar_set_group_stories (BriefingSidebar *self,
                                    gboolean         group)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  if (self->entries == NULL || briefing_entry_list_get_group_stories (self->entries) == !!group)
    return;

  will_restart (self);
  briefing_entry_list_set_group_stories (self->entries, group);
}

/**
 * briefing_sidebar_get_unread_total:
 *
 * Returns: how many briefings are unread, in every source
 */
guint
briefing_sidebar_get_unread_total (BriefingSidebar *self)
{
  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), 0);

  return briefing_sources_popover_get_unread_total (self->sources_popover);
}

/**
 * briefing_sidebar_get_entries:
 *
 * Returns: (transfer none): the list the sidebar shows
 */
BriefingEntryList *
briefing_sidebar_get_entries (BriefingSidebar *self)
{
  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), NULL);

  return self->entries;
}

/* Selection ------------------------------------------------------------------ */

BriefingEntry *
briefing_sidebar_get_selected (BriefingSidebar *self)
{
  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

static void
select_position (BriefingSidebar *self,
                 guint            position)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  gtk_single_selection_set_selected (self->selection, position);

  /* Moves the keyboard focus there too, so arrows continue from here. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
briefing_sidebar_select_relative (BriefingSidebar *self,
                                  int              delta)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = gtk_single_selection_get_selected (self->selection);
  gint64 target;

  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  if (n_items == 0)
    return;

  if (selected == GTK_INVALID_LIST_POSITION)
    target = delta > 0 ? 0 : (gint64) n_items - 1;
  else
    target = CLAMP ((gint64) selected + delta, 0, (gint64) n_items - 1);

  select_position (self, (guint) target);

  /* Reading on with j past the loaded pages loads the next one. */
  if (target + 10 >= n_items)
    briefing_entry_list_load_more (self->entries);
}

/* Where @entry_id is in the view: a listed entry, or one of the
 * entries shown under an expanded story. */
static gboolean
find_in_view (BriefingSidebar *self,
              gint64           entry_id,
              guint           *position)
{
  GListModel *view = G_LIST_MODEL (self->stories);
  guint n_items = g_list_model_get_n_items (view);
  guint listed;

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (briefing_entry_list_find (self->entries, entry_id, &listed))
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->stories, listed);

      if (row != NULL)
        {
          *position = gtk_tree_list_row_get_position (row);
          return TRUE;
        }
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BriefingEntry) entry = g_list_model_get_item (view, i);

      if (briefing_entry_get_id (entry) == entry_id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
briefing_sidebar_select_entry_id (BriefingSidebar *self,
                                  gint64           entry_id)
{
  guint position;

  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), FALSE);

  if (self->entries == NULL || !find_in_view (self, entry_id, &position))
    return FALSE;

  if (gtk_single_selection_get_selected (self->selection) != position)
    select_position (self, position);

  return TRUE;
}

void
briefing_sidebar_focus_list (BriefingSidebar *self)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_selection_changed_cb (BriefingSidebar    *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  g_signal_emit (self, signals[ENTRY_SELECTED], 0, gtk_single_selection_get_selected_item (selection));
}

static void
on_list_view_activate_cb (BriefingSidebar *self,
                          guint            position,
                          GtkGridView     *list_view)
{
  g_autoptr(BriefingEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (entry != NULL)
    g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, entry);
}

/* Filters --------------------------------------------------------------------- */

void
briefing_sidebar_set_filter (BriefingSidebar *self,
                             BriefingFilter   filter)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  switch (filter)
    {
    case BRIEFING_FILTER_UNREAD:
      gtk_toggle_button_set_active (self->unread_button, TRUE);
      break;

    case BRIEFING_FILTER_STARRED:
      gtk_toggle_button_set_active (self->starred_button, TRUE);
      break;

    case BRIEFING_FILTER_ALL:
    default:
      gtk_toggle_button_set_active (self->all_button, TRUE);
      break;
    }
}

static void
on_filter_toggled_cb (BriefingSidebar *self,
                      GtkToggleButton *button)
{
  BriefingFilter filter;

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (!gtk_toggle_button_get_active (button) || self->entries == NULL)
    return;

  if (button == self->unread_button)
    filter = BRIEFING_FILTER_UNREAD;
  else if (button == self->starred_button)
    filter = BRIEFING_FILTER_STARRED;
  else
    filter = BRIEFING_FILTER_ALL;

  if (filter == briefing_entry_list_get_filter (self->entries))
    return;

  will_restart (self);
  briefing_entry_list_set_filter (self->entries, filter);
}

/**
 * briefing_sidebar_set_topic:
 * @topic: (nullable): show only briefings about this topic
 */
void
briefing_sidebar_set_topic (BriefingSidebar *self,
                            const char      *topic)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (self->entries != NULL);

  if (g_strcmp0 (briefing_entry_list_get_topic (self->entries), topic) == 0)
    return;

  will_restart (self);
  if (topic != NULL)
    g_clear_object (&self->source);
  briefing_entry_list_set_topic (self->entries, topic);
  update_filter_banner (self);
}

/**
 * briefing_sidebar_set_source:
 * @source: (nullable): show only briefings from this source
 */
void
briefing_sidebar_set_source (BriefingSidebar *self,
                             BriefingSource  *source)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (self->entries != NULL);

  if (self->source == source ||
      (self->source != NULL && source != NULL && briefing_source_get_id (self->source) == briefing_source_get_id (source)))
    return;

  will_restart (self);
  g_set_object (&self->source, source);
  briefing_entry_list_set_source (self->entries, source != NULL ? briefing_source_get_id (source) : 0);
  update_filter_banner (self);
}

/**
 * briefing_sidebar_clear_filter:
 *
 * Returns: whether there was a topic or source filter to clear
 */
gboolean
briefing_sidebar_clear_filter (BriefingSidebar *self)
{
  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), FALSE);

  if (self->entries == NULL || (briefing_entry_list_get_topic (self->entries) == NULL && self->source == NULL))
    return FALSE;

  will_restart (self);
  g_clear_object (&self->source);
  if (briefing_entry_list_get_topic (self->entries) != NULL)
    briefing_entry_list_set_topic (self->entries, NULL);
  else
    briefing_entry_list_set_source (self->entries, 0);
  update_filter_banner (self);

  return TRUE;
}

/* Search ------------------------------------------------------------------ */

static void
on_search_changed_cb (BriefingSidebar *self,
                      GtkSearchEntry  *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  if (self->entries == NULL || g_strcmp0 (text, briefing_entry_list_get_search (self->entries)) == 0)
    return;

  will_restart (self);
  briefing_entry_list_set_search (self->entries, text);
  update_filter_banner (self);
}

static void
on_search_mode_cb (BriefingSidebar *self,
                   GParamSpec      *pspec,
                   GtkSearchBar    *search_bar)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_activate_cb (BriefingSidebar *self,
                       GtkSearchEntry  *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      select_position (self, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

void
briefing_sidebar_focus_search (BriefingSidebar *self)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * briefing_sidebar_search:
 * @text: what to search for
 *
 * Opens the search with @text in it, as a search started elsewhere (the
 * Overview) asks; the list follows as if the reader had typed it.
 */
void
briefing_sidebar_search (BriefingSidebar *self,
                         const char      *text)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (text != NULL);

  briefing_sidebar_focus_search (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

/**
 * briefing_sidebar_close_search:
 *
 * Returns: whether search was open
 */
gboolean
briefing_sidebar_close_search (BriefingSidebar *self)
{
  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), FALSE);

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  return TRUE;
}

/* Sources popover ------------------------------------------------------------- */

static void
on_source_activated_cb (BriefingSidebar        *self,
                        BriefingSource         *source,
                        BriefingSourcesPopover *popover)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (source == NULL)
    briefing_sidebar_clear_filter (self);
  else
    briefing_sidebar_set_source (self, source);
}

static void
on_source_properties_cb (BriefingSidebar        *self,
                         BriefingSource         *source,
                         BriefingSourcesPopover *popover)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  g_signal_emit (self, signals[SOURCE_PROPERTIES], 0, source);
}

static void
renamed_source_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BriefingSidebar) self = user_data;
  g_autoptr(BriefingSource) source = briefing_store_get_source_finish (BRIEFING_STORE (object), result, NULL);

  if (source != NULL && self->source != NULL && briefing_source_get_id (source) == briefing_source_get_id (self->source))
    {
      g_set_object (&self->source, source);
      update_filter_banner (self);
    }
}

/* The source being shown was renamed or removed. */
static void
on_store_source_changed_cb (BriefingSidebar      *self,
                            gint64                source_id,
                            BriefingSourceChange  change,
                            BriefingStore        *store)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (self->source == NULL || briefing_source_get_id (self->source) != source_id)
    return;

  if (change == BRIEFING_SOURCE_CHANGE_REMOVED)
    briefing_sidebar_clear_filter (self);
  else if (change == BRIEFING_SOURCE_CHANGE_RENAMED)
    briefing_store_get_source_async (store, source_id, self->cancellable, renamed_source_cb, g_object_ref (self));
}

void
briefing_sidebar_show_sources (BriefingSidebar *self)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  gtk_menu_button_popup (self->sources_button);
}

/* Refresh state ---------------------------------------------------------------- */

/* How far a refresh is shows as a progress bar over the list and in the
 * header's subtitle, updated a few times a second rather than for each
 * source: every change draws a frame, and with hundreds of sources (or a
 * software renderer, where a frame of the whole window is tens of
 * milliseconds of CPU) frames for each would compete with the refresh
 * itself. For the same reason there is no spinner, which draws without
 * end. */
#define PROGRESS_INTERVAL_MS 250

static void
show_progress (BriefingSidebar *self)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (!self->refreshing)
    return;

  if (self->sync_total > 0)
    gtk_progress_bar_set_fraction (self->refresh_progress, MIN (1.0, (double) self->sync_done / self->sync_total));
  else if (self->sync_done > 0)
    gtk_progress_bar_pulse (self->refresh_progress);
  else
    gtk_progress_bar_set_fraction (self->refresh_progress,
                                   self->progress_total > 0
                                   ? 1.0 - (double) self->progress_remaining / self->progress_total
                                   : 0.0);
  update_title (self);
}

static gboolean
on_progress_timeout_cb (gpointer user_data)
{
  BriefingSidebar *self = user_data;

  self->progress_id = 0;
  show_progress (self);

  return G_SOURCE_REMOVE;
}

void
briefing_sidebar_set_refreshing (BriefingSidebar *self,
                                 gboolean         refreshing)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  self->refreshing = refreshing;
  self->progress_total = 0;
  self->progress_remaining = 0;
  self->sync_done = 0;
  self->sync_total = 0;
  g_clear_handle_id (&self->progress_id, g_source_remove);

  gtk_progress_bar_set_fraction (self->refresh_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_progress), refreshing);

  if (!refreshing)
    update_title (self);
}

/**
 * briefing_sidebar_set_progress:
 * @remaining: sources still queued or in flight
 *
 * Shows how far a refresh is (see briefing_sidebar_set_refreshing()).
 */
/**
 * briefing_sidebar_set_sync_progress:
 * @done: briefings the account's server has sent in this sync
 * @total: how many it will send, 0 when it does not say
 *
 * Shows how far the sync of a refresh round is: a first sync of a large
 * account takes a while.
 */
void
briefing_sidebar_set_sync_progress (BriefingSidebar *self,
                                    guint            done,
                                    guint            total)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  self->sync_done = done;
  self->sync_total = total;

  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, on_progress_timeout_cb, self);
}

void
briefing_sidebar_set_progress (BriefingSidebar *self,
                               guint            remaining)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  /* The most ever waiting in this refresh stands for the whole of it. */
  self->progress_total = MAX (self->progress_total, remaining + 1);
  self->progress_remaining = remaining;

  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, on_progress_timeout_cb, self);
}

void
briefing_sidebar_set_offline (BriefingSidebar *self,
                              gboolean         offline)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
}

/* Rows ------------------------------------------------------------------------- */

/* The day heading depends on the briefing above, so it is worked out
 * again when the row moves. Under an expanded story, "above" is the
 * story's newest entry. */
static void
update_heading (BriefingSidebar *self,
                GtkListItem     *item)
{
  guint position = gtk_list_item_get_position (item);
  g_autoptr(GtkTreeListRow) above = NULL;
  g_autoptr(GtkTreeListRow) parent = NULL;
  g_autoptr(BriefingEntry) previous = NULL;

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (gtk_list_item_get_item (item) == NULL)
    return;

  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    above = gtk_tree_list_model_get_row (self->stories, position - 1);
  if (above != NULL && gtk_tree_list_row_get_depth (above) > 0)
    parent = gtk_tree_list_row_get_parent (above);
  if (above != NULL)
    previous = gtk_tree_list_row_get_item (parent != NULL ? parent : above);

  briefing_entry_row_set_previous (BRIEFING_ENTRY_ROW (gtk_list_item_get_child (item)), previous);
}

static void
update_story (BriefingSidebar *self,
              GtkListItem     *item)
{
  BriefingEntry *entry = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(GtkTreeListRow) row = NULL;
  BriefingEntryRowStory story = BRIEFING_ENTRY_ROW_STORY_NONE;

  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (entry == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  row = gtk_tree_list_model_get_row (self->stories, position);
  if (row != NULL && gtk_tree_list_row_get_depth (row) > 0)
    story = BRIEFING_ENTRY_ROW_STORY_MEMBER;
  else if (briefing_entry_list_get_group_stories (self->entries) && briefing_entry_get_story_sources (entry) > 1)
    story = BRIEFING_ENTRY_ROW_STORY_LEAD;

  briefing_entry_row_set_story (BRIEFING_ENTRY_ROW (gtk_list_item_get_child (item)), story,
                                row != NULL && gtk_tree_list_row_get_expanded (row));
}

static void
on_item_position_cb (GtkListItem     *item,
                     GParamSpec      *pspec,
                     BriefingSidebar *self)
{
  update_story (self, item);
  update_heading (self, item);
}

static void
on_row_story_toggled_cb (BriefingEntryRow *row,
                         gboolean          expanded,
                         GtkListItem      *item)
{
  BriefingSidebar *self = BRIEFING_SIDEBAR (gtk_widget_get_ancestor (GTK_WIDGET (row), BRIEFING_TYPE_SIDEBAR));
  guint position = gtk_list_item_get_position (item);
  g_autoptr(GtkTreeListRow) tree_row = NULL;

  if (self == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  tree_row = gtk_tree_list_model_get_row (self->stories, position);
  if (tree_row != NULL)
    gtk_tree_list_row_set_expanded (tree_row, expanded);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              BriefingSidebar          *self)
{
  BriefingEntryRow *row = briefing_entry_row_new (self->image_loader);

  gtk_list_item_set_child (item, GTK_WIDGET (row));
  g_signal_connect_object (item, "notify::position", G_CALLBACK (on_item_position_cb), self, 0);
  g_signal_connect_object (row, "story-toggled", G_CALLBACK (on_row_story_toggled_cb), item, 0);
}

/* There is no unbind: a row keeps its briefing until it is given another
 * one, so that a row bound again to the same briefing changes nothing
 * (see briefing_entry_row_set_entry()). */
static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             BriefingSidebar          *self)
{
  briefing_entry_row_set_entry (BRIEFING_ENTRY_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
  update_story (self, item);
  update_heading (self, item);
}

/* Stories ------------------------------------------------------------------------ */

static void
story_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GListStore) others = user_data;
  BriefingSidebar *self = g_object_get_data (G_OBJECT (others), "briefing-sidebar");
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(GError) error = NULL;

  coverage = briefing_store_list_coverage_finish (BRIEFING_STORE (object), result, &error);
  if (coverage == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the story’s sources: %s", error->message);
      return;
    }

  /* Newest first, as the list above them. */
  for (guint i = coverage->len; i > 0; i--)
    g_list_store_append (others, g_ptr_array_index (coverage, i - 1));

  /* The briefing being read was among them. */
  if (self != NULL && self->reveal_id != 0 && briefing_sidebar_select_entry_id (self, self->reveal_id))
    self->reveal_id = 0;
}

/* The entries shown under a story's newest entry when the reader expands
 * it; listed entries only, and only those standing for a story. */
static GListModel *
create_story_model_cb (gpointer item,
                       gpointer user_data)
{
  BriefingSidebar *self = user_data;
  BriefingEntry *entry = item;
  GListStore *others;
  guint position;

  if (!briefing_entry_list_get_group_stories (self->entries) || briefing_entry_get_story_sources (entry) < 2)
    return NULL;

  if (!briefing_entry_list_find (self->entries, briefing_entry_get_id (entry), &position))
    return NULL;
  {
    g_autoptr(BriefingEntry) listed = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

    if (listed != entry)
      return NULL;
  }

  others = g_list_store_new (BRIEFING_TYPE_ENTRY);
  briefing_store_list_coverage_async (self->store, briefing_entry_get_id (entry), self->cancellable,
                                      story_listed_cb, g_object_ref (others));
  /* The sidebar outlives the request: disposing it cancels the request. */
  g_object_set_data (G_OBJECT (others), "briefing-sidebar", self);

  return G_LIST_MODEL (others);
}

static void
on_stories_changed_cb (BriefingSidebar *self)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  if (briefing_entry_list_get_group_stories (self->entries))
    briefing_entry_list_queue_reload (self->entries);
}

/* Object ------------------------------------------------------------------------ */

static void
on_unread_total_cb (BriefingSidebar *self)
{
  g_assert (BRIEFING_IS_SIDEBAR (self));

  update_title (self);
}

/**
 * briefing_sidebar_set_session:
 * @image_loader: (nullable): where the rows' thumbnails come from
 *
 * Starts showing the session's briefings.
 */
void
briefing_sidebar_set_session (BriefingSidebar     *self,
                              BriefingSession     *session,
                              BriefingImageLoader *image_loader)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (BRIEFING_IS_SESSION (session));
  g_return_if_fail (image_loader == NULL || BRIEFING_IS_IMAGE_LOADER (image_loader));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_set_object (&self->image_loader, image_loader);
  self->store = g_object_ref (briefing_session_get_store (session));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->store, "source-changed", G_CALLBACK (on_store_source_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->entries = briefing_entry_list_new (self->store);
  g_signal_connect_object (self->entries, "reloading", G_CALLBACK (on_entries_reloading_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entries, "loaded", G_CALLBACK (on_entries_loaded_cb), self, G_CONNECT_SWAPPED);
  self->stories = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->entries)), TRUE, FALSE,
                                           create_story_model_cb, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->stories));
  g_signal_connect_object (session, "stories-changed", G_CALLBACK (on_stories_changed_cb), self,
                           G_CONNECT_SWAPPED);

  briefing_sources_popover_set_store (self->sources_popover, self->store);
}

static void
briefing_sidebar_dispose (GObject *object)
{
  BriefingSidebar *self = (BriefingSidebar *)object;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->edge_check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->stories);
  g_clear_object (&self->entries);
  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->image_loader);

  gtk_widget_dispose_template (GTK_WIDGET (self), BRIEFING_TYPE_SIDEBAR);

  G_OBJECT_CLASS (briefing_sidebar_parent_class)->dispose (object);
}

static void
briefing_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BriefingSidebar *self = BRIEFING_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BriefingSidebar *self = BRIEFING_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The sidebar is as wide as it asks (its width-request) and no wider for
 * what it shows: otherwise a longer subtitle ("Refreshing, 349 sources to
 * go") or headline would widen it, and every row would wrap and be
 * measured again. When folded it takes the whole window all the same. */
static void
briefing_sidebar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BriefingSidebar *self = BRIEFING_SIDEBAR (widget);

  gtk_widget_measure (self->layout, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
briefing_sidebar_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  gtk_widget_allocate (BRIEFING_SIDEBAR (widget)->layout, width, height, baseline, NULL);
}

static void
briefing_sidebar_class_init (BriefingSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_sidebar_dispose;
  object_class->get_property = briefing_sidebar_get_property;
  object_class->set_property = briefing_sidebar_set_property;

  /**
   * BriefingSidebar:folded:
   *
   * Whether the window shows the sidebar alone, so that its header
   * carries the window buttons.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENTRY_SELECTED] =
    g_signal_new ("entry-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_ENTRY);
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_ENTRY);
  signals[SOURCE_PROPERTIES] =
    g_signal_new ("source-properties", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_SOURCE);

  g_type_ensure (BRIEFING_TYPE_SOURCES_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, layout);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, header_bar);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, title);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, refresh_progress);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, all_button);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, unread_button);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, starred_button);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, sources_button);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, sources_popover);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, filter_icon);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, filter_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, status_page);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, status_button);

  widget_class->measure = briefing_sidebar_measure;
  widget_class->size_allocate = briefing_sidebar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "briefing-sidebar");
}

static void
setup_list (BriefingSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_assert (BRIEFING_IS_SIDEBAR (self));

  /* The model arrives with the session (briefing_sidebar_set_session()). */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);

  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_grid_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_scroller_edge_cb), self, G_CONNECT_SWAPPED);
  /* A window taller than the first page fills itself, without a scroll. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_scroller_edge_cb), self, G_CONNECT_SWAPPED);
  briefing_timings_watch_first_paint (GTK_WIDGET (self->list_view));
}

static void
briefing_sidebar_init (BriefingSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_list (self);

  g_signal_connect_object (self->all_button, "toggled", G_CALLBACK (on_filter_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unread_button, "toggled", G_CALLBACK (on_filter_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->starred_button, "toggled", G_CALLBACK (on_filter_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources_popover, "source-activated", G_CALLBACK (on_source_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources_popover, "source-properties", G_CALLBACK (on_source_properties_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources_popover, "notify::unread-total", G_CALLBACK (on_unread_total_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
