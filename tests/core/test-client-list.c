/* test-client-list.c — the client search reads indexes, a page at a time, and finds what the
 * scan it replaced found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia-client-list.h"
#include "fascia-db.h"
#include "fascia-db-sqlite.h"
#include "fascia-paged-list.h"
#include "fascia-store-private.h"
#include "fascia-test-store.h"
#include "store-fixture.h"

static const char *first_names[] = {
  "Margaret", "Oliver", "Amelia", "José", "Zoë", "Søren", "Anaïs", "Priya", "Kenji",
  "Olumide", "Mei", "Lars", "Ада", "Dvořák", "O'Neil", "Anne-Marie", "Ødegaard",
};
static const char *last_names[] = {
  "Ellison", "Hartley", "Pemberton", "Fairweather", "Thornbury", "Nakamura", "Okafor",
  "Lindqvist", "Moreau", "Østergaard", "Van der Berg", "O'Sullivan", "Łukasiewicz",
  "Müller", "Ångström", "Smith & Sons",
};

/* The store searches a phone number by its digits. */
static char *
term_of (const char *word)
{
  gboolean phone = word[0] != '\0' && strspn (word, "0123456789+-()./") == strlen (word)
                   && strpbrk (word, "0123456789") != NULL;
  GString *digits = g_string_new (NULL);

  if (!phone)
    return g_strdup (word);

  for (const char *p = word; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* What a search found before the index: every term a substring of search_key (the old
 * statement, word for word), in list order. */
static GArray *
scan_ids (StoreFixture *fixture,
          const char   *query)
{
  FasciaDb *db = fascia_store_get_db (fixture->store);
  gboolean sqlite = fascia_db_get_engine (db) == FASCIA_DB_ENGINE_SQLITE;
  /* instr() is SQLite's, strpos() PostgreSQL's: the same substring test. */
  const char *has = sqlite ? "instr(search_key, ?" : "strpos(search_key, ?";
  g_autofree char *folded = fascia_store_fold (query);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  guint n = g_strv_length (words);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM clients WHERE deleted_at IS NULL "
                                         "AND archived = 0");
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FasciaDbStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n, <=, 3);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (sql, " AND ");
      g_string_append_printf (sql, "%s%u) > 0", has, i + 1);
    }
  /* The list's order is bytewise (SQLite's BINARY, the server's "C" collation). */
  g_string_append (sql, sqlite ? " ORDER BY sort_key, archived, search_key, id"
                               : " ORDER BY sort_key COLLATE \"C\", archived, "
                                 "search_key COLLATE \"C\", id");
  stmt = fascia_db_prepare (db, sql->str, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      char *term = term_of (words[i]);

      g_ptr_array_add (terms, term);
      fascia_db_bind_text (stmt, i + 1, term);
    }
  while (fascia_db_step (stmt, &error) == FASCIA_DB_ROW)
    {
      gint64 id = fascia_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  g_assert_no_error (error);

  return ids;
}

static GArray *
list_ids_by (StoreFixture     *fixture,
             const char       *text,
             FasciaClientPlan  plan)
{
  g_autoptr(GError) error = NULL;
  FasciaClientQuery *query = fascia_client_query_new (fixture->store, text, 0);
  g_autoptr(GListModel) list = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  query->plan = plan;
  list = fascia_client_list_new (query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);
      gint64 id = fascia_client_get_id (client);

      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }

  return ids;
}

static GArray *
list_ids (StoreFixture *fixture,
          const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, query, 0, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);
      gint64 id = fascia_client_get_id (client);

      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }

  return ids;
}

static guint
n_found (StoreFixture *fixture,
         const char   *query)
{
  g_autoptr(GArray) ids = list_ids (fixture, query);

  return ids->len;
}

static void
assert_same_as_scan (StoreFixture *fixture,
                     const char   *query)
{
  g_autoptr(GArray) scanned = scan_ids (fixture, query);
  g_autoptr(GArray) listed = list_ids (fixture, query);

  if (scanned->len != listed->len)
    g_error ("“%s”: the scan finds %u clients, the index %u", query, scanned->len, listed->len);
  for (guint i = 0; i < scanned->len; i++)
    g_assert_cmpint (g_array_index (scanned, gint64, i), ==, g_array_index (listed, gint64, i));

  /* Whichever way a search reads its rows, the index and a sort or the walk in name order,
   * it finds the same. */
  for (FasciaClientPlan plan = FASCIA_CLIENT_PLAN_INDEX; plan <= FASCIA_CLIENT_PLAN_WALK; plan++)
    {
      g_autoptr(GArray) by = list_ids_by (fixture, query, plan);

      if (scanned->len != by->len)
        g_error ("“%s”, plan %d: the scan finds %u clients, the index %u", query, plan,
                 scanned->len, by->len);
      for (guint i = 0; i < scanned->len; i++)
        g_assert_cmpint (g_array_index (scanned, gint64, i), ==, g_array_index (by, gint64, i));
    }
}

static void
add_clients (StoreFixture *fixture,
             guint         n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                               last_names[(i / 3) % G_N_ELEMENTS (last_names)]);
      g_autofree char *email = g_strdup_printf ("c%u.%s@example.org", i, i % 2 ? "home" : "work");
      g_autofree char *phone = g_strdup_printf (i % 3 ? "+44 20 %04u %03u" : "(555) %04u-%03u",
                                                (i * 37) % 10000, i % 1000);

      fascia_client_set_name (client, name);
      fascia_client_set_email (client, email);
      fascia_client_set_phone (client, phone);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
}

/* Searches with every term of three characters or more: from names, emails and phone
 * numbers, in any case and with or without accents, several words, and some that find
 * nothing; and terms mixed with shorter ones. */
static const char *queries[] = {
  "mar", "MARGARET", "ell", "son", "zoe", "ZOË", "soren", "sør", "ada", "ада", "dvorak",
  "o'neil", "o'n", "anne-marie", "ode", "van der", "der berg", "der b", "& so", "smith & sons",
  "ström", "strom", "mül", "muller", "łuk", "luk", "example.org", "@example", "home", "c12.",
  "c1", "555", "(555)", "020", "+44 20", "7946", "20 0", "0000", "mei ell", "ell mei",
  "amelia har", "har amelia x", "priya okafor", "kenji thorn", "nobody", "zzz", "\"quoted\"",
  "a\"b\"c", "' OR 1=1 --", "%%%", "___", "* OR", "NEAR(mar", "mar*", "^mar", "o l", "oli v",
  "lars 44", "ol v n", "mar el ow c1",
};

static void
test_same_as_scan (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_clients (fixture, 300);
  /* Archived clients are found by the index but not listed: the count must leave them out. */
  for (gint64 id = 5; id <= 300; id += 7)
    g_assert_true (fascia_store_set_client_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *folded = fascia_store_fold (queries[i]);
      g_auto(GStrv) words = g_strsplit (folded, " ", -1);
      gboolean indexed = FALSE;

      /* A query of short words only lists names that begin with it: not the scan's rule. */
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autofree char *term = term_of (words[w]);

          indexed |= g_utf8_strlen (term, -1) >= FASCIA_CLIENT_QUERY_MIN_INDEXED;
        }
      if (indexed && g_strv_length (words) <= 3)
        assert_same_as_scan (fixture, queries[i]);
    }
}

static gint64
query_int (FasciaDb   *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, sql, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  return fascia_db_column_int64 (stmt, 0);
}

/* Every client a search could find, by several terms of its own text, and every deleted
 * client found by none. */
