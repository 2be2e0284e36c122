/* fascia-diagram-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-diagram.h"

G_BEGIN_DECLS

#define FASCIA_TYPE_DIAGRAM_VIEW (fascia_diagram_view_get_type ())

G_DECLARE_FINAL_TYPE (FasciaDiagramView, fascia_diagram_view, FASCIA, DIAGRAM_VIEW, GtkWidget)

GtkWidget     *fascia_diagram_view_new                (void);

FasciaAtlas   *fascia_diagram_view_get_atlas          (FasciaDiagramView *self);
void           fascia_diagram_view_set_atlas          (FasciaDiagramView *self,
                                                       FasciaAtlas       *atlas);
FasciaDiagram *fascia_diagram_view_get_diagram        (FasciaDiagramView *self);
void           fascia_diagram_view_set_diagram        (FasciaDiagramView *self,
                                                       FasciaDiagram     *diagram);

void           fascia_diagram_view_set_region_style   (FasciaDiagramView *self,
                                                       const char        *region_id,
                                                       FasciaRegionStyle  style);
void           fascia_diagram_view_add_region_style   (FasciaDiagramView *self,
                                                       const char        *region_id,
                                                       FasciaRegionStyle  flags);
void           fascia_diagram_view_remove_region_style (FasciaDiagramView *self,
                                                        const char        *region_id,
                                                        FasciaRegionStyle  flags);
void           fascia_diagram_view_clear_region_styles (FasciaDiagramView *self,
                                                        FasciaRegionStyle  flags);
void           fascia_diagram_view_styles_changed     (FasciaDiagramView *self);
void           fascia_diagram_view_set_layer_visible  (FasciaDiagramView *self,
                                                       const char        *layer_id,
                                                       gboolean           visible);

gboolean       fascia_diagram_view_get_point_mode     (FasciaDiagramView *self);
void           fascia_diagram_view_set_point_mode     (FasciaDiagramView *self,
                                                       gboolean           point_mode);
void           fascia_diagram_view_add_marker         (FasciaDiagramView *self,
                                                       double             x,
                                                       double             y);
void           fascia_diagram_view_add_marker_full    (FasciaDiagramView *self,
                                                       double             x,
                                                       double             y,
                                                       gboolean           hollow);
void           fascia_diagram_view_clear_markers      (FasciaDiagramView *self);
guint          fascia_diagram_view_get_n_markers      (FasciaDiagramView *self);
void           fascia_diagram_view_set_region_note    (FasciaDiagramView *self,
                                                       const char        *region_id,
                                                       const char        *note);
const char    *fascia_diagram_view_get_region_note    (FasciaDiagramView *self,
                                                       const char        *region_id);
void           fascia_diagram_view_clear_region_notes (FasciaDiagramView *self);

double         fascia_diagram_view_get_zoom           (FasciaDiagramView *self);
gboolean       fascia_diagram_view_get_fitted_area    (FasciaDiagramView *self,
                                                       FasciaDiagram     *diagram,
                                                       double            *x,
                                                       double            *y,
                                                       double            *width,
                                                       double            *height);
void           fascia_diagram_view_zoom_at            (FasciaDiagramView *self,
                                                       double             factor,
                                                       double             widget_x,
                                                       double             widget_y);
void           fascia_diagram_view_zoom_to_fit        (FasciaDiagramView *self);
void           fascia_diagram_view_set_fit_figure     (FasciaDiagramView *self,
                                                       gboolean           fit_figure);
void           fascia_diagram_view_set_names_hidden   (FasciaDiagramView *self,
                                                       gboolean           hidden);
void           fascia_diagram_view_pan                (FasciaDiagramView *self,
                                                       double             dx,
                                                       double             dy);
void           fascia_diagram_view_reveal_region      (FasciaDiagramView *self,
                                                       const char        *region_id);
void           fascia_diagram_view_view_to_widget     (FasciaDiagramView *self,
                                                       double             view_x,
                                                       double             view_y,
                                                       double            *widget_x,
                                                       double            *widget_y);
void           fascia_diagram_view_widget_to_view     (FasciaDiagramView *self,
                                                       double             widget_x,
                                                       double             widget_y,
                                                       double            *view_x,
                                                       double            *view_y);

const char    *fascia_diagram_view_get_hovered_region (FasciaDiagramView *self);
char          *fascia_diagram_view_dup_tooltip_text   (FasciaDiagramView *self,
                                                       double             x,
                                                       double             y);
GtkWidget     *fascia_diagram_view_get_region_widget  (FasciaDiagramView *self,
                                                       const char        *region_id);
gboolean       fascia_diagram_view_focus_region       (FasciaDiagramView *self,
                                                       const char        *region_id);
gboolean       fascia_diagram_view_get_keyboard_point (FasciaDiagramView *self,
                                                       double            *x,
                                                       double            *y);
gboolean       fascia_diagram_view_is_up_to_date      (FasciaDiagramView *self);
guint          fascia_diagram_view_get_overlay_count  (FasciaDiagramView *self);
gboolean       fascia_diagram_view_is_making_ahead    (FasciaDiagramView *self);
gboolean       fascia_diagram_view_is_making_ahead_in (FasciaDiagramView *self);
guint          fascia_diagram_view_get_kept_overlay_count (FasciaDiagramView *self);
void           fascia_diagram_view_set_hover_styles   (FasciaDiagramView *self,
                                                       FasciaRegionStyle  styles);
void           fascia_diagram_view_make_ahead         (FasciaDiagramView *self,
                                                       const char        *region_id,
                                                       FasciaRegionStyle  styles);
void           fascia_diagram_view_drop_ahead_in      (FasciaDiagramView *self);
void           fascia_diagram_view_make_ahead_in      (FasciaDiagramView *self,
                                                       FasciaDiagram     *diagram,
                                                       const char        *region_id,
                                                       FasciaRegionStyle  styles);
void           fascia_diagram_view_get_render_count   (FasciaDiagramView *self,
                                                       guint             *full,
                                                       guint             *patches);

void           fascia_diagram_view_keep_ready         (FasciaDiagramView *self,
                                                       FasciaDiagram     *diagram);
gboolean       fascia_diagram_view_is_ready           (FasciaDiagramView *self,
                                                       FasciaDiagram     *diagram);
gboolean       fascia_diagram_view_is_preparing       (FasciaDiagramView *self);

G_END_DECLS
