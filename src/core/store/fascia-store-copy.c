/* fascia-store-copy.c — a whole clinic from one database to another, whichever the engines.
 *
 * `fascia --copy-database FROM TO` moves a clinic between a file and a server (SQLite →
 * PostgreSQL to start a clinic server, PostgreSQL → SQLite for a laptop copy), and a backup
 * of a server database is the same copy into a new file. The source is read in one snapshot;
 * the target is written in one transaction, after which every table's row count and checksum
 * are read back from the target and compared with the source's before it commits: a copy
 * that does not match leaves the target as it was. A target that holds records is refused.
 *
 * A column the server stamps on every write (updated_by: who wrote the row) is copied but not
 * compared: on a server it names whoever made the copy.
 *
 * The tables are copied column by column as the target's schema names and types them, so a
 * column a migration adds is copied without a change here; a table this file does not know
 * makes the copy refuse, so none is ever silently left behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fascia/fascia-file-utils.h"

#include "fascia-store-private.h"

/* The clinic's tables, parents before children. */
static const char * const copied_tables[] = {
  "meta", "clients", "plans", "plan_targets", "home_exercises", "visits", "visit_targets",
  "pain_marks", "findings", "amendments", "study_results", "study_items", NULL
};

/* Tables each engine keeps for itself: versions, counts and indexes kept by triggers, the
 * server's audit trail (the target records the copy in its own), the tokens of rows purged
 * (which only a replay against the same database asks for), the server's stamp of changes
 * to clients. */
static const char * const engine_tables[] = {
  "schema_version", "client_counts", "audit_log", "purged_add_tokens", "client_changes", NULL
};

/* Tables that have an identity `id` whose sequence must go on after the copied ids. */
static const char * const id_tables[] = {
  "clients", "plans", "plan_targets", "home_exercises", "visits", "pain_marks", "findings",
  "amendments", "study_results", NULL
};

#define CHECK_EVERY 256

typedef enum
{
  COLUMN_INTEGER,
  COLUMN_REAL,
  COLUMN_TEXT,
} ColumnType;

typedef struct
{
  char       *name;
  ColumnType  type;
  gboolean    stamped;  /* set by the server's triggers as a row is written: not compared */
} Column;

/* Columns a server's trigger fills in on every write (who wrote the row): copied, but the
 * copy holds who copied it, so they are left out of the checksum. */
static const char * const stamped_columns[] = { "updated_by", NULL };

static void
column_clear (Column *column)
{
  g_free (column->name);
}

static gboolean
is_sqlite (FasciaDb *db)
{
  return fascia_db_get_engine (db) == FASCIA_DB_ENGINE_SQLITE;
}

/* The tables of @db's schema. */
static GPtrArray *
list_tables (FasciaDb  *db,
             GError   **error)
{
  const char *sql = is_sqlite (db)
    ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
      "AND name NOT LIKE 'clients_search%'"
    : "SELECT tablename FROM pg_tables WHERE schemaname = 'fascia'";
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  FasciaDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    g_ptr_array_add (names, g_strdup (fascia_db_column_text (stmt, 0)));

  return step == FASCIA_DB_DONE ? g_steal_pointer (&names) : NULL;
}

/* Every table of @db is one this copy knows. */
static gboolean
check_tables_known (FasciaDb    *db,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GPtrArray) tables = list_tables (db, error);

  if (tables == NULL)
    return FALSE;

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];

      if (!g_strv_contains (copied_tables, table) && !g_strv_contains (engine_tables, table))
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                       "“%s” has a table “%s” this version of Fascia does not know how to "
                       "copy; nothing was copied", name, table);
          return FALSE;
        }
    }

  return TRUE;
}

