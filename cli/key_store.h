// The API keys `keyward api-key store` keeps for `api-key verify`: secrets
// of keys other than the login identity (the keys a service presents, not
// the one keyward calls with), in api-keys.json beside the login context
// ($XDG_CONFIG_HOME/keyward/, else ~/.config/keyward/; directory 0700, file
// 0600, replaced atomically). Each stored key may be bound to a resource;
// `api-key use KEY --resource R` makes a stored key the active one for R,
// which `api-key verify --resource R` then uses when given no key.
//
// The file:
//   {"api_keys": {"KEY": {"secret": "kwsec_…", "resource": "lkc-…"}},
//    "active":   {"lkc-…": "KEY"}}
//
// Thread-safety: stateless functions over plain values.
#ifndef KEYWARD_CLI_KEY_STORE_H_
#define KEYWARD_CLI_KEY_STORE_H_

#include <map>
#include <string>

#include "cli/context.h"

namespace keyward::cli {

struct StoredApiKey {
  std::string secret;    // never printed
  std::string resource;  // empty: not bound to a resource
};

struct ApiKeyStore {
  std::map<std::string, StoredApiKey> keys;   // by key id
  std::map<std::string, std::string> active;  // resource id → key id
};

// The store's path; empty with `error` when neither XDG_CONFIG_HOME nor HOME
// says where it is.
std::string ApiKeyStorePath(const Environment& env, std::string* error);

// Reads the store. A missing file gives an empty store; an unreadable or
// malformed one is an error naming the file.
bool LoadApiKeyStore(const std::string& path, ApiKeyStore* store,
                     std::string* error);

// Writes the store (mode 0600) through a temporary file and a rename.
bool SaveApiKeyStore(const std::string& path, const ApiKeyStore& store,
                     std::string* error);

// Whether `id` has the shape of an API key id: 16 × [A-Z0-9].
bool IsApiKeyId(const std::string& id);

// Checks what `api-key store` is given before anything is written: a key id
// of the right shape and a well-formed secret (prefix, length, checksum).
// False with a message that never quotes the secret.
bool CheckKeyToStore(const std::string& key, const std::string& secret,
                     std::string* error);

// Stores (or replaces) `key`. A replaced key stays active only for the
// resource it is now bound to, if any.
void StoreApiKey(ApiKeyStore* store, const std::string& key,
                 const StoredApiKey& stored);

// Makes `key` the active key for `resource`, binding it to the resource if
// it was not. False with `error` when the key is not stored or is bound to
// another resource.
bool UseApiKey(ApiKeyStore* store, const std::string& key,
               const std::string& resource, std::string* error);

// The key `api-key verify` checks: `key` when given, else the active key
// for `resource`. Empty with `error` when neither is known.
std::string KeyToVerify(const ApiKeyStore& store, const std::string& key,
                        const std::string& resource, std::string* error);

// The stored secret of `key`, or nullptr.
const std::string* StoredSecret(const ApiKeyStore& store,
                                const std::string& key);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_KEY_STORE_H_
