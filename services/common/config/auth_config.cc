#include "services/common/config/auth_config.h"

#include <sys/stat.h>

#include <cstdio>

#include "absl/strings/str_cat.h"

namespace keyward {
namespace {

constexpr size_t kMinPepperBytes = 32;

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

ValueParser<SettingFile> PepperFile() {
  return [read = FileContents([](std::string& pepper) -> std::string {
            if (pepper.size() < kMinPepperBytes) {
              return absl::StrCat("must hold at least ", kMinPepperBytes,
                                  " bytes");
            }
            return "";
          })](const std::string& text, SettingFile& out) {
    const std::string problem = CheckPepperFileMode(text);
    return problem.empty() ? read(text, out) : problem;
  };
}

}  // namespace

const OptionTable<AuthConfig>& AuthOptions() {
  using std::chrono::milliseconds;
  static const OptionTable<AuthConfig> kOptions = {
      {{"pepper-file", "KEYWARD_PEPPER_FILE",
        "file with the secret-hashing pepper, at least 32 bytes, used "
        "byte for byte (a trailing newline is part of it); mode 0600 or "
        "0400 (required to serve)",
        ""},
       Into(&AuthConfig::pepper, PepperFile())},
      {{"role-binding-cache-ttl", "KEYWARD_ROLE_BINDING_CACHE_TTL",
        "how long a caller's role bindings are cached at most (changes also "
        "reach every replica through PostgreSQL NOTIFY)",
        "1s"},
       Into(&AuthConfig::role_binding_cache_ttl, Duration(milliseconds(0)))},
      {{"verification-cache-max-age", "KEYWARD_VERIFICATION_CACHE_MAX_AGE",
        "cached key verifications older than this are checked against the "
        "database again (deletes also reach every replica through "
        "PostgreSQL NOTIFY)",
        "60s"},
       Into(&AuthConfig::verification_cache_max_age,
            Duration(milliseconds(0)))},
      {{"revocation-heartbeat-interval",
        "KEYWARD_REVOCATION_HEARTBEAT_INTERVAL",
        "how often the revocation listener NOTIFYs itself; after three "
        "unanswered it flushes the caches and reconnects",
        "2s"},
       Into(&AuthConfig::revocation_heartbeat_interval,
            Duration(milliseconds(50)))},
      {{"auth-failure-limit", "KEYWARD_AUTH_FAILURE_LIMIT",
        "failed authentications per client address, and per key id at an "
        "address, after which further failures are refused",
        "10"},
       Into(&AuthConfig::failure_limit, WholeNumber(1, 1000000))},
      {{"auth-failure-window", "KEYWARD_AUTH_FAILURE_WINDOW",
        "the window those failures are counted in", "1m"},
       Into(&AuthConfig::failure_window, Duration(milliseconds(1)))},
      {{"auth-lockout", "KEYWARD_AUTH_LOCKOUT",
        "how long the failures of a locked-out address, or key id at an "
        "address, are refused (a correct secret is always accepted)",
        "5m"},
       Into(&AuthConfig::lockout, Duration(milliseconds(1)))},
      {{"trusted-proxies", "KEYWARD_TRUSTED_PROXIES",
        "comma-separated IP addresses of proxies (the gateway) whose "
        "x-forwarded-for names the client address",
        ""},
       Into(&AuthConfig::trusted_proxies, IpAddressList())},
  };
  return kOptions;
}

}  // namespace keyward
