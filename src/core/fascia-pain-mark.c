/* fascia-pain-mark.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-pain-mark.h"

/**
 * FasciaPainMark:
 *
 * A body-chart mark of a visit: a region or point, how much pain, what kind.
 */
struct _FasciaPainMark
{
  GObject parent_instance;

  gint64          id;
  gint64          visit_id;
  char           *view_id;
  char           *region_id;
  double          x;
  double          y;
  guint           drawing;
  guint           intensity;
  FasciaPainType  pain_type;
  char           *note;
  GDateTime      *created_at;
  GDateTime      *updated_at;
};

G_DEFINE_FINAL_TYPE (FasciaPainMark, fascia_pain_mark, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT_ID,
  PROP_VIEW_ID,
  PROP_REGION_ID,
  PROP_X,
  PROP_Y,
  PROP_DRAWING,
  PROP_INTENSITY,
  PROP_PAIN_TYPE,
  PROP_NOTE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_pain_mark_new:
 *
 * Returns: (transfer full): an empty FasciaPainMark, not yet in the store.
 */
FasciaPainMark *
fascia_pain_mark_new (void)
{
  return g_object_new (FASCIA_TYPE_PAIN_MARK, NULL);
}

gint64
fascia_pain_mark_get_id (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0);

  return self->id;
}

void
fascia_pain_mark_set_id (FasciaPainMark *self,
                         gint64          id)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_pain_mark_get_visit_id (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0);

  return self->visit_id;
}

void
fascia_pain_mark_set_visit_id (FasciaPainMark *self,
                               gint64          visit_id)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT_ID]);
}

/**
 * fascia_pain_mark_get_view_id:
 *
 * Returns: the diagram view: `anterior`, `posterior-superficial`, ….
 */
const char *
fascia_pain_mark_get_view_id (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), NULL);

  return self->view_id;
}

void
fascia_pain_mark_set_view_id (FasciaPainMark *self,
                              const char     *view_id)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (view_id == NULL)
    view_id = "";

  if (g_strcmp0 (self->view_id, view_id) == 0)
    return;

  g_free (self->view_id);
  self->view_id = g_strdup (view_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_ID]);
}

/**
 * fascia_pain_mark_get_region_id:
 *
 * Returns: the diagram region, e.g. `m-piriformis-r`, or empty for a point.
 */
const char *
fascia_pain_mark_get_region_id (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), NULL);

  return self->region_id;
}

void
fascia_pain_mark_set_region_id (FasciaPainMark *self,
                                const char     *region_id)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (region_id == NULL)
    region_id = "";

  if (g_strcmp0 (self->region_id, region_id) == 0)
    return;

  g_free (self->region_id);
  self->region_id = g_strdup (region_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION_ID]);
}

/**
 * fascia_pain_mark_get_x:
 *
 * Returns: the point in the view's coordinates when #FasciaPainMark:region-id is empty.
 */
double
fascia_pain_mark_get_x (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0.0);

  return self->x;
}

void
fascia_pain_mark_set_x (FasciaPainMark *self,
                        double          x)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->x == x)
    return;

  self->x = x;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
}

double
fascia_pain_mark_get_y (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0.0);

  return self->y;
}

void
fascia_pain_mark_set_y (FasciaPainMark *self,
                        double          y)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->y == y)
    return;

  self->y = y;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
}

/**
 * fascia_pain_mark_get_drawing:
 *
 * Returns: which drawing of its view the point is on (fascia_view_drawing_current()), from
 *   1; 0 when not said, which the store takes as the view's drawing as it is now.
 */
guint
fascia_pain_mark_get_drawing (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0);

  return self->drawing;
}

void
fascia_pain_mark_set_drawing (FasciaPainMark *self,
                              guint           drawing)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->drawing == drawing)
    return;

  self->drawing = drawing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAWING]);
}

/**
 * fascia_pain_mark_get_intensity:
 *
 * Returns: 0–10.
 */
guint
fascia_pain_mark_get_intensity (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0);

  return self->intensity;
}

void
fascia_pain_mark_set_intensity (FasciaPainMark *self,
                                guint           intensity)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->intensity == intensity)
    return;

  self->intensity = intensity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTENSITY]);
}

