/* fascia-visit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-visit.h"

/**
 * FasciaVisit:
 *
 * A session: date, SOAP notes, pain before and after, what was treated.
 */
struct _FasciaVisit
{
  GObject parent_instance;

  gint64     id;
  gint64     client_id;
  gint64     plan_id;
  GDateTime *visited_at;
  char      *subjective;
  char      *objective;
  char      *assessment;
  char      *plan_notes;
  int        pain_before;
  int        pain_after;
  GVariant  *treated_target_ids;
  GDateTime *created_at;
  GDateTime *updated_at;
  gint64     revision;
  char      *updated_by;
};

G_DEFINE_FINAL_TYPE (FasciaVisit, fascia_visit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_PLAN_ID,
  PROP_VISITED_AT,
  PROP_SUBJECTIVE,
  PROP_OBJECTIVE,
  PROP_ASSESSMENT,
  PROP_PLAN_NOTES,
  PROP_PAIN_BEFORE,
  PROP_PAIN_AFTER,
  PROP_TREATED_TARGET_IDS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REVISION,
  PROP_UPDATED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_visit_new:
 *
 * Returns: (transfer full): an empty FasciaVisit, not yet in the store.
 */
FasciaVisit *
fascia_visit_new (void)
{
  return g_object_new (FASCIA_TYPE_VISIT, NULL);
}

gint64
fascia_visit_get_id (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), 0);

  return self->id;
}

void
fascia_visit_set_id (FasciaVisit *self,
                     gint64       id)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_visit_get_client_id (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), 0);

  return self->client_id;
}

void
fascia_visit_set_client_id (FasciaVisit *self,
                            gint64       client_id)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->client_id == client_id)
    return;

  self->client_id = client_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

/**
 * fascia_visit_get_plan_id:
 *
 * Returns: the plan followed, or 0.
 */
gint64
fascia_visit_get_plan_id (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), 0);

  return self->plan_id;
}

void
fascia_visit_set_plan_id (FasciaVisit *self,
                          gint64       plan_id)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->plan_id == plan_id)
    return;

  self->plan_id = plan_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_ID]);
}

/**
 * fascia_visit_get_visited_at:
 *
 * Returns: (nullable): when the session took place.
 */
GDateTime *
fascia_visit_get_visited_at (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->visited_at;
}

void
fascia_visit_set_visited_at (FasciaVisit *self,
                             GDateTime   *visited_at)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->visited_at == visited_at)
    return;

  if (self->visited_at != NULL && visited_at != NULL
      && g_date_time_equal (self->visited_at, visited_at))
    return;

  g_clear_pointer (&self->visited_at, g_date_time_unref);
  self->visited_at = visited_at != NULL ? g_date_time_ref (visited_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISITED_AT]);
}

/**
 * fascia_visit_get_subjective:
 *
 * Returns: S: what the client reports.
 */
const char *
fascia_visit_get_subjective (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->subjective;
}

void
fascia_visit_set_subjective (FasciaVisit *self,
                             const char  *subjective)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (subjective == NULL)
    subjective = "";

  if (g_strcmp0 (self->subjective, subjective) == 0)
    return;

  g_free (self->subjective);
  self->subjective = g_strdup (subjective);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECTIVE]);
}

/**
 * fascia_visit_get_objective:
 *
 * Returns: O: what the therapist observes and tests.
 */
const char *
fascia_visit_get_objective (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->objective;
}

void
fascia_visit_set_objective (FasciaVisit *self,
                            const char  *objective)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (objective == NULL)
    objective = "";

  if (g_strcmp0 (self->objective, objective) == 0)
    return;

  g_free (self->objective);
  self->objective = g_strdup (objective);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECTIVE]);
}

/**
 * fascia_visit_get_assessment:
 *
 * Returns: A: the therapist's reading of it.
 */
const char *
fascia_visit_get_assessment (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->assessment;
}

void
fascia_visit_set_assessment (FasciaVisit *self,
                             const char  *assessment)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (assessment == NULL)
    assessment = "";

  if (g_strcmp0 (self->assessment, assessment) == 0)
    return;

  g_free (self->assessment);
  self->assessment = g_strdup (assessment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSESSMENT]);
}

/**
 * fascia_visit_get_plan_notes:
 *
 * Returns: P: what comes next.
 */
const char *
fascia_visit_get_plan_notes (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->plan_notes;
}

void
fascia_visit_set_plan_notes (FasciaVisit *self,
                             const char  *plan_notes)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (plan_notes == NULL)
    plan_notes = "";

  if (g_strcmp0 (self->plan_notes, plan_notes) == 0)
    return;

  g_free (self->plan_notes);
  self->plan_notes = g_strdup (plan_notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_NOTES]);
}

/**
 * fascia_visit_get_pain_before:
 *
 * Returns: 0–10, or -1 when not asked.
 */
int
fascia_visit_get_pain_before (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), 0);

  return self->pain_before;
}

