#include "services/domain/compliance_sweeper.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace keyward::domain {

ComplianceSweeper::ComplianceSweeper(ComplianceEvaluator& evaluator,
                                     std::chrono::milliseconds interval)
    : evaluator_(evaluator), interval_(interval) {}

ComplianceSweeper::~ComplianceSweeper() { Stop(); }

void ComplianceSweeper::Start() {
  if (sweeper_.joinable()) return;
  stopping_ = false;
  sweeper_ = std::thread([this] { RunSweeps(); });
}

void ComplianceSweeper::Stop() {
  if (!sweeper_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  sweeper_.join();
}

void ComplianceSweeper::RunSweeps() {
  // Polling a quarter interval apart, a replica notices within that much
  // that the interval has passed since the last evaluation anywhere.
  const auto poll = std::clamp<std::chrono::milliseconds>(
      interval_ / 4, std::chrono::milliseconds(1), std::chrono::minutes(1));
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    absl::StatusOr<std::optional<ComplianceRun>> run =
        evaluator_.Run(interval_, stopping_);
    if (!run.ok()) {
      if (!stopping_) {
        LogWarning(absl::StrCat(
            "compliance evaluation failed, the previous findings stay: ",
            run.status().message()));
      }
    } else if (run->has_value()) {
      const ComplianceRun& done = **run;
      LogInfo(absl::StrCat("compliance evaluation: ", done.keys_evaluated,
                           " key(s), ", done.findings, " finding(s) in ",
                           done.duration.count(), " ms"));
    }
    lock.lock();
    wake_.wait_for(lock, poll, [this] { return stopping_.load(); });
  }
}

}  // namespace keyward::domain
