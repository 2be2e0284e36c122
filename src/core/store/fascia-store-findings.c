/* fascia-store-findings.c — the findings table: what a visit found in each muscle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"

#define FINDING_COLUMNS \
  "id, visit_id, muscle_id, side, hypertonic, trigger_point, tender, short, weak, note, " \
  "created_at, updated_at"

enum {
  FINDING_COL_ID,
  FINDING_COL_VISIT_ID,
  FINDING_COL_MUSCLE_ID,
  FINDING_COL_SIDE,
  FINDING_COL_HYPERTONIC,
  FINDING_COL_TRIGGER_POINT,
  FINDING_COL_TENDER,
  FINDING_COL_SHORT,
  FINDING_COL_WEAK,
  FINDING_COL_NOTE,
  FINDING_COL_CREATED_AT,
  FINDING_COL_UPDATED_AT,
};

/* The flags, in the order of their columns. */
static const FasciaFindingFlags flag_columns[] = {
  FASCIA_FINDING_HYPERTONIC,
  FASCIA_FINDING_TRIGGER_POINT,
  FASCIA_FINDING_TENDER,
  FASCIA_FINDING_SHORT,
  FASCIA_FINDING_WEAK,
};

static FasciaFinding *
finding_from_row (FasciaStoreStmt *stmt)
{
  FasciaFinding *finding = fascia_finding_new ();
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, FINDING_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, FINDING_COL_UPDATED_AT);
  FasciaFindingFlags flags = FASCIA_FINDING_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (flag_columns); i++)
    if (fascia_db_column_int (stmt, FINDING_COL_HYPERTONIC + i))
      flags |= flag_columns[i];

  fascia_finding_set_id (finding, fascia_db_column_int64 (stmt, FINDING_COL_ID));
  fascia_finding_set_visit_id (finding, fascia_db_column_int64 (stmt, FINDING_COL_VISIT_ID));
  fascia_finding_set_muscle_id (finding, fascia_store_column_text (stmt, FINDING_COL_MUSCLE_ID));
  fascia_finding_set_side (finding,
                           fascia_store_enum_value (FASCIA_TYPE_SIDE,
                                                    fascia_store_column_text (stmt,
                                                                              FINDING_COL_SIDE),
                                                    FASCIA_SIDE_NONE));
  fascia_finding_set_flags (finding, flags);
  fascia_finding_set_note (finding, fascia_store_column_text (stmt, FINDING_COL_NOTE));
  fascia_finding_set_created_at (finding, created_at);
  fascia_finding_set_updated_at (finding, updated_at);

  return finding;
}

static gboolean
validate_finding (FasciaStore    *self,
                  FasciaFinding  *finding,
                  GError        **error)
{
  return fascia_store_check_id (self, FASCIA_STORE_ID_MUSCLE,
                                fascia_finding_get_muscle_id (finding), error) &&
         fascia_store_check_text (fascia_finding_get_note (finding), FASCIA_STORE_MAX_NOTE,
                                  "note", error);
}

static void
bind_finding (FasciaStoreStmt *stmt,
              FasciaFinding   *finding,
              gint64           now)
{
  FasciaFindingFlags flags = fascia_finding_get_flags (finding);

  fascia_db_bind_int64 (stmt, 2, fascia_finding_get_visit_id (finding));
  fascia_store_bind_text (stmt, 3, fascia_finding_get_muscle_id (finding));
  fascia_store_bind_text (stmt, 4, fascia_store_enum_nick (FASCIA_TYPE_SIDE,
                                                           fascia_finding_get_side (finding)));
  for (guint i = 0; i < G_N_ELEMENTS (flag_columns); i++)
    fascia_db_bind_int64 (stmt, 5 + i, (flags & flag_columns[i]) != 0);
  fascia_store_bind_text (stmt, 10, fascia_finding_get_note (finding));
  fascia_db_bind_int64 (stmt, 11, now);
}

