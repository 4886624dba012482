/* briefing-utils.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static inline gboolean
briefing_set_str (char       **str_pointer,
                  const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str ||
      (*str_pointer != NULL && new_str != NULL && strcmp (*str_pointer, new_str) == 0))
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

char     *briefing_strip_to_null     (const char  *str);
char     *briefing_format_rfc3339    (gint64       unix_time);
GDateTime *briefing_local_date_time  (gint64       unix_time);
char     *briefing_sha256_hex        (const char  *data,
                                      gssize       len);
GBytes   *briefing_file_load_bounded (GFile        *file,
                                      gsize         max_size,
                                      GCancellable *cancellable,
                                      GError      **error);

G_END_DECLS
