#include "services/common/config.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/duration.h"
#include "services/common/ip_address.h"
#include "services/common/pem.h"

extern char** environ;

namespace keyward {
namespace {

constexpr size_t kMinPepperBytes = 32;

// Applies one textual value to the config; returns an error message or "".
using Setter = std::function<std::string(const std::string&, Config&)>;

struct Option {
  ConfigOption spec;
  Setter set;
};

std::string SetIntInRange(const std::string& value, int min, int max,
                          int& out) {
  int parsed = 0;
  if (!absl::SimpleAtoi(value, &parsed) || parsed < min || parsed > max) {
    return absl::StrCat("must be a whole number from ", min, " to ", max);
  }
  out = parsed;
  return "";
}

std::string SetPositiveInt(const std::string& value, int max, int& out) {
  return SetIntInRange(value, 1, max, out);
}

// "1048576", "512KiB", "1MiB" → bytes, from `min` to `max`.
std::string SetByteSize(const std::string& value, int min, int max, int& out) {
  static const std::map<std::string, int64_t> kBytesPerUnit = {
      {"", 1}, {"B", 1}, {"KiB", 1024}, {"MiB", 1024 * 1024}};
  const size_t digits = value.find_first_not_of("0123456789");
  const std::string number = value.substr(0, digits);
  const auto unit = kBytesPerUnit.find(
      digits == std::string::npos ? "" : value.substr(digits));
  int64_t amount = 0;
  if (number.empty() || number.size() > 12 || unit == kBytesPerUnit.end() ||
      !absl::SimpleAtoi(number, &amount) || amount * unit->second < min ||
      amount * unit->second > max) {
    return absl::StrCat("must be a size from ", min / 1024, "KiB to ",
                        max / (1024 * 1024),
                        "MiB, in bytes or with KiB or MiB (e.g. 1MiB)");
  }
  out = static_cast<int>(amount * unit->second);
  return "";
}

// Longer settings are typos; the bound also keeps every duration clear of
// overflow where it is added to a clock's time in nanoseconds.
constexpr std::chrono::hours kMaxSettingDuration(365 * 24);

template <typename Duration>
std::string SetDuration(const std::string& value, Duration min, Duration& out) {
  auto parsed = ParseDuration(value);
  if (!parsed.ok()) return std::string(parsed.status().message());
  if (*parsed > kMaxSettingDuration) return "must be at most 365d";
  if (*parsed < min) {
    return absl::StrCat(
        "must be at least ",
        std::chrono::duration_cast<std::chrono::milliseconds>(min).count(),
        "ms");
  }
  out = std::chrono::duration_cast<Duration>(*parsed);
  return "";
}

// A PostgreSQL timeout: milliseconds in an int, 0 for none.
std::string SetDatabaseTimeout(const std::string& value,
                               std::chrono::milliseconds& out) {
  std::chrono::milliseconds parsed{0};
  std::string problem =
      SetDuration(value, std::chrono::milliseconds(0), parsed);
  if (!problem.empty()) return problem;
  if (parsed.count() > std::numeric_limits<int>::max()) {
    return "must be at most 24d (PostgreSQL's limit)";
  }
  out = parsed;
  return "";
}

std::string SetBool(const std::string& value, bool& out) {
  if (value == "true" || value == "1" || value == "yes") {
    out = true;
  } else if (value == "false" || value == "0" || value == "no") {
    out = false;
  } else {
    return "must be true or false";
  }
  return "";
}

std::string SetHttpUrl(const std::string& value, std::string& out) {
  if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
    return "must be an http:// or https:// URL";
  }
  out = value;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return "";
}

std::string SetListen(const std::string& value, std::string& out) {
  const size_t colon = value.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(value.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return "must be host:port, e.g. 127.0.0.1:50051";
  }
  out = value;
  return "";
}

// A comma-separated list of IP addresses; empty for none.
std::string SetIpAddressList(const std::string& value,
                             std::vector<std::string>& out) {
  std::vector<std::string> addresses;
  if (!absl::StripAsciiWhitespace(value).empty()) {
    for (absl::string_view entry : absl::StrSplit(value, ',')) {
      entry = absl::StripAsciiWhitespace(entry);
      std::optional<std::string> address =
          CanonicalIpAddress(std::string_view(entry.data(), entry.size()));
      if (!address) {
        return absl::StrCat("'", entry,
                            "' is not an IP address (give a comma-separated "
                            "list of IP addresses, e.g. 10.0.0.7,::1)");
      }
      addresses.push_back(*std::move(address));
    }
  }
  out = std::move(addresses);
  return "";
}

// Files given in the config (pepper, token, TLS) are small. Reading only
// regular files of bounded size keeps a path like /dev/zero or a FIFO from
// hanging the start.
constexpr off_t kMaxConfigFileBytes = 1 << 20;

// Reads a whole file; returns a problem ("" when read).
std::string ReadWholeFile(const std::string& path, std::string& contents) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "cannot read the file";
  if (!S_ISREG(info.st_mode)) return "is not a regular file";
  if (info.st_size > kMaxConfigFileBytes) return "is larger than 1 MiB";
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the file";
  // istream::read reports a failed read in badbit, where
  // istreambuf_iterator would throw.
  char buffer[4096];
  contents.clear();
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    contents.append(buffer, static_cast<size_t>(in.gcount()));
    if (contents.size() > static_cast<size_t>(kMaxConfigFileBytes)) {
      return "is larger than 1 MiB";
    }
  }
  return in.bad() ? "cannot read the file" : "";
}

