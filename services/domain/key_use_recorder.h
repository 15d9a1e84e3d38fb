// BatchingKeyUseRecorder: the KeyUseRecorder keywardd runs. Record() keeps
// the newest VALID use per key and adds every verdict to its key's count
// for the UTC day of `when`, all in memory; a background thread hands them
// to ApiKeyRepository::RecordUses every flush interval, one transaction per
// batch, so a key costs at most one write per interval however often it is
// verified. A batch that fails to write (database down) is kept, merged
// with newer uses, and retried with the next one: as its transaction wrote
// nothing, nothing is counted twice.
//
// Thread-safety: Record and Flush may be called from any thread; Start and
// Stop from the owner only.
#ifndef KEYWARD_SERVICES_DOMAIN_KEY_USE_RECORDER_H_
#define KEYWARD_SERVICES_DOMAIN_KEY_USE_RECORDER_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "services/domain/key_use.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class BatchingKeyUseRecorder final : public KeyUseRecorder {
 public:
  BatchingKeyUseRecorder(ApiKeyRepository& repository,
                         std::chrono::milliseconds interval);
  ~BatchingKeyUseRecorder() override;  // Stop()
  BatchingKeyUseRecorder(const BatchingKeyUseRecorder&) = delete;
  BatchingKeyUseRecorder& operator=(const BatchingKeyUseRecorder&) = delete;

  // Starts the background flusher (idempotent).
  void Start();
  // Stops the flusher and flushes a last time (idempotent).
  void Stop();

  void Record(const std::string& key_id, VerifyReason reason,
              Time when) override;
  absl::Status Flush() override;

  // Keys with uses recorded but not yet written, for tests.
  size_t pending() const;

 private:
  void RunFlusher();

  ApiKeyRepository& repository_;
  const std::chrono::milliseconds interval_;

  mutable std::mutex mutex_;
  KeyUses pending_;        // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::condition_variable wake_;

  // Serializes flushes, so that a Flush() returning OK means every use
  // recorded before it was called is in the database, even when the
  // background thread had already taken some of them.
  std::mutex flush_mutex_;

  std::mutex lifecycle_mutex_;
  std::thread flusher_;  // guarded by lifecycle_mutex_
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_KEY_USE_RECORDER_H_
