/* briefing-search-provider.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "briefing-types.h"

G_BEGIN_DECLS

#define BRIEFING_SEARCH_PROVIDER_PATH "/io/github/briefing/Briefing/SearchProvider"

/* At most this many briefings answer a search in the Overview. */
#define BRIEFING_SEARCH_PROVIDER_LIMIT 20

#define BRIEFING_TYPE_SEARCH_PROVIDER (briefing_search_provider_get_type())

G_DECLARE_FINAL_TYPE (BriefingSearchProvider, briefing_search_provider, BRIEFING, SEARCH_PROVIDER, GObject)

BriefingSearchProvider *briefing_search_provider_new         (GApplication            *app,
                                                              GDBusConnection         *connection);
void                    briefing_search_provider_set_session (BriefingSearchProvider  *self,
                                                              BriefingSession         *session);
char                   *briefing_search_provider_describe    (BriefingEntry           *entry,
                                                              gint64                   now);

G_END_DECLS
