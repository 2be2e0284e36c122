/* test-diagram-built.c — the built-in views with their masks as the program has them, made
 * at build time (linked in whole, as the application links them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "fascia/fascia-diagram.h"

/* A built-in view, whose masks come with the program and whose drawing is not parsed for
 * them: a region's mask is rendered all the same (librsvg was handed no handle, and the call
 * failed with a critical). */
static void
test_region_mask (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDiagram) diagram = fascia_diagram_new_for_view (NULL, "anterior", &error);
  const FasciaRegion *region;
  cairo_surface_t *mask;
  const unsigned char *pixels;
  guint covered = 0;
  int stride;

  g_assert_no_error (error);
  mask = fascia_diagram_render_region_mask (diagram, "m-psoas-major-r", 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mask);
  pixels = cairo_image_surface_get_data (mask);
  stride = cairo_image_surface_get_stride (mask);
  for (int y = 0; y < cairo_image_surface_get_height (mask); y++)
    for (int x = 0; x < cairo_image_surface_get_width (mask); x++)
      covered += pixels[y * stride + x] == 255;
  /* The muscle within its box, filling a good part of it (a slanting strip). */
  region = fascia_diagram_lookup_region (diagram, "m-psoas-major-r");
  g_test_message ("psoas major covers %u of the %.0f pixels of its box", covered,
                  region->width * region->height);
  g_assert_cmpfloat (covered, <=, (region->width + 2) * (region->height + 2));
  g_assert_cmpfloat (covered, >, 0.2 * region->width * region->height);
  cairo_surface_destroy (mask);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/render/diagram-built/region-mask", test_region_mask);

  return g_test_run ();
}
