#include "services/domain/api_key_verification.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/domain/key_verifier_test_support.h"

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;

constexpr char kKeyId[] = "CLOUD00000000001";

// No resources; counts the lookups VerifyAccess makes.
class NoResources : public ResourceRepository {
 public:
  absl::StatusOr<std::variant<Resource, SchemaRegistryTaken>> Create(
      const Resource&, const Mutation&) override {
    return absl::UnimplementedError("not in this test");
  }
  absl::StatusOr<Resource> Get(const std::string&, const ReadScope&) override {
    ++gets;
    return absl::NotFoundError("no such resource");
  }
  absl::StatusOr<Page<Resource>> List(const std::optional<std::string>&,
                                      std::optional<ResourceKind>,
                                      const PageRequest&,
                                      const ReadScope&) override {
    return Page<Resource>{};
  }
  absl::StatusOr<std::variant<DeleteResult, KeysInUse>> Delete(
      const std::string&, const KeysInUseCheck&, const Mutation&) override {
    return absl::UnimplementedError("not in this test");
  }
  int gets = 0;
};

Caller WithBinding(const std::string& role, const std::string& scope) {
  Caller caller;
  caller.id = "sa-checker1";
  caller.type = "SERVICE_ACCOUNT";
  caller.role_bindings.push_back({role, scope});
  return caller;
}

class ApiKeyVerificationTest : public testing::KeyVerifierTestBase<> {
 protected:
  ApiKeyVerificationTest()
      : secret_(Store(testing::CloudKey(kKeyId, "sa-owner001"))),
        access_(resources_),
        verification_(access_, verifier_) {}

  std::string secret_;
  NoResources resources_;
  VerifyAccess access_;
  ApiKeyVerification verification_;
};

TEST_F(ApiKeyVerificationTest, AMalformedResourceIdIsRefusedBeforeAnyLookup) {
  // Even a caller without the right to verify hears about the request first.
  absl::StatusOr<Verification> verdict =
      verification_.Verify(Caller{}, kKeyId, secret_, "not-a-resource");
  EXPECT_EQ(verdict.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(verdict.status().message()),
              HasSubstr("resource_id"));
  EXPECT_EQ(resources_.gets, 0);
  EXPECT_EQ(keys_.lookups(), 0);
}

TEST_F(ApiKeyVerificationTest, ACallerWhoMayNotVerifyLearnsNothingOfTheKey) {
  // Both verify keys, but only below the organization: not Cloud keys.
  for (const Caller& caller :
       {WithBinding("EnvironmentAdmin", "env-aaaaaaaa"),
        WithBinding("CloudClusterAdmin", "lkc-bbbbbbbb")}) {
    absl::StatusOr<Verification> verdict =
        verification_.Verify(caller, kKeyId, secret_, kCloudResourceId);
    EXPECT_EQ(verdict.status().code(), absl::StatusCode::kPermissionDenied)
        << caller.role_bindings[0].role;
  }
  EXPECT_EQ(keys_.lookups(), 0);
}

TEST_F(ApiKeyVerificationTest, AnAllowedCallerGetsTheVerifiersVerdict) {
  const Caller verifier = WithBinding("KeyVerifier", "organization");
  absl::StatusOr<Verification> valid =
      verification_.Verify(verifier, kKeyId, secret_, kCloudResourceId);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->reason, VerifyReason::kValid);
  ASSERT_TRUE(valid->key.has_value());
  EXPECT_EQ(valid->key->owner_id, "sa-owner001");

  absl::StatusOr<Verification> wrong = verification_.Verify(
      verifier, kKeyId, crypto::NewSecret(), kCloudResourceId);
  ASSERT_TRUE(wrong.ok()) << wrong.status();
  EXPECT_EQ(wrong->reason, VerifyReason::kInvalidCredentials);
  EXPECT_FALSE(wrong->key.has_value());
  EXPECT_EQ(keys_.lookups(), 2);
}

}  // namespace
}  // namespace keyward::domain
