// `keyward user`: create, list, describe, update and delete user accounts
// (`u-…`), the accounts of people, and invite them to their first key.
#include "cli/commands/account.h"
#include "cli/commands/commands.h"
#include "cli/errors.h"

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

// Prints the invitation's token once (stdout, or the `token` field of JSON
// and YAML) and its expiry; the reminder goes to stderr.
int Invite(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateInvitationRequest request;
  request.set_account_id(args.positionals()[0]);
  if (request.account_id().compare(0, Kind().prefix.size(), Kind().prefix) !=
      0) {
    return invocation.UsageError(
        "'" + request.account_id() +
        "' is not a user id (u-...): invitations are for people; give a "
        "service account its keys with `keyward api-key create`");
  }
  request.set_validate_only(args.GetBool("dry-run"));
  auto stub = v1::AccountService::NewStub(invocation.client().channel());
  v1::Invitation invitation;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateInvitation(context, request, &invitation);
      })) {
    return code;
  }
  Json json = ToJson(invitation);
  std::vector<Column> fields = {FieldColumn("User", "account_id"),
                                TimeColumn("Expires", "expire_time")};
  if (invitation.token().empty()) {
    json.erase("token");
  } else {
    fields.push_back(FieldColumn("Token", "token"));
  }
  invocation.out().Object(json, fields);
  if (!invitation.token().empty()) {
    invocation.err()
        << "Give the token to " << invitation.account_id()
        << " over a channel only they read: it is shown only once, works "
           "once, and replaces any earlier invitation of theirs. They run "
           "`keyward login --invitation` and paste it.\n";
  }
  if (request.validate_only()) {
    invocation.err() << "Dry run: the invitation passed every check; nothing "
                        "was stored and no token issued.\n";
  }
  return kExitOk;
}

}  // namespace

Group UserGroup() {
  return {
      "user",
      "Manage user accounts, the accounts of people, and invite them",
      {
          Command("create", "Create a user account", Create)
              .Flags({{"email", "ADDRESS", "email address (unique)", true},
                      {"display-name", "NAME", "human-readable name", true},
                      DryRunFlag()}),
          Command("list", "List all user accounts", List),
          Command("invite",
                  "Invite a user to redeem a first API key of their own",
                  Invite)
              .Args("<u-id>", 1, 1)
              .Details(
                  "Creates a single-use invitation and prints its token once "
                  "(with -o json or yaml, as the `token` field) and when it "
                  "expires (the policy decides; 72 hours by default). The "
                  "user redeems it with `keyward login --invitation`, which "
                  "reads the token from stdin, for a Cloud key only they "
                  "ever see. A new invitation replaces the user's earlier, "
                  "unredeemed one. Needs AccountAdmin or OrganizationAdmin "
                  "at the organization under the default policy.")
              .Flags({DryRunFlag()}),
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
