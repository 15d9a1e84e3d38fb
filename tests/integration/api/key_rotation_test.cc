// RotateApiKey against keywardd, the real PostgreSQL and the real OPA with
// the default policy bundle: what the successor inherits, the old key's
// grace period (the policy's default, its maximum), quotas, refusals,
// authorization, audit, and rotation racing with deletion and disabling.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/policy.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

constexpr int kPerResourceQuota = 3;

int64_t Micros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

google::protobuf::Timestamp SecondsFromNow(int64_t seconds) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(NowMicros() / 1000000 + seconds);
  return timestamp;
}

google::protobuf::Duration Seconds(int64_t seconds) {
  google::protobuf::Duration duration;
  duration.set_seconds(seconds);
  return duration;
}

std::vector<std::string> DenialRules(const grpc::Status& status) {
  v1::RpcStatus rpc_status;
  v1::PolicyDecisionDetails details;
  std::vector<std::string> rules;
  if (!rpc_status.ParseFromString(status.error_details()) ||
      rpc_status.details_size() != 1 ||
      !rpc_status.details(0).UnpackTo(&details)) {
    ADD_FAILURE() << "no decision in the status details";
    return rules;
  }
  for (const auto& violation : details.violations()) {
    rules.push_back(violation.rule());
  }
  return rules;
}

class RotateApiKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer({
        {"KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE",
         std::to_string(kPerResourceQuota)},
        {"KEYWARD_QUOTA_KEYS_PER_OWNER", "100"},
    });
  }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    stub_ = v1::ApiKeyService::NewStub(server_->channel());
    make_ = std::make_unique<Fixtures>(server_->channel());
  }

  // A service account's key on a dev cluster, with `expire_time` if given.
  v1::CreateApiKeyResponse Key(const std::optional<google::protobuf::Timestamp>&
                                   expire_time = std::nullopt,
                               const std::string& stage = "dev") {
    ApiKeyFixture key = make_->ApiKey(make_->ServiceAccount().Create().id(),
                                      make_->ClusterIn(stage));
    key.Named("orders producer").Described("writes orders");
    if (expire_time) *key.request().mutable_expire_time() = *expire_time;
    return key.Create();
  }

  grpc::Status Rotate(const std::string& id,
                      std::optional<int64_t> grace_seconds,
                      v1::RotateApiKeyResponse* response,
                      bool validate_only = false,
                      const std::optional<std::string>& as = std::nullopt) {
    v1::RotateApiKeyRequest request;
    request.set_id(id);
    if (grace_seconds)
      *request.mutable_grace_period() = Seconds(*grace_seconds);
    request.set_validate_only(validate_only);
    return stub_->RotateApiKey(CallContext(as).get(), request, response);
  }

  v1::VerifyReason Verify(const std::string& key, const std::string& secret,
                          const std::string& resource) {
    return VerifyKey(*stub_, key, secret, resource).reason();
  }

  v1::ApiKey Get(const std::string& id) { return GetKey(*stub_, id); }

  int KeysRotatedFrom(const std::string& id) {
    return server_->db().Count("api_keys", "rotated_from = '" + id + "'");
  }

  int ExecutedRotationsAudited(const std::string& id) {
    return server_->db().Count(
        "audit_events", "action = 'api_key.rotate' AND target_id = '" + id +
                            "' AND allowed AND NOT validate_only");
  }

  // Rotates key `id` (grace 1 h) while `other` runs on its own stub, at the
  // same moment; returns {the rotation's status, other's status}.
  std::vector<grpc::Status> RotateRacing(
      const std::string& id, v1::RotateApiKeyResponse* rotated,
      const std::function<grpc::Status(v1::ApiKeyService::Stub&)>& other) {
    return InParallel(2, [&](int i) {
      auto stub = v1::ApiKeyService::NewStub(server_->channel());
      if (i == 1) return other(*stub);
      v1::RotateApiKeyRequest request;
      request.set_id(id);
      *request.mutable_grace_period() = Seconds(3600);
      return stub->RotateApiKey(CallContext().get(), request, rotated);
    });
  }

  std::string ExpireTimeInDb(const std::string& id) {
    return server_->db().QueryValue(
        "SELECT expire_time FROM api_keys WHERE id = '" + id + "'");
  }

  static KeywardServer* server_;
  std::unique_ptr<v1::ApiKeyService::Stub> stub_;
  std::unique_ptr<Fixtures> make_;
};

