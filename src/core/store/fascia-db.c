/* fascia-db.c — the engine-neutral calls of fascia-db.h, passed to the connection's engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "fascia-db-private.h"
#include "fascia-db-postgres.h"

FasciaDbEngine
fascia_db_get_engine (FasciaDb *db)
{
  return db->klass->engine;
}

/* The file or the server, as the therapist named it, for messages. */
const char *
fascia_db_get_name (FasciaDb *db)
{
  return db->name;
}

guint
fascia_db_get_n_selects (FasciaDb *db)
{
  return db->n_selects;
}

void
fascia_db_close (FasciaDb *db)
{
  if (db != NULL)
    db->klass->close (db);
}

gboolean
fascia_db_exec (FasciaDb    *db,
                const char  *sql,
                GError     **error)
{
  return db->klass->exec (db, sql, error);
}

gboolean
fascia_db_begin (FasciaDb  *db,
                 GError   **error)
{
  return db->klass->begin (db, error);
}

gboolean
fascia_db_commit (FasciaDb  *db,
                  GError   **error)
{
  return db->klass->commit (db, error);
}

/* The next statement is the open transaction's last: an engine for which a COMMIT is a round
 * trip sends it with that statement, and then commits the transaction unless the statement
 * fails (a statement that changes nothing commits nothing). fascia_db_commit() after it
 * reports that COMMIT's outcome, which the statement's step already did; a caller that
 * finds it must change more begins again (fascia_db_rollback(), fascia_db_begin()). */
void
fascia_db_commit_with_next (FasciaDb *db)
{
  if (db->klass->commit_with_next != NULL)
    db->klass->commit_with_next (db);
}

/* Rolls back the open transaction, if the engine has not already. */
void
fascia_db_rollback (FasciaDb *db)
{
  db->klass->rollback (db);
}

/* Rows changed by the last INSERT, UPDATE or DELETE. */
gint64
fascia_db_changes (FasciaDb *db)
{
  return db->klass->changes (db);
}

FasciaDbStmt *
fascia_db_prepare (FasciaDb    *db,
                   const char  *sql,
                   gboolean     persistent,
                   GError     **error)
{
  FasciaDbStmt *stmt = db->klass->prepare (db, sql, persistent, error);

  if (stmt != NULL)
    {
      while (g_ascii_isspace (*sql) || *sql == '(')
        sql++;
      stmt->select = g_ascii_strncasecmp (sql, "SELECT", 6) == 0 ||
                     g_ascii_strncasecmp (sql, "WITH", 4) == 0;
    }
  return stmt;
}

void
fascia_db_stmt_free (FasciaDbStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->klass->stmt_free (stmt);
}

void
fascia_db_stmt_reset (FasciaDbStmt *stmt)
{
  stmt->started = FALSE;
  stmt->db->klass->stmt_reset (stmt);
}

void
fascia_db_bind_int64 (FasciaDbStmt *stmt,
                      int           index,
                      gint64        value)
{
  stmt->db->klass->bind_int64 (stmt, index, value);
}

void
fascia_db_bind_double (FasciaDbStmt *stmt,
                       int           index,
                       double        value)
{
  stmt->db->klass->bind_double (stmt, index, value);
}

void
fascia_db_bind_text (FasciaDbStmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    stmt->db->klass->bind_null (stmt, index);
  else
    stmt->db->klass->bind_text (stmt, index, text);
}

void
fascia_db_bind_null (FasciaDbStmt *stmt,
                     int           index)
{
  stmt->db->klass->bind_null (stmt, index);
}

FasciaDbStep
fascia_db_step (FasciaDbStmt  *stmt,
                GError       **error)
{
  if (!stmt->started)
    {
      stmt->started = TRUE;
      if (stmt->select)
        stmt->db->n_selects++;
    }
  return stmt->db->klass->step (stmt, error);
}

gint64
fascia_db_column_int64 (FasciaDbStmt *stmt,
                        int           column)
{
  return stmt->db->klass->column_int64 (stmt, column);
}

double
fascia_db_column_double (FasciaDbStmt *stmt,
                         int           column)
{
  return stmt->db->klass->column_double (stmt, column);
}

const char *
fascia_db_column_text (FasciaDbStmt *stmt,
                       int           column)
{
  return stmt->db->klass->column_text (stmt, column);
}

