-- Webhooks (WebhookService): a receiver's URL and the actions it wants, and
-- an outbox of deliveries, one per webhook and event, written by a trigger
-- in the event's own transaction — so every writer of audit_events feeds
-- it, and a delivery exists exactly when its event committed.
--
-- Only events that record an executed change are delivered: allowed and not
-- validate_only. Denied calls and dry runs (the portal checks every form
-- with validate_only) change nothing a receiver could react to.
--
-- The signing secret is never stored: it is derived from the id, the random
-- `secret_salt` and keywardd's pepper (outside the database), so a dump of
-- this table alone cannot sign.
--
-- One replica at a time delivers a webhook's deliveries: it takes the
-- webhook's lease (lease_holder until lease_expire_time) in a short
-- transaction, then delivers without holding a connection; a replica that
-- dies loses the lease when it expires. retry_time holds back the webhook
-- while its oldest pending delivery waits out its backoff, so later events
-- are not delivered before it (per-webhook order).
CREATE TABLE webhooks (
  id                text PRIMARY KEY CHECK (id ~ '^wh-[a-z0-9]{8}$'),
  url               text NOT NULL,
  actions           text[] NOT NULL DEFAULT '{}',  -- empty: every action
  description       text NOT NULL DEFAULT '',
  secret_salt       text NOT NULL,
  created_by        text NOT NULL,
  create_time       timestamptz NOT NULL,
  retry_time        timestamptz,
  lease_holder      text,
  lease_expire_time timestamptz
);

CREATE TABLE webhook_deliveries (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id      text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id        bigint NOT NULL,  -- audit_events.id (events are never deleted)
  status          text NOT NULL DEFAULT 'PENDING'
                  CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text NOT NULL DEFAULT '',
  last_attempt_time timestamptz,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id)
  WHERE status = 'PENDING';

CREATE FUNCTION enqueue_webhook_deliveries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.allowed AND NOT NEW.validate_only THEN
    INSERT INTO webhook_deliveries (webhook_id, event_id)
    SELECT w.id, NEW.id FROM webhooks w
    WHERE cardinality(w.actions) = 0 OR NEW.action = ANY (w.actions)
    -- A webhook being deleted is waited for and skipped once it is gone,
    -- so the delivery's foreign key never fails the event's transaction.
    FOR KEY SHARE OF w;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER audit_events_to_webhooks AFTER INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION enqueue_webhook_deliveries();