KeywardServer* RotateApiKeyTest::server_ = nullptr;

TEST_F(RotateApiKeyTest, TheSuccessorTakesOverTheKeyAndBothWorkDuringTheGrace) {
  const v1::CreateApiKeyResponse old = Key(SecondsFromNow(30 * 86400));
  const std::string& resource = old.api_key().resource_id();
  v1::RotateApiKeyResponse rotated;
  const int64_t before = NowMicros();
  ASSERT_TRUE(Rotate(old.api_key().id(), 3600, &rotated).ok());
  const int64_t after = NowMicros();

  const v1::ApiKey& successor = rotated.api_key();
  EXPECT_THAT(successor.id(), MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_NE(successor.id(), old.api_key().id());
  EXPECT_THAT(rotated.secret(), MatchesRegex("kwsec_[A-Za-z0-9_-]{49}"));
  EXPECT_NE(rotated.secret(), old.secret());
  EXPECT_EQ(successor.owner_id(), old.api_key().owner_id());
  EXPECT_EQ(successor.resource_id(), resource);
  EXPECT_EQ(successor.resource_kind(), old.api_key().resource_kind());
  EXPECT_EQ(successor.display_name(), "orders producer");
  EXPECT_EQ(successor.description(), "writes orders");
  EXPECT_EQ(successor.rotated_from(), old.api_key().id());
  EXPECT_EQ(successor.created_by(), server_->admin_id());
  EXPECT_EQ(successor.state(), v1::API_KEY_STATE_ACTIVE);
  // A 30-day key rotates into a 30-day key.
  EXPECT_EQ(Micros(successor.expire_time()) - Micros(successor.create_time()),
            Micros(old.api_key().expire_time()) -
                Micros(old.api_key().create_time()));

  const v1::ApiKey& previous = rotated.previous();
  EXPECT_EQ(previous.id(), old.api_key().id());
  EXPECT_EQ(previous.state(), v1::API_KEY_STATE_ACTIVE);
  EXPECT_GE(Micros(previous.expire_time()), before + 3600 * 1000000LL);
  EXPECT_LE(Micros(previous.expire_time()), after + 3600 * 1000000LL);
  EXPECT_EQ(Get(old.api_key().id()).SerializeAsString(),
            previous.SerializeAsString());
  EXPECT_EQ(Get(successor.id()).SerializeAsString(),
            successor.SerializeAsString());

  EXPECT_EQ(Verify(old.api_key().id(), old.secret(), resource),
            v1::VERIFY_REASON_VALID);
  EXPECT_EQ(Verify(successor.id(), rotated.secret(), resource),
            v1::VERIFY_REASON_VALID);
}

TEST_F(RotateApiKeyTest, NoGraceEndsTheOldKeyAtOnceEvenWhenItWasCached) {
  const v1::CreateApiKeyResponse old = Key();
  const std::string& resource = old.api_key().resource_id();
  ASSERT_EQ(Verify(old.api_key().id(), old.secret(), resource),
            v1::VERIFY_REASON_VALID);  // now in the verification cache

  v1::RotateApiKeyResponse rotated;
  ASSERT_TRUE(Rotate(old.api_key().id(), 0, &rotated).ok());
  EXPECT_FALSE(rotated.api_key().has_expire_time());
  EXPECT_EQ(rotated.previous().state(), v1::API_KEY_STATE_EXPIRED);
  EXPECT_EQ(Verify(old.api_key().id(), old.secret(), resource),
            v1::VERIFY_REASON_EXPIRED);
  EXPECT_EQ(Verify(rotated.api_key().id(), rotated.secret(), resource),
            v1::VERIFY_REASON_VALID);

  // An expired key is not rotated again.
  v1::RotateApiKeyResponse again;
  const grpc::Status status = Rotate(old.api_key().id(), 0, &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("has expired"));
}

TEST_F(RotateApiKeyTest, TheGraceNeverLengthensTheOldKeysLife) {
  const v1::CreateApiKeyResponse old = Key(SecondsFromNow(600));
  v1::RotateApiKeyResponse rotated;
  ASSERT_TRUE(Rotate(old.api_key().id(), 3600, &rotated).ok());
  EXPECT_EQ(Micros(rotated.previous().expire_time()),
            Micros(old.api_key().expire_time()));
}

TEST_F(RotateApiKeyTest, AnUnsetGraceIsTheStagesDefaultFromThePolicy) {
  const v1::CreateApiKeyResponse old = Key();
  v1::RotateApiKeyResponse rotated;
  const int64_t before = NowMicros();
  ASSERT_TRUE(Rotate(old.api_key().id(), std::nullopt, &rotated).ok());
  const int64_t after = NowMicros();
  constexpr int64_t kDay = 24 * 3600 * 1000000LL;  // data.json: "*": 24
  EXPECT_GE(Micros(rotated.previous().expire_time()), before + kDay);
  EXPECT_LE(Micros(rotated.previous().expire_time()), after + kDay);
}

TEST_F(RotateApiKeyTest, AGraceAboveTheStagesMaximumIsDeniedAndChangesNothing) {
  // prod: at most 168 hours; a prod key must expire (prod_keys_expire).
  const v1::CreateApiKeyResponse old = Key(SecondsFromNow(86400), "prod");
  const int keys = server_->db().Count("api_keys");
  v1::RotateApiKeyResponse rotated;
  const grpc::Status status =
      Rotate(old.api_key().id(), 168 * 3600 + 1, &rotated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("at most 168 hours"));
  EXPECT_EQ(DenialRules(status),
            std::vector<std::string>{"rotation_grace_too_long"});
  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_EQ(Micros(Get(old.api_key().id()).expire_time()),
            Micros(old.api_key().expire_time()));
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'api_key.rotate' AND target_id = '" +
                                    old.api_key().id() + "' AND NOT allowed"),
            1);

  // At the maximum it is allowed.
  ASSERT_TRUE(Rotate(old.api_key().id(), 168 * 3600, &rotated).ok());
}

