-- 004-client-search.sql — search as you type without reading every client (as
-- sql/004-client-search.sql, which uses SQLite's FTS5).
--
-- Here the index is a GIN trigram index (pg_trgm, in Debian's postgresql package) on the
-- folded search_key: "which clients hold this substring of three or more characters" is a
-- LIKE '%…%' the index answers. client_counts is kept by a trigger as in SQLite.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX clients_search ON clients USING gin (search_key gin_trgm_ops)
  WHERE deleted_at IS NULL;

CREATE TABLE client_counts (
  archived integer PRIMARY KEY CHECK (archived IN (0, 1)),
  n        bigint  NOT NULL CHECK (n >= 0)
);

INSERT INTO client_counts (archived, n)
  SELECT 0, count(*) FROM clients WHERE deleted_at IS NULL AND archived = 0;
INSERT INTO client_counts (archived, n)
  SELECT 1, count(*) FROM clients WHERE deleted_at IS NULL AND archived = 1;

CREATE FUNCTION client_counts_keep () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE client_counts SET n = n - 1 WHERE archived = OLD.archived;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
    UPDATE client_counts SET n = n + 1 WHERE archived = NEW.archived;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER client_counts_insert AFTER INSERT ON clients
  FOR EACH ROW EXECUTE FUNCTION client_counts_keep ();
CREATE TRIGGER client_counts_update AFTER UPDATE OF archived, deleted_at ON clients
  FOR EACH ROW EXECUTE FUNCTION client_counts_keep ();
CREATE TRIGGER client_counts_delete AFTER DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION client_counts_keep ();
