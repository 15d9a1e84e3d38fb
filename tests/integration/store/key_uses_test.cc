// The key-use flush (BatchingKeyUseRecorder over PgApiKeyRepository) and the
// key list's filters against a real PostgreSQL: counts add up across
// replicas and restarts, a failed batch is retried without counting twice,
// a key deleted meanwhile does not lose the batch, and the state filter
// agrees with the state reads report.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "services/domain/clock.h"
#include "services/domain/key_use_recorder.h"
#include "services/store/api_key_repository.h"
#include "services/store/database.h"
#include "services/store/sql_time.h"
#include "tests/integration/store/migrated_database_test.h"
#include "tests/support/rows.h"

namespace keyward::store {
namespace {

using domain::ApiKeyFilter;
using domain::ApiKeyState;
using domain::BatchingKeyUseRecorder;
using domain::KeyUsageDay;
using domain::UtcDay;
using domain::VerifyReason;

class KeyUsesTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MigratedDatabaseTest::SetUp());
    database_ = std::make_unique<Database>(db_.url(), 2);
    repository_ = std::make_unique<PgApiKeyRepository>(*database_);
    rows_ = std::make_unique<keyward::testing::Rows>(db_);
    owner_ = rows_->ServiceAccount();
  }

  std::string Key() { return rows_->ApiKey(owner_, ""); }

  // A recorder that writes only when flushed.
  std::unique_ptr<BatchingKeyUseRecorder> Recorder() {
    return std::make_unique<BatchingKeyUseRecorder>(*repository_,
                                                    std::chrono::hours(1));
  }

  std::vector<KeyUsageDay> Usage(const std::string& id) {
    auto usage = repository_->Usage(id, today_ - 400, today_ + 1);
    EXPECT_TRUE(usage.ok()) << usage.status();
    return usage.value_or(std::vector<KeyUsageDay>{});
  }
  int64_t ValidToday(const std::string& id) {
    for (const KeyUsageDay& day : Usage(id)) {
      if (day.day == today_) return day.counts.valid;
    }
    return 0;
  }

  std::set<std::string> Listed(const ApiKeyFilter& filter) {
    auto page = repository_->List(filter, domain::PageRequest{100, {}},
                                  domain::ReadScope::Everything());
    EXPECT_TRUE(page.ok()) << page.status();
    std::set<std::string> ids;
    if (page.ok()) {
      for (const auto& key : page->items) ids.insert(key.id);
    }
    return ids;
  }

  std::unique_ptr<Database> database_;
  std::unique_ptr<PgApiKeyRepository> repository_;
  std::unique_ptr<keyward::testing::Rows> rows_;
  std::string owner_;
  const domain::Time now_ = domain::SystemClock().Now();
  const UtcDay today_ = domain::UtcDayOf(now_);
};

TEST_F(KeyUsesTest, EveryOutcomeIsWrittenPerDayWithTheLastValidUse) {
  const std::string key = Key();
  auto recorder = Recorder();
  const domain::Time yesterday = now_ - std::chrono::hours(24);
  recorder->Record(key, VerifyReason::kValid, yesterday);
  recorder->Record(key, VerifyReason::kValid, now_);
  recorder->Record(key, VerifyReason::kInvalidCredentials, now_);
  recorder->Record(key, VerifyReason::kExpired, now_);
  recorder->Record(key, VerifyReason::kWrongResource, now_);
  recorder->Record(key, VerifyReason::kWrongResource, now_);
  recorder->Record(key, VerifyReason::kDisabled, now_);
  // A later failure does not move last_used_time.
  recorder->Record(key, VerifyReason::kExpired, now_ + std::chrono::seconds(5));
  ASSERT_TRUE(recorder->Flush().ok());

  const std::vector<KeyUsageDay> usage = Usage(key);
  ASSERT_EQ(usage.size(), 2u);
  EXPECT_EQ(usage[0].day, today_ - 1);
  EXPECT_EQ(usage[0].counts.valid, 1);
  EXPECT_EQ(usage[1].day, today_);
  EXPECT_EQ(usage[1].counts.valid, 1);
  EXPECT_EQ(usage[1].counts.invalid_credentials, 1);
  EXPECT_EQ(usage[1].counts.expired, 2);
  EXPECT_EQ(usage[1].counts.wrong_resource, 2);
  EXPECT_EQ(usage[1].counts.disabled, 1);
  EXPECT_EQ(db_.QueryValue("SELECT " KEYWARD_SQL_MICROS(
                               "last_used_time") " FROM api_keys WHERE id = '" +
                           key + "'"),
            std::to_string(ToMicros(now_)));
}

TEST_F(KeyUsesTest, TwoReplicasAddUpAndCountsSurviveARestart) {
  const std::string key = Key();
  auto first = Recorder();
  auto second = Recorder();
  for (int i = 0; i < 7; ++i) first->Record(key, VerifyReason::kValid, now_);
  for (int i = 0; i < 5; ++i) second->Record(key, VerifyReason::kValid, now_);
  ASSERT_TRUE(first->Flush().ok());
  ASSERT_TRUE(second->Flush().ok());
  EXPECT_EQ(ValidToday(key), 12);

  // A restart: the old recorder flushes on Stop, a new one adds to the rows.
  first->Record(key, VerifyReason::kValid, now_);
  first->Stop();
  first.reset();
  auto restarted = Recorder();
  restarted->Record(key, VerifyReason::kValid, now_);
  ASSERT_TRUE(restarted->Flush().ok());
  EXPECT_EQ(ValidToday(key), 14);
  EXPECT_EQ(db_.Count("api_key_usage", "api_key_id = '" + key + "'"), 1);
}

