/* fascia-store-visits.c — the visits table, with visit_targets (what a visit treated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-paged-list.h"
#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"

#define VISIT_COLUMNS \
  "id, client_id, plan_id, visited_at, subjective, objective, assessment, plan_notes, " \
  "pain_before, pain_after, created_at, updated_at, " \
  "(SELECT group_concat(plan_target_id) FROM (SELECT plan_target_id FROM visit_targets " \
  "WHERE visit_id = visits.id ORDER BY position) AS treated), revision, updated_by"

enum {
  VISIT_COL_ID,
  VISIT_COL_CLIENT_ID,
  VISIT_COL_PLAN_ID,
  VISIT_COL_VISITED_AT,
  VISIT_COL_SUBJECTIVE,
  VISIT_COL_OBJECTIVE,
  VISIT_COL_ASSESSMENT,
  VISIT_COL_PLAN_NOTES,
  VISIT_COL_PAIN_BEFORE,
  VISIT_COL_PAIN_AFTER,
  VISIT_COL_CREATED_AT,
  VISIT_COL_UPDATED_AT,
  VISIT_COL_TARGET_IDS,
  VISIT_COL_REVISION,
  VISIT_COL_UPDATED_BY,
};

static GArray *
parse_ids (const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = NULL;

  if (text == NULL || text[0] == '\0')
    return ids;

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

      g_array_append_val (ids, id);
    }

  return ids;
}

static char *
format_ids (const gint64 *ids,
            gsize         n_ids)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < n_ids; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);

  return g_string_free (text, FALSE);
}

/* NULL, "not asked", is -1 in the model. */
static int
column_pain (FasciaStoreStmt *stmt,
             int              column)
{
  if (fascia_db_column_is_null (stmt, column))
    return -1;

  return fascia_db_column_int (stmt, column);
}

static FasciaVisit *
visit_from_row (FasciaStoreStmt *stmt)
{
  FasciaVisit *visit = fascia_visit_new ();
  g_autoptr(GDateTime) visited_at = fascia_store_column_datetime (stmt, VISIT_COL_VISITED_AT);
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, VISIT_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, VISIT_COL_UPDATED_AT);
  g_autoptr(GArray) ids = parse_ids (fascia_store_column_text (stmt, VISIT_COL_TARGET_IDS));

  fascia_visit_set_id (visit, fascia_db_column_int64 (stmt, VISIT_COL_ID));
  fascia_visit_set_client_id (visit, fascia_db_column_int64 (stmt, VISIT_COL_CLIENT_ID));
  fascia_visit_set_plan_id (visit, fascia_db_column_int64 (stmt, VISIT_COL_PLAN_ID));
  fascia_visit_set_visited_at (visit, visited_at);
  fascia_visit_set_subjective (visit, fascia_store_column_text (stmt, VISIT_COL_SUBJECTIVE));
  fascia_visit_set_objective (visit, fascia_store_column_text (stmt, VISIT_COL_OBJECTIVE));
  fascia_visit_set_assessment (visit, fascia_store_column_text (stmt, VISIT_COL_ASSESSMENT));
  fascia_visit_set_plan_notes (visit, fascia_store_column_text (stmt, VISIT_COL_PLAN_NOTES));
  fascia_visit_set_pain_before (visit, column_pain (stmt, VISIT_COL_PAIN_BEFORE));
  fascia_visit_set_pain_after (visit, column_pain (stmt, VISIT_COL_PAIN_AFTER));
  fascia_visit_set_treated_target_ids (visit, (const gint64 *) ids->data, ids->len);
  fascia_visit_set_created_at (visit, created_at);
  fascia_visit_set_updated_at (visit, updated_at);
  fascia_visit_set_revision (visit, fascia_db_column_int64 (stmt, VISIT_COL_REVISION));
  fascia_visit_set_updated_by (visit, fascia_db_column_text (stmt, VISIT_COL_UPDATED_BY));

  return visit;
}

static gboolean
validate_visit (FasciaVisit  *visit,
                GError      **error)
{
  static const char *names[] = { "subjective notes", "objective notes", "assessment",
                                 "plan notes" };

  for (guint f = FASCIA_VISIT_FIELD_SUBJECTIVE; f <= FASCIA_VISIT_FIELD_PLAN_NOTES; f++)
    if (!fascia_store_check_text (fascia_visit_get_field (visit, f), FASCIA_STORE_MAX_NOTE,
                                  names[f], error))
      return FALSE;

  return fascia_store_check_range (fascia_visit_get_pain_before (visit), -1, 10,
                                   "pain before the visit", error) &&
         fascia_store_check_range (fascia_visit_get_pain_after (visit), -1, 10,
                                   "pain after the visit", error);
}

