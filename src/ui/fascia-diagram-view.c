/* fascia-diagram-view.c — shows a FasciaDiagram: zoom, pan, hover, activation, keyboard.
 *
 * Drawing: the visible viewport is rendered at device pixels by FasciaDiagram in a worker
 * thread (its own fascia_diagram_dup() copy; one job in flight, later requests coalesced) and
 * shown as a texture (as cairo nodes of the same pixels under GSK's cairo renderer: see
 * append_pixels()). On zoom or pan the last texture is drawn transformed at once and the
 * viewport re-rendered after a short pause. Region styles are not rendered at all but for a
 * referral zone shown: the diagram leaves them out (overlay styles) and the view lays what
 * it makes of the region's hit mask over the texture (an outline for selection, hover and
 * focus; a fill for an attachment, a target or pain), cached per region, so that neither a
 * click nor the pointer waits for librsvg. The labels are rendered apart and drawn over
 * those overlays. A zone shown re-renders the bounds of the zone only, into a copy of the
 * texture (a patch replaces pixels: drawn over them, every half-covered pixel of the labels
 * and edges would be covered twice).
 *
 * Accessibility: one FasciaRegionButton child per region (see fascia-region-button.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-diagram-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fascia-diagram-view.h"
#include "fascia-region-button.h"
#include "fascia-region-text.h"
#include "fascia-ui-utils.h"

#define RENDER_DEBOUNCE_MS   150
#define PREPARE_DELAY_MS     250
#define ZOOM_STEP            1.25
#define MAX_ZOOM             12.0
#define PAN_STEP             64.0
#define KEEP_VISIBLE_PX      64.0
#define DRAG_THRESHOLD_PX    4.0
#define PATCH_MARGIN_UNITS   10.0
#define MARKER_RADIUS_PX     9.0
#define PIECE_PX             256
#define MAX_OVERLAYS         96
#define WORKER_COPY_KEY      "fascia-diagram-view-worker-copy"
#define MAX_OVERLAY_BYTES    (96 * 1024 * 1024)
#define MAX_KEPT_BYTES       (128 * 1024 * 1024)
#define OUTLINE_STYLES       (FASCIA_REGION_STYLE_SELECTED | FASCIA_REGION_STYLE_HOVER \
                              | FASCIA_REGION_STYLE_FOCUS)
#define FILL_STYLES          (FASCIA_REGION_STYLE_PAIN | FASCIA_REGION_STYLE_ORIGIN \
                              | FASCIA_REGION_STYLE_INSERTION | FASCIA_REGION_STYLE_TARGET)
#define OVERLAY_STYLES       (OUTLINE_STYLES | FILL_STYLES)

typedef struct
{
  GdkTexture *texture;
  double      zoom;          /* logical pixels per view unit when it was rendered */
  double      x, y;          /* view point at the texture's top-left corner */
  int         scale_factor;
  GPtrArray  *pieces;        /* GdkTexture views of @texture's pixels, PIECE_PX square, by rows */
  GBytes     *bytes;         /* @texture's pixels, cairo's ARGB32, for a patch to copy */
  int         stride;
  GPtrArray  *nodes;         /* cairo nodes of the same pixels (see append_pixels), made when
                              * first drawn: one per piece, or one for the whole texture */
  guint64     serial;        /* a fill overlay: the diagram's visibility serial it was made at */
  const char *region_id;     /* an overlay: its region (in its key in the cache), its style, */
  FasciaRegionStyle style;
  guint64     used;          /* and when it was last asked for (see make_overlay_room) */
  GskRenderNode *drawn;      /* what the last frame drew of it, and where (see tile_node) */
  double      drawn_x, drawn_y, drawn_scale;
  int         drawn_width, drawn_height;
  gboolean    drawn_cairo;
} Tile;

typedef struct
{
  FasciaDiagram *diagram;    /* a worker copy, used by this thread only while the job runs */
  double         zoom;
  double         x, y;
  int            scale_factor;
  int            width, height;  /* device pixels */
  guint64        serial;
  gboolean       full;
  gboolean       labels;      /* a full job: render the labels apart too */
  GBytes        *old_pixels;  /* a patch: the base's pixels, of the same size, to start from */
  int            old_stride;
  int            clip_x, clip_y, clip_width, clip_height;  /* a patch: what it re-renders */
  Tile           result;
  Tile           labels_result;
} RenderJob;

/* The overlays made for one diagram (see ensure_overlay()): the view's, of the diagram
 * shown, and each Kept's. */
typedef struct
{
  GHashTable    *tiles;         /* "style:region id" → Tile of an overlay */
  double         scale;         /* pixels per view unit of the overlays cached */
  gsize          bytes;         /* their pixels' size */
} Overlays;

/* What a diagram shown before left behind: its rendering, to show again at once when it
 * comes back at the same place and size (a switch of views is then no render at all). */
typedef struct
{
  FasciaDiagram *diagram;
  Tile           base, labels;
  Overlays       overlays;
  guint64        rendered_serial;
} Kept;

struct _FasciaDiagramView
{
  GtkWidget      parent_instance;

  int            allocated_width;   /* the size last allocated, for FasciaDiagramView::resized */
  int            allocated_height;

  /* Owned */
  FasciaAtlas   *atlas;
  FasciaDiagram *diagram;
  FasciaDiagram *worker_copy;       /* the next job's copy, between jobs */
  guint64        worker_copy_serial;
  GCancellable  *cancellable;
  Tile           base;              /* the drawing, without its labels when they are apart */
  Tile           labels;            /* the labels, drawn over the overlays */
  GHashTable    *dirty;             /* region id → TRUE: restyled since the last render began */
  GPtrArray     *buttons;           /* FasciaRegionButton, in data order (children) */
  GHashTable    *buttons_by_id;     /* region id → FasciaRegionButton (borrowed) */
  GArray        *markers;           /* Marker, in view units */
  GHashTable    *notes;             /* region id → what the page says about it */
  Overlays       overlays;          /* of the diagram shown */
  GQueue         kept;              /* Kept, of the diagrams shown before, the latest first,
                                     * then those rendered ahead */
  GPtrArray     *ready;             /* FasciaDiagram to keep rendered ahead, in order */
  GCancellable  *prepare_cancellable;
  FasciaDiagram *preparing;         /* being rendered ahead, or NULL */
  char          *hovered;
  char          *resting;           /* the region hovered or focused last (see set_resting) */
  GPtrArray     *lit_parts;         /* the overlays of the last frame's lit regions */
  GskRenderNode *lit;               /* and them as one node (see append_overlays) */

  /* Borrowed */
  GtkWidget     *last_focus;

  /* View state */
  double         zoom;
  double         x, y;
  gboolean       fitted;
  gboolean       fit_figure;        /* fit the figure itself, not the whole view */
  graphene_rect_t fit_box;          /* what a fit shows, in view units */
  gboolean       point_mode;
  gboolean       names_hidden;   /* no region named by its tooltip (a quiz's open question) */

  /* Rendering state */
  guint64        rendered_serial;   /* the styles the base shows */
  guint64        known_serial;      /* the serial after our own last restyle */
  gboolean       full_dirty;        /* styles changed behind our back, or a layer toggled */
  gboolean       job_running;
  guint          debounce_id;
  guint          deferred_id;       /* a new diagram's first render, once its styles are set */
  guint          n_full_renders;    /* render jobs started, for tests and benchmarks */
  guint          n_patch_renders;
  guint          prepare_id;        /* the next render ahead, once the view is idle */
  guint          n_prepared;        /* renders ahead finished, for tests and benchmarks */
  FasciaRegionStyle hover_styles;   /* overlays made ahead for the region hovered */
  guint          hover_ahead_id;    /* the pointer resting on it */
  GQueue         ahead;             /* Ahead: overlays to make before they are shown */
  guint          ahead_id;          /* making them, one at a time, once the view is idle */
  GQueue         kept_ahead;        /* Ahead, for diagrams kept, not shown (make_ahead_in()) */
  guint          kept_ahead_id;
  GQueue         kept_waiting;      /* Ahead, for diagrams still to be rendered ahead */
  guint64        overlay_clock;     /* counts the overlays asked for (Tile.used) */
  guint          n_overlays;        /* overlays made, for tests and benchmarks */
  guint          n_kept_overlays;   /* the same for diagrams kept, not shown */

  /* Pointer state */
  gboolean       has_pointer;
  double         pointer_x, pointer_y;
  double         drag_last_x, drag_last_y;
  gboolean       dragged;
  guint32        press_time;        /* the last press, as the window system timed it */
  double         series_x, series_y; /* the first press of the clicks taken as one */
  gboolean       press_repeats;     /* the last press was the second of a double click */
  gboolean       press_on_shown;    /* the last press was on the drawing shown */
  double         press_view_x, press_view_y; /* where, in view units */
  double         pinch_zoom;
  double         pinch_view_x, pinch_view_y;
};

enum {
  PROP_0,
  PROP_ATLAS,
  PROP_DIAGRAM,
  PROP_ZOOM,
  PROP_POINT_MODE,
  PROP_HOVERED_REGION,
  N_PROPS
};

enum {
  REGION_ACTIVATED,
  POINT_ACTIVATED,
  PREPARE,
  REGION_RESTED,
  RESIZED,
  N_SIGNALS
};

typedef struct
{
  char             *region_id;
  FasciaRegionStyle style;
  FasciaDiagram    *diagram;        /* kept, not shown; NULL for the one shown */
} Ahead;

typedef struct
{
  graphene_point_t point;
  gboolean         hollow;
} Marker;

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FasciaDiagramView, fascia_diagram_view, GTK_TYPE_WIDGET)

static void update_rendering (FasciaDiagramView *self);
static void append_markers (FasciaDiagramView *self,
                            GtkSnapshot       *snapshot);
static void schedule_prepare (FasciaDiagramView *self);
static void set_resting (FasciaDiagramView *self,
                         const char        *region_id);
static void outline_free (gpointer data);

static void
tile_clear (Tile *tile)
{
  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->pieces, g_ptr_array_unref);
  g_clear_pointer (&tile->nodes, g_ptr_array_unref);
  g_clear_pointer (&tile->bytes, g_bytes_unref);
  g_clear_pointer (&tile->drawn, gsk_render_node_unref);
}

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_clear_object (&job->diagram);
  g_clear_pointer (&job->old_pixels, g_bytes_unref);
  tile_clear (&job->result);
  tile_clear (&job->labels_result);
  g_free (job);
}

GtkWidget *
fascia_diagram_view_new (void)
{
  return g_object_new (FASCIA_TYPE_DIAGRAM_VIEW, NULL);
}

/* Geometry */

/* What a fit of @diagram shows: the whole view, or with fit-figure the figure with a margin
 * around it, so that where the drawing cuts the figure off (the thighs) it is seen as the
 * drawing's edge, not the pane's. */
static void
compute_fit_box (FasciaDiagramView *self,
                 FasciaDiagram     *diagram,
                 graphene_rect_t   *box)
{
  double width, height;

  fascia_diagram_get_size (diagram, &width, &height);
  graphene_rect_init (box, 0, 0, width, height);
  if (self->fit_figure)
    {
      double x, y, w, h, margin;

      fascia_diagram_get_figure_bounds (diagram, &x, &y, &w, &h);
      margin = 0.03 * MAX (w, h);
      graphene_rect_init (box, x - margin, y - margin, w + 2 * margin, h + 2 * margin);
    }
}

static void
update_fit_box (FasciaDiagramView *self)
{
  if (self->diagram != NULL)
    compute_fit_box (self, self->diagram, &self->fit_box);
}

/* The view @diagram is shown at when fitted to the widget as it is now: the one place that
 * works it out, so that what was rendered ahead matches what is shown to the last bit. */
static gboolean
fitted_view (FasciaDiagramView *self,
             FasciaDiagram     *diagram,
             double            *zoom,
             double            *x,
             double            *y)
{
  graphene_rect_t box;
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (diagram == NULL || w <= 0 || h <= 0)
    return FALSE;

  if (diagram == self->diagram)
    box = self->fit_box;
  else
    compute_fit_box (self, diagram, &box);
  *zoom = MIN (w / box.size.width, h / box.size.height);
  *x = box.origin.x + (box.size.width - w / *zoom) / 2.0;
  *y = box.origin.y + (box.size.height - h / *zoom) / 2.0;
  return TRUE;
}

static double
fit_zoom (FasciaDiagramView *self)
{
  double zoom, x, y;

  return fitted_view (self, self->diagram, &zoom, &x, &y) ? zoom : 1.0;
}

static void
clamp_origin (FasciaDiagramView *self)
{
  double width, height;
  double w = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
  double keep = KEEP_VISIBLE_PX / self->zoom;

  if (self->diagram == NULL)
    return;

  /* Never let the drawing leave the window altogether. */
  fascia_diagram_get_size (self->diagram, &width, &height);
  self->x = CLAMP (self->x, keep - w, width - keep);
  self->y = CLAMP (self->y, keep - h, height - keep);
}

static void
set_view (FasciaDiagramView *self,
          double             zoom,
          double             x,
          double             y)
{
  double old_zoom = self->zoom;

  self->zoom = zoom;
  self->x = x;
  self->y = y;
  clamp_origin (self);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_rendering (self);

  if (old_zoom != self->zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
apply_fit (FasciaDiagramView *self)
{
  double zoom, x, y;

  if (fitted_view (self, self->diagram, &zoom, &x, &y))
    set_view (self, zoom, x, y);
}

void
fascia_diagram_view_widget_to_view (FasciaDiagramView *self,
                                    double             widget_x,
                                    double             widget_y,
                                    double            *view_x,
                                    double            *view_y)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (view_x != NULL)
    *view_x = self->x + widget_x / self->zoom;
  if (view_y != NULL)
    *view_y = self->y + widget_y / self->zoom;
}

void
fascia_diagram_view_view_to_widget (FasciaDiagramView *self,
                                    double             view_x,
                                    double             view_y,
                                    double            *widget_x,
                                    double            *widget_y)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (widget_x != NULL)
    *widget_x = (view_x - self->x) * self->zoom;
  if (widget_y != NULL)
    *widget_y = (view_y - self->y) * self->zoom;
}

double
fascia_diagram_view_get_zoom (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), 1.0);

  return self->zoom;
}

/**
 * fascia_diagram_view_get_fitted_area:
 * @diagram: (nullable): a diagram, or %NULL for the one shown
 * @x: (out): the left of the area, in view units
 * @y: (out): its top
 * @width: (out):
 * @height: (out):
 *
 * Gets what the widget shows of @diagram, in view units, when its whole figure is in sight:
 * the drawing and the room around it.
 *
 * Returns: whether the widget has a size and there is a diagram
 */
gboolean
fascia_diagram_view_get_fitted_area (FasciaDiagramView *self,
                                     FasciaDiagram     *diagram,
                                     double            *x,
                                     double            *y,
                                     double            *width,
                                     double            *height)
{
  double zoom;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (diagram == NULL || FASCIA_IS_DIAGRAM (diagram), FALSE);

  if (!fitted_view (self, diagram != NULL ? diagram : self->diagram, &zoom, x, y))
    return FALSE;
  *width = gtk_widget_get_width (GTK_WIDGET (self)) / zoom;
  *height = gtk_widget_get_height (GTK_WIDGET (self)) / zoom;
  return TRUE;
}

/**
 * fascia_diagram_view_zoom_at:
 * @factor: how much larger to draw (2.0 doubles)
 * @widget_x: the point, in widget coordinates, that stays where it is
 *
 * Zooms about a point: what lies under it before lies under it after.
 */
