/* fascia-list-height-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_LIST_HEIGHT_LAYOUT (fascia_list_height_layout_get_type ())

G_DECLARE_FINAL_TYPE (FasciaListHeightLayout, fascia_list_height_layout, FASCIA, LIST_HEIGHT_LAYOUT,
                      GtkLayoutManager)

GtkLayoutManager *fascia_list_height_layout_new (void);

G_END_DECLS
