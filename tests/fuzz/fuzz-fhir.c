/* fuzz-fhir.c — the FHIR bundle importer on any bytes: parsing, the bundle's structure and
 * bounds, the look for patients already clients, and the import itself (all or nothing)
 * into a real database file, then a bundle written back of what was imported.
 *
 * The input's length chooses what to do with a patient already a client (refuse, skip,
 * merge or add), so that every rule is reached from the same corpus. The database is made
 * afresh every 200 inputs, so that it does not grow for the whole run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fascia/fascia-fhir.h"
#include "fuzz-target.h"

static FasciaAtlas *atlas;
static FasciaStore *store;
static char *dir;
static guint n_inputs;

static void
store_afresh (void)
{
  g_autofree char *path = NULL;
  static const char *sides[] = { "", "-wal", "-shm", "-journal" };

  if (dir == NULL)
    dir = g_dir_make_tmp ("fascia-fuzz-XXXXXX", NULL);
  g_assert (dir != NULL);
  path = g_build_filename (dir, "fascia.db", NULL);

  if (store != NULL)
    fascia_store_close (store);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *side = g_strconcat (path, sides[i], NULL);

      g_unlink (side);
    }

  store = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP, NULL);
  g_assert (store != NULL);
  fascia_store_set_id_validator (store, fascia_fhir_atlas_has_id, atlas, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bundle = g_bytes_new (data, size);
  g_autoptr(GPtrArray) duplicates = NULL;
  FasciaFhirImportCounts counts = { 0 };
  static const FasciaFhirDuplicates rules[] = {
    FASCIA_FHIR_DUPLICATES_REFUSE, FASCIA_FHIR_DUPLICATES_SKIP,
    FASCIA_FHIR_DUPLICATES_MERGE, FASCIA_FHIR_DUPLICATES_ADD,
  };

  fuzz_set_up ();
  if (atlas == NULL)
    {
      atlas = fascia_atlas_get_default (NULL);
      g_assert (atlas != NULL);
    }
  if (store == NULL || n_inputs++ % 200 == 0)
    store_afresh ();

  duplicates = fascia_fhir_find_duplicates (store, bundle, NULL);
  if (fascia_fhir_import (store, bundle, rules[size % G_N_ELEMENTS (rules)], &counts, NULL) &&
      counts.n_added > 0)
    {
      g_autoptr(GListModel) clients = fascia_store_list_clients (store, NULL,
                                                                 FASCIA_STORE_LIST_ARCHIVED,
                                                                 NULL);
      guint n = clients != NULL ? g_list_model_get_n_items (clients) : 0;

      /* The last client added, written back: what was let in can be written out. */
      if (n > 0)
        {
          g_autoptr(FasciaClient) client = g_list_model_get_item (clients, n - 1);
          g_autoptr(GBytes) again = fascia_fhir_export (store, atlas,
                                                        fascia_client_get_id (client), NULL);

          g_assert (again != NULL);
        }
    }

  return 0;
}
