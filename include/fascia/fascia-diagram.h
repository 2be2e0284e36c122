/* fascia-diagram.h — one diagram view: loads its SVG, lists its regions, renders it at any
 * scale with region styles, and answers which region lies under a point. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fascia-atlas.h"
#include "fascia-types.h"

G_BEGIN_DECLS

#define FASCIA_DIAGRAM_ERROR (fascia_diagram_error_quark ())

typedef enum
{
  FASCIA_DIAGRAM_ERROR_PARSE,        /* malformed or hostile SVG */
  FASCIA_DIAGRAM_ERROR_INVALID_ID,   /* an id that breaks the region convention */
  FASCIA_DIAGRAM_ERROR_UNKNOWN_ID,   /* a region that names no atlas record */
  FASCIA_DIAGRAM_ERROR_MISSING,      /* a view or a region that does not exist */
  FASCIA_DIAGRAM_ERROR_TOO_LARGE,
  FASCIA_DIAGRAM_ERROR_RENDER,
  FASCIA_DIAGRAM_ERROR_IO,
} FasciaDiagramError;

GQuark fascia_diagram_error_quark (void);

typedef enum
{
  FASCIA_REGION_MUSCLE,
  FASCIA_REGION_LANDMARK,
  FASCIA_REGION_TRIGGER_POINT,
  FASCIA_REGION_REFERRAL_ZONE,
} FasciaRegionKind;

/* A region of a view, owned by its FasciaDiagram. Bounds are in view units (the SVG's
 * viewBox, 1200 × 1500 for the built-in views). */
typedef struct
{
  const char       *id;        /* "m-psoas-major-l" */
  FasciaRegionKind  kind;
  FasciaSide        side;      /* NONE for a midline region */
  const char       *atlas_id;  /* "psoas-major" (the muscle for tp-/rz- regions) */
  guint             n;         /* trigger point number for tp-/rz- regions, else 0 */
  double            x, y, width, height;
} FasciaRegion;

/* How a region is drawn; flags combine. */
typedef enum
{
  FASCIA_REGION_STYLE_NONE      = 0,
  FASCIA_REGION_STYLE_HOVER     = 1 << 0,
  FASCIA_REGION_STYLE_SELECTED  = 1 << 1,
  FASCIA_REGION_STYLE_FOCUS     = 1 << 2,
  FASCIA_REGION_STYLE_TARGET    = 1 << 3,  /* a plan target */
  FASCIA_REGION_STYLE_ORIGIN    = 1 << 4,  /* an attachment the selected muscle arises from */
  FASCIA_REGION_STYLE_INSERTION = 1 << 5,  /* an attachment it inserts on */
  FASCIA_REGION_STYLE_SHOWN     = 1 << 6,  /* a referral zone made visible */
  FASCIA_REGION_STYLE_PAIN      = 1 << 7,  /* marked on a body chart */
} FasciaRegionStyle;

FasciaRegionStyle   fascia_region_style_shown_fill    (FasciaRegionStyle   style);

/* The colours of the styles, for legends. Origin and insertion are fixed: the UI legend
 * uses them. */
/* The labels' font size in every view's drawing (resources/diagrams/README.md), view units. */
#define FASCIA_DIAGRAM_LABEL_SIZE 17.0

#define FASCIA_DIAGRAM_COLOR_ORIGIN    "#1c71d8"
#define FASCIA_DIAGRAM_COLOR_INSERTION "#e66100"
#define FASCIA_DIAGRAM_COLOR_TARGET    "#2ec27e"
#define FASCIA_DIAGRAM_COLOR_PAIN      "#9141ac"
#define FASCIA_DIAGRAM_COLOR_SELECTED  "#241f31"
#define FASCIA_DIAGRAM_COLOR_HOVER     "#f5c211"
#define FASCIA_DIAGRAM_COLOR_FOCUS     "#3584e4"

