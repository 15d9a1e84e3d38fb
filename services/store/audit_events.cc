#include "services/store/audit_events.h"

#include <nlohmann/json.hpp>

#include "services/store/sql_time.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

// libpqxx 6 has no array parameters: the subject ids travel as JSON.
const Statement kInsert(
    "audit_events.insert",
    "INSERT INTO audit_events (time, actor_id, action, target_id, allowed, "
    "violations, warnings, decision_id, validate_only, request_summary, "
    "subject_ids) VALUES (" KEYWARD_SQL_TIME(
        "$1") ", $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb, "
              "ARRAY(SELECT jsonb_array_elements_text($11::jsonb)))");

}  // namespace

void InsertAuditEvent(pqxx::work& txn, const domain::AuditRecord& audit,
                      domain::Time time) {
  ExecPrepared(txn, kInsert, ToMicros(time), audit.actor_id, audit.action,
               audit.target_id, audit.allowed, audit.violations_json,
               audit.warnings_json, audit.decision_id, audit.validate_only,
               audit.request_summary_json,
               nlohmann::json(audit.subject_ids).dump());
}

AuditEventReader::AuditEventReader(const pqxx::result& result)
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

domain::AuditEvent AuditEventReader::operator()(const pqxx::row& row) const {
  domain::AuditEvent event;
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

}  // namespace keyward::store