/* @table's columns, in @db's order, with the kind of value each holds. */
static GArray *
list_columns (FasciaDb    *db,
              const char  *table,
              GError     **error)
{
  const char *sql = is_sqlite (db)
    ? "SELECT name, upper(type) FROM pragma_table_info(?1) ORDER BY cid"
    : "SELECT column_name, data_type FROM information_schema.columns "
      "WHERE table_schema = 'fascia' AND table_name = ?1 ORDER BY ordinal_position";
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, error);
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  FasciaDbStep step;

  g_array_set_clear_func (columns, (GDestroyNotify) column_clear);
  if (stmt == NULL)
    return NULL;
  fascia_db_bind_text (stmt, 1, table);
  while ((step = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      const char *type = fascia_db_column_text (stmt, 1);
      Column column = { g_strdup (fascia_db_column_text (stmt, 0)), COLUMN_TEXT, FALSE };

      column.stamped = g_strv_contains (stamped_columns, column.name);

      if (type != NULL && (strstr (type, "INT") != NULL || strstr (type, "int") != NULL))
        column.type = COLUMN_INTEGER;
      else if (type != NULL && (g_str_equal (type, "REAL") || strstr (type, "double") != NULL))
        column.type = COLUMN_REAL;
      g_array_append_val (columns, column);
    }
  if (step != FASCIA_DB_DONE)
    return NULL;

  return g_steal_pointer (&columns);
}

static gboolean
count_rows (FasciaDb    *db,
            const char  *table,
            gint64      *n,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, error);

  if (stmt == NULL || fascia_db_step (stmt, error) != FASCIA_DB_ROW)
    return FALSE;

  *n = fascia_db_column_int64 (stmt, 0);
  return TRUE;
}

/* A row's value in a form both engines give alike: the checksum's input. */
static void
add_value (GChecksum    *sum,
           FasciaDbStmt *stmt,
           int           index,
           ColumnType    type)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 2];

  if (fascia_db_column_is_null (stmt, index))
    {
      g_checksum_update (sum, (const guchar *) "N", 2);
      return;
    }

  switch (type)
    {
    case COLUMN_INTEGER:
      g_snprintf (buffer, sizeof buffer, "I%" G_GINT64_FORMAT, fascia_db_column_int64 (stmt, index));
      g_checksum_update (sum, (const guchar *) buffer, strlen (buffer) + 1);
      break;
    case COLUMN_REAL:
      buffer[0] = 'R';
      g_ascii_dtostr (buffer + 1, sizeof buffer - 1, fascia_db_column_double (stmt, index));
      g_checksum_update (sum, (const guchar *) buffer, strlen (buffer) + 1);
      break;
    case COLUMN_TEXT:
    default:
      {
        const char *text = fascia_db_column_text (stmt, index);
        gsize length = strlen (text);
        char header[32];

        /* Length first: no two rows of texts run together the same way. */
        g_snprintf (header, sizeof header, "T%" G_GSIZE_FORMAT ":", length);
        g_checksum_update (sum, (const guchar *) header, strlen (header));
        g_checksum_update (sum, (const guchar *) text, length);
      }
      break;
    }
}

/* The row's hash, summed: the same whatever order the rows are read in. */
static guint64
row_hash (FasciaDbStmt *stmt,
          GArray       *columns)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  guint64 hash = 0;

  for (guint i = 0; i < columns->len; i++)
    if (!g_array_index (columns, Column, i).stamped)
      add_value (sum, stmt, (int) i, g_array_index (columns, Column, i).type);
  g_checksum_get_digest (sum, digest, &length);
  for (guint i = 0; i < 8; i++)
    hash = hash << 8 | digest[i];
  return hash;
}

static char *
select_sql (const char *table,
            GArray     *columns)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "",
                            g_array_index (columns, Column, i).name);
  g_string_append_printf (sql, " FROM %s", table);
  return g_string_free (sql, FALSE);
}

static char *
insert_sql (const char *table,
            GArray     *columns)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "",
                            g_array_index (columns, Column, i).name);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, ")");
  /* A migration may have set a meta key already; the source's value is the clinic's. */
  if (g_str_equal (table, "meta"))
    g_string_append (sql, " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  return g_string_free (sql, FALSE);
}

