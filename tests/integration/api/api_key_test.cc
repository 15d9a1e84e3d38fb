// ApiKeyService over gRPC against keywardd and the real PostgreSQL. Accounts,
// environments and resources are inserted with SQL (Rows) so these tests
// depend on no other service.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "keyward/v1/api_key.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"
#include "tests/support/rows.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

constexpr char kImmutable[] =
    "API keys are immutable: delete the key and create a new one";
google::protobuf::Timestamp SecondsFromNow(int64_t seconds) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(std::time(nullptr) + seconds);
  return timestamp;
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return hex;
}

// The objects the key tests need, inserted with SQL (Rows) into one
// environment of their own.
class KeyFixtures {
 public:
  explicit KeyFixtures(const TestDatabase& db)
      : rows_(db), environment_id_(rows_.Environment()) {}

  std::string ServiceAccount() { return rows_.ServiceAccount(); }
  std::string KafkaCluster() { return rows_.KafkaCluster(environment_id_); }

 private:
  Rows rows_;
  const std::string environment_id_;
};

grpc::Status CreateKey(v1::ApiKeyService::Stub& stub, const std::string& owner,
                       const std::string& resource,
                       v1::CreateApiKeyResponse* response,
                       bool validate_only = false) {
  v1::CreateApiKeyRequest request;
  request.set_owner_id(owner);
  request.set_resource_id(resource);
  request.set_display_name("test key");
  request.set_description("made by api_key_test");
  request.set_validate_only(validate_only);
  return stub.CreateApiKey(KeywardServer::Context().get(), request, response);
}

class ApiKeyTest : public ::testing::Test {
 protected:
  static constexpr int kPerOwnerQuota = 25;

  static void SetUpTestSuite() {
    server_ = new KeywardServer({
        {"KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE", "10"},
        {"KEYWARD_QUOTA_KEYS_PER_OWNER", std::to_string(kPerOwnerQuota)},
        {"KEYWARD_LAST_USED_FLUSH_INTERVAL", "100ms"},
    });
    fixtures_ = new KeyFixtures(server_->db());
  }
  static void TearDownTestSuite() {
    delete fixtures_;
    delete server_;
  }

  void SetUp() override {
    stub_ = v1::ApiKeyService::NewStub(server_->channel());
  }

  KeyFixtures& fixtures() { return *fixtures_; }