void
fascia_visit_set_pain_before (FasciaVisit *self,
                              int          pain_before)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->pain_before == pain_before)
    return;

  self->pain_before = pain_before;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN_BEFORE]);
}

/**
 * fascia_visit_get_pain_after:
 *
 * Returns: 0–10, or -1 when not asked.
 */
int
fascia_visit_get_pain_after (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), 0);

  return self->pain_after;
}

void
fascia_visit_set_pain_after (FasciaVisit *self,
                             int          pain_after)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->pain_after == pain_after)
    return;

  self->pain_after = pain_after;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN_AFTER]);
}

/**
 * fascia_visit_get_treated_target_ids:
 * @n_ids: (out): the number of ids
 *
 * Returns: (array length=n_ids): the plan targets treated.
 */
const gint64 *
fascia_visit_get_treated_target_ids (FasciaVisit *self,
                                     gsize       *n_ids)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  return g_variant_get_fixed_array (self->treated_target_ids, n_ids, sizeof (gint64));
}

void
fascia_visit_set_treated_target_ids (FasciaVisit  *self,
                                     const gint64 *ids,
                                     gsize         n_ids)
{
  g_autoptr(GVariant) value = NULL;

  g_return_if_fail (FASCIA_IS_VISIT (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  value = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, n_ids,
                                                         sizeof (gint64)));
  if (g_variant_equal (value, self->treated_target_ids))
    return;

  g_clear_pointer (&self->treated_target_ids, g_variant_unref);
  self->treated_target_ids = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREATED_TARGET_IDS]);
}

/**
 * fascia_visit_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_visit_get_created_at (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->created_at;
}

void
fascia_visit_set_created_at (FasciaVisit *self,
                             GDateTime   *created_at)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

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
 * fascia_visit_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_visit_get_updated_at (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->updated_at;
}

void
fascia_visit_set_updated_at (FasciaVisit *self,
                             GDateTime   *updated_at)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->updated_at == updated_at)
    return;

  if (self->updated_at != NULL && updated_at != NULL
      && g_date_time_equal (self->updated_at, updated_at))
    return;

  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->updated_by, g_free);
  self->updated_at = updated_at != NULL ? g_date_time_ref (updated_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

/**
 * fascia_visit_get_revision:
 *
 * Returns: the version of the row this object was read from, counted up by each save; 0 for
 *   an object not yet in the store. A save of an older revision is refused as a conflict.
 */
gint64
fascia_visit_get_revision (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), 0);

  return self->revision;
}

void
fascia_visit_set_revision (FasciaVisit *self,
                           gint64       revision)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

/**
 * fascia_visit_get_updated_by:
 *
 * Returns: (nullable): who saved the row last, where the database knows (a clinic server's
 *   login), else %NULL.
 */
const char *
fascia_visit_get_updated_by (FasciaVisit *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  return self->updated_by;
}

void
fascia_visit_set_updated_by (FasciaVisit *self,
                             const char   *updated_by)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  if (g_strcmp0 (self->updated_by, updated_by) == 0)
    return;

  g_free (self->updated_by);
  self->updated_by = g_strdup (updated_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_BY]);
}