gint64
fascia_store_visit_client (FasciaStore  *self,
                           gint64        visit_id,
                           GError      **error)
{
  static const char sql[] = "SELECT client_id FROM visits WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return 0;

  fascia_db_bind_int64 (stmt, 1, visit_id);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    return fascia_db_column_int64 (stmt, 0);
  if (rc != FASCIA_DB_DONE)
    return (fascia_store_step_failed (rc, error), 0);

  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
               "There is no visit %" G_GINT64_FORMAT, visit_id);
  return 0;
}

/* The plan and the treated targets must be the client's own. */
static gboolean
check_references (FasciaStore  *self,
                  FasciaVisit  *visit,
                  GError      **error)
{
  static const char client_sql[] =
    "SELECT 1 FROM clients WHERE id = ?1 AND deleted_at IS NULL";
  static const char target_sql[] =
    "SELECT p.client_id FROM plan_targets t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?1";
  gint64 client_id = fascia_visit_get_client_id (visit);
  gint64 plan_id = fascia_visit_get_plan_id (visit);
  const gint64 *ids;
  gsize n_ids;
  FasciaDbStep rc;

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, client_sql, error);

    if (stmt == NULL)
      return FALSE;

    fascia_db_bind_int64 (stmt, 1, client_id);
    rc = fascia_db_step (stmt, error);
    if (rc == FASCIA_DB_DONE)
      {
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                     "There is no client %" G_GINT64_FORMAT, client_id);
        return FALSE;
      }
    /* The server gone (FASCIA_STORE_ERROR_IO) is not a client gone. */
    if (rc != FASCIA_DB_ROW)
      return (fascia_store_step_failed (rc, error), FALSE);
  }

  if (plan_id != 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (fascia_store_plan_client (self, plan_id, &local_error) != client_id)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                       "Plan %" G_GINT64_FORMAT " is not a plan of client %" G_GINT64_FORMAT,
                       plan_id, client_id);
          return FALSE;
        }
    }

  ids = fascia_visit_get_treated_target_ids (visit, &n_ids);
  for (gsize i = 0; i < n_ids; i++)
    {
      g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, target_sql, error);

      if (stmt == NULL)
        return FALSE;

      fascia_db_bind_int64 (stmt, 1, ids[i]);
      if (fascia_db_step (stmt, NULL) != FASCIA_DB_ROW || fascia_db_column_int64 (stmt, 0) != client_id)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                       "Plan target %" G_GINT64_FORMAT " is not a target of this client",
                       ids[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_targets (FasciaStore  *self,
               gint64        visit_id,
               const gint64 *ids,
               gsize         n_ids,
               GError      **error)
{
  static const char delete_sql[] = "DELETE FROM visit_targets WHERE visit_id = ?1";
  static const char insert_sql[] =
    "INSERT INTO visit_targets (visit_id, plan_target_id, position) "
    "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, delete_sql, error);

    if (stmt == NULL)
      return FALSE;

    fascia_db_bind_int64 (stmt, 1, visit_id);
    if (!fascia_store_step_done (self, stmt, error))
      return FALSE;
  }

  for (gsize i = 0; i < n_ids; i++)
    {
      g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, insert_sql, error);

      if (stmt == NULL)
        return FALSE;

      fascia_db_bind_int64 (stmt, 1, visit_id);
      fascia_db_bind_int64 (stmt, 2, ids[i]);
      fascia_db_bind_int64 (stmt, 3, (gint64) i);
      if (!fascia_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
bind_pain (FasciaStoreStmt *stmt,
           int              index,
           int              pain)
{
  if (pain < 0)
    fascia_db_bind_null (stmt, index);
  else
    fascia_db_bind_int64 (stmt, index, pain);
}

static void
bind_visit (FasciaStoreStmt *stmt,
            FasciaVisit     *visit,
            gint64           visited_at,
            gint64           now)
{
  fascia_db_bind_int64 (stmt, 2, fascia_visit_get_client_id (visit));
  if (fascia_visit_get_plan_id (visit) != 0)
    fascia_db_bind_int64 (stmt, 3, fascia_visit_get_plan_id (visit));
  else
    fascia_db_bind_null (stmt, 3);
  fascia_db_bind_int64 (stmt, 4, visited_at);
  fascia_store_bind_text (stmt, 5, fascia_visit_get_subjective (visit));
  fascia_store_bind_text (stmt, 6, fascia_visit_get_objective (visit));
  fascia_store_bind_text (stmt, 7, fascia_visit_get_assessment (visit));
  fascia_store_bind_text (stmt, 8, fascia_visit_get_plan_notes (visit));
  bind_pain (stmt, 9, fascia_visit_get_pain_before (visit));
  bind_pain (stmt, 10, fascia_visit_get_pain_after (visit));
  fascia_db_bind_int64 (stmt, 11, now);
}

/* Inside a transaction. */
static gboolean
insert_visit (FasciaStore  *self,
              FasciaVisit  *visit,
              gint64        now,
              const char   *token,
              GError      **error)
{
  static const char sql[] =
    "INSERT INTO visits (client_id, plan_id, visited_at, subjective, objective, assessment, "
    "plan_notes, pain_before, pain_after, created_at, updated_at, add_token) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12) RETURNING id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  GDateTime *visited_at = fascia_visit_get_visited_at (visit);
  const gint64 *ids;
  gsize n_ids;
  gint64 id;

  if (!check_references (self, visit, error))
    return FALSE;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_visit (stmt, visit, visited_at != NULL ? fascia_store_datetime_to_usec (visited_at) : now,
              now);
  fascia_db_bind_text (stmt, 12, token);
  if (!fascia_store_step_id (self, stmt, &id, error))
    return FALSE;

  ids = fascia_visit_get_treated_target_ids (visit, &n_ids);
  if (!write_targets (self, id, ids, n_ids, error))
    return FALSE;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_ADDED, id,
                             fascia_visit_get_client_id (visit));
  fascia_visit_set_id (visit, id);
  return TRUE;
}

static void
set_times_after_insert (FasciaVisit *visit,
                        gint64       now)
{
  g_autoptr(GDateTime) now_dt = fascia_store_datetime_from_usec (now);

  if (fascia_visit_get_visited_at (visit) == NULL)
    fascia_visit_set_visited_at (visit, now_dt);
  fascia_visit_set_created_at (visit, now_dt);
  fascia_visit_set_updated_at (visit, now_dt);
  fascia_visit_set_revision (visit, 1);
}

/**
 * fascia_store_add_visit:
 * @visit: a new visit with its #FasciaVisit:client-id set; #FasciaVisit:visited-at defaults
 *   to now; its id is set on success
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_INVALID for pain outside 0–10, or a plan or
 *   target that is not the client's.
 */
gboolean
fascia_store_add_visit (FasciaStore  *self,
                        FasciaVisit  *visit,
                        GError      **error)
{
  g_autofree char *token = fascia_store_new_add_token ();

  return fascia_store_add_visit_token (self, visit, token, error);
}

static gboolean
add_visit_now (FasciaStore  *self,
               FasciaVisit  *visit,
               const char   *token,
               GError      **error)
{
  gint64 now = fascia_store_now ();

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_VISIT (visit), FALSE);
  g_return_val_if_fail (fascia_visit_get_id (visit) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_visit (visit, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  if (!insert_visit (self, visit, now, token, error))
    {
      fascia_store_rollback (self);
      fascia_visit_set_id (visit, 0);
      return FALSE;
    }

  if (!fascia_store_commit (self, error))
    {
      fascia_visit_set_id (visit, 0);
      return FALSE;
    }

  set_times_after_insert (visit, now);
  return TRUE;
}

/* As above, the INSERT carrying @token (fascia_store_new_add_token()); when the clinic server
 * cannot be reached, the visit is kept in the store's journal with it and a provisional id,
 * to be added when the server is back (fascia-store-journal.c). A visit of a client or plan
 * added while the server was away is added under the row the server holds, or kept after
 * it. */
gboolean
fascia_store_add_visit_token (FasciaStore  *self,
                              FasciaVisit  *visit,
                              const char   *token,
                              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_VISIT (visit), FALSE);
  g_return_val_if_fail (fascia_visit_get_id (visit) == 0, FALSE);

  if (!validate_visit (visit, error))
    return FALSE;
  if (fascia_store_keep_addition (self, FASCIA_JOURNAL_VISIT, G_OBJECT (visit), token,
                                  error) < 0)
    return FALSE;

  done = add_visit_now (self, visit, token, &local_error);
  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_VISIT, G_OBJECT (visit), 0, token,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

static FasciaVisit *
load_visit (FasciaStore  *self,
            gint64        visit_id,
            GError      **error)
{
  static const char sql[] =
    "SELECT " VISIT_COLUMNS " FROM visits WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return NULL;

  fascia_db_bind_int64 (stmt, 1, visit_id);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    return visit_from_row (stmt);

  if (rc == FASCIA_DB_DONE)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                 "There is no visit %" G_GINT64_FORMAT, visit_id);
  else
    fascia_store_step_failed (rc, error);

  return NULL;
}

static char *
pain_text (int pain)
{
  return pain < 0 ? g_strdup ("") : g_strdup_printf ("%d", pain);
}

static char *
datetime_text (GDateTime *datetime)
{
  return datetime != NULL ? g_date_time_format_iso8601 (datetime) : g_strdup ("");
}

/* A locked visit keeps what it said: each changed field becomes an amendment. */
static gboolean
amend_changes (FasciaStore  *self,
               FasciaVisit  *before,
               FasciaVisit  *after,
               gint64        now,
               GError      **error)
{
  gint64 id = fascia_visit_get_id (before);
  gsize n_before, n_after;
  const gint64 *ids_before = fascia_visit_get_treated_target_ids (before, &n_before);
  const gint64 *ids_after = fascia_visit_get_treated_target_ids (after, &n_after);
  struct {
    const char *field;
    char       *old_text;
    char       *new_text;
  } changes[] = {
    { "subjective", g_strdup (fascia_visit_get_subjective (before)),
      g_strdup (fascia_visit_get_subjective (after)) },
    { "objective", g_strdup (fascia_visit_get_objective (before)),
      g_strdup (fascia_visit_get_objective (after)) },
    { "assessment", g_strdup (fascia_visit_get_assessment (before)),
      g_strdup (fascia_visit_get_assessment (after)) },
    { "plan-notes", g_strdup (fascia_visit_get_plan_notes (before)),
      g_strdup (fascia_visit_get_plan_notes (after)) },
    { "pain-before", pain_text (fascia_visit_get_pain_before (before)),
      pain_text (fascia_visit_get_pain_before (after)) },
    { "pain-after", pain_text (fascia_visit_get_pain_after (before)),
      pain_text (fascia_visit_get_pain_after (after)) },
    { "visited-at", datetime_text (fascia_visit_get_visited_at (before)),
      datetime_text (fascia_visit_get_visited_at (after)) },
    { "plan-id", g_strdup_printf ("%" G_GINT64_FORMAT, fascia_visit_get_plan_id (before)),
      g_strdup_printf ("%" G_GINT64_FORMAT, fascia_visit_get_plan_id (after)) },
    { "treated-target-ids", format_ids (ids_before, n_before), format_ids (ids_after, n_after) },
  };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      if (ok && !g_str_equal (changes[i].old_text, changes[i].new_text))
        ok = fascia_store_record_amendment (self, id, changes[i].field, changes[i].old_text,
                                            changes[i].new_text, now, error);
      g_free (changes[i].old_text);
      g_free (changes[i].new_text);
    }

  return ok;
}

