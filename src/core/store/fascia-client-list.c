/* fascia-client-list.c — the client search: its SQL, and the paged list it fills.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fascia-client-list.h"
#include "fascia-db-sqlite.h"

/*
 * Every query here reads an index, never the whole table:
 * - everyone: clients_by_name in its own order (the list order);
 * - a prefix: a range of clients_by_name;
 * - a search: the trigram index clients_search (004), then only the rows it found — or,
 *   when it finds many, clients_by_name in list order, each entry checked, until the page
 *   is full (see choose_plan()).
 * A page that follows a page already read starts after that page's last row (a row-value
 * comparison on clients_by_name's key) instead of counting rows with OFFSET.
 *
 * On PostgreSQL the same, with the GIN trigram index of sql-postgresql/004 for a search.
 *
 * Parameters: ?1 the prefix or the MATCH expression (PostgreSQL: LIKE patterns), ?2 the end of the prefix or the first
 * short term, ?3 ?4 further short terms, ?5 whether archived clients count, ?6 LIMIT, ?7
 * OFFSET, ?8–?11 the key to start after, or ?8 the client whose position is wanted, ?12–?15
 * the terms the walk checks, ?16 the rowids found, ?17–?20 the key to stop at, ?21–?23 the
 * second to fourth LIKE pattern (PostgreSQL).
 */

enum {
  OP_COUNT,
  OP_PAGE,
  OP_PAGE_AFTER,
  OP_POSITION,
  OP_COUNT_UPTO,   /* a growing list's first count: at most ?6 rows */
  OP_COUNT_AFTER,  /* how many follow the key ?8–?11, at most ?6 */
  OP_COUNT_RANGE,  /* how many lie after the key ?8–?11 up to the key ?17–?20 */
  OP_HAS,          /* whether the query finds the client ?8 */
  N_OPS
};

enum {
  PAGE_COL_SORT_KEY = 26,  /* the first column after FASCIA_CLIENT_COLUMNS */
  PAGE_COL_SEARCH_KEY,
};

#define COMMON "deleted_at IS NULL AND (archived = 0 OR ?5 = 1)"
#define ORDER " ORDER BY sort_key, archived, search_key, id"
#define KEY "(sort_key, archived, search_key, id)"
#define PAGE_SELECT_FROM "SELECT " FASCIA_CLIENT_COLUMNS ", sort_key, search_key FROM clients"
#define PAGE_SELECT PAGE_SELECT_FROM " WHERE "
#define COUNT(filter) "SELECT count(*) FROM clients WHERE " COMMON filter
#define COUNT_UPTO(filter) \
  "SELECT count(*) FROM (SELECT 1 FROM clients WHERE " COMMON filter " LIMIT ?6) AS found"
#define QUERIES(filter) \
  { \
    COUNT (filter), \
    PAGE_SELECT COMMON filter ORDER " LIMIT ?6 OFFSET ?7", \
    PAGE_SELECT COMMON filter " AND " KEY " > (?8, ?9, ?10, ?11)" ORDER " LIMIT ?6", \
    "SELECT count(*) FROM clients WHERE " COMMON filter " AND " KEY " < " \
    "(SELECT sort_key, archived, search_key, id FROM clients WHERE id = ?8)", \
    COUNT_UPTO (filter), \
    "SELECT count(*) FROM (SELECT 1 FROM clients WHERE " COMMON filter " AND " KEY \
    " > (?8, ?9, ?10, ?11) LIMIT ?6) AS found", \
    "SELECT count(*) FROM clients WHERE " COMMON filter " AND " KEY " > (?8, ?9, ?10, ?11)" \
    " AND " KEY " <= (?17, ?18, ?19, ?20)", \
    "SELECT count(*) FROM clients WHERE " COMMON filter " AND id = ?8", \
  }
#define PREFIX " AND sort_key >= ?1 AND sort_key < ?2"
/* The rowids from the index, then the table: the planner must not walk clients_by_name. */
#define MATCH " AND id IN (SELECT rowid FROM clients_search WHERE clients_search MATCH ?1)"
#define SHORT1 " AND instr(search_key, ?2)"
#define SHORT2 SHORT1 " AND instr(search_key, ?3)"
#define SHORT3 SHORT2 " AND instr(search_key, ?4)"
/* The walk: clients_by_name holds search_key, so a row is checked without reading it. */
#define WALK1 " AND instr(search_key, ?12)"
#define WALK2 WALK1 " AND instr(search_key, ?13)"
#define WALK3 WALK2 " AND instr(search_key, ?14)"
#define WALK4 WALK3 " AND instr(search_key, ?15)"
/* The rowids the trigram index found, read once when the list was made (see choose_plan()),
 * as a JSON array in ?16: the index is not asked again for each page. */
#define IDS " AND id IN (SELECT value FROM json_each(?16))"
/* PostgreSQL: ?1 ?21 ?22 ?23 are the LIKE patterns of the long terms (at most four; a missing
 * one the first again), which the GIN trigram index of sql-postgresql/004 answers; the other
 * terms are checked with strpos(). One LIKE for each pattern: the index answers
 * `search_key LIKE x`, never `LIKE ALL (array)`, which reads every client. Each pattern is a
 * parameter of its own: unpacked from one parameter by an expression, as it was
 * (`(string_to_array(?1, chr(1)))[2]`), the server's generic plan, which a prepared statement
 * runs from its sixth time, computed the patterns again for every row it checked, and the
 * count of a search cost twice what the same LIKEs on parameters cost. */
#define PG_MATCH " AND search_key LIKE ?1 AND search_key LIKE ?21" \
                 " AND search_key LIKE ?22 AND search_key LIKE ?23"
#define PG_SHORT1 " AND strpos(search_key, ?2) > 0"
#define PG_SHORT2 PG_SHORT1 " AND strpos(search_key, ?3) > 0"
#define PG_SHORT3 PG_SHORT2 " AND strpos(search_key, ?4) > 0"
#define PG_WALK1 " AND strpos(search_key, ?12) > 0"
#define PG_WALK2 PG_WALK1 " AND strpos(search_key, ?13) > 0"
#define PG_WALK3 PG_WALK2 " AND strpos(search_key, ?14) > 0"
#define PG_WALK4 PG_WALK3 " AND strpos(search_key, ?15) > 0"
#define COUNT_ALL "SELECT sum(n) FROM client_counts WHERE archived = 0 OR ?5 = 1"

/* By kind: ALL, PREFIX, MATCH with 0…3 short terms, then the walk with 1…4 terms. Everyone
 * is counted by the triggers of 004 rather than by reading the whole index. */
static const char *queries[][N_OPS] = {
  {
    COUNT_ALL,
    PAGE_SELECT COMMON ORDER " LIMIT ?6 OFFSET ?7",
    PAGE_SELECT COMMON " AND " KEY " > (?8, ?9, ?10, ?11)" ORDER " LIMIT ?6",
    "SELECT count(*) FROM clients WHERE " COMMON " AND " KEY " < "
    "(SELECT sort_key, archived, search_key, id FROM clients WHERE id = ?8)",
    "SELECT count(*) FROM (SELECT 1 FROM clients WHERE " COMMON " LIMIT ?6) AS found",
    "SELECT count(*) FROM (SELECT 1 FROM clients WHERE " COMMON " AND " KEY
    " > (?8, ?9, ?10, ?11) LIMIT ?6) AS found",
    "SELECT count(*) FROM clients WHERE " COMMON " AND " KEY " > (?8, ?9, ?10, ?11)"
    " AND " KEY " <= (?17, ?18, ?19, ?20)",
    "SELECT count(*) FROM clients WHERE " COMMON " AND id = ?8",
  },
  QUERIES (PREFIX),
  QUERIES (MATCH),
  QUERIES (MATCH SHORT1),
  QUERIES (MATCH SHORT2),
  QUERIES (MATCH SHORT3),
  QUERIES (WALK1),
  QUERIES (WALK2),
  QUERIES (WALK3),
  QUERIES (WALK4),
  QUERIES (IDS),
  QUERIES (IDS SHORT1),
  QUERIES (IDS SHORT2),
  QUERIES (IDS SHORT3),
  /* The same kinds on PostgreSQL, which reads its GIN index each time. */
  {
    COUNT_ALL,
    PAGE_SELECT COMMON ORDER " LIMIT ?6 OFFSET ?7",
    PAGE_SELECT COMMON " AND " KEY " > (?8, ?9, ?10, ?11)" ORDER " LIMIT ?6",
    "SELECT count(*) FROM clients WHERE " COMMON " AND " KEY " < "
    "(SELECT sort_key, archived, search_key, id FROM clients WHERE id = ?8)",
    "SELECT count(*) FROM (SELECT 1 FROM clients WHERE " COMMON " LIMIT ?6) AS found",
    "SELECT count(*) FROM (SELECT 1 FROM clients WHERE " COMMON " AND " KEY
    " > (?8, ?9, ?10, ?11) LIMIT ?6) AS found",
    "SELECT count(*) FROM clients WHERE " COMMON " AND " KEY " > (?8, ?9, ?10, ?11)"
    " AND " KEY " <= (?17, ?18, ?19, ?20)",
    "SELECT count(*) FROM clients WHERE " COMMON " AND id = ?8",
  },
  QUERIES (PREFIX),
  QUERIES (PG_MATCH),
  QUERIES (PG_MATCH PG_SHORT1),
  QUERIES (PG_MATCH PG_SHORT2),
  QUERIES (PG_MATCH PG_SHORT3),
  QUERIES (PG_WALK1),
  QUERIES (PG_WALK2),
  QUERIES (PG_WALK3),
  QUERIES (PG_WALK4),
  QUERIES (PG_MATCH),
  QUERIES (PG_MATCH PG_SHORT1),
  QUERIES (PG_MATCH PG_SHORT2),
  QUERIES (PG_MATCH PG_SHORT3),
};

