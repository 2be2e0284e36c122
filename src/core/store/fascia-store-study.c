/* fascia-store-study.c — the study_results and study_items tables: quiz answers and the
 * Leitner box of each quiz item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-store-private.h"

#define ITEM_COLUMNS "item_id, quiz_kind, box, correct, wrong, updated_at"

enum {
  ITEM_COL_ITEM_ID,
  ITEM_COL_QUIZ_KIND,
  ITEM_COL_BOX,
  ITEM_COL_CORRECT,
  ITEM_COL_WRONG,
  ITEM_COL_UPDATED_AT,
};

#define LEITNER_BOXES 5

static FasciaStudyItem *
item_from_row (FasciaStoreStmt *stmt)
{
  FasciaStudyItem *item = fascia_study_item_new ();
  g_autoptr(GDateTime) answered_at = fascia_store_column_datetime (stmt, ITEM_COL_UPDATED_AT);

  fascia_study_item_set_item_id (item, fascia_store_column_text (stmt, ITEM_COL_ITEM_ID));
  fascia_study_item_set_quiz_kind (item, fascia_store_column_text (stmt, ITEM_COL_QUIZ_KIND));
  fascia_study_item_set_box (item, CLAMP (fascia_db_column_int (stmt, ITEM_COL_BOX),
                                          1, LEITNER_BOXES));
  fascia_study_item_set_correct (item, fascia_db_column_int (stmt, ITEM_COL_CORRECT));
  fascia_study_item_set_wrong (item, fascia_db_column_int (stmt, ITEM_COL_WRONG));
  fascia_study_item_set_last_answered_at (item, answered_at);

  return item;
}

static gboolean
validate_key (const char  *item_id,
              const char  *quiz_kind,
              GError     **error)
{
  if (item_id == NULL || item_id[0] == '\0' || quiz_kind == NULL || quiz_kind[0] == '\0')
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                           "A study result needs an item and a quiz kind");
      return FALSE;
    }

  return fascia_store_check_text (item_id, 200, "quiz item id", error) &&
         fascia_store_check_text (quiz_kind, 100, "quiz kind", error);
}

/**
 * fascia_store_add_study_result:
 * @item_id: what was asked about, e.g. a muscle id
 * @quiz_kind: which quiz, e.g. `find-muscle`
 * @correct: whether the answer was right
 * @answered_at: (nullable): when, or %NULL for now
 *
 * Keeps one answer and moves the item between Leitner boxes: a right answer moves it up one
 * box (at most 5, asked least often), a wrong one back to box 1.
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_add_study_result (FasciaStore  *self,
                               const char   *item_id,
                               const char   *quiz_kind,
                               gboolean      correct,
                               GDateTime    *answered_at,
                               GError      **error)
{
  static const char result_sql[] =
    "INSERT INTO study_results (item_id, quiz_kind, correct, answered_at) "
    "VALUES (?1, ?2, ?3, ?4) RETURNING id";
  static const char item_sql[] =
    "INSERT INTO study_items (quiz_kind, item_id, box, correct, wrong, created_at, updated_at) "
    "VALUES (?2, ?1, CASE WHEN ?3 = 1 THEN 2 ELSE 1 END, ?3, 1 - ?3, ?4, ?4) "
    "ON CONFLICT (quiz_kind, item_id) DO UPDATE SET "
    "box = CASE WHEN ?3 = 0 THEN 1 WHEN study_items.box >= " G_STRINGIFY (LEITNER_BOXES) " "
    "THEN " G_STRINGIFY (LEITNER_BOXES) " ELSE study_items.box + 1 END, "
    "correct = study_items.correct + ?3, wrong = study_items.wrong + 1 - ?3, updated_at = ?4";
  gint64 when = answered_at != NULL ? fascia_store_datetime_to_usec (answered_at)
                                    : fascia_store_now ();
  gint64 id;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_key (item_id, quiz_kind, error))
    return FALSE;

  if (!fascia_store_begin (self, error))
    return FALSE;

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, result_sql, error);

    if (stmt == NULL)
      goto failed;

    fascia_store_bind_text (stmt, 1, item_id);
    fascia_store_bind_text (stmt, 2, quiz_kind);
    fascia_db_bind_int64 (stmt, 3, !!correct);
    fascia_db_bind_int64 (stmt, 4, when);
    if (!fascia_store_step_id (self, stmt, &id, error))
      goto failed;
  }

  {
    g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, item_sql, error);

    if (stmt == NULL)
      goto failed;

    fascia_store_bind_text (stmt, 1, item_id);
    fascia_store_bind_text (stmt, 2, quiz_kind);
    fascia_db_bind_int64 (stmt, 3, !!correct);
    fascia_db_bind_int64 (stmt, 4, when);
    if (!fascia_store_step_done (self, stmt, error))
      goto failed;
  }

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_STUDY_RESULTS, FASCIA_STORE_CHANGE_ADDED,
                             id, 0);
  return fascia_store_commit (self, error);

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/**
 * fascia_store_get_study_item:
 *
 * Returns: (transfer full): the item's box and counts, or %NULL with
 *   %FASCIA_STORE_ERROR_NOT_FOUND if it was never answered.
 */
FasciaStudyItem *
fascia_store_get_study_item (FasciaStore  *self,
                             const char   *item_id,
                             const char   *quiz_kind,
                             GError      **error)
{
  static const char sql[] =
    "SELECT " ITEM_COLUMNS " FROM study_items WHERE quiz_kind = ?2 AND item_id = ?1";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  fascia_store_bind_text (stmt, 1, item_id);
  fascia_store_bind_text (stmt, 2, quiz_kind);
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW)
    return item_from_row (stmt);

  if (rc == FASCIA_DB_DONE)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                 "“%s” was never answered in %s", item_id ? item_id : "",
                 quiz_kind ? quiz_kind : "");
  else
    fascia_store_step_failed (rc, error);

  return NULL;
}

/**
 * fascia_store_list_study_items:
 * @quiz_kind: (nullable): one quiz, or %NULL for all
 *
 * Returns: (transfer full): a #GListModel of #FasciaStudyItem, lowest box (most due) first.
 */
GListModel *
fascia_store_list_study_items (FasciaStore  *self,
                               const char   *quiz_kind,
                               GError      **error)
{
  static const char sql[] =
    "SELECT " ITEM_COLUMNS " FROM study_items WHERE quiz_kind = coalesce(?1, quiz_kind) "
    "ORDER BY box, updated_at, quiz_kind, item_id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GListStore) items = NULL;
  FasciaDbStep rc;

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  items = g_list_store_new (FASCIA_TYPE_STUDY_ITEM);
  if (quiz_kind != NULL)
    fascia_store_bind_text (stmt, 1, quiz_kind);
  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      g_autoptr(FasciaStudyItem) item = item_from_row (stmt);

      g_list_store_append (items, item);
    }

  if (rc != FASCIA_DB_DONE)
    return (fascia_store_step_failed (rc, error), NULL);

  return G_LIST_MODEL (g_steal_pointer (&items));
}
