/* bench-body-chart.c — what a click on the body chart of a visit costs at 1920×1080: real
 * pointer events (xdotool, through the X server) to the first painted frame that shows the
 * mark.
 *
 *   empty click   a click on the chart beside the drawing, where it marks nothing: the
 *                 event's way through X and GTK to a painted frame (the baseline, same run)
 *   region mark   a click on a muscle: the mark saved, the list of marks made again, and a
 *                 frame with the muscle filled as painful
 *   point mark    a click on the drawing between regions: the mark saved and a frame with
 *                 its marker
 *
 * Each prints the wall time (median and 99th percentile) and the CPU time of the whole
 * process (every thread) over the same span; the clicks are interleaved. A visit of a client
 * on a fresh database, the pain tool chosen (the editor's default).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "fascia-diagram-view.h"
#include "fascia-ui-utils.h"

#include "bench-click-utils.h"
#include "fascia-visit-editor.h"
#include "fascia-test-utils.h"

#define N_ROUNDS 12

typedef struct
{
  GtkWidget         *window;
  FasciaVisitEditor *editor;
  FasciaDiagramView *view;
  char              *xid;
  BenchXdo          *xdo;

  gboolean         (*answered) (gpointer data);
  const char        *region_id;   /* the region the click marks */
  guint              n_marks;     /* marks before the click */
  gboolean           event_seen;
  gint64             start_wall, start_cpu;
  gint64             end_wall, end_cpu;
  guint              frames;      /* painted since the click was sent, up to the answer */
} Bench;

typedef struct
{
  GArray *wall;  /* double, ms */
  GArray *cpu;
  guint   missed;  /* clicks no frame answered within 10 s */
  const char *name;
} Figures;

static gboolean
up_to_date (gpointer data)
{
  Bench *bench = data;

  return fascia_diagram_view_get_diagram (bench->view) != NULL
         && fascia_diagram_view_is_up_to_date (bench->view);
}

static guint
n_marks (Bench *bench)
{
  return g_list_model_get_n_items (fascia_visit_editor_get_marks (bench->editor));
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->answered != NULL && bench->end_wall == 0)
    bench->frames++;
  if (bench->answered != NULL && bench->end_wall == 0 && bench->answered (bench))
    {
      bench->end_wall = g_get_monotonic_time ();
      bench->end_cpu = bench_cpu_now ();
    }
}

static gboolean
measured (gpointer data)
{
  return ((Bench *) data)->end_wall != 0;
}

