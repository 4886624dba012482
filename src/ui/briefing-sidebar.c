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
#include "briefing-entry-row.h"
#include "briefing-memory.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-timings.h"
#include "briefing-utils.h"

/* The sidebar: briefings newest first, with day headings, filters
 * (all/unread/starred, one source, one topic), search over the full-text
 * index, and the refresh state. The list is a one-column GtkGridView
 * over a GListStore filled a page at a time as the reader scrolls, so
 * neither widgets nor queries grow with the number of stored briefings. */
struct _BriefingSidebar
{
  GtkWidget           parent_instance;

  /* The template's top box: bound so that dispose unparents it. */
  GtkWidget          *layout;

  BriefingSession    *session;
  BriefingStore      *store;
  GListStore         *entries;
  GtkSingleSelection *selection;
  GHashTable         *pending_writes;
  GCancellable       *list_cancellable;
  GCancellable       *sources_cancellable;
  GPtrArray          *sources;          /* listed while the popover was hidden */

  BriefingFilter      filter;
  char               *topic;
  BriefingSource     *source;
  char               *search;
  gboolean            folded;
  gboolean            loading_more;
  gboolean            exhausted;
  guint               generation;
  guint               reload_id;
  gint64              reselect_id;   /* selected before the list started over */
  gboolean            reloading;     /* a first page is on its way */
  guint               edge_check_id;

  gboolean            refreshing;
  guint               progress_total;
  guint               progress_remaining;
  guint               progress_id;
  guint               unread_total;

  /* Template widgets */
  GtkWidget          *header_bar;
  AdwWindowTitle     *title;
  GtkProgressBar     *refresh_progress;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *all_button;
  GtkToggleButton    *unread_button;
  GtkToggleButton    *starred_button;
  GtkMenuButton      *sources_button;
  GtkPopover         *sources_popover;
  GtkListBox         *sources_list;
  GtkRevealer        *filter_revealer;
  GtkImage           *filter_icon;
  GtkLabel           *filter_label;
  GtkRevealer        *offline_revealer;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkGridView        *list_view;
  AdwStatusPage      *status_page;
  GtkButton          *status_button;
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
 * draws its children as a navigation sidebar's rows. The list still
 * grows in small steps: the first page only needs
 * to fill a window (with 40, the first paint with 100,000 briefings took
 * 40 rows' work more than with the 8 samples), and each further page,
 * loaded as the reader nears the end, is created in one frame (pages of
 * 150 were a 75 ms stall while scrolling). */
#define FIRST_PAGE_SIZE 24
#define PAGE_SIZE 50

/* A reload keeps what the reader has scrolled through, up to this. */
#define RELOAD_LIMIT 1500

static void load_page (BriefingSidebar *self,
                       gboolean         first);
static gboolean on_edge_check_cb (gpointer user_data);

/* Queries ----------------------------------------------------------------- */

void
briefing_sidebar_get_query (BriefingSidebar *self,
                            BriefingQuery   *query)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  *query = (BriefingQuery) { 0, };
  query->source_id = self->source != NULL ? briefing_source_get_id (self->source) : 0;
  query->topic = self->topic;
  query->search = self->search;
  query->unread_only = self->filter == BRIEFING_FILTER_UNREAD;
  query->starred_only = self->filter == BRIEFING_FILTER_STARRED;
}

static gboolean
has_narrowing (BriefingSidebar *self)
{
  return self->filter != BRIEFING_FILTER_ALL || self->topic != NULL || self->source != NULL || self->search != NULL;
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
  if (self->search != NULL)
    show_status (self, "edit-find-symbolic", _("No Results"),
                 _("No briefing matches your search"), NULL, NULL);
  else if (self->filter == BRIEFING_FILTER_UNREAD)
    show_status (self, "object-select-symbolic", _("All Caught Up"),
                 _("There are no unread briefings"), _("Show All"), "win.show-all");
  else if (self->filter == BRIEFING_FILTER_STARRED)
    show_status (self, "starred-symbolic", _("No Starred Briefings"),
                 _("Star a briefing (S) to keep it here"), NULL, NULL);
  else if (self->topic != NULL)
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
  g_autoptr(GPtrArray) sources = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    show_empty (self, sources != NULL && sources->len > 0);
}

static void
list_sources_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *sources = briefing_store_list_sources (BRIEFING_STORE (task_data), &error);

