// What `keyward` tells the user when something fails, and with which exit
// code: 0 success, 1 refused or not found (any gRPC error other than
// UNAVAILABLE and DEADLINE_EXCEEDED), 2 usage error, 3 service unavailable.
// A policy denial (PERMISSION_DENIED whose grpc-status-details-bin holds a
// keyward.v1.PolicyDecisionDetails) is shown one violation per line with its
// rule; policy warnings on success come from the trailing metadata
// `keyward-policy-decision-bin`.
//
// Thread-safety: stateless.
#ifndef KEYWARD_CLI_ERRORS_H_
#define KEYWARD_CLI_ERRORS_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

namespace keyward::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitRefused = 1,
  kExitUsage = 2,
  kExitUnavailable = 3,
};

// One entry of a policy decision.
struct PolicyEntry {
  std::string rule;
  std::string message;
};

struct PolicyDecision {
  std::vector<PolicyEntry> violations;
  std::vector<PolicyEntry> warnings;
  std::string decision_id;
};

// Parses serialized status details (a google.rpc.Status, as carried in
// grpc-status-details-bin) and returns true if they hold a
// keyward.v1.PolicyDecisionDetails.
bool ParseStatusDetails(const std::string& details, PolicyDecision* decision);

// Parses a serialized keyward.v1.PolicyDecisionDetails (the value of
// keyward-policy-decision-bin); false if it does not parse.
bool ParseDecisionDetails(const std::string& bytes, PolicyDecision* decision);

// The exit code for a failed call: 3 for UNAVAILABLE and DEADLINE_EXCEEDED,
// 1 for every other error.
int ExitCodeFor(grpc::StatusCode code);

// The text to print on stderr for a failed call to `url`: "Error: ..." and,
// for a policy denial, one "  [rule] message" line per violation (and
// "  warning: [rule] message" per warning). Ends in "\n".
std::string DescribeRpcError(const grpc::Status& status,
                             const std::string& url);

// "Warning: [rule] message" lines for the warnings of a successful call's
// decision (empty when there are none).
std::string DescribeWarnings(const PolicyDecision& decision);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_ERRORS_H_
