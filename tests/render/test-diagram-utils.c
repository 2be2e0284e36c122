/* test-diagram-utils.c — helpers shared by the diagram tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#include "test-diagram-utils.h"

GBytes *
test_diagram_load_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "svg", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gsize len;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (text, len);
}

/**
 * test_diagram_render_region_drawn:
 *
 * Renders one region of a built-in view alone as it is drawn, with every layer shown and every
 * opacity at 1, at one pixel per view unit: unlike fascia_diagram_render_region_mask(), which
 * renders where a click finds it, it includes the parts seen through what lies in front of
 * them (pointer-events="none"), and not the hit areas that are never drawn.
 *
 * Returns: (transfer full): an A8 surface of the whole view
 */
cairo_surface_t *
test_diagram_render_region_drawn (const char *view_id,
                                  const char *region_id)
{
  static const char css[] =
    "* { fill-opacity: 1 !important; stroke-opacity: 1 !important; opacity: 1 !important; }\n"
    "[fill^=\"url\"] { fill: #000 !important; }\n"
    "g[id^=\"layer-\"] { display: inline !important; }\n";
  static GHashTable *handles;  /* view id → its handle, styled so, parsed once */
  g_autofree char *css_id = g_strconcat ("#", region_id, NULL);
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport = { 0, 0, 0, 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  if (handles == NULL)
    handles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  handle = g_hash_table_lookup (handles, view_id);
  if (handle == NULL)
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/diagrams/%s.svg", view_id);
      g_autoptr(GBytes) svg = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_assert_nonnull (svg);
      handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                          &error);
      g_assert_no_error (error);
      rsvg_handle_set_stylesheet (handle, (const guint8 *) css, strlen (css), &error);
      g_assert_no_error (error);
      g_hash_table_insert (handles, g_strdup (view_id), handle);
    }
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &width, &height));
  viewport.width = width;
  viewport.height = height;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) ceil (width), (int) ceil (height));
  cr = cairo_create (surface);
  rsvg_handle_render_layer (handle, cr, css_id, &viewport, &error);
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
new_white (int       width,
           int       height,
           cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return surface;
}

static cairo_surface_t *
render_part (FasciaDiagram     *diagram,
             FasciaDiagramPart  part,
             int                width,
             int                height,
             double             scale,
             double             x,
             double             y)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr;
  cairo_surface_t *surface = new_white (width, height, &cr);

  g_assert_true (fascia_diagram_render_part (diagram, cr, part, scale, x, y, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

cairo_surface_t *
test_diagram_render (FasciaDiagram *diagram,
                     int            width,
                     int            height,
                     double         scale,
                     double         x,
                     double         y)
{
  return render_part (diagram, FASCIA_DIAGRAM_PART_ALL, width, height, scale, x, y);
}

/* The drawing without its labels, whose leader lines may run over any part of it. */
cairo_surface_t *
test_diagram_render_drawing (FasciaDiagram *diagram,
                             int            width,
                             int            height,
                             double         scale,
                             double         x,
                             double         y)
{
  return render_part (diagram, FASCIA_DIAGRAM_PART_DRAWING, width, height, scale, x, y);
}

cairo_surface_t *
test_diagram_render_raw (GBytes *svg,
                         int     width,
                         int     height,
                         double  scale,
                         double  x,
                         double  y)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  RsvgRectangle viewport = { 0, 0, 0, 0 };
  double w, h;
  cairo_t *cr;
  cairo_surface_t *surface = new_white (width, height, &cr);

  handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                      &error);
  g_assert_no_error (error);
  rsvg_handle_set_dpi (handle, 96);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  viewport.width = w;
  viewport.height = h;

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -x, -y);
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_object_unref (handle);
  return surface;
}

/* The pixel at (@x, @y), inside the surface, as cairo keeps it: 0xAARRGGBB. */
guint32
test_diagram_pixel_at (cairo_surface_t *surface,
                       int              x,
                       int              y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  return *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                  y * cairo_image_surface_get_stride (surface) + x * 4);
}

