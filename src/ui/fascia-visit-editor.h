/* fascia-visit-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

#include "fascia-diagram-view.h"
#include "fascia-pain-scale.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_VISIT_EDITOR (fascia_visit_editor_get_type ())

G_DECLARE_FINAL_TYPE (FasciaVisitEditor, fascia_visit_editor, FASCIA, VISIT_EDITOR, AdwBin)

void               fascia_visit_editor_set_store        (FasciaVisitEditor *self,
                                                         FasciaStore       *store);
void               fascia_visit_editor_set_client       (FasciaVisitEditor *self,
                                                         FasciaClient      *client);
void               fascia_visit_editor_set_plans        (FasciaVisitEditor *self,
                                                         GListModel        *plans);
FasciaVisit       *fascia_visit_editor_get_visit        (FasciaVisitEditor *self);
void               fascia_visit_editor_set_visit        (FasciaVisitEditor *self,
                                                         FasciaVisit       *visit);
void               fascia_visit_editor_flush            (FasciaVisitEditor *self);
void               fascia_visit_editor_focus_start      (FasciaVisitEditor *self);
void               fascia_visit_editor_reload           (FasciaVisitEditor *self);
gboolean           fascia_visit_editor_mark_region      (FasciaVisitEditor *self,
                                                         const char        *region_id);
gboolean           fascia_visit_editor_mark_point       (FasciaVisitEditor *self,
                                                         double             x,
                                                         double             y);
GListModel        *fascia_visit_editor_get_marks        (FasciaVisitEditor *self);
FasciaPainScale   *fascia_visit_editor_get_pain_scale   (FasciaVisitEditor *self,
                                                         gboolean           after);
FasciaDiagramView *fascia_visit_editor_get_diagram_view (FasciaVisitEditor *self);

G_END_DECLS