static gboolean
update_visit (FasciaStore  *self,
              FasciaVisit  *visit,
              gint64        now,
              GError      **error)
{
  static const char sql[] =
    "UPDATE visits SET client_id = ?2, plan_id = ?3, visited_at = ?4, subjective = ?5, "
    "objective = ?6, assessment = ?7, plan_notes = ?8, pain_before = ?9, pain_after = ?10, "
    "updated_at = ?11, revision = revision + 1 "
    "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?12";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(FasciaVisit) before = NULL;
  g_autoptr(GDateTime) now_dt = fascia_store_datetime_from_usec (now);
  GDateTime *visited_at = fascia_visit_get_visited_at (visit);
  gint64 id = fascia_visit_get_id (visit);
  const gint64 *ids;
  gsize n_ids;

  before = load_visit (self, id, error);
  if (before == NULL)
    return FALSE;

  /* Saved by someone else since @visit was read: refused before anything (an amendment) is
   * written; the UPDATE's own guard catches a save between this read and the write. */
  if (fascia_visit_get_revision (before) != fascia_visit_get_revision (visit))
    return fascia_store_set_conflict (self, FASCIA_STORE_TABLE_VISITS, "visit", id, error);

  if (fascia_visit_get_client_id (visit) != fascia_visit_get_client_id (before))
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "A visit cannot move to another client");
      return FALSE;
    }

  if (!check_references (self, visit, error))
    return FALSE;

  if (fascia_visit_is_locked (before, now_dt) && !amend_changes (self, before, visit, now, error))
    return FALSE;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, id);
  bind_visit (stmt, visit,
              fascia_store_datetime_to_usec (visited_at != NULL
                                             ? visited_at
                                             : fascia_visit_get_visited_at (before)),
              now);
  fascia_db_bind_int64 (stmt, 12, fascia_visit_get_revision (visit));
  if (!fascia_store_step_revised (self, stmt, FASCIA_STORE_TABLE_VISITS, "visit", id, error))
    return FALSE;

  ids = fascia_visit_get_treated_target_ids (visit, &n_ids);
  if (!write_targets (self, id, ids, n_ids, error))
    return FALSE;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_UPDATED, id,
                             fascia_visit_get_client_id (visit));
  return TRUE;
}

