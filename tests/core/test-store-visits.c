/* test-store-visits.c — visits, locking and amendments, repeat last visit, body-chart marks,
 * findings and study results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "fascia/fascia-view-drawing.h"

#include "fascia-store-private.h"
#include "store-fixture.h"

typedef struct
{
  gint64 client_id;
  gint64 plan_id;
  gint64 target_ids[3];
} Case;

/* A client with a plan of three targets. */
static void
make_case (StoreFixture *fixture,
           Case         *c)
{
  static const char *muscles[] = { "psoas-major", "quadratus-lumborum", "piriformis" };
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Ebenezer Wimbleton");
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();

  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Low back and hip");
  g_assert_true (fascia_store_add_plan (fixture->store, plan, &error));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FasciaPlanTarget) target = fascia_plan_target_new ();

      fascia_plan_target_set_plan_id (target, fascia_plan_get_id (plan));
      fascia_plan_target_set_muscle_id (target, muscles[i]);
      fascia_plan_target_set_side (target, FASCIA_SIDE_RIGHT);
      g_assert_true (fascia_store_add_plan_target (fixture->store, target, &error));
      g_assert_no_error (error);
      c->target_ids[i] = fascia_plan_target_get_id (target);
    }

  c->client_id = fascia_client_get_id (client);
  c->plan_id = fascia_plan_get_id (plan);
}

static FasciaVisit *
add_visit (StoreFixture *fixture,
           const Case   *c,
           GDateTime    *when)
{
  g_autoptr(GError) error = NULL;
  FasciaVisit *visit = fascia_visit_new ();

  fascia_visit_set_client_id (visit, c->client_id);
  fascia_visit_set_plan_id (visit, c->plan_id);
  fascia_visit_set_visited_at (visit, when);
  fascia_visit_set_subjective (visit, "Stiff after a long drive; 6/10 getting out of the car");
  fascia_visit_set_objective (visit, "R hip flexion tight; QL tender at L3 TP");
  fascia_visit_set_assessment (visit, "Tight right psoas and QL");
  fascia_visit_set_plan_notes (visit, "Release psoas, QL side-lying; bridge at home");
  fascia_visit_set_pain_before (visit, 6);
  fascia_visit_set_pain_after (visit, 3);
  fascia_visit_set_treated_target_ids (visit, c->target_ids, 2);
  g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  return visit;
}

