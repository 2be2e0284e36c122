/* test-store-trust.c — a database or backup that is not exactly what Fascia made is refused:
 * crafted schemas, impossible versions, files of other programs, links; and what is left
 * of a killed backup is cleaned up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia-db-sqlite.h"
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

/* The last version before @latest whose migration changed SQLite's schema: the steps that
 * change none (a step for the clinic server alone, 016, which moves data, or one that only
 * raises the version) leave a file of the version before with the schema of the step. */
static int
last_schema_change (int latest)
{
  static const int empty_steps[] = { 8, 10, 11, 15, 16, 18, 19 };
  int last_change = latest;

  for (guint i = G_N_ELEMENTS (empty_steps); i > 0; i--)
    if (empty_steps[i - 1] == last_change)
      last_change--;
  return last_change;
}

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
  g_assert_false (fascia_db_sqlite_check_file (backup, &version, &error));
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
  int last_change = last_schema_change (latest);

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
      if (version < last_change)
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

static void
set_header (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

typedef struct
{
  const char *name;
  int         version;
  int         code;
  const char *expected;
} BadVersion;

static const BadVersion bad_versions[] = {
  { "minus-one", -1, FASCIA_STORE_ERROR_NOT_A_DATABASE, "schema version -1 is not a Fascia version" },
  { "zero", 0, FASCIA_STORE_ERROR_NOT_A_DATABASE, "schema version 0 is not a Fascia version" },
  { "int-min", G_MININT, FASCIA_STORE_ERROR_NOT_A_DATABASE, "is not a Fascia version" },
  { "int-max", G_MAXINT, FASCIA_STORE_ERROR_NOT_A_DATABASE, "is not a Fascia version" },
  { "next", -100, FASCIA_STORE_ERROR_TOO_NEW, "newer version of Fascia" },
};

/* user_version straight from the file: never an index out of bounds, always a clear word. */
static void
test_bad_version (gconstpointer data)
{
  const BadVersion *c = data;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  int version = c->version == -100 ? fascia_store_get_latest_schema_version () + 1 : c->version;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *before = NULL;
  gsize before_length;
  int found = 0;

  make_database (path, fascia_store_get_latest_schema_version (), NULL);
  set_header (path, sql);
  before = read_file (path, &before_length);
  g_assert_true (g_file_set_contents (copy, before, before_length, NULL));

  store = fascia_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, c->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, c->expected));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  assert_untouched (path, before, before_length);

  /* As a backup to restore. */
  g_assert_false (fascia_db_sqlite_check_file (copy, &found, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, c->code);
  g_assert_nonnull (strstr (error->message, c->expected));
  g_clear_error (&error);

  /* And the migration itself, given such a file, refuses instead of indexing its list. */
  if (c->code == FASCIA_STORE_ERROR_NOT_A_DATABASE && version != 0)
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
      g_assert_false (fascia_store_migrate (db, fascia_store_get_latest_schema_version (),
                                            &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
      sqlite3_close (db);
    }

  fascia_test_rm_rf (dir);
}

/* Another program's SQLite file with no tables (yet) is that program's. */
static void
test_foreign_empty_sqlite (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *link = g_build_filename (dir, "fascia.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *before = NULL;
  gsize before_length;

  set_header (path, "CREATE TABLE t (x); DROP TABLE t;");
  before = read_file (path, &before_length);
  g_assert_cmpuint (before_length, >, 0);

  store = fascia_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  assert_untouched (path, before, before_length);

  /* Nor through a link. */
  g_assert_cmpint (symlink (path, link), ==, 0);
  store = fascia_store_open (link, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  assert_untouched (path, before, before_length);

  fascia_test_rm_rf (dir);
}

/* A link to an empty file is not taken over; an empty file itself is, and made private. */
static void
test_empty_files (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *link = g_build_filename (dir, "link.db", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.db", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "nowhere", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (g_chmod (empty, 0644), ==, 0);
  g_assert_cmpint (symlink (empty, link), ==, 0);
  g_assert_cmpint (symlink (nowhere, dangling), ==, 0);

  store = fascia_store_open (link, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, link));
  g_clear_error (&error);
  g_assert_cmpint (g_stat (empty, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  store = fascia_store_open (dangling, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, dangling));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  store = fascia_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (empty, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  fascia_test_rm_rf (dir);
}

/* A damaged database: one line, with the file and the backups folder. */
static void
test_corrupt_message (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize size;

  store = fascia_store_open (path, &error);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Client number %u", i);

      fascia_client_set_name (client, name);
      fascia_client_set_notes (client, "Some notes that take a little room on the page.");
      g_assert_true (fascia_store_add_client (store, client, &error));
    }

  /* --backup of a damaged database fails, and writes nothing. */
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  for (gsize i = 0; i < 4096; i++)
    contents[2 * 4096 + i] = (char) (0xA5 ^ i);
  g_assert_true (g_file_set_contents (path, contents, size, NULL));

  store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_false (fascia_store_backup (store, copy, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_object (&store);

  store = fascia_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, path));

  fascia_test_rm_rf (dir);
}

/* No room for the daily backup: the database opens, and says why there is no backup. */
static void
test_daily_backup_warns (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;

  make_database (path, fascia_store_get_latest_schema_version (), NULL);
  g_assert_true (g_file_set_contents (backups, "not a folder", -1, NULL));

  store = fascia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (fascia_store_get_backup_warning (store));
  g_assert_nonnull (strstr (fascia_store_get_backup_warning (store)->message, backups));
  g_clear_object (&store);

  /* With room again, no warning. */
  g_assert_cmpint (g_unlink (backups), ==, 0);
  store = fascia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (fascia_store_get_backup_warning (store));

  fascia_test_rm_rf (dir);
}

/* A daily backup killed in the middle leaves a temporary file and a journal; the next one
 * removes them. */
static void
test_daily_backup_leftovers (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *daily = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n = 0;
  int status;
  pid_t pid;

  make_database (path, fascia_store_get_latest_schema_version (), NULL);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *target = g_build_filename (backups, "fascia-2026-01-01.db", NULL);
      FasciaFileWriter *writer = fascia_file_writer_new (target, FASCIA_FILE_WRITE_PRIVATE,
                                                         NULL);
      g_autofree char *journal = g_strconcat (fascia_file_writer_get_temp_path (writer),
                                              "-journal", NULL);
      g_autofree char *half = g_malloc0 (1024 * 1024);

      fascia_file_writer_write (writer, half, 1024 * 1024);
      g_file_set_contents (journal, "journal", -1, NULL);
      kill (getpid (), SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  store = fascia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (fascia_store_get_backup_warning (store));

  d = g_dir_open (backups, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_test_message ("%s", name);
      g_assert_false (name[0] == '.');
      n++;
    }
  g_assert_cmpuint (n, ==, 1);

  fascia_test_rm_rf (dir);
}

/* A backup in WAL mode is restored without writing beside it (a read-only folder, a
 * read-only medium), and errors about it name it. */
static void
test_restore_wal_backup (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *live = g_build_filename (dir, "live", "fascia.db", NULL);
  g_autofree char *shelf = g_build_filename (dir, "shelf", NULL);
  g_autofree char *backup = g_build_filename (shelf, "backup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GDir) d = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir (shelf, 0700), ==, 0);
  make_database (backup, fascia_store_get_latest_schema_version (), "PRAGMA journal_mode = WAL");

  g_assert_true (fascia_store_restore (live, backup, NULL, &error));
  g_assert_no_error (error);

  d = g_dir_open (shelf, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);

  store = fascia_store_open (live, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (live, "visits"), ==, 1);

  fascia_test_rm_rf (dir);
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
  for (guint i = 0; i < G_N_ELEMENTS (bad_versions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/core/store-trust/bad-version/%s",
                                               bad_versions[i].name);

      g_test_add_data_func (path, &bad_versions[i], test_bad_version);
    }
  g_test_add_func ("/fascia/core/store-trust/foreign-empty-sqlite", test_foreign_empty_sqlite);
  g_test_add_func ("/fascia/core/store-trust/empty-files", test_empty_files);
  g_test_add_func ("/fascia/core/store-trust/corrupt-message", test_corrupt_message);
  g_test_add_func ("/fascia/core/store-trust/daily-backup-warns", test_daily_backup_warns);
  g_test_add_func ("/fascia/core/store-trust/daily-backup-leftovers",
                   test_daily_backup_leftovers);
  g_test_add_func ("/fascia/core/store-trust/restore-wal-backup", test_restore_wal_backup);

  return g_test_run ();
}
