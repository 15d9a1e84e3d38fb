// A replica whose revocation feed stalls silently — the connection stays
// open, nothing arrives, nobody is told (a stuck NAT, firewall or network,
// played by a TcpProxy that stops passing bytes) — must not go on accepting
// a key deleted on another replica: the heartbeat notices the stall and
// flushes, and cached verifications expire at --verification-cache-max-age
// in any case. Replica a reaches PostgreSQL through the proxy, replica b
// directly.
#include <gtest/gtest.h>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/tcp_proxy.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

// The revocation listener's connection names itself so in its startup
// message; the pool's connections do not.
constexpr char kListenerConnection[] = "keywardd-revocations";

class RevocationPartitionTest : public ::testing::Test {
 protected:
  RevocationPartitionTest() {
    previous_admin_ =
        KeywardServer::UseAdmin(KeywardServer::BootstrapAdmin(db_.url()));
  }
  ~RevocationPartitionTest() override {
    KeywardServer::RestoreAuthorization(previous_admin_);
  }

  // Starts a through the proxy and b directly.
  void StartReplicas(const std::string& heartbeat_interval,
                     const std::string& max_age) {
    a_ = std::make_unique<KeywarddProcess>(std::map<std::string, std::string>{
        {"KEYWARD_DATABASE_URL", proxy_.url()},
        {"KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL")},
        {"KEYWARD_REVOCATION_HEARTBEAT_INTERVAL", heartbeat_interval},
        {"KEYWARD_VERIFICATION_CACHE_MAX_AGE", max_age}});
    ASSERT_TRUE(a_->Start()) << a_->log();
    b_ = std::make_unique<KeywarddProcess>(std::map<std::string, std::string>{
        {"KEYWARD_DATABASE_URL", db_.url()},
        {"KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL")}});
    ASSERT_TRUE(b_->Start()) << b_->log();
    keys_a_ = v1::ApiKeyService::NewStub(
        grpc::CreateChannel(a_->address(), grpc::InsecureChannelCredentials()));
    keys_b_ = v1::ApiKeyService::NewStub(
        grpc::CreateChannel(b_->address(), grpc::InsecureChannelCredentials()));
    ASSERT_TRUE(FeedListeningTimes(1)) << a_->log();
  }

  // Whether a's log shows, within 30 s, that its feed started listening at
  // least `times`.
  bool FeedListeningTimes(int times) {
    return Eventually(
        "replica a's feed to start listening " + std::to_string(times) +
            " times",
        [&] {
          const std::string log = a_->log();
          int seen = 0;
          for (size_t at = log.find("revocation feed: listening");
               at != std::string::npos;
               at = log.find("revocation feed: listening", at + 1)) {
            ++seen;
          }
          return seen >= times;
        },
        std::chrono::seconds(30));
  }

  v1::CreateApiKeyResponse CloudKeyFromB() {
    Fixtures on_b(
        grpc::CreateChannel(b_->address(), grpc::InsecureChannelCredentials()));
    return on_b
        .ApiKey(on_b.ServiceAccount().Named("partitioned").Create().id(),
                "cloud")
        .Described("verified on replica a")
        .Create();
  }

  void DeleteOnB(const v1::CreateApiKeyResponse& key) {
    v1::DeleteApiKeyRequest request;
    request.set_id(key.api_key().id());
    v1::DeleteApiKeyResponse deleted;
    ASSERT_TRUE(
        keys_b_->DeleteApiKey(KeywardServer::Context().get(), request, &deleted)
            .ok());
  }

  // Replica a's VerifyApiKey of the key for "cloud", with a short deadline
  // (a stalled database must not hang the test).
  grpc::Status VerifyOnA(const v1::CreateApiKeyResponse& key,
                         v1::VerifyApiKeyResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(3));
    KeywardServer::Authorize(context);
    v1::VerifyApiKeyRequest request;
    request.set_key(key.api_key().id());
    request.set_secret(key.secret());
    request.set_resource_id("cloud");
    return keys_a_->VerifyApiKey(&context, request, response);
  }

  // Whether a answers the key VALID; a call that fails or outlasts its
  // deadline (the database stalled) is no VALID either.
  bool ValidOnA(const v1::CreateApiKeyResponse& key) {
    v1::VerifyApiKeyResponse response;
    return VerifyOnA(key, &response).ok() && response.valid();
  }

  bool StopsVerifyingOnAWithin(const v1::CreateApiKeyResponse& key,
                               std::chrono::seconds deadline) {
    return Eventually(
        "replica a to stop verifying a deleted key",
        [&] { return !ValidOnA(key); }, deadline);
  }

  // Whether the key verifies on a, once a answers at all.
  bool VerifiesOnAOnceAnswering(const v1::CreateApiKeyResponse& key) {
    v1::VerifyApiKeyResponse response;
    if (!Eventually(
            "replica a to answer again",
            [&] { return VerifyOnA(key, &response).ok(); },
            std::chrono::seconds(30))) {
      ADD_FAILURE() << a_->log();
      return false;
    }
    return response.valid();
  }

  TestDatabase db_;
  TcpProxy proxy_{db_.url()};
  std::string previous_admin_;
  std::unique_ptr<KeywarddProcess> a_, b_;
  std::unique_ptr<v1::ApiKeyService::Stub> keys_a_, keys_b_;
};

