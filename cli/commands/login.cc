// `keyward login` and `keyward logout`: store and remove the login context
// (url, API key and secret, TLS CA) that later commands use when neither
// flags nor environment variables give credentials. `login --invitation`
// first redeems an invitation token for a new key, and stores that.
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "cli/commands/commands.h"
#include "cli/errors.h"
#include "cli/terminal.h"
#include "keyward/v1/account.grpc.pb.h"

namespace keyward::cli {
namespace {

std::string Lookup(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

// Where the context goes: --url or KEYWARD_URL (else the default) and
// --tls-ca or KEYWARD_TLS_CA, resolved to an absolute path. Returns 0 or
// the exit code of the usage error it printed.
int ResolveTarget(const Invocation& invocation, StoredContext* context) {
  const CommandLine& args = invocation.args();
  const Environment& env = invocation.env();
  context->url = args.Get("url", Lookup(env, "KEYWARD_URL"));
  if (context->url.empty()) context->url = kDefaultServerAddress;
  const std::string tls_ca = args.Get("tls-ca", Lookup(env, "KEYWARD_TLS_CA"));
  if (!tls_ca.empty()) {
    char resolved[PATH_MAX];
    if (realpath(tls_ca.c_str(), resolved) == nullptr ||
        access(resolved, R_OK) != 0) {
      return invocation.UsageError("--tls-ca: cannot read " + tls_ca);
    }
    context->tls_ca = resolved;
  }
  return kExitOk;
}

// "keyward login on HOST": what the key redeemed by `login --invitation` is
// for, unless --description says otherwise.
std::string DefaultDescription() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') {
    return "keyward login";
  }
  return std::string("keyward login on ") + host;
}

// Redeems the token read from stdin for a new Cloud key of the invited user,
// calling without credentials; fills in the context's key and secret.
int Redeem(const Invocation& invocation, StoredContext* context,
           std::string* owner_id) {
  v1::RedeemInvitationRequest request;
  if (!ReadSecret("Invitation token: ", request.mutable_token()) ||
      request.token().empty()) {
    return invocation.UsageError(
        "no invitation token given: paste it at the prompt or pipe it on "
        "stdin");
  }
  const CommandLine& args = invocation.args();
  request.set_description(args.Has("description") ? args.Get("description")
                                                  : DefaultDescription());
  std::string error;
  std::unique_ptr<Client> client = Client::Connect(
      Connection{context->url, context->tls_ca, "", ""}, &error);
  if (client == nullptr) return invocation.UsageError(error);
  auto stub = v1::AccountService::NewStub(client->channel());
  v1::CreateApiKeyResponse response;
  std::unique_ptr<grpc::ClientContext> call = client->NewContext();
  const grpc::Status status =
      stub->RedeemInvitation(call.get(), request, &response);
  // Not the usual advice about credentials: the token was the credential.
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    invocation.err() << "Error: " << status.error_message()
                     << "\n(ask whoever invited you for a new invitation)\n";
    return kExitRefused;
  }
  if (int code = invocation.WithClient(*client).Finish(*call, status)) {
    return code;
  }
  context->api_key = response.api_key().id();
  context->api_secret = response.secret();
  *owner_id = response.api_key().owner_id();
  return kExitOk;
}

int Login(const Invocation& invocation) {
  const CommandLine& args = invocation.args();
  std::string error;
  const std::string path = ContextPath(invocation.env(), &error);
  if (path.empty()) {
    invocation.err() << "Error: " << error << "\n";
    return kExitUsage;
  }
  const bool invitation = args.GetBool("invitation");
  if (invitation == args.Has("api-key")) {
    return invocation.UsageError(
        "pass either --api-key KEY (an existing key) or --invitation (redeem "
        "an invitation for a new one)");
  }
  if (!invitation && args.Has("description")) {
    return invocation.UsageError(
        "--description names the key --invitation creates");
  }

  StoredContext context;
  if (int code = ResolveTarget(invocation, &context)) return code;
  std::string owner_id;
  if (invitation) {
    if (int code = Redeem(invocation, &context, &owner_id)) return code;
  } else {
    context.api_key = args.Get("api-key");
    if (context.api_key.empty() ||
        context.api_key.find_first_of(": \t") != std::string::npos) {
      return invocation.UsageError("--api-key: '" + context.api_key +
                                   "' is not an API key id");
    }
    if (!ReadSecret("API secret for " + context.api_key + ": ",
                    &context.api_secret) ||
        context.api_secret.empty()) {
      return invocation.UsageError(
          "no secret given: type it at the prompt or pipe it on stdin");
    }
  }
  if (!SaveContext(path, context, &error)) {
    invocation.err() << "Error: " << error << "\n";
    if (invitation) {
      // The invitation is used up: this is the secret's only copy.
      invocation.err() << "The invitation was redeemed for API key "
                       << context.api_key
                       << ", but its secret could not be saved. Here it is, "
                          "once; keep it safe:\n"
                       << context.api_secret << "\n";
    }
    return kExitRefused;
  }
  Json result = {{"url", context.url},
                 {"api_key", context.api_key},
                 {"tls_ca", context.tls_ca},
                 {"context_file", path}};
  std::string text = "Logged in to " + context.url + " with API key " +
                     context.api_key + "; context saved in " + path + ".";
  if (invitation) {
    result["owner_id"] = owner_id;
    text = "Redeemed the invitation of " + owner_id + " for the new Cloud " +
           "API key " + context.api_key + ". " + text +
           " The secret is stored there only.";
  }
  invocation.out().Result(result, text);
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
           .Details(
               "With --api-key KEY, the key's secret is read with a prompt "
               "that does not echo it, or from stdin when stdin is not a "
               "terminal; never from the command line. The credentials are "
               "not checked until they are used. With --invitation, an "
               "invitation token (from `keyward user invite`) is read the "
               "same way and redeemed, without other credentials, for a new "
               "Cloud API key of the invited user; that key becomes the "
               "context, its id is printed and its secret is only stored. "
               "--description says what the new key is for (default: "
               "\"keyward login on HOST\"). Either way the context (url, "
               "key, secret, TLS CA) is written to "
               "~/.config/keyward/config.json "
               "($XDG_CONFIG_HOME/keyward/config.json when set), mode 0600.")
           .Flags(
               {{"api-key", "KEY", "log in with this API key id (a Cloud key)"},
                {"invitation", "",
                 "redeem an invitation token, read from stdin, for a new "
                 "key and log in with it"},
                {"description", "TEXT",
                 "with --invitation: the new key's description"}})}};
}

Group LogoutCommand() {
  return {"logout",
          "Remove the stored login context",
          {Command("", "Remove the stored login context", Logout).Offline()}};
}

}  // namespace keyward::cli
