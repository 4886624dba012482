/* briefing-preferences-window.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-preferences-window"

#include "config.h"

#include "briefing-preferences-window.h"

#include <glib/gi18n.h>

#include "briefing-account-group.h"
#include "briefing-window.h"

/* The preferences window is a view over GSettings and nothing else: every
 * control is bound to a key of io.github.briefing.Briefing, and the rest
 * of the app follows the keys (docs/ARCHITECTURE.md lists what each key
 * drives). Closing the window needs no "apply" step. */
struct _BriefingPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *refresh_interval_row;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *background_switch;
  AdwComboRow          *retention_days_row;
  GtkSpinButton        *retention_per_source_spin;
  GtkSwitch            *load_remote_images_switch;
  AdwComboRow          *article_font_row;
  GtkStringList        *article_font_model;
  GtkSpinButton        *article_zoom_spin;
};

G_DEFINE_FINAL_TYPE (BriefingPreferencesWindow, briefing_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows offering a few values of an unsigned key -------------------- */

typedef struct
{
  const guint *values;
  guint        n_values;
} Choices;

/* Minutes, in the order of the refresh interval row's items. */
static const guint refresh_interval_values[] = { 15, 30, 60, 120, 360, 720, 1440 };
static const Choices refresh_interval_choices = {
  refresh_interval_values, G_N_ELEMENTS (refresh_interval_values)
};

/* Days, in the order of the "Keep Briefings" row's items. "Forever" is
 * the key's largest value, ten years, rather than a special value: the
 * key's range starts at 1, and the session treats 0 days as "no
 * retention at all", which would also drop the per-source limit the
 * reader asked for. Ten years keeps every briefing a news feed will
 * deliver, and lets the store still expire the tombstones it keeps for
 * pruned briefings. */
#define RETENTION_DAYS_FOREVER 3650
static const guint retention_days_values[] = { 7, 30, 90, 180, 365, RETENTION_DAYS_FOREVER };
static const Choices retention_days_choices = {
  retention_days_values, G_N_ELEMENTS (retention_days_values)
};

/* How far apart two durations look to a reader: by ratio, so that 45 days
 * is nearer to a month than to three months, and 5 minutes is shown as
 * 15 minutes rather than compared in absolute minutes with a day. */
static double
ratio_distance (guint a,
                guint b)
{
  a = MAX (a, 1);
  b = MAX (b, 1);

  return a > b ? (double) a / b : (double) b / a;
}

static guint
choices_find_nearest (const Choices *choices,
                      guint          value)
{
  guint nearest = 0;

  for (guint i = 1; i < choices->n_values; i++)
    {
      if (ratio_distance (choices->values[i], value) < ratio_distance (choices->values[nearest], value))
        nearest = i;
    }

  return nearest;
}

/* A value set outside this window (with `gsettings`, or an older default)
 * shows as the nearest item; it is written back only when the reader
 * picks an item. */
static gboolean
choices_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const Choices *choices = user_data;

  g_value_set_uint (value, choices_find_nearest (choices, g_variant_get_uint32 (variant)));

  return TRUE;
}

static GVariant *
choices_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  const Choices *choices = user_data;
  guint position = g_value_get_uint (value);

  /* GTK_INVALID_LIST_POSITION while the row has no selection. */
  if (position >= choices->n_values)
    return NULL;

  return g_variant_new_uint32 (choices->values[position]);
}

/* Article font ----------------------------------------------------------- */

/* The key holds a Pango font description; these are the values of the
 * row's first items. A family is enough: the size follows the zoom. A
 * description set elsewhere ("Literata 12") gets an item of its own after
 * these, so opening this window never loses it. */
static const char * const article_font_values[] = { "", "Serif", "Sans" };
#define ARTICLE_FONT_CUSTOM G_N_ELEMENTS (article_font_values)

static guint
find_article_font (const char *font)
{
  for (guint i = 0; i < G_N_ELEMENTS (article_font_values); i++)
    {
      if (g_ascii_strcasecmp (font, article_font_values[i]) == 0)
        return i;
    }

  if (g_ascii_strcasecmp (font, "Sans Serif") == 0 || g_ascii_strcasecmp (font, "Sans-Serif") == 0)
    return 2;

  return ARTICLE_FONT_CUSTOM;
}

static void
set_custom_article_font (BriefingPreferencesWindow *self,
                         const char                *font)
{
  GListModel *model = G_LIST_MODEL (self->article_font_model);
  const char * const additions[] = { font, NULL };
  guint n_removals = g_list_model_get_n_items (model) > ARTICLE_FONT_CUSTOM ? 1 : 0;

  g_assert (BRIEFING_IS_PREFERENCES_WINDOW (self));

  if (n_removals > 0 &&
      g_strcmp0 (gtk_string_list_get_string (self->article_font_model, ARTICLE_FONT_CUSTOM), font) == 0)
    return;

  gtk_string_list_splice (self->article_font_model, ARTICLE_FONT_CUSTOM, n_removals, additions);
}

/* GSettings ignores the row's notifications while this mapping runs, so
 * changing the model here cannot write a value back. */
static gboolean
article_font_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  BriefingPreferencesWindow *self = user_data;
  const char *font = g_variant_get_string (variant, NULL);
  guint position = find_article_font (font);

  if (position == ARTICLE_FONT_CUSTOM)
    set_custom_article_font (self, font);

  g_value_set_uint (value, position);

  return TRUE;
}

