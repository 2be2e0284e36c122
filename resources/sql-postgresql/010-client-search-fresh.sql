-- 010-client-search-fresh.sql — search as you type reads the trigram index even right after
-- many clients arrived at once (an import, a copy to the server, a demo clinic).
--
-- A GIN index normally keeps new entries in a pending list that only a vacuum merges; until
-- then every search must read the whole list, and the server, seeing that cost, reads every
-- client instead: a search among 20,000 clients just imported read all 20,000 (tests/core/
-- test-client-list.c, search-reads-index). Without the pending list each new client goes
-- straight into the index; the list left by earlier versions is merged now.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER INDEX clients_search SET (fastupdate = off);
SELECT gin_clean_pending_list('clients_search'::regclass);
