/* fascia-db-postgres.c — the PostgreSQL engine: a clinic's shared server, through libpq.
 *
 * Statements are written with SQLite's `?N` placeholders; they become `$N` here. Values are
 * sent as text with their type (bigint, double precision, text) so that the server needs no
 * guess; rows come back as text and are read as the store asks. The tables live in the
 * schema `fascia` (the connection's search_path), upgraded by the migrations of
 * `sql-postgresql/`, whose version is kept in fascia.schema_version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "fascia/fascia-file-utils.h"

#include "fascia-db-private.h"
#include "fascia-db-postgres.h"
#include "fascia-store-private.h"

/* Type oids of the server's catalogue (pg_type.h), fixed since PostgreSQL 7. */
#define INT8OID   20
#define TEXTOID   25
#define FLOAT8OID 701

#define SQL_RESOURCE_DIR RESOURCE_BASE "/sql-postgresql/"

/* Taken by each migration, so that two Fascias starting at once upgrade one after the other. */
#define MIGRATION_LOCK 0x46734361

/* The connection's state, while fascia_db_keep_connected() keeps it. */
typedef enum
{
  LINK_UP,
  LINK_WAITING,       /* lost: the next attempt is due at the link's ready time */
  LINK_CONNECTING,    /* PQconnectPoll() on the new connection's socket */
  LINK_SETTING_UP,    /* the session's settings (and LISTEN) sent, their results awaited */
  LINK_REFUSED,       /* the server refused for good (set_connect_error()): no more attempts */
} LinkState;

typedef struct
{
  FasciaDb          parent;
  PGconn           *conn;
  guint             generation;  /* counted up with each new connection: its prepared
                                  * statements are its own */
  guint             n_prepared;  /* names given to prepared statements */
  gint64            changes;
  GSource          *watch;    /* borrowed: destroyed with the connection */
  guint64           round_trips;   /* messages sent and answered: each waits for the server */
  gboolean          begin_due;     /* a transaction is begun: its BEGIN goes with the next
                                    * statement, in the same round trip */
  gboolean          commit_due;    /* its COMMIT goes with the next statement, too */
  gboolean          committed;     /* and went: the transaction is over */
  /* How long a query waits for the server's answer (await_answer()) */
  guint             answer_timeout;      /* milliseconds, 0: as long as it takes */
  gboolean          answer_timeout_set;  /* else the default, answer_timeout_of() */
  gboolean          answer_renewed;      /* the time runs again from each part of the answer
                                          * that comes: how long the server may be silent */
  gboolean          unanswered;          /* the connection was cut for want of an answer */
  guint             unanswered_ms;       /* after this long */
  GCancellable     *answer_cancellable;  /* owned: ends a wait for the answer at once */
  gboolean          wait_cancelled;      /* the connection was cut as a wait was cancelled */
  char             *lost_said;  /* why the query that found the connection lost failed */

  /* Reconnecting, driven by the main loop (never a blocking call on its thread). */
  char             *conninfo;
  guint             lock_timeout;
  LinkState         state;
  gboolean          lost;     /* a query or the watch found the connection broken */
  PGconn           *pending;  /* the new connection being made */
  GSource          *link;     /* owned */
  guint             backoff;  /* milliseconds before the next attempt */
  FasciaDbLinkFunc  link_func;
  gpointer          link_data;
  GError           *refusal;  /* LINK_REFUSED: why */
  /* LINK_SETTING_UP: what the session's settings were answered (link_step()) */
  gboolean          settings_failed;
  char              settings_state[6];
  char             *settings_said;
  int               settings_version;
  char             *settings_started;
  /* When the server process of this connection started, as the server says (µs since the
   * epoch, BACKEND_STARTED_QUERY), if the connection reaches that process directly; NULL
   * through a pooler. The probe tells the process by it (see PROBE_AFTER_MS). */
  char             *backend_started;
} PgDb;

static void mark_lost (PgDb *self);

/* What pg_watch_changes() attaches to the main loop. */
typedef struct
{
  GSource   source;
  PgDb     *db;
  gpointer  tag;
  GQueue    pending;   /* payloads, g_free */
  gboolean  lost;
} WatchSource;

typedef struct
{
  FasciaDbStmt  parent;
  char         *sql;
  int           n_params;
  Oid          *types;
  char        **values;
  char        **owned;
  gboolean     *used;
  PGresult     *result;
  int           row;
  int           n_rows;

  /* A statement the store keeps is prepared on the server once per connection, as a
   * hand-written libpq program would: each run is then one message with the values, not
   * the SQL parsed and planned again. */
  gboolean      persistent;
  guint         generation;      /* of the connection it is prepared on; 0: not yet */
  Oid          *prepared_types;  /* the parameter types it was prepared with */
  char          name[24];
} PgStmt;

#define CONN(db) (((PgDb *) (db))->conn)

/* Waiting for the server */

/* How long a connection kept for a window (fascia_db_keep_connected()) waits for the answer
 * to a query (FASCIA_DB_WINDOW_ANSWER_TIMEOUT). The window waits with it (its queries run on
 * its thread), so a server that
 * took the query and then stopped answering (its process hung, its disk stalled, the machine
 * swapping) froze the window until it answered, which might be never: neither the TCP user
 * timeout nor the keepalives see a server whose system still acknowledges the bytes, nor
 * does the server's own statement_timeout run in a process that is stopped. After this long
 * (after 3 s when the server takes no new connection either: PROBE_AFTER_MS) the connection
 * is cut as if the line had fallen: the query fails, the edit goes to the
 * journal, and a new connection is made in the background (mark_lost()). No query the window
 * makes takes a second at a clinic's size (tests/bench/bench-postgres); the work that grows
 * with the database (backups, imports, moving to the server) runs on connections of its own,
 * which are not kept and wait as long as it takes (but the client list's counts, which are
 * given the same time: fascia-store-worker.c; and the jobs that only read, a backup of the
 * server and the exports, which give up when the server is silent for longer than theirs:
 * fascia-store-export.c). */
#define ANSWER_TIMEOUT_KEPT FASCIA_DB_WINDOW_ANSWER_TIMEOUT

static guint
answer_timeout_of (PgDb *self)
{
  if (self->answer_timeout_set)
    return self->answer_timeout;
  return self->link != NULL ? ANSWER_TIMEOUT_KEPT : 0;
}

/* The server did not answer in time (@waited ms): the socket is shut, and libpq finds the
 * connection broken as it does when the server closes it. What was sent may have been done
 * on the server or not; the journal's replay tells (fascia-store-journal.c). */
static void
cut_unanswered (PgDb  *self,
                guint  waited)
{
  g_debug ("The clinic server did not answer in %u ms: the connection is given up", waited);
  self->unanswered = TRUE;
  self->unanswered_ms = waited;
  shutdown (PQsocket (self->conn), SHUT_RDWR);
  PQconsumeInput (self->conn);
}

/* The wait for an answer was cancelled (the connection's answer cancellable): the socket is
 * shut as for an answer not come in time, and the query fails as cancelled. */
static void
cut_cancelled (PgDb *self)
{
  g_debug ("The wait for the clinic server's answer was cancelled: the connection is given up");
  self->wait_cancelled = TRUE;
  shutdown (PQsocket (self->conn), SHUT_RDWR);
  PQconsumeInput (self->conn);
}

/* A window's query that has had no answer at all for PROBE_AFTER_MS makes the store look
 * whether the server is there: a new connection to the same server (its address as the window's
 * connection found it, so no name is looked up) asks what the server process of the window's
 * connection is doing (pg_stat_activity, which shows a role its own sessions). A server that
 * answers within PROBE_TIME_MS (or refuses the new connection in its own words: too many
 * connections, a password) is there. If the window's process is at work on a query (active:
 * running, waiting on a lock, on a slow disk; any state but idle), the query is given the rest
 * of its answer time. If it is not, and has not been for PROBE_IDLE_MS (idle, or idle in a
 * transaction, since before the query could have ended: its answer is not on its way), the
 * query never reached it or its answer will never come back (a firewall or a router that forgot
 * the connection, the process hung while it waited for the next query), and the query is cut
 * then, after ~1 s instead of the answer time's 10 s. A server that does not answer at all is
 * gone for now (the network fell, a laptop left the clinic's wireless, the server's machine
 * hung), and the query is cut then, after 3 s. In both cases the window was frozen the whole
 * answer time before. A process hung in the middle of a query (active) is not told from a slow
 * query: that still waits the whole answer time. The row is the window's connection's when
 * its process started when the connection's did as the connection was made
 * (BACKEND_STARTED_QUERY), or, failing that, when its client's port is the connection's own. A
 * pooler between them gives another process number, which the connection then learnt is not
 * its process's own and which may be another client's process, whose port is the pooler's:
 * only the port could tell, and does not. Behind a NAT or a relay the server sees another
 * port, and the start tells the process. A row that is not the window's connection's, or that
 * the server does not show, tells nothing: the query waits on, as it did before. Only for
 * connections kept for a window (the jobs in workers have times of their own) whose answer
 * time is longer than the probe's. */
#define PROBE_AFTER_MS 1000
#define PROBE_TIME_MS  2000
#define PROBE_IDLE_MS  500

/* The window's connection's server process, as the server sees it: its state, how long it
 * has been in it, and its client's port (-1 over a local socket). */
#define PROBE_QUERY \
  "SELECT state, EXTRACT (EPOCH FROM clock_timestamp () - state_change) * 1000, " \
  "client_port, " BACKEND_STARTED " FROM pg_stat_activity WHERE pid = $1"

/* A connection's own server process's start, asked on it when it is made: a row only when
 * the process number the server gave the connection is the process's own, which a pooler's
 * is not. In µs since the epoch, the same whatever the session's time zone and date style. */
#define BACKEND_STARTED "(EXTRACT (EPOCH FROM backend_start) * 1000000)::bigint::text"
#define BACKEND_STARTED_QUERY \
  "SELECT " BACKEND_STARTED " AS backend_started FROM pg_stat_activity " \
  "WHERE pid = pg_backend_pid () AND pid = "

/* The same among a new connection's settings (session_settings()), which run in one
 * transaction: a server that does not let the login read pg_stat_activity (its grant revoked)
 * must not undo them, so an error is caught, and the answer is empty. Followed by the
 * process number the connection was given. */
#define BACKEND_STARTED_SETTING(pid) \
  "DO $$ BEGIN PERFORM set_config ('fascia.backend_started', coalesce ((" \
  BACKEND_STARTED_QUERY pid "), ''), false); EXCEPTION WHEN OTHERS THEN NULL; END $$; " \
  "SELECT current_setting ('fascia.backend_started', true) AS backend_started"

typedef enum
{
  PROBE_NONE,        /* not started */
  PROBE_CONNECTING,  /* PQconnectPoll() on the probe's socket */
  PROBE_ASKING,      /* PROBE_QUERY sent */
  PROBE_ANSWERED,    /* the server is there */
  PROBE_SILENT,      /* it is not */
  PROBE_NOT_AT_WORK, /* it is, but the window's process is not at work on the query */
} ProbeState;

typedef struct
{
  PGconn                    *conn;
  ProbeState                 state;
  PostgresPollingStatusType  polling;
  gint64                     deadline;
  int                        pid;   /* of the window's connection's server process */
  int                        port;  /* the window's connection's own port; -1: none */
  const char                *started;  /* its process's start (PgDb:backend_started) */
} Probe;