static GVariant *
article_font_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  BriefingPreferencesWindow *self = user_data;
  guint position = g_value_get_uint (value);

  if (position < G_N_ELEMENTS (article_font_values))
    return g_variant_new_string (article_font_values[position]);

  if (position == ARTICLE_FONT_CUSTOM &&
      g_list_model_get_n_items (G_LIST_MODEL (self->article_font_model)) > ARTICLE_FONT_CUSTOM)
    return g_variant_new_string (gtk_string_list_get_string (self->article_font_model, position));

  return NULL;
}

/* Article zoom ----------------------------------------------------------- */

/* The key is a factor (1.0 is normal size); the spin button shows percent. */
static gboolean
article_zoom_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  g_value_set_double (value, (int) (g_variant_get_double (variant) * 100 + 0.5));

  return TRUE;
}

static GVariant *
article_zoom_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100, 0.5, 3.0));
}

static gboolean
on_article_zoom_spin_output_cb (GtkSpinButton *spin,
                                gpointer       user_data)
{
  g_autofree char *text = NULL;
  int percent = (int) (gtk_spin_button_get_value (spin) + 0.5);

  /* Translators: a zoom level in percent, as in "150%". */
  text = g_strdup_printf (_("%d%%"), percent);
  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static gboolean
is_percent_sign_or_space (gunichar c)
{
  /* ASCII, Arabic and fullwidth percent signs; any space, since some
   * languages write "150 %" with a no-break space. */
  return c == '%' || c == 0x066A || c == 0xFF05 || g_unichar_isspace (c);
}

/* Accepts what the output shows ("150%"), and a bare number; a number out
 * of range is clamped, anything else keeps the old value (the spin button
 * updates only if valid). */
static int
on_article_zoom_spin_input_cb (GtkSpinButton *spin,
                               double        *new_value,
                               gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  GtkAdjustment *adjustment;
  char *end = NULL;
  double percent;

  while (g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  percent = g_ascii_strtod (text, &end);
  if (end == text)
    return GTK_INPUT_ERROR;

  for (; *end != '\0'; end = g_utf8_next_char (end))
    {
      if (!is_percent_sign_or_space (g_utf8_get_char (end)))
        return GTK_INPUT_ERROR;
    }

  adjustment = gtk_spin_button_get_adjustment (spin);
  percent = CLAMP (percent, gtk_adjustment_get_lower (adjustment), gtk_adjustment_get_upper (adjustment));
  *new_value = (int) (percent + 0.5);

  return TRUE;
}

/* Setup ----------------------------------------------------------------- */

static void
bind_settings (BriefingPreferencesWindow *self)
{
  g_assert (BRIEFING_IS_PREFERENCES_WINDOW (self));

  g_settings_bind_with_mapping (self->settings, "refresh-interval",
                                self->refresh_interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choices_get_mapping, choices_set_mapping,
                                (gpointer) &refresh_interval_choices, NULL);
  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_settings_bind_with_mapping (self->settings, "retention-days",
                                self->retention_days_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choices_get_mapping, choices_set_mapping,
                                (gpointer) &retention_days_choices, NULL);
  g_settings_bind (self->settings, "retention-per-source",
                   self->retention_per_source_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_settings_bind (self->settings, "load-remote-images",
                   self->load_remote_images_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "article-font",
                                self->article_font_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                article_font_get_mapping, article_font_set_mapping,
                                self, NULL);
  g_settings_bind_with_mapping (self->settings, "article-zoom",
                                self->article_zoom_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                article_zoom_get_mapping, article_zoom_set_mapping,
                                NULL, NULL);
}

/**
 * briefing_preferences_window_new:
 * @parent: (nullable): the window the preferences are opened from
 *
 * Returns: (transfer none): a new preferences window, modal to @parent;
 *   present it with gtk_window_present()
 */
BriefingPreferencesWindow *
briefing_preferences_window_new (GtkWindow *parent)
{
  BriefingPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (BRIEFING_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);

  /* The one page that is not settings: the sync account is the store's. */
  if (BRIEFING_IS_WINDOW (parent) && briefing_window_get_session (BRIEFING_WINDOW (parent)) != NULL)
    {
      AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

      adw_preferences_page_set_name (page, "sync");
      adw_preferences_page_set_title (page, _("Sync"));
      adw_preferences_page_set_icon_name (page, "emblem-synchronizing-symbolic");
      adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (
                                  briefing_account_group_new (briefing_window_get_session (BRIEFING_WINDOW (parent)))));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
    }

  return self;
}

static void
briefing_preferences_window_dispose (GObject *object)
{
  BriefingPreferencesWindow *self = BRIEFING_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BRIEFING_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (briefing_preferences_window_parent_class)->dispose (object);
}

static void
briefing_preferences_window_class_init (BriefingPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/briefing-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, refresh_interval_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, retention_days_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, retention_per_source_spin);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, load_remote_images_switch);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, article_font_row);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, article_font_model);
  gtk_widget_class_bind_template_child (widget_class, BriefingPreferencesWindow, article_zoom_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_article_zoom_spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_article_zoom_spin_output_cb);
}

static void
briefing_preferences_window_init (BriefingPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  bind_settings (self);
}
