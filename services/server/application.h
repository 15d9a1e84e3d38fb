// Application: keywardd's object graph — clock, secret hasher, page tokens,
// repositories, domain managers — built once from the Config and a Database,
// and the gRPC services over them. Constructing it starts the background
// writer of API keys' last_used_time and usage counts, the compliance
// sweeper and the webhook deliverer; destroying it (after the server has
// stopped) stops the deliverer (cancelling a delivery in flight) and the
// sweeper, and that writer after a last flush.
//
// Thread-safety: immutable after construction; its parts are thread-safe.
#ifndef KEYWARD_SERVICES_SERVER_APPLICATION_H_
#define KEYWARD_SERVICES_SERVER_APPLICATION_H_

#include <grpcpp/impl/service_type.h>

#include <memory>
#include <vector>

#include "services/api/event_service.h"
#include "services/common/config.h"
#include "services/common/stop_signal.h"
#include "services/crypto/secret.h"
#include "services/domain/account_manager.h"
#include "services/domain/api_key_manager.h"
#include "services/domain/api_key_verification.h"
#include "services/domain/audit_log.h"
#include "services/domain/auth_limiter.h"
#include "services/domain/authenticator.h"
#include "services/domain/client_address.h"
#include "services/domain/clock.h"
#include "services/domain/compliance_evaluator.h"
#include "services/domain/compliance_findings.h"
#include "services/domain/compliance_sweeper.h"
#include "services/domain/environment_manager.h"
#include "services/domain/event_feed.h"
#include "services/domain/invitation_manager.h"
#include "services/domain/key_use_recorder.h"
#include "services/domain/key_verifier.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/metrics_sink.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/resource_manager.h"
#include "services/domain/role_binding_manager.h"
#include "services/domain/role_binding_source.h"
#include "services/domain/verification_cache.h"
#include "services/domain/verify_access.h"
#include "services/domain/webhook_deliverer.h"
#include "services/domain/webhook_manager.h"
#include "services/http/webhook_sender.h"
#include "services/opa/opa_client.h"
#include "services/store/account_repository.h"
#include "services/store/api_key_repository.h"
#include "services/store/audit_repository.h"
#include "services/store/compliance_repository.h"
#include "services/store/database.h"
#include "services/store/environment_repository.h"
#include "services/store/event_repository.h"
#include "services/store/invitation_repository.h"
#include "services/store/resource_repository.h"
#include "services/store/revocation_listener.h"
#include "services/store/role_binding_repository.h"
#include "services/store/webhook_repository.h"

namespace keyward::server {

class Application {
 public:
  // `metrics` hears from the parts that report (verification, caches,
  // revocations, policy, authentication); it must outlive the Application.
  Application(const Config& config, store::Database& database,
              domain::MetricsSink& metrics = domain::NoMetrics());
  ~Application();

  // The keyward.v1 services; they refer to this Application, which must
  // outlive the server.
  std::vector<std::unique_ptr<grpc::Service>> CreateServices();

  // Ends every open event stream (UNAVAILABLE) and refuses new ones: the
  // server is shutting down.
  void StopStreams() { streams_stopping_.Stop(); }

 private:
  // A revoked id from this process or another replica: a deleted key leaves
  // the verification cache, an account's role bindings are read again.
  void Revoke(const std::string& id);
  // The revocation feed was interrupted: trust no cached entry.
  void ForgetEverything();

  // Declared in construction order: each member uses only those above it.
  store::Database& database_;
  domain::SystemClock clock_;
  crypto::SecretHasher hasher_;
  domain::PageTokenCodec page_tokens_;

  store::PgEnvironmentRepository environment_repository_;
  store::PgAccountRepository account_repository_;
  store::PgResourceRepository resource_repository_;
  store::PgApiKeyRepository api_key_repository_;
  store::PgRoleBindingRepository role_binding_repository_;
  store::PgInvitationRepository invitation_repository_;
  store::PgAuditRepository audit_repository_;
  store::PgWebhookRepository webhook_repository_;

  opa::OpaClient opa_;
  domain::PolicyGate policy_;
  domain::RepositoryPolicyFacts facts_;
  // Started by the constructor; its destructor flushes a last time.
  domain::BatchingKeyUseRecorder key_use_recorder_;
  domain::KeysInUseGuard keys_in_use_;

  domain::EnvironmentManager environments_;
  domain::AccountManager accounts_;
  domain::ResourceManager resources_;
  domain::ApiKeyManager api_keys_;
  domain::RoleBindingManager role_bindings_;
  // Verification reads keys through this cache, authentication role
  // bindings through the other; every replica's listener drops what changed
  // from both, so it is declared after them (and destroyed before them).
  domain::CachedKeyLookup key_cache_;
  domain::RepositoryRoleBindingSource role_binding_source_;
  store::RevocationListener revocations_;
  domain::KeyVerifier verifier_;
  domain::VerifyAccess verify_access_;
  domain::ApiKeyVerification key_verification_;
  domain::AuditLog audit_log_;

  domain::FailedAuthLimiter auth_limiter_;
  domain::ClientAddressResolver client_addresses_;
  domain::Authenticator authenticator_;
  domain::InvitationManager invitations_;
  store::PgEventRepository event_repository_;
  domain::EventFeed event_feed_;
  api::EventStreamLimits event_streams_;
  StopSignal streams_stopping_;

  store::PgComplianceRepository compliance_repository_;
  domain::ComplianceEvaluator compliance_evaluator_;
  domain::ComplianceFindings compliance_findings_;
  // Started by the constructor; stopped (its evaluation abandoned at the
  // next batch) by its destructor, before what it uses.
  domain::ComplianceSweeper compliance_sweeper_;

  domain::WebhookManager webhooks_;
  http::HttpWebhookSender webhook_sender_;
  // Started by the constructor; its destructor stops it first of all.
  domain::WebhookDeliverer webhook_deliverer_;
};

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_APPLICATION_H_
