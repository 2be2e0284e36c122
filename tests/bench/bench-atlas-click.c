/* bench-atlas-click.c — what a click costs on the Atlas page at 1920×1080: real pointer
 * events (xdotool, through the X server) to the first painted frame that shows the answer.
 *
 *   empty click   a click on the drawing where there is nothing: the event's way through X
 *                 and GTK to a painted frame, with no work (the baseline, same run)
 *   muscle click  a click on a muscle until a frame shows its card and the region lit
 *   view switch   a click on a view button until a frame shows the new drawing
 *
 * Each prints the wall time (median and 99th percentile) and the CPU time of the whole
 * process (every thread) over the same span. The clicks are interleaved, so that a busy
 * machine slows all three alike. It leaves out what comes after the answer is on screen
 * (the rest of a long card scrolled out of view is laid out in the same frame, not later).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <gdk/x11/gdkx.h>

#include "fascia-atlas-page.h"
#include "fascia-diagram-view.h"
#include "fascia-ui-utils.h"

#include "bench-click-utils.h"

#define N_ROUNDS 16

typedef struct
{
  GtkWidget         *window;
  FasciaAtlasPage   *page;
  FasciaDiagramView *view;
  char              *xid;
  BenchXdo          *xdo;

  /* The click being measured */
  gboolean         (*answered) (gpointer data);
  gpointer           data;
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

  return fascia_diagram_view_is_up_to_date (bench->view);
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

/* The id of the region of the diagram at @x, @y of @widget, or "none". */
static const char *
region_at (Bench     *bench,
           GtkWidget *widget,
           double     x,
           double     y)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);
  graphene_point_t point;
  const FasciaRegion *region;
  double vx, vy;

  if (diagram == NULL
      || !gtk_widget_compute_point (widget, GTK_WIDGET (bench->view), &GRAPHENE_POINT_INIT (x, y),
                                    &point))
    return "none";
  fascia_diagram_view_widget_to_view (bench->view, point.x, point.y, &vx, &vy);
  region = fascia_diagram_hit_test (diagram, vx, vy);
  return region != NULL ? region->id : "none";
}

/* Clicks at a point of @widget through the X server and waits for the frame that answers. */
static gboolean
click (Bench     *bench,
       GtkWidget *widget,
       double     x,
       double     y,
       gboolean (*answered) (gpointer data),
       gpointer   data,
       Figures   *figures)
{
  graphene_point_t point;
  double wall, cpu;
  guint overlays, cards;
  gboolean ahead, card_ahead;

  if (!gtk_widget_compute_point (widget, bench->window, &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  /* The pointer goes there first, so that the click alone is measured. */
  bench_xdo_send (bench->xdo, "mousemove --window %s %d %d", bench->xid, (int) point.x,
                  (int) point.y);
  bench_wait_ms (150);
  bench_wait_until (up_to_date, bench, 5000);

  bench->answered = answered;
  bench->data = data;
  bench->event_seen = FALSE;
  bench->end_wall = bench->end_cpu = 0;
  bench->frames = 0;
  overlays = fascia_diagram_view_get_overlay_count (bench->view);
  ahead = fascia_diagram_view_is_making_ahead (bench->view);
  cards = fascia_atlas_page_get_card_build_count (bench->page);
  card_ahead = fascia_atlas_page_is_making_card_ahead (bench->page);
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
      g_printerr ("A click at %d,%d was not answered (card %s, view up to date: %d, "
                  "the view saw a click: %d, region there now: %s)\n",
                  (int) point.x, (int) point.y, fascia_atlas_page_get_card (bench->page),
                  fascia_diagram_view_is_up_to_date (bench->view), bench->event_seen,
                  region_at (bench, widget, x, y));
      return FALSE;
    }
  bench->answered = NULL;

  wall = (bench->end_wall - bench->start_wall) / 1000.0;
  cpu = (bench->end_cpu - bench->start_cpu) / 1000.0;
  g_array_append_val (figures->wall, wall);
  g_array_append_val (figures->cpu, cpu);
  bench_trace (figures->name, bench->start_wall, bench->end_wall, cpu, bench->frames);
  if (g_getenv ("FASCIA_BENCH_TRACE") != NULL)
    g_printerr ("      overlays made by the click: %u%s\n",
                fascia_diagram_view_get_overlay_count (bench->view) - overlays,
                ahead ? " (some still being made ahead when it was sent)" : "");
  if (g_getenv ("FASCIA_BENCH_TRACE") != NULL)
    g_printerr ("      muscle cards built by the click: %u%s\n",
                fascia_atlas_page_get_card_build_count (bench->page) - cards,
                card_ahead ? " (its card still being made ahead when it was sent)" : "");
  return TRUE;
}

/* The empty click: answered by the first frame after the view saw the click. */

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

/* The muscle click: a frame with its card and its region lit. */

static gboolean
muscle_answered (gpointer data)
{
  Bench *bench = data;

  return g_strcmp0 (fascia_atlas_page_get_card (bench->page), bench->data) == 0
         && fascia_diagram_view_is_up_to_date (bench->view);
}

/* The view switch: a frame with the new drawing. */

static gboolean
view_answered (gpointer data)
{
  Bench *bench = data;
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);

  return diagram != NULL
         && g_strcmp0 (fascia_diagram_get_view_id (diagram), bench->data) == 0
         && fascia_diagram_view_is_up_to_date (bench->view);
}

