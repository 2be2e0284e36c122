-- 016-pain-marks-redrawn.sql — on a clinic server, the body chart's free marks follow the
-- drawings that were redrawn to reach the knee.
--
-- A pain mark that is not on a region keeps a point in its view's coordinates (the drawing's
-- user units, 1200 × 1500). Three views were reframed to show the thigh down to the knee,
-- each a new scale and origin (build-aux/diagrams/generate.py, View): the Front view on
-- 5 Dec 2026 at 17:14:12 UTC, the two superficial views at 20:06:34 UTC. A point marked on the
-- drawing as it was is moved to where the same spot of the body lies on the drawing as it is,
-- X' = 600 + s (X − 600), Y' = b + s (Y − a), s the new scale over the old:
--
--   anterior               1.8 → 1.8  units/mm, frame from −100 mm at y 215 → −63 mm at y 8:
--                          X' = X, Y' = Y − 273.6
--   posterior-superficial  1.8 → 1.53 (s = 0.85), −100 mm at y 215 → −100 mm at y 172.55:
--                          Y' = 172.55 + 0.85 (Y − 215)
--   front-superficial      1.8 → 1.62 (s = 0.9), −150 mm at y 8 → −150 mm at y 8:
--                          Y' = 8 + 0.9 (Y − 8)
--
-- Which drawing a mark was placed on is not recorded: a mark made before its view was redrawn
-- is taken to be on the old drawing (a build made between that moment and this version
-- placed its marks on the new one already, and those are left as they are). Marks on regions
-- name the region, whatever the drawing, and are left too. As in a file
-- (sql/016-pain-marks-redrawn.sql); the audit trail records the rows moved.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

UPDATE pain_marks SET y = y - 273.6
  WHERE view_id = 'anterior' AND region_id IS NULL AND x IS NOT NULL AND y IS NOT NULL
    AND created_at < 1796490852000000;

UPDATE pain_marks SET x = 600 + 0.85 * (x - 600), y = 172.55 + 0.85 * (y - 215)
  WHERE view_id = 'posterior-superficial' AND region_id IS NULL AND x IS NOT NULL
    AND y IS NOT NULL AND created_at < 1796501194000000;

UPDATE pain_marks SET x = 600 + 0.9 * (x - 600), y = 8 + 0.9 * (y - 8)
  WHERE view_id = 'front-superficial' AND region_id IS NULL AND x IS NOT NULL
    AND y IS NOT NULL AND created_at < 1796501194000000;
