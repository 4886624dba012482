/* briefing-entry-list.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-entry-list"

#include "config.h"

#include "briefing-entry-list.h"

#include "briefing-entry.h"
#include "briefing-store-tasks.h"

/* The briefings a view lists, newest first, as a GListModel: the sidebar
 * is a view over one of these. It owns what a view should not:
 *
 * - paging: a first page just big enough to fill a window, then pages
 *   continued by keyset (published, id) as the reader nears the end;
 * - arrivals: the store's signals, folded in a few times a second at
 *   most, keeping the entry objects rows are bound to;
 * - the reader's writes: read and starred change on the object at once,
 *   and an entry still being written keeps them whatever an older query
 *   says;
 * - filters: all, unread, starred; one source or one topic; a search.
 *
 * GIO only, so that it is tested against a real store without a display. */

struct _BriefingEntryList
{
  GObject         parent_instance;

  BriefingStore  *store;
  GPtrArray      *items;
  GHashTable     *pending_writes;   /* entry id -> writes on their way */
  GCancellable   *cancellable;

  BriefingFilter  filter;
  gint64          source_id;
  char           *topic;
  char           *search;
  gboolean        group_stories;    /* a story once, under its newest entry */

  guint           generation;
  guint           reload_id;
  gboolean        loading;          /* a first page is on its way */
  gboolean        loading_more;
  gboolean        complete;         /* the last page has been listed */
  gboolean        replace;          /* the next reload takes fresh objects */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BriefingEntryList, briefing_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_GROUP_STORIES,
  N_PROPS
};

enum {
  RELOADING,
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A first page only needs to fill a window: with 40, the first paint with
 * 100,000 briefings took 40 rows' work more than with the 8 samples. Each
 * further page is created in one frame: pages of 150 were a 75 ms stall
 * while scrolling. */
#define FIRST_PAGE_SIZE 24
#define PAGE_SIZE 50

/* A reload keeps what the reader has scrolled through, up to this. */
#define RELOAD_LIMIT 1500

/* A refresh of hundreds of sources adds entries hundreds of times; the
 * list follows at most a few times a second, not once per source. */
#define RELOAD_DELAY_MS 400

/* GListModel --------------------------------------------------------------- */

static GType
briefing_entry_list_get_item_type (GListModel *model)
{
  return BRIEFING_TYPE_ENTRY;
}

static guint
briefing_entry_list_get_n_items (GListModel *model)
{
  return BRIEFING_ENTRY_LIST (model)->items->len;
}

static gpointer
briefing_entry_list_get_item (GListModel *model,
                              guint       position)
{
  BriefingEntryList *self = BRIEFING_ENTRY_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = briefing_entry_list_get_item_type;
  iface->get_n_items = briefing_entry_list_get_n_items;
  iface->get_item = briefing_entry_list_get_item;
}

/* Replaces @n_removed items at @position with @n_added of @added. */
static void
splice (BriefingEntryList *self,
        guint              position,
        guint              n_removed,
        gpointer          *added,
        guint              n_added)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));
  g_assert (position + n_removed <= self->items->len);

  if (n_removed > 0)
    g_ptr_array_remove_range (self->items, position, n_removed);
  for (guint i = 0; i < n_added; i++)
    g_ptr_array_insert (self->items, position + i, g_object_ref (added[i]));

  if (n_removed > 0 || n_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}

static void
set_loading (BriefingEntryList *self,
             gboolean           loading)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_complete (BriefingEntryList *self,
              gboolean           complete)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/* Merging ------------------------------------------------------------------- */

/* A reload keeps the entry objects rows are bound to, updating them, so
 * rows are not rebuilt; and an entry whose read or starred state is still
 * being written keeps what the reader just gave it, whatever an older
 * query says. */
static void
merge_entries (BriefingEntryList *self,
               GPtrArray         *entries)
{
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (self->items, i);
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

      /* Grouped into a story (or out of one) since: a row of its own,
       * with the story's sources, keeping what the reader just did. */
      if (briefing_entry_get_story_id (old) != briefing_entry_get_story_id (fresh) ||
          briefing_entry_get_story_sources (old) != briefing_entry_get_story_sources (fresh))
        {
          if (g_hash_table_contains (self->pending_writes, &id))
            {
              briefing_entry_set_read (fresh, briefing_entry_get_read (old));
              briefing_entry_set_starred (fresh, briefing_entry_get_starred (old));
            }
          continue;
        }

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
      Splice step = { pos, 0, pos, 0 };

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

          step.n_added = end - pos;
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

          step.n_removed = end - pos;
          g_ptr_array_remove_range (list, pos, end - pos);
        }

      g_array_append_val (splices, step);
    }

  if (list->len > entries->len)
    {
      Splice step = { entries->len, list->len - entries->len, 0, 0 };

      g_array_append_val (splices, step);
    }

  return splices;
}

