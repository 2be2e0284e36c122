/* fascia-db-sqlite-migrate.c — schema migrations tracked by PRAGMA user_version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fascia/fascia-file-utils.h"

#include "fascia-db-private.h"
#include "fascia-reference-schema.h"
#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"

/*
 * Migration N is the resource `sql/NNN-name.sql`; a database at schema version N has had
 * migrations 1…N applied, each in its own transaction that also sets `user_version`, so a
 * crash leaves the database at a whole version. Released migrations never change: a fix is
 * a new migration. A migration that must rebuild a table has to turn foreign keys off around
 * its transaction (SQLite ignores `PRAGMA foreign_keys` inside one); none does yet.
 */

#define SQL_RESOURCE_DIR RESOURCE_BASE "/sql/"

/* The migration file names in order; their count is the latest version. */
static GStrv
list_migrations (void)
{
  static GStrv names = NULL;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, fascia_db_list_migrations (SQL_RESOURCE_DIR, "SQLite"));
  return names;
}

int
fascia_store_migrate_latest (void)
{
  return (int) g_strv_length (list_migrations ());
}

static gboolean
apply_migration (sqlite3     *db,
                 int          version,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *resource = g_strconcat (SQL_RESOURCE_DIR, name, NULL);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  int rc;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) local_error = NULL;

      fascia_store_set_sqlite_error (db, rc, NULL, &local_error);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

      g_set_error (error, FASCIA_STORE_ERROR, local_error->code,
                   "Could not upgrade the database to schema %d (%s): %s",
                   version, name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* The schema check */

/*
 * A database is trusted only if its schema is exactly the one Fascia's migrations build for
 * its version: the same tables with the same columns, types and constraints, the same
 * indexes, and no trigger or view Fascia did not make. A crafted backup with a trigger on
 * `clients` would otherwise run its own SQL at the next import. The latest version's reference
 * is written at build time by running the migrations into an in-memory database
 * (fascia-schema-gen.c, `fascia-reference-schema.h`); an older version's, or the latest under
 * another SQLite release than the build's, is built so at run time. Either way it follows
 * every migration there is, for every version a database can be at.
 */

typedef struct
{
  char *type;
  char *name;
  char *table;
  char *sql;
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *object = data;

  g_free (object->type);
  g_free (object->name);
  g_free (object->table);
  g_free (object->sql);
  g_free (object);
}

/* Tables SQLite itself makes in any database: ANALYZE's statistics (`PRAGMA optimize`). */
static const struct {
  const char *name;
  const char *sql;
} sqlite_tables[] = {
  { "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)" },
  { "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)" },
};

/* name → SchemaObject, or NULL with an SQLite error. */
static GHashTable *
read_schema (sqlite3  *db,
             int      *rc_out)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema", -1,
                           &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (object->type == NULL || object->name == NULL)
        {
          schema_object_free (object);
          rc = SQLITE_CORRUPT;
          break;
        }
      g_hash_table_replace (objects, object->name, object);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  *rc_out = rc == SQLITE_DONE ? SQLITE_OK : rc;
  return *rc_out == SQLITE_OK ? g_steal_pointer (&objects) : NULL;
}

static gint latest_built;
static gint built_at_run_time;

/* The latest schema as written at build time, if this SQLite is the build's. */
static GHashTable *
generated_schema (void)
{
  GHashTable *objects;

  if (sqlite3_libversion_number () != FASCIA_REFERENCE_SCHEMA_SQLITE
      || FASCIA_REFERENCE_SCHEMA_VERSION != fascia_store_migrate_latest ())
    return NULL;

  objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, schema_object_free);
  for (guint i = 0; i < G_N_ELEMENTS (fascia_reference_schema); i++)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup (fascia_reference_schema[i].type);
      object->name = g_strdup (fascia_reference_schema[i].name);
      object->table = g_strdup (fascia_reference_schema[i].table);
      object->sql = g_strdup (fascia_reference_schema[i].sql);
      g_hash_table_replace (objects, object->name, object);
    }
  return objects;
}

/* The schema of @version, built by running the migrations into a database in memory. */
static GHashTable *
run_migrations (int       version,
                GError  **error)
{
  GHashTable *reference;
  sqlite3 *db = NULL;
  int rc;

  g_atomic_int_inc (&built_at_run_time);
  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (db);
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "Could not build the reference schema: %s", sqlite3_errstr (rc));
      return NULL;
    }

  if (!fascia_store_migrate (db, version, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  reference = read_schema (db, &rc);
  sqlite3_close (db);
  if (reference == NULL)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                 "Could not read the reference schema: %s", sqlite3_errstr (rc));
  return reference;
}

