#include "services/common/config/webhooks_config.h"

#include "services/common/option_values.h"

namespace keyward {

const OptionTable<WebhooksConfig>& WebhooksOptions() {
  using std::chrono::milliseconds;
  static const OptionTable<WebhooksConfig> kOptions = {
      {{"webhook-timeout", "KEYWARD_WEBHOOK_TIMEOUT",
        "a webhook delivery not answered within this failed (connect, send "
        "and read each)",
        "10s"},
       Into(&WebhooksConfig::request_timeout, Duration(milliseconds(100)))},
      {{"webhook-backoff-base", "KEYWARD_WEBHOOK_BACKOFF_BASE",
        "wait after a webhook delivery's first failed attempt; doubled "
        "after each further one",
        "1s"},
       Into(&WebhooksConfig::backoff_base, Duration(milliseconds(1)))},
      {{"webhook-backoff-max", "KEYWARD_WEBHOOK_BACKOFF_MAX",
        "longest wait between two attempts of a webhook delivery", "1h"},
       Into(&WebhooksConfig::backoff_max, Duration(milliseconds(1)))},
      {{"webhook-give-up-after", "KEYWARD_WEBHOOK_GIVE_UP_AFTER",
        "a webhook delivery still failing this long after its event is "
        "marked FAILED and the next one follows",
        "24h"},
       Into(&WebhooksConfig::give_up_after, Duration(milliseconds(1)))},
      {{"webhook-poll-interval", "KEYWARD_WEBHOOK_POLL_INTERVAL",
        "how often an idle deliverer looks for new webhook deliveries", "1s"},
       Into(&WebhooksConfig::poll_interval, Duration(milliseconds(10)))},
  };
  return kOptions;
}

void CheckWebhooksConfig(const WebhooksConfig& webhooks,
                         std::vector<std::string>& problems) {
  if (webhooks.backoff_base > webhooks.backoff_max) {
    problems.push_back(
        "--webhook-backoff-base: must not exceed --webhook-backoff-max");
  }
}

}  // namespace keyward