/* Turns the list into @entries. A refresh mostly adds a few briefings at
 * the top: splicing in just those keeps every other row as it is, where
 * replacing the whole list has a view bind and measure every row it shows
 * again. But each splice costs a measure of the list on GTK 4.8, so when
 * the changes are scattered one replacement is cheaper. */
#define MAX_SPLICES 3

static void
apply_entries (BriefingEntryList *self,
               GPtrArray         *entries)
{
  g_autoptr(GPtrArray) list = g_ptr_array_copy (self->items, NULL, NULL);
  g_autoptr(GArray) splices = NULL;

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  /* A working copy: the items keep the references. */
  g_ptr_array_set_free_func (list, NULL);

  splices = diff_entries (list, entries, MAX_SPLICES);
  if (splices->len > MAX_SPLICES)
    {
      splice (self, 0, self->items->len, entries->pdata, entries->len);
      return;
    }

  for (guint i = 0; i < splices->len; i++)
    {
      const Splice *step = &g_array_index (splices, Splice, i);

      splice (self, step->position, step->n_removed, &entries->pdata[step->first_added], step->n_added);
    }
}

/* Loading ------------------------------------------------------------------- */

typedef struct
{
  BriefingEntryList *self;
  guint              generation;
  gboolean           first;
  guint              limit;
} PageRequest;

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree PageRequest *request = user_data;
  g_autoptr(BriefingEntryList) self = request->self;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = briefing_store_list_entries_finish (BRIEFING_STORE (object), result, &error);
  if (request->generation != self->generation)
    return;

  self->loading_more = FALSE;
  if (request->first)
    set_loading (self, FALSE);

  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[LOADED], 0, request->first, error);
      return;
    }

  set_complete (self, entries->len < request->limit);

  if (!request->first)
    splice (self, self->items->len, 0, entries->pdata, entries->len);
  else
    {
      g_signal_emit (self, signals[RELOADING], 0);
      if (self->replace)
        {
          self->replace = FALSE;
          splice (self, 0, self->items->len, entries->pdata, entries->len);
        }
      else
        {
          merge_entries (self, entries);
          apply_entries (self, entries);
        }
    }

  g_signal_emit (self, signals[LOADED], 0, request->first, NULL);
}

static void
load_page (BriefingEntryList *self,
           gboolean           first)
{
  BriefingQuery query;
  PageRequest *request;

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  briefing_entry_list_get_query (self, &query);
  query.limit = PAGE_SIZE;

  if (!first)
    {
      BriefingEntry *last;

      /* A page after the old list's end means nothing to a reload on
       * its way. */
      if (self->items->len == 0 || self->loading_more || self->loading || self->complete)
        return;

      last = g_ptr_array_index (self->items, self->items->len - 1);
      query.before_published = briefing_entry_get_published (last);
      query.before_id = briefing_entry_get_id (last);
      self->loading_more = TRUE;
    }
  else
    {
      /* A reload after new arrivals keeps what the reader has scrolled
       * to, up to a point. */
      query.limit = CLAMP (self->items->len, FIRST_PAGE_SIZE, RELOAD_LIMIT);
      g_clear_handle_id (&self->reload_id, g_source_remove);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->generation++;
      self->loading_more = FALSE;
      set_loading (self, TRUE);
    }

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->first = first;
  request->limit = query.limit;

  briefing_store_list_entries_async (self->store, &query, self->cancellable, page_cb, request);
}

/**
 * briefing_entry_list_reload:
 *
 * Lists the first pages again, as far as the list reached, folding in
 * what changed.
 */
void
briefing_entry_list_reload (BriefingEntryList *self)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  load_page (self, TRUE);
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  BriefingEntryList *self = user_data;

  self->reload_id = 0;
  load_page (self, TRUE);

  return G_SOURCE_REMOVE;
}

/**
 * briefing_entry_list_queue_reload:
 *
 * Reloads soon, once for all the changes asked for meanwhile.
 */
void
briefing_entry_list_queue_reload (BriefingEntryList *self)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout_cb, self);
}

