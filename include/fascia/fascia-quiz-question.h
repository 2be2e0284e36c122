/* fascia-quiz-question.h — one question of a study round: what is asked, the choices, the
 * regions to light on the diagram, and, once answered, what was answered. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-types.h"

G_BEGIN_DECLS

/* The kinds of question; the nick (fascia_quiz_kind_to_string()) is stored in the database. */
typedef enum
{
  FASCIA_QUIZ_KIND_FIND_MUSCLE,  /* "find-muscle": click the muscle on the diagram */
  FASCIA_QUIZ_KIND_ATTACHMENT,   /* "attachment": choose an origin or an insertion */
  FASCIA_QUIZ_KIND_REFERRAL,     /* "referral": which muscle refers pain to the zone shown */
  FASCIA_QUIZ_KIND_NERVE,        /* "nerve": which nerve supplies the muscle */
} FasciaQuizKind;

#define FASCIA_QUIZ_N_KINDS 4

const char *fascia_quiz_kind_to_string   (FasciaQuizKind  kind);
gboolean    fascia_quiz_kind_from_string (const char     *string,
                                          FasciaQuizKind *kind);
const char *fascia_quiz_kind_get_title   (FasciaQuizKind  kind);

/* How a region a question names is to be lit; the UI maps these to FasciaRegionStyle. */
typedef enum
{
  FASCIA_QUIZ_MARK_MUSCLE,     /* the muscle asked about (SELECTED) */
  FASCIA_QUIZ_MARK_ORIGIN,     /* an attachment it arises from (ORIGIN) */
  FASCIA_QUIZ_MARK_INSERTION,  /* an attachment it inserts on (INSERTION) */
  FASCIA_QUIZ_MARK_ZONE,       /* a referral zone (SHOWN) */
} FasciaQuizMark;

/* Whether a mark is shown with the question (the cue) or only once it is answered. */
typedef enum
{
  FASCIA_QUIZ_STAGE_CUE,
  FASCIA_QUIZ_STAGE_ANSWER,
} FasciaQuizStage;

#define FASCIA_QUIZ_NO_CHOICE G_MAXUINT

#define FASCIA_TYPE_QUIZ_QUESTION (fascia_quiz_question_get_type ())

G_DECLARE_FINAL_TYPE (FasciaQuizQuestion, fascia_quiz_question, FASCIA, QUIZ_QUESTION, GObject)

FasciaQuizKind      fascia_quiz_question_get_kind           (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_muscle_id      (FasciaQuizQuestion *self);
FasciaSide          fascia_quiz_question_get_side           (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_view_id        (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_detail         (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_prompt         (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_hint           (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_correct_text   (FasciaQuizQuestion *self);

guint               fascia_quiz_question_get_n_choices      (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_choice_text    (FasciaQuizQuestion *self,
                                                             guint               index);
const char         *fascia_quiz_question_get_choice_id      (FasciaQuizQuestion *self,
                                                             guint               index);
guint               fascia_quiz_question_get_correct_choice (FasciaQuizQuestion *self);

guint               fascia_quiz_question_get_n_marks        (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_mark           (FasciaQuizQuestion *self,
                                                             guint               index,
                                                             FasciaQuizMark     *mark,
                                                             FasciaQuizStage    *stage);

gboolean            fascia_quiz_question_is_right_region    (FasciaQuizQuestion *self,
                                                             const char         *region_id);

gboolean            fascia_quiz_question_get_answered       (FasciaQuizQuestion *self);
gboolean            fascia_quiz_question_get_correct        (FasciaQuizQuestion *self);
guint               fascia_quiz_question_get_answer_choice  (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_answer_region  (FasciaQuizQuestion *self);
const char         *fascia_quiz_question_get_answer_text    (FasciaQuizQuestion *self);

G_END_DECLS
