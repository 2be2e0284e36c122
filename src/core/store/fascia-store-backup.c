/* fascia-store-backup.c — daily backups, `--backup FILE` and `--restore FILE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-paths.h"

#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"

/*
 * Copies are made with SQLite's online backup API, which reads a consistent snapshot even
 * while the database is in use and includes what is still in the WAL. A copy is written to a
 * temporary file beside its destination, synced, and renamed into place, so that a crash
 * never leaves a half-written backup under a backup's name.
 */

#define DAILY_PREFIX FASCIA_STORE_DAILY_PREFIX
#define DAILY_SUFFIX ".db"

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

/* A G_IO_ERROR from the file helpers, as a store error with the same message. */
static gboolean
file_error (GError  *io_error,
            GError **error)
{
  int code = FASCIA_STORE_ERROR_IO;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    code = FASCIA_STORE_ERROR_DISK_FULL;
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    code = FASCIA_STORE_ERROR_READ_ONLY;
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE) ||
           g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    code = FASCIA_STORE_ERROR_EXISTS;

  g_set_error_literal (error, FASCIA_STORE_ERROR, code, io_error->message);
  return FALSE;
}

/*
 * fascia_store_copy_database:
 * @source: an open connection
 * @destination: the file to write; replaced if it exists
 *
 * Writes a complete, self-contained copy (no WAL beside it) of @source, mode 0600.
 */
gboolean
fascia_store_copy_database (FasciaDb    *source,
                            const char  *destination,
                            GError     **error)
{
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;

  writer = fascia_file_writer_new (destination, FASCIA_FILE_WRITE_PRIVATE, &local_error);
  if (writer == NULL)
    return file_error (local_error, error);

  if (!fascia_db_sqlite_backup_into (source, fascia_file_writer_get_temp_path (writer),
                                     &local_error))
    {
      g_set_error (error, FASCIA_STORE_ERROR, local_error->code, "Could not write “%s”: %s",
                   destination, local_error->message);
      return FALSE;
    }

  if (!fascia_file_writer_commit (writer, &local_error))
    return file_error (local_error, error);

  return TRUE;
}

/* A damaged database is reported, never copied over good backups. */
static gboolean
check_intact (FasciaStore  *self,
              GError      **error)
{
  g_autofree char *backups = NULL;
  g_autofree char *problem = NULL;

  if (!fascia_db_sqlite_quick_check (fascia_store_get_db (self), &problem, error))
    return FALSE;

  if (problem == NULL)
    return TRUE;

  backups = fascia_store_get_backup_dir (self);
  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT,
               "The database “%s” is damaged (%s). Restore a copy from the backups in “%s”.",
               fascia_store_get_path (self), problem, backups);
  return FALSE;
}

/**
 * fascia_store_backup:
 * @destination: the file to write; replaced if it exists
 *
 * Writes a consistent copy of the whole database, as `fascia --backup FILE` does.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_backup (FasciaStore  *self,
                     const char   *destination,
                     GError      **error)
{
  g_autoptr(GFile) source_file = NULL;
  g_autoptr(GFile) dest_file = NULL;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A clinic server's own backups are pg_dump's; this is a laptop's copy of it, made by
   * the same verified copy as `--copy-database`, into a new SQLite file. */
  if (fascia_db_get_engine (fascia_store_get_db (self)) != FASCIA_DB_ENGINE_SQLITE)
    {
      g_autoptr(FasciaStore) snapshot = fascia_store_open_reader (self, NULL, error);

      if (snapshot != NULL &&
          fascia_store_copy_to_new_file (snapshot, destination, NULL, NULL, NULL, NULL, error))
        return TRUE;
      fascia_store_prefix_not_written (error, snapshot, destination);
      return FALSE;
    }

  source_file = g_file_new_for_path (fascia_store_get_path (self));
  dest_file = g_file_new_for_path (destination);
  if (g_file_equal (source_file, dest_file))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                   "“%s” is the database itself; choose another file for the backup",
                   destination);
      return FALSE;
    }

  /* A copy of a damaged database is no backup. */
  if (!check_intact (self, error))
    return FALSE;

  return fascia_store_copy_database (fascia_store_get_db (self), destination, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* `fascia-YYYY-MM-DD.db`: the names daily backups have, which sort by date. */
static gboolean
is_daily_name (const char *name)
{
  const char *date = name + strlen (DAILY_PREFIX);

  return strlen (name) == strlen (DAILY_PREFIX "YYYY-MM-DD" DAILY_SUFFIX)
         && g_str_has_prefix (name, DAILY_PREFIX) && g_str_has_suffix (name, DAILY_SUFFIX)
         && g_ascii_isdigit (date[0]) && date[4] == '-' && date[7] == '-';
}

/* Removes all but the last FASCIA_STORE_BACKUPS_KEPT daily backups in @dir. */
gboolean
fascia_store_prune_daily (const char  *dir,
                          GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return TRUE;

  while ((name = g_dir_read_name (d)) != NULL)
    if (is_daily_name (name))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i + FASCIA_STORE_BACKUPS_KEPT < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0)
        return io_error ("Could not remove the old backup", path, errno, error);
    }

  return TRUE;
}

/**
 * fascia_store_backup_daily:
 * @error: return location for a #GError
 *
 * Makes today's backup, `backups/fascia-YYYY-MM-DD.db` beside the database, unless it
 * exists, and keeps the last %FASCIA_STORE_BACKUPS_KEPT. fascia_store_open() calls it.
 * The database is checked (`PRAGMA quick_check`) first: a damaged database is reported
 * rather than copied over the good backups.
 *
 * Returns: (transfer full) (nullable): the backup written, or %NULL if there was one today
 *   already (@error unset) or on error.
 */
