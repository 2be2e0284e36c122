/* bench-store.c — FasciaStore on a large clinic, beside the same work in raw SQLite.
 *
 * Builds a clinic of 20,000 clients, 200,000 visits and 1,000,000 pain marks in one
 * transaction (FASCIA_BENCH_CLIENTS=N for another number of clients, ten visits each;
 * FASCIA_BENCH_SEARCH_ONLY=1 for the clients alone and only the search timed;
 * FASCIA_BENCH_DB=FILE to make the clinic there once and read it again in later runs;
 * FASCIA_BENCH_TRACE=1 to print each keystroke's times to stderr), then times opening, client search per keystroke, loading a client's plans and
 * visits, and saving a visit — each through FasciaStore and through hand-written prepared
 * sqlite3 statements on the same file in the same run, interleaved, and prints both with
 * their ratio, and the file size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-report.h"
#include "fascia-db-sqlite.h"
#include "fascia-store-private.h"
#include "fascia-test-utils.h"

#define DEFAULT_CLIENTS    20000
#define VISITS_PER_CLIENT  10
#define MARKS_PER_VISIT    5
#define TARGETS_PER_PLAN   3
#define PAGE_OF_ROWS       20     /* the rows a list view shows and so asks for */

static const char *first_names[] = {
  "Margaret", "Oliver", "Amelia", "Harriet", "Theodore", "Beatrix", "Rupert", "Imogen",
  "Jasper", "Clara", "Felix", "Rosalind", "Edmund", "Matilda", "Hugo", "Penelope", "Ada",
  "Barnaby", "Cecily", "Desmond", "Eleanor", "Frederick", "Georgina", "Horace", "Iris",
  "José", "Zoë", "Ingrid", "Søren", "Anaïs", "Priya", "Kenji", "Olumide", "Mei", "Lars",
};
static const char *last_names[] = {
  "Ellison", "Hartley", "Pemberton", "Whitlock", "Ashdown", "Fairweather", "Thornbury",
  "Calloway", "Brightwater", "Merriweather", "Holloway", "Kingsley", "Ravensworth",
  "Sutherland", "Underhill", "Winterbourne", "Blackwood", "Copperfield", "Dunmore", "Everly",
  "Fitzgerald", "Greenhalgh", "Haverford", "Ingleby", "Jolliffe", "Nakamura", "Okafor",
  "Lindqvist", "Moreau", "Ramanathan", "Østergaard", "Van der Berg", "O'Sullivan",
};
static const char *muscles[] = {
  "psoas-major", "quadratus-lumborum", "piriformis", "gluteus-medius", "iliacus",
  "tensor-fasciae-latae", "lumbar-multifidus", "gluteus-maximus",
};
static const char *views[] = { "anterior", "posterior-superficial", "posterior-deep",
                               "lateral" };
static const char *pain_types[] = { "ache", "sharp", "burning", "numbness", "tingling" };

static guint n_clients = DEFAULT_CLIENTS;
static guint visits_per_client = VISITS_PER_CLIENT;




static void
check (int         rc,
       sqlite3    *db,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL), db, sql);
  return stmt;
}

static void
step_done (sqlite3      *db,
           sqlite3_stmt *stmt)
{
  check (sqlite3_step (stmt), db, sqlite3_sql (stmt));
  sqlite3_reset (stmt);
}

