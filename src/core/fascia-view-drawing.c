/* fascia-view-drawing.c — the drawings each view has had, and the frames between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-store"

#include "config.h"

#include "fascia/fascia-view-drawing.h"

/*
 * A pain mark that is not on a region keeps a point in its view's canvas coordinates (the
 * drawing's user units, 1200 × 1500), and the drawing it was placed on is numbered: a view's
 * first drawing is 1, and each time a view is redrawn with a new frame (origin and scale,
 * build-aux/diagrams/generate.py, View) it gets the next number, with the transform that takes
 * a point on the drawing before to the same spot of the body on the new one:
 * X' = 600 + s (X − 600), Y' = b + s (Y − a), s the new scale over the old. Redrawing a view
 * again is one more row below and a migration (see `schema`), and moves no row of a database:
 * the store converts a point of an older drawing when it reads or writes the mark, and an
 * import when it reads the file.
 *
 * The rows are those of migration 016 (sql/016-pain-marks-redrawn.sql), which moved the
 * marks of the databases of before, computed the same way so that a mark converted here
 * lies exactly where 016 put it. `since` is when the drawing came (µs since the epoch, UTC):
 * a mark whose file does not say on which drawing it was placed is taken to be on the one of
 * the time it was made (fascia_view_drawing_at()), as 016 does.
 *
 * A redraw also comes with a migration, `schema` below, even one that changes nothing (as
 * sql/011 does in a file): a database is refused by a Fascia older than its schema, and one
 * that knew only the drawing before would otherwise open it, show its marks on the new drawing
 * at the old drawing's points (on other anatomy) and refuse to save them. A clinic whose
 * computers are updated one after another meets this. The store-migrate test
 * …/drawings-migrated fails while a view's redraw names no migration later than its drawing
 * before's; that the migration is a new one, not an older one that happens to be later, is
 * for whoever writes the row to see to.
 */

typedef struct
{
  const char *view_id;
  guint       drawing;  /* the drawing this frame leads to */
  gint64      since;
  double      s, a, b;
  /* The frame of the drawing before, in which its points were placed (see Frame): the views
   * test …/frames-known checks the transform above against it and the frame after */
  double      x0, y0, top, scale;
  guint       schema;   /* the migration that came with it: from this schema version on, a
                         * database may hold marks on it */
} Redraw;

static const Redraw redraws[] = {
  /* Reframed to reach the knee: −100 mm at y 215 → −63 mm at y 8, 1.8 units/mm kept. */
  { "anterior", 2, G_GINT64_CONSTANT (1796490852000000), 1.0, 273.6, 0.0,
    600.0, 215.0, -100.0, 1.8, 16 },
  /* 1.8 → 1.53 units/mm; −100 mm at y 215 → at y 172.55. */
  { "posterior-superficial", 2, G_GINT64_CONSTANT (1796501194000000), 0.85, 215.0, 172.55,
    600.0, 215.0, -100.0, 1.8, 16 },
  /* 1.8 → 1.62 units/mm; −150 mm at y 8 kept. */
  { "front-superficial", 2, G_GINT64_CONSTANT (1796501194000000), 0.9, 8.0, 8.0,
    600.0, 8.0, -150.0, 1.8, 16 },
  /* Reframed to 10 cm below the knee's joint line (805 mm, not 765), its top kept:
   * 1.53 → 1.47 units/mm; −100 mm at y 172.55 → at y 165.65. */
  { "posterior-superficial", 3, G_GINT64_CONSTANT (1796564700000000), 1.47 / 1.53, 172.55, 165.65,
    600.0, 172.55, -100.0, 1.53, 19 },
};

/* The frame of each view's current drawing, as build-aux/diagrams/generate.py draws it and
 * writes it on the drawing's root (data-fascia-frame): X = x0 ± scale · a, Y = y0 + scale ·
 * (y − top), a and y in mm. A view redrawn with another frame is a new drawing: the test
 * views …/frames-known fails until its row above and its frame here are written. */
typedef struct
{
  const char *view_id;
  double      x0, y0, top, scale;
} Frame;

static const Frame frames[] = {
  { "anterior",              600.0, 8.0,    -63.0,  1.8 },
  { "posterior-superficial", 600.0, 165.65, -100.0, 1.47 },
  { "posterior-deep",        600.0, 8.0,    -63.0,  1.8 },
  { "lateral",               636.0, 38.0,   -35.0,  1.8 },
  { "front-superficial",     600.0, 8.0,    -150.0, 1.62 },
  { "pelvis-medial",         590.0, 52.0,   -172.0, 2.55 },
};

/**
 * fascia_view_drawing_get_frame:
 * @view_id: a view of the atlas
 * @x0: (out): the canvas x of the body's midline (or the side view's reference line)
 * @y0: (out): the canvas y of @top
 * @top: (out): the height, in mm, at the top of the frame
 * @scale: (out): canvas units per mm
 *
 * The frame of the view's current drawing (fascia_view_drawing_current()).
 *
 * Returns: %FALSE for an id that names no view.
 */