static gboolean
click (Bench     *bench,
       double     x,
       double     y,
       gboolean (*answered) (gpointer data),
       Figures   *figures)
{
  graphene_point_t point;
  double wall, cpu;

  if (!gtk_widget_compute_point (GTK_WIDGET (bench->view), bench->window,
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  /* The pointer goes there first, so that the click alone is measured. */
  bench_xdo_send (bench->xdo, "mousemove --window %s %d %d", bench->xid, (int) point.x,
                  (int) point.y);
  bench_wait_ms (150);
  bench_wait_until (up_to_date, bench, 5000);

  bench->answered = answered;
  bench->n_marks = n_marks (bench);
  bench->event_seen = FALSE;
  bench->end_wall = bench->end_cpu = 0;
  bench->frames = 0;
  bench->start_wall = g_get_monotonic_time ();
  bench->start_cpu = bench_cpu_now ();
  /* xdotool sleeps for a click's --delay (100 ms unless told) after the click, the last one
   * too, before it reads its next command: the pointer reached the next spot that much later,
   * and rested there a third of the 150 ms meant before the next click. */
  bench_xdo_send (bench->xdo, "click --delay 0 1");

  if (!bench_wait_until (measured, bench, 10000))
    {
      bench->answered = NULL;
      figures->missed++;
      g_printerr ("A click at %d,%d was not answered\n", (int) point.x, (int) point.y);
      return FALSE;
    }
  bench->answered = NULL;

  wall = (bench->end_wall - bench->start_wall) / 1000.0;
  cpu = (bench->end_cpu - bench->start_cpu) / 1000.0;
  g_array_append_val (figures->wall, wall);
  g_array_append_val (figures->cpu, cpu);
  bench_trace (figures->name, bench->start_wall, bench->end_wall, cpu, bench->frames);
  return TRUE;
}

static void
point_activated_cb (FasciaDiagramView *view,
                    double             x,
                    double             y,
                    Bench             *bench)
{
  bench->event_seen = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static gboolean
empty_answered (gpointer data)
{
  return ((Bench *) data)->event_seen;
}

static gboolean
region_answered (gpointer data)
{
  Bench *bench = data;
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);

  return (fascia_diagram_get_region_style (diagram, bench->region_id) & FASCIA_REGION_STYLE_PAIN)
         && fascia_diagram_view_is_up_to_date (bench->view);
}

static gboolean
point_answered (gpointer data)
{
  Bench *bench = data;

  return n_marks (bench) > bench->n_marks && fascia_diagram_view_is_up_to_date (bench->view);
}

/* Muscles whose centre is theirs for 4 pixels around (a click lands on a whole pixel) and on
 * screen, spots of the drawing between regions, and a spot of the chart beside the
 * drawing. */
static void
targets (Bench     *bench,
         GPtrArray *regions,
         GArray    *region_points,
         GArray    *spots,
         double    *empty_x,
         double    *empty_y)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);
  int w = gtk_widget_get_width (GTK_WIDGET (bench->view));
  int h = gtk_widget_get_height (GTK_WIDGET (bench->view));
  guint n = fascia_diagram_get_n_regions (diagram);
  double width, height, left, top, right, bottom;

  for (guint i = 0; i < n; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);
      double cx = region->x + region->width / 2.0, cy = region->y + region->height / 2.0;
      graphene_point_t point;
      double px, py;

      if (region->kind != FASCIA_REGION_MUSCLE)
        continue;
      fascia_diagram_view_view_to_widget (bench->view, cx, cy, &px, &py);
      px = floor (px);
      py = floor (py);
      if (px < 8 || py < 8 || px >= w - 8 || py >= h - 8
          || !bench_solid_at (bench->view, region, px, py, 4))
        continue;
      point = GRAPHENE_POINT_INIT (px, py);
      g_ptr_array_add (regions, (gpointer) region->id);
      g_array_append_val (region_points, point);
    }

  fascia_diagram_get_size (diagram, &width, &height);
  for (double vy = 40; vy < height - 40 && spots->len < N_ROUNDS; vy += 37)
    for (double vx = 40; vx < width - 40; vx += 53)
      {
        graphene_point_t point;
        double px, py;

        fascia_diagram_view_view_to_widget (bench->view, vx, vy, &px, &py);
        px = floor (px);
        py = floor (py);
        if (px < 8 || py < 8 || px >= w - 8 || py >= h - 8
            || !bench_solid_at (bench->view, NULL, px, py, 4))
          continue;
        point = GRAPHENE_POINT_INIT (px, py);
        g_array_append_val (spots, point);
        break;
      }

  /* Beside the drawing, or above or below it: the chart fits the drawing one way. */
  fascia_diagram_view_view_to_widget (bench->view, 0, 0, &left, &top);
  fascia_diagram_view_view_to_widget (bench->view, width, height, &right, &bottom);
  if (left >= 8)
    *empty_x = left / 2, *empty_y = h / 2.0;
  else if (top >= 8)
    *empty_x = w / 2.0, *empty_y = top / 2;
  else if (bottom <= h - 8)
    *empty_x = w / 2.0, *empty_y = (bottom + h) / 2;
  else if (right <= w - 8)
    *empty_x = (right + w) / 2, *empty_y = h / 2.0;
  else
    g_error ("The drawing fills the chart: no empty spot beside it");
}

static void
print_figures (const char *what,
               Figures    *figures,
               Figures    *baseline)
{
  if (figures->wall->len == 0)
    {
      printf ("%-14s no click answered (%u not)\n", what, figures->missed);
      return;
    }

  printf ("%-14s wall median %6.1f ms, p99 %6.1f ms; CPU median %6.1f ms, p99 %6.1f ms (%u clicks)",
          what, bench_percentile (figures->wall, 0.5), bench_percentile (figures->wall, 0.99),
          bench_percentile (figures->cpu, 0.5), bench_percentile (figures->cpu, 0.99), figures->wall->len);
  if (figures->missed > 0)
    printf ("; %u NOT ANSWERED, left out", figures->missed);
  if (baseline != NULL && baseline->wall->len > 0)
    printf ("; %+.1f ms over the empty click", bench_percentile (figures->wall, 0.5)
                                               - bench_percentile (baseline->wall, 0.5));
  printf ("\n");
}

