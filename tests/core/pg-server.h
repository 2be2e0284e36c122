/* pg-server.h — one real PostgreSQL server per test binary, for the store tests' second engine.
 *
 * The server is made by initdb in a temporary folder and listens only on a Unix socket in
 * that folder (listen_addresses = ''): no TCP port. When the tests run as root it runs as the
 * unprivileged `postgres` user (PostgreSQL refuses root), with the folder given to that user,
 * mode 0700. A watchdog process, forked when the server starts, waits for the test binary to
 * end however it ends (success, a failed assertion's abort, a crash) and then stops the
 * server and removes the folder: no server is left behind.
 *
 * Each test case gets a database of its own (pg_server_new_database()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

typedef struct
{
  char *dir;
  char *bindir;
  char *run_as;
  guint n_databases;
  gboolean durable;  /* set before the start: fsync and synchronous commit as a real server */
} PgServer;

static PgServer pg_server;

/* argv, prefixed with `runuser -u postgres --` when the tests run as root. */
static inline void
pg_server_run (const char * const *argv)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (pg_server.run_as != NULL)
    {
      g_ptr_array_add (full, (gpointer) "runuser");
      g_ptr_array_add (full, (gpointer) "-u");
      g_ptr_array_add (full, pg_server.run_as);
      g_ptr_array_add (full, (gpointer) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);

  if (!g_spawn_sync (pg_server.dir, (char **) full->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL,
                     NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s%s", argv[0], error != NULL ? error->message : "", out ? out : "",
             err ? err : "");
}

/* Forked once: waits for the end of the test binary (the pipe's write end closes with it),
 * then stops the server and removes its folder. */
static inline void
pg_server_start_watchdog (void)
{
  g_autofree char *data = g_build_filename (pg_server.dir, "data", NULL);
  g_autofree char *pg_ctl = g_build_filename (pg_server.bindir, "pg_ctl", NULL);
  g_autofree char *script = NULL;
  int fds[2];
  pid_t pid;

  script = g_strdup_printf ("%s%s%s'%s' -D '%s' -m immediate -w stop >/dev/null 2>&1; rm -rf '%s'",
                            pg_server.run_as != NULL ? "runuser -u " : "",
                            pg_server.run_as != NULL ? pg_server.run_as : "",
                            pg_server.run_as != NULL ? " -- " : "", pg_ctl, data,
                            pg_server.dir);

  g_assert_cmpint (pipe (fds), ==, 0);
  fcntl (fds[1], F_SETFD, FD_CLOEXEC);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char byte;

      int null = open ("/dev/null", O_RDWR);

      close (fds[1]);
      /* Not the tests' output: meson must not wait for the watchdog to see the end. */
      dup2 (null, 0);
      dup2 (null, 1);
      dup2 (null, 2);
      for (int fd = 3; fd < 1024; fd++)
        if (fd != fds[0])
          close (fd);
      setsid ();
      while (read (fds[0], &byte, 1) != 0 && errno == EINTR)
        ;
      execl ("/bin/sh", "sh", "-c", script, (char *) NULL);
      _exit (1);
    }
  close (fds[0]);
  /* fds[1] stays open, unused, until this process ends. */
}

