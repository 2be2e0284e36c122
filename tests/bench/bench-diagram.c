/* bench-diagram.c — FasciaDiagram on the four built-in views: load (scan and hit masks), a full
 * 1920×1080 render against a raw librsvg render of the same file in the same run, a style
 * change (which re-parses the drawing), hit-test latency, and peak memory. Prints the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <librsvg/rsvg.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "fascia/fascia-diagram.h"

#define RUNS       9
#define HIT_POINTS 10000
#define PROBE_POINTS 500

static const char * const view_ids[] = {
  "anterior", "posterior-superficial", "posterior-deep", "lateral",
};

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (double *values,
            guint   n,
            double  p)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[MIN ((guint) (p * n), n - 1)];
}

static double
median (double *values,
        guint   n)
{
  return percentile (values, n, 0.5);
}

static long
maxrss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

/* The view fitted to the height of a 1920×1080 frame and centred, as the app first shows it. */
static void
frame_transform (double  view_width,
                 double  view_height,
                 double *scale,
                 double *x)
{
  *scale = 1080 / view_height;
  *x = -(1920 / *scale - view_width) / 2;
}

static cairo_surface_t *
new_frame (cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

  *cr = cairo_create (surface);
  return surface;
}

static double
time_render (FasciaDiagram *diagram,
             double         scale,
             double         x,
             double         y)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr;
  cairo_surface_t *surface = new_frame (&cr);
  double start = now_ms ();

  if (!fascia_diagram_render (diagram, cr, scale, x, y, &error))
    g_error ("render: %s", error->message);
  cairo_surface_flush (surface);
  start = now_ms () - start;

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return start;
}

static double
time_raw_render (RsvgHandle *handle,
                 double      width,
                 double      height,
                 double      scale,
                 double      x,
                 double      y)
{
  g_autoptr(GError) error = NULL;
  RsvgRectangle viewport = { 0, 0, width, height };
  cairo_t *cr;
  cairo_surface_t *surface = new_frame (&cr);
  double start = now_ms ();

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -x, -y);
  if (!rsvg_handle_render_document (handle, cr, &viewport, &error))
    g_error ("raw render: %s", error->message);
  cairo_surface_flush (surface);
  start = now_ms () - start;

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return start;
}

/* The alternative DESIGN.md describes: no masks kept, each query renders candidate regions
 * (prefiltered by bounds, top-most first) into a 1×1 A8 surface, on a handle styled like the
 * diagram's mask handle (opacities 1, patterns solid, zones displayed). */
static const char probe_css[] =
  "* { fill-opacity: 1 !important; stroke-opacity: 1 !important; opacity: 1 !important; }\n"
  "[fill^=\"url\"], [style*=\"fill:url\"] { fill: #000 !important; }\n"
  "#layer-referral { display: inline !important; }\n";

static const FasciaRegion *
probe_hit_test (FasciaDiagram *diagram,
                RsvgHandle    *handle,
                double         width,
                double         height,
                double         x,
                double         y)
{
  RsvgRectangle viewport = { 0, 0, width, height };

  for (guint i = fascia_diagram_get_n_regions (diagram); i > 0; i--)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i - 1);
      g_autofree char *css_id = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      guint8 alpha;

      if (x < region->x || y < region->y || x >= region->x + region->width ||
          y >= region->y + region->height ||
          !fascia_diagram_get_region_visible (diagram, region->id))
        continue;

      css_id = g_strconcat ("#", region->id, NULL);
      surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cr = cairo_create (surface);
      cairo_translate (cr, -floor (x), -floor (y));
      rsvg_handle_render_layer (handle, cr, css_id, &viewport, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      alpha = cairo_image_surface_get_data (surface)[0];
      cairo_surface_destroy (surface);

      if (alpha >= 128)
        return region;
    }

  return NULL;
}

