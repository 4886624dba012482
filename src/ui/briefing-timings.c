/* briefing-timings.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-timings"

#include "config.h"

#include "briefing-timings.h"

#include <stdio.h>

/* Measurements for the benchmarks, off unless BRIEFING_TIMINGS=1: when
 * the sidebar first paints briefings, and the longest the main loop went
 * without running (a stall the reader would feel). Lines go to stderr as
 * "briefing-timing: EVENT VALUE". */

#define TICK_MS 5

static gboolean enabled;
static gint64 last_tick;
static gint64 max_stall;

gboolean
briefing_timings_enabled (void)
{
  return enabled;
}

static gboolean
on_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    max_stall = MAX (max_stall, now - last_tick - TICK_MS * 1000);
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

void
briefing_timings_start (void)
{
  enabled = g_strcmp0 (g_getenv ("BRIEFING_TIMINGS"), "1") == 0;
  if (!enabled)
    return;

  fprintf (stderr, "briefing-timing: start %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_timeout_add_full (G_PRIORITY_DEFAULT, TICK_MS, on_tick_cb, NULL, NULL);
}

/**
 * briefing_timings_report:
 *
 * Prints @event with the time, and the longest main-loop stall so far
 * (which it then resets).
 */
void
briefing_timings_report (const char *event)
{
  if (!enabled)
    return;

  fprintf (stderr, "briefing-timing: %s %" G_GINT64_FORMAT " max-stall-us %" G_GINT64_FORMAT "\n",
           event, g_get_monotonic_time (), MAX (max_stall, 0));
  fflush (stderr);
  max_stall = 0;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWidget     *widget)
{
  /* The first frame that painted rows. */
  if (gtk_widget_get_first_child (widget) == NULL || !gtk_widget_get_mapped (widget))
    return;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, widget);
  /* Which renderer drew it (see briefing_avoid_software_gl()). */
  fprintf (stderr, "briefing-timing: renderer %s\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (widget))));
  briefing_timings_report ("first-paint");
}

static void
on_realize_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_after_paint_cb), widget, 0);
}

/**
 * briefing_timings_watch_first_paint:
 *
 * Reports "first-paint" after the first frame in which @widget (the
 * sidebar's list) has rows.
 */
void
briefing_timings_watch_first_paint (GtkWidget *widget)
{
  if (!enabled)
    return;

  if (gtk_widget_get_realized (widget))
    on_realize_cb (widget);
  else
    g_signal_connect (widget, "realize", G_CALLBACK (on_realize_cb), NULL);
}
