-- 011-client-counts-spread.sql — nothing to do in a file.
--
-- On a clinic server (sql-postgresql/011-client-counts-spread.sql) the count of clients is
-- spread over 64 rows, which a bulk insert and concurrent writers no longer queue on. SQLite
-- has one writer at a time and no such queue; it keeps the same number so that both engines
-- count their migrations alike.
SELECT 1;
