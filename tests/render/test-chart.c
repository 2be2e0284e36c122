/* test-chart.c — a client's chart as a PDF: every visit's text, fonts embedded, body charts
 * drawn on the diagram.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "fascia/fascia-chart.h"
#include "fascia/fascia-date.h"
#include "fascia/fascia-intake.h"
#include "fascia-test-utils.h"

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);

  return out;
}

/* pdftotext joins lines as it likes: compare words separated by single spaces. */
static char *
squeeze (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (kept, words[i]);
  joined = g_strv_builder_end (kept);
  return g_strjoinv (" ", joined);
}

/* The first few words of @text, enough to find it without crossing a page break. */
static char *
opening (const char *text)
{
  g_autofree char *all = squeeze (text);
  g_auto(GStrv) words = g_strsplit (all, " ", 7);

  if (g_strv_length (words) > 6)
    g_clear_pointer (&words[6], g_free);
  return g_strjoinv (" ", words);
}

static guint
count_red_pixels (const char *png)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        /* The marks' red-orange: strong red, little blue. */
        n += r > 150 && g < 120 && b < 80;
      }
  cairo_surface_destroy (surface);
  return n;
}

static void
test_chart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaHandout) chart = NULL;
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GListModel) visits = NULL;
  g_autoptr(FasciaClient) client = NULL;
  FasciaLetterhead letterhead = { "Harbour Street Massage", NULL, NULL };
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);
  const char *text_argv[] = { "pdftotext", pdf, "-", NULL };
  const char *fonts_argv[] = { "pdffonts", pdf, NULL };
  const char *png_argv[] = { "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL };
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *png_out = NULL;
  g_auto(GStrv) font_lines = NULL;
  g_autoptr(GDir) pages = NULL;
  guint n_marks = 0, n_amendments = 0, red = 0, n_pages = 0;
  const char *name;

  g_assert_no_error (error);
  g_assert_true (fascia_store_create_demo (db, &error));
  store = fascia_store_open_full (db, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);

  /* The demo client with an amended note. */
  clients = fascia_store_list_clients (store, NULL, 0, &error);
  for (guint i = 0; client == NULL && i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(FasciaClient) candidate = g_list_model_get_item (clients, i);
      g_autoptr(GListModel) list = fascia_store_list_visits (store,
                                                             fascia_client_get_id (candidate),
                                                             &error);

      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (list, j);
          g_autoptr(GListModel) amendments = fascia_store_list_amendments (store,
                                                                           fascia_visit_get_id (visit),
                                                                           &error);

          if (g_list_model_get_n_items (amendments) > 0)
            client = g_object_ref (candidate);
        }
    }
  g_assert_nonnull (client);

  chart = fascia_handout_new_for_chart (store, atlas, fascia_client_get_id (client), &letterhead,
                                        &error);
  g_assert_no_error (error);
  g_assert_true (fascia_handout_write_pdf (chart, pdf, FASCIA_PAPER_A4, &error));
  g_assert_no_error (error);

  /* No text too small to read on paper, the body charts' labels included (they were 3.4 pt).
   * The captions ("… each mark shows the pain …") are set in 8.5 pt. */
  {
    g_autofree char *word = NULL;
    double smallest = fascia_test_pdf_smallest_text (pdf, "each mark", 8.5, &word);

    if (smallest < FASCIA_HANDOUT_MIN_TEXT_PT - 0.05)
      g_error ("“%s” is printed in %.1f pt, under %.1f pt", word, smallest,
               FASCIA_HANDOUT_MIN_TEXT_PT);
  }

  text = run_tool (text_argv);
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, "Harbour Street Massage"));
  g_assert_nonnull (strstr (text, fascia_client_get_name (client)));

  /* Every visit's notes are there, and its pain scores. */
  visits = fascia_store_list_visits (store, fascia_client_get_id (client), &error);
  g_assert_cmpuint (g_list_model_get_n_items (visits), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (visits); i++)
    {
      g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, i);
      g_autoptr(GListModel) marks = fascia_store_list_pain_marks (store,
                                                                  fascia_visit_get_id (visit),
                                                                  &error);
      g_autoptr(GListModel) amendments = fascia_store_list_amendments (store,
                                                                       fascia_visit_get_id (visit),
                                                                       &error);

      for (FasciaVisitField f = FASCIA_VISIT_FIELD_SUBJECTIVE; f <= FASCIA_VISIT_FIELD_PLAN_NOTES;
           f++)
        {
          const char *field = fascia_visit_get_field (visit, f);
          g_autofree char *start = NULL;

          if (field == NULL || field[0] == '\0')
            continue;
          start = opening (field);
          g_test_message ("looking for “%s”", start);
          g_assert_nonnull (strstr (flat, start));
        }
      if (fascia_visit_get_pain_before (visit) >= 0)
        {
          g_autofree char *score = g_strdup_printf ("Pain before treatment: %d/10",
                                                    fascia_visit_get_pain_before (visit));

          g_assert_nonnull (strstr (flat, score));
        }
      n_marks += g_list_model_get_n_items (marks);
      n_amendments += g_list_model_get_n_items (amendments);
    }
  g_assert_cmpuint (n_marks, >, 0);
  g_assert_cmpuint (n_amendments, >, 0);
  g_assert_nonnull (strstr (flat, "Amendments after the notes locked"));
  {
    /* Each names its author: the demo's were made by this computer's user. */
    g_autofree char *by = g_strdup_printf (", by %s — ", g_get_user_name ());

    g_assert_nonnull (strstr (flat, by));
  }
  g_assert_nonnull (strstr (flat, "Body chart, "));

  /* Every date is printed as the window shows it ("2 Dec 2026"), none other way: the
   * visits', the amendments', the birth date and the day it was printed. */
  {
    g_autoptr(FasciaVisit) first = g_list_model_get_item (visits, 0);
    g_autoptr(GDateTime) visited = g_date_time_to_local (fascia_visit_get_visited_at (first));
    g_autofree char *when = fascia_format_date_and_time (visited);
    g_autofree char *heading = g_strdup_printf ("Visit of %s", when);
    g_autofree char *wrong = fascia_test_find_misformatted_date (flat, fascia_format_date);

    if (wrong != NULL)
      g_error ("the chart prints a date as “%s”, not as every date is shown", wrong);
    g_assert_nonnull (strstr (flat, heading));
    if (fascia_client_get_date_of_birth (client) != NULL)
      {
        g_autofree char *born = fascia_format_iso_date (fascia_client_get_date_of_birth (client));
        g_autofree char *line = g_strdup_printf ("Date of birth: %s", born);

        g_assert_nonnull (strstr (flat, line));
      }
  }

  /* Every font is embedded. */
  fonts = run_tool (fonts_argv);
  font_lines = g_strsplit (fonts, "\n", -1);
  g_assert_cmpuint (g_strv_length (font_lines), >, 3);
  for (guint i = 2; font_lines[i] != NULL && font_lines[i][0] != '\0'; i++)
    g_assert_nonnull (strstr (font_lines[i], " yes "));

  /* The body charts are drawn: the pages carry the marks' red. */
  png_out = run_tool (png_argv);
  pages = g_dir_open (dir, 0, &error);
  while ((name = g_dir_read_name (pages)) != NULL)
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      {
        g_autofree char *png = g_build_filename (dir, name, NULL);

        red += count_red_pixels (png);
        n_pages++;
      }
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (red, >, 50);

  g_assert_null (fascia_handout_new_for_chart (store, atlas, 999999, NULL, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  fascia_test_rm_rf (dir);
}

/* Every intake condition the client record holds is on the chart, the trimester with the
 * pregnancy. */
static void
test_chart_intake (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "fascia.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaHandout) chart = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  const char *text_argv[] = { "pdftotext", pdf, "-", NULL };
  static const char * const expected[] = {
    "Pregnancy, third trimester", "Takes anticoagulants", "Osteoporosis", "Recent surgery",
    "Hip replacement (anterior approach)", "Hip replacement (posterior approach)",
    "Abdominal or groin hernia", "Smoker or former smoker", "Vascular disease or known aneurysm",
    "Cancer or active treatment", "Stoma", "Endometriosis", "Red flags: refer out",
  };
  const FasciaHealthFlags *flags;
  FasciaHealthFlags all = FASCIA_HEALTH_NONE;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  guint n_flags = 0;

  store = fascia_store_open_full (db, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  flags = fascia_health_flag_list (&n_flags);
  g_assert_cmpuint (n_flags, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n_flags; i++)
    all |= flags[i];
  fascia_client_set_name (client, "Intake Everything");
  fascia_client_set_health_flags (client, all);
  fascia_client_set_pregnancy_trimester (client, 3);
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);

  chart = fascia_handout_new_for_chart (store, fascia_atlas_get_default (NULL),
                                        fascia_client_get_id (client), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_handout_write_pdf (chart, pdf, FASCIA_PAPER_A4, &error));
  g_assert_no_error (error);
  text = run_tool (text_argv);
  flat = squeeze (text);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("looking for “%s”", expected[i]);
      g_assert_nonnull (strstr (flat, expected[i]));
    }
  g_assert_null (strstr (flat, "No intake conditions recorded."));

  g_clear_object (&store);
  fascia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/render/chart", test_chart);
  g_test_add_func ("/fascia/render/chart-intake", test_chart_intake);

  return g_test_run ();
}
