-- 012-client-search-covering.sql — the search's walks of the name index read the index
-- alone, never the table.
--
-- clients_by_name (001) was meant to cover the search: (sort_key, archived, search_key) and
-- the rowid. But every query of the search also says deleted_at IS NULL (the index's own
-- condition), and SQLite counts an index as covering only when it holds every column a query
-- names: deleted_at was not in it, so each entry walked (a count in the background, a page of
-- a common term, the end of a count's step) looked its row up in the table — at 100,000
-- clients, thousands of rows read at random for a keystroke. Now deleted_at is the index's
-- first column: always NULL here, so the order is still the list's (sort_key, archived,
-- search_key, rowid), `deleted_at IS NULL` is an equality the index answers, and a walk is
-- read from the index alone (tests/core/test-client-list.c `covering` asks SQLite's plans).
--
-- clients_archived (006), which counts the archived clients holding a search's terms, named
-- archived and deleted_at too: the same, with them first.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

DROP INDEX clients_by_name;
CREATE INDEX clients_by_name ON clients (deleted_at, sort_key, archived, search_key)
  WHERE deleted_at IS NULL;

DROP INDEX clients_archived;
CREATE INDEX clients_archived ON clients (archived, deleted_at, search_key)
  WHERE archived = 1 AND deleted_at IS NULL;
