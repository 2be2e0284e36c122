/* fascia-store-private.h — what the files of FasciaStore share, and nothing outside src/core
 * may call except the store's own tests and benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-store.h"
#include "fascia/fascia-store-journal.h"

#include "fascia-db.h"
#include "fascia-paged-list.h"

G_BEGIN_DECLS

/* "FsCa" in PRAGMA application_id, set by 001-initial.sql. */
#define FASCIA_STORE_APPLICATION_ID 0x46734361

/* Longest texts the store accepts: a name, a short field (email, phone, ids); a note's is
 * FASCIA_STORE_MAX_NOTE. */
#define FASCIA_STORE_MAX_NAME  (1024)
#define FASCIA_STORE_MAX_SHORT (256)

/* A cached prepared statement; g_autoptr() resets it and clears its bindings. */
typedef FasciaDbStmt FasciaStoreStmt;

void              fascia_store_stmt_release      (FasciaStoreStmt    *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaStoreStmt, fascia_store_stmt_release)

/* fascia-store.c */
FasciaDb         *fascia_store_get_db            (FasciaStore        *self);
gboolean          fascia_store_in_transaction    (FasciaStore        *self);
const char       *fascia_store_get_database      (FasciaStore        *self);
FasciaStoreIdValidator fascia_store_get_id_validator (FasciaStore     *self,
                                                  gpointer           *user_data);
FasciaStoreStmt  *fascia_store_prepare           (FasciaStore        *self,
                                                  const char         *sql,
                                                  GError            **error);
FasciaStoreStmt  *fascia_store_prepare_planned   (FasciaStore        *self,
                                                  const char         *sql,
                                                  GError            **error);
gboolean          fascia_store_step_done         (FasciaStore        *self,
                                                  FasciaStoreStmt    *stmt,
                                                  GError            **error);
gboolean          fascia_store_step_changed      (FasciaStore        *self,
                                                  FasciaStoreStmt    *stmt,
                                                  const char         *what,
                                                  gint64              id,
                                                  GError            **error);
gboolean          fascia_store_set_conflict      (FasciaStore        *self,
                                                  FasciaStoreTable    table,
                                                  const char         *what,
                                                  gint64              id,
                                                  GError            **error);
gboolean          fascia_store_step_revised      (FasciaStore        *self,
                                                  FasciaStoreStmt    *stmt,
                                                  FasciaStoreTable    table,
                                                  const char         *what,
                                                  gint64              id,
                                                  GError            **error);
gboolean          fascia_store_retry_conflict    (FasciaStore        *self,
                                                  guint               attempt,
                                                  GError            **error);
gboolean          fascia_store_begin             (FasciaStore        *self,
                                                  GError            **error);
gboolean          fascia_store_commit            (FasciaStore        *self,
                                                  GError            **error);
void              fascia_store_rollback          (FasciaStore        *self);
void              fascia_store_commit_with_next  (FasciaStore        *self);
void              fascia_store_announce          (FasciaStore        *self,
                                                  FasciaStoreTable    table,
                                                  FasciaStoreChange   change,
                                                  gint64              id,
                                                  gint64              client_id);
gboolean          fascia_store_begin_again       (FasciaStore        *self,
                                                  GError            **error);
gboolean          fascia_store_lock_bulk         (FasciaStore        *self,
                                                  GError            **error);
gboolean          fascia_store_mark_import_check (FasciaStore        *self,
                                                  GError            **error);
gboolean          fascia_store_begin_batch       (FasciaStore        *self,
                                                  GError            **error);
gboolean          fascia_store_end_batch         (FasciaStore        *self,
                                                  gboolean            keep,
                                                  GError            **error);
void              fascia_store_collapse_changes  (FasciaStore        *self,
                                                  FasciaStoreTable    table);
void              fascia_store_queue_change      (FasciaStore        *self,
                                                  FasciaStoreTable    table,
                                                  FasciaStoreChange   change,
                                                  gint64              id,
                                                  gint64              client_id);
gboolean          fascia_store_step_failed       (FasciaDbStep        step,
                                                  GError            **error);
gboolean          fascia_store_step_row          (FasciaStore        *self,
                                                  FasciaStoreStmt    *stmt,
                                                  GError            **error);
