/* test-store-migrate.c — every older schema version opens as the newest, data intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-view.h"
#include "fascia/fascia-view-drawing.h"

#include "fascia-db-postgres.h"
#include "fascia-db-sqlite.h"
#include "fascia-reference-schema.h"
#include "fascia-store-private.h"
#include "store-fixture.h"

/* What a Fascia of each schema version wrote, as that version's SQL: rows in version N's
 * tables, written when the database was at version N. Add a row when adding a migration. */
static const char *data_at_version[] = {
  /* 0: an empty file */
  NULL,
  /* 1 */
  "INSERT INTO clients (id, name, email, search_key, sort_key, pregnancy, created_at, "
  "  updated_at) VALUES (1, 'Mirabel Gooseberry', 'mira@example.org', "
  "  'mirabel gooseberry' || char(10) || 'mira@example.org' || char(10) || char(10), "
  "  'mirabel gooseberry', 1, 1700000000000000, 1700000000000000);"
  "INSERT INTO plans (id, client_id, title, status, created_at, updated_at) "
  "  VALUES (1, 1, 'Sacroiliac comfort', 'active', 1700000000000000, 1700000000000000);"
  "INSERT INTO plan_targets (id, plan_id, muscle_id, side, technique_ids, created_at, "
  "  updated_at) VALUES (1, 1, 'piriformis', 'right', '[\"pin-and-stretch\"]', "
  "  1700000000000000, 1700000000000000);"
  "INSERT INTO visits (id, client_id, plan_id, visited_at, subjective, pain_before, "
  "  pain_after, created_at, updated_at) VALUES (1, 1, 1, 1700000000000000, "
  "  'Buttock ache when sitting', 5, 2, 1700000000000000, 1700000000000000);"
  "INSERT INTO visit_targets (visit_id, plan_target_id) VALUES (1, 1);"
  "INSERT INTO pain_marks (visit_id, view_id, region_id, intensity, pain_type, created_at, "
  "  updated_at) VALUES (1, 'posterior-deep', 'm-piriformis-r', 5, 'ache', "
  "  1700000000000000, 1700000000000000);",
  /* 2 */
  "INSERT INTO study_results (item_id, quiz_kind, correct, answered_at) "
  "  VALUES ('iliacus', 'nerve', 1, 1700000000000000);"
  "INSERT INTO study_items (quiz_kind, item_id, box, correct, created_at, updated_at) "
  "  VALUES ('nerve', 'iliacus', 2, 1, 1700000000000000, 1700000000000000);",
  /* 3: the intake's wider vocabulary */
  "UPDATE clients SET pregnancy_trimester = 2, hip_replacement_anterior = 1, stoma = 1 "
  "  WHERE id = 1;",
  /* 4: the search index, which its triggers fill */
  "INSERT INTO clients (id, name, phone, search_key, sort_key, created_at, updated_at) "
  "  VALUES (2, 'Theodora Quince', '555 0199', "
  "  'theodora quince' || char(10) || char(10) || '555 0199' || char(10) || '5550199', "
  "  'theodora quince', 1700000000000000, 1700000000000000);",
  /* 5: indexes only; a client with a date of birth that they hold */
  "INSERT INTO clients (id, name, email, date_of_birth, search_key, sort_key, created_at, "
  "  updated_at) VALUES (3, 'Casimir Plum', 'Casimir@Example.org', '1971-02-03', "
  "  'casimir plum' || char(10) || 'casimir@example.org' || char(10) || char(10), "
  "  'casimir plum', 1700000000000000, 1700000000000000);",
  /* 6: an index only */
  "",
  /* 7: revisions; a visit saved three more times */
  "UPDATE visits SET revision = 4 WHERE id = 1;",
  /* 8: the clinic server's audit trail; nothing in a file */
  "",
  /* 9: who amended a locked note */
  "INSERT INTO amendments (visit_id, field, old_text, new_text, amended_at, amended_by) "
  "  VALUES (1, 'subjective', 'Buttock ache', 'Buttock ache when sitting', "
  "  1700000000000000, 'laptop_user');",
  /* 10: the clinic server's search index; nothing in a file */
  "",
  /* 11: the clinic server's client counts; nothing in a file */
  "",
  /* 12: indexes only */
  "",
  /* 13: the token of a mark added */
  "UPDATE pain_marks SET add_token = '0b5c7a4e-3f0e-4f7e-9d2a-5c1e8b7a6f10' WHERE id = 1;",
  /* 14: the tokens of a client, a plan and a visit added */
  "UPDATE clients SET add_token = '5d0f3c8a-1e2b-4c6d-8e9f-0a1b2c3d4e5f' WHERE id = 1;"
  "UPDATE plans SET add_token = '6e1a4d9b-2f3c-4d7e-9fa0-1b2c3d4e5f60' WHERE id = 1;"
  "UPDATE visits SET add_token = '7f2b5eac-3a4d-4e8f-a0b1-2c3d4e5f6071' WHERE id = 1;",
  /* 15: the server's stamp of changes to clients; nothing in a file. Free marks on the three
   * views redrawn to the knee, as they lay on the drawings before (016 moves them), and one
   * made on the Front view as it is now */
  "INSERT INTO pain_marks (id, visit_id, view_id, x, y, intensity, created_at, updated_at) "
  "  VALUES (11, 1, 'anterior', 600, 500, 3, 1790000000000000, 1790000000000000), "
  "  (12, 1, 'anterior', 600, 500, 3, 1796500000000000, 1796500000000000), "
  "  (13, 1, 'posterior-superficial', 300, 520, 3, 1700000000000000, 1700000000000000), "
  "  (14, 1, 'front-superficial', 400, 708, 3, 1700000000000000, 1700000000000000);",
  /* 16: the free marks moved with their drawings */
  "",
  /* 17: the drawing a mark is on; one kept on the Front view's drawing of before (as a mark
   * of an older drawing is, once its view is redrawn again); read from when a migration
   * follows 017 */
  "INSERT INTO pain_marks (id, visit_id, view_id, x, y, intensity, drawing, created_at, "
  "  updated_at) VALUES (15, 1, 'anterior', 600, 500, 3, 1, 1796600000000000, "
  "  1796600000000000);",
  /* 18: the check before an import counts none of its clients (a new function, no rows) */
  "",
  /* 19: the back superficial view redrawn to below the knee: nothing moves, its free marks of
   * before are converted as they are read */
  "",
};

