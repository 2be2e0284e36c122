/* bench-view-switch.c — what a switch of views costs on the Atlas page at 1920×1080, asked
 * for from the keyboard: real key events (xdotool, through the X server) to the first
 * painted frame that shows the new view, up to date.
 *
 *   empty key     Shift alone: the event's way through X and GTK to a painted frame, with
 *                 no work (the baseline, same run)
 *   first show    Ctrl+1…6 to a view not shown before, once the page has been idle long enough
 *                 to load and render it ahead (in a thread of low priority)
 *   view switch   Ctrl+1/2/3 back to a view shown before
 *
 * Each prints the wall time (median and 99th percentile) and the CPU time of the whole
 * process (every thread, so the diagram's render thread counts) over the same span. The
 * keys are interleaved, so that a busy machine slows them alike. It leaves out what comes
 * after the answer is on screen (work done later, in idle time, shows in none of them); the
 * work done ahead, in idle time, is printed apart: from the first view's frame until the page
 * is idle, the wall time and the process's CPU time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gdk/x11/gdkx.h>

#include "fascia-atlas-page.h"
#include "fascia-diagram-view.h"

#include "bench-click-utils.h"

#define N_ROUNDS 12

typedef struct
{
  GtkWidget         *window;
  FasciaAtlasPage   *page;
  FasciaDiagramView *view;
  BenchXdo          *xdo;

  /* The key being measured */
  gboolean         (*answered) (gpointer data);
  const char        *view_id;
  gboolean           key_seen;
  gint64             start_wall, start_cpu;
  gint64             end_wall, end_cpu;
} Bench;

typedef struct
{
  GArray *wall;  /* double, ms */
  GArray *cpu;
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
  if (bench->answered != NULL && bench->end_wall == 0 && bench->answered (bench))
    {
      bench->end_wall = g_get_monotonic_time ();
      bench->end_cpu = bench_cpu_now ();
    }
}

static gboolean
page_idle (gpointer data)
{
  return fascia_atlas_page_is_idle (((Bench *) data)->page);
}

static gboolean
measured (gpointer data)
{
  return ((Bench *) data)->end_wall != 0;
}

/* The empty key: answered by the first frame after the window saw it. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Bench                 *bench)
{
  if (keyval == GDK_KEY_Shift_L && bench->answered != NULL)
    {
      bench->key_seen = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (bench->view));
    }
  return FALSE;
}

static gboolean
key_answered (gpointer data)
{
  return ((Bench *) data)->key_seen;
}

static gboolean
view_answered (gpointer data)
{
  Bench *bench = data;
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (bench->view);

  return diagram != NULL
         && g_strcmp0 (fascia_diagram_get_view_id (diagram), bench->view_id) == 0
         && fascia_diagram_view_is_up_to_date (bench->view);
}

/* Presses @key through the X server and waits for the frame that answers. */
static void
press (Bench      *bench,
       const char *key,
       gboolean  (*answered) (gpointer data),
       const char *view_id,
       Figures    *figures)
{
  double wall, cpu;

  /* Whatever the last key left to do (an idle render of a neighbour) is done first. */
  bench_wait_ms (300);
  bench_wait_until (up_to_date, bench, 5000);

  bench->answered = answered;
  bench->view_id = view_id;
  bench->key_seen = FALSE;
  bench->end_wall = bench->end_cpu = 0;
  bench->start_wall = g_get_monotonic_time ();
  bench->start_cpu = bench_cpu_now ();
  bench_xdo_send (bench->xdo, "key %s", key);

  if (!bench_wait_until (measured, bench, 10000))
    g_error ("The key %s was not answered (view %s)", key,
             fascia_atlas_page_get_view (bench->page));
  bench->answered = NULL;

  wall = (bench->end_wall - bench->start_wall) / 1000.0;
  cpu = (bench->end_cpu - bench->start_cpu) / 1000.0;
  g_array_append_val (figures->wall, wall);
  g_array_append_val (figures->cpu, cpu);
}

