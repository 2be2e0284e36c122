/* test-zone-contrast.c — a referral zone shown over muscle is visible: measured on a
 * rendering, its outline and hatch stand at least 3:1 against the muscle under them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-diagram.h"
#include "fascia-test-utils.h"

#define SCALE 1.0

static double
channel (guint8 c)
{
  double v = c / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance of a premultiplied ARGB32 pixel over white. */
static double
luminance (guint32 pixel)
{
  guint8 a = pixel >> 24;
  guint8 r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  /* Premultiplied: over white, add the uncovered part. */
  r += 255 - a;
  g += 255 - a;
  b += 255 - a;
  return 0.2126 * channel (r) + 0.7152 * channel (g) + 0.0722 * channel (b);
}

static double
contrast (double l1,
          double l2)
{
  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

static cairo_surface_t *
render (FasciaDiagram *diagram,
        int            width,
        int            height)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (fascia_diagram_render (diagram, cr, SCALE, 0, 0, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_zone (gconstpointer data)
{
  const char * const *zone = data;   /* view, zone id */
  g_autoptr(GError) error = NULL;
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);
  g_autoptr(FasciaDiagram) diagram = fascia_diagram_new_for_view (atlas, zone[0], &error);
  cairo_surface_t *before, *after, *mask;
  double w, h;
  int width, height, stride, mask_stride;
  guint n_zone = 0, n_visible = 0, n_over_muscle = 0;

  g_assert_no_error (error);
  fascia_diagram_get_size (diagram, &w, &h);
  width = (int) ceil (w * SCALE);
  height = (int) ceil (h * SCALE);

  before = render (diagram, width, height);
  fascia_diagram_set_region_style (diagram, zone[1], FASCIA_REGION_STYLE_SHOWN);
  after = render (diagram, width, height);
  /* Where the zone's shape is, from the drawing itself. */
  mask = fascia_diagram_render_region_mask (diagram, zone[1], SCALE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mask);
  g_assert_cmpint (cairo_image_surface_get_format (mask), ==, CAIRO_FORMAT_A8);
  cairo_surface_flush (mask);

  stride = cairo_image_surface_get_stride (before) / 4;
  mask_stride = cairo_image_surface_get_stride (mask);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *m = cairo_image_surface_get_data (mask) + y * mask_stride;
        guint32 p0 = ((guint32 *) cairo_image_surface_get_data (before))[y * stride + x];
        guint32 p1 = ((guint32 *) cairo_image_surface_get_data (after))[y * stride + x];
        double l0 = luminance (p0);
        gboolean muscle_red = ((p0 >> 16) & 0xff) > ((p0 >> 8) & 0xff) + 40;

        if (y >= cairo_image_surface_get_height (mask) || x >= cairo_image_surface_get_width (mask)
            || m[x] < 128)
          continue;
        n_zone++;
        if (!muscle_red)
          continue;
        n_over_muscle++;
        if (contrast (l0, luminance (p1)) >= 3.0)
          n_visible++;
      }

  g_test_message ("%s: %u zone pixels, %u over muscle, %u at 3:1 or more", zone[1], n_zone,
                  n_over_muscle, n_visible);
  g_assert_cmpuint (n_over_muscle, >, 100);
  /* The outline and the hatch: a fifth of the zone over muscle at least, every few pixels. */
  g_assert_cmpuint (n_visible * 5, >=, n_over_muscle);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  cairo_surface_destroy (mask);
}

int
main (int   argc,
      char *argv[])
{
  static const char *zones[][2] = {
    { "posterior-deep", "rz-quadratus-lumborum-1-l" },
    { "posterior-superficial", "rz-gluteus-maximus-1-l" },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/render/zone-contrast/%s", zones[i][1]);

      g_test_add_data_func (path, zones[i], test_zone);
    }

  return g_test_run ();
}
