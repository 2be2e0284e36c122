/* fascia-store-clinic.c — a clinic server's roles: who may read and change what, enforced by
 * the server's grants, never by the window.
 *
 * `fascia --database URI --setup-clinic`, run once by the database's owner, creates the
 * schema (the migrations) and two group roles, and may be run again after an upgrade (every
 * statement is idempotent):
 *
 *   fascia_therapist  every record: reads and writes every table (not the schema's version)
 *   fascia_reception  clients' contact details and archive state only: the columns id, name,
 *                     email, phone, date_of_birth, archived and the search and sort keys the
 *                     list needs; no intake health notes or flags, no notes, no plans,
 *                     visits, SOAP notes, pain marks, findings or amendments
 *
 * A login is given a role with `GRANT fascia_reception TO frontdesk` (README). A reception login
 * opens the store in contact-only mode (fascia_store_get_access()), which reads the health
 * columns as their empty values and writes only the contact columns; whatever the window
 * does, the server refuses the rest.
 *
 * A server's password, kept in the desktop's keyring, is the engine's module's
 * (fascia-db-postgres-module.c): it needs libpq and libsecret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-client-list.h"
#include "fascia-store-private.h"

/* The columns of clients the front desk reads; the same list the reception grants name. */
#define RECEPTION_READ \
  "id, name, email, phone, date_of_birth, archived, search_key, sort_key, created_at, " \
  "updated_at, deleted_at, revision, updated_by, add_token"
/* What it may write: a new client's contact details (with the token of its addition, by
 * which the replay of a client added while the server was away finds it), a change of them,
 * archiving (the revision counts every save; updated_by is stamped by the server). */
#define RECEPTION_CONTACT \
  "name, email, phone, date_of_birth, archived, search_key, sort_key, created_at, updated_at"
#define RECEPTION_INSERT RECEPTION_CONTACT ", add_token"
#define RECEPTION_UPDATE RECEPTION_CONTACT ", revision"

static const char setup_sql[] =
  "DO $$ BEGIN\n"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_therapist') THEN\n"
  "    CREATE ROLE fascia_therapist NOLOGIN;\n"
  "  END IF;\n"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_reception') THEN\n"
  "    CREATE ROLE fascia_reception NOLOGIN;\n"
  "  END IF;\n"
  "END $$;\n"
  /* Triggers run in the session of whoever writes, whose search_path need not name fascia. */
  "DO $$ DECLARE f regprocedure; BEGIN\n"
  "  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n\n"
  "             ON n.oid = p.pronamespace WHERE n.nspname = 'fascia' AND p.prokind = 'f' LOOP\n"
  "    EXECUTE format('ALTER FUNCTION %s SET search_path = fascia, public', f);\n"
  "  END LOOP;\n"
  "END $$;\n"
  "REVOKE ALL ON SCHEMA fascia FROM PUBLIC;\n"
  "REVOKE ALL ON ALL TABLES IN SCHEMA fascia FROM PUBLIC;\n"
  "GRANT USAGE ON SCHEMA fascia TO fascia_therapist, fascia_reception;\n"
  /* Therapists: every record. */
  "REVOKE ALL ON ALL TABLES IN SCHEMA fascia FROM fascia_therapist;\n"
  "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA fascia TO fascia_therapist;\n"
  "REVOKE INSERT, UPDATE, DELETE ON fascia.schema_version FROM fascia_therapist;\n"
  "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA fascia TO fascia_therapist;\n"
  /* The audit trail: therapists read it; its rows are written by the owner's trigger. */
  "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON fascia.audit_log FROM fascia_therapist;\n"
  /* Reception: first nothing, then the contact columns of clients. */
  "REVOKE ALL ON ALL TABLES IN SCHEMA fascia FROM fascia_reception;\n"
  "REVOKE ALL ON ALL SEQUENCES IN SCHEMA fascia FROM fascia_reception;\n"
  "GRANT SELECT ON fascia.schema_version, fascia.meta TO fascia_reception;\n"
  "GRANT SELECT (" RECEPTION_READ ") ON fascia.clients TO fascia_reception;\n"
  "GRANT INSERT (" RECEPTION_INSERT ") ON fascia.clients TO fascia_reception;\n"
  "GRANT UPDATE (" RECEPTION_UPDATE ") ON fascia.clients TO fascia_reception;\n"
  "GRANT USAGE ON SEQUENCE fascia.clients_id_seq TO fascia_reception;\n"
  /* A replay of a client the front desk added asks whether it was purged meanwhile. */
  "GRANT SELECT ON fascia.purged_add_tokens TO fascia_reception;\n"
  /* The list's counts, kept by triggers that run as whoever changes a client. */
  "GRANT SELECT, UPDATE ON fascia.client_counts TO fascia_reception;\n"
  /* The stamp the search reads; moved by the owner's trigger. */
  "GRANT SELECT ON fascia.client_changes TO fascia_reception;\n"
  "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON fascia.client_changes FROM fascia_therapist;\n";

/**
 * fascia_store_setup_clinic:
 * @conninfo: the clinic server's database, connected to as its owner
 * @report: (nullable): gets what was done, a line each
 *
 * Creates or upgrades the schema and creates (or refreshes) the group roles and their
 * grants, in one transaction. Running it again changes nothing more.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_setup_clinic (const char  *conninfo,
                           GString     *report,
                           GError     **error)
{
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  FasciaDb *db;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_store_is_server_database (conninfo))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "A clinic is set up on a server database (a postgresql:// URI or a "
                   "connection string), not in a file");
      return FALSE;
    }

  store = fascia_store_open_full (conninfo, FASCIA_STORE_OPEN_NO_BACKUP, error);
  if (store == NULL)
    return FALSE;
  db = fascia_store_get_db (store);

  if (!fascia_db_begin (db, &local_error) ||
      !fascia_db_exec (db, setup_sql, &local_error) ||
      !fascia_db_commit (db, &local_error))
    {
      fascia_db_rollback (db);
      g_set_error (error, FASCIA_STORE_ERROR, local_error->code,
                   "Could not set up the clinic on “%s” (run --setup-clinic as the database's "
                   "owner): %s", fascia_store_get_path (store), local_error->message);
      return FALSE;
    }

  if (report != NULL)
    g_string_append_printf (report,
                            "The clinic database “%s” is at schema %d.\n"
                            "Roles: fascia_therapist (every record), fascia_reception "
                            "(clients' contact details and archive state only).\n"
                            "Give each login one of them: GRANT fascia_therapist TO name;\n",
                            fascia_store_get_path (store), fascia_store_get_schema_version (store));
  return TRUE;
}

/* The client columns a contact-only connection reads in place of FASCIA_CLIENT_COLUMNS:
 * the same positions, every column the front desk may not read as its empty value under the
 * column's name (so that a query reading them from a subquery finds them by name). */
char *
fascia_store_contact_columns (void)
{
  static const char * const readable[] = {
    "id", "name", "email", "phone", "date_of_birth", "archived", "created_at", "updated_at",
    "revision", "updated_by", NULL
  };
  static const char * const texts[] = { "health_notes", "notes", NULL };
  g_auto(GStrv) names = g_strsplit (FASCIA_CLIENT_COLUMNS, ", ", -1);
  GString *columns = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (i > 0)
        g_string_append (columns, ", ");
      if (g_strv_contains (readable, name))
        g_string_append (columns, name);
      else
        g_string_append_printf (columns, "%s AS %s",
                                g_strv_contains (texts, name) ? "''::text" : "0", name);
    }

  return g_string_free (columns, FALSE);
}
