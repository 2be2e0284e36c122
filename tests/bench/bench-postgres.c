/* bench-postgres.c — FasciaStore on a clinic server, beside raw libpq in the same run.
 *
 * Starts its own PostgreSQL (initdb in a temporary folder, a Unix socket only, no TCP port;
 * see tests/core/pg-server.h) with fsync and synchronous commit on, as a real server runs.
 * Makes the demo clinic of 20,012 clients through the store (fascia_store_create_demo_full(),
 * what `fascia --create-demo URI --clients 20000` does), and gives 20 of them a plan and 200
 * visits each, with what they treated and their pain marks. Then, each through FasciaStore
 * and through hand-written prepared statements on a libpq connection of its own, interleaved:
 *
 * - client search as you type: every prefix of a few typed searches, exact and as the window
 *   lists them (growing), and apart the keystrokes whose list is short enough to be kept
 *   (at most 128 clients) and the others;
 * - opening a client with 200 visits: what the client view reads;
 * - saving a visit's note as the editor does while the therapist types;
 * - two, four and eight writers, each a thread with its own connection, saving the same visit
 *   and each its own visit: the throughput, and the proof that no update was lost.
 *
 * FASCIA_BENCH_CLIENTS=N makes the clinic N clients (and the 12 of the demo); with
 * FASCIA_BENCH_LAN_RTT_US=N the store and raw libpq both reach the server through a relay that
 * adds N µs to each round trip, as a clinic's LAN does (lan-delay.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-report.h"
#include "fascia-client-list.h"
#include "fascia-db-postgres.h"
#include "fascia-store-private.h"
#include "lan-delay.h"
#include "pg-server.h"

#define N_CROWD            20000  /* FASCIA_BENCH_CLIENTS=N for another size */
#define N_BUSY_CLIENTS     20     /* clients with 200 visits */
#define VISITS_OF_BUSY     200
#define MARKS_PER_VISIT    5
#define PAGE_OF_ROWS       30     /* the rows a list view shows and so asks for */
#define SAVES_PER_WRITER   40

static char *conninfo;
static guint64 raw_round_trips;  /* each raw_run() is one */





/* The round trips to the server each way took for one operation, counted by the store's
 * engine and by raw_run(). */
static void
report_round_trips (const char *what,
                    guint64     store_trips,
                    guint64     raw_trips,
                    guint       n)
{
  g_print ("%-34s round trips: store %.1f   raw libpq %.1f\n", what,
           (double) store_trips / n, (double) raw_trips / n);
}

static guint64
store_round_trips (FasciaStore *store)
{
  return fascia_db_postgres_get_round_trips (fascia_store_get_db (store));
}

/* Raw libpq */

static PGconn *
raw_connect (void)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("connect: %s", PQerrorMessage (conn));
  PQclear (PQexec (conn, "SET search_path = fascia"));
  return conn;
}

