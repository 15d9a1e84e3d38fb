#include "services/api/audit_service.h"

#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"

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

namespace {

std::optional<std::string> NonEmpty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

AuditServiceImpl::AuditServiceImpl(domain::Authenticator& authenticator,
                                   domain::AuditLog& audit_log)
    : calls_(authenticator), audit_log_(audit_log) {}

grpc::Status AuditServiceImpl::ListAuditEvents(
    grpc::ServerContext* context, const v1::ListAuditEventsRequest* request,
    v1::ListAuditEventsResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    domain::AuditFilter filter;
    filter.actor_id = NonEmpty(request->actor_id());
    filter.target_id = NonEmpty(request->target_id());
    filter.subject_id = NonEmpty(request->subject_id());
    filter.action = NonEmpty(request->action());
    if (request->has_allowed()) filter.allowed = request->allowed();
    if (request->has_start_time()) {
      absl::StatusOr<domain::Time> start =
          FromTimestamp("start_time", request->start_time());
      if (!start.ok()) return ToGrpcStatus(start.status());
      filter.start_time = *start;
    }
    if (request->has_end_time()) {
      absl::StatusOr<domain::Time> end =
          FromTimestamp("end_time", request->end_time());
      if (!end.ok()) return ToGrpcStatus(end.status());
      filter.end_time = *end;
    }
    return Respond(audit_log_.List(caller, filter, request->page_size(),
                                   request->page_token()),
                   [&](const domain::Listed<domain::AuditEvent>& listed) {
                     for (const auto& event : listed.items) {
                       FillAuditEvent(event, response->add_audit_events());
                     }
                     response->set_next_page_token(listed.next_page_token);
                   });
  });
}

}  // namespace keyward::api