static GtkWidget *
find_view_button (GtkWidget  *widget,
                  const char *view_id)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "atlas.view") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), view_id) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view_button (child, view_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Muscles of the view shown, each once, and for each a point, in the view's units, with
 * the muscle all around it for 4 pixels: a card opened narrows the diagram, which moves the
 * point on screen, and the click lands on a whole pixel. (A muscle's centre could lie a pixel
 * from a neighbour: a click meant for the iliacus opened the psoas, and no frame showed the
 * card awaited.) */
static void
targets (Bench      *bench,
         GPtrArray  *muscles,
         GArray     *points)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);
  int w = gtk_widget_get_width (GTK_WIDGET (bench->view));
  int h = gtk_widget_get_height (GTK_WIDGET (bench->view));
  guint n = fascia_diagram_get_n_regions (diagram);

  for (guint i = 0; i < n; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);
      g_autofree char *card = NULL;
      gboolean seen = FALSE, found = FALSE;

      if (region->kind != FASCIA_REGION_MUSCLE)
        continue;

      card = g_strconcat ("muscle:", region->atlas_id, NULL);
      for (guint j = 0; j < muscles->len; j++)
        seen |= g_str_equal (g_ptr_array_index (muscles, j), card);
      if (seen)
        continue;

      /* From the centre outwards, the first point that is solidly the muscle's. */
      for (int ring = 0; ring <= 4 && !found; ring++)
        for (int k = 0; k < MAX (1, 8 * ring) && !found; k++)
          {
            double angle = ring == 0 ? 0 : 2 * G_PI * k / (8 * ring);
            double vx = region->x + region->width * (0.5 + ring * 0.1 * cos (angle));
            double vy = region->y + region->height * (0.5 + ring * 0.1 * sin (angle));
            graphene_point_t point;
            double px, py;

            fascia_diagram_view_view_to_widget (bench->view, vx, vy, &px, &py);
            if (px < 8 || py < 8 || px >= w - 8 || py >= h - 8
                || !bench_solid_at (bench->view, region, floor (px), floor (py), 4))
              continue;
            point = GRAPHENE_POINT_INIT (vx, vy);
            g_ptr_array_add (muscles, g_strdup (card));
            g_array_append_val (points, point);
            found = TRUE;
          }
    }
}

/* A spot of the drawing with nothing, at its left edge, another for each click (@k): two
 * clicks on one spot within GTK's double-click time are a double click, which the view does
 * not take as a click (a view switch between two empty clicks on one spot made that so, and
 * half the empty clicks of the view switches were never answered). */
