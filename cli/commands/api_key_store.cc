// `keyward api-key store` and `keyward api-key use`: keep the secrets of
// keys a service presents in the CLI's key store (cli/key_store.h), and
// pick the one `api-key verify` uses for a resource. Neither talks to
// keywardd, and neither prints a secret.
#include "cli/commands/api_key.h"
#include "cli/errors.h"
#include "cli/key_store.h"
#include "cli/terminal.h"

namespace keyward::cli {
namespace {

// A resource flag's value: an id or `cloud`, without blanks.
bool IsResourceText(const std::string& text) {
  return !text.empty() && text.find_first_of(" \t\r\n") == std::string::npos;
}

// Loads the store for a change. Returns 0 or the exit code of the error it
// printed.
int OpenStore(const Invocation& invocation, std::string* path,
              ApiKeyStore* store) {
  std::string error;
  *path = ApiKeyStorePath(invocation.env(), &error);
  if (path->empty() || !LoadApiKeyStore(*path, store, &error)) {
    invocation.err() << "Error: " << error << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

int Save(const Invocation& invocation, const std::string& path,
         const ApiKeyStore& store) {
  std::string error;
  if (!SaveApiKeyStore(path, store, &error)) {
    invocation.err() << "Error: " << error << "\n";
    return kExitRefused;
  }
  return kExitOk;
}

int Store(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  const std::string key = args.positionals()[0];
  const std::string resource = args.Get("resource");
  if (args.Has("resource") && !IsResourceText(resource)) {
    return invocation.UsageError("--resource: '" + resource +
                                 "' is not a resource id");
  }
  std::string error;
  // The key first, so that a typo is reported before a secret is asked for.
  if (!IsApiKeyId(key)) {
    return invocation.UsageError("'" + key +
                                 "' is not an API key id (16 characters "
                                 "A-Z, 0-9)");
  }
  std::string path;
  ApiKeyStore store;
  if (int code = OpenStore(invocation, &path, &store)) return code;
  if (store.keys.count(key) > 0 && !args.GetBool("force")) {
    invocation.err() << "Error: API key " << key
                     << " is already stored; pass --force to replace its "
                        "secret\n";
    return kExitRefused;
  }
  std::string secret;
  ReadSecret("API secret for " + key + ": ", &secret);
  if (!CheckKeyToStore(key, secret, &error)) {
    return invocation.UsageError(error);
  }
  StoreApiKey(&store, key, {secret, resource});
  if (int code = Save(invocation, path, store)) return code;
  invocation.out().Result(
      {{"api_key", key}, {"resource", resource}, {"file", path}},
      "Stored the secret of API key " + key +
          (resource.empty() ? "" : " (resource " + resource + ")") + " in " +
          path + ".");
  return kExitOk;
}

int Use(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  const std::string key = args.positionals()[0];
  const std::string resource = args.Get("resource");
  if (!IsResourceText(resource)) {
    return invocation.UsageError("--resource: '" + resource +
                                 "' is not a resource id");
  }
  std::string path;
  ApiKeyStore store;
  if (int code = OpenStore(invocation, &path, &store)) return code;
  std::string error;
  if (!UseApiKey(&store, key, resource, &error)) {
    invocation.err() << "Error: " << error << "\n";
    return kExitRefused;
  }
  if (int code = Save(invocation, path, store)) return code;
  invocation.out().Result(
      {{"api_key", key}, {"resource", resource}, {"file", path}},
      "API key " + key + " is now the active key for resource " + resource +
          ".");
  return kExitOk;
}

}  // namespace

Command StoreCommand() {
  return Command("store", "Keep an API key's secret in the local key store",
                 Store)
      .Args("<key>", 1, 1)
      .Offline()
      .Details(
          "The secret is read from stdin (a prompt without echo on a "
          "terminal), never from the command line, and checked for its "
          "shape before it is written. The key store is api-keys.json beside "
          "the login context (~/.config/keyward/, or $XDG_CONFIG_HOME/"
          "keyward/), mode 0600; it holds keys to verify, not the key "
          "keyward logs in with. `keyward api-key verify` uses a stored "
          "secret when none is piped; `keyward api-key use` makes a stored "
          "key the active one for a resource.")
      .Flags({{"resource", "ID|cloud", "the resource the key is for"},
              {"force", "", "replace the secret of a key already stored"}});
}

Command UseCommand() {
  return Command("use", "Make a stored key the active key for a resource", Use)
      .Args("<key>", 1, 1)
      .Offline()
      .Details(
          "The key must be stored first (`keyward api-key store`). "
          "`keyward api-key verify --resource ID` without a key then "
          "verifies the active key for ID with its stored secret.")
      .Flags({{"resource", "ID|cloud", "the resource", true}});
}

}  // namespace keyward::cli
