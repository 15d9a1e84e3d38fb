// BatchingLastUsedRecorder: the LastUsedRecorder keywardd runs. Record()
// keeps the newest use per key in memory; a background thread hands them to
// ApiKeyRepository::RecordLastUsed every flush interval, one statement per
// batch, so each key costs at most one write per interval however often it
// is verified. A batch that fails to write (database down) is kept and
// retried with the next one.
//
// Thread-safety: Record and Flush may be called from any thread; Start and
// Stop from the owner only.
#ifndef KEYWARD_SERVICES_DOMAIN_LAST_USED_RECORDER_H_
#define KEYWARD_SERVICES_DOMAIN_LAST_USED_RECORDER_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "services/domain/last_used.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class BatchingLastUsedRecorder final : public LastUsedRecorder {
 public:
  BatchingLastUsedRecorder(ApiKeyRepository& repository,
                           std::chrono::milliseconds interval);
  ~BatchingLastUsedRecorder() override;  // Stop()
  BatchingLastUsedRecorder(const BatchingLastUsedRecorder&) = delete;
  BatchingLastUsedRecorder& operator=(const BatchingLastUsedRecorder&) = delete;

  // Starts the background flusher (idempotent).
  void Start();
  // Stops the flusher and flushes a last time (idempotent).
  void Stop();

  void Record(const std::string& key_id, Time when) override;
  absl::Status Flush() override;

  // Uses recorded but not yet written, for tests.
  size_t pending() const;

 private:
  void RunFlusher();

  ApiKeyRepository& repository_;
  const std::chrono::milliseconds interval_;

  mutable std::mutex mutex_;
  std::map<std::string, Time> pending_;  // guarded by mutex_
  bool stopping_ = false;                // guarded by mutex_
  std::condition_variable wake_;

  // Serializes flushes, so that a Flush() returning OK means every use
  // recorded before it was called is in the database, even when the
  // background thread had already taken some of them.
  std::mutex flush_mutex_;

  std::mutex lifecycle_mutex_;
  std::thread flusher_;  // guarded by lifecycle_mutex_
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_LAST_USED_RECORDER_H_
