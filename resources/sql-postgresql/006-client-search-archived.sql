-- 006-client-search-archived.sql — the archived clients apart, so that a search counts the
-- clients it leaves out from them alone (as sql/006-client-search-archived.sql).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE INDEX clients_archived ON clients (search_key) WHERE archived = 1 AND deleted_at IS NULL;
