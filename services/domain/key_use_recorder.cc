#include "services/domain/key_use_recorder.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace keyward::domain {

BatchingKeyUseRecorder::BatchingKeyUseRecorder(
    ApiKeyRepository& repository, std::chrono::milliseconds interval)
    : repository_(repository), interval_(interval) {}

BatchingKeyUseRecorder::~BatchingKeyUseRecorder() { Stop(); }

void BatchingKeyUseRecorder::Start() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (flusher_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  flusher_ = std::thread([this] { RunFlusher(); });
}

void BatchingKeyUseRecorder::Stop() {
  {
    std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
    if (flusher_.joinable()) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
      }
      wake_.notify_all();
      flusher_.join();
    }
  }
  const absl::Status flushed = Flush();
  if (!flushed.ok()) {
    LogWarning(absl::StrCat("key uses: final flush failed, ", pending(),
                            " key(s) not recorded: ", flushed.message()));
  }
}

void BatchingKeyUseRecorder::Record(const std::string& key_id,
                                    VerifyReason reason, Time when) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.keys[key_id].Add(reason, when);
}

absl::Status BatchingKeyUseRecorder::Flush() {
  std::lock_guard<std::mutex> flushing(flush_mutex_);
  KeyUses batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::swap(batch, pending_);
  }
  if (batch.empty()) return absl::OkStatus();
  const absl::Status written = repository_.RecordUses(batch);
  if (!written.ok()) {
    // Keep the batch for the next attempt, merged with newer uses. (A
    // commit whose outcome is unknown, UNKNOWN, is retried too: counting a
    // batch twice in that rare case is preferred to losing it.)
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.Merge(batch);
  }
  return written;
}

size_t BatchingKeyUseRecorder::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_.keys.size();
}

void BatchingKeyUseRecorder::RunFlusher() {
  bool was_failing = false;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
      if (stopping_) return;  // Stop() flushes the rest
    }
    const absl::Status flushed = Flush();
    // One line when writes start failing and one when they recover, not one
    // per interval.
    if (!flushed.ok() && !was_failing) {
      LogWarning(absl::StrCat("key uses: cannot write, will retry: ",
                              flushed.message()));
    } else if (flushed.ok() && was_failing) {
      LogInfo("key uses: writing again");
    }
    was_failing = !flushed.ok();
  }
}

}  // namespace keyward::domain
