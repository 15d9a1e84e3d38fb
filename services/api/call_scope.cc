#include "services/api/call_scope.h"

#include "keyward/v1/policy.pb.h"
#include "services/api/convert.h"

namespace keyward::api {

CallScope::CallScope(grpc::ServerContext* context) : context_(context) {
  caller_.deadline = context->deadline();
  caller_.decision_out = &decision_;
}

CallScope::~CallScope() {
  if (decision_.decision_id.empty() && decision_.warnings.empty()) return;
  context_->AddTrailingMetadata(kPolicyDecisionTrailer,
                                ToProto(decision_).SerializeAsString());
}

}  // namespace keyward::api
