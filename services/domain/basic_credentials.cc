#include "services/domain/basic_credentials.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"

namespace keyward::domain {
namespace {

constexpr absl::string_view kScheme = "basic ";

// Printable ASCII but space: what key ids and secrets are made of.
bool IsCredentialText(std::string_view text) {
  return !text.empty() && text.size() <= kMaxCredentialBytes &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

std::optional<BasicCredentials> ParseBasicAuthorization(
    std::string_view value) {
  if (value.size() > kMaxAuthorizationBytes ||
      !absl::StartsWithIgnoreCase(absl::string_view(value.data(), value.size()),
                                  kScheme)) {
    return std::nullopt;
  }
  const std::string_view encoded = value.substr(kScheme.size());
  std::string decoded;
  if (!absl::Base64Unescape(absl::string_view(encoded.data(), encoded.size()),
                            &decoded)) {
    return std::nullopt;
  }
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  BasicCredentials credentials{decoded.substr(0, colon),
                               decoded.substr(colon + 1)};
  if (!IsCredentialText(credentials.key) ||
      !IsCredentialText(credentials.secret)) {
    return std::nullopt;
  }
  return credentials;
}

}  // namespace keyward::domain
