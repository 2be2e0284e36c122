/* fascia-muscle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fascia/fascia-muscle.h"

#include "fascia-atlas-private.h"

struct _FasciaMuscle
{
  GObject      parent_instance;

  /* Owned */
  char        *id;
  char        *name;
  char        *latin;
  char        *group;
  char        *fma;
  char        *ta98;
  gboolean     paired;
  GPtrArray   *origins;
  GPtrArray   *insertions;
  char       **actions;
  char        *innervation_nerve;
  char        *innervation_roots;
  char        *innervation_note;
  char       **blood_supply;
  FasciaRecordList *trigger_points;
  char       **overactive_causes;
  char       **weakness_causes;
  GPtrArray   *relations;
  FasciaRecordList *techniques;
  char        *client_explanation;
  char        *study_note;
  char       **disagreements;
  char        *notes;
  char       **references;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LATIN,
  PROP_GROUP,
  PROP_FMA,
  PROP_TA98,
  PROP_PAIRED,
  PROP_ORIGINS,
  PROP_INSERTIONS,
  PROP_ACTIONS,
  PROP_INNERVATION_NERVE,
  PROP_INNERVATION_ROOTS,
  PROP_INNERVATION_NOTE,
  PROP_BLOOD_SUPPLY,
  PROP_TRIGGER_POINTS,
  PROP_OVERACTIVE_CAUSES,
  PROP_WEAKNESS_CAUSES,
  PROP_RELATIONS,
  PROP_TECHNIQUES,
  PROP_CLIENT_EXPLANATION,
  PROP_STUDY_NOTE,
  PROP_DISAGREEMENTS,
  PROP_NOTES,
  PROP_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaMuscle, fascia_muscle, G_TYPE_OBJECT)

static void
fascia_muscle_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FasciaMuscle *self = FASCIA_MUSCLE (object);

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

    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;

    case PROP_FMA:
      g_value_set_string (value, self->fma);
      break;

    case PROP_TA98:
      g_value_set_string (value, self->ta98);
      break;

    case PROP_PAIRED:
      g_value_set_boolean (value, self->paired);
      break;

    case PROP_ORIGINS:
      g_value_set_boxed (value, self->origins);
      break;

    case PROP_INSERTIONS:
      g_value_set_boxed (value, self->insertions);
      break;

    case PROP_ACTIONS:
      g_value_set_boxed (value, self->actions);
      break;

    case PROP_INNERVATION_NERVE:
      g_value_set_string (value, self->innervation_nerve);
      break;

    case PROP_INNERVATION_ROOTS:
      g_value_set_string (value, self->innervation_roots);
      break;

    case PROP_INNERVATION_NOTE:
      g_value_set_string (value, self->innervation_note);
      break;

    case PROP_BLOOD_SUPPLY:
      g_value_set_boxed (value, self->blood_supply);
      break;

    case PROP_TRIGGER_POINTS:
      g_value_set_object (value, self->trigger_points);
      break;

    case PROP_OVERACTIVE_CAUSES:
      g_value_set_boxed (value, self->overactive_causes);
      break;

    case PROP_WEAKNESS_CAUSES:
      g_value_set_boxed (value, self->weakness_causes);
      break;

    case PROP_RELATIONS:
      g_value_set_boxed (value, self->relations);
      break;

    case PROP_TECHNIQUES:
      g_value_set_object (value, self->techniques);
      break;

    case PROP_CLIENT_EXPLANATION:
      g_value_set_string (value, self->client_explanation);
      break;

    case PROP_STUDY_NOTE:
      g_value_set_string (value, self->study_note);
      break;

    case PROP_DISAGREEMENTS:
      g_value_set_boxed (value, self->disagreements);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_REFERENCES:
      g_value_set_boxed (value, self->references);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_muscle_dispose (GObject *object)
{
  FasciaMuscle *self = FASCIA_MUSCLE (object);

  g_clear_object (&self->trigger_points);
  g_clear_object (&self->techniques);

  G_OBJECT_CLASS (fascia_muscle_parent_class)->dispose (object);
}

