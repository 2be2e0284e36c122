/* test-store-plans.c — plans, plan targets and home exercises.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia-paged-list.h"
#include "store-fixture.h"

static FasciaPlan *
add_plan (StoreFixture *fixture,
          gint64        client_id,
          const char   *title)
{
  g_autoptr(GError) error = NULL;
  FasciaPlan *plan = fascia_plan_new ();

  fascia_plan_set_client_id (plan, client_id);
  fascia_plan_set_title (plan, title);
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  return plan;
}

static FasciaPlanTarget *
add_target (StoreFixture *fixture,
            gint64        plan_id,
            const char   *muscle_id,
            FasciaSide    side)
{
  g_autoptr(GError) error = NULL;
  FasciaPlanTarget *target = fascia_plan_target_new ();

  fascia_plan_target_set_plan_id (target, plan_id);
  fascia_plan_target_set_muscle_id (target, muscle_id);
  fascia_plan_target_set_side (target, side);
  g_assert_true (fascia_store_add_plan_target (fixture->store, target, &error));
  g_assert_no_error (error);
  return target;
}

static void
test_plans (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Tobias Snodgrass");
  g_autoptr(FasciaClient) other = fixture_add_client (fixture, "Other Client");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlan) read = NULL;
  g_autoptr(FasciaPlan) older = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(FasciaPlan) first = NULL;

  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Desk-worker low back");
  fascia_plan_set_goals (plan, "Sit 60 min without pain\nPain ≤ 2/10 on waking");
  fascia_plan_set_sessions_per_week (plan, 2);
  fascia_plan_set_weeks (plan, 6);
  fascia_plan_set_status (plan, FASCIA_PLAN_STATUS_ACTIVE);
  fascia_plan_set_start_date (plan, "2024-03-04");
  fascia_plan_set_end_date (plan, "2024-04-15");
  fascia_plan_set_discharge_criteria (plan, "Two weeks pain-free at work");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  store_fixture_reopen (fixture);
  read = fascia_store_get_plan (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_plan_get_client_id (read), ==, fascia_client_get_id (client));
  g_assert_cmpstr (fascia_plan_get_title (read), ==, "Desk-worker low back");
  g_assert_cmpstr (fascia_plan_get_goals (read), ==, "Sit 60 min without pain\nPain ≤ 2/10 on waking");
  g_assert_cmpuint (fascia_plan_get_sessions_per_week (read), ==, 2);
  g_assert_cmpuint (fascia_plan_get_weeks (read), ==, 6);
  g_assert_cmpint (fascia_plan_get_status (read), ==, FASCIA_PLAN_STATUS_ACTIVE);
  g_assert_cmpstr (fascia_plan_get_start_date (read), ==, "2024-03-04");
  g_assert_cmpstr (fascia_plan_get_end_date (read), ==, "2024-04-15");
  g_assert_cmpstr (fascia_plan_get_discharge_criteria (read), ==, "Two weeks pain-free at work");

  fascia_plan_set_status (read, FASCIA_PLAN_STATUS_COMPLETED);
  g_assert_true (fascia_store_update_plan (fixture->store, read, &error));
  g_assert_no_error (error);

  older = add_plan (fixture, fascia_client_get_id (client), "Earlier plan");
  fascia_plan_set_start_date (older, "2023-01-01");
  g_assert_true (fascia_store_update_plan (fixture->store, older, &error));

  plans = fascia_store_list_plans (fixture->store, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  first = g_list_model_get_item (plans, 0);
  g_assert_cmpint (fascia_plan_get_status (first), ==, FASCIA_PLAN_STATUS_COMPLETED);
  g_clear_object (&plans);

  plans = fascia_store_list_plans (fixture->store, fascia_client_get_id (other), &error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_clear_object (&plans);

  /* Out of range, inconsistent dates, a client that does not exist. */
  fascia_plan_set_sessions_per_week (read, 15);
  g_assert_false (fascia_store_update_plan (fixture->store, read, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fascia_plan_set_sessions_per_week (read, 2);
  fascia_plan_set_end_date (read, "2024-01-01");
  g_assert_false (fascia_store_update_plan (fixture->store, read, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(FasciaPlan) orphan = fascia_plan_new ();

    fascia_plan_set_client_id (orphan, 4242);
    g_assert_false (fascia_store_add_plan (fixture->store, orphan, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Soft delete and undo. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLANS,
                                      fascia_plan_get_id (older), &error));
  plans = fascia_store_list_plans (fixture->store, fascia_client_get_id (client), &error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_clear_object (&plans);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_PLANS,
                                        fascia_plan_get_id (older), &error));
  plans = fascia_store_list_plans (fixture->store, fascia_client_get_id (client), &error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
}

/* A client's plans are read a page at a time, newest first (by start date, a plan without
 * one first), as the visits are. */
static void
test_plans_paged (StoreFixture  *fixture,
                  gconstpointer  data)
{
  const guint n = FASCIA_PAGED_LIST_PAGE_SIZE + 6;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Philippa Manyplans");
  g_autoptr(GListModel) plans = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPlan) plan = fascia_plan_new ();
      g_autofree char *title = g_strdup_printf ("Plan %u", i);
      g_autofree char *start = g_strdup_printf ("2024-%02u-%02u", 1 + i / 28, 1 + i % 28);

      fascia_plan_set_client_id (plan, fascia_client_get_id (client));
      fascia_plan_set_title (plan, title);
      if (i != 5)
        fascia_plan_set_start_date (plan, start);
      g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));
      g_assert_no_error (error);
    }

  plans = fascia_store_list_plans (fixture->store, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_true (FASCIA_IS_PAGED_LIST (plans));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, n);
  /* The count and the first page, one query. */
  g_assert_cmpuint (fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (plans)), ==, 1);

  {
    g_autoptr(FasciaPlan) first = g_list_model_get_item (plans, 0);

    g_assert_cmpstr (fascia_plan_get_title (first), ==, "Plan 5");
    g_assert_cmpuint (fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (plans)), ==, 1);
  }
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(FasciaPlan) plan = g_list_model_get_item (plans, i);
      guint made = n - i - (n - i <= 5 ? 1 : 0);
      g_autofree char *title = g_strdup_printf ("Plan %u", made);

      g_assert_cmpstr (fascia_plan_get_title (plan), ==, title);
    }
  g_assert_cmpuint (fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (plans)), ==, 2);
}

