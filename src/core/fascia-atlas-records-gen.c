/* fascia-atlas-records-gen.c — writes, at build time, the built-in atlas's records.
 *
 * The built-in content (resources/atlas/, six JSON files) was parsed and validated at every
 * start, in a worker: about 18 ms of processor time before a window on the Atlas or Study
 * page answered, most of it json-glib building its tree of nodes (the same work whether from
 * the JSON's text or from a GVariant of it), then the validator's walk. This program reads and
 * validates the same files from the same resources, as fascia_atlas_new_from_directory()
 * does (a content error fails the build, naming the file, the record and the field), and writes
 * their records as one serialised GVariant of FASCIA_ATLAS_RECORDS_TYPE
 * (fascia-atlas-private.h), which the program maps from its resources and builds the atlas
 * from (fascia_atlas_get_default()), by the same code as from a directory of JSON.
 *
 * Usage: fascia-atlas-records-gen OUTPUT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fascia-atlas-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GVariant) records = NULL;
  g_autoptr(GVariant) normal = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT\n", argv[0]);
      return EXIT_FAILURE;
    }

  directory = g_file_new_for_uri ("resource://" RESOURCE_BASE "/atlas");
  records = fascia_atlas_read_records (directory, &error);
  if (records == NULL)
    {
      g_printerr ("fascia-atlas-records-gen: the built-in atlas: %s\n", error->message);
      return EXIT_FAILURE;
    }

  normal = g_variant_get_normal_form (records);
  bytes = g_variant_get_data_as_bytes (normal);
  if (!g_file_set_contents (argv[1], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &error))
    {
      g_printerr ("fascia-atlas-records-gen: %s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
