/* fascia-height-for-width-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_HEIGHT_FOR_WIDTH_LAYOUT (fascia_height_for_width_layout_get_type ())

G_DECLARE_FINAL_TYPE (FasciaHeightForWidthLayout, fascia_height_for_width_layout, FASCIA,
                      HEIGHT_FOR_WIDTH_LAYOUT, GtkLayoutManager)

GtkLayoutManager *fascia_height_for_width_layout_new              (void);
void              fascia_height_for_width_layout_take_row_text   (AdwActionRow        *row);
void              fascia_height_for_width_layout_take_group_text (AdwPreferencesGroup *group,
                                                                  GtkListBox          *list);

G_END_DECLS
