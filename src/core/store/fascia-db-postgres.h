/* fascia-db-postgres.h — the PostgreSQL engine of fascia-db.h: a clinic's shared server.
 *
 * The engine, with libpq and the keyring (libsecret) it needs, is a module of its own
 * (fascia-postgres.so, built from fascia-db-postgres.c and fascia-db-postgres-module.c),
 * loaded by fascia-db-postgres-loader.c the first time a server is named: a Fascia on a file
 * maps neither library, nor the two dozen they bring. The calls below are the loader's; each
 * passes to the module's table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-db.h"

G_BEGIN_DECLS

/* In fascia-db.c: needs no engine. */
gboolean          fascia_db_postgres_is_conninfo (const char         *database);
FasciaDb         *fascia_db_postgres_open        (const char         *conninfo,
                                                  GError            **error);
FasciaDb         *fascia_db_postgres_open_at     (const char         *conninfo,
                                                  int                 target_version,
                                                  GError            **error);
FasciaDb         *fascia_db_postgres_open_cancellable (const char    *conninfo,
                                                       GCancellable  *cancellable,
                                                       guint          answer_timeout,
                                                       GError       **error);
FasciaDb         *fascia_db_postgres_new_unconnected (const char     *conninfo,
                                                      GError        **error);
void              fascia_db_postgres_adopt       (FasciaDb           *db,
                                                  FasciaDb           *from);
gboolean          fascia_db_postgres_migrate     (FasciaDb           *db,
                                                  int                 target_version,
                                                  GError            **error);
char             *fascia_db_postgres_describe    (void);
char             *fascia_db_postgres_get_option  (FasciaDb           *db,
                                                  const char         *keyword);
void              fascia_db_postgres_set_lock_timeout (FasciaDb      *db,
                                                  guint               milliseconds);
void              fascia_db_postgres_set_answer_timeout (FasciaDb    *db,
                                                  guint               milliseconds);
guint             fascia_db_postgres_get_answer_timeout (FasciaDb    *db);
/* How many times the connection sent the server something and waited (tests, benchmarks). */
guint64           fascia_db_postgres_get_round_trips (FasciaDb       *db);
/* Whether the engine's module is loaded in this process (for tests). */
gboolean          fascia_db_postgres_is_loaded   (void);

/* What the module needs of the program that loads it (the rest of the store stays there). */
typedef struct
{
  int    (*migrate_latest) (void);
  char  *(*text_excerpt)   (const char *text,
                            gssize      length,
                            guint       max_chars);
} FasciaDbPostgresHost;

/* What the module gives: the engine's calls and the clinic server's password, as
 * fascia-store-private.h declares them. */
typedef struct
{
  FasciaDb *(*open_at)                (const char  *conninfo,
                                       int          target_version,
                                       GError     **error);
  gboolean  (*migrate)                (FasciaDb    *db,
                                       int          target_version,
                                       GError     **error);
  char     *(*describe)               (void);
  char     *(*get_option)             (FasciaDb    *db,
                                       const char  *keyword);
  void      (*set_lock_timeout)       (FasciaDb    *db,
                                       guint        milliseconds);
  char     *(*conninfo_with_password) (const char  *conninfo,
                                       const char  *password,
                                       GError     **error);
  char     *(*lookup_password)        (const char  *conninfo);
  gboolean  (*remember_password)      (const char  *conninfo,
                                       const char  *password,
                                       GError     **error);
  guint64   (*get_round_trips)        (FasciaDb    *db);
  FasciaDb *(*open_cancellable)       (const char    *conninfo,
                                       GCancellable  *cancellable,
                                       guint          answer_timeout,
                                       GError       **error);
  FasciaDb *(*new_unconnected)        (const char    *conninfo,
                                       GError       **error);
  void      (*adopt)                  (FasciaDb      *db,
                                       FasciaDb      *from);
  void      (*set_answer_timeout)     (FasciaDb      *db,
                                       guint          milliseconds);
  guint     (*get_answer_timeout)     (FasciaDb      *db);
} FasciaDbPostgresModule;

/* The module's one exported symbol. */
#define FASCIA_DB_POSTGRES_MODULE_INIT "fascia_db_postgres_module_init"
typedef const FasciaDbPostgresModule *(*FasciaDbPostgresModuleInit) (const FasciaDbPostgresHost *host);

G_END_DECLS