void
fascia_diagram_view_zoom_at (FasciaDiagramView *self,
                             double             factor,
                             double             widget_x,
                             double             widget_y)
{
  double view_x, view_y, zoom;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (factor > 0);

  if (self->diagram == NULL)
    return;

  zoom = CLAMP (self->zoom * factor, fit_zoom (self) / 2.0, MAX_ZOOM);
  fascia_diagram_view_widget_to_view (self, widget_x, widget_y, &view_x, &view_y);
  self->fitted = FALSE;
  set_view (self, zoom, view_x - widget_x / zoom, view_y - widget_y / zoom);
}

void
fascia_diagram_view_zoom_to_fit (FasciaDiagramView *self)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  self->fitted = TRUE;
  apply_fit (self);
}

/**
 * fascia_diagram_view_pan:
 * @dx: how far to move the drawing's content, in widget pixels (positive: to the left)
 */
void
fascia_diagram_view_pan (FasciaDiagramView *self,
                         double             dx,
                         double             dy)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (self->diagram == NULL)
    return;

  self->fitted = FALSE;
  set_view (self, self->zoom, self->x + dx / self->zoom, self->y + dy / self->zoom);
}

/**
 * fascia_diagram_view_reveal_region:
 *
 * Pans (and zooms out if it must) so that the whole region is in view.
 */
void
fascia_diagram_view_reveal_region (FasciaDiagramView *self,
                                   const char        *region_id)
{
  const FasciaRegion *region;
  double w, h, zoom, margin;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (region_id != NULL);

  if (self->diagram == NULL
      || (region = fascia_diagram_lookup_region (self->diagram, region_id)) == NULL)
    return;

  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  if (w <= 0 || h <= 0)
    return;

  zoom = self->zoom;
  margin = 24.0;
  if (region->width * zoom > w - 2 * margin || region->height * zoom > h - 2 * margin)
    zoom = MAX (fit_zoom (self), MIN ((w - 2 * margin) / region->width,
                                      (h - 2 * margin) / region->height));

  /* A drawing fitted to the widget shows every region whole: moving it to leave a margin
   * would shift it under the pointer (and render it again) each time a view opens with the
   * keyboard focus in it, which focuses its first region. */
  if (zoom == self->zoom && self->fitted
      && region->x >= self->x && region->y >= self->y
      && region->x + region->width <= self->x + w / zoom
      && region->y + region->height <= self->y + h / zoom)
    return;

  if (zoom == self->zoom
      && region->x >= self->x + margin / zoom
      && region->y >= self->y + margin / zoom
      && region->x + region->width <= self->x + (w - margin) / zoom
      && region->y + region->height <= self->y + (h - margin) / zoom)
    return;

  self->fitted = FALSE;
  set_view (self, zoom,
            region->x + region->width / 2.0 - w / zoom / 2.0,
            region->y + region->height / 2.0 - h / zoom / 2.0);
}

/* Rendering */

static gboolean
tile_matches (FasciaDiagramView *self,
              const Tile        *tile,
              double             zoom,
              double             x,
              double             y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  return tile->texture != NULL
         && tile->zoom == zoom
         && tile->x == x
         && tile->y == y
         && tile->scale_factor == scale_factor
         && gdk_texture_get_width (tile->texture) == w * scale_factor
         && gdk_texture_get_height (tile->texture) == h * scale_factor;
}

static gboolean
tile_matches_view (FasciaDiagramView *self,
                   const Tile        *tile)
{
  return tile_matches (self, tile, self->zoom, self->x, self->y);
}

/* Hands @surface (drawn at @job's view) to GDK as @tile, as it is. */
static void
tile_take_surface (Tile            *tile,
                   cairo_surface_t *surface,
                   const RenderJob *job)
{
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  tile->stride = stride;
  tile->bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                            (gsize) stride * job->height,
                                            (GDestroyNotify) cairo_surface_destroy, surface);
  tile->texture = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT,
                                          tile->bytes, stride);
  /* The cairo renderer copies a whole texture out each frame it draws it, even to repaint a
   * hover outline: pieces (sharing the pixels) let snapshot() leave out what is off screen
   * and GSK copy less. */
  tile->pieces = g_ptr_array_new_with_free_func (g_object_unref);
  for (int py = 0; py < job->height; py += PIECE_PX)
    for (int px = 0; px < job->width; px += PIECE_PX)
      {
        int w = MIN (PIECE_PX, job->width - px), h = MIN (PIECE_PX, job->height - py);
        g_autoptr(GBytes) piece = g_bytes_new_from_bytes (tile->bytes,
                                                          (gsize) py * stride + px * 4,
                                                          (gsize) (h - 1) * stride + w * 4);

        g_ptr_array_add (tile->pieces,
                         gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, piece, stride));
      }
  tile->zoom = job->zoom;
  tile->x = job->x;
  tile->y = job->y;
  tile->scale_factor = job->scale_factor;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface, *labels = NULL;
  cairo_t *cr;
  double scale = job->zoom * job->scale_factor;
  gboolean ok;

  /* The only cairo here: the surfaces FasciaDiagram draws into, handed to GDK as they are. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  cr = cairo_create (surface);
  if (job->old_pixels != NULL)
    {
      /* A patch: the base as it was, the patch's rectangle cleared and drawn afresh. */
      const guint8 *from = g_bytes_get_data (job->old_pixels, NULL);
      guint8 *to = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);

      cairo_surface_flush (surface);
      for (int row = 0; row < job->height; row++)
        memcpy (to + (gsize) row * stride, from + (gsize) row * job->old_stride,
                (gsize) job->width * 4);
      cairo_surface_mark_dirty (surface);
      cairo_rectangle (cr, job->clip_x, job->clip_y, job->clip_width, job->clip_height);
      cairo_clip (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }
  /* The drawing ends at its own edge, where it cuts the figure off (the front view's thighs):
   * what a drawing holds past its box is not drawn, as no viewer of an SVG draws it, so that
   * the pane shows the drawing's edge with room around it, not the pane's edge cutting the
   * figure. Its labels may lie beside it (fascia_ui_set_label_room()). */
  /* The edge falls on whole pixels: cut inside a pixel, each shape drawn would cover that
   * pixel in part, and those under the top one would show through it (the side view's muscle
   * fills, under its ribs, as a reddish line along its top). */
  {
    double width, height, x0, y0;

    fascia_diagram_get_size (job->diagram, &width, &height);
    x0 = round (-job->x * scale);
    y0 = round (-job->y * scale);
    cairo_rectangle (cr, x0, y0, round ((width - job->x) * scale) - x0, round ((height - job->y) * scale) - y0);
    cairo_clip (cr);
  }
  ok = fascia_diagram_render_part (job->diagram, cr, FASCIA_DIAGRAM_PART_DRAWING, scale,
                                   job->x, job->y, &error);
  cairo_destroy (cr);

  if (ok && job->labels)
    {
      labels = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
      cr = cairo_create (labels);
      ok = fascia_diagram_render_part (job->diagram, cr, FASCIA_DIAGRAM_PART_LABELS, scale,
                                       job->x, job->y, &error);
      cairo_destroy (cr);
    }

  if (!ok)
    {
      cairo_surface_destroy (surface);
      g_clear_pointer (&labels, cairo_surface_destroy);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tile_take_surface (&job->result, surface, job);
  if (labels != NULL)
    tile_take_surface (&job->labels_result, labels, job);
  g_task_return_boolean (task, TRUE);
}

/* A render's task holds no reference on the view, only its callback a weak one: the thread
 * that ran the job lets go of the task as it ends, and were that the last reference on it, a
 * view let go of meanwhile (its window closed) would be finalized on that thread, GTK's
 * widget and textures with it. The view goes on its own thread, and the callback of a job it
 * did not wait for finds it gone. */
static GWeakRef *
view_ref_new (FasciaDiagramView *self)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* Returns: (transfer full) (nullable): the view @ref was made for, if it is still there;
 * @ref is freed. */
static FasciaDiagramView *
view_ref_take (GWeakRef *ref)
{
  FasciaDiagramView *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FasciaDiagramView) self = view_ref_take (user_data);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* A job for a diagram since replaced: another may be running for the new one. A view
       * gone cancelled its job as it went. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (self != NULL && g_task_get_cancellable (G_TASK (result)) == self->cancellable)
            self->job_running = FALSE;
          return;
        }
      g_warning ("Could not draw the diagram: %s", error->message);
      if (self != NULL)
        self->job_running = FALSE;
      return;
    }
  if (self == NULL)
    return;

  self->job_running = FALSE;

  /* Give the copy back for the next job. */
  if (self->worker_copy == NULL)
    {
      self->worker_copy = g_steal_pointer (&job->diagram);
      self->worker_copy_serial = job->serial;
    }

  /* A patch is a whole new base too; only a full render brings new labels. */
  tile_clear (&self->base);
  self->base = job->result;
  memset (&job->result, 0, sizeof job->result);
  if (job->full)
    {
      tile_clear (&self->labels);
      self->labels = job->labels_result;
      memset (&job->labels_result, 0, sizeof job->labels_result);
    }
  self->rendered_serial = job->serial;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_rendering (self);
  schedule_prepare (self);
}

static void
start_job (FasciaDiagramView *self,
           gboolean           full,
           double             x,
           double             y,
           int                width,
           int                height,
           const int         *clip)
{
  RenderJob *job = g_new0 (RenderJob, 1);
  guint64 serial = fascia_diagram_get_style_serial (self->diagram);
  g_autoptr(GTask) task = NULL;

  /* Parse the drawing once per diagram; after that only bring the copy's styles up to date. */
  if (self->worker_copy != NULL)
    {
      job->diagram = g_steal_pointer (&self->worker_copy);
      if (self->worker_copy_serial != serial)
        fascia_diagram_copy_styles (job->diagram, self->diagram);
    }
  else
    {
      job->diagram = fascia_diagram_dup (self->diagram);
    }

  job->zoom = self->zoom;
  job->x = x;
  job->y = y;
  job->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->width = width;
  job->height = height;
  job->serial = serial;
  job->full = full;
  job->labels = full && fascia_diagram_get_labels_apart (self->diagram);
  if (!full)
    {
      job->old_pixels = g_bytes_ref (self->base.bytes);
      job->old_stride = self->base.stride;
      job->clip_x = clip[0];
      job->clip_y = clip[1];
      job->clip_width = clip[2];
      job->clip_height = clip[3];
      self->n_patch_renders++;
    }
  else
    {
      self->n_full_renders++;
    }

  g_hash_table_remove_all (self->dirty);
  self->full_dirty = FALSE;
  self->known_serial = serial;
  self->job_running = TRUE;

  task = g_task_new (NULL, self->cancellable, render_done_cb, view_ref_new (self));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static void
start_full_job (FasciaDiagramView *self)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  start_job (self, TRUE, self->x, self->y,
             gtk_widget_get_width (GTK_WIDGET (self)) * scale_factor,
             gtk_widget_get_height (GTK_WIDGET (self)) * scale_factor, NULL);
}

/* Renders only the bounds of the restyled regions into a copy of the base texture, or
 * returns FALSE when a full render is the better deal. */
static gboolean
start_patch_job (FasciaDiagramView *self)
{
  GHashTableIter iter;
  gpointer key;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double device_zoom;
  int px0, py0, px1, py1, tex_w, tex_h;

  if (!tile_matches_view (self, &self->base) || self->base.bytes == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const FasciaRegion *region = fascia_diagram_lookup_region (self->diagram, key);

      if (region == NULL)
        continue;
      x0 = MIN (x0, region->x);
      y0 = MIN (y0, region->y);
      x1 = MAX (x1, region->x + region->width);
      y1 = MAX (y1, region->y + region->height);
    }

  if (x0 > x1)
    {
      /* Nothing drawn changed; the serial moves on all the same. */
      g_hash_table_remove_all (self->dirty);
      self->rendered_serial = self->known_serial = fascia_diagram_get_style_serial (self->diagram);
      return TRUE;
    }

  /* Outlines and glows reach past the bounds. */
  device_zoom = self->base.zoom * self->base.scale_factor;
  tex_w = gdk_texture_get_width (self->base.texture);
  tex_h = gdk_texture_get_height (self->base.texture);
  px0 = CLAMP ((int) floor ((x0 - PATCH_MARGIN_UNITS - self->base.x) * device_zoom) - 2, 0, tex_w);
  py0 = CLAMP ((int) floor ((y0 - PATCH_MARGIN_UNITS - self->base.y) * device_zoom) - 2, 0, tex_h);
  px1 = CLAMP ((int) ceil ((x1 + PATCH_MARGIN_UNITS - self->base.x) * device_zoom) + 2, 0, tex_w);
  py1 = CLAMP ((int) ceil ((y1 + PATCH_MARGIN_UNITS - self->base.y) * device_zoom) + 2, 0, tex_h);

  if (px1 <= px0 || py1 <= py0)
    {
      g_hash_table_remove_all (self->dirty);
      self->rendered_serial = self->known_serial = fascia_diagram_get_style_serial (self->diagram);
      return TRUE;
    }

  if ((double) (px1 - px0) * (py1 - py0) > 0.5 * tex_w * tex_h)
    return FALSE;

  start_job (self, FALSE, self->base.x, self->base.y, tex_w, tex_h,
             (int[4]) { px0, py0, px1 - px0, py1 - py0 });
  return TRUE;
}

static gboolean
debounce_cb (gpointer user_data)
{
  FasciaDiagramView *self = user_data;

  self->debounce_id = 0;
  if (!self->job_running && self->diagram != NULL && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    start_full_job (self);

  return G_SOURCE_REMOVE;
}

static void
update_rendering (FasciaDiagramView *self)
{
  guint64 serial;
  gboolean view_changed;

  if (self->diagram == NULL
      || self->deferred_id != 0
      || !gtk_widget_get_realized (GTK_WIDGET (self))
      || gtk_widget_get_width (GTK_WIDGET (self)) <= 0
      || gtk_widget_get_height (GTK_WIDGET (self)) <= 0)
    return;

  serial = fascia_diagram_get_style_serial (self->diagram);
  if (serial != self->known_serial)
    self->full_dirty = TRUE;

  view_changed = !tile_matches_view (self, &self->base);

  if (self->job_running)
    return;

  if (self->base.texture == NULL)
    {
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      start_full_job (self);
      return;
    }

  if (view_changed || self->full_dirty)
    {
      /* Draw the old texture transformed meanwhile (snapshot does that); render once the
       * zooming or panning pauses. The pause is longer than the slowest transformed frame
       * (about 40 ms at 1080p with the cairo renderer), or a render starts mid-gesture, takes
       * one of the two cores and slows every frame after it (measured: 110 ms frames with a
       * 60 ms pause, 17–40 ms with 150). A restyle alone does not wait. */
      if (!view_changed)
        {
          g_clear_handle_id (&self->debounce_id, g_source_remove);
          start_full_job (self);
          return;
        }
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      self->debounce_id = g_timeout_add (RENDER_DEBOUNCE_MS, debounce_cb, self);
      return;
    }

  if (serial != self->rendered_serial && !start_patch_job (self))
    start_full_job (self);
}

/**
 * fascia_diagram_view_is_up_to_date:
 *
 * Returns: whether what is on screen shows the current view and styles, with no render
 *   pending (for tests and benchmarks).
 */
gboolean
fascia_diagram_view_is_up_to_date (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  if (self->diagram == NULL)
    return TRUE;

  return !self->job_running
         && self->debounce_id == 0
         && self->deferred_id == 0
         && tile_matches_view (self, &self->base)
         && self->rendered_serial == fascia_diagram_get_style_serial (self->diagram);
}

/**
 * fascia_diagram_view_get_render_count:
 * @full: (out) (optional): how many renders of the whole viewport have begun
 * @patches: (out) (optional): how many renders of a restyled region's bounds have begun
 *
 * Counts librsvg's work since the view was made, for tests and benchmarks: a click, a hover
 * or a keypress should cost none.
 */
void
fascia_diagram_view_get_render_count (FasciaDiagramView *self,
                                      guint             *full,
                                      guint             *patches)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (full != NULL)
    *full = self->n_full_renders;
  if (patches != NULL)
    *patches = self->n_patch_renders;
}

