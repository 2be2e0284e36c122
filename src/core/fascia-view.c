/* fascia-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas"

#include "config.h"

#include "fascia/fascia-view.h"

#include "fascia-atlas-private.h"

struct _FasciaView
{
  GObject  parent_instance;

  /* Owned */
  char    *id;
  char    *title;
  char    *description;
  char    *file;
  char   **muscles;
  char   **landmarks;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_FILE,
  PROP_MUSCLES,
  PROP_LANDMARKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaView, fascia_view, G_TYPE_OBJECT)

static void
fascia_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FasciaView *self = FASCIA_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;

    case PROP_MUSCLES:
      g_value_set_boxed (value, self->muscles);
      break;

    case PROP_LANDMARKS:
      g_value_set_boxed (value, self->landmarks);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_view_finalize (GObject *object)
{
  FasciaView *self = FASCIA_VIEW (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->muscles, g_strfreev);
  g_clear_pointer (&self->landmarks, g_strfreev);

  G_OBJECT_CLASS (fascia_view_parent_class)->finalize (object);
}

static void
fascia_view_class_init (FasciaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fascia_view_get_property;
  object_class->finalize = fascia_view_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILE] =
    g_param_spec_string ("file", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_MUSCLES] =
    g_param_spec_boxed ("muscles", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LANDMARKS] =
    g_param_spec_boxed ("landmarks", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_view_init (FasciaView *self)
{
}

/* @record is a record that fascia_atlas_validate() accepted (see fascia-atlas-private.h). */
FasciaView *
fascia_view_new_from_record (FasciaRecord *record)
{
  FasciaView *self = g_object_new (FASCIA_TYPE_VIEW, NULL);

  self->id = g_strdup (fascia_record_get_string (record, "id"));
  self->title = g_strdup (fascia_record_get_string (record, "title"));
  self->description = g_strdup (fascia_record_get_string (record, "description"));
  self->file = g_strdup (fascia_record_get_string (record, "file"));
  self->muscles = fascia_record_dup_strv (record, "muscles");
  self->landmarks = fascia_record_dup_strv (record, "landmarks");

  return self;
}

const char *
fascia_view_get_id (FasciaView *self)
{
  g_return_val_if_fail (FASCIA_IS_VIEW (self), NULL);

  return self->id;
}

const char *
fascia_view_get_title (FasciaView *self)
{
  g_return_val_if_fail (FASCIA_IS_VIEW (self), NULL);

  return self->title;
}

const char *
fascia_view_get_description (FasciaView *self)
{
  g_return_val_if_fail (FASCIA_IS_VIEW (self), NULL);

  return self->description;
}

const char *
fascia_view_get_file (FasciaView *self)
{
  g_return_val_if_fail (FASCIA_IS_VIEW (self), NULL);

  return self->file;
}

const char * const *
fascia_view_get_muscles (FasciaView *self)
{
  g_return_val_if_fail (FASCIA_IS_VIEW (self), NULL);

  return (const char * const *) self->muscles;
}

const char * const *
fascia_view_get_landmarks (FasciaView *self)
{
  g_return_val_if_fail (FASCIA_IS_VIEW (self), NULL);

  return (const char * const *) self->landmarks;
}
