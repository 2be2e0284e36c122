/* fascia-store.h — the client database: clients, plans, visits, body charts, study results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-store-types.h"
#include "fascia-amendment.h"
#include "fascia-client.h"
#include "fascia-csv-import.h"
#include "fascia-finding.h"
#include "fascia-home-exercise.h"
#include "fascia-pain-mark.h"
#include "fascia-plan.h"
#include "fascia-plan-target.h"
#include "fascia-study-item.h"
#include "fascia-visit.h"

G_BEGIN_DECLS

/* A visit's pain scores alone, as the progress chart draws them (fascia_store_list_visit_scores()). */
typedef struct
{
  gint64 visited_at;   /* microseconds since the Unix epoch, UTC */
  int    pain_before;  /* 0–10, or -1 when none was recorded */
  int    pain_after;
} FasciaVisitScores;

/* The most visits a progress chart shows: the latest ones. */
#define FASCIA_STORE_MAX_VISIT_SCORES 1000

#define FASCIA_STORE_ERROR (fascia_store_error_quark ())

typedef enum
{
  FASCIA_STORE_ERROR_FAILED,          /* anything not listed below */
  FASCIA_STORE_ERROR_NOT_A_DATABASE,  /* not a Fascia database, or damaged beyond opening */
  FASCIA_STORE_ERROR_CORRUPT,         /* damaged: a page or index is wrong */
  FASCIA_STORE_ERROR_TOO_NEW,         /* made by a newer Fascia */
  FASCIA_STORE_ERROR_BUSY,            /* another program holds the database */
  FASCIA_STORE_ERROR_READ_ONLY,       /* the file or its folder cannot be written */
  FASCIA_STORE_ERROR_DISK_FULL,
  FASCIA_STORE_ERROR_IO,
  FASCIA_STORE_ERROR_INVALID,         /* a value out of range, an unknown atlas id, a bad CSV row */
  FASCIA_STORE_ERROR_NOT_FOUND,       /* no such row, or it was deleted */
  FASCIA_STORE_ERROR_EXISTS,          /* would overwrite a file that must be kept, or
                                       * repeat a client already there */
  FASCIA_STORE_ERROR_CONFLICT,        /* saved by someone else since it was read: nothing
                                       * was saved; read it again and let the user choose */
  FASCIA_STORE_ERROR_DENIED,          /* the clinic server's grants keep this login from it */
  FASCIA_STORE_ERROR_UNSETTLED,       /* a clinic server left a job's COMMIT unanswered and
                                       * cannot tell yet whether it was done: it may have
                                       * been (the message says what to look for) */
} FasciaStoreError;

GQuark fascia_store_error_quark (void);

/* The longest note (a visit's, a client's, a plan's goals…) the store saves, in bytes: the
 * editors refuse text past it as it is typed or pasted. */
#define FASCIA_STORE_MAX_NOTE (16 * 1024 * 1024)

/* The largest CSV file fascia_store_import_clients() takes, in bytes. */
#define FASCIA_STORE_MAX_IMPORT_SIZE (64 * 1024 * 1024)

/**
 * FasciaStoreProgressFunc:
 * @fraction: how much of the work is done, 0 to 1
 *
 * Told how far a long piece of work (a backup, an import) has got.
 */
typedef void (*FasciaStoreProgressFunc) (double   fraction,
                                         gpointer user_data);

typedef enum
{
  FASCIA_STORE_OPEN_NONE      = 0,
  FASCIA_STORE_OPEN_NO_BACKUP = 1 << 0,  /* skip the daily backup (benchmarks, the demo) */
  FASCIA_STORE_OPEN_NO_DAILY_BACKUP = 1 << 1,  /* the caller makes it, in a worker
                                                * (fascia_store_backup_async()) */
} FasciaStoreOpenFlags;

typedef enum
{
  FASCIA_STORE_LIST_NONE     = 0,
  FASCIA_STORE_LIST_ARCHIVED = 1 << 0,  /* include archived clients */
  FASCIA_STORE_LIST_GROWING  = 1 << 1,  /* a search's length is counted only up to a bound,
                                         * and the list grows as its end is read */
} FasciaStoreListFlags;

