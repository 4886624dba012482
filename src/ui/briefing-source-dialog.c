/* briefing-source-dialog.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-source-dialog"

#include "config.h"

#include "briefing-source-dialog.h"

#include <glib/gi18n.h>

#include "briefing-links.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store-tasks.h"
#include "briefing-sync.h"
#include "briefing-url.h"
#include "briefing-utils.h"

/* One source's properties: its name (which the reader may change), where
 * it comes from, how its refreshes have gone, and the way to remove it.
 * Store work runs on the store's worker; the dialog shows the source it
 * was given at once and then what the store says now. */
struct _BriefingSourceDialog
{
  AdwWindow        parent_instance;

  BriefingSession *session;
  BriefingSource  *source;
  GCancellable    *cancellable;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwEntryRow     *name_row;
  GtkLabel        *name_error_label;
  GtkLabel        *feed_url_label;
  AdwActionRow    *site_row;
  AdwActionRow    *status_row;
  GtkImage        *status_icon;
  AdwActionRow    *last_success_row;
  GtkLabel        *last_success_label;
  AdwActionRow    *last_attempt_row;
  GtkLabel        *last_attempt_label;
  AdwActionRow    *next_attempt_row;
  GtkLabel        *next_attempt_label;
  AdwActionRow    *failures_row;
  GtkLabel        *failures_label;
  AdwActionRow    *entries_row;
  GtkLabel        *entries_label;
  AdwActionRow    *unread_row;
  GtkLabel        *unread_label;
  GtkSwitch       *notify_switch;
  gboolean         syncing_notify;   /* setting the switch, not the reader */
  GtkLabel        *remove_error_label;
};

G_DEFINE_FINAL_TYPE (BriefingSourceDialog, briefing_source_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The scheduler's default, for when the settings schema is not installed. */
#define DEFAULT_INTERVAL_MINUTES 30

/* Formatting ------------------------------------------------------------ */

static char *
format_past (gint64 age)
{
  int minutes = (int) (age / 60);
  int hours = (int) (age / (60 * 60));
  int days = (int) (age / (24 * 60 * 60));

  if (age < 60)
    return g_strdup (_("Just now"));
  if (hours == 0)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), minutes);
  if (days == 0)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), hours);

  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
}

static char *
format_future (gint64 wait)
{
  int minutes = (int) ((wait + 59) / 60);
  int hours = (int) (wait / (60 * 60));
  int days = (int) (wait / (24 * 60 * 60));

  if (hours == 0)
    return g_strdup_printf (ngettext ("In %d minute", "In %d minutes", minutes), minutes);
  if (days == 0)
    return g_strdup_printf (ngettext ("In %d hour", "In %d hours", hours), hours);

  return g_strdup_printf (ngettext ("In %d day", "In %d days", days), days);
}

/* Shows @when relative to now, with the exact time in the tooltip. */
static void
set_time_label (GtkLabel   *label,
                gint64      when,
                gint64      now,
                const char *never)
{
  g_autoptr(GDateTime) date = when > 0 ? briefing_local_date_time (when) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *exact = NULL;

  if (date == NULL)
    text = g_strdup (never);
  else if (when <= now)
    text = format_past (now - when);
  else
    text = format_future (when - now);

  if (date != NULL)
    exact = g_date_time_format (date, "%c");

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), exact);
}

static void
set_count_label (GtkLabel *label,
                 guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

/* The row's value, for screen readers, which read the title as the name. */
static void
describe_row (AdwActionRow *row,
              GtkLabel     *value)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (value), -1);
}

static guint
refresh_interval_seconds (void)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, SCHEMA_ID, TRUE);
  if (schema == NULL)
    return DEFAULT_INTERVAL_MINUTES * 60;

  settings = g_settings_new_full (schema, NULL, NULL);

  return g_settings_get_uint (settings, "refresh-interval") * 60;
}

/* When the scheduler will next fetch the source: after the refresh
 * interval, the source's backoff and the server's Retry-After, as
 * briefing_source_is_due() decides. The scheduler looks every minute. */
static gint64
next_attempt (BriefingSource *source,
              gint64          now)
{
  gint64 last = briefing_source_get_last_attempt (source);
  gint64 when = MAX (briefing_source_get_next_attempt (source), briefing_source_get_retry_after (source));

  if (last > 0)
    when = MAX (when, last + (gint64) refresh_interval_seconds ());

  return MAX (when, now);
}

/* Showing the source ---------------------------------------------------- */

static void
update_status (BriefingSourceDialog *self)
{
  BriefingSource *source = self->source;
  const char *disabled = briefing_source_get_disabled_reason (source);
  const char *error = briefing_source_get_last_error (source);

  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");

  if (disabled != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Stopped"));
      adw_action_row_set_subtitle (self->status_row, disabled);
      gtk_image_set_from_icon_name (self->status_icon, "action-unavailable-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "error");
    }
  else if (error != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Not Working"));
      adw_action_row_set_subtitle (self->status_row, error);
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
    }
  else if (briefing_source_get_last_attempt (source) == 0 && briefing_source_get_last_success (source) == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Not Fetched Yet"));
      adw_action_row_set_subtitle (self->status_row, _("Briefings arrive with the next refresh"));
      gtk_image_set_from_icon_name (self->status_icon, "content-loading-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Working"));
      adw_action_row_set_subtitle (self->status_row, NULL);
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
    }
}

