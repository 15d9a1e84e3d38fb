#include "services/crypto/secret.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "services/crypto/random.h"

namespace keyward::crypto {
namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Checksum(std::string_view prefix_and_body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(prefix_and_body.data(), prefix_and_body.size(), digest, &length,
             EVP_sha256(), nullptr);
  // 6 characters × 6 bits from the first 5 digest bytes.
  uint64_t bits = 0;
  for (int i = 0; i < 5; ++i) bits = (bits << 8) | digest[i];
  std::string checksum;
  for (size_t i = 0; i < kTokenChecksumLength; ++i) {
    checksum += kBase64Url[(bits >> (34 - 6 * i)) & 63];
  }
  return checksum;
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
       &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string NewToken(std::string_view prefix) {
  std::string token(prefix);
  token += RandomString(kTokenBodyLength, kBase64Url);
  token += Checksum(token);
  return token;
}

bool IsWellFormedToken(std::string_view token, std::string_view prefix) {
  if (token.size() != prefix.size() + kTokenBodyLength + kTokenChecksumLength ||
      token.substr(0, prefix.size()) != prefix) {
    return false;
  }
  const std::string_view body = token.substr(prefix.size());
  for (char c : body) {
    if (kBase64Url.find(c) == std::string_view::npos) return false;
  }
  const size_t checked = prefix.size() + kTokenBodyLength;
  return ConstantTimeEquals(Checksum(token.substr(0, checked)),
                            token.substr(checked));
}

SecretHasher::SecretHasher(std::string pepper) : pepper_(std::move(pepper)) {}

std::string SecretHasher::Hash(std::string_view secret) const {
  return HmacSha256(pepper_, secret);
}

bool SecretHasher::Matches(std::string_view secret,
                           std::string_view stored_hash) const {
  return ConstantTimeEquals(Hash(secret), stored_hash);
}

std::string SecretHasher::PepperCheck() const {
  return HmacSha256(pepper_, kPepperCheckMessage);
}

std::string SecretHasher::Mac(std::string_view purpose,
                              std::string_view data) const {
  return HmacSha256(HmacSha256(pepper_, purpose), data);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace keyward::crypto
