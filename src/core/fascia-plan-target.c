/* fascia-plan-target.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-plan-target.h"

/**
 * FasciaPlanTarget:
 *
 * One muscle a plan treats, on one side, with its techniques.
 */
struct _FasciaPlanTarget
{
  GObject parent_instance;

  gint64          id;
  gint64          plan_id;
  char           *muscle_id;
  FasciaSide      side;
  char           **technique_ids;
  FasciaPressure  pressure;
  guint           duration_minutes;
  char           *notes;
  guint           position;
  GDateTime      *created_at;
  GDateTime      *updated_at;
};

G_DEFINE_FINAL_TYPE (FasciaPlanTarget, fascia_plan_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_MUSCLE_ID,
  PROP_SIDE,
  PROP_TECHNIQUE_IDS,
  PROP_PRESSURE,
  PROP_DURATION_MINUTES,
  PROP_NOTES,
  PROP_POSITION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_plan_target_new:
 *
 * Returns: (transfer full): an empty FasciaPlanTarget, not yet in the store.
 */
FasciaPlanTarget *
fascia_plan_target_new (void)
{
  return g_object_new (FASCIA_TYPE_PLAN_TARGET, NULL);
}

gint64
fascia_plan_target_get_id (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), 0);

  return self->id;
}

void
fascia_plan_target_set_id (FasciaPlanTarget *self,
                           gint64            id)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_plan_target_get_plan_id (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), 0);

  return self->plan_id;
}

void
fascia_plan_target_set_plan_id (FasciaPlanTarget *self,
                                gint64            plan_id)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->plan_id == plan_id)
    return;

  self->plan_id = plan_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_ID]);
}

/**
 * fascia_plan_target_get_muscle_id:
 *
 * Returns: an atlas muscle id such as `psoas-major`.
 */
const char *
fascia_plan_target_get_muscle_id (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), NULL);

  return self->muscle_id;
}

void
fascia_plan_target_set_muscle_id (FasciaPlanTarget *self,
                                  const char       *muscle_id)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (muscle_id == NULL)
    muscle_id = "";

  if (g_strcmp0 (self->muscle_id, muscle_id) == 0)
    return;

  g_free (self->muscle_id);
  self->muscle_id = g_strdup (muscle_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUSCLE_ID]);
}

FasciaSide
fascia_plan_target_get_side (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), 0);

  return self->side;
}

void
fascia_plan_target_set_side (FasciaPlanTarget *self,
                             FasciaSide        side)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->side == side)
    return;

  self->side = side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
}

/**
 * fascia_plan_target_get_technique_ids:
 *
 * Returns: atlas technique ids, in the order they are done.
 */
const char * const *
fascia_plan_target_get_technique_ids (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), NULL);

  return (const char * const *) self->technique_ids;
}

void
fascia_plan_target_set_technique_ids (FasciaPlanTarget   *self,
                                      const char * const *technique_ids)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (technique_ids == NULL)
    technique_ids = empty;

  if (g_strv_equal ((const char * const *) self->technique_ids, technique_ids))
    return;

  g_strfreev (self->technique_ids);
  self->technique_ids = g_strdupv ((char **) technique_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TECHNIQUE_IDS]);
}

FasciaPressure
fascia_plan_target_get_pressure (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), 0);

  return self->pressure;
}

void
fascia_plan_target_set_pressure (FasciaPlanTarget *self,
                                 FasciaPressure    pressure)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->pressure == pressure)
    return;

  self->pressure = pressure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESSURE]);
}

/**
 * fascia_plan_target_get_duration_minutes:
 *
 * Returns: 0–240.
 */
guint
fascia_plan_target_get_duration_minutes (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), 0);

  return self->duration_minutes;
}

void
fascia_plan_target_set_duration_minutes (FasciaPlanTarget *self,
                                         guint             duration_minutes)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->duration_minutes == duration_minutes)
    return;

  self->duration_minutes = duration_minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MINUTES]);
}

const char *
fascia_plan_target_get_notes (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), NULL);

  return self->notes;
}

void
fascia_plan_target_set_notes (FasciaPlanTarget *self,
                              const char       *notes)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * fascia_plan_target_get_position:
 *
 * Returns: order within the plan.
 */
guint
fascia_plan_target_get_position (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), 0);

  return self->position;
}

