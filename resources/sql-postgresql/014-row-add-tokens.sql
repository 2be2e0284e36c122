-- 014-row-add-tokens.sql — each client, plan and visit added carries the token its INSERT was
-- sent with (as sql/014-row-add-tokens.sql).
--
-- The replay of the journal of unsaved edits asks for the row of an addition's token when the
-- server is back, to know whether an INSERT sent as the line fell was committed: a unique
-- index answers that at once, whatever the number of rows. Rows made before this version have
-- none (NULL). The front desk adds clients: it may write and read their tokens
-- (fascia-store-clinic.c).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN add_token text;
CREATE UNIQUE INDEX clients_by_add_token ON clients (add_token) WHERE add_token IS NOT NULL;

ALTER TABLE plans ADD COLUMN add_token text;
CREATE UNIQUE INDEX plans_by_add_token ON plans (add_token) WHERE add_token IS NOT NULL;

ALTER TABLE visits ADD COLUMN add_token text;
CREATE UNIQUE INDEX visits_by_add_token ON visits (add_token) WHERE add_token IS NOT NULL;
