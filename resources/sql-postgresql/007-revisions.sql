-- 007-revisions.sql — no lost update, and every Fascia hears the others' changes (as
-- sql/007-revisions.sql for the revision columns).
--
-- updated_by is set by the server from the session's login on every insert and update, so
-- no client can name someone else. After each committed change to a client, plan or visit,
-- the server notifies the channel `fascia_changes` with "table change id client_id"
-- (change: added, updated, deleted, restored); every Fascia on the clinic listens and
-- shows the change (fascia-db-postgres.c).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0),
                    ADD COLUMN updated_by text;
ALTER TABLE plans   ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0),
                    ADD COLUMN updated_by text;
ALTER TABLE visits  ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision > 0),
                    ADD COLUMN updated_by text;

CREATE FUNCTION stamp_updated_by () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_by := session_user;
  RETURN NEW;
END
$$;

CREATE TRIGGER clients_updated_by BEFORE INSERT OR UPDATE ON clients
  FOR EACH ROW EXECUTE FUNCTION stamp_updated_by ();
CREATE TRIGGER plans_updated_by BEFORE INSERT OR UPDATE ON plans
  FOR EACH ROW EXECUTE FUNCTION stamp_updated_by ();
CREATE TRIGGER visits_updated_by BEFORE INSERT OR UPDATE ON visits
  FOR EACH ROW EXECUTE FUNCTION stamp_updated_by ();

-- NOTIFY is delivered at commit, and only then: a rolled-back change is never announced.
CREATE FUNCTION notify_change () RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  change    text := lower(TG_OP);
  client_id bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    change := 'added';
  ELSIF TG_OP = 'DELETE' THEN
    change := 'deleted';
  ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
    change := 'deleted';
  ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
    change := 'restored';
  ELSE
    change := 'updated';
  END IF;

  IF TG_TABLE_NAME = 'clients' THEN
    client_id := COALESCE(NEW.id, OLD.id);
  ELSIF TG_OP = 'DELETE' THEN
    client_id := OLD.client_id;
  ELSE
    client_id := NEW.client_id;
  END IF;

  PERFORM pg_notify('fascia_changes',
                    TG_TABLE_NAME || ' ' || change || ' ' ||
                    CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END || ' ' ||
                    client_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER clients_notify AFTER INSERT OR UPDATE OR DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION notify_change ();
CREATE TRIGGER plans_notify AFTER INSERT OR UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION notify_change ();
CREATE TRIGGER visits_notify AFTER INSERT OR UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION notify_change ();
