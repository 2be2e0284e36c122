/* test-csv-import.c — client CSV files as other programs write them: header names, separators,
 * encodings, date orders, intake flags, duplicates, and bad rows named by line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-intake.h"
#include "fascia/fascia-records-export.h"
#include "fascia-csv-private.h"
#include "store-fixture.h"

static GBytes *
read_data (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static guint
count (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, NULL,
                                                          FASCIA_STORE_LIST_NONE, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

/* The one client whose name matches @query. */
static FasciaClient *
find (StoreFixture *fixture,
      const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store, query,
                                                          FASCIA_STORE_LIST_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  return g_list_model_get_item (list, 0);
}

static FasciaCsvImport *
open_import (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_data (name);
  FasciaCsvImport *import = fascia_csv_import_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

typedef struct
{
  const char      *file;
  const char      *encoding;
  char             separator;
  FasciaDateOrder  detected;
  guint            n_added;
  /* "name|email|phone|date of birth|notes" of one client it adds */
  const char      *query;
  const char      *expected;
} ShapeCase;

static const ShapeCase shape_cases[] = {
  { "aliases.csv", "UTF-8", ',', FASCIA_DATE_ORDER_YMD, 2, "oakhollow",
    "Marguerite Oakhollow|marguerite@example.org|07700 900123|1979-06-21|" },
  { "aliases.csv", "UTF-8", ',', FASCIA_DATE_ORDER_YMD, 2, "wrenfield",
    "Tobias Wrenfield||+44 7700 900456||" },
  { "semicolon.csv", "UTF-8", ';', FASCIA_DATE_ORDER_DMY, 2, "duverger",
    "Hélène Duverger||06 12 34 56 78|1980-03-14|Sciatica; left side" },
  /* 14/03/1980 made the file day-first, so 03/04/1985 is the 3rd of April. */
  { "semicolon.csv", "UTF-8", ';', FASCIA_DATE_ORDER_DMY, 2, "besnard",
    "Anouk Besnard|||1985-04-03|" },
  { "tab.csv", "UTF-8", '\t', FASCIA_DATE_ORDER_YMD, 2, "kowalczyk",
    "Agnieszka Kowalczyk||555-0199|1992-12-01|" },
  { "tab.csv", "UTF-8", '\t', FASCIA_DATE_ORDER_YMD, 2, "lindqvist", "Björn Lindqvist||||" },
  { "utf16le.csv", "UTF-16LE", '\t', FASCIA_DATE_ORDER_MDY, 2, "maas",
    "Œdipa Maas|oedipa@example.com||1971-05-23|" },
  { "utf16le.csv", "UTF-16LE", '\t', FASCIA_DATE_ORDER_MDY, 2, "angstrom", "Zoë Ångström||||" },
  { "utf16be-nobom.csv", "UTF-16BE", ',', FASCIA_DATE_ORDER_UNKNOWN, 1, "keziah",
    "Keziah Brightwater||555-0142||" },
  { "windows-1252.csv", "Windows-1252", ',', FASCIA_DATE_ORDER_UNKNOWN, 1, "renee",
    "Renée Fürstenberg||||Paid €40 ’cash’" },
  { "latin1.csv", "Windows-1252", ',', FASCIA_DATE_ORDER_UNKNOWN, 1, "jose", "José Café||||latin-1" },
  { "bom.csv", "UTF-8 with BOM", ',', FASCIA_DATE_ORDER_YMD, 2, "zoe",
    "Zoë Marchpane|zoe@example.com|555 0199|1985-02-28|" },
  { "dates-mdy.csv", "UTF-8", ',', FASCIA_DATE_ORDER_MDY, 2, "marchbanks",
    "Elsie Marchbanks|||1990-07-04|" },
};

static void
test_shapes (StoreFixture  *fixture,
             gconstpointer  data)
{
  const ShapeCase *sc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import (sc->file);
  g_autoptr(FasciaClient) client = NULL;
  g_autofree char *found = NULL;
  FasciaCsvImportCounts counts;

  g_assert_cmpstr (fascia_csv_import_get_encoding (import), ==, sc->encoding);
  g_assert_cmpint (fascia_csv_import_get_separator (import), ==, sc->separator);
  g_assert_cmpint (fascia_csv_import_get_date_order (import), ==, sc->detected);

  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                          &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, sc->n_added);
  g_assert_cmpuint (count (fixture), ==, sc->n_added);

  client = find (fixture, sc->query);
  found = g_strdup_printf ("%s|%s|%s|%s|%s", fascia_client_get_name (client),
                           fascia_client_get_email (client), fascia_client_get_phone (client),
                           fascia_client_get_date_of_birth (client) != NULL
                           ? fascia_client_get_date_of_birth (client) : "",
                           fascia_client_get_notes (client));
  g_assert_cmpstr (found, ==, sc->expected);
}

