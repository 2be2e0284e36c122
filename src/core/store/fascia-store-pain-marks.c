/* fascia-store-pain-marks.c — the pain_marks table: the body chart of a visit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fascia/fascia-store-journal.h"
#include "fascia/fascia-view-drawing.h"
#include "fascia-store-private.h"

#define MARK_COLUMNS \
  "id, visit_id, view_id, region_id, x, y, intensity, pain_type, note, created_at, updated_at, " \
  "drawing"

enum {
  MARK_COL_ID,
  MARK_COL_VISIT_ID,
  MARK_COL_VIEW_ID,
  MARK_COL_REGION_ID,
  MARK_COL_X,
  MARK_COL_Y,
  MARK_COL_INTENSITY,
  MARK_COL_PAIN_TYPE,
  MARK_COL_NOTE,
  MARK_COL_CREATED_AT,
  MARK_COL_UPDATED_AT,
  MARK_COL_DRAWING,
};

/* Moves the point of @mark, if it is on an older drawing of its view (or says none), to where
 * the same spot of the body lies on the current one; FALSE for a drawing the view never had. */
static gboolean
to_current_drawing (FasciaPainMark *mark)
{
  const char *view = fascia_pain_mark_get_view_id (mark);
  guint current = fascia_view_drawing_current (view);
  guint drawing = fascia_pain_mark_get_drawing (mark);
  double x = fascia_pain_mark_get_x (mark);
  double y = fascia_pain_mark_get_y (mark);

  if (drawing == 0 || drawing == current)
    {
      fascia_pain_mark_set_drawing (mark, current);
      return TRUE;
    }
  if (!fascia_view_drawing_convert (view, drawing, &x, &y))
    return FALSE;

  if (fascia_pain_mark_get_region_id (mark)[0] == '\0')
    {
      fascia_pain_mark_set_x (mark, x);
      fascia_pain_mark_set_y (mark, y);
    }
  fascia_pain_mark_set_drawing (mark, current);
  return TRUE;
}

static FasciaPainMark *
mark_from_row (FasciaStoreStmt *stmt)
{
  FasciaPainMark *mark = fascia_pain_mark_new ();
  g_autoptr(GDateTime) created_at = fascia_store_column_datetime (stmt, MARK_COL_CREATED_AT);
  g_autoptr(GDateTime) updated_at = fascia_store_column_datetime (stmt, MARK_COL_UPDATED_AT);
  const char *type = fascia_store_column_text (stmt, MARK_COL_PAIN_TYPE);

  fascia_pain_mark_set_id (mark, fascia_db_column_int64 (stmt, MARK_COL_ID));
  fascia_pain_mark_set_visit_id (mark, fascia_db_column_int64 (stmt, MARK_COL_VISIT_ID));
  fascia_pain_mark_set_view_id (mark, fascia_store_column_text (stmt, MARK_COL_VIEW_ID));
  fascia_pain_mark_set_region_id (mark, fascia_store_column_text (stmt, MARK_COL_REGION_ID));
  fascia_pain_mark_set_x (mark, fascia_db_column_double (stmt, MARK_COL_X));
  fascia_pain_mark_set_y (mark, fascia_db_column_double (stmt, MARK_COL_Y));
  fascia_pain_mark_set_intensity (mark, fascia_db_column_int (stmt, MARK_COL_INTENSITY));
  fascia_pain_mark_set_pain_type (mark, fascia_store_enum_value (FASCIA_TYPE_PAIN_TYPE, type,
                                                                 FASCIA_PAIN_ACHE));
  fascia_pain_mark_set_note (mark, fascia_store_column_text (stmt, MARK_COL_NOTE));
  fascia_pain_mark_set_created_at (mark, created_at);
  fascia_pain_mark_set_updated_at (mark, updated_at);
  fascia_pain_mark_set_drawing (mark, fascia_db_column_int (stmt, MARK_COL_DRAWING));
  /* A point kept on a drawing its view has had since: where the same spot lies on it now. A
   * drawing the view never had (a database of a newer Fascia cannot be opened) is left. */
  to_current_drawing (mark);

  return mark;
}

/* A diagram region id: a slug with its prefix, `m-piriformis-r`, `b-iliac-crest-l`. */
static gboolean
is_region_id (const char *id)
{
  if (strlen (id) > FASCIA_STORE_MAX_SHORT)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return id[0] != '-' && !g_str_has_suffix (id, "-") && strstr (id, "--") == NULL;
}

