-- 014-row-add-tokens.sql — each client, plan and visit added carries the token its INSERT was
-- sent with, as plan targets and marks do (013-add-tokens.sql).
--
-- A client, plan or visit added on a clinic server while its line is down, or as it falls, is
-- kept in the journal of unsaved edits (fascia-store-journal.c) with a token made on this
-- computer (a random UUID), and the same token goes into its INSERT: the replay asks the
-- server for the row of that token, and adds the row only when the server has none. Never
-- matched by content: two visits alike on one day are two visits.
--
-- A file has no server to lose, but its schema is the server's
-- (sql-postgresql/014-row-add-tokens.sql), so that `--copy-database` moves a clinic either way
-- with its tokens. Rows made before this version have none (NULL). Each token is unique.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN add_token TEXT;
CREATE UNIQUE INDEX clients_by_add_token ON clients (add_token) WHERE add_token IS NOT NULL;

ALTER TABLE plans ADD COLUMN add_token TEXT;
CREATE UNIQUE INDEX plans_by_add_token ON plans (add_token) WHERE add_token IS NOT NULL;

ALTER TABLE visits ADD COLUMN add_token TEXT;
CREATE UNIQUE INDEX visits_by_add_token ON visits (add_token) WHERE add_token IS NOT NULL;

-- The token of each row added that is removed for good (fascia_store_purge_deleted(), or the
-- removal of the row it belongs to): a replay that finds no row of its token looks here, and
-- tells the user the row was deleted elsewhere rather than adding it again.
CREATE TABLE purged_add_tokens (
  add_token TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TRIGGER clients_purged AFTER DELETE ON clients WHEN old.add_token IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO purged_add_tokens (add_token) VALUES (old.add_token);
END;
CREATE TRIGGER plans_purged AFTER DELETE ON plans WHEN old.add_token IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO purged_add_tokens (add_token) VALUES (old.add_token);
END;
CREATE TRIGGER visits_purged AFTER DELETE ON visits WHEN old.add_token IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO purged_add_tokens (add_token) VALUES (old.add_token);
END;
CREATE TRIGGER plan_targets_purged AFTER DELETE ON plan_targets WHEN old.add_token IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO purged_add_tokens (add_token) VALUES (old.add_token);
END;
CREATE TRIGGER pain_marks_purged AFTER DELETE ON pain_marks WHEN old.add_token IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO purged_add_tokens (add_token) VALUES (old.add_token);
END;
