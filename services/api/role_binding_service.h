// RoleBindingServiceImpl: keyward.v1.RoleBindingService over the domain's
// RoleBindingManager.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_ROLE_BINDING_SERVICE_H_
#define KEYWARD_SERVICES_API_ROLE_BINDING_SERVICE_H_

#include "keyward/v1/role_binding.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/authenticator.h"
#include "services/domain/role_binding_manager.h"

namespace keyward::api {

class RoleBindingServiceImpl final : public v1::RoleBindingService::Service {
 public:
  RoleBindingServiceImpl(domain::Authenticator& authenticator,
                         domain::RoleBindingManager& role_bindings);

  grpc::Status CreateRoleBinding(grpc::ServerContext* context,
                                 const v1::CreateRoleBindingRequest* request,
                                 v1::RoleBinding* response) override;
  grpc::Status ListRoleBindings(
      grpc::ServerContext* context, const v1::ListRoleBindingsRequest* request,
      v1::ListRoleBindingsResponse* response) override;
  grpc::Status DeleteRoleBinding(
      grpc::ServerContext* context, const v1::DeleteRoleBindingRequest* request,
      v1::DeleteRoleBindingResponse* response) override;

 private:
  CallRunner calls_;
  domain::RoleBindingManager& role_bindings_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_ROLE_BINDING_SERVICE_H_
