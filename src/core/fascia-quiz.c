/* fascia-quiz.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-quiz"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-quiz.h"

#include "fascia-quiz-question-private.h"

/*
 * A round is generated once, up front, from one GRand seeded with the round's seed, and the
 * generator draws from it in one fixed order (candidates in atlas order, then each question
 * in turn), so the same atlas, progress, seed and time give the same round.
 *
 * Which muscles are asked: every muscle that can make a question of the kind is a candidate;
 * candidates already answered and due again come first (lowest Leitner box first), then
 * muscles never asked, then those not yet due (soonest due first); ties are broken by the
 * seed. The first N are asked, in an order shuffled by the seed.
 *
 * Wrong answers offered beside the right one must never be right as well. The atlas states
 * attachments as landmark ids and nerves and referral zones as text, so each kind has its
 * own rule (see attachment_conflicts(), nerve_signature() and referral_areas()); each rule
 * errs on the side of leaving a plausible distractor out.
 */

G_DEFINE_QUARK (fascia-quiz-error-quark, fascia_quiz_error)

#define N_DISTRACTORS 3

/* The lateral and the medial (pelvis from inside) views draw only the subject's right side
 * (resources/diagrams/README.md). */
static const char * const right_only_views[] = { "lateral", "pelvis-medial", NULL };

/* Muscles that a view of both sides draws on the right side only: in the back superficial view
 * the thoracic erector spinae show only where latissimus is cut away on the right
 * (build-aux/diagrams/generate.py). A question never asks for the side a view does not draw. */
static const struct
{
  const char *view_id;
  const char *muscle_id;
} right_only_muscles[] = {
  { "posterior-superficial", "iliocostalis-lumborum" },
  { "posterior-superficial", "longissimus-thoracis" },
};

struct _FasciaQuiz
{
  GObject         parent_instance;

  FasciaAtlas    *atlas;
  FasciaQuizKind  kind;
  guint32         seed;
  GListStore     *questions;
  GListStore     *missed;
  guint           position;
  guint           score;
  guint           n_answered;
};

G_DEFINE_FINAL_TYPE (FasciaQuiz, fascia_quiz, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_N_QUESTIONS,
  PROP_POSITION,
  PROP_CURRENT,
  PROP_SCORE,
  PROP_N_ANSWERED,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Helpers on atlas records ----------------------------------------------------------- */

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

/* The views that draw @muscle_id, in views.json order; borrowed pointers. */
static GPtrArray *
views_showing (FasciaQuiz *self,
               const char *muscle_id,
               const char *landmark_id)
{
  GListModel *views = fascia_atlas_get_views (self->atlas);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);

      if (!strv_contains (fascia_view_get_muscles (view), muscle_id))
        continue;
      if (landmark_id != NULL && !strv_contains (fascia_view_get_landmarks (view), landmark_id))
        continue;

      g_ptr_array_add (result, g_steal_pointer (&view));
    }

  return result;
}

static gpointer
pick (GPtrArray *array,
      GRand     *rand)
{
  if (array->len == 0)
    return NULL;

  return g_ptr_array_index (array, g_rand_int_range (rand, 0, array->len));
}

static void
shuffle (GPtrArray *array,
         GRand     *rand)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

/* Whether @view draws @id (a muscle or landmark) on the subject's right side only. */
static gboolean
right_only (FasciaView *view,
            const char *id)
{
  if (view == NULL)
    return FALSE;
  if (g_strv_contains (right_only_views, fascia_view_get_id (view)))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (right_only_muscles); i++)
    if (g_str_equal (right_only_muscles[i].view_id, fascia_view_get_id (view)) &&
        g_str_equal (right_only_muscles[i].muscle_id, id))
      return TRUE;

  return FALSE;
}

static char *
region_id (const char *prefix,
           const char *id,
           gboolean    paired,
           FasciaSide  side)
{
  if (!paired)
    return g_strdup_printf ("%s-%s", prefix, id);

  return g_strdup_printf ("%s-%s-%s", prefix, id, side == FASCIA_SIDE_LEFT ? "l" : "r");
}

/* Marks @prefix-@id on the side asked, or on each side the view draws. */
static void
add_marks (FasciaQuizQuestion *question,
           const char         *prefix,
           const char         *id,
           gboolean            paired,
           FasciaSide          side,
           FasciaView         *view,
           FasciaQuizMark      mark,
           FasciaQuizStage     stage)
{
  static const FasciaSide sides[] = { FASCIA_SIDE_LEFT, FASCIA_SIDE_RIGHT };

  if (!paired || side == FASCIA_SIDE_LEFT || side == FASCIA_SIDE_RIGHT)
    {
      g_autofree char *rid = region_id (prefix, id, paired, side);

      _fascia_quiz_question_add_mark (question, rid, mark, stage);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *rid = NULL;

      if (right_only (view, id) && sides[i] == FASCIA_SIDE_LEFT)
        continue;

      rid = region_id (prefix, id, TRUE, sides[i]);
      _fascia_quiz_question_add_mark (question, rid, mark, stage);
    }
}

static char *
view_hint (FasciaView *view)
{
  if (view == NULL)
    return NULL;

  /* Translators: the diagram view a question is shown on, e.g. “Front view” */
  return g_strdup_printf (_("%s view"), fascia_view_get_title (view));
}

/* --- Find the muscle -------------------------------------------------------------------- */

