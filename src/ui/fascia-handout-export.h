/* fascia-handout-export.h — printing and exporting a plan's client handout from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

G_BEGIN_DECLS

void fascia_handout_export_print (GtkWidget   *widget,
                                  FasciaStore *store,
                                  gint64       plan_id);
void fascia_handout_export_pdf   (GtkWidget   *widget,
                                  FasciaStore *store,
                                  gint64       plan_id);

G_END_DECLS
