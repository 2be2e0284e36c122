/* fascia-store-export.c — what records import and export need of the store beyond its
 * everyday API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-file-utils.h"

#include "fascia-store-private.h"

/*
 * A job that reads the whole clinic for a file (a backup of a clinic server, an export) runs
 * in a worker on a connection of its own, which waits for the server only as long as the job
 * is not cancelled and the server not silent for longer than the job's answer time: a server
 * that takes a query and stops answering (its process hung, its disk stalled) ends the job
 * with the file not written, and Cancel ends it at once, instead of either waiting for the
 * server's answer, which may never come. The connection is then given up (a query on its way
 * cannot be taken back otherwise); it only read, so nothing is lost with it. Nothing of this
 * applies to a file, whose reads wait for no one.
 */

/*
 * fascia_store_open_reader_for:
 * @database: a file's path or a server's connection string
 * @cancellable: (nullable): ends the connection's making, its setup and any wait for the
 *   server's answer at once (%G_IO_ERROR_CANCELLED)
 * @answer_timeout: how long the server may stay silent while a query waits for its answer
 *   (fascia_db_set_silence_timeout()); 0: as long as it takes
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with an error
 */
FasciaStore *
fascia_store_open_reader_for (const char    *database,
                              GCancellable  *cancellable,
                              guint          answer_timeout,
                              GError       **error)
{
  g_autoptr(GCancellable) own = cancellable == NULL ? g_cancellable_new () : NULL;
  FasciaStore *reader;
  FasciaDb *db;

  if (cancellable == NULL)
    cancellable = own;
  reader = fascia_store_open_waiting (database, FASCIA_STORE_OPEN_NO_BACKUP, cancellable,
                                      answer_timeout, error);
  if (reader == NULL)
    return NULL;

  db = fascia_store_get_db (reader);
  fascia_db_set_silence_timeout (db, answer_timeout);
  fascia_store_set_job_answer_timeout (reader, answer_timeout);
  fascia_db_set_answer_cancellable (db, own == NULL ? cancellable : NULL);
  return reader;
}

/*
 * fascia_store_open_reader:
 *
 * As fascia_store_open_reader_for() the database @self has open, with @self's job answer
 * time (FASCIA_STORE_JOB_ANSWER_TIMEOUT). Safe to call from any thread.
 */
FasciaStore *
fascia_store_open_reader (FasciaStore   *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return fascia_store_open_reader_for (fascia_store_get_database (self), cancellable,
                                       fascia_store_get_job_answer_timeout (self), error);
}

/**
 * fascia_store_open_for_job:
 * @database: a file's path or a server's connection string
 *
 * Opens @database, without its daily backup, for a job of the command line (an export, a
 * handout): on a clinic server, the connection's setup and every query wait for the server
 * no longer than a job's answer time (fascia_store_open_reader_for()), so that a silent
 * server ends the command instead of holding it for ever.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with an error
 */
FasciaStore *
fascia_store_open_for_job (const char  *database,
                           GError     **error)
{
  g_return_val_if_fail (database != NULL, NULL);

  return fascia_store_open_reader_for (database, NULL,
                                       fascia_store_default_job_answer_timeout (), error);
}

/* @error, a job's for @path that read on @reader (%NULL: none was opened), says the file
 * was not written and why, on one line: when the connection was lost in the middle (the
 * server silent, or gone), that the records could not all be read, and what cut it. A cancel
 * stays one. */
void
fascia_store_prefix_not_written (GError      **error,
                                 FasciaStore  *reader,
                                 const char   *path)
{
  const char *lost = reader != NULL ? fascia_db_get_lost_reason (fascia_store_get_db (reader))
                                    : NULL;

  if (error == NULL || *error == NULL ||
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (lost != NULL)
    {
      g_clear_error (error);
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                   "“%s” was not written: the records could not all be read from the clinic "
                   "server (%s)", path, lost);
      return;
    }
  g_prefix_error (error, "“%s” was not written: ", path);
}

/* On @store, a new connection to the server, once the job's session has ended: whether the
 * job's transaction (@transaction, its id) was committed. The server keeps every transaction's
 * outcome (txid_status()): committed or aborted; nothing else once its session has ended. */
static gboolean
transaction_was_saved (FasciaStore  *store,
                       gint64        transaction,
                       gboolean     *saved,
                       GError      **error)
{
  g_autoptr(FasciaDbStmt) stmt = NULL;
  const char *status;

  stmt = fascia_db_prepare (fascia_store_get_db (store), "SELECT txid_status (?1)", FALSE,
                            error);
  if (stmt == NULL)
    return FALSE;
  fascia_db_bind_int64 (stmt, 1, transaction);
  if (fascia_db_step (stmt, error) != FASCIA_DB_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                             "the clinic server did not tell how it ended");
      return FALSE;
    }
  status = fascia_db_column_is_null (stmt, 0) ? NULL : fascia_db_column_text (stmt, 0);
  if (g_strcmp0 (status, "committed") != 0 && g_strcmp0 (status, "aborted") != 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                   "the clinic server says it is %s", status != NULL ? status : "unknown");
      return FALSE;
    }
  *saved = g_str_equal (status, "committed");
  return TRUE;
}

