/* fascia-diagram.c — one diagram view: loads its SVG, lists its regions, renders it at any
 * scale with region styles, and answers which region lies under a point. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "fascia/fascia-attachment.h"
#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-muscle.h"

#include "fascia-diagram-private.h"

/*
 * Two facts about librsvg 2.54 shape this file:
 *
 * - rsvg_handle_set_stylesheet() cascades into the document for good: a property a sheet set
 *   keeps its value when a later sheet no longer mentions it. A handle is therefore styled
 *   once; when the styles change, the next render parses a fresh handle from the bytes.
 * - rsvg_handle_get_geometry_for_layer() on a <g> gives an ink rectangle that also spans the
 *   origin of the group's user space. Bounds are therefore measured on the region's mask.
 *
 * Hit-testing uses one bit mask per region, rendered once at load at
 * FASCIA_DIAGRAM_MASK_SCALE with every layer displayed and every opacity at 1, cropped to the
 * region, and a grid of cells listing the regions whose masks reach each cell, top-most
 * first. Masks depend only on geometry, so style and layer changes never invalidate them:
 * a query walks its cell's list and returns the first visible region whose bit is set.
 */

#define GRID_CELL 64.0  /* view units */

/* How far a stroke may reach past a shape's fill box before the mask is re-rendered from the
 * (larger) ink box. */
#define MASK_MARGIN 24.0

struct _FasciaDiagram
{
  GObject            parent_instance;

  /* Owned */
  FasciaDiagramData *data;
  RsvgHandle        *handle;
  char              *handle_css;
  guint8            *styles;          /* FasciaRegionStyle per region */
  gboolean          *layer_visible;   /* per layer */
  gboolean          *region_visible;  /* per region, derived from the two above */
  guint64            serial;
  guint64            visibility_serial;  /* moves only when region_visible changes */
  gboolean           dim_unstyled;
  guint8             overlay_styles;  /* drawn by the caller, not by fascia_diagram_render() */
  double             label_size;      /* font size of the labels in view units; 0 as drawn */
  double             shown_size;      /* the label size @label_shown was worked out for */
  gboolean          *label_shown;     /* per label, at @shown_size (NULL: not worked out) */
  double            *label_dx;        /* per label, how far it is moved right at @shown_size */
  double            *label_dy;        /* per label, how far it is moved down at @shown_size */
  double             label_room[4];   /* where else labels may lie: x, y, width, height */
  double             shown_room[4];   /* the room @label_shown was worked out for */
  guint64            over_samples;    /* see fascia_diagram_get_over_samples() */
};

G_DEFINE_FINAL_TYPE (FasciaDiagram, fascia_diagram, G_TYPE_OBJECT)

G_DEFINE_QUARK (fascia-diagram-error-quark, fascia_diagram_error)

/* Data shared by a diagram and its copies */

static void
data_clear (gpointer mem)
{
  FasciaDiagramData *data = mem;

  g_clear_pointer (&data->svg, g_bytes_unref);
  g_clear_pointer (&data->view_id, g_free);
  g_clear_pointer (&data->regions, g_array_unref);
  g_clear_pointer (&data->strings, g_string_chunk_free);
  g_clear_pointer (&data->region_layer, g_free);
  g_clear_pointer (&data->region_hidden, g_free);
  if (data->layers != NULL)
    {
      for (guint i = 0; i < data->layers->len; i++)
        g_free (g_array_index (data->layers, FasciaDiagramLayer, i).id);
      g_clear_pointer (&data->layers, g_array_unref);
    }
  g_clear_pointer (&data->labels, g_array_unref);
  g_clear_pointer (&data->label_family, g_free);
  g_clear_pointer (&data->region_index, g_hash_table_unref);
  if (data->masks != NULL)
    {
      /* Built-in masks are the resource's own bytes, kept for the program's life. */
      for (guint i = 0; i < data->n_masks && !data->built_masks; i++)
        g_free (data->masks[i].bits);
      g_clear_pointer (&data->masks, g_free);
    }
  g_clear_pointer (&data->grid_start, g_free);
  g_clear_pointer (&data->grid_entries, g_free);
  g_clear_pointer (&data->drawn, g_free);
  g_mutex_clear (&data->lock);
  g_clear_object (&data->mask_handle);
}

FasciaDiagramData *
fascia_diagram_data_ref (FasciaDiagramData *data)
{
  return g_atomic_rc_box_acquire (data);
}

void
fascia_diagram_data_unref (FasciaDiagramData *data)
{
  g_atomic_rc_box_release_full (data, data_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FasciaDiagramData, fascia_diagram_data_unref)

FasciaDiagramData *
fascia_diagram_data_new (GBytes     *svg,
                         const char *view_id)
{
  FasciaDiagramData *data = g_atomic_rc_box_new0 (FasciaDiagramData);

  data->svg = g_bytes_ref (svg);
  data->view_id = g_strdup (view_id);
  data->regions = g_array_new (FALSE, TRUE, sizeof (FasciaRegion));
  data->strings = g_string_chunk_new (4096);
  data->layers = g_array_new (FALSE, TRUE, sizeof (FasciaDiagramLayer));
  data->labels = g_array_new (FALSE, TRUE, sizeof (FasciaDiagramLabel));
  data->region_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&data->lock);

  return data;
}

/**
 * fascia_diagram_data_new_handle:
 * @css: (nullable): the stylesheet to apply, once
 *
 * Returns: (transfer full): a fresh handle on @data's SVG.
 */
RsvgHandle *
fascia_diagram_data_new_handle (FasciaDiagramData  *data,
                                const char         *css,
                                GError            **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (data->svg);
  g_autoptr(GError) local_error = NULL;
  RsvgHandle *handle;

  /* No base file: the drawing may not load anything from outside itself. */
  handle = rsvg_handle_new_from_stream_sync (stream, NULL, RSVG_HANDLE_FLAGS_NONE, NULL,
                                             &local_error);
  if (handle == NULL)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                   "librsvg cannot load the drawing: %s", local_error->message);
      return NULL;
    }

  rsvg_handle_set_dpi (handle, 96.0);

  if (css != NULL && css[0] != '\0' &&
      !rsvg_handle_set_stylesheet (handle, (const guint8 *) css, strlen (css), &local_error))
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_RENDER,
                   "librsvg rejects the diagram stylesheet: %s", local_error->message);
      g_object_unref (handle);
      return NULL;
    }

  return handle;
}

static gboolean
data_measure_size (FasciaDiagramData  *data,
                   GError            **error)
{
  gboolean has_width, has_height, has_viewbox;
  RsvgLength width, height;
  RsvgRectangle viewbox;
  double w = 0, h = 0;

  rsvg_handle_get_intrinsic_dimensions (data->mask_handle, &has_width, &width,
                                        &has_height, &height, &has_viewbox, &viewbox);
  if (has_viewbox)
    w = viewbox.width, h = viewbox.height;
  else if (!rsvg_handle_get_intrinsic_size_in_pixels (data->mask_handle, &w, &h))
    w = h = 0;

  if (!(w > 0 && h > 0))
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                           "The drawing has neither a viewBox nor a size");
      return FALSE;
    }

  if (w > FASCIA_DIAGRAM_MAX_SIZE || h > FASCIA_DIAGRAM_MAX_SIZE)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                   "The drawing is %g × %g units; at most %g × %g are allowed",
                   w, h, FASCIA_DIAGRAM_MAX_SIZE, FASCIA_DIAGRAM_MAX_SIZE);
      return FALSE;
    }

  data->width = w;
  data->height = h;
  return TRUE;
}

/* Masks */

typedef struct
{
  int x0, y0, x1, y1;  /* pixels, half-open */
} Box;

static Box
box_from_rect (const RsvgRectangle *rect,
               double               margin,
               const Box           *clip)
{
  double s = FASCIA_DIAGRAM_MASK_SCALE;
  Box box = {
    (int) floor ((rect->x - margin) * s), (int) floor ((rect->y - margin) * s),
    (int) ceil ((rect->x + rect->width + margin) * s),
    (int) ceil ((rect->y + rect->height + margin) * s),
  };

  box.x0 = CLAMP (box.x0, clip->x0, clip->x1);
  box.y0 = CLAMP (box.y0, clip->y0, clip->y1);
  box.x1 = CLAMP (box.x1, box.x0, clip->x1);
  box.y1 = CLAMP (box.y1, box.y0, clip->y1);
  return box;
}

static gboolean
box_equal (const Box *a,
           const Box *b)
{
  return a->x0 == b->x0 && a->y0 == b->y0 && a->x1 == b->x1 && a->y1 == b->y1;
}

static cairo_surface_t *
render_mask_box (FasciaDiagramData  *data,
                 const char         *css_id,
                 const Box          *box,
                 GError            **error)
{
  RsvgRectangle viewport = { 0, 0, data->width, data->height };
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (box->x1 - box->x0, 1),
                                        MAX (box->y1 - box->y0, 1));
  cr = cairo_create (surface);
  cairo_translate (cr, -box->x0, -box->y0);
  cairo_scale (cr, FASCIA_DIAGRAM_MASK_SCALE, FASCIA_DIAGRAM_MASK_SCALE);
  ok = rsvg_handle_render_layer (data->mask_handle, cr, css_id, &viewport, &local_error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (!ok)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_RENDER,
                   "librsvg cannot render region %s: %s", css_id + 1, local_error->message);
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}

/* Whether the mask reaches an edge of @box that is not an edge of @outer: then the region was
 * cut short and must be rendered again from @outer. */
static gboolean
mask_is_clipped (cairo_surface_t *surface,
                 const Box       *box,
                 const Box       *outer)
{
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = box->x1 - box->x0;
  int h = box->y1 - box->y0;

  for (int y = 0; y < h; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;
      gboolean edge_row = (y == 0 && box->y0 > outer->y0) || (y == h - 1 && box->y1 < outer->y1);

      if (edge_row)
        {
          for (int x = 0; x < w; x++)
            if (row[x] != 0)
              return TRUE;
        }
      if ((box->x0 > outer->x0 && w > 0 && row[0] != 0) ||
          (box->x1 < outer->x1 && w > 0 && row[w - 1] != 0))
        return TRUE;
    }

  return FALSE;
}

/* Turns an A8 rendering of @box into @mask: the tight box of its painted pixels, and one bit
 * per pixel covered at least half (or, for a hairline that never reaches half, at least half
 * its strongest pixel). */
static void
mask_from_surface (FasciaDiagramMask *mask,
                   cairo_surface_t   *surface,
                   const Box         *box)
{
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = box->x1 - box->x0;
  int h = box->y1 - box->y0;
  int min_x = G_MAXINT, min_y = G_MAXINT, max_x = -1, max_y = -1;
  guint8 strongest = 0;
  guint8 threshold;

  for (int y = 0; y < h; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = 0; x < w; x++)
        {
          if (row[x] == 0)
            continue;
          min_x = MIN (min_x, x), max_x = MAX (max_x, x);
          min_y = MIN (min_y, y), max_y = MAX (max_y, y);
          strongest = MAX (strongest, row[x]);
        }
    }

  memset (mask, 0, sizeof *mask);
  if (max_x < 0)
    return;

  threshold = MIN (128, strongest / 2 + 1);
  mask->x = box->x0 + min_x;
  mask->y = box->y0 + min_y;
  mask->width = max_x - min_x + 1;
  mask->height = max_y - min_y + 1;
  mask->stride = (mask->width + 7) / 8;
  mask->bits = g_malloc0 ((gsize) mask->stride * mask->height);

  for (int y = 0; y < mask->height; y++)
    {
      const guint8 *row = pixels + (gsize) (y + min_y) * stride + min_x;
      guint8 *bits = mask->bits + (gsize) y * mask->stride;

      for (int x = 0; x < mask->width; x++)
        if (row[x] >= threshold)
          bits[x >> 3] |= 1 << (x & 7);
    }
}

static inline gboolean
mask_contains (const FasciaDiagramMask *mask,
               int                      px,
               int                      py)
{
  px -= mask->x;
  py -= mask->y;

  if (px < 0 || py < 0 || px >= mask->width || py >= mask->height)
    return FALSE;

  return (mask->bits[(gsize) py * mask->stride + (px >> 3)] >> (px & 7)) & 1;
}

static void
region_bounds_from_mask (FasciaRegion            *region,
                         const FasciaDiagramMask *mask)
{
  region->x = mask->x / FASCIA_DIAGRAM_MASK_SCALE;
  region->y = mask->y / FASCIA_DIAGRAM_MASK_SCALE;
  region->width = mask->width / FASCIA_DIAGRAM_MASK_SCALE;
  region->height = mask->height / FASCIA_DIAGRAM_MASK_SCALE;
}

static gboolean
data_build_masks (FasciaDiagramData  *data,
                  GError            **error)
{
  RsvgRectangle viewport = { 0, 0, data->width, data->height };
  Box canvas = {
    0, 0, (int) ceil (data->width * FASCIA_DIAGRAM_MASK_SCALE),
    (int) ceil (data->height * FASCIA_DIAGRAM_MASK_SCALE)
  };

  data->n_masks = data->regions->len;
  data->masks = g_new0 (FasciaDiagramMask, data->n_masks);

  for (guint i = 0; i < data->regions->len; i++)
    {
      FasciaRegion *region = &g_array_index (data->regions, FasciaRegion, i);
      FasciaDiagramMask *mask = &data->masks[i];
      g_autofree char *css_id = g_strconcat ("#", region->id, NULL);
      g_autoptr(GError) local_error = NULL;
      RsvgRectangle ink, logical;
      cairo_surface_t *surface;
      Box outer, box;

      if (!rsvg_handle_get_geometry_for_layer (data->mask_handle, css_id, &viewport, &ink,
                                               &logical, &local_error))
        {
          g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_RENDER,
                       "librsvg cannot measure region %s: %s", region->id, local_error->message);
          return FALSE;
        }

      /* The ink box holds the region (and, for a group, its user-space origin too); the fill
       * box plus a margin usually holds it far more tightly. */
      outer = box_from_rect (&ink, 1, &canvas);
      box = outer;
      if (logical.width > 0 || logical.height > 0)
        {
          Box tight = box_from_rect (&logical, MASK_MARGIN, &outer);

          if (tight.x1 > tight.x0 && tight.y1 > tight.y0)
            box = tight;
        }

      if (box.x1 <= box.x0 || box.y1 <= box.y0)
        continue;

      surface = render_mask_box (data, css_id, &box, error);
      if (surface == NULL)
        return FALSE;

      if (!box_equal (&box, &outer) && mask_is_clipped (surface, &box, &outer))
        {
          cairo_surface_destroy (surface);
          box = outer;
          surface = render_mask_box (data, css_id, &box, error);
          if (surface == NULL)
            return FALSE;
        }

      mask_from_surface (mask, surface, &box);
      cairo_surface_destroy (surface);
      region_bounds_from_mask (region, mask);
    }

  return TRUE;
}

