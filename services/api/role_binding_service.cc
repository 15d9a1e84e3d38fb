#include "services/api/role_binding_service.h"

#include "services/api/call_runner.h"
#include "services/api/convert.h"
#include "services/api/respond.h"

namespace keyward::api {
namespace {

void Fill(const domain::RoleBinding& binding, v1::RoleBinding* out) {
  out->set_id(binding.id);
  out->set_principal_id(binding.principal_id);
  out->set_role(binding.role);
  out->set_scope(binding.scope);
  *out->mutable_create_time() = ToTimestamp(binding.create_time);
}

}  // namespace

RoleBindingServiceImpl::RoleBindingServiceImpl(
    domain::Authenticator& authenticator,
    domain::RoleBindingManager& role_bindings)
    : calls_(authenticator), role_bindings_(role_bindings) {}

grpc::Status RoleBindingServiceImpl::CreateRoleBinding(
    grpc::ServerContext* context, const v1::CreateRoleBindingRequest* request,
    v1::RoleBinding* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        role_bindings_.Create(caller, request->principal_id(), request->role(),
                              request->scope(), request->validate_only()),
        [&](const domain::RoleBinding& b) { Fill(b, response); });
  });
}

grpc::Status RoleBindingServiceImpl::ListRoleBindings(
    grpc::ServerContext* context, const v1::ListRoleBindingsRequest* request,
    v1::ListRoleBindingsResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        role_bindings_.List(caller, request->principal_id(), request->scope(),
                            request->page_size(), request->page_token()),
        [&](const domain::Listed<domain::RoleBinding>& listed) {
          for (const auto& b : listed.items) {
            Fill(b, response->add_role_bindings());
          }
          response->set_next_page_token(listed.next_page_token);
        });
  });
}

grpc::Status RoleBindingServiceImpl::DeleteRoleBinding(
    grpc::ServerContext* context, const v1::DeleteRoleBindingRequest* request,
    v1::DeleteRoleBindingResponse* response) {
  return calls_.Authenticated(context, [&](const domain::Caller& caller) {
    return Respond(
        context,
        role_bindings_.Delete(caller, request->id(), request->validate_only()),
        [&](const domain::DeleteResult& result) {
          response->set_id(result.id);
          response->set_validate_only(result.validate_only);
        });
  });
}

}  // namespace keyward::api
