// Metrics: keywardd's Prometheus metrics (names, types and labels:
// docs/metrics.md) — the registry, every family, and the MetricsSink the
// domain, store and policy client report to. Each series a hot path touches
// is resolved once, at construction, so recording is an atomic add: no label
// lookup, no lock. Label values come from fixed sets only (enums, status
// codes, the registered gRPC methods): never a key id, secret, account id or
// address.
//
// Thread-safety: every method may be called concurrently.
#ifndef KEYWARD_SERVICES_METRICS_METRICS_H_
#define KEYWARD_SERVICES_METRICS_METRICS_H_

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "services/domain/metrics_sink.h"
#include "services/metrics/grpc_call_metrics.h"

namespace keyward::metrics {

// What keyward_build_info says.
struct BuildInfo {
  std::string version;
  std::string revision;
};

// This binary's version (CMake's project version) and the git revision it
// was configured from ("unknown" outside a git checkout).
BuildInfo ThisBuild();

class Metrics : public domain::MetricsSink {
 public:
  // `grpc_methods` and `grpc_code_names`: see GrpcCallMetrics.
  Metrics(const std::vector<std::string>& grpc_methods,
          const std::vector<std::string>& grpc_code_names,
          const BuildInfo& build = ThisBuild());

  GrpcCallMetrics& grpc() { return *grpc_; }
  // What an endpoint serves: every family, in the text format by Scrape().
  std::vector<std::weak_ptr<prometheus::Collectable>> collectables() const;
  std::string Scrape() const;

  void KeyVerified(domain::VerifyReason reason) override;
  void VerificationCacheLookup(bool hit) override;
  void VerificationCacheEntries(size_t entries) override;
  void RevocationApplied(std::chrono::microseconds lag) override;
  void RevocationListenerConnected(bool connected) override;
  void PolicyDecision(std::chrono::nanoseconds duration) override;
  void PolicyError(domain::PolicyErrorKind kind) override;
  void DatabasePoolConnections(int idle, int in_use) override;
  void DatabasePoolWaited(bool timed_out) override;
  void AuthenticationFailed(domain::AuthFailureReason reason) override;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<GrpcCallMetrics> grpc_;

  std::array<prometheus::Counter*, 6> verified_{};  // by VerifyReason
  prometheus::Counter* cache_hits_;
  prometheus::Counter* cache_misses_;
  prometheus::Gauge* cache_entries_;
  prometheus::Histogram* revocation_lag_;
  prometheus::Gauge* listener_connected_;
  prometheus::Histogram* policy_duration_;
  std::array<prometheus::Counter*, 3> policy_errors_{};  // by PolicyErrorKind
  prometheus::Gauge* pool_idle_;
  prometheus::Gauge* pool_in_use_;
  prometheus::Counter* pool_waits_;
  prometheus::Counter* pool_wait_timeouts_;
  std::array<prometheus::Counter*, 7> auth_failures_{};  // by reason
};

}  // namespace keyward::metrics

#endif  // KEYWARD_SERVICES_METRICS_METRICS_H_
