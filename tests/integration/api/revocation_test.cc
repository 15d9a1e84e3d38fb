// Instant revocation across replicas: two keywardd on one database; a key
// deleted, disabled or rotated without grace through one stops verifying on
// the other within a second, even when it was warm in that replica's cache
// (and verifies again within a second once enabled), and a role granted or
// removed through one applies on the other within a second although the
// replicas cache role bindings for a minute.
#include <gtest/gtest.h>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

class RevocationTest : public ::testing::Test {
 protected:
  RevocationTest() {
    previous_admin_ =
        KeywardServer::UseAdmin(KeywardServer::BootstrapAdmin(db_.url()));
    for (auto* replica : {&a_, &b_}) {
      *replica =
          std::make_unique<KeywarddProcess>(std::map<std::string, std::string>{
              {"KEYWARD_DATABASE_URL", db_.url()},
              {"KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL")},
              {"KEYWARD_ROLE_BINDING_CACHE_TTL", "60s"}});
      EXPECT_TRUE((*replica)->Start()) << (*replica)->log();
    }
    keys_a_ = v1::ApiKeyService::NewStub(Channel(*a_));
    keys_b_ = v1::ApiKeyService::NewStub(Channel(*b_));
    accounts_a_ = v1::AccountService::NewStub(Channel(*a_));
    make_on_a_ = std::make_unique<Fixtures>(Channel(*a_));
    bindings_a_ = v1::RoleBindingService::NewStub(Channel(*a_));
    environments_b_ = v1::EnvironmentService::NewStub(Channel(*b_));
  }
  ~RevocationTest() override {
    KeywardServer::RestoreAuthorization(previous_admin_);
  }

  static std::shared_ptr<grpc::Channel> Channel(const KeywarddProcess& p) {
    return grpc::CreateChannel(p.address(), grpc::InsecureChannelCredentials());
  }

  std::string ServiceAccount() {
    return make_on_a_->ServiceAccount().Named("replicated").Create().id();
  }

  v1::CreateApiKeyResponse CloudKey(const std::string& owner) {
    return make_on_a_->ApiKey(owner, "cloud")
        .Described("verified on replica b")
        .Create();
  }

  bool ValidOnB(const v1::CreateApiKeyResponse& key) {
    return VerifiedOnB(key).valid();
  }

  v1::VerifyApiKeyResponse VerifiedOnB(const v1::CreateApiKeyResponse& key) {
    v1::VerifyApiKeyRequest request;
    request.set_key(key.api_key().id());
    request.set_secret(key.secret());
    request.set_resource_id("cloud");
    v1::VerifyApiKeyResponse response;
    EXPECT_TRUE(
        keys_b_
            ->VerifyApiKey(KeywardServer::Context().get(), request, &response)
            .ok());
    return response;
  }

  bool StopsVerifyingWithin(const v1::CreateApiKeyResponse& key,
                            std::chrono::milliseconds deadline) {
    return Eventually(
        "replica b to stop verifying a revoked key",
        [&] { return !ValidOnB(key); }, deadline);
  }

  TestDatabase db_;
  std::string previous_admin_;
  std::unique_ptr<KeywarddProcess> a_, b_;
  std::unique_ptr<v1::ApiKeyService::Stub> keys_a_, keys_b_;
  std::unique_ptr<v1::AccountService::Stub> accounts_a_;
  std::unique_ptr<Fixtures> make_on_a_;
  std::unique_ptr<v1::RoleBindingService::Stub> bindings_a_;
  std::unique_ptr<v1::EnvironmentService::Stub> environments_b_;
};

TEST_F(RevocationTest, AKeyDeletedOnOneReplicaStopsVerifyingOnTheOther) {
  const v1::CreateApiKeyResponse key = CloudKey(ServiceAccount());
  ASSERT_TRUE(ValidOnB(key));  // now warm in b's cache
  v1::DeleteApiKeyRequest request;
  request.set_id(key.api_key().id());
  v1::DeleteApiKeyResponse deleted;
  ASSERT_TRUE(
      keys_a_->DeleteApiKey(KeywardServer::Context().get(), request, &deleted)
          .ok());
  EXPECT_TRUE(StopsVerifyingWithin(key, std::chrono::seconds(1)));
}

TEST_F(RevocationTest, DisableAndEnableOnOneReplicaApplyOnTheOther) {
  const v1::CreateApiKeyResponse key = CloudKey(ServiceAccount());
  ASSERT_TRUE(ValidOnB(key));  // now warm in b's cache
  v1::DisableApiKeyRequest disable;
  disable.set_id(key.api_key().id());
  v1::ApiKey disabled;
  ASSERT_TRUE(
      keys_a_->DisableApiKey(KeywardServer::Context().get(), disable, &disabled)
          .ok());
  EXPECT_TRUE(Eventually(
      "replica b to verify the key as disabled",
      [&] { return VerifiedOnB(key).reason() == v1::VERIFY_REASON_DISABLED; },
      std::chrono::seconds(1)));
  const v1::VerifyApiKeyResponse refused = VerifiedOnB(key);
  EXPECT_FALSE(refused.valid());
  EXPECT_EQ(refused.api_key_id(), key.api_key().id());

  v1::EnableApiKeyRequest enable;
  enable.set_id(key.api_key().id());
  v1::ApiKey enabled;
  ASSERT_TRUE(
      keys_a_->EnableApiKey(KeywardServer::Context().get(), enable, &enabled)
          .ok());
  EXPECT_TRUE(Eventually(
      "replica b to verify the key again", [&] { return ValidOnB(key); },
      std::chrono::seconds(1)));
}

