-- 008-audit.sql — the clinic server's audit trail: nothing to do in a file.
--
-- On a clinic server (sql-postgresql/008-audit.sql) an append-only table records who (the
-- server's session user) changed which clinical or client row, and when. A file has one user,
-- the therapist whose laptop it is, and no logins to tell apart; SQLite keeps the same number
-- so that both engines count their migrations alike.
SELECT 1;
