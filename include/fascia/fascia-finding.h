/* fascia-finding.h — what the therapist found in one muscle on one side at a visit.
 *
 * A model object: properties only, no SQL. FasciaStore reads and writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fascia-store-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_FINDING (fascia_finding_get_type ())

G_DECLARE_FINAL_TYPE (FasciaFinding, fascia_finding, FASCIA, FINDING, GObject)

FasciaFinding     *fascia_finding_new            (void);
gint64             fascia_finding_get_id         (FasciaFinding *self);
void               fascia_finding_set_id         (FasciaFinding *self,
                                                  gint64         id);
gint64             fascia_finding_get_visit_id   (FasciaFinding *self);
void               fascia_finding_set_visit_id   (FasciaFinding *self,
                                                  gint64         visit_id);
const char        *fascia_finding_get_muscle_id  (FasciaFinding *self);
void               fascia_finding_set_muscle_id  (FasciaFinding *self,
                                                  const char    *muscle_id);
FasciaSide         fascia_finding_get_side       (FasciaFinding *self);
void               fascia_finding_set_side       (FasciaFinding *self,
                                                  FasciaSide     side);
FasciaFindingFlags fascia_finding_get_flags      (FasciaFinding *self);
void               fascia_finding_set_flags      (FasciaFinding      *self,
                                                  FasciaFindingFlags  flags);
const char        *fascia_finding_get_note       (FasciaFinding *self);
void               fascia_finding_set_note       (FasciaFinding *self,
                                                  const char    *note);
GDateTime         *fascia_finding_get_created_at (FasciaFinding *self);
void               fascia_finding_set_created_at (FasciaFinding *self,
                                                  GDateTime     *created_at);
GDateTime         *fascia_finding_get_updated_at (FasciaFinding *self);
void               fascia_finding_set_updated_at (FasciaFinding *self,
                                                  GDateTime     *updated_at);

G_END_DECLS
