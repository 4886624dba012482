/* briefing-secret.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-secret"

#include "config.h"

#include "briefing-secret.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "briefing-sync-backend.h"

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    SCHEMA_ID ".Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Synchronous: the sync's thread and briefingctl call these. */
gboolean
briefing_secret_store (const char    *server,
                       const char    *user,
                       const char    *password,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Briefing account %s on %s"), user, server);

  return secret_password_store_sync (account_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, error, "server", server, "user", user, NULL);
}

/**
 * briefing_secret_lookup:
 *
 * Returns: (transfer full): the password; %NULL with @error set, also
 *   when there is none (%BRIEFING_SYNC_ERROR_AUTH)
 */
char *
briefing_secret_lookup (const char    *server,
                        const char    *user,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret = secret_password_lookup_sync (account_schema (), cancellable, &local_error,
                                              "server", server, "user", user, NULL);
  char *password;

  if (local_error != NULL)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_FAILED,
                   "The password could not be read from the keyring (%s)", local_error->message);
      return NULL;
    }
  if (secret == NULL)
    {
      g_set_error (error, BRIEFING_SYNC_ERROR, BRIEFING_SYNC_ERROR_AUTH,
                   "There is no password for %s on %s in the keyring", user, server);
      return NULL;
    }

  password = g_strdup (secret);
  secret_password_free (secret);

  return password;
}

gboolean
briefing_secret_clear (const char    *server,
                       const char    *user,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (account_schema (), cancellable, &local_error,
                              "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