static PGconn  *connect_probe        (PgDb       *self);
static gboolean is_refused_by_server (PGconn     *conn);

static void
probe_start (PgDb  *self,
             Probe *probe)
{
  struct sockaddr_storage address;
  socklen_t length = sizeof address;

  probe->deadline = g_get_monotonic_time () + (gint64) PROBE_TIME_MS * 1000;
  probe->pid = PQbackendPID (self->conn);
  probe->started = self->backend_started;
  probe->port = -1;
  if (getsockname (PQsocket (self->conn), (struct sockaddr *) &address, &length) == 0)
    {
      if (address.ss_family == AF_INET)
        probe->port = ntohs (((struct sockaddr_in *) &address)->sin_port);
      else if (address.ss_family == AF_INET6)
        probe->port = ntohs (((struct sockaddr_in6 *) &address)->sin6_port);
    }
  probe->conn = connect_probe (self);
  probe->polling = PGRES_POLLING_WRITING;
  g_debug ("No answer from the clinic server in %u ms: looking whether it is there",
           PROBE_AFTER_MS);
  /* A probe that could not even be started (no memory, no descriptor left) tells nothing of
   * the server: the query waits its whole time, as it did before there were probes. */
  if (probe->conn == NULL || PQstatus (probe->conn) == CONNECTION_BAD)
    {
      g_debug ("Could not look: %s", probe->conn != NULL ? PQerrorMessage (probe->conn)
                                                          : "out of memory");
      probe->state = PROBE_ANSWERED;
    }
  else
    probe->state = PROBE_CONNECTING;
}

/* The probe's socket is ready for what it waited for (or its time may be up). */
static void
probe_step (Probe *probe)
{
  if (probe->state == PROBE_CONNECTING)
    {
      probe->polling = PQconnectPoll (probe->conn);
      if (probe->polling == PGRES_POLLING_FAILED)
        probe->state = is_refused_by_server (probe->conn) ? PROBE_ANSWERED : PROBE_SILENT;
      else if (probe->polling == PGRES_POLLING_OK)
        {
          char pid[16];
          const char *values[] = { pid };

          g_snprintf (pid, sizeof pid, "%d", probe->pid);
          probe->state = PQsendQueryParams (probe->conn, PROBE_QUERY, 1, NULL, values, NULL,
                                            NULL, 0) ? PROBE_ASKING : PROBE_SILENT;
        }
    }
  else if (probe->state == PROBE_ASKING)
    {
      if (!PQconsumeInput (probe->conn))
        probe->state = PROBE_SILENT;
      else if (!PQisBusy (probe->conn))
        {
          PGresult *result;
          gboolean answered = FALSE, at_work = TRUE;

          /* Any answer, an error too, says the server is there. */
          while ((result = PQgetResult (probe->conn)) != NULL)
            {
              answered = TRUE;
              if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 &&
                  PQnfields (result) == 4 && !PQgetisnull (result, 0, 0) &&
                  !PQgetisnull (result, 0, 1) &&
                  ((probe->started != NULL && !PQgetisnull (result, 0, 3) &&
                    g_str_equal (PQgetvalue (result, 0, 3), probe->started)) ||
                   (!PQgetisnull (result, 0, 2) &&
                    atoi (PQgetvalue (result, 0, 2)) == probe->port)) &&
                  g_str_has_prefix (PQgetvalue (result, 0, 0), "idle") &&
                  g_ascii_strtod (PQgetvalue (result, 0, 1), NULL) >= PROBE_IDLE_MS)
                at_work = FALSE;
              PQclear (result);
            }
          probe->state = !answered ? PROBE_SILENT : at_work ? PROBE_ANSWERED : PROBE_NOT_AT_WORK;
        }
    }
}

static void
probe_end (Probe *probe)
{
  if (probe->conn != NULL)
    PQfinish (probe->conn);
  probe->conn = NULL;
}

/* Returns when PQgetResult() will not wait: the next result is in, the connection is broken,
 * or it has been cut for want of an answer in the connection's time (answer_timeout_of(); 0:
 * no time; sooner when a probe finds the server gone, see PROBE_AFTER_MS) or as its answer
 * cancellable was cancelled. With neither it returns at once, and PQgetResult() waits as long
 * as it takes. What was sent is flushed already: libpq sends all of it before PQsend…() or
 * PQpipelineSync() returns on a blocking connection. */
static void
await_answer (PgDb *self)
{
  PGconn *conn = self->conn;
  guint timeout = answer_timeout_of (self);
  GCancellable *cancellable = self->answer_cancellable;
  GPollFD fds[3] = { { -1, G_IO_IN, 0 }, { -1, G_IO_IN, 0 }, { -1, G_IO_IN, 0 } };
  Probe probe = { NULL, PROBE_NONE, PGRES_POLLING_WRITING, 0, 0, -1, NULL };
  gboolean probing = self->link != NULL && self->conninfo != NULL && !self->answer_renewed &&
                     timeout > PROBE_AFTER_MS + PROBE_TIME_MS;
  gboolean have_fd;
  gint64 start, deadline;

  if ((timeout == 0 && cancellable == NULL) || conn == NULL)
    return;
  start = g_get_monotonic_time ();
  deadline = timeout == 0 ? G_MAXINT64 : start + (gint64) timeout * 1000;
  /* Without a descriptor for it (none left), the cancellable is looked at every 50 ms. */
  have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[1]);
  while (PQisBusy (conn))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 left = deadline - now;
      int wait_ms = timeout == 0 ? -1 : (int) MIN (left / 1000 + 1, G_MAXINT);
      guint n_fds = have_fd ? 2 : 1;
      int n;

      fds[0].fd = PQsocket (conn);
      fds[0].revents = fds[1].revents = fds[2].revents = 0;
      if (fds[0].fd < 0)
        break;
      if (g_cancellable_is_cancelled (cancellable))
        {
          cut_cancelled (self);
          break;
        }
      if (left <= 0)
        {
          cut_unanswered (self, timeout);
          break;
        }

      /* Is the server there at all? */
      if (probing && probe.state == PROBE_NONE && now >= start + (gint64) PROBE_AFTER_MS * 1000)
        probe_start (self, &probe);
      if (probe.state == PROBE_CONNECTING || probe.state == PROBE_ASKING)
        {
          if (now >= probe.deadline)
            probe.state = PROBE_SILENT;
          else
            {
              wait_ms = (int) MIN ((gint64) wait_ms, (probe.deadline - now) / 1000 + 1);
              fds[2].fd = PQsocket (probe.conn);
              fds[2].events = probe.state == PROBE_CONNECTING &&
                              probe.polling == PGRES_POLLING_WRITING ? G_IO_OUT : G_IO_IN;
              if (fds[2].fd >= 0)
                {
                  /* The probe's descriptor goes last: the cancellable's may be missing. */
                  if (!have_fd)
                    fds[1] = fds[2];
                  n_fds++;
                }
            }
        }
      if (probe.state == PROBE_NOT_AT_WORK)
        {
          /* An answer that came meanwhile is taken, not cut. */
          if (!PQconsumeInput (conn) || !PQisBusy (conn))
            {
              probe_end (&probe);
              break;
            }
          g_debug ("The clinic server's process for this connection is not at work on the "
                   "query");
          probe.state = PROBE_SILENT;
        }
      if (probe.state == PROBE_SILENT)
        {
          probe_end (&probe);
          cut_unanswered (self, (guint) ((now - start) / 1000));
          break;
        }
      if (probe.state == PROBE_ANSWERED && probe.conn != NULL)
        {
          g_debug ("The clinic server is there: the query waits on");
          probe_end (&probe);
        }
      else if (probing && probe.state == PROBE_NONE)
        wait_ms = (int) MIN ((gint64) wait_ms,
                             (start + (gint64) PROBE_AFTER_MS * 1000 - now) / 1000 + 1);

      if (cancellable != NULL && !have_fd)
        wait_ms = wait_ms < 0 ? 50 : MIN (wait_ms, 50);
      n = g_poll (fds, n_fds, wait_ms);
      if (n < 0 && errno != EINTR)
        break;
      if ((fds[0].revents & (G_IO_IN | G_IO_HUP | G_IO_ERR)) && !PQconsumeInput (conn))
        break;
      /* Part of the answer came: the server is not silent. */
      if (fds[0].revents & G_IO_IN)
        {
          if (self->answer_renewed && timeout != 0)
            deadline = g_get_monotonic_time () + (gint64) timeout * 1000;
          if (probe.state == PROBE_NONE || probe.state == PROBE_CONNECTING ||
              probe.state == PROBE_ASKING)
            probe.state = PROBE_ANSWERED;
        }
      else if (n_fds > (have_fd ? 2u : 1u) && fds[n_fds - 1].revents != 0)
        probe_step (&probe);
    }
  probe_end (&probe);
  if (have_fd)
    g_cancellable_release_fd (cancellable);
}

static gboolean
is_failure (const PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  return status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
}

/* The answer to what was just sent (@sent: whether libpq could send it), as PQexec() would
 * return it (the first failure, else the last result; NULL if nothing was sent), each result
 * awaited with await_answer(). */
static PGresult *
answer_of (PgDb     *self,
           gboolean  sent)
{
  PGresult *kept = NULL;
  PGresult *result;

  if (!sent)
    return NULL;
  for (;;)
    {
      await_answer (self);
      result = PQgetResult (self->conn);
      if (result == NULL)
        break;
      if (kept != NULL && is_failure (kept))
        PQclear (result);
      else
        {
          PQclear (kept);
          kept = result;
        }
    }
  return kept;
}

/* Errors */

