/* bench-startup.c — time from process start to the first painted frame, for Fascia and for
 * a bare AdwApplicationWindow built beside it, measured in the same run (runs interleaved so
 * that both see the same machine load). Prints both medians and their ratio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "fascia-test-utils.h"

#define RUNS 12

static double
time_to_first_frame (const char *binary,
                     char      **envp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  gint64 start, end;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  if (process == NULL)
    g_error ("Could not start %s: %s", binary, error->message);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_equal (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  end = g_get_monotonic_time ();

  if (line == NULL)
    g_error ("%s never painted a frame%s%s", binary, error ? ": " : "",
             error ? error->message : "");

  g_subprocess_wait (process, NULL, NULL);
  return (end - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) envp = g_get_environ ();
  const char *fascia = g_getenv ("FASCIA_BINARY");
  const char *bare = g_getenv ("FASCIA_BARE_WINDOW");
  g_autofree char *tmp = NULL;
  double fascia_ms[RUNS], bare_ms[RUNS];
  double fascia_median, bare_median;

  if (fascia == NULL || bare == NULL)
    g_error ("FASCIA_BINARY and FASCIA_BARE_WINDOW must name the two programs");

  tmp = g_dir_make_tmp ("fascia-bench-XXXXXX", NULL);
  envp = g_environ_setenv (envp, "FASCIA_BENCH_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp, TRUE);

  /* One unmeasured run of each warms the page cache. */
  time_to_first_frame (fascia, envp);
  time_to_first_frame (bare, envp);

  for (guint i = 0; i < RUNS; i++)
    {
      fascia_ms[i] = time_to_first_frame (fascia, envp);
      bare_ms[i] = time_to_first_frame (bare, envp);
    }

  fascia_median = median (fascia_ms, RUNS);
  bare_median = median (bare_ms, RUNS);

  printf ("start-up to first frame, median of %d runs (GSK_RENDERER=%s)\n", RUNS,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  printf ("  %-28s %8.1f ms\n", "bare AdwApplicationWindow", bare_median);
  printf ("  %-28s %8.1f ms\n", "Fascia", fascia_median);
  printf ("  %-28s %8.2f\n", "ratio Fascia / bare", fascia_median / bare_median);

  /* Fascia may have created its data folder there, with a database and its backups. */
  fascia_test_rm_rf (tmp);
  return EXIT_SUCCESS;
}
