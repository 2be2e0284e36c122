/* fascia-db-sqlite.c — the SQLite engine: the solo therapist's file.
 *
 * Statements are sqlite3 statements behind fascia-db.h. Opening a file is where SQLite's own
 * machinery lives: the file is looked at before SQLite touches it, its application id and
 * PRAGMA user_version are read, its schema is verified against what the migrations build,
 * and it is upgraded (with a copy kept first) and put in WAL mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-paths.h"

#include "fascia-db-private.h"
#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"

/* SQLite's busy timeout, made to stop waiting as soon as @cancellable is cancelled: a job
 * (an import, a restore) that waits for a lock another program holds on the file ends at once
 * on Cancel, not when the timeout ends. */
typedef struct
{
  GCancellable *cancellable;
  guint         timeout;  /* milliseconds */
  gint64        since;    /* when the wait began */
} BusyWait;

typedef struct
{
  FasciaDb  parent;
  sqlite3  *handle;
  BusyWait  busy;
} SqliteDb;

typedef struct
{
  FasciaDbStmt  parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define DEFAULT_BUSY_TIMEOUT_MS 5000

static const FasciaDbClass sqlite_class;

#define HANDLE(db) (((SqliteDb *) (db))->handle)
#define STMT(s) (((SqliteStmt *) (s))->stmt)

/* How often a wait for another connection's lock looks whether it was cancelled. */
#define BUSY_STEP_MS 10

/* SQLite's busy handler: as its busy timeout (wait up to @timeout ms in all, then fail with
 * SQLITE_BUSY), but in steps of BUSY_STEP_MS, giving up at once when cancelled. */
static int
busy_wait_cb (void *data,
              int   n_calls)
{
  BusyWait *busy = data;
  gint64 now = g_get_monotonic_time ();
  gint64 left;

  if (n_calls == 0)
    busy->since = now;
  if (g_cancellable_is_cancelled (busy->cancellable))
    return 0;
  left = busy->since + (gint64) busy->timeout * 1000 - now;
  if (left <= 0)
    return 0;
  g_usleep ((gulong) MIN (left, BUSY_STEP_MS * 1000));
  return 1;
}

/* @handle waits for another connection's lock up to @busy's timeout, and with @busy's
 * cancellable (if any) no longer than until it is cancelled. */
static void
busy_wait_install (sqlite3  *handle,
                   BusyWait *busy)
{
  if (busy->cancellable != NULL)
    sqlite3_busy_handler (handle, busy_wait_cb, busy);
  else
    sqlite3_busy_timeout (handle, (int) MIN (busy->timeout, G_MAXINT));
}

/* Errors */

static int
store_error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return FASCIA_STORE_ERROR_BUSY;
    case SQLITE_FULL:
      return FASCIA_STORE_ERROR_DISK_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return FASCIA_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
      return FASCIA_STORE_ERROR_IO;
    case SQLITE_NOTADB:
      return FASCIA_STORE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return FASCIA_STORE_ERROR_CORRUPT;
    case SQLITE_IOERR:
      return FASCIA_STORE_ERROR_IO;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return FASCIA_STORE_ERROR_INVALID;
    default:
      return FASCIA_STORE_ERROR_FAILED;
    }
}

static char *
backup_dir_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_build_filename (dir, "backups", NULL);
}

/*
 * fascia_store_set_sqlite_error:
 * @db: (nullable): the connection, for its message
 * @rc: an SQLite result code
 * @path: (nullable): the database file, named in errors that need it
 *
 * Turns @rc into a FASCIA_STORE_ERROR with a message a therapist can act on.
 *
 * Returns: %FALSE, so callers can `return fascia_store_set_sqlite_error (…);`
 */