gboolean          fascia_store_step_id           (FasciaStore        *self,
                                                  FasciaStoreStmt    *stmt,
                                                  gint64             *id,
                                                  GError            **error);
/* Maps the current row of a statement to a new model object. */
typedef gpointer (*FasciaStoreRowFunc) (FasciaStoreStmt *stmt);

gpointer          fascia_store_query_one         (FasciaStore        *self,
                                                  const char         *sql,
                                                  gint64              id,
                                                  FasciaStoreRowFunc  from_row,
                                                  const char         *what,
                                                  GError            **error);
GListModel       *fascia_store_query_list        (FasciaStore        *self,
                                                  const char         *sql,
                                                  gint64              key,
                                                  GType               item_type,
                                                  FasciaStoreRowFunc  from_row,
                                                  GError            **error);
GListModel       *fascia_store_query_paged       (FasciaStore        *self,
                                                  const char         *first_sql,
                                                  int                 count_column,
                                                  const char         *page_sql,
                                                  gint64              key,
                                                  GType               item_type,
                                                  FasciaStoreRowFunc  from_row,
                                                  GError            **error);
GListModel       *fascia_store_paged_with_first  (FasciaStore          *self,
                                                  const char           *first_sql,
                                                  int                   count_column,
                                                  gint64                key,
                                                  GType                 item_type,
                                                  FasciaStoreRowFunc    from_row,
                                                  FasciaPagedListFetch  fetch,
                                                  gpointer              user_data,
                                                  GDestroyNotify        user_data_free,
                                                  GError              **error);
gboolean          fascia_store_check_id          (FasciaStore        *self,
                                                  FasciaStoreIdKind   kind,
                                                  const char         *id,
                                                  GError            **error);
gboolean          fascia_store_check_text        (const char         *text,
                                                  gsize               max_length,
                                                  const char         *what,
                                                  GError            **error);
gboolean          fascia_store_check_date        (const char         *date,
                                                  const char         *what,
                                                  GError            **error);
gboolean          fascia_store_check_range       (gint64              value,
                                                  gint64              min,
                                                  gint64              max,
                                                  const char         *what,
                                                  GError            **error);
gint64            fascia_store_client_of         (FasciaStore        *self,
                                                  FasciaStoreTable    table,
                                                  gint64              id);

/* Binding and reading columns: "" is stored as NULL where the column allows it. */
gint64            fascia_store_now               (void);
GDateTime        *fascia_store_datetime_from_usec (gint64             usec);
gint64            fascia_store_datetime_to_usec  (GDateTime          *datetime);
void              fascia_store_bind_text         (FasciaStoreStmt    *stmt,
                                                  int                 index,
                                                  const char         *text);
void              fascia_store_bind_text_or_null (FasciaStoreStmt    *stmt,
                                                  int                 index,
                                                  const char         *text);
void              fascia_store_bind_datetime     (FasciaStoreStmt    *stmt,
                                                  int                 index,
                                                  GDateTime          *datetime);
const char       *fascia_store_column_text       (FasciaStoreStmt    *stmt,
                                                  int                 column);
GDateTime        *fascia_store_column_datetime   (FasciaStoreStmt    *stmt,
                                                  int                 column);
const char       *fascia_store_enum_nick         (GType               type,
                                                  int                 value);
int               fascia_store_enum_value        (GType               type,
                                                  const char         *nick,
                                                  int                 fallback);

gboolean          fascia_store_check_version     (const char         *path,
                                                  int                 app_id,
                                                  int                 version,
                                                  GError            **error);

/* fascia-db-sqlite-migrate.c */
int               fascia_store_migrate_latest    (void);
gboolean          fascia_store_peek_reference_schema (void);
guint             fascia_store_count_reference_builds (void);

/* fascia-store-clients.c */
char             *fascia_store_fold              (const char         *text);
gboolean          fascia_store_insert_client     (FasciaStore        *self,
                                                  FasciaClient       *client,
                                                  GError            **error);
gboolean          fascia_store_insert_client_token (FasciaStore      *self,
                                                    FasciaClient     *client,
                                                    const char       *token,
                                                    GError          **error);
gboolean          fascia_store_save_client       (FasciaStore        *self,
                                                  FasciaClient       *client,
                                                  GError            **error);
