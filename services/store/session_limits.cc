#include "services/store/session_limits.h"

#include "absl/strings/str_cat.h"

namespace keyward::store {
namespace {

// One "-c name=value" of the options parameter, percent-encoded for a URL
// query: libpq decodes %20 and %3D, and rejects a second raw '='.
std::string Setting(const std::string& name, std::chrono::milliseconds value) {
  return absl::StrCat("-c%20", name, "%3D", value.count());
}

}  // namespace

std::string WithSessionLimits(const std::string& url,
                              const SessionLimits& limits) {
  const std::string ours =
      absl::StrCat(Setting("statement_timeout", limits.statement_timeout),
                   "%20", Setting("lock_timeout", limits.lock_timeout), "%20",
                   Setting("idle_in_transaction_session_timeout",
                           limits.idle_in_transaction_timeout));
  const size_t query = url.find('?');
  if (query != std::string::npos) {
    for (size_t at = query; at != std::string::npos;
         at = url.find('&', at + 1)) {
      if (url.compare(at + 1, 8, "options=") == 0) {
        std::string result = url;
        result.insert(at + 1 + 8, ours + "%20");
        return result;
      }
    }
  }
  return absl::StrCat(url, query == std::string::npos ? "?" : "&",
                      "options=", ours);
}

}  // namespace keyward::store
