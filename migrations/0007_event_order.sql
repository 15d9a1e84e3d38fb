-- The order events are streamed and delivered in (EventService.WatchEvents,
-- webhooks). An identity id is taken when a row is inserted, not when its
-- transaction commits, so a reader that walks ids can pass over an event
-- whose transaction commits later and never see it. Each event instead
-- records its transaction's id; every transaction older than the oldest
-- one still running (pg_snapshot_xmin of the current snapshot) has ended,
-- so the events below that horizon are final and can be read in
-- (commit_xid, id) order with no gap and no duplicate. A transaction that
-- began after another committed has the larger id, so events that follow
-- one another keep their order.
--
-- Existing events all take this migration's transaction id: they come
-- first, in id order.
ALTER TABLE audit_events
  ADD COLUMN commit_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX audit_events_in_commit_order ON audit_events (commit_xid, id);
