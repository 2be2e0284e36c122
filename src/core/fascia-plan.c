/* fascia-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-plan.h"

/**
 * FasciaPlan:
 *
 * A treatment plan for one client: goals, frequency, status and dates.
 */
struct _FasciaPlan
{
  GObject parent_instance;

  gint64            id;
  gint64            client_id;
  char             *title;
  char             *goals;
  guint             sessions_per_week;
  guint             weeks;
  FasciaPlanStatus  status;
  char             *start_date;
  char             *end_date;
  char             *discharge_criteria;
  GDateTime        *created_at;
  GDateTime        *updated_at;
  gint64     revision;
  char      *updated_by;
};

G_DEFINE_FINAL_TYPE (FasciaPlan, fascia_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_TITLE,
  PROP_GOALS,
  PROP_SESSIONS_PER_WEEK,
  PROP_WEEKS,
  PROP_STATUS,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_DISCHARGE_CRITERIA,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REVISION,
  PROP_UPDATED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_plan_new:
 *
 * Returns: (transfer full): an empty FasciaPlan, not yet in the store.
 */
FasciaPlan *
fascia_plan_new (void)
{
  return g_object_new (FASCIA_TYPE_PLAN, NULL);
}

gint64
fascia_plan_get_id (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), 0);

  return self->id;
}

void
fascia_plan_set_id (FasciaPlan *self,
                    gint64      id)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_plan_get_client_id (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), 0);

  return self->client_id;
}

void
fascia_plan_set_client_id (FasciaPlan *self,
                           gint64      client_id)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (self->client_id == client_id)
    return;

  self->client_id = client_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
fascia_plan_get_title (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->title;
}

void
fascia_plan_set_title (FasciaPlan *self,
                       const char *title)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * fascia_plan_get_goals:
 *
 * Returns: measurable goals, one per line.
 */
const char *
fascia_plan_get_goals (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->goals;
}

void
fascia_plan_set_goals (FasciaPlan *self,
                       const char *goals)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (goals == NULL)
    goals = "";

  if (g_strcmp0 (self->goals, goals) == 0)
    return;

  g_free (self->goals);
  self->goals = g_strdup (goals);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOALS]);
}

/**
 * fascia_plan_get_sessions_per_week:
 *
 * Returns: 0–14.
 */
guint
fascia_plan_get_sessions_per_week (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), 0);

  return self->sessions_per_week;
}

void
fascia_plan_set_sessions_per_week (FasciaPlan *self,
                                   guint       sessions_per_week)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (self->sessions_per_week == sessions_per_week)
    return;

  self->sessions_per_week = sessions_per_week;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS_PER_WEEK]);
}

/**
 * fascia_plan_get_weeks:
 *
 * Returns: planned length, 0–104; 0 when open-ended.
 */
guint
fascia_plan_get_weeks (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), 0);

  return self->weeks;
}

void
fascia_plan_set_weeks (FasciaPlan *self,
                       guint       weeks)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (self->weeks == weeks)
    return;

  self->weeks = weeks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEEKS]);
}

FasciaPlanStatus
fascia_plan_get_status (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), 0);

  return self->status;
}

void
fascia_plan_set_status (FasciaPlan       *self,
                        FasciaPlanStatus  status)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * fascia_plan_get_start_date:
 *
 * Returns: `YYYY-MM-DD`, or empty.
 */
const char *
fascia_plan_get_start_date (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->start_date;
}

void
fascia_plan_set_start_date (FasciaPlan *self,
                            const char *start_date)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (start_date == NULL)
    start_date = "";

  if (g_strcmp0 (self->start_date, start_date) == 0)
    return;

  g_free (self->start_date);
  self->start_date = g_strdup (start_date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_DATE]);
}

/**
 * fascia_plan_get_end_date:
 *
 * Returns: `YYYY-MM-DD`, or empty.
 */
const char *
fascia_plan_get_end_date (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->end_date;
}

void
fascia_plan_set_end_date (FasciaPlan *self,
                          const char *end_date)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (end_date == NULL)
    end_date = "";

  if (g_strcmp0 (self->end_date, end_date) == 0)
    return;

  g_free (self->end_date);
  self->end_date = g_strdup (end_date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_DATE]);
}

const char *
fascia_plan_get_discharge_criteria (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->discharge_criteria;
}

void
fascia_plan_set_discharge_criteria (FasciaPlan *self,
                                    const char *discharge_criteria)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (discharge_criteria == NULL)
    discharge_criteria = "";

  if (g_strcmp0 (self->discharge_criteria, discharge_criteria) == 0)
    return;

  g_free (self->discharge_criteria);
  self->discharge_criteria = g_strdup (discharge_criteria);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCHARGE_CRITERIA]);
}

