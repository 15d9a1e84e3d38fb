#include "services/api/api_services.h"

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "services/api/account_service.h"
#include "services/api/api_key_service.h"
#include "services/api/audit_service.h"
#include "services/api/compliance_service.h"
#include "services/api/environment_service.h"
#include "services/api/event_service.h"
#include "services/api/resource_service.h"
#include "services/api/role_binding_service.h"
#include "services/api/webhook_service.h"

namespace keyward::api {

std::vector<std::unique_ptr<grpc::Service>> CreateApiServices(
    const DomainServices& domain) {
  std::vector<std::unique_ptr<grpc::Service>> services;
  services.push_back(std::make_unique<EnvironmentServiceImpl>(
      domain.authenticator, domain.environments));
  services.push_back(std::make_unique<AccountServiceImpl>(
      domain.authenticator, domain.accounts, domain.invitations));
  services.push_back(std::make_unique<ResourceServiceImpl>(domain.authenticator,
                                                           domain.resources));
  services.push_back(std::make_unique<ApiKeyServiceImpl>(
      domain.authenticator, domain.api_keys, domain.key_verification));
  services.push_back(std::make_unique<RoleBindingServiceImpl>(
      domain.authenticator, domain.role_bindings));
  services.push_back(std::make_unique<AuditServiceImpl>(domain.authenticator,
                                                        domain.audit_log));
  services.push_back(std::make_unique<EventServiceImpl>(
      domain.authenticator, domain.events, domain.event_streams,
      domain.streams_stopping));
  services.push_back(std::make_unique<ComplianceServiceImpl>(
      domain.authenticator, domain.compliance));
  services.push_back(std::make_unique<WebhookServiceImpl>(domain.authenticator,
                                                          domain.webhooks));
  return services;
}

std::vector<std::string> ApiServiceNames() {
  return {v1::EnvironmentService::service_full_name(),
          v1::AccountService::service_full_name(),
          v1::ResourceService::service_full_name(),
          v1::ApiKeyService::service_full_name(),
          v1::RoleBindingService::service_full_name(),
          v1::AuditService::service_full_name(),
          v1::EventService::service_full_name(),
          v1::ComplianceService::service_full_name(),
          v1::WebhookService::service_full_name()};
}

}  // namespace keyward::api