static gboolean
validate_mark (FasciaStore     *self,
               FasciaPainMark  *mark,
               GError         **error)
{
  const char *region = fascia_pain_mark_get_region_id (mark);

  if (!fascia_store_check_id (self, FASCIA_STORE_ID_VIEW, fascia_pain_mark_get_view_id (mark),
                              error) ||
      !fascia_store_check_range (fascia_pain_mark_get_intensity (mark), 0, 10, "pain intensity",
                                 error) ||
      !fascia_store_check_text (fascia_pain_mark_get_note (mark), FASCIA_STORE_MAX_NOTE, "note",
                                error))
    return FALSE;

  if (!to_current_drawing (mark))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The %s view has no drawing %u", fascia_pain_mark_get_view_id (mark),
                   fascia_pain_mark_get_drawing (mark));
      return FALSE;
    }

  if (region[0] != '\0' && !is_region_id (region))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s” is not a diagram region id", region);
      return FALSE;
    }

  if (region[0] == '\0' &&
      (!isfinite (fascia_pain_mark_get_x (mark)) || !isfinite (fascia_pain_mark_get_y (mark))))
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "A pain mark needs a region or a point");
      return FALSE;
    }

  return TRUE;
}

static void
bind_mark (FasciaStoreStmt *stmt,
           FasciaPainMark  *mark,
           gint64           now)
{
  gboolean point = fascia_pain_mark_get_region_id (mark)[0] == '\0';

  fascia_db_bind_int64 (stmt, 2, fascia_pain_mark_get_visit_id (mark));
  fascia_store_bind_text (stmt, 3, fascia_pain_mark_get_view_id (mark));
  fascia_store_bind_text_or_null (stmt, 4, fascia_pain_mark_get_region_id (mark));
  if (point)
    {
      fascia_db_bind_double (stmt, 5, fascia_pain_mark_get_x (mark));
      fascia_db_bind_double (stmt, 6, fascia_pain_mark_get_y (mark));
    }
  else
    {
      fascia_db_bind_null (stmt, 5);
      fascia_db_bind_null (stmt, 6);
    }
  fascia_db_bind_int64 (stmt, 7, fascia_pain_mark_get_intensity (mark));
  fascia_store_bind_text (stmt, 8, fascia_store_enum_nick (FASCIA_TYPE_PAIN_TYPE,
                                                           fascia_pain_mark_get_pain_type (mark)));
  fascia_store_bind_text (stmt, 9, fascia_pain_mark_get_note (mark));
  fascia_db_bind_int64 (stmt, 10, now);
  fascia_db_bind_int64 (stmt, 12, fascia_pain_mark_get_drawing (mark));
}

/**
 * fascia_store_add_pain_mark:
 * @mark: a new mark with its #FasciaPainMark:visit-id set: a region, or a point when
 *   #FasciaPainMark:region-id is empty; its id is set on success
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_INVALID for an intensity outside 0–10 or a
 *   view the atlas does not know.
 */
