/* fascia-render-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-render"

#include "config.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pango.h>

#include "fascia/fascia-render-info.h"

/**
 * fascia_render_describe_libraries:
 *
 * Returns: (transfer full): the versions of the drawing libraries Fascia runs on, for
 *   `fascia --version` and bug reports.
 */
char *
fascia_render_describe_libraries (void)
{
  return g_strdup_printf ("librsvg %d.%d.%d, cairo %s, Pango %s",
                          rsvg_major_version, rsvg_minor_version, rsvg_micro_version,
                          cairo_version_string (), pango_version_string ());
}
