-- 018-client-counts-checked.sql — the check before an import counts none of its clients.
--
-- The check before a CSV import runs every row of the file in a transaction as the import
-- would, and rolls it back (fascia-store-import.c). Each client it added was counted on its
-- slot's row of client_counts (011), so a check of more than a few dozen rows held every
-- slot's row until it ended, seconds at tens of thousands of rows: another therapist adding,
-- archiving or deleting a client meanwhile waited for the whole check, and after the lock
-- timeout was refused. The check marks its transaction (fascia.import_check, set for the
-- transaction only) and the counts are left alone in it; what it added is rolled back, so
-- there is nothing to count. A login may change client_counts itself (011's grants), so the
-- mark lets no one do what they could not before.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE OR REPLACE FUNCTION client_counts_keep () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('fascia.import_check', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE client_counts SET n = n - 1 WHERE archived = OLD.archived AND slot = OLD.id % 64;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
    UPDATE client_counts SET n = n + 1 WHERE archived = NEW.archived AND slot = NEW.id % 64;
  END IF;
  RETURN NULL;
END
$$;
