/* fascia-rsvg.h — librsvg, opened the first time a drawing is loaded, not at start-up.
 *
 * librsvg (and libxml2 and ICU, which it brings) is not linked: a window that shows no
 * diagram never maps it, and the dynamic loader does not relocate it before the first frame.
 * The few calls the renderer makes go through fascia_rsvg(): the names below are those of
 * librsvg's own functions, so that the code reads as librsvg's documentation does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <librsvg/rsvg.h>

G_BEGIN_DECLS

typedef struct
{
  __typeof__ (rsvg_handle_new_from_stream_sync)         *handle_new_from_stream_sync;
  __typeof__ (rsvg_handle_set_dpi)                      *handle_set_dpi;
  __typeof__ (rsvg_handle_set_stylesheet)               *handle_set_stylesheet;
  __typeof__ (rsvg_handle_get_intrinsic_dimensions)     *handle_get_intrinsic_dimensions;
  __typeof__ (rsvg_handle_get_intrinsic_size_in_pixels) *handle_get_intrinsic_size_in_pixels;
  __typeof__ (rsvg_handle_render_layer)                 *handle_render_layer;
  __typeof__ (rsvg_handle_render_document)              *handle_render_document;
  __typeof__ (rsvg_handle_get_geometry_for_layer)       *handle_get_geometry_for_layer;
  const guint                                           *major_version;
  const guint                                           *minor_version;
  const guint                                           *micro_version;
} FasciaRsvg;

const FasciaRsvg *fascia_rsvg           (void);
gboolean          fascia_rsvg_is_loaded (void);

/* After the declarations above: librsvg's names, called through the table. */
#define rsvg_handle_new_from_stream_sync         (fascia_rsvg ()->handle_new_from_stream_sync)
#define rsvg_handle_set_dpi                      (fascia_rsvg ()->handle_set_dpi)
#define rsvg_handle_set_stylesheet               (fascia_rsvg ()->handle_set_stylesheet)
#define rsvg_handle_get_intrinsic_dimensions     (fascia_rsvg ()->handle_get_intrinsic_dimensions)
#define rsvg_handle_get_intrinsic_size_in_pixels \
  (fascia_rsvg ()->handle_get_intrinsic_size_in_pixels)
#define rsvg_handle_render_layer                 (fascia_rsvg ()->handle_render_layer)
#define rsvg_handle_render_document              (fascia_rsvg ()->handle_render_document)
#define rsvg_handle_get_geometry_for_layer       (fascia_rsvg ()->handle_get_geometry_for_layer)

G_END_DECLS
