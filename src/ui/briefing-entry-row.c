/* briefing-entry-row.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-entry-row"

#include "config.h"

#include "briefing-entry-row.h"

#include <glib/gi18n.h>

#include "briefing-entry.h"
#include "briefing-image-loader.h"
#include "briefing-thumbnail.h"
#include "briefing-utils.h"

/* One briefing in the sidebar: source, time, headline, thumbnail, and its
 * unread and starred state. Rows are recycled by the sidebar's view, so all
 * per-entry state is dropped in set_entry (NULL). */
struct _BriefingEntryRow
{
  GtkWidget            parent_instance;

  GtkWidget           *layout;   /* the one child: heading above the box */

  BriefingEntry       *entry;
  BriefingImageLoader *image_loader;
  GCancellable        *thumbnail_cancellable;
  gulong               read_handler;
  gulong               starred_handler;

  GtkLabel            *heading_label;
  GtkWidget           *unread_dot;
  GtkLabel            *source_label;
  GtkLabel            *time_label;
  GtkLabel            *title_label;
  GtkWidget           *star_icon;
  BriefingThumbnail   *thumbnail;
  GtkWidget           *box;
  GtkToggleButton     *story_button;
  GtkLabel            *story_label;

  BriefingEntryRowStory story;
  gboolean              syncing_story;   /* setting the button, not the reader */
};

enum {
  STORY_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BriefingEntryRow, briefing_entry_row, GTK_TYPE_WIDGET)

/* Thumbnails are shown at 72 px, decoded at that times the scale factor. */
#define THUMBNAIL_SIZE 72

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
    /* Translators: a briefing's age in minutes, under an hour */
    return g_strdup_printf (ngettext ("%d min ago", "%d min ago", (int) (age / 60)), (int) (age / 60));

  return g_date_time_format (then, "%H:%M");
}

static void
update_read (BriefingEntryRow *self)
{
  gboolean read = briefing_entry_get_read (self->entry);

  g_assert (BRIEFING_IS_ENTRY_ROW (self));

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
  g_assert (BRIEFING_IS_ENTRY_ROW (self));

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

  texture = briefing_image_loader_load_finish (BRIEFING_IMAGE_LOADER (object), result, &error);
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
  int size = THUMBNAIL_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GdkTexture *cached;

  g_assert (BRIEFING_IS_ENTRY_ROW (self));

  /* A load still on its way was for another briefing or scale. */
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);

  briefing_thumbnail_set_texture (self->thumbnail, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);

  if (url == NULL || self->image_loader == NULL)
    return;

  /* Scrolling back shows cached thumbnails at once, without a flicker. */
  cached = briefing_image_loader_lookup (self->image_loader, url, size);
  if (cached != NULL)
    {
      briefing_thumbnail_set_texture (self->thumbnail, cached);
      gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
      return;
    }

  self->thumbnail_cancellable = g_cancellable_new ();
  briefing_image_loader_load_async (self->image_loader, url, briefing_entry_get_source_url (self->entry), size,
                                    self->thumbnail_cancellable,
                                    thumbnail_loaded_cb, g_object_ref (self));
}

/* Moved to a monitor of another scale: the thumbnail again, as sharp. */
static void
on_scale_factor_cb (BriefingEntryRow *self,
                    GParamSpec       *pspec,
                    gpointer          user_data)
{
  g_assert (BRIEFING_IS_ENTRY_ROW (self));

  if (self->entry != NULL)
    load_thumbnail (self);
}

static void
update_time (BriefingEntryRow *self)
{
  g_autofree char *when = briefing_format_relative_time (briefing_entry_get_published (self->entry),
                                                         g_get_real_time () / G_USEC_PER_SEC);

  g_assert (BRIEFING_IS_ENTRY_ROW (self));

  gtk_label_set_text (self->time_label, g_strstrip (when));
}

static void
clear_entry (BriefingEntryRow *self)
{
  g_assert (BRIEFING_IS_ENTRY_ROW (self));

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
  const char *title;

  g_return_if_fail (BRIEFING_IS_ENTRY_ROW (self));
  g_return_if_fail (entry == NULL || BRIEFING_IS_ENTRY (entry));

  /* GTK 4.8's signal factory binds every row again whenever its position
   * moves, as it does for all of them when briefings arrive at the top.
   * The same briefing keeps its row as it is (only its relative time may
   * have moved on), so that nothing needs measuring again. */
  if (entry != NULL && entry == self->entry)
    {
      update_time (self);
      return;
    }

  clear_entry (self);
  if (entry == NULL)
    return;

  self->entry = g_object_ref (entry);
  self->read_handler = g_signal_connect_object (entry, "notify::read", G_CALLBACK (update_read),
                                                self, G_CONNECT_SWAPPED);
  self->starred_handler = g_signal_connect_object (entry, "notify::starred", G_CALLBACK (update_starred),
                                                   self, G_CONNECT_SWAPPED);

  title = briefing_entry_get_title (entry);
  gtk_label_set_text (self->title_label, title != NULL && *title != '\0' ? title : _("Untitled Briefing"));
  gtk_label_set_text (self->source_label, briefing_entry_get_source_title (entry));
  update_time (self);

  update_read (self);
  update_starred (self);
  load_thumbnail (self);
}