static void
test_header_aliases (void)
{
  g_autoptr(FasciaCsvImport) import = open_import ("aliases.csv");
  g_auto(GStrv) ignored = fascia_csv_import_get_ignored (import);
  static const FasciaCsvField expected[] = {
    FASCIA_CSV_FIELD_FIRST_NAME, FASCIA_CSV_FIELD_LAST_NAME, FASCIA_CSV_FIELD_EMAIL,
    FASCIA_CSV_FIELD_PHONE, FASCIA_CSV_FIELD_DATE_OF_BIRTH, FASCIA_CSV_FIELD_IGNORE,
  };

  g_assert_cmpuint (fascia_csv_import_get_n_columns (import), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (fascia_csv_import_get_field (import, i), ==, expected[i]);
  g_assert_cmpuint (g_strv_length (ignored), ==, 1);
  g_assert_cmpstr (ignored[0], ==, "Address");

  /* Choosing a field for a column takes it from the column that had it. */
  fascia_csv_import_set_field (import, 5, FASCIA_CSV_FIELD_EMAIL);
  g_assert_cmpint (fascia_csv_import_get_field (import, 2), ==, FASCIA_CSV_FIELD_IGNORE);
  g_assert_cmpint (fascia_csv_import_get_field (import, 5), ==, FASCIA_CSV_FIELD_EMAIL);
  g_assert_cmpuint (fascia_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (fascia_csv_import_get_line (import, 1), ==, 3);
  g_assert_cmpstr (fascia_csv_import_get_value (import, 0, 5), ==, "1 Mill Lane");
}

/* A copy has the same rows and a mapping of its own: what a worker checks while the user goes
 * on choosing. */
static void
test_copy (void)
{
  g_autoptr(FasciaCsvImport) import = open_import ("aliases.csv");
  g_autoptr(FasciaCsvImport) copy = fascia_csv_import_copy (import);

  g_assert_cmpuint (fascia_csv_import_get_n_columns (copy), ==,
                    fascia_csv_import_get_n_columns (import));
  g_assert_cmpuint (fascia_csv_import_get_n_rows (copy), ==, 2);
  g_assert_cmpuint (fascia_csv_import_get_line (copy, 1), ==, 3);
  g_assert_cmpstr (fascia_csv_import_get_value (copy, 0, 5), ==, "1 Mill Lane");
  g_assert_cmpstr (fascia_csv_import_get_header (copy, 5), ==, "Address");
  g_assert_cmpstr (fascia_csv_import_get_encoding (copy), ==,
                   fascia_csv_import_get_encoding (import));

  fascia_csv_import_set_field (import, 5, FASCIA_CSV_FIELD_EMAIL);
  fascia_csv_import_set_date_order (import, FASCIA_DATE_ORDER_MDY);
  g_assert_cmpint (fascia_csv_import_get_field (copy, 2), ==, FASCIA_CSV_FIELD_EMAIL);
  g_assert_cmpint (fascia_csv_import_get_field (copy, 5), ==, FASCIA_CSV_FIELD_IGNORE);
  g_assert_cmpint (fascia_csv_import_get_date_order (copy), !=, FASCIA_DATE_ORDER_MDY);

  /* The rows outlive the import they were read for. */
  g_clear_object (&import);
  g_assert_cmpstr (fascia_csv_import_get_value (copy, 1, 0), !=, NULL);
}

/* The date order is read from the rows when first asked for, which a check or an import
 * does in its worker on a copy: neither reading the file nor mapping a column reads every
 * row again (in the window, for each change of the mapping). */
static void
test_order_detected_when_asked (void)
{
  g_autoptr(FasciaCsvImport) import = open_import ("dates-ambiguous.csv");
  g_autoptr(FasciaCsvImport) copy = NULL;
  guint column = 0;

  while (fascia_csv_import_get_field (import, column) != FASCIA_CSV_FIELD_DATE_OF_BIRTH)
    column++;
  g_assert_cmpuint (fascia_csv_import_get_n_order_scans (import), ==, 0);
  fascia_csv_import_set_field (import, column, FASCIA_CSV_FIELD_IGNORE);
  fascia_csv_import_set_field (import, column, FASCIA_CSV_FIELD_DATE_OF_BIRTH);
  g_assert_cmpuint (fascia_csv_import_get_n_order_scans (import), ==, 0);

  copy = fascia_csv_import_copy (import);
  g_assert_cmpint (fascia_csv_import_get_date_order (copy), ==, FASCIA_DATE_ORDER_UNKNOWN);
  g_assert_cmpuint (fascia_csv_import_get_n_order_scans (copy), ==, 1);
  g_assert_cmpuint (fascia_csv_import_get_n_order_scans (import), ==, 0);
  /* Once read, kept. */
  g_assert_cmpint (fascia_csv_import_get_detected_date_order (copy), ==,
                   FASCIA_DATE_ORDER_UNKNOWN);
  g_assert_cmpuint (fascia_csv_import_get_n_order_scans (copy), ==, 1);
}

static void
test_date_order (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import ("dates-ambiguous.csv");
  g_autoptr(FasciaClient) finnian = NULL;
  g_autoptr(FasciaClient) gwendolyn = NULL;

  /* 03/04/1980 and 05.06.1990 could be either: the user must choose. */
  g_assert_cmpint (fascia_csv_import_get_date_order (import), ==, FASCIA_DATE_ORDER_UNKNOWN);
  g_assert_false (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                           &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "line 2: “03/04/1980” could be day first"));
  g_assert_nonnull (strstr (error->message, "; line 3: “05.06.1990”"));
  g_assert_cmpuint (count (fixture), ==, 0);
  g_clear_error (&error);

  fascia_csv_import_set_date_order (import, FASCIA_DATE_ORDER_DMY);
  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                          &error));
  g_assert_no_error (error);
  finnian = find (fixture, "finnian");
  gwendolyn = find (fixture, "gwendolyn");
  g_assert_cmpstr (fascia_client_get_date_of_birth (finnian), ==, "1980-04-03");
  g_assert_cmpstr (fascia_client_get_date_of_birth (gwendolyn), ==, "1990-06-05");
}

