#include "services/domain/compliance_evaluator.h"

#include <deque>
#include <future>
#include <regex>
#include <unordered_set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/crypto/random.h"
#include "services/domain/time_text.h"

namespace keyward::domain {
namespace {

constexpr char kLowerAlphanumeric[] = "abcdefghijklmnopqrstuvwxyz0123456789";

// As the findings table's constraints have them, so that a policy's typo
// fails the evaluation with a message naming the rule, not a database
// error.
absl::Status CheckFinding(const Finding& finding) {
  static const std::regex kRule("[a-z][a-z0-9_]{0,62}");
  static const std::regex kSeverity("[A-Z][A-Z_]{0,31}");
  if (!std::regex_match(finding.rule, kRule)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the compliance policy produced a finding with the rule name \"",
        finding.rule.substr(0, 64),
        "\": rule names are lower-case words joined by _"));
  }
  if (!std::regex_match(finding.severity, kSeverity)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the compliance policy's rule ", finding.rule,
                     " gives the severity \"", finding.severity.substr(0, 32),
                     "\": severities are upper-case words such as HIGH"));
  }
  if (finding.message.empty() || finding.message.size() > 2048) {
    return absl::FailedPreconditionError(
        absl::StrCat("the compliance policy's rule ", finding.rule,
                     " gives an empty message or one over 2048 bytes"));
  }
  return absl::OkStatus();
}

}  // namespace

ComplianceEvaluator::ComplianceEvaluator(ComplianceRepository& repository,
                                         FindingsPolicy& policy,
                                         const Clock& clock,
                                         ComplianceEvaluatorOptions options)
    : repository_(repository),
      policy_(policy),
      clock_(clock),
      options_(options),
      holder_(crypto::RandomString(16, kLowerAlphanumeric)) {}

absl::StatusOr<std::optional<ComplianceRun>> ComplianceEvaluator::Run(
    std::optional<std::chrono::milliseconds> min_interval,
    const std::atomic<bool>& stop) {
  absl::StatusOr<bool> claimed =
      repository_.ClaimRun(holder_, options_.lease, min_interval);
  if (!claimed.ok()) return claimed.status();
  if (!*claimed) return std::nullopt;

  ComplianceRun run;
  run.evaluate_time = clock_.Now();
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<Finding>> findings =
      EvaluateAll(run.evaluate_time, stop, run.keys_evaluated);
  if (!findings.ok()) {
    // The lease would lapse by itself; giving it back lets another replica
    // (or the next tick) try again without waiting for it.
    repository_.ReleaseRun(holder_).IgnoreError();
    return findings.status();
  }
  run.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  absl::StatusOr<int64_t> stored =
      repository_.ReplaceFindings(*findings, run, holder_);
  if (!stored.ok()) {
    repository_.ReleaseRun(holder_).IgnoreError();
    return stored.status();
  }
  run.findings = *stored;
  return run;
}

absl::StatusOr<std::vector<Finding>> ComplianceEvaluator::EvaluateAll(
    Time now, const std::atomic<bool>& stop, int64_t& keys) {
  std::vector<Finding> findings;
  std::deque<std::future<absl::StatusOr<std::vector<Finding>>>> in_flight;
  absl::Status failure;
  // Collects the oldest batch's answer; the first failure is kept.
  const auto collect_one = [&] {
    absl::StatusOr<std::vector<Finding>> answer = in_flight.front().get();
    in_flight.pop_front();
    if (!answer.ok()) {
      if (failure.ok()) failure = answer.status();
      return;
    }
    for (Finding& finding : *answer) findings.push_back(std::move(finding));
  };
  std::string after;
  while (failure.ok()) {
    if (stop.load()) {
      failure = absl::CancelledError("the compliance evaluation was stopped");
      break;
    }
    absl::StatusOr<std::vector<KeyFacts>> batch =
        repository_.KeyFactsAfter(after, options_.batch_size);
    if (!batch.ok()) {
      failure = batch.status();
      break;
    }
    if (batch->empty()) break;
    keys += static_cast<int64_t>(batch->size());
    after = batch->back().id;
    const bool last = batch->size() < static_cast<size_t>(options_.batch_size);
    in_flight.push_back(
        std::async(std::launch::async, [this, now, batch = std::move(*batch)] {
          return EvaluateBatch(batch, now);
        }));
    if (in_flight.size() >= static_cast<size_t>(options_.parallel_batches)) {
      collect_one();
    }
    if (last) break;
  }
  while (!in_flight.empty()) collect_one();
  if (!failure.ok()) return failure;
  return findings;
}

absl::StatusOr<std::vector<Finding>> ComplianceEvaluator::EvaluateBatch(
    const std::vector<KeyFacts>& batch, Time now) {
  nlohmann::json keys = nlohmann::json::array();
  std::unordered_set<std::string> ids;
  for (const KeyFacts& key : batch) {
    keys.push_back(ToPolicyInput(key));
    ids.insert(key.id);
  }
  absl::StatusOr<std::vector<Finding>> answer = policy_.Findings(
      {{"now", FormatTime(now)}, {"keys", std::move(keys)}},
      std::chrono::system_clock::now() + options_.batch_timeout);
  if (!answer.ok()) return answer.status();
  // One finding per key and rule (the table's key); a finding about a key
  // outside the batch is the policy's mistake and is not stored.
  std::vector<Finding> findings;
  std::unordered_set<std::string> seen;
  for (Finding& finding : *answer) {
    const absl::Status valid = CheckFinding(finding);
    if (!valid.ok()) return valid;
    if (ids.count(finding.api_key_id) == 0) continue;
    if (!seen.insert(absl::StrCat(finding.api_key_id, "/", finding.rule))
             .second) {
      continue;
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace keyward::domain
