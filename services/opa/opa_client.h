// OpaClient: asks Open Policy Agent for decisions over HTTP — POST
// <opa-url>/v1/data/keyward/decision — on kept-alive connections, one HTTP
// client per worker thread (never one per request), with connect, read and
// write timeouts taken from the call's deadline. It fails closed: refused
// connections, timeouts, non-200 replies, malformed JSON and an undefined
// result are all UNAVAILABLE.
//
// The only place cpp-httplib appears.
//
// Thread-safety: Decide may be called from any number of threads.
#ifndef KEYWARD_SERVICES_OPA_OPA_CLIENT_H_
#define KEYWARD_SERVICES_OPA_OPA_CLIENT_H_

#include <atomic>
#include <string>

#include "services/domain/policy.h"

namespace keyward::opa {

class OpaClient : public domain::PolicyClient {
 public:
  // `base_url` is e.g. "http://127.0.0.1:8181" (a path prefix is allowed).
  explicit OpaClient(const std::string& base_url);

  absl::StatusOr<domain::PolicyDecision> Decide(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline) override;

 private:
  absl::StatusOr<domain::PolicyDecision> DecideOrThrow(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline);

  std::string origin_;  // scheme://host:port
  std::string path_;    // <prefix>/v1/data/keyward/decision
  const uint64_t
      instance_;  // tells this client's thread-local connections apart
};

// Parses OPA's reply body into a decision; UNAVAILABLE when it is not one.
absl::StatusOr<domain::PolicyDecision> ParseDecision(const std::string& body);

}  // namespace keyward::opa

#endif  // KEYWARD_SERVICES_OPA_OPA_CLIENT_H_