#define N_KINDS 14

/* The server's stamp of changes to clients (sql-postgresql/015), and whether this connection's
 * transaction has written anything, which the stamp does not show until it commits. */
#define SERVER_STAMP \
  "SELECT sum(stamp)::bigint, pg_current_xact_id_if_assigned() IS NOT NULL FROM client_changes"
static const char server_stamp_sql[] = SERVER_STAMP;

/* A search's count on a server with the stamp, in one statement and one snapshot: columns 1
 * and 2 as SERVER_STAMP's 0 and 1 (see choose_server_plan()). By the number of short terms;
 * OP_COUNT, then OP_COUNT_UPTO. */
#define STAMPED(count) "SELECT * FROM (" count ") AS counted, (" SERVER_STAMP ") AS stamped"
#define STAMPED_COUNTS(filter) { STAMPED (COUNT (filter)), STAMPED (COUNT_UPTO (filter)) }
static const char *stamped_counts[][2] = {
  STAMPED_COUNTS (PG_MATCH),
  STAMPED_COUNTS (PG_MATCH PG_SHORT1),
  STAMPED_COUNTS (PG_MATCH PG_SHORT2),
  STAMPED_COUNTS (PG_MATCH PG_SHORT3),
};

enum {
  KIND_MATCH = 2,
  KIND_WALK = 6,
  KIND_IDS = 10,
};

/* A growing list's count in the background reads this many entries of clients_by_name a
 * step, in a worker: each step is a bounded piece of work between which the count can be
 * cancelled (and tells the list how far it got), whatever the clinic's size. */
#define SCAN_STEP 4096

/* Where a step ends: the entry SCAN_STEP on from the key ?8–?11 (?7 = SCAN_STEP - 1) among
 * every client listed (or, for a prefix, every one in its range), found or not. */
#define SCAN_END "SELECT sort_key, archived, search_key, id FROM clients WHERE " COMMON
#define SCAN_END_AFTER " AND " KEY " > (?8, ?9, ?10, ?11)" ORDER " LIMIT 1 OFFSET ?7"
static const char *scan_end_sql[] = {
  SCAN_END SCAN_END_AFTER,
  SCAN_END PREFIX SCAN_END_AFTER,
};

/* The most rowids kept from the trigram index: past this many, the walk reads the rows. */
#define MAX_IDS 4096

/* The walk tried within its first ?6 entries of clients_by_name: how many of them the terms
 * find, up to ?7 (see probe_walk()). From the index alone. */
#define PROBE_WALK(walk) \
  "SELECT count(*) FROM (SELECT 1 FROM (SELECT search_key FROM clients WHERE " COMMON ORDER \
  " LIMIT ?6) WHERE 1" walk " LIMIT ?7) AS found"
static const char *probe_sql[] = {
  PROBE_WALK (WALK1), PROBE_WALK (WALK2), PROBE_WALK (WALK3), PROBE_WALK (WALK4),
};

/* The clients the index finds (the archived among them), whoever they are. */
static const char fts_rowids_sql[] =
  "SELECT rowid FROM clients_search WHERE clients_search MATCH ?1";
static const char counts_sql[] =
  "SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE archived = 1), 0) "
  "FROM client_counts";
/* How many archived clients hold every term, from clients_archived (006) alone. */
static const char *archived_found_sql[] = {
  "SELECT count(*) FROM clients INDEXED BY clients_archived WHERE archived = 1 AND deleted_at IS NULL" WALK1,
  "SELECT count(*) FROM clients INDEXED BY clients_archived WHERE archived = 1 AND deleted_at IS NULL" WALK2,
  "SELECT count(*) FROM clients INDEXED BY clients_archived WHERE archived = 1 AND deleted_at IS NULL" WALK3,
  "SELECT count(*) FROM clients INDEXED BY clients_archived WHERE archived = 1 AND deleted_at IS NULL" WALK4,
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

/*
 * Typing only narrows a search: "mar", "marg", "margaret e" each find a part of what the
 * keystroke before found. A search the trigram index finds few clients for (at most MAX_IDS,
 * and at most one client in KEEP_SHARE) reads every client it finds once, with the keys the
 * list is ordered and searched by, in list order: one query, the index's rowids, each row
 * looked up in the table and sorted, which is what the index plan's first page read anyway
 * (see keep_found()). Those are kept on the store. A later search each of whose terms holds
 * one of that search's terms finds a part of them: it checks each kept client's search_key
 * for its terms in memory, the same test as instr(), and reads only the page shown, by id —
 * no index, no count, no sort (see narrow_found()).
 *
 * What is kept is dropped when the database changes: this connection's own changes
 * (sqlite3_total_changes64(), triggers included, rolled back or not) and the commits of any
 * other connection (PRAGMA data_version) are read before each search that could use it. On a
 * clinic server, its stamp of changes to clients instead (see choose_server_plan()).
 */
#define KEEP_SHARE 16

typedef struct _FasciaClientsFound
{
  FasciaDb  *db;            /* the connection it was read on: compared, never used */
  gint64     changes;
  gint64     data_version;
  gboolean   archived;
  char      *terms[FASCIA_CLIENT_QUERY_MAX_TERMS];
  guint      n_terms;
  GPtrArray *rows;          /* Cursor, in list order */
} FasciaClientsFound;

static void
found_clear (gpointer data)
{
  FasciaClientsFound *found = data;

  for (guint i = 0; i < found->n_terms; i++)
    g_free (found->terms[i]);
  g_ptr_array_unref (found->rows);
}

/* Atomic: a kept search read in a worker (see KeepLater) may be let go of there. */
static void
found_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, found_clear);
}

static GQuark
found_quark (void)
{
  return g_quark_from_static_string ("fascia-clients-found");
}

/* Whether @search_key holds every term: instr() on folded text, which is valid UTF-8, where a
 * match of bytes is a match of characters. */
