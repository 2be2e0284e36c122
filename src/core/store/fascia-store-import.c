/* fascia-store-import.c — importing clients from a CSV file, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <string.h>

#include "fascia/fascia-csv-import.h"

#include "fascia-store-private.h"

/*
 * Both the check before an import (what the import window shows) and the import itself run
 * every row through the same transaction; the check rolls it back. So the check finds exactly
 * what the import would refuse, including a duplicate of a row earlier in the same file.
 */

/* The most bad rows one error message lists. */
#define MAX_LISTED_PROBLEMS 5

/* A client already in the database that @client repeats: the same email address, or the
 * same name and date of birth. */
static gint64
find_duplicate (FasciaStore   *self,
                FasciaClient  *client,
                GError       **error)
{
  static const char sql[] =
    "SELECT id, sort_key FROM clients WHERE deleted_at IS NULL "
    "AND ?1 <> '' AND lower(email) = lower(?1) "
    "UNION "
    "SELECT id, sort_key FROM clients WHERE deleted_at IS NULL AND date_of_birth = ?2 "
    "ORDER BY id";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  g_autofree char *name = fascia_store_fold (fascia_client_get_name (client));
  const char *email = fascia_client_get_email (client);
  FasciaDbStep rc;

  if (stmt == NULL)
    return -1;

  fascia_store_bind_text (stmt, 1, email);
  fascia_store_bind_text_or_null (stmt, 2, fascia_client_get_date_of_birth (client));

  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      gint64 id = fascia_db_column_int64 (stmt, 0);
      const char *sort_key = fascia_store_column_text (stmt, 1);
      g_autoptr(FasciaClient) other = NULL;

      if (g_str_equal (sort_key, name))
        return id;

      other = fascia_store_load_client (self, id, NULL);
      if (other != NULL && email[0] != '\0' &&
          g_ascii_strcasecmp (fascia_client_get_email (other), email) == 0)
        return id;
    }

  if (rc != FASCIA_DB_DONE)
    {
      fascia_store_step_failed (rc, error);
      return -1;
    }

  return 0;
}

static void
append_text (GString    *into,
             const char *text)
{
  if (text[0] == '\0' || strstr (into->str, text) != NULL)
    return;
  if (into->len > 0)
    g_string_append_c (into, '\n');
  g_string_append (into, text);
}

static FasciaClient *
fascia_client_copy_fields (FasciaClient *client)
{
  FasciaClient *copy = fascia_client_new ();

  fascia_client_set_name (copy, fascia_client_get_name (client));
  fascia_client_set_email (copy, fascia_client_get_email (client));
  fascia_client_set_phone (copy, fascia_client_get_phone (client));
  fascia_client_set_date_of_birth (copy, fascia_client_get_date_of_birth (client));
  fascia_client_set_health_flags (copy, fascia_client_get_health_flags (client));
  fascia_client_set_pregnancy_trimester (copy, fascia_client_get_pregnancy_trimester (client));
  fascia_client_set_health_notes (copy, fascia_client_get_health_notes (client));
  fascia_client_set_notes (copy, fascia_client_get_notes (client));
  return copy;
}

static gboolean
client_changed (FasciaClient *a,
                FasciaClient *b)
{
  return g_strcmp0 (fascia_client_get_email (a), fascia_client_get_email (b)) != 0 ||
         g_strcmp0 (fascia_client_get_phone (a), fascia_client_get_phone (b)) != 0 ||
         g_strcmp0 (fascia_client_get_date_of_birth (a), fascia_client_get_date_of_birth (b)) != 0 ||
         fascia_client_get_health_flags (a) != fascia_client_get_health_flags (b) ||
         fascia_client_get_pregnancy_trimester (a) != fascia_client_get_pregnancy_trimester (b) ||
         g_strcmp0 (fascia_client_get_health_notes (a), fascia_client_get_health_notes (b)) != 0 ||
         g_strcmp0 (fascia_client_get_notes (a), fascia_client_get_notes (b)) != 0;
}

