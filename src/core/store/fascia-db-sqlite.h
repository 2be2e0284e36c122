/* fascia-db-sqlite.h — the SQLite engine of fascia-db.h and what only SQLite has: a file
 * checked before it is opened, PRAGMA user_version migrations verified against the schema
 * they build, and the online backup API. Only the store's SQLite files and its SQLite tests
 * include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "fascia-db.h"

G_BEGIN_DECLS

/* fascia-db-sqlite.c */
FasciaDb         *fascia_db_sqlite_open          (const char         *path,
                                                  gboolean            backup_before_upgrade,
                                                  gboolean           *had_data,
                                                  GError            **error);
FasciaDb         *fascia_db_sqlite_wrap          (sqlite3            *handle,
                                                  const char         *name);
sqlite3          *fascia_db_sqlite_get_handle    (FasciaDb           *db);
void              fascia_db_sqlite_set_busy_timeout (FasciaDb        *db,
                                                  guint               milliseconds);
char             *fascia_db_sqlite_describe      (void);
void              fascia_db_sqlite_set_unsynced  (FasciaDb           *db);
gboolean          fascia_store_set_sqlite_error  (sqlite3            *db,
                                                  int                 rc,
                                                  const char         *path,
                                                  GError            **error);
gboolean          fascia_db_sqlite_quick_check   (FasciaDb           *db,
                                                  char              **problem,
                                                  GError            **error);
gboolean          fascia_db_sqlite_backup_into   (FasciaDb           *source,
                                                  const char         *destination,
                                                  GError            **error);
gboolean          fascia_db_sqlite_restore_from  (FasciaDb           *db,
                                                  const char         *source,
                                                  GError            **error);
gboolean          fascia_db_sqlite_check_file    (const char         *path,
                                                  int                *version,
                                                  GError            **error);
gboolean          fascia_db_sqlite_is_demo_file  (const char         *path);
gboolean          fascia_db_sqlite_backup_checked (const char        *database,
                                                  const char         *temp_path,
                                                  const char         *destination,
                                                  const char         *backup_dir,
                                                  GCancellable       *cancellable,
                                                  FasciaDbProgressFunc progress,
                                                  gpointer            progress_data,
                                                  GError            **error);
gboolean          fascia_db_sqlite_restore_file  (const char         *database,
                                                  const char         *source,
                                                  GCancellable       *cancellable,
                                                  void              (*progress) (double   fraction,
                                                                                 gpointer data),
                                                  gpointer            progress_data,
                                                  GError            **error);
gboolean          fascia_db_sqlite_describe_file (const char         *path,
                                                  guint              *n_clients,
                                                  guint              *n_visits,
                                                  gint64             *last_visit,
                                                  GError            **error);

/* fascia-db-sqlite-migrate.c */
gboolean          fascia_store_migrate           (sqlite3            *db,
                                                  int                 target_version,
                                                  GError            **error);
gboolean          fascia_store_verify_schema     (sqlite3            *db,
                                                  int                 version,
                                                  const char         *path,
                                                  GError            **error);

G_END_DECLS