  if (sources == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sources, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_sources_async (BriefingSidebar     *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback)
{
  briefing_store_run_async (self->store, self, list_sources_thread, g_object_ref (self->store), g_object_unref,
                            list_sources_async, cancellable, callback, g_object_ref (self));
}

/* Title --------------------------------------------------------------------- */

/* The subtitle says how far a refresh is while one runs, else what the
 * list is narrowed to, else how many briefings are unread. */
static void
update_title (BriefingSidebar *self)
{
  g_autofree char *text = NULL;

  if (self->refreshing && self->progress_remaining > 0)
    text = g_strdup_printf (ngettext ("Refreshing, %u source to go", "Refreshing, %u sources to go",
                                      self->progress_remaining),
                            self->progress_remaining);
  else if (self->search != NULL)
    text = g_strdup (_("Search"));
  else if (self->topic != NULL)
    text = g_strdup (self->topic);
  else if (self->source != NULL)
    text = g_strdup (briefing_source_get_title (self->source));
  else if (self->unread_total > 0)
    text = g_strdup_printf (ngettext ("%u unread", "%u unread", self->unread_total), self->unread_total);

  adw_window_title_set_subtitle (self->title, text != NULL ? text : "");
}

static void
update_filter_banner (BriefingSidebar *self)
{
  g_autofree char *text = NULL;

  if (self->topic != NULL)
    {
      /* Translators: shown above the list when it is filtered by a topic */
      text = g_strdup_printf (_("Topic: %s"), self->topic);
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

/* Loading ----------------------------------------------------------------- */

/* Reloading keeps the entry objects rows are bound to, updating them, so
 * rows are not rebuilt; and an entry whose read or starred state we are
 * still writing keeps what the reader just gave it, whatever an older
 * query says. */
static void
merge_entries (BriefingSidebar *self,
               GPtrArray       *entries)
{
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n_items; i++)
    {
      BriefingEntry *entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      gint64 id = briefing_entry_get_id (entry);

      g_hash_table_insert (current, g_memdup2 (&id, sizeof id), entry);
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

typedef struct
{
  guint position;
  guint n_removed;
  guint first_added;   /* index into the new entries */
  guint n_added;
} Splice;

/* The splices that turn @list (a copy of the list's entries, changed as
 * it goes) into @entries, comparing objects: merge_entries() has already
 * swapped in the objects the list holds. Stops after @max splices. */
static GArray *
diff_entries (GPtrArray *list,
              GPtrArray *entries,
              guint      max)
{
  g_autoptr(GHashTable) remaining = g_hash_table_new (NULL, NULL);
  GArray *splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  guint pos = 0;

  /* The list's entries from pos on. */
  for (guint i = 0; i < list->len; i++)
    g_hash_table_add (remaining, g_ptr_array_index (list, i));

  while (pos < entries->len && splices->len <= max)
    {
      gpointer wanted = g_ptr_array_index (entries, pos);
      gpointer here = pos < list->len ? g_ptr_array_index (list, pos) : NULL;
      Splice splice = { pos, 0, pos, 0 };

      if (here == wanted)
        {
          g_hash_table_remove (remaining, here);
          pos++;
          continue;
        }

      if (!g_hash_table_contains (remaining, wanted))
        {
          /* New here: insert the run of entries the list does not hold. */
          guint end = pos + 1;

          while (end < entries->len && !g_hash_table_contains (remaining, g_ptr_array_index (entries, end)))
            end++;

          splice.n_added = end - pos;
          for (guint i = pos; i < end; i++)
            g_ptr_array_insert (list, i, g_ptr_array_index (entries, i));
          pos = end;
        }
      else
        {
          /* Gone from here (deleted, or moved later): drop what lies
           * before the wanted entry. */
          guint end = pos;

          while (g_ptr_array_index (list, end) != wanted)
            g_hash_table_remove (remaining, g_ptr_array_index (list, end++));

          splice.n_removed = end - pos;
          g_ptr_array_remove_range (list, pos, end - pos);
        }

      g_array_append_val (splices, splice);
    }

  if (list->len > entries->len)
    {
      Splice splice = { entries->len, list->len - entries->len, 0, 0 };

      g_array_append_val (splices, splice);
    }

  return splices;
}

/* Turns the list into @entries. A refresh mostly adds a few briefings at
 * the top: splicing in just those keeps every other row as it is, where
 * replacing the whole list has the view bind and measure every row
 * it shows again. But each splice costs a measure of the list on GTK
 * 4.8, so when the changes are scattered one replacement is cheaper. */
#define MAX_SPLICES 3

static void
apply_entries (BriefingSidebar *self,
               GPtrArray       *entries)
{
  GListModel *model = G_LIST_MODEL (self->entries);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) list = g_ptr_array_sized_new (n_items);
  g_autoptr(GArray) splices = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BriefingEntry) entry = g_list_model_get_item (model, i);

      g_ptr_array_add (list, entry);   /* the list store keeps it alive */
    }

  splices = diff_entries (list, entries, MAX_SPLICES);
  if (splices->len > MAX_SPLICES)
    {
      g_list_store_splice (self->entries, 0, n_items, entries->pdata, entries->len);
      return;
    }

  for (guint i = 0; i < splices->len; i++)
    {
      const Splice *splice = &g_array_index (splices, Splice, i);

      g_list_store_splice (self->entries, splice->position, splice->n_removed,
                           &entries->pdata[splice->first_added], splice->n_added);
    }
}

typedef struct
{
  BriefingSidebar *self;
  guint            generation;
  gboolean         first;
  guint            limit;
} PageRequest;

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree PageRequest *request = user_data;
  g_autoptr(BriefingSidebar) self = request->self;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  BriefingEntry *selected;
  gint64 selected_id;
  GtkAdjustment *adjustment;
  gboolean at_top;

  entries = briefing_store_list_entries_finish (BRIEFING_STORE (object), result, &error);
  if (request->generation != self->generation)
    return;

  self->loading_more = FALSE;
  if (request->first)
    self->reloading = FALSE;
  briefing_memory_trim_soon ();

  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, "dialog-error-symbolic", _("Cannot Load Briefings"), error->message, NULL, NULL);
      return;
    }

  self->exhausted = entries->len < request->limit;

  if (!request->first)
    {
      g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                           entries->pdata, entries->len);
      return;
    }

  selected = gtk_single_selection_get_selected_item (self->selection);
  selected_id = selected != NULL ? briefing_entry_get_id (selected) : self->reselect_id;
  self->reselect_id = 0;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  at_top = gtk_adjustment_get_value (adjustment) <= 0.0;

  merge_entries (self, entries);
  apply_entries (self, entries);

  /* The view keeps the row it shows first in place when briefings
   * arrive above it; a reader at the top wants to see them instead, the
   * way a mail client's inbox behaves. */
  if (at_top && entries->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);

  /* Keep the briefing being read selected across reloads. */
  if (selected_id != 0)
    briefing_sidebar_select_entry_id (self, selected_id);

  /* A reader who reached the end while this was on its way wants the
   * next page now, not at the next scroll; whether they did shows once
   * the list has been laid out again. */
  if (self->edge_check_id == 0)
    self->edge_check_id = g_idle_add_full (G_PRIORITY_LOW, on_edge_check_cb, self, NULL);

  if (entries->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (has_narrowing (self))
    show_empty (self, TRUE);
  else
    list_sources_async (self, self->list_cancellable, count_sources_cb);
}