/* What fascia_diagram_render_part() draws. */
typedef enum
{
  FASCIA_DIAGRAM_PART_ALL,
  FASCIA_DIAGRAM_PART_DRAWING,  /* everything but the labels */
  FASCIA_DIAGRAM_PART_LABELS,
} FasciaDiagramPart;

/* The overlays a caller lays over fascia_diagram_render_part()'s drawing, pass by pass, and
 * under its labels (fascia_diagram_get_region_overlays()). */
typedef enum
{
  FASCIA_DIAGRAM_PASS_FILLS,        /* pain marks and plan targets */
  FASCIA_DIAGRAM_PASS_SELECTED,     /* the outlines of the regions selected */
  FASCIA_DIAGRAM_PASS_ATTACHMENTS,  /* origins and insertions, over those outlines */
  FASCIA_DIAGRAM_N_PASSES,
} FasciaDiagramPass;

#define FASCIA_TYPE_DIAGRAM (fascia_diagram_get_type ())

G_DECLARE_FINAL_TYPE (FasciaDiagram, fascia_diagram, FASCIA, DIAGRAM, GObject)

FasciaDiagram      *fascia_diagram_new_for_view       (FasciaAtlas        *atlas,
                                                       const char         *view_id,
                                                       GError            **error);
FasciaDiagram      *fascia_diagram_new_from_bytes     (FasciaAtlas        *atlas,
                                                       GBytes             *svg,
                                                       GError            **error);
FasciaDiagram      *fascia_diagram_dup                (FasciaDiagram      *self);

void                fascia_diagram_get_size           (FasciaDiagram      *self,
                                                       double             *width,
                                                       double             *height);
guint               fascia_diagram_get_n_regions      (FasciaDiagram      *self);
const FasciaRegion *fascia_diagram_get_region         (FasciaDiagram      *self,
                                                       guint               index);
const FasciaRegion *fascia_diagram_lookup_region      (FasciaDiagram      *self,
                                                       const char         *region_id);

void                fascia_diagram_set_region_style   (FasciaDiagram      *self,
                                                       const char         *region_id,
                                                       FasciaRegionStyle   style);
FasciaRegionStyle   fascia_diagram_get_region_style   (FasciaDiagram      *self,
                                                       const char         *region_id);
void                fascia_diagram_clear_styles       (FasciaDiagram      *self);
void                fascia_diagram_set_label_size     (FasciaDiagram      *self,
                                                       double              size);
double              fascia_diagram_get_label_size     (FasciaDiagram      *self);
void                fascia_diagram_set_label_room     (FasciaDiagram      *self,
                                                       double              x,
                                                       double              y,
                                                       double              width,
                                                       double              height);
void                fascia_diagram_get_label_room     (FasciaDiagram      *self,
                                                       double             *x,
                                                       double             *y,
                                                       double             *width,
                                                       double             *height);
void                fascia_diagram_get_figure_bounds  (FasciaDiagram      *self,
                                                       double             *x,
                                                       double             *y,
                                                       double             *width,
                                                       double             *height);
void                fascia_diagram_set_min_label_size (FasciaDiagram      *self,
                                                       double              scale,
                                                       double              min_size);
guint               fascia_diagram_get_n_labels       (FasciaDiagram      *self);
const char         *fascia_diagram_get_label_text     (FasciaDiagram      *self,
                                                       guint               i);
const char         *fascia_diagram_get_label_muscle   (FasciaDiagram      *self,
                                                       guint               i);
gboolean            fascia_diagram_get_label_leader   (FasciaDiagram      *self,
                                                       guint               i,
                                                       double             *start_x,
                                                       double             *start_y,
                                                       double             *end_x,
                                                       double             *end_y,
                                                       double             *dy);
gboolean            fascia_diagram_get_label_move     (FasciaDiagram      *self,
                                                       guint               i,
                                                       double             *dx,
                                                       double             *dy);
gboolean            fascia_diagram_get_label_box      (FasciaDiagram      *self,
                                                       guint               i,
                                                       double             *x,
                                                       double             *y,
                                                       double             *width,
                                                       double             *height);
