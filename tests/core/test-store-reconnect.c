/* test-store-reconnect.c — the clinic server goes down mid-session and comes back: the store
 * says so, fails each query at once meanwhile, connects again in the background from the
 * main loop, hears the others' changes again, and the edit kept in the journal is saved once.
 *
 * This binary has a server of its own (pg-server.h): its tests kill it and start it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "fascia/fascia-store-journal.h"
#include "fascia-db-postgres.h"
#include "fascia-store-private.h"
#include "lan-delay.h"
#include "store-fixture.h"

typedef struct
{
  guint  lost;
  guint  back;
  guint  reloads;
  gint64 heard_client;
  gint64 restored_mark;
  /* The journal file, read at the first change the store announces once it is back (the
   * replay's first save): as the replay leaves it should the line fall or Fascia stop then. */
  const char *journal_path;
  char       *in_replay;
  gsize       in_replay_length;
} Heard;

static void
connected_cb (FasciaStore *store,
              GParamSpec  *pspec,
              Heard       *heard)
{
  if (fascia_store_is_connected (store))
    heard->back++;
  else
    heard->lost++;
}

static void
changed_cb (FasciaStore       *store,
            FasciaStoreTable   table,
            FasciaStoreChange  change,
            gint64             id,
            gint64             client_id,
            Heard             *heard)
{
  if (heard->journal_path != NULL && heard->in_replay == NULL &&
      fascia_store_is_connected (store) && change != FASCIA_STORE_CHANGE_RELOAD)
    g_assert_true (g_file_get_contents (heard->journal_path, &heard->in_replay,
                                        &heard->in_replay_length, NULL));

  if (change == FASCIA_STORE_CHANGE_RELOAD)
    heard->reloads++;
  else if (table == FASCIA_STORE_TABLE_PAIN_MARKS && change == FASCIA_STORE_CHANGE_RESTORED)
    heard->restored_mark = id;
  else if (table == FASCIA_STORE_TABLE_CLIENTS && change == FASCIA_STORE_CHANGE_ADDED)
    heard->heard_client = id;
}

/* The store keeps its edits in a journal at @journal_path (the store's from then on,
 * returned) and watches the others' changes and its connection (@heard counts them). */
static FasciaJournal *
keep_journal (StoreFixture *fixture,
              const char   *journal_path,
              Heard        *heard)
{
  g_autoptr(GError) error = NULL;
  FasciaJournal *journal = fascia_journal_open (journal_path, "test", &error);

  g_assert_no_error (error);
  fascia_store_set_journal (fixture->store, journal);
  g_assert_true (fascia_store_watch_others (fixture->store, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "notify::connected", G_CALLBACK (connected_cb), heard);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), heard);
  return journal;
}

/* The server goes while the store keeps its edits in a journal at @journal_path (the store's
 * from then on, returned) and watches the others' changes: it is killed, and the store has
 * said so (@heard counts it) by the time this returns. */
static FasciaJournal *
lose_server (StoreFixture *fixture,
             const char   *journal_path,
             Heard        *heard)
{
  FasciaJournal *journal = keep_journal (fixture, journal_path, heard);

  heard->journal_path = journal_path;
  pg_server_kill ();
  while (heard->lost == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fascia_store_is_connected (fixture->store));
  return journal;
}

/* A save made while the server is away: it fails at once as the server cannot be reached,
 * says its edit is kept on this computer, and the store's journal has it. */
static void
assert_kept (FasciaStore  *store,
             gboolean      saved,
             GError      **error)
{
  g_assert_false (saved);
  g_assert_error (*error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_assert_nonnull (strstr ((*error)->message, "kept on this computer"));
  g_assert_true (fascia_store_edit_was_kept (store, *error));
  g_clear_error (error);
}

#define KEPT(call) assert_kept (fixture->store, (call), &error)

static void
test_reconnect (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaJournal) journal = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Perpetua Wolstenholme");
  g_autoptr(FasciaClient) theirs = fascia_client_new ();
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaVisit) saved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  Heard heard = { 0 };
  guint saves = 0;

  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_no_error (error);

  g_assert_true (fascia_store_watch_others (fixture->store, &error));
  g_assert_true (fascia_store_is_connected (fixture->store));
  g_signal_connect (fixture->store, "notify::connected", G_CALLBACK (connected_cb), &heard);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &heard);

  /* The server goes down while nothing is asked of it: the watch of the others' changes
   * finds its socket closed, and the store says so from the main loop. */
  pg_server_kill ();
  while (heard.lost == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fascia_store_is_connected (fixture->store));

  /* The therapist goes on typing: the save fails at once, changing nothing, and the edit is
   * kept in the journal. */
  g_assert_false (fascia_store_save_visit_field (fixture->store, visit,
                                                 FASCIA_VISIT_FIELD_SUBJECTIVE,
                                                 "Typed while the server was away", NULL,
                                                 &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (fascia_visit_get_revision (visit), ==, 1);
  journal = fascia_journal_open (journal_path, "test", &error);
  g_assert_true (fascia_journal_put (journal, fascia_visit_get_id (visit),
                                     fascia_visit_get_revision (visit),
                                     FASCIA_VISIT_FIELD_SUBJECTIVE,
                                     "Typed while the server was away", &error));
  g_assert_no_error (error);

  /* Attempts meanwhile fail in the background; none is announced as back. */
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (heard.back, ==, 0);

  /* Back: connected again without being asked, and every view told to read again. */
  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fascia_store_is_connected (fixture->store));
  g_assert_cmpuint (heard.lost, ==, 1);
  g_assert_cmpuint (heard.reloads, ==, 3);

  /* The journal is saved once: replayed twice (as if the line fell again before it was
   * emptied), the second finds nothing to do. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (fascia_store_replay_journal (fixture->store, journal, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
      saves++;
    }
  saved = fascia_store_get_visit (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, "Typed while the server was away");
  g_assert_cmpint (fascia_visit_get_revision (saved), ==, 2);
  g_assert_cmpuint (saves, ==, 2);

  /* Others' changes are heard again: LISTEN was sent on the new connection. */
  other = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fascia_client_set_name (theirs, "Added at the front desk");
  g_assert_true (fascia_store_add_client (other, theirs, &error));
  g_assert_no_error (error);
  while (heard.heard_client != fascia_client_get_id (theirs))
    g_main_context_iteration (NULL, TRUE);

  /* And the store's own saves work as before. */
  fascia_client_set_phone (client, "555 0199");
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* The server's process for the window's connection, by asking it (pg_backend_pid()). */
static pid_t
backend_pid (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (fascia_store_get_db (store),
                                                    "SELECT pg_backend_pid ()", FALSE,
                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_no_error (error);
  return (pid_t) fascia_db_column_int64 (stmt, 0);
}

/* The store found its connection lost, told from the main loop, and is back on a new one of its
 * own: the edit kept in @journal is saved, and the journal emptied. */
static void
await_back_and_replay (FasciaStore   *store,
                       Heard         *heard,
                       FasciaJournal *journal)
{
  g_autoptr(GError) error = NULL;

  while (heard->lost == 0)
    g_main_context_iteration (NULL, TRUE);
  while (heard->back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fascia_store_is_connected (store));
  g_assert_true (fascia_store_replay_journal (store, journal, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
}

/* The server takes a save and then answers nothing (its process stopped, as a hung process
 * or a stalled disk would leave it; its system still acknowledges the bytes, so the TCP
 * timeouts see nothing): the save fails after the connection's answer time instead of
 * freezing the window for as long as the server stays so, the edit is kept in the journal,
 * and the store connects again in the background. A connection kept for a window has an
 * answer time of its own (10 s); one that is not (a worker's, which runs the long jobs) has
 * none. */
static void
test_unanswered (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaJournal *journal;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Ottoline Vandermeer");
  g_autoptr(FasciaClient) saved = NULL;
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaDb *db = fascia_store_get_db (fixture->store);
  Heard heard = { 0 };
  gint64 started;
  pid_t pid;
  gboolean ok;

  g_assert_cmpuint (fascia_db_postgres_get_answer_timeout (db), ==, 0);
  journal = keep_journal (fixture, journal_path, &heard);
  g_assert_cmpuint (fascia_db_postgres_get_answer_timeout (db), ==, 10000);
  fascia_db_postgres_set_answer_timeout (db, 400);
  g_assert_cmpuint (fascia_db_postgres_get_answer_timeout (db), ==, 400);

  pid = backend_pid (fixture->store);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  started = g_get_monotonic_time ();
  fascia_client_set_phone (client, "555 0142");
  ok = fascia_store_update_client_full (fixture->store, client, NULL, &error);
  g_test_message ("The save failed after %.2f s",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "did not answer in 1 s"));
  assert_kept (fixture->store, ok, &error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);

  /* Lost, told from the main loop; the server answers again (its process goes on, finds its
   * client gone and ends), and the store is back on a new connection of its own. */
  await_back_and_replay (fixture->store, &heard, journal);
  g_assert_cmpint (backend_pid (fixture->store), !=, pid);
  saved = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_phone (saved), ==, "555 0142");

  /* A query answered within the time is not cut. */
  g_assert_cmpuint (fascia_db_postgres_get_answer_timeout (db), ==, 400);
  g_assert_true (fascia_db_exec (db, "SELECT pg_sleep (0.1)", &error));
  g_assert_no_error (error);
  g_assert_true (fascia_store_is_connected (fixture->store));

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
}

/* The server's main process (postmaster.pid's first line), which takes new connections. */
static pid_t
postmaster_pid (void)
{
  g_autofree char *path = g_build_filename (pg_server.dir, "data", "postmaster.pid", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpint (atoi (text), >, 0);
  return (pid_t) atoi (text);
}

/* A save, as the window makes it, on a server that answers nothing at all (@data TRUE: its
 * main process and the window's connection's process stopped, as when the network falls or
 * a laptop leaves the clinic's wireless: what is sent is taken by no one), or that is there
 * but whose process for the window's connection never takes the query (FALSE: that process
 * stopped while it waited for the next query, as it would be hung, or as the query would be
 * lost on the way by a firewall that forgot the connection). Its connection's answer time is
 * the window's, 10 s. The first is cut when a new connection to the server is not answered
 * either: after 3 s; the second when the server, asked on a new connection, says the
 * window's process is idle and has been since before the query was sent: after 1 s. Both
 * froze the window 10 s before (the second did until this test was written). Either way the
 * edit is kept in the journal and the store comes back by itself.
 * UNANSWERED_RELAYED: the second, with the store reaching the server through a relay (as
 * through a NAT, or a tunnel), so that the server sees another client port than the store's
 * own: the store tells its process by when it started, which it asked as it connected; and
 * again on the connection it makes when it comes back. It waited 10 s before. */
enum
{
  UNANSWERED_PROCESS_HUNG,
  UNANSWERED_SERVER_GONE,
  UNANSWERED_RELAYED,
};

/* The store of @fixture opened again through a relay of its own to the test server. */
static void
open_relayed (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_path = g_build_filename (pg_server.dir, ".s.PGSQL.5432", NULL);
  PQconninfoOption *options = PQconninfoParse (fixture->path, NULL);
  g_autofree char *conninfo = NULL;
  const char *dbname = NULL;
  guint16 port = lan_delay_start (socket_path, 0, &error);

  g_assert_no_error (error);
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname"))
      dbname = o->val;
  g_assert_nonnull (dbname);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=%s user=fascia sslmode=disable",
                              port, dbname);
  PQconninfoFree (options);
  g_assert_finalize_object (fixture->store);
  fixture->store = fascia_store_open (conninfo, &error);
  g_assert_no_error (error);
  fascia_store_set_id_validator (fixture->store, fixture_validator, NULL, NULL);
}

/* A save of @client's phone as @phone while the window's connection's server process is
 * stopped: it fails after about a second, its edit kept. */
static void
save_while_process_hung (FasciaStore  *store,
                         FasciaClient *client,
                         const char   *phone)
{
  g_autoptr(GError) error = NULL;
  pid_t pid = backend_pid (store);
  gint64 started;
  double waited;
  gboolean ok;

  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  started = g_get_monotonic_time ();
  fascia_client_set_phone (client, phone);
  ok = fascia_store_update_client_full (store, client, NULL, &error);
  waited = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("The save failed after %.2f s", waited);
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "did not answer in 1 s"));
  g_assert_cmpfloat (waited, <, 3.0);
  assert_kept (store, ok, &error);
}