static int
store_error_code (const char *state)
{
  if (state == NULL)
    return FASCIA_STORE_ERROR_IO;
  if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    return FASCIA_STORE_ERROR_INVALID;
  /* A row this transaction read was changed by another one that committed since: the
   * change is refused as a conflict, which the store reports with who changed it. */
  if (g_str_equal (state, "40001"))
    return FASCIA_STORE_ERROR_CONFLICT;
  if (g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    return FASCIA_STORE_ERROR_BUSY;
  if (g_str_equal (state, "53100"))
    return FASCIA_STORE_ERROR_DISK_FULL;
  if (g_str_equal (state, "25006"))
    return FASCIA_STORE_ERROR_READ_ONLY;
  if (g_str_equal (state, "42501"))
    return FASCIA_STORE_ERROR_DENIED;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    return FASCIA_STORE_ERROR_IO;
  return FASCIA_STORE_ERROR_FAILED;
}

/* The server's message is one line: its primary message, never the statement or a value. */
static gboolean
set_result_error (FasciaDb        *db,
                  const PGresult  *result,
                  GError         **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                                       : NULL;
  PgDb *self = (PgDb *) db;
  g_autofree char *unanswered = self->unanswered
    ? g_strdup_printf (self->answer_renewed ? "it stopped answering for %u s"
                       : "it did not answer in %u s", MAX ((self->unanswered_ms + 500) / 1000, 1))
    : NULL;
  g_autofree char *detail = fascia_text_excerpt (primary != NULL ? primary
                                                 : unanswered != NULL ? unanswered
                                                 : CONN (db) == NULL ? "not connected yet"
                                                 : PQerrorMessage (CONN (db)), -1, 200);
  int code = store_error_code (state);

  /* Cut as the wait for this answer was cancelled: said so, not as a server gone. */
  if (self->wait_cancelled && PQstatus (CONN (db)) == CONNECTION_BAD)
    {
      mark_lost (self);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "Cancelled while waiting for the clinic server");
      return FALSE;
    }

  /* The connection is gone: libpq's own errors carry no SQLSTATE (the server closed the
   * socket), the server's say so (08…, 57P01–57P03 when it shuts down). */
  if (PQstatus (CONN (db)) == CONNECTION_BAD || state == NULL || g_str_has_prefix (state, "08") ||
      g_str_equal (state, "57P01") || g_str_equal (state, "57P02") ||
      g_str_equal (state, "57P03"))
    {
      code = FASCIA_STORE_ERROR_IO;
      mark_lost ((PgDb *) db);
      if (self->lost_said == NULL)
        self->lost_said = g_strdup (detail);
    }

  switch (code)
    {
    case FASCIA_STORE_ERROR_INVALID:
      g_set_error (error, FASCIA_STORE_ERROR, code, "A value is not allowed: %s", detail);
      break;
    case FASCIA_STORE_ERROR_BUSY:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "The clinic database is busy with another change; nothing was changed. "
                   "Try again (%s).", detail);
      break;
    case FASCIA_STORE_ERROR_CONFLICT:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "Someone else saved this at the same moment; nothing was saved (%s).",
                   detail);
      break;
    case FASCIA_STORE_ERROR_IO:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "The clinic server cannot be reached; nothing was changed (%s).", detail);
      break;
    case FASCIA_STORE_ERROR_DENIED:
      g_set_error (error, FASCIA_STORE_ERROR, code,
                   "Your login on the clinic server may not see or change this (%s).", detail);
      break;
    default:
      g_set_error (error, FASCIA_STORE_ERROR, code, "Database error on the clinic server: %s",
                   detail);
      break;
    }

  return FALSE;
}

#define BEGIN_SQL "BEGIN ISOLATION LEVEL REPEATABLE READ"

/* Runs @sql, which takes no parameters; TRUE if the server accepted it. A BEGIN due goes in
 * the same message. */
static gboolean
run (FasciaDb    *db,
     const char  *sql,
     GError     **error)
{
  PgDb *self = (PgDb *) db;
  g_autofree char *with_begin = self->begin_due ? g_strconcat (BEGIN_SQL "; ", sql, NULL) : NULL;
  PGresult *result;
  ExecStatusType status;
  gboolean ok;

  self->begin_due = FALSE;
  self->round_trips++;
  result = answer_of (self, PQsendQuery (CONN (db), with_begin != NULL ? with_begin : sql));
  status = PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    set_result_error (db, result, error);
  PQclear (result);
  return ok;
}

/* The connection */

/* TCP keepalives, so that a server lost without a word (a cable pulled, a laptop moved to
 * another network) is noticed in about a minute rather than after the system's two hours:
 * the first probe after 30 s idle, then every 10 s, given up after 3. Keepalives are sent
 * only while nothing is waiting for an answer: a query sent just as the network went, its
 * bytes never acknowledged, waited on the system's retransmissions instead (tcp_retries2,
 * about 15 minutes), the window frozen meanwhile; the TCP user timeout gives such bytes 20 s,
 * long enough for a wireless network to come back from a blip, and then the connection
 * fails and the store goes offline (see the journal). And a connection that is not made in
 * 10 s (a server that does not answer) fails then, not after the system's TCP timeout or
 * never. Given before the connection string, whose own settings come later and win. Unix
 * sockets ignore all but the connect timeout. */
static const char * const keepalive_keywords[] = {
  "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
  "tcp_user_timeout", "connect_timeout", "dbname", NULL
};
static const char * const keepalive_values[] = { "1", "30", "10", "3", "20000", "10" };

#define N_KEEPALIVES G_N_ELEMENTS (keepalive_values)

static PGconn *
connect_with_keepalives (const char *conninfo,
                         gboolean    nonblocking)
{
  const char *values[N_KEEPALIVES + 2];

  for (guint i = 0; i < N_KEEPALIVES; i++)
    values[i] = keepalive_values[i];
  values[N_KEEPALIVES] = conninfo;
  values[N_KEEPALIVES + 1] = NULL;

  if (nonblocking)
    {
      PGconn *conn = PQconnectStartParams (keepalive_keywords, values, 1);

      /* The server's refusal of the connection, if it comes, carries its SQLSTATE, by which
       * a refusal that waiting will not change is told from one that it will (see
       * set_connect_error()); the connection's later messages do not (connected()). */
      if (conn != NULL)
        PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);
      return conn;
    }
  return PQconnectdbParams (keepalive_keywords, values, 1);
}

/* A connection made with connect_with_keepalives() is up: its messages from now on are as
 * libpq's default makes them. */
static void
connected (PGconn *conn)
{
  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);
}

/* Whether the server's SQLSTATE @state, refusing a connection, names a mistake in what
 * Fascia was told to open, which trying again will not mend: no such database (3D000), no
 * such role or a login the server's rules refuse (class 28), no right to connect (42501).
 * The rest (starting up or shutting down, 57P03; too many connections, 53300; no answer at
 * all) may pass, and the connection is tried again. */
static gboolean
is_lasting_refusal (const char *state)
{
  return g_str_equal (state, "3D000") || g_str_has_prefix (state, "28") ||
         g_str_equal (state, "42501");
}

/* In the message of a connection made with connect_with_keepalives() nonblocking that
 * failed, the last of the server's own answers (one per host tried), "SEVERITY:  CODE:
 * message", starting at its ":  "; NULL if the server said nothing (it could not be reached). */
static const char *
server_answer_in (const char *message)
{
  const char *coded = NULL;

  for (const char *p = strstr (message, ":  "); p != NULL; p = strstr (p + 1, ":  "))
    {
      gboolean code = strlen (p) >= 10 && p[8] == ':' && p[9] == ' ';

      for (guint i = 3; code && i < 8; i++)
        code = g_ascii_isdigit (p[i]) || g_ascii_isupper (p[i]);
      if (code)
        coded = p;
    }
  return coded;
}

/* A connection that failed was refused by the server itself, which is there: it asked for a
 * password, or said why in its own words (too many connections, starting up…). */
static gboolean
is_refused_by_server (PGconn *conn)
{
  return PQconnectionNeedsPassword (conn) || PQconnectionUsedPassword (conn) ||
         server_answer_in (PQerrorMessage (conn)) != NULL;
}

/* The probe's connection (see PROBE_AFTER_MS), started, nonblocking: to the server the
 * window's connection is on, by the address it found (PQhostaddr(): no name looked up, which
 * may wait on a resolver as gone as the server), with the window's connection string. */
static PGconn *
connect_probe (PgDb *self)
{
  const char *keywords[N_KEEPALIVES + 5];
  const char *values[N_KEEPALIVES + 5];
  const char *host = PQhost (self->conn);
  const char *hostaddr = PQhostaddr (self->conn);
  const char *port = PQport (self->conn);
  guint n = 0;
  PGconn *conn;

  for (guint i = 0; i < N_KEEPALIVES; i++)
    {
      keywords[n] = keepalive_keywords[i];
      values[n++] = keepalive_values[i];
    }
  keywords[n] = "dbname";
  values[n++] = self->conninfo;
  /* After the connection string, which they override. */
  if (host != NULL && *host != '\0')
    {
      keywords[n] = "host";
      values[n++] = host;
    }
  if (hostaddr != NULL && *hostaddr != '\0')
    {
      keywords[n] = "hostaddr";
      values[n++] = hostaddr;
    }
  if (port != NULL && *port != '\0')
    {
      keywords[n] = "port";
      values[n++] = port;
    }
  keywords[n] = NULL;
  values[n] = NULL;

  conn = PQconnectStartParams (keywords, values, 1);
  if (conn != NULL)
    PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);
  return conn;
}

/* @error, for a connection that failed (made by connect_with_keepalives() nonblocking, whose
 * messages carry the server's SQLSTATE): %FASCIA_STORE_ERROR_IO when trying again may help
 * (the server could not be reached, or is starting), else %FASCIA_STORE_ERROR_NOT_FOUND for
 * a database the server does not have, %FASCIA_STORE_ERROR_DENIED for a login it refuses,
 * each on one line naming the database or the login, and with the server's own words. */
static void
set_connect_error (PGconn  *conn,
                   GError **error)
{
  const char *message = PQerrorMessage (conn);
  const char *coded = NULL;
  g_autofree char *said = NULL;
  g_autofree char *detail = NULL;
  char state[6] = "";
  /* The server answered and asked for a password: none was given, or it was refused. */
  gboolean refused = PQconnectionNeedsPassword (conn) || PQconnectionUsedPassword (conn);

  coded = server_answer_in (message);
  if (coded != NULL)
    {
      /* The server's words, without the code, nor the lines after them (its LOCATION). */
      said = g_strndup (coded + 10, strcspn (coded + 10, "\n"));
      memcpy (state, coded + 3, 5);
      detail = g_strdup_printf ("%.*s:  %s", (int) (coded - message), message, said);
    }
  else
    detail = g_strdup (message);
  g_strdelimit (detail, "\n\t", ' ');
  {
    g_autofree char *excerpt = fascia_text_excerpt (detail, -1, 300);

    g_free (detail);
    detail = g_strdup (g_strstrip (excerpt));
  }

  if (!refused && state[0] != '\0' && is_lasting_refusal (state))
    {
      /* Short, the name first: a window's message may be cut at its end. */
      if (g_str_equal (state, "3D000"))
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                     "The clinic server has no database “%s”", PQdb (conn));
      else
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DENIED,
                     "The clinic server refused the login “%s” to “%s”: %s", PQuser (conn),
                     PQdb (conn), said);
      return;
    }

  /* Trying again will not help a password refused, unlike a server that cannot be reached. */
  g_set_error (error, FASCIA_STORE_ERROR,
               refused ? FASCIA_STORE_ERROR_DENIED : FASCIA_STORE_ERROR_IO,
               "Could not connect to the clinic server: %s", detail);
}

/* The connect_timeout @conn was made with, in seconds; 0 for none. */
static int
connect_timeout_of (PGconn *conn)
{
  PQconninfoOption *options = PQconninfo (conn);
  int seconds = 0;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "connect_timeout") && o->val != NULL)
      seconds = MAX (atoi (o->val), 0);
  PQconninfoFree (options);
  return seconds;
}

/* As connect_with_keepalives() blocking, but polled in this thread beside @cancellable (if
 * not %NULL): the attempt ends at once when it is cancelled (a count in the background whose
 * store closes),
 * else when it is made, fails, or outlasts its connect_timeout (which libpq leaves to the
 * caller that polls). Returns the connection (made, or failed with libpq's message), or NULL
 * with @error when cancelled or too long. */
