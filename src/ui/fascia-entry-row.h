/* fascia-entry-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FASCIA_TYPE_ENTRY_ROW (fascia_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (FasciaEntryRow, fascia_entry_row, FASCIA, ENTRY_ROW, AdwPreferencesRow)

GtkWidget *fascia_entry_row_new                  (void);
GtkWidget *fascia_entry_row_new_password         (void);
void       fascia_entry_row_add_suffix           (FasciaEntryRow *self,
                                                  GtkWidget      *widget);
void       fascia_entry_row_set_accessible_label (FasciaEntryRow *self,
                                                  const char     *label);
GtkWidget *fascia_entry_row_get_entry            (FasciaEntryRow *self);

G_END_DECLS
