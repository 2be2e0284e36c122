/* fascia-amendment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-amendment.h"

/**
 * FasciaAmendment:
 *
 * A change to a visit made after its notes locked, kept beside the original.
 */
struct _FasciaAmendment
{
  GObject parent_instance;

  gint64     id;
  gint64     visit_id;
  char      *field;
  char      *old_text;
  char      *new_text;
  GDateTime *amended_at;
  char      *amended_by;
};

G_DEFINE_FINAL_TYPE (FasciaAmendment, fascia_amendment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT_ID,
  PROP_FIELD,
  PROP_OLD_TEXT,
  PROP_NEW_TEXT,
  PROP_AMENDED_AT,
  PROP_AMENDED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_amendment_new:
 *
 * Returns: (transfer full): an empty FasciaAmendment, not yet in the store.
 */
FasciaAmendment *
fascia_amendment_new (void)
{
  return g_object_new (FASCIA_TYPE_AMENDMENT, NULL);
}

gint64
fascia_amendment_get_id (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), 0);

  return self->id;
}

void
fascia_amendment_set_id (FasciaAmendment *self,
                         gint64           id)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
fascia_amendment_get_visit_id (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), 0);

  return self->visit_id;
}

void
fascia_amendment_set_visit_id (FasciaAmendment *self,
                               gint64           visit_id)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT_ID]);
}

/**
 * fascia_amendment_get_field:
 *
 * Returns: the visit field changed: `subjective`, `pain-after`, `visited-at`, ….
 */
const char *
fascia_amendment_get_field (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), NULL);

  return self->field;
}

void
fascia_amendment_set_field (FasciaAmendment *self,
                            const char      *field)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (field == NULL)
    field = "";

  if (g_strcmp0 (self->field, field) == 0)
    return;

  g_free (self->field);
  self->field = g_strdup (field);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD]);
}

/**
 * fascia_amendment_get_old_text:
 *
 * Returns: the value before, as text.
 */
const char *
fascia_amendment_get_old_text (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), NULL);

  return self->old_text;
}

void
fascia_amendment_set_old_text (FasciaAmendment *self,
                               const char      *old_text)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (old_text == NULL)
    old_text = "";

  if (g_strcmp0 (self->old_text, old_text) == 0)
    return;

  g_free (self->old_text);
  self->old_text = g_strdup (old_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLD_TEXT]);
}

/**
 * fascia_amendment_get_new_text:
 *
 * Returns: the value after, as text.
 */
const char *
fascia_amendment_get_new_text (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), NULL);

  return self->new_text;
}

void
fascia_amendment_set_new_text (FasciaAmendment *self,
                               const char      *new_text)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (new_text == NULL)
    new_text = "";

  if (g_strcmp0 (self->new_text, new_text) == 0)
    return;

  g_free (self->new_text);
  self->new_text = g_strdup (new_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_TEXT]);
}

GDateTime *
fascia_amendment_get_amended_at (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), NULL);

  return self->amended_at;
}

void
fascia_amendment_set_amended_at (FasciaAmendment *self,
                                 GDateTime       *amended_at)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (self->amended_at == amended_at)
    return;

  if (self->amended_at != NULL && amended_at != NULL
      && g_date_time_equal (self->amended_at, amended_at))
    return;

  g_clear_pointer (&self->amended_at, g_date_time_unref);
  g_clear_pointer (&self->amended_by, g_free);
  self->amended_at = amended_at != NULL ? g_date_time_ref (amended_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMENDED_AT]);
}

/**
 * fascia_amendment_get_amended_by:
 *
 * Returns: (nullable): who made the change: the clinic server's login, or the user of the
 *   computer that keeps the file; %NULL for an amendment made before Fascia kept its author.
 */
const char *
fascia_amendment_get_amended_by (FasciaAmendment *self)
{
  g_return_val_if_fail (FASCIA_IS_AMENDMENT (self), NULL);

  return self->amended_by;
}

void
fascia_amendment_set_amended_by (FasciaAmendment *self,
                                 const char      *amended_by)
{
  g_return_if_fail (FASCIA_IS_AMENDMENT (self));

  if (amended_by != NULL && *amended_by == '\0')
    amended_by = NULL;
  if (g_strcmp0 (self->amended_by, amended_by) == 0)
    return;

  g_free (self->amended_by);
  self->amended_by = g_strdup (amended_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMENDED_BY]);
}

static void
fascia_amendment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FasciaAmendment *self = FASCIA_AMENDMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;

    case PROP_OLD_TEXT:
      g_value_set_string (value, self->old_text);
      break;

    case PROP_NEW_TEXT:
      g_value_set_string (value, self->new_text);
      break;

    case PROP_AMENDED_AT:
      g_value_set_boxed (value, self->amended_at);
      break;

    case PROP_AMENDED_BY:
      g_value_set_string (value, self->amended_by);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_amendment_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FasciaAmendment *self = FASCIA_AMENDMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_amendment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      fascia_amendment_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_FIELD:
      fascia_amendment_set_field (self, g_value_get_string (value));
      break;

    case PROP_OLD_TEXT:
      fascia_amendment_set_old_text (self, g_value_get_string (value));
      break;

    case PROP_NEW_TEXT:
      fascia_amendment_set_new_text (self, g_value_get_string (value));
      break;

    case PROP_AMENDED_AT:
      fascia_amendment_set_amended_at (self, g_value_get_boxed (value));
      break;

    case PROP_AMENDED_BY:
      fascia_amendment_set_amended_by (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_amendment_finalize (GObject *object)
{
  FasciaAmendment *self = FASCIA_AMENDMENT (object);

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->old_text, g_free);
  g_clear_pointer (&self->new_text, g_free);
  g_clear_pointer (&self->amended_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_amendment_parent_class)->finalize (object);
}

static void
fascia_amendment_class_init (FasciaAmendmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_amendment_finalize;
  object_class->get_property = fascia_amendment_get_property;
  object_class->set_property = fascia_amendment_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_OLD_TEXT] =
    g_param_spec_string ("old-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NEW_TEXT] =
    g_param_spec_string ("new-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AMENDED_AT] =
    g_param_spec_boxed ("amended-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_AMENDED_BY] =
    g_param_spec_string ("amended-by", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_amendment_init (FasciaAmendment *self)
{
  self->field = g_strdup ("");
  self->old_text = g_strdup ("");
  self->new_text = g_strdup ("");
}
