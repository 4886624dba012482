/* briefing-add-source-dialog.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-add-source-dialog"

#include "config.h"

#include "briefing-add-source-dialog.h"

#include <glib/gi18n.h>

#include "briefing-discovery.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store-tasks.h"

/* "Add Source": the reader types a feed's or a web page's address, picks
 * one of the feeds found there, or takes one of a few suggestions. All
 * network and store work is asynchronous; failures are shown in place,
 * under the part of the dialog they concern. */
struct _BriefingAddSourceDialog
{
  AdwWindow            parent_instance;

  BriefingSession     *session;
  GCancellable        *cancellable;       /* for the dialog's lifetime */
  GCancellable        *find_cancellable;  /* for the current search */
  GPtrArray           *result_rows;
  GPtrArray           *suggestion_rows;
  gboolean             finding;

  /* Template widgets */
  AdwEntryRow         *url_row;
  GtkWidget           *find_spinner;
  GtkLabel            *find_error_label;
  AdwPreferencesGroup *results_group;
  GtkLabel            *results_error_label;
  GtkLabel            *suggestions_error_label;
  AdwPreferencesGroup *suggestions_group;
};

G_DEFINE_FINAL_TYPE (BriefingAddSourceDialog, briefing_add_source_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  SOURCE_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Suggestions, not endorsements: widely read, free to read, and with
 * feeds that have been stable for years. */
static const struct {
  const char *name;
  const char *description;
  const char *url;
} suggestions[] = {
  { "BBC News", N_("News from the UK and around the world"), "https://feeds.bbci.co.uk/news/rss.xml" },
  { "The Guardian — World", N_("World news from the British daily"), "https://www.theguardian.com/world/rss" },
  { "NPR News", N_("Top stories from US public radio"), "https://feeds.npr.org/1001/rss.xml" },
  { "Al Jazeera", N_("International news from Doha"), "https://www.aljazeera.com/xml/rss/all.xml" },
  { "DW — All news", N_("Germany’s international broadcaster"), "https://rss.dw.com/rdf/rss-en-all" },
  { "France 24", N_("International news from France"), "https://www.france24.com/en/rss" },
  { "NASA", N_("News from the US space agency"), "https://www.nasa.gov/feed/" },
  { "Ars Technica", N_("Technology, science and policy"), "https://feeds.arstechnica.com/arstechnica/index" },
};

/* A feed's type, as a page advertises it (a MIME type) or as the parser
 * found it (a format name), in the words readers see elsewhere. */
static const char *
feed_type_label (const char *type)
{
  static const struct {
    const char *type;
    const char *label;
  } labels[] = {
    { "application/rss+xml", "RSS" },
    { "application/rdf+xml", "RSS 1.0" },
    { "application/atom+xml", "Atom" },
    { "application/feed+json", "JSON Feed" },
    { "application/json", "JSON Feed" },
    { "rss2.0", "RSS 2.0" },
    { "rss1.0", "RSS 1.0" },
    { "rss0.9x", "RSS 0.9x" },
    { "atom1.0", "Atom 1.0" },
    { "atom0.3", "Atom 0.3" },
    { "jsonfeed1.0", "JSON Feed 1.0" },
    { "jsonfeed1.1", "JSON Feed 1.1" },
  };

  if (type == NULL || *type == '\0')
    return _("Feed");

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_ascii_strcasecmp (type, labels[i].type) == 0)
        return labels[i].label;
    }

  return type;
}

static char *
error_text (const GError *error)
{
  if (g_error_matches (error, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_NO_FEED))
    return g_strdup (_("No feed was found at this address. Try the address of the site’s feed, or of its home page."));

  if (g_error_matches (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE))
    return g_strdup (_("You are already subscribed to this source."));

  return g_strdup (error->message);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  g_autofree char *text = error != NULL ? error_text (error) : NULL;

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
hide_errors (BriefingAddSourceDialog *self)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  show_error (self->find_error_label, NULL);
  show_error (self->results_error_label, NULL);
  show_error (self->suggestions_error_label, NULL);
}

static void
update_find_action (BriefingAddSourceDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-source.find", !self->finding && *stripped != '\0');
}

static void
set_finding (BriefingAddSourceDialog *self,
             gboolean                 finding)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  self->finding = finding;
  gtk_widget_set_visible (self->find_spinner, finding);
  gtk_spinner_set_spinning (GTK_SPINNER (self->find_spinner), finding);
  update_find_action (self);
}

/* Rows ------------------------------------------------------------------- */

