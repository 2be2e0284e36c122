/* test-store-trust.c — a database or backup that is not exactly what Fascia made is refused:
 * crafted schemas, impossible versions, files of other programs, links; and what is left
 * of a killed backup is cleaned up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static int
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A Fascia database at @version with a client, a plan and a visit, then @sql run on it. */
static void
make_database (const char *path,
               int         version,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (fascia_store_migrate (db, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO clients (id, name, created_at, updated_at) "
                                 "  VALUES (1, 'Kept Katarina', 1, 1);"
                                 "INSERT INTO plans (id, client_id, created_at, updated_at) "
                                 "  VALUES (1, 1, 1, 1);"
                                 "INSERT INTO visits (id, client_id, visited_at, subjective, "
                                 "  created_at, updated_at) VALUES (1, 1, 1, 'intact', 1, 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  if (sql != NULL)
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

typedef struct
{
  const char *name;
  const char *sql;
  const char *expected;   /* in the message */
} Crafted;

static const Crafted crafted[] = {
  { "trigger",
    "CREATE TRIGGER wipe AFTER INSERT ON clients BEGIN "
    "  DELETE FROM visits; DELETE FROM plans; UPDATE clients SET notes = 'gone'; END;",
    "the trigger “wipe” on “clients” is not Fascia’s" },
  { "view-instead-of-table",
    "CREATE TABLE elsewhere (name TEXT, created_at INTEGER, updated_at INTEGER);"
    "ALTER TABLE clients RENAME TO clients_old;"
    "CREATE VIEW clients AS SELECT rowid AS id, * FROM elsewhere;"
    "CREATE TRIGGER redirect INSTEAD OF INSERT ON clients BEGIN "
    "  INSERT INTO elsewhere VALUES (NEW.name, NEW.created_at, NEW.updated_at); END;",
    "“clients” is a view, not a table" },
  { "missing-table",
    "PRAGMA foreign_keys = OFF; DROP TABLE home_exercises;",
    "the table “home_exercises” is missing" },
  { "extra-column",
    "ALTER TABLE clients ADD COLUMN extra TEXT;",
    "it has a column “extra” that Fascia’s has not" },
  { "extra-index",
    "CREATE INDEX spy ON clients (email);",
    "the index “spy” on “clients” is not Fascia’s" },
  { "extra-table",
    "CREATE TABLE stash (x);",
    "the table “stash” is not Fascia’s" },
};

static void
assert_untouched (const char *path,
                  const char *before,
                  gsize       before_length)
{
  g_autofree char *after = NULL;
  gsize after_length;

  after = read_file (path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* Opening a crafted database is refused before anything is written, for every version a
 * database can be at. */
static void
test_open_crafted (gconstpointer data)
{
  const Crafted *c = data;
  int latest = fascia_store_get_latest_schema_version ();

  for (int version = 1; version <= latest; version++)
    {
      g_autofree char *dir = fascia_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
      g_autofree char *backups = g_build_filename (dir, "backups", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaStore) store = NULL;
      g_autofree char *before = NULL;
      gsize before_length;

      make_database (path, version, c->sql);
      before = read_file (path, &before_length);

      store = fascia_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, c->expected));
      g_assert_null (strchr (error->message, '\n'));

      assert_untouched (path, before, before_length);
      g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
      fascia_test_rm_rf (dir);
    }
}

/* Restoring a crafted backup is refused and the live database is left as it was. */
static void
test_restore_crafted (gconstpointer data)
{
  const Crafted *c = data;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *live = g_build_filename (dir, "fascia.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "crafted.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *before = NULL;
  gsize before_length;
  int version = 0;

  store = fascia_store_open (live, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  before = read_file (live, &before_length);

  make_database (backup, fascia_store_get_latest_schema_version (), c->sql);
  g_assert_false (fascia_store_check_fascia_file (backup, &version, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  g_assert_false (fascia_store_restore (live, backup, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, backup));
  g_assert_nonnull (strstr (error->message, c->expected));

  assert_untouched (live, before, before_length);
  fascia_test_rm_rf (dir);
}

/* The trigger of the report: had the import run, it would have emptied visits and plans. */
static void
test_crafted_trigger_never_fires (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;

  make_database (path, fascia_store_get_latest_schema_version (), crafted[0].sql);
  store = fascia_store_open (path, &error);
  g_assert_null (store);
  g_assert_cmpint (count_rows (path, "visits"), ==, 1);
  g_assert_cmpint (count_rows (path, "plans"), ==, 1);
  fascia_test_rm_rf (dir);
}

/* An untouched database of every version opens, and its schema is the reference. */
static void
test_every_version_verifies (void)
{
  int latest = fascia_store_get_latest_schema_version ();

  for (int version = 1; version <= latest; version++)
    {
      g_autofree char *dir = fascia_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaStore) store = NULL;
      sqlite3 *db = NULL;

      make_database (path, version, NULL);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (fascia_store_verify_schema (db, version, path, &error));
      g_assert_no_error (error);
      if (version < latest)
        {
          g_assert_false (fascia_store_verify_schema (db, latest, path, &error));
          g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
          g_clear_error (&error);
        }
      /* Statistics SQLite itself keeps are no difference. */
      g_assert_cmpint (sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = fascia_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fascia_store_get_schema_version (store), ==, latest);
      g_clear_object (&store);

      /* Reopened at the latest version, after PRAGMA optimize on close. */
      store = fascia_store_open (path, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      fascia_test_rm_rf (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autofree char *open_path = g_strdup_printf ("/fascia/core/store-trust/open-crafted/%s",
                                                    crafted[i].name);
      g_autofree char *restore_path =
        g_strdup_printf ("/fascia/core/store-trust/restore-crafted/%s", crafted[i].name);

      g_test_add_data_func (open_path, &crafted[i], test_open_crafted);
      g_test_add_data_func (restore_path, &crafted[i], test_restore_crafted);
    }
  g_test_add_func ("/fascia/core/store-trust/crafted-trigger-never-fires",
                   test_crafted_trigger_never_fires);
  g_test_add_func ("/fascia/core/store-trust/every-version-verifies",
                   test_every_version_verifies);

  return g_test_run ();
}