static const char *
pick (GRand        *rand,
      const char  **list,
      guint         n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

static char *
client_name (guint i)
{
  /* Deterministic, so the typed names below exist. */
  return g_strdup_printf ("%s %s",
                          first_names[i % G_N_ELEMENTS (first_names)],
                          last_names[(i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)]);
}

/* The clinic, written with raw statements in one transaction (the store's own API makes one
 * transaction per user action, which is the point of it, and the wrong tool here). */
static void
build_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3 *db = NULL;
  sqlite3_stmt *client, *plan, *target, *visit, *visit_target, *mark;
  gint64 now = g_get_real_time ();
  gint64 visit_id = 0, target_id = 0;
  double start = bench_ms_now ();

  store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);

  check (sqlite3_open (path, &db), db, "open");
  /* One big transaction is faster through a rollback journal than through the WAL. */
  check (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; "
                           "PRAGMA cache_size = -262144; PRAGMA foreign_keys = ON; BEGIN",
                       NULL, NULL, NULL), db, "begin");

  client = prepare (db, "INSERT INTO clients (id, name, email, phone, date_of_birth, notes, "
                        "search_key, sort_key, created_at, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
  plan = prepare (db, "INSERT INTO plans (id, client_id, title, goals, status, start_date, "
                      "created_at, updated_at) VALUES (?1, ?1, 'Low back and hip', "
                      "'Sit an hour with pain under 3/10', 'active', '2024-01-08', ?2, ?2)");
  target = prepare (db, "INSERT INTO plan_targets (id, plan_id, muscle_id, side, technique_ids, "
                        "position, created_at, updated_at) VALUES (?1, ?2, ?3, 'right', "
                        "'[\"trigger-point-therapy\",\"pin-and-stretch\"]', ?4, ?5, ?5)");
  visit = prepare (db, "INSERT INTO visits (id, client_id, plan_id, visited_at, subjective, "
                       "objective, assessment, plan_notes, pain_before, pain_after, created_at, "
                       "updated_at) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?3, ?3)");
  visit_target = prepare (db, "INSERT INTO visit_targets (visit_id, plan_target_id, position) "
                              "VALUES (?1, ?2, ?3)");
  mark = prepare (db, "INSERT INTO pain_marks (visit_id, view_id, region_id, intensity, "
                      "pain_type, note, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?6)");

  for (guint c = 1; c <= n_clients; c++)
    {
      g_autofree char *name = client_name (c);
      g_autofree char *email = g_strdup_printf ("client%u@example.org", c);
      g_autofree char *phone = g_strdup_printf ("555-%04u-%03u", c % 10000, c % 997);
      g_autofree char *digits = g_strdup_printf ("555%04u%03u", c % 10000, c % 997);
      g_autofree char *folded_name = fascia_store_fold (name);
      g_autofree char *key = g_strjoin ("\n", folded_name, email, phone, digits, NULL);
      g_autofree char *dob = g_strdup_printf ("%04u-%02u-%02u", 1940 + c % 60, 1 + c % 12,
                                              1 + c % 28);

      sqlite3_bind_int64 (client, 1, c);
      sqlite3_bind_text (client, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 3, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 4, phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 5, dob, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 6, "Referred by a colleague. Desk job.", -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 7, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 8, folded_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (client, 9, now);
      step_done (db, client);

      sqlite3_bind_int64 (plan, 1, c);
      sqlite3_bind_int64 (plan, 2, now);
      step_done (db, plan);

      for (guint t = 0; t < TARGETS_PER_PLAN; t++)
        {
          sqlite3_bind_int64 (target, 1, ++target_id);
          sqlite3_bind_int64 (target, 2, c);
          sqlite3_bind_text (target, 3, muscles[(c + t) % G_N_ELEMENTS (muscles)], -1,
                             SQLITE_STATIC);
          sqlite3_bind_int (target, 4, t);
          sqlite3_bind_int64 (target, 5, now);
          step_done (db, target);
        }

      for (guint v = 0; v < visits_per_client; v++)
        {
          gint64 when = now - (gint64) (visits_per_client - v) * 7 * G_TIME_SPAN_DAY;
          int before = g_rand_int_range (rand, 3, 9);

          sqlite3_bind_int64 (visit, 1, ++visit_id);
          sqlite3_bind_int64 (visit, 2, c);
          sqlite3_bind_int64 (visit, 3, when);
          sqlite3_bind_text (visit, 4, "Low back ache after sitting, worse in the afternoon; "
                             "slept better since last time.", -1, SQLITE_STATIC);
          sqlite3_bind_text (visit, 5, "QL tender at L3 transverse process; hip flexion "
                             "contracture on the right, Thomas test positive.", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (visit, 6, "Improving; QL still the main driver.", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (visit, 7, "Continue; progress glute bridges.", -1, SQLITE_STATIC);
          sqlite3_bind_int (visit, 8, before);
          sqlite3_bind_int (visit, 9, MAX (0, before - g_rand_int_range (rand, 1, 4)));
          step_done (db, visit);

          for (guint t = 0; t < 2; t++)
            {
              sqlite3_bind_int64 (visit_target, 1, visit_id);
              sqlite3_bind_int64 (visit_target, 2, target_id - t);
              sqlite3_bind_int (visit_target, 3, t);
              step_done (db, visit_target);
            }

          for (guint m = 0; m < MARKS_PER_VISIT; m++)
            {
              g_autofree char *region = g_strdup_printf ("m-%s-%s",
                                                         pick (rand, muscles,
                                                               G_N_ELEMENTS (muscles)),
                                                         m % 2 ? "l" : "r");

              sqlite3_bind_int64 (mark, 1, visit_id);
              sqlite3_bind_text (mark, 2, pick (rand, views, G_N_ELEMENTS (views)), -1,
                                 SQLITE_STATIC);
              sqlite3_bind_text (mark, 3, region, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int (mark, 4, g_rand_int_range (rand, 0, 11));
              sqlite3_bind_text (mark, 5, pick (rand, pain_types, G_N_ELEMENTS (pain_types)), -1,
                                 SQLITE_STATIC);
              sqlite3_bind_int64 (mark, 6, when);
              step_done (db, mark);
            }
        }
    }

  check (sqlite3_exec (db, "COMMIT; PRAGMA optimize; PRAGMA journal_mode = WAL", NULL, NULL,
                       NULL), db, "commit");
  sqlite3_finalize (client);
  sqlite3_finalize (plan);
  sqlite3_finalize (target);
  sqlite3_finalize (visit);
  sqlite3_finalize (visit_target);
  sqlite3_finalize (mark);
  sqlite3_close (db);

  g_print ("Built %u clients, %u visits, %u pain marks in %.1f s\n", n_clients,
           n_clients * visits_per_client, n_clients * visits_per_client * MARKS_PER_VISIT,
           (bench_ms_now () - start) / 1000.0);
}


/* Opening */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;

  check (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), db, "open");
  sqlite3_busy_timeout (db, 5000);
  stmt = prepare (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                      "(SELECT user_version FROM pragma_user_version)");
  step_done (db, stmt);
  sqlite3_finalize (stmt);
  check (sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
                           "PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL",
                       NULL, NULL, NULL), db, "pragmas");
  return db;
}

static void
bench_open (const char *path)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GError) error = NULL;
      FasciaStore *store;
      sqlite3 *db;
      double t0, t;

      t0 = bench_ms_now ();
      store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
      if (store == NULL)
        g_error ("%s", error->message);
      g_object_unref (store);
      t = bench_ms_now () - t0;
      g_array_append_val (store_ms, t);

      t0 = bench_ms_now ();
      db = raw_open (path);
      sqlite3_close (db);
      t = bench_ms_now () - t0;
      g_array_append_val (raw_ms, t);
    }

  bench_report ("open + close", store_ms, "raw", raw_ms, FALSE, 0);
}