static void
test_visits (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) last_week = g_date_time_add_days (now, -7);
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(FasciaVisit) older = NULL;
  g_autoptr(FasciaVisit) read = NULL;
  g_autoptr(GListModel) visits = NULL;
  g_autoptr(FasciaVisit) newest = NULL;
  const gint64 *ids;
  gsize n_ids;
  Case c;

  make_case (fixture, &c);
  visit = add_visit (fixture, &c, now);
  older = add_visit (fixture, &c, last_week);

  store_fixture_reopen (fixture);
  read = fascia_store_get_visit (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_visit_get_client_id (read), ==, c.client_id);
  g_assert_cmpint (fascia_visit_get_plan_id (read), ==, c.plan_id);
  g_assert_true (g_date_time_equal (fascia_visit_get_visited_at (read), now));
  g_assert_cmpstr (fascia_visit_get_subjective (read), ==,
                   "Stiff after a long drive; 6/10 getting out of the car");
  g_assert_cmpstr (fascia_visit_get_field (read, FASCIA_VISIT_FIELD_PLAN_NOTES), ==,
                   "Release psoas, QL side-lying; bridge at home");
  g_assert_cmpint (fascia_visit_get_pain_before (read), ==, 6);
  g_assert_cmpint (fascia_visit_get_pain_after (read), ==, 3);
  ids = fascia_visit_get_treated_target_ids (read, &n_ids);
  g_assert_cmpmem (ids, n_ids * sizeof (gint64), c.target_ids, 2 * sizeof (gint64));
  g_assert_false (fascia_visit_is_locked (read, NULL));

  /* Newest first. */
  visits = fascia_store_list_visits (fixture->store, c.client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 2);
  newest = g_list_model_get_item (visits, 0);
  g_assert_cmpint (fascia_visit_get_id (newest), ==, fascia_visit_get_id (visit));
  g_clear_object (&visits);

  /* Unset pain, a different set of targets. */
  fascia_visit_set_pain_after (read, -1);
  fascia_visit_set_treated_target_ids (read, c.target_ids + 2, 1);
  g_assert_true (fascia_store_update_visit (fixture->store, read, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = fascia_store_get_visit (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_cmpint (fascia_visit_get_pain_after (read), ==, -1);
  ids = fascia_visit_get_treated_target_ids (read, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, c.target_ids[2]);

  /* Out of range pain: refused, and the saved visit is unchanged. */
  fascia_visit_set_pain_before (read, 11);
  g_assert_false (fascia_store_update_visit (fixture->store, read, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fascia_visit_set_pain_before (read, -2);
  g_assert_false (fascia_store_update_visit (fixture->store, read, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&read);
  read = fascia_store_get_visit (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_cmpint (fascia_visit_get_pain_before (read), ==, 6);

  /* A target or a plan of another client. */
  {
    Case other;
    g_autoptr(FasciaVisit) bad = fascia_visit_new ();

    make_case (fixture, &other);
    fascia_visit_set_client_id (bad, c.client_id);
    fascia_visit_set_treated_target_ids (bad, other.target_ids, 1);
    g_assert_false (fascia_store_add_visit (fixture->store, bad, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    fascia_visit_set_treated_target_ids (bad, NULL, 0);
    fascia_visit_set_plan_id (bad, other.plan_id);
    g_assert_false (fascia_store_add_visit (fixture->store, bad, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (fascia_visit_get_id (bad), ==, 0);
  }

  /* Soft delete and undo. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_VISITS,
                                      fascia_visit_get_id (older), &error));
  visits = fascia_store_list_visits (fixture->store, c.client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 1);
  g_clear_object (&visits);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_VISITS,
                                        fascia_visit_get_id (older), &error));
  visits = fascia_store_list_visits (fixture->store, c.client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), ==, 2);
}

static FasciaAmendment *
amendment_at (GListModel *list,
              guint       i)
{
  return g_list_model_get_item (list, i);
}

/* A client's visits are read a page at a time (64) in a file; on a clinic server, where
 * each query is a round trip, a client of up to FASCIA_PAGED_LIST_WHOLE_UP_TO visits has them
 * all read by the query that counts them, and a longer list is paged as in a file. Either
 * way each visit is there once, newest first. */
static void
test_visits_paged (StoreFixture  *fixture,
                   gconstpointer  data)
{
  const guint sizes[] = { 150, FASCIA_PAGED_LIST_WHOLE_UP_TO + 1 };
  gboolean server = fascia_db_get_engine (fascia_store_get_db (fixture->store)) ==
                    FASCIA_DB_ENGINE_POSTGRESQL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FasciaClient) client = fixture_add_client (fixture, "Philomena Regular");
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GListModel) visits = NULL;
      guint n = sizes[s], pages = (n + FASCIA_PAGED_LIST_PAGE_SIZE - 1) / FASCIA_PAGED_LIST_PAGE_SIZE;

      g_assert_true (fascia_store_begin_batch (fixture->store, &error));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FasciaVisit) visit = fascia_visit_new ();
          g_autoptr(GDateTime) when = g_date_time_add_days (now, -(int) i);
          gint64 id;

          fascia_visit_set_client_id (visit, fascia_client_get_id (client));
          fascia_visit_set_visited_at (visit, when);
          g_assert_true (fascia_store_add_visit (fixture->store, visit, &error));
          id = fascia_visit_get_id (visit);
          g_array_append_val (ids, id);
        }
      g_assert_true (fascia_store_end_batch (fixture->store, TRUE, &error));
      g_assert_no_error (error);

      visits = fascia_store_list_visits (fixture->store, fascia_client_get_id (client), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (visits), ==, n);
      g_assert_cmpuint (fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (visits)), ==, 1);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, i);

          g_assert_cmpint (fascia_visit_get_id (visit), ==, g_array_index (ids, gint64, i));
        }
      g_assert_cmpuint (fascia_paged_list_get_n_fetches (FASCIA_PAGED_LIST (visits)), ==,
                        server && n <= FASCIA_PAGED_LIST_WHOLE_UP_TO ? 1 : pages);
    }
}

/* The progress chart's scores: three columns of the latest visits, oldest first, none of a
 * deleted visit, a score not asked -1, and no more visits than asked for. */
static void
test_visit_scores (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 3, 1, 10, 0, 0);
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GArray) latest = NULL;
  gint64 deleted_id = 0;
  Case c;

  make_case (fixture, &c);
  for (int day = 0; day < 6; day++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (start, day * 7);
      g_autoptr(FasciaVisit) visit = add_visit (fixture, &c, when);

      fascia_visit_set_pain_before (visit, 8 - day);
      fascia_visit_set_pain_after (visit, day == 2 ? -1 : 6 - day);
      g_assert_true (fascia_store_update_visit (fixture->store, visit, &error));
      g_assert_no_error (error);
      if (day == 4)
        deleted_id = fascia_visit_get_id (visit);
    }
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_VISITS, deleted_id,
                                      &error));
  g_assert_no_error (error);

  scores = fascia_store_list_visit_scores (fixture->store, c.client_id,
                                           FASCIA_STORE_MAX_VISIT_SCORES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, 5);
  for (guint i = 0; i < scores->len; i++)
    {
      const FasciaVisitScores *s = &g_array_index (scores, FasciaVisitScores, i);
      int day = i < 4 ? (int) i : 5;
      g_autoptr(GDateTime) when = g_date_time_add_days (start, day * 7);

      g_assert_cmpint (s->visited_at, ==, g_date_time_to_unix (when) * G_USEC_PER_SEC);
      g_assert_cmpint (s->pain_before, ==, 8 - day);
      g_assert_cmpint (s->pain_after, ==, day == 2 ? -1 : 6 - day);
    }

  /* The latest two only, still oldest first. */
  latest = fascia_store_list_visit_scores (fixture->store, c.client_id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, 2);
  g_assert_cmpint (g_array_index (latest, FasciaVisitScores, 0).pain_before, ==, 8 - 3);
  g_assert_cmpint (g_array_index (latest, FasciaVisitScores, 1).pain_before, ==, 8 - 5);
}

