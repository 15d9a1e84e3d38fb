// Webhook delivery (docs/webhooks.md): the request timeout, the retry
// backoff and when to give up, and how often an idle deliverer looks for
// new deliveries. Defaults live in WebhooksOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_WEBHOOKS_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_WEBHOOKS_CONFIG_H_

#include <chrono>
#include <string>
#include <vector>

#include "services/common/options.h"

namespace keyward {

struct WebhooksConfig {
  std::chrono::milliseconds request_timeout{0};
  std::chrono::milliseconds backoff_base{0};
  std::chrono::milliseconds backoff_max{0};
  std::chrono::milliseconds give_up_after{0};
  std::chrono::milliseconds poll_interval{0};
};

const OptionTable<WebhooksConfig>& WebhooksOptions();

// Appends a line to `problems` when the backoff's base exceeds its cap.
void CheckWebhooksConfig(const WebhooksConfig& webhooks,
                         std::vector<std::string>& problems);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_WEBHOOKS_CONFIG_H_
