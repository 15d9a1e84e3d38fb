#include "cli/errors.h"

#include <iterator>

#include "keyward/v1/policy.pb.h"

namespace keyward::cli {
namespace {

void Copy(const google::protobuf::RepeatedPtrField<v1::PolicyViolation>& from,
          std::vector<PolicyEntry>* to) {
  for (const v1::PolicyViolation& entry : from) {
    to->push_back({entry.rule(), entry.message()});
  }
}

void FromProto(const v1::PolicyDecisionDetails& details,
               PolicyDecision* decision) {
  *decision = PolicyDecision();
  Copy(details.violations(), &decision->violations);
  Copy(details.warnings(), &decision->warnings);
  decision->decision_id = details.decision_id();
}

std::string CodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  if (index >= 0 && index < static_cast<int>(std::size(kNames))) {
    return kNames[index];
  }
  return "code " + std::to_string(index);
}

std::string Line(const PolicyEntry& entry) {
  return "[" + entry.rule + "] " + entry.message;
}

}  // namespace

bool ParseDecisionDetails(const std::string& bytes, PolicyDecision* decision) {
  v1::PolicyDecisionDetails details;
  if (!details.ParseFromString(bytes)) return false;
  FromProto(details, decision);
  return true;
}

bool ParseStatusDetails(const std::string& details, PolicyDecision* decision) {
  if (details.empty()) return false;
  v1::RpcStatus status;
  if (!status.ParseFromString(details)) return false;
  for (const google::protobuf::Any& any : status.details()) {
    v1::PolicyDecisionDetails policy;
    if (any.Is<v1::PolicyDecisionDetails>() && any.UnpackTo(&policy)) {
      FromProto(policy, decision);
      return true;
    }
  }
  return false;
}

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnavailable;
    default:
      return kExitRefused;
  }
}

std::string DescribeRpcError(const grpc::Status& status,
                             const std::string& url) {
  // The server's message, or the code's name when it sent none.
  const std::string message = status.error_message().empty()
                                  ? CodeName(status.error_code())
                                  : status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::PERMISSION_DENIED: {
      PolicyDecision decision;
      if (!ParseStatusDetails(status.error_details(), &decision) ||
          decision.violations.empty()) {
        return "Error: permission denied: " + message + "\n";
      }
      std::string text = "Error: permission denied by policy";
      if (!decision.decision_id.empty()) {
        text += " (decision " + decision.decision_id + ")";
      }
      text += ":\n";
      for (const PolicyEntry& violation : decision.violations) {
        text += "  " + Line(violation) + "\n";
      }
      for (const PolicyEntry& warning : decision.warnings) {
        text += "  warning: " + Line(warning) + "\n";
      }
      return text;
    }
    case grpc::StatusCode::UNAVAILABLE:
      return "Error: Keyward at " + url + " is unavailable: " + message + "\n";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "Error: Keyward at " + url +
             " did not answer in time: " + message + "\n";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "Error: not authenticated: " + message +
             "\n(check your credentials: keyward login --api-key KEY, or "
             "KEYWARD_API_KEY and KEYWARD_API_SECRET)\n";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "Error: the server at " + url +
             " does not implement this call yet: " + message + "\n";
    default:
      return "Error: " + message + "\n";
  }
}

std::string DescribeWarnings(const PolicyDecision& decision) {
  std::string text;
  for (const PolicyEntry& warning : decision.warnings) {
    text += "Warning: " + Line(warning) + "\n";
  }
  return text;
}

}  // namespace keyward::cli
