/* fascia-store-journal.h — edits kept on this computer while the clinic server cannot be
 * reached, saved to it when it is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-store.h"

G_BEGIN_DECLS

/* The largest journal file read back, and the most edits it holds. */
#define FASCIA_JOURNAL_MAX_SIZE  (64 * 1024 * 1024)
#define FASCIA_JOURNAL_MAX_EDITS 1024

typedef struct _FasciaJournal FasciaJournal;

/* What an unsaved edit changes: each is what one of the editors saves at a time. */
typedef enum
{
  FASCIA_JOURNAL_NOTE,         /* a SOAP note of a visit (fascia_store_save_visit_field()) */
  FASCIA_JOURNAL_CLIENT,       /* a client's details and intake (fascia_store_update_client_full()) */
  FASCIA_JOURNAL_PLAN,         /* a plan's fields (fascia_store_update_plan_full()) */
  FASCIA_JOURNAL_VISIT,        /* a visit's date, plan, pain scores and treated targets, not its
                                * notes (fascia_store_update_visit_full()) */
  FASCIA_JOURNAL_PLAN_TARGET,  /* a plan target, changed or (provisional id below 0) added */
  FASCIA_JOURNAL_PAIN_MARK,    /* a body-chart mark, changed or (provisional id below 0) added */
  FASCIA_JOURNAL_FINDING,      /* a muscle's findings on a visit (fascia_store_set_finding_flags()) */
  FASCIA_JOURNAL_REMOVAL,      /* a plan target or body-chart mark removed (fascia_store_delete()) */
} FasciaJournalKind;

#define FASCIA_JOURNAL_LAST_KIND FASCIA_JOURNAL_REMOVAL

/* One unsaved edit, as the user left it, and the revision of the row the editor had read
 * (so that its save on reconnect meets any other save since). */
typedef struct
{
  gint64             id;        /* NOTE: the visit; else the row: for a row added, a
                                 * provisional id below 0 (a plan target or mark: 0 in a
                                 * journal of before) */
  gint64             revision;  /* NOTE, CLIENT, PLAN, VISIT: the revision read (0 for one
                                 * added); a plan
                                 * target or mark added without a token (a journal of
                                 * version 2): the lowest id the row can have on the server
                                 * (0: any, its save may have reached it; G_MAXINT64: none,
                                 * nothing was sent); else 0 */
  FasciaVisitField   field;     /* NOTE: which note; REMOVAL: the FasciaStoreTable */
  char              *text;      /* NOTE: its text; else "" */
  FasciaJournalKind  kind;
  GVariant          *values;    /* else: a{sv}, the row's properties (nicks) as left (none for
                                 * a REMOVAL; a visit added: with its notes); NULL for NOTE */
  char              *token;     /* a row added: the token its INSERT carries
                                 * (the row's add_token), by which the replay knows whether the
                                 * server holds it; NULL else, and in a journal of before */
} FasciaJournalEdit;

/* How fascia_store_replay_journal() ended for one edit. */
typedef enum
{
  FASCIA_JOURNAL_SAVED,      /* saved now */
  FASCIA_JOURNAL_ALREADY,    /* the row holds this already (saved before the line fell) */
  FASCIA_JOURNAL_CONFLICT,   /* someone else saved the row meanwhile: nothing saved */
  FASCIA_JOURNAL_GONE,       /* the row (or the one it belongs to) was deleted meanwhile */
  FASCIA_JOURNAL_REFUSED,    /* the server refused it (a value no longer allowed): dropped */
} FasciaJournalOutcome;

/* Called for each edit replayed; @theirs is the row as it is now on a conflict (a
 * #FasciaVisit for a NOTE). */
typedef void (*FasciaJournalReplayFunc) (const FasciaJournalEdit *edit,
                                         FasciaJournalOutcome     outcome,
                                         GObject                 *theirs,
                                         gpointer                 user_data);

char                    *fascia_journal_default_path (const char               *database_name);
FasciaJournal           *fascia_store_open_journal   (FasciaStore              *store,
                                                      GError                  **error);
FasciaJournal           *fascia_journal_open         (const char               *path,
                                                      const char               *database_name,
                                                      GError                  **error);
void                     fascia_journal_free         (FasciaJournal            *self);
const char              *fascia_journal_get_path     (FasciaJournal            *self);
guint                    fascia_journal_get_n_edits  (FasciaJournal            *self);
guint                    fascia_journal_take_n_gone  (FasciaJournal            *self);
const FasciaJournalEdit *fascia_journal_get_edit     (FasciaJournal            *self,
                                                      guint                     index);
const FasciaJournalEdit *fascia_journal_lookup       (FasciaJournal            *self,
                                                      gint64                    visit_id,
                                                      FasciaVisitField          field);
gboolean                 fascia_journal_put          (FasciaJournal            *self,
                                                      gint64                    visit_id,
                                                      gint64                    revision,
                                                      FasciaVisitField          field,
                                                      const char               *text,
                                                      GError                  **error);
gboolean                 fascia_journal_remove       (FasciaJournal            *self,
                                                      gint64                    visit_id,
                                                      FasciaVisitField          field,
                                                      GError                  **error);
gboolean                 fascia_journal_put_row      (FasciaJournal            *self,
                                                      FasciaJournalKind         kind,
                                                      GObject                  *row,
                                                      gint64                    revision,
                                                      GError                  **error);
gboolean                 fascia_journal_remove_edit  (FasciaJournal            *self,
                                                      const FasciaJournalEdit  *edit,
                                                      GError                  **error);
gboolean                 fascia_journal_apply        (const FasciaJournalEdit  *edit,
                                                      GObject                  *row,
                                                      GError                  **error);

void                     fascia_store_set_journal    (FasciaStore              *store,
                                                      FasciaJournal            *journal);
FasciaJournal           *fascia_store_get_journal    (FasciaStore              *store);
gboolean                 fascia_store_edit_was_kept  (FasciaStore              *store,
                                                      const GError             *error);
GListModel              *fascia_store_list_added_kept (FasciaStore             *store,
                                                       FasciaStoreTable         table,
                                                       gint64                   parent_id);
GListModel              *fascia_store_list_clients_kept (FasciaStore           *store,
                                                         const char            *text,
                                                         FasciaStoreListFlags   flags);
GListModel              *fascia_store_list_changed_kept (FasciaStore           *store,
                                                         FasciaStoreTable       table,
                                                         gint64                 client_id);
GObject                 *fascia_store_get_kept       (FasciaStore              *store,
                                                      FasciaStoreTable          table,
                                                      gint64                    id);
gboolean                 fascia_store_is_kept        (FasciaStore              *store,
                                                      FasciaStoreTable          table,
                                                      gint64                    id);
gboolean                 fascia_store_replay_journal (FasciaStore              *store,
                                                      FasciaJournal            *journal,
                                                      FasciaJournalReplayFunc   func,
                                                      gpointer                  user_data,
                                                      GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaJournal, fascia_journal_free)

G_END_DECLS
