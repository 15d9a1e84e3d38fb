// DisableApiKey and EnableApiKey over gRPC against keywardd, the real
// PostgreSQL and OPA with the default bundle: what a disabled key verifies
// as, who may disable and enable, that nothing changes on a denial or a dry
// run, that a disabled key neither authenticates nor counts as in use, and
// the optional disable_before_delete rule. (Propagation to other replicas:
// revocation_test.cc.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/opa_process.h"
#include "tests/support/rows.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;

// Calls the key's service as the admin, or as the holder of `authorization`.
class KeySwitch {
 public:
  explicit KeySwitch(const std::shared_ptr<grpc::Channel>& channel)
      : stub_(v1::ApiKeyService::NewStub(channel)) {}

  grpc::Status Disable(const std::string& id, v1::ApiKey* key,
                       bool validate_only = false,
                       const std::optional<std::string>& authorization = {}) {
    v1::DisableApiKeyRequest request;
    request.set_id(id);
    request.set_validate_only(validate_only);
    return stub_->DisableApiKey(CallContext(authorization).get(), request, key);
  }
  grpc::Status Enable(const std::string& id, v1::ApiKey* key,
                      bool validate_only = false,
                      const std::optional<std::string>& authorization = {}) {
    v1::EnableApiKeyRequest request;
    request.set_id(id);
    request.set_validate_only(validate_only);
    return stub_->EnableApiKey(CallContext(authorization).get(), request, key);
  }
  v1::ApiKey Get(const std::string& id) { return GetKey(*stub_, id); }
  v1::VerifyApiKeyResponse Verify(const v1::CreateApiKeyResponse& key,
                                  const std::string& resource_id) {
    return VerifyKey(*stub_, key.api_key().id(), key.secret(), resource_id);
  }
  grpc::Status Delete(const std::string& id) {
    v1::DeleteApiKeyRequest request;
    request.set_id(id);
    v1::DeleteApiKeyResponse response;
    return stub_->DeleteApiKey(CallContext().get(), request, &response);
  }

 private:
  std::unique_ptr<v1::ApiKeyService::Stub> stub_;
};

class ApiKeyDisableTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer(std::map<std::string, std::string>{
        {"KEYWARD_LAST_USED_FLUSH_INTERVAL", "50ms"}});
  }
  static void TearDownTestSuite() { delete server_; }

  TestDatabase& db() { return server_->db(); }

  int AuditRows(const std::string& action, const std::string& target,
                const std::string& where = "true") {
    return db().Count("audit_events", "action = '" + action +
                                          "' AND target_id = '" + target +
                                          "' AND " + where);
  }

  // A key of a new service account on a new dev cluster.
  v1::CreateApiKeyResponse ClusterKey(std::string* cluster) {
    *cluster = make_.ClusterIn("dev");
    return make_.ApiKey(make_.ServiceAccount().Create().id(), *cluster)
        .Create();
  }

  static KeywardServer* server_;
  Fixtures make_{server_->channel()};
  KeySwitch keys_{server_->channel()};
  Rows rows_{server_->db()};
};

KeywardServer* ApiKeyDisableTest::server_ = nullptr;

