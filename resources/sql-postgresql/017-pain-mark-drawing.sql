-- 017-pain-mark-drawing.sql — on a clinic server, each body-chart mark says which drawing of
-- its view it was placed on (as sql/017-pain-mark-drawing.sql).
--
-- A free mark keeps a point in its view's coordinates, which mean a spot of the body only on
-- the drawing the mark was placed on; 016 had to guess it from when the mark was made. Each
-- view's drawings are numbered from 1, the next number each time it is redrawn with a new
-- frame (fascia-view-drawing.c): the Front view and the two superficial views, redrawn to
-- reach the knee, are at their drawing 2, the others at their first. Every mark here is on
-- its view's current drawing, 016 having moved those made before the redraw. The default
-- only fills the rows of before: the store always says which drawing. The audit trail
-- records the rows given their drawing.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE pain_marks ADD COLUMN drawing integer NOT NULL DEFAULT 1 CHECK (drawing > 0);

UPDATE pain_marks SET drawing = 2
  WHERE view_id IN ('anterior', 'posterior-superficial', 'front-superficial');