static void
assert_index_in_step (StoreFixture *fixture)
{
  FasciaDb *db = fascia_store_get_db (fixture->store);
  g_autoptr(FasciaDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) everyone = NULL;
  g_autoptr(GListModel) current = NULL;

  /* The list of everyone, counted by triggers, and with the archived clients. */
  assert_same_as_scan (fixture, "");
  everyone = fascia_store_list_clients (fixture->store, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  current = fascia_store_list_clients (fixture->store, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (everyone) - g_list_model_get_n_items (current),
                    ==, query_int (db, "SELECT count(*) FROM clients WHERE archived = 1 "
                                       "AND deleted_at IS NULL"));

  /* Read first: the searches run on the same connection. */
  stmt = fascia_db_prepare (db, "SELECT name, email FROM clients", FALSE, &error);
  g_assert_no_error (error);
  while (fascia_db_step (stmt, &error) == FASCIA_DB_ROW)
    {
      const char *email = fascia_db_column_text (stmt, 1);

      g_ptr_array_add (names, g_strdup (fascia_db_column_text (stmt, 0)));
      if (email != NULL && *email != '\0')
        g_ptr_array_add (names, g_strdup (email));
    }
  g_assert_no_error (error);
  for (guint i = 0; i < names->len; i++)
    assert_same_as_scan (fixture, names->pdata[i]);
}

static void
test_index_in_step (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) a = fixture_add_client (fixture, "Wilhelmina Quaintance");
  g_autoptr(FasciaClient) b = fixture_add_client (fixture, "Bartholomew Quaintance");
  g_autoptr(GDateTime) later = g_date_time_new_now_utc ();
  static const char csv[] =
    "name,email,phone\n"
    "Imported Ignatius,ig@example.org,555 0101\n"
    "Imported Ottilie,ot@example.org,555 0102\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(FasciaClient) read = NULL;

  assert_index_in_step (fixture);
  g_assert_cmpuint (n_found (fixture, "quaint"), ==, 2);

  /* A new name: the old one is forgotten. */
  fascia_client_set_name (a, "Wilhelmina Zabriskie");
  fascia_client_set_email (a, "wz@example.org");
  g_assert_true (fascia_store_update_client (fixture->store, a, &error));
  g_assert_no_error (error);
  assert_index_in_step (fixture);
  g_assert_cmpuint (n_found (fixture, "quaint"), ==, 1);
  g_assert_cmpuint (n_found (fixture, "zabris"), ==, 1);
  g_assert_cmpuint (n_found (fixture, "wz@ex"), ==, 1);

  /* Archived, and back. */
  g_assert_true (fascia_store_set_client_archived (fixture->store, fascia_client_get_id (b),
                                                   TRUE, &error));
  assert_index_in_step (fixture);
  g_assert_true (fascia_store_set_client_archived (fixture->store, fascia_client_get_id (b),
                                                   FALSE, &error));
  g_assert_no_error (error);
  assert_index_in_step (fixture);

  /* Deleted, then undone. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                      fascia_client_get_id (b), &error));
  assert_index_in_step (fixture);
  g_assert_cmpuint (n_found (fixture, "quaint"), ==, 0);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                        fascia_client_get_id (b), &error));
  g_assert_no_error (error);
  assert_index_in_step (fixture);
  g_assert_cmpuint (n_found (fixture, "quaint"), ==, 1);

  /* Imported rows. */
  g_assert_true (fascia_store_import_clients (fixture->store, bytes, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_index_in_step (fixture);
  g_assert_cmpuint (n_found (fixture, "imported"), ==, 2);
  g_assert_cmpuint (n_found (fixture, "5550102"), ==, 1);

  /* Deleted and purged for good. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                      fascia_client_get_id (b), &error));
  fascia_store_purge_deleted (fixture->store, later, &error);
  g_assert_no_error (error);
  read = fascia_store_get_client (fixture->store, fascia_client_get_id (b), NULL);
  g_assert_null (read);
  assert_index_in_step (fixture);
  g_assert_cmpuint (n_found (fixture, "quaint"), ==, 0);
}

/* A view asks for the rows it shows as it scrolls: one query per page of rows, never one
 * per row, and none for a page read a moment ago. */
static void
test_pages (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("name,email\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GListModel) list = NULL;
  const guint n = 2000, visible = 37, page = FASCIA_PAGED_LIST_PAGE_SIZE;
  FasciaDb *db;
  guint base;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Client %05u,c%u@example.org\n", i, i);
  bytes = g_bytes_new (csv->str, csv->len);
  g_assert_true (fascia_store_import_clients (fixture->store, bytes, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Counted by the seam, whatever the engine: the queries the connection began. */
  db = fascia_store_get_db (fixture->store);
  base = fascia_db_get_n_selects (db);

  /* Making the list counts. */
  list = fascia_store_list_clients (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  g_assert_cmpuint (fascia_db_get_n_selects (db) - base, ==, 1);

  /* Scrolling the whole list down a screen at a time. */
  base = fascia_db_get_n_selects (db);
  for (guint top = 0; top < n; top += visible)
    for (guint i = top; i < MIN (top + visible, n); i++)
      {
        g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);
        g_autofree char *name = g_strdup_printf ("Client %05u", i);

        g_assert_cmpstr (fascia_client_get_name (client), ==, name);
      }
  g_assert_cmpuint (fascia_db_get_n_selects (db) - base, ==, (n + page - 1) / page);

  /* Back up a little: the pages are kept. */
  base = fascia_db_get_n_selects (db);
  for (guint i = n - 1; i > n - 3 * page; i--)
    g_object_unref (g_list_model_get_item (list, i));
  g_assert_cmpuint (fascia_db_get_n_selects (db) - base, ==, 0);

  /* A jump to the middle reads one page; the screen below it at most one more. */
  base = fascia_db_get_n_selects (db);
  for (guint i = n / 2 - 10; i < n / 2 - 10 + visible; i++)
    g_object_unref (g_list_model_get_item (list, i));
  g_assert_cmpuint (fascia_db_get_n_selects (db) - base, <=, (visible + page - 1) / page + 1);

  /* Memory stays bounded: scrolling everything keeps a few pages, not every row. */
  g_assert_cmpuint (fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (list)), <=,
                    (n + page - 1) / page + 2);

  /* Finding a client reads one count and its page. ("01" is also in c101@…) */
  base = fascia_db_get_n_selects (db);
  {
    g_autoptr(GListModel) found = fascia_store_list_clients (fixture->store, "client 01", 0,
                                                             &error);
    g_autoptr(FasciaClient) c = g_list_model_get_item (found, 5);
    guint position = fascia_store_find_client (fixture->store, found, fascia_client_get_id (c));

    g_autoptr(GArray) scanned = scan_ids (fixture, "client 01");

    g_assert_cmpuint (g_list_model_get_n_items (found), ==, scanned->len);
    g_assert_cmpuint (position, ==, 5);
    g_assert_cmpuint (fascia_store_find_client (fixture->store, found, 1), ==, G_MAXUINT);
    /* The counts: the index's, the counters' (which choose how to read), the list's; then
     * the position and the page it is in. On SQLite, two more when the walk, tried first on a
     * few entries, finds too few there ("01" is rare among them): the try, and the rowids
     * the index finds read again, more of them, for the index plan. */
    g_assert_cmpuint (fascia_db_get_n_selects (db) - base, <=, 9);
  }
}

typedef struct
{
  guint counts_by_row;
  guint selects;
  guint matches;
} RowTrace;

static int
row_trace_cb (unsigned int  type,
              void         *user_data,
              void         *p,
              void         *x)
{
  RowTrace *trace = user_data;
  const char *sql = x;

  if (type != SQLITE_TRACE_STMT || !g_str_has_prefix (sql, "SELECT"))
    return 0;
  trace->selects++;
  if (strstr (sql, "clients_search MATCH") != NULL)
    trace->matches++;
  /* A count that looks up, in the table, the clients the index found. */
  if (g_str_has_prefix (sql, "SELECT count(*) FROM clients WHERE")
      && strstr (sql, "clients_search MATCH") != NULL)
    trace->counts_by_row++;
  return 0;
}

/* A search that finds thousands counts them from the trigram index and the few archived
 * clients apart, never by looking up each client it found; the count stays exact. */
static void
test_count_from_index (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  static const char *searches[] = { "example.org", "home", "c12", "mar", "@example" };
  RowTrace trace = { 0 };

  add_clients (fixture, 400);
  for (gint64 id = 3; id <= 400; id += 50)
    g_assert_true (fascia_store_set_client_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GArray) scanned = scan_ids (fixture, searches[i]);
      g_autoptr(GListModel) list = NULL;

      trace = (RowTrace) { 0 };
      sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, row_trace_cb, &trace);
      list = fascia_store_list_clients (fixture->store, searches[i], 0, &error);
      sqlite3_trace_v2 (db, 0, NULL, NULL);
      g_assert_no_error (error);

      g_assert_cmpuint (g_list_model_get_n_items (list), ==, scanned->len);
      g_assert_cmpuint (trace.counts_by_row, ==, 0);
      g_assert_cmpuint (trace.selects, >, 0);
    }

  /* A search that finds a few asks the trigram index once, not again for its page (and not
   * at all here: the same search just made is kept, see narrows). */
  {
    g_autoptr(GArray) scanned = scan_ids (fixture, "c12");
    g_autoptr(GListModel) list = NULL;

    trace = (RowTrace) { 0 };
    sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, row_trace_cb, &trace);
    list = fascia_store_list_clients (fixture->store, "c12", 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);

        g_assert_cmpint (fascia_client_get_id (client), ==, g_array_index (scanned, gint64, i));
      }
    sqlite3_trace_v2 (db, 0, NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, scanned->len);
    g_assert_cmpuint (scanned->len, >, 0);
    g_assert_cmpuint (trace.matches, <=, 1);
  }
}

/* How many rows and index entries the server has read of the clients table: PostgreSQL's
 * own statistics, flushed from this connection before each reading. */
static gint64
server_rows_read (FasciaDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fascia_db_exec (db, "SELECT pg_stat_force_next_flush()", &error));
  g_assert_no_error (error);
  return query_int (db, "SELECT (SELECT seq_tup_read FROM pg_stat_user_tables "
                        "WHERE schemaname = 'fascia' AND relname = 'clients') + "
                        "(SELECT coalesce(sum(idx_tup_read), 0)::bigint FROM pg_stat_user_indexes "
                        "WHERE schemaname = 'fascia' AND relname = 'clients')");
}

