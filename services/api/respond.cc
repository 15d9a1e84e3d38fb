#include "services/api/respond.h"

namespace keyward::api {

grpc::Status ReturnDecision(
    grpc::ServerContext* context, const absl::Status& status,
    const std::optional<domain::PolicyDecision>& decision) {
  if (!decision) return ToGrpcStatus(status);
  if (!decision->allow) return ToGrpcStatus(status, *decision);
  if (!decision->decision_id.empty() || !decision->warnings.empty()) {
    context->AddTrailingMetadata(kPolicyDecisionTrailer,
                                 ToProto(*decision).SerializeAsString());
  }
  return ToGrpcStatus(status);
}

}  // namespace keyward::api
