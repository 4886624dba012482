/* fuzz-common.h
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry points, which it finds by name. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* An invariant the target checks: when it fails, the input is a finding. */
#define FUZZ_CHECK(condition) \
  G_STMT_START { if (G_UNLIKELY (!(condition))) fuzz_check_failed (#condition, __FILE__, __LINE__); } G_STMT_END

G_NORETURN void fuzz_check_failed    (const char *condition,
                                      const char *file,
                                      int         line);

G_END_DECLS