/**
 * fascia_diagram_view_get_overlay_count:
 *
 * Counts the overlays (outlines and fills, see fascia_diagram_render_region_overlay()) made
 * for the diagram shown since the view was made, for tests and benchmarks: a click on a
 * region hovered long enough should make none (see fascia_diagram_view_set_hover_styles()),
 * nor a switch to a diagram kept ready (see fascia_diagram_view_make_ahead_in(), whose
 * overlays, made for diagrams not shown, are not counted).
 */
guint
fascia_diagram_view_get_overlay_count (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), 0);

  return self->n_overlays;
}

/**
 * fascia_diagram_view_get_kept_overlay_count:
 *
 * Counts the overlays made for diagrams kept but not shown (see
 * fascia_diagram_view_make_ahead_in()) since the view was made, for tests and benchmarks.
 */
guint
fascia_diagram_view_get_kept_overlay_count (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), 0);

  return self->n_kept_overlays;
}

/**
 * fascia_diagram_view_is_making_ahead:
 *
 * Returns: whether overlays of the diagram shown are waiting to be made ahead (see
 *   fascia_diagram_view_make_ahead()), or the pointer or the focus has not rested long enough
 *   on the region it is on to ask for them (for tests and benchmarks).
 */
gboolean
fascia_diagram_view_is_making_ahead (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  return self->hover_ahead_id != 0 || self->ahead_id != 0;
}

/**
 * fascia_diagram_view_is_making_ahead_in:
 *
 * Returns: whether overlays of diagrams not shown are waiting to be made (see
 *   fascia_diagram_view_make_ahead_in()), for tests and benchmarks.
 */
gboolean
fascia_diagram_view_is_making_ahead_in (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  return self->kept_ahead_id != 0;
}

/**
 * fascia_diagram_view_set_hover_styles:
 * @styles: the overlay styles (outlines or fills) a click on a region gives it
 *
 * The region the pointer rests on (30 ms) gets its overlays of @styles made ahead, when the
 * view is idle (see fascia_diagram_view_make_ahead()): made from the hit mask on the first
 * click instead, a large muscle's fill cost a couple of dozen milliseconds of that click.
 */
void
fascia_diagram_view_set_hover_styles (FasciaDiagramView *self,
                                      FasciaRegionStyle  styles)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  self->hover_styles = styles & (FILL_STYLES | FASCIA_REGION_STYLE_SELECTED
                                 | FASCIA_REGION_STYLE_FOCUS);
}

/* Styles */


void
fascia_diagram_view_set_region_style (FasciaDiagramView *self,
                                      const char        *region_id,
                                      FasciaRegionStyle  style)
{
  FasciaRegionStyle old;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (region_id != NULL);

  if (self->diagram == NULL
      || fascia_diagram_lookup_region (self->diagram, region_id) == NULL
      || (old = fascia_diagram_get_region_style (self->diagram, region_id)) == style)
    return;

  /* Hover and focus are drawn over the texture by snapshot(): nothing to render. */
  if (((old ^ style) & ~OVERLAY_STYLES) == 0)
    {
      fascia_diagram_set_region_style (self->diagram, region_id, style);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  /* Someone else restyled the diagram since we last looked: we cannot patch what we
   * do not know about. */
  if (fascia_diagram_get_style_serial (self->diagram) != self->known_serial)
    self->full_dirty = TRUE;

  fascia_diagram_set_region_style (self->diagram, region_id, style);
  g_hash_table_add (self->dirty, g_strdup (region_id));
  self->known_serial = fascia_diagram_get_style_serial (self->diagram);
  update_rendering (self);
}

void
fascia_diagram_view_add_region_style (FasciaDiagramView *self,
                                      const char        *region_id,
                                      FasciaRegionStyle  flags)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (self->diagram != NULL && fascia_diagram_lookup_region (self->diagram, region_id) != NULL)
    fascia_diagram_view_set_region_style (self, region_id,
                                          fascia_diagram_get_region_style (self->diagram,
                                                                           region_id) | flags);
}

void
fascia_diagram_view_remove_region_style (FasciaDiagramView *self,
                                         const char        *region_id,
                                         FasciaRegionStyle  flags)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (self->diagram != NULL && fascia_diagram_lookup_region (self->diagram, region_id) != NULL)
    fascia_diagram_view_set_region_style (self, region_id,
                                          fascia_diagram_get_region_style (self->diagram,
                                                                           region_id) & ~flags);
}

/**
 * fascia_diagram_view_clear_region_styles:
 * @flags: the style flags to take off every region
 */
void
fascia_diagram_view_clear_region_styles (FasciaDiagramView *self,
                                         FasciaRegionStyle  flags)
{
  guint n;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (self->diagram == NULL)
    return;

  n = fascia_diagram_get_n_regions (self->diagram);
  for (guint i = 0; i < n; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (self->diagram, i);

      if (fascia_diagram_get_region_style (self->diagram, region->id) & flags)
        fascia_diagram_view_remove_region_style (self, region->id, flags);
    }
}

/**
 * fascia_diagram_view_styles_changed:
 *
 * Call after changing the diagram's styles or layers directly rather than through the view.
 */
void
fascia_diagram_view_styles_changed (FasciaDiagramView *self)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (self->diagram == NULL)
    return;

  /* What changed through the view is known already; overlay styles need only a frame. */
  if (fascia_diagram_get_style_serial (self->diagram) != self->known_serial)
    self->full_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_rendering (self);
}

static const char *
layer_for_kind (FasciaRegionKind kind)
{
  switch (kind)
    {
    case FASCIA_REGION_MUSCLE:
      return "layer-muscles";
    case FASCIA_REGION_LANDMARK:
      return "layer-bones";
    case FASCIA_REGION_TRIGGER_POINT:
      return "layer-trigger-points";
    case FASCIA_REGION_REFERRAL_ZONE:
      return "layer-referral";
    default:
      g_assert_not_reached ();
    }
}

/* Whether a region's name would answer a quiz's open question: a muscle's, or a trigger
 * point's, which names its muscle. A bone's names no muscle. */
static gboolean
name_answers (const FasciaRegion *region)
{
  return region->kind == FASCIA_REGION_MUSCLE || region->kind == FASCIA_REGION_TRIGGER_POINT;
}

static const FasciaRegion *
button_region (FasciaDiagramView *self,
               GtkWidget         *button)
{
  const char *id = fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (button));

  return fascia_diagram_lookup_region (self->diagram, id);
}

/* What a screen reader calls each region: its name ("Gluteus maximus, right side"), or, while
 * names are hidden, for a region whose name would answer the question, its kind and its place
 * among the regions of that kind shown, in the order Tab and a screen reader's review meet
 * them ("Muscle 3 of 38"): a real name that gives nothing away. */
static void
update_button_labels (FasciaDiagramView *self)
{
  guint n_muscles = 0, n_points = 0;
  guint muscle = 0, point = 0;

  if (self->names_hidden)
    for (guint i = 0; i < self->buttons->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (self->buttons, i);
        const FasciaRegion *region = button_region (self, button);

        if (!gtk_widget_get_visible (button))
          continue;
        if (region->kind == FASCIA_REGION_MUSCLE)
          n_muscles++;
        else if (region->kind == FASCIA_REGION_TRIGGER_POINT)
          n_points++;
      }

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      const FasciaRegion *region = button_region (self, button);
      gboolean shown = gtk_widget_get_visible (button);
      g_autofree char *label = NULL;

      if (!self->names_hidden || !name_answers (region))
        label = g_strdup (fascia_region_button_get_label_text (FASCIA_REGION_BUTTON (button)));
      else if (region->kind == FASCIA_REGION_MUSCLE)
        /* Translators: a muscle of the drawing read by a screen reader while a quiz asks
         * which it is, "Muscle 3 of 38"; a muscle not shown is read by the word alone */
        label = shown ? g_strdup_printf (_("Muscle %u of %u"), ++muscle, n_muscles)
                      : g_strdup (_("Muscle"));
      else
        /* Translators: as “Muscle 3 of 38”, for a trigger point */
        label = shown ? g_strdup_printf (_("Trigger point %u of %u"), ++point, n_points)
                      : g_strdup (_("Trigger point"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
}

static void
update_button_visibility (FasciaDiagramView *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      const FasciaRegion *region;

      region = fascia_diagram_lookup_region (self->diagram,
                                             fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (button)));
      gtk_widget_set_visible (button,
                              fascia_diagram_get_layer_visible (self->diagram,
                                                                layer_for_kind (region->kind)));
    }
  /* Hidden, a region is numbered among those shown. */
  if (self->names_hidden)
    update_button_labels (self);
}

void
fascia_diagram_view_set_layer_visible (FasciaDiagramView *self,
                                       const char        *layer_id,
                                       gboolean           visible)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (layer_id != NULL);

  if (self->diagram == NULL
      || fascia_diagram_get_layer_visible (self->diagram, layer_id) == !!visible)
    return;

  fascia_diagram_set_layer_visible (self->diagram, layer_id, visible);
  update_button_visibility (self);
  fascia_diagram_view_styles_changed (self);
}

/* Markers: points the user picked, drawn by the widget itself over the drawing. */

void
fascia_diagram_view_add_marker (FasciaDiagramView *self,
                                double             x,
                                double             y)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  fascia_diagram_view_add_marker_full (self, x, y, FALSE);
}

/**
 * fascia_diagram_view_add_marker_full:
 * @hollow: draw a ring only, for a point from an earlier time beside today's filled ones
 */
void
fascia_diagram_view_add_marker_full (FasciaDiagramView *self,
                                     double             x,
                                     double             y,
                                     gboolean           hollow)
{
  Marker marker = { GRAPHENE_POINT_INIT (x, y), hollow };

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  g_array_append_val (self->markers, marker);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How many markers the view draws (fascia_diagram_view_add_marker()). */
guint
fascia_diagram_view_get_n_markers (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), 0);

  return self->markers->len;
}

void
fascia_diagram_view_clear_markers (FasciaDiagramView *self)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  if (self->markers->len == 0)
    return;

  g_array_set_size (self->markers, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Notes: what the page has to say about a region (findings, pain), read out with it and
 * shown in its tooltip. They go with the diagram, like the markers. */

static void
update_button_note (FasciaDiagramView *self,
                    const char        *region_id)
{
  const FasciaRegion *region = fascia_diagram_lookup_region (self->diagram, region_id);
  GtkWidget *button = g_hash_table_lookup (self->buttons_by_id, region_id);
  const char *note = g_hash_table_lookup (self->notes, region_id);
  g_autofree char *base = NULL;
  g_autofree char *description = NULL;

  if (button == NULL || region == NULL)
    return;

  /* Its Latin name would say what its hidden name does not
   * (fascia_diagram_view_set_names_hidden()). */
  if (!self->names_hidden || !name_answers (region))
    base = fascia_region_dup_description (self->atlas, region);
  if (note != NULL && base != NULL)
    description = g_strdup_printf ("%s. %s", note, base);
  else
    description = g_strdup (note != NULL ? note : base);

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * fascia_diagram_view_set_region_note:
 * @note: (nullable): "hypertonic, trigger point", or %NULL to take the note away
 *
 * Adds @note to what the region's tooltip says after its name and to the start of its
 * accessible description. Notes are dropped when the diagram changes.
 */
void
fascia_diagram_view_set_region_note (FasciaDiagramView *self,
                                     const char        *region_id,
                                     const char        *note)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (region_id != NULL);

  if (self->diagram == NULL || fascia_diagram_lookup_region (self->diagram, region_id) == NULL)
    return;
  if (g_strcmp0 (g_hash_table_lookup (self->notes, region_id), note) == 0)
    return;

  if (note != NULL && *note)
    g_hash_table_replace (self->notes, g_strdup (region_id), g_strdup (note));
  else
    g_hash_table_remove (self->notes, region_id);
  update_button_note (self, region_id);
}

const char *
fascia_diagram_view_get_region_note (FasciaDiagramView *self,
                                     const char        *region_id)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);

  return g_hash_table_lookup (self->notes, region_id);
}

void
fascia_diagram_view_clear_region_notes (FasciaDiagramView *self)
{
  g_autofree gpointer *ids = NULL;
  guint n;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  ids = g_hash_table_get_keys_as_array (self->notes, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup (ids[i]);

      g_hash_table_remove (self->notes, id);
      update_button_note (self, id);
    }
}

/* Regions and their buttons */

/* A point of @region for the keyboard, which reaches regions and not points: of a grid over
 * its box, the points where the region shows (or, where it is covered everywhere, where it
 * lies), and of those the one nearest their middle, so that it falls inside a curved or
 * hollow shape whose box's centre does not. */
#define REGION_POINT_GRID 24

static void
region_point (FasciaDiagramView  *self,
              const FasciaRegion *region,
              double             *point_x,
              double             *point_y)
{
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  double mean_x = 0, mean_y = 0, best = G_MAXDOUBLE;

  *point_x = region->x + region->width / 2;
  *point_y = region->y + region->height / 2;

  for (guint pass = 0; pass < 2 && inside->len == 0; pass++)
    for (guint i = 0; i < REGION_POINT_GRID; i++)
      for (guint j = 0; j < REGION_POINT_GRID; j++)
        {
          graphene_point_t p = GRAPHENE_POINT_INIT (
            region->x + (i + 0.5) * region->width / REGION_POINT_GRID,
            region->y + (j + 0.5) * region->height / REGION_POINT_GRID);
          gboolean in = FALSE;

          if (pass == 0)
            in = fascia_diagram_hit_test (self->diagram, p.x, p.y) == region;
          else
            {
              g_autoptr(GPtrArray) under = fascia_diagram_regions_at (self->diagram, p.x, p.y,
                                                                      FALSE);

              for (guint k = 0; k < under->len && !in; k++)
                in = g_ptr_array_index (under, k) == region;
            }
          if (in)
            g_array_append_val (inside, p);
        }

  if (inside->len == 0)
    return;

  for (guint k = 0; k < inside->len; k++)
    {
      mean_x += g_array_index (inside, graphene_point_t, k).x / inside->len;
      mean_y += g_array_index (inside, graphene_point_t, k).y / inside->len;
    }
  for (guint k = 0; k < inside->len; k++)
    {
      const graphene_point_t *p = &g_array_index (inside, graphene_point_t, k);
      double d = (p->x - mean_x) * (p->x - mean_x) + (p->y - mean_y) * (p->y - mean_y);

      if (d < best)
        {
          best = d;
          *point_x = p->x;
          *point_y = p->y;
        }
    }
}

/* A region's button pressed (Enter or Space on a region reached by Tab or the arrows):
 * the region activated, or in point mode a point of it, as a click there gives ("Where does
 * it hurt?" asked from the keyboard, on a muscle or bone rather than a spot). */
