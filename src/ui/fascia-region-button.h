/* fascia-region-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_REGION_BUTTON (fascia_region_button_get_type ())

G_DECLARE_FINAL_TYPE (FasciaRegionButton, fascia_region_button, FASCIA, REGION_BUTTON, GtkButton)

GtkWidget  *fascia_region_button_new            (const char         *region_id,
                                                 const char         *label,
                                                 const char         *description);
const char *fascia_region_button_get_region_id  (FasciaRegionButton *self);
const char *fascia_region_button_get_label_text (FasciaRegionButton *self);

G_END_DECLS
