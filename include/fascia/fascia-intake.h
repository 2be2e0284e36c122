/* fascia-intake.h — what a client's intake says about a technique: the intake's health flags
 * become conditions of the vocabulary (fascia-condition.h), and a technique's structured
 * contraindications for those conditions become the warnings every view shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fascia-client.h"
#include "fascia-condition.h"
#include "fascia-store-types.h"
#include "fascia-types.h"

G_BEGIN_DECLS

const FasciaHealthFlags *fascia_health_flag_list                 (guint             *n_flags);
const char              *fascia_health_flag_get_label            (FasciaHealthFlags  flag);
char                    *fascia_health_flags_describe            (FasciaHealthFlags  flags);
FasciaConditions         fascia_intake_get_conditions            (FasciaHealthFlags  flags,
                                                                  int                age);
FasciaConditions         fascia_intake_client_conditions         (FasciaClient      *client);
int                      fascia_intake_age                       (const char        *date_of_birth,
                                                                  GDate             *today);
char                    *fascia_intake_describe_contraindication (const FasciaContraindication *c);
char                    *fascia_intake_check_technique           (FasciaConditions   conditions,
                                                                  FasciaTechnique   *technique);
int                      fascia_intake_worst_level               (FasciaConditions   conditions,
                                                                  FasciaTechnique   *technique);

G_END_DECLS
