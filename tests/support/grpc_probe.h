// Small gRPC helpers for e2e tests: ask a server's grpc.health.v1 status and
// wait for it to reach a value, polling against a deadline.
//
// Thread-safety: stateless; safe from any thread.
#ifndef KEYWARD_TESTS_SUPPORT_GRPC_PROBE_H_
#define KEYWARD_TESTS_SUPPORT_GRPC_PROBE_H_

#include <grpcpp/security/credentials.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>
#include <string>

#include "grpc/health/v1/health.pb.h"

namespace keyward::testing {

using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

// The overall ("") health status of the server at `address`, or UNKNOWN when
// the call itself fails.
ServingStatus CheckHealth(const std::string& address);

// One health check over a fresh channel with `credentials` (e.g. TLS); the
// call's status, and on success the serving status in `*serving`.
grpc::Status CheckHealth(
    const std::string& address,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    ServingStatus* serving);

// Polls CheckHealth until it returns `wanted` or `timeout` passes; true when
// it did.
bool WaitForHealth(const std::string& address, ServingStatus wanted,
                   std::chrono::seconds timeout);

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_GRPC_PROBE_H_
