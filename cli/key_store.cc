#include "cli/key_store.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "cli/private_file.h"
#include "services/crypto/secret.h"

namespace keyward::cli {
namespace {

constexpr size_t kApiKeyIdLength = 16;

bool IsString(const nlohmann::json& object, const char* field) {
  auto it = object.find(field);
  return it == object.end() || it->is_string();
}

std::string StringField(const nlohmann::json& object, const char* field) {
  auto it = object.find(field);
  return it == object.end() ? "" : it->get<std::string>();
}

}  // namespace

std::string ApiKeyStorePath(const Environment& env, std::string* error) {
  return ConfigFilePath(env, "api-keys.json", error);
}

bool LoadApiKeyStore(const std::string& path, ApiKeyStore* store,
                     std::string* error) {
  *store = ApiKeyStore();
  std::optional<nlohmann::json> json;
  if (!ReadPrivateJson(path, &json, error)) return false;
  if (!json.has_value()) return true;
  const std::string malformed =
      path +
      " is not a keyward API key store; move it away and store the "
      "keys again";
  if (!json->is_object()) {
    *error = malformed;
    return false;
  }
  const nlohmann::json keys = json->value("api_keys", nlohmann::json::object());
  const nlohmann::json active = json->value("active", nlohmann::json::object());
  if (!keys.is_object() || !active.is_object()) {
    *error = malformed;
    return false;
  }
  for (const auto& [id, entry] : keys.items()) {
    if (!entry.is_object() || !IsString(entry, "secret") ||
        !IsString(entry, "resource")) {
      *error = malformed;
      return false;
    }
    store->keys[id] = {StringField(entry, "secret"),
                       StringField(entry, "resource")};
  }
  for (const auto& [resource, id] : active.items()) {
    if (!id.is_string()) {
      *error = malformed;
      return false;
    }
    store->active[resource] = id.get<std::string>();
  }
  return true;
}

bool SaveApiKeyStore(const std::string& path, const ApiKeyStore& store,
                     std::string* error) {
  nlohmann::json keys = nlohmann::json::object();
  for (const auto& [id, stored] : store.keys) {
    keys[id] = {{"secret", stored.secret}, {"resource", stored.resource}};
  }
  nlohmann::json active = nlohmann::json::object();
  for (const auto& [resource, id] : store.active) active[resource] = id;
  const nlohmann::json json = {{"api_keys", keys}, {"active", active}};
  return WritePrivateFile(path, json.dump(2) + "\n", error);
}

bool IsApiKeyId(const std::string& id) {
  if (id.size() != kApiKeyIdLength) return false;
  for (char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

bool CheckKeyToStore(const std::string& key, const std::string& secret,
                     std::string* error) {
  if (!IsApiKeyId(key)) {
    *error = "'" + key + "' is not an API key id (16 characters A-Z, 0-9)";
    return false;
  }
  if (secret.empty()) {
    *error =
        "no secret given: type it at the prompt or pipe it on stdin, never "
        "on the command line";
    return false;
  }
  if (!crypto::IsWellFormedSecret(secret)) {
    *error =
        "that is not an API key secret (" + std::string(crypto::kSecretPrefix) +
        " and " +
        std::to_string(crypto::kSecretLength - crypto::kSecretPrefix.size()) +
        " more characters, the last ones a checksum): check it was "
        "copied whole";
    return false;
  }
  return true;
}

void StoreApiKey(ApiKeyStore* store, const std::string& key,
                 const StoredApiKey& stored) {
  for (auto it = store->active.begin(); it != store->active.end();) {
    const bool stale = it->second == key && it->first != stored.resource;
    it = stale ? store->active.erase(it) : std::next(it);
  }
  store->keys[key] = stored;
}

bool UseApiKey(ApiKeyStore* store, const std::string& key,
               const std::string& resource, std::string* error) {
  auto it = store->keys.find(key);
  if (it == store->keys.end()) {
    *error = "API key " + key + " is not stored: run `keyward api-key store " +
             key + "` first (it reads the secret from stdin)";
    return false;
  }
  if (!it->second.resource.empty() && it->second.resource != resource) {
    *error = "API key " + key + " is stored for resource " +
             it->second.resource + ", not " + resource;
    return false;
  }
  it->second.resource = resource;
  store->active[resource] = key;
  return true;
}

std::string KeyToVerify(const ApiKeyStore& store, const std::string& key,
                        const std::string& resource, std::string* error) {
  if (!key.empty()) return key;
  auto it = store.active.find(resource);
  if (it == store.active.end()) {
    *error = "no key given and no active key for resource " + resource +
             ": pass one, or run `keyward api-key use KEY --resource " +
             resource + "`";
    return "";
  }
  return it->second;
}

const std::string* StoredSecret(const ApiKeyStore& store,
                                const std::string& key) {
  auto it = store.keys.find(key);
  return it == store.keys.end() ? nullptr : &it->second.secret;
}

}  // namespace keyward::cli