static void
load_page (BriefingSidebar *self,
           gboolean         first)
{
  BriefingQuery query;
  PageRequest *request;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  if (self->store == NULL)
    return;

  briefing_sidebar_get_query (self, &query);
  query.limit = PAGE_SIZE;

  if (!first)
    {
      g_autoptr(BriefingEntry) last = n_items > 0 ? g_list_model_get_item (G_LIST_MODEL (self->entries), n_items - 1) : NULL;

      /* A page after the old list's end means nothing to a reload on
       * its way. */
      if (last == NULL || self->loading_more || self->reloading || self->exhausted)
        return;

      query.before_published = briefing_entry_get_published (last);
      query.before_id = briefing_entry_get_id (last);
      self->loading_more = TRUE;
    }
  else
    {
      /* A reload after new arrivals keeps what the reader has scrolled
       * to, up to a point. */
      query.limit = CLAMP (n_items, FIRST_PAGE_SIZE, RELOAD_LIMIT);
      g_cancellable_cancel (self->list_cancellable);
      g_clear_object (&self->list_cancellable);
      self->list_cancellable = g_cancellable_new ();
      self->generation++;
      self->loading_more = FALSE;
      self->reloading = TRUE;
    }

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->first = first;
  request->limit = query.limit;

  briefing_store_list_entries_async (self->store, &query, self->list_cancellable, page_cb, request);
}