static FasciaQuizQuestion *
make_find_muscle (FasciaQuiz   *self,
                  FasciaMuscle *muscle,
                  GRand        *rand)
{
  const char *id = fascia_muscle_get_id (muscle);
  g_autoptr(GPtrArray) views = views_showing (self, id, NULL);
  g_autoptr(FasciaQuizQuestion) question = NULL;
  g_autofree char *name = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *hint = NULL;
  FasciaView *view;
  FasciaSide side = FASCIA_SIDE_NONE;

  view = pick (views, rand);
  if (view == NULL)
    return NULL;

  if (fascia_muscle_get_paired (muscle))
    {
      static const FasciaSide sides[] = { FASCIA_SIDE_NONE, FASCIA_SIDE_LEFT, FASCIA_SIDE_RIGHT };

      if (right_only (view, id))
        side = g_rand_boolean (rand) ? FASCIA_SIDE_NONE : FASCIA_SIDE_RIGHT;
      else
        side = sides[g_rand_int_range (rand, 0, G_N_ELEMENTS (sides))];
    }

  if (!fascia_muscle_get_paired (muscle))
    name = g_strdup (fascia_muscle_get_name (muscle));
  else if (side == FASCIA_SIDE_LEFT)
    /* Translators: a muscle on the subject's left, e.g. “Gluteus minimus (left)” */
    name = g_strdup_printf (_("%s (left)"), fascia_muscle_get_name (muscle));
  else if (side == FASCIA_SIDE_RIGHT)
    /* Translators: a muscle on the subject's right, e.g. “Gluteus minimus (right)” */
    name = g_strdup_printf (_("%s (right)"), fascia_muscle_get_name (muscle));
  else
    /* Translators: a muscle to find on either side, e.g. “Psoas major (either side)” */
    name = g_strdup_printf (_("%s (either side)"), fascia_muscle_get_name (muscle));

  /* Translators: the question of a “find the muscle” quiz; %s is the muscle and its side */
  prompt = g_strdup_printf (_("Find: %s"), name);
  hint = view_hint (view);

  question = _fascia_quiz_question_new (FASCIA_QUIZ_KIND_FIND_MUSCLE, id, side,
                                        fascia_view_get_id (view), NULL);
  _fascia_quiz_question_set_texts (question, prompt, hint, name);
  add_marks (question, "m", id, fascia_muscle_get_paired (muscle), side, view,
             FASCIA_QUIZ_MARK_MUSCLE, FASCIA_QUIZ_STAGE_ANSWER);

  return g_steal_pointer (&question);
}

/* --- Name the attachment ---------------------------------------------------------------- */

/* "hip bone (ilium)" → "hip bone" */
static char *
bone_key (FasciaLandmark *landmark)
{
  g_autofree char *lower = g_utf8_strdown (fascia_landmark_get_bone (landmark), -1);
  char *paren = strstr (lower, " (");

  if (paren != NULL)
    *paren = '\0';

  return g_strdup (g_strstrip (lower));
}

/* Whether naming @a would also be right when @b is: the same landmark, or a whole bone and a
 * part of it (a muscle on the lesser trochanter is also "on the femur"). */
static gboolean
attachment_conflicts (FasciaLandmark *a,
                      FasciaLandmark *b)
{
  g_autofree char *bone_a = NULL;
  g_autofree char *bone_b = NULL;

  if (a == b)
    return TRUE;

  if (!g_str_equal (fascia_landmark_get_kind (a), "bone") &&
      !g_str_equal (fascia_landmark_get_kind (b), "bone"))
    return FALSE;

  bone_a = bone_key (a);
  bone_b = bone_key (b);

  return g_str_equal (bone_a, bone_b);
}

/* A coarse body region, so that distractors come from around the right answer. */
static const char *
landmark_region (FasciaLandmark *landmark)
{
  static const struct { const char *word; const char *region; } words[] = {
    { "femur", "thigh" }, { "iliotibial", "thigh" },
    /* The knee is its own region: a kneecap beside hip and thigh landmarks is no choice. */
    { "patella", "knee" }, { "tibia", "knee" }, { "fibula", "knee" },
    { "rib", "ribs" },
    { "vertebra", "spine" }, { "sacrum", "spine" }, { "coccyx", "spine" }, { "lumbar", "spine" },
    { "hip bone", "pelvis" }, { "ilio", "pelvis" }, { "sacrotuberous", "pelvis" },
    { "inguinal", "pelvis" }, { "linea alba", "pelvis" },
  };
  g_autofree char *text = g_utf8_strdown (fascia_landmark_get_bone (landmark), -1);
  g_autofree char *name = g_utf8_strdown (fascia_landmark_get_name (landmark), -1);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (words); i++)
      if (strstr (pass == 0 ? text : name, words[i].word) != NULL)
        return words[i].region;

  return "other";
}

static GPtrArray *
role_attachments (FasciaMuscle         *muscle,
                  FasciaAttachmentKind  role)
{
  return role == FASCIA_ATTACHMENT_ORIGIN ? fascia_muscle_get_origins (muscle)
                                          : fascia_muscle_get_insertions (muscle);
}

/* Every landmark @muscle attaches to in @role (drawn or not), borrowed. */
static GPtrArray *
role_landmarks (FasciaQuiz           *self,
                FasciaMuscle         *muscle,
                FasciaAttachmentKind  role)
{
  GPtrArray *attachments = role_attachments (muscle, role);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const FasciaAttachment *attachment = g_ptr_array_index (attachments, i);

      for (guint j = 0; attachment->landmarks[j] != NULL; j++)
        {
          FasciaLandmark *landmark =
            fascia_atlas_lookup_landmark (self->atlas, attachment->landmarks[j]);

          if (landmark != NULL && !g_ptr_array_find (result, landmark, NULL))
            g_ptr_array_add (result, landmark);
        }
    }

  return result;
}

static gboolean
conflicts_with_any (FasciaLandmark *landmark,
                    GPtrArray      *landmarks)
{
  for (guint i = 0; i < landmarks->len; i++)
    if (attachment_conflicts (landmark, g_ptr_array_index (landmarks, i)))
      return TRUE;

  return FALSE;
}

/* The wrong answers for @muscle in @role: drawn landmarks other muscles attach to in the same
 * role that are none of its own (nor a bone holding one of them). In atlas order. */
static GPtrArray *
attachment_pool (FasciaQuiz           *self,
                 FasciaMuscle         *muscle,
                 FasciaAttachmentKind  role,
                 GPtrArray            *right)
{
  GListModel *muscles = fascia_atlas_get_muscles (self->atlas);
  GPtrArray *pool = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (muscles); i++)
    {
      g_autoptr(FasciaMuscle) other = g_list_model_get_item (muscles, i);
      g_autoptr(GPtrArray) theirs = NULL;

      if (other == muscle)
        continue;

      theirs = role_landmarks (self, other, role);
      for (guint j = 0; j < theirs->len; j++)
        {
          FasciaLandmark *landmark = g_ptr_array_index (theirs, j);

          if (fascia_landmark_get_drawn (landmark) &&
              !conflicts_with_any (landmark, right) &&
              !g_ptr_array_find (pool, landmark, NULL))
            g_ptr_array_add (pool, landmark);
        }
    }

  return pool;
}