/* Search as you type */

/* The clock the search is timed with: the wall, then the processor time of this thread,
 * which a machine loaded by other work inflates far less. */
static double (*search_clock) (void) = bench_ms_now;

static double
thread_ms_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static const char *typed[] = {
  "margaret ellison", "zoe", "ravensworth", "555-0123", "client1234@", "o'sullivan",
  "søren hol", "fitz",
};

/* The statements of the best indexed queries by hand, for the same rules as the store's
 * search: a term of three characters or more is looked up in the trigram index, shorter
 * terms are checked on what it found, and a search of short terms only lists the names that
 * begin with the text. */
typedef struct
{
  sqlite3_stmt *fts_count;    /* the trigram index alone: exact with no short terms */
  sqlite3_stmt *index_count;  /* the clients the index found, short terms checked */
  sqlite3_stmt *walk_count;   /* clients_by_name, every entry checked */
  sqlite3_stmt *index_page;   /* the clients the index found, sorted */
  sqlite3_stmt *walk_page;    /* clients_by_name in list order until a page is full */
  sqlite3_stmt *prefix_count;
  sqlite3_stmt *prefix_page;
  sqlite3_stmt *row;
} RawSearch;

#define CHECKED "AND instr(search_key, ?2) AND instr(search_key, ?3) AND instr(search_key, ?4) "
#define WALKED "AND instr(search_key, ?5) AND instr(search_key, ?6) AND instr(search_key, ?7) " \
               "AND instr(search_key, ?8) "
#define FOUND "id IN (SELECT rowid FROM clients_search WHERE clients_search MATCH ?1) "
#define LISTED "deleted_at IS NULL AND archived = 0 "
#define IN_ORDER "ORDER BY sort_key, archived, search_key, id "