  // Creates a key that must succeed.
  v1::CreateApiKeyResponse Create(const std::string& owner,
                                  const std::string& resource) {
    v1::CreateApiKeyResponse response;
    const grpc::Status status = CreateKey(*stub_, owner, resource, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status Get(const std::string& id, v1::ApiKey* key) {
    v1::GetApiKeyRequest request;
    request.set_id(id);
    return stub_->GetApiKey(KeywardServer::Context().get(), request, key);
  }

  grpc::Status Delete(const std::string& id, bool validate_only,
                      v1::DeleteApiKeyResponse* response) {
    v1::DeleteApiKeyRequest request;
    request.set_id(id);
    request.set_validate_only(validate_only);
    return stub_->DeleteApiKey(KeywardServer::Context().get(), request,
                               response);
  }

  grpc::Status List(const std::string& owner, const std::string& resource,
                    int page_size, const std::string& token,
                    v1::ListApiKeysResponse* response) {
    v1::ListApiKeysRequest request;
    request.set_owner_id(owner);
    request.set_resource_id(resource);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return stub_->ListApiKeys(KeywardServer::Context().get(), request,
                              response);
  }

  v1::VerifyApiKeyResponse Verify(const std::string& key,
                                  const std::string& secret,
                                  const std::string& resource) {
    return VerifyKey(*stub_, key, secret, resource);
  }

  int AuditRows(const std::string& action, const std::string& target) {
    return server_->db().Count(
        "audit_events",
        "action = '" + action + "' AND target_id = '" + target + "'");
  }

  static KeywardServer* server_;
  static KeyFixtures* fixtures_;
  std::unique_ptr<v1::ApiKeyService::Stub> stub_;
};

KeywardServer* ApiKeyTest::server_ = nullptr;
KeyFixtures* ApiKeyTest::fixtures_ = nullptr;

TEST_F(ApiKeyTest, CreateReturnsTheKeyAndASecretOfTheDocumentedShapes) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const v1::CreateApiKeyResponse first = Create(owner, cluster);
  const v1::CreateApiKeyResponse second = Create(owner, cluster);

  EXPECT_THAT(first.api_key().id(), MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_THAT(first.secret(), StartsWith("kwsec_"));
  EXPECT_THAT(first.secret(), MatchesRegex("kwsec_[A-Za-z0-9_-]{49}"));
  EXPECT_NE(first.api_key().id(), second.api_key().id());
  EXPECT_NE(first.secret(), second.secret());

  const v1::ApiKey& key = first.api_key();
  EXPECT_EQ(key.owner_id(), owner);
  EXPECT_EQ(key.owner_type(), v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  EXPECT_EQ(key.resource_id(), cluster);
  EXPECT_EQ(key.resource_kind(), v1::RESOURCE_KIND_KAFKA_CLUSTER);
  EXPECT_EQ(key.display_name(), "test key");
  EXPECT_EQ(key.description(), "made by api_key_test");
  EXPECT_EQ(key.created_by(), server_->admin_id());  // the caller
  EXPECT_GT(key.create_time().seconds(), 0);
  EXPECT_EQ(key.update_time().SerializeAsString(),
            key.create_time().SerializeAsString());
  EXPECT_FALSE(key.has_expire_time());
  EXPECT_FALSE(key.has_last_used_time());

  v1::ApiKey fetched;
  ASSERT_TRUE(Get(key.id(), &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), key.SerializeAsString());
}

TEST_F(ApiKeyTest, ACloudKeyIsStoredWithoutAResourceAndReadAsCloud) {
  // A user's keys are created by that user: here the admin, for itself.
  const std::string owner = server_->admin_id();
  const v1::CreateApiKeyResponse created = Create(owner, "cloud");
  EXPECT_EQ(created.api_key().resource_id(), "cloud");
  EXPECT_EQ(created.api_key().resource_kind(), v1::RESOURCE_KIND_CLOUD);
  EXPECT_EQ(created.api_key().owner_type(), v1::ACCOUNT_TYPE_USER);
  EXPECT_EQ(
      server_->db().QueryValue("SELECT resource_id FROM api_keys WHERE id = '" +
                               created.api_key().id() + "'"),
      "NULL");
  v1::ApiKey fetched;
  ASSERT_TRUE(Get(created.api_key().id(), &fetched).ok());
  EXPECT_EQ(fetched.resource_id(), "cloud");
}

TEST_F(ApiKeyTest, TheSecretIsNowhereInTheDatabaseOrTheLog) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  v1::CreateApiKeyRequest request;
  request.set_owner_id(owner);
  request.set_resource_id(cluster);
  request.set_description("scanned for its secret");
  *request.mutable_expire_time() = SecondsFromNow(3600);
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(
      stub_->CreateApiKey(KeywardServer::Context().get(), request, &created)
          .ok());
  const std::string& id = created.api_key().id();
  const std::string& secret = created.secret();
  ASSERT_FALSE(secret.empty());

  // Exercise every path the secret could leak through.
  EXPECT_TRUE(Verify(id, secret, cluster).valid());
  EXPECT_FALSE(Verify(id, secret, "cloud").valid());
  std::string mistyped = secret;
  mistyped.back() = mistyped.back() == 'A' ? 'B' : 'A';
  Verify(id, mistyped, cluster);
  Verify("ZZZZZZZZZZZZZZZZ", secret, cluster);
  v1::UpdateApiKeyRequest update;
  update.set_id(id);
  update.set_display_name("renamed");
  v1::ApiKey updated;
  ASSERT_TRUE(
      stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated)
          .ok());
  v1::ApiKey fetched;
  ASSERT_TRUE(Get(id, &fetched).ok());
  v1::ListApiKeysResponse listed;
  ASSERT_TRUE(List(owner, "", 0, "", &listed).ok());
  for (const std::string& response :
       {updated.SerializeAsString(), fetched.SerializeAsString(),
        listed.SerializeAsString()}) {
    EXPECT_EQ(response.find(secret), std::string::npos);
  }
  v1::DeleteApiKeyResponse deleted;
  ASSERT_TRUE(Delete(id, true, &deleted).ok());

  // Every row of every table, as text (bytea renders as hex).
  const auto tables = server_->db().Query(
      "SELECT quote_ident(table_name) FROM information_schema.tables "
      "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  ASSERT_GE(tables.size(), 6u);
  for (const auto& table : tables) {
    EXPECT_EQ(
        server_->db().Count(table[0] + " t", "strpos(t::text, '" + secret +
                                                 "') > 0 OR strpos(t::text, '" +
                                                 Hex(secret) + "') > 0"),
        0)
        << table[0];
  }
  EXPECT_EQ(server_->db().Count("api_keys", "id = '" + id + "'"), 1);
  EXPECT_EQ(server_->db().Count("audit_events", "target_id = '" + id + "'"),
            3);  // create, update and the dry-run delete

  const std::string log = server_->process().log();
  EXPECT_THAT(log, HasSubstr("ApiKeyService/VerifyApiKey"));
  EXPECT_EQ(log.find(secret), std::string::npos);
  EXPECT_EQ(log.find(secret.substr(6)), std::string::npos);
  EXPECT_EQ(log.find("kwsec_"), std::string::npos);
}

TEST_F(ApiKeyTest, BadCreateInputIsInvalidArgumentNamingTheField) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const int audit_events = server_->db().Count("audit_events");
  struct Case {
    std::string field;
    std::function<void(v1::CreateApiKeyRequest&)> change;
  };
  const std::vector<Case> cases = {
      {"owner_id", [&](auto& r) { r.set_owner_id(cluster); }},
      {"owner_id", [](auto& r) { r.set_owner_id("sa-UPPER123"); }},
      {"resource_id", [](auto& r) { r.clear_resource_id(); }},
      {"resource_id", [&](auto& r) { r.set_resource_id(owner); }},
      {"resource_id", [](auto& r) { r.set_resource_id("Cloud"); }},
      {"resource_id", [](auto& r) { r.set_resource_id("env-abcd1234"); }},
      {"display_name", [](auto& r) { r.set_display_name("tab\there"); }},
      {"display_name",
       [](auto& r) { r.set_display_name(std::string(1025, 'x')); }},
      {"description", [](auto& r) { r.set_description("bell\a"); }},
      {"description",
       [](auto& r) { r.set_description(std::string("nul\0", 4)); }},
      {"expire_time",
       [](auto& r) { *r.mutable_expire_time() = SecondsFromNow(-3600); }},
      {"expire_time",
       [](auto& r) { *r.mutable_expire_time() = SecondsFromNow(0); }},
      {"expire_time", [](auto& r) { r.mutable_expire_time()->set_nanos(-1); }},
      {"expire_time",
       [](auto& r) { r.mutable_expire_time()->set_seconds(1LL << 62); }},
  };
  for (const Case& c : cases) {
    v1::CreateApiKeyRequest request;
    request.set_owner_id(owner);
    request.set_resource_id(cluster);
    c.change(request);
    v1::CreateApiKeyResponse response;
    const grpc::Status status =
        stub_->CreateApiKey(KeywardServer::Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.field + ":"));
  }
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner + "'"), 0);
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events);
}

