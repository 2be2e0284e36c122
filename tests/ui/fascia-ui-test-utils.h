/* fascia-ui-test-utils.h — real input for widget tests, through the X server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     fascia_ui_test_pointer_move   (GtkWidget  *widget,
                                        double      x,
                                        double      y);
void     fascia_ui_test_click          (GtkWidget  *widget,
                                        double      x,
                                        double      y);
void     fascia_ui_test_scroll         (GtkWidget  *widget,
                                        double      x,
                                        double      y,
                                        gboolean    up,
                                        gboolean    control);
void     fascia_ui_test_keys           (GtkWidget  *widget,
                                        const char *keys);
gboolean fascia_ui_test_wait_idle      (guint       ms);

G_END_DECLS
