/* test-render-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <librsvg/rsvg.h>

#include "fascia/fascia-render-info.h"

static void
test_describe_libraries (void)
{
  g_autofree char *text = fascia_render_describe_libraries ();
  g_autofree char *rsvg = g_strdup_printf ("librsvg %d.%d.", rsvg_major_version,
                                           rsvg_minor_version);

  g_assert_true (g_str_has_prefix (text, rsvg));
  g_assert_nonnull (strstr (text, "cairo "));
  g_assert_nonnull (strstr (text, "Pango "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/render/info/describe-libraries", test_describe_libraries);

  return g_test_run ();
}