static PGconn *
connect_cancellable (const char    *conninfo,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PGconn *conn = connect_with_keepalives (conninfo, TRUE);
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  gint64 deadline = 0;
  GPollFD fds[2];
  gboolean have_fd;
  int poll_errno = 0;
  int timeout;

  if (conn == NULL)
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                           "Could not connect to the clinic server: out of memory");
      return NULL;
    }
  if (PQstatus (conn) == CONNECTION_BAD)
    return conn;

  timeout = connect_timeout_of (conn);
  if (timeout > 0)
    deadline = g_get_monotonic_time () + (gint64) timeout * G_USEC_PER_SEC;
  /* Without a descriptor for it (none left), the cancellable is looked at every 50 ms. */
  have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[1]);

  while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      int wait_ms = have_fd || cancellable == NULL ? -1 : 50;
      int n;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (deadline != 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            break;
          wait_ms = (int) MIN (left / 1000 + 1, wait_ms < 0 ? G_MAXINT : wait_ms);
        }

      fds[0].fd = PQsocket (conn);
      fds[0].events = status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT;
      fds[0].revents = fds[1].revents = 0;
      n = g_poll (fds, have_fd ? 2 : 1, wait_ms);
      if (n < 0 && errno != EINTR)
        {
          poll_errno = errno;
          break;
        }
      if (n <= 0 || fds[0].revents == 0)
        continue;
      status = PQconnectPoll (conn);
    }
  if (have_fd)
    g_cancellable_release_fd (cancellable);

  if (status == PGRES_POLLING_OK)
    connected (conn);
  if (status == PGRES_POLLING_OK || status == PGRES_POLLING_FAILED)
    return conn;

  PQfinish (conn);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (poll_errno != 0)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                 "Could not connect to the clinic server: %s", g_strerror (poll_errno));
  else
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                 "Could not connect to the clinic server: it did not answer in %d s", timeout);
  return NULL;
}


static void
pg_close (FasciaDb *db)
{
  PgDb *self = (PgDb *) db;

  if (self->watch != NULL)
    {
      ((WatchSource *) self->watch)->db = NULL;
      g_source_destroy (self->watch);
    }
  if (self->link != NULL)
    {
      g_source_destroy (self->link);
      g_source_unref (self->link);
    }
  if (self->pending != NULL)
    PQfinish (self->pending);
  PQfinish (CONN (db));
  g_clear_error (&self->refusal);
  g_clear_object (&self->answer_cancellable);
  g_free (self->lost_said);
  g_free (self->settings_said);
  g_free (self->settings_started);
  g_free (self->backend_started);
  g_free (self->conninfo);
  g_free (db->name);
  g_free (db);
}

static gboolean
pg_exec (FasciaDb    *db,
         const char  *sql,
         GError     **error)
{
  return run (db, sql, error);
}

/* REPEATABLE READ: every read of a change sees one snapshot, and a row another connection
 * changed since fails the change (40001, reported as a conflict) instead of overwriting it.
 * Nothing is sent yet: the BEGIN goes with the transaction's first statement, in one round
 * trip (pg_step(), run()), and a transaction that ran none costs none. */
static gboolean
pg_begin (FasciaDb  *db,
          GError   **error)
{
  PgDb *self = (PgDb *) db;

  self->begin_due = TRUE;
  self->commit_due = self->committed = FALSE;
  return TRUE;
}

/* The transaction's last statement is next: its COMMIT goes with it (exec_pipelined()), and
 * pg_commit() then has nothing to send. */
static void
pg_commit_with_next (FasciaDb *db)
{
  ((PgDb *) db)->commit_due = TRUE;
}

static gboolean
pg_commit (FasciaDb  *db,
           GError   **error)
{
  PgDb *self = (PgDb *) db;

  self->commit_due = FALSE;
  if (self->committed)
    {
      self->committed = FALSE;
      return TRUE;
    }
  if (self->begin_due)
    {
      self->begin_due = FALSE;
      return TRUE;
    }
  return run (db, "COMMIT", error);
}

static void
pg_rollback (FasciaDb *db)
{
  PgDb *self = (PgDb *) db;

  self->begin_due = self->commit_due = self->committed = FALSE;
  if (PQtransactionStatus (CONN (db)) != PQTRANS_IDLE)
    {
      self->round_trips++;
      PQclear (answer_of (self, PQsendQuery (CONN (db), "ROLLBACK")));
    }
}

static gint64
pg_changes (FasciaDb *db)
{
  return ((PgDb *) db)->changes;
}

/* Statements */

/* `?N` → `$N`, a bare `?` → the next number; SQLite's `group_concat(column)` → PostgreSQL's
 * own `string_agg(column::text, ',')` (the aggregate of that name in the schema, written in
 * SQL for statements written by hand, costs a function call per row: a client's 200 visits
 * read twice as slowly); nothing inside quotes is touched. Returns the highest parameter
 * number. */
static char *
translate (const char   *sql,
           int          *n_params,
           GArray       *used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int next = 1, highest = 0;
  char quote = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
        }
      else if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (g_str_has_prefix (p, "group_concat(") && strchr (p, ')') != NULL &&
               (p == sql || !(g_ascii_isalnum (p[-1]) || p[-1] == '_')))
        {
          const char *arg = p + strlen ("group_concat(");
          const char *end = strchr (arg, ')');

          g_string_append (out, "string_agg((");
          g_string_append_len (out, arg, end - arg);
          g_string_append (out, ")::text, ',')");
          p = end;
        }
      else if (*p == '?')
        {
          int n;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              n = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            n = next;
          next = n + 1;
          highest = MAX (highest, n);
          if ((guint) n > used->len)
            g_array_set_size (used, n);
          g_array_index (used, gboolean, n - 1) = TRUE;
          g_string_append_printf (out, "$%d", n);
        }
      else
        g_string_append_c (out, *p);
    }

  *n_params = highest;
  return g_string_free (out, FALSE);
}

static FasciaDbStmt *
pg_prepare (FasciaDb    *db,
            const char  *sql,
            gboolean     persistent,
            GError     **error)
{
  PgStmt *self = g_new0 (PgStmt, 1);
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (gboolean));

  self->parent.db = db;
  self->sql = translate (sql, &self->n_params, used);
  g_array_set_size (used, MAX (self->n_params, 1));
  self->used = (gboolean *) g_array_free (g_steal_pointer (&used), FALSE);
  self->types = g_new0 (Oid, MAX (self->n_params, 1));
  self->values = g_new0 (char *, MAX (self->n_params, 1));
  self->owned = g_new0 (char *, MAX (self->n_params, 1));
  self->persistent = persistent;
  return &self->parent;
}

static void
clear_result (PgStmt *self)
{
  g_clear_pointer (&self->result, PQclear);
  self->row = -1;
  self->n_rows = 0;
}

static void
pg_stmt_reset (FasciaDbStmt *stmt)
{
  PgStmt *self = (PgStmt *) stmt;

  clear_result (self);
  for (int i = 0; i < self->n_params; i++)
    {
      g_clear_pointer (&self->owned[i], g_free);
      self->values[i] = NULL;
      self->types[i] = 0;
    }
}

static void
pg_stmt_free (FasciaDbStmt *stmt)
{
  PgStmt *self = (PgStmt *) stmt;

  pg_stmt_reset (stmt);
  g_free (self->sql);
  g_free (self->types);
  g_free (self->values);
  g_free (self->owned);
  g_free (self->used);
  g_free (self->prepared_types);
  g_free (self);
}

static void
bind_owned (PgStmt *self,
            int     index,
            Oid     type,
            char   *text)
{
  /* A number the statement does not have is ignored, as SQLite does (SQLITE_RANGE). */
  if (index < 1 || index > self->n_params)
    {
      g_free (text);
      return;
    }

  g_free (self->owned[index - 1]);
  self->owned[index - 1] = text;
  self->values[index - 1] = text;
  self->types[index - 1] = type;
}

static void
pg_bind_int64 (FasciaDbStmt *stmt,
               int           index,
               gint64        value)
{
  bind_owned ((PgStmt *) stmt, index, INT8OID, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (FasciaDbStmt *stmt,
                int           index,
                double        value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buffer, sizeof buffer, value);
  bind_owned ((PgStmt *) stmt, index, FLOAT8OID, g_strdup (buffer));
}

static void
pg_bind_text (FasciaDbStmt *stmt,
              int           index,
              const char   *text)
{
  PgStmt *self = (PgStmt *) stmt;

  bind_owned (self, index, TEXTOID, NULL);
  if (index >= 1 && index <= self->n_params)
    self->values[index - 1] = (char *) text;
}

static void
pg_bind_null (FasciaDbStmt *stmt,
              int           index)
{
  bind_owned ((PgStmt *) stmt, index, 0, NULL);
}

/* A kept statement, prepared on this connection unless it is already: one round trip, once. */
static gboolean
prepare_on_server (PgStmt  *self,
                   GError **error)
{
  PgDb *db = (PgDb *) self->parent.db;
  PGresult *result;
  gboolean ok;

  if (!self->persistent || self->generation == db->generation)
    return TRUE;

  g_snprintf (self->name, sizeof self->name, "fascia_%u", ++db->n_prepared);
  db->round_trips++;
  result = answer_of (db, PQsendPrepare (db->conn, self->name, self->sql, self->n_params,
                                         self->types));
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok)
    set_result_error (self->parent.db, result, error);
  else
    {
      g_free (self->prepared_types);
      self->prepared_types = g_memdup2 (self->types, sizeof (Oid) * MAX (self->n_params, 1));
      self->generation = db->generation;
    }
  PQclear (result);
  return ok;
}

/* Whether the values bound now are of the types the statement was prepared with (a NULL
 * fits any); where not, the statement is run with its own types instead. */
static gboolean
same_types (PgStmt *self)
{
  for (int i = 0; i < self->n_params; i++)
    if (self->values[i] != NULL && self->types[i] != self->prepared_types[i])
      return FALSE;
  return TRUE;
}

/* Sends the statement, prepared (@prepared) or with its SQL, after a BEGIN (@begin) and before
 * a COMMIT (@commit), all in one round trip (libpq's pipeline mode), and returns the result
 * of the first that failed, else the statement's. A statement that fails skips the COMMIT
 * (the server aborts the rest of the pipeline), and leaves its transaction to be rolled back;
 * a COMMIT that fails (the connection lost) undoes the statement, and its error is the
 * statement's. */
static PGresult *
exec_pipelined (PgStmt   *self,
                gboolean  prepared,
                gboolean  begin,
                gboolean  commit)
{
  PgDb *db = (PgDb *) self->parent.db;
  PGconn *conn = db->conn;
  PGresult *results[3] = { NULL, NULL, NULL };
  PGresult *chosen;
  int failed = -1;
  guint n_queries = 1 + (begin ? 1 : 0) + (commit ? 1 : 0);
  guint statement = begin ? 1 : 0;
  gboolean sent;
  guint query = 0;

  db->round_trips++;
  sent = PQenterPipelineMode (conn) &&
         (!begin || PQsendQueryParams (conn, BEGIN_SQL, 0, NULL, NULL, NULL, NULL, 0)) &&
         (prepared
          ? PQsendQueryPrepared (conn, self->name, self->n_params,
                                 (const char * const *) self->values, NULL, NULL, 0)
          : PQsendQueryParams (conn, self->sql, self->n_params, self->types,
                               (const char * const *) self->values, NULL, NULL, 0)) &&
         (!commit || PQsendQueryParams (conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0)) &&
         PQpipelineSync (conn);

  /* Each query's results end with a NULL; the sync's own result ends the pipeline. */
  while (sent)
    {
      PGresult *result;

      await_answer (db);
      result = PQgetResult (conn);

      if (result == NULL)
        {
          if (++query > n_queries || PQstatus (conn) == CONNECTION_BAD)
            break;
          continue;
        }
      if (PQresultStatus (result) == PGRES_PIPELINE_SYNC)
        {
          PQclear (result);
          break;
        }
      if (query < n_queries && results[query] == NULL)
        results[query] = result;
      else
        PQclear (result);
    }
  PQexitPipelineMode (conn);

  /* The first that failed (none: the connection was lost before it answered). */
  for (guint q = 0; q < n_queries && failed < 0; q++)
    if (results[q] == NULL ||
        (PQresultStatus (results[q]) != PGRES_COMMAND_OK &&
         PQresultStatus (results[q]) != PGRES_TUPLES_OK))
      failed = (int) q;
  if (failed >= 0)
    chosen = g_steal_pointer (&results[failed]);
  else
    {
      chosen = g_steal_pointer (&results[statement]);
      db->committed = commit;
    }
  for (guint q = 0; q < n_queries; q++)
    PQclear (results[q]);
  return chosen;
}

