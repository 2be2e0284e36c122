/* bench-clients-startup.c — start-up of a clinic-sized practice, to a window that answers.
 *
 * Fascia starts on a database of 20,000 and of 100,000 clients with the Clients page as the
 * page last shown, and a bare AdwApplicationWindow starts beside it in the same run, the
 * three interleaved so that all see the same machine load. Each run is timed from the spawn
 * of the process until it has handled a real key press (sent through the X server by
 * xdotool every 20 ms, with the pointer over the window) and painted the frame after it: the
 * moment a user's first keystroke gets an answer, not the first frame. Prints the median and
 * the 99th percentile of each, and their ratios to the bare window; then the resident memory
 * each program reported at that moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#define RUNS 10

static const char *xdotool;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
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
  return values[MIN (n - 1, (guint) (p * (n - 1) + 0.5))];
}

static void
run_sync (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                                                      &error);

  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    g_error ("%s failed: %s", argv[0], error->message);
}

/* Milliseconds from spawn to "answered" on the program's standard output; @rss_mb: (out)
 * (optional): the resident memory the program reported with it, in MB. */
static double
time_to_answer (const char * const *argv,
                char              **envp,
                double             *rss_mb)
{
  const char *poke[] = { xdotool, "mousemove", "300", "300", "key", "shift", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GPollableInputStream *out;
  GString *seen = g_string_new (NULL);
  gint64 start, end = 0, next_poke;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_environ (launcher, envp);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_error ("Could not start %s: %s", argv[0], error->message);

  out = G_POLLABLE_INPUT_STREAM (g_subprocess_get_stdout_pipe (process));
  next_poke = start;
  while (end == 0)
    {
      char buffer[256];
      gssize n;

      if (g_get_monotonic_time () >= next_poke)
        {
          run_sync (poke);
          next_poke = g_get_monotonic_time () + 20000;
        }

      n = g_pollable_input_stream_read_nonblocking (out, buffer, sizeof buffer, NULL, &error);
      if (n > 0)
        {
          g_string_append_len (seen, buffer, n);
          if (strstr (seen->str, "answered") != NULL && strchr (seen->str, '\n') != NULL)
            end = g_get_monotonic_time ();
        }
      else if (n == 0)
        g_error ("%s ended without answering", argv[0]);
      else
        {
          g_clear_error (&error);
          g_usleep (2000);
        }

      if (g_get_monotonic_time () - start > 120 * G_USEC_PER_SEC)
        g_error ("%s did not answer in two minutes", argv[0]);
    }

  if (rss_mb != NULL)
    {
      const char *rss = strstr (seen->str, "VmRSS:");

      *rss_mb = rss != NULL ? g_ascii_strtod (rss + strlen ("VmRSS:"), NULL) / 1024 : 0;
    }
  g_subprocess_wait (process, NULL, NULL);
  g_string_free (seen, TRUE);
  return (end - start) / 1000.0;
}

static void
print_row (const char *what,
           double     *ms,
           double      bare_median)
{
  double median = percentile (ms, RUNS, 0.5);

  printf ("  %-34s median %8.1f ms   p99 %8.1f ms   × bare %5.2f\n", what, median,
          percentile (ms, RUNS, 0.99), median / bare_median);
}

int
main (int   argc,
      char *argv[])
{
  const char *fascia = g_getenv ("FASCIA_BINARY");
  const char *bare = g_getenv ("FASCIA_BARE_ANSWER");
  const guint sizes[] = { 20000, 100000 };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *tmp = g_dir_make_tmp ("fascia-bench-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (tmp, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (config, "keyfile", NULL);
  g_autofree char *config_home = g_build_filename (tmp, "config", NULL);
  char *databases[G_N_ELEMENTS (sizes)];
  double bare_ms[RUNS], fascia_ms[G_N_ELEMENTS (sizes)][RUNS];
  double bare_mb[RUNS], fascia_mb[G_N_ELEMENTS (sizes)][RUNS];
  double bare_median;

  xdotool = g_getenv ("FASCIA_XDOTOOL");
  if (fascia == NULL || bare == NULL || xdotool == NULL)
    g_error ("FASCIA_BINARY, FASCIA_BARE_ANSWER and FASCIA_XDOTOOL must name the programs");

  /* The Clients page was the page last shown. */
  g_mkdir_with_parents (config, 0700);
  g_file_set_contents (keyfile, "[io/github/fascia/Fascia]\nlast-page='clients'\n", -1, NULL);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "FASCIA_BENCH_ANSWER", "1", TRUE);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *name = g_strdup_printf ("clinic-%u.db", sizes[s]);
      g_autofree char *count = g_strdup_printf ("%u", sizes[s]);
      gint64 start = g_get_monotonic_time ();

      databases[s] = g_build_filename (tmp, name, NULL);
      run_sync ((const char *[]) { fascia, "--create-demo", databases[s], "--clients", count,
                                   NULL });
      printf ("made a demo clinic of %u clients in %.1f s\n", sizes[s] + 12,
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }

  /* One unmeasured run of each warms the page cache. */
  time_to_answer ((const char *[]) { bare, NULL }, envp, NULL);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    time_to_answer ((const char *[]) { fascia, "--database", databases[s], NULL }, envp, NULL);

  for (guint i = 0; i < RUNS; i++)
    {
      bare_ms[i] = time_to_answer ((const char *[]) { bare, NULL }, envp, &bare_mb[i]);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        fascia_ms[s][i] = time_to_answer ((const char *[]) { fascia, "--database",
                                                             databases[s], NULL }, envp,
                                          &fascia_mb[s][i]);
    }

  bare_median = percentile (bare_ms, RUNS, 0.5);
  printf ("start-up until the window answers a key press, last page Clients, %d runs each "
          "(GSK_RENDERER=%s)\n", RUNS,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  print_row ("bare AdwApplicationWindow", bare_ms, bare_median);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *what = g_strdup_printf ("Fascia, %u clients", sizes[s] + 12);

      print_row (what, fascia_ms[s], bare_median);
    }

  /* The memory at that moment: the Clients page open, its first rows shown. */
  printf ("resident memory (VmRSS) when the window answers, median of %d runs\n", RUNS);
  printf ("  %-34s %8.1f MB\n", "bare AdwApplicationWindow", percentile (bare_mb, RUNS, 0.5));
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *what = g_strdup_printf ("Fascia, %u clients", sizes[s] + 12);
      double mb = percentile (fascia_mb[s], RUNS, 0.5);

      printf ("  %-34s %8.1f MB   × bare %5.2f\n", what, mb,
              mb / percentile (bare_mb, RUNS, 0.5));
    }

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *wal = g_strconcat (databases[s], "-wal", NULL);
      g_autofree char *shm = g_strconcat (databases[s], "-shm", NULL);

      g_unlink (databases[s]);
      g_unlink (wal);
      g_unlink (shm);
      g_free (databases[s]);
    }
  g_unlink (keyfile);
  return EXIT_SUCCESS;
}
