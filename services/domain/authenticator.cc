#include "services/domain/authenticator.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/crypto/secret.h"
#include "services/domain/basic_credentials.h"
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

AuthFailureReason FailureReason(bool has_authorization, VerifyReason verdict) {
  if (!has_authorization) return AuthFailureReason::kMissing;
  switch (verdict) {
    case VerifyReason::kInvalidCredentials:
      return AuthFailureReason::kInvalidCredentials;
    case VerifyReason::kExpired:
      return AuthFailureReason::kExpired;
    case VerifyReason::kWrongResource:
      return AuthFailureReason::kWrongResource;
    case VerifyReason::kDisabled:
      return AuthFailureReason::kDisabled;
    case VerifyReason::kMalformed:
    case VerifyReason::kValid:
      break;
  }
  return AuthFailureReason::kMalformed;
}

}  // namespace

Authenticator::Authenticator(KeyVerifier& verifier,
                             RoleBindingSource& role_bindings,
                             FailedAuthLimiter& limiter,
                             const ClientAddressResolver& addresses,
                             AuditRepository& audit, const Clock& clock,
                             MetricsSink& metrics)
    : verifier_(verifier),
      role_bindings_(role_bindings),
      limiter_(limiter),
      addresses_(addresses),
      audit_(audit),
      clock_(clock),
      metrics_(metrics),
      decoy_secret_(crypto::NewSecret()) {}

absl::StatusOr<Caller> Authenticator::Authenticate(
    const std::optional<std::string>& authorization, const CallOrigin& origin) {
  const std::optional<BasicCredentials> credentials =
      authorization ? ParseBasicAuthorization(*authorization) : std::nullopt;
  const bool key_id_well_formed =
      credentials && KindOfId(credentials->key) == IdKind::kApiKey;
  // The only key id that may be recorded anywhere.
  const std::string recorded_key_id = key_id_well_formed ? credentials->key
                                      : authorization    ? kMalformedKeyId
                                                         : kAnonymousKeyId;

  // Credentials that cannot be a key still cost a lookup and a hash, so the
  // time taken does not tell a malformed key from an unknown one.
  const bool well_formed =
      key_id_well_formed && crypto::IsWellFormedSecret(credentials->secret);
  absl::StatusOr<Verification> verification =
      well_formed
          ? verifier_.Verify(credentials->key, credentials->secret,
                             kCloudResourceId)
          : verifier_.Verify(kDecoyKeyId, decoy_secret_, kCloudResourceId);
  if (verification.ok() && !well_formed) {
    verification = Verification{};  // malformed, whatever the decoy found
  }
  if (!verification.ok()) return verification.status();

  const std::string address =
      addresses_.ClientAddress(origin.peer, origin.forwarded_for);
  if (!verification->valid()) {
    const FailureVerdict verdict =
        limiter_.RecordFailure(recorded_key_id, address);
    if (verdict.tipped()) ReportLockout(recorded_key_id, address, verdict);
    metrics_.AuthenticationFailed(
        verdict.refused
            ? AuthFailureReason::kLockedOut
            : FailureReason(authorization.has_value(), verification->reason));
    if (verdict.refused) {
      return absl::ResourceExhaustedError(
          "too many failed authentications from this address; try again "
          "later");
    }
    return Unauthenticated();
  }
  // A correct secret is accepted whatever others did from this address.
  limiter_.RecordSuccess(recorded_key_id, address);

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

void Authenticator::ReportLockout(const std::string& key_id,
                                  const std::string& address,
                                  const FailureVerdict& verdict) {
  nlohmann::json scope = nlohmann::json::array();
  if (verdict.address_tipped) scope.push_back("address");
  if (verdict.key_tipped) scope.push_back("key_at_address");
  AuditRecord record;
  record.actor_id = key_id;
  record.action = "authentication.lockout";
  record.target_id = address;
  if (KindOfId(key_id)) record.subject_ids = {key_id};
  record.allowed = false;
  record.request_summary_json = nlohmann::json{
      {"key", key_id},
      {"address", address},
      {"scope", scope}}.dump();
  if (absl::Status s = audit_.Append(record, clock_.Now()); !s.ok()) {
    LogWarning(absl::StrCat("lockout audit event not written: ", s.message()));
  }
  LogWarning(absl::StrCat("authentication lockout: key=", key_id,
                          " address=", address, " scope=", scope.dump()));
}

}  // namespace keyward::domain
