/* fascia-store.c — opening the client database, transactions, change signals, errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-paths.h"

#include "fascia-db-postgres.h"
#include "fascia-paged-list.h"
#include "fascia-db-sqlite.h"
#include "fascia-client-list.h"
#include "fascia/fascia-store-journal.h"
#include "fascia-store-private.h"

/**
 * FasciaStore:
 *
 * The client database. It owns the only SQLite connection to the file, holds all the SQL,
 * maps rows to model objects (#FasciaClient, #FasciaPlan, …) and emits #FasciaStore::changed
 * after every committed change, so that views update instead of reloading.
 *
 * Every call that changes data is one transaction (`BEGIN IMMEDIATE … COMMIT`, rolled back on
 * any error): it is saved entirely or not at all. The file is opened in WAL mode with
 * `synchronous=FULL`, so that a committed change survives a crash or a power cut.
 */
struct _FasciaStore
{
  GObject                 parent_instance;

  /* Owned */
  char                   *path;
  char                   *database;  /* as given to open: a file or a connection string */
  FasciaDb               *db;
  GHashTable             *statements;
  GArray                 *pending;
  gpointer                validator_data;
  GDestroyNotify          validator_destroy;
  GError                 *backup_warning;
  GSource                *watch;
  FasciaJournal          *journal;  /* unsaved edits while a server cannot be reached */
  FasciaStoreCounter     *counter;  /* the connection of the counts in the background */
  FasciaStoreCounter     *keeper;   /* the connection searches are read for keeping on */
  GCancellable           *connecting;  /* the first connection, made in a worker
                                        * (fascia_store_open_in_background()) */

  /* Borrowed */
  FasciaStoreIdValidator  validator;

  int                     schema_version;
  FasciaStoreAccess       access;
  FasciaStoreCapabilities capabilities;
  char                   *contact_columns;  /* FASCIA_CLIENT_COLUMNS as the front desk reads them */
  char                   *author;  /* who this store's changes are by: the login */
  guint                   in_transaction : 1;
  guint                   is_demo : 1;
  guint                   in_batch : 1;
  guint                   batch_failed : 1;
  guint                   watch_wanted : 1;  /* watch_others() before the first connection */
  guint                   job_answer_timeout;  /* a reading job's connection's, milliseconds */
};

typedef struct
{
  FasciaStoreTable  table;
  FasciaStoreChange change;
  gint64            id;
  gint64            client_id;
} PendingChange;

G_DEFINE_FINAL_TYPE (FasciaStore, fascia_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (fascia-store-error-quark, fascia_store_error)

enum {
  CHANGED,
  OPEN_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fascia_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FasciaStore *self = FASCIA_STORE (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, fascia_store_is_connected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_store_dispose (GObject *object)
{
  FasciaStore *self = FASCIA_STORE (object);

  fascia_store_close (self);

  G_OBJECT_CLASS (fascia_store_parent_class)->dispose (object);
}

static void
fascia_store_finalize (GObject *object)
{
  FasciaStore *self = FASCIA_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->contact_columns, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_error (&self->backup_warning);
  g_clear_pointer (&self->journal, fascia_journal_free);

  G_OBJECT_CLASS (fascia_store_parent_class)->finalize (object);
}

static void
fascia_store_class_init (FasciaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fascia_store_dispose;
  object_class->finalize = fascia_store_finalize;
  object_class->get_property = fascia_store_get_property;

  /**
   * FasciaStore:connected:
   *
   * Whether the database can be reached: always for a file; for a clinic server, %FALSE from
   * when a query or the watch of others' changes (fascia_store_watch_others()) finds the
   * connection lost until it is made anew in the background. Notified from the main loop.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FasciaStore::changed:
   * @self: the store
   * @table: the table that changed; its nick (`clients`, `visits`, …) is the detail
   * @change: what happened to the row
   * @id: the row, or 0 with %FASCIA_STORE_CHANGE_RELOAD
   * @client_id: the client the row belongs to, or 0 when it belongs to none (study results)
   *   or to many
   *
   * Emitted after a change is committed, once per row, never for a change that was rolled
   * back. Connect to `changed::visits` to hear only about visits.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 4,
                  FASCIA_TYPE_STORE_TABLE,
                  FASCIA_TYPE_STORE_CHANGE,
                  G_TYPE_INT64,
                  G_TYPE_INT64);

  /**
   * FasciaStore::open-failed:
   * @self: the store
   * @error: why
   *
   * A store of fascia_store_open_in_background() reached its server, which would not open
   * as a clinic database (one of a newer Fascia, a login without the grants to read it, or a
   * database or login the server does not have): it stays unconnected and is tried no more.
   * Emitted too when a connection lost is refused so when it is made anew (the database or
   * the login was removed meanwhile). Emitted from the main loop.
   */
  signals[OPEN_FAILED] =
    g_signal_new ("open-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR);
}

static void
fascia_store_init (FasciaStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) fascia_db_stmt_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->job_answer_timeout = fascia_store_default_job_answer_timeout ();
}

static char *
backup_dir_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_build_filename (dir, "backups", NULL);
}

/* Statements */

void
fascia_store_stmt_release (FasciaStoreStmt *stmt)
{
  fascia_db_stmt_reset (stmt);
}

static FasciaStoreStmt *
prepare_kept (FasciaStore  *self,
              const char   *sql,
              gboolean      persistent,
              GError      **error)
{
  FasciaDbStmt *stmt;

  g_assert (FASCIA_IS_STORE (self));

  if (self->db == NULL)
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                           "The database is closed");
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  /* The front desk reads a client's contact columns and, in place of the rest, their empty
   * values: the same columns in the same places for the code that reads them. */
  if (self->access == FASCIA_STORE_ACCESS_CONTACTS && strstr (sql, FASCIA_CLIENT_COLUMNS) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (sql, FASCIA_CLIENT_COLUMNS, -1);
      g_autofree char *contact_sql = g_strjoinv (self->contact_columns, parts);

      stmt = fascia_db_prepare (self->db, contact_sql, persistent, error);
    }
  else
    stmt = fascia_db_prepare (self->db, sql, persistent, error);
  if (stmt == NULL)
    return NULL;

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/*
 * fascia_store_prepare:
 * @sql: a string literal; the statement is prepared once per store and kept, keyed by the
 *   address of @sql
 *
 * Returns: (transfer none): the statement, to be held in a g_autoptr(FasciaStoreStmt).
 */
FasciaStoreStmt *
fascia_store_prepare (FasciaStore  *self,
                      const char   *sql,
                      GError      **error)
{
  return prepare_kept (self, sql, TRUE, error);
}

/*
 * fascia_store_prepare_planned:
 * @sql: as for fascia_store_prepare()
 *
 * Like fascia_store_prepare(), for a statement whose best plan depends on the values bound:
 * the client search, where a term most clients hold is best found by walking the name index
 * in list order and a rare one by the trigram index. On a clinic server it is planned for its
 * values each time it runs (an unnamed statement: no round trip more), never by the generic
 * plan the server takes for a prepared statement from its sixth run, which chose the trigram
 * index for every term and, for a term all 100,000 clients held, read and sorted them all
 * (184 ms against 0.5 ms). On SQLite, which plans a statement when it is prepared, the same
 * as fascia_store_prepare().
 */
FasciaStoreStmt *
fascia_store_prepare_planned (FasciaStore  *self,
                              const char   *sql,
                              GError      **error)
{
  return prepare_kept (self, sql,
                       self->db == NULL
                       || fascia_db_get_engine (self->db) != FASCIA_DB_ENGINE_POSTGRESQL,
                       error);
}

/**
 * fascia_store_step_changed:
 * @what: what the statement changes, for the message when it changed nothing ("plan")
 * @id: the id of the row it should have changed
 *
 * Runs an UPDATE or DELETE of one row that must exist.
 *
 * Returns: %TRUE if it changed a row; else %FALSE with %FASCIA_STORE_ERROR_NOT_FOUND or
 *   the SQLite error.
 */
gboolean
fascia_store_step_changed (FasciaStore      *self,
                           FasciaStoreStmt  *stmt,
                           const char       *what,
                           gint64            id,
                           GError          **error)
{
  if (!fascia_store_step_done (self, stmt, error))
    return FALSE;

  if (fascia_db_changes (self->db) == 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   "There is no %s %" G_GINT64_FORMAT, what, id);
      return FALSE;
    }

  return TRUE;
}

/**
 * fascia_store_set_conflict:
 * @table: %FASCIA_STORE_TABLE_CLIENTS, %FASCIA_STORE_TABLE_PLANS or %FASCIA_STORE_TABLE_VISITS
 * @what: what the row is, for the messages ("visit")
 * @id: the row, which was saved by someone else since its editor read it
 *
 * Returns: %FALSE, with %FASCIA_STORE_ERROR_CONFLICT saying by whom (where the database
 *   knows) and when, or %FASCIA_STORE_ERROR_NOT_FOUND when the row is gone.
 */
gboolean
fascia_store_set_conflict (FasciaStore       *self,
                           FasciaStoreTable   table,
                           const char        *what,
                           gint64             id,
                           GError           **error)
{
  static const char clients_sql[] =
    "SELECT updated_by, updated_at FROM clients WHERE id = ?1 AND deleted_at IS NULL";
  static const char plans_sql[] =
    "SELECT updated_by, updated_at FROM plans WHERE id = ?1 AND deleted_at IS NULL";
  static const char visits_sql[] =
    "SELECT updated_by, updated_at FROM visits WHERE id = ?1 AND deleted_at IS NULL";
  g_autoptr(FasciaStoreStmt) current = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  const char *who;
  FasciaDbStep step;

  current = fascia_store_prepare (self, table == FASCIA_STORE_TABLE_CLIENTS ? clients_sql
                                        : table == FASCIA_STORE_TABLE_PLANS ? plans_sql
                                        : visits_sql, error);
  if (current == NULL)
    return FALSE;

  fascia_db_bind_int64 (current, 1, id);
  step = fascia_db_step (current, error);
  if (step == FASCIA_DB_ERROR)
    return FALSE;
  if (step == FASCIA_DB_DONE)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   "There is no %s %" G_GINT64_FORMAT, what, id);
      return FALSE;
    }

  who = fascia_store_column_text (current, 0);
  when = fascia_store_column_datetime (current, 1);
  time = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");
  if (who != NULL && *who != '\0')
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT,
                 "The %s was changed by %s at %s since it was opened; nothing was saved",
                 what, who, time);
  else
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT,
                 "The %s was changed at %s since it was opened; nothing was saved",
                 what, time);
  return FALSE;
}