static void
raw_exec (PGconn     *conn,
          const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

static void
raw_prepare (PGconn     *conn,
             const char *name,
             const char *sql)
{
  PGresult *result = PQprepare (conn, name, sql, 0, NULL);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

/* Statements planned for their values each time they run (an unnamed statement, sent with
 * them), as the store runs its trigram searches (fascia_store_prepare_planned()): by name,
 * their SQL. */
static GHashTable *raw_planned;

static void
raw_prepare_planned (const char *name,
                     const char *sql)
{
  if (raw_planned == NULL)
    raw_planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (raw_planned, g_strdup (name), g_strdup (sql));
}

/* Runs a prepared statement with text parameters and reads every value of every row, as the
 * store builds its objects from them. */
static PGresult *
raw_run (PGconn             *conn,
         const char         *name,
         int                 n_params,
         const char * const *params)
{
  const char *planned = raw_planned != NULL ? g_hash_table_lookup (raw_planned, name) : NULL;
  PGresult *result = planned != NULL
                     ? PQexecParams (conn, planned, n_params, NULL, params, NULL, NULL, 0)
                     : PQexecPrepared (conn, name, n_params, params, NULL, NULL, 0);

  raw_round_trips++;
  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", name, PQerrorMessage (conn));
  for (int r = 0; r < PQntuples (result); r++)
    for (int c = 0; c < PQnfields (result); c++)
      {
        volatile const char *value = PQgetvalue (result, r, c);

        (void) value;
      }
  return result;
}

static gint64
raw_int (PGconn             *conn,
         const char         *name,
         int                 n_params,
         const char * const *params)
{
  PGresult *result = raw_run (conn, name, n_params, params);
  gint64 n = PQntuples (result) > 0 ? g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) : -1;

  PQclear (result);
  return n;
}

/* The clinic */

static GArray *busy_clients;  /* gint64 */

static void
build_clinic (void)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  PGresult *result;
  double t0 = bench_ms_now ();
  g_autofree char *now_s = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  const char *params[] = { now_s };

  guint n_crowd = N_CROWD;

  if (g_getenv ("FASCIA_BENCH_CLIENTS") != NULL)
    n_crowd = (guint) CLAMP (g_ascii_strtoull (g_getenv ("FASCIA_BENCH_CLIENTS"), NULL, 10),
                             100, 1000000);
  if (!fascia_store_create_demo_full (conninfo, n_crowd, &error))
    g_error ("create demo: %s", error->message);
  g_print ("Demo clinic of %u clients made through the store in %.1f s\n", n_crowd + 12,
           (bench_ms_now () - t0) / 1000.0);

  t0 = bench_ms_now ();
  conn = raw_connect ();
  raw_exec (conn, "BEGIN");
  raw_exec (conn, "CREATE TEMPORARY TABLE busy AS SELECT id FROM clients "
                  "WHERE deleted_at IS NULL ORDER BY id OFFSET 1000 LIMIT 20");
  raw_prepare (conn, "plans",
               "INSERT INTO plans (client_id, title, goals, status, start_date, created_at, "
               "updated_at) SELECT id, 'Low back and hip', 'Sit an hour with pain under 3/10', "
               "'active', '2024-01-08', $1, $1 FROM busy");
  raw_prepare (conn, "targets",
               "INSERT INTO plan_targets (plan_id, muscle_id, side, technique_ids, position, "
               "created_at, updated_at) SELECT p.id, m.muscle, 'right', "
               "'[\"trigger-point-therapy\",\"pin-and-stretch\"]', m.n - 1, $1, $1 "
               "FROM plans p JOIN busy b ON b.id = p.client_id, "
               "unnest (ARRAY['quadratus-lumborum', 'psoas-major', 'piriformis']) "
               "WITH ORDINALITY AS m (muscle, n)");
  raw_prepare (conn, "visits",
               "INSERT INTO visits (client_id, plan_id, visited_at, subjective, objective, "
               "assessment, plan_notes, pain_before, pain_after, created_at, updated_at) "
               "SELECT p.client_id, p.id, $1::bigint - g * 604800000000, "
               "'Better this week; stiff after gardening.', "
               "'QL less tender; hip extension near full.', 'Improving.', "
               "'Continue; add bird-dog.', 3 + g % 6, 1 + g % 3, $1, $1 "
               "FROM plans p JOIN busy b ON b.id = p.client_id, generate_series (1, 200) g");
  raw_prepare (conn, "treated",
               "INSERT INTO visit_targets (visit_id, plan_target_id, position) "
               "SELECT v.id, t.id, t.position FROM visits v JOIN busy b ON b.id = v.client_id "
               "JOIN plan_targets t ON t.plan_id = v.plan_id AND t.position < 2");
  raw_prepare (conn, "marks",
               "INSERT INTO pain_marks (visit_id, view_id, region_id, intensity, pain_type, "
               "created_at, updated_at) SELECT v.id, 'posterior-deep', m.region, "
               "1 + (v.id + m.n) % 9, 'ache', $1, $1 FROM visits v JOIN busy b ON b.id = v.client_id, "
               "unnest (ARRAY['quadratus-lumborum', 'psoas-major', 'piriformis', "
               "'gluteus-medius', 'iliacus']) WITH ORDINALITY AS m (region, n)");
  PQclear (raw_run (conn, "plans", 1, params));
  PQclear (raw_run (conn, "targets", 1, params));
  PQclear (raw_run (conn, "visits", 1, params));
  PQclear (raw_run (conn, "treated", 0, NULL));
  PQclear (raw_run (conn, "marks", 1, params));

  busy_clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  result = PQexec (conn, "SELECT id FROM busy ORDER BY id");
  for (int r = 0; r < PQntuples (result); r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10);

      g_array_append_val (busy_clients, id);
    }
  PQclear (result);
  g_assert_cmpuint (busy_clients->len, ==, N_BUSY_CLIENTS);
  raw_exec (conn, "COMMIT");
  raw_exec (conn, "VACUUM ANALYZE");
  PQfinish (conn);
  g_print ("%u clients given a plan and %u visits each, %u pain marks a visit, in %.1f s\n",
           N_BUSY_CLIENTS, VISITS_OF_BUSY, MARKS_PER_VISIT, (bench_ms_now () - t0) / 1000.0);
}

/* Search as you type */

static const char *typed[] = {
  "thistlewood", "zoë bramble", "søren honey", "client1234@", "(203) 555-0103", "pe", "oak",
  "mehitabel frost",
};

