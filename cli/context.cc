#include "cli/context.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace keyward::cli {
namespace {

std::string Lookup(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

std::string Parent(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// mkdir -p with `mode` for the directories it creates.
bool MakeDirectories(const std::string& dir, mode_t mode, std::string* error) {
  if (dir.empty() || dir == "/" || dir == ".") return true;
  struct stat info;
  if (stat(dir.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) return true;
    *error = dir + " is not a directory";
    return false;
  }
  if (!MakeDirectories(Parent(dir), mode, error)) return false;
  if (mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) {
    *error = "cannot create " + dir + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool WriteAll(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string ContextPath(const Environment& env, std::string* error) {
  const std::string xdg = Lookup(env, "XDG_CONFIG_HOME");
  if (!xdg.empty() && xdg.front() == '/') return xdg + "/keyward/config.json";
  const std::string home = Lookup(env, "HOME");
  if (home.empty()) {
    *error = "HOME is not set: cannot locate the login context";
    return "";
  }
  return home + "/.config/keyward/config.json";
}

bool LoadContext(const std::string& path, std::optional<StoredContext>* context,
                 std::string* error) {
  context->reset();
  struct stat info;
  if (stat(path.c_str(), &info) != 0 && errno == ENOENT) return true;
  std::ifstream file(path);
  if (!file) {
    *error = "cannot read " + path;
    return false;
  }
  std::stringstream text;
  text << file.rdbuf();
  const nlohmann::json json =
      nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
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
    auto it = json.find(field);
    if (it == json.end() || it->is_null()) continue;
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
  const std::string dir = Parent(path);
  if (!MakeDirectories(dir, 0700, error)) return false;
  chmod(dir.c_str(), 0700);

  nlohmann::json json = nlohmann::json::object();
  json["url"] = context.url;
  json["api_key"] = context.api_key;
  json["api_secret"] = context.api_secret;
  json["tls_ca"] = context.tls_ca;
  const std::string text = json.dump(2) + "\n";

  const std::string temporary = path + ".tmp";
  unlink(temporary.c_str());
  const int fd =
      open(temporary.c_str(),
           O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    *error = "cannot write " + temporary + ": " + std::strerror(errno);
    return false;
  }
  const bool written =
      fchmod(fd, 0600) == 0 && WriteAll(fd, text) && fsync(fd) == 0;
  const int saved_errno = errno;
  close(fd);
  if (!written || rename(temporary.c_str(), path.c_str()) != 0) {
    *error = "cannot write " + path + ": " +
             std::strerror(written ? errno : saved_errno);
    unlink(temporary.c_str());
    return false;
  }
  return true;
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
