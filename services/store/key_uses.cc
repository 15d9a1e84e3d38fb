#include "services/store/key_uses.h"

#include "services/store/array_literal.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

using domain::KeyUsageDay;
using domain::KeyUses;

// Rows are locked in id order, as deletes lock them (keys_to_remove.h), so
// a flush and a cascade cannot deadlock; two replicas' flushes of the same
// keys take turns. A key deleted before its lock is granted is not
// returned, and the writes below skip it.
const Statement kLockUsedKeys(
    "api_keys.lock_used_keys",
    "SELECT id FROM api_keys WHERE id = ANY($1::text[]) ORDER BY id "
    "FOR UPDATE");
const Statement kRecordLastUsed(
    "api_keys.record_last_used",
    "UPDATE api_keys k SET last_used_time = GREATEST(k.last_used_time, "
    "" KEYWARD_SQL_TIME("u.micros") ") FROM unnest($1::text[], "
    "$2::bigint[]) AS u(id, micros) WHERE k.id = u.id");
// Additive, so the counts of several replicas (and of several flushes on
// one day) add up. The EXISTS skips keys deleted before the lock, which
// would otherwise fail the foreign key and lose the whole batch.
const Statement kAddUsage(
    "api_key_usage.add",
    "INSERT INTO api_key_usage AS s (api_key_id, day, valid, "
    "invalid_credentials, expired, wrong_resource, disabled) "
    "SELECT u.id, DATE '1970-01-01' + u.day, u.valid, u.invalid_credentials, "
    "u.expired, u.wrong_resource, u.disabled FROM unnest($1::text[], "
    "$2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], "
    "$7::bigint[]) AS u(id, day, valid, invalid_credentials, expired, "
    "wrong_resource, disabled) "
    "WHERE EXISTS (SELECT FROM api_keys k WHERE k.id = u.id) "
    "ORDER BY u.id, u.day "
    "ON CONFLICT (api_key_id, day) DO UPDATE SET "
    "valid = s.valid + EXCLUDED.valid, "
    "invalid_credentials = s.invalid_credentials + "
    "EXCLUDED.invalid_credentials, "
    "expired = s.expired + EXCLUDED.expired, "
    "wrong_resource = s.wrong_resource + EXCLUDED.wrong_resource, "
    "disabled = s.disabled + EXCLUDED.disabled");
const Statement kReadUsage(
    "api_key_usage.read",
    "SELECT day - DATE '1970-01-01' AS day, valid, invalid_credentials, "
    "expired, wrong_resource, disabled FROM api_key_usage "
    "WHERE api_key_id = $1 AND day BETWEEN DATE '1970-01-01' + $2::int AND "
    "DATE '1970-01-01' + $3::int ORDER BY day");

}  // namespace

void WriteKeyUses(pqxx::work& txn, const KeyUses& uses) {
  if (uses.empty()) return;
  ArrayLiteral locked;
  ArrayLiteral used_ids, used_micros;
  ArrayLiteral ids, days, valid, invalid_credentials, expired, wrong_resource,
      disabled;
  for (const auto& [key_id, tally] : uses.keys) {  // in id order
    locked.AddText(key_id);
    if (tally.last_used) {
      used_ids.AddText(key_id);
      used_micros.AddNumber(ToMicros(*tally.last_used));
    }
    for (const KeyUsageDay& day : tally.days) {
      ids.AddText(key_id);
      days.AddNumber(day.day);
      valid.AddNumber(day.counts.valid);
      invalid_credentials.AddNumber(day.counts.invalid_credentials);
      expired.AddNumber(day.counts.expired);
      wrong_resource.AddNumber(day.counts.wrong_resource);
      disabled.AddNumber(day.counts.disabled);
    }
  }
  ExecPrepared(txn, kLockUsedKeys, locked.str());
  if (!used_ids.empty()) {
    ExecPrepared(txn, kRecordLastUsed, used_ids.str(), used_micros.str());
  }
  if (!ids.empty()) {
    ExecPrepared(txn, kAddUsage, ids.str(), days.str(), valid.str(),
                 invalid_credentials.str(), expired.str(), wrong_resource.str(),
                 disabled.str());
  }
}

std::vector<domain::KeyUsageDay> ReadKeyUsage(pqxx::transaction_base& txn,
                                              const std::string& id,
                                              domain::UtcDay first,
                                              domain::UtcDay last) {
  const pqxx::result rows = ExecPrepared(txn, kReadUsage, id, first, last);
  std::vector<domain::KeyUsageDay> usage;
  usage.reserve(rows.size());
  for (const pqxx::row& row : rows) {
    domain::KeyUsageDay day;
    day.day = row["day"].as<int64_t>();
    day.counts.valid = row["valid"].as<int64_t>();
    day.counts.invalid_credentials = row["invalid_credentials"].as<int64_t>();
    day.counts.expired = row["expired"].as<int64_t>();
    day.counts.wrong_resource = row["wrong_resource"].as<int64_t>();
    day.counts.disabled = row["disabled"].as<int64_t>();
    usage.push_back(day);
  }
  return usage;
}

}  // namespace keyward::store
