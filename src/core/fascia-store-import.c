/* fascia-store-import.c — importing clients from a CSV file, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <string.h>

#include "fascia-store-private.h"

typedef enum {
  COLUMN_UNKNOWN = -1,
  COLUMN_NAME,
  COLUMN_EMAIL,
  COLUMN_PHONE,
  COLUMN_DATE_OF_BIRTH,
  COLUMN_NOTES,
  N_COLUMNS
} Column;

/* Header names as people write them, after folding case, `_` and `-` to spaces. */
static const struct {
  const char *header;
  Column      column;
} column_names[] = {
  { "name", COLUMN_NAME },
  { "full name", COLUMN_NAME },
  { "client", COLUMN_NAME },
  { "client name", COLUMN_NAME },
  { "email", COLUMN_EMAIL },
  { "e mail", COLUMN_EMAIL },
  { "email address", COLUMN_EMAIL },
  { "phone", COLUMN_PHONE },
  { "phone number", COLUMN_PHONE },
  { "telephone", COLUMN_PHONE },
  { "mobile", COLUMN_PHONE },
  { "date of birth", COLUMN_DATE_OF_BIRTH },
  { "dob", COLUMN_DATE_OF_BIRTH },
  { "birth date", COLUMN_DATE_OF_BIRTH },
  { "birthdate", COLUMN_DATE_OF_BIRTH },
  { "birthday", COLUMN_DATE_OF_BIRTH },
  { "notes", COLUMN_NOTES },
  { "note", COLUMN_NOTES },
};

static const char *column_labels[N_COLUMNS] = {
  "name", "email", "phone", "date of birth", "notes"
};

#define MAX_CSV_SIZE (64 * 1024 * 1024)

typedef struct
{
  FasciaStore *store;
  GPtrArray   *ignored;
  int         *columns;        /* the Column of each field of the header */
  guint        n_columns;
  guint        n_imported;
} Import;

static Column
column_for (const char *header)
{
  g_autofree char *folded = fascia_store_fold (header);

  for (char *p = folded; *p != '\0'; p++)
    if (*p == '_' || *p == '-')
      *p = ' ';
  g_strstrip (folded);

  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (folded, column_names[i].header))
      return column_names[i].column;

  return COLUMN_UNKNOWN;
}

static gboolean
read_header (Import       *import,
             guint         line,
             const char  **fields,
             guint         n_fields,
             GError      **error)
{
  gboolean seen[N_COLUMNS] = { FALSE };

  import->columns = g_new (int, n_fields);
  import->n_columns = n_fields;

  for (guint i = 0; i < n_fields; i++)
    {
      Column column = column_for (fields[i]);

      import->columns[i] = column;
      if (column == COLUMN_UNKNOWN)
        {
          g_ptr_array_add (import->ignored, g_strdup (fields[i]));
          continue;
        }

      if (seen[column])
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                       "line %u: two columns are “%s”", line, column_labels[column]);
          return FALSE;
        }
      seen[column] = TRUE;
    }

  if (!seen[COLUMN_NAME])
    {
      g_autofree char *found = g_strjoinv (", ", (char **) fields);

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "line %u: the first line must name the columns, with one called “name” "
                   "(found: %s)", line, found);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_row_cb (guint         line,
               const char  **fields,
               guint         n_fields,
               gpointer      user_data,
               GError      **error)
{
  Import *import = user_data;
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GError) local_error = NULL;

  if (import->columns == NULL)
    return read_header (import, line, fields, n_fields, error);

  if (n_fields != import->n_columns)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "line %u: %u fields, but the first line names %u columns",
                   line, n_fields, import->n_columns);
      return FALSE;
    }

  client = fascia_client_new ();
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = g_strdup (fields[i]);

      /* Stray spaces from spreadsheets; notes keep theirs. */
      if (import->columns[i] != COLUMN_NOTES)
        g_strstrip (value);

      switch (import->columns[i])
        {
        case COLUMN_NAME:
          fascia_client_set_name (client, value);
          break;
        case COLUMN_EMAIL:
          fascia_client_set_email (client, value);
          break;
        case COLUMN_PHONE:
          fascia_client_set_phone (client, value);
          break;
        case COLUMN_DATE_OF_BIRTH:
          fascia_client_set_date_of_birth (client, value);
          break;
        case COLUMN_NOTES:
          fascia_client_set_notes (client, value);
          break;
        case COLUMN_UNKNOWN:
        case N_COLUMNS:
        default:
          break;
        }
    }

  if (!fascia_store_insert_client (import->store, client, &local_error))
    {
      g_set_error (error, FASCIA_STORE_ERROR, local_error->code, "line %u: %s", line,
                   local_error->message);
      return FALSE;
    }

  import->n_imported++;
  return TRUE;
}

/**
 * fascia_store_import_clients:
 * @csv: the file's contents: UTF-8, with or without a byte order mark, RFC 4180
 * @n_imported: (out) (optional): how many clients were added
 * @ignored_columns: (out) (optional) (transfer full): header names that are none of name,
 *   email, phone, date of birth (`date_of_birth`, `dob`) or notes, whose values were not
 *   imported
 *
 * Adds a client for every row of @csv, in one transaction: either every row is valid and all
 * are added, or none is and the error names the line (`line 7: …`).
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
  Import import = { 0 };
  gboolean ok = FALSE;
  gsize size;
  const char *data;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (csv, &size);
  if (size > MAX_CSV_SIZE)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The file is too large to import (%" G_GSIZE_FORMAT " bytes)", size);
      return FALSE;
    }

  import.store = self;
  import.ignored = g_ptr_array_new_with_free_func (g_free);

  if (!fascia_store_begin (self, error))
    goto out;

  if (!fascia_csv_parse (data != NULL ? data : "", size, import_row_cb, &import, error))
    {
      fascia_store_rollback (self);
      goto out;
    }

  if (import.columns == NULL)
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "line 1: the file is empty; the first line must name the columns");
      fascia_store_rollback (self);
      goto out;
    }

  fascia_store_collapse_changes (self, FASCIA_STORE_TABLE_CLIENTS);
  if (!fascia_store_commit (self, error))
    goto out;

  ok = TRUE;
  if (n_imported != NULL)
    *n_imported = import.n_imported;
  if (ignored_columns != NULL)
    {
      g_ptr_array_add (import.ignored, NULL);
      *ignored_columns = (char **) g_ptr_array_free (g_steal_pointer (&import.ignored), FALSE);
    }

out:
  g_clear_pointer (&import.ignored, g_ptr_array_unref);
  g_free (import.columns);
  return ok;
}
