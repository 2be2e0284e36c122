/* fascia-home-exercise.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-home-exercise.h"

/**
 * FasciaHomeExercise:
 *
 * An exercise or stretch a plan gives the client to do at home.
 */
struct _FasciaHomeExercise
{
  GObject parent_instance;

  gint64     id;
  gint64     plan_id;
  char      *technique_id;
  guint      sets;
  guint      reps;
  char      *frequency;
  char      *notes;
  guint      position;
  GDateTime *created_at;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (FasciaHomeExercise, fascia_home_exercise, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_TECHNIQUE_ID,
  PROP_SETS,
  PROP_REPS,
  PROP_FREQUENCY,
  PROP_NOTES,
  PROP_POSITION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_home_exercise_new:
 *
 * Returns: (transfer full): an empty FasciaHomeExercise, not yet in the store.
 */
FasciaHomeExercise *
fascia_home_exercise_new (void)
{
  return g_object_new (FASCIA_TYPE_HOME_EXERCISE, NULL);
}

gint64
fascia_home_exercise_get_id (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), 0);

  return self->id;
}

void
fascia_home_exercise_set_id (FasciaHomeExercise *self,
                             gint64              id)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_home_exercise_get_plan_id (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), 0);

  return self->plan_id;
}

void
fascia_home_exercise_set_plan_id (FasciaHomeExercise *self,
                                  gint64              plan_id)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (self->plan_id == plan_id)
    return;

  self->plan_id = plan_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_ID]);
}

/**
 * fascia_home_exercise_get_technique_id:
 *
 * Returns: an atlas technique id such as `glute-bridge`.
 */
const char *
fascia_home_exercise_get_technique_id (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), NULL);

  return self->technique_id;
}

void
fascia_home_exercise_set_technique_id (FasciaHomeExercise *self,
                                       const char         *technique_id)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (technique_id == NULL)
    technique_id = "";

  if (g_strcmp0 (self->technique_id, technique_id) == 0)
    return;

  g_free (self->technique_id);
  self->technique_id = g_strdup (technique_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TECHNIQUE_ID]);
}

/**
 * fascia_home_exercise_get_sets:
 *
 * Returns: 0–20.
 */
guint
fascia_home_exercise_get_sets (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), 0);

  return self->sets;
}

void
fascia_home_exercise_set_sets (FasciaHomeExercise *self,
                               guint               sets)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (self->sets == sets)
    return;

  self->sets = sets;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETS]);
}

/**
 * fascia_home_exercise_get_reps:
 *
 * Returns: 0–200 repetitions per set, or seconds held for a stretch.
 */
guint
fascia_home_exercise_get_reps (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), 0);

  return self->reps;
}

void
fascia_home_exercise_set_reps (FasciaHomeExercise *self,
                               guint               reps)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (self->reps == reps)
    return;

  self->reps = reps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPS]);
}

/**
 * fascia_home_exercise_get_frequency:
 *
 * Returns: how often, as the therapist says it: “daily”, “3× a week”.
 */
const char *
fascia_home_exercise_get_frequency (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), NULL);

  return self->frequency;
}

void
fascia_home_exercise_set_frequency (FasciaHomeExercise *self,
                                    const char         *frequency)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (frequency == NULL)
    frequency = "";

  if (g_strcmp0 (self->frequency, frequency) == 0)
    return;

  g_free (self->frequency);
  self->frequency = g_strdup (frequency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREQUENCY]);
}

const char *
fascia_home_exercise_get_notes (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), NULL);

  return self->notes;
}

void
fascia_home_exercise_set_notes (FasciaHomeExercise *self,
                                const char         *notes)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * fascia_home_exercise_get_position:
 *
 * Returns: order within the plan.
 */
guint
fascia_home_exercise_get_position (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), 0);

  return self->position;
}

void
fascia_home_exercise_set_position (FasciaHomeExercise *self,
                                   guint               position)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * fascia_home_exercise_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_home_exercise_get_created_at (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), NULL);

  return self->created_at;
}

void
fascia_home_exercise_set_created_at (FasciaHomeExercise *self,
                                     GDateTime          *created_at)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

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
 * fascia_home_exercise_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_home_exercise_get_updated_at (FasciaHomeExercise *self)
{
  g_return_val_if_fail (FASCIA_IS_HOME_EXERCISE (self), NULL);

  return self->updated_at;
}

void
fascia_home_exercise_set_updated_at (FasciaHomeExercise *self,
                                     GDateTime          *updated_at)
{
  g_return_if_fail (FASCIA_IS_HOME_EXERCISE (self));

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
fascia_home_exercise_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FasciaHomeExercise *self = FASCIA_HOME_EXERCISE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;

    case PROP_TECHNIQUE_ID:
      g_value_set_string (value, self->technique_id);
      break;

    case PROP_SETS:
      g_value_set_uint (value, self->sets);
      break;

    case PROP_REPS:
      g_value_set_uint (value, self->reps);
      break;

    case PROP_FREQUENCY:
      g_value_set_string (value, self->frequency);
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
fascia_home_exercise_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FasciaHomeExercise *self = FASCIA_HOME_EXERCISE (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_home_exercise_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PLAN_ID:
      fascia_home_exercise_set_plan_id (self, g_value_get_int64 (value));
      break;

    case PROP_TECHNIQUE_ID:
      fascia_home_exercise_set_technique_id (self, g_value_get_string (value));
      break;

    case PROP_SETS:
      fascia_home_exercise_set_sets (self, g_value_get_uint (value));
      break;

    case PROP_REPS:
      fascia_home_exercise_set_reps (self, g_value_get_uint (value));
      break;

    case PROP_FREQUENCY:
      fascia_home_exercise_set_frequency (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      fascia_home_exercise_set_notes (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      fascia_home_exercise_set_position (self, g_value_get_uint (value));
      break;

    case PROP_CREATED_AT:
      fascia_home_exercise_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_home_exercise_set_updated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_home_exercise_finalize (GObject *object)
{
  FasciaHomeExercise *self = FASCIA_HOME_EXERCISE (object);

  g_clear_pointer (&self->technique_id, g_free);
  g_clear_pointer (&self->frequency, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_home_exercise_parent_class)->finalize (object);
}

static void
fascia_home_exercise_class_init (FasciaHomeExerciseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_home_exercise_finalize;
  object_class->get_property = fascia_home_exercise_get_property;
  object_class->set_property = fascia_home_exercise_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAN_ID] =
    g_param_spec_int64 ("plan-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_TECHNIQUE_ID] =
    g_param_spec_string ("technique-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SETS] =
    g_param_spec_uint ("sets", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_REPS] =
    g_param_spec_uint ("reps", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_FREQUENCY] =
    g_param_spec_string ("frequency", NULL, NULL,
                         "",
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
                       0, G_MAXUINT, 0,
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
fascia_home_exercise_init (FasciaHomeExercise *self)
{
  self->technique_id = g_strdup ("");
  self->frequency = g_strdup ("");
  self->notes = g_strdup ("");
}