/* The same rows on a clinic server, in its dialect, written when its schema was at version N
 * (sql-postgresql/). Add a row when adding a migration. */
static const char *pg_data_at_version[] = {
  /* 0: an empty schema */
  NULL,
  /* 1 */
  "INSERT INTO clients (id, name, email, search_key, sort_key, pregnancy, created_at, "
  "  updated_at) VALUES (1, 'Mirabel Gooseberry', 'mira@example.org', "
  "  'mirabel gooseberry' || chr(10) || 'mira@example.org' || chr(10) || chr(10), "
  "  'mirabel gooseberry', 1, 1700000000000000, 1700000000000000);"
  "INSERT INTO plans (id, client_id, title, status, created_at, updated_at) "
  "  VALUES (1, 1, 'Sacroiliac comfort', 'active', 1700000000000000, 1700000000000000);"
  "INSERT INTO plan_targets (id, plan_id, muscle_id, side, technique_ids, created_at, "
  "  updated_at) VALUES (1, 1, 'piriformis', 'right', '[\"pin-and-stretch\"]', "
  "  1700000000000000, 1700000000000000);"
  "INSERT INTO visits (id, client_id, plan_id, visited_at, subjective, pain_before, "
  "  pain_after, created_at, updated_at) VALUES (1, 1, 1, 1700000000000000, "
  "  'Buttock ache when sitting', 5, 2, 1700000000000000, 1700000000000000);"
  "INSERT INTO visit_targets (visit_id, plan_target_id) VALUES (1, 1);"
  "INSERT INTO pain_marks (visit_id, view_id, region_id, intensity, pain_type, created_at, "
  "  updated_at) VALUES (1, 'posterior-deep', 'm-piriformis-r', 5, 'ache', "
  "  1700000000000000, 1700000000000000);",
  /* 2 */
  "INSERT INTO study_results (item_id, quiz_kind, correct, answered_at) "
  "  VALUES ('iliacus', 'nerve', 1, 1700000000000000);"
  "INSERT INTO study_items (quiz_kind, item_id, box, correct, created_at, updated_at) "
  "  VALUES ('nerve', 'iliacus', 2, 1, 1700000000000000, 1700000000000000);",
  /* 3: the intake's wider vocabulary */
  "UPDATE clients SET pregnancy_trimester = 2, hip_replacement_anterior = 1, stoma = 1 "
  "  WHERE id = 1;",
  /* 4: the trigram index and the client counts, which its triggers keep */
  "INSERT INTO clients (id, name, phone, search_key, sort_key, created_at, updated_at) "
  "  VALUES (2, 'Theodora Quince', '555 0199', "
  "  'theodora quince' || chr(10) || chr(10) || '555 0199' || chr(10) || '5550199', "
  "  'theodora quince', 1700000000000000, 1700000000000000);",
  /* 5: indexes only; a client with a date of birth that they hold */
  "INSERT INTO clients (id, name, email, date_of_birth, search_key, sort_key, created_at, "
  "  updated_at) VALUES (3, 'Casimir Plum', 'Casimir@Example.org', '1971-02-03', "
  "  'casimir plum' || chr(10) || 'casimir@example.org' || chr(10) || chr(10), "
  "  'casimir plum', 1700000000000000, 1700000000000000);",
  /* 6: an index only */
  "",
  /* 7: revisions; a visit saved three more times */
  "UPDATE visits SET revision = 4 WHERE id = 1;",
  /* 8: the audit trail, which records the next change */
  "UPDATE clients SET notes = 'Prefers mornings' WHERE id = 3;",
  /* 9: who amended a locked note (kept as written: the writer owns the tables) */
  "INSERT INTO amendments (visit_id, field, old_text, new_text, amended_at, amended_by) "
  "  VALUES (1, 'subjective', 'Buttock ache', 'Buttock ache when sitting', "
  "  1700000000000000, 'laptop_user');",
  /* 10: the search index's pending list, off */
  "",
  /* 11: the client counts on 64 rows each: the clients of before are counted in their slots
   * (archiving client 2 above counts down in slot 2, which must hold it) */
  "",
  /* 12: an index only */
  "",
  /* 13: the token of a mark added */
  "UPDATE pain_marks SET add_token = '0b5c7a4e-3f0e-4f7e-9d2a-5c1e8b7a6f10' WHERE id = 1;",
  /* 14: the tokens of a client, a plan and a visit added */
  "UPDATE clients SET add_token = '5d0f3c8a-1e2b-4c6d-8e9f-0a1b2c3d4e5f' WHERE id = 1;"
  "UPDATE plans SET add_token = '6e1a4d9b-2f3c-4d7e-9fa0-1b2c3d4e5f60' WHERE id = 1;"
  "UPDATE visits SET add_token = '7f2b5eac-3a4d-4e8f-a0b1-2c3d4e5f6071' WHERE id = 1;",
  /* 15: the server's stamp of changes to clients; nothing in a file. Free marks on the three
   * views redrawn to the knee, as they lay on the drawings before (016 moves them), and one
   * made on the Front view as it is now */
  "INSERT INTO pain_marks (id, visit_id, view_id, x, y, intensity, created_at, updated_at) "
  "  VALUES (11, 1, 'anterior', 600, 500, 3, 1790000000000000, 1790000000000000), "
  "  (12, 1, 'anterior', 600, 500, 3, 1796500000000000, 1796500000000000), "
  "  (13, 1, 'posterior-superficial', 300, 520, 3, 1700000000000000, 1700000000000000), "
  "  (14, 1, 'front-superficial', 400, 708, 3, 1700000000000000, 1700000000000000);",
  /* 16: the free marks moved with their drawings */
  "",
  /* 17: the drawing a mark is on; one kept on the Front view's drawing of before (as a mark
   * of an older drawing is, once its view is redrawn again); read from when a migration
   * follows 017 */
  "INSERT INTO pain_marks (id, visit_id, view_id, x, y, intensity, drawing, created_at, "
  "  updated_at) VALUES (15, 1, 'anterior', 600, 500, 3, 1, 1796600000000000, "
  "  1796600000000000);",
  /* 18: the check before an import counts none of its clients (a new function, no rows) */
  "",
  /* 19: the back superficial view redrawn to below the knee: nothing moves, its free marks of
   * before are converted as they are read */
  "",
};

