#include "services/domain/key_verifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "tests/unit/domain/key_verifier_test_support.h"

namespace keyward::domain {
namespace {

using testing::At;
using ::testing::HasSubstr;

constexpr char kKeyId[] = "ABCDEFGH12345678";
constexpr char kResource[] = "lkc-abcd1234";

struct Recorded {
  std::string key_id;
  VerifyReason reason;
  Time when;
  bool operator==(const Recorded& other) const {
    return key_id == other.key_id && reason == other.reason &&
           when == other.when;
  }
};

class RecordingKeyUses : public KeyUseRecorder {
 public:
  void Record(const std::string& key_id, VerifyReason reason,
              Time when) override {
    records.push_back(Recorded{key_id, reason, when});
  }
  absl::Status Flush() override { return absl::OkStatus(); }
  std::vector<Recorded> records;
};

class KeyVerifierTest : public testing::KeyVerifierTestBase<RecordingKeyUses> {
 protected:
  // Stores a key with a fresh secret and returns the secret.
  std::string StoreKey(const std::string& id, const std::string& resource_id,
                       std::optional<Time> expire_time = std::nullopt) {
    ApiKey key;
    key.id = id;
    key.owner_id = "sa-owner123";
    key.owner_type = AccountType::kServiceAccount;
    key.resource_id = resource_id;
    key.resource_kind = resource_id == kCloudResourceId
                            ? ResourceKind::kCloud
                            : ResourceKind::kKafkaCluster;
    key.expire_time = expire_time;
    return Store(key);
  }

