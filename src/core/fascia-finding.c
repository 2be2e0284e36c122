/* fascia-finding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-finding.h"

/**
 * FasciaFinding:
 *
 * What the therapist found in one muscle on one side at a visit.
 */
struct _FasciaFinding
{
  GObject parent_instance;

  gint64              id;
  gint64              visit_id;
  char               *muscle_id;
  FasciaSide          side;
  FasciaFindingFlags  flags;
  char               *note;
  GDateTime          *created_at;
  GDateTime          *updated_at;
};

G_DEFINE_FINAL_TYPE (FasciaFinding, fascia_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT_ID,
  PROP_MUSCLE_ID,
  PROP_SIDE,
  PROP_FLAGS,
  PROP_NOTE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_finding_new:
 *
 * Returns: (transfer full): an empty FasciaFinding, not yet in the store.
 */
FasciaFinding *
fascia_finding_new (void)
{
  return g_object_new (FASCIA_TYPE_FINDING, NULL);
}

gint64
fascia_finding_get_id (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), 0);

  return self->id;
}

void
fascia_finding_set_id (FasciaFinding *self,
                       gint64         id)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_finding_get_visit_id (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), 0);

  return self->visit_id;
}

void
fascia_finding_set_visit_id (FasciaFinding *self,
                             gint64         visit_id)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT_ID]);
}

const char *
fascia_finding_get_muscle_id (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), NULL);

  return self->muscle_id;
}

void
fascia_finding_set_muscle_id (FasciaFinding *self,
                              const char    *muscle_id)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

  if (muscle_id == NULL)
    muscle_id = "";

  if (g_strcmp0 (self->muscle_id, muscle_id) == 0)
    return;

  g_free (self->muscle_id);
  self->muscle_id = g_strdup (muscle_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUSCLE_ID]);
}

FasciaSide
fascia_finding_get_side (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), 0);

  return self->side;
}

void
fascia_finding_set_side (FasciaFinding *self,
                         FasciaSide     side)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

  if (self->side == side)
    return;

  self->side = side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
}

FasciaFindingFlags
fascia_finding_get_flags (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), 0);

  return self->flags;
}

void
fascia_finding_set_flags (FasciaFinding      *self,
                          FasciaFindingFlags  flags)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

  if (self->flags == flags)
    return;

  self->flags = flags;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS]);
}

const char *
fascia_finding_get_note (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), NULL);

  return self->note;
}

void
fascia_finding_set_note (FasciaFinding *self,
                         const char    *note)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

  if (note == NULL)
    note = "";

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * fascia_finding_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_finding_get_created_at (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), NULL);

  return self->created_at;
}

void
fascia_finding_set_created_at (FasciaFinding *self,
                               GDateTime     *created_at)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

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
 * fascia_finding_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_finding_get_updated_at (FasciaFinding *self)
{
  g_return_val_if_fail (FASCIA_IS_FINDING (self), NULL);

  return self->updated_at;
}

void
fascia_finding_set_updated_at (FasciaFinding *self,
                               GDateTime     *updated_at)
{
  g_return_if_fail (FASCIA_IS_FINDING (self));

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
fascia_finding_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FasciaFinding *self = FASCIA_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_MUSCLE_ID:
      g_value_set_string (value, self->muscle_id);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
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
fascia_finding_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FasciaFinding *self = FASCIA_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_finding_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      fascia_finding_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_MUSCLE_ID:
      fascia_finding_set_muscle_id (self, g_value_get_string (value));
      break;

    case PROP_SIDE:
      fascia_finding_set_side (self, g_value_get_enum (value));
      break;

    case PROP_FLAGS:
      fascia_finding_set_flags (self, g_value_get_flags (value));
      break;

    case PROP_NOTE:
      fascia_finding_set_note (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      fascia_finding_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_finding_set_updated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_finding_finalize (GObject *object)
{
  FasciaFinding *self = FASCIA_FINDING (object);

  g_clear_pointer (&self->muscle_id, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_finding_parent_class)->finalize (object);
}

static void
fascia_finding_class_init (FasciaFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_finding_finalize;
  object_class->get_property = fascia_finding_get_property;
  object_class->set_property = fascia_finding_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL,
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
                       FASCIA_TYPE_SIDE, FASCIA_SIDE_NONE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL,
                        FASCIA_TYPE_FINDING_FLAGS, FASCIA_FINDING_NONE,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         "",
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
fascia_finding_init (FasciaFinding *self)
{
  self->muscle_id = g_strdup ("");
  self->note = g_strdup ("");
}
