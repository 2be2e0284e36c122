/* fascia-store-targets.c — the plan_targets table: the muscles a plan treats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"

#define TARGET_COLUMNS \
  "id, plan_id, muscle_id, side, technique_ids, pressure, duration_minutes, notes, position, " \
  "created_at, updated_at"

enum {
  TARGET_COL_ID,
  TARGET_COL_PLAN_ID,
  TARGET_COL_MUSCLE_ID,
  TARGET_COL_SIDE,
  TARGET_COL_TECHNIQUE_IDS,
  TARGET_COL_PRESSURE,
  TARGET_COL_DURATION_MINUTES,
  TARGET_COL_NOTES,
  TARGET_COL_POSITION,
  TARGET_COL_CREATED_AT,
  TARGET_COL_UPDATED_AT,
};

/* The ids are checked slugs, which need no escaping in JSON. */
static char *
technique_ids_to_json (const char * const *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static GStrv
technique_ids_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *id = json_array_get_string_element (array, i);

          if (id != NULL)
            g_strv_builder_add (builder, id);
        }
    }

  return g_strv_builder_end (builder);
}

static FasciaPlanTarget *
target_from_row (FasciaStoreStmt *stmt)
{
  FasciaPlanTarget *target = fascia_plan_target_new ();
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, TARGET_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, TARGET_COL_UPDATED_AT);
  g_auto(GStrv) techniques =
    technique_ids_from_json (fascia_store_column_text (stmt, TARGET_COL_TECHNIQUE_IDS));
  const char *side = fascia_store_column_text (stmt, TARGET_COL_SIDE);
  const char *pressure = fascia_store_column_text (stmt, TARGET_COL_PRESSURE);

  fascia_plan_target_set_id (target, fascia_db_column_int64 (stmt, TARGET_COL_ID));
  fascia_plan_target_set_plan_id (target, fascia_db_column_int64 (stmt, TARGET_COL_PLAN_ID));
  fascia_plan_target_set_muscle_id (target, fascia_store_column_text (stmt, TARGET_COL_MUSCLE_ID));
  fascia_plan_target_set_side (target, fascia_store_enum_value (FASCIA_TYPE_SIDE, side,
                                                                FASCIA_SIDE_BOTH));
  fascia_plan_target_set_technique_ids (target, (const char * const *) techniques);
  fascia_plan_target_set_pressure (target, fascia_store_enum_value (FASCIA_TYPE_PRESSURE, pressure,
                                                                    FASCIA_PRESSURE_UNSET));
  fascia_plan_target_set_duration_minutes (target,
                                           fascia_db_column_int (stmt, TARGET_COL_DURATION_MINUTES));
  fascia_plan_target_set_notes (target, fascia_store_column_text (stmt, TARGET_COL_NOTES));
  fascia_plan_target_set_position (target, fascia_db_column_int (stmt, TARGET_COL_POSITION));
  fascia_plan_target_set_created_at (target, created_at);
  fascia_plan_target_set_updated_at (target, updated_at);

  return target;
}

static gboolean
validate_target (FasciaStore       *self,
                 FasciaPlanTarget  *target,
                 GError           **error)
{
  const char * const *techniques = fascia_plan_target_get_technique_ids (target);

  if (!fascia_store_check_id (self, FASCIA_STORE_ID_MUSCLE,
                              fascia_plan_target_get_muscle_id (target), error) ||
      !fascia_store_check_text (fascia_plan_target_get_notes (target), FASCIA_STORE_MAX_NOTE,
                                "notes", error) ||
      !fascia_store_check_range (fascia_plan_target_get_duration_minutes (target), 0, 240,
                                 "duration in minutes", error))
    return FALSE;

  for (guint i = 0; techniques[i] != NULL; i++)
    if (!fascia_store_check_id (self, FASCIA_STORE_ID_TECHNIQUE, techniques[i], error))
      return FALSE;

  return TRUE;
}

