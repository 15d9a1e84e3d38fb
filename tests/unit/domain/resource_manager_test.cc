// ResourceManager without a database: each field checked in turn before
// anything else, ids of the resource's kind, the environment's facts in the
// policy input, an unknown environment writing nothing, the keys-in-use
// check of a delete, and list filters in the page-token scope.
#include "services/domain/resource_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/domain/manager_test_support.h"

namespace keyward::domain {
namespace {

using testing::FakeResources;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

NewResource Cluster(const std::string& environment_id = "env-abcdefgh") {
  return NewResource{environment_id, ResourceKind::kKafkaCluster, "orders",
                     "aws", "us-east-1"};
}

class ResourceManagerTest : public testing::CascadingManagerTest {
 protected:
  ResourceManagerTest()
      : manager_(repository_, keys_in_use_, policy_.gate, policy_.facts,
                 page_tokens_) {}

  FakeResources repository_;
  ResourceManager manager_;
};

TEST_F(ResourceManagerTest, CreateGivesAnIdOfTheKindAndAsksWithTheEnvironment) {
  const auto cluster = manager_.Create(caller_, Cluster(), false);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  EXPECT_THAT(cluster->id, MatchesRegex("lkc-[a-z0-9]{8}"));
  EXPECT_EQ(cluster->environment_id, "env-abcdefgh");
  EXPECT_EQ(repository_.stored.count(cluster->id), 1u);

  const nlohmann::json& input = policy_.client.inputs.back();
  EXPECT_EQ(input["action"], "resource.create");
  EXPECT_EQ(input["request"]["kind"], "KAFKA_CLUSTER");
  EXPECT_EQ(input["request"]["region"], "us-east-1");
  EXPECT_EQ(input["target"]["environment"]["id"], "env-abcdefgh");

  NewResource registry = Cluster();
  registry.kind = ResourceKind::kSchemaRegistry;
  const auto created = manager_.Create(caller_, registry, false);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_THAT(created->id, MatchesRegex("lsrc-[a-z0-9]{8}"));
}

TEST_F(ResourceManagerTest, ValidateOnlyReturnsNoIdAndStoresNothing) {
  const auto cluster = manager_.Create(caller_, Cluster(), true);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  EXPECT_EQ(cluster->id, "");
  EXPECT_EQ(cluster->display_name, "orders");
  EXPECT_THAT(repository_.stored, IsEmpty());
}

TEST_F(ResourceManagerTest, EachBadFieldIsNamedAndNothingIsAsked) {
  struct Case {
    NewResource request;
    std::string problem;
  };
  NewResource no_kind = Cluster();
  no_kind.kind.reset();
  NewResource cloud = Cluster();
  cloud.kind = ResourceKind::kCloud;
  NewResource no_name = Cluster();
  no_name.display_name = "";
  NewResource bad_cloud = Cluster();
  bad_cloud.cloud = "AWS";
  NewResource bad_region = Cluster();
  bad_region.region = "us east";
  for (const Case& c :
       {Case{Cluster("lkc-abcdefgh"), "environment_id: must be an environment"},
        Case{no_kind, "kind: is required"},
        Case{cloud, "kind: CLOUD is not a resource kind"},
        Case{no_name, "display_name: is required"},
        Case{bad_cloud, "cloud: must match"},
        Case{bad_region, "region: must match"}}) {
    const auto created = manager_.Create(caller_, c.request, false);
    EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(created.status().message()), StartsWith(c.problem));
  }
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(ResourceManagerTest, AnUnknownEnvironmentIsNotFoundAndWritesNothing) {
  policy_.facts.missing.insert("env-gone0000");
  const auto created = manager_.Create(caller_, Cluster("env-gone0000"), false);
  EXPECT_EQ(created.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(ResourceManagerTest, ADenialWritesNothing) {
  policy_.client.Deny("frozen_environment");
  const auto created = manager_.Create(caller_, Cluster(), false);
  EXPECT_EQ(created.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(created.status().message()),
              HasSubstr("frozen_environment"));
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(ResourceManagerTest, ADeleteWithoutForceFlushesAndLooksBackOneWindow) {
  repository_.Add("lkc-abcdefgh", "env-abcdefgh");
  const auto deleted = manager_.Delete(caller_, "lkc-abcdefgh", false, false);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->id, "lkc-abcdefgh");
  EXPECT_EQ(recorder_.flushes, 1);
  ASSERT_TRUE(repository_.writes.keys_in_use.has_value());
  EXPECT_EQ(repository_.writes.keys_in_use->used_since,
            clock_.Now() - kActiveWindow);
  EXPECT_EQ(repository_.writes.keys_in_use->override_field, "force");
  const nlohmann::json& input = policy_.client.inputs.back();
  EXPECT_EQ(input["action"], "resource.delete");
  EXPECT_EQ(input["target"]["resource"]["id"], "lkc-abcdefgh");
}

TEST_F(ResourceManagerTest, AForcedDeleteChecksNoKeys) {
  repository_.Add("lkc-abcdefgh", "env-abcdefgh");
  ASSERT_TRUE(manager_.Delete(caller_, "lkc-abcdefgh", true, true).ok());
  EXPECT_EQ(repository_.writes.keys_in_use->used_since, std::nullopt);
  EXPECT_EQ(recorder_.flushes, 0);
  EXPECT_TRUE(repository_.writes.last_mutation.validate_only);
}

TEST_F(ResourceManagerTest, DeletingWhatTheCallerCannotSeeIsNotFound) {
  EXPECT_EQ(
      manager_.Delete(caller_, "lkc-abcdefgh", true, false).status().code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(
      manager_.Delete(caller_, "env-abcdefgh", true, false).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(ResourceManagerTest, ListPassesItsFiltersAndBindsTokensToThem) {
  for (const char* id : {"lkc-aaaaaaaa", "lkc-bbbbbbbb", "lkc-cccccccc"}) {
    repository_.Add(id, "env-abcdefgh");
  }
  const auto first = manager_.List(caller_, "env-abcdefgh",
                                   ResourceKind::kKafkaCluster, 2, "");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(repository_.last_environment_filter, "env-abcdefgh");
  EXPECT_EQ(repository_.last_kind_filter, ResourceKind::kKafkaCluster);
  EXPECT_EQ(repository_.writes.last_reader.caller_id, "u-caller01");
  ASSERT_FALSE(first->next_page_token.empty());

  EXPECT_TRUE(manager_
                  .List(caller_, "env-abcdefgh", ResourceKind::kKafkaCluster, 2,
                        first->next_page_token)
                  .ok());
  // The same token with other filters is refused.
  EXPECT_EQ(manager_
                .List(caller_, "env-bbbbbbbb", ResourceKind::kKafkaCluster, 2,
                      first->next_page_token)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(manager_.List(caller_, "", std::nullopt, 2, first->next_page_token)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);

  ASSERT_TRUE(manager_.List(caller_, "", std::nullopt, 0, "").ok());
  EXPECT_EQ(repository_.last_environment_filter, std::nullopt);
  EXPECT_EQ(repository_.last_kind_filter, std::nullopt);
}

TEST_F(ResourceManagerTest, ListRefusesBadFilters) {
  EXPECT_EQ(manager_.List(caller_, "lkc-abcdefgh", std::nullopt, 0, "")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      manager_.List(caller_, "", ResourceKind::kCloud, 0, "").status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(repository_.writes.last_page.has_value());
}

}  // namespace
}  // namespace keyward::domain
