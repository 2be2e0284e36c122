/* bench-diagram-view.c — how smoothly the diagram zooms and pans, and how fast a hover
 * highlight appears, over the deep back view in a 1920×1080 window.
 *
 * Frame times: the intervals between painted frames during a scripted 3-second zoom and pan
 * (median and 99th percentile), against two baselines run with the same script in the same
 * run, interleaved with it: a bare window whose only work is to redraw, and the fair floor
 * of the renderer, one full-window texture of the drawing drawn transformed each frame (what
 * GSK's cairo renderer must do at the least to zoom a picture). The diagram's own runs include
 * the re-render it starts 150 ms after the zooming pauses. Hover latency: from the pointer
 * event (the view noticing the new region) to the first painted frame that shows the
 * highlight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gdk/x11/gdkx.h>

#include "fascia-diagram-view.h"

#define SCRIPT_US (3 * G_USEC_PER_SEC)
#define N_HOVERS  24
#define N_ROUNDS  2

/* The fair floor: one texture of the whole window, drawn zoomed and panned. */

#define TEST_TYPE_TEXTURE_VIEW (test_texture_view_get_type ())
G_DECLARE_FINAL_TYPE (TestTextureView, test_texture_view, TEST, TEXTURE_VIEW, GtkWidget)

struct _TestTextureView
{
  GtkWidget   parent_instance;
  GdkTexture *texture;
  double      zoom;
  double      x, y;  /* the texture's point at the widget's top-left corner */
};

G_DEFINE_FINAL_TYPE (TestTextureView, test_texture_view, GTK_TYPE_WIDGET)

static void
test_texture_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TestTextureView *self = TEST_TEXTURE_VIEW (widget);

  if (self->texture == NULL)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                          gtk_widget_get_height (widget)));
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (-self->x * self->zoom, -self->y * self->zoom,
                                                    gdk_texture_get_width (self->texture) * self->zoom,
                                                    gdk_texture_get_height (self->texture) * self->zoom));
  gtk_snapshot_pop (snapshot);
}

static void
test_texture_view_dispose (GObject *object)
{
  g_clear_object (&TEST_TEXTURE_VIEW (object)->texture);

  G_OBJECT_CLASS (test_texture_view_parent_class)->dispose (object);
}

static void
test_texture_view_class_init (TestTextureViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_texture_view_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = test_texture_view_snapshot;
}

static void
test_texture_view_init (TestTextureView *self)
{
  self->zoom = 1.0;
}

static void
texture_view_zoom_at (TestTextureView *self,
                      double           factor,
                      double           widget_x,
                      double           widget_y)
{
  double px = self->x + widget_x / self->zoom, py = self->y + widget_y / self->zoom;

  self->zoom *= factor;
  self->x = px - widget_x / self->zoom;
  self->y = py - widget_y / self->zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
texture_view_pan (TestTextureView *self,
                  double           dx,
                  double           dy)
{
  self->x += dx / self->zoom;
  self->y += dy / self->zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct
{
  GtkWidget *widget;
  GArray    *intervals;  /* double, ms */
  gint64     start;
  gint64     last_paint;
  double     last_zoom;
  gboolean   done;
} Run;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();

  if (run->last_paint != 0 && !run->done)
    {
      double ms = (now - run->last_paint) / 1000.0;

      g_array_append_val (run->intervals, ms);
    }
  run->last_paint = now;
}

/* The script: zoom in and out about a point that wanders, and pan, for three seconds. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Run *run = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, zoom;

  if (run->start == 0)
    run->start = now;
  t = (now - run->start) / (double) G_USEC_PER_SEC;

  if (now - run->start > SCRIPT_US)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  if (FASCIA_IS_DIAGRAM_VIEW (widget))
    {
      FasciaDiagramView *view = FASCIA_DIAGRAM_VIEW (widget);
      int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

      zoom = 1.0 + 1.5 * (1 - cos (t * G_PI));  /* 1× → 4× → 1× fit, over two seconds */
      fascia_diagram_view_zoom_at (view, zoom / run->last_zoom,
                                   w / 2.0 + w / 4.0 * sin (t * 2.0),
                                   h / 2.0 + h / 4.0 * cos (t * 1.5));
      run->last_zoom = zoom;
      fascia_diagram_view_pan (view, 12.0 * sin (t * 3.0), 8.0 * cos (t * 2.0));
    }
  else if (TEST_IS_TEXTURE_VIEW (widget))
    {
      TestTextureView *view = TEST_TEXTURE_VIEW (widget);
      int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

      zoom = 1.0 + 1.5 * (1 - cos (t * G_PI));
      texture_view_zoom_at (view, zoom / run->last_zoom,
                            w / 2.0 + w / 4.0 * sin (t * 2.0),
                            h / 2.0 + h / 4.0 * cos (t * 1.5));
      run->last_zoom = zoom;
      texture_view_pan (view, 12.0 * sin (t * 3.0), 8.0 * cos (t * 2.0));
    }
  else
    {
      gtk_widget_queue_draw (widget);
    }

  return G_SOURCE_CONTINUE;
}

