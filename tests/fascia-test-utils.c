/* fascia-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-test"

#include "config.h"

#include <glib/gstdio.h>

#include "fascia-test-utils.h"

/**
 * fascia_test_make_tmpdir:
 *
 * Returns: (transfer full): a new empty directory for one test; remove it with
 *   fascia_test_rm_rf().
 */
char *
fascia_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fascia-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
fascia_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          /* A test may have made a folder read-only; give it back before removing. */
          g_chmod (path, 0700);
          fascia_test_rm_rf (child);
        }
    }
  g_rmdir (path);
}

/* Runs every pending main-loop source, so a test sees the state a user would see. */
void
fascia_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * fascia_test_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass.
 *
 * Returns: whether @condition held.
 */
gboolean
fascia_test_wait_for (FasciaTestCondition condition,
                      gpointer            user_data,
                      guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return condition (user_data);
}

/**
 * fascia_test_run_fascia:
 * @args: arguments after the program name, %NULL-terminated
 * @unset_env: (nullable): environment variables to remove, e.g. `DISPLAY`
 * @stdout_text: (out) (optional): what the program printed
 * @stderr_text: (out) (optional): what it printed on standard error
 *
 * Runs the built `fascia` binary (from `FASCIA_BINARY`) and waits for it.
 *
 * Returns: its exit status.
 */
int
fascia_test_run_fascia (const char * const  *args,
                        const char * const  *unset_env,
                        char               **stdout_text,
                        char               **stderr_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  const char *binary = g_getenv ("FASCIA_BINARY");
  int wait_status = 0;

  g_assert_nonnull (binary);

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; unset_env != NULL && unset_env[i] != NULL; i++)
    envp = g_environ_unsetenv (envp, unset_env[i]);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                stdout_text, stderr_text, &wait_status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);

  return -1;
}