static void
raw_search_prepare (sqlite3   *db,
                    RawSearch *raw)
{
  g_autofree char *limit = g_strdup_printf ("LIMIT %d", PAGE_OF_ROWS);
  g_autofree char *index_page = g_strconcat ("SELECT id FROM clients WHERE " FOUND "AND " LISTED
                                             CHECKED IN_ORDER, limit, NULL);
  g_autofree char *walk_page = g_strconcat ("SELECT id FROM clients WHERE " LISTED WALKED
                                            IN_ORDER, limit, NULL);
  g_autofree char *prefix_page = g_strconcat ("SELECT id FROM clients WHERE " LISTED
                                              "AND sort_key >= ?1 AND sort_key < ?2 " IN_ORDER,
                                              limit, NULL);

  raw->fts_count = prepare (db, "SELECT count(*) FROM clients_search WHERE clients_search "
                                "MATCH ?1");
  raw->index_count = prepare (db, "SELECT count(*) FROM clients WHERE " FOUND "AND " LISTED
                                  CHECKED);
  raw->walk_count = prepare (db, "SELECT count(*) FROM clients WHERE " LISTED WALKED);
  raw->index_page = prepare (db, index_page);
  raw->walk_page = prepare (db, walk_page);
  raw->prefix_count = prepare (db, "SELECT count(*) FROM clients WHERE " LISTED
                                   "AND sort_key >= ?1 AND sort_key < ?2");
  raw->prefix_page = prepare (db, prefix_page);
  raw->row = prepare (db, "SELECT id, name, email, phone, date_of_birth, notes FROM clients "
                          "WHERE id = ?1");
}

static void
raw_search_finalize (RawSearch *raw)
{
  sqlite3_stmt **stmts[] = { &raw->fts_count, &raw->index_count, &raw->walk_count,
                             &raw->index_page, &raw->walk_page, &raw->prefix_count,
                             &raw->prefix_page, &raw->row };

  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    g_clear_pointer (stmts[i], sqlite3_finalize);
}

static guint
raw_count (sqlite3_stmt *stmt)
{
  guint n = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;

  sqlite3_reset (stmt);
  return n;
}

/* The page's ids, then each row as a list asks for it. */
static void
raw_page (sqlite3_stmt *page,
          sqlite3_stmt *row)
{
  while (sqlite3_step (page) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (row, 1, sqlite3_column_int64 (page, 0));
      if (sqlite3_step (row) == SQLITE_ROW)
        {
          volatile const unsigned char *name = sqlite3_column_text (row, 1);

          (void) name;
        }
      sqlite3_reset (row);
    }
  sqlite3_reset (page);
}

/* The count and the first page of @query, each by the faster of the two plans where there
 * are two (each timed apart, and the faster taken): what no choice of plan could beat.
 * @ms: (out): that time. */