FasciaClient     *fascia_store_load_client       (FasciaStore        *self,
                                                  gint64              client_id,
                                                  GError            **error);

/* fascia-store-import.c: the duplicate rule of every import, and its merge */
gint64            fascia_store_find_duplicate_client (FasciaStore    *self,
                                                      FasciaClient   *client,
                                                      GError        **error);
gboolean          fascia_store_merge_client      (FasciaStore        *self,
                                                  gint64              id,
                                                  FasciaClient       *client,
                                                  GError            **error);

/* fascia-store-demo-crowd.c */
gboolean          fascia_store_add_demo_crowd    (FasciaStore        *self,
                                                  guint               n_clients,
                                                  GError            **error);

/* fascia-store-plans.c and fascia-store-visits.c: the client a plan or visit belongs to,
 * or 0 with NOT_FOUND if it does not exist or was deleted. */
gint64            fascia_store_plan_client       (FasciaStore        *self,
                                                  gint64              plan_id,
                                                  GError            **error);
gint64            fascia_store_visit_client      (FasciaStore        *self,
                                                  gint64              visit_id,
                                                  GError            **error);

/* fascia-store-amendments.c */
gboolean          fascia_store_record_amendment  (FasciaStore        *self,
                                                  gint64              visit_id,
                                                  const char         *field,
                                                  const char         *old_text,
                                                  const char         *new_text,
                                                  gint64              now,
                                                  GError            **error);

/* fascia-store-export.c */
gboolean          fascia_store_insert_amendment  (FasciaStore        *self,
                                                  gint64              visit_id,
                                                  const char         *field,
                                                  const char         *old_text,
                                                  const char         *new_text,
                                                  GDateTime          *amended_at,
                                                  const char         *amended_by,
                                                  GError            **error);

/* fascia-store-backup.c */
/* Daily backups are named DAILY_PREFIX "YYYY-MM-DD.db". */
#define FASCIA_STORE_DAILY_PREFIX "fascia-"
gboolean          fascia_store_prune_daily       (const char         *dir,
                                                  GError            **error);
gboolean          fascia_store_copy_database     (FasciaDb           *source,
                                                  const char         *destination,
                                                  GError            **error);

/* fascia-store-clinic.c */
char             *fascia_store_contact_columns   (void);
const char       *fascia_store_get_author        (FasciaStore       *self);
char             *fascia_store_conninfo_with_password (const char  *conninfo,
                                                       const char  *password,
                                                       GError     **error);
char             *fascia_store_lookup_server_password (const char  *conninfo);
gboolean          fascia_store_remember_server_password (const char  *conninfo,
                                                         const char  *password,
                                                         GError     **error);

/* fascia-store-copy.c */
gboolean          fascia_store_copy_into         (FasciaStore              *source,
                                                  FasciaStore              *target,
                                                  GCancellable             *cancellable,
                                                  FasciaStoreProgressFunc   progress,
                                                  gpointer                  progress_data,
                                                  GString                  *report,
                                                  GError                  **error);
gboolean          fascia_store_copy_to_new_file  (FasciaStore              *source,
                                                  const char               *destination,
                                                  GCancellable             *cancellable,
                                                  FasciaStoreProgressFunc   progress,
                                                  gpointer                  progress_data,
                                                  GString                  *report,
                                                  GError                  **error);

/* fascia-csv.c */
typedef gboolean (*FasciaCsvRowFunc) (guint          line,
                                      const char   **fields,
                                      guint          n_fields,
                                      gpointer       user_data,
                                      GError       **error);

gboolean          fascia_csv_parse               (const char         *data,
                                                  gsize               length,
                                                  FasciaCsvRowFunc    row_func,
                                                  gpointer            user_data,
                                                  GError            **error);
gboolean          fascia_csv_parse_separated     (const char         *data,
                                                  gsize               length,
                                                  char                separator,
                                                  FasciaCsvRowFunc    row_func,
                                                  gpointer            user_data,
                                                  GError            **error);

/* fascia-store-journal.c: a save that failed because the clinic server cannot be reached
 * keeps its edit in the store's journal (and says so in @failure's message). A plan target
 * or mark added keeps @token, the token its INSERT carried (fascia_store_new_add_token()):
 * the replay looks for the row of that token. FASCIA_JOURNAL_NEVER_SENT: the revision of an
 * addition kept by a journal of version 2, which had no token (fascia-store-journal.c). */
