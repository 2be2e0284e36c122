-- 012-client-search-covering.sql — the search's walks of the name index read the index
-- alone, never the table (as sql/012-client-search-covering.sql).
--
-- The search orders and pages by (sort_key, archived, search_key, id), but clients_by_name
-- (001) held only the first three: PostgreSQL has no rowid riding along, so every entry
-- walked (a count in the background, a page of a common term, the end of a count's step)
-- fetched its row from the table for the id, and sorted each run of equal names by it again.
-- With id in the index the same walks are index-only scans in list order, with no sort
-- (tests/core/test-client-list.c `covering` asks the server's plans). deleted_at need not be
-- in it: PostgreSQL answers a partial index's own condition without reading the column.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

DROP INDEX clients_by_name;
CREATE INDEX clients_by_name ON clients (sort_key, archived, search_key, id)
  WHERE deleted_at IS NULL;
