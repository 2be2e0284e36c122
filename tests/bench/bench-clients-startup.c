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
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "fascia-test-utils.h"

#define RUNS 10

static const char *xdotool;

/* One xdotool for the whole benchmark, reading a command a line from a pipe (`xdotool -`),
 * as bench-click-utils.c has it: a poke is a line written, not a process spawned every
 * 20 ms (which cost processor time beside the program measured, and a new connection to the
 * X server each time: under `meson test --benchmark` one of those, now and then, could not
 * open the display, and the benchmark ended there, leaving the program it measured
 * running). */
typedef struct
{
  GSubprocess   *process;
  GOutputStream *input;
  gboolean      *exited;   /* set when this process has ended; the flag outlives it */
} Xdo;

static Xdo xdo;

static void
xdo_exited_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
xdo_stop (void)
{
  if (xdo.process == NULL)
    return;
  g_output_stream_close (xdo.input, NULL, NULL);
  g_subprocess_force_exit (xdo.process);
  g_clear_object (&xdo.process);
  xdo.input = NULL;
}

/* Starts xdotool; one that cannot open the display ends at once, and is started again
 * (up to 10 times, a second apart) before the benchmark gives up. */
static void
xdo_start (void)
{
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      gint64 until;

      xdo.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                      | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                      xdotool, "-", NULL);
      if (xdo.process == NULL)
        g_error ("xdotool could not be started: %s", error->message);
      xdo.input = g_subprocess_get_stdin_pipe (xdo.process);
      xdo.exited = g_new0 (gboolean, 1);
      g_subprocess_wait_async (xdo.process, NULL, xdo_exited_cb, xdo.exited);

      until = g_get_monotonic_time () + 300 * 1000;
      while (!*xdo.exited && g_get_monotonic_time () < until)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (5000);
        }
      if (!*xdo.exited)
        return;

      g_printerr ("xdotool ended as it started (DISPLAY=%s), attempt %u\n",
                  g_getenv ("DISPLAY"), attempt);
      xdo_stop ();
      if (attempt == 10)
        g_error ("xdotool could not open the display %s", g_getenv ("DISPLAY"));
      g_usleep (G_USEC_PER_SEC);
    }
}

/* Moves the pointer over the window and presses Shift; an xdotool that has ended is started
 * again. */
static void
xdo_poke (void)
{
  static const char line[] = "mousemove 300 300 key shift\n";
  g_autoptr(GError) error = NULL;

  g_main_context_iteration (NULL, FALSE);
  if (!*xdo.exited
      && g_output_stream_write_all (xdo.input, line, strlen (line), NULL, NULL, &error)
      && g_output_stream_flush (xdo.input, NULL, &error))
    return;

  g_printerr ("xdotool has ended (%s): started again\n",
              error != NULL ? error->message : "its process exited");
  xdo_stop ();
  xdo_start ();
}

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

/* Milliseconds from spawn to "answered" on the program's standard output; @cpu_ms: (out)
 * (optional): the processor time of all its threads until then, as the program reported it;
 * @main_ms: (out) (optional): its main thread's alone; @rss_mb: (out) (optional): its
 * resident memory then, in MB. */
static double
time_to_answer (const char * const *argv,
                char              **envp,
                double             *cpu_ms,
                double             *main_ms,
                double             *rss_mb)
{
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
          xdo_poke ();
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
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_subprocess_force_exit (process);
          g_error ("Could not read what %s printed: %s", argv[0], error->message);
        }
      else
        {
          g_clear_error (&error);
          g_usleep (2000);
        }

      /* Not left running: it would hold the benchmark's output open, and meson with it. */
      if (g_get_monotonic_time () - start > 120 * G_USEC_PER_SEC)
        {
          g_subprocess_force_exit (process);
          g_error ("%s did not answer in two minutes", argv[0]);
        }
    }

  if (cpu_ms != NULL)
    {
      const char *cpu = strstr (seen->str, "answered cpu ");

      *cpu_ms = cpu != NULL ? g_ascii_strtod (cpu + strlen ("answered cpu "), NULL) : 0;
    }
  if (main_ms != NULL)
    {
      const char *main_cpu = strstr (seen->str, " main ");

      *main_ms = main_cpu != NULL ? g_ascii_strtod (main_cpu + strlen (" main "), NULL) : 0;
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
           guint       runs,
           double      bare_median)
{
  double median = percentile (ms, runs, 0.5);

  printf ("  %-44s median %8.1f ms   p99 %8.1f ms   × bare %5.2f\n", what, median,
          percentile (ms, runs, 0.99), median / bare_median);
}