TEST_F(RotateApiKeyTest, BadInputIsInvalidArgumentNamingTheField) {
  const v1::CreateApiKeyResponse old = Key();
  v1::RotateApiKeyResponse rotated;
  grpc::Status status = Rotate(old.api_key().id(), -1, &rotated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("grace_period"));

  v1::RotateApiKeyRequest request;
  request.set_id(old.api_key().id());
  request.mutable_grace_period()->set_seconds(1);
  request.mutable_grace_period()->set_nanos(-5);  // signs disagree
  status = stub_->RotateApiKey(CallContext().get(), request, &rotated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("grace_period"));

  EXPECT_EQ(Rotate("lowercase0000000", 0, &rotated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Rotate("ZZZZZZZZZZZZZZZZ", 0, &rotated).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(KeysRotatedFrom(old.api_key().id()), 0);
}

TEST_F(RotateApiKeyTest, ValidateOnlyShowsTheOutcomeAndChangesNothing) {
  const v1::CreateApiKeyResponse old = Key();
  const int keys = server_->db().Count("api_keys");
  v1::RotateApiKeyResponse rotated;
  ASSERT_TRUE(Rotate(old.api_key().id(), 0, &rotated, true).ok());
  EXPECT_EQ(rotated.api_key().id(), "");
  EXPECT_EQ(rotated.secret(), "");
  EXPECT_EQ(rotated.api_key().rotated_from(), old.api_key().id());
  EXPECT_EQ(rotated.previous().state(), v1::API_KEY_STATE_EXPIRED);
  EXPECT_TRUE(rotated.previous().has_expire_time());

  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_EQ(ExpireTimeInDb(old.api_key().id()), "NULL");
  EXPECT_EQ(
      Verify(old.api_key().id(), old.secret(), old.api_key().resource_id()),
      v1::VERIFY_REASON_VALID);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'api_key.rotate' AND target_id = '" +
                                    old.api_key().id() + "' AND validate_only"),
            1);
}

