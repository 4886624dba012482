/* briefing-ui-compat.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-ui-compat"

#include "config.h"

#include "briefing-ui-compat.h"

#include <epoxy/gl.h>
#include <string.h>

/* Newer APIs are used only when both the headers and the running library
 * have them. The version macros in meson.build pin the API level to
 * Debian 12's, so the newer calls are allowed here and nowhere else. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

void
briefing_show_about (GtkWindow          *parent,
                     const char         *name,
                     const char         *app_id,
                     const char         *version,
                     const char         *website,
                     const char * const *developers)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (dialog), name);
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (dialog), app_id);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (dialog), version);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (dialog), website);
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (dialog), (const char **) developers);
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (dialog), GTK_LICENSE_GPL_3_0);
  adw_dialog_present (dialog, parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  GtkWidget *window = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (window), name);
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (window), app_id);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (window), version);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (window), website);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (window), (const char **) developers);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (window), GTK_LICENSE_GPL_3_0);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
#endif
}

/*
 * briefing_avoid_software_gl:
 *
 * GTK 4.14 and later draw with cairo rather than GL when GL is Mesa's
 * software rasteriser (llvmpipe, as in virtual machines, on Xvfb and on
 * machines without a usable GPU): drawing on the CPU through GL costs
 * more time and memory than cairo. Older GTK draws through llvmpipe
 * anyway; there the scrolling sidebar grew by 34 MB rather than 10, most
 * of it held inside the driver. This makes the older choice the newer
 * one: it asks for a GL context once, before the first window, and on
 * llvmpipe names cairo as the display's renderer (GSK reads the
 * display's "gsk-renderer" before the environment). A GSK_RENDERER the
 * user set wins, and newer GTK decides for itself.
 */
void
briefing_avoid_software_gl (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  gboolean software;

  if (gtk_check_version (4, 14, 0) == NULL || g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;

  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return;   /* no GL at all: GTK picks cairo itself */

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = renderer != NULL && (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL);
  g_debug ("GL renderer: %s%s", renderer != NULL ? renderer : "(unknown)", software ? ", drawing with cairo" : "");
  gdk_gl_context_clear_current ();

  if (software)
    g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup ("cairo"), g_free);
}

/* Opens @uri in the user's browser; both paths go through the OpenURI
 * portal when sandboxed. */
void
briefing_launch_uri (GtkWindow  *parent,
                     const char *uri)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, parent, NULL, NULL, NULL);
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

/* File choosers --------------------------------------------------------- */

/* Both paths go through the FileChooser portal when sandboxed. A
 * dismissed chooser ends with G_IO_ERROR_CANCELLED, which callers treat
 * as silence. */

#if GTK_CHECK_VERSION (4, 10, 0)

static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (g_task_get_source_tag (task) == briefing_choose_save_file_async)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
           g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
choose_file (GtkWindow     *parent,
             const char    *title,
             const char    *initial_name,
             GtkFileFilter *filter,
             GTask         *task)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GCancellable *cancellable = g_task_get_cancellable (task);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, filter);
    }

  if (initial_name != NULL)
    {
      gtk_file_dialog_set_initial_name (dialog, initial_name);
      gtk_file_dialog_save (dialog, parent, cancellable, file_dialog_cb, task);
    }
  else
    gtk_file_dialog_open (dialog, parent, cancellable, file_dialog_cb, task);
}

#else

static void
on_native_response_cb (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);

  if (g_task_return_error_if_cancelled (task))
    g_clear_object (&file);
  else if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No file was chosen");
}

static void
choose_file (GtkWindow     *parent,
             const char    *title,
             const char    *initial_name,
             GtkFileFilter *filter,
             GTask         *task)
{
  GtkFileChooserAction action = initial_name != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, action, NULL, NULL);

  /* The task keeps the chooser alive until it answers. */
  g_task_set_task_data (task, native, g_object_unref);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/**
 * briefing_choose_file_async:
 * @filter: (nullable): the files to offer
 *
 * Asks the reader for a file to open.
 */
void
briefing_choose_file_async (GtkWindow           *parent,
                            const char          *title,
                            GtkFileFilter       *filter,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, briefing_choose_file_async);
  choose_file (parent, title, NULL, filter, task);
}

/**
 * briefing_choose_file_finish:
 *
 * Returns: (transfer full): the chosen file, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when the reader dismissed the chooser)
 */
GFile *
briefing_choose_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * briefing_choose_save_file_async:
 * @initial_name: the file name to suggest
 * @filter: (nullable): the files to show
 *
 * Asks the reader where to save a file.
 */
void
briefing_choose_save_file_async (GtkWindow           *parent,
                                 const char          *title,
                                 const char          *initial_name,
                                 GtkFileFilter       *filter,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (initial_name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, briefing_choose_save_file_async);
  choose_file (parent, title, initial_name, filter, task);
}

/**
 * briefing_choose_save_file_finish:
 *
 * Returns: (transfer full): the file to write, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when the reader dismissed the chooser)
 */
GFile *
briefing_choose_save_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

G_GNUC_END_IGNORE_DEPRECATIONS