/* The rows above were given their ids; the next ones the server numbers come after them. */
static const char pg_advance_ids[] =
  "DO $$ DECLARE t text; BEGIN "
  "  FOREACH t IN ARRAY ARRAY['clients', 'plans', 'plan_targets', 'visits', 'pain_marks', "
  "                           'amendments'] LOOP "
  "    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), "
  "                    (SELECT coalesce(max(id), 0) + 1 FROM %I), false)', t, t); "
  "  END LOOP; "
  "END $$";

static void
test_migrate_from (gconstpointer data)
{
  int from = GPOINTER_TO_INT (data) & 0xffff;
  gboolean postgresql = (GPOINTER_TO_INT (data) & 0x10000) != 0;
  int latest = fascia_store_get_latest_schema_version ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(FasciaStore) store = NULL;

  g_assert_cmpint (G_N_ELEMENTS (data_at_version), ==, latest + 1);
  g_assert_cmpint (G_N_ELEMENTS (pg_data_at_version), ==, latest + 1);

  /* Build the database as version `from` left it. */
  if (postgresql)
    {
      FasciaDb *db;

      path = pg_server_new_database ();
      db = fascia_db_postgres_open_at (path, 0, &error);
      g_assert_no_error (error);
      for (int v = 1; v <= from; v++)
        {
          g_assert_true (fascia_db_postgres_migrate (db, v, &error));
          g_assert_no_error (error);
          if (pg_data_at_version[v][0] != '\0')
            fascia_db_exec (db, pg_data_at_version[v], &error);
          g_assert_no_error (error);
        }
      if (from >= 1)
        fascia_db_exec (db, pg_advance_ids, &error);
      g_assert_no_error (error);
      fascia_db_close (db);
    }
  else
    {
      sqlite3 *db = NULL;

      path = g_build_filename (dir, "fascia.db", NULL);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (int v = 1; v <= from; v++)
        {
          g_assert_true (fascia_store_migrate (db, v, &error));
          g_assert_no_error (error);
          g_assert_cmpint (sqlite3_exec (db, data_at_version[v], NULL, NULL, NULL), ==,
                           SQLITE_OK);
        }
      sqlite3_close (db);
    }

  store = fascia_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_store_get_schema_version (store), ==, latest);

  /* An upgrade of a file keeps a copy of the database as it was (a server keeps its own,
   * pg_dump's). */
  if (from > 0 && !postgresql)
    {
      g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
      const char *name;
      gboolean found = FALSE;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (strstr (name, "before-schema") != NULL)
          found = TRUE;
      g_assert_true (found);
    }

  if (from >= 1)
    {
      g_autoptr(FasciaClient) client = fascia_store_get_client (store, 1, &error);
      g_autoptr(FasciaVisit) visit = fascia_store_get_visit (store, 1, &error);
      g_autoptr(FasciaPlanTarget) target = fascia_store_get_plan_target (store, 1, &error);
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (store, 1, &error);
      g_autoptr(GListModel) found = fascia_store_list_clients (store, "gooseb", 0, &error);
      const char * const *techniques;
      gsize n_ids;

      g_assert_no_error (error);
      g_assert_cmpstr (fascia_client_get_name (client), ==, "Mirabel Gooseberry");
      g_assert_true (fascia_client_get_health_flags (client) & FASCIA_HEALTH_PREGNANCY);
      g_assert_cmpstr (fascia_visit_get_subjective (visit), ==, "Buttock ache when sitting");
      g_assert_cmpint (fascia_visit_get_pain_after (visit), ==, 2);
      fascia_visit_get_treated_target_ids (visit, &n_ids);
      g_assert_cmpuint (n_ids, ==, 1);
      techniques = fascia_plan_target_get_technique_ids (target);
      g_assert_cmpstr (techniques[0], ==, "pin-and-stretch");
      g_assert_cmpuint (g_list_model_get_n_items (marks), ==,
                        from >= 17 ? 6 : from >= 15 ? 5 : 1);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
    }

  if (from >= 2)
    {
      g_autoptr(FasciaStudyItem) item = fascia_store_get_study_item (store, "iliacus", "nerve",
                                                                     &error);

      g_assert_no_error (error);
      g_assert_cmpuint (fascia_study_item_get_box (item), ==, 2);
    }

  if (from >= 3)
    {
      g_autoptr(FasciaClient) client = fascia_store_get_client (store, 1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (fascia_client_get_health_flags (client), ==,
                       FASCIA_HEALTH_PREGNANCY | FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR |
                       FASCIA_HEALTH_STOMA);
      g_assert_cmpuint (fascia_client_get_pregnancy_trimester (client), ==, 2);
    }

  if (from >= 4)
    {
      g_autoptr(GListModel) found = fascia_store_list_clients (store, "quin", 0, &error);
      g_autoptr(GListModel) by_phone = fascia_store_list_clients (store, "0199", 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (by_phone), ==, 1);
    }

  /* A search leaves out the archived clients it finds, counted apart through the index of
   * 006. */
  if (from >= 4)
    {
      g_autoptr(GListModel) found = NULL;
      g_autoptr(GListModel) all = NULL;

      g_assert_true (fascia_store_set_client_archived (store, 2, TRUE, &error));
      found = fascia_store_list_clients (store, "quince", 0, &error);
      all = fascia_store_list_clients (store, "quince", FASCIA_STORE_LIST_ARCHIVED, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
    }

  /* 016: a free mark made on a drawing before it was redrawn to reach the knee lies on the
   * same spot of the body on the drawing as it is (the Front view's frame moved up 273.6
   * units; the superficial views drawn at 0.85 and 0.9 of their scale); one made on the Front
   * view as it is now stays where it is. 017: one that says it is on the Front view's drawing
   * of before is read where 016 would have put it. */
  if (from >= 15)
    {
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (store, 1, &error);
      static const struct {
        gint64 id;
        double x, y;
        guint  drawing;
      } moved[] = {
        { 11, 600, 226.4, 2 }, { 12, 600, 500, 2 }, { 14, 420, 638, 2 }, { 15, 600, 226.4, 2 },
        /* and 019: the back superficial view redrawn again, to below the knee, at 1.47 units to
         * the millimetre and −100 mm at y 165.65, not at 1.53 and y 172.55 */
        { 13, 355, 414.7333333, 3 },
      };
      guint n_found = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (marks); i++)
        {
          g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, i);

          for (guint j = 0; j < G_N_ELEMENTS (moved); j++)
            if (fascia_pain_mark_get_id (mark) == moved[j].id)
              {
                g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_x (mark), moved[j].x, 1e-6);
                g_assert_cmpfloat_with_epsilon (fascia_pain_mark_get_y (mark), moved[j].y, 1e-6);
                /* 017: each on the current drawing of its view, read so */
                g_assert_cmpuint (fascia_pain_mark_get_drawing (mark), ==, moved[j].drawing);
                n_found++;
              }
        }
      g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (moved) - (from < 17));
    }

  /* 017: a mark on a view never redrawn is on its first drawing. */
  if (from >= 1)
    {
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (store, 1, &error);
      g_autoptr(FasciaPainMark) first = g_list_model_get_item (marks, 0);

      g_assert_no_error (error);
      g_assert_cmpstr (fascia_pain_mark_get_view_id (first), ==, "posterior-deep");
      g_assert_cmpuint (fascia_pain_mark_get_drawing (first), ==, 1);
    }

  /* Rows from before 007 are at their first revision, and a save counts on from there. */
  if (from >= 1)
    {
      g_autoptr(FasciaVisit) visit = fascia_store_get_visit (store, 1, &error);
      g_autoptr(FasciaClient) client = fascia_store_get_client (store, 1, &error);
      gint64 revision = from >= 7 ? 4 : 1;

      g_assert_no_error (error);
      g_assert_cmpint (fascia_visit_get_revision (visit), ==, revision);
      g_assert_cmpint (fascia_client_get_revision (client), ==, 1);
      fascia_visit_set_objective (visit, "Piriformis taut on the right");
      g_assert_true (fascia_store_update_visit (store, visit, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fascia_visit_get_revision (visit), ==, revision + 1);
    }

  /* A row that repeats a client is found through the indexes of 005, whatever the case of
   * its email address. */
  if (from >= 1)
    {
      static const char csv[] = "name,email\nSomeone Else,MIRA@EXAMPLE.ORG\n";
      g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
      guint n_imported = G_MAXUINT;

      g_assert_true (fascia_store_import_clients (store, bytes, &n_imported, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_imported, ==, 0);
    }

  /* And the upgraded database takes new data in every table, counted exactly. */
  {
    g_autoptr(FasciaClient) client = fascia_client_new ();
    guint n_clients = (from >= 1) + (from >= 4) + (from >= 5);
    g_autoptr(GListModel) before = fascia_store_list_clients (store, "",
                                                              FASCIA_STORE_LIST_ARCHIVED,
                                                              &error);
    g_autoptr(GListModel) after = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (before), ==, n_clients);
    fascia_client_set_name (client, "After the upgrade");
    g_assert_true (fascia_store_add_client (store, client, &error));
    after = fascia_store_list_clients (store, "", FASCIA_STORE_LIST_ARCHIVED, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (after), ==, n_clients + 1);
    g_assert_true (fascia_store_add_study_result (store, "piriformis", "find-muscle", TRUE, NULL,
                                                  &error));
    g_assert_no_error (error);
  }

  /* A mark added carries the token its INSERT was sent with, each token once (013): the
   * journal's replay asks for it. */
  if (from >= 1)
    {
      g_autofree char *token = fascia_store_new_add_token ();

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();

          fascia_pain_mark_set_visit_id (mark, 1);
          fascia_pain_mark_set_view_id (mark, "posterior-deep");
          fascia_pain_mark_set_region_id (mark, "m-piriformis-r");
          fascia_pain_mark_set_intensity (mark, 2);
          g_assert_true (fascia_store_add_pain_mark_token (store, mark, token, &error) == (i == 0));
          g_assert_true ((error == NULL) == (i == 0));
          g_clear_error (&error);
        }
    }

  g_assert_finalize_object (g_steal_pointer (&store));
  fascia_test_rm_rf (dir);
}

