/* test-store.c — the database file: how it is created, the bad situations, backups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

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
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The same through the store's own connection, on either engine. */
static gint64
query_count (FasciaDb   *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_no_error (error);
  return fascia_db_column_int64 (stmt, 0);
}

static void
test_create (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  GStatBuf st;

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, FASCIA_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==,
                   fascia_store_get_latest_schema_version ());
  g_assert_cmpint (fascia_store_get_schema_version (fixture->store), ==,
                   fascia_store_get_latest_schema_version ());
  /* Every table but the search index's, which FTS5 makes and keeps. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                  "AND sql NOT LIKE '%STRICT%' "
                                  "AND name NOT LIKE 'clients_search%'"), ==, 0);
  g_assert_false (fascia_store_is_demo (fixture->store));

  /* A new database has no backup: there is nothing to keep yet. */
  {
    g_autofree char *backups = fascia_store_get_backup_dir (fixture->store);

    g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  }
}

/* Every bad file is refused with the right code, and left exactly as it was. */
static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_length, after_length;

  before = read_file (path, &before_length);
  store = fascia_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, code);
  g_test_message ("%s", error->message);

  after = read_file (path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_not_a_database (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;

  g_assert_true (g_file_set_contents (text, "Dear diary, my psoas hurts.\n", -1, NULL));
  assert_refused_untouched (text, FASCIA_STORE_ERROR_NOT_A_DATABASE);

  /* The error says where the backups are. */
  store = fascia_store_open (text, &error);
  g_assert_nonnull (strstr (error->message, "backups"));
  g_clear_error (&error);

  /* Another program's SQLite database is not migrated into a Fascia one. */
  exec_raw (other, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)");
  assert_refused_untouched (other, FASCIA_STORE_ERROR_NOT_A_DATABASE);

  /* Nor is a folder. */
  store = fascia_store_open (fixture->dir, &error);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
}

static void
damage (const char *path,
        goffset     offset,
        gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size;

  contents = read_file (path, &size);
  g_assert_cmpuint (offset + length, <=, size);
  for (gsize i = 0; i < length; i++)
    contents[offset + i] = (char) (0xA5 ^ i);
  g_assert_true (g_file_set_contents (path, contents, size, NULL));
}

static void
test_corrupt (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *header_path = g_build_filename (fixture->dir, "header.db", NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(FasciaClient) client = NULL;
      g_autofree char *name = g_strdup_printf ("Client number %u", i);

      client = fixture_add_client (fixture, name);
      fascia_client_set_notes (client, "Some notes that take a little room on the page.");
      g_assert_true (fascia_store_update_client (fixture->store, client, &error));
    }
  g_clear_pointer (&fixture->store, g_object_unref);

  {
    g_autofree char *contents = NULL;
    gsize size;

    contents = read_file (fixture->path, &size);
    g_assert_true (g_file_set_contents (header_path, contents, size, NULL));
  }

  /* A damaged first page: not recognisable as a database at all. */
  damage (header_path, 0, 16);
  assert_refused_untouched (header_path, FASCIA_STORE_ERROR_NOT_A_DATABASE);

  /* Damaged pages inside: found by the check before the daily backup, which is not made, so
   * the older good backups are not pushed out by a bad one. */
  damage (fixture->path, 2 * 4096, 4096);
  assert_refused_untouched (fixture->path, FASCIA_STORE_ERROR_CORRUPT);
  {
    g_autofree char *backups = g_build_filename (fixture->dir, "fascia", "backups", NULL);
    g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);

    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }
}

static void
test_too_new (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_clear_pointer (&fixture->store, g_object_unref);
  exec_raw (fixture->path, "PRAGMA user_version = 99");

  assert_refused_untouched (fixture->path, FASCIA_STORE_ERROR_TOO_NEW);
}

static void
test_busy (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GListModel) list = NULL;
  sqlite3 *other = NULL;

  /* Another program takes the write lock and keeps it. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  fascia_store_set_busy_timeout (fixture->store, 50);
  fascia_client_set_name (client, "Waiting Wendell");
  g_assert_false (fascia_store_add_client (fixture->store, client, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_BUSY);
  g_assert_cmpint (fascia_client_get_id (client), ==, 0);
  g_clear_error (&error);

  /* Reading still works (WAL), and once it lets go, writing does too. */
  list = fascia_store_list_clients (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (fascia_store_add_client (fixture->store, client, &error));
  g_assert_no_error (error);
}

