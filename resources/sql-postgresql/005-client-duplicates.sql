-- 005-client-duplicates.sql — an import finds the clients a row repeats without reading every
-- client (as sql/005-client-duplicates.sql).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE INDEX clients_by_email ON clients (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX clients_by_birth ON clients (date_of_birth) WHERE deleted_at IS NULL;
