/* fascia-client-list.c — the client search: its SQL, and the paged list it fills.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia-client-list.h"

/*
 * Every query here reads an index, never the whole table:
 * - everyone: clients_by_name in its own order (the list order);
 * - a prefix: a range of clients_by_name;
 * - a search: the trigram index clients_search (003), then only the rows it found.
 * A page that follows a page already read starts after that page's last row (a row-value
 * comparison on clients_by_name's key) instead of counting rows with OFFSET.
 *
 * Parameters: ?1 the prefix or the MATCH expression, ?2 the end of the prefix or the first
 * short term, ?3 ?4 further short terms, ?5 whether archived clients count, ?6 LIMIT, ?7
 * OFFSET, ?8–?11 the key to start after, or ?8 the client whose position is wanted.
 */

enum {
  OP_COUNT,
  OP_PAGE,
  OP_PAGE_AFTER,
  OP_POSITION,
  N_OPS
};

enum {
  PAGE_COL_SORT_KEY = 24,  /* the first column after FASCIA_CLIENT_COLUMNS */
  PAGE_COL_SEARCH_KEY,
};

#define COMMON "deleted_at IS NULL AND (archived = 0 OR ?5)"
#define ORDER " ORDER BY sort_key, archived, search_key, id"
#define KEY "(sort_key, archived, search_key, id)"
#define PAGE_SELECT "SELECT " FASCIA_CLIENT_COLUMNS ", sort_key, search_key FROM clients WHERE "
#define QUERIES(filter) \
  { \
    "SELECT count(*) FROM clients WHERE " COMMON filter, \
    PAGE_SELECT COMMON filter ORDER " LIMIT ?6 OFFSET ?7", \
    PAGE_SELECT COMMON filter " AND " KEY " > (?8, ?9, ?10, ?11)" ORDER " LIMIT ?6", \
    "SELECT count(*) FROM clients WHERE " COMMON filter " AND " KEY " < " \
    "(SELECT sort_key, archived, search_key, id FROM clients WHERE id = ?8)", \
  }
#define PREFIX " AND sort_key >= ?1 AND sort_key < ?2"
/* The rowids from the index, then the table: the planner must not walk clients_by_name. */
#define MATCH " AND id IN (SELECT rowid FROM clients_search WHERE clients_search MATCH ?1)"
#define SHORT1 " AND instr(search_key, ?2)"
#define SHORT2 SHORT1 " AND instr(search_key, ?3)"
#define SHORT3 SHORT2 " AND instr(search_key, ?4)"

/* By kind: ALL, PREFIX, then MATCH with 0…3 short terms. Everyone is counted by the
 * triggers of 003 rather than by reading the whole index. */
static const char *queries[][N_OPS] = {
  {
    "SELECT sum(n) FROM client_counts WHERE archived = 0 OR ?5",
    PAGE_SELECT COMMON ORDER " LIMIT ?6 OFFSET ?7",
    PAGE_SELECT COMMON " AND " KEY " > (?8, ?9, ?10, ?11)" ORDER " LIMIT ?6",
    "SELECT count(*) FROM clients WHERE " COMMON " AND " KEY " < "
    "(SELECT sort_key, archived, search_key, id FROM clients WHERE id = ?8)",
  },
  QUERIES (PREFIX),
  QUERIES (MATCH),
  QUERIES (MATCH SHORT1),
  QUERIES (MATCH SHORT2),
  QUERIES (MATCH SHORT3),
};

typedef struct
{
  char   *sort_key;
  char   *search_key;
  int     archived;
  gint64  id;
} Cursor;

static void
cursor_free (gpointer data)
{
  Cursor *cursor = data;

  g_free (cursor->sort_key);
  g_free (cursor->search_key);
  g_free (cursor);
}

void
fascia_client_query_free (FasciaClientQuery *query)
{
  g_clear_object (&query->store);
  g_free (query->text);
  g_free (query->end);
  for (guint i = 0; i < query->n_short_terms; i++)
    g_free (query->short_terms[i]);
  g_free (query);
}