static void
update_times (BriefingSourceDialog *self)
{
  BriefingSource *source = self->source;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint failures = briefing_source_get_failures (source);
  gboolean disabled = briefing_source_get_disabled_reason (source) != NULL;

  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  set_time_label (self->last_success_label, briefing_source_get_last_success (source), now, _("Never"));
  set_time_label (self->last_attempt_label, briefing_source_get_last_attempt (source), now, _("Never"));
  if (disabled)
    set_time_label (self->next_attempt_label, 0, now, _("Not scheduled"));
  else if (next_attempt (source, now) - now < 60)
    set_time_label (self->next_attempt_label, 0, now, _("At the next refresh"));
  else
    set_time_label (self->next_attempt_label, next_attempt (source, now), now, NULL);

  set_count_label (self->failures_label, failures);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_row), failures > 0);

  describe_row (self->last_success_row, self->last_success_label);
  describe_row (self->last_attempt_row, self->last_attempt_label);
  describe_row (self->next_attempt_row, self->next_attempt_label);
  describe_row (self->failures_row, self->failures_label);
}

/* libadwaita 1.2 shows the apply button whenever the text changes, even
 * from code; turning the button off and on again forgets the change. */
static void
set_name_text (BriefingSourceDialog *self,
               const char           *text)
{
  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  adw_entry_row_set_show_apply_button (self->name_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->name_row), -1);
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
}

static void
update_source (BriefingSourceDialog *self)
{
  BriefingSource *source = self->source;
  const char *title = briefing_source_get_title (source);
  const char *site = briefing_source_get_site_url (source);
  const char *name = title != NULL && *title != '\0' ? title : _("Untitled Source");

  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->window_title, name);

  gtk_label_set_text (self->feed_url_label, briefing_source_get_url (source));

  adw_action_row_set_subtitle (self->site_row, site);
  gtk_widget_set_visible (GTK_WIDGET (self->site_row), briefing_url_is_web (site));

  set_count_label (self->entries_label, briefing_source_get_entry_count (source));
  set_count_label (self->unread_label, briefing_source_get_unread_count (source));
  describe_row (self->entries_row, self->entries_label);
  describe_row (self->unread_row, self->unread_label);

  self->syncing_notify = TRUE;
  gtk_switch_set_active (self->notify_switch, !briefing_source_get_muted (source));
  self->syncing_notify = FALSE;

  update_status (self);
  update_times (self);
}

/* Takes the source as the store has it now. The name field follows
 * unless the reader is editing it. */
static void
set_source (BriefingSourceDialog *self,
            BriefingSource       *source)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *title = briefing_source_get_title (self->source);
  gboolean edited = g_strcmp0 (shown, title != NULL ? title : "") != 0;

  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  if (!g_set_object (&self->source, source))
    return;

  if (!edited)
    set_name_text (self, briefing_source_get_title (source));
  update_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_label_set_text (label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

/* Store work ------------------------------------------------------------ */

static BriefingStore *
get_store (BriefingSourceDialog *self)
{
  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  return briefing_session_get_store (self->session);
}

static void
get_source_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BriefingSourceDialog) self = user_data;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = briefing_store_get_source_finish (BRIEFING_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (source != NULL)
    set_source (self, source);
  else
    g_debug ("Cannot reload source: %s", error->message);
}

/* Renaming -------------------------------------------------------------- */

static void
rename_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BriefingSourceDialog) self = user_data;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = briefing_store_rename_source_finish (BRIEFING_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (source == NULL)
    {
      show_error (self->name_error_label, error);
      return;
    }

  set_source (self, source);
  set_name_text (self, briefing_source_get_title (source));
}

static void
on_name_row_apply_cb (BriefingSourceDialog *self,
                      AdwEntryRow          *row)
{
  g_autofree char *title = briefing_strip_to_null (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  /* An empty name gives the source back its feed's own title. */
  show_error (self->name_error_label, NULL);
  briefing_store_rename_source_async (get_store (self), briefing_source_get_id (self->source), title,
                                      self->cancellable, rename_cb, g_object_ref (self));
}

/* Notifying -------------------------------------------------------------- */

static void
muted_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BriefingSourceDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!briefing_store_set_source_muted_finish (BRIEFING_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot change the source’s notifications: %s", error->message);
}

static void
on_notify_switch_cb (BriefingSourceDialog *self,
                     GParamSpec           *pspec,
                     GtkSwitch            *toggle)
{
  gboolean muted = !gtk_switch_get_active (toggle);

  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  if (self->syncing_notify || self->source == NULL || muted == briefing_source_get_muted (self->source))
    return;

  briefing_source_set_muted (self->source, muted);
  briefing_store_set_source_muted_async (get_store (self), briefing_source_get_id (self->source), muted,
                                         self->cancellable, muted_cb, g_object_ref (self));
}

/* Feed and site ---------------------------------------------------------- */

static void
copy_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), briefing_source_get_url (self->source));
}

