/* fascia-pattern.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-pattern.h"

#include "fascia-atlas-private.h"

struct _FasciaPattern
{
  GObject  parent_instance;

  /* Owned */
  char    *id;
  char    *name;
  char    *summary;
  char   **tight;
  char   **weak;
  char    *effects;
  char   **techniques;
  char    *client_explanation;
  char   **references;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SUMMARY,
  PROP_TIGHT,
  PROP_WEAK,
  PROP_EFFECTS,
  PROP_TECHNIQUES,
  PROP_CLIENT_EXPLANATION,
  PROP_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaPattern, fascia_pattern, G_TYPE_OBJECT)

static void
fascia_pattern_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FasciaPattern *self = FASCIA_PATTERN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_TIGHT:
      g_value_set_boxed (value, self->tight);
      break;

    case PROP_WEAK:
      g_value_set_boxed (value, self->weak);
      break;

    case PROP_EFFECTS:
      g_value_set_string (value, self->effects);
      break;

    case PROP_TECHNIQUES:
      g_value_set_boxed (value, self->techniques);
      break;

    case PROP_CLIENT_EXPLANATION:
      g_value_set_string (value, self->client_explanation);
      break;

    case PROP_REFERENCES:
      g_value_set_boxed (value, self->references);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_pattern_finalize (GObject *object)
{
  FasciaPattern *self = FASCIA_PATTERN (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->tight, g_strfreev);
  g_clear_pointer (&self->weak, g_strfreev);
  g_clear_pointer (&self->effects, g_free);
  g_clear_pointer (&self->techniques, g_strfreev);
  g_clear_pointer (&self->client_explanation, g_free);
  g_clear_pointer (&self->references, g_strfreev);

  G_OBJECT_CLASS (fascia_pattern_parent_class)->finalize (object);
}

static void
fascia_pattern_class_init (FasciaPatternClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fascia_pattern_get_property;
  object_class->finalize = fascia_pattern_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIGHT] =
    g_param_spec_boxed ("tight", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_WEAK] =
    g_param_spec_boxed ("weak", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_EFFECTS] =
    g_param_spec_string ("effects", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TECHNIQUES] =
    g_param_spec_boxed ("techniques", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLIENT_EXPLANATION] =
    g_param_spec_string ("client-explanation", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REFERENCES] =
    g_param_spec_boxed ("references", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_pattern_init (FasciaPattern *self)
{
}

/* @record is a record that fascia_atlas_validate() accepted (see fascia-atlas-private.h). */
FasciaPattern *
fascia_pattern_new_from_record (FasciaRecord *record)
{
  FasciaPattern *self = g_object_new (FASCIA_TYPE_PATTERN, NULL);

  self->id = g_strdup (fascia_record_get_string (record, "id"));
  self->name = g_strdup (fascia_record_get_string (record, "name"));
  self->summary = g_strdup (fascia_record_get_string (record, "summary"));
  self->tight = fascia_record_dup_strv (record, "tight");
  self->weak = fascia_record_dup_strv (record, "weak");
  self->effects = g_strdup (fascia_record_get_string (record, "effects"));
  self->techniques = fascia_record_dup_strv (record, "techniques");
  self->client_explanation = g_strdup (fascia_record_get_string (record, "client_explanation"));
  self->references = fascia_record_dup_strv (record, "references");

  return self;
}

const char *
fascia_pattern_get_id (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return self->id;
}

const char *
fascia_pattern_get_name (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return self->name;
}

const char *
fascia_pattern_get_summary (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return self->summary;
}

const char * const *
fascia_pattern_get_tight (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return (const char * const *) self->tight;
}

const char * const *
fascia_pattern_get_weak (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return (const char * const *) self->weak;
}

const char *
fascia_pattern_get_effects (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return self->effects;
}

const char * const *
fascia_pattern_get_techniques (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return (const char * const *) self->techniques;
}

const char *
fascia_pattern_get_client_explanation (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return self->client_explanation;
}

const char * const *
fascia_pattern_get_references (FasciaPattern *self)
{
  g_return_val_if_fail (FASCIA_IS_PATTERN (self), NULL);

  return (const char * const *) self->references;
}
