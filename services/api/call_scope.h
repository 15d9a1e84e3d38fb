// CallScope: the domain's view of one RPC. It authenticates the call from its
// `authorization` metadata (every Keyward RPC requires it; health and
// reflection never come here), its peer and its `x-forwarded-for` headers
// (which the Authenticator believes only from a trusted proxy), gives the
// domain the Caller with the call's deadline, and, when the call leaves,
// sends the policy decision of a successful write back as trailing metadata
// `keyward-policy-decision-bin` (a serialized
// keyward.v1.PolicyDecisionDetails with its warnings and decision id). While
// it lives, the call's deadline is the thread's CurrentCallDeadline, which
// bounds the call's SQL.
//
// Usage, first thing in every handler:
//   CallScope call(context, authenticator_);
//   if (!call.ok()) return call.error();
// The one RPC that takes no credentials (RedeemInvitation, whose token is
// its credential) uses CallScope call(context, CallScope::kNoCredentials):
// its caller is anonymous, with the call's deadline and the trailer.
//
// Thread-safety: one per call, used by the handler's thread.
#ifndef KEYWARD_SERVICES_API_CALL_SCOPE_H_
#define KEYWARD_SERVICES_API_CALL_SCOPE_H_

#include <grpcpp/server_context.h>

#include "services/common/call_deadline.h"
#include "services/domain/audit.h"
#include "services/domain/authenticator.h"
#include "services/domain/policy.h"

namespace keyward::api {

inline constexpr char kPolicyDecisionTrailer[] = "keyward-policy-decision-bin";

class CallScope {
 public:
  CallScope(grpc::ServerContext* context, domain::Authenticator& authenticator);
  enum NoCredentials { kNoCredentials };
  CallScope(grpc::ServerContext* context, NoCredentials);
  ~CallScope();  // adds the trailer when a decision was recorded
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

  // False when the caller could not be authenticated; error() says why.
  bool ok() const { return error_.ok(); }
  grpc::Status error() const;

  const domain::Caller& caller() const { return caller_; }

 private:
  grpc::ServerContext* context_;
  ScopedCallDeadline deadline_;
  absl::Status error_;
  domain::PolicyDecision decision_;
  domain::Caller caller_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_CALL_SCOPE_H_
