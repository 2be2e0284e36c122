/* fuzz-database.c — opening a database file: the header checks, the version, the schema
 * verification, the migrations and a first query, on any bytes written to a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fascia/fascia-store.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FasciaStore) store = NULL;
  static const char *sides[] = { "", "-wal", "-shm", "-journal" };

  fuzz_set_up ();

  if (dir == NULL)
    dir = g_dir_make_tmp ("fascia-fuzz-XXXXXX", NULL);
  g_assert (dir != NULL);

  path = g_build_filename (dir, "fascia.db", NULL);
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;

  store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, NULL);
  if (store != NULL)
    {
      g_autoptr(GListModel) clients = fascia_store_list_clients (store, NULL,
                                                                 FASCIA_STORE_LIST_ARCHIVED,
                                                                 NULL);
      g_autoptr(GListModel) found = fascia_store_list_clients (store, "a", 0, NULL);
      volatile guint n = (clients != NULL ? g_list_model_get_n_items (clients) : 0) +
                         (found != NULL ? g_list_model_get_n_items (found) : 0);

      (void) n;
      g_clear_object (&store);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *side = g_strconcat (path, sides[i], NULL);

      g_unlink (side);
    }

  return 0;
}
