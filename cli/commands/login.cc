// `keyward login` and `keyward logout`: store and remove the login context
// (url, API key and secret, TLS CA) that later commands use when neither
// flags nor environment variables give credentials.
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "cli/commands/commands.h"
#include "cli/errors.h"
#include "cli/terminal.h"

namespace keyward::cli {
namespace {

std::string Lookup(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

int Login(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  const Environment& env = invocation.env();
  std::string error;
  const std::string path = ContextPath(env, &error);
  if (path.empty()) {
    invocation.err() << "Error: " << error << "\n";
    return kExitUsage;
  }

  StoredContext context;
  context.api_key = args.Get("api-key");
  if (context.api_key.empty() ||
      context.api_key.find_first_of(": \t") != std::string::npos) {
    return invocation.UsageError("--api-key: '" + context.api_key +
                                 "' is not an API key id");
  }
  context.url = args.Get("url", Lookup(env, "KEYWARD_URL"));
  if (context.url.empty()) context.url = kDefaultUrl;
  const std::string tls_ca = args.Get("tls-ca", Lookup(env, "KEYWARD_TLS_CA"));
  if (!tls_ca.empty()) {
    char resolved[PATH_MAX];
    if (realpath(tls_ca.c_str(), resolved) == nullptr ||
        access(resolved, R_OK) != 0) {
      return invocation.UsageError("--tls-ca: cannot read " + tls_ca);
    }
    context.tls_ca = resolved;
  }

  if (!ReadSecret("API secret for " + context.api_key + ": ",
                  &context.api_secret) ||
      context.api_secret.empty()) {
    return invocation.UsageError(
        "no secret given: type it at the prompt or pipe it on stdin");
  }
  if (!SaveContext(path, context, &error)) {
    invocation.err() << "Error: " << error << "\n";
    return kExitRefused;
  }
  Json result = {{"url", context.url},
                 {"api_key", context.api_key},
                 {"tls_ca", context.tls_ca},
                 {"context_file", path}};
  invocation.out().Result(result, "Logged in to " + context.url +
                                      " with API key " + context.api_key +
                                      "; context saved in " + path + ".");
  return kExitOk;
}

int Logout(const Invocation& invocation) {
  std::string error;
  const std::string path = ContextPath(invocation.env(), &error);
  if (path.empty()) {
    invocation.err() << "Error: " << error << "\n";
    return kExitUsage;
  }
  bool removed = false;
  if (!RemoveContext(path, &removed, &error)) {
    invocation.err() << "Error: " << error << "\n";
    return kExitRefused;
  }
  invocation.out().Result(Json{{"context_file", path}, {"removed", removed}},
                          removed ? "Logged out: removed " + path + "."
                                  : "Not logged in: there is no " + path + ".");
  return kExitOk;
}

}  // namespace

Group LoginCommand() {
  return {
      "login",
      "Store the url and API key later commands use",
      {Command("", "Store the url and API key later commands use", Login)
           .Offline()
           .Details("The secret is read with a prompt that does not echo it, "
                    "or from stdin when stdin is not a terminal; never from "
                    "the command line. The context (url, key, secret, TLS CA) "
                    "is written to ~/.config/keyward/config.json "
                    "($XDG_CONFIG_HOME/keyward/config.json when set), mode "
                    "0600. The credentials are not checked until they are "
                    "used.")
           .Flags({{"api-key", "KEY", "the API key id (a Cloud key)", true}})}};
}

Group LogoutCommand() {
  return {"logout",
          "Remove the stored login context",
          {Command("", "Remove the stored login context", Logout).Offline()}};
}

}  // namespace keyward::cli
