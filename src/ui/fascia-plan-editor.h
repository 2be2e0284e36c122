/* fascia-plan-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

#include "fascia-diagram-view.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_PLAN_EDITOR (fascia_plan_editor_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPlanEditor, fascia_plan_editor, FASCIA, PLAN_EDITOR, AdwBin)

void               fascia_plan_editor_set_store          (FasciaPlanEditor *self,
                                                          FasciaStore      *store);
void               fascia_plan_editor_set_client         (FasciaPlanEditor *self,
                                                          FasciaClient     *client);
FasciaPlan        *fascia_plan_editor_get_plan           (FasciaPlanEditor *self);
void               fascia_plan_editor_set_plan           (FasciaPlanEditor *self,
                                                          FasciaPlan       *plan);
void               fascia_plan_editor_flush              (FasciaPlanEditor *self);
void               fascia_plan_editor_reload             (FasciaPlanEditor *self);
void               fascia_plan_editor_focus_title        (FasciaPlanEditor *self);
void               fascia_plan_editor_refresh_warnings   (FasciaPlanEditor *self);
gboolean           fascia_plan_editor_toggle_region      (FasciaPlanEditor *self,
                                                          const char       *region_id);
gboolean           fascia_plan_editor_add_technique      (FasciaPlanEditor *self,
                                                          const char       *technique_id,
                                                          const char       *muscle_id);
GListModel        *fascia_plan_editor_get_targets        (FasciaPlanEditor *self);
const char        *fascia_plan_editor_get_warning        (FasciaPlanEditor *self);
FasciaDiagramView *fascia_plan_editor_get_diagram_view   (FasciaPlanEditor *self);
void               fascia_plan_editor_show_view          (FasciaPlanEditor *self,
                                                          const char       *view_id);

G_END_DECLS