/* Reads @table of @db and sums its rows. */
static gboolean
checksum_table (FasciaDb    *db,
                const char  *table,
                GArray      *columns,
                gint64      *n_rows,
                guint64     *checksum,
                GError     **error)
{
  g_autofree char *sql = select_sql (table, columns);
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, error);
  FasciaDbStep step;

  *n_rows = 0;
  *checksum = 0;
  if (stmt == NULL)
    return FALSE;
  while ((step = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      (*n_rows)++;
      *checksum += row_hash (stmt, columns);
    }

  return step == FASCIA_DB_DONE;
}

typedef struct
{
  FasciaDb                *source;
  FasciaDb                *target;
  const char              *source_name;
  const char              *target_name;
  GCancellable            *cancellable;
  FasciaStoreProgressFunc  progress;
  gpointer                 progress_data;
  gint64                   total;
  gint64                   done;
  GString                  *report;
} Copy;

static gboolean
copy_table (Copy        *copy,
            const char  *table,
            GError     **error)
{
  g_autoptr(GArray) columns = list_columns (copy->target, table, error);
  g_autoptr(GArray) source_columns = NULL;
  g_autoptr(FasciaDbStmt) read = NULL;
  g_autoptr(FasciaDbStmt) write = NULL;
  g_autofree char *select = NULL;
  g_autofree char *insert = NULL;
  gint64 n_read = 0, n_written = 0;
  guint64 sum_read = 0, sum_written = 0;
  FasciaDbStep step;

  if (columns == NULL)
    return FALSE;
  source_columns = list_columns (copy->source, table, error);
  if (source_columns == NULL)
    return FALSE;
  if (source_columns->len != columns->len || columns->len == 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "The table “%s” has %u columns in “%s” and %u in “%s”; nothing was copied",
                   table, source_columns->len, copy->source_name, columns->len,
                   copy->target_name);
      return FALSE;
    }

  select = select_sql (table, columns);
  insert = insert_sql (table, columns);
  read = fascia_db_prepare (copy->source, select, FALSE, error);
  if (read == NULL)
    return FALSE;
  write = fascia_db_prepare (copy->target, insert, FALSE, error);
  if (write == NULL)
    return FALSE;

  while ((step = fascia_db_step (read, error)) == FASCIA_DB_ROW)
    {
      for (guint i = 0; i < columns->len; i++)
        {
          int index = (int) i + 1;

          if (fascia_db_column_is_null (read, (int) i))
            fascia_db_bind_null (write, index);
          else
            switch (g_array_index (columns, Column, i).type)
              {
              case COLUMN_INTEGER:
                fascia_db_bind_int64 (write, index, fascia_db_column_int64 (read, (int) i));
                break;
              case COLUMN_REAL:
                fascia_db_bind_double (write, index, fascia_db_column_double (read, (int) i));
                break;
              case COLUMN_TEXT:
              default:
                fascia_db_bind_text (write, index, fascia_db_column_text (read, (int) i));
                break;
              }
        }
      if (fascia_db_step (write, error) == FASCIA_DB_ERROR)
        return FALSE;
      fascia_db_stmt_reset (write);

      n_read++;
      sum_read += row_hash (read, columns);
      copy->done++;
      if (copy->done % CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (copy->cancellable, error))
            return FALSE;
          if (copy->progress != NULL && copy->total > 0)
            copy->progress (0.95 * copy->done / copy->total, copy->progress_data);
        }
    }
  if (step != FASCIA_DB_DONE)
    return FALSE;

  /* Read back from the target, inside its transaction: what it will hold once committed. */
  if (!checksum_table (copy->target, table, columns, &n_written, &sum_written, error))
    return FALSE;
  if (n_written != n_read || sum_written != sum_read)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "The copy of “%s” does not match the original (%" G_GINT64_FORMAT " rows "
                   "read, %" G_GINT64_FORMAT " in the copy); nothing was copied",
                   table, n_read, n_written);
      return FALSE;
    }

  if (copy->report != NULL)
    g_string_append_printf (copy->report, "%-16s %8" G_GINT64_FORMAT " rows  checksum %016"
                            G_GINT64_MODIFIER "x  ok\n", table, n_read, sum_read);
  return TRUE;
}