/* On a server a search of three characters or more is answered from the GIN trigram index
 * (004): among 5,000 clients it reads about the clients it finds, never every client.
 * (`LIKE ALL (array)` is not something a GIN index answers: a search written so read every
 * client.) The clients are written by the server itself, quickly, with the count of
 * everyone, which no search here reads, left behind. */
static void
test_server_search_reads_index (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);
  static const char *searches[] = { "c1234@", "client 1234", "c777@exa", "c77 example" };
  gint64 before, read;

  /* The stamp of changes (sql-postgresql/015) moved at the INSERT, not at the commit: the
   * table is altered after it in the same transaction, which a trigger event left pending
   * would refuse. */
  g_assert_true (fascia_db_exec (db, "SET CONSTRAINTS clients_stamp IMMEDIATE; "
                                     "ALTER TABLE clients DISABLE TRIGGER client_counts_insert; "
                                     "INSERT INTO clients (name, email, search_key, sort_key, "
                                     "created_at, updated_at) SELECT 'Client ' || g, "
                                     "'c' || g || '@example.org', 'client ' || g || chr(10) || "
                                     "'c' || g || '@example.org', 'client ' || g, 0, 0 "
                                     "FROM generate_series(1, 5000) g; "
                                     "ALTER TABLE clients ENABLE TRIGGER client_counts_insert; "
                                     "ANALYZE clients", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GArray) scanned = scan_ids (fixture, searches[i]);
      guint n;

      before = server_rows_read (db);
      list = fascia_store_list_clients (fixture->store, searches[i], 0, &error);
      g_assert_no_error (error);
      n = g_list_model_get_n_items (list);
      for (guint k = 0; k < MIN (n, 30); k++)
        {
          g_autoptr(FasciaClient) client = g_list_model_get_item (list, k);

          g_assert_nonnull (client);
        }
      read = server_rows_read (db) - before;
      g_test_message ("“%s”: %u found, %" G_GINT64_FORMAT " rows and entries read",
                      searches[i], n, read);
      g_assert_cmpuint (n, ==, scanned->len);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpint (read, <, 500);
    }
}

/* The statements a search and its count ran on SQLite, each once. */
static int
collect_selects_cb (unsigned int  type,
                    void         *user_data,
                    void         *p,
                    void         *x)
{
  GHashTable *sqls = user_data;
  const char *sql = sqlite3_sql (p);

  if (type == SQLITE_TRACE_STMT && sql != NULL && g_str_has_prefix (sql, "SELECT"))
    g_hash_table_add (sqls, g_strdup (sql));
  return 0;
}

/* Counts everyone @text finds, to the end, as the worker does. */
static guint
count_all (StoreFixture *fixture,
           const char   *text,
           FasciaStoreListFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClientQuery) query = fascia_client_query_new (fixture->store, text, flags);
  guint n = 0;

  g_assert_true (fascia_client_query_count_all (query, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  return n;
}

static const char *covering_searches[] = {
  "", "example.org", "c1 home", "mar", "ma", "o", "c12", "555 20",
};

/* A search's walks of the name index, and the count of everyone it finds, read the index
 * alone: SQLite's plan for each statement they run names a covering index wherever it reads
 * clients_by_name or clients_archived, and never scans the table. Only a page reads rows (its
 * 64 clients), and a client looked up by its id. */
static void
test_covering (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *fdb = fascia_store_get_db (fixture->store);
  sqlite3 *db = fascia_db_sqlite_get_handle (fdb);
  g_autoptr(GHashTable) sqls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *sql;
  guint n_checked = 0;

  add_clients (fixture, 300);
  for (gint64 id = 3; id <= 300; id += 40)
    g_assert_true (fascia_store_set_client_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, collect_selects_cb, sqls);
  for (guint i = 0; i < G_N_ELEMENTS (covering_searches); i++)
    {
      g_autoptr(GListModel) whole = NULL;
      g_autoptr(GListModel) archived = NULL;
      g_autoptr(GListModel) grows = NULL;

      /* The exact counts by the list's own plans, to compare with. */
      whole = fascia_store_list_clients (fixture->store, covering_searches[i], 0, &error);
      archived = fascia_store_list_clients (fixture->store, covering_searches[i],
                                            FASCIA_STORE_LIST_ARCHIVED, &error);
      grows = fascia_store_list_clients (fixture->store, covering_searches[i],
                                         FASCIA_STORE_LIST_GROWING, &error);
      g_assert_no_error (error);
      g_test_message ("“%s”: %u found", covering_searches[i], g_list_model_get_n_items (whole));
      g_assert_cmpuint (count_all (fixture, covering_searches[i], 0), ==,
                        g_list_model_get_n_items (whole));
      g_assert_cmpuint (count_all (fixture, covering_searches[i], FASCIA_STORE_LIST_ARCHIVED),
                        ==, g_list_model_get_n_items (archived));
    }
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  g_hash_table_iter_init (&iter, sqls);
  while (g_hash_table_iter_next (&iter, (gpointer *) &sql, NULL))
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      g_autoptr(FasciaDbStmt) stmt = NULL;

      /* A page reads its rows from the table, by design. */
      if (strstr (sql, "SELECT " FASCIA_CLIENT_COLUMNS) == sql)
        continue;
      stmt = fascia_db_prepare (fdb, explain, FALSE, &error);
      g_assert_no_error (error);
      while (fascia_db_step (stmt, &error) == FASCIA_DB_ROW)
        {
          const char *detail = fascia_db_column_text (stmt, 3);
          gboolean names_index = strstr (detail, "INDEX clients_by_name") != NULL
                                 || strstr (detail, "INDEX clients_archived") != NULL;

          g_test_message ("%s\n  %s", sql, detail);
          if (names_index)
            g_assert_nonnull (strstr (detail, "COVERING INDEX"));
          g_assert_false ((g_str_equal (detail, "SCAN clients")
                           || g_str_has_prefix (detail, "SCAN clients USING"))
                          && strstr (detail, "COVERING INDEX") == NULL);
          n_checked += names_index;
        }
      g_assert_no_error (error);
    }
  /* The count's steps, the walk's first count and the archived clients' count at least. */
  g_assert_cmpuint (n_checked, >=, 4);
}

/* How many rows of clients the server has fetched from the table (not the index entries it
 * read): PostgreSQL's own statistics, flushed from this connection before each reading. */
static gint64
server_heap_rows (FasciaDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fascia_db_exec (db, "SELECT pg_stat_force_next_flush()", &error));
  g_assert_no_error (error);
  return query_int (db, "SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables "
                        "WHERE schemaname = 'fascia' AND relname = 'clients'");
}

/* 20,000 clients ("Client 1"…, c1@example.org…) on the server, left as autovacuum leaves a
 * table that has settled: its pages marked all-visible and its statistics read. */
static void
add_settled_server_clients (FasciaDb *db)
{
  g_autoptr(GError) error = NULL;

  /* The test server commits asynchronously: a VACUUM right after could not mark the pages
   * of rows whose commit is not yet flushed all-visible, as a real server's would. */
  g_assert_true (fascia_db_exec (db, "SET synchronous_commit = on", &error));
  g_assert_true (fascia_db_exec (db, "INSERT INTO clients (name, email, search_key, sort_key, "
                                     "created_at, updated_at) SELECT 'Client ' || g, "
                                     "'c' || g || '@example.org', 'client ' || g || chr(10) || "
                                     "'c' || g || '@example.org', 'client ' || g, 0, 0 "
                                     "FROM generate_series(1, 20000) g", &error));
  g_assert_no_error (error);
  g_assert_true (fascia_db_exec (db, "VACUUM ANALYZE clients", &error));
  g_assert_no_error (error);
}

/* On a server the count of everyone a search finds is read from clients_by_name alone, an
 * index-only scan: among 20,000 clients it fetches next to no rows from the table. */
