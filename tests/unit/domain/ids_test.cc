// Ids: each kind's shape, that new ids parse back to their kind, and that
// nothing else does.
#include "services/domain/ids.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace keyward::domain {
namespace {

using ::testing::MatchesRegex;

constexpr IdKind kAllKinds[] = {
    IdKind::kEnvironment,  IdKind::kUser,           IdKind::kServiceAccount,
    IdKind::kKafkaCluster, IdKind::kSchemaRegistry, IdKind::kKsqldbApp,
    IdKind::kFlinkRegion,  IdKind::kRoleBinding,    IdKind::kApiKey,
    IdKind::kWebhook,
};

TEST(IdsTest, NewIdsHaveTheDocumentedShapes) {
  EXPECT_THAT(NewId(IdKind::kEnvironment), MatchesRegex("env-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kUser), MatchesRegex("u-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kServiceAccount), MatchesRegex("sa-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kKafkaCluster), MatchesRegex("lkc-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kSchemaRegistry), MatchesRegex("lsrc-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kKsqldbApp), MatchesRegex("lksqlc-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kFlinkRegion), MatchesRegex("lfr-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kRoleBinding), MatchesRegex("rb-[a-z0-9]{8}"));
  EXPECT_THAT(NewId(IdKind::kApiKey), MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_THAT(NewId(IdKind::kWebhook), MatchesRegex("wh-[a-z0-9]{8}"));
}

TEST(IdsTest, ANewIdIsOfItsKindAndFresh) {
  for (IdKind kind : kAllKinds) {
    std::set<std::string> ids;
    for (int i = 0; i < 100; ++i) {
      const std::string id = NewId(kind);
      EXPECT_EQ(KindOfId(id), kind) << id;
      ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 100u);
  }
}

TEST(IdsTest, MalformedIdsHaveNoKind) {
  for (const char* id :
       {"", "env-", "env-abc1234", "env-abc123456", "env-ABC12345",
        "env_abc12345", "xyz-abc12345", "sa-abc1234!", "ABCDEFGHIJKLMNO",
        "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnop", "ABCDEFGHIJKLMNO-"}) {
    EXPECT_EQ(KindOfId(id), std::nullopt) << id;
  }
}

TEST(IdsTest, ResourceIdsMapToTheirResourceKind) {
  EXPECT_EQ(ResourceKindOfId("lkc-abc12345"), ResourceKind::kKafkaCluster);
  EXPECT_EQ(ResourceKindOfId("lsrc-abc12345"), ResourceKind::kSchemaRegistry);
  EXPECT_EQ(ResourceKindOfId("lksqlc-abc12345"), ResourceKind::kKsqldbApp);
  EXPECT_EQ(ResourceKindOfId("lfr-abc12345"), ResourceKind::kFlinkRegion);
  // "cloud" is a resource of the API but no id: callers handle it apart.
  EXPECT_EQ(ResourceKindOfId("cloud"), std::nullopt);
  EXPECT_EQ(ResourceKindOfId("env-abc12345"), std::nullopt);
  EXPECT_EQ(ResourceKindOfId("ABCDEFGHIJKLMNOP"), std::nullopt);
}

TEST(IdsTest, EachResourceKindWithIdsRoundTrips) {
  for (ResourceKind kind :
       {ResourceKind::kKafkaCluster, ResourceKind::kSchemaRegistry,
        ResourceKind::kKsqldbApp, ResourceKind::kFlinkRegion}) {
    EXPECT_EQ(ResourceKindOfId(NewId(IdKindOfResource(kind))), kind);
  }
}

TEST(IdsTest, AccountIdsMapToTheirAccountType) {
  EXPECT_EQ(AccountTypeOfId("u-abc12345"), AccountType::kUser);
  EXPECT_EQ(AccountTypeOfId("sa-abc12345"), AccountType::kServiceAccount);
  EXPECT_EQ(AccountTypeOfId("lkc-abc12345"), std::nullopt);
  EXPECT_EQ(AccountTypeOfId("u-"), std::nullopt);
}

}  // namespace
}  // namespace keyward::domain
