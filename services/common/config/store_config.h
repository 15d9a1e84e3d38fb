// The PostgreSQL store's settings: where it is, how many connections, and
// the session timeouts set on each. Defaults live in StoreOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_STORE_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_STORE_CONFIG_H_

#include <chrono>
#include <string>

#include "services/common/options.h"

namespace keyward {

struct StoreConfig {
  std::string url;  // postgresql://...; required
  int pool_size = 0;
  // PostgreSQL's statement_timeout, lock_timeout and
  // idle_in_transaction_session_timeout on every pooled connection (0:
  // none); values the URL's `options` set win.
  std::chrono::milliseconds statement_timeout{0};
  std::chrono::milliseconds lock_timeout{0};
  std::chrono::milliseconds idle_in_transaction_timeout{0};
};

const OptionTable<StoreConfig>& StoreOptions();

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_STORE_CONFIG_H_