static void
test_server_covering (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);
  static const char *searches[] = { "", "example.org", "c12", "client 1", "cl" };

  add_settled_server_clients (db);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GListModel) whole = fascia_store_list_clients (fixture->store, searches[i], 0,
                                                               &error);
      gint64 before = server_heap_rows (db), fetched;
      guint n = count_all (fixture, searches[i], 0);

      fetched = server_heap_rows (db) - before;
      g_test_message ("“%s”: %u counted, %" G_GINT64_FORMAT " rows fetched from the table",
                      searches[i], n, fetched);
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (whole));
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpint (fetched, <, 100);
    }
}

/* The plan a list of @text was read by. */
static FasciaClientPlan
plan_of (StoreFixture          *fixture,
         const char            *text,
         FasciaStoreListFlags   flags,
         guint                 *n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, text, flags, &error);
  FasciaClientQuery *query;

  g_assert_no_error (error);
  query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (list));
  *n_items = g_list_model_get_n_items (list);
  return query->plan;
}

/* A term whose clients sort together (a first name: every "Zara" lies at the end of the list
 * order) is read by the trigram index and a sort, not by a walk of the name index that must
 * pass everyone before them; a term as common but spread along the list is still walked. The
 * walk is tried on a few entries only: less than the clients before the bunch. Both find what
 * the scan finds. */
static void
test_bunched (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf (i < 2600 ? "Aaron Baker %04u" : "Zara Quill %04u", i);
      g_autofree char *email = g_strdup_printf (i % 7 == 0 ? "c%u@uniq.net" : "c%u@example.org", i);

      fascia_client_set_name (client, name);
      fascia_client_set_email (client, email);
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }

  /* 400 found among 3,000: past the share where the walk was chosen by count alone. */
  g_assert_cmpint (plan_of (fixture, "zara", 0, &n), ==, FASCIA_CLIENT_PLAN_INDEX);
  g_assert_cmpuint (n, ==, 400);
  g_assert_cmpint (plan_of (fixture, "uniq", 0, &n), ==, FASCIA_CLIENT_PLAN_WALK);
  g_assert_cmpuint (n, ==, 429);
  {
    g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, "zara", 0, &error);
    FasciaClientQuery *query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (list));

    g_assert_no_error (error);
    /* The walk was tried on fewer entries than the 2,600 clients before the bunch. */
    g_assert_cmpuint (query->n_probed, >, 0);
    g_assert_cmpuint (query->n_probed, <, 2600);
  }
  assert_same_as_scan (fixture, "zara");
  assert_same_as_scan (fixture, "uniq");
  assert_same_as_scan (fixture, "zara quill");
}

/* On a server a search is planned for its terms each time it runs, not by the generic plan
 * the server takes for a prepared statement once its first five runs cost more on average
 * than a plan made for no term in particular: that plan reads the trigram index for every
 * term, and for one that every client holds ("example.org") fetched every client found from
 * the table and sorted them all for a page of 64 (184 ms at 100,000 clients), where the name
 * index, walked in list order, finds the page in its first 64 entries (0.5 ms). Five searches
 * of 1,111 clients each (typed first, as "c12" is on the way to an email address), then the
 * term every client holds, five times, each as the window lists it: counted, and its first
 * page read. The rows fetched from the table stay the count's and a page's. And no search by
 * the trigram index is among the statements prepared on the connection. */
static void
test_server_planned_per_run (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);
  static const char *searches[] = { "c12", "c13", "c14", "c15", "c16", "example.org",
                                    "example.org", "example.org", "example.org", "example.org" };

  add_settled_server_clients (db);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      gint64 before = server_heap_rows (db), fetched;
      g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, searches[i],
                                                              FASCIA_STORE_LIST_GROWING,
                                                              &error);
      g_autoptr(FasciaClient) first = NULL;

      g_assert_no_error (error);
      first = g_list_model_get_item (list, 0);
      g_assert_nonnull (first);
      fetched = server_heap_rows (db) - before;
      g_test_message ("“%s”: %" G_GINT64_FORMAT " rows fetched from the table", searches[i],
                      fetched);
      if (i >= 5)
        {
          g_assert_cmpstr (fascia_client_get_name (first), ==, "Client 1");
          g_assert_cmpint (fetched, <, 1000);
        }
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pg_prepared_statements "
                                  "WHERE statement LIKE '%search_key LIKE%'"), ==, 0);
}

/* The statements a search ran on SQLite, the steps of SQLite's machine they took (its own
 * count, sqlite3_stmt_status()), and how many of them read the trigram index. */
typedef struct
{
  guint  statements;
  guint  index_reads;
  guint  kept_reads;   /* statements that read every client found, with their keys */
  guint  fts_reads;    /* of which, FTS5's own reads of its index's pages */
  gint64 vm_steps;
  gint64 index_vm_steps; /* of the statements that read the trigram index */
  guint  n_found;
} StepTrace;

static int
step_trace_cb (unsigned int  type,
               void         *user_data,
               void         *p,
               void         *x)
{
  StepTrace *trace = user_data;
  const char *sql = sqlite3_sql (p);
  gint64 steps;

  if (type != SQLITE_TRACE_PROFILE)
    return 0;
  steps = sqlite3_stmt_status (p, SQLITE_STMTSTATUS_VM_STEP, TRUE);
  trace->statements++;
  trace->vm_steps += steps;
  if (sql != NULL && strstr (sql, "clients_search") != NULL)
    {
      trace->index_reads++;
      trace->index_vm_steps += steps;
    }
  if (sql != NULL && g_str_has_prefix (sql, "SELECT id, sort_key, archived, search_key FROM"))
    trace->kept_reads++;
  if (sql != NULL && strstr (sql, "'main'.'clients_search_") != NULL)
    trace->fts_reads++;
  return 0;
}

/* Lists @text and reads its first rows, as a view does, counting what SQLite did; the list's
 * ids must be what the scan finds. */
static StepTrace
traced_search (StoreFixture *fixture,
               const char   *text)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  g_autoptr(GArray) scanned = scan_ids (fixture, text);
  g_autoptr(GListModel) list = NULL;
  StepTrace trace = { 0 };
  guint n;

  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, step_trace_cb, &trace);
  list = fascia_store_list_clients (fixture->store, text, 0, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < MIN (n, 30); i++)
    g_object_unref (g_list_model_get_item (list, i));
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  g_test_message ("“%s”: %u found, %u statements, %" G_GINT64_FORMAT " VM steps, %u of the index",
                  text, n, trace.statements, trace.vm_steps, trace.index_reads);
  g_assert_cmpuint (n, ==, scanned->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);

      g_assert_cmpint (fascia_client_get_id (client), ==, g_array_index (scanned, gint64, i));
    }
  trace.n_found = n;
  return trace;
}

/* A keystroke that narrows the search before it ("marg" → "marga" → "margaret e") reads
 * neither the trigram index nor the clients it found again: the clients the first keystroke
 * found are kept, and only the page shown is read, by id — a few hundred steps of SQLite's
 * machine, where the index and its sort took thousands. What it finds is still what the scan
 * finds, and a change to the clients, made here or by another connection, is seen at once. */
static void
test_narrows (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *typed[] = { "marga", "margar", "margaret", "margaret e", "margaret ell",
                                 "margaret ell 20", "ell margaret" };
  g_autoptr(FasciaStore) other = NULL;
  StepTrace first, trace;
  gint64 moved;

  add_clients (fixture, 1000);

  first = traced_search (fixture, "marg");
  g_assert_cmpuint (first.index_reads, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      trace = traced_search (fixture, typed[i]);
      g_assert_cmpuint (trace.index_reads, ==, 0);
      /* The stamp, and the page shown. */
      g_assert_cmpuint (trace.statements, <=, 2);
      g_assert_cmpint (trace.vm_steps * 3, <, first.vm_steps);
      /* The page's rows looked up by id, whatever the clients, in a database never analysed
       * too (there SQLite walked the name index in list order, checking every entry against
       * the ids, to spare sorting the page). */
      g_assert_cmpint (trace.vm_steps, <=,
                       100 * MIN (trace.n_found, FASCIA_PAGED_LIST_PAGE_SIZE) + 200);
    }

  /* The page of a client in a narrowed list is found where the list shows it. */
  {
    g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, "margaret ell", 0,
                                                            &error);
    g_autoptr(FasciaClient) client = g_list_model_get_item (list, 1);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_store_find_client (fixture->store, list,
                                                fascia_client_get_id (client)), ==, 1);
    g_assert_cmpuint (fascia_store_find_client (fixture->store, list, 2), ==, G_MAXUINT);
  }

  /* A search that does not narrow it asks the index. */
  trace = traced_search (fixture, "ellison");
  g_assert_cmpuint (trace.index_reads, >, 0);

  /* Changed here: a client renamed into the search is found. */
  first = traced_search (fixture, "marg");
  {
    g_autoptr(FasciaClient) client = fascia_store_get_client (fixture->store, 2, &error);

    g_assert_no_error (error);
    fascia_client_set_name (client, "Margarethe Quill");
    g_assert_true (fascia_store_update_client (fixture->store, client, &error));
    g_assert_no_error (error);
  }
  trace = traced_search (fixture, "margar");
  g_assert_cmpuint (trace.index_reads, >, 0);

  /* Changed by another connection: a client found before, archived there, is not listed. */
  trace = traced_search (fixture, "margare");
  g_assert_cmpuint (trace.index_reads, ==, 0);
  {
    g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, "margaret", 0, &error);
    g_autoptr(FasciaClient) client = g_list_model_get_item (list, 0);

    moved = fascia_client_get_id (client);
  }
  other = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_set_client_archived (other, moved, TRUE, &error));
  g_assert_no_error (error);
  trace = traced_search (fixture, "margaret");
  g_assert_cmpuint (trace.index_reads, >, 0);
}