static void
run_script (GtkWidget *window,
            GtkWidget *widget,
            GArray    *intervals)
{
  Run run = { widget, intervals, 0, 0, 1.0, FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);

  gtk_widget_add_tick_callback (widget, tick_cb, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
wait_up_to_date (FasciaDiagramView *view,
                 guint              ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (!fascia_diagram_view_is_up_to_date (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return fascia_diagram_view_is_up_to_date (view);
}

typedef struct
{
  FasciaDiagramView *view;
  gint64             event;   /* when the view took the new region */
  gint64             painted; /* the first frame showing it */
} Hover;

static void
hovered_cb (FasciaDiagramView *view,
            GParamSpec        *pspec,
            Hover             *hover)
{
  if (fascia_diagram_view_get_hovered_region (view) != NULL && hover->event == 0)
    hover->event = g_get_monotonic_time ();
}

static void
hover_paint_cb (GdkFrameClock *clock,
                Hover         *hover)
{
  if (hover->event != 0 && hover->painted == 0 && fascia_diagram_view_is_up_to_date (hover->view))
    hover->painted = g_get_monotonic_time ();
}

static void
measure_hover (GtkWidget         *window,
               FasciaDiagramView *view,
               GArray            *latencies)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *xdotool = g_getenv ("FASCIA_XDOTOOL");
  Hover hover = { view, 0, 0 };
  guint n = fascia_diagram_get_n_regions (diagram);
  guint done = 0;
  gulong handler;

  g_signal_connect (view, "notify::hovered-region", G_CALLBACK (hovered_cb), &hover);
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (hover_paint_cb), &hover);

  for (guint i = 0; i < n && done < N_HOVERS; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);
      g_autofree char *away = NULL, *over = NULL;
      double cx = region->x + region->width / 2.0, cy = region->y + region->height / 2.0;
      const FasciaRegion *hit = fascia_diagram_hit_test (diagram, cx, cy);
      double wx, wy;
      gint64 end;

      if (region->kind != FASCIA_REGION_MUSCLE || hit != region)
        continue;

      /* Off the drawing first, so that each hover is a fresh one. */
      fascia_diagram_view_view_to_widget (view, cx, cy, &wx, &wy);
      away = g_strdup_printf ("%s mousemove --window %s 1 1", xdotool, xid);
      g_spawn_command_line_sync (away, NULL, NULL, NULL, NULL);
      wait_ms (50);
      wait_up_to_date (view, 3000);
      hover.event = hover.painted = 0;

      over = g_strdup_printf ("%s mousemove --window %s %d %d", xdotool, xid, (int) wx, (int) wy);
      g_spawn_command_line_sync (over, NULL, NULL, NULL, NULL);
      end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
      while (hover.painted == 0 && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);

      if (hover.painted != 0)
        {
          double ms = (hover.painted - hover.event) / 1000.0;

          g_array_append_val (latencies, ms);
          done++;
        }
    }

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
}

/* A picture of what @widget shows, made by the window's own renderer. */
static GdkTexture *
texture_of (GtkWidget *window,
            GtkWidget *widget)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    g_error ("The diagram drew nothing");
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                           gtk_widget_get_height (widget)));
}