static void
test_targets (StoreFixture  *fixture,
              gconstpointer  data)
{
  static const char *techniques[] = { "pin-and-stretch", "psoas-release", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Wilberforce Pumpernickel");
  g_autoptr(FasciaPlan) plan = add_plan (fixture, fascia_client_get_id (client), "Hip flexors");
  g_autoptr(FasciaPlanTarget) psoas = NULL;
  g_autoptr(FasciaPlanTarget) ql = NULL;
  g_autoptr(FasciaPlanTarget) glute = NULL;
  g_autoptr(FasciaPlanTarget) read = NULL;
  g_autoptr(GListModel) targets = NULL;
  gint64 order[3];

  psoas = add_target (fixture, fascia_plan_get_id (plan), "psoas-major", FASCIA_SIDE_RIGHT);
  ql = add_target (fixture, fascia_plan_get_id (plan), "quadratus-lumborum", FASCIA_SIDE_BOTH);
  glute = add_target (fixture, fascia_plan_get_id (plan), "gluteus-medius", FASCIA_SIDE_LEFT);
  g_assert_cmpuint (fascia_plan_target_get_position (psoas), ==, 0);
  g_assert_cmpuint (fascia_plan_target_get_position (glute), ==, 2);

  fascia_plan_target_set_technique_ids (psoas, techniques);
  fascia_plan_target_set_pressure (psoas, FASCIA_PRESSURE_MODERATE);
  fascia_plan_target_set_duration_minutes (psoas, 8);
  fascia_plan_target_set_notes (psoas, "Client supine, knees bent; go slow near the aorta");
  g_assert_true (fascia_store_update_plan_target (fixture->store, psoas, &error));
  g_assert_no_error (error);

  read = fascia_store_get_plan_target (fixture->store, fascia_plan_target_get_id (psoas), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_plan_target_get_muscle_id (read), ==, "psoas-major");
  g_assert_cmpint (fascia_plan_target_get_side (read), ==, FASCIA_SIDE_RIGHT);
  g_assert_true (g_strv_equal (fascia_plan_target_get_technique_ids (read), techniques));
  g_assert_cmpint (fascia_plan_target_get_pressure (read), ==, FASCIA_PRESSURE_MODERATE);
  g_assert_cmpuint (fascia_plan_target_get_duration_minutes (read), ==, 8);
  g_assert_cmpstr (fascia_plan_target_get_notes (read), ==,
                   "Client supine, knees bent; go slow near the aorta");

  /* Reorder: glute, psoas, ql. */
  order[0] = fascia_plan_target_get_id (glute);
  order[1] = fascia_plan_target_get_id (psoas);
  order[2] = fascia_plan_target_get_id (ql);
  g_assert_true (fascia_store_reorder_plan_targets (fixture->store, fascia_plan_get_id (plan),
                                                    order, 3, &error));
  g_assert_no_error (error);
  targets = fascia_store_list_plan_targets (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FasciaPlanTarget) t = g_list_model_get_item (targets, i);

      g_assert_cmpint (fascia_plan_target_get_id (t), ==, order[i]);
    }
  g_clear_object (&targets);

  /* A target of another plan cannot be moved in: nothing moves. */
  {
    g_autoptr(FasciaPlan) other = add_plan (fixture, fascia_client_get_id (client), "Other");
    g_autoptr(FasciaPlanTarget) foreign = add_target (fixture, fascia_plan_get_id (other),
                                                      "piriformis", FASCIA_SIDE_RIGHT);
    gint64 bad[2] = { fascia_plan_target_get_id (ql), fascia_plan_target_get_id (foreign) };

    g_assert_false (fascia_store_reorder_plan_targets (fixture->store, fascia_plan_get_id (plan),
                                                       bad, 2, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_object (&read);
    read = fascia_store_get_plan_target (fixture->store, fascia_plan_target_get_id (ql), &error);
    g_assert_cmpuint (fascia_plan_target_get_position (read), ==, 2);
  }

  /* Unknown atlas ids, bad slugs, out of range. */
  {
    static const char *unknown_technique[] = { "pin-and-stretch", "reiki-vibes", NULL };
    g_autoptr(FasciaPlanTarget) bad = fascia_plan_target_new ();

    fascia_plan_target_set_plan_id (bad, fascia_plan_get_id (plan));
    fascia_plan_target_set_muscle_id (bad, "biceps-brachii");
    g_assert_false (fascia_store_add_plan_target (fixture->store, bad, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    fascia_plan_target_set_muscle_id (bad, "Psoas Major'; --");
    g_assert_false (fascia_store_add_plan_target (fixture->store, bad, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    fascia_plan_target_set_muscle_id (bad, "iliacus");
    fascia_plan_target_set_technique_ids (bad, unknown_technique);
    g_assert_false (fascia_store_add_plan_target (fixture->store, bad, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    fascia_plan_target_set_technique_ids (bad, NULL);
    fascia_plan_target_set_duration_minutes (bad, 241);
    g_assert_false (fascia_store_add_plan_target (fixture->store, bad, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Without a validator, any well-formed slug is taken. */
  fascia_store_set_id_validator (fixture->store, NULL, NULL, NULL);
  g_clear_object (&psoas);
  psoas = add_target (fixture, fascia_plan_get_id (plan), "biceps-brachii", FASCIA_SIDE_NONE);

  /* Soft delete and undo. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                                      fascia_plan_target_get_id (ql), &error));
  targets = fascia_store_list_plan_targets (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 3);
  g_clear_object (&targets);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                                        fascia_plan_target_get_id (ql), &error));
  targets = fascia_store_list_plan_targets (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 4);
}

static void
test_home_exercises (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Philippa Gobstopper");
  g_autoptr(FasciaPlan) plan = add_plan (fixture, fascia_client_get_id (client), "Glutes");
  g_autoptr(FasciaHomeExercise) bridge = fascia_home_exercise_new ();
  g_autoptr(FasciaHomeExercise) clam = fascia_home_exercise_new ();
  g_autoptr(FasciaHomeExercise) read = NULL;
  g_autoptr(GListModel) list = NULL;

  fascia_home_exercise_set_plan_id (bridge, fascia_plan_get_id (plan));
  fascia_home_exercise_set_technique_id (bridge, "glute-bridge");
  fascia_home_exercise_set_sets (bridge, 3);
  fascia_home_exercise_set_reps (bridge, 12);
  fascia_home_exercise_set_frequency (bridge, "daily");
  fascia_home_exercise_set_notes (bridge, "Squeeze at the top for 2 s");
  g_assert_true (fascia_store_add_home_exercise (fixture->store, bridge, &error));
  g_assert_no_error (error);

  fascia_home_exercise_set_plan_id (clam, fascia_plan_get_id (plan));
  fascia_home_exercise_set_technique_id (clam, "clamshell");
  fascia_home_exercise_set_sets (clam, 2);
  fascia_home_exercise_set_reps (clam, 15);
  fascia_home_exercise_set_frequency (clam, "3× a week");
  g_assert_true (fascia_store_add_home_exercise (fixture->store, clam, &error));
  g_assert_cmpuint (fascia_home_exercise_get_position (clam), ==, 1);

  fascia_home_exercise_set_reps (bridge, 15);
  g_assert_true (fascia_store_update_home_exercise (fixture->store, bridge, &error));
  read = fascia_store_get_home_exercise (fixture->store, fascia_home_exercise_get_id (bridge),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_home_exercise_get_technique_id (read), ==, "glute-bridge");
  g_assert_cmpuint (fascia_home_exercise_get_sets (read), ==, 3);
  g_assert_cmpuint (fascia_home_exercise_get_reps (read), ==, 15);
  g_assert_cmpstr (fascia_home_exercise_get_frequency (read), ==, "daily");
  g_assert_cmpstr (fascia_home_exercise_get_notes (read), ==, "Squeeze at the top for 2 s");

  list = fascia_store_list_home_exercises (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);

  fascia_home_exercise_set_sets (clam, 21);
  g_assert_false (fascia_store_update_home_exercise (fixture->store, clam, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fascia_home_exercise_set_sets (clam, 2);
  fascia_home_exercise_set_technique_id (clam, "levitation");
  g_assert_false (fascia_store_update_home_exercise (fixture->store, clam, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_HOME_EXERCISES,
                                      fascia_home_exercise_get_id (clam), &error));
  list = fascia_store_list_home_exercises (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_HOME_EXERCISES,
                                        fascia_home_exercise_get_id (clam), &error));
  list = fascia_store_list_home_exercises (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
}

/* Deleting a client hides its plans with it; undoing brings all back. */
static void
test_delete_client_hides_plans (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Hyacinth Bucketworth");
  g_autoptr(FasciaPlan) plan = add_plan (fixture, fascia_client_get_id (client), "Plan");
  g_autoptr(FasciaPlan) read = NULL;

  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                      fascia_client_get_id (client), &error));
  /* A new plan for a deleted client is refused. */
  {
    g_autoptr(FasciaPlan) late = fascia_plan_new ();

    fascia_plan_set_client_id (late, fascia_client_get_id (client));
    g_assert_false (fascia_store_add_plan (fixture->store, late, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_CLIENTS,
                                        fascia_client_get_id (client), &error));
  read = fascia_store_get_plan (fixture->store, fascia_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_plan_get_title (read), ==, "Plan");
}

/* Who saved the plan, or the client, that my save found changed: the conflict says so on
 * both engines — the server's login, a file's computer user — as it does for visits. */
static void
test_conflict_names_who (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Perpetua Quill");
  g_autoptr(FasciaPlan) plan = add_plan (fixture, fascia_client_get_id (client), "Neck");
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaPlan) mine = NULL;
  g_autoptr(FasciaPlan) their_editor = NULL;
  g_autoptr(FasciaPlan) theirs = NULL;
  g_autoptr(FasciaClient) my_client = NULL;
  g_autoptr(FasciaClient) their_client = NULL;
  g_autoptr(FasciaClient) theirs_read = NULL;
  const char *who = fascia_store_is_server_database (fixture->path) ? "fascia"
                                                                     : g_get_user_name ();
  g_autofree char *said = NULL;

  other = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  said = g_strdup_printf ("changed by %s at", who);

  /* A plan: they save first, mine is refused, theirs comes back with who saved it. */
  mine = fascia_store_get_plan (fixture->store, fascia_plan_get_id (plan), &error);
  their_editor = fascia_store_get_plan (other, fascia_plan_get_id (plan), &error);
  g_assert_no_error (error);
  fascia_plan_set_goals (their_editor, "Turn the head to reverse the car");
  g_assert_true (fascia_store_update_plan (other, their_editor, &error));
  g_assert_no_error (error);
  fascia_plan_set_title (mine, "Neck and shoulders");
  g_assert_false (fascia_store_update_plan_full (fixture->store, mine, &theirs, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, said));
  g_clear_error (&error);
  g_assert_nonnull (theirs);
  g_assert_cmpstr (fascia_plan_get_goals (theirs), ==, "Turn the head to reverse the car");
  g_assert_cmpstr (fascia_plan_get_updated_by (theirs), ==, who);
  g_assert_nonnull (fascia_plan_get_updated_at (theirs));

  /* A client alike. */
  my_client = fascia_store_get_client (fixture->store, fascia_client_get_id (client), &error);
  their_client = fascia_store_get_client (other, fascia_client_get_id (client), &error);
  g_assert_no_error (error);
  fascia_client_set_phone (their_client, "555 0100");
  g_assert_true (fascia_store_update_client (other, their_client, &error));
  g_assert_no_error (error);
  fascia_client_set_name (my_client, "Perpetua Q. Quill");
  g_assert_false (fascia_store_update_client_full (fixture->store, my_client, &theirs_read,
                                                   &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, said));
  g_clear_error (&error);
  g_assert_nonnull (theirs_read);
  g_assert_cmpstr (fascia_client_get_updated_by (theirs_read), ==, who);

  g_clear_object (&other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST ("/fascia/core/store/plans/crud", test_plans);
  STORE_TEST ("/fascia/core/store/plans/paged", test_plans_paged);
  STORE_TEST ("/fascia/core/store/plans/targets", test_targets);
  STORE_TEST ("/fascia/core/store/plans/home-exercises", test_home_exercises);
  STORE_TEST ("/fascia/core/store/plans/delete-client", test_delete_client_hides_plans);
  STORE_TEST ("/fascia/core/store/plans/conflict-names-who", test_conflict_names_who);

  return g_test_run ();
}