static void
test_unanswered_probed (StoreFixture  *fixture,
                        gconstpointer  data)
{
  int mode = GPOINTER_TO_INT (data);
  gboolean server_gone = mode == UNANSWERED_SERVER_GONE;
  g_autoptr(GError) error = NULL;
  FasciaJournal *journal;
  g_autoptr(FasciaClient) client = NULL;
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaDb *db;
  Heard heard = { 0 };
  double waited;
  gint64 started;
  pid_t pid, postmaster = 0;
  gboolean ok;

  if (mode == UNANSWERED_RELAYED)
    open_relayed (fixture);
  client = fixture_add_client (fixture, "Ottoline Vandermeer");
  db = fascia_store_get_db (fixture->store);
  journal = keep_journal (fixture, journal_path, &heard);
  g_assert_cmpuint (fascia_db_postgres_get_answer_timeout (db), ==, 10000);

  pid = backend_pid (fixture->store);
  if (server_gone)
    {
      postmaster = postmaster_pid ();
      g_assert_cmpint (kill (postmaster, SIGSTOP), ==, 0);
    }
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  started = g_get_monotonic_time ();
  fascia_client_set_phone (client, "555 0142");
  ok = fascia_store_update_client_full (fixture->store, client, NULL, &error);
  waited = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("The save failed after %.2f s", waited);
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  if (postmaster != 0)
    g_assert_cmpint (kill (postmaster, SIGCONT), ==, 0);
  g_assert_nonnull (error);
  if (server_gone)
    {
      g_assert_nonnull (strstr (error->message, "did not answer in 3 s"));
      g_assert_cmpfloat (waited, <, 8.0);
    }
  else
    {
      g_assert_nonnull (strstr (error->message, "did not answer in 1 s"));
      g_assert_cmpfloat (waited, <, 3.0);
    }
  assert_kept (fixture->store, ok, &error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);

  /* Lost, and back on a new connection of its own; the edit saved once. */
  await_back_and_replay (fixture->store, &heard, journal);
  {
    g_autoptr(FasciaClient) saved = fascia_store_get_client (fixture->store,
                                                             fascia_client_get_id (client),
                                                             &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fascia_client_get_phone (saved), ==, "555 0142");
  }

  /* The same on the connection the store came back on. */
  if (mode == UNANSWERED_RELAYED)
    {
      g_autoptr(FasciaClient) fresh = fascia_store_get_client (fixture->store,
                                                               fascia_client_get_id (client),
                                                               &error);
      g_autoptr(FasciaClient) saved = NULL;

      g_assert_no_error (error);
      heard.lost = heard.back = 0;
      save_while_process_hung (fixture->store, fresh, "555 0143");
      g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
      await_back_and_replay (fixture->store, &heard, journal);
      saved = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (fascia_client_get_phone (saved), ==, "555 0143");
    }

  /* A query slower than the probe's wait but answered within the time is not cut: the
   * server is there. */
  fascia_db_postgres_set_answer_timeout (db, 10000);
  g_assert_true (fascia_db_exec (db, "SELECT pg_sleep (1.5)", &error));
  g_assert_no_error (error);
  g_assert_true (fascia_store_is_connected (fixture->store));

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
}

typedef struct
{
  char   *conninfo;
  gint64  client_id;
  gint    locked;
} LockHolder;

/* Another program's transaction holds the client's row for 2.5 s, then ends. */
static gpointer
hold_row_lock (gpointer data)
{
  LockHolder *holder = data;
  PGconn *conn = PQconnectdb (holder->conninfo);
  g_autofree char *sql = g_strdup_printf ("BEGIN; SELECT 1 FROM fascia.clients WHERE id = %"
                                          G_GINT64_FORMAT " FOR UPDATE", holder->client_id);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  PQclear (result);
  g_atomic_int_set (&holder->locked, 1);
  g_usleep (2500 * 1000);
  result = PQexec (conn, "COMMIT");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);
  return NULL;
}

/* A save that waits on a row another program holds (a lock, not a hung server) longer than
 * the probe's wait is not cut: asked on a new connection, the server says the window's
 * process is at work on it. It is saved once the row is free, within the store's lock time
 * (5 s), and the store stays connected. */
static void
test_unanswered_lock_wait (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Ottoline Vandermeer");
  g_autoptr(FasciaClient) saved = NULL;
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaDb *db = fascia_store_get_db (fixture->store);
  LockHolder holder = { fixture->path, fascia_client_get_id (client), 0 };
  Heard heard = { 0 };
  GThread *thread;
  double waited;
  gint64 started;
  gboolean ok;

  keep_journal (fixture, journal_path, &heard);
  g_assert_cmpuint (fascia_db_postgres_get_answer_timeout (db), ==, 10000);
  thread = g_thread_new ("lock", hold_row_lock, &holder);
  while (!g_atomic_int_get (&holder.locked))
    g_usleep (10 * 1000);

  started = g_get_monotonic_time ();
  fascia_client_set_phone (client, "555 0142");
  ok = fascia_store_update_client_full (fixture->store, client, NULL, &error);
  waited = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("The save waited %.2f s for the row", waited);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpfloat (waited, >=, 2.0);
  g_assert_true (fascia_store_is_connected (fixture->store));
  saved = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_client_get_phone (saved), ==, "555 0142");

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
}

/* A store that does not keep its connection (a worker's) stays lost, and says so. */
static void
test_lost_without_watch (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Aurelian Quist");
  g_autoptr(FasciaClient) again = NULL;

  g_assert_true (fascia_store_is_connected (fixture->store));
  pg_server_kill ();
  again = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  g_assert_null (again);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_assert_false (fascia_store_is_connected (fixture->store));
  pg_server_restart ();
}

static FasciaPainMark *
new_mark (gint64      visit_id,
          const char *region,
          guint       intensity)
{
  FasciaPainMark *mark = fascia_pain_mark_new ();

  fascia_pain_mark_set_visit_id (mark, visit_id);
  fascia_pain_mark_set_view_id (mark, "posterior-deep");
  fascia_pain_mark_set_region_id (mark, region);
  fascia_pain_mark_set_x (mark, 0.25);
  fascia_pain_mark_set_y (mark, 0.5);
  fascia_pain_mark_set_intensity (mark, intensity);
  return mark;
}

static FasciaPlanTarget *
new_target (gint64      plan_id,
            const char *muscle,
            const char *notes)
{
  FasciaPlanTarget *target = fascia_plan_target_new ();

  fascia_plan_target_set_plan_id (target, plan_id);
  fascia_plan_target_set_muscle_id (target, muscle);
  fascia_plan_target_set_side (target, FASCIA_SIDE_RIGHT);
  fascia_plan_target_set_notes (target, notes);
  return target;
}

static void
count_outcome (const FasciaJournalEdit *edit,
               FasciaJournalOutcome     outcome,
               GObject                 *theirs,
               gpointer                 user_data)
{
  guint *n = user_data;

  g_test_message ("edit of kind %u: outcome %u", edit->kind, outcome);
  n[outcome]++;
}

/* The journal as the replay left it at its first save (the line fell again, or Fascia
 * stopped, before it could be emptied), written beside the real one and replayed: each of its
 * @n_edits edits is found saved already, none is saved twice, and it ends empty. */