typedef struct
{
  GPtrArray *right;  /* every landmark of the role */
  GPtrArray *drawn;  /* those a diagram can light */
  GPtrArray *pool;   /* wrong answers */
} Role;

static void
role_clear (Role *role)
{
  g_clear_pointer (&role->right, g_ptr_array_unref);
  g_clear_pointer (&role->drawn, g_ptr_array_unref);
  g_clear_pointer (&role->pool, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Role, role_clear)

static FasciaQuizQuestion *
make_attachment (FasciaQuiz   *self,
                 FasciaMuscle *muscle,
                 GRand        *rand)
{
  static const FasciaAttachmentKind roles[] = { FASCIA_ATTACHMENT_ORIGIN, FASCIA_ATTACHMENT_INSERTION };
  const char *id = fascia_muscle_get_id (muscle);
  g_auto(Role) origin = { NULL };
  g_auto(Role) insertion = { NULL };
  Role *info[2] = { &origin, &insertion };
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  g_autoptr(GPtrArray) far = g_ptr_array_new ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(FasciaQuizQuestion) question = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *hint = NULL;
  FasciaLandmark *answer;
  FasciaView *view;
  const char *region;
  guint viable[2];
  guint n_viable = 0;
  guint r;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      Role *role = info[i];

      role->right = role_landmarks (self, muscle, roles[i]);
      role->drawn = g_ptr_array_new ();
      for (guint j = 0; j < role->right->len; j++)
        if (fascia_landmark_get_drawn (g_ptr_array_index (role->right, j)))
          g_ptr_array_add (role->drawn, g_ptr_array_index (role->right, j));
      role->pool = attachment_pool (self, muscle, roles[i], role->right);

      if (role->drawn->len > 0 && role->pool->len > 0)
        viable[n_viable++] = i;
    }

  if (n_viable == 0)
    return NULL;

  r = viable[g_rand_int_range (rand, 0, n_viable)];
  answer = pick (info[r]->drawn, rand);
  region = landmark_region (answer);

  /* Plausible first: wrong answers from the same region as the right one, then the rest,
   * never two that would both be right of the same muscle. */
  for (guint i = 0; i < info[r]->pool->len; i++)
    {
      FasciaLandmark *landmark = g_ptr_array_index (info[r]->pool, i);

      if (g_str_equal (landmark_region (landmark), region))
        g_ptr_array_add (near, landmark);
      /* The knee is far from every hip and back attachment: a kneecap offered for the
       * lumbar spine is no question. */
      else if (!g_str_equal (landmark_region (landmark), "knee"))
        g_ptr_array_add (far, landmark);
    }
  shuffle (near, rand);
  shuffle (far, rand);
  g_ptr_array_extend_and_steal (near, g_steal_pointer (&far));

  g_ptr_array_add (chosen, answer);
  for (guint i = 0; i < near->len && chosen->len < N_DISTRACTORS + 1; i++)
    if (!conflicts_with_any (g_ptr_array_index (near, i), chosen))
      g_ptr_array_add (chosen, g_ptr_array_index (near, i));

  views = views_showing (self, id, fascia_landmark_get_id (answer));
  if (views->len == 0)
    {
      g_clear_pointer (&views, g_ptr_array_unref);
      views = views_showing (self, id, NULL);
    }
  view = pick (views, rand);

  if (roles[r] == FASCIA_ATTACHMENT_ORIGIN)
    /* Translators: %s is a muscle, e.g. “Which of these is an origin of Psoas major?” */
    prompt = g_strdup_printf (_("Which of these is an origin of %s?"),
                              fascia_muscle_get_name (muscle));
  else
    /* Translators: %s is a muscle, e.g. “Which of these is an insertion of Psoas major?” */
    prompt = g_strdup_printf (_("Which of these is an insertion of %s?"),
                              fascia_muscle_get_name (muscle));
  hint = view_hint (view);

  question = _fascia_quiz_question_new (FASCIA_QUIZ_KIND_ATTACHMENT, id, FASCIA_SIDE_NONE,
                                        view != NULL ? fascia_view_get_id (view) : NULL,
                                        roles[r] == FASCIA_ATTACHMENT_ORIGIN ? "origin"
                                                                             : "insertion");
  _fascia_quiz_question_set_texts (question, prompt, hint, fascia_landmark_get_name (answer));

  for (guint i = 0; i < chosen->len; i++)
    {
      FasciaLandmark *landmark = g_ptr_array_index (chosen, i);

      _fascia_quiz_question_add_choice (question, fascia_landmark_get_id (landmark),
                                        fascia_landmark_get_name (landmark), i == 0);
    }
  _fascia_quiz_question_shuffle (question, rand);

  if (view != NULL)
    {
      add_marks (question, "m", id, fascia_muscle_get_paired (muscle), FASCIA_SIDE_NONE, view,
                 FASCIA_QUIZ_MARK_MUSCLE, FASCIA_QUIZ_STAGE_CUE);
      add_marks (question, "b", fascia_landmark_get_id (answer),
                 fascia_landmark_get_paired (answer), FASCIA_SIDE_NONE, view,
                 roles[r] == FASCIA_ATTACHMENT_ORIGIN ? FASCIA_QUIZ_MARK_ORIGIN
                                                      : FASCIA_QUIZ_MARK_INSERTION,
                 FASCIA_QUIZ_STAGE_ANSWER);
    }

  return g_steal_pointer (&question);
}

/* --- Which muscle refers pain here? ----------------------------------------------------- */

/* Referral zones are free text, so each is read as the set of body areas its words name.
 * Two zones that share an area may be the same pain; a zone whose words name no area
 * could be anything and so overlaps every other. */
static const struct
{
  const char *word;
  guint       area;
} area_words[] = {
  { "sacroiliac", 1 << 0 }, { "sacrum", 1 << 0 },
  { "coccyx", 1 << 1 },
  { "buttock", 1 << 2 }, { "gluteal", 1 << 2 },
  { "hip", 1 << 3 }, { "trochanter", 1 << 3 },
  { "low back", 1 << 4 }, { "lumbar", 1 << 4 }, { "spine", 1 << 4 },
  { "thigh", 1 << 5 },
  { "knee", 1 << 6 },
  { "groin", 1 << 7 }, { "abdomen", 1 << 7 },
  { "iliac crest", 1 << 8 }, { "flank", 1 << 8 },
  { "rib", 1 << 9 },
  { "calf", 1 << 10 }, { "leg", 1 << 10 }, { "ankle", 1 << 10 },
};