void
briefing_sidebar_reload (BriefingSidebar *self)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  load_page (self, TRUE);
}

/* Starting over with a different question empties the list first, so
 * the old answer never shows under the new filter. */
static void
restart (BriefingSidebar *self)
{
  BriefingEntry *selected = gtk_single_selection_get_selected_item (self->selection);

  /* The briefing being read stays selected if the new list has it. */
  if (selected != NULL)
    self->reselect_id = briefing_entry_get_id (selected);

  g_list_store_remove_all (self->entries);
  self->exhausted = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_filter_banner (self);
  load_page (self, TRUE);
}

static void
on_scroller_edge_cb (BriefingSidebar *self,
                     GtkAdjustment   *adjustment)
{
  double remaining = gtk_adjustment_get_upper (adjustment) -
                     (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment));

  if (remaining < gtk_adjustment_get_page_size (adjustment))
    load_page (self, FALSE);
}

static gboolean
on_edge_check_cb (gpointer user_data)
{
  BriefingSidebar *self = user_data;

  self->edge_check_id = 0;
  on_scroller_edge_cb (self, gtk_scrolled_window_get_vadjustment (self->scroller));

  return G_SOURCE_REMOVE;
}

/* State writes --------------------------------------------------------------- */

typedef struct
{
  BriefingSidebar *self;
  gint64           entry_id;
  gboolean         starred;
} StateWrite;

static void
pending_write_done (BriefingSidebar *self,
                    gint64           entry_id)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_writes, &entry_id));

  if (count <= 1)
    g_hash_table_remove (self->pending_writes, &entry_id);
  else
    g_hash_table_insert (self->pending_writes, g_memdup2 (&entry_id, sizeof entry_id), GUINT_TO_POINTER (count - 1));
}

static void
state_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree StateWrite *write = user_data;
  g_autoptr(BriefingSidebar) self = write->self;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot save the briefing's state: %s", error->message);

  if (self->pending_writes != NULL)
    pending_write_done (self, write->entry_id);
}

typedef struct
{
  gint64   entry_id;
  gboolean starred;
  gboolean value;
} StateArgs;

static void
write_state_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  BriefingSidebar *self = source_object;
  StateArgs *args = task_data;
  GError *error = NULL;
  gboolean ok;

  if (args->starred)
    ok = briefing_store_set_starred (self->store, args->entry_id, args->value, &error);
  else
    ok = briefing_store_set_read (self->store, args->entry_id, args->value, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_state (BriefingSidebar *self,
             BriefingEntry   *entry,
             gboolean         starred,
             gboolean         value)
{
  StateWrite *write = g_new0 (StateWrite, 1);
  StateArgs *args = g_new0 (StateArgs, 1);
  gint64 id = briefing_entry_get_id (entry);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_writes, &id));

  write->self = g_object_ref (self);
  write->entry_id = id;
  args->entry_id = id;
  args->starred = starred;
  args->value = value;
  g_hash_table_insert (self->pending_writes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count + 1));

  if (starred)
    briefing_entry_set_starred (entry, value);
  else
    briefing_entry_set_read (entry, value);

  briefing_store_run_async (self->store, self, write_state_thread, args, g_free,
                            write_state, NULL, state_written_cb, write);
}

/**
 * briefing_sidebar_write_read:
 *
 * Marks @entry read or unread, at once on screen and then in the store.
 */
void
briefing_sidebar_write_read (BriefingSidebar *self,
                             BriefingEntry   *entry,
                             gboolean         read)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (BRIEFING_IS_ENTRY (entry));

  write_state (self, entry, FALSE, read);
}

