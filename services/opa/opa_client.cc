#include "services/opa/opa_client.h"

#include <httplib.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace keyward::opa {
namespace {

constexpr char kDecisionPath[] = "/v1/data/keyward/decision";
constexpr char kFindingsPath[] = "/v1/data/keyward/compliance/findings";

// Idle connections kept beyond this many are closed: enough for every call
// of a busy server at once, without holding sockets after a burst.
constexpr size_t kMaxIdleConnections = 64;

// Why names OPA's address and what it answered: it goes to the log, and
// callers get only what happened.
absl::Status Unavailable(const std::string& why) {
  static LogThrottle throttle(std::chrono::seconds(1));
  if (throttle.Allow()) {
    LogWarning(absl::StrCat("policy engine unavailable: ", why));
  }
  return absl::UnavailableError("policy engine unavailable");
}

absl::StatusOr<std::vector<domain::PolicyViolation>> Items(
    const nlohmann::json& result, const char* name) {
  std::vector<domain::PolicyViolation> items;
  if (!result.contains(name)) return items;
  const nlohmann::json& array = result[name];
  if (!array.is_array()) {
    return Unavailable(absl::StrCat("decision.", name, " is not a list"));
  }
  for (const nlohmann::json& item : array) {
    if (!item.is_object() ||
        !item.value("rule", nlohmann::json()).is_string() ||
        !item.value("message", nlohmann::json()).is_string()) {
      return Unavailable(absl::StrCat(
          "decision.", name, " holds an entry without rule and message"));
    }
    items.push_back(
        {item["rule"].get<std::string>(), item["message"].get<std::string>()});
  }
  return items;
}

}  // namespace

OpaClient::OpaClient(const std::string& base_url, std::string bearer_token,
                     domain::MetricsSink& metrics)
    : bearer_token_(std::move(bearer_token)), metrics_(metrics) {
  const size_t scheme_end = base_url.find("://");
  const size_t path_start =
      base_url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  origin_ = base_url.substr(0, path_start);
  prefix_ =
      (path_start == std::string::npos ? "" : base_url.substr(path_start));
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
}

OpaClient::~OpaClient() = default;

std::unique_ptr<httplib::Client> OpaClient::Borrow() {
  std::lock_guard<std::mutex> lock(idle_mutex_);
  if (idle_.empty()) return nullptr;
  std::unique_ptr<httplib::Client> client = std::move(idle_.back());
  idle_.pop_back();
  return client;
}

void OpaClient::Return(std::unique_ptr<httplib::Client> client) {
  std::lock_guard<std::mutex> lock(idle_mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(client));
}

std::unique_ptr<httplib::Client> OpaClient::Connect() const {
  auto client = std::make_unique<httplib::Client>(origin_);
  client->set_keep_alive(true);
  // httplib writes a request's headers and its body separately; with Nagle's
  // algorithm on, the body waits for the ACK of the headers, which OPA delays
  // by up to 40 ms: every decision took 40 ms, idle or not.
  client->set_tcp_nodelay(true);
  if (!bearer_token_.empty()) client->set_bearer_token_auth(bearer_token_);
  return client;
}

absl::StatusOr<domain::PolicyDecision> OpaClient::Decide(
    const nlohmann::json& input,
    std::chrono::system_clock::time_point deadline) {
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<std::string> reply = Query(kDecisionPath, input, deadline);
  absl::StatusOr<domain::PolicyDecision> decision =
      reply.ok() ? ParseDecision(*reply) : reply.status();
  if (reply.ok() && !decision.ok()) {
    metrics_.PolicyError(domain::PolicyErrorKind::kBadResponse);
  }
  metrics_.PolicyDecision(std::chrono::steady_clock::now() - start);
  return decision;
}

absl::StatusOr<std::vector<domain::Finding>> OpaClient::Findings(
    const nlohmann::json& input,
    std::chrono::system_clock::time_point deadline) {
  absl::StatusOr<std::string> reply = Query(kFindingsPath, input, deadline);
  if (!reply.ok()) return reply.status();
  absl::StatusOr<std::vector<domain::Finding>> findings = ParseFindings(*reply);
  if (!findings.ok()) {
    metrics_.PolicyError(domain::PolicyErrorKind::kBadResponse);
  }
  return findings;
}

absl::StatusOr<std::string> OpaClient::Query(
    const std::string& path, const nlohmann::json& input,
    std::chrono::system_clock::time_point deadline) {
  // httplib and the JSON library throw; nothing may escape this adapter.
  try {
    return QueryOrThrow(path, input, deadline);
  } catch (const std::exception& error) {
    metrics_.PolicyError(domain::PolicyErrorKind::kUnavailable);
    return Unavailable(error.what());
  }
}

absl::StatusOr<std::string> OpaClient::QueryOrThrow(
    const std::string& path, const nlohmann::json& input,
    std::chrono::system_clock::time_point deadline) {
  const std::string body = nlohmann::json{{"input", input}}.dump();
  std::unique_ptr<httplib::Client> client = Borrow();
  if (client == nullptr) client = Connect();
  domain::PolicyErrorKind failure = domain::PolicyErrorKind::kUnavailable;
  absl::StatusOr<std::string> reply =
      Post(*client, path, body, deadline, failure);
  // A failed exchange may leave the connection mid-reply: it is not reused.
  if (!reply.ok()) {
    metrics_.PolicyError(failure);
    return reply.status();
  }
  Return(std::move(client));
  return reply;
}

