// The order of the audit trail as a stream (migrations/0007_event_order.sql):
// events are read in (commit_xid, id) order, and only those below the
// horizon of transactions still running, which can no longer be joined by
// an earlier event.
#ifndef KEYWARD_SERVICES_STORE_EVENT_ORDER_H_
#define KEYWARD_SERVICES_STORE_EVENT_ORDER_H_

namespace keyward::store {

// A WHERE condition on audit_events (aliased `e` or not, unqualified):
// the event is final — no event still to commit can come before it.
inline constexpr char kSettledEvent[] =
    "commit_xid < pg_snapshot_xmin(pg_current_snapshot())";

// ORDER BY for the stream order.
inline constexpr char kEventStreamOrder[] = "commit_xid, id";

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_EVENT_ORDER_H_
