-- Compliance findings (ComplianceService.ListFindings): what the last full
-- evaluation of the keyward.compliance policy found over the existing keys.
-- Each evaluation replaces every finding in one transaction at its end, so
-- readers see one evaluation's findings, never a mix; a deleted key's
-- findings go with it at once.
--
-- A key has at most one finding per rule: id is "<api_key_id>/<rule>".
-- key_create_time is the key's (immutable) create_time, so findings page in
-- the (create_time, id) order every list uses, stable from one evaluation
-- to the next.
CREATE TABLE compliance_findings (
  api_key_id      text NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  rule            text NOT NULL CHECK (rule ~ '^[a-z][a-z0-9_]{0,62}$'),
  severity        text NOT NULL CHECK (severity ~ '^[A-Z][A-Z_]{0,31}$'),
  message         text NOT NULL CHECK (char_length(message) <= 2048),
  key_create_time timestamptz NOT NULL,
  id              text GENERATED ALWAYS AS (api_key_id || '/' || rule) STORED PRIMARY KEY
);
CREATE INDEX compliance_findings_page ON compliance_findings (key_create_time, id);
CREATE INDEX compliance_findings_by_rule ON compliance_findings (rule, key_create_time, id);
CREATE INDEX compliance_findings_by_key ON compliance_findings (api_key_id);

-- The one row about evaluations. One replica evaluates at a time: it claims
-- the lease (lease_holder, lease_until) and gives it back at the end; a
-- replica that died holding it loses it when lease_until passes.
-- attempt_time spaces evaluations by the interval across replicas; the
-- other columns describe the evaluation whose findings are stored.
CREATE TABLE compliance_runs (
  singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  lease_holder   text NOT NULL DEFAULT '',
  lease_until    timestamptz NOT NULL DEFAULT '-infinity',
  attempt_time   timestamptz NOT NULL DEFAULT '-infinity',
  evaluate_time  timestamptz,
  duration_ms    bigint CHECK (duration_ms >= 0),
  keys_evaluated bigint CHECK (keys_evaluated >= 0),
  findings       bigint CHECK (findings >= 0)
);
INSERT INTO compliance_runs DEFAULT VALUES;