/* Inside a transaction. */
static gboolean
write_finding (FasciaStore    *self,
               FasciaFinding  *finding,
               gint64          now,
               GError        **error)
{
  static const char insert_sql[] =
    "INSERT INTO findings (visit_id, muscle_id, side, hypertonic, trigger_point, tender, short, "
    "weak, note, created_at, updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id";
  static const char update_sql[] =
    "UPDATE findings SET visit_id = ?2, muscle_id = ?3, side = ?4, hypertonic = ?5, "
    "trigger_point = ?6, tender = ?7, short = ?8, weak = ?9, note = ?10, updated_at = ?11 "
    "WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = fascia_store_datetime_from_usec (now);
  gint64 id = fascia_finding_get_id (finding);
  gint64 new_id = 0;
  gint64 client_id;

  client_id = fascia_store_visit_client (self, fascia_finding_get_visit_id (finding), error);
  if (client_id == 0)
    return FALSE;

  stmt = fascia_store_prepare (self, id == 0 ? insert_sql : update_sql, error);
  if (stmt == NULL)
    return FALSE;

  if (id != 0)
    fascia_db_bind_int64 (stmt, 1, id);
  bind_finding (stmt, finding, now);
  if (id == 0 ? !fascia_store_step_id (self, stmt, &new_id, error)
              : !fascia_store_step_done (self, stmt, error))
    return FALSE;

  if (id != 0 && fascia_db_changes (fascia_store_get_db (self)) == 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   "There is no finding %" G_GINT64_FORMAT, id);
      return FALSE;
    }

  if (id == 0)
    {
      fascia_finding_set_id (finding, new_id);
      fascia_finding_set_created_at (finding, now_dt);
    }
  fascia_finding_set_updated_at (finding, now_dt);

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_FINDINGS,
                             id == 0 ? FASCIA_STORE_CHANGE_ADDED : FASCIA_STORE_CHANGE_UPDATED,
                             fascia_finding_get_id (finding), client_id);
  return TRUE;
}

static gboolean
save_finding (FasciaStore    *self,
              FasciaFinding  *finding,
              GError        **error)
{
  gint64 id = fascia_finding_get_id (finding);

  if (!validate_finding (self, finding, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  if (!write_finding (self, finding, fascia_store_now (), error))
    {
      fascia_store_rollback (self);
      fascia_finding_set_id (finding, id);
      return FALSE;
    }

  if (!fascia_store_commit (self, error))
    {
      fascia_finding_set_id (finding, id);
      return FALSE;
    }

  return TRUE;
}

/**
 * fascia_store_add_finding:
 * @finding: a new finding with its #FasciaFinding:visit-id set; its id is set on success
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_add_finding (FasciaStore    *self,
                          FasciaFinding  *finding,
                          GError        **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (fascia_finding_get_id (finding) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_finding (self, finding, error);
}

/**
 * fascia_store_update_finding:
 * @finding: a finding from the store, changed
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_update_finding (FasciaStore    *self,
                             FasciaFinding  *finding,
                             GError        **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (fascia_finding_get_id (finding) != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_finding (self, finding, error);
}

/**
 * fascia_store_set_finding_flags:
 * @visit_id: the visit
 * @muscle_id: the muscle
 * @side: its side
 * @flags: what was found, all of it
 *
 * The one-click path of the diagram: sets the flags of the visit's finding for this muscle
 * and side, making the finding if there is none.
 *
 * Returns: (transfer full): the finding as saved, or %NULL with @error set.
 */
static FasciaFinding *
set_finding_flags_now (FasciaStore         *self,
                       gint64               visit_id,
                       const char          *muscle_id,
                       FasciaSide           side,
                       FasciaFindingFlags   flags,
                       GError             **error)
{
  static const char sql[] =
    "SELECT " FINDING_COLUMNS " FROM findings WHERE visit_id = ?1 AND muscle_id = ?2 "
    "AND side = ?3 AND deleted_at IS NULL ORDER BY id LIMIT 1";
  g_autoptr(FasciaFinding) finding = NULL;
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (muscle_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fascia_store_check_id (self, FASCIA_STORE_ID_MUSCLE, muscle_id, error))
    return NULL;

  if (!fascia_store_begin (self, error))
    return NULL;

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);

    if (stmt == NULL)
      goto failed;

    fascia_db_bind_int64 (stmt, 1, visit_id);
    fascia_store_bind_text (stmt, 2, muscle_id);
    fascia_store_bind_text (stmt, 3, fascia_store_enum_nick (FASCIA_TYPE_SIDE, side));
    rc = fascia_db_step (stmt, error);
    if (rc == FASCIA_DB_ROW)
      finding = finding_from_row (stmt);
    else if (rc != FASCIA_DB_DONE)
      {
        fascia_store_step_failed (rc, error);
        goto failed;
      }
  }

  if (finding == NULL)
    {
      finding = fascia_finding_new ();
      fascia_finding_set_visit_id (finding, visit_id);
      fascia_finding_set_muscle_id (finding, muscle_id);
      fascia_finding_set_side (finding, side);
    }
  fascia_finding_set_flags (finding, flags);

  if (!write_finding (self, finding, fascia_store_now (), error))
    goto failed;

  if (!fascia_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&finding);

failed:
  fascia_store_rollback (self);
  return NULL;
}

