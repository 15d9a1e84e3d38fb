#include "services/store/audit_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "services/store/audit_events.h"
#include "services/store/paging.h"
#include "services/store/sql_time.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
using domain::AuditEvent;

PgAuditRepository::PgAuditRepository(Database& database)
    : database_(database) {}

absl::Status PgAuditRepository::Append(const domain::AuditRecord& record,
                                       domain::Time time) {
  return database_.pool().Run([&](pqxx::connection& connection) {
    pqxx::work txn(connection);
    InsertAuditEvent(txn, record, time);
    txn.commit();
  });
}

absl::StatusOr<domain::Page<AuditEvent>> PgAuditRepository::List(
    const domain::AuditFilter& filter, const domain::PageRequest& page,
    const domain::ReadScope& reader) {
  std::optional<int64_t> before;
  if (page.after) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(page.after->id, &id)) {
      return absl::InvalidArgumentError("page_token: does not name an event");
    }
    before = id;
  }
  return RunRead<domain::Page<AuditEvent>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<AuditEvent>> {
        const pqxx::result rows = txn.exec_params(
            std::string("SELECT ") + kAuditEventColumns +
            " FROM audit_events WHERE ($1::bigint IS NULL OR id < $1) "
            "AND ($2::text IS NULL OR actor_id = $2) "
            "AND ($3::text IS NULL OR target_id = $3) "
            "AND ($10::text IS NULL OR subject_ids @> ARRAY[$10::text]) "
            "AND ($4::text IS NULL OR action = $4) "
            "AND ($5::boolean IS NULL OR allowed = $5) "
            "AND ($6::bigint IS NULL OR time >= " KEYWARD_SQL_TIME("$6") ") "
            "AND ($7::bigint IS NULL OR time < " KEYWARD_SQL_TIME("$7") ") "
            "AND " + VisibleAuditEvent(9, "actor_id") +
                " ORDER BY id DESC LIMIT $8",
            before, filter.actor_id, filter.target_id, filter.action,
            filter.allowed, OptionalMicros(filter.start_time),
            OptionalMicros(filter.end_time), page.page_size + 1,
            ReaderParam(reader), filter.subject_id);
        return MakePage<AuditEvent>(rows, page, AuditEventReader(rows));
      });
}

}  // namespace keyward::store