static void
test_amendments (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) hours_ago = g_date_time_add_hours (now, -23);
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autoptr(FasciaVisit) fresh = NULL;
  g_autoptr(FasciaVisit) locked = NULL;
  g_autoptr(FasciaVisit) read = NULL;
  g_autoptr(GListModel) amendments = NULL;
  FasciaDb *db = fascia_store_get_db (fixture->store);
  const char *original = "Release psoas, QL side-lying; bridge at home";
  Case c;

  make_case (fixture, &c);
  fresh = add_visit (fixture, &c, hours_ago);
  locked = add_visit (fixture, &c, two_days_ago);
  g_assert_false (fascia_visit_is_locked (fresh, now));
  g_assert_true (fascia_visit_is_locked (locked, now));

  /* Within a day of the visit, notes change freely. */
  g_assert_true (fascia_store_update_visit_field (fixture->store, fascia_visit_get_id (fresh),
                                                  FASCIA_VISIT_FIELD_ASSESSMENT, "Better", &error));
  g_assert_no_error (error);
  amendments = fascia_store_list_amendments (fixture->store, fascia_visit_get_id (fresh), &error);
  g_assert_cmpuint (g_list_model_get_n_items (amendments), ==, 0);
  g_clear_object (&amendments);

  /* After that, the change is saved and the original kept, with the time. Typing on (several
   * saves a few seconds apart) makes one amendment, whose old text is still the original. */
  g_assert_true (fascia_store_update_visit_field (fixture->store, fascia_visit_get_id (locked),
                                                  FASCIA_VISIT_FIELD_PLAN_NOTES, "Rel", &error));
  g_assert_true (fascia_store_update_visit_field (fixture->store, fascia_visit_get_id (locked),
                                                  FASCIA_VISIT_FIELD_PLAN_NOTES,
                                                  "Release psoas only; QL was fine", &error));
  g_assert_no_error (error);
  read = fascia_store_get_visit (fixture->store, fascia_visit_get_id (locked), &error);
  g_assert_cmpstr (fascia_visit_get_plan_notes (read), ==, "Release psoas only; QL was fine");

  amendments = fascia_store_list_amendments (fixture->store, fascia_visit_get_id (locked), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (amendments), ==, 1);
  {
    g_autoptr(FasciaAmendment) a = amendment_at (amendments, 0);

    g_assert_cmpint (fascia_amendment_get_visit_id (a), ==, fascia_visit_get_id (locked));
    g_assert_cmpstr (fascia_amendment_get_field (a), ==, "plan-notes");
    g_assert_cmpstr (fascia_amendment_get_old_text (a), ==, original);
    g_assert_cmpstr (fascia_amendment_get_new_text (a), ==, "Release psoas only; QL was fine");
    g_assert_cmpint (g_date_time_difference (now, fascia_amendment_get_amended_at (a)), <,
                     G_TIME_SPAN_MINUTE);
  }
  g_clear_object (&amendments);

  /* An hour later, another change is another amendment. */
  g_assert_true (fascia_db_exec (db, "UPDATE amendments SET amended_at = amended_at - 3600000000",
                                 &error));
  g_assert_no_error (error);
  g_assert_true (fascia_store_save_visit_field (fixture->store, read,
                                                FASCIA_VISIT_FIELD_PLAN_NOTES,
                                                "Release psoas only", NULL, &error));

  /* A whole-visit update amends each field it changes: pain, targets, the date. */
  fascia_visit_set_plan_notes (read, "Release psoas only");
  fascia_visit_set_pain_after (read, 2);
  fascia_visit_set_treated_target_ids (read, c.target_ids, 1);
  g_assert_true (fascia_store_update_visit (fixture->store, read, &error));
  g_assert_no_error (error);

  amendments = fascia_store_list_amendments (fixture->store, fascia_visit_get_id (locked), &error);
  g_assert_cmpuint (g_list_model_get_n_items (amendments), ==, 4);
  {
    g_autoptr(FasciaAmendment) first = amendment_at (amendments, 0);
    g_autoptr(FasciaAmendment) second = amendment_at (amendments, 1);
    g_autoptr(FasciaAmendment) pain = amendment_at (amendments, 2);
    g_autoptr(FasciaAmendment) targets = amendment_at (amendments, 3);
    g_autofree char *all_ids = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                c.target_ids[0], c.target_ids[1]);
    g_autofree char *one_id = g_strdup_printf ("%" G_GINT64_FORMAT, c.target_ids[0]);

    g_assert_cmpstr (fascia_amendment_get_old_text (first), ==, original);
    g_assert_cmpstr (fascia_amendment_get_old_text (second), ==,
                     "Release psoas only; QL was fine");
    g_assert_cmpstr (fascia_amendment_get_new_text (second), ==, "Release psoas only");
    g_assert_cmpstr (fascia_amendment_get_field (pain), ==, "pain-after");
    g_assert_cmpstr (fascia_amendment_get_old_text (pain), ==, "3");
    g_assert_cmpstr (fascia_amendment_get_new_text (pain), ==, "2");
    g_assert_cmpstr (fascia_amendment_get_field (targets), ==, "treated-target-ids");
    g_assert_cmpstr (fascia_amendment_get_old_text (targets), ==, all_ids);
    g_assert_cmpstr (fascia_amendment_get_new_text (targets), ==, one_id);
  }
  g_clear_object (&amendments);

  /* Typing back to what it was within the window leaves no amendment behind. */
  g_assert_true (fascia_store_update_visit_field (fixture->store, fascia_visit_get_id (locked),
                                                  FASCIA_VISIT_FIELD_SUBJECTIVE, "Oops", &error));
  g_assert_true (fascia_store_update_visit_field (fixture->store, fascia_visit_get_id (locked),
                                                  FASCIA_VISIT_FIELD_SUBJECTIVE,
                                                  fascia_visit_get_subjective (locked), &error));
  amendments = fascia_store_list_amendments (fixture->store, fascia_visit_get_id (locked), &error);
  g_assert_cmpuint (g_list_model_get_n_items (amendments), ==, 4);
}