static void
test_date_order_mdy_choice (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import ("dates-ambiguous.csv");
  g_autoptr(FasciaClient) finnian = NULL;
  g_autoptr(FasciaCsvImport) dmy = open_import ("semicolon.csv");

  fascia_csv_import_set_date_order (import, FASCIA_DATE_ORDER_MDY);
  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                          &error));
  finnian = find (fixture, "finnian");
  g_assert_cmpstr (fascia_client_get_date_of_birth (finnian), ==, "1980-03-04");

  /* Month first where the file says day first: 14 is no month. */
  fascia_csv_import_set_date_order (dmy, FASCIA_DATE_ORDER_MDY);
  g_assert_false (fascia_store_import_csv (fixture->store, dmy, FASCIA_DUPLICATES_SKIP, NULL,
                                           &error));
  g_assert_cmpstr (error->message, ==,
                   "line 2: “14/03/1980” is not a date in month/day/year order");
}

static void
test_intake (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import ("intake.csv");
  g_autoptr(FasciaCsvImport) bad = open_import ("intake-bad.csv");
  g_autoptr(FasciaClient) imogen = NULL;
  g_autoptr(FasciaClient) jasper = NULL;

  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                          &error));
  g_assert_no_error (error);
  imogen = find (fixture, "imogen");
  jasper = find (fixture, "jasper");
  g_assert_cmpint (fascia_client_get_health_flags (imogen), ==, FASCIA_HEALTH_PREGNANCY);
  g_assert_cmpstr (fascia_client_get_health_notes (imogen), ==, "Due in May");
  g_assert_cmpint (fascia_client_get_health_flags (jasper), ==,
                   FASCIA_HEALTH_ANTICOAGULANTS | FASCIA_HEALTH_OSTEOPOROSIS |
                   FASCIA_HEALTH_RECENT_SURGERY | FASCIA_HEALTH_RED_FLAGS);

  g_assert_false (fascia_store_import_csv (fixture->store, bad, FASCIA_DUPLICATES_SKIP, NULL,
                                           &error));
  g_assert_cmpstr (error->message, ==,
                   "line 3: “maybe” in the pregnancy column is neither yes nor no");
  g_assert_cmpuint (count (fixture), ==, 2);
}

