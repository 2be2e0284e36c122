-- 009-amendment-author.sql — an amendment of a locked note names its author.
--
-- amended_by is who changed the note after it locked. In a file it is the login name of the
-- computer's user the store runs as (a file has one user, but a laptop can have several
-- accounts); on a clinic server it is the server's session user, stamped by the server
-- (sql-postgresql/009-amendment-author.sql). Amendments made before this version name no one
-- (NULL) and are shown without an author.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE amendments ADD COLUMN amended_by TEXT;
