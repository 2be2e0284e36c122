-- 017-pain-mark-drawing.sql — each body-chart mark says which drawing of its view it was
-- placed on.
--
-- A free mark keeps a point in its view's coordinates, which mean a spot of the body only on
-- the drawing the mark was placed on; 016 had to guess it from when the mark was made. Each
-- view's drawings are numbered from 1, the next number each time it is redrawn with a new
-- frame (fascia-view-drawing.c holds the numbers and the transforms between them): the
-- Front view and the two superficial views, redrawn to reach the knee, are at their
-- drawing 2, the others at their first. The store converts a point of an older drawing to
-- the current one as it reads or writes the mark, so that the next redraw needs no
-- migration; an import converts what a file of before says.
--
-- Every mark here is on its view's current drawing: 016 moved those made before the redraw.
-- A mark on a region carries its drawing too (the region names the spot on any drawing).
-- The default only fills the rows of before: the store always says which drawing. The same
-- on a clinic server (sql-postgresql/017-pain-mark-drawing.sql).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE pain_marks ADD COLUMN drawing INTEGER NOT NULL DEFAULT 1 CHECK (drawing > 0);

UPDATE pain_marks SET drawing = 2
  WHERE view_id IN ('anterior', 'posterior-superficial', 'front-superficial');
