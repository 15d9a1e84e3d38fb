#include "services/store/revocation_payloads.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyward::store {
namespace {

std::vector<std::string> KeyIds(int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    std::string id = std::to_string(1000000000000000 + i);  // 16 characters
    ids.push_back(id);
  }
  return ids;
}

std::vector<std::string> Unpacked(const std::vector<std::string>& payloads) {
  std::vector<std::string> ids;
  for (const std::string& payload : payloads) {
    for (std::string& id : RevokedIdsOf(payload)) ids.push_back(std::move(id));
  }
  return ids;
}

TEST(RevocationPayloadsTest, AFewIdsTravelInOnePayload) {
  const std::vector<std::string> payloads =
      RevocationPayloads({"AAAAAAAAAAAAAAAA", "sa-owner123"});
  EXPECT_EQ(payloads, std::vector<std::string>{"AAAAAAAAAAAAAAAA,sa-owner123"});
}

TEST(RevocationPayloadsTest, NothingRevokedPublishesNothing) {
  EXPECT_TRUE(RevocationPayloads({}).empty());
}

TEST(RevocationPayloadsTest, ManyIdsAreSplitBelowTheNotifyLimit) {
  const std::vector<std::string> ids = KeyIds(5000);  // 85,000 bytes of ids
  const std::vector<std::string> payloads = RevocationPayloads(ids);
  EXPECT_GT(payloads.size(), 1u);
  for (const std::string& payload : payloads) {
    EXPECT_LE(payload.size(), kMaxRevocationPayload);
    EXPECT_LT(payload.size(), 8000u);  // PostgreSQL's limit
    EXPECT_NE(payload, kRevokeEverything);
  }
  EXPECT_EQ(Unpacked(payloads), ids);  // every id, once, whole, in order
}

TEST(RevocationPayloadsTest, PayloadsAreFilledUpToTheLimit) {
  // 17 bytes per id with its comma: 4 ids fill a 67-byte payload exactly.
  const std::vector<std::string> payloads = RevocationPayloads(KeyIds(9), 67);
  ASSERT_EQ(payloads.size(), 3u);
  EXPECT_EQ(payloads[0].size(), 67u);
  EXPECT_EQ(payloads[1].size(), 67u);
  EXPECT_EQ(payloads[2].size(), 16u);
}

TEST(RevocationPayloadsTest, ThePublicationTimeIsReadAndIsNoId) {
  const std::string payload = "AAAAAAAAAAAAAAAA,sa-owner123,@1700000000123456";
  EXPECT_THAT(RevokedIdsOf(payload),
              ::testing::ElementsAre("AAAAAAAAAAAAAAAA", "sa-owner123"));
  EXPECT_EQ(PublishedMicrosOf(payload), 1700000000123456);
  EXPECT_EQ(PublishedMicrosOf("@42"), 42);
}

TEST(RevocationPayloadsTest, APayloadWithoutAValidTimeHasNone) {
  EXPECT_EQ(PublishedMicrosOf("AAAAAAAAAAAAAAAA,sa-owner123"), std::nullopt);
  EXPECT_EQ(PublishedMicrosOf("AAAAAAAAAAAAAAAA,@soon"), std::nullopt);
  EXPECT_EQ(PublishedMicrosOf("AAAA@AAAAAAAAAAA"), std::nullopt);
  EXPECT_EQ(PublishedMicrosOf(""), std::nullopt);
}

}  // namespace
}  // namespace keyward::store