/* A keystroke that finds a few thousand clients spread along the list order reads its page by
 * the walk of the name index and leaves the reading of every client it found, to keep them
 * for the keystrokes that narrow it, to a worker on a connection of its own: on the window's
 * thread that cost more than the walk it replaced (every client found looked up in the table,
 * 4–6 ms at 100,000 clients against 1.7–3). Once the worker has read them, the next keystroke
 * that narrows the search reads neither the index nor the clients again; each finds what the
 * scan finds, also after a change made while the worker read. */
static void
test_spread_kept_later (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("name,email,phone\n");
  g_autoptr(GBytes) bytes = NULL;
  FasciaTestWorkerHold *hold;
  StepTrace trace;

  /* 8,000 clients, every 18th holding "quern" (445 found, spread): more than the index plan
   * reads (√(64 × 8,000 ÷ 4) ≈ 358), fewer than one in 16; the last 420 named Zygmunt
   * (bunched: after 7,580 others in list order). */
  for (guint i = 0; i < 8000; i++)
    g_string_append_printf (csv, "%s %05u %s,c%u@%s.org,\n",
                            i >= 7580 ? "Zygmunt" : first_names[i % G_N_ELEMENTS (first_names)],
                            i, i % 18 == 0 ? "Quernby" : "Ashdown", i,
                            i % 36 == 0 ? "uniq" : "example");
  bytes = g_bytes_new (csv->str, csv->len);
  g_assert_true (fascia_store_import_clients (fixture->store, bytes, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The worker held until both lists are made: the second cannot take what it read. */
  hold = fascia_test_hold_worker (fixture->store);
  {
    g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, "quern", 0, &error);
    FasciaClientQuery *query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (list));

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 445);
    /* Read by the walk; nothing kept on this thread; the worker reads them. */
    g_assert_cmpint (query->plan, ==, FASCIA_CLIENT_PLAN_WALK);
    g_assert_null (query->found);
    g_assert_true (query->kept_later);
  }
  {
    g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, "quern",
                                                            FASCIA_STORE_LIST_GROWING, &error);
    FasciaClientQuery *query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (list));

    g_assert_no_error (error);
    g_assert_null (query->found);
    g_assert_true (query->kept_later);
  }
  g_assert_true (fascia_test_release_worker (hold));
  fascia_client_list_wait_kept (fixture->store);

  /* A bunched term, which the walk does not find within the entries an even spread needs:
   * the worker read what it finds while the walk was tried, and that is the list, kept; the
   * window's connection did not read them. */
  trace = traced_search (fixture, "zygm");
  g_assert_cmpuint (trace.n_found, ==, 420);
  g_assert_cmpuint (trace.kept_reads, ==, 0);
  trace = traced_search (fixture, "zygmu");
  g_assert_cmpuint (trace.index_reads, ==, 0);
  g_assert_cmpuint (trace.statements, <=, 2);
  assert_same_as_scan (fixture, "zygmunt");

  trace = traced_search (fixture, "quern");
  fascia_client_list_wait_kept (fixture->store);
  trace = traced_search (fixture, "quernb");
  g_assert_cmpuint (trace.index_reads, ==, 0);
  g_assert_cmpuint (trace.statements, <=, 2);
  trace = traced_search (fixture, "quernby uniq");
  g_assert_cmpuint (trace.index_reads, ==, 0);
  g_assert_cmpuint (trace.n_found, ==, 223);

  /* A change made while the worker reads: what it read is not used. */
  trace = traced_search (fixture, "ernb");
  g_assert_cmpuint (trace.index_reads, >, 0);
  {
    g_autoptr(FasciaClient) client = fascia_client_new ();

    fascia_client_set_name (client, "Aaron Quernby");
    g_assert_true (fascia_store_add_client (fixture->store, client, &error));
    g_assert_no_error (error);
  }
  fascia_client_list_wait_kept (fixture->store);
  trace = traced_search (fixture, "quernb");
  g_assert_cmpuint (trace.index_reads, >, 0);
  g_assert_cmpuint (trace.n_found, ==, 446);
  assert_same_as_scan (fixture, "quernby");
}

static void
assert_list_is_scan (StoreFixture *fixture,
                     GListModel   *list,
                     const char   *text)
{
  g_autoptr(GArray) scanned = scan_ids (fixture, text);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, scanned->len);
  for (guint i = 0; i < scanned->len; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);

      g_assert_cmpint (fascia_client_get_id (client), ==, g_array_index (scanned, gint64, i));
    }
}

/* The first keystroke of a bunched term (a first name the walk does not reach within the
 * entries an even spread needs) in a growing list, as the Clients page makes it, does not
 * wait on the window's thread for the worker reading what it found: the list comes at once,
 * with no rows, growing, after a few statements that read no client found; once the worker
 * has read them, the list grows to them on its thread, and they are what the scan finds. A
 * newer keystroke that narrows it waits for the same read; a list let go of meanwhile is
 * not told. Here the worker's connection is held by other work until the lists are made. */
static void
test_bunched_does_not_wait (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("name,email,phone\n");
  g_autoptr(GBytes) bytes = NULL;
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) narrowed = NULL;
  GListModel *dropped;
  StepTrace trace = { 0 };
  FasciaTestWorkerHold *hold;
  gint64 zygmunt;

  /* 8,000 clients, the last 420 named Zygmunt (after 7,580 others in list order). */
  for (guint i = 0; i < 8000; i++)
    g_string_append_printf (csv, "%s %05u %s,c%u@example.org,\n",
                            i >= 7580 ? "Zygmunt" : first_names[i % G_N_ELEMENTS (first_names)],
                            i, i % 18 == 0 ? "Quernby" : "Ashdown", i);
  bytes = g_bytes_new (csv->str, csv->len);
  g_assert_true (fascia_store_import_clients (fixture->store, bytes, NULL, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GArray) scanned = scan_ids (fixture, "zygm");

    zygmunt = g_array_index (scanned, gint64, 19);
  }

  hold = fascia_test_hold_worker (fixture->store);

  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, step_trace_cb, &trace);
  first = fascia_store_list_clients (fixture->store, "zygm", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_test_message ("“zygm” on the window's thread: %u statements (%u of FTS5's own), %"
                  G_GINT64_FORMAT " VM steps", trace.statements, trace.fts_reads, trace.vm_steps);

  /* Made while the worker was held: it did not wait for it. */
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 0);
  g_assert_true (fascia_paged_list_get_growing (FASCIA_PAGED_LIST (first)));
  /* The stamp, the counts, the index's rowids and the walk's probe: no client found read. */
  g_assert_cmpuint (trace.kept_reads, ==, 0);
  g_assert_cmpuint (trace.statements - trace.fts_reads, <=, 6);
  /* The walk tried on the entries an even spread needs (2 × 64 × 8,000 ÷ 420), fewer than
   * the 7,580 before the bunch. */
  {
    FasciaClientQuery *query = fascia_paged_list_get_user_data (FASCIA_PAGED_LIST (first));

    g_assert_cmpuint (query->n_probed, <=, 2 * 64 * 8000 / 420 + 1);
  }
  /* Not a client can be found in it yet. */
  g_assert_cmpuint (fascia_store_find_client (fixture->store, first, zygmunt), ==, G_MAXUINT);

  /* Newer keystrokes, made before the worker read: one let go of, one that narrows. */
  dropped = fascia_store_list_clients (fixture->store, "zygmu", FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dropped), ==, 0);
  g_object_unref (dropped);
  narrowed = fascia_store_list_clients (fixture->store, "zygmun", FASCIA_STORE_LIST_GROWING,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (narrowed), ==, 0);

  g_assert_true (fascia_test_release_worker (hold));
  while (fascia_paged_list_get_growing (FASCIA_PAGED_LIST (first))
         || fascia_paged_list_get_growing (FASCIA_PAGED_LIST (narrowed)))
    g_main_context_iteration (NULL, TRUE);

  assert_list_is_scan (fixture, first, "zygm");
  assert_list_is_scan (fixture, narrowed, "zygmun");
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 420);
  g_assert_cmpuint (fascia_store_find_client (fixture->store, first, zygmunt), ==, 19);

  /* What must be answered now waits: a list finished at once is whole. */
  {
    FasciaTestWorkerHold *again;
    g_autoptr(GListModel) list = NULL;

    /* A change: the search is read anew. */
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();

      fascia_client_set_name (client, "Zygmunt Aaronson");
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
    again = fascia_test_hold_worker (fixture->store);
    list = fascia_store_list_clients (fixture->store, "zygm", FASCIA_STORE_LIST_GROWING, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    g_assert_true (fascia_test_release_worker (again));
    fascia_store_finish_clients (fixture->store, list);
    g_assert_false (fascia_paged_list_get_growing (FASCIA_PAGED_LIST (list)));
    assert_list_is_scan (fixture, list, "zygm");
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 421);
    fascia_client_list_wait_kept (fixture->store);
    /* The source that would tell the lists, which are done. */
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
}

