// `keyward api-key`: create, list, describe, update, delete and verify API
// keys, and the group with the verbs defined beside it (api_key.h). A new
// key's secret is shown once, by create or rotate; secrets are read from
// stdin, a file or the key store, never from the command line.
#include "cli/commands/api_key.h"

#include <algorithm>

#include "cli/commands/commands.h"
#include "cli/commands/names.h"
#include "cli/errors.h"
#include "cli/key_store.h"
#include "cli/terminal.h"

namespace keyward::cli {
namespace {

Column ResourceKindColumn(const std::string& label) {
  return {label, [](const Json& key) {
            return ResourceKindCell(key.value("resource_kind", ""));
          }};
}

Column StateColumn(const std::string& label) {
  return {label, [](const Json& key) {
            return ApiKeyStateCell(key.value("state", ""));
          }};
}

std::vector<Column> ListColumns() {
  return {FieldColumn("Key", "id"),
          FieldColumn("Owner", "owner_id"),
          FieldColumn("Resource", "resource_id"),
          StateColumn("State"),
          FieldColumn("Description", "description"),
          TimeColumn("Created", "create_time"),
          TimeColumn("Expires", "expire_time", "never")};
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
  if (args.GetBool("current-user") &&
      (args.Has("service-account") || args.Has("user"))) {
    *usage = invocation.UsageError(
        "--current-user excludes --service-account and --user");
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
  std::optional<std::chrono::milliseconds> lifetime;
  std::string error;
  if (!DurationFlag(args, "expires-in", /*allow_zero=*/false, &lifetime,
                    &error)) {
    return invocation.UsageError(error);
  }
  if (lifetime.has_value()) {
    *request.mutable_expire_time() = TimestampIn(*lifetime);
  }
  request.set_resource_id(args.Get("resource"));
  request.set_display_name(args.Get("display-name"));
  request.set_description(args.Get("description"));
  request.set_validate_only(args.GetBool("dry-run"));

  auto stub = NewApiKeyStub(invocation);
  v1::CreateApiKeyResponse response;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->CreateApiKey(context, request, &response);
      })) {
    return code;
  }
  Json key = ToJson(response.api_key());
  std::vector<Column> fields = ApiKeyFields(key);
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

// The owner of the key keyward calls with: the logged-in account.
int CurrentUser(const Invocation& invocation, v1::ApiKeyService::Stub& stub,
                std::string* owner) {
  const std::string& own_key = invocation.client().api_key();
  if (own_key.empty()) {
    return invocation.UsageError(
        "--current-user: no credentials, so no current user; log in with "
        "`keyward login` or set KEYWARD_API_KEY");
  }
  v1::GetApiKeyRequest request;
  request.set_id(own_key);
  v1::ApiKey key;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub.GetApiKey(context, request, &key);
      })) {
    return code;
  }
  *owner = key.owner_id();
  return kExitOk;
}

// --state, --unused-since and --expiring-within into the request.
int ListFilters(const Invocation& invocation, v1::ListApiKeysRequest* request) {
  const CommandLine& args = invocation.args();
  if (args.Has("state")) {
    v1::ApiKeyState state = v1::API_KEY_STATE_UNSPECIFIED;
    if (!ParseApiKeyState(args.Get("state"), &state)) {
      return invocation.UsageError("--state: '" + args.Get("state") +
                                   "' is not active, disabled or expired");
    }
    request->set_state(state);
  }
  std::optional<std::chrono::milliseconds> unused;
  std::optional<std::chrono::milliseconds> expiring;
  std::string error;
  if (!DurationFlag(args, "unused-since", /*allow_zero=*/true, &unused,
                    &error) ||
      !DurationFlag(args, "expiring-within", /*allow_zero=*/true, &expiring,
                    &error)) {
    return invocation.UsageError(error);
  }
  if (unused.has_value()) {
    *request->mutable_unused_since() = TimestampIn(-*unused);
  }
  if (expiring.has_value()) {
    *request->mutable_expire_before() = TimestampIn(*expiring);
  }
  return kExitOk;
}

