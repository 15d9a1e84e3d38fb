#include "services/domain/organization_admins.h"

#include <gtest/gtest.h>

namespace keyward::domain {
namespace {

TEST(OrganizationAdminsTest, TheRefusalNamesWhatWouldGoAndWhatToGrantFirst) {
  const AdminRole admin{"TeamLead", "env-abcdefgh"};
  EXPECT_EQ(LastAdminBindingError({admin, "rb-abcdefgh", ""}).message(),
            "rb-abcdefgh is the organization's last TeamLead binding: grant "
            "TeamLead at env-abcdefgh to another account first");
  EXPECT_EQ(LastAdminBindingError({admin, "", "u-abcdefgh"}).message(),
            "account u-abcdefgh holds the organization's last TeamLead "
            "binding: grant TeamLead at env-abcdefgh to another account first");
  EXPECT_EQ(LastAdminBindingError({admin, "", "u-abcdefgh"}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(OrganizationAdminsTest, ADeleteThatWentThroughOrFailedPassesUnchanged) {
  DeleteResult result;
  result.id = "rb-abcdefgh";
  const absl::StatusOr<DeleteResult> deleted = DeletedUnlessLastAdmin(result);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->id, "rb-abcdefgh");
  EXPECT_EQ(DeletedUnlessLastAdmin(absl::UnavailableError("down")).status(),
            absl::UnavailableError("down"));
}

}  // namespace
}  // namespace keyward::domain