/**
 * fascia_store_update_visit:
 * @visit: a visit from the store, changed
 *
 * Saves every property of @visit, as fascia_store_update_visit_full() without the other
 * version on a conflict.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_update_visit (FasciaStore  *self,
                           FasciaVisit  *visit,
                           GError      **error)
{
  return fascia_store_update_visit_full (self, visit, NULL, error);
}

/* After a conflict, rolled back: the row as it is now, for the user to choose. */
static void
read_theirs (FasciaStore  *self,
             gint64        visit_id,
             FasciaVisit **theirs)
{
  if (theirs != NULL)
    *theirs = load_visit (self, visit_id, NULL);
}

/**
 * fascia_store_update_visit_full:
 * @visit: a visit from the store, changed; its #FasciaVisit:revision is the one it was read
 *   at, and is counted up on success
 * @theirs: (out) (optional) (transfer full): on %FASCIA_STORE_ERROR_CONFLICT, the visit as
 *   someone else saved it since @visit was read (who and when in its
 *   #FasciaVisit:updated-by and #FasciaVisit:updated-at)
 *
 * Saves every property of @visit, unless the visit was saved by someone else (another
 * window, another therapist on a clinic server) since @visit was read: then nothing is saved,
 * neither text is lost, and the caller lets the user choose (to keep theirs, or to save
 * @visit again over it with @theirs' revision).
 *
 * A visit's record locks %FASCIA_VISIT_LOCK_AFTER after the visit: a change after that is
 * saved too, and every field it changes is also kept as a #FasciaAmendment with the text
 * before and after (see fascia_store_list_amendments()), so the original record is never
 * lost. Changes to one field within ten minutes make one amendment.
 *
 * Returns: %TRUE on success.
 */
