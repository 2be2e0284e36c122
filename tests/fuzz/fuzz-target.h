/* fuzz-target.h — what every fuzz target shares: the libFuzzer entry point, and a way to
 * read a result so the compiler keeps the work that made it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static inline void
fuzz_touch (const char *text)
{
  volatile gsize length = text != NULL ? strlen (text) : 0;

  (void) length;
}

/* A warning or a critical is a bug found: abort, so that libFuzzer keeps the input. */
static inline void
fuzz_log_handler (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      fprintf (stderr, "%s: %s\n", domain != NULL ? domain : "", message);
      abort ();
    }
}

static inline void
fuzz_set_up (void)
{
  static gboolean done = FALSE;

  if (!done)
    {
      g_log_set_default_handler (fuzz_log_handler, NULL);
      done = TRUE;
    }
}