/* Every intake condition a client record holds goes out in the clients CSV and comes back
 * from it: each flag alone, all of them with a trimester, none. */
static void
test_intake_round_trip (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FasciaCsvImport) import = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_object_unref);
  const FasciaHealthFlags *flags;
  FasciaHealthFlags all = FASCIA_HEALTH_NONE;
  guint n_flags = 0;
  const char *text;

  flags = fascia_health_flag_list (&n_flags);
  g_assert_cmpuint (n_flags, ==, 13);
  for (guint i = 0; i <= n_flags + 1; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Intake Case %02u", i);

      fascia_client_set_name (client, name);
      if (i < n_flags)
        {
          fascia_client_set_health_flags (client, flags[i]);
          all |= flags[i];
        }
      else if (i == n_flags)
        {
          fascia_client_set_health_flags (client, all);
          fascia_client_set_pregnancy_trimester (client, 2);
        }
      g_assert_true (fascia_store_add_client (fixture->store, client, &error));
      g_assert_no_error (error);
      g_ptr_array_add (sent, g_steal_pointer (&client));
    }

  bytes = fascia_csv_export (fixture->store, NULL, FASCIA_CSV_EXPORT_CLIENTS,
                             FASCIA_CSV_EXPORT_BOM, NULL, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, ",hip replacement anterior,hip replacement posterior,"
                                  "abdominal hernia,smoker,vascular disease,cancer,stoma,"
                                  "endometriosis,pregnancy trimester,"));

  /* Read back: every column is mapped, and each client comes back as it went out. */
  import = fascia_csv_import_new (bytes, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < fascia_csv_import_get_n_columns (import); c++)
    {
      const char *header = fascia_csv_import_get_header (import, c);

      if (!g_str_equal (header, "id") && !g_str_equal (header, "archived"))
        g_assert_cmpint (fascia_csv_import_get_field (import, c), !=, FASCIA_CSV_FIELD_IGNORE);
    }
  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_ADD, NULL,
                                          &error));
  g_assert_no_error (error);
  for (guint i = 0; i < sent->len; i++)
    {
      FasciaClient *before = g_ptr_array_index (sent, i);
      g_autoptr(GListModel) list = fascia_store_list_clients (fixture->store,
                                                              fascia_client_get_name (before),
                                                              FASCIA_STORE_LIST_NONE, &error);

      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(FasciaClient) after = g_list_model_get_item (list, j);

          g_assert_cmpint (fascia_client_get_health_flags (after), ==,
                           fascia_client_get_health_flags (before));
          g_assert_cmpuint (fascia_client_get_pregnancy_trimester (after), ==,
                            fascia_client_get_pregnancy_trimester (before));
        }
    }
}

