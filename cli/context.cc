#include "cli/context.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "cli/private_file.h"

namespace keyward::cli {
namespace {

std::string Lookup(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

}  // namespace

std::string ConfigFilePath(const Environment& env, const std::string& file_name,
                           std::string* error) {
  const std::string xdg = Lookup(env, "XDG_CONFIG_HOME");
  if (!xdg.empty() && xdg.front() == '/') return xdg + "/keyward/" + file_name;
  const std::string home = Lookup(env, "HOME");
  if (home.empty()) {
    *error = "HOME is not set: cannot locate the login context";
    return "";
  }
  return home + "/.config/keyward/" + file_name;
}

std::string ContextPath(const Environment& env, std::string* error) {
  return ConfigFilePath(env, "config.json", error);
}

bool LoadContext(const std::string& path, std::optional<StoredContext>* context,
                 std::string* error) {
  context->reset();
  std::optional<nlohmann::json> json;
  if (!ReadPrivateJson(path, &json, error)) return false;
  if (!json.has_value()) return true;
  if (!json->is_object()) {
    *error = path +
             " is not a keyward context (a JSON object); run `keyward "
             "logout` and log in again";
    return false;
  }
  StoredContext stored;
  const std::pair<const char*, std::string*> fields[] = {
      {"url", &stored.url},
      {"api_key", &stored.api_key},
      {"api_secret", &stored.api_secret},
      {"tls_ca", &stored.tls_ca}};
  for (const auto& [field, target] : fields) {
    auto it = json->find(field);
    if (it == json->end() || it->is_null()) continue;
    if (!it->is_string()) {
      *error = path + ": " + field + " must be a string";
      return false;
    }
    *target = it->get<std::string>();
  }
  *context = stored;
  return true;
}

bool SaveContext(const std::string& path, const StoredContext& context,
                 std::string* error) {
  nlohmann::json json = nlohmann::json::object();
  json["url"] = context.url;
  json["api_key"] = context.api_key;
  json["api_secret"] = context.api_secret;
  json["tls_ca"] = context.tls_ca;
  return WritePrivateFile(path, json.dump(2) + "\n", error);
}

bool RemoveContext(const std::string& path, bool* removed, std::string* error) {
  *removed = false;
  if (unlink(path.c_str()) == 0) {
    *removed = true;
    return true;
  }
  if (errno == ENOENT) return true;
  *error = "cannot remove " + path + ": " + std::strerror(errno);
  return false;
}

bool ResolveConnection(const ConnectionFlags& flags, const Environment& env,
                       const std::optional<StoredContext>& context,
                       const SecretPrompt& prompt, Connection* connection,
                       std::string* error) {
  *connection = Connection();

  if (flags.url.has_value()) {
    if (flags.url->empty()) {
      *error = "--url: empty";
      return false;
    }
    connection->url = *flags.url;
  } else if (!Lookup(env, "KEYWARD_URL").empty()) {
    connection->url = Lookup(env, "KEYWARD_URL");
  } else if (context.has_value() && !context->url.empty()) {
    connection->url = context->url;
  } else {
    connection->url = kDefaultServerAddress;
  }

  if (flags.tls_ca.has_value()) {
    if (flags.tls_ca->empty()) {
      *error = "--tls-ca: empty";
      return false;
    }
    connection->tls_ca = *flags.tls_ca;
  } else if (!Lookup(env, "KEYWARD_TLS_CA").empty()) {
    connection->tls_ca = Lookup(env, "KEYWARD_TLS_CA");
  } else if (context.has_value() && context->url == connection->url) {
    connection->tls_ca = context->tls_ca;
  }

  std::string key;
  std::string source;
  if (flags.api_key.has_value()) {
    if (flags.api_key->empty()) {
      *error = "--api-key: empty";
      return false;
    }
    key = *flags.api_key;
    source = "--api-key";
  } else if (!Lookup(env, "KEYWARD_API_KEY").empty()) {
    key = Lookup(env, "KEYWARD_API_KEY");
    source = "KEYWARD_API_KEY";
  }
  if (!key.empty()) {
    std::string secret = Lookup(env, "KEYWARD_API_SECRET");
    if (secret.empty() &&
        !(prompt && prompt(key, &secret) && !secret.empty())) {
      *error = "no secret for the API key given by " + source +
               ": set KEYWARD_API_SECRET, or run on a terminal to be asked "
               "for it";
      return false;
    }
    connection->api_key = key;
    connection->api_secret = secret;
  } else if (context.has_value() && !context->api_key.empty()) {
    connection->api_key = context->api_key;
    connection->api_secret = context->api_secret;
  }
  return true;
}

}  // namespace keyward::cli
