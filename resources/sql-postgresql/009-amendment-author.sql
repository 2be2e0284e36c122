-- 009-amendment-author.sql — an amendment of a locked note names its author (as
-- sql/009-amendment-author.sql).
--
-- The server stamps amended_by with the session's login on every insert and update, so no
-- therapist can name someone else. Only a login that is a member of the table's owner (the
-- owner who moves a clinic in with --copy-database, or imports another installation's
-- records) may write the author an amendment already had, so that moving a clinic keeps who
-- amended what; for it too, an amendment that names no one is stamped.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE amendments ADD COLUMN amended_by text;

CREATE FUNCTION stamp_amended_by () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amended_by IS NULL OR NOT pg_has_role(session_user,
       (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
    NEW.amended_by := session_user;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER amendments_amended_by BEFORE INSERT OR UPDATE ON amendments
  FOR EACH ROW EXECUTE FUNCTION stamp_amended_by ();