#define ALL_AREAS G_MAXUINT

static guint
text_areas (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  guint areas = 0;

  for (guint i = 0; i < G_N_ELEMENTS (area_words); i++)
    if (strstr (lower, area_words[i].word) != NULL)
      areas |= area_words[i].area;

  return areas;
}

/* All the areas @muscle's trigger points refer to; ALL_AREAS if one cannot be read. */
static guint
muscle_areas (FasciaMuscle *muscle)
{
  GListModel *points = fascia_muscle_get_trigger_points (muscle);
  guint areas = 0;

  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(FasciaTriggerPoint) point = g_list_model_get_item (points, i);
      guint these = text_areas (fascia_trigger_point_get_referral (point));

      if (these == 0)
        return ALL_AREAS;
      areas |= these;
    }

  return areas;
}

/* The areas of one zone. "The same pattern" refers to the muscle's other points. */
static guint
referral_areas (FasciaMuscle       *muscle,
                FasciaTriggerPoint *point)
{
  const char *text = fascia_trigger_point_get_referral (point);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  guint areas = text_areas (text);

  if (areas == 0 || strstr (lower, "same pattern") != NULL)
    areas |= muscle_areas (muscle);

  return areas;
}

static gboolean
refers_like (FasciaMuscle *other,
             const char   *text,
             guint         areas)
{
  GListModel *points = fascia_muscle_get_trigger_points (other);

  if ((muscle_areas (other) & areas) != 0)
    return TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(FasciaTriggerPoint) point = g_list_model_get_item (points, i);

      if (g_str_equal (fascia_trigger_point_get_referral (point), text))
        return TRUE;
    }

  return FALSE;
}

static FasciaQuizQuestion *
make_referral (FasciaQuiz   *self,
               FasciaMuscle *muscle,
               GRand        *rand)
{
  const char *id = fascia_muscle_get_id (muscle);
  GListModel *points = fascia_muscle_get_trigger_points (muscle);
  GListModel *muscles = fascia_atlas_get_muscles (self->atlas);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FasciaQuizQuestion) question = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *hint = NULL;
  const char * const *view_ids;
  FasciaTriggerPoint *point;
  FasciaView *view;
  FasciaSide side;
  guint areas;

  /* Only points drawn on a view that draws the muscle can be shown. */
  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(FasciaTriggerPoint) candidate = g_list_model_get_item (points, i);

      view_ids = fascia_trigger_point_get_views (candidate);
      for (guint j = 0; view_ids != NULL && view_ids[j] != NULL; j++)
        if (fascia_atlas_lookup_view (self->atlas, view_ids[j]) != NULL)
          {
            g_ptr_array_add (shown, g_object_ref (candidate));
            break;
          }
    }

  point = pick (shown, rand);
  if (point == NULL)
    return NULL;

  areas = referral_areas (muscle, point);
  for (guint i = 0; i < g_list_model_get_n_items (muscles); i++)
    {
      g_autoptr(FasciaMuscle) other = g_list_model_get_item (muscles, i);

      if (other != muscle &&
          !refers_like (other, fascia_trigger_point_get_referral (point), areas))
        g_ptr_array_add (pool, g_steal_pointer (&other));
    }

  if (pool->len == 0)
    return NULL;

  view_ids = fascia_trigger_point_get_views (point);
  for (guint j = 0; view_ids[j] != NULL; j++)
    {
      FasciaView *v = fascia_atlas_lookup_view (self->atlas, view_ids[j]);

      if (v != NULL)
        g_ptr_array_add (views, g_object_ref (v));
    }
  view = pick (views, rand);
  if (right_only (view, id) || !fascia_muscle_get_paired (muscle))
    side = fascia_muscle_get_paired (muscle) ? FASCIA_SIDE_RIGHT : FASCIA_SIDE_NONE;
  else
    side = g_rand_boolean (rand) ? FASCIA_SIDE_LEFT : FASCIA_SIDE_RIGHT;

  shuffle (pool, rand);
  /* Plausible first: wrong answers drawn on the view that shows the zone, then the rest (a
   * muscle of the front is no choice for a zone on the back). */
  {
    g_autoptr(GPtrArray) far = g_ptr_array_new_with_free_func (g_object_unref);
    const char * const *drawn = fascia_view_get_muscles (view);

    for (guint i = 0; i < pool->len;)
      {
        FasciaMuscle *other = g_ptr_array_index (pool, i);

        if (drawn != NULL && g_strv_contains (drawn, fascia_muscle_get_id (other)))
          i++;
        else
          g_ptr_array_add (far, g_ptr_array_steal_index (pool, i));
      }
    g_ptr_array_extend_and_steal (pool, g_steal_pointer (&far));
  }

  detail = g_strdup_printf ("tp-%u", fascia_trigger_point_get_n (point));
  hint = view_hint (view);
  question = _fascia_quiz_question_new (FASCIA_QUIZ_KIND_REFERRAL, id, side,
                                        fascia_view_get_id (view), detail);
  _fascia_quiz_question_set_texts (question, _("Which muscle refers pain to the zone shown?"),
                                   hint, fascia_muscle_get_name (muscle));

  _fascia_quiz_question_add_choice (question, id, fascia_muscle_get_name (muscle), TRUE);
  for (guint i = 0; i < pool->len && i < N_DISTRACTORS; i++)
    {
      FasciaMuscle *other = g_ptr_array_index (pool, i);

      _fascia_quiz_question_add_choice (question, fascia_muscle_get_id (other),
                                        fascia_muscle_get_name (other), FALSE);
    }
  _fascia_quiz_question_shuffle (question, rand);

  zone = fascia_trigger_point_dup_zone_id (point, side);
  _fascia_quiz_question_add_mark (question, zone, FASCIA_QUIZ_MARK_ZONE, FASCIA_QUIZ_STAGE_CUE);
  add_marks (question, "m", id, fascia_muscle_get_paired (muscle), side, view,
             FASCIA_QUIZ_MARK_MUSCLE, FASCIA_QUIZ_STAGE_ANSWER);

  return g_steal_pointer (&question);
}

