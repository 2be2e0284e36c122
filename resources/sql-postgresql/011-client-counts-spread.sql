-- 011-client-counts-spread.sql — the count of clients on 64 rows for each archive state, not
-- one.
--
-- The triggers of 004 counted every client added, archived or deleted on one row of
-- client_counts for each archive state. A bulk insert in one transaction (an import, a copy
-- to the server, the demo clinic of 20,000) updated that row once for each client; each
-- update left a version of the row that the next one stepped over, and the counting took
-- 12 of the 14.5 s of the demo clinic. Concurrent writers also queued on the row's lock.
-- Now a client is counted on the row of its slot, its id modulo 64, which it keeps as long
-- as it lives, and the list reads sum(n) as before (fascia-client-list.c).
--
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE client_counts DROP CONSTRAINT client_counts_pkey;
ALTER TABLE client_counts ADD COLUMN slot integer NOT NULL DEFAULT 0
  CHECK (slot BETWEEN 0 AND 63);
DELETE FROM client_counts;
ALTER TABLE client_counts ADD PRIMARY KEY (archived, slot);

-- Each slot counts its own clients, so that none of them goes below zero.
INSERT INTO client_counts (archived, slot, n)
  SELECT a.archived, s.slot, coalesce(c.n, 0)
  FROM generate_series(0, 1) AS a (archived)
  CROSS JOIN generate_series(0, 63) AS s (slot)
  LEFT JOIN (SELECT archived, (id % 64)::integer AS slot, count(*) AS n
             FROM clients WHERE deleted_at IS NULL
             GROUP BY 1, 2) AS c USING (archived, slot);

CREATE OR REPLACE FUNCTION client_counts_keep () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE client_counts SET n = n - 1 WHERE archived = OLD.archived AND slot = OLD.id % 64;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
    UPDATE client_counts SET n = n + 1 WHERE archived = NEW.archived AND slot = NEW.id % 64;
  END IF;
  RETURN NULL;
END
$$;
