// Caller authentication through gRPC: every Keyward RPC needs a Cloud API
// key in `authorization: Basic base64(key:secret)`; every kind of bad
// credential gets the same UNAUTHENTICATED answer; repeated failures from an
// address are refused for a while (RESOURCE_EXHAUSTED) and audited, but a
// correct secret is never refused for anyone else's failures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

grpc::Status ListEnvironmentsWith(
    KeywardServer& server, const std::optional<std::string>& header,
    const std::optional<std::string>& forwarded_for = std::nullopt) {
  auto stub = v1::EnvironmentService::NewStub(server.channel());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  if (header) context.AddMetadata("authorization", *header);
  if (forwarded_for) context.AddMetadata("x-forwarded-for", *forwarded_for);
  v1::ListEnvironmentsResponse response;
  return stub->ListEnvironments(&context, {}, &response);
}

// The admin's key id with a secret that is well-formed but wrong.
std::string WrongAdminSecret(const KeywardServer& server) {
  std::string wrong = server.admin_key() + ":" + server.admin_secret();
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  return KeywardServer::BasicAuthorization(wrong);
}

// A new service account's Cloud key, as KEY:SECRET, created by the admin.
std::string NewCloudKey(KeywardServer& server) {
  Fixtures make(server.channel());
  return Credentials(
      make.ApiKey(make.ServiceAccount().Named("bystander").Create().id(),
                  "cloud")
          .Create());
}

// Every lockout event as "actor_id target_id request_summary".
std::vector<std::string> Lockouts(KeywardServer& server) {
  std::vector<std::string> lockouts;
  for (const auto& row : server.db().Query(
           "SELECT actor_id || ' ' || target_id || ' ' || "
           "request_summary::text "
           "FROM audit_events WHERE action = 'authentication.lockout' AND "
           "NOT allowed ORDER BY id")) {
    lockouts.push_back(row.at(0));
  }
  return lockouts;
}

class AuthenticationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Far from the lockout threshold: this suite fails on purpose a lot.
    server_ = new KeywardServer(std::map<std::string, std::string>{
        {"KEYWARD_AUTH_FAILURE_LIMIT", "100000"}});
  }
  static void TearDownTestSuite() { delete server_; }

  // A key of a new service account on `resource_id`, created through the
  // API, as KEY:SECRET; `expire_soon`: expired a second ago.
  std::string Key(const std::string& resource_id, bool expire_soon = false) {
    Fixtures make(server_->channel());
    const v1::CreateApiKeyResponse created =
        make.ApiKey(make.ServiceAccount().Named("caller").Create().id(),
                    resource_id)
            .Create();
    if (expire_soon) {
      server_->db().Query(
          "UPDATE api_keys SET expire_time = now() - interval '1 second', "
          "create_time = now() - interval '1 hour' WHERE id = '" +
          created.api_key().id() + "'");
    }
    return Credentials(created);
  }

  std::string Cluster() {
    Fixtures make(server_->channel());
    return make.KafkaCluster(make.Environment().Named("auth").Create().id())
        .Named("c")
        .Create()
        .id();
  }

  static KeywardServer* server_;
};

KeywardServer* AuthenticationTest::server_ = nullptr;

TEST_F(AuthenticationTest, TheBootstrappedAdminKeyAuthenticates) {
  const grpc::Status status = ListEnvironmentsWith(
      *server_, KeywardServer::BasicAuthorization(server_->admin_key() + ":" +
                                                  server_->admin_secret()));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AuthenticationTest, EveryKindOfBadCredentialGetsTheSameAnswer) {
  const std::string admin =
      server_->admin_key() + ":" + server_->admin_secret();
  std::string wrong_secret = admin;
  wrong_secret.back() = wrong_secret.back() == 'A' ? 'B' : 'A';
  const std::string cloud_key = Key("cloud");
  std::string other_secret_same_shape = Key("cloud");
  other_secret_same_shape =
      cloud_key.substr(0, 17) + other_secret_same_shape.substr(17);

  const std::vector<std::pair<std::string, std::optional<std::string>>> cases =
      {
          {"missing", std::nullopt},
          {"empty", std::string()},
          {"not basic", "Bearer " + admin},
          {"not base64", "Basic !!!"},
          {"no colon", KeywardServer::BasicAuthorization("JUSTAKEYNOSECRET")},
          {"unknown key", KeywardServer::BasicAuthorization(
                              "ZZZZZZZZZZZZZZZZ:" + admin.substr(17))},
          {"checksum broken", KeywardServer::BasicAuthorization(wrong_secret)},
          {"another key's secret",
           KeywardServer::BasicAuthorization(other_secret_same_shape)},
          {"expired", KeywardServer::BasicAuthorization(Key("cloud", true))},
          {"resource key", KeywardServer::BasicAuthorization(Key(Cluster()))},
      };
  std::set<std::string> messages;
  for (const auto& [name, header] : cases) {
    const grpc::Status status = ListEnvironmentsWith(*server_, header);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
    messages.insert(status.error_message());
  }
  ASSERT_EQ(messages.size(), 1u) << "the answers tell the cases apart";
  EXPECT_THAT(*messages.begin(), HasSubstr("Cloud API key"));
  EXPECT_THAT(server_->process().log(),
              ::testing::Not(HasSubstr(admin.substr(17))));
}