/* A cancellable cancelled at a moment (from a thread of its own), so that every wait of a
 * connection made and used with it, its making too, ends by then, however many there are. */
typedef struct
{
  GCancellable *cancellable;
  GMutex        lock;
  GCond         cond;
  gint64        end;   /* monotonic */
  gboolean      done;
  GThread      *thread;
} Deadline;

static gpointer
deadline_thread (gpointer data)
{
  Deadline *deadline = data;

  g_mutex_lock (&deadline->lock);
  while (!deadline->done)
    if (!g_cond_wait_until (&deadline->cond, &deadline->lock, deadline->end) &&
        g_get_monotonic_time () >= deadline->end)
      {
        g_cancellable_cancel (deadline->cancellable);
        break;
      }
  g_mutex_unlock (&deadline->lock);
  return NULL;
}

static void
deadline_start (Deadline *deadline,
                guint     milliseconds)
{
  deadline->cancellable = g_cancellable_new ();
  g_mutex_init (&deadline->lock);
  g_cond_init (&deadline->cond);
  deadline->end = g_get_monotonic_time () + (gint64) milliseconds * 1000;
  deadline->done = FALSE;
  deadline->thread = g_thread_new ("fascia-deadline", deadline_thread, deadline);
}

/* The milliseconds left until @deadline, at least 1. */
static guint
deadline_left (Deadline *deadline)
{
  gint64 left = (deadline->end - g_get_monotonic_time ()) / 1000;

  return (guint) CLAMP (left, 1, G_MAXUINT);
}

static void
deadline_stop (Deadline *deadline)
{
  g_mutex_lock (&deadline->lock);
  deadline->done = TRUE;
  g_cond_signal (&deadline->cond);
  g_mutex_unlock (&deadline->lock);
  g_thread_join (deadline->thread);
  g_mutex_clear (&deadline->lock);
  g_cond_clear (&deadline->cond);
  g_clear_object (&deadline->cancellable);
}

/*
 * settle_commit:
 * @database: the database a job wrote to
 * @answer_timeout: the job's answer time: how long to wait for the job's session to end, and
 *   for the server's answers meanwhile
 * @session: the job's session on the server (fascia_db_get_session())
 * @transaction: the job's transaction (txid_current())
 * @what: the job, for the messages: "the import"
 * @not_saved: what the user is told when it was not: "nothing was imported"
 * @unknown: what the user is told when it cannot be told yet
 * @error: the COMMIT's error on entry (the server did not answer it, or the connection fell)
 *
 * A job's COMMIT went unanswered: it may have been done on the server or not. On a new
 * connection, once the job's session on the server has ended (so that its transaction is
 * done or undone for good), the server tells which. All of it (the connection's making and
 * setup, the wait for the session's end, the question) takes no longer than @answer_timeout
 * in all, so that a job's COMMIT and the look into it take no more than twice the job's
 * answer time, within the bound a closing window waits for a job (65 s, for 30 s). Returns
 * %TRUE if it was saved, with @error cleared; else @error says, on one line, that it was
 * not (@not_saved), or that it cannot be told yet (@unknown, %FASCIA_STORE_ERROR_UNSETTLED:
 * the server still silent, or the session still going on).
 */
static gboolean
settle_commit (const char  *database,
               guint        answer_timeout,
               guint64      session,
               gint64       transaction,
               const char  *what,
               const char  *not_saved,
               const char  *unknown,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  Deadline deadline = { 0 };
  gboolean told;
  gboolean saved = FALSE;
  char *message;

  g_return_val_if_fail (error != NULL && *error != NULL, FALSE);

  if (answer_timeout > 0)
    deadline_start (&deadline, answer_timeout);
  store = fascia_store_open_reader_for (database, deadline.cancellable, answer_timeout,
                                        &local_error);
  told = store != NULL &&
         fascia_db_await_session_end (fascia_store_get_db (store), session,
                                      answer_timeout > 0 ? deadline_left (&deadline) : 0,
                                      &local_error) &&
         transaction_was_saved (store, transaction, &saved, &local_error);
  if (store != NULL)
    fascia_store_close (store);
  if (answer_timeout > 0)
    {
      /* Cut short at the end of its time, the look says so, not that it was cancelled. */
      if (!told && g_cancellable_is_cancelled (deadline.cancellable) &&
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO,
                       "the clinic server did not tell in %u s", (answer_timeout + 999) / 1000);
        }
      deadline_stop (&deadline);
    }
  if (told)
    {
      if (saved)
        {
          g_clear_error (error);
          return TRUE;
        }
      message = g_strdup_printf ("The clinic server did not answer as %s was saved, and it "
                                 "was not: %s (%s)", what, not_saved, (*error)->message);
      g_free ((*error)->message);
      (*error)->message = message;
      return FALSE;
    }

  g_clear_error (error);
  g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED,
               "The clinic server did not answer as %s was saved: %s (%s)", what, unknown,
               local_error->message);
  return FALSE;
}

