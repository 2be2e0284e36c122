/* fascia-region-text.h — what a diagram region is called, for tooltips and screen readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-diagram.h"

G_BEGIN_DECLS

char *fascia_region_dup_label       (FasciaAtlas        *atlas,
                                     const FasciaRegion *region);
char *fascia_region_dup_description (FasciaAtlas        *atlas,
                                     const FasciaRegion *region);

G_END_DECLS