/* Each feed row ends in a stack: an "add" button, a "busy" spinner while
 * subscribing, or "subscribed". The button has no mnemonic: GTK 4.8 puts
 * the underscore into the accessible name of buttons that have one. */
static GtkWidget *
create_feed_row (const char *title,
                 const char *subtitle,
                 const char *url)
{
  g_autofree char *add_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Add"));
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *subscribed = gtk_label_new (_("Subscribed"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, url);

  /* Translators: the accessible name of a button, "Add BBC News" */
  add_name = g_strdup_printf (_("Add %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "add-source.subscribe");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", url);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Subscribing"), -1);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (subscribed, "dim-label");

  gtk_stack_add_named (GTK_STACK (stack), button, "add");
  gtk_stack_add_named (GTK_STACK (stack), spinner, "busy");
  gtk_stack_add_named (GTK_STACK (stack), subscribed, "subscribed");
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "add");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), stack);

  g_object_set_data_full (G_OBJECT (row), "url", g_strdup (url), g_free);
  g_object_set_data (G_OBJECT (row), "state", stack);

  return row;
}

static void
set_row_state (GtkWidget  *row,
               const char *state)
{
  GtkStack *stack = g_object_get_data (G_OBJECT (row), "state");
  GtkWidget *spinner = gtk_stack_get_child_by_name (stack, "busy");

  gtk_stack_set_visible_child_name (stack, state);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), g_str_equal (state, "busy"));
}

static gboolean
rows_have_url (GPtrArray  *rows,
               const char *url)
{
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_strcmp0 (g_object_get_data (g_ptr_array_index (rows, i), "url"), url) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
row_title (GPtrArray  *rows,
           const char *url)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "url"), url) == 0)
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
    }

  return url;
}

static void
set_rows_state_for_url (BriefingAddSourceDialog *self,
                        const char              *url,
                        const char              *state)
{
  GPtrArray *lists[] = { self->result_rows, self->suggestion_rows };

  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (lists[l], i);

        if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "url"), url) == 0)
          set_row_state (row, state);
      }
}

/* Which feeds the reader already has ------------------------------------ */

static void
find_subscribed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BriefingAddSourceDialog) self = user_data;
  g_autoptr(GHashTable) subscribed = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  const char *url;

  subscribed = briefing_store_find_sources_finish (BRIEFING_STORE (object), result, &error);
  if (subscribed == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot check subscriptions: %s", error->message);
      return;
    }

  g_hash_table_iter_init (&iter, subscribed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &url, NULL))
    set_rows_state_for_url (self, url, "subscribed");
}

static void
mark_subscribed_rows (BriefingAddSourceDialog *self,
                      GPtrArray               *rows)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;

  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  if (rows->len == 0)
    return;

  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (builder, g_object_get_data (g_ptr_array_index (rows, i), "url"));
  urls = g_strv_builder_end (builder);

  briefing_store_find_sources_async (briefing_session_get_store (self->session), (const char * const *) urls,
                                     self->cancellable, find_subscribed_cb, g_object_ref (self));
}

/* Finding feeds --------------------------------------------------------- */

static void
clear_results (BriefingAddSourceDialog *self)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  for (guint i = 0; i < self->result_rows->len; i++)
    adw_preferences_group_remove (self->results_group, g_ptr_array_index (self->result_rows, i));
  g_ptr_array_set_size (self->result_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), FALSE);
}

static GtkWidget *
create_result_row (BriefingFeedLink *link)
{
  g_autoptr(GUri) uri = g_uri_parse (link->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *subtitle = NULL;
  const char *title = link->title;

  if (title == NULL || *title == '\0')
    title = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : link->url;

  /* Translators: a found feed's type and address, "RSS 2.0 · https://example.com/feed" */
  subtitle = g_strdup_printf (_("%s · %s"), feed_type_label (link->type), link->url);

  return create_feed_row (title, subtitle, link->url);
}

static void
show_results (BriefingAddSourceDialog *self,
              GPtrArray               *links)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  clear_results (self);

  for (guint i = 0; i < links->len; i++)
    {
      GtkWidget *row = create_result_row (g_ptr_array_index (links, i));

      adw_preferences_group_add (self->results_group, row);
      g_ptr_array_add (self->result_rows, row);
    }

  adw_preferences_group_set_description (self->results_group,
                                         links->len > 1 ? _("This address offers several feeds. Choose one to add.") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), TRUE);
  mark_subscribed_rows (self, self->result_rows);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BriefingAddSourceDialog) self = user_data;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  links = briefing_session_discover_finish (BRIEFING_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_finding (self, FALSE);

  if (links == NULL)
    show_error (self->find_error_label, error);
  else
    show_results (self, links);
}

