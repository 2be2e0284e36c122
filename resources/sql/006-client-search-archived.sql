-- 006-client-search-archived.sql — the length of a search's list from the trigram index,
-- without reading the clients it found.
--
-- The trigram index (004) holds archived clients too, whom the list leaves out: the store
-- counted a search by looking up every client the index found (thousands, at random across
-- the table). It now counts them from the index and takes away the archived clients that
-- hold the same terms, which this index answers by reading the archived clients alone —
-- usually a few, against a clinic of many. The store chooses the other way when they are
-- many.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE INDEX clients_archived ON clients (search_key) WHERE archived = 1 AND deleted_at IS NULL;
