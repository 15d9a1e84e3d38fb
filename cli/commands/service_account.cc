// `keyward service-account`: create, list, describe, update and delete
// service accounts (`sa-…`), the accounts of workloads.
#include "cli/commands/account.h"
#include "cli/commands/commands.h"

namespace keyward::cli {
namespace {

const AccountKind& Kind() {
  static const AccountKind kKind{v1::ACCOUNT_TYPE_SERVICE_ACCOUNT, "sa-",
                                 "service account"};
  return kKind;
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateServiceAccountRequest request;
  request.set_display_name(args.Get("display-name"));
  request.set_description(args.Get("description"));
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = v1::AccountService::NewStub(invocation.client().channel());
  v1::Account account;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateServiceAccount(context, request, &account);
      })) {
    return code;
  }
  return PrintCreatedAccount(invocation, account, request.validate_only(),
                             Kind());
}

int List(const Invocation& invocation) {
  return ListAccounts(
      invocation, Kind(),
      {FieldColumn("ID", "id"), FieldColumn("Display Name", "display_name"),
       FieldColumn("Description", "description"),
       TimeColumn("Created", "create_time")});
}

}  // namespace

Group ServiceAccountGroup() {
  return {
      "service-account",
      "Manage service accounts, the accounts of workloads",
      {
          Command("create", "Create a service account", Create)
              .Flags({{"display-name", "NAME", "human-readable name", true},
                      {"description", "TEXT",
                       "what the account is for (the default policy "
                       "requires one)",
                       true},
                      DryRunFlag()}),
          Command("list", "List all service accounts", List),
          Command("describe", "Show one service account",
                  [](const Invocation& invocation) {
                    return DescribeAccount(invocation, Kind());
                  })
              .Args("<sa-id>", 1, 1),
          Command("update",
                  "Change a service account's display name and/or "
                  "description",
                  [](const Invocation& invocation) {
                    return UpdateAccount(invocation, Kind());
                  })
              .Args("<sa-id>", 1, 1)
              .Details("Only the fields whose flags are given change.")
              .Flags(AccountUpdateFlags()),
          Command("delete",
                  "Delete a service account with its API keys and role "
                  "bindings",
                  [](const Invocation& invocation) {
                    return DeleteAccount(invocation, Kind());
                  })
              .Args("<sa-id>", 1, 1)
              .Details(
                  "Refused while one of its keys was used recently, unless "
                  "--ignore-active-keys is given. Asks for confirmation on a "
                  "terminal unless --force is given; elsewhere --force is "
                  "required.")
              .Flags(AccountDeleteFlags()),
      }};
}

}  // namespace keyward::cli