gboolean
fascia_db_column_is_null (FasciaDbStmt *stmt,
                          int           column)
{
  return stmt->db->klass->column_is_null (stmt, column);
}

GSource *
fascia_db_watch_changes (FasciaDb            *db,
                         FasciaDbChangeFunc   func,
                         gpointer             user_data,
                         GDestroyNotify       destroy,
                         GError             **error)
{
  if (db->klass->watch_changes == NULL)
    {
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  return db->klass->watch_changes (db, func, user_data, destroy, error);
}

void
fascia_db_keep_connected (FasciaDb         *db,
                          GMainContext     *context,
                          FasciaDbLinkFunc  func,
                          gpointer          user_data)
{
  if (db->klass->keep_connected != NULL)
    db->klass->keep_connected (db, context, func, user_data);
}

gboolean
fascia_db_is_connected (FasciaDb *db)
{
  return db->klass->is_connected == NULL || db->klass->is_connected (db);
}

void
fascia_db_set_answer_timeout (FasciaDb *db,
                              guint     milliseconds)
{
  if (db->klass->set_answer_timeout != NULL)
    db->klass->set_answer_timeout (db, milliseconds);
}

const char *
fascia_db_get_lost_reason (FasciaDb *db)
{
  if (fascia_db_is_connected (db))
    return NULL;
  if (db->klass->get_lost_reason != NULL && db->klass->get_lost_reason (db) != NULL)
    return db->klass->get_lost_reason (db);
  return "the connection was lost";
}

void
fascia_db_set_silence_timeout (FasciaDb *db,
                               guint     milliseconds)
{
  if (db->klass->set_silence_timeout != NULL)
    db->klass->set_silence_timeout (db, milliseconds);
}

void
fascia_db_set_answer_cancellable (FasciaDb     *db,
                                  GCancellable *cancellable)
{
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (db->klass->set_answer_cancellable != NULL)
    db->klass->set_answer_cancellable (db, cancellable);
}

guint64
fascia_db_get_session (FasciaDb *db)
{
  return db->klass->get_session != NULL ? db->klass->get_session (db) : 0;
}

gboolean
fascia_db_await_session_end (FasciaDb  *db,
                             guint64    session,
                             guint      milliseconds,
                             GError   **error)
{
  if (db->klass->await_session_end == NULL || session == 0)
    return TRUE;
  return db->klass->await_session_end (db, session, milliseconds, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/*
 * fascia_db_list_migrations:
 * @resource_dir: the resource folder of one engine's migrations
 * @engine: the engine's name, for the message when they are out of sequence
 *
 * The migration file names in @resource_dir in order, numbered from 1 without gaps: a build
 * that breaks this must not run. Their count is the latest version.
 *
 * Returns: (transfer full): the names, never %NULL.
 */
GStrv
fascia_db_list_migrations (const char *resource_dir,
                           const char *engine)
{
  g_auto(GStrv) found = g_resources_enumerate_children (resource_dir,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  guint n = found != NULL ? g_strv_length (found) : 0;

  if (n > 0)
    qsort (found, n, sizeof (char *), compare_names);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03u-", i + 1);

      if (!g_str_has_prefix (found[i], prefix) || !g_str_has_suffix (found[i], ".sql"))
        g_error ("%s migration %s is out of sequence", engine, found[i]);
    }
  return found != NULL ? g_steal_pointer (&found) : g_new0 (char *, 1);
}

/**
 * fascia_db_postgres_is_conninfo:
 *
 * Whether `--database` names a server: a `postgresql://` or `postgres://` URI, or a libpq
 * keyword string (`host=… dbname=…`). Anything else is a file. Here rather than in the
 * engine, so that telling a server from a file loads no engine.
 */
gboolean
fascia_db_postgres_is_conninfo (const char *database)
{
  static const char *keywords[] = {
    "host=", "hostaddr=", "port=", "dbname=", "user=", "service=", "sslmode=", NULL
  };

  if (g_str_has_prefix (database, "postgresql://") || g_str_has_prefix (database, "postgres://"))
    return TRUE;

  for (guint i = 0; keywords[i] != NULL; i++)
    if (g_str_has_prefix (database, keywords[i]) || strstr (database, keywords[i]) != NULL)
      return strchr (database, '/') == NULL || g_str_has_prefix (database, keywords[i]);

  return FALSE;
}