/**
 * fascia_store_step_revised:
 * @id: the id of the row it should have changed
 *
 * Runs an UPDATE of one row guarded by the revision its editor read (`… WHERE id = ?1 AND
 * revision = ?N`, with `revision = revision + 1` among what it sets).
 *
 * Returns: %TRUE if it changed the row; else %FALSE with fascia_store_set_conflict()'s error,
 *   or the database's.
 */
gboolean
fascia_store_step_revised (FasciaStore       *self,
                           FasciaStoreStmt   *stmt,
                           FasciaStoreTable   table,
                           const char        *what,
                           gint64             id,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!fascia_store_step_done (self, stmt, &local_error))
    {
      /* Saved by another connection while this one waited for the row (the server's
       * serialization failure): the transaction is spoilt, so it ends here, and who saved
       * it is read after. Inside a batch, the batch fails with the error as it is. */
      if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT) &&
          !self->in_batch)
        {
          fascia_db_rollback (self->db);
          return fascia_store_set_conflict (self, table, what, id, error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (fascia_db_changes (self->db) != 0)
    return TRUE;

  return fascia_store_set_conflict (self, table, what, id, error);
}

/*
 * On a clinic server a change can fail as a conflict (40001) with no row of its own changed by
 * anyone: every add, archive and delete of a client also updates the row that counts the
 * clients of its slot (sql-postgresql/011, one row for each 64th of the ids), shared with
 * whatever else is changed at that moment, and in REPEATABLE READ an update of a row another
 * connection changed since the transaction began fails. A therapist archiving a client while
 * another adds one 64 ids on was told "Someone else saved this at the same moment; nothing was
 * saved" for a change nobody else made. The changes that update those rows and only rows of
 * their own (adding a client, archiving or deleting one, each its own transaction) are run
 * again on a conflict, a few times: a change of a row someone else changed meanwhile is then
 * made on what they saved, as it would have been a moment later. Never inside a batch, whose
 * one transaction is the caller's.
 */
#define CONFLICT_ATTEMPTS 5

gboolean
fascia_store_retry_conflict (FasciaStore  *self,
                             guint         attempt,
                             GError      **error)
{
  g_return_val_if_fail (error != NULL && *error != NULL, FALSE);

  if (self->in_batch || attempt >= CONFLICT_ATTEMPTS ||
      !g_error_matches (*error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT))
    return FALSE;

  g_debug ("Tried again after a conflict on the clinic server (attempt %u): %s", attempt,
           (*error)->message);
  g_clear_error (error);
  /* The other transaction is committing: a moment, longer each time. */
  g_usleep (attempt * 2 * G_TIME_SPAN_MILLISECOND);
  return TRUE;
}

/**
 * fascia_store_query_one:
 * @sql: a query whose `?1` is @id
 * @what: what a row is, for the message when there is none ("pain mark")
 *
 * Returns: (transfer full): the first row mapped by @from_row, or %NULL with
 *   %FASCIA_STORE_ERROR_NOT_FOUND or the SQLite error.
 */
gpointer
fascia_store_query_one (FasciaStore         *self,
                        const char          *sql,
                        gint64               id,
                        FasciaStoreRowFunc   from_row,
                        const char          *what,
                        GError             **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep step;

  if (stmt == NULL)
    return NULL;

  fascia_db_bind_int64 (stmt, 1, id);
  step = fascia_db_step (stmt, error);
  if (step == FASCIA_DB_ROW)
    return from_row (stmt);

  if (step == FASCIA_DB_DONE)
    g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                 "There is no %s %" G_GINT64_FORMAT, what, id);

  return NULL;
}

/**
 * fascia_store_query_list:
 * @sql: a query whose `?1` is @key
 * @item_type: the type @from_row returns
 *
 * Returns: (transfer full): a #GListModel of every row mapped by @from_row, in the
 *   query's order, or %NULL with the SQLite error.
 */
GListModel *
fascia_store_query_list (FasciaStore         *self,
                         const char          *sql,
                         gint64               key,
                         GType                item_type,
                         FasciaStoreRowFunc   from_row,
                         GError             **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  g_autoptr(GListStore) items = NULL;
  FasciaDbStep step;

  if (stmt == NULL)
    return NULL;

  items = g_list_store_new (item_type);
  fascia_db_bind_int64 (stmt, 1, key);
  while ((step = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      g_autoptr(GObject) item = from_row (stmt);

      g_list_store_append (items, item);
    }

  if (step == FASCIA_DB_ERROR)
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&items));
}

typedef struct
{
  FasciaStore        *store;
  const char         *page_sql;  /* a string literal: statements are kept by its address */
  gint64              key;
  FasciaStoreRowFunc  from_row;
} PagedQuery;

static void
paged_query_free (gpointer data)
{
  PagedQuery *query = data;

  g_object_unref (query->store);
  g_free (query);
}

static gboolean
fetch_paged (gpointer        user_data,
             guint           offset,
             guint           limit,
             gconstpointer   after,
             GPtrArray      *items,
             gpointer       *cursor,
             GError        **error)
{
  PagedQuery *query = user_data;
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (query->store, query->page_sql, error);
  FasciaDbStep step;

  *cursor = NULL;
  if (stmt == NULL)
    return FALSE;

  fascia_db_bind_int64 (stmt, 1, query->key);
  fascia_db_bind_int64 (stmt, 2, limit);
  fascia_db_bind_int64 (stmt, 3, offset);
  while ((step = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    g_ptr_array_add (items, query->from_row (stmt));

  if (step != FASCIA_DB_DONE)
    return fascia_store_step_failed (step, error);

  return TRUE;
}

/**
 * fascia_store_query_paged:
 * @first_sql: reads the first page as @page_sql does, with the count of all the rows in
 *   column @count_column of each
 * @page_sql: (not nullable): a string literal that reads the rows in order, `?1` being @key,
 *   `?2` the LIMIT and `?3` the OFFSET
 * @item_type: the type @from_row returns
 *
 * As fascia_store_query_list(), but the list reads a page at a time as they are asked for
 * (#FasciaPagedList): the first, with the count, in one query when the list is made (on a
 * clinic server each query is a round trip), the others as they are asked for.
 *
 * Returns: (transfer full): the list, or %NULL with the error.
 */
GListModel *
fascia_store_query_paged (FasciaStore         *self,
                          const char          *first_sql,
                          int                  count_column,
                          const char          *page_sql,
                          gint64               key,
                          GType                item_type,
                          FasciaStoreRowFunc   from_row,
                          GError             **error)
{
  PagedQuery *query = g_new0 (PagedQuery, 1);

  query->store = g_object_ref (self);
  query->page_sql = page_sql;
  query->key = key;
  query->from_row = from_row;

  return fascia_store_paged_with_first (self, first_sql, count_column, key, item_type,
                                        from_row, fetch_paged, query, paged_query_free, error);
}

/*
 * fascia_store_paged_with_first:
 * @first_sql: reads the first page (`?1` being @key, `?2` the LIMIT, `?3` the OFFSET, 0),
 *   with the count of all the rows in column @count_column of each row; it may read the whole
 *   list instead where it has at most `?4` rows (%FASCIA_PAGED_LIST_WHOLE_UP_TO on a clinic
 *   server, where the round trips of the other pages cost more than the rows; on SQLite the
 *   page size, so that it reads a page)
 * @fetch: reads the later pages, with @user_data (taken, freed with @user_data_free)
 *
 * A #FasciaPagedList whose count and first page came in one query.
 *
 * Returns: (transfer full): the list, or %NULL with the error.
 */
GListModel *
fascia_store_paged_with_first (FasciaStore           *self,
                               const char            *first_sql,
                               int                    count_column,
                               gint64                 key,
                               GType                  item_type,
                               FasciaStoreRowFunc     from_row,
                               FasciaPagedListFetch   fetch,
                               gpointer               user_data,
                               GDestroyNotify         user_data_free,
                               GError               **error)
{
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, first_sql, error);
  g_autoptr(GPtrArray) first = NULL;
  FasciaDbStep step;
  guint n = 0;

  if (stmt == NULL)
    {
      user_data_free (user_data);
      return NULL;
    }

  first = g_ptr_array_new_with_free_func (g_object_unref);
  fascia_db_bind_int64 (stmt, 1, key);
  fascia_db_bind_int64 (stmt, 2, FASCIA_PAGED_LIST_PAGE_SIZE);
  fascia_db_bind_int64 (stmt, 3, 0);
  fascia_db_bind_int64 (stmt, 4, fascia_db_get_engine (self->db) == FASCIA_DB_ENGINE_POSTGRESQL
                                 ? FASCIA_PAGED_LIST_WHOLE_UP_TO : FASCIA_PAGED_LIST_PAGE_SIZE);
  while ((step = fascia_db_step (stmt, error)) == FASCIA_DB_ROW)
    {
      n = (guint) CLAMP (fascia_db_column_int64 (stmt, count_column), 0, G_MAXUINT - 1);
      g_ptr_array_add (first, from_row (stmt));
    }
  if (step != FASCIA_DB_DONE)
    {
      fascia_store_step_failed (step, error);
      user_data_free (user_data);
      return NULL;
    }

  return G_LIST_MODEL (fascia_paged_list_new_with_first_page (item_type, n,
                                                              g_steal_pointer (&first),
                                                              fetch, user_data,
                                                              user_data_free, NULL));
}

gboolean
fascia_store_step_done (FasciaStore      *self,
                        FasciaStoreStmt  *stmt,
                        GError          **error)
{
  return fascia_db_step (stmt, error) != FASCIA_DB_ERROR;
}

/* After a step that gave no row where one was needed: the step has set @error if it failed;
 * else it is set here. Returns %FALSE. */
gboolean
fascia_store_step_failed (FasciaDbStep   step,
                          GError       **error)
{
  if (step != FASCIA_DB_ERROR)
    g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                         "Database error: a query gave no row");
  return FALSE;
}