// Refuses a pepper file others may read or change: anyone who reads the
// pepper and a database dump can test guesses at every secret offline. The
// mode checked is that of the file the path resolves to (stat follows
// symlinks, as reading does).
std::string CheckPepperFileMode(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "cannot read the file";
  const unsigned mode = info.st_mode & 07777;
  if ((mode & (S_IRWXG | S_IRWXO)) != 0) {
    char octal[8];
    std::snprintf(octal, sizeof(octal), "%04o", mode);
    return absl::StrCat("'", path,
                        "' is readable, writable or executable by group or "
                        "others (mode ",
                        octal,
                        "); only keywardd's user may read the pepper: chmod "
                        "600 it");
  }
  return "";
}

// Reads the PEM file `value` names into `text` once `check` accepts it. An
// empty value turns the setting off.
std::string SetPemFile(const std::string& value,
                       std::string (*check)(const std::string&),
                       std::string& file, std::string& text) {
  if (value.empty()) {
    file.clear();
    text.clear();
    return "";
  }
  std::string pem;
  std::string problem = ReadWholeFile(value, pem);
  if (!problem.empty()) return problem;
  problem = check(pem);
  if (!problem.empty()) return problem;
  file = value;
  text = std::move(pem);
  return "";
}

const std::vector<Option>& Options() {
  static const std::vector<Option> kOptions = {
      {{"listen", "KEYWARD_LISTEN",
        "address to serve gRPC on (port 0 picks one)", "127.0.0.1:50051"},
       [](const std::string& v, Config& c) { return SetListen(v, c.listen); }},
      {{"allow-insecure", "KEYWARD_ALLOW_INSECURE",
        "allow plaintext on a non-loopback address", "false"},
       [](const std::string& v, Config& c) {
         return SetBool(v, c.allow_insecure);
       }},
      {{"tls-cert-file", "KEYWARD_TLS_CERT_FILE",
        "PEM server certificate (then any intermediates); serve TLS", ""},
       [](const std::string& v, Config& c) {
         return SetPemFile(v, CheckPemCertificates, c.tls_cert_file,
                           c.tls_certificate);
       }},
      {{"tls-key-file", "KEYWARD_TLS_KEY_FILE",
        "PEM private key of --tls-cert-file (unencrypted)", ""},
       [](const std::string& v, Config& c) {
         return SetPemFile(v, CheckPemPrivateKey, c.tls_key_file,
                           c.tls_private_key);
       }},
      {{"tls-client-ca-file", "KEYWARD_TLS_CLIENT_CA_FILE",
        "PEM CA certificate(s); clients must present a certificate it "
        "signed (mTLS)",
        ""},
       [](const std::string& v, Config& c) {
         return SetPemFile(v, CheckPemCertificates, c.tls_client_ca_file,
                           c.tls_client_ca);
       }},
      {{"max-threads", "KEYWARD_MAX_THREADS",
        "threads serving gRPC calls at most; calls beyond them get "
        "RESOURCE_EXHAUSTED",
        "64"},
       [](const std::string& v, Config& c) {
         return SetIntInRange(v, 4, 10000, c.max_threads);
       }},
      {{"max-receive-message-size", "KEYWARD_MAX_RECEIVE_MESSAGE_SIZE",
        "largest request message accepted (bytes, or with KiB or MiB); "
        "larger ones get RESOURCE_EXHAUSTED",
        "1MiB"},
       [](const std::string& v, Config& c) {
         return SetByteSize(v, 4 * 1024, 64 * 1024 * 1024,
                            c.max_receive_message_bytes);
       }},
      {{"database-url", "KEYWARD_DATABASE_URL",
        "PostgreSQL URL, e.g. postgresql://user@127.0.0.1:5432/keyward "
        "(required)",
        ""},
       [](const std::string& v, Config& c) -> std::string {
         if (v.rfind("postgresql://", 0) != 0 &&
             v.rfind("postgres://", 0) != 0) {
           return "must be a postgresql:// URL";
         }
         c.database_url = v;
         return "";
       }},
      {{"database-pool-size", "KEYWARD_DATABASE_POOL_SIZE",
        "PostgreSQL connections to keep open", "8"},
       [](const std::string& v, Config& c) {
         return SetPositiveInt(v, 256, c.database_pool_size);
       }},
      {{"database-statement-timeout", "KEYWARD_DATABASE_STATEMENT_TIMEOUT",
        "PostgreSQL statement_timeout on every connection (0: none); a "
        "call's deadline bounds its statements when closer",
        "5s"},
       [](const std::string& v, Config& c) {
         return SetDatabaseTimeout(v, c.database_statement_timeout);
       }},
      {{"database-lock-timeout", "KEYWARD_DATABASE_LOCK_TIMEOUT",
        "PostgreSQL lock_timeout on every connection (0: none)", "2s"},
       [](const std::string& v, Config& c) {
         return SetDatabaseTimeout(v, c.database_lock_timeout);
       }},
      {{"database-idle-in-transaction-timeout",
        "KEYWARD_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT",
        "PostgreSQL idle_in_transaction_session_timeout on every connection "
        "(0: none)",
        "10s"},
       [](const std::string& v, Config& c) {
         return SetDatabaseTimeout(v, c.database_idle_in_transaction_timeout);
       }},
      {{"opa-url", "KEYWARD_OPA_URL", "Open Policy Agent base URL",
        "http://127.0.0.1:8181"},
       [](const std::string& v, Config& c) {
         return SetHttpUrl(v, c.opa_url);
       }},
      {{"opa-timeout", "KEYWARD_OPA_TIMEOUT",
        "ceiling on one policy decision (e.g. 2s)", "2s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(10), c.opa_timeout);
       }},
      {{"opa-token-file", "KEYWARD_OPA_TOKEN_FILE",
        "file with the bearer token OPA expects on decision calls (one "
        "line; OPA's system.authz policy checks it)",
        ""},
       [](const std::string& v, Config& c) -> std::string {
         std::string token;
         std::string problem = ReadWholeFile(v, token);
         if (!problem.empty()) return problem;
         while (!token.empty() &&
                (token.back() == '\n' || token.back() == '\r')) {
           token.pop_back();
         }
         if (token.empty()) return "the file is empty";
         for (const char ch : token) {
           // Visible ASCII only: the token goes into an HTTP header.
           if (ch < 0x21 || ch > 0x7e) {
             return "must hold one line of visible ASCII characters (no "
                    "spaces)";
           }
         }
         c.opa_token_file = v;
         c.opa_token = std::move(token);
         return "";
       }},
      {{"pepper-file", "KEYWARD_PEPPER_FILE",
        "file with the secret-hashing pepper, at least 32 bytes, used "
        "byte for byte (a trailing newline is part of it); mode 0600 or "
        "0400 (required to serve)",
        ""},
       [](const std::string& v, Config& c) -> std::string {
         std::string problem = CheckPepperFileMode(v);
         if (!problem.empty()) return problem;
         std::string pepper;
         problem = ReadWholeFile(v, pepper);
         if (!problem.empty()) return problem;
         if (pepper.size() < kMinPepperBytes) {
           return absl::StrCat("must hold at least ", kMinPepperBytes,
                               " bytes");
         }
         c.pepper_file = v;
         c.pepper = std::move(pepper);
         return "";
       }},
      {{"quota-keys-per-owner-per-resource",
        "KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE",
        "API keys one account may hold on one resource", "10"},
       [](const std::string& v, Config& c) {
         return SetPositiveInt(v, 100000, c.quota_keys_per_owner_per_resource);
       }},
      {{"quota-keys-per-owner", "KEYWARD_QUOTA_KEYS_PER_OWNER",
        "API keys one account may hold in all", "100"},
       [](const std::string& v, Config& c) {
         return SetPositiveInt(v, 1000000, c.quota_keys_per_owner);
       }},
      {{"active-window", "KEYWARD_ACTIVE_WINDOW",
        "a key used this recently blocks a delete that would remove it "
        "(account, resource, environment cascade) unless overridden",
        "15m"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::seconds(0), c.active_window);
       }},
      {{"last-used-flush-interval", "KEYWARD_LAST_USED_FLUSH_INTERVAL",
        "how often API keys' last_used_time is written (batched)", "1s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(10),
                            c.last_used_flush_interval);
       }},
      {{"role-binding-cache-ttl", "KEYWARD_ROLE_BINDING_CACHE_TTL",
        "how long a caller's role bindings are cached at most (changes also "
        "reach every replica through PostgreSQL NOTIFY)",
        "1s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(0),
                            c.role_binding_cache_ttl);
       }},
      {{"verification-cache-max-age", "KEYWARD_VERIFICATION_CACHE_MAX_AGE",
        "cached key verifications older than this are checked against the "
        "database again (deletes also reach every replica through "
        "PostgreSQL NOTIFY)",
        "60s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(0),
                            c.verification_cache_max_age);
       }},
      {{"revocation-heartbeat-interval",
        "KEYWARD_REVOCATION_HEARTBEAT_INTERVAL",
        "how often the revocation listener NOTIFYs itself; after three "
        "unanswered it flushes the caches and reconnects",
        "2s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(50),
                            c.revocation_heartbeat_interval);
       }},
      {{"auth-failure-limit", "KEYWARD_AUTH_FAILURE_LIMIT",
        "failed authentications per client address, and per key id at an "
        "address, after which further failures are refused",
        "10"},
       [](const std::string& v, Config& c) {
         return SetPositiveInt(v, 1000000, c.auth_failure_limit);
       }},
      {{"auth-failure-window", "KEYWARD_AUTH_FAILURE_WINDOW",
        "the window those failures are counted in", "1m"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(1),
                            c.auth_failure_window);
       }},
      {{"auth-lockout", "KEYWARD_AUTH_LOCKOUT",
        "how long the failures of a locked-out address, or key id at an "
        "address, are refused (a correct secret is always accepted)",
        "5m"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(1), c.auth_lockout);
       }},
      {{"trusted-proxies", "KEYWARD_TRUSTED_PROXIES",
        "comma-separated IP addresses of proxies (the gateway) whose "
        "x-forwarded-for names the client address",
        ""},
       [](const std::string& v, Config& c) {
         return SetIpAddressList(v, c.trusted_proxies);
       }},
      {{"email", "KEYWARD_BOOTSTRAP_EMAIL",
        "bootstrap: the first OrganizationAdmin's email", ""},
       [](const std::string& v, Config& c) {
         c.bootstrap_email = v;
         return std::string();
       }},
      {{"display-name", "KEYWARD_BOOTSTRAP_DISPLAY_NAME",
        "bootstrap: the first OrganizationAdmin's display name",
        "Organization admin"},
       [](const std::string& v, Config& c) {
         c.bootstrap_display_name = v;
         return std::string();
       }},
      {{"health-check-interval", "KEYWARD_HEALTH_CHECK_INTERVAL",
        "how often the database is probed for grpc.health.v1", "1s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(50),
                            c.health_check_interval);
       }},
      {{"drain-period", "KEYWARD_DRAIN_PERIOD",
        "on SIGINT/SIGTERM, how long health says NOT_SERVING while calls "
        "are still served (a second signal ends it early; 0: none)",
        "5s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::milliseconds(0), c.drain_period);
       }},
      {{"shutdown-grace", "KEYWARD_SHUTDOWN_GRACE",
        "after the drain period, time in-flight calls get to finish while no "
        "new ones are accepted",
        "10s"},
       [](const std::string& v, Config& c) {
         return SetDuration(v, std::chrono::seconds(0), c.shutdown_grace);
       }},
      {{"ready-file", "KEYWARD_READY_FILE",
        "file to write the bound address to once serving", ""},
       [](const std::string& v, Config& c) {
         c.ready_file = v;
         return std::string();
       }},
  };
  return kOptions;
}