/* The schema of each version, once per process: the latest as written at build time. */
static GHashTable *
reference_schema (int       version,
                  GError  **error)
{
  static GMutex lock;
  static GPtrArray *references = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  GHashTable *reference = NULL;

  (void) locker;

  if (references == NULL)
    references = g_ptr_array_new ();
  if ((guint) version < references->len && references->pdata[version] != NULL)
    return references->pdata[version];

  if (version == fascia_store_migrate_latest ())
    reference = generated_schema ();
  if (reference == NULL)
    reference = run_migrations (version, error);
  if (reference == NULL)
    return NULL;

  if ((guint) version >= references->len)
    g_ptr_array_set_size (references, version + 1);
  references->pdata[version] = reference;
  if (version == fascia_store_migrate_latest ())
    g_atomic_int_set (&latest_built, TRUE);
  return reference;
}

static gpointer
preload_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;

  if (reference_schema (fascia_store_migrate_latest (), &error) == NULL)
    g_debug ("The reference schema was not built ahead: %s", error->message);
  return NULL;
}

/**
 * fascia_store_preload:
 *
 * Builds, in a worker thread and once per process, what opening a database file checks its
 * schema against (every migration applied to an empty database in memory): a file opened
 * later is checked without building it, or waits only for what is left.
 */
void
fascia_store_preload (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("fascia-schema", preload_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

/* How many versions' reference schemas this process has built by running the migrations. */
guint
fascia_store_count_reference_builds (void)
{
  return (guint) g_atomic_int_get (&built_at_run_time);
}

/* Whether the latest schema's reference has been built, without building it or waiting. */
gboolean
fascia_store_peek_reference_schema (void)
{
  return g_atomic_int_get (&latest_built);
}

/* A virtual table's own tables (`clients_fts_data` of `clients_fts`) are made by its module,
 * whose SQL may differ between SQLite releases: they need only exist, as tables. */
static gboolean
is_shadow_table (GHashTable *reference,
                 const char *name)
{
  GHashTableIter iter;
  SchemaObject *object;

  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      gsize length = strlen (object->name);

      if (object->sql != NULL && g_str_has_prefix (object->sql, "CREATE VIRTUAL TABLE") &&
          strncmp (name, object->name, length) == 0 && name[length] == '_')
        return TRUE;
    }

  return FALSE;
}

/* "column “extra” is not Fascia's", from the two tables' columns. */
static char *
describe_table_difference (sqlite3     *db,
                           sqlite3     *reference_db,
                           const char  *table)
{
  static const char sql[] =
    "SELECT name, type, \"notnull\", ifnull(dflt_value, ''), pk, hidden "
    "FROM pragma_table_xinfo(?1)";
  g_autoptr(GHashTable) theirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *tables[] = { theirs, ours };
  sqlite3 *dbs[] = { db, reference_db };
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < 2; i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (dbs[i], sql, -1, &stmt, NULL) != SQLITE_OK)
        return NULL;
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (tables[i], g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup_printf ("%s|%d|%s|%d|%d", sqlite3_column_text (stmt, 1),
                                              sqlite3_column_int (stmt, 2),
                                              sqlite3_column_text (stmt, 3),
                                              sqlite3_column_int (stmt, 4),
                                              sqlite3_column_int (stmt, 5)));
      sqlite3_finalize (stmt);
    }

  g_hash_table_iter_init (&iter, theirs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *expected = g_hash_table_lookup (ours, key);

      if (expected == NULL)
        return g_strdup_printf ("it has a column “%s” that Fascia’s has not", (char *) key);
      if (!g_str_equal (expected, value))
        return g_strdup_printf ("its column “%s” differs", (char *) key);
    }

  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (theirs, key))
      return g_strdup_printf ("it lacks the column “%s”", (char *) key);

  return g_strdup ("its constraints differ");
}