/**
 * briefing_entry_list_load_more:
 *
 * Lists the next page, unless one is on its way or there is no more.
 */
void
briefing_entry_list_load_more (BriefingEntryList *self)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  load_page (self, FALSE);
}

/* Asking a different question empties the list first, so the old answer
 * never shows under the new filter. */
static void
restart (BriefingEntryList *self)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  splice (self, 0, self->items->len, NULL, 0);
  set_complete (self, FALSE);
  load_page (self, TRUE);
}

/**
 * briefing_entry_list_get_loading:
 *
 * Returns: whether a first page is on its way (after a filter changed,
 *   or a reload)
 */
gboolean
briefing_entry_list_get_loading (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), FALSE);

  return self->loading;
}

/**
 * briefing_entry_list_get_complete:
 *
 * Returns: whether the list holds every entry matching its filters
 */
gboolean
briefing_entry_list_get_complete (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), FALSE);

  return self->complete;
}

/**
 * briefing_entry_list_find:
 * @position: (out) (optional): where it is
 *
 * Returns: whether the list holds the entry
 */
gboolean
briefing_entry_list_find (BriefingEntryList *self,
                          gint64             entry_id,
                          guint             *position)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (briefing_entry_get_id (g_ptr_array_index (self->items, i)) == entry_id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Filters -------------------------------------------------------------------- */

void
briefing_entry_list_set_filter (BriefingEntryList *self,
                                BriefingFilter     filter)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  if (self->filter == filter)
    return;

  self->filter = filter;
  restart (self);
}

BriefingFilter
briefing_entry_list_get_filter (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), BRIEFING_FILTER_ALL);

  return self->filter;
}

/**
 * briefing_entry_list_set_source:
 * @source_id: list only this source's entries; 0 for every source
 *
 * A source and a topic exclude each other: setting one clears the other.
 */
void
briefing_entry_list_set_source (BriefingEntryList *self,
                                gint64             source_id)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  if (self->source_id == source_id && (source_id == 0 || self->topic == NULL))
    return;

  self->source_id = source_id;
  if (source_id != 0)
    g_clear_pointer (&self->topic, g_free);
  restart (self);
}

gint64
briefing_entry_list_get_source (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), 0);

  return self->source_id;
}

/**
 * briefing_entry_list_set_topic:
 * @topic: (nullable): list only entries about this topic
 */
void
briefing_entry_list_set_topic (BriefingEntryList *self,
                               const char        *topic)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  if (g_strcmp0 (self->topic, topic) == 0 && (topic == NULL || self->source_id == 0))
    return;

  g_free (self->topic);
  self->topic = g_strdup (topic);
  if (topic != NULL)
    self->source_id = 0;
  restart (self);
}

const char *
briefing_entry_list_get_topic (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), NULL);

  return self->topic;
}

/**
 * briefing_entry_list_set_search:
 * @search: (nullable): words the entries must contain
 */
void
briefing_entry_list_set_search (BriefingEntryList *self,
                                const char        *search)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  restart (self);
}

const char *
briefing_entry_list_get_search (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), NULL);

  return self->search;
}

/**
 * briefing_entry_list_set_group_stories:
 * @group: whether a story is listed once, as its newest entry
 *
 * Grouped, the entries of one story (one event across sources) are
 * listed as the newest of them that the filters let through; a view
 * shows the others under it (briefing_store_list_coverage()).
 */
void
briefing_entry_list_set_group_stories (BriefingEntryList *self,
                                       gboolean           group)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));

  group = !!group;
  if (self->group_stories == group)
    return;

  self->group_stories = group;
  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_STORIES]);
}

gboolean
briefing_entry_list_get_group_stories (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), FALSE);

  return self->group_stories;
}

/**
 * briefing_entry_list_is_narrowed:
 *
 * Returns: whether any filter is set, so that an empty list says nothing
 *   about the store as a whole
 */
gboolean
briefing_entry_list_is_narrowed (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), FALSE);

  return self->filter != BRIEFING_FILTER_ALL || self->source_id != 0 || self->topic != NULL || self->search != NULL;
}

/**
 * briefing_entry_list_get_query:
 * @query: (out caller-allocates): the list's question to the store, its
 *   strings owned by the list
 */