static guint
raw_search (RawSearch  *raw,
            const char *query,
            double     *ms)
{
  g_autofree char *folded = fascia_store_fold (query);
  g_autofree char *end = g_strconcat (folded, "\xff", NULL);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) short_terms = g_ptr_array_new_with_free_func (g_free);
  double t0, t_count, t_page;
  guint n, n_walk;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gboolean phone = strpbrk (word, "0123456789") != NULL &&
                       word[strspn (word, "0123456789+-()./")] == '\0';
      GString *term = g_string_new (NULL);

      for (const char *p = word; *p != '\0'; p++)
        if (!phone || g_ascii_isdigit (*p))
          g_string_append_c (term, *p);
      if (term->len == 0)
        {
          g_string_free (term, TRUE);
          continue;
        }
      if (g_utf8_strlen (term->str, -1) >= 3)
        {
          g_string_append (match, match->len > 0 ? " \"" : "\"");
          for (const char *p = term->str; *p != '\0'; p++)
            g_string_append_printf (match, *p == '"' ? "\"\"" : "%c", *p);
          g_string_append_c (match, '"');
        }
      else
        g_ptr_array_add (short_terms, g_strdup (term->str));
      g_ptr_array_add (terms, g_string_free (term, FALSE));
    }
  g_assert (terms->len <= 4 && short_terms->len <= 3);

  if (match->len == 0)
    {
      t0 = search_clock ();
      sqlite3_bind_text (raw->prefix_count, 1, folded, -1, SQLITE_STATIC);
      sqlite3_bind_text (raw->prefix_count, 2, end, -1, SQLITE_STATIC);
      n = raw_count (raw->prefix_count);
      sqlite3_bind_text (raw->prefix_page, 1, folded, -1, SQLITE_STATIC);
      sqlite3_bind_text (raw->prefix_page, 2, end, -1, SQLITE_STATIC);
      raw_page (raw->prefix_page, raw->row);
      *ms = search_clock () - t0;
      return n;
    }

  for (guint i = 0; i < 3; i++)
    {
      const char *term = i < short_terms->len ? g_ptr_array_index (short_terms, i) : "";

      sqlite3_bind_text (raw->index_count, 2 + i, term, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (raw->index_page, 2 + i, term, -1, SQLITE_TRANSIENT);
    }
  for (guint i = 0; i < 4; i++)
    {
      const char *term = i < terms->len ? g_ptr_array_index (terms, i) : "";

      sqlite3_bind_text (raw->walk_count, 5 + i, term, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (raw->walk_page, 5 + i, term, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (raw->fts_count, 1, match->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->index_count, 1, match->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->index_page, 1, match->str, -1, SQLITE_STATIC);

  /* The count: the index alone when that is exact (nothing archived here), else the
   * faster of the two. */
  t0 = search_clock ();
  n = raw_count (short_terms->len == 0 ? raw->fts_count : raw->index_count);
  t_count = search_clock () - t0;
  t0 = search_clock ();
  n_walk = raw_count (raw->walk_count);
  t_count = MIN (t_count, search_clock () - t0);
  if (n != n_walk)
    g_error ("“%s”: the trigram index finds %u, the walk %u", query, n, n_walk);

  t0 = search_clock ();
  raw_page (raw->index_page, raw->row);
  t_page = search_clock () - t0;
  t0 = search_clock ();
  raw_page (raw->walk_page, raw->row);
  t_page = MIN (t_page, search_clock () - t0);

  *ms = t_count + t_page;
  return n;
}

static guint
store_search (FasciaStore          *store,
              const char           *query,
              FasciaStoreListFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (store, query, flags, &error);
  guint n;

  if (list == NULL)
    g_error ("%s", error->message);

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < MIN (n, PAGE_OF_ROWS); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);

      (void) fascia_client_get_name (client);
    }

  return n;
}

static void
bench_search (FasciaStore *store,
              FasciaStore *growing,
              sqlite3     *db,
              const char  *clock_name)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) growing_ms = g_array_new (FALSE, FALSE, sizeof (double));
  RawSearch raw = { 0 };

  raw_search_prepare (db, &raw);

  for (guint round = 0; round < 3; round++)
    for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
      for (gsize len = 1; len <= strlen (typed[w]); len++)
        {
          g_autofree char *prefix = g_strndup (typed[w], len);
          guint n_store, n_raw;
          double t0, t;

          if (!g_utf8_validate (prefix, -1, NULL))
            continue;

          t0 = search_clock ();
          n_store = store_search (store, prefix, 0);
          t = search_clock () - t0;
          g_array_append_val (store_ms, t);

          /* As the window lists: the length counted up to a bound, the rest afterwards on a
           * connection of its own (not timed here; the list is dropped at once). */
          t0 = search_clock ();
          store_search (growing, prefix, FASCIA_STORE_LIST_GROWING);
          t = search_clock () - t0;
          g_array_append_val (growing_ms, t);

          n_raw = raw_search (&raw, prefix, &t);
          g_array_append_val (raw_ms, t);
          if (g_getenv ("FASCIA_BENCH_TRACE") != NULL)
            g_printerr ("  %-18s %6u  store %7.3f  growing %7.3f  raw %7.3f\n", prefix, n_raw,
                        g_array_index (store_ms, double, store_ms->len - 1),
                        g_array_index (growing_ms, double, growing_ms->len - 1), t);

          if (n_store != n_raw)
            g_error ("“%s”: the store found %u, raw SQL %u", prefix, n_store, n_raw);
          if (round == 0 && len == strlen (typed[w]))
            g_print ("  “%s” → %u clients\n", typed[w], n_store);
        }

  g_print ("  %u keystrokes each way, %s\n", store_ms->len, clock_name);
  bench_report ("search, per keystroke", store_ms, "raw", raw_ms, TRUE, 0);
  bench_report ("search, per keystroke, growing (as the window lists)", growing_ms, "raw",
                raw_ms, TRUE, 1.0);
  raw_search_finalize (&raw);
}