TEST_F(AuthenticationTest, AnyServiceAccountsCloudKeyIdentifiesItsOwner) {
  const std::string credentials = Key("cloud");
  auto keys = v1::ApiKeyService::NewStub(server_->channel());
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      KeywardServer::BasicAuthorization(credentials));
  v1::GetApiKeyRequest request;
  request.set_id(credentials.substr(0, 16));
  v1::ApiKey key;
  ASSERT_TRUE(keys->GetApiKey(&context, request, &key).ok());
  // The last use of the caller's own key is recorded like any verification.
  EXPECT_EQ(key.id(), credentials.substr(0, 16));
}

TEST(BootstrapTest, WorksOnceAndThenRefuses) {
  TestDatabase db;
  const std::string first = KeywardServer::BootstrapAdmin(db.url());
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM role_bindings WHERE role = "
                          "'OrganizationAdmin' AND scope = 'organization'"),
            "1");
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM audit_events WHERE actor_id "
                          "= 'bootstrap'"),
            "3");
  KeywarddProcess again({{"KEYWARD_DATABASE_URL", db.url()}},
                        {"bootstrap", "--email", "second@keyward.test"});
  EXPECT_EQ(again.RunToExit(), 1);
  EXPECT_THAT(again.log(), HasSubstr("an OrganizationAdmin already exists"));
  EXPECT_THAT(again.log(), ::testing::Not(HasSubstr("kwsec_")));
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM accounts"), "1");
}

TEST(LockoutTest, WrongSecretsFromOneAddressNeverLockOutTheRightSecret) {
  KeywardServer server(
      {{"KEYWARD_AUTH_FAILURE_LIMIT", "10"}, {"KEYWARD_AUTH_LOCKOUT", "1h"}});
  const std::string bystander = NewCloudKey(server);
  const std::string wrong = WrongAdminSecret(server);
  // Twelve wrong secrets for the admin's key id, all from 127.0.0.1.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(ListEnvironmentsWith(server, wrong).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << i;
  }
  for (int i = 10; i < 12; ++i) {
    const grpc::Status refused = ListEnvironmentsWith(server, wrong);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << i;
    EXPECT_THAT(refused.error_message(),
                HasSubstr("too many failed authentications from this "
                          "address; try again later"));
  }
  // The admin, from the same address, with the right secret.
  const grpc::Status admin = ListEnvironmentsWith(
      server, KeywardServer::BasicAuthorization(server.admin_key() + ":" +
                                                server.admin_secret()));
  EXPECT_TRUE(admin.ok()) << admin.error_message();
  // Another key's owner from the same address.
  const grpc::Status other = ListEnvironmentsWith(
      server, KeywardServer::BasicAuthorization(bystander));
  EXPECT_TRUE(other.ok()) << other.error_message();
  // Wrong secrets from that address are still refused.
  EXPECT_EQ(ListEnvironmentsWith(server, wrong).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // One lockout, audited once, naming the key id and the address.
  EXPECT_THAT(
      Lockouts(server),
      ::testing::ElementsAre(server.admin_key() + " 127.0.0.1 " +
                             R"({"key": ")" + server.admin_key() +
                             R"(", "scope": ["address", "key_at_address"], )"
                             R"("address": "127.0.0.1"})"));
}

