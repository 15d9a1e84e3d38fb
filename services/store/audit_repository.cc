#include "services/store/audit_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "services/store/audit_events.h"
#include "services/store/paging.h"
#include "services/store/sql_time.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
namespace {

using domain::AuditEvent;

// Reads the events selected by List (see rows.h: columns found once per
// result).
class AuditEventReader {
 public:
  explicit AuditEventReader(const pqxx::result& result)
      : id_(result.column_number("id")),
        time_micros_(result.column_number("time_micros")),
        actor_id_(result.column_number("actor_id")),
        action_(result.column_number("action")),
        target_id_(result.column_number("target_id")),
        allowed_(result.column_number("allowed")),
        violations_(result.column_number("violations")),
        warnings_(result.column_number("warnings")),
        decision_id_(result.column_number("decision_id")),
        validate_only_(result.column_number("validate_only")),
        request_summary_(result.column_number("request_summary")),
        subject_ids_(result.column_number("subject_ids")) {}

  AuditEvent operator()(const pqxx::row& row) const {
    AuditEvent event;
    event.id = row[id_].as<std::string>();
    event.create_time = TimeFromField(row[time_micros_]);
    domain::AuditRecord& record = event.record;
    record.actor_id = row[actor_id_].as<std::string>();
    record.action = row[action_].as<std::string>();
    record.target_id = row[target_id_].as<std::string>();
    record.allowed = row[allowed_].as<bool>();
    record.violations_json = row[violations_].as<std::string>();
    record.warnings_json = row[warnings_].as<std::string>();
    record.decision_id = row[decision_id_].as<std::string>();
    record.validate_only = row[validate_only_].as<bool>();
    record.request_summary_json = row[request_summary_].as<std::string>();
    record.subject_ids =
        nlohmann::json::parse(row[subject_ids_].as<std::string>())
            .get<std::vector<std::string>>();
    return event;
  }

 private:
  pqxx::row_size_type id_, time_micros_, actor_id_, action_, target_id_,
      allowed_, violations_, warnings_, decision_id_, validate_only_,
      request_summary_, subject_ids_;
};

}  // namespace

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
            "SELECT id, " KEYWARD_SQL_MICROS("time") " AS time_micros, "
            "actor_id, action, target_id, allowed, "
            "violations::text AS violations, warnings::text AS warnings, "
            "decision_id, validate_only, "
            "request_summary::text AS request_summary, "
            "array_to_json(subject_ids)::text AS subject_ids "
            "FROM audit_events WHERE ($1::bigint IS NULL OR id < $1) "
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