#define SEARCH_COLS "id, name, email, phone, date_of_birth, notes, archived, revision"
#define LISTED "deleted_at IS NULL AND archived = 0 "
#define SHORT "AND strpos(search_key, $5) > 0 AND strpos(search_key, $6) > 0 " \
              "AND strpos(search_key, $7) > 0 "
#define FOUND "AND search_key LIKE $1 AND search_key LIKE $2 AND search_key LIKE $3 " \
              "AND search_key LIKE $4 "
#define IN_ORDER "ORDER BY sort_key, archived, search_key, id "

static void
raw_search_prepare (PGconn *conn)
{
  g_autofree char *page = g_strdup_printf ("SELECT " SEARCH_COLS " FROM clients WHERE " LISTED
                                           FOUND SHORT IN_ORDER "LIMIT %d", PAGE_OF_ROWS);
  g_autofree char *prefix_page = g_strdup_printf ("SELECT " SEARCH_COLS " FROM clients WHERE "
                                                  LISTED "AND sort_key >= $1 AND sort_key < $2 "
                                                  IN_ORDER "LIMIT %d", PAGE_OF_ROWS);

  /* A trigram search planned for its terms each time, as the store's: the server's generic
   * plan read the trigram index for a term every client holds. */
  raw_prepare_planned ("search_count", "SELECT count(*) FROM clients WHERE " LISTED FOUND SHORT);
  raw_prepare_planned ("search_page", page);
  raw_prepare (conn, "prefix_count", "SELECT count(*) FROM clients WHERE " LISTED
                                     "AND sort_key >= $1 AND sort_key < $2");
  raw_prepare (conn, "prefix_page", prefix_page);
}

static gboolean
looks_like_phone (const char *word)
{
  gboolean digit = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr ("+-()./", *p) == NULL)
        return FALSE;
    }
  return digit;
}

/* The count and the first page of the hand-written queries: the long terms from the GIN
 * trigram index (one LIKE each, a missing one the first again), the short ones checked on
 * what it found; only short terms: a name prefix. */
