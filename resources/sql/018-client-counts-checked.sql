-- 018-client-counts-checked.sql — nothing to do in a file.
--
-- On a clinic server (sql-postgresql/018-client-counts-checked.sql) the check before an
-- import no longer counts its clients, so that it holds no row of client_counts that other
-- therapists' saves wait for. A file has one writer at a time, this window, whose import
-- dialog stays over it while the check runs; it keeps the same number so that both engines
-- count their migrations alike.
SELECT 1;