static void
region_button_clicked_cb (FasciaDiagramView  *self,
                          FasciaRegionButton *button)
{
  const char *region_id = fascia_region_button_get_region_id (button);

  if (self->point_mode)
    {
      const FasciaRegion *region = self->diagram != NULL
                                   ? fascia_diagram_lookup_region (self->diagram, region_id)
                                   : NULL;
      double x, y;

      if (region != NULL)
        {
          region_point (self, region, &x, &y);
          g_signal_emit (self, signals[POINT_ACTIVATED], 0, x, y);
        }
      return;
    }

  g_signal_emit (self, signals[REGION_ACTIVATED], 0, region_id);
}

static void
region_button_focus_cb (FasciaDiagramView  *self,
                        GParamSpec         *pspec,
                        FasciaRegionButton *button)
{
  const char *region_id = fascia_region_button_get_region_id (button);

  if (gtk_widget_has_focus (GTK_WIDGET (button)))
    {
      self->last_focus = GTK_WIDGET (button);
      fascia_diagram_view_reveal_region (self, region_id);
      fascia_diagram_view_add_region_style (self, region_id, FASCIA_REGION_STYLE_FOCUS);
      /* Enter may activate it next: what that lights is made ahead, as for the pointer. */
      set_resting (self, region_id);
    }
  else
    {
      fascia_diagram_view_remove_region_style (self, region_id, FASCIA_REGION_STYLE_FOCUS);
    }
}

static void
remove_buttons (FasciaDiagramView *self)
{
  self->last_focus = NULL;
  g_hash_table_remove_all (self->buttons_by_id);
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
  g_ptr_array_set_size (self->buttons, 0);
}

static void
create_buttons (FasciaDiagramView *self)
{
  guint n = fascia_diagram_get_n_regions (self->diagram);

  for (guint i = 0; i < n; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (self->diagram, i);
      g_autofree char *label = NULL;
      g_autofree char *description = NULL;
      GtkWidget *button;

      /* Referral zones are read out with their trigger point. */
      if (region->kind == FASCIA_REGION_REFERRAL_ZONE)
        continue;

      label = fascia_region_dup_label (self->atlas, region);
      description = fascia_region_dup_description (self->atlas, region);
      button = fascia_region_button_new (region->id, label, description);
      g_signal_connect_object (button, "clicked", G_CALLBACK (region_button_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (button, "notify::has-focus", G_CALLBACK (region_button_focus_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->buttons, button);
      g_hash_table_insert (self->buttons_by_id, (gpointer) region->id, button);
      if (g_hash_table_contains (self->notes, region->id) || self->names_hidden)
        update_button_note (self, region->id);
    }

  update_button_visibility (self);
}

GtkWidget *
fascia_diagram_view_get_region_widget (FasciaDiagramView *self,
                                       const char        *region_id)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), NULL);

  return g_hash_table_lookup (self->buttons_by_id, region_id);
}

gboolean
fascia_diagram_view_focus_region (FasciaDiagramView *self,
                                  const char        *region_id)
{
  GtkWidget *button;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  button = fascia_diagram_view_get_region_widget (self, region_id);
  return button != NULL && gtk_widget_grab_focus (button);
}

/**
 * fascia_diagram_view_get_keyboard_point:
 * @x: (out): in the drawing's units
 * @y: (out):
 *
 * Where the keyboard last was in the drawing, as a point: a point of the region last focused,
 * the one Enter gives in point mode.
 *
 * Returns: whether a region of the drawing shown was focused.
 */
gboolean
fascia_diagram_view_get_keyboard_point (FasciaDiagramView *self,
                                        double            *x,
                                        double            *y)
{
  const FasciaRegion *region;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  if (self->diagram == NULL || self->last_focus == NULL)
    return FALSE;
  region = fascia_diagram_lookup_region (self->diagram,
                                         fascia_region_button_get_region_id (
                                           FASCIA_REGION_BUTTON (self->last_focus)));
  if (region == NULL)
    return FALSE;

  region_point (self, region, x, y);
  return TRUE;
}

FasciaAtlas *
fascia_diagram_view_get_atlas (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), NULL);

  return self->atlas;
}

void
fascia_diagram_view_set_atlas (FasciaDiagramView *self,
                               FasciaAtlas       *atlas)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (atlas == NULL || FASCIA_IS_ATLAS (atlas));

  if (g_set_object (&self->atlas, atlas))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATLAS]);
}

FasciaDiagram *
fascia_diagram_view_get_diagram (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), NULL);

  return self->diagram;
}

static Tile *ensure_overlay (FasciaDiagramView *self,
                             const char        *region_id,
                             FasciaRegionStyle  style,
                             gboolean           ahead);

static GList    *find_kept         (FasciaDiagramView *self,
                                    FasciaDiagram     *diagram);
static gboolean  kept_is_fresh     (FasciaDiagramView *self,
                                    const Kept        *kept);
static void      overlays_init     (Overlays          *overlays);
static Tile     *ensure_overlay_in (FasciaDiagramView *self,
                                    Overlays          *overlays,
                                    FasciaDiagram     *diagram,
                                    double             zoom,
                                    const char        *region_id,
                                    FasciaRegionStyle  style,
                                    gboolean           ahead);

/* Making overlays ahead: a click lights a region with overlays made from its hit mask, and a
 * page's click lights more than the region (a muscle's origins and insertions on the Atlas):
 * made on the click, they cost the frame that answers it a dozen to several dozen ms of the
 * UI thread. Once the pointer, or the keyboard focus, rests on a region (HOVER_AHEAD_MS: a
 * pointer crossing the drawing, or arrows held down, would make overlays for every region
 * passed over), the view queues those its
 * own styles (fascia_diagram_view_set_hover_styles()) give the region and asks its owner
 * for the rest (::region-rested, fascia_diagram_view_make_ahead()); they are made one at a
 * time, at low priority, each a main-loop dispatch of its own, so that an event that comes
 * meanwhile waits for one overlay at most. They never push out of the cache an overlay
 * shown now (make_overlay_room()). */
#define HOVER_AHEAD_MS 30

/* What a card lights in the views not shown (fascia_diagram_view_make_ahead_in()) is made
 * below the priority of what the pointer resting on a region has made ahead for the drawing
 * shown (its overlays, and its owner's work for ::region-rested, such as the card a click
 * would open): made at the same priority, one overlay of each in turn, the views not shown
 * took half the time after a click, and the next click often came while the overlays and the
 * card of the region it was on were still being made. */
#define AHEAD_IN_PRIORITY (G_PRIORITY_LOW + 10)

static void
ahead_free (gpointer data)
{
  Ahead *ahead = data;

  g_free (ahead->region_id);
  g_clear_object (&ahead->diagram);
  g_free (ahead);
}

static void
clear_ahead (FasciaDiagramView *self)
{
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  g_queue_clear_full (&self->ahead, ahead_free);
}

static gboolean
ahead_cb (gpointer user_data)
{
  FasciaDiagramView *self = user_data;
  Ahead *ahead = g_queue_pop_head (&self->ahead);

  if (ahead != NULL && self->diagram != NULL
      && fascia_diagram_get_region_visible (self->diagram, ahead->region_id))
    ensure_overlay (self, ahead->region_id, ahead->style, TRUE);
  if (ahead != NULL)
    ahead_free (ahead);

  if (g_queue_is_empty (&self->ahead))
    {
      self->ahead_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
queue_ahead (FasciaDiagramView *self,
             const char        *region_id,
             FasciaRegionStyle  style)
{
  Ahead *ahead;

  for (GList *l = self->ahead.head; l != NULL; l = l->next)
    if (((Ahead *) l->data)->style == style
        && g_str_equal (((Ahead *) l->data)->region_id, region_id))
      return;

  ahead = g_new0 (Ahead, 1);
  ahead->region_id = g_strdup (region_id);
  ahead->style = style;
  g_queue_push_tail (&self->ahead, ahead);
  if (self->ahead_id == 0)
    self->ahead_id = g_idle_add_full (G_PRIORITY_LOW, ahead_cb, self, NULL);
}

/**
 * fascia_diagram_view_make_ahead:
 * @region_id: a region of the diagram shown
 * @styles: style flags a coming click will add to it
 *
 * Has the overlays @region_id will show once @styles are added to it made ahead, in idle time,
 * one at a time (its outline when @styles has %FASCIA_REGION_STYLE_SELECTED, the fill that
 * wins among its styles and @styles when @styles has a fill), while the overlay cache has
 * room beside what is shown. For a handler of #FasciaDiagramView::region-rested; the queue is
 * dropped when another region is hovered or focused.
 */
void
fascia_diagram_view_make_ahead (FasciaDiagramView *self,
                                const char        *region_id,
                                FasciaRegionStyle  styles)
{
  FasciaRegionStyle fill;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (region_id != NULL);

  if (self->diagram == NULL || fascia_diagram_lookup_region (self->diagram, region_id) == NULL)
    return;

  if (styles & FASCIA_REGION_STYLE_SELECTED)
    queue_ahead (self, region_id, FASCIA_REGION_STYLE_SELECTED);
  if (styles & FASCIA_REGION_STYLE_FOCUS)
    queue_ahead (self, region_id, FASCIA_REGION_STYLE_FOCUS);
  if ((styles & FILL_STYLES)
      && (fill = fascia_region_style_shown_fill (
            styles | fascia_diagram_get_region_style (self->diagram, region_id))) != 0)
    queue_ahead (self, region_id, fill);
}

static gboolean
kept_ahead_cb (gpointer user_data)
{
  FasciaDiagramView *self = user_data;
  Ahead *ahead = g_queue_pop_head (&self->kept_ahead);
  GList *l;

  if (ahead != NULL && ahead->diagram != self->diagram)
    {
      if ((l = find_kept (self, ahead->diagram)) != NULL && kept_is_fresh (self, l->data))
        {
          if (fascia_diagram_get_region_visible (ahead->diagram, ahead->region_id))
            {
              Kept *kept = l->data;

              ensure_overlay_in (self, &kept->overlays, kept->diagram, kept->base.zoom,
                                 ahead->region_id, ahead->style, FALSE);
            }
        }
      else if (g_ptr_array_find (self->ready, ahead->diagram, NULL))
        {
          /* Made once the diagram is rendered ahead again (a card opened narrows the view,
           * and what was rendered for the wider one is rendered anew). */
          g_queue_push_tail (&self->kept_waiting, g_steal_pointer (&ahead));
        }
    }
  if (ahead != NULL)
    ahead_free (ahead);

  if (g_queue_is_empty (&self->kept_ahead))
    {
      self->kept_ahead_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
queue_kept_ahead (FasciaDiagramView *self,
                  FasciaDiagram     *diagram,
                  const char        *region_id,
                  FasciaRegionStyle  style)
{
  Ahead *ahead;

  for (GList *l = self->kept_ahead.head; l != NULL; l = l->next)
    if (((Ahead *) l->data)->style == style && ((Ahead *) l->data)->diagram == diagram
        && g_str_equal (((Ahead *) l->data)->region_id, region_id))
      return;

  ahead = g_new0 (Ahead, 1);
  ahead->region_id = g_strdup (region_id);
  ahead->style = style;
  ahead->diagram = g_object_ref (diagram);
  g_queue_push_tail (&self->kept_ahead, ahead);
  if (self->kept_ahead_id == 0)
    self->kept_ahead_id = g_idle_add_full (AHEAD_IN_PRIORITY, kept_ahead_cb, self, NULL);
}

/**
 * fascia_diagram_view_drop_ahead_in:
 *
 * Drops what fascia_diagram_view_make_ahead_in() was asked for and has not made.
 */
void
fascia_diagram_view_drop_ahead_in (FasciaDiagramView *self)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  g_clear_handle_id (&self->kept_ahead_id, g_source_remove);
  g_queue_clear_full (&self->kept_ahead, ahead_free);
  g_queue_clear_full (&self->kept_waiting, ahead_free);
}

/**
 * fascia_diagram_view_make_ahead_in:
 * @diagram: a diagram given to fascia_diagram_view_keep_ready() or shown before
 * @region_id: a region of @diagram
 * @styles: style flags @region_id will have when @diagram is shown
 *
 * As fascia_diagram_view_make_ahead(), for a diagram not shown: the overlays are made, one at
 * a time in idle time, into what the view keeps of @diagram (at the view it was rendered
 * for), so that a switch to it makes none; nothing is made if it keeps nothing fresh of it.
 * For the overlays a card lights in the views not shown, made when the card is opened.
 */
void
fascia_diagram_view_make_ahead_in (FasciaDiagramView *self,
                                   FasciaDiagram     *diagram,
                                   const char        *region_id,
                                   FasciaRegionStyle  styles)
{
  FasciaRegionStyle fill;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (FASCIA_IS_DIAGRAM (diagram));
  g_return_if_fail (region_id != NULL);

  if (diagram == self->diagram)
    {
      fascia_diagram_view_make_ahead (self, region_id, styles);
      return;
    }
  if (fascia_diagram_lookup_region (diagram, region_id) == NULL)
    return;

  if (styles & FASCIA_REGION_STYLE_SELECTED)
    queue_kept_ahead (self, diagram, region_id, FASCIA_REGION_STYLE_SELECTED);
  if ((styles & FILL_STYLES)
      && (fill = fascia_region_style_shown_fill (
            styles | fascia_diagram_get_region_style (diagram, region_id))) != 0)
    queue_kept_ahead (self, diagram, region_id, fill);
}

static gboolean
hover_ahead_cb (gpointer user_data)
{
  FasciaDiagramView *self = user_data;
  g_autofree char *region_id = NULL;

  self->hover_ahead_id = 0;
  if (self->diagram == NULL || self->resting == NULL
      || !fascia_diagram_get_region_visible (self->diagram, self->resting))
    return G_SOURCE_REMOVE;

  region_id = g_strdup (self->resting);
  if (self->hover_styles != 0)
    fascia_diagram_view_make_ahead (self, region_id, self->hover_styles);
  g_signal_emit (self, signals[REGION_RESTED], 0, region_id);

  return G_SOURCE_REMOVE;
}

/* The region a click or Enter would activate next: the one the pointer moved onto, or the
 * one the keyboard focus moved to, whichever came last. What was queued for the last one is
 * dropped. */
static void
set_resting (FasciaDiagramView *self,
             const char        *region_id)
{
  if (g_strcmp0 (self->resting, region_id) == 0)
    return;

  g_clear_handle_id (&self->hover_ahead_id, g_source_remove);
  clear_ahead (self);
  g_free (self->resting);
  self->resting = g_strdup (region_id);
  if (region_id != NULL)
    self->hover_ahead_id = g_timeout_add_full (G_PRIORITY_LOW, HOVER_AHEAD_MS, hover_ahead_cb,
                                               self, NULL);
}

static void
set_hovered (FasciaDiagramView *self,
             const char        *region_id)
{
  if (g_strcmp0 (self->hovered, region_id) == 0)
    return;

  /* The pointer gone, the region focused may still be resting. */
  if (region_id != NULL || g_strcmp0 (self->resting, self->hovered) == 0)
    set_resting (self, region_id);

  if (self->hovered != NULL)
    fascia_diagram_view_remove_region_style (self, self->hovered, FASCIA_REGION_STYLE_HOVER);
  g_free (self->hovered);
  self->hovered = g_strdup (region_id);
  if (self->hovered != NULL)
    fascia_diagram_view_add_region_style (self, self->hovered, FASCIA_REGION_STYLE_HOVER);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED_REGION]);
}

const char *
fascia_diagram_view_get_hovered_region (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), NULL);

  return self->hovered;
}

static gsize
tile_size (const Tile *tile)
{
  return tile->bytes != NULL ? g_bytes_get_size (tile->bytes) : 0;
}

