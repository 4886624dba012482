/* briefing-window-open.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-window-open"

#include "config.h"

#include <glib/gi18n.h>

#include "briefing-feed-parser.h"
#include "briefing-feed.h"
#include "briefing-opml.h"
#include "briefing-url.h"
#include "briefing-utils.h"
#include "briefing-window-private.h"

#include <string.h>

/* What the desktop hands over: a feed: link from the browser, or a file
 * from the file manager or the browser's downloads (a feed, or a list of
 * subscriptions). Each ends in a dialog where the reader decides: Add
 * Source with the web address filled in, or the list to import. A file is
 * never subscribed as a file: source (the store refuses them: a source is
 * on the web), so a feed file stands for the address it gives for itself.
 *
 * Files are read with the caps every input has, and parsed on a thread. */

/* More of an address than a reader would read in a dialog. */
#define SHOWN_URI_BYTES 200

typedef struct
{
  GFile     *file;
  char      *name;         /* the file as the reader knows it */
  GBytes    *contents;
  GPtrArray *outlines;     /* set when the file is OPML */
  char      *url;          /* a feed's own web address */
  char      *message;      /* why there is none */
} Opened;

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->file);
  g_free (opened->name);
  g_clear_pointer (&opened->contents, g_bytes_unref);
  g_clear_pointer (&opened->outlines, g_ptr_array_unref);
  g_free (opened->url);
  g_free (opened->message);
  g_free (opened);
}

/* Sniffed from the document rather than trusted from its name or type:
 * OPML is the one with an <opml> root (checked by the OPML parser), any
 * other document goes to the feed parser. */
static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Opened *opened = task_data;
  g_autoptr(BriefingFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  opened->contents = briefing_file_load_bounded (opened->file, BRIEFING_FEED_MAX_SIZE, cancellable, &error);
  if (opened->contents == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        opened->message = g_strdup_printf (_("“%s” is too large to be a feed."), opened->name);
      else
        opened->message = g_strdup_printf (_("“%s” could not be read: %s"), opened->name, error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  len = g_bytes_get_size (opened->contents);
  if (len <= BRIEFING_OPML_MAX_SIZE)
    opened->outlines = briefing_opml_parse (g_bytes_get_data (opened->contents, NULL), len, NULL);
  if (opened->outlines != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* No document address: a relative self link then names nothing, and a
   * file: one is not on the web either. */
  g_clear_error (&error);
  feed = briefing_feed_parse (opened->contents, NULL, NULL, &error);
  if (feed == NULL)
    opened->message = g_strdup_printf (_("“%s” is neither a feed nor a list of subscriptions."), opened->name);
  else if (briefing_feed_get_self_url (feed) != NULL)
    opened->url = g_strdup (briefing_feed_get_self_url (feed));
  else
    opened->message = g_strdup_printf (_("The feed in “%s” does not say at which web address it is published. "
                                         "Type the address of the feed or of its web site."), opened->name);

  g_task_return_boolean (task, TRUE);
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BriefingWindow) self = BRIEFING_WINDOW (object);
  Opened *opened = g_task_get_task_data (G_TASK (result));

  g_assert (g_task_is_valid (result, object));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  if (opened->outlines != NULL)
    briefing_window_import_opml (self, opened->name, opened->contents, opened->outlines);
  else
    briefing_window_add_source (self, opened->url, opened->message);
}

static void
read_file (BriefingWindow *self,
           GFile          *file)
{
  GTask *task = g_task_new (g_object_ref (self), NULL, file_read_cb, NULL);
  Opened *opened = g_new0 (Opened, 1);
  g_autofree char *basename = g_file_get_basename (file);

  /* The reader knows the file by its name, in UTF-8 for the dialog. */
  opened->file = g_object_ref (file);
  if (basename != NULL && g_utf8_validate (basename, -1, NULL))
    opened->name = g_steal_pointer (&basename);
  else
    opened->name = g_file_get_parse_name (file);
  g_task_set_source_tag (task, read_file);
  g_task_set_task_data (task, opened, (GDestroyNotify) opened_free);

  g_task_run_in_thread (task, read_in_thread);
  g_object_unref (task);
}

/**
 * briefing_window_open_file:
 * @file: what the desktop asked the app to open
 *
 * A local file is read: a subscription list opens the import, a feed
 * opens Add Source with its own web address. Anything else is an address
 * (`feed:https://…`, `feed://…`, a web address) and opens Add Source with
 * the web address it stands for, or with why it is not one.
 */
void
briefing_window_open_file (BriefingWindow *self,
                           GFile          *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BRIEFING_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (g_file_is_native (file))
    {
      read_file (self, file);
      return;
    }

  uri = g_file_get_uri (file);
  url = briefing_url_from_feed_link (uri, &error);
  if (url == NULL)
    {
      /* Shown as handed over, but not at any length. */
      g_autofree char *shown = g_utf8_make_valid (uri, MIN (strlen (uri), SHOWN_URI_BYTES));
      g_autofree char *message = g_strdup_printf (_("Briefing cannot follow “%s”: it is not a web address."), shown);

      briefing_window_add_source (self, NULL, message);
      return;
    }

  briefing_window_add_source (self, url, NULL);
}