static FasciaDbStep
pg_step (FasciaDbStmt  *stmt,
         GError       **error)
{
  PgStmt *self = (PgStmt *) stmt;
  PgDb *db = (PgDb *) stmt->db;

  if (self->result == NULL)
    {
      ExecStatusType status;
      const char *tuples;
      gboolean prepared;

      /* A number the statement never uses (an INSERT binding from ?2) still needs a type. */
      for (int i = 0; i < self->n_params; i++)
        if (!self->used[i] && self->types[i] == 0)
          self->types[i] = INT8OID;

      if (!prepare_on_server (self, error))
        return FASCIA_DB_ERROR;
      prepared = self->generation == db->generation && same_types (self);
      if (db->begin_due || db->commit_due)
        {
          gboolean begin = db->begin_due, commit = db->commit_due;

          db->begin_due = db->commit_due = FALSE;
          self->result = exec_pipelined (self, prepared, begin, commit);
        }
      else
        {
          db->round_trips++;
          if (prepared)
            self->result = answer_of (db, PQsendQueryPrepared (db->conn, self->name,
                                                               self->n_params,
                                                               (const char * const *) self->values,
                                                               NULL, NULL, 0));
          else
            self->result = answer_of (db, PQsendQueryParams (db->conn, self->sql, self->n_params,
                                                             self->types,
                                                             (const char * const *) self->values,
                                                             NULL, NULL, 0));
        }
      status = PQresultStatus (self->result);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          set_result_error (stmt->db, self->result, error);
          clear_result (self);
          return FASCIA_DB_ERROR;
        }

      tuples = PQcmdTuples (self->result);
      if (tuples[0] != '\0' && !g_str_has_prefix (PQcmdStatus (self->result), "SELECT"))
        db->changes = g_ascii_strtoll (tuples, NULL, 10);
      self->n_rows = PQntuples (self->result);
      self->row = -1;
    }

  if (self->row + 1 < self->n_rows)
    {
      self->row++;
      return FASCIA_DB_ROW;
    }

  self->row = self->n_rows;
  return FASCIA_DB_DONE;
}

static const char *
value_of (FasciaDbStmt *stmt,
          int           column)
{
  PgStmt *self = (PgStmt *) stmt;

  if (self->result == NULL || self->row < 0 || self->row >= self->n_rows ||
      column >= PQnfields (self->result) || PQgetisnull (self->result, self->row, column))
    return NULL;

  return PQgetvalue (self->result, self->row, column);
}

static gint64
pg_column_int64 (FasciaDbStmt *stmt,
                 int           column)
{
  const char *value = value_of (stmt, column);

  if (value == NULL)
    return 0;
  /* A comparison the store reads as a number. */
  if (g_str_equal (value, "t"))
    return 1;
  if (g_str_equal (value, "f"))
    return 0;

  return g_ascii_strtoll (value, NULL, 10);
}

static double
pg_column_double (FasciaDbStmt *stmt,
                  int           column)
{
  const char *value = value_of (stmt, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
}

static const char *
pg_column_text (FasciaDbStmt *stmt,
                int           column)
{
  return value_of (stmt, column);
}

static gboolean
pg_column_is_null (FasciaDbStmt *stmt,
                   int           column)
{
  return value_of (stmt, column) == NULL;
}

/* Hearing the others: LISTEN fascia_changes (sql-postgresql/007-revisions.sql notifies it
 * after each committed change to a client, plan or visit). The source watches the
 * connection's socket from the main loop; no thread, no polling. A notification can also
 * arrive during one of the store's own queries, which reads it from the socket and keeps it
 * in libpq's queue: prepare() looks at that queue before each wait, so none waits for the
 * next byte on the socket. The connection's own changes, which the store has announced
 * already, are left out. */

#define CHANGES_CHANNEL "fascia_changes"

static void
watch_take_notifications (WatchSource *watch)
{
  PGnotify *notify;
  int self_pid = PQbackendPID (watch->db->conn);

  while ((notify = PQnotifies (watch->db->conn)) != NULL)
    {
      if (notify->be_pid != self_pid && g_str_equal (notify->relname, CHANGES_CHANNEL))
        g_queue_push_tail (&watch->pending, g_strndup (notify->extra, 256));
      PQfreemem (notify);
    }
}

static gboolean
watch_prepare (GSource *source,
               int     *timeout)
{
  WatchSource *watch = (WatchSource *) source;

  *timeout = -1;
  if (watch->db == NULL)
    return FALSE;
  if (watch->db->state == LINK_UP)
    watch_take_notifications (watch);
  return watch->pending.length > 0;
}

static gboolean
watch_check (GSource *source)
{
  WatchSource *watch = (WatchSource *) source;

  if (watch->db == NULL)
    return FALSE;

  if (watch->tag != NULL && g_source_query_unix_fd (source, watch->tag) != 0 && !watch->lost &&
      !PQconsumeInput (watch->db->conn))
    watch->lost = TRUE;

  if (watch->db->state == LINK_UP)
    watch_take_notifications (watch);
  return watch->pending.length > 0 || watch->lost;
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  WatchSource *watch = (WatchSource *) source;
  FasciaDbChangeFunc func = (FasciaDbChangeFunc) (void (*) (void)) callback;
  char *payload;

  while ((payload = g_queue_pop_head (&watch->pending)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (payload, " ", 5);

      /* "table change id client_id", as the trigger writes it; anything else is no change of
       * ours. */
      if (func != NULL && g_strv_length (parts) == 4)
        func (parts[0], parts[1], g_ascii_strtoll (parts[2], NULL, 10),
              g_ascii_strtoll (parts[3], NULL, 10), user_data);
      g_free (payload);
    }

  if (watch->lost)
    {
      /* Heard again once the connection is made anew (watch_resume()), if it is kept. */
      g_debug ("The clinic server's connection was lost: no changes are heard until it is back");
      watch->lost = FALSE;
      if (watch->tag != NULL)
        g_source_remove_unix_fd (source, watch->tag);
      watch->tag = NULL;
      mark_lost (watch->db);
    }

  return G_SOURCE_CONTINUE;
}

/* The connection was made anew: its socket is watched, and LISTEN was sent with the
 * session's settings. */
static void
watch_resume (PgDb *self)
{
  WatchSource *watch = (WatchSource *) self->watch;

  if (watch == NULL)
    return;
  if (watch->tag != NULL)
    g_source_remove_unix_fd (self->watch, watch->tag);
  watch->lost = FALSE;
  watch->tag = g_source_add_unix_fd (self->watch, PQsocket (self->conn),
                                     G_IO_IN | G_IO_ERR | G_IO_HUP);
}

static void
watch_finalize (GSource *source)
{
  WatchSource *watch = (WatchSource *) source;

  g_queue_clear_full (&watch->pending, g_free);
  if (watch->db != NULL && watch->db->watch == source)
    watch->db->watch = NULL;
}

static GSourceFuncs watch_funcs = {
  .prepare = watch_prepare,
  .check = watch_check,
  .dispatch = watch_dispatch,
  .finalize = watch_finalize,
};

static GSource *
pg_watch_changes (FasciaDb            *db,
                  FasciaDbChangeFunc   func,
                  gpointer             user_data,
                  GDestroyNotify       destroy,
                  GError             **error)
{
  PgDb *self = (PgDb *) db;
  WatchSource *watch;
  GSource *source;

  if (!run (db, "LISTEN " CHANGES_CHANNEL, error))
    {
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  if (self->watch != NULL)
    {
      ((WatchSource *) self->watch)->db = NULL;
      g_source_destroy (self->watch);
    }

  source = g_source_new (&watch_funcs, sizeof (WatchSource));
  watch = (WatchSource *) source;
  watch->db = self;
  g_queue_init (&watch->pending);
  watch->tag = g_source_add_unix_fd (source, PQsocket (self->conn), G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) func, user_data, destroy);
  g_source_set_static_name (source, "fascia: clinic server changes");
  self->watch = source;
  return source;
}

/* Staying connected. A query that finds the connection broken, or the watch that finds its
 * socket closed, marks it lost; where fascia_db_keep_connected() was called, the link source
 * then makes a new connection in the background: PQconnectStart() and PQconnectPoll() on its
 * socket, then the session's settings (and LISTEN, if changes are watched) sent with
 * PQsendQuery() and read as they come, all from the main loop, never waiting on it. An attempt
 * that fails waits twice as long as the last before the next (LINK_FIRST_WAIT to
 * LINK_LONGEST_WAIT); one that hangs is given up after LINK_ATTEMPT_TIMEOUT. Meanwhile each
 * query fails at once as the server cannot be reached. */

#define LINK_FIRST_WAIT      250     /* milliseconds */
#define LINK_LONGEST_WAIT    10000
#define LINK_ATTEMPT_TIMEOUT 15000

typedef struct
{
  GSource   source;
  PgDb     *db;
  gpointer  tag;
  gint64    deadline;
  gboolean  announce;   /* tell link_func the state at the next dispatch */
} LinkSource;

static void
link_watch_socket (PgDb         *self,
                   GIOCondition  condition)
{
  LinkSource *link = (LinkSource *) self->link;

  if (link->tag != NULL)
    g_source_remove_unix_fd (self->link, link->tag);
  link->tag = condition != 0 ? g_source_add_unix_fd (self->link, PQsocket (self->pending),
                                                     condition | G_IO_ERR | G_IO_HUP)
                             : NULL;
}

static void
link_wait (PgDb *self)
{
  LinkSource *link = (LinkSource *) self->link;

  link_watch_socket (self, 0);
  g_clear_pointer (&self->pending, PQfinish);
  self->state = LINK_WAITING;
  link->deadline = g_get_monotonic_time () + (gint64) self->backoff * 1000;
  g_source_set_ready_time (self->link, link->deadline);
  self->backoff = MIN (self->backoff * 2, LINK_LONGEST_WAIT);
}

/* The session's settings, and its check that the login still finds the clinic's schema as it
 * left it: `SET search_path` takes a schema that is gone or that the login may no longer use
 * without a word, so the schema's version is read in the same message (no round trip more),
 * and so is the start of the connection's server process (BACKEND_STARTED_QUERY). Its answer
 * is read in link_step(). */
static char *
session_settings (PgDb *self)
{
  return g_strdup_printf ("SET client_min_messages = warning; SET lock_timeout = %u; "
                          "SET search_path = fascia, public%s; "
                          "SELECT max(version) FROM fascia.schema_version; "
                          BACKEND_STARTED_SETTING ("%d"), self->lock_timeout,
                          self->watch != NULL ? "; LISTEN " CHANGES_CHANNEL : "",
                          PQbackendPID (self->pending));
}

static GStrv list_migrations (void);

/* Whether the server's SQLSTATE @state, refusing a session's settings on a connection it let
 * in, is one that waiting may mend: the connection lost again (08…, none), the server
 * shutting down or starting (57P…), short of resources (53…), a lock or a serialization
 * (40…, 55P03), or a standby not promoted yet (25006). The rest (the login's right to the
 * schema revoked, the schema dropped, …) will be the same at the next attempt. */
static gboolean
is_passing_failure (const char *state)
{
  return state == NULL || state[0] == '\0' || g_str_has_prefix (state, "08") ||
         g_str_has_prefix (state, "57P") || g_str_has_prefix (state, "53") ||
         g_str_has_prefix (state, "40") || g_str_equal (state, "55P03") ||
         g_str_equal (state, "25006");
}

/* The new connection's session settings (session_settings()) were answered by @result,
 * failed with the server's @state and @said (NULL if none failed), and its schema version is
 * @version. Set @error if that will not change by trying again: the login may no longer use
 * the schema (%FASCIA_STORE_ERROR_DENIED, naming the login), the schema or its version table
 * is gone (%FASCIA_STORE_ERROR_NOT_FOUND), or a newer Fascia upgraded it meanwhile
 * (%FASCIA_STORE_ERROR_TOO_NEW); each on one line naming the database. */
static gboolean
settings_refusal (PGconn      *conn,
                  const char  *state,
                  const char  *said,
                  int          version,
                  GError     **error)
{
  guint known;

  if (state != NULL)
    {
      g_autofree char *excerpt = NULL;

      if (is_passing_failure (state))
        return FALSE;
      excerpt = fascia_text_excerpt (said != NULL ? said : "", -1, 200);
      g_strdelimit (excerpt, "\n\t", ' ');
      if (g_str_equal (state, "42501") || g_str_has_prefix (state, "28"))
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_DENIED,
                     "The clinic server refused the login “%s” to “%s”: %s", PQuser (conn),
                     PQdb (conn), g_strstrip (excerpt));
      else if (g_str_equal (state, "42P01") || g_str_equal (state, "3F000"))
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                     "The clinic database “%s” no longer has Fascia's records: %s",
                     PQdb (conn), g_strstrip (excerpt));
      else
        g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                     "The clinic server refused the session of the login “%s” to “%s”: %s",
                     PQuser (conn), PQdb (conn), g_strstrip (excerpt));
      return TRUE;
    }

  known = g_strv_length (list_migrations ());
  if (version > (int) known)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_TOO_NEW,
                   "The clinic database “%s” was upgraded by a newer version of Fascia (schema "
                   "%d; this version knows up to %u). Update Fascia to open it.",
                   PQdb (conn), version, known);
      return TRUE;
    }
  return FALSE;
}

