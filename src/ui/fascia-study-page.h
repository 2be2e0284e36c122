/* fascia-study-page.h — the Study page: quizzes on the diagram, their results and progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-quiz.h"
#include "fascia/fascia-store.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_STUDY_PAGE (fascia_study_page_get_type ())

G_DECLARE_FINAL_TYPE (FasciaStudyPage, fascia_study_page, FASCIA, STUDY_PAGE, GtkWidget)

GtkWidget           *fascia_study_page_new          (void);
FasciaStore         *fascia_study_page_get_store    (FasciaStudyPage *self);
void                 fascia_study_page_set_store    (FasciaStudyPage *self,
                                                     FasciaStore     *store);
void                 fascia_study_page_start        (FasciaStudyPage *self,
                                                     FasciaQuizKind   kind,
                                                     guint32          seed);
FasciaQuiz          *fascia_study_page_get_quiz     (FasciaStudyPage *self);
FasciaStudyProgress *fascia_study_page_get_progress (FasciaStudyPage *self);
GtkWidget           *fascia_study_page_get_diagram_view (FasciaStudyPage *self);
guint                fascia_study_page_get_n_progress_rows (FasciaStudyPage *self);
GtkWidget           *fascia_study_page_get_choice_button (FasciaStudyPage *self,
                                                          guint            index);

G_END_DECLS
