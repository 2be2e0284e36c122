/* test-store-crash.c — a writer killed at random moments never loses a committed transaction
 * and never leaves a damaged or half-written database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

#define N_KILLS           200
#define ROWS_PER_COMMIT   3
#define FIRST_OF_CHILD(i) ((gint64) (i) * 1000000)

/* The child: commits transactions of ROWS_PER_COMMIT clients, each named after the
 * transaction, and reports each number on @fd once COMMIT has returned. */
static void G_GNUC_NORETURN
writer (const char *path,
        int         fd,
        gint64      first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP,
                                                         &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      _exit (2);
    }

  for (gint64 n = first; ; n++)
    {
      g_autofree char *csv = g_strdup_printf ("name,notes\n"
                                              "t%" G_GINT64_FORMAT "-a,%s\n"
                                              "t%" G_GINT64_FORMAT "-b,%s\n"
                                              "t%" G_GINT64_FORMAT "-c,%s\n",
                                              n, "first row of the transaction",
                                              n, "second with some more text to write",
                                              n, "third");
      g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));

      if (!fascia_store_import_clients (store, bytes, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          _exit (3);
        }

      if (write (fd, &n, sizeof n) != sizeof n)
        _exit (4);
    }
}

static GHashTable *
committed_counts (const char *path)
{
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT CAST(substr(name, 2, instr(name, '-') - 2) "
                                           "AS INTEGER), count(*) FROM clients GROUP BY 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *n = g_new (gint64, 1);

      *n = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, n, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return counts;
}

static void
test_crash (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_killed_with_commits = 0;

  /* The parent's own connection would hide nothing, but close it: the child is the writer. */
  g_clear_pointer (&fixture->store, g_object_unref);

  for (guint i = 1; i <= N_KILLS; i++)
    {
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer key, value;
      int fds[2];
      int status;
      guint before = reported->len;
      gint64 n;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (fixture->path, fds[1], FIRST_OF_CHILD (i));
        }
      close (fds[1]);

      /* Every other writer is first seen to commit once, so that kills land between commits
       * however slowly the writer starts (under a sanitizer, on a loaded machine); the others
       * die anywhere from before they opened the file. */
      if (i % 2 == 0 && read (fds[0], &n, sizeof n) == sizeof n)
        g_array_append_val (reported, n);
      g_usleep (g_test_rand_int_range (0, 80000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("The writer exited by itself with status %d", WEXITSTATUS (status));

      while (read (fds[0], &n, sizeof n) == sizeof n)
        g_array_append_val (reported, n);
      close (fds[0]);
      if (reported->len > before)
        n_killed_with_commits++;

      /* The file is sound, every reported transaction is there whole, and the one cut
       * short is there whole or not at all. */
      counts = committed_counts (fixture->path);
      for (guint r = 0; r < reported->len; r++)
        {
          gint64 k = g_array_index (reported, gint64, r);

          g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, &k)), ==,
                           ROWS_PER_COMMIT);
        }
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_assert_cmpint (GPOINTER_TO_INT (value), ==, ROWS_PER_COMMIT);
    }

  g_test_message ("%u kills, %u transactions reported, %u kills after at least one commit",
                  N_KILLS, reported->len, n_killed_with_commits);
  /* Some kills must land between commits, not only while the writer starts. */
  g_assert_cmpuint (n_killed_with_commits, >, N_KILLS / 10);

  /* The store opens it afterwards as if nothing had happened. */
  store_fixture_reopen (fixture);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) all = fascia_store_list_clients (fixture->store, "t", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (all), >=, reported->len * ROWS_PER_COMMIT);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_SQLITE ("/fascia/core/store/crash-safety", test_crash);

  return g_test_run ();
}
