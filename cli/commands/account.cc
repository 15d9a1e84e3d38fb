#include "cli/commands/account.h"

#include "cli/commands/names.h"
#include "cli/errors.h"

namespace keyward::cli {
namespace {

std::unique_ptr<v1::AccountService::Stub> NewStub(
    const Invocation& invocation) {
  return v1::AccountService::NewStub(invocation.client().channel());
}

// The id argument, or a usage error when it has another kind's prefix.
bool CheckId(const Invocation& invocation, const AccountKind& kind,
             std::string* id, int* code) {
  *id = invocation.args().positionals()[0];
  if (id->compare(0, kind.prefix.size(), kind.prefix) == 0) return true;
  *code = invocation.UsageError("'" + *id + "' is not a " + kind.noun +
                                " id (" + kind.prefix + "...)");
  return false;
}

}  // namespace

std::vector<Column> AccountDetailFields(const v1::Account& account) {
  std::vector<Column> fields = {
      FieldColumn("ID", "id"),
      {"Type",
       [](const Json& json) {
         return AccountTypeCell(json.value("type", ""));
       }},
      FieldColumn("Display Name", "display_name"),
      FieldColumn("Description", "description")};
  if (account.type() == v1::ACCOUNT_TYPE_USER) {
    fields.push_back(FieldColumn("Email", "email"));
  }
  fields.push_back(TimeColumn("Created", "create_time"));
  fields.push_back(TimeColumn("Updated", "update_time"));
  return fields;
}

int PrintCreatedAccount(const Invocation& invocation,
                        const v1::Account& account, bool dry_run,
                        const AccountKind& kind) {
  invocation.out().Object(ToJson(account), AccountDetailFields(account));
  if (dry_run) {
    invocation.err() << "Dry run: the " << kind.noun
                     << " passed every check; nothing was created.\n";
  }
  return kExitOk;
}

int ListAccounts(const Invocation& invocation, const AccountKind& kind,
                 const std::vector<Column>& columns) {
  v1::ListAccountsRequest request;
  request.set_type(kind.type);
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListAccountsResponse>(
          invocation, request,
          [&](grpc::ClientContext* context, const v1::ListAccountsRequest& r,
              v1::ListAccountsResponse* response) {
            return stub->ListAccounts(context, r, response);
          },
          [](const v1::ListAccountsResponse& response) -> const auto& {
            return response.accounts();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, columns);
  return kExitOk;
}

int DescribeAccount(const Invocation& invocation, const AccountKind& kind) {
  v1::GetAccountRequest request;
  int usage = kExitOk;
  if (!CheckId(invocation, kind, request.mutable_id(), &usage)) return usage;
  auto stub = NewStub(invocation);
  v1::Account account;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->GetAccount(context, request, &account);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(account), AccountDetailFields(account));
  return kExitOk;
}

int UpdateAccount(const Invocation& invocation, const AccountKind& kind) {
  const CommandLine& args = invocation.args();
  v1::UpdateAccountRequest request;
  int usage = kExitOk;
  if (!CheckId(invocation, kind, request.mutable_id(), &usage)) return usage;
  request.set_display_name(args.Get("display-name"));
  request.set_description(args.Get("description"));
  std::vector<std::string> paths;
  AddIfGiven(args, "display-name", "display_name", &paths);
  AddIfGiven(args, "description", "description", &paths);
  if (paths.empty()) {
    return invocation.UsageError(
        "nothing to update: pass --display-name and/or --description");
  }
  for (const std::string& path : paths) {
    request.mutable_update_mask()->add_paths(path);
  }
  auto stub = NewStub(invocation);
  v1::Account account;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->UpdateAccount(context, request, &account);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(account), AccountDetailFields(account));
  return kExitOk;
}

int DeleteAccount(const Invocation& invocation, const AccountKind& kind) {
  const CommandLine& args = invocation.args();
  v1::DeleteAccountRequest request;
  int usage = kExitOk;
  if (!CheckId(invocation, kind, request.mutable_id(), &usage)) return usage;
  request.set_force(args.GetBool("ignore-active-keys"));
  request.set_validate_only(args.GetBool("dry-run"));
  if (int code = invocation.Confirm("Delete " + kind.noun + " " + request.id() +
                                    " with all its API keys and role "
                                    "bindings?")) {
    return code;
  }
  auto stub = NewStub(invocation);
  v1::DeleteAccountResponse response;
  const Hints hints = {
      {grpc::StatusCode::FAILED_PRECONDITION, IgnoreActiveKeysHint()}};
  if (int code = invocation.Rpc(
          [&](grpc::ClientContext* context) {
            return stub->DeleteAccount(context, request, &response);
          },
          hints)) {
    return code;
  }
  const std::string text =
      (response.validate_only() ? "Dry run: would delete " : "Deleted ") +
      kind.noun + " " + request.id() + " with " +
      Plural(response.deleted_api_key_ids_size(), "API key") + " and " +
      Plural(response.deleted_role_binding_ids_size(), "role binding") + ".";
  invocation.out().Result(ToJson(response), text);
  return kExitOk;
}

std::vector<FlagSpec> AccountUpdateFlags() {
  return {{"display-name", "NAME", "new display name"},
          {"description", "TEXT", "new description (\"\" clears it)"}};
}

std::vector<FlagSpec> AccountDeleteFlags() {
  return {ForceFlag(), DryRunFlag(), IgnoreActiveKeysFlag()};
}

}  // namespace keyward::cli
