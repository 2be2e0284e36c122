/* fuzz-svg-scan.c — the SVG region scanner (GMarkup, ids, layers, the root size) on any
 * bytes, checked against the built-in atlas as the views are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-atlas.h"
#include "fascia-diagram-private.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static FasciaAtlas *atlas = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  fuzz_set_up ();

  if (atlas == NULL)
    atlas = fascia_atlas_get_default (NULL);

  fascia_diagram_scan_bytes (bytes, atlas, NULL);
  return 0;
}