static gboolean
has_terms (const char         *search_key,
           char * const       *terms,
           guint               n_terms)
{
  for (guint i = 0; i < n_terms; i++)
    if (strstr (search_key, terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void walk_drop (gpointer data);

void
fascia_client_query_free (FasciaClientQuery *query)
{
  g_clear_pointer (&query->walk, walk_drop);
  g_clear_pointer (&query->first_rows, g_ptr_array_unref);
  g_clear_object (&query->store);
  g_free (query->typed);
  g_free (query->text);
  g_free (query->end);
  g_free (query->ids);
  for (guint i = 0; i < query->n_short_terms; i++)
    g_free (query->short_terms[i]);
  for (guint i = 0; i < query->n_walk_terms; i++)
    g_free (query->walk_terms[i]);
  for (guint i = 0; i < query->n_like; i++)
    g_free (query->like[i]);
  g_clear_pointer (&query->rows, g_ptr_array_unref);
  g_clear_pointer (&query->found, found_release);
  g_free (query);
}

static gboolean
is_server (FasciaClientQuery *query)
{
  return fascia_db_get_engine (fascia_store_get_db (query->store)) == FASCIA_DB_ENGINE_POSTGRESQL;
}

static gboolean count_of (FasciaClientQuery  *query,
                          FasciaStoreStmt    *stmt,
                          guint              *n,
                          GError            **error);

static FasciaStoreStmt *
prepare_plan (FasciaClientQuery  *query,
              FasciaClientPlan    plan,
              guint               op,
              GError            **error)
{
  gboolean walk = query->kind == FASCIA_CLIENT_QUERY_MATCH && plan == FASCIA_CLIENT_PLAN_WALK;
  gboolean ids = query->ids != NULL && !walk;
  guint kind = query->kind != FASCIA_CLIENT_QUERY_MATCH ? (guint) query->kind
               : walk ? KIND_WALK + query->n_walk_terms - 1
               : ids ? KIND_IDS + query->n_short_terms
               : KIND_MATCH + query->n_short_terms;
  FasciaStoreStmt *stmt;

  if (is_server (query))
    kind += N_KINDS;

  g_assert (kind < G_N_ELEMENTS (queries));

  /* A search by the trigram index on a server: planned for its terms each time (see
   * fascia_store_prepare_planned()), so that the server walks the name index for a term most
   * clients hold. */
  if (query->stamp_with_count && is_server (query) && query->kind == FASCIA_CLIENT_QUERY_MATCH
      && !walk && (op == OP_COUNT || op == OP_COUNT_UPTO))
    {
      g_assert (query->n_short_terms < G_N_ELEMENTS (stamped_counts));
      stmt = fascia_store_prepare_planned (query->store,
                                           stamped_counts[query->n_short_terms]
                                                         [op == OP_COUNT ? 0 : 1],
                                           error);
      query->count_stamped = stmt != NULL;
    }
  else
    stmt = query->kind == FASCIA_CLIENT_QUERY_MATCH && !walk && is_server (query)
           ? fascia_store_prepare_planned (query->store, queries[kind][op], error)
           : fascia_store_prepare (query->store, queries[kind][op], error);
  if (stmt == NULL)
    return NULL;

  switch (query->kind)
    {
    case FASCIA_CLIENT_QUERY_PREFIX:
      fascia_db_bind_text (stmt, 1, query->text);
      fascia_db_bind_text (stmt, 2, query->end);
      break;
    case FASCIA_CLIENT_QUERY_MATCH:
      if (walk)
        {
          for (guint i = 0; i < query->n_walk_terms; i++)
            fascia_db_bind_text (stmt, 12 + i, query->walk_terms[i]);
          break;
        }
      if (ids)
        fascia_db_bind_text (stmt, 16, query->ids);
      else if (query->n_like > 0)
        {
          fascia_db_bind_text (stmt, 1, query->like[0]);
          for (guint i = 1; i < G_N_ELEMENTS (query->like); i++)
            fascia_db_bind_text (stmt, 20 + i,
                                 query->like[i < query->n_like ? i : 0]);
        }
      else
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

static FasciaStoreStmt *
prepare (FasciaClientQuery  *query,
         guint               op,
         GError            **error)
{
  return prepare_plan (query, query->plan, op, error);
}

static gboolean
read_counts (FasciaClientQuery  *query,
             const char         *sql,
             gint64             *first,
             gint64             *second,
             GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store, sql, error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (archived_found_sql); i++)
    if (sql == archived_found_sql[i])
      for (guint t = 0; t < query->n_walk_terms; t++)
        fascia_db_bind_text (stmt, 12 + t, query->walk_terms[t]);
  rc = fascia_db_step (stmt, error);
  if (rc != FASCIA_DB_ROW)
    return fascia_store_step_failed (rc, error);

  *first = fascia_db_column_int64 (stmt, 0);
  if (second != NULL)
    *second = fascia_db_column_int64 (stmt, 1);
  return TRUE;
}

/* Counts the clients the trigram index finds, and keeps their rowids (as JSON) when they are
 * few enough for the index plan to read them again for each page. */
static gboolean
read_found (FasciaClientQuery  *query,
            gint64              max_ids,
            gint64             *found,
            GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store, fts_rowids_sql, error);
  g_autoptr(GString) ids = g_string_new ("[");
  FasciaDbStep rc;
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_text (stmt, 1, query->text);
  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      /* A growing list needs only to know that there are more than it keeps. */
      if (query->growing && n > max_ids)
        {
          rc = FASCIA_DB_DONE;
          break;
        }
      if (n < max_ids)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, n > 0 ? "," : "",
                                fascia_db_column_int64 (stmt, 0));
      n++;
    }
  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);

  g_string_append_c (ids, ']');
  g_clear_pointer (&query->ids, g_free);
  if (n <= max_ids)
    query->ids = g_string_free (g_steal_pointer (&ids), FALSE);
  *found = n;
  return TRUE;
}

/* The clients of the rowids ?16, looked up by rowid: NOT INDEXED, for else, with no
 * statistics (a database never analysed), SQLite walks clients_by_name in list order to spare
 * the sort and checks each entry against the list, every client for a few found spread along
 * it. The rowid is still a rowid. */
static const char kept_sql[] =
  "SELECT id, sort_key, archived, search_key FROM clients NOT INDEXED WHERE " COMMON IDS ORDER;
static const char kept_page_sql[] =
  PAGE_SELECT_FROM " NOT INDEXED WHERE " COMMON IDS ORDER " LIMIT ?6";
/* The same on a clinic server: the ids ?16, a JSON array, looked up by the primary key, then
 * sorted. Materialized: else the server may walk clients_by_name in list order, to spare the
 * sort, and check every entry against the ids, as SQLite did. The columns read are named, not
 * `*`: the front desk may read only the contact columns (fascia_store_contact_columns(), which
 * stand in for FASCIA_CLIENT_COLUMNS in both lists, the others as their empty values). */
static const char server_kept_page_sql[] =
  "WITH kept AS MATERIALIZED (SELECT " FASCIA_CLIENT_COLUMNS ", sort_key, search_key, "
  "deleted_at FROM clients WHERE id = ANY (ARRAY ("
  "SELECT json_array_elements_text (CAST(?16 AS json))::bigint))) "
  "SELECT " FASCIA_CLIENT_COLUMNS ", sort_key, search_key FROM kept WHERE " COMMON ORDER
  " LIMIT ?6";
/* Every client the walk's terms ?12–?15 find, in list order: clients_by_name from its first
 * entry to its last, read from the index alone. In a worker only (see walk_later()). */
#define WALKED(walk) "SELECT id FROM clients WHERE " COMMON walk ORDER
static const char *walked_sql[] = {
  WALKED (WALK1), WALKED (WALK2), WALKED (WALK3), WALKED (WALK4),
};

/* The state of the database a kept search was read in (see FasciaClientsFound). */
static gboolean
read_stamp (FasciaClientQuery  *query,
            gint64             *changes,
            gint64             *data_version,
            GError            **error)
{
  FasciaDb *db = fascia_store_get_db (query->store);
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store, "PRAGMA data_version",
                                                          error);
  FasciaDbStep rc;

  if (stmt == NULL)
    return FALSE;
  rc = fascia_db_step (stmt, error);
  if (rc != FASCIA_DB_ROW)
    return fascia_store_step_failed (rc, error);
  *data_version = fascia_db_column_int64 (stmt, 0);
  *changes = sqlite3_total_changes64 (fascia_db_sqlite_get_handle (db));
  return TRUE;
}

/* Whether @query finds a part of what @found holds, read in the same state of the database. */
static gboolean
found_covers (FasciaClientsFound *found,
              FasciaClientQuery  *query,
              gint64              changes,
              gint64              data_version)
{
  if (found->db != fascia_store_get_db (query->store) || found->changes != changes
      || found->data_version != data_version || found->archived != query->archived)
    return FALSE;
  /* Every client that holds each of @query's terms holds each of the kept search's terms. */
  for (guint i = 0; i < found->n_terms; i++)
    {
      gboolean held = FALSE;

      for (guint t = 0; t < query->n_walk_terms && !held; t++)
        held = strstr (query->walk_terms[t], found->terms[i]) != NULL;
      if (!held)
        return FALSE;
    }
  return TRUE;
}

/* Whether @query finds a part of what the search kept on the store found, were the database
 * still as it was read (on a server, as its stamp then said). */
static gboolean
may_narrow (FasciaClientQuery *query)
{
  FasciaClientsFound *found = g_object_get_qdata (G_OBJECT (query->store), found_quark ());

  return found != NULL && found_covers (found, query, found->changes, found->data_version);
}

/* The clients found by the search kept on the store, if @query finds a part of them and the
 * database has not changed since: @query's rows are those of them that hold its terms. */
static gboolean
narrow_found (FasciaClientQuery *query,
              gint64             changes,
              gint64             data_version)
{
  FasciaClientsFound *found = g_object_get_qdata (G_OBJECT (query->store), found_quark ());

  if (found == NULL)
    return FALSE;
  if (found->db != fascia_store_get_db (query->store) || found->changes != changes
      || found->data_version != data_version)
    {
      g_object_set_qdata (G_OBJECT (query->store), found_quark (), NULL);
      return FALSE;
    }
  if (!found_covers (found, query, changes, data_version))
    return FALSE;

  query->found = g_atomic_rc_box_acquire (found);
  query->rows = g_ptr_array_new ();
  for (guint i = 0; i < found->rows->len; i++)
    {
      Cursor *row = g_ptr_array_index (found->rows, i);

      if (has_terms (row->search_key, query->walk_terms, query->n_walk_terms))
        g_ptr_array_add (query->rows, row);
    }
  return TRUE;
}