/**
 * fascia_plan_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_plan_get_created_at (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->created_at;
}

void
fascia_plan_set_created_at (FasciaPlan *self,
                            GDateTime  *created_at)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

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
 * fascia_plan_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_plan_get_updated_at (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->updated_at;
}

void
fascia_plan_set_updated_at (FasciaPlan *self,
                            GDateTime  *updated_at)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

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
 * fascia_plan_get_revision:
 *
 * Returns: the version of the row this object was read from, counted up by each save; 0 for
 *   an object not yet in the store. A save of an older revision is refused as a conflict.
 */
gint64
fascia_plan_get_revision (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), 0);

  return self->revision;
}

void
fascia_plan_set_revision (FasciaPlan *self,
                          gint64      revision)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

/**
 * fascia_plan_get_updated_by:
 *
 * Returns: (nullable): who saved the row last, where the database knows (a clinic server's
 *   login), else %NULL.
 */
const char *
fascia_plan_get_updated_by (FasciaPlan *self)
{
  g_return_val_if_fail (FASCIA_IS_PLAN (self), NULL);

  return self->updated_by;
}

void
fascia_plan_set_updated_by (FasciaPlan *self,
                            const char  *updated_by)
{
  g_return_if_fail (FASCIA_IS_PLAN (self));

  if (g_strcmp0 (self->updated_by, updated_by) == 0)
    return;

  g_free (self->updated_by);
  self->updated_by = g_strdup (updated_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_BY]);
}

static void
fascia_plan_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FasciaPlan *self = FASCIA_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_GOALS:
      g_value_set_string (value, self->goals);
      break;

    case PROP_SESSIONS_PER_WEEK:
      g_value_set_uint (value, self->sessions_per_week);
      break;

    case PROP_WEEKS:
      g_value_set_uint (value, self->weeks);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_START_DATE:
      g_value_set_string (value, self->start_date);
      break;

    case PROP_END_DATE:
      g_value_set_string (value, self->end_date);
      break;

    case PROP_DISCHARGE_CRITERIA:
      g_value_set_string (value, self->discharge_criteria);
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
fascia_plan_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FasciaPlan *self = FASCIA_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_plan_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CLIENT_ID:
      fascia_plan_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      fascia_plan_set_title (self, g_value_get_string (value));
      break;

    case PROP_GOALS:
      fascia_plan_set_goals (self, g_value_get_string (value));
      break;

    case PROP_SESSIONS_PER_WEEK:
      fascia_plan_set_sessions_per_week (self, g_value_get_uint (value));
      break;

    case PROP_WEEKS:
      fascia_plan_set_weeks (self, g_value_get_uint (value));
      break;

    case PROP_STATUS:
      fascia_plan_set_status (self, g_value_get_enum (value));
      break;

    case PROP_START_DATE:
      fascia_plan_set_start_date (self, g_value_get_string (value));
      break;

    case PROP_END_DATE:
      fascia_plan_set_end_date (self, g_value_get_string (value));
      break;

    case PROP_DISCHARGE_CRITERIA:
      fascia_plan_set_discharge_criteria (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      fascia_plan_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_plan_set_updated_at (self, g_value_get_boxed (value));
      break;

    case PROP_REVISION:
      fascia_plan_set_revision (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_BY:
      fascia_plan_set_updated_by (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_plan_finalize (GObject *object)
{
  FasciaPlan *self = FASCIA_PLAN (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->goals, g_free);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->end_date, g_free);
  g_clear_pointer (&self->discharge_criteria, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_plan_parent_class)->finalize (object);
}

static void
fascia_plan_class_init (FasciaPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_plan_finalize;
  object_class->get_property = fascia_plan_get_property;
  object_class->set_property = fascia_plan_set_property;

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

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_GOALS] =
    g_param_spec_string ("goals", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSIONS_PER_WEEK] =
    g_param_spec_uint ("sessions-per-week", NULL, NULL,
                       0, G_MAXUINT, 1,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_WEEKS] =
    g_param_spec_uint ("weeks", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FASCIA_TYPE_PLAN_STATUS, FASCIA_PLAN_STATUS_DRAFT,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_START_DATE] =
    g_param_spec_string ("start-date", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_END_DATE] =
    g_param_spec_string ("end-date", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DISCHARGE_CRITERIA] =
    g_param_spec_string ("discharge-criteria", NULL, NULL,
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
fascia_plan_init (FasciaPlan *self)
{
  self->title = g_strdup ("");
  self->goals = g_strdup ("");
  self->sessions_per_week = 1;
  self->start_date = g_strdup ("");
  self->end_date = g_strdup ("");
  self->discharge_criteria = g_strdup ("");
}
