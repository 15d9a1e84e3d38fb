#include "services/crypto/secret.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "services/crypto/random.h"

namespace keyward::crypto {
namespace {

using ::testing::MatchesRegex;
using ::testing::StartsWith;

// The body and checksum characters of a secret.
constexpr char kBase64Url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A different base64url character at `index`.
std::string Altered(std::string secret, size_t index) {
  secret[index] = secret[index] == 'A' ? 'B' : 'A';
  return secret;
}

TEST(SecretTest, NewSecretHasThePrefixLengthAndAlphabet) {
  const std::string secret = NewSecret();
  EXPECT_THAT(secret, StartsWith("kwsec_"));
  EXPECT_EQ(secret.size(), kSecretLength);
  EXPECT_THAT(secret, MatchesRegex("kwsec_[A-Za-z0-9_-]{49}"));
  // 43 body characters × 6 bits ≥ 256 bits of randomness.
  EXPECT_GE((kSecretLength - kSecretPrefix.size() - 6) * 6, 256u);
}

TEST(SecretTest, SecretsDiffer) {
  std::set<std::string> secrets;
  for (int i = 0; i < 1000; ++i) secrets.insert(NewSecret());
  EXPECT_EQ(secrets.size(), 1000u);
}

TEST(SecretTest, NewSecretsAreWellFormed) {
  for (int i = 0; i < 1000; ++i) {
    const std::string secret = NewSecret();
    EXPECT_TRUE(IsWellFormedSecret(secret)) << secret;
  }
}

TEST(SecretTest, AnyChangedCharacterBreaksTheChecksum) {
  const std::string secret = NewSecret();
  for (size_t i = kSecretPrefix.size(); i < secret.size(); ++i) {
    EXPECT_FALSE(IsWellFormedSecret(Altered(secret, i))) << "index " << i;
  }
}

TEST(SecretTest, WrongShapesAreNotWellFormed) {
  const std::string secret = NewSecret();
  EXPECT_FALSE(IsWellFormedSecret(""));
  EXPECT_FALSE(IsWellFormedSecret("kwsec_"));
  EXPECT_FALSE(IsWellFormedSecret(secret.substr(0, secret.size() - 1)));
  EXPECT_FALSE(IsWellFormedSecret(secret + "A"));
  EXPECT_FALSE(IsWellFormedSecret("kwsex_" + secret.substr(6)));
  EXPECT_FALSE(IsWellFormedSecret("KWSEC_" + secret.substr(6)));
  std::string bad_character = secret;
  bad_character[10] = '+';
  EXPECT_FALSE(IsWellFormedSecret(bad_character));
  std::string with_nul = secret;
  with_nul[20] = '\0';
  EXPECT_FALSE(IsWellFormedSecret(with_nul));
}

TEST(SecretTest, SwappingTwoBodyCharactersBreaksTheChecksum) {
  std::string secret = NewSecret();
  // Find two different adjacent body characters and swap them.
  for (size_t i = kSecretPrefix.size(); i + 1 < kSecretLength - 6; ++i) {
    if (secret[i] != secret[i + 1]) {
      std::swap(secret[i], secret[i + 1]);
      EXPECT_FALSE(IsWellFormedSecret(secret));
      return;
    }
  }
  GTEST_SKIP() << "no two different adjacent characters";
}

TEST(InvitationTokenTest, NewTokenHasItsOwnPrefixTheLengthAndAlphabet) {
  const std::string token = NewInvitationToken();
  EXPECT_THAT(token, StartsWith("kwinv_"));
  EXPECT_EQ(token.size(), kInvitationTokenLength);
  EXPECT_THAT(token, MatchesRegex("kwinv_[A-Za-z0-9_-]{49}"));
  EXPECT_GE(kTokenBodyLength * 6, 256u);
  EXPECT_NE(kInvitationTokenPrefix, kSecretPrefix);
}

TEST(InvitationTokenTest, TokensAreWellFormedAndDiffer) {
  std::set<std::string> tokens;
  for (int i = 0; i < 1000; ++i) {
    const std::string token = NewInvitationToken();
    EXPECT_TRUE(IsWellFormedInvitationToken(token)) << token;
    tokens.insert(token);
  }
  EXPECT_EQ(tokens.size(), 1000u);
}

TEST(InvitationTokenTest, AnyChangedCharacterBreaksTheChecksum) {
  const std::string token = NewInvitationToken();
  for (size_t i = kInvitationTokenPrefix.size(); i < token.size(); ++i) {
    EXPECT_FALSE(IsWellFormedInvitationToken(Altered(token, i)))
        << "index " << i;
  }
  EXPECT_FALSE(IsWellFormedInvitationToken(""));
  EXPECT_FALSE(IsWellFormedInvitationToken("kwinv_"));
  EXPECT_FALSE(IsWellFormedInvitationToken(token.substr(1)));
  EXPECT_FALSE(IsWellFormedInvitationToken(token + "A"));
}

TEST(InvitationTokenTest, SecretsAndTokensNeverPassForEachOther) {
  const std::string secret = NewSecret();
  const std::string token = NewInvitationToken();
  EXPECT_FALSE(IsWellFormedInvitationToken(secret));
  EXPECT_FALSE(IsWellFormedSecret(token));
  // The checksum covers the prefix: swapping it is not enough.
  EXPECT_FALSE(IsWellFormedInvitationToken("kwinv_" + secret.substr(6)));
  EXPECT_FALSE(IsWellFormedSecret("kwsec_" + token.substr(6)));
}

TEST(SecretHasherTest, HashIsA32ByteHmacThatDependsOnThePepper) {
  const SecretHasher hasher("pepper-one-0123456789abcdefghijklmnop");
  const SecretHasher other("pepper-two-0123456789abcdefghijklmnop");
  const std::string secret = NewSecret();
  EXPECT_EQ(hasher.Hash(secret).size(), 32u);
  EXPECT_EQ(hasher.Hash(secret), hasher.Hash(secret));
  EXPECT_NE(hasher.Hash(secret), other.Hash(secret));
  EXPECT_NE(hasher.Hash(secret), hasher.Hash(NewSecret()));
  EXPECT_EQ(hasher.Hash(secret).find(secret), std::string::npos);
}

TEST(SecretHasherTest, PepperCheckTellsPeppersApartWithoutRevealingThem) {
  const std::string pepper = "pepper-one-0123456789abcdefghijklmnop";
  const SecretHasher hasher(pepper);
  const SecretHasher other("pepper-two-0123456789abcdefghijklmnop");
  EXPECT_EQ(hasher.PepperCheck().size(), 32u);
  EXPECT_EQ(hasher.PepperCheck(), SecretHasher(pepper).PepperCheck());
  EXPECT_NE(hasher.PepperCheck(), other.PepperCheck());
  EXPECT_NE(hasher.PepperCheck(), SecretHasher(pepper + "\n").PepperCheck());
  EXPECT_EQ(hasher.PepperCheck().find(pepper), std::string::npos);
  // It is the HMAC of a fixed message: what the database stores must never
  // change for a given pepper.
  EXPECT_EQ(hasher.PepperCheck(), hasher.Hash("keyward pepper check v1"));
}

TEST(SecretHasherTest, HashMatchesRfc4231TestCase2) {
  // HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
  const SecretHasher hasher("Jefe");
  const std::string hash = hasher.Hash("what do ya want for nothing?");
  static constexpr unsigned char kExpected[] = {
      0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
      0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
      0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
  EXPECT_EQ(hash, std::string(reinterpret_cast<const char*>(kExpected),
                              sizeof(kExpected)));
}

TEST(SecretHasherTest, MatchesOnlyTheRightSecret) {
  const SecretHasher hasher("pepper-0123456789abcdefghijklmnopqrstuvwxyz");
  const std::string secret = NewSecret();
  const std::string stored = hasher.Hash(secret);
  EXPECT_TRUE(hasher.Matches(secret, stored));
  EXPECT_FALSE(hasher.Matches(NewSecret(), stored));
  EXPECT_FALSE(hasher.Matches(secret, stored.substr(0, 31)));
  EXPECT_FALSE(hasher.Matches(secret, ""));
}

TEST(SecretHasherTest, MacKeysAreSeparatedByPurpose) {
  const SecretHasher hasher("pepper-0123456789abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(hasher.Mac("page-token", "x"), hasher.Mac("page-token", "x"));
  EXPECT_NE(hasher.Mac("page-token", "x"), hasher.Mac("other", "x"));
  EXPECT_NE(hasher.Mac("page-token", "x"), hasher.Hash("x"));
}

TEST(ConstantTimeEqualsTest, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(
      ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(
      ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
  const std::string bytes = RandomBytes(32);
  EXPECT_TRUE(ConstantTimeEquals(bytes, std::string(bytes)));
}

TEST(RandomTest, RandomStringUsesOnlyTheAlphabetAndEveryCharacter) {
  const std::string text = RandomString(4096, kBase64Url);
  EXPECT_EQ(text.size(), 4096u);
  std::set<char> seen(text.begin(), text.end());
  for (char c : seen) {
    EXPECT_NE(std::string(kBase64Url).find(c), std::string::npos) << c;
  }
  EXPECT_EQ(seen.size(), 64u);  // all 64 appear in 4096 draws (p ≈ 1e-26)
}

TEST(RandomTest, RandomBytesHasTheRequestedLengthAndDiffers) {
  EXPECT_EQ(RandomBytes(0).size(), 0u);
  EXPECT_EQ(RandomBytes(32).size(), 32u);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

}  // namespace
}  // namespace keyward::crypto