/* An empty kept search, stamped with the state of the database @query's rowids were read in. */
static FasciaClientsFound *
found_new (FasciaClientQuery *query,
           gint64             changes,
           gint64             data_version)
{
  FasciaClientsFound *found = g_atomic_rc_box_new0 (FasciaClientsFound);

  found->db = fascia_store_get_db (query->store);
  found->changes = changes;
  found->data_version = data_version;
  found->archived = query->archived;
  found->rows = g_ptr_array_new_with_free_func (cursor_free);
  for (guint i = 0; i < query->n_walk_terms; i++)
    found->terms[found->n_terms++] = g_strdup (query->walk_terms[i]);
  return found;
}

/* Every client of the rowids @ids (JSON) that holds @found's terms, with its keys, in list
 * order, into @found: one query, on @store's connection (the window's, or a worker's). */
static gboolean
read_kept (FasciaStore         *store,
           const char          *ids,
           FasciaClientsFound  *found,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (store, kept_sql, error);
  FasciaDbStep rc;
  guint n = 0;

  if (stmt == NULL)
    return FALSE;
  fascia_db_bind_int64 (stmt, 5, found->archived);
  fascia_db_bind_text (stmt, 16, ids);

  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      const char *search_key = fascia_store_column_text (stmt, 3);
      Cursor *row;

      /* A worker's, replaced by another search's: ends as soon as it can. */
      if (++n % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The short terms, which the trigram index cannot check. */
      if (!has_terms (search_key, found->terms, found->n_terms))
        continue;
      row = g_new0 (Cursor, 1);
      row->id = fascia_db_column_int64 (stmt, 0);
      row->sort_key = g_strdup (fascia_store_column_text (stmt, 1));
      row->archived = (int) fascia_db_column_int64 (stmt, 2);
      row->search_key = g_strdup (search_key);
      g_ptr_array_add (found->rows, row);
    }
  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);
  return TRUE;
}

/* Every client found by the rowids in query->ids, with its keys, in list order: one query.
 * Kept on the store for the searches that narrow it. */
static gboolean
keep_found (FasciaClientQuery  *query,
            gint64              changes,
            gint64              data_version,
            GError            **error)
{
  FasciaClientsFound *found = found_new (query, changes, data_version);

  if (!read_kept (query->store, query->ids, found, NULL, error))
    {
      found_release (found);
      return FALSE;
    }

  query->found = found;
  /* Borrowed rows: not g_ptr_array_copy(), whose copy frees its elements as the original. */
  query->rows = g_ptr_array_sized_new (found->rows->len);
  for (guint i = 0; i < found->rows->len; i++)
    g_ptr_array_add (query->rows, g_ptr_array_index (found->rows, i));
  g_object_set_qdata_full (G_OBJECT (query->store), found_quark (),
                           g_atomic_rc_box_acquire (found), found_release);
  return TRUE;
}

/*
 * A search that finds a few thousand clients spread along the list order ("rav", a surname
 * held by one client in 30) is answered best by the walk: its page lies within a few thousand
 * entries of clients_by_name, read in order, where reading every client found for keeping
 * looks each one up in the table (4–6 ms against 1.7–3 ms at 100,000 clients). So such a
 * keystroke is answered by the walk, and the clients it found are read for keeping in a
 * worker, on the store's connection for work in the background, from the rowids this
 * keystroke read from the index: a later keystroke that narrows the search takes them once
 * they are read. They carry the stamp this connection read before the index; read on the
 * other connection afterwards, they are what that stamp saw as long as the stamp still holds
 * when they are used (a change made meanwhile by this connection or committed by another
 * changes it), which narrow_found() checks as for any kept search. Only when this connection
 * has no transaction open, whose changes the worker could not see.
 */
typedef struct _FasciaClientsKeeping
{
  GMutex              lock;
  GCond               cond;
  gboolean            done;         /* under lock */
  gboolean            ok;           /* under lock, once done */
  FasciaClientsFound *found;        /* stamp and terms set here, rows read by the worker */
  char               *ids;
  GCancellable       *cancellable;
  /* Lists waiting for it (GWeakRef *), and the context they wait in: told there once it is
   * read. The context under lock, set when the first list waits; the lists on that thread. */
  GMainContext       *context;
  GPtrArray          *waiting;
  /* A walk for one list (see walk_later()): no rowids, no rows kept; the worker reads the ids
   * of every client found, in list order, and where each of them is (id → position + 1). */
  gboolean            walk;
  GArray             *walked;
  GHashTable         *positions;
} KeepLater;

static void
keep_later_clear (gpointer data)
{
  KeepLater *job = data;

  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  found_release (job->found);
  g_free (job->ids);
  g_object_unref (job->cancellable);
  if (job->context != NULL)
    g_main_context_unref (job->context);
  g_ptr_array_unref (job->waiting);
  g_clear_pointer (&job->positions, g_hash_table_unref);
  g_clear_pointer (&job->walked, g_array_unref);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
keep_later_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, keep_later_clear);
}

/* The store lets go of it: a new one replaced it, or it was taken. Not read yet, it is not. */
static void
keep_later_drop (gpointer data)
{
  KeepLater *job = data;

  g_cancellable_cancel (job->cancellable);
  keep_later_release (job);
}

/* Its list lets go of a walk: not read yet, it is not. */
static void
walk_drop (gpointer data)
{
  keep_later_drop (data);
}

static GQuark
keeping_quark (void)
{
  return g_quark_from_static_string ("fascia-clients-keeping");
}

/* In the worker: the ids of every client @job's terms find, in list order (see walk_later()). */
static gboolean
read_walked (FasciaStore   *store,
             KeepLater     *job,
             GCancellable  *cancellable,
             GError       **error)
{
  FasciaClientsFound *found = job->found;
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  g_autoptr(GArray) walked = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTable *positions;
  FasciaDbStep rc;

  g_assert (found->n_terms >= 1 && found->n_terms <= G_N_ELEMENTS (walked_sql));
  stmt = fascia_store_prepare (store, walked_sql[found->n_terms - 1], error);
  if (stmt == NULL)
    return FALSE;
  fascia_db_bind_int64 (stmt, 5, found->archived);
  for (guint t = 0; t < found->n_terms; t++)
    fascia_db_bind_text (stmt, 12 + t, found->terms[t]);

  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      gint64 id = fascia_db_column_int64 (stmt, 0);

      /* Its list let go of, or the store closed: ends as soon as it can. */
      if (walked->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_array_append_val (walked, id);
    }
  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);

  /* Keyed by the ids in the array, which no longer grows. */
  positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < walked->len; i++)
    g_hash_table_insert (positions, &g_array_index (walked, gint64, i), GUINT_TO_POINTER (i + 1));
  job->positions = positions;
  job->walked = g_steal_pointer (&walked);
  return TRUE;
}

static gboolean kept_later_arrived (gpointer data);

/* In the worker. */
static void
keep_in_worker (FasciaStore  *store,
                gpointer      data,
                GCancellable *cancellable)
{
  KeepLater *job = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  GMainContext *context;

  if (store != NULL
      && fascia_db_get_engine (fascia_store_get_db (store)) == FASCIA_DB_ENGINE_SQLITE)
    {
      ok = job->walk ? read_walked (store, job, cancellable, &error)
                     : read_kept (store, job->ids, job->found, cancellable, &error);
      if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the clients a search found in the background: %s",
                 error->message);
    }

  g_mutex_lock (&job->lock);
  job->ok = ok;
  job->done = TRUE;
  g_cond_broadcast (&job->cond);
  context = job->context != NULL ? g_main_context_ref (job->context) : NULL;
  g_mutex_unlock (&job->lock);

  /* Lists wait for it: they are told on their thread (attached there, never run here as
   * g_main_context_invoke() would when no thread holds the context). */
  if (context != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_HIGH_IDLE);
      g_source_set_callback (source, kept_later_arrived, g_atomic_rc_box_acquire (job),
                             keep_later_release);
      g_source_attach (source, context);
      g_source_unref (source);
      g_main_context_unref (context);
    }
}

/* Whether a search can be kept by the worker: the connection in autocommit, on a file the
 * worker's connection opens too. */
static gboolean
can_keep_later (FasciaClientQuery *query)
{
  sqlite3 *handle = fascia_db_sqlite_get_handle (fascia_store_get_db (query->store));
  const char *file = sqlite3_db_filename (handle, "main");

  return sqlite3_get_autocommit (handle) && file != NULL && *file != '\0'
         && fascia_store_get_keeper (query->store) != NULL;
}

/* Has the worker read what @query finds: the clients of its rowids (query->ids) for keeping,
 * or, for a @walk, the ids of every client it finds. */
static KeepLater *
keep_later_start (FasciaClientQuery *query,
                  gint64             changes,
                  gint64             data_version,
                  gboolean           walk)
{
  KeepLater *job = g_atomic_rc_box_new0 (KeepLater);

  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->found = found_new (query, changes, data_version);
  job->ids = g_strdup (query->ids);
  job->walk = walk;
  job->cancellable = g_cancellable_new ();
  job->waiting = g_ptr_array_new_with_free_func (weak_ref_free);
  fascia_store_run_on_counter (fascia_store_get_keeper (query->store), keep_in_worker,
                               g_atomic_rc_box_acquire (job), keep_later_release,
                               job->cancellable);
  return job;
}