/* What an atlas id names, for FasciaStoreIdValidator. */
typedef enum
{
  FASCIA_STORE_ID_MUSCLE,
  FASCIA_STORE_ID_TECHNIQUE,
  FASCIA_STORE_ID_VIEW,
} FasciaStoreIdKind;

/**
 * FasciaStoreIdValidator:
 * @kind: what @id should name
 * @id: a slug such as `psoas-major`
 * @user_data: the data given to fascia_store_set_id_validator()
 *
 * Returns: whether @id exists in the atlas.
 */
typedef gboolean (*FasciaStoreIdValidator) (FasciaStoreIdKind  kind,
                                            const char        *id,
                                            gpointer           user_data);

/* What a backup holds, told before a restore replaces anything. */
typedef struct
{
  guint      n_clients;
  guint      n_visits;
  GDateTime *last_visit;  /* (nullable): the latest visit */
  GDateTime *modified;    /* (nullable): when the file was last written */
} FasciaBackupSummary;

/* The number of daily backups kept in `<folder of the database>/backups/`. */
#define FASCIA_STORE_BACKUPS_KEPT 10

#define FASCIA_TYPE_STORE (fascia_store_get_type ())

G_DECLARE_FINAL_TYPE (FasciaStore, fascia_store, FASCIA, STORE, GObject)

/**
 * FasciaStoreAccess:
 * @FASCIA_STORE_ACCESS_FULL: every record (a file; a therapist on a clinic server)
 * @FASCIA_STORE_ACCESS_CONTACTS: clients' contact details and archive state only (the front
 *   desk of a clinic server, role fascia_reception): no health notes or intake flags, no
 *   plans, visits, notes, pain marks, findings or amendments. The server refuses the rest.
 */
typedef enum
{
  FASCIA_STORE_ACCESS_FULL,
  FASCIA_STORE_ACCESS_CONTACTS,
} FasciaStoreAccess;

/**
 * FasciaStoreCapabilities:
 * @FASCIA_STORE_CAN_CLINICAL: read and write intake health notes and flags, plans, visits,
 *   notes, pain marks, findings and amendments; and so export, import and back up whole
 *   records
 * @FASCIA_STORE_CAN_STUDY: keep study results and Leitner boxes
 * @FASCIA_STORE_CAN_DELETE_CLIENTS: delete a client (and undo it)
 * @FASCIA_STORE_CAN_MOVE_TO_SERVER: the records are in a file on this computer, which can be
 *   copied to a clinic server (Preferences, "Move to a Clinic Server…")
 *
 * What the window may offer, as the store found it when it opened: every page asks this,
 * never which engine is behind the store. A clinic server's grants decide it for each
 * login; a file can do everything.
 */
typedef enum
{
  FASCIA_STORE_CAN_CLINICAL        = 1 << 0,
  FASCIA_STORE_CAN_STUDY           = 1 << 1,
  FASCIA_STORE_CAN_DELETE_CLIENTS  = 1 << 2,
  FASCIA_STORE_CAN_MOVE_TO_SERVER  = 1 << 3,
} FasciaStoreCapabilities;

/* The file */
FasciaStore        *fascia_store_open                  (const char              *path,
                                                        GError                 **error);
void                fascia_store_preload               (void);
FasciaStore        *fascia_store_open_full             (const char              *path,
                                                        FasciaStoreOpenFlags     flags,
                                                        GError                 **error);
FasciaStore        *fascia_store_open_in_background    (const char              *database,
                                                        GError                 **error);
FasciaStore        *fascia_store_open_another          (FasciaStore             *self,
                                                        GError                 **error);
FasciaStore        *fascia_store_open_for_job          (const char              *database,
                                                        GError                 **error);
/* What an export writes, read from @reader, a connection of its own (in a worker). */
typedef GBytes *(*FasciaStoreExportFunc) (FasciaStore   *reader,
                                          GCancellable  *cancellable,
                                          gpointer       data,
                                          GError       **error);
gboolean            fascia_store_export_file           (FasciaStore             *self,
                                                        const char              *path,
                                                        FasciaStoreExportFunc    read,
                                                        gpointer                 data,
                                                        GCancellable            *cancellable,
                                                        GError                 **error);
