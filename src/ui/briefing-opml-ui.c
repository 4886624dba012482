/* briefing-opml-ui.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-opml-ui"

#include "config.h"

#include "briefing-opml-ui.h"

#include <glib/gi18n.h>

#include "briefing-opml.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-ui-compat.h"
#include "briefing-url.h"

/* Importing and exporting subscriptions as OPML, with the file chosen
 * through the portal. The main thread only chooses and hands over:
 * reading is asynchronous GIO, parsing runs in a thread, and the store
 * is read and written on its own worker. */

typedef struct
{
  BriefingSession *session;
  GFile           *file;
  char            *contents;
  gsize            len;
  gboolean         too_large;
  GPtrArray       *outlines;
  GBytes          *opml;
  guint            added;
  guint            skipped;
} OpmlOp;

static void
opml_op_free (OpmlOp *op)
{
  g_clear_object (&op->session);
  g_clear_object (&op->file);
  g_free (op->contents);
  g_clear_pointer (&op->outlines, g_ptr_array_unref);
  g_clear_pointer (&op->opml, g_bytes_unref);
  g_free (op);
}

static GTask *
opml_task_new (BriefingSession     *session,
               gpointer             source_tag,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  OpmlOp *op = g_new0 (OpmlOp, 1);

  op->session = g_object_ref (session);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) opml_op_free);

  return task;
}

static GtkFileFilter *
opml_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Subscription Lists (OPML)"));
  gtk_file_filter_add_mime_type (filter, "text/x-opml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");
  gtk_file_filter_add_suffix (filter, "opml");
  gtk_file_filter_add_suffix (filter, "xml");

  return filter;
}

/* Import ------------------------------------------------------------------ */

/* On the store's thread: subscribes to each feed not yet subscribed to.
 * Only fetching later tells whether an address really is a feed, so the
 * import just records the subscriptions and the next refresh fills them. */
static void
add_sources_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  BriefingStore *store = source_object;
  OpmlOp *op = task_data;
  g_autoptr(GError) first_error = NULL;

  for (guint i = 0; i < op->outlines->len; i++)
    {
      BriefingOpmlOutline *outline = g_ptr_array_index (op->outlines, i);
      g_autoptr(GError) error = NULL;

      if (!briefing_url_is_web (outline->url))
        op->skipped++;
      else if (briefing_store_add_source (store, outline->url, outline->title, outline->group, &error) != 0)
        op->added++;
      else
        {
          op->skipped++;
          if (!g_error_matches (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE) && first_error == NULL)
            first_error = g_steal_pointer (&error);
        }
    }

  /* A failing store fails the import; one odd entry among many does not. */
  if (op->added == 0 && first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpmlOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  g_debug ("Import added %u sources, skipped %u", op->added, op->skipped);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_int (task, op->added);
  else
    g_task_return_error (task, error);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  OpmlOp *op = task_data;
  GError *error = NULL;

  op->outlines = briefing_opml_parse (op->contents, op->len, &error);
  if (op->outlines == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_parsed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpmlOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  briefing_store_run_async (briefing_session_get_store (op->session), NULL, add_sources_thread, op, NULL,
                            briefing_opml_import, NULL, import_added_cb, g_steal_pointer (&task));
}

static gboolean
import_read_more_cb (const char *file_contents,
                     goffset     file_size,
                     gpointer    user_data)
{
  OpmlOp *op = g_task_get_task_data (G_TASK (user_data));

  op->too_large = file_size > BRIEFING_OPML_MAX_SIZE;

  return !op->too_large;
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) parse = NULL;
  OpmlOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_load_partial_contents_finish (G_FILE (object), result, &op->contents, &op->len, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (op->too_large)
    {
      g_task_return_new_error (task, BRIEFING_OPML_ERROR, BRIEFING_OPML_ERROR_INVALID,
                               _("The file is too large to be a list of subscriptions"));
      return;
    }

  parse = g_task_new (NULL, NULL, import_parsed_cb, g_steal_pointer (&task));
  g_task_set_task_data (parse, op, NULL);
  g_task_run_in_thread (parse, parse_thread);
}

static void
import_file_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpmlOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->file = briefing_choose_file_finish (result, &error);
  if (op->file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_load_partial_contents_async (op->file, NULL, import_read_more_cb, import_loaded_cb,
                                      g_steal_pointer (&task));
}

/**
 * briefing_opml_import:
 * @parent: (nullable): the window the file chooser belongs to
 *
 * Asks for an OPML file and subscribes to every feed in it that is not
 * subscribed to yet. The new sources are fetched by the next refresh;
 * call briefing_session_refresh_async() to fetch them at once.
 */
void
briefing_opml_import (GtkWindow           *parent,
                      BriefingSession     *session,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GtkFileFilter) filter = opml_filter_new ();
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (BRIEFING_IS_SESSION (session));

  task = opml_task_new (session, briefing_opml_import, callback, user_data);
  briefing_choose_file_async (parent, _("Import Subscriptions"), filter, NULL, import_file_chosen_cb, task);
}

/**
 * briefing_opml_import_finish:
 *
 * Feeds already subscribed to, and entries that are not web addresses,
 * are skipped.
 *
 * Returns: how many sources were added; 0 with @error set on failure
 *   (%G_IO_ERROR_CANCELLED when the reader dismissed the file chooser)
 */
guint
briefing_opml_import_finish (GAsyncResult  *result,
                             GError       **error)
{
  gssize added;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == briefing_opml_import, 0);

  added = g_task_propagate_int (G_TASK (result), error);

  return added > 0 ? (guint) added : 0;
}

/* Export ------------------------------------------------------------------ */

/* On the store's thread. */
static void
write_opml_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OpmlOp *op = task_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *opml = NULL;
  GError *error = NULL;
  gsize len;

  sources = briefing_store_list_sources (BRIEFING_STORE (source_object), &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  opml = briefing_opml_write (sources, "Briefing subscriptions");
  len = strlen (opml);
  op->opml = g_bytes_new_take (g_steal_pointer (&opml), len);
  g_task_return_boolean (task, TRUE);
}

static void
export_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpmlOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (op->file, op->opml, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, export_saved_cb, g_steal_pointer (&task));
}

static void
export_file_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpmlOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->file = briefing_choose_save_file_finish (result, &error);
  if (op->file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  briefing_store_run_async (briefing_session_get_store (op->session), NULL, write_opml_thread, op, NULL,
                            briefing_opml_export, NULL, export_written_cb, g_steal_pointer (&task));
}

/**
 * briefing_opml_export:
 * @parent: (nullable): the window the file chooser belongs to
 *
 * Asks where to save, then writes every subscription there as OPML.
 */
void
briefing_opml_export (GtkWindow           *parent,
                      BriefingSession     *session,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GtkFileFilter) filter = opml_filter_new ();
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (BRIEFING_IS_SESSION (session));

  task = opml_task_new (session, briefing_opml_export, callback, user_data);
  /* Translators: the suggested file name for exported subscriptions */
  briefing_choose_save_file_async (parent, _("Export Subscriptions"), _("subscriptions.opml"), filter, NULL,
                                   export_file_chosen_cb, task);
}

/**
 * briefing_opml_export_finish:
 *
 * Returns: whether the subscriptions were saved; %FALSE with @error set
 *   otherwise (%G_IO_ERROR_CANCELLED when the reader dismissed the file
 *   chooser)
 */
gboolean
briefing_opml_export_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == briefing_opml_export, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
