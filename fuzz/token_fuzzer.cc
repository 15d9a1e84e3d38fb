// Secrets and invitation tokens: their format and checksum decide, before any
// database lookup, what is worth looking up. Whatever passes has the exact
// shape NewToken makes, and no token passes as both kinds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "services/crypto/secret.h"

namespace {

using namespace keyward::crypto;

bool HasShape(std::string_view token, std::string_view prefix) {
  if (token.size() != prefix.size() + kTokenBodyLength + kTokenChecksumLength ||
      token.substr(0, prefix.size()) != prefix) {
    return false;
  }
  for (char c : token.substr(prefix.size())) {
    const bool base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!base64url) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  const bool secret = IsWellFormedSecret(token);
  const bool invitation = IsWellFormedInvitationToken(token);
  if (secret && invitation) std::abort();
  if (secret && !HasShape(token, kSecretPrefix)) std::abort();
  if (invitation && !HasShape(token, kInvitationTokenPrefix)) std::abort();
  return 0;
}
