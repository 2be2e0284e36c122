/* fascia-study-progress.h — a student's learning state, derived from their answers:
 * Leitner boxes per study item (a quiz kind and a muscle) and a summary per muscle. No SQL;
 * FasciaStore replays the study_results table into one of these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-quiz-question.h"

G_BEGIN_DECLS

#define FASCIA_LEITNER_N_BOXES 5

#define FASCIA_TYPE_STUDY_PROGRESS (fascia_study_progress_get_type ())

G_DECLARE_FINAL_TYPE (FasciaStudyProgress, fascia_study_progress, FASCIA, STUDY_PROGRESS, GObject)

guint                fascia_leitner_interval_days             (guint                box);

FasciaStudyProgress *fascia_study_progress_new                (void);
void                 fascia_study_progress_add_result         (FasciaStudyProgress *self,
                                                               FasciaQuizKind       kind,
                                                               const char          *muscle_id,
                                                               gboolean             correct,
                                                               gint64               answered_at);
void                 fascia_study_progress_set_item           (FasciaStudyProgress *self,
                                                               FasciaQuizKind       kind,
                                                               const char          *muscle_id,
                                                               guint                box,
                                                               gint64               last_answered,
                                                               guint                n_right,
                                                               guint                n_wrong);
guint                fascia_study_progress_get_box            (FasciaStudyProgress *self,
                                                               FasciaQuizKind       kind,
                                                               const char          *muscle_id);
gint64               fascia_study_progress_get_due            (FasciaStudyProgress *self,
                                                               FasciaQuizKind       kind,
                                                               const char          *muscle_id);
gboolean             fascia_study_progress_is_due             (FasciaStudyProgress *self,
                                                               FasciaQuizKind       kind,
                                                               const char          *muscle_id,
                                                               gint64               now);
gboolean             fascia_study_progress_get_muscle_summary (FasciaStudyProgress *self,
                                                               const char          *muscle_id,
                                                               guint               *box,
                                                               gint64              *last_answered,
                                                               guint               *n_right,
                                                               guint               *n_answered);
guint                fascia_study_progress_get_n_answered     (FasciaStudyProgress *self);

G_END_DECLS