/* Runs a query that must give a row; none is an error of the database, not of the caller. */
gboolean
fascia_store_step_row (FasciaStore      *self,
                       FasciaStoreStmt  *stmt,
                       GError          **error)
{
  switch (fascia_db_step (stmt, error))
    {
    case FASCIA_DB_ROW:
      return TRUE;
    case FASCIA_DB_DONE:
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "Database error in “%s”: a query gave no row", self->path);
      return FALSE;
    case FASCIA_DB_ERROR:
    default:
      return FALSE;
    }
}

/* Runs an `INSERT … RETURNING id` to its end and gives the new row's id. To the end: SQLite
 * reports a failed write (a full disk) only when the statement finishes. */
gboolean
fascia_store_step_id (FasciaStore      *self,
                      FasciaStoreStmt  *stmt,
                      gint64           *id,
                      GError          **error)
{
  if (!fascia_store_step_row (self, stmt, error))
    return FALSE;

  *id = fascia_db_column_int64 (stmt, 0);

  return fascia_db_step (stmt, error) != FASCIA_DB_ERROR;
}

/* Transactions and change signals */

gboolean
fascia_store_begin (FasciaStore  *self,
                    GError      **error)
{
  /* Inside a batch, each change joins the batch's one transaction. */
  if (self->in_batch)
    return TRUE;

  g_assert (!self->in_transaction);

  if (self->db == NULL)
    {
      g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                           "The database is closed");
      return FALSE;
    }

  if (!fascia_db_begin (self->db, error))
    return FALSE;

  self->in_transaction = TRUE;
  g_array_set_size (self->pending, 0);
  return TRUE;
}

/* Who saved each client, plan and visit this transaction added or changed, as a clinic
 * server's trigger stamps its login (sql-postgresql/007-revisions.sql): in a file, the
 * computer's user (fascia_store_get_author()), so that a conflict says who on both engines.
 * An import's rows, announced as one reload, are left as they came. */
