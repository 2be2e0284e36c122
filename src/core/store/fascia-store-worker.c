/* fascia-store-worker.c — backups and imports in a worker thread, with progress and cancel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-paths.h"

#include "fascia-db-postgres.h"
#include "fascia-db-sqlite.h"
#include "fascia-client-list.h"
#include "fascia-store-private.h"

/*
 * Work that grows with the database (a backup reads every page, an import writes every row)
 * runs in a GTask thread on a connection of its own, never on the window's: the window keeps
 * answering, reads what was committed before (WAL), and is told when the work is done.
 *
 * Quitting in the middle loses nothing and damages nothing. A backup only reads the database,
 * inside one read transaction (so the copy is one consistent moment even when made a few
 * pages at a time), and writes a fresh temporary file that is renamed over the backup's name
 * only once complete and synced; a temporary file left by a killed process is removed by the
 * next daily backup. An import is one transaction: until it commits, nothing of it is in the
 * database, and a cancel or a crash rolls it back.
 */

typedef struct
{
  FasciaStoreProgressFunc  progress;
  gpointer                 progress_data;
  GMainContext            *context;
  GCancellable            *cancellable;
  /* The job */
  char                    *database;
  char                    *destination;  /* NULL: today's daily backup */
  char                    *backup_dir;
  FasciaCsvImport         *import;
  FasciaDuplicates         duplicates;
  FasciaCsvImportCounts    counts;
  char                   **problems;     /* a check's bad rows */
  char                    *source;       /* a restore's backup */
  gboolean                 sqlite;       /* whether the database is a SQLite file */
  char                    *password;     /* a move's, for the server (never shown or logged) */
  gboolean                 remember;     /* a move's password goes to the keyring */
  guint                    answer_timeout;  /* a reading job's, on a clinic server */
  /* The share of the whole job that the step running now stands for */
  double                   offset;
  double                   scale;
  /* The latest share done, read on the caller's thread */
  gint                     pending;  /* whether a report is on its way */
  double                   fraction;
  GMutex                   lock;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->cancellable);
  g_free (job->database);
  g_free (job->destination);
  g_free (job->backup_dir);
  g_free (job->source);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_clear_object (&job->import);
  g_strfreev (job->problems);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static Job *
job_new (FasciaStore             *store,
         GCancellable            *cancellable,
         FasciaStoreProgressFunc  progress,
         gpointer                 progress_data)
{
  Job *job = g_new0 (Job, 1);

  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->database = g_strdup (fascia_store_get_database (store));
  job->sqlite = !fascia_store_is_server_database (job->database);
  job->answer_timeout = fascia_store_get_job_answer_timeout (store);
  job->scale = 1;
  g_mutex_init (&job->lock);
  return job;
}

static gboolean
report_cb (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (job->progress != NULL && !g_task_get_completed (task))
    job->progress (fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* From the worker: the caller's thread hears of it soon, once however many came meanwhile. */
static void
report (double   fraction,
        gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  gboolean send;

  if (job->progress == NULL)
    return;

  g_mutex_lock (&job->lock);
  job->fraction = job->offset + fraction * job->scale;
  send = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);

  if (send)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_cb,
                                g_object_ref (task), g_object_unref);
}

/* Checks the database and copies it to @destination through a temporary file: SQLite's
 * online backup a few pages at a time inside one read transaction; a server's records, read
 * in one snapshot, into a new SQLite file (as `--copy-database` does). */
