/* fascia-plan.h — a treatment plan for one client: goals, frequency, status and dates.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_PLAN (fascia_plan_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPlan, fascia_plan, FASCIA, PLAN, GObject)

FasciaPlan      *fascia_plan_new                    (void);
gint64           fascia_plan_get_id                 (FasciaPlan *self);
void             fascia_plan_set_id                 (FasciaPlan *self,
                                                     gint64      id);
gint64           fascia_plan_get_client_id          (FasciaPlan *self);
void             fascia_plan_set_client_id          (FasciaPlan *self,
                                                     gint64      client_id);
const char      *fascia_plan_get_title              (FasciaPlan *self);
void             fascia_plan_set_title              (FasciaPlan *self,
                                                     const char *title);
const char      *fascia_plan_get_goals              (FasciaPlan *self);
void             fascia_plan_set_goals              (FasciaPlan *self,
                                                     const char *goals);
guint            fascia_plan_get_sessions_per_week  (FasciaPlan *self);
void             fascia_plan_set_sessions_per_week  (FasciaPlan *self,
                                                     guint       sessions_per_week);
guint            fascia_plan_get_weeks              (FasciaPlan *self);
void             fascia_plan_set_weeks              (FasciaPlan *self,
                                                     guint       weeks);
FasciaPlanStatus fascia_plan_get_status             (FasciaPlan *self);
void             fascia_plan_set_status             (FasciaPlan       *self,
                                                     FasciaPlanStatus  status);
const char      *fascia_plan_get_start_date         (FasciaPlan *self);
void             fascia_plan_set_start_date         (FasciaPlan *self,
                                                     const char *start_date);
const char      *fascia_plan_get_end_date           (FasciaPlan *self);
void             fascia_plan_set_end_date           (FasciaPlan *self,
                                                     const char *end_date);
const char      *fascia_plan_get_discharge_criteria (FasciaPlan *self);
void             fascia_plan_set_discharge_criteria (FasciaPlan *self,
                                                     const char *discharge_criteria);
GDateTime       *fascia_plan_get_created_at         (FasciaPlan *self);
void             fascia_plan_set_created_at         (FasciaPlan *self,
                                                     GDateTime  *created_at);
GDateTime       *fascia_plan_get_updated_at         (FasciaPlan *self);
void             fascia_plan_set_updated_at         (FasciaPlan *self,
                                                     GDateTime  *updated_at);
gint64           fascia_plan_get_revision           (FasciaPlan *self);
void             fascia_plan_set_revision           (FasciaPlan *self,
                                                     gint64     revision);
const char      *fascia_plan_get_updated_by         (FasciaPlan *self);
void             fascia_plan_set_updated_by         (FasciaPlan *self,
                                                     const char *updated_by);

G_END_DECLS
