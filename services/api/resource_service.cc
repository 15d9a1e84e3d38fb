#include "services/api/resource_service.h"

#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"

namespace keyward::api {
namespace {

void Fill(const domain::Resource& resource, v1::Resource* out) {
  out->set_id(resource.id);
  out->set_kind(ToProto(resource.kind));
  out->set_environment_id(resource.environment_id);
  out->set_display_name(resource.display_name);
  out->set_cloud(resource.cloud);
  out->set_region(resource.region);
  *out->mutable_create_time() = ToTimestamp(resource.create_time);
}

}  // namespace

ResourceServiceImpl::ResourceServiceImpl(domain::Authenticator& authenticator,
                                         domain::ResourceManager& resources)
    : calls_(authenticator), resources_(resources) {}

grpc::Status ResourceServiceImpl::CreateResource(
    grpc::ServerContext* context, const v1::CreateResourceRequest* request,
    v1::Resource* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    absl::StatusOr<std::optional<domain::ResourceKind>> kind =
        FromProto("kind", request->kind());
    if (!kind.ok()) return ToGrpcStatus(kind.status());
    domain::NewResource resource{request->environment_id(), *kind,
                                 request->display_name(), request->cloud(),
                                 request->region()};
    return Respond(
        context, resources_.Create(caller, resource, request->validate_only()),
        [&](const domain::Resource& r) { Fill(r, response); });
  });
}

grpc::Status ResourceServiceImpl::GetResource(
    grpc::ServerContext* context, const v1::GetResourceRequest* request,
    v1::Resource* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(resources_.Get(caller, request->id()),
                   [&](const domain::Resource& r) { Fill(r, response); });
  });
}

grpc::Status ResourceServiceImpl::ListResources(
    grpc::ServerContext* context, const v1::ListResourcesRequest* request,
    v1::ListResourcesResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    absl::StatusOr<std::optional<domain::ResourceKind>> kind =
        FromProto("kind", request->kind());
    if (!kind.ok()) return ToGrpcStatus(kind.status());
    return Respond(resources_.List(caller, request->environment_id(), *kind,
                                   request->page_size(), request->page_token()),
                   [&](const domain::Listed<domain::Resource>& listed) {
                     for (const auto& r : listed.items)
                       Fill(r, response->add_resources());
                     response->set_next_page_token(listed.next_page_token);
                   });
  });
}

grpc::Status ResourceServiceImpl::DeleteResource(
    grpc::ServerContext* context, const v1::DeleteResourceRequest* request,
    v1::DeleteResourceResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(context,
                   resources_.Delete(caller, request->id(), request->force(),
                                     request->validate_only()),
                   [&](const domain::DeleteResult& result) {
                     FillDeleteResponse(result, response);
                   });
  });
}

}  // namespace keyward::api
