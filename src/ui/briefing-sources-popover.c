/* briefing-sources-popover.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-sources-popover.h"

#include <glib/gi18n.h>

#include "briefing-source.h"
#include "briefing-store-tasks.h"
#include "briefing-sync.h"

/* The sources with their unread counts, "All Sources" first: choosing one
 * narrows the list to it, and each has a button for its properties. It
 * follows the store's source-changed signal, and keeps the unread total
 * for the sidebar's subtitle. With a sync account, its sources come first
 * under the account's name, then "On This Computer", each by group. */

struct _BriefingSourcesPopover
{
  GtkPopover     parent_instance;

  GtkListBox    *sources_list;

  BriefingStore *store;
  GCancellable  *cancellable;
  GPtrArray     *sources;       /* listed while hidden, for when it opens */
  guint          relist_id;
  guint          unread_total;
  guint          n_sources;
  char          *account_name;  /* NULL: no sync account */
};

G_DEFINE_FINAL_TYPE (BriefingSourcesPopover, briefing_sources_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_UNREAD_TOTAL,
  PROP_N_SOURCES,
  N_PROPS
};

enum {
  SOURCE_ACTIVATED,
  SOURCE_PROPERTIES,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A refresh of hundreds of sources changes them hundreds of times; the
 * counts follow a few times a second at most. */
#define RELIST_DELAY_MS 400

static GtkWidget *
create_source_row (BriefingSourcesPopover *self,
                   BriefingSource         *source,
                   guint                   unread)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (source != NULL ? briefing_source_get_title (source) : _("All Sources"));
  g_autofree char *count = g_strdup_printf ("%u", unread);
  GtkWidget *count_label = gtk_label_new (count);
  g_autofree char *accessible = NULL;

  g_assert (BRIEFING_IS_SOURCES_POPOVER (self));

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
      gtk_actionable_set_action_name (GTK_ACTIONABLE (properties_button), "sources.properties");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (properties_button), "x", briefing_source_get_id (source));
      gtk_box_append (GTK_BOX (box), properties_button);
      g_object_set_data_full (G_OBJECT (row), "source", g_object_ref (source), g_object_unref);
    }

  /* Translators: a source in the sources list, "BBC News, 12 unread" */
  accessible = g_strdup_printf (ngettext ("%s, %u unread", "%s, %u unread", unread),
                                gtk_label_get_text (GTK_LABEL (name)), unread);
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

/* The account's sources first, then ours; in each, those in no group
 * first, then by group,
 * then by name as the store listed them. */
static int
compare_sections (gconstpointer a,
                  gconstpointer b)
{
  BriefingSource *x = *(BriefingSource * const *) a;
  BriefingSource *y = *(BriefingSource * const *) b;
  const char *gx = briefing_source_get_group (x);
  const char *gy = briefing_source_get_group (y);
  gboolean ax = briefing_source_get_account_id (x) != 0;
  gboolean ay = briefing_source_get_account_id (y) != 0;

  if (ax != ay)
    return ax ? -1 : 1;
  if ((gx == NULL) != (gy == NULL))
    return gx == NULL ? -1 : 1;
  if (gx != NULL && g_utf8_collate (gx, gy) != 0)
    return g_utf8_collate (gx, gy);

  return 0;
}

static gboolean
has_account_sources (GPtrArray *sources)
{
  for (guint i = 0; i < sources->len; i++)
    if (briefing_source_get_account_id (g_ptr_array_index (sources, i)) != 0)
      return TRUE;

  return FALSE;
}

static GtkWidget *
header_label (const char *text,
              const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 6);

  return label;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  BriefingSourcesPopover *self = user_data;
  BriefingSource *source = g_object_get_data (G_OBJECT (row), "source");
  BriefingSource *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "source") : NULL;
  gboolean new_section;
  gboolean new_group;
  GtkWidget *header;

  if (source == NULL || self->account_name == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  new_section = previous == NULL ||
                (briefing_source_get_account_id (previous) != 0) != (briefing_source_get_account_id (source) != 0);
  new_group = new_section || g_strcmp0 (briefing_source_get_group (previous), briefing_source_get_group (source)) != 0;

  if (!new_group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  if (new_section)
    gtk_box_append (GTK_BOX (header),
                    header_label (briefing_source_get_account_id (source) != 0 ? self->account_name
                                                                               : _("On This Computer"),
                                  "heading"));
  if (briefing_source_get_group (source) != NULL)
    gtk_box_append (GTK_BOX (header), header_label (briefing_source_get_group (source), "dim-label"));
  gtk_list_box_row_set_header (row, header);
}

static void
fill_sources_list (BriefingSourcesPopover *self,
                   GPtrArray              *sources)
{
  g_autoptr(GPtrArray) ordered = g_ptr_array_copy (sources, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  GtkWidget *child;

  g_assert (BRIEFING_IS_SOURCES_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list))) != NULL)
    gtk_list_box_remove (self->sources_list, child);

  if (self->account_name != NULL && has_account_sources (sources))
    g_ptr_array_sort (ordered, compare_sections);   /* stable: by name within a group */

  gtk_list_box_append (self->sources_list, create_source_row (self, NULL, unread_total (sources)));
  for (guint i = 0; i < ordered->len; i++)
    {
      BriefingSource *source = g_ptr_array_index (ordered, i);

      gtk_list_box_append (self->sources_list,
                           create_source_row (self, source, briefing_source_get_unread_count (source)));
    }
}

