/* fascia-db-postgres-module.c — what makes fascia-db-postgres.c a module of its own
 * (fascia-postgres.so): its entry point, the few calls of the store it borrows from the
 * program that loads it, and the clinic server's password, which needs libpq and the
 * desktop's keyring. Only the module links libpq and libsecret; a Fascia on a file never
 * loads it (fascia-db-postgres-loader.c).
 *
 * Built with hidden symbols: the names below are the module's own, whatever the program
 * defines; only fascia_db_postgres_module_init() is seen from outside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <gmodule.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "fascia/fascia-file-utils.h"

#include "fascia-db-postgres.h"
#include "fascia-store-private.h"

G_MODULE_EXPORT const FasciaDbPostgresModule *fascia_db_postgres_module_init (const FasciaDbPostgresHost *host);

static const FasciaDbPostgresHost *the_host;

/* A quark is the same number for the same name in the whole process. */
G_DEFINE_QUARK (fascia-store-error-quark, fascia_store_error)

int
fascia_store_migrate_latest (void)
{
  return the_host->migrate_latest ();
}

char *
fascia_text_excerpt (const char *text,
                     gssize      length,
                     guint       max_chars)
{
  return the_host->text_excerpt (text, length, max_chars);
}

/* Passwords of clinic servers, typed into the window once and kept in the desktop's keyring
 * (libsecret), keyed by the connection string as the therapist gave it (without the
 * password). Never in GSettings, never in a log, never in a file of Fascia's. */
static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".ClinicServer", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
append_conninfo_value (GString    *out,
                       const char *keyword,
                       const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/*
 * fascia_store_conninfo_with_password:
 * @conninfo: a `postgresql://` URI or a libpq keyword string
 * @password: (nullable): the password to connect with
 *
 * Returns: (transfer full) (nullable): @conninfo as a keyword string with @password in place
 *   of any it had (for this connection only: never shown, never kept); %NULL with @error when
 *   @conninfo is not a connection string libpq reads.
 */
char *
fascia_store_conninfo_with_password (const char  *conninfo,
                                     const char  *password,
                                     GError     **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &message);
  GString *out;

  if (options == NULL)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "This is not a server address Fascia can read: %s",
                   message != NULL ? g_strstrip (message) : "out of memory");
      PQfreemem (message);
      return NULL;
    }

  out = g_string_new (NULL);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && !g_str_equal (option->keyword, "password"))
      append_conninfo_value (out, option->keyword, option->val);
  if (password != NULL && *password != '\0')
    append_conninfo_value (out, "password", password);
  PQconninfoFree (options);

  return g_string_free (out, FALSE);
}

/*
 * fascia_store_remember_server_password:
 *
 * Keeps @password for @conninfo in the desktop's keyring, for the next time Fascia opens it.
 */
gboolean
fascia_store_remember_server_password (const char  *conninfo,
                                       const char  *password,
                                       GError     **error)
{
  g_autofree char *label = g_strdup_printf ("Fascia clinic server %s", conninfo);

  return secret_password_store_sync (password_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     password, NULL, error, "server", conninfo, NULL);
}

/*
 * fascia_store_lookup_server_password:
 *
 * Returns: (transfer full) (nullable): the password kept for @conninfo, or %NULL when there
 *   is none or no keyring to ask.
 */
char *
fascia_store_lookup_server_password (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  char *found = secret_password_lookup_sync (password_schema (), NULL, &error,
                                             "server", conninfo, NULL);

  if (error != NULL)
    g_debug ("No keyring to ask for the clinic server's password: %s", error->message);
  if (found == NULL)
    return NULL;

  {
    char *copy = g_strdup (found);

    secret_password_free (found);
    return copy;
  }
}

/**
 * fascia_db_postgres_module_init:
 * @host: the store's calls the engine borrows; kept for the life of the process
 *
 * Returns: the engine's calls.
 */
G_MODULE_EXPORT const FasciaDbPostgresModule *
fascia_db_postgres_module_init (const FasciaDbPostgresHost *host)
{
  static const FasciaDbPostgresModule module = {
    fascia_db_postgres_open_at,
    fascia_db_postgres_migrate,
    fascia_db_postgres_describe,
    fascia_db_postgres_get_option,
    fascia_db_postgres_set_lock_timeout,
    fascia_store_conninfo_with_password,
    fascia_store_lookup_server_password,
    fascia_store_remember_server_password,
    fascia_db_postgres_get_round_trips,
    fascia_db_postgres_open_cancellable,
    fascia_db_postgres_new_unconnected,
    fascia_db_postgres_adopt,
    fascia_db_postgres_set_answer_timeout,
    fascia_db_postgres_get_answer_timeout,
  };

  the_host = host;
  return &module;
}