/*
 * fascia_store_watch_commit:
 * @check: (out): what fascia_store_check_commit() needs
 *
 * Inside a job's transaction on @store, just before its COMMIT: on a clinic server, notes the
 * transaction's id and the job's session, so that a COMMIT the server leaves unanswered can be
 * looked into; and takes the cancellable from the connection, as a COMMIT cut short by a
 * cancel could not tell whether it was done (past this point the job is too late for one).
 * Nothing to note in a file.
 */
gboolean
fascia_store_watch_commit (FasciaStore        *store,
                           FasciaCommitCheck  *check,
                           GError            **error)
{
  FasciaDb *db = fascia_store_get_db (store);
  g_autoptr(FasciaDbStmt) stmt = NULL;

  check->transaction = 0;
  check->session = 0;
  if (fascia_db_get_engine (db) != FASCIA_DB_ENGINE_SQLITE)
    {
      stmt = fascia_db_prepare (db, "SELECT txid_current ()", FALSE, error);
      if (stmt == NULL || fascia_db_step (stmt, error) != FASCIA_DB_ROW)
        return FALSE;
      check->transaction = fascia_db_column_int64 (stmt, 0);
    }
  fascia_db_set_answer_cancellable (db, NULL);
  check->session = fascia_db_get_session (db);
  return TRUE;
}

/*
 * fascia_store_check_commit:
 * @check: from fascia_store_watch_commit() before the COMMIT
 * @what, @not_saved, @unknown: as settle_commit()
 * @error: the COMMIT's error on entry
 *
 * The COMMIT of a job's transaction on @store failed. If the clinic server left it unanswered
 * (the connection given up for want of an answer, or fallen), it may have been done: a new
 * connection tells which, once the job's session on the server has ended
 * (settle_commit()). Returns %TRUE if it was done, with @error cleared; else
 * @error says plainly, on one line, whether it was not, or cannot be told yet.
 */
gboolean
fascia_store_check_commit (FasciaStore              *store,
                           const FasciaCommitCheck  *check,
                           const char               *what,
                           const char               *not_saved,
                           const char               *unknown,
                           GError                  **error)
{
  g_return_val_if_fail (error != NULL && *error != NULL, FALSE);

  return check->transaction != 0 && check->session != 0 &&
         g_error_matches (*error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO) &&
         settle_commit (fascia_store_get_database (store),
                        fascia_store_get_job_answer_timeout (store), check->session,
                        check->transaction, what, not_saved, unknown, error);
}

/**
 * fascia_store_export_file:
 * @path: the file to write, replaced if it exists
 * @read: makes what @path is to hold, from the store it is given (a connection of its own)
 * @cancellable: (nullable): stops the export, even while the server is silent; nothing is
 *   written then
 *
 * For a worker thread: runs @read on a connection of its own to the database @self has open
 * (made as fascia_store_open_reader() makes it) and writes what it gives to @path through a
 * fresh temporary file, renamed over @path only when whole. On an error or a cancel, nothing
 * is written and a file at @path is left as it was; the error names @path.
 *
 * Returns: %TRUE if @path was written.
 */
gboolean
fascia_store_export_file (FasciaStore           *self,
                          const char            *path,
                          FasciaStoreExportFunc  read,
                          gpointer               data,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(FasciaStore) reader = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean written;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader = fascia_store_open_reader (self, cancellable, error);
  if (reader != NULL)
    {
      const char *lost;

      bytes = read (reader, cancellable, data, error);
      /* A list reads its rows as they are asked for, and shows a row it could not read
       * empty: rows read after the connection was lost (cut for the server's silence, or as
       * the export was cancelled) are not what the records hold, and are not written. */
      lost = fascia_db_get_lost_reason (fascia_store_get_db (reader));
      if (bytes != NULL && lost != NULL)
        {
          g_clear_pointer (&bytes, g_bytes_unref);
          if (!g_cancellable_set_error_if_cancelled (cancellable, error))
            g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO, lost);
        }
    }

  /* Nothing is written once cancelled, and nothing half: a fresh file, renamed when whole. */
  written = bytes != NULL && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
            fascia_file_write_contents (path, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes), FASCIA_FILE_WRITE_PRIVATE,
                                        error);
  if (!written)
    fascia_store_prefix_not_written (error, reader, path);
  if (reader != NULL)
    fascia_store_close (reader);
  return written;
}

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