static Figures
figures_new (const char *name)
{
  return (Figures) { g_array_new (FALSE, FALSE, sizeof (double)),
                     g_array_new (FALSE, FALSE, sizeof (double)), 0, name };
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  Figures empty = figures_new ("empty"), region = figures_new ("region"), point = figures_new ("point");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GArray) region_points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double empty_x, empty_y;
  GdkSurface *surface;

  gtk_init ();
  adw_init ();
  /* The pain scales are as narrow as the window has them: without its stylesheet the first
   * mark's row widened the form, the chart beside it shrank, and the clicks aimed at the
   * muscles found at the start landed on others. */
  bench_load_app_style ();

  if (g_getenv ("FASCIA_XDOTOOL") == NULL)
    g_error ("FASCIA_XDOTOOL names no xdotool");
  bench.xdo = bench_xdo_new (g_getenv ("FASCIA_XDOTOOL"));

  dir = g_dir_make_tmp ("fascia-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "clinic.db", NULL);
  store = fascia_store_open (path, &error);
  g_assert_no_error (error);
  fascia_client_set_name (client, "Alex Example");
  if (!fascia_store_add_client (store, client, &error))
    g_error ("%s", error->message);
  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, now);
  if (!fascia_store_add_visit (store, visit, &error))
    g_error ("%s", error->message);

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1920, 1080);
  gtk_window_set_decorated (GTK_WINDOW (bench.window), FALSE);
  /* As Fascia's own windows: a click is not lost to a layout between its press and release. */
  fascia_ui_keep_clicks_over_layout (bench.window);
  bench.editor = g_object_new (FASCIA_TYPE_VISIT_EDITOR, NULL);
  fascia_visit_editor_set_store (bench.editor, store);
  fascia_visit_editor_set_client (bench.editor, client);
  fascia_visit_editor_set_visit (bench.editor, visit);
  bench.view = fascia_visit_editor_get_diagram_view (bench.editor);
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.editor));
  gtk_window_present (GTK_WINDOW (bench.window));
  bench_wait_ms (500);
  if (!bench_wait_until (up_to_date, &bench, 10000))
    g_error ("The body chart was never drawn");

  surface = gtk_native_get_surface (GTK_NATIVE (bench.window));
  bench.xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);
  g_signal_connect (bench.view, "point-activated", G_CALLBACK (point_activated_cb), &bench);

  targets (&bench, regions, region_points, spots, &empty_x, &empty_y);
  if (regions->len < 2 || spots->len < 2)
    g_error ("Found nothing to click on the chart");
  printf ("body chart %d×%d, view %s, %u muscles and %u spots to mark\n",
          gtk_widget_get_width (GTK_WIDGET (bench.view)),
          gtk_widget_get_height (GTK_WIDGET (bench.view)),
          fascia_diagram_get_view_id (fascia_diagram_view_get_diagram (bench.view)),
          regions->len, spots->len);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      const graphene_point_t *at;

      /* Each region once: a second click on a marked region opens its mark instead. */
      if (round < regions->len)
        {
          at = &g_array_index (region_points, graphene_point_t, round);
          bench.region_id = g_ptr_array_index (regions, round);
          click (&bench, empty_x, empty_y, empty_answered, &empty);
          click (&bench, at->x, at->y, region_answered, &region);
        }
      at = &g_array_index (spots, graphene_point_t, round % spots->len);
      click (&bench, empty_x, empty_y, empty_answered, &empty);
      click (&bench, at->x, at->y, point_answered, &point);
    }

  print_figures ("empty click", &empty, NULL);
  print_figures ("region mark", &region, &empty);
  print_figures ("point mark", &point, &empty);

  bench_xdo_free (bench.xdo);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  bench_wait_ms (200);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    /* And whatever else the store left there (its backups). */
    fascia_test_rm_rf (dir);
  }

  /* Every click is counted, or the benchmark says it failed. */
  return empty.missed + region.missed + point.missed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
