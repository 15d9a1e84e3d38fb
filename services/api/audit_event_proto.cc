#include "services/api/audit_event_proto.h"

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include "services/api/convert.h"
#include "services/domain/policy_gate.h"

namespace keyward::api {

void FillAuditEvent(const domain::AuditEvent& event, v1::AuditEvent* out) {
  const domain::AuditRecord& record = event.record;
  out->set_id(event.id);
  *out->mutable_time() = ToTimestamp(event.create_time);
  out->set_actor_id(record.actor_id);
  out->set_action(record.action);
  out->set_target_id(record.target_id);
  for (const std::string& id : record.subject_ids) out->add_subject_ids(id);
  out->set_allowed(record.allowed);
  domain::PolicyDecision decision;
  decision.violations = domain::ViolationsFromJson(
      nlohmann::json::parse(record.violations_json, nullptr, false));
  decision.warnings = domain::ViolationsFromJson(
      nlohmann::json::parse(record.warnings_json, nullptr, false));
  v1::PolicyDecisionDetails details = ToProto(decision);
  *out->mutable_violations() = details.violations();
  *out->mutable_warnings() = details.warnings();
  out->set_decision_id(record.decision_id);
  out->set_validate_only(record.validate_only);
  out->set_request_summary(record.request_summary_json);
}

std::string AuditEventJson(const domain::AuditEvent& event) {
  v1::AuditEvent message;
  FillAuditEvent(event, &message);
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    return "{}";
  }
  return json;
}

}  // namespace keyward::api
