/* fascia-db.h — the store's seam: one connection and statement API over the SQL engines.
 *
 * The store's shared logic (rows ↔ objects, transactions, change signals) speaks only this;
 * each engine is one file beside it (fascia-db-sqlite.c, fascia-db-postgres.c) and keeps its
 * own machinery (SQLite's PRAGMAs, user_version, schema check and backup API) to itself.
 *
 * SQL given to fascia_db_prepare() uses `?N` (or `?`) placeholders and the subset of SQL both
 * engines read the same way; a new row's id is read with `RETURNING id`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FasciaDb     FasciaDb;

/* Told the share of a long job done (a backup's pages), from the thread doing it. */
typedef void (*FasciaDbProgressFunc) (double   fraction,
                                      gpointer user_data);
typedef struct _FasciaDbStmt FasciaDbStmt;

typedef enum
{
  FASCIA_DB_ENGINE_SQLITE,
  FASCIA_DB_ENGINE_POSTGRESQL,
} FasciaDbEngine;

/* What a step found: a row to read, the end, or an error (set in FASCIA_STORE_ERROR). */
typedef enum
{
  FASCIA_DB_ERROR = -1,
  FASCIA_DB_DONE  = 0,
  FASCIA_DB_ROW   = 1,
} FasciaDbStep;

FasciaDbEngine  fascia_db_get_engine        (FasciaDb      *db);
const char     *fascia_db_get_name          (FasciaDb      *db);
void            fascia_db_close             (FasciaDb      *db);
/* Queries begun on the connection (SELECT or WITH), whatever the engine: for tests that
 * prove a view reads a page at a time. */
guint           fascia_db_get_n_selects     (FasciaDb      *db);

gboolean        fascia_db_exec              (FasciaDb      *db,
                                             const char    *sql,
                                             GError       **error);
gboolean        fascia_db_begin             (FasciaDb      *db,
                                             GError       **error);
gboolean        fascia_db_commit            (FasciaDb      *db,
                                             GError       **error);
void            fascia_db_rollback          (FasciaDb      *db);
void            fascia_db_commit_with_next  (FasciaDb      *db);
gint64          fascia_db_changes           (FasciaDb      *db);

/* @persistent: kept for the life of the connection (hot statements). */
FasciaDbStmt   *fascia_db_prepare           (FasciaDb      *db,
                                             const char    *sql,
                                             gboolean       persistent,
                                             GError       **error);
void            fascia_db_stmt_free         (FasciaDbStmt  *stmt);
/* Back to before the first step, with no value bound. */
void            fascia_db_stmt_reset        (FasciaDbStmt  *stmt);

/* Indexes from 1. Text is not copied: it must live until the statement is reset. */
void            fascia_db_bind_int64        (FasciaDbStmt  *stmt,
                                             int            index,
                                             gint64         value);
void            fascia_db_bind_double       (FasciaDbStmt  *stmt,
                                             int            index,
                                             double         value);
void            fascia_db_bind_text         (FasciaDbStmt  *stmt,
                                             int            index,
                                             const char    *text);
void            fascia_db_bind_null         (FasciaDbStmt  *stmt,
                                             int            index);

FasciaDbStep    fascia_db_step              (FasciaDbStmt  *stmt,
                                             GError       **error);

/* Columns from 0, of the current row. Text is %NULL for NULL; it lives until the next step. */
gint64          fascia_db_column_int64      (FasciaDbStmt  *stmt,
                                             int            column);
double          fascia_db_column_double     (FasciaDbStmt  *stmt,
                                             int            column);
const char     *fascia_db_column_text       (FasciaDbStmt  *stmt,
                                             int            column);
gboolean        fascia_db_column_is_null    (FasciaDbStmt  *stmt,
                                             int            column);

static inline int
fascia_db_column_int (FasciaDbStmt *stmt,
                      int           column)
{
  return (int) fascia_db_column_int64 (stmt, column);
}

/* Another connection's committed change to a row: @table and @change are the nicks of
 * FasciaStoreTable and FasciaStoreChange ("visits", "updated"). */
