/* test-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "fascia/fascia-paths.h"
#include "fascia-test-utils.h"

static void
test_default_database (void)
{
  g_autofree char *path = fascia_paths_default_database ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "fascia", "fascia.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_private_dir_created (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "a", "fascia", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (fascia_paths_ensure_private_dir (dir, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A second call finds it and succeeds. */
  g_assert_true (fascia_paths_ensure_private_dir (dir, &error));
  g_assert_no_error (error);

  fascia_test_rm_rf (tmp);
}

static void
test_private_dir_unwritable_parent (void)
{
  g_autofree char *tmp = fascia_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "not-a-folder", NULL);
  g_autofree char *dir = g_build_filename (file, "fascia", NULL);
  g_autoptr(GError) error = NULL;

  /* A file where a folder should be: an error that names the path, never a crash. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (fascia_paths_ensure_private_dir (dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));

  fascia_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/paths/default-database", test_default_database);
  g_test_add_func ("/fascia/core/paths/private-dir-created", test_private_dir_created);
  g_test_add_func ("/fascia/core/paths/private-dir-unwritable-parent",
                   test_private_dir_unwritable_parent);

  return g_test_run ();
}