void                fascia_diagram_set_dim_unstyled   (FasciaDiagram      *self,
                                                       gboolean            dim);
void                fascia_diagram_set_layer_visible  (FasciaDiagram      *self,
                                                       const char         *layer_id,
                                                       gboolean            visible);
gboolean            fascia_diagram_get_layer_visible  (FasciaDiagram      *self,
                                                       const char         *layer_id);
guint64             fascia_diagram_get_style_serial   (FasciaDiagram      *self);
guint64             fascia_diagram_get_visibility_serial (FasciaDiagram    *self);

gboolean            fascia_diagram_render             (FasciaDiagram      *self,
                                                       cairo_t            *cr,
                                                       double              scale,
                                                       double              x,
                                                       double              y,
                                                       GError            **error);
const FasciaRegion *fascia_diagram_hit_test           (FasciaDiagram      *self,
                                                       double              x,
                                                       double              y);

/* Additions to the contract above. */
const char         *fascia_diagram_get_view_id        (FasciaDiagram      *self);
gboolean            fascia_diagram_get_region_visible (FasciaDiagram      *self,
                                                       const char         *region_id);
void                fascia_diagram_copy_styles        (FasciaDiagram      *self,
                                                       FasciaDiagram      *source);
GPtrArray          *fascia_diagram_referral_zones_at  (FasciaDiagram      *self,
                                                       double              x,
                                                       double              y);
GPtrArray          *fascia_diagram_regions_at         (FasciaDiagram      *self,
                                                       double              x,
                                                       double              y,
                                                       gboolean            visible_only);
cairo_surface_t    *fascia_diagram_render_region_mask (FasciaDiagram      *self,
                                                       const char         *region_id,
                                                       double              scale,
                                                       GError            **error);
guint64             fascia_diagram_get_over_samples   (FasciaDiagram      *self);
gboolean            fascia_diagram_render_to_file     (FasciaDiagram      *self,
                                                       const char         *path,
                                                       double              width,
                                                       GError            **error);
guint               fascia_diagram_add_style_for      (FasciaDiagram      *self,
                                                       FasciaRegionKind    kind,
                                                       const char         *atlas_id,
                                                       FasciaRegionStyle   style);
guint               fascia_diagram_show_attachments   (FasciaDiagram      *self,
                                                       FasciaMuscle       *muscle);
guint               fascia_diagram_show_referral      (FasciaDiagram      *self,
                                                       const char         *muscle_id);
void                fascia_diagram_set_overlay_styles (FasciaDiagram      *self,
                                                       FasciaRegionStyle   styles);
FasciaRegionStyle   fascia_diagram_get_overlay_styles (FasciaDiagram      *self);
cairo_surface_t    *fascia_diagram_render_region_outline
                                                      (FasciaDiagram      *self,
                                                       const char         *region_id,
                                                       double              scale,
                                                       double              line_width,
                                                       const char         *colour,
                                                       double             *x,
                                                       double             *y);
gboolean            fascia_diagram_render_part        (FasciaDiagram      *self,
                                                       cairo_t            *cr,
                                                       FasciaDiagramPart   part,
                                                       double              scale,
                                                       double              x,
                                                       double              y,
                                                       GError            **error);
gboolean            fascia_diagram_get_labels_apart   (FasciaDiagram      *self);
gboolean            fascia_diagram_parse_region_id    (const char         *id,
                                                       FasciaRegionKind   *kind,
                                                       FasciaSide         *side,
                                                       char              **atlas_id,
                                                       guint              *n);
cairo_surface_t    *fascia_diagram_render_region_overlay
                                                      (FasciaDiagram      *self,
                                                       const char         *region_id,
                                                       FasciaRegionStyle   style,
                                                       double              scale,
                                                       double             *x,
                                                       double             *y);
guint               fascia_diagram_get_region_overlays (FasciaDiagram     *self,
                                                        guint              index,
                                                        FasciaDiagramPass  pass,
                                                        FasciaRegionStyle  overlays[2]);

G_END_DECLS
