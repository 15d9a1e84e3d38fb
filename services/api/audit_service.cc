#include "services/api/audit_service.h"

#include "services/api/audit_event_proto.h"
#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"

namespace keyward::api {
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