static void
kept_free (gpointer data)
{
  Kept *kept = data;

  g_clear_object (&kept->diagram);
  tile_clear (&kept->base);
  tile_clear (&kept->labels);
  g_clear_pointer (&kept->overlays.tiles, g_hash_table_unref);
  g_free (kept);
}

/* Keeps what the diagram shown has rendered, for when it comes back; the oldest go first
 * beyond MAX_KEPT_BYTES (about five views at 1920×1080). */
static void
keep_shown (FasciaDiagramView *self)
{
  Kept *kept;
  gsize total = 0;

  if (self->diagram == NULL || self->base.texture == NULL)
    return;

  kept = g_new0 (Kept, 1);
  kept->diagram = g_object_ref (self->diagram);
  kept->base = self->base;
  kept->labels = self->labels;
  memset (&self->base, 0, sizeof self->base);
  memset (&self->labels, 0, sizeof self->labels);
  kept->overlays = self->overlays;
  kept->rendered_serial = self->rendered_serial;
  overlays_init (&self->overlays);
  g_queue_push_head (&self->kept, kept);

  for (GList *l = self->kept.head; l != NULL;)
    {
      GList *next = l->next;

      kept = l->data;
      total += tile_size (&kept->base) + tile_size (&kept->labels) + kept->overlays.bytes;
      if (total > MAX_KEPT_BYTES)
        {
          kept_free (kept);
          g_queue_delete_link (&self->kept, l);
        }
      l = next;
    }
}

/* Shows again what @self->diagram rendered when it was last shown, if that was at the
 * view it is shown at now; what was restyled since is rendered again. */
static void
take_kept (FasciaDiagramView *self)
{
  Kept *kept = NULL;
  GList *l;

  for (l = self->kept.head; l != NULL; l = l->next)
    if (((Kept *) l->data)->diagram == self->diagram)
      break;
  if (l == NULL)
    return;

  kept = l->data;
  g_queue_delete_link (&self->kept, l);
  if (tile_matches_view (self, &kept->base))
    {
      self->base = kept->base;
      self->labels = kept->labels;
      memset (&kept->base, 0, sizeof kept->base);
      memset (&kept->labels, 0, sizeof kept->labels);
      g_hash_table_unref (self->overlays.tiles);
      self->overlays = kept->overlays;
      kept->overlays.tiles = NULL;
      self->rendered_serial = kept->rendered_serial;
      if (self->rendered_serial != fascia_diagram_get_style_serial (self->diagram))
        self->full_dirty = TRUE;
    }
  kept_free (kept);
}

/* Rendering ahead: the diagrams the owner will show next (keep_ready()) are rendered in idle
 * time, in a thread of low priority, at the view they will be shown at (fitted to the widget
 * as it is), and kept as if they had been shown before: set_diagram() then shows one at once,
 * with nothing rendered. Their owner styles each first ("prepare"), as it will when it shows
 * it, so that the style serial rendered is the one shown. They share MAX_KEPT_BYTES with the
 * views shown before, and are the first to go. */

static gsize
kept_size (const Kept *kept)
{
  return tile_size (&kept->base) + tile_size (&kept->labels) + kept->overlays.bytes;
}

static GList *
find_kept (FasciaDiagramView *self,
           FasciaDiagram     *diagram)
{
  for (GList *l = self->kept.head; l != NULL; l = l->next)
    if (((Kept *) l->data)->diagram == diagram)
      return l;
  return NULL;
}

/* Whether @kept shows its diagram as set_diagram() would show it now. */
static gboolean
kept_is_fresh (FasciaDiagramView *self,
               const Kept        *kept)
{
  double zoom, x, y;

  return fitted_view (self, kept->diagram, &zoom, &x, &y)
         && tile_matches (self, &kept->base, zoom, x, y)
         && kept->rendered_serial == fascia_diagram_get_style_serial (kept->diagram);
}

static void
cancel_prepare (FasciaDiagramView *self)
{
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->preparing == NULL)
    return;
  g_cancellable_cancel (self->prepare_cancellable);
  g_clear_object (&self->prepare_cancellable);
  self->prepare_cancellable = g_cancellable_new ();
  g_clear_object (&self->preparing);
}

/* What a render ahead's callback is given (the task holds no reference on the view: see
 * view_ref_new()). */
typedef struct
{
  GWeakRef      *view;
  FasciaDiagram *diagram;
} Preparing;

static void
prepare_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Preparing *preparing = user_data;
  g_autoptr(FasciaDiagramView) self = view_ref_take (preparing->view);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(FasciaDiagram) diagram = preparing->diagram;
  g_autoptr(GError) error = NULL;
  GList *l;
  Kept *kept;

  g_free (preparing);
  /* Gone, the view cancelled it as it went. */
  if (self == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Shown, it is rendered again, and says so then. */
          g_debug ("Could not render a diagram ahead: %s", error->message);
          g_clear_object (&self->preparing);
        }
      return;
    }

  g_clear_object (&self->preparing);
  if (diagram == self->diagram)
    return;

  /* Its copy stays with it, as with a diagram shown before. */
  g_object_set_data_full (G_OBJECT (diagram), WORKER_COPY_KEY, g_steal_pointer (&job->diagram),
                          g_object_unref);

  if ((l = find_kept (self, diagram)) != NULL)
    {
      kept_free (l->data);
      g_queue_delete_link (&self->kept, l);
    }
  kept = g_new0 (Kept, 1);
  kept->diagram = g_object_ref (diagram);
  kept->base = job->result;
  kept->labels = job->labels_result;
  memset (&job->result, 0, sizeof job->result);
  memset (&job->labels_result, 0, sizeof job->labels_result);
  overlays_init (&kept->overlays);
  kept->rendered_serial = job->serial;
  g_queue_push_tail (&self->kept, kept);
  self->n_prepared++;

  /* What was to be made in it ahead. */
  for (GList *w = self->kept_waiting.head; w != NULL;)
    {
      GList *next = w->next;

      if (((Ahead *) w->data)->diagram == diagram)
        {
          g_queue_push_tail (&self->kept_ahead, w->data);
          g_queue_delete_link (&self->kept_waiting, w);
        }
      w = next;
    }
  if (!g_queue_is_empty (&self->kept_ahead) && self->kept_ahead_id == 0)
    self->kept_ahead_id = g_idle_add_full (AHEAD_IN_PRIORITY, kept_ahead_cb, self, NULL);

  schedule_prepare (self);
}

/* Frees kept renderings that no longer match, from the oldest, until @needed more bytes fit
 * in MAX_KEPT_BYTES; returns whether they do. */
static gboolean
make_room (FasciaDiagramView *self,
           gsize              needed)
{
  gsize total = needed;

  for (GList *l = self->kept.head; l != NULL; l = l->next)
    total += kept_size (l->data);

  for (GList *l = self->kept.tail; l != NULL && total > MAX_KEPT_BYTES;)
    {
      GList *prev = l->prev;

      if (!kept_is_fresh (self, l->data))
        {
          total -= kept_size (l->data);
          kept_free (l->data);
          g_queue_delete_link (&self->kept, l);
        }
      l = prev;
    }

  return total <= MAX_KEPT_BYTES;
}

static gboolean
prepare_cb (gpointer user_data)
{
  FasciaDiagramView *self = user_data;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self)) * scale_factor;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) * scale_factor;

  self->prepare_id = 0;

  /* Only once what is shown is done, and never for a view out of sight. */
  if (self->preparing != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || !fascia_diagram_view_is_up_to_date (self) || width <= 0 || height <= 0)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < self->ready->len; i++)
    {
      FasciaDiagram *diagram = g_ptr_array_index (self->ready, i);
      Preparing *preparing;
      RenderJob *job;
      g_autoptr(GTask) task = NULL;
      GList *l;
      double zoom, x, y;

      if (diagram == self->diagram || !fitted_view (self, diagram, &zoom, &x, &y))
        continue;

      /* Styled as it will be when shown. */
      fascia_diagram_set_overlay_styles (diagram, OVERLAY_STYLES);
      g_signal_emit (self, signals[PREPARE], 0, diagram, zoom);

      l = find_kept (self, diagram);
      if (l != NULL && kept_is_fresh (self, l->data))
        continue;

      if (!make_room (self, (gsize) width * height * 4
                            * (fascia_diagram_get_labels_apart (diagram) ? 2 : 1)))
        return G_SOURCE_REMOVE;

      job = g_new0 (RenderJob, 1);
      job->diagram = g_object_steal_data (G_OBJECT (diagram), WORKER_COPY_KEY);
      if (job->diagram != NULL)
        fascia_diagram_copy_styles (job->diagram, diagram);
      else
        job->diagram = fascia_diagram_dup (diagram);
      job->zoom = zoom;
      job->x = x;
      job->y = y;
      job->scale_factor = scale_factor;
      job->width = width;
      job->height = height;
      job->serial = fascia_diagram_get_style_serial (diagram);
      job->full = TRUE;
      job->labels = fascia_diagram_get_labels_apart (diagram);

      self->preparing = g_object_ref (diagram);
      preparing = g_new (Preparing, 1);
      preparing->view = view_ref_new (self);
      preparing->diagram = g_object_ref (diagram);
      task = g_task_new (NULL, self->prepare_cancellable, prepare_done_cb, preparing);
      g_task_set_source_tag (task, prepare_cb);
      g_task_set_task_data (task, job, render_job_free);
      fascia_ui_run_in_background (task, render_thread);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_prepare (FasciaDiagramView *self)
{
  if (self->prepare_id != 0 || self->preparing != NULL || self->ready->len == 0)
    return;

  self->prepare_id = g_timeout_add_full (G_PRIORITY_LOW, PREPARE_DELAY_MS, prepare_cb, self,
                                         NULL);
}

/**
 * fascia_diagram_view_keep_ready:
 *
 * Renders @diagram ahead, in idle time, so that fascia_diagram_view_set_diagram() shows it
 * at once, and keeps it so while the widget changes size (within the memory kept for views
 * shown before). The view emits #FasciaDiagramView::prepare before each render ahead, for
 * the caller to style the diagram as it will when it shows it. Diagrams are rendered in the
 * order given.
 */
void
fascia_diagram_view_keep_ready (FasciaDiagramView *self,
                                FasciaDiagram     *diagram)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (FASCIA_IS_DIAGRAM (diagram));

  if (g_ptr_array_find (self->ready, diagram, NULL))
    return;

  g_ptr_array_add (self->ready, g_object_ref (diagram));
  schedule_prepare (self);
}

/**
 * fascia_diagram_view_is_ready:
 *
 * Returns: whether fascia_diagram_view_set_diagram() would show @diagram now with nothing
 *   rendered: it is shown, or was rendered ahead (or shown before) at the view it would be
 *   shown at, with the styles it has (for tests and benchmarks)
 */
gboolean
fascia_diagram_view_is_ready (FasciaDiagramView *self,
                              FasciaDiagram     *diagram)
{
  GList *l;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (diagram), FALSE);

  if (diagram == self->diagram)
    return fascia_diagram_view_is_up_to_date (self);
  l = find_kept (self, diagram);
  return l != NULL && kept_is_fresh (self, l->data);
}

/**
 * fascia_diagram_view_is_preparing:
 *
 * Returns: whether a render ahead is running or waiting for idle time
 */
gboolean
fascia_diagram_view_is_preparing (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  return self->preparing != NULL || self->prepare_id != 0;
}

static gboolean
deferred_render_cb (gpointer user_data)
{
  FasciaDiagramView *self = user_data;

  self->deferred_id = 0;
  update_rendering (self);
  return G_SOURCE_REMOVE;
}

/**
 * fascia_diagram_view_set_fit_figure:
 * @fit_figure: whether a fit shows the figure rather than the whole view
 *
 * Fits the figure itself to the widget, centred, rather than the whole view with the room its
 * drawing leaves around it: for the small diagrams of the plan and visit editors.
 */
void
fascia_diagram_view_set_fit_figure (FasciaDiagramView *self,
                                    gboolean           fit_figure)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  fit_figure = !!fit_figure;
  if (self->fit_figure == fit_figure)
    return;

  self->fit_figure = fit_figure;
  update_fit_box (self);
  if (self->fitted)
    apply_fit (self);
}

/**
 * fascia_diagram_view_set_names_hidden:
 * @hidden: whether the pointer's tooltip names nothing
 *
 * While a quiz question is open, the labels are off, and so are the tooltips that name the
 * region under the pointer: a student could otherwise move over the drawing until it says the
 * muscle asked for. A screen reader, too, reads each muscle and trigger point by its kind and
 * number ("Muscle 3 of 38"), with no description, until the names come back.
 */
void
fascia_diagram_view_set_names_hidden (FasciaDiagramView *self,
                                      gboolean           hidden)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  hidden = !!hidden;
  if (self->names_hidden == hidden)
    return;
  self->names_hidden = hidden;
  /* A tooltip shown goes, or one comes, without waiting for the pointer to move. */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  update_button_labels (self);
  for (guint i = 0; i < self->buttons->len; i++)
    update_button_note (self, button_region (self, g_ptr_array_index (self->buttons, i))->id);
}

/**
 * fascia_diagram_view_set_diagram:
 *
 * Shows @diagram, fitted to the widget. The view styles regions of the diagram it shows
 * (hover, focus); give each view its own diagram.
 */
void
fascia_diagram_view_set_diagram (FasciaDiagramView *self,
                                 FasciaDiagram     *diagram)
{
  g_autofree char *focused_id = NULL;
  g_autofree char *focused_atlas_id = NULL;
  FasciaRegionKind focused_kind = 0;
  guint focused_n = 0;

  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));
  g_return_if_fail (diagram == NULL || FASCIA_IS_DIAGRAM (diagram));

  if (self->diagram == diagram)
    return;

  /* The keyboard on a region stays on it where the new drawing has it too (gluteus medius
   * from the back superficial view to the deep one), where it went to the first region of
   * the new drawing, whatever it was on before; or on the same muscle, landmark or trigger
   * point on the other side, where the new drawing shows only one (the side view). */
  if (self->last_focus != NULL && gtk_widget_is_focus (self->last_focus))
    {
      const FasciaRegion *region;

      focused_id = g_strdup (fascia_region_button_get_region_id (
                               FASCIA_REGION_BUTTON (self->last_focus)));
      region = self->diagram != NULL ? fascia_diagram_lookup_region (self->diagram, focused_id)
                                     : NULL;
      if (region != NULL && region->atlas_id != NULL)
        {
          focused_atlas_id = g_strdup (region->atlas_id);
          focused_kind = region->kind;
          focused_n = region->n;
        }
    }

  set_hovered (self, NULL);
  set_resting (self, NULL);
  remove_buttons (self);
  if (self->diagram != NULL)
    fascia_diagram_view_clear_region_styles (self, FASCIA_REGION_STYLE_FOCUS);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->job_running = FALSE;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->deferred_id, g_source_remove);
  g_clear_handle_id (&self->hover_ahead_id, g_source_remove);
  /* Shown now, it is rendered as shown; the rest wait for the next idle time. */
  cancel_prepare (self);
  /* The worker's copy goes with its diagram, so that coming back to a view does not parse
   * its drawing again (a switch of views used to pay a librsvg parse each time). */
  if (self->diagram != NULL && self->worker_copy != NULL)
    {
      g_object_set_data_full (G_OBJECT (self->diagram), WORKER_COPY_KEY,
                              g_steal_pointer (&self->worker_copy), g_object_unref);
    }
  g_clear_object (&self->worker_copy);
  if (diagram != NULL)
    {
      self->worker_copy = g_object_steal_data (G_OBJECT (diagram), WORKER_COPY_KEY);
      /* Not the serial it was made at: the copy is brought up to date before its next job. */
      self->worker_copy_serial = G_MAXUINT64;
    }
  keep_shown (self);
  tile_clear (&self->base);
  tile_clear (&self->labels);
  g_hash_table_remove_all (self->dirty);
  self->full_dirty = FALSE;
  g_array_set_size (self->markers, 0);
  g_hash_table_remove_all (self->notes);

  g_set_object (&self->diagram, diagram);
  self->press_on_shown = FALSE;
  g_hash_table_remove_all (self->overlays.tiles);
  self->overlays.bytes = 0;

  if (self->diagram != NULL)
    {
      fascia_diagram_set_overlay_styles (self->diagram, OVERLAY_STYLES);
      self->known_serial = fascia_diagram_get_style_serial (self->diagram);
      self->rendered_serial = self->known_serial - 1;
      create_buttons (self);
      if (focused_id != NULL && !fascia_diagram_view_focus_region (self, focused_id)
          && focused_atlas_id != NULL)
        {
          for (guint i = 0; i < fascia_diagram_get_n_regions (diagram); i++)
            {
              const FasciaRegion *region = fascia_diagram_get_region (diagram, i);

              if (region->kind == focused_kind && region->n == focused_n
                  && g_strcmp0 (region->atlas_id, focused_atlas_id) == 0
                  && fascia_diagram_view_focus_region (self, region->id))
                break;
            }
        }
      update_fit_box (self);
      /* The caller styles the new diagram (and sizes its labels) after this returns: the
       * first render waits for that, or it would be made twice. */
      self->deferred_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, deferred_render_cb, self, NULL);
      self->fitted = TRUE;
      apply_fit (self);
      take_kept (self);
    }

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
  schedule_prepare (self);
}

