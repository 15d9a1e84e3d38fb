#include "services/api/compliance_service.h"

#include "services/api/convert.h"
#include "services/api/respond.h"

namespace keyward::api {
namespace {

void Fill(const domain::Finding& finding, v1::Finding* out) {
  out->set_rule(finding.rule);
  out->set_message(finding.message);
  out->set_severity(finding.severity);
  out->set_api_key_id(finding.api_key_id);
  out->set_owner_id(finding.owner_id);
  out->set_resource_id(finding.resource_id);
  out->set_environment_id(finding.environment_id);
}

}  // namespace

ComplianceServiceImpl::ComplianceServiceImpl(
    domain::Authenticator& authenticator, domain::ComplianceFindings& findings)
    : calls_(authenticator), findings_(findings) {}

grpc::Status ComplianceServiceImpl::ListFindings(
    grpc::ServerContext* context, const v1::ListFindingsRequest* request,
    v1::ListFindingsResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    const domain::FindingFilter filter{request->rule(),
                                       request->environment_id()};
    return Respond(findings_.List(caller, filter, request->page_size(),
                                  request->page_token()),
                   [&](const domain::ListedFindings& listed) {
                     for (const domain::Finding& finding : listed.page.items) {
                       Fill(finding, response->add_findings());
                     }
                     response->set_next_page_token(listed.page.next_page_token);
                     if (listed.run) {
                       *response->mutable_evaluate_time() =
                           ToTimestamp(listed.run->evaluate_time);
                     }
                   });
  });
}

}  // namespace keyward::api
