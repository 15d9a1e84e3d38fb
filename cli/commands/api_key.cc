// `keyward api-key`: create, list, describe, update, delete and verify API
// keys. A new key's secret is shown once, by create; secrets are read from
// stdin or a file, never from the command line.
#include <algorithm>

#include "cli/commands/commands.h"
#include "cli/commands/names.h"
#include "cli/errors.h"
#include "cli/terminal.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "services/common/duration.h"

namespace keyward::cli {
namespace {

using Stub = v1::ApiKeyService::Stub;

Column ResourceKindColumn(const std::string& label) {
  return {label, [](const Json& key) {
            return ResourceKindCell(key.value("resource_kind", ""));
          }};
}

std::vector<Column> ListColumns() {
  return {FieldColumn("Key", "id"),
          FieldColumn("Owner", "owner_id"),
          FieldColumn("Resource", "resource_id"),
          FieldColumn("Description", "description"),
          TimeColumn("Created", "create_time"),
          TimeColumn("Expires", "expire_time", "never")};
}

std::vector<Column> DetailFields() {
  return {FieldColumn("Key", "id"),
          FieldColumn("Display Name", "display_name"),
          FieldColumn("Description", "description"),
          FieldColumn("Owner", "owner_id"),
          {"Owner Type",
           [](const Json& key) {
             return AccountTypeCell(key.value("owner_type", ""));
           }},
          FieldColumn("Resource", "resource_id"),
          ResourceKindColumn("Resource Kind"),
          TimeColumn("Created", "create_time"),
          TimeColumn("Updated", "update_time"),
          TimeColumn("Expires", "expire_time", "never"),
          TimeColumn("Last Used", "last_used_time", "never"),
          FieldColumn("Created By", "created_by")};
}

std::unique_ptr<Stub> NewStub(const Invocation& invocation) {
  return v1::ApiKeyService::NewStub(invocation.client().channel());
}

// The owner from --service-account or --user (at most one of them); empty
// when neither is given. False (with `usage` set) when both are.
bool OwnerFlag(const Invocation& invocation, std::string* owner, int* usage) {
  const CommandLine& args = invocation.args();
  if (args.Has("service-account") && args.Has("user")) {
    *usage = invocation.UsageError(
        "--service-account and --user exclude each other");
    return false;
  }
  *owner = args.Has("service-account") ? args.Get("service-account")
                                       : args.Get("user");
  return true;
}

int Create(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::CreateApiKeyRequest request;
  int usage = kExitOk;
  // Without --service-account or --user the key is the caller's own.
  if (!OwnerFlag(invocation, request.mutable_owner_id(), &usage)) return usage;
  if (args.Has("expires-in")) {
    const absl::StatusOr<std::chrono::milliseconds> lifetime =
        ParseDuration(args.Get("expires-in"));
    if (!lifetime.ok()) {
      return invocation.UsageError("--expires-in: " +
                                   std::string(lifetime.status().message()));
    }
    if (lifetime->count() <= 0) {
      return invocation.UsageError("--expires-in: must be more than 0s");
    }
    *request.mutable_expire_time() = TimestampIn(*lifetime);
  }
  request.set_resource_id(args.Get("resource"));
  request.set_display_name(args.Get("display-name"));
  request.set_description(args.Get("description"));
  request.set_validate_only(args.GetBool("dry-run"));

  auto stub = NewStub(invocation);
  v1::CreateApiKeyResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateApiKey(context, request, &response);
      })) {
    return code;
  }
  Json key = ToJson(response.api_key());
  std::vector<Column> fields = DetailFields();
  if (!response.secret().empty()) {
    key["secret"] = response.secret();
    fields.push_back(FieldColumn("Secret", "secret"));
  }
  invocation.out().Object(key, fields);
  if (!response.secret().empty()) {
    invocation.err() << "Save the secret now: it is shown only once and "
                        "cannot be retrieved later.\n";
  }
  if (request.validate_only()) {
    invocation.err() << "Dry run: the key passed every check; no key was "
                        "created and no secret issued.\n";
  }
  return kExitOk;
}

