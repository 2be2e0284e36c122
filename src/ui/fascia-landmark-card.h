/* fascia-landmark-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-atlas.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_LANDMARK_CARD (fascia_landmark_card_get_type ())

G_DECLARE_FINAL_TYPE (FasciaLandmarkCard, fascia_landmark_card, FASCIA, LANDMARK_CARD, AdwBin)

FasciaLandmark *fascia_landmark_card_get_landmark (FasciaLandmarkCard *self);
void            fascia_landmark_card_set_landmark (FasciaLandmarkCard *self,
                                                   FasciaAtlas        *atlas,
                                                   FasciaLandmark     *landmark);

G_END_DECLS
