// How keywardd reaches Open Policy Agent for its decisions. Defaults live in
// OpaOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_OPA_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_OPA_CONFIG_H_

#include <chrono>
#include <string>

#include "services/common/option_values.h"
#include "services/common/options.h"

namespace keyward {

struct OpaConfig {
  std::string url;                       // base URL, no trailing slash
  std::chrono::milliseconds timeout{0};  // ceiling on one decision
  // Bearer token for decision calls, its trailing newline stripped; empty:
  // none sent. Never logged.
  SettingFile token;
};

const OptionTable<OpaConfig>& OpaOptions();

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_OPA_CONFIG_H_