/* Day headings --------------------------------------------------------------- */

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
  /* Translators: a day heading in the list this year, "Monday, 5 March"; the
   * codes are g_date_time_format()'s. */
  if (g_date_time_get_year (today) == g_date_time_get_year (then))
    return g_date_time_format (then, _("%A, %-d %B"));

  /* Translators: a day heading in the list before this year, "5 March 2023" */
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

/**
 * briefing_entry_row_set_previous:
 * @previous: (nullable): the briefing listed above this row's, if any
 *
 * Sections by day, on GTK 4.8, which has no section model: the first
 * briefing of each day carries the day's heading. Call after
 * briefing_entry_row_set_entry(), and again when the row moves.
 */
void
briefing_entry_row_set_previous (BriefingEntryRow *self,
                                 BriefingEntry    *previous)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (BRIEFING_IS_ENTRY_ROW (self));
  g_return_if_fail (previous == NULL || BRIEFING_IS_ENTRY (previous));

  if (self->entry == NULL)
    return;

  /* A story's other sources sit under its newest entry, whatever day. */
  if (self->story == BRIEFING_ENTRY_ROW_STORY_MEMBER)
    previous = self->entry;

  if (previous == NULL ||
      !same_day (briefing_entry_get_published (previous), briefing_entry_get_published (self->entry)))
    heading = day_heading (briefing_entry_get_published (self->entry), g_get_real_time () / G_USEC_PER_SEC);

  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), heading != NULL);
}

/* Stories ------------------------------------------------------------------------ */

static void
update_story_button (BriefingEntryRow *self,
                     gboolean          expanded)
{
  guint sources = self->entry != NULL ? briefing_entry_get_story_sources (self->entry) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u source", "%u sources", sources), sources);
  g_autofree char *description = NULL;

  g_assert (BRIEFING_IS_ENTRY_ROW (self));

  gtk_label_set_text (self->story_label, text);
  if (expanded)
    description = g_strdup_printf (ngettext ("Hide the story’s %u source", "Hide the story’s %u sources", sources),
                                   sources);
  else
    description = g_strdup_printf (ngettext ("Show the story from %u source", "Show the story from %u sources",
                                             sources),
                                   sources);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->story_button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->story_button), description);

  self->syncing_story = TRUE;
  gtk_toggle_button_set_active (self->story_button, expanded);
  self->syncing_story = FALSE;
}

/**
 * briefing_entry_row_set_story:
 * @story: the row's part in a story, when the sidebar groups them
 * @expanded: for %BRIEFING_ENTRY_ROW_STORY_LEAD, whether the story's
 *   other entries are shown under it
 *
 * A story's newest entry offers "N sources", which emits
 * BriefingEntryRow::story-toggled; its other entries are indented under
 * it. Call after briefing_entry_row_set_entry().
 */
void
briefing_entry_row_set_story (BriefingEntryRow      *self,
                              BriefingEntryRowStory  story,
                              gboolean               expanded)
{
  g_return_if_fail (BRIEFING_IS_ENTRY_ROW (self));

  self->story = story;
  gtk_widget_set_visible (GTK_WIDGET (self->story_button), story == BRIEFING_ENTRY_ROW_STORY_LEAD);
  if (story == BRIEFING_ENTRY_ROW_STORY_LEAD)
    update_story_button (self, expanded);

  if (story == BRIEFING_ENTRY_ROW_STORY_MEMBER)
    gtk_widget_add_css_class (GTK_WIDGET (self), "story-member");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "story-member");
  gtk_widget_set_margin_start (self->box, story == BRIEFING_ENTRY_ROW_STORY_MEMBER ? 24 : 6);
}

static void
on_story_button_toggled_cb (BriefingEntryRow *self,
                            GtkToggleButton  *button)
{
  gboolean expanded = gtk_toggle_button_get_active (button);

  g_assert (BRIEFING_IS_ENTRY_ROW (self));

  if (self->syncing_story || self->entry == NULL)
    return;

  update_story_button (self, expanded);
  g_signal_emit (self, signals[STORY_TOGGLED], 0, expanded);
}

static void
briefing_entry_row_dispose (GObject *object)
{
  BriefingEntryRow *self = (BriefingEntryRow *)object;

  clear_entry (self);
  g_clear_object (&self->image_loader);
  g_clear_pointer (&self->layout, gtk_widget_unparent);

  G_OBJECT_CLASS (briefing_entry_row_parent_class)->dispose (object);
}

