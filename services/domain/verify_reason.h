// VerifyReason: what verification decided about a presented key (the
// verdicts and their order: key_verifier.h). Shared by the verifier and the
// key-use counts, which count every verdict but kMalformed per key.
//
// Thread-safety: a plain enum.
#ifndef KEYWARD_SERVICES_DOMAIN_VERIFY_REASON_H_
#define KEYWARD_SERVICES_DOMAIN_VERIFY_REASON_H_

namespace keyward::domain {

enum class VerifyReason {
  kValid,
  kInvalidCredentials,
  kExpired,
  kWrongResource,
  kMalformed,
  kDisabled,
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_VERIFY_REASON_H_
