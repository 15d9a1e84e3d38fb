// ComplianceEvaluator: one full evaluation of the keyward.compliance policy
// over every existing key (DESIGN.md §3). It takes the evaluation lease (so
// one replica evaluates at a time), reads the keys' facts in id-ordered
// batches, asks the policy for each batch's findings (a few batches at once)
// and, only when every batch has been answered, replaces the stored findings
// in one transaction.
// A failure anywhere (database or policy engine unavailable, a malformed
// finding) leaves the previous findings as they were.
//
// Thread-safety: Run may be called from several threads (and replicas); the
// lease lets one of them evaluate, the others return nullopt.
#ifndef KEYWARD_SERVICES_DOMAIN_COMPLIANCE_EVALUATOR_H_
#define KEYWARD_SERVICES_DOMAIN_COMPLIANCE_EVALUATOR_H_

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/domain/clock.h"
#include "services/domain/compliance.h"

namespace keyward::domain {

struct ComplianceEvaluatorOptions {
  // Keys per policy call: large enough that HTTP and JSON overhead is
  // spread thin, small enough that one answer stays a few MB.
  int batch_size = 1000;
  // Batches the policy engine judges at once: while it judges one, the
  // next is read and sent, and a policy engine with more than one core
  // judges them side by side.
  int parallel_batches = 2;
  // How long one batch's policy call may take.
  std::chrono::milliseconds batch_timeout{30000};
  // How long the lease lasts: a replica that dies mid-evaluation blocks
  // the others at most this long.
  std::chrono::milliseconds lease{std::chrono::minutes(10)};
};

class ComplianceEvaluator {
 public:
  ComplianceEvaluator(ComplianceRepository& repository, FindingsPolicy& policy,
                      const Clock& clock,
                      ComplianceEvaluatorOptions options = {});

  // Evaluates every key unless another evaluation holds the lease or — when
  // `min_interval` is set — one began less than `min_interval` ago
  // (nullopt). Between batches it gives up with CANCELLED once `stop` is
  // set.
  absl::StatusOr<std::optional<ComplianceRun>> Run(
      std::optional<std::chrono::milliseconds> min_interval,
      const std::atomic<bool>& stop);

 private:
  // Every batch's findings, or why not; counts the keys in `keys`.
  absl::StatusOr<std::vector<Finding>> EvaluateAll(
      Time now, const std::atomic<bool>& stop, int64_t& keys);
  // The batch's findings; called on several threads at once.
  absl::StatusOr<std::vector<Finding>> EvaluateBatch(
      const std::vector<KeyFacts>& batch, Time now);

  ComplianceRepository& repository_;
  FindingsPolicy& policy_;
  const Clock& clock_;
  const ComplianceEvaluatorOptions options_;
  const std::string holder_;  // this evaluator's name on the lease
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_COMPLIANCE_EVALUATOR_H_
