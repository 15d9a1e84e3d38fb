// OpaClient: asks Open Policy Agent for decisions over HTTP — POST
// <opa-url>/v1/data/keyward/decision — and for compliance findings — POST
// <opa-url>/v1/data/keyward/compliance/findings — on kept-alive connections
// borrowed
// from a pool (never one per request, and not one per thread either: gRPC's
// synchronous server starts and ends threads under load, and a connection
// tied to a thread would end with it), with connect, read and write timeouts
// taken from the call's deadline. (httplib reconnects by itself when OPA
// has closed a pooled connection, after a restart say.) It fails closed:
// refused connections, timeouts, non-200 replies, malformed JSON and an
// undefined result are all UNAVAILABLE. When given a token it sends
// `Authorization: Bearer <token>` on every call, as OPA's system.authz policy
// requires (DESIGN.md §3); the token appears in no error message. Each
// decision's duration and each failure's kind go to `metrics`.
//
// The only place cpp-httplib appears.
//
// Thread-safety: Decide and Findings may be called from any number of
// threads.
#ifndef KEYWARD_SERVICES_OPA_OPA_CLIENT_H_
#define KEYWARD_SERVICES_OPA_OPA_CLIENT_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "services/domain/compliance.h"
#include "services/domain/metrics_sink.h"
#include "services/domain/policy.h"

namespace httplib {
class Client;
}

namespace keyward::opa {

class OpaClient : public domain::PolicyClient, public domain::FindingsPolicy {
 public:
  // `base_url` is e.g. "http://127.0.0.1:8181" (a path prefix is allowed);
  // `bearer_token`, when not empty, is sent on every decision call.
  explicit OpaClient(const std::string& base_url, std::string bearer_token = "",
                     domain::MetricsSink& metrics = domain::NoMetrics());
  ~OpaClient() override;

  absl::StatusOr<domain::PolicyDecision> Decide(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline) override;

  absl::StatusOr<std::vector<domain::Finding>> Findings(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline) override;

 private:
  // The reply body of POST <prefix><path> with {"input": input}, or
  // UNAVAILABLE (its kind counted); exceptions stay inside.
  absl::StatusOr<std::string> Query(
      const std::string& path, const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline);
  absl::StatusOr<std::string> QueryOrThrow(
      const std::string& path, const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline);

  // One POST of `body` to `path` within what is left before `deadline`: the
  // reply's body, or UNAVAILABLE saying why not (and `failure` its kind).
  absl::StatusOr<std::string> Post(
      httplib::Client& client, const std::string& path, const std::string& body,
      std::chrono::system_clock::time_point deadline,
      domain::PolicyErrorKind& failure) const;

  std::unique_ptr<httplib::Client> Borrow();  // an idle connection, or null
  void Return(std::unique_ptr<httplib::Client> client);
  std::unique_ptr<httplib::Client> Connect() const;

  std::string origin_;        // scheme://host:port
  std::string prefix_;        // the base URL's path, without a final /
  std::string bearer_token_;  // never logged or put in an error
  domain::MetricsSink& metrics_;
  std::mutex idle_mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;  // kept-alive, unused
};

// Parses OPA's reply body into a decision — allow, violations, warnings, the
// optional "defaults" object and the decision id; UNAVAILABLE when it is not
// one.
absl::StatusOr<domain::PolicyDecision> ParseDecision(const std::string& body);

// Parses OPA's reply to a findings query: a list of {api_key_id, rule,
// severity, message}; UNAVAILABLE when it is not one.
absl::StatusOr<std::vector<domain::Finding>> ParseFindings(
    const std::string& body);

}  // namespace keyward::opa

#endif  // KEYWARD_SERVICES_OPA_OPA_CLIENT_H_
