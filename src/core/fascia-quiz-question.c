/* fascia-quiz-question.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-quiz"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-quiz-question-private.h"

typedef struct
{
  char           *region_id;
  FasciaQuizMark  mark;
  FasciaQuizStage stage;
} Mark;

struct _FasciaQuizQuestion
{
  GObject         parent_instance;

  FasciaQuizKind  kind;
  char           *muscle_id;
  FasciaSide      side;
  char           *view_id;
  char           *detail;
  char           *prompt;
  char           *hint;
  char           *correct_text;
  GPtrArray      *choice_ids;    /* of char* */
  GPtrArray      *choice_texts;  /* of char* */
  guint           correct_choice;
  GArray         *marks;         /* of Mark */

  gboolean        answered;
  gboolean        correct;
  guint           answer_choice;
  char           *answer_region;
  char           *answer_text;
};

G_DEFINE_FINAL_TYPE (FasciaQuizQuestion, fascia_quiz_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PROMPT,
  PROP_HINT,
  PROP_ANSWERED,
  PROP_CORRECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *nick;
  const char *title;
} kinds[FASCIA_QUIZ_N_KINDS] = {
  [FASCIA_QUIZ_KIND_FIND_MUSCLE] = { "find-muscle", N_("Find the Muscle") },
  [FASCIA_QUIZ_KIND_ATTACHMENT] = { "attachment", N_("Name the Attachment") },
  [FASCIA_QUIZ_KIND_REFERRAL] = { "referral", N_("Which Muscle Refers Pain Here?") },
  [FASCIA_QUIZ_KIND_NERVE] = { "nerve", N_("Which Nerve?") },
};

/**
 * fascia_quiz_kind_to_string:
 *
 * Returns: the nick of @kind, as stored in the database ("find-muscle", "attachment",
 *   "referral", "nerve").
 */
const char *
fascia_quiz_kind_to_string (FasciaQuizKind kind)
{
  g_return_val_if_fail (kind < FASCIA_QUIZ_N_KINDS, NULL);

  return kinds[kind].nick;
}

gboolean
fascia_quiz_kind_from_string (const char     *string,
                              FasciaQuizKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < FASCIA_QUIZ_N_KINDS; i++)
    {
      if (g_str_equal (string, kinds[i].nick))
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * fascia_quiz_kind_get_title:
 *
 * Returns: the translated title of @kind, for a menu of quizzes.
 */
const char *
fascia_quiz_kind_get_title (FasciaQuizKind kind)
{
  g_return_val_if_fail (kind < FASCIA_QUIZ_N_KINDS, NULL);

  return _(kinds[kind].title);
}

static void
mark_clear (gpointer data)
{
  Mark *mark = data;

  g_free (mark->region_id);
}

FasciaQuizQuestion *
_fascia_quiz_question_new (FasciaQuizKind  kind,
                           const char     *muscle_id,
                           FasciaSide      side,
                           const char     *view_id,
                           const char     *detail)
{
  FasciaQuizQuestion *self = g_object_new (FASCIA_TYPE_QUIZ_QUESTION, NULL);

  self->kind = kind;
  self->muscle_id = g_strdup (muscle_id);
  self->side = side;
  self->view_id = g_strdup (view_id);
  self->detail = g_strdup (detail);

  return self;
}

void
_fascia_quiz_question_set_texts (FasciaQuizQuestion *self,
                                 const char         *prompt,
                                 const char         *hint,
                                 const char         *correct_text)
{
  g_assert (FASCIA_IS_QUIZ_QUESTION (self));

  g_free (self->prompt);
  self->prompt = g_strdup (prompt);
  g_free (self->hint);
  self->hint = g_strdup (hint);
  g_free (self->correct_text);
  self->correct_text = g_strdup (correct_text);
}

void
_fascia_quiz_question_add_choice (FasciaQuizQuestion *self,
                                  const char         *id,
                                  const char         *text,
                                  gboolean            correct)
{
  g_assert (FASCIA_IS_QUIZ_QUESTION (self));

  if (correct)
    self->correct_choice = self->choice_ids->len;
  g_ptr_array_add (self->choice_ids, g_strdup (id));
  g_ptr_array_add (self->choice_texts, g_strdup (text));
}

/* Fisher–Yates with the round's generator, so that the order is fixed by the seed. */
void
_fascia_quiz_question_shuffle (FasciaQuizQuestion *self,
                               GRand              *rand)
{
  g_assert (FASCIA_IS_QUIZ_QUESTION (self));

  for (guint i = self->choice_ids->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer tmp;

      tmp = self->choice_ids->pdata[i - 1];
      self->choice_ids->pdata[i - 1] = self->choice_ids->pdata[j];
      self->choice_ids->pdata[j] = tmp;

      tmp = self->choice_texts->pdata[i - 1];
      self->choice_texts->pdata[i - 1] = self->choice_texts->pdata[j];
      self->choice_texts->pdata[j] = tmp;

      if (self->correct_choice == i - 1)
        self->correct_choice = j;
      else if (self->correct_choice == j)
        self->correct_choice = i - 1;
    }
}

void
_fascia_quiz_question_add_mark (FasciaQuizQuestion *self,
                                const char         *region_id,
                                FasciaQuizMark      mark,
                                FasciaQuizStage     stage)
{
  Mark m = { g_strdup (region_id), mark, stage };

  g_assert (FASCIA_IS_QUIZ_QUESTION (self));

  g_array_append_val (self->marks, m);
}

void
_fascia_quiz_question_set_answer (FasciaQuizQuestion *self,
                                  guint               choice,
                                  const char         *region_id,
                                  const char         *answer_text,
                                  gboolean            correct)
{
  g_assert (FASCIA_IS_QUIZ_QUESTION (self));
  g_assert (!self->answered);

  self->answered = TRUE;
  self->correct = !!correct;
  self->answer_choice = choice;
  self->answer_region = g_strdup (region_id);
  self->answer_text = g_strdup (answer_text);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWERED]);
  if (self->correct)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORRECT]);
}

