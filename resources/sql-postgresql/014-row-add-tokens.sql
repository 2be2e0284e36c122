-- 014-row-add-tokens.sql — each client, plan and visit added carries the token its INSERT was
-- sent with (as sql/014-row-add-tokens.sql).
--
-- The replay of the journal of unsaved edits asks for the row of an addition's token when the
-- server is back, to know whether an INSERT sent as the line fell was committed: a unique
-- index answers that at once, whatever the number of rows. Rows made before this version have
-- none (NULL). The front desk adds clients: it may write and read their tokens
-- (fascia-store-clinic.c).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE clients ADD COLUMN add_token text;
CREATE UNIQUE INDEX clients_by_add_token ON clients (add_token) WHERE add_token IS NOT NULL;

ALTER TABLE plans ADD COLUMN add_token text;
CREATE UNIQUE INDEX plans_by_add_token ON plans (add_token) WHERE add_token IS NOT NULL;

ALTER TABLE visits ADD COLUMN add_token text;
CREATE UNIQUE INDEX visits_by_add_token ON visits (add_token) WHERE add_token IS NOT NULL;

-- The token of each row added that is removed for good (fascia_store_purge_deleted(), or the
-- removal of the row it belongs to): a replay that finds no row of its token looks here, and
-- tells the user the row was deleted elsewhere rather than adding it again. Written by a
-- SECURITY DEFINER trigger (owned by the database's owner), as the audit trail is.
CREATE TABLE purged_add_tokens (
  add_token text PRIMARY KEY
);

CREATE FUNCTION keep_purged_add_token () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = fascia, public AS $$
BEGIN
  IF OLD.add_token IS NOT NULL THEN
    INSERT INTO purged_add_tokens (add_token) VALUES (OLD.add_token) ON CONFLICT DO NOTHING;
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER clients_purged AFTER DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION keep_purged_add_token ();
CREATE TRIGGER plans_purged AFTER DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION keep_purged_add_token ();
CREATE TRIGGER visits_purged AFTER DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION keep_purged_add_token ();
CREATE TRIGGER plan_targets_purged AFTER DELETE ON plan_targets
  FOR EACH ROW EXECUTE FUNCTION keep_purged_add_token ();
CREATE TRIGGER pain_marks_purged AFTER DELETE ON pain_marks
  FOR EACH ROW EXECUTE FUNCTION keep_purged_add_token ();

-- A clinic set up before this version (fascia --setup-clinic) gives its roles what they need
-- here at once: therapists and the front desk look up the tokens of the rows they add, and
-- the front desk writes the token of a client it adds.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_therapist') THEN
    GRANT SELECT ON purged_add_tokens TO fascia_therapist;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_reception') THEN
    GRANT SELECT (add_token), INSERT (add_token) ON clients TO fascia_reception;
    GRANT SELECT ON purged_add_tokens TO fascia_reception;
  END IF;
END $$;
