-- 007-revisions.sql — no lost update: every editable row counts its saves.
--
-- A save names the revision its editor read (UPDATE … WHERE id = ? AND revision = ?) and
-- counts it up; a save that finds another revision changes nothing and tells the editor,
-- which shows the other version and lets the user choose. updated_by is who saved last where
-- the database knows it: a clinic server's login (sql-postgresql/007-revisions.sql); a file
-- on one computer has one user and leaves it empty. The clinic server's change
-- notifications (LISTEN/NOTIFY) are PostgreSQL's alone: a file has no other writer to hear.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0);
ALTER TABLE clients ADD COLUMN updated_by TEXT;
ALTER TABLE plans ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0);
ALTER TABLE plans ADD COLUMN updated_by TEXT;
ALTER TABLE visits ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0);
ALTER TABLE visits ADD COLUMN updated_by TEXT;
