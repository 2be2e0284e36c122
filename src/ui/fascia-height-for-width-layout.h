/* fascia-height-for-width-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_HEIGHT_FOR_WIDTH_LAYOUT (fascia_height_for_width_layout_get_type ())

G_DECLARE_FINAL_TYPE (FasciaHeightForWidthLayout, fascia_height_for_width_layout, FASCIA,
                      HEIGHT_FOR_WIDTH_LAYOUT, GtkLayoutManager)

GtkLayoutManager *fascia_height_for_width_layout_new (void);

G_END_DECLS
