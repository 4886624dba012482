/* briefing-search-provider.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-search-provider"

#include "config.h"

#include "briefing-search-provider.h"

#include <glib/gi18n.h>

#include "briefing-entry.h"
#include "briefing-image-cache.h"
#include "briefing-session.h"
#include "briefing-store-tasks.h"
#include "briefing-utils.h"

/* GNOME Shell's search provider (org.gnome.Shell.SearchProvider2): the
 * Overview's search lists the briefings whose words start with what the
 * reader typed. Both programs answer it (the window's and the service),
 * and D-Bus activation starts the service when neither runs. Searches go
 * to the store's worker thread; the main loop only passes them on and
 * replies from the callback. */

/* What the Shell may ask for in one call, at most: it asks metas for the
 * few results it shows. */
#define MAX_METAS 100

/* A reader searching in the Overview asks again with every key; a service
 * started for the first question stays this long after the last, rather
 * than starting again for each. */
#define LINGER_SECONDS 30

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _BriefingSearchProvider
{
  GObject           parent_instance;

  GApplication     *app;          /* (unowned): the app owns its provider */
  GDBusConnection  *connection;
  guint             registration_id;
  BriefingSession  *session;      /* (nullable) (weak): the app's core owns it; none until
                                   * startup, or if the store failed */
  GCancellable     *cancellable;
  guint             linger_id;    /* the app is held until it fires */
};

G_DEFINE_FINAL_TYPE (BriefingSearchProvider, briefing_search_provider, G_TYPE_OBJECT)

static GDBusNodeInfo *introspection;

/* A call waiting for the store: the app is held meanwhile, so that a
 * service started for one search does not end before it answers. */
typedef struct
{
  BriefingSearchProvider *self;
  GDBusMethodInvocation  *invocation;
} Call;

static Call *
call_new (BriefingSearchProvider *self,
          GDBusMethodInvocation  *invocation)
{
  Call *call = g_new (Call, 1);

  call->self = g_object_ref (self);
  call->invocation = g_object_ref (invocation);
  if (self->app != NULL)
    g_application_hold (self->app);

  return call;
}

static void
call_free (Call *call)
{
  if (call->self->app != NULL)
    g_application_release (call->self->app);
  g_object_unref (call->invocation);
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/**
 * briefing_search_provider_describe:
 * @now: Unix time
 *
 * What the Overview shows under a briefing's headline: its source and
 * when it was published, "Just now", "5 min ago", the time today, else
 * the date.
 *
 * Returns: (transfer full): the text
 */
char *
briefing_search_provider_describe (BriefingEntry *entry,
                                   gint64         now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *when = NULL;
  gint64 published, age;

  g_return_val_if_fail (BRIEFING_IS_ENTRY (entry), NULL);

  published = briefing_entry_get_published (entry);
  age = now - published;
  then = published > 0 ? briefing_local_date_time (published) : NULL;
  today = briefing_local_date_time (now);
  if (then == NULL || today == NULL)
    return g_strdup (briefing_entry_get_source_title (entry));

  if (age >= 0 && age < 60)
    when = g_strdup (_("Just now"));
  else if (age >= 0 && age < 60 * 60)
    when = g_strdup_printf (ngettext ("%d min ago", "%d min ago", (int) (age / 60)), (int) (age / 60));
  else if (g_date_time_get_year (then) == g_date_time_get_year (today) &&
           g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    when = g_date_time_format (then, "%H:%M");
  else if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* Translators: a date in this year, as strftime() writes it: "3 June" */
    when = g_date_time_format (then, _("%-d %B"));
  else
    /* Translators: a date in another year, as strftime() writes it: "3 June 2024" */
    when = g_date_time_format (then, _("%-d %B %Y"));

  /* Translators: a briefing's source and when it was published */
  return g_strdup_printf (_("%s · %s"), briefing_entry_get_source_title (entry), when);
}

static gboolean
linger_done_cb (gpointer user_data)
{
  BriefingSearchProvider *self = user_data;

  self->linger_id = 0;
  if (self->app != NULL)
    g_application_release (self->app);

  return G_SOURCE_REMOVE;
}

/* Only an app D-Bus activated as a service ends as soon as nothing holds
 * it; the window's program lives as long as its window, and ends when
 * the reader closes it, however recent a search. */
static void
linger (BriefingSearchProvider *self)
{
  if (self->app == NULL || !(g_application_get_flags (self->app) & G_APPLICATION_IS_SERVICE))
    return;

  if (self->linger_id != 0)
    g_source_remove (self->linger_id);
  else
    g_application_hold (self->app);
  self->linger_id = g_timeout_add_seconds (LINGER_SECONDS, linger_done_cb, self);
}

/* Searching ----------------------------------------------------------------- */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder ids;

  g_variant_builder_init (&ids, G_VARIANT_TYPE ("as"));

  /* A failed search (a store error, the app ending) finds nothing: the
   * Overview has no way to show an error anyway. */
  entries = briefing_store_search_finish (BRIEFING_STORE (object), result, &error);
  if (entries == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Search failed: %s", error->message);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             briefing_entry_get_id (g_ptr_array_index (entries, i)));

      g_variant_builder_add (&ids, "s", id);
    }

  g_dbus_method_invocation_return_value (call->invocation, g_variant_new ("(as)", &ids));
}

/* A subsearch searches again: the words only got longer or more, so the
 * answer is within the previous one whenever that was complete, and a
 * capped one may have left out what now matches. */
static void
search (BriefingSearchProvider *self,
        GDBusMethodInvocation  *invocation,
        const char * const     *terms)
{
  if (self->session == NULL)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as [],)"));
      return;
    }

  briefing_store_search_async (briefing_session_get_store (self->session), terms, BRIEFING_SEARCH_PROVIDER_LIMIT,
                               self->cancellable, search_cb, call_new (self, invocation));
}

