/* test-handout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fascia/fascia-handout.h"
#include "fascia-test-utils.h"

#define MARGIN 56.0

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

static void
draw_box (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  cairo_set_source_rgb (cr, 0.75, 0.22, 0.17);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static FasciaHandout *
sample_handout (guint sections,
                const char *note)
{
  FasciaHandout *handout = fascia_handout_new ("Your treatment plan: low-back pain");

  fascia_handout_set_letterhead (handout, "Harbour Street Massage", "Therapist: R. Example",
                                 "01234 567890");
  fascia_handout_set_byline (handout, "For Zoë “Zed” O'Brien 🌿 · 23 November 2026");
  fascia_handout_add_heading (handout, "Your goals");
  fascia_handout_add_bullet (handout, "Sit through a working day with pain below 3 out of 10.");
  fascia_handout_add_figure (handout, 1.25, 300, draw_box, NULL, NULL, "Front view");

  for (guint i = 1; i <= sections; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Target muscle %u", i);

      fascia_handout_add_subheading (handout, heading);
      fascia_handout_add_paragraph (handout,
                                    "This deep muscle joins your low back to the top of your "
                                    "thigh. When it is short from long hours of sitting it pulls "
                                    "your lower back forward, so the muscles behind have to work "
                                    "harder and start to ache.");
      for (guint step = 1; step <= 3; step++)
        fascia_handout_add_step (handout, step,
                                 "Kneel on one knee with the other foot flat in front, tuck your "
                                 "tailbone under and shift forward until you feel a stretch.");
    }

  if (note != NULL)
    fascia_handout_add_paragraph (handout, note);

  return handout;
}

static char *
write_pdf (FasciaHandout *handout,
           FasciaPaper    paper,
           const char    *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "handout.pdf", NULL);

  g_assert_true (fascia_handout_write_pdf (handout, path, paper, &error));
  g_assert_no_error (error);
  return path;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Every word pdftotext finds lies inside the page's margins. */
static guint
assert_words_inside_margins (const char *path,
                             double      width,
                             double      height)
{
  const char *argv[] = { "pdftotext", "-bbox", path, "-", NULL };
  g_autofree char *html = run_tool (argv);
  const char *p = html;
  guint words = 0;

  while ((p = strstr (p, "<word ")) != NULL)
    {
      double x_min, y_min, x_max, y_max;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x_min, &y_min, &x_max, &y_max), ==, 4);
      g_assert_cmpfloat (x_min, >=, MARGIN - 1.0);
      g_assert_cmpfloat (x_max, <=, width - MARGIN + 1.0);
      g_assert_cmpfloat (y_min, >=, MARGIN - 1.0);
      g_assert_cmpfloat (y_max, <=, height - MARGIN + 1.0);
      words++;
      p++;
    }

  return words;
}

static void
test_text_and_metadata (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autoptr(FasciaHandout) handout = sample_handout (2, NULL);
  g_autofree char *path = write_pdf (handout, FASCIA_PAPER_A4, dir);
  const char *text_argv[] = { "pdftotext", "-layout", path, "-", NULL };
  const char *info_argv[] = { "pdfinfo", path, NULL };
  const char *fonts_argv[] = { "pdffonts", path, NULL };
  g_autofree char *text = run_tool (text_argv);
  g_autofree char *info = run_tool (info_argv);
  g_autofree char *fonts = run_tool (fonts_argv);
  g_auto(GStrv) font_lines = g_strsplit (fonts, "\n", -1);

  g_assert_nonnull (strstr (text, "Harbour Street Massage"));
  g_assert_nonnull (strstr (text, "Zoë “Zed” O'Brien"));
  /* The emoji is drawn from a colour font, not as a box with its code point. */
  g_assert_null (strstr (text, "01F"));
  g_assert_nonnull (strstr (text, "Target muscle 2"));
  g_assert_nonnull (strstr (text, "Page 1 of 2"));
  g_assert_true (g_regex_match_simple ("^Title:\\s+Your treatment plan: low-back pain$", info,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Author:\\s+Harbour Street Massage$", info,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size:\\s+595.276 x 841.89 pts \\(A4\\)$", info,
                                       G_REGEX_MULTILINE, 0));

  /* Every font is embedded (the "emb" column), so the handout prints as it looks. */
  g_assert_cmpuint (g_strv_length (font_lines), >, 3);
  for (guint i = 2; font_lines[i] != NULL && font_lines[i][0] != '\0'; i++)
    g_assert_nonnull (strstr (font_lines[i], " yes "));

  fascia_test_rm_rf (dir);
}

static void
test_flows_over_pages (gconstpointer data)
{
  FasciaPaper paper = GPOINTER_TO_INT (data);
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autoptr(FasciaHandout) handout = sample_handout (30, NULL);
  g_autofree char *path = write_pdf (handout, paper, dir);
  double width, height;
  guint pages;

  fascia_paper_get_size (paper, &width, &height);
  pages = pdf_pages (path);
  g_assert_cmpuint (pages, >=, 4);
  g_assert_cmpuint (pages, ==, fascia_handout_paginate (handout, width, height));
  g_assert_cmpuint (assert_words_inside_margins (path, width, height), >, 30 * 80);

  fascia_test_rm_rf (dir);
}

