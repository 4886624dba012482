/* briefing-topics-pane.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-topics-pane"

#include "config.h"

#include "briefing-topics-pane.h"

#include <glib/gi18n.h>

#include "briefing-entry.h"
#include "briefing-entry-row.h"
#include "briefing-topic.h"
#include "briefing-wrap-layout.h"

/* The related-topics pane: the people, places, organisations and
 * categories of the briefing being read, as chips, and briefings that
 * share them. */
struct _BriefingTopicsPane
{
  GtkWidget   parent_instance;

  gboolean    folded;

  GtkWidget  *scroller;
  GtkWidget  *topics_box;
  GtkWidget  *coverage_heading;
  GtkListBox *coverage_list;
  GtkWidget  *no_topics_label;
  GtkWidget  *related_heading;
  GtkListBox *related_list;
  GtkWidget  *no_related_label;
};

#define MAX_CHIPS 12

G_DEFINE_FINAL_TYPE (BriefingTopicsPane, briefing_topics_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOPIC_ACTIVATED,
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_icon (BriefingTopicKind kind)
{
  switch (kind)
    {
    case BRIEFING_TOPIC_PERSON:
      return "avatar-default-symbolic";
    case BRIEFING_TOPIC_PLACE:
      return "mark-location-symbolic";
    case BRIEFING_TOPIC_ORGANISATION:
      return "briefing-organisation-symbolic";
    case BRIEFING_TOPIC_CATEGORY:
    case BRIEFING_TOPIC_KEYWORD:
    default:
      return "briefing-topic-symbolic";
    }
}

static const char *
kind_label (BriefingTopicKind kind)
{
  switch (kind)
    {
    case BRIEFING_TOPIC_PERSON:
      return _("Person");
    case BRIEFING_TOPIC_PLACE:
      return _("Place");
    case BRIEFING_TOPIC_ORGANISATION:
      return _("Organisation");
    case BRIEFING_TOPIC_CATEGORY:
    case BRIEFING_TOPIC_KEYWORD:
    default:
      return _("Topic");
    }
}

static void
on_chip_clicked_cb (BriefingTopicsPane *self,
                    GtkButton          *button)
{
  BriefingTopic *topic = g_object_get_data (G_OBJECT (button), "topic");

  g_assert (BRIEFING_IS_TOPICS_PANE (self));

  g_signal_emit (self, signals[TOPIC_ACTIVATED], 0, topic);
}

static GtkWidget *
create_chip (BriefingTopicsPane *self,
             BriefingTopic      *topic)
{
  BriefingTopicKind kind = briefing_topic_get_kind (topic);
  g_autofree char *accessible = NULL;
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *label;

  g_assert (BRIEFING_IS_TOPICS_PANE (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kind_icon (kind)));
  label = gtk_label_new (briefing_topic_get_name (topic));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "topic-chip");
  gtk_widget_add_css_class (button, briefing_topic_kind_to_string (kind));

  /* Translators: a topic chip's accessible name, "Place: Paris" */
  accessible = g_strdup_printf (_("%s: %s"), kind_label (kind), briefing_topic_get_name (topic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, accessible);

  g_object_set_data_full (G_OBJECT (button), "topic", g_object_ref (topic), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self, G_CONNECT_SWAPPED);

  return button;
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

void
briefing_topics_pane_set_entry (BriefingTopicsPane *self,
                                BriefingEntry      *entry)
{
  GPtrArray *topics;

  g_return_if_fail (BRIEFING_IS_TOPICS_PANE (self));

  remove_all (self->topics_box);
  remove_all (GTK_WIDGET (self->related_list));
  gtk_widget_set_visible (GTK_WIDGET (self->related_list), FALSE);

  topics = entry != NULL ? briefing_entry_get_topics (entry) : NULL;
  /* The store gives them most salient first; past a dozen they are
   * noise to a reader. */
  for (guint i = 0; topics != NULL && i < topics->len && i < MAX_CHIPS; i++)
    gtk_box_append (GTK_BOX (self->topics_box), create_chip (self, g_ptr_array_index (topics, i)));

  gtk_widget_set_visible (self->topics_box, topics != NULL && topics->len > 0);
  gtk_widget_set_visible (self->no_topics_label, topics == NULL || topics->len == 0);

  /* With nothing selected there is nothing to relate: say what the pane
   * is for instead of claiming an absent briefing has no topics. */
  gtk_label_set_text (GTK_LABEL (self->no_topics_label),
                      entry != NULL ? _("This briefing has no topics")
                                    : _("Select a briefing to see its people, places and related briefings"));
  briefing_topics_pane_set_coverage (self, NULL);
  gtk_widget_set_visible (self->related_heading, entry != NULL);
  gtk_widget_set_visible (self->no_related_label, entry != NULL);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

static GtkWidget *
create_related_row (BriefingEntry *entry)
{
  g_autofree char *when = briefing_format_relative_time (briefing_entry_get_published (entry),
                                                         g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (briefing_entry_get_title (entry));
  GtkWidget *meta;

  subtitle = g_strdup_printf ("%s · %s", briefing_entry_get_source_title (entry), g_strstrip (when));
  meta = gtk_label_new (subtitle);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  briefing_entry_get_title (entry), -1);

  g_object_set_data_full (G_OBJECT (row), "entry", g_object_ref (entry), g_object_unref);

  return row;
}

/**
 * briefing_topics_pane_set_related:
 * @related: (element-type BriefingEntry): related briefings, best first
 */
void
briefing_topics_pane_set_related (BriefingTopicsPane *self,
                                  GPtrArray          *related)
{
  g_return_if_fail (BRIEFING_IS_TOPICS_PANE (self));

  remove_all (GTK_WIDGET (self->related_list));
  for (guint i = 0; related != NULL && i < related->len; i++)
    gtk_list_box_append (self->related_list, create_related_row (g_ptr_array_index (related, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->related_list), related != NULL && related->len > 0);
  gtk_widget_set_visible (self->no_related_label, related == NULL || related->len == 0);
}

/**
 * briefing_topics_pane_set_coverage:
 * @coverage: (element-type BriefingEntry) (nullable): the other entries of
 *   the briefing's story, oldest first
 *
 * The same story from other sources, shown above the related briefings.
 */
void
briefing_topics_pane_set_coverage (BriefingTopicsPane *self,
                                   GPtrArray          *coverage)
{
  gboolean any = coverage != NULL && coverage->len > 0;

  g_return_if_fail (BRIEFING_IS_TOPICS_PANE (self));

  remove_all (GTK_WIDGET (self->coverage_list));
  for (guint i = 0; any && i < coverage->len; i++)
    gtk_list_box_append (self->coverage_list, create_related_row (g_ptr_array_index (coverage, i)));

  gtk_widget_set_visible (self->coverage_heading, any);
  gtk_widget_set_visible (GTK_WIDGET (self->coverage_list), any);
}

static void
on_related_row_activated_cb (BriefingTopicsPane *self,
                             GtkListBoxRow      *row,
                             GtkListBox         *list)
{
  BriefingEntry *entry = g_object_get_data (G_OBJECT (row), "entry");

  g_assert (BRIEFING_IS_TOPICS_PANE (self));

  g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, entry);
}

static void
briefing_topics_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BRIEFING_TYPE_TOPICS_PANE);

  G_OBJECT_CLASS (briefing_topics_pane_parent_class)->dispose (object);
}

static void
briefing_topics_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BriefingTopicsPane *self = BRIEFING_TOPICS_PANE (object);

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
briefing_topics_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BriefingTopicsPane *self = BRIEFING_TOPICS_PANE (object);

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

static void
briefing_topics_pane_class_init (BriefingTopicsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_topics_pane_dispose;
  object_class->get_property = briefing_topics_pane_get_property;
  object_class->set_property = briefing_topics_pane_set_property;

  /**
   * BriefingTopicsPane:folded:
   *
   * Whether the pane lies over the article (a narrow window), so that it
   * offers its own close button.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BriefingTopicsPane::topic-activated:
   * @topic: the topic whose chip was clicked
   */
  signals[TOPIC_ACTIVATED] =
    g_signal_new ("topic-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_TOPIC);

  /**
   * BriefingTopicsPane::entry-activated:
   * @entry: the related briefing that was clicked
   */
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_ENTRY);

  g_type_ensure (BRIEFING_TYPE_WRAP_LAYOUT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-topics-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, topics_box);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, coverage_heading);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, coverage_list);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, no_topics_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, related_heading);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, related_list);
  gtk_widget_class_bind_template_child (widget_class, BriefingTopicsPane, no_related_label);
  gtk_widget_class_bind_template_callback (widget_class, on_related_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefing-topics-pane");
}

static void
briefing_topics_pane_init (BriefingTopicsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  briefing_topics_pane_set_entry (self, NULL);
}