/* The client with the most visits: the demo's first made-up client, with 500. */
static gint64
busiest_client (const char *database)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 id = 0;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT client_id FROM visits GROUP BY client_id "
                                 "ORDER BY count(*) DESC LIMIT 1", -1, &statement, NULL)
         != SQLITE_OK)
    g_error ("Could not read %s: %s", database, sqlite3_errmsg (db));
  if (sqlite3_step (statement) == SQLITE_ROW)
    id = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  if (id <= 0)
    g_error ("%s has no visits", database);
  return id;
}

/* What the window restores: the page shown last and, on the Clients page, the client shown
 * last — written afresh before each run, for the program saves its own state as it quits. */
static void
write_settings (const char *keyfile,
                const char *page,
                const char *database,
                gint64      client)
{
  g_autofree char *contents = NULL;

  contents = g_strdup_printf ("[io/github/fascia/Fascia]\nlast-page='%s'\n"
                              "last-client=%" G_GINT64_FORMAT "\n"
                              "last-client-database='%s'\n", page, client,
                              database != NULL ? database : "");
  if (!g_file_set_contents (keyfile, contents, -1, NULL))
    g_error ("Could not write %s", keyfile);
}

typedef struct {
  guint       size;       /* index into sizes */
  const char *page;
  gboolean    client;     /* the 500-visit client shown last */
  const char *what;
  gboolean    no_page;    /* FASCIA_BENCH_NO_PAGE: the window with no page built */
} Case;

