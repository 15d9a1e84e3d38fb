#include "services/common/config/metrics_config.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/config/server_config.h"
#include "services/common/ip_address.h"
#include "services/common/option_values.h"

namespace keyward {
namespace {

// "off", or an IPv4 address and a port: the HTTP server (civetweb, as
// Debian builds it) resolves no names and binds no IPv6 address, so either
// is refused here rather than at start.
ValueParser<std::string> MetricsAddress() {
  return [](const std::string& text, std::string& out) -> std::string {
    if (text == "off") {
      out.clear();
      return "";
    }
    const size_t colon = text.rfind(':');
    int port = -1;
    std::optional<std::string> address;
    if (colon != std::string::npos) {
      address = CanonicalIpAddress(text.substr(0, colon));
    }
    // Canonical text only: civetweb reads dotted quads, nothing else.
    if (!address || *address != text.substr(0, colon) ||
        address->find(':') != std::string::npos ||
        !absl::SimpleAtoi(text.substr(colon + 1), &port) || port < 0 ||
        port > 65535) {
      return "must be off or an IPv4 address and port (port 0 picks one), "
             "e.g. 127.0.0.1:9464";
    }
    out = text;
    return "";
  };
}

}  // namespace

const OptionTable<MetricsConfig>& MetricsOptions() {
  static const OptionTable<MetricsConfig> kOptions = {
      {{"metrics-listen", "KEYWARD_METRICS_LISTEN",
        "address to serve Prometheus metrics on, at /metrics (plain HTTP; "
        "port 0 picks one), or off: no endpoint and nothing collected",
        "127.0.0.1:9464"},
       Into(&MetricsConfig::listen, MetricsAddress())},
      {{"allow-insecure-metrics", "KEYWARD_ALLOW_INSECURE_METRICS",
        "allow /metrics (always plain HTTP) on a non-loopback address", "false",
        /*is_switch=*/true},
       Into(&MetricsConfig::allow_insecure, Boolean())},
  };
  return kOptions;
}

void CheckMetricsConfig(const MetricsConfig& metrics,
                        std::vector<std::string>& problems) {
  if (metrics.enabled() && !metrics.allow_insecure &&
      !IsLoopbackListenAddress(metrics.listen)) {
    problems.push_back(absl::StrCat(
        "--metrics-listen / KEYWARD_METRICS_LISTEN: ", metrics.listen,
        " is not a loopback address; serving metrics (plain HTTP) there "
        "needs --allow-insecure-metrics"));
  }
}

}  // namespace keyward
