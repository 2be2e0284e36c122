-- 015-client-change-stamp.sql — a stamp that moves when any client is added, changed or
-- deleted, for the search to know that the clients a keystroke found still hold.
--
-- A search that only narrows the one before ("mar", "marg", "margaret") checks the clients
-- the first keystroke found rather than asking the index again (fascia-client-list.c). On a
-- clinic server another therapist may change a client meanwhile, which this connection does
-- not hear of without asking: so the search reads this stamp before it reads what it finds,
-- and narrows only while the stamp has not moved.
--
-- The stamp moves once for each transaction that changes clients, when it commits (a
-- deferred trigger): it becomes visible with the change and not before, so a search that read
-- it first never keeps what a change it missed would alter under the same stamp. It is the sum
-- of 256 counters, and a transaction adds one to the counter of its own transaction id's slot:
-- transactions at the same time have ids next to each other and so, nearly always, slots of
-- their own. Each runs in REPEATABLE READ, where a row changed by a transaction that committed
-- since it began cannot be changed (one row for all refused concurrent writers: "could not
-- serialize access due to concurrent update"): a transaction that meets such a counter (one
-- that has run for as long as 256 others began) takes the next one. Taken at commit, a
-- counter's row lock is held for no longer than the commit itself. A bulk insert moves it once. Written by a SECURITY DEFINER function
-- (owned by the database's owner), as the audit trail is: the front desk only reads it. A
-- transaction that alters the table clients after changing its rows (a later migration) first
-- runs `SET CONSTRAINTS clients_stamp IMMEDIATE`: PostgreSQL alters no table with a trigger
-- event still pending.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE client_changes (
  slot  integer PRIMARY KEY CHECK (slot BETWEEN 0 AND 255),
  stamp bigint NOT NULL
);
INSERT INTO client_changes (slot, stamp) SELECT s, 0 FROM generate_series(0, 255) AS s;

CREATE FUNCTION client_changes_stamp () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = fascia, public AS $$
DECLARE
  first integer := (pg_current_xact_id ()::text::bigint % 256)::integer;
BEGIN
  -- Once a transaction: the setting is the transaction's own, reset when it ends.
  IF coalesce(current_setting('fascia.client_changes_stamped', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  FOR i IN 0 .. 255 LOOP
    BEGIN
      UPDATE client_changes SET stamp = stamp + 1 WHERE slot = (first + i) % 256;
      PERFORM set_config('fascia.client_changes_stamped', 'on', true);
      RETURN NULL;
    EXCEPTION WHEN serialization_failure THEN
      -- Counted on by a transaction that committed since this one began: the next slot.
      NULL;
    END;
  END LOOP;
  RAISE EXCEPTION 'could not stamp the change to clients' USING ERRCODE = 'serialization_failure';
END $$;

CREATE CONSTRAINT TRIGGER clients_stamp AFTER INSERT OR UPDATE OR DELETE ON clients
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION client_changes_stamp ();

-- A clinic set up before this version (fascia --setup-clinic) gives its roles the stamp at
-- once, as 014 does its tokens: every search reads it, the therapists' and the front desk's.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_therapist') THEN
    GRANT SELECT ON client_changes TO fascia_therapist;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fascia_reception') THEN
    GRANT SELECT ON client_changes TO fascia_reception;
  END IF;
END $$;
