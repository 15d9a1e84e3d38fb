#include "services/server/application.h"

#include "services/api/api_services.h"

namespace keyward::server {

Application::Application(const Config& config, store::Database& database)
    : hasher_(config.pepper),
      page_tokens_(hasher_),
      environment_repository_(database),
      environments_(environment_repository_, clock_, page_tokens_),
      api_key_repository_(database),
      last_used_recorder_(api_key_repository_, config.last_used_flush_interval),
      account_repository_(database),
      accounts_(account_repository_, last_used_recorder_, clock_, page_tokens_,
                config.active_window),
      resource_repository_(database),
      resources_(resource_repository_, clock_, page_tokens_),
      api_keys_(api_key_repository_, hasher_, clock_, page_tokens_,
                domain::KeyQuotas{config.quota_keys_per_owner_per_resource,
                                  config.quota_keys_per_owner}),
      verifier_(api_key_repository_, hasher_, clock_, last_used_recorder_) {
  last_used_recorder_.Start();
}

std::vector<std::unique_ptr<grpc::Service>> Application::CreateServices() {
  return api::CreateApiServices(api::DomainServices{
      environments_, accounts_, resources_, api_keys_, verifier_});
}

}  // namespace keyward::server
