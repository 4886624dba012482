/* briefing-memory.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-memory"

#include "config.h"

#include "briefing-memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* After a burst of work (a page of briefings, a refresh round) the
 * allocator holds on to what the burst freed, in free lists and at the
 * top of its arenas. Once the app has been quiet for a moment, it is
 * asked to give that back to the system. */

#define QUIET_SECONDS 2

static guint trim_id;

static gboolean
on_quiet_cb (gpointer user_data)
{
  trim_id = 0;

#ifdef __GLIBC__
  malloc_trim (0);
#endif

  return G_SOURCE_REMOVE;
}

/**
 * briefing_memory_trim_soon:
 *
 * Gives memory freed by the work just done back to the system once the
 * app has been quiet for a moment; each call starts the wait again.
 */
void
briefing_memory_trim_soon (void)
{
  g_clear_handle_id (&trim_id, g_source_remove);
  trim_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, QUIET_SECONDS, on_quiet_cb, NULL, NULL);
}