#define FASCIA_JOURNAL_NEVER_SENT G_MAXINT64
void              fascia_store_keep_in_journal   (FasciaStore        *store,
                                                  FasciaJournalKind   kind,
                                                  GObject            *row,
                                                  gint64              revision,
                                                  const char         *token,
                                                  GError             *failure);
void              fascia_store_not_kept          (GError             *failure,
                                                  const GError       *why);
/* A client, plan, visit, plan target or mark added while the server was away: kept in the
 * journal alone, or saved since (its id on the server set on @row). */
int               fascia_store_keep_provisional  (FasciaStore        *store,
                                                  FasciaJournalKind   kind,
                                                  GObject            *row,
                                                  GError            **error);
/* A SOAP note of a visit added while the server was away (fascia-store-journal.c). */
int               fascia_store_keep_provisional_note (FasciaStore       *store,
                                                      FasciaVisit       *visit,
                                                      FasciaVisitField   field,
                                                      const char        *text,
                                                      GError           **error);
/* The rows a row added or saved belongs to, added while the server was away: named by their
 * ids on the server once the replay has added them (fascia-store-journal.c). */
gint64            fascia_store_resolve_id        (FasciaStore        *store,
                                                  FasciaJournalKind   kind,
                                                  gint64              id,
                                                  GError            **error);
gboolean          fascia_store_read_nothing      (FasciaStore        *store,
                                                  FasciaJournalKind   kind,
                                                  gint64             *id);
int               fascia_store_resolve_parents   (FasciaStore        *store,
                                                  GObject            *row,
                                                  GError            **error);
int               fascia_store_keep_addition     (FasciaStore        *store,
                                                  FasciaJournalKind   kind,
                                                  GObject            *row,
                                                  const char         *token,
                                                  GError            **error);
/* fascia_store_delete() and _undelete() of a client, plan or visit added while the server is
 * away and not on it yet. */
gboolean          fascia_store_set_added_deleted_kept (FasciaStore      *store,
                                                       FasciaStoreTable  table,
                                                       gint64            id,
                                                       gboolean          deleted,
                                                       GError          **error);
/* fascia_store_delete() and _undelete() of a plan target or mark on a store with a journal. */
gboolean          fascia_store_set_deleted_kept  (FasciaStore        *store,
                                                  FasciaStoreTable    table,
                                                  gint64              id,
                                                  gboolean            deleted,
                                                  GError            **error);
/* A new token for the INSERT of a client, plan, visit, plan target or mark (a random UUID),
 * and the additions that carry one: the public fascia_store_add_client(), _add_plan(),
 * _add_visit(), _add_plan_target() and _add_pain_mark() make one for each row. */
char             *fascia_store_new_add_token     (void);
gboolean          fascia_store_add_plan_target_token (FasciaStore       *store,
                                                      FasciaPlanTarget  *target,
                                                      const char        *token,
                                                      GError           **error);
gboolean          fascia_store_add_client_token  (FasciaStore        *store,
                                                  FasciaClient       *client,
                                                  const char         *token,
                                                  GError            **error);
gboolean          fascia_store_add_plan_token    (FasciaStore        *store,
                                                  FasciaPlan         *plan,
                                                  const char         *token,
                                                  GError            **error);
gboolean          fascia_store_add_visit_token   (FasciaStore        *store,
                                                  FasciaVisit        *visit,
                                                  const char         *token,
                                                  GError            **error);
gboolean          fascia_store_add_pain_mark_token (FasciaStore     *store,
                                                    FasciaPainMark  *mark,
                                                    const char      *token,
                                                    GError         **error);
/* fascia-store.c: fascia_store_delete() and _undelete() as the database does them. */
gboolean          fascia_store_set_deleted       (FasciaStore        *store,
                                                  FasciaStoreTable    table,
                                                  gint64              id,
                                                  gboolean            deleted,
                                                  GError            **error);

/* fascia-store.c: as fascia_store_open_full(), a server's connection ended at once when
 * @cancellable is cancelled (a worker's). */