static guint
channel_distance (guint32 a,
                  guint32 b)
{
  guint d = 0;

  for (int shift = 0; shift < 32; shift += 8)
    d = MAX (d, (guint) ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));

  return d;
}

guint
test_diagram_count_different (cairo_surface_t *a,
                              cairo_surface_t *b,
                              guint            tolerance)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  guint n = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += channel_distance (test_diagram_pixel_at (a, x, y), test_diagram_pixel_at (b, x, y)) > tolerance;

  return n;
}

/* Whether the point (@x, @y) of the view is well under @top, the region on top there: the
 * same region 1.5 units around it, away from its antialiased edge. */
gboolean
test_diagram_well_under (FasciaDiagram      *diagram,
                         const FasciaRegion *top,
                         double              x,
                         double              y)
{
  return top != NULL
         && fascia_diagram_hit_test (diagram, x, y) == top
         && fascia_diagram_hit_test (diagram, x + 1.5, y) == top
         && fascia_diagram_hit_test (diagram, x - 1.5, y) == top
         && fascia_diagram_hit_test (diagram, x, y + 1.5) == top
         && fascia_diagram_hit_test (diagram, x, y - 1.5) == top;
}

guint
test_diagram_count_painted (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += (test_diagram_pixel_at (surface, x, y) & 0xffffff) != 0xffffff;

  return n;
}

guint
test_diagram_alpha_at (cairo_surface_t *a8,
                       int              x,
                       int              y)
{
  return cairo_image_surface_get_data (a8)[y * cairo_image_surface_get_stride (a8) + x];
}

static guint32
parse_colour (const char *colour)
{
  g_assert_true (colour[0] == '#' && strlen (colour) == 7);
  return 0xff000000 | (guint32) g_ascii_strtoull (colour + 1, NULL, 16);
}

void
test_diagram_assert_colour (cairo_surface_t *surface,
                            int              x,
                            int              y,
                            const char      *colour,
                            double           opacity)
{
  guint32 got = test_diagram_pixel_at (surface, x, y);
  guint32 want = parse_colour (colour);
  /* what lies beneath shows through (1 - opacity) of the fill */
  guint tolerance = (guint) (255 * (1 - opacity)) + 8;

  if (channel_distance (got, want) > tolerance)
    g_error ("test_diagram_pixel_at (%d, %d) is #%06x, not near %s", x, y, got & 0xffffff, colour);
}

void
test_diagram_assert_not_colour (cairo_surface_t *surface,
                                int              x,
                                int              y,
                                const char      *colour)
{
  guint32 got = test_diagram_pixel_at (surface, x, y);

  if (channel_distance (got, parse_colour (colour)) < 48)
    g_error ("test_diagram_pixel_at (%d, %d) is #%06x, too near %s", x, y, got & 0xffffff, colour);
}

void
test_diagram_assert_same_pixel (cairo_surface_t *a,
                                cairo_surface_t *b,
                                int              x,
                                int              y)
{
  g_assert_cmphex (test_diagram_pixel_at (a, x, y), ==, test_diagram_pixel_at (b, x, y));
}

void
test_diagram_assert_changed (cairo_surface_t *a,
                             cairo_surface_t *b,
                             int              x,
                             int              y)
{
  g_assert_cmpuint (channel_distance (test_diagram_pixel_at (a, x, y), test_diagram_pixel_at (b, x, y)), >, 16);
}

static guint
brightness (guint32 p)
{
  return ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
}

void
test_diagram_assert_lighter (cairo_surface_t *darker,
                             cairo_surface_t *lighter,
                             int              x,
                             int              y)
{
  g_assert_cmpuint (brightness (test_diagram_pixel_at (lighter, x, y)), >, brightness (test_diagram_pixel_at (darker, x, y)) + 60);
}

void
test_diagram_assert_file_starts (const char *path,
                                 const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  g_assert_true (len > strlen (prefix));
  g_assert_true (g_str_has_prefix (text, prefix));
}

static guint
region_index (FasciaDiagram      *diagram,
              const FasciaRegion *region)
{
  for (guint k = 0; k < fascia_diagram_get_n_regions (diagram); k++)
    if (fascia_diagram_get_region (diagram, k) == region)
      return k;
  g_assert_not_reached ();
}

