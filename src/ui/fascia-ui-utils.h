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
#include "fascia-entry-row.h"

G_BEGIN_DECLS

/* How long typing pauses before an edit is written. */
#define FASCIA_SAVE_DELAY_MS 400

void      fascia_ui_toast                (GtkWidget        *widget,
                                          const char       *title);
void      fascia_ui_toast_deleted        (GtkWidget        *widget,
                                          const char       *title,
                                          FasciaStoreTable  table,
                                          gint64            id);
void      fascia_ui_toast_archived       (GtkWidget        *widget,
                                          const char       *title,
                                          gint64            client_id);
void      fascia_ui_show_error           (GtkWidget        *widget,
                                          const char       *what,
                                          const GError     *error);
gboolean  fascia_ui_show_read_error      (GtkWidget        *widget,
                                          FasciaStore      *store,
                                          const char       *what,
                                          const GError     *error);
gboolean  fascia_ui_show_save_error      (GtkWidget        *widget,
                                          FasciaStore      *store,
                                          const char       *what,
                                          const GError     *error);

/* Dates: one display format everywhere, the ISO form in the database. */
typedef enum
{
  FASCIA_UI_DATE_ORDER_DMY,
  FASCIA_UI_DATE_ORDER_MDY,
  FASCIA_UI_DATE_ORDER_YMD,
} FasciaUiDateOrder;

char              *fascia_ui_format_date          (GDateTime         *date);
char              *fascia_ui_format_iso_date      (GDateTime         *date);
char              *fascia_ui_format_stored_date   (const char        *iso);
FasciaUiDateOrder  fascia_ui_get_locale_date_order (void);
GDateTime         *fascia_ui_parse_date           (const char        *text);
GDateTime         *fascia_ui_parse_date_in_order  (const char        *text,
                                                   FasciaUiDateOrder  order);
char              *fascia_ui_describe_date_format (void);

/* Fields that refuse bad input visibly: the text stays, the field is marked with a message. */
void               fascia_ui_field_set_error      (GtkWidget         *field,
                                                   const char        *message);
const char        *fascia_ui_field_get_error      (GtkWidget         *field);
void               fascia_ui_date_row_init        (FasciaEntryRow    *row);
void               fascia_ui_bind_deferred_menu   (GtkWidgetClass    *widget_class,
                                                   const char        *button_id,
                                                   const char        *menu_id);
void               fascia_ui_defer_menu           (GtkWidget         *widget,
                                                   GType              widget_type,
                                                   const char        *button_id,
                                                   const char        *menu_id);
void               fascia_ui_keep_clicks_over_layout (GtkWidget     *toplevel);
void               fascia_ui_check_buttons_keep_arrows (void);
void               fascia_ui_keep_clicks_in_every_window (void);
void               fascia_ui_quiet_tooltips_over_menus (void);
void               fascia_ui_layout_allocate_whole (GtkLayoutManager *manager,
                                                    GtkWidget        *widget,
                                                    int               width,
                                                    int               height,
                                                    int               baseline);
void               fascia_ui_date_row_set_required (FasciaEntryRow   *row);
void               fascia_ui_date_row_set_date    (FasciaEntryRow    *row,
                                                   const char        *iso);
gboolean           fascia_ui_date_row_get_date    (FasciaEntryRow    *row,
                                                   char             **iso);
void               fascia_ui_email_row_init       (FasciaEntryRow    *row);
void               fascia_ui_expander_row_open_at_once (AdwExpanderRow *row);
void               fascia_ui_expander_row_set_title (AdwExpanderRow *row,
                                                     const char     *title);
void               fascia_ui_spin_button_ignore_wheel  (GtkSpinButton  *spin);

/* The privacy switch: a client's name as shown, or its initials while names are hidden. */
char              *fascia_ui_client_name          (FasciaClient      *client,
                                                   gboolean           hide);
gboolean           fascia_ui_names_hidden         (void);
char              *fascia_ui_client_file_name     (FasciaClient      *client,
                                                   gboolean           hide);

/* Screen readers */
void               fascia_ui_name_controls        (void);
void               fascia_ui_name_tree            (GtkWidget         *widget);
void               fascia_ui_flow_box_only_lays_out (GtkFlowBox      *flow);
void               fascia_ui_list_one_tab_stop    (GtkWidget         *list);
gboolean           fascia_ui_is_email_or_empty    (const char        *text);

/* Work done ahead in idle time */
void               fascia_ui_run_in_background    (GTask             *task,
                                                   GTaskThreadFunc    func);
gboolean           fascia_ui_wait_for_background  (guint              timeout_ms);

G_END_DECLS

G_BEGIN_DECLS

FasciaAtlas *fascia_ui_get_atlas          (void);
gboolean     fascia_ui_show_view          (FasciaDiagramView *view,
                                           const char        *view_id);

/* Labels are never smaller than GNOME's caption text (11 px) on screen, however far a drawing
 * is zoomed out to fit its pane: those that no longer fit beside the drawing step aside (their
 * names stay in the tooltips and accessible names) and come back as the user zooms in. */
#define FASCIA_UI_READABLE_LABEL_PX 11.0

void         fascia_ui_update_label_size  (FasciaDiagramView *view,
                                           double             pixels);
void         fascia_ui_set_label_room     (FasciaDiagramView *view,
                                           FasciaDiagram     *diagram);
double       fascia_ui_label_size_for     (double             pixels,
                                           double             zoom);
void         fascia_ui_keep_labels_readable (FasciaDiagramView *view);
void         fascia_ui_add_zoom_buttons     (FasciaDiagramView *view);
void         fascia_ui_place_editor_paned   (GtkPaned          *paned);
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

const FasciaRegion *fascia_ui_labelled_region_at (FasciaDiagram *diagram,
                                                 double         x,
                                                 double         y,
                                                 gboolean      *on_label);
int                 fascia_ui_label_at           (FasciaDiagram *diagram,
                                                 double         x,
                                                 double         y);

G_END_DECLS