static void
fascia_visit_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FasciaVisit *self = FASCIA_VISIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;

    case PROP_VISITED_AT:
      g_value_set_boxed (value, self->visited_at);
      break;

    case PROP_SUBJECTIVE:
      g_value_set_string (value, self->subjective);
      break;

    case PROP_OBJECTIVE:
      g_value_set_string (value, self->objective);
      break;

    case PROP_ASSESSMENT:
      g_value_set_string (value, self->assessment);
      break;

    case PROP_PLAN_NOTES:
      g_value_set_string (value, self->plan_notes);
      break;

    case PROP_PAIN_BEFORE:
      g_value_set_int (value, self->pain_before);
      break;

    case PROP_PAIN_AFTER:
      g_value_set_int (value, self->pain_after);
      break;

    case PROP_TREATED_TARGET_IDS:
      g_value_set_variant (value, self->treated_target_ids);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;

    case PROP_UPDATED_BY:
      g_value_set_string (value, self->updated_by);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_visit_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FasciaVisit *self = FASCIA_VISIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_visit_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CLIENT_ID:
      fascia_visit_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_PLAN_ID:
      fascia_visit_set_plan_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISITED_AT:
      fascia_visit_set_visited_at (self, g_value_get_boxed (value));
      break;

    case PROP_SUBJECTIVE:
      fascia_visit_set_subjective (self, g_value_get_string (value));
      break;

    case PROP_OBJECTIVE:
      fascia_visit_set_objective (self, g_value_get_string (value));
      break;

    case PROP_ASSESSMENT:
      fascia_visit_set_assessment (self, g_value_get_string (value));
      break;

    case PROP_PLAN_NOTES:
      fascia_visit_set_plan_notes (self, g_value_get_string (value));
      break;

    case PROP_PAIN_BEFORE:
      fascia_visit_set_pain_before (self, g_value_get_int (value));
      break;

    case PROP_PAIN_AFTER:
      fascia_visit_set_pain_after (self, g_value_get_int (value));
      break;

    case PROP_TREATED_TARGET_IDS:
      {
        GVariant *ids = g_value_get_variant (value);
        gsize n_ids = 0;
        const gint64 *data = ids != NULL ? g_variant_get_fixed_array (ids, &n_ids, sizeof (gint64))
                                         : NULL;

        fascia_visit_set_treated_target_ids (self, data, n_ids);
      }
      break;

    case PROP_CREATED_AT:
      fascia_visit_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_visit_set_updated_at (self, g_value_get_boxed (value));
      break;

    case PROP_REVISION:
      fascia_visit_set_revision (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_BY:
      fascia_visit_set_updated_by (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_visit_finalize (GObject *object)
{
  FasciaVisit *self = FASCIA_VISIT (object);

  g_clear_pointer (&self->visited_at, g_date_time_unref);
  g_clear_pointer (&self->subjective, g_free);
  g_clear_pointer (&self->objective, g_free);
  g_clear_pointer (&self->assessment, g_free);
  g_clear_pointer (&self->plan_notes, g_free);
  g_clear_pointer (&self->treated_target_ids, g_variant_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_visit_parent_class)->finalize (object);
}

static void
fascia_visit_class_init (FasciaVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_visit_finalize;
  object_class->get_property = fascia_visit_get_property;
  object_class->set_property = fascia_visit_set_property;

  /* Below 0: added while the clinic server was away, provisional until the store's journal
   * saves it (fascia-store-journal.c); so are the ids of the rows it belongs to. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
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

  properties[PROP_VISITED_AT] =
    g_param_spec_boxed ("visited-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBJECTIVE] =
    g_param_spec_string ("subjective", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_OBJECTIVE] =
    g_param_spec_string ("objective", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ASSESSMENT] =
    g_param_spec_string ("assessment", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAN_NOTES] =
    g_param_spec_string ("plan-notes", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PAIN_BEFORE] =
    g_param_spec_int ("pain-before", NULL, NULL,
                      G_MININT, G_MAXINT, -1,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_PAIN_AFTER] =
    g_param_spec_int ("pain-after", NULL, NULL,
                      G_MININT, G_MAXINT, -1,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_TREATED_TARGET_IDS] =
    g_param_spec_variant ("treated-target-ids", NULL, NULL,
                          G_VARIANT_TYPE ("ax"), NULL,
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

  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_BY] =
    g_param_spec_string ("updated-by", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_visit_init (FasciaVisit *self)
{
  self->subjective = g_strdup ("");
  self->objective = g_strdup ("");
  self->assessment = g_strdup ("");
  self->plan_notes = g_strdup ("");
  self->pain_before = -1;
  self->pain_after = -1;
  self->treated_target_ids =
    g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE_INT64, NULL, 0));
}

/**
 * fascia_visit_is_locked:
 * @now: (nullable): the time to judge by, or %NULL for the current time
 *
 * A visit's notes lock %FASCIA_VISIT_LOCK_AFTER after the visit; later changes are kept as
 * amendments beside the original text.
 *
 * Returns: whether the notes of @self are locked at @now.
 */
gboolean
fascia_visit_is_locked (FasciaVisit *self,
                        GDateTime   *now)
{
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (FASCIA_IS_VISIT (self), FALSE);

  if (self->visited_at == NULL)
    return FALSE;

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  return g_date_time_difference (now, self->visited_at) >= FASCIA_VISIT_LOCK_AFTER;
}

/**
 * fascia_visit_get_field:
 *
 * Returns: the text of one SOAP field of @self.
 */
const char *
fascia_visit_get_field (FasciaVisit      *self,
                        FasciaVisitField  field)
{
  g_return_val_if_fail (FASCIA_IS_VISIT (self), NULL);

  switch (field)
    {
    case FASCIA_VISIT_FIELD_SUBJECTIVE:
      return self->subjective;
    case FASCIA_VISIT_FIELD_OBJECTIVE:
      return self->objective;
    case FASCIA_VISIT_FIELD_ASSESSMENT:
      return self->assessment;
    case FASCIA_VISIT_FIELD_PLAN_NOTES:
      return self->plan_notes;
    default:
      g_return_val_if_reached (NULL);
    }
}

void
fascia_visit_set_field (FasciaVisit      *self,
                        FasciaVisitField  field,
                        const char       *text)
{
  g_return_if_fail (FASCIA_IS_VISIT (self));

  switch (field)
    {
    case FASCIA_VISIT_FIELD_SUBJECTIVE:
      fascia_visit_set_subjective (self, text);
      break;
    case FASCIA_VISIT_FIELD_OBJECTIVE:
      fascia_visit_set_objective (self, text);
      break;
    case FASCIA_VISIT_FIELD_ASSESSMENT:
      fascia_visit_set_assessment (self, text);
      break;
    case FASCIA_VISIT_FIELD_PLAN_NOTES:
      fascia_visit_set_plan_notes (self, text);
      break;
    default:
      g_return_if_reached ();
    }
}