void
briefing_sidebar_write_starred (BriefingSidebar *self,
                                BriefingEntry   *entry,
                                gboolean         starred)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (BRIEFING_IS_ENTRY (entry));

  write_state (self, entry, TRUE, starred);
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
  gtk_single_selection_set_selected (self->selection, position);

  /* Moves the keyboard focus there too, so arrows continue from here. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
briefing_sidebar_select_relative (BriefingSidebar *self,
                                  int              delta)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
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
    load_page (self, FALSE);
}

gboolean
briefing_sidebar_select_entry_id (BriefingSidebar *self,
                                  gint64           entry_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  g_return_val_if_fail (BRIEFING_IS_SIDEBAR (self), FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BriefingEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (briefing_entry_get_id (entry) == entry_id)
        {
          if (gtk_single_selection_get_selected (self->selection) != i)
            select_position (self, i);
          return TRUE;
        }
    }

  return FALSE;
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
  g_signal_emit (self, signals[ENTRY_SELECTED], 0, gtk_single_selection_get_selected_item (selection));
}

static void
on_list_view_activate_cb (BriefingSidebar *self,
                          guint            position,
                          GtkGridView     *list_view)
{
  g_autoptr(BriefingEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

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

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->unread_button)
    filter = BRIEFING_FILTER_UNREAD;
  else if (button == self->starred_button)
    filter = BRIEFING_FILTER_STARRED;
  else
    filter = BRIEFING_FILTER_ALL;

  if (filter == self->filter)
    return;

  self->filter = filter;
  restart (self);
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

  if (g_strcmp0 (self->topic, topic) == 0)
    return;

  g_free (self->topic);
  self->topic = g_strdup (topic);
  if (topic != NULL)
    g_clear_object (&self->source);
  restart (self);
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

  if (self->source == source ||
      (self->source != NULL && source != NULL && briefing_source_get_id (self->source) == briefing_source_get_id (source)))
    return;

  g_set_object (&self->source, source);
  if (source != NULL)
    g_clear_pointer (&self->topic, g_free);
  restart (self);
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

  if (self->topic == NULL && self->source == NULL)
    return FALSE;

  g_clear_pointer (&self->topic, g_free);
  g_clear_object (&self->source);
  restart (self);

  return TRUE;
}

/* Search ------------------------------------------------------------------ */

static void
on_search_changed_cb (BriefingSidebar *self,
                      GtkSearchEntry  *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  if (g_strcmp0 (text, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&text);
  restart (self);
}

static void
on_search_mode_cb (BriefingSidebar *self,
                   GParamSpec      *pspec,
                   GtkSearchBar    *search_bar)
{
  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_activate_cb (BriefingSidebar *self,
                       GtkSearchEntry  *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0)
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

static GtkWidget *
create_source_row (BriefingSidebar *self,
                   BriefingSource  *source,
                   guint            unread)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (source != NULL ? briefing_source_get_title (source) : _("All Sources"));
  g_autofree char *count = g_strdup_printf ("%u", unread);
  GtkWidget *count_label = gtk_label_new (count);
  g_autofree char *accessible = NULL;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (source != NULL && briefing_source_get_last_error (source) != NULL)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (warning, briefing_source_get_last_error (source));
      gtk_widget_add_css_class (warning, "warning");
      gtk_box_append (GTK_BOX (box), warning);
    }

  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_set_visible (count_label, unread > 0);
  gtk_box_append (GTK_BOX (box), count_label);

  if (source != NULL)
    {
      GtkWidget *properties_button = gtk_button_new_from_icon_name ("document-properties-symbolic");
      g_autofree char *label = g_strdup_printf (_("Properties of %s"), briefing_source_get_title (source));

      gtk_widget_add_css_class (properties_button, "flat");
      gtk_widget_set_tooltip_text (properties_button, _("Source Properties"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (properties_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (properties_button), "source", g_object_ref (source), g_object_unref);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (properties_button), "sidebar.source-properties");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (properties_button), "x", briefing_source_get_id (source));
      gtk_box_append (GTK_BOX (box), properties_button);
      g_object_set_data_full (G_OBJECT (row), "source", g_object_ref (source), g_object_unref);
    }

  /* Translators: a source in the sources list, "BBC News, 12 unread" */
  accessible = g_strdup_printf (_("%s, %u unread"), gtk_label_get_text (GTK_LABEL (name)), unread);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 2);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static guint