/* The grid: for each cell, the regions whose masks reach it, top-most first. */
static void
data_build_grid (FasciaDiagramData *data)
{
  g_autofree guint *counts = NULL;
  int n_cells;

  data->grid_cols = (int) ceil (data->width / GRID_CELL);
  data->grid_rows = (int) ceil (data->height / GRID_CELL);
  n_cells = data->grid_cols * data->grid_rows;
  counts = g_new0 (guint, n_cells);
  data->grid_start = g_new0 (guint, n_cells + 1);

  for (int pass = 0; pass < 2; pass++)
    {
      for (int i = (int) data->regions->len - 1; i >= 0; i--)
        {
          const FasciaDiagramMask *mask = &data->masks[i];
          double cell = GRID_CELL * FASCIA_DIAGRAM_MASK_SCALE;
          int c0, c1, r0, r1;

          if (mask->bits == NULL)
            continue;

          c0 = (int) (mask->x / cell);
          c1 = MIN ((int) ((mask->x + mask->width - 1) / cell), data->grid_cols - 1);
          r0 = (int) (mask->y / cell);
          r1 = MIN ((int) ((mask->y + mask->height - 1) / cell), data->grid_rows - 1);

          for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
              {
                int k = r * data->grid_cols + c;

                if (pass == 0)
                  counts[k]++;
                else
                  data->grid_entries[data->grid_start[k] + counts[k]++] = i;
              }
        }

      if (pass == 0)
        {
          for (int k = 0; k < n_cells; k++)
            data->grid_start[k + 1] = data->grid_start[k] + counts[k];
          data->grid_entries = g_new (guint, MAX (data->grid_start[n_cells], 1));
          memset (counts, 0, sizeof (guint) * n_cells);
        }
    }
}

/* Masks made at build time
 *
 * Rendering every region's mask is most of what loading a view costs (one librsvg render of
 * the region, stroked, per region: ~90 % of the front view's load, tens of milliseconds, on
 * the UI thread for the view shown first). The built-in drawings cannot change while the
 * program runs, so fascia-diagram-masks-gen renders their masks at build time, with this very
 * code, into the resource BUILT_MASKS_PATH; a view loaded from the GResource takes its masks
 * and size from there when the drawing's checksum, the mask format and the librsvg and cairo
 * it was rendered with are the ones in use, and renders them as before otherwise (or when the
 * program links no such resource: the tests of this library, the generator itself).
 */

#define BUILT_MASKS_PATH     RESOURCE_BASE "/diagram-masks"
#define BUILT_MASKS_MAGIC    0x4641534bu  /* "FASK", read in the byte order it was written in */
#define BUILT_MASKS_FORMAT   2u  /* 2: pointer-events honoured */
/* The magic, then each view: its id, the SHA-256 of its drawing, the format, librsvg's and
 * cairo's versions, the drawing's size, and each region's mask (x, y, width, height, bits). */
#define BUILT_MASKS_TYPE     "(ua(sayuuudda(iiiiay)))"
#define BUILT_VIEW_TYPE      "(sayuuudda(iiiiay))"

static guint
rsvg_version (void)
{
  return rsvg_major_version * 10000 + rsvg_minor_version * 100 + rsvg_micro_version;
}

static GVariant *
svg_checksum (GBytes *svg)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (checksum, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_checksum_get_digest (checksum, digest, &len);
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, digest, len, 1);
}

/**
 * fascia_diagram_masks_to_variant:
 *
 * Returns: (transfer floating): @self's view id, drawing checksum, size and masks, as
 *   BUILT_VIEW_TYPE, for fascia-diagram-masks-gen
 */
GVariant *
fascia_diagram_masks_to_variant (FasciaDiagram *self)
{
  FasciaDiagramData *data;
  GVariantBuilder masks;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);

  data = self->data;
  g_variant_builder_init (&masks, G_VARIANT_TYPE ("a(iiiiay)"));
  for (guint i = 0; i < data->n_masks; i++)
    {
      const FasciaDiagramMask *mask = &data->masks[i];

      g_variant_builder_add (&masks, "(iiii@ay)", mask->x, mask->y, mask->width, mask->height,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                        mask->bits != NULL ? mask->bits : (guint8 *) "",
                                                        mask->bits != NULL
                                                        ? (gsize) mask->stride * mask->height : 0,
                                                        1));
    }

  return g_variant_new ("(s@ayuuudda(iiiiay))", data->view_id != NULL ? data->view_id : "",
                        svg_checksum (data->svg), BUILT_MASKS_FORMAT, rsvg_version (),
                        (guint) cairo_version (), data->width, data->height, &masks);
}

/**
 * fascia_diagram_masks_wrap:
 * @views: (transfer floating): an array of fascia_diagram_masks_to_variant()'s
 *
 * Returns: (transfer floating): the resource fascia-diagram-masks-gen writes
 */
GVariant *
fascia_diagram_masks_wrap (GVariant *views)
{
  return g_variant_new ("(u@a" BUILT_VIEW_TYPE ")", BUILT_MASKS_MAGIC, views);
}

/* The built-in masks of @data's view, if the program holds them and they are its drawing's,
 * made by this format, librsvg and cairo: its size, masks and regions' bounds set from them. */
static gboolean
data_take_built_masks (FasciaDiagramData *data)
{
  static GVariant *built;  /* the resource, or an empty array: it cannot change */
  g_autoptr(GVariant) views = NULL;
  g_autoptr(GVariant) view = NULL;
  g_autoptr(GVariant) checksum = NULL;
  g_autoptr(GVariant) ours = NULL;
  g_autoptr(GVariant) masks = NULL;
  gsize n_views;

  if (data->view_id == NULL)
    return FALSE;

  if (g_once_init_enter (&built))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (BUILT_MASKS_PATH,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      GVariant *value = NULL;
      guint32 magic = 0;

      if (bytes != NULL)
        {
          value = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BUILT_MASKS_TYPE),
                                                                bytes, FALSE));
          g_variant_get_child (value, 0, "u", &magic);
          if (magic != BUILT_MASKS_MAGIC)
            {
              GVariant *swapped = g_variant_byteswap (value);

              g_variant_unref (value);
              value = swapped;
            }
        }
      g_once_init_leave (&built, value != NULL ? value
                                 : g_variant_ref_sink (g_variant_new_parsed ("@" BUILT_MASKS_TYPE " (uint32 0, [])")));
    }

  views = g_variant_get_child_value (built, 1);
  n_views = g_variant_n_children (views);
  for (gsize i = 0; i < n_views && view == NULL; i++)
    {
      g_autoptr(GVariant) candidate = g_variant_get_child_value (views, i);
      g_autoptr(GVariant) id = g_variant_get_child_value (candidate, 0);

      if (g_strcmp0 (g_variant_get_string (id, NULL), data->view_id) == 0)
        view = g_steal_pointer (&candidate);
    }
  if (view == NULL)
    return FALSE;

  {
    guint format, rsvg, cairo;
    double width, height;

    g_variant_get (view, "(s@ayuuudd@a(iiiiay))", NULL, &checksum, &format, &rsvg, &cairo,
                   &width, &height, &masks);
    ours = g_variant_ref_sink (svg_checksum (data->svg));
    if (format != BUILT_MASKS_FORMAT || rsvg != rsvg_version ()
        || cairo != (guint) cairo_version () || !g_variant_equal (checksum, ours)
        || g_variant_n_children (masks) != data->regions->len
        || !(width > 0 && height > 0 && width <= FASCIA_DIAGRAM_MAX_SIZE
             && height <= FASCIA_DIAGRAM_MAX_SIZE))
      return FALSE;
    data->width = width;
    data->height = height;
  }

  data->n_masks = data->regions->len;
  data->masks = g_new0 (FasciaDiagramMask, data->n_masks);
  for (guint i = 0; i < data->n_masks; i++)
    {
      g_autoptr(GVariant) bits = NULL;
      FasciaDiagramMask *mask = &data->masks[i];
      const guint8 *pixels;
      gsize len;

      g_variant_get_child (masks, i, "(iiii@ay)", &mask->x, &mask->y, &mask->width,
                           &mask->height, &bits);
      pixels = g_variant_get_fixed_array (bits, &len, 1);
      if (len == 0)
        memset (mask, 0, sizeof *mask);
      else
        {
          mask->stride = (mask->width + 7) / 8;
          g_assert (mask->width > 0 && mask->height > 0
                    && len == (gsize) mask->stride * mask->height);
          /* Not copied: the resource's pages, read-only, shared and mapped as touched. */
          mask->bits = (guint8 *) pixels;
        }
      region_bounds_from_mask (&g_array_index (data->regions, FasciaRegion, i), mask);
    }

  data->built_masks = TRUE;
  return TRUE;
}

/**
 * fascia_diagram_has_built_masks:
 *
 * Returns: whether @self's masks came from the build (for tests)
 */
gboolean
fascia_diagram_has_built_masks (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);

  return self->data->built_masks;
}

/* The object */

static void
fascia_diagram_finalize (GObject *object)
{
  FasciaDiagram *self = (FasciaDiagram *) object;

  g_clear_pointer (&self->data, fascia_diagram_data_unref);
  g_clear_object (&self->handle);
  g_clear_pointer (&self->handle_css, g_free);
  g_clear_pointer (&self->label_shown, g_free);
  g_clear_pointer (&self->label_dx, g_free);
  g_clear_pointer (&self->label_dy, g_free);
  g_clear_pointer (&self->styles, g_free);
  g_clear_pointer (&self->layer_visible, g_free);
  g_clear_pointer (&self->region_visible, g_free);

  G_OBJECT_CLASS (fascia_diagram_parent_class)->finalize (object);
}

static void
fascia_diagram_class_init (FasciaDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_diagram_finalize;
}

static void
fascia_diagram_init (FasciaDiagram *self)
{
}

static gboolean
layers_visible (FasciaDiagram *self,
                int            layer)
{
  for (int l = layer; l >= 0; l = g_array_index (self->data->layers, FasciaDiagramLayer, l).parent)
    if (!self->layer_visible[l])
      return FALSE;

  return TRUE;
}

static void
update_visibility (FasciaDiagram *self)
{
  FasciaDiagramData *data = self->data;
  gboolean moved = FALSE;

  for (guint i = 0; i < data->regions->len; i++)
    {
      const FasciaRegion *region = &g_array_index (data->regions, FasciaRegion, i);
      gboolean in_layers = layers_visible (self, data->region_layer[i]);
      gboolean visible;

      /* A zone shows when it is shown, or when its layer is made visible. */
      if (region->kind == FASCIA_REGION_REFERRAL_ZONE)
        visible = (self->styles[i] & FASCIA_REGION_STYLE_SHOWN) ||
                  (in_layers && data->region_layer[i] >= 0);
      else
        visible = in_layers && !data->region_hidden[i];

      moved |= !self->region_visible[i] != !visible;
      self->region_visible[i] = visible;
    }

  if (moved)
    self->visibility_serial++;
}

static void
changed (FasciaDiagram *self)
{
  self->serial++;
  update_visibility (self);
}

static FasciaDiagram *
diagram_new (FasciaDiagramData *data)
{
  FasciaDiagram *self = g_object_new (FASCIA_TYPE_DIAGRAM, NULL);

  self->data = fascia_diagram_data_ref (data);
  self->styles = g_new0 (guint8, MAX (data->regions->len, 1));
  self->layer_visible = g_new0 (gboolean, MAX (data->layers->len, 1));
  self->region_visible = g_new0 (gboolean, MAX (data->regions->len, 1));
  for (guint i = 0; i < data->layers->len; i++)
    self->layer_visible[i] = g_array_index (data->layers, FasciaDiagramLayer, i).initial_visible;
  update_visibility (self);

  return self;
}

typedef struct
{
  double x, y, width, height;
} LabelBox;

/* The box of @label's text at @size (view units), laid out by pango as librsvg does. */
static void
measure_label (FasciaDiagramData        *data,
               PangoContext             *context,
               const FasciaDiagramLabel *label,
               double                    size,
               LabelBox                 *box)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();
  g_autofree char *family = g_strdup (data->label_family != NULL ? data->label_family
                                                                  : "sans-serif");
  g_auto(GStrv) lines = NULL;
  PangoRectangle logical;
  double baseline, width = 0;
  guint n_lines;

  /* CSS's 'Cantarell, "DejaVu Sans", sans-serif' is pango's "Cantarell, DejaVu Sans, sans-serif". */
  g_strdelimit (family, "\"'", ' ');
  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  lines = g_strsplit (label->text != NULL ? label->text : "", "\n", 0);
  n_lines = MAX (g_strv_length (lines), 1);
  for (guint k = 0; k < n_lines; k++)
    {
      /* Each line on its own, as librsvg draws each tspan: the widest is the label's width. */
      pango_layout_set_text (layout, lines[k] != NULL ? lines[k] : "", -1);
      pango_layout_get_extents (layout, NULL, &logical);
      width = MAX (width, logical.width / (double) PANGO_SCALE);
    }
  baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;

  box->width = width;
  box->height = logical.height / (double) PANGO_SCALE
                + (n_lines - 1) * FASCIA_DIAGRAM_LABEL_LINE * size;
  box->x = label->end ? label->x - box->width : label->x;
  box->y = label->y - baseline;
}

/* Whether two labels of @size would lie too near to read apart: above one another closer than
 * 0.15 of their size, or side by side on a line closer than 0.75 (three spaces), where
 * "Tendinous intersection" beside "Transversus abdominis" read as one name. */
static gboolean
labels_too_near (const LabelBox *a,
                 const LabelBox *b,
                 double          size)
{
  return a->x < b->x + b->width + 0.75 * size && b->x < a->x + a->width + 0.75 * size
         && a->y < b->y + b->height + 0.15 * size && b->y < a->y + a->height + 0.15 * size;
}

/* How far a label may move up or down, in lines of its text, to free room beside where the
 * drawing puts it. */
#define LABEL_MOVE_LINES 1.5

/* How steep the leader line of a label moved may run to its point: at most this much up or
 * down per unit across, or as steep as the drawing draws it. */
#define LEADER_MAX_SLOPE 1.0

/* How far a label may move sideways, out from the drawing, to free room beside it, in label
 * heights (its font size). */
#define LABEL_MOVE_OUT_SIZES 8

/* How near (view units) an enlarged label may come to the drawing: a tip of bone or a corner of
 * a rib that reaches into a label's first letter reads as part of it. */
#define LABEL_DRAWING_CLEARANCE 8.0

/* The drawing's own pixels, for keeping enlarged labels off it, at this many per view unit. */
#define DRAWN_SCALE 0.5

/* The points of @label's leader line with its text moved by @dx, @dy: as drawn where it is not
 * moved; moved, drawn anew, as thick as drawn: its first stretch, beside the text, moved with
 * it, then straight on to the point labelled, which stays. FALSE where it cannot be: no leader
 * line of straight lines stroked plainly (leader_width), an upright one, a text moved in
 * towards its point or past it, or a line that would run steeper than LEADER_MAX_SLOPE and
 * than the drawing's own. */