absl::StatusOr<std::string> OpaClient::Post(
    httplib::Client& client, const std::string& path, const std::string& body,
    std::chrono::system_clock::time_point deadline,
    domain::PolicyErrorKind& failure) const {
  // httplib applies each timeout to its own phase; split one budget so that
  // connect + write + read together stay within the deadline.
  const auto remaining = std::chrono::duration_cast<std::chrono::microseconds>(
      deadline - std::chrono::system_clock::now());
  if (remaining.count() <= 0) {
    failure = domain::PolicyErrorKind::kTimeout;
    // Nothing internal to hide, and nothing an operator must see.
    return absl::UnavailableError(
        "policy engine unavailable: no time left before the deadline");
  }
  const auto phase = [](std::chrono::microseconds budget) {
    return std::pair<time_t, time_t>(
        static_cast<time_t>(budget.count() / 1000000),
        static_cast<time_t>(budget.count() % 1000000));
  };
  const auto [connect_s, connect_us] = phase(remaining / 4);
  const auto [write_s, write_us] = phase(remaining / 4);
  const auto [read_s, read_us] = phase(remaining / 2);
  client.set_connection_timeout(connect_s, connect_us);
  client.set_write_timeout(write_s, write_us);
  client.set_read_timeout(read_s, read_us);

  httplib::Result reply = client.Post(prefix_ + path, body, "application/json");
  if (!reply) {
    // A phase's timeout ends it as a read, write or connect-timeout error.
    const httplib::Error error = reply.error();
    failure = error == httplib::Error::Read || error == httplib::Error::Write ||
                      error == httplib::Error::ConnectionTimeout
                  ? domain::PolicyErrorKind::kTimeout
                  : domain::PolicyErrorKind::kUnavailable;
    return Unavailable(absl::StrCat("request to ", origin_, " failed (",
                                    httplib::to_string(reply.error()), ")"));
  }
  if (reply->status == 401 || reply->status == 403) {
    return Unavailable(absl::StrCat(
        "HTTP ", reply->status, " from ", origin_, " for ", path,
        ": OPA refused the call (does --opa-token-file hold the token OPA "
        "was started with, and does system.authz allow this path?)"));
  }
  if (reply->status != 200) {
    return Unavailable(absl::StrCat("HTTP ", reply->status, " from ", origin_));
  }
  return std::move(reply->body);
}

absl::StatusOr<domain::PolicyDecision> ParseDecision(const std::string& body) {
  const nlohmann::json reply = nlohmann::json::parse(body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Unavailable("the reply is not JSON");
  }
  if (!reply.contains("result")) {
    return Unavailable(
        "keyward/decision is undefined (is the keyward policy loaded?)");
  }
  const nlohmann::json& result = reply["result"];
  if (!result.is_object() ||
      !result.value("allow", nlohmann::json()).is_boolean()) {
    return Unavailable("the decision has no boolean allow");
  }
  domain::PolicyDecision decision;
  decision.allow = result["allow"].get<bool>();
  absl::StatusOr<std::vector<domain::PolicyViolation>> violations =
      Items(result, "violations");
  if (!violations.ok()) return violations.status();
  absl::StatusOr<std::vector<domain::PolicyViolation>> warnings =
      Items(result, "warnings");
  if (!warnings.ok()) return warnings.status();
  decision.violations = std::move(*violations);
  decision.warnings = std::move(*warnings);
  if (result.contains("defaults")) {
    if (!result["defaults"].is_object()) {
      return Unavailable("decision.defaults is not an object");
    }
    decision.defaults = result["defaults"];
  }
  // A denial must say why. (An allow that lists violations is executed:
  // the contract is that `allow` alone decides.)
  if (!decision.allow && decision.violations.empty()) {
    decision.violations.push_back(
        {"policy_denied", "the policy denied the request without a reason"});
  }
  if (reply.contains("decision_id") && reply["decision_id"].is_string()) {
    decision.decision_id = reply["decision_id"].get<std::string>();
  }
  return decision;
}

absl::StatusOr<std::vector<domain::Finding>> ParseFindings(
    const std::string& body) {
  const nlohmann::json reply = nlohmann::json::parse(body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Unavailable("the findings reply is not JSON");
  }
  if (!reply.contains("result")) {
    return Unavailable(
        "keyward/compliance/findings is undefined (is the keyward.compliance "
        "policy loaded?)");
  }
  const nlohmann::json& result = reply["result"];
  if (!result.is_array()) return Unavailable("the findings are not a list");
  std::vector<domain::Finding> findings;
  findings.reserve(result.size());
  for (const nlohmann::json& item : result) {
    domain::Finding finding;
    for (const auto& [name, field] : {std::pair<const char*, std::string*>{
                                          "api_key_id", &finding.api_key_id},
                                      {"rule", &finding.rule},
                                      {"severity", &finding.severity},
                                      {"message", &finding.message}}) {
      if (!item.is_object() ||
          !item.value(name, nlohmann::json()).is_string()) {
        return Unavailable(absl::StrCat("a finding has no string ", name));
      }
      *field = item[name].get<std::string>();
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace keyward::opa
