/* test-readme.c — the README shows the package list that build-aux/run installs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

static void
test_packages_listed (void)
{
  g_autofree char *list_path = g_test_build_filename (G_TEST_DIST, "..", "build-aux",
                                                      "debian-packages", NULL);
  g_autofree char *readme_path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *list = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *install_line = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) readme_lines = NULL;
  guint packages = 0;

  g_assert_true (g_file_get_contents (list_path, &list, NULL, NULL));
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));

  readme_lines = g_strsplit (readme, "\n", -1);
  for (guint i = 0; readme_lines[i] != NULL; i++)
    if (g_str_has_prefix (readme_lines[i], "sudo apt-get install "))
      install_line = g_strdup_printf ("%s ", readme_lines[i]);
  g_assert_nonnull (install_line);

  lines = g_strsplit (list, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *word = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      word = g_strdup_printf (" %s ", lines[i]);
      if (strstr (install_line, word) == NULL)
        g_error ("README.md does not list the package “%s”", lines[i]);
      packages++;
    }
  g_assert_cmpuint (packages, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/readme/packages-listed", test_packages_listed);

  return g_test_run ();
}