const Option* FindOption(const std::string& flag) {
  for (const Option& option : Options()) {
    if (option.spec.flag == flag) return &option;
  }
  return nullptr;
}

// The TLS settings that only make sense together.
void ValidateTls(const Config& config, std::vector<std::string>& problems) {
  const bool have_certificate = !config.tls_certificate.empty();
  const bool have_key = !config.tls_private_key.empty();
  if (have_certificate && !have_key) {
    problems.push_back(
        "--tls-key-file / KEYWARD_TLS_KEY_FILE: required with "
        "--tls-cert-file (the certificate's private key)");
  } else if (have_key && !have_certificate) {
    problems.push_back(
        "--tls-cert-file / KEYWARD_TLS_CERT_FILE: required with "
        "--tls-key-file (the key's certificate)");
  } else if (have_certificate &&
             !PemKeyMatchesCertificate(config.tls_certificate,
                                       config.tls_private_key)) {
    problems.push_back(
        "--tls-key-file / KEYWARD_TLS_KEY_FILE: is not the private key of "
        "the first certificate in --tls-cert-file");
  }
  if (!config.tls_client_ca.empty() && !have_certificate) {
    problems.push_back(
        "--tls-client-ca-file / KEYWARD_TLS_CLIENT_CA_FILE: client "
        "certificates need TLS: set --tls-cert-file and --tls-key-file too");
  }
}

