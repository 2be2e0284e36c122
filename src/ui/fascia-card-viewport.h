/* fascia-card-viewport.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_CARD_VIEWPORT (fascia_card_viewport_get_type ())

G_DECLARE_FINAL_TYPE (FasciaCardViewport, fascia_card_viewport, FASCIA, CARD_VIEWPORT, GtkWidget)

GtkWidget *fascia_card_viewport_new       (void);
GtkWidget *fascia_card_viewport_get_child (FasciaCardViewport *self);
void       fascia_card_viewport_set_child (FasciaCardViewport *self,
                                           GtkWidget          *child);
void       fascia_card_viewport_show_new  (FasciaCardViewport *self);
void       fascia_card_viewport_lay_out_ahead       (FasciaCardViewport *self,
                                                     GtkWidget          *ahead);
gboolean   fascia_card_viewport_is_laying_out_ahead (FasciaCardViewport *self);

G_END_DECLS