static gboolean
stamp_author (FasciaStore  *self,
              GError      **error)
{
  static const char * const sql[] = {
    [FASCIA_STORE_TABLE_CLIENTS] = "UPDATE clients SET updated_by = ?2 WHERE id = ?1",
    [FASCIA_STORE_TABLE_PLANS] = "UPDATE plans SET updated_by = ?2 WHERE id = ?1",
    [FASCIA_STORE_TABLE_VISITS] = "UPDATE visits SET updated_by = ?2 WHERE id = ?1",
  };

  if (fascia_db_get_engine (self->db) != FASCIA_DB_ENGINE_SQLITE)
    return TRUE;

  for (guint i = 0; i < self->pending->len; i++)
    {
      const PendingChange *c = &g_array_index (self->pending, PendingChange, i);
      g_autoptr(FasciaStoreStmt) stmt = NULL;

      if ((c->table != FASCIA_STORE_TABLE_CLIENTS && c->table != FASCIA_STORE_TABLE_PLANS &&
           c->table != FASCIA_STORE_TABLE_VISITS) ||
          (c->change != FASCIA_STORE_CHANGE_ADDED && c->change != FASCIA_STORE_CHANGE_UPDATED) ||
          c->id <= 0)
        continue;

      stmt = fascia_store_prepare (self, sql[c->table], error);
      if (stmt == NULL)
        return FALSE;
      fascia_db_bind_int64 (stmt, 1, c->id);
      fascia_store_bind_text (stmt, 2, fascia_store_get_author (self));
      if (!fascia_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
fascia_store_commit (FasciaStore  *self,
                     GError      **error)
{
  g_autoptr(GArray) changes = NULL;

  g_assert (self->in_transaction);

  if (self->in_batch)
    return TRUE;

  if (!stamp_author (self, error) || !fascia_db_commit (self->db, error))
    {
      fascia_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;

  /* Handlers may call back into the store, so emit from a copy of the queue. */
  changes = g_array_copy (self->pending);
  g_array_set_size (self->pending, 0);

  g_object_ref (self);
  for (guint i = 0; i < changes->len; i++)
    {
      const PendingChange *c = &g_array_index (changes, PendingChange, i);
      const char *nick = fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, c->table);

      g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (nick),
                     c->table, c->change, c->id, c->client_id);
    }
  g_object_unref (self);

  return TRUE;
}

void
fascia_store_rollback (FasciaStore *self)
{
  g_assert (self->in_transaction);

  /* A change that fails inside a batch fails the whole batch. */
  if (self->in_batch)
    {
      self->batch_failed = TRUE;
      return;
    }

  fascia_db_rollback (self->db);

  self->in_transaction = FALSE;
  g_array_set_size (self->pending, 0);
}

/* The next statement is the transaction's last (on a clinic server its COMMIT goes with it,
 * in the same round trip; see fascia_db_commit_with_next()). A caller that then finds it must
 * change more calls fascia_store_begin_again() first. Inside a batch, nothing: the batch
 * commits. */
void
fascia_store_commit_with_next (FasciaStore *self)
{
  g_assert (self->in_transaction);

  if (!self->in_batch)
    fascia_db_commit_with_next (self->db);
}

/* After a statement fascia_store_commit_with_next() announced changed nothing (no change was
 * queued): a transaction of its own for what follows, the one before being over on a server
 * (in a file, it is rolled back, having changed nothing). */
gboolean
fascia_store_begin_again (FasciaStore  *self,
                          GError      **error)
{
  g_assert (self->in_transaction);

  if (self->in_batch)
    return TRUE;

  fascia_db_rollback (self->db);
  self->in_transaction = FALSE;
  g_array_set_size (self->pending, 0);
  return fascia_store_begin (self, error);
}

/*
 * fascia_store_begin_batch:
 *
 * Opens one transaction for many changes made through the store's own functions (an import):
 * until fascia_store_end_batch(), their begin and commit join it, and one failure fails it.
 */
/* A transaction that adds many clients at once (an import, the demo clinic) takes the
 * clinic server's bulk lock first: its clients are counted on many rows of client_counts
 * (sql-postgresql/011), and two such transactions taking those rows in different orders
 * would deadlock; one at a time, they cannot. A single save takes one row and needs no lock.
 * Nothing on a file, which has one writer at a time.
 *
 * Called first in its transaction. Waiting for another import is waiting for its end, which
 * may take minutes, not the few seconds a save waits for a row (lock_timeout): it waits up to
 * ten. And the transaction reads at each statement what is committed (READ COMMITTED), not
 * as it was when it began: begun before the other import ended, it would find the count rows
 * that one changed and be refused as a conflict, and it would look for duplicates among the
 * clients as they were before that import. */
#define BULK_LOCK_SQL \
  "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; " \
  "DO $$ DECLARE usual text := current_setting('lock_timeout'); BEGIN " \
  "PERFORM set_config('lock_timeout', '600000', true); " \
  "PERFORM pg_advisory_xact_lock(1181048131); " \
  "PERFORM set_config('lock_timeout', usual, true); END $$"

/* Runs @sql in the open transaction on a clinic server (nothing on a file); on failure the
 * transaction is rolled back. */
static gboolean
exec_in_server_transaction (FasciaStore  *self,
                            const char   *sql,
                            GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (fascia_db_get_engine (self->db) != FASCIA_DB_ENGINE_POSTGRESQL)
    return TRUE;

  if (fascia_db_exec (self->db, sql, &local_error))
    return TRUE;

  fascia_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
fascia_store_lock_bulk (FasciaStore  *self,
                        GError      **error)
{
  return exec_in_server_transaction (self, BULK_LOCK_SQL, error);
}

/* The transaction of the check before an import, which is rolled back, counts none of the
 * clients it adds (sql-postgresql/018): counting them held every row of client_counts until
 * the check ended, and another therapist's new client waited for it. Nothing on a file. */
gboolean
fascia_store_mark_import_check (FasciaStore  *self,
                                GError      **error)
{
  return exec_in_server_transaction (self,
                                     "SELECT set_config('fascia.import_check', 'on', true)",
                                     error);
}

gboolean
fascia_store_begin_batch (FasciaStore  *self,
                          GError      **error)
{
  g_assert (!self->in_batch);

  if (!fascia_store_begin (self, error) || !fascia_store_lock_bulk (self, error))
    return FALSE;

  self->in_batch = TRUE;
  self->batch_failed = FALSE;
  return TRUE;
}

/*
 * fascia_store_end_batch:
 * @keep: %TRUE to commit the batch, %FALSE to roll it back
 *
 * Returns: %TRUE if the batch was committed; the changed tables are announced as reloaded.
 */
gboolean
fascia_store_end_batch (FasciaStore  *self,
                        gboolean      keep,
                        GError      **error)
{
  gboolean failed = self->batch_failed;

  g_assert (self->in_batch);

  self->in_batch = FALSE;
  self->batch_failed = FALSE;

  if (!keep || failed)
    {
      fascia_store_rollback (self);
      if (keep)
        g_set_error_literal (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                             "A change in the batch failed; nothing was saved");
      return FALSE;
    }

  for (FasciaStoreTable table = FASCIA_STORE_TABLE_CLIENTS;
       table <= FASCIA_STORE_TABLE_STUDY_RESULTS; table++)
    fascia_store_collapse_changes (self, table);

  return fascia_store_commit (self, error);
}

void
fascia_store_queue_change (FasciaStore       *self,
                           FasciaStoreTable   table,
                           FasciaStoreChange  change,
                           gint64             id,
                           gint64             client_id)
{
  PendingChange c = { table, change, id, client_id };

  g_assert (self->in_transaction);

  g_array_append_val (self->pending, c);
}

/* Many rows of one table changed at once (an import): one RELOAD tells views to read the
 * table again, where thousands of ADDED would make them insert row by row. */
#define COLLAPSE_AFTER 100

void
fascia_store_collapse_changes (FasciaStore      *self,
                               FasciaStoreTable  table)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  guint n = 0;

  g_assert (self->in_transaction);

  for (guint i = 0; i < self->pending->len; i++)
    if (g_array_index (self->pending, PendingChange, i).table == table)
      n++;

  if (n <= COLLAPSE_AFTER)
    return;

  for (guint i = 0; i < self->pending->len; i++)
    {
      const PendingChange *c = &g_array_index (self->pending, PendingChange, i);

      if (c->table != table)
        g_array_append_val (kept, *c);
    }

  g_array_set_size (self->pending, 0);
  g_array_append_vals (self->pending, kept->data, kept->len);
  fascia_store_queue_change (self, table, FASCIA_STORE_CHANGE_RELOAD, 0, 0);
}

/* Values */

gint64
fascia_store_now (void)
{
  return g_get_real_time ();
}

void
fascia_store_bind_text (FasciaStoreStmt *stmt,
                        int              index,
                        const char      *text)
{
  fascia_db_bind_text (stmt, index, text != NULL ? text : "");
}

void
fascia_store_bind_text_or_null (FasciaStoreStmt *stmt,
                                int              index,
                                const char      *text)
{
  if (text == NULL || text[0] == '\0')
    fascia_db_bind_null (stmt, index);
  else
    fascia_db_bind_text (stmt, index, text);
}

void
fascia_store_bind_datetime (FasciaStoreStmt *stmt,
                            int              index,
                            GDateTime       *datetime)
{
  if (datetime == NULL)
    fascia_db_bind_null (stmt, index);
  else
    fascia_db_bind_int64 (stmt, index, fascia_store_datetime_to_usec (datetime));
}

const char *
fascia_store_column_text (FasciaStoreStmt *stmt,
                          int              column)
{
  const char *text = fascia_db_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Times are stored as microseconds since 1970 UTC. */
GDateTime *
fascia_store_datetime_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (seconds == NULL)
    return NULL;

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

gint64
fascia_store_datetime_to_usec (GDateTime *datetime)
{
  return g_date_time_to_unix (datetime) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (datetime);
}

GDateTime *
fascia_store_column_datetime (FasciaStoreStmt *stmt,
                              int              column)
{
  if (fascia_db_column_is_null (stmt, column))
    return NULL;

  return fascia_store_datetime_from_usec (fascia_db_column_int64 (stmt, column));
}

const char *
fascia_store_enum_nick (GType type,
                        int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

int
fascia_store_enum_value (GType       type,
                         const char *nick,
                         int         fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return ev != NULL ? ev->value : fallback;
}

gboolean
fascia_store_check_text (const char  *text,
                         gsize        max_length,
                         const char  *what,
                         GError     **error)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length > max_length)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The %s is too long (%" G_GSIZE_FORMAT " bytes; at most %" G_GSIZE_FORMAT ")",
                   what, length, max_length);
      return FALSE;
    }

  if (text != NULL && !g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The %s is not valid UTF-8 text", what);
      return FALSE;
    }

  return TRUE;
}

gboolean
fascia_store_check_range (gint64       value,
                          gint64       min,
                          gint64       max,
                          const char  *what,
                          GError     **error)
{
  if (value < min || value > max)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The %s must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                   ", not %" G_GINT64_FORMAT, what, min, max, value);
      return FALSE;
    }

  return TRUE;
}

/* `YYYY-MM-DD`, a real calendar date in 1800–9999, or "" for none. */
gboolean
fascia_store_check_date (const char  *date,
                         const char  *what,
                         GError     **error)
{
  unsigned year, month, day;
  char tail;

  if (date == NULL || date[0] == '\0')
    return TRUE;

  if (strlen (date) != 10
      || sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
      || date[4] != '-' || date[7] != '-'
      || !g_ascii_isdigit (date[0]) || !g_ascii_isdigit (date[5]) || !g_ascii_isdigit (date[8])
      || year < 1800 || !g_date_valid_dmy (day, month, year))
    {
      g_autofree char *quoted = fascia_text_excerpt (date, -1, FASCIA_EXCERPT_LENGTH);

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "The %s “%s” is not a date written YYYY-MM-DD", what, quoted);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_slug (const char *id)
{
  gboolean after_dash = TRUE;

  if (id == NULL || id[0] == '\0' || strlen (id) > FASCIA_STORE_MAX_SHORT)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (after_dash)
            return FALSE;
          after_dash = TRUE;
        }
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        after_dash = FALSE;
      else
        return FALSE;
    }

  return !after_dash;
}

/* An atlas id must be a slug, and one the atlas knows when a validator is set. */
gboolean
fascia_store_check_id (FasciaStore        *self,
                       FasciaStoreIdKind   kind,
                       const char         *id,
                       GError            **error)
{
  static const char *what[] = { "muscle", "technique", "diagram view" };

  if (!is_slug (id))
    {
      g_autofree char *quoted = fascia_text_excerpt (id, -1, FASCIA_EXCERPT_LENGTH);

      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "“%s” is not a valid %s id", quoted, what[kind]);
      return FALSE;
    }

  if (self->validator != NULL && !self->validator (kind, id, self->validator_data))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "There is no %s “%s” in the atlas", what[kind], id);
      return FALSE;
    }

  return TRUE;
}

/* Opening */

static gboolean
read_demo_flag (FasciaStore  *self,
                GError      **error)
{
  static const char sql[] = "SELECT value FROM meta WHERE key = 'demo'";
  g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, sql, error);
  FasciaDbStep step;

  if (stmt == NULL)
    return FALSE;

  step = fascia_db_step (stmt, error);
  if (step == FASCIA_DB_ERROR)
    return FALSE;

  self->is_demo = step == FASCIA_DB_ROW && g_str_equal (fascia_store_column_text (stmt, 0), "1");
  return TRUE;
}

/* Fascia's versions run from 1 to the latest; 0 is a file not yet made into a database. */
#define MAX_PLAUSIBLE_VERSION 10000