FasciaPainType
fascia_pain_mark_get_pain_type (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), 0);

  return self->pain_type;
}

void
fascia_pain_mark_set_pain_type (FasciaPainMark *self,
                                FasciaPainType  pain_type)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (self->pain_type == pain_type)
    return;

  self->pain_type = pain_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN_TYPE]);
}

const char *
fascia_pain_mark_get_note (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), NULL);

  return self->note;
}

void
fascia_pain_mark_set_note (FasciaPainMark *self,
                           const char     *note)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

  if (note == NULL)
    note = "";

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * fascia_pain_mark_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_pain_mark_get_created_at (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), NULL);

  return self->created_at;
}

void
fascia_pain_mark_set_created_at (FasciaPainMark *self,
                                 GDateTime      *created_at)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

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
 * fascia_pain_mark_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_pain_mark_get_updated_at (FasciaPainMark *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_MARK (self), NULL);

  return self->updated_at;
}

void
fascia_pain_mark_set_updated_at (FasciaPainMark *self,
                                 GDateTime      *updated_at)
{
  g_return_if_fail (FASCIA_IS_PAIN_MARK (self));

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
fascia_pain_mark_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FasciaPainMark *self = FASCIA_PAIN_MARK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_VIEW_ID:
      g_value_set_string (value, self->view_id);
      break;

    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;

    case PROP_X:
      g_value_set_double (value, self->x);
      break;

    case PROP_Y:
      g_value_set_double (value, self->y);
      break;

    case PROP_DRAWING:
      g_value_set_uint (value, self->drawing);
      break;

    case PROP_INTENSITY:
      g_value_set_uint (value, self->intensity);
      break;

    case PROP_PAIN_TYPE:
      g_value_set_enum (value, self->pain_type);
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
fascia_pain_mark_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FasciaPainMark *self = FASCIA_PAIN_MARK (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_pain_mark_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      fascia_pain_mark_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_VIEW_ID:
      fascia_pain_mark_set_view_id (self, g_value_get_string (value));
      break;

    case PROP_REGION_ID:
      fascia_pain_mark_set_region_id (self, g_value_get_string (value));
      break;

    case PROP_X:
      fascia_pain_mark_set_x (self, g_value_get_double (value));
      break;

    case PROP_Y:
      fascia_pain_mark_set_y (self, g_value_get_double (value));
      break;

    case PROP_DRAWING:
      fascia_pain_mark_set_drawing (self, g_value_get_uint (value));
      break;

    case PROP_INTENSITY:
      fascia_pain_mark_set_intensity (self, g_value_get_uint (value));
      break;

    case PROP_PAIN_TYPE:
      fascia_pain_mark_set_pain_type (self, g_value_get_enum (value));
      break;

    case PROP_NOTE:
      fascia_pain_mark_set_note (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      fascia_pain_mark_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_pain_mark_set_updated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_pain_mark_finalize (GObject *object)
{
  FasciaPainMark *self = FASCIA_PAIN_MARK (object);

  g_clear_pointer (&self->view_id, g_free);
  g_clear_pointer (&self->region_id, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_pain_mark_parent_class)->finalize (object);
}

static void
fascia_pain_mark_class_init (FasciaPainMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_pain_mark_finalize;
  object_class->get_property = fascia_pain_mark_get_property;
  object_class->set_property = fascia_pain_mark_set_property;

  /* Below 0: added while the clinic server was away, provisional until the store's journal
   * saves it (fascia-store-journal.c). */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_VIEW_ID] =
    g_param_spec_string ("view-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* 0: the current drawing of the view. */
  properties[PROP_DRAWING] =
    g_param_spec_uint ("drawing", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_INTENSITY] =
    g_param_spec_uint ("intensity", NULL, NULL,
                       0, G_MAXUINT, 5,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_PAIN_TYPE] =
    g_param_spec_enum ("pain-type", NULL, NULL,
                       FASCIA_TYPE_PAIN_TYPE, FASCIA_PAIN_ACHE,
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
fascia_pain_mark_init (FasciaPainMark *self)
{
  self->view_id = g_strdup ("");
  self->region_id = g_strdup ("");
  self->intensity = 5;
  self->note = g_strdup ("");
}