static void
fascia_muscle_finalize (GObject *object)
{
  FasciaMuscle *self = FASCIA_MUSCLE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->latin, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->fma, g_free);
  g_clear_pointer (&self->ta98, g_free);
  g_clear_pointer (&self->origins, g_ptr_array_unref);
  g_clear_pointer (&self->insertions, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_strfreev);
  g_clear_pointer (&self->innervation_nerve, g_free);
  g_clear_pointer (&self->innervation_roots, g_free);
  g_clear_pointer (&self->innervation_note, g_free);
  g_clear_pointer (&self->blood_supply, g_strfreev);
  g_clear_pointer (&self->overactive_causes, g_strfreev);
  g_clear_pointer (&self->weakness_causes, g_strfreev);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->client_explanation, g_free);
  g_clear_pointer (&self->study_note, g_free);
  g_clear_pointer (&self->disagreements, g_strfreev);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->references, g_strfreev);

  G_OBJECT_CLASS (fascia_muscle_parent_class)->finalize (object);
}

static void
fascia_muscle_class_init (FasciaMuscleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fascia_muscle_get_property;
  object_class->dispose = fascia_muscle_dispose;
  object_class->finalize = fascia_muscle_finalize;

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

  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_FMA] =
    g_param_spec_string ("fma", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TA98] =
    g_param_spec_string ("ta98", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAIRED] =
    g_param_spec_boolean ("paired", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORIGINS] =
    g_param_spec_boxed ("origins", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_INSERTIONS] =
    g_param_spec_boxed ("insertions", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_ACTIONS] =
    g_param_spec_boxed ("actions", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_INNERVATION_NERVE] =
    g_param_spec_string ("innervation-nerve", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_INNERVATION_ROOTS] =
    g_param_spec_string ("innervation-roots", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_INNERVATION_NOTE] =
    g_param_spec_string ("innervation-note", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_BLOOD_SUPPLY] =
    g_param_spec_boxed ("blood-supply", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TRIGGER_POINTS] =
    g_param_spec_object ("trigger-points", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_OVERACTIVE_CAUSES] =
    g_param_spec_boxed ("overactive-causes", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_WEAKNESS_CAUSES] =
    g_param_spec_boxed ("weakness-causes", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_RELATIONS] =
    g_param_spec_boxed ("relations", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TECHNIQUES] =
    g_param_spec_object ("techniques", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLIENT_EXPLANATION] =
    g_param_spec_string ("client-explanation", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_STUDY_NOTE] =
    g_param_spec_string ("study-note", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DISAGREEMENTS] =
    g_param_spec_boxed ("disagreements", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REFERENCES] =
    g_param_spec_boxed ("references", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_muscle_init (FasciaMuscle *self)
{
  self->trigger_points = fascia_record_list_new (FASCIA_TYPE_TRIGGER_POINT);
  self->techniques = fascia_record_list_new (FASCIA_TYPE_TECHNIQUE);
}

static GPtrArray *
attachments_from_record (FasciaRecord *record,
                         const char   *member)
{
  g_autoptr(GVariant) array = fascia_record_get_array (record, member);
  GPtrArray *attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) fascia_attachment_free);

  for (gsize i = 0; array != NULL && i < g_variant_n_children (array); i++)
    {
      g_autoptr(FasciaRecord) element = fascia_record_get_element (array, i);
      g_auto(GStrv) landmarks = fascia_record_dup_strv (element, "landmarks");

      g_ptr_array_add (attachments,
                       fascia_attachment_new (fascia_record_get_string (element, "text"),
                                              (const char * const *) landmarks));
    }

  return attachments;
}