gboolean
fascia_store_check_version (const char  *path,
                            int          app_id,
                            int          version,
                            GError     **error)
{
  int latest = fascia_store_migrate_latest ();

  if ((app_id == FASCIA_STORE_APPLICATION_ID && version < 1) || version < 0 ||
      version > MAX_PLAUSIBLE_VERSION)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_A_DATABASE,
                   "“%s”: schema version %d is not a Fascia version (this one knows 1 to %d). "
                   "It was left as it is.", path, version, latest);
      return FALSE;
    }

  if (version > latest)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_TOO_NEW,
                   "“%s” was saved by a newer version of Fascia (schema %d; this version knows "
                   "up to %d). Update Fascia to open it; the file was left as it is.",
                   path, version, latest);
      return FALSE;
    }

  return TRUE;
}

/**
 * fascia_store_open:
 * @path: the database file, created if it does not exist
 * @error: return location for a #GError in %FASCIA_STORE_ERROR
 *
 * Opens the client database, creating it (mode 0600, in a folder made 0700) if needed,
 * upgrades its schema, and makes the daily backup if none was made today.
 *
 * A file that is not a Fascia database, is damaged, or comes from a newer Fascia is never
 * changed: the error says so and names the backups folder.
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
FasciaStore *
fascia_store_open (const char  *path,
                   GError     **error)
{
  return fascia_store_open_full (path, FASCIA_STORE_OPEN_NONE, error);
}

/**
 * fascia_store_open_full:
 * @path: the database file
 * @flags: what to leave out
 * @error: return location for a #GError
 *
 * Like fascia_store_open().
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
/* What the server's grants let this login read and change, in one query: a client's health
 * notes and the clinical tables, or only the contact details (fascia-store-clinic.c); study
 * results; deleting a client. */
static gboolean
read_access (FasciaStore  *self,
             GError      **error)
{
  static const char sql[] =
    "SELECT has_column_privilege('fascia.clients', 'health_notes', 'SELECT,UPDATE') "
    "AND has_column_privilege('fascia.clients', 'notes', 'SELECT,UPDATE') "
    "AND has_table_privilege('fascia.plans', 'SELECT,INSERT,UPDATE') "
    "AND has_table_privilege('fascia.visits', 'SELECT,INSERT,UPDATE') "
    "AND has_table_privilege('fascia.plan_targets', 'SELECT,INSERT,UPDATE') "
    "AND has_table_privilege('fascia.home_exercises', 'SELECT,INSERT,UPDATE') "
    "AND has_table_privilege('fascia.pain_marks', 'SELECT,INSERT,UPDATE') "
    "AND has_table_privilege('fascia.findings', 'SELECT,INSERT,UPDATE') "
    "AND has_table_privilege('fascia.amendments', 'SELECT,INSERT'), "
    "has_table_privilege('fascia.study_results', 'SELECT,INSERT') "
    "AND has_table_privilege('fascia.study_items', 'SELECT,INSERT,UPDATE'), "
    "has_column_privilege('fascia.clients', 'deleted_at', 'UPDATE'), "
    "session_user::text";
  g_autoptr(FasciaDbStmt) stmt = fascia_db_prepare (self->db, sql, FALSE, error);

  if (stmt == NULL || fascia_db_step (stmt, error) != FASCIA_DB_ROW)
    return FALSE;

  self->capabilities = 0;
  if (fascia_db_column_int64 (stmt, 0) != 0)
    self->capabilities |= FASCIA_STORE_CAN_CLINICAL;
  if (fascia_db_column_int64 (stmt, 1) != 0)
    self->capabilities |= FASCIA_STORE_CAN_STUDY;
  if (fascia_db_column_int64 (stmt, 2) != 0)
    self->capabilities |= FASCIA_STORE_CAN_DELETE_CLIENTS;
  g_free (self->author);
  self->author = g_strdup (fascia_db_column_text (stmt, 3));

  if (!(self->capabilities & FASCIA_STORE_CAN_CLINICAL))
    {
      self->access = FASCIA_STORE_ACCESS_CONTACTS;
      self->contact_columns = fascia_store_contact_columns ();
    }
  return TRUE;
}

/*
 * fascia_store_get_author:
 *
 * Returns: who the changes made through this store are by, as amendments of locked notes
 *   name them: the clinic server's session user; for a file, the login name of the
 *   computer's user the store runs as (a file has one therapist, but a computer may have
 *   several accounts).
 */
const char *
fascia_store_get_author (FasciaStore *self)
{
  if (self->author == NULL)
    self->author = g_strdup (g_get_user_name ());
  return self->author;
}

/**
 * fascia_store_get_capabilities:
 *
 * Returns: what the window may offer on this store: see #FasciaStoreCapabilities.
 */
FasciaStoreCapabilities
fascia_store_get_capabilities (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), 0);

  return self->capabilities;
}

/**
 * fascia_store_get_access:
 *
 * Returns: what the store may read and change: everything, or (the front desk's login on a
 *   clinic server) clients' contact details and archive state only. The window shows a
 *   clear message in place of the clinical pages then; the server refuses them anyway.
 */
FasciaStoreAccess
fascia_store_get_access (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FASCIA_STORE_ACCESS_FULL);

  return self->access;
}

FasciaStore *
fascia_store_open_full (const char            *path,
                        FasciaStoreOpenFlags   flags,
                        GError               **error)
{
  return fascia_store_open_cancellable (path, flags, NULL, error);
}

/* As fascia_store_open_full(); on a clinic server, the connection is made polled beside
 * @cancellable (if any), which ends it at once (a worker's store, whose owner closes). */
FasciaStore *
fascia_store_open_cancellable (const char            *path,
                               FasciaStoreOpenFlags   flags,
                               GCancellable          *cancellable,
                               GError               **error)
{
  return fascia_store_open_waiting (path, flags, cancellable, 0, error);
}

/* As fascia_store_open_cancellable(); on a clinic server, with @cancellable, the queries that
 * set up the session (but an upgrade of the schema) stop waiting for the server when it is
 * cancelled, and each waits no longer than @answer_timeout for its answer (0: as long as it
 * takes), the time left set on the connection after. */
FasciaStore *
fascia_store_open_waiting (const char            *path,
                           FasciaStoreOpenFlags   flags,
                           GCancellable          *cancellable,
                           guint                  answer_timeout,
                           GError               **error)
{
  g_autoptr(FasciaStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean had_data = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FASCIA_TYPE_STORE, NULL);
  self->database = g_strdup (path);
  /* A file: everything (a server's grants narrow it in read_access()). */
  self->capabilities = FASCIA_STORE_CAN_CLINICAL | FASCIA_STORE_CAN_STUDY |
                       FASCIA_STORE_CAN_DELETE_CLIENTS;

  /* A clinic server: its backups are the server's own (pg_dump), not files beside it. */
  if (fascia_db_postgres_is_conninfo (path))
    {
      self->db = cancellable != NULL
                 ? fascia_db_postgres_open_cancellable (path, cancellable, answer_timeout,
                                                        &local_error)
                 : fascia_db_postgres_open (path, &local_error);
      /* A server that asks for a password libpq's usual places do not hold: the one typed
       * into the window and kept in the keyring, if any (fascia-store-clinic.c). */
      if (self->db == NULL && strstr (local_error->message, "no password supplied") != NULL)
        {
          g_autofree char *password = fascia_store_lookup_server_password (path);
          g_autofree char *with_password = NULL;

          if (password != NULL &&
              (with_password = fascia_store_conninfo_with_password (path, password, NULL)) != NULL)
            {
              g_clear_error (&local_error);
              self->db = cancellable != NULL
                         ? fascia_db_postgres_open_cancellable (with_password, cancellable,
                                                                answer_timeout, &local_error)
                         : fascia_db_postgres_open (with_password, &local_error);
            }
        }
      if (self->db == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      self->path = g_strdup (fascia_db_get_name (self->db));
      self->schema_version = fascia_store_migrate_latest ();
      fascia_db_set_answer_cancellable (self->db, cancellable);
      if (!read_access (self, error) || !read_demo_flag (self, error))
        return NULL;
      fascia_db_set_answer_cancellable (self->db, NULL);
      return g_steal_pointer (&self);
    }

  self->path = g_strdup (path);
  self->capabilities |= FASCIA_STORE_CAN_MOVE_TO_SERVER;
  self->db = fascia_db_sqlite_open (path, !(flags & FASCIA_STORE_OPEN_NO_BACKUP), &had_data,
                                    error);
  if (self->db == NULL)
    return NULL;
  self->schema_version = fascia_store_migrate_latest ();

  if (!read_demo_flag (self, error))
    return NULL;

  /* A database made just now has nothing worth a copy yet. A daily backup that cannot be
   * written (a full disk) does not keep the database from opening: the caller shows the
   * warning. A damaged database is refused. */
  if (!(flags & (FASCIA_STORE_OPEN_NO_BACKUP | FASCIA_STORE_OPEN_NO_DAILY_BACKUP)) && had_data)
    {
      g_autofree char *daily = fascia_store_backup_daily (self, &local_error);

      if (daily == NULL && local_error != NULL)
        {
          if (g_error_matches (local_error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CORRUPT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          self->backup_warning = g_steal_pointer (&local_error);
        }
    }

  return g_steal_pointer (&self);
}

/* Opening in the background */

#define CONNECT_FIRST_WAIT   250    /* milliseconds */
#define CONNECT_LONGEST_WAIT 10000

/* Waits @ms, or less if @cancellable is cancelled; FALSE if it is. */
static gboolean
wait_cancellable (GCancellable *cancellable,
                  guint         ms)
{
  GPollFD fd;

  if (g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_poll (&fd, 1, (int) ms);
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep ((gulong) ms * 1000);
  return !g_cancellable_is_cancelled (cancellable);
}

/* The worker: opens the database as fascia_store_open_full() does (connecting, upgrading the
 * schema, reading the login's grants), again and again while the server cannot be reached,
 * waiting twice as long each time, until it opens, fails otherwise, or is cancelled. */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *database = task_data;
  guint wait = CONNECT_FIRST_WAIT;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      FasciaStore *opened = fascia_store_open_cancellable (database,
                                                           FASCIA_STORE_OPEN_NO_BACKUP,
                                                           cancellable, &error);

      if (opened != NULL)
        {
          g_task_return_pointer (task, opened, g_object_unref);
          return;
        }
      if (!g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_IO) ||
          !wait_cancellable (cancellable, wait))
        {
          if (!g_task_return_error_if_cancelled (task))
            g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("The clinic server cannot be reached yet; trying again in %u ms", wait);
      wait = MIN (wait * 2, CONNECT_LONGEST_WAIT);
    }
}

static void link_cb (gboolean      connected,
                     const GError *refusal,
                     gpointer      user_data);

/* Back on the main loop: @self takes the connection the worker made, and what it read with
 * it, as if it had been made by fascia_store_open_full(). */
static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(FasciaStore) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) opened = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (ref);
  g_free (ref);

  /* Closed meanwhile (its cancellable cancelled with it). */
  if (self == NULL || self->db == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->connecting);
  g_debug ("%s", opened != NULL ? "Connected to the clinic server"
                                : "The clinic server would not open");
  if (opened == NULL)
    {
      g_signal_emit (self, signals[OPEN_FAILED], 0, error);
      return;
    }

  /* Its statements name its connection: gone before it is taken. Ours were prepared for a
   * login that may read more than this one (the front desk's): prepared again. */
  g_hash_table_remove_all (opened->statements);
  g_hash_table_remove_all (self->statements);
  fascia_db_postgres_adopt (self->db, g_steal_pointer (&opened->db));
  g_free (self->path);
  self->path = g_strdup (fascia_db_get_name (self->db));
  self->schema_version = opened->schema_version;
  self->capabilities = opened->capabilities;
  self->access = opened->access;
  g_free (self->contact_columns);
  self->contact_columns = g_steal_pointer (&opened->contact_columns);
  g_free (self->author);
  self->author = g_steal_pointer (&opened->author);
  self->is_demo = opened->is_demo;

  if (self->watch_wanted)
    {
      self->watch_wanted = FALSE;
      if (!fascia_store_watch_others (self, &error))
        g_warning ("Changes saved elsewhere will show only when reopened: %s", error->message);
    }
  /* As when a lost connection is made anew: the journal saved, every view read again. */
  link_cb (TRUE, NULL, self);
}