static void
find_feeds (BriefingAddSourceDialog *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  self->find_cancellable = g_cancellable_new ();

  hide_errors (self);
  clear_results (self);
  set_finding (self, TRUE);

  briefing_session_discover_async (self->session, url, self->find_cancellable, discover_cb, g_object_ref (self));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  find_feeds (BRIEFING_ADD_SOURCE_DIALOG (widget));
}

static void
on_url_row_entry_activated_cb (BriefingAddSourceDialog *self,
                               AdwEntryRow             *row)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "add-source.find", NULL);
}

static void
on_url_row_changed_cb (BriefingAddSourceDialog *self,
                       GtkEditable             *editable)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  show_error (self->find_error_label, NULL);
  update_find_action (self);
}

/* Subscribing ----------------------------------------------------------- */

/* Scrolls the page so that @widget, just shown, is in view. It has no
 * size until the next layout, so this waits for one. */
static gboolean
scroll_into_view_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
  GtkAdjustment *adjustment;
  double x, y;
  double bottom;

  if (viewport == NULL || !gtk_widget_get_visible (widget))
    return G_SOURCE_REMOVE;

  if (gtk_widget_get_height (widget) == 0)
    return G_SOURCE_CONTINUE;

  if (!gtk_widget_translate_coordinates (widget, viewport, 0, 0, &x, &y))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  bottom = y + gtk_widget_get_height (widget) + 12;
  if (bottom > gtk_widget_get_height (viewport))
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + bottom - gtk_widget_get_height (viewport));
  else if (y < 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);

  return G_SOURCE_REMOVE;
}

static void
scroll_into_view (GtkWidget *widget)
{
  gtk_widget_add_tick_callback (widget, scroll_into_view_cb, NULL, NULL);
}

static void
focus_row_button (GPtrArray  *rows,
                  const char *url,
                  GtkLabel   *description)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkStack *stack = g_object_get_data (G_OBJECT (row), "state");
      GtkWidget *button = gtk_stack_get_child_by_name (stack, "add");

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "url"), url) != 0)
        continue;

      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, description, NULL,
                                      -1);
      gtk_widget_grab_focus (button);
      return;
    }
}

typedef struct
{
  BriefingAddSourceDialog *self;
  char                    *url;
} Subscription;

static void
subscription_free (Subscription *sub)
{
  g_object_unref (sub->self);
  g_free (sub->url);
  g_free (sub);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Subscription, subscription_free)

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Subscription) sub = user_data;
  BriefingAddSourceDialog *self = sub->self;
  const char *url = sub->url;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  GPtrArray *rows;
  GtkLabel *label;

  source = briefing_session_subscribe_finish (BRIEFING_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-source.subscribe", TRUE);

  if (source != NULL)
    {
      set_rows_state_for_url (self, url, "subscribed");
      g_signal_emit (self, signals[SOURCE_ADDED], 0, source);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, BRIEFING_STORE_ERROR, BRIEFING_STORE_ERROR_DUPLICATE))
    {
      set_rows_state_for_url (self, url, "subscribed");
      return;
    }

  set_rows_state_for_url (self, url, "add");

  /* A page that offers several feeds: let the reader choose among them. */
  if (g_error_matches (error, BRIEFING_SESSION_ERROR, BRIEFING_SESSION_ERROR_SEVERAL_FEEDS))
    {
      briefing_add_source_dialog_set_url (self, url);
      find_feeds (self);
      return;
    }

  /* The message goes under the list the row is in, scrolled into view;
   * focus goes back to the row's button, which the message describes. */
  rows = rows_have_url (self->result_rows, url) ? self->result_rows : self->suggestion_rows;
  label = rows == self->result_rows ? self->results_error_label : self->suggestions_error_label;
  text = error_text (error);
  /* Translators: "Cannot add BBC News: The server answered 404 Not Found" */
  message = g_strdup_printf (_("Cannot add %s: %s"), row_title (rows, url), text);
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  scroll_into_view (GTK_WIDGET (label));
  focus_row_button (rows, url, label);
}

