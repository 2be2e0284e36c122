/* fascia-plan-handout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-handout"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-client.h"
#include "fascia/fascia-date.h"
#include "fascia/fascia-diagram.h"
#include "fascia/fascia-home-exercise.h"
#include "fascia/fascia-intake.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia/fascia-plan-target.h"
#include "fascia/fascia-plan.h"
#include "fascia/fascia-technique.h"
#include "fascia/fascia-view.h"

/*
 * What a client takes home: the plan's goals, the diagram with the target muscles lit,
 * what each target muscle does in plain words, the techniques in short, the home exercises
 * step by step, and when to stop and see a doctor. Everything comes from the store (this
 * client's plan) and the atlas (the anatomy), so the handout always says what the cards say.
 */

#define MAX_VIEWS 2

/* One figure: up to two diagram views side by side, each with the targets lit. */
typedef struct
{
  FasciaDiagram *diagrams[MAX_VIEWS];
  double         top[MAX_VIEWS];      /* the drawn part of each view, in view units */
  double         height[MAX_VIEWS];
  guint          n_diagrams;
} Figure;

static void
figure_free (gpointer data)
{
  Figure *figure = data;

  for (guint i = 0; i < figure->n_diagrams; i++)
    g_clear_object (&figure->diagrams[i]);
  g_free (figure);
}

static void
figure_draw (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  Figure *figure = user_data;
  double cell = width / figure->n_diagrams;

  for (guint i = 0; i < figure->n_diagrams; i++)
    {
      double view_width, view_height, scale;

      fascia_diagram_get_size (figure->diagrams[i], &view_width, &view_height);
      scale = MIN (cell / view_width, height / figure->height[i]);

      cairo_save (cr);
      cairo_translate (cr, i * cell + (cell - view_width * scale) / 2, 0);
      cairo_rectangle (cr, 0, 0, view_width * scale, figure->height[i] * scale);
      cairo_clip (cr);
      /* Labels readable on paper: those that no longer find room are left out. */
      fascia_diagram_set_min_label_size (figure->diagrams[i], scale, FASCIA_HANDOUT_MIN_TEXT_PT);
      /* A failed render leaves the box empty; the text of the handout still stands. */
      fascia_diagram_render (figure->diagrams[i], cr, scale, 0, figure->top[i], NULL);
      cairo_restore (cr);
    }
}

/* The views leave room around the figure; the page has none to spare, so a figure is
 * cropped to the rows its regions cover (the labels sit beside them). */
static void
drawn_rows (FasciaDiagram *diagram,
            double        *top,
            double        *height)
{
  double view_width, view_height;
  double y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  fascia_diagram_get_size (diagram, &view_width, &view_height);
  for (guint i = 0; i < fascia_diagram_get_n_regions (diagram); i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);

      if (region->kind == FASCIA_REGION_REFERRAL_ZONE)
        continue;
      y0 = MIN (y0, region->y);
      y1 = MAX (y1, region->y + region->height);
    }

  if (y1 <= y0)
    {
      *top = 0;
      *height = view_height;
      return;
    }

  *top = MAX (0, y0 - 20);
  *height = MIN (view_height, y1 + 20) - *top;
}

static gboolean
view_shows (FasciaView *view,
            const char *muscle_id)
{
  return g_strv_contains (fascia_view_get_muscles (view), muscle_id);
}

/* Picks up to MAX_VIEWS views that together show the most target muscles. */
static GPtrArray *
choose_views (FasciaAtlas *atlas,
              GListModel  *targets)
{
  GListModel *views = fascia_atlas_get_views (atlas);
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_targets = g_list_model_get_n_items (targets);
  g_autofree gboolean *covered = g_new0 (gboolean, n_targets);

  while (chosen->len < MAX_VIEWS)
    {
      FasciaView *best = NULL;
      guint best_count = 0;

      for (guint v = 0; v < g_list_model_get_n_items (views); v++)
        {
          g_autoptr(FasciaView) view = g_list_model_get_item (views, v);
          guint count = 0;

          for (guint t = 0; t < n_targets; t++)
            {
              g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);

              if (!covered[t] && view_shows (view, fascia_plan_target_get_muscle_id (target)))
                count++;
            }

          if (count > best_count)
            {
              best = view;
              best_count = count;
            }
        }

      if (best == NULL)
        break;

      for (guint t = 0; t < n_targets; t++)
        {
          g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);

          if (view_shows (best, fascia_plan_target_get_muscle_id (target)))
            covered[t] = TRUE;
        }
      g_ptr_array_add (chosen, g_object_ref (best));
    }

  return chosen;
}

