#include "services/api/api_services.h"

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/audit.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "services/api/environment_service.h"

namespace keyward::api {

std::vector<std::unique_ptr<grpc::Service>> CreateApiServices(
    const DomainServices& domain) {
  std::vector<std::unique_ptr<grpc::Service>> services;
  services.push_back(
      std::make_unique<EnvironmentServiceImpl>(domain.environments));
  services.push_back(std::make_unique<v1::AccountService::Service>());
  services.push_back(std::make_unique<v1::ResourceService::Service>());
  services.push_back(std::make_unique<v1::ApiKeyService::Service>());
  services.push_back(std::make_unique<v1::RoleBindingService::Service>());
  services.push_back(std::make_unique<v1::AuditService::Service>());
  return services;
}

}  // namespace keyward::api