/* --- Which nerve? ----------------------------------------------------------------------- */

enum {
  NERVE_ANTERIOR_RAMI  = 1 << 0,
  NERVE_DORSAL_MEDIAL  = 1 << 1,
  NERVE_DORSAL_LATERAL = 1 << 2,
  NERVE_TIBIAL         = 1 << 3,
  NERVE_FIBULAR        = 1 << 4,
};

/* Two nerve texts name the same supply if they share their lead phrase ("Femoral nerve" and
 * "Femoral nerve (muscular branches …)") or a family: anterior rami of spinal nerves, the
 * medial or the lateral branches of the dorsal rami, or one of the sciatic nerve's two parts
 * under either of its names — the tibial nerve is its tibial division continued below the
 * thigh, the common fibular nerve its common fibular division: "Tibial division of the
 * sciatic nerve" was offered as wrong for plantaris beside "Tibial nerve" right. */
static char *
nerve_signature (FasciaMuscle *muscle,
                 guint        *families)
{
  g_autofree char *lower = g_utf8_strdown (fascia_muscle_get_innervation_nerve (muscle), -1);
  gsize lead = strcspn (lower, "(,");

  *families = 0;
  if (strstr (lower, "anterior ram") != NULL)
    *families |= NERVE_ANTERIOR_RAMI;
  if (strstr (lower, "dorsal") != NULL || strstr (lower, "posterior ram") != NULL)
    {
      if (strstr (lower, "medial") != NULL)
        *families |= NERVE_DORSAL_MEDIAL;
      else if (strstr (lower, "lateral") != NULL)
        *families |= NERVE_DORSAL_LATERAL;
      else
        *families |= NERVE_DORSAL_MEDIAL | NERVE_DORSAL_LATERAL;
    }
  if (strstr (lower, "tibial") != NULL)
    *families |= NERVE_TIBIAL;
  if (strstr (lower, "fibular") != NULL || strstr (lower, "peroneal") != NULL)
    *families |= NERVE_FIBULAR;
  /* The sciatic nerve named whole is both. */
  if (strstr (lower, "sciatic") != NULL && strstr (lower, "division") == NULL)
    *families |= NERVE_TIBIAL | NERVE_FIBULAR;

  lower[lead] = '\0';

  return g_strdup (g_strstrip (lower));
}

static char *nerve_choice_text (FasciaMuscle *muscle);

/* Every nerve a muscle's text names as its supply, in lower case, as one line: what is in
 * parentheses left out ("branch of the obturator (or accessory obturator) nerve" names the
 * obturator nerve) and what follows ", not" too ("…, not the femoral nerve" names no femoral
 * nerve). */
static char *
nerve_supply_text (FasciaMuscle *muscle)
{
  g_autofree char *lower = g_utf8_strdown (fascia_muscle_get_innervation_nerve (muscle), -1);
  g_autoptr(GString) text = g_string_new (NULL);
  char *not = strstr (lower, ", not ");
  guint depth = 0;

  if (not != NULL)
    *not = '\0';
  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0 && !(*p == ' ' && text->len > 0 && text->str[text->len - 1] == ' '))
        g_string_append_c (text, *p);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The nerve a choice names, in lower case: up to the first "nerve" or "nerves", after a part's
 * name ("Adductor part: obturator nerve" names the obturator nerve, "Sciatic nerve: long head
 * from its tibial division" the sciatic nerve); a nerve named for its muscle whole ("Nerve to
 * obturator internus"). */
static char *
nerve_choice_core (FasciaMuscle *muscle)
{
  g_autofree char *choice = nerve_choice_text (muscle);
  g_autofree char *lower = g_utf8_strdown (choice, -1);
  char *start = lower, *colon, *nerve;

  if (g_str_has_prefix (lower, "nerve to "))
    return g_steal_pointer (&lower);
  nerve = strstr (start, "nerve");
  colon = strstr (start, ": ");
  if (colon != NULL && nerve != NULL && colon < nerve)
    start = colon + 2;
  nerve = strstr (start, "nerve");
  if (nerve == NULL)
    return g_strdup (start);
  nerve += strlen ("nerve");
  if (*nerve == 's')
    nerve++;
  return g_strndup (start, nerve - start);
}

/* Whether the supply of @a names the nerve @b's choice names: adductor magnus's "obturator
 * nerve (posterior branch); … tibial division of the sciatic nerve" holds the right answer to
 * adductor longus and to semitendinosus, so neither can be a wrong answer about it. */
static gboolean
nerve_named_in (FasciaMuscle *a,
                FasciaMuscle *b)
{
  g_autofree char *supply = nerve_supply_text (a);
  g_autofree char *core = nerve_choice_core (b);

  return core[0] != '\0' && strstr (supply, core) != NULL;
}

static gboolean
nerves_conflict (FasciaMuscle *a,
                 FasciaMuscle *b)
{
  g_autofree char *lead_a = NULL;
  g_autofree char *lead_b = NULL;
  guint families_a, families_b;

  lead_a = nerve_signature (a, &families_a);
  lead_b = nerve_signature (b, &families_b);

  return g_str_equal (lead_a, lead_b) || (families_a & families_b) != 0
         || nerve_named_in (a, b) || nerve_named_in (b, a);
}

/* A choice names the nerve alone: "Femoral nerve (muscular branches …)" and "… (lumbar
 * plexus), not the femoral nerve" would give the answer away by their length or their words,
 * so every choice leaves out what is in parentheses and ends at its first comma or semicolon.
 * A parenthesis inside the name is left out, not cut at: "Lateral branches of the dorsal
 * (posterior) rami of the spinal nerves" read "Lateral branches of the dorsal". The full text
 * is the feedback. */
static char *
nerve_choice_text (FasciaMuscle *muscle)
{
  const char *nerve = fascia_muscle_get_innervation_nerve (muscle);
  g_autoptr(GString) text = g_string_new (NULL);
  guint depth = 0;

  for (const char *p = nerve; *p != '\0'; p++)
    {
      if (*p == '(')
        {
          /* The space before it goes with it. */
          if (depth == 0 && text->len > 0 && text->str[text->len - 1] == ' ')
            g_string_truncate (text, text->len - 1);
          depth++;
          continue;
        }
      if (*p == ')' && depth > 0)
        {
          depth--;
          continue;
        }
      if (depth > 0)
        continue;
      if ((*p == ',' || *p == ';') && (p[1] == ' ' || p[1] == '\0'))
        break;
      g_string_append_c (text, *p);
    }

  return g_strdup (g_strstrip (text->str));
}

/* The spinal segments a muscle's roots span, C1 = 1 … C8 = 8, T1 = 9 … S5 = 30 ("L2–L4" 22 to
 * 24, "T12, L1–L4" 20 to 24); FALSE when its roots name none. */
static gboolean
root_span (FasciaMuscle *muscle,
           int          *low,
           int          *high)
{
  static const struct { char letter; int before, count; } levels[] = {
    { 'C', 0, 8 }, { 'T', 8, 12 }, { 'L', 20, 5 }, { 'S', 25, 5 },
  };
  const char *roots = fascia_muscle_get_innervation_roots (muscle);

  *low = G_MAXINT;
  *high = G_MININT;
  for (const char *p = roots; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (p[1]) || (p > roots && g_ascii_isalpha (p[-1])))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        {
          int n = atoi (p + 1);

          if (*p == levels[i].letter && n >= 1 && n <= levels[i].count)
            {
              *low = MIN (*low, levels[i].before + n);
              *high = MAX (*high, levels[i].before + n);
            }
        }
    }
  return *low <= *high;
}

