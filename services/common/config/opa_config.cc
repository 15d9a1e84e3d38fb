#include "services/common/config/opa_config.h"

namespace keyward {
namespace {

// The token goes into an HTTP header: one line of visible ASCII.
std::string CheckToken(std::string& token) {
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) {
    token.pop_back();
  }
  if (token.empty()) return "the file is empty";
  for (const char ch : token) {
    if (ch < 0x21 || ch > 0x7e) {
      return "must hold one line of visible ASCII characters (no spaces)";
    }
  }
  return "";
}

}  // namespace

const OptionTable<OpaConfig>& OpaOptions() {
  static const OptionTable<OpaConfig> kOptions = {
      {{"opa-url", "KEYWARD_OPA_URL", "Open Policy Agent base URL",
        "http://127.0.0.1:8181"},
       Into(&OpaConfig::url, HttpUrl())},
      {{"opa-timeout", "KEYWARD_OPA_TIMEOUT",
        "ceiling on one policy decision (e.g. 2s)", "2s"},
       Into(&OpaConfig::timeout, Duration(std::chrono::milliseconds(10)))},
      {{"opa-token-file", "KEYWARD_OPA_TOKEN_FILE",
        "file with the bearer token OPA expects on decision calls (one "
        "line; OPA's system.authz policy checks it)",
        ""},
       Into(&OpaConfig::token, FileContents(CheckToken))},
  };
  return kOptions;
}

}  // namespace keyward
