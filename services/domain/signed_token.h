// Signed tokens: a payload the server hands out and takes back (list page
// tokens, event cursors), readable but bound by an HMAC under the pepper to
// its purpose and scope, so a forged, altered or foreign token is refused.
// The form is base64url(payload) "." base64url(MAC), at most 512 characters.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_DOMAIN_SIGNED_TOKEN_H_
#define KEYWARD_SERVICES_DOMAIN_SIGNED_TOKEN_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "services/crypto/secret.h"

namespace keyward::domain {

std::string SignToken(const crypto::SecretHasher& hasher,
                      absl::string_view purpose, absl::string_view scope,
                      absl::string_view payload);

// The payload of a token SignToken made with the same purpose and scope;
// nullopt for anything else.
std::optional<std::string> OpenToken(const crypto::SecretHasher& hasher,
                                     absl::string_view purpose,
                                     absl::string_view scope,
                                     absl::string_view token);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_SIGNED_TOKEN_H_
