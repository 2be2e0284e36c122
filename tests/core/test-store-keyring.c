/* test-store-keyring.c — a clinic server's password kept in the desktop's keyring.
 *
 * The password typed into the connection dialog is kept with libsecret, keyed by the server's
 * address, and read back the next time. Here a real keyring: GNOME Keyring's daemon, its
 * secrets component alone, on a D-Bus session bus of the test's own (GTestDBus), its login
 * keyring made in a temporary home and unlocked with a password on its standard input.
 * The daemon is the test's child and is stopped after; nothing of the user's keyring is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "fascia-store-private.h"
#include "fascia-test-utils.h"

#define SECRETS_NAME "org.freedesktop.secrets"

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                                           "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus",
                                                           "NameHasOwner",
                                                           g_variant_new ("(s)", name),
                                                           G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                                                           NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_password_round_trip (void)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *home = fascia_test_make_tmpdir ();
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (home, "run", NULL);
  GTestDBus *test_bus = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  const char *conninfo = "host=clinic.example.org dbname=clinic user=room1 sslmode=verify-full";
  const char *other = "host=clinic.example.org dbname=clinic user=room2 sslmode=verify-full";
  const char *password = "pa ss'wo\\rd — ünïcode";
  g_autofree char *found = NULL;
  GPid pid = 0;
  int in_fd = -1;
  int status;
  gboolean ok;

  /* Debian's gnome-keyring (build-aux/debian-packages): without it, a failure. */
  g_assert_nonnull (daemon);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);

  env = g_get_environ ();
  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime, TRUE);
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (test_bus),
                          TRUE);
  /* The daemon is not under test: the tests' G_DEBUG=fatal-warnings made it abort on a
   * warning of its own when an item was replaced (a second password for the same login),
   * which Fascia saw as the keyring gone from the bus. */
  env = g_environ_unsetenv (env, "G_DEBUG");
  {
    const char *argv[] = { daemon, "--foreground", "--unlock", "--components=secrets", NULL };

    g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env,
                                             G_SPAWN_DO_NOT_REAP_CHILD |
                                             G_SPAWN_STDOUT_TO_DEV_NULL |
                                             G_SPAWN_STDERR_TO_DEV_NULL,
                                             NULL, NULL, &pid, &in_fd, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  /* The login keyring's password, then the end of its input. An empty one makes no keyring
   * (GNOME Keyring 42): the default collection would not exist. */
  g_assert_cmpint (write (in_fd, "fascia-test", strlen ("fascia-test")), ==,
                   (gssize) strlen ("fascia-test"));
  g_assert_cmpint (close (in_fd), ==, 0);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !name_has_owner (bus, SECRETS_NAME); i++)
    g_usleep (50 * 1000);
  g_assert_true (name_has_owner (bus, SECRETS_NAME));

  /* Nothing kept yet; kept, and read back; another login's is not this one's. */
  g_assert_null (fascia_store_lookup_server_password (conninfo));
  g_assert_true (fascia_store_remember_server_password (conninfo, password, &error));
  g_assert_no_error (error);
  found = fascia_store_lookup_server_password (conninfo);
  g_assert_cmpstr (found, ==, password);
  g_assert_null (fascia_store_lookup_server_password (other));

  /* Another login's, kept beside it: each reads its own. */
  ok = fascia_store_remember_server_password (other, "another", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_free (found);
  found = fascia_store_lookup_server_password (other);
  g_assert_cmpstr (found, ==, "another");
  g_free (found);
  found = fascia_store_lookup_server_password (conninfo);
  g_assert_cmpstr (found, ==, password);

  /* A second password typed for the same login replaces the first (libsecret replaces the
   * item of the same schema and attributes), the other login's untouched; the keyring's
   * daemon still answers. */
  ok = fascia_store_remember_server_password (conninfo, "changed at the front desk", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (name_has_owner (bus, SECRETS_NAME));
  g_free (found);
  found = fascia_store_lookup_server_password (conninfo);
  g_assert_cmpstr (found, ==, "changed at the front desk");
  g_free (found);
  found = fascia_store_lookup_server_password (other);
  g_assert_cmpstr (found, ==, "another");
  g_assert_true (name_has_owner (bus, SECRETS_NAME));

  /* libsecret keeps its connection to the bus: let it go before the bus goes. */
  secret_service_disconnect ();
  g_clear_object (&bus);
  kill (pid, SIGTERM);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  /* libsecret may keep the bus's connection past its disconnect (a proxy freed later): the
   * bus is stopped without waiting for it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_test_dbus_stop (test_bus);
  /* Not unreffed: its finalize would wait for that connection again. */
  fascia_test_rm_rf (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/store/keyring/password-round-trip", test_password_round_trip);

  return g_test_run ();
}
