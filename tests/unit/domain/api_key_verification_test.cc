#include "services/domain/api_key_verification.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/domain/fake_api_key_repository.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;
using testing::FixedClock;
using ::testing::HasSubstr;
using testing::kPepper;

constexpr char kKeyId[] = "CLOUD00000000001";

class IgnoredLastUse : public LastUsedRecorder {
 public:
  void Record(const std::string&, Time) override {}
  absl::Status Flush() override { return absl::OkStatus(); }
};

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

class ApiKeyVerificationTest : public ::testing::Test {
 protected:
  ApiKeyVerificationTest()
      : hasher_(kPepper),
        clock_(At(1'700'000'000)),
        verifier_(keys_, hasher_, clock_, last_used_),
        access_(resources_),
        verification_(access_, verifier_) {
    ApiKey key;
    key.id = kKeyId;
    key.owner_id = "sa-owner001";
    key.owner_type = AccountType::kServiceAccount;
    key.resource_id = kCloudResourceId;
    key.resource_kind = ResourceKind::kCloud;
    secret_ = crypto::NewSecret();
    keys_.Put(key, hasher_.Hash(secret_));
  }

  crypto::SecretHasher hasher_;
  FixedClock clock_;
  FakeApiKeyRepository keys_;
  IgnoredLastUse last_used_;
  KeyVerifier verifier_;
  NoResources resources_;
  VerifyAccess access_;
  ApiKeyVerification verification_;
  std::string secret_;
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
