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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/ui/cli/version-headless", test_version_headless);
  g_test_add_func ("/fascia/ui/cli/unknown-option", test_unknown_option);

  return g_test_run ();
}
