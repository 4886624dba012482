/* briefing-secret.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A sync account's password, in the Secret Service (GNOME Keyring, or
 * the Secret portal in the sandbox: libsecret picks), keyed by the
 * server's address and the user name. Never in settings or the store. */

gboolean  briefing_secret_store  (const char    *server,
                                  const char    *user,
                                  const char    *password,
                                  GCancellable  *cancellable,
                                  GError       **error);
char     *briefing_secret_lookup (const char    *server,
                                  const char    *user,
                                  GCancellable  *cancellable,
                                  GError       **error);
gboolean  briefing_secret_clear  (const char    *server,
                                  const char    *user,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
