/* fascia-region-text.c — what a diagram region is called, for tooltips and screen readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-region-text"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-landmark.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-trigger-point.h"

#include "fascia-region-text.h"

static char *
with_side (const char *name,
           FasciaSide  side)
{
  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      /* Translators: a part of the body on the subject's left, "Psoas major, left side" */
      return g_strdup_printf (_("%s, left side"), name);
    case FASCIA_SIDE_RIGHT:
      /* Translators: a part of the body on the subject's right, "Psoas major, right side" */
      return g_strdup_printf (_("%s, right side"), name);
    case FASCIA_SIDE_NONE:
    case FASCIA_SIDE_BOTH:
    default:
      return g_strdup (name);
    }
}

static const char *
muscle_name (FasciaAtlas *atlas,
             const char  *id)
{
  FasciaMuscle *muscle = atlas != NULL ? fascia_atlas_lookup_muscle (atlas, id) : NULL;

  return muscle != NULL ? fascia_muscle_get_name (muscle) : id;
}

/**
 * fascia_region_dup_label:
 *
 * Returns: the region's name as a screen reader should read it: "Psoas major, left side",
 *   "Trigger point 1 of psoas major, left side".
 */
char *
fascia_region_dup_label (FasciaAtlas        *atlas,
                         const FasciaRegion *region)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (region != NULL, NULL);

  switch (region->kind)
    {
    case FASCIA_REGION_MUSCLE:
      {
        FasciaMuscle *muscle = atlas != NULL
                               ? fascia_atlas_lookup_muscle (atlas, region->atlas_id)
                               : NULL;

        if (muscle != NULL)
          return fascia_muscle_get_display_name (muscle, region->side);
        return with_side (region->atlas_id, region->side);
      }

    case FASCIA_REGION_LANDMARK:
      {
        FasciaLandmark *landmark = atlas != NULL
                                   ? fascia_atlas_lookup_landmark (atlas, region->atlas_id)
                                   : NULL;

        return with_side (landmark != NULL ? fascia_landmark_get_name (landmark)
                                           : region->atlas_id,
                          region->side);
      }

    case FASCIA_REGION_TRIGGER_POINT:
      /* Translators: trigger point number %u of a muscle, "Trigger point 1 of Psoas major" */
      name = g_strdup_printf (_("Trigger point %u of %s"), region->n,
                              muscle_name (atlas, region->atlas_id));
      return with_side (name, region->side);

    case FASCIA_REGION_REFERRAL_ZONE:
      /* Translators: where trigger point %u of a muscle refers pain */
      name = g_strdup_printf (_("Pain referred from trigger point %u of %s"), region->n,
                              muscle_name (atlas, region->atlas_id));
      return with_side (name, region->side);

    default:
      g_assert_not_reached ();
    }
}

/**
 * fascia_region_dup_description:
 *
 * Returns: (nullable): a longer description for a screen reader: the Latin name of a muscle or
 *   landmark, where a trigger point lies.
 */
char *
fascia_region_dup_description (FasciaAtlas        *atlas,
                               const FasciaRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  if (atlas == NULL)
    return NULL;

  switch (region->kind)
    {
    case FASCIA_REGION_MUSCLE:
      {
        FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas, region->atlas_id);

        return muscle != NULL ? g_strdup (fascia_muscle_get_latin (muscle)) : NULL;
      }

    case FASCIA_REGION_LANDMARK:
      {
        FasciaLandmark *landmark = fascia_atlas_lookup_landmark (atlas, region->atlas_id);

        if (landmark == NULL)
          return NULL;
        if (fascia_landmark_get_latin (landmark) != NULL)
          return g_strdup (fascia_landmark_get_latin (landmark));
        return g_strdup (fascia_landmark_get_bone (landmark));
      }

    case FASCIA_REGION_TRIGGER_POINT:
    case FASCIA_REGION_REFERRAL_ZONE:
      {
        FasciaTriggerPoint *point = fascia_atlas_lookup_trigger_point (atlas, region->atlas_id,
                                                                       region->n);

        if (point == NULL)
          return NULL;
        return g_strdup (region->kind == FASCIA_REGION_TRIGGER_POINT
                         ? fascia_trigger_point_get_location (point)
                         : fascia_trigger_point_get_referral (point));
      }

    default:
      g_assert_not_reached ();
    }
}
