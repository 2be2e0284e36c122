/* fascia-pain-scale.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_PAIN_SCALE (fascia_pain_scale_get_type ())

G_DECLARE_FINAL_TYPE (FasciaPainScale, fascia_pain_scale, FASCIA, PAIN_SCALE, GtkWidget)

GtkWidget *fascia_pain_scale_new       (void);
int        fascia_pain_scale_get_value (FasciaPainScale *self);
void       fascia_pain_scale_set_value (FasciaPainScale *self,
                                        int              value);

G_END_DECLS