/* Lists @text, growing, as the Clients page does, with the worker held: the steps of SQLite's
 * machine the window's thread took (every statement's count reset first, so that none counts
 * what it did before). The list comes at once, with no rows, growing. */
static GListModel *
list_held (StoreFixture *fixture,
           const char   *text,
           gint64       *steps)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  FasciaTestWorkerHold *hold;
  StepTrace trace = { 0 };
  GListModel *list;

  hold = fascia_test_hold_worker (fixture->store);
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, TRUE);

  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, step_trace_cb, &trace);
  list = fascia_store_list_clients (fixture->store, text, FASCIA_STORE_LIST_GROWING, &error);
  g_assert_no_error (error);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_test_message ("“%s” on the window's thread: %u statements, %" G_GINT64_FORMAT
                  " VM steps, %" G_GINT64_FORMAT " of them reading the trigram index",
                  text, trace.statements, trace.vm_steps, trace.index_vm_steps);

  /* Made while the worker was held: it did not wait for it. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (fascia_paged_list_get_growing (FASCIA_PAGED_LIST (list)));
  g_assert_true (fascia_test_release_worker (hold));
  *steps = trace.vm_steps;
  return list;
}

static void
import_named (StoreFixture *fixture,
              guint         from,
              guint         n,
              const char   *(*name_of) (guint i))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("name,email,phone\n");
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = from; i < from + n; i++)
    g_string_append_printf (csv, "%s %05u Ashdown,c%u@example.org,\n", name_of (i), i, i);
  bytes = g_bytes_new (csv->str, csv->len);
  g_assert_true (fascia_store_import_clients (fixture->store, bytes, NULL, NULL, &error));
  g_assert_no_error (error);
}

static const char *
zygmunt_last (guint i)
{
  return i >= 19000 ? "Zygmunt" : (i % 2 ? "Aurelio" : "Beatrix");
}

static const char *
aurelio (guint i)
{
  return "Aurelio";
}

/* A keystroke in the Clients page whose term finds more clients than are kept (over 4,096,
 * and over one client in 16), bunched far along the list order, costs the window's thread no
 * more as the clinic grows: the walk of the name index to the bunch, which passed every client
 * before it, runs in the worker, on a connection of its own. Twice the clients before the
 * bunch, the same steps of SQLite's machine (before, nearly twice as many). The list comes at
 * once, with no rows, growing; once the worker has read the clients found, it grows to them,
 * and its pages, the position of a client in it and Enter's wait are what the scan finds. */