  Verification Verify(const std::string& key, const std::string& secret,
                      const std::string& resource_id) {
    absl::StatusOr<Verification> verdict =
        verifier_.Verify(key, secret, resource_id);
    EXPECT_TRUE(verdict.ok()) << verdict.status();
    return verdict.value_or(Verification{});
  }
};

TEST_F(KeyVerifierTest, TheRightKeyForItsResourceIsValidAndRecordsTheUse) {
  const std::string secret = StoreKey(kKeyId, kResource);
  const Verification verdict = Verify(kKeyId, secret, kResource);
  EXPECT_EQ(verdict.reason, VerifyReason::kValid);
  EXPECT_TRUE(verdict.valid());
  ASSERT_TRUE(verdict.key.has_value());
  EXPECT_EQ(verdict.key->id, kKeyId);
  EXPECT_EQ(verdict.key->owner_id, "sa-owner123");
  EXPECT_EQ(verdict.key->resource_id, kResource);
  EXPECT_EQ(
      uses_.records,
      (std::vector<Recorded>{{kKeyId, VerifyReason::kValid, clock_.Now()}}));
}

TEST_F(KeyVerifierTest, MalformedKeyIdsAreDecidedWithoutALookup) {
  const std::string secret = StoreKey(kKeyId, kResource);
  for (const std::string& key : std::vector<std::string>{
           "", "abcdefgh12345678", "ABCDEFGH1234567", "ABCDEFGH123456789",
           "ABCDEFGH1234567-", "sa-owner123",
           std::string("ABCDEFGH1234567\0", 16), "ABCDEFGH12345678 "}) {
    const Verification verdict = Verify(key, secret, kResource);
    EXPECT_EQ(verdict.reason, VerifyReason::kMalformed) << key;
    EXPECT_FALSE(verdict.key.has_value());
  }
  EXPECT_EQ(keys_.lookups(), 0);
  EXPECT_TRUE(uses_.records.empty());
}

TEST_F(KeyVerifierTest, MalformedSecretsAreDecidedWithoutALookup) {
  const std::string secret = StoreKey(kKeyId, kResource);
  std::string wrong_checksum = secret;
  wrong_checksum.back() = wrong_checksum.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {std::string(), std::string("kwsec_"), wrong_checksum,
        secret.substr(0, secret.size() - 1), secret + "A",
        "xxsec_" + secret.substr(6), std::string(secret.size(), 'A')}) {
    const Verification verdict = Verify(kKeyId, bad, kResource);
    EXPECT_EQ(verdict.reason, VerifyReason::kMalformed) << bad;
    EXPECT_FALSE(verdict.key.has_value());
  }
  EXPECT_EQ(keys_.lookups(), 0);
}

TEST_F(KeyVerifierTest, UnknownKeyAndWrongSecretAreIndistinguishable) {
  StoreKey(kKeyId, kResource);
  const std::string other_secret = crypto::NewSecret();
  const Verification wrong_secret = Verify(kKeyId, other_secret, kResource);
  const Verification unknown_key =
      Verify("ZZZZZZZZZZZZZZZZ", other_secret, kResource);
  EXPECT_EQ(wrong_secret.reason, VerifyReason::kInvalidCredentials);
  EXPECT_EQ(unknown_key.reason, VerifyReason::kInvalidCredentials);
  EXPECT_FALSE(wrong_secret.key.has_value());
  EXPECT_FALSE(unknown_key.key.has_value());
  // Both paths looked the key up once. Only the key that exists has a
  // verdict to count (its usage is visible to its readers only).
  EXPECT_EQ(keys_.lookups(), 2);
  EXPECT_EQ(uses_.records,
            (std::vector<Recorded>{
                {kKeyId, VerifyReason::kInvalidCredentials, clock_.Now()}}));
}

TEST_F(KeyVerifierTest, CredentialsAreJudgedBeforeExpiryAndResource) {
  StoreKey(kKeyId, "lkc-other123", At(1'600'000'000));
  const Verification verdict = Verify(kKeyId, crypto::NewSecret(), kResource);
  EXPECT_EQ(verdict.reason, VerifyReason::kInvalidCredentials);
  EXPECT_FALSE(verdict.key.has_value());
}

TEST_F(KeyVerifierTest, ExpiryIsJudgedBeforeTheResource) {
  const std::string secret =
      StoreKey(kKeyId, "lkc-other123", At(1'600'000'000));
  const Verification verdict = Verify(kKeyId, secret, kResource);
  EXPECT_EQ(verdict.reason, VerifyReason::kExpired);
  ASSERT_TRUE(verdict.key.has_value());
  EXPECT_EQ(verdict.key->expire_time, At(1'600'000'000));
  EXPECT_EQ(
      uses_.records,
      (std::vector<Recorded>{{kKeyId, VerifyReason::kExpired, clock_.Now()}}));
}

TEST_F(KeyVerifierTest, AKeyExpiresAtItsExpireTime) {
  const std::string secret = StoreKey(kKeyId, kResource, clock_.Now());
  EXPECT_EQ(Verify(kKeyId, secret, kResource).reason, VerifyReason::kExpired);
  clock_.Advance(std::chrono::microseconds(-1));
  EXPECT_EQ(Verify(kKeyId, secret, kResource).reason, VerifyReason::kValid);
}

TEST_F(KeyVerifierTest, AResourceKeyOpensOnlyItsOwnResource) {
  const std::string secret = StoreKey(kKeyId, kResource);
  for (const std::string resource :
       {"lkc-other123", "cloud", "lsrc-abcd1234"}) {
    const Verification verdict = Verify(kKeyId, secret, resource);
    EXPECT_EQ(verdict.reason, VerifyReason::kWrongResource) << resource;
    ASSERT_TRUE(verdict.key.has_value());
    EXPECT_EQ(verdict.key->resource_id, kResource);
  }
  ASSERT_EQ(uses_.records.size(), 3u);
  for (const Recorded& recorded : uses_.records) {
    EXPECT_EQ(recorded.reason, VerifyReason::kWrongResource);
  }
}

TEST_F(KeyVerifierTest, ACloudKeyOpensOnlyCloud) {
  const std::string secret = StoreKey(kKeyId, kCloudResourceId);
  EXPECT_EQ(Verify(kKeyId, secret, kResource).reason,
            VerifyReason::kWrongResource);
  EXPECT_EQ(Verify(kKeyId, secret, "cloud").reason, VerifyReason::kValid);
}

TEST_F(KeyVerifierTest, ADisabledKeyIsDisabledWithItsDetails) {
  ApiKey key = testing::CloudKey(kKeyId, "sa-owner123");
  key.disable_time = clock_.Now() - std::chrono::hours(1);
  const std::string secret = Store(key);
  const Verification verdict = Verify(kKeyId, secret, "cloud");
  EXPECT_EQ(verdict.reason, VerifyReason::kDisabled);
  EXPECT_FALSE(verdict.valid());
  ASSERT_TRUE(verdict.key.has_value());
  EXPECT_EQ(verdict.key->id, kKeyId);
  EXPECT_EQ(verdict.key->owner_id, "sa-owner123");
  EXPECT_EQ(verdict.key->resource_id, "cloud");
}

// A disabled key tells no more than an enabled one would: whoever lacks the
// secret learns nothing, expiry and resource are said first.
TEST_F(KeyVerifierTest, CredentialsExpiryAndResourceAreJudgedBeforeDisable) {
  ApiKey key = testing::CloudKey(kKeyId, "sa-owner123");
  key.disable_time = clock_.Now();
  const std::string secret = Store(key);
  const Verification wrong_secret =
      Verify(kKeyId, crypto::NewSecret(), "cloud");
  EXPECT_EQ(wrong_secret.reason, VerifyReason::kInvalidCredentials);
  EXPECT_FALSE(wrong_secret.key.has_value());
  EXPECT_EQ(Verify(kKeyId, secret, kResource).reason,
            VerifyReason::kWrongResource);
  key.expire_time = clock_.Now();
  keys_.Put(key, hasher_.Hash(secret));
  EXPECT_EQ(Verify(kKeyId, secret, "cloud").reason, VerifyReason::kExpired);
}

TEST_F(KeyVerifierTest, ADisabledKeyIsCountedAsDisabledWithoutALastUse) {
  ApiKey key;
  key.id = kKeyId;
  key.owner_id = "sa-owner123";
  key.resource_id = kResource;
  key.resource_kind = ResourceKind::kKafkaCluster;
  key.disable_time = At(1'600'000'000);
  const std::string secret = Store(key);
  EXPECT_EQ(Verify(kKeyId, secret, kResource).reason, VerifyReason::kDisabled);
  EXPECT_EQ(
      uses_.records,
      (std::vector<Recorded>{{kKeyId, VerifyReason::kDisabled, clock_.Now()}}));
}

TEST_F(KeyVerifierTest, ALookupFailureIsAnErrorNotAVerdict) {
  const std::string secret = StoreKey(kKeyId, kResource);
  keys_.set_lookup_status(absl::UnavailableError("database down"));
  EXPECT_EQ(verifier_.Verify(kKeyId, secret, kResource).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_TRUE(uses_.records.empty());
}

}  // namespace
}  // namespace keyward::domain
