/* test-records-export.c — CSV a spreadsheet reads (Python's csv module stands in for one)
 * and vCards an address book reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-records-export.h"
#include "fascia/fascia-view-drawing.h"
#include "store-fixture.h"

typedef struct
{
  char        *dir;
  FasciaStore *store;
} DemoFixture;

static void
demo_set_up (DemoFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = fascia_test_make_tmpdir ();
  path = data != NULL ? pg_server_new_database ()
                      : g_build_filename (fixture->dir, "demo.db", NULL);
  g_assert_true (fascia_store_create_demo (path, &error));
  fixture->store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
}

static void
demo_tear_down (DemoFixture   *fixture,
                gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  fascia_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* Reads @bytes with Python's csv module; returns the rows it found (the header not counted)
 * and the first cell of each column named @column. */
static guint
python_rows (DemoFixture  *fixture,
             GBytes       *bytes,
             const char   *column,
             char        **values)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "export.csv", NULL);
  static const char script[] =
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
    "    rows = list(csv.reader(f))\n"
    "header = rows[0]\n"
    "assert all(len(r) == len(header) for r in rows), 'ragged rows'\n"
    "i = header.index(sys.argv[2])\n"
    "print(len(rows) - 1)\n"
    "print('\\x1f'.join(r[i] for r in rows[1:]))\n";
  const char *argv[] = { "python3", "-c", script, path, column, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 could not read the CSV: %s", err);

  lines = g_strsplit (out, "\n", 2);
  *values = g_strdup (lines[1]);
  return (guint) g_ascii_strtoull (lines[0], NULL, 10);
}

static void
count_db (FasciaStore *store,
          guint       *n_clients,
          guint       *n_visits,
          guint       *n_marks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = fascia_store_list_clients (store, NULL,
                                                             FASCIA_STORE_LIST_ARCHIVED, &error);

  *n_clients = g_list_model_get_n_items (clients);
  *n_visits = *n_marks = 0;
  for (guint i = 0; i < *n_clients; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GListModel) visits = fascia_store_list_visits (store,
                                                               fascia_client_get_id (client),
                                                               &error);

      *n_visits += g_list_model_get_n_items (visits);
      for (guint j = 0; j < g_list_model_get_n_items (visits); j++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, j);
          g_autoptr(GListModel) marks = fascia_store_list_pain_marks (store,
                                                                      fascia_visit_get_id (visit),
                                                                      &error);

          *n_marks += g_list_model_get_n_items (marks);
        }
    }
}

static GBytes *
export_csv (DemoFixture          *fixture,
            FasciaCsvExportKind   kind,
            FasciaCsvExportFlags  flags,
            guint                *n_rows)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = fascia_csv_export (fixture->store, fascia_atlas_get_default (NULL), kind, flags,
                                     n_rows, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
test_csv_counts (DemoFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) clients = NULL;
  g_autoptr(GBytes) visits = NULL;
  g_autoptr(GBytes) marks = NULL;
  g_autofree char *names = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *intensities = NULL;
  guint n_clients, n_visits, n_marks, rows;

  count_db (fixture->store, &n_clients, &n_visits, &n_marks);
  g_assert_cmpuint (n_marks, >, 0);

  clients = export_csv (fixture, FASCIA_CSV_EXPORT_CLIENTS, FASCIA_CSV_EXPORT_NONE, &rows);
  g_assert_cmpuint (rows, ==, n_clients);
  g_assert_cmpuint (python_rows (fixture, clients, "name", &names), ==, n_clients);
  g_assert_nonnull (strstr (names, "Percival Quagmire-Tumbleweed"));
  /* Plain UTF-8 unless asked, with CRLF line ends. */
  g_assert_cmpmem (g_bytes_get_data (clients, NULL), 5, "id,na", 5);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (clients, NULL), 512, "\r\n"));

  visits = export_csv (fixture, FASCIA_CSV_EXPORT_VISITS, FASCIA_CSV_EXPORT_NONE, &rows);
  g_assert_cmpuint (rows, ==, n_visits);
  g_assert_cmpuint (python_rows (fixture, visits, "date", &dates), ==, n_visits);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d", dates, 0, 0));

  marks = export_csv (fixture, FASCIA_CSV_EXPORT_PAIN_MARKS, FASCIA_CSV_EXPORT_BOM, &rows);
  g_assert_cmpuint (rows, ==, n_marks);
  g_assert_cmpmem (g_bytes_get_data (marks, NULL), 3, "\xef\xbb\xbf", 3);
  g_assert_cmpuint (python_rows (fixture, marks, "intensity", &intensities), ==, n_marks);
}

/* A free mark's point says which drawing of its view it is on; a region mark has no point. */
static void
test_csv_mark_drawings (DemoFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) marks = NULL;
  g_autofree char *drawings = NULL;
  g_autofree char *xs = NULL;
  g_autofree char *views = NULL;
  g_auto(GStrv) drawing = NULL;
  g_auto(GStrv) x = NULL;
  g_auto(GStrv) view = NULL;
  guint rows, n_redrawn = 0;

  marks = export_csv (fixture, FASCIA_CSV_EXPORT_PAIN_MARKS, FASCIA_CSV_EXPORT_NONE, &rows);
  g_assert_cmpuint (python_rows (fixture, marks, "drawing", &drawings), ==, rows);
  g_assert_cmpuint (python_rows (fixture, marks, "x", &xs), ==, rows);
  g_assert_cmpuint (python_rows (fixture, marks, "view", &views), ==, rows);
  drawing = g_strsplit (g_strchomp (drawings), "\x1f", -1);
  x = g_strsplit (g_strchomp (xs), "\x1f", -1);
  view = g_strsplit (g_strchomp (views), "\x1f", -1);
  g_assert_cmpuint (g_strv_length (drawing), ==, rows);
  for (guint i = 0; i < rows; i++)
    {
      g_autofree char *current = g_strdup_printf ("%u", fascia_view_drawing_current (view[i]));

      g_assert_cmpstr (drawing[i], ==, x[i][0] == '\0' ? "" : current);
      n_redrawn += x[i][0] != '\0' && g_ascii_strtoull (drawing[i], NULL, 10) > 1;
    }
  /* The demo has free marks on the back view, redrawn to reach the knee and then the calf. */
  g_assert_cmpuint (n_redrawn, >, 0);
}