static void
bind_target (FasciaStoreStmt  *stmt,
             FasciaPlanTarget *target,
             const char       *techniques_json,
             gint64            now)
{
  fascia_db_bind_int64 (stmt, 2, fascia_plan_target_get_plan_id (target));
  fascia_store_bind_text (stmt, 3, fascia_plan_target_get_muscle_id (target));
  fascia_store_bind_text (stmt, 4, fascia_store_enum_nick (FASCIA_TYPE_SIDE,
                                                           fascia_plan_target_get_side (target)));
  fascia_db_bind_text (stmt, 5, techniques_json);
  fascia_store_bind_text (stmt, 6,
                          fascia_store_enum_nick (FASCIA_TYPE_PRESSURE,
                                                  fascia_plan_target_get_pressure (target)));
  fascia_db_bind_int64 (stmt, 7, fascia_plan_target_get_duration_minutes (target));
  fascia_store_bind_text (stmt, 8, fascia_plan_target_get_notes (target));
  fascia_db_bind_int64 (stmt, 9, now);
}

/**
 * fascia_store_add_plan_target:
 * @target: a new target with its #FasciaPlanTarget:plan-id set; its id and position (last in
 *   the plan) are set on success
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_INVALID for a muscle or technique id the
 *   atlas does not know.
 */
