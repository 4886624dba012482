/* briefing-entry-row.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "briefing-entry.h"
#include "briefing-entry-row.h"
#include "briefing-image-loader.h"
#include "briefing-thumbnail.h"

/* One briefing in the sidebar: source, time, headline, thumbnail, and its
 * unread and starred state. Rows are recycled by the list view, so all
 * per-entry state is dropped in set_entry (NULL). */
struct _BriefingEntryRow
{
  GtkWidget      parent_instance;

  /* The template's top box: bound so that dispose unparents it. */
  GtkWidget     *layout;

  BriefingEntry *entry;
  GCancellable  *thumbnail_cancellable;
  gulong         read_handler;
  gulong         starred_handler;

  GtkWidget     *box;
  GtkLabel      *heading_label;
  GtkWidget     *unread_dot;
  GtkLabel      *source_label;
  GtkLabel      *time_label;
  GtkLabel      *title_label;
  GtkWidget     *star_icon;
  BriefingThumbnail *thumbnail;
};

G_DEFINE_FINAL_TYPE (BriefingEntryRow, briefing_entry_row, GTK_TYPE_WIDGET)

/* Thumbnails are shown at 72 px; decode at twice that for HiDPI. */
#define THUMBNAIL_SIZE 144

/**
 * briefing_local_date_time:
 *
 * Like g_date_time_new_from_unix_local(), for the many times a list
 * formats a time: that looks up the local time zone afresh each call
 * (a stat and a readlink of /etc/localtime), which made up a fifth of
 * binding a row. The zone is looked up again at most once a minute, so a
 * change of zone still shows soon.
 *
 * Returns: (transfer full) (nullable): the time in the local zone
 */
GDateTime *
briefing_local_date_time (gint64 unix_time)
{
  static GTimeZone *zone;
  static gint64 zone_checked;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GDateTime) utc = NULL;

  if (zone == NULL || now - zone_checked > 60 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      zone_checked = now;
    }

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return NULL;

  return g_date_time_to_timezone (utc, zone);
}

/**
 * briefing_format_relative_time:
 *
 * The time shown on a row, under its day's heading: "Just now", "5 min
 * ago", or the time of day.
 *
 * Returns: (transfer full): the text
 */
char *
briefing_format_relative_time (gint64 unix_time,
                               gint64 now)
{
  g_autoptr(GDateTime) then = briefing_local_date_time (unix_time);
  gint64 age = now - unix_time;

  if (then == NULL)
    return g_strdup ("");

  if (age >= 0 && age < 60)
    return g_strdup (_("Just now"));

  if (age >= 0 && age < 60 * 60)
    return g_strdup_printf (ngettext ("%d min ago", "%d min ago", (int) (age / 60)), (int) (age / 60));

  return g_date_time_format (then, "%H:%M");
}

static void
update_read (BriefingEntryRow *self)
{
  gboolean read = briefing_entry_get_read (self->entry);

  /* The dot keeps its space so that titles line up; a read briefing's
   * dot is transparent and hidden from screen readers. */
  gtk_widget_set_opacity (self->unread_dot, read ? 0 : 1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->unread_dot), GTK_ACCESSIBLE_STATE_HIDDEN, read, -1);
  if (read)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
}

static void
update_starred (BriefingEntryRow *self)
{
  gtk_widget_set_visible (self->star_icon, briefing_entry_get_starred (self->entry));
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BriefingEntryRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = briefing_image_loader_load_finish (result, &error);
  if (texture == NULL)
    {
      /* A missing thumbnail is not worth a message; the row reads fine
       * without one. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }

  briefing_thumbnail_set_texture (self->thumbnail, texture);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
}

static void
load_thumbnail (BriefingEntryRow *self)
{
  const char *url = briefing_entry_get_image_url (self->entry);
  GdkTexture *cached;

  briefing_thumbnail_set_texture (self->thumbnail, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);

  if (url == NULL)
    return;

  /* Scrolling back shows cached thumbnails at once, without a flicker. */
  cached = briefing_image_loader_lookup (url, THUMBNAIL_SIZE);
  if (cached != NULL)
    {
      briefing_thumbnail_set_texture (self->thumbnail, cached);
      gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
      return;
    }

  self->thumbnail_cancellable = g_cancellable_new ();
  briefing_image_loader_load_async (url, THUMBNAIL_SIZE, self->thumbnail_cancellable,
                                    thumbnail_loaded_cb, g_object_ref (self));
}

static void
clear_entry (BriefingEntryRow *self)
{
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);

  if (self->entry != NULL)
    {
      g_clear_signal_handler (&self->read_handler, self->entry);
      g_clear_signal_handler (&self->starred_handler, self->entry);
      g_clear_object (&self->entry);
    }
}

void
briefing_entry_row_set_entry (BriefingEntryRow *self,
                              BriefingEntry    *entry)
{
  g_autofree char *when = NULL;
  const char *title;

  g_return_if_fail (BRIEFING_IS_ENTRY_ROW (self));
  g_return_if_fail (entry == NULL || BRIEFING_IS_ENTRY (entry));

  clear_entry (self);
  if (entry == NULL)
    return;

  self->entry = g_object_ref (entry);
  self->read_handler = g_signal_connect_object (entry, "notify::read", G_CALLBACK (update_read),
                                                self, G_CONNECT_SWAPPED);
  self->starred_handler = g_signal_connect_object (entry, "notify::starred", G_CALLBACK (update_starred),
                                                   self, G_CONNECT_SWAPPED);

  title = briefing_entry_get_title (entry);
  when = briefing_format_relative_time (briefing_entry_get_published (entry),
                                        g_get_real_time () / G_USEC_PER_SEC);

  gtk_label_set_text (self->title_label, title != NULL && *title != '\0' ? title : _("Untitled Briefing"));
  gtk_label_set_text (self->source_label, briefing_entry_get_source_title (entry));
  gtk_label_set_text (self->time_label, g_strstrip (when));

  update_read (self);
  update_starred (self);
  load_thumbnail (self);
}

/**
 * briefing_entry_row_set_heading:
 * @heading: (nullable): the day heading shown above the row, when it is
 *   the first of its day
 */
void
briefing_entry_row_set_heading (BriefingEntryRow *self,
                                const char       *heading)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_ROW (self));

  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), heading != NULL);
}

static void
briefing_entry_row_dispose (GObject *object)
{
  BriefingEntryRow *self = (BriefingEntryRow *)object;

  clear_entry (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BRIEFING_TYPE_ENTRY_ROW);

  G_OBJECT_CLASS (briefing_entry_row_parent_class)->dispose (object);
}

static void
briefing_entry_row_class_init (BriefingEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_entry_row_dispose;

  g_type_ensure (BRIEFING_TYPE_THUMBNAIL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, layout);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, box);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, star_icon);
  gtk_widget_class_bind_template_child (widget_class, BriefingEntryRow, thumbnail);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefing-entry-row");
}

static void
briefing_entry_row_init (BriefingEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BriefingEntryRow *
briefing_entry_row_new (void)
{
  return g_object_new (BRIEFING_TYPE_ENTRY_ROW, NULL);
}