/**
 * fascia_store_open_in_background:
 * @database: a clinic server's connection string (fascia_store_is_server_database())
 *
 * Returns a store of @database at once, not connected yet: nothing is sent on this thread,
 * no host name looked up. A worker connects (and retries while the server cannot be
 * reached, as a lost connection is made anew); meanwhile each query fails at once with
 * %FASCIA_STORE_ERROR_IO, so that edits are kept in the journal (fascia_store_set_journal())
 * as while the server is away. When the worker has connected, #FasciaStore:connected is
 * notified from the thread-default main context, the journal is saved, and every view is
 * told to read again (%FASCIA_STORE_CHANGE_RELOAD); a server that answers but will not open
 * emits #FasciaStore::open-failed instead. Closing the store gives the attempt up.
 *
 * Returns: (transfer full): the store, or %NULL with @error when @database is not a
 *   server's, or its engine cannot be loaded.
 */
FasciaStore *
fascia_store_open_in_background (const char  *database,
                                 GError     **error)
{
  g_autoptr(FasciaStore) self = NULL;
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;

  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!fascia_db_postgres_is_conninfo (database))
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_FAILED,
                   "Only a clinic server is opened in the background");
      return NULL;
    }

  self = g_object_new (FASCIA_TYPE_STORE, NULL);
  self->database = g_strdup (database);
  self->db = fascia_db_postgres_new_unconnected (database, error);
  if (self->db == NULL)
    return NULL;
  self->path = g_strdup (fascia_db_get_name (self->db));
  self->schema_version = fascia_store_migrate_latest ();
  /* Until the server says what this login may do: what a therapist may (the server refuses
   * the rest anyway, and the window narrows itself once it knows). */
  self->capabilities = FASCIA_STORE_CAN_CLINICAL | FASCIA_STORE_CAN_STUDY |
                       FASCIA_STORE_CAN_DELETE_CLIENTS;

  self->connecting = g_cancellable_new ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->connecting, connect_done_cb, ref);
  g_task_set_source_tag (task, fascia_store_open_in_background);
  g_task_set_name (task, "fascia: first connection to the clinic server");
  g_task_set_task_data (task, g_strdup (database), g_free);
  g_task_run_in_thread (task, connect_thread);
  return g_steal_pointer (&self);
}

/**
 * fascia_store_close:
 *
 * Closes the database; later calls fail. Dropping the last reference closes it too.
 */
void
fascia_store_close (FasciaStore *self)
{
  g_return_if_fail (FASCIA_IS_STORE (self));

  if (self->in_transaction)
    fascia_store_rollback (self);

  /* A first connection still being made is given up at once. */
  if (self->connecting != NULL)
    {
      g_cancellable_cancel (self->connecting);
      g_clear_object (&self->connecting);
    }

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }

  g_hash_table_remove_all (self->statements);

  /* A count running in the background stops at its next step, and its connection closes. */
  if (self->counter != NULL)
    {
      fascia_store_counter_close (self->counter);
      g_clear_pointer (&self->counter, fascia_store_counter_unref);
    }
  if (self->keeper != NULL)
    {
      fascia_store_counter_close (self->keeper);
      g_clear_pointer (&self->keeper, fascia_store_counter_unref);
    }

  g_clear_pointer (&self->db, fascia_db_close);
}

/* The counts in the background's connection: made with the first of them (opened by it, in
 * the worker). */
FasciaStoreCounter *
fascia_store_get_counter (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  if (self->counter == NULL && self->db != NULL)
    self->counter = fascia_store_counter_new (self->database);
  return self->counter;
}

/* The connection the clients a search found are read on for keeping (fascia-client-list.c),
 * in the background: one of its own, so that a count running does not hold them up. */
FasciaStoreCounter *
fascia_store_get_keeper (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  if (self->keeper == NULL && self->db != NULL)
    self->keeper = fascia_store_counter_new (self->database);
  return self->keeper;
}

/* Another Fascia on the clinic server committed a change: announced as the store's own are. */
static void
other_change_cb (const char *table_nick,
                 const char *change_nick,
                 gint64      id,
                 gint64      client_id,
                 gpointer    user_data)
{
  FasciaStore *self = user_data;
  int table = fascia_store_enum_value (FASCIA_TYPE_STORE_TABLE, table_nick, -1);
  int change = fascia_store_enum_value (FASCIA_TYPE_STORE_CHANGE, change_nick, -1);

  if (table < 0 || change < 0 || id <= 0)
    return;

  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (
                   fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table)),
                 (FasciaStoreTable) table, (FasciaStoreChange) change, id, client_id);
}

/* A change made with no transaction (one the journal keeps or forgets while the clinic
 * server is away), announced at once as a committed one is. */
void
fascia_store_announce (FasciaStore       *self,
                       FasciaStoreTable   table,
                       FasciaStoreChange  change,
                       gint64             id,
                       gint64             client_id)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (
                   fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table)),
                 table, change, id, client_id);
}

/**
 * fascia_store_set_journal:
 * @journal: (transfer full) (nullable): where unsaved edits are kept
 *
 * From now on, a SOAP note whose save fails because the server cannot be reached
 * (fascia_store_save_visit_field() with %FASCIA_STORE_ERROR_IO) is kept in @journal, and the
 * journal is saved when the connection is made anew (fascia_store_watch_others()).
 */
void
fascia_store_set_journal (FasciaStore   *self,
                          FasciaJournal *journal)
{
  g_return_if_fail (FASCIA_IS_STORE (self));

  g_clear_pointer (&self->journal, fascia_journal_free);
  self->journal = journal;
}

FasciaJournal *
fascia_store_get_journal (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return self->journal;
}

/**
 * fascia_store_is_connected:
 *
 * Returns: whether the database can be reached now (see #FasciaStore:connected).
 */
gboolean
fascia_store_is_connected (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);

  return self->db != NULL && fascia_db_is_connected (self->db);
}

/* The clinic server's connection was lost or made anew: told from the main loop. What others
 * changed meanwhile was not heard, so every view of clients, plans and visits reads again.
 * A server that refuses it for good (its database or the login is gone) is not tried again,
 * and that is said once (#FasciaStore::open-failed). */
