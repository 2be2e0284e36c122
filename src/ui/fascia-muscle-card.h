/* fascia-muscle-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-atlas.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_MUSCLE_CARD (fascia_muscle_card_get_type ())

G_DECLARE_FINAL_TYPE (FasciaMuscleCard, fascia_muscle_card, FASCIA, MUSCLE_CARD, AdwBin)

FasciaMuscle *fascia_muscle_card_get_muscle (FasciaMuscleCard *self);
void          fascia_muscle_card_set_muscle (FasciaMuscleCard *self,
                                             FasciaAtlas      *atlas,
                                             FasciaMuscle     *muscle);
gboolean      fascia_muscle_card_get_plain  (FasciaMuscleCard *self);
void          fascia_muscle_card_set_plain  (FasciaMuscleCard *self,
                                             gboolean          plain);

G_END_DECLS