/* Fills the empty fields of the client @id from @client, adds its flags and notes. */
static gboolean
merge_into (FasciaStore   *self,
            gint64         id,
            FasciaClient  *client,
            GError       **error)
{
  g_autoptr(FasciaClient) existing = fascia_store_load_client (self, id, error);
  g_autoptr(GString) notes = NULL;
  g_autoptr(GString) health_notes = NULL;
  g_autoptr(FasciaClient) before = NULL;

  if (existing == NULL)
    return FALSE;
  before = fascia_client_copy_fields (existing);

  if (fascia_client_get_email (existing)[0] == '\0')
    fascia_client_set_email (existing, fascia_client_get_email (client));
  if (fascia_client_get_phone (existing)[0] == '\0')
    fascia_client_set_phone (existing, fascia_client_get_phone (client));
  if (fascia_client_get_date_of_birth (existing) == NULL ||
      fascia_client_get_date_of_birth (existing)[0] == '\0')
    fascia_client_set_date_of_birth (existing, fascia_client_get_date_of_birth (client));

  notes = g_string_new (fascia_client_get_notes (existing));
  append_text (notes, fascia_client_get_notes (client));
  fascia_client_set_notes (existing, notes->str);
  health_notes = g_string_new (fascia_client_get_health_notes (existing));
  append_text (health_notes, fascia_client_get_health_notes (client));
  fascia_client_set_health_notes (existing, health_notes->str);
  fascia_client_set_health_flags (existing, fascia_client_get_health_flags (existing) |
                                            fascia_client_get_health_flags (client));
  if (fascia_client_get_pregnancy_trimester (existing) == 0)
    fascia_client_set_pregnancy_trimester (existing,
                                           fascia_client_get_pregnancy_trimester (client));

  /* Merging what is already there changes nothing, not even the client's revision. */
  if (!client_changed (before, existing))
    return TRUE;
  return fascia_store_save_client (self, existing, error);
}

/* How often a long import says how far it is and looks whether it was cancelled. */
#define ROWS_PER_PROGRESS 256

typedef struct
{
  GCancellable            *cancellable;
  FasciaStoreProgressFunc  progress;
  gpointer                 progress_data;
} Watch;

/* Runs every row inside the open transaction; a row's problem goes into @problems. */
static gboolean
run_rows (FasciaStore          *self,
          FasciaCsvImport      *import,
          FasciaDuplicates      duplicates,
          FasciaCsvImportCounts *counts,
          GPtrArray            *problems,
          const Watch          *watch,
          GError              **error)
{
  guint n_rows = fascia_csv_import_get_n_rows (import);

  for (guint row = 0; row < n_rows; row++)
    {
      g_autoptr(GError) row_error = NULL;
      g_autoptr(FasciaClient) client = fascia_csv_import_build_client (import, row, &row_error);
      guint line = fascia_csv_import_get_line (import, row);
      gint64 duplicate = 0;

      if (watch != NULL && row % ROWS_PER_PROGRESS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (watch->cancellable, error))
            return FALSE;
          if (watch->progress != NULL)
            watch->progress ((double) row / n_rows, watch->progress_data);
        }

      if (client != NULL && duplicates != FASCIA_DUPLICATES_ADD)
        {
          duplicate = find_duplicate (self, client, error);
          if (duplicate < 0)
            return FALSE;
        }

      if (client == NULL)
        ;
      else if (duplicate > 0 && duplicates == FASCIA_DUPLICATES_SKIP)
        counts->n_skipped++;
      else if (duplicate > 0)
        {
          if (merge_into (self, duplicate, client, &row_error))
            counts->n_merged++;
        }
      else if (fascia_store_insert_client (self, client, &row_error))
        counts->n_added++;

      if (row_error != NULL)
        {
          /* A full disk or a lost database is no problem of the row. */
          if (row_error->code != FASCIA_STORE_ERROR_INVALID)
            {
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }
          counts->n_bad++;
          if (g_str_has_prefix (row_error->message, "line "))
            g_ptr_array_add (problems, g_strdup (row_error->message));
          else
            g_ptr_array_add (problems, g_strdup_printf ("line %u: %s", line,
                                                        row_error->message));
        }
    }

  return TRUE;
}

