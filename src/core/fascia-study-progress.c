/* fascia-study-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-study"

#include "config.h"

#include "fascia/fascia-study-progress.h"

/*
 * Leitner boxes. Every study item (a quiz kind and a muscle: "find the psoas", "the nerve of
 * the piriformis") sits in a box from 1 to 5; an item never answered is in box 0 and enters
 * box 1 with its first answer. A right answer moves it up one box (at most 5), a wrong one
 * back to box 1. An item in box k is due
 * again INTERVALS[k] calendar days after it was last answered: 0, 1, 3, 7 and 14 days.
 *
 * Days, not sessions: a student who does three rounds in an evening should not see the
 * psoas they just got right three times over, and one who comes back after a fortnight
 * should find everything they knew due again. Days are counted in local calendar days, so
 * "after 1 day" means "from tomorrow on", not "24 hours later".
 *
 * The state is derived: the store keeps only the answers (study_results) and replays them
 * here in the order given, so the schedule can change without a migration.
 */

static const guint intervals[FASCIA_LEITNER_N_BOXES + 1] = { 0, 0, 1, 3, 7, 14 };

typedef struct
{
  guint  box;
  gint64 last_answered;
} Item;

typedef struct
{
  gint64 last_answered;
  guint  n_right;
  guint  n_answered;
} Summary;

struct _FasciaStudyProgress
{
  GObject     parent_instance;

  GHashTable *items;      /* "kind:muscle" → Item */
  GHashTable *summaries;  /* muscle id → Summary */
  guint       n_answered;
};

G_DEFINE_FINAL_TYPE (FasciaStudyProgress, fascia_study_progress, G_TYPE_OBJECT)

/**
 * fascia_leitner_interval_days:
 * @box: a box from 1 to 5
 *
 * Returns: how many calendar days after its last answer an item in @box is due again.
 */
guint
fascia_leitner_interval_days (guint box)
{
  g_return_val_if_fail (box <= FASCIA_LEITNER_N_BOXES, 0);

  return intervals[box];
}

FasciaStudyProgress *
fascia_study_progress_new (void)
{
  return g_object_new (FASCIA_TYPE_STUDY_PROGRESS, NULL);
}

static char *
item_key (FasciaQuizKind  kind,
          const char     *muscle_id)
{
  return g_strconcat (fascia_quiz_kind_to_string (kind), ":", muscle_id, NULL);
}

static Item *
lookup_item (FasciaStudyProgress *self,
             FasciaQuizKind       kind,
             const char          *muscle_id)
{
  g_autofree char *key = item_key (kind, muscle_id);

  return g_hash_table_lookup (self->items, key);
}

/* The local calendar day of a Unix time, as a Julian day number. */
static guint
local_day (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);
  g_autoptr(GDate) date = NULL;
  int y, m, d;

  if (dt == NULL)
    return 0;

  g_date_time_get_ymd (dt, &y, &m, &d);
  date = g_date_new_dmy (d, m, y);

  return g_date_get_julian (date);
}

/**
 * fascia_study_progress_add_result:
 * @answered_at: Unix time of the answer
 *
 * Replays one answer. Answers are to be added in the order they were given.
 */
void
fascia_study_progress_add_result (FasciaStudyProgress *self,
                                  FasciaQuizKind       kind,
                                  const char          *muscle_id,
                                  gboolean             correct,
                                  gint64               answered_at)
{
  Item *item;
  Summary *summary;

  g_return_if_fail (FASCIA_IS_STUDY_PROGRESS (self));
  g_return_if_fail (kind < FASCIA_QUIZ_N_KINDS);
  g_return_if_fail (muscle_id != NULL);

  item = lookup_item (self, kind, muscle_id);
  if (item == NULL)
    {
      /* A new item starts in box 1, so one right answer takes it to box 2. */
      item = g_new0 (Item, 1);
      item->box = 1;
      g_hash_table_insert (self->items, item_key (kind, muscle_id), item);
    }

  if (correct)
    item->box = MIN (item->box + 1, FASCIA_LEITNER_N_BOXES);
  else
    item->box = 1;
  item->last_answered = MAX (item->last_answered, answered_at);

  summary = g_hash_table_lookup (self->summaries, muscle_id);
  if (summary == NULL)
    {
      summary = g_new0 (Summary, 1);
      g_hash_table_insert (self->summaries, g_strdup (muscle_id), summary);
    }

  summary->last_answered = MAX (summary->last_answered, answered_at);
  summary->n_answered++;
  if (correct)
    summary->n_right++;

  self->n_answered++;
}

/**
 * fascia_study_progress_set_item:
 * @box: its Leitner box, 1 to 5
 * @last_answered: Unix time of its last answer
 * @n_right: right answers so far
 * @n_wrong: wrong answers so far
 *
 * Sets an item's state as a store keeps it (FasciaStudyItem), instead of replaying its
 * answers; the muscle's summary adds the counts up.
 */
