/* fascia-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-paths"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "fascia/fascia-paths.h"

/**
 * fascia_paths_default_database:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/fascia/fascia.db`, where client data lives
 *   unless `--database` names another file.
 */
char *
fascia_paths_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "fascia", "fascia.db", NULL);
}

/**
 * fascia_paths_ensure_private_dir:
 * @dir: a directory path
 * @error: return location for a #GError
 *
 * Creates @dir (and its parents) if needed. A directory Fascia creates is mode 0700,
 * because it holds health records; an existing one is left as its owner set it.
 *
 * Returns: %TRUE if @dir exists as a directory afterwards.
 */
gboolean
fascia_paths_ensure_private_dir (const char  *dir,
                                 GError     **error)
{
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create the folder “%s”: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
