/* fascia-diagram-private.h — what the FasciaDiagram sources share: the immutable data of a
 * loaded view (regions, layers, hit masks), shared by a diagram and its copies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <librsvg/rsvg.h>

#include "fascia/fascia-diagram.h"

G_BEGIN_DECLS

/* Masks are rendered at this many pixels per view unit: hit-testing is exact to a view unit. */
#define FASCIA_DIAGRAM_MASK_SCALE 1.0

/* Limits on what a diagram may hold, so that a hostile file cannot exhaust memory. */
#define FASCIA_DIAGRAM_MAX_BYTES     (32 * 1024 * 1024)
#define FASCIA_DIAGRAM_MAX_SIZE      8192.0   /* view units, each dimension */
#define FASCIA_DIAGRAM_MAX_ELEMENTS  200000
#define FASCIA_DIAGRAM_MAX_REGIONS   8192

typedef struct
{
  char     *id;
  int       parent;          /* index of the enclosing layer, or -1 */
  gboolean  initial_visible; /* FALSE when the SVG says display="none" */
} FasciaDiagramLayer;

/* A label of the `labels` layer: its text, where it is anchored, and which of the layer's
 * children are its own (the text, then its leader line and dot, up to the next text). A label
 * broken onto lines (a tspan each, every one after the first FASCIA_DIAGRAM_LABEL_LINE em below
 * the one before) has its lines apart by newlines. */
#define FASCIA_DIAGRAM_LABEL_LINE 1.2

#define FASCIA_DIAGRAM_LEADER_POINTS 4

typedef struct
{
  char     *text;
  double    x, y;            /* the anchor, on the baseline */
  gboolean  end;             /* text-anchor="end": the text ends at x */
  gboolean  transformed;     /* the text has a transform of its own */
  guint     child;           /* the text's place among the layer's children, from 1 */
  guint     n_children;      /* the text and what follows it */
  /* The leader line, when the child after the text is a <path> of straight lines in absolute
   * coordinates with no transform of its own: from beside the text to the point labelled. */
  guint     n_leader;        /* its points, or 0 */
  double    leader[FASCIA_DIAGRAM_LEADER_POINTS][2];
  /* How it is stroked (its stroke="#rrggbb" and stroke-width), for drawing it anew when the
   * text moves; a width of 0 where the drawing does not say so plainly. */
  double    leader_rgb[3];
  double    leader_width;
  /* The id of the muscle card the text names (fascia_diagram_get_label_muscle()), or NULL: a
   * landmark's label, or any label of a drawing loaded without an atlas. */
  const char *muscle;
} FasciaDiagramLabel;

#define FASCIA_DIAGRAM_MAX_LABELS 512

gboolean fascia_diagram_parse_colour (const char *colour,
                                      double     *rgb);

/* A region's pixels at FASCIA_DIAGRAM_MASK_SCALE, one bit each, cropped to its bounds. */
typedef struct
{
  int     x, y, width, height;  /* in mask pixels */
  int     stride;               /* bytes per row */
  guint8 *bits;
} FasciaDiagramMask;

typedef struct
{
  /* Owned */
  GBytes             *svg;
  char               *view_id;
  double              width;
  double              height;
  GArray             *regions;       /* FasciaRegion, in document (paint) order */
  GStringChunk       *strings;
  int                *region_layer;  /* innermost layer of each region, or -1 */
  gboolean           *region_hidden; /* display="none" on the region itself */
  GArray             *layers;        /* FasciaDiagramLayer */
  GArray             *labels;        /* FasciaDiagramLabel, in document order */
  char               *label_family;  /* the `labels` layer's font-family */
  gboolean            labels_apart;  /* the root holds only layers, `labels` last: the labels
                                      * can be drawn apart, over the caller's overlays */
  GHashTable         *region_index;  /* id → index + 1 */
  FasciaDiagramMask  *masks;         /* one per region */
  guint               n_masks;
  int                 grid_cols;
  int                 grid_rows;
  guint              *grid_start;    /* cell → first entry in grid_entries (cols × rows + 1) */
  guint              *grid_entries;  /* region indices, top-most first */
  gboolean            built_masks;   /* the masks came from the build, not rendered */

  /* The mask handle has every layer and zone displayed and every opacity at 1; it is only
   * used with @lock held, so that copies on other threads can share it. */
  GMutex              lock;
  RsvgHandle         *mask_handle;

  /* The drawing's pixels, for keeping enlarged labels off it (data_ensure_drawn()), made with
   * @lock held the first time labels are enlarged: a summed-area table, or NULL. */
  gboolean            drawn_done;
  guint32            *drawn;
  int                 drawn_width;
  int                 drawn_height;
} FasciaDiagramData;

FasciaDiagramData *fascia_diagram_data_new             (GBytes             *svg,
                                                        const char         *view_id);
FasciaDiagramData *fascia_diagram_data_ref             (FasciaDiagramData  *data);
void               fascia_diagram_data_unref           (FasciaDiagramData  *data);

gboolean           fascia_diagram_scan                 (FasciaDiagramData  *data,
                                                        FasciaAtlas        *atlas,
                                                        GError            **error);
gboolean           fascia_diagram_scan_bytes           (GBytes             *svg,
                                                        FasciaAtlas        *atlas,
                                                        GError            **error);

RsvgHandle        *fascia_diagram_data_new_handle      (FasciaDiagramData  *data,
                                                        const char         *css,
                                                        GError            **error);
char              *fascia_diagram_build_mask_css       (FasciaDiagramData  *data);
char              *fascia_diagram_build_css            (FasciaDiagramData  *data,
                                                        const guint8       *styles,
                                                        FasciaRegionStyle   overlay_styles,
                                                        const gboolean     *layer_visible,
                                                        const gboolean     *region_visible,
                                                        gboolean            dim_unstyled);
gboolean           fascia_diagram_style_fill           (FasciaRegionStyle   style,
                                                        const char        **fill,
                                                        const char        **line,
                                                        double             *opacity);

GVariant          *fascia_diagram_masks_to_variant     (FasciaDiagram      *self);
GVariant          *fascia_diagram_masks_wrap           (GVariant           *views);
gboolean           fascia_diagram_has_built_masks      (FasciaDiagram      *self);

G_END_DECLS
