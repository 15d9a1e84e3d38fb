// ApiKeyVerification: the VerifyApiKey call — a data-plane caller asks
// whether a presented key opens a resource. Its steps, in order, each
// stopping the call:
//   1. the resource id must be "cloud" or a well-formed resource id
//      (INVALID_ARGUMENT naming resource_id), before anything is looked up;
//   2. the caller must be allowed to verify keys for that resource
//      (VerifyAccess: PERMISSION_DENIED), before the key is looked up, so a
//      caller without the right learns nothing about the key;
//   3. the KeyVerifier's verdict on the key (see key_verifier.h), counted
//      on `metrics` by reason.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_API_KEY_VERIFICATION_H_
#define KEYWARD_SERVICES_DOMAIN_API_KEY_VERIFICATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/domain/caller.h"
#include "services/domain/key_verifier.h"
#include "services/domain/metrics_sink.h"
#include "services/domain/verify_access.h"

namespace keyward::domain {

class ApiKeyVerification {
 public:
  ApiKeyVerification(VerifyAccess& access, KeyVerifier& verifier,
                     MetricsSink& metrics = NoMetrics());

  absl::StatusOr<Verification> Verify(const Caller& caller,
                                      const std::string& key_id,
                                      const std::string& secret,
                                      const std::string& resource_id);

 private:
  VerifyAccess& access_;
  KeyVerifier& verifier_;
  MetricsSink& metrics_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_API_KEY_VERIFICATION_H_
