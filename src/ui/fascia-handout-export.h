/* fascia-handout-export.h — printing and exporting a plan's client handout from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-handout.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia/fascia-store.h"

G_BEGIN_DECLS

/* What every printed page takes from the preferences: the letterhead and the paper. */
typedef struct
{
  char        *clinic;
  char        *therapist;
  char        *contact;
  FasciaPaper  paper;
} FasciaPrintSetup;

void             fascia_print_setup_load           (FasciaPrintSetup       *setup);
void             fascia_print_setup_clear          (FasciaPrintSetup       *setup);
FasciaLetterhead fascia_print_setup_get_letterhead (const FasciaPrintSetup *setup);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FasciaPrintSetup, fascia_print_setup_clear)

void fascia_handout_export_print (GtkWidget   *widget,
                                  FasciaStore *store,
                                  gint64       plan_id);
void fascia_handout_export_pdf   (GtkWidget   *widget,
                                  FasciaStore *store,
                                  gint64       plan_id);
char *fascia_handout_export_file_name (FasciaStore *store,
                                       gint64       plan_id);

G_END_DECLS
