/* fuzz-atlas.c — the atlas loader: one content file replaced by the input, the others the
 * built-in ones, through parsing, the depth guard, the schema walk and the cross-checks.
 *
 * The first byte of the input chooses the file; the rest is its contents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fascia-atlas-private.h"
#include "fuzz-target.h"

static GBytes *builtin[FASCIA_ATLAS_N_FILES];

static void
load_builtin (void)
{
  for (guint i = 0; i < FASCIA_ATLAS_N_FILES; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_BASE "/atlas/", fascia_atlas_file_name (i),
                                           NULL);

      builtin[i] = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (builtin[i] != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GBytes *contents[FASCIA_ATLAS_N_FILES];
  JsonArray *records[FASCIA_ATLAS_N_FILES] = { NULL, };
  guint file;

  fuzz_set_up ();

  if (builtin[0] == NULL)
    load_builtin ();

  if (size == 0)
    return 0;

  file = data[0] % FASCIA_ATLAS_N_FILES;
  for (guint i = 0; i < FASCIA_ATLAS_N_FILES; i++)
    contents[i] = i == file ? g_bytes_new (data + 1, size - 1) : g_bytes_ref (builtin[i]);

  fascia_atlas_validate (contents, records, NULL);

  for (guint i = 0; i < FASCIA_ATLAS_N_FILES; i++)
    {
      g_bytes_unref (contents[i]);
      g_clear_pointer (&records[i], json_array_unref);
    }

  return 0;
}
