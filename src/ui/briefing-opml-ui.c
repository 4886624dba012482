/* briefing-opml-ui.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-opml-ui"

#include "config.h"

#include "briefing-opml-ui.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "briefing-opml.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store-tasks.h"
#include "briefing-ui-compat.h"

/* Importing and exporting subscriptions as OPML, with the file chosen
 * through the portal. The main thread only chooses and hands over:
 * reading and writing the file is asynchronous GIO, and the store's own
 * operations (briefing_store_import_opml_async() and
 * briefing_store_export_opml_async()) parse, subscribe and write. */

typedef struct
{
  BriefingSession *session;
  GFile           *file;
  GBytes          *contents;        /* a file already read */
  gboolean         too_large;
} OpmlOp;

static void
opml_op_free (OpmlOp *op)
{
  g_clear_object (&op->session);
  g_clear_object (&op->file);
  g_clear_pointer (&op->contents, g_bytes_unref);
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

static void
import_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint added;

  added = briefing_store_import_opml_finish (BRIEFING_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, added);
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
  OpmlOp *op = g_task_get_task_data (task);
  g_autoptr(GBytes) contents = NULL;
  GError *error = NULL;
  char *data;
  gsize len;

  if (!g_file_load_partial_contents_finish (G_FILE (object), result, &data, &len, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  contents = g_bytes_new_take (data, len);
  if (op->too_large)
    {
      g_task_return_new_error (task, BRIEFING_OPML_ERROR, BRIEFING_OPML_ERROR_INVALID,
                               _("The file is too large to be a list of subscriptions"));
      return;
    }

  briefing_store_import_opml_async (briefing_session_get_store (op->session), contents, NULL,
                                    import_added_cb, g_steal_pointer (&task));
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

/* Import of a file the desktop handed over ----------------------------- */

/* A list of thousands would take long to lay out and nobody reads it. */
#define CONFIRM_MAX_ROWS 100

static GtkWidget *
outline_row_new (BriefingOpmlOutline *outline)
{
  GtkWidget *row = adw_action_row_new ();

  /* Titles come from the file: text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 outline->title != NULL ? outline->title : outline->url);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), outline->url);

  return row;
}

static GtkWidget *
outline_list_new (GPtrArray *outlines)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < outlines->len && i < CONFIRM_MAX_ROWS; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), outline_row_new (g_ptr_array_index (outlines, i)));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  return scrolled;
}

/* The dialog holds the task until the reader answers; closed any other
 * way (its window destroyed with the parent), the import is cancelled. */
static void
confirm_task_drop (gpointer data)
{
  g_autoptr(GTask) task = data;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The import was not confirmed");
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "briefing-opml-task");
  OpmlOp *op;

  if (task == NULL)
    return;

  op = g_task_get_task_data (task);
  if (g_strcmp0 (response, "import") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The import was not confirmed");
      return;
    }

  briefing_store_import_opml_async (briefing_session_get_store (op->session), op->contents, NULL,
                                    import_added_cb, g_steal_pointer (&task));
}

/**
 * briefing_opml_import_confirm:
 * @parent: (nullable): the window the question belongs to
 * @name: the file's name, as the reader knows it
 * @contents: the file, read within %BRIEFING_OPML_MAX_SIZE
 * @outlines: (element-type BriefingOpmlOutline): what briefing_opml_parse()
 *   found in @contents
 *
 * For a subscription list the desktop handed over (opened from the file
 * manager or the browser): shows the reader what the file lists and
 * subscribes only when the reader says Import, as choosing the file in
 * briefing_opml_import() says it. Finish with
 * briefing_opml_import_finish(); a refusal is %G_IO_ERROR_CANCELLED.
 */
void
briefing_opml_import_confirm (GtkWindow           *parent,
                              BriefingSession     *session,
                              const char          *name,
                              GBytes              *contents,
                              GPtrArray           *outlines,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GtkWidget *dialog;
  GTask *task;
  OpmlOp *op;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (BRIEFING_IS_SESSION (session));
  g_return_if_fail (name != NULL && contents != NULL && outlines != NULL);

  /* The same tag as the import through the file chooser: one finish. */
  task = opml_task_new (session, briefing_opml_import, callback, user_data);
  op = g_task_get_task_data (task);
  op->contents = g_bytes_ref (contents);

  if (outlines->len == 0)
    {
      g_task_return_new_error (task, BRIEFING_OPML_ERROR, BRIEFING_OPML_ERROR_INVALID,
                               _("“%s” lists no feeds"), name);
      g_object_unref (task);
      return;
    }

  dialog = adw_message_dialog_new (parent, _("Import Subscriptions?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("“%s” lists %u source. Sources you already follow are skipped.",
                                            "“%s” lists %u sources. Sources you already follow are skipped.",
                                            outlines->len),
                                  name, outlines->len);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), outline_list_new (outlines));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "briefing-opml-task", task, confirm_task_drop);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export ------------------------------------------------------------------ */

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
  g_autoptr(GBytes) opml = NULL;
  GError *error = NULL;

  opml = briefing_store_export_opml_finish (BRIEFING_STORE (object), result, &error);
  if (opml == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (op->file, opml, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
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

  briefing_store_export_opml_async (briefing_session_get_store (op->session), NULL,
                                    export_written_cb, g_steal_pointer (&task));
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
  briefing_choose_save_file_async (parent, _("Export Subscriptions"),
                                   /* Translators: the suggested name of the exported file */
                                   _("subscriptions.opml"),
                                   filter, NULL, export_file_chosen_cb, task);
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
