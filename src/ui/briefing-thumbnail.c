/* briefing-thumbnail.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-thumbnail"

#include "config.h"

#include "briefing-thumbnail.h"

/* A square thumbnail of a fixed size, filled by the picture the way CSS's
 * object-fit: cover does: GtkPicture asks for its picture's own size, so
 * rows with wide photos would get wider thumbnails than the rest. */
struct _BriefingThumbnail
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
};

G_DEFINE_FINAL_TYPE (BriefingThumbnail, briefing_thumbnail, GTK_TYPE_WIDGET)

#define SIZE 72

static void
briefing_thumbnail_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
briefing_thumbnail_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BriefingThumbnail *self = BRIEFING_THUMBNAIL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double texture_width, texture_height, scale;
  GskRoundedRect clip;

  if (self->texture == NULL)
    return;

  texture_width = gdk_texture_get_width (self->texture);
  texture_height = gdk_texture_get_height (self->texture);
  scale = MAX (width / texture_width, height / texture_height);

  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (0, 0, width, height), 8);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - texture_width * scale) / 2,
                                                    (height - texture_height * scale) / 2,
                                                    texture_width * scale, texture_height * scale));
  gtk_snapshot_pop (snapshot);
}

static void
briefing_thumbnail_dispose (GObject *object)
{
  BriefingThumbnail *self = (BriefingThumbnail *)object;

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (briefing_thumbnail_parent_class)->dispose (object);
}

static void
briefing_thumbnail_class_init (BriefingThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_thumbnail_dispose;
  widget_class->measure = briefing_thumbnail_measure;
  widget_class->snapshot = briefing_thumbnail_snapshot;

  gtk_widget_class_set_css_name (widget_class, "thumbnail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
briefing_thumbnail_init (BriefingThumbnail *self)
{
}

/**
 * briefing_thumbnail_set_texture:
 * @texture: (nullable): the picture; %NULL shows nothing
 */
void
briefing_thumbnail_set_texture (BriefingThumbnail *self,
                                GdkTexture        *texture)
{
  g_return_if_fail (BRIEFING_IS_THUMBNAIL (self));

  if (g_set_object (&self->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}
