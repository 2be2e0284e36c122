/* fascia-store-exercises.c — the home_exercises table: what a plan gives the client to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-store-private.h"

#define EXERCISE_COLUMNS \
  "id, plan_id, technique_id, sets, reps, frequency, notes, position, created_at, updated_at"

enum {
  EXERCISE_COL_ID,
  EXERCISE_COL_PLAN_ID,
  EXERCISE_COL_TECHNIQUE_ID,
  EXERCISE_COL_SETS,
  EXERCISE_COL_REPS,
  EXERCISE_COL_FREQUENCY,
  EXERCISE_COL_NOTES,
  EXERCISE_COL_POSITION,
  EXERCISE_COL_CREATED_AT,
  EXERCISE_COL_UPDATED_AT,
};

static FasciaHomeExercise *
exercise_from_row (FasciaStoreStmt *stmt)
{
  FasciaHomeExercise *exercise = fascia_home_exercise_new ();
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, EXERCISE_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, EXERCISE_COL_UPDATED_AT);

  fascia_home_exercise_set_id (exercise, fascia_db_column_int64 (stmt, EXERCISE_COL_ID));
  fascia_home_exercise_set_plan_id (exercise, fascia_db_column_int64 (stmt, EXERCISE_COL_PLAN_ID));
  fascia_home_exercise_set_technique_id (exercise,
                                         fascia_store_column_text (stmt,
                                                                   EXERCISE_COL_TECHNIQUE_ID));
  fascia_home_exercise_set_sets (exercise, fascia_db_column_int (stmt, EXERCISE_COL_SETS));
  fascia_home_exercise_set_reps (exercise, fascia_db_column_int (stmt, EXERCISE_COL_REPS));
  fascia_home_exercise_set_frequency (exercise,
                                      fascia_store_column_text (stmt, EXERCISE_COL_FREQUENCY));
  fascia_home_exercise_set_notes (exercise, fascia_store_column_text (stmt, EXERCISE_COL_NOTES));
  fascia_home_exercise_set_position (exercise, fascia_db_column_int (stmt, EXERCISE_COL_POSITION));
  fascia_home_exercise_set_created_at (exercise, created_at);
  fascia_home_exercise_set_updated_at (exercise, updated_at);

  return exercise;
}

static gboolean
validate_exercise (FasciaStore         *self,
                   FasciaHomeExercise  *exercise,
                   GError             **error)
{
  return fascia_store_check_id (self, FASCIA_STORE_ID_TECHNIQUE,
                                fascia_home_exercise_get_technique_id (exercise), error) &&
         fascia_store_check_text (fascia_home_exercise_get_frequency (exercise),
                                  FASCIA_STORE_MAX_SHORT, "frequency", error) &&
         fascia_store_check_text (fascia_home_exercise_get_notes (exercise),
                                  FASCIA_STORE_MAX_NOTE, "notes", error) &&
         fascia_store_check_range (fascia_home_exercise_get_sets (exercise), 0, 20,
                                   "number of sets", error) &&
         fascia_store_check_range (fascia_home_exercise_get_reps (exercise), 0, 200,
                                   "number of repetitions", error);
}

static void
bind_exercise (FasciaStoreStmt    *stmt,
               FasciaHomeExercise *exercise,
               gint64              now)
{
  fascia_db_bind_int64 (stmt, 2, fascia_home_exercise_get_plan_id (exercise));
  fascia_store_bind_text (stmt, 3, fascia_home_exercise_get_technique_id (exercise));
  fascia_db_bind_int64 (stmt, 4, fascia_home_exercise_get_sets (exercise));
  fascia_db_bind_int64 (stmt, 5, fascia_home_exercise_get_reps (exercise));
  fascia_store_bind_text (stmt, 6, fascia_home_exercise_get_frequency (exercise));
  fascia_store_bind_text (stmt, 7, fascia_home_exercise_get_notes (exercise));
  fascia_db_bind_int64 (stmt, 8, now);
}

/**
 * fascia_store_add_home_exercise:
 * @exercise: a new exercise with its #FasciaHomeExercise:plan-id set; its id and position
 *   (last in the plan) are set on success
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_add_home_exercise (FasciaStore         *self,
                                FasciaHomeExercise  *exercise,
                                GError             **error)
{
  static const char sql[] =
    "INSERT INTO home_exercises (plan_id, technique_id, sets, reps, frequency, notes, "
    "position, created_at, updated_at) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, "
    "(SELECT coalesce(max(position) + 1, 0) FROM home_exercises WHERE plan_id = ?2), ?8, ?8) "
    "RETURNING id, position";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 now = fascia_store_now ();
  gint64 id, client_id;
  guint position;
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (exercise), FALSE);
  g_return_val_if_fail (fascia_home_exercise_get_id (exercise) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_exercise (self, exercise, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_plan_client (self, fascia_home_exercise_get_plan_id (exercise), error);
  if (client_id == 0)
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  bind_exercise (stmt, exercise, now);
  rc = fascia_db_step (stmt, error);
  if (rc != FASCIA_DB_ROW)
    {
      fascia_store_step_failed (rc, error);
      goto failed;
    }

  id = fascia_db_column_int64 (stmt, 0);
  position = fascia_db_column_int (stmt, 1);
  if (!fascia_store_step_done (self, stmt, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_HOME_EXERCISES, FASCIA_STORE_CHANGE_ADDED,
                             id, client_id);
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_home_exercise_set_id (exercise, id);
  fascia_home_exercise_set_position (exercise, position);
  fascia_home_exercise_set_created_at (exercise, now_dt);
  fascia_home_exercise_set_updated_at (exercise, now_dt);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/**
 * fascia_store_update_home_exercise:
 * @exercise: an exercise from the store, changed
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_update_home_exercise (FasciaStore         *self,
                                   FasciaHomeExercise  *exercise,
                                   GError             **error)
{
  static const char sql[] =
    "UPDATE home_exercises SET plan_id = ?2, technique_id = ?3, sets = ?4, reps = ?5, "
    "frequency = ?6, notes = ?7, updated_at = ?8 WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 now = fascia_store_now ();
  gint64 id, client_id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (exercise), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = fascia_home_exercise_get_id (exercise);
  if (!validate_exercise (self, exercise, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_plan_client (self, fascia_home_exercise_get_plan_id (exercise), error);
  if (client_id == 0)
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  fascia_db_bind_int64 (stmt, 1, id);
  bind_exercise (stmt, exercise, now);
  if (!fascia_store_step_changed (self, stmt, "home exercise", id, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_HOME_EXERCISES,
                             FASCIA_STORE_CHANGE_UPDATED, id, client_id);
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_home_exercise_set_updated_at (exercise, now_dt);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/**
 * fascia_store_get_home_exercise:
 *
 * Returns: (transfer full): the exercise, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND.
 */
FasciaHomeExercise *
fascia_store_get_home_exercise (FasciaStore  *self,
                                gint64        exercise_id,
                                GError      **error)
{
  static const char sql[] =
    "SELECT " EXERCISE_COLUMNS " FROM home_exercises WHERE id = ?1 AND deleted_at IS NULL";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_store_query_one (self, sql, exercise_id,
                                 (FasciaStoreRowFunc) exercise_from_row, "home exercise", error);
}

/**
 * fascia_store_list_home_exercises:
 *
 * Returns: (transfer full): a #GListModel of the plan's #FasciaHomeExercise in their order.
 */
GListModel *
fascia_store_list_home_exercises (FasciaStore  *self,
                                  gint64        plan_id,
                                  GError      **error)
{
  static const char sql[] =
    "SELECT " EXERCISE_COLUMNS " FROM home_exercises WHERE plan_id = ?1 AND deleted_at IS NULL "
    "ORDER BY position, id";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_PLAN, &plan_id))
    return G_LIST_MODEL (g_list_store_new (FASCIA_TYPE_HOME_EXERCISE));

  return fascia_store_query_list (self, sql, plan_id, FASCIA_TYPE_HOME_EXERCISE,
                                  (FasciaStoreRowFunc) exercise_from_row, error);
}