static guint
raw_search (PGconn     *conn,
            const char *query)
{
  g_autofree char *folded = fascia_store_fold (query);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  const char *shorts[3] = { "", "", "" };
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  guint n_short = 0;
  guint n;

  for (guint i = 0; words[i] != NULL; i++)
    {
      GString *term = g_string_new (NULL);

      for (const char *p = words[i]; *p != '\0'; p++)
        if (!looks_like_phone (words[i]) || g_ascii_isdigit (*p))
          g_string_append_c (term, *p);
      if (term->len == 0)
        {
          g_string_free (term, TRUE);
          continue;
        }
      if (g_utf8_strlen (term->str, -1) >= 3)
        {
          GString *pattern = g_string_new ("%");

          for (const char *p = term->str; *p != '\0'; p++)
            {
              if (*p == '%' || *p == '_' || *p == '\\')
                g_string_append_c (pattern, '\\');
              g_string_append_c (pattern, *p);
            }
          g_string_append_c (pattern, '%');
          g_ptr_array_add (patterns, g_string_free (pattern, FALSE));
        }
      else if (n_short < 3)
        shorts[n_short++] = term->str;
      g_ptr_array_add (terms, g_string_free (term, FALSE));
    }

  if (patterns->len == 0)
    {
      g_autofree char *end = g_strconcat (folded, "\xf4\x8f\xbf\xbf", NULL);
      const char *params[] = { folded, end };

      n = raw_int (conn, "prefix_count", 2, params);
      PQclear (raw_run (conn, "prefix_page", 2, params));
      return n;
    }
  else
    {
      const char *params[7];

      g_assert (patterns->len <= 4);
      for (guint i = 0; i < 4; i++)
        params[i] = g_ptr_array_index (patterns, i < patterns->len ? i : 0);
      for (guint i = 0; i < 3; i++)
        params[4 + i] = shorts[i];
      n = raw_int (conn, "search_count", 7, params);
      PQclear (raw_run (conn, "search_page", 7, params));
      return n;
    }
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

/* The keystrokes whose list is short (at most FASCIA_CLIENT_LIST_BOUND clients, which the
 * store keeps for the keystrokes that narrow it, see choose_server_plan()) [0], and the
 * others [1]: each the store's time, exact and as the window lists, and raw libpq's. */
typedef struct
{
  GArray *store_ms[2];
  GArray *growing_ms[2];
  GArray *raw_ms[2];
} SearchSplit;

/* One keystroke as the window lists it, for the slowest to be named. */
typedef struct
{
  char  *prefix;
  guint  n;
  double growing_ms;
  double raw_ms;
} Keystroke;

static void
keystroke_clear (gpointer data)
{
  g_free (((Keystroke *) data)->prefix);
}

static int
slower_first (gconstpointer a,
              gconstpointer b)
{
  double x = ((const Keystroke *) a)->growing_ms, y = ((const Keystroke *) b)->growing_ms;

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
bench_search (FasciaStore *store,
              PGconn      *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  /* As the window lists (FASCIA_STORE_LIST_GROWING): on a connection of its own, so that
   * each line narrows only its own keystroke before, as a user typing would. */
  g_autoptr(FasciaStore) growing = fascia_store_open_full (conninfo, FASCIA_STORE_OPEN_NO_BACKUP,
                                                           &error);
  SearchSplit split;
  guint64 store_trips = 0, raw_trips = 0;
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (Keystroke));

  g_array_set_clear_func (keystrokes, keystroke_clear);
  if (growing == NULL)
    g_error ("open: %s", error->message);
  for (guint i = 0; i < 2; i++)
    {
      split.store_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      split.growing_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
      split.raw_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  raw_search_prepare (conn);

  for (guint round = 0; round < 3; round++)
    for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
      for (gsize len = 1; len <= strlen (typed[w]); len++)
        {
          g_autofree char *prefix = g_strndup (typed[w], len);
          guint n_store, n_raw;
          guint64 trips;
          double t0, t_store, t_raw, t_growing;
          guint longer;

          if (!g_utf8_validate (prefix, -1, NULL))
            continue;

          trips = store_round_trips (store);
          t0 = bench_ms_now ();
          n_store = store_search (store, prefix, FASCIA_STORE_LIST_NONE);
          t_store = bench_ms_now () - t0;
          g_array_append_val (store_ms, t_store);
          store_trips += store_round_trips (store) - trips;

          trips = raw_round_trips;
          t0 = bench_ms_now ();
          n_raw = raw_search (conn, prefix);
          t_raw = bench_ms_now () - t0;
          g_array_append_val (raw_ms, t_raw);
          raw_trips += raw_round_trips - trips;

          t0 = bench_ms_now ();
          store_search (growing, prefix, FASCIA_STORE_LIST_GROWING);
          t_growing = bench_ms_now () - t0;

          g_array_append_vals (keystrokes, &(Keystroke) { g_strdup (prefix), n_store, t_growing,
                                                          t_raw }, 1);
          longer = n_store > FASCIA_CLIENT_LIST_BOUND;
          g_array_append_val (split.store_ms[longer], t_store);
          g_array_append_val (split.growing_ms[longer], t_growing);
          g_array_append_val (split.raw_ms[longer], t_raw);

          if (n_store != n_raw)
            g_error ("“%s”: the store found %u, raw libpq %u", prefix, n_store, n_raw);
          if (round == 0 && len == strlen (typed[w]))
            g_print ("  “%s” → %u clients\n", typed[w], n_store);
        }

  g_print ("  %u keystrokes each way\n", store_ms->len);
  bench_report ("search, per keystroke", store_ms, "raw libpq", raw_ms, TRUE, 5);
  report_round_trips ("search, per keystroke", store_trips, raw_trips, store_ms->len);
  /* The short lists are kept, and a keystroke that narrows one reads no index; a longer list
   * is counted up to the bound (as the window lists) and read from the index each time. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *what = g_strdup_printf ("  lists of %s %u, %u", i ? "over" : "at most",
                                               FASCIA_CLIENT_LIST_BOUND,
                                               split.store_ms[i]->len);
      const char *grows = "  the same, as the window lists";

      if (split.store_ms[i]->len > 0)
        {
          bench_report (what, split.store_ms[i], "raw libpq", split.raw_ms[i], TRUE, 0);
          bench_report (grows, split.growing_ms[i], "raw libpq", split.raw_ms[i], TRUE, 0);
        }
      g_array_unref (split.store_ms[i]);
      g_array_unref (split.growing_ms[i]);
      g_array_unref (split.raw_ms[i]);
    }
  /* What the slowest keystrokes are: whether a few searches cost the p99 or the load does. */
  g_array_sort (keystrokes, slower_first);
  g_print ("  the slowest keystrokes as the window lists (raw libpq's time for the same):\n");
  for (guint i = 0; i < MIN (keystrokes->len, 6); i++)
    {
      Keystroke *k = &g_array_index (keystrokes, Keystroke, i);

      g_print ("    “%s” (%u clients) %.1f ms (raw %.1f ms)\n", k->prefix, k->n, k->growing_ms,
               k->raw_ms);
    }
}

/* Opening a client: what the client view reads (the client, its plans and their targets, the
 * visits list — counted, then every row read here, not only a screenful — and the scores of
 * the progress chart). */

#define VISIT_COLS \
  "id, client_id, plan_id, visited_at, subjective, objective, assessment, plan_notes, " \
  "pain_before, pain_after, created_at, updated_at, (SELECT string_agg(plan_target_id::text, " \
  "',' ORDER BY position) FROM visit_targets WHERE visit_id = visits.id), revision, updated_by"

static void
bench_open_client (FasciaStore *store,
                   PGconn      *conn)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));

  raw_prepare (conn, "client", "SELECT id, name, email, phone, date_of_birth, pregnancy, "
                               "anticoagulants, osteoporosis, recent_surgery, red_flags, "
                               "health_notes, notes, archived, created_at, updated_at, revision, "
                               "updated_by FROM clients WHERE id = $1 AND deleted_at IS NULL");
  raw_prepare (conn, "plans", "SELECT id, client_id, title, goals, sessions_per_week, weeks, "
                              "status, start_date, end_date, discharge_criteria, created_at, "
                              "updated_at, revision, updated_by FROM plans WHERE client_id = $1 "
                              "AND deleted_at IS NULL "
                              "ORDER BY coalesce(start_date, '9999') DESC, id DESC");
  raw_prepare (conn, "targets", "SELECT id, plan_id, muscle_id, side, technique_ids, pressure, "
                                "duration_minutes, notes, position, created_at, updated_at "
                                "FROM plan_targets WHERE plan_id = $1 AND deleted_at IS NULL "
                                "ORDER BY position, id");
  raw_prepare (conn, "visits", "SELECT " VISIT_COLS " FROM visits WHERE client_id = $1 "
                               "AND deleted_at IS NULL ORDER BY visited_at DESC, id DESC");
  raw_prepare (conn, "scores", "SELECT visited_at, pain_before, pain_after FROM visits "
                               "WHERE client_id = $1 AND deleted_at IS NULL "
                               "ORDER BY visited_at DESC, id DESC LIMIT 1000");

  guint64 store_trips = 0, raw_trips = 0;

  for (guint round = 0; round < 10; round++)
    for (guint i = 0; i < busy_clients->len; i++)
      {
        gint64 id = g_array_index (busy_clients, gint64, i);
        g_autofree char *id_s = g_strdup_printf ("%" G_GINT64_FORMAT, id);
        const char *params[] = { id_s };
        g_autoptr(GError) error = NULL;
        guint64 trips = store_round_trips (store);
        double t0, t;

        t0 = bench_ms_now ();
        {
          g_autoptr(FasciaClient) client = fascia_store_get_client (store, id, &error);
          g_autoptr(GListModel) plans = fascia_store_list_plans (store, id, &error);
          g_autoptr(GListModel) visits = fascia_store_list_visits (store, id, &error);
          g_autoptr(GArray) scores = NULL;
          guint n_visits;

          if (client == NULL || plans == NULL || visits == NULL)
            g_error ("open client %s: %s", id_s, error->message);
          for (guint k = 0; k < g_list_model_get_n_items (plans); k++)
            {
              g_autoptr(FasciaPlan) plan = g_list_model_get_item (plans, k);
              g_autoptr(GListModel) targets =
                fascia_store_list_plan_targets (store, fascia_plan_get_id (plan), &error);

              if (targets == NULL || g_list_model_get_n_items (targets) != 3)
                g_error ("client %s: the plan's targets", id_s);
            }
          n_visits = g_list_model_get_n_items (visits);
          for (guint k = 0; k < n_visits; k++)
            {
              g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, k);

              (void) fascia_visit_get_subjective (visit);
            }
          scores = fascia_store_list_visit_scores (store, id, FASCIA_STORE_MAX_VISIT_SCORES,
                                                   &error);
          if (n_visits != VISITS_OF_BUSY || scores == NULL || scores->len != VISITS_OF_BUSY)
            g_error ("client %s: %u visits", id_s, n_visits);
        }
        t = bench_ms_now () - t0;
        g_array_append_val (store_ms, t);
        store_trips += store_round_trips (store) - trips;

        trips = raw_round_trips;
        t0 = bench_ms_now ();
        {
          PGresult *plans;

          PQclear (raw_run (conn, "client", 1, params));
          plans = raw_run (conn, "plans", 1, params);
          for (int r = 0; r < PQntuples (plans); r++)
            {
              const char *plan_params[] = { PQgetvalue (plans, r, 0) };

              PQclear (raw_run (conn, "targets", 1, plan_params));
            }
          PQclear (plans);
          PQclear (raw_run (conn, "visits", 1, params));
          PQclear (raw_run (conn, "scores", 1, params));
        }
        t = bench_ms_now () - t0;
        g_array_append_val (raw_ms, t);
        raw_trips += raw_round_trips - trips;
      }

  bench_report ("open a client (200 visits)", store_ms, "raw libpq", raw_ms, TRUE, 30);
  report_round_trips ("open a client (200 visits)", store_trips, raw_trips, store_ms->len);
}

