-- 015-client-change-stamp.sql — nothing to do in a file.
--
-- On a clinic server (sql-postgresql/015-client-change-stamp.sql) a stamp moves when a
-- transaction that changes clients commits, for the search to narrow what a keystroke found
-- only while no one changed a client. A file has it already: SQLite's PRAGMA data_version
-- moves when another connection commits, and the connection counts its own changes
-- (fascia-client-list.c reads both). It keeps the same number so that both engines count
-- their migrations alike.
SELECT 1;