/* Opening twice migrates once: the second open finds the latest version. */
static void
test_migrate_idempotent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (fascia_store_migrate (db, fascia_store_get_latest_schema_version (), &error));
  g_assert_true (fascia_store_migrate (db, fascia_store_get_latest_schema_version (), &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  fascia_test_rm_rf (dir);
}

/* The schema written at build time for the latest version is the one the migrations build
 * now, object for object, SQL for SQL. */
static void
test_generated_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (FASCIA_REFERENCE_SCHEMA_VERSION, ==, fascia_store_get_latest_schema_version ());
  g_assert_cmpint (FASCIA_REFERENCE_SCHEMA_SQLITE, ==, sqlite3_libversion_number ());

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (fascia_store_migrate (db, fascia_store_get_latest_schema_version (), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, ifnull(sql, '(none)') "
                                           "FROM sqlite_schema", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (built, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_strdup_printf ("%s|%s|%s", sqlite3_column_text (stmt, 0),
                                          sqlite3_column_text (stmt, 2),
                                          sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (G_N_ELEMENTS (fascia_reference_schema), ==, g_hash_table_size (built));
  for (guint i = 0; i < G_N_ELEMENTS (fascia_reference_schema); i++)
    {
      g_autofree char *written = g_strdup_printf ("%s|%s|%s", fascia_reference_schema[i].type,
                                                  fascia_reference_schema[i].table,
                                                  fascia_reference_schema[i].sql != NULL
                                                  ? fascia_reference_schema[i].sql : "(none)");

      g_assert_cmpstr (g_hash_table_lookup (built, fascia_reference_schema[i].name), ==,
                       written);
    }
}

/* A file at the latest version is checked against the schema written at build time: opening
 * it runs no migration into a database in memory (about 15 ms of processor time at every
 * start). One at an older version still is checked against what its migrations build. In a
 * process of its own, where nothing has built a reference yet. */
static void
test_open_builds_no_schema (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = fascia_test_make_tmpdir ();
    g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);
    g_autofree char *older = g_build_filename (dir, "older.db", NULL);
    g_autoptr(FasciaStore) store = NULL;
    sqlite3 *db = NULL;

    store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    /* Made: now opened as a file someone gives Fascia, its schema checked. */
    store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
    g_clear_object (&store);
    g_assert_cmpuint (fascia_store_count_reference_builds (), ==, 0);

    g_assert_cmpint (sqlite3_open (older, &db), ==, SQLITE_OK);
    g_assert_true (fascia_store_migrate (db, 3, &error));
    g_assert_no_error (error);
    sqlite3_close (db);
    store = fascia_store_open_full (older, FASCIA_STORE_OPEN_NO_BACKUP, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
    g_assert_cmpuint (fascia_store_count_reference_builds (), ==, 1);
    g_clear_object (&store);
    fascia_test_rm_rf (dir);
  }
}

/* A clinic database opened twice is upgraded once; one a newer Fascia set up is refused,
 * untouched. */
static void
test_migrate_postgresql_versions (void)
{
  g_autofree char *conninfo = pg_server_new_database ();
  int latest = fascia_store_get_latest_schema_version ();
  g_autofree char *newer = g_strdup_printf ("INSERT INTO schema_version (version) VALUES (%d)",
                                            latest + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaDbStmt) stmt = NULL;
  FasciaDb *db;

  store = fascia_store_open (conninfo, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = fascia_store_open (conninfo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_store_get_schema_version (store), ==, latest);
  g_clear_object (&store);

  db = fascia_db_postgres_open_at (conninfo, latest, &error);
  g_assert_no_error (error);
  stmt = fascia_db_prepare (db, "SELECT count(*) FROM schema_version", FALSE, &error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 0), ==, latest);
  g_clear_pointer (&stmt, fascia_db_stmt_free);
  fascia_db_exec (db, newer, &error);
  g_assert_no_error (error);
  fascia_db_close (db);

  store = fascia_store_open (conninfo, &error);
  g_assert_null (store);
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Fascia"));
  g_assert_null (strchr (error->message, '\n'));
}

/* A clinic set up before 015 (its roles made by --setup-clinic) and upgraded by opening it:
 * every search reads the stamp of changes to clients, so the therapists and the front desk
 * may read it at once, without --setup-clinic run again. */
static void
test_migrate_postgresql_clinic_stamp (void)
{
  g_autofree char *conninfo = pg_server_new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaDbStmt) stmt = NULL;
  FasciaDb *db;

  db = fascia_db_postgres_open_at (conninfo, 0, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_db_postgres_migrate (db, 14, &error));
  g_assert_no_error (error);
  fascia_db_exec (db, "DO $$ BEGIN "
                      "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_therapist') "
                      "THEN CREATE ROLE fascia_therapist NOLOGIN; END IF; "
                      "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_reception') "
                      "THEN CREATE ROLE fascia_reception NOLOGIN; END IF; END $$", &error);
  g_assert_no_error (error);
  fascia_db_close (db);

  store = fascia_store_open (conninfo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_store_get_schema_version (store), ==,
                   fascia_store_get_latest_schema_version ());
  g_clear_object (&store);

  db = fascia_db_postgres_open_at (conninfo, fascia_store_get_latest_schema_version (), &error);
  g_assert_no_error (error);
  stmt = fascia_db_prepare (db, "SELECT has_table_privilege ('fascia_therapist', "
                                "'fascia.client_changes', 'SELECT')::int, "
                                "has_table_privilege ('fascia_reception', "
                                "'fascia.client_changes', 'SELECT')::int, "
                                "has_table_privilege ('fascia_reception', "
                                "'fascia.client_changes', 'UPDATE')::int", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_db_step (stmt, &error), ==, FASCIA_DB_ROW);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 0), ==, 1);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 1), ==, 1);
  g_assert_cmpint (fascia_db_column_int64 (stmt, 2), ==, 0);
  g_clear_pointer (&stmt, fascia_db_stmt_free);
  fascia_db_close (db);
}