int List(const Invocation& invocation) {
  v1::ListApiKeysRequest request;
  int usage = kExitOk;
  if (!OwnerFlag(invocation, request.mutable_owner_id(), &usage)) return usage;
  request.set_resource_id(invocation.args().Get("resource"));
  auto stub = NewStub(invocation);
  Json items;
  if (int code = CollectPages<v1::ListApiKeysResponse>(
          invocation, request,
          [&](grpc::ClientContext* context, const v1::ListApiKeysRequest& r,
              v1::ListApiKeysResponse* response) {
            return stub->ListApiKeys(context, r, response);
          },
          [](const v1::ListApiKeysResponse& response) -> const auto& {
            return response.api_keys();
          },
          &items)) {
    return code;
  }
  invocation.out().List(items, ListColumns());
  return kExitOk;
}

int Describe(const Invocation& invocation) {
  v1::GetApiKeyRequest request;
  request.set_id(invocation.args().positionals()[0]);
  auto stub = NewStub(invocation);
  v1::ApiKey key;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->GetApiKey(context, request, &key);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(key), DetailFields());
  return kExitOk;
}

int Update(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::UpdateApiKeyRequest request;
  request.set_id(args.positionals()[0]);
  request.set_display_name(args.Get("display-name"));
  request.set_description(args.Get("description"));
  std::vector<std::string> paths;
  AddIfGiven(args, "display-name", "display_name", &paths);
  AddIfGiven(args, "description", "description", &paths);
  if (paths.empty()) {
    return invocation.UsageError(
        "nothing to update: pass --description and/or --display-name (keys "
        "are otherwise immutable)");
  }
  for (const std::string& path : paths) {
    request.mutable_update_mask()->add_paths(path);
  }
  auto stub = NewStub(invocation);
  v1::ApiKey key;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->UpdateApiKey(context, request, &key);
      })) {
    return code;
  }
  invocation.out().Object(ToJson(key), DetailFields());
  return kExitOk;
}

int Delete(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  const std::vector<std::string>& ids = args.positionals();
  if (int code = invocation.Confirm("Delete " + std::to_string(ids.size()) +
                                    " API key(s)?")) {
    return code;
  }
  auto stub = NewStub(invocation);
  Json results = Json::array();
  int worst = kExitOk;
  for (const std::string& id : ids) {
    v1::DeleteApiKeyRequest request;
    request.set_id(id);
    request.set_validate_only(args.GetBool("dry-run"));
    v1::DeleteApiKeyResponse response;
    const int code = invocation.Rpc([&](grpc::ClientContext* context) {
      return stub->DeleteApiKey(context, request, &response);
    });
    if (code != kExitOk) {
      worst = std::max(worst, code);
      continue;
    }
    if (invocation.out().is_table()) {
      invocation.out().Result(
          Json(), (response.validate_only() ? "Dry run: would delete API key "
                                            : "Deleted API key ") +
                      id + ".");
    } else {
      results.push_back(ToJson(response));
    }
  }
  if (!invocation.out().is_table()) invocation.out().List(results, {});
  return worst;
}

