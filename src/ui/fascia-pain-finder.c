/* fascia-pain-finder.c — "where does this pain come from?": the trigger points whose referral
 * zones cover a point of a diagram, nearest first.
 *
 * Referral zones overlap and are hidden, so hit-testing the diagram as drawn cannot answer;
 * fascia_diagram_referral_zones_at() tests every zone's shape, shown or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-pain-finder"

#include "config.h"

#include <math.h>

#include "fascia-pain-finder.h"

void
fascia_pain_source_free (FasciaPainSource *source)
{
  g_free (source->muscle_id);
  g_free (source->zone_id);
  g_free (source);
}

static const FasciaRegion *
trigger_point_of (FasciaDiagram      *diagram,
                  const FasciaRegion *zone)
{
  g_autofree char *id = NULL;

  /* "rz-psoas-major-1-l" → "tp-psoas-major-1-l" */
  id = g_strconcat ("tp", zone->id + 2, NULL);
  return fascia_diagram_lookup_region (diagram, id);
}

static int
compare_distance (gconstpointer a,
                  gconstpointer b)
{
  const FasciaPainSource *x = *(FasciaPainSource * const *) a;
  const FasciaPainSource *y = *(FasciaPainSource * const *) b;

  return (x->distance > y->distance) - (x->distance < y->distance);
}

/**
 * fascia_pain_finder_find:
 * @x: the point where it hurts, in view units
 *
 * Returns: (transfer full) (element-type FasciaPainSource): the trigger points of this view
 *   whose referral zones cover the point, nearest trigger point first.
 */
GPtrArray *
fascia_pain_finder_find (FasciaDiagram *diagram,
                         double         x,
                         double         y)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) fascia_pain_source_free);
  g_autoptr(GPtrArray) zones = NULL;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (diagram), sources);

  zones = fascia_diagram_referral_zones_at (diagram, x, y);
  for (guint i = 0; i < zones->len; i++)
    {
      const FasciaRegion *zone = g_ptr_array_index (zones, i);
      const FasciaRegion *point = trigger_point_of (diagram, zone);
      FasciaPainSource *source = g_new0 (FasciaPainSource, 1);

      source->muscle_id = g_strdup (zone->atlas_id);
      source->n = zone->n;
      source->side = zone->side;
      source->zone_id = g_strdup (zone->id);
      /* Nearest the trigger point that sends the pain, where this view draws it. */
      if (point != NULL)
        source->distance = hypot (point->x + point->width / 2.0 - x,
                                  point->y + point->height / 2.0 - y);
      else
        source->distance = hypot (zone->x + zone->width / 2.0 - x,
                                  zone->y + zone->height / 2.0 - y);
      g_ptr_array_add (sources, source);
    }

  g_ptr_array_sort (sources, compare_distance);
  return sources;
}

/* A landmark small enough to name a spot (not a whole femur), and near enough to the spot
 * to stand for it, in view units: the drawings are about 1,200 units across the pelvis
 * and thighs. */
#define LANDMARK_MAX_SIZE 220.0
#define LANDMARK_MAX_DISTANCE 90.0

/**
 * fascia_pain_finder_locate:
 * @here: the diagram of the view where the spot was chosen
 * @x: the spot, in @here's view units
 * @y: the spot, in @here's view units
 * @other: another view's diagram
 * @other_x: (out): the same spot in @other, in its view units
 * @other_y: (out): the same spot in @other, in its view units
 *
 * Finds in @other the spot chosen in @here. Views draw the body from different sides, so no
 * geometry maps one onto another, and no referral zone is drawn in two views; bony
 * landmarks are: the spot in @other is the nearest small landmark of the spot that @other
 * draws too (the same bone, on the same side), if it lies close to the spot.
 *
 * Returns: (transfer none) (nullable): that landmark's region in @other, or %NULL when
 *   there is none.
 */
const FasciaRegion *
fascia_pain_finder_locate (FasciaDiagram *here,
                           double         x,
                           double         y,
                           FasciaDiagram *other,
                           double        *other_x,
                           double        *other_y)
{
  const FasciaRegion *best = NULL;
  double best_distance = LANDMARK_MAX_DISTANCE;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (here), NULL);
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (other), NULL);

  for (guint i = 0; i < fascia_diagram_get_n_regions (here); i++)
    {
      const FasciaRegion *landmark = fascia_diagram_get_region (here, i);
      const FasciaRegion *there;
      double distance;

      if (landmark->kind != FASCIA_REGION_LANDMARK
          || hypot (landmark->width, landmark->height) > LANDMARK_MAX_SIZE)
        continue;
      distance = hypot (landmark->x + landmark->width / 2.0 - x,
                        landmark->y + landmark->height / 2.0 - y);
      if (distance >= best_distance
          || (there = fascia_diagram_lookup_region (other, landmark->id)) == NULL
          || there->kind != FASCIA_REGION_LANDMARK)
        continue;
      best = there;
      best_distance = distance;
    }

  if (best == NULL)
    return NULL;

  *other_x = best->x + best->width / 2.0;
  *other_y = best->y + best->height / 2.0;
  return best;
}