/*
 * fascia_store_check_import_commit:
 *
 * fascia_store_check_commit() for an import (of a CSV file, of a FHIR bundle), with what the
 * user is told.
 */
gboolean
fascia_store_check_import_commit (FasciaStore              *self,
                                  const FasciaCommitCheck  *check,
                                  GError                  **error)
{
  return fascia_store_check_commit (self, check, "the import", "nothing was imported",
                                    "it may have been saved. Look for its clients in the list "
                                    "before importing the file again", error);
}

static gboolean
run_import (FasciaStore            *self,
            FasciaCsvImport        *import,
            FasciaDuplicates        duplicates,
            gboolean                keep,
            FasciaCsvImportCounts  *counts,
            GPtrArray              *problems,
            const Watch            *watch,
            GError                **error)
{
  g_autoptr(GError) commit_error = NULL;
  FasciaCommitCheck check;

  memset (counts, 0, sizeof *counts);

  if (!fascia_csv_import_check_columns (import, error))
    return FALSE;

  if (!fascia_store_begin (self, error) || !fascia_store_lock_bulk (self, error) ||
      (!keep && !fascia_store_mark_import_check (self, error)))
    return FALSE;

  if (!run_rows (self, import, duplicates, counts, problems, watch, error))
    {
      fascia_store_rollback (self);
      return FALSE;
    }

  /* The last moment a cancel leaves everything as it was. */
  if (watch != NULL && g_cancellable_set_error_if_cancelled (watch->cancellable, error))
    {
      fascia_store_rollback (self);
      return FALSE;
    }

  if (!keep || problems->len > 0)
    {
      fascia_store_rollback (self);
      return TRUE;
    }

  fascia_store_collapse_changes (self, FASCIA_STORE_TABLE_CLIENTS);

  /* Unanswered, the COMMIT may have been done on the server: the import finds out which,
   * and says so (fascia_store_check_commit()). */
  if (!fascia_store_watch_commit (self, &check, error))
    {
      fascia_store_rollback (self);
      return FALSE;
    }
  if (fascia_store_commit (self, &commit_error) ||
      fascia_store_check_import_commit (self, &check, &commit_error))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&commit_error));
  return FALSE;
}

/**
 * fascia_store_check_csv_import:
 * @counts: (out): how many rows would be added, merged or skipped, and how many are bad
 * @problems: (out) (optional) (transfer full): one line for each bad row, `line 7: …`
 *
 * Finds what fascia_store_import_csv() would do, changing nothing.
 *
 * Returns: %TRUE if the rows could be checked (even if some are bad); %FALSE if the columns
 *   name no client or the database failed.
 */
gboolean
fascia_store_check_csv_import (FasciaStore            *self,
                               FasciaCsvImport        *import,
                               FasciaDuplicates        duplicates,
                               FasciaCsvImportCounts  *counts,
                               char                 ***problems,
                               GError                **error)
{
  return fascia_store_check_csv_import_full (self, import, duplicates, counts, problems, NULL,
                                             NULL, NULL, error);
}

/**
 * fascia_store_check_csv_import_full:
 * @cancellable: (nullable): stops the check, which then fails with %G_IO_ERROR_CANCELLED
 * @progress: (nullable): called every few hundred rows with the share checked, on the thread
 *   the check runs on
 *
 * Like fascia_store_check_csv_import(), for a worker thread
 * (fascia_store_check_csv_import_async()): the check runs every row as the import would and
 * takes as long, seconds at tens of thousands of rows.
 */
gboolean
fascia_store_check_csv_import_full (FasciaStore              *self,
                                    FasciaCsvImport          *import,
                                    FasciaDuplicates          duplicates,
                                    FasciaCsvImportCounts    *counts,
                                    char                   ***problems,
                                    GCancellable             *cancellable,
                                    FasciaStoreProgressFunc   progress,
                                    gpointer                  progress_data,
                                    GError                  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  Watch watch = { cancellable, progress, progress_data };

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (import), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!run_import (self, import, duplicates, FALSE, counts, list, &watch, error))
    return FALSE;

  if (problems != NULL)
    {
      g_ptr_array_add (list, NULL);
      *problems = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
    }

  return TRUE;
}