TEST_F(RevocationPartitionTest, TheHeartbeatNoticesAStalledFeed) {
  // A maximum age far beyond the test: only the heartbeat can save it.
  StartReplicas("100ms", "1h");
  const v1::CreateApiKeyResponse key = CloudKeyFromB();
  ASSERT_TRUE(ValidOnA(key));  // warm in a's cache

  proxy_.Freeze(kListenerConnection);
  DeleteOnB(key);  // its NOTIFY never reaches a
  EXPECT_TRUE(StopsVerifyingOnAWithin(key, std::chrono::seconds(10)))
      << a_->log();
  EXPECT_NE(a_->log().find("no heartbeat came back"), std::string::npos)
      << a_->log();

  // Once the network heals, a listens again and hears deletes as before.
  proxy_.Thaw();
  ASSERT_TRUE(FeedListeningTimes(2)) << a_->log();
  const v1::CreateApiKeyResponse later = CloudKeyFromB();
  ASSERT_TRUE(ValidOnA(later));
  DeleteOnB(later);
  EXPECT_TRUE(StopsVerifyingOnAWithin(later, std::chrono::seconds(5)));
}

TEST_F(RevocationPartitionTest, TheMaximumAgeBoundsAStallNobodyNoticed) {
  // A heartbeat too slow to notice anything within the test.
  StartReplicas("1h", "2s");
  const v1::CreateApiKeyResponse key = CloudKeyFromB();
  ASSERT_TRUE(ValidOnA(key));

  proxy_.Freeze(kListenerConnection);
  DeleteOnB(key);
  EXPECT_TRUE(StopsVerifyingOnAWithin(key, std::chrono::seconds(10)))
      << a_->log();
  EXPECT_EQ(a_->log().find("revocation feed lost"), std::string::npos);
}

TEST_F(RevocationPartitionTest, AReplicaCutOffEntirelyNeverAnswersADeletedKey) {
  StartReplicas("100ms", "1h");
  const v1::CreateApiKeyResponse deleted = CloudKeyFromB();
  const v1::CreateApiKeyResponse kept = CloudKeyFromB();
  ASSERT_TRUE(ValidOnA(deleted));
  ASSERT_TRUE(ValidOnA(kept));

  proxy_.Freeze("");  // the pool's connections too
  DeleteOnB(deleted);
  EXPECT_TRUE(StopsVerifyingOnAWithin(deleted, std::chrono::seconds(10)))
      << a_->log();

  // Healed, a tells the two apart again.
  proxy_.Thaw();
  EXPECT_FALSE(VerifiesOnAOnceAnswering(deleted));
  EXPECT_TRUE(VerifiesOnAOnceAnswering(kept));
}

}  // namespace
}  // namespace keyward::testing
