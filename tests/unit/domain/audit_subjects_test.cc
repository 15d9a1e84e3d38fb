#include "services/domain/audit_subjects.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(AuditSubjectsTest, TheTargetThenTheRequestsIdsThenWhatTheTargetsBelongTo) {
  const nlohmann::json request = {{"owner_id", ""},
                                  {"resource_id", "lkc-abcdefgh"},
                                  {"display_name", "env-notanid1"}};
  const nlohmann::json target = {
      {"owner",
       {{"id", "u-abcdefgh"},
        {"role_bindings", {{{"scope", "env-otherenv"}}}}}},
      {"resource",
       {{"id", "lkc-abcdefgh"}, {"environment", {{"id", "env-abcdefgh"}}}}}};
  EXPECT_THAT(AuditSubjects("ABCDEFGHIJKLMNOP", request, target),
              ElementsAre("ABCDEFGHIJKLMNOP", "lkc-abcdefgh", "u-abcdefgh",
                          "env-abcdefgh"));
}

TEST(AuditSubjectsTest, WordsThatAreNotIdsAreLeftOut) {
  EXPECT_THAT(AuditSubjects("",
                            {{"resource_id", "cloud"},
                             {"scope", "organization"},
                             {"principal_id", "sa-abcdefgh"}},
                            {{"resource", {{"id", "cloud"}}}}),
              ElementsAre("sa-abcdefgh"));
  EXPECT_THAT(AuditSubjects("10.0.0.1", nlohmann::json::object(),
                            nlohmann::json::object()),
              IsEmpty());
}

TEST(AuditSubjectsTest, FactsOfAnotherShapeAreIgnored) {
  EXPECT_THAT(AuditSubjects("", {{"id", 42}},
                            {{"resource", "lkc-abcdefgh"},
                             {"api_key", {{"owner_id", "sa-abcdefgh"}}}}),
              ElementsAre("sa-abcdefgh"));
}

}  // namespace
}  // namespace keyward::domain