/* Loading one client */

static void
raw_step_all (sqlite3_stmt *stmt,
              gint64        id)
{
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        volatile const unsigned char *text = sqlite3_column_text (stmt, c);

        (void) text;
      }
  sqlite3_reset (stmt);
}

static void
bench_load_client (FasciaStore *store,
                   sqlite3     *db)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3_stmt *plans, *targets, *visits;

  plans = prepare (db, "SELECT id, client_id, title, goals, sessions_per_week, weeks, status, "
                       "start_date, end_date, discharge_criteria, created_at, updated_at "
                       "FROM plans WHERE client_id = ?1 AND deleted_at IS NULL "
                       "ORDER BY coalesce(start_date, '9999') DESC, id DESC");
  targets = prepare (db, "SELECT id, plan_id, muscle_id, side, technique_ids, pressure, "
                         "duration_minutes, notes, position, created_at, updated_at "
                         "FROM plan_targets WHERE plan_id = ?1 AND deleted_at IS NULL "
                         "ORDER BY position, id");
  visits = prepare (db, "SELECT id, client_id, plan_id, visited_at, subjective, objective, "
                        "assessment, plan_notes, pain_before, pain_after, created_at, "
                        "updated_at, (SELECT group_concat(plan_target_id) FROM "
                        "(SELECT plan_target_id FROM visit_targets WHERE visit_id = visits.id "
                        "ORDER BY position)) FROM visits WHERE client_id = ?1 "
                        "AND deleted_at IS NULL ORDER BY visited_at DESC, id DESC");

  for (guint i = 0; i < 300; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, n_clients + 1);
      g_autoptr(GError) error = NULL;
      double t0, t;

      t0 = bench_ms_now ();
      {
        g_autoptr(GListModel) p = fascia_store_list_plans (store, id, &error);
        g_autoptr(GListModel) v = fascia_store_list_visits (store, id, &error);

        for (guint k = 0; k < g_list_model_get_n_items (p); k++)
          {
            g_autoptr(FasciaPlan) plan = g_list_model_get_item (p, k);
            g_autoptr(GListModel) tl = fascia_store_list_plan_targets (store,
                                                                       fascia_plan_get_id (plan),
                                                                       &error);
          }
        if (g_list_model_get_n_items (v) != visits_per_client)
          g_error ("client %" G_GINT64_FORMAT ": %u visits", id, g_list_model_get_n_items (v));
      }
      t = bench_ms_now () - t0;
      g_array_append_val (store_ms, t);

      t0 = bench_ms_now ();
      raw_step_all (plans, id);
      raw_step_all (targets, id);   /* plan id = client id in this clinic */
      raw_step_all (visits, id);
      t = bench_ms_now () - t0;
      g_array_append_val (raw_ms, t);
    }

  bench_report ("load a client's plans and visits", store_ms, "raw", raw_ms, FALSE, 0);
  sqlite3_finalize (plans);
  sqlite3_finalize (targets);
  sqlite3_finalize (visits);
}

/* Saving a visit */

