/* briefing-utils.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-utils"

#include "config.h"

#include "briefing-utils.h"

/**
 * briefing_strip_to_null:
 *
 * Returns: (nullable): a stripped copy of @str, or %NULL when nothing but
 *   white space is left
 */
char *
briefing_strip_to_null (const char *str)
{
  g_autofree char *copy = NULL;

  if (str == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (str));
  if (*copy == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

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
  G_LOCK_DEFINE_STATIC (zone);
  static GTimeZone *zone;
  static gint64 zone_checked;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  G_LOCK (zone);
  if (zone == NULL || now - zone_checked > 60 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      zone_checked = now;
    }
  local = g_time_zone_ref (zone);
  G_UNLOCK (zone);

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return NULL;

  return g_date_time_to_timezone (utc, local);
}

/**
 * briefing_format_rfc3339:
 *
 * Returns: (nullable): @unix_time as an RFC 3339 UTC timestamp, or %NULL
 *   for 0, which means "unknown" throughout Briefing
 */
char *
briefing_format_rfc3339 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == 0)
    return NULL;

  dt = g_date_time_new_from_unix_utc (unix_time);
  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
briefing_sha256_hex (const char *data,
                     gssize      len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                      len < 0 ? strlen (data) : (gsize) len);
}

/**
 * briefing_file_load_bounded:
 * @max_size: the most bytes to read
 *
 * Reads @file whole, unless it holds more than @max_size bytes: a local
 * document (a feed file, an OPML list) costs no more than one from the
 * network, however large the file or device it names.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
GBytes *
briefing_file_load_bounded (GFile         *file,
                            gsize          max_size,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];
  gssize n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, cancellable, error)) > 0)
    {
      if (buffer->len + (gsize) n > max_size)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The file is larger than %" G_GSIZE_FORMAT " MB, the most Briefing reads",
                       max_size / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  if (n < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}
