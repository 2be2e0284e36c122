/* test-store-worker.c — backups and imports in a worker thread: progress, cancel, and a
 * quit in the middle, none of which may lose or damage anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "fascia/fascia-fhir.h"

#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

/* Enough pages that a backup takes several steps. */
#define N_DEMO_CLIENTS 1000
#define N_CSV_ROWS 1500

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  GCancellable *cancellable;
  GArray       *fractions;
  FasciaStore  *store;       /* written to while a backup runs */
  guint         n_changed;
  gboolean      cancel_at_first;
  gboolean      quit_at_first;
} Run;

static void
run_init (Run *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
run_clear (Run *run)
{
  gpointer task = run->result;

  /* The worker thread and a last progress report on its way hold the task, and so the
   * store, a moment longer. */
  g_object_add_weak_pointer (task, &task);
  g_clear_object (&run->result);
  while (task != NULL)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->fractions, g_array_unref);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Run *run = data;

  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  Run *run = data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  if (run->fractions->len > 0)
    g_assert_cmpfloat (fraction, >=, g_array_index (run->fractions, double,
                                                    run->fractions->len - 1));
  g_array_append_val (run->fractions, fraction);

  /* The application quits: the process ends, whatever the worker is doing. */
  if (run->quit_at_first)
    _exit (0);

  if (run->cancel_at_first && run->fractions->len == 1)
    g_cancellable_cancel (run->cancellable);

  /* The window goes on being used while the backup runs. */
  if (run->store != NULL && run->fractions->len == 1)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autoptr(GError) error = NULL;

      fascia_client_set_name (client, "Written During The Backup");
      g_assert_true (fascia_store_add_client (run->store, client, &error));
      g_assert_no_error (error);
    }
}

static void
changed_cb (FasciaStore       *store,
            FasciaStoreTable   table,
            FasciaStoreChange  change,
            gint64             id,
            gint64             client_id,
            Run               *run)
{
  if (table == FASCIA_STORE_TABLE_CLIENTS)
    run->n_changed++;
}

/* On the test server: the same count through libpq, the store's tables named as in a file. */
static gint64
count_on_server (const char *conninfo,
                 const char *sql)
{
  g_autofree char *in_schema = g_strconcat (conninfo, " options='-csearch_path=fascia'", NULL);

  return pg_server_count (in_schema, sql);
}