char *
fascia_store_backup_daily (FasciaStore  *self,
                           GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  now = g_date_time_new_now_local ();
  dir = fascia_store_get_backup_dir (self);
  name = g_date_time_format (now, DAILY_PREFIX "%Y-%m-%d" DAILY_SUFFIX);
  path = g_build_filename (dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (!fascia_paths_ensure_private_dir (dir, &local_error))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  /* What a backup killed in the middle left behind. */
  fascia_file_remove_leftovers (dir, DAILY_PREFIX);

  if (!check_intact (self, error))
    return NULL;

  if (!fascia_store_copy_database (fascia_store_get_db (self), path, error))
    return NULL;

  if (!fascia_store_prune_daily (dir, error))
    return NULL;

  return g_steal_pointer (&path);
}

static gboolean
move_aside (const char  *path,
            const char  *destination,
            GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (destination, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        return io_error ("Could not move aside", from, errno, error);
    }

  return TRUE;
}

/**
 * fascia_store_restore:
 * @database: the database to replace (it need not exist)
 * @source: a Fascia database or backup
 * @kept_copy: (out) (optional) (transfer full): where the replaced database was kept
 * @error: return location for a #GError
 *
 * Replaces the contents of @database with @source, as `fascia --restore FILE` does. @source
 * must be a whole Fascia database (else %FASCIA_STORE_ERROR_NOT_A_DATABASE, _CORRUPT or
 * _TOO_NEW, and nothing changes). What it replaces is first kept in the backups folder as
 * `fascia-before-restore-…db`; a damaged database is moved there as it is.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_restore (const char  *database,
                      const char  *source,
                      char       **kept_copy,
                      GError     **error)
{
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *backups = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *kept = NULL;
  int version = 0;

  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_db_sqlite_check_file (source, &version, error))
    return FALSE;

  {
    g_autofree char *dir = g_path_get_dirname (database);

    backups = g_build_filename (dir, "backups", NULL);
    if (!fascia_paths_ensure_private_dir (dir, &local_error) ||
        !fascia_paths_ensure_private_dir (backups, &local_error))
      {
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO, "%s",
                     local_error->message);
        return FALSE;
      }
  }

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (g_file_test (database, G_FILE_TEST_EXISTS))
    {
      store = fascia_store_open_full (database, FASCIA_STORE_OPEN_NO_BACKUP, &open_error);

      if (store != NULL)
        {
          g_autofree char *name = g_strdup_printf ("fascia-before-restore-%s.db", stamp);

          kept = g_build_filename (backups, name, NULL);
          if (!fascia_store_copy_database (fascia_store_get_db (store), kept, error))
            return FALSE;
        }
      else if (g_error_matches (open_error, FASCIA_STORE_ERROR,
                                FASCIA_STORE_ERROR_NOT_A_DATABASE) ||
               g_error_matches (open_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT))
        {
          /* Damaged: keep it byte for byte, for whoever may rescue something from it. */
          g_autofree char *name = g_strdup_printf ("fascia-before-restore-%s-damaged.db", stamp);

          kept = g_build_filename (backups, name, NULL);
          if (!move_aside (database, kept, error))
            return FALSE;
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&open_error));
          return FALSE;
        }
    }

  if (store == NULL)
    {
      store = fascia_store_open_full (database, FASCIA_STORE_OPEN_NO_BACKUP, error);
      if (store == NULL)
        return FALSE;
    }

  if (!fascia_db_sqlite_restore_from (fascia_store_get_db (store), source, error))
    return FALSE;
  fascia_store_close (store);
  g_clear_object (&store);

  /* Opening again upgrades a backup from an older Fascia. */
  store = fascia_store_open_full (database, FASCIA_STORE_OPEN_NO_BACKUP, error);
  if (store == NULL)
    return FALSE;

  if (kept_copy != NULL)
    *kept_copy = g_steal_pointer (&kept);

  return TRUE;
}

/**
 * fascia_store_describe_backup:
 * @path: a Fascia database or backup
 * @summary: (out caller-allocates): what it holds
 *
 * Checks @path as a restore does (a file that is not a whole Fascia database of a version
 * this one reads is refused, naming the file and why) and says what it holds, reading it
 * without changing a byte: for the question before Restore… replaces anything.
 *
 * Returns: %TRUE if @path could be restored.
 */
gboolean
fascia_store_describe_backup (const char           *path,
                              FasciaBackupSummary  *summary,
                              GError              **error)
{
  GStatBuf st;
  gint64 last = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  if (!fascia_db_sqlite_describe_file (path, &summary->n_clients, &summary->n_visits, &last,
                                       error))
    return FALSE;

  if (last > 0)
    summary->last_visit = g_date_time_new_from_unix_utc (last / G_USEC_PER_SEC);
  if (g_stat (path, &st) == 0)
    summary->modified = g_date_time_new_from_unix_utc (st.st_mtime);
  return TRUE;
}

/**
 * fascia_backup_summary_clear:
 *
 * Frees what fascia_store_describe_backup() put in @summary.
 */
void
fascia_backup_summary_clear (FasciaBackupSummary *summary)
{
  g_clear_pointer (&summary->last_visit, g_date_time_unref);
  g_clear_pointer (&summary->modified, g_date_time_unref);
}