/* @record is a record that fascia_atlas_validate() accepted (see fascia-atlas-private.h). */
FasciaMuscle *
fascia_muscle_new_from_record (FasciaRecord *record)
{
  FasciaMuscle *self = g_object_new (FASCIA_TYPE_MUSCLE, NULL);
  g_autoptr(FasciaRecord) innervation = fascia_record_get_record (record, "innervation");
  g_autoptr(GVariant) trigger_points = fascia_record_get_array (record, "trigger_points");
  g_autoptr(GVariant) relations = fascia_record_get_array (record, "relations");

  self->id = g_strdup (fascia_record_get_string (record, "id"));
  self->name = g_strdup (fascia_record_get_string (record, "name"));
  self->latin = g_strdup (fascia_record_get_string (record, "latin"));
  self->group = g_strdup (fascia_record_get_string (record, "group"));
  self->fma = g_strdup (fascia_record_get_string (record, "fma"));
  self->ta98 = g_strdup (fascia_record_get_string (record, "ta98"));
  self->paired = fascia_record_get_boolean (record, "paired");
  self->origins = attachments_from_record (record, "origins");
  self->insertions = attachments_from_record (record, "insertions");
  self->actions = fascia_record_dup_strv (record, "actions");
  self->innervation_nerve = g_strdup (fascia_record_get_string (innervation, "nerve"));
  self->innervation_roots = g_strdup (fascia_record_get_string (innervation, "roots"));
  self->innervation_note = g_strdup (fascia_record_get_string (innervation, "note"));
  self->blood_supply = fascia_record_dup_strv (record, "blood_supply");
  self->overactive_causes = fascia_record_dup_strv (record, "overactive_causes");
  self->weakness_causes = fascia_record_dup_strv (record, "weakness_causes");
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) fascia_relation_free);
  self->client_explanation = g_strdup (fascia_record_get_string (record, "client_explanation"));
  self->study_note = g_strdup (fascia_record_get_string (record, "study_note"));
  self->disagreements = fascia_record_dup_strv (record, "disagreements");
  self->notes = g_strdup (fascia_record_get_string (record, "notes"));
  self->references = fascia_record_dup_strv (record, "references");

  for (gsize i = 0; trigger_points != NULL && i < g_variant_n_children (trigger_points); i++)
    {
      g_autoptr(FasciaRecord) element = fascia_record_get_element (trigger_points, i);
      g_autoptr(FasciaTriggerPoint) point = fascia_trigger_point_new_from_record (self->id,
                                                                                 element);

      fascia_record_list_append (self->trigger_points, point);
    }

  for (gsize i = 0; relations != NULL && i < g_variant_n_children (relations); i++)
    {
      g_autoptr(FasciaRecord) element = fascia_record_get_element (relations, i);

      g_ptr_array_add (self->relations,
                       fascia_relation_new (fascia_record_get_string (element, "role"),
                                            fascia_record_get_string (element, "muscle"),
                                            fascia_record_get_string (element, "text")));
    }

  return self;
}

/* Derived: the atlas adds each technique whose "muscles" name this one, in file order. */
void
fascia_muscle_add_technique (FasciaMuscle    *self,
                             FasciaTechnique *technique)
{
  g_assert (FASCIA_IS_MUSCLE (self));
  g_assert (FASCIA_IS_TECHNIQUE (technique));

  fascia_record_list_append (self->techniques, technique);
}

const char *
fascia_muscle_get_id (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->id;
}

const char *
fascia_muscle_get_name (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->name;
}

const char *
fascia_muscle_get_latin (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->latin;
}

const char *
fascia_muscle_get_group (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->group;
}

/**
 * fascia_muscle_get_fma:
 *
 * Returns: (nullable): the Foundational Model of Anatomy id ("FMA:18060"), or %NULL where
 *   none could be verified (the muscle's notes say so)
 */
const char *
fascia_muscle_get_fma (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->fma;
}

/**
 * fascia_muscle_get_ta98:
 *
 * Returns: (nullable): the Terminologia Anatomica code ("A04.7.02.004"), or %NULL
 */
const char *
fascia_muscle_get_ta98 (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->ta98;
}

gboolean
fascia_muscle_get_paired (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), FALSE);

  return self->paired;
}

/**
 * fascia_muscle_get_origins:
 *
 * Returns: (transfer none) (element-type FasciaAttachment): where the muscle arises
 */
GPtrArray *
fascia_muscle_get_origins (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->origins;
}

/**
 * fascia_muscle_get_insertions:
 *
 * Returns: (transfer none) (element-type FasciaAttachment): where the muscle inserts
 */
GPtrArray *
fascia_muscle_get_insertions (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->insertions;
}

const char * const *
fascia_muscle_get_actions (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return (const char * const *) self->actions;
}

const char *
fascia_muscle_get_innervation_nerve (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->innervation_nerve;
}

const char *
fascia_muscle_get_innervation_roots (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->innervation_roots;
}

/**
 * fascia_muscle_get_innervation_note:
 *
 * Returns: (nullable): where references differ on the nerve supply, what each says
 */
const char *
fascia_muscle_get_innervation_note (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->innervation_note;
}