TEST_F(RotateApiKeyTest, ADisabledOrExpiredKeyIsRefusedAndNothingIsIssued) {
  const v1::CreateApiKeyResponse disabled = Key();
  server_->db().Query(
      "UPDATE api_keys SET disable_time = now(), disabled_by = "
      "'u-admin001' WHERE id = '" +
      disabled.api_key().id() + "' RETURNING id");
  v1::RotateApiKeyResponse rotated;
  grpc::Status status = Rotate(disabled.api_key().id(), 60, &rotated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(),
              HasSubstr("is disabled: enable it before rotating"));

  const v1::CreateApiKeyResponse expired = Key();
  server_->db().Query(
      "UPDATE api_keys SET create_time = now() - interval '1 hour', "
      "expire_time = now() - interval '1 minute' WHERE id = '" +
      expired.api_key().id() + "' RETURNING id");
  status = Rotate(expired.api_key().id(), 60, &rotated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("create a new key"));

  EXPECT_EQ(KeysRotatedFrom(disabled.api_key().id()), 0);
  EXPECT_EQ(KeysRotatedFrom(expired.api_key().id()), 0);
}

TEST_F(RotateApiKeyTest, AKeyAtItsQuotaCanBeRotatedButNotCreated) {
  const std::string owner = make_->ServiceAccount().Create().id();
  const std::string cluster = make_->ClusterIn("dev");
  std::vector<v1::CreateApiKeyResponse> keys;
  for (int i = 0; i < kPerResourceQuota; ++i) {
    keys.push_back(make_->ApiKey(owner, cluster).Create());
  }
  v1::CreateApiKeyResponse refused;
  const grpc::Status create = make_->ApiKey(owner, cluster).Call(&refused);
  EXPECT_EQ(create.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  // Keys on their way out (rotated, in their grace period) do not count
  // against a rotation, so every key of a full owner can be rotated on
  // schedule — but they still count against a plain create.
  for (const v1::CreateApiKeyResponse& key : keys) {
    v1::RotateApiKeyResponse rotated;
    const grpc::Status status = Rotate(key.api_key().id(), 3600, &rotated);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner + "'"),
            2 * kPerResourceQuota);
  EXPECT_EQ(make_->ApiKey(owner, cluster).Call(&refused).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// A retried or doubled rotation must not issue a second successor: the
// first one's secret was shown once, and would be orphaned.
TEST_F(RotateApiKeyTest,
       AKeyIsRotatedOnceAndTheSecondAttemptNamesItsSuccessor) {
  const v1::CreateApiKeyResponse old = Key();
  v1::RotateApiKeyResponse first;
  ASSERT_TRUE(Rotate(old.api_key().id(), 3600, &first).ok());
  const std::string expiry = ExpireTimeInDb(old.api_key().id());

  v1::RotateApiKeyResponse second;
  const grpc::Status again = Rotate(old.api_key().id(), 60, &second);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(again.error_message(),
              HasSubstr("its successor is " + first.api_key().id()));
  EXPECT_EQ(KeysRotatedFrom(old.api_key().id()), 1);
  EXPECT_EQ(ExpireTimeInDb(old.api_key().id()), expiry);

  // The successor itself rotates on.
  v1::RotateApiKeyResponse next;
  ASSERT_TRUE(Rotate(first.api_key().id(), 3600, &next).ok());
  EXPECT_EQ(next.api_key().rotated_from(), first.api_key().id());
}

TEST_F(RotateApiKeyTest, ConcurrentRotationsOfOneKeyIssueOneSuccessor) {
  const v1::CreateApiKeyResponse old = Key();
  const std::vector<grpc::Status> statuses = InParallel(4, [&](int) {
    v1::RotateApiKeyResponse rotated;
    return Rotate(old.api_key().id(), 3600, &rotated);
  });
  int succeeded = 0, refused = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) ++succeeded;
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
      ++refused;
    }
  }
  EXPECT_EQ(succeeded, 1);
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(KeysRotatedFrom(old.api_key().id()), 1);
}