TEST_F(KeyUsesTest, AKeyDeletedWhileItsUsesArePendingDoesNotLoseTheBatch) {
  const std::string kept = Key();
  const std::string deleted = Key();
  auto recorder = Recorder();
  recorder->Record(kept, VerifyReason::kValid, now_);
  recorder->Record(deleted, VerifyReason::kValid, now_);
  recorder->Record(deleted, VerifyReason::kWrongResource, now_);
  db_.Query("DELETE FROM api_keys WHERE id = '" + deleted + "'");

  const absl::Status flushed = recorder->Flush();
  ASSERT_TRUE(flushed.ok()) << flushed;
  EXPECT_EQ(recorder->pending(), 0u);
  EXPECT_EQ(ValidToday(kept), 1);
  EXPECT_EQ(db_.Count("api_keys",
                      "id = '" + kept + "' AND last_used_time IS NOT NULL"),
            1);
  EXPECT_EQ(db_.Count("api_key_usage", "api_key_id = '" + deleted + "'"), 0);
}

TEST_F(KeyUsesTest, AFailedBatchWritesNothingAndIsRetriedWithoutCountingTwice) {
  const std::string key = Key();
  // The counts' insert fails after last_used_time was updated in the same
  // transaction, while the table `fail_usage` holds a row.
  db_.Query(
      "CREATE TABLE fail_usage (x int); INSERT INTO fail_usage VALUES (1); "
      "CREATE FUNCTION fail_usage() RETURNS trigger LANGUAGE plpgsql AS $$ "
      "BEGIN IF EXISTS (SELECT FROM fail_usage) THEN RAISE EXCEPTION "
      "'usage write refused'; END IF; RETURN NEW; END $$; "
      "CREATE TRIGGER fail_usage BEFORE INSERT ON api_key_usage FOR EACH ROW "
      "EXECUTE FUNCTION fail_usage()");
  auto recorder = Recorder();
  for (int i = 0; i < 3; ++i) recorder->Record(key, VerifyReason::kValid, now_);
  EXPECT_FALSE(recorder->Flush().ok());
  EXPECT_FALSE(recorder->Flush().ok());
  EXPECT_EQ(db_.Count("api_keys",
                      "id = '" + key + "' AND last_used_time IS NOT NULL"),
            0)
      << "half a batch was written";
  EXPECT_EQ(recorder->pending(), 1u);

  recorder->Record(key, VerifyReason::kValid, now_);
  db_.Query("DELETE FROM fail_usage");
  ASSERT_TRUE(recorder->Flush().ok());
  ASSERT_TRUE(recorder->Flush().ok());
  EXPECT_EQ(ValidToday(key), 4);
  EXPECT_EQ(db_.Count("api_keys",
                      "id = '" + key + "' AND last_used_time IS NOT NULL"),
            1);
}

TEST_F(KeyUsesTest, TheStateFilterAgreesWithTheStateKeysAreReadWith) {
  const std::string active = Key();
  const std::string disabled = Key();
  const std::string expired = Key();
  const std::string expired_and_disabled = Key();
  const std::string expiring = Key();
  db_.Query(
      "UPDATE api_keys SET disable_time = now(), disabled_by = "
      "'u-admin001' WHERE id IN ('" +
      disabled + "', '" + expired_and_disabled + "')");
  db_.Query(
      "UPDATE api_keys SET create_time = now() - interval '2 days', "
      "expire_time = now() - interval '1 day' WHERE id IN ('" +
      expired + "', '" + expired_and_disabled + "')");
  db_.Query(
      "UPDATE api_keys SET expire_time = now() + interval '1 day' WHERE id = "
      "'" +
      expiring + "'");

  ApiKeyFilter filter;
  filter.state = ApiKeyState::kActive;
  EXPECT_EQ(Listed(filter), (std::set<std::string>{active, expiring}));
  filter.state = ApiKeyState::kDisabled;
  EXPECT_EQ(Listed(filter), (std::set<std::string>{disabled}));
  filter.state = ApiKeyState::kExpired;
  EXPECT_EQ(Listed(filter),
            (std::set<std::string>{expired, expired_and_disabled}));
  for (const std::string& id : Listed(filter)) {
    auto key = repository_->Get(id, domain::ReadScope::Everything());
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(key->state, ApiKeyState::kExpired);
  }
  filter.state.reset();
  EXPECT_EQ(Listed(filter).size(), 5u);

  // expire_before includes expired keys, leaves out keys that never expire.
  filter.expire_before = now_ + std::chrono::hours(48);
  EXPECT_EQ(Listed(filter),
            (std::set<std::string>{expired, expired_and_disabled, expiring}));
  filter.expire_before = now_;
  EXPECT_EQ(Listed(filter),
            (std::set<std::string>{expired, expired_and_disabled}));
}

TEST_F(KeyUsesTest, UnusedSinceIncludesKeysNeverUsed) {
  const std::string never = Key();
  const std::string long_ago =
      rows_->ApiKey(owner_, "", "now() - interval '100 days'");
  const std::string recently =
      rows_->ApiKey(owner_, "", "now() - interval '1 day'");
  ApiKeyFilter filter;
  filter.unused_since = now_ - std::chrono::hours(24 * 90);
  EXPECT_EQ(Listed(filter), (std::set<std::string>{never, long_ago}));
  filter.unused_since = now_;
  EXPECT_EQ(Listed(filter), (std::set<std::string>{never, long_ago, recently}));
}

}  // namespace
}  // namespace keyward::store