/* pg_ctl start (with the server's options) or stop (immediate), waiting for it. */
static inline void
pg_server_run_pg_ctl (const char *action)
{
  g_autofree char *data = g_build_filename (pg_server.dir, "data", NULL);
  g_autofree char *log = g_build_filename (pg_server.dir, "log", NULL);
  g_autofree char *pg_ctl = g_build_filename (pg_server.bindir, "pg_ctl", NULL);
  g_autofree char *options = NULL;

  options = g_strdup_printf ("-c listen_addresses='' -c unix_socket_directories='%s'%s",
                             pg_server.dir,
                             pg_server.durable ? ""
                             : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
  if (g_str_equal (action, "start"))
    {
      const char *argv[] = { pg_ctl, "-D", data, "-l", log, "-o", options, "-w", "start", NULL };

      pg_server_run (argv);
    }
  else
    {
      const char *argv[] = { pg_ctl, "-D", data, "-m", "immediate", "-w", "stop", NULL };

      pg_server_run (argv);
    }
}

/* Starts the server if it is not running; returns the socket folder. */
static inline const char *
pg_server_start (void)
{
  g_autofree char *data = NULL;
  g_autofree char *initdb = NULL;
  g_autoptr(GError) error = NULL;

  if (pg_server.dir != NULL)
    return pg_server.dir;

  pg_server.bindir = g_strdup (g_getenv ("FASCIA_PG_BINDIR"));
  g_assert_nonnull (pg_server.bindir);

  pg_server.dir = g_dir_make_tmp ("fascia-pg-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (pg_server.dir, 0700), ==, 0);

  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");

      g_assert_nonnull (pw);
      g_assert_cmpint (chown (pg_server.dir, pw->pw_uid, pw->pw_gid), ==, 0);
      pg_server.run_as = g_strdup ("postgres");
    }

  data = g_build_filename (pg_server.dir, "data", NULL);
  initdb = g_build_filename (pg_server.bindir, "initdb", NULL);

  {
    const char *argv[] = { initdb, "-D", data, "-U", "fascia", "-A", "trust", "-E", "UTF8",
                           "--locale=C", "--no-sync", NULL };

    pg_server_run (argv);
  }

  pg_server_start_watchdog ();
  pg_server_run_pg_ctl ("start");

  return pg_server.dir;
}

/* The server goes down at once, as when its machine loses power or the network falls: no
 * connection is told goodbye. */
static inline void
pg_server_kill (void)
{
  g_autofree char *admin = NULL;
  PGconn *conn;

  g_assert_nonnull (pg_server.dir);
  /* What was committed stays, as on a server that syncs its commits (this one, made for
   * speed, does not: synchronous_commit = off would lose the last ones). */
  admin = g_strdup_printf ("host=%s dbname=postgres user=fascia", pg_server.dir);
  conn = PQconnectdb (admin);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "CHECKPOINT"));
  PQfinish (conn);

  pg_server_run_pg_ctl ("stop");
}

/* Back up after pg_server_kill(), with the same data and socket. */
static inline void
pg_server_restart (void)
{
  g_assert_nonnull (pg_server.dir);
  pg_server_run_pg_ctl ("start");
}

/* A new, empty database on the server; returns its connection string. */
static inline char *
pg_server_new_database (void)
{
  const char *dir = pg_server_start ();
  g_autofree char *admin = g_strdup_printf ("host=%s dbname=postgres user=fascia", dir);
  g_autofree char *name = g_strdup_printf ("fascia_test_%u", ++pg_server.n_databases);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *conn = PQconnectdb (admin);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to the test server: %s", PQerrorMessage (conn));
  result = PQexec (conn, create);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", create, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);

  return g_strdup_printf ("host=%s dbname=%s user=fascia", dir, name);
}

/* On the test server, as its owner: the COMMIT of a transaction that added or changed a
 * client (@at_commit; else its first INSERT) waits @seconds in a trigger (once a
 * transaction), without a word to the client, and then fails if the first client it added or
 * changed is named "Refused…": a server that is slow to answer a COMMIT, or that loses it. */
static inline void pg_server_exec (const char *conninfo, const char *sql);

static inline void
pg_server_slow_commit (const char *conninfo,
                       double      seconds,
                       gboolean    at_commit)
{
  g_autofree char *sql = g_strdup_printf (
    "SET search_path = fascia;"
    "CREATE OR REPLACE FUNCTION test_slow_commit () RETURNS trigger LANGUAGE plpgsql AS $$"
    "BEGIN"
    "  IF current_setting ('fascia_test.slowed', true) IS DISTINCT FROM 'yes' THEN"
    "    PERFORM set_config ('fascia_test.slowed', 'yes', true);"
    "    PERFORM pg_sleep (%.3f);"
    "    IF NEW.name LIKE 'Refused%%' THEN RAISE EXCEPTION 'refused by the test'; END IF;"
    "  END IF;"
    "  RETURN NULL;"
    "END $$;"
    "%s",
    seconds,
    at_commit ? "CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT OR UPDATE ON clients"
                "  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit ();"
              : "CREATE TRIGGER test_slow_insert AFTER INSERT ON clients"
                "  FOR EACH ROW EXECUTE FUNCTION test_slow_commit ();");

  pg_server_exec (conninfo, sql);
}