gboolean
fascia_store_set_sqlite_error (sqlite3     *db,
                               int          rc,
                               const char  *path,
                               GError     **error)
{
  int code = store_error_code (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *backups = path != NULL ? backup_dir_for (path) : NULL;

  switch (code)
    {
    case FASCIA_STORE_ERROR_NOT_A_DATABASE:
    case FASCIA_STORE_ERROR_CORRUPT:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "The database “%s” is damaged or is not a Fascia database (%s). It was left "
                   "as it is; restore a copy from the backups in “%s”.",
                   path ? path : "", detail, backups ? backups : "");
      break;
    case FASCIA_STORE_ERROR_BUSY:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "The database%s%s%s is in use by another program; nothing was changed. "
                   "Close the other program and try again (%s).",
                   path ? " “" : "", path ? path : "", path ? "”" : "", detail);
      break;
    case FASCIA_STORE_ERROR_DISK_FULL:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "The disk is full; this change%s%s%s was not saved and earlier data is "
                   "intact (%s).",
                   path ? " to “" : "", path ? path : "", path ? "”" : "", detail);
      break;
    case FASCIA_STORE_ERROR_READ_ONLY:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "The database “%s” or its folder cannot be written; nothing was changed (%s).",
                   path ? path : "", detail);
      break;
    case FASCIA_STORE_ERROR_INVALID:
      g_set_error (error, FASCIA_STORE_ERROR, code, "A value is not allowed: %s", detail);
      break;
    default:
      if (path != NULL)
        g_set_error (error, FASCIA_STORE_ERROR, code, "Database error in “%s”: %s", path,
                     detail);
      else
        g_set_error (error, FASCIA_STORE_ERROR, code, "Database error: %s", detail);
      break;
    }

  return FALSE;
}

