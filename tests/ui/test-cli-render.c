/* test-cli-render.c — `fascia --render`, headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "fascia/fascia-diagram.h"
#include "fascia-test-utils.h"
#include "test-diagram-utils.h"

/* Headless commands must work with no display at all. */
static const char * const no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fascia_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static int
run (const char * const  *args,
     char               **err)
{
  g_autofree char *out = NULL;
  int status = fascia_test_run_fascia (args, no_display, &out, err);

  g_assert_cmpstr (out, ==, "");
  return status;
}

static void
assert_png_size (const char *path,
                 int         width,
                 int         height)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  cairo_surface_destroy (image);
}

static void
assert_file_starts (const char *path,
                    const char *prefix)
{
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_true (len > 1000);
  g_assert_true (g_str_has_prefix (text, prefix));
}

static void
test_render_png (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *png = g_build_filename (fixture->dir, "anterior.png", NULL);
  g_autofree char *small = g_build_filename (fixture->dir, "small.png", NULL);
  const char *args[] = { "--render", "anterior", "--output", png, NULL };
  const char *small_args[] = { "--render", "posterior-deep", "--width", "600",
                               "--output", small, NULL };
  g_autofree char *err = NULL;
  g_autofree char *small_err = NULL;

  g_assert_cmpint (run (args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_png_size (png, 1200, 1500);

  g_assert_cmpint (run (small_args, &small_err), ==, 0);
  g_assert_cmpstr (small_err, ==, "");
  assert_png_size (small, 600, 750);
}

static void
test_render_styled (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.png", NULL);
  g_autofree char *styled = g_build_filename (fixture->dir, "styled.png", NULL);
  const char *plain_args[] = { "--render", "anterior", "--width", "300", "--output", plain,
                               NULL };
  const char *styled_args[] = { "--render", "anterior", "--width", "300",
                                "--attachments", "psoas-major", "--referral", "iliacus",
                                "--highlight", "quadratus-lumborum",
                                "--highlight", "b-sacrum", "--output", styled, NULL };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *err = NULL;
  gsize len_a, len_b;

  g_assert_cmpint (run (plain_args, NULL), ==, 0);
  g_assert_cmpint (run (styled_args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_png_size (styled, 300, 375);

  g_assert_true (g_file_get_contents (plain, &a, &len_a, NULL));
  g_assert_true (g_file_get_contents (styled, &b, &len_b, NULL));
  g_assert_true (len_a != len_b || memcmp (a, b, len_a) != 0);
}

/* The pixel of a PNG of one pixel a view unit, premultiplied BGRA, at a view point. */
static const guchar *
png_pixel (cairo_surface_t *image,
           double           x,
           double           y)
{
  return cairo_image_surface_get_data (image) + (gsize) y * cairo_image_surface_get_stride (image)
         + (gsize) x * 4;
}

/* A file shows where a muscle attaches as the window does (issue 12): an origin under the
 * muscles over it shows through them in stripes of its blue, and an insertion along the
 * muscle's own edge shows over its outline. Written by librsvg, the file drew psoas major over
 * the L3 transverse process it arises from, which it hid, and pectineus's outline over the
 * pectineal line it inserts on: nothing of either was lit. At one pixel a view unit, well
 * under psoas major (the same muscle 1.5 units around), the process is in stripes: a pixel in
 * five or more the origin's blue, a pixel in five or more the muscle's red; the pectineal
 * line, under pectineus's edge and the adductors, is orange along its length. */
static void
test_render_attachments_shown (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *psoas_png = g_build_filename (fixture->dir, "psoas.png", NULL);
  g_autofree char *pectineus_png = g_build_filename (fixture->dir, "pectineus.png", NULL);
  const char *psoas_args[] = { "--render", "anterior", "--attachments", "psoas-major",
                               "--output", psoas_png, NULL };
  const char *pectineus_args[] = { "--render", "anterior", "--attachments", "pectineus",
                                   "--output", pectineus_png, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDiagram) diagram = fascia_diagram_new_for_view (NULL, "anterior", &error);
  const FasciaRegion *process, *line;
  cairo_surface_t *image;
  guint under = 0, blue = 0, red = 0, orange = 0;

  g_assert_no_error (error);
  g_assert_cmpint (run (psoas_args, NULL), ==, 0);
  g_assert_cmpint (run (pectineus_args, NULL), ==, 0);
  assert_png_size (psoas_png, 1200, 1500);

  process = fascia_diagram_lookup_region (diagram, "b-l3-transverse-process-l");
  g_assert_nonnull (process);
  image = cairo_image_surface_create_from_png (psoas_png);
  for (int y = (int) process->y; y < (int) ceil (process->y + process->height); y++)
    for (int x = (int) process->x; x < (int) ceil (process->x + process->width); x++)
      {
        double vx = x + 0.5, vy = y + 0.5;
        const FasciaRegion *top = fascia_diagram_hit_test (diagram, vx, vy);
        g_autoptr(GPtrArray) here = fascia_diagram_regions_at (diagram, vx, vy, TRUE);
        gboolean inside = FALSE;
        const guchar *p;

        for (guint k = 0; k < here->len; k++)
          inside = inside || here->pdata[k] == process;
        if (!inside || top == NULL || g_strcmp0 (top->id, "m-psoas-major-l") != 0
            || !test_diagram_well_under (diagram, top, vx, vy))
          continue;
        under++;
        p = png_pixel (image, x, y);
        blue += p[0] > p[2] + 60;
        red += p[2] > p[0] + 60;
      }
  cairo_surface_destroy (image);
  g_test_message ("%u pixels of the L3 transverse process well under psoas major: %u blue, "
                  "%u red", under, blue, red);
  g_assert_cmpuint (under, >, 40);
  g_assert_cmpuint (blue, >, under / 5);
  g_assert_cmpuint (red, >, under / 5);

  line = fascia_diagram_lookup_region (diagram, "b-pectineal-line-l");
  g_assert_nonnull (line);
  image = cairo_image_surface_create_from_png (pectineus_png);
  for (int y = (int) line->y; y < (int) ceil (line->y + line->height); y++)
    for (int x = (int) line->x; x < (int) ceil (line->x + line->width); x++)
      {
        const guchar *p = png_pixel (image, x, y);

        /* #e66100 and its line #c64600, solid or in stripes over the outline's near-black */
        orange += p[2] > 110 && p[1] > p[0] + 30 && p[2] > p[1] + 50;
      }
  cairo_surface_destroy (image);
  g_test_message ("%u pixels of the pectineal line orange", orange);
  g_assert_cmpuint (orange, >=, (guint) line->height);
}

static void
test_render_svg_pdf (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (fixture->dir, "lateral.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "lateral.pdf", NULL);
  const char *svg_args[] = { "--render", "lateral", "--output", svg, NULL };
  const char *pdf_args[] = { "--render", "lateral", "--attachments", "tensor-fasciae-latae",
                             "--output", pdf, NULL };

  g_assert_cmpint (run (svg_args, NULL), ==, 0);
  assert_file_starts (svg, "<?xml");
  g_assert_cmpint (run (pdf_args, NULL), ==, 0);
  assert_file_starts (pdf, "%PDF-");
}

static void
test_render_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *svg = g_test_build_filename (G_TEST_DIST, "data", "svg", "pelvis.svg", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "pelvis.png", NULL);
  const char *args[] = { "--render", svg, "--output", png, NULL };

  g_assert_cmpint (run (args, NULL), ==, 0);
  assert_png_size (png, 400, 500);
}

typedef struct
{
  const char *args[8];
  const char *message;
} BadCase;

/* "OUT" stands for a file in the test's directory. */
static const BadCase bad_cases[] = {
  { { "--render", "no-such-view", "--output", "OUT.png" }, "no view" },
  { { "--render", "anterior" }, "--output" },
  { { "--render", "anterior", "--output", "OUT.gif" }, ".png, .svg or .pdf" },
  { { "--render", "anterior", "--width", "0", "--output", "OUT.png" }, "1 to 16384, not “0”" },
  { { "--render", "anterior", "--width", "-1", "--output", "OUT.svg" }, "1 to 16384, not “-1”" },
  { { "--render", "anterior", "--width", "16385", "--output", "OUT.pdf" }, "not “16385”" },
  { { "--render", "anterior", "--width", "wide", "--output", "OUT.png" }, "not “wide”" },
  { { "--render", "anterior", "--width", "100000", "--output", "OUT.png" }, "width" },
  { { "--render", "anterior", "--width", "16384", "--output", "OUT.png" }, "write .svg or .pdf" },
  { { "--render", "anterior", "--width", "16384", "--output", "OUT.svg" }, NULL },
  { { "--render", "anterior", "--highlight", "m-nothing-l", "--output", "OUT.png" },
    "m-nothing-l" },
  { { "--render", "anterior", "--attachments", "nothing", "--output", "OUT.png" }, "nothing" },
  { { "--render", "lateral", "--attachments", "psoas-major", "--output", "OUT.png" },
    "psoas-major" },
  { { "--render", "anterior", "--referral", "gluteus-maximus", "--output", "OUT.png" },
    "gluteus-maximus" },
  { { "--render", "anterior", "--output", "/nonexistent/dir/OUT.png" }, "nonexistent" },
  { { "--render", "/nonexistent.svg", "--output", "OUT.png" }, "nonexistent" },
};

static void
test_render_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  const BadCase *c = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *err = NULL;

  for (guint i = 0; c->args[i] != NULL; i++)
    {
      if (g_str_has_prefix (c->args[i], "OUT."))
        g_ptr_array_add (args, g_build_filename (fixture->dir, c->args[i], NULL));
      else
        g_ptr_array_add (args, g_strdup (c->args[i]));
    }
  g_ptr_array_add (args, NULL);

  /* The largest width, as a drawing: that one succeeds. */
  if (c->message == NULL)
    {
      g_assert_cmpint (run ((const char * const *) args->pdata, NULL), ==, 0);
      return;
    }

  g_assert_cmpint (run ((const char * const *) args->pdata, &err), !=, 0);
  /* one line */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_nonnull (strstr (err, c->message));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fascia/ui/cli/render/png", Fixture, NULL, fixture_set_up, test_render_png,
              fixture_tear_down);
  g_test_add ("/fascia/ui/cli/render/styled", Fixture, NULL, fixture_set_up,
              test_render_styled, fixture_tear_down);
  g_test_add ("/fascia/ui/cli/render/attachments-shown", Fixture, NULL, fixture_set_up,
              test_render_attachments_shown, fixture_tear_down);
  g_test_add ("/fascia/ui/cli/render/svg-pdf", Fixture, NULL, fixture_set_up,
              test_render_svg_pdf, fixture_tear_down);
  g_test_add ("/fascia/ui/cli/render/file", Fixture, NULL, fixture_set_up, test_render_file,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/ui/cli/render/bad/%u", i);

      g_test_add (path, Fixture, &bad_cases[i], fixture_set_up, test_render_bad,
                  fixture_tear_down);
    }

  return g_test_run ();
}
