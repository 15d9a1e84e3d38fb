#include "services/metrics/metrics.h"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <sstream>

namespace keyward::metrics {
namespace {

using domain::AuthFailureReason;
using domain::PolicyErrorKind;
using domain::VerifyReason;

constexpr VerifyReason kVerifyReasons[] = {
    VerifyReason::kValid,     VerifyReason::kInvalidCredentials,
    VerifyReason::kExpired,   VerifyReason::kWrongResource,
    VerifyReason::kMalformed, VerifyReason::kDisabled,
};
constexpr PolicyErrorKind kPolicyErrorKinds[] = {
    PolicyErrorKind::kUnavailable,
    PolicyErrorKind::kTimeout,
    PolicyErrorKind::kBadResponse,
};
constexpr AuthFailureReason kAuthFailureReasons[] = {
    AuthFailureReason::kMissing,
    AuthFailureReason::kMalformed,
    AuthFailureReason::kInvalidCredentials,
    AuthFailureReason::kExpired,
    AuthFailureReason::kWrongResource,
    AuthFailureReason::kDisabled,
    AuthFailureReason::kLockedOut,
};

const char* Label(VerifyReason reason) {
  switch (reason) {
    case VerifyReason::kValid:
      return "valid";
    case VerifyReason::kInvalidCredentials:
      return "invalid_credentials";
    case VerifyReason::kExpired:
      return "expired";
    case VerifyReason::kWrongResource:
      return "wrong_resource";
    case VerifyReason::kMalformed:
      return "malformed";
    case VerifyReason::kDisabled:
      return "disabled";
  }
  return "unknown";
}

const char* Label(PolicyErrorKind kind) {
  switch (kind) {
    case PolicyErrorKind::kUnavailable:
      return "unavailable";
    case PolicyErrorKind::kTimeout:
      return "timeout";
    case PolicyErrorKind::kBadResponse:
      return "bad_response";
  }
  return "unknown";
}

const char* Label(AuthFailureReason reason) {
  switch (reason) {
    case AuthFailureReason::kMissing:
      return "missing";
    case AuthFailureReason::kMalformed:
      return "malformed";
    case AuthFailureReason::kInvalidCredentials:
      return "invalid_credentials";
    case AuthFailureReason::kExpired:
      return "expired";
    case AuthFailureReason::kWrongResource:
      return "wrong_resource";
    case AuthFailureReason::kDisabled:
      return "disabled";
    case AuthFailureReason::kLockedOut:
      return "locked_out";
  }
  return "unknown";
}

// Index of an enum value in its array of series; out-of-range values (a
// reason added without its series) fall on the last one rather than past
// the end.
template <typename Enum, size_t N>
prometheus::Counter& Series(const std::array<prometheus::Counter*, N>& series,
                            Enum value) {
  const size_t index = static_cast<size_t>(value);
  return *series[index < N ? index : N - 1];
}

// A git revision is hex; anything else (no checkout, a tarball) is unknown.
std::string CleanRevision(const std::string& revision) {
  if (revision.empty() ||
      revision.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return "unknown";
  }
  return revision;
}

// Revocation lag, seconds: a notification normally arrives within
// milliseconds; the tail shows a stalled or reconnecting listener.
const prometheus::Histogram::BucketBoundaries kLagBuckets = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
    0.5,   1,      2.5,   5,    10,    30,   60};
// Policy decisions, seconds: OPA on loopback answers in well under a
// millisecond; the default --opa-timeout is 2 s.
const prometheus::Histogram::BucketBoundaries kPolicyBuckets = {
    0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05,    0.1,    0.25,  0.5,    1,     2.5};

}  // namespace

BuildInfo ThisBuild() { return BuildInfo{KEYWARD_VERSION, KEYWARD_REVISION}; }