static gboolean
leader_points (const FasciaDiagramLabel *label,
               double                    dx,
               double                    dy,
               double                    points[][2],
               guint                    *n_points)
{
  const double *end;
  double x0, x1, run, rise, drawn_run, drawn_rise;
  int toward;
  guint n;

  *n_points = 0;
  if (label->n_leader < 2)
    return FALSE;
  if (dx == 0 && dy == 0)
    {
      memcpy (points, label->leader, label->n_leader * sizeof label->leader[0]);
      *n_points = label->n_leader;
      return TRUE;
    }
  if (label->transformed || label->leader_width <= 0)
    return FALSE;
  end = label->leader[label->n_leader - 1];
  x0 = label->leader[0][0];
  x1 = end[0];
  if (fabs (x1 - x0) < 1)
    return FALSE;
  toward = x1 > x0 ? 1 : -1;
  if (dx * toward > 0)
    return FALSE;

  n = label->n_leader >= 3 ? 2 : 1;
  for (guint k = 0; k < n; k++)
    {
      points[k][0] = label->leader[k][0] + dx;
      points[k][1] = label->leader[k][1] + dy;
    }
  points[n][0] = end[0];
  points[n][1] = end[1];
  run = (end[0] - points[n - 1][0]) * toward;
  rise = fabs (end[1] - points[n - 1][1]);
  drawn_run = fabs (end[0] - label->leader[n - 1][0]);
  drawn_rise = fabs (end[1] - label->leader[n - 1][1]);
  if (run <= 0 || (rise > LEADER_MAX_SLOPE * run && rise * drawn_run > drawn_rise * run))
    return FALSE;
  *n_points = n + 1;
  return TRUE;
}

/* Which way label @label moves out from the drawing: away from the point it labels (-1 left,
 * 1 right), or 0 where it has no leader line to follow it. */
static int
label_outward (const FasciaDiagramLabel *label)
{
  if (label->n_leader < 2 || label->transformed)
    return 0;
  return label->leader[0][0] < label->leader[label->n_leader - 1][0] ? -1 : 1;
}

/* Whether the segment from @p to @q passes through @box grown by @margin (Liang–Barsky). */
static gboolean
segment_hits_box (const double   *p,
                  const double   *q,
                  const LabelBox *box,
                  double          margin)
{
  double dx = q[0] - p[0], dy = q[1] - p[1];
  double pq[4] = { -dx, dx, -dy, dy };
  double qq[4] = { p[0] - (box->x - margin), box->x + box->width + margin - p[0],
                   p[1] - (box->y - margin), box->y + box->height + margin - p[1] };
  double t0 = 0, t1 = 1;

  for (int k = 0; k < 4; k++)
    {
      if (pq[k] == 0)
        {
          if (qq[k] < 0)
            return FALSE;
          continue;
        }
      if (pq[k] < 0)
        t0 = MAX (t0, qq[k] / pq[k]);
      else
        t1 = MIN (t1, qq[k] / pq[k]);
    }

  return t0 <= t1;
}

/* Whether @label's leader line, moved by @dx, @dy (leader_points()), passes through @box. */
static gboolean
leader_hits_box (const FasciaDiagramLabel *label,
                 double                    dx,
                 double                    dy,
                 const LabelBox           *box,
                 double                    margin)
{
  double points[FASCIA_DIAGRAM_LEADER_POINTS][2];
  guint n;

  if (!leader_points (label, dx, dy, points, &n))
    return FALSE;
  for (guint k = 0; k + 1 < n; k++)
    if (segment_hits_box (points[k], points[k + 1], box, margin))
      return TRUE;

  return FALSE;
}

static double
orient (const double *a,
        const double *b,
        const double *c)
{
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/* Whether two leader lines (leader_points()) cross (a reader would follow one to the other's
 * point); meeting at an end is not crossing. */
static gboolean
leaders_cross (const double points[][2],
               guint        n,
               const double other[][2],
               guint        n_other)
{
  for (guint k = 0; k + 1 < n; k++)
    for (guint m = 0; m + 1 < n_other; m++)
      {
        const double *p = points[k], *q = points[k + 1], *r = other[m], *t = other[m + 1];

        if (orient (r, t, p) * orient (r, t, q) < 0 && orient (p, q, r) * orient (p, q, t) < 0)
          return TRUE;
      }

  return FALSE;
}

static gboolean
box_inside (const LabelBox *box,
            double          x,
            double          y,
            double          width,
            double          height)
{
  return width > 0 && height > 0 && box->x >= x && box->y >= y
         && box->x + box->width <= x + width && box->y + box->height <= y + height;
}

/* The drawing's pixels as the drawing first shows them (its layers as drawn, no styles, no
 * labels), clipped to its box, at DRAWN_SCALE: a summed-area table of those painted, (w + 1) ×
 * (h + 1), so that whether a box holds any is four look-ups. Made once for a drawing and its
 * copies, when labels are first enlarged; NULL where librsvg cannot draw it. */
static const guint32 *
data_ensure_drawn (FasciaDiagramData *data,
                   int               *w,
                   int               *h)
{
  g_mutex_lock (&data->lock);
  if (!data->drawn_done)
    {
      g_autoptr(FasciaDiagram) plain = diagram_new (data);
      g_autofree char *css = fascia_diagram_build_css (data, plain->styles, 0,
                                                       plain->layer_visible,
                                                       plain->region_visible, FALSE);
      g_autofree char *sheet = g_strconcat (css, "#labels { display: none !important; }\n", NULL);
      RsvgHandle *handle = fascia_diagram_data_new_handle (data, sheet, NULL);
      int full_width = ceil (data->width), full_height = ceil (data->height);
      int width = ceil (full_width * DRAWN_SCALE), height = ceil (full_height * DRAWN_SCALE);

      data->drawn_done = TRUE;
      if (handle != NULL && width > 0 && height > 0)
        {
          RsvgRectangle viewport = { 0, 0, data->width, data->height };
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, full_width,
                                                                 full_height);
          cairo_t *cr = cairo_create (surface);
          gboolean ok;

          ok = rsvg_handle_render_document (handle, cr, &viewport, NULL);
          cairo_destroy (cr);
          cairo_surface_flush (surface);
          if (ok)
            {
              const guchar *pixels = cairo_image_surface_get_data (surface);
              int stride = cairo_image_surface_get_stride (surface);
              guint32 *sum = g_new0 (guint32, (gsize) (width + 1) * (height + 1));

              /* Drawn at a view unit a pixel, a pixel painted more than a quarter (as the tests
               * look at it); a pixel of the table is painted where any of those it covers is. */
              for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                  {
                    gboolean painted = FALSE;

                    for (int fy = y / DRAWN_SCALE; fy < MIN (full_height, (y + 1) / DRAWN_SCALE) && !painted; fy++)
                      for (int fx = x / DRAWN_SCALE; fx < MIN (full_width, (x + 1) / DRAWN_SCALE) && !painted; fx++)
                        painted = pixels[(gsize) fy * stride + fx] > 0x40;
                    sum[(gsize) (y + 1) * (width + 1) + x + 1] =
                      painted + sum[(gsize) y * (width + 1) + x + 1]
                      + sum[(gsize) (y + 1) * (width + 1) + x] - sum[(gsize) y * (width + 1) + x];
                  }
              data->drawn = sum;
              data->drawn_width = width;
              data->drawn_height = height;
            }
          cairo_surface_destroy (surface);
        }
      g_clear_object (&handle);
    }
  g_mutex_unlock (&data->lock);

  *w = data->drawn_width;
  *h = data->drawn_height;
  return data->drawn;
}

/* Whether any pixel of the drawing (data_ensure_drawn()) lies within @margin of @box. */
static gboolean
box_on_drawing (FasciaDiagramData *data,
                const LabelBox    *box,
                double             margin)
{
  int w, h, x0, y0, x1, y1;
  const guint32 *sum = data_ensure_drawn (data, &w, &h);

  if (sum == NULL)
    return FALSE;
  x0 = CLAMP ((int) floor ((box->x - margin) * DRAWN_SCALE), 0, w);
  y0 = CLAMP ((int) floor ((box->y - margin) * DRAWN_SCALE), 0, h);
  x1 = CLAMP ((int) ceil ((box->x + box->width + margin) * DRAWN_SCALE), 0, w);
  y1 = CLAMP ((int) ceil ((box->y + box->height + margin) * DRAWN_SCALE), 0, h);
  if (x1 <= x0 || y1 <= y0)
    return FALSE;

  return sum[(gsize) y1 * (w + 1) + x1] - sum[(gsize) y0 * (w + 1) + x1]
         - sum[(gsize) y1 * (w + 1) + x0] + sum[(gsize) y0 * (w + 1) + x0] > 0;
}

/* Whether label @i, moved by @dx, @dy, fits among those shown so far: wholly inside the drawing's
 * box or wholly inside the room set with fascia_diagram_set_label_room(), off the drawing itself
 * (LABEL_DRAWING_CLEARANCE from any of its pixels), clear of every label shown, and, moved, with
 * its leader line clear of them and crossing none of theirs; nor may it lie on a leader line
 * another label's move has drawn anew (the drawing keeps its own lines clear of labels). */
static gboolean
label_fits (FasciaDiagram  *self,
            const LabelBox *boxes,
            guint           i,
            double          dx,
            double          dy,
            double          size)
{
  FasciaDiagramData *data = self->data;
  const FasciaDiagramLabel *label = &g_array_index (data->labels, FasciaDiagramLabel, i);
  gboolean moved = dx != 0 || dy != 0;
  LabelBox box = boxes[i];
  double points[FASCIA_DIAGRAM_LEADER_POINTS][2];
  guint n_points;

  box.x += dx;
  box.y += dy;
  if (!leader_points (label, dx, dy, points, &n_points) && moved)
    return FALSE;
  if (!box_inside (&box, 0, 0, data->width, data->height)
      && !box_inside (&box, self->label_room[0], self->label_room[1], self->label_room[2],
                      self->label_room[3]))
    return FALSE;
  if (box_on_drawing (data, &box, LABEL_DRAWING_CLEARANCE))
    return FALSE;
  for (guint j = 0; j < data->labels->len; j++)
    {
      const FasciaDiagramLabel *other = &g_array_index (data->labels, FasciaDiagramLabel, j);
      double other_points[FASCIA_DIAGRAM_LEADER_POINTS][2];
      guint n_other;
      gboolean other_moved;
      LabelBox shown;

      if (j == i || !self->label_shown[j])
        continue;
      shown = boxes[j];
      shown.x += self->label_dx[j];
      shown.y += self->label_dy[j];
      other_moved = self->label_dx[j] != 0 || self->label_dy[j] != 0;
      if (labels_too_near (&box, &shown, size))
        return FALSE;
      if (moved && leader_hits_box (label, dx, dy, &shown, size * 0.1))
        return FALSE;
      if (other_moved && leader_hits_box (other, self->label_dx[j], self->label_dy[j], &box, size * 0.1))
        return FALSE;
      if ((moved || other_moved) && n_points >= 2
          && leader_points (other, self->label_dx[j], self->label_dy[j], other_points, &n_other)
          && leaders_cross (points, n_points, other_points, n_other))
        return FALSE;
    }

  return TRUE;
}

/* The @c-th place label @i may go, as a move from where the drawing puts it, in the order the
 * places are tried: 0 where the drawing puts it; then up or down by the least, a quarter of its
 * height at a time, up first, to LABEL_MOVE_LINES lines; then each step out from the drawing
 * (half its height) with the same moves up or down there. FALSE past the last. */
static gboolean
label_place (FasciaDiagram *self,
             guint          i,
             double         size,
             guint          c,
             double        *dx,
             double        *dy)
{
  int outward = label_outward (&g_array_index (self->data->labels, FasciaDiagramLabel, i));
  double step = size * 0.25;
  guint moves = (guint) floor (LABEL_MOVE_LINES * FASCIA_DIAGRAM_LABEL_LINE * size / step + 1e-9);
  guint per_step_out = 1 + 2 * moves, k = c / per_step_out, r = c % per_step_out;

  if (k > (outward != 0 ? 2 * LABEL_MOVE_OUT_SIZES : 0))
    return FALSE;
  *dx = outward * (int) k * size * 0.5;
  /* r: 0 level, then up and down by one step, by two... */
  *dy = (r % 2 == 1 || r == 0 ? -1 : 1) * (double) ((r + 1) / 2) * step;
  return TRUE;
}

/* Shows label @i at the first place it fits (label_fits()) of those it may go (label_place()),
 * from the @first. */
static gboolean
place_from (FasciaDiagram  *self,
            const LabelBox *boxes,
            guint           i,
            double          size,
            guint           first)
{
  double dx, dy;

  for (guint c = first; label_place (self, i, size, c, &dx, &dy); c++)
    if (label_fits (self, boxes, i, dx, dy, size))
      {
        self->label_shown[i] = TRUE;
        self->label_dx[i] = dx;
        self->label_dy[i] = dy;
        return TRUE;
      }

  return FALSE;
}

/* How many labels may be moved to make room for a muscle's (make_room()). */
#define MAKE_ROOM_MOVES 3

/* Shows muscle label @i, which fits nowhere it may go (label_place()), by moving the labels shown
 * in its way, each to the nearest place it may go (place_from()) with @i placed: where a column
 * beside the drawing is too full for three names that follow each other ("Transversus
 * abdominis", "Rectus abdominis", "Internal oblique"), the one in the middle is not the one left
 * out. @i's places are tried in the order label_place() gives them, where the drawing puts it
 * first, and the first that MAKE_ROOM_MOVES labels moved or fewer make room for is taken; else
 * nothing changes. Only muscle labels are shown when this is asked, so only those are moved. */
static gboolean
make_room (FasciaDiagram  *self,
           const LabelBox *boxes,
           guint           i,
           double          size)
{
  FasciaDiagramData *data = self->data;
  guint n = data->labels->len;
  g_autofree double *saved_dx = g_memdup2 (self->label_dx, n * sizeof (double));
  g_autofree double *saved_dy = g_memdup2 (self->label_dy, n * sizeof (double));
  g_autofree gboolean *saved_shown = g_memdup2 (self->label_shown, n * sizeof (gboolean));
  double dx, dy;

  for (guint c = 0; label_place (self, i, size, c, &dx, &dy); c++)
    {
      LabelBox place = boxes[i];
      guint in_way[MAKE_ROOM_MOVES], n_in_way = 0;
      gboolean placed = TRUE;

      place.x += dx;
      place.y += dy;
      for (guint j = 0; j < n && n_in_way <= MAKE_ROOM_MOVES; j++)
        {
          LabelBox shown = boxes[j];

          shown.x += self->label_dx[j];
          shown.y += self->label_dy[j];
          if (j != i && self->label_shown[j] && labels_too_near (&place, &shown, size))
            {
              if (n_in_way < MAKE_ROOM_MOVES)
                in_way[n_in_way] = j;
              n_in_way++;
            }
        }
      if (n_in_way == 0 || n_in_way > MAKE_ROOM_MOVES)
        continue;

      /* @i there with those in its way gone, then each of them placed anew. */
      for (guint m = 0; m < n_in_way; m++)
        self->label_shown[in_way[m]] = FALSE;
      if (label_fits (self, boxes, i, dx, dy, size))
        {
          self->label_shown[i] = TRUE;
          self->label_dx[i] = dx;
          self->label_dy[i] = dy;
          for (guint m = 0; m < n_in_way && placed; m++)
            placed = place_from (self, boxes, in_way[m], size, 0);
          if (placed)
            return TRUE;
        }
      memcpy (self->label_dx, saved_dx, n * sizeof (double));
      memcpy (self->label_dy, saved_dy, n * sizeof (double));
      memcpy (self->label_shown, saved_shown, n * sizeof (gboolean));
    }

  return FALSE;
}