static void
link_start (PgDb *self)
{
  LinkSource *link = (LinkSource *) self->link;

  self->pending = connect_with_keepalives (self->conninfo, TRUE);
  if (self->pending == NULL || PQstatus (self->pending) == CONNECTION_BAD)
    {
      link_wait (self);
      return;
    }
  self->state = LINK_CONNECTING;
  link_watch_socket (self, G_IO_OUT);
  link->deadline = g_get_monotonic_time () + LINK_ATTEMPT_TIMEOUT * G_GINT64_CONSTANT (1000);
  g_source_set_ready_time (self->link, link->deadline);
}

/* The new connection was refused for good with @error (owned): no more attempts are made,
 * and link_func is told why. */
static void
link_give_up (PgDb   *self,
              GError *error)
{
  LinkSource *link = (LinkSource *) self->link;

  g_debug ("The clinic server refused the connection for good: %s", error->message);
  link_watch_socket (self, 0);
  g_clear_pointer (&self->pending, PQfinish);
  self->state = LINK_REFUSED;
  g_clear_error (&self->refusal);
  self->refusal = error;
  link->announce = TRUE;
  g_source_set_ready_time (self->link, 0);
}

/* The new connection failed: if the server refused it for good (no such database or login
 * any more), no more attempts are made, and link_func is told why. */
static gboolean
link_refused (PgDb *self)
{
  GError *error = NULL;

  set_connect_error (self->pending, &error);
  if (g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO))
    {
      g_error_free (error);
      return FALSE;
    }
  link_give_up (self, error);
  return TRUE;
}

/* The new connection is ready: it takes the place of the broken one. */
static void
link_up (PgDb *self)
{
  LinkSource *link = (LinkSource *) self->link;

  link_watch_socket (self, 0);
  PQfinish (self->conn);
  self->conn = g_steal_pointer (&self->pending);
  connected (self->conn);
  g_free (self->backend_started);
  self->backend_started = g_steal_pointer (&self->settings_started);
  self->generation++;
  self->state = LINK_UP;
  self->lost = FALSE;
  self->unanswered = FALSE;
  self->wait_cancelled = FALSE;
  g_clear_pointer (&self->lost_said, g_free);
  self->backoff = LINK_FIRST_WAIT;
  g_source_set_ready_time (self->link, -1);
  watch_resume (self);
  g_debug ("Connected to the clinic server again");
  link->announce = TRUE;
  g_source_set_ready_time (self->link, 0);
}

static void
link_step (PgDb *self)
{
  LinkSource *link = (LinkSource *) self->link;
  gboolean ready = link->tag != NULL && g_source_query_unix_fd (self->link, link->tag) != 0;
  gboolean due = g_get_monotonic_time () >= link->deadline;

  switch (self->state)
    {
    case LINK_UP:
      break;

    case LINK_WAITING:
      if (due)
        link_start (self);
      break;

    case LINK_CONNECTING:
      if (!ready)
        {
          if (due)
            link_wait (self);
          break;
        }
      switch (PQconnectPoll (self->pending))
        {
        case PGRES_POLLING_READING:
          link_watch_socket (self, G_IO_IN);
          break;
        case PGRES_POLLING_WRITING:
          link_watch_socket (self, G_IO_OUT);
          break;
        case PGRES_POLLING_OK:
          {
            g_autofree char *settings = session_settings (self);

            if (!PQsendQuery (self->pending, settings))
              {
                link_wait (self);
                break;
              }
            self->state = LINK_SETTING_UP;
            self->settings_failed = FALSE;
            self->settings_version = 0;
            g_clear_pointer (&self->settings_said, g_free);
            g_clear_pointer (&self->settings_started, g_free);
            link_watch_socket (self, G_IO_IN);
          }
          break;
        default:
          if (!link_refused (self))
            link_wait (self);
          break;
        }
      break;

    case LINK_SETTING_UP:
      if (!ready)
        {
          if (due)
            link_wait (self);
          break;
        }
      if (!PQconsumeInput (self->pending))
        {
          link_wait (self);
          break;
        }
      /* Every answer is read to the end (after a failure the server skips the rest): a
       * failure that trying again will not mend is said once (link_give_up()), as a refusal
       * of the connection is; the others wait for the next attempt. */
      while (!PQisBusy (self->pending))
        {
          PGresult *result = PQgetResult (self->pending);
          GError *error = NULL;

          if (result == NULL)
            {
              if (settings_refusal (self->pending,
                                    self->settings_failed ? self->settings_state : NULL,
                                    self->settings_said, self->settings_version, &error))
                link_give_up (self, error);
              else if (self->settings_failed)
                link_wait (self);
              else
                link_up (self);
              return;
            }
          switch (PQresultStatus (result))
            {
            case PGRES_COMMAND_OK:
              break;
            case PGRES_TUPLES_OK:
              if (PQntuples (result) == 1 && PQnfields (result) == 1 &&
                  !PQgetisnull (result, 0, 0))
                {
                  if (g_strcmp0 (PQfname (result, 0), "backend_started") == 0)
                    {
                      const char *started = PQgetvalue (result, 0, 0);

                      g_free (self->settings_started);
                      self->settings_started = started[0] != '\0' ? g_strdup (started) : NULL;
                    }
                  else
                    self->settings_version = atoi (PQgetvalue (result, 0, 0));
                }
              break;
            default:
              if (!self->settings_failed)
                {
                  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
                  const char *said = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);

                  self->settings_failed = TRUE;
                  g_strlcpy (self->settings_state, state != NULL ? state : "",
                             sizeof self->settings_state);
                  g_free (self->settings_said);
                  self->settings_said = g_strdup (said);
                }
              break;
            }
          PQclear (result);
        }
      break;

    default:
      break;
    }
}

static gboolean
link_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  LinkSource *link = (LinkSource *) source;
  PgDb *self = link->db;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  if (link->announce)
    {
      link->announce = FALSE;
      g_source_set_ready_time (source, self->state == LINK_UP || self->state == LINK_REFUSED
                                       ? -1 : link->deadline);
      if (self->link_func != NULL)
        self->link_func (self->state == LINK_UP,
                         self->state == LINK_REFUSED ? self->refusal : NULL, self->link_data);
      return G_SOURCE_CONTINUE;
    }

  link_step (self);
  return G_SOURCE_CONTINUE;
}

static void
link_finalize (GSource *source)
{
}

static GSourceFuncs link_funcs = {
  .dispatch = link_dispatch,
  .finalize = link_finalize,
};

/* The connection is broken: a new one is made in the background, where it is kept. */
static void
mark_lost (PgDb *self)
{
  LinkSource *link;

  if (self->lost)
    return;
  self->lost = TRUE;
  if (self->link == NULL)
    return;

  g_debug ("The connection to the clinic server was lost; connecting again in the background");
  link = (LinkSource *) self->link;
  self->backoff = LINK_FIRST_WAIT;
  link_wait (self);
  /* Told from the main loop, never from inside the query that found it. */
  link->announce = TRUE;
  g_source_set_ready_time (self->link, 0);
}

/* The start of @self's connection's server process (BACKEND_STARTED_QUERY), NULL when the
 * connection does not reach it directly or the server does not say. */
static char *
read_backend_started (PgDb *self)
{
  g_autofree char *sql = g_strdup_printf (BACKEND_STARTED_QUERY "%d", PQbackendPID (self->conn));
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (&self->parent, sql, FALSE, NULL);

  if (stmt == NULL || fascia_db_step (stmt, NULL) != FASCIA_DB_ROW)
    return NULL;
  return g_strdup (fascia_db_column_text (stmt, 0));
}

static void
pg_keep_connected (FasciaDb         *db,
                   GMainContext     *context,
                   FasciaDbLinkFunc  func,
                   gpointer          user_data)
{
  PgDb *self = (PgDb *) db;

  self->link_func = func;
  self->link_data = user_data;
  if (self->link != NULL)
    return;

  self->link = g_source_new (&link_funcs, sizeof (LinkSource));
  ((LinkSource *) self->link)->db = self;
  g_source_set_static_name (self->link, "fascia: clinic server connection");
  g_source_attach (self->link, context);
  self->backoff = LINK_FIRST_WAIT;
  if (self->lost)
    {
      self->lost = FALSE;
      mark_lost (self);
    }
  /* For the probe of a window's connection (a new one asks with its settings); a job in a
   * worker has no probe and is spared the round trip. */
  else if (self->backend_started == NULL)
    self->backend_started = read_backend_started (self);
}

