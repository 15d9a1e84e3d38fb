// ResourceServiceImpl: keyward.v1.ResourceService over the domain's
// ResourceManager.
//
// Thread-safety: called concurrently by gRPC; holds no state of its own.
#ifndef KEYWARD_SERVICES_API_RESOURCE_SERVICE_H_
#define KEYWARD_SERVICES_API_RESOURCE_SERVICE_H_

#include "keyward/v1/resource.grpc.pb.h"
#include "services/api/call_runner.h"
#include "services/domain/authenticator.h"
#include "services/domain/resource_manager.h"

namespace keyward::api {

class ResourceServiceImpl final : public v1::ResourceService::Service {
 public:
  ResourceServiceImpl(domain::Authenticator& authenticator,
                      domain::ResourceManager& resources);

  grpc::Status CreateResource(grpc::ServerContext* context,
                              const v1::CreateResourceRequest* request,
                              v1::Resource* response) override;
  grpc::Status GetResource(grpc::ServerContext* context,
                           const v1::GetResourceRequest* request,
                           v1::Resource* response) override;
  grpc::Status ListResources(grpc::ServerContext* context,
                             const v1::ListResourcesRequest* request,
                             v1::ListResourcesResponse* response) override;
  grpc::Status DeleteResource(grpc::ServerContext* context,
                              const v1::DeleteResourceRequest* request,
                              v1::DeleteResourceResponse* response) override;

 private:
  CallRunner calls_;
  domain::ResourceManager& resources_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_RESOURCE_SERVICE_H_
