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

}  // namespace keyward::store