static gboolean
add_plan_target_now (FasciaStore       *self,
                     FasciaPlanTarget  *target,
                     const char        *token,
                     GError           **error)
{
  static const char sql[] =
    "INSERT INTO plan_targets (plan_id, muscle_id, side, technique_ids, pressure, "
    "duration_minutes, notes, position, created_at, updated_at, add_token) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "(SELECT coalesce(max(position) + 1, 0) FROM plan_targets WHERE plan_id = ?2), ?9, ?9, "
    "?10) "
    "RETURNING id, position";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autofree char *json = NULL;
  gint64 now = fascia_store_now ();
  gint64 id, client_id;
  guint position;
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (target), FALSE);
  g_return_val_if_fail (fascia_plan_target_get_id (target) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_target (self, target, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_plan_client (self, fascia_plan_target_get_plan_id (target), error);
  if (client_id == 0)
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  json = technique_ids_to_json (fascia_plan_target_get_technique_ids (target));
  bind_target (stmt, target, json, now);
  fascia_db_bind_text (stmt, 10, token);
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

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_PLAN_TARGETS, FASCIA_STORE_CHANGE_ADDED,
                             id, client_id);
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_plan_target_set_id (target, id);
  fascia_plan_target_set_position (target, position);
  fascia_plan_target_set_created_at (target, now_dt);
  fascia_plan_target_set_updated_at (target, now_dt);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* As above, the INSERT carrying @token (fascia_store_new_add_token()); when the clinic server
 * cannot be reached, the addition is kept in the store's journal with it, to be saved when
 * the server is back (fascia-store-journal.c), and the replay adds it with it again. */
gboolean
fascia_store_add_plan_target_token (FasciaStore       *self,
                                    FasciaPlanTarget  *target,
                                    const char        *token,
                                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  if (fascia_store_keep_addition (self, FASCIA_JOURNAL_PLAN_TARGET, G_OBJECT (target), token,
                                  error) < 0)
    return FALSE;
  done = add_plan_target_now (self, target, token, &local_error);

  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_PLAN_TARGET, G_OBJECT (target), 0,
                                    token, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

gboolean
fascia_store_add_plan_target (FasciaStore       *self,
                              FasciaPlanTarget  *target,
                              GError           **error)
{
  g_autofree char *token = fascia_store_new_add_token ();

  return fascia_store_add_plan_target_token (self, target, token, error);
}

/**
 * fascia_store_update_plan_target:
 * @target: a target from the store, changed (its position changes with
 *   fascia_store_reorder_plan_targets())
 *
 * Returns: %TRUE on success.
 */
static gboolean
update_plan_target_now (FasciaStore       *self,
                        FasciaPlanTarget  *target,
                        GError           **error)
{
  static const char sql[] =
    "UPDATE plan_targets SET plan_id = ?2, muscle_id = ?3, side = ?4, technique_ids = ?5, "
    "pressure = ?6, duration_minutes = ?7, notes = ?8, updated_at = ?9 "
    "WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autofree char *json = NULL;
  gint64 now = fascia_store_now ();
  gint64 id, client_id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = fascia_plan_target_get_id (target);
  if (!validate_target (self, target, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_plan_client (self, fascia_plan_target_get_plan_id (target), error);
  if (client_id == 0)
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  json = technique_ids_to_json (fascia_plan_target_get_technique_ids (target));
  fascia_db_bind_int64 (stmt, 1, id);
  bind_target (stmt, target, json, now);
  if (!fascia_store_step_changed (self, stmt, "plan target", id, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_PLAN_TARGETS, FASCIA_STORE_CHANGE_UPDATED,
                             id, client_id);
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_plan_target_set_updated_at (target, now_dt);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* As above; when the clinic server cannot be reached, the edit is kept in the store's
 * journal, to be saved when it is back (fascia-store-journal.c). */
gboolean
fascia_store_update_plan_target (FasciaStore       *self,
                                 FasciaPlanTarget  *target,
                                 GError           **error)
{
  gint64 revision = 0;
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* One added while the server was away: its addition in the journal is changed, or it has
   * been saved since and its id is set to the server's. */
  switch (fascia_store_keep_provisional (self, FASCIA_JOURNAL_PLAN_TARGET, G_OBJECT (target), error))
    {
    case 1: return TRUE;
    case -1: return FALSE;
    default: break;
    }

  done = update_plan_target_now (self, target, &local_error);

  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_PLAN_TARGET, G_OBJECT (target), revision,
                                    NULL, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/**
 * fascia_store_get_plan_target:
 *
 * Returns: (transfer full): the target, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND.
 */
FasciaPlanTarget *
fascia_store_get_plan_target (FasciaStore  *self,
                              gint64        target_id,
                              GError      **error)
{
  static const char sql[] =
    "SELECT " TARGET_COLUMNS " FROM plan_targets WHERE id = ?1 AND deleted_at IS NULL";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_store_query_one (self, sql, target_id,
                                 (FasciaStoreRowFunc) target_from_row, "plan target", error);
}

/**
 * fascia_store_list_plan_targets:
 *
 * Returns: (transfer full): a #GListModel of the plan's #FasciaPlanTarget in their order.
 */
GListModel *
fascia_store_list_plan_targets (FasciaStore  *self,
                                gint64        plan_id,
                                GError      **error)
{
  static const char sql[] =
    "SELECT " TARGET_COLUMNS " FROM plan_targets WHERE plan_id = ?1 AND deleted_at IS NULL "
    "ORDER BY position, id";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet, only
   * what was added under it meanwhile, kept on this computer. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_PLAN, &plan_id))
    return fascia_store_list_added_kept (self, FASCIA_STORE_TABLE_PLAN_TARGETS, plan_id);

  return fascia_store_query_list (self, sql, plan_id, FASCIA_TYPE_PLAN_TARGET,
                                  (FasciaStoreRowFunc) target_from_row, error);
}

/**
 * fascia_store_reorder_plan_targets:
 * @target_ids: (array length=n_target_ids): targets of @plan_id in their new order
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_NOT_FOUND (and nothing moved) if an id is
 *   not a target of the plan.
 */
gboolean
fascia_store_reorder_plan_targets (FasciaStore   *self,
                                   gint64         plan_id,
                                   const gint64  *target_ids,
                                   gsize          n_target_ids,
                                   GError       **error)
{
  static const char sql[] =
    "UPDATE plan_targets SET position = ?3, updated_at = ?4 "
    "WHERE id = ?1 AND plan_id = ?2 AND deleted_at IS NULL";
  gint64 now = fascia_store_now ();
  gint64 client_id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (target_ids != NULL || n_target_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_plan_client (self, plan_id, error);
  if (client_id == 0)
    goto failed;

  for (gsize i = 0; i < n_target_ids; i++)
    {
      g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);

      if (stmt == NULL)
        goto failed;

      fascia_db_bind_int64 (stmt, 1, target_ids[i]);
      fascia_db_bind_int64 (stmt, 2, plan_id);
      fascia_db_bind_int64 (stmt, 3, (gint64) i);
      fascia_db_bind_int64 (stmt, 4, now);
      if (!fascia_store_step_done (self, stmt, error))
        goto failed;

      if (fascia_db_changes (fascia_store_get_db (self)) == 0)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                       "Target %" G_GINT64_FORMAT " is not in plan %" G_GINT64_FORMAT,
                       target_ids[i], plan_id);
          goto failed;
        }

      fascia_store_queue_change (self, FASCIA_STORE_TABLE_PLAN_TARGETS,
                                 FASCIA_STORE_CHANGE_UPDATED, target_ids[i], client_id);
    }

  return fascia_store_commit (self, error);

failed:
  fascia_store_rollback (self);
  return FALSE;
}