FasciaStore      *fascia_store_open_cancellable  (const char            *path,
                                                  FasciaStoreOpenFlags   flags,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
FasciaStore      *fascia_store_open_waiting      (const char            *path,
                                                  FasciaStoreOpenFlags   flags,
                                                  GCancellable          *cancellable,
                                                  guint                  answer_timeout,
                                                  GError               **error);

/* How long a job that reads the whole clinic (a backup of a clinic server, an export) waits
 * while the server is silent, before it gives up with the file not written. Longer than the
 * window's (FASCIA_DB_WINDOW_ANSWER_TIMEOUT): such a job's queries read whole tables, and the
 * time runs again from each part of an answer that comes. */
#define FASCIA_STORE_JOB_ANSWER_TIMEOUT 30000

/* fascia-store-export.c: a connection of its own for a job that only reads, made and waiting
 * for the server while @cancellable is not cancelled, for as long as the server stays silent
 * no longer than @self's job answer time; and that time, which tests shorten. */
FasciaStore      *fascia_store_open_reader       (FasciaStore           *self,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
FasciaStore      *fascia_store_open_reader_for   (const char            *database,
                                                  GCancellable          *cancellable,
                                                  guint                  answer_timeout,
                                                  GError               **error);
void              fascia_store_prefix_not_written (GError          **error,
                                                   FasciaStore      *reader,
                                                   const char       *path);
/* A job's transaction on a clinic server, noted before its COMMIT: its id, and the job's
 * session on the server (0 and 0 in a file). */
typedef struct
{
  gint64   transaction;
  guint64  session;
} FasciaCommitCheck;
gboolean          fascia_store_watch_commit      (FasciaStore              *store,
                                                  FasciaCommitCheck        *check,
                                                  GError                  **error);
gboolean          fascia_store_check_commit      (FasciaStore              *store,
                                                  const FasciaCommitCheck  *check,
                                                  const char               *what,
                                                  const char               *not_saved,
                                                  const char               *unknown,
                                                  GError                  **error);
/* fascia-store-import.c: fascia_store_check_commit() for an import, a CSV file or a bundle */
gboolean          fascia_store_check_import_commit (FasciaStore              *self,
                                                    const FasciaCommitCheck  *check,
                                                    GError                  **error);
void              fascia_store_set_job_answer_timeout (FasciaStore     *self,
                                                       guint            milliseconds);
guint             fascia_store_get_job_answer_timeout (FasciaStore     *self);
guint             fascia_store_default_job_answer_timeout (void);

/* fascia-store-worker.c: the connection a store's counts in the background run on, opened by
 * the first of them and closed with the store. */
typedef struct _FasciaStoreCounter FasciaStoreCounter;

FasciaStoreCounter *fascia_store_counter_new          (const char           *database);
void                fascia_store_counter_close        (FasciaStoreCounter   *counter);
void                fascia_store_counter_unref        (FasciaStoreCounter   *counter);
FasciaStoreCounter *fascia_store_get_counter          (FasciaStore          *self);
FasciaStoreCounter *fascia_store_get_keeper           (FasciaStore          *self);
guint               fascia_store_get_n_counts         (FasciaStore          *self);
/* Whether a count is making the counter's connection, or running its query, now (for
 * tests). */
gboolean            fascia_store_counter_is_connecting (FasciaStoreCounter  *counter);
gboolean            fascia_store_counter_is_counting   (FasciaStoreCounter  *counter);
void                fascia_store_counter_set_answer_timeout (FasciaStoreCounter *counter,
                                                             guint               milliseconds);
guint               fascia_store_counter_get_answer_timeout (FasciaStoreCounter *counter);
void                fascia_store_count_clients_async  (FasciaStore          *self,
                                                       const char           *text,
                                                       FasciaStoreListFlags  flags,
                                                       FasciaPagedList      *list);
/* @store: the counter's connection, or %NULL when @func's work cannot run */
typedef void (*FasciaStoreCounterFunc) (FasciaStore  *store,
                                        gpointer      data,
                                        GCancellable *cancellable);
void                fascia_store_run_on_counter       (FasciaStoreCounter   *counter,
                                                       FasciaStoreCounterFunc func,
                                                       gpointer              data,
                                                       GDestroyNotify        destroy,
                                                       GCancellable         *cancellable);

G_END_DECLS
