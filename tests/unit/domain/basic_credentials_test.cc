#include "services/domain/basic_credentials.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"

namespace keyward::domain {
namespace {

std::string Basic(const std::string& decoded) {
  std::string encoded;
  absl::Base64Escape(decoded, &encoded);
  return "Basic " + encoded;
}

TEST(ParseBasicAuthorizationTest, SplitsKeyAndSecretAtTheFirstColon) {
  auto credentials = ParseBasicAuthorization(Basic("ABCDEFGH12345678:kw:s"));
  ASSERT_TRUE(credentials.has_value());
  EXPECT_EQ(credentials->key, "ABCDEFGH12345678");
  EXPECT_EQ(credentials->secret, "kw:s");
}

TEST(ParseBasicAuthorizationTest, TheSchemeIsCaseInsensitive) {
  std::string encoded;
  absl::Base64Escape("K:S", &encoded);
  EXPECT_TRUE(ParseBasicAuthorization("basic " + encoded).has_value());
  EXPECT_TRUE(ParseBasicAuthorization("BASIC " + encoded).has_value());
  EXPECT_FALSE(ParseBasicAuthorization("Bearer " + encoded).has_value());
  EXPECT_FALSE(ParseBasicAuthorization("Basic").has_value());
  EXPECT_FALSE(ParseBasicAuthorization("").has_value());
}

TEST(ParseBasicAuthorizationTest, RejectsWhatCannotBeAKeyOrSecret) {
  const std::string cases[] = {
      "no colon",
      ":secret",
      "KEY:",
      std::string("KEY\0NUL:secret", 14),
      std::string("KEY:sec\0ret", 11),
      "KEY\n:secret",
      "KEY:secret\r\n",
      "KEY\r\nX-Injected: 1:secret",
      "KEY WITH SPACE:secret",
      "\xff\xfe:secret",
      "KEY:\xc3\x28",
      "K\xc3\xa9Y:secret",  // valid UTF-8, but never a key id
      "KEY:" + std::string(kMaxCredentialBytes + 1, 's'),
      std::string(kMaxCredentialBytes + 1, 'K') + ":secret",
  };
  for (const std::string& decoded : cases) {
    EXPECT_FALSE(ParseBasicAuthorization(Basic(decoded)).has_value())
        << absl::CEscape(decoded);
  }
  EXPECT_FALSE(ParseBasicAuthorization("Basic !!!").has_value());
  EXPECT_FALSE(ParseBasicAuthorization("Basic a\xff==").has_value());
}

TEST(ParseBasicAuthorizationTest, RejectsOversizedValuesUndecoded) {
  const std::string key_and_secret =
      "KEY:" + std::string(kMaxCredentialBytes, 's');
  EXPECT_TRUE(ParseBasicAuthorization(Basic(key_and_secret)).has_value());
  std::string padded = "Basic " + std::string(kMaxAuthorizationBytes, 'A');
  EXPECT_FALSE(ParseBasicAuthorization(padded).has_value());
  EXPECT_FALSE(ParseBasicAuthorization("Basic " + std::string(64 * 1024, 'A'))
                   .has_value());
}

}  // namespace
}  // namespace keyward::domain