/* Whether the nerve of @other comes from the spinal cord near @muscle's: their roots at most
 * two segments apart. The femoral nerve's neighbours are the lumbar and sacral plexus's, not
 * the phrenic nerve (C3–C5) or the spinal accessory nerve. */
static gboolean
roots_near (FasciaMuscle *muscle,
            FasciaMuscle *other)
{
  int low, high, other_low, other_high;

  if (!root_span (muscle, &low, &high) || !root_span (other, &other_low, &other_high))
    return FALSE;
  return MAX (other_low - high, low - other_high) <= 2;
}

static FasciaQuizQuestion *
make_nerve (FasciaQuiz   *self,
            FasciaMuscle *muscle,
            GRand        *rand)
{
  const char *id = fascia_muscle_get_id (muscle);
  GListModel *muscles = fascia_atlas_get_muscles (self->atlas);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) views = views_showing (self, id, NULL);
  g_autoptr(FasciaQuizQuestion) question = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *correct = NULL;
  FasciaView *view;

  for (guint i = 0; i < g_list_model_get_n_items (muscles); i++)
    {
      g_autoptr(FasciaMuscle) other = g_list_model_get_item (muscles, i);

      if (other != muscle && !nerves_conflict (muscle, other))
        g_ptr_array_add (pool, g_steal_pointer (&other));
    }

  if (pool->len == 0)
    return NULL;

  /* Plausible first: nerves from the spinal cord near this one's, then the rest, each in the
   * same shuffled order. "Phrenic nerve" and "Spinal accessory nerve" offered beside the
   * femoral nerve for vastus lateralis were no question. */
  shuffle (pool, rand);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < pool->len; i++)
      if (roots_near (muscle, g_ptr_array_index (pool, i)) == (pass == 0))
        g_ptr_array_add (ordered, g_ptr_array_index (pool, i));
  g_ptr_array_add (chosen, muscle);
  for (guint i = 0; i < ordered->len && chosen->len < N_DISTRACTORS + 1; i++)
    {
      FasciaMuscle *other = g_ptr_array_index (ordered, i);
      gboolean distinct = TRUE;

      for (guint j = 1; j < chosen->len && distinct; j++)
        distinct = !nerves_conflict (other, g_ptr_array_index (chosen, j));

      if (distinct)
        g_ptr_array_add (chosen, other);
    }

  view = pick (views, rand);

  /* Translators: %s is a muscle, e.g. “Which nerve supplies Piriformis?” */
  prompt = g_strdup_printf (_("Which nerve supplies %s?"), fascia_muscle_get_name (muscle));
  hint = view_hint (view);
  /* Translators: a nerve and its spinal roots, as a muscle's card gives them, e.g.
   * “Superior gluteal nerve; roots L4–S1”; the nerve and the roots may end in a parenthesis
   * of their own (“Nerve to obturator internus (sacral plexus)”, “L1–L5 (segmental)”) */
  correct = g_strdup_printf (_("%s; roots %s"), fascia_muscle_get_innervation_nerve (muscle),
                             fascia_muscle_get_innervation_roots (muscle));

  question = _fascia_quiz_question_new (FASCIA_QUIZ_KIND_NERVE, id, FASCIA_SIDE_NONE,
                                        view != NULL ? fascia_view_get_id (view) : NULL, NULL);
  _fascia_quiz_question_set_texts (question, prompt, hint, correct);

  for (guint i = 0; i < chosen->len; i++)
    {
      FasciaMuscle *m = g_ptr_array_index (chosen, i);
      g_autofree char *nerve = nerve_choice_text (m);

      _fascia_quiz_question_add_choice (question, nerve, nerve, i == 0);
    }
  _fascia_quiz_question_shuffle (question, rand);

  if (view != NULL)
    add_marks (question, "m", id, fascia_muscle_get_paired (muscle), FASCIA_SIDE_NONE, view,
               FASCIA_QUIZ_MARK_MUSCLE, FASCIA_QUIZ_STAGE_CUE);

  return g_steal_pointer (&question);
}

/* --- The round -------------------------------------------------------------------------- */

typedef struct
{
  FasciaMuscle *muscle;
  guint         tier;      /* 0 due again, 1 never asked, 2 not yet due */
  guint         box;
  gint64        due;
  guint32       tiebreak;
} Candidate;

static int
candidate_compare (gconstpointer a,
                   gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->tier != cb->tier)
    return ca->tier < cb->tier ? -1 : 1;
  if (ca->tier == 2 && ca->due != cb->due)
    return ca->due < cb->due ? -1 : 1;
  if (ca->box != cb->box)
    return ca->box < cb->box ? -1 : 1;
  if (ca->tiebreak != cb->tiebreak)
    return ca->tiebreak < cb->tiebreak ? -1 : 1;

  return 0;
}

