-- 010-client-search-fresh.sql — nothing to do in a file.
--
-- On a clinic server (sql-postgresql/010-client-search-fresh.sql) the GIN trigram index of the
-- client search stops keeping new entries in a pending list, which made the server read every
-- client after an import. SQLite's FTS5 trigram index (004) has no such list; SQLite keeps the
-- same number so that both engines count their migrations alike.
SELECT 1;
