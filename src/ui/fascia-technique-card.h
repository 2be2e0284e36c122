/* fascia-technique-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-atlas.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_TECHNIQUE_CARD (fascia_technique_card_get_type ())

G_DECLARE_FINAL_TYPE (FasciaTechniqueCard, fascia_technique_card, FASCIA, TECHNIQUE_CARD, AdwBin)

FasciaTechnique *fascia_technique_card_get_technique  (FasciaTechniqueCard *self);
void             fascia_technique_card_set_technique  (FasciaTechniqueCard *self,
                                                       FasciaAtlas         *atlas,
                                                       FasciaTechnique     *technique);
void             fascia_technique_card_set_plan       (FasciaTechniqueCard *self,
                                                       gboolean             shown,
                                                       const char          *muscle_id,
                                                       const char          *hint,
                                                       const char          *warning);
GtkWidget       *fascia_technique_card_get_add_button (FasciaTechniqueCard *self);
const char      *fascia_technique_card_get_warning    (FasciaTechniqueCard *self);

G_END_DECLS