/* The newer intake columns as other tools name them, yes/no; a trimester implies pregnancy. */
static void
test_intake_more (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import ("intake-more.csv");
  g_autoptr(FasciaCsvImport) bad = open_import ("intake-more-bad.csv");
  g_autoptr(FasciaClient) rowan = NULL;
  g_autoptr(FasciaClient) tamsin = NULL;

  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP, NULL,
                                          &error));
  g_assert_no_error (error);
  rowan = find (fixture, "rowan");
  tamsin = find (fixture, "tamsin");
  g_assert_cmpint (fascia_client_get_health_flags (rowan), ==,
                   FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR | FASCIA_HEALTH_SMOKER |
                   FASCIA_HEALTH_CANCER | FASCIA_HEALTH_STOMA);
  g_assert_cmpuint (fascia_client_get_pregnancy_trimester (rowan), ==, 0);
  g_assert_cmpint (fascia_client_get_health_flags (tamsin), ==,
                   FASCIA_HEALTH_PREGNANCY | FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR |
                   FASCIA_HEALTH_ABDOMINAL_HERNIA | FASCIA_HEALTH_VASCULAR_DISEASE |
                   FASCIA_HEALTH_ENDOMETRIOSIS);
  g_assert_cmpuint (fascia_client_get_pregnancy_trimester (tamsin), ==, 3);

  g_assert_false (fascia_store_import_csv (fixture->store, bad, FASCIA_DUPLICATES_SKIP, NULL,
                                           &error));
  g_assert_cmpstr (error->message, ==,
                   "line 3: “fourth” in the pregnancy trimester column is not 1, 2 or 3");
  g_assert_cmpuint (count (fixture), ==, 2);
}

static void
add_existing (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) by_email = fascia_client_new ();
  g_autoptr(FasciaClient) by_birth = fascia_client_new ();

  fascia_client_set_name (by_email, "Already By Email");
  fascia_client_set_email (by_email, "same@example.org");
  fascia_client_set_notes (by_email, "kept");
  g_assert_true (fascia_store_add_client (fixture->store, by_email, &error));
  fascia_client_set_name (by_birth, "Morwenna ASHDOWN");
  fascia_client_set_date_of_birth (by_birth, "1966-09-09");
  fascia_client_set_phone (by_birth, "555-0100");
  g_assert_true (fascia_store_add_client (fixture->store, by_birth, &error));
  g_assert_no_error (error);
}