static void
print_figures (const char *what,
               Figures    *figures,
               Figures    *baseline)
{
  printf ("%-14s wall median %6.1f ms, p99 %6.1f ms; CPU median %6.1f ms, p99 %6.1f ms (%u keys)",
          what, bench_percentile (figures->wall, 0.5), bench_percentile (figures->wall, 0.99),
          bench_percentile (figures->cpu, 0.5), bench_percentile (figures->cpu, 0.99),
          figures->wall->len);
  if (baseline != NULL)
    printf ("; %+.1f ms wall, %+.1f ms CPU over the empty key",
            bench_percentile (figures->wall, 0.5) - bench_percentile (baseline->wall, 0.5),
            bench_percentile (figures->cpu, 0.5) - bench_percentile (baseline->cpu, 0.5));
  printf ("\n");
}

static Figures
figures_new (void)
{
  return (Figures) { g_array_new (FALSE, FALSE, sizeof (double)),
                     g_array_new (FALSE, FALSE, sizeof (double)) };
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  Figures empty = figures_new (), first = figures_new (), view = figures_new ();
  gint64 ahead_wall, ahead_cpu;
  guint full, patches, first_full, first_patches;
  /* Ctrl+1…6, as the page binds them */
  const char *views[] = { "anterior", "posterior-superficial", "posterior-deep", "lateral",
                          "front-superficial", "pelvis-medial" };
  GtkEventController *keys;
  g_autofree char *xid = NULL;

  gtk_init ();

  if (g_getenv ("FASCIA_XDOTOOL") == NULL)
    g_error ("FASCIA_XDOTOOL names no xdotool");
  bench.xdo = bench_xdo_new (g_getenv ("FASCIA_XDOTOOL"));

  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1920, 1080);
  gtk_window_set_decorated (GTK_WINDOW (bench.window), FALSE);
  bench.page = FASCIA_ATLAS_PAGE (fascia_atlas_page_new ());
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.page));
  bench.view = FASCIA_DIAGRAM_VIEW (gtk_widget_get_template_child (GTK_WIDGET (bench.page),
                                                                   FASCIA_TYPE_ATLAS_PAGE,
                                                                   "diagram_view"));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), &bench);
  gtk_widget_add_controller (bench.window, keys);

  gtk_window_present (GTK_WINDOW (bench.window));
  bench_wait_ms (500);
  if (!bench_wait_until (up_to_date, &bench, 10000))
    g_error ("The diagram was never drawn");
  if (g_strcmp0 (fascia_atlas_page_get_view (bench.page), views[0]) != 0)
    g_error ("The page did not open on the view %s", views[0]);

  /* The other views loaded and rendered ahead, in idle time. */
  ahead_wall = g_get_monotonic_time ();
  ahead_cpu = bench_cpu_now ();
  if (!bench_wait_until (page_idle, &bench, 120000))
    g_error ("The page never finished its work ahead");
  ahead_wall = g_get_monotonic_time () - ahead_wall;
  ahead_cpu = bench_cpu_now () - ahead_cpu;

  /* Keys go where the pointer is (no window manager): into the window, on the diagram. */
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (GTK_NATIVE (bench.window))));
  bench_xdo_send (bench.xdo, "mousemove --window %s 600 500", xid);
  bench_xdo_send (bench.xdo, "windowfocus %s", xid);
  gtk_widget_grab_focus (GTK_WIDGET (bench.view));
  g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);

  /* Each view shown once, from the first, with an empty key before each. */
  fascia_diagram_view_get_render_count (bench.view, &full, &patches);
  for (guint i = 1; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *key = g_strdup_printf ("ctrl+%u", i + 1);

      press (&bench, "shift", key_answered, NULL, &empty);
      press (&bench, key, view_answered, views[i], &first);
    }
  fascia_diagram_view_get_render_count (bench.view, &first_full, &first_patches);

  /* Then back and forth between views shown before. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      guint i = round % 3;
      g_autofree char *key = g_strdup_printf ("ctrl+%u", i + 1);

      press (&bench, "shift", key_answered, NULL, &empty);
      press (&bench, key, view_answered, views[i], &view);
    }

  printf ("ahead, idle     %zu views loaded and rendered in %.1f ms wall, %.1f ms CPU (all threads)\n",
          G_N_ELEMENTS (views) - 1, ahead_wall / 1000.0, ahead_cpu / 1000.0);
  print_figures ("empty key", &empty, NULL);
  print_figures ("first show", &first, &empty);
  printf ("               the first shows rendered %u times in full, %u in part, on the UI's behalf\n",
          first_full - full, first_patches - patches);
  print_figures ("view switch", &view, &empty);

  bench_xdo_free (bench.xdo);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  return EXIT_SUCCESS;
}