int Verify(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::VerifyApiKeyRequest request;
  request.set_key(args.positionals()[0]);
  request.set_resource_id(args.Get("resource"));
  std::string error;
  if (args.Has("secret-file")) {
    if (!ReadSecretFile(args.Get("secret-file"), request.mutable_secret(),
                        &error)) {
      return invocation.UsageError("--secret-file: " + error);
    }
  } else {
    ReadSecret("API secret for " + request.key() + ": ",
               request.mutable_secret());
  }
  if (request.secret().empty()) {
    return invocation.UsageError(
        "no secret given: type it at the prompt, pipe it on stdin or pass "
        "--secret-file");
  }
  auto stub = NewStub(invocation);
  v1::VerifyApiKeyResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->VerifyApiKey(context, request, &response);
      })) {
    return code;
  }
  std::vector<Column> fields = {
      {"Valid",
       [](const Json& result) {
         return result.value("valid", false) ? "true" : "false";
       }},
      {"Reason", [](const Json& result) {
         return WithoutPrefix(result.value("reason", ""), "VERIFY_REASON_");
       }}};
  // The key's details come only with a proven secret.
  if (!response.api_key_id().empty()) {
    fields.push_back(FieldColumn("Key", "api_key_id"));
    fields.push_back(FieldColumn("Owner", "owner_id"));
    fields.push_back(FieldColumn("Resource", "resource_id"));
    fields.push_back(TimeColumn("Expires", "expire_time", "never"));
  }
  invocation.out().Object(ToJson(response), fields);
  return response.valid() ? kExitOk : kExitRefused;
}

std::vector<FlagSpec> OwnerFilterFlags() {
  return {{"service-account", "SA-ID", "only keys owned by this account"},
          {"user", "U-ID", "only keys owned by this user"}};
}

}  // namespace

Group ApiKeyGroup() {
  std::vector<FlagSpec> list_flags = {
      {"resource", "ID|cloud",
       "only keys for this resource (cloud: Cloud keys)"}};
  for (const FlagSpec& flag : OwnerFilterFlags()) list_flags.push_back(flag);
  return {
      "api-key",
      "Manage and verify API keys",
      {
          Command("create", "Create an API key and show its secret once",
                  Create)
              .Details(
                  "The key belongs to exactly one account (--service-account "
                  "or --user; neither: yourself) for its whole life and "
                  "opens one resource, or the whole organization with "
                  "--resource cloud. A user's keys are created by that user "
                  "alone. The secret is printed once: store it, it cannot be "
                  "retrieved later.")
              .Flags({{"resource", "ID|cloud",
                       "the resource the key opens, or cloud for an "
                       "organization-wide key",
                       true},
                      {"service-account", "SA-ID", "owner: a service account"},
                      {"user", "U-ID", "owner: a user account"},
                      {"description", "TEXT",
                       "what the key is for (the default policy requires "
                       "one)",
                       true},
                      {"display-name", "NAME", "human-readable name"},
                      {"expires-in", "DURATION",
                       "lifetime, e.g. 90d, 12h, 30m (default: never "
                       "expires)"},
                      DryRunFlag()}),
          Command("list", "List API keys (never their secrets)", List)
              .Flags(list_flags),
          Command("describe", "Show one API key", Describe).Args("<key>", 1, 1),
          Command("update", "Change a key's description and/or display name",
                  Update)
              .Args("<key>", 1, 1)
              .Details("Keys are otherwise immutable: to change anything "
                       "else, delete the key and create a new one.")
              .Flags({{"description", "TEXT", "new description"},
                      {"display-name", "NAME", "new display name"}}),
          Command("delete", "Delete API keys", Delete)
              .Args("<key>...", 1, kUnlimited)
              .Details("Deleted keys stop verifying within a second. Asks "
                       "for confirmation on a terminal unless --force is "
                       "given; elsewhere --force is required.")
              .Flags({ForceFlag(), DryRunFlag()}),
          Command("verify", "Check a key and its secret against a resource",
                  Verify)
              .Args("<key>", 1, 1)
              .Details("The secret is read from --secret-file, else from "
                       "stdin (a prompt without echo on a terminal); never "
                       "from the command line. Exit code 0 when the key is "
                       "valid for the resource, 1 otherwise.")
              .Flags({{"resource", "ID|cloud",
                       "the resource the key is presented to", true},
                      {"secret-file", "FILE",
                       "read the secret from the first line of FILE"}}),
      }};
}

}  // namespace keyward::cli
