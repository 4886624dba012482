/* briefing-handover.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The two programs of the app: the window's, and the background service
 * that holds only the core. */
typedef enum
{
  BRIEFING_PROGRAM_WINDOW,
  BRIEFING_PROGRAM_SERVICE,
} BriefingProgram;

gboolean briefing_handover_wanted (int                 argc,
                                   char              **argv);
char    *briefing_handover_program (BriefingProgram    program);
void     briefing_handover_exec    (GDBusConnection   *bus,
                                    BriefingProgram    program,
                                    const char * const *argv,
                                    const char        *saved);

G_END_DECLS