/**
 * fascia_store_import_csv:
 * @counts: (out) (optional): how many rows were added, merged and skipped
 *
 * Imports every row of @import in one transaction: either every row is good and all are
 * imported, or none is, and the error names the bad rows' lines (`line 7: …`).
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_import_csv (FasciaStore            *self,
                         FasciaCsvImport        *import,
                         FasciaDuplicates        duplicates,
                         FasciaCsvImportCounts  *counts,
                         GError                **error)
{
  return fascia_store_import_csv_full (self, import, duplicates, counts, NULL, NULL, NULL, error);
}

/*
 * fascia_store_import_csv_full:
 * @cancellable: (nullable): cancels the import, which then changes nothing
 * @progress: (nullable): called every few hundred rows with the share done, on the thread
 *   the import runs on
 *
 * Like fascia_store_import_csv(), for a worker thread (fascia_store_import_csv_async()).
 * A cancelled import fails with %G_IO_ERROR_CANCELLED and rolls back.
 */
gboolean
fascia_store_import_csv_full (FasciaStore              *self,
                              FasciaCsvImport          *import,
                              FasciaDuplicates          duplicates,
                              FasciaCsvImportCounts    *counts,
                              GCancellable             *cancellable,
                              FasciaStoreProgressFunc   progress,
                              gpointer                  progress_data,
                              GError                  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  FasciaCsvImportCounts local_counts;
  g_autoptr(GString) message = NULL;
  Watch watch = { cancellable, progress, progress_data };

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_CSV_IMPORT (import), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts == NULL)
    counts = &local_counts;

  if (!run_import (self, import, duplicates, TRUE, counts, problems, &watch, error))
    return FALSE;

  if (problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < problems->len && i < MAX_LISTED_PROBLEMS; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? "; " : "",
                            (char *) g_ptr_array_index (problems, i));
  if (problems->len > MAX_LISTED_PROBLEMS)
    g_string_append_printf (message, "; and %u more bad rows",
                            problems->len - MAX_LISTED_PROBLEMS);
  g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID, message->str);
  counts->n_added = counts->n_merged = counts->n_skipped = 0;
  return FALSE;
}

/**
 * fascia_store_import_clients:
 * @csv: the file's contents, in any form fascia_csv_import_new() reads
 * @n_imported: (out) (optional): how many clients were added
 * @ignored_columns: (out) (optional) (transfer full): the header names of the columns that
 *   were not imported
 *
 * Adds a client for every row of @csv, in one transaction, with the columns mapped by their
 * names and the date order the file makes plain; duplicates of clients already in the
 * database are skipped. Either every row is valid and all are added, or none is and the
 * error names the line (`line 7: …`).
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_import_clients (FasciaStore   *self,
                             GBytes        *csv,
                             guint         *n_imported,
                             char        ***ignored_columns,
                             GError       **error)
{
  g_autoptr(FasciaCsvImport) import = NULL;
  FasciaCsvImportCounts counts;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import = fascia_csv_import_new (csv, error);
  if (import == NULL ||
      !fascia_store_import_csv (self, import, FASCIA_DUPLICATES_SKIP, &counts, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = counts.n_added;
  if (ignored_columns != NULL)
    *ignored_columns = fascia_csv_import_get_ignored (import);

  return TRUE;
}

/**
 * fascia_store_find_duplicate_client:
 *
 * The rule every import follows: a client already in the database with the same email
 * address, or the same name and date of birth, as @client.
 *
 * Returns: its id, 0 if there is none, or -1 with @error set.
 */
gint64
fascia_store_find_duplicate_client (FasciaStore   *self,
                                    FasciaClient  *client,
                                    GError       **error)
{
  return find_duplicate (self, client, error);
}

/**
 * fascia_store_merge_client:
 *
 * Merges @client into the client @id as an import does: fills its empty fields, adds notes
 * and health notes not already in them and the intake flags; never overwrites a field that
 * has a value. Saves nothing when nothing changes.
 */
gboolean
fascia_store_merge_client (FasciaStore   *self,
                           gint64         id,
                           FasciaClient  *client,
                           GError       **error)
{
  return merge_into (self, id, client, error);
}