void
fascia_plan_target_set_position (FasciaPlanTarget *self,
                                 guint             position)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * fascia_plan_target_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_plan_target_get_created_at (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), NULL);

  return self->created_at;
}

void
fascia_plan_target_set_created_at (FasciaPlanTarget *self,
                                   GDateTime        *created_at)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->created_at == created_at)
    return;

  if (self->created_at != NULL && created_at != NULL
      && g_date_time_equal (self->created_at, created_at))
    return;

  g_clear_pointer (&self->created_at, g_date_time_unref);
  self->created_at = created_at != NULL ? g_date_time_ref (created_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

/**
 * fascia_plan_target_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_plan_target_get_updated_at (FasciaPlanTarget *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN_TARGET (self), NULL);

  return self->updated_at;
}

void
fascia_plan_target_set_updated_at (FasciaPlanTarget *self,
                                   GDateTime        *updated_at)
{
  g_return_if_fail (FASCIA_IS_PLAN_TARGET (self));

  if (self->updated_at == updated_at)
    return;

  if (self->updated_at != NULL && updated_at != NULL
      && g_date_time_equal (self->updated_at, updated_at))
    return;

  g_clear_pointer (&self->updated_at, g_date_time_unref);
  self->updated_at = updated_at != NULL ? g_date_time_ref (updated_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

static void
fascia_plan_target_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FasciaPlanTarget *self = FASCIA_PLAN_TARGET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;

    case PROP_MUSCLE_ID:
      g_value_set_string (value, self->muscle_id);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_TECHNIQUE_IDS:
      g_value_set_boxed (value, self->technique_ids);
      break;

    case PROP_PRESSURE:
      g_value_set_enum (value, self->pressure);
      break;

    case PROP_DURATION_MINUTES:
      g_value_set_uint (value, self->duration_minutes);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_plan_target_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FasciaPlanTarget *self = FASCIA_PLAN_TARGET (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_plan_target_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PLAN_ID:
      fascia_plan_target_set_plan_id (self, g_value_get_int64 (value));
      break;

    case PROP_MUSCLE_ID:
      fascia_plan_target_set_muscle_id (self, g_value_get_string (value));
      break;

    case PROP_SIDE:
      fascia_plan_target_set_side (self, g_value_get_enum (value));
      break;

    case PROP_TECHNIQUE_IDS:
      fascia_plan_target_set_technique_ids (self, g_value_get_boxed (value));
      break;

    case PROP_PRESSURE:
      fascia_plan_target_set_pressure (self, g_value_get_enum (value));
      break;

    case PROP_DURATION_MINUTES:
      fascia_plan_target_set_duration_minutes (self, g_value_get_uint (value));
      break;

    case PROP_NOTES:
      fascia_plan_target_set_notes (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      fascia_plan_target_set_position (self, g_value_get_uint (value));
      break;

    case PROP_CREATED_AT:
      fascia_plan_target_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_plan_target_set_updated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_plan_target_finalize (GObject *object)
{
  FasciaPlanTarget *self = FASCIA_PLAN_TARGET (object);

  g_clear_pointer (&self->muscle_id, g_free);
  g_clear_pointer (&self->technique_ids, g_strfreev);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_plan_target_parent_class)->finalize (object);
}

static void
fascia_plan_target_class_init (FasciaPlanTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_plan_target_finalize;
  object_class->get_property = fascia_plan_target_get_property;
  object_class->set_property = fascia_plan_target_set_property;

  /* Below 0: added while the clinic server was away, provisional until the store's journal
   * saves it (fascia-store-journal.c). */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAN_ID] =
    g_param_spec_int64 ("plan-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_MUSCLE_ID] =
    g_param_spec_string ("muscle-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL,
                       FASCIA_TYPE_SIDE, FASCIA_SIDE_BOTH,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_TECHNIQUE_IDS] =
    g_param_spec_boxed ("technique-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PRESSURE] =
    g_param_spec_enum ("pressure", NULL, NULL,
                       FASCIA_TYPE_PRESSURE, FASCIA_PRESSURE_UNSET,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_DURATION_MINUTES] =
    g_param_spec_uint ("duration-minutes", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_plan_target_init (FasciaPlanTarget *self)
{
  self->muscle_id = g_strdup ("");
  self->side = FASCIA_SIDE_BOTH;
  self->technique_ids = g_new0 (char *, 1);
  self->notes = g_strdup ("");
}