void
briefing_entry_list_get_query (BriefingEntryList *self,
                               BriefingQuery     *query)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));
  g_return_if_fail (query != NULL);

  *query = (BriefingQuery) { 0, };
  query->source_id = self->source_id;
  query->topic = self->topic;
  query->search = self->search;
  query->unread_only = self->filter == BRIEFING_FILTER_UNREAD;
  query->starred_only = self->filter == BRIEFING_FILTER_STARRED;
  query->stories_once = self->group_stories;
}

/* The reader's writes -------------------------------------------------------- */

typedef struct
{
  BriefingEntryList *self;
  gint64             entry_id;
} StateWrite;

static void
pending_write_done (BriefingEntryList *self,
                    gint64             entry_id)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_writes, &entry_id));

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

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
  g_autoptr(BriefingEntryList) self = write->self;
  g_autoptr(GError) error = NULL;

  /* Both finish functions are the same boolean task. */
  if (!briefing_store_set_read_finish (BRIEFING_STORE (object), result, &error))
    g_warning ("Cannot save the briefing's state: %s", error->message);

  pending_write_done (self, write->entry_id);
}

static void
write_state (BriefingEntryList  *self,
             BriefingEntry      *entry,
             BriefingEntryField  field,
             gboolean            value)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  StateWrite *write = g_new0 (StateWrite, 1);
  gint64 id = briefing_entry_get_id (entry);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending_writes, &id));

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  write->self = g_object_ref (self);
  write->entry_id = id;
  g_hash_table_insert (self->pending_writes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count + 1));
  g_array_append_val (ids, id);

  if (field == BRIEFING_ENTRY_FIELD_STARRED)
    {
      briefing_entry_set_starred (entry, value);
      briefing_store_set_starred_async (self->store, ids, value, NULL, state_written_cb, write);
    }
  else
    {
      briefing_entry_set_read (entry, value);
      briefing_store_set_read_async (self->store, ids, value, NULL, state_written_cb, write);
    }
}

/**
 * briefing_entry_list_set_read:
 * @entry: an entry, listed here or not
 *
 * Marks @entry read or unread: at once on the object, then in the store.
 */
void
briefing_entry_list_set_read (BriefingEntryList *self,
                              BriefingEntry     *entry,
                              gboolean           read)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));
  g_return_if_fail (BRIEFING_IS_ENTRY (entry));

  write_state (self, entry, BRIEFING_ENTRY_FIELD_READ, read);
}

void
briefing_entry_list_set_starred (BriefingEntryList *self,
                                 BriefingEntry     *entry,
                                 gboolean           starred)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_LIST (self));
  g_return_if_fail (BRIEFING_IS_ENTRY (entry));

  write_state (self, entry, BRIEFING_ENTRY_FIELD_STARRED, starred);
}

/* The store's signals ------------------------------------------------------------ */

static void
on_entries_added_cb (BriefingEntryList *self,
                     gint64             source_id,
                     guint              added,
                     BriefingStore     *store)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  if (self->source_id == 0 || self->source_id == source_id)
    briefing_entry_list_queue_reload (self);
}

/* Removes, in runs, the items @doomed says go. */
static void
remove_where (BriefingEntryList *self,
              gboolean         (*doomed) (BriefingEntry *entry,
                                          gconstpointer  data),
              gconstpointer      data)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  for (guint i = self->items->len; i > 0; i--)
    {
      guint end = i;

      while (i > 0 && doomed (g_ptr_array_index (self->items, i - 1), data))
        i--;

      if (i < end)
        splice (self, i, end - i, NULL, 0);
      if (i == 0)
        break;
    }
}

static gboolean
entry_in_set (BriefingEntry *entry,
              gconstpointer  data)
{
  gint64 id = briefing_entry_get_id (entry);

  return g_hash_table_contains ((GHashTable *) data, &id);
}

static gboolean
entry_of_source (BriefingEntry *entry,
                 gconstpointer  data)
{
  return briefing_entry_get_source_id (entry) == *(const gint64 *) data;
}

static GHashTable *
id_set (GArray *entry_ids)
{
  GHashTable *set = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < entry_ids->len; i++)
    g_hash_table_add (set, &g_array_index (entry_ids, gint64, i));

  return set;
}

static void
on_entries_removed_cb (BriefingEntryList *self,
                       GArray            *entry_ids,
                       BriefingStore     *store)
{
  g_autoptr(GHashTable) removed = id_set (entry_ids);

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  remove_where (self, entry_in_set, removed);
}

