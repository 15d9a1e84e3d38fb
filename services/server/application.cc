#include "services/server/application.h"

#include "services/api/api_services.h"
#include "services/api/audit_event_proto.h"
#include "services/domain/ids.h"

namespace keyward::server {
namespace {

domain::VerificationCacheLimits VerificationLimits(const Config& config) {
  domain::VerificationCacheLimits limits;
  limits.max_age = config.auth.verification_cache_max_age;
  return limits;
}

domain::WebhookDeliverySettings WebhookSettings(const Config& config) {
  domain::WebhookDeliverySettings settings;
  settings.backoff_base = config.webhooks.backoff_base;
  settings.backoff_max = config.webhooks.backoff_max;
  settings.give_up_after = config.webhooks.give_up_after;
  settings.poll_interval = config.webhooks.poll_interval;
  // A request ends within the timeout; the rest is a wide margin for the
  // database work around it.
  settings.lease =
      3 * config.webhooks.request_timeout + std::chrono::minutes(1);
  return settings;
}

}  // namespace

Application::Application(const Config& config, store::Database& database,
                         domain::MetricsSink& metrics)
    : database_(database),
      hasher_(config.auth.pepper.contents),
      page_tokens_(hasher_),
      environment_repository_(database),
      account_repository_(database),
      resource_repository_(database),
      api_key_repository_(database),
      role_binding_repository_(database),
      invitation_repository_(database),
      audit_repository_(database),
      webhook_repository_(database),
      opa_(config.opa.url, config.opa.token.contents, metrics),
      policy_(opa_, audit_repository_, clock_, config.opa.timeout),
      facts_(environment_repository_, account_repository_, resource_repository_,
             api_key_repository_, role_binding_repository_),
      key_use_recorder_(api_key_repository_,
                        config.keys.last_used_flush_interval),
      keys_in_use_(key_use_recorder_, config.keys.active_window),
      environments_(environment_repository_, keys_in_use_, policy_, facts_,
                    page_tokens_),
      accounts_(account_repository_, keys_in_use_, policy_, facts_,
                page_tokens_),
      resources_(resource_repository_, keys_in_use_, policy_, facts_,
                 page_tokens_),
      api_keys_(api_key_repository_, hasher_, clock_, policy_, facts_,
                page_tokens_,
                domain::KeyQuotas{config.keys.quota_per_owner_per_resource,
                                  config.keys.quota_per_owner}),
      role_bindings_(role_binding_repository_, policy_, facts_, page_tokens_),
      key_cache_(api_key_repository_, clock_, VerificationLimits(config),
                 metrics),
      role_binding_source_(role_binding_repository_, clock_,
                           config.auth.role_binding_cache_ttl),
      revocations_(
          config.store.url, config.auth.revocation_heartbeat_interval,
          [this](const std::string& id) { Revoke(id); },
          [this] { ForgetEverything(); }, metrics),
      verifier_(key_cache_, hasher_, clock_, key_use_recorder_),
      verify_access_(resource_repository_),
      key_verification_(verify_access_, verifier_, metrics),
      audit_log_(audit_repository_, page_tokens_),
      auth_limiter_(clock_, domain::AuthLimits{config.auth.failure_limit,
                                               config.auth.failure_window,
                                               config.auth.lockout}),
      client_addresses_(config.auth.trusted_proxies),
      authenticator_(verifier_, role_binding_source_, auth_limiter_,
                     client_addresses_, audit_repository_, clock_, metrics),
      invitations_(invitation_repository_, hasher_, clock_, policy_, facts_,
                   role_binding_source_,
                   domain::KeyQuotas{config.keys.quota_per_owner_per_resource,
                                     config.keys.quota_per_owner}),
      event_repository_(database),
      event_feed_(event_repository_, hasher_),
      event_streams_{config.server.event_poll_interval,
                     config.server.max_event_streams},
      compliance_repository_(database),
      compliance_evaluator_(compliance_repository_, opa_, clock_),
      compliance_findings_(compliance_repository_, page_tokens_),
      compliance_sweeper_(compliance_evaluator_,
                          config.keys.compliance_interval),
      webhooks_(webhook_repository_, hasher_, policy_, page_tokens_),
      webhook_sender_(config.webhooks.request_timeout),
      webhook_deliverer_(webhook_repository_, webhook_sender_, hasher_, clock_,
                         api::AuditEventJson, WebhookSettings(config)) {
  key_use_recorder_.Start();
  compliance_sweeper_.Start();
  webhook_deliverer_.Start();
  database.OnRevoked([this](const std::vector<std::string>& ids) {
    for (const std::string& id : ids) Revoke(id);
  });
  revocations_.Start();
}

Application::~Application() { database_.OnRevoked(nullptr); }

void Application::Revoke(const std::string& id) {
  if (domain::KindOfId(id) == domain::IdKind::kApiKey) {
    key_cache_.Revoke(id);
  } else {
    role_binding_source_.Forget(id);
  }
}

void Application::ForgetEverything() {
  key_cache_.Clear();
  role_binding_source_.Clear();
}

std::vector<std::unique_ptr<grpc::Service>> Application::CreateServices() {
  return api::CreateApiServices(api::DomainServices{
      authenticator_, environments_, accounts_, resources_, api_keys_,
      key_verification_, audit_log_, role_bindings_, invitations_, event_feed_,
      event_streams_, streams_stopping_, compliance_findings_, webhooks_});
}

}  // namespace keyward::server
