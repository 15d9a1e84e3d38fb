// KeyUseRecorder: remembers what verification decided about existing keys
// and writes it to the database in batches, so VerifyApiKey never waits on
// a database write: the newest VALID use per key (last_used_time, at most
// one write per key per flush interval) and, per key and UTC day, how many
// verifications ended in each outcome (GetApiKeyUsage).
//
// Only verdicts about a key that exists are recorded: a malformed
// presentation or an unknown id names no key.
//
// Thread-safety: implementations are called concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_KEY_USE_H_
#define KEYWARD_SERVICES_DOMAIN_KEY_USE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/types.h"
#include "services/domain/verify_reason.h"

namespace keyward::domain {

// A UTC calendar day, as days since 1970-01-01.
using UtcDay = int64_t;

UtcDay UtcDayOf(Time time);
// "YYYY-MM-DD".
std::string FormatUtcDay(UtcDay day);

struct UsageCounts {
  int64_t valid = 0;
  int64_t invalid_credentials = 0;
  int64_t expired = 0;
  int64_t wrong_resource = 0;
  int64_t disabled = 0;

  // Counts one verdict in its counter; kMalformed has none (it names no
  // key).
  void Add(VerifyReason reason);
  UsageCounts& operator+=(const UsageCounts& other);
  bool operator==(const UsageCounts& other) const;
};

// One day of a key's usage.
struct KeyUsageDay {
  UtcDay day = 0;
  UsageCounts counts;

  bool operator==(const KeyUsageDay& other) const;
};

// What was recorded about one key since the last flush: one entry per key,
// so recording a verdict is one lookup.
struct KeyUseTally {
  // The newest VALID use, if any.
  std::optional<Time> last_used;
  // Verdicts per UTC day of the verification; one day, two across a UTC
  // midnight, more only while flushes fail.
  std::vector<KeyUsageDay> days;

  void Add(VerifyReason reason, Time when);
  // Adds `other` in: newest last use, summed counts.
  void Merge(const KeyUseTally& other);
};

// What one flush writes, in one transaction, per key id.
struct KeyUses {
  std::map<std::string, KeyUseTally> keys;

  bool empty() const { return keys.empty(); }
  void Merge(const KeyUses& other);
};

class KeyUseRecorder {
 public:
  virtual ~KeyUseRecorder() = default;
  // Notes that key `key_id` was presented at `when` with verdict `reason`
  // (never kMalformed); cheap, never blocks on I/O. Only kValid moves
  // last_used_time.
  virtual void Record(const std::string& key_id, VerifyReason reason,
                      Time when) = 0;
  // Writes everything recorded so far; used before decisions that read
  // last_used_time (deleting an account within the active window).
  virtual absl::Status Flush() = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_KEY_USE_H_
