// ComplianceServiceImpl: keyward.v1.ComplianceService over the domain's
// ComplianceFindings.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_COMPLIANCE_SERVICE_H_
#define KEYWARD_SERVICES_API_COMPLIANCE_SERVICE_H_

#include "keyward/v1/compliance.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/authenticator.h"
#include "services/domain/compliance_findings.h"

namespace keyward::api {

class ComplianceServiceImpl final : public v1::ComplianceService::Service {
 public:
  ComplianceServiceImpl(domain::Authenticator& authenticator,
                        domain::ComplianceFindings& findings);

  grpc::Status ListFindings(grpc::ServerContext* context,
                            const v1::ListFindingsRequest* request,
                            v1::ListFindingsResponse* response) override;

 private:
  CallRunner calls_;
  domain::ComplianceFindings& findings_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_COMPLIANCE_SERVICE_H_
