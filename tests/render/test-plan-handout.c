/* test-plan-handout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "fascia/fascia-client.h"
#include "fascia/fascia-date.h"
#include "fascia/fascia-home-exercise.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia/fascia-plan-target.h"
#include "fascia/fascia-plan.h"
#include "fascia/fascia-technique.h"
#include "fascia-test-utils.h"

#define MARGIN 56.0

typedef struct
{
  char        *dir;
  char        *pdf;
  FasciaStore *store;
  FasciaAtlas *atlas;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;

  fixture->dir = fascia_test_make_tmpdir ();
  fixture->pdf = g_build_filename (fixture->dir, "handout.pdf", NULL);
  database = g_build_filename (fixture->dir, "clinic.db", NULL);
  fixture->store = fascia_store_open_full (database, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fixture->atlas = fascia_atlas_get_default (&error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->pdf);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* pdftotext -layout breaks lines where the page does; rejoin words for searching. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_auto(GStrv) words = g_strsplit_set (text, " \n\f", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (" ", (char **) kept->pdata);
}

static gint64
add_plan (Fixture    *fixture,
          const char *client_name,
          guint       n_targets,
          const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  GListModel *muscles = fascia_atlas_get_muscles (fixture->atlas);
  static const char * const exercises[] = { "glute-bridge", "clamshell", "dead-bug" };

  fascia_client_set_name (client, client_name);
  g_assert_true (fascia_store_add_client (fixture->store, client, &error));
  g_assert_no_error (error);

  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Low back and hip");
  fascia_plan_set_goals (plan, "Sit through a working day with pain below 3/10\n- Walk 5 km");
  fascia_plan_set_sessions_per_week (plan, 2);
  fascia_plan_set_weeks (plan, 6);
  fascia_plan_set_start_date (plan, "2026-03-09");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_targets; i++)
    {
      g_autoptr(FasciaMuscle) muscle = g_list_model_get_item (muscles,
                                                              (i / 2) % g_list_model_get_n_items (muscles));
      g_autoptr(FasciaPlanTarget) target = fascia_plan_target_new ();
      const char *techniques[] = { "trigger-point-therapy", NULL };

      fascia_plan_target_set_plan_id (target, fascia_plan_get_id (plan));
      fascia_plan_target_set_muscle_id (target, fascia_muscle_get_id (muscle));
      fascia_plan_target_set_side (target, i % 2 ? FASCIA_SIDE_RIGHT : FASCIA_SIDE_LEFT);
      if (g_strcmp0 (fascia_muscle_get_id (muscle), "psoas-major") != 0)
        fascia_plan_target_set_technique_ids (target, techniques);
      g_assert_true (fascia_store_add_plan_target (fixture->store, target, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (exercises); i++)
    {
      g_autoptr(FasciaHomeExercise) exercise = fascia_home_exercise_new ();

      fascia_home_exercise_set_plan_id (exercise, fascia_plan_get_id (plan));
      fascia_home_exercise_set_technique_id (exercise, exercises[i]);
      fascia_home_exercise_set_sets (exercise, 2);
      fascia_home_exercise_set_reps (exercise, 10);
      fascia_home_exercise_set_frequency (exercise, "every day");
      fascia_home_exercise_set_notes (exercise, note);
      g_assert_true (fascia_store_add_home_exercise (fixture->store, exercise, &error));
      g_assert_no_error (error);
    }

  return fascia_plan_get_id (plan);
}

static void
write_handout (Fixture     *fixture,
               gint64       plan_id,
               FasciaPaper  paper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaHandout) handout = NULL;
  FasciaLetterhead letterhead = { "Harbour Street Massage", "R. Example", "01234 567890" };

  handout = fascia_handout_new_for_plan (fixture->store, fixture->atlas, plan_id, &letterhead,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (fascia_handout_write_pdf (handout, fixture->pdf, paper, &error));
  g_assert_no_error (error);
}

static void
test_content (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 plan_id = add_plan (fixture, "Zoë O'Brien-Smith", 4, "Stop if it pinches.");
  g_autofree char *text = NULL;
  const char *info_argv[] = { "pdfinfo", fixture->pdf, NULL };
  g_autofree char *info = NULL;

  write_handout (fixture, plan_id, FASCIA_PAPER_A4);
  text = pdf_text (fixture->pdf);
  info = run_tool (info_argv);

  g_assert_nonnull (strstr (text, "Harbour Street Massage"));
  g_assert_nonnull (strstr (text, "Your treatment plan: Low back and hip"));
  g_assert_nonnull (strstr (text, "For Zoë O'Brien-Smith"));
  g_assert_nonnull (strstr (text, "Sit through a working day with pain below 3/10"));
  g_assert_nonnull (strstr (text, "2 sessions a week for 6 weeks"));
  /* Each target, by name and side, with its plain-language explanation. */
  g_assert_nonnull (strstr (text, "Psoas major, left side"));
  g_assert_nonnull (strstr (text, "Psoas major, right side"));
  g_assert_nonnull (strstr (text, "Psoas minor, left side"));
  g_assert_nonnull (strstr (text, "through your belly"));
  /* The techniques in short, and each exercise with its dose and numbered steps. */
  g_assert_nonnull (strstr (text, "Trigger point therapy"));
  g_assert_nonnull (strstr (text, "Glute bridge — 2 sets of 10, every day"));
  g_assert_nonnull (strstr (text, "Clamshell — 2 sets of 10, every day"));
  g_assert_nonnull (strstr (text, "Dead bug — 2 sets of 10, every day"));
  /* The therapist's amount and note are said to be theirs: the bird dog's own steps say
   * "Do 4–6 repetitions each side, 1–3 sets", beside a title of "3 sets of 8, daily". */
  g_assert_nonnull (strstr (text, "From your therapist: Stop if it pinches."));
  g_assert_nonnull (strstr (text, "Your therapist’s amount for you: 2 sets of 10, every day. "
                                  "Follow it rather than any other numbers above."));
  g_assert_nonnull (strstr (text, "When to stop and see a doctor"));
  g_assert_true (g_regex_match_simple ("^Title:\\s+Your treatment plan: Low back and hip$", info,
                                       G_REGEX_MULTILINE, 0));

  /* Every date is printed as the window shows it ("2 Dec 2026"), none other way. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = fascia_format_date (now);
    g_autofree char *byline = g_strdup_printf ("For Zoë O'Brien-Smith · %s", today);
    g_autofree char *wrong = fascia_test_find_misformatted_date (text, fascia_format_date);

    if (wrong != NULL)
      g_error ("the handout prints a date as “%s”, not as every date is shown", wrong);
    g_assert_nonnull (strstr (text, byline));
    g_assert_nonnull (strstr (text, "9 Mar 2026"));
  }
}

/* The diagram's labels can be read on paper: at least FASCIA_HANDOUT_MIN_TEXT_PT, as every
 * other word (they were 3.4 pt). */
