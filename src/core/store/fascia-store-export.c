/* fascia-store-export.c — what records import and export need of the store beyond its
 * everyday API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-store-private.h"

/*
 * fascia_store_insert_amendment:
 *
 * Inside a transaction: keeps an amendment exactly as another installation recorded it, at
 * its own time and by its own author (%NULL: unknown, which a clinic server stamps with the
 * importing login; see sql-postgresql/009-amendment-author.sql);
 * fascia_store_record_amendment() would fold it into a recent one.
 */
gboolean
fascia_store_insert_amendment (FasciaStore  *self,
                               gint64        visit_id,
                               const char   *field,
                               const char   *old_text,
                               const char   *new_text,
                               GDateTime    *amended_at,
                               const char   *amended_by,
                               GError      **error)
{
  static const char sql[] =
    "INSERT INTO amendments (visit_id, field, old_text, new_text, amended_at, amended_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  gint64 client_id, id;

  if (!fascia_store_check_text (field, FASCIA_STORE_MAX_SHORT, "amended field", error) ||
      !fascia_store_check_text (old_text, FASCIA_STORE_MAX_NOTE, "amended text", error) ||
      !fascia_store_check_text (new_text, FASCIA_STORE_MAX_NOTE, "amended text", error) ||
      (amended_by != NULL &&
       !fascia_store_check_text (amended_by, FASCIA_STORE_MAX_SHORT, "amendment's author", error)))
    return FALSE;

  client_id = fascia_store_visit_client (self, visit_id, error);
  if (client_id == 0)
    return FALSE;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, visit_id);
  fascia_store_bind_text (stmt, 2, field);
  fascia_store_bind_text (stmt, 3, old_text);
  fascia_store_bind_text (stmt, 4, new_text);
  fascia_store_bind_datetime (stmt, 5, amended_at);
  fascia_store_bind_text (stmt, 6, amended_by);
  if (!fascia_store_step_id (self, stmt, &id, error))
    return FALSE;

  fascia_store_queue_change (self, FASCIA_STORE_TABLE_AMENDMENTS, FASCIA_STORE_CHANGE_ADDED,
                             id, client_id);
  return TRUE;
}