/* The text of each page of @path. */
static GPtrArray *
page_texts (const char *path)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  guint n_pages = pdf_pages (path);

  for (guint i = 1; i <= n_pages; i++)
    {
      g_autofree char *first = g_strdup_printf ("%u", i);
      const char *argv[] = { "pdftotext", "-f", first, "-l", first, path, "-", NULL };

      g_ptr_array_add (texts, run_tool (argv));
    }

  return texts;
}

/* The page (from 1) of @texts that holds @word, or 0. */
static guint
page_of (GPtrArray  *texts,
         const char *word)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), word) != NULL)
      return i + 1;

  return 0;
}

/* Issue 12, item 13: a short list is never split with its tail alone on the next page ("three
 * bullets alone on a third page"); it moves whole, with its heading. Each filler length puts
 * the list somewhere else down the page, so some of them once split it. */
static void
test_short_list_kept_whole (void)
{
  static const char *items[] = { "Alphastretch", "Bravostretch", "Charliestretch",
                                 "Deltastretch", "Echostretch" };
  g_autofree char *dir = fascia_test_make_tmpdir ();
  double width, height;

  fascia_paper_get_size (FASCIA_PAPER_LETTER, &width, &height);
  for (guint n_filler = 12; n_filler < 20; n_filler++)
    {
      g_autoptr(FasciaHandout) handout = fascia_handout_new ("Your low back plan");
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      guint heading_page;

      for (guint i = 0; i < n_filler; i++)
        fascia_handout_add_paragraph (handout,
                                      "Walk for ten minutes twice a day, at an easy pace, and "
                                      "stop before the ache in your back comes on. Sit with "
                                      "your hips a little higher than your knees.");
      fascia_handout_add_heading (handout, "Zuluheading");
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        fascia_handout_add_bullet (handout, items[i]);

      path = write_pdf (handout, FASCIA_PAPER_LETTER, dir);
      texts = page_texts (path);
      heading_page = page_of (texts, "Zuluheading");
      g_assert_cmpuint (heading_page, >, 0);
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        if (page_of (texts, items[i]) != heading_page)
          g_error ("%u paragraphs: “%s” is on page %u, its heading on page %u", n_filler,
                   items[i], page_of (texts, items[i]), heading_page);
      g_remove (path);
    }

  fascia_test_rm_rf (dir);
}

/* A heading whose section ends in a drawing (a visit's "Body chart", its notes, the body
 * chart) goes with the drawing: the chart PDF left "Body chart" alone at the foot of a page. */
static void
test_heading_kept_with_figure (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();

  for (guint n_filler = 6; n_filler < 16; n_filler++)
    {
      g_autoptr(FasciaHandout) handout = fascia_handout_new ("Clinical record");
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      guint heading_page;

      for (guint i = 0; i < n_filler; i++)
        fascia_handout_add_paragraph (handout,
                                      "Tender right piriformis and gluteus medius. Sacroiliac "
                                      "tests comfortable. Side-lying glute and QL work, with "
                                      "pillows between the knees.");
      fascia_handout_add_subheading (handout, "Zuluchart");
      fascia_handout_add_bullet (handout, "Yankeenote");
      fascia_handout_add_figure (handout, 1.2, 340, draw_box, NULL, NULL, "Xraycaption");

      path = write_pdf (handout, FASCIA_PAPER_A4, dir);
      texts = page_texts (path);
      heading_page = page_of (texts, "Zuluchart");
      g_assert_cmpuint (heading_page, >, 0);
      if (page_of (texts, "Yankeenote") != heading_page
          || page_of (texts, "Xraycaption") != heading_page)
        g_error ("%u paragraphs: the heading is on page %u, its note on page %u, its drawing's "
                 "caption on page %u", n_filler, heading_page, page_of (texts, "Yankeenote"),
                 page_of (texts, "Xraycaption"));
      g_remove (path);
    }

  fascia_test_rm_rf (dir);
}

static void
test_huge_note (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  GString *note = g_string_new (NULL);
  g_autoptr(FasciaHandout) handout = NULL;
  g_autofree char *path = NULL;
  double width, height;

  /* 1 MB of notes, half of it one word with no space to break at. */
  while (note->len < 512 * 1024)
    g_string_append (note, "tender over the left iliac crest, ");
  while (note->len < 1024 * 1024)
    g_string_append (note, "x");

  handout = sample_handout (1, note->str);
  g_string_free (note, TRUE);
  path = write_pdf (handout, FASCIA_PAPER_LETTER, dir);

  fascia_paper_get_size (FASCIA_PAPER_LETTER, &width, &height);
  g_assert_cmpuint (pdf_pages (path), >, 50);
  g_assert_cmpuint (assert_words_inside_margins (path, width, height), >, 1000);

  fascia_test_rm_rf (dir);
}