/* As above; when the clinic server cannot be reached, the edit is kept in the store's
 * journal, to be saved when it is back (fascia-store-journal.c). */
FasciaFinding *
fascia_store_set_finding_flags (FasciaStore         *self,
                                gint64               visit_id,
                                const char          *muscle_id,
                                FasciaSide           side,
                                FasciaFindingFlags   flags,
                                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  FasciaFinding *done = NULL;
  /* Of a visit added while the server was away: the row the replay added, or kept after
   * the visit's addition. */
  gint64 resolved = fascia_store_resolve_id (self, FASCIA_JOURNAL_VISIT, visit_id, error);

  if (resolved < 0)
    return NULL;
  if (resolved == 0)
    local_error = g_error_new_literal (FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                                       "The visit is not on the clinic server yet");
  else
    {
      visit_id = resolved;
      done = set_finding_flags_now (self, visit_id, muscle_id, side, flags, &local_error);
    }

  if (done == NULL && local_error != NULL)
    {
      g_autoptr(FasciaFinding) mine = fascia_finding_new ();

      fascia_finding_set_visit_id (mine, visit_id);
      fascia_finding_set_muscle_id (mine, muscle_id);
      fascia_finding_set_side (mine, side);
      fascia_finding_set_flags (mine, flags);
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_FINDING, G_OBJECT (mine), 0, NULL,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/**
 * fascia_store_get_finding:
 *
 * Returns: (transfer full): the finding, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND.
 */
FasciaFinding *
fascia_store_get_finding (FasciaStore  *self,
                          gint64        finding_id,
                          GError      **error)
{
  static const char sql[] =
    "SELECT " FINDING_COLUMNS " FROM findings WHERE id = ?1 AND deleted_at IS NULL";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_store_query_one (self, sql, finding_id,
                                 (FasciaStoreRowFunc) finding_from_row, "finding", error);
}

/**
 * fascia_store_list_findings:
 *
 * Returns: (transfer full): a #GListModel of the visit's #FasciaFinding by muscle.
 */
GListModel *
fascia_store_list_findings (FasciaStore  *self,
                            gint64        visit_id,
                            GError      **error)
{
  static const char sql[] =
    "SELECT " FINDING_COLUMNS " FROM findings WHERE visit_id = ?1 AND deleted_at IS NULL "
    "ORDER BY muscle_id, side, id";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet, only
   * what was found on it meanwhile, kept on this computer. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_VISIT, &visit_id))
    return fascia_store_list_added_kept (self, FASCIA_STORE_TABLE_FINDINGS, visit_id);

  return fascia_store_query_list (self, sql, visit_id, FASCIA_TYPE_FINDING,
                                  (FasciaStoreRowFunc) finding_from_row, error);
}