/* Saving a note as the editor does while the therapist types: one field, refused if someone
 * else saved the visit since it was read. */

static gint64
add_visit (FasciaStore *store,
           gint64       client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();

  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_subjective (visit, "");
  fascia_visit_set_pain_before (visit, 4);
  if (!fascia_store_add_visit (store, visit, &error))
    g_error ("add visit: %s", error->message);
  return fascia_visit_get_id (visit);
}

#define RAW_SAVE \
  "UPDATE visits SET subjective = $2, updated_at = $3, revision = revision + 1 " \
  "WHERE id = $1 AND deleted_at IS NULL AND revision = $4"

static void
bench_save (FasciaStore *store,
            PGconn      *conn)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 client_id = g_array_index (busy_clients, gint64, 0);
  gint64 store_visit_id = add_visit (store, client_id);
  gint64 raw_visit_id = add_visit (store, client_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaVisit) visit = fascia_store_get_visit (store, store_visit_id, &error);
  g_autofree char *raw_id = g_strdup_printf ("%" G_GINT64_FORMAT, raw_visit_id);
  gint64 raw_revision = 1;
  guint64 store_trips = 0, raw_trips = 0;

  g_assert_no_error (error);
  raw_prepare (conn, "save", RAW_SAVE);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *text = g_strdup_printf ("Better this week; stiff after gardening (%u).",
                                               i);
      g_autofree char *now_s = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
      g_autofree char *revision_s = g_strdup_printf ("%" G_GINT64_FORMAT, raw_revision);
      const char *params[] = { raw_id, text, now_s, revision_s };
      PGresult *result;
      guint64 trips = store_round_trips (store);
      double t0, t;

      t0 = bench_ms_now ();
      if (!fascia_store_save_visit_field (store, visit, FASCIA_VISIT_FIELD_SUBJECTIVE, text,
                                          NULL, &error))
        g_error ("save: %s", error->message);
      t = bench_ms_now () - t0;
      g_array_append_val (store_ms, t);
      store_trips += store_round_trips (store) - trips;

      trips = raw_round_trips;
      t0 = bench_ms_now ();
      result = raw_run (conn, "save", 4, params);
      if (strcmp (PQcmdTuples (result), "1") != 0)
        g_error ("raw save: %s rows", PQcmdTuples (result));
      PQclear (result);
      raw_revision++;
      t = bench_ms_now () - t0;
      g_array_append_val (raw_ms, t);
      raw_trips += raw_round_trips - trips;
    }

  bench_report ("save a visit's note", store_ms, "raw libpq", raw_ms, TRUE, 10);
  report_round_trips ("save a visit's note", store_trips, raw_trips, store_ms->len);
}

