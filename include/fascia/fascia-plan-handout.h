/* fascia-plan-handout.h — the client handout of one treatment plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia-atlas.h"
#include "fascia-handout.h"
#include "fascia-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *clinic;
  const char *therapist;
  const char *contact;
} FasciaLetterhead;

FasciaHandout *fascia_handout_new_for_plan (FasciaStore             *store,
                                            FasciaAtlas             *atlas,
                                            gint64                   plan_id,
                                            const FasciaLetterhead  *letterhead,
                                            GError                 **error);

G_END_DECLS
