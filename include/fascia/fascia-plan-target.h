/* fascia-plan-target.h — one muscle a plan treats, on one side, with its techniques.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_PLAN_TARGET (fascia_plan_target_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPlanTarget, fascia_plan_target, FASCIA, PLAN_TARGET, GObject)

FasciaPlanTarget    *fascia_plan_target_new                  (void);
gint64               fascia_plan_target_get_id               (FasciaPlanTarget *self);
void                 fascia_plan_target_set_id               (FasciaPlanTarget *self,
                                                              gint64            id);
gint64               fascia_plan_target_get_plan_id          (FasciaPlanTarget *self);
void                 fascia_plan_target_set_plan_id          (FasciaPlanTarget *self,
                                                              gint64            plan_id);
const char          *fascia_plan_target_get_muscle_id        (FasciaPlanTarget *self);
void                 fascia_plan_target_set_muscle_id        (FasciaPlanTarget *self,
                                                              const char       *muscle_id);
FasciaSide           fascia_plan_target_get_side             (FasciaPlanTarget *self);
void                 fascia_plan_target_set_side             (FasciaPlanTarget *self,
                                                              FasciaSide        side);
const char * const  *fascia_plan_target_get_technique_ids    (FasciaPlanTarget *self);
void                 fascia_plan_target_set_technique_ids    (FasciaPlanTarget   *self,
                                                              const char * const *technique_ids);
FasciaPressure       fascia_plan_target_get_pressure         (FasciaPlanTarget *self);
void                 fascia_plan_target_set_pressure         (FasciaPlanTarget *self,
                                                              FasciaPressure    pressure);
guint                fascia_plan_target_get_duration_minutes (FasciaPlanTarget *self);
void                 fascia_plan_target_set_duration_minutes (FasciaPlanTarget *self,
                                                              guint             duration_minutes);
const char          *fascia_plan_target_get_notes            (FasciaPlanTarget *self);
void                 fascia_plan_target_set_notes            (FasciaPlanTarget *self,
                                                              const char       *notes);
guint                fascia_plan_target_get_position         (FasciaPlanTarget *self);
void                 fascia_plan_target_set_position         (FasciaPlanTarget *self,
                                                              guint             position);
GDateTime           *fascia_plan_target_get_created_at       (FasciaPlanTarget *self);
void                 fascia_plan_target_set_created_at       (FasciaPlanTarget *self,
                                                              GDateTime        *created_at);
GDateTime           *fascia_plan_target_get_updated_at       (FasciaPlanTarget *self);
void                 fascia_plan_target_set_updated_at       (FasciaPlanTarget *self,
                                                              GDateTime        *updated_at);

G_END_DECLS
