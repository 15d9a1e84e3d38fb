// AuditServiceImpl: keyward.v1.AuditService over the domain's AuditLog.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_AUDIT_SERVICE_H_
#define KEYWARD_SERVICES_API_AUDIT_SERVICE_H_

#include "keyward/v1/audit.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/audit_log.h"
#include "services/domain/authenticator.h"

namespace keyward::api {

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  AuditServiceImpl(domain::Authenticator& authenticator,
                   domain::AuditLog& audit_log);

  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override;

 private:
  CallRunner calls_;
  domain::AuditLog& audit_log_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_AUDIT_SERVICE_H_
