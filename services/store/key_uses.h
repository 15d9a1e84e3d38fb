// The API keys' uses in PostgreSQL: last_used_time and the per-day
// verification counts of api_key_usage, written by the key-use flush and
// read by GetApiKeyUsage (see domain::ApiKeyRepository::RecordUses and
// Usage). PgApiKeyRepository runs them in its transactions.
//
// Thread-safety: runs in the caller's transaction.
#ifndef KEYWARD_SERVICES_STORE_KEY_USES_H_
#define KEYWARD_SERVICES_STORE_KEY_USES_H_

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/domain/key_use.h"

namespace keyward::store {

// Locks every key of the batch in id order (as deletes lock them, so a
// flush and a cascade cannot deadlock), raises their last_used_time and
// adds the counts to api_key_usage; keys deleted meanwhile are skipped.
void WriteKeyUses(pqxx::work& txn, const domain::KeyUses& uses);

// The api_key_usage rows of key `id` on the days first..last, oldest first.
std::vector<domain::KeyUsageDay> ReadKeyUsage(pqxx::transaction_base& txn,
                                              const std::string& id,
                                              domain::UtcDay first,
                                              domain::UtcDay last);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_KEY_USES_H_
