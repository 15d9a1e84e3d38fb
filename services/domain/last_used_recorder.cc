#include "services/domain/last_used_recorder.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace keyward::domain {

BatchingLastUsedRecorder::BatchingLastUsedRecorder(
    ApiKeyRepository& repository, std::chrono::milliseconds interval)
    : repository_(repository), interval_(interval) {}

BatchingLastUsedRecorder::~BatchingLastUsedRecorder() { Stop(); }

void BatchingLastUsedRecorder::Start() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (flusher_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  flusher_ = std::thread([this] { RunFlusher(); });
}

void BatchingLastUsedRecorder::Stop() {
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
    LogWarning(absl::StrCat("last_used_time: final flush failed, ", pending(),
                            " key(s) not recorded: ", flushed.message()));
  }
}

void BatchingLastUsedRecorder::Record(const std::string& key_id, Time when) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = pending_.emplace(key_id, when);
  if (!inserted && it->second < when) it->second = when;
}

absl::Status BatchingLastUsedRecorder::Flush() {
  std::lock_guard<std::mutex> flushing(flush_mutex_);
  std::map<std::string, Time> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return absl::OkStatus();
  const absl::Status written = repository_.RecordLastUsed(batch);
  if (!written.ok()) {
    // Keep the batch for the next attempt, merged with newer uses.
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key_id, when] : batch) {
      auto [it, inserted] = pending_.emplace(key_id, when);
      if (!inserted && it->second < when) it->second = when;
    }
  }
  return written;
}

size_t BatchingLastUsedRecorder::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_.size();
}

void BatchingLastUsedRecorder::RunFlusher() {
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
      LogWarning(absl::StrCat("last_used_time: cannot write, will retry: ",
                              flushed.message()));
    } else if (flushed.ok() && was_failing) {
      LogInfo("last_used_time: writing again");
    }
    was_failing = !flushed.ok();
  }
}

}  // namespace keyward::domain
