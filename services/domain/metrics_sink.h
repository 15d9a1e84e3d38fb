// MetricsSink: what keywardd's parts report for its operational metrics
// (docs/metrics.md) — verification verdicts, the verification cache,
// revocations, policy decisions, the database pool, failed
// authentications. The parts depend on this interface only; the Prometheus
// implementation lives in services/metrics/ and no other directory sees it.
// Every method does nothing by default, and NoMetrics() is the sink of a
// part given none (tests, `keywardd migrate`, metrics turned off).
//
// Implementations are called on request paths: they must be cheap and must
// not block (no locks on the verification path).
//
// Thread-safety: implementations are safe to call concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_METRICS_SINK_H_
#define KEYWARD_SERVICES_DOMAIN_METRICS_SINK_H_

#include <chrono>
#include <cstddef>

#include "services/domain/verify_reason.h"

namespace keyward::domain {

// Why a policy decision failed (every failure is UNAVAILABLE to callers).
enum class PolicyErrorKind {
  kUnavailable,  // OPA refused the connection or answered non-200
  kTimeout,      // no answer within the call's time
  kBadResponse,  // an answer that is not a decision
};

// Why presented caller credentials were not accepted.
enum class AuthFailureReason {
  kMissing,  // no authorization metadata
  kMalformed,
  kInvalidCredentials,  // unknown key or wrong secret
  kExpired,
  kWrongResource,  // a resource key, not a Cloud key
  kDisabled,
  kLockedOut,  // refused because the subject is cooling off
};

class MetricsSink {
 public:
  virtual ~MetricsSink() = default;

  // A VerifyApiKey verdict.
  virtual void KeyVerified(VerifyReason) {}
  // A verification key lookup answered from memory (hit) or not.
  virtual void VerificationCacheLookup(bool /*hit*/) {}
  virtual void VerificationCacheEntries(size_t /*entries*/) {}
  // A revocation reached this process `lag` after its transaction published
  // it.
  virtual void RevocationApplied(std::chrono::microseconds /*lag*/) {}
  virtual void RevocationListenerConnected(bool /*connected*/) {}
  // One policy decision (allowed, denied or failed) took `duration`.
  virtual void PolicyDecision(std::chrono::nanoseconds /*duration*/) {}
  virtual void PolicyError(PolicyErrorKind) {}
  virtual void DatabasePoolConnections(int /*idle*/, int /*in_use*/) {}
  // An acquisition found no free connection and waited; `timed_out` when
  // none came.
  virtual void DatabasePoolWaited(bool /*timed_out*/) {}
  virtual void AuthenticationFailed(AuthFailureReason) {}
};

// A sink that records nothing; lives for the whole process.
MetricsSink& NoMetrics();

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_METRICS_SINK_H_