/* Which labels are shown at the size in effect, and where: at the drawing's own size all, as
 * drawn; enlarged (a small window, presentation mode), the labels that name a muscle first
 * (fascia_diagram_get_label_muscle()), then the others, each in the drawing's order, each where
 * the drawing puts it if it fits there (label_fits(): off the drawing, clear of the others),
 * else moved up or down by the least that makes it fit, else moved out from the drawing, into
 * the margin beside it, by the least that makes it fit there (up or down too, if it must), its
 * leader line drawn anew to the same point; else, for a muscle's name, where the drawing puts
 * it or up or down from there, the muscles' labels in its way moved to make room (make_room());
 * else left out (its region still names it, in its tooltip and to a screen reader). Every label
 * that fits where the drawing puts it stays there, but for making room for a muscle's name: a
 * label is moved only into room no label in its place needs. The drawing lays its labels out
 * so that, up to the size a small window asks for, all fit where they are; blown up further
 * they would not, and a muscle's name matters more than a landmark's. */
static const gboolean *
ensure_label_layout (FasciaDiagram *self)
{
  FasciaDiagramData *data = self->data;
  guint n = data->labels->len;
  g_autoptr(GObject) context = NULL;
  g_autofree LabelBox *boxes = NULL;
  g_autofree gboolean *of_muscle = NULL;
  double size = fascia_diagram_get_label_size (self);

  if (self->label_shown != NULL && self->shown_size == size
      && memcmp (self->shown_room, self->label_room, sizeof self->label_room) == 0)
    return self->label_shown;

  g_free (self->label_shown);
  g_free (self->label_dx);
  g_free (self->label_dy);
  self->label_shown = g_new0 (gboolean, MAX (n, 1));
  self->label_dx = g_new0 (double, MAX (n, 1));
  self->label_dy = g_new0 (double, MAX (n, 1));
  self->shown_size = size;
  memcpy (self->shown_room, self->label_room, sizeof self->label_room);
  if (self->label_size <= 0)
    {
      for (guint i = 0; i < n; i++)
        self->label_shown[i] = TRUE;  /* as drawn */
      return self->label_shown;
    }

  boxes = g_new0 (LabelBox, MAX (n, 1));
  of_muscle = g_new0 (gboolean, MAX (n, 1));
  context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  for (guint i = 0; i < n; i++)
    {
      const FasciaDiagramLabel *label = &g_array_index (data->labels, FasciaDiagramLabel, i);

      measure_label (data, PANGO_CONTEXT (context), label, size, &boxes[i]);
      of_muscle[i] = label->muscle != NULL;
    }

  /* Muscles where they are, muscles moved, then the same for the others. */
  for (int pass = 0; pass < 4; pass++)
    for (guint i = 0; i < n; i++)
      {
        if (of_muscle[i] != (pass < 2) || self->label_shown[i])
          continue;
        /* Where the drawing puts it in the first pass, moved in the second. */
        if (pass % 2 == 0)
          self->label_shown[i] = label_fits (self, boxes, i, 0, 0, size);
        else if (!place_from (self, boxes, i, size, 1) && of_muscle[i])
          make_room (self, boxes, i, size);
      }

  return self->label_shown;
}

/**
 * fascia_diagram_get_n_labels:
 *
 * Returns: how many labels the drawing's `labels` layer has.
 */
guint
fascia_diagram_get_n_labels (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);

  return self->data->labels->len;
}

/**
 * fascia_diagram_get_label_text:
 * @i: a label, below fascia_diagram_get_n_labels()
 *
 * Returns: label @i's text, its lines apart by newlines
 */
const char *
fascia_diagram_get_label_text (FasciaDiagram *self,
                               guint          i)
{
  const char *text;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (i < self->data->labels->len, NULL);

  text = g_array_index (self->data->labels, FasciaDiagramLabel, i).text;
  return text != NULL ? text : "";
}

/**
 * fascia_diagram_get_label_muscle:
 * @i: a label, below fascia_diagram_get_n_labels()
 *
 * Which muscle card label @i names, read from its text against the cards' names of the atlas
 * the drawing was loaded with: "Intercostal muscles", "Psoas major (behind)", "Levator ani:
 * pubococcygeus", "Right crus of the diaphragm", "Latissimus (cut)"; not a landmark's name
 * ("Tendinous arch of levator ani"). Enlarged, the labels that name a muscle are laid out
 * first (fascia_diagram_set_label_size()).
 *
 * Returns: (nullable): the muscle's id, or %NULL for a landmark's label, or for every label of
 *   a drawing loaded without an atlas
 */
const char *
fascia_diagram_get_label_muscle (FasciaDiagram *self,
                                 guint          i)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (i < self->data->labels->len, NULL);

  return g_array_index (self->data->labels, FasciaDiagramLabel, i).muscle;
}

/**
 * fascia_diagram_get_label_box:
 * @i: a label, below fascia_diagram_get_n_labels()
 * @x: (out) (optional): the left of its text, in view units
 * @y: (out) (optional): the top
 * @width: (out) (optional):
 * @height: (out) (optional):
 *
 * Where label @i's text lies at the label size in effect (fascia_diagram_set_label_size()).
 *
 * Returns: whether it is drawn at that size
 */
gboolean
fascia_diagram_get_label_box (FasciaDiagram *self,
                              guint          i,
                              double        *x,
                              double        *y,
                              double        *width,
                              double        *height)
{
  g_autoptr(GObject) context = NULL;
  const gboolean *shown;
  LabelBox box;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (i < self->data->labels->len, FALSE);

  shown = ensure_label_layout (self);
  context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  measure_label (self->data, PANGO_CONTEXT (context), &g_array_index (self->data->labels, FasciaDiagramLabel, i),
                 fascia_diagram_get_label_size (self), &box);
  if (shown[i])
    {
      box.x += self->label_dx[i];
      box.y += self->label_dy[i];
    }
  if (x != NULL)
    *x = box.x;
  if (y != NULL)
    *y = box.y;
  if (width != NULL)
    *width = box.width;
  if (height != NULL)
    *height = box.height;
  return shown[i];
}

/**
 * fascia_diagram_get_label_leader:
 * @i: a label, below fascia_diagram_get_n_labels()
 * @start_x: (out) (optional): where label @i's leader line starts, beside its text, in view units
 * @start_y: (out) (optional):
 * @end_x: (out) (optional): where it ends: the point labelled
 * @end_y: (out) (optional):
 * @dy: (out) (optional): how far the label is moved down from where the drawing puts it, at the
 *   label size in effect (negative: up); 0 where it is not moved
 *
 * Where label @i's leader line runs as drawn at the label size in effect: moved with its text
 * where the text is moved (see fascia_diagram_set_label_room()), always to the same point.
 *
 * Returns: whether label @i is shown and has a leader line of straight lines
 */
gboolean
fascia_diagram_get_label_leader (FasciaDiagram *self,
                                 guint          i,
                                 double        *start_x,
                                 double        *start_y,
                                 double        *end_x,
                                 double        *end_y,
                                 double        *dy)
{
  const FasciaDiagramLabel *label;
  const gboolean *shown;
  double points[FASCIA_DIAGRAM_LEADER_POINTS][2];
  guint n;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (i < self->data->labels->len, FALSE);

  shown = ensure_label_layout (self);
  label = &g_array_index (self->data->labels, FasciaDiagramLabel, i);
  if (dy != NULL)
    *dy = shown[i] ? self->label_dy[i] : 0;
  if (!shown[i] || !leader_points (label, self->label_dx[i], self->label_dy[i], points, &n))
    return FALSE;
  if (start_x != NULL)
    *start_x = points[0][0];
  if (start_y != NULL)
    *start_y = points[0][1];
  if (end_x != NULL)
    *end_x = points[n - 1][0];
  if (end_y != NULL)
    *end_y = points[n - 1][1];
  return TRUE;
}

/**
 * fascia_diagram_get_label_move:
 * @i: a label, below fascia_diagram_get_n_labels()
 * @dx: (out) (optional): how far label @i is moved right from where the drawing puts it, at
 *   the label size in effect (negative: left, out from a drawing on its right)
 * @dy: (out) (optional): how far it is moved down (negative: up)
 *
 * Enlarged, a label that does not fit where the drawing puts it moves up or down, or out from
 * the drawing into the margin beside it, its text and its leader line with it (the line still
 * ends at its point); see fascia_diagram_set_label_size().
 *
 * Returns: whether label @i is shown at the label size in effect
 */
gboolean
fascia_diagram_get_label_move (FasciaDiagram *self,
                               guint          i,
                               double        *dx,
                               double        *dy)
{
  const gboolean *shown;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (i < self->data->labels->len, FALSE);

  shown = ensure_label_layout (self);
  if (dx != NULL)
    *dx = shown[i] ? self->label_dx[i] : 0;
  if (dy != NULL)
    *dy = shown[i] ? self->label_dy[i] : 0;
  return shown[i];
}

static char *
build_css (FasciaDiagram *self)
{
  g_autofree char *css = NULL;

  css = fascia_diagram_build_css (self->data, self->styles, self->overlay_styles,
                                  self->layer_visible, self->region_visible, self->dim_unstyled);
  if (self->label_size > 0)
    {
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (size, sizeof size, "%.2f", self->label_size);
      char *sized = g_strconcat (css, "#labels text { font-size: ", size,
                                 "px !important; }\n", NULL);

      g_free (css);
      css = sized;
    }

  if (self->label_size > 0 && self->data->labels->len > 0)
    {
      const gboolean *shown = ensure_label_layout (self);
      GString *hide = g_string_new (css);

      for (guint i = 0; i < self->data->labels->len; i++)
        {
          const FasciaDiagramLabel *label = &g_array_index (self->data->labels,
                                                            FasciaDiagramLabel, i);

          if (shown[i] && (self->label_dx[i] != 0 || self->label_dy[i] != 0))
            {
              char dx[G_ASCII_DTOSTR_BUF_SIZE], dy[G_ASCII_DTOSTR_BUF_SIZE];

              /* Moved: the text; its leader line is drawn anew to the same point
               * (draw_moved_leaders()). */
              g_ascii_formatd (dx, sizeof dx, "%.3f", self->label_dx[i]);
              g_ascii_formatd (dy, sizeof dy, "%.3f", self->label_dy[i]);
              g_string_append_printf (hide, "#labels > :nth-child(%u) { transform: translate(%spx, %spx); }\n"
                                      "#labels > :nth-child(%u) { display: none !important; }\n",
                                      label->child, dx, dy, label->child + 1);
            }
          if (shown[i])
            continue;
          for (guint c = 0; c < label->n_children; c++)
            g_string_append_printf (hide, "#labels > :nth-child(%u) { display: none !important; }\n",
                                    label->child + c);
        }
      g_free (css);
      css = g_string_free (hide, FALSE);
    }

  return g_steal_pointer (&css);
}

/* Whether going from @old to @style changes what fascia_diagram_render() draws: a style
 * drawn over it (fascia_diagram_set_overlay_styles()) changes nothing, but that a muscle
 * styled is no longer faded. */
static gboolean
style_change_drawn (FasciaDiagram *self,
                    guint8         old,
                    guint8         style)
{
  return ((old ^ style) & ~self->overlay_styles) != 0
         || (self->dim_unstyled && (old == 0) != (style == 0));
}

static gboolean
ensure_handle (FasciaDiagram  *self,
               GError        **error)
{
  g_autofree char *css = build_css (self);
  RsvgHandle *handle;

  if (self->handle != NULL && g_strcmp0 (css, self->handle_css) == 0)
    return TRUE;

  handle = fascia_diagram_data_new_handle (self->data, css, error);
  if (handle == NULL)
    return FALSE;

  g_set_object (&self->handle, handle);
  g_object_unref (handle);
  g_free (self->handle_css);
  self->handle_css = g_steal_pointer (&css);
  return TRUE;
}

static FasciaDiagram *
load (FasciaAtlas  *atlas,
      GBytes       *svg,
      const char   *view_id,
      GError      **error)
{
  g_autoptr(FasciaDiagramData) data = NULL;
  g_autoptr(FasciaDiagram) self = NULL;
  g_autofree char *mask_css = NULL;

  if (g_bytes_get_size (svg) > FASCIA_DIAGRAM_MAX_BYTES)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                   "The drawing is %zu bytes; at most %d are allowed",
                   g_bytes_get_size (svg), FASCIA_DIAGRAM_MAX_BYTES);
      return NULL;
    }

  if (g_bytes_get_size (svg) == 0)
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                           "The drawing is empty");
      return NULL;
    }

  data = fascia_diagram_data_new (svg, view_id);

  if (!fascia_diagram_scan (data, atlas, error))
    return NULL;

  /* A built-in view whose masks came with the program is not parsed here at all: it was
   * at build time, and each render parses it with its styles (ensure_handle()). */
  if (data_take_built_masks (data))
    {
      data_build_grid (data);
      return diagram_new (data);
    }

  mask_css = fascia_diagram_build_mask_css (data);
  data->mask_handle = fascia_diagram_data_new_handle (data, mask_css, error);
  if (data->mask_handle == NULL)
    return NULL;

  if (!data_measure_size (data, error) || !data_build_masks (data, error))
    return NULL;
  data_build_grid (data);

  self = diagram_new (data);
  if (!ensure_handle (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fascia_diagram_new_for_view:
 * @atlas: (nullable): the atlas every region must name a record of, or %NULL not to check
 * @view_id: a view id, such as `anterior`
 *
 * Loads the built-in drawing of a view from the GResource.
 *
 * Returns: (transfer full): the diagram, or %NULL with @error set
 */
FasciaDiagram *
fascia_diagram_new_for_view (FasciaAtlas  *atlas,
                             const char   *view_id,
                             GError      **error)
{
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *path = NULL;
  gsize len;

  g_return_val_if_fail (atlas == NULL || FASCIA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (view_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A slug only, so that no id can reach outside the diagrams folder. */
  len = strlen (view_id);
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_islower (view_id[i]) && !g_ascii_isdigit (view_id[i]) && view_id[i] != '-')
        len = 0;
    }

  if (len > 0)
    {
      path = g_strdup_printf (RESOURCE_BASE "/diagrams/%s.svg", view_id);
      svg = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }

  if (svg == NULL)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_MISSING,
                   "There is no view “%s”", view_id);
      return NULL;
    }

  return load (atlas, svg, view_id, error);
}

/**
 * fascia_diagram_new_from_bytes:
 * @atlas: (nullable): the atlas every region must name a record of, or %NULL not to check
 * @svg: an SVG document
 *
 * Returns: (transfer full): the diagram, or %NULL with @error set
 */