TEST(LockoutTest, MalformedCredentialsAreUnauthenticatedAndNeverRecorded) {
  const std::string secret = "kwsec_" + std::string(50, 'Q');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"key not UTF-8",
       KeywardServer::BasicAuthorization("\xff\xfeINJECTED\xc3\x28:" + secret)},
      {"key with NUL",
       KeywardServer::BasicAuthorization(std::string("INJECTED\0AAAAAAA", 16) +
                                         ":" + secret)},
      {"key with newline",
       KeywardServer::BasicAuthorization("INJECTED\nAAAAAAA:" + secret)},
      {"key with CRLF",
       KeywardServer::BasicAuthorization("INJECTED\r\nX-Forged: 1:" + secret)},
      {"secret not UTF-8",
       KeywardServer::BasicAuthorization("INJECTEDAAAAAAAA:kwsec_\xff\xfe")},
      {"secret with NUL", KeywardServer::BasicAuthorization(
                              std::string("INJECTEDAAAAAAAA:kwsec_\0x", 25))},
      {"secret with newline",
       KeywardServer::BasicAuthorization("INJECTEDAAAAAAAA:kwsec_\nx")},
      {"long key", KeywardServer::BasicAuthorization(std::string(1000, 'I') +
                                                     ":" + secret)},
      {"long secret", KeywardServer::BasicAuthorization(
                          "INJECTEDAAAAAAAA:kwsec_" + std::string(1000, 'x'))},
      {"not base64", "Basic INJECTED!!!"},
      {"8 KiB header", "Basic " + std::string(8 * 1024, 'A')},
      {"12 KiB header",
       KeywardServer::BasicAuthorization("INJECTED" + std::string(9000, 'A') +
                                         ":" + secret)},
  };
  // The lockout tips on the last case, so every answer is the plain one.
  KeywardServer server(
      {{"KEYWARD_AUTH_FAILURE_LIMIT", std::to_string(cases.size())},
       {"KEYWARD_AUTH_LOCKOUT", "1h"}});
  for (const auto& [name, header] : cases) {
    const grpc::Status status = ListEnvironmentsWith(server, header);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << name << ": " << status.error_message();
  }
  EXPECT_THAT(
      Lockouts(server),
      ::testing::ElementsAre(R"(malformed 127.0.0.1 {"key": "malformed", )"
                             R"("scope": ["address", "key_at_address"], )"
                             R"("address": "127.0.0.1"})"));
  EXPECT_EQ(server.db().QueryValue(
                "SELECT count(*) FROM audit_events WHERE actor_id || "
                "target_id || request_summary::text LIKE '%INJECTED%'"),
            "0");
  EXPECT_THAT(server.process().log(), Not(HasSubstr("INJECTED")));
  EXPECT_THAT(server.process().log(), Not(HasSubstr("X-Forged")));
  // And the server is fine.
  const grpc::Status admin = ListEnvironmentsWith(
      server, KeywardServer::BasicAuthorization(server.admin_key() + ":" +
                                                server.admin_secret()));
  EXPECT_TRUE(admin.ok()) << admin.error_message();
}

TEST(LockoutTest, ForwardedForFromAnUntrustedPeerDoesNotMoveTheCounting) {
  KeywardServer server(
      {{"KEYWARD_AUTH_FAILURE_LIMIT", "3"}, {"KEYWARD_AUTH_LOCKOUT", "1h"}});
  const std::string wrong = WrongAdminSecret(server);
  // Each failure claims to come from somewhere else.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        ListEnvironmentsWith(server, wrong, "203.0.113." + std::to_string(i))
            .error_code(),
        grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(ListEnvironmentsWith(server, wrong, "198.51.100.77").error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  const std::vector<std::string> lockouts = Lockouts(server);
  ASSERT_EQ(lockouts.size(), 1u);
  EXPECT_THAT(lockouts[0],
              ::testing::StartsWith(server.admin_key() + " 127.0.0.1 "));
}

TEST(LockoutTest, ATrustedProxysForwardedForNamesTheClient) {
  KeywardServer server({{"KEYWARD_AUTH_FAILURE_LIMIT", "3"},
                        {"KEYWARD_AUTH_LOCKOUT", "1h"},
                        {"KEYWARD_TRUSTED_PROXIES", "10.9.9.9,127.0.0.1"}});
  const std::string wrong = WrongAdminSecret(server);
  // The client forged the left-most entry; the proxy appended the real one.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        ListEnvironmentsWith(
            server, wrong, "198.51.100." + std::to_string(i) + ", 203.0.113.5")
            .error_code(),
        grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(ListEnvironmentsWith(server, wrong, "203.0.113.5").error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Another client behind the same proxy is not held back.
  EXPECT_EQ(ListEnvironmentsWith(server, wrong, "203.0.113.6").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::vector<std::string> lockouts = Lockouts(server);
  ASSERT_EQ(lockouts.size(), 1u);
  EXPECT_THAT(lockouts[0],
              ::testing::StartsWith(server.admin_key() + " 203.0.113.5 "));
}

}  // namespace
}  // namespace keyward::testing
