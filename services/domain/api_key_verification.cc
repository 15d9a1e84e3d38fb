#include "services/domain/api_key_verification.h"

#include "services/common/status_macros.h"
#include "services/domain/validation.h"

namespace keyward::domain {

ApiKeyVerification::ApiKeyVerification(VerifyAccess& access,
                                       KeyVerifier& verifier,
                                       MetricsSink& metrics)
    : access_(access), verifier_(verifier), metrics_(metrics) {}

absl::StatusOr<Verification> ApiKeyVerification::Verify(
    const Caller& caller, const std::string& key_id, const std::string& secret,
    const std::string& resource_id) {
  KEYWARD_RETURN_IF_ERROR(CheckKeyResourceId("resource_id", resource_id));
  KEYWARD_RETURN_IF_ERROR(access_.Check(caller, resource_id));
  absl::StatusOr<Verification> verdict =
      verifier_.Verify(key_id, secret, resource_id);
  if (verdict.ok()) metrics_.KeyVerified(verdict->reason);
  return verdict;
}

}  // namespace keyward::domain
