-- 013-add-tokens.sql — each plan target and body-chart mark added carries the token its
-- INSERT was sent with (as sql/013-add-tokens.sql).
--
-- The journal of unsaved edits asks for the row of an addition's token when the server is
-- back, to know whether an INSERT sent as the line fell was committed: a unique index answers
-- that at once, whatever the number of rows. Rows made before this version have none (NULL).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE plan_targets ADD COLUMN add_token text;
CREATE UNIQUE INDEX plan_targets_by_add_token ON plan_targets (add_token)
  WHERE add_token IS NOT NULL;

ALTER TABLE pain_marks ADD COLUMN add_token text;
CREATE UNIQUE INDEX pain_marks_by_add_token ON pain_marks (add_token)
  WHERE add_token IS NOT NULL;
