/* fascia-landmark.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-landmark.h"

#include "fascia-atlas-private.h"

struct _FasciaLandmark
{
  GObject      parent_instance;

  /* Owned */
  char        *id;
  char        *name;
  char        *latin;
  char        *kind;
  char        *bone;
  gboolean     paired;
  gboolean     drawn;
  char        *description;
  char        *palpation;
  char       **references;
  FasciaRecordList *muscles;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LATIN,
  PROP_KIND,
  PROP_BONE,
  PROP_PAIRED,
  PROP_DRAWN,
  PROP_DESCRIPTION,
  PROP_PALPATION,
  PROP_REFERENCES,
  PROP_MUSCLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaLandmark, fascia_landmark, G_TYPE_OBJECT)

static void
fascia_landmark_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FasciaLandmark *self = FASCIA_LANDMARK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LATIN:
      g_value_set_string (value, self->latin);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_BONE:
      g_value_set_string (value, self->bone);
      break;

    case PROP_PAIRED:
      g_value_set_boolean (value, self->paired);
      break;

    case PROP_DRAWN:
      g_value_set_boolean (value, self->drawn);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PALPATION:
      g_value_set_string (value, self->palpation);
      break;

    case PROP_REFERENCES:
      g_value_set_boxed (value, self->references);
      break;

    case PROP_MUSCLES:
      g_value_set_object (value, self->muscles);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_landmark_dispose (GObject *object)
{
  FasciaLandmark *self = FASCIA_LANDMARK (object);

  g_clear_object (&self->muscles);

  G_OBJECT_CLASS (fascia_landmark_parent_class)->dispose (object);
}

static void
fascia_landmark_finalize (GObject *object)
{
  FasciaLandmark *self = FASCIA_LANDMARK (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->latin, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->bone, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->palpation, g_free);
  g_clear_pointer (&self->references, g_strfreev);

  G_OBJECT_CLASS (fascia_landmark_parent_class)->finalize (object);
}

static void
fascia_landmark_class_init (FasciaLandmarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fascia_landmark_get_property;
  object_class->dispose = fascia_landmark_dispose;
  object_class->finalize = fascia_landmark_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LATIN] =
    g_param_spec_string ("latin", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_BONE] =
    g_param_spec_string ("bone", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAIRED] =
    g_param_spec_boolean ("paired", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DRAWN] =
    g_param_spec_boolean ("drawn", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PALPATION] =
    g_param_spec_string ("palpation", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REFERENCES] =
    g_param_spec_boxed ("references", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_MUSCLES] =
    g_param_spec_object ("muscles", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_landmark_init (FasciaLandmark *self)
{
  self->muscles = fascia_record_list_new (FASCIA_TYPE_MUSCLE);
}

/* @record is a record that fascia_atlas_validate() accepted (see fascia-atlas-private.h). */
FasciaLandmark *
fascia_landmark_new_from_record (FasciaRecord *record)
{
  FasciaLandmark *self = g_object_new (FASCIA_TYPE_LANDMARK, NULL);

  self->id = g_strdup (fascia_record_get_string (record, "id"));
  self->name = g_strdup (fascia_record_get_string (record, "name"));
  self->latin = g_strdup (fascia_record_get_string (record, "latin"));
  self->kind = g_strdup (fascia_record_get_string (record, "kind"));
  self->bone = g_strdup (fascia_record_get_string (record, "bone"));
  self->paired = fascia_record_get_boolean (record, "paired");
  self->drawn = fascia_record_get_boolean (record, "drawn");
  self->description = g_strdup (fascia_record_get_string (record, "description"));
  self->palpation = g_strdup (fascia_record_get_string (record, "palpation"));
  self->references = fascia_record_dup_strv (record, "references");

  return self;
}

/* Derived: the atlas adds each muscle that arises from or inserts on this landmark, once,
 * in the order of muscles.json. */
void
fascia_landmark_add_muscle (FasciaLandmark *self,
                            FasciaMuscle   *muscle)
{
  g_assert (FASCIA_IS_LANDMARK (self));
  g_assert (FASCIA_IS_MUSCLE (muscle));

  fascia_record_list_append (self->muscles, muscle);
}

const char *
fascia_landmark_get_id (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->id;
}

const char *
fascia_landmark_get_name (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->name;
}

const char *
fascia_landmark_get_latin (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->latin;
}

const char *
fascia_landmark_get_kind (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->kind;
}

const char *
fascia_landmark_get_bone (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->bone;
}

gboolean
fascia_landmark_get_paired (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), FALSE);

  return self->paired;
}

gboolean
fascia_landmark_get_drawn (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), FALSE);

  return self->drawn;
}

const char *
fascia_landmark_get_description (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->description;
}

const char *
fascia_landmark_get_palpation (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return self->palpation;
}

const char * const *
fascia_landmark_get_references (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return (const char * const *) self->references;
}

/**
 * fascia_landmark_get_muscles:
 *
 * Returns: (transfer none): the #FasciaMuscle<!-- -->s that arise from or insert on this
 *   landmark, derived from their origins and insertions, in the order of muscles.json
 */
GListModel *
fascia_landmark_get_muscles (FasciaLandmark *self)
{
  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), NULL);

  return G_LIST_MODEL (self->muscles);
}

/**
 * fascia_landmark_get_attachment_kind:
 * @muscle_id: a muscle id
 *
 * Returns: whether @muscle_id arises from this landmark, inserts on it, both, or neither
 */
FasciaAttachmentKind
fascia_landmark_get_attachment_kind (FasciaLandmark *self,
                                     const char     *muscle_id)
{
  guint n;

  g_return_val_if_fail (FASCIA_IS_LANDMARK (self), FASCIA_ATTACHMENT_NONE);
  g_return_val_if_fail (muscle_id != NULL, FASCIA_ATTACHMENT_NONE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->muscles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaMuscle) muscle = g_list_model_get_item (G_LIST_MODEL (self->muscles), i);

      if (g_str_equal (fascia_muscle_get_id (muscle), muscle_id))
        return fascia_muscle_get_attachment_kind (muscle, self->id);
    }

  return FASCIA_ATTACHMENT_NONE;
}
