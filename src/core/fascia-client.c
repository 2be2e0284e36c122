/* fascia-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include <string.h>

#include "fascia/fascia-client.h"

/**
 * FasciaClient:
 *
 * One client of the practice: contact details, intake and notes.
 */
struct _FasciaClient
{
  GObject parent_instance;

  gint64             id;
  char              *name;
  char              *email;
  char              *phone;
  char              *date_of_birth;
  FasciaHealthFlags  health_flags;
  guint              pregnancy_trimester;
  char              *health_notes;
  char              *notes;
  gboolean           archived;
  GDateTime         *created_at;
  GDateTime         *updated_at;
  gint64     revision;
  char      *updated_by;
};

G_DEFINE_FINAL_TYPE (FasciaClient, fascia_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_DATE_OF_BIRTH,
  PROP_HEALTH_FLAGS,
  PROP_PREGNANCY_TRIMESTER,
  PROP_HEALTH_NOTES,
  PROP_NOTES,
  PROP_ARCHIVED,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REVISION,
  PROP_UPDATED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_client_new:
 *
 * Returns: (transfer full): an empty FasciaClient, not yet in the store.
 */
FasciaClient *
fascia_client_new (void)
{
  return g_object_new (FASCIA_TYPE_CLIENT, NULL);
}

/**
 * fascia_client_get_id:
 *
 * Returns: the row id, 0 until the store adds it.
 */
gint64
fascia_client_get_id (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), 0);

  return self->id;
}

void
fascia_client_set_id (FasciaClient *self,
                      gint64        id)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * fascia_client_get_name:
 *
 * Returns: full name as the client gives it.
 */
const char *
fascia_client_get_name (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->name;
}

void
fascia_client_set_name (FasciaClient *self,
                        const char   *name)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (name == NULL)
    name = "";

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * fascia_client_is_email:
 * @text: what was typed as an email address
 *
 * The one rule the store and the editors share: one "@" with something on both sides and
 * no spaces. It does not try to say whether the address exists.
 *
 * Returns: whether @text looks like an email address
 */
gboolean
fascia_client_is_email (const char *text)
{
  const char *at;

  if (text == NULL)
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

const char *
fascia_client_get_email (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->email;
}

void
fascia_client_set_email (FasciaClient *self,
                         const char   *email)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (email == NULL)
    email = "";

  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
fascia_client_get_phone (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->phone;
}

void
fascia_client_set_phone (FasciaClient *self,
                         const char   *phone)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (phone == NULL)
    phone = "";

  if (g_strcmp0 (self->phone, phone) == 0)
    return;

  g_free (self->phone);
  self->phone = g_strdup (phone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

/**
 * fascia_client_get_date_of_birth:
 *
 * Returns: `YYYY-MM-DD`, or empty when unknown.
 */
const char *
fascia_client_get_date_of_birth (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->date_of_birth;
}

void
fascia_client_set_date_of_birth (FasciaClient *self,
                                 const char   *date_of_birth)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (date_of_birth == NULL)
    date_of_birth = "";

  if (g_strcmp0 (self->date_of_birth, date_of_birth) == 0)
    return;

  g_free (self->date_of_birth);
  self->date_of_birth = g_strdup (date_of_birth);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_OF_BIRTH]);
}

/**
 * fascia_client_get_health_flags:
 *
 * Returns: intake flags that change massage.
 */
FasciaHealthFlags
fascia_client_get_health_flags (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), 0);

  return self->health_flags;
}

void
fascia_client_set_health_flags (FasciaClient      *self,
                                FasciaHealthFlags  health_flags)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (self->health_flags == health_flags)
    return;

  self->health_flags = health_flags;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH_FLAGS]);
}

/**
 * fascia_client_get_pregnancy_trimester:
 *
 * Returns: 1, 2 or 3 while pregnant with the trimester known; 0 otherwise.
 */
guint
fascia_client_get_pregnancy_trimester (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), 0);

  return self->pregnancy_trimester;
}

void
fascia_client_set_pregnancy_trimester (FasciaClient *self,
                                       guint         trimester)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));
  g_return_if_fail (trimester <= 3);

  if (self->pregnancy_trimester == trimester)
    return;

  self->pregnancy_trimester = trimester;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREGNANCY_TRIMESTER]);
}

/**
 * fascia_client_get_health_notes:
 *
 * Returns: intake: conditions, medication, surgery.
 */
const char *
fascia_client_get_health_notes (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->health_notes;
}

void
fascia_client_set_health_notes (FasciaClient *self,
                                const char   *health_notes)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (health_notes == NULL)
    health_notes = "";

  if (g_strcmp0 (self->health_notes, health_notes) == 0)
    return;

  g_free (self->health_notes);
  self->health_notes = g_strdup (health_notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH_NOTES]);
}

/**
 * fascia_client_get_notes:
 *
 * Returns: free notes.
 */
const char *
fascia_client_get_notes (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->notes;
}

void
fascia_client_set_notes (FasciaClient *self,
                         const char   *notes)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * fascia_client_get_archived:
 *
 * Returns: no longer seen, kept out of the default list.
 */
gboolean
fascia_client_get_archived (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), FALSE);

  return self->archived;
}

void
fascia_client_set_archived (FasciaClient *self,
                            gboolean      archived)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  archived = !!archived;

  if (self->archived == archived)
    return;

  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

/**
 * fascia_client_get_created_at:
 *
 * Returns: (nullable): when the row was created.
 */