/* Runs @sql on the server as the login of @conninfo; fails the test, naming @sql and the
 * server's reason, if the server refuses it. */
static inline void
pg_server_exec (const char *conninfo,
                const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to the test server: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* The one number @sql gives on the server, asked as the login of @conninfo. */
static inline gint64
pg_server_count (const char *conninfo,
                 const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  gint64 n;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return n;
}

/* A server that stops answering, as one whose process hangs: the tests stop one of its processes
 * (SIGSTOP) and let it go on (SIGCONT). */

/* Lets a stopped server go on after a while, should the test hang on it: then says so. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  pid_t    stopped;  /* the server's process stopped */
  gboolean done;   /* the test no longer needs the server stopped */
  gboolean fired;  /* the server was let go on before the test was done with it */
  GThread *thread;
} Watchdog;

static inline gpointer
watchdog_thread (gpointer data)
{
  Watchdog *watchdog = data;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_mutex_lock (&watchdog->lock);
  while (!watchdog->done)
    if (!g_cond_wait_until (&watchdog->cond, &watchdog->lock, end))
      {
        watchdog->fired = !watchdog->done;
        break;
      }
  g_mutex_unlock (&watchdog->lock);
  kill (watchdog->stopped, SIGCONT);
  return NULL;
}

static inline gboolean
watchdog_fired (Watchdog *watchdog)
{
  gboolean fired;

  g_mutex_lock (&watchdog->lock);
  fired = watchdog->fired;
  g_mutex_unlock (&watchdog->lock);
  return fired;
}

/* Stops the server's process @pid (SIGSTOP), which @watchdog lets go on after a while. */
static inline void
watchdog_start (Watchdog *watchdog,
                pid_t     pid)
{
  g_assert_cmpint (pid, >, 1);
  watchdog->stopped = pid;
  g_mutex_init (&watchdog->lock);
  g_cond_init (&watchdog->cond);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  watchdog->thread = g_thread_new ("watchdog", watchdog_thread, watchdog);
}

/* The test is done with the stopped process: it goes on, and the watchdog ends. */
static inline void
watchdog_end (Watchdog *watchdog)
{
  g_mutex_lock (&watchdog->lock);
  watchdog->done = TRUE;
  g_cond_signal (&watchdog->cond);
  g_mutex_unlock (&watchdog->lock);
  g_thread_join (watchdog->thread);
  g_assert_false (watchdog->fired);
  g_mutex_clear (&watchdog->lock);
  g_cond_clear (&watchdog->cond);
}

/* What @what says of the server's processes of the test's database, but @conn's own and
 * @but's. */
static inline gint64
other_backends (PGconn     *conn,
                const char *what,
                gint64      but)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM pg_stat_activity WHERE datname = "
                                          "current_database () AND pid <> pg_backend_pid () "
                                          "AND pid <> %" G_GINT64_FORMAT, what, but);
  PGresult *result = PQexec (conn, sql);
  gint64 n;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

/* The server's process waiting for a lock on @conninfo's database (a job's, as it reads a
 * table the test holds locked); 0 if none in 20 s. Asked on a connection of its own, in no
 * transaction, whose snapshot of the server's processes would stay as it was. */
static inline gint64
lock_waiting_backend (const char *conninfo)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  PGconn *conn = PQconnectdb (conninfo);
  gint64 pid = 0;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  while (pid == 0 && g_get_monotonic_time () < end)
    {
      pid = other_backends (conn, "coalesce(max(pid) FILTER (WHERE wait_event_type "
                            "= 'Lock'), 0)", 0);
      if (pid == 0)
        g_usleep (1000);
    }
  PQfinish (conn);
  return pid;
}