/* Metas ------------------------------------------------------------------------ */

/* The lead photo, when the image cache has it; nothing else is fetched
 * for the Overview. */
static GVariant *
serialized_thumbnail (BriefingSearchProvider *self,
                      BriefingEntry          *entry)
{
  const BriefingImage *image = briefing_entry_get_image (entry);
  g_autoptr(GFile) cached = NULL;
  g_autoptr(GIcon) icon = NULL;

  if (image == NULL || image->url == NULL || self->session == NULL)
    return NULL;

  cached = briefing_image_cache_lookup (briefing_session_get_image_cache (self->session), image->url);
  if (cached == NULL)
    return NULL;

  icon = g_file_icon_new (cached);

  return g_icon_serialize (icon);
}

static void
metas_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));

  entries = briefing_store_list_entries_by_id_finish (BRIEFING_STORE (object), result, &error);
  if (entries == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot read the briefings found: %s", error->message);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      BriefingEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, briefing_entry_get_id (entry));
      g_autofree char *description = briefing_search_provider_describe (entry, now);
      GVariant *icon = serialized_thumbnail (call->self, entry);

      g_variant_builder_open (&metas, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&metas, "{sv}", "id", g_variant_new_string (id));
      g_variant_builder_add (&metas, "{sv}", "name", g_variant_new_string (briefing_entry_get_title (entry)));
      g_variant_builder_add (&metas, "{sv}", "description", g_variant_new_string (description));
      if (icon != NULL)
        g_variant_builder_add (&metas, "{sv}", "gicon", icon);
      g_variant_builder_close (&metas);
    }

  g_dbus_method_invocation_return_value (call->invocation, g_variant_new ("(aa{sv})", &metas));
}

static GArray *
parse_ids (GVariant *identifiers)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GVariantIter iter;
  const char *text;

  g_variant_iter_init (&iter, identifiers);
  while (ids->len < MAX_METAS && g_variant_iter_next (&iter, "&s", &text))
    {
      gint64 id;

      if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (ids, id);
    }

  return ids;
}

static void
get_result_metas (BriefingSearchProvider *self,
                  GDBusMethodInvocation  *invocation,
                  GVariant               *parameters)
{
  g_autoptr(GVariant) identifiers = g_variant_get_child_value (parameters, 0);
  g_autoptr(GArray) ids = parse_ids (identifiers);

  if (self->session == NULL || ids->len == 0)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@aa{sv} [],)"));
      return;
    }

  briefing_store_list_entries_by_id_async (briefing_session_get_store (self->session), ids, self->cancellable,
                                           metas_cb, call_new (self, invocation));
}