static void
replay_as_left (StoreFixture *fixture,
                const Heard  *heard,
                guint         n_edits)
{
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.journal", NULL);
  g_autoptr(FasciaJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n[5] = { 0 };

  g_assert_nonnull (heard->in_replay);
  g_assert_true (g_file_set_contents (copy_path, heard->in_replay, heard->in_replay_length,
                                      NULL));
  again = fascia_journal_open (copy_path, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (again), ==, n_edits);
  g_assert_true (fascia_store_replay_journal (fixture->store, again, count_outcome, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n[FASCIA_JOURNAL_ALREADY], ==, n_edits);
  g_assert_cmpuint (fascia_journal_get_n_edits (again), ==, 0);
}

/* Every kind of edit a therapist makes while the server is away — a client's details and
 * intake, a plan's fields, a target changed and one added, a visit's pain scores, a SOAP note,
 * a body-chart mark moved and one added, a muscle's findings — fails at once, is kept in the
 * store's journal (on disk, as a crash would find it), and is saved once when the server is
 * back, from the main loop; replayed again, none is saved twice. */
static void
test_every_edit_survives (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Philippa Harrowgate");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(FasciaPlanTarget) added_target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaPainMark) mark = NULL;
  g_autoptr(FasciaPainMark) added_mark = NULL;
  g_autoptr(FasciaFinding) finding = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 visit_id;

  fascia_client_set_phone (client, "555 0100");
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Hip comfort");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  target = new_target (fascia_plan_get_id (plan), "piriformis", "Slow");
  g_assert_true (fascia_store_add_plan_target (fixture->store, target, &error));
  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
  fascia_visit_set_visited_at (visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  visit_id = fascia_visit_get_id (visit);
  mark = new_mark (visit_id, "m-piriformis-r", 3);
  g_assert_true (fascia_store_add_pain_mark (fixture->store, mark, &error));
  g_assert_no_error (error);

  journal = lose_server (fixture, journal_path, &heard);

  /* Each save fails at once, says its edit is kept, and changes nothing in the editor's
   * object but what the user typed. */

  fascia_client_set_phone (client, "555 0142");
  fascia_client_set_health_notes (client, "Hip replacement, 2019");
  fascia_client_set_health_flags (client, FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR);
  KEPT (fascia_store_update_client_full (fixture->store, client, NULL, &error));
  g_assert_cmpint (fascia_client_get_revision (client), ==, 2);

  fascia_plan_set_goals (plan, "Sit through a film");
  KEPT (fascia_store_update_plan_full (fixture->store, plan, NULL, &error));

  fascia_plan_target_set_notes (target, "Slow, then pin and stretch");
  KEPT (fascia_store_update_plan_target (fixture->store, target, &error));
  added_target = new_target (fascia_plan_get_id (plan), "gluteus-medius", "Side-lying");
  KEPT (fascia_store_add_plan_target (fixture->store, added_target, &error));

  fascia_visit_set_pain_before (visit, 6);
  fascia_visit_set_pain_after (visit, 3);
  KEPT (fascia_store_update_visit_full (fixture->store, visit, NULL, &error));
  g_assert_false (fascia_store_save_visit_field (fixture->store, visit,
                                                 FASCIA_VISIT_FIELD_SUBJECTIVE,
                                                 "Aches after driving", NULL, &error));
  g_clear_error (&error);

  fascia_pain_mark_set_intensity (mark, 7);
  KEPT (fascia_store_update_pain_mark (fixture->store, mark, &error));
  added_mark = new_mark (visit_id, "m-gluteus-medius-r", 4);
  KEPT (fascia_store_add_pain_mark (fixture->store, added_mark, &error));

  finding = fascia_store_set_finding_flags (fixture->store, visit_id, "piriformis",
                                            FASCIA_SIDE_RIGHT,
                                            FASCIA_FINDING_TRIGGER_POINT | FASCIA_FINDING_TENDER,
                                            &error);
  g_assert_null (finding);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO);
  g_clear_error (&error);

  /* On disk, as the next start of Fascia would find them after a crash. */
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 9);
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (journal_path, "test", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_journal_get_n_edits (reread), ==, 9);
  }

  /* Back: the store saves the journal itself, before it says it is connected. */
  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(FasciaClient) c = fascia_store_get_client (fixture->store,
                                                           fascia_client_get_id (client), &error);
      g_autoptr(FasciaPlan) p = fascia_store_get_plan (fixture->store, fascia_plan_get_id (plan),
                                                       &error);
      g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store,
                                                                      fascia_plan_get_id (plan),
                                                                      &error);
      g_autoptr(FasciaPlanTarget) t = fascia_store_get_plan_target (fixture->store,
                                                                    fascia_plan_target_get_id (target),
                                                                    &error);
      g_autoptr(FasciaPlanTarget) t2 = NULL;
      g_autoptr(FasciaVisit) v = fascia_store_get_visit (fixture->store, visit_id, &error);
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store, visit_id, &error);
      g_autoptr(FasciaPainMark) m = fascia_store_get_pain_mark (fixture->store,
                                                                fascia_pain_mark_get_id (mark),
                                                                &error);
      g_autoptr(FasciaPainMark) m2 = NULL;
      g_autoptr(GListModel) findings = fascia_store_list_findings (fixture->store, visit_id, &error);
      g_autoptr(FasciaFinding) f = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (fascia_client_get_phone (c), ==, "555 0142");
      g_assert_cmpstr (fascia_client_get_health_notes (c), ==, "Hip replacement, 2019");
      g_assert_cmpint (fascia_client_get_health_flags (c), ==,
                       FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR);
      g_assert_cmpint (fascia_client_get_revision (c), ==, 3);
      g_assert_cmpstr (fascia_plan_get_goals (p), ==, "Sit through a film");
      g_assert_cmpint (fascia_plan_get_revision (p), ==, 2);
      g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 2);
      g_assert_cmpstr (fascia_plan_target_get_notes (t), ==, "Slow, then pin and stretch");
      t2 = g_list_model_get_item (targets, 1);
      g_assert_cmpstr (fascia_plan_target_get_muscle_id (t2), ==, "gluteus-medius");
      g_assert_cmpstr (fascia_plan_target_get_notes (t2), ==, "Side-lying");
      /* The pain scores and the note, each saved from the revision read, one after the
       * other. */
      g_assert_cmpint (fascia_visit_get_pain_before (v), ==, 6);
      g_assert_cmpint (fascia_visit_get_pain_after (v), ==, 3);
      g_assert_cmpstr (fascia_visit_get_subjective (v), ==, "Aches after driving");
      g_assert_cmpint (fascia_visit_get_revision (v), ==, 3);
      g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
      g_assert_cmpuint (fascia_pain_mark_get_intensity (m), ==, 7);
      m2 = g_list_model_get_item (marks, 1);
      g_assert_cmpstr (fascia_pain_mark_get_region_id (m2), ==, "m-gluteus-medius-r");
      g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
      f = g_list_model_get_item (findings, 0);
      g_assert_cmpint (fascia_finding_get_flags (f), ==,
                       FASCIA_FINDING_TRIGGER_POINT | FASCIA_FINDING_TENDER);

      /* The journal as the replay left it at its first save (the line fell again, or Fascia
       * stopped, before it could be emptied): replayed, every edit is there already, and
       * nothing is saved twice. */
      if (round == 0)
        replay_as_left (fixture, &heard, 9);
    }

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* A body-chart mark and a plan target added while the server is away have a provisional id
 * (below 0): a change of one replaces its addition in the journal, a removal of one takes it
 * out (and its undo puts it back); a removal of a row the server holds is kept and replaces a
 * change of it kept before, and its undo forgets it and keeps that change again. Back, each is saved once; the provisional
 * ids still name the rows added, and a replay of the journal as it was saves nothing twice. */
static void
test_added_offline (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Hortensia Blackmoor");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) kept_target = NULL;
  g_autoptr(FasciaPlanTarget) gone_target = NULL;
  g_autoptr(FasciaPlanTarget) added_target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaPainMark) gone_mark = NULL;
  g_autoptr(FasciaPainMark) added_mark = NULL;
  g_autoptr(FasciaPainMark) dropped_mark = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 visit_id, plan_id, mark_id, target_id;

  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Lower back");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  plan_id = fascia_plan_get_id (plan);
  kept_target = new_target (plan_id, "piriformis", "Slow");
  g_assert_true (fascia_store_add_plan_target (fixture->store, kept_target, &error));
  gone_target = new_target (plan_id, "iliacus", "");
  g_assert_true (fascia_store_add_plan_target (fixture->store, gone_target, &error));
  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  visit_id = fascia_visit_get_id (visit);
  gone_mark = new_mark (visit_id, "m-piriformis-r", 3);
  g_assert_true (fascia_store_add_pain_mark (fixture->store, gone_mark, &error));
  g_assert_no_error (error);

  journal = lose_server (fixture, journal_path, &heard);

  /* Added: kept with a provisional id; changed: the addition kept changes, nothing more. */
  added_mark = new_mark (visit_id, "m-gluteus-medius-r", 4);
  KEPT (fascia_store_add_pain_mark (fixture->store, added_mark, &error));
  g_assert_cmpint (fascia_pain_mark_get_id (added_mark), <, 0);
  fascia_pain_mark_set_intensity (added_mark, 8);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, added_mark, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);

  /* Added and removed: gone from the journal; undone, back; removed again. */
  dropped_mark = new_mark (visit_id, "m-gluteus-minimus-r", 2);
  KEPT (fascia_store_add_pain_mark (fixture->store, dropped_mark, &error));
  g_assert_cmpint (fascia_pain_mark_get_id (dropped_mark), <,
                   fascia_pain_mark_get_id (added_mark));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                                      fascia_pain_mark_get_id (dropped_mark), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                                        fascia_pain_mark_get_id (dropped_mark), &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  g_assert_cmpint (heard.restored_mark, ==, fascia_pain_mark_get_id (dropped_mark));
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                                      fascia_pain_mark_get_id (dropped_mark), &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);

  /* A mark the server holds, changed then removed: the removal alone is kept. */
  fascia_pain_mark_set_intensity (gone_mark, 9);
  KEPT (fascia_store_update_pain_mark (fixture->store, gone_mark, &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  KEPT (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                             fascia_pain_mark_get_id (gone_mark), &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  /* Its removal undone: forgotten, the change kept before it kept again (the editor shows
   * it), and the mark announced as restored, for its editor to show again; removed again. */
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                                        fascia_pain_mark_get_id (gone_mark), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (journal_path, "test", &error);
    gboolean changed = FALSE;

    g_assert_no_error (error);
    for (guint k = 0; k < fascia_journal_get_n_edits (reread); k++)
      {
        const FasciaJournalEdit *edit = fascia_journal_get_edit (reread, k);

        changed |= edit->kind == FASCIA_JOURNAL_PAIN_MARK &&
                   edit->id == fascia_pain_mark_get_id (gone_mark);
      }
    g_assert_true (changed);
  }
  g_assert_cmpint (heard.restored_mark, ==, fascia_pain_mark_get_id (gone_mark));
  KEPT (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                             fascia_pain_mark_get_id (gone_mark), &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);

  /* A target added; one removed, the removal undone (forgotten), removed again. */
  added_target = new_target (plan_id, "gluteus-medius", "Side-lying");
  KEPT (fascia_store_add_plan_target (fixture->store, added_target, &error));
  g_assert_cmpint (fascia_plan_target_get_id (added_target), <, 0);
  KEPT (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                             fascia_plan_target_get_id (gone_target), &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 4);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                                        fascia_plan_target_get_id (gone_target), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 3);
  KEPT (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                             fascia_plan_target_get_id (gone_target), &error));

  /* On disk, as the next start would find them. */
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 4);
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (journal_path, "test", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_journal_get_n_edits (reread), ==, 4);
  }

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store, visit_id,
                                                                  &error);
      g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store, plan_id,
                                                                      &error);
      g_autoptr(FasciaPainMark) m = NULL;
      g_autoptr(FasciaPlanTarget) t = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
      m = g_list_model_get_item (marks, 0);
      g_assert_cmpstr (fascia_pain_mark_get_region_id (m), ==, "m-gluteus-medius-r");
      g_assert_cmpint (fascia_pain_mark_get_intensity (m), ==, 8);
      g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 2);
      t = g_list_model_get_item (targets, 1);
      g_assert_cmpstr (fascia_plan_target_get_muscle_id (t), ==, "gluteus-medius");
      mark_id = fascia_pain_mark_get_id (m);
      target_id = fascia_plan_target_get_id (t);

      /* The journal as the replay left it at its first save: nothing saved twice. */
      if (round == 0)
        replay_as_left (fixture, &heard, 4);
    }

  /* The provisional ids the editors hold name the rows added. */
  fascia_pain_mark_set_intensity (added_mark, 5);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, added_mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_pain_mark_get_id (added_mark), ==, mark_id);
  {
    g_autoptr(FasciaPainMark) m = fascia_store_get_pain_mark (fixture->store, mark_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (fascia_pain_mark_get_intensity (m), ==, 5);
  }
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                                      fascia_plan_target_get_id (added_target), &error));
  g_assert_no_error (error);
  {
    g_autoptr(FasciaPlanTarget) t = fascia_store_get_plan_target (fixture->store, target_id,
                                                                  &error);

    g_assert_null (t);
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* Two body-chart marks alike (the same spot, the same pain: a therapist marks a spot twice)
 * added while the server is away are two rows when it is back, not one; and the journal as
 * it was, replayed again, finds each there once and adds neither again. */
static void
test_alike_added_offline (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Araminta Twicemarked");
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaPainMark) first = NULL;
  g_autoptr(FasciaPainMark) second = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 visit_id;

  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  visit_id = fascia_visit_get_id (visit);

  journal = lose_server (fixture, journal_path, &heard);
  first = new_mark (visit_id, "m-piriformis-r", 5);
  KEPT (fascia_store_add_pain_mark (fixture->store, first, &error));
  second = new_mark (visit_id, "m-piriformis-r", 5);
  KEPT (fascia_store_add_pain_mark (fixture->store, second, &error));
  g_assert_cmpint (fascia_pain_mark_get_id (first), !=, fascia_pain_mark_get_id (second));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store, visit_id,
                                                                  &error);
      g_autoptr(FasciaPainMark) a = NULL;
      g_autoptr(FasciaPainMark) b = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
      a = g_list_model_get_item (marks, 0);
      b = g_list_model_get_item (marks, 1);
      g_assert_cmpint (fascia_pain_mark_get_id (a), !=, fascia_pain_mark_get_id (b));
      g_assert_cmpstr (fascia_pain_mark_get_region_id (a), ==, "m-piriformis-r");
      g_assert_cmpstr (fascia_pain_mark_get_region_id (b), ==, "m-piriformis-r");

      if (round == 0)
        replay_as_left (fixture, &heard, 2);
    }

  /* Each editor's provisional id names a row of its own. */
  fascia_pain_mark_set_intensity (first, 2);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, first, &error));
  g_assert_no_error (error);
  fascia_pain_mark_set_intensity (second, 9);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_pain_mark_get_id (first), !=, fascia_pain_mark_get_id (second));

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* What the tests of rows added as the server goes start from: a client with a plan and a
 * visit on the server, the visit marked once, and the path of a journal not open yet. */
