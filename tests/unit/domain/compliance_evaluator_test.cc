// ComplianceEvaluator with an in-memory repository and a scripted policy:
// batches cover every key once, findings are stored only when every batch
// was answered, the lease is honoured and given back, and a policy's bad
// answer fails the evaluation with a message naming the rule.
#include "services/domain/compliance_evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "tests/unit/domain/fake_clock.h"

namespace keyward::domain {
namespace {

using testing::At;
using ::testing::ElementsAre;
using testing::FixedClock;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

Finding Found(const std::string& api_key_id, const std::string& rule,
              const std::string& severity, const std::string& message) {
  Finding finding;
  finding.api_key_id = api_key_id;
  finding.rule = rule;
  finding.severity = severity;
  finding.message = message;
  return finding;
}

class MemoryComplianceRepository : public ComplianceRepository {
 public:
  absl::StatusOr<bool> ClaimRun(
      const std::string& holder, std::chrono::milliseconds,
      std::optional<std::chrono::milliseconds> min_interval) override {
    last_min_interval = min_interval;
    if (!lease_holder.empty() && lease_holder != holder) return false;
    lease_holder = holder;
    return true;
  }
  absl::Status ReleaseRun(const std::string& holder) override {
    if (lease_holder == holder) lease_holder.clear();
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<KeyFacts>> KeyFactsAfter(
      const std::string& after_id, int limit) override {
    reads.push_back(after_id);
    std::vector<KeyFacts> batch;
    for (auto it = keys.upper_bound(after_id);
         it != keys.end() && static_cast<int>(batch.size()) < limit; ++it) {
      batch.push_back(it->second);
    }
    return batch;
  }
  absl::StatusOr<int64_t> ReplaceFindings(const std::vector<Finding>& found,
                                          const ComplianceRun& run,
                                          const std::string& holder) override {
    if (lease_holder != holder) return absl::AbortedError("lease lost");
    stored = found;
    last_run = run;
    lease_holder.clear();
    return static_cast<int64_t>(found.size());
  }
  absl::StatusOr<Page<Finding>> ListFindings(const FindingFilter&,
                                             const PageRequest&,
                                             const ReadScope&) override {
    return Page<Finding>{};
  }
  absl::StatusOr<std::optional<ComplianceRun>> LastRun() override {
    return last_run;
  }

  void AddKey(const std::string& id) {
    KeyFacts key;
    key.id = id;
    keys[id] = key;
  }

  std::map<std::string, KeyFacts> keys;
  std::vector<std::string> reads;
  std::vector<Finding> stored;
  std::optional<ComplianceRun> last_run;
  std::string lease_holder;
  std::optional<std::chrono::milliseconds> last_min_interval;
};

// Finds "stale" for every key whose id is in `stale`; fails the batch
// numbered `fail_batch` (0-based).
class ScriptedPolicy : public FindingsPolicy {
 public:
  absl::StatusOr<std::vector<Finding>> Findings(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point) override {
    std::lock_guard<std::mutex> lock(mutex);
    batch_sizes.push_back(input["keys"].size());
    nows.push_back(input["now"].get<std::string>());
    if (static_cast<int>(batch_sizes.size()) - 1 == fail_batch) {
      return absl::UnavailableError("policy engine unavailable");
    }
    std::vector<Finding> findings;
    for (const nlohmann::json& key : input["keys"]) {
      const std::string id = key["id"].get<std::string>();
      if (stale.count(id)) {
        findings.push_back(Found(id, rule, "LOW", "stale key"));
        if (twice)
          findings.push_back(Found(id, rule, "LOW", "stale key again"));
      }
    }
    findings.push_back(extra);
    return findings;
  }

  std::mutex mutex;  // batches may be judged on several threads
  std::set<std::string> stale;
  std::string rule = "stale_key";
  bool twice = false;
  int fail_batch = -1;
  Finding extra =
      Found("NOT-IN-THE-BATCH", "stale_key", "LOW", "about another key");
  std::vector<size_t> batch_sizes;
  std::vector<std::string> nows;
};

class ComplianceEvaluatorTest : public ::testing::Test {
 protected:
  ComplianceEvaluatorTest() {
    for (const char* id : {"A", "B", "C", "D", "E"}) repository_.AddKey(id);
  }
  absl::StatusOr<std::optional<ComplianceRun>> Run(
      std::optional<std::chrono::milliseconds> min_interval = std::nullopt) {
    return evaluator_.Run(min_interval, stop_);
  }
  std::vector<std::string> StoredIds() const {
    std::vector<std::string> ids;
    for (const Finding& f : repository_.stored) ids.push_back(f.api_key_id);
    return ids;
  }