FasciaDiagram *
fascia_diagram_new_from_bytes (FasciaAtlas  *atlas,
                               GBytes       *svg,
                               GError      **error)
{
  g_return_val_if_fail (atlas == NULL || FASCIA_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (svg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (atlas, svg, NULL, error);
}

/**
 * fascia_diagram_dup:
 *
 * Returns: (transfer full): a copy with the same styles and layers and its own librsvg
 *   handle, for use on another thread. Regions are shared: their pointers are the same.
 */
FasciaDiagram *
fascia_diagram_dup (FasciaDiagram *self)
{
  FasciaDiagram *copy;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);

  copy = diagram_new (self->data);
  fascia_diagram_copy_styles (copy, self);
  copy->serial = self->serial;
  copy->visibility_serial = self->visibility_serial;

  return copy;
}

/**
 * fascia_diagram_copy_styles:
 * @source: a diagram of the same drawing (itself or a copy from fascia_diagram_dup())
 *
 * Gives @self the region styles, layers and dimming of @source, so that a worker's copy
 * follows the diagram the UI changes without parsing a new one each time.
 */
void
fascia_diagram_copy_styles (FasciaDiagram *self,
                            FasciaDiagram *source)
{
  FasciaDiagramData *data;

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));
  g_return_if_fail (FASCIA_IS_DIAGRAM (source));
  g_return_if_fail (self->data == source->data);

  data = self->data;
  self->overlay_styles = source->overlay_styles;
  if (memcmp (self->styles, source->styles, data->regions->len) == 0 &&
      memcmp (self->layer_visible, source->layer_visible,
              sizeof (gboolean) * data->layers->len) == 0 &&
      self->dim_unstyled == source->dim_unstyled &&
      self->label_size == source->label_size &&
      memcmp (self->label_room, source->label_room, sizeof self->label_room) == 0)
    return;

  {
    gboolean drawn = self->dim_unstyled != source->dim_unstyled ||
                     self->label_size != source->label_size ||
                     memcmp (self->label_room, source->label_room, sizeof self->label_room) != 0 ||
                     memcmp (self->layer_visible, source->layer_visible,
                             sizeof (gboolean) * data->layers->len) != 0;

    for (guint i = 0; i < data->regions->len && !drawn; i++)
      drawn = style_change_drawn (self, self->styles[i], source->styles[i]);

    memcpy (self->styles, source->styles, data->regions->len);
    memcpy (self->layer_visible, source->layer_visible, sizeof (gboolean) * data->layers->len);
    self->dim_unstyled = source->dim_unstyled;
    self->label_size = source->label_size;
    memcpy (self->label_room, source->label_room, sizeof self->label_room);
    if (drawn)
      changed (self);
  }
}

/**
 * fascia_diagram_get_view_id:
 *
 * Returns: (nullable): the view id, or %NULL for a drawing loaded from bytes
 */
const char *
fascia_diagram_get_view_id (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);

  return self->data->view_id;
}

/**
 * fascia_diagram_get_size:
 * @width: (out) (optional):
 * @height: (out) (optional):
 *
 * Gets the size of the view in view units (its viewBox).
 */
void
fascia_diagram_get_size (FasciaDiagram *self,
                         double        *width,
                         double        *height)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM (self));

  if (width != NULL)
    *width = self->data->width;
  if (height != NULL)
    *height = self->data->height;
}

guint
fascia_diagram_get_n_regions (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);

  return self->data->regions->len;
}

/**
 * fascia_diagram_get_region:
 * @index: from 0 to fascia_diagram_get_n_regions(), in paint order (bottom-most first)
 *
 * Returns: (transfer none): the region
 */
const FasciaRegion *
fascia_diagram_get_region (FasciaDiagram *self,
                           guint          index)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (index < self->data->regions->len, NULL);

  return &g_array_index (self->data->regions, FasciaRegion, index);
}

static int
region_index (FasciaDiagram *self,
              const char    *region_id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->data->region_index, region_id)) - 1;
}

/**
 * fascia_diagram_lookup_region:
 *
 * Returns: (transfer none) (nullable): the region with this id, or %NULL
 */
const FasciaRegion *
fascia_diagram_lookup_region (FasciaDiagram *self,
                              const char    *region_id)
{
  int i;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);

  i = region_index (self, region_id);
  return i >= 0 ? &g_array_index (self->data->regions, FasciaRegion, i) : NULL;
}

/**
 * fascia_diagram_set_region_style:
 *
 * Sets how a region is drawn. An id this view does not draw is ignored, so that callers
 * may style a muscle's landmarks in every view alike.
 */
void
fascia_diagram_set_region_style (FasciaDiagram     *self,
                                 const char        *region_id,
                                 FasciaRegionStyle  style)
{
  gboolean drawn;
  int i;

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));
  g_return_if_fail (region_id != NULL);
  g_return_if_fail (style <= 0xff);

  i = region_index (self, region_id);
  if (i < 0 || self->styles[i] == style)
    return;

  drawn = style_change_drawn (self, self->styles[i], style);
  self->styles[i] = style;
  if (drawn)
    changed (self);
}

FasciaRegionStyle
fascia_diagram_get_region_style (FasciaDiagram *self,
                                 const char    *region_id)
{
  int i;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FASCIA_REGION_STYLE_NONE);
  g_return_val_if_fail (region_id != NULL, FASCIA_REGION_STYLE_NONE);

  i = region_index (self, region_id);
  return i >= 0 ? self->styles[i] : FASCIA_REGION_STYLE_NONE;
}

/**
 * fascia_diagram_clear_styles:
 *
 * Removes every region style; layers and dimming stay as they are.
 */
void
fascia_diagram_clear_styles (FasciaDiagram *self)
{
  gboolean any = FALSE;

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));

  for (guint i = 0; i < self->data->regions->len; i++)
    any |= self->styles[i] != 0;

  if (!any)
    return;

  memset (self->styles, 0, self->data->regions->len);
  changed (self);
}

/**
 * fascia_diagram_set_dim_unstyled:
 *
 * Fades every muscle that has no style, so that the styled ones stand out.
 */
void
fascia_diagram_set_dim_unstyled (FasciaDiagram *self,
                                 gboolean       dim)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM (self));

  dim = !!dim;
  if (self->dim_unstyled == dim)
    return;

  self->dim_unstyled = dim;
  changed (self);
}

/**
 * fascia_diagram_set_label_size:
 * @size: the labels' font size in view units, or 0 for the size the drawing gives them
 *
 * Presentation mode draws the labels larger, so they can be read across a treatment table.
 */
void
fascia_diagram_set_label_size (FasciaDiagram *self,
                               double         size)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM (self));
  g_return_if_fail (size >= 0);

  if (self->label_size == size)
    return;

  self->label_size = size;
  changed (self);
}

/**
 * fascia_diagram_get_label_room:
 * @x: (out) (optional): the left of the room set with fascia_diagram_set_label_room()
 * @y: (out) (optional): its top
 * @width: (out) (optional): its width, 0 for none
 * @height: (out) (optional): its height, 0 for none
 */
void
fascia_diagram_get_label_room (FasciaDiagram *self,
                               double        *x,
                               double        *y,
                               double        *width,
                               double        *height)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM (self));

  if (x != NULL)
    *x = self->label_room[0];
  if (y != NULL)
    *y = self->label_room[1];
  if (width != NULL)
    *width = self->label_room[2];
  if (height != NULL)
    *height = self->label_room[3];
}

/**
 * fascia_diagram_set_label_room:
 * @x: the left of the room, in view units
 * @y: its top
 * @width: its width, or 0 for none
 * @height: its height, or 0 for none
 *
 * Where enlarged labels (fascia_diagram_set_label_size()) may lie besides the drawing: the
 * area a window shows around it when the whole figure is in sight, for long names that
 * would leave the drawing's own edge. A label lies wholly inside the drawing or wholly inside
 * this room. By default there is none.
 */
void
fascia_diagram_set_label_room (FasciaDiagram *self,
                               double         x,
                               double         y,
                               double         width,
                               double         height)
{
  double room[4] = { x, y, width, height };

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));

  if (!(width > 0 && height > 0 && isfinite (x) && isfinite (y) && isfinite (width)
        && isfinite (height)))
    memset (room, 0, sizeof room);
  if (memcmp (room, self->label_room, sizeof room) == 0)
    return;

  memcpy (self->label_room, room, sizeof room);
  /* Only enlarged labels are laid out again. */
  if (self->label_size > 0)
    changed (self);
}

/**
 * fascia_diagram_get_figure_bounds:
 * @x: (out): the left of the figure, in view units
 * @y: (out): its top
 * @width: (out):
 * @height: (out):
 *
 * Gets the box the figure fills within the view: every region but the referral zones (drawn
 * inside the body) and every label at the drawing's own size. A view's drawing leaves room
 * around its figure, more on some sides than on others; a small window shows the figure
 * itself, centred. The whole view where it has neither.
 *
 * The body stays in the middle from top to bottom: where a view's labels run above or below
 * its regions (the pelvis view names its deepest points below the figure, beside them), the
 * box takes as much room on the other side, so that a window centring the box centres the
 * regions and still shows every label.
 */
void
fascia_diagram_get_figure_bounds (FasciaDiagram *self,
                                  double        *x,
                                  double        *y,
                                  double        *width,
                                  double        *height)
{
  FasciaDiagramData *data;
  g_autoptr(GObject) context = NULL;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  double ry0 = G_MAXDOUBLE, ry1 = -G_MAXDOUBLE;

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));

  data = self->data;
  for (guint i = 0; i < data->regions->len; i++)
    {
      const FasciaRegion *region = &g_array_index (data->regions, FasciaRegion, i);

      if (region->kind == FASCIA_REGION_REFERRAL_ZONE || region->width <= 0 || region->height <= 0)
        continue;
      x0 = MIN (x0, region->x);
      y0 = MIN (y0, region->y);
      x1 = MAX (x1, region->x + region->width);
      y1 = MAX (y1, region->y + region->height);
    }
  ry0 = MAX (y0, 0);
  ry1 = MIN (y1, data->height);
  if (data->labels->len > 0)
    context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  for (guint i = 0; i < data->labels->len; i++)
    {
      LabelBox box;

      measure_label (data, PANGO_CONTEXT (context),
                     &g_array_index (data->labels, FasciaDiagramLabel, i),
                     FASCIA_DIAGRAM_LABEL_SIZE, &box);
      x0 = MIN (x0, box.x);
      y0 = MIN (y0, box.y);
      x1 = MAX (x1, box.x + box.width);
      y1 = MAX (y1, box.y + box.height);
    }

  /* Within the view: what lies outside is not drawn. */
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, data->width);
  y1 = MIN (y1, data->height);
  if (x1 <= x0 || y1 <= y0)
    {
      x0 = y0 = 0;
      x1 = data->width;
      y1 = data->height;
    }
  else if (ry1 > ry0)
    {
      /* As much room above the regions' middle as below it. */
      double middle = (ry0 + ry1) / 2;
      double half = MAX (middle - y0, y1 - middle);

      y0 = middle - half;
      y1 = middle + half;
    }
  *x = x0;
  *y = y0;
  *width = x1 - x0;
  *height = y1 - y0;
}

/**
 * fascia_diagram_set_min_label_size:
 * @scale: how large the drawing is drawn: output units (points, pixels) per view unit
 * @min_size: how tall the labels must be at least, in output units
 *
 * Draws the labels at least @min_size tall when the view is drawn at @scale, as on a printed
 * page: larger than the drawing gives them where they would be smaller. Labels that, so
 * enlarged, would overlap another or leave the drawing are left out.
 */
void
fascia_diagram_set_min_label_size (FasciaDiagram *self,
                                   double         scale,
                                   double         min_size)
{
  double size;

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));
  g_return_if_fail (scale > 0 && min_size >= 0);

  size = min_size / scale;
  fascia_diagram_set_label_size (self, size > FASCIA_DIAGRAM_LABEL_SIZE ? size : 0);
}

/**
 * fascia_diagram_get_label_size:
 *
 * Returns: the labels' font size in view units: the one set, or the drawing's own.
 */
double
fascia_diagram_get_label_size (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);

  return self->label_size > 0 ? self->label_size : FASCIA_DIAGRAM_LABEL_SIZE;
}

static int
layer_index (FasciaDiagram *self,
             const char    *layer_id)
{
  for (guint i = 0; i < self->data->layers->len; i++)
    if (g_str_equal (g_array_index (self->data->layers, FasciaDiagramLayer, i).id, layer_id))
      return i;

  return -1;
}

/**
 * fascia_diagram_set_layer_visible:
 * @layer_id: `layer-<name>` or `labels`
 *
 * Shows or hides a layer. Making `layer-referral` visible shows every referral zone; hidden,
 * it still shows the zones styled %FASCIA_REGION_STYLE_SHOWN. A layer this view does not
 * have is ignored.
 */
void
fascia_diagram_set_layer_visible (FasciaDiagram *self,
                                  const char    *layer_id,
                                  gboolean       visible)
{
  int i;

  g_return_if_fail (FASCIA_IS_DIAGRAM (self));
  g_return_if_fail (layer_id != NULL);

  visible = !!visible;
  i = layer_index (self, layer_id);
  if (i < 0 || self->layer_visible[i] == visible)
    return;

  self->layer_visible[i] = visible;
  changed (self);
}

gboolean
fascia_diagram_get_layer_visible (FasciaDiagram *self,
                                  const char    *layer_id)
{
  int i;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (layer_id != NULL, FALSE);

  i = layer_index (self, layer_id);
  return i >= 0 && self->layer_visible[i];
}

/**
 * fascia_diagram_get_region_visible:
 *
 * Returns: whether the region is drawn with the current layers and styles (and so can be
 *   hit); %FALSE for an id this view does not draw
 */
gboolean
fascia_diagram_get_region_visible (FasciaDiagram *self,
                                   const char    *region_id)
{
  int i;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (region_id != NULL, FALSE);

  i = region_index (self, region_id);
  return i >= 0 && self->region_visible[i];
}

/**
 * fascia_diagram_set_overlay_styles:
 * @styles: the style flags the caller draws itself, over the rendering
 *
 * Leaves @styles out of fascia_diagram_render(): a region keeps such a flag (for
 * fascia_diagram_get_region_style()), but setting or clearing it draws nothing new and does
 * not move the style serial. A view draws its hover and focus highlights this way, from
 * fascia_diagram_render_region_outline(), so that the pointer never waits for librsvg.
 */
void
fascia_diagram_set_overlay_styles (FasciaDiagram     *self,
                                   FasciaRegionStyle  styles)
{
  g_return_if_fail (FASCIA_IS_DIAGRAM (self));
  g_return_if_fail (styles <= 0xff);

  if (self->overlay_styles == styles)
    return;

  self->overlay_styles = styles;
  changed (self);
}

FasciaRegionStyle
fascia_diagram_get_overlay_styles (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FASCIA_REGION_STYLE_NONE);

  return self->overlay_styles;
}

/**
 * fascia_diagram_get_style_serial:
 *
 * Returns: a number that grows with every change of styles, layers or dimming: re-render
 *   when it differs from the last render's
 */
guint64
fascia_diagram_get_style_serial (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);

  return self->serial;
}

/**
 * fascia_diagram_get_visibility_serial:
 *
 * Returns: a number that grows with every change of which regions are visible (layers, zones
 *   shown), and with nothing else: what fascia_diagram_render_region_overlay() draws of a
 *   region in one style changes only with it
 */
