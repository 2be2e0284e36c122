/* fascia-button-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_BUTTON_GROUP (fascia_button_group_get_type ())

G_DECLARE_FINAL_TYPE (FasciaButtonGroup, fascia_button_group, FASCIA, BUTTON_GROUP, GtkWidget)

GtkWidget *fascia_button_group_new       (GtkWidget         *child,
                                          gboolean           radio);
GtkWidget *fascia_button_group_get_child (FasciaButtonGroup *self);
void       fascia_button_group_set_child (FasciaButtonGroup *self,
                                          GtkWidget         *child);
gboolean   fascia_button_group_get_radio (FasciaButtonGroup *self);
void       fascia_button_group_set_radio (FasciaButtonGroup *self,
                                          gboolean           radio);

G_END_DECLS
