/* briefing-wrap-layout.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-wrap-layout"

#include "config.h"

#include "briefing-wrap-layout.h"

/* Lays children out left to right at their natural width, wrapping onto a
 * new line when one is full, like words in a paragraph. Topic chips need
 * this; GtkFlowBox makes equal columns instead, and AdwWrapBox only came
 * with libadwaita 1.7. */
struct _BriefingWrapLayout
{
  GtkLayoutManager parent_instance;

  int              column_spacing;
  int              row_spacing;
};

G_DEFINE_FINAL_TYPE (BriefingWrapLayout, briefing_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static int
child_width (GtkWidget *child,
             int        available)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);

  return MAX (minimum, MIN (natural, available));
}

static int
child_height (GtkWidget *child,
              int        width)
{
  int minimum;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);

  return minimum;
}

/* Places the children in lines no wider than @width, allocating them
 * when @allocate is set; returns the total height either way. */
static int
flow (BriefingWrapLayout *self,
      GtkWidget          *widget,
      int                 width,
      gboolean            allocate)
{
  int x = 0, y = 0, line_height = 0;

  g_assert (BRIEFING_IS_WRAP_LAYOUT (self));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int w, h;

      if (!gtk_widget_should_layout (child))
        continue;

      w = child_width (child, width);
      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line_height + self->row_spacing;
          line_height = 0;
        }

      h = child_height (child, w);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, h }, -1);

      x += w + self->column_spacing;
      line_height = MAX (line_height, h);
    }

  return y + line_height;
}

static void
briefing_wrap_layout_measure (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              GtkOrientation    orientation,
                              int               for_size,
                              int              *minimum,
                              int              *natural,
                              int              *minimum_baseline,
                              int              *natural_baseline)
{
  BriefingWrapLayout *self = BRIEFING_WRAP_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (nat > 0 ? self->column_spacing : 0);
        }

      *minimum = min;
      *natural = nat;
    }
  else
    {
      int height = flow (self, widget, for_size < 0 ? G_MAXINT / 2 : for_size, FALSE);

      *minimum = height;
      *natural = height;
    }
}

static GtkSizeRequestMode
briefing_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                       GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
briefing_wrap_layout_allocate (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               int               width,
                               int               height,
                               int               baseline)
{
  flow (BRIEFING_WRAP_LAYOUT (manager), widget, width, TRUE);
}

static void
briefing_wrap_layout_class_init (BriefingWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = briefing_wrap_layout_measure;
  layout_class->allocate = briefing_wrap_layout_allocate;
  layout_class->get_request_mode = briefing_wrap_layout_get_request_mode;
}

static void
briefing_wrap_layout_init (BriefingWrapLayout *self)
{
  self->column_spacing = 6;
  self->row_spacing = 6;
}