static void
bench_view (FasciaAtlas *atlas,
            const char  *view_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDiagram) diagram = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/diagrams/%s.svg", view_id);
  double load[RUNS], parse[RUNS], ours[RUNS], raw[RUNS], zoom[RUNS], raw_zoom[RUNS];
  double restyle[RUNS], dup[RUNS];
  g_autofree double *hits = g_new (double, HIT_POINTS);
  g_autofree double *probes = g_new (double, PROBE_POINTS);
  double width, height, scale, x;
  guint agree = 0;
  GRand *rand = g_rand_new_with_seed (4);
  RsvgHandle *handle = NULL;
  RsvgHandle *probe_handle;

  svg = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < RUNS; i++)
    {
      double start = now_ms ();

      g_clear_object (&diagram);
      diagram = fascia_diagram_new_for_view (atlas, view_id, &error);
      g_assert_no_error (error);
      load[i] = now_ms () - start;

      start = now_ms ();
      g_clear_object (&handle);
      handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                          &error);
      g_assert_no_error (error);
      parse[i] = now_ms () - start;
    }
  rsvg_handle_set_dpi (handle, 96);

  probe_handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                            &error);
  g_assert_no_error (error);
  rsvg_handle_set_stylesheet (probe_handle, (const guint8 *) probe_css, sizeof probe_css - 1,
                              &error);
  g_assert_no_error (error);

  fascia_diagram_get_size (diagram, &width, &height);
  frame_transform (width, height, &scale, &x);

  /* Interleaved, so that both see the same machine load. */
  for (guint i = 0; i < RUNS; i++)
    {
      ours[i] = time_render (diagram, scale, x, 0);
      raw[i] = time_raw_render (handle, width, height, scale, x, 0);
      zoom[i] = time_render (diagram, 3, 300, 500);
      raw_zoom[i] = time_raw_render (handle, width, height, 3, 300, 500);
    }

  /* A hover: one region's style changes, so the drawing is parsed again and drawn. */
  for (guint i = 0; i < RUNS; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i % 8);

      fascia_diagram_set_region_style (diagram, region->id,
                                       (i % 2) ? FASCIA_REGION_STYLE_NONE
                                               : FASCIA_REGION_STYLE_HOVER);
      restyle[i] = time_render (diagram, scale, x, 0);
    }
  fascia_diagram_clear_styles (diagram);

  for (guint i = 0; i < RUNS; i++)
    {
      double start = now_ms ();
      FasciaDiagram *copy = fascia_diagram_dup (diagram);

      time_render (copy, 0.01, 0, 0);  /* a copy parses its handle on first use */
      dup[i] = now_ms () - start;
      g_object_unref (copy);
    }

  for (guint i = 0; i < HIT_POINTS; i++)
    {
      double px = g_rand_double_range (rand, 0, width);
      double py = g_rand_double_range (rand, 0, height);
      double start = now_ms ();

      fascia_diagram_hit_test (diagram, px, py);
      hits[i] = (now_ms () - start) * 1e6;  /* ns */
    }

  /* Probes are only interesting on the figure: sample where the masks find a region. */
  for (guint i = 0; i < PROBE_POINTS; i++)
    {
      double px, py;

      do
        {
          px = g_rand_double_range (rand, 0, width);
          py = g_rand_double_range (rand, 0, height);
        }
      while (fascia_diagram_hit_test (diagram, px, py) == NULL);

      double start = now_ms ();
      const FasciaRegion *probed = probe_hit_test (diagram, probe_handle, width, height,
                                                     px, py);

      probes[i] = now_ms () - start;
      agree += probed == fascia_diagram_hit_test (diagram, px, py);
    }

  printf ("%s: %u regions\n", view_id, fascia_diagram_get_n_regions (diagram));
  printf ("  load (scan, %u masks, handle)  %7.1f ms   (librsvg parse alone %.1f ms)\n",
          fascia_diagram_get_n_regions (diagram), median (load, RUNS), median (parse, RUNS));
  printf ("  render 1920×1080 fitted         %7.1f ms   raw librsvg %.1f ms   ratio %.2f\n",
          median (ours, RUNS), median (raw, RUNS), median (ours, RUNS) / median (raw, RUNS));
  printf ("  render 1920×1080 at 3×          %7.1f ms   raw librsvg %.1f ms   ratio %.2f\n",
          median (zoom, RUNS), median (raw_zoom, RUNS),
          median (zoom, RUNS) / median (raw_zoom, RUNS));
  printf ("  style change + render fitted    %7.1f ms   (re-parse and draw)\n",
          median (restyle, RUNS));
  printf ("  dup (own handle)                %7.1f ms\n", median (dup, RUNS));
  printf ("  hit-test, %d points (masks)  median %.0f ns   p99 %.0f ns\n", HIT_POINTS,
          median (hits, HIT_POINTS), percentile (hits, HIT_POINTS, 0.99));
  printf ("  hit-test, %d points on the figure (1×1 A8 probes)  median %.3f ms   p99 %.3f ms   "
          "agree %u/%d\n", PROBE_POINTS, median (probes, PROBE_POINTS),
          percentile (probes, PROBE_POINTS, 0.99), agree, PROBE_POINTS);

  g_object_unref (probe_handle);
  g_object_unref (handle);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);
  long before;

  g_assert_no_error (error);
  printf ("librsvg %d.%d.%d, cairo %s, medians of %d runs\n", rsvg_major_version,
          rsvg_minor_version, rsvg_micro_version, cairo_version_string (), RUNS);

  for (guint v = 0; v < G_N_ELEMENTS (view_ids); v++)
    bench_view (atlas, view_ids[v]);

  before = maxrss_mb ();
  for (guint v = 0; v < G_N_ELEMENTS (view_ids); v++)
    {
      g_ptr_array_add (all, fascia_diagram_new_for_view (atlas, view_ids[v], &error));
      g_assert_no_error (error);
    }
  printf ("peak memory (maxrss): %ld MB, with all four views loaded at once %ld MB\n",
          before, maxrss_mb ());

  return 0;
}
