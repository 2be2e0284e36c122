/* fascia-conflict-dialog.h — someone else saved what the user is editing: show both
 * versions and let the user choose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-store.h"

G_BEGIN_DECLS

/* The dialog's responses. Closing it (Escape) copies mine aside: nothing typed is lost. */
#define FASCIA_CONFLICT_KEEP_MINE   "mine"
#define FASCIA_CONFLICT_TAKE_THEIRS "theirs"
#define FASCIA_CONFLICT_COPY_MINE   "copy"

AdwMessageDialog *fascia_conflict_dialog_new       (GtkWidget        *parent,
                                                    const char       *what,
                                                    const char       *who,
                                                    GDateTime        *when);
void              fascia_conflict_dialog_add_field (AdwMessageDialog *dialog,
                                                    const char       *name,
                                                    const char       *theirs,
                                                    const char       *mine);
void              fascia_conflict_dialog_show_journal (GtkWidget        *parent,
                                                       FasciaStore      *store);
void              fascia_conflict_copy_aside       (GtkWidget        *widget,
                                                    const char       *text);

G_END_DECLS