static void
link_cb (gboolean      connected,
         const GError *refusal,
         gpointer      user_data)
{
  FasciaStore *self = user_data;
  static const FasciaStoreTable reread[] = {
    FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_TABLE_PLANS, FASCIA_STORE_TABLE_VISITS,
  };

  if (connected && self->journal != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Edits kept while the server was away are saved first, each once. */
      if (!fascia_store_replay_journal (self, self->journal, NULL, NULL, &error))
        g_warning ("%s", error->message);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  if (refusal != NULL)
    g_signal_emit (self, signals[OPEN_FAILED], 0, refusal);
  if (!connected)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (reread); i++)
    g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (
                     fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, reread[i])),
                   reread[i], FASCIA_STORE_CHANGE_RELOAD, (gint64) 0, (gint64) 0);
}

/**
 * fascia_store_watch_others:
 *
 * Hears the changes other people commit to the same database — another therapist's new or
 * changed client, plan or visit on a clinic server — and emits #FasciaStore::changed for
 * each as for the store's own, from the thread-default main context (the socket of the
 * connection is watched by the main loop: no thread, no polling). A file on one computer has
 * no other writers: there this does nothing.
 *
 * Returns: %FALSE with @error if the server refused to send its changes.
 */
gboolean
fascia_store_watch_others (FasciaStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->watch != NULL || self->db == NULL)
    return self->watch != NULL;

  /* Not connected yet (fascia_store_open_in_background()): watched once it is. */
  if (self->connecting != NULL)
    {
      self->watch_wanted = TRUE;
      return TRUE;
    }

  {
    g_autoptr(GError) local_error = NULL;

    self->watch = fascia_db_watch_changes (self->db, other_change_cb, self, NULL, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }

  if (self->watch != NULL)
    g_source_attach (self->watch, g_main_context_get_thread_default ());
  /* A connection that is lost is made anew, and the changes heard again. */
  fascia_db_keep_connected (self->db, g_main_context_get_thread_default (), link_cb, self);
  return TRUE;
}

FasciaDb *
fascia_store_get_db (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return self->db;
}

/* Whether a transaction of the store's own (fascia_store_begin()) or a batch is open. */
gboolean
fascia_store_in_transaction (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);

  return self->in_transaction || self->in_batch;
}

/**
 * fascia_store_get_path:
 *
 * Returns: the database file.
 */
/* What the store was opened with, to open another connection to the same database (a
 * worker's): a file's path, or a server's connection string, which may hold a password and
 * is never shown. */
const char *
fascia_store_get_database (FasciaStore *self)
{
  return self->database;
}

/* FASCIA_STORE_JOB_ANSWER_TIMEOUT, or the milliseconds FASCIA_JOB_ANSWER_TIMEOUT names in
 * the environment: the tests of the command line, which cannot call
 * fascia_store_set_job_answer_timeout() in the process they start, shorten it so. */
guint
fascia_store_default_job_answer_timeout (void)
{
  const char *value = g_getenv ("FASCIA_JOB_ANSWER_TIMEOUT");
  guint64 milliseconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &milliseconds, NULL))
    return (guint) milliseconds;
  return FASCIA_STORE_JOB_ANSWER_TIMEOUT;
}

/* For tests: how long the jobs that read for @self (a backup, an export) wait while a clinic
 * server is silent (FASCIA_STORE_JOB_ANSWER_TIMEOUT); 0: as long as it takes. */
void
fascia_store_set_job_answer_timeout (FasciaStore *self,
                                     guint        milliseconds)
{
  g_return_if_fail (FASCIA_IS_STORE (self));

  self->job_answer_timeout = milliseconds;
}

guint
fascia_store_get_job_answer_timeout (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), 0);

  return self->job_answer_timeout;
}

/**
 * fascia_store_open_another:
 *
 * Opens another connection to the database @self has open (without the daily backup), for
 * a worker thread: @self's own connection stays on its thread. Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with an error
 */
FasciaStore *
fascia_store_open_another (FasciaStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return fascia_store_open_full (self->database, FASCIA_STORE_OPEN_NO_BACKUP, error);
}

const char *
fascia_store_get_path (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return self->path;
}

/**
 * fascia_store_get_backup_dir:
 *
 * Returns: (transfer full): the folder of the automatic backups, `backups/` beside the
 *   database.
 */
char *
fascia_store_get_backup_dir (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return backup_dir_for (self->path);
}

/**
 * fascia_store_get_backup_warning:
 *
 * Returns: (nullable): why the daily backup could not be made when the database was opened
 *   (a full disk, a read-only folder), for the caller to show; the database opened anyway.
 */
const GError *
fascia_store_get_backup_warning (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), NULL);

  return self->backup_warning;
}

/**
 * fascia_store_get_schema_version:
 *
 * Returns: the schema version of the open database (`PRAGMA user_version`).
 */
int
fascia_store_get_schema_version (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * fascia_store_get_latest_schema_version:
 *
 * Returns: the schema version this Fascia writes: the number of its migrations.
 */
int
fascia_store_get_latest_schema_version (void)
{
  return fascia_store_migrate_latest ();
}

/**
 * fascia_store_describe_engines:
 *
 * Returns: (transfer full): the SQL engines this Fascia was built with and their versions,
 *   for `--version`.
 */
char *
fascia_store_describe_engines (void)
{
  g_autofree char *sqlite = fascia_db_sqlite_describe ();
  g_autofree char *postgres = fascia_db_postgres_describe ();

  return g_strdup_printf ("%s, %s", sqlite, postgres);
}

/**
 * fascia_store_is_server_database:
 * @database: what `--database` was given
 *
 * Returns: whether @database names a clinic server (a `postgresql://` URI or a libpq
 *   keyword string such as `host=… dbname=…`) rather than a file.
 */
gboolean
fascia_store_is_server_database (const char *database)
{
  g_return_val_if_fail (database != NULL, FALSE);

  return fascia_db_postgres_is_conninfo (database);
}

/**
 * fascia_store_is_demo:
 *
 * Returns: whether this is a demo clinic made by fascia_store_create_demo().
 */
gboolean
fascia_store_is_demo (FasciaStore *self)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);

  return self->is_demo;
}

/**
 * fascia_store_set_busy_timeout:
 * @milliseconds: how long a change waits for another program to release the database
 *
 * The default is 5 seconds; after that a change fails with %FASCIA_STORE_ERROR_BUSY.
 */
void
fascia_store_set_busy_timeout (FasciaStore *self,
                               guint        milliseconds)
{
  g_return_if_fail (FASCIA_IS_STORE (self));
  g_return_if_fail (self->db != NULL);

  if (fascia_db_get_engine (self->db) == FASCIA_DB_ENGINE_SQLITE)
    fascia_db_sqlite_set_busy_timeout (self->db, milliseconds);
  else
    fascia_db_postgres_set_lock_timeout (self->db, milliseconds);
}

/**
 * fascia_store_set_id_validator:
 * @validator: (nullable): answers whether an atlas id exists
 * @user_data: data for @validator
 * @destroy: (nullable): frees @user_data
 *
 * The store cannot load the atlas itself (it sits below it); the application passes a
 * validator so that a muscle, technique or view id the atlas does not know is refused with
 * %FASCIA_STORE_ERROR_INVALID. Without one, ids need only be well-formed slugs.
 */
void
fascia_store_set_id_validator (FasciaStore            *self,
                               FasciaStoreIdValidator  validator,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (FASCIA_IS_STORE (self));

  if (self->validator_destroy != NULL)
    self->validator_destroy (self->validator_data);

  self->validator = validator;
  self->validator_data = user_data;
  self->validator_destroy = destroy;
}

/* The validator fascia_store_set_id_validator() gave, for a worker's connection to use the
 * same (its data stays @self's). */
FasciaStoreIdValidator
fascia_store_get_id_validator (FasciaStore *self,
                               gpointer    *user_data)
{
  *user_data = self->validator_data;
  return self->validator;
}

/* Soft delete */

typedef struct
{
  const char *delete_sql;
  const char *undelete_sql;
  const char *client_sql;
} TableSql;

#define TABLE_SQL(table, client_sql) \
  { "UPDATE " table " SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", \
    "UPDATE " table " SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 " \
    "AND deleted_at IS NOT NULL", \
    client_sql }

