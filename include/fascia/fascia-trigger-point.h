/* fascia-trigger-point.h — one numbered trigger point of a muscle and the zone it refers
 * pain to, immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_TRIGGER_POINT (fascia_trigger_point_get_type ())

G_DECLARE_FINAL_TYPE (FasciaTriggerPoint, fascia_trigger_point, FASCIA, TRIGGER_POINT, GObject)

const char         *fascia_trigger_point_get_muscle_id     (FasciaTriggerPoint *self);
guint               fascia_trigger_point_get_n             (FasciaTriggerPoint *self);
const char         *fascia_trigger_point_get_location      (FasciaTriggerPoint *self);
const char         *fascia_trigger_point_get_referral      (FasciaTriggerPoint *self);
const char * const *fascia_trigger_point_get_views         (FasciaTriggerPoint *self);
char               *fascia_trigger_point_dup_region_id     (FasciaTriggerPoint *self,
                                                            FasciaSide          side);
char               *fascia_trigger_point_dup_zone_id       (FasciaTriggerPoint *self,
                                                            FasciaSide          side);

G_END_DECLS