static gboolean
update_visit_full_now (FasciaStore  *self,
                       FasciaVisit  *visit,
                       FasciaVisit **theirs,
                       GError      **error)
{
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now = fascia_store_now ();

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_VISIT (visit), FALSE);
  g_return_val_if_fail (theirs == NULL || *theirs == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_visit (visit, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  if (!update_visit (self, visit, now, &local_error))
    {
      fascia_store_rollback (self);
      if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
        read_theirs (self, fascia_visit_get_id (visit), theirs);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_visit_set_updated_at (visit, now_dt);
  fascia_visit_set_revision (visit, fascia_visit_get_revision (visit) + 1);
  return TRUE;
}

/* As above; when the clinic server cannot be reached, the edit is kept in the store's
 * journal, to be saved when it is back (fascia-store-journal.c). */
gboolean
fascia_store_update_visit_full (FasciaStore  *self,
                                FasciaVisit  *visit,
                                FasciaVisit **theirs,
                                GError      **error)
{
  gint64 revision;
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* One added while the server was away: its addition in the journal is changed, or it has
   * been saved since and its id is set to the server's. */
  switch (fascia_store_keep_provisional (self, FASCIA_JOURNAL_VISIT, G_OBJECT (visit), error))
    {
    case 1: return TRUE;
    case -1: return FALSE;
    default: break;
    }

  revision = fascia_visit_get_revision (visit);
  done = update_visit_full_now (self, visit, theirs, &local_error);
  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_VISIT, G_OBJECT (visit), revision, NULL,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/* The server could not be reached: the text is kept in the store's journal, if it has one,
 * to be saved when the server is back (fascia_store_set_journal()). */
static void
keep_in_journal (FasciaStore       *self,
                 FasciaVisit       *visit,
                 FasciaVisitField   field,
                 const char        *text,
                 GError            *failure)
{
  FasciaJournal *journal = fascia_store_get_journal (self);
  g_autoptr(GError) error = NULL;

  if (journal == NULL || !g_error_matches (failure, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
    return;

  if (!fascia_journal_put (journal, fascia_visit_get_id (visit), fascia_visit_get_revision (visit),
                           field, text, &error))
    fascia_store_not_kept (failure, error);
}

/* One SOAP field of @visit (as read, its revision the editor's) set to @text, guarded by the
 * revision like update_visit(); nothing else of the row is written. */
static gboolean
update_note (FasciaStore       *self,
             FasciaVisit       *visit,
             FasciaVisitField   field,
             const char        *text,
             gint64             now,
             GError           **error)
{
  static const char * const sql[] = {
    [FASCIA_VISIT_FIELD_SUBJECTIVE] =
      "UPDATE visits SET subjective = ?2, updated_at = ?3, revision = revision + 1 "
      "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?4",
    [FASCIA_VISIT_FIELD_OBJECTIVE] =
      "UPDATE visits SET objective = ?2, updated_at = ?3, revision = revision + 1 "
      "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?4",
    [FASCIA_VISIT_FIELD_ASSESSMENT] =
      "UPDATE visits SET assessment = ?2, updated_at = ?3, revision = revision + 1 "
      "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?4",
    [FASCIA_VISIT_FIELD_PLAN_NOTES] =
      "UPDATE visits SET plan_notes = ?2, updated_at = ?3, revision = revision + 1 "
      "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?4",
  };
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql[field], error);
  gint64 id = fascia_visit_get_id (visit);

  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, id);
  fascia_store_bind_text (stmt, 2, text);
  fascia_db_bind_int64 (stmt, 3, now);
  fascia_db_bind_int64 (stmt, 4, fascia_visit_get_revision (visit));
  if (!fascia_store_step_revised (self, stmt, FASCIA_STORE_TABLE_VISITS, "visit", id, error))
    return FALSE;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_UPDATED, id,
                             fascia_visit_get_client_id (visit));
  return TRUE;
}

/* The common save of a note, in one statement: one SOAP field of an open visit, if no one
 * saved the visit since @visit was read. 1 when saved, 0 when the visit is locked, saved by
 * someone else or gone (the caller reads it to tell which), -1 with @error. */
static int
update_open_note (FasciaStore       *self,
                  FasciaVisit       *visit,
                  FasciaVisitField   field,
                  const char        *text,
                  gint64             now,
                  GError           **error)
{
#define OPEN_NOTE(column) \
  "UPDATE visits SET " column " = ?2, updated_at = ?3, revision = revision + 1 " \
  "WHERE id = ?1 AND deleted_at IS NULL AND revision = ?4 " \
  "AND (visited_at IS NULL OR visited_at > ?5) RETURNING client_id"
  static const char * const sql[] = {
    [FASCIA_VISIT_FIELD_SUBJECTIVE] = OPEN_NOTE ("subjective"),
    [FASCIA_VISIT_FIELD_OBJECTIVE] = OPEN_NOTE ("objective"),
    [FASCIA_VISIT_FIELD_ASSESSMENT] = OPEN_NOTE ("assessment"),
    [FASCIA_VISIT_FIELD_PLAN_NOTES] = OPEN_NOTE ("plan_notes"),
  };
#undef OPEN_NOTE
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql[field], error);
  gint64 id = fascia_visit_get_id (visit);
  gint64 client_id;
  FasciaDbStep rc;

  if (stmt == NULL)
    return -1;

  fascia_db_bind_int64 (stmt, 1, id);
  fascia_store_bind_text (stmt, 2, text);
  fascia_db_bind_int64 (stmt, 3, now);
  fascia_db_bind_int64 (stmt, 4, fascia_visit_get_revision (visit));
  /* Open: less than FASCIA_VISIT_LOCK_AFTER since the visit (fascia_visit_is_locked()). */
  fascia_db_bind_int64 (stmt, 5, now - FASCIA_VISIT_LOCK_AFTER);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_DONE)
    return 0;
  if (rc != FASCIA_DB_ROW)
    {
      fascia_store_step_failed (rc, error);
      return -1;
    }
  client_id = fascia_db_column_int64 (stmt, 0);
  if (!fascia_store_step_done (self, stmt, error))
    return -1;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_UPDATED, id,
                             client_id);
  return 1;
}

