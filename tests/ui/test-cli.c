/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia-test-utils.h"

/* Headless commands must work with no display at all. */
static const char * const no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

static void
test_version_headless (void)
{
  static const char * const args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = fascia_test_run_fascia (args, no_display, &out, &err);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Fascia " PACKAGE_VERSION "\n"));
  g_assert_nonnull (strstr (out, "SQLite 3."));
  g_assert_nonnull (strstr (out, "librsvg 2."));
  g_assert_cmpstr (err, ==, "");
}

static void
test_unknown_option (void)
{
  static const char * const args[] = { "--no-such-option", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = fascia_test_run_fascia (args, no_display, &out, &err);

  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "no-such-option"));
}

static void
test_check_content_builtin (void)
{
  static const char * const args[] = { "--check-content", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = fascia_test_run_fascia (args, no_display, &out, &err);

  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  /* 46 since popliteus and plantaris, in the popliteal fossa in the back views, have their cards;
   * 47 since soleus, beside gastrocnemius in the back superficial view's calf, has its card */
  g_assert_true (g_str_has_prefix (out, "Atlas content OK: 47 muscles, "));
  g_assert_nonnull (strstr (out, " 6 views, "));
  g_assert_true (g_str_has_suffix (out, " references\n"));
  /* One line. */
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
}

static void
test_check_content_directory (void)
{
  g_autofree char *dir = fascia_test_make_atlas_dir (NULL);
  g_autofree char *joined = g_strconcat ("--check-content=", dir, NULL);
  const char * const separate[] = { "--check-content", dir, NULL };
  const char * const attached[] = { joined, NULL };
  const char * const *forms[] = { separate, attached };

  /* Both `--check-content DIR` and `--check-content=DIR`. */
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      status = fascia_test_run_fascia (forms[i], no_display, &out, &err);

      g_assert_cmpstr (err, ==, "");
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (out, ==, "Atlas content OK: 3 muscles, 7 landmarks, 4 techniques, "
                                "4 trigger points, 1 patterns, 2 views, 3 references\n");
    }

  fascia_test_rm_rf (dir);
}

static void
test_check_content_bad_directory (void)
{
  g_autofree char *dir = fascia_test_make_atlas_dir ("wrong-type-string");
  const char * const args[] = { "--check-content", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = fascia_test_run_fascia (args, no_display, &out, &err);

  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "muscles.json: muscle “psoas-major”: field “innervation.roots”: "
                            "expected a string\n");

  fascia_test_rm_rf (dir);
}

static void
test_check_content_missing_directory (void)
{
  static const char * const args[] = { "--check-content", "/nonexistent/fascia-atlas", NULL };
  g_autofree char *err = NULL;
  int status;

  status = fascia_test_run_fascia (args, no_display, NULL, &err);

  g_assert_cmpint (status, !=, 0);
  g_assert_true (g_str_has_prefix (err, "references.json: "));
  g_assert_nonnull (strstr (err, "/nonexistent/fascia-atlas"));
}

static void
test_handout_headless (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *database = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "handout.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  const char *demo_args[] = { "--create-demo", database, NULL };
  const char *args[] = { "--database", database, "--handout", "1", "--paper", "letter",
                         "--output", pdf, NULL };
  const char *no_plan[] = { "--database", database, "--handout", "999", "--output", pdf, NULL };
  const char *bad_paper[] = { "--database", database, "--handout", "1", "--paper", "a5",
                              "--output", pdf, NULL };
  const char *no_database[] = { "--database", missing, "--handout", "1", "--output", pdf, NULL };
  g_autofree char *png = g_build_filename (dir, "h.png", NULL);
  const char *png_output[] = { "--database", database, "--handout", "1", "--output", png, NULL };
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (fascia_test_run_fascia (demo_args, no_display, NULL, NULL), ==, 0);

  g_assert_cmpint (fascia_test_run_fascia (args, no_display, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (length, >, 10000);

  /* Bad input: one line on standard error, a non-zero exit, and no database made. */
  {
    const char * const *cases[] = { no_plan, bad_paper, no_database, png_output };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (fascia_test_run_fascia (cases[i], no_display, NULL, &err), !=, 0);
        g_assert_true (g_str_has_prefix (err, "fascia: "));
        g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
      }
  }
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  /* A handout is a PDF: asked for a PNG it refuses rather than write a PDF named .png. */
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  fascia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/ui/cli/version-headless", test_version_headless);
  g_test_add_func ("/fascia/ui/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/fascia/ui/cli/handout-headless", test_handout_headless);
  g_test_add_func ("/fascia/ui/cli/check-content-builtin", test_check_content_builtin);
  g_test_add_func ("/fascia/ui/cli/check-content-directory", test_check_content_directory);
  g_test_add_func ("/fascia/ui/cli/check-content-bad-directory",
                   test_check_content_bad_directory);
  g_test_add_func ("/fascia/ui/cli/check-content-missing-directory",
                   test_check_content_missing_directory);

  return g_test_run ();
}
