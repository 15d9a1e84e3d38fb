#include "services/api/environment_service.h"

#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"
#include "services/api/update_mask.h"

namespace keyward::api {
namespace {

void Fill(const domain::Environment& environment, v1::Environment* out) {
  out->set_id(environment.id);
  out->set_display_name(environment.display_name);
  out->set_stage(environment.stage);
  *out->mutable_create_time() = ToTimestamp(environment.create_time);
  *out->mutable_update_time() = ToTimestamp(environment.update_time);
}

}  // namespace

EnvironmentServiceImpl::EnvironmentServiceImpl(
    domain::Authenticator& authenticator,
    domain::EnvironmentManager& environments)
    : calls_(authenticator), environments_(environments) {}

grpc::Status EnvironmentServiceImpl::CreateEnvironment(
    grpc::ServerContext* context, const v1::CreateEnvironmentRequest* request,
    v1::Environment* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        environments_.Create(caller, request->display_name(), request->stage(),
                             request->validate_only()),
        [&](const domain::Environment& e) { Fill(e, response); });
  });
}

grpc::Status EnvironmentServiceImpl::GetEnvironment(
    grpc::ServerContext* context, const v1::GetEnvironmentRequest* request,
    v1::Environment* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(environments_.Get(caller, request->id()),
                   [&](const domain::Environment& e) { Fill(e, response); });
  });
}

grpc::Status EnvironmentServiceImpl::ListEnvironments(
    grpc::ServerContext* context, const v1::ListEnvironmentsRequest* request,
    v1::ListEnvironmentsResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        environments_.List(caller, request->page_size(), request->page_token()),
        [&](const domain::Listed<domain::Environment>& listed) {
          for (const auto& e : listed.items)
            Fill(e, response->add_environments());
          response->set_next_page_token(listed.next_page_token);
        });
  });
}

grpc::Status EnvironmentServiceImpl::UpdateEnvironment(
    grpc::ServerContext* context, const v1::UpdateEnvironmentRequest* request,
    v1::Environment* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    UpdateMaskRules rules{
        {"display_name", "stage"}, {}, {"id"}, "cannot change"};
    if (!request->display_name().empty())
      rules.set_in_request.push_back("display_name");
    if (!request->stage().empty()) rules.set_in_request.push_back("stage");
    absl::StatusOr<std::set<std::string>> fields =
        ResolveUpdateMask(request->update_mask(), rules);
    if (!fields.ok()) return ToGrpcStatus(fields.status());

    domain::EnvironmentUpdate update;
    if (fields->count("display_name"))
      update.display_name = request->display_name();
    if (fields->count("stage")) update.stage = request->stage();
    return Respond(context, environments_.Update(caller, request->id(), update),
                   [&](const domain::Environment& e) { Fill(e, response); });
  });
}

grpc::Status EnvironmentServiceImpl::DeleteEnvironment(
    grpc::ServerContext* context, const v1::DeleteEnvironmentRequest* request,
    v1::DeleteEnvironmentResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(context,
                   environments_.Delete(caller, request->id(), request->force(),
                                        request->ignore_active_keys(),
                                        request->validate_only()),
                   [&](const domain::DeleteResult& result) {
                     FillDeleteResponse(result, response);
                     for (const auto& id : result.deleted_resource_ids) {
                       response->add_deleted_resource_ids(id);
                     }
                   });
  });
}

}  // namespace keyward::api
