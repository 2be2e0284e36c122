/* fascia-technique.h — a technique card (techniques.json): a manual technique, a
 * stretch, a home exercise or a referral, immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-condition.h"
#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_TECHNIQUE (fascia_technique_get_type ())

G_DECLARE_FINAL_TYPE (FasciaTechnique, fascia_technique, FASCIA, TECHNIQUE, GObject)

const char         *fascia_technique_get_id                (FasciaTechnique *self);
const char         *fascia_technique_get_name              (FasciaTechnique *self);
const char         *fascia_technique_get_kind              (FasciaTechnique *self);
const char         *fascia_technique_get_purpose           (FasciaTechnique *self);
const char         *fascia_technique_get_position          (FasciaTechnique *self);
const char * const *fascia_technique_get_steps             (FasciaTechnique *self);
const char         *fascia_technique_get_duration          (FasciaTechnique *self);
const char         *fascia_technique_get_pressure          (FasciaTechnique *self);
const char * const *fascia_technique_get_indications       (FasciaTechnique *self);
const char * const *fascia_technique_get_cautions          (FasciaTechnique *self);
const char * const *fascia_technique_get_general_contraindications
                                                           (FasciaTechnique *self);
GPtrArray          *fascia_technique_get_contraindications (FasciaTechnique *self);
const FasciaContraindication *
                    fascia_technique_lookup_contraindication (FasciaTechnique *self,
                                                              FasciaCondition  condition);
const char         *fascia_technique_get_home_care         (FasciaTechnique *self);
const char * const *fascia_technique_get_muscles           (FasciaTechnique *self);
const char * const *fascia_technique_get_references        (FasciaTechnique *self);
gboolean            fascia_technique_treats                (FasciaTechnique *self,
                                                            const char      *muscle_id);

G_END_DECLS
