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

/* One unsaved edit: a SOAP note of a visit as the user typed it, and the revision of the
 * visit the editor had read (so that its save on reconnect meets any other save since). */
typedef struct
{
  gint64            visit_id;
  gint64            revision;
  FasciaVisitField  field;
  char             *text;
} FasciaJournalEdit;

/* How fascia_store_replay_journal() ended for one edit. */
typedef enum
{
  FASCIA_JOURNAL_SAVED,      /* saved now */
  FASCIA_JOURNAL_ALREADY,    /* the row holds this text already (saved before the line fell) */
  FASCIA_JOURNAL_CONFLICT,   /* someone else saved the visit meanwhile: nothing saved */
  FASCIA_JOURNAL_GONE,       /* the visit was deleted meanwhile */
} FasciaJournalOutcome;

/* Called for each edit replayed; @theirs is the visit as it is now on a conflict. */
typedef void (*FasciaJournalReplayFunc) (const FasciaJournalEdit *edit,
                                         FasciaJournalOutcome     outcome,
                                         FasciaVisit             *theirs,
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

void                     fascia_store_set_journal    (FasciaStore              *store,
                                                      FasciaJournal            *journal);
FasciaJournal           *fascia_store_get_journal    (FasciaStore              *store);
gboolean                 fascia_store_replay_journal (FasciaStore              *store,
                                                      FasciaJournal            *journal,
                                                      FasciaJournalReplayFunc   func,
                                                      gpointer                  user_data,
                                                      GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaJournal, fascia_journal_free)

G_END_DECLS
