/* fascia-muscle.h — one muscle of the atlas (muscles.json), immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-attachment.h"
#include "fascia-relation.h"
#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_MUSCLE (fascia_muscle_get_type ())

G_DECLARE_FINAL_TYPE (FasciaMuscle, fascia_muscle, FASCIA, MUSCLE, GObject)

const char          *fascia_muscle_get_id                 (FasciaMuscle *self);
const char          *fascia_muscle_get_name               (FasciaMuscle *self);
const char          *fascia_muscle_get_latin              (FasciaMuscle *self);
const char          *fascia_muscle_get_group              (FasciaMuscle *self);
const char          *fascia_muscle_get_fma                (FasciaMuscle *self);
const char          *fascia_muscle_get_ta98               (FasciaMuscle *self);
gboolean             fascia_muscle_get_paired             (FasciaMuscle *self);
GPtrArray           *fascia_muscle_get_origins            (FasciaMuscle *self);
GPtrArray           *fascia_muscle_get_insertions         (FasciaMuscle *self);
FasciaAttachmentKind fascia_muscle_get_attachment_kind    (FasciaMuscle *self,
                                                           const char   *landmark_id);
const char * const  *fascia_muscle_get_actions            (FasciaMuscle *self);
const char          *fascia_muscle_get_innervation_nerve  (FasciaMuscle *self);
const char          *fascia_muscle_get_innervation_roots  (FasciaMuscle *self);
const char          *fascia_muscle_get_innervation_note   (FasciaMuscle *self);
const char * const  *fascia_muscle_get_blood_supply       (FasciaMuscle *self);
GListModel          *fascia_muscle_get_trigger_points     (FasciaMuscle *self);
const char * const  *fascia_muscle_get_overactive_causes  (FasciaMuscle *self);
const char * const  *fascia_muscle_get_weakness_causes    (FasciaMuscle *self);
GPtrArray           *fascia_muscle_get_relations          (FasciaMuscle *self);
GListModel          *fascia_muscle_get_techniques         (FasciaMuscle *self);
const char          *fascia_muscle_get_client_explanation (FasciaMuscle *self);
const char          *fascia_muscle_get_study_note         (FasciaMuscle *self);
const char * const  *fascia_muscle_get_disagreements      (FasciaMuscle *self);
const char          *fascia_muscle_get_notes              (FasciaMuscle *self);
const char * const  *fascia_muscle_get_references         (FasciaMuscle *self);
char                *fascia_muscle_get_display_name       (FasciaMuscle *self,
                                                           FasciaSide    side);

G_END_DECLS
