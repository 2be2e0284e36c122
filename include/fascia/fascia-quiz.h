/* fascia-quiz.h — one round of study questions generated from the atlas, deterministic for a
 * seed, with its answers and score. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-atlas.h"
#include "fascia-quiz-question.h"
#include "fascia-study-progress.h"

G_BEGIN_DECLS

#define FASCIA_QUIZ_ERROR (fascia_quiz_error_quark ())

typedef enum
{
  FASCIA_QUIZ_ERROR_NO_QUESTIONS,  /* the atlas offers nothing to ask of that kind */
} FasciaQuizError;

GQuark fascia_quiz_error_quark (void);

#define FASCIA_QUIZ_DEFAULT_N_QUESTIONS 10

#define FASCIA_TYPE_QUIZ (fascia_quiz_get_type ())

G_DECLARE_FINAL_TYPE (FasciaQuiz, fascia_quiz, FASCIA, QUIZ, GObject)

FasciaQuiz         *fascia_quiz_new                (FasciaAtlas         *atlas,
                                                    FasciaQuizKind       kind,
                                                    guint                n_questions,
                                                    guint32              seed,
                                                    FasciaStudyProgress *progress,
                                                    gint64               now,
                                                    GError             **error);

FasciaQuizKind      fascia_quiz_get_kind           (FasciaQuiz          *self);
guint32             fascia_quiz_get_seed           (FasciaQuiz          *self);
GListModel         *fascia_quiz_get_questions      (FasciaQuiz          *self);
guint               fascia_quiz_get_n_questions    (FasciaQuiz          *self);
FasciaQuizQuestion *fascia_quiz_get_question       (FasciaQuiz          *self,
                                                    guint                index);

guint               fascia_quiz_get_position       (FasciaQuiz          *self);
FasciaQuizQuestion *fascia_quiz_get_current        (FasciaQuiz          *self);
gboolean            fascia_quiz_answer_choice      (FasciaQuiz          *self,
                                                    guint                choice);
gboolean            fascia_quiz_answer_region      (FasciaQuiz          *self,
                                                    const char          *region_id);
gboolean            fascia_quiz_next               (FasciaQuiz          *self);
gboolean            fascia_quiz_get_finished       (FasciaQuiz          *self);

guint               fascia_quiz_get_score          (FasciaQuiz          *self);
guint               fascia_quiz_get_n_answered     (FasciaQuiz          *self);
GListModel         *fascia_quiz_get_missed         (FasciaQuiz          *self);

G_END_DECLS