GDateTime *
fascia_client_get_created_at (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->created_at;
}

void
fascia_client_set_created_at (FasciaClient *self,
                              GDateTime    *created_at)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

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
 * fascia_client_get_updated_at:
 *
 * Returns: (nullable): when it last changed.
 */
GDateTime *
fascia_client_get_updated_at (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->updated_at;
}

void
fascia_client_set_updated_at (FasciaClient *self,
                              GDateTime    *updated_at)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

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
 * fascia_client_get_revision:
 *
 * Returns: the version of the row this object was read from, counted up by each save; 0 for
 *   an object not yet in the store. A save of an older revision is refused as a conflict.
 */
gint64
fascia_client_get_revision (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), 0);

  return self->revision;
}

void
fascia_client_set_revision (FasciaClient *self,
                            gint64        revision)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

/**
 * fascia_client_get_updated_by:
 *
 * Returns: (nullable): who saved the row last, where the database knows (a clinic server's
 *   login), else %NULL.
 */
const char *
fascia_client_get_updated_by (FasciaClient *self)
{
  g_return_val_if_fail (FASCIA_IS_CLIENT (self), NULL);

  return self->updated_by;
}

void
fascia_client_set_updated_by (FasciaClient *self,
                              const char    *updated_by)
{
  g_return_if_fail (FASCIA_IS_CLIENT (self));

  if (g_strcmp0 (self->updated_by, updated_by) == 0)
    return;

  g_free (self->updated_by);
  self->updated_by = g_strdup (updated_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_BY]);
}

static void
fascia_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FasciaClient *self = FASCIA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_DATE_OF_BIRTH:
      g_value_set_string (value, self->date_of_birth);
      break;

    case PROP_HEALTH_FLAGS:
      g_value_set_flags (value, self->health_flags);
      break;

    case PROP_PREGNANCY_TRIMESTER:
      g_value_set_uint (value, self->pregnancy_trimester);
      break;

    case PROP_HEALTH_NOTES:
      g_value_set_string (value, self->health_notes);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
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
fascia_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FasciaClient *self = FASCIA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      fascia_client_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      fascia_client_set_name (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      fascia_client_set_email (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      fascia_client_set_phone (self, g_value_get_string (value));
      break;

    case PROP_DATE_OF_BIRTH:
      fascia_client_set_date_of_birth (self, g_value_get_string (value));
      break;

    case PROP_HEALTH_FLAGS:
      fascia_client_set_health_flags (self, g_value_get_flags (value));
      break;

    case PROP_PREGNANCY_TRIMESTER:
      fascia_client_set_pregnancy_trimester (self, g_value_get_uint (value));
      break;

    case PROP_HEALTH_NOTES:
      fascia_client_set_health_notes (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      fascia_client_set_notes (self, g_value_get_string (value));
      break;

    case PROP_ARCHIVED:
      fascia_client_set_archived (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      fascia_client_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      fascia_client_set_updated_at (self, g_value_get_boxed (value));
      break;

    case PROP_REVISION:
      fascia_client_set_revision (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_BY:
      fascia_client_set_updated_by (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_client_finalize (GObject *object)
{
  FasciaClient *self = FASCIA_CLIENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->date_of_birth, g_free);
  g_clear_pointer (&self->health_notes, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_client_parent_class)->finalize (object);
}

static void
fascia_client_class_init (FasciaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_client_finalize;
  object_class->get_property = fascia_client_get_property;
  object_class->set_property = fascia_client_set_property;

  /* Below 0: added while the clinic server was away, provisional until the store's journal
   * saves it (fascia-store-journal.c); so are the ids of the rows it belongs to. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DATE_OF_BIRTH] =
    g_param_spec_string ("date-of-birth", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_HEALTH_FLAGS] =
    g_param_spec_flags ("health-flags", NULL, NULL,
                        FASCIA_TYPE_HEALTH_FLAGS, FASCIA_HEALTH_NONE,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PREGNANCY_TRIMESTER] =
    g_param_spec_uint ("pregnancy-trimester", NULL, NULL,
                       0, 3, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_HEALTH_NOTES] =
    g_param_spec_string ("health-notes", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
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
fascia_client_init (FasciaClient *self)
{
  self->name = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->date_of_birth = g_strdup ("");
  self->health_notes = g_strdup ("");
  self->notes = g_strdup ("");
}

/**
 * fascia_client_format_initials:
 * @name: a client's name, as typed
 *
 * What the client list shows while names are hidden: the first letter of each word, each
 * followed by a full stop ("Tom O'Neil & Sons" → "T. O. S."). Words that hold no letter
 * ("&", "—") are left out.
 *
 * Returns: (transfer full): the initials, or "?" for a name without letters.
 */
char *
fascia_client_format_initials (const char *name)
{
  g_autoptr(GString) initials = g_string_new (NULL);
  gboolean at_word_start = TRUE;

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isspace (c) || c == '-')
        {
          at_word_start = TRUE;
          continue;
        }
      if (at_word_start && g_unichar_isalpha (c))
        {
          if (initials->len > 0)
            g_string_append_c (initials, ' ');
          g_string_append_unichar (initials, g_unichar_toupper (c));
          g_string_append_c (initials, '.');
          at_word_start = FALSE;
        }
      else if (g_unichar_isalpha (c))
        at_word_start = FALSE;
    }

  if (initials->len == 0)
    g_string_append_c (initials, '?');

  return g_string_free (g_steal_pointer (&initials), FALSE);
}