typedef struct
{
  FasciaClient   *client;
  FasciaPlan     *plan;
  FasciaVisit    *visit;
  FasciaPainMark *held_mark;
  char           *journal_path;
  gint64          plan_id;
  gint64          visit_id;
} Chart;

static void
chart_set_up (StoreFixture *fixture,
              Chart        *chart,
              const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  chart->client = fixture_add_client (fixture, name);
  chart->plan = fascia_plan_new ();
  fascia_plan_set_client_id (chart->plan, fascia_client_get_id (chart->client));
  fascia_plan_set_title (chart->plan, "Hip");
  g_assert_true (fascia_store_add_plan (fixture->store, chart->plan, &error));
  g_assert_no_error (error);
  chart->plan_id = fascia_plan_get_id (chart->plan);
  chart->visit = fascia_visit_new ();
  fascia_visit_set_client_id (chart->visit, fascia_client_get_id (chart->client));
  fascia_visit_set_visited_at (chart->visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, chart->visit, &error));
  g_assert_no_error (error);
  chart->visit_id = fascia_visit_get_id (chart->visit);
  chart->held_mark = new_mark (chart->visit_id, "m-piriformis-r", 5);
  g_assert_true (fascia_store_add_pain_mark (fixture->store, chart->held_mark, &error));
  g_assert_no_error (error);
  chart->journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
}

static void
chart_clear (Chart *chart)
{
  g_clear_object (&chart->client);
  g_clear_object (&chart->plan);
  g_clear_object (&chart->visit);
  g_clear_object (&chart->held_mark);
  g_clear_pointer (&chart->journal_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chart, chart_clear)

/* A plan target and a body-chart mark added while the server is away, each alike a row the
 * server held already (the therapist marks the same spot again, targets the same muscle
 * again): each is a row of its own when the server is back, not taken for the row that was
 * there; and the journal as the replay left it at its first save, replayed again, finds each
 * there once and adds neither again. */
static void
test_alike_held_added_offline (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Chart) chart = { 0 };
  g_autoptr(FasciaPlanTarget) held_target = NULL;
  g_autoptr(FasciaPlanTarget) added_target = NULL;
  g_autoptr(FasciaPainMark) added_mark = NULL;
  FasciaPainMark *held_mark;
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 visit_id, plan_id;

  chart_set_up (fixture, &chart, "Ottoline Samespot");
  plan_id = chart.plan_id;
  visit_id = chart.visit_id;
  held_mark = chart.held_mark;
  held_target = new_target (plan_id, "piriformis", "Slow");
  g_assert_true (fascia_store_add_plan_target (fixture->store, held_target, &error));
  g_assert_no_error (error);

  journal = lose_server (fixture, chart.journal_path, &heard);
  added_mark = new_mark (visit_id, "m-piriformis-r", 5);
  KEPT (fascia_store_add_pain_mark (fixture->store, added_mark, &error));
  added_target = new_target (plan_id, "piriformis", "Slow");
  KEPT (fascia_store_add_plan_target (fixture->store, added_target, &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store, visit_id,
                                                                  &error);
      g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store, plan_id,
                                                                      &error);
      g_autoptr(FasciaPainMark) m = NULL;
      g_autoptr(FasciaPlanTarget) t = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
      m = g_list_model_get_item (marks, 1);
      g_assert_cmpint (fascia_pain_mark_get_id (m), !=, fascia_pain_mark_get_id (held_mark));
      g_assert_cmpstr (fascia_pain_mark_get_region_id (m), ==, "m-piriformis-r");
      g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 2);
      t = g_list_model_get_item (targets, 1);
      g_assert_cmpint (fascia_plan_target_get_id (t), !=,
                       fascia_plan_target_get_id (held_target));
      g_assert_cmpstr (fascia_plan_target_get_muscle_id (t), ==, "piriformis");

      if (round == 0)
        replay_as_left (fixture, &heard, 2);
    }

  /* The editors' provisional ids name the rows added, not the rows held. */
  fascia_pain_mark_set_intensity (added_mark, 8);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, added_mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_pain_mark_get_id (added_mark), !=,
                   fascia_pain_mark_get_id (held_mark));
  {
    g_autoptr(FasciaPainMark) m = fascia_store_get_pain_mark (fixture->store,
                                                              fascia_pain_mark_get_id (held_mark),
                                                              &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_pain_mark_get_intensity (m), ==, 5);
  }

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* The server goes as a save is sent: killed, and the store not told yet (its watch of the
 * connection runs in the main loop, not iterated here), so that the next INSERT is sent and
 * gets no answer. */
static void
kill_unheard (StoreFixture *fixture)
{
  pg_server_kill ();
  g_assert_true (fascia_store_is_connected (fixture->store));
}

/* Runs @sql with @plan_id and @token ($1, $2) on a connection of its own to the test's
 * database, and returns the id it returns. */
