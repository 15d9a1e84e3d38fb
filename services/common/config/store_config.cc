#include "services/common/config/store_config.h"

#include <limits>

#include "services/common/option_values.h"

namespace keyward {
namespace {

// A PostgreSQL timeout: milliseconds in an int, 0 for none.
ValueParser<std::chrono::milliseconds> PostgresTimeout() {
  return [duration = Duration(std::chrono::milliseconds(0))](
             const std::string& text,
             std::chrono::milliseconds& out) -> std::string {
    std::chrono::milliseconds parsed{0};
    std::string problem = duration(text, parsed);
    if (!problem.empty()) return problem;
    if (parsed.count() > std::numeric_limits<int>::max()) {
      return "must be at most 24d (PostgreSQL's limit)";
    }
    out = parsed;
    return "";
  };
}

ValueParser<std::string> DatabaseUrl() {
  return [](const std::string& text, std::string& out) -> std::string {
    if (text.rfind("postgresql://", 0) != 0 &&
        text.rfind("postgres://", 0) != 0) {
      return "must be a postgresql:// URL";
    }
    out = text;
    return "";
  };
}

}  // namespace

const OptionTable<StoreConfig>& StoreOptions() {
  static const OptionTable<StoreConfig> kOptions = {
      {{"database-url", "KEYWARD_DATABASE_URL",
        "PostgreSQL URL, e.g. postgresql://user@127.0.0.1:5432/keyward "
        "(required)",
        ""},
       Into(&StoreConfig::url, DatabaseUrl())},
      {{"database-pool-size", "KEYWARD_DATABASE_POOL_SIZE",
        "PostgreSQL connections to keep open", "8"},
       Into(&StoreConfig::pool_size, WholeNumber(1, 256))},
      {{"database-statement-timeout", "KEYWARD_DATABASE_STATEMENT_TIMEOUT",
        "PostgreSQL statement_timeout on every connection (0: none); a "
        "call's deadline bounds its statements when closer",
        "5s"},
       Into(&StoreConfig::statement_timeout, PostgresTimeout())},
      {{"database-lock-timeout", "KEYWARD_DATABASE_LOCK_TIMEOUT",
        "PostgreSQL lock_timeout on every connection (0: none)", "2s"},
       Into(&StoreConfig::lock_timeout, PostgresTimeout())},
      {{"database-idle-in-transaction-timeout",
        "KEYWARD_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT",
        "PostgreSQL idle_in_transaction_session_timeout on every connection "
        "(0: none)",
        "10s"},
       Into(&StoreConfig::idle_in_transaction_timeout, PostgresTimeout())},
  };
  return kOptions;
}

}  // namespace keyward