const char * const *
fascia_muscle_get_blood_supply (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return (const char * const *) self->blood_supply;
}

/**
 * fascia_muscle_get_trigger_points:
 *
 * Returns: (transfer none): the muscle's #FasciaTriggerPoint<!-- -->s, numbered 1 to n in
 *   order; empty for a muscle without any
 */
GListModel *
fascia_muscle_get_trigger_points (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return G_LIST_MODEL (self->trigger_points);
}

const char * const *
fascia_muscle_get_overactive_causes (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return (const char * const *) self->overactive_causes;
}

const char * const *
fascia_muscle_get_weakness_causes (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return (const char * const *) self->weakness_causes;
}

/**
 * fascia_muscle_get_relations:
 *
 * Returns: (transfer none) (element-type FasciaRelation): how this muscle strains others
 *   (culprit), is strained by them (victim), or works with or against them
 */
GPtrArray *
fascia_muscle_get_relations (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->relations;
}

/**
 * fascia_muscle_get_techniques:
 *
 * Returns: (transfer none): the #FasciaTechnique<!-- -->s that treat this muscle, derived
 *   from the techniques' muscle lists, in the order of techniques.json
 */
GListModel *
fascia_muscle_get_techniques (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return G_LIST_MODEL (self->techniques);
}

const char *
fascia_muscle_get_client_explanation (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->client_explanation;
}

const char *
fascia_muscle_get_study_note (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->study_note;
}

const char * const *
fascia_muscle_get_disagreements (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return (const char * const *) self->disagreements;
}

/**
 * fascia_muscle_get_notes:
 *
 * Returns: (nullable): free-text notes, if any
 */
const char *
fascia_muscle_get_notes (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return self->notes;
}

const char * const *
fascia_muscle_get_references (FasciaMuscle *self)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  return (const char * const *) self->references;
}

/**
 * fascia_muscle_get_attachment_kind:
 * @landmark_id: a landmark id
 *
 * Returns: whether the muscle arises from @landmark_id, inserts on it, both, or neither
 */
FasciaAttachmentKind
fascia_muscle_get_attachment_kind (FasciaMuscle *self,
                                   const char   *landmark_id)
{
  FasciaAttachmentKind kind = FASCIA_ATTACHMENT_NONE;

  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), FASCIA_ATTACHMENT_NONE);
  g_return_val_if_fail (landmark_id != NULL, FASCIA_ATTACHMENT_NONE);

  for (guint i = 0; i < self->origins->len; i++)
    {
      const FasciaAttachment *origin = g_ptr_array_index (self->origins, i);

      if (g_strv_contains ((const char * const *) origin->landmarks, landmark_id))
        kind |= FASCIA_ATTACHMENT_ORIGIN;
    }

  for (guint i = 0; i < self->insertions->len; i++)
    {
      const FasciaAttachment *insertion = g_ptr_array_index (self->insertions, i);

      if (g_strv_contains ((const char * const *) insertion->landmarks, landmark_id))
        kind |= FASCIA_ATTACHMENT_INSERTION;
    }

  return kind;
}

/**
 * fascia_muscle_get_display_name:
 * @side: the side of the body meant
 *
 * The name to show or speak for one side of the muscle, such as “Psoas major, left side”
 * for a region of a diagram. A midline muscle has no side.
 *
 * Returns: (transfer full): the translated name
 */
char *
fascia_muscle_get_display_name (FasciaMuscle *self,
                                FasciaSide    side)
{
  g_return_val_if_fail (FASCIA_IS_MUSCLE (self), NULL);

  if (!self->paired)
    return g_strdup (self->name);

  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      /* Translators: a muscle on the subject's left, e.g. “Psoas major, left side” */
      return g_strdup_printf (_("%s, left side"), self->name);

    case FASCIA_SIDE_RIGHT:
      /* Translators: a muscle on the subject's right, e.g. “Psoas major, right side” */
      return g_strdup_printf (_("%s, right side"), self->name);

    case FASCIA_SIDE_BOTH:
      /* Translators: a muscle on both sides, e.g. “Psoas major, both sides” */
      return g_strdup_printf (_("%s, both sides"), self->name);

    case FASCIA_SIDE_NONE:
    default:
      return g_strdup (self->name);
    }
}
