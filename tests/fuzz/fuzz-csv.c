/* fuzz-csv.c — the CSV importer: decoding, separator detection, parsing, column mapping and
 * building a client from every row, on any bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-csv-import.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(FasciaCsvImport) import = fascia_csv_import_new (bytes, NULL);
  guint n_rows, n_columns;

  fuzz_set_up ();

  if (import == NULL)
    return 0;

  n_columns = fascia_csv_import_get_n_columns (import);
  for (guint c = 0; c < n_columns; c++)
    fuzz_touch (fascia_csv_import_get_header (import, c));

  if (!fascia_csv_import_check_columns (import, NULL))
    return 0;

  /* Every row, as the import would build it; the first hundred are enough to reach every
   * path, and keep one input fast. */
  n_rows = MIN (fascia_csv_import_get_n_rows (import), 100);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(FasciaClient) client = fascia_csv_import_build_client (import, r, NULL);

      if (client != NULL)
        fuzz_touch (fascia_client_get_name (client));
      for (guint c = 0; c < n_columns; c++)
        fuzz_touch (fascia_csv_import_get_value (import, r, c));
    }

  return 0;
}