static void
sources_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BriefingSourcesPopover) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint total;

  sources = briefing_store_list_sources_finish (BRIEFING_STORE (object), result, &error);
  if (sources == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the sources: %s", error->message);
      return;
    }

  total = unread_total (sources);
  if (total != self->unread_total)
    {
      self->unread_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_TOTAL]);
    }
  if (sources->len != self->n_sources)
    {
      self->n_sources = sources->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SOURCES]);
    }

  /* A row has a label, a count, a button and a tooltip: hundreds of them
   * take a main-loop iteration long enough to feel, and the counts change
   * all through a refresh. Build them only while someone looks at the
   * popover; keep the list for when it opens. */
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    fill_sources_list (self, sources);
  else
    self->sources = g_steal_pointer (&sources);
}

/* The account first, for the section's name; then the sources. */
static void
account_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BriefingSourcesPopover) self = user_data;
  g_autoptr(BriefingAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = briefing_store_get_account_finish (BRIEFING_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->account_name, g_free);
  if (account != NULL)
    /* Translators: a section of the sources list, "Tiny Tiny RSS (reader)" */
    self->account_name = g_strdup_printf (_("%s (%s)"), briefing_sync_kind_name (account->kind), account->user);

  briefing_store_list_sources_async (self->store, self->cancellable, sources_listed_cb, g_object_ref (self));
}

static void
relist (BriefingSourcesPopover *self)
{
  g_assert (BRIEFING_IS_SOURCES_POPOVER (self));

  g_clear_handle_id (&self->relist_id, g_source_remove);
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  briefing_store_get_account_async (self->store, self->cancellable, account_read_cb, g_object_ref (self));
}

static gboolean
on_relist_timeout_cb (gpointer user_data)
{
  BriefingSourcesPopover *self = user_data;

  self->relist_id = 0;
  relist (self);

  return G_SOURCE_REMOVE;
}

static void
on_source_changed_cb (BriefingSourcesPopover *self,
                      gint64                  source_id,
                      BriefingSourceChange    change,
                      BriefingStore          *store)
{
  g_assert (BRIEFING_IS_SOURCES_POPOVER (self));

  if (self->relist_id == 0)
    self->relist_id = g_timeout_add (RELIST_DELAY_MS, on_relist_timeout_cb, self);
}

/**
 * briefing_sources_popover_set_store:
 *
 * Lists @store's sources, now and whenever they change.
 */
void
briefing_sources_popover_set_store (BriefingSourcesPopover *self,
                                    BriefingStore          *store)
{
  g_return_if_fail (BRIEFING_IS_SOURCES_POPOVER (self));
  g_return_if_fail (BRIEFING_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "source-changed", G_CALLBACK (on_source_changed_cb), self, G_CONNECT_SWAPPED);
  relist (self);
}

/**
 * briefing_sources_popover_get_unread_total:
 *
 * Returns: how many briefings are unread, in every source
 */
guint
briefing_sources_popover_get_unread_total (BriefingSourcesPopover *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCES_POPOVER (self), 0);

  return self->unread_total;
}

guint
briefing_sources_popover_get_n_sources (BriefingSourcesPopover *self)
{
  g_return_val_if_fail (BRIEFING_IS_SOURCES_POPOVER (self), 0);

  return self->n_sources;
}

static void
on_show_cb (BriefingSourcesPopover *self)
{
  g_assert (BRIEFING_IS_SOURCES_POPOVER (self));

  /* What was listed last, at once; then the counts as they are now. */
  if (self->sources != NULL)
    {
      fill_sources_list (self, self->sources);
      g_clear_pointer (&self->sources, g_ptr_array_unref);
    }

  relist (self);
}

static void
on_row_activated_cb (BriefingSourcesPopover *self,
                     GtkListBoxRow          *row,
                     GtkListBox             *list)
{
  BriefingSource *source = g_object_get_data (G_OBJECT (row), "source");

  g_assert (BRIEFING_IS_SOURCES_POPOVER (self));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SOURCE_ACTIVATED], 0, source);
}

static void
properties_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BriefingSourcesPopover *self = BRIEFING_SOURCES_POPOVER (widget);
  gint64 id = g_variant_get_int64 (parameter);

  gtk_popover_popdown (GTK_POPOVER (self));

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

static void
briefing_sources_popover_dispose (GObject *object)
{
  BriefingSourcesPopover *self = (BriefingSourcesPopover *)object;

  g_clear_handle_id (&self->relist_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->account_name, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), BRIEFING_TYPE_SOURCES_POPOVER);

  G_OBJECT_CLASS (briefing_sources_popover_parent_class)->dispose (object);
}

static void
briefing_sources_popover_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  BriefingSourcesPopover *self = BRIEFING_SOURCES_POPOVER (object);

  switch (prop_id)
    {
    case PROP_UNREAD_TOTAL:
      g_value_set_uint (value, self->unread_total);
      break;

    case PROP_N_SOURCES:
      g_value_set_uint (value, self->n_sources);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_sources_popover_class_init (BriefingSourcesPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_sources_popover_dispose;
  object_class->get_property = briefing_sources_popover_get_property;

  properties[PROP_UNREAD_TOTAL] =
    g_param_spec_uint ("unread-total", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SOURCES] =
    g_param_spec_uint ("n-sources", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BriefingSourcesPopover::source-activated:
   * @source: (nullable): the source chosen; %NULL for all of them
   */
  signals[SOURCE_ACTIVATED] =
    g_signal_new ("source-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_SOURCE);
  signals[SOURCE_PROPERTIES] =
    g_signal_new ("source-properties", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_SOURCE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-sources-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingSourcesPopover, sources_list);
  gtk_widget_class_install_action (widget_class, "sources.properties", "x", properties_action);
}

static void
briefing_sources_popover_init (BriefingSourcesPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "show", G_CALLBACK (on_show_cb), NULL);
  g_signal_connect_object (self->sources_list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_set_header_func (self->sources_list, update_header, self, NULL);
}