TEST_F(RotateApiKeyTest, UsersRotateTheirOwnKeysButAdminsDoNot) {
  // A user's first key comes from an invitation.
  const std::string user = make_->User().Create().id();
  auto accounts = v1::AccountService::NewStub(server_->channel());
  v1::CreateInvitationRequest invite;
  invite.set_account_id(user);
  v1::Invitation invitation;
  ASSERT_TRUE(
      accounts->CreateInvitation(CallContext().get(), invite, &invitation)
          .ok());
  v1::RedeemInvitationRequest redeem;
  redeem.set_token(invitation.token());
  redeem.set_description("laptop");
  v1::CreateApiKeyResponse own;
  grpc::ClientContext anonymous;
  ASSERT_TRUE(accounts->RedeemInvitation(&anonymous, redeem, &own).ok());
  const std::string& id = own.api_key().id();

  v1::RotateApiKeyResponse rotated;
  const grpc::Status by_admin = Rotate(id, 60, &rotated);
  EXPECT_EQ(by_admin.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(DenialRules(by_admin), ::testing::Contains("foreign_user_key"));
  EXPECT_EQ(KeysRotatedFrom(id), 0);

  // The user holds no role binding: owning the key is enough.
  const std::string as_user =
      KeywardServer::BasicAuthorization(Credentials(own));
  ASSERT_TRUE(Rotate(id, 60, &rotated, false, as_user).ok());
  EXPECT_EQ(rotated.api_key().owner_id(), user);
  EXPECT_EQ(rotated.api_key().created_by(), user);
  EXPECT_EQ(KeysRotatedFrom(id), 1);
}

TEST_F(RotateApiKeyTest, TheRotationIsAuditedWithItsDecisionAndNoSecret) {
  const v1::CreateApiKeyResponse old = Key();
  v1::RotateApiKeyResponse rotated;
  ASSERT_TRUE(Rotate(old.api_key().id(), 90, &rotated).ok());
  const auto rows = server_->db().Query(
      "SELECT actor_id, allowed, validate_only, decision_id <> '', "
      "request_summary->>'grace_period_seconds', request_summary::text, "
      "violations::text FROM audit_events WHERE action = 'api_key.rotate' "
      "AND target_id = '" +
      old.api_key().id() + "'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], server_->admin_id());
  EXPECT_EQ(rows[0][1], "t");
  EXPECT_EQ(rows[0][2], "f");
  EXPECT_EQ(rows[0][3], "t");
  EXPECT_EQ(rows[0][4], "90");
  EXPECT_EQ(rows[0][5].find("kwsec_"), std::string::npos);
  EXPECT_EQ(rows[0][6], "[]");
  // Found by the key it created too.
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "action = 'api_key.rotate' AND subject_ids @> ARRAY['" +
                    rotated.api_key().id() + "']"),
            1);

  const std::string log = server_->process().log();
  EXPECT_THAT(log, HasSubstr("ApiKeyService/RotateApiKey"));
  EXPECT_EQ(log.find(rotated.secret().substr(6)), std::string::npos);
  EXPECT_EQ(log.find("kwsec_"), std::string::npos);
}

