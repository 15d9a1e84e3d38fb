// CallScope: the domain's view of one RPC — the Caller with the call's
// deadline — and, when the call leaves, the policy decision of a successful
// write sent back as trailing metadata `keyward-policy-decision-bin` (a
// serialized keyward.v1.PolicyDecisionDetails with its warnings and
// decision id).
//
// Thread-safety: one per call, used by the handler's thread.
#ifndef KEYWARD_SERVICES_API_CALL_SCOPE_H_
#define KEYWARD_SERVICES_API_CALL_SCOPE_H_

#include <grpcpp/server_context.h>

#include "services/domain/audit.h"
#include "services/domain/policy.h"

namespace keyward::api {

inline constexpr char kPolicyDecisionTrailer[] = "keyward-policy-decision-bin";

class CallScope {
 public:
  explicit CallScope(grpc::ServerContext* context);
  ~CallScope();  // adds the trailer when a decision was recorded
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

  const domain::Caller& caller() const { return caller_; }

 private:
  grpc::ServerContext* context_;
  domain::PolicyDecision decision_;
  domain::Caller caller_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_CALL_SCOPE_H_
