-- 003-intake.sql — the intake's wider vocabulary (as sql/003-intake.sql).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN pregnancy_trimester integer NOT NULL DEFAULT 0
  CHECK (pregnancy_trimester BETWEEN 0 AND 3);
ALTER TABLE clients ADD COLUMN hip_replacement_anterior integer NOT NULL DEFAULT 0
  CHECK (hip_replacement_anterior IN (0, 1));
ALTER TABLE clients ADD COLUMN hip_replacement_posterior integer NOT NULL DEFAULT 0
  CHECK (hip_replacement_posterior IN (0, 1));
ALTER TABLE clients ADD COLUMN abdominal_hernia integer NOT NULL DEFAULT 0
  CHECK (abdominal_hernia IN (0, 1));
ALTER TABLE clients ADD COLUMN smoker integer NOT NULL DEFAULT 0 CHECK (smoker IN (0, 1));
ALTER TABLE clients ADD COLUMN vascular_disease integer NOT NULL DEFAULT 0
  CHECK (vascular_disease IN (0, 1));
ALTER TABLE clients ADD COLUMN cancer integer NOT NULL DEFAULT 0 CHECK (cancer IN (0, 1));
ALTER TABLE clients ADD COLUMN stoma integer NOT NULL DEFAULT 0 CHECK (stoma IN (0, 1));
ALTER TABLE clients ADD COLUMN endometriosis integer NOT NULL DEFAULT 0
  CHECK (endometriosis IN (0, 1));