static gint64
insert_elsewhere (StoreFixture *fixture,
                  const char   *sql,
                  gint64        plan_id,
                  const char   *token)
{
  g_autofree char *plan = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
  const char *params[] = { plan, token };
  PGconn *conn = PQconnectdb (fixture->path);
  PGresult *result;
  gint64 id;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexecParams (conn, sql, 2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return id;
}

/* A mark and a plan target added just as the line falls: the INSERT is sent and no answer
 * comes, so the journal cannot know whether the server committed it. The mark, alike one the
 * server held before, was not committed: it is added when the server is back, not taken for
 * the mark held. The target was committed (its row is put on the server as the INSERT would
 * have, with the token it carried), then changed on this computer: it is not added a second
 * time, and the change is saved to the row committed. */
static void
test_added_as_line_falls (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Chart) chart = { 0 };
  g_autoptr(FasciaPainMark) added_mark = NULL;
  g_autoptr(FasciaPlanTarget) added_target = NULL;
  g_autofree char *token = NULL;
  FasciaPainMark *held_mark;
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 visit_id, plan_id, added_id, committed_id;

  chart_set_up (fixture, &chart, "Leontyne Halfsent");
  plan_id = chart.plan_id;
  visit_id = chart.visit_id;
  held_mark = chart.held_mark;
  journal = keep_journal (fixture, chart.journal_path, &heard);

  /* The mark: not committed. */
  kill_unheard (fixture);
  added_mark = new_mark (visit_id, "m-piriformis-r", 5);
  KEPT (fascia_store_add_pain_mark (fixture->store, added_mark, &error));
  g_assert_cmpint (fascia_pain_mark_get_id (added_mark), <, 0);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_true (g_uuid_string_is_valid (fascia_journal_get_edit (journal, 0)->token));

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  {
    g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store, visit_id,
                                                                &error);
    g_autoptr(FasciaPainMark) m = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
    m = g_list_model_get_item (marks, 1);
    added_id = fascia_pain_mark_get_id (m);
    g_assert_cmpint (added_id, !=, fascia_pain_mark_get_id (held_mark));
    g_assert_cmpstr (fascia_pain_mark_get_region_id (m), ==, "m-piriformis-r");
  }
  /* Its editor's provisional id names the row added, not the one held. */
  fascia_pain_mark_set_intensity (added_mark, 6);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, added_mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_pain_mark_get_id (added_mark), ==, added_id);
  {
    g_autoptr(FasciaPainMark) m = fascia_store_get_pain_mark (fixture->store,
                                                              fascia_pain_mark_get_id (held_mark),
                                                              &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_pain_mark_get_intensity (m), ==, 5);
  }

  /* The target: committed, its answer lost; changed while the server is away. */
  kill_unheard (fixture);
  added_target = new_target (plan_id, "gluteus-medius", "Side-lying");
  KEPT (fascia_store_add_plan_target (fixture->store, added_target, &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  token = g_strdup (fascia_journal_get_edit (journal, 0)->token);
  g_assert_true (g_uuid_string_is_valid (token));
  fascia_plan_target_set_notes (added_target, "Side-lying, slow");
  g_assert_true (fascia_store_update_plan_target (fixture->store, added_target, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_cmpstr (fascia_journal_get_edit (journal, 0)->token, ==, token);
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (chart.journal_path, "test", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fascia_journal_get_edit (reread, 0)->token, ==, token);
  }

  pg_server_restart ();
  /* What the INSERT did before the line fell, there before the store is back. */
  committed_id = insert_elsewhere (fixture,
                                   "INSERT INTO fascia.plan_targets (plan_id, muscle_id, side, "
                                   "notes, created_at, updated_at, add_token) "
                                   "VALUES ($1, 'gluteus-medius', 'right', 'Side-lying', 1, 1, $2) "
                                   "RETURNING id", plan_id, token);
  while (heard.back < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  {
    g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store, plan_id,
                                                                    &error);
    g_autoptr(FasciaPlanTarget) t = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 1);
    t = g_list_model_get_item (targets, 0);
    g_assert_cmpint (fascia_plan_target_get_id (t), ==, committed_id);
    g_assert_cmpstr (fascia_plan_target_get_notes (t), ==, "Side-lying, slow");
  }
  fascia_plan_target_set_duration_minutes (added_target, 5);
  g_assert_true (fascia_store_update_plan_target (fixture->store, added_target, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_plan_target_get_id (added_target), ==, committed_id);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* Whether each of the provisional @ids (of @kinds) names a row the replay added: their ids
 * on the server, in @saved. */
static void
resolve_all (StoreFixture            *fixture,
             const FasciaJournalKind *kinds,
             const gint64            *ids,
             gint64                  *saved,
             guint                    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (ids[i], <, 0);
      saved[i] = fascia_store_resolve_id (fixture->store, kinds[i], ids[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (saved[i], >, 0);
    }
}

/* A new client, a plan of theirs with a target, a visit of that plan with a SOAP note, a
 * body-chart mark and a finding, and a visit of a client the server holds, all added while
 * the server is away (it is killed mid-edit): each fails at once, is kept with a provisional
 * id (the editors show it), a change of one replaces its addition, and the journal on disk
 * holds them as a crash would find them. When the server is back each is added once, under
 * the row the server added for the one it belongs to; the journal as the replay left it at
 * its first save, replayed again, adds nothing twice; and the provisional ids the editors
 * hold name the rows added. */
static void
test_rows_added_offline (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) held = fixture_add_client (fixture, "Winifred Heldfast");
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaVisit) held_visit = fascia_visit_new ();
  g_autoptr(FasciaPainMark) mark = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaFinding *finding;
  FasciaJournal *journal;
  Heard heard = { 0 };
  static const FasciaJournalKind kinds[] = {
    FASCIA_JOURNAL_CLIENT, FASCIA_JOURNAL_PLAN, FASCIA_JOURNAL_VISIT, FASCIA_JOURNAL_VISIT
  };
  gint64 ids[4], saved[4];

  journal = lose_server (fixture, journal_path, &heard);

  /* A client, changed after: one addition, as left. */
  fascia_client_set_name (client, "Cressida Newcome");
  KEPT (fascia_store_add_client (fixture->store, client, &error));
  g_assert_cmpint (fascia_client_get_id (client), <, 0);
  fascia_client_set_phone (client, "555 0142");
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);

  /* Their plan, a target of it, and the plan changed after. */
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Neck");
  KEPT (fascia_store_add_plan (fixture->store, plan, &error));
  g_assert_cmpint (fascia_plan_get_id (plan), <, 0);
  target = new_target (fascia_plan_get_id (plan), "piriformis", "Slow");
  KEPT (fascia_store_add_plan_target (fixture->store, target, &error));
  fascia_plan_set_goals (plan, "Turn the head freely");
  g_assert_true (fascia_store_update_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 3);

  /* A visit of that plan, its note typed, a mark and a finding on it. */
  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
  fascia_visit_set_visited_at (visit, now);
  fascia_visit_set_pain_before (visit, 6);
  fascia_visit_set_pain_after (visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_cmpint (fascia_visit_get_id (visit), <, 0);
  g_assert_true (fascia_store_save_visit_field (fixture->store, visit,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "Stiff on waking",
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_visit_get_subjective (visit), ==, "Stiff on waking");
  mark = new_mark (fascia_visit_get_id (visit), "m-piriformis-r", 4);
  KEPT (fascia_store_add_pain_mark (fixture->store, mark, &error));
  finding = fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit),
                                            "piriformis", FASCIA_SIDE_RIGHT,
                                            FASCIA_FINDING_TENDER, &error);
  KEPT (finding != NULL);

  /* A visit of a client the server holds. */
  fascia_visit_set_client_id (held_visit, fascia_client_get_id (held));
  fascia_visit_set_visited_at (held_visit, now);
  fascia_visit_set_pain_before (held_visit, 3);
  fascia_visit_set_pain_after (held_visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, held_visit, &error));

  /* On disk, as the next start would find them. */
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 7);
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (journal_path, "test", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_journal_get_n_edits (reread), ==, 7);
  }
  ids[0] = fascia_client_get_id (client);
  ids[1] = fascia_plan_get_id (plan);
  ids[2] = fascia_visit_get_id (visit);
  ids[3] = fascia_visit_get_id (held_visit);

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  resolve_all (fixture, kinds, ids, saved, G_N_ELEMENTS (ids));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(FasciaClient) c = fascia_store_get_client (fixture->store, saved[0], &error);
      g_autoptr(GListModel) plans = fascia_store_list_plans (fixture->store, saved[0], &error);
      g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store, saved[1],
                                                                      &error);
      g_autoptr(GListModel) visits = fascia_store_list_visits (fixture->store, saved[0],
                                                               &error);
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store, saved[2],
                                                                  &error);
      g_autoptr(GListModel) findings = fascia_store_list_findings (fixture->store, saved[2],
                                                                   &error);
      g_autoptr(GListModel) held_visits = fascia_store_list_visits (fixture->store,
                                                                    fascia_client_get_id (held),
                                                                    &error);
      g_autoptr(FasciaPlan) p = NULL;
      g_autoptr(FasciaVisit) v = NULL;
      g_autoptr(FasciaVisit) hv = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (fascia_client_get_name (c), ==, "Cressida Newcome");
      g_assert_cmpstr (fascia_client_get_phone (c), ==, "555 0142");
      g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
      p = g_list_model_get_item (plans, 0);
      g_assert_cmpint (fascia_plan_get_id (p), ==, saved[1]);
      g_assert_cmpstr (fascia_plan_get_goals (p), ==, "Turn the head freely");
      g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 1);
      v = g_list_model_get_item (visits, 0);
      g_assert_cmpint (fascia_visit_get_id (v), ==, saved[2]);
      g_assert_cmpint (fascia_visit_get_plan_id (v), ==, saved[1]);
      g_assert_cmpstr (fascia_visit_get_subjective (v), ==, "Stiff on waking");
      g_assert_cmpint (fascia_visit_get_pain_before (v), ==, 6);
      g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (held_visits), ==, 1);
      hv = g_list_model_get_item (held_visits, 0);
      g_assert_cmpint (fascia_visit_get_id (hv), ==, saved[3]);
      g_assert_cmpint (fascia_visit_get_pain_before (hv), ==, 3);

      /* The journal as the replay left it at its first save: nothing added twice. */
      if (round == 0)
        replay_as_left (fixture, &heard, 7);
    }

  /* The editors' provisional ids name the rows added, at the revision the replay left. */
  g_assert_true (fascia_store_save_visit_field (fixture->store, visit,
                                                FASCIA_VISIT_FIELD_OBJECTIVE,
                                                "Tender on the right", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_visit_get_id (visit), ==, saved[2]);
  fascia_plan_set_weeks (plan, 4);
  g_assert_true (fascia_store_update_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_plan_get_id (plan), ==, saved[1]);
  fascia_client_set_email (client, "cressida@example.org");
  g_assert_true (fascia_store_update_client (fixture->store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_client_get_id (client), ==, saved[0]);
  /* And a visit added now under the plan added then goes under the row the server holds. */
  {
    g_autoptr(FasciaVisit) later = fascia_visit_new ();
    g_autoptr(FasciaVisit) read = NULL;

    fascia_visit_set_client_id (later, ids[0]);
    fascia_visit_set_plan_id (later, ids[1]);
    fascia_visit_set_pain_before (later, -1);
    fascia_visit_set_pain_after (later, -1);
    g_assert_true (fascia_store_add_visit (fixture->store, later, &error));
    g_assert_no_error (error);
    read = fascia_store_get_visit (fixture->store, fascia_visit_get_id (later), &error);
    g_assert_no_error (error);
    g_assert_cmpint (fascia_visit_get_client_id (read), ==, saved[0]);
    g_assert_cmpint (fascia_visit_get_plan_id (read), ==, saved[1]);
  }
  {
    g_autoptr(FasciaVisit) v = fascia_store_get_visit (fixture->store, saved[2], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fascia_visit_get_subjective (v), ==, "Stiff on waking");
    g_assert_cmpstr (fascia_visit_get_objective (v), ==, "Tender on the right");
  }

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* The count of rows @sql (a count) finds, read on a connection of its own. */
static gint64
server_count (StoreFixture *fixture,
              const char   *sql)
{
  g_autoptr(GError) error = NULL;
  FasciaDb *db = fascia_db_postgres_open (fixture->path, &error);
  FasciaDbStmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  stmt = fascia_db_prepare (db, sql, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  n = fascia_db_column_int64 (stmt, 0);
  fascia_db_stmt_free (stmt);
  fascia_db_close (db);
  return n;
}

/* What was added while the server is away is listed as it was left, each with its
 * provisional id, before the server is back: a client's plans and visits (newest first), a
 * plan's targets and a visit's marks and findings (in the order added, read as the server's
 * are); a row deleted meanwhile is not, nor a finding cleared. Once the server is back none is listed as kept, and the server
 * holds each once. */
static void
test_added_offline_listed (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) held = fixture_add_client (fixture, "Winifred Heldfast");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlan) dropped = fascia_plan_new ();
  g_autoptr(FasciaPlan) newest = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaPainMark) mark = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  gint64 held_id = fascia_client_get_id (held);
  Heard heard = { 0 };

  lose_server (fixture, journal_path, &heard);

  fascia_plan_set_client_id (plan, held_id);
  fascia_plan_set_title (plan, "Neck");
  KEPT (fascia_store_add_plan (fixture->store, plan, &error));
  fascia_plan_set_goals (plan, "Turn the head freely");
  g_assert_true (fascia_store_update_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  target = new_target (fascia_plan_get_id (plan), "piriformis", "Slow");
  KEPT (fascia_store_add_plan_target (fixture->store, target, &error));
  fascia_plan_set_client_id (dropped, held_id);
  fascia_plan_set_title (dropped, "Deleted before the server is back");
  KEPT (fascia_store_add_plan (fixture->store, dropped, &error));
  fascia_plan_set_client_id (newest, held_id);
  fascia_plan_set_title (newest, "Low back");
  KEPT (fascia_store_add_plan (fixture->store, newest, &error));
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLANS,
                                      fascia_plan_get_id (dropped), &error));
  g_assert_no_error (error);

  fascia_visit_set_client_id (visit, held_id);
  fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
  fascia_visit_set_visited_at (visit, now);
  fascia_visit_set_pain_before (visit, 6);
  fascia_visit_set_pain_after (visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_true (fascia_store_save_visit_field (fixture->store, visit,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "Stiff on waking",
                                                NULL, &error));
  g_assert_no_error (error);
  mark = new_mark (fascia_visit_get_id (visit), "m-piriformis-r", 4);
  KEPT (fascia_store_add_pain_mark (fixture->store, mark, &error));
  /* A finding, and another found and cleared again. */
  KEPT (fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit), "piriformis",
                                        FASCIA_SIDE_RIGHT, FASCIA_FINDING_TENDER, &error) != NULL);
  KEPT (fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit), "psoas-major",
                                        FASCIA_SIDE_LEFT, FASCIA_FINDING_TENDER, &error) != NULL);
  KEPT (fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit), "psoas-major",
                                        FASCIA_SIDE_LEFT, FASCIA_FINDING_NONE, &error) != NULL);

  {
    g_autoptr(GListModel) plans = fascia_store_list_added_kept (fixture->store,
                                                                FASCIA_STORE_TABLE_PLANS,
                                                                held_id);
    g_autoptr(GListModel) visits = fascia_store_list_added_kept (fixture->store,
                                                                 FASCIA_STORE_TABLE_VISITS,
                                                                 held_id);
    g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store,
                                                                    fascia_plan_get_id (plan),
                                                                    &error);
    g_autoptr(GListModel) marks = fascia_store_list_pain_marks (fixture->store,
                                                                fascia_visit_get_id (visit),
                                                                &error);
    g_autoptr(GListModel) findings = fascia_store_list_findings (fixture->store,
                                                                 fascia_visit_get_id (visit),
                                                                 &error);
    g_autoptr(GListModel) others = fascia_store_list_added_kept (fixture->store,
                                                                 FASCIA_STORE_TABLE_PLANS,
                                                                 held_id + 1);
    g_autoptr(FasciaPlan) first = NULL;
    g_autoptr(FasciaPlan) second = NULL;
    g_autoptr(FasciaVisit) v = NULL;
    g_autoptr(FasciaPlanTarget) t = NULL;
    g_autoptr(FasciaPainMark) m = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
    first = g_list_model_get_item (plans, 0);
    second = g_list_model_get_item (plans, 1);
    g_assert_cmpint (fascia_plan_get_id (first), ==, fascia_plan_get_id (newest));
    g_assert_cmpstr (fascia_plan_get_title (first), ==, "Low back");
    g_assert_cmpint (fascia_plan_get_id (second), ==, fascia_plan_get_id (plan));
    g_assert_cmpstr (fascia_plan_get_goals (second), ==, "Turn the head freely");
    g_assert_cmpint (fascia_plan_get_client_id (second), ==, held_id);
    g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 1);
    v = g_list_model_get_item (visits, 0);
    g_assert_cmpint (fascia_visit_get_id (v), ==, fascia_visit_get_id (visit));
    g_assert_cmpint (fascia_visit_get_plan_id (v), ==, fascia_plan_get_id (plan));
    g_assert_cmpint (fascia_visit_get_pain_before (v), ==, 6);
    g_assert_cmpstr (fascia_visit_get_subjective (v), ==, "Stiff on waking");
    g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 1);
    t = g_list_model_get_item (targets, 0);
    g_assert_cmpint (fascia_plan_target_get_id (t), ==, fascia_plan_target_get_id (target));
    g_assert_cmpstr (fascia_plan_target_get_muscle_id (t), ==, "piriformis");
    g_assert_cmpstr (fascia_plan_target_get_notes (t), ==, "Slow");
    g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
    m = g_list_model_get_item (marks, 0);
    g_assert_cmpint (fascia_pain_mark_get_id (m), ==, fascia_pain_mark_get_id (mark));
    g_assert_cmpstr (fascia_pain_mark_get_region_id (m), ==, "m-piriformis-r");
    g_assert_cmpuint (g_list_model_get_n_items (others), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
    {
      g_autoptr(FasciaFinding) found = g_list_model_get_item (findings, 0);

      g_assert_cmpstr (fascia_finding_get_muscle_id (found), ==, "piriformis");
      g_assert_cmpint (fascia_finding_get_side (found), ==, FASCIA_SIDE_RIGHT);
      g_assert_cmpint (fascia_finding_get_flags (found), ==, FASCIA_FINDING_TENDER);
    }
  }

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(GListModel) plans = fascia_store_list_added_kept (fixture->store,
                                                                FASCIA_STORE_TABLE_PLANS,
                                                                held_id);
    g_autoptr(GListModel) visits = fascia_store_list_added_kept (fixture->store,
                                                                 FASCIA_STORE_TABLE_VISITS,
                                                                 held_id);
    g_autoptr(GListModel) read = fascia_store_list_plans (fixture->store, held_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (read), ==, 2);
  }
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM plans"), ==, 2);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM visits"), ==, 1);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM plan_targets"), ==, 1);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM pain_marks"), ==, 1);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM findings "
                                          "WHERE deleted_at IS NULL AND tender <> 0"), ==, 1);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* A client, plan or visit added while the server is away and deleted before it is back is
 * taken out of the journal at once with everything added under it (the client's plan with
 * its target, its visit with its note and mark), and its undo puts them back; another client
 * added meanwhile and a visit of it deleted alone are left as they are. When the server is
 * back none of what was deleted reaches it. */