static void
test_repeat_last_visit (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now, -30);
  g_autoptr(FasciaVisit) last = NULL;
  g_autoptr(FasciaVisit) first = NULL;
  g_autoptr(FasciaVisit) repeat = NULL;
  g_autoptr(FasciaVisit) read = NULL;
  const gint64 *ids;
  gsize n_ids;
  Case c;

  make_case (fixture, &c);

  /* Nothing to repeat yet. */
  g_assert_null (fascia_store_repeat_last_visit (fixture->store, c.client_id, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  first = add_visit (fixture, &c, month_ago);
  last = add_visit (fixture, &c, week_ago);
  fascia_visit_set_treated_target_ids (last, c.target_ids, 3);
  g_assert_true (fascia_store_update_visit (fixture->store, last, &error));

  /* A target deleted since is left out. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PLAN_TARGETS,
                                      c.target_ids[1], &error));

  repeat = fascia_store_repeat_last_visit (fixture->store, c.client_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (repeat);
  g_assert_cmpint (fascia_visit_get_id (repeat), >, fascia_visit_get_id (last));

  read = fascia_store_get_visit (fixture->store, fascia_visit_get_id (repeat), &error);
  g_assert_cmpint (fascia_visit_get_plan_id (read), ==, c.plan_id);
  g_assert_cmpint (fascia_visit_get_pain_before (read), ==, -1);
  g_assert_cmpstr (fascia_visit_get_subjective (read), ==, "");
  g_assert_cmpint (g_date_time_difference (fascia_visit_get_visited_at (read), now), <,
                   G_TIME_SPAN_MINUTE);
  ids = fascia_visit_get_treated_target_ids (read, &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (ids[0], ==, c.target_ids[0]);
  g_assert_cmpint (ids[1], ==, c.target_ids[2]);
}

static void
test_pain_marks (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(FasciaPainMark) region = fascia_pain_mark_new ();
  g_autoptr(FasciaPainMark) point = fascia_pain_mark_new ();
  g_autoptr(FasciaPainMark) read = NULL;
  g_autoptr(GListModel) marks = NULL;
  Case c;

  make_case (fixture, &c);
  visit = add_visit (fixture, &c, now);

  fascia_pain_mark_set_visit_id (region, fascia_visit_get_id (visit));
  fascia_pain_mark_set_view_id (region, "posterior-deep");
  fascia_pain_mark_set_region_id (region, "m-quadratus-lumborum-r");
  fascia_pain_mark_set_intensity (region, 7);
  fascia_pain_mark_set_pain_type (region, FASCIA_PAIN_ACHE);
  fascia_pain_mark_set_note (region, "Deep ache, worse standing");
  g_assert_true (fascia_store_add_pain_mark (fixture->store, region, &error));
  g_assert_no_error (error);

  fascia_pain_mark_set_visit_id (point, fascia_visit_get_id (visit));
  fascia_pain_mark_set_view_id (point, "posterior-superficial");
  fascia_pain_mark_set_x (point, 412.5);
  fascia_pain_mark_set_y (point, 630.25);
  fascia_pain_mark_set_intensity (point, 4);
  fascia_pain_mark_set_pain_type (point, FASCIA_PAIN_TINGLING);
  g_assert_true (fascia_store_add_pain_mark (fixture->store, point, &error));
  g_assert_no_error (error);

  marks = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
  g_clear_object (&marks);

  read = fascia_store_get_pain_mark (fixture->store, fascia_pain_mark_get_id (point), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_pain_mark_get_view_id (read), ==, "posterior-superficial");
  g_assert_cmpstr (fascia_pain_mark_get_region_id (read), ==, "");
  g_assert_cmpfloat (fascia_pain_mark_get_x (read), ==, 412.5);
  g_assert_cmpfloat (fascia_pain_mark_get_y (read), ==, 630.25);
  g_assert_cmpuint (fascia_pain_mark_get_intensity (read), ==, 4);
  g_assert_cmpint (fascia_pain_mark_get_pain_type (read), ==, FASCIA_PAIN_TINGLING);
  g_clear_object (&read);

  /* A point becomes a region. */
  fascia_pain_mark_set_region_id (point, "m-piriformis-r");
  fascia_pain_mark_set_pain_type (point, FASCIA_PAIN_BURNING);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, point, &error));
  read = fascia_store_get_pain_mark (fixture->store, fascia_pain_mark_get_id (point), &error);
  g_assert_cmpstr (fascia_pain_mark_get_region_id (read), ==, "m-piriformis-r");
  g_assert_cmpint (fascia_pain_mark_get_pain_type (read), ==, FASCIA_PAIN_BURNING);

  /* Out of range, an unknown view, neither region nor point. */
  fascia_pain_mark_set_intensity (point, 11);
  g_assert_false (fascia_store_update_pain_mark (fixture->store, point, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fascia_pain_mark_set_intensity (point, 5);
  fascia_pain_mark_set_view_id (point, "superior");
  g_assert_false (fascia_store_update_pain_mark (fixture->store, point, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(FasciaPainMark) nowhere = fascia_pain_mark_new ();

    fascia_pain_mark_set_visit_id (nowhere, fascia_visit_get_id (visit));
    fascia_pain_mark_set_view_id (nowhere, "anterior");
    fascia_pain_mark_set_x (nowhere, NAN);
    g_assert_false (fascia_store_add_pain_mark (fixture->store, nowhere, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    fascia_pain_mark_set_x (nowhere, 1);
    fascia_pain_mark_set_visit_id (nowhere, 9999);
    g_assert_false (fascia_store_add_pain_mark (fixture->store, nowhere, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Deleting the visit hides its marks; undo brings them back. */
  g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                                      fascia_pain_mark_get_id (region), &error));
  marks = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 1);
  g_clear_object (&marks);
  g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_PAIN_MARKS,
                                        fascia_pain_mark_get_id (region), &error));
  marks = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
}

/* A mark says which drawing of its view its point is on: one of an older drawing is kept where
 * the same spot of the body lies on the view's drawing as it is now (the Front view's frame
 * moved up 273.6 units, 016), one that says none is on the current drawing, and a drawing the
 * view never had is refused, nothing added. */
static void
test_pain_mark_drawings (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(FasciaPainMark) old = fascia_pain_mark_new ();
  g_autoptr(FasciaPainMark) current = fascia_pain_mark_new ();
  g_autoptr(FasciaPainMark) read = NULL;
  g_autoptr(GListModel) marks = NULL;
  g_autofree char *sql = NULL;
  Case c;

  make_case (fixture, &c);
  visit = add_visit (fixture, &c, now);
  g_assert_cmpuint (fascia_view_drawing_current ("anterior"), ==, 2);
  g_assert_cmpuint (fascia_view_drawing_current ("posterior-deep"), ==, 1);

  fascia_pain_mark_set_visit_id (old, fascia_visit_get_id (visit));
  fascia_pain_mark_set_view_id (old, "anterior");
  fascia_pain_mark_set_x (old, 600);
  fascia_pain_mark_set_y (old, 500);
  fascia_pain_mark_set_drawing (old, 1);
  g_assert_true (fascia_store_add_pain_mark (fixture->store, old, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_pain_mark_get_drawing (old), ==, 2);

  fascia_pain_mark_set_visit_id (current, fascia_visit_get_id (visit));
  fascia_pain_mark_set_view_id (current, "anterior");
  fascia_pain_mark_set_x (current, 600);
  fascia_pain_mark_set_y (current, 500);
  g_assert_true (fascia_store_add_pain_mark (fixture->store, current, &error));
  g_assert_no_error (error);

  read = fascia_store_get_pain_mark (fixture->store, fascia_pain_mark_get_id (old), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_pain_mark_get_drawing (read), ==, 2);
  g_assert_cmpfloat (fascia_pain_mark_get_x (read), ==, 600);
  g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (read), 226.4, 1e-9);
  g_clear_object (&read);
  read = fascia_store_get_pain_mark (fixture->store, fascia_pain_mark_get_id (current), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_pain_mark_get_drawing (read), ==, 2);
  g_assert_cmpfloat (fascia_pain_mark_get_y (read), ==, 500);
  g_clear_object (&read);

  /* A row kept on the drawing of before, as every row of a view is once the view is redrawn
   * again (no migration moves them): read, and listed, where the same spot lies now. */
  sql = g_strdup_printf ("UPDATE pain_marks SET drawing = 1 WHERE id = %" G_GINT64_FORMAT,
                         fascia_pain_mark_get_id (current));
  g_assert_true (fascia_db_exec (fascia_store_get_db (fixture->store), sql, &error));
  g_assert_no_error (error);
  read = fascia_store_get_pain_mark (fixture->store, fascia_pain_mark_get_id (current), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fascia_pain_mark_get_drawing (read), ==, 2);
  g_assert_cmpfloat (fascia_pain_mark_get_x (read), ==, 600);
  g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (read), 226.4, 1e-9);
  g_clear_object (&read);
  marks = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (marks); i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, i);

      g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (mark), 226.4, 1e-9);
    }
  g_clear_object (&marks);

  /* Saved again as read, it stays where it is. */
  fascia_pain_mark_set_intensity (old, 8);
  g_assert_true (fascia_store_update_pain_mark (fixture->store, old, &error));
  g_assert_no_error (error);
  read = fascia_store_get_pain_mark (fixture->store, fascia_pain_mark_get_id (old), &error);
  g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (read), 226.4, 1e-9);
  g_clear_object (&read);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(FasciaPainMark) unknown = fascia_pain_mark_new ();

      fascia_pain_mark_set_visit_id (unknown, fascia_visit_get_id (visit));
      fascia_pain_mark_set_view_id (unknown, i == 0 ? "anterior" : "posterior-deep");
      fascia_pain_mark_set_x (unknown, 600);
      fascia_pain_mark_set_y (unknown, 500);
      fascia_pain_mark_set_drawing (unknown, i == 0 ? 3 : G_MAXUINT);
      g_assert_false (fascia_store_add_pain_mark (fixture->store, unknown, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "has no drawing"));
      g_clear_error (&error);
    }
  marks = fascia_store_list_pain_marks (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (marks), ==, 2);
}