TEST_F(ApiKeyDisableTest, ADisabledKeyVerifiesDisabledUntilItIsEnabled) {
  std::string cluster;
  const v1::CreateApiKeyResponse key = ClusterKey(&cluster);
  const std::string& id = key.api_key().id();
  ASSERT_TRUE(keys_.Verify(key, cluster).valid());  // warm in the cache

  v1::ApiKey disabled;
  ASSERT_TRUE(keys_.Disable(id, &disabled).ok());
  EXPECT_EQ(disabled.state(), v1::API_KEY_STATE_DISABLED);
  EXPECT_TRUE(disabled.has_disable_time());
  // update_time is about the names; disable_time tells when.
  EXPECT_EQ(disabled.update_time().seconds(),
            key.api_key().update_time().seconds());
  EXPECT_EQ(keys_.Get(id).state(), v1::API_KEY_STATE_DISABLED);

  const v1::VerifyApiKeyResponse refused = keys_.Verify(key, cluster);
  EXPECT_FALSE(refused.valid());
  EXPECT_EQ(refused.reason(), v1::VERIFY_REASON_DISABLED);
  EXPECT_EQ(refused.api_key_id(), id);
  EXPECT_EQ(refused.owner_id(), key.api_key().owner_id());
  EXPECT_EQ(refused.resource_id(), cluster);

  v1::ApiKey enabled;
  ASSERT_TRUE(keys_.Enable(id, &enabled).ok());
  EXPECT_EQ(enabled.state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_FALSE(enabled.has_disable_time());
  const v1::VerifyApiKeyResponse again = keys_.Verify(key, cluster);
  EXPECT_TRUE(again.valid());
  EXPECT_EQ(again.reason(), v1::VERIFY_REASON_VALID);

  EXPECT_EQ(AuditRows("api_key.disable", id, "allowed"), 1);
  EXPECT_EQ(AuditRows("api_key.enable", id, "allowed"), 1);
}

TEST_F(ApiKeyDisableTest, RepeatingEitherChangesNothingButIsAudited) {
  std::string cluster;
  const std::string id = ClusterKey(&cluster).api_key().id();
  v1::ApiKey first, second;
  ASSERT_TRUE(keys_.Disable(id, &first).ok());
  ASSERT_TRUE(keys_.Disable(id, &second).ok());
  EXPECT_EQ(second.state(), v1::API_KEY_STATE_DISABLED);
  // The key has been disabled since the first call.
  EXPECT_EQ(second.disable_time().seconds(), first.disable_time().seconds());
  EXPECT_EQ(second.disable_time().nanos(), first.disable_time().nanos());

  v1::ApiKey enabled, still_enabled;
  ASSERT_TRUE(keys_.Enable(id, &enabled).ok());
  ASSERT_TRUE(keys_.Enable(id, &still_enabled).ok());
  EXPECT_EQ(still_enabled.state(), v1::API_KEY_STATE_ACTIVE);

  EXPECT_EQ(AuditRows("api_key.disable", id, "allowed"), 2);
  EXPECT_EQ(AuditRows("api_key.enable", id, "allowed"), 2);
}

TEST_F(ApiKeyDisableTest, ValidateOnlyShowsTheOutcomeAndChangesNothing) {
  std::string cluster;
  const v1::CreateApiKeyResponse key = ClusterKey(&cluster);
  const std::string& id = key.api_key().id();
  v1::ApiKey would_be;
  ASSERT_TRUE(keys_.Disable(id, &would_be, true).ok());
  EXPECT_EQ(would_be.state(), v1::API_KEY_STATE_DISABLED);
  EXPECT_EQ(keys_.Get(id).state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_TRUE(keys_.Verify(key, cluster).valid());
  EXPECT_EQ(
      db().Count("api_keys", "id = '" + id + "' AND disable_time IS NOT NULL"),
      0);

  ASSERT_TRUE(keys_.Disable(id, &would_be).ok());
  ASSERT_TRUE(keys_.Enable(id, &would_be, true).ok());
  EXPECT_EQ(would_be.state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_EQ(keys_.Get(id).state(), v1::API_KEY_STATE_DISABLED);
  EXPECT_EQ(keys_.Verify(key, cluster).reason(), v1::VERIFY_REASON_DISABLED);

  EXPECT_EQ(AuditRows("api_key.disable", id, "validate_only"), 1);
  EXPECT_EQ(AuditRows("api_key.enable", id, "validate_only"), 1);
}

TEST_F(ApiKeyDisableTest, AnExpiredKeyStaysExpiredWhenEnabled) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string id = rows_.ApiKey(owner, "");
  db().Query(
      "UPDATE api_keys SET create_time = now() - interval '3 hours', "
      "expire_time = now() - interval '1 hour', disable_time = now() - "
      "interval '2 hours', disabled_by = '" +
      server_->admin_id() + "' WHERE id = '" + id + "'");
  EXPECT_EQ(keys_.Get(id).state(), v1::API_KEY_STATE_EXPIRED);
  v1::ApiKey enabled;
  ASSERT_TRUE(keys_.Enable(id, &enabled).ok());
  EXPECT_EQ(enabled.state(), v1::API_KEY_STATE_EXPIRED);
  EXPECT_FALSE(enabled.has_disable_time());
}

TEST_F(ApiKeyDisableTest, BadAndUnknownIdsAreRefusedWithoutAnAuditEvent) {
  v1::ApiKey key;
  const int events = db().Count("audit_events");
  EXPECT_EQ(keys_.Disable("not-a-key", &key).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(keys_.Enable("", &key).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(keys_.Disable("ZZZZZZZZZZZZZZZZ", &key).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(keys_.Enable("ZZZZZZZZZZZZZZZZ", &key).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(db().Count("audit_events"), events);
}

// The owner may revoke its own key whatever its roles, and switch it back on
// if it switched it off itself.
TEST_F(ApiKeyDisableTest, TheOwnerEnablesAKeyItDisabledItself) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const v1::CreateApiKeyResponse login =
      make_.ApiKey(owner, "cloud").Described("the owner's login").Create();
  const v1::CreateApiKeyResponse other =
      make_.ApiKey(owner, "cloud").Described("disabled by its owner").Create();
  const std::string& id = other.api_key().id();
  const std::string as_owner =
      KeywardServer::BasicAuthorization(Credentials(login));

  v1::ApiKey key;
  ASSERT_TRUE(keys_.Disable(id, &key, false, as_owner).ok());
  EXPECT_EQ(key.state(), v1::API_KEY_STATE_DISABLED);
  EXPECT_EQ(key.disabled_by(), owner);
  EXPECT_EQ(keys_.Get(id).disabled_by(), owner);

  const grpc::Status enabled = keys_.Enable(id, &key, false, as_owner);
  ASSERT_TRUE(enabled.ok()) << enabled.error_message();
  EXPECT_EQ(key.state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_EQ(key.disabled_by(), "");
  EXPECT_EQ(keys_.Get(id).disabled_by(), "");
  EXPECT_EQ(db().Count("api_keys", "id = '" + id +
                                       "' AND disabled_by IS NULL AND "
                                       "disable_time IS NULL"),
            1);
}

// An admin's disable of a leaked key is not undone with the owner's
// credentials, even when the owner manages keys on the key's cluster.
TEST_F(ApiKeyDisableTest, AnOwnerWithARoleDoesNotEnableAKeyAnAdminDisabled) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string cluster = make_.ClusterIn("dev");
  make_.RoleBinding(owner, "CloudClusterAdmin", cluster).Create();
  const v1::CreateApiKeyResponse login =
      make_.ApiKey(owner, "cloud").Described("the owner's login").Create();
  const v1::CreateApiKeyResponse leaked =
      make_.ApiKey(owner, cluster).Described("leaked").Create();
  const std::string& id = leaked.api_key().id();
  const std::string as_owner =
      KeywardServer::BasicAuthorization(Credentials(login));

  v1::ApiKey key;
  ASSERT_TRUE(keys_.Disable(id, &key).ok());  // the admin
  EXPECT_EQ(keys_.Get(id).disabled_by(), server_->admin_id());
  // The owner's own disable of it afterwards does not make it theirs.
  ASSERT_TRUE(keys_.Disable(id, &key, false, as_owner).ok());
  EXPECT_EQ(key.disabled_by(), server_->admin_id());

  const grpc::Status denied = keys_.Enable(id, &key, false, as_owner);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(),
              HasSubstr("enable_own_key_disabled_by_another"));
  EXPECT_THAT(denied.error_message(),
              HasSubstr("disabled by " + server_->admin_id()));
  EXPECT_EQ(keys_.Get(id).state(), v1::API_KEY_STATE_DISABLED);
  EXPECT_EQ(keys_.Verify(leaked, cluster).reason(), v1::VERIFY_REASON_DISABLED);
  EXPECT_EQ(AuditRows("api_key.enable", id,
                      "NOT allowed AND actor_id = '" + owner + "'"),
            1);

  ASSERT_TRUE(keys_.Enable(id, &key).ok());  // the admin
  EXPECT_EQ(key.state(), v1::API_KEY_STATE_ACTIVE);
  // Once the owner disabled it itself, its role lets it enable it again.
  ASSERT_TRUE(keys_.Disable(id, &key, false, as_owner).ok());
  EXPECT_EQ(key.disabled_by(), owner);
  const grpc::Status enabled = keys_.Enable(id, &key, false, as_owner);
  ASSERT_TRUE(enabled.ok()) << enabled.error_message();
  EXPECT_EQ(key.state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_TRUE(keys_.Verify(leaked, cluster).valid());
}

// An admin enables a key its owner disabled.
TEST_F(ApiKeyDisableTest, AnAdminEnablesAKeyItsOwnerDisabled) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const v1::CreateApiKeyResponse login =
      make_.ApiKey(owner, "cloud").Described("disabled by its owner").Create();
  const std::string& id = login.api_key().id();
  v1::ApiKey key;
  ASSERT_TRUE(
      keys_
          .Disable(id, &key, false,
                   KeywardServer::BasicAuthorization(Credentials(login)))
          .ok());
  EXPECT_EQ(key.disabled_by(), owner);
  ASSERT_TRUE(keys_.Enable(id, &key).ok());
  EXPECT_EQ(key.state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_EQ(key.disabled_by(), "");
}

TEST_F(ApiKeyDisableTest, ADisabledCloudKeyNoLongerAuthenticates) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const v1::CreateApiKeyResponse login =
      make_.ApiKey(owner, "cloud").Described("disables itself").Create();
  const std::string as_owner =
      KeywardServer::BasicAuthorization(Credentials(login));
  v1::ApiKey key;
  ASSERT_TRUE(keys_.Disable(login.api_key().id(), &key, false, as_owner).ok());
  const grpc::Status refused =
      keys_.Disable(login.api_key().id(), &key, false, as_owner);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  ASSERT_TRUE(keys_.Enable(login.api_key().id(), &key).ok());  // the admin
  EXPECT_TRUE(keys_.Disable(login.api_key().id(), &key, true, as_owner).ok());
}

TEST_F(ApiKeyDisableTest, OthersWithoutARoleAreDeniedAndNothingChanges) {
  std::string cluster;
  const v1::CreateApiKeyResponse key = ClusterKey(&cluster);
  const std::string& id = key.api_key().id();
  const std::string stranger = make_.ServiceAccount().Create().id();
  const std::string as_stranger = KeywardServer::BasicAuthorization(
      Credentials(make_.ApiKey(stranger, "cloud").Create()));
  v1::ApiKey out;
  // A key the caller may not read is not found, as for every other call.
  EXPECT_EQ(keys_.Disable(id, &out, false, as_stranger).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // A cluster admin reads the keys on its cluster, but may not disable the
  // key of an account stronger than itself (no_escalation).
  make_.RoleBinding(stranger, "CloudClusterAdmin", cluster).Create();
  make_.RoleBinding(key.api_key().owner_id(), "AccountAdmin", "organization")
      .Create();
  const grpc::Status denied = keys_.Disable(id, &out, false, as_stranger);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(), HasSubstr("no_escalation"));

  EXPECT_EQ(keys_.Get(id).state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_TRUE(keys_.Verify(key, cluster).valid());
  EXPECT_EQ(AuditRows("api_key.disable", id, "NOT allowed"), 1);
  EXPECT_EQ(AuditRows("api_key.disable", id, "allowed"), 0);
}

// A disabled key's clients fail already: deleting what holds it needs no
// override, however recently it was used.
TEST_F(ApiKeyDisableTest, ADisabledKeyIsNotInUseForACascade) {
  auto accounts = v1::AccountService::NewStub(server_->channel());
  auto resources = v1::ResourceService::NewStub(server_->channel());
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string cluster = make_.ClusterIn("dev");
  const std::string owners_key = rows_.ApiKey(owner, "", "now()");
  const std::string other_owner = make_.ServiceAccount().Create().id();
  const std::string clusters_key = rows_.ApiKey(other_owner, cluster, "now()");

  v1::DeleteAccountRequest delete_account;
  delete_account.set_id(owner);
  v1::DeleteAccountResponse account_deleted;
  v1::DeleteResourceRequest delete_resource;
  delete_resource.set_id(cluster);
  v1::DeleteResourceResponse resource_deleted;
  EXPECT_EQ(
      accounts
          ->DeleteAccount(CallContext().get(), delete_account, &account_deleted)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(resources
                ->DeleteResource(CallContext().get(), delete_resource,
                                 &resource_deleted)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::ApiKey out;
  ASSERT_TRUE(keys_.Disable(owners_key, &out).ok());
  ASSERT_TRUE(keys_.Disable(clusters_key, &out).ok());
  const grpc::Status account_status = accounts->DeleteAccount(
      CallContext().get(), delete_account, &account_deleted);
  EXPECT_TRUE(account_status.ok()) << account_status.error_message();
  const grpc::Status resource_status = resources->DeleteResource(
      CallContext().get(), delete_resource, &resource_deleted);
  EXPECT_TRUE(resource_status.ok()) << resource_status.error_message();
  EXPECT_EQ(db().Count("api_keys",
                       "id IN ('" + owners_key + "', '" + clusters_key + "')"),
            0);
}

TEST_F(ApiKeyDisableTest, DeletingADisabledKeyUsedJustNowDoesNotWarn) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string id = rows_.ApiKey(owner, "", "now()");
  v1::ApiKey out;
  ASSERT_TRUE(keys_.Disable(id, &out).ok());
  ASSERT_TRUE(keys_.Delete(id).ok());
  EXPECT_EQ(AuditRows("api_key.delete", id, "warnings = '[]'"), 1);
}

// The optional governance rule, switched on in the data of an OPA of this
// suite's own.
class DisableBeforeDeleteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    opa_ = new OpaProcess();
    std::ofstream(opa_->policy_dir() + "/data.json")
        << R"({"keyward_config": {"disable_before_delete_hours": {"prod": 24}}})";
    server_ =
        new KeywardServer({{"KEYWARD_OPA_URL", opa_->url()},
                           {"KEYWARD_OPA_TOKEN_FILE", opa_->token_file()}});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete opa_;
  }

  static OpaProcess* opa_;
  static KeywardServer* server_;
  Rows rows_{server_->db()};
  KeySwitch keys_{server_->channel()};
};

OpaProcess* DisableBeforeDeleteTest::opa_ = nullptr;
KeywardServer* DisableBeforeDeleteTest::server_ = nullptr;

TEST_F(DisableBeforeDeleteTest, AProdKeyIsDeletedOnlyOnceDisabledLongEnough) {
  const std::string owner = rows_.ServiceAccount();
  const std::string id =
      rows_.ApiKey(owner, rows_.KafkaCluster(rows_.Environment("prod")));
  // OPA may still be loading the changed data (--watch).
  ASSERT_TRUE(Eventually("OPA to apply disable_before_delete_hours", [&] {
    return keys_.Delete(id).error_code() == grpc::StatusCode::PERMISSION_DENIED;
  }));
  const grpc::Status never_disabled = keys_.Delete(id);
  EXPECT_THAT(never_disabled.error_message(),
              HasSubstr("[disable_before_delete] keys on prod resources must "
                        "be disabled for 24 hours before they are deleted"));

  v1::ApiKey out;
  ASSERT_TRUE(keys_.Disable(id, &out).ok());
  EXPECT_EQ(keys_.Delete(id).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(server_->db().Count("api_keys", "id = '" + id + "'"), 1);

  server_->db().Query(
      "UPDATE api_keys SET disable_time = now() - interval '25 hours' WHERE "
      "id = '" +
      id + "'");
  const grpc::Status deleted = keys_.Delete(id);
  EXPECT_TRUE(deleted.ok()) << deleted.error_message();
  EXPECT_EQ(server_->db().Count("api_keys", "id = '" + id + "'"), 0);
}

TEST_F(DisableBeforeDeleteTest, OtherStagesAreNotConcerned) {
  const std::string owner = rows_.ServiceAccount();
  const std::string prod_key =
      rows_.ApiKey(owner, rows_.KafkaCluster(rows_.Environment("prod")));
  ASSERT_TRUE(Eventually("OPA to apply disable_before_delete_hours", [&] {
    return keys_.Delete(prod_key).error_code() ==
           grpc::StatusCode::PERMISSION_DENIED;
  }));
  const std::string dev_key =
      rows_.ApiKey(owner, rows_.KafkaCluster(rows_.Environment("dev")));
  EXPECT_TRUE(keys_.Delete(dev_key).ok());
}

}  // namespace
}  // namespace keyward::testing