static gboolean
copy_checked (GTask       *task,
              Job         *job,
              const char  *destination,
              GError     **error)
{
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Read on a connection that Cancel, or the server silent for the job's answer time, ends
   * at once (fascia_store_open_reader_for()): the temporary file goes, the backup's name
   * keeps what it held. */
  if (fascia_store_is_server_database (job->database))
    {
      g_autoptr(FasciaStore) source = fascia_store_open_reader_for (job->database,
                                                                    job->cancellable,
                                                                    job->answer_timeout,
                                                                    error);

      if (source != NULL &&
          fascia_store_copy_to_new_file (source, destination, job->cancellable,
                                         job->progress != NULL ? report : NULL, task,
                                         NULL, error))
        return TRUE;
      fascia_store_prefix_not_written (error, source, destination);
      return FALSE;
    }

  writer = fascia_file_writer_new (destination, FASCIA_FILE_WRITE_PRIVATE, &local_error);
  if (writer == NULL)
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                           local_error->message);
      return FALSE;
    }

  if (!fascia_db_sqlite_backup_checked (job->database, fascia_file_writer_get_temp_path (writer),
                                        destination, job->backup_dir, job->cancellable,
                                        report, task, error))
    return FALSE;  /* @writer removes its temporary file */

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;

  if (!fascia_file_writer_commit (writer, &local_error))
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR,
                           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                           ? FASCIA_STORE_ERROR_DISK_FULL : FASCIA_STORE_ERROR_IO,
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (job->destination != NULL)
    {
      if (!copy_checked (task, job, job->destination, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_strdup (job->destination), g_free);
      return;
    }

  /* A clinic server's backups are the server's own (pg_dump), not files on each laptop. */
  if (fascia_store_is_server_database (job->database))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  now = g_date_time_new_now_local ();
  name = g_date_time_format (now, FASCIA_STORE_DAILY_PREFIX "%Y-%m-%d.db");
  path = g_build_filename (job->backup_dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!fascia_paths_ensure_private_dir (job->backup_dir, &error))
    {
      g_task_return_new_error (task, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO, "%s",
                               error->message);
      return;
    }

  /* What a backup killed in the middle left behind. */
  fascia_file_remove_leftovers (job->backup_dir, FASCIA_STORE_DAILY_PREFIX);

  if (!copy_checked (task, job, path, &error) ||
      !fascia_store_prune_daily (job->backup_dir, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

/**
 * fascia_store_backup_async:
 * @destination: (nullable): the file to write, replaced if it exists; %NULL for today's daily
 *   backup (fascia_store_backup_daily())
 * @cancellable: (nullable): stops the backup; nothing is written then
 * @progress: (nullable): told the share copied, on the caller's thread
 * @progress_data: for @progress; must live until @callback
 *
 * Checks the database and writes a copy of it, as fascia_store_backup() and
 * fascia_store_backup_daily() do, in a worker thread on a read-only connection of its own.
 * The store may go on being used, and written, meanwhile: the copy is the database as it was
 * when the backup began.
 */
void
fascia_store_backup_async (FasciaStore             *self,
                           const char              *destination,
                           GCancellable            *cancellable,
                           FasciaStoreProgressFunc  progress,
                           gpointer                 progress_data,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FASCIA_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_store_backup_async);
  job = job_new (self, cancellable, progress, progress_data);
  job->destination = g_strdup (destination);
  job->backup_dir = fascia_store_get_backup_dir (self);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (destination != NULL && !fascia_store_is_server_database (job->database))
    {
      g_autoptr(GFile) source_file = g_file_new_for_path (job->database);
      g_autoptr(GFile) dest_file = g_file_new_for_path (destination);

      if (g_file_equal (source_file, dest_file))
        {
          g_task_return_new_error (task, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                                   "“%s” is the database itself; choose another file for the "
                                   "backup", destination);
          return;
        }
    }

  g_task_run_in_thread (task, backup_thread);
}

/**
 * fascia_store_backup_finish:
 *
 * Returns: (transfer full) (nullable): the file written; %NULL on error, or with @error unset
 *   when today's daily backup had been made already.
 */
char *
fascia_store_backup_finish (FasciaStore   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  gboolean done;

  /* On a clinic server, Cancel ends the import at once up to its COMMIT, even while the
   * server is silent, and a server silent for the job's answer time ends it; a COMMIT left
   * unanswered so is looked into (fascia_store_check_commit()). */
  store = fascia_store_open_reader_for (job->database, cancellable, job->answer_timeout, &error);
  done = store != NULL &&
         fascia_store_import_csv_full (store, job->import, job->duplicates, &job->counts,
                                       cancellable, report, task, &error);
  if (!done)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (store != NULL)
    fascia_store_close (store);
  g_task_return_boolean (task, TRUE);
}

/**
 * fascia_store_import_csv_async:
 * @import: read by the worker until @callback: leave it alone meanwhile
 * @cancellable: (nullable): stops the import, which then changes nothing
 * @progress: (nullable): told the share of rows done, on the caller's thread
 * @progress_data: for @progress; must live until @callback
 *
 * Runs fascia_store_import_csv() in a worker thread on a connection of its own. When it
 * has committed, @self tells its listeners that the clients changed.
 */
void
fascia_store_import_csv_async (FasciaStore             *self,
                               FasciaCsvImport         *import,
                               FasciaDuplicates         duplicates,
                               GCancellable            *cancellable,
                               FasciaStoreProgressFunc  progress,
                               gpointer                 progress_data,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (FASCIA_IS_CSV_IMPORT (import));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_store_import_csv_async);
  job = job_new (self, cancellable, progress, progress_data);
  job->import = g_object_ref (import);
  job->duplicates = duplicates;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* Failing or cancelled, the import changed nothing; done, it must be heard of, even when
   * Cancel came too late to stop it (at its COMMIT): the worker says which. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * fascia_store_import_csv_finish:
 * @counts: (out) (optional): how many rows were added, merged and skipped
 *
 * Returns: %TRUE if every row was imported; %FALSE, with nothing imported, on error or
 *   cancel (%G_IO_ERROR_CANCELLED).
 */
gboolean
fascia_store_import_csv_finish (FasciaStore            *self,
                                GAsyncResult           *result,
                                FasciaCsvImportCounts  *counts,
                                GError                **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (counts != NULL)
    *counts = job->counts;

  /* Another connection wrote: whoever shows clients reads them again. */
  if (fascia_store_begin (self, NULL))
    {
      fascia_store_queue_change (self, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_RELOAD,
                                 0, 0);
      fascia_store_commit (self, NULL);
    }

  return TRUE;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;

  /* As the import's (import_thread()): Cancel ends it at once, even while a clinic server is
   * silent, and a server silent for the job's answer time ends it. */
  store = fascia_store_open_reader_for (job->database, cancellable, job->answer_timeout, &error);
  if (store == NULL ||
      !fascia_store_check_csv_import_full (store, job->import, job->duplicates, &job->counts,
                                           &job->problems, cancellable, report, task, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fascia_store_close (store);
  g_task_return_boolean (task, TRUE);
}

/**
 * fascia_store_check_csv_import_async:
 * @import: read by the worker until @callback: leave it alone meanwhile
 * @cancellable: (nullable): stops the check at its next few hundred rows; the result is then
 *   %G_IO_ERROR_CANCELLED
 * @progress: (nullable): told the share of rows checked, on the caller's thread
 * @progress_data: for @progress; must live until @callback
 *
 * Runs fascia_store_check_csv_import() in a worker thread on a connection of its own: the
 * check runs every row as the import would, which at tens of thousands of rows takes seconds.
 * It changes nothing.
 */
void
fascia_store_check_csv_import_async (FasciaStore             *self,
                                     FasciaCsvImport         *import,
                                     FasciaDuplicates         duplicates,
                                     GCancellable            *cancellable,
                                     FasciaStoreProgressFunc  progress,
                                     gpointer                 progress_data,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (FASCIA_IS_CSV_IMPORT (import));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_store_check_csv_import_async);
  job = job_new (self, cancellable, progress, progress_data);
  job->import = g_object_ref (import);
  job->duplicates = duplicates;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * fascia_store_check_csv_import_finish:
 * @counts: (out): as fascia_store_check_csv_import()
 * @problems: (out) (optional) (transfer full): as fascia_store_check_csv_import()
 *
 * Returns: %TRUE if the rows could be checked (even if some are bad).
 */
gboolean
fascia_store_check_csv_import_finish (FasciaStore            *self,
                                      GAsyncResult           *result,
                                      FasciaCsvImportCounts  *counts,
                                      char                 ***problems,
                                      GError                **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  *counts = job->counts;
  if (problems != NULL)
    *problems = g_steal_pointer (&job->problems);
  return TRUE;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("fascia-before-restore-%s.db", stamp);
  g_autofree char *kept = g_build_filename (job->backup_dir, name, NULL);
  g_autoptr(FasciaStore) store = NULL;
  int version = 0;

  /* The backup is checked again here, just before it is used: nothing has changed yet. */
  if (!fascia_db_sqlite_check_file (job->source, &version, &error) ||
      !fascia_paths_ensure_private_dir (job->backup_dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* First a copy of the database as it is, the first half of the way. */
  job->scale = 0.5;
  if (!copy_checked (task, job, kept, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->offset = 0.5;
  if (!fascia_db_sqlite_restore_file (job->database, job->source, cancellable, report, task,
                                      &error))
    {
      g_unlink (kept);  /* nothing was replaced, so nothing needs keeping */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Opening upgrades a backup from an older Fascia. */
  store = fascia_store_open_full (job->database, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fascia_store_close (store);
  g_task_return_pointer (task, g_steal_pointer (&kept), g_free);
}

/**
 * fascia_store_restore_async:
 * @source: a Fascia database or backup
 * @cancellable: (nullable): stops the restore before it replaces anything
 * @progress: (nullable): told the share done, on the caller's thread
 * @progress_data: for @progress; must live until @callback
 *
 * Replaces the contents of the database with @source, as fascia_store_restore() does, in a
 * worker thread on connections of its own, while @self stays open. @source is checked first
 * (a file that is not a whole Fascia database of a version this one reads is refused, naming
 * the file and why, and nothing changes); then the database as it is gets copied to
 * `fascia-before-restore-…db` in the backups folder; then every page is replaced in one write
 * transaction, so a cancel or a failure leaves the database as it was. A clinic server is
 * restored on the server (pg_restore), never from here.
 */
void
fascia_store_restore_async (FasciaStore             *self,
                            const char              *source,
                            GCancellable            *cancellable,
                            FasciaStoreProgressFunc  progress,
                            gpointer                 progress_data,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (source != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_store_restore_async);
  job = job_new (self, cancellable, progress, progress_data);
  job->source = g_strdup (source);
  job->backup_dir = fascia_store_get_backup_dir (self);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* Done, even when Cancel came too late to stop it, the restore must be heard of: the worker
   * says whether it was cancelled. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);

  if (!job->sqlite)
    {
      g_task_return_new_error (task, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                               "“%s” is a clinic server: restore it with pg_restore on the "
                               "server", job->database);
      return;
    }

  {
    g_autoptr(GFile) database_file = g_file_new_for_path (job->database);
    g_autoptr(GFile) source_file = g_file_new_for_path (source);

    if (g_file_equal (database_file, source_file))
      {
        g_task_return_new_error (task, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                                 "“%s” is the database itself; choose a backup to restore",
                                 source);
        return;
      }
  }

  g_task_run_in_thread (task, restore_thread);
}

/**
 * fascia_store_restore_finish:
 *
 * Returns: (transfer full) (nullable): where the database as it was before is kept, or %NULL
 *   with an error (%G_IO_ERROR_CANCELLED if cancelled), nothing having changed. On success
 *   every table may have changed: @self tells its listeners to read them again.
 */
char *
fascia_store_restore_finish (FasciaStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  char *kept;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  kept = g_task_propagate_pointer (G_TASK (result), error);
  if (kept != NULL && fascia_store_begin (self, NULL))
    {
      for (int table = FASCIA_STORE_TABLE_CLIENTS; table <= FASCIA_STORE_TABLE_STUDY_RESULTS; table++)
        fascia_store_queue_change (self, (FasciaStoreTable) table, FASCIA_STORE_CHANGE_RELOAD,
                                   0, 0);
      fascia_store_commit (self, NULL);
    }

  return kept;
}

static void
move_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) source = NULL;
  g_autoptr(FasciaStore) target = NULL;
  g_autofree char *connect = NULL;
  char *warning = NULL;

  if (job->password != NULL)
    connect = fascia_store_conninfo_with_password (job->destination, job->password, &error);
  else
    connect = g_strdup (job->destination);
  /* On connections that Cancel ends at once, even while the server is silent, and that a
   * server silent for the job's answer time ends: the server's transaction is then never
   * committed. A COMMIT left unanswered is looked into (fascia_store_copy_into()). */
  if (connect == NULL ||
      (source = fascia_store_open_reader_for (job->database, cancellable, job->answer_timeout,
                                              &error)) == NULL ||
      (target = fascia_store_open_reader_for (connect, cancellable, job->answer_timeout,
                                              &error)) == NULL ||
      !fascia_store_copy_into (source, target, cancellable, report, task, NULL, &error))
    {
      if (connect != NULL)
        memset (connect, 0, strlen (connect));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  memset (connect, 0, strlen (connect));

  /* Moved: the password is kept only once it has worked. */
  if (job->remember && job->password != NULL &&
      !fascia_store_remember_server_password (job->destination, job->password, &error))
    warning = g_strdup_printf ("The password could not be kept in the keyring (%s); Fascia "
                               "will ask libpq's usual places (~/.pgpass, the service file)",
                               error->message);
  g_task_return_pointer (task, warning != NULL ? warning : g_strdup (""), g_free);
}

/**
 * fascia_store_move_to_server_async:
 * @conninfo: the clinic server's database, a `postgresql://` URI or a libpq keyword string;
 *   it must hold no records
 * @password: (nullable): the password, when libpq's usual places do not hold it
 * @remember: keep @password in the desktop's keyring once the move has worked
 * @progress: (nullable): told the share copied, on the caller's thread
 *
 * "Move to a Clinic Server…": copies every record of @self (a file) into the server, in a
 * worker on connections of its own, as `fascia --copy-database` does (one transaction on the
 * server, verified by counts and checksums before it commits; a server that holds records is
 * refused; a cancel leaves it as it was). The file is left as it is.
 */
void
fascia_store_move_to_server_async (FasciaStore             *self,
                                   const char              *conninfo,
                                   const char              *password,
                                   gboolean                 remember,
                                   GCancellable            *cancellable,
                                   FasciaStoreProgressFunc  progress,
                                   gpointer                 progress_data,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (conninfo != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fascia_store_move_to_server_async);
  job = job_new (self, cancellable, progress, progress_data);
  job->destination = g_strdup (conninfo);
  job->password = password != NULL && *password != '\0' ? g_strdup (password) : NULL;
  job->remember = remember;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* Done, even when Cancel came too late to stop it (at its COMMIT), the move must be heard
   * of: the worker says whether it was cancelled. */
  g_task_set_check_cancellable (task, FALSE);

  if (!fascia_store_is_server_database (conninfo))
    {
      g_task_return_new_error (task, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                               "“%s” is not a server database (a postgresql:// URI or a "
                               "connection string such as host=… dbname=…)", conninfo);
      return;
    }
  if (!(fascia_store_get_capabilities (self) & FASCIA_STORE_CAN_MOVE_TO_SERVER))
    {
      g_task_return_new_error (task, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                               "These records are on a server already");
      return;
    }

  g_task_run_in_thread (task, move_thread);
}

/**
 * fascia_store_move_to_server_finish:
 * @warning: (out) (optional) (nullable): set to what went wrong after the move, which did not
 *   undo it (a password the keyring would not keep)
 *
 * Returns: %TRUE if every record is on the server, verified.
 */
gboolean
fascia_store_move_to_server_finish (FasciaStore   *self,
                                    GAsyncResult  *result,
                                    char         **warning,
                                    GError       **error)
{
  g_autofree char *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  if (warning != NULL)
    *warning = *found != '\0' ? g_steal_pointer (&found) : NULL;
  return TRUE;
}

/*
 * Counts in the background. A search the window lists is counted up to a bound when it is
 * made (fascia-client-list.c); a search that finds more is counted to its end here, in a
 * GTask thread, on a connection of the store's own for the purpose (opened by the first count
 * and kept until the store closes), so that nothing that grows with the clinic runs on the
 * window's thread or its connection. The list hears of the count on its own thread: how far
 * it got after each step, and the whole length at the end. The list cancels its count when
 * it goes (a new keystroke makes a new list), and the count stops at its next step, a few
 * thousand entries of clients_by_name at most; the next count waits for that, no longer.
 */

struct _FasciaStoreCounter
{
  gatomicrefcount  ref;
  char            *database;
  GMutex           lock;      /* held by the count running, and by close */
  FasciaStore     *store;     /* the connection, under lock */
  GMutex           running_lock;
  GCancellable    *running;   /* the count running's, under running_lock */
  gboolean         closed;    /* under running_lock */
  gboolean         connecting;  /* a count is making the connection, under running_lock */
  gboolean         counting;    /* a count is running its query, under running_lock */
  guint            n_counts;  /* counts that ran to their end, for tests */
  guint            answer_timeout;  /* for the connection's queries, under lock */
};

FasciaStoreCounter *
fascia_store_counter_new (const char *database)
{
  FasciaStoreCounter *counter = g_new0 (FasciaStoreCounter, 1);

  g_atomic_ref_count_init (&counter->ref);
  counter->database = g_strdup (database);
  /* The window waits for what the counts read (a search's length, the clients it finds):
   * a server that took a query and stopped answering holds a count no longer than it would
   * hold the window's own query; the count is then tried once more on a new connection. */
  counter->answer_timeout = FASCIA_DB_WINDOW_ANSWER_TIMEOUT;
  g_mutex_init (&counter->lock);
  g_mutex_init (&counter->running_lock);
  return counter;
}

static FasciaStoreCounter *
counter_ref (FasciaStoreCounter *counter)
{
  g_atomic_ref_count_inc (&counter->ref);
  return counter;
}

void
fascia_store_counter_unref (FasciaStoreCounter *counter)
{
  if (!g_atomic_ref_count_dec (&counter->ref))
    return;

  g_clear_object (&counter->store);
  if (counter->database != NULL)
    memset (counter->database, 0, strlen (counter->database));
  g_free (counter->database);
  g_mutex_clear (&counter->lock);
  g_mutex_clear (&counter->running_lock);
  g_free (counter);
}

/* From the store's thread, as it closes: the count running is cancelled (it stops at its next
 * step, or its connection's making ends at once), and the connection closes — now, or as that
 * count ends, which is not waited for: a server that stops answering in the middle of a step
 * holds the count's thread, never the closing. Counts asked for later find the counter
 * closed. */
void
fascia_store_counter_close (FasciaStoreCounter *counter)
{
  g_mutex_lock (&counter->running_lock);
  counter->closed = TRUE;
  if (counter->running != NULL)
    g_cancellable_cancel (counter->running);
  g_mutex_unlock (&counter->running_lock);

  /* Held: a count runs, and closes the connection as it ends (it sees the counter closed). */
  if (g_mutex_trylock (&counter->lock))
    {
      g_clear_object (&counter->store);
      g_mutex_unlock (&counter->lock);
    }
}

gboolean
fascia_store_counter_is_connecting (FasciaStoreCounter *counter)
{
  gboolean connecting;

  g_mutex_lock (&counter->running_lock);
  connecting = counter->connecting;
  g_mutex_unlock (&counter->running_lock);
  return connecting;
}

gboolean
fascia_store_counter_is_counting (FasciaStoreCounter *counter)
{
  gboolean counting;

  g_mutex_lock (&counter->running_lock);
  counting = counter->counting;
  g_mutex_unlock (&counter->running_lock);
  return counting;
}

/* How many counts ran to their end in the background, on the counter's connection. */
guint
fascia_store_get_n_counts (FasciaStore *self)
{
  FasciaStoreCounter *counter = fascia_store_get_counter (self);
  guint n;

  if (counter == NULL)
    return 0;
  g_mutex_lock (&counter->lock);
  n = counter->n_counts;
  g_mutex_unlock (&counter->lock);
  return n;
}

typedef struct
{
  FasciaStoreCounter   *counter;
  char                 *text;
  FasciaStoreListFlags  flags;
  GWeakRef              list;
  GMainContext         *context;
  GMutex                lock;
  guint                 n_found;  /* so far, under lock */
  gboolean              pending;  /* a progress report on its way, under lock */
} CountJob;

static void
count_job_free (CountJob *job)
{
  fascia_store_counter_unref (job->counter);
  g_free (job->text);
  g_weak_ref_clear (&job->list);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static gboolean
count_progress_cb (gpointer data)
{
  GTask *task = data;
  CountJob *job = g_task_get_task_data (task);
  g_autoptr(FasciaPagedList) list = g_weak_ref_get (&job->list);
  guint n;

  g_mutex_lock (&job->lock);
  n = job->n_found;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (list != NULL && !g_task_get_completed (task))
    fascia_paged_list_count_progress (list, n);
  return G_SOURCE_REMOVE;
}

/* From the worker, after each step: the list hears of it soon, once however many came. */
static void
count_progress (guint    n_found,
                gpointer data)
{
  GTask *task = data;
  CountJob *job = g_task_get_task_data (task);
  gboolean send;

  g_mutex_lock (&job->lock);
  job->n_found = n_found;
  send = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);

  if (send)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, count_progress_cb,
                                g_object_ref (task), g_object_unref);
}

/* The counter's own connection, made with counter->lock held, polled beside @cancellable
 * (and its setup's queries given the counts' answer time) and marked as being made meanwhile
 * (counter->connecting, read under running_lock). */
static void
counter_connect (FasciaStoreCounter  *counter,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_mutex_lock (&counter->running_lock);
  counter->connecting = TRUE;
  g_mutex_unlock (&counter->running_lock);
  /* The session's setup waits no longer than the counts will (but an upgrade of the schema,
   * which the window's own connection made already). */
  counter->store = fascia_store_open_waiting (counter->database, FASCIA_STORE_OPEN_NO_BACKUP,
                                              cancellable, counter->answer_timeout, error);
  if (counter->store != NULL)
    fascia_db_set_answer_timeout (fascia_store_get_db (counter->store), counter->answer_timeout);
  g_mutex_lock (&counter->running_lock);
  counter->connecting = FALSE;
  g_mutex_unlock (&counter->running_lock);
}

/* The counter's connection, with counter->lock held: a query waiting for the server stops
 * waiting when @cancellable (the work's) is cancelled, or with %NULL no longer; a connection
 * found lost after the work (cut for want of an answer, or as its wait was cancelled, or the
 * server gone) is let go of, and the next work makes a new one. */
static void
counter_wait_with (FasciaStoreCounter *counter,
                   GCancellable       *cancellable)
{
  if (counter->store == NULL)
    return;
  fascia_db_set_answer_cancellable (fascia_store_get_db (counter->store), cancellable);
  if (cancellable == NULL && !fascia_db_is_connected (fascia_store_get_db (counter->store)))
    g_clear_object (&counter->store);
}

/*
 * fascia_store_counter_set_answer_timeout:
 * @milliseconds: how long the counter's queries wait for the server's answer; 0: as long
 *   as it takes
 *
 * For tests: the default is the window's (FASCIA_DB_WINDOW_ANSWER_TIMEOUT).
 */
void
fascia_store_counter_set_answer_timeout (FasciaStoreCounter *counter,
                                         guint               milliseconds)
{
  g_mutex_lock (&counter->lock);
  counter->answer_timeout = milliseconds;
  if (counter->store != NULL)
    fascia_db_set_answer_timeout (fascia_store_get_db (counter->store), milliseconds);
  g_mutex_unlock (&counter->lock);
}

/* For tests: the time the counter's connection was given, the one it has where it has one
 * on a clinic server. */
guint
fascia_store_counter_get_answer_timeout (FasciaStoreCounter *counter)
{
  guint milliseconds;

  g_mutex_lock (&counter->lock);
  milliseconds = counter->answer_timeout;
  if (counter->store != NULL
      && fascia_db_get_engine (fascia_store_get_db (counter->store)) == FASCIA_DB_ENGINE_POSTGRESQL)
    milliseconds = fascia_db_postgres_get_answer_timeout (fascia_store_get_db (counter->store));
  g_mutex_unlock (&counter->lock);
  return milliseconds;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  FasciaStoreCounter *counter = job->counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClientQuery) query = NULL;
  gboolean closed;
  guint n = 0;

  g_mutex_lock (&counter->lock);

  /* The count closing cancels: a count cancelled before it began is not one (it was left
   * named as running, and the store's closing cancelled it after its task had freed it). */
  g_mutex_lock (&counter->running_lock);
  closed = counter->closed || g_cancellable_is_cancelled (cancellable);
  if (!closed)
    counter->running = g_object_ref (cancellable);
  g_mutex_unlock (&counter->running_lock);

  if (closed)
    {
      g_mutex_unlock (&counter->lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The count was cancelled");
      return;
    }

  /* A connection kept from a count before may have been lost since (a server restarted, or
   * ended it): a count that fails on it, not cancelled, is tried once more on a new one. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gboolean reused = counter->store != NULL;

      g_clear_error (&error);
      /* Made polled beside the count's cancellable: a server that does not answer (a
       * machine gone from the network) does not hold the store's closing, which cancels it,
       * until libpq gives up. */
      if (counter->store == NULL)
        counter_connect (counter, cancellable, &error);
      if (counter->store == NULL)
        break;

      query = fascia_client_query_new (counter->store, job->text,
                                       job->flags & ~FASCIA_STORE_LIST_GROWING);
      g_mutex_lock (&counter->running_lock);
      counter->counting = TRUE;
      g_mutex_unlock (&counter->running_lock);
      counter_wait_with (counter, cancellable);
      if (fascia_client_query_count_all (query, cancellable, count_progress, task, &n, &error))
        counter->n_counts++;
      g_clear_pointer (&query, fascia_client_query_free);
      counter_wait_with (counter, NULL);
      g_mutex_lock (&counter->running_lock);
      counter->counting = FALSE;
      g_mutex_unlock (&counter->running_lock);
      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
      g_clear_object (&counter->store);
      if (!reused)
        break;
    }

  g_mutex_lock (&counter->running_lock);
  g_clear_object (&counter->running);
  closed = counter->closed;
  g_mutex_unlock (&counter->running_lock);
  /* The store closed while this ran, and left the connection to it. */
  if (closed)
    g_clear_object (&counter->store);
  g_mutex_unlock (&counter->lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

static void
counted_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(FasciaPagedList) list = g_weak_ref_get (&job->list);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not count “%s” in the background: %s", job->text, error->message);
  if (list != NULL)
    fascia_paged_list_counted (list, n >= 0, (guint) MAX (n, 0));
}

/*
 * fascia_store_count_clients_async:
 * @text: what the user typed, as fascia_store_list_clients() took it
 * @list: the list that search made, told of the count on this thread
 *
 * Counts every client the search finds, in a worker on the store's counting connection, and
 * tells @list how far it got and then its whole length. @list, when it goes, cancels the
 * count.
 */
void
fascia_store_count_clients_async (FasciaStore          *self,
                                  const char           *text,
                                  FasciaStoreListFlags  flags,
                                  FasciaPagedList      *list)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  FasciaStoreCounter *counter;
  CountJob *job;

  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (FASCIA_IS_PAGED_LIST (list));

  counter = fascia_store_get_counter (self);
  if (counter == NULL)
    return;

  fascia_paged_list_set_counting (list, cancellable);
  job = g_new0 (CountJob, 1);
  job->counter = counter_ref (counter);
  job->text = g_strdup (text);
  job->flags = flags;
  g_weak_ref_init (&job->list, list);
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->lock);

  /* No source object: the store may close, and be finalized, while the count runs. */
  task = g_task_new (NULL, cancellable, counted_cb, NULL);
  g_task_set_source_tag (task, fascia_store_count_clients_async);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
}

/*
 * Work of the window's that reads what grows with the clinic, run on @counter's connection
 * in a GTask thread (one at a time on a connection: after the work running on it).
 * @func runs in that thread with the connection, or with %NULL when it cannot run (the store
 * closed, @cancellable cancelled, or the connection could not be made), so that it always
 * hears how it ended. Nothing is sent back to the store's thread: @data is for @func to
 * leave its answer in, and for the store's thread to take it from.
 */
typedef struct
{
  FasciaStoreCounter      *counter;
  FasciaStoreCounterFunc   func;
  gpointer                 data;
  GDestroyNotify           destroy;
} CounterJob;

static void
counter_job_free (CounterJob *job)
{
  fascia_store_counter_unref (job->counter);
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_free (job);
}

static void
counter_job_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CounterJob *job = task_data;
  FasciaStoreCounter *counter = job->counter;
  g_autoptr(GError) error = NULL;
  gboolean closed;

  g_mutex_lock (&counter->lock);

  g_mutex_lock (&counter->running_lock);
  closed = counter->closed || g_cancellable_is_cancelled (cancellable);
  if (!closed)
    counter->running = g_object_ref (cancellable);
  g_mutex_unlock (&counter->running_lock);

  if (!closed && counter->store == NULL)
    {
      counter_connect (counter, cancellable, &error);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not open the store's connection for work in the background: %s",
                 error->message);
    }

  counter_wait_with (counter, cancellable);
  job->func (closed || g_cancellable_is_cancelled (cancellable) ? NULL : counter->store,
             job->data, cancellable);
  counter_wait_with (counter, NULL);

  g_mutex_lock (&counter->running_lock);
  g_clear_object (&counter->running);
  closed = counter->closed;
  g_mutex_unlock (&counter->running_lock);
  if (closed)
    g_clear_object (&counter->store);
  g_mutex_unlock (&counter->lock);

  /* Let go of here, not as the task is freed on the store's thread, which a window busy
   * searching may not reach for a while. */
  if (job->destroy != NULL)
    job->destroy (job->data);
  job->data = NULL;
  job->destroy = NULL;
  g_task_return_boolean (task, TRUE);
}

/*
 * fascia_store_run_on_counter:
 * @counter: a connection for work in the background (fascia_store_get_keeper())
 * @cancellable: cancels @func's work before it begins (the connection's making too)
 *
 * Runs @func in a worker on @counter's connection.
 */
void
fascia_store_run_on_counter (FasciaStoreCounter      *counter,
                             FasciaStoreCounterFunc   func,
                             gpointer                 data,
                             GDestroyNotify           destroy,
                             GCancellable            *cancellable)
{
  g_autoptr(GTask) task = NULL;
  CounterJob *job;

  job = g_new0 (CounterJob, 1);
  job->counter = counter_ref (counter);
  job->func = func;
  job->data = data;
  job->destroy = destroy;

  task = g_task_new (NULL, cancellable, NULL, NULL);
  g_task_set_source_tag (task, fascia_store_run_on_counter);
  g_task_set_task_data (task, job, (GDestroyNotify) counter_job_free);
  g_task_run_in_thread (task, counter_job_thread);
}
