/* fascia-store-plans.c — the plans table: a client's treatment plans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"

#define PLAN_COLUMNS \
  "id, client_id, title, goals, sessions_per_week, weeks, status, start_date, end_date, " \
  "discharge_criteria, created_at, updated_at, revision, updated_by"

enum {
  PLAN_COL_ID,
  PLAN_COL_CLIENT_ID,
  PLAN_COL_TITLE,
  PLAN_COL_GOALS,
  PLAN_COL_SESSIONS_PER_WEEK,
  PLAN_COL_WEEKS,
  PLAN_COL_STATUS,
  PLAN_COL_START_DATE,
  PLAN_COL_END_DATE,
  PLAN_COL_DISCHARGE_CRITERIA,
  PLAN_COL_CREATED_AT,
  PLAN_COL_UPDATED_AT,
  PLAN_COL_REVISION,
  PLAN_COL_UPDATED_BY,
};

static FasciaPlan *
plan_from_row (FasciaStoreStmt *stmt)
{
  FasciaPlan *plan = fascia_plan_new ();
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, PLAN_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, PLAN_COL_UPDATED_AT);

  fascia_plan_set_id (plan, fascia_db_column_int64 (stmt, PLAN_COL_ID));
  fascia_plan_set_client_id (plan, fascia_db_column_int64 (stmt, PLAN_COL_CLIENT_ID));
  fascia_plan_set_title (plan, fascia_store_column_text (stmt, PLAN_COL_TITLE));
  fascia_plan_set_goals (plan, fascia_store_column_text (stmt, PLAN_COL_GOALS));
  fascia_plan_set_sessions_per_week (plan,
                                     fascia_db_column_int (stmt, PLAN_COL_SESSIONS_PER_WEEK));
  fascia_plan_set_weeks (plan, fascia_db_column_int (stmt, PLAN_COL_WEEKS));
  fascia_plan_set_status (plan, fascia_store_enum_value (FASCIA_TYPE_PLAN_STATUS,
                                                         fascia_store_column_text (stmt,
                                                                                   PLAN_COL_STATUS),
                                                         FASCIA_PLAN_STATUS_DRAFT));
  fascia_plan_set_start_date (plan, fascia_store_column_text (stmt, PLAN_COL_START_DATE));
  fascia_plan_set_end_date (plan, fascia_store_column_text (stmt, PLAN_COL_END_DATE));
  fascia_plan_set_discharge_criteria (plan,
                                      fascia_store_column_text (stmt,
                                                                PLAN_COL_DISCHARGE_CRITERIA));
  fascia_plan_set_created_at (plan, created_at);
  fascia_plan_set_updated_at (plan, updated_at);
  fascia_plan_set_revision (plan, fascia_db_column_int64 (stmt, PLAN_COL_REVISION));
  fascia_plan_set_updated_by (plan, fascia_db_column_text (stmt, PLAN_COL_UPDATED_BY));

  return plan;
}

static gboolean
validate_plan (FasciaPlan  *plan,
               GError     **error)
{
  const char *start = fascia_plan_get_start_date (plan);
  const char *end = fascia_plan_get_end_date (plan);

  if (!fascia_store_check_text (fascia_plan_get_title (plan), FASCIA_STORE_MAX_NAME, "title",
                                error) ||
      !fascia_store_check_text (fascia_plan_get_goals (plan), FASCIA_STORE_MAX_NOTE, "goals",
                                error) ||
      !fascia_store_check_text (fascia_plan_get_discharge_criteria (plan),
                                FASCIA_STORE_MAX_NOTE, "discharge criteria", error) ||
      !fascia_store_check_date (start, "start date", error) ||
      !fascia_store_check_date (end, "end date", error) ||
      !fascia_store_check_range (fascia_plan_get_sessions_per_week (plan), 0, 14,
                                 "number of sessions per week", error) ||
      !fascia_store_check_range (fascia_plan_get_weeks (plan), 0, 104, "number of weeks",
                                 error))
    return FALSE;

  if (start[0] != '\0' && end[0] != '\0' && g_strcmp0 (end, start) < 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The plan ends (%s) before it starts (%s)", end, start);
      return FALSE;
    }

  return TRUE;
}

static void
bind_plan (FasciaStoreStmt *stmt,
           FasciaPlan      *plan,
           gint64           now)
{
  fascia_db_bind_int64 (stmt, 2, fascia_plan_get_client_id (plan));
  fascia_store_bind_text (stmt, 3, fascia_plan_get_title (plan));
  fascia_store_bind_text (stmt, 4, fascia_plan_get_goals (plan));
  fascia_db_bind_int64 (stmt, 5, fascia_plan_get_sessions_per_week (plan));
  fascia_db_bind_int64 (stmt, 6, fascia_plan_get_weeks (plan));
  fascia_store_bind_text (stmt, 7, fascia_store_enum_nick (FASCIA_TYPE_PLAN_STATUS,
                                                           fascia_plan_get_status (plan)));
  fascia_store_bind_text_or_null (stmt, 8, fascia_plan_get_start_date (plan));
  fascia_store_bind_text_or_null (stmt, 9, fascia_plan_get_end_date (plan));
  fascia_store_bind_text (stmt, 10, fascia_plan_get_discharge_criteria (plan));
  fascia_db_bind_int64 (stmt, 11, now);
}

static gboolean
client_exists (FasciaStore  *self,
               gint64        client_id,
               GError      **error)
{
  static const char sql[] = "SELECT 1 FROM clients WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, client_id);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    return TRUE;
  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);

  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
               "There is no client %" G_GINT64_FORMAT, client_id);
  return FALSE;
}

gint64
fascia_store_plan_client (FasciaStore  *self,
                          gint64        plan_id,
                          GError      **error)
{
  static const char sql[] = "SELECT client_id FROM plans WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return 0;

  fascia_db_bind_int64 (stmt, 1, plan_id);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    return fascia_db_column_int64 (stmt, 0);
  if (rc != FASCIA_DB_DONE)
    return (fascia_store_step_failed (rc, error), 0);

  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
               "There is no plan %" G_GINT64_FORMAT, plan_id);
  return 0;
}

/**
 * fascia_store_add_plan:
 * @plan: a new plan with its #FasciaPlan:client-id set; its id is set on success
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_add_plan (FasciaStore  *self,
                       FasciaPlan   *plan,
                       GError      **error)
{
  g_autofree char *token = fascia_store_new_add_token ();

  return fascia_store_add_plan_token (self, plan, token, error);
}

static gboolean
add_plan_now (FasciaStore  *self,
              FasciaPlan   *plan,
              const char   *token,
              GError      **error)
{
  static const char sql[] =
    "INSERT INTO plans (client_id, title, goals, sessions_per_week, weeks, status, start_date, "
    "end_date, discharge_criteria, created_at, updated_at, add_token) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12) RETURNING id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 now = fascia_store_now ();
  gint64 id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (fascia_plan_get_id (plan) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_plan (plan, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  if (!client_exists (self, fascia_plan_get_client_id (plan), error))
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  bind_plan (stmt, plan, now);
  fascia_db_bind_text (stmt, 12, token);
  if (!fascia_store_step_id (self, stmt, &id, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_PLANS, FASCIA_STORE_CHANGE_ADDED, id,
                             fascia_plan_get_client_id (plan));
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_plan_set_id (plan, id);
  fascia_plan_set_created_at (plan, now_dt);
  fascia_plan_set_updated_at (plan, now_dt);
  fascia_plan_set_revision (plan, 1);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* As above, the INSERT carrying @token (fascia_store_new_add_token()); when the clinic server
 * cannot be reached, the plan is kept in the store's journal with it and a provisional id, to
 * be added when the server is back (fascia-store-journal.c). A plan of a client added while
 * the server was away is added under the client the server holds, or kept after it. */
