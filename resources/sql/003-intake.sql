-- 003-intake.sql — the intake's wider vocabulary (issue 14, "Safety as data").
--
-- The conditions every technique's contraindications are written in (src/core/fascia-condition.c)
-- that the first schema did not record: pregnancy's trimester (0 when not given), hip replacement
-- by surgical approach, abdominal hernia, the aortic aneurysm risk factors (smoking, vascular
-- disease or a known aneurysm; age comes from date_of_birth), cancer or active treatment, stoma,
-- endometriosis.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN pregnancy_trimester INTEGER NOT NULL DEFAULT 0
  CHECK (pregnancy_trimester BETWEEN 0 AND 3);
ALTER TABLE clients ADD COLUMN hip_replacement_anterior INTEGER NOT NULL DEFAULT 0
  CHECK (hip_replacement_anterior IN (0, 1));
ALTER TABLE clients ADD COLUMN hip_replacement_posterior INTEGER NOT NULL DEFAULT 0
  CHECK (hip_replacement_posterior IN (0, 1));
ALTER TABLE clients ADD COLUMN abdominal_hernia INTEGER NOT NULL DEFAULT 0
  CHECK (abdominal_hernia IN (0, 1));
ALTER TABLE clients ADD COLUMN smoker INTEGER NOT NULL DEFAULT 0 CHECK (smoker IN (0, 1));
ALTER TABLE clients ADD COLUMN vascular_disease INTEGER NOT NULL DEFAULT 0
  CHECK (vascular_disease IN (0, 1));
ALTER TABLE clients ADD COLUMN cancer INTEGER NOT NULL DEFAULT 0 CHECK (cancer IN (0, 1));
ALTER TABLE clients ADD COLUMN stoma INTEGER NOT NULL DEFAULT 0 CHECK (stoma IN (0, 1));
ALTER TABLE clients ADD COLUMN endometriosis INTEGER NOT NULL DEFAULT 0
  CHECK (endometriosis IN (0, 1));