static gboolean
pg_is_connected (FasciaDb *db)
{
  PgDb *self = (PgDb *) db;

  return !self->lost && PQstatus (self->conn) == CONNECTION_OK;
}

static void
pg_set_answer_timeout (FasciaDb *db,
                       guint     milliseconds)
{
  PgDb *self = (PgDb *) db;

  self->answer_timeout = milliseconds;
  self->answer_timeout_set = TRUE;
  self->answer_renewed = FALSE;
}

static const char *
pg_get_lost_reason (FasciaDb *db)
{
  PgDb *self = (PgDb *) db;

  return pg_is_connected (db) ? NULL : self->lost_said;
}

static void
pg_set_silence_timeout (FasciaDb *db,
                        guint     milliseconds)
{
  PgDb *self = (PgDb *) db;

  pg_set_answer_timeout (db, milliseconds);
  self->answer_renewed = TRUE;
}

static void
pg_set_answer_cancellable (FasciaDb     *db,
                           GCancellable *cancellable)
{
  PgDb *self = (PgDb *) db;

  g_set_object (&self->answer_cancellable, cancellable);
}

static guint64
pg_get_session (FasciaDb *db)
{
  PgDb *self = (PgDb *) db;

  return self->conn != NULL ? (guint64) MAX (PQbackendPID (self->conn), 0) : 0;
}

/* The session's process stays in pg_stat_activity until it has ended: after a COMMIT cut
 * short, until the transaction is committed or rolled back, and the process has read the end
 * of its connection. pg_stat_activity shows every session's pid to every login. */
static gboolean
pg_await_session_end (FasciaDb  *db,
                      guint64    session,
                      guint      milliseconds,
                      GError   **error)
{
  g_autoptr(FasciaDbStmt) stmt = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  if (session > G_MAXINT32)
    return TRUE;
  stmt = fascia_db_prepare (db, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?1", FALSE,
                           error);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      FasciaDbStep step;
      gint64 n;

      fascia_db_stmt_reset (stmt);
      fascia_db_bind_int64 (stmt, 1, (gint64) session);
      step = fascia_db_step (stmt, error);
      if (step != FASCIA_DB_ROW)
        {
          if (step == FASCIA_DB_DONE)
            g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                                 "The clinic server did not count its sessions");
          return FALSE;
        }
      n = fascia_db_column_int64 (stmt, 0);
      fascia_db_stmt_reset (stmt);
      /* No transaction is left open meanwhile: each look sees what is committed now. */
      if (n == 0)
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                       "The clinic server's session %" G_GUINT64_FORMAT " did not end in %u s",
                       session, (milliseconds + 999) / 1000);
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
}

static const FasciaDbClass pg_class = {
  .engine = FASCIA_DB_ENGINE_POSTGRESQL,
  .close = pg_close,
  .exec = pg_exec,
  .begin = pg_begin,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .changes = pg_changes,
  .prepare = pg_prepare,
  .stmt_free = pg_stmt_free,
  .stmt_reset = pg_stmt_reset,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_is_null = pg_column_is_null,
  .watch_changes = pg_watch_changes,
  .keep_connected = pg_keep_connected,
  .is_connected = pg_is_connected,
  .commit_with_next = pg_commit_with_next,
  .set_answer_timeout = pg_set_answer_timeout,
  .set_silence_timeout = pg_set_silence_timeout,
  .get_lost_reason = pg_get_lost_reason,
  .set_answer_cancellable = pg_set_answer_cancellable,
  .get_session = pg_get_session,
  .await_session_end = pg_await_session_end,
};

/**
 * fascia_db_postgres_get_round_trips:
 *
 * Returns: how many times this connection has sent the server something and waited for its
 *   answer (statements, their preparation, BEGIN, COMMIT, ROLLBACK), for tests and benchmarks.
 */
guint64
fascia_db_postgres_get_round_trips (FasciaDb *db)
{
  g_return_val_if_fail (fascia_db_get_engine (db) == FASCIA_DB_ENGINE_POSTGRESQL, 0);

  return ((PgDb *) db)->round_trips;
}

/* Choosing the engine */

void
fascia_db_postgres_set_lock_timeout (FasciaDb *db,
                                     guint     milliseconds)
{
  g_autofree char *sql = g_strdup_printf ("SET lock_timeout = %u", milliseconds);

  ((PgDb *) db)->lock_timeout = milliseconds;
  if (!run (db, sql, NULL))
    g_warning ("Could not set the lock timeout on %s", db->name);
}

/**
 * fascia_db_postgres_set_answer_timeout:
 * @milliseconds: how long a query waits for the server's answer; 0: as long as it takes
 *
 * After that the connection is cut and the query fails with %FASCIA_STORE_ERROR_IO, as if
 * the line had fallen (await_answer()). The default is 10 s on a connection kept for a
 * window (fascia_db_keep_connected()), none on the others.
 */
void
fascia_db_postgres_set_answer_timeout (FasciaDb *db,
                                       guint     milliseconds)
{
  pg_set_answer_timeout (db, milliseconds);
}

guint
fascia_db_postgres_get_answer_timeout (FasciaDb *db)
{
  return answer_timeout_of ((PgDb *) db);
}

/**
 * fascia_db_postgres_get_option:
 * @keyword: a libpq connection keyword ("keepalives_idle")
 *
 * Returns: (transfer full) (nullable): the value the connection was made with, as libpq
 *   reports it (PQconninfo()), or %NULL where it has none.
 */
char *
fascia_db_postgres_get_option (FasciaDb   *db,
                               const char *keyword)
{
  PQconninfoOption *options = PQconninfo (CONN (db));
  char *value = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

char *
fascia_db_postgres_describe (void)
{
  int version = PQlibVersion ();

  return g_strdup_printf ("libpq %d.%d", version / 10000, version % 10000);
}

/* Migrations */

/* The same numbers as SQLite's, without gaps: a build that breaks this must not run. */
static GStrv
list_migrations (void)
{
  static GStrv names = NULL;

  if (g_once_init_enter (&names))
    {
      GStrv found = fascia_db_list_migrations (SQL_RESOURCE_DIR, "PostgreSQL");
      guint n = g_strv_length (found);

      if ((int) n != fascia_store_migrate_latest ())
        g_error ("PostgreSQL has %u migrations, SQLite %d", n, fascia_store_migrate_latest ());
      g_once_init_leave (&names, found);
    }
  return names;
}

/* The schema version, or 0 where there is no Fascia schema yet; -1 with @error. */
static int
read_version (FasciaDb  *db,
              GError   **error)
{
  g_autoptr(FasciaDbStmt) stmt = NULL;
  FasciaDbStep step;

  stmt = fascia_db_prepare (db, "SELECT to_regclass('fascia.schema_version') IS NOT NULL",
                            FALSE, error);
  if (fascia_db_step (stmt, error) != FASCIA_DB_ROW)
    return -1;
  if (fascia_db_column_int64 (stmt, 0) == 0)
    return 0;
  g_clear_pointer (&stmt, fascia_db_stmt_free);

  stmt = fascia_db_prepare (db, "SELECT max(version) FROM fascia.schema_version", FALSE, error);
  step = fascia_db_step (stmt, error);
  if (step == FASCIA_DB_ERROR)
    return -1;

  return step == FASCIA_DB_ROW ? (int) fascia_db_column_int64 (stmt, 0) : 0;
}

static gboolean
apply_migration (FasciaDb    *db,
                 int          version,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *resource = g_strconcat (SQL_RESOURCE_DIR, name, NULL);
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_xact_lock(%d)", MIGRATION_LOCK);
  g_autofree char *record = g_strdup_printf ("INSERT INTO fascia.schema_version (version) "
                                             "VALUES (%d)", version);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  int found;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!run (db, "BEGIN", &local_error) || !run (db, lock, &local_error))
    goto failed;

  /* Another Fascia may have applied it while this one waited for the lock. */
  found = read_version (db, &local_error);
  if (found < 0)
    goto failed;
  if (found >= version)
    return run (db, "COMMIT", error);

  if (!run (db, sql, &local_error) || !run (db, record, &local_error) ||
      !run (db, "COMMIT", &local_error))
    goto failed;

  return TRUE;

failed:
  pg_rollback (db);
  g_set_error (error, FASCIA_STORE_ERROR, local_error->code,
               "Could not upgrade the clinic database to schema %d (%s): %s",
               version, name, local_error->message);
  return FALSE;
}

/**
 * fascia_db_postgres_migrate:
 * @target_version: the schema wanted, at most fascia_store_migrate_latest()
 *
 * Creates the schema `fascia` if there is none and applies the migrations after its version.
 */
gboolean
fascia_db_postgres_migrate (FasciaDb  *db,
                            int        target_version,
                            GError   **error)
{
  GStrv names = list_migrations ();
  int version;

  g_return_val_if_fail (target_version <= (int) g_strv_length (names), FALSE);

  version = read_version (db, error);
  if (version < 0)
    return FALSE;

  if (version > (int) g_strv_length (names))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_TOO_NEW,
                   "The clinic database “%s” was set up by a newer version of Fascia (schema "
                   "%d; this version knows up to %u). Update Fascia to open it.",
                   db->name, version, g_strv_length (names));
      return FALSE;
    }

  for (int v = version + 1; v <= target_version; v++)
    {
      PgDb *self = (PgDb *) db;
      gboolean timeout_set = self->answer_timeout_set;
      guint timeout = self->answer_timeout;
      gboolean applied;

      /* An upgrade takes as long as the clinic's size asks (and waits for another Fascia's
       * upgrade to end): no answer time, but a cancel still ends it (rolled back). */
      self->answer_timeout = 0;
      self->answer_timeout_set = TRUE;
      applied = apply_migration (db, v, names[v - 1], error);
      self->answer_timeout = timeout;
      self->answer_timeout_set = timeout_set;
      if (!applied)
        return FALSE;
    }

  return TRUE;
}

/* The schema `fascia`, made by the first connection (the owner's): a therapist's or the front
 * desk's login, which may not create schemas, only finds it. */
static gboolean
create_schema (FasciaDb  *db,
               GError   **error)
{
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (db, "SELECT to_regnamespace('fascia') IS NULL",
                                                    FALSE, error);

  if (stmt == NULL || fascia_db_step (stmt, error) != FASCIA_DB_ROW)
    return FALSE;
  if (fascia_db_column_int64 (stmt, 0) == 0)
    return TRUE;

  return run (db, "CREATE SCHEMA IF NOT EXISTS fascia", error);
}

static FasciaDb *open_full (const char    *conninfo,
                            int            target_version,
                            GCancellable  *cancellable,
                            guint          answer_timeout,
                            GError       **error);
static char     *name_of   (const char    *conninfo);

/**
 * fascia_db_postgres_open:
 * @conninfo: a `postgresql://` URI or a libpq keyword string; a password comes from libpq's
 *   usual places (`~/.pgpass`, the service file), never from Fascia
 *
 * Connects, and creates or upgrades the clinic's schema.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set.
 */
FasciaDb *
fascia_db_postgres_open (const char  *conninfo,
                         GError     **error)
{
  return fascia_db_postgres_open_at (conninfo, fascia_store_migrate_latest (), error);
}