/* Has @query's clients (query->ids) read and kept in the worker, unless the search being
 * read there already holds them. */
static void
keep_later (FasciaClientQuery *query,
            gint64             changes,
            gint64             data_version)
{
  KeepLater *pending = g_object_get_qdata (G_OBJECT (query->store), keeping_quark ());
  KeepLater *job;

  if (pending != NULL && found_covers (pending->found, query, changes, data_version))
    {
      query->kept_later = TRUE;
      return;
    }

  job = keep_later_start (query, changes, data_version, FALSE);
  g_object_set_qdata_full (G_OBJECT (query->store), keeping_quark (), job, keep_later_drop);
  query->kept_later = TRUE;
}

/*
 * A term that finds more clients than are kept (over MAX_IDS) bunched far along the list
 * order (a first name shared by thousands, at 100,000 clients) has no rowids to read them by,
 * and the walk of the name index to the first of them passes every client before it: on the
 * window's thread that cost what the clinic numbers, for a page and again for the count. A
 * growing list (the Clients page's) has the walk done in the worker instead, the whole of it
 * at once, for this list alone: the ids of every client found, in list order, which the list
 * then reads its pages by, as a kept list does. It waits for them with no rows, as a list
 * does for a search read for keeping (see finish_waiting()). Nothing is kept on the store
 * for the keystrokes that narrow it: checking that many clients' keys for each would cost
 * this thread what they number; a newer keystroke reads the index again, and, bunched too,
 * walks in the worker again. A list let go of before its walk is read cancels it.
 */
static void
walk_later (FasciaClientQuery *query,
            gint64             changes,
            gint64             data_version)
{
  g_clear_pointer (&query->ids, g_free);
  query->plan = FASCIA_CLIENT_PLAN_WALK;
  query->walk = keep_later_start (query, changes, data_version, TRUE);
  query->waiting = TRUE;
  query->waiting_changes = changes;
  query->waiting_data_version = data_version;
}

/* A search the worker has read for keeping, once read: kept on the store as if read here. */
static void
take_kept_later (FasciaClientQuery *query)
{
  KeepLater *job = g_object_get_qdata (G_OBJECT (query->store), keeping_quark ());
  gboolean done, ok;

  if (job == NULL)
    return;
  g_mutex_lock (&job->lock);
  done = job->done;
  ok = job->ok;
  g_mutex_unlock (&job->lock);
  if (!done)
    return;
  if (ok)
    g_object_set_qdata_full (G_OBJECT (query->store), found_quark (),
                             g_atomic_rc_box_acquire (job->found), found_release);
  g_object_set_qdata (G_OBJECT (query->store), keeping_quark (), NULL);
}

/* Waits for the search being read for keeping in the worker (on a connection of its own:
 * at most a search before it, cancelled, to end first), and narrows it to @query. */
static gboolean
wait_kept_later (FasciaClientQuery *query,
                 gint64             changes,
                 gint64             data_version)
{
  fascia_client_list_wait_kept (query->store);
  take_kept_later (query);
  return narrow_found (query, changes, data_version);
}

/* For tests: waits until the search being read for keeping in the worker, if any, is read. */
static void
wait_done (KeepLater *job)
{
  if (job == NULL)
    return;
  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
}

void
fascia_client_list_wait_kept (FasciaStore *store)
{
  wait_done (g_object_get_qdata (G_OBJECT (store), keeping_quark ()));
}

/*
 * A growing list (the Clients page's, one a keystroke) does not wait on the window's thread
 * for the worker reading a bunched term's clients: it is made with no rows, growing, and is
 * told on its thread once they are read, when it takes them as a later keystroke would and
 * grows to them at once (fascia_paged_list_counted()). A list let go of meanwhile (a newer
 * keystroke's replaced it) is not told. The list holds what the search found in the state
 * of the database its rowids were read in, as any list holds what it found when made.
 */
/* A list whose walk the worker has done (see walk_later()): its ids are the list. */
static void
finish_walk (FasciaClientQuery *query,
             FasciaPagedList   *list)
{
  KeepLater *job = query->walk;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  guint n = 0;

  g_mutex_lock (&job->lock);
  ok = job->done && job->ok;
  g_mutex_unlock (&job->lock);
  if (ok)
    {
      fascia_paged_list_counted (list, TRUE, job->walked->len);
      return;
    }

  /* The worker could not (its connection failed, or the store is closing): the walk here,
   * as before there was a worker, rather than a list that is never whole. */
  g_clear_pointer (&query->walk, walk_drop);
  ok = fascia_client_query_count (query, &n, &error);
  if (!ok)
    g_warning ("Could not read the clients a search found: %s", error->message);
  fascia_paged_list_counted (list, ok, n);
}

static void
finish_waiting (FasciaPagedList *list)
{
  FasciaClientQuery *query = fascia_paged_list_get_user_data (list);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!query->waiting)
    return;
  query->waiting = FALSE;
  if (query->walk != NULL)
    {
      finish_walk (query, list);
      return;
    }
  take_kept_later (query);
  ok = narrow_found (query, query->waiting_changes, query->waiting_data_version);
  /* The worker could not read them (its connection failed, or it was cancelled): read here. */
  if (!ok && query->ids != NULL)
    ok = keep_found (query, query->waiting_changes, query->waiting_data_version, &error);
  if (!ok)
    g_warning ("Could not read the clients a search found: %s",
               error != NULL ? error->message : "not read");
  fascia_paged_list_counted (list, ok, ok ? query->rows->len : 0);
}

/* On the lists' thread: the worker has read what they wait for. */
static gboolean
kept_later_arrived (gpointer data)
{
  KeepLater *job = data;

  /* A list told may make another that waits for this one: indexed anew each time. */
  for (guint i = 0; i < job->waiting->len; i++)
    {
      g_autoptr(FasciaPagedList) list = g_weak_ref_get (g_ptr_array_index (job->waiting, i));

      if (list != NULL)
        finish_waiting (list);
    }
  g_ptr_array_set_size (job->waiting, 0);
  return G_SOURCE_REMOVE;
}

/* Whether the worker is still reading what @query finds: then the list waits for it. */
static gboolean
must_wait (FasciaClientQuery *query)
{
  KeepLater *job = g_object_get_qdata (G_OBJECT (query->store), keeping_quark ());
  gboolean done;

  if (job == NULL)
    return FALSE;
  g_mutex_lock (&job->lock);
  done = job->done;
  g_mutex_unlock (&job->lock);
  return !done;
}

/* @list, made with no rows, waits for the worker (see finish_waiting()). */
static void
wait_in_list (FasciaClientQuery *query,
              FasciaPagedList   *list)
{
  KeepLater *job = query->walk != NULL ? query->walk
                   : g_object_get_qdata (G_OBJECT (query->store), keeping_quark ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = TRUE;

  fascia_paged_list_set_counting (list, cancellable);
  if (job != NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, list);
      g_ptr_array_add (job->waiting, ref);
      g_mutex_lock (&job->lock);
      done = job->done;
      if (!done && job->context == NULL)
        job->context = g_main_context_ref_thread_default ();
      g_mutex_unlock (&job->lock);
    }
  /* Read meanwhile: taken now. */
  if (done)
    finish_waiting (list);
}

/*
 * fascia_client_list_finish:
 * @list: a list of fascia_client_list_new()
 *
 * A list that waits for what a worker reads has it at once: waits for the worker. For what
 * must be answered now (Enter opens the first client found), and tests.
 */
void
fascia_client_list_finish (GListModel *list)
{
  FasciaClientQuery *query;

  g_return_if_fail (FASCIA_IS_PAGED_LIST (list));

  query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (list));
  if (!query->waiting)
    return;
  if (query->walk != NULL)
    wait_done (query->walk);
  else
    fascia_client_list_wait_kept (query->store);
  finish_waiting (FASCIA_PAGED_LIST (list));
}

/*
 * A search for a common piece of text ("ann", "@example.org") finds thousands of clients,
 * and the list shows the first of them in name order. Reading every client the index found
 * to sort them costs what they number; walking clients_by_name in order and checking each
 * entry (it holds search_key) until a page is full costs about a page times the share of
 * clients that match. So: few found, the index and a sort; many found, the walk. The
 * crossover is where found² ≈ page × clients × (an index entry checked ÷ a row looked up),
 * a ratio measured at about a quarter (tests/bench/bench-clients-search.c). Both give the
 * same rows in the same order.
 *
 * The length of the list comes from the trigram index alone when that is exact (no short
 * terms to check, no archived clients to leave out). With no short terms, the archived
 * clients that hold every term are counted apart from clients_archived (006) and taken away,
 * when they are fewer than the index found: counting the rest would look up every client
 * found, at random across the table, which costs more than all the rest of a keystroke.
 * Otherwise the length comes from whichever of the two plans reads less.
 */