gboolean
fascia_diagram_view_get_point_mode (FasciaDiagramView *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), FALSE);

  return self->point_mode;
}

/**
 * fascia_diagram_view_set_point_mode:
 *
 * In point mode a click picks a point (#FasciaDiagramView::point-activated) rather than a
 * region, and hovering highlights nothing: for marking where a client hurts. A region's
 * button pressed from the keyboard then picks a point inside the region.
 */
void
fascia_diagram_view_set_point_mode (FasciaDiagramView *self,
                                    gboolean           point_mode)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM_VIEW (self));

  point_mode = !!point_mode;
  if (self->point_mode == point_mode)
    return;

  self->point_mode = point_mode;
  if (point_mode)
    set_hovered (self, NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), point_mode ? "crosshair" : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINT_MODE]);
}

/* Input */

static const FasciaRegion *
region_at (FasciaDiagramView *self,
           double             widget_x,
           double             widget_y)
{
  double x, y;

  if (self->diagram == NULL)
    return NULL;

  fascia_diagram_view_widget_to_view (self, widget_x, widget_y, &x, &y);
  return fascia_diagram_hit_test (self->diagram, x, y);
}

static void
motion_cb (FasciaDiagramView        *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  const FasciaRegion *region;

  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;

  if (self->point_mode)
    return;

  region = region_at (self, x, y);
  set_hovered (self, region != NULL ? region->id : NULL);
}

static void
leave_cb (FasciaDiagramView        *self,
          GtkEventControllerMotion *motion)
{
  self->has_pointer = FALSE;
  set_hovered (self, NULL);
}

/* The drawing moved under a pointer at rest (the window resized, presentation mode left):
 * what is hovered is what is under the pointer now. GTK sends no motion for a change of layout,
 * and the region the pointer had been over stayed outlined, with its tooltip, wherever the
 * drawing had taken it, the pointer over the background. */
static void
hover_under_pointer (FasciaDiagramView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  GdkDevice *pointer = seat != NULL ? gdk_seat_get_pointer (seat) : NULL;
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  const FasciaRegion *region = NULL;
  graphene_point_t point;
  double x, y, native_x, native_y;

  if (!self->has_pointer || self->point_mode || surface == NULL || pointer == NULL ||
      !gdk_surface_get_device_position (surface, pointer, &x, &y, NULL))
    return;

  gtk_native_get_surface_transform (native, &native_x, &native_y);
  if (!gtk_widget_compute_point (GTK_WIDGET (native), widget,
                                 &GRAPHENE_POINT_INIT (x - native_x, y - native_y), &point))
    return;

  if (gtk_widget_contains (widget, point.x, point.y))
    {
      self->pointer_x = point.x;
      self->pointer_y = point.y;
      region = region_at (self, point.x, point.y);
    }
  set_hovered (self, region != NULL ? region->id : NULL);
}

/**
 * fascia_diagram_view_dup_tooltip_text:
 * @x: where GTK asks the tooltip for, in widget coordinates
 * @y: likewise
 *
 * What the pointer's tooltip says: the name of the region hovered (with its note, if it has
 * one), the region lit under the pointer. GTK asks the tooltip for its own reading of the
 * pointer's position, which can be a pixel off the motion event's: at a region's edge the
 * tooltip named the neighbour while the outline lit the other. Only without a pointer over
 * the view (a tooltip asked for otherwise) does it name the region at @x, @y.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for none
 */
char *
fascia_diagram_view_dup_tooltip_text (FasciaDiagramView *self,
                                      double             x,
                                      double             y)
{
  const FasciaRegion *region;
  g_autofree char *label = NULL;
  const char *note;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM_VIEW (self), NULL);

  if (self->names_hidden || self->point_mode || self->diagram == NULL)
    return NULL;
  if (self->has_pointer)
    region = self->hovered != NULL ? fascia_diagram_lookup_region (self->diagram, self->hovered)
                                   : NULL;
  else
    region = region_at (self, x, y);
  if (region == NULL)
    return NULL;

  label = fascia_region_dup_label (self->atlas, region);
  note = g_hash_table_lookup (self->notes, region->id);
  if (note != NULL)
    return g_strdup_printf ("%s: %s", label, note);
  return g_steal_pointer (&label);
}

static gboolean
query_tooltip_cb (FasciaDiagramView *self,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip)
{
  g_autofree char *text = NULL;

  if (self->names_hidden)
    return FALSE;

  if (keyboard)
    {
      GtkWidget *button = gtk_widget_get_focus_child (GTK_WIDGET (self));
      const char *label, *note;

      if (button == NULL)
        return FALSE;
      label = fascia_region_button_get_label_text (FASCIA_REGION_BUTTON (button));
      note = g_hash_table_lookup (self->notes,
                                  fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (button)));
      text = note != NULL ? g_strdup_printf ("%s: %s", label, note) : g_strdup (label);
    }
  else
    text = fascia_diagram_view_dup_tooltip_text (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Whether a press is the second (or third) of a double click, told by when and where the user
 * pressed. GtkGestureClick counts presses (its n_press) until a timer of the main loop, started
 * as it handles a press, runs out: with the main loop busy past the double-click time after the
 * first click (the frame that shows a new mark, on a loaded machine), the timer ran out before
 * the second press was handled whenever anything came between them (the pointer moved a
 * pixel), and a double click was taken for two clicks, which on the body chart made two marks.
 * The times the window system gave the presses do not depend on how soon they are handled. */
static gboolean
press_is_repeat (FasciaDiagramView *self,
                 GtkGestureClick   *click,
                 int                n_press,
                 double             x,
                 double             y)
{
  GdkEventSequence *sequence = gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (click));
  GdkEvent *event = gtk_gesture_get_last_event (GTK_GESTURE (click), sequence);
  guint32 time = event != NULL ? gdk_event_get_time (event) : GDK_CURRENT_TIME;
  guint32 last = self->press_time;
  gboolean repeat;

  self->press_time = time;
  if (time == GDK_CURRENT_TIME || last == GDK_CURRENT_TIME)
    repeat = n_press > 1;
  else
    {
      int double_click_time, double_click_distance;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-double-click-time", &double_click_time,
                    "gtk-double-click-distance", &double_click_distance,
                    NULL);
      /* As GTK measures them: the time from the press before, the distance from the first. */
      repeat = (guint32) (time - last) <= (guint32) MAX (double_click_time, 0)
               && fabs (x - self->series_x) < double_click_distance
               && fabs (y - self->series_y) < double_click_distance;
    }

  if (!repeat)
    {
      self->series_x = x;
      self->series_y = y;
    }
  return repeat;
}

static void
click_pressed_cb (FasciaDiagramView *self,
                  int                n_press,
                  double             x,
                  double             y,
                  GtkGestureClick   *click)
{
  self->press_repeats = press_is_repeat (self, click, n_press, x, y);
  /* A click acts on what was pressed: the drawing may be laid out again before the release
   * (the window resized) and show another part of the body under the pointer. */
  self->press_on_shown = self->diagram != NULL;
  fascia_diagram_view_widget_to_view (self, x, y, &self->press_view_x, &self->press_view_y);

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Keyboard focus follows a click to the region it acts on, as it follows a click on a
 * focus-on-click button, so that arrows continue from there and a screen reader is told: the
 * region clicked, or the one a label beside the body names, which every page takes a click on
 * the label for (fascia_ui_labelled_region_at()). It moves before the click is handled, as a
 * button's does. A click on neither leaves it where it was: the keyboard reaches no part of
 * the drawing there, and the page decides what the click made, if anything, to focus. */
static void
focus_clicked (FasciaDiagramView *self,
               double             view_x,
               double             view_y)
{
  const FasciaRegion *region = fascia_diagram_hit_test (self->diagram, view_x, view_y);
  GtkWidget *button;

  if (region == NULL)
    {
      gboolean on_label;

      region = fascia_ui_labelled_region_at (self->diagram, view_x, view_y, &on_label);
    }
  if (region == NULL)
    return;

  button = g_hash_table_lookup (self->buttons_by_id, region->id);
  if (button != NULL && gtk_widget_get_visible (button))
    gtk_widget_grab_focus (button);
}

static void
click_released_cb (FasciaDiagramView *self,
                   int                n_press,
                   double             x,
                   double             y,
                   GtkGestureClick   *click)
{
  const FasciaRegion *region;
  double view_x = self->press_view_x, view_y = self->press_view_y;
  double shown_x, shown_y;

  if (self->dragged || self->press_repeats || self->diagram == NULL)
    return;

  /* The click is on the point pressed, wherever the release fell: the pointer stays still
   * while the drawing may have been laid out again under it since (the window resized).
   * Another drawing shown since, or the point now out of sight, and it is dropped. */
  fascia_diagram_view_view_to_widget (self, view_x, view_y, &shown_x, &shown_y);
  if (!self->press_on_shown
      || shown_x < 0 || shown_y < 0
      || shown_x >= gtk_widget_get_width (GTK_WIDGET (self))
      || shown_y >= gtk_widget_get_height (GTK_WIDGET (self)))
    return;

  if (!self->point_mode)
    focus_clicked (self, view_x, view_y);
  g_signal_emit (self, signals[POINT_ACTIVATED], 0, view_x, view_y);

  if (self->point_mode)
    return;

  region = fascia_diagram_hit_test (self->diagram, view_x, view_y);
  if (region != NULL)
    g_signal_emit (self, signals[REGION_ACTIVATED], 0, region->id);
}

static void
drag_begin_cb (FasciaDiagramView *self,
               double             x,
               double             y,
               GtkGestureDrag    *drag)
{
  self->dragged = FALSE;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
}

static void
drag_update_cb (FasciaDiagramView *self,
                double             x,
                double             y,
                GtkGestureDrag    *drag)
{
  if (!self->dragged && hypot (x, y) < DRAG_THRESHOLD_PX)
    return;

  if (!self->dragged)
    {
      self->dragged = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }

  fascia_diagram_view_pan (self, self->drag_last_x - x, self->drag_last_y - y);
  self->drag_last_x = x;
  self->drag_last_y = y;
}

static void
drag_end_cb (FasciaDiagramView *self,
             double             x,
             double             y,
             GtkGestureDrag    *drag)
{
  if (self->dragged)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->point_mode ? "crosshair" : NULL);
}

static gboolean
scroll_cb (FasciaDiagramView        *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean discrete = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;
  double x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (self->diagram == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      fascia_diagram_view_zoom_at (self, pow (ZOOM_STEP, -dy * (discrete ? 1.0 : 0.1)), x, y);
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  fascia_diagram_view_pan (self, dx * (discrete ? PAN_STEP : 1.0), dy * (discrete ? PAN_STEP : 1.0));
  return TRUE;
}

static void
zoom_begin_cb (FasciaDiagramView *self,
               GdkEventSequence  *sequence,
               GtkGestureZoom    *gesture)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  self->pinch_zoom = self->zoom;
  fascia_diagram_view_widget_to_view (self, x, y, &self->pinch_view_x, &self->pinch_view_y);
}

static void
zoom_scale_changed_cb (FasciaDiagramView *self,
                       double             scale,
                       GtkGestureZoom    *gesture)
{
  double x, y, zoom;

  /* The point between the fingers stays between them, even as they move. */
  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  zoom = CLAMP (self->pinch_zoom * scale, fit_zoom (self) / 2.0, MAX_ZOOM);
  self->fitted = FALSE;
  set_view (self, zoom, self->pinch_view_x - x / zoom, self->pinch_view_y - y / zoom);
}

static void
pointer_or_centre (FasciaDiagramView *self,
                   double            *x,
                   double            *y)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (self->has_pointer)
    {
      *x = self->pointer_x;
      *y = self->pointer_y;
    }
  else if (focus != NULL)
    {
      graphene_rect_t bounds;

      /* Keyboard zoom keeps the focused region where it is. */
      if (!gtk_widget_compute_bounds (focus, GTK_WIDGET (self), &bounds))
        graphene_rect_init (&bounds, 0, 0, 0, 0);
      *x = bounds.origin.x + bounds.size.width / 2.0;
      *y = bounds.origin.y + bounds.size.height / 2.0;
    }
  else
    {
      *x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      *y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (widget);
  double x, y;

  pointer_or_centre (self, &x, &y);
  fascia_diagram_view_zoom_at (self, ZOOM_STEP, x, y);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (widget);
  double x, y;

  pointer_or_centre (self, &x, &y);
  fascia_diagram_view_zoom_at (self, 1.0 / ZOOM_STEP, x, y);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  fascia_diagram_view_zoom_to_fit (FASCIA_DIAGRAM_VIEW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  fascia_diagram_view_pan (FASCIA_DIAGRAM_VIEW (widget), dx * PAN_STEP, dy * PAN_STEP);
}

/* Keyboard focus: Tab enters the drawing at the region last focused (or the first), arrows
 * move to the nearest region that way, Tab leaves. One tab stop, like a list. */

static GtkWidget *
nearest_region (FasciaDiagramView *self,
                GtkWidget         *from,
                GtkDirectionType   direction)
{
  const FasciaRegion *origin;
  GtkWidget *best = NULL;
  double best_score = G_MAXDOUBLE;
  double cx, cy;

  origin = fascia_diagram_lookup_region (self->diagram,
                                         fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (from)));
  cx = origin->x + origin->width / 2.0;
  cy = origin->y + origin->height / 2.0;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      const FasciaRegion *region;
      double along, across, score;

      if (button == from || !gtk_widget_get_visible (button))
        continue;

      region = fascia_diagram_lookup_region (self->diagram,
                                             fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (button)));
      switch (direction)
        {
        case GTK_DIR_RIGHT:
          along = region->x + region->width / 2.0 - cx;
          across = region->y + region->height / 2.0 - cy;
          break;
        case GTK_DIR_LEFT:
          along = cx - (region->x + region->width / 2.0);
          across = region->y + region->height / 2.0 - cy;
          break;
        case GTK_DIR_DOWN:
          along = region->y + region->height / 2.0 - cy;
          across = region->x + region->width / 2.0 - cx;
          break;
        case GTK_DIR_UP:
          along = cy - (region->y + region->height / 2.0);
          across = region->x + region->width / 2.0 - cx;
          break;
        case GTK_DIR_TAB_FORWARD:
        case GTK_DIR_TAB_BACKWARD:
        default:
          g_assert_not_reached ();
        }

      /* Within a 60° cone either side of the direction, straight ahead preferred. */
      if (along <= 0.5 || fabs (across) > along * 1.75)
        continue;

      score = along + 2.0 * fabs (across);
      if (score < best_score)
        {
          best_score = score;
          best = button;
        }
    }

  return best;
}

