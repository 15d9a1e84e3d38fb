// Config: keywardd's settings, parsed once at start from flags and KEYWARD_*
// environment variables (flags win) and validated as a whole, so a bad value
// stops the process with a message naming it instead of surfacing later.
//
// Thread-safety: a Config is an immutable value once parsed; share it freely.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace keyward {

struct Config {
  std::string command = "serve";  // serve | migrate | bootstrap

  std::string listen = "127.0.0.1:50051";
  bool allow_insecure = false;
  // TLS: PEM text read from the *_file settings at parse time. TLS is on
  // when tls_certificate is set (tls_private_key then is too); requiring
  // client certificates (mTLS) when tls_client_ca is set.
  std::string tls_cert_file;
  std::string tls_certificate;  // server certificate, then any chain
  std::string tls_key_file;
  std::string tls_private_key;  // never logged
  std::string tls_client_ca_file;
  std::string tls_client_ca;  // CA certificates client certificates chain to
  // gRPC server limits: threads serving calls (calls beyond them get
  // RESOURCE_EXHAUSTED) and the largest request message accepted.
  int max_threads = 64;
  int max_receive_message_bytes = 1024 * 1024;
  std::string database_url;
  int database_pool_size = 8;
  // PostgreSQL's statement_timeout, lock_timeout and
  // idle_in_transaction_session_timeout on every pooled connection (0: none);
  // values the URL's `options` set win.
  std::chrono::milliseconds database_statement_timeout{5000};
  std::chrono::milliseconds database_lock_timeout{2000};
  std::chrono::milliseconds database_idle_in_transaction_timeout{10000};
  std::string opa_url = "http://127.0.0.1:8181";
  std::chrono::milliseconds opa_timeout{2000};
  // Bearer token for OPA's decision calls, read from opa_token_file at parse
  // time (trailing newline stripped); empty: none sent. Never logged.
  std::string opa_token_file;
  std::string opa_token;
  std::string pepper_file;
  std::string pepper;  // contents of pepper_file; never logged

  int quota_keys_per_owner_per_resource = 10;
  int quota_keys_per_owner = 100;
  std::chrono::seconds active_window{15 * 60};
  std::chrono::milliseconds last_used_flush_interval{1000};
  std::chrono::milliseconds role_binding_cache_ttl{1000};
  // Cached key verifications older than this are read again (bounds what a
  // lost revocation could leave behind).
  std::chrono::milliseconds verification_cache_max_age{60 * 1000};
  // How often the revocation listener checks its connection with a NOTIFY
  // to itself; three missed in a row and it flushes the caches, reconnects.
  std::chrono::milliseconds revocation_heartbeat_interval{2000};

  // Brute-force hygiene: failed authentications per client address and per
  // key id at an address (never per key id alone).
  int auth_failure_limit = 10;
  std::chrono::milliseconds auth_failure_window{60 * 1000};
  std::chrono::milliseconds auth_lockout{5 * 60 * 1000};
  // Peers whose `x-forwarded-for` names the client address (a gateway, a
  // load balancer): IP addresses in CanonicalIpAddress form.
  std::vector<std::string> trusted_proxies;

  // bootstrap: the first OrganizationAdmin.
  std::string bootstrap_email;
  std::string bootstrap_display_name = "Organization admin";

  std::chrono::milliseconds health_check_interval{1000};
  // On SIGINT/SIGTERM: health NOT_SERVING while still serving for
  // drain_period, then no new calls and shutdown_grace for in-flight ones.
  std::chrono::milliseconds drain_period{5000};
  std::chrono::seconds shutdown_grace{10};
  std::string ready_file;  // written with the bound address once serving
};

// One setting: its flag, environment variable and help text.
struct ConfigOption {
  std::string flag;  // without the leading "--"
  std::string env;
  std::string help;
  std::string default_value;
};

// Every option keywardd understands, in the order help lists them.
const std::vector<ConfigOption>& ConfigOptions();

// Parses `args` (argv without the program name) and `env`. The first
// positional argument, if any, is the command. Returns INVALID_ARGUMENT with
// every problem found, one per line, each naming its flag and variable.
absl::StatusOr<Config> ParseConfig(
    const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env);

// The process environment as a map, for ParseConfig.
std::map<std::string, std::string> ProcessEnvironment();

// Help text listing commands and options.
std::string ConfigUsage();

// True when `listen` ("host:port", "[v6]:port", "localhost:port") names a
// loopback address only.
bool IsLoopbackListenAddress(const std::string& listen);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_H_