/**
 * fascia_store_save_visit_field:
 * @visit: the visit as its editor read it (its #FasciaVisit:revision); on success its @field
 *   is @text and its revision is counted up
 * @field: which SOAP field
 * @text: its new text
 * @theirs: (out) (optional) (transfer full): on %FASCIA_STORE_ERROR_CONFLICT, the visit as
 *   someone else saved it since @visit was read
 *
 * Saves one SOAP field, as the visit editor does while the therapist types, and nothing else
 * of @visit; refused, changing nothing, when the visit was saved by someone else since @visit
 * was read (see fascia_store_update_visit_full()).
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_save_visit_field (FasciaStore       *self,
                               FasciaVisit       *visit,
                               FasciaVisitField   field,
                               const char        *text,
                               FasciaVisit      **theirs,
                               GError           **error)
{
  g_autoptr(FasciaVisit) current = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id, now = fascia_store_now ();
  gboolean updated = FALSE;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_VISIT (visit), FALSE);
  g_return_val_if_fail (field <= FASCIA_VISIT_FIELD_PLAN_NOTES, FALSE);
  g_return_val_if_fail (theirs == NULL || *theirs == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_store_check_text (text, FASCIA_STORE_MAX_NOTE, "note", error))
    return FALSE;

  /* The note of a visit added while the server was away joins its addition in the journal,
   * or is saved to the row the replay added. */
  switch (fascia_store_keep_provisional_note (self, visit, field, text, error))
    {
    case 1: return TRUE;
    case -1: return FALSE;
    default: break;
    }

  id = fascia_visit_get_id (visit);
  if (!fascia_store_begin (self, &local_error))
    {
      keep_in_journal (self, visit, field, text, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The note of an open visit no one else saved: one statement (on a clinic server, sent
   * with the BEGIN and the COMMIT, one round trip). Anything else reads the visit first, in
   * a transaction of its own: the statement, which changed nothing, committed nothing. */
  fascia_store_commit_with_next (self);
  switch (update_open_note (self, visit, field, text, now, &local_error))
    {
    case 1:
      updated = TRUE;
      break;
    case 0:
      if (fascia_store_begin_again (self, &local_error))
        current = load_visit (self, id, &local_error);
      else
        {
          keep_in_journal (self, visit, field, text, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      break;
    default:
      break;
    }
  if (current != NULL)
    {
      g_autoptr(GDateTime) now_dt = fascia_store_datetime_from_usec (now);

      /* The row as read, with only this field changed: what else @visit holds is not saved. */
      if (fascia_visit_get_revision (current) == fascia_visit_get_revision (visit))
        fascia_visit_set_field (current, field, text);
      fascia_visit_set_revision (current, fascia_visit_get_revision (visit));
      /* An open note saves its one column and nothing else (the save of the whole row also
       * checks its plan and writes what it treated again: nine statements for one); a locked
       * one keeps its amendment. */
      if (!fascia_visit_is_locked (current, now_dt))
        updated = update_note (self, current, field, text, now, &local_error);
      else
        updated = update_visit (self, current, now, &local_error);
    }
  if (!updated)
    {
      fascia_store_rollback (self);
      if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
        read_theirs (self, id, theirs);
      keep_in_journal (self, visit, field, text, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!fascia_store_commit (self, &local_error))
    {
      keep_in_journal (self, visit, field, text, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  {
    g_autoptr(GDateTime) now_dt = fascia_store_datetime_from_usec (now);

    fascia_visit_set_field (visit, field, text);
    fascia_visit_set_updated_at (visit, now_dt);
    fascia_visit_set_revision (visit, fascia_visit_get_revision (visit) + 1);
  }
  return TRUE;
}

/**
 * fascia_store_update_visit_field:
 * @visit_id: the visit
 * @field: which SOAP field
 * @text: its new text
 *
 * Saves one SOAP field over whatever the visit holds now, whoever saved it; an editor uses
 * fascia_store_save_visit_field(), which refuses to overwrite another's save. On a locked
 * visit the change is kept as an amendment, as with fascia_store_update_visit().
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_update_visit_field (FasciaStore       *self,
                                 gint64             visit_id,
                                 FasciaVisitField   field,
                                 const char        *text,
                                 GError           **error)
{
  g_autoptr(FasciaVisit) visit = NULL;
  gint64 now = fascia_store_now ();

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (field <= FASCIA_VISIT_FIELD_PLAN_NOTES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fascia_store_check_text (text, FASCIA_STORE_MAX_NOTE, "note", error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  visit = load_visit (self, visit_id, error);
  if (visit == NULL)
    goto failed;

  fascia_visit_set_field (visit, field, text);
  if (!update_visit (self, visit, now, error))
    goto failed;

  return fascia_store_commit (self, error);

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/**
 * fascia_store_get_visit:
 *
 * Returns: (transfer full): the visit, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND.
 */
FasciaVisit *
fascia_store_get_visit (FasciaStore  *self,
                        gint64        visit_id,
                        GError      **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_visit (self, visit_id, error);
}

typedef struct
{
  FasciaStore *store;
  gint64       client_id;
} VisitQuery;

static void
visit_query_free (gpointer data)
{
  VisitQuery *query = data;

  g_object_unref (query->store);
  g_free (query);
}

static gboolean
fetch_visits (gpointer        user_data,
              guint           offset,
              guint           limit,
              gconstpointer   after,
              GPtrArray      *items,
              gpointer       *cursor,
              GError        **error)
{
  static const char sql[] =
    "SELECT " VISIT_COLUMNS " FROM visits WHERE client_id = ?1 AND deleted_at IS NULL "
    "ORDER BY visited_at DESC, id DESC LIMIT ?2 OFFSET ?3";
  VisitQuery *query = user_data;
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store, sql, error);
  FasciaDbStep rc;

  *cursor = NULL;
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, query->client_id);
  fascia_db_bind_int64 (stmt, 2, limit);
  fascia_db_bind_int64 (stmt, 3, offset);
  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    g_ptr_array_add (items, visit_from_row (stmt));

  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);

  return TRUE;
}

/**
 * fascia_store_list_visits:
 *
 * The list counts the visits and reads the first page (64) of them in one query when it is
 * made, and the others a page at a time as they are asked for, so a client with 500 visits
 * costs what the rows on screen cost. On a clinic server, where each query is a round trip,
 * a client of at most %FASCIA_PAGED_LIST_WHOLE_UP_TO visits (256) has them all read by that
 * one query, as a program written by hand would read them.
 *
 * Returns: (transfer full): a #GListModel of the client's #FasciaVisit, newest first.
 */
GListModel *
fascia_store_list_visits (FasciaStore  *self,
                          gint64        client_id,
                          GError      **error)
{
  static const char first_sql[] =
    "SELECT " VISIT_COLUMNS ", (SELECT count(*) FROM visits WHERE client_id = ?1 "
    "AND deleted_at IS NULL) FROM visits WHERE client_id = ?1 AND deleted_at IS NULL "
    "ORDER BY visited_at DESC, id DESC "
    "LIMIT CASE WHEN ?4 > ?2 AND (SELECT count(*) FROM visits WHERE client_id = ?1 "
    "AND deleted_at IS NULL) <= ?4 THEN ?4 ELSE ?2 END OFFSET ?3";
  VisitQuery *query;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_CLIENT, &client_id))
    return G_LIST_MODEL (g_list_store_new (FASCIA_TYPE_VISIT));

  query = g_new0 (VisitQuery, 1);
  query->store = g_object_ref (self);
  query->client_id = client_id;

  return fascia_store_paged_with_first (self, first_sql, VISIT_COL_UPDATED_BY + 1, client_id,
                                        FASCIA_TYPE_VISIT, (FasciaStoreRowFunc) visit_from_row,
                                        fetch_visits, query, visit_query_free, error);
}

/**
 * fascia_store_list_visit_scores:
 * @client_id: the client
 * @max_visits: how many of the latest visits to read (at most
 *   %FASCIA_STORE_MAX_VISIT_SCORES for a chart)
 *
 * The pain scores of a client's latest visits and nothing else, for the progress chart: one
 * query that reads three columns of at most @max_visits rows, whatever the number of visits
 * or the length of their notes.
 *
 * Returns: (transfer full) (element-type FasciaVisitScores): the scores, oldest first.
 */
GArray *
fascia_store_list_visit_scores (FasciaStore  *self,
                                gint64        client_id,
                                guint         max_visits,
                                GError      **error)
{
  static const char sql[] =
    "SELECT visited_at, pain_before, pain_after FROM visits "
    "WHERE client_id = ?1 AND deleted_at IS NULL ORDER BY visited_at DESC, id DESC LIMIT ?2";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GArray) scores = NULL;
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_CLIENT, &client_id))
    return g_array_new (FALSE, FALSE, sizeof (FasciaVisitScores));

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  fascia_db_bind_int64 (stmt, 1, client_id);
  fascia_db_bind_int64 (stmt, 2, max_visits);
  scores = g_array_new (FALSE, FALSE, sizeof (FasciaVisitScores));
  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      FasciaVisitScores visit = {
        .visited_at = fascia_db_column_int64 (stmt, 0),
        .pain_before = column_pain (stmt, 1),
        .pain_after = column_pain (stmt, 2),
      };

      /* Newest first from the index: the chart reads oldest first. */
      g_array_prepend_val (scores, visit);
    }
  if (rc != FASCIA_DB_DONE)
    {
      fascia_store_step_failed (rc, error);
      return NULL;
    }

  return g_steal_pointer (&scores);
}

