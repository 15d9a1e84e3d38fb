// ResolveUpdateMask: the FieldMask rules of common.proto, and that every
// refusal is INVALID_ARGUMENT naming update_mask.
#include "services/api/update_mask.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

UpdateMaskRules EnvironmentRules(std::vector<std::string> set_in_request) {
  return {{"display_name", "stage"},
          std::move(set_in_request),
          {"id", "create_time"},
          "cannot change once created"};
}

google::protobuf::FieldMask Mask(std::vector<std::string> paths) {
  google::protobuf::FieldMask mask;
  for (const std::string& path : paths) mask.add_paths(path);
  return mask;
}

void ExpectRefused(const absl::StatusOr<std::set<std::string>>& fields,
                   const std::string& problem) {
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(fields.status().message()),
              StartsWith("update_mask: "));
  EXPECT_THAT(std::string(fields.status().message()), HasSubstr(problem));
}

TEST(UpdateMaskTest, AnEmptyMaskMeansEveryWritableFieldThatIsSet) {
  const auto fields =
      ResolveUpdateMask(Mask({}), EnvironmentRules({"display_name"}));
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_THAT(*fields, ElementsAre("display_name"));
}

TEST(UpdateMaskTest, AMaskNamesExactlyTheFieldsToChange) {
  // Named fields change even when the request leaves them empty (to clear
  // them); fields set but not named do not.
  const auto fields = ResolveUpdateMask(
      Mask({"stage"}), EnvironmentRules({"display_name", "stage"}));
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_THAT(*fields, ElementsAre("stage"));

  const auto both = ResolveUpdateMask(Mask({"stage", "display_name", "stage"}),
                                      EnvironmentRules({}));
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_THAT(*both, ElementsAre("display_name", "stage"));
}

TEST(UpdateMaskTest, AnImmutableFieldGetsTheServicesOwnMessage) {
  ExpectRefused(ResolveUpdateMask(Mask({"display_name", "create_time"}),
                                  EnvironmentRules({"display_name"})),
                "create_time: cannot change once created");
}

TEST(UpdateMaskTest, AnUnknownFieldIsNamedWithTheWritableOnes) {
  ExpectRefused(ResolveUpdateMask(Mask({"colour"}), EnvironmentRules({})),
                "unknown field \"colour\" (writable: display_name, stage)");
}

TEST(UpdateMaskTest, NothingToChangeIsRefused) {
  ExpectRefused(ResolveUpdateMask(Mask({}), EnvironmentRules({})),
                "names nothing to update (writable: display_name, stage)");
}

}  // namespace
}  // namespace keyward::api
