-- 005-client-duplicates.sql — an import finds the clients a row repeats without reading
-- every client.
--
-- A row of an import repeats a client already here when it has the same email address (in
-- any case) or the same date of birth and name. Without these, each row read the whole
-- table: an import of 100,000 rows into a clinic of 100,000 read ten billion rows. The store
-- asks each as its own half of a UNION, so that each half walks its own index.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE INDEX clients_by_email ON clients (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX clients_by_birth ON clients (date_of_birth) WHERE deleted_at IS NULL;
