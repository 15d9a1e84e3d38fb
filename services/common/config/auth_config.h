// How callers are authenticated: the pepper secrets are hashed with, how
// long verifications and role bindings are cached (and the revocation
// listener that keeps those caches honest), brute-force limits and the
// proxies trusted to name the client address. Defaults live in
// AuthOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_AUTH_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_AUTH_CONFIG_H_

#include <chrono>
#include <string>
#include <vector>

#include "services/common/option_values.h"
#include "services/common/options.h"

namespace keyward {

struct AuthConfig {
  SettingFile pepper;  // used byte for byte; never logged
  std::chrono::milliseconds role_binding_cache_ttl{0};
  // Cached key verifications older than this are read again (bounds what a
  // lost revocation could leave behind).
  std::chrono::milliseconds verification_cache_max_age{0};
  // How often the revocation listener checks its connection with a NOTIFY
  // to itself; three missed in a row and it flushes the caches, reconnects.
  std::chrono::milliseconds revocation_heartbeat_interval{0};
  // Brute-force hygiene: failed authentications per client address and per
  // key id at an address (never per key id alone).
  int failure_limit = 0;
  std::chrono::milliseconds failure_window{0};
  std::chrono::milliseconds lockout{0};
  // Peers whose `x-forwarded-for` names the client address (a gateway, a
  // load balancer): IP addresses in CanonicalIpAddress form.
  std::vector<std::string> trusted_proxies;
};

const OptionTable<AuthConfig>& AuthOptions();

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_AUTH_CONFIG_H_