static const char *
kind_name (const char *type)
{
  return g_str_equal (type, "table") ? "table" : g_str_equal (type, "index") ? "index"
         : g_str_equal (type, "trigger") ? "trigger" : g_str_equal (type, "view") ? "view"
         : "object";
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/*
 * fascia_store_verify_schema:
 * @db: an open connection, not yet written to
 * @version: its `user_version`, from 1 to the latest
 * @path: the file, for the message
 *
 * Compares the database's `sqlite_schema` with the one the migrations build for @version.
 *
 * Returns: %TRUE if they are the same; else %FALSE with %FASCIA_STORE_ERROR_NOT_A_DATABASE
 *   and a message naming what differs.
 */
gboolean
fascia_store_verify_schema (sqlite3     *db,
                            int          version,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) message = NULL;
  GHashTable *reference;
  sqlite3 *reference_db = NULL;
  GHashTableIter iter;
  SchemaObject *object;
  int rc;

  g_return_val_if_fail (version >= 1 && version <= fascia_store_migrate_latest (), FALSE);

  reference = reference_schema (version, error);
  if (reference == NULL)
    return FALSE;

  found = read_schema (db, &rc);
  if (found == NULL)
    return fascia_store_set_sqlite_error (db, rc, path, error);

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      SchemaObject *expected = g_hash_table_lookup (reference, object->name);
      g_autofree char *name = fascia_text_excerpt (object->name, -1, FASCIA_EXCERPT_LENGTH);
      gboolean allowed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (sqlite_tables); i++)
        if (g_str_equal (object->name, sqlite_tables[i].name) &&
            g_strcmp0 (object->sql, sqlite_tables[i].sql) == 0)
          allowed = TRUE;
      if (allowed)
        continue;

      if (expected == NULL)
        {
          g_autofree char *table = fascia_text_excerpt (object->table, -1,
                                                        FASCIA_EXCERPT_LENGTH);

          if (g_str_equal (object->type, "trigger") || g_str_equal (object->type, "index"))
            g_ptr_array_add (differences,
                             g_strdup_printf ("%cthe %s “%s” on “%s” is not Fascia’s",
                                              g_str_equal (object->type, "trigger") ? '1' : '4',
                                              kind_name (object->type), name, table));
          else
            g_ptr_array_add (differences, g_strdup_printf ("%cthe %s “%s” is not Fascia’s",
                                                           g_str_equal (object->type, "view")
                                                           ? '1' : '4',
                                                           kind_name (object->type), name));
        }
      else if (!g_str_equal (object->type, expected->type))
        g_ptr_array_add (differences, g_strdup_printf ("0“%s” is a %s, not a %s", name,
                                                       kind_name (object->type),
                                                       kind_name (expected->type)));
      else if (g_strcmp0 (object->sql, expected->sql) != 0 &&
               !(g_str_equal (object->type, "table") && is_shadow_table (reference, object->name)))
        {
          g_autofree char *detail = NULL;

          if (g_str_equal (object->type, "table"))
            {
              if (reference_db == NULL &&
                  sqlite3_open_v2 (":memory:", &reference_db, SQLITE_OPEN_READWRITE, NULL) ==
                  SQLITE_OK)
                fascia_store_migrate (reference_db, version, NULL);
              detail = describe_table_difference (db, reference_db, object->name);
            }
          g_ptr_array_add (differences,
                           g_strdup_printf ("%cthe %s “%s” differs from Fascia’s%s%s",
                                            g_str_equal (object->type, "table") ? '3' : '5',
                                            kind_name (object->type), name,
                                            detail != NULL ? ": " : "",
                                            detail != NULL ? detail : ""));
        }
    }

  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    if (!g_hash_table_contains (found, object->name))
      g_ptr_array_add (differences, g_strdup_printf ("2the %s “%s” is missing",
                                                     kind_name (object->type), object->name));

  sqlite3_close (reference_db);

  if (differences->len == 0)
    return TRUE;

  /* The worst first: a table replaced by a view, a trigger, then what is missing. */
  g_ptr_array_sort (differences, compare_strings);
  message = g_string_new (NULL);
  g_string_append_printf (message, "“%s” is not a database Fascia made: its schema differs from "
                          "Fascia’s schema %d (", path, version);
  for (guint i = 0; i < differences->len && i < 3; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? "; " : "",
                            (char *) g_ptr_array_index (differences, i) + 1);
  if (differences->len > 3)
    g_string_append_printf (message, "; and %u more", differences->len - 3);
  g_string_append (message, "). It was left as it is.");

  g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                       message->str);
  return FALSE;
}

/*
 * fascia_store_migrate:
 * @db: an open connection
 * @target_version: the schema version wanted, at most fascia_store_migrate_latest()
 *
 * Applies the migrations after the database's `user_version` up to @target_version. Tests
 * use a @target_version below the latest to build the databases older releases made.
 */
gboolean
fascia_store_migrate (sqlite3     *db,
                      int          target_version,
                      GError     **error)
{
  GStrv names = list_migrations ();
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_version <= (int) g_strv_length (names), FALSE);

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return fascia_store_set_sqlite_error (db, rc, NULL, error);

  /* Never index the list with a version read from the file. */
  if (version < 0 || version > (int) g_strv_length (names))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "Schema version %d is not a Fascia version (this one knows 1 to %u)",
                   version, g_strv_length (names));
      return FALSE;
    }

  for (int v = version + 1; v <= target_version; v++)
    {
      if (!apply_migration (db, v, names[v - 1], error))
        return FALSE;
    }

  return TRUE;
}