TEST_F(ApiKeyTest, UnknownOwnerOrResourceIsNotFoundAndWritesNothing) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const int audit_events = server_->db().Count("audit_events");
  const int keys = server_->db().Count("api_keys");
  v1::CreateApiKeyResponse response;

  const grpc::Status no_owner =
      CreateKey(*stub_, "sa-zzzzzzzz", cluster, &response);
  EXPECT_EQ(no_owner.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(no_owner.error_message(),
              HasSubstr("account sa-zzzzzzzz not found"));

  const grpc::Status no_resource =
      CreateKey(*stub_, owner, "lkc-zzzzzzzz", &response);
  EXPECT_EQ(no_resource.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(no_resource.error_message(),
              HasSubstr("resource lkc-zzzzzzzz not found"));

  for (bool validate_only : {false, true}) {
    EXPECT_EQ(CreateKey(*stub_, "u-zzzzzzzz", "cloud", &response, validate_only)
                  .error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events);
}

TEST_F(ApiKeyTest, OnlyDisplayNameAndDescriptionCanChange) {
  const std::string owner = fixtures().ServiceAccount();
  const v1::CreateApiKeyResponse created = Create(owner, "cloud");
  const std::string& id = created.api_key().id();

  v1::UpdateApiKeyRequest update;
  update.set_id(id);
  update.set_display_name("renamed");
  update.set_description("ignored: not in the mask");
  update.mutable_update_mask()->add_paths("display_name");
  v1::ApiKey updated;
  ASSERT_TRUE(
      stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.display_name(), "renamed");
  EXPECT_EQ(updated.description(), "made by api_key_test");
  EXPECT_EQ(updated.owner_id(), owner);
  EXPECT_EQ(updated.create_time().SerializeAsString(),
            created.api_key().create_time().SerializeAsString());
  EXPECT_GE(updated.update_time().seconds() * 1000000000LL +
                updated.update_time().nanos(),
            updated.create_time().seconds() * 1000000000LL +
                updated.create_time().nanos());

  // Without a mask every non-empty field changes; a masked empty one clears.
  update.clear_update_mask();
  update.set_display_name("");
  update.set_description("new description");
  ASSERT_TRUE(
      stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.display_name(), "renamed");
  EXPECT_EQ(updated.description(), "new description");
  // A masked empty display_name clears it; a masked empty description would
  // too, but the default policy requires one (description_required).
  update.mutable_update_mask()->add_paths("display_name");
  ASSERT_TRUE(
      stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.display_name(), "");
  update.mutable_update_mask()->set_paths(0, "description");
  update.set_description("");
  const grpc::Status cleared =
      stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated);
  EXPECT_EQ(cleared.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(cleared.error_message(), HasSubstr("[description_required]"));
  EXPECT_EQ(
      server_->db().Count("audit_events",
                          "action = "
                          "'api_key.update' AND allowed AND target_id = '" +
                              id + "'"),
      3);

  for (const std::string path :
       {"owner_id", "owner_type", "resource_id", "resource_kind", "expire_time",
        "create_time", "update_time", "last_used_time", "created_by", "id",
        "secret"}) {
    v1::UpdateApiKeyRequest immutable;
    immutable.set_id(id);
    immutable.set_display_name("x");
    immutable.mutable_update_mask()->add_paths("display_name");
    immutable.mutable_update_mask()->add_paths(path);
    const grpc::Status status = stub_->UpdateApiKey(
        KeywardServer::Context().get(), immutable, &updated);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << path;
    EXPECT_THAT(status.error_message(), HasSubstr(kImmutable)) << path;
  }
  // Three updates and the denied one; refused input reaches no decision.
  EXPECT_EQ(AuditRows("api_key.update", id), 4);

  v1::UpdateApiKeyRequest unknown_path;
  unknown_path.set_id(id);
  unknown_path.mutable_update_mask()->add_paths("colour");
  const grpc::Status unknown = stub_->UpdateApiKey(
      KeywardServer::Context().get(), unknown_path, &updated);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unknown.error_message(), HasSubstr("update_mask"));

  v1::UpdateApiKeyRequest nothing;
  nothing.set_id(id);
  const grpc::Status empty =
      stub_->UpdateApiKey(KeywardServer::Context().get(), nothing, &updated);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(empty.error_message(), HasSubstr("update_mask"));

  v1::UpdateApiKeyRequest bad_text;
  bad_text.set_id(id);
  bad_text.set_description("line\nbreak");
  const grpc::Status bad =
      stub_->UpdateApiKey(KeywardServer::Context().get(), bad_text, &updated);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("description:"));

  v1::UpdateApiKeyRequest missing;
  missing.set_id("ZZZZZZZZZZZZZZZZ");
  missing.set_display_name("x");
  EXPECT_EQ(
      stub_->UpdateApiKey(KeywardServer::Context().get(), missing, &updated)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(ApiKeyTest, GetAndDeleteOfUnknownOrMalformedIds) {
  v1::ApiKey key;
  EXPECT_EQ(Get("ZZZZZZZZZZZZZZZZ", &key).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const grpc::Status malformed = Get("zzzzzzzzzzzzzzzz", &key);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(malformed.error_message(),
              HasSubstr("id: must be an API key id"));

  const v1::CreateApiKeyResponse created =
      Create(fixtures().ServiceAccount(), "cloud");
  v1::DeleteApiKeyResponse deleted;
  ASSERT_TRUE(Delete(created.api_key().id(), false, &deleted).ok());
  EXPECT_EQ(deleted.id(), created.api_key().id());
  EXPECT_FALSE(deleted.validate_only());
  EXPECT_EQ(Get(created.api_key().id(), &key).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Delete(created.api_key().id(), false, &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Delete("", false, &deleted).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ApiKeyTest, ValidateOnlyCreateAndDeleteWriteNothing) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const v1::CreateApiKeyResponse existing = Create(owner, cluster);
  const int keys = server_->db().Count("api_keys");
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");
  const int dry_runs = server_->db().Count("audit_events", "validate_only");

  v1::CreateApiKeyResponse dry;
  ASSERT_TRUE(CreateKey(*stub_, owner, cluster, &dry, true).ok());
  EXPECT_EQ(dry.secret(), "");
  EXPECT_EQ(dry.api_key().id(), "");
  EXPECT_EQ(dry.api_key().owner_id(), owner);
  EXPECT_EQ(dry.api_key().resource_kind(), v1::RESOURCE_KIND_KAFKA_CLUSTER);
  EXPECT_GT(dry.api_key().create_time().seconds(), 0);

  v1::DeleteApiKeyResponse deleted;
  ASSERT_TRUE(Delete(existing.api_key().id(), true, &deleted).ok());
  EXPECT_TRUE(deleted.validate_only());
  EXPECT_EQ(deleted.id(), existing.api_key().id());
  EXPECT_EQ(Delete("ZZZZZZZZZZZZZZZZ", true, &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);

  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);
  // Only the two dry runs' own audit events are written.
  EXPECT_EQ(server_->db().Count("audit_events", "validate_only"), dry_runs + 2);
  EXPECT_TRUE(
      Verify(existing.api_key().id(), existing.secret(), cluster).valid());
}

TEST_F(ApiKeyTest, EachMutationWritesExactlyOneAuditRowWithoutTheSecret) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const v1::CreateApiKeyResponse created = Create(owner, cluster);
  const std::string& id = created.api_key().id();
  EXPECT_EQ(AuditRows("api_key.create", id), 1);
  const auto row = server_->db().Query(
      "SELECT actor_id, allowed, validate_only, request_summary->>'owner_id', "
      "request_summary->>'resource_id', request_summary::text FROM "
      "audit_events WHERE action = 'api_key.create' AND target_id = '" +
      id + "'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0], server_->admin_id());
  EXPECT_EQ(row[0][1], "t");
  EXPECT_EQ(row[0][2], "f");
  EXPECT_EQ(row[0][3], owner);
  EXPECT_EQ(row[0][4], cluster);
  EXPECT_EQ(row[0][5].find("kwsec_"), std::string::npos);

  v1::UpdateApiKeyRequest update;
  update.set_id(id);
  update.set_description("changed");
  v1::ApiKey updated;
  ASSERT_TRUE(
      stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(AuditRows("api_key.update", id), 1);

  v1::DeleteApiKeyResponse deleted;
  ASSERT_TRUE(Delete(id, false, &deleted).ok());
  EXPECT_EQ(AuditRows("api_key.delete", id), 1);
  EXPECT_EQ(server_->db().Count("audit_events", "target_id = '" + id + "'"), 3);
}

// 40 concurrent creates for one owner on one resource: exactly the quota.
TEST_F(ApiKeyTest, ParallelCreatesStopExactlyAtThePerResourceQuota) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const int audit_events = server_->db().Count("audit_events");

  const std::vector<grpc::Status> statuses = InParallel(40, [&](int) {
    auto stub = v1::ApiKeyService::NewStub(server_->channel());
    v1::CreateApiKeyResponse response;
    return CreateKey(*stub, owner, cluster, &response);
  });
  int created = 0, exhausted = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++created;
    } else {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
          << status.error_message();
      EXPECT_THAT(status.error_message(),
                  HasSubstr("quota-keys-per-owner-per-resource"));
      EXPECT_THAT(status.error_message(),
                  HasSubstr(owner + " already holds 10 keys on " + cluster));
      ++exhausted;
    }
  }
  EXPECT_EQ(created, 10);
  EXPECT_EQ(exhausted, 30);
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner + "'"), 10);
  // Only the ten real creates were audited.
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events + 10);

  // A Cloud key for the same owner is a different resource.
  Create(owner, "cloud");
}

