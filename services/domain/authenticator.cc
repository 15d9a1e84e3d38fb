#include "services/domain/authenticator.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/crypto/secret.h"
#include "services/domain/ids.h"

namespace keyward::domain {
namespace {

// A well-formed key id no key is ever given: ids come from the CSPRNG, and
// this one is all zeros.
constexpr char kDecoyKeyId[] = "0000000000000000";

absl::Status Unauthenticated() {
  return absl::UnauthenticatedError(
      "missing or invalid credentials: send authorization: Basic "
      "base64(key:secret) with a valid Cloud API key");
}

}  // namespace

Authenticator::Authenticator(KeyVerifier& verifier,
                             RoleBindingSource& role_bindings,
                             FailedAuthLimiter& limiter, AuditRepository& audit,
                             const Clock& clock)
    : verifier_(verifier),
      role_bindings_(role_bindings),
      limiter_(limiter),
      audit_(audit),
      clock_(clock),
      decoy_secret_(crypto::NewSecret()) {}

absl::StatusOr<Caller> Authenticator::Authenticate(
    const std::optional<std::string>& authorization, const std::string& peer) {
  const std::string address = PeerAddress(peer);
  const std::optional<BasicCredentials> credentials =
      authorization ? ParseBasicAuthorization(*authorization) : std::nullopt;
  const std::string key_id = credentials ? credentials->key : "";
  if (limiter_.Blocked(key_id, address)) {
    return absl::ResourceExhaustedError(
        "too many failed authentications from this key or address; try "
        "again later");
  }

  // Credentials that cannot be a key still cost a lookup and a hash, so the
  // time taken does not tell a malformed key from an unknown one.
  const bool well_formed = credentials &&
                           KindOfId(credentials->key) == IdKind::kApiKey &&
                           crypto::IsWellFormedSecret(credentials->secret);
  absl::StatusOr<Verification> verification =
      well_formed
          ? verifier_.Verify(credentials->key, credentials->secret,
                             kCloudResourceId)
          : verifier_.Verify(kDecoyKeyId, decoy_secret_, kCloudResourceId);
  if (verification.ok() && !well_formed) {
    verification = Verification{};  // malformed, whatever the decoy found
  }
  if (!verification.ok()) return verification.status();
  if (!verification->valid()) {
    if (limiter_.RecordFailure(key_id, address)) {
      AuditRecord record;
      record.actor_id = key_id.empty() ? "anonymous" : key_id;
      record.action = "authentication.lockout";
      record.target_id = address;
      record.allowed = false;
      record.request_summary_json =
          nlohmann::json{{"key", key_id}, {"peer", address}}.dump();
      if (absl::Status s = audit_.Append(record, clock_.Now()); !s.ok()) {
        LogWarning(
            absl::StrCat("lockout audit event not written: ", s.message()));
      }
      LogWarning(absl::StrCat("authentication lockout for key '", key_id,
                              "' / peer ", address));
    }
    return Unauthenticated();
  }

  const ApiKey& key = *verification->key;
  Caller caller;
  caller.id = key.owner_id;
  caller.type = AccountTypeName(key.owner_type);
  absl::StatusOr<std::vector<CallerRoleBinding>> bindings =
      role_bindings_.RoleBindingsOf(key.owner_id);
  if (!bindings.ok()) return bindings.status();
  caller.role_bindings = std::move(*bindings);
  return caller;
}

std::optional<BasicCredentials> ParseBasicAuthorization(
    const std::string& value) {
  constexpr size_t kSchemeLength = 6;  // "Basic "
  if (value.size() <= kSchemeLength || value[kSchemeLength - 1] != ' ') {
    return std::nullopt;
  }
  std::string scheme = value.substr(0, kSchemeLength - 1);
  for (char& c : scheme) c = static_cast<char>(std::tolower(c));
  std::string decoded;
  if (scheme != "basic" ||
      !absl::Base64Unescape(value.substr(kSchemeLength), &decoded)) {
    return std::nullopt;
  }
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return BasicCredentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

std::string PeerAddress(const std::string& peer) {
  const size_t scheme = peer.find(':');
  const size_t port = peer.rfind(':');
  if (scheme == std::string::npos || port == scheme) return peer;
  return peer.substr(scheme + 1, port - scheme - 1);
}

}  // namespace keyward::domain