/* Whether the pixel lies in a crack at most two pixels wide, across or down, between pixels
 * covered by regions drawn above. */
static gboolean
in_crack (const guint8 *covered,
          int           w,
          int           h,
          int           x,
          int           y)
{
  static const int axes[2][2] = { { 1, 0 }, { 0, 1 } };

  for (int k = 0; k < 2; k++)
    for (int a = 1; a <= 2; a++)
      for (int b = 1; a + b <= 3; b++)
        {
          int x0 = x - a * axes[k][0], y0 = y - a * axes[k][1];
          int x1 = x + b * axes[k][0], y1 = y + b * axes[k][1];

          if (x0 >= 0 && y0 >= 0 && x1 < w && y1 < h &&
              covered[y0 * w + x0] && covered[y1 * w + x1])
            return TRUE;
        }
  return FALSE;
}

/*
 * Checks hit-testing against each region's own pixels, rendered independently through
 * fascia_diagram_render_region_mask(): going from the top-most region down, every pixel
 * a visible region fully covers and no visible region above touches must hit it, and a
 * hidden region is never hit. Pixels no visible region touches (nor their neighbours) hit
 * nothing.
 *
 * Returns: (transfer full): the visible regions with no pixel of their own (wholly covered
 *   by regions above them, so the pointer cannot reach them), separated by spaces
 */
char *
test_diagram_check_hit_test (FasciaDiagram *diagram)
{
  guint n = fascia_diagram_get_n_regions (diagram);
  double view_width, view_height;
  int w, h;
  g_autofree guint8 *covered = NULL;
  GString *unreachable = g_string_new (NULL);
  guint checked = 0, cracks = 0;

  fascia_diagram_get_size (diagram, &view_width, &view_height);
  w = (int) view_width;
  h = (int) view_height;
  covered = g_malloc0 ((gsize) w * h);

  for (guint i = n; i > 0; i--)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i - 1);
      gboolean visible = fascia_diagram_get_region_visible (diagram, region->id);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *mask;
      const guint8 *data;
      int stride;
      guint own = 0;

      mask = fascia_diagram_render_region_mask (diagram, region->id, 1, &error);
      g_assert_no_error (error);
      data = cairo_image_surface_get_data (mask);
      stride = cairo_image_surface_get_stride (mask);

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            guint8 alpha = data[y * stride + x];
            const FasciaRegion *hit;

            if (alpha == 255 && covered[y * w + x] == 0)
              {
                hit = fascia_diagram_hit_test (diagram, x + 0.5, y + 0.5);
                if (visible && hit != region && hit != NULL &&
                    region_index (diagram, hit) > i - 1 && in_crack (covered, w, h, x, y))
                  {
                    /* Seen only through a crack between regions drawn over it: the
                     * nearer of those is hit (fascia_diagram_hit_test()). */
                    cracks++;
                    continue;
                  }
                if (visible && hit != region)
                  g_error ("(%d, %d) is %s's own pixel, but hit %s", x, y, region->id,
                           hit ? hit->id : "nothing");
                if (!visible && hit == region)
                  g_error ("(%d, %d) hit %s, which is hidden", x, y, region->id);
                own++;
              }
            if (visible && alpha > 0)
              covered[y * w + x] = 1;
          }

      if (visible && own == 0)
        g_string_append_printf (unreachable, "%s%s", unreachable->len ? " " : "", region->id);

      checked += own;
      cairo_surface_destroy (mask);
    }

  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      {
        gboolean near = FALSE;

        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            near |= covered[(y + dy) * w + x + dx];

        if (!near && fascia_diagram_hit_test (diagram, x + 0.5, y + 0.5) != NULL)
          g_error ("(%d, %d) lies outside the figure but hit %s", x, y,
                   fascia_diagram_hit_test (diagram, x + 0.5, y + 0.5)->id);
      }

  g_test_message ("checked %u own pixels of %u regions, %u in cracks", checked, n, cracks);
  return g_string_free (unreachable, FALSE);
}