static FasciaQuizQuestion *
make_question (FasciaQuiz   *self,
               FasciaMuscle *muscle,
               GRand        *rand)
{
  switch (self->kind)
    {
    case FASCIA_QUIZ_KIND_FIND_MUSCLE:
      return make_find_muscle (self, muscle, rand);

    case FASCIA_QUIZ_KIND_ATTACHMENT:
      return make_attachment (self, muscle, rand);

    case FASCIA_QUIZ_KIND_REFERRAL:
      return make_referral (self, muscle, rand);

    case FASCIA_QUIZ_KIND_NERVE:
      return make_nerve (self, muscle, rand);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
generate (FasciaQuiz          *self,
          guint                n_questions,
          FasciaStudyProgress *progress,
          gint64               now,
          GError             **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (self->seed);
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *muscles = fascia_atlas_get_muscles (self->atlas);

  for (guint i = 0; i < g_list_model_get_n_items (muscles); i++)
    {
      Candidate c = { NULL };

      c.muscle = g_list_model_get_item (muscles, i);
      c.tiebreak = g_rand_int (rand);
      if (progress != NULL)
        {
          const char *id = fascia_muscle_get_id (c.muscle);

          c.box = fascia_study_progress_get_box (progress, self->kind, id);
          c.due = fascia_study_progress_get_due (progress, self->kind, id);
          if (c.box == 0)
            c.tier = 1;
          else
            c.tier = fascia_study_progress_is_due (progress, self->kind, id, now) ? 0 : 2;
        }
      else
        c.tier = 1;

      g_array_append_val (candidates, c);
      g_object_unref (c.muscle);  /* the atlas keeps it */
    }

  g_array_sort (candidates, candidate_compare);

  for (guint i = 0; i < candidates->len && questions->len < n_questions; i++)
    {
      FasciaQuizQuestion *question =
        make_question (self, g_array_index (candidates, Candidate, i).muscle, rand);

      if (question != NULL)
        g_ptr_array_add (questions, question);
    }

  if (questions->len == 0)
    {
      g_set_error (error, FASCIA_QUIZ_ERROR, FASCIA_QUIZ_ERROR_NO_QUESTIONS,
                   _("The atlas has nothing to ask for “%s”"),
                   fascia_quiz_kind_get_title (self->kind));
      return FALSE;
    }

  shuffle (questions, rand);
  g_list_store_splice (self->questions, 0, 0, questions->pdata, questions->len);

  return TRUE;
}

/**
 * fascia_quiz_new:
 * @atlas: the content to ask about
 * @kind: the kind of question
 * @n_questions: how many to ask (%FASCIA_QUIZ_DEFAULT_N_QUESTIONS); fewer if the atlas has
 *   fewer muscles to ask about
 * @seed: the seed of the round: the same seed, atlas, progress and @now give the same round
 * @progress: (nullable): the student's Leitner boxes, to ask due and weak items first
 * @now: Unix time, to judge what is due
 * @error: return location for a #GError
 *
 * Generates a round.
 *
 * Returns: (transfer full): the round, or %NULL if the atlas offers no question of @kind
 */
FasciaQuiz *
fascia_quiz_new (FasciaAtlas          *atlas,
                 FasciaQuizKind        kind,
                 guint                 n_questions,
                 guint32               seed,
                 FasciaStudyProgress  *progress,
                 gint64                now,
                 GError              **error)
{
  g_autoptr(FasciaQuiz) self = NULL;

  g_return_val_if_fail (FASCIA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (kind < FASCIA_QUIZ_N_KINDS, NULL);
  g_return_val_if_fail (n_questions > 0, NULL);
  g_return_val_if_fail (progress == NULL || FASCIA_IS_STUDY_PROGRESS (progress), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FASCIA_TYPE_QUIZ, NULL);
  self->atlas = g_object_ref (atlas);
  self->kind = kind;
  self->seed = seed;

  if (!generate (self, n_questions, progress, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

FasciaQuizKind
fascia_quiz_get_kind (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), 0);

  return self->kind;
}

guint32
fascia_quiz_get_seed (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), 0);

  return self->seed;
}

/**
 * fascia_quiz_get_questions:
 *
 * Returns: (transfer none): the questions of the round, #FasciaQuizQuestion, in order
 */
GListModel *
fascia_quiz_get_questions (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), NULL);

  return G_LIST_MODEL (self->questions);
}

guint
fascia_quiz_get_n_questions (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->questions));
}

/**
 * fascia_quiz_get_question:
 *
 * Returns: (transfer none): the question at @index
 */
FasciaQuizQuestion *
fascia_quiz_get_question (FasciaQuiz *self,
                          guint       index)
{
  g_autoptr(FasciaQuizQuestion) question = NULL;

  g_return_val_if_fail (FASCIA_IS_QUIZ (self), NULL);
  g_return_val_if_fail (index < fascia_quiz_get_n_questions (self), NULL);

  /* The store holds the reference. */
  question = g_list_model_get_item (G_LIST_MODEL (self->questions), index);

  return question;
}

/**
 * fascia_quiz_get_position:
 *
 * Returns: the index of the current question; the number of questions once finished
 */
guint
fascia_quiz_get_position (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), 0);

  return self->position;
}

/**
 * fascia_quiz_get_current:
 *
 * Returns: (transfer none) (nullable): the current question, %NULL once finished
 */
FasciaQuizQuestion *
fascia_quiz_get_current (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), NULL);

  if (self->position >= fascia_quiz_get_n_questions (self))
    return NULL;

  return fascia_quiz_get_question (self, self->position);
}

static void
record_answer (FasciaQuiz         *self,
               FasciaQuizQuestion *question,
               guint               choice,
               const char         *region,
               const char         *text,
               gboolean            correct)
{
  _fascia_quiz_question_set_answer (question, choice, region, text, correct);

  self->n_answered++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANSWERED]);

  if (correct)
    {
      self->score++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
    }
  else
    g_list_store_append (self->missed, question);
}

/**
 * fascia_quiz_answer_choice:
 * @choice: the index of the choice taken
 *
 * Answers the current question, which must be one with choices and not yet answered.
 *
 * Returns: whether the answer is right
 */
