/* fascia-pain-finder.h — "where does this pain come from?": the trigger points whose referral
 * zones cover a point of a diagram.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fascia/fascia-diagram.h"

G_BEGIN_DECLS

typedef struct
{
  char       *muscle_id;
  guint       n;          /* the trigger point */
  FasciaSide  side;
  char       *zone_id;    /* "rz-psoas-major-1-l" */
  double      distance;   /* from the point to the trigger point, in view units */
} FasciaPainSource;

void       fascia_pain_source_free  (FasciaPainSource *source);
GPtrArray *fascia_pain_finder_find  (FasciaDiagram    *diagram,
                                     double            x,
                                     double            y);
const FasciaRegion *fascia_pain_finder_locate (FasciaDiagram *here,
                                               double         x,
                                               double         y,
                                               FasciaDiagram *other,
                                               double        *other_x,
                                               double        *other_y);

G_END_DECLS
