-- Every id an audited call named or touched (AuditEvent.subject_ids), so
-- that ListAuditEvents.subject_id finds a call by its owner, resource,
-- environment, principal or target — including denied and validate_only
-- creates, which have no target_id. Containment queries
-- (subject_ids @> ARRAY[id]) use the GIN index.
ALTER TABLE audit_events ADD COLUMN subject_ids text[] NOT NULL DEFAULT '{}';

-- Events recorded before this migration: their target and the ids their
-- request named, where those are well-formed ids (DESIGN.md §1 formats).
UPDATE audit_events SET subject_ids = ARRAY(
  SELECT DISTINCT s.id
  FROM (VALUES (target_id),
               (request_summary->>'id'),
               (request_summary->>'owner_id'),
               (request_summary->>'resource_id'),
               (request_summary->>'environment_id'),
               (request_summary->>'principal_id'),
               (request_summary->>'account_id'),
               (request_summary->>'scope')) AS s(id)
  WHERE s.id ~ '^((env|u|sa|lkc|lsrc|lksqlc|lfr|rb)-[a-z0-9]{8}|[A-Z0-9]{16})$');

CREATE INDEX audit_events_by_subject ON audit_events USING gin (subject_ids);
