/* fascia-rsvg.c — librsvg, opened on first use (see fascia-rsvg.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-render"

#include "config.h"

#include <gmodule.h>

#include "fascia-rsvg.h"

/* The library's ABI name: librsvg 2.x keeps it. */
#define RSVG_LIBRARY "librsvg-2.so.2"

static FasciaRsvg rsvg;
static gsize loaded;
static gint  is_loaded;

static void
resolve (GModule    *module,
         const char *name,
         gpointer   *symbol)
{
  if (!g_module_symbol (module, name, symbol) || *symbol == NULL)
    g_error ("%s has no %s: %s", RSVG_LIBRARY, name, g_module_error ());
}

/**
 * fascia_rsvg:
 *
 * Opens librsvg the first time it is called, from any thread, and keeps it open. Fascia
 * cannot draw without it: a missing librsvg is a broken installation, and ends the program
 * with a message naming it.
 *
 * Returns: (transfer none): librsvg's functions
 */
const FasciaRsvg *
fascia_rsvg (void)
{
  if (g_once_init_enter (&loaded))
    {
      GModule *module = g_module_open (RSVG_LIBRARY, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module == NULL)
        g_error ("Fascia cannot draw its diagrams without %s: %s", RSVG_LIBRARY,
                 g_module_error ());
      g_module_make_resident (module);
#define RESOLVE(field, name) resolve (module, name, (gpointer *) &rsvg.field)
      RESOLVE (handle_new_from_stream_sync, "rsvg_handle_new_from_stream_sync");
      RESOLVE (handle_set_dpi, "rsvg_handle_set_dpi");
      RESOLVE (handle_set_stylesheet, "rsvg_handle_set_stylesheet");
      RESOLVE (handle_get_intrinsic_dimensions, "rsvg_handle_get_intrinsic_dimensions");
      RESOLVE (handle_get_intrinsic_size_in_pixels, "rsvg_handle_get_intrinsic_size_in_pixels");
      RESOLVE (handle_render_layer, "rsvg_handle_render_layer");
      RESOLVE (handle_render_document, "rsvg_handle_render_document");
      RESOLVE (handle_get_geometry_for_layer, "rsvg_handle_get_geometry_for_layer");
      RESOLVE (major_version, "rsvg_major_version");
      RESOLVE (minor_version, "rsvg_minor_version");
      RESOLVE (micro_version, "rsvg_micro_version");
#undef RESOLVE
      g_atomic_int_set (&is_loaded, TRUE);
      g_once_init_leave (&loaded, 1);
    }
  return &rsvg;
}

/**
 * fascia_rsvg_is_loaded:
 *
 * Returns: whether librsvg has been opened in this process (by fascia_rsvg())
 */
gboolean
fascia_rsvg_is_loaded (void)
{
  return g_atomic_int_get (&is_loaded);
}