typedef void (*FasciaDbChangeFunc) (const char *table,
                                    const char *change,
                                    gint64      id,
                                    gint64      client_id,
                                    gpointer    user_data);

/* A source that calls @func for each change other connections commit, read from the
 * connection's socket by the main loop it is attached to; %NULL where the engine has no
 * other writers to hear (a file). */
GSource        *fascia_db_watch_changes     (FasciaDb           *db,
                                             FasciaDbChangeFunc  func,
                                             gpointer            user_data,
                                             GDestroyNotify      destroy,
                                             GError            **error);

/* The connection was lost (@connected FALSE) or made anew (TRUE); or, @refusal not %NULL,
 * the server answered an attempt with a refusal that trying again will not change (the
 * database or the login is no more): no more attempts are made. */
typedef void (*FasciaDbLinkFunc) (gboolean      connected,
                                  const GError *refusal,
                                  gpointer      user_data);

/* Where the connection can be lost (a server): when it is, a new one is made in the
 * background from @context's main loop, with a growing wait between attempts, and @func is
 * told from there, as it is when the connection is back (with the changes watched again) or
 * refused for good. Until then each query fails at once with FASCIA_STORE_ERROR_IO. Nothing
 * for a file. */
void            fascia_db_keep_connected    (FasciaDb           *db,
                                             GMainContext       *context,
                                             FasciaDbLinkFunc    func,
                                             gpointer            user_data);
gboolean        fascia_db_is_connected      (FasciaDb           *db);
/* Why the connection is not connected (the server's silence, or libpq's message, as the
 * query that found it lost said), on one line; %NULL while it is. */
const char     *fascia_db_get_lost_reason   (FasciaDb           *db);

/* How long a connection the window waits on (fascia_db_keep_connected()), and the workers
 * that read for it, wait for a server's answer to a query: after that the connection is
 * given up as if the line had fallen. */
#define FASCIA_DB_WINDOW_ANSWER_TIMEOUT 10000

/* How long a query on @db waits for the server's answer before the connection is given up
 * and the query fails with FASCIA_STORE_ERROR_IO; 0: as long as it takes. Nothing for a
 * file, which has no server to wait for. */
void            fascia_db_set_answer_timeout     (FasciaDb      *db,
                                                  guint          milliseconds);
/* As fascia_db_set_answer_timeout(), but the time runs again from each part of the answer
 * that comes: how long the server may stay silent while a query waits for it, so that a
 * long answer (a whole table read for a backup) that keeps coming is waited for. */
void            fascia_db_set_silence_timeout    (FasciaDb      *db,
                                                  guint          milliseconds);
/* Until set again: a query on @db that waits for the server's answer when @cancellable is
 * cancelled (or was before it was sent) stops waiting at once and fails with
 * G_IO_ERROR_CANCELLED; the connection is given up, since a query on its way cannot be taken
 * back otherwise. %NULL: no cancellable. In a file, a statement waiting for a lock another
 * connection holds (the busy timeout) stops waiting when @cancellable is cancelled and fails
 * with G_IO_ERROR_CANCELLED, having changed nothing. */
void            fascia_db_set_answer_cancellable (FasciaDb      *db,
                                                  GCancellable  *cancellable);

/* The server's session of @db's connection (its process id on PostgreSQL), to tell later on
 * another connection whether what it was doing is over (fascia_db_await_session_end()); 0
 * for a file, whose statements end when they return. */
guint64         fascia_db_get_session            (FasciaDb      *db);
/* On @db, a connection of its own: waits up to @milliseconds for the server's session
 * @session (another connection's, given up while the server had not answered) to end, so
 * that what it was doing is done or undone for good: a COMMIT whose answer did not come is
 * then either in the database or not, and a query can tell which. Fails with
 * FASCIA_STORE_ERROR_IO if the session goes on after that time or the server does not
 * answer. At once for a file. */
gboolean        fascia_db_await_session_end      (FasciaDb      *db,
                                                  guint64        session,
                                                  guint          milliseconds,
                                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaDbStmt, fascia_db_stmt_free)

G_END_DECLS