/* Concurrent writers. Each writer, many times over: reads the visit, appends a token of its
 * own ("[w3.17]") to the note it read and saves it. A save lands or reports a conflict,
 * nothing else. Because each landed save was made from the text as it was then, no update
 * is lost exactly when the final note holds every landed token once and no refused one, and
 * the revision counted up once per landed save. */

typedef struct
{
  guint    writer;
  gboolean raw;
  gint64   visit_id;
  GThread *thread;
  guint    landed;
  guint    conflicts;
  GPtrArray *landed_tokens;
  GPtrArray *refused_tokens;
} Writer;

static GMutex start_mutex;
static GCond start_cond;
static gboolean started;

static void
wait_for_start (void)
{
  g_mutex_lock (&start_mutex);
  while (!started)
    g_cond_wait (&start_cond, &start_mutex);
  g_mutex_unlock (&start_mutex);
}

static gpointer
store_writer (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open_full (conninfo, FASCIA_STORE_OPEN_NO_BACKUP,
                                                          &error);

  if (store == NULL)
    g_error ("writer %u: %s", w->writer, error->message);
  wait_for_start ();

  for (guint i = 0; i < SAVES_PER_WRITER; i++)
    {
      g_autoptr(FasciaVisit) visit = fascia_store_get_visit (store, w->visit_id, &error);
      char *token = g_strdup_printf ("[w%u.%u]", w->writer, i);
      g_autofree char *text = NULL;

      if (visit == NULL)
        g_error ("writer %u: %s", w->writer, error->message);
      text = g_strconcat (fascia_visit_get_subjective (visit), token, NULL);
      if (fascia_store_save_visit_field (store, visit, FASCIA_VISIT_FIELD_SUBJECTIVE, text, NULL,
                                         &error))
        {
          w->landed++;
          g_ptr_array_add (w->landed_tokens, token);
        }
      else if (g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
        {
          w->conflicts++;
          g_ptr_array_add (w->refused_tokens, token);
          g_clear_error (&error);
        }
      else
        g_error ("writer %u: a save neither landed nor reported a conflict: %s", w->writer,
                 error->message);
    }
  return NULL;
}

static gpointer
raw_writer (gpointer data)
{
  Writer *w = data;
  PGconn *conn = raw_connect ();
  g_autofree char *id_s = g_strdup_printf ("%" G_GINT64_FORMAT, w->visit_id);

  raw_prepare (conn, "read", "SELECT subjective, revision FROM visits WHERE id = $1");
  raw_prepare (conn, "save", RAW_SAVE);
  wait_for_start ();

  for (guint i = 0; i < SAVES_PER_WRITER; i++)
    {
      const char *read_params[] = { id_s };
      PGresult *read = raw_run (conn, "read", 1, read_params);
      char *token = g_strdup_printf ("[w%u.%u]", w->writer, i);
      g_autofree char *text = g_strconcat (PQgetvalue (read, 0, 0), token, NULL);
      g_autofree char *now_s = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
      const char *params[] = { id_s, text, now_s, PQgetvalue (read, 0, 1) };
      PGresult *result = raw_run (conn, "save", 4, params);

      if (strcmp (PQcmdTuples (result), "1") == 0)
        {
          w->landed++;
          g_ptr_array_add (w->landed_tokens, token);
        }
      else
        {
          w->conflicts++;
          g_ptr_array_add (w->refused_tokens, token);
        }
      PQclear (result);
      PQclear (read);
    }
  PQfinish (conn);
  return NULL;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
run_writers (FasciaStore *store,
             PGconn      *conn,
             guint        n_writers,
             gboolean     same_row,
             gboolean     raw)
{
  g_autofree Writer *writers = g_new0 (Writer, n_writers);
  gint64 client_id = g_array_index (busy_clients, gint64, 1);
  gint64 shared_id = add_visit (store, client_id);
  guint landed = 0, conflicts = 0;
  double t0, seconds;

  started = FALSE;
  for (guint i = 0; i < n_writers; i++)
    {
      writers[i].writer = i;
      writers[i].raw = raw;
      writers[i].visit_id = same_row ? shared_id : add_visit (store, client_id);
      writers[i].landed_tokens = g_ptr_array_new_with_free_func (g_free);
      writers[i].refused_tokens = g_ptr_array_new_with_free_func (g_free);
      writers[i].thread = g_thread_new ("writer", raw ? raw_writer : store_writer, &writers[i]);
    }
  g_usleep (G_USEC_PER_SEC / 2);  /* every writer connected */

  t0 = bench_ms_now ();
  g_mutex_lock (&start_mutex);
  started = TRUE;
  g_cond_broadcast (&start_cond);
  g_mutex_unlock (&start_mutex);
  for (guint i = 0; i < n_writers; i++)
    g_thread_join (writers[i].thread);
  seconds = (bench_ms_now () - t0) / 1000.0;

  /* The proof, row by row, read back through a connection of its own. */
  for (guint i = 0; i < n_writers; i++)
    if (same_row ? i == 0 : TRUE)
      {
        g_autofree char *id_s = g_strdup_printf ("%" G_GINT64_FORMAT, writers[i].visit_id);
        const char *params[] = { id_s };
        PGresult *result = raw_run (conn, "read_back", 1, params);
        const char *text = PQgetvalue (result, 0, 0);
        gint64 revision = g_ascii_strtoll (PQgetvalue (result, 0, 1), NULL, 10);
        guint row_landed = 0;

        for (guint k = 0; k < n_writers; k++)
          if (same_row || k == i)
            {
              row_landed += writers[k].landed;
              for (guint t = 0; t < writers[k].landed_tokens->len; t++)
                if (count_occurrences (text, g_ptr_array_index (writers[k].landed_tokens, t))
                    != 1)
                  g_error ("LOST UPDATE: %s landed but is not in the note once",
                           (char *) g_ptr_array_index (writers[k].landed_tokens, t));
              for (guint t = 0; t < writers[k].refused_tokens->len; t++)
                if (count_occurrences (text, g_ptr_array_index (writers[k].refused_tokens, t))
                    != 0)
                  g_error ("%s was refused as a conflict, yet saved",
                           (char *) g_ptr_array_index (writers[k].refused_tokens, t));
            }
        if (revision != 1 + (gint64) row_landed)
          g_error ("visit %s: revision %" G_GINT64_FORMAT " after %u landed saves", id_s,
                   revision, row_landed);
        PQclear (result);
      }

  for (guint i = 0; i < n_writers; i++)
    {
      landed += writers[i].landed;
      conflicts += writers[i].conflicts;
      g_ptr_array_unref (writers[i].landed_tokens);
      g_ptr_array_unref (writers[i].refused_tokens);
    }
  g_assert_cmpuint (landed + conflicts, ==, n_writers * SAVES_PER_WRITER);
  if (!same_row && conflicts > 0)
    g_print ("  (%u conflicts on rows no one else wrote)\n", conflicts);

  g_print ("  %u writers, %-9s %-5s %4u landed, %4u conflicts, %6.0f saves landed/s, "
           "%6.0f attempts/s; none lost\n",
           n_writers, same_row ? "same row" : "own rows", raw ? "raw" : "store", landed,
           conflicts, landed / seconds, (landed + conflicts) / seconds);
}

static void
bench_writers (FasciaStore *store,
               PGconn      *conn)
{
  const guint counts[] = { 2, 4, 8 };

  raw_prepare (conn, "read_back", "SELECT subjective, revision FROM visits WHERE id = $1");
  g_print ("Concurrent writers, %u saves each, each its own connection; a save reads the visit, "
           "appends to its note, saves:\n", SAVES_PER_WRITER);
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    for (guint same = 0; same < 2; same++)
      {
        run_writers (store, conn, counts[c], same == 1, FALSE);
        run_writers (store, conn, counts[c], same == 1, TRUE);
      }
}

/* FASCIA_BENCH_LAN_RTT_US=N: every connection from here on, the store's and raw libpq's,
 * reaches the server through lan-delay.h's relay, which adds N µs to each round trip. The
 * clinic is made before, on the socket. The relay's own cost is measured and printed first: a
 * round trip of `SELECT 1` straight to the socket and through the relay, interleaved. */
static guint lan_rtt_us;

static double
select_one_ms (PGconn *conn)
{
  double t0 = bench_ms_now ();
  PGresult *result = PQexec (conn, "SELECT 1");

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("SELECT 1: %s", PQerrorMessage (conn));
  PQclear (result);
  return bench_ms_now () - t0;
}

static void
use_lan (guint round_trip_us)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_path = g_build_filename (pg_server.dir, ".s.PGSQL.5432", NULL);
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  const char *dbname = NULL;
  g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relayed = g_array_new (FALSE, FALSE, sizeof (double));
  PGconn *near, *far;
  guint16 port;

  port = lan_delay_start (socket_path, round_trip_us, &error);
  if (port == 0)
    g_error ("%s", error->message);
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname"))
      dbname = o->val;
  g_assert_nonnull (dbname);
  near = raw_connect ();
  g_free (conninfo);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=%s user=fascia sslmode=disable "
                              "gssencmode=disable", port, dbname);
  PQconninfoFree (options);
  far = raw_connect ();
  lan_rtt_us = round_trip_us;
  for (guint i = 0; i < 200; i++)
    {
      double d = select_one_ms (near);
      double r = select_one_ms (far);

      g_array_append_val (direct, d);
      g_array_append_val (relayed, r);
    }
  g_print ("A round trip of SELECT 1: %.3f ms on the socket, %.3f ms over the LAN asked for "
           "(%.3f ms more; %u µs asked)\n", bench_ms_percentile (direct, 0.5), bench_ms_percentile (relayed, 0.5),
           bench_ms_percentile (relayed, 0.5) - bench_ms_percentile (direct, 0.5), round_trip_us);
  PQfinish (near);
  PQfinish (far);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  PGconn *conn;

  pg_server.durable = TRUE;
  conninfo = pg_server_new_database ();
  build_clinic ();

  if (g_getenv ("FASCIA_BENCH_LAN_RTT_US") != NULL)
    use_lan ((guint) MIN (g_ascii_strtoull (g_getenv ("FASCIA_BENCH_LAN_RTT_US"), NULL, 10),
                          1000000));

  store = fascia_store_open_full (conninfo, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  conn = raw_connect ();
  if (lan_rtt_us == 0)
    g_print ("PostgreSQL %d, its own server on a Unix socket, fsync and synchronous commit "
             "on\n", PQserverVersion (conn));
  else
    g_print ("PostgreSQL %d, its own server, fsync and synchronous commit on, reached over a "
             "LAN of %u µs a round trip (FASCIA_BENCH_LAN_RTT_US)\n", PQserverVersion (conn),
             lan_rtt_us);

  bench_search (store, conn);
  bench_open_client (store, conn);
  bench_save (store, conn);
  bench_writers (store, conn);

  PQfinish (conn);
  g_clear_object (&store);
  g_free (conninfo);
  return EXIT_SUCCESS;
}
