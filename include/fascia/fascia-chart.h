/* fascia-chart.h — a client's whole chart as a printable document, for a records request
 * or a referral.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-atlas.h"
#include "fascia-handout.h"
#include "fascia-plan-handout.h"
#include "fascia-store.h"

G_BEGIN_DECLS

FasciaHandout *fascia_handout_new_for_chart (FasciaStore             *store,
                                             FasciaAtlas             *atlas,
                                             gint64                   client_id,
                                             const FasciaLetterhead  *letterhead,
                                             GError                 **error);

G_END_DECLS