int List(const Invocation& invocation) {
  v1::ListApiKeysRequest request;
  int usage = kExitOk;
  if (!OwnerFlag(invocation, request.mutable_owner_id(), &usage)) return usage;
  request.set_resource_id(invocation.args().Get("resource"));
  if (int code = ListFilters(invocation, &request)) return code;
  auto stub = NewApiKeyStub(invocation);
  if (invocation.args().GetBool("current-user")) {
    if (int code = CurrentUser(invocation, *stub, request.mutable_owner_id())) {
      return code;
    }
  }
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
  auto stub = NewApiKeyStub(invocation);
  v1::ApiKey key;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->GetApiKey(context, request, &key);
      })) {
    return code;
  }
  const Json json = ToJson(key);
  invocation.out().Object(json, ApiKeyFields(json));
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
  auto stub = NewApiKeyStub(invocation);
  v1::ApiKey key;
  if (int code = invocation.Rpc([&](grpc::ClientContext* context) {
        return stub->UpdateApiKey(context, request, &key);
      })) {
    return code;
  }
  const Json json = ToJson(key);
  invocation.out().Object(json, ApiKeyFields(json));
  return kExitOk;
}

int Delete(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  const std::vector<std::string>& ids = args.positionals();
  if (int code = invocation.Confirm("Delete " + std::to_string(ids.size()) +
                                    " API key(s)?")) {
    return code;
  }
  auto stub = NewApiKeyStub(invocation);
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

// The stored keys, for verify: loaded once, on first need.
class LazyKeyStore {
 public:
  explicit LazyKeyStore(const Environment& env) : env_(env) {}

  // Null with `error` when the store cannot be read.
  const ApiKeyStore* Get(std::string* error) {
    if (!loaded_) {
      const std::string path = ApiKeyStorePath(env_, error);
      if (path.empty() || !LoadApiKeyStore(path, &store_, error)) {
        return nullptr;
      }
      loaded_ = true;
    }
    return &store_;
  }

 private:
  const Environment& env_;
  ApiKeyStore store_;
  bool loaded_ = false;
};

// The secret to verify with, first found: --secret-file, a line piped on
// stdin, the key store, a prompt on the terminal. Returns 0 or the exit code
// of the usage error it printed.
int SecretToVerify(const Invocation& invocation, LazyKeyStore& stored_keys,
                   v1::VerifyApiKeyRequest* request) {
  const CommandLine& args = invocation.args();
  std::string* secret = request->mutable_secret();
  std::string error;
  if (args.Has("secret-file")) {
    if (!ReadSecretFile(args.Get("secret-file"), secret, &error)) {
      return invocation.UsageError("--secret-file: " + error);
    }
  } else if (!StdinIsTerminal()) {
    ReadSecret("", secret);
  }
  if (secret->empty() && !args.Has("secret-file")) {
    const ApiKeyStore* store = stored_keys.Get(&error);
    if (store == nullptr) return invocation.UsageError(error);
    if (const std::string* found = StoredSecret(*store, request->key())) {
      *secret = *found;
    } else if (StdinIsTerminal()) {
      ReadSecret("API secret for " + request->key() + ": ", secret);
    }
  }
  if (secret->empty()) {
    return invocation.UsageError(
        "no secret given for " + request->key() +
        ": type it at the prompt, pipe it on stdin, pass --secret-file or "
        "keep it with `keyward api-key store`");
  }
  return kExitOk;
}

int Verify(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  v1::VerifyApiKeyRequest request;
  request.set_resource_id(args.Get("resource"));
  LazyKeyStore stored_keys(invocation.env());
  std::string error;
  if (args.positionals().empty()) {
    const ApiKeyStore* store = stored_keys.Get(&error);
    if (store == nullptr) return invocation.UsageError(error);
    request.set_key(KeyToVerify(*store, "", request.resource_id(), &error));
    if (request.key().empty()) return invocation.UsageError(error);
  } else {
    request.set_key(args.positionals()[0]);
  }
  if (int code = SecretToVerify(invocation, stored_keys, &request)) {
    return code;
  }
  auto stub = NewApiKeyStub(invocation);
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

std::vector<FlagSpec> ListFlags() {
  return {{"resource", "ID|cloud",
           "only keys for this resource (cloud: Cloud keys)"},
          {"service-account", "SA-ID", "only keys owned by this account"},
          {"user", "U-ID", "only keys owned by this user"},
          {"current-user", "",
           "only keys owned by the account keyward is logged in as"},
          {"state", "STATE",
           "only keys in this state: active, disabled or expired"},
          {"unused-since", "DURATION",
           "only keys not used for DURATION (e.g. 90d), never-used keys "
           "included"},
          {"expiring-within", "DURATION",
           "only keys expiring within DURATION (e.g. 7d), expired ones "
           "included"}};
}

}  // namespace

std::vector<Column> ApiKeyFields(const Json& key) {
  std::vector<Column> fields = {
      FieldColumn("Key", "id"),
      FieldColumn("Display Name", "display_name"),
      FieldColumn("Description", "description"),
      FieldColumn("Owner", "owner_id"),
      {"Owner Type",
       [](const Json& key) {
         return AccountTypeCell(key.value("owner_type", ""));
       }},
      FieldColumn("Resource", "resource_id"),
      ResourceKindColumn("Resource Kind"),
      StateColumn("State"),
      TimeColumn("Created", "create_time"),
      TimeColumn("Updated", "update_time"),
      TimeColumn("Expires", "expire_time", "never")};
  if (!TimeCell(key.value("disable_time", Json())).empty()) {
    fields.push_back(TimeColumn("Disabled", "disable_time"));
    fields.push_back(FieldColumn("Disabled By", "disabled_by"));
  }
  fields.push_back(TimeColumn("Last Used", "last_used_time", "never"));
  fields.push_back(FieldColumn("Created By", "created_by"));
  if (!key.value("rotated_from", "").empty()) {
    fields.push_back(FieldColumn("Rotated From", "rotated_from"));
  }
  return fields;
}

std::unique_ptr<v1::ApiKeyService::Stub> NewApiKeyStub(
    const Invocation& invocation) {
  return v1::ApiKeyService::NewStub(invocation.client().channel());
}

Group ApiKeyGroup() {
  return {
      "api-key",
      "Manage and verify API keys",
      {
          Command("create", "Create an API key and show its secret once",
                  Create)
              .Details(
                  "The key belongs to exactly one account (--service-account "
                  "or --user; neither: the account keyward is logged in as) "
                  "for its whole life and "
                  "opens one resource, or the whole organization with "
                  "--resource cloud. A user's keys are created by that user "
                  "alone. The secret is printed once: store it, it cannot be "
                  "retrieved later.")
              .Flags({{"resource", "ID|cloud",
                       "the resource the key opens, or cloud for an "
                       "organization-wide key",
                       true},
                      {"service-account", "SA-ID",
                       "owner: a service account (default: yourself)"},
                      {"user", "U-ID",
                       "owner: a user account (default: yourself)"},
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
              .Details("Filters combine: --current-user --unused-since 90d "
                       "lists your own keys nobody used in 90 days. The "
                       "STATE column says active, disabled or expired.")
              .Flags(ListFlags()),
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
          RotateCommand(),
          DisableCommand(),
          EnableCommand(),
          UsageCommand(),
          Command("verify", "Check a key and its secret against a resource",
                  Verify)
              .Args("[<key>]", 0, 1)
              .Details("The secret is read from --secret-file, else from "
                       "stdin when something is piped there, else from the "
                       "key store (`keyward api-key store`), else with a "
                       "prompt without echo on a terminal; never from the "
                       "command line. Without <key>, the active key for "
                       "--resource (`keyward api-key use`) is verified. Exit "
                       "code 0 when the key is valid for the resource, 1 "
                       "otherwise.")
              .Flags({{"resource", "ID|cloud",
                       "the resource the key is presented to", true},
                      {"secret-file", "FILE",
                       "read the secret from the first line of FILE"}}),
          StoreCommand(),
          UseCommand(),
      }};
}

}  // namespace keyward::cli