static void
briefing_entry_row_class_init (BriefingEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_entry_row_dispose;

  /**
   * BriefingEntryRow::story-toggled:
   * @expanded: whether the reader asked to see the story's other sources
   */
  signals[STORY_TOGGLED] =
    g_signal_new ("story-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefing-entry-row");
}

static GtkWidget *
new_label (float        xalign,
           const char  *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);

  va_start (args, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  return label;
}

static GtkWidget *
new_icon (const char *icon_name,
          int         pixel_size,
          const char *css_class,
          const char *accessible_label)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_image_set_pixel_size (GTK_IMAGE (image), pixel_size);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (image, css_class);
  if (accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  else
    gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return image;
}

/* The row is built in code, not from a template: the sidebar's view builds
 * dozens of rows whenever a reload brings new briefings into view, and
 * GtkBuilder parsing the template for each was a quarter of that. */
static void
briefing_entry_row_init (BriefingEntryRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *story = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *heading;

  self->layout = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->layout, GTK_WIDGET (self));

  /* The day's heading, above the first briefing of each day. */
  heading = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "day-heading");
  gtk_widget_set_visible (heading, FALSE);
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 2);
  self->heading_label = GTK_LABEL (heading);
  gtk_box_append (GTK_BOX (self->layout), heading);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (self->layout), box);
  self->box = box;

  /* Unread dot, source, star and time on one line. */
  self->unread_dot = new_icon ("briefing-unread-symbolic", 8, "unread-dot",
                              /* Translators: one briefing not read yet (an icon's name) */
                              C_("briefing", "Unread"));
  gtk_box_append (GTK_BOX (meta), self->unread_dot);

  self->source_label = GTK_LABEL (new_label (0, "caption-heading", "source", NULL));
  gtk_label_set_ellipsize (self->source_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->source_label), TRUE);
  gtk_box_append (GTK_BOX (meta), GTK_WIDGET (self->source_label));

  self->star_icon = new_icon ("starred-symbolic", 12, "star",
                            /* Translators: one briefing the reader starred (an icon's name) */
                            C_("briefing", "Starred"));
  gtk_widget_set_visible (self->star_icon, FALSE);
  gtk_box_append (GTK_BOX (meta), self->star_icon);

  self->time_label = GTK_LABEL (new_label (1, "caption", "dim-label", "numeric", NULL));
  gtk_box_append (GTK_BOX (meta), GTK_WIDGET (self->time_label));

  /* The headline, up to three lines. Its natural width is the unwrapped
   * text's (capped by max-width-chars): finding a wrapped natural width
   * lays the text out again at several widths, and with dozens of rows
   * bound at each reload that was most of a 150 ms stall during a
   * 500-feed refresh. No width-chars: GTK 4.8 would then report a short
   * headline's natural width below its minimum, and warn. The sidebar's
   * width is its own width-request anyway. */
  self->title_label = GTK_LABEL (new_label (0, "title", NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (self->title_label, GTK_NATURAL_WRAP_NONE);
  gtk_label_set_lines (self->title_label, 3);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->title_label, 40);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (box), text);

  /* "3 sources", under the headline of a story's newest entry. */
  self->story_label = GTK_LABEL (new_label (0, "caption", NULL));
  gtk_box_append (GTK_BOX (story), GTK_WIDGET (self->story_label));
  gtk_box_append (GTK_BOX (story), new_icon ("pan-down-symbolic", 12, "story-expander", NULL));
  self->story_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_child (GTK_BUTTON (self->story_button), story);
  gtk_widget_set_halign (GTK_WIDGET (self->story_button), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->story_button), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->story_button), "story-button");
  gtk_widget_set_visible (GTK_WIDGET (self->story_button), FALSE);
  g_signal_connect_object (self->story_button, "toggled", G_CALLBACK (on_story_button_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->story_button));

  self->thumbnail = g_object_new (BRIEFING_TYPE_THUMBNAIL, NULL);
  gtk_widget_set_valign (GTK_WIDGET (self->thumbnail), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thumbnail), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Photo"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->thumbnail));

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_cb), NULL);
}

/**
 * briefing_entry_row_new:
 * @image_loader: (nullable): where the thumbnail comes from; %NULL for a
 *   row without one
 */
BriefingEntryRow *
briefing_entry_row_new (BriefingImageLoader *image_loader)
{
  BriefingEntryRow *self;

  g_return_val_if_fail (image_loader == NULL || BRIEFING_IS_IMAGE_LOADER (image_loader), NULL);

  self = g_object_new (BRIEFING_TYPE_ENTRY_ROW, NULL);
  g_set_object (&self->image_loader, image_loader);

  return self;
}