static void
on_site_row_activated_cb (BriefingSourceDialog *self,
                          AdwActionRow         *row)
{
  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  briefing_open_link (GTK_WIDGET (row), briefing_source_get_site_url (self->source));
}

/* Removing --------------------------------------------------------------- */

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BriefingSourceDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, briefing_sync_unsubscribe_async)
      ? !briefing_sync_unsubscribe_finish (result, &error)
      : !briefing_store_remove_source_finish (BRIEFING_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.remove", TRUE);
      show_error (self->remove_error_label, error);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_confirm_response_cb (BriefingSourceDialog *self,
                        const char           *response,
                        AdwMessageDialog     *confirm)
{
  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  if (!g_str_equal (response, "remove"))
    return;

  show_error (self->remove_error_label, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.remove", FALSE);
  if (briefing_source_get_account_id (self->source) != 0)
    briefing_sync_unsubscribe_async (get_store (self), briefing_source_get_id (self->source),
                                     self->cancellable, remove_cb, g_object_ref (self));
  else
    briefing_store_remove_source_async (get_store (self), briefing_source_get_id (self->source),
                                        self->cancellable, remove_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (widget);
  g_autofree char *heading = NULL;
  GtkWidget *confirm;

  /* Translators: %s is a source's name */
  heading = g_strdup_printf (_("Remove “%s”?"), gtk_window_get_title (GTK_WINDOW (self)));
  confirm = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                    _("Its briefings are removed from this computer too, "
                                      "including starred ones. You can subscribe again later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (confirm),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (confirm), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (confirm), "cancel");

  g_signal_connect_object (confirm, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* Object ----------------------------------------------------------------- */

/**
 * briefing_source_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @source: the source to show; the dialog reloads it from the store
 *
 * Returns: (transfer none): the dialog, not yet shown; present it with
 *   gtk_window_present()
 */
BriefingSourceDialog *
briefing_source_dialog_new (GtkWindow       *parent,
                            BriefingSession *session,
                            BriefingSource  *source)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BRIEFING_IS_SESSION (session), NULL);
  g_return_val_if_fail (BRIEFING_IS_SOURCE (source), NULL);

  return g_object_new (BRIEFING_TYPE_SOURCE_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       "source", source,
                       NULL);
}

/* A refresh of this source while the dialog is open shows in it. */
static void
on_store_source_changed_cb (BriefingSourceDialog *self,
                            gint64                source_id,
                            BriefingSourceChange  change,
                            BriefingStore        *store)
{
  g_assert (BRIEFING_IS_SOURCE_DIALOG (self));

  if (source_id == briefing_source_get_id (self->source) && change == BRIEFING_SOURCE_CHANGE_STATUS)
    briefing_store_get_source_async (store, source_id, self->cancellable, get_source_cb, g_object_ref (self));
}

static void
briefing_source_dialog_constructed (GObject *object)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (object);

  G_OBJECT_CLASS (briefing_source_dialog_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  g_assert (self->source != NULL);

  set_name_text (self, briefing_source_get_title (self->source));
  update_source (self);
  briefing_store_get_source_async (get_store (self), briefing_source_get_id (self->source),
                                   self->cancellable, get_source_cb, g_object_ref (self));
  g_signal_connect_object (get_store (self), "source-changed", G_CALLBACK (on_store_source_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
briefing_source_dialog_dispose (GObject *object)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), BRIEFING_TYPE_SOURCE_DIALOG);

  g_clear_object (&self->session);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (briefing_source_dialog_parent_class)->dispose (object);
}

static void
briefing_source_dialog_finalize (GObject *object)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (briefing_source_dialog_parent_class)->finalize (object);
}

static void
briefing_source_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_source_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BriefingSourceDialog *self = BRIEFING_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_source_dialog_class_init (BriefingSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = briefing_source_dialog_constructed;
  object_class->dispose = briefing_source_dialog_dispose;
  object_class->finalize = briefing_source_dialog_finalize;
  object_class->set_property = briefing_source_dialog_set_property;
  object_class->get_property = briefing_source_dialog_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         BRIEFING_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Writable only at construction; it then follows the store. */
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         BRIEFING_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, feed_url_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, last_success_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, last_success_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, last_attempt_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, last_attempt_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, next_attempt_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, next_attempt_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, failures_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, failures_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, entries_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, entries_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, unread_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, unread_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, remove_error_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingSourceDialog, notify_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_notify_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_site_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "source.copy-url", NULL, copy_url_action);
  gtk_widget_class_install_action (widget_class, "source.remove", NULL, remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
briefing_source_dialog_init (BriefingSourceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}
