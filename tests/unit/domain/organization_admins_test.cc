#include "services/domain/organization_admins.h"

#include <gtest/gtest.h>

namespace keyward::domain {
namespace {

TEST(OrganizationAdminsTest, TheRefusalNamesWhatWouldGoAndWhatToGrantFirst) {
  const AdminRole admin{"TeamLead", "env-abcdefgh"};
  EXPECT_EQ(RefusalError({admin, "rb-abcdefgh", ""}).message(),
            "rb-abcdefgh is the organization's last TeamLead binding: grant "
            "TeamLead at env-abcdefgh to another account first");
  EXPECT_EQ(RefusalError({admin, "", "u-abcdefgh"}).message(),
            "account u-abcdefgh holds the organization's last TeamLead "
            "binding: grant TeamLead at env-abcdefgh to another account first");
  EXPECT_EQ(RefusalError({admin, "", "u-abcdefgh"}).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace keyward::domain