TEST_F(ApiKeyTest, ParallelCreatesStopExactlyAtThePerOwnerQuota) {
  const std::string owner = fixtures().ServiceAccount();
  std::vector<std::string> clusters;
  for (int i = 0; i < 5; ++i) clusters.push_back(fixtures().KafkaCluster());

  // 8 per cluster: under the per-resource 10.
  const std::vector<grpc::Status> statuses = InParallel(40, [&](int i) {
    auto stub = v1::ApiKeyService::NewStub(server_->channel());
    v1::CreateApiKeyResponse response;
    return CreateKey(*stub, owner, clusters[i % 5], &response);
  });
  int created = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++created;
      continue;
    }
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(
        status.error_message(),
        HasSubstr(owner + " already holds 25 keys (quota-keys-per-owner)"));
  }
  EXPECT_EQ(created, kPerOwnerQuota);
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner + "'"),
            kPerOwnerQuota);
  v1::CreateApiKeyResponse response;
  EXPECT_EQ(CreateKey(*stub_, owner, "cloud", &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(CreateKey(*stub_, owner, "cloud", &response, true).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(ApiKeyTest, VerifyAnswersEveryReason) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const std::string other_cluster = fixtures().KafkaCluster();
  const v1::CreateApiKeyResponse key = Create(owner, cluster);
  const v1::CreateApiKeyResponse cloud_key = Create(owner, "cloud");
  const std::string& id = key.api_key().id();

  const v1::VerifyApiKeyResponse valid = Verify(id, key.secret(), cluster);
  EXPECT_TRUE(valid.valid());
  EXPECT_EQ(valid.reason(), v1::VERIFY_REASON_VALID);
  EXPECT_EQ(valid.api_key_id(), id);
  EXPECT_EQ(valid.owner_id(), owner);
  EXPECT_EQ(valid.owner_type(), v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  EXPECT_EQ(valid.resource_id(), cluster);
  EXPECT_FALSE(valid.has_expire_time());

  const v1::VerifyApiKeyResponse cloud_valid =
      Verify(cloud_key.api_key().id(), cloud_key.secret(), "cloud");
  EXPECT_EQ(cloud_valid.reason(), v1::VERIFY_REASON_VALID);
  EXPECT_EQ(cloud_valid.resource_id(), "cloud");

  // A wrong secret and an unknown key: the same answer, nothing about the key.
  const v1::VerifyApiKeyResponse wrong_secret =
      Verify(id, cloud_key.secret(), cluster);
  const v1::VerifyApiKeyResponse unknown_key =
      Verify("ZZZZZZZZZZZZZZZZ", key.secret(), cluster);
  EXPECT_EQ(wrong_secret.reason(), v1::VERIFY_REASON_INVALID_CREDENTIALS);
  EXPECT_FALSE(wrong_secret.valid());
  EXPECT_EQ(wrong_secret.SerializeAsString(), unknown_key.SerializeAsString());
  EXPECT_EQ(wrong_secret.api_key_id(), "");

  // Malformed: decided on shape and checksum alone.
  std::string wrong_checksum = key.secret();
  wrong_checksum.back() = wrong_checksum.back() == 'A' ? 'B' : 'A';
  for (const auto& [presented_key, presented_secret] :
       std::vector<std::pair<std::string, std::string>>{
           {id, wrong_checksum},
           {id, ""},
           {id, key.secret().substr(6)},
           {"abc", key.secret()},
           {"", key.secret()},
           {id + "A", key.secret()},
           {owner, key.secret()}}) {
    const v1::VerifyApiKeyResponse malformed =
        Verify(presented_key, presented_secret, cluster);
    EXPECT_EQ(malformed.reason(), v1::VERIFY_REASON_MALFORMED)
        << presented_key << " " << presented_secret.size();
    EXPECT_FALSE(malformed.valid());
    EXPECT_EQ(malformed.api_key_id(), "");
  }

  // Wrong resource: the key's own resource is reported.
  for (const std::string& resource :
       {other_cluster, std::string("cloud"), std::string("lkc-zzzzzzzz")}) {
    const v1::VerifyApiKeyResponse wrong = Verify(id, key.secret(), resource);
    EXPECT_EQ(wrong.reason(), v1::VERIFY_REASON_WRONG_RESOURCE) << resource;
    EXPECT_FALSE(wrong.valid());
    EXPECT_EQ(wrong.api_key_id(), id);
    EXPECT_EQ(wrong.resource_id(), cluster);
  }
  EXPECT_EQ(
      Verify(cloud_key.api_key().id(), cloud_key.secret(), cluster).reason(),
      v1::VERIFY_REASON_WRONG_RESOURCE);

  // A missing or malformed resource_id is the caller's error.
  for (const std::string& resource :
       {std::string(), owner, std::string("CLOUD"),
        std::string("env-abcd1234")}) {
    v1::VerifyApiKeyRequest request;
    request.set_key(id);
    request.set_secret(key.secret());
    request.set_resource_id(resource);
    v1::VerifyApiKeyResponse response;
    const grpc::Status status =
        stub_->VerifyApiKey(KeywardServer::Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << resource;
    EXPECT_THAT(status.error_message(), HasSubstr("resource_id:"));
  }

  // A deleted key no longer verifies.
  v1::DeleteApiKeyResponse deleted;
  ASSERT_TRUE(Delete(id, false, &deleted).ok());
  EXPECT_EQ(Verify(id, key.secret(), cluster).SerializeAsString(),
            unknown_key.SerializeAsString());
}

TEST_F(ApiKeyTest, AnExpiredKeyVerifiesExpired) {
  const std::string cluster = fixtures().KafkaCluster();
  v1::CreateApiKeyRequest request;
  request.set_owner_id(fixtures().ServiceAccount());
  request.set_resource_id(cluster);
  request.set_description("expires soon");
  *request.mutable_expire_time() = SecondsFromNow(3600);
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(
      stub_->CreateApiKey(KeywardServer::Context().get(), request, &created)
          .ok());
  EXPECT_EQ(created.api_key().expire_time().seconds(),
            request.expire_time().seconds());
  const std::string& id = created.api_key().id();

  // Time passing, simulated in the row before keywardd first reads (and
  // caches) the key: expire_time cannot change through the API.
  server_->db().Query(
      "UPDATE api_keys SET create_time = now() - interval '2 hours', "
      "expire_time = now() - interval '1 hour' WHERE id = '" +
      id + "'");
  const v1::VerifyApiKeyResponse expired =
      Verify(id, created.secret(), cluster);
  EXPECT_FALSE(expired.valid());
  EXPECT_EQ(expired.reason(), v1::VERIFY_REASON_EXPIRED);
  EXPECT_EQ(expired.api_key_id(), id);
  EXPECT_TRUE(expired.has_expire_time());
  EXPECT_LT(expired.expire_time().seconds(), std::time(nullptr));
  // Expiry is judged before the resource.
  EXPECT_EQ(Verify(id, created.secret(), "cloud").reason(),
            v1::VERIFY_REASON_EXPIRED);
  // ... and after the credentials.
  EXPECT_EQ(
      Verify(id, Create(fixtures().ServiceAccount(), "cloud").secret(), cluster)
          .reason(),
      v1::VERIFY_REASON_INVALID_CREDENTIALS);
}

TEST_F(ApiKeyTest, AFarFutureExpiryRoundTripsToTheMicrosecond) {
  v1::CreateApiKeyRequest request;
  request.set_owner_id(fixtures().ServiceAccount());
  request.set_resource_id("cloud");
  request.set_description("lives long");
  request.mutable_expire_time()->set_seconds(
      253402300799);  // 9999-12-31T23:59:59
  request.mutable_expire_time()->set_nanos(999999999);
  v1::CreateApiKeyResponse created;
  const grpc::Status status =
      stub_->CreateApiKey(KeywardServer::Context().get(), request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ApiKey fetched;
  ASSERT_TRUE(Get(created.api_key().id(), &fetched).ok());
  EXPECT_EQ(fetched.expire_time().seconds(), 253402300799);
  EXPECT_EQ(fetched.expire_time().nanos(), 999999000);  // microseconds
  EXPECT_TRUE(
      Verify(created.api_key().id(), created.secret(), "cloud").valid());
}

TEST_F(ApiKeyTest, ValidVerificationsSetLastUsedTime) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  const v1::CreateApiKeyResponse used = Create(owner, cluster);
  const v1::CreateApiKeyResponse misused = Create(owner, cluster);
  const int64_t before = std::time(nullptr);

  // Not a VALID answer: not a use.
  EXPECT_EQ(Verify(misused.api_key().id(), misused.secret(), "cloud").reason(),
            v1::VERIFY_REASON_WRONG_RESOURCE);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(Verify(used.api_key().id(), used.secret(), cluster).valid());
  }

  v1::ApiKey key;
  ASSERT_TRUE(Eventually("last_used_time to be written", [&] {
    return Get(used.api_key().id(), &key).ok() && key.has_last_used_time();
  }));
  EXPECT_GE(key.last_used_time().seconds(), before - 1);
  EXPECT_LE(key.last_used_time().seconds(), std::time(nullptr) + 1);
  // Recording a use is not an update.
  EXPECT_EQ(key.update_time().SerializeAsString(),
            used.api_key().update_time().SerializeAsString());
  EXPECT_EQ(AuditRows("api_key.update", used.api_key().id()), 0);

  ASSERT_TRUE(Get(misused.api_key().id(), &key).ok());
  EXPECT_FALSE(key.has_last_used_time());
}

TEST_F(ApiKeyTest, ListFiltersByOwnerAndResourceAndPagesStably) {
  const std::string owner = fixtures().ServiceAccount();
  const std::string other_owner = fixtures().ServiceAccount();
  const std::string cluster = fixtures().KafkaCluster();
  std::set<std::string> owner_keys, cloud_keys, cluster_keys;
  for (int i = 0; i < 3; ++i) {
    const std::string id = Create(owner, cluster).api_key().id();
    owner_keys.insert(id);
    cluster_keys.insert(id);
  }
  for (int i = 0; i < 2; ++i) {
    const std::string id = Create(owner, "cloud").api_key().id();
    owner_keys.insert(id);
    cloud_keys.insert(id);
  }
  cluster_keys.insert(Create(other_owner, cluster).api_key().id());

  auto ids = [&](const std::string& o, const std::string& r) {
    v1::ListApiKeysResponse response;
    const grpc::Status status = List(o, r, 100, "", &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::set<std::string> result;
    for (const auto& key : response.api_keys()) {
      result.insert(key.id());
      EXPECT_TRUE(o.empty() || key.owner_id() == o);
      EXPECT_TRUE(r.empty() || key.resource_id() == r);
    }
    return result;
  };
  EXPECT_EQ(ids(owner, ""), owner_keys);
  EXPECT_EQ(ids(owner, "cloud"), cloud_keys);
  EXPECT_EQ(ids("", cluster), cluster_keys);
  EXPECT_EQ(ids(other_owner, "cloud"), std::set<std::string>{});
  EXPECT_EQ(ids("sa-zzzzzzzz", ""), std::set<std::string>{});

  // Two per page; a key created mid-walk does not disturb it.
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListApiKeysResponse response;
    ASSERT_TRUE(List(owner, "", 2, token, &response).ok());
    EXPECT_LE(response.api_keys_size(), 2);
    for (const auto& key : response.api_keys()) {
      EXPECT_TRUE(seen.insert(key.id()).second) << "twice: " << key.id();
    }
    if (pages == 0) Create(owner, cluster);
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 20);
  for (const std::string& id : owner_keys) EXPECT_TRUE(seen.count(id)) << id;

  // A token is bound to its filters.
  v1::ListApiKeysResponse first;
  ASSERT_TRUE(List(owner, "", 1, "", &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  v1::ListApiKeysResponse response;
  for (const auto& [o, r, t] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {owner, "cloud", first.next_page_token()},
           {"", "", first.next_page_token()},
           {owner, "", "garbage"},
           {owner, "", first.next_page_token() + "x"}}) {
    const grpc::Status status = List(o, r, 1, t, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << t;
    EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  }
  for (int size : {-1, 101}) {
    const grpc::Status status = List("", "", size, "", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  }
  const grpc::Status bad_owner = List(cluster, "", 0, "", &response);
  EXPECT_EQ(bad_owner.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad_owner.error_message(), HasSubstr("owner_id:"));
  const grpc::Status bad_resource = List("", owner, 0, "", &response);
  EXPECT_EQ(bad_resource.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad_resource.error_message(), HasSubstr("resource_id:"));
}

// Whatever bytes a client sends, the answer is never INTERNAL or a crash.
TEST_F(ApiKeyTest, GarbageInputNeverProducesInternal) {
  std::mt19937 random(20240601);
  // Random code points, control characters and NUL included. (proto3
  // string fields must hold valid UTF-8; gRPC itself rejects other bytes
  // before any Keyward code runs.)
  auto garbage = [&] {
    std::string text;
    for (int n = random() % 40; n > 0; --n) {
      uint32_t c = random() % 4 ? random() % 0x80 : random() % 0x10000;
      if (c >= 0xD800 && c <= 0xDFFF) c = '?';
      if (c < 0x80) {
        text += static_cast<char>(c);
      } else if (c < 0x800) {
        text += static_cast<char>(0xC0 | (c >> 6));
        text += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        text += static_cast<char>(0xE0 | (c >> 12));
        text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    return text;
  };
  const std::string owner = fixtures().ServiceAccount();
  auto acceptable = [](const grpc::Status& status) {
    return status.error_code() != grpc::StatusCode::INTERNAL &&
           status.error_code() != grpc::StatusCode::UNKNOWN &&
           status.error_code() != grpc::StatusCode::UNAVAILABLE;
  };
  for (int i = 0; i < 100; ++i) {
    v1::CreateApiKeyRequest create;
    create.set_owner_id(i % 2 ? owner : garbage());
    create.set_resource_id(i % 3 ? "cloud" : garbage());
    create.set_display_name(garbage());
    create.set_description(garbage());
    create.set_validate_only(true);
    v1::CreateApiKeyResponse created;
    const grpc::Status c =
        stub_->CreateApiKey(KeywardServer::Context().get(), create, &created);
    EXPECT_TRUE(acceptable(c)) << c.error_message();

    v1::VerifyApiKeyRequest verify;
    verify.set_key(garbage());
    verify.set_secret("kwsec_" + garbage());
    verify.set_resource_id(i % 2 ? "cloud" : garbage());
    v1::VerifyApiKeyResponse verified;
    const grpc::Status v =
        stub_->VerifyApiKey(KeywardServer::Context().get(), verify, &verified);
    EXPECT_TRUE(acceptable(v)) << v.error_message();

    v1::ListApiKeysResponse listed;
    const grpc::Status l =
        List(garbage(), i % 2 ? "" : garbage(), 0, garbage(), &listed);
    EXPECT_TRUE(acceptable(l)) << l.error_message();

    v1::UpdateApiKeyRequest update;
    update.set_id(garbage());
    update.set_display_name(garbage());
    update.mutable_update_mask()->add_paths(garbage());
    v1::ApiKey updated;
    const grpc::Status u =
        stub_->UpdateApiKey(KeywardServer::Context().get(), update, &updated);
    EXPECT_TRUE(acceptable(u)) << u.error_message();
  }
}

// Restarts and crashes: each test runs its own keywardd processes against
// one database.
class ApiKeyDurabilityTest : public ::testing::Test {
 protected:
  ApiKeyDurabilityTest() : dir_(MakeTempDir()) {
    pepper_file_ = dir_ + "/pepper";
    std::ofstream(pepper_file_) << "durability-pepper-0123456789abcdefghijkl";
    std::filesystem::permissions(pepper_file_,
                                 std::filesystem::perms::owner_read |
                                     std::filesystem::perms::owner_write);
    previous_admin_ = KeywardServer::UseAdmin(KeywardServer::BootstrapAdmin(
        db_.url(), {{"KEYWARD_PEPPER_FILE", pepper_file_}}));
  }
  ~ApiKeyDurabilityTest() override {
    KeywardServer::RestoreAuthorization(previous_admin_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::unique_ptr<KeywarddProcess> StartKeywardd(
      std::map<std::string, std::string> env = {}) {
    env["KEYWARD_DATABASE_URL"] = db_.url();
    env["KEYWARD_PEPPER_FILE"] = pepper_file_;
    env["KEYWARD_OPA_URL"] = RequiredEnv("KEYWARD_TEST_OPA_URL");
    auto process = std::make_unique<KeywarddProcess>(env);
    EXPECT_TRUE(process->Start()) << process->log();
    return process;
  }

  static std::unique_ptr<v1::ApiKeyService::Stub> StubFor(
      const KeywarddProcess& process) {
    return v1::ApiKeyService::NewStub(grpc::CreateChannel(
        process.address(), grpc::InsecureChannelCredentials()));
  }

  TestDatabase db_;
  std::string dir_;
  std::string pepper_file_;
  std::string previous_admin_;
};

TEST_F(ApiKeyDurabilityTest, KeysCreatedBeforeARestartStillVerifyAfterIt) {
  // A flush interval longer than the test: only the shutdown flush can
  // write last_used_time.
  auto first = StartKeywardd({{"KEYWARD_LAST_USED_FLUSH_INTERVAL", "1h"}});
  KeyFixtures fixtures(db_);
  const std::string owner = fixtures.ServiceAccount();
  const std::string cluster = fixtures.KafkaCluster();
  std::vector<v1::CreateApiKeyResponse> keys(3);
  {
    auto stub = StubFor(*first);
    ASSERT_TRUE(CreateKey(*stub, owner, cluster, &keys[0]).ok());
    ASSERT_TRUE(CreateKey(*stub, owner, "cloud", &keys[1]).ok());
    ASSERT_TRUE(
        CreateKey(*stub, fixtures.ServiceAccount(), "cloud", &keys[2]).ok());
    EXPECT_TRUE(
        VerifyKey(*stub, keys[0].api_key().id(), keys[0].secret(), cluster)
            .valid());
  }
  EXPECT_EQ(first->Stop(SIGTERM), 0) << first->log();
  EXPECT_EQ(db_.Count("api_keys", "id = '" + keys[0].api_key().id() +
                                      "' AND last_used_time IS NOT NULL"),
            1)
      << "the shutdown flush did not write last_used_time";

  auto second = StartKeywardd();
  auto stub = StubFor(*second);
  EXPECT_TRUE(
      VerifyKey(*stub, keys[0].api_key().id(), keys[0].secret(), cluster)
          .valid());
  EXPECT_TRUE(
      VerifyKey(*stub, keys[1].api_key().id(), keys[1].secret(), "cloud")
          .valid());
  EXPECT_TRUE(
      VerifyKey(*stub, keys[2].api_key().id(), keys[2].secret(), "cloud")
          .valid());
  EXPECT_EQ(VerifyKey(*stub, keys[1].api_key().id(), keys[0].secret(), "cloud")
                .reason(),
            v1::VERIFY_REASON_INVALID_CREDENTIALS);
}

TEST_F(ApiKeyDurabilityTest, AKillDuringCreatesLeavesNoKeyWithoutItsAudit) {
  auto keywardd =
      StartKeywardd({{"KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE", "100000"},
                     {"KEYWARD_QUOTA_KEYS_PER_OWNER", "100000"}});
  KeyFixtures fixtures(db_);
  const std::string owner = fixtures.ServiceAccount();
  const std::string cluster = fixtures.KafkaCluster();

  std::atomic<bool> stop{false};
  std::atomic<int> created{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      auto stub = StubFor(*keywardd);
      while (!stop) {
        v1::CreateApiKeyResponse response;
        if (CreateKey(*stub, owner, t % 2 ? cluster : "cloud", &response)
                .ok()) {
          ++created;
        } else if (stop) {
          break;
        }
      }
    });
  }
  // Kill while creates are in flight.
  Eventually(
      "200 keys to be created", [&] { return created >= 200; },
      std::chrono::seconds(60));
  EXPECT_EQ(keywardd->Stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (auto& client : clients) client.join();

  EXPECT_GE(db_.Count("api_keys"), created.load());
  EXPECT_EQ(
      db_.Count("api_keys k",
                "NOT EXISTS (SELECT 1 "
                "FROM audit_events a WHERE a.target_id = k.id AND a.action = "
                "'api_key.create')"),
      0);
  EXPECT_EQ(
      db_.Count("audit_events a",
                "a.action = "
                "'api_key.create' AND NOT EXISTS (SELECT 1 FROM api_keys k "
                "WHERE k.id = a.target_id)"),
      0);

  // The next keywardd serves the same database.
  auto next = StartKeywardd();
  v1::CreateApiKeyResponse response;
  const grpc::Status status =
      CreateKey(*StubFor(*next), fixtures.ServiceAccount(), cluster, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace keyward::testing
