#include "services/server/application.h"

#include "services/api/api_services.h"

namespace keyward::server {

Application::Application(const Config& config, store::Database& database)
    : hasher_(config.pepper),
      page_tokens_(hasher_),
      environment_repository_(database),
      environments_(environment_repository_, clock_, page_tokens_) {}

std::vector<std::unique_ptr<grpc::Service>> Application::CreateServices() {
  return api::CreateApiServices(api::DomainServices{environments_});
}

}  // namespace keyward::server