guint64
fascia_diagram_get_visibility_serial (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);

  return self->visibility_serial;
}

/* Draws @self's layers into @cr, already scaled and translated to view units. */
/* The leader lines of the labels moved (fascia_diagram_set_label_size()), whose lines as drawn
 * the stylesheet hides: each drawn anew (leader_points()), stroked as the drawing strokes it. */
static void
draw_moved_leaders (FasciaDiagram *self,
                    cairo_t       *cr)
{
  FasciaDiagramData *data = self->data;
  const gboolean *shown;

  if (self->label_size <= 0 || !fascia_diagram_get_layer_visible (self, "labels"))
    return;
  shown = ensure_label_layout (self);
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < data->labels->len; i++)
    {
      const FasciaDiagramLabel *label = &g_array_index (data->labels, FasciaDiagramLabel, i);
      double points[FASCIA_DIAGRAM_LEADER_POINTS][2];
      guint n;

      if (!shown[i] || (self->label_dx[i] == 0 && self->label_dy[i] == 0)
          || !leader_points (label, self->label_dx[i], self->label_dy[i], points, &n))
        continue;
      cairo_new_path (cr);
      for (guint k = 0; k < n; k++)
        cairo_line_to (cr, points[k][0], points[k][1]);
      cairo_set_source_rgb (cr, label->leader_rgb[0], label->leader_rgb[1], label->leader_rgb[2]);
      cairo_set_line_width (cr, label->leader_width);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static gboolean
render_layers (FasciaDiagram     *self,
               cairo_t           *cr,
               FasciaDiagramPart  part,
               GError           **error)
{
  FasciaDiagramData *data = self->data;
  RsvgRectangle viewport = { 0, 0, data->width, data->height };

  if (part == FASCIA_DIAGRAM_PART_ALL || !data->labels_apart)
    {
      if (part == FASCIA_DIAGRAM_PART_LABELS)
        return TRUE;
      return rsvg_handle_render_document (self->handle, cr, &viewport, error);
    }

  if (part == FASCIA_DIAGRAM_PART_LABELS)
    return rsvg_handle_render_layer (self->handle, cr, "#labels", &viewport, error);

  /* The root holds only layers (see the scan): drawing each but `labels` is drawing the
   * rest of the document. librsvg leaves out a layer the stylesheet hides. */
  for (guint i = 0; i < data->layers->len; i++)
    {
      const FasciaDiagramLayer *layer = &g_array_index (data->layers, FasciaDiagramLayer, i);
      g_autofree char *css_id = NULL;

      if (layer->parent >= 0 || g_str_equal (layer->id, "labels"))
        continue;
      css_id = g_strconcat ("#", layer->id, NULL);
      if (!rsvg_handle_render_layer (self->handle, cr, css_id, &viewport, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * fascia_diagram_render_part:
 * @cr: where to draw
 * @part: the whole view, or the drawing without its labels, or only the labels
 * @scale: device units per view unit
 * @x: the view point drawn at @cr's origin
 * @y: the view point drawn at @cr's origin
 *
 * Draws the view, or a part of it, with its styles over whatever @cr's target covers. The
 * drawing without its labels and the labels over it make the whole view: a caller draws its
 * overlays (fascia_diagram_render_region_overlay()) between the two, so that the labels stay
 * readable over them. A drawing whose labels cannot be drawn apart (see
 * fascia_diagram_get_labels_apart()) is all drawing and no labels. Call it from one thread
 * at a time for one diagram; use fascia_diagram_dup() for another thread.
 */
gboolean
fascia_diagram_render_part (FasciaDiagram      *self,
                            cairo_t            *cr,
                            FasciaDiagramPart   part,
                            double              scale,
                            double              x,
                            double              y,
                            GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (part <= FASCIA_DIAGRAM_PART_LABELS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_handle (self, error))
    return FALSE;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -x, -y);
  ok = render_layers (self, cr, part, &local_error);
  /* The labels are drawn with the rest, or apart. */
  if (ok && (part == FASCIA_DIAGRAM_PART_ALL
             || (part == FASCIA_DIAGRAM_PART_LABELS && self->data->labels_apart)))
    draw_moved_leaders (self, cr);
  cairo_restore (cr);

  if (!ok)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_RENDER,
                   "Cannot draw the diagram: %s",
                   local_error ? local_error->message : cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }

  return TRUE;
}

/**
 * fascia_diagram_get_labels_apart:
 *
 * Returns: whether fascia_diagram_render_part() can draw the labels apart from the rest:
 *   the drawing's root holds nothing drawable but layers, `labels` the last of them
 */
gboolean
fascia_diagram_get_labels_apart (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);

  return self->data->labels_apart;
}

/**
 * fascia_diagram_render:
 * @cr: where to draw
 * @scale: device units per view unit
 * @x: the view point drawn at @cr's origin
 * @y: the view point drawn at @cr's origin
 *
 * Draws the view with its styles over whatever @cr's target covers. Call it from one thread
 * at a time for one diagram; use fascia_diagram_dup() for another thread.
 */
gboolean
fascia_diagram_render (FasciaDiagram  *self,
                       cairo_t        *cr,
                       double          scale,
                       double          x,
                       double          y,
                       GError        **error)
{
  return fascia_diagram_render_part (self, cr, FASCIA_DIAGRAM_PART_ALL, scale, x, y, error);
}

static gboolean
point_to_pixel (FasciaDiagram *self,
                double         x,
                double         y,
                int           *px,
                int           *py)
{
  if (!(x >= 0 && y >= 0 && x < self->data->width && y < self->data->height))
    return FALSE;

  *px = (int) floor (x * FASCIA_DIAGRAM_MASK_SCALE);
  *py = (int) floor (y * FASCIA_DIAGRAM_MASK_SCALE);
  return TRUE;
}

static const guint *
cell_entries (FasciaDiagram *self,
              double         x,
              double         y,
              guint         *n_entries)
{
  FasciaDiagramData *data = self->data;
  int c = MIN ((int) (x / GRID_CELL), data->grid_cols - 1);
  int r = MIN ((int) (y / GRID_CELL), data->grid_rows - 1);
  int k = r * data->grid_cols + c;

  *n_entries = data->grid_start[k + 1] - data->grid_start[k];
  return data->grid_entries + data->grid_start[k];
}

/* The index of the top-most visible region covering the mask pixel, or -1. */
static int
top_at (FasciaDiagram *self,
        int            px,
        int            py)
{
  FasciaDiagramData *data = self->data;
  const guint *entries;
  guint n_entries;

  if (px < 0 || py < 0 || px >= data->width * FASCIA_DIAGRAM_MASK_SCALE ||
      py >= data->height * FASCIA_DIAGRAM_MASK_SCALE)
    return -1;

  entries = cell_entries (self, (px + 0.5) / FASCIA_DIAGRAM_MASK_SCALE,
                          (py + 0.5) / FASCIA_DIAGRAM_MASK_SCALE, &n_entries);
  for (guint j = 0; j < n_entries; j++)
    {
      guint i = entries[j];

      if (self->region_visible[i] && mask_contains (&data->masks[i], px, py))
        return (int) i;
    }

  return -1;
}

/* Whether region @i, top-most at the pixel, shows there only through a crack along the line
 * (@dx, @dy): within CRACK_WIDTH pixels it ends on both sides under regions drawn over it. If
 * so, @nearer is the index of the region over it on the nearer side. */
#define CRACK_WIDTH 2

static gboolean
in_crack (FasciaDiagram *self,
          int            i,
          int            px,
          int            py,
          int            dx,
          int            dy,
          int           *nearer)
{
  const FasciaDiagramMask *mask = &self->data->masks[i];
  int ends[2] = { -1, -1 }, steps[2] = { 0, 0 };

  for (int side = 0; side < 2; side++)
    {
      int sign = side == 0 ? -1 : 1;

      for (int k = 1; k <= CRACK_WIDTH; k++)
        {
          int qx = px + sign * k * dx, qy = py + sign * k * dy;
          int top = top_at (self, qx, qy);

          if (top == i)
            continue;
          /* The region must go on under what covers it, or this is its edge. */
          if (top < 0 || !mask_contains (mask, qx, qy))
            return FALSE;
          ends[side] = top;
          steps[side] = k;
          break;
        }
      if (ends[side] < 0)
        return FALSE;
    }

  if (steps[0] + steps[1] - 1 > CRACK_WIDTH)
    return FALSE;
  *nearer = steps[0] <= steps[1] ? ends[0] : ends[1];
  return TRUE;
}

/**
 * fascia_diagram_hit_test:
 * @x: a point in view units
 * @y: a point in view units
 *
 * Finds the top-most visible region whose shape covers the point, exactly to a view unit.
 * Regions in hidden layers, and referral zones not shown, are not hit.
 *
 * Where two shapes drawn over a region leave a crack between them no wider than two view
 * units (a pixel or less at the sizes the drawings are shown), the region below is not what
 * the pointer is on: what is drawn there is the two shapes' edges. The point finds the
 * nearer of them, so that the midline of the belly does not open the sacrum behind it.
 *
 * Returns: (transfer none) (nullable): the region, or %NULL on the background
 */
const FasciaRegion *
fascia_diagram_hit_test (FasciaDiagram *self,
                         double         x,
                         double         y)
{
  int px, py, i, nearer;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);

  if (!point_to_pixel (self, x, y, &px, &py))
    return NULL;

  i = top_at (self, px, py);
  if (i < 0)
    return NULL;

  if (in_crack (self, i, px, py, 1, 0, &nearer) || in_crack (self, i, px, py, 0, 1, &nearer))
    i = nearer;

  return &g_array_index (self->data->regions, FasciaRegion, i);
}

/**
 * fascia_diagram_regions_at:
 * @visible_only: whether to leave out hidden regions
 *
 * Returns: (transfer container) (element-type FasciaRegion): every region whose shape
 *   covers the point, top-most first
 */
GPtrArray *
fascia_diagram_regions_at (FasciaDiagram *self,
                           double         x,
                           double         y,
                           gboolean       visible_only)
{
  GPtrArray *regions;
  const guint *entries;
  guint n_entries;
  int px, py;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);

  regions = g_ptr_array_new ();
  if (!point_to_pixel (self, x, y, &px, &py))
    return regions;

  entries = cell_entries (self, x, y, &n_entries);
  for (guint j = 0; j < n_entries; j++)
    {
      guint i = entries[j];

      if ((self->region_visible[i] || !visible_only) &&
          mask_contains (&self->data->masks[i], px, py))
        g_ptr_array_add (regions, &g_array_index (self->data->regions, FasciaRegion, i));
    }

  return regions;
}

static double
distance_to_centre (const FasciaRegion *region,
                    const double       *point)
{
  double dx = region->x + region->width / 2 - point[0];
  double dy = region->y + region->height / 2 - point[1];

  return dx * dx + dy * dy;
}

static int
compare_distance (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  double da = distance_to_centre (*(const FasciaRegion * const *) a, user_data);
  double db = distance_to_centre (*(const FasciaRegion * const *) b, user_data);

  return (da > db) - (da < db);
}

/**
 * fascia_diagram_referral_zones_at:
 *
 * For the pain finder: the referral zones covering a point, shown or not.
 *
 * Returns: (transfer container) (element-type FasciaRegion): the zones, the one whose centre
 *   is nearest the point first
 */
GPtrArray *
fascia_diagram_referral_zones_at (FasciaDiagram *self,
                                  double         x,
                                  double         y)
{
  GPtrArray *zones;
  double point[2] = { x, y };

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);

  zones = fascia_diagram_regions_at (self, x, y, FALSE);
  for (guint j = zones->len; j > 0; j--)
    {
      const FasciaRegion *region = g_ptr_array_index (zones, j - 1);

      if (region->kind != FASCIA_REGION_REFERRAL_ZONE)
        g_ptr_array_remove_index (zones, j - 1);
    }

  g_ptr_array_sort_with_data (zones, compare_distance, point);
  return zones;
}

/**
 * fascia_diagram_render_region_mask:
 * @scale: device pixels per view unit
 *
 * Renders one region alone, as it would be if it were visible, with every opacity at 1.
 *
 * Returns: (transfer full): an A8 surface of the whole view at @scale, or %NULL with
 *   @error set
 */
cairo_surface_t *
fascia_diagram_render_region_mask (FasciaDiagram  *self,
                                   const char     *region_id,
                                   double          scale,
                                   GError        **error)
{
  FasciaDiagramData *data;
  g_autofree char *css_id = NULL;
  cairo_surface_t *surface;
  Box box;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = self->data;
  if (region_index (self, region_id) < 0)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_MISSING,
                   "The view has no region “%s”", region_id);
      return NULL;
    }

  if (data->width * scale > 32767 || data->height * scale > 32767)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                   "A mask at scale %g would be too large", scale);
      return NULL;
    }

  css_id = g_strconcat ("#", region_id, NULL);
  box = (Box) { 0, 0, (int) ceil (data->width * scale), (int) ceil (data->height * scale) };

  g_mutex_lock (&data->lock);
  /* A built-in view's masks come with the program, and its drawing was not parsed for them
   * (fascia_diagram_new_from_bytes()): parsed now, once. */
  if (data->mask_handle == NULL)
    {
      g_autofree char *mask_css = fascia_diagram_build_mask_css (data);

      data->mask_handle = fascia_diagram_data_new_handle (data, mask_css, error);
      if (data->mask_handle == NULL)
        {
          g_mutex_unlock (&data->lock);
          return NULL;
        }
    }
  {
    RsvgRectangle viewport = { 0, 0, data->width, data->height };
    g_autoptr(GError) local_error = NULL;
    cairo_t *cr;
    gboolean ok;

    surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (box.x1, 1), MAX (box.y1, 1));
    cr = cairo_create (surface);
    cairo_scale (cr, scale, scale);
    ok = rsvg_handle_render_layer (data->mask_handle, cr, css_id, &viewport, &local_error);
    cairo_destroy (cr);
    cairo_surface_flush (surface);

    if (!ok)
      {
        g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_RENDER,
                     "librsvg cannot render region %s: %s", region_id,
                     local_error ? local_error->message : "unknown error");
        g_clear_pointer (&surface, cairo_surface_destroy);
      }
  }
  g_mutex_unlock (&data->lock);

  return surface;
}