static const TableSql table_sql[] = {
  [FASCIA_STORE_TABLE_CLIENTS] =
    TABLE_SQL ("clients", "SELECT id FROM clients WHERE id = ?1"),
  [FASCIA_STORE_TABLE_PLANS] =
    TABLE_SQL ("plans", "SELECT client_id FROM plans WHERE id = ?1"),
  [FASCIA_STORE_TABLE_PLAN_TARGETS] =
    TABLE_SQL ("plan_targets",
               "SELECT p.client_id FROM plan_targets t JOIN plans p ON p.id = t.plan_id "
               "WHERE t.id = ?1"),
  [FASCIA_STORE_TABLE_HOME_EXERCISES] =
    TABLE_SQL ("home_exercises",
               "SELECT p.client_id FROM home_exercises e JOIN plans p ON p.id = e.plan_id "
               "WHERE e.id = ?1"),
  [FASCIA_STORE_TABLE_VISITS] =
    TABLE_SQL ("visits", "SELECT client_id FROM visits WHERE id = ?1"),
  [FASCIA_STORE_TABLE_PAIN_MARKS] =
    TABLE_SQL ("pain_marks",
               "SELECT v.client_id FROM pain_marks m JOIN visits v ON v.id = m.visit_id "
               "WHERE m.id = ?1"),
  [FASCIA_STORE_TABLE_FINDINGS] =
    TABLE_SQL ("findings",
               "SELECT v.client_id FROM findings f JOIN visits v ON v.id = f.visit_id "
               "WHERE f.id = ?1"),
};

/* The client a row belongs to, for FasciaStore::changed; 0 if none. */
gint64
fascia_store_client_of (FasciaStore      *self,
                        FasciaStoreTable  table,
                        gint64            id)
{
  g_autoptr(FasciaStoreStmt) stmt = NULL;

  if (table >= G_N_ELEMENTS (table_sql) || table_sql[table].client_sql == NULL)
    return 0;

  stmt = fascia_store_prepare (self, table_sql[table].client_sql, NULL);
  if (stmt == NULL)
    return 0;

  fascia_db_bind_int64 (stmt, 1, id);
  if (fascia_db_step (stmt, NULL) != FASCIA_DB_ROW)
    return 0;

  return fascia_db_column_int64 (stmt, 0);
}

static gboolean set_deleted_once (FasciaStore       *self,
                                  FasciaStoreTable   table,
                                  gint64             id,
                                  gboolean           deleted,
                                  GError           **error);

gboolean
fascia_store_set_deleted (FasciaStore       *self,
                          FasciaStoreTable   table,
                          gint64             id,
                          gboolean           deleted,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  /* A client's removal updates its slot's count (fascia_store_retry_conflict()). */
  for (guint attempt = 1; !set_deleted_once (self, table, id, deleted, &local_error); attempt++)
    if (table != FASCIA_STORE_TABLE_CLIENTS ||
        !fascia_store_retry_conflict (self, attempt, &local_error))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }

  return TRUE;
}

static gboolean
set_deleted_once (FasciaStore       *self,
                  FasciaStoreTable   table,
                  gint64             id,
                  gboolean           deleted,
                  GError           **error)
{
  g_autoptr(FasciaStoreStmt) stmt = NULL;
  const char *sql;

  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (table >= G_N_ELEMENTS (table_sql) || table_sql[table].delete_sql == NULL)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID,
                   "Rows of %s cannot be deleted",
                   fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table));
      return FALSE;
    }

  sql = deleted ? table_sql[table].delete_sql : table_sql[table].undelete_sql;

  if (!fascia_store_begin (self, error))
    return FALSE;

  stmt = fascia_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;

  fascia_db_bind_int64 (stmt, 1, id);
  fascia_db_bind_int64 (stmt, 2, fascia_store_now ());
  if (!fascia_store_step_done (self, stmt, error))
    goto failed;

  if (fascia_db_changes (self->db) == 0)
    {
      g_set_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND,
                   deleted ? "There is no %s row %" G_GINT64_FORMAT " to delete"
                           : "There is no deleted %s row %" G_GINT64_FORMAT " to restore",
                   fascia_store_enum_nick (FASCIA_TYPE_STORE_TABLE, table), id);
      goto failed;
    }

  fascia_store_queue_change (self, table,
                             deleted ? FASCIA_STORE_CHANGE_DELETED : FASCIA_STORE_CHANGE_RESTORED,
                             id, fascia_store_client_of (self, table, id));

  return fascia_store_commit (self, error);

failed:
  fascia_store_rollback (self);
  return FALSE;
}

/* Tables whose rows are added while a clinic server is away under a provisional id. */
static gboolean
is_added_table (FasciaStoreTable table)
{
  return table == FASCIA_STORE_TABLE_CLIENTS || table == FASCIA_STORE_TABLE_PLANS ||
         table == FASCIA_STORE_TABLE_VISITS;
}

/* fascia_store_delete() or fascia_store_undelete() of the row of provisional @id: the row the
 * replay added for it, or its addition the journal still keeps. */
static gboolean
set_added_deleted (FasciaStore       *self,
                   FasciaStoreTable   table,
                   gint64             id,
                   gboolean           deleted,
                   GError           **error)
{
  FasciaJournalKind kind = table == FASCIA_STORE_TABLE_CLIENTS ? FASCIA_JOURNAL_CLIENT
                           : table == FASCIA_STORE_TABLE_PLANS ? FASCIA_JOURNAL_PLAN
                           : FASCIA_JOURNAL_VISIT;
  g_autoptr(GError) local_error = NULL;
  gint64 saved = fascia_store_resolve_id (self, kind, id, &local_error);

  if (saved > 0)
    return fascia_store_set_deleted (self, table, saved, deleted, error);
  return fascia_store_set_added_deleted_kept (self, table, id, deleted, error);
}

/**
 * fascia_store_delete:
 * @table: any table but amendments and study results
 * @id: the row
 *
 * Deletes a row softly: it disappears from every list and lookup, with what hangs off it
 * (a client's plans and visits, a visit's marks), until fascia_store_undelete() brings it
 * back exactly as it was. On a clinic server that cannot be reached, the removal of a plan
 * target or a body-chart mark is kept in the store's journal like an edit
 * (fascia-store-journal.c); one of a row added meanwhile (its id provisional) is taken from
 * the journal.
 *
 * Returns: %TRUE on success; %FASCIA_STORE_ERROR_NOT_FOUND if there is no such row;
 *   %FASCIA_STORE_ERROR_IO with the removal kept (fascia_store_edit_was_kept()).
 */
gboolean
fascia_store_delete (FasciaStore       *self,
                     FasciaStoreTable   table,
                     gint64             id,
                     GError           **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);

  /* On a clinic server, a removal made while it is away is kept like an edit. */
  if (self->journal != NULL &&
      (table == FASCIA_STORE_TABLE_PLAN_TARGETS || table == FASCIA_STORE_TABLE_PAIN_MARKS))
    return fascia_store_set_deleted_kept (self, table, id, TRUE, error);
  /* A client, plan or visit added meanwhile and not on the server yet leaves the journal. */
  if (self->journal != NULL && id < 0 && is_added_table (table))
    return set_added_deleted (self, table, id, TRUE, error);
  return fascia_store_set_deleted (self, table, id, TRUE, error);
}

/**
 * fascia_store_undelete:
 *
 * Undoes fascia_store_delete().
 *
 * Returns: %TRUE on success.
 */
gboolean
fascia_store_undelete (FasciaStore       *self,
                       FasciaStoreTable   table,
                       gint64             id,
                       GError           **error)
{
  g_return_val_if_fail (FASCIA_IS_STORE (self), FALSE);

  if (self->journal != NULL &&
      (table == FASCIA_STORE_TABLE_PLAN_TARGETS || table == FASCIA_STORE_TABLE_PAIN_MARKS))
    return fascia_store_set_deleted_kept (self, table, id, FALSE, error);
  if (self->journal != NULL && id < 0 && is_added_table (table))
    return set_added_deleted (self, table, id, FALSE, error);
  return fascia_store_set_deleted (self, table, id, FALSE, error);
}

/**
 * fascia_store_purge_deleted:
 * @deleted_before: rows deleted before this time are removed for good
 *
 * Removes softly deleted rows, and what hangs off them, from the file.
 *
 * Returns: the number of rows removed, or 0 with @error set.
 */
guint
fascia_store_purge_deleted (FasciaStore  *self,
                            GDateTime    *deleted_before,
                            GError      **error)
{
  /* Children first is not needed (ON DELETE CASCADE), but counting them is clearer. */
  static const char *purge_sql[] = {
    "DELETE FROM findings WHERE deleted_at < ?1",
    "DELETE FROM pain_marks WHERE deleted_at < ?1",
    "DELETE FROM visits WHERE deleted_at < ?1",
    "DELETE FROM home_exercises WHERE deleted_at < ?1",
    "DELETE FROM plan_targets WHERE deleted_at < ?1",
    "DELETE FROM plans WHERE deleted_at < ?1",
    "DELETE FROM clients WHERE deleted_at < ?1",
  };
  guint n_removed = 0;

  g_return_val_if_fail (FASCIA_IS_STORE (self), 0);
  g_return_val_if_fail (deleted_before != NULL, 0);

  if (!fascia_store_begin (self, error))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (purge_sql); i++)
    {
      g_autoptr(FasciaStoreStmt) stmt = fascia_store_prepare (self, purge_sql[i], error);

      if (stmt == NULL)
        goto failed;

      fascia_store_bind_datetime (stmt, 1, deleted_before);
      if (!fascia_store_step_done (self, stmt, error))
        goto failed;

      n_removed += fascia_db_changes (self->db);
    }

  if (!fascia_store_commit (self, error))
    return 0;

  return n_removed;

failed:
  fascia_store_rollback (self);
  return 0;
}