static gboolean
add_pain_mark_now (FasciaStore     *self,
                   FasciaPainMark  *mark,
                   const char      *token,
                   GError         **error)
{
  static const char sql[] =
    "INSERT INTO pain_marks (visit_id, view_id, region_id, x, y, intensity, pain_type, note, "
    "created_at, updated_at, add_token, drawing) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12) RETURNING id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 now = fascia_store_now ();
  gint64 id, client_id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (mark), FALSE);
  g_return_val_if_fail (fascia_pain_mark_get_id (mark) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_mark (self, mark, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_visit_client (self, fascia_pain_mark_get_visit_id (mark), error);
  if (client_id == 0)
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  bind_mark (stmt, mark, now);
  fascia_db_bind_text (stmt, 11, token);
  if (!fascia_store_step_id (self, stmt, &id, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_PAIN_MARKS, FASCIA_STORE_CHANGE_ADDED, id,
                             client_id);
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_pain_mark_set_id (mark, id);
  fascia_pain_mark_set_created_at (mark, now_dt);
  fascia_pain_mark_set_updated_at (mark, now_dt);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* As above, the INSERT carrying @token (fascia_store_new_add_token()); when the clinic server
 * cannot be reached, the addition is kept in the store's journal with it, to be saved when
 * the server is back (fascia-store-journal.c), and the replay adds it with it again. */
gboolean
fascia_store_add_pain_mark_token (FasciaStore     *self,
                                  FasciaPainMark  *mark,
                                  const char      *token,
                                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* Kept in the journal as it is saved: on the drawing of its view as it is now, which a
   * replay compares with what the server holds. A drawing the view never had is refused
   * below. */
  to_current_drawing (mark);
  if (fascia_store_keep_addition (self, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), token,
                                  error) < 0)
    return FALSE;
  done = add_pain_mark_now (self, mark, token, &local_error);

  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), 0, token,
                                    local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

gboolean
fascia_store_add_pain_mark (FasciaStore     *self,
                            FasciaPainMark  *mark,
                            GError         **error)
{
  g_autofree char *token = fascia_store_new_add_token ();

  return fascia_store_add_pain_mark_token (self, mark, token, error);
}

/**
 * fascia_store_update_pain_mark:
 * @mark: a mark from the store, changed
 *
 * Returns: %TRUE on success.
 */
static gboolean
update_pain_mark_now (FasciaStore     *self,
                      FasciaPainMark  *mark,
                      GError         **error)
{
  static const char sql[] =
    "UPDATE pain_marks SET visit_id = ?2, view_id = ?3, region_id = ?4, x = ?5, y = ?6, "
    "intensity = ?7, pain_type = ?8, note = ?9, updated_at = ?10, drawing = ?12 "
    "WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 now = fascia_store_now ();
  gint64 id, client_id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (mark), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = fascia_pain_mark_get_id (mark);
  if (!validate_mark (self, mark, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  client_id = fascia_store_visit_client (self, fascia_pain_mark_get_visit_id (mark), error);
  if (client_id == 0)
    goto failed;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  fascia_db_bind_int64 (stmt, 1, id);
  bind_mark (stmt, mark, now);
  if (!fascia_store_step_changed (self, stmt, "pain mark", id, error))
    goto failed;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_PAIN_MARKS, FASCIA_STORE_CHANGE_UPDATED,
                             id, client_id);
  if (!fascia_store_commit (self, error))
    return FALSE;

  now_dt = fascia_store_datetime_from_usec (now);
  fascia_pain_mark_set_updated_at (mark, now_dt);
  return TRUE;

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* As above; when the clinic server cannot be reached, the edit is kept in the store's
 * journal, to be saved when it is back (fascia-store-journal.c). */
gboolean
fascia_store_update_pain_mark (FasciaStore     *self,
                               FasciaPainMark  *mark,
                               GError         **error)
{
  gint64 revision = 0;
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  /* As it is saved, as for an addition. */
  to_current_drawing (mark);

  /* One added while the server was away: its addition in the journal is changed, or it has
   * been saved since and its id is set to the server's. */
  switch (fascia_store_keep_provisional (self, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), error))
    {
    case 1: return TRUE;
    case -1: return FALSE;
    default: break;
    }

  done = update_pain_mark_now (self, mark, &local_error);

  if (!done)
    {
      fascia_store_keep_in_journal (self, FASCIA_JOURNAL_PAIN_MARK, G_OBJECT (mark), revision,
                                    NULL, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return done;
}

/**
 * fascia_store_get_pain_mark:
 *
 * Returns: (transfer full): the mark, or %NULL with %FASCIA_STORE_ERROR_NOT_FOUND.
 */
FasciaPainMark *
fascia_store_get_pain_mark (FasciaStore  *self,
                            gint64        mark_id,
                            GError      **error)
{
  static const char sql[] =
    "SELECT " MARK_COLUMNS " FROM pain_marks WHERE id = ?1 AND deleted_at IS NULL";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return fascia_store_query_one (self, sql, mark_id,
                                 (FasciaStoreRowFunc) mark_from_row, "pain mark", error);
}

/**
 * fascia_store_list_pain_marks:
 *
 * Returns: (transfer full): a #GListModel of the visit's #FasciaPainMark, in the order they
 *   were made.
 */
GListModel *
fascia_store_list_pain_marks (FasciaStore  *self,
                              gint64        visit_id,
                              GError      **error)
{
  static const char sql[] =
    "SELECT " MARK_COLUMNS " FROM pain_marks WHERE visit_id = ?1 AND deleted_at IS NULL "
    "ORDER BY id";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet, only
   * what was added under it meanwhile, kept on this computer. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_VISIT, &visit_id))
    return fascia_store_list_added_kept (self, FASCIA_STORE_TABLE_PAIN_MARKS, visit_id);

  return fascia_store_query_list (self, sql, visit_id, FASCIA_TYPE_PAIN_MARK,
                                  (FasciaStoreRowFunc) mark_from_row, error);
}
