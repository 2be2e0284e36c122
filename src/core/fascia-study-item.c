/* fascia-study-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-study-item.h"

/**
 * FasciaStudyItem:
 *
 * How a student is doing on one quiz item: its Leitner box and counts.
 */
struct _FasciaStudyItem
{
  GObject parent_instance;

  char      *item_id;
  char      *quiz_kind;
  guint      box;
  guint      correct;
  guint      wrong;
  GDateTime *last_answered_at;
};

G_DEFINE_FINAL_TYPE (FasciaStudyItem, fascia_study_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_QUIZ_KIND,
  PROP_BOX,
  PROP_CORRECT,
  PROP_WRONG,
  PROP_LAST_ANSWERED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * fascia_study_item_new:
 *
 * Returns: (transfer full): an empty FasciaStudyItem, not yet in the store.
 */
FasciaStudyItem *
fascia_study_item_new (void)
{
  return g_object_new (FASCIA_TYPE_STUDY_ITEM, NULL);
}

/**
 * fascia_study_item_get_item_id:
 *
 * Returns: what was asked about, e.g. a muscle id.
 */
const char *
fascia_study_item_get_item_id (FasciaStudyItem *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_ITEM (self), NULL);

  return self->item_id;
}

void
fascia_study_item_set_item_id (FasciaStudyItem *self,
                               const char      *item_id)
{
  g_return_if_fail (FASCIA_IS_STUDY_ITEM (self));

  if (item_id == NULL)
    item_id = "";

  if (g_strcmp0 (self->item_id, item_id) == 0)
    return;

  g_free (self->item_id);
  self->item_id = g_strdup (item_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_ID]);
}

/**
 * fascia_study_item_get_quiz_kind:
 *
 * Returns: which quiz: `find-muscle`, `name-attachment`, ….
 */
const char *
fascia_study_item_get_quiz_kind (FasciaStudyItem *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_ITEM (self), NULL);

  return self->quiz_kind;
}

void
fascia_study_item_set_quiz_kind (FasciaStudyItem *self,
                                 const char      *quiz_kind)
{
  g_return_if_fail (FASCIA_IS_STUDY_ITEM (self));

  if (quiz_kind == NULL)
    quiz_kind = "";

  if (g_strcmp0 (self->quiz_kind, quiz_kind) == 0)
    return;

  g_free (self->quiz_kind);
  self->quiz_kind = g_strdup (quiz_kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUIZ_KIND]);
}

/**
 * fascia_study_item_get_box:
 *
 * Returns: the Leitner box, 1 (often) to 5 (rarely).
 */
guint
fascia_study_item_get_box (FasciaStudyItem *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_ITEM (self), 0);

  return self->box;
}

void
fascia_study_item_set_box (FasciaStudyItem *self,
                           guint            box)
{
  g_return_if_fail (FASCIA_IS_STUDY_ITEM (self));
  g_return_if_fail (box >= 1 && box <= 5);

  if (self->box == box)
    return;

  self->box = box;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOX]);
}

/**
 * fascia_study_item_get_correct:
 *
 * Returns: answers right.
 */
guint
fascia_study_item_get_correct (FasciaStudyItem *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_ITEM (self), 0);

  return self->correct;
}

void
fascia_study_item_set_correct (FasciaStudyItem *self,
                               guint            correct)
{
  g_return_if_fail (FASCIA_IS_STUDY_ITEM (self));

  if (self->correct == correct)
    return;

  self->correct = correct;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORRECT]);
}

/**
 * fascia_study_item_get_wrong:
 *
 * Returns: answers wrong.
 */
guint
fascia_study_item_get_wrong (FasciaStudyItem *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_ITEM (self), 0);

  return self->wrong;
}

void
fascia_study_item_set_wrong (FasciaStudyItem *self,
                             guint            wrong)
{
  g_return_if_fail (FASCIA_IS_STUDY_ITEM (self));

  if (self->wrong == wrong)
    return;

  self->wrong = wrong;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRONG]);
}

GDateTime *
fascia_study_item_get_last_answered_at (FasciaStudyItem *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_ITEM (self), NULL);

  return self->last_answered_at;
}

void
fascia_study_item_set_last_answered_at (FasciaStudyItem *self,
                                        GDateTime       *last_answered_at)
{
  g_return_if_fail (FASCIA_IS_STUDY_ITEM (self));

  if (self->last_answered_at == last_answered_at)
    return;

  if (self->last_answered_at != NULL && last_answered_at != NULL
      && g_date_time_equal (self->last_answered_at, last_answered_at))
    return;

  g_clear_pointer (&self->last_answered_at, g_date_time_unref);
  self->last_answered_at = last_answered_at != NULL ? g_date_time_ref (last_answered_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ANSWERED_AT]);
}

static void
fascia_study_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FasciaStudyItem *self = FASCIA_STUDY_ITEM (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;

    case PROP_QUIZ_KIND:
      g_value_set_string (value, self->quiz_kind);
      break;

    case PROP_BOX:
      g_value_set_uint (value, self->box);
      break;

    case PROP_CORRECT:
      g_value_set_uint (value, self->correct);
      break;

    case PROP_WRONG:
      g_value_set_uint (value, self->wrong);
      break;

    case PROP_LAST_ANSWERED_AT:
      g_value_set_boxed (value, self->last_answered_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_study_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FasciaStudyItem *self = FASCIA_STUDY_ITEM (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      fascia_study_item_set_item_id (self, g_value_get_string (value));
      break;

    case PROP_QUIZ_KIND:
      fascia_study_item_set_quiz_kind (self, g_value_get_string (value));
      break;

    case PROP_BOX:
      fascia_study_item_set_box (self, g_value_get_uint (value));
      break;

    case PROP_CORRECT:
      fascia_study_item_set_correct (self, g_value_get_uint (value));
      break;

    case PROP_WRONG:
      fascia_study_item_set_wrong (self, g_value_get_uint (value));
      break;

    case PROP_LAST_ANSWERED_AT:
      fascia_study_item_set_last_answered_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_study_item_finalize (GObject *object)
{
  FasciaStudyItem *self = FASCIA_STUDY_ITEM (object);

  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->quiz_kind, g_free);
  g_clear_pointer (&self->last_answered_at, g_date_time_unref);

  G_OBJECT_CLASS (fascia_study_item_parent_class)->finalize (object);
}

static void
fascia_study_item_class_init (FasciaStudyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_study_item_finalize;
  object_class->get_property = fascia_study_item_get_property;
  object_class->set_property = fascia_study_item_set_property;

  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_QUIZ_KIND] =
    g_param_spec_string ("quiz-kind", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BOX] =
    g_param_spec_uint ("box", NULL, NULL,
                       1, 5, 1,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CORRECT] =
    g_param_spec_uint ("correct", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_WRONG] =
    g_param_spec_uint ("wrong", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ANSWERED_AT] =
    g_param_spec_boxed ("last-answered-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_study_item_init (FasciaStudyItem *self)
{
  self->item_id = g_strdup ("");
  self->quiz_kind = g_strdup ("");
  self->box = 1;
}