static void
test_csv_formulas (DemoFixture   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *names = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(FasciaCsvImport) again = NULL;

  fascia_client_set_name (client, "=HYPERLINK(\"http://example.com\",\"click\")");
  fascia_client_set_phone (client, "+1 555 0100");
  fascia_client_set_notes (client, "@SUM(1+1)\nsecond line, with \"quotes\"");
  g_assert_true (fascia_store_add_client (fixture->store, client, &error));
  g_assert_no_error (error);

  bytes = export_csv (fixture, FASCIA_CSV_EXPORT_CLIENTS, FASCIA_CSV_EXPORT_NONE, NULL);
  python_rows (fixture, bytes, "name", &names);
  python_rows (fixture, bytes, "phone", &phones);
  python_rows (fixture, bytes, "notes", &notes);
  g_assert_nonnull (strstr (names, "'=HYPERLINK(\"http://example.com\",\"click\")"));
  g_assert_null (strstr (names, "\x1f=HYPERLINK"));
  g_assert_nonnull (strstr (phones, "'+1 555 0100"));
  g_assert_nonnull (strstr (notes, "'@SUM(1+1)\nsecond line, with \"quotes\""));

  /* Fascia reads its own clients file back, names and yes/no columns included. */
  again = fascia_csv_import_new (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fascia_csv_import_get_field (again, 1), ==, FASCIA_CSV_FIELD_NAME);
  g_assert_cmpint (fascia_csv_import_get_field (again, 5), ==, FASCIA_CSV_FIELD_PREGNANCY);
}

/* A small vCard reader after RFC 6350: unfolds lines, checks BEGIN/VERSION/FN/END. */
static GPtrArray *
parse_vcards (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gboolean in_card = FALSE, has_fn = FALSE;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* Every line ends in CRLF and holds at most 75 octets. */
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      if (lines[i][0] == ' ')
        g_string_append (unfolded, lines[i] + 1);
      else
        g_string_append_printf (unfolded, "%s%s", i > 0 ? "\n" : "", lines[i]);
    }
  g_strfreev (lines);
  lines = g_strsplit (unfolded->str, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '\0')
        continue;
      if (g_str_equal (line, "BEGIN:VCARD"))
        {
          g_assert_false (in_card);
          g_assert_cmpstr (lines[i + 1], ==, "VERSION:4.0");
          in_card = TRUE;
          has_fn = FALSE;
        }
      else if (g_str_equal (line, "END:VCARD"))
        {
          g_assert_true (in_card);
          g_assert_true (has_fn);
          in_card = FALSE;
        }
      else if (g_str_has_prefix (line, "FN:"))
        {
          GString *name = g_string_new (NULL);

          for (const char *p = line + 3; *p != '\0'; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                {
                  p++;
                  g_string_append_c (name, *p == 'n' ? '\n' : *p);
                }
              else
                g_string_append_c (name, *p);
            }
          g_ptr_array_add (names, g_string_free (name, FALSE));
          has_fn = TRUE;
        }
      else if (g_str_has_prefix (line, "BDAY:"))
        g_assert_true (g_regex_match_simple ("^BDAY:\\d{8}$", line, 0, 0));
      else
        g_assert_true (g_regex_match_simple ("^(VERSION|EMAIL|TEL;VALUE=text):", line, 0, 0));
    }
  g_assert_false (in_card);

  return names;
}

static void
test_vcard (DemoFixture   *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) odd = fascia_client_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GListModel) clients = NULL;
  guint n = 0;

  fascia_client_set_name (odd, "Ångström, Zoë; \\the\\ “longest” name a card has to fold over two lines");
  fascia_client_set_date_of_birth (odd, "1980-02-29");
  g_assert_true (fascia_store_add_client (fixture->store, odd, &error));

  bytes = fascia_vcard_export (fixture->store, &n, &error);
  g_assert_no_error (error);
  clients = fascia_store_list_clients (fixture->store, NULL, FASCIA_STORE_LIST_NONE, &error);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (clients));

  names = parse_vcards (bytes);
  g_assert_cmpuint (names->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);

      g_assert_cmpstr (g_ptr_array_index (names, i), ==, fascia_client_get_name (client));
    }
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "BDAY:19800229\r\n"));
}

/* On both engines, as "/sqlite/…" and "/postgresql/…". */
#define DEMO_TEST(path, func) \
  G_STMT_START { \
    g_test_add ("/sqlite" path, DemoFixture, NULL, demo_set_up, func, demo_tear_down); \
    g_test_add ("/postgresql" path, DemoFixture, GINT_TO_POINTER (1), demo_set_up, func, \
                demo_tear_down); \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  DEMO_TEST ("/fascia/core/records-export/csv-counts", test_csv_counts);
  DEMO_TEST ("/fascia/core/records-export/csv-formulas", test_csv_formulas);
  DEMO_TEST ("/fascia/core/records-export/csv-mark-drawings", test_csv_mark_drawings);
  DEMO_TEST ("/fascia/core/records-export/vcard", test_vcard);

  return g_test_run ();
}