/**
 * fascia_store_repeat_last_visit:
 * @client_id: the client
 * @visited_at: (nullable): when the new visit is, or %NULL for now
 *
 * Starts a visit from what was done last time: a new visit with the plan and the treated
 * targets (and so their techniques) of the client's latest visit, and empty notes and
 * pain scores. Targets deleted since are left out.
 *
 * Returns: (transfer full): the new visit, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND if the
 *   client has no visit yet.
 */
FasciaVisit *
fascia_store_repeat_last_visit (FasciaStore  *self,
                                gint64        client_id,
                                GDateTime    *visited_at,
                                GError      **error)
{
  static const char last_sql[] =
    "SELECT id, plan_id FROM visits WHERE client_id = ?1 AND deleted_at IS NULL "
    "AND visited_at <= coalesce(?2, visited_at) ORDER BY visited_at DESC, id DESC LIMIT 1";
  static const char targets_sql[] =
    "SELECT vt.plan_target_id FROM visit_targets vt "
    "JOIN plan_targets t ON t.id = vt.plan_target_id "
    "JOIN plans p ON p.id = t.plan_id "
    "WHERE vt.visit_id = ?1 AND t.deleted_at IS NULL AND p.deleted_at IS NULL "
    "ORDER BY vt.position";
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 last_id, plan_id, now = fascia_store_now ();
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fascia_store_begin (self, error))
    return NULL;

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, last_sql, error);

    if (stmt == NULL)
      goto failed;

    fascia_db_bind_int64 (stmt, 1, client_id);
    fascia_store_bind_datetime (stmt, 2, visited_at);
    rc = fascia_db_step (stmt, error);
    if (rc == FASCIA_DB_DONE)
      {
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                     "Client %" G_GINT64_FORMAT " has no earlier visit to repeat", client_id);
        goto failed;
      }
    if (rc != FASCIA_DB_ROW)
      {
        fascia_store_step_failed (rc, error);
        goto failed;
      }

    last_id = fascia_db_column_int64 (stmt, 0);
    plan_id = fascia_db_column_int64 (stmt, 1);
  }

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, targets_sql, error);

    if (stmt == NULL)
      goto failed;

    fascia_db_bind_int64 (stmt, 1, last_id);
    while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
      {
        gint64 id = fascia_db_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (rc != FASCIA_DB_DONE)
      {
        fascia_store_step_failed (rc, error);
        goto failed;
      }
  }

  if (plan_id != 0 && fascia_store_plan_client (self, plan_id, NULL) != client_id)
    plan_id = 0;

  visit = fascia_visit_new ();
  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_plan_id (visit, plan_id);
  fascia_visit_set_visited_at (visit, visited_at);
  fascia_visit_set_treated_target_ids (visit, (const gint64 *) ids->data, ids->len);

  if (!insert_visit (self, visit, now, NULL, error))
    goto failed;

  if (!fascia_store_commit (self, error))
    return NULL;

  set_times_after_insert (visit, now);
  return g_steal_pointer (&visit);

failed:
  fascia_store_rollback (self);
  return NULL;
}