FasciaQuizKind
fascia_quiz_question_get_kind (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), 0);

  return self->kind;
}

/**
 * fascia_quiz_question_get_muscle_id:
 *
 * Returns: the muscle the question is about: the one to find, whose attachment or nerve is
 *   asked, or whose trigger point refers to the zone shown. It is also the study item the
 *   answer is recorded for.
 */
const char *
fascia_quiz_question_get_muscle_id (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->muscle_id;
}

/**
 * fascia_quiz_question_get_side:
 *
 * Returns: the side a "find the muscle" question names, %FASCIA_SIDE_NONE when either side
 *   is right; for the other kinds the side the cue is drawn on.
 */
FasciaSide
fascia_quiz_question_get_side (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), FASCIA_SIDE_NONE);

  return self->side;
}

/**
 * fascia_quiz_question_get_view_id:
 *
 * Returns: (nullable): the diagram view to show the question on.
 */
const char *
fascia_quiz_question_get_view_id (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->view_id;
}

/**
 * fascia_quiz_question_get_detail:
 *
 * Returns: (nullable): what exactly was asked about the muscle: "origin" or "insertion"
 *   for an attachment question, "tp-N" for a referral question, else %NULL.
 */
const char *
fascia_quiz_question_get_detail (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->detail;
}

const char *
fascia_quiz_question_get_prompt (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->prompt;
}

/**
 * fascia_quiz_question_get_hint:
 *
 * Returns: (nullable): a line under the prompt, such as the view to look in.
 */
const char *
fascia_quiz_question_get_hint (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->hint;
}

/**
 * fascia_quiz_question_get_correct_text:
 *
 * Returns: the right answer in words, for the feedback and the summary of items missed.
 */
const char *
fascia_quiz_question_get_correct_text (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->correct_text;
}

/**
 * fascia_quiz_question_get_n_choices:
 *
 * Returns: the number of choices; 0 for a "find the muscle" question, answered on the
 *   diagram.
 */
guint
fascia_quiz_question_get_n_choices (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), 0);

  return self->choice_ids->len;
}

const char *
fascia_quiz_question_get_choice_text (FasciaQuizQuestion *self,
                                      guint               index)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);
  g_return_val_if_fail (index < self->choice_texts->len, NULL);

  return g_ptr_array_index (self->choice_texts, index);
}

/**
 * fascia_quiz_question_get_choice_id:
 *
 * Returns: what the choice stands for: a landmark id (attachment), a muscle id (referral) or
 *   the nerve text (nerve).
 */
const char *
fascia_quiz_question_get_choice_id (FasciaQuizQuestion *self,
                                    guint               index)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);
  g_return_val_if_fail (index < self->choice_ids->len, NULL);

  return g_ptr_array_index (self->choice_ids, index);
}

/**
 * fascia_quiz_question_get_correct_choice:
 *
 * Returns: the index of the right choice, or %FASCIA_QUIZ_NO_CHOICE for a question answered
 *   on the diagram.
 */
guint
fascia_quiz_question_get_correct_choice (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), FASCIA_QUIZ_NO_CHOICE);

  return self->choice_ids->len > 0 ? self->correct_choice : FASCIA_QUIZ_NO_CHOICE;
}

guint
fascia_quiz_question_get_n_marks (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), 0);

  return self->marks->len;
}

