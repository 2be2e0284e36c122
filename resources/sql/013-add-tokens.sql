-- 013-add-tokens.sql — each plan target and body-chart mark added carries the token its
-- INSERT was sent with.
--
-- A plan target or mark added on a clinic server whose line falls as the INSERT is sent may
-- or may not have been committed: the journal of unsaved edits (fascia-store-journal.c)
-- keeps the addition with a token made on this computer (a random UUID) and the same token
-- went into the INSERT, so that the replay asks the server for the row of that token — there:
-- the addition reached it, and is not added again; not there: it did not, and is added,
-- however alike the rows the server holds. Never matched by content.
--
-- A file has no server to lose, but its schema is the server's (sql-postgresql/013-add-tokens.sql),
-- so that `--copy-database` moves a clinic either way with its tokens. Rows made before this
-- version, and the rows of an older Fascia, have none (NULL). Each token is unique.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE plan_targets ADD COLUMN add_token TEXT;
CREATE UNIQUE INDEX plan_targets_by_add_token ON plan_targets (add_token)
  WHERE add_token IS NOT NULL;

ALTER TABLE pain_marks ADD COLUMN add_token TEXT;
CREATE UNIQUE INDEX pain_marks_by_add_token ON pain_marks (add_token)
  WHERE add_token IS NOT NULL;