/* One entry's change, most often the reader's own, is applied to the
 * object in place: a briefing just read stays listed under "Unread" until
 * the next reload, as in a mail client. A change to many at once (mark
 * all as read, its undo) asks the question again. */
static void
on_entry_changed_cb (BriefingEntryList  *self,
                     GArray             *entry_ids,
                     BriefingEntryField  field,
                     gboolean            value,
                     BriefingStore      *store)
{
  g_autoptr(GHashTable) changed = id_set (entry_ids);

  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (self->items, i);
      gint64 id = briefing_entry_get_id (entry);

      if (!g_hash_table_contains (changed, &id) || g_hash_table_contains (self->pending_writes, &id))
        continue;

      if (field == BRIEFING_ENTRY_FIELD_READ)
        briefing_entry_set_read (entry, value);
      else
        briefing_entry_set_starred (entry, value);
    }

  if (entry_ids->len > 1 && (self->filter != BRIEFING_FILTER_ALL))
    briefing_entry_list_queue_reload (self);
}

static void
on_source_changed_cb (BriefingEntryList    *self,
                      gint64                source_id,
                      BriefingSourceChange  change,
                      BriefingStore        *store)
{
  g_assert (BRIEFING_IS_ENTRY_LIST (self));

  switch (change)
    {
    case BRIEFING_SOURCE_CHANGE_REMOVED:
      /* Its entries went with it. */
      remove_where (self, entry_of_source, &source_id);
      break;

    case BRIEFING_SOURCE_CHANGE_RENAMED:
      /* Entries carry their source's name: take fresh objects. */
      self->replace = TRUE;
      briefing_entry_list_queue_reload (self);
      break;

    case BRIEFING_SOURCE_CHANGE_ADDED:
    case BRIEFING_SOURCE_CHANGE_STATUS:
    case BRIEFING_SOURCE_CHANGE_COUNTS:
    default:
      break;
    }
}

/* Object ------------------------------------------------------------------------ */

static void
briefing_entry_list_dispose (GObject *object)
{
  BriefingEntryList *self = (BriefingEntryList *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (briefing_entry_list_parent_class)->dispose (object);
}

static void
briefing_entry_list_finalize (GObject *object)
{
  BriefingEntryList *self = (BriefingEntryList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pending_writes, g_hash_table_unref);
  g_clear_pointer (&self->topic, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (briefing_entry_list_parent_class)->finalize (object);
}

static void
briefing_entry_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BriefingEntryList *self = BRIEFING_ENTRY_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    case PROP_GROUP_STORIES:
      g_value_set_boolean (value, self->group_stories);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_entry_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BriefingEntryList *self = BRIEFING_ENTRY_LIST (object);

  switch (prop_id)
    {
    case PROP_GROUP_STORIES:
      briefing_entry_list_set_group_stories (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_entry_list_class_init (BriefingEntryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_entry_list_dispose;
  object_class->finalize = briefing_entry_list_finalize;
  object_class->get_property = briefing_entry_list_get_property;
  object_class->set_property = briefing_entry_list_set_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GROUP_STORIES] =
    g_param_spec_boolean ("group-stories", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BriefingEntryList::reloading:
   *
   * Emitted just before a first page replaces the items, so that a view
   * can note what it shows (its scroll position, its selection).
   */
  signals[RELOADING] =
    g_signal_new ("reloading", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * BriefingEntryList::loaded:
   * @first: whether it was a first page (the list asked again) or the next
   * @error: (nullable): why the page could not be listed
   */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
briefing_entry_list_init (BriefingEntryList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_writes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * briefing_entry_list_new:
 *
 * Lists @store's entries, newest first, with no filter. The first page is
 * asked for at once.
 *
 * Returns: (transfer full): the list
 */
BriefingEntryList *
briefing_entry_list_new (BriefingStore *store)
{
  BriefingEntryList *self;

  g_return_val_if_fail (BRIEFING_IS_STORE (store), NULL);

  self = g_object_new (BRIEFING_TYPE_ENTRY_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "entries-added", G_CALLBACK (on_entries_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "entries-removed", G_CALLBACK (on_entries_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "entry-changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "source-changed", G_CALLBACK (on_source_changed_cb), self, G_CONNECT_SWAPPED);

  load_page (self, TRUE);

  return self;
}

BriefingStore *
briefing_entry_list_get_store (BriefingEntryList *self)
{
  g_return_val_if_fail (BRIEFING_IS_ENTRY_LIST (self), NULL);

  return self->store;
}