static FasciaStoreStmt *
prepare (FasciaClientQuery  *query,
         guint               op,
         GError            **error)
{
  guint kind = query->kind == FASCIA_CLIENT_QUERY_MATCH ? 2 + query->n_short_terms : query->kind;
  FasciaStoreStmt *stmt;

  g_assert (kind < G_N_ELEMENTS (queries));

  stmt = fascia_store_prepare (query->store, queries[kind][op], error);
  if (stmt == NULL)
    return NULL;

  switch (query->kind)
    {
    case FASCIA_CLIENT_QUERY_PREFIX:
      fascia_db_bind_text (stmt, 1, query->text);
      fascia_db_bind_text (stmt, 2, query->end);
      break;
    case FASCIA_CLIENT_QUERY_MATCH:
      fascia_db_bind_text (stmt, 1, query->text);
      for (guint i = 0; i < query->n_short_terms; i++)
        fascia_db_bind_text (stmt, 2 + i, query->short_terms[i]);
      break;
    case FASCIA_CLIENT_QUERY_ALL:
    default:
      break;
    }
  fascia_db_bind_int64 (stmt, 5, query->archived);

  return stmt;
}

static gboolean
count_of (FasciaClientQuery  *query,
          FasciaStoreStmt    *stmt,
          guint              *n,
          GError            **error)
{
  FasciaDbStep rc = fascia_db_step (stmt, error);

  if (rc != FASCIA_DB_ROW)
    return fascia_store_step_failed (rc, error);

  *n = (guint) CLAMP (fascia_db_column_int64 (stmt, 0), 0, G_MAXUINT - 1);
  return TRUE;
}

gboolean
fascia_client_query_count (FasciaClientQuery  *query,
                           guint              *n_clients,
                           GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = prepare (query, OP_COUNT, error);

  return stmt != NULL && count_of (query, stmt, n_clients, error);
}

/* The number of clients the query lists before @client_id; whether the query lists that
 * client at all is for the caller to check. */
gboolean
fascia_client_query_position (FasciaClientQuery  *query,
                              gint64              client_id,
                              guint              *position,
                              GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = prepare (query, OP_POSITION, error);

  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 8, client_id);
  return count_of (query, stmt, position, error);
}

static gboolean
fetch_page (gpointer        user_data,
            guint           offset,
            guint           limit,
            gconstpointer   after,
            GPtrArray      *items,
            gpointer       *cursor_out,
            GError        **error)
{
  FasciaClientQuery *query = user_data;
  const Cursor *last = after;
  g_autoptr(FasciaStoreStmt) stmt = prepare (query, last != NULL ? OP_PAGE_AFTER : OP_PAGE,
                                             error);
  Cursor *cursor;
  FasciaDbStep rc;

  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 6, limit);
  if (last != NULL)
    {
      fascia_db_bind_text (stmt, 8, last->sort_key);
      fascia_db_bind_int64 (stmt, 9, last->archived);
      fascia_db_bind_text (stmt, 10, last->search_key);
      fascia_db_bind_int64 (stmt, 11, last->id);
    }
  else
    fascia_db_bind_int64 (stmt, 7, offset);

  cursor = g_new0 (Cursor, 1);
  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      FasciaClient *client = fascia_store_client_from_row (stmt);

      g_ptr_array_add (items, client);
      g_free (cursor->sort_key);
      g_free (cursor->search_key);
      cursor->sort_key = g_strdup (fascia_store_column_text (stmt, PAGE_COL_SORT_KEY));
      cursor->search_key = g_strdup (fascia_store_column_text (stmt, PAGE_COL_SEARCH_KEY));
      cursor->archived = fascia_client_get_archived (client);
      cursor->id = fascia_client_get_id (client);
    }

  if (rc != FASCIA_DB_DONE || items->len == 0)
    {
      cursor_free (cursor);
      cursor = NULL;
    }
  *cursor_out = cursor;

  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);

  return TRUE;
}

/*
 * fascia_client_list_new:
 * @query: (transfer full): what to list
 *
 * Counts what @query finds and returns the list, which reads its rows a page at a time.
 */
GListModel *
fascia_client_list_new (FasciaClientQuery  *query,
                        GError            **error)
{
  g_autoptr(FasciaClientQuery) owned = query;
  guint n;

  if (!fascia_client_query_count (query, &n, error))
    return NULL;

  return G_LIST_MODEL (fascia_paged_list_new (FASCIA_TYPE_CLIENT, n, fetch_page,
                                              g_steal_pointer (&owned),
                                              (GDestroyNotify) fascia_client_query_free,
                                              cursor_free));
}