// A user relies on: a rotation that reports success handed over to a
// successor that exists, from a key that existed when it committed; a
// rotation that fails left nothing behind; a delete is never blocked by a
// rotation. Whichever commits first, the end state says which.
TEST_F(RotateApiKeyTest, RotationRacingWithDeletionStaysConsistent) {
  int rotations_won = 0, deletions_won = 0;
  for (int round = 0; round < 20; ++round) {
    const v1::CreateApiKeyResponse old = Key();
    const std::string& id = old.api_key().id();
    v1::RotateApiKeyResponse rotated;
    const std::vector<grpc::Status> statuses =
        RotateRacing(id, &rotated, [&](v1::ApiKeyService::Stub& stub) {
          v1::DeleteApiKeyRequest request;
          request.set_id(id);
          v1::DeleteApiKeyResponse deleted;
          return stub.DeleteApiKey(CallContext().get(), request, &deleted);
        });
    EXPECT_TRUE(statuses[1].ok()) << statuses[1].error_message();
    EXPECT_EQ(server_->db().Count("api_keys", "id = '" + id + "'"), 0);
    if (statuses[0].ok()) {
      ++rotations_won;
      EXPECT_EQ(rotated.api_key().rotated_from(), id);
      EXPECT_EQ(rotated.previous().id(), id);
      EXPECT_EQ(server_->db().Count("api_keys",
                                    "id = '" + rotated.api_key().id() +
                                        "' AND rotated_from = '" + id + "'"),
                1);
      EXPECT_EQ(Verify(rotated.api_key().id(), rotated.secret(),
                       old.api_key().resource_id()),
                v1::VERIFY_REASON_VALID);
    } else {
      ++deletions_won;
      EXPECT_EQ(statuses[0].error_code(), grpc::StatusCode::NOT_FOUND)
          << statuses[0].error_message();
      EXPECT_EQ(KeysRotatedFrom(id), 0);
      EXPECT_EQ(ExecutedRotationsAudited(id), 0);
    }
    EXPECT_EQ(Verify(id, old.secret(), old.api_key().resource_id()),
              v1::VERIFY_REASON_INVALID_CREDENTIALS);
  }
  EXPECT_EQ(rotations_won + deletions_won, 20);
}

// Rotation and disabling racing on one key end in one of the two orders:
// rotated, then the old key disabled (the successor, issued from a key that
// was ACTIVE, keeps working); or disabled, then the rotation refused with
// nothing issued. Never a successor of a key that was disabled when it was
// rotated. The disable's answer agrees with the order it ran in.
TEST_F(RotateApiKeyTest, RotationRacingWithDisablingStaysConsistent) {
  int rotations_first = 0, disables_first = 0;
  for (int round = 0; round < 20; ++round) {
    const v1::CreateApiKeyResponse old = Key();
    const std::string& id = old.api_key().id();
    const std::string& resource = old.api_key().resource_id();
    v1::RotateApiKeyResponse rotated;
    v1::ApiKey disabled;
    const std::vector<grpc::Status> statuses =
        RotateRacing(id, &rotated, [&](v1::ApiKeyService::Stub& stub) {
          v1::DisableApiKeyRequest request;
          request.set_id(id);
          return stub.DisableApiKey(CallContext().get(), request, &disabled);
        });
    ASSERT_TRUE(statuses[1].ok()) << statuses[1].error_message();
    EXPECT_EQ(disabled.state(), v1::API_KEY_STATE_DISABLED);
    EXPECT_EQ(Get(id).state(), v1::API_KEY_STATE_DISABLED);
    EXPECT_EQ(Verify(id, old.secret(), resource), v1::VERIFY_REASON_DISABLED);
    if (statuses[0].ok()) {
      ++rotations_first;
      EXPECT_EQ(rotated.previous().state(), v1::API_KEY_STATE_ACTIVE);
      EXPECT_FALSE(rotated.previous().has_disable_time());
      EXPECT_EQ(rotated.api_key().rotated_from(), id);
      EXPECT_EQ(KeysRotatedFrom(id), 1);
      // The disable came after the rotation: it saw the shortened life.
      EXPECT_EQ(Micros(disabled.expire_time()),
                Micros(rotated.previous().expire_time()));
      EXPECT_EQ(Verify(rotated.api_key().id(), rotated.secret(), resource),
                v1::VERIFY_REASON_VALID);
    } else {
      ++disables_first;
      EXPECT_EQ(statuses[0].error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << statuses[0].error_message();
      EXPECT_THAT(statuses[0].error_message(), HasSubstr("is disabled"));
      EXPECT_EQ(KeysRotatedFrom(id), 0);
      EXPECT_FALSE(disabled.has_expire_time());  // never shortened
      EXPECT_EQ(ExecutedRotationsAudited(id), 0);
    }
  }
  EXPECT_EQ(rotations_first + disables_first, 20);
}

}  // namespace
}  // namespace keyward::testing