static GtkWidget *
first_visible_button (FasciaDiagramView *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      if (gtk_widget_get_visible (button))
        return button;
    }

  return NULL;
}

static gboolean
fascia_diagram_view_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (widget);
  GtkWidget *focus = gtk_widget_get_focus_child (widget);
  GtkWidget *target;

  if (self->diagram == NULL || self->buttons->len == 0)
    return FALSE;

  if (focus == NULL)
    {
      target = self->last_focus;
      if (target == NULL || !gtk_widget_get_visible (target))
        target = first_visible_button (self);
      return target != NULL && gtk_widget_grab_focus (target);
    }

  if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
    return FALSE;

  target = nearest_region (self, focus, direction);
  if (target == NULL)
    {
      gtk_widget_error_bell (widget);
      return TRUE;
    }

  return gtk_widget_grab_focus (target);
}

static gboolean
fascia_diagram_view_grab_focus (GtkWidget *widget)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (widget);
  GtkWidget *target = self->last_focus;

  if (target == NULL || !gtk_widget_get_visible (target))
    target = first_visible_button (self);

  return target != NULL && gtk_widget_grab_focus (target);
}

/* GtkWidget */

static void
fascia_diagram_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 600;
}

static void
fascia_diagram_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (widget);
  gboolean resized = width != self->allocated_width || height != self->allocated_height;

  self->allocated_width = width;
  self->allocated_height = height;
  if (self->diagram == NULL)
    return;

  /* A render ahead for another size would be shown never: start again once idle. */
  if (self->preparing != NULL && (self->base.texture == NULL
                                  || width * self->base.scale_factor
                                     != gdk_texture_get_width (self->base.texture)
                                  || height * self->base.scale_factor
                                     != gdk_texture_get_height (self->base.texture)))
    cancel_prepare (self);

  if (self->fitted)
    {
      double zoom = self->zoom;

      fitted_view (self, self->diagram, &zoom, &self->x, &self->y);
      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
  else
    {
      clamp_origin (self);
    }
  /* The room around the figure fitted changes with the width even where the zoom does not (a
   * window wider than the figure, the card pane hidden in presentation mode). */
  if (resized)
    g_signal_emit (self, signals[RESIZED], 0);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      const FasciaRegion *region;
      GtkAllocation allocation;
      int min;

      if (!gtk_widget_get_visible (button))
        continue;

      region = fascia_diagram_lookup_region (self->diagram,
                                             fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (button)));
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      allocation.x = floor ((region->x - self->x) * self->zoom);
      allocation.y = floor ((region->y - self->y) * self->zoom);
      allocation.width = MAX (min, ceil (region->width * self->zoom));
      allocation.height = MAX (1, ceil (region->height * self->zoom));
      gtk_widget_size_allocate (button, &allocation, -1);
    }

  if (resized)
    hover_under_pointer (self);

  update_rendering (self);
  schedule_prepare (self);
}

/* Whether the window draws with GSK's cairo renderer (software, as under Xvfb or with
 * GSK_RENDERER=cairo). */
static gboolean
draws_with_cairo (FasciaDiagramView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

static const cairo_user_data_key_t pixels_key, bytes_key;

static void
node_unref (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

/* A cairo node that paints @width×@height pixels of @bytes (cairo's ARGB32) at 0,0, without
 * copying them: the node's recording keeps the surface over them, and the surface @bytes. */
static GskRenderNode *
pixels_node (GBytes *bytes,
             gsize   offset,
             int     width,
             int     height,
             int     stride)
{
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create_for_data ((guchar *) g_bytes_get_data (bytes, NULL) + offset,
                                                 CAIRO_FORMAT_ARGB32, width, height, stride);
  cairo_surface_set_user_data (surface, &bytes_key, g_bytes_ref (bytes),
                               (cairo_destroy_func_t) g_bytes_unref);
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  /* The recording holds a copy-on-write snapshot of the surface: were the surface destroyed
   * first, cairo would copy its pixels. The recording owns it, and drops it after the
   * snapshot. */
  cairo_surface_set_user_data (cairo_get_target (cr), &pixels_key, surface,
                               (cairo_destroy_func_t) cairo_surface_destroy);
  cairo_destroy (cr);
  return node;
}

/* Draws piece @i of @tile (its whole texture when it has no pieces) into @rect.
 *
 * GTK 4.8's cairo renderer draws a texture by converting every pixel of it through floats,
 * each frame it draws it, however little of it the frame repaints: ~15 ns a pixel, 20 ms for
 * a 1400×1000 drawing on every click and hover. A cairo node of the same pixels costs a blit
 * of what the frame repaints. It is made once and kept, so that GSK's damage tracking finds
 * the same node in the next frame and repaints nothing where nothing changed. The GL and
 * Vulkan renderers keep a texture on the GPU: they get the texture. */
static void
append_pixels (FasciaDiagramView     *self,
               GtkSnapshot           *snapshot,
               Tile                  *tile,
               guint                  i,
               const graphene_rect_t *rect,
               gboolean               with_cairo)
{
  GdkTexture *texture = tile->pieces != NULL ? g_ptr_array_index (tile->pieces, i) : tile->texture;
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  GskRenderNode *node;

  if (!with_cairo || tile->bytes == NULL)
    {
      gtk_snapshot_append_texture (snapshot, texture, rect);
      return;
    }

  if (tile->nodes == NULL)
    {
      guint n = tile->pieces != NULL ? tile->pieces->len : 1;

      tile->nodes = g_ptr_array_new_full (n, node_unref);
      g_ptr_array_set_size (tile->nodes, n);
    }

  node = g_ptr_array_index (tile->nodes, i);
  if (node == NULL)
    {
      int cols = (gdk_texture_get_width (tile->texture) + PIECE_PX - 1) / PIECE_PX;
      gsize offset = tile->pieces != NULL
                     ? (gsize) (i / cols) * PIECE_PX * tile->stride + (gsize) (i % cols) * PIECE_PX * 4
                     : 0;

      node = pixels_node (tile->bytes, offset, width, height, tile->stride);
      g_ptr_array_index (tile->nodes, i) = node;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &rect->origin);
  gtk_snapshot_scale (snapshot, rect->size.width / width, rect->size.height / height);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

/* Adds to @nodes @tile drawn where it is in the view, as one node that is kept and given
 * again while the view does not move, so that GSK finds the very node of the last frame and
 * compares nothing inside it. */
static void
append_tile (FasciaDiagramView *self,
             GPtrArray         *nodes,
             Tile              *tile)
{
  double scale = self->zoom / tile->zoom / tile->scale_factor;  /* logical px per texture px */
  double x0 = (tile->x - self->x) * self->zoom;
  double y0 = (tile->y - self->y) * self->zoom;
  int view_width = gtk_widget_get_width (GTK_WIDGET (self));
  int view_height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean with_cairo = draws_with_cairo (self);
  GtkSnapshot *pieces;
  graphene_rect_t visible, rect;
  int width, cols;

  if (tile->drawn != NULL && tile->drawn_x == x0 && tile->drawn_y == y0
      && tile->drawn_scale == scale && tile->drawn_width == view_width
      && tile->drawn_height == view_height && tile->drawn_cairo == with_cairo)
    {
      g_ptr_array_add (nodes, gsk_render_node_ref (tile->drawn));
      return;
    }

  pieces = gtk_snapshot_new ();
  if (tile->pieces == NULL)
    {
      graphene_rect_init (&rect, x0, y0,
                          gdk_texture_get_width (tile->texture) * scale,
                          gdk_texture_get_height (tile->texture) * scale);
      append_pixels (self, pieces, tile, 0, &rect, with_cairo);
    }
  else
    {
      graphene_rect_init (&visible, 0, 0, view_width, view_height);
      width = gdk_texture_get_width (tile->texture);
      cols = (width + PIECE_PX - 1) / PIECE_PX;

      for (guint i = 0; i < tile->pieces->len; i++)
        {
          GdkTexture *piece = g_ptr_array_index (tile->pieces, i);
          double px = (i % cols) * PIECE_PX, py = (i / cols) * PIECE_PX;

          graphene_rect_init (&rect, x0 + px * scale, y0 + py * scale,
                              gdk_texture_get_width (piece) * scale,
                              gdk_texture_get_height (piece) * scale);
          if (graphene_rect_intersection (&rect, &visible, NULL))
            append_pixels (self, pieces, tile, i, &rect, with_cairo);
        }
    }

  g_clear_pointer (&tile->drawn, gsk_render_node_unref);
  tile->drawn = gtk_snapshot_free_to_node (pieces);
  tile->drawn_x = x0;
  tile->drawn_y = y0;
  tile->drawn_scale = scale;
  tile->drawn_width = view_width;
  tile->drawn_height = view_height;
  tile->drawn_cairo = with_cairo;
  if (tile->drawn != NULL)
    g_ptr_array_add (nodes, gsk_render_node_ref (tile->drawn));
}

static void
outline_free (gpointer data)
{
  Tile *tile = data;

  tile_clear (tile);
  g_free (tile);
}

/* Whether @tile, an overlay of the cache, is shown now. */
static gboolean
overlay_shown (FasciaDiagramView *self,
               const Tile        *tile)
{
  FasciaRegionStyle style = fascia_diagram_get_region_style (self->diagram, tile->region_id);

  if (tile->style & FILL_STYLES)
    return fascia_region_style_shown_fill (style) == tile->style;
  if (tile->style == FASCIA_REGION_STYLE_HOVER)
    return g_strcmp0 (tile->region_id, self->hovered) == 0;
  return (style & tile->style) != 0;
}

/* Makes room in @overlays for an overlay of @size bytes: those not shown now go, the least
 * recently asked for first. (The whole cache went when it was full, and with it what a
 * busy page had made ahead.) Returns whether there is room; an overlay shown now is made
 * even when what is shown fills the cache, one made @ahead is not. The overlays of a diagram
 * kept, not shown, are none of them shown. */
static gboolean
make_overlay_room (FasciaDiagramView *self,
                   Overlays          *overlays,
                   gsize              size,
                   gboolean           ahead)
{
  while (g_hash_table_size (overlays->tiles) >= MAX_OVERLAYS
         || overlays->bytes + size > MAX_OVERLAY_BYTES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      Tile *oldest = NULL;

      g_hash_table_iter_init (&iter, overlays->tiles);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Tile *tile = value;

          if ((oldest == NULL || tile->used < oldest->used)
              && (overlays != &self->overlays || !overlay_shown (self, tile)))
            {
              oldest = tile;
              oldest_key = key;
            }
        }

      if (oldest == NULL)
        return !ahead;
      overlays->bytes -= tile_size (oldest);
      g_hash_table_remove (overlays->tiles, oldest_key);
    }

  return TRUE;
}

/* The Tile of an overlay drawn into @surface (@size bytes), kept under @key ("style:region"). */
static Tile *
overlay_tile_new (FasciaDiagramView *self,
                  cairo_surface_t   *surface,
                  gsize              size,
                  double             scale,
                  double             x,
                  double             y,
                  guint64            serial,
                  const char        *key,
                  FasciaRegionStyle  style)
{
  Tile *tile = g_new0 (Tile, 1);
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), size,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  tile->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                          cairo_image_surface_get_height (surface),
                                          GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));
  tile->bytes = g_bytes_ref (bytes);
  tile->stride = cairo_image_surface_get_stride (surface);
  /* A Tile is measured in logical pixels: pretend the overlay was drawn at scale factor 1. */
  tile->zoom = scale;
  tile->x = x;
  tile->y = y;
  tile->scale_factor = 1;
  tile->serial = serial;
  tile->region_id = strchr (key, ':') + 1;
  tile->style = style;
  tile->used = ++self->overlay_clock;
  return tile;
}

static void
overlays_init (Overlays *overlays)
{
  overlays->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, outline_free);
  overlays->scale = 0;
  overlays->bytes = 0;
}

/* An overlay of a region (an outline or a fill) as a texture, made from its hit mask (no
 * librsvg) at most at two pixels per view unit and scaled by GSK beyond that, so that
 * zooming does not remake it. A fill shows what the regions over it leave in sight, so it is
 * made again when layers or zones shown change (the visibility serial moves), and only then:
 * made again on every change of styles, each click made every fill on the drawing again, and
 * GSK, finding new nodes, repainted them all. One made @ahead (not shown yet) is kept only
 * when the cache has room for it beside what is shown.
 *
 * Kept in @overlays, those of @diagram shown at @zoom: the view's, of the diagram shown, or
 * those of a diagram kept rendered but not shown (made ahead for it, see
 * fascia_diagram_view_make_ahead_in(), as they will be asked for once it is shown at the
 * view it was rendered for). */
static Tile *
ensure_overlay_in (FasciaDiagramView *self,
                   Overlays          *overlays,
                   FasciaDiagram     *diagram,
                   double             zoom,
                   const char        *region_id,
                   FasciaRegionStyle  style,
                   gboolean           ahead)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double scale = zoom * scale_factor <= 1.0 ? 1.0 : 2.0;
  guint64 serial = (style & FILL_STYLES) ? fascia_diagram_get_visibility_serial (diagram) : 0;
  g_autofree char *key = g_strdup_printf ("%u:%s", style, region_id);
  cairo_surface_t *surface;
  Tile *tile;
  double x, y;
  gsize size;

  if (scale != overlays->scale)
    {
      g_hash_table_remove_all (overlays->tiles);
      overlays->bytes = 0;
      overlays->scale = scale;
    }

  if ((tile = g_hash_table_lookup (overlays->tiles, key)) != NULL && tile->serial == serial)
    {
      tile->used = ++self->overlay_clock;
      return tile;
    }
  if (tile != NULL)
    {
      overlays->bytes -= tile_size (tile);
      g_hash_table_remove (overlays->tiles, key);
    }

  surface = fascia_diagram_render_region_overlay (diagram, region_id, style, scale, &x, &y);
  if (surface == NULL)
    return NULL;
  /* Counted apart: the overlays a frame (or the hover ahead) made for the diagram shown, and
   * those made after a click, for the views not shown. */
  if (overlays == &self->overlays)
    self->n_overlays++;
  else
    self->n_kept_overlays++;

  /* A large muscle's overlay at two pixels per unit is a few megabytes: keep what a busy
   * chart needs, and what was asked for last beyond that. */
  size = (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
  if (!make_overlay_room (self, overlays, size, ahead))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  tile = overlay_tile_new (self, surface, size, scale, x, y, serial, key, style);
  overlays->bytes += size;
  g_hash_table_replace (overlays->tiles, g_steal_pointer (&key), tile);
  return tile;
}

