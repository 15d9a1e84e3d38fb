#include "services/api/call_scope.h"

#include <iterator>

#include "keyward/v1/policy.pb.h"
#include "services/api/convert.h"

namespace keyward::api {
namespace {

// The authorization value, nullopt when absent. Two or more are ambiguous:
// they read as an empty, hence malformed, value.
std::optional<std::string> Authorization(const grpc::ServerContext& context) {
  const auto range = context.client_metadata().equal_range("authorization");
  if (range.first == range.second) return std::nullopt;
  if (std::next(range.first) != range.second) return std::string();
  return std::string(range.first->second.data(), range.first->second.size());
}

domain::CallOrigin Origin(const grpc::ServerContext& context) {
  domain::CallOrigin origin;
  origin.peer = context.peer();
  const auto range = context.client_metadata().equal_range("x-forwarded-for");
  for (auto it = range.first; it != range.second; ++it) {
    origin.forwarded_for.emplace_back(it->second.data(), it->second.size());
  }
  return origin;
}

}  // namespace

CallScope::CallScope(grpc::ServerContext* context,
                     domain::Authenticator& authenticator)
    : context_(context), deadline_(context->deadline()) {
  absl::StatusOr<domain::Caller> caller =
      authenticator.Authenticate(Authorization(*context), Origin(*context));
  if (!caller.ok()) {
    error_ = caller.status();
    return;
  }
  caller_ = *std::move(caller);
  caller_.deadline = context->deadline();
  caller_.decision_out = &decision_;
}

CallScope::CallScope(grpc::ServerContext* context, NoCredentials)
    : context_(context), deadline_(context->deadline()) {
  caller_.deadline = context->deadline();
  caller_.decision_out = &decision_;
}

CallScope::~CallScope() {
  if (decision_.decision_id.empty() && decision_.warnings.empty()) return;
  context_->AddTrailingMetadata(kPolicyDecisionTrailer,
                                ToProto(decision_).SerializeAsString());
}

grpc::Status CallScope::error() const { return ToGrpcStatus(error_); }

}  // namespace keyward::api
