/* fascia-visit.h — a session: date, SOAP notes, pain before and after, what was treated.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_VISIT_LOCK_AFTER G_TIME_SPAN_DAY

#define FASCIA_TYPE_VISIT (fascia_visit_get_type ())

G_DECLARE_FINAL_TYPE (FasciaVisit, fascia_visit, FASCIA, VISIT, GObject)

FasciaVisit   *fascia_visit_new                    (void);
gint64         fascia_visit_get_id                 (FasciaVisit *self);
void           fascia_visit_set_id                 (FasciaVisit *self,
                                                    gint64       id);
gint64         fascia_visit_get_client_id          (FasciaVisit *self);
void           fascia_visit_set_client_id          (FasciaVisit *self,
                                                    gint64       client_id);
gint64         fascia_visit_get_plan_id            (FasciaVisit *self);
void           fascia_visit_set_plan_id            (FasciaVisit *self,
                                                    gint64       plan_id);
GDateTime     *fascia_visit_get_visited_at         (FasciaVisit *self);
void           fascia_visit_set_visited_at         (FasciaVisit *self,
                                                    GDateTime   *visited_at);
const char    *fascia_visit_get_subjective         (FasciaVisit *self);
void           fascia_visit_set_subjective         (FasciaVisit *self,
                                                    const char  *subjective);
const char    *fascia_visit_get_objective          (FasciaVisit *self);
void           fascia_visit_set_objective          (FasciaVisit *self,
                                                    const char  *objective);
const char    *fascia_visit_get_assessment         (FasciaVisit *self);
void           fascia_visit_set_assessment         (FasciaVisit *self,
                                                    const char  *assessment);
const char    *fascia_visit_get_plan_notes         (FasciaVisit *self);
void           fascia_visit_set_plan_notes         (FasciaVisit *self,
                                                    const char  *plan_notes);
int            fascia_visit_get_pain_before        (FasciaVisit *self);
void           fascia_visit_set_pain_before        (FasciaVisit *self,
                                                    int          pain_before);
int            fascia_visit_get_pain_after         (FasciaVisit *self);
void           fascia_visit_set_pain_after         (FasciaVisit *self,
                                                    int          pain_after);
const gint64  *fascia_visit_get_treated_target_ids (FasciaVisit *self,
                                                    gsize       *n_ids);
void           fascia_visit_set_treated_target_ids (FasciaVisit  *self,
                                                    const gint64 *ids,
                                                    gsize         n_ids);
GDateTime     *fascia_visit_get_created_at         (FasciaVisit *self);
void           fascia_visit_set_created_at         (FasciaVisit *self,
                                                    GDateTime   *created_at);
GDateTime     *fascia_visit_get_updated_at         (FasciaVisit *self);
void           fascia_visit_set_updated_at         (FasciaVisit *self,
                                                    GDateTime   *updated_at);
gint64         fascia_visit_get_revision           (FasciaVisit *self);
void           fascia_visit_set_revision           (FasciaVisit *self,
                                                    gint64      revision);
const char    *fascia_visit_get_updated_by         (FasciaVisit *self);
void           fascia_visit_set_updated_by         (FasciaVisit *self,
                                                    const char  *updated_by);
gboolean       fascia_visit_is_locked              (FasciaVisit *self,
                                                    GDateTime   *now);
const char    *fascia_visit_get_field              (FasciaVisit      *self,
                                                    FasciaVisitField  field);
void           fascia_visit_set_field              (FasciaVisit      *self,
                                                    FasciaVisitField  field,
                                                    const char       *text);

G_END_DECLS
