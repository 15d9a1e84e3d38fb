// Webhooks as the domain sees them (webhook.proto): a receiver's URL and the
// actions it selects, the deliveries of events to it, and the storage both
// need — the WebhookRepository the managers write through and the delivery
// queue the WebhookDeliverer works off (store/webhook_repository.h).
//
// Thread-safety: plain values; implementations of the interfaces are called
// concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_WEBHOOKS_H_
#define KEYWARD_SERVICES_DOMAIN_WEBHOOKS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/mutation.h"
#include "services/domain/repositories.h"
#include "services/domain/types.h"

namespace keyward::domain {

struct Webhook {
  std::string id;
  std::string url;
  std::vector<std::string> actions;  // empty: every action
  std::string description;
  std::string created_by;
  Time create_time;
  // Random, stored; with the pepper it derives the signing secret
  // (webhook_signing.h). Never leaves the server.
  std::string secret_salt;
};

enum class DeliveryStatus { kPending, kDelivered, kFailed };

const char* DeliveryStatusName(DeliveryStatus status);

struct WebhookDelivery {
  std::string id;  // the outbox row; orders the listing
  AuditEvent event;
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  std::string last_error;
  std::optional<Time> last_attempt_time;
};

class WebhookRepository {
 public:
  virtual ~WebhookRepository() = default;
  virtual absl::StatusOr<Webhook> Create(const Webhook& webhook,
                                         const Mutation& mutation) = 0;
  // NOT_FOUND unless `reader.webhooks`.
  virtual absl::StatusOr<Webhook> Get(const std::string& id,
                                      const ReadScope& reader) = 0;
  // Empty unless `reader.webhooks`.
  virtual absl::StatusOr<Page<Webhook>> List(const PageRequest& page,
                                             const ReadScope& reader) = 0;
  // Removes its pending deliveries with it.
  virtual absl::StatusOr<DeleteResult> Delete(const std::string& id,
                                              const Mutation& mutation) = 0;
  // Newest first; the cursor's id is a delivery id.
  virtual absl::StatusOr<Page<WebhookDelivery>> ListDeliveries(
      const std::string& webhook_id, const PageRequest& page) = 0;
};

// A webhook this replica holds the lease of, with its next delivery due:
// the oldest pending one whose event is settled (event_order.h).
struct DueDelivery {
  Webhook webhook;
  WebhookDelivery delivery;
};

// The outcome of one attempt.
struct DeliveryAttempt {
  bool delivered = false;
  std::string error;  // when not delivered
  // Not delivered: wait until then before the next attempt, or give up
  // (FAILED) when unset.
  std::optional<Time> retry_time;
};

// The delivery queue. A lease keeps a webhook's deliveries to one replica
// at a time; it lasts `lease` unless released, so a replica that dies
// holds it no longer than that.
class DeliveryQueue {
 public:
  virtual ~DeliveryQueue() = default;
  // Leases a webhook that has a settled pending delivery and is not
  // waiting out a backoff, as `holder`, and returns it with that delivery;
  // nullopt when none is due.
  virtual absl::StatusOr<std::optional<DueDelivery>> LeaseNext(
      const std::string& holder, std::chrono::milliseconds lease) = 0;
  // Records the attempt (if `holder` still holds the lease) and releases
  // the lease.
  virtual absl::Status Record(const std::string& holder, const DueDelivery& due,
                              const DeliveryAttempt& attempt, Time now) = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_WEBHOOKS_H_
