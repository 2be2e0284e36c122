-- 004-client-search.sql — search as you type without reading every client.
--
-- clients_search is an FTS5 trigram index over clients.search_key (the folded name, email,
-- phone and phone digits, one per line): it answers "which clients hold this substring of
-- three or more characters" from the index alone. It holds the clients that are not
-- deleted, keyed by their id, and reads the text back from clients itself (external
-- content). The triggers keep it in step in the same transaction as every change to a
-- client, whoever makes it: the store, an import, an undo or the purge of old deletes.
-- search_key is already case- and accent-folded by the store, so the index compares bytes.
--
-- A query shorter than three characters cannot use trigrams; the store answers it from
-- clients_by_name (001) with a range on sort_key, the folded name.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE VIRTUAL TABLE clients_search USING fts5 (
  search_key,
  content = 'clients',
  content_rowid = 'id',
  tokenize = 'trigram case_sensitive 1'
);

-- The clients there are now, so that an upgraded database searches at once.
INSERT INTO clients_search (rowid, search_key)
  SELECT id, search_key FROM clients WHERE deleted_at IS NULL;

CREATE TRIGGER clients_search_insert AFTER INSERT ON clients
  WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO clients_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

-- An external-content index must be told the old text to forget it.
CREATE TRIGGER clients_search_update AFTER UPDATE OF search_key, deleted_at ON clients
BEGIN
  INSERT INTO clients_search (clients_search, rowid, search_key)
    SELECT 'delete', old.id, old.search_key WHERE old.deleted_at IS NULL;
  INSERT INTO clients_search (rowid, search_key)
    SELECT new.id, new.search_key WHERE new.deleted_at IS NULL;
END;

CREATE TRIGGER clients_search_delete AFTER DELETE ON clients
  WHEN old.deleted_at IS NULL
BEGIN
  INSERT INTO clients_search (clients_search, rowid, search_key)
    VALUES ('delete', old.id, old.search_key);
END;

-- How many clients there are, archived or not, kept by triggers: the length of the client
-- list without counting 100,000 rows at start-up.
CREATE TABLE client_counts (
  archived INTEGER PRIMARY KEY CHECK (archived IN (0, 1)),
  n        INTEGER NOT NULL CHECK (n >= 0)
) STRICT;

INSERT INTO client_counts (archived, n)
  SELECT 0, count(*) FROM clients WHERE deleted_at IS NULL AND archived = 0;
INSERT INTO client_counts (archived, n)
  SELECT 1, count(*) FROM clients WHERE deleted_at IS NULL AND archived = 1;

CREATE TRIGGER client_counts_insert AFTER INSERT ON clients
  WHEN new.deleted_at IS NULL
BEGIN
  UPDATE client_counts SET n = n + 1 WHERE archived = new.archived;
END;

CREATE TRIGGER client_counts_update AFTER UPDATE OF archived, deleted_at ON clients
BEGIN
  UPDATE client_counts SET n = n - 1 WHERE archived = old.archived AND old.deleted_at IS NULL;
  UPDATE client_counts SET n = n + 1 WHERE archived = new.archived AND new.deleted_at IS NULL;
END;

CREATE TRIGGER client_counts_delete AFTER DELETE ON clients
  WHEN old.deleted_at IS NULL
BEGIN
  UPDATE client_counts SET n = n - 1 WHERE archived = old.archived;
END;