/* A server's identities go on after the highest id copied. */
static gboolean
advance_identities (FasciaDb  *db,
                    GError   **error)
{
  if (is_sqlite (db))
    return TRUE;

  for (guint i = 0; id_tables[i] != NULL; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT setval(pg_get_serial_sequence('fascia.%s', 'id'), "
                         "coalesce(max(id), 0) + 1, false) FROM %s", id_tables[i], id_tables[i]);
      g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, error);

      if (stmt == NULL || fascia_db_step (stmt, error) == FASCIA_DB_ERROR)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_empty (Copy    *copy,
             GError **error)
{
  for (guint i = 0; copied_tables[i] != NULL; i++)
    {
      gint64 n = 0;

      if (g_str_equal (copied_tables[i], "meta"))
        continue;
      if (!count_rows (copy->target, copied_tables[i], &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                       "“%s” already holds records (%" G_GINT64_FORMAT " rows in %s); a copy "
                       "goes only into an empty database, nothing was copied",
                       copy->target_name, n, copied_tables[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
copy_all (Copy    *copy,
          GError **error)
{
  if (!check_tables_known (copy->source, copy->source_name, error) ||
      !check_tables_known (copy->target, copy->target_name, error) ||
      !check_empty (copy, error))
    return FALSE;

  for (guint i = 0; copied_tables[i] != NULL; i++)
    {
      gint64 n = 0;

      if (!count_rows (copy->source, copied_tables[i], &n, error))
        return FALSE;
      copy->total += n;
    }

  for (guint i = 0; copied_tables[i] != NULL; i++)
    if (!copy_table (copy, copied_tables[i], error))
      return FALSE;

  return advance_identities (copy->target, error);
}

/* Commits the copy into @target. A COMMIT the server did not answer (its connection given up
 * for want of an answer, or fallen) may have been done or not: a new connection tells which,
 * once the copy's session on the server has ended (fascia_store_check_commit()). */
static gboolean
commit_copy (FasciaStore  *target,
             GError      **error)
{
  g_autoptr(GError) commit_error = NULL;
  FasciaCommitCheck check;

  if (!fascia_store_watch_commit (target, &check, error))
    return FALSE;
  if (fascia_db_commit (fascia_store_get_db (target), &commit_error) ||
      fascia_store_check_commit (target, &check, "the copy", "nothing was copied",
                                 "it may have been saved. Try again: a server that holds the "
                                 "records refuses a second copy", &commit_error))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&commit_error));
  return FALSE;
}

/**
 * fascia_store_copy_into:
 * @source: the clinic to copy, read in one snapshot
 * @target: an empty database at the same schema version
 * @report: (nullable): gets one line per table: its rows and checksum
 *
 * Copies every record of @source into @target in one transaction, verified table by table
 * (row count and checksum read back from @target) before it commits. On any error, or a
 * cancel, @target is left as it was.
 *
 * Returns: %TRUE if the copy is committed and verified.
 */
gboolean
fascia_store_copy_into (FasciaStore              *source,
                        FasciaStore              *target,
                        GCancellable             *cancellable,
                        FasciaStoreProgressFunc   progress,
                        gpointer                  progress_data,
                        GString                  *report,
                        GError                  **error)
{
  Copy copy = {
    .source = fascia_store_get_db (source),
    .target = fascia_store_get_db (target),
    .source_name = fascia_store_get_path (source),
    .target_name = fascia_store_get_path (target),
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
    .report = report,
  };
  gboolean ok;

  g_return_val_if_fail (FASCIA_IS_STORE (source), FALSE);
  g_return_val_if_fail (FASCIA_IS_STORE (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One snapshot of the source, read only: the window may go on writing meanwhile. */
  if (!fascia_db_exec (copy.source, is_sqlite (copy.source) ? "BEGIN"
                       : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  if (!fascia_db_begin (copy.target, error))
    {
      fascia_db_rollback (copy.source);
      return FALSE;
    }

  ok = copy_all (&copy, error) && commit_copy (target, error);
  if (!ok)
    fascia_db_rollback (copy.target);
  fascia_db_rollback (copy.source);  /* only read: ends the snapshot */

  if (ok && progress != NULL)
    progress (1.0, progress_data);
  return ok;
}

/**
 * fascia_store_copy_to_new_file:
 * @destination: the SQLite file to write, replaced if it exists, through a fresh temporary
 *   file renamed into place only once the copy is verified
 *
 * Copies @source into a new SQLite file: a server's backup, or a laptop's copy of it.
 */
gboolean
fascia_store_copy_to_new_file (FasciaStore              *source,
                               const char               *destination,
                               GCancellable             *cancellable,
                               FasciaStoreProgressFunc   progress,
                               gpointer                  progress_data,
                               GString                  *report,
                               GError                  **error)
{
  /* Declared first so that it is freed last, after the store has closed its file. */
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(FasciaStore) target = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  writer = fascia_file_writer_new (destination, FASCIA_FILE_WRITE_PRIVATE, error);
  if (writer == NULL)
    return FALSE;

  target = fascia_store_open_full (fascia_file_writer_get_temp_path (writer),
                                   FASCIA_STORE_OPEN_NO_BACKUP, error);
  if (target == NULL ||
      !fascia_store_copy_into (source, target, cancellable, progress, progress_data, report,
                               error))
    return FALSE;

  /* Closing checkpoints the write-ahead log into the file and removes it. */
  fascia_store_close (target);
  g_clear_object (&target);
  wal = g_strconcat (fascia_file_writer_get_temp_path (writer), "-wal", NULL);
  shm = g_strconcat (fascia_file_writer_get_temp_path (writer), "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return fascia_file_writer_commit (writer, error);
}

/**
 * fascia_store_copy_database_to:
 * @from: a database file or a server's connection string
 * @to: a file that does not exist yet, or an empty server database
 * @report: (nullable): gets one line per table: its rows and checksum
 *
 * `fascia --copy-database FROM TO`: copies a whole clinic between engines (or files) in one
 * transaction on the target, verified by row counts and checksums before it commits; a
 * target that exists (a file) or holds records (a server) is refused. See
 * fascia_store_copy_into().
 *
 * Returns: %TRUE if the whole clinic was copied and verified.
 */
gboolean
fascia_store_copy_database_to (const char               *from,
                               const char               *to,
                               GCancellable             *cancellable,
                               FasciaStoreProgressFunc   progress,
                               gpointer                  progress_data,
                               GString                  *report,
                               GError                  **error)
{
  g_autoptr(FasciaStore) source = NULL;
  g_autoptr(FasciaStore) target = NULL;
  gboolean to_file;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_store_is_server_database (from) && !g_file_test (from, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   "“%s” is not a database file; nothing was copied", from);
      return FALSE;
    }

  to_file = !fascia_store_is_server_database (to);
  if (to_file && (g_file_test (to, G_FILE_TEST_EXISTS) ||
                  g_file_test (to, G_FILE_TEST_IS_SYMLINK)))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS,
                   "“%s” exists; a copy goes only into a new file, nothing was copied", to);
      return FALSE;
    }

  /* A clinic server silent for a job's answer time ends the copy, as a cancel does at once;
   * the target is left as it was. */
  source = fascia_store_open_reader_for (from, cancellable,
                                         fascia_store_default_job_answer_timeout (), error);
  if (source == NULL)
    return FALSE;

  if (to_file)
    return fascia_store_copy_to_new_file (source, to, cancellable, progress, progress_data,
                                          report, error);

  target = fascia_store_open_reader_for (to, cancellable,
                                         fascia_store_default_job_answer_timeout (), error);
  if (target == NULL)
    return FALSE;

  return fascia_store_copy_into (source, target, cancellable, progress, progress_data, report,
                                 error);
}
