// `keyward user`: create, list, describe, update and delete user accounts
// (`u-…`), the accounts of people.
#include "cli/commands/account.h"
#include "cli/commands/commands.h"

namespace keyward::cli {
namespace {

const AccountKind& Kind() {
  static const AccountKind kKind{v1::ACCOUNT_TYPE_USER, "u-", "user"};
  return kKind;
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateUserAccountRequest request;
  request.set_email(args.Get("email"));
  request.set_display_name(args.Get("display-name"));
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = v1::AccountService::NewStub(invocation.client().channel());
  v1::Account account;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateUserAccount(context, request, &account);
      })) {
    return code;
  }
  return PrintCreatedAccount(invocation, account, request.validate_only(),
                             Kind());
}

int List(const Invocation& invocation) {
  return ListAccounts(invocation, Kind(),
                      {FieldColumn("ID", "id"), FieldColumn("Email", "email"),
                       FieldColumn("Display Name", "display_name"),
                       TimeColumn("Created", "create_time")});
}

}  // namespace

Group UserGroup() {
  return {
      "user",
      "Manage user accounts, the accounts of people",
      {
          Command("create", "Create a user account", Create)
              .Flags({{"email", "ADDRESS", "email address (unique)", true},
                      {"display-name", "NAME", "human-readable name", true},
                      DryRunFlag()}),
          Command("list", "List all user accounts", List),
          Command("describe", "Show one user account",
                  [](const Invocation& invocation) {
                    return DescribeAccount(invocation, Kind());
                  })
              .Args("<u-id>", 1, 1),
          Command("update", "Change a user's display name and/or description",
                  [](const Invocation& invocation) {
                    return UpdateAccount(invocation, Kind());
                  })
              .Args("<u-id>", 1, 1)
              .Details("Only the fields whose flags are given change. The "
                       "email address cannot be changed.")
              .Flags(AccountUpdateFlags()),
          Command("delete",
                  "Delete a user account with its API keys and role "
                  "bindings",
                  [](const Invocation& invocation) {
                    return DeleteAccount(invocation, Kind());
                  })
              .Args("<u-id>", 1, 1)
              .Details(
                  "Refused while one of its keys was used recently, unless "
                  "--ignore-active-keys is given. Asks for confirmation on a "
                  "terminal unless --force is given; elsewhere --force is "
                  "required.")
              .Flags(AccountDeleteFlags()),
      }};
}

}  // namespace keyward::cli