/* A growing list's first count: up to FASCIA_CLIENT_LIST_BOUND rows, and whether there are
 * more (counted in the background, see count_step()). */
static gboolean
count_bounded (FasciaClientQuery  *query,
               guint              *n,
               gboolean           *more,
               GError            **error)
{
  /* Any rows will do, in no order: on SQLite a search the trigram index finds too often
   * for its rowids to be kept walks the clients, which stops at the bound, rather than
   * reading every rowid the index holds. */
  FasciaClientPlan plan = query->kind == FASCIA_CLIENT_QUERY_MATCH && query->ids == NULL
                          && !is_server (query) ? FASCIA_CLIENT_PLAN_WALK : query->plan;
  g_autoptr(FasciaStoreStmt) stmt = prepare_plan (query, plan, OP_COUNT_UPTO, error);
  guint counted;

  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 6, FASCIA_CLIENT_LIST_BOUND + 1);
  if (!count_of (query, stmt, &counted, error))
    return FALSE;

  *more = counted > FASCIA_CLIENT_LIST_BOUND;
  *n = MIN (counted, FASCIA_CLIENT_LIST_BOUND);
  return TRUE;
}

/* The most entries the walk is tried on: on the window's thread, where an even spread of a
 * term found by a few thousand clients among 100,000 would have it read 20,000 entries, and
 * more as the clinic grows. A term the walk does not find within them is read as a bunched
 * one is: its rowids sorted, or in the worker. */
#define PROBE_MAX 8192

/*
 * The walk is worth its cost only when what the terms find is spread along the list order:
 * then @need of them lie within the first need × total ÷ found entries. A term that finds
 * clients bunched together in name order (a first name: every "Margaret" sorts together)
 * lies far along it, and a walk to them read tens of thousands of entries — twice, for the
 * count and for the page — where the index plan reads the few thousand rows found. So the
 * walk is tried on its first entries, twice as many as an even spread needs, and taken only
 * when it finds @need there (and within PROBE_MAX entries). Sets @counted to what it found
 * there, at most @need.
 */
static gboolean
probe_walk (FasciaClientQuery  *query,
            gint64              total,
            gint64              found,
            guint               need,
            guint              *counted,
            GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  gint64 entries;

  g_assert (query->n_walk_terms >= 1 && query->n_walk_terms <= G_N_ELEMENTS (probe_sql));
  entries = (gint64) MIN (MIN ((double) total, 2.0 * need * total / MAX (found, 1)),
                          PROBE_MAX) + 1;
  stmt = fascia_store_prepare (query->store, probe_sql[query->n_walk_terms - 1], error);
  if (stmt == NULL)
    return FALSE;
  for (guint t = 0; t < query->n_walk_terms; t++)
    fascia_db_bind_text (stmt, 12 + t, query->walk_terms[t]);
  fascia_db_bind_int64 (stmt, 5, query->archived);
  fascia_db_bind_int64 (stmt, 6, entries);
  fascia_db_bind_int64 (stmt, 7, need);
  query->n_probed += (guint) entries;
  return count_of (query, stmt, counted, error);
}

/*
 * On a clinic server, typing narrows a search as in a file (see narrow_found()): a search
 * whose list is short (at most FASCIA_CLIENT_LIST_BOUND clients, all of them counted when the
 * list is made) reads its clients' keys once, with its first rows, and keeps them; a later
 * search that narrows it checks them in memory and reads only the page shown, by id. Another
 * therapist may change a client meanwhile: each search reads the server's stamp of changes
 * to clients (sql-postgresql/015), which moves when a transaction that changed one commits —
 * before anything else when what is kept may narrow to it, with its count otherwise — and
 * what was kept is used only while it has not moved. Nothing is kept, or used,
 * while this connection's transaction has written (its changes are not stamped until it
 * commits), or when the stamp cannot be read.
 */
static gboolean
read_server_stamp (FasciaClientQuery *query,
                   gint64            *stamp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store, server_stamp_sql, &error);

  if (stmt == NULL || fascia_db_step (stmt, &error) != FASCIA_DB_ROW)
    {
      g_debug ("Could not read the stamp of changes to clients: %s",
               error != NULL ? error->message : "no row");
      return FALSE;
    }
  *stamp = fascia_db_column_int64 (stmt, 0);
  return fascia_db_column_int64 (stmt, 1) == 0;
}

/* The clients @query finds, @n of them, all counted: their keys read and kept, stamped, with
 * their rows, which the list comes whole with. */
static gboolean
keep_server (FasciaClientQuery  *query,
             guint               n,
             gint64              stamp,
             GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = prepare_plan (query, FASCIA_CLIENT_PLAN_INDEX, OP_PAGE, error);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  FasciaClientsFound *found;
  FasciaDbStep rc;

  if (stmt == NULL)
    return FALSE;
  fascia_db_bind_int64 (stmt, 6, n + 1);
  fascia_db_bind_int64 (stmt, 7, 0);

  found = found_new (query, 0, stamp);
  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      Cursor *row = g_new0 (Cursor, 1);

      g_ptr_array_add (clients, fascia_store_client_from_row (stmt));
      row->id = fascia_db_column_int64 (stmt, 0);
      row->archived = (int) fascia_db_column_int64 (stmt, 12);
      row->sort_key = g_strdup (fascia_store_column_text (stmt, PAGE_COL_SORT_KEY));
      row->search_key = g_strdup (fascia_store_column_text (stmt, PAGE_COL_SEARCH_KEY));
      g_ptr_array_add (found->rows, row);
    }
  /* Changed between the count and this read: not kept, the list is as counted. */
  if (rc != FASCIA_DB_DONE || found->rows->len != n)
    {
      found_release (found);
      return rc == FASCIA_DB_DONE || fascia_store_step_failed (rc, error);
    }

  query->found = found;
  query->rows = g_ptr_array_sized_new (found->rows->len);
  for (guint i = 0; i < found->rows->len; i++)
    g_ptr_array_add (query->rows, g_ptr_array_index (found->rows, i));
  /* Read whole: the list needs no page of its own. */
  query->first_rows = g_steal_pointer (&clients);
  g_object_set_qdata_full (G_OBJECT (query->store), found_quark (),
                           g_atomic_rc_box_acquire (found), found_release);
  return TRUE;
}

/* A search on a clinic server: narrowed from what was kept, or counted and, when short, kept. */
static gboolean
choose_server_plan (FasciaClientQuery  *query,
                    guint              *n_clients,
                    gboolean           *more,
                    GError            **error)
{
  gint64 stamp = 0;
  gboolean stamped = FALSE, counted;

  *more = FALSE;
  if (query->kind != FASCIA_CLIENT_QUERY_MATCH || query->plan != FASCIA_CLIENT_PLAN_AUTO)
    return query->growing && query->kind != FASCIA_CLIENT_QUERY_ALL
           ? count_bounded (query, n_clients, more, error)
           : fascia_client_query_count (query, n_clients, error);

  /* The stamp is read first, on its own, only when a kept search may narrow to this one: then
   * it is all that is read before the page. Otherwise it comes with the count, in the same
   * statement: one round trip where it was two, as a program on libpq by hand counts. */
  if (may_narrow (query))
    {
      stamped = read_server_stamp (query, &stamp);
      if (stamped && narrow_found (query, 0, stamp))
        {
          *n_clients = query->rows->len;
          return TRUE;
        }
    }
  else
    query->stamp_with_count = TRUE;
  query->count_stamped = FALSE;
  counted = query->growing ? count_bounded (query, n_clients, more, error)
                           : fascia_client_query_count (query, n_clients, error);
  query->stamp_with_count = FALSE;
  if (!counted)
    return FALSE;
  if (query->count_stamped)
    {
      stamped = TRUE;
      stamp = query->count_stamp;
    }
  if (stamped && !*more && *n_clients <= FASCIA_CLIENT_LIST_BOUND)
    return keep_server (query, *n_clients, stamp, error);
  return TRUE;
}

