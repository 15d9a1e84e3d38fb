#include "services/common/config/keys_config.h"

#include "services/common/option_values.h"

namespace keyward {

const OptionTable<KeysConfig>& KeysOptions() {
  using std::chrono::milliseconds;
  static const OptionTable<KeysConfig> kOptions = {
      {{"quota-keys-per-owner-per-resource",
        "KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE",
        "API keys one account may hold on one resource", "10"},
       Into(&KeysConfig::quota_per_owner_per_resource, WholeNumber(1, 100000))},
      {{"quota-keys-per-owner", "KEYWARD_QUOTA_KEYS_PER_OWNER",
        "API keys one account may hold in all", "100"},
       Into(&KeysConfig::quota_per_owner, WholeNumber(1, 1000000))},
      {{"active-window", "KEYWARD_ACTIVE_WINDOW",
        "a key used this recently blocks a delete that would remove it "
        "(account, resource, environment cascade) unless overridden",
        "15m"},
       Into(&KeysConfig::active_window, Duration(milliseconds(0)))},
      {{"last-used-flush-interval", "KEYWARD_LAST_USED_FLUSH_INTERVAL",
        "how often API keys' last_used_time is written (batched)", "1s"},
       Into(&KeysConfig::last_used_flush_interval, Duration(milliseconds(10)))},
      {{"compliance-interval", "KEYWARD_COMPLIANCE_INTERVAL",
        "how often the compliance policy is evaluated over every key (once "
        "per interval across all replicas)",
        "10m"},
       Into(&KeysConfig::compliance_interval, Duration(milliseconds(10)))},
  };
  return kOptions;
}

void CheckKeysConfig(const KeysConfig& keys,
                     std::vector<std::string>& problems) {
  if (keys.quota_per_owner_per_resource > keys.quota_per_owner) {
    problems.push_back(
        "--quota-keys-per-owner-per-resource: must not exceed "
        "--quota-keys-per-owner");
  }
}

}  // namespace keyward
