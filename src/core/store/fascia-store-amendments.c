/* fascia-store-amendments.c — the amendments table: changes to a visit after it locked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-store-private.h"

#define AMENDMENT_COLUMNS "id, visit_id, field, old_text, new_text, amended_at, amended_by"

enum {
  AMENDMENT_COL_ID,
  AMENDMENT_COL_VISIT_ID,
  AMENDMENT_COL_FIELD,
  AMENDMENT_COL_OLD_TEXT,
  AMENDMENT_COL_NEW_TEXT,
  AMENDMENT_COL_AMENDED_AT,
  AMENDMENT_COL_AMENDED_BY,
};

/* Edits to one field within this time of the last amendment extend it, so that notes saved
 * as they are typed make one amendment rather than one per keystroke. */
#define MERGE_WINDOW (10 * G_TIME_SPAN_MINUTE)

static FasciaAmendment *
amendment_from_row (FasciaStoreStmt *stmt)
{
  FasciaAmendment *amendment = fascia_amendment_new ();
  g_autoptr(GDateTime) amended_at = fascia_store_column_datetime (stmt, AMENDMENT_COL_AMENDED_AT);

  fascia_amendment_set_id (amendment, fascia_db_column_int64 (stmt, AMENDMENT_COL_ID));
  fascia_amendment_set_visit_id (amendment, fascia_db_column_int64 (stmt, AMENDMENT_COL_VISIT_ID));
  fascia_amendment_set_field (amendment, fascia_store_column_text (stmt, AMENDMENT_COL_FIELD));
  fascia_amendment_set_old_text (amendment,
                                 fascia_store_column_text (stmt, AMENDMENT_COL_OLD_TEXT));
  fascia_amendment_set_new_text (amendment,
                                 fascia_store_column_text (stmt, AMENDMENT_COL_NEW_TEXT));
  fascia_amendment_set_amended_at (amendment, amended_at);
  fascia_amendment_set_amended_by (amendment,
                                   fascia_db_column_text (stmt, AMENDMENT_COL_AMENDED_BY));

  return amendment;
}

/*
 * fascia_store_record_amendment:
 *
 * Inside a transaction: keeps a change to @field of a locked visit, naming its author
 * (fascia_store_get_author(); a clinic server stamps its session user whatever is sent). If
 * the last amendment of that field is recent and by the same author, it is extended (its old
 * text stays; a change back to it removes the amendment, since nothing then changed); another
 * author's change is an amendment of its own.
 */
gboolean
fascia_store_record_amendment (FasciaStore  *self,
                               gint64        visit_id,
                               const char   *field,
                               const char   *old_text,
                               const char   *new_text,
                               gint64        now,
                               GError      **error)
{
  static const char last_sql[] =
    "SELECT id, old_text, amended_at, amended_by = ?3 FROM amendments "
    "WHERE visit_id = ?1 AND field = ?2 ORDER BY amended_at DESC, id DESC LIMIT 1";
  static const char extend_sql[] =
    "UPDATE amendments SET new_text = ?2, amended_at = ?3 WHERE id = ?1";
  static const char drop_sql[] = "DELETE FROM amendments WHERE id = ?1";
  static const char insert_sql[] =
    "INSERT INTO amendments (visit_id, field, old_text, new_text, amended_at, amended_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autofree char *last_old_text = NULL;
  gint64 last_id = 0, change_id;
  FasciaDbStep rc;

  stmt = fascia_store_prepare (self, last_sql, error);
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, visit_id);
  fascia_store_bind_text (stmt, 2, field);
  fascia_store_bind_text (stmt, 3, fascia_store_get_author (self));
  rc = fascia_db_step (stmt, error);
  if (rc == FASCIA_DB_ROW && now - fascia_db_column_int64 (stmt, 2) < MERGE_WINDOW &&
      fascia_db_column_int64 (stmt, 3) != 0)
    {
      last_id = fascia_db_column_int64 (stmt, 0);
      last_old_text = g_strdup (fascia_store_column_text (stmt, 1));
    }
  else if (rc != FASCIA_DB_ROW && rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);
  g_clear_pointer (&stmt, fascia_store_stmt_release);

  if (last_id != 0 && g_str_equal (last_old_text, new_text))
    {
      stmt = fascia_store_prepare (self, drop_sql, error);
      if (stmt == NULL)
        return FALSE;
      fascia_db_bind_int64 (stmt, 1, last_id);
      change_id = last_id;
    }
  else if (last_id != 0)
    {
      stmt = fascia_store_prepare (self, extend_sql, error);
      if (stmt == NULL)
        return FALSE;
      fascia_db_bind_int64 (stmt, 1, last_id);
      fascia_store_bind_text (stmt, 2, new_text);
      fascia_db_bind_int64 (stmt, 3, now);
      change_id = last_id;
    }
  else
    {
      stmt = fascia_store_prepare (self, insert_sql, error);
      if (stmt == NULL)
        return FALSE;
      fascia_db_bind_int64 (stmt, 1, visit_id);
      fascia_store_bind_text (stmt, 2, field);
      fascia_store_bind_text (stmt, 3, old_text);
      fascia_store_bind_text (stmt, 4, new_text);
      fascia_db_bind_int64 (stmt, 5, now);
      fascia_store_bind_text (stmt, 6, fascia_store_get_author (self));
      change_id = 0;
    }

  if (change_id == 0 ? !fascia_store_step_id (self, stmt, &change_id, error)
                     : !fascia_store_step_done (self, stmt, error))
    return FALSE;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_AMENDMENTS,
                             last_id == 0 ? FASCIA_STORE_CHANGE_ADDED : FASCIA_STORE_CHANGE_UPDATED,
                             change_id, fascia_store_visit_client (self, visit_id, NULL));
  return TRUE;
}

/**
 * fascia_store_list_amendments:
 *
 * Returns: (transfer full): a #GListModel of the visit's #FasciaAmendment, oldest first: the
 *   first amendment of a field holds its original text.
 */
GListModel *
fascia_store_list_amendments (FasciaStore  *self,
                              gint64        visit_id,
                              GError      **error)
{
  static const char sql[] =
    "SELECT " AMENDMENT_COLUMNS " FROM amendments WHERE visit_id = ?1 ORDER BY amended_at, id";

  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Of a row added while the server is away: nothing under it is on the server yet. */
  if (fascia_store_read_nothing (self, FASCIA_JOURNAL_VISIT, &visit_id))
    return G_LIST_MODEL (g_list_store_new (FASCIA_TYPE_AMENDMENT));

  return fascia_store_query_list (self, sql, visit_id, FASCIA_TYPE_AMENDMENT,
                                  (FasciaStoreRowFunc) amendment_from_row, error);
}