static void
empty_point (Bench  *bench,
             guint   k,
             double *empty_x,
             double *empty_y)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);
  int h = gtk_widget_get_height (GTK_WIDGET (bench->view));
  double x = 8 + 16 * (k % 2);

  *empty_x = x;
  *empty_y = 8;
  for (double y = 8 + 24 * (k % 8); y < h; y += 16)
    {
      double vx, vy;

      fascia_diagram_view_widget_to_view (bench->view, x, y, &vx, &vy);
      if (fascia_diagram_hit_test (diagram, vx, vy) == NULL)
        {
          *empty_y = y;
          break;
        }
    }
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
  Figures empty = figures_new ("empty"), muscle = figures_new ("muscle"), view = figures_new ("view");
  Figures again = figures_new ("muscle-again");
  const char *views[] = { "posterior-superficial", "anterior" };
  g_autoptr(GPtrArray) muscles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  double empty_x, empty_y;
  guint n_empty = 0, skipped = 0;
  GdkSurface *surface;

  gtk_init ();

  if (g_getenv ("FASCIA_XDOTOOL") == NULL)
    g_error ("FASCIA_XDOTOOL names no xdotool");
  bench.xdo = bench_xdo_new (g_getenv ("FASCIA_XDOTOOL"));

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1920, 1080);
  gtk_window_set_decorated (GTK_WINDOW (bench.window), FALSE);
  /* As Fascia's own windows: a click is not lost to a layout between its press and release. */
  fascia_ui_keep_clicks_over_layout (bench.window);
  bench.page = FASCIA_ATLAS_PAGE (fascia_atlas_page_new ());
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.page));
  bench.view = FASCIA_DIAGRAM_VIEW (gtk_widget_get_template_child (GTK_WIDGET (bench.page),
                                                                   FASCIA_TYPE_ATLAS_PAGE,
                                                                   "diagram_view"));
  gtk_window_present (GTK_WINDOW (bench.window));
  bench_wait_ms (500);
  if (!bench_wait_until (up_to_date, &bench, 10000))
    g_error ("The diagram was never drawn");

  surface = gtk_native_get_surface (GTK_NATIVE (bench.window));
  bench.xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);
  g_signal_connect (bench.view, "point-activated", G_CALLBACK (point_activated_cb), &bench);

  targets (&bench, muscles, points);
  if (muscles->len < 2)
    g_error ("Found no muscles to click");

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      const graphene_point_t *point = &g_array_index (points, graphene_point_t,
                                                      round % points->len);
      const char *card = g_ptr_array_index (muscles, round % muscles->len);
      double x, y;

      /* Each muscle once in a row: a click on the card already open does nothing. (Only a
       * click that opened another card than the one meant could leave it open.) */
      if (g_strcmp0 (fascia_atlas_page_get_card (bench.page), card) == 0)
        {
          skipped++;
          continue;
        }

      empty_point (&bench, n_empty++, &empty_x, &empty_y);
      click (&bench, GTK_WIDGET (bench.view), empty_x, empty_y, empty_answered, &bench, &empty);
      fascia_diagram_view_view_to_widget (bench.view, point->x, point->y, &x, &y);
      click (&bench, GTK_WIDGET (bench.view), x, y, muscle_answered, (gpointer) card, &muscle);
    }

  /* Muscle after muscle, with no empty click between: the click comes while what the card
   * before lights in the views not shown may still be being made. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      const graphene_point_t *point = &g_array_index (points, graphene_point_t,
                                                      (round + 1) % points->len);
      const char *card = g_ptr_array_index (muscles, (round + 1) % muscles->len);
      double x, y;

      if (g_strcmp0 (fascia_atlas_page_get_card (bench.page), card) == 0)
        continue;  /* the last of the rounds above: its card is open */
      fascia_diagram_view_view_to_widget (bench.view, point->x, point->y, &x, &y);
      click (&bench, GTK_WIDGET (bench.view), x, y, muscle_answered, (gpointer) card, &again);
    }

  for (guint round = 0; round < N_ROUNDS / 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        GtkWidget *button = find_view_button (GTK_WIDGET (bench.page), views[i]);

        if (button == NULL)
          g_error ("No button for the view %s", views[i]);
        empty_point (&bench, n_empty++, &empty_x, &empty_y);
        click (&bench, GTK_WIDGET (bench.view), empty_x, empty_y, empty_answered, &bench, &empty);
        click (&bench, button, gtk_widget_get_width (button) / 2.0,
               gtk_widget_get_height (button) / 2.0, view_answered, (gpointer) views[i], &view);
      }

  print_figures ("empty click", &empty, NULL);
  print_figures ("muscle click", &muscle, &empty);
  print_figures ("muscle, again", &again, &empty);
  print_figures ("view switch", &view, &empty);
  if (skipped > 0)
    printf ("%u muscle clicks NOT MADE: the card was open already\n", skipped);

  bench_xdo_free (bench.xdo);
  gtk_window_destroy (GTK_WINDOW (bench.window));

  /* Every click is counted, or the benchmark says it failed. */
  return empty.missed + muscle.missed + again.missed + view.missed + skipped == 0
         ? EXIT_SUCCESS : EXIT_FAILURE;
}
