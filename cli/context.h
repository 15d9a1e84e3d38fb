// Where `keyward` connects and as whom. The login context lives in
// $XDG_CONFIG_HOME/keyward/config.json, else ~/.config/keyward/config.json
// (directory 0700, file 0600, replaced atomically) and holds the url, the API
// key and its secret, and the TLS CA file. ResolveConnection combines it with
// the command line and the environment:
//   url          --url, else KEYWARD_URL, else the context's, else
//                kDefaultServerAddress (127.0.0.1:50051);
//   TLS CA       --tls-ca, else KEYWARD_TLS_CA, else the context's when the
//                url is the context's url; none means plaintext;
//   credentials  --api-key (its secret from KEYWARD_API_SECRET or a prompt),
//                else KEYWARD_API_KEY with KEYWARD_API_SECRET (or a prompt),
//                else the context's; none means no authorization header.
// Secrets never come from the command line.
//
// Thread-safety: stateless functions over plain values.
#ifndef KEYWARD_CLI_CONTEXT_H_
#define KEYWARD_CLI_CONTEXT_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "services/common/server_address.h"

namespace keyward::cli {

using Environment = std::map<std::string, std::string>;

// What `keyward login` stores.
struct StoredContext {
  std::string url;
  std::string api_key;
  std::string api_secret;
  std::string tls_ca;  // absolute path; empty: plaintext
};

// The path of `file_name` in keyward's configuration directory:
// $XDG_CONFIG_HOME/keyward/ when that is absolute, else ~/.config/keyward/.
// Empty with `error` when neither XDG_CONFIG_HOME nor HOME says where it is.
std::string ConfigFilePath(const Environment& env, const std::string& file_name,
                           std::string* error);

// The context file's path: config.json in the configuration directory.
std::string ContextPath(const Environment& env, std::string* error);

// Reads the context file. A missing file leaves `context` empty and succeeds;
// an unreadable or malformed one is an error naming the file.
bool LoadContext(const std::string& path, std::optional<StoredContext>* context,
                 std::string* error);

// Writes the context file (mode 0600) through a temporary file and a rename,
// creating its directory with mode 0700.
bool SaveContext(const std::string& path, const StoredContext& context,
                 std::string* error);

// Deletes the context file; `removed` says whether there was one.
bool RemoveContext(const std::string& path, bool* removed, std::string* error);

// The connection flags given on the command line (unset: not given).
struct ConnectionFlags {
  std::optional<std::string> url;
  std::optional<std::string> tls_ca;
  std::optional<std::string> api_key;
};

// Where and how to call keywardd.
struct Connection {
  std::string url;
  std::string tls_ca;      // empty: plaintext
  std::string api_key;     // empty: no credentials
  std::string api_secret;  // never printed
};

// Asks for the secret of `key` (e.g. on the terminal); false when it cannot.
using SecretPrompt = std::function<bool(const std::string& key, std::string*)>;

// Applies the order described above. Fails with `error` when a key is known
// but its secret is not and `prompt` cannot supply it, or a value is empty.
bool ResolveConnection(const ConnectionFlags& flags, const Environment& env,
                       const std::optional<StoredContext>& context,
                       const SecretPrompt& prompt, Connection* connection,
                       std::string* error);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_CONTEXT_H_
