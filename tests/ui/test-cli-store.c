/* test-cli-store.c — the headless store commands: --import-clients, --backup, --restore,
 * --create-demo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fascia/fascia-store.h"
#include "fascia-test-utils.h"

static const char * const no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

static char *
csv_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
}

/* Runs fascia and keeps what it prints out of the test's TAP output. */
static int
run_quietly (const char **args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  return fascia_test_run_fascia (args, no_display, &out, &err);
}

static guint
count_clients (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = fascia_store_open_full (database, FASCIA_STORE_OPEN_NO_BACKUP,
                                                         &error);
  g_autoptr(GListModel) clients = NULL;

  g_assert_no_error (error);
  clients = fascia_store_list_clients (store, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (clients);
}

static void
test_import (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (tmp, "fascia.db", NULL);
  g_autofree char *good = csv_path ("good.csv");
  g_autofree char *bad = csv_path ("bad-row.csv");
  g_autofree char *unknown = csv_path ("unknown-column.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *good_args[] = { "--database", db, "--import-clients", good, NULL };
  const char *bad_args[] = { "--database", db, "--import-clients", bad, NULL };
  const char *unknown_args[] = { "--database", db, "--import-clients", unknown, NULL };

  g_assert_cmpint (fascia_test_run_fascia (good_args, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 4 clients"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* One line naming the bad row; nothing from the file is kept. */
  g_assert_cmpint (fascia_test_run_fascia (bad_args, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "line 3:"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_assert_null (strchr (g_strstrip (err), '\n'));
  g_assert_cmpuint (count_clients (db), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (fascia_test_run_fascia (unknown_args, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "ignored unknown columns: address, favourite colour"));
  g_assert_cmpuint (count_clients (db), ==, 5);

  fascia_test_rm_rf (tmp);
}

static void
test_import_options (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (tmp, "fascia.db", NULL);
  g_autofree char *dates = csv_path ("dates-ambiguous.csv");
  g_autofree char *good = csv_path ("good.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *no_order[] = { "--database", db, "--import-clients", dates, NULL };
  const char *bad_order[] = { "--database", db, "--import-clients", dates,
                              "--date-order", "dym", NULL };
  const char *dmy[] = { "--database", db, "--import-clients", dates, "--date-order", "dmy", NULL };
  const char *good_args[] = { "--database", db, "--import-clients", good, NULL };
  const char *merge[] = { "--database", db, "--import-clients", good, "--duplicates", "merge",
                          NULL };
  const char *bad_choice[] = { "--database", db, "--import-clients", good, "--duplicates",
                               "overwrite", NULL };

  g_assert_cmpint (fascia_test_run_fascia (no_order, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "line 2: “03/04/1980” could be day first or month first"));
  g_assert_null (strchr (g_strstrip (err), '\n'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (fascia_test_run_fascia (bad_order, no_display, &out, &err), !=, 0);
  g_assert_cmpstr (err, ==, "fascia: unknown date order “dym”: use dmy, mdy or ymd\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_clients (db), ==, 0);

  g_assert_cmpint (fascia_test_run_fascia (dmy, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 clients"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file twice: its clients are there already, but for the one with neither an
   * email address nor a date of birth to tell it by. */
  g_assert_cmpint (fascia_test_run_fascia (good_args, no_display, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (good_args, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 1 client into"));
  g_assert_nonnull (strstr (out, "Skipped 3 rows for clients already there"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (merge, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Merged 3 rows into clients already there"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpuint (count_clients (db), ==, 2 + 4 + 1 + 1);

  g_assert_cmpint (fascia_test_run_fascia (bad_choice, no_display, &out, &err), !=, 0);
  g_assert_cmpstr (err, ==,
                   "fascia: unknown choice for duplicates “overwrite”: use skip, merge or add\n");

  fascia_test_rm_rf (tmp);
}

static void
test_fhir (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (tmp, "demo.db", NULL);
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *bundle = g_build_filename (tmp, "clinic.json", NULL);
  g_autofree char *again = g_build_filename (tmp, "again.json", NULL);
  g_autofree char *one = g_build_filename (tmp, "one.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *create[] = { "--create-demo", demo, NULL };
  const char *export_all[] = { "--database", demo, "--export-fhir", "--output", bundle, NULL };
  const char *export_one[] = { "--database", demo, "--export-fhir=2", "--output", one, NULL };
  const char *no_output[] = { "--database", demo, "--export-fhir", NULL };
  const char *bad_id[] = { "--database", demo, "--export-fhir=two", "--output", one, NULL };
  const char *import[] = { "--database", copy, "--import-fhir", bundle, NULL };
  const char *import_text[] = { "--database", copy, "--import-fhir", demo, NULL };
  const char *import_merge[] = { "--database", copy, "--import-fhir", bundle,
                                 "--on-duplicate", "merge", NULL };
  const char *import_skip[] = { "--database", copy, "--import-fhir", bundle,
                                "--on-duplicate=skip", NULL };
  const char *import_wrong[] = { "--database", copy, "--import-fhir", bundle,
                                 "--on-duplicate", "replace", NULL };
  const char *export_copy[] = { "--database", copy, "--export-fhir", "--output", again, NULL };
  GStatBuf st;

  g_assert_cmpint (run_quietly (create), ==, 0);
  g_assert_cmpint (fascia_test_run_fascia (export_all, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote the records to"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Client data: readable by its owner only. */
  g_assert_cmpint (g_stat (bundle, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (run_quietly (export_one), ==, 0);
  g_assert_cmpint (fascia_test_run_fascia (no_output, no_display, &out, &err), !=, 0);
  g_assert_cmpstr (err, ==, "fascia: --export-fhir needs --output FILE\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (bad_id, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "not “two”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A database is no bundle: refused in one line, nothing imported. */
  g_assert_cmpint (fascia_test_run_fascia (import_text, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_assert_null (strchr (g_strstrip (err), '\n'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A point said to be on a drawing its view never had: refused in one line naming the file,
   * the mark and why, nothing imported. */
  {
    g_autofree char *crafted = g_build_filename (tmp, "crafted.json", NULL);
    g_autofree char *crafted_db = g_build_filename (tmp, "crafted.db", NULL);
    g_autofree char *empty = g_build_filename (tmp, "empty.json", NULL);
    g_autofree char *text = NULL;
    g_autofree char *changed = NULL;
    g_autofree char *left = NULL;
    g_autoptr(GRegex) drawing = g_regex_new ("(StructureDefinition/drawing\",\\s*"
                                             "\"valueInteger\" : )\\d+", 0, 0, NULL);
    const char *import_crafted[] = { "--database", crafted_db, "--import-fhir", crafted, NULL };
    const char *export_crafted[] = { "--database", crafted_db, "--export-fhir", "--output",
                                     empty, NULL };

    g_assert_true (g_file_get_contents (bundle, &text, NULL, NULL));
    changed = g_regex_replace (drawing, text, -1, 0, "\\g<1>7", 0, NULL);
    g_assert_cmpstr (changed, !=, text);
    g_assert_true (g_file_set_contents (crafted, changed, -1, NULL));
    g_assert_cmpint (fascia_test_run_fascia (import_crafted, no_display, &out, &err), ==, 1);
    g_test_message ("%s", err);
    g_assert_true (g_str_has_prefix (err, "fascia: "));
    g_assert_nonnull (strstr (err, crafted));
    g_assert_nonnull (strstr (err, "is on drawing 7 of the"));
    g_assert_nonnull (strstr (err, "(nothing was imported)"));
    g_assert_null (strchr (g_strstrip (err), '\n'));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_quietly (export_crafted), ==, 0);
    g_assert_true (g_file_get_contents (empty, &left, NULL, NULL));
    g_assert_null (strstr (left, "\"Patient\""));
  }

  g_assert_cmpint (fascia_test_run_fascia (import, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported the records of 12 clients"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_quietly (export_copy), ==, 0);
  g_assert_true (g_file_get_contents (bundle, &first, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &second, NULL, NULL));
  g_assert_cmpstr (first, ==, second);
  g_clear_pointer (&second, g_free);

  /* The same bundle again: refused in one line naming a duplicate and the choice. */
  g_assert_cmpint (fascia_test_run_fascia (import, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "is already a client"));
  g_assert_nonnull (strstr (err, "choose --on-duplicate skip, merge or add"));
  g_assert_null (strchr (g_strstrip (err), '\n'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (import_wrong, no_display, &out, &err), !=, 0);
  g_assert_cmpstr (err, ==,
                   "fascia: unknown choice for --on-duplicate “replace”: use skip, merge or add\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Merged, twice: nothing changes. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_cmpint (fascia_test_run_fascia (import_merge, no_display, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, "Merged 12 clients already there: added 0 plans and 0 "
                                     "visits"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpint (fascia_test_run_fascia (import_skip, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Skipped 12 clients already there"));
  g_assert_cmpint (run_quietly (export_copy), ==, 0);
  g_assert_true (g_file_get_contents (again, &second, NULL, NULL));
  g_assert_cmpstr (first, ==, second);

  fascia_test_rm_rf (tmp);
}

static void
test_exports (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (tmp, "demo.db", NULL);
  g_autofree char *csv = g_build_filename (tmp, "visits.csv", NULL);
  g_autofree char *vcf = g_build_filename (tmp, "clients.vcf", NULL);
  g_autofree char *pdf = g_build_filename (tmp, "chart.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmp, "none.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  const char *create[] = { "--create-demo", demo, NULL };
  const char *visits[] = { "--database", demo, "--export-csv", "visits", "--bom", "--output", csv,
                           NULL };
  const char *bad_kind[] = { "--database", demo, "--export-csv", "payments", "--output", csv,
                             NULL };
  const char *vcard[] = { "--database", demo, "--export-vcard", "--output", vcf, NULL };
  const char *chart[] = { "--database", demo, "--export-chart", "1", "--output", pdf, NULL };
  const char *no_client[] = { "--database", demo, "--export-chart", "4242", "--output", pdf,
                              NULL };
  const char *no_db[] = { "--database", missing, "--export-vcard", "--output", vcf, NULL };
  GStatBuf st;

  g_assert_cmpint (run_quietly (create), ==, 0);

  g_assert_cmpint (fascia_test_run_fascia (visits, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 30 rows to"));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "client id,client,visit id,date"));
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (fascia_test_run_fascia (bad_kind, no_display, &out, &err), !=, 0);
  g_assert_cmpstr (err, ==,
                   "fascia: --export-csv exports clients, visits or pain-marks, not “payments”\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (fascia_test_run_fascia (vcard, no_display, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (vcf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (fascia_test_run_fascia (chart, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote the chart to"));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (fascia_test_run_fascia (no_client, no_display, &out, &err), !=, 0);
  g_assert_null (strchr (g_strstrip (err), '\n'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An export reads a database; it never creates an empty one. */
  g_assert_cmpint (fascia_test_run_fascia (no_db, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "there is no client database at"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  fascia_test_rm_rf (tmp);
}

static void
test_backup_restore (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (tmp, "fascia.db", NULL);
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *text = g_build_filename (tmp, "text.db", NULL);
  g_autofree char *good = csv_path ("good.csv");
  g_autofree char *quoted = csv_path ("quoted.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *import_good[] = { "--database", db, "--import-clients", good, NULL };
  const char *import_quoted[] = { "--database", db, "--import-clients", quoted, NULL };
  const char *backup[] = { "--database", db, "--backup", copy, NULL };
  const char *restore[] = { "--database", db, "--restore", copy, NULL };
  const char *restore_text[] = { "--database", db, "--restore", text, NULL };

  g_assert_cmpint (run_quietly (import_good), ==, 0);
  g_assert_cmpint (fascia_test_run_fascia (backup, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, copy));
  g_assert_cmpint (run_quietly (import_quoted), ==, 0);
  g_assert_cmpuint (count_clients (db), ==, 6);

  /* Not a Fascia database: refused, nothing changes. */
  g_assert_true (g_file_set_contents (text, "name,email\n", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (restore_text, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "not a Fascia database"));
  g_assert_cmpuint (count_clients (db), ==, 6);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (fascia_test_run_fascia (restore, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "kept as"));
  g_assert_cmpuint (count_clients (db), ==, 4);

  fascia_test_rm_rf (tmp);
}

static void
test_create_demo (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (tmp, "demo", "demo.db", NULL);
  g_autofree char *real = g_build_filename (tmp, "fascia.db", NULL);
  g_autofree char *good = csv_path ("good.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  const char *create[] = { "--create-demo", demo, NULL };
  const char *over_real[] = { "--create-demo", real, NULL };
  const char *import[] = { "--database", real, "--import-clients", good, NULL };

  g_assert_cmpint (run_quietly (create), ==, 0);
  g_assert_cmpuint (count_clients (demo), ==, 12);

  /* A second run replaces the demo. */
  g_assert_cmpint (run_quietly (create), ==, 0);
  g_assert_cmpuint (count_clients (demo), ==, 12);

  /* A real database is never overwritten. */
  g_assert_cmpint (run_quietly (import), ==, 0);
  g_assert_true (g_file_get_contents (real, &before, &before_length, NULL));
  g_assert_cmpint (fascia_test_run_fascia (over_real, no_display, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "is not a Fascia demo"));
  g_assert_true (g_file_get_contents (real, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  fascia_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/ui/cli/import-clients", test_import);
  g_test_add_func ("/fascia/ui/cli/import-clients-options", test_import_options);
  g_test_add_func ("/fascia/ui/cli/fhir", test_fhir);
  g_test_add_func ("/fascia/ui/cli/exports", test_exports);
  g_test_add_func ("/fascia/ui/cli/backup-restore", test_backup_restore);
  g_test_add_func ("/fascia/ui/cli/create-demo", test_create_demo);

  return g_test_run ();
}