unread_total (GPtrArray *sources)
{
  guint total = 0;

  for (guint i = 0; i < sources->len; i++)
    total += briefing_source_get_unread_count (g_ptr_array_index (sources, i));

  return total;
}

static void
fill_sources_list (BriefingSidebar *self,
                   GPtrArray       *sources)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list))) != NULL)
    gtk_list_box_remove (self->sources_list, child);

  gtk_list_box_append (self->sources_list, create_source_row (self, NULL, unread_total (sources)));
  for (guint i = 0; i < sources->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (sources, i);

      gtk_list_box_append (self->sources_list,
                           create_source_row (self, source, briefing_source_get_unread_count (source)));
    }
}

static void
sources_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BriefingSidebar) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;

  sources = g_task_propagate_pointer (G_TASK (result), NULL);
  if (sources == NULL)
    return;

  /* Unread count of everything, in the header. */
  self->unread_total = unread_total (sources);
  update_title (self);

  /* A row has a label, a count, a button and a tooltip: hundreds of them
   * take a main-loop iteration long enough to feel, and the sources are
   * listed again at each reload while a refresh runs. Build them only
   * while someone looks at the popover; keep the list for when it opens. */
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  if (gtk_widget_get_visible (GTK_WIDGET (self->sources_popover)))
    fill_sources_list (self, sources);
  else
    self->sources = g_steal_pointer (&sources);
}

static void
refresh_sources (BriefingSidebar *self)
{
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->sources_cancellable);
  self->sources_cancellable = g_cancellable_new ();
  list_sources_async (self, self->sources_cancellable, sources_listed_cb);
}

static void
on_sources_popover_show_cb (BriefingSidebar *self,
                            GtkPopover      *popover)
{
  /* What was listed last, at once; then the counts as they are now. */
  if (self->sources != NULL)
    {
      fill_sources_list (self, self->sources);
      g_clear_pointer (&self->sources, g_ptr_array_unref);
    }

  refresh_sources (self);
}

static void
on_sources_row_activated_cb (BriefingSidebar *self,
                             GtkListBoxRow   *row,
                             GtkListBox      *list)
{
  BriefingSource *source = g_object_get_data (G_OBJECT (row), "source");

  gtk_popover_popdown (self->sources_popover);

  if (source == NULL)
    briefing_sidebar_clear_filter (self);
  else
    briefing_sidebar_set_source (self, source);
}

static void
source_properties_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BriefingSidebar *self = BRIEFING_SIDEBAR (widget);
  gint64 id = g_variant_get_int64 (parameter);

  gtk_popover_popdown (self->sources_popover);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      BriefingSource *source = g_object_get_data (G_OBJECT (row), "source");

      if (source != NULL && briefing_source_get_id (source) == id)
        {
          g_signal_emit (self, signals[SOURCE_PROPERTIES], 0, source);
          return;
        }
    }
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
  if (!self->refreshing)
    return;

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
  g_clear_handle_id (&self->progress_id, g_source_remove);

  gtk_progress_bar_set_fraction (self->refresh_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_progress), refreshing);

  if (!refreshing)
    {
      update_title (self);
      refresh_sources (self);
    }
}

/**
 * briefing_sidebar_set_progress:
 * @remaining: sources still queued or in flight
 *
 * Shows how far a refresh is (see briefing_sidebar_set_refreshing()).
 */
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

static char *
day_heading (gint64 published,
             gint64 now)
{
  g_autoptr(GDateTime) then = briefing_local_date_time (published);
  g_autoptr(GDateTime) today = briefing_local_date_time (now);
  int day_diff;

  if (then == NULL || today == NULL)
    return g_strdup ("");

  day_diff = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (then) +
             365 * (g_date_time_get_year (today) - g_date_time_get_year (then));

  if (day_diff == 0)
    return g_strdup (_("Today"));
  if (day_diff == 1)
    return g_strdup (_("Yesterday"));
  if (day_diff > 1 && day_diff < 7)
    return g_date_time_format (then, "%A");
  if (g_date_time_get_year (today) == g_date_time_get_year (then))
    return g_date_time_format (then, _("%A, %-d %B"));

  return g_date_time_format (then, _("%-d %B %Y"));
}