static void
test_added_offline_deleted (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaClient) other = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaVisit) other_visit = fascia_visit_new ();
  g_autoptr(FasciaVisit) other_kept = fascia_visit_new ();
  g_autoptr(FasciaPainMark) mark = NULL;
  g_autofree char *journal_path = g_build_filename (fixture->dir, "edits.journal", NULL);
  FasciaJournal *journal;
  Heard heard = { 0 };

  journal = lose_server (fixture, journal_path, &heard);

  fascia_client_set_name (client, "Cressida Newcome");
  KEPT (fascia_store_add_client (fixture->store, client, &error));
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Neck");
  KEPT (fascia_store_add_plan (fixture->store, plan, &error));
  target = new_target (fascia_plan_get_id (plan), "piriformis", "Slow");
  KEPT (fascia_store_add_plan_target (fixture->store, target, &error));
  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
  fascia_visit_set_pain_before (visit, 6);
  fascia_visit_set_pain_after (visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_true (fascia_store_save_visit_field (fixture->store, visit,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "Stiff on waking",
                                                NULL, &error));
  g_assert_no_error (error);
  mark = new_mark (fascia_visit_get_id (visit), "m-piriformis-r", 4);
  KEPT (fascia_store_add_pain_mark (fixture->store, mark, &error));

  fascia_client_set_name (other, "Octavia Staying");
  KEPT (fascia_store_add_client (fixture->store, other, &error));
  fascia_visit_set_client_id (other_visit, fascia_client_get_id (other));
  fascia_visit_set_pain_before (other_visit, 2);
  fascia_visit_set_pain_after (other_visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, other_visit, &error));
  fascia_visit_set_client_id (other_kept, fascia_client_get_id (other));
  fascia_visit_set_pain_before (other_kept, 3);
  fascia_visit_set_pain_after (other_kept, -1);
  KEPT (fascia_store_add_visit (fixture->store, other_kept, &error));
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 8);

  /* A visit alone. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_VISITS,
                                      fascia_visit_get_id (other_visit), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 7);

  /* A client with all that hangs off it; undone, and deleted again. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                      fascia_client_get_id (client), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);
  {
    g_autoptr(FasciaJournal) reread = fascia_journal_open (journal_path, "test", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fascia_journal_get_n_edits (reread), ==, 2);
  }
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                        fascia_client_get_id (client), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 7);
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLANS,
                                      fascia_plan_get_id (plan), &error));
  g_assert_no_error (error);
  /* The plan, its target and its visit with the visit's note and mark. */
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 3);
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                      fascia_client_get_id (client), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);

  pg_server_restart ();
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM plans"), ==, 0);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM plan_targets"), ==, 0);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM pain_marks"), ==, 0);
  g_assert_cmpint (server_count (fixture, "SELECT count(*) FROM visits"), ==, 1);
  g_assert_cmpint (server_count (fixture, "SELECT pain_before FROM visits"), ==, 3);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_free (heard.in_replay);
}

/* A visit added just as the line falls: the INSERT is sent and no answer comes. It was
 * committed (its row is put on the server as the INSERT would have, with the token it
 * carried), then changed on this computer: when the server is back it is not added a second
 * time, and the change is saved to the row committed, which its editor's provisional id
 * names. */
static void
test_visit_added_as_line_falls (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Chart) chart = { 0 };
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *token = NULL;
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 client_id, committed_id;

  chart_set_up (fixture, &chart, "Rosalind Halfsaved");
  client_id = fascia_client_get_id (chart.client);
  journal = keep_journal (fixture, chart.journal_path, &heard);

  kill_unheard (fixture);
  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_visited_at (visit, now);
  fascia_visit_set_pain_before (visit, -1);
  fascia_visit_set_pain_after (visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_cmpint (fascia_visit_get_id (visit), <, 0);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  token = g_strdup (fascia_journal_get_edit (journal, 0)->token);
  g_assert_true (g_uuid_string_is_valid (token));
  fascia_visit_set_pain_before (visit, 4);
  g_assert_true (fascia_store_update_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);
  g_assert_cmpstr (fascia_journal_get_edit (journal, 0)->token, ==, token);

  pg_server_restart ();
  /* What the INSERT did before the line fell, there before the store is back. */
  committed_id = insert_elsewhere (fixture,
                                   "INSERT INTO fascia.visits (client_id, visited_at, "
                                   "created_at, updated_at, add_token) "
                                   "VALUES ($1, 1, 1, 1, $2) RETURNING id", client_id, token);
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  {
    g_autoptr(GListModel) visits = fascia_store_list_visits (fixture->store, client_id, &error);
    g_autoptr(FasciaVisit) v = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 2);
    v = fascia_store_get_visit (fixture->store, committed_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fascia_visit_get_pain_before (v), ==, 4);
  }
  fascia_visit_set_pain_after (visit, 1);
  g_assert_true (fascia_store_update_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_visit_get_id (visit), ==, committed_id);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
}

/* Runs @sql on a connection of its own to the test's database. */
static void
exec_elsewhere (StoreFixture *fixture,
                const char   *sql)
{
  PGconn *conn = PQconnectdb (fixture->path);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A plan target and a visit added just as the line falls, each committed (put on the server
 * as the INSERT would have, with its token) and changed on this computer after; before the
 * replay, another therapist deletes them and they are purged for good. The replay does not
 * add them again: it counts them as deleted elsewhere, for the window to say so. */
static void
test_purged_before_replay (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Chart) chart = { 0 };
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autofree char *target_token = NULL;
  g_autofree char *visit_token = NULL;
  FasciaJournal *journal;
  Heard heard = { 0 };
  gint64 client_id;

  chart_set_up (fixture, &chart, "Perpetua Elsewhere");
  client_id = fascia_client_get_id (chart.client);
  journal = keep_journal (fixture, chart.journal_path, &heard);

  kill_unheard (fixture);
  target = new_target (chart.plan_id, "gluteus-medius", "Side-lying");
  KEPT (fascia_store_add_plan_target (fixture->store, target, &error));
  target_token = g_strdup (fascia_journal_get_edit (journal, 0)->token);
  fascia_plan_target_set_notes (target, "Side-lying, slow");
  g_assert_true (fascia_store_update_plan_target (fixture->store, target, &error));
  g_assert_no_error (error);
  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_pain_before (visit, -1);
  fascia_visit_set_pain_after (visit, -1);
  KEPT (fascia_store_add_visit (fixture->store, visit, &error));
  visit_token = g_strdup (fascia_journal_get_edit (journal, 1)->token);
  fascia_visit_set_pain_before (visit, 7);
  g_assert_true (fascia_store_update_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 2);

  pg_server_restart ();
  /* Committed as the line fell; deleted and purged by someone else before the store is
   * back. */
  insert_elsewhere (fixture,
                    "INSERT INTO fascia.plan_targets (plan_id, muscle_id, side, notes, "
                    "created_at, updated_at, add_token) "
                    "VALUES ($1, 'gluteus-medius', 'right', 'Side-lying', 1, 1, $2) RETURNING id",
                    chart.plan_id, target_token);
  insert_elsewhere (fixture,
                    "INSERT INTO fascia.visits (client_id, visited_at, created_at, updated_at, "
                    "add_token) VALUES ($1, 1, 1, 1, $2) RETURNING id", client_id, visit_token);
  exec_elsewhere (fixture, "DELETE FROM fascia.plan_targets WHERE add_token IS NOT NULL");
  exec_elsewhere (fixture, "DELETE FROM fascia.visits WHERE add_token IS NOT NULL "
                  "AND visited_at = 1");
  while (heard.back == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 0);
  g_assert_cmpuint (fascia_journal_take_n_gone (journal), ==, 2);
  g_assert_cmpuint (fascia_journal_take_n_gone (journal), ==, 0);
  {
    g_autoptr(GListModel) targets = fascia_store_list_plan_targets (fixture->store, chart.plan_id,
                                                                    &error);
    g_autoptr(GListModel) visits = fascia_store_list_visits (fixture->store, client_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 1);
  }

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
}

/* What a save and the opening of a client cost in round trips to the server, counted by the
 * engine: a note saved is one statement sent with its BEGIN and its COMMIT (it was BEGIN, a
 * read of the visit, the UPDATE and the COMMIT; then the statement with its BEGIN, and the
 * COMMIT); opening a client is one statement each for the client, its plans, each plan's
 * targets, its visits and its pain scores, as a program written by hand on libpq sends — with
 * 200 visits too, every one of them read (they were read 64 a query: eight round trips). The
 * revision still guards the save, the audit log still records it, and a locked visit's note
 * still becomes an amendment. */
static guint64
round_trips (StoreFixture *fixture)
{
  return fascia_db_postgres_get_round_trips (fascia_store_get_db (fixture->store));
}

static void
open_client (StoreFixture *fixture,
             gint64        client_id,
             guint         n_visits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_store_get_client (fixture->store, client_id, &error);
  g_autoptr(GListModel) plans = fascia_store_list_plans (fixture->store, client_id, &error);
  g_autoptr(GListModel) visits = fascia_store_list_visits (fixture->store, client_id, &error);
  g_autoptr(GArray) scores = NULL;

  g_assert_no_error (error);
  for (guint k = 0; k < g_list_model_get_n_items (plans); k++)
    {
      g_autoptr(FasciaPlan) plan = g_list_model_get_item (plans, k);
      g_autoptr(GListModel) targets =
        fascia_store_list_plan_targets (fixture->store, fascia_plan_get_id (plan), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 1);
    }
  /* Every visit read, not only a screenful. */
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==, n_visits);
  for (guint k = 0; k < n_visits; k++)
    {
      g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, k);

      g_assert_cmpint (fascia_visit_get_id (visit), >, 0);
      g_assert_cmpint (fascia_visit_get_client_id (visit), ==, client_id);
    }
  scores = fascia_store_list_visit_scores (fixture->store, client_id,
                                           FASCIA_STORE_MAX_VISIT_SCORES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, n_visits);
}

