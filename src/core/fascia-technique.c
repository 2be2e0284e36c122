/* fascia-technique.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-technique.h"

#include "fascia-atlas-private.h"

struct _FasciaTechnique
{
  GObject  parent_instance;

  /* Owned */
  char    *id;
  char    *name;
  char    *kind;
  char    *purpose;
  char    *position;
  char   **steps;
  char    *duration;
  char    *pressure;
  char   **indications;
  char   **cautions;
  char   **general_contraindications;
  GPtrArray *contraindications;  /* FasciaContraindication, in the card's order */
  char    *home_care;
  char   **muscles;
  char   **references;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PURPOSE,
  PROP_POSITION,
  PROP_STEPS,
  PROP_DURATION,
  PROP_PRESSURE,
  PROP_INDICATIONS,
  PROP_CAUTIONS,
  PROP_GENERAL_CONTRAINDICATIONS,
  PROP_CONTRAINDICATIONS,
  PROP_HOME_CARE,
  PROP_MUSCLES,
  PROP_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaTechnique, fascia_technique, G_TYPE_OBJECT)

static void
fascia_technique_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FasciaTechnique *self = FASCIA_TECHNIQUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;

    case PROP_POSITION:
      g_value_set_string (value, self->position);
      break;

    case PROP_STEPS:
      g_value_set_boxed (value, self->steps);
      break;

    case PROP_DURATION:
      g_value_set_string (value, self->duration);
      break;

    case PROP_PRESSURE:
      g_value_set_string (value, self->pressure);
      break;

    case PROP_INDICATIONS:
      g_value_set_boxed (value, self->indications);
      break;

    case PROP_CAUTIONS:
      g_value_set_boxed (value, self->cautions);
      break;

    case PROP_GENERAL_CONTRAINDICATIONS:
      g_value_set_boxed (value, self->general_contraindications);
      break;

    case PROP_CONTRAINDICATIONS:
      g_value_set_boxed (value, self->contraindications);
      break;

    case PROP_HOME_CARE:
      g_value_set_string (value, self->home_care);
      break;

    case PROP_MUSCLES:
      g_value_set_boxed (value, self->muscles);
      break;

    case PROP_REFERENCES:
      g_value_set_boxed (value, self->references);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_technique_finalize (GObject *object)
{
  FasciaTechnique *self = FASCIA_TECHNIQUE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_pointer (&self->position, g_free);
  g_clear_pointer (&self->steps, g_strfreev);
  g_clear_pointer (&self->duration, g_free);
  g_clear_pointer (&self->pressure, g_free);
  g_clear_pointer (&self->indications, g_strfreev);
  g_clear_pointer (&self->cautions, g_strfreev);
  g_clear_pointer (&self->general_contraindications, g_strfreev);
  g_clear_pointer (&self->contraindications, g_ptr_array_unref);
  g_clear_pointer (&self->home_care, g_free);
  g_clear_pointer (&self->muscles, g_strfreev);
  g_clear_pointer (&self->references, g_strfreev);

  G_OBJECT_CLASS (fascia_technique_parent_class)->finalize (object);
}