const char         *fascia_store_get_path              (FasciaStore             *self);
char               *fascia_store_get_backup_dir        (FasciaStore             *self);
int                 fascia_store_get_schema_version    (FasciaStore             *self);
char               *fascia_store_describe_engines      (void);
gboolean            fascia_store_is_server_database    (const char              *database);
const GError       *fascia_store_get_backup_warning    (FasciaStore             *self);
int                 fascia_store_get_latest_schema_version (void);
gboolean            fascia_store_is_demo               (FasciaStore             *self);
FasciaStoreAccess   fascia_store_get_access            (FasciaStore             *self);
FasciaStoreCapabilities fascia_store_get_capabilities (FasciaStore             *self);
gboolean            fascia_store_is_connected          (FasciaStore             *self);
void                fascia_store_move_to_server_async  (FasciaStore             *self,
                                                        const char              *conninfo,
                                                        const char              *password,
                                                        gboolean                 remember,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean            fascia_store_move_to_server_finish (FasciaStore             *self,
                                                        GAsyncResult            *result,
                                                        char                   **warning,
                                                        GError                 **error);
void                fascia_store_set_busy_timeout      (FasciaStore             *self,
                                                        guint                    milliseconds);
void                fascia_store_set_id_validator      (FasciaStore             *self,
                                                        FasciaStoreIdValidator   validator,
                                                        gpointer                 user_data,
                                                        GDestroyNotify           destroy);
gboolean            fascia_store_watch_others          (FasciaStore             *self,
                                                        GError                 **error);
void                fascia_store_close                 (FasciaStore             *self);

/* Backups */
gboolean            fascia_store_backup                (FasciaStore             *self,
                                                        const char              *destination,
                                                        GError                 **error);
char               *fascia_store_backup_daily          (FasciaStore             *self,
                                                        GError                 **error);
void                fascia_store_backup_async          (FasciaStore             *self,
                                                        const char              *destination,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
char               *fascia_store_backup_finish         (FasciaStore             *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
gboolean            fascia_store_copy_database_to      (const char              *from,
                                                        const char              *to,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GString                 *report,
                                                        GError                 **error);
gboolean            fascia_store_setup_clinic          (const char              *conninfo,
                                                        GString                 *report,
                                                        GError                 **error);
void                fascia_store_restore_async         (FasciaStore             *self,
                                                        const char              *source,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
char               *fascia_store_restore_finish        (FasciaStore             *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
gboolean            fascia_store_describe_backup       (const char              *path,
                                                        FasciaBackupSummary     *summary,
                                                        GError                 **error);
void                fascia_backup_summary_clear        (FasciaBackupSummary     *summary);
gboolean            fascia_store_restore               (const char              *database,
                                                        const char              *source,
                                                        char                   **kept_copy,
                                                        GError                 **error);
gboolean            fascia_store_create_demo           (const char              *path,
                                                        GError                 **error);
gboolean            fascia_store_create_demo_full      (const char              *path,
                                                        guint                    n_more_clients,
                                                        GError                 **error);

/* Soft delete of a row of any table but amendments and study results */
gboolean            fascia_store_delete                (FasciaStore             *self,
                                                        FasciaStoreTable         table,
                                                        gint64                   id,
                                                        GError                 **error);
gboolean            fascia_store_undelete              (FasciaStore             *self,
                                                        FasciaStoreTable         table,
                                                        gint64                   id,
                                                        GError                 **error);
guint               fascia_store_purge_deleted         (FasciaStore             *self,
                                                        GDateTime               *deleted_before,
                                                        GError                 **error);

/* Clients */
gboolean            fascia_store_add_client            (FasciaStore             *self,
                                                        FasciaClient            *client,
                                                        GError                 **error);
gboolean            fascia_store_update_client         (FasciaStore             *self,
                                                        FasciaClient            *client,
                                                        GError                 **error);
gboolean            fascia_store_update_client_full    (FasciaStore             *self,
                                                        FasciaClient            *client,
                                                        FasciaClient           **theirs,
                                                        GError                 **error);
gboolean            fascia_store_set_client_archived   (FasciaStore             *self,
                                                        gint64                   client_id,
                                                        gboolean                 archived,
                                                        GError                 **error);
FasciaClient       *fascia_store_get_client            (FasciaStore             *self,
                                                        gint64                   client_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_clients          (FasciaStore             *self,
                                                        const char              *query,
                                                        FasciaStoreListFlags     flags,
                                                        GError                 **error);
guint               fascia_store_find_client           (FasciaStore             *self,
                                                        GListModel              *clients,
                                                        gint64                   client_id);
void                fascia_store_finish_clients        (FasciaStore             *self,
                                                        GListModel              *clients);
gboolean            fascia_store_import_clients        (FasciaStore             *self,
                                                        GBytes                  *csv,
                                                        guint                   *n_imported,
                                                        char                  ***ignored_columns,
                                                        GError                 **error);
gboolean            fascia_store_check_csv_import      (FasciaStore             *self,
                                                        FasciaCsvImport         *import,
                                                        FasciaDuplicates         duplicates,
                                                        FasciaCsvImportCounts   *counts,
                                                        char                  ***problems,
                                                        GError                 **error);
gboolean            fascia_store_check_csv_import_full (FasciaStore             *self,
                                                        FasciaCsvImport         *import,
                                                        FasciaDuplicates         duplicates,
                                                        FasciaCsvImportCounts   *counts,
                                                        char                  ***problems,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GError                 **error);
gboolean            fascia_store_import_csv            (FasciaStore             *self,
                                                        FasciaCsvImport         *import,
                                                        FasciaDuplicates         duplicates,
                                                        FasciaCsvImportCounts   *counts,
                                                        GError                 **error);
gboolean            fascia_store_import_csv_full       (FasciaStore             *self,
                                                        FasciaCsvImport         *import,
                                                        FasciaDuplicates         duplicates,
                                                        FasciaCsvImportCounts   *counts,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GError                 **error);
void                fascia_store_import_csv_async      (FasciaStore             *self,
                                                        FasciaCsvImport         *import,
                                                        FasciaDuplicates         duplicates,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean            fascia_store_import_csv_finish     (FasciaStore             *self,
                                                        GAsyncResult            *result,
                                                        FasciaCsvImportCounts   *counts,
                                                        GError                 **error);
void                fascia_store_check_csv_import_async (FasciaStore            *self,
                                                        FasciaCsvImport         *import,
                                                        FasciaDuplicates         duplicates,
                                                        GCancellable            *cancellable,
                                                        FasciaStoreProgressFunc  progress,
                                                        gpointer                 progress_data,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean            fascia_store_check_csv_import_finish (FasciaStore           *self,
                                                        GAsyncResult            *result,
                                                        FasciaCsvImportCounts   *counts,
                                                        char                  ***problems,
                                                        GError                 **error);

/* Plans */
gboolean            fascia_store_add_plan              (FasciaStore             *self,
                                                        FasciaPlan              *plan,
                                                        GError                 **error);
gboolean            fascia_store_update_plan           (FasciaStore             *self,
                                                        FasciaPlan              *plan,
                                                        GError                 **error);
gboolean            fascia_store_update_plan_full      (FasciaStore             *self,
                                                        FasciaPlan              *plan,
                                                        FasciaPlan             **theirs,
                                                        GError                 **error);
FasciaPlan         *fascia_store_get_plan              (FasciaStore             *self,
                                                        gint64                   plan_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_plans            (FasciaStore             *self,
                                                        gint64                   client_id,
                                                        GError                 **error);

/* Plan targets */
gboolean            fascia_store_add_plan_target       (FasciaStore             *self,
                                                        FasciaPlanTarget        *target,
                                                        GError                 **error);
gboolean            fascia_store_update_plan_target    (FasciaStore             *self,
                                                        FasciaPlanTarget        *target,
                                                        GError                 **error);
FasciaPlanTarget   *fascia_store_get_plan_target       (FasciaStore             *self,
                                                        gint64                   target_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_plan_targets     (FasciaStore             *self,
                                                        gint64                   plan_id,
                                                        GError                 **error);
gboolean            fascia_store_reorder_plan_targets  (FasciaStore             *self,
                                                        gint64                   plan_id,
                                                        const gint64            *target_ids,
                                                        gsize                    n_target_ids,
                                                        GError                 **error);

/* Home exercises */
gboolean            fascia_store_add_home_exercise     (FasciaStore             *self,
                                                        FasciaHomeExercise      *exercise,
                                                        GError                 **error);
gboolean            fascia_store_update_home_exercise  (FasciaStore             *self,
                                                        FasciaHomeExercise      *exercise,
                                                        GError                 **error);
FasciaHomeExercise *fascia_store_get_home_exercise     (FasciaStore             *self,
                                                        gint64                   exercise_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_home_exercises   (FasciaStore             *self,
                                                        gint64                   plan_id,
                                                        GError                 **error);

/* Visits */
gboolean            fascia_store_add_visit             (FasciaStore             *self,
                                                        FasciaVisit             *visit,
                                                        GError                 **error);
gboolean            fascia_store_update_visit          (FasciaStore             *self,
                                                        FasciaVisit             *visit,
                                                        GError                 **error);
gboolean            fascia_store_update_visit_full     (FasciaStore             *self,
                                                        FasciaVisit             *visit,
                                                        FasciaVisit            **theirs,
                                                        GError                 **error);
gboolean            fascia_store_save_visit_field      (FasciaStore             *self,
                                                        FasciaVisit             *visit,
                                                        FasciaVisitField         field,
                                                        const char              *text,
                                                        FasciaVisit            **theirs,
                                                        GError                 **error);
gboolean            fascia_store_update_visit_field    (FasciaStore             *self,
                                                        gint64                   visit_id,
                                                        FasciaVisitField         field,
                                                        const char              *text,
                                                        GError                 **error);
FasciaVisit        *fascia_store_get_visit             (FasciaStore             *self,
                                                        gint64                   visit_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_visits           (FasciaStore             *self,
                                                        gint64                   client_id,
                                                        GError                 **error);
GArray             *fascia_store_list_visit_scores     (FasciaStore             *self,
                                                        gint64                   client_id,
                                                        guint                    max_visits,
                                                        GError                 **error);
FasciaVisit        *fascia_store_repeat_last_visit     (FasciaStore             *self,
                                                        gint64                   client_id,
                                                        GDateTime               *visited_at,
                                                        GError                 **error);
GListModel         *fascia_store_list_amendments       (FasciaStore             *self,
                                                        gint64                   visit_id,
                                                        GError                 **error);

/* Pain marks (the body chart of a visit) */
gboolean            fascia_store_add_pain_mark         (FasciaStore             *self,
                                                        FasciaPainMark          *mark,
                                                        GError                 **error);
gboolean            fascia_store_update_pain_mark      (FasciaStore             *self,
                                                        FasciaPainMark          *mark,
                                                        GError                 **error);
FasciaPainMark     *fascia_store_get_pain_mark         (FasciaStore             *self,
                                                        gint64                   mark_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_pain_marks       (FasciaStore             *self,
                                                        gint64                   visit_id,
                                                        GError                 **error);

/* Findings */
gboolean            fascia_store_add_finding           (FasciaStore             *self,
                                                        FasciaFinding           *finding,
                                                        GError                 **error);
gboolean            fascia_store_update_finding        (FasciaStore             *self,
                                                        FasciaFinding           *finding,
                                                        GError                 **error);
FasciaFinding      *fascia_store_set_finding_flags     (FasciaStore             *self,
                                                        gint64                   visit_id,
                                                        const char              *muscle_id,
                                                        FasciaSide               side,
                                                        FasciaFindingFlags       flags,
                                                        GError                 **error);
FasciaFinding      *fascia_store_get_finding           (FasciaStore             *self,
                                                        gint64                   finding_id,
                                                        GError                 **error);
GListModel         *fascia_store_list_findings         (FasciaStore             *self,
                                                        gint64                   visit_id,
                                                        GError                 **error);

/* Study results */
gboolean            fascia_store_add_study_result      (FasciaStore             *self,
                                                        const char              *item_id,
                                                        const char              *quiz_kind,
                                                        gboolean                 correct,
                                                        GDateTime               *answered_at,
                                                        GError                 **error);
FasciaStudyItem    *fascia_store_get_study_item        (FasciaStore             *self,
                                                        const char              *item_id,
                                                        const char              *quiz_kind,
                                                        GError                 **error);
GListModel         *fascia_store_list_study_items      (FasciaStore             *self,
                                                        const char              *quiz_kind,
                                                        GError                 **error);

G_END_DECLS