/* A client with a plan of one target and @n_visits visits, a week apart, newest first in
 * @visit_ids. */
static gint64
add_busy_client (StoreFixture *fixture,
                 guint         n_visits,
                 GArray       *visit_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Hyacinth Oftencome");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Low back");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  target = new_target (fascia_plan_get_id (plan), "quadratus-lumborum", "");
  g_assert_true (fascia_store_add_plan_target (fixture->store, target, &error));
  g_assert_true (fascia_store_begin_batch (fixture->store, &error));
  for (guint i = 0; i < n_visits; i++)
    {
      g_autoptr(FasciaVisit) visit = fascia_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_weeks (now, -(int) i);
      gint64 id;

      fascia_visit_set_client_id (visit, fascia_client_get_id (client));
      fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
      fascia_visit_set_visited_at (visit, when);
      fascia_visit_set_subjective (visit, "Stiff after gardening.");
      g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
      id = fascia_visit_get_id (visit);
      g_array_append_val (visit_ids, id);
    }
  g_assert_true (fascia_store_end_batch (fixture->store, TRUE, &error));
  g_assert_no_error (error);
  return fascia_client_get_id (client);
}

/* The changes of a visit the server's audit log holds. */
static gint64
audited_updates (StoreFixture *fixture,
                 gint64        visit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStoreStmt) stmt =
    fascia_store_prepare (fixture->store,
                          "SELECT count(*) FROM audit_log WHERE table_name = 'visits' "
                          "AND row_id = ?1 AND operation = 'UPDATE'", &error);

  g_assert_no_error (error);
  fascia_db_bind_int64 (stmt, 1, visit_id);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  return fascia_db_column_int64 (stmt, 0);
}

static void
test_round_trips (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Leocadia Fairweather");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) target = NULL;
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaVisit) old = fascia_visit_new ();
  g_autoptr(FasciaVisit) stale = NULL;
  g_autoptr(FasciaVisit) theirs = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) last_week = g_date_time_add_days (now, -7);
  gint64 client_id = fascia_client_get_id (client);
  g_autoptr(GArray) busy_visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 audited, busy_id;
  guint64 before;

  fascia_plan_set_client_id (plan, client_id);
  fascia_plan_set_title (plan, "Shoulder");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  target = new_target (fascia_plan_get_id (plan), "piriformis", "");
  g_assert_true (fascia_store_add_plan_target (fixture->store, target, &error));
  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_visited_at (visit, now);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  fascia_visit_set_client_id (old, client_id);
  fascia_visit_set_visited_at (old, last_week);
  g_assert_true (fascia_store_add_visit (fixture->store, old, &error));
  g_assert_no_error (error);
  stale = fascia_store_get_visit (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_no_error (error);

  busy_id = add_busy_client (fixture, 200, busy_visits);

  /* Each statement prepared once on this connection first. */
  open_client (fixture, client_id, 2);
  open_client (fixture, busy_id, 200);
  g_assert_true (fascia_store_save_visit_field (fixture->store, visit,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "First", NULL,
                                                &error));
  g_assert_no_error (error);

  before = round_trips (fixture);
  open_client (fixture, client_id, 2);
  g_test_message ("open a client: %" G_GUINT64_FORMAT " round trips",
                  round_trips (fixture) - before);
  g_assert_cmpuint (round_trips (fixture) - before, ==, 5);

  before = round_trips (fixture);
  open_client (fixture, busy_id, 200);
  g_test_message ("open a client of 200 visits: %" G_GUINT64_FORMAT " round trips",
                  round_trips (fixture) - before);
  g_assert_cmpuint (round_trips (fixture) - before, ==, 5);

  /* Newest first, every one once, as they were added. */
  {
    g_autoptr(GListModel) visits = fascia_store_list_visits (fixture->store, busy_id, &error);

    g_assert_no_error (error);
    for (guint k = 0; k < busy_visits->len; k++)
      {
        g_autoptr(FasciaVisit) v = g_list_model_get_item (visits, k);

        g_assert_cmpint (fascia_visit_get_id (v), ==, g_array_index (busy_visits, gint64, k));
      }
  }

  audited = audited_updates (fixture, fascia_visit_get_id (visit));
  before = round_trips (fixture);
  g_assert_true (fascia_store_save_visit_field (fixture->store, visit,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "Second", NULL,
                                                &error));
  g_assert_no_error (error);
  g_test_message ("save a note: %" G_GUINT64_FORMAT " round trips",
                  round_trips (fixture) - before);
  g_assert_cmpuint (round_trips (fixture) - before, ==, 1);
  {
    g_autoptr(FasciaVisit) saved = fascia_store_get_visit (fixture->store,
                                                           fascia_visit_get_id (visit), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, "Second");
    g_assert_cmpint (fascia_visit_get_revision (saved), ==, fascia_visit_get_revision (visit));
  }

  /* Still refused over another's save, with theirs; still audited, once. */
  g_assert_false (fascia_store_save_visit_field (fixture->store, stale,
                                                 FASCIA_VISIT_FIELD_SUBJECTIVE, "Mine", &theirs,
                                                 &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_nonnull (theirs);
  g_assert_cmpstr (fascia_visit_get_subjective (theirs), ==, "Second");
  g_assert_cmpint (fascia_visit_get_revision (theirs), ==, fascia_visit_get_revision (visit));
  g_assert_cmpint (audited_updates (fixture, fascia_visit_get_id (visit)), ==, audited + 1);

  /* A locked visit's note still becomes an amendment. */
  g_assert_true (fascia_store_save_visit_field (fixture->store, old,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "Later", NULL,
                                                &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) amendments = fascia_store_list_amendments (fixture->store,
                                                                     fascia_visit_get_id (old),
                                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (amendments), ==, 1);
  }
}

/* TCP keepalives, a TCP user timeout and a connect timeout are on unless the connection string
 * says otherwise, so that a server lost without a word is noticed in about a minute, and a
 * query lost with the network in 20 s. */
static void
test_keepalives (void)
{
  g_autofree char *conninfo = pg_server_new_database ();
  g_autofree char *own = g_strconcat (conninfo, " keepalives_idle=7", NULL);
  g_autoptr(GError) error = NULL;
  FasciaDb *db;
  char *value;

  db = fascia_db_postgres_open (conninfo, &error);
  g_assert_no_error (error);
  value = fascia_db_postgres_get_option (db, "keepalives");
  g_assert_cmpstr (value, ==, "1");
  g_free (value);
  value = fascia_db_postgres_get_option (db, "keepalives_idle");
  g_assert_cmpstr (value, ==, "30");
  g_free (value);
  value = fascia_db_postgres_get_option (db, "keepalives_count");
  g_assert_cmpstr (value, ==, "3");
  g_free (value);
  /* A query whose bytes the network stopped acknowledging fails in 20 s, not 15 minutes. */
  value = fascia_db_postgres_get_option (db, "tcp_user_timeout");
  g_assert_cmpstr (value, ==, "20000");
  g_free (value);
  /* And a connection the server does not answer fails in 10 s, not never. */
  value = fascia_db_postgres_get_option (db, "connect_timeout");
  g_assert_cmpstr (value, ==, "10");
  g_free (value);
  fascia_db_close (db);

  db = fascia_db_postgres_open (own, &error);
  g_assert_no_error (error);
  value = fascia_db_postgres_get_option (db, "keepalives_idle");
  g_assert_cmpstr (value, ==, "7");
  g_free (value);
  value = fascia_db_postgres_get_option (db, "dbname");
  g_assert_true (g_str_has_prefix (value, "fascia_test_"));
  g_free (value);
  fascia_db_close (db);
}

/* A login the server refuses (a wrong password) is not a server that cannot be reached: a
 * window opened on it says so once, rather than showing "offline" and trying again forever. */
static void
count_cb (guint *n)
{
  (*n)++;
}

static void
open_failed_cb (FasciaStore  *store,
                const GError *error,
                GError      **failed)
{
  g_assert_null (*failed);
  *failed = g_error_copy (error);
}

static gboolean
give_up_cb (gpointer data)
{
  gboolean *given_up = data;

  *given_up = TRUE;
  return G_SOURCE_REMOVE;
}

/* pg_hba.conf rewritten in place (its owner and mode kept: the server reads it), and the
 * server told to read it again. */
static void
set_hba (const char *contents)
{
  g_autofree char *path = g_build_filename (pg_server.dir, "data", "pg_hba.conf", NULL);
  g_autofree char *admin = g_strdup_printf ("host=%s dbname=postgres user=fascia",
                                            pg_server.dir);
  FILE *file = fopen (path, "w");
  PGconn *conn;

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (contents, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
  conn = PQconnectdb (admin);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "SELECT pg_reload_conf ()"));
  PQfinish (conn);
}

static void
test_refused_login (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autofree char *hba_path = g_build_filename (pg_server.dir, "data", "pg_hba.conf", NULL);
  g_autofree char *hba = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(FasciaStore) store = NULL;
  gboolean given_up = FALSE;
  PGconn *conn;
  guint id;

  g_assert_true (g_file_get_contents (hba_path, &hba, NULL, &error));
  g_assert_no_error (error);
  conn = PQconnectdb (fixture->path);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "CREATE ROLE fascia_refused LOGIN PASSWORD 'right one'"));
  PQfinish (conn);

  with_password = g_strconcat ("local all fascia_refused scram-sha-256\n", hba, NULL);
  set_hba (with_password);
  wrong = g_strdup_printf ("%s user=fascia_refused password=wrong", fixture->path);
  right = g_strdup_printf ("%s user=fascia_refused password='right one'", fixture->path);
  /* The server reads its rules again in its own time: until it refuses the wrong password. */
  for (guint tries = 0;; tries++)
    {
      conn = PQconnectdb (wrong);
      if (PQstatus (conn) != CONNECTION_OK)
        break;
      PQfinish (conn);
      g_assert_cmpuint (tries, <, 400);
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_true (PQconnectionUsedPassword (conn));
  PQfinish (conn);
  conn = PQconnectdb (right);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQfinish (conn);

  store = fascia_store_open_in_background (wrong, &error);
  g_assert_no_error (error);
  g_assert_false (fascia_store_is_connected (store));
  g_signal_connect (store, "open-failed", G_CALLBACK (open_failed_cb), &failed);
  /* Not a measure of time: only a bound on a wait that, wrongly, never ended. */
  id = g_timeout_add_seconds (60, give_up_cb, &given_up);
  while (failed == NULL && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (id);
  g_assert_error (failed, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (failed->message, "fascia_refused"));
  g_assert_null (strstr (failed->message, "wrong"));
  g_assert_false (fascia_store_is_connected (store));

  /* Opened at once on this thread, the same. */
  g_clear_error (&error);
  g_assert_null (fascia_store_open (wrong, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DENIED);

  set_hba (hba);
}

/* Waits for @store's #FasciaStore::open-failed, into @failed. Not a measure of time: the
 * bound only ends a wait that, wrongly, never would. */
static void
wait_open_failed (FasciaStore  *store,
                  GError      **failed)
{
  gboolean given_up = FALSE;
  guint id = g_timeout_add_seconds (60, give_up_cb, &given_up);

  while (*failed == NULL && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (id);
}

/* A server that answers that it has no such database or login: said once, at the first
 * attempt, naming the database or the login, and not tried again as one that cannot be
 * reached (the offline banner up for ever). Also opened at once on this thread, and when a
 * connection lost is made anew and the login is refused for good meanwhile. */
static void
test_no_such_database_or_login (StoreFixture  *fixture,
                                gconstpointer  data)
{
  static const struct { const char *option; const char *named; FasciaStoreError code; } cases[] = {
    { "dbname=fascia_no_such_clinic", "“fascia_no_such_clinic”", FASCIA_STORE_ERROR_NOT_FOUND },
    { "user=fascia_no_such_login", "“fascia_no_such_login”", FASCIA_STORE_ERROR_DENIED },
  };
  g_autofree char *leaving = g_strdup_printf ("%s user=fascia_leaving", fixture->path);
  g_autoptr(FasciaStore) kept = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(GError) error = NULL;
  guint lost = 0;
  PGconn *conn;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *conninfo = g_strdup_printf ("%s %s", fixture->path, cases[i].option);
      g_autoptr(FasciaStore) store = fascia_store_open_in_background (conninfo, &error);

      g_assert_no_error (error);
      g_signal_connect (store, "open-failed", G_CALLBACK (open_failed_cb), &failed);
      wait_open_failed (store, &failed);
      g_assert_error (failed, FASCIA_STORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (failed->message, cases[i].named));
      /* One line, without the server's code or where in its source it refused. */
      g_assert_null (strchr (failed->message, '\n'));
      g_assert_null (strstr (failed->message, "LOCATION"));
      g_assert_false (fascia_store_is_connected (store));
      g_clear_error (&failed);

      g_assert_null (fascia_store_open (conninfo, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].named));
      g_clear_error (&error);
    }

  /* A login that may no longer log in when its lost connection is made anew. */
  conn = PQconnectdb (fixture->path);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "CREATE ROLE fascia_leaving LOGIN SUPERUSER"));
  kept = fascia_store_open (leaving, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_watch_others (kept, &error));
  g_assert_no_error (error);
  g_signal_connect (kept, "open-failed", G_CALLBACK (open_failed_cb), &failed);
  g_signal_connect_swapped (kept, "notify::connected", G_CALLBACK (count_cb), &lost);
  PQclear (PQexec (conn, "ALTER ROLE fascia_leaving NOLOGIN"));
  PQclear (PQexec (conn, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                         "WHERE usename = 'fascia_leaving'"));
  PQfinish (conn);
  wait_open_failed (kept, &failed);
  g_assert_error (failed, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DENIED);
  g_assert_nonnull (strstr (failed->message, "“fascia_leaving”"));
  g_assert_false (fascia_store_is_connected (kept));
  g_assert_cmpuint (lost, >=, 1);
}