static GtkWidget *
new_diagram_view (FasciaAtlas  *atlas,
                  GtkWidget   **window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDiagram) diagram = fascia_diagram_new_for_view (atlas, "posterior-deep", &error);
  GtkWidget *view;

  g_assert_no_error (error);
  view = fascia_diagram_view_new ();
  fascia_diagram_view_set_atlas (FASCIA_DIAGRAM_VIEW (view), atlas);
  fascia_diagram_view_set_diagram (FASCIA_DIAGRAM_VIEW (view), diagram);
  *window = new_window (view);
  wait_ms (300);
  if (!wait_up_to_date (FASCIA_DIAGRAM_VIEW (view), 5000))
    g_error ("The diagram was never drawn");
  return view;
}

static void
print_intervals (const char *what,
                 GArray     *intervals,
                 GArray     *bare)
{
  printf ("%-34s median %5.1f ms, p99 %5.1f ms (%u frames); to bare: median %.2f, p99 %.2f\n",
          what, percentile (intervals, 0.5), percentile (intervals, 0.99), intervals->len,
          percentile (intervals, 0.5) / percentile (bare, 0.5),
          percentile (intervals, 0.99) / percentile (bare, 0.99));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) textured = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hovers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GdkTexture) texture = NULL;
  FasciaAtlas *atlas;
  GtkWidget *window, *label, *view, *floor;

  gtk_init ();

  atlas = fascia_atlas_get_default (&error);
  g_assert_no_error (error);

  /* The texture the floor zooms: the diagram as the view first shows it. */
  view = new_diagram_view (atlas, &window);
  texture = texture_of (window, view);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Interleaved, so that a busy machine slows each alike. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      /* A window that only redraws a label every frame. */
      label = gtk_label_new ("baseline");
      window = new_window (label);
      wait_ms (500);
      run_script (window, label, bare);
      gtk_window_destroy (GTK_WINDOW (window));

      /* One full-window texture drawn transformed. */
      floor = g_object_new (TEST_TYPE_TEXTURE_VIEW, NULL);
      TEST_TEXTURE_VIEW (floor)->texture = g_object_ref (texture);
      window = new_window (floor);
      wait_ms (500);
      run_script (window, floor, textured);
      gtk_window_destroy (GTK_WINDOW (window));

      /* The diagram. */
      view = new_diagram_view (atlas, &window);
      run_script (window, view, frames);
      wait_up_to_date (FASCIA_DIAGRAM_VIEW (view), 5000);
      if (round + 1 < N_ROUNDS)
        gtk_window_destroy (GTK_WINDOW (window));
    }

  fascia_diagram_view_zoom_to_fit (FASCIA_DIAGRAM_VIEW (view));
  wait_up_to_date (FASCIA_DIAGRAM_VIEW (view), 5000);
  measure_hover (window, FASCIA_DIAGRAM_VIEW (view), hovers);

  printf ("bare window frame interval:        median %5.1f ms, p99 %5.1f ms (%u frames)\n",
          percentile (bare, 0.5), percentile (bare, 0.99), bare->len);
  print_intervals ("one texture, transformed:", textured, bare);
  print_intervals ("diagram zoom+pan frame interval:", frames, bare);
  printf ("diagram to one texture: median %.2f, p99 %.2f\n",
          percentile (frames, 0.5) / percentile (textured, 0.5),
          percentile (frames, 0.99) / percentile (textured, 0.99));
  if (hovers->len > 0)
    printf ("hover latency, event to highlighted frame: median %.1f ms, p99 %.1f ms (%u hovers)\n",
            percentile (hovers, 0.5), percentile (hovers, 0.99), hovers->len);
  else
    printf ("hover latency: no hover measured\n");

  gtk_window_destroy (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}