/* A colour written #rrggbb or #rgb, into its red, green and blue from 0 to 1. */
gboolean
fascia_diagram_parse_colour (const char *colour,
                             double     *rgb)
{
  gsize length = colour != NULL ? strlen (colour) : 0;
  gboolean shorthand = length == 4;

  if (colour == NULL || colour[0] != '#' || (length != 7 && !shorthand))
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (colour[shorthand ? 1 + i : 1 + 2 * i]);
      int lo = g_ascii_xdigit_value (colour[shorthand ? 1 + i : 2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      rgb[i] = (hi * 16 + lo) / 255.0;
    }

  return TRUE;
}

/* The region's mask resampled to @scale pixels per view unit, bilinearly, so that its edge is
 * smoother than the mask's unit steps: one byte per pixel, 1 inside. */
static guint8 *
resample_mask (const FasciaDiagramMask *mask,
               double                   scale,
               int                      pad,
               int                     *out_w,
               int                     *out_h)
{
  int w = (int) ceil (mask->width * scale) + 2 * pad;
  int h = (int) ceil (mask->height * scale) + 2 * pad;
  guint8 *inside = g_malloc0 ((gsize) w * h);

  for (int y = pad; y < h - pad; y++)
    {
      double my = (y - pad + 0.5) / scale - 0.5;
      int y0 = (int) floor (my);
      double fy = my - y0;

      for (int x = pad; x < w - pad; x++)
        {
          double mx = (x - pad + 0.5) / scale - 0.5;
          int x0 = (int) floor (mx);
          double fx = mx - x0;
          double v;

          v = (1 - fy) * ((1 - fx) * mask_contains (mask, mask->x + x0, mask->y + y0) +
                          fx * mask_contains (mask, mask->x + x0 + 1, mask->y + y0)) +
              fy * ((1 - fx) * mask_contains (mask, mask->x + x0, mask->y + y0 + 1) +
                    fx * mask_contains (mask, mask->x + x0 + 1, mask->y + y0 + 1));
          inside[(gsize) y * w + x] = v >= 0.5;
        }
    }

  *out_w = w;
  *out_h = h;
  return inside;
}

/* A disk of @radius pixels, antialiased, as a (2 × @reach + 1)² kernel: what an edge line
 * stamps on each pixel around an edge pixel (the edge lies half a pixel outside the edge
 * pixel's centre). Worked out once, not at each of the thousands of edge pixels. */
static float *
disk_kernel (double radius,
             int    reach)
{
  int side = 2 * reach + 1;
  float *kernel = g_new (float, (gsize) side * side);

  for (int dy = -reach; dy <= reach; dy++)
    for (int dx = -reach; dx <= reach; dx++)
      kernel[(dy + reach) * side + dx + reach] =
        CLAMP (radius + 0.5 - sqrt (dx * dx + dy * dy), 0.0, 1.0);
  return kernel;
}

/* Stamps @kernel around pixel @k of @alpha (@w pixels a row), keeping the larger value. */
static inline void
stamp_kernel (float       *alpha,
              gsize        k,
              int          w,
              const float *kernel,
              int          reach)
{
  int side = 2 * reach + 1;

  for (int dy = -reach; dy <= reach; dy++)
    {
      float *to = &alpha[k + (gssize) dy * w - reach];
      const float *from = &kernel[(dy + reach) * side];

      for (int i = 0; i < side; i++)
        if (from[i] > to[i])
          to[i] = from[i];
    }
}

/* A channel of 0…1 as a byte, rounded. */
static inline guint32
to_byte (double v)
{
  return (guint32) (v * 255 + 0.5);
}

/**
 * fascia_diagram_render_region_outline:
 * @scale: pixels per view unit of the image
 * @line_width: the width of the outline in view units, centred on the region's edge
 * @colour: `#rrggbb`
 * @x: (out): the view point at the image's top-left corner
 * @y: (out): the view point at the image's top-left corner
 *
 * Draws the outline of a region from its hit mask, without librsvg: a highlight the caller
 * lays over a rendering (see fascia_diagram_set_overlay_styles()). It costs a few
 * milliseconds for a large region.
 *
 * Returns: (transfer full) (nullable): an ARGB32 image of the outline, or %NULL when the
 *   region is unknown or has no pixels
 */
cairo_surface_t *
fascia_diagram_render_region_outline (FasciaDiagram *self,
                                      const char    *region_id,
                                      double         scale,
                                      double         line_width,
                                      const char    *colour,
                                      double        *x,
                                      double        *y)
{
  const FasciaDiagramMask *mask;
  g_autofree guint8 *inside = NULL;
  g_autofree float *alpha = NULL;
  g_autofree float *kernel = NULL;
  double rgb[3];
  double radius;
  cairo_surface_t *surface;
  guint8 *pixels;
  int i, pad, reach, w, h, stride;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);
  g_return_val_if_fail (scale > 0 && scale <= 16, NULL);
  g_return_val_if_fail (line_width > 0, NULL);
  g_return_val_if_fail (fascia_diagram_parse_colour (colour, rgb), NULL);

  i = region_index (self, region_id);
  if (i < 0)
    return NULL;
  mask = &self->data->masks[i];
  if (mask->bits == NULL)
    return NULL;

  /* Disks of the half width, stamped on every edge pixel, make the line. */
  radius = MAX (line_width * scale / 2.0, 0.75);
  reach = (int) ceil (radius + 0.5);
  pad = reach + 1;
  inside = resample_mask (mask, scale / FASCIA_DIAGRAM_MASK_SCALE, pad, &w, &h);
  alpha = g_new0 (float, (gsize) w * h);
  kernel = disk_kernel (radius, reach);

  for (int py = 1; py < h - 1; py++)
    for (int px = 1; px < w - 1; px++)
      {
        gsize k = (gsize) py * w + px;

        if (!inside[k] || (inside[k - 1] && inside[k + 1] && inside[k - w] && inside[k + w]))
          continue;
        stamp_kernel (alpha, k, w, kernel, reach);
      }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int py = 0; py < h; py++)
    {
      guint32 *row = (guint32 *) (pixels + (gsize) py * stride);

      for (int px = 0; px < w; px++)
        {
          double a = alpha[(gsize) py * w + px];

          /* Premultiplied, native-endian ARGB, as cairo keeps it (a new surface is clear). */
          if (a > 0)
            row[px] = (to_byte (a) << 24) | (to_byte (a * rgb[0]) << 16) |
                      (to_byte (a * rgb[1]) << 8) | to_byte (a * rgb[2]);
        }
    }
  cairo_surface_mark_dirty (surface);

  if (x != NULL)
    *x = mask->x / FASCIA_DIAGRAM_MASK_SCALE - pad / scale;
  if (y != NULL)
    *y = mask->y / FASCIA_DIAGRAM_MASK_SCALE - pad / scale;

  return surface;
}

/* How much of the mask pixel around (@mx, @my), in mask pixels, the region covers: the
 * mask sampled bilinearly between pixel centres. */
static inline double
mask_sample (const FasciaDiagramMask *mask,
             double                   mx,
             double                   my)
{
  double fx = mx - 0.5, fy = my - 0.5;
  int x0 = (int) floor (fx), y0 = (int) floor (fy);
  double ax = fx - x0, ay = fy - y0;

  return (1 - ay) * ((1 - ax) * mask_contains (mask, x0, y0) +
                     ax * mask_contains (mask, x0 + 1, y0)) +
         ay * ((1 - ax) * mask_contains (mask, x0, y0 + 1) +
               ax * mask_contains (mask, x0 + 1, y0 + 1));
}

#define FILL_LINE_WIDTH 2.0  /* view units: the width of a bone's outline in the drawings */

/* Where an attachment lies under what is painted over it (a muscle over the bone it arises
 * from), its fill shows through in stripes, and its edge line fainter: a card lit nothing of
 * the transverse processes quadratus lumborum arises from, of the pecten pubis and the
 * pectineal line of pectineus, of the linea aspera of the adductors, all of them under
 * muscles in every view. The stripes run down to the right, THROUGH_PERIOD view units apart
 * (centre to centre, across them), each THROUGH_WIDTH wide. */
#define THROUGH_PERIOD  6.0
#define THROUGH_WIDTH   2.4
#define THROUGH_OPACITY 0.75
#define THROUGH_LINE    0.6

/* How much of the pixel at view point (@vx, @vy) a stripe covers, at @scale pixels per view
 * unit, antialiased over a pixel. */
static inline double
through_stripe (double vx,
                double vy,
                double scale)
{
  double across = (vx - vy) * G_SQRT2 / 2.0;
  double off = fabs (across - THROUGH_PERIOD * floor (across / THROUGH_PERIOD + 0.5));

  return CLAMP ((THROUGH_WIDTH / 2.0 - off) * scale + 0.5, 0.0, 1.0);
}

/* A fill style over the part of region @i that is not under a later (higher) visible region,
 * with an edge line in the darker colour, as the stylesheet draws it; with @through, the part
 * under them too, in stripes (see THROUGH_PERIOD): see fascia_diagram_render_region_overlay(). */
static cairo_surface_t *
render_region_fill (FasciaDiagram *self,
                    guint          i,
                    double         scale,
                    const char    *fill_colour,
                    const char    *line_colour,
                    double         opacity,
                    gboolean       through,
                    double        *x,
                    double        *y)
{
  FasciaDiagramData *data = self->data;
  const FasciaDiagramMask *mask = &data->masks[i];
  const double unit = scale / FASCIA_DIAGRAM_MASK_SCALE;  /* image pixels per mask pixel */
  g_autofree float *inside = NULL;
  g_autofree float *under = NULL;
  g_autofree float *line = NULL;
  g_autofree float *kernel = NULL;
  double fill_rgb[3], line_rgb[3];
  double radius, ox, oy;
  cairo_surface_t *surface;
  guint8 *pixels;
  int pad, reach, w, h, stride;

  if (mask->bits == NULL || !fascia_diagram_parse_colour (fill_colour, fill_rgb)
      || !fascia_diagram_parse_colour (line_colour, line_rgb))
    return NULL;

  radius = MAX (FILL_LINE_WIDTH * scale / 2.0, 0.5);
  reach = (int) ceil (radius + 0.5);
  pad = reach + 1;
  w = (int) ceil (mask->width * unit) + 2 * pad;
  h = (int) ceil (mask->height * unit) + 2 * pad;
  ox = mask->x - pad / unit;  /* mask pixels at the image's top-left corner */
  oy = mask->y - pad / unit;

  inside = g_new (float, (gsize) w * h);
  under = g_new0 (float, (gsize) w * h);
  line = g_new0 (float, (gsize) w * h);
  for (int py = 0; py < h; py++)
    for (int px = 0; px < w; px++)
      inside[(gsize) py * w + px] = mask_sample (mask, ox + (px + 0.5) / unit,
                                                 oy + (py + 0.5) / unit);

  /* The edge line: disks stamped on the pixels at the region's edge. */
  kernel = disk_kernel (radius, reach);
  for (int py = 1; py < h - 1; py++)
    for (int px = 1; px < w - 1; px++)
      {
        gsize k = (gsize) py * w + px;

        if (inside[k] < 0.5f || (inside[k - 1] >= 0.5f && inside[k + 1] >= 0.5f &&
                                 inside[k - w] >= 0.5f && inside[k + w] >= 0.5f))
          continue;
        stamp_kernel (line, k, w, kernel, reach);
      }

  /* What is painted later hides the region: the muscles over a bone, a muscle over a deeper
   * one, the trigger points. Referral zones are translucent veils and hide nothing. Looked
   * for only where the fill or its line paints: most of a long, slanting muscle's bounds is
   * neither, and a bone's bounds lie under a dozen muscles' (each sampled at every pixel
   * they shared, the first fill of a body chart's mark cost ~20 ms). */
  for (guint j = i + 1; j < data->n_masks; j++)
    {
      const FasciaDiagramMask *over = &data->masks[j];
      const FasciaRegion *region = &g_array_index (data->regions, FasciaRegion, j);
      int px0, py0, px1, py1;

      if (over->bits == NULL || !self->region_visible[j]
          || region->kind == FASCIA_REGION_REFERRAL_ZONE)
        continue;

      px0 = MAX (0, (int) floor ((over->x - 1 - ox) * unit));
      py0 = MAX (0, (int) floor ((over->y - 1 - oy) * unit));
      px1 = MIN (w, (int) ceil ((over->x + over->width + 1 - ox) * unit));
      py1 = MIN (h, (int) ceil ((over->y + over->height + 1 - oy) * unit));

      for (int py = py0; py < py1; py++)
        for (int px = px0; px < px1; px++)
          {
            gsize k = (gsize) py * w + px;
            float v;

            if (under[k] >= 1.0f || (inside[k] == 0.0f && line[k] == 0.0f))
              continue;
            v = mask_sample (over, ox + (px + 0.5) / unit, oy + (py + 0.5) / unit);
            self->over_samples++;
            if (v > under[k])
              under[k] = v;
          }
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int py = 0; py < h; py++)
    {
      guint32 *row = (guint32 *) (pixels + (gsize) py * stride);

      for (int px = 0; px < w; px++)
        {
          gsize k = (gsize) py * w + px;
          double seen, fa, la, a;
          double rgb[3];

          /* Nothing here: the new surface is clear already. */
          if (inside[k] == 0.0f && line[k] == 0.0f)
            continue;

          seen = 1.0 - under[k];
          fa = opacity * inside[k] * seen;
          la = line[k] * seen;
          if (through && seen < 1.0)
            {
              double vx = (ox + (px + 0.5) / unit) / FASCIA_DIAGRAM_MASK_SCALE;
              double vy = (oy + (py + 0.5) / unit) / FASCIA_DIAGRAM_MASK_SCALE;

              fa += THROUGH_OPACITY * inside[k] * (1.0 - seen) * through_stripe (vx, vy, scale);
              la += THROUGH_LINE * line[k] * (1.0 - seen);
            }
          a = la + fa * (1 - la);
          for (guint c = 0; c < 3; c++)
            rgb[c] = line_rgb[c] * la + fill_rgb[c] * fa * (1 - la);

          /* Premultiplied, native-endian ARGB, as cairo keeps it. */
          row[px] = (to_byte (a) << 24) | (to_byte (rgb[0]) << 16) |
                    (to_byte (rgb[1]) << 8) | to_byte (rgb[2]);
        }
    }
  cairo_surface_mark_dirty (surface);

  if (x != NULL)
    *x = ox / FASCIA_DIAGRAM_MASK_SCALE;
  if (y != NULL)
    *y = oy / FASCIA_DIAGRAM_MASK_SCALE;

  return surface;
}

/* Outline widths, in view units. */
#define SELECTED_WIDTH 5.0
#define HOVER_WIDTH    4.0
#define FOCUS_WIDTH    3.0

/**
 * fascia_diagram_render_region_overlay:
 * @style: one style flag: %FASCIA_REGION_STYLE_SELECTED, _HOVER or _FOCUS (an outline), or
 *   _PAIN, _ORIGIN, _INSERTION or _TARGET (a fill)
 * @scale: pixels per view unit of the image
 * @x: (out): the view point at the image's top-left corner
 * @y: (out): the view point at the image's top-left corner
 *
 * Draws one style of a region from its hit mask, without librsvg, for a caller that lays it
 * over fascia_diagram_render_part()'s drawing and under its labels (the styles it sets with
 * fascia_diagram_set_overlay_styles()). An outline follows the whole shape, over whatever
 * hides part of it, so that a deep muscle shows where it lies; a fill covers only what the
 * regions painted after it (with the layers as they are now) leave in sight, as librsvg
 * would draw it, but for an attachment's (_ORIGIN, _INSERTION), which shows through them in
 * stripes, so that a card shows where a muscle arises and inserts where muscles cover the
 * bone. A few milliseconds for a large region.
 *
 * Returns: (transfer full) (nullable): an ARGB32 image, or %NULL when the region is unknown
 *   or has no pixels, or @style is not one of those
 */
