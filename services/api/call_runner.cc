#include "services/api/call_runner.h"

#include <iterator>
#include <optional>
#include <string>

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

CallRunner::CallRunner(domain::Authenticator& authenticator)
    : authenticator_(authenticator) {}

absl::StatusOr<domain::Caller> CallRunner::Authenticate(
    const grpc::ServerContext& context) {
  return authenticator_.Authenticate(Authorization(context), Origin(context));
}

}  // namespace keyward::api