static void
test_pages_not_blank (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autoptr(FasciaHandout) handout = sample_handout (12, NULL);
  g_autofree char *path = write_pdf (handout, FASCIA_PAPER_A4, dir);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "40", path, prefix, NULL };
  g_autofree char *out = run_tool (argv);
  guint pages = pdf_pages (path);

  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.png", prefix, i);
      cairo_surface_t *png = cairo_image_surface_create_from_png (name);
      int stride = cairo_image_surface_get_stride (png);
      int w = cairo_image_surface_get_width (png);
      int h = cairo_image_surface_get_height (png);
      const guchar *pixels = cairo_image_surface_get_data (png);
      guint dark = 0;

      /* The footer alone ("Page n of m") does not make a page worth printing. */
      int body_bottom = (int) (h * (1.0 - (MARGIN + 18.0) / 841.89));

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      for (int y = 0; y < body_bottom; y++)
        for (int x = 0; x < w; x++)
          {
            guint32 pixel = *(const guint32 *) (pixels + y * stride + x * 4);

            if ((pixel & 0xff) < 128)
              dark++;
          }
      /* Text or a figure covers a visible part of every page: at the least one short
       * section kept whole (a heading, a paragraph and three steps, about 300 pixels here). */
      g_test_message ("page %u of %u: %u dark", i, pages, dark);
      g_assert_cmpuint (dark, >, (guint) (w * h / 1000));
      cairo_surface_destroy (png);
    }

  fascia_test_rm_rf (dir);
}

static void
test_write_failure (void)
{
  g_autoptr(FasciaHandout) handout = sample_handout (1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (fascia_handout_write_pdf (handout, "/nonexistent-folder/handout.pdf",
                                            FASCIA_PAPER_A4, &error));
  g_assert_error (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/handout.pdf"));
}

/* A link planted where the old writer put its fixed temporary name, a link at the output, and
 * a FIFO at the output: the first is ignored, the others refused, and nothing is followed. */
static void
test_never_follows_links (void)
{
  g_autoptr(FasciaHandout) handout = sample_handout (1, NULL);
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *victim = g_build_filename (dir, "victim.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "h.pdf", NULL);
  g_autofree char *part = g_build_filename (dir, "h.pdf.part", NULL);
  g_autofree char *linked = g_build_filename (dir, "linked.pdf", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  g_assert_cmpint (symlink (victim, part), ==, 0);
  g_assert_cmpint (symlink (victim, linked), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  g_assert_true (fascia_handout_write_pdf (handout, out, FASCIA_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (out, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));

  g_assert_false (fascia_handout_write_pdf (handout, linked, FASCIA_PAPER_A4, &error));
  g_assert_error (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, linked));
  g_clear_error (&error);

  g_assert_false (fascia_handout_write_pdf (handout, fifo, FASCIA_PAPER_A4, &error));
  g_assert_error (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_true (g_file_get_contents (victim, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "precious");
  g_assert_true (g_file_test (part, G_FILE_TEST_IS_SYMLINK));

  fascia_test_rm_rf (dir);
}

/* A handout names a client: 0600 whatever the umask. */
static void
test_private_mode (void)
{
  g_autoptr(FasciaHandout) handout = sample_handout (1, NULL);
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = NULL;
  mode_t old = umask (0);
  GStatBuf st;

  path = write_pdf (handout, FASCIA_PAPER_A4, dir);
  umask (old);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  fascia_test_rm_rf (dir);
}

static void
test_paper_names (void)
{
  FasciaPaper paper = FASCIA_PAPER_A4;

  g_assert_true (fascia_paper_from_string ("Letter", &paper));
  g_assert_cmpint (paper, ==, FASCIA_PAPER_LETTER);
  g_assert_true (fascia_paper_from_string ("a4", &paper));
  g_assert_cmpint (paper, ==, FASCIA_PAPER_A4);
  g_assert_false (fascia_paper_from_string ("a5", &paper));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/render/handout/text-and-metadata", test_text_and_metadata);
  g_test_add_data_func ("/fascia/render/handout/flows-over-pages/a4",
                        GINT_TO_POINTER (FASCIA_PAPER_A4), test_flows_over_pages);
  g_test_add_data_func ("/fascia/render/handout/flows-over-pages/letter",
                        GINT_TO_POINTER (FASCIA_PAPER_LETTER), test_flows_over_pages);
  g_test_add_func ("/fascia/render/handout/short-list-kept-whole", test_short_list_kept_whole);
  g_test_add_func ("/fascia/render/handout/heading-kept-with-figure",
                   test_heading_kept_with_figure);
  g_test_add_func ("/fascia/render/handout/huge-note", test_huge_note);
  g_test_add_func ("/fascia/render/handout/pages-not-blank", test_pages_not_blank);
  g_test_add_func ("/fascia/render/handout/write-failure", test_write_failure);
  g_test_add_func ("/fascia/render/handout/paper-names", test_paper_names);
  g_test_add_func ("/fascia/render/handout/never-follows-links", test_never_follows_links);
  g_test_add_func ("/fascia/render/handout/private-mode", test_private_mode);

  return g_test_run ();
}