gboolean
fascia_quiz_answer_choice (FasciaQuiz *self,
                           guint       choice)
{
  FasciaQuizQuestion *question;
  gboolean correct;

  g_return_val_if_fail (FASCIA_IS_QUIZ (self), FALSE);

  question = fascia_quiz_get_current (self);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (!fascia_quiz_question_get_answered (question), FALSE);
  g_return_val_if_fail (choice < fascia_quiz_question_get_n_choices (question), FALSE);

  correct = choice == fascia_quiz_question_get_correct_choice (question);
  record_answer (self, question, choice, NULL,
                 fascia_quiz_question_get_choice_text (question, choice), correct);

  return correct;
}

/* The name of what a region shows, for the summary of items missed. */
static char *
region_name (FasciaQuiz *self,
             const char *region_id)
{
  g_autofree char *bare = NULL;
  FasciaSide side = FASCIA_SIDE_NONE;
  gsize len = strlen (region_id);

  if (len > 4 && region_id[len - 2] == '-' && (region_id[len - 1] == 'l' || region_id[len - 1] == 'r'))
    {
      side = region_id[len - 1] == 'l' ? FASCIA_SIDE_LEFT : FASCIA_SIDE_RIGHT;
      len -= 2;
    }

  if (len > 2 && g_str_has_prefix (region_id, "m-"))
    {
      FasciaMuscle *muscle;

      bare = g_strndup (region_id + 2, len - 2);
      muscle = fascia_atlas_lookup_muscle (self->atlas, bare);
      if (muscle != NULL && side == FASCIA_SIDE_LEFT)
        return g_strdup_printf (_("%s (left)"), fascia_muscle_get_name (muscle));
      if (muscle != NULL && side == FASCIA_SIDE_RIGHT)
        return g_strdup_printf (_("%s (right)"), fascia_muscle_get_name (muscle));
      if (muscle != NULL)
        return g_strdup (fascia_muscle_get_name (muscle));
    }
  else if (len > 2 && g_str_has_prefix (region_id, "b-"))
    {
      FasciaLandmark *landmark;

      bare = g_strndup (region_id + 2, len - 2);
      landmark = fascia_atlas_lookup_landmark (self->atlas, bare);
      if (landmark != NULL)
        return g_strdup (fascia_landmark_get_name (landmark));
    }

  return g_strdup (region_id);
}

/**
 * fascia_quiz_answer_region:
 * @region_id: the region pressed on the diagram
 *
 * Answers the current question, which must be a "find the muscle" question not yet
 * answered.
 *
 * Returns: whether the answer is right
 */
gboolean
fascia_quiz_answer_region (FasciaQuiz *self,
                           const char *region_id)
{
  FasciaQuizQuestion *question;
  g_autofree char *text = NULL;
  gboolean correct;

  g_return_val_if_fail (FASCIA_IS_QUIZ (self), FALSE);
  g_return_val_if_fail (region_id != NULL, FALSE);

  question = fascia_quiz_get_current (self);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (!fascia_quiz_question_get_answered (question), FALSE);
  g_return_val_if_fail (fascia_quiz_question_get_kind (question) ==
                        FASCIA_QUIZ_KIND_FIND_MUSCLE, FALSE);

  correct = fascia_quiz_question_is_right_region (question, region_id);
  text = region_name (self, region_id);
  record_answer (self, question, FASCIA_QUIZ_NO_CHOICE, region_id, text, correct);

  return correct;
}

/**
 * fascia_quiz_next:
 *
 * Moves on from the current question, which must be answered.
 *
 * Returns: %TRUE if there is a next question, %FALSE if the round is finished
 */
gboolean
fascia_quiz_next (FasciaQuiz *self)
{
  FasciaQuizQuestion *question;

  g_return_val_if_fail (FASCIA_IS_QUIZ (self), FALSE);

  question = fascia_quiz_get_current (self);
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (fascia_quiz_question_get_answered (question), FALSE);

  self->position++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (fascia_quiz_get_finished (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);

  return !fascia_quiz_get_finished (self);
}

gboolean
fascia_quiz_get_finished (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), FALSE);

  return self->position >= fascia_quiz_get_n_questions (self);
}

/**
 * fascia_quiz_get_score:
 *
 * Returns: the number of questions answered rightly
 */
guint
fascia_quiz_get_score (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), 0);

  return self->score;
}

guint
fascia_quiz_get_n_answered (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), 0);

  return self->n_answered;
}

/**
 * fascia_quiz_get_missed:
 *
 * Returns: (transfer none): the questions answered wrongly, in the order answered
 */
GListModel *
fascia_quiz_get_missed (FasciaQuiz *self)
{
  g_return_val_if_fail (FASCIA_IS_QUIZ (self), NULL);

  return G_LIST_MODEL (self->missed);
}

static void
fascia_quiz_finalize (GObject *object)
{
  FasciaQuiz *self = FASCIA_QUIZ (object);

  g_clear_object (&self->atlas);
  g_clear_object (&self->questions);
  g_clear_object (&self->missed);

  G_OBJECT_CLASS (fascia_quiz_parent_class)->finalize (object);
}

static void
fascia_quiz_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FasciaQuiz *self = FASCIA_QUIZ (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, fascia_quiz_get_n_questions (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_CURRENT:
      g_value_set_object (value, fascia_quiz_get_current (self));
      break;

    case PROP_SCORE:
      g_value_set_uint (value, self->score);
      break;

    case PROP_N_ANSWERED:
      g_value_set_uint (value, self->n_answered);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, fascia_quiz_get_finished (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_quiz_class_init (FasciaQuizClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fascia_quiz_finalize;
  object_class->get_property = fascia_quiz_get_property;

  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, FASCIA_QUIZ_N_KINDS - 1, 0, flags);
  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, FASCIA_TYPE_QUIZ_QUESTION, flags);
  properties[PROP_SCORE] =
    g_param_spec_uint ("score", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_ANSWERED] =
    g_param_spec_uint ("n-answered", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fascia_quiz_init (FasciaQuiz *self)
{
  self->questions = g_list_store_new (FASCIA_TYPE_QUIZ_QUESTION);
  self->missed = g_list_store_new (FASCIA_TYPE_QUIZ_QUESTION);
}
