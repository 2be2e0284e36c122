/* fascia-trigger-point.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-trigger-point.h"

#include "fascia-atlas-private.h"

struct _FasciaTriggerPoint
{
  GObject  parent_instance;

  /* Owned */
  char    *muscle_id;
  guint    n;
  char    *location;
  char    *referral;
  char   **views;
};

enum
{
  PROP_0,
  PROP_MUSCLE_ID,
  PROP_N,
  PROP_LOCATION,
  PROP_REFERRAL,
  PROP_VIEWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaTriggerPoint, fascia_trigger_point, G_TYPE_OBJECT)

static void
fascia_trigger_point_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FasciaTriggerPoint *self = FASCIA_TRIGGER_POINT (object);

  switch (prop_id)
    {
    case PROP_MUSCLE_ID:
      g_value_set_string (value, self->muscle_id);
      break;

    case PROP_N:
      g_value_set_uint (value, self->n);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    case PROP_REFERRAL:
      g_value_set_string (value, self->referral);
      break;

    case PROP_VIEWS:
      g_value_set_boxed (value, self->views);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_trigger_point_finalize (GObject *object)
{
  FasciaTriggerPoint *self = FASCIA_TRIGGER_POINT (object);

  g_clear_pointer (&self->muscle_id, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->referral, g_free);
  g_clear_pointer (&self->views, g_strfreev);

  G_OBJECT_CLASS (fascia_trigger_point_parent_class)->finalize (object);
}

static void
fascia_trigger_point_class_init (FasciaTriggerPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fascia_trigger_point_get_property;
  object_class->finalize = fascia_trigger_point_finalize;

  properties[PROP_MUSCLE_ID] =
    g_param_spec_string ("muscle-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_N] =
    g_param_spec_uint ("n", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REFERRAL] =
    g_param_spec_string ("referral", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_VIEWS] =
    g_param_spec_boxed ("views", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_trigger_point_init (FasciaTriggerPoint *self)
{
}

/* @record is a trigger point of the record of @muscle_id that fascia_atlas_validate()
 * accepted. */
FasciaTriggerPoint *
fascia_trigger_point_new_from_record (const char   *muscle_id,
                                      FasciaRecord *record)
{
  FasciaTriggerPoint *self = g_object_new (FASCIA_TYPE_TRIGGER_POINT, NULL);

  self->muscle_id = g_strdup (muscle_id);
  self->n = (guint) fascia_record_get_int (record, "n");
  self->location = g_strdup (fascia_record_get_string (record, "location"));
  self->referral = g_strdup (fascia_record_get_string (record, "referral"));
  self->views = fascia_record_dup_strv (record, "views");

  return self;
}

const char *
fascia_trigger_point_get_muscle_id (FasciaTriggerPoint *self)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), NULL);

  return self->muscle_id;
}

guint
fascia_trigger_point_get_n (FasciaTriggerPoint *self)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), 0);

  return self->n;
}

const char *
fascia_trigger_point_get_location (FasciaTriggerPoint *self)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), NULL);

  return self->location;
}

const char *
fascia_trigger_point_get_referral (FasciaTriggerPoint *self)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), NULL);

  return self->referral;
}

const char * const *
fascia_trigger_point_get_views (FasciaTriggerPoint *self)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), NULL);

  return (const char * const *) self->views;
}

static char *
dup_region_id (FasciaTriggerPoint *self,
               const char         *prefix,
               FasciaSide          side)
{
  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      return g_strdup_printf ("%s-%s-%u-l", prefix, self->muscle_id, self->n);

    case FASCIA_SIDE_RIGHT:
      return g_strdup_printf ("%s-%s-%u-r", prefix, self->muscle_id, self->n);

    case FASCIA_SIDE_NONE:
    case FASCIA_SIDE_BOTH:
    default:
      return g_strdup_printf ("%s-%s-%u", prefix, self->muscle_id, self->n);
    }
}

/**
 * fascia_trigger_point_dup_region_id:
 * @side: %FASCIA_SIDE_LEFT or %FASCIA_SIDE_RIGHT (anything else gives the unsided id)
 *
 * Returns: (transfer full): the id of the point's region in a diagram, such as
 *   “tp-psoas-major-1-l”
 */
char *
fascia_trigger_point_dup_region_id (FasciaTriggerPoint *self,
                                    FasciaSide          side)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), NULL);

  return dup_region_id (self, "tp", side);
}

/**
 * fascia_trigger_point_dup_zone_id:
 * @side: %FASCIA_SIDE_LEFT or %FASCIA_SIDE_RIGHT (anything else gives the unsided id)
 *
 * Returns: (transfer full): the id of the region of its referral zone, such as
 *   “rz-psoas-major-1-l”
 */
char *
fascia_trigger_point_dup_zone_id (FasciaTriggerPoint *self,
                                  FasciaSide          side)
{
  g_return_val_if_fail (FASCIA_IS_TRIGGER_POINT (self), NULL);

  return dup_region_id (self, "rz", side);
}