cairo_surface_t *
fascia_diagram_render_region_overlay (FasciaDiagram     *self,
                                      const char        *region_id,
                                      FasciaRegionStyle  style,
                                      double             scale,
                                      double            *x,
                                      double            *y)
{
  const char *fill, *line;
  double opacity;
  int i;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);
  g_return_val_if_fail (scale > 0 && scale <= 16, NULL);

  i = region_index (self, region_id);
  if (i < 0)
    return NULL;

  switch ((int) style)
    {
    case FASCIA_REGION_STYLE_SELECTED:
      return fascia_diagram_render_region_outline (self, region_id, scale, SELECTED_WIDTH,
                                                   FASCIA_DIAGRAM_COLOR_SELECTED, x, y);
    case FASCIA_REGION_STYLE_HOVER:
      return fascia_diagram_render_region_outline (self, region_id, scale, HOVER_WIDTH,
                                                   FASCIA_DIAGRAM_COLOR_HOVER, x, y);
    case FASCIA_REGION_STYLE_FOCUS:
      return fascia_diagram_render_region_outline (self, region_id, scale, FOCUS_WIDTH,
                                                   FASCIA_DIAGRAM_COLOR_FOCUS, x, y);
    case FASCIA_REGION_STYLE_PAIN | FASCIA_REGION_STYLE_TARGET:
      /* A target (a finding, on a body chart) on a region marked painful too: the pain fills
       * it, the target outlines it in its own colour. */
      fascia_diagram_style_fill (FASCIA_REGION_STYLE_TARGET, &fill, &line, &opacity);
      return fascia_diagram_render_region_outline (self, region_id, scale, HOVER_WIDTH, line, x, y);
    default:
      if (!fascia_diagram_style_fill (style, &fill, &line, &opacity))
        return NULL;
      return render_region_fill (self, i, scale, fill, line, opacity,
                                 style == FASCIA_REGION_STYLE_ORIGIN
                                 || style == FASCIA_REGION_STYLE_INSERTION, x, y);
    }
}

/**
 * fascia_diagram_get_region_overlays:
 * @index: a region's index
 * @pass: which pass of the overlays
 * @overlays: (out caller-allocates) (array fixed-size=2): the styles to draw the region in,
 *   one fascia_diagram_render_region_overlay() each, in this order
 *
 * Tells which overlays of its styles a region shows in each pass, when the caller draws its
 * fills and its selected outlines over the rendering (fascia_diagram_set_overlay_styles()):
 * all the regions' overlays of a pass over all those of the pass before. The fills first,
 * the fill that wins among a region's styles, as the stylesheet draws it; then the selected
 * outlines; then the origins and insertions over those, so that an attachment along the
 * selected muscle's own edge (pectineus's pectineal line) is not hidden under its outline. A
 * finding on a region marked painful too (a target and pain) is outlined in the target's
 * colour over its fill, or over its outline when it is selected.
 *
 * Returns: how many styles @overlays holds, none for a region not visible
 */
guint
fascia_diagram_get_region_overlays (FasciaDiagram     *self,
                                    guint              index,
                                    FasciaDiagramPass  pass,
                                    FasciaRegionStyle  overlays[2])
{
  const FasciaRegionStyle attachment = FASCIA_REGION_STYLE_ORIGIN | FASCIA_REGION_STYLE_INSERTION;
  FasciaRegionStyle style, fill;
  gboolean finding;
  guint n = 0;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);
  g_return_val_if_fail (index < self->data->regions->len, 0);
  g_return_val_if_fail (pass < FASCIA_DIAGRAM_N_PASSES, 0);
  g_return_val_if_fail (overlays != NULL, 0);

  style = self->styles[index];
  if (style == FASCIA_REGION_STYLE_NONE || !self->region_visible[index])
    return 0;

  fill = fascia_region_style_shown_fill (style);
  finding = (style & FASCIA_REGION_STYLE_PAIN) && (style & FASCIA_REGION_STYLE_TARGET);
  switch (pass)
    {
    case FASCIA_DIAGRAM_PASS_FILLS:
      if (fill != FASCIA_REGION_STYLE_NONE && !(fill & attachment))
        overlays[n++] = fill;
      if (finding && !(style & FASCIA_REGION_STYLE_SELECTED))
        overlays[n++] = FASCIA_REGION_STYLE_PAIN | FASCIA_REGION_STYLE_TARGET;
      break;
    case FASCIA_DIAGRAM_PASS_SELECTED:
      if (style & FASCIA_REGION_STYLE_SELECTED)
        {
          overlays[n++] = FASCIA_REGION_STYLE_SELECTED;
          if (finding)
            overlays[n++] = FASCIA_REGION_STYLE_PAIN | FASCIA_REGION_STYLE_TARGET;
        }
      break;
    case FASCIA_DIAGRAM_PASS_ATTACHMENTS:
      if (fill & attachment)
        overlays[n++] = fill;
      break;
    default:
      g_assert_not_reached ();
    }

  return n;
}

/* The styles a file draws as a view draws them, over what librsvg draws. */
#define FILE_OVERLAY_STYLES (FASCIA_REGION_STYLE_SELECTED | FASCIA_REGION_STYLE_PAIN \
                             | FASCIA_REGION_STYLE_ORIGIN | FASCIA_REGION_STYLE_INSERTION \
                             | FASCIA_REGION_STYLE_TARGET)

/* The resolution of the overlays in a PDF or SVG, whose drawing is vector and its overlays
 * images: in pixels per inch of the page (of 72 points). */
#define VECTOR_OVERLAY_PPI 300.0

/* Overlays of at most as many pixels as a view drawn this wide: a fill costs about 16 bytes
 * a pixel of its bounds while it is made. */
#define MAX_OVERLAY_WIDTH 8192.0

/* Lays the overlays of @self's styles over @cr, in view units, pass by pass
 * (fascia_diagram_get_region_overlays()), each an image of @overlay_scale pixels a unit. */
static void
draw_overlays (FasciaDiagram *self,
               cairo_t       *cr,
               double         overlay_scale)
{
  for (guint pass = 0; pass < FASCIA_DIAGRAM_N_PASSES; pass++)
    for (guint i = 0; i < self->data->regions->len; i++)
      {
        const FasciaRegion *region = &g_array_index (self->data->regions, FasciaRegion, i);
        FasciaRegionStyle overlays[2];
        guint n = fascia_diagram_get_region_overlays (self, i, pass, overlays);

        for (guint k = 0; k < n; k++)
          {
            cairo_surface_t *surface;
            double x, y;

            surface = fascia_diagram_render_region_overlay (self, region->id, overlays[k],
                                                            overlay_scale, &x, &y);
            if (surface == NULL)
              continue;
            cairo_save (cr);
            cairo_translate (cr, x, y);
            cairo_scale (cr, 1 / overlay_scale, 1 / overlay_scale);
            cairo_set_source_surface (cr, surface, 0, 0);
            cairo_paint (cr);
            cairo_restore (cr);
            cairo_surface_destroy (surface);
          }
      }
}

/* Draws @self whole into @cr at @scale, with its selection and fills laid over the drawing
 * and under the labels as a view lays them (see fascia_diagram_set_overlay_styles()): an
 * attachment under the muscles over it shows through them in stripes, as in the window. */
static gboolean
render_with_overlays (FasciaDiagram  *self,
                      cairo_t        *cr,
                      double          scale,
                      double          overlay_scale,
                      GError        **error)
{
  g_autoptr(FasciaDiagram) copy = fascia_diagram_dup (self);

  fascia_diagram_set_overlay_styles (copy, FILE_OVERLAY_STYLES);
  if (!fascia_diagram_render_part (copy, cr, FASCIA_DIAGRAM_PART_DRAWING, scale, 0, 0, error))
    return FALSE;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  draw_overlays (copy, cr, overlay_scale);
  cairo_restore (cr);

  return fascia_diagram_render_part (copy, cr, FASCIA_DIAGRAM_PART_LABELS, scale, 0, 0, error);
}

/**
 * fascia_diagram_get_over_samples: (skip)
 *
 * Counts the samples the fills (fascia_diagram_render_region_overlay()) have taken of the
 * masks of the regions over theirs, for tests: the work of a fill beyond its own mask.
 */
guint64
fascia_diagram_get_over_samples (FasciaDiagram *self)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);

  return self->over_samples;
}

/* Half of 16384 × 16384: a 512 MiB image in memory. */
#define MAX_PNG_PIXELS (16384.0 * 16384.0 / 2)

static cairo_status_t
write_to_file_cb (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  return fascia_file_writer_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                          : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * fascia_diagram_render_to_file:
 * @path: a file ending in `.png`, `.svg` or `.pdf`
 * @width: the width of the image in pixels (PNG) or points (SVG, PDF); the height follows
 *   from the view's proportions
 *
 * Writes the view with its styles to a file, as a view shows it: the selection, the
 * attachments and the fills drawn over the drawing (fascia_diagram_get_region_overlays()),
 * images in a PDF or SVG. A PNG has a white background.
 */
gboolean
fascia_diagram_render_to_file (FasciaDiagram  *self,
                               const char     *path,
                               double          width,
                               GError        **error)
{
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  double scale, overlay_scale, height;
  gboolean png;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(width >= 1 && width <= 16384))
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                   "The width must be from 1 to 16384, not %g", width);
      return FALSE;
    }

  scale = width / self->data->width;
  height = MAX (1, round (self->data->height * scale));
  lower = g_ascii_strdown (path, -1);
  png = g_str_has_suffix (lower, ".png");

  if (!png && !g_str_has_suffix (lower, ".pdf") && !g_str_has_suffix (lower, ".svg"))
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_IO,
                   "Cannot tell the format of “%s”: name it .png, .svg or .pdf", path);
      return FALSE;
    }

  if (png)
    {
      width = round (width);
      if (width * height > MAX_PNG_PIXELS)
        {
          double largest = floor (sqrt (MAX_PNG_PIXELS * self->data->width / self->data->height));

          g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                       "A PNG of %g × %g pixels is too large: at most %g million pixels, a "
                       "width of at most %g for this view; write .svg or .pdf for a larger one",
                       width, height, MAX_PNG_PIXELS / 1e6, largest);
          return FALSE;
        }
    }

  /* Through a fresh temporary file beside @path, never through a link planted there. */
  writer = fascia_file_writer_new (path, FASCIA_FILE_WRITE_NONE, &local_error);
  if (writer == NULL)
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_IO,
                           local_error->message);
      return FALSE;
    }

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create_for_stream (write_to_file_cb, writer, width, height);
  else
    surface = cairo_svg_surface_create_for_stream (write_to_file_cb, writer, width, height);

  /* A PNG's overlays are drawn pixel for pixel, a vector file's at VECTOR_OVERLAY_PPI. */
  overlay_scale = png ? scale : scale * VECTOR_OVERLAY_PPI / 72.0;
  overlay_scale = MIN (overlay_scale, MIN (16.0, MAX_OVERLAY_WIDTH / self->data->width));

  cr = cairo_create (surface);
  if (png)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  ok = render_with_overlays (self, cr, scale, overlay_scale, error);
  cairo_destroy (cr);

  if (ok && png)
    status = cairo_surface_write_to_png_stream (surface, write_to_file_cb, writer);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (!ok)
    return FALSE;

  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_IO,
                   "Cannot write “%s”: %s", path, cairo_status_to_string (status));
      return FALSE;
    }

  /* A write error is the writer's, with its reason (a full disk). */
  if (!fascia_file_writer_commit (writer, &local_error))
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_IO,
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * fascia_diagram_add_style_for:
 * @kind: the kind of regions
 * @atlas_id: the muscle or landmark they show
 * @style: the style flags to add
 *
 * Adds @style to every region of @kind that shows @atlas_id, on either side (every
 * trigger point or referral zone of a muscle, for those kinds).
 *
 * Returns: how many regions this view has for @atlas_id
 */
guint
fascia_diagram_add_style_for (FasciaDiagram     *self,
                              FasciaRegionKind   kind,
                              const char        *atlas_id,
                              FasciaRegionStyle  style)
{
  gboolean any = FALSE;
  guint n = 0;

  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);
  g_return_val_if_fail (atlas_id != NULL, 0);
  g_return_val_if_fail (style <= 0xff, 0);

  for (guint i = 0; i < self->data->regions->len; i++)
    {
      const FasciaRegion *region = &g_array_index (self->data->regions, FasciaRegion, i);

      if (region->kind != kind || !g_str_equal (region->atlas_id, atlas_id))
        continue;

      n++;
      if ((self->styles[i] | style) != self->styles[i])
        {
          any |= style_change_drawn (self, self->styles[i], self->styles[i] | style);
          self->styles[i] |= style;
        }
    }

  if (any)
    changed (self);

  return n;
}

static void
style_landmarks (FasciaDiagram     *self,
                 GPtrArray         *attachments,
                 FasciaRegionStyle  style)
{
  for (guint i = 0; i < attachments->len; i++)
    {
      const FasciaAttachment *attachment = g_ptr_array_index (attachments, i);

      for (guint j = 0; attachment->landmarks[j] != NULL; j++)
        fascia_diagram_add_style_for (self, FASCIA_REGION_LANDMARK, attachment->landmarks[j],
                                      style);
    }
}

/**
 * fascia_diagram_show_attachments:
 * @muscle: a muscle
 *
 * Selects @muscle and colours the landmarks it arises from (%FASCIA_REGION_STYLE_ORIGIN)
 * and inserts on (%FASCIA_REGION_STYLE_INSERTION), adding to the present styles.
 *
 * Returns: how many regions of the muscle itself this view has
 */
guint
fascia_diagram_show_attachments (FasciaDiagram *self,
                                 FasciaMuscle  *muscle)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);
  g_return_val_if_fail (FASCIA_IS_MUSCLE (muscle), 0);

  style_landmarks (self, fascia_muscle_get_origins (muscle), FASCIA_REGION_STYLE_ORIGIN);
  style_landmarks (self, fascia_muscle_get_insertions (muscle), FASCIA_REGION_STYLE_INSERTION);

  return fascia_diagram_add_style_for (self, FASCIA_REGION_MUSCLE,
                                       fascia_muscle_get_id (muscle),
                                       FASCIA_REGION_STYLE_SELECTED);
}

/**
 * fascia_diagram_show_referral:
 * @muscle_id: a muscle id
 *
 * Shows every referral zone of the muscle's trigger points and selects the points,
 * adding to the present styles.
 *
 * Returns: how many referral zones of the muscle this view has
 */
guint
fascia_diagram_show_referral (FasciaDiagram *self,
                              const char    *muscle_id)
{
  g_return_val_if_fail (FASCIA_IS_DIAGRAM (self), 0);
  g_return_val_if_fail (muscle_id != NULL, 0);

  fascia_diagram_add_style_for (self, FASCIA_REGION_TRIGGER_POINT, muscle_id,
                                FASCIA_REGION_STYLE_SELECTED);

  return fascia_diagram_add_style_for (self, FASCIA_REGION_REFERRAL_ZONE, muscle_id,
                                       FASCIA_REGION_STYLE_SHOWN);
}