static gboolean
choose_plan (FasciaClientQuery  *query,
             guint              *n_clients,
             gboolean           *more,
             GError            **error)
{
  gint64 found = 0, total = 0, archived = 0;
  gint64 changes = 0, data_version = 0, keep_ids;
  FasciaClientPlan count_plan;
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  gint64 max_ids;

  *more = FALSE;

  if (is_server (query))
    return choose_server_plan (query, n_clients, more, error);

  /* A prefix, or any search on the server (which has no FTS5 index to count from): counted
   * with the index, up to a bound when the list grows. Everyone is counted by the triggers. */
  if (query->growing && query->kind != FASCIA_CLIENT_QUERY_ALL
      && (query->kind != FASCIA_CLIENT_QUERY_MATCH || is_server (query)))
    return count_bounded (query, n_clients, more, error);
  if (query->kind != FASCIA_CLIENT_QUERY_MATCH || is_server (query))
    return fascia_client_query_count (query, n_clients, error);

  /* A search that narrows the one kept reads nothing but the stamp (see narrow_found()). */
  if (query->plan == FASCIA_CLIENT_PLAN_AUTO)
    {
      if (!read_stamp (query, &changes, &data_version, error))
        return FALSE;
      take_kept_later (query);
      if (narrow_found (query, changes, data_version))
        {
          *n_clients = query->rows->len;
          return TRUE;
        }
    }

  /* The rowids are kept only as many as the index plan would read (found² × 4 ≤ page ×
   * clients, below): a search that finds more walks the name index instead. */
  if (!read_counts (query, counts_sql, &total, &archived, error))
    return FALSE;
  max_ids = MIN (MAX_IDS, (gint64) sqrt ((double) FASCIA_PAGED_LIST_PAGE_SIZE * total / 4) + 1);
  /* And as many as a search kept may find (a growing list reads no further than one past). */
  keep_ids = MIN (MAX_IDS, total / KEEP_SHARE);
  if (!read_found (query, query->plan == FASCIA_CLIENT_PLAN_AUTO ? MAX (max_ids, keep_ids)
                                                                 : max_ids, &found, error))
    return FALSE;

  /* Few found: every one of them read once, in list order, and kept for the keystrokes
   * that narrow the search. */
  if (query->plan == FASCIA_CLIENT_PLAN_AUTO && query->ids != NULL && found <= keep_ids)
    {
      /* Unless they are many and spread along the list order: then the walk answers this
       * keystroke, and they are read for keeping in the worker (see KeepLater). */
      if (found > max_ids && can_keep_later (query))
        {
          /* The index's count is exact: the walk is tried for the page alone. */
          gboolean exact = query->n_short_terms == 0 && (query->archived || archived == 0);
          guint need = query->growing && !exact ? FASCIA_CLIENT_LIST_BOUND + 1
                                                : FASCIA_PAGED_LIST_PAGE_SIZE;
          guint counted = 0;

          /* The worker reads them while the walk is tried here. */
          keep_later (query, changes, data_version);
          if (!probe_walk (query, total, found, need, &counted, error))
            return FALSE;
          if (counted >= need)
            {
              g_clear_pointer (&query->ids, g_free);
              query->plan = FASCIA_CLIENT_PLAN_WALK;
              if (exact)
                {
                  *n_clients = (guint) CLAMP (found, 0, G_MAXUINT - 1);
                  return TRUE;
                }
              if (query->growing)
                {
                  *more = TRUE;
                  *n_clients = FASCIA_CLIENT_LIST_BOUND;
                  return TRUE;
                }
              goto counted;
            }
          /* Bunched far along the list order (a first name): what the worker has been reading
           * meanwhile is this list. A growing list waits for it with no rows rather than
           * this thread (see finish_waiting()); another waits here. */
          if (query->kept_later && query->growing && must_wait (query))
            {
              query->kept_later = FALSE;
              query->waiting = TRUE;
              query->waiting_changes = changes;
              query->waiting_data_version = data_version;
              *n_clients = 0;
              return TRUE;
            }
          if (query->kept_later && wait_kept_later (query, changes, data_version))
            {
              query->kept_later = FALSE;
              *n_clients = query->rows->len;
              return TRUE;
            }
          query->kept_later = FALSE;
        }
      if (!keep_found (query, changes, data_version, error))
        return FALSE;
      *n_clients = query->rows->len;
      return TRUE;
    }
  /* Else as if no more than the index plan would read were read: no rowids, and a growing
   * list's count of them stopped one past. */
  if (found > max_ids)
    {
      g_clear_pointer (&query->ids, g_free);
      if (query->growing)
        found = max_ids + 1;
    }

  if (query->plan == FASCIA_CLIENT_PLAN_AUTO)
    {
      query->plan = (double) found * found * 4 > (double) FASCIA_PAGED_LIST_PAGE_SIZE * total
                    ? FASCIA_CLIENT_PLAN_WALK : FASCIA_CLIENT_PLAN_INDEX;

      /* The walk, where what is found is spread out; else the index, when it found few
       * enough for their rowids to be kept. A growing list's first count is the walk's own,
       * up to the bound. */
      if (query->plan == FASCIA_CLIENT_PLAN_WALK)
        {
          guint need = query->growing ? FASCIA_CLIENT_LIST_BOUND + 1 : FASCIA_PAGED_LIST_PAGE_SIZE;
          guint counted = 0;

          if (!probe_walk (query, total, found, need, &counted, error))
            return FALSE;
          if (counted >= need && query->growing)
            {
              *more = TRUE;
              *n_clients = FASCIA_CLIENT_LIST_BOUND;
              return TRUE;
            }
          if (counted < need && found > max_ids && max_ids < MAX_IDS)
            {
              max_ids = MAX_IDS;
              if (!read_found (query, max_ids, &found, error))
                return FALSE;
            }
          if (counted < need && found <= max_ids)
            query->plan = FASCIA_CLIENT_PLAN_INDEX;
          /* Too many to keep, and bunched where the walk to them passes thousands of others:
           * a growing list has the walk done in the worker (see walk_later()). */
          else if (counted < need && query->growing && can_keep_later (query))
            {
              walk_later (query, changes, data_version);
              *n_clients = 0;
              return TRUE;
            }
        }
    }

counted:
  /* A growing list stopped reading the index past the rowids it keeps: the walk counts the
   * first rows in list order, and the rest as they are reached. */
  if (query->growing && found > max_ids)
    return count_bounded (query, n_clients, more, error);

  if (query->n_short_terms == 0 && (query->archived || archived == 0))
    {
      *n_clients = (guint) CLAMP (found, 0, G_MAXUINT - 1);
      return TRUE;
    }

  if (query->n_short_terms == 0 && !query->archived && archived <= found)
    {
      gint64 archived_found = 0;

      g_assert (query->n_walk_terms >= 1 && query->n_walk_terms <= G_N_ELEMENTS (archived_found_sql));
      if (!read_counts (query, archived_found_sql[query->n_walk_terms - 1], &archived_found,
                        NULL, error))
        return FALSE;
      *n_clients = (guint) CLAMP (found - archived_found, 0, G_MAXUINT - 1);
      return TRUE;
    }

  count_plan = found * 3 > total ? FASCIA_CLIENT_PLAN_WALK : FASCIA_CLIENT_PLAN_INDEX;
  stmt = prepare_plan (query, count_plan, OP_COUNT, error);
  return stmt != NULL && count_of (query, stmt, n_clients, error);
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
  if (query->count_stamped)
    {
      /* Read with the count (see choose_server_plan()): kept only while nothing written. */
      query->count_stamp = fascia_db_column_int64 (stmt, 1);
      query->count_stamped = fascia_db_column_int64 (stmt, 2) == 0;
    }
  return TRUE;
}

gboolean
fascia_client_query_count (FasciaClientQuery  *query,
                           guint              *n_clients,
                           GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = NULL;

  if (query->rows != NULL || query->walk != NULL)
    {
      *n_clients = query->waiting ? 0 : query->rows != NULL ? query->rows->len
                                      : query->walk->walked->len;
      return TRUE;
    }

  stmt = prepare (query, OP_COUNT, error);

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
  g_autoptr(FasciaStoreStmt) stmt = NULL;

  /* A list waiting for its rows holds no one yet. */
  if (query->waiting)
    {
      *position = 0;
      return TRUE;
    }

  /* A kept list: where the client is among the rows, or, as the query would count, among
   * those before it in list order when the list does not hold it. */
  if (query->rows != NULL)
    {
      for (guint i = 0; i < query->rows->len; i++)
        if (((Cursor *) g_ptr_array_index (query->rows, i))->id == client_id)
          {
            *position = i;
            return TRUE;
          }
      *position = query->rows->len;
      return TRUE;
    }
  /* A walked list: where the client is, or its end when it does not hold it. */
  if (query->walk != NULL)
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (query->walk->positions, &client_id));

      *position = found > 0 ? found - 1 : query->walk->walked->len;
      return TRUE;
    }

  stmt = prepare (query, OP_POSITION, error);
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 8, client_id);
  return count_of (query, stmt, position, error);
}

/* Whether the query finds @client_id: one row looked up, the terms checked on it. */
gboolean
fascia_client_query_has (FasciaClientQuery  *query,
                         gint64              client_id,
                         gboolean           *has,
                         GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  guint n;

  if (query->waiting)
    {
      *has = FALSE;
      return TRUE;
    }
  if (query->rows != NULL)
    {
      *has = FALSE;
      for (guint i = 0; i < query->rows->len && !*has; i++)
        *has = ((Cursor *) g_ptr_array_index (query->rows, i))->id == client_id;
      return TRUE;
    }
  if (query->walk != NULL)
    {
      *has = g_hash_table_contains (query->walk->positions, &client_id);
      return TRUE;
    }

  stmt = prepare_plan (query, FASCIA_CLIENT_PLAN_WALK, OP_HAS, error);
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 8, client_id);
  if (!count_of (query, stmt, &n, error))
    return FALSE;
  *has = n > 0;
  return TRUE;
}

