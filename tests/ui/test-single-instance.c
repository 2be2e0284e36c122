/* test-single-instance.c — one window per database, across launches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "fascia-application.h"
#include "fascia-test-utils.h"

/*
 * The real binary, launched as a user launches it, on this test's session bus and display:
 * a second launch on the same database hands over to the first and exits, leaving one
 * window; the command-line tasks still run without touching the running window; another
 * database opens an instance of its own.
 */

static GPid
launch (const char *database)
{
  const char *argv[] = { g_getenv ("FASCIA_BINARY"), "--database", database, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* How many windows the process shows, as the X server sees them (GTK sets _NET_WM_PID). */
static guint
n_windows (GPid pid)
{
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);
  const char *argv[] = { g_getenv ("FASCIA_XDOTOOL"), "search", "--onlyvisible", "--pid",
                         pid_text, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                NULL, NULL);
  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      n++;
  return n;
}

typedef struct
{
  GPid        pid;
  const char *name;
} Running;

static gboolean
shown_cb (gpointer user_data)
{
  Running *r = user_data;

  return name_has_owner (r->name) && n_windows (r->pid) == 1;
}

/* Polls, as nothing here runs a main loop; the limit only stops a broken launch from
 * hanging the suite. */
static gboolean
wait_until_shown (Running *r)
{
  for (guint i = 0; i < 600; i++)
    {
      if (shown_cb (r))
        return TRUE;
      g_usleep (100 * 1000);
    }

  return FALSE;
}

static gboolean
still_running (GPid pid)
{
  return waitpid (pid, NULL, WNOHANG) == 0;
}

static void
stop (GPid pid)
{
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

static int
run_to_end (const char * const *args,
            char              **out)
{
  return fascia_test_run_fascia (args, NULL, out, NULL);
}

static void
test_second_launch (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *other_db = g_build_filename (dir, "other.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *id = fascia_application_id_for_database (db);
  g_autofree char *other_id = fascia_application_id_for_database (other_db);
  g_autofree char *out = NULL;
  Running first = { 0, id };
  Running other = { 0, other_id };

  /* One id per file, the application's own for the default database. */
  g_assert_cmpstr (id, !=, other_id);
  g_assert_true (g_application_id_is_valid (id));
  g_assert_true (g_str_has_prefix (id, APPLICATION_ID "."));
  {
    g_autofree char *relative = g_build_filename (dir, ".", "clinic.db", NULL);
    g_autofree char *same = fascia_application_id_for_database (relative);

    g_assert_cmpstr (same, ==, id);
  }

  first.pid = launch (db);
  g_assert_true (wait_until_shown (&first));

  /* The second launch hands over and ends by itself; one window remains. */
  {
    GPid second = launch (db);
    int status = -1;

    for (guint i = 0; i < 600 && waitpid (second, &status, WNOHANG) == 0; i++)
      g_usleep (100 * 1000);
    if (!WIFEXITED (status))
      {
        stop (second);
        g_error ("The second launch on the same database did not hand over and exit");
      }
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_spawn_close_pid (second);
  }
  g_assert_true (still_running (first.pid));
  g_assert_cmpuint (n_windows (first.pid), ==, 1);

  /* Command-line tasks run in the process that was launched, window or not. */
  {
    const char *args[] = { "--database", db, "--backup", copy, NULL };

    g_assert_cmpint (run_to_end (args, &out), ==, 0);
    g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  }
  {
    const char *args[] = { "--version", NULL };

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_to_end (args, &out), ==, 0);
    g_assert_nonnull (strstr (out, PACKAGE_VERSION));
  }

  /* Another database is another instance, with its own window. */
  other.pid = launch (other_db);
  g_assert_true (wait_until_shown (&other));
  g_assert_true (still_running (first.pid));

  stop (other.pid);
  stop (first.pid);
  fascia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/ui/single-instance/second-launch", test_second_launch);

  return g_test_run ();
}
