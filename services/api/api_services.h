// The keyward.v1 gRPC services keywardd serves. Each adapter converts between
// protobuf messages and the domain layer and holds no logic of its own:
// CallRunner authenticates every call, Respond returns every result.
//
// Thread-safety: the returned services are called concurrently by gRPC.
#ifndef KEYWARD_SERVICES_API_API_SERVICES_H_
#define KEYWARD_SERVICES_API_API_SERVICES_H_

#include <grpcpp/impl/service_type.h>

#include <memory>
#include <string>
#include <vector>

#include "services/api/event_service.h"
#include "services/common/stop_signal.h"
#include "services/domain/account_manager.h"
#include "services/domain/api_key_manager.h"
#include "services/domain/api_key_verification.h"
#include "services/domain/audit_log.h"
#include "services/domain/authenticator.h"
#include "services/domain/compliance_findings.h"
#include "services/domain/environment_manager.h"
#include "services/domain/event_feed.h"
#include "services/domain/invitation_manager.h"
#include "services/domain/resource_manager.h"
#include "services/domain/role_binding_manager.h"
#include "services/domain/webhook_manager.h"

namespace keyward::api {

// The domain objects the adapters call; owned by the caller and outliving
// the services.
struct DomainServices {
  domain::Authenticator& authenticator;
  domain::EnvironmentManager& environments;
  domain::AccountManager& accounts;
  domain::ResourceManager& resources;
  domain::ApiKeyManager& api_keys;
  domain::ApiKeyVerification& key_verification;
  domain::AuditLog& audit_log;
  domain::RoleBindingManager& role_bindings;
  domain::InvitationManager& invitations;
  domain::EventFeed& events;
  EventStreamLimits event_streams;
  StopSignal& streams_stopping;  // stopped when the server shuts down
  domain::ComplianceFindings& compliance;
  domain::WebhookManager& webhooks;
};

// Every keyward.v1 service, ready to register with a grpc::ServerBuilder.
std::vector<std::unique_ptr<grpc::Service>> CreateApiServices(
    const DomainServices& domain);

// The full names ("keyward.v1.ApiKeyService") of the services
// CreateApiServices returns, in the same order.
std::vector<std::string> ApiServiceNames();

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_API_SERVICES_H_
