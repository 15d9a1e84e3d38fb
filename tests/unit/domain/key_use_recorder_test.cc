#include "services/domain/key_use_recorder.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "tests/unit/domain/fake_api_key_repository.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;
using testing::FixedClock;

constexpr char kA[] = "AAAAAAAAAAAAAAAA";
constexpr char kB[] = "BBBBBBBBBBBBBBBB";
// 2023-11-14T00:00:00Z, a UTC midnight.
constexpr int64_t kMidnight = 1'699'920'000;
constexpr UtcDay kDay = kMidnight / 86400;

UsageCounts Valid(int64_t n) {
  UsageCounts counts;
  counts.valid = n;
  return counts;
}

TEST(UtcDayTest, DaysStartAtUtcMidnightAndAreFormattedAsDates) {
  EXPECT_EQ(UtcDayOf(At(kMidnight)), kDay);
  EXPECT_EQ(UtcDayOf(At(kMidnight) - std::chrono::microseconds(1)), kDay - 1);
  EXPECT_EQ(UtcDayOf(At(kMidnight + 86399)), kDay);
  EXPECT_EQ(FormatUtcDay(kDay), "2023-11-14");
  EXPECT_EQ(FormatUtcDay(0), "1970-01-01");
  EXPECT_EQ(FormatUtcDay(UtcDayOf(At(951'782'400))), "2000-02-29");
}

TEST(BatchingKeyUseRecorderTest, FlushWritesLastUsesAndCountsInOneBatch) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::hours(1));
  const Time t = At(kMidnight + 100);
  recorder.Record(kA, VerifyReason::kValid, t);
  recorder.Record(kA, VerifyReason::kValid, t + std::chrono::seconds(20));
  recorder.Record(kA, VerifyReason::kValid, t + std::chrono::seconds(10));
  recorder.Record(kA, VerifyReason::kInvalidCredentials, t);
  recorder.Record(kB, VerifyReason::kExpired, t);
  recorder.Record(kB, VerifyReason::kWrongResource, t);
  recorder.Record(kB, VerifyReason::kDisabled, t);
  recorder.Record(kB, VerifyReason::kDisabled, t);
  EXPECT_EQ(recorder.pending(), 2u);

  ASSERT_TRUE(recorder.Flush().ok());
  const auto batches = repository.batches();
  ASSERT_EQ(batches.size(), 1u);
  const auto& keys = batches[0].keys;
  ASSERT_EQ(keys.size(), 2u);
  // Only VALID moves last_used_time, to the newest use.
  EXPECT_EQ(keys.at(kA).last_used, t + std::chrono::seconds(20));
  EXPECT_FALSE(keys.at(kB).last_used.has_value());
  UsageCounts a = Valid(3);
  a.invalid_credentials = 1;
  UsageCounts b;
  b.expired = 1;
  b.wrong_resource = 1;
  b.disabled = 2;
  EXPECT_EQ(keys.at(kA).days, (std::vector<KeyUsageDay>{{kDay, a}}));
  EXPECT_EQ(keys.at(kB).days, (std::vector<KeyUsageDay>{{kDay, b}}));
  EXPECT_EQ(recorder.pending(), 0u);
}

TEST(BatchingKeyUseRecorderTest, UsesAreCountedOnTheUtcDayOfTheVerification) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::hours(1));
  FixedClock clock(At(kMidnight) - std::chrono::microseconds(1));
  recorder.Record(kA, VerifyReason::kValid, clock.Now());
  clock.Advance(std::chrono::microseconds(1));
  recorder.Record(kA, VerifyReason::kValid, clock.Now());
  recorder.Record(kA, VerifyReason::kValid, clock.Now());
  ASSERT_TRUE(recorder.Flush().ok());
  EXPECT_EQ(repository.written_counts(),
            (std::map<std::pair<std::string, UtcDay>, UsageCounts>{
                {{kA, kDay - 1}, Valid(1)}, {{kA, kDay}, Valid(2)}}));
  EXPECT_EQ(repository.written_last_used().at(kA), At(kMidnight));
}

