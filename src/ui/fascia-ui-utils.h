/* fascia-ui-utils.h — small helpers the clients widgets share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-diagram.h"
#include "fascia/fascia-store.h"

#include "fascia-diagram-view.h"

G_BEGIN_DECLS

/* How long typing pauses before an edit is written. */
#define FASCIA_SAVE_DELAY_MS 400

void      fascia_ui_toast                (GtkWidget        *widget,
                                          const char       *title);
void      fascia_ui_toast_deleted        (GtkWidget        *widget,
                                          const char       *title,
                                          FasciaStoreTable  table,
                                          gint64            id);
void      fascia_ui_show_error           (GtkWidget        *widget,
                                          const char       *what,
                                          const GError     *error);
char     *fascia_ui_format_date          (GDateTime        *date);
char     *fascia_ui_format_iso_date      (GDateTime        *date);
gboolean   fascia_ui_is_date_or_empty (const char *text);
GDateTime *fascia_ui_parse_date          (const char       *text);

G_END_DECLS

G_BEGIN_DECLS

FasciaAtlas *fascia_ui_get_atlas          (void);
gboolean     fascia_ui_show_view          (FasciaDiagramView *view,
                                           const char        *view_id);
void         fascia_ui_fill_view_dropdown (GtkDropDown *dropdown,
                                           const char  *selected_view_id);
const char  *fascia_ui_get_dropdown_view  (GtkDropDown *dropdown);
gboolean     fascia_ui_region_muscle      (FasciaDiagram *diagram,
                                           const char    *region_id,
                                           const char   **muscle_id,
                                           FasciaSide    *side);
char        *fascia_ui_region_id_for      (const char    *muscle_id,
                                           FasciaSide     side);
char        *fascia_ui_muscle_name        (const char    *muscle_id,
                                           FasciaSide     side);

G_END_DECLS