/**
 * fascia_db_postgres_open_at:
 * @target_version: the schema to upgrade to, from 0 (the schema `fascia`, no table yet) to
 *   fascia_store_migrate_latest(): for tests that build a clinic database as an older
 *   Fascia left it
 *
 * As fascia_db_postgres_open(), upgrading to @target_version only.
 */
FasciaDb *
fascia_db_postgres_open_at (const char  *conninfo,
                            int          target_version,
                            GError     **error)
{
  return open_full (conninfo, target_version, NULL, 0, error);
}

/**
 * fascia_db_postgres_open_cancellable:
 * @cancellable: ends the attempt to connect at once
 * @answer_timeout: how long each query of the session's setup waits for the server's answer
 *   (but an upgrade of the schema, which waits as long as it takes), and the connection's
 *   queries after it (fascia_db_set_answer_timeout()); 0: as long as it takes
 *
 * As fascia_db_postgres_open(), for a worker: the connection is made, and the session set
 * up, polled beside @cancellable, so that whoever cancels it (the store closing) does not
 * wait for a server that does not answer.
 *
 * Returns: (transfer full): the connection, or %NULL with @error (%G_IO_ERROR_CANCELLED when
 *   cancelled).
 */
FasciaDb *
fascia_db_postgres_open_cancellable (const char    *conninfo,
                                     GCancellable  *cancellable,
                                     guint          answer_timeout,
                                     GError       **error)
{
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  return open_full (conninfo, fascia_store_migrate_latest (), cancellable, answer_timeout,
                    error);
}

static FasciaDb *
open_full (const char    *conninfo,
           int            target_version,
           GCancellable  *cancellable,
           guint          answer_timeout,
           GError       **error)
{
  PgDb *self;
  PGconn *conn;

  /* Made as a worker makes it, also without @cancellable, so that a refusal says why
   * (set_connect_error()). */
  conn = connect_cancellable (conninfo, cancellable, error);
  if (conn == NULL)
    return NULL;
  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_connect_error (conn, error);
      PQfinish (conn);
      return NULL;
    }

  self = g_new0 (PgDb, 1);
  self->parent.klass = &pg_class;
  /* Named as while it cannot be reached (name_of()), never by a password. */
  self->parent.name = name_of (conninfo);
  self->conn = conn;
  self->generation = 1;
  self->conninfo = g_strdup (conninfo);
  self->lock_timeout = 5000;
  self->state = LINK_UP;
  /* The setup's queries wait for the server as the connection's will (a worker's), and stop
   * waiting when @cancellable is (which is the caller's to set again after). */
  if (answer_timeout > 0)
    pg_set_answer_timeout (&self->parent, answer_timeout);
  pg_set_answer_cancellable (&self->parent, cancellable);

  /* A change waits this long for a row or table another connection holds, then fails as
   * busy (55P03), as SQLite's busy timeout does. */
  if (!run (&self->parent, "SET client_min_messages = warning", error) ||
      !run (&self->parent, "SET lock_timeout = 5000", error) ||
      !create_schema (&self->parent, error) ||
      !run (&self->parent, "SET search_path = fascia, public", error) ||
      !fascia_db_postgres_migrate (&self->parent, target_version, error))
    {
      pg_close (&self->parent);
      return NULL;
    }

  pg_set_answer_cancellable (&self->parent, NULL);
  return &self->parent;
}

/* Whether @line (trimmed) of a connection service file opens a section. */
static gboolean
service_section (const char  *line,
                 char       **name)
{
  size_t len = strlen (line);

  if (len < 2 || line[0] != '[' || line[len - 1] != ']')
    return FALSE;
  *name = g_strndup (line + 1, len - 2);
  return TRUE;
}

/* The settings of @service in the connection service file at @path, as libpq reads it
 * (lines of key=value under [service], # comments), or %NULL when the file cannot be read or
 * has no such service. A file larger than libpq would sensibly hold is not read. */
static GHashTable *
read_service (const char *path,
              const char *service)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) settings = NULL;
  gboolean in_service = FALSE;
  GStatBuf st;

  if (path == NULL || path[0] == '\0' || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode)
      || st.st_size > 1024 * 1024 || !g_file_get_contents (path, &text, &length, NULL)
      || memchr (text, '\0', length) != NULL)
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      char *line = g_strstrip (*l);
      g_autofree char *section = NULL;
      char *eq;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (service_section (line, &section))
        {
          if (in_service)
            break;  /* the service's section ends where the next begins */
          in_service = g_str_equal (section, service);
          if (in_service)
            settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          continue;
        }
      if (!in_service || (eq = strchr (line, '=')) == NULL)
        continue;
      /* As libpq: no spaces around '=' (it refuses a key with them). */
      *eq = '\0';
      g_hash_table_replace (settings, g_strdup (line), g_strdup (eq + 1));
    }
  return g_steal_pointer (&settings);
}

/* The settings of @service as libpq finds them: in $PGSERVICEFILE (else ~/.pg_service.conf),
 * else in pg_service.conf in $PGSYSCONFDIR (else libpq's own folder). */
static GHashTable *
find_service (const char *service)
{
  const char *user_file = g_getenv ("PGSERVICEFILE");
  const char *sysconfdir = g_getenv ("PGSYSCONFDIR");
  g_autofree char *home_file = NULL;
  g_autofree char *system_file = NULL;
  GHashTable *settings;

  if (user_file == NULL)
    user_file = home_file = g_build_filename (g_get_home_dir (), ".pg_service.conf", NULL);
  settings = read_service (user_file, service);
  if (settings != NULL)
    return settings;
  if (sysconfdir == NULL)
    sysconfdir = FASCIA_PG_SYSCONFDIR;
  if (sysconfdir[0] == '\0')
    return NULL;
  system_file = g_build_filename (sysconfdir, "pg_service.conf", NULL);
  return read_service (system_file, service);
}

/* The name a connection to @conninfo has, found without connecting, so that it is the same
 * whether or not the server answers (the journal of edits kept while it is away is named by
 * it): its first host (else its service's, else $PGHOST, else this computer's socket) and
 * its database (else its service's, else $PGDATABASE, else the login's name), as libpq fills
 * them in. Never a password. */
static char *
name_of (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  PQconninfoOption *defaults = PQconndefaults ();
  const char *dbname = NULL, *user = NULL, *host = NULL, *hostaddr = NULL;
  const char *service = NULL;
  g_autoptr(GHashTable) service_settings = NULL;
  g_autofree char *first_host = NULL;
  char *name;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (o->val != NULL && o->val[0] != '\0')
      {
        if (g_str_equal (o->keyword, "dbname"))
          dbname = o->val;
        else if (g_str_equal (o->keyword, "user"))
          user = o->val;
        else if (g_str_equal (o->keyword, "host"))
          host = o->val;
        else if (g_str_equal (o->keyword, "hostaddr"))
          hostaddr = o->val;
        else if (g_str_equal (o->keyword, "service"))
          service = o->val;
      }
  /* A service's settings come after the string's own, before the environment's. */
  if (service == NULL)
    service = g_getenv ("PGSERVICE");
  if (service != NULL && service[0] != '\0'
      && (service_settings = find_service (service)) != NULL)
    {
      if (dbname == NULL)
        dbname = g_hash_table_lookup (service_settings, "dbname");
      if (user == NULL)
        user = g_hash_table_lookup (service_settings, "user");
      if (host == NULL && hostaddr == NULL)
        {
          host = g_hash_table_lookup (service_settings, "host");
          hostaddr = g_hash_table_lookup (service_settings, "hostaddr");
        }
    }
  for (PQconninfoOption *o = defaults; o != NULL && o->keyword != NULL; o++)
    if (o->val != NULL && o->val[0] != '\0')
      {
        if (dbname == NULL && g_str_equal (o->keyword, "dbname"))
          dbname = o->val;
        else if (user == NULL && g_str_equal (o->keyword, "user"))
          user = o->val;
        else if (host == NULL && hostaddr == NULL && g_str_equal (o->keyword, "host"))
          host = o->val;
      }
  if (dbname == NULL)
    dbname = user != NULL ? user : g_get_user_name ();
  if (host == NULL)
    host = hostaddr;
  if (host != NULL)
    first_host = g_strndup (host, strcspn (host, ","));

  name = g_strdup_printf ("%s on %s", dbname,
                          first_host != NULL && first_host[0] != '\0' && first_host[0] != '/'
                          ? first_host : "this computer");
  PQconninfoFree (options);
  PQconninfoFree (defaults);
  return name;
}

/**
 * fascia_db_postgres_new_unconnected:
 *
 * A connection to @conninfo not made yet: every query fails at once as while the server
 * cannot be reached (%FASCIA_STORE_ERROR_IO), until fascia_db_postgres_adopt() gives it one
 * made elsewhere (in a worker). Nothing is sent, nor is a host name looked up.
 *
 * Returns: (transfer full): the connection, or %NULL with @error when @conninfo is not one.
 */
FasciaDb *
fascia_db_postgres_new_unconnected (const char  *conninfo,
                                    GError     **error)
{
  char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &parse_error);
  PgDb *self;

  if (options == NULL)
    {
      g_autofree char *detail = fascia_text_excerpt (parse_error != NULL ? parse_error
                                                     : "out of memory", -1, 200);

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "Not a clinic server's address: %s", g_strstrip (detail));
      PQfreemem (parse_error);
      return NULL;
    }
  PQconninfoFree (options);

  self = g_new0 (PgDb, 1);
  self->parent.klass = &pg_class;
  self->parent.name = name_of (conninfo);
  self->generation = 1;
  self->conninfo = g_strdup (conninfo);
  self->lock_timeout = 5000;
  self->state = LINK_WAITING;
  self->lost = TRUE;
  return &self->parent;
}

/**
 * fascia_db_postgres_adopt:
 * @db: a connection of fascia_db_postgres_new_unconnected()
 * @from: (transfer full): a connection made to the same database (fascia_db_postgres_open())
 *
 * @db takes @from's connection, and is connected from now on; @from is freed. Called on the
 * thread that uses @db, before fascia_db_keep_connected() or fascia_db_watch_changes().
 */
void
fascia_db_postgres_adopt (FasciaDb *db,
                          FasciaDb *from)
{
  PgDb *self = (PgDb *) db;
  PgDb *other = (PgDb *) from;

  g_return_if_fail (self->link == NULL && self->watch == NULL);

  PQfinish (self->conn);
  self->conn = g_steal_pointer (&other->conn);
  g_free (self->backend_started);
  self->backend_started = g_steal_pointer (&other->backend_started);
  g_free (self->parent.name);
  self->parent.name = g_steal_pointer (&other->parent.name);
  /* Statements prepared meanwhile (none could be) are prepared again, under new names. */
  self->generation = MAX (self->generation, other->generation) + 1;
  self->n_prepared = MAX (self->n_prepared, other->n_prepared);
  self->lock_timeout = other->lock_timeout;
  self->round_trips += other->round_trips;
  self->state = LINK_UP;
  self->lost = FALSE;
  self->unanswered = FALSE;
  self->wait_cancelled = FALSE;
  g_clear_pointer (&self->lost_said, g_free);
  self->begin_due = self->commit_due = self->committed = FALSE;
  pg_close (from);
}