/* SQLITE_BUSY after a wait for a lock cut short by a cancel is a cancel. */
static gboolean
set_busy_cancelled (BusyWait  *busy,
                    int        rc,
                    GError   **error)
{
  if ((rc & 0xff) != SQLITE_BUSY || !g_cancellable_is_cancelled (busy->cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       "Cancelled while waiting for another program to let go of the database");
  return TRUE;
}

static gboolean
fail (FasciaDb  *db,
      int        rc,
      GError   **error)
{
  if (set_busy_cancelled (&((SqliteDb *) db)->busy, rc, error))
    return FALSE;
  return fascia_store_set_sqlite_error (HANDLE (db), rc, db->name, error);
}

/* The connection */

static void
sqlite_close (FasciaDb *db)
{
  /* Keeps the planner's statistics fresh as the clinic grows; cheap when nothing is due. */
  sqlite3_exec (HANDLE (db), "PRAGMA optimize", NULL, NULL, NULL);
  sqlite3_close (HANDLE (db));
  g_clear_object (&((SqliteDb *) db)->busy.cancellable);
  g_free (db->name);
  g_free (db);
}

static gboolean
sqlite_exec (FasciaDb    *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (HANDLE (db), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return fail (db, rc, error);

  return TRUE;
}

/* IMMEDIATE takes the write lock now, so a busy database fails here, before any work. */
static gboolean
sqlite_begin (FasciaDb  *db,
              GError   **error)
{
  return sqlite_exec (db, "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (FasciaDb  *db,
               GError   **error)
{
  return sqlite_exec (db, "COMMIT", error);
}

static void
sqlite_rollback (FasciaDb *db)
{
  /* After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled back. */
  if (!sqlite3_get_autocommit (HANDLE (db)))
    sqlite3_exec (HANDLE (db), "ROLLBACK", NULL, NULL, NULL);
}

static gint64
sqlite_changes (FasciaDb *db)
{
  return sqlite3_changes64 (HANDLE (db));
}

/* Statements */

static FasciaDbStmt *
sqlite_prepare (FasciaDb    *db,
                const char  *sql,
                gboolean     persistent,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  SqliteStmt *self;
  int rc;

  rc = sqlite3_prepare_v3 (HANDLE (db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fail (db, rc, error);
      return NULL;
    }

  self = g_new0 (SqliteStmt, 1);
  self->parent.db = db;
  self->stmt = stmt;
  return &self->parent;
}

static void
sqlite_stmt_free (FasciaDbStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_stmt_reset (FasciaDbStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
  sqlite3_clear_bindings (STMT (stmt));
}

static void
sqlite_bind_int64 (FasciaDbStmt *stmt,
                   int           index,
                   gint64        value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (FasciaDbStmt *stmt,
                    int           index,
                    double        value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (FasciaDbStmt *stmt,
                  int           index,
                  const char   *text)
{
  sqlite3_bind_text (STMT (stmt), index, text, -1, SQLITE_STATIC);
}

static void
sqlite_bind_null (FasciaDbStmt *stmt,
                  int           index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static FasciaDbStep
sqlite_step (FasciaDbStmt  *stmt,
             GError       **error)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return FASCIA_DB_ROW;
  if (rc == SQLITE_DONE)
    return FASCIA_DB_DONE;

  fail (stmt->db, rc, error);
  return FASCIA_DB_ERROR;
}

static gint64
sqlite_column_int64 (FasciaDbStmt *stmt,
                     int           column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (FasciaDbStmt *stmt,
                      int           column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
sqlite_column_text (FasciaDbStmt *stmt,
                    int           column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static gboolean
sqlite_column_is_null (FasciaDbStmt *stmt,
                       int           column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

/* A statement waiting for another connection's lock (the busy timeout) stops waiting when
 * @cancellable is cancelled, and fails with G_IO_ERROR_CANCELLED. */
static void
sqlite_set_answer_cancellable (FasciaDb     *db,
                               GCancellable *cancellable)
{
  SqliteDb *self = (SqliteDb *) db;

  g_set_object (&self->busy.cancellable, cancellable);
  busy_wait_install (self->handle, &self->busy);
}

static const FasciaDbClass sqlite_class = {
  .engine = FASCIA_DB_ENGINE_SQLITE,
  .set_answer_cancellable = sqlite_set_answer_cancellable,
  .close = sqlite_close,
  .exec = sqlite_exec,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .changes = sqlite_changes,
  .prepare = sqlite_prepare,
  .stmt_free = sqlite_stmt_free,
  .stmt_reset = sqlite_stmt_reset,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_is_null = sqlite_column_is_null,
};

/*
 * fascia_db_sqlite_wrap:
 * @handle: (transfer full): an open connection
 * @name: the file, for messages
 *
 * Returns: (transfer full): @handle behind fascia-db.h; fascia_db_close() closes it.
 */
FasciaDb *
fascia_db_sqlite_wrap (sqlite3    *handle,
                       const char *name)
{
  SqliteDb *self = g_new0 (SqliteDb, 1);

  self->parent.klass = &sqlite_class;
  self->parent.name = g_strdup (name);
  self->handle = handle;
  self->busy.timeout = DEFAULT_BUSY_TIMEOUT_MS;
  busy_wait_install (handle, &self->busy);
  return &self->parent;
}

/* For SQLite's own machinery (migrations, backups) and the SQLite engine's tests. */
sqlite3 *
fascia_db_sqlite_get_handle (FasciaDb *db)
{
  g_return_val_if_fail (db != NULL && db->klass == &sqlite_class, NULL);

  return HANDLE (db);
}

void
fascia_db_sqlite_set_busy_timeout (FasciaDb *db,
                                   guint     milliseconds)
{
  SqliteDb *self = (SqliteDb *) db;

  g_return_if_fail (db != NULL && db->klass == &sqlite_class);

  self->busy.timeout = milliseconds;
  busy_wait_install (self->handle, &self->busy);
}

char *
fascia_db_sqlite_describe (void)
{
  return g_strdup_printf ("SQLite %s", sqlite3_libversion ());
}

/* A file renamed into place only when whole (the demo clinic) needs no sync on every commit. */
void
fascia_db_sqlite_set_unsynced (FasciaDb *db)
{
  sqlite3_exec (fascia_db_sqlite_get_handle (db), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
}

/* Opening a file */

static gboolean
has_sqlite_header (const char  *path,
                   gboolean    *empty,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, FASCIA_STORE_ERROR,
                   saved_errno == EACCES ? FASCIA_STORE_ERROR_READ_ONLY : FASCIA_STORE_ERROR_IO,
                   "Could not read “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  *empty = (n == 0);
  return n == 0 || (n == sizeof header && memcmp (header, magic, sizeof header) == 0);
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *dir = g_path_get_dirname (path);

      if (saved_errno == EEXIST)
        return TRUE;

      if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_READ_ONLY,
                     "Cannot create the database in “%s”: the folder is read-only", dir);
      else
        g_set_error (error, FASCIA_STORE_ERROR,
                     saved_errno == ENOSPC ? FASCIA_STORE_ERROR_DISK_FULL
                                           : FASCIA_STORE_ERROR_IO,
                     "Cannot create the database “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           const char  *path,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return fascia_store_set_sqlite_error (db, rc, path, error);

  return TRUE;
}

/* WAL lets the UI read while a write is under way, and never rewrites committed pages in
 * place. It needs the folder to be writable (for the -wal and -shm files). */
static gboolean
set_wal (sqlite3     *db,
         const char  *path,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return fascia_store_set_sqlite_error (db, rc, path, error);

  if (!wal)
    return fascia_store_set_sqlite_error (NULL, SQLITE_READONLY, path, error);

  return TRUE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *path,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return fascia_store_set_sqlite_error (db, rc, path, error);

  return TRUE;
}

/* What is at @path: nothing (*existed FALSE), or a regular file, perhaps through a link to
 * one. A link to nothing, to an empty file or to anything but a regular file is refused: the
 * database is never created or adopted through a link. */
static gboolean
check_database_path (const char  *path,
                     gboolean    *existed,
                     GError     **error)
{
  GStatBuf link_st, st;

  *existed = FALSE;
  if (g_lstat (path, &link_st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                   "Could not open the database “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s” is a symbolic link to a file that does not exist; Fascia does not "
                   "create its database through a link", path);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s” is not a regular file (%s); it was left as it is", path,
                   S_ISDIR (st.st_mode) ? "a folder" : "a device, pipe or socket");
      return FALSE;
    }

  if (S_ISLNK (link_st.st_mode) && st.st_size == 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s” is a symbolic link to an empty file; Fascia does not create its "
                   "database through a link. It was left as it is.", path);
      return FALSE;
    }

  *existed = TRUE;
  return TRUE;
}


static void
close_handle (sqlite3 *handle)
{
  sqlite3_close (handle);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_handle)

/*
 * fascia_db_sqlite_open:
 * @path: the database file, created (mode 0600, in a folder made 0700) if it does not exist
 * @backup_before_upgrade: keep a copy in the backups folder before an upgrade
 * @had_data: (out): whether the file existed with something in it
 *
 * Opens @path only if it is Fascia's (or empty), verifies its schema, upgrades it to the
 * latest version and turns WAL on. A file that is not Fascia's, is damaged or comes from a
 * newer Fascia is never changed.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set.
 */
FasciaDb *
fascia_db_sqlite_open (const char  *path,
                       gboolean     backup_before_upgrade,
                       gboolean    *had_data,
                       GError     **error)
{
  g_autoptr(sqlite3) handle = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean existed, empty = TRUE;
  int app_id = 0, version = 0, n_objects = 0, n_pages = -1;
  int latest = fascia_store_migrate_latest ();
  FasciaDb *db;
  int rc;

  dir = g_path_get_dirname (path);
  if (!fascia_paths_ensure_private_dir (dir, &local_error))
    {
      g_set_error (error, FASCIA_STORE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
                   ? FASCIA_STORE_ERROR_READ_ONLY : FASCIA_STORE_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  if (!check_database_path (path, &existed, error))
    return NULL;

  /* Look before SQLite opens it: a file that is not SQLite must never be touched. */
  if (existed)
    {
      if (!has_sqlite_header (path, &empty, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          return (fascia_store_set_sqlite_error (NULL, SQLITE_NOTADB, path, error), NULL);
        }
    }
  else if (!create_private_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    return (fascia_store_set_sqlite_error (handle, rc, path, error), NULL);

  if (sqlite3_db_readonly (handle, "main") == 1)
    return (fascia_store_set_sqlite_error (NULL, SQLITE_READONLY, path, error), NULL);

  sqlite3_busy_timeout (handle, DEFAULT_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (handle, TRUE);

  /* Read only, so far: whose file is it, and which schema? */
  if (!query_int (handle, "PRAGMA application_id", path, &app_id, &local_error) ||
      !query_int (handle, "PRAGMA user_version", path, &version, &local_error) ||
      !query_int (handle, "SELECT count(*) FROM sqlite_schema", path, &n_objects, &local_error))
    {
      /* A WAL database cannot even be read without room for its -shm file beside it. */
      if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO) &&
          g_access (dir, W_OK) != 0)
        return (fascia_store_set_sqlite_error (NULL, SQLITE_READONLY, path, error), NULL);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Only a file with nothing in it at all is Fascia's to take: an SQLite file another
   * program made, even one without tables yet, is that program's. */
  if (app_id == 0 && version == 0 && n_objects == 0 &&
      !query_int (handle, "PRAGMA page_count", path, &n_pages, error))
    return NULL;

  if (app_id != FASCIA_STORE_APPLICATION_ID && !(app_id == 0 && version == 0 && n_pages == 0))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s” is an SQLite database of another program, not a Fascia database. "
                   "It was left as it is.", path);
      return NULL;
    }

  if (!fascia_store_check_version (path, app_id, version, error))
    return NULL;

  /* Before anything is written: the tables must be the ones Fascia made, with no trigger or
   * view of anyone else's. */
  if (version > 0 && !fascia_store_verify_schema (handle, version, path, error))
    return NULL;

  /* The write-ahead log is cut back to 4 MiB once what it holds is in the database, rather
   * than staying as large as the largest transaction (an import, or a preview's trial of one
   * rolled back), the clients' words in it, while the window is open. */
  if (!exec_sql (handle,
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA secure_delete = ON;"
                 "PRAGMA journal_size_limit = 4194304;",
                 path, error))
    return NULL;

  /* An adopted empty file is made private like a new one. */
  if (existed && version == 0 && g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_READ_ONLY,
                   "Could not make “%s” private (mode 0600): %s", path, g_strerror (saved_errno));
      return NULL;
    }

  db = fascia_db_sqlite_wrap (g_steal_pointer (&handle), path);

  /* An upgrade is the riskiest write a database sees: keep a copy of what it was. */
  if (version > 0 && version < latest && backup_before_upgrade)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *backups = backup_dir_for (path);
      g_autofree char *name = g_strdup_printf ("fascia-%s-before-schema-%d.db", stamp, latest);
      g_autofree char *copy = g_build_filename (backups, name, NULL);

      if (!fascia_paths_ensure_private_dir (backups, &local_error))
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO, "%s",
                       local_error->message);
          goto failed;
        }

      if (!fascia_store_copy_database (db, copy, error))
        goto failed;
    }

  if (!fascia_store_migrate (HANDLE (db), latest, &local_error))
    {
      if (local_error->domain == FASCIA_STORE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED, "%s",
                     local_error->message);
      goto failed;
    }

  /* After the first migration, so that a crash before it leaves an empty file, not an SQLite
   * file without tables that would look like another program's. */
  if (!set_wal (HANDLE (db), path, error))
    goto failed;

  *had_data = existed && !empty;
  return db;

failed:
  sqlite3_close (HANDLE (db));
  g_clear_object (&((SqliteDb *) db)->busy.cancellable);
  g_free (db->name);
  g_free (db);
  return NULL;
}

static gboolean
io_error (const char  *what,
          const char  *path,
          int          saved_errno,
          GError     **error)
{
  g_set_error (error, FASCIA_STORE_ERROR,
               saved_errno == ENOSPC ? FASCIA_STORE_ERROR_DISK_FULL
               : (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
               ? FASCIA_STORE_ERROR_READ_ONLY : FASCIA_STORE_ERROR_IO,
               "%s “%s”: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

/* Read-only and immutable: checking or copying a backup must never change it, nor need a
 * -shm file beside it (a backup in a read-only folder), and what is copied is what was
 * checked. */
static int
open_immutable (const char  *path,
                sqlite3    **db)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);

  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

/*
 * fascia_db_sqlite_check_file:
 * @version: (out): its schema version
 *
 * Whether @path is a whole Fascia database this version can open: an SQLite file with
 * Fascia's application id, a known schema version, and no damage.
 */
gboolean
fascia_db_sqlite_check_file (const char  *path,
                             int         *version,
                             GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  sqlite3 *db = NULL;
  GStatBuf st;
  sqlite3_stmt *stmt = NULL;
  char header[16] = { 0 };
  int app_id = 0, rc, fd;
  gboolean ok = FALSE;

  /* Never blocks on a pipe, never reads a device. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return io_error ("Could not read", path, errno, error);
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s” is not a regular file, so not a Fascia database", path);
      return FALSE;
    }
  rc = read (fd, header, sizeof header);
  close (fd);

  if (rc != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s” is not a Fascia database", path);
      return FALSE;
    }

  rc = open_immutable (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                             "(SELECT user_version FROM pragma_user_version), "
                             "(SELECT quick_check FROM pragma_quick_check(1))", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int (stmt, 0);
      *version = sqlite3_column_int (stmt, 1);

      if (app_id != FASCIA_STORE_APPLICATION_ID)
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                     "“%s” is not a Fascia database", path);
      else if (!fascia_store_check_version (path, app_id, *version, error))
        ;
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "ok") != 0)
        {
          g_autofree char *detail = fascia_text_excerpt ((const char *) sqlite3_column_text (stmt, 2),
                                                         -1, 200);

          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT,
                       "“%s” is damaged: %s", path, detail);
        }
      else
        {
          sqlite3_finalize (stmt);
          stmt = NULL;
          ok = fascia_store_verify_schema (db, *version, path, error);
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      fascia_store_set_sqlite_error (db, rc, NULL, &local_error);
      g_set_error (error, FASCIA_STORE_ERROR, local_error->code,
                   "“%s” is not a readable Fascia database: %s", path, sqlite3_errstr (rc));
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* Backups: SQLite's online backup API reads a consistent snapshot even while the database is
 * in use, and includes what is still in the WAL. */

/* Copies every page of @from into @to, the whole database in one step (-1) under one read
 * lock on @from. */
static int
copy_pages (sqlite3 *from,
            sqlite3 *to)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (to);

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * fascia_db_sqlite_backup_into:
 * @destination: a new, empty file (the temporary file of a #FasciaFileWriter)
 *
 * Writes a complete, self-contained copy (no WAL beside it) of @source into @destination.
 */
gboolean
fascia_db_sqlite_backup_into (FasciaDb    *source,
                              const char  *destination,
                              GError     **error)
{
  sqlite3 *dest = NULL;
  int rc;

  rc = sqlite3_open_v2 (destination, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (HANDLE (source), dest);

  if (rc != SQLITE_OK)
    fascia_store_set_sqlite_error (dest != NULL ? dest : HANDLE (source), rc, NULL, error);

  sqlite3_close (dest);
  return rc == SQLITE_OK;
}

/* `PRAGMA quick_check`: sets @problem to SQLite's report, on one line, if it finds damage. */
gboolean
fascia_db_sqlite_quick_check (FasciaDb  *db,
                              char     **problem,
                              GError   **error)
{
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, "PRAGMA quick_check(1)", FALSE, error);
  const char *report;

  *problem = NULL;
  if (stmt == NULL)
    return FALSE;

  switch (fascia_db_step (stmt, error))
    {
    case FASCIA_DB_ROW:
      break;
    case FASCIA_DB_DONE:
      return fail (db, SQLITE_CORRUPT, error);
    case FASCIA_DB_ERROR:
    default:
      return FALSE;
    }

  report = fascia_db_column_text (stmt, 0);
  if (g_strcmp0 (report, "ok") != 0)
    *problem = fascia_text_excerpt (report != NULL ? report : "", -1, 200);

  return TRUE;
}

/*
 * fascia_db_sqlite_restore_from:
 * @source: a file fascia_db_sqlite_check_file() accepted
 *
 * Replaces every page of @db with those of @source.
 */
gboolean
fascia_db_sqlite_restore_from (FasciaDb    *db,
                               const char  *source,
                               GError     **error)
{
  sqlite3 *src = NULL;
  int rc;

  rc = open_immutable (source, &src);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                   "Could not read the backup “%s”: %s; nothing was changed", source,
                   sqlite3_errstr (rc));
      sqlite3_close (src);
      return FALSE;
    }

  rc = copy_pages (src, HANDLE (db));
  sqlite3_close (src);
  if (rc != SQLITE_OK)
    return fail (db, rc, error);

  return TRUE;
}

/* Pages a backup copies between looks at the cancellable: 256 KiB of 4 KiB pages. */
#define PAGES_PER_STEP 64

/* How often SQLite's progress handler looks at the cancellable, in virtual machine steps. */
#define CHECK_EVERY 10000

static int
cancelled_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static gboolean
backup_error (sqlite3     *db,
              int          rc,
              const char  *path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  fascia_store_set_sqlite_error (db, rc, NULL, &local_error);
  g_set_error (error, FASCIA_STORE_ERROR, local_error->code, "Could not back up “%s”: %s",
               path, local_error->message);
  return FALSE;
}

/*
 * fascia_db_sqlite_backup_checked:
 * @database: the database file, opened here read-only on a connection of its own
 * @temp_path: the new, empty file to write (a #FasciaFileWriter's temporary file)
 * @destination: the backup's name, for messages
 * @backup_dir: where the backups are, for the message about a damaged database
 * @progress: (nullable): told the share of pages copied, from this thread
 *
 * Checks @database (`PRAGMA quick_check`: a copy of a damaged database is no backup) and
 * copies it into @temp_path a few pages at a time, all inside one read transaction so that
 * the copy is one consistent moment while others go on writing. @cancellable is looked at
 * between steps and by SQLite's progress handler.
 */
gboolean
fascia_db_sqlite_backup_checked (const char               *database,
                                 const char               *temp_path,
                                 const char               *destination,
                                 const char               *backup_dir,
                                 GCancellable             *cancellable,
                                 FasciaDbProgressFunc      progress,
                                 gpointer                  progress_data,
                                 GError                  **error)
{
  sqlite3 *src = NULL, *dest = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_backup *backup = NULL;
  BusyWait busy = { cancellable, DEFAULT_BUSY_TIMEOUT_MS, 0 };
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (database, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto out;
  busy_wait_install (src, &busy);
  if (cancellable != NULL)
    sqlite3_progress_handler (src, CHECK_EVERY, cancelled_cb, cancellable);

  /* One snapshot for the check and the copy. */
  rc = sqlite3_exec (src, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto out;

  rc = sqlite3_prepare_v2 (src, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    goto out;
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_autofree char *detail = fascia_text_excerpt ((const char *) sqlite3_column_text (stmt, 0),
                                                     -1, 200);

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT,
                   "The database “%s” is damaged (%s). Restore a copy from the backups in “%s”.",
                   database, detail, backup_dir);
      goto done;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_open_v2 (temp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      backup_error (dest, rc, destination, error);
      goto done;
    }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      backup_error (dest, sqlite3_errcode (dest), destination, error);
      goto done;
    }

  do
    {
      int total;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto done;

      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      total = sqlite3_backup_pagecount (backup);
      if (total > 0 && progress != NULL)
        progress ((double) (total - sqlite3_backup_remaining (backup)) / total, progress_data);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  rc = sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_OK)
    {
      backup_error (dest, rc, destination, error);
      goto done;
    }

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto out;

  ok = TRUE;
  goto done;

out:
  if ((rc == SQLITE_INTERRUPT || (rc & 0xff) == SQLITE_BUSY) &&
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto done;
  backup_error (src, rc, database, error);

done:
  if (backup != NULL)
    sqlite3_backup_finish (backup);
  sqlite3_close (dest);
  sqlite3_finalize (stmt);
  sqlite3_close (src);  /* ends the read transaction */
  return ok;
}

/*
 * fascia_db_sqlite_describe_file:
 * @path: a file fascia_db_sqlite_check_file() accepts (checked here first)
 * @last_visit: (out): the latest visit, in microseconds since 1970, or 0 if none
 *
 * What a backup holds, read without changing a byte of it: for the question before a
 * restore.
 */
gboolean
fascia_db_sqlite_describe_file (const char  *path,
                                guint       *n_clients,
                                guint       *n_visits,
                                gint64      *last_visit,
                                GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = 0, rc;

  if (!fascia_db_sqlite_check_file (path, &version, error))
    return FALSE;

  rc = open_immutable (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM clients), "
                             "(SELECT count(*) FROM visits), "
                             "(SELECT coalesce(max(visited_at), 0) FROM visits)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *n_clients = (guint) sqlite3_column_int64 (stmt, 0);
      *n_visits = (guint) sqlite3_column_int64 (stmt, 1);
      *last_visit = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_OK;
    }
  else
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT,
                 "“%s” could not be read: %s", path,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/*
 * fascia_db_sqlite_restore_file:
 * @database: the database to replace, which others may have open
 * @source: a file fascia_db_sqlite_check_file() accepted
 * @progress: (nullable): told the share of pages copied
 *
 * Replaces every page of @database with those of @source, a few at a time, in one write
 * transaction: cancelled or failing before the end, @database is as it was.
 */
gboolean
fascia_db_sqlite_restore_file (const char    *database,
                               const char    *source,
                               GCancellable  *cancellable,
                               void         (*progress) (double fraction, gpointer data),
                               gpointer       progress_data,
                               GError       **error)
{
  sqlite3 *src = NULL, *dest = NULL;
  sqlite3_backup *backup = NULL;
  BusyWait busy = { cancellable, DEFAULT_BUSY_TIMEOUT_MS, 0 };
  gboolean ok = FALSE;
  int rc;

  rc = open_immutable (source, &src);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                   "Could not read the backup “%s”: %s; nothing was changed", source,
                   sqlite3_errstr (rc));
      goto out;
    }
  rc = sqlite3_open_v2 (database, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      fascia_store_set_sqlite_error (dest, rc, database, error);
      goto out;
    }
  /* While another connection writes, each step waits for it (and is tried again), but no
   * longer than until Cancel. */
  busy_wait_install (dest, &busy);

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      fascia_store_set_sqlite_error (dest, sqlite3_errcode (dest), database, error);
      goto out;
    }

  do
    {
      int total;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;  /* finishing early rolls the copy back */

      rc = sqlite3_backup_step (backup, 64);
      total = sqlite3_backup_pagecount (backup);
      if (progress != NULL && total > 0)
        progress ((double) (total - sqlite3_backup_remaining (backup)) / total, progress_data);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  rc = sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_OK)
    {
      fascia_store_set_sqlite_error (dest, rc, database, error);
      goto out;
    }
  ok = TRUE;

out:
  if (backup != NULL)
    sqlite3_backup_finish (backup);
  sqlite3_close (dest);
  sqlite3_close (src);
  return ok;
}

/* A Fascia demo database, read without changing a byte of it. */
gboolean
fascia_db_sqlite_is_demo_file (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean demo = FALSE;
  int version = 0;

  if (!fascia_db_sqlite_check_file (path, &version, NULL))
    return FALSE;

  if (open_immutable (path, &db) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'demo'", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    demo = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "1") == 0;

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return demo;
}
