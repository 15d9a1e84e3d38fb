// API-key quotas and use tracking: how many keys an account may hold, how
// recent a use blocks a delete, how often last-used times are written and
// how often compliance findings are evaluated.
// Defaults live in KeysOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_KEYS_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_KEYS_CONFIG_H_

#include <chrono>
#include <string>
#include <vector>

#include "services/common/options.h"

namespace keyward {

struct KeysConfig {
  int quota_per_owner_per_resource = 0;
  int quota_per_owner = 0;
  // A key used this recently blocks a delete that would remove it.
  std::chrono::milliseconds active_window{0};
  std::chrono::milliseconds last_used_flush_interval{0};
  // How often the compliance policy is evaluated over every key (once per
  // interval across all replicas).
  std::chrono::milliseconds compliance_interval{0};
};

const OptionTable<KeysConfig>& KeysOptions();

// Appends a line to `problems` when the quotas contradict each other.
void CheckKeysConfig(const KeysConfig& keys,
                     std::vector<std::string>& problems);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_KEYS_CONFIG_H_
