/* fascia-column-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_COLUMN_LAYOUT (fascia_column_layout_get_type ())

G_DECLARE_FINAL_TYPE (FasciaColumnLayout, fascia_column_layout, FASCIA, COLUMN_LAYOUT, GtkLayoutManager)

GtkLayoutManager *fascia_column_layout_new (void);

G_END_DECLS