/* An overlay of the diagram shown (see ensure_overlay_in()). */
static Tile *
ensure_overlay (FasciaDiagramView *self,
                const char        *region_id,
                FasciaRegionStyle  style,
                gboolean           ahead)
{
  return ensure_overlay_in (self, &self->overlays, self->diagram, self->zoom, region_id, style,
                            ahead);
}

static void
append_outline (FasciaDiagramView *self,
                GPtrArray         *nodes,
                const char        *region_id,
                FasciaRegionStyle  style)
{
  Tile *tile;

  if (region_id == NULL || !fascia_diagram_get_region_visible (self->diagram, region_id))
    return;

  /* A selected region's own outline wins, as it did when librsvg drew them. */
  if (fascia_diagram_get_region_style (self->diagram, region_id) & FASCIA_REGION_STYLE_SELECTED)
    return;

  if ((tile = ensure_overlay (self, region_id, style, FALSE)) != NULL)
    append_tile (self, nodes, tile);
}

/* A container of @nodes, which it leaves empty. */
static GskRenderNode *
take_container (GPtrArray *nodes)
{
  GskRenderNode *node = gsk_container_node_new ((GskRenderNode **) nodes->pdata, nodes->len);

  g_ptr_array_set_size (nodes, 0);
  return node;
}

/* The overlays @parts as one node: the last frame's when they are the same. Under GSK's
 * cairo renderer a cairo node of them, which GSK does not look into: a frame that changes
 * them repaints the box around the old ones and the box around the new, two rectangles. */
static GskRenderNode *
lit_node (FasciaDiagramView *self,
          GPtrArray         *parts)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  GskRenderNode *node;
  cairo_t *cr;

  if (self->lit != NULL && self->lit_parts != NULL && self->lit_parts->len == parts->len
      && memcmp (self->lit_parts->pdata, parts->pdata, parts->len * sizeof (gpointer)) == 0)
    return gsk_render_node_ref (self->lit);

  if (parts->len == 0 || !draws_with_cairo (self))
    node = gsk_container_node_new ((GskRenderNode **) parts->pdata, parts->len);
  else
    {
      for (guint i = 0; i < parts->len; i++)
        {
          graphene_rect_t part;

          gsk_render_node_get_bounds (g_ptr_array_index (parts, i), &part);
          if (i == 0)
            bounds = part;
          else
            graphene_rect_union (&bounds, &part, &bounds);
        }

      node = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (node);
      for (guint i = 0; i < parts->len; i++)
        gsk_render_node_draw (g_ptr_array_index (parts, i), cr);
      cairo_destroy (cr);
    }

  g_clear_pointer (&self->lit_parts, g_ptr_array_unref);
  self->lit_parts = g_ptr_array_ref (parts);
  g_clear_pointer (&self->lit, gsk_render_node_unref);
  self->lit = gsk_render_node_ref (node);
  return node;
}

/* The overlays of the regions' styles, pass by pass (fascia_diagram_get_region_overlays()):
 * the fill of each region that has one, then the outline of each region selected, then the
 * origins and insertions over those outlines: what the stylesheet drew
 * (fascia-diagram-style.c) before the view took them over, but that an attachment along the
 * selected muscle's own edge shows over its outline.
 *
 * GSK compares each frame with the last to repaint only what changed, a rectangle for each
 * node that changed, and gives up beyond thirty rectangles, or twenty children added or
 * taken away in one container: it repaints the whole container then, and here that was the
 * diagram and the card pane beside it on every click. What a click lights, the muscle
 * selected and its attachments, changes all at once: it is one node (lit_node()), and a click
 * repaints the box around what was lit and the box around what is. The other fills (pain
 * marks, plan targets) change one at a time: each is a node, in containers of the regions of
 * a run of BUCKET_REGIONS, one for each run even when empty, so that the same container is at
 * the same place in every frame. */
#define BUCKET_REGIONS 8

static void
append_overlays (FasciaDiagramView *self,
                 GPtrArray         *nodes)
{
  guint n = fascia_diagram_get_n_regions (self->diagram);
  g_autoptr(GPtrArray) bucket = g_ptr_array_new_full (BUCKET_REGIONS,
                                                      (GDestroyNotify) gsk_render_node_unref);
  g_autoptr(GPtrArray) lit = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);

  for (guint pass = 0; pass < FASCIA_DIAGRAM_N_PASSES; pass++)
    for (guint start = 0; start < n; start += BUCKET_REGIONS)
      {
        for (guint i = start; i < MIN (n, start + BUCKET_REGIONS); i++)
          {
            FasciaRegionStyle overlays[2];
            guint n_overlays = fascia_diagram_get_region_overlays (self->diagram, i, pass,
                                                                   overlays);

            for (guint k = 0; k < n_overlays; k++)
              {
                const FasciaRegion *region = fascia_diagram_get_region (self->diagram, i);
                Tile *tile = ensure_overlay (self, region->id, overlays[k], FALSE);

                /* The outlines selected and the attachments are all lit. */
                if (tile != NULL)
                  append_tile (self, pass == FASCIA_DIAGRAM_PASS_FILLS ? bucket : lit, tile);
              }
          }

        if (pass == FASCIA_DIAGRAM_PASS_FILLS)
          g_ptr_array_add (nodes, take_container (bucket));
      }

  g_ptr_array_add (nodes, lit_node (self, lit));
}

static void
fascia_diagram_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) slot = NULL;
  g_autoptr(GskRenderNode) content = NULL;
  g_autoptr(GskRenderNode) clip = NULL;

  if (self->diagram == NULL)
    return;

  /* The frame is one clip node over one container, made here rather than by GtkSnapshot,
   * which leaves out a clip its content fits in and a container of one child: the node at
   * the top of the view would then change kind from one frame to the next (a clip while a
   * highlight reaches past the edge, none after a click), and GSK, which compares frames
   * node by node to repaint only what changed, cannot compare nodes of two kinds and
   * repaints all of both. A click on a muscle repainted the whole view that way. */
  nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  slot = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);

  /* Every part has its place in every frame, an empty container when there is nothing to
   * draw: GSK pairs the children of two frames' containers in order. */
  if (self->base.texture != NULL)
    append_tile (self, slot, &self->base);
  g_ptr_array_add (nodes, take_container (slot));

  append_overlays (self, nodes);

  {
    GtkWidget *focus = gtk_widget_get_focus_child (widget);
    const char *focused = NULL;

    if (FASCIA_IS_REGION_BUTTON (focus) && gtk_widget_has_focus (focus))
      focused = fascia_region_button_get_region_id (FASCIA_REGION_BUTTON (focus));
    if (g_strcmp0 (focused, self->hovered) != 0)
      append_outline (self, slot, focused, FASCIA_REGION_STYLE_FOCUS);
    append_outline (self, slot, self->hovered, FASCIA_REGION_STYLE_HOVER);
    g_ptr_array_add (nodes, take_container (slot));
  }

  /* The labels stay readable over every highlight. */
  if (self->labels.texture != NULL)
    append_tile (self, slot, &self->labels);
  g_ptr_array_add (nodes, take_container (slot));

  if (self->markers->len > 0)
    {
      GtkSnapshot *markers = gtk_snapshot_new ();
      GskRenderNode *node;

      append_markers (self, markers);
      if ((node = gtk_snapshot_free_to_node (markers)) != NULL)
        g_ptr_array_add (slot, node);
    }
  g_ptr_array_add (nodes, take_container (slot));

  content = gsk_container_node_new ((GskRenderNode **) nodes->pdata, nodes->len);
  clip = gsk_clip_node_new (content, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_node (snapshot, clip);
}

static void
append_markers (FasciaDiagramView *self,
                GtkSnapshot       *snapshot)
{
  for (guint i = 0; i < self->markers->len; i++)
    {
      const Marker *marker = &g_array_index (self->markers, Marker, i);
      const graphene_point_t *point = &marker->point;
      GskRoundedRect outer, inner;
      const GdkRGBA white = { 1, 1, 1, 1 };
      /* Hollow: the dark outline of earlier marks (#241f31); else #1c71d8 filled. */
      const GdkRGBA ring = marker->hollow ? (GdkRGBA) { 0.14, 0.12, 0.19, 1 }
                                          : (GdkRGBA) { 0.11, 0.44, 0.85, 1 };
      const GdkRGBA fill = marker->hollow ? (GdkRGBA) { 1, 1, 1, 0.5 }
                                          : (GdkRGBA) { 0.11, 0.44, 0.85, 0.35 };
      const float widths[4] = { 3, 3, 3, 3 };
      const GdkRGBA colours[4] = { ring, ring, ring, ring };
      double x, y;

      fascia_diagram_view_view_to_widget (self, point->x, point->y, &x, &y);
      gsk_rounded_rect_init_from_rect (&outer,
                                       &GRAPHENE_RECT_INIT (x - MARKER_RADIUS_PX - 1,
                                                            y - MARKER_RADIUS_PX - 1,
                                                            2 * MARKER_RADIUS_PX + 2,
                                                            2 * MARKER_RADIUS_PX + 2),
                                       MARKER_RADIUS_PX + 1);
      gsk_rounded_rect_init_from_rect (&inner,
                                       &GRAPHENE_RECT_INIT (x - MARKER_RADIUS_PX,
                                                            y - MARKER_RADIUS_PX,
                                                            2 * MARKER_RADIUS_PX,
                                                            2 * MARKER_RADIUS_PX),
                                       MARKER_RADIUS_PX);
      gtk_snapshot_append_border (snapshot, &outer, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { white, white, white, white });
      gtk_snapshot_push_rounded_clip (snapshot, &inner);
      gtk_snapshot_append_color (snapshot, &fill, &inner.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &inner, widths, colours);
    }
}

static void
fascia_diagram_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fascia_diagram_view_parent_class)->realize (widget);

  update_rendering (FASCIA_DIAGRAM_VIEW (widget));
}

static void
fascia_diagram_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fascia_diagram_view_parent_class)->css_changed (widget, change);

  /* The scale factor may have changed with the monitor. */
  update_rendering (FASCIA_DIAGRAM_VIEW (widget));
}

/* GObject */

static void
fascia_diagram_view_dispose (GObject *object)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->deferred_id, g_source_remove);
  g_clear_handle_id (&self->hover_ahead_id, g_source_remove);
  clear_ahead (self);
  fascia_diagram_view_drop_ahead_in (self);
  cancel_prepare (self);
  g_ptr_array_set_size (self->ready, 0);
  g_queue_clear_full (&self->kept, kept_free);
  remove_buttons (self);

  G_OBJECT_CLASS (fascia_diagram_view_parent_class)->dispose (object);
}

static void
fascia_diagram_view_finalize (GObject *object)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (object);

  g_clear_object (&self->atlas);
  g_clear_object (&self->diagram);
  g_clear_object (&self->worker_copy);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->prepare_cancellable);
  g_clear_pointer (&self->ready, g_ptr_array_unref);
  tile_clear (&self->base);
  tile_clear (&self->labels);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->buttons_by_id, g_hash_table_unref);
  g_clear_pointer (&self->markers, g_array_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->overlays.tiles, g_hash_table_unref);
  g_clear_pointer (&self->hovered, g_free);
  g_clear_pointer (&self->resting, g_free);
  g_clear_pointer (&self->lit_parts, g_ptr_array_unref);
  g_clear_pointer (&self->lit, gsk_render_node_unref);

  G_OBJECT_CLASS (fascia_diagram_view_parent_class)->finalize (object);
}

static void
fascia_diagram_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      g_value_set_object (value, self->atlas);
      break;

    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_POINT_MODE:
      g_value_set_boolean (value, self->point_mode);
      break;

    case PROP_HOVERED_REGION:
      g_value_set_string (value, self->hovered);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_diagram_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FasciaDiagramView *self = FASCIA_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      fascia_diagram_view_set_atlas (self, g_value_get_object (value));
      break;

    case PROP_DIAGRAM:
      fascia_diagram_view_set_diagram (self, g_value_get_object (value));
      break;

    case PROP_POINT_MODE:
      fascia_diagram_view_set_point_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_diagram_view_class_init (FasciaDiagramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fascia_diagram_view_dispose;
  object_class->finalize = fascia_diagram_view_finalize;
  object_class->get_property = fascia_diagram_view_get_property;
  object_class->set_property = fascia_diagram_view_set_property;

  widget_class->measure = fascia_diagram_view_measure;
  widget_class->size_allocate = fascia_diagram_view_size_allocate;
  widget_class->snapshot = fascia_diagram_view_snapshot;
  widget_class->focus = fascia_diagram_view_focus;
  widget_class->grab_focus = fascia_diagram_view_grab_focus;
  widget_class->realize = fascia_diagram_view_realize;
  widget_class->css_changed = fascia_diagram_view_css_changed;

  properties[PROP_ATLAS] =
    g_param_spec_object ("atlas", NULL, NULL,
                         FASCIA_TYPE_ATLAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL,
                         FASCIA_TYPE_DIAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0.0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_POINT_MODE] =
    g_param_spec_boolean ("point-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_HOVERED_REGION] =
    g_param_spec_string ("hovered-region", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FasciaDiagramView::region-activated:
   * @region_id: the region clicked, or focused when Enter was pressed ("m-psoas-major-l")
   */
  signals[REGION_ACTIVATED] =
    g_signal_new ("region-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * FasciaDiagramView::point-activated:
   * @x: the point clicked, in view units
   *
   * Emitted for every click, before #FasciaDiagramView::region-activated.
   */
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * FasciaDiagramView::prepare:
   * @diagram: a diagram given to fascia_diagram_view_keep_ready(), not the one shown
   * @zoom: the zoom it will be shown at (fitted to the widget)
   *
   * Emitted before @diagram is rendered ahead: style it (layers, label size) as it will be
   * styled when shown. Styles drawn as overlays (selection, attachments) need not be set.
   */
  signals[PREPARE] =
    g_signal_new ("prepare",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, FASCIA_TYPE_DIAGRAM, G_TYPE_DOUBLE);

  /**
   * FasciaDiagramView::region-rested:
   * @region_id: the region the pointer rests on
   *
   * Emitted when the pointer, or the keyboard focus, has rested on a region for a moment, so
   * that the owner can have the overlays a click on it (or Enter) will light made ahead
   * (fascia_diagram_view_make_ahead()).
   */
  signals[REGION_RESTED] =
    g_signal_new ("region-rested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * FasciaDiagramView::resized:
   *
   * Emitted when the view is given another size while it shows a diagram: the area the whole
   * figure is shown in (fascia_diagram_view_get_fitted_area()) changes with it, whether the
   * zoom does or not.
   */
  signals[RESIZED] =
    g_signal_new ("resized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "diagram.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "diagram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "diagram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "diagram.zoom-in", NULL);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "diagram.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0,
                                       "diagram.zoom-out", NULL);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "diagram.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "diagram.zoom-fit", NULL);
  gtk_widget_class_install_action (widget_class, "diagram.pan", "(ii)", pan_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK,
                                       "diagram.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK,
                                       "diagram.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK,
                                       "diagram.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK,
                                       "diagram.pan", "(ii)", 0, 1);

  gtk_widget_class_set_css_name (widget_class, "diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fascia_diagram_view_init (FasciaDiagramView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->fitted = TRUE;
  self->cancellable = g_cancellable_new ();
  self->prepare_cancellable = g_cancellable_new ();
  self->ready = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->buttons = g_ptr_array_new ();
  self->buttons_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  overlays_init (&self->overlays);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Tab moves into the drawing, the arrow keys from one part to the "
                                    "next, Enter opens a part’s card"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
