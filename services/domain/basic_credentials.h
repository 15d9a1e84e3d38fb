// BasicCredentials: the key id and secret of an `authorization: Basic
// base64(key:secret)` value, and nothing that cannot be one. The value is
// bounded (kMaxAuthorizationBytes) and the decoded key and secret must each
// be short, non-empty printable ASCII without spaces — so invalid UTF-8, NUL
// bytes, CR/LF and oversized input never get past parsing. Key ids and
// secrets are ASCII by construction, so nothing valid is lost.
//
// A parsed key is still not a well-formed key id (KindOfId decides that):
// never record it unchecked.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_BASIC_CREDENTIALS_H_
#define KEYWARD_SERVICES_DOMAIN_BASIC_CREDENTIALS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace keyward::domain {

// Longer authorization values are malformed without being decoded. A real
// one is about 120 bytes.
inline constexpr size_t kMaxAuthorizationBytes = 4096;
// Longer decoded keys or secrets are malformed.
inline constexpr size_t kMaxCredentialBytes = 256;

struct BasicCredentials {
  std::string key;
  std::string secret;
};

// nullopt unless `value` is "Basic " (scheme case-insensitive) + base64 of
// "key:secret" within the bounds above.
std::optional<BasicCredentials> ParseBasicAuthorization(std::string_view value);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_BASIC_CREDENTIALS_H_
