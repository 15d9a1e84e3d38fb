// PgWebhookRepository: webhooks and their delivery outbox in PostgreSQL
// (migrations/0008_webhooks.sql; see domain/webhooks.h for the contracts).
// The outbox is filled by a trigger on audit_events, in each event's own
// transaction; the DeliveryQueue half leases one webhook at a time to a
// deliverer and hands it the oldest settled pending delivery in the audit
// trail's stream order (event_order.h).
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_WEBHOOK_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_WEBHOOK_REPOSITORY_H_

#include "services/domain/webhooks.h"
#include "services/store/database.h"

namespace keyward::store {

class PgWebhookRepository : public domain::WebhookRepository,
                            public domain::DeliveryQueue {
 public:
  explicit PgWebhookRepository(Database& database);

  absl::StatusOr<domain::Webhook> Create(
      const domain::Webhook& webhook,
      const domain::Mutation& mutation) override;
  absl::StatusOr<domain::Webhook> Get(const std::string& id,
                                      const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Page<domain::Webhook>> List(
      const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<domain::DeleteResult> Delete(
      const std::string& id, const domain::Mutation& mutation) override;
  absl::StatusOr<domain::Page<domain::WebhookDelivery>> ListDeliveries(
      const std::string& webhook_id, const domain::PageRequest& page) override;

  absl::StatusOr<std::optional<domain::DueDelivery>> LeaseNext(
      const std::string& holder, std::chrono::milliseconds lease) override;
  absl::Status Record(const std::string& holder, const domain::DueDelivery& due,
                      const domain::DeliveryAttempt& attempt,
                      domain::Time now) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_WEBHOOK_REPOSITORY_H_
