/* fascia-db-postgres-loader.c — the PostgreSQL engine, loaded the first time it is needed.
 *
 * libpq and libsecret bring two dozen shared libraries (Kerberos, LDAP, OpenSSL, SASL,
 * libgcrypt): linked into Fascia, each start-up mapped and relocated them all, tens of
 * milliseconds before the window, for a practice that keeps its records in a file. The engine
 * is a module instead (fascia-db-postgres-module.c), opened here when a server is named. It is
 * looked for in $FASCIA_MODULE_DIR (the tests name the build's), then where Fascia installs it,
 * then in the build tree of an uninstalled Fascia.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <gmodule.h>

#include "fascia/fascia-file-utils.h"

#include "fascia-db-postgres.h"
#include "fascia-store-private.h"

#define MODULE_NAME "fascia-postgres." G_MODULE_SUFFIX

static const FasciaDbPostgresHost host = {
  fascia_store_migrate_latest,
  fascia_text_excerpt,
};

/* What loading found: the module's table, or why there is none. */
static const FasciaDbPostgresModule *module;
static char *load_error;

static GModule *
open_in (const char  *dir,
         GString     *errors)
{
  g_autofree char *path = g_build_filename (dir, MODULE_NAME, NULL);
  GModule *opened;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  opened = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (opened == NULL)
    g_string_append_printf (errors, "%s%s", errors->len > 0 ? "; " : "", g_module_error ());
  return opened;
}

static gpointer
load (gpointer data)
{
  const char *dirs[] = { g_getenv ("FASCIA_MODULE_DIR"), FASCIA_MODULE_DIR, FASCIA_BUILD_MODULE_DIR };
  g_autoptr(GString) errors = g_string_new (NULL);
  GModule *opened = NULL;
  gpointer init = NULL;

  /* With $FASCIA_MODULE_DIR set, there only. */
  for (guint i = 0; opened == NULL && i < (dirs[0] != NULL ? 1 : G_N_ELEMENTS (dirs)); i++)
    if (dirs[i] != NULL)
      opened = open_in (dirs[i], errors);

  if (opened == NULL)
    {
      load_error = errors->len > 0 ? g_strdup (errors->str)
                                   : g_strdup_printf ("%s is not installed", MODULE_NAME);
      return NULL;
    }
  if (!g_module_symbol (opened, FASCIA_DB_POSTGRES_MODULE_INIT, &init) || init == NULL)
    {
      load_error = g_strdup (g_module_error ());
      g_module_close (opened);
      return NULL;
    }
  /* Never unloaded: its connections and their sources live as long as the store's. */
  g_module_make_resident (opened);
  module = ((FasciaDbPostgresModuleInit) init) (&host);
  return NULL;
}

static const FasciaDbPostgresModule *
get_module (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load, NULL);
  if (module == NULL)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                 "This Fascia cannot open a clinic server: its PostgreSQL engine did not "
                 "load (%s)", load_error);
  return module;
}

gboolean
fascia_db_postgres_is_loaded (void)
{
  return module != NULL;
}

/**
 * fascia_db_postgres_open:
 * @conninfo: a `postgresql://` URI or a libpq keyword string; a password comes from libpq's
 *   usual places (`~/.pgpass`, the service file), never from Fascia
 *
 * Connects, and creates or upgrades the clinic's schema.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set.
 */
FasciaDb *
fascia_db_postgres_open (const char  *conninfo,
                         GError     **error)
{
  return fascia_db_postgres_open_at (conninfo, fascia_store_migrate_latest (), error);
}

/**
 * fascia_db_postgres_open_at:
 * @target_version: the schema to upgrade to, from 0 (the schema `fascia`, no table yet) to
 *   fascia_store_migrate_latest(): for tests that build a clinic database as an older
 *   Fascia left it
 *
 * As fascia_db_postgres_open(), upgrading to @target_version only.
 */
FasciaDb *
fascia_db_postgres_open_at (const char  *conninfo,
                            int          target_version,
                            GError     **error)
{
  const FasciaDbPostgresModule *engine = get_module (error);

  return engine != NULL ? engine->open_at (conninfo, target_version, error) : NULL;
}

/**
 * fascia_db_postgres_open_cancellable:
 * @cancellable: ends the attempt to connect at once
 *
 * As fascia_db_postgres_open(), for a worker: whoever cancels @cancellable (the store
 * closing) does not wait for a server that does not answer, nor does the session's setup
 * wait longer than @answer_timeout (0: as long as it takes) for each of its answers.
 */
FasciaDb *
fascia_db_postgres_open_cancellable (const char    *conninfo,
                                     GCancellable  *cancellable,
                                     guint          answer_timeout,
                                     GError       **error)
{
  const FasciaDbPostgresModule *engine = get_module (error);

  return engine != NULL ? engine->open_cancellable (conninfo, cancellable, answer_timeout, error)
                        : NULL;
}

/**
 * fascia_db_postgres_new_unconnected:
 *
 * A connection to @conninfo that is not made yet: see the module's.
 */
FasciaDb *
fascia_db_postgres_new_unconnected (const char  *conninfo,
                                    GError     **error)
{
  const FasciaDbPostgresModule *engine = get_module (error);

  return engine != NULL ? engine->new_unconnected (conninfo, error) : NULL;
}

/* The calls below are given a connection the module made: it is loaded. */

void
fascia_db_postgres_adopt (FasciaDb *db,
                          FasciaDb *from)
{
  get_module (NULL)->adopt (db, from);
}

gboolean
fascia_db_postgres_migrate (FasciaDb  *db,
                            int        target_version,
                            GError   **error)
{
  return get_module (NULL)->migrate (db, target_version, error);
}

char *
fascia_db_postgres_get_option (FasciaDb   *db,
                               const char *keyword)
{
  return get_module (NULL)->get_option (db, keyword);
}

void
fascia_db_postgres_set_lock_timeout (FasciaDb *db,
                                     guint     milliseconds)
{
  get_module (NULL)->set_lock_timeout (db, milliseconds);
}

void
fascia_db_postgres_set_answer_timeout (FasciaDb *db,
                                       guint     milliseconds)
{
  get_module (NULL)->set_answer_timeout (db, milliseconds);
}

guint
fascia_db_postgres_get_answer_timeout (FasciaDb *db)
{
  return get_module (NULL)->get_answer_timeout (db);
}

guint64
fascia_db_postgres_get_round_trips (FasciaDb *db)
{
  return get_module (NULL)->get_round_trips (db);
}

/* For `--version`: the libpq the module was built with, or why there is none. */
char *
fascia_db_postgres_describe (void)
{
  const FasciaDbPostgresModule *engine = get_module (NULL);

  return engine != NULL ? engine->describe () : g_strdup_printf ("no PostgreSQL (%s)", load_error);
}

char *
fascia_store_conninfo_with_password (const char  *conninfo,
                                     const char  *password,
                                     GError     **error)
{
  const FasciaDbPostgresModule *engine = get_module (error);

  return engine != NULL ? engine->conninfo_with_password (conninfo, password, error) : NULL;
}

char *
fascia_store_lookup_server_password (const char *conninfo)
{
  const FasciaDbPostgresModule *engine = get_module (NULL);

  return engine != NULL ? engine->lookup_password (conninfo) : NULL;
}

gboolean
fascia_store_remember_server_password (const char  *conninfo,
                                       const char  *password,
                                       GError     **error)
{
  const FasciaDbPostgresModule *engine = get_module (error);

  return engine != NULL && engine->remember_password (conninfo, password, error);
}