/* A page of a kept or walked list: its rows by id, in list order. */
static gboolean
fetch_kept (FasciaClientQuery  *query,
            guint               offset,
            guint               limit,
            GPtrArray          *items,
            GError            **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store,
                                                          is_server (query) ? server_kept_page_sql
                                                                            : kept_page_sql,
                                                          error);
  g_autoptr(GString) ids = g_string_new ("[");
  guint n = query->rows != NULL ? query->rows->len : query->walk->walked->len;
  FasciaDbStep rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = offset; i < MIN (offset + limit, n); i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > offset ? "," : "",
                            query->rows != NULL
                            ? ((Cursor *) g_ptr_array_index (query->rows, i))->id
                            : g_array_index (query->walk->walked, gint64, i));
  g_string_append_c (ids, ']');
  fascia_db_bind_int64 (stmt, 5, query->archived);
  fascia_db_bind_int64 (stmt, 6, limit);
  fascia_db_bind_text (stmt, 16, ids->str);

  while ((rc = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    g_ptr_array_add (items, fascia_store_client_from_row (stmt));
  if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);
  return TRUE;
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
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  Cursor *cursor;
  FasciaDbStep rc;

  if (query->rows != NULL || query->walk != NULL)
    {
      *cursor_out = NULL;
      return fetch_kept (query, offset, limit, items, error);
    }

  stmt = prepare (query, last != NULL ? OP_PAGE_AFTER : OP_PAGE, error);
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

static void
bind_key (FasciaStoreStmt *stmt,
          int              first,
          const Cursor    *key)
{
  /* No key: before every client (sort_key is never NULL, archived never negative). */
  fascia_db_bind_text (stmt, first, key != NULL ? key->sort_key : "");
  fascia_db_bind_int64 (stmt, first + 1, key != NULL ? key->archived : -1);
  fascia_db_bind_text (stmt, first + 2, key != NULL ? key->search_key : "");
  fascia_db_bind_int64 (stmt, first + 3, key != NULL ? key->id : 0);
}

/* One step of a growing list's count in the background: the next SCAN_STEP entries of
 * clients_by_name in list order (a range of it for a prefix), and how many of them the
 * query finds, each checked in the index as the walk does. Two queries that each read at
 * most a step of the index, however many clients there are and however few are found. */
static gboolean
count_step (gpointer   user_data,
            gpointer  *scanned,
            guint     *n_found,
            gboolean  *done,
            GError   **error)
{
  FasciaClientQuery *query = user_data;
  Cursor *from = *scanned, *to = NULL;
  g_autoptr(FasciaStoreStmt) end = NULL;
  g_autoptr(FasciaStoreStmt) count = NULL;
  FasciaDbStep rc;
  guint n;

  end = fascia_store_prepare (query->store,
                              scan_end_sql[query->kind == FASCIA_CLIENT_QUERY_PREFIX], error);
  if (end == NULL)
    return FALSE;
  if (query->kind == FASCIA_CLIENT_QUERY_PREFIX)
    {
      fascia_db_bind_text (end, 1, query->text);
      fascia_db_bind_text (end, 2, query->end);
    }
  fascia_db_bind_int64 (end, 5, query->archived);
  fascia_db_bind_int64 (end, 7, SCAN_STEP - 1);
  bind_key (end, 8, from);
  rc = fascia_db_step (end, error);
  if (rc == FASCIA_DB_ROW)
    {
      to = g_new0 (Cursor, 1);
      to->sort_key = g_strdup (fascia_store_column_text (end, 0));
      to->archived = (int) fascia_db_column_int64 (end, 1);
      to->search_key = g_strdup (fascia_store_column_text (end, 2));
      to->id = fascia_db_column_int64 (end, 3);
    }
  else if (rc != FASCIA_DB_DONE)
    return fascia_store_step_failed (rc, error);

  count = prepare_plan (query, FASCIA_CLIENT_PLAN_WALK,
                        to != NULL ? OP_COUNT_RANGE : OP_COUNT_AFTER, error);
  if (count == NULL)
    goto failed;
  bind_key (count, 8, from);
  if (to != NULL)
    bind_key (count, 17, to);
  else
    fascia_db_bind_int64 (count, 6, G_MAXINT);
  if (!count_of (query, count, &n, error))
    goto failed;

  *n_found += n;
  *done = to == NULL;
  if (from != NULL)
    cursor_free (from);
  *scanned = to;
  return TRUE;

failed:
  if (to != NULL)
    cursor_free (to);
  return FALSE;
}

/*
 * The steps of a count read one snapshot of the clients. Each in autocommit, they read the
 * list as it was at that step: another therapist's client added or deleted past the step
 * reached was counted or not as if it had always been so, and a client renamed from before
 * the step reached to after it was counted twice (and one renamed the other way never), so
 * that the list grew to a length no state of the clinic had. So the steps run in one read
 * transaction: on SQLite a deferred BEGIN, whose first read fixes what every later one sees
 * (WAL: writers go on meanwhile and no write lock is taken); on a server REPEATABLE READ,
 * read only, which blocks no one's saves either. It is held while the steps run back to back
 * in the worker, never across a wait for the user: it ends with the count, when it fails and
 * when it is cancelled (a newer keystroke), at the step it is at. On a server, a count whose
 * worker stalled in the middle all the same has its session ended after SNAPSHOT_IDLE rather
 * than keep a snapshot (and the rows it holds back from VACUUM) open: that count fails, and
 * the counter makes its connection anew for the next (fascia-store-worker.c). A connection
 * inside a transaction of its own already reads as that transaction does: the steps join it.
 */
#define SNAPSHOT_IDLE "10s"

static gboolean
begin_snapshot (FasciaClientQuery  *query,
                gboolean           *begun,
                GError            **error)
{
  FasciaDb *db = fascia_store_get_db (query->store);

  *begun = FALSE;
  if (fascia_store_in_transaction (query->store))
    return TRUE;
  if (!fascia_db_exec (db, is_server (query)
                           ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
                             "SET LOCAL idle_in_transaction_session_timeout = '" SNAPSHOT_IDLE "'"
                           : "BEGIN", error))
    return FALSE;
  *begun = TRUE;
  return TRUE;
}

/*
 * fascia_client_query_count_all:
 * @cancellable: (nullable): checked between steps
 * @progress: (nullable): told the clients found so far after each step
 *
 * Counts every client @query finds, a step of clients_by_name at a time (each step two
 * queries over at most SCAN_STEP entries, read from the index alone), all of them in one
 * snapshot (see begin_snapshot()). Costs what the clinic numbers: run it on a connection of
 * its own, in a worker (fascia_store_count_clients_async()).
 */
gboolean
fascia_client_query_count_all (FasciaClientQuery  *query,
                               GCancellable       *cancellable,
                               void              (*progress) (guint    n_found,
                                                              gpointer data),
                               gpointer            progress_data,
                               guint              *n_clients,
                               GError            **error)
{
  gpointer scanned = NULL;
  gboolean done = FALSE, begun;
  guint n = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !begin_snapshot (query, &begun, error))
    return FALSE;

  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !count_step (query, &scanned, &n, &done, error))
        {
          if (scanned != NULL)
            cursor_free (scanned);
          if (begun)
            fascia_db_rollback (fascia_store_get_db (query->store));
          return FALSE;
        }
      if (!done && progress != NULL)
        progress (n, progress_data);
    }

  /* Only read: ends the snapshot. */
  if (begun)
    fascia_db_rollback (fascia_store_get_db (query->store));
  g_assert (scanned == NULL);
  *n_clients = n;
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
  FasciaPagedList *list;
  gboolean more;
  guint n;

  if (!choose_plan (query, &n, &more, error))
    return NULL;

  if (query->first_rows != NULL)
    list = fascia_paged_list_new_with_first_page (FASCIA_TYPE_CLIENT, n,
                                                  g_steal_pointer (&query->first_rows),
                                                  fetch_page, g_steal_pointer (&owned),
                                                  (GDestroyNotify) fascia_client_query_free,
                                                  cursor_free);
  else
    list = fascia_paged_list_new (FASCIA_TYPE_CLIENT, n, fetch_page, g_steal_pointer (&owned),
                                  (GDestroyNotify) fascia_client_query_free, cursor_free);
  if (query->waiting)
    wait_in_list (query, list);
  /* The rest is counted in a worker, on a connection of its own: never on this thread. */
  if (more)
    fascia_store_count_clients_async (query->store, query->typed, query->flags, list);
  return G_LIST_MODEL (list);
}
