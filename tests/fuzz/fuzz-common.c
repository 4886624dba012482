/* fuzz-common.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the newer fuzz targets share: GLib warnings and criticals are
 * findings, and failed invariants say which one failed before they trap. */

#include "config.h"

#include "fuzz-common.h"

#include <stdio.h>
#include <string.h>

/* Untrusted input may never cause a critical or a warning (STYLE.md), so
 * one counts as a crash. Debug and info messages are dropped: printing
 * them would only slow the fuzzer down. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  __builtin_trap ();
}

void
fuzz_check_failed (const char *condition,
                   const char *file,
                   int         line)
{
  fprintf (stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
  fflush (stderr);
  __builtin_trap ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);

  return 0;
}