static void
test_bunched_many_in_worker (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = fascia_db_sqlite_get_handle (fascia_store_get_db (fixture->store));
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GArray) scanned = NULL;
  StepTrace trace = { 0 };
  gint64 steps, steps_twice;

  /* 24,000 clients, the last 5,000 named Zygmunt (after 19,000 others in list order). */
  import_named (fixture, 0, 24000, zygmunt_last);
  scanned = scan_ids (fixture, "zygm");
  g_assert_cmpuint (scanned->len, ==, 5000);

  list = list_held (fixture, "zygm", &steps);
  g_assert_cmpuint (fascia_store_find_client (fixture->store, list,
                                              g_array_index (scanned, gint64, 7)), ==, G_MAXUINT);
  while (fascia_paged_list_get_growing (FASCIA_PAGED_LIST (list)))
    g_main_context_iteration (NULL, TRUE);
  assert_list_is_scan (fixture, list, "zygm");

  /* Its rows are read by id: a page far down costs what a page costs. */
  sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, step_trace_cb, &trace);
  g_object_unref (g_list_model_get_item (list, 4321));
  g_assert_cmpuint (fascia_store_find_client (fixture->store, list,
                                              g_array_index (scanned, gint64, 4999)), ==, 4999);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_cmpint (trace.vm_steps, <=, 100 * FASCIA_PAGED_LIST_PAGE_SIZE + 200);
  g_clear_object (&list);

  /* 24,000 more before the bunch: the window's thread does what it did. */
  import_named (fixture, 24000, 24000, aurelio);
  list = list_held (fixture, "zygm", &steps_twice);
  g_assert_cmpint (steps_twice * 4, <, steps * 5);
  fascia_store_finish_clients (fixture->store, list);
  assert_list_is_scan (fixture, list, "zygm");
  g_clear_object (&list);

  /* What must be answered now waits for the worker: a list finished at once is whole. */
  list = list_held (fixture, "zygmu", &steps);
  fascia_store_finish_clients (fixture->store, list);
  g_assert_false (fascia_paged_list_get_growing (FASCIA_PAGED_LIST (list)));
  assert_list_is_scan (fixture, list, "zygmu");
  g_clear_object (&list);

  /* A list let go of before the worker read it: its walk is cancelled, and nothing is told. */
  list = list_held (fixture, "zygmun", &steps);
  g_clear_object (&list);
  fascia_client_list_wait_kept (fixture->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What another connection does while a count walks the name index: after its first step. */
typedef struct
{
  FasciaStore  *other;
  GArray       *scanned;       /* every client found when the count began, in list order */
  GCancellable *cancel;        /* cancelled after the first step instead, when set */
  guint         n_progress;
} ChangeMidCount;

static void
rename_client (FasciaStore *store,
               gint64       id,
               const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_store_get_client (store, id, &error);

  g_assert_no_error (error);
  fascia_client_set_name (client, name);
  g_assert_true (fascia_store_update_client (store, client, &error));
  g_assert_no_error (error);
}

static void
change_mid_count (guint    n_found,
                  gpointer data)
{
  ChangeMidCount *change = data;
  g_autoptr(GError) error = NULL;
  guint n = change->scanned->len;

  if (change->n_progress++ > 0)
    return;
  if (change->cancel != NULL)
    {
      g_cancellable_cancel (change->cancel);
      return;
    }
  /* The first step walked the first 4,096 of 5,000. Three clients added and two deleted
   * where it has not walked yet; one moved from where it walked to where it has not (met
   * twice by a walk that sees it), one the other way (never met). Each saved at once, while
   * the count goes on: it holds no lock a save waits for. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Zachary %u Ashdown", i);

      fascia_client_set_name (client, name);
      g_assert_true (fascia_store_add_client (change->other, client, &error));
      g_assert_no_error (error);
    }
  for (guint i = n - 2; i < n; i++)
    {
      g_assert_true (fascia_store_delete (change->other, FASCIA_STORE_TABLE_CLIENTS,
                                          g_array_index (change->scanned, gint64, i), &error));
      g_assert_no_error (error);
    }
  rename_client (change->other, g_array_index (change->scanned, gint64, 1), "Zelda Ashdown");
  rename_client (change->other, g_array_index (change->scanned, gint64, n - 500),
                 "Abigail Ashdown");
}

static const char *
ashdown (guint i)
{
  return "Aurelio";
}

/* The count of everyone a search finds, which the store's worker walks a step of the name
 * index at a time (fascia_store_count_clients_async()), reads one snapshot of the clients:
 * another connection that adds, deletes and renames clients the search finds between its
 * steps neither adds to it nor takes from it (before, the steps after saw the additions
 * and not the deletions, counted a client renamed past the walk twice and one renamed
 * before it never). Those saves are made while the count runs, and the next count sees
 * them: the snapshot ends with the count, also when it is cancelled. */
static void
test_count_one_snapshot (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(GArray) scanned = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  ChangeMidCount change = { 0 };
  guint n = 0;

  import_named (fixture, 0, 5000, ashdown);
  scanned = scan_ids (fixture, "ashdown");
  g_assert_cmpuint (scanned->len, ==, 5000);
  other = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  change.other = other;
  change.scanned = scanned;

  {
    g_autoptr(FasciaClientQuery) query = fascia_client_query_new (fixture->store, "ashdown", 0);

    g_assert_true (fascia_client_query_count_all (query, NULL, change_mid_count, &change, &n,
                                                  &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (change.n_progress, >=, 1);
  after = scan_ids (fixture, "ashdown");
  g_assert_cmpuint (after->len, ==, 5000 + 3 - 2);
  g_assert_cmpuint (n, ==, scanned->len);

  /* Counted again: the saves are seen. */
  g_assert_cmpuint (count_all (fixture, "ashdown", 0), ==, after->len);

  /* A count cancelled after its first step ends its snapshot too. */
  change.cancel = cancel;
  change.n_progress = 0;
  {
    g_autoptr(FasciaClientQuery) query = fascia_client_query_new (fixture->store, "ashdown", 0);

    g_assert_false (fascia_client_query_count_all (query, cancel, change_mid_count, &change,
                                                   &n, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  rename_client (other, g_array_index (after, gint64, 0), "Aaron Brook");
  g_assert_cmpuint (count_all (fixture, "ashdown", 0), ==, after->len - 1);
}

typedef struct
{
  FasciaStore *other;          /* saves while the count is stalled */
  guint        n_progress;
  gboolean     saved;          /* the save made during the stall went through */
  gulong       stall_us;
} StallMidCount;

/* Past the server's SNAPSHOT_IDLE (10 s) of fascia-client-list.c, with a margin. */
#define SERVER_STALL_US (12 * G_USEC_PER_SEC)

static void
stall_mid_count (guint    n_found,
                 gpointer data)
{
  StallMidCount *stall = data;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GError) error = NULL;

  if (stall->n_progress++ > 0)
    return;
  /* The worker stalls between two steps (a machine swapping, a debugger): the count's read
   * transaction is left open, idle, on its connection. Another therapist's save meanwhile
   * does not wait for it. */
  fascia_client_set_name (client, "Zachary Stall Ashdown");
  stall->saved = fascia_store_add_client (stall->other, client, &error);
  g_assert_no_error (error);
  g_usleep (stall->stall_us);
}

/* A count whose worker stalls in the middle never holds its snapshot open for long on a clinic
 * server: the server ends that session after SNAPSHOT_IDLE, the count fails (not as
 * cancelled; the counter then makes its connection anew for the next, see
 * growing-reconnects in test-store-clients), and no session is left idle in a transaction
 * holding rows back from VACUUM. A file has no such guard and needs none: the stalled count
 * finishes, with what its snapshot saw. */
static void
test_count_stalled (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) counting = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaClientQuery) query = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);
  gboolean server = fascia_db_get_engine (db) == FASCIA_DB_ENGINE_POSTGRESQL;
  StallMidCount stall = { 0 };
  gboolean counted;
  guint n = 0;

  import_named (fixture, 0, 5000, ashdown);
  /* The count on a connection of its own, as the store's counter runs it. */
  counting = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  other = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  stall.other = other;
  stall.stall_us = server ? SERVER_STALL_US : G_USEC_PER_SEC / 2;

  query = fascia_client_query_new (counting, "ashdown", 0);
  counted = fascia_client_query_count_all (query, NULL, stall_mid_count, &stall, &n, &error);
  g_clear_pointer (&query, fascia_client_query_free);
  g_assert_cmpuint (stall.n_progress, >=, 1);
  g_assert_true (stall.saved);
  if (server)
    {
      g_assert_false (counted);
      g_assert_nonnull (error);
      g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_test_message ("the stalled count: %s", error->message);
      g_clear_error (&error);
      /* No session of this database is left in a transaction. */
      g_assert_cmpint (query_int (db, "SELECT count (*) FROM pg_stat_activity "
                                      "WHERE datname = current_database () "
                                      "AND pid <> pg_backend_pid () "
                                      "AND state LIKE 'idle in transaction%'"), ==, 0);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (counted);
      /* What the snapshot saw when the count began: not the client saved during the stall. */
      g_assert_cmpuint (n, ==, 5000);
    }
  /* Counted again, on a connection alive: the save made during the stall is seen. */
  g_assert_cmpuint (count_all (fixture, "ashdown", 0), ==, 5001);
}

/* Lists @text, growing, as the Clients page does; @selects: the statements that read, run
 * while the list was made. The list is what the scan finds. */
static GListModel *
list_counting (StoreFixture *fixture,
               FasciaStore  *store,
               const char   *text,
               guint        *selects,
               guint        *fetched)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_store_get_db (store);
  guint before = fascia_db_get_n_selects (db);
  GListModel *list = fascia_store_list_clients (store, text, FASCIA_STORE_LIST_GROWING, &error);

  g_assert_no_error (error);
  *selects = fascia_db_get_n_selects (db) - before;
  if (fetched != NULL)
    *fetched = fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (list));
  /* Narrowed: from the clients kept, one statement at most. */
  if (*selects <= 1)
    g_assert_nonnull (((FasciaClientQuery *) fascia_paged_list_get_user_data (
      FASCIA_PAGED_LIST (list)))->found);
  fascia_store_finish_clients (store, list);
  assert_list_is_scan (fixture, list, text);
  return list;
}

/* Typing narrows a search on a clinic server as in a file: the keystroke that narrows a short
 * search reads one statement (the stamp of changes to clients, on a server) before its page,
 * neither counting nor asking the index. A client changed by another connection (another
 * therapist), committed, moves the stamp: the next keystroke asks the index again and finds
 * the change; a transaction of another connection still open moves nothing and is not seen;
 * its commit is. */
static void
test_narrows_after_change (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  guint selects, fetched;

  gboolean server = fascia_db_get_engine (fascia_store_get_db (fixture->store))
                    == FASCIA_DB_ENGINE_POSTGRESQL;

  add_clients (fixture, 1000);

  list = list_counting (fixture, fixture->store, "marg", &selects, &fetched);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  /* On a server, the short list came whole with the keys it keeps: no page of its own; and
   * with nothing kept to narrow, the stamp came with the count (they were two statements):
   * two statements in all, as many as a program on libpq by hand makes. */
  if (server)
    {
      g_assert_cmpuint (fetched, ==, 1);
      g_assert_cmpuint (selects, ==, 2);
    }
  g_assert_cmpuint (g_list_model_get_n_items (list), <=, FASCIA_CLIENT_LIST_BOUND);
  g_clear_object (&list);
  list = list_counting (fixture, fixture->store, "marga", &selects, NULL);
  g_assert_cmpuint (selects, <=, 1);
  g_clear_object (&list);

  /* Renamed into the search by another connection. */
  other = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  client = fascia_store_get_client (other, 2, &error);
  g_assert_no_error (error);
  fascia_client_set_name (client, "Margarethe Quill");
  g_assert_true (fascia_store_update_client (other, client, &error));
  g_assert_no_error (error);
  list = list_counting (fixture, fixture->store, "margar", &selects, NULL);
  g_assert_cmpuint (selects, >, 1);
  g_clear_object (&list);
  list = list_counting (fixture, fixture->store, "margare", &selects, NULL);
  g_assert_cmpuint (selects, <=, 1);
  g_clear_object (&list);

  /* A search the one kept does not narrow to: counted with the stamp, then read whole. */
  list = list_counting (fixture, fixture->store, "quill", &selects, NULL);
  if (server)
    g_assert_cmpuint (selects, ==, 2);
  g_clear_object (&list);
  list = list_counting (fixture, fixture->store, "margaret", &selects, NULL);
  g_clear_object (&list);

  /* Archived there in a transaction still open: not seen, nothing moved; seen once committed. */
  g_assert_true (fascia_db_begin (fascia_store_get_db (other), &error));
  g_assert_no_error (error);
  g_assert_true (fascia_db_exec (fascia_store_get_db (other),
                                 "UPDATE clients SET archived = 1 WHERE id = 2", &error));
  g_assert_no_error (error);
  list = list_counting (fixture, fixture->store, "margareth", &selects, NULL);
  g_assert_cmpuint (selects, <=, 1);
  g_clear_object (&list);
  g_assert_true (fascia_db_commit (fascia_store_get_db (other), &error));
  g_assert_no_error (error);
  list = list_counting (fixture, fixture->store, "margarethe", &selects, NULL);
  g_assert_cmpuint (selects, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

/* A front-desk login (fascia_reception, --setup-clinic) searches as a therapist does: it may
 * read the stamp of changes to clients (sql-postgresql/015) and the contact columns the
 * search keeps, so typing that narrows its short search reads the stamp alone; a client
 * renamed by a therapist moves the stamp and is found at the next keystroke, and so is one
 * the desk renames itself (its change stamped by the owner's trigger, which the desk may not
 * write). Every list is what a scan of the clients finds. */
static void
test_reception_narrows (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) desk = NULL;
  g_autoptr(FasciaStore) therapist = NULL;
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_auto(GStrv) words = g_strsplit (fixture->path, " user=", 2);
  g_autofree char *desk_login = g_strdup_printf ("%s user=desk_search", words[0]);
  g_autofree char *therapist_login = g_strdup_printf ("%s user=room_search", words[0]);
  guint selects, fetched;

  add_clients (fixture, 1000);
  g_assert_true (fascia_store_setup_clinic (fixture->path, NULL, &error));
  g_assert_no_error (error);
  pg_server_exec (fixture->path, "DO $$ BEGIN "
              "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_search') THEN "
              "CREATE ROLE desk_search LOGIN; END IF; "
              "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'room_search') THEN "
              "CREATE ROLE room_search LOGIN; END IF; END $$; "
              "GRANT fascia_reception TO desk_search; GRANT fascia_therapist TO room_search");
  desk = fascia_store_open (desk_login, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_store_get_access (desk), ==, FASCIA_STORE_ACCESS_CONTACTS);
  therapist = fascia_store_open (therapist_login, &error);
  g_assert_no_error (error);

  list = list_counting (fixture, desk, "marg", &selects, &fetched);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), <=, FASCIA_CLIENT_LIST_BOUND);
  /* Came whole with the keys it keeps, as a therapist's does. */
  g_assert_cmpuint (fetched, ==, 1);
  g_clear_object (&list);
  list = list_counting (fixture, desk, "marga", &selects, NULL);
  g_assert_cmpuint (selects, <=, 1);
  g_clear_object (&list);

  /* Renamed into the search by a therapist. */
  client = fascia_store_get_client (therapist, 2, &error);
  g_assert_no_error (error);
  fascia_client_set_name (client, "Margarethe Quill");
  g_assert_true (fascia_store_update_client (therapist, client, &error));
  g_assert_no_error (error);
  list = list_counting (fixture, desk, "margar", &selects, NULL);
  g_assert_cmpuint (selects, >, 1);
  g_clear_object (&list);
  list = list_counting (fixture, desk, "margare", &selects, NULL);
  g_assert_cmpuint (selects, <=, 1);
  g_clear_object (&list);

  /* Renamed into it by the desk itself. */
  g_clear_object (&client);
  client = fascia_store_get_client (desk, 5, &error);
  g_assert_no_error (error);
  fascia_client_set_name (client, "Margaretta Vell");
  g_assert_true (fascia_store_update_client (desk, client, &error));
  g_assert_no_error (error);
  list = list_counting (fixture, desk, "margaret", &selects, NULL);
  g_assert_cmpuint (selects, >, 1);
  g_clear_object (&list);
  list = list_counting (fixture, desk, "margarett", &selects, NULL);
  g_assert_cmpuint (selects, <=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

/* The server's stamp of changes to clients (sql-postgresql/015) moves once when a transaction
 * that changed clients commits, not before; and a transaction whose counter was moved by
 * another that committed since it began (the same slot: transaction ids 256 apart) still
 * commits, and moves the stamp, rather than failing as REPEATABLE READ fails an update of a
 * row changed meanwhile. */
static void
test_server_stamp (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);
  FasciaDb *odb;
  const char *stamp = "SELECT sum(stamp)::bigint FROM client_changes";
  g_autofree char *slot = NULL;
  g_autofree char *next = NULL;
  gint64 before, xid, oxid, in_slot, in_next;

  add_clients (fixture, 3);
  other = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  odb = fascia_store_get_db (other);

  /* Three clients added in one transaction: once, at the commit. */
  before = query_int (db, stamp);
  g_assert_true (fascia_db_begin (odb, &error));
  g_assert_true (fascia_db_exec (odb, "UPDATE clients SET name = name || ' A' WHERE id <= 3",
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, stamp), ==, before);
  g_assert_true (fascia_db_commit (odb, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, stamp), ==, before + 1);

  /* The same slot: this connection's transaction begins (its snapshot taken), another's with
   * an id 256 on changes a client and commits first. */
  g_assert_true (fascia_db_begin (db, &error));
  g_assert_true (fascia_db_exec (db, "UPDATE clients SET name = name || ' B' WHERE id = 1",
                                 &error));
  g_assert_no_error (error);
  xid = query_int (db, "SELECT pg_current_xact_id ()::text::bigint");
  do
    oxid = query_int (odb, "SELECT pg_current_xact_id ()::text::bigint");
  while (oxid % 256 != (xid + 255) % 256);
  slot = g_strdup_printf ("SELECT stamp FROM client_changes WHERE slot = %d",
                          (int) (xid % 256));
  next = g_strdup_printf ("SELECT stamp FROM client_changes WHERE slot = %d",
                          (int) ((xid + 1) % 256));
  in_slot = query_int (odb, slot);
  in_next = query_int (odb, next);
  g_assert_true (fascia_db_exec (odb, "UPDATE clients SET name = name || ' C' WHERE id = 2",
                                 &error));
  g_assert_no_error (error);
  /* The other's commit counted in this transaction's slot. */
  g_assert_cmpint (query_int (odb, slot), ==, in_slot + 1);
  g_assert_true (fascia_db_commit (db, &error));
  g_assert_no_error (error);
  /* This one counted in the next slot. */
  g_assert_cmpint (query_int (db, slot), ==, in_slot + 1);
  g_assert_cmpint (query_int (db, next), ==, in_next + 1);
  g_assert_cmpint (query_int (db, stamp), ==, before + 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST ("/fascia/core/client-list/same-as-scan", test_same_as_scan);
  STORE_TEST ("/fascia/core/client-list/index-in-step", test_index_in_step);
  STORE_TEST ("/fascia/core/client-list/pages", test_pages);
  STORE_TEST ("/fascia/core/client-list/narrows-after-change", test_narrows_after_change);
  STORE_TEST ("/fascia/core/client-list/count-one-snapshot", test_count_one_snapshot);
  STORE_TEST ("/fascia/core/client-list/count-stalled", test_count_stalled);
  /* Reads SQLite's own trace of each statement's plan. */
  STORE_TEST_SQLITE ("/fascia/core/client-list/count-from-index", test_count_from_index);
  /* Reads SQLite's plans of the statements it ran; the server's own statistics. */
  STORE_TEST_SQLITE ("/fascia/core/client-list/covering", test_covering);
  /* The plan chosen is SQLite's (the server plans its own). */
  STORE_TEST_SQLITE ("/fascia/core/client-list/bunched", test_bunched);
  /* Counts SQLite's own steps of each statement. */
  STORE_TEST_SQLITE ("/fascia/core/client-list/narrows", test_narrows);
  /* Counts SQLite's own steps of each statement; the server keeps no search. */
  STORE_TEST_SQLITE ("/fascia/core/client-list/spread-kept-later", test_spread_kept_later);
  /* Holds SQLite's worker connection, and counts SQLite's own steps; the server keeps none. */
  STORE_TEST_SQLITE ("/fascia/core/client-list/bunched-does-not-wait",
                     test_bunched_does_not_wait);
  /* Holds SQLite's worker connection, and counts SQLite's own steps; the server keeps none. */
  STORE_TEST_SQLITE ("/fascia/core/client-list/bunched-many-in-worker",
                     test_bunched_many_in_worker);
  g_test_add ("/postgresql/fascia/core/client-list/reception-narrows", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_reception_narrows, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/client-list/stamp", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_server_stamp, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/client-list/covering", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_server_covering, store_fixture_tear_down);
  /* Reads the server's own statistics and its list of the statements prepared on the
   * store's connection. */
  g_test_add ("/postgresql/fascia/core/client-list/planned-per-run", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_server_planned_per_run,
              store_fixture_tear_down);
  /* Reads the server's own statistics of its scans. */
  g_test_add ("/postgresql/fascia/core/client-list/search-reads-index", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_server_search_reads_index,
              store_fixture_tear_down);

  return g_test_run ();
}
