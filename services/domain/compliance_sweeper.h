// ComplianceSweeper: keywardd's background thread that keeps the stored
// compliance findings fresh. It asks its ComplianceEvaluator for an
// evaluation every quarter interval; the evaluator's lease and the time of
// the last attempt (shared by every replica through the database) make one
// evaluation happen about once per interval across all replicas. Outcomes
// are logged; a failed evaluation leaves the previous findings in place.
//
// Thread-safety: Start and Stop from the owner only.
#ifndef KEYWARD_SERVICES_DOMAIN_COMPLIANCE_SWEEPER_H_
#define KEYWARD_SERVICES_DOMAIN_COMPLIANCE_SWEEPER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/domain/compliance_evaluator.h"

namespace keyward::domain {

class ComplianceSweeper {
 public:
  ComplianceSweeper(ComplianceEvaluator& evaluator,
                    std::chrono::milliseconds interval);
  ~ComplianceSweeper();  // Stop()
  ComplianceSweeper(const ComplianceSweeper&) = delete;
  ComplianceSweeper& operator=(const ComplianceSweeper&) = delete;

  // Starts the thread (idempotent).
  void Start();
  // Stops the thread, abandoning a running evaluation at its next batch
  // (idempotent).
  void Stop();

 private:
  void RunSweeps();

  ComplianceEvaluator& evaluator_;
  const std::chrono::milliseconds interval_;

  std::mutex mutex_;
  std::atomic<bool> stopping_{false};
  std::condition_variable wake_;
  std::thread sweeper_;  // started and joined by the owner
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_COMPLIANCE_SWEEPER_H_