static void
test_duplicates (StoreFixture  *fixture,
                 gconstpointer  data)
{
  FasciaDuplicates mode = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import ("duplicates.csv");
  g_auto(GStrv) problems = NULL;
  g_autoptr(FasciaClient) morwenna = NULL;
  g_autoptr(FasciaClient) by_email = NULL;
  FasciaCsvImportCounts check, done;

  add_existing (fixture);

  /* The check tells what the import will do, and changes nothing. */
  g_assert_true (fascia_store_check_csv_import (fixture->store, import, mode, &check, &problems,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_assert_cmpuint (count (fixture), ==, 2);

  g_assert_true (fascia_store_import_csv (fixture->store, import, mode, &done, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&check, sizeof check, &done, sizeof done);

  if (mode != FASCIA_DUPLICATES_ADD)
    {
      morwenna = find (fixture, "morwenna");
      by_email = find (fixture, "same@example.org");
    }
  switch (mode)
    {
    case FASCIA_DUPLICATES_SKIP:
      /* Two match clients in the database, one an earlier row of the file. */
      g_assert_cmpuint (done.n_added, ==, 1);
      g_assert_cmpuint (done.n_skipped, ==, 3);
      g_assert_cmpuint (count (fixture), ==, 3);
      g_assert_cmpstr (fascia_client_get_notes (morwenna), ==, "");
      break;
    case FASCIA_DUPLICATES_MERGE:
      g_assert_cmpuint (done.n_added, ==, 1);
      g_assert_cmpuint (done.n_merged, ==, 3);
      g_assert_cmpuint (count (fixture), ==, 3);
      g_assert_cmpstr (fascia_client_get_notes (morwenna), ==, "from the old system");
      g_assert_cmpstr (fascia_client_get_phone (morwenna), ==, "555-0100");
      g_assert_cmpstr (fascia_client_get_notes (by_email), ==, "kept\nfirst note");
      g_assert_cmpstr (fascia_client_get_name (by_email), ==, "Already By Email");
      break;
    case FASCIA_DUPLICATES_ADD:
    default:
      g_assert_cmpuint (done.n_added, ==, 4);
      g_assert_cmpuint (count (fixture), ==, 6);
      break;
    }
}

static void
test_bad_rows (StoreFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = open_import ("bad-rows.csv");
  g_auto(GStrv) problems = NULL;
  FasciaCsvImportCounts counts;

  g_assert_true (fascia_store_check_csv_import (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                                &counts, &problems, &error));
  g_assert_cmpuint (counts.n_added, ==, 2);
  g_assert_cmpuint (counts.n_bad, ==, 3);
  g_assert_cmpuint (g_strv_length (problems), ==, 3);
  g_assert_cmpstr (problems[0], ==, "line 3: “not an address” is not an email address");
  g_assert_cmpstr (problems[1], ==, "line 5: the row has no name");
  g_assert_cmpstr (problems[2], ==, "line 6: 1 fields, but the first line names 3 columns");

  g_assert_false (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                           &counts, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "line 3: “not an address” is not an email address; "
                   "line 5: the row has no name; "
                   "line 6: 1 fields, but the first line names 3 columns");
  /* All or nothing: the good rows were not kept. */
  g_assert_cmpuint (count (fixture), ==, 0);
  g_assert_cmpuint (counts.n_added, ==, 0);
}

static void
test_refused (StoreFixture  *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *file;
    const char *message;
  } cases[] = {
    { "two-digit-year.csv", "line 2: “14/03/80”: write the year of birth with four digits" },
    { "no-name-column.csv", "line 1: the first line must name the columns" },
    { "garbage.bin", "line 3: this is not a text file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = read_data (cases[i].file);

      g_test_message ("%s", cases[i].file);
      g_assert_false (fascia_store_import_clients (fixture->store, bytes, NULL, NULL, &error));
      g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
      g_assert_cmpuint (count (fixture), ==, 0);
    }
}

/* While the check before an import runs (seconds at tens of thousands of rows), another
 * therapist on the clinic server adds a client and archives another: neither waits for the
 * check, which changes nothing. The check counted its rows on every row of client_counts
 * (sql-postgresql/011) and held them until it rolled back, so the other's save waited the
 * whole check, up to its lock timeout, and then failed. */
typedef struct
{
  FasciaStore  *other;
  FasciaClient *archived;
  guint         n_calls;
  double        longest;
} CheckBeside;

static void
check_beside_progress_cb (double   fraction,
                          gpointer user_data)
{
  CheckBeside *beside = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autofree char *name = NULL;
  gint64 start;
  double seconds;

  /* The first call comes before any row. */
  if (beside->n_calls++ == 0)
    return;

  name = g_strdup_printf ("Beside The Check %u", beside->n_calls);
  fascia_client_set_name (client, name);
  start = g_get_monotonic_time ();
  g_assert_true (fascia_store_add_client (beside->other, client, &error));
  g_assert_no_error (error);
  fascia_client_set_archived (beside->archived, !fascia_client_get_archived (beside->archived));
  g_assert_true (fascia_store_update_client (beside->other, beside->archived, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  beside->longest = MAX (beside->longest, seconds);
}

static void
test_check_beside (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("name,email\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FasciaCsvImport) import = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaClient) archived = fixture_add_client (fixture, "Archived Beside");
  g_auto(GStrv) problems = NULL;
  FasciaCsvImportCounts counts;
  CheckBeside beside = { NULL, archived, 0, 0 };

  /* Enough rows to be counted on every slot, and to call back twice. */
  for (guint i = 0; i < 700; i++)
    g_string_append_printf (csv, "Checked Row %u,row%u@example.org\n", i, i);
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  import = fascia_csv_import_new (bytes, &error);
  g_assert_no_error (error);

  other = fascia_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fascia_store_set_id_validator (other, fixture_validator, NULL, NULL);
  /* Waiting for the check's locks fails after a second, not five. */
  fascia_store_set_busy_timeout (other, 1000);
  beside.other = other;

  g_assert_true (fascia_store_check_csv_import_full (fixture->store, import,
                                                     FASCIA_DUPLICATES_SKIP, &counts,
                                                     &problems, NULL,
                                                     check_beside_progress_cb, &beside,
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, 700);
  g_assert_cmpuint (beside.n_calls, ==, 3);
  g_test_message ("the longest save beside the check took %.3f s", beside.longest);
  g_assert_cmpfloat (beside.longest, <, 0.5);

  /* The check changed nothing; what the other saved is there, and counted. */
  g_assert_cmpuint (count (fixture), ==, 3);
  g_assert_true (fascia_store_import_csv (fixture->store, import, FASCIA_DUPLICATES_SKIP,
                                          &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture), ==, 703);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shape_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/core/csv-import/shape/%s/%s",
                                               shape_cases[i].file, shape_cases[i].query);

      STORE_TEST_DATA (path, &shape_cases[i], test_shapes);
    }
  g_test_add_func ("/fascia/core/csv-import/header-aliases", test_header_aliases);
  g_test_add_func ("/fascia/core/csv-import/copy", test_copy);
  g_test_add_func ("/fascia/core/csv-import/order-detected-when-asked",
                   test_order_detected_when_asked);
  STORE_TEST ("/fascia/core/csv-import/date-order", test_date_order);
  STORE_TEST ("/fascia/core/csv-import/date-order-mdy", test_date_order_mdy_choice);
  STORE_TEST ("/fascia/core/csv-import/intake", test_intake);
  STORE_TEST ("/fascia/core/csv-import/intake-more", test_intake_more);
  STORE_TEST ("/fascia/core/csv-import/intake-round-trip", test_intake_round_trip);
  STORE_TEST_DATA ("/fascia/core/csv-import/duplicates/skip",
                   GINT_TO_POINTER (FASCIA_DUPLICATES_SKIP), test_duplicates);
  STORE_TEST_DATA ("/fascia/core/csv-import/duplicates/merge",
                   GINT_TO_POINTER (FASCIA_DUPLICATES_MERGE), test_duplicates);
  STORE_TEST_DATA ("/fascia/core/csv-import/duplicates/add",
                   GINT_TO_POINTER (FASCIA_DUPLICATES_ADD), test_duplicates);
  STORE_TEST ("/fascia/core/csv-import/bad-rows", test_bad_rows);
  STORE_TEST ("/fascia/core/csv-import/refused", test_refused);
  /* On a file the one writer is this window, whose import dialog stays over it while the
   * check runs; on a clinic server the other therapists go on saving. */
  g_test_add ("/postgresql/fascia/core/csv-import/check-beside-others", StoreFixture, NULL,
              store_fixture_set_up_postgresql, test_check_beside, store_fixture_tear_down);

  return g_test_run ();
}
