/* fascia-diagram-masks-gen.c — renders the built-in views' hit masks at build time.
 *
 * Writes the resource fascia-diagram.c reads its masks from (see "Masks made at build time"
 * there): every drawing under the GResource's diagrams/, loaded by the same code the program
 * loads it with, which renders each region's mask as it would at run time. Usage:
 *   fascia-diagram-masks-gen OUTPUT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fascia-diagram-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GVariant) out = NULL;
  GVariantBuilder views;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT\n", argv[0]);
      return 2;
    }

  names = g_resources_enumerate_children (RESOURCE_BASE "/diagrams/",
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    g_error ("No drawings: %s", error->message);

  g_variant_builder_init (&views, G_VARIANT_TYPE ("a(sayuuudda(iiiiay))"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *view_id = NULL;
      g_autoptr(FasciaDiagram) diagram = NULL;

      if (!g_str_has_suffix (names[i], ".svg"))
        continue;
      view_id = g_strndup (names[i], strlen (names[i]) - strlen (".svg"));
      /* No atlas: the masks do not depend on it, and a drawing the atlas does not match
       * yet fails where the program opens it, with its message, not the build. */
      diagram = fascia_diagram_new_for_view (NULL, view_id, &error);
      if (diagram == NULL)
        {
          g_printerr ("%s: %s (its masks are rendered at run time)\n", view_id, error->message);
          g_clear_error (&error);
          continue;
        }
      g_assert (!fascia_diagram_has_built_masks (diagram));
      g_variant_builder_add_value (&views, fascia_diagram_masks_to_variant (diagram));
    }

  out = g_variant_ref_sink (fascia_diagram_masks_wrap (g_variant_builder_end (&views)));
  if (!g_file_set_contents (argv[1], g_variant_get_data (out), g_variant_get_size (out), &error))
    g_error ("%s", error->message);
  return 0;
}
