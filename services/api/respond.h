// Respond: how a handler answers from its domain result — the response
// filled from the value, the gRPC status, and for a write (domain::Decided)
// the policy's decision:
//   - an allowing decision goes back as trailing metadata
//     `keyward-policy-decision-bin` (a serialized
//     keyward.v1.PolicyDecisionDetails with its warnings and decision id),
//     when it has either, whether or not the write then succeeded;
//   - a denying decision goes back in the PERMISSION_DENIED status's
//     details (grpc-status-details-bin: a keyward.v1.RpcStatus wrapping the
//     keyward.v1.PolicyDecisionDetails with its violations).
//
// Thread-safety: stateless functions; the context is the handler's.
#ifndef KEYWARD_SERVICES_API_RESPOND_H_
#define KEYWARD_SERVICES_API_RESPOND_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <optional>

#include "absl/status/statusor.h"
#include "services/api/convert.h"
#include "services/domain/decided.h"
#include "services/domain/policy.h"

namespace keyward::api {

inline constexpr char kPolicyDecisionTrailer[] = "keyward-policy-decision-bin";

// A read: `fill(value)` when it succeeded; its status either way.
template <typename T, typename Fill>
grpc::Status Respond(const absl::StatusOr<T>& result, Fill fill) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  fill(*result);
  return grpc::Status::OK;
}

// Puts the decision where the call returns it (see above); the status to
// answer with.
grpc::Status ReturnDecision(
    grpc::ServerContext* context, const absl::Status& status,
    const std::optional<domain::PolicyDecision>& decision);

// A write: as a read, and its policy decision returned.
template <typename T, typename Fill>
grpc::Status Respond(grpc::ServerContext* context,
                     const domain::Decided<T>& written, Fill fill) {
  grpc::Status status =
      ReturnDecision(context, written.status(), written.decision());
  if (written.ok()) fill(*written);
  return status;
}

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_RESPOND_H_
