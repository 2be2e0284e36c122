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

static gboolean
has_translatable_strings (const char *path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  return strstr (text, "_(\"") != NULL || strstr (text, "translatable=\"yes\"") != NULL;
}

static void
check_listed (const char  *top,
              const char  *relative,
              const char  *potfiles,
              guint       *checked)
{
  g_autofree char *path = g_build_filename (top, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);
      g_autofree char *child_path = g_build_filename (top, child, NULL);
      g_autofree char *line = NULL;

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR))
        {
          check_listed (top, child, potfiles, checked);
          continue;
        }
      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".ui"))
        continue;
      if (!has_translatable_strings (child_path))
        continue;

      line = g_strdup_printf ("\n%s\n", child);
      if (strstr (potfiles, line) == NULL)
        g_error ("po/POTFILES.in does not list “%s”, which has strings to translate", child);
      (*checked)++;
    }
}

/* Every source with strings to translate is in po/POTFILES.in, or its strings never
 * reach the translators. */
static void
test_potfiles_complete (void)
{
  g_autofree char *top = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autofree char *potfiles_path = g_build_filename (top, "po", "POTFILES.in", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *potfiles = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (potfiles_path, &contents, NULL, NULL));
  potfiles = g_strdup_printf ("\n%s\n", contents);

  check_listed (top, "src", potfiles, &checked);
  check_listed (top, "ui", potfiles, &checked);
  g_assert_cmpuint (checked, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/readme/packages-listed", test_packages_listed);
  g_test_add_func ("/fascia/readme/potfiles-complete", test_potfiles_complete);

  return g_test_run ();
}