gboolean
fascia_view_drawing_get_frame (const char *view_id,
                               double     *x0,
                               double     *y0,
                               double     *top,
                               double     *scale)
{
  g_return_val_if_fail (view_id != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    if (g_str_equal (frames[i].view_id, view_id))
      {
        *x0 = frames[i].x0;
        *y0 = frames[i].y0;
        *top = frames[i].top;
        *scale = frames[i].scale;
        return TRUE;
      }
  return FALSE;
}

/**
 * fascia_view_drawing_get_frame_of:
 * @view_id: a view of the atlas
 * @drawing: one of its drawings, from 1
 *
 * The frame of the view's drawing @drawing, current or older, as fascia_view_drawing_get_frame()
 * gives the current one's.
 *
 * Returns: %FALSE for a drawing the view never had, or an id that names no view.
 */
gboolean
fascia_view_drawing_get_frame_of (const char *view_id,
                                  guint       drawing,
                                  double     *x0,
                                  double     *y0,
                                  double     *top,
                                  double     *scale)
{
  g_return_val_if_fail (view_id != NULL, FALSE);

  if (drawing == fascia_view_drawing_current (view_id))
    return fascia_view_drawing_get_frame (view_id, x0, y0, top, scale);
  for (guint i = 0; i < G_N_ELEMENTS (redraws); i++)
    if (g_str_equal (redraws[i].view_id, view_id) && redraws[i].drawing == drawing + 1)
      {
        *x0 = redraws[i].x0;
        *y0 = redraws[i].y0;
        *top = redraws[i].top;
        *scale = redraws[i].scale;
        return TRUE;
      }
  return FALSE;
}

/**
 * fascia_view_drawing_current:
 * @view_id: a view of the atlas
 *
 * Returns: the number of the view's drawing as it is now: 1 for a view never redrawn (and
 *   for an id that names no view).
 */
guint
fascia_view_drawing_current (const char *view_id)
{
  guint current = 1;

  g_return_val_if_fail (view_id != NULL, 1);

  for (guint i = 0; i < G_N_ELEMENTS (redraws); i++)
    if (g_str_equal (redraws[i].view_id, view_id))
      current = MAX (current, redraws[i].drawing);
  return current;
}

/**
 * fascia_view_drawing_get_schema:
 * @view_id: a view of the atlas
 * @drawing: one of its drawings, from 1
 *
 * Returns: the schema version of the migration that came with the drawing (a database of an
 *   older one holds no mark on it); 0 for a view's first drawing, and for a drawing the view
 *   never had.
 */
guint
fascia_view_drawing_get_schema (const char *view_id,
                                guint       drawing)
{
  g_return_val_if_fail (view_id != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (redraws); i++)
    if (g_str_equal (redraws[i].view_id, view_id) && redraws[i].drawing == drawing)
      return redraws[i].schema;
  return 0;
}

/**
 * fascia_view_drawing_at:
 * @view_id: a view of the atlas
 * @usec: a time, in µs since the epoch (UTC)
 *
 * Returns: the drawing the view had at @usec: the one a mark made then was placed on.
 */
guint
fascia_view_drawing_at (const char *view_id,
                        gint64      usec)
{
  guint drawing = 1;

  g_return_val_if_fail (view_id != NULL, 1);

  for (guint i = 0; i < G_N_ELEMENTS (redraws); i++)
    if (g_str_equal (redraws[i].view_id, view_id) && usec >= redraws[i].since)
      drawing = MAX (drawing, redraws[i].drawing);
  return drawing;
}

/**
 * fascia_view_drawing_convert:
 * @view_id: a view of the atlas
 * @drawing: the drawing of the view the point is on, from 1
 * @x: (inout): the point's x on it, then on the current drawing
 * @y: (inout): the point's y on it, then on the current drawing
 *
 * Moves a point of an older drawing of @view_id to where the same spot of the body lies on
 * its current drawing (fascia_view_drawing_current()); one of the current drawing stays.
 *
 * Returns: %FALSE, changing nothing, when the view has no drawing @drawing.
 */
gboolean
fascia_view_drawing_convert (const char *view_id,
                             guint       drawing,
                             double     *x,
                             double     *y)
{
  g_return_val_if_fail (view_id != NULL, FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  if (drawing < 1 || drawing > fascia_view_drawing_current (view_id))
    return FALSE;

  /* The rows of a view are in the order of its drawings. */
  for (guint i = 0; i < G_N_ELEMENTS (redraws); i++)
    {
      const Redraw *r = &redraws[i];

      if (!g_str_equal (r->view_id, view_id) || r->drawing <= drawing)
        continue;
      /* As 016 computes it; a frame that keeps its scale leaves x exactly as it was. */
      if (r->s != 1.0)
        *x = 600 + r->s * (*x - 600);
      *y = r->b + r->s * (*y - r->a);
    }
  return TRUE;
}