TEST(BatchingKeyUseRecorderTest, FlushWithNothingRecordedWritesNothing) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::hours(1));
  ASSERT_TRUE(recorder.Flush().ok());
  EXPECT_TRUE(repository.batches().empty());
}

TEST(BatchingKeyUseRecorderTest, AFailedBatchIsKeptAndRetriedNotLostOrDoubled) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::hours(1));
  recorder.Record(kA, VerifyReason::kValid, At(kMidnight + 10));
  recorder.Record(kA, VerifyReason::kValid, At(kMidnight + 9));
  recorder.Record(kA, VerifyReason::kValid,
                  At(kMidnight - 1));  // the day before
  repository.set_record_status(absl::UnavailableError("database down"));
  EXPECT_EQ(recorder.Flush().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(recorder.Flush().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(recorder.pending(), 1u);

  recorder.Record(kA, VerifyReason::kValid,
                  At(kMidnight + 5));  // older last use
  recorder.Record(kB, VerifyReason::kExpired, At(kMidnight + 7));
  repository.set_record_status(absl::OkStatus());
  ASSERT_TRUE(recorder.Flush().ok());
  ASSERT_TRUE(recorder.Flush().ok());  // nothing left: writes nothing
  EXPECT_EQ(repository.batches().size(), 1u);
  EXPECT_EQ(repository.written_last_used(),
            (std::map<std::string, Time>{{kA, At(kMidnight + 10)}}));
  UsageCounts expired;
  expired.expired = 1;
  EXPECT_EQ(repository.written_counts(),
            (std::map<std::pair<std::string, UtcDay>, UsageCounts>{
                {{kA, kDay - 1}, Valid(1)},
                {{kA, kDay}, Valid(3)},
                {{kB, kDay}, expired}}));
}

TEST(BatchingKeyUseRecorderTest, TheBackgroundThreadFlushesEveryInterval) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::milliseconds(10));
  recorder.Start();
  recorder.Record(kA, VerifyReason::kValid, At(10));
  ASSERT_TRUE(repository.WaitForBatches(1, std::chrono::seconds(10)));
  recorder.Record(kA, VerifyReason::kValid, At(20));
  ASSERT_TRUE(repository.WaitForBatches(2, std::chrono::seconds(10)));
  recorder.Stop();
  EXPECT_EQ(repository.written_last_used().at(kA), At(20));
  EXPECT_EQ(repository.written_counts().at({kA, 0}), Valid(2));
}

TEST(BatchingKeyUseRecorderTest, StopFlushesWhatIsLeft) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::hours(1));
  recorder.Start();
  recorder.Record(kA, VerifyReason::kValid, At(10));
  recorder.Record(kB, VerifyReason::kWrongResource, At(10));
  recorder.Stop();
  EXPECT_EQ(repository.written_last_used().at(kA), At(10));
  EXPECT_EQ(repository.written_counts().size(), 2u);
  recorder.Stop();  // idempotent
  EXPECT_EQ(repository.batches().size(), 1u);
}

TEST(BatchingKeyUseRecorderTest, ConcurrentRecordsAreAllWrittenAndCounted) {
  FakeApiKeyRepository repository;
  BatchingKeyUseRecorder recorder(repository, std::chrono::milliseconds(1));
  recorder.Start();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&recorder, t] {
      for (int i = 0; i < 1000; ++i) {
        recorder.Record(std::string(16, static_cast<char>('A' + t)),
                        VerifyReason::kValid, At(i + 1));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(recorder.Flush().ok());
  const auto written = repository.written_last_used();
  ASSERT_EQ(written.size(), 8u);
  for (const auto& [id, when] : written) EXPECT_EQ(when, At(1000)) << id;
  for (const auto& [key_day, counts] : repository.written_counts()) {
    EXPECT_EQ(counts, Valid(1000)) << key_day.first;
  }
  recorder.Stop();
}

}  // namespace
}  // namespace keyward::domain