static gboolean
same_day (gint64 a,
          gint64 b)
{
  g_autoptr(GDateTime) da = briefing_local_date_time (a);
  g_autoptr(GDateTime) db = briefing_local_date_time (b);

  return da != NULL && db != NULL &&
         g_date_time_get_year (da) == g_date_time_get_year (db) &&
         g_date_time_get_day_of_year (da) == g_date_time_get_day_of_year (db);
}

/* Sections by day, on GTK 4.8, which has no section model: the first
 * briefing of each day carries the day's heading. It depends on the
 * briefing above, so it is worked out again when the row moves. */
static void
update_heading (BriefingSidebar *self,
                GtkListItem     *item)
{
  BriefingEntry *entry = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(BriefingEntry) previous = NULL;
  g_autofree char *heading = NULL;

  if (entry == NULL)
    return;

  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    previous = g_list_model_get_item (G_LIST_MODEL (self->entries), position - 1);

  if (previous == NULL || !same_day (briefing_entry_get_published (previous), briefing_entry_get_published (entry)))
    heading = day_heading (briefing_entry_get_published (entry), g_get_real_time () / G_USEC_PER_SEC);

  briefing_entry_row_set_heading (BRIEFING_ENTRY_ROW (gtk_list_item_get_child (item)), heading);
}

static void
on_item_position_cb (GtkListItem     *item,
                     GParamSpec      *pspec,
                     BriefingSidebar *self)
{
  update_heading (self, item);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              BriefingSidebar          *self)
{
  gtk_list_item_set_child (item, GTK_WIDGET (briefing_entry_row_new ()));
  g_signal_connect_object (item, "notify::position", G_CALLBACK (on_item_position_cb), self, 0);
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
  update_heading (self, item);
}

/* Object ------------------------------------------------------------------------ */

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  BriefingSidebar *self = user_data;

  self->reload_id = 0;
  briefing_sidebar_reload (self);
  refresh_sources (self);

  return G_SOURCE_REMOVE;
}

/* A refresh of hundreds of sources adds entries hundreds of times; the
 * list follows at most a few times a second, not once per source. */
#define RELOAD_DELAY_MS 400

void
briefing_sidebar_queue_reload (BriefingSidebar *self)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout_cb, self);
}

static void
on_store_entries_added_cb (BriefingSidebar *self,
                           gint64           source_id,
                           guint            added,
                           BriefingStore   *store)
{
  briefing_sidebar_queue_reload (self);
}

/**
 * briefing_sidebar_set_session:
 *
 * Starts showing the session's briefings.
 */
void
briefing_sidebar_set_session (BriefingSidebar *self,
                              BriefingSession *session)
{
  g_return_if_fail (BRIEFING_IS_SIDEBAR (self));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  self->store = g_object_ref (briefing_session_get_store (session));
  g_signal_connect_object (self->store, "entries-added", G_CALLBACK (on_store_entries_added_cb), self,
                           G_CONNECT_SWAPPED);

  briefing_sidebar_reload (self);
  refresh_sources (self);
}

static void
briefing_sidebar_dispose (GObject *object)
{
  BriefingSidebar *self = (BriefingSidebar *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->edge_check_id, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->sources_cancellable);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pending_writes, g_hash_table_unref);
  g_clear_pointer (&self->topic, g_free);
  g_clear_pointer (&self->search, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, sources_list);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, filter_icon);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, filter_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, status_page);
  gtk_widget_class_bind_template_child (widget_class, BriefingSidebar, status_button);

  gtk_widget_class_install_action (widget_class, "sidebar.source-properties", "x", source_properties_action);

  widget_class->measure = briefing_sidebar_measure;
  widget_class->size_allocate = briefing_sidebar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "briefing-sidebar");
}

static void
setup_list (BriefingSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->entries = g_list_store_new (BRIEFING_TYPE_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
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

  self->pending_writes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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
  g_signal_connect_object (self->sources_popover, "show", G_CALLBACK (on_sources_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources_list, "row-activated", G_CALLBACK (on_sources_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
