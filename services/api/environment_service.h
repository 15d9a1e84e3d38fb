// EnvironmentServiceImpl: keyward.v1.EnvironmentService over the domain's
// EnvironmentManager.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_ENVIRONMENT_SERVICE_H_
#define KEYWARD_SERVICES_API_ENVIRONMENT_SERVICE_H_

#include "keyward/v1/environment.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/authenticator.h"
#include "services/domain/environment_manager.h"

namespace keyward::api {

class EnvironmentServiceImpl final : public v1::EnvironmentService::Service {
 public:
  EnvironmentServiceImpl(domain::Authenticator& authenticator,
                         domain::EnvironmentManager& environments);

  grpc::Status CreateEnvironment(grpc::ServerContext* context,
                                 const v1::CreateEnvironmentRequest* request,
                                 v1::Environment* response) override;
  grpc::Status GetEnvironment(grpc::ServerContext* context,
                              const v1::GetEnvironmentRequest* request,
                              v1::Environment* response) override;
  grpc::Status ListEnvironments(
      grpc::ServerContext* context, const v1::ListEnvironmentsRequest* request,
      v1::ListEnvironmentsResponse* response) override;
  grpc::Status UpdateEnvironment(grpc::ServerContext* context,
                                 const v1::UpdateEnvironmentRequest* request,
                                 v1::Environment* response) override;
  grpc::Status DeleteEnvironment(
      grpc::ServerContext* context, const v1::DeleteEnvironmentRequest* request,
      v1::DeleteEnvironmentResponse* response) override;

 private:
  CallRunner calls_;
  domain::EnvironmentManager& environments_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_ENVIRONMENT_SERVICE_H_