void
fascia_study_progress_set_item (FasciaStudyProgress *self,
                                FasciaQuizKind       kind,
                                const char          *muscle_id,
                                guint                box,
                                gint64               last_answered,
                                guint                n_right,
                                guint                n_wrong)
{
  Item *item;
  Summary *summary;

  g_return_if_fail (FASCIA_IS_STUDY_PROGRESS (self));
  g_return_if_fail (kind < FASCIA_QUIZ_N_KINDS);
  g_return_if_fail (muscle_id != NULL);
  g_return_if_fail (box >= 1 && box <= FASCIA_LEITNER_N_BOXES);

  item = lookup_item (self, kind, muscle_id);
  if (item == NULL)
    {
      item = g_new0 (Item, 1);
      g_hash_table_insert (self->items, item_key (kind, muscle_id), item);
    }
  item->box = box;
  item->last_answered = last_answered;

  summary = g_hash_table_lookup (self->summaries, muscle_id);
  if (summary == NULL)
    {
      summary = g_new0 (Summary, 1);
      g_hash_table_insert (self->summaries, g_strdup (muscle_id), summary);
    }
  summary->last_answered = MAX (summary->last_answered, last_answered);
  summary->n_answered += n_right + n_wrong;
  summary->n_right += n_right;

  self->n_answered += n_right + n_wrong;
}

/**
 * fascia_study_progress_get_box:
 *
 * Returns: the Leitner box of the item, 1 to 5, or 0 if it was never answered.
 */
guint
fascia_study_progress_get_box (FasciaStudyProgress *self,
                               FasciaQuizKind       kind,
                               const char          *muscle_id)
{
  Item *item;

  g_return_val_if_fail (FASCIA_IS_STUDY_PROGRESS (self), 0);
  g_return_val_if_fail (muscle_id != NULL, 0);

  item = lookup_item (self, kind, muscle_id);

  return item != NULL ? item->box : 0;
}

/**
 * fascia_study_progress_get_due:
 *
 * Returns: the Unix time of the local midnight from which the item is due, its last
 *   answer's time for an item due at once, or 0 for an item never answered.
 */
gint64
fascia_study_progress_get_due (FasciaStudyProgress *self,
                               FasciaQuizKind       kind,
                               const char          *muscle_id)
{
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) due = NULL;
  Item *item;
  int y, m, d;

  g_return_val_if_fail (FASCIA_IS_STUDY_PROGRESS (self), 0);
  g_return_val_if_fail (muscle_id != NULL, 0);

  item = lookup_item (self, kind, muscle_id);
  if (item == NULL)
    return 0;
  if (intervals[item->box] == 0)
    return item->last_answered;

  last = g_date_time_new_from_unix_local (item->last_answered);
  g_date_time_get_ymd (last, &y, &m, &d);
  midnight = g_date_time_new_local (y, m, d, 0, 0, 0);
  due = g_date_time_add_days (midnight, intervals[item->box]);

  return g_date_time_to_unix (due);
}

/**
 * fascia_study_progress_is_due:
 * @now: the Unix time to judge by
 *
 * Returns: whether the item should be asked again: never answered, or its box's interval
 *   has passed in local calendar days.
 */
gboolean
fascia_study_progress_is_due (FasciaStudyProgress *self,
                              FasciaQuizKind       kind,
                              const char          *muscle_id,
                              gint64               now)
{
  Item *item;

  g_return_val_if_fail (FASCIA_IS_STUDY_PROGRESS (self), FALSE);
  g_return_val_if_fail (muscle_id != NULL, FALSE);

  item = lookup_item (self, kind, muscle_id);
  if (item == NULL)
    return TRUE;

  return local_day (now) >= local_day (item->last_answered) + intervals[item->box];
}

/**
 * fascia_study_progress_get_muscle_summary:
 * @box: (out) (optional): the lowest box among the kinds of question answered on the muscle
 * @last_answered: (out) (optional): Unix time of the last answer
 * @n_right: (out) (optional): answers that were right
 * @n_answered: (out) (optional): all answers
 *
 * Returns: %FALSE if no question on @muscle_id was ever answered (the outs are then 0).
 */
gboolean
fascia_study_progress_get_muscle_summary (FasciaStudyProgress *self,
                                          const char          *muscle_id,
                                          guint               *box,
                                          gint64              *last_answered,
                                          guint               *n_right,
                                          guint               *n_answered)
{
  Summary *summary;
  guint lowest = 0;

  g_return_val_if_fail (FASCIA_IS_STUDY_PROGRESS (self), FALSE);
  g_return_val_if_fail (muscle_id != NULL, FALSE);

  summary = g_hash_table_lookup (self->summaries, muscle_id);

  for (guint k = 0; summary != NULL && k < FASCIA_QUIZ_N_KINDS; k++)
    {
      guint b = fascia_study_progress_get_box (self, k, muscle_id);

      if (b > 0 && (lowest == 0 || b < lowest))
        lowest = b;
    }

  if (box != NULL)
    *box = lowest;
  if (last_answered != NULL)
    *last_answered = summary != NULL ? summary->last_answered : 0;
  if (n_right != NULL)
    *n_right = summary != NULL ? summary->n_right : 0;
  if (n_answered != NULL)
    *n_answered = summary != NULL ? summary->n_answered : 0;

  return summary != NULL;
}

guint
fascia_study_progress_get_n_answered (FasciaStudyProgress *self)
{
  g_return_val_if_fail (FASCIA_IS_STUDY_PROGRESS (self), 0);

  return self->n_answered;
}

static void
fascia_study_progress_finalize (GObject *object)
{
  FasciaStudyProgress *self = FASCIA_STUDY_PROGRESS (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);

  G_OBJECT_CLASS (fascia_study_progress_parent_class)->finalize (object);
}

static void
fascia_study_progress_class_init (FasciaStudyProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_study_progress_finalize;
}

static void
fascia_study_progress_init (FasciaStudyProgress *self)
{
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