// Checks that need more than one option at a time.
void ValidateWhole(const Config& config, std::vector<std::string>& problems) {
  if (config.database_url.empty()) {
    problems.push_back(
        "--database-url / KEYWARD_DATABASE_URL: required (a postgresql:// "
        "URL)");
  }
  if (config.command != "migrate" && config.pepper.empty()) {
    problems.push_back(
        "--pepper-file / KEYWARD_PEPPER_FILE: required to serve (a file "
        "of at least 32 random bytes)");
  }
  if (config.command == "bootstrap" && config.bootstrap_email.empty()) {
    problems.push_back(
        "--email / KEYWARD_BOOTSTRAP_EMAIL: required to bootstrap (the first "
        "OrganizationAdmin's address)");
  }
  if (config.command == "serve") {
    if (!config.allow_insecure && config.tls_certificate.empty() &&
        !IsLoopbackListenAddress(config.listen)) {
      problems.push_back(absl::StrCat(
          "--listen / KEYWARD_LISTEN: ", config.listen,
          " is not a loopback address; serving plaintext there needs "
          "--allow-insecure (or serve TLS: --tls-cert-file and "
          "--tls-key-file)"));
    }
  }
  ValidateTls(config, problems);
  if (config.quota_keys_per_owner_per_resource > config.quota_keys_per_owner) {
    problems.push_back(
        "--quota-keys-per-owner-per-resource: must not exceed "
        "--quota-keys-per-owner");
  }
}

}  // namespace

