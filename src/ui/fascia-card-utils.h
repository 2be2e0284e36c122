/* fascia-card-utils.h — the building blocks the atlas cards are made of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *fascia_card_paragraph   (const char         *text);
GtkWidget *fascia_card_list        (const char * const *items,
                                    gboolean            numbered);
GtkWidget *fascia_card_link        (const char         *label,
                                    const char         *kind,
                                    const char         *id);
void       fascia_card_add_section (GtkBox             *box,
                                    const char         *title,
                                    GtkWidget          *content);
void       fascia_card_add_text    (GtkBox             *box,
                                    const char         *title,
                                    const char         *text);
void       fascia_card_add_list    (GtkBox             *box,
                                    const char         *title,
                                    const char * const *items,
                                    gboolean            numbered);
void       fascia_card_clear       (GtkBox             *box);
void       fascia_card_wrap_row_words (GtkWidget       *row);

G_END_DECLS