static void
light_target (FasciaDiagram    *diagram,
              FasciaPlanTarget *target)
{
  const char *muscle_id = fascia_plan_target_get_muscle_id (target);
  FasciaSide side = fascia_plan_target_get_side (target);
  g_autofree char *left = g_strdup_printf ("m-%s-l", muscle_id);
  g_autofree char *right = g_strdup_printf ("m-%s-r", muscle_id);
  g_autofree char *midline = g_strdup_printf ("m-%s", muscle_id);
  const char *ids[3] = { NULL, NULL, NULL };

  if (side == FASCIA_SIDE_LEFT)
    ids[0] = left;
  else if (side == FASCIA_SIDE_RIGHT)
    ids[0] = right;
  else
    {
      ids[0] = left;
      ids[1] = right;
      ids[2] = midline;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (ids[i] != NULL && fascia_diagram_lookup_region (diagram, ids[i]) != NULL)
      fascia_diagram_set_region_style (diagram, ids[i], FASCIA_REGION_STYLE_TARGET);
}

static gboolean
add_figure (FasciaHandout  *handout,
            FasciaAtlas    *atlas,
            GListModel     *targets,
            GError        **error)
{
  g_autoptr(GPtrArray) views = choose_views (atlas, targets);
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autofree char *caption = NULL;
  Figure *figure;
  double width = 0, height = 0;

  if (views->len == 0)
    return TRUE;

  figure = g_new0 (Figure, 1);
  for (guint v = 0; v < views->len; v++)
    {
      FasciaView *view = g_ptr_array_index (views, v);
      FasciaDiagram *diagram = fascia_diagram_new_for_view (atlas, fascia_view_get_id (view),
                                                            error);
      double w, h;

      if (diagram == NULL)
        {
          figure_free (figure);
          return FALSE;
        }

      for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
        {
          g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);

          light_target (diagram, target);
        }
      fascia_diagram_set_dim_unstyled (diagram, TRUE);

      fascia_diagram_get_size (diagram, &w, &h);
      drawn_rows (diagram, &figure->top[figure->n_diagrams], &figure->height[figure->n_diagrams]);
      width += w;
      height = MAX (height, figure->height[figure->n_diagrams]);
      figure->diagrams[figure->n_diagrams++] = diagram;

      if (titles->len > 0)
        g_string_append (titles, _(" and "));
      g_string_append (titles, fascia_view_get_title (view));
    }

  /* Translators: the caption under the handout's diagram; %s names the views, e.g.
   * "Front and Back, deep" */
  caption = g_strdup_printf (_("%s: the muscles we are working on are shown in green"),
                             titles->str);
  fascia_handout_add_figure (handout, height / width, 400.0, figure_draw, figure, figure_free,
                             caption);
  return TRUE;
}

static gboolean
has_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

static void
add_lines_as_bullets (FasciaHandout *handout,
                      const char    *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      /* People type their own bullets; the handout draws its own. */
      if (g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* "))
        line += 2;
      else if (g_str_has_prefix (line, "• "))
        line += strlen ("• ");
      if (*line != '\0')
        fascia_handout_add_bullet (handout, line);
    }
}

/* A day the database keeps as YYYY-MM-DD, as every date is shown and printed. */
static char *
format_date (const char *iso_date)
{
  if (iso_date == NULL || *iso_date == '\0')
    return NULL;

  return fascia_format_iso_date (iso_date);
}

static void
add_schedule (FasciaHandout *handout,
              FasciaPlan    *plan)
{
  guint per_week = fascia_plan_get_sessions_per_week (plan);
  guint weeks = fascia_plan_get_weeks (plan);
  g_autofree char *start = format_date (fascia_plan_get_start_date (plan));
  g_autofree char *sessions = NULL;
  g_autofree char *text = NULL;

  if (per_week == 0 || weeks == 0)
    return;

  /* Translators: the first half of "2 sessions a week for 6 weeks" */
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session a week",
                                           "%u sessions a week", per_week), per_week);
  if (start != NULL)
    /* Translators: "<2 sessions a week> for 6 weeks, starting 23 November 2026." */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s for %u week, starting %s.",
                                         "%s for %u weeks, starting %s.", weeks),
                            sessions, weeks, start);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s for %u week.",
                                         "%s for %u weeks.", weeks), sessions, weeks);

  fascia_handout_add_paragraph (handout, text);
}