static gint64
count_in (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_autofree char *uri = NULL;

  if (fascia_store_is_server_database (path))
    return count_on_server (path, sql);

  /* A copy is read as it is, without a -wal or -shm beside it; the live database with its
   * WAL. */
  if (strstr (path, "fascia.db") == NULL)
    uri = g_strdup_printf ("file:%s?immutable=1", path);
  g_assert_cmpint (sqlite3_open_v2 (uri != NULL ? uri : path, &db,
                                    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gint64
n_clients (const char *path)
{
  return count_in (path, "SELECT count(*) FROM clients");
}

/* Whatever is in @dir besides the files named: a temporary file left behind. */
static void
assert_only (const char         *dir,
             const char * const *names)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (names == NULL || !g_strv_contains (names, name))
      g_error ("“%s” was left in %s", name, dir);
}

static void
demo_fixture_set_up (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = fascia_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "fascia.db", NULL);
  g_assert_true (fascia_store_create_demo_full (fixture->path, N_DEMO_CLIENTS, &error));
  g_assert_no_error (error);
  fixture->store = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
}

/* On the test server: a smaller crowd (every row a round trip to make), still enough rows
 * that a copy tells its progress several times. */
static void
server_demo_fixture_set_up (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = fascia_test_make_tmpdir ();
  fixture->path = pg_server_new_database ();
  g_assert_true (fascia_store_create_demo_full (fixture->path, 300, &error));
  g_assert_no_error (error);
  fixture->store = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
}

#define DEMO_TEST(path, func) \
  g_test_add ("/sqlite" path, StoreFixture, NULL, demo_fixture_set_up, func, \
              store_fixture_tear_down)

#define DEMO_TEST_BOTH(path, func) \
  G_STMT_START { \
    DEMO_TEST (path, func); \
    g_test_add ("/postgresql" path, StoreFixture, NULL, server_demo_fixture_set_up, func, \
                store_fixture_tear_down); \
  } G_STMT_END

/* A backup made while the window writes is the database as it was when it began, checked. */
static void
test_backup_verified (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "copies", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *written = NULL;
  gint64 before = n_clients (fixture->path);
  int version = 0;
  Run run = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run_init (&run);
  run.store = fixture->store;
  fascia_store_backup_async (fixture->store, copy, NULL, progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  written = fascia_store_backup_finish (fixture->store, run.result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, copy);

  /* Told as it went (progress_cb checks each share is no less than the one before). The
   * worker's reports that come while the caller's thread is busy are told once, the latest:
   * on a machine loaded enough that this thread ran once during the backup, one report was
   * heard (cancel-at-first shows a report comes before the end). */
  g_assert_cmpuint (run.fractions->len, >=, 1);

  g_assert_true (fascia_db_sqlite_check_file (copy, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, fascia_store_get_latest_schema_version ());
  g_assert_cmpint (n_clients (copy), ==, before);
  g_assert_cmpint (n_clients (fixture->path), ==, before + 1);
  assert_only (dir, (const char *[]) { "copy.db", NULL });

  run_clear (&run);
}

/* A cancelled backup writes nothing, not even a temporary file. */
static void
test_backup_cancel (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "copies", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *written = NULL;
  Run run = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  run_init (&run);
  run.cancel_at_first = TRUE;
  fascia_store_backup_async (fixture->store, copy, run.cancellable, progress_cb, &run, done_cb,
                             &run);
  g_main_loop_run (run.loop);
  written = fascia_store_backup_finish (fixture->store, run.result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (written);
  assert_only (dir, NULL);

  run_clear (&run);
}

/* Today's backup in the worker: made once a day, like fascia_store_backup_daily(). */
static void
test_daily (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = fascia_store_get_backup_dir (fixture->store);
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;
  int version = 0;
  Run run = { 0 };

  run_init (&run);
  fascia_store_backup_async (fixture->store, NULL, NULL, progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  written = fascia_store_backup_finish (fixture->store, run.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_true (g_str_has_prefix (written, backups));
  g_assert_true (fascia_db_sqlite_check_file (written, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_clients (written), ==, n_clients (fixture->path));
  run_clear (&run);

  /* The second time today: nothing to do. */
  run_init (&run);
  fascia_store_backup_async (fixture->store, NULL, NULL, NULL, NULL, done_cb, &run);
  g_main_loop_run (run.loop);
  again = fascia_store_backup_finish (fixture->store, run.result, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  run_clear (&run);
}

/* The application quits while the daily backup is being written: the database is whole and
 * unchanged, no half-written file carries a backup's name, and the next backup cleans up. */
static void
test_daily_quit_midway (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = fascia_store_get_backup_dir (fixture->store);
  g_autofree char *daily = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  gint64 before = n_clients (fixture->path);
  int version = 0;

  if (g_test_subprocess ())
    {
      g_autoptr(FasciaStore) store = NULL;
      Run run = { 0 };

      /* The parent's database, not this process's own fixture. */
      store = fascia_store_open_full (g_getenv ("FASCIA_TEST_DATABASE"),
                                      FASCIA_STORE_OPEN_NO_BACKUP, &error);
      g_assert_no_error (error);
      run_init (&run);
      run.quit_at_first = TRUE;
      fascia_store_backup_async (store, NULL, NULL, progress_cb, &run, done_cb, &run);
      g_main_loop_run (run.loop);
      g_assert_not_reached ();
    }

  g_setenv ("FASCIA_TEST_DATABASE", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("FASCIA_TEST_DATABASE");
  g_test_trap_assert_passed ();

  g_assert_true (fascia_db_sqlite_check_file (fixture->path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_clients (fixture->path), ==, before);

  /* A file under a backup's name is a whole, checked backup; anything else is a leftover. */
  d = g_dir_open (backups, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".db") && name[0] != '.')
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);

        g_assert_true (fascia_db_sqlite_check_file (path, &version, &error));
        g_assert_no_error (error);
        g_assert_cmpint (n_clients (path), ==, before);
        g_assert_cmpint (g_unlink (path), ==, 0);
      }

  /* The next start makes today's backup and removes what the killed one left. */
  daily = fascia_store_backup_daily (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (daily);
  {
    g_autofree char *base = g_path_get_basename (daily);

    assert_only (backups, (const char *[]) { base, NULL });
  }
}

/* A clinic server's backups are the server's own: no daily file is made on a laptop. */
static void
test_daily_server (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  Run run = { 0 };

  run_init (&run);
  fascia_store_backup_async (fixture->store, NULL, NULL, progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  written = fascia_store_backup_finish (fixture->store, run.result, &error);
  g_assert_no_error (error);
  g_assert_null (written);
  g_assert_cmpuint (run.fractions->len, ==, 0);
  run_clear (&run);
}

static GBytes *
make_csv (guint n)
{
  g_autoptr(GString) csv = g_string_new ("name,email,phone\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Imported Person %05u,imported%u@example.org,555 %04u\n", i, i,
                            i);
  return g_string_free_to_bytes (g_steal_pointer (&csv));
}

/* A database's whole content, to see that nothing at all changed. */
static char *
dump (const char *path)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          n_clients (path), count_in (path, "SELECT max(id) FROM clients"),
                          count_in (path, fascia_store_is_server_database (path)
                                          ? "SELECT sum(n) FROM client_counts"
                                          : "SELECT count(*) FROM clients_search"));
}

static void
test_import (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_csv (N_CSV_ROWS);
  g_autoptr(FasciaCsvImport) import = fascia_csv_import_new (bytes, &error);
  g_autoptr(GListModel) found = NULL;
  FasciaCsvImportCounts counts = { 0 };
  gint64 before = n_clients (fixture->path);
  Run run = { 0 };

  g_assert_no_error (error);
  run_init (&run);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &run);
  fascia_store_import_csv_async (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                 progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_true (fascia_store_import_csv_finish (fixture->store, run.result, &counts, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (counts.n_added, ==, N_CSV_ROWS);
  g_assert_cmpint (n_clients (fixture->path), ==, before + N_CSV_ROWS);
  g_assert_cmpuint (run.fractions->len, >, 1);
  /* The window's store heard of it, and finds the new clients. */
  g_assert_cmpuint (run.n_changed, ==, 1);
  found = fascia_store_list_clients (fixture->store, "imported person", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, N_CSV_ROWS);

  g_signal_handlers_disconnect_by_data (fixture->store, &run);
  run_clear (&run);
}

/* Cancel in the middle of an import: the database is as it was, and nobody is told of a
 * change. */
static void
test_import_cancel (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_csv (N_CSV_ROWS);
  g_autoptr(FasciaCsvImport) import = fascia_csv_import_new (bytes, &error);
  g_autofree char *before = dump (fixture->path);
  g_autofree char *after = NULL;
  Run run = { 0 };

  g_assert_no_error (error);
  run_init (&run);
  run.cancel_at_first = TRUE;
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &run);
  fascia_store_import_csv_async (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                 run.cancellable, progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_false (fascia_store_import_csv_finish (fixture->store, run.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = dump (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (run.n_changed, ==, 0);

  g_signal_handlers_disconnect_by_data (fixture->store, &run);
  run_clear (&run);
}

/* The check before an import runs in a worker on a connection of its own: it finds the row
 * that repeats a client already there, and the bad row, as the check on the window's
 * connection does, and changes nothing. */
static void
test_check_import (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_csv (N_CSV_ROWS);
  g_autoptr(GString) csv = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes));
  g_autoptr(GBytes) with_bad = NULL;
  g_autoptr(FasciaCsvImport) import = NULL;
  g_autoptr(FasciaClient) already = fascia_client_new ();
  g_auto(GStrv) problems = NULL;
  g_auto(GStrv) expected_problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FasciaCsvImportCounts counts = { 0 }, expected = { 0 };
  Run run = { 0 };

  fascia_client_set_name (already, "Someone Else");
  fascia_client_set_email (already, "imported7@example.org");
  g_assert_true (fascia_store_add_client (fixture->store, already, &error));
  g_assert_no_error (error);
  g_string_append (csv, ",no-name@example.org,555\n");
  with_bad = g_string_free_to_bytes (g_steal_pointer (&csv));
  import = fascia_csv_import_new (with_bad, &error);
  g_assert_no_error (error);
  before = dump (fixture->path);

  run_init (&run);
  fascia_store_check_csv_import_async (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                       NULL, NULL, done_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_true (fascia_store_check_csv_import_finish (fixture->store, run.result, &counts,
                                                       &problems, &error));
  g_assert_no_error (error);

  g_assert_true (fascia_store_check_csv_import (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                                &expected, &expected_problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, N_CSV_ROWS - 1);
  g_assert_cmpuint (counts.n_skipped, ==, 1);
  g_assert_cmpuint (counts.n_bad, ==, 1);
  g_assert_cmpmem (&counts, sizeof counts, &expected, sizeof expected);
  g_assert_cmpstrv (problems, expected_problems);
  after = dump (fixture->path);
  g_assert_cmpstr (after, ==, before);

  run_clear (&run);
}

/* The check in a worker says how far it is, and Cancel stops it in the middle (the preview's
 * dialog has a progress bar and Cancel): the result is "cancelled", nothing changed. Let run,
 * it reports its progress and ends as the check on the window's connection does. */
static void
test_check_import_cancel (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_csv (N_CSV_ROWS);
  g_autoptr(FasciaCsvImport) import = fascia_csv_import_new (bytes, &error);
  g_autofree char *before = dump (fixture->path);
  g_autofree char *after = NULL;
  FasciaCsvImportCounts counts = { 0 };
  Run run = { 0 };

  g_assert_no_error (error);
  run_init (&run);
  run.cancel_at_first = TRUE;
  fascia_store_check_csv_import_async (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                       run.cancellable, progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_false (fascia_store_check_csv_import_finish (fixture->store, run.result, &counts,
                                                        NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (run.fractions->len, >=, 1);
  run_clear (&run);

  run = (Run) { 0 };
  run_init (&run);
  fascia_store_check_csv_import_async (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                       run.cancellable, progress_cb, &run, done_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_true (fascia_store_check_csv_import_finish (fixture->store, run.result, &counts,
                                                       NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, N_CSV_ROWS);
  g_assert_cmpuint (run.fractions->len, >, 1);
  after = dump (fixture->path);
  g_assert_cmpstr (after, ==, before);
  run_clear (&run);
}

/* What an import on a slow server imports: a CSV file, or the same clients as a FHIR bundle
 * (both look into a COMMIT left unanswered). */
typedef enum
{
  IMPORT_CSV,
  IMPORT_FHIR,
} ImportKind;

/* With an ImportKind in a test's data: the clients of the file are already there, and are
 * merged into. */
#define IMPORT_MERGING 0x100

/* The clients of @csv, in its order, as a FHIR bundle (written through a file of its own). */
static GBytes *
bundle_of (StoreFixture *fixture,
           GBytes       *csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "bundle.db", NULL);
  g_autoptr(FasciaStore) store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP,
                                                         &error);
  GBytes *bundle;

  g_assert_no_error (error);
  g_assert_true (fascia_store_import_clients (store, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  bundle = fascia_fhir_export (store, NULL, 0, &error);
  g_assert_no_error (error);
  fascia_store_close (store);
  return bundle;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  const char   *conninfo;
  GCancellable *cancellable;
  guint         id;
} CancelAtCommit;

/* Presses Cancel once the server holds a COMMIT (pg_server_slow_commit(): its trigger sleeps). */
static gboolean
cancel_at_commit_cb (gpointer data)
{
  CancelAtCommit *at = data;

  if (count_on_server (at->conninfo, "SELECT count(*) FROM pg_stat_activity "
                                     "WHERE wait_event = 'PgSleep'") == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (at->cancellable);
  at->id = 0;
  return G_SOURCE_REMOVE;
}

/* Imports the clients of @csv in a worker, as a CSV file or as a FHIR bundle (@data), merged
 * into the clients already there with IMPORT_MERGING (@n_added: how many were). With
 * @cancelled_at_commit, Cancel is pressed as the server holds its COMMIT, and it tells
 * whether it was. */
static gboolean
import_on_slow_server (StoreFixture   *fixture,
                       gconstpointer   data,
                       GBytes         *csv,
                       gboolean       *cancelled_at_commit,
                       guint          *n_added,
                       GError        **error)
{
  Run run = { 0 };
  CancelAtCommit at = { 0 };
  gboolean merging = (GPOINTER_TO_INT (data) & IMPORT_MERGING) != 0;
  gboolean done;

  run_init (&run);
  at.conninfo = fixture->path;
  at.cancellable = run.cancellable;
  if (cancelled_at_commit != NULL)
    at.id = g_timeout_add (20, cancel_at_commit_cb, &at);
  if ((GPOINTER_TO_INT (data) & ~IMPORT_MERGING) == IMPORT_FHIR)
    {
      g_autoptr(GBytes) bundle = bundle_of (fixture, csv);
      FasciaFhirImportCounts counts = { 0 };

      fascia_fhir_import_async (fixture->store, bundle,
                                merging ? FASCIA_FHIR_DUPLICATES_MERGE
                                        : FASCIA_FHIR_DUPLICATES_REFUSE,
                                run.cancellable, NULL, done_cb, &run);
      g_main_loop_run (run.loop);
      done = fascia_fhir_import_finish (fixture->store, run.result, &counts, error);
      *n_added = merging ? counts.n_merged : counts.n_added;
    }
  else
    {
      g_autoptr(FasciaCsvImport) import = fascia_csv_import_new (csv, NULL);
      FasciaCsvImportCounts counts = { 0 };

      g_assert_nonnull (import);
      fascia_store_import_csv_async (fixture->store, import,
                                     merging ? FASCIA_DUPLICATES_MERGE : FASCIA_DUPLICATES_SKIP,
                                     run.cancellable, NULL, NULL, done_cb, &run);
      g_main_loop_run (run.loop);
      done = fascia_store_import_csv_finish (fixture->store, run.result, &counts, error);
      *n_added = merging ? counts.n_merged : counts.n_added;
    }
  if (cancelled_at_commit != NULL)
    *cancelled_at_commit = g_cancellable_is_cancelled (run.cancellable);
  g_clear_handle_id (&at.id, g_source_remove);
  run_clear (&run);
  return done;
}

#define N_SLOW_ROWS 12

/* The clinic server does not answer an import's COMMIT within the job's answer time (500 ms)
 * but commits it 600 ms after: the import's connection is given up, and the import asks the
 * server on a new one, once the import's session has ended, whether it was saved. It was:
 * the import is done, all its clients are listed. The same for a CSV file and a FHIR bundle
 * (before, the FHIR import said it had failed, and the clients were there). */
static void
test_import_commit_unanswered_saved (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = make_csv (N_SLOW_ROWS);
  gboolean merging = (GPOINTER_TO_INT (data) & IMPORT_MERGING) != 0;
  guint n_added = 0;
  gint64 before;

  /* Merging: the file's clients are there, without their phone numbers, which the import
   * adds; it adds no client. */
  for (guint i = 0; merging && i < N_SLOW_ROWS; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Imported Person %05u", i);
      g_autofree char *email = g_strdup_printf ("imported%u@example.org", i);

      fascia_client_set_name (client, name);
      fascia_client_set_email (client, email);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
  before = n_clients (fixture->path);

  fascia_store_set_job_answer_timeout (fixture->store, 500);
  pg_server_slow_commit (fixture->path, 0.6, TRUE);
  g_assert_true (import_on_slow_server (fixture, data, csv, NULL, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, N_SLOW_ROWS);
  g_assert_cmpint (n_clients (fixture->path), ==, before + (merging ? 0 : N_SLOW_ROWS));
  g_assert_cmpint (count_in (fixture->path, "SELECT count(*) FROM clients "
                                            "WHERE email LIKE 'imported%' AND phone <> ''"),
                   ==, N_SLOW_ROWS);
}

/* The same, but the server then fails the COMMIT: the import failed, nothing was added, and
 * the message says so, on one line. */
static void
test_import_commit_unanswered_lost (StoreFixture  *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rows = make_csv (N_SLOW_ROWS);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (rows, NULL),
                                              g_bytes_get_size (rows));
  g_autoptr(GBytes) csv = NULL;
  guint n_added = 0;
  gint64 before = n_clients (fixture->path);

  /* The first row, after the header: the first client added. */
  g_string_insert (text, strchr (text->str, '\n') + 1 - text->str,
                   "Refused Person,refused@example.org,555 0000\n");
  csv = g_string_free_to_bytes (g_steal_pointer (&text));
  fascia_store_set_job_answer_timeout (fixture->store, 500);
  pg_server_slow_commit (fixture->path, 0.6, TRUE);
  g_assert_false (import_on_slow_server (fixture, data, csv, NULL, &n_added, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_test_message ("it said: %s", error->message);
  g_assert_nonnull (strstr (error->message, "and it was not: nothing was imported"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (n_clients (fixture->path), ==, before);
}

/* Cancel pressed while the server holds the import's COMMIT (for 1.5 s): too late, the import
 * goes on to its end and is done, its clients there, and says so. Before, the CSV and the
 * FHIR import both said "Operation was cancelled" (the window: "Cancelled; nothing was
 * changed") while the server held every client. */
static void
test_import_commit_cancelled (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = make_csv (N_SLOW_ROWS);
  guint n_added = 0;
  gint64 before = n_clients (fixture->path);
  gboolean cancelled = FALSE;
  gboolean done;

  fascia_store_set_job_answer_timeout (fixture->store, 10000);
  pg_server_slow_commit (fixture->path, 1.5, TRUE);
  done = import_on_slow_server (fixture, data, csv, &cancelled, &n_added, &error);
  g_assert_true (cancelled);
  if (error != NULL)
    g_test_message ("it said: %s; the server holds %" G_GINT64_FORMAT " more clients",
                    error->message, n_clients (fixture->path) - before);
  g_assert_no_error (error);
  g_assert_true (done);
  g_assert_cmpuint (n_added, ==, N_SLOW_ROWS);
  g_assert_cmpint (n_clients (fixture->path), ==, before + N_SLOW_ROWS);
}

/* The server is still busy with the COMMIT when the new connection has waited the answer time
 * again: the import cannot tell whether it was saved, and says so (before this, an import
 * waited for the server for as long as it took, however long that was). When the server is
 * done, its clients are there. */
static void
test_import_commit_unanswered_unknown (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = make_csv (N_SLOW_ROWS);
  guint n_added = 0;
  gint64 before = n_clients (fixture->path);
  gint64 start = g_get_monotonic_time ();

  fascia_store_set_job_answer_timeout (fixture->store, 300);
  pg_server_slow_commit (fixture->path, 4.0, TRUE);
  g_assert_false (import_on_slow_server (fixture, data, csv, NULL, &n_added, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED);
  g_test_message ("it said: %s", error->message);
  g_assert_nonnull (strstr (error->message, "may have been saved"));
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("the import ended %.2f s after it began", (g_get_monotonic_time () - start) / 1e6);

  while (n_clients (fixture->path) == before && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_usleep (100 * 1000);
  g_assert_cmpint (n_clients (fixture->path), ==, before + N_SLOW_ROWS);
}

static void
exec_on (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

/* The look into a COMMIT left unanswered (fascia_store_check_commit()) takes no longer than
 * the job's answer time in all (1 s here), so that with the COMMIT's own wait it stays within
 * twice that, as a closing window counts (65 s for 30 s). Here the job's session goes on (its
 * transaction open: the look cannot tell, and says it may have been saved), and the server
 * answers each step of the look just within the answer time: the new connection's setup
 * waits 0.9 s for a table another session holds locked, then the wait for the job's session
 * to end takes the rest. Before, each step had the whole answer time: the look took 1.9 s,
 * and with a 30 s answer time, a sluggish server's could take three times that, past the
 * window's bound. */
static void
test_check_commit_bound (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PGconn *job = PQconnectdb (fixture->path);
  PGconn *locker = PQconnectdb (fixture->path);
  FasciaCommitCheck check = { 0 };
  PGresult *result;
  gint64 start;
  double took;
  gboolean saved;

  g_assert_cmpint (PQstatus (job), ==, CONNECTION_OK);
  g_assert_cmpint (PQstatus (locker), ==, CONNECTION_OK);
  exec_on (job, "BEGIN");
  result = PQexec (job, "SELECT txid_current (), pg_backend_pid ()");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  check.transaction = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  check.session = g_ascii_strtoull (PQgetvalue (result, 0, 1), NULL, 10);
  PQclear (result);

  exec_on (locker, "BEGIN");
  exec_on (locker, "LOCK TABLE fascia.meta IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQsendQuery (locker, "SELECT pg_sleep (0.9); COMMIT"), ==, 1);

  fascia_store_set_job_answer_timeout (fixture->store, 1000);
  error = g_error_new_literal (FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                               "the clinic server did not answer in 1 s");
  start = g_get_monotonic_time ();
  saved = fascia_store_check_commit (fixture->store, &check, "the import",
                                     "nothing was imported", "it may have been saved", &error);
  took = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("the look took %.2f s; it said: %s", took,
                  error != NULL ? error->message : "(nothing)");

  g_assert_false (saved);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED);
  g_assert_nonnull (strstr (error->message, "it may have been saved"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpfloat (took, >=, 0.9);
  g_assert_cmpfloat (took, <, 1.4);

  while ((result = PQgetResult (locker)) != NULL)
    PQclear (result);
  PQfinish (locker);
  exec_on (job, "ROLLBACK");
  PQfinish (job);
}

/* Cancel pressed while the server is silent (its first INSERT takes 3 s): the import ends at
 * once, not when the server answers, and nothing of it is saved (before this, it ended when
 * the server answered, 3 s later). */
static void
test_import_cancel_silent (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = make_csv (N_SLOW_ROWS);
  g_autoptr(FasciaCsvImport) import = fascia_csv_import_new (csv, NULL);
  gint64 before = n_clients (fixture->path);
  gint64 start;
  double took;
  Run run = { 0 };

  pg_server_slow_commit (fixture->path, 3.0, FALSE);
  run_init (&run);
  g_timeout_add (300, cancel_cb, run.cancellable);
  start = g_get_monotonic_time ();
  fascia_store_import_csv_async (fixture->store, import, FASCIA_DUPLICATES_SKIP, run.cancellable,
                                 NULL, NULL, done_cb, &run);
  g_main_loop_run (run.loop);
  took = (g_get_monotonic_time () - start) / 1e6;
  g_assert_false (fascia_store_import_csv_finish (fixture->store, run.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_clear (&run);
  g_test_message ("the import ended %.2f s after it began, cancelled at 0.3 s", took);
  g_assert_cmpfloat (took, <, 2.5);

  /* When the server is done with the INSERT, it finds the connection gone and rolls back. */
  g_usleep (3500 * 1000);
  g_assert_cmpint (n_clients (fixture->path), ==, before);
}

/* What a job that writes to a file waits for in SQLite's busy timeout. */
typedef enum
{
  LOCKED_IMPORT,
  LOCKED_FHIR_IMPORT,
  LOCKED_RESTORE,
} LockedJob;

/* The bytes of @path and of its write-ahead log, as a digest: the file changed or not. */
static char *
file_state (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *paths[] = { path, wal };
  g_autoptr(GString) state = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *digest = NULL;
      gsize length = 0;

      if (g_file_get_contents (paths[i], &contents, &length, NULL))
        digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                              length);
      g_string_append_printf (state, "%s ", digest != NULL ? digest : "none");
    }
  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* Another program holds the file's write lock (BEGIN IMMEDIATE on a connection of its own)
 * while an import of a CSV file, of a FHIR bundle, or a restore runs, which waits for it in
 * SQLite's busy timeout (5 s); Cancel pressed at 0.3 s ends the job at once, cancelled, with
 * the file as it was and no copy kept of it. Before, the job waited out the timeout (5 s):
 * an import then failed as the database being in use, a restore as cancelled. */
static void
test_cancel_while_locked (StoreFixture  *fixture,
                          gconstpointer  data)
{
  LockedJob job = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = make_csv (N_CSV_ROWS);
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(FasciaCsvImport) import = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *backups = fascia_store_get_backup_dir (fixture->store);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *other = NULL;
  Run run = { 0 };
  gint64 start;
  double took;
  gboolean done = FALSE;

  g_object_unref (fixture_add_client (fixture, "Already There"));
  if (job == LOCKED_FHIR_IMPORT)
    bundle = bundle_of (fixture, csv);
  if (job == LOCKED_RESTORE)
    {
      g_assert_true (fascia_store_create_demo_full (backup, 7, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  before = file_state (fixture->path);

  run_init (&run);
  g_timeout_add (300, cancel_cb, run.cancellable);
  start = g_get_monotonic_time ();
  switch (job)
    {
    case LOCKED_IMPORT:
      import = fascia_csv_import_new (csv, NULL);
      g_assert_nonnull (import);
      fascia_store_import_csv_async (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                     run.cancellable, NULL, NULL, done_cb, &run);
      g_main_loop_run (run.loop);
      done = fascia_store_import_csv_finish (fixture->store, run.result, NULL, &error);
      break;
    case LOCKED_FHIR_IMPORT:
      fascia_fhir_import_async (fixture->store, bundle, FASCIA_FHIR_DUPLICATES_REFUSE,
                                run.cancellable, NULL, done_cb, &run);
      g_main_loop_run (run.loop);
      done = fascia_fhir_import_finish (fixture->store, run.result, NULL, &error);
      break;
    case LOCKED_RESTORE:
    default:
      fascia_store_restore_async (fixture->store, backup, run.cancellable, NULL, NULL, done_cb,
                                  &run);
      g_main_loop_run (run.loop);
      kept = fascia_store_restore_finish (fixture->store, run.result, &error);
      done = kept != NULL;
      break;
    }
  took = (g_get_monotonic_time () - start) / 1e6;
  run_clear (&run);
  g_test_message ("the job ended %.2f s after it began, cancelled at 0.3 s%s%s", took,
                  error != NULL ? ": " : "", error != NULL ? error->message : "");

  g_assert_false (done);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (took, <, 1.5);
  after = file_state (fixture->path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpint (n_clients (fixture->path), ==, 1);
  /* No copy of the database as it was is kept for a restore that did not happen. */
  if (g_file_test (backups, G_FILE_TEST_IS_DIR))
    assert_only (backups, NULL);
}

/* As done_cb(), but Cancel is pressed first: after the worker has returned, before the
 * window hears of it. */
static void
cancelled_late_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Run *run = data;

  g_cancellable_cancel (run->cancellable);
  done_cb (source, result, data);
}

/* Cancel pressed as a restore ends, too late to stop it: the restore is said done (with where
 * the database as it was is kept), and the database holds the backup's clients. Before, it was
 * said cancelled, and the window said nothing had changed. */
static void
test_restore_cancelled_late (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *kept = NULL;
  Run run = { 0 };
  gint64 in_backup;

  g_assert_true (fascia_store_create_demo_full (backup, 7, &error));
  g_assert_no_error (error);
  in_backup = count_in (backup, "SELECT count(*) FROM clients");
  g_assert_cmpint (in_backup, >, 0);
  g_assert_cmpint (n_clients (fixture->path), ==, 0);

  run_init (&run);
  fascia_store_restore_async (fixture->store, backup, run.cancellable, NULL, NULL,
                              cancelled_late_cb, &run);
  g_main_loop_run (run.loop);
  kept = fascia_store_restore_finish (fixture->store, run.result, &error);
  run_clear (&run);
  if (error != NULL)
    g_test_message ("it said: %s; the database holds %" G_GINT64_FORMAT " clients",
                    error->message, n_clients (fixture->path));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (n_clients (fixture->path), ==, in_backup);
}

/* How a move to a clinic server (fascia_store_move_to_server_async(), "Move to a Clinic
 * Server…") meets a server that stops answering. */
typedef enum
{
  MOVE_CANCEL_SILENT,     /* Cancel pressed while the server is silent */
  MOVE_SILENT,            /* the server silent longer than the job's answer time */
  MOVE_COMMIT_SAVED,      /* its COMMIT answered late, and done */
  MOVE_COMMIT_LOST,       /* its COMMIT answered late, and failed */
  MOVE_COMMIT_UNKNOWN,    /* its COMMIT still not done when the move has to end */
  MOVE_COMMIT_CANCELLED,  /* Cancel pressed while the server holds its COMMIT */
} MoveEnd;

#define LOOKING_APP "fascia-test-look"

/* The server's sessions on @conninfo's database but the caller's own. */
static gint64
other_sessions (const char *conninfo)
{
  g_autofree char *looking = g_strconcat (conninfo, " application_name=" LOOKING_APP, NULL);

  /* Client sessions only, and not these looks: the session of the look before may still be
   * ending on the server (PQfinish() does not wait for it), and the server's autovacuum
   * workers come and go by themselves; either failed the test now and then, one session
   * seen just after none was. */
  return count_on_server (looking, "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                          "current_database () AND pid <> pg_backend_pid () "
                          "AND backend_type = 'client backend' "
                          "AND application_name <> '" LOOKING_APP "'");
}

/* A clinic in a file (the fixture's, N_SLOW_ROWS clients, the first added "Refused Person" for
 * MOVE_COMMIT_LOST) is moved to an empty database on the test server, whose statements are slowed
 * (pg_server_slow_commit()): the first INSERT of a client, or the COMMIT of a transaction that
 * added one, waits in a trigger without a word to the client, as a server whose process hangs
 * does. With a job answer time of 400 ms (300 ms and 500 ms for the COMMIT's cases): Cancel ends
 * the move at once; the server's silence ends it after that time, with one line that says so; a
 * COMMIT left unanswered is looked into on a new connection once the move's session on the server
 * has ended, and the move said done, not done ("nothing was copied"), or not known yet ("may have
 * been saved"). Unless the COMMIT was done, the server holds no records once the move's session
 * has ended. Before, the move waited for the server as long as it took, and a cancel with it: the
 * cancelled and the silent moves were done 3 s after they began. Cancel pressed while the server
 * holds the COMMIT (1.5 s) is too late: the move is done and says so (before, it said it was
 * cancelled, and the server held every record).
 */
static void
test_move_silent (StoreFixture  *fixture,
                  gconstpointer  data)
{
  MoveEnd how = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = pg_server_new_database ();
  g_autoptr(FasciaStore) empty = NULL;
  Run run = { 0 };
  CancelAtCommit at = { 0 };
  gint64 start;
  gint64 end;
  double took;
  gboolean moved;

  for (guint i = 0; i < N_SLOW_ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s Person %u",
                                               how == MOVE_COMMIT_LOST && i == 0 ? "Refused"
                                                                                 : "Moved", i);

      g_object_unref (fixture_add_client (fixture, name));
    }

  /* The clinic server's schema, made as a first connection makes it. */
  empty = fascia_store_open_full (target, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fascia_store_close (empty);
  g_clear_object (&empty);

  switch (how)
    {
    case MOVE_CANCEL_SILENT:
    case MOVE_SILENT:
      fascia_store_set_job_answer_timeout (fixture->store, 400);
      pg_server_slow_commit (target, 3.0, FALSE);
      break;
    case MOVE_COMMIT_SAVED:
    case MOVE_COMMIT_LOST:
      fascia_store_set_job_answer_timeout (fixture->store, 500);
      pg_server_slow_commit (target, 0.6, TRUE);
      break;
    case MOVE_COMMIT_CANCELLED:
      fascia_store_set_job_answer_timeout (fixture->store, 10000);
      pg_server_slow_commit (target, 1.5, TRUE);
      break;
    case MOVE_COMMIT_UNKNOWN:
    default:
      fascia_store_set_job_answer_timeout (fixture->store, 300);
      pg_server_slow_commit (target, 4.0, TRUE);
      break;
    }

  run_init (&run);
  at.conninfo = target;
  at.cancellable = run.cancellable;
  if (how == MOVE_COMMIT_CANCELLED)
    at.id = g_timeout_add (20, cancel_at_commit_cb, &at);
  if (how == MOVE_CANCEL_SILENT)
    g_timeout_add (300, cancel_cb, run.cancellable);
  start = g_get_monotonic_time ();
  fascia_store_move_to_server_async (fixture->store, target, NULL, FALSE, run.cancellable, NULL,
                                     NULL, done_cb, &run);
  g_main_loop_run (run.loop);
  took = (g_get_monotonic_time () - start) / 1e6;
  moved = fascia_store_move_to_server_finish (fixture->store, run.result, NULL, &error);
  if (how == MOVE_COMMIT_CANCELLED)
    g_assert_true (g_cancellable_is_cancelled (run.cancellable));
  g_clear_handle_id (&at.id, g_source_remove);
  run_clear (&run);
  g_test_message ("the move ended %.2f s after it began%s", took,
                  how == MOVE_CANCEL_SILENT ? ", cancelled at 0.3 s" : "");
  if (error != NULL)
    g_test_message ("it said: %s", error->message);

  switch (how)
    {
    case MOVE_CANCEL_SILENT:
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpfloat (took, <, 1.0);
      break;
    case MOVE_SILENT:
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "(it stopped answering for 1 s)"));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_null (strstr (error->message, target));
      g_assert_cmpfloat (took, <, 2.0);
      break;
    case MOVE_COMMIT_SAVED:
    case MOVE_COMMIT_CANCELLED:
      g_assert_no_error (error);
      g_assert_true (moved);
      break;
    case MOVE_COMMIT_LOST:
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "and it was not: nothing was copied"));
      g_assert_null (strchr (error->message, '\n'));
      break;
    case MOVE_COMMIT_UNKNOWN:
    default:
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED);
      g_assert_nonnull (strstr (error->message, "it may have been saved"));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_cmpfloat (took, <, 3.0);
      break;
    }

  /* Once the server is done with the move's session (it finds its connection gone), it holds
   * the records only if the move was done, or may have been and was. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (other_sessions (target) > 0 && g_get_monotonic_time () < end)
    g_usleep (50 * 1000);
  g_assert_cmpint (other_sessions (target), ==, 0);
  g_assert_cmpint (n_clients (target), ==,
                   how == MOVE_COMMIT_SAVED || how == MOVE_COMMIT_UNKNOWN ||
                   how == MOVE_COMMIT_CANCELLED ? N_SLOW_ROWS : 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DEMO_TEST_BOTH ("/fascia/core/store-worker/backup-verified", test_backup_verified);
  DEMO_TEST_BOTH ("/fascia/core/store-worker/backup-cancel", test_backup_cancel);
  DEMO_TEST ("/fascia/core/store-worker/daily", test_daily);
  DEMO_TEST ("/fascia/core/store-worker/daily-quit-midway", test_daily_quit_midway);
  DEMO_TEST_BOTH ("/fascia/core/store-worker/import", test_import);
  DEMO_TEST_BOTH ("/fascia/core/store-worker/import-cancel", test_import_cancel);
  g_test_add ("/sqlite/fascia/core/store-worker/restore-cancelled-late", StoreFixture, NULL,
              store_fixture_set_up, test_restore_cancelled_late, store_fixture_tear_down);
  g_test_add ("/sqlite/fascia/core/store-worker/import-cancel-locked", StoreFixture,
              GINT_TO_POINTER (LOCKED_IMPORT), store_fixture_set_up, test_cancel_while_locked,
              store_fixture_tear_down);
  g_test_add ("/sqlite/fascia/core/store-worker/fhir-import-cancel-locked", StoreFixture,
              GINT_TO_POINTER (LOCKED_FHIR_IMPORT), store_fixture_set_up,
              test_cancel_while_locked, store_fixture_tear_down);
  g_test_add ("/sqlite/fascia/core/store-worker/restore-cancel-locked", StoreFixture,
              GINT_TO_POINTER (LOCKED_RESTORE), store_fixture_set_up, test_cancel_while_locked,
              store_fixture_tear_down);
  DEMO_TEST_BOTH ("/fascia/core/store-worker/check-import", test_check_import);
  DEMO_TEST_BOTH ("/fascia/core/store-worker/check-import-cancel", test_check_import_cancel);
  g_test_add ("/postgresql/fascia/core/store-worker/daily", StoreFixture, NULL,
              server_demo_fixture_set_up, test_daily_server, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store-worker/check-commit-bound", StoreFixture, NULL,
              server_demo_fixture_set_up, test_check_commit_bound, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store-worker/import-cancel-silent", StoreFixture, NULL,
              server_demo_fixture_set_up, test_import_cancel_silent, store_fixture_tear_down);
  for (ImportKind kind = IMPORT_CSV; kind <= IMPORT_FHIR; kind++)
    {
      static const struct
      {
        const char *name;
        void (*func) (StoreFixture *, gconstpointer);
      } ends[] = {
        { "unanswered-saved", test_import_commit_unanswered_saved },
        { "unanswered-lost", test_import_commit_unanswered_lost },
        { "unanswered-unknown", test_import_commit_unanswered_unknown },
        { "cancelled", test_import_commit_cancelled },
      };

      for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
        {
          g_autofree char *name = g_strdup_printf ("/postgresql/fascia/core/store-worker/"
                                                   "%simport-commit-%s",
                                                   kind == IMPORT_FHIR ? "fhir-" : "",
                                                   ends[i].name);

          g_test_add (name, StoreFixture, GINT_TO_POINTER (kind), server_demo_fixture_set_up,
                      ends[i].func, store_fixture_tear_down);
        }
    }
  g_test_add ("/postgresql/fascia/core/store-worker/import-merge-commit-unanswered-saved",
              StoreFixture, GINT_TO_POINTER (IMPORT_CSV | IMPORT_MERGING),
              server_demo_fixture_set_up, test_import_commit_unanswered_saved,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store-worker/fhir-import-merge-commit-unanswered-saved",
              StoreFixture, GINT_TO_POINTER (IMPORT_FHIR | IMPORT_MERGING),
              server_demo_fixture_set_up, test_import_commit_unanswered_saved,
              store_fixture_tear_down);

  for (MoveEnd how = MOVE_CANCEL_SILENT; how <= MOVE_COMMIT_CANCELLED; how++)
    {
      static const char * const names[] = {
        "cancel-silent", "silent-answer-time", "commit-unanswered-saved",
        "commit-unanswered-lost", "commit-unanswered-unknown", "commit-cancelled",
      };
      g_autofree char *name = g_strconcat ("/sqlite/fascia/core/store-worker/move-", names[how],
                                           NULL);

      g_test_add (name, StoreFixture, GINT_TO_POINTER (how), store_fixture_set_up,
                  test_move_silent, store_fixture_tear_down);
    }

  return g_test_run ();
}