Metrics::Metrics(const std::vector<std::string>& grpc_methods,
                 const std::vector<std::string>& grpc_code_names,
                 const BuildInfo& build)
    : registry_(std::make_shared<prometheus::Registry>()),
      grpc_(std::make_shared<GrpcCallMetrics>(grpc_methods, grpc_code_names)) {
  prometheus::Registry& registry = *registry_;
  prometheus::BuildGauge()
      .Name("keyward_build_info")
      .Help("Always 1; the labels say which keywardd this is")
      .Register(registry)
      .Add({{"version", build.version},
            {"revision", CleanRevision(build.revision)}})
      .Set(1);

  auto& verified = prometheus::BuildCounter()
                       .Name("keyward_verify_total")
                       .Help("VerifyApiKey verdicts, by reason")
                       .Register(registry);
  for (const VerifyReason reason : kVerifyReasons) {
    verified_[static_cast<size_t>(reason)] =
        &verified.Add({{"reason", Label(reason)}});
  }

  cache_hits_ = &prometheus::BuildCounter()
                     .Name("keyward_verification_cache_hits_total")
                     .Help("Verification key lookups answered from memory")
                     .Register(registry)
                     .Add({});
  cache_misses_ = &prometheus::BuildCounter()
                       .Name("keyward_verification_cache_misses_total")
                       .Help("Verification key lookups that read PostgreSQL")
                       .Register(registry)
                       .Add({});
  cache_entries_ = &prometheus::BuildGauge()
                        .Name("keyward_verification_cache_entries")
                        .Help("Keys held by the verification cache")
                        .Register(registry)
                        .Add({});

  revocation_lag_ =
      &prometheus::BuildHistogram()
           .Name("keyward_revocation_lag_seconds")
           .Help(
               "From a revoking transaction's NOTIFY (the database's clock) "
               "to this replica's caches dropping the ids (this host's clock)")
           .Register(registry)
           .Add({}, kLagBuckets);
  listener_connected_ =
      &prometheus::BuildGauge()
           .Name("keyward_revocation_listener_connected")
           .Help("1 while the revocation listener is LISTENing, else 0")
           .Register(registry)
           .Add({});

  policy_duration_ = &prometheus::BuildHistogram()
                          .Name("keyward_opa_decision_duration_seconds")
                          .Help(
                              "Policy decisions asked of OPA, answered "
                              "or failed")
                          .Register(registry)
                          .Add({}, kPolicyBuckets);
  auto& policy_errors = prometheus::BuildCounter()
                            .Name("keyward_opa_errors_total")
                            .Help("Calls to OPA that failed, by kind")
                            .Register(registry);
  for (const PolicyErrorKind kind : kPolicyErrorKinds) {
    policy_errors_[static_cast<size_t>(kind)] =
        &policy_errors.Add({{"kind", Label(kind)}});
  }

  auto& pool = prometheus::BuildGauge()
                   .Name("keyward_db_pool_connections")
                   .Help("Open PostgreSQL pool connections, by state")
                   .Register(registry);
  pool_idle_ = &pool.Add({{"state", "idle"}});
  pool_in_use_ = &pool.Add({{"state", "in_use"}});
  pool_waits_ = &prometheus::BuildCounter()
                     .Name("keyward_db_pool_waits_total")
                     .Help(
                         "Pool acquisitions that found no free connection "
                         "and waited")
                     .Register(registry)
                     .Add({});
  pool_wait_timeouts_ = &prometheus::BuildCounter()
                             .Name("keyward_db_pool_wait_timeouts_total")
                             .Help("Pool acquisitions that waited in vain")
                             .Register(registry)
                             .Add({});

  auto& auth_failures = prometheus::BuildCounter()
                            .Name("keyward_auth_failures_total")
                            .Help("Callers' credentials refused, by reason")
                            .Register(registry);
  for (const AuthFailureReason reason : kAuthFailureReasons) {
    auth_failures_[static_cast<size_t>(reason)] =
        &auth_failures.Add({{"reason", Label(reason)}});
  }
}

std::vector<std::weak_ptr<prometheus::Collectable>> Metrics::collectables()
    const {
  return {registry_, grpc_};
}

std::string Metrics::Scrape() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (prometheus::MetricFamily& family : grpc_->Collect()) {
    families.push_back(std::move(family));
  }
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return out.str();
}

void Metrics::KeyVerified(VerifyReason reason) {
  Series(verified_, reason).Increment();
}

void Metrics::VerificationCacheLookup(bool hit) {
  (hit ? cache_hits_ : cache_misses_)->Increment();
}

void Metrics::VerificationCacheEntries(size_t entries) {
  cache_entries_->Set(static_cast<double>(entries));
}

void Metrics::RevocationApplied(std::chrono::microseconds lag) {
  // Clocks of two hosts: a negative difference is skew, not time travel.
  revocation_lag_->Observe(std::max<double>(0, lag.count() / 1e6));
}

void Metrics::RevocationListenerConnected(bool connected) {
  listener_connected_->Set(connected ? 1 : 0);
}

void Metrics::PolicyDecision(std::chrono::nanoseconds duration) {
  policy_duration_->Observe(duration.count() / 1e9);
}

void Metrics::PolicyError(PolicyErrorKind kind) {
  Series(policy_errors_, kind).Increment();
}

void Metrics::DatabasePoolConnections(int idle, int in_use) {
  pool_idle_->Set(idle);
  pool_in_use_->Set(in_use);
}

void Metrics::DatabasePoolWaited(bool timed_out) {
  pool_waits_->Increment();
  if (timed_out) pool_wait_timeouts_->Increment();
}

void Metrics::AuthenticationFailed(AuthFailureReason reason) {
  Series(auth_failures_, reason).Increment();
}

}  // namespace keyward::metrics