static void
test_findings (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(FasciaFinding) first = NULL;
  g_autoptr(FasciaFinding) second = NULL;
  g_autoptr(FasciaFinding) left = NULL;
  g_autoptr(FasciaFinding) read = NULL;
  g_autoptr(GListModel) findings = NULL;
  Case c;

  make_case (fixture, &c);
  visit = add_visit (fixture, &c, now);

  /* One click makes the finding, the next changes the same one. */
  first = fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit),
                                          "piriformis", FASCIA_SIDE_RIGHT,
                                          FASCIA_FINDING_TRIGGER_POINT, &error);
  g_assert_no_error (error);
  second = fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit),
                                           "piriformis", FASCIA_SIDE_RIGHT,
                                           FASCIA_FINDING_TRIGGER_POINT | FASCIA_FINDING_TENDER |
                                           FASCIA_FINDING_SHORT, &error);
  g_assert_cmpint (fascia_finding_get_id (first), ==, fascia_finding_get_id (second));
  left = fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit),
                                         "piriformis", FASCIA_SIDE_LEFT,
                                         FASCIA_FINDING_HYPERTONIC, &error);
  g_assert_cmpint (fascia_finding_get_id (left), !=, fascia_finding_get_id (first));

  findings = fascia_store_list_findings (fixture->store, fascia_visit_get_id (visit), &error);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 2);
  g_clear_object (&findings);

  read = fascia_store_get_finding (fixture->store, fascia_finding_get_id (first), &error);
  g_assert_cmpint (fascia_finding_get_flags (read), ==,
                   FASCIA_FINDING_TRIGGER_POINT | FASCIA_FINDING_TENDER | FASCIA_FINDING_SHORT);
  g_assert_cmpint (fascia_finding_get_side (read), ==, FASCIA_SIDE_RIGHT);

  fascia_finding_set_note (read, "Refers into the back of the thigh");
  fascia_finding_set_flags (read, FASCIA_FINDING_WEAK);
  g_assert_true (fascia_store_update_finding (fixture->store, read, &error));
  g_clear_object (&read);
  read = fascia_store_get_finding (fixture->store, fascia_finding_get_id (first), &error);
  g_assert_cmpint (fascia_finding_get_flags (read), ==, FASCIA_FINDING_WEAK);
  g_assert_cmpstr (fascia_finding_get_note (read), ==, "Refers into the back of the thigh");

  /* A new finding through add. */
  {
    g_autoptr(FasciaFinding) f = fascia_finding_new ();

    fascia_finding_set_visit_id (f, fascia_visit_get_id (visit));
    fascia_finding_set_muscle_id (f, "gluteus-medius");
    fascia_finding_set_side (f, FASCIA_SIDE_RIGHT);
    fascia_finding_set_flags (f, FASCIA_FINDING_WEAK);
    g_assert_true (fascia_store_add_finding (fixture->store, f, &error));
    g_assert_no_error (error);

    /* An unknown muscle is refused. */
    g_assert_null (fascia_store_set_finding_flags (fixture->store, fascia_visit_get_id (visit),
                                                   "deltoid", FASCIA_SIDE_LEFT,
                                                   FASCIA_FINDING_TENDER, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_true (fascia_store_delete (fixture->store, FASCIA_STORE_TABLE_FINDINGS,
                                        fascia_finding_get_id (f), &error));
    findings = fascia_store_list_findings (fixture->store, fascia_visit_get_id (visit), &error);
    g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 2);
    g_clear_object (&findings);
    g_assert_true (fascia_store_undelete (fixture->store, FASCIA_STORE_TABLE_FINDINGS,
                                          fascia_finding_get_id (f), &error));
    findings = fascia_store_list_findings (fixture->store, fascia_visit_get_id (visit), &error);
    g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 3);
  }
}

