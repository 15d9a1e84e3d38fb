#include "services/common/config/bootstrap_config.h"

#include "services/common/option_values.h"

namespace keyward {

const OptionTable<BootstrapConfig>& BootstrapOptions() {
  static const OptionTable<BootstrapConfig> kOptions = {
      {{"email", "KEYWARD_BOOTSTRAP_EMAIL",
        "bootstrap: the first OrganizationAdmin's email", ""},
       Into(&BootstrapConfig::email, Text())},
      {{"display-name", "KEYWARD_BOOTSTRAP_DISPLAY_NAME",
        "bootstrap: the first OrganizationAdmin's display name",
        "Organization admin"},
       Into(&BootstrapConfig::display_name, Text())},
  };
  return kOptions;
}

}  // namespace keyward
