// Metrics and GrpcCallMetrics: what the scrape says after recording, and that
// label values stay within their fixed sets.
#include "services/metrics/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "services/metrics/grpc_call_metrics.h"

namespace keyward::metrics {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> CodeNames() {
  return {"OK",
          "CANCELLED",
          "UNKNOWN",
          "INVALID_ARGUMENT",
          "DEADLINE_EXCEEDED",
          "NOT_FOUND",
          "ALREADY_EXISTS",
          "PERMISSION_DENIED",
          "RESOURCE_EXHAUSTED",
          "FAILED_PRECONDITION",
          "ABORTED",
          "OUT_OF_RANGE",
          "UNIMPLEMENTED",
          "INTERNAL",
          "UNAVAILABLE",
          "DATA_LOSS",
          "UNAUTHENTICATED"};
}

const std::vector<std::string> kMethods = {
    "keyward.v1.ApiKeyService/VerifyApiKey",
    "keyward.v1.ApiKeyService/CreateApiKey"};

Metrics MakeMetrics() {
  return Metrics(kMethods, CodeNames(), BuildInfo{"1.2.3", "0123abcd"});
}

TEST(GrpcCallMetricsTest, ARegisteredMethodIsCountedUnderItsNameAndCode) {
  Metrics metrics = MakeMetrics();
  GrpcCallMetrics& calls = metrics.grpc();
  const size_t verify =
      calls.MethodIndex("/keyward.v1.ApiKeyService/VerifyApiKey");
  calls.Record(verify, 0, microseconds(50));
  calls.Record(verify, 0, milliseconds(3));
  calls.Record(verify, 5, microseconds(80));

  const std::string text = metrics.Scrape();
  EXPECT_THAT(text, HasSubstr("keyward_grpc_requests_total{code=\"OK\","
                              "method=\"keyward.v1.ApiKeyService/"
                              "VerifyApiKey\"} 2"));
  EXPECT_THAT(text, HasSubstr("keyward_grpc_requests_total{code=\"NOT_FOUND\","
                              "method=\"keyward.v1.ApiKeyService/"
                              "VerifyApiKey\"} 1"));
  EXPECT_THAT(text,
              HasSubstr("keyward_grpc_request_duration_seconds_count{method="
                        "\"keyward.v1.ApiKeyService/VerifyApiKey\"} 3"));
  // 50 µs and 80 µs fall in the first bucket (100 µs); 3 ms does not.
  EXPECT_THAT(text,
              HasSubstr("keyward_grpc_request_duration_seconds_bucket{method="
                        "\"keyward.v1.ApiKeyService/VerifyApiKey\",le="
                        "\"0.0001\"} 2"));
  // A method never called has no series yet.
  EXPECT_THAT(text, Not(HasSubstr("CreateApiKey")));
}

TEST(GrpcCallMetricsTest, MadeUpMethodNamesAllCountAsUnknown) {
  Metrics metrics = MakeMetrics();
  GrpcCallMetrics& calls = metrics.grpc();
  for (const std::string path :
       {"/keyward.v1.ApiKeyService/Nope", "/evil/AAAAAAAAAAAAAAAA",
        "keyward.v1.ApiKeyService/VerifyApiKey", "", "/x"}) {
    calls.Record(calls.MethodIndex(path), 12, microseconds(10));
  }
  const std::string text = metrics.Scrape();
  EXPECT_THAT(text, HasSubstr("keyward_grpc_requests_total{code="
                              "\"UNIMPLEMENTED\",method=\"unknown\"} 5"));
  EXPECT_THAT(text, Not(HasSubstr("Nope")));
  EXPECT_THAT(text, Not(HasSubstr("evil")));
  EXPECT_THAT(text, Not(HasSubstr("AAAAAAAAAAAAAAAA")));
}

TEST(GrpcCallMetricsTest, OutOfRangeIndexesAndCodesStayInBounds) {
  Metrics metrics = MakeMetrics();
  metrics.grpc().Record(1000, 99, microseconds(10));
  metrics.grpc().Record(0, -1, microseconds(10));
  const std::string text = metrics.Scrape();
  EXPECT_THAT(text, HasSubstr("keyward_grpc_requests_total{code=\"UNKNOWN\","
                              "method=\"unknown\"} 1"));
  EXPECT_THAT(text, HasSubstr("keyward_grpc_requests_total{code=\"UNKNOWN\","
                              "method=\"keyward.v1.ApiKeyService/"
                              "VerifyApiKey\"} 1"));
}

TEST(MetricsTest, EveryFamilyIsPresentBeforeAnythingHappened) {
  const std::string text = MakeMetrics().Scrape();
  for (const std::string line : {
           "keyward_build_info{revision=\"0123abcd\",version=\"1.2.3\"} 1",
           "keyward_verify_total{reason=\"valid\"} 0",
           "keyward_verify_total{reason=\"invalid_credentials\"} 0",
           "keyward_verification_cache_hits_total 0",
           "keyward_verification_cache_misses_total 0",
           "keyward_verification_cache_entries 0",
           "keyward_revocation_lag_seconds_count 0",
           "keyward_revocation_listener_connected 0",
           "keyward_opa_decision_duration_seconds_count 0",
           "keyward_opa_errors_total{kind=\"timeout\"} 0",
           "keyward_db_pool_connections{state=\"idle\"} 0",
           "keyward_db_pool_connections{state=\"in_use\"} 0",
           "keyward_db_pool_waits_total 0",
           "keyward_db_pool_wait_timeouts_total 0",
           "keyward_auth_failures_total{reason=\"missing\"} 0",
       }) {
    EXPECT_THAT(text, HasSubstr(line + "\n"));
  }
}

TEST(MetricsTest, RecordingMovesTheMatchingSeriesOnly) {
  Metrics metrics = MakeMetrics();
  metrics.KeyVerified(domain::VerifyReason::kValid);
  metrics.KeyVerified(domain::VerifyReason::kValid);
  metrics.KeyVerified(domain::VerifyReason::kDisabled);
  metrics.VerificationCacheLookup(true);
  metrics.VerificationCacheLookup(false);
  metrics.VerificationCacheLookup(true);
  metrics.VerificationCacheEntries(7);
  metrics.RevocationApplied(milliseconds(3));
  metrics.RevocationListenerConnected(true);
  metrics.PolicyDecision(microseconds(400));
  metrics.PolicyError(domain::PolicyErrorKind::kBadResponse);
  metrics.DatabasePoolConnections(3, 2);
  metrics.DatabasePoolWaited(false);
  metrics.DatabasePoolWaited(true);
  metrics.AuthenticationFailed(domain::AuthFailureReason::kLockedOut);

  const std::string text = metrics.Scrape();
  for (const std::string line : {
           "keyward_verify_total{reason=\"valid\"} 2",
           "keyward_verify_total{reason=\"disabled\"} 1",
           "keyward_verify_total{reason=\"expired\"} 0",
           "keyward_verification_cache_hits_total 2",
           "keyward_verification_cache_misses_total 1",
           "keyward_verification_cache_entries 7",
           "keyward_revocation_lag_seconds_bucket{le=\"0.0025\"} 0",
           "keyward_revocation_lag_seconds_bucket{le=\"0.005\"} 1",
           "keyward_revocation_listener_connected 1",
           "keyward_opa_decision_duration_seconds_bucket{le=\"0.0005\"} 1",
           "keyward_opa_errors_total{kind=\"bad_response\"} 1",
           "keyward_opa_errors_total{kind=\"unavailable\"} 0",
           "keyward_db_pool_connections{state=\"idle\"} 3",
           "keyward_db_pool_connections{state=\"in_use\"} 2",
           "keyward_db_pool_waits_total 2",
           "keyward_db_pool_wait_timeouts_total 1",
           "keyward_auth_failures_total{reason=\"locked_out\"} 1",
       }) {
    EXPECT_THAT(text, HasSubstr(line + "\n"));
  }
}

TEST(MetricsTest, ClockSkewDoesNotMakeANegativeLag) {
  Metrics metrics = MakeMetrics();
  metrics.RevocationApplied(milliseconds(-20));
  EXPECT_THAT(metrics.Scrape(),
              HasSubstr("keyward_revocation_lag_seconds_bucket{le=\"0.001\"} "
                        "1\n"));
}

TEST(MetricsTest, ARevisionThatIsNotHexIsUnknown) {
  const Metrics metrics(kMethods, CodeNames(),
                        BuildInfo{"1.2.3", "dirty tree; rm -rf"});
  EXPECT_THAT(metrics.Scrape(),
              HasSubstr("keyward_build_info{revision=\"unknown\","
                        "version=\"1.2.3\"} 1"));
}

TEST(MetricsTest, ThisBuildNamesTheProjectVersion) {
  EXPECT_THAT(ThisBuild().version,
              ::testing::MatchesRegex("[0-9]+\\.[0-9]+\\.[0-9]+"));
}

}  // namespace
}  // namespace keyward::metrics