static void
add_targets (FasciaHandout *handout,
             FasciaAtlas   *atlas,
             GListModel    *targets)
{
  guint n = g_list_model_get_n_items (targets);

  if (n == 0)
    return;

  fascia_handout_add_heading (handout, _("Where your pain comes from"));
  for (guint t = 0; t < n; t++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);
      FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas,
                                                         fascia_plan_target_get_muscle_id (target));
      g_autofree char *name = NULL;

      /* A muscle a later atlas no longer has is left out rather than printed as an id. */
      if (muscle == NULL)
        continue;

      name = fascia_muscle_get_display_name (muscle, fascia_plan_target_get_side (target));
      fascia_handout_add_subheading (handout, name);
      /* The target's own notes are the therapist's (pressure, approach) and stay off the
       * client's sheet; the explanation is written for the client. */
      fascia_handout_add_paragraph (handout, fascia_muscle_get_client_explanation (muscle));
    }
}

/* What the client's intake means for @technique, on the client's own sheet: the same
 * "Condition — level: what instead" lines the therapist saw when choosing it. */
static void
add_cautions (FasciaHandout    *handout,
              FasciaConditions  conditions,
              FasciaTechnique  *technique)
{
  g_autofree char *warning = fascia_intake_check_technique (conditions, technique);
  g_auto(GStrv) lines = NULL;

  if (warning == NULL)
    return;

  lines = g_strsplit (warning, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* Translators: before a caution on the handout, e.g. "Take care — Pregnancy — caution: …" */
      g_autofree char *line = g_strdup_printf (_("Take care — %s"), lines[i]);

      fascia_handout_add_paragraph (handout, line);
    }
}

static void
add_techniques (FasciaHandout    *handout,
                FasciaAtlas      *atlas,
                FasciaConditions  conditions,
                GListModel       *targets)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, t);
      const char * const *ids = fascia_plan_target_get_technique_ids (target);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          FasciaTechnique *technique = fascia_atlas_lookup_technique (atlas, ids[i]);
          g_autofree char *line = NULL;

          if (technique == NULL || g_ptr_array_find (seen, technique, NULL))
            continue;
          if (seen->len == 0)
            fascia_handout_add_heading (handout, _("What we do in your sessions"));
          g_ptr_array_add (seen, technique);

          /* Translators: a technique and what it is for, e.g. "Pin and stretch: …" */
          line = g_strdup_printf (_("%s: %s"), fascia_technique_get_name (technique),
                                  fascia_technique_get_purpose (technique));
          fascia_handout_add_bullet (handout, line);
          add_cautions (handout, conditions, technique);
        }
    }
}

static char *
exercise_dose (FasciaHomeExercise *exercise)
{
  guint sets = fascia_home_exercise_get_sets (exercise);
  guint reps = fascia_home_exercise_get_reps (exercise);
  const char *frequency = fascia_home_exercise_get_frequency (exercise);
  g_autofree char *amount = NULL;

  if (sets > 0 && reps > 0)
    /* Translators: "2 sets of 10" */
    amount = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u set of %u", "%u sets of %u",
                                           sets), sets, reps);
  else if (reps > 0)
    amount = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", reps), reps);
  else if (sets > 0)
    amount = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u set", "%u sets", sets), sets);

  if (amount != NULL && frequency != NULL && *frequency != '\0')
    return g_strdup_printf ("%s, %s", amount, frequency);
  if (amount != NULL)
    return g_steal_pointer (&amount);
  if (frequency != NULL && *frequency != '\0')
    return g_strdup (frequency);
  return NULL;
}

static void
add_exercises (FasciaHandout    *handout,
               FasciaAtlas      *atlas,
               FasciaConditions  conditions,
               GListModel       *exercises)
{
  gboolean any = FALSE;

  for (guint e = 0; e < g_list_model_get_n_items (exercises); e++)
    {
      g_autoptr(FasciaHomeExercise) exercise = g_list_model_get_item (exercises, e);
      FasciaTechnique *technique =
        fascia_atlas_lookup_technique (atlas, fascia_home_exercise_get_technique_id (exercise));
      const char * const *steps;
      const char *notes = fascia_home_exercise_get_notes (exercise);
      const char *home_care;
      g_autofree char *dose = NULL;
      g_autofree char *title = NULL;

      if (technique == NULL)
        continue;
      if (!any)
        fascia_handout_add_heading (handout, _("Your home exercises"));
      any = TRUE;

      dose = exercise_dose (exercise);
      /* Translators: an exercise and how much of it, e.g. "Glute bridge — 2 sets of 10, daily" */
      title = dose != NULL ? g_strdup_printf (_("%s — %s"), fascia_technique_get_name (technique),
                                              dose)
                           : g_strdup (fascia_technique_get_name (technique));
      fascia_handout_add_subheading (handout, title);
      add_cautions (handout, conditions, technique);

      steps = fascia_technique_get_steps (technique);
      for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
        fascia_handout_add_step (handout, i + 1, steps[i]);

      home_care = fascia_technique_get_home_care (technique);
      if (home_care != NULL && *home_care != '\0' && g_strcmp0 (home_care, "—") != 0)
        fascia_handout_add_paragraph (handout, home_care);
      /* The exercise's own steps may give other numbers ("Do 4–6 repetitions each side, 1–3
       * sets") than the therapist set for this client: theirs is the one to follow. */
      if (dose != NULL)
        {
          /* Translators: %s is how much of an exercise, e.g. "3 sets of 8, daily" */
          g_autofree char *amount = g_strdup_printf (_("Your therapist’s amount for you: %s. "
                                                       "Follow it rather than any other numbers "
                                                       "above."), dose);

          fascia_handout_add_paragraph (handout, amount);
        }
      if (notes != NULL && *notes != '\0')
        {
          /* Translators: %s is what the therapist wrote about an exercise */
          g_autofree char *note = g_strdup_printf (_("From your therapist: %s"), notes);

          fascia_handout_add_paragraph (handout, note);
        }
    }
}

