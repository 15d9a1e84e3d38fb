// CallRunner: the one place a keyward.v1 call is authenticated. Every
// handler hands it its work, which runs only for an authenticated caller:
//
//   return calls_.Authenticated(context, [&](const domain::Caller& caller) {
//     return Respond(manager_.Get(caller, request->id()), fill);
//   });
//
// It authenticates the call from its `authorization` metadata (health and
// reflection never come here), its peer and its `x-forwarded-for` headers
// (believed only from a trusted proxy; see Authenticator), and answers the
// Authenticator's error without running the work when that fails. The work
// gets the Caller with the call's deadline; while the call runs, that
// deadline is also the thread's CurrentCallDeadline, which bounds its SQL
// (authentication's included).
//
// A stream authenticates its caller again while it lasts (Authenticate).
//
// The one RPC that takes no credentials, RedeemInvitation (its token is its
// credential), runs through Unauthenticated: an anonymous caller with the
// call's deadline.
//
// Thread-safety: safe to call concurrently if the Authenticator is.
#ifndef KEYWARD_SERVICES_API_CALL_RUNNER_H_
#define KEYWARD_SERVICES_API_CALL_RUNNER_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <utility>

#include "absl/status/statusor.h"
#include "services/api/convert.h"
#include "services/common/call_deadline.h"
#include "services/domain/authenticator.h"
#include "services/domain/caller.h"

namespace keyward::api {

class CallRunner {
 public:
  explicit CallRunner(domain::Authenticator& authenticator);

  // `work(const domain::Caller&)` returns the call's grpc::Status.
  template <typename Work>
  grpc::Status Authenticated(grpc::ServerContext* context, Work&& work) {
    // Read once: each read converts the transport's deadline anew.
    const Deadline deadline = context->deadline();
    ScopedCallDeadline call_deadline(deadline);
    absl::StatusOr<domain::Caller> caller = Authenticate(*context);
    if (!caller.ok()) return ToGrpcStatus(caller.status());
    caller->deadline = deadline;
    return std::forward<Work>(work)(*caller);
  }

  template <typename Work>
  static grpc::Status Unauthenticated(grpc::ServerContext* context,
                                      Work&& work) {
    const Deadline deadline = context->deadline();
    ScopedCallDeadline call_deadline(deadline);
    domain::Caller anonymous;
    anonymous.deadline = deadline;
    return std::forward<Work>(work)(anonymous);
  }

  // The caller of a call already running, authenticated again from its
  // metadata: a stream checks that its key still works and reads the
  // caller's current role bindings.
  absl::StatusOr<domain::Caller> Authenticate(
      const grpc::ServerContext& context);

 private:
  domain::Authenticator& authenticator_;
};

}  // namespace keyward::api

#endif  // KEYWARD_SERVICES_API_CALL_RUNNER_H_