static void
test_labels_readable (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 plan_id = add_plan (fixture, "Zoë O'Brien-Smith", 4, NULL);
  g_autofree char *word = NULL;
  double smallest;

  write_handout (fixture, plan_id, FASCIA_PAPER_A4);
  /* The caption ("… are shown in green") is set in 8.5 pt. */
  smallest = fascia_test_pdf_smallest_text (fixture->pdf, "in green", 8.5, &word);
  if (smallest < FASCIA_HANDOUT_MIN_TEXT_PT - 0.05)
    g_error ("“%s” is printed in %.1f pt, under %.1f pt", word, smallest,
             FASCIA_HANDOUT_MIN_TEXT_PT);
}

static void
test_long_plan_flows (Fixture       *fixture,
                      gconstpointer  data)
{
  GString *note = g_string_new (NULL);
  const char *bbox_argv[] = { "pdftotext", "-bbox", fixture->pdf, "-", NULL };
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  const char *p;
  guint words = 0;
  double width, height;
  gint64 plan_id;

  while (note->len < 20000)
    g_string_append (note, "Keep the movement slow and pain-free, breathe out as you lift. ");
  plan_id = add_plan (fixture, "A client with a long plan", 30, note->str);
  g_string_free (note, TRUE);

  write_handout (fixture, plan_id, FASCIA_PAPER_LETTER);
  fascia_paper_get_size (FASCIA_PAPER_LETTER, &width, &height);

  html = run_tool (bbox_argv);
  g_assert_nonnull (strstr (html, "<page width=\"612.000000\" height=\"792.000000\">"));
  for (p = html; (p = strstr (p, "<word ")) != NULL; p++)
    {
      double x_min, y_min, x_max, y_max;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x_min, &y_min, &x_max, &y_max), ==, 4);
      g_assert_cmpfloat (x_min, >=, MARGIN - 1.0);
      g_assert_cmpfloat (x_max, <=, width - MARGIN + 1.0);
      g_assert_cmpfloat (y_min, >=, MARGIN - 1.0);
      g_assert_cmpfloat (y_max, <=, height - MARGIN + 1.0);
      words++;
    }
  g_assert_cmpuint (words, >, 10000);

  /* The last target (add_plan()'s 30th: the 15th muscle of the atlas, right side) and the
   * last exercise made it, after many pages. */
  text = pdf_text (fixture->pdf);
  {
    g_autoptr(FasciaMuscle) last = g_list_model_get_item (fascia_atlas_get_muscles (fixture->atlas),
                                                          14);
    g_autofree char *line = g_strdup_printf ("%s, right side", fascia_muscle_get_name (last));

    g_assert_nonnull (strstr (text, line));
  }
  g_assert_nonnull (strstr (text, "Dead bug — 2 sets of 10"));
  g_assert_nonnull (strstr (text, "Page 8 of"));
}

static void
test_missing_plan (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaHandout) handout = NULL;

  handout = fascia_handout_new_for_plan (fixture->store, fixture->atlas, 4242, NULL, &error);
  g_assert_null (handout);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fascia/render/plan-handout/content", Fixture, NULL,
              fixture_set_up, test_content, fixture_tear_down);
  g_test_add ("/fascia/render/plan-handout/labels-readable", Fixture, NULL,
              fixture_set_up, test_labels_readable, fixture_tear_down);
  g_test_add ("/fascia/render/plan-handout/long-plan-flows", Fixture, NULL,
              fixture_set_up, test_long_plan_flows, fixture_tear_down);
  g_test_add ("/fascia/render/plan-handout/missing-plan", Fixture, NULL,
              fixture_set_up, test_missing_plan, fixture_tear_down);

  return g_test_run ();
}