static void
add_red_flags (FasciaHandout *handout)
{
  fascia_handout_add_heading (handout, _("When to stop and see a doctor"));
  fascia_handout_add_paragraph (handout,
                                _("Stop the exercises and get medical help if any of these "
                                  "happen:"));
  fascia_handout_add_bullet (handout,
                             _("Numbness between your legs or around your bottom, new trouble "
                               "passing urine, or losing control of your bladder or bowels: go "
                               "to an emergency department straight away."));
  fascia_handout_add_bullet (handout,
                             _("Weakness or numbness in one or both legs that is getting worse: "
                               "see a doctor the same day."));
  fascia_handout_add_bullet (handout,
                             _("Fever, feeling unwell, or weight loss you cannot explain "
                               "together with back pain."));
  fascia_handout_add_bullet (handout,
                             _("Pain that is constant, worse at night and not eased by rest or "
                               "changing position."));
  fascia_handout_add_bullet (handout,
                             _("Back pain after a fall or an accident, or a history of cancer "
                               "with new back pain."));
  fascia_handout_add_paragraph (handout,
                                _("Mild soreness for a day or two after treatment or new "
                                  "exercises is normal. Pain that is sharp, spreading or "
                                  "getting worse is not: stop and tell your therapist."));
}

/**
 * fascia_handout_new_for_plan:
 * @letterhead: (nullable): the clinic's name, the therapist and a contact line
 *
 * Returns: (transfer full): the handout of the plan, or %NULL with @error set when the plan
 *   or its client is gone or the store cannot be read
 */
FasciaHandout *
fascia_handout_new_for_plan (FasciaStore             *store,
                             FasciaAtlas             *atlas,
                             gint64                   plan_id,
                             const FasciaLetterhead  *letterhead,
                             GError                 **error)
{
  g_autoptr(FasciaPlan) plan = NULL;
  g_autoptr(FasciaClient) client = NULL;
  g_autoptr(GListModel) targets = NULL;
  g_autoptr(GListModel) exercises = NULL;
  g_autoptr(FasciaHandout) handout = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *today = NULL;
  g_autofree char *byline = NULL;
  const char *goals;
  FasciaConditions conditions;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (FASCIA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plan = fascia_store_get_plan (store, plan_id, error);
  if (plan == NULL)
    return NULL;
  client = fascia_store_get_client (store, fascia_plan_get_client_id (plan), error);
  if (client == NULL)
    return NULL;
  targets = fascia_store_list_plan_targets (store, plan_id, error);
  if (targets == NULL)
    return NULL;
  exercises = fascia_store_list_home_exercises (store, plan_id, error);
  if (exercises == NULL)
    return NULL;

  /* Translators: the handout's title; %s is the plan's title */
  title = g_strdup_printf (_("Your treatment plan: %s"), fascia_plan_get_title (plan));
  handout = fascia_handout_new (title);
  if (letterhead != NULL)
    fascia_handout_set_letterhead (handout, letterhead->clinic, letterhead->therapist,
                                   letterhead->contact);

  today = fascia_format_date (now);
  /* Translators: under the handout's title: the client's name and today's date */
  byline = g_strdup_printf (_("For %s · %s"), fascia_client_get_name (client), today);
  fascia_handout_set_byline (handout, byline);

  goals = fascia_plan_get_goals (plan);
  if (has_text (goals))
    {
      fascia_handout_add_heading (handout, _("Your goals"));
      add_lines_as_bullets (handout, goals);
    }
  add_schedule (handout, plan);

  if (!add_figure (handout, atlas, targets, error))
    return NULL;

  add_targets (handout, atlas, targets);
  conditions = fascia_intake_client_conditions (client);
  add_techniques (handout, atlas, conditions, targets);
  add_exercises (handout, atlas, conditions, exercises);
  add_red_flags (handout);

  return g_steal_pointer (&handout);
}
