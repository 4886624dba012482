/* briefing-account-dialog.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-account-dialog"

#include "config.h"

#include "briefing-account-dialog.h"

#include <glib/gi18n.h>

#include "briefing-sync.h"
#include "briefing-sync-http.h"

/* "Add Account": the kind of server, its address, the user name and the
 * password. Logging in checks all of them before anything is kept; what
 * went wrong is said in the reader's words under the fields, and a
 * self-signed certificate is shown by its fingerprint to be trusted
 * explicitly. Emits ::account-added when the account is in the store and
 * the password in the keyring. */

struct _BriefingAccountDialog
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *fields_group;
  AdwComboRow         *kind_row;
  GtkStringList       *kind_model;
  AdwEntryRow         *server_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  GtkLabel            *error_label;
  AdwPreferencesGroup *certificate_group;
  GtkLabel            *fingerprint_label;
  GtkWidget           *login_button;
  GtkSpinner          *spinner;

  BriefingStore       *store;
  GCancellable        *cancellable;
  char                *rejected;    /* PEM the server showed, not trusted */
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (BriefingAccountDialog, briefing_account_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the kind row's items. */
static const char * const kinds[] = { "ttrss", "greader" };

static gboolean
fields_filled (BriefingAccountDialog *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) != '\0' &&
         *gtk_editable_get_text (GTK_EDITABLE (self->user_row)) != '\0' &&
         *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';
}

static void
update_actions (BriefingAccountDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.login", !self->busy && fields_filled (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.trust", !self->busy && self->rejected != NULL);
}

static void
set_busy (BriefingAccountDialog *self,
          gboolean               busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), !busy);
  update_actions (self);
}

static void
show_error (BriefingAccountDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BriefingAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *rejected = NULL;
  gint64 account_id;

  account_id = briefing_sync_add_account_finish (result, &rejected, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (error == NULL && account_id > 0)
    {
      g_signal_emit (self, signals[ACCOUNT_ADDED], 0);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  g_clear_pointer (&self->rejected, g_free);
  if (rejected != NULL)
    {
      g_autofree char *fingerprint = briefing_sync_http_fingerprint (rejected);

      self->rejected = g_steal_pointer (&rejected);
      gtk_label_set_text (self->fingerprint_label, fingerprint != NULL ? fingerprint : _("Unreadable certificate"));
      gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), TRUE);
      show_error (self, _("The server’s certificate is not trusted."));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), FALSE);
      show_error (self, error->message);
    }

  update_actions (self);
}

static void
log_in (BriefingAccountDialog *self,
        const char            *trusted)
{
  BriefingAccountLogin login = { 0, };
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (kind >= G_N_ELEMENTS (kinds) || !fields_filled (self) || self->busy)
    return;

  login.kind = kinds[kind];
  login.server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  login.user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  login.password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  login.trusted_certificate = trusted;

  show_error (self, NULL);
  set_busy (self, TRUE);
  briefing_sync_add_account_async (self->store, &login, self->cancellable, added_cb, g_object_ref (self));
}

static void
login_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  log_in (BRIEFING_ACCOUNT_DIALOG (widget), NULL);
}

static void
trust_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BriefingAccountDialog *self = BRIEFING_ACCOUNT_DIALOG (widget);
  g_autofree char *trusted = g_strdup (self->rejected);

  log_in (self, trusted);
}

static void
on_field_changed_cb (BriefingAccountDialog *self)
{
  /* A certificate shown was for the address as it was. */
  if (self->rejected != NULL)
    {
      g_clear_pointer (&self->rejected, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), FALSE);
    }

  update_actions (self);
}

static void
on_entry_activated_cb (BriefingAccountDialog *self)
{
  log_in (self, NULL);
}

static void
briefing_account_dialog_dispose (GObject *object)
{
  BriefingAccountDialog *self = BRIEFING_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BRIEFING_TYPE_ACCOUNT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rejected, g_free);

  G_OBJECT_CLASS (briefing_account_dialog_parent_class)->dispose (object);
}

static void
briefing_account_dialog_class_init (BriefingAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_account_dialog_dispose;

  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, kind_model);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, certificate_group);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, login_button);
  gtk_widget_class_bind_template_child (widget_class, BriefingAccountDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "account.login", NULL, login_action);
  gtk_widget_class_install_action (widget_class, "account.trust", NULL, trust_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
briefing_account_dialog_init (BriefingAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (self->kind_model, briefing_sync_kind_name (kinds[i]));

  update_actions (self);
}

/**
 * briefing_account_dialog_new:
 *
 * Returns: (transfer none): the dialog, modal to @parent
 */
BriefingAccountDialog *
briefing_account_dialog_new (GtkWindow     *parent,
                             BriefingStore *store)
{
  BriefingAccountDialog *self = g_object_new (BRIEFING_TYPE_ACCOUNT_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);

  return self;
}
