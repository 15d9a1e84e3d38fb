// PgEventRepository: the audit trail in stream order (see
// domain::EventRepository and event_order.h). Reads filter by the reader's
// visibility and the actions in SQL, as ListAuditEvents does.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_EVENT_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_EVENT_REPOSITORY_H_

#include "services/domain/event_feed.h"
#include "services/store/database.h"

namespace keyward::store {

class PgEventRepository : public domain::EventRepository {
 public:
  explicit PgEventRepository(Database& database);

  absl::StatusOr<domain::EventPosition> Now() override;
  absl::StatusOr<domain::EventBatch> ReadSettled(
      const domain::EventPosition& after,
      const std::vector<std::string>& actions, int limit,
      const domain::ReadScope& reader) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_EVENT_REPOSITORY_H_
