// LastUsedRecorder: remembers when keys were last used for verification and
// writes those times to the database in batches (at most one write per key
// per flush interval), so VerifyApiKey never waits on a database write.
//
// Thread-safety: implementations are called concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_LAST_USED_H_
#define KEYWARD_SERVICES_DOMAIN_LAST_USED_H_

#include <string>

#include "absl/status/status.h"
#include "services/domain/types.h"

namespace keyward::domain {

class LastUsedRecorder {
 public:
  virtual ~LastUsedRecorder() = default;
  // Notes that `key_id` was used at `when`; cheap, never blocks on I/O.
  virtual void Record(const std::string& key_id, Time when) = 0;
  // Writes everything recorded so far; used before decisions that read
  // last_used_time (deleting an account within the active window).
  virtual absl::Status Flush() = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_LAST_USED_H_