static void
fascia_technique_class_init (FasciaTechniqueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fascia_technique_get_property;
  object_class->finalize = fascia_technique_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_POSITION] =
    g_param_spec_string ("position", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_STEPS] =
    g_param_spec_boxed ("steps", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DURATION] =
    g_param_spec_string ("duration", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PRESSURE] =
    g_param_spec_string ("pressure", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_INDICATIONS] =
    g_param_spec_boxed ("indications", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAUTIONS] =
    g_param_spec_boxed ("cautions", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_GENERAL_CONTRAINDICATIONS] =
    g_param_spec_boxed ("general-contraindications", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONTRAINDICATIONS] =
    g_param_spec_boxed ("contraindications", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_HOME_CARE] =
    g_param_spec_string ("home-care", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_MUSCLES] =
    g_param_spec_boxed ("muscles", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REFERENCES] =
    g_param_spec_boxed ("references", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_technique_init (FasciaTechnique *self)
{
}

/* @record is a record that fascia_atlas_validate() accepted (see fascia-atlas-private.h). */
FasciaTechnique *
fascia_technique_new_from_record (FasciaRecord *record)
{
  FasciaTechnique *self = g_object_new (FASCIA_TYPE_TECHNIQUE, NULL);
  g_autoptr(GVariant) array = NULL;

  self->id = g_strdup (fascia_record_get_string (record, "id"));
  self->name = g_strdup (fascia_record_get_string (record, "name"));
  self->kind = g_strdup (fascia_record_get_string (record, "kind"));
  self->purpose = g_strdup (fascia_record_get_string (record, "purpose"));
  self->position = g_strdup (fascia_record_get_string (record, "position"));
  self->steps = fascia_record_dup_strv (record, "steps");
  self->duration = g_strdup (fascia_record_get_string (record, "duration"));
  self->pressure = g_strdup (fascia_record_get_string (record, "pressure"));
  self->indications = fascia_record_dup_strv (record, "indications");
  self->cautions = fascia_record_dup_strv (record, "cautions");
  self->general_contraindications = fascia_record_dup_strv (record, "general_contraindications");
  self->contraindications =
    g_ptr_array_new_with_free_func ((GDestroyNotify) fascia_contraindication_free);
  array = fascia_record_get_array (record, "contraindications");
  for (gsize i = 0; array != NULL && i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) item = fascia_record_get_element (array, i);
      FasciaCondition condition;
      FasciaSafetyLevel level;

      if (!fascia_condition_from_id (fascia_record_get_string (item, "condition"), &condition) ||
          !fascia_safety_level_from_id (fascia_record_get_string (item, "level"), &level))
        g_assert_not_reached ();  /* the validator refused it */
      g_ptr_array_add (self->contraindications,
                       fascia_contraindication_new (condition, level,
                                                    fascia_record_get_string (item, "instead")));
    }
  self->home_care = g_strdup (fascia_record_get_string (record, "home_care"));
  self->muscles = fascia_record_dup_strv (record, "muscles");
  self->references = fascia_record_dup_strv (record, "references");

  return self;
}

const char *
fascia_technique_get_id (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->id;
}

const char *
fascia_technique_get_name (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->name;
}

const char *
fascia_technique_get_kind (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->kind;
}

const char *
fascia_technique_get_purpose (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->purpose;
}

const char *
fascia_technique_get_position (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->position;
}

const char * const *
fascia_technique_get_steps (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return (const char * const *) self->steps;
}

const char *
fascia_technique_get_duration (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->duration;
}

const char *
fascia_technique_get_pressure (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->pressure;
}

const char * const *
fascia_technique_get_indications (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return (const char * const *) self->indications;
}

const char * const *
fascia_technique_get_cautions (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return (const char * const *) self->cautions;
}

/**
 * fascia_technique_get_general_contraindications:
 *
 * Returns: (transfer none): when not to use it at all, in words: conditions found on the day
 *   (fever, a wound), not recorded at intake.
 */
const char * const *
fascia_technique_get_general_contraindications (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return (const char * const *) self->general_contraindications;
}

/**
 * fascia_technique_get_contraindications:
 *
 * Returns: (transfer none) (element-type FasciaContraindication): what each intake condition
 *   means for this technique, one entry per condition at most.
 */
GPtrArray *
fascia_technique_get_contraindications (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->contraindications;
}

/**
 * fascia_technique_lookup_contraindication:
 *
 * Returns: (nullable) (transfer none): what @condition means for this technique, or %NULL.
 */
const FasciaContraindication *
fascia_technique_lookup_contraindication (FasciaTechnique *self,
                                          FasciaCondition  condition)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  for (guint i = 0; i < self->contraindications->len; i++)
    {
      const FasciaContraindication *c = g_ptr_array_index (self->contraindications, i);

      if (c->condition == condition)
        return c;
    }

  return NULL;
}

const char *
fascia_technique_get_home_care (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return self->home_care;
}

const char * const *
fascia_technique_get_muscles (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return (const char * const *) self->muscles;
}

const char * const *
fascia_technique_get_references (FasciaTechnique *self)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), NULL);

  return (const char * const *) self->references;
}

/**
 * fascia_technique_treats:
 * @muscle_id: a muscle id
 *
 * Returns: whether the technique lists @muscle_id among the muscles it treats
 */
gboolean
fascia_technique_treats (FasciaTechnique *self,
                         const char      *muscle_id)
{
  g_return_val_if_fail (FASCIA_IS_TECHNIQUE (self), FALSE);
  g_return_val_if_fail (muscle_id != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->muscles, muscle_id);
}