/**
 * fascia_quiz_question_get_mark:
 * @mark: (out) (optional): how to light the region
 * @stage: (out) (optional): whether it is lit with the question or once answered
 *
 * Returns: the id of a region to light. A region the view does not draw is to be skipped.
 */
const char *
fascia_quiz_question_get_mark (FasciaQuizQuestion *self,
                               guint               index,
                               FasciaQuizMark     *mark,
                               FasciaQuizStage    *stage)
{
  const Mark *m;

  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);

  m = &g_array_index (self->marks, Mark, index);
  if (mark != NULL)
    *mark = m->mark;
  if (stage != NULL)
    *stage = m->stage;

  return m->region_id;
}

/**
 * fascia_quiz_question_is_right_region:
 * @region_id: a region id such as "m-psoas-major-l"
 *
 * Returns: whether pressing @region_id answers a "find the muscle" question rightly: the
 *   muscle asked for, on the side asked for (either side when the question names none).
 */
gboolean
fascia_quiz_question_is_right_region (FasciaQuizQuestion *self,
                                      const char         *region_id)
{
  g_autofree char *bare = NULL;
  const char *rest;

  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), FALSE);

  if (region_id == NULL || self->kind != FASCIA_QUIZ_KIND_FIND_MUSCLE)
    return FALSE;

  bare = g_strconcat ("m-", self->muscle_id, NULL);
  if (!g_str_has_prefix (region_id, bare))
    return FALSE;

  rest = region_id + strlen (bare);
  if (*rest == '\0')
    return self->side == FASCIA_SIDE_NONE;
  if (g_str_equal (rest, "-l"))
    return self->side == FASCIA_SIDE_NONE || self->side == FASCIA_SIDE_LEFT;
  if (g_str_equal (rest, "-r"))
    return self->side == FASCIA_SIDE_NONE || self->side == FASCIA_SIDE_RIGHT;

  return FALSE;
}

gboolean
fascia_quiz_question_get_answered (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), FALSE);

  return self->answered;
}

gboolean
fascia_quiz_question_get_correct (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), FALSE);

  return self->correct;
}

/**
 * fascia_quiz_question_get_answer_choice:
 *
 * Returns: the choice answered, or %FASCIA_QUIZ_NO_CHOICE.
 */
guint
fascia_quiz_question_get_answer_choice (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), FASCIA_QUIZ_NO_CHOICE);

  return self->answered ? self->answer_choice : FASCIA_QUIZ_NO_CHOICE;
}

/**
 * fascia_quiz_question_get_answer_region:
 *
 * Returns: (nullable): the region pressed to answer a "find the muscle" question.
 */
const char *
fascia_quiz_question_get_answer_region (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->answer_region;
}

/**
 * fascia_quiz_question_get_answer_text:
 *
 * Returns: (nullable): what was answered, in words.
 */
const char *
fascia_quiz_question_get_answer_text (FasciaQuizQuestion *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ_QUESTION (self), NULL);

  return self->answer_text;
}

static void
fascia_quiz_question_finalize (GObject *object)
{
  FasciaQuizQuestion *self = FASCIA_QUIZ_QUESTION (object);

  g_clear_pointer (&self->muscle_id, g_free);
  g_clear_pointer (&self->view_id, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->hint, g_free);
  g_clear_pointer (&self->correct_text, g_free);
  g_clear_pointer (&self->choice_ids, g_ptr_array_unref);
  g_clear_pointer (&self->choice_texts, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->answer_region, g_free);
  g_clear_pointer (&self->answer_text, g_free);

  G_OBJECT_CLASS (fascia_quiz_question_parent_class)->finalize (object);
}

static void
fascia_quiz_question_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FasciaQuizQuestion *self = FASCIA_QUIZ_QUESTION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;

    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;

    case PROP_HINT:
      g_value_set_string (value, self->hint);
      break;

    case PROP_ANSWERED:
      g_value_set_boolean (value, self->answered);
      break;

    case PROP_CORRECT:
      g_value_set_boolean (value, self->correct);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_quiz_question_class_init (FasciaQuizQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_quiz_question_finalize;
  object_class->get_property = fascia_quiz_question_get_property;

  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL,
                       0, FASCIA_QUIZ_N_KINDS - 1, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ANSWERED] =
    g_param_spec_boolean ("answered", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CORRECT] =
    g_param_spec_boolean ("correct", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_quiz_question_init (FasciaQuizQuestion *self)
{
  self->choice_ids = g_ptr_array_new_with_free_func (g_free);
  self->choice_texts = g_ptr_array_new_with_free_func (g_free);
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->answer_choice = FASCIA_QUIZ_NO_CHOICE;
}