  MemoryComplianceRepository repository_;
  ScriptedPolicy policy_;
  FixedClock clock_{At(1764806400)};  // 2025-12-04T00:00:00Z
  // Batches of two keys, one at a time: the scripted policy records the
  // order it was asked in.
  ComplianceEvaluator evaluator_{repository_, policy_, clock_,
                                 ComplianceEvaluatorOptions{2, 1}};
  std::atomic<bool> stop_{false};
};

TEST_F(ComplianceEvaluatorTest, BatchesCoverEveryKeyOnceInIdOrder) {
  policy_.stale = {"B", "E"};
  absl::StatusOr<std::optional<ComplianceRun>> run = Run();
  ASSERT_TRUE(run.ok()) << run.status();
  ASSERT_TRUE(run->has_value());
  EXPECT_EQ((*run)->keys_evaluated, 5);
  EXPECT_EQ((*run)->findings, 2);
  EXPECT_EQ((*run)->evaluate_time, At(1764806400));
  EXPECT_THAT(policy_.batch_sizes, ElementsAre(2, 2, 1));
  EXPECT_THAT(repository_.reads, ElementsAre("", "B", "D"));
  EXPECT_THAT(policy_.nows, ElementsAre("2025-12-04T00:00:00.000000Z",
                                        "2025-12-04T00:00:00.000000Z",
                                        "2025-12-04T00:00:00.000000Z"));
  // The finding about a key outside its batch is not stored.
  EXPECT_THAT(StoredIds(), ElementsAre("B", "E"));
  EXPECT_TRUE(repository_.lease_holder.empty());
}

TEST_F(ComplianceEvaluatorTest, AFullLastBatchIsFollowedByAnEmptyRead) {
  repository_.keys.erase("E");
  ASSERT_TRUE(Run().ok());
  EXPECT_THAT(policy_.batch_sizes, ElementsAre(2, 2));
  EXPECT_THAT(repository_.reads, ElementsAre("", "B", "D"));
}

TEST_F(ComplianceEvaluatorTest, NoKeysStoresNoFindings) {
  repository_.keys.clear();
  repository_.stored = {Found("OLD", "stale_key", "LOW", "old")};
  absl::StatusOr<std::optional<ComplianceRun>> run = Run();
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->keys_evaluated, 0);
  EXPECT_TRUE(repository_.stored.empty());
  EXPECT_TRUE(policy_.batch_sizes.empty());
}

TEST_F(ComplianceEvaluatorTest,
       AFailedBatchKeepsTheOldFindingsAndFreesTheLease) {
  repository_.stored = {Found("OLD", "stale_key", "LOW", "old")};
  policy_.stale = {"A"};
  policy_.fail_batch = 1;
  absl::StatusOr<std::optional<ComplianceRun>> run = Run();
  EXPECT_EQ(run.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(StoredIds(), ElementsAre("OLD"));
  EXPECT_FALSE(repository_.last_run.has_value());
  EXPECT_TRUE(repository_.lease_holder.empty());
}

TEST_F(ComplianceEvaluatorTest, AnotherHoldersLeaseMeansNoEvaluation) {
  repository_.lease_holder = "another replica";
  absl::StatusOr<std::optional<ComplianceRun>> run =
      Run(std::chrono::minutes(10));
  ASSERT_TRUE(run.ok());
  EXPECT_FALSE(run->has_value());
  EXPECT_TRUE(policy_.batch_sizes.empty());
  EXPECT_EQ(repository_.last_min_interval, std::chrono::minutes(10));
  EXPECT_EQ(repository_.lease_holder, "another replica");
}

TEST_F(ComplianceEvaluatorTest, OneFindingPerKeyAndRule) {
  policy_.stale = {"C"};
  policy_.twice = true;
  ASSERT_TRUE(Run().ok());
  ASSERT_EQ(repository_.stored.size(), 1u);
  EXPECT_EQ(repository_.stored[0].message, "stale key");
}

TEST_F(ComplianceEvaluatorTest, ABadRuleNameFailsTheEvaluationNamingIt) {
  repository_.stored = {Found("OLD", "stale_key", "LOW", "old")};
  policy_.stale = {"A"};
  policy_.rule = "Stale Key";
  absl::StatusOr<std::optional<ComplianceRun>> run = Run();
  EXPECT_EQ(run.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(run.status().message(), HasSubstr("\"Stale Key\""));
  EXPECT_THAT(StoredIds(), ElementsAre("OLD"));
}

TEST_F(ComplianceEvaluatorTest, ABadSeverityFailsTheEvaluation) {
  policy_.extra.severity = "critical!";
  absl::StatusOr<std::optional<ComplianceRun>> run = Run();
  EXPECT_EQ(run.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(run.status().message(), HasSubstr("severity"));
}

TEST_F(ComplianceEvaluatorTest, AStoppedEvaluationStoresNothing) {
  stop_ = true;
  absl::StatusOr<std::optional<ComplianceRun>> run = Run();
  EXPECT_EQ(run.status().code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(policy_.batch_sizes.empty());
  EXPECT_FALSE(repository_.last_run.has_value());
  EXPECT_TRUE(repository_.lease_holder.empty());
}

TEST_F(ComplianceEvaluatorTest, BatchesJudgedSideBySideGiveTheSameFindings) {
  for (const char* id : {"F", "G", "H", "I"}) repository_.AddKey(id);
  policy_.stale = {"A", "D", "I"};
  ComplianceEvaluator parallel(repository_, policy_, clock_,
                               ComplianceEvaluatorOptions{2, 3});
  absl::StatusOr<std::optional<ComplianceRun>> run =
      parallel.Run(std::nullopt, stop_);
  ASSERT_TRUE(run.ok() && run->has_value()) << run.status();
  EXPECT_EQ((*run)->keys_evaluated, 9);
  EXPECT_THAT(policy_.batch_sizes, UnorderedElementsAre(2, 2, 2, 2, 1));
  EXPECT_THAT(StoredIds(), UnorderedElementsAre("A", "D", "I"));
}

TEST_F(ComplianceEvaluatorTest, AFailureAmongParallelBatchesStoresNothing) {
  policy_.stale = {"A"};
  policy_.fail_batch = 0;
  ComplianceEvaluator parallel(repository_, policy_, clock_,
                               ComplianceEvaluatorOptions{1, 3});
  EXPECT_EQ(parallel.Run(std::nullopt, stop_).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_TRUE(repository_.stored.empty());
  EXPECT_TRUE(repository_.lease_holder.empty());
}

TEST(KeyFactsInputTest, NamesEveryFactTheRulesRead) {
  KeyFacts key;
  key.id = "ABCDEFGHIJKLMNOP";
  key.owner_id = "u-bbbbbbbb";
  key.owner_type = AccountType::kUser;
  key.resource_id = "lkc-aaaaaaaa";
  key.environment_id = "env-aaaaaaaa";
  key.stage = "prod";
  key.state = ApiKeyState::kDisabled;
  key.create_time = At(1764806400);
  key.last_used_time = At(1764806401);
  key.owner_role_bindings = {{"EnvironmentAdmin", "env-aaaaaaaa"}};
  EXPECT_EQ(ToPolicyInput(key), nlohmann::json::parse(R"({
              "id": "ABCDEFGHIJKLMNOP", "owner_id": "u-bbbbbbbb",
              "owner_type": "USER", "resource_id": "lkc-aaaaaaaa",
              "environment_id": "env-aaaaaaaa", "stage": "prod",
              "state": "DISABLED",
              "create_time": "2025-12-04T00:00:00.000000Z",
              "expire_time": null,
              "last_used_time": "2025-12-04T00:00:01.000000Z",
              "owner_role_bindings": [
                {"role": "EnvironmentAdmin", "scope": "env-aaaaaaaa"}]})"));
}

}  // namespace
}  // namespace keyward::domain
