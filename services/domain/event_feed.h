// EventFeed: the audit trail as a stream (EventService.WatchEvents). A
// position in the stream is an event's (commit_xid, id) (see
// store/event_order.h); a read returns the settled events after a position,
// in that order, that the reader may see (as ListAuditEvents shows them),
// so resuming from the position of the last event received gives every
// later one exactly once. Positions travel as cursors: opaque and bound by
// an HMAC under the pepper, so a forged or altered one is INVALID_ARGUMENT
// naming `after`; every replica sharing the pepper accepts every other's.
//
// Thread-safety: safe to call concurrently if the repository is.
#ifndef KEYWARD_SERVICES_DOMAIN_EVENT_FEED_H_
#define KEYWARD_SERVICES_DOMAIN_EVENT_FEED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/crypto/secret.h"
#include "services/domain/caller.h"
#include "services/domain/repositories.h"
#include "services/domain/roles.h"

namespace keyward::domain {

// Just after the event (commit_xid, id); the events after it are those
// with a greater (commit_xid, id).
struct EventPosition {
  uint64_t commit_xid = 0;
  int64_t id = 0;
};

struct StreamedEvent {
  AuditEvent event;
  EventPosition position;  // just after this event
};

struct EventBatch {
  std::vector<StreamedEvent> events;
  // Where the next read starts: after the last event, or further when
  // every settled event up to there was read and none matched.
  EventPosition next;
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;
  // After every event settled now.
  virtual absl::StatusOr<EventPosition> Now() = 0;
  // At most `limit` settled events after `after`, in stream order, that
  // `reader` sees and whose action is one of `actions` (empty: any).
  virtual absl::StatusOr<EventBatch> ReadSettled(
      const EventPosition& after, const std::vector<std::string>& actions,
      int limit, const ReadScope& reader) = 0;
};

class EventFeed {
 public:
  static constexpr int kBatchSize = 100;

  EventFeed(EventRepository& repository, const crypto::SecretHasher& hasher);

  // The position a stream starts after: the `after` cursor's, or now when
  // it is empty. INVALID_ARGUMENT naming `after` for a cursor this service
  // did not give out, naming `actions` for an unknown action.
  absl::StatusOr<EventPosition> Start(const std::string& after,
                                      const std::vector<std::string>& actions);

  // The next events after `position` that `caller` may see.
  absl::StatusOr<EventBatch> Read(const Caller& caller,
                                  const EventPosition& position,
                                  const std::vector<std::string>& actions);

  std::string Cursor(const EventPosition& position) const;

 private:
  EventRepository& repository_;
  const crypto::SecretHasher& hasher_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_EVENT_FEED_H_