static void
test_study (StoreFixture  *fixture,
            gconstpointer  data)
{
  static const gboolean answers[] = { TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };
  static const guint boxes[] = { 2, 3, 4, 1, 2, 3, 4, 5, 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;

  /* Right moves an item up a box, wrong sends it back to the first. */
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(FasciaStudyItem) item = NULL;

      g_assert_true (fascia_store_add_study_result (fixture->store, "psoas-major", "find-muscle",
                                                    answers[i], NULL, &error));
      g_assert_no_error (error);
      item = fascia_store_get_study_item (fixture->store, "psoas-major", "find-muscle", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (fascia_study_item_get_box (item), ==, boxes[i]);
    }

  g_assert_true (fascia_store_add_study_result (fixture->store, "psoas-major", "nerve", FALSE,
                                                NULL, &error));
  g_assert_true (fascia_store_add_study_result (fixture->store, "piriformis", "find-muscle",
                                                TRUE, NULL, &error));

  {
    g_autoptr(FasciaStudyItem) item = fascia_store_get_study_item (fixture->store, "psoas-major",
                                                                   "find-muscle", &error);

    g_assert_cmpuint (fascia_study_item_get_correct (item), ==, 8);
    g_assert_cmpuint (fascia_study_item_get_wrong (item), ==, 1);
    g_assert_nonnull (fascia_study_item_get_last_answered_at (item));
  }

  items = fascia_store_list_study_items (fixture->store, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  {
    g_autoptr(FasciaStudyItem) due = g_list_model_get_item (items, 0);

    /* Most due first: the one in box 1. */
    g_assert_cmpstr (fascia_study_item_get_quiz_kind (due), ==, "nerve");
  }
  g_clear_object (&items);
  items = fascia_store_list_study_items (fixture->store, "find-muscle", &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);

  g_assert_null (fascia_store_get_study_item (fixture->store, "iliacus", "nerve", &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fascia_store_add_study_result (fixture->store, "", "nerve", TRUE, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
}

/* Two therapists edit the same note at once, each through a connection of their own: the
 * second save changes nothing, and hands back the first one's version, so that both texts
 * reach the choice; keeping mine then saves over theirs knowingly. Clients and plans alike. */
static void
test_conflict (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaVisit) added = NULL;
  g_autoptr(FasciaVisit) mine = NULL;
  g_autoptr(FasciaVisit) theirs_editor = NULL;
  g_autoptr(FasciaVisit) theirs = NULL;
  g_autoptr(FasciaVisit) saved = NULL;
  const char *mine_text = "Left hip better; sleeps through";
  const char *their_text = "Woke twice with hip pain";
  gboolean server;
  Case c;

  make_case (fixture, &c);
  added = add_visit (fixture, &c, NULL);
  g_assert_cmpint (fascia_visit_get_revision (added), ==, 1);

  other = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  server = fascia_store_is_server_database (fixture->path);

  mine = fascia_store_get_visit (fixture->store, fascia_visit_get_id (added), &error);
  theirs_editor = fascia_store_get_visit (other, fascia_visit_get_id (added), &error);
  g_assert_no_error (error);

  /* They save first. */
  g_assert_true (fascia_store_save_visit_field (other, theirs_editor,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, their_text, NULL,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_visit_get_revision (theirs_editor), ==, 2);

  /* My save is refused, nothing written, and their version comes back with who and when. */
  g_assert_false (fascia_store_save_visit_field (fixture->store, mine,
                                                 FASCIA_VISIT_FIELD_SUBJECTIVE, mine_text,
                                                 &theirs, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "changed"));
  g_clear_error (&error);
  g_assert_nonnull (theirs);
  g_assert_cmpstr (fascia_visit_get_subjective (theirs), ==, their_text);
  g_assert_cmpint (fascia_visit_get_revision (theirs), ==, 2);
  g_assert_nonnull (fascia_visit_get_updated_at (theirs));
  if (server)
    g_assert_cmpstr (fascia_visit_get_updated_by (theirs), ==, "fascia");
  else
    g_assert_cmpstr (fascia_visit_get_updated_by (theirs), ==, g_get_user_name ());
  g_assert_cmpint (fascia_visit_get_revision (mine), ==, 1);
  g_assert_cmpstr (fascia_visit_get_subjective (mine), !=, mine_text);

  saved = fascia_store_get_visit (fixture->store, fascia_visit_get_id (added), &error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, their_text);
  g_clear_object (&saved);

  /* A whole-visit save of the old revision is refused too. */
  fascia_visit_set_subjective (mine, mine_text);
  g_assert_false (fascia_store_update_visit (fixture->store, mine, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Keep mine: saved over theirs, knowing their revision. */
  fascia_visit_set_revision (mine, fascia_visit_get_revision (theirs));
  g_assert_true (fascia_store_save_visit_field (fixture->store, mine,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, mine_text, NULL,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (fascia_visit_get_revision (mine), ==, 3);
  saved = fascia_store_get_visit (other, fascia_visit_get_id (added), &error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, mine_text);
  g_assert_cmpint (fascia_visit_get_revision (saved), ==, 3);

  /* Now their editor is the one behind. */
  g_assert_false (fascia_store_update_visit (other, theirs_editor, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A client and a plan the same way. */
  {
    g_autoptr(FasciaClient) my_client = fascia_store_get_client (fixture->store, c.client_id,
                                                                 &error);
    g_autoptr(FasciaClient) their_client = fascia_store_get_client (other, c.client_id, &error);
    g_autoptr(FasciaClient) current = NULL;
    g_autoptr(FasciaPlan) my_plan = fascia_store_get_plan (fixture->store, c.plan_id, &error);
    g_autoptr(FasciaPlan) their_plan = fascia_store_get_plan (other, c.plan_id, &error);
    g_autoptr(FasciaPlan) current_plan = NULL;

    g_assert_no_error (error);
    fascia_client_set_phone (their_client, "555 0101");
    g_assert_true (fascia_store_update_client (other, their_client, &error));
    g_assert_no_error (error);
    fascia_client_set_notes (my_client, "Prefers mornings");
    g_assert_false (fascia_store_update_client_full (fixture->store, my_client, &current,
                                                     &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpstr (fascia_client_get_phone (current), ==, "555 0101");
    g_assert_cmpstr (fascia_client_get_notes (current), !=, "Prefers mornings");

    /* Archiving counts as a save: an editor that read the client before must not undo it. */
    g_assert_true (fascia_store_set_client_archived (other, c.client_id, TRUE, &error));
    g_assert_false (fascia_store_update_client (other, their_client, &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
    g_clear_error (&error);

    fascia_plan_set_goals (their_plan, "Walk 5 km");
    g_assert_true (fascia_store_update_plan (other, their_plan, &error));
    fascia_plan_set_goals (my_plan, "Sit through a film");
    g_assert_false (fascia_store_update_plan_full (fixture->store, my_plan, &current_plan,
                                                   &error));
    g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpstr (fascia_plan_get_goals (current_plan), ==, "Walk 5 km");
  }

  g_assert_finalize_object (g_steal_pointer (&other));
}

typedef struct
{
  FasciaStore  *store;
  FasciaVisit  *visit;
  FasciaVisit  *theirs;
  GError       *error;
  gboolean      saved;
} SaveJob;

static gpointer
save_job_thread (gpointer data)
{
  SaveJob *job = data;

  job->saved = fascia_store_save_visit_field (job->store, job->visit,
                                              FASCIA_VISIT_FIELD_SUBJECTIVE, "Mine, typed here",
                                              &job->theirs, &job->error);
  return NULL;
}

/* Whether a connection on the server waits for a lock another holds. */
static gboolean
server_has_waiter (FasciaDb *db)
{
  g_autoptr(FasciaDbStmt) stmt = NULL;

  stmt = fascia_db_prepare (db, "SELECT count(*) FROM pg_stat_activity "
                                "WHERE wait_event_type = 'Lock' AND datname = current_database()",
                            FALSE, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (fascia_db_step (stmt, NULL), ==, FASCIA_DB_ROW);
  return fascia_db_column_int64 (stmt, 0) > 0;
}

/* Two saves of the same row at the same moment: the one that waited for the other's lock
 * finds the row changed since it was read, and is refused as a conflict (with their version),
 * not as "busy": nothing of either is lost. On the server the save is caught inside its
 * UPDATE, waiting for the row the other holds; on SQLite at its BEGIN IMMEDIATE. */
static void
test_simultaneous_saves (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaStore) watcher = NULL;
  g_autoptr(FasciaVisit) added = NULL;
  g_autoptr(FasciaVisit) saved = NULL;
  g_autofree char *update = NULL;
  SaveJob job = { 0 };
  GThread *thread;
  FasciaDb *db;
  Case c;

  make_case (fixture, &c);
  added = add_visit (fixture, &c, NULL);
  job.store = fixture->store;
  job.visit = fascia_store_get_visit (fixture->store, fascia_visit_get_id (added), &error);
  g_assert_no_error (error);

  other = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  db = fascia_store_get_db (other);

  /* The other therapist's save is under way: the row is theirs until they commit. */
  update = g_strdup_printf ("UPDATE visits SET subjective = 'Theirs, saved first', "
                            "revision = revision + 1 WHERE id = %" G_GINT64_FORMAT,
                            fascia_visit_get_id (added));
  g_assert_true (fascia_db_begin (db, &error));
  g_assert_true (fascia_db_exec (db, update, &error));
  g_assert_no_error (error);

  thread = g_thread_new ("save", save_job_thread, &job);
  if (fascia_store_is_server_database (fixture->path))
    {
      watcher = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
      g_assert_no_error (error);
      /* Mine has read the row and waits for theirs to let go of it. */
      while (!server_has_waiter (fascia_store_get_db (watcher)))
        g_usleep (2000);
    }
  g_assert_true (fascia_db_commit (db, &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_false (job.saved);
  g_assert_error (job.error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_CONFLICT);
  g_assert_nonnull (job.theirs);
  g_assert_cmpstr (fascia_visit_get_subjective (job.theirs), ==, "Theirs, saved first");
  g_assert_cmpint (fascia_visit_get_revision (job.theirs), ==, 2);
  g_assert_cmpint (fascia_visit_get_revision (job.visit), ==, 1);

  saved = fascia_store_get_visit (fixture->store, fascia_visit_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fascia_visit_get_subjective (saved), ==, "Theirs, saved first");

  /* Keeping mine knowingly then saves. */
  fascia_visit_set_revision (job.visit, 2);
  g_assert_true (fascia_store_save_visit_field (fixture->store, job.visit,
                                                FASCIA_VISIT_FIELD_SUBJECTIVE, "Mine, typed here",
                                                NULL, &error));
  g_assert_no_error (error);

  g_clear_error (&job.error);
  g_clear_object (&job.theirs);
  g_clear_object (&job.visit);
  g_assert_finalize_object (g_steal_pointer (&other));
}

typedef struct
{
  FasciaStoreTable  table;
  FasciaStoreChange change;
  gint64            id;
  gint64            client_id;
} Heard;

static void
heard_cb (FasciaStore       *store,
          FasciaStoreTable   table,
          FasciaStoreChange  change,
          gint64             id,
          gint64             client_id,
          GArray            *heard)
{
  Heard h = { table, change, id, client_id };

  g_array_append_val (heard, h);
}

static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @n changes were heard; a bound of a minute keeps a broken build
 * from hanging (it measures nothing). */
static void
wait_heard (GArray *heard,
            guint   n)
{
  gboolean given_up = FALSE;
  guint bound = g_timeout_add_seconds (60, give_up_cb, &given_up);

  while (heard->len < n && !given_up)
    g_main_context_iteration (NULL, TRUE);
  if (!given_up)
    g_source_remove (bound);
  g_assert_cmpuint (heard->len, ==, n);
}

static void
assert_heard (GArray            *heard,
              guint              i,
              FasciaStoreTable   table,
              FasciaStoreChange  change,
              gint64             id,
              gint64             client_id)
{
  Heard *h = &g_array_index (heard, Heard, i);

  g_assert_cmpint (h->table, ==, table);
  g_assert_cmpint (h->change, ==, change);
  g_assert_cmpint (h->id, ==, id);
  g_assert_cmpint (h->client_id, ==, client_id);
}

/* Live: what another therapist commits on the clinic server reaches this store's
 * ::changed from the main loop, as its own changes do, each once. A file has no one else. */
static void
test_watch_others (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(GArray) heard = g_array_new (FALSE, FALSE, sizeof (Heard));
  g_autoptr(FasciaClient) mine = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  gboolean server = fascia_store_is_server_database (fixture->path);
  gint64 client_id;

  other = fascia_store_open_full (fixture->path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_watch_others (fixture->store, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (heard_cb), heard);

  /* My own change is heard once, at once; the server's echo of it is not a second one. */
  mine = fixture_add_client (fixture, "Odile Marchetti");
  g_assert_cmpuint (heard->len, ==, 1);

  fascia_client_set_name (client, "Perpetua Ashworth");
  g_assert_true (fascia_store_add_client (other, client, &error));
  client_id = fascia_client_get_id (client);
  fascia_plan_set_client_id (plan, client_id);
  fascia_plan_set_title (plan, "Shoulder");
  g_assert_true (fascia_store_add_plan (other, plan, &error));
  fascia_visit_set_client_id (visit, client_id);
  fascia_visit_set_plan_id (visit, fascia_plan_get_id (plan));
  g_assert_true (fascia_store_add_visit (other, visit, &error));
  g_assert_true (fascia_store_save_visit_field (other, visit, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                                "Cannot lift the kettle", NULL, &error));
  g_assert_true (fascia_store_delete (other, FASCIA_STORE_TABLE_VISITS,
                                      fascia_visit_get_id (visit), &error));
  g_assert_no_error (error);

  if (!server)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpuint (heard->len, ==, 1);
      return;
    }

  wait_heard (heard, 6);
  assert_heard (heard, 1, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_ADDED, client_id,
                client_id);
  assert_heard (heard, 2, FASCIA_STORE_TABLE_PLANS, FASCIA_STORE_CHANGE_ADDED,
                fascia_plan_get_id (plan), client_id);
  assert_heard (heard, 3, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_ADDED,
                fascia_visit_get_id (visit), client_id);
  assert_heard (heard, 4, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_UPDATED,
                fascia_visit_get_id (visit), client_id);
  assert_heard (heard, 5, FASCIA_STORE_TABLE_VISITS, FASCIA_STORE_CHANGE_DELETED,
                fascia_visit_get_id (visit), client_id);

  /* What the store reads when it hears is what the other committed. */
  {
    g_autoptr(FasciaClient) read = fascia_store_get_client (fixture->store, client_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fascia_client_get_name (read), ==, "Perpetua Ashworth");
  }

  /* A change heard while the store is busy with its own queries is not left waiting. */
  fascia_client_set_name (client, "Perpetua Ashworth-Lowe");
  g_assert_true (fascia_store_update_client (other, client, &error));
  {
    g_autoptr(FasciaClient) busy = fascia_store_get_client (fixture->store, client_id, &error);

    g_assert_no_error (error);
  }
  wait_heard (heard, 7);
  assert_heard (heard, 6, FASCIA_STORE_TABLE_CLIENTS, FASCIA_STORE_CHANGE_UPDATED, client_id,
                client_id);

  g_signal_handlers_disconnect_by_data (fixture->store, heard);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static char *
last_amendment_author (FasciaStore *store,
                       gint64       visit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_amendments (store, visit_id, &error);
  g_autoptr(FasciaAmendment) last = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  last = g_list_model_get_item (list, g_list_model_get_n_items (list) - 1);
  return g_strdup (fascia_amendment_get_amended_by (last));
}

/* An amendment of a locked note names its author: in a file, the computer's user; on a
 * clinic server, the session's login, stamped by the server whatever the writer sends —
 * but the owner may carry an amendment's author over (a clinic moved in). Another author's
 * change within the merge window is an amendment of its own. */
static void
test_amendment_author (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autoptr(FasciaVisit) locked = NULL;
  g_autoptr(FasciaStore) colleague = NULL;
  g_autoptr(GListModel) amendments = NULL;
  g_autofree char *author = NULL;
  g_autofree char *colleague_db = NULL;
  g_autofree char *sql = NULL;
  gboolean server = fascia_store_is_server_database (fixture->path);
  gint64 visit_id;
  Case c;

  make_case (fixture, &c);
  locked = add_visit (fixture, &c, two_days_ago);
  visit_id = fascia_visit_get_id (locked);
  g_assert_true (fascia_store_update_visit_field (fixture->store, visit_id,
                                                  FASCIA_VISIT_FIELD_ASSESSMENT,
                                                  "Psoas tender", &error));
  g_assert_no_error (error);
  author = last_amendment_author (fixture->store, visit_id);
  /* The fixture's server login is `fascia` (pg-server.h). */
  g_assert_cmpstr (author, ==, server ? "fascia" : g_get_user_name ());

  if (!server)
    return;

  /* A colleague on the clinic server amends the same note a moment later: theirs. */
  g_assert_true (fascia_store_setup_clinic (fixture->path, NULL, &error));
  g_assert_no_error (error);
  pg_server_exec (fixture->path, "CREATE ROLE colleague LOGIN; GRANT fascia_therapist TO colleague");
  colleague_db = g_strconcat (fixture->path, " user=colleague", NULL);
  colleague = fascia_store_open_full (colleague_db, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_update_visit_field (colleague, visit_id,
                                                  FASCIA_VISIT_FIELD_ASSESSMENT,
                                                  "Psoas tender; QL too", &error));
  g_assert_no_error (error);
  amendments = fascia_store_list_amendments (fixture->store, visit_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (amendments), ==, 2);
  g_clear_pointer (&author, g_free);
  author = last_amendment_author (fixture->store, visit_id);
  g_assert_cmpstr (author, ==, "colleague");

  /* The colleague cannot name someone else, by hand either. */
  sql = g_strdup_printf ("INSERT INTO fascia.amendments (visit_id, field, old_text, new_text, "
                         "amended_at, amended_by) VALUES (%" G_GINT64_FORMAT ", 'objective', "
                         "'', 'Forged', 1, 'fascia')", visit_id);
  pg_server_exec (colleague_db, sql);
  g_clear_pointer (&author, g_free);
  author = last_amendment_author (fixture->store, visit_id);
  g_assert_cmpstr (author, ==, "colleague");

  /* The owner carries an author over, as a copy of a clinic does. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO fascia.amendments (visit_id, field, old_text, new_text, "
                         "amended_at, amended_by) VALUES (%" G_GINT64_FORMAT ", 'objective', "
                         "'', 'Moved in', %" G_GINT64_FORMAT ", 'laptop_user')", visit_id,
                         g_get_real_time ());
  pg_server_exec (fixture->path, sql);
  g_clear_pointer (&author, g_free);
  author = last_amendment_author (fixture->store, visit_id);
  g_assert_cmpstr (author, ==, "laptop_user");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST ("/fascia/core/store/visits/crud", test_visits);
  STORE_TEST ("/fascia/core/store/visits/scores", test_visit_scores);
  STORE_TEST ("/fascia/core/store/visits/paged", test_visits_paged);
  STORE_TEST ("/fascia/core/store/visits/amendments", test_amendments);
  STORE_TEST ("/fascia/core/store/visits/amendment-author", test_amendment_author);
  STORE_TEST ("/fascia/core/store/visits/conflict", test_conflict);
  STORE_TEST ("/fascia/core/store/visits/simultaneous-saves", test_simultaneous_saves);
  STORE_TEST ("/fascia/core/store/live/others-changes", test_watch_others);
  STORE_TEST ("/fascia/core/store/visits/repeat-last", test_repeat_last_visit);
  STORE_TEST ("/fascia/core/store/visits/pain-marks", test_pain_marks);
  STORE_TEST ("/fascia/core/store/visits/pain-mark-drawings", test_pain_mark_drawings);
  STORE_TEST ("/fascia/core/store/visits/findings", test_findings);
  STORE_TEST ("/fascia/core/store/study", test_study);

  return g_test_run ();
}
