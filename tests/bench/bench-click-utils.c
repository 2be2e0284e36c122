/* bench-click-utils.c — what the click benchmarks share: CPU time of the process,
 * percentiles, waiting on the main loop with a deadline, and where a click lands whole on
 * a region.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <gtk/gtk.h>

#include "bench-click-utils.h"

gint64
bench_cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_percentile (GArray *values,
                  double  p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

void
bench_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
bench_load_app_style (void)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

void
bench_trace (const char *what,
             gint64      start_wall,
             gint64      end_wall,
             double      cpu_ms,
             guint       frames)
{
  if (g_getenv ("FASCIA_BENCH_TRACE") == NULL)
    return;
  g_printerr ("click %-8s %" G_GINT64_FORMAT ".%06d–%" G_GINT64_FORMAT ".%06d s: "
              "wall %7.1f ms, CPU %7.1f ms, %u frames\n", what,
              start_wall / G_USEC_PER_SEC, (int) (start_wall % G_USEC_PER_SEC),
              end_wall / G_USEC_PER_SEC, (int) (end_wall % G_USEC_PER_SEC),
              (end_wall - start_wall) / 1000.0, cpu_ms, frames);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* A click that draws nothing new brings no event: a timer wakes the loop up, so that the
 * deadline holds (it draws nothing itself). */
gboolean
bench_wait_until (gboolean (*done) (gpointer data),
                  gpointer   data,
                  guint      ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return done (data);
}

gboolean
bench_solid_at (FasciaDiagramView  *view,
                const FasciaRegion *region,
                double              x,
                double              y,
                double              reach)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);

  for (int d = 0; d < 9; d++)
    {
      double vx, vy;

      fascia_diagram_view_widget_to_view (view, x + reach * (d % 3 - 1),
                                          y + reach * (d / 3 - 1), &vx, &vy);
      if (fascia_diagram_hit_test (diagram, vx, vy) != region)
        return FALSE;
    }
  return TRUE;
}

struct _BenchXdo
{
  GSubprocess   *process;
  GOutputStream *input;
};

BenchXdo *
bench_xdo_new (const char *xdotool)
{
  g_autoptr(GError) error = NULL;
  BenchXdo *xdo = g_new0 (BenchXdo, 1);

  xdo->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error, xdotool, "-", NULL);
  if (xdo->process == NULL)
    g_error ("xdotool could not be started: %s", error->message);
  xdo->input = g_subprocess_get_stdin_pipe (xdo->process);
  return xdo;
}

void
bench_xdo_send (BenchXdo   *xdo,
                const char *format,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  if (!g_output_stream_write_all (xdo->input, line, strlen (line), NULL, NULL, &error)
      || !g_output_stream_write_all (xdo->input, "\n", 1, NULL, NULL, &error)
      || !g_output_stream_flush (xdo->input, NULL, &error))
    g_error ("xdotool took no command: %s", error->message);
}

void
bench_xdo_free (BenchXdo *xdo)
{
  g_output_stream_close (xdo->input, NULL, NULL);
  g_subprocess_wait (xdo->process, NULL, NULL);
  g_object_unref (xdo->process);
  g_free (xdo);
}
