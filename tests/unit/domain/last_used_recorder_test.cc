#include "services/domain/last_used_recorder.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "tests/unit/domain/fake_api_key_repository.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;

TEST(BatchingLastUsedRecorderTest, FlushWritesTheNewestUsePerKeyInOneBatch) {
  FakeApiKeyRepository repository;
  BatchingLastUsedRecorder recorder(repository, std::chrono::hours(1));
  recorder.Record("AAAAAAAAAAAAAAAA", At(10));
  recorder.Record("AAAAAAAAAAAAAAAA", At(30));
  recorder.Record("AAAAAAAAAAAAAAAA", At(20));  // older: ignored
  recorder.Record("BBBBBBBBBBBBBBBB", At(5));
  EXPECT_EQ(recorder.pending(), 2u);

  ASSERT_TRUE(recorder.Flush().ok());
  const auto batches = repository.batches();
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0],
            (std::map<std::string, Time>{{"AAAAAAAAAAAAAAAA", At(30)},
                                         {"BBBBBBBBBBBBBBBB", At(5)}}));
  EXPECT_EQ(recorder.pending(), 0u);
}

TEST(BatchingLastUsedRecorderTest, FlushWithNothingRecordedWritesNothing) {
  FakeApiKeyRepository repository;
  BatchingLastUsedRecorder recorder(repository, std::chrono::hours(1));
  ASSERT_TRUE(recorder.Flush().ok());
  EXPECT_TRUE(repository.batches().empty());
}

TEST(BatchingLastUsedRecorderTest, AFailedBatchIsKeptAndRetried) {
  FakeApiKeyRepository repository;
  BatchingLastUsedRecorder recorder(repository, std::chrono::hours(1));
  recorder.Record("AAAAAAAAAAAAAAAA", At(10));
  repository.set_record_status(absl::UnavailableError("database down"));
  EXPECT_EQ(recorder.Flush().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(recorder.pending(), 1u);

  recorder.Record("AAAAAAAAAAAAAAAA", At(5));  // older than the kept one
  recorder.Record("BBBBBBBBBBBBBBBB", At(7));
  repository.set_record_status(absl::OkStatus());
  ASSERT_TRUE(recorder.Flush().ok());
  EXPECT_EQ(repository.written_last_used(),
            (std::map<std::string, Time>{{"AAAAAAAAAAAAAAAA", At(10)},
                                         {"BBBBBBBBBBBBBBBB", At(7)}}));
}

TEST(BatchingLastUsedRecorderTest, TheBackgroundThreadFlushesEveryInterval) {
  FakeApiKeyRepository repository;
  BatchingLastUsedRecorder recorder(repository, std::chrono::milliseconds(10));
  recorder.Start();
  recorder.Record("AAAAAAAAAAAAAAAA", At(10));
  ASSERT_TRUE(repository.WaitForBatches(1, std::chrono::seconds(10)));
  recorder.Record("AAAAAAAAAAAAAAAA", At(20));
  ASSERT_TRUE(repository.WaitForBatches(2, std::chrono::seconds(10)));
  recorder.Stop();
  EXPECT_EQ(repository.written_last_used().at("AAAAAAAAAAAAAAAA"), At(20));
}

TEST(BatchingLastUsedRecorderTest, StopFlushesWhatIsLeft) {
  FakeApiKeyRepository repository;
  BatchingLastUsedRecorder recorder(repository, std::chrono::hours(1));
  recorder.Start();
  recorder.Record("AAAAAAAAAAAAAAAA", At(10));
  recorder.Stop();
  EXPECT_EQ(repository.written_last_used().at("AAAAAAAAAAAAAAAA"), At(10));
  recorder.Stop();  // idempotent
  EXPECT_EQ(repository.batches().size(), 1u);
}

TEST(BatchingLastUsedRecorderTest, ConcurrentRecordsAreAllWritten) {
  FakeApiKeyRepository repository;
  BatchingLastUsedRecorder recorder(repository, std::chrono::milliseconds(1));
  recorder.Start();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&recorder, t] {
      for (int i = 0; i < 1000; ++i) {
        recorder.Record(std::string(16, static_cast<char>('A' + t)), At(i + 1));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(recorder.Flush().ok());
  const auto written = repository.written_last_used();
  ASSERT_EQ(written.size(), 8u);
  for (const auto& [id, when] : written) EXPECT_EQ(when, At(1000)) << id;
  recorder.Stop();
}

}  // namespace
}  // namespace keyward::domain
