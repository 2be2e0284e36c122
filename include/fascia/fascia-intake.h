/* fascia-intake.h — what a client's intake health flags say about a technique.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fascia-store-types.h"
#include "fascia-types.h"

G_BEGIN_DECLS

const char *fascia_health_flag_get_label           (FasciaHealthFlags  flag);
char       *fascia_health_flags_describe           (FasciaHealthFlags  flags);
char       *fascia_intake_check_technique          (FasciaHealthFlags  flags,
                                                    FasciaTechnique   *technique);

G_END_DECLS
