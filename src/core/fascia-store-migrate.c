/* fascia-store-migrate.c — schema migrations tracked by PRAGMA user_version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <stdlib.h>

#include "fascia-store-private.h"

/*
 * Migration N is the resource `sql/NNN-name.sql`; a database at schema version N has had
 * migrations 1…N applied, each in its own transaction that also sets `user_version`, so a
 * crash leaves the database at a whole version. Released migrations never change: a fix is
 * a new migration. A migration that must rebuild a table has to turn foreign keys off around
 * its transaction (SQLite ignores `PRAGMA foreign_keys` inside one); none does yet.
 */

#define SQL_RESOURCE_DIR RESOURCE_BASE "/sql/"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The migration file names in order; their count is the latest version. */
static GStrv
list_migrations (void)
{
  static GStrv names = NULL;

  if (g_once_init_enter (&names))
    {
      g_auto(GStrv) found = g_resources_enumerate_children (SQL_RESOURCE_DIR,
                                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      guint n = found != NULL ? g_strv_length (found) : 0;

      if (n > 0)
        qsort (found, n, sizeof (char *), compare_names);

      /* Numbered from 1 without gaps: a build that breaks this must not run. */
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("%03u-", i + 1);

          if (!g_str_has_prefix (found[i], prefix) || !g_str_has_suffix (found[i], ".sql"))
            g_error ("Migration %s is out of sequence", found[i]);
        }

      g_once_init_leave (&names, found != NULL ? g_steal_pointer (&found) : g_new0 (char *, 1));
    }

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

  for (int v = version + 1; v <= target_version; v++)
    {
      if (!apply_migration (db, v, names[v - 1], error))
        return FALSE;
    }

  return TRUE;
}