int
main (int   argc,
      char *argv[])
{
  const char *fascia = g_getenv ("FASCIA_BINARY");
  const char *bare = g_getenv ("FASCIA_BARE_ANSWER");
  const guint sizes[] = { 20000, 100000 };
  /* Whichever page was open last; on a clinic of 100,000 the client shown last is the one
   * with 500 visits, which the Clients page shows again, and builds after the first frame
   * when another page is shown. */
  const Case base_cases[] = {
    { 0, "clients", FALSE, "Fascia, 20,012 clients, Clients" },
    { 1, "clients", FALSE, "Fascia, 100,012 clients, Clients" },
    { 1, "clients", TRUE,  "Fascia, 100,012, Clients, 500 visits" },
    { 1, "atlas",   TRUE,  "Fascia, 100,012, Atlas, 500 visits" },
    { 1, "study",   TRUE,  "Fascia, 100,012, Study, 500 visits" },
    /* The floor of the program: its window, header bar and store, no page built — what
     * any page's start-up costs at the least, where the bare window has neither a header
     * bar nor a line of text. */
    { 1, "clients", FALSE, "Fascia's window, no page (the floor)", TRUE },
  };
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) envp_no_page = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("fascia-bench-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (tmp, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (config, "keyfile", NULL);
  g_autofree char *config_home = g_build_filename (tmp, "config", NULL);
  char *databases[G_N_ELEMENTS (sizes)];
  gint64 clients[G_N_ELEMENTS (sizes)];
  guint runs = RUNS;
  /* FASCIA_BENCH_BEFORE: another build of fascia (a copy of main's, say) run beside this
   * one, each case interleaved, so that a change is measured before and after under the same
   * load. */
  const char *before = g_getenv ("FASCIA_BENCH_BEFORE");
  Case cases[2 * G_N_ELEMENTS (base_cases)];
  const char *binaries[G_N_ELEMENTS (cases)];
  guint n_cases = 0;
  double *bare_ms, *fascia_ms[G_N_ELEMENTS (cases)];
  double *bare_cpu, *fascia_cpu[G_N_ELEMENTS (cases)];
  double *bare_main, *fascia_main[G_N_ELEMENTS (cases)];
  double *bare_mb, *fascia_mb[G_N_ELEMENTS (cases)];
  double bare_median;

  xdotool = g_getenv ("FASCIA_XDOTOOL");
  if (fascia == NULL || bare == NULL || xdotool == NULL)
    g_error ("FASCIA_BINARY, FASCIA_BARE_ANSWER and FASCIA_XDOTOOL must name the programs");
  /* FASCIA_BENCH_RUNS: fewer runs for a quick look. */
  if (g_getenv ("FASCIA_BENCH_RUNS") != NULL)
    runs = CLAMP (atoi (g_getenv ("FASCIA_BENCH_RUNS")), 1, 100);
  for (guint c = 0; c < G_N_ELEMENTS (base_cases); c++)
    {
      cases[n_cases] = base_cases[c];
      binaries[n_cases++] = fascia;
      if (before != NULL)
        {
          cases[n_cases] = base_cases[c];
          cases[n_cases].what = g_strconcat (base_cases[c].what, ", before", NULL);
          binaries[n_cases++] = before;
        }
    }
  bare_ms = g_new0 (double, runs);
  bare_cpu = g_new0 (double, runs);
  bare_main = g_new0 (double, runs);
  bare_mb = g_new0 (double, runs);
  for (guint c = 0; c < n_cases; c++)
    {
      fascia_ms[c] = g_new0 (double, runs);
      fascia_cpu[c] = g_new0 (double, runs);
      fascia_main[c] = g_new0 (double, runs);
      fascia_mb[c] = g_new0 (double, runs);
    }

  g_mkdir_with_parents (config, 0700);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "FASCIA_BENCH_ANSWER", "1", TRUE);
  /* The programs measured run as a user runs them: not with the test suite's malloc
   * checks (MALLOC_CHECK_ slows every allocation) or its fatal warnings. */
  envp = g_environ_unsetenv (envp, "MALLOC_CHECK_");
  envp = g_environ_unsetenv (envp, "G_DEBUG");
  envp_no_page = g_environ_setenv (g_strdupv (envp), "FASCIA_BENCH_NO_PAGE", "1", TRUE);
  /* A write to an xdotool that has ended fails (and it is started again), not the benchmark. */
  signal (SIGPIPE, SIG_IGN);
  xdo_start ();

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
      clients[s] = busiest_client (databases[s]);
    }

  /* One unmeasured run of each warms the page cache. */
  write_settings (keyfile, "clients", NULL, 0);
  time_to_answer ((const char *[]) { bare, NULL }, envp, NULL, NULL, NULL);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    time_to_answer ((const char *[]) { fascia, "--database", databases[s], NULL }, envp, NULL,
                    NULL, NULL);

  for (guint i = 0; i < runs; i++)
    {
      write_settings (keyfile, "clients", NULL, 0);
      bare_ms[i] = time_to_answer ((const char *[]) { bare, NULL }, envp, &bare_cpu[i],
                                   &bare_main[i], &bare_mb[i]);
      for (guint c = 0; c < n_cases; c++)
        {
          const char *database = databases[cases[c].size];

          write_settings (keyfile, cases[c].page, cases[c].client ? database : NULL,
                          cases[c].client ? clients[cases[c].size] : 0);
          fascia_ms[c][i] = time_to_answer ((const char *[]) { binaries[c], "--database", database,
                                                               NULL },
                                            cases[c].no_page ? envp_no_page : envp,
                                            &fascia_cpu[c][i],
                                            &fascia_main[c][i], &fascia_mb[c][i]);
        }
    }

  bare_median = percentile (bare_ms, runs, 0.5);
  printf ("start-up until the window answers a key press, %u runs each, interleaved "
          "(GSK_RENDERER=%s)\n", runs,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  print_row ("bare AdwApplicationWindow", bare_ms, runs, bare_median);
  for (guint c = 0; c < n_cases; c++)
    print_row (cases[c].what, fascia_ms[c], runs, bare_median);

  /* The processor time until then, which a machine busy with other work inflates less. */
  bare_median = percentile (bare_cpu, runs, 0.5);
  printf ("processor time (all threads) until the window answers\n");
  print_row ("bare AdwApplicationWindow", bare_cpu, runs, bare_median);
  for (guint c = 0; c < n_cases; c++)
    print_row (cases[c].what, fascia_cpu[c], runs, bare_median);

  /* The main thread's alone: what the window waits for, on a machine with a core to spare
   * for the threads that read ahead (the atlas, the view's drawing, the icon theme, the
   * schema), which a busy machine's wall clock above does not show. */
  bare_median = percentile (bare_main, runs, 0.5);
  printf ("processor time of the main thread until the window answers\n");
  print_row ("bare AdwApplicationWindow", bare_main, runs, bare_median);
  for (guint c = 0; c < n_cases; c++)
    print_row (cases[c].what, fascia_main[c], runs, bare_median);

  /* The memory at that moment: the page open, its first rows shown. */
  printf ("resident memory (VmRSS) when the window answers, median of %u runs\n", runs);
  printf ("  %-44s %8.1f MB\n", "bare AdwApplicationWindow", percentile (bare_mb, runs, 0.5));
  for (guint c = 0; c < n_cases; c++)
    {
      double mb = percentile (fascia_mb[c], runs, 0.5);

      printf ("  %-44s %8.1f MB   × bare %5.2f\n", cases[c].what, mb,
              mb / percentile (bare_mb, runs, 0.5));
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
  for (guint c = 0; c < n_cases; c++)
    {
      g_free (fascia_ms[c]);
      g_free (fascia_cpu[c]);
      g_free (fascia_main[c]);
      g_free (fascia_mb[c]);
    }
  g_free (bare_ms);
  g_free (bare_cpu);
  g_free (bare_main);
  g_free (bare_mb);
  g_unlink (keyfile);
  xdo_stop ();
  /* The daily backups the warm-up runs made, the settings and the rest. */
  fascia_test_rm_rf (tmp);
  return EXIT_SUCCESS;
}
