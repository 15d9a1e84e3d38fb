#include "services/store/transaction.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace keyward::store {

int64_t ToMicros(domain::Time time) { return time.time_since_epoch().count(); }

domain::Time TimeFromField(const pqxx::field& field) {
  return domain::Time(std::chrono::microseconds(field.as<int64_t>()));
}

std::optional<domain::Time> OptionalTimeFromField(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeFromField(field);
}

std::optional<int64_t> OptionalMicros(const std::optional<domain::Time>& time) {
  if (!time) return std::nullopt;
  return ToMicros(*time);
}

std::vector<std::string> FirstColumn(const pqxx::result& rows) {
  std::vector<std::string> values;
  for (const pqxx::row& row : rows) values.push_back(row[0].as<std::string>());
  return values;
}

std::string StatementName(const std::string& sql) {
  return absl::StrCat("keyward_", absl::Hex(std::hash<std::string>()(sql)));
}

void InsertAuditEvent(pqxx::work& txn, const domain::AuditRecord& audit,
                      domain::Time time) {
  // libpqxx 6 has no array parameters: the subject ids travel as JSON.
  ExecPrepared(
      txn,
      "INSERT INTO audit_events (time, actor_id, action, target_id, allowed, "
      "violations, warnings, decision_id, validate_only, request_summary, "
      "subject_ids) VALUES (" KEYWARD_SQL_TIME(
          "$1") ", $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb, "
                "ARRAY(SELECT jsonb_array_elements_text($11::jsonb)))",
      ToMicros(time), audit.actor_id, audit.action, audit.target_id,
      audit.allowed, audit.violations_json, audit.warnings_json,
      audit.decision_id, audit.validate_only, audit.request_summary_json,
      nlohmann::json(audit.subject_ids).dump());
}

domain::DeleteResult DeleteResultFor(const std::string& id,
                                     const domain::Mutation& mutation) {
  domain::DeleteResult result;
  result.id = id;
  result.validate_only = mutation.validate_only;
  return result;
}

absl::Status NotFound(absl::string_view what, absl::string_view id) {
  return absl::NotFoundError(absl::StrCat(what, " ", id, " not found"));
}

}  // namespace keyward::store
