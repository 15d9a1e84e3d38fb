// `keyward role-binding`: grant (create), list and revoke (delete) roles of
// accounts at a scope. Bindings cannot be changed: delete and re-create.
#include "cli/commands/commands.h"
#include "keyward/v1/role_binding.grpc.pb.h"

namespace keyward::cli {
namespace {

using Stub = v1::RoleBindingService::Stub;

std::vector<Column> Columns() {
  return {FieldColumn("ID", "id"), FieldColumn("Principal", "principal_id"),
          FieldColumn("Role", "role"), FieldColumn("Scope", "scope"),
          TimeColumn("Created", "create_time")};
}

std::unique_ptr<Stub> NewStub(const Invocation& invocation) {
  return v1::RoleBindingService::NewStub(invocation.client().channel());
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateRoleBindingRequest request;
  request.set_principal_id(args.Get("principal"));
  request.set_role(args.Get("role"));
  request.set_scope(args.Get("scope"));
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = NewStub(invocation);
  v1::RoleBinding binding;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateRoleBinding(context, request, &binding);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(binding), Columns());
  if (request.validate_only()) {
    invocation.err() << "Dry run: the role binding passed every check; "
                        "nothing was created.\n";
  }
  return kExitOk;
}

int List(const Invocation& invocation) {
  v1::ListRoleBindingsRequest request;
  request.set_principal_id(invocation.args().Get("principal"));
  request.set_scope(invocation.args().Get("scope"));
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListRoleBindingsResponse>(
          invocation, request,
          [&](grpc::ClientContext* context,
              const v1::ListRoleBindingsRequest& r,
              v1::ListRoleBindingsResponse* response) {
            return stub->ListRoleBindings(context, r, response);
          },
          [](const v1::ListRoleBindingsResponse& response) -> const auto& {
            return response.role_bindings();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, Columns());
  return kExitOk;
}

int Delete(const Invocation& invocation) {
  v1::DeleteRoleBindingRequest request;
  request.set_id(invocation.args().positionals()[0]);
  request.set_validate_only(invocation.args().GetBool("dry-run"));
  if (int code =
          invocation.Confirm("Delete role binding " + request.id() + "?")) {
    return code;
  }
  auto stub = NewStub(invocation);
  v1::DeleteRoleBindingResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->DeleteRoleBinding(context, request, &response);
      })) {
    return code;
  }
  invocation.out().Result(
      ToJson(response),
      (response.validate_only() ? "Dry run: would delete role binding "
                                : "Deleted role binding ") +
          request.id() + ".");
  return kExitOk;
}

}  // namespace

Group RoleBindingGroup() {
  return {
      "role-binding",
      "Grant, list and revoke roles of accounts",
      {
          Command("create", "Grant a role to an account at a scope", Create)
              .Details("Roles: OrganizationAdmin, AccountAdmin, "
                       "EnvironmentAdmin, CloudClusterAdmin, KeyVerifier. "
                       "Scope: organization, an environment id or a "
                       "resource id.")
              .Flags(
                  {{"principal", "ACCOUNT-ID",
                    "the account (u-... or sa-...) to grant the role to", true},
                   {"role", "ROLE", "the role's name (case-sensitive)", true},
                   {"scope", "SCOPE",
                    "organization, an environment id or a resource id", true},
                   DryRunFlag()}),
          Command("list", "List role bindings", List)
              .Flags({{"principal", "ACCOUNT-ID",
                       "only the bindings of this account"},
                      {"scope", "SCOPE", "only the bindings at this scope"}}),
          Command("delete", "Revoke a role binding", Delete)
              .Args("<rb-id>", 1, 1)
              .Details("Asks for confirmation on a terminal unless --force "
                       "is given; elsewhere --force is required.")
              .Flags({ForceFlag(), DryRunFlag()}),
      }};
}

}  // namespace keyward::cli