// A rotation's shortened expiry is a revocation too: b reads it again.
TEST_F(RevocationTest, AKeyRotatedWithoutGraceOnOneReplicaExpiresOnTheOther) {
  const v1::CreateApiKeyResponse key = CloudKey(ServiceAccount());
  ASSERT_TRUE(ValidOnB(key));  // now warm in b's cache
  v1::RotateApiKeyRequest request;
  request.set_id(key.api_key().id());
  request.mutable_grace_period()->set_seconds(0);
  v1::RotateApiKeyResponse rotated;
  ASSERT_TRUE(
      keys_a_->RotateApiKey(KeywardServer::Context().get(), request, &rotated)
          .ok());
  EXPECT_TRUE(StopsVerifyingWithin(key, std::chrono::seconds(1)));
  v1::CreateApiKeyResponse successor;
  *successor.mutable_api_key() = rotated.api_key();
  successor.set_secret(rotated.secret());
  EXPECT_TRUE(ValidOnB(successor));
}

TEST_F(RevocationTest, AnAccountCascadeRevokesItsKeysOnEveryReplica) {
  const std::string owner = ServiceAccount();
  const v1::CreateApiKeyResponse first = CloudKey(owner);
  const v1::CreateApiKeyResponse second = CloudKey(owner);
  ASSERT_TRUE(ValidOnB(first));
  ASSERT_TRUE(ValidOnB(second));
  v1::DeleteAccountRequest request;
  request.set_id(owner);
  request.set_force(true);  // b just used the keys
  v1::DeleteAccountResponse deleted;
  ASSERT_TRUE(
      accounts_a_
          ->DeleteAccount(KeywardServer::Context().get(), request, &deleted)
          .ok());
  EXPECT_TRUE(StopsVerifyingWithin(first, std::chrono::seconds(1)));
  EXPECT_TRUE(StopsVerifyingWithin(second, std::chrono::seconds(1)));
}

TEST_F(RevocationTest, LosingTheFeedFlushesTheCache) {
  const v1::CreateApiKeyResponse key = CloudKey(ServiceAccount());
  ASSERT_TRUE(ValidOnB(key));
  // Cut every listener off, then delete behind their backs (no NOTIFY):
  // only the flush on reconnect can make b notice.
  db_.Query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "application_name = 'keywardd-revocations' AND datname = "
      "current_database()");
  db_.Query("DELETE FROM api_keys WHERE id = '" + key.api_key().id() + "'");
  EXPECT_TRUE(StopsVerifyingWithin(key, std::chrono::seconds(10)));
}

TEST_F(RevocationTest, ARoleChangedOnOneReplicaAppliesOnTheOther) {
  const std::string principal = ServiceAccount();
  const v1::CreateApiKeyResponse login = CloudKey(principal);
  // Whether `principal` may create an environment through replica b.
  const auto may_create_on_b = [&] {
    grpc::ClientContext context;
    context.AddMetadata("authorization",
                        KeywardServer::BasicAuthorization(
                            login.api_key().id() + ":" + login.secret()));
    v1::CreateEnvironmentRequest request;
    request.set_display_name("dry run");
    request.set_stage("dev");
    request.set_validate_only(true);
    v1::Environment environment;
    return environments_b_->CreateEnvironment(&context, request, &environment)
        .ok();
  };
  const auto becomes_within = [&](bool allowed,
                                  std::chrono::milliseconds deadline) {
    return Eventually(
        std::string("replica b to ") + (allowed ? "allow" : "deny") +
            " the principal's create",
        [&] { return may_create_on_b() == allowed; }, deadline);
  };
  ASSERT_FALSE(may_create_on_b());  // b now caches "no bindings"

  v1::CreateRoleBindingRequest grant;
  grant.set_principal_id(principal);
  grant.set_role("OrganizationAdmin");
  grant.set_scope("organization");
  v1::RoleBinding binding;
  ASSERT_TRUE(
      bindings_a_
          ->CreateRoleBinding(KeywardServer::Context().get(), grant, &binding)
          .ok());
  EXPECT_TRUE(becomes_within(true, std::chrono::seconds(1)));

  v1::DeleteRoleBindingRequest revoke;
  revoke.set_id(binding.id());
  v1::DeleteRoleBindingResponse revoked;
  ASSERT_TRUE(
      bindings_a_
          ->DeleteRoleBinding(KeywardServer::Context().get(), revoke, &revoked)
          .ok());
  EXPECT_TRUE(becomes_within(false, std::chrono::seconds(1)));
}

}  // namespace
}  // namespace keyward::testing