/* Runs @func as an unprivileged user when the tests run as root, who may write anywhere. */
static int
run_unprivileged (int        (*func) (const char *path),
                  const char  *path)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (99);
      _exit (func (path));
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
open_code (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open (path, &error);

  if (store != NULL)
    return 0;

  return 10 + error->code;
}

static void
test_read_only (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autofree char *ro_dir = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *new_db = g_build_filename (ro_dir, "new.db", NULL);
  g_autofree char *old_db = g_build_filename (ro_dir, "old.db", NULL);
  g_autofree char *ro_file_dir = g_build_filename (fixture->dir, "rofile", NULL);
  g_autofree char *ro_file = g_build_filename (ro_file_dir, "old.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (ro_file_dir, 0755), ==, 0);

  /* An existing database in a folder that cannot be written (no room for its WAL). */
  {
    g_autoptr(FasciaStore) store = fascia_store_open (old_db, NULL);
    g_autoptr(FasciaClient) client = fascia_client_new ();

    fascia_client_set_name (client, "Kept Safe");
    g_assert_true (fascia_store_add_client (store, client, NULL));
  }
  if (geteuid () == 0)
    g_assert_cmpint (chown (old_db, 65534, 65534), ==, 0);
  g_assert_cmpint (chmod (old_db, 0600), ==, 0);
  before = read_file (old_db, &before_length);
  g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);

  g_assert_cmpint (run_unprivileged (open_code, new_db), ==, 10 + FASCIA_STORE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (new_db, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_unprivileged (open_code, old_db), ==, 10 + FASCIA_STORE_ERROR_READ_ONLY);
  after = read_file (old_db, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  /* A database file that cannot be written, in a folder that can. */
  {
    g_autoptr(FasciaStore) store = fascia_store_open (ro_file, NULL);
  }
  if (geteuid () == 0)
    g_assert_cmpint (chown (ro_file_dir, 65534, 65534), ==, 0);
  g_assert_cmpint (chmod (ro_file, 0444), ==, 0);
  g_assert_cmpint (run_unprivileged (open_code, ro_file), ==, 10 + FASCIA_STORE_ERROR_READ_ONLY);

  g_assert_cmpint (g_chmod (ro_dir, 0700), ==, 0);
}

static void
test_disk_full (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) kept = fixture_add_client (fixture, "Earlier Edith");
  g_autoptr(FasciaClient) big = fascia_client_new ();
  g_autoptr(FasciaClient) read = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GBytes) csv = NULL;
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  g_autofree char *limit = NULL;
  g_autofree char *note = g_strnfill (512 * 1024, 'x');
  GString *rows = g_string_new ("name,notes\n");

  /* The file may not grow: as good as a full disk to SQLite. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %d", query_int (db, "PRAGMA page_count"));
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  fascia_client_set_name (big, "Later Lorelei");
  fascia_client_set_notes (big, note);
  g_assert_false (fascia_store_add_client (fixture->store, big, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DISK_FULL);
  g_assert_cmpint (fascia_client_get_id (big), ==, 0);
  g_clear_error (&error);

  /* A many-statement transaction rolls back whole. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (rows, "Imported %u,%s\n", i, "a note long enough to fill pages");
  csv = g_string_free_to_bytes (rows);
  g_assert_false (fascia_store_import_clients (fixture->store, csv, NULL, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);

  /* What was there stays, and the store works again once there is room. */
  list = fascia_store_list_clients (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  read = fascia_store_get_client (fixture->store, fascia_client_get_id (kept), &error);
  g_assert_cmpstr (fascia_client_get_name (read), ==, "Earlier Edith");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check "
                                  "WHERE integrity_check != 'ok'"), ==, 0);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (fascia_store_add_client (fixture->store, big, &error));
  g_assert_no_error (error);
  g_assert_true (fascia_store_import_clients (fixture->store, csv, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_backup_restore (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "not-fascia.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(FasciaClient) before = fixture_add_client (fixture, "Before Backup");
  g_autoptr(FasciaClient) after = NULL;
  g_autoptr(FasciaStore) kept_store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  gsize before_length, after_length;
  GStatBuf st;
  int version = 0;

  g_assert_true (fascia_store_backup (fixture->store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (fascia_db_sqlite_check_file (copy, &version, &error));
  g_assert_cmpint (version, ==, fascia_store_get_latest_schema_version ());

  /* Not onto itself. */
  g_assert_false (fascia_store_backup (fixture->store, fixture->path, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  after = fixture_add_client (fixture, "After Backup");
  g_clear_pointer (&fixture->store, g_object_unref);

  /* A file that is not a Fascia database is refused, and nothing changes. */
  g_assert_true (g_file_set_contents (text, "SQLite format 3", -1, NULL));
  db_before = read_file (fixture->path, &before_length);
  g_assert_false (fascia_store_restore (fixture->path, text, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_assert_false (fascia_store_restore (fixture->path, fixture->dir, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  db_after = read_file (fixture->path, &after_length);
  g_assert_cmpmem (db_before, before_length, db_after, after_length);

  /* The backup comes back; what it replaced is kept. */
  g_assert_true (fascia_store_restore (fixture->path, copy, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, fixture->dir));
  g_assert_nonnull (strstr (kept, "backups"));

  store_fixture_reopen (fixture);
  list = fascia_store_list_clients (fixture->store, NULL, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  kept_store = fascia_store_open_full (kept, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  list = fascia_store_list_clients (kept_store, "after", 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_restore_over_damaged (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Rescued Rosalind");
  g_autoptr(GListModel) list = NULL;
  g_autofree char *kept_contents = NULL;

  g_assert_true (fascia_store_backup (fixture->store, copy, &error));
  g_clear_pointer (&fixture->store, g_object_unref);
  g_assert_true (g_file_set_contents (fixture->path, "garbage where a database was", -1, NULL));

  g_assert_true (fascia_store_restore (fixture->path, copy, &kept, &error));
  g_assert_no_error (error);

  /* The damaged file is kept byte for byte. */
  kept_contents = read_file (kept, NULL);
  g_assert_cmpstr (kept_contents, ==, "garbage where a database was");

  store_fixture_reopen (fixture);
  list = fascia_store_list_clients (fixture->store, "rosalind", 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_daily_backups (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Daily Dorothea");
  g_autofree char *backups = fascia_store_get_backup_dir (fixture->store);
  g_autofree char *today = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  /* The first start after there is data makes today's backup, and only one a day. */
  store_fixture_reopen (fixture);
  g_assert_true (g_file_test (backups, G_FILE_TEST_IS_DIR));
  today = fascia_store_backup_daily (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (today);

  /* Twelve older ones: the oldest go, ten are kept, today's among them. */
  for (guint day = 1; day <= 12; day++)
    {
      g_autofree char *old = g_strdup_printf ("%s/fascia-2020-01-%02u.db", backups, day);

      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *file = g_date_time_format (now, "fascia-%Y-%m-%d.db");
    g_autofree char *path = g_build_filename (backups, file, NULL);

    g_assert_cmpint (g_unlink (path), ==, 0);
    g_free (today);
    today = fascia_store_backup_daily (fixture->store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (today, ==, path);
  }

  dir = g_dir_open (backups, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_cmpstr (name, !=, "fascia-2020-01-01.db");
      g_assert_cmpstr (name, !=, "fascia-2020-01-02.db");
      g_assert_cmpstr (name, !=, "fascia-2020-01-03.db");
      n++;
    }
  g_assert_cmpuint (n, ==, FASCIA_STORE_BACKUPS_KEPT);

  {
    int version = 0;

    g_assert_true (fascia_db_sqlite_check_file (today, &version, &error));
    g_assert_no_error (error);
  }
}

static void
test_purge (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) gone = fixture_add_client (fixture, "Purged Prudence");
  g_autoptr(FasciaClient) stays = fixture_add_client (fixture, "Staying Stanislav");
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  FasciaDb *db = fascia_store_get_db (fixture->store);

  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                      fascia_client_get_id (gone), &error));

  /* Deleted just now: not purged by "older than an hour ago". */
  later = g_date_time_add_hours (now, -1);
  g_assert_cmpuint (fascia_store_purge_deleted (fixture->store, later, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_pointer (&later, g_date_time_unref);

  later = g_date_time_add_minutes (now, 1);
  g_assert_cmpuint (fascia_store_purge_deleted (fixture->store, later, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (query_count (db, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_false (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                         fascia_client_get_id (gone), &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
}

static void
test_demo (StoreFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_path = g_build_filename (fixture->dir, "demo", "demo.db", NULL);
  g_autoptr(FasciaStore) demo = NULL;
  g_autoptr(GListModel) clients = NULL;
  guint n_visits = 0, n_marks = 0, n_findings = 0, n_amendments = 0, n_exercises = 0;

  g_assert_true (fascia_store_create_demo (demo_path, &error));
  g_assert_no_error (error);

  /* Never over a real database. */
  g_assert_false (fascia_store_create_demo (fixture->path, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Never through a link, and nothing is left behind in the folder on refusal. */
  {
    g_autofree char *demo_dir = g_path_get_dirname (demo_path);
    g_autofree char *link_path = g_build_filename (demo_dir, "link.db", NULL);
    g_autoptr(GDir) listing = NULL;
    const char *name;
    guint n_files = 0;

    g_assert_cmpint (symlink (demo_path, link_path), ==, 0);
    g_assert_false (fascia_store_create_demo (link_path, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_clear_error (&error);
    g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));

    listing = g_dir_open (demo_dir, 0, NULL);
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_assert_true (g_str_equal (name, "demo.db") || g_str_equal (name, "link.db"));
        n_files++;
      }
    g_assert_cmpuint (n_files, ==, 2);
    g_unlink (link_path);
  }

  demo = fascia_store_open (demo_path, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_is_demo (demo));
  g_assert_false (fascia_store_is_demo (fixture->store));

  clients = fascia_store_list_clients (demo, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 12);

  /* Every client has a plan with targets and visits; every atlas id is one the atlas has. */
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GListModel) plans = fascia_store_list_plans (demo, fascia_client_get_id (client),
                                                             &error);
      g_autoptr(GListModel) visits = fascia_store_list_visits (demo,
                                                               fascia_client_get_id (client),
                                                               &error);

      g_assert_cmpstr (fascia_client_get_name (client), !=, "");
      g_assert_true (g_str_has_suffix (fascia_client_get_email (client), ".org") ||
                     g_str_has_suffix (fascia_client_get_email (client), ".net") ||
                     g_str_has_suffix (fascia_client_get_email (client), ".com"));
      g_assert_nonnull (strstr (fascia_client_get_email (client), "@example."));
      g_assert_cmpuint (g_list_model_get_n_items (plans), >=, 1);
      g_assert_cmpuint (g_list_model_get_n_items (visits), >=, 1);

      for (guint p = 0; p < g_list_model_get_n_items (plans); p++)
        {
          g_autoptr(FasciaPlan) plan = g_list_model_get_item (plans, p);
          g_autoptr(GListModel) targets = fascia_store_list_plan_targets (demo,
                                                                          fascia_plan_get_id (plan),
                                                                          &error);
          g_autoptr(GListModel) exercises =
            fascia_store_list_home_exercises (demo, fascia_plan_get_id (plan), &error);

          g_assert_cmpuint (g_list_model_get_n_items (targets), >=, 1);
          n_exercises += g_list_model_get_n_items (exercises);
          for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
            {
              g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);
              const char * const *techniques = fascia_plan_target_get_technique_ids (target);

              g_assert_true (g_strv_contains (fixture_muscles,
                                              fascia_plan_target_get_muscle_id (target)));
              for (guint k = 0; techniques[k] != NULL; k++)
                g_assert_true (g_strv_contains (fixture_techniques, techniques[k]));
            }
        }

      for (guint v = 0; v < g_list_model_get_n_items (visits); v++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, v);
          g_autoptr(GListModel) marks = fascia_store_list_pain_marks (demo,
                                                                      fascia_visit_get_id (visit),
                                                                      &error);
          g_autoptr(GListModel) findings = fascia_store_list_findings (demo,
                                                                       fascia_visit_get_id (visit),
                                                                       &error);
          g_autoptr(GListModel) amendments =
            fascia_store_list_amendments (demo, fascia_visit_get_id (visit), &error);

          n_visits++;
          n_marks += g_list_model_get_n_items (marks);
          n_findings += g_list_model_get_n_items (findings);
          n_amendments += g_list_model_get_n_items (amendments);
          g_assert_cmpint (fascia_visit_get_pain_before (visit), >=, 0);
          g_assert_cmpstr (fascia_visit_get_subjective (visit), !=, "");

          for (guint m = 0; m < g_list_model_get_n_items (marks); m++)
            {
              g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, m);

              g_assert_true (g_strv_contains (fixture_views, fascia_pain_mark_get_view_id (mark)));
            }
          for (guint f = 0; f < g_list_model_get_n_items (findings); f++)
            {
              g_autoptr(FasciaFinding) finding = g_list_model_get_item (findings, f);

              g_assert_true (g_strv_contains (fixture_muscles,
                                              fascia_finding_get_muscle_id (finding)));
            }
        }
    }

  g_assert_cmpuint (n_visits, >=, 24);
  g_assert_cmpuint (n_marks, >=, n_visits);
  g_assert_cmpuint (n_findings, >=, n_visits);
  g_assert_cmpuint (n_exercises, >=, 12);
  g_assert_cmpuint (n_amendments, >=, 1);
}

/* `--database` with a URI or a keyword string reaches the server; its schema is in
 * `fascia`, with one row per migration in fascia.schema_version; a schema a newer Fascia set
 * up is refused. */
static void
test_server (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) by_uri = NULL;
  g_autoptr(FasciaStore) refused = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Served Sam");
  g_autoptr(FasciaClient) read = NULL;
  g_autofree char *uri = NULL;
  g_auto(GStrv) words = g_strsplit (fixture->path, " ", -1);
  const char *host = words[0] + strlen ("host=");
  const char *dbname = words[1] + strlen ("dbname=");
  g_autofree char *escaped = g_uri_escape_string (host, NULL, FALSE);
  FasciaDb *db = fascia_store_get_db (fixture->store);

  g_assert_true (fascia_store_is_server_database (fixture->path));
  g_assert_false (fascia_store_is_server_database ("/home/someone/fascia/dbname=x.db"));
  g_assert_false (fascia_store_is_server_database ("fascia.db"));
  g_assert_cmpint (fascia_db_get_engine (db), ==, FASCIA_DB_ENGINE_POSTGRESQL);

  uri = g_strdup_printf ("postgresql:///%s?host=%s&user=fascia", dbname, escaped);
  g_assert_true (fascia_store_is_server_database (uri));
  by_uri = fascia_store_open (uri, &error);
  g_assert_no_error (error);
  read = fascia_store_get_client (by_uri, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_name (read), ==, "Served Sam");
  /* Named without what a connection string may hold, such as a password. */
  g_assert_null (strstr (fascia_store_get_path (by_uri), "user="));

  g_assert_cmpint (query_count (db, "SELECT count(*) FROM fascia.schema_version"), ==,
                   fascia_store_get_latest_schema_version ());
  g_assert_cmpint (query_count (db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'fascia' "
                                    "AND tablename IN ('clients', 'plans', 'visits')"), ==, 3);

  g_assert_true (fascia_db_exec (db, "INSERT INTO fascia.schema_version (version) VALUES (99)",
                                 &error));
  g_assert_no_error (error);
  refused = fascia_store_open (fixture->path, &error);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_TOO_NEW);
  g_assert_null (refused);
}

/* --create-demo with a server: the same clinic in an empty database, never over records. */
static void
test_demo_server (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = pg_server_new_database ();
  g_autoptr(FasciaStore) demo = NULL;
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Real Rosalind");

  g_assert_false (fascia_store_create_demo (fixture->path, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (fascia_store_is_demo (fixture->store));

  g_assert_true (fascia_store_create_demo (empty, &error));
  g_assert_no_error (error);
  demo = fascia_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_is_demo (demo));
  clients = fascia_store_list_clients (demo, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 12);

  /* A second demo would go over the first's records. */
  g_assert_false (fascia_store_create_demo (empty, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
}

/* Another connection holding a lock makes a change wait for the busy timeout, then fail
 * as busy, changing nothing; reads go on. */
static void
test_busy_server (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GListModel) list = NULL;
  PGconn *other = PQconnectdb (fixture->path);
  PGresult *result;

  g_assert_cmpint (PQstatus (other), ==, CONNECTION_OK);
  result = PQexec (other, "BEGIN; LOCK TABLE fascia.clients IN EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  fascia_store_set_busy_timeout (fixture->store, 50);
  fascia_client_set_name (client, "Waiting Wendell");
  g_assert_false (fascia_store_add_client (fixture->store, client, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_BUSY);
  g_assert_cmpint (fascia_client_get_id (client), ==, 0);
  g_clear_error (&error);

  list = fascia_store_list_clients (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  PQclear (PQexec (other, "COMMIT"));
  PQfinish (other);

  g_assert_true (fascia_store_add_client (fixture->store, client, &error));
  g_assert_no_error (error);
}

static void
cancel_at_first_cb (double   fraction,
                    gpointer data)
{
  if (fraction < 1.0)
    g_cancellable_cancel (data);
}

/* --copy-database: a clinic in a file onto the server and back into a new file, every
 * table's rows and checksum the same each way; a target with records, or a file that
 * exists, is refused; a copy stopped midway leaves the target empty. */
static void
test_copy_database (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = g_build_filename (fixture->dir, "demo.db", NULL);
  g_autofree char *back = g_build_filename (fixture->dir, "back.db", NULL);
  g_autofree char *other = pg_server_new_database ();
  g_autoptr(GString) up = g_string_new (NULL);
  g_autoptr(GString) down = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FasciaStore) copied = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(FasciaClient) added = NULL;
  gint64 max_id;

  g_assert_true (fascia_store_create_demo_full (demo, 40, &error));
  g_assert_no_error (error);

  /* Up to the server (the fixture's empty database), then down into a new file. */
  g_assert_true (fascia_store_copy_database_to (demo, fixture->path, NULL, NULL, NULL, up,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (fascia_store_copy_database_to (fixture->path, back, NULL, NULL, NULL, down,
                                                &error));
  g_assert_no_error (error);
  g_test_message ("%s", up->str);
  g_assert_nonnull (strstr (up->str, "clients"));
  g_assert_nonnull (strstr (up->str, "pain_marks"));
  g_assert_cmpstr (up->str, ==, down->str);
  /* Each mark and target added carries its own token (the journal's replay asks the server
   * for it), moved with it: the checksums compared each way hold them. */
  g_assert_cmpint (pg_server_count (fixture->path, "SELECT count(*) FROM fascia.pain_marks"), >, 0);
  g_assert_cmpint (pg_server_count (fixture->path,
                                 "SELECT count(DISTINCT add_token) FROM fascia.pain_marks"), ==,
                   pg_server_count (fixture->path, "SELECT count(*) FROM fascia.pain_marks"));
  g_assert_cmpint (pg_server_count (fixture->path,
                                 "SELECT count(DISTINCT add_token) FROM fascia.plan_targets"), ==,
                   pg_server_count (fixture->path, "SELECT count(*) FROM fascia.plan_targets"));

  /* The window sees the same clinic, and a new client goes on after the copied ids. */
  copied = fascia_store_open_full (back, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_is_demo (copied));
  before = fascia_store_list_clients (copied, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  after = fascia_store_list_clients (fixture->store, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 52);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 52);
  max_id = pg_server_count (fixture->path, "SELECT max(id) FROM fascia.clients");
  added = fixture_add_client (fixture, "After The Move");
  g_assert_cmpint (fascia_client_get_id (added), >, max_id);

  /* Never over records, nor over a file. */
  g_assert_false (fascia_store_copy_database_to (demo, fixture->path, NULL, NULL, NULL, NULL,
                                                 &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (fascia_store_copy_database_to (fixture->path, back, NULL, NULL, NULL, NULL,
                                                 &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* All or nothing: stopped after the first rows, the target holds none. */
  g_assert_false (fascia_store_copy_database_to (demo, other, cancellable, cancel_at_first_cb,
                                                 cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (pg_server_count (other, "SELECT count(*) FROM fascia.clients"), ==, 0);
  g_assert_cmpint (pg_server_count (other, "SELECT count(*) FROM fascia.visits"), ==, 0);
}

/* Runs @sql on @conninfo; returns the SQLSTATE of its error, or NULL if it succeeded. */
static char *
server_try (const char *conninfo,
            const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  char *state = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return state;
}

static void
assert_server_ok (const char *conninfo,
                  const char *sql)
{
  g_autofree char *state = server_try (conninfo, sql);

  if (state != NULL)
    g_error ("“%s” failed: %s", sql, state);
}

/* Refused by the server itself: insufficient_privilege. */
static void
assert_server_denied (const char *conninfo,
                      const char *sql)
{
  g_autofree char *state = server_try (conninfo, sql);

  if (g_strcmp0 (state, "42501") != 0)
    g_error ("“%s” was not refused (%s)", sql, state != NULL ? state : "it succeeded");
}

/* A login of @role on the fixture's database. */
static char *
login_as (StoreFixture *fixture,
          const char   *login,
          const char   *role)
{
  g_autofree char *create = g_strdup_printf (
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN "
    "CREATE ROLE %s LOGIN; END IF; END $$; GRANT %s TO %s", login, login, role, login);
  g_auto(GStrv) words = g_strsplit (fixture->path, " user=", 2);

  assert_server_ok (fixture->path, create);
  return g_strdup_printf ("%s user=%s", words[0], login);
}

/* --setup-clinic: the two roles, by the server's grants. The front desk reads and changes
 * clients' contact details and archive state and is refused, by the server, every health
 * column and clinical table; a therapist has every record; running it again changes
 * nothing. The store opened as the front desk lists clients and says the rest is denied. */
static void
test_setup_clinic (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Front Desk Fiona");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaStore) desk = NULL;
  g_autoptr(FasciaStore) therapist = NULL;
  g_autoptr(FasciaClient) read = NULL;
  g_autoptr(FasciaClient) added = fascia_client_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *desk_login = NULL;
  g_autofree char *therapist_login = NULL;
  static const char * const denied[] = {
    "SELECT health_notes FROM fascia.clients",
    "SELECT notes FROM fascia.clients",
    "SELECT red_flags, pregnancy, anticoagulants FROM fascia.clients",
    "SELECT * FROM fascia.clients",
    "UPDATE fascia.clients SET health_notes = 'x'",
    "DELETE FROM fascia.clients",
    "SELECT count(*) FROM fascia.plans",
    "SELECT count(*) FROM fascia.visits",
    "SELECT count(*) FROM fascia.pain_marks",
    "SELECT count(*) FROM fascia.findings",
    "SELECT count(*) FROM fascia.amendments",
    "SELECT count(*) FROM fascia.plan_targets",
    "SELECT count(*) FROM fascia.home_exercises",
    "INSERT INTO fascia.visits (client_id, visited_at, created_at, updated_at) "
    "VALUES (1, 1, 1, 1)",
  };

  fascia_client_set_health_notes (client, "Anticoagulants since March");
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  g_assert_no_error (error);
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Low back");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  g_assert_true (fascia_store_setup_clinic (fixture->path, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "fascia_reception"));
  /* Again: idempotent. */
  g_assert_true (fascia_store_setup_clinic (fixture->path, NULL, &error));
  g_assert_no_error (error);

  desk_login = login_as (fixture, "desk_login", "fascia_reception");
  therapist_login = login_as (fixture, "therapist_login", "fascia_therapist");

  /* The front desk, by hand: contact details yes, the rest refused by the server. */
  assert_server_ok (desk_login, "SELECT id, name, email, phone, date_of_birth, archived "
                                "FROM fascia.clients");
  assert_server_ok (desk_login, "UPDATE fascia.clients SET phone = '555 0100', archived = 1");
  assert_server_ok (desk_login, "UPDATE fascia.clients SET archived = 0");
  /* A client it added while the server was away: its token, and whether it was purged. */
  assert_server_ok (desk_login, "SELECT id FROM fascia.clients WHERE add_token = 'x'");
  assert_server_ok (desk_login, "SELECT 1 FROM fascia.purged_add_tokens WHERE add_token = 'x'");
  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    assert_server_denied (desk_login, denied[i]);
  /* Nor can it give itself more. */
  assert_server_denied (desk_login, "GRANT fascia_therapist TO desk_login");

  /* A therapist, by hand: every record. */
  assert_server_ok (therapist_login, "SELECT health_notes FROM fascia.clients");
  assert_server_ok (therapist_login, "SELECT count(*) FROM fascia.visits");
  assert_server_ok (therapist_login, "SELECT count(*) FROM fascia.purged_add_tokens");
  assert_server_denied (therapist_login, "DELETE FROM fascia.schema_version");

  /* The store as the front desk: the list and contact details, health columns empty, and a
   * clear refusal of the clinical records. */
  desk = fascia_store_open (desk_login, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_store_get_access (desk), ==, FASCIA_STORE_ACCESS_CONTACTS);
  g_assert_cmpint (fascia_store_get_access (fixture->store), ==, FASCIA_STORE_ACCESS_FULL);
  list = fascia_store_list_clients (desk, "fiona", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  read = fascia_store_get_client (desk, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_name (read), ==, "Front Desk Fiona");
  g_assert_cmpstr (fascia_client_get_phone (read), ==, "555 0100");
  g_assert_cmpstr (fascia_client_get_health_notes (read), ==, "");
  fascia_client_set_email (read, "fiona@example.org");
  g_assert_true (fascia_store_update_client (desk, read, &error));
  g_assert_no_error (error);
  g_assert_true (fascia_store_set_client_archived (desk, fascia_client_get_id (read), TRUE,
                                                   &error));
  g_assert_no_error (error);
  fascia_client_set_name (added, "Walk-in Wilfred");
  fascia_client_set_phone (added, "555 0199");
  g_assert_true (fascia_store_add_client (desk, added, &error));
  g_assert_no_error (error);
  plans = fascia_store_list_plans (desk, fascia_client_get_id (client), &error);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DENIED);
  g_assert_null (plans);
  g_clear_error (&error);

  /* The health notes the desk never saw are still there. */
  g_clear_object (&read);
  read = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_health_notes (read), ==, "Anticoagulants since March");
  g_assert_cmpstr (fascia_client_get_email (read), ==, "fiona@example.org");

  /* The store as a therapist: everything. */
  therapist = fascia_store_open (therapist_login, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_store_get_access (therapist), ==, FASCIA_STORE_ACCESS_FULL);
  g_clear_object (&plans);
  plans = fascia_store_list_plans (therapist, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);

  /* The audit trail names who changed what: therapists read it; nobody alters it, not even
   * the owner without dropping its trigger; the front desk does not see it. */
  g_assert_cmpint (pg_server_count (therapist_login, "SELECT count(*) FROM fascia.audit_log "
                                 "WHERE changed_by = 'desk_login' AND table_name = 'clients' "
                                 "AND operation = 'UPDATE'"), >=, 3);
  g_assert_cmpint (pg_server_count (therapist_login, "SELECT count(*) FROM fascia.audit_log "
                                 "WHERE changed_by = 'desk_login' AND operation = 'INSERT'"),
                   ==, 1);
  g_assert_cmpint (pg_server_count (therapist_login, "SELECT count(*) FROM fascia.audit_log "
                                 "WHERE changed_by = 'fascia' AND table_name = 'plans'"), ==, 1);
  assert_server_denied (therapist_login, "UPDATE fascia.audit_log SET changed_by = 'nobody'");
  assert_server_denied (therapist_login, "DELETE FROM fascia.audit_log");
  assert_server_denied (therapist_login, "INSERT INTO fascia.audit_log (table_name, operation) "
                                         "VALUES ('clients', 'DELETE')");
  assert_server_denied (desk_login, "SELECT count(*) FROM fascia.audit_log");
  assert_server_denied (fixture->path, "DELETE FROM fascia.audit_log");
  assert_server_denied (fixture->path, "UPDATE fascia.audit_log SET changed_by = 'nobody'");
  assert_server_denied (fixture->path, "TRUNCATE fascia.audit_log");
}

/* The write-ahead log is cut back to 4 MiB once what it holds is in the database: an import of
 * thousands of clients (or a preview's trial of one, rolled back) left a log of tens of MB
 * beside the database, holding the clients' words, for as long as the window stayed open,
 * where the database itself overwrites what is deleted (secure_delete). */
static void
test_wal_cut_back (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *notes = g_strnfill (8 * 1024, 'n');
  GStatBuf st;

  g_assert_true (fascia_store_begin_batch (fixture->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 1500; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Client %u", i);

      fascia_client_set_name (client, name);
      fascia_client_set_notes (client, notes);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
  g_assert_true (fascia_store_end_batch (fixture->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_test_message ("log after the import: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, >, 10 * 1024 * 1024);

  /* The next change starts the log again from its beginning, and cuts it back. */
  g_object_unref (fixture_add_client (fixture, "One More"));
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_test_message ("log after the next change: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, <=, 4 * 1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_SQLITE ("/fascia/core/store/create", test_create);
  STORE_TEST_SQLITE ("/fascia/core/store/wal-cut-back", test_wal_cut_back);
  STORE_TEST_SQLITE ("/fascia/core/store/not-a-database", test_not_a_database);
  STORE_TEST_SQLITE ("/fascia/core/store/corrupt", test_corrupt);
  STORE_TEST_SQLITE ("/fascia/core/store/too-new", test_too_new);
  STORE_TEST_SQLITE ("/fascia/core/store/busy", test_busy);
  STORE_TEST_SQLITE ("/fascia/core/store/read-only", test_read_only);
  STORE_TEST_SQLITE ("/fascia/core/store/disk-full", test_disk_full);
  STORE_TEST_SQLITE ("/fascia/core/store/backup-restore", test_backup_restore);
  STORE_TEST_SQLITE ("/fascia/core/store/restore-over-damaged", test_restore_over_damaged);
  STORE_TEST_SQLITE ("/fascia/core/store/daily-backups", test_daily_backups);
  STORE_TEST ("/fascia/core/store/purge", test_purge);
  g_test_add ("/postgresql/fascia/core/store/server", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_server, store_fixture_tear_down);
  STORE_TEST_SQLITE ("/fascia/core/store/demo", test_demo);
  g_test_add ("/postgresql/fascia/core/store/demo", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_demo_server, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/copy-database", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_copy_database, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/setup-clinic", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_setup_clinic, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/busy", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_busy_server, store_fixture_tear_down);

  return g_test_run ();
}