static void
subscribe_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BriefingAddSourceDialog *self = BRIEFING_ADD_SOURCE_DIALOG (widget);
  Subscription *sub = g_new0 (Subscription, 1);

  sub->self = g_object_ref (self);
  sub->url = g_variant_dup_string (parameter, NULL);

  /* One subscription at a time: every Add button shares this action. */
  hide_errors (self);
  set_rows_state_for_url (self, sub->url, "busy");
  gtk_widget_action_set_enabled (widget, "add-source.subscribe", FALSE);

  briefing_session_subscribe_async (self->session, sub->url, NULL, self->cancellable, subscribe_cb, sub);
}

/* Setup ------------------------------------------------------------------ */

static void
add_suggestions (BriefingAddSourceDialog *self)
{
  g_assert (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s", _(suggestions[i].description), suggestions[i].url);
      GtkWidget *row = create_feed_row (suggestions[i].name, subtitle, suggestions[i].url);

      adw_preferences_group_add (self->suggestions_group, row);
      g_ptr_array_add (self->suggestion_rows, row);
    }
}

/**
 * briefing_add_source_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog, not yet shown; present it with
 *   gtk_window_present()
 */
BriefingAddSourceDialog *
briefing_add_source_dialog_new (GtkWindow       *parent,
                                BriefingSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BRIEFING_IS_SESSION (session), NULL);

  return g_object_new (BRIEFING_TYPE_ADD_SOURCE_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

/**
 * briefing_add_source_dialog_set_url:
 *
 * Fills in the address, as when the app is asked to open a feed: URL.
 * The reader still confirms with Find Feeds.
 */
void
briefing_add_source_dialog_set_url (BriefingAddSourceDialog *self,
                                    const char              *url)
{
  g_return_if_fail (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_position (GTK_EDITABLE (self->url_row), -1);
}

/**
 * briefing_add_source_dialog_explain:
 * @message: (nullable): why the address could not be filled in
 *
 * Says under the address what went wrong before the dialog opened, as
 * when a feed file handed over by the desktop names no web address. The
 * next edit of the address clears it, like Find Feeds' own errors.
 */
void
briefing_add_source_dialog_explain (BriefingAddSourceDialog *self,
                                    const char              *message)
{
  g_return_if_fail (BRIEFING_IS_ADD_SOURCE_DIALOG (self));

  gtk_label_set_text (self->find_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->find_error_label), message != NULL);
}

static void
briefing_add_source_dialog_constructed (GObject *object)
{
  BriefingAddSourceDialog *self = BRIEFING_ADD_SOURCE_DIALOG (object);

  G_OBJECT_CLASS (briefing_add_source_dialog_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  mark_subscribed_rows (self, self->suggestion_rows);
}

static void
briefing_add_source_dialog_dispose (GObject *object)
{
  BriefingAddSourceDialog *self = BRIEFING_ADD_SOURCE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->find_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), BRIEFING_TYPE_ADD_SOURCE_DIALOG);

  g_clear_pointer (&self->result_rows, g_ptr_array_unref);
  g_clear_pointer (&self->suggestion_rows, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (briefing_add_source_dialog_parent_class)->dispose (object);
}

static void
briefing_add_source_dialog_finalize (GObject *object)
{
  BriefingAddSourceDialog *self = BRIEFING_ADD_SOURCE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->find_cancellable);

  G_OBJECT_CLASS (briefing_add_source_dialog_parent_class)->finalize (object);
}

static void
briefing_add_source_dialog_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  BriefingAddSourceDialog *self = BRIEFING_ADD_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_add_source_dialog_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  BriefingAddSourceDialog *self = BRIEFING_ADD_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
briefing_add_source_dialog_class_init (BriefingAddSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = briefing_add_source_dialog_constructed;
  object_class->dispose = briefing_add_source_dialog_dispose;
  object_class->finalize = briefing_add_source_dialog_finalize;
  object_class->set_property = briefing_add_source_dialog_set_property;
  object_class->get_property = briefing_add_source_dialog_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         BRIEFING_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BriefingAddSourceDialog::source-added:
   * @source: the new subscription, with its first briefings stored
   *
   * Emitted once, just before the dialog closes.
   */
  signals[SOURCE_ADDED] =
    g_signal_new ("source-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BRIEFING_TYPE_SOURCE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-add-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, find_spinner);
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, find_error_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, results_group);
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, results_error_label);
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, BriefingAddSourceDialog, suggestions_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "add-source.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "add-source.subscribe", "s", subscribe_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
briefing_add_source_dialog_init (BriefingAddSourceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->result_rows = g_ptr_array_new ();
  self->suggestion_rows = g_ptr_array_new ();

  add_suggestions (self);
  update_find_action (self);

  /* The errors under the address describe it to screen readers too. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->url_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->find_error_label, NULL,
                                  -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}