const std::vector<ConfigOption>& ConfigOptions() {
  static const std::vector<ConfigOption> kSpecs = [] {
    std::vector<ConfigOption> specs;
    for (const Option& option : Options()) specs.push_back(option.spec);
    return specs;
  }();
  return kSpecs;
}

absl::StatusOr<Config> ParseConfig(
    const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env) {
  Config config;
  std::vector<std::string> problems;
  auto apply = [&](const Option& option, const std::string& value,
                   const std::string& source) {
    std::string error = option.set(value, config);
    if (!error.empty()) {
      problems.push_back(absl::StrCat(source, ": ", error));
    }
  };

  for (const Option& option : Options()) {
    auto it = env.find(option.spec.env);
    if (it != env.end()) apply(option, it->second, option.spec.env);
  }

  bool have_command = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) {
      if (have_command) {
        problems.push_back(absl::StrCat("unexpected argument: ", arg));
      } else if (arg != "serve" && arg != "migrate" && arg != "bootstrap") {
        problems.push_back(absl::StrCat("unknown command: ", arg,
                                        " (serve, migrate, bootstrap)"));
      } else {
        config.command = arg;
      }
      have_command = true;
      continue;
    }
    std::string flag = arg.substr(2);
    std::string value;
    bool has_value = false;
    if (size_t eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_value = true;
    }
    const Option* option = FindOption(flag);
    if (option == nullptr) {
      problems.push_back(absl::StrCat("unknown flag: --", flag));
      continue;
    }
    if (!has_value) {
      if (flag == "allow-insecure") {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        problems.push_back(absl::StrCat("--", flag, ": needs a value"));
        continue;
      }
    }
    apply(*option, value, "--" + flag);
  }

  if (problems.empty()) ValidateWhole(config, problems);
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return config;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text(*entry);
    size_t eq = text.find('=');
    if (eq != std::string::npos) env[text.substr(0, eq)] = text.substr(eq + 1);
  }
  return env;
}

std::string ConfigUsage() {
  std::ostringstream out;
  out << "usage: keywardd [serve|migrate|bootstrap] [--flag value]...\n\n"
         "commands:\n"
         "  serve    apply pending migrations, then serve gRPC (default)\n"
         "  migrate  apply pending migrations and exit\n"
         "  bootstrap --email ADDRESS\n"
         "           create the first OrganizationAdmin and print its Cloud\n"
         "           API key once, as KEY:SECRET on stdout\n\n"
         "options (flag / environment variable, default):\n";
  for (const ConfigOption& option : ConfigOptions()) {
    out << "  --" << option.flag << " / " << option.env;
    if (!option.default_value.empty())
      out << " (" << option.default_value << ")";
    out << "\n      " << option.help << "\n";
  }
  return out.str();
}

bool IsLoopbackListenAddress(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace keyward
