// keywardd: the Keyward API-key management server. See `keywardd --help`.
#include <iostream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/common/config.h"
#include "services/common/log.h"
#include "services/server/serve.h"
#include "services/server/shutdown_signals.h"

int main(int argc, char** argv) {
  // Debian builds abseil with its debug checks on, and gRPC's locks are
  // absl::Mutex: every lock would feed a global deadlock-detection graph.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h" || arg == "help") {
      std::cout << keyward::ConfigUsage();
      return 0;
    }
  }
  auto config = keyward::ParseConfig(args, keyward::ProcessEnvironment());
  if (!config.ok()) {
    std::cerr << "keywardd: invalid configuration:\n"
              << config.status().message() << "\n(see keywardd --help)\n";
    return 2;
  }
  keyward::SetLogFormat(config->server.log_format == "json"
                            ? keyward::LogFormat::kJson
                            : keyward::LogFormat::kText);
  keyward::server::BlockShutdownSignals();
  if (config->command == "migrate") return keyward::server::RunMigrate(*config);
  if (config->command == "compliance") {
    return keyward::server::RunCompliance(*config);
  }
  if (config->command == "bootstrap") {
    return keyward::server::RunBootstrap(*config);
  }
  return keyward::server::RunServe(*config);
}