/* Activating ---------------------------------------------------------------- */

/* Both through the app's actions, which know what each program does: the
 * window opens on the briefing or shows the search; the service hands
 * over to the window's program first. */
static void
activate_result (BriefingSearchProvider *self,
                 GVariant               *parameters)
{
  const char *identifier;
  gint64 id;

  g_variant_get (parameters, "(&sasu)", &identifier, NULL, NULL);
  if (self->app != NULL && g_ascii_string_to_signed (identifier, 10, 1, G_MAXINT64, &id, NULL))
    g_action_group_activate_action (G_ACTION_GROUP (self->app), "show-briefing", g_variant_new_int64 (id));
}

static void
launch_search (BriefingSearchProvider *self,
               GVariant               *parameters)
{
  g_autofree const char **terms = NULL;
  g_autofree char *text = NULL;

  g_variant_get (parameters, "(^a&su)", &terms, NULL);
  text = g_strjoinv (" ", (char **) terms);
  if (self->app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->app), "search", g_variant_new_string (text));
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  BriefingSearchProvider *self = user_data;

  linger (self);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      search (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(as^a&s)", NULL, &terms);
      search (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    get_result_metas (self, invocation, parameters);
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      activate_result (self, parameters);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      launch_search (self, parameters);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

/* -------------------------------------------------------------------------- */

static void
briefing_search_provider_dispose (GObject *object)
{
  BriefingSearchProvider *self = BRIEFING_SEARCH_PROVIDER (object);

  g_cancellable_cancel (self->cancellable);
  /* Unexported as the app ends: its hold no longer matters. */
  g_clear_handle_id (&self->linger_id, g_source_remove);
  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  if (self->app != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
  self->app = NULL;
  g_clear_weak_pointer (&self->session);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (briefing_search_provider_parent_class)->dispose (object);
}

static void
briefing_search_provider_finalize (GObject *object)
{
  BriefingSearchProvider *self = BRIEFING_SEARCH_PROVIDER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (briefing_search_provider_parent_class)->finalize (object);
}

static void
briefing_search_provider_class_init (BriefingSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = briefing_search_provider_dispose;
  object_class->finalize = briefing_search_provider_finalize;

  introspection = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
}

static void
briefing_search_provider_init (BriefingSearchProvider *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * briefing_search_provider_new:
 * @app: the app whose actions activating a result runs
 * @connection: the app's bus connection
 *
 * Exports the search provider on @connection. Call it from the app's
 * `dbus_register`: that runs before the app owns its name, so a search
 * that started the app (D-Bus activation) finds the object there; the
 * session comes later, with briefing_search_provider_set_session().
 * Dropping the provider unexports it. Should exporting fail, the app
 * goes on without it (with a warning): no reason to give up its name.
 *
 * Returns: (transfer full) (nullable): the provider, or %NULL
 */
BriefingSearchProvider *
briefing_search_provider_new (GApplication    *app,
                              GDBusConnection *connection)
{
  g_autoptr(BriefingSearchProvider) self = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);

  self = g_object_new (BRIEFING_TYPE_SEARCH_PROVIDER, NULL);
  self->app = app;
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *) &self->app);
  self->connection = g_object_ref (connection);
  self->registration_id = g_dbus_connection_register_object (connection, BRIEFING_SEARCH_PROVIDER_PATH,
                                                             introspection->interfaces[0], &vtable, self, NULL, &error);
  if (self->registration_id == 0)
    {
      g_warning ("Cannot offer the Overview's search: %s", error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * briefing_search_provider_set_session:
 * @session: (nullable): whose store is searched
 *
 * Until there is a session, every search finds nothing.
 */
void
briefing_search_provider_set_session (BriefingSearchProvider *self,
                                      BriefingSession        *session)
{
  g_return_if_fail (BRIEFING_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (session == NULL || BRIEFING_IS_SESSION (session));

  /* Weak: the session goes with the app's core, whose dropping waits
   * for the store's writes (and must not wait for us). */
  g_set_weak_pointer (&self->session, session);
}