/* Each redraw of a view came with a migration of its own (fascia-view-drawing.c): a database
 * holding marks on the new drawing is then refused by a Fascia that knows only the drawing
 * before, which would show them on other anatomy: each drawing of a view after the first has
 * a migration later than its drawing before's, and none later than the latest. */
static void
test_drawings_migrated (void)
{
  g_autoptr(GError) error = NULL;
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);
  GListModel *views;
  int latest = fascia_store_get_latest_schema_version ();
  guint n_redraws = 0;

  g_assert_no_error (error);
  views = fascia_atlas_get_views (atlas);
  for (guint v = 0; v < g_list_model_get_n_items (views); v++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, v);
      const char *id = fascia_view_get_id (view);
      guint current = fascia_view_drawing_current (id);
      guint before = 0;

      g_assert_cmpuint (fascia_view_drawing_get_schema (id, 1), ==, 0);
      for (guint d = 2; d <= current; d++)
        {
          guint schema = fascia_view_drawing_get_schema (id, d);

          if (schema <= before || schema > (guint) latest)
            g_error ("The %s view's drawing %u came with migration %u, after its drawing %u's "
                     "%u and at most the latest, %d: a redraw needs a migration of its own",
                     id, d, schema, d - 1, before, latest);
          before = schema;
          n_redraws++;
        }
    }
  /* Three views were redrawn to reach the knee, with 016. */
  g_assert_cmpuint (n_redraws, >=, 3);
  g_assert_cmpuint (fascia_view_drawing_get_schema ("anterior", 2), ==, 16);
  g_assert_cmpuint (fascia_view_drawing_get_schema ("anterior", 99), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int v = 0; v < fascia_store_get_latest_schema_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/core/store/migrate-from-%d", v);
      g_autofree char *pg_path = g_strdup_printf ("/postgresql/fascia/core/store/migrate-from-%d",
                                                  v);

      g_test_add_data_func (path, GINT_TO_POINTER (v), test_migrate_from);
      g_test_add_data_func (pg_path, GINT_TO_POINTER (v | 0x10000), test_migrate_from);
    }
  g_test_add_func ("/fascia/core/store/migrate-idempotent", test_migrate_idempotent);
  g_test_add_func ("/fascia/core/store/generated-schema", test_generated_schema);
  g_test_add_func ("/fascia/core/store/open-builds-no-schema", test_open_builds_no_schema);
  g_test_add_func ("/fascia/core/store/drawings-migrated", test_drawings_migrated);
  g_test_add_func ("/postgresql/fascia/core/store/migrate-versions",
                   test_migrate_postgresql_versions);
  g_test_add_func ("/postgresql/fascia/core/store/migrate-clinic-stamp",
                   test_migrate_postgresql_clinic_stamp);

  return g_test_run ();
}
