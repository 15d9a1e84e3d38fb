#include "services/domain/signed_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace keyward::domain {
namespace {

constexpr size_t kMacBytes = 16;
constexpr size_t kMaxTokenLength = 512;

std::string Mac(const crypto::SecretHasher& hasher, absl::string_view purpose,
                absl::string_view scope, absl::string_view payload) {
  return hasher.Mac(std::string(purpose), absl::StrCat(scope, "\n", payload))
      .substr(0, kMacBytes);
}

}  // namespace

std::string SignToken(const crypto::SecretHasher& hasher,
                      absl::string_view purpose, absl::string_view scope,
                      absl::string_view payload) {
  return absl::StrCat(
      absl::WebSafeBase64Escape(payload), ".",
      absl::WebSafeBase64Escape(Mac(hasher, purpose, scope, payload)));
}

std::optional<std::string> OpenToken(const crypto::SecretHasher& hasher,
                                     absl::string_view purpose,
                                     absl::string_view scope,
                                     absl::string_view token) {
  const size_t dot = token.find('.');
  std::string payload, mac;
  if (dot == absl::string_view::npos || token.size() > kMaxTokenLength ||
      !absl::WebSafeBase64Unescape(token.substr(0, dot), &payload) ||
      !absl::WebSafeBase64Unescape(token.substr(dot + 1), &mac) ||
      !crypto::ConstantTimeEquals(mac, Mac(hasher, purpose, scope, payload))) {
    return std::nullopt;
  }
  return payload;
}

}  // namespace keyward::domain