static void
bench_save_visit (FasciaStore *store,
                  sqlite3     *db)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *begin, *visit, *target, *commit;
  gint64 targets[2] = { 3 * 500 - 1, 3 * 500 };

  begin = prepare (db, "BEGIN IMMEDIATE");
  visit = prepare (db, "INSERT INTO visits (client_id, plan_id, visited_at, subjective, "
                       "objective, assessment, plan_notes, pain_before, pain_after, created_at, "
                       "updated_at) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?2, ?2)");
  target = prepare (db, "INSERT INTO visit_targets (visit_id, plan_target_id, position) "
                        "VALUES (?1, ?2, ?3)");
  commit = prepare (db, "COMMIT");

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaVisit) v = fascia_visit_new ();
      double t0, t;
      gint64 id;

      t0 = bench_ms_now ();
      fascia_visit_set_client_id (v, 500);
      fascia_visit_set_plan_id (v, 500);
      fascia_visit_set_subjective (v, "Better this week; stiff after gardening.");
      fascia_visit_set_objective (v, "QL less tender; hip extension near full.");
      fascia_visit_set_assessment (v, "Improving.");
      fascia_visit_set_plan_notes (v, "Continue; add bird-dog.");
      fascia_visit_set_pain_before (v, 4);
      fascia_visit_set_pain_after (v, 2);
      fascia_visit_set_treated_target_ids (v, targets, 2);
      if (!fascia_store_add_visit (store, v, &error))
        g_error ("%s", error->message);
      t = bench_ms_now () - t0;
      g_array_append_val (store_ms, t);

      t0 = bench_ms_now ();
      step_done (db, begin);
      sqlite3_bind_int64 (visit, 1, 500);
      sqlite3_bind_int64 (visit, 2, g_get_real_time ());
      sqlite3_bind_text (visit, 3, "Better this week; stiff after gardening.", -1, SQLITE_STATIC);
      sqlite3_bind_text (visit, 4, "QL less tender; hip extension near full.", -1, SQLITE_STATIC);
      sqlite3_bind_text (visit, 5, "Improving.", -1, SQLITE_STATIC);
      sqlite3_bind_text (visit, 6, "Continue; add bird-dog.", -1, SQLITE_STATIC);
      sqlite3_bind_int (visit, 7, 4);
      sqlite3_bind_int (visit, 8, 2);
      step_done (db, visit);
      id = sqlite3_last_insert_rowid (db);
      for (guint t_i = 0; t_i < 2; t_i++)
        {
          sqlite3_bind_int64 (target, 1, id);
          sqlite3_bind_int64 (target, 2, targets[t_i]);
          sqlite3_bind_int (target, 3, t_i);
          step_done (db, target);
        }
      step_done (db, commit);
      t = bench_ms_now () - t0;
      g_array_append_val (raw_ms, t);
    }

  bench_report ("save a visit (synchronous=FULL)", store_ms, "raw", raw_ms, FALSE, 0);
  sqlite3_finalize (begin);
  sqlite3_finalize (visit);
  sqlite3_finalize (target);
  sqlite3_finalize (commit);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaStore) growing = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db;
  GStatBuf st;
  gboolean search_only;

  if (g_getenv ("FASCIA_BENCH_CLIENTS") != NULL)
    n_clients = MAX (1, (guint) g_ascii_strtoull (g_getenv ("FASCIA_BENCH_CLIENTS"), NULL, 10));
  search_only = g_strcmp0 (g_getenv ("FASCIA_BENCH_SEARCH_ONLY"), "1") == 0;
  if (search_only)
    visits_per_client = 0;

  dir = g_dir_make_tmp ("fascia-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fascia.db", NULL);

  /* FASCIA_BENCH_DB=FILE: the clinic is made there once and kept, read again by later runs
   * of the same size (to profile or compare builds without making it each time). */
  if (g_getenv ("FASCIA_BENCH_DB") != NULL)
    {
      g_free (path);
      path = g_strdup (g_getenv ("FASCIA_BENCH_DB"));
    }
  if (g_getenv ("FASCIA_BENCH_DB") == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    build_clinic (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if (visits_per_client > 0)
    g_print ("File size: %.1f MB (%.0f bytes per visit with its marks)\n",
             st.st_size / 1e6, (double) st.st_size / (n_clients * visits_per_client));
  else
    g_print ("File size: %.1f MB\n", st.st_size / 1e6);

  if (!search_only)
    bench_open (path);

  store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  db = raw_open (path);

  /* The growing lists on a connection of their own: the store keeps what a search found for
   * the keystrokes that narrow it, and each line is to see its own keystroke before, as a
   * user typing would, not the other line's search of the same text. */
  growing = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  bench_search (store, growing, db, "wall time");
  search_clock = thread_ms_now;
  bench_search (store, growing, db, "processor time of the thread");
  g_clear_object (&growing);
  if (!search_only)
    {
      bench_load_client (store, db);
      bench_save_visit (store, db);
    }

  sqlite3_close (db);
  g_clear_object (&store);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    if (g_getenv ("FASCIA_BENCH_DB") == NULL)
      {
        g_unlink (path);
        g_unlink (wal);
        g_unlink (shm);
      }
    /* And whatever else the store left there (its backups). */
    fascia_test_rm_rf (dir);
  }

  return EXIT_SUCCESS;
}
