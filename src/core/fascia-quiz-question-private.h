/* fascia-quiz-question-private.h — how FasciaQuiz builds and answers its questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-quiz-question.h"

G_BEGIN_DECLS

FasciaQuizQuestion *_fascia_quiz_question_new         (FasciaQuizKind      kind,
                                                       const char         *muscle_id,
                                                       FasciaSide          side,
                                                       const char         *view_id,
                                                       const char         *detail);
void                _fascia_quiz_question_set_texts   (FasciaQuizQuestion *self,
                                                       const char         *prompt,
                                                       const char         *hint,
                                                       const char         *correct_text);
void                _fascia_quiz_question_add_choice  (FasciaQuizQuestion *self,
                                                       const char         *id,
                                                       const char         *text,
                                                       gboolean            correct);
void                _fascia_quiz_question_shuffle     (FasciaQuizQuestion *self,
                                                       GRand              *rand);
void                _fascia_quiz_question_add_mark    (FasciaQuizQuestion *self,
                                                       const char         *region_id,
                                                       FasciaQuizMark      mark,
                                                       FasciaQuizStage     stage);
void                _fascia_quiz_question_set_answer  (FasciaQuizQuestion *self,
                                                       guint               choice,
                                                       const char         *region_id,
                                                       const char         *answer_text,
                                                       gboolean            correct);

G_END_DECLS