gboolean
fascia_store_add_plan_token (FasciaStore  *self,
                             FasciaPlan   *plan,
                             const char   *token,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (fascia_plan_get_id (plan) == 0, FALSE);

  if (!validate_plan (plan, error))
    return FALSE;
  if (fascia_store_keep_addition (self, FASCIA_JOURNAL_PLAN, G_OBJECT (plan), token, error) < 0)
    return FALSE;

  done = add_plan_now (self, plan, token, &local_error);
  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_PLAN, G_OBJECT (plan), 0, token,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/**
 * fascia_store_update_plan:
 * @plan: a plan from the store, changed
 *
 * As fascia_store_update_plan_full(), without the other version on a conflict.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_update_plan (FasciaStore  *self,
                          FasciaPlan   *plan,
                          GError      **error)
{
  return fascia_store_update_plan_full (self, plan, NULL, error);
}

/**
 * fascia_store_update_plan_full:
 * @plan: a plan from the store, changed; its #FasciaPlan:revision is the one it was read at,
 *   and is counted up on success
 * @theirs: (out) (optional) (transfer full): on %FASCIA_STORE_ERROR_CONFLICT, the plan as
 *   someone else saved it since @plan was read
 *
 * Saves every property of @plan, unless someone else saved the plan since @plan was read:
 * then nothing is saved and the caller lets the user choose.
 *
 * Returns: %TRUE on success.
 */
static gboolean
update_plan_full_now (FasciaStore  *self,
                      FasciaPlan   *plan,
                      FasciaPlan  **theirs,
                      GError      **error)
{
  static const char sql[] =
    "UPDATE plans SET client_id = ?2, title = ?3, goals = ?4, sessions_per_week = ?5, "
    "weeks = ?6, status = ?7, start_date = ?8, end_date = ?9, discharge_criteria = ?10, "
    "updated_at = ?11, revision = revision + 1 "
    "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?12";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now = fascia_store_now ();
  gint64 id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (theirs == NULL || *theirs == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = fascia_plan_get_id (plan);
  if (!validate_plan (plan, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  stmt = fascia_store_prepare (self, sql, &local_error);
  if (stmt == NULL)
    goto failed;

  fascia_db_bind_int64 (stmt, 1, id);
  bind_plan (stmt, plan, now);
  fascia_db_bind_int64 (stmt, 12, fascia_plan_get_revision (plan));
  if (!fascia_store_step_revised (self, stmt, FASCIA_STORE_TABLE_PLANS, "plan", id,
                                  &local_error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_PLANS, FASCIA_STORE_CHANGE_UPDATED, id,
                             fascia_plan_get_client_id (plan));
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_plan_set_updated_at (plan, now_dt);
  fascia_plan_set_revision (plan, fascia_plan_get_revision (plan) + 1);
  return TRUE;

failed:
  g_clear_pointer (&stmt, fascia_store_stmt_release);
  fascia_store_rollback (self);
  if (theirs != NULL &&
      g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
    *theirs = fascia_store_get_plan (self, id, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* As above; when the clinic server cannot be reached, the edit is kept in the store's
 * journal, to be saved when it is back (fascia-store-journal.c). */
gboolean
fascia_store_update_plan_full (FasciaStore  *self,
                               FasciaPlan   *plan,
                               FasciaPlan  **theirs,
                               GError      **error)
{
  gint64 revision;
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* One added while the server was away: its addition in the journal is changed, or it has
   * been saved since and its id is set to the server's. */
  switch (fascia_store_keep_provisional (self, FASCIA_JOURNAL_PLAN, G_OBJECT (plan), error))
    {
    case 1: return TRUE;
    case -1: return FALSE;
    default: break;
    }

  revision = fascia_plan_get_revision (plan);
  done = update_plan_full_now (self, plan, theirs, &local_error);
  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_PLAN, G_OBJECT (plan), revision, NULL,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/**
 * fascia_store_get_plan:
 *
 * Returns: (transfer full): the plan, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND.
 */
FasciaPlan *
fascia_store_get_plan (FasciaStore  *self,
                       gint64        plan_id,
                       GError      **error)
{
  static const char sql[] =
    "SELECT " PLAN_COLUMNS " FROM plans WHERE id = ?1 AND deleted_at IS NULL";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_store_query_one (self, sql, plan_id,
                                 (FasciaStoreRowFunc) plan_from_row, "plan", error);
}

/**
 * fascia_store_list_plans:
 *
 * The list counts the plans and reads the first page (64) of them in one query when it is
 * made, and the others a page at a time as they are asked for, as fascia_store_list_visits()
 * does.
 *
 * Returns: (transfer full): a #GListModel of the client's #FasciaPlan, newest first.
 */
GListModel *
fascia_store_list_plans (FasciaStore  *self,
                         gint64        client_id,
                         GError      **error)
{
  static const char first_sql[] =
    "SELECT " PLAN_COLUMNS ", (SELECT count(*) FROM plans WHERE client_id = ?1 "
    "AND deleted_at IS NULL) FROM plans WHERE client_id = ?1 AND deleted_at IS NULL "
    "ORDER BY coalesce(start_date, '9999') DESC, id DESC LIMIT ?2 OFFSET ?3";
  static const char page_sql[] =
    "SELECT " PLAN_COLUMNS " FROM plans WHERE client_id = ?1 AND deleted_at IS NULL "
    "ORDER BY coalesce(start_date, '9999') DESC, id DESC LIMIT ?2 OFFSET ?3";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_CLIENT, &client_id))
    return G_LIST_MODEL (g_list_store_new (FASCIA_TYPE_PLAN));

  return fascia_store_query_paged (self, first_sql, PLAN_COL_UPDATED_BY + 1, page_sql,
                                   client_id, FASCIA_TYPE_PLAN,
                                   (FasciaStoreRowFunc) plan_from_row, error);
}
