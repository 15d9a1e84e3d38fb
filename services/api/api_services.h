// The keyward.v1 gRPC services keywardd serves. Each adapter converts between
// protobuf messages and the domain layer and holds no logic of its own; a
// service without an implementation yet answers UNIMPLEMENTED (the generated
// base class does that).
//
// Thread-safety: the returned services are called concurrently by gRPC.
#ifndef KEYWARD_SERVICES_API_API_SERVICES_H_
#define KEYWARD_SERVICES_API_API_SERVICES_H_

#include <grpcpp/impl/service_type.h>

#include <memory>
#include <vector>

#include "services/domain/account_manager.h"
#include "services/domain/api_key_manager.h"
#include "services/domain/audit_log.h"
#include "services/domain/authenticator.h"
#include "services/domain/environment_manager.h"
#include "services/domain/invitation_manager.h"
#include "services/domain/key_verifier.h"
#include "services/domain/resource_manager.h"
#include "services/domain/role_binding_manager.h"
#include "services/domain/verify_access.h"

namespace keyward::api {

// The domain objects the adapters call; owned by the caller and outliving
// the services.
struct DomainServices {
  domain::Authenticator& authenticator;
  domain::EnvironmentManager& environments;
  domain::AccountManager& accounts;
  domain::ResourceManager& resources;
  domain::ApiKeyManager& api_keys;
  domain::KeyVerifier& verifier;
  domain::VerifyAccess& verify_access;
  domain::AuditLog& audit_log;
  domain::RoleBindingManager& role_bindings;
  domain::InvitationManager& invitations;
};

// Every keyward.v1 service, ready to register with a grpc::ServerBuilder.
std::vector<std::unique_ptr<grpc::Service>> CreateApiServices(
    const DomainServices& domain);

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_API_SERVICES_H_
