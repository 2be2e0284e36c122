-- 008-audit.sql — who changed what, and when: an append-only audit trail on a clinic server.
--
-- Every insert, update and delete of a client or a clinical row (plans, targets, home
-- exercises, visits, pain marks, findings, amendments) adds a row naming the server's session
-- user, the time, the table, the operation and the row's id. The rows are written by a
-- SECURITY DEFINER trigger (owned by the database's owner), so no login needs, or gets, the
-- right to write them itself; --setup-clinic lets therapists read them. A trigger refuses any
-- UPDATE, DELETE or TRUNCATE of the trail, whoever asks; only the owner, who could drop the
-- trigger, could alter it.

CREATE TABLE audit_log (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text        NOT NULL DEFAULT session_user,
  table_name text        NOT NULL,
  operation  text        NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
  row_id     bigint
);

CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);

CREATE FUNCTION audit_change () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = fascia, public AS $$
DECLARE
  r jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN
    r := to_jsonb(OLD);
  ELSE
    r := to_jsonb(NEW);
  END IF;
  INSERT INTO audit_log (changed_by, table_name, operation, row_id)
    VALUES (session_user, TG_TABLE_NAME, TG_OP, (r ->> 'id')::bigint);
  RETURN NULL;
END
$$;

CREATE FUNCTION audit_refuse () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_refuse ();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse ();

CREATE TRIGGER clients_audit AFTER INSERT OR UPDATE OR DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER plans_audit AFTER INSERT OR UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER plan_targets_audit AFTER INSERT OR UPDATE OR DELETE ON plan_targets
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER home_exercises_audit AFTER INSERT OR UPDATE OR DELETE ON home_exercises
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER visits_audit AFTER INSERT OR UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER pain_marks_audit AFTER INSERT OR UPDATE OR DELETE ON pain_marks
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER findings_audit AFTER INSERT OR UPDATE OR DELETE ON findings
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
CREATE TRIGGER amendments_audit AFTER INSERT OR UPDATE OR DELETE ON amendments
  FOR EACH ROW EXECUTE FUNCTION audit_change ();