/* Waits until @store, whose connection was just killed, says that the server refused it for
 * good (into @failed), or is connected again (@back counted up). Not a measure of time: the
 * bound only ends a wait that, wrongly, never would. */
static void
wait_refused_or_back (FasciaStore  *store,
                      GError      **failed,
                      guint        *back)
{
  gboolean given_up = FALSE;
  guint id = g_timeout_add_seconds (60, give_up_cb, &given_up);

  while (*failed == NULL && *back == 0 && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (id);
}

static void
back_cb (FasciaStore *store,
         GParamSpec  *pspec,
         guint       *back)
{
  if (fascia_store_is_connected (store))
    (*back)++;
}

/* Runs @sql as the server's superuser on the test's database, then ends every other
 * connection to it (the stores' own, which make theirs anew). */
static void
as_owner_then_cut (const char *conninfo,
                   const char *sql)
{
  pg_server_exec (conninfo, sql);
  pg_server_exec (conninfo, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                            "WHERE datname = current_database () AND pid <> pg_backend_pid ()");
}

/* A connection lost and made anew whose session the server then refuses for good — the
 * login's right to the clinic's schema revoked, the schema moved away, or upgraded by a newer
 * Fascia meanwhile — is said once, naming the login or the database, and not tried again
 * (nor taken for connected, each save then failing); an edit made after it is kept. */
static void
test_settings_refused (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *moved = g_strdup_printf ("%s user=fascia_moved", fixture->path);
  g_autofree char *newer = g_strdup_printf ("INSERT INTO fascia.schema_version (version) "
                                            "VALUES (%d)", fascia_store_migrate_latest () + 1);
  g_autofree char *older = g_strdup_printf ("DELETE FROM fascia.schema_version WHERE version = %d",
                                            fascia_store_migrate_latest () + 1);
  static const char * const grant =
    "CREATE ROLE fascia_moved LOGIN; GRANT USAGE ON SCHEMA fascia TO fascia_moved; "
    "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA fascia TO fascia_moved; "
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA fascia TO fascia_moved";
  struct {
    const char       *conninfo;
    const char       *cut;
    const char       *mend;
    FasciaStoreError  code;
    const char       *named;
  } cases[] = {
    { moved, "REVOKE USAGE ON SCHEMA fascia FROM fascia_moved", NULL,
      FASCIA_STORE_ERROR_DENIED, "“fascia_moved”" },
    { fixture->path, "ALTER SCHEMA fascia RENAME TO fascia_moved_away",
      "ALTER SCHEMA fascia_moved_away RENAME TO fascia", FASCIA_STORE_ERROR_NOT_FOUND, NULL },
    { fixture->path, newer, older, FASCIA_STORE_ERROR_TOO_NEW, NULL },
  };
  g_autofree char *database = NULL;

  {
    PGconn *conn = PQconnectdb (fixture->path);

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    database = g_strdup_printf ("“%s”", PQdb (conn));
    PQclear (PQexec (conn, grant));
    PQfinish (conn);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) failed = NULL;
      g_autoptr(FasciaStore) store = fascia_store_open (cases[i].conninfo, &error);
      g_autofree char *journal_path = g_strdup_printf ("%s/journal-%u", fixture->dir, i);
      FasciaJournal *journal = NULL;
      g_autoptr(FasciaClient) read = NULL;
      guint back = 0;

      g_assert_no_error (error);
      journal = fascia_journal_open (journal_path, "test", &error);
      g_assert_no_error (error);
      fascia_store_set_journal (store, journal);
      g_assert_true (fascia_store_watch_others (store, &error));
      g_assert_no_error (error);
      g_signal_connect (store, "open-failed", G_CALLBACK (open_failed_cb), &failed);
      g_signal_connect (store, "notify::connected", G_CALLBACK (back_cb), &back);

      as_owner_then_cut (fixture->path, cases[i].cut);
      wait_refused_or_back (store, &failed, &back);
      g_assert_cmpuint (back, ==, 0);
      g_assert_error (failed, FASCIA_STORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (failed->message, cases[i].named != NULL ? cases[i].named
                                                                       : database));
      g_assert_null (strchr (failed->message, '\n'));
      g_assert_false (fascia_store_is_connected (store));

      /* Given up: what is typed now is kept on this computer, for when it is mended. */
      read = fascia_client_new ();
      fascia_client_set_name (read, "Isolde Kept-Aside");
      assert_kept (store, fascia_store_add_client (store, read, &error), &error);
      g_assert_cmpuint (fascia_journal_get_n_edits (journal), ==, 1);

      if (cases[i].mend != NULL)
        as_owner_then_cut (fixture->path, cases[i].mend);
      g_signal_handlers_disconnect_by_data (store, &failed);
      g_signal_handlers_disconnect_by_data (store, &back);
    }
}

/* A server that does not let the login read pg_stat_activity (its grant revoked from
 * everyone): a connection made anew asks when its process started among its session's
 * settings, which run in one transaction, and an error there would have undone them (the
 * search path, the lock timeout) or refused the connection. It comes back with its settings
 * and works; the probe then knows its process by its port alone. */
static void
test_settings_activity_hidden (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autofree char *hidden = g_strdup_printf ("%s user=fascia_hidden", fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaDbStmt) stmt = NULL;
  guint back = 0;

  pg_server_exec (fixture->path,
                  "CREATE ROLE fascia_hidden LOGIN; GRANT USAGE ON SCHEMA fascia TO fascia_hidden; "
                  "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA fascia TO fascia_hidden; "
                  "GRANT USAGE ON ALL SEQUENCES IN SCHEMA fascia TO fascia_hidden; "
                  "REVOKE SELECT ON pg_stat_activity FROM PUBLIC");
  /* The first connection asks in a statement of its own, whose error leaves nothing. */
  store = fascia_store_open (hidden, &error);
  g_assert_no_error (error);
  fascia_store_set_id_validator (store, fixture_validator, NULL, NULL);
  g_assert_true (fascia_store_watch_others (store, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "open-failed", G_CALLBACK (open_failed_cb), &failed);
  g_signal_connect (store, "notify::connected", G_CALLBACK (back_cb), &back);

  as_owner_then_cut (fixture->path, "SELECT 1");
  wait_refused_or_back (store, &failed, &back);
  pg_server_exec (fixture->path, "GRANT SELECT ON pg_stat_activity TO PUBLIC");
  g_assert_no_error (failed);
  g_assert_cmpuint (back, ==, 1);

  /* Its settings hold: the schema found without its name, the lock timeout set. */
  fascia_client_set_name (client, "Hidden Activity");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);
  stmt = fascia_db_prepare (fascia_store_get_db (store), "SHOW lock_timeout", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_cmpstr (fascia_db_column_text (stmt, 0), ==, "5s");

  g_signal_handlers_disconnect_by_data (store, &failed);
  g_signal_handlers_disconnect_by_data (store, &back);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/postgresql/fascia/core/store/reconnect/kill-and-restart", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_reconnect, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/every-edit-survives", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_every_edit_survives, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/added-offline", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_added_offline, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/alike-added-offline", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_alike_added_offline, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/alike-held-added-offline", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_alike_held_added_offline,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/added-as-line-falls", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_added_as_line_falls,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/rows-added-offline", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_rows_added_offline,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/visit-added-as-line-falls",
              StoreFixture, NULL, store_fixture_set_up_postgresql,
              test_visit_added_as_line_falls, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/purged-before-replay", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_purged_before_replay,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/added-offline-deleted", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_added_offline_deleted,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/added-offline-listed", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_added_offline_listed,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/round-trips", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_round_trips, store_fixture_tear_down);
  g_test_add_func ("/postgresql/fascia/core/store/reconnect/keepalives", test_keepalives);
  g_test_add ("/postgresql/fascia/core/store/reconnect/unanswered", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_unanswered, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/unanswered-server-gone", StoreFixture,
              GINT_TO_POINTER (UNANSWERED_SERVER_GONE), store_fixture_set_up_postgresql,
              test_unanswered_probed, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/unanswered-process-hung", StoreFixture,
              GINT_TO_POINTER (UNANSWERED_PROCESS_HUNG), store_fixture_set_up_postgresql,
              test_unanswered_probed, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/settings-activity-hidden", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_settings_activity_hidden,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/unanswered-relayed", StoreFixture,
              GINT_TO_POINTER (UNANSWERED_RELAYED), store_fixture_set_up_postgresql,
              test_unanswered_probed, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/unanswered-lock-wait", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_unanswered_lock_wait,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/refused-login", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_refused_login, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/no-such-database-or-login", StoreFixture,
              NULL, store_fixture_set_up_postgresql, test_no_such_database_or_login,
              store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/settings-refused", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_settings_refused, store_fixture_tear_down);
  g_test_add ("/postgresql/fascia/core/store/reconnect/lost-without-watch", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_lost_without_watch, store_fixture_tear_down);

  return g_test_run ();
}
