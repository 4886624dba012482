/* briefing-account-group.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-account-group"

#include "config.h"

#include "briefing-account-group.h"

#include <glib/gi18n.h>

#include "briefing-account-dialog.h"
#include "briefing-store-tasks.h"
#include "briefing-sync.h"

/* Preferences' "Sync" group: where briefings come from. "On this
 * computer" with an "Add Account" button, or the account with how its
 * last sync went, "Sync Now" and "Remove". It follows the session: a
 * sync's progress, and each round's end. */

struct _BriefingAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  BriefingSession     *session;
  GCancellable        *cancellable;
  GtkWidget           *row;
  BriefingAccount     *account;
  char                *progress;   /* while a sync runs */
};

G_DEFINE_FINAL_TYPE (BriefingAccountGroup, briefing_account_group, ADW_TYPE_PREFERENCES_GROUP)

static void reload (BriefingAccountGroup *self);

static char *
describe_last_sync (BriefingAccount *account)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;

  if (account->last_error != NULL)
    /* Translators: the error is a sentence, as "The user name or password is wrong" */
    return g_strdup_printf (_("Sync failed: %s"), account->last_error);
  if (account->last_sync == 0)
    return g_strdup (_("Not synced yet"));

  when = g_date_time_new_from_unix_local (account->last_sync);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      time = g_date_time_format (when, "%H:%M");
      /* Translators: %s is a time of today, "22:05" */
      return g_strdup_printf (_("Last synced at %s"), time);
    }

  /* Translators: a date, as strftime writes it: "5 December 2026" */
  time = g_date_time_format (when, _("%-d %B %Y"));
  /* Translators: %s is a date, "5 December 2026" */
  return g_strdup_printf (_("Last synced on %s"), time);
}

static GtkWidget *
suffix_button (const char *label,
               const char *action,
               gboolean    destructive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  g_autoptr(GString) name = g_string_new (label);

  /* GTK 4.8 names a mnemonic button after its label twice, underscore
   * and all: a screen reader hears "_Remove… Remove…". */
  g_string_replace (name, "_", "", 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (destructive)
    gtk_widget_add_css_class (button, "destructive-action");

  return button;
}

static void
show (BriefingAccountGroup *self)
{
  GtkWidget *row = adw_action_row_new ();

  if (self->row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->row);
  self->row = row;

  if (self->account == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("On This Computer"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Briefing fetches your sources itself. Add an account to read and sync "
                                     "with Tiny Tiny RSS, FreshRSS or Miniflux."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_button (_("_Add Account…"), "account.add", FALSE));
    }
  else
    {
      g_autofree char *status = self->progress != NULL ? g_strdup (self->progress)
                                                       : describe_last_sync (self->account);
      /* Translators: "reader on https://rss.example.org" */
      g_autofree char *who = g_strdup_printf (_("%s on %s"), self->account->user, self->account->server);
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s", who, status);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), briefing_sync_kind_name (self->account->kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_button (_("_Sync Now"), "account.sync", FALSE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_button (_("_Remove…"), "account.remove", TRUE));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sync",
                                 self->account != NULL && !briefing_session_get_refreshing (self->session));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}

static void
account_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BriefingAccount *account = briefing_store_get_account_finish (BRIEFING_STORE (object), result, &error);
  BriefingAccountGroup *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_pointer (&self->account, briefing_account_free);
  self->account = account;
  if (error != NULL && !g_error_matches (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_NOT_FOUND))
    g_warning ("Cannot read the sync account: %s", error->message);

  show (self);
}

static void
reload (BriefingAccountGroup *self)
{
  briefing_store_get_account_async (briefing_session_get_store (self->session), self->cancellable,
                                    account_loaded_cb, self);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GPtrArray) results = briefing_session_refresh_finish (BRIEFING_SESSION (object), result, NULL);
}

static void
start_sync (BriefingAccountGroup *self)
{
  if (!briefing_session_get_refreshing (self->session))
    briefing_session_refresh_async (self->session, 0, FALSE, NULL, refreshed_cb, NULL);
}

static void
on_account_added_cb (BriefingAccountGroup *self)
{
  reload (self);
  start_sync (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BriefingAccountGroup *self = BRIEFING_ACCOUNT_GROUP (widget);
  BriefingAccountDialog *dialog;

  dialog = briefing_account_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                        briefing_session_get_store (self->session));
  g_signal_connect_object (dialog, "account-added", G_CALLBACK (on_account_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start_sync (BRIEFING_ACCOUNT_GROUP (widget));
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BriefingAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!briefing_sync_remove_account_finish (result, &error))
    g_warning ("Cannot remove the sync account: %s", error->message);

  reload (self);
}

static void
on_remove_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       BriefingAccountGroup *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    briefing_sync_remove_account_async (briefing_session_get_store (self->session), removed_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BriefingAccountGroup *self = BRIEFING_ACCOUNT_GROUP (widget);
  GtkWidget *dialog;

  if (self->account == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Remove Account?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The briefings it brought are removed from this computer, and its password "
                                    "from the keyring. Your subscriptions, and what you read and starred, stay "
                                    "on %s."),
                                  self->account->server);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync_progress_cb (BriefingAccountGroup *self,
                     guint                 done,
                     guint                 total)
{
  g_free (self->progress);
  if (total > 0)
    /* Translators: a sync's progress, "Syncing… 1200 of 10000 briefings" */
    self->progress = g_strdup_printf (ngettext ("Syncing… %u of %u briefing", "Syncing… %u of %u briefings", total),
                                      done, total);
  else
    self->progress = g_strdup_printf (ngettext ("Syncing… %u briefing", "Syncing… %u briefings", done), done);

  if (self->account != NULL)
    show (self);
}

static void
on_refreshing_changed_cb (BriefingAccountGroup *self)
{
  if (!briefing_session_get_refreshing (self->session))
    {
      g_clear_pointer (&self->progress, g_free);
      reload (self);
    }
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sync", FALSE);
}

static void
briefing_account_group_dispose (GObject *object)
{
  BriefingAccountGroup *self = BRIEFING_ACCOUNT_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->account, briefing_account_free);
  g_clear_pointer (&self->progress, g_free);

  G_OBJECT_CLASS (briefing_account_group_parent_class)->dispose (object);
}

static void
briefing_account_group_class_init (BriefingAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_account_group_dispose;

  gtk_widget_class_install_action (widget_class, "account.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "account.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "account.remove", NULL, remove_action);
}

static void
briefing_account_group_init (BriefingAccountGroup *self)
{
  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Account"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Where your subscriptions live, and who fetches them"));
}

GtkWidget *
briefing_account_group_new (BriefingSession *session)
{
  BriefingAccountGroup *self = g_object_new (BRIEFING_TYPE_ACCOUNT_GROUP, NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "sync-progress", G_CALLBACK (on_sync_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::refreshing", G_CALLBACK (on_refreshing_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}
