// `keywardd bootstrap`: who the first OrganizationAdmin is. Defaults live in
// BootstrapOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_BOOTSTRAP_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_BOOTSTRAP_CONFIG_H_

#include <string>

#include "services/common/options.h"

namespace keyward {

struct BootstrapConfig {
  std::string email;  // required to bootstrap
  std::string display_name;
};

const OptionTable<BootstrapConfig>& BootstrapOptions();

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_BOOTSTRAP_CONFIG_H_
