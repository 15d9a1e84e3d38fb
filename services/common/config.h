// Config: keywardd's settings, parsed once at start from flags and KEYWARD_*
// environment variables (flags win) and validated as a whole, so a bad value
// stops the process with a message naming it instead of surfacing later.
// Each component's settings, their options table and defaults live in
// services/common/config/; this file puts them together.
//
// Thread-safety: a Config is an immutable value once parsed; share it freely.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/config/auth_config.h"
#include "services/common/config/bootstrap_config.h"
#include "services/common/config/keys_config.h"
#include "services/common/config/metrics_config.h"
#include "services/common/config/opa_config.h"
#include "services/common/config/server_config.h"
#include "services/common/config/store_config.h"
#include "services/common/config/tls_config.h"
#include "services/common/config/webhooks_config.h"
#include "services/common/environment.h"
#include "services/common/options.h"

namespace keyward {

struct Config {
  std::string command = "serve";  // serve | migrate | bootstrap
  ServerConfig server;
  TlsConfig tls;
  StoreConfig store;
  OpaConfig opa;
  AuthConfig auth;
  KeysConfig keys;
  BootstrapConfig bootstrap;
  WebhooksConfig webhooks;
  MetricsConfig metrics;
};

// Every option keywardd understands, in the order help lists them (by
// component).
std::vector<OptionSpec> ConfigOptions();

// Parses `args` (argv without the program name) and `env`. The first
// positional argument, if any, is the command. Returns INVALID_ARGUMENT with
// every problem found, one per line, each naming its flag and variable.
absl::StatusOr<Config> ParseConfig(
    const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env);

// Help text listing commands and options.
std::string ConfigUsage();

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_H_
